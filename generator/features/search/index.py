"""A word index built at build time and split into small parts, for searching thousands of policies
from disk without loading (or building, in the browser) one index of everything.

Words are cut out of each text the way the browser cuts a query (`overrides/assets/javascripts/
search-index.js`), and by the same data, which this module writes into the index (`query_rules`):

- lower-cased, accents folded by `FOLD` (`Forté` → `forte`), spelling variants by `SPELLINGS`;
- every word is kept: *not*, *no*, *off*, *shall* carry the rule (rarity ranks common words low);
- a compound written with a hyphen (`off-duty`, `e-mail`) is one place holding its parts and the parts
  joined (`offduty`, `email`); two words written apart whose join is such a compound (`off duty`) are
  the same, so `email`, `e-mail` and `e mail` find one another;
- each word keeps its stem (lunr's Porter stemmer, the one lunr.js runs in the browser), so a query word
  matches the words with its stem (`duties` → `duty`);
- each word of an entry keeps its places (for "quoted phrases"), and whether it is in the entry's title
  (label, heading, defined term, page title), which ranks above its body.

The index is split by the first `KEY_LENGTH` letters of each word: a query loads only the parts of its
own words (and, for a phrase, their places, kept in files of their own), whatever the size of the handbook.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from functools import cache
from operator import itemgetter

from lunr.stemmer import stemmer
from lunr.token import Token

from ...contract import SEARCH_INDEX_SCRIPT

KEY_LENGTH = 3  # words are filed under their first three letters; a shorter word under itself
HYPHENS = "-\u2010\u2011"  # join the parts of a compound (not a dash, which separates)
# A word, or a compound of words joined by hyphens. The browser gets `BROWSER_TOKEN` (the same, in
# JavaScript's Unicode classes) with the other rules, in the index's first script.
TOKEN = re.compile(rf"[^\W_]+(?:[{HYPHENS}][^\W_]+)*")
SPLIT_HYPHENS = re.compile(f"[{HYPHENS}]").split
HAS_HYPHEN = re.compile(f"[{HYPHENS}]").search
BROWSER_TOKEN = rf"[\p{{L}}\p{{N}}]+(?:[{HYPHENS}][\p{{L}}\p{{N}}]+)*"
# Folds that Unicode's decomposition does not give.
LIGATURES = {"æ": "ae", "œ": "oe", "ß": "ss", "ø": "o", "đ": "d", "ł": "l", "ı": "i", "þ": "th"}
# Spelling variants written as their most common American form.
SPELLINGS = {
    "judgement": "judgment",
    "acknowledgement": "acknowledgment",
    "cancelled": "canceled",
    "cancelling": "canceling",
    "licence": "license",
    "offence": "offense",
    "defence": "defense",
    "behaviour": "behavior",
    "organisation": "organization",
    "authorise": "authorize",
    "authorised": "authorized",
    "practise": "practice",
}

# Where the built site keeps the index's scripts (written by generator/features/search/render.py).
FOLDER = "search-index"
INDEX = SEARCH_INDEX_SCRIPT
TOPICS = f"{FOLDER}/topics.js"
PAGES = f"{FOLDER}/pages.js"
PARTS = f"{FOLDER}/words"
PLACES = f"{FOLDER}/places"
VOCABULARY = f"{FOLDER}/vocabulary.js"
TEXTS = f"{FOLDER}/texts"
LUNR_SCRIPT = "assets/vendor/lunr/lunr.js"  # its stemmer and TokenSet, as the index was built with

Postings = list[int]  # entry numbers, each given as its difference from the one before (smaller to write)
Places = list  # per posting: its one place, or the differences of its places
Part = dict[str, list]  # word → its `indexWord` (generator/contract.py): stem, postings, postings in titles


def fold_table(texts: list[str]) -> dict[str, str]:
    """Lower-case letters → their letters without accents, for Latin letters and every letter of `texts`."""
    letters = {chr(c) for c in range(0xC0, 0x250)} | {c for text in set(texts) for c in text if ord(c) > 0x7F}
    table = {}
    for letter in sorted({c.lower() for c in letters if len(c.lower()) == 1}):
        folded = LIGATURES.get(letter) or "".join(
            c for c in unicodedata.normalize("NFKD", letter) if not unicodedata.combining(c)
        )
        if folded != letter and folded.isascii() and folded.isalnum():
            table[letter] = folded
    return table


@cache
def stem(word: str) -> str:
    return str(stemmer(Token(word)))


def part_key(word: str) -> str:
    """The part a word is filed under: its first `KEY_LENGTH` letters."""
    return word[:KEY_LENGTH]


def part_file(key: str) -> str:
    """A file name for a part: the key itself when it is plain ASCII, otherwise its UTF-8 bytes in hex."""
    return key if re.fullmatch(r"[a-z0-9]+", key) else "x" + key.encode("utf-8").hex()


def _deltas(numbers: list[int]) -> Postings:
    return [number - previous for previous, number in zip([0] + numbers, numbers)]


class Words:
    """How texts are cut into indexed words: the rules shared with the browser (`query_rules`)."""

    def __init__(self, texts: list[str]):
        self.fold = fold_table(texts)
        self._translate = str.maketrans(self.fold)
        self.compounds: set[str] = set()
        for text in set(texts):
            folded = self.folded(text)
            if HAS_HYPHEN(folded):
                for token in TOKEN.findall(folded):
                    parts = SPLIT_HYPHENS(token)
                    if len(parts) > 1:
                        self.compounds.add(self.spelled("".join(parts)))

    def folded(self, text: str) -> str:
        return text.lower().translate(self._translate)

    @staticmethod
    def spelled(word: str) -> str:
        return SPELLINGS.get(word, word)

    def places(self, text: str, start: int = 0) -> list[list[str]]:
        """The words at each place of `text`: one word, or a compound's parts and their join."""
        out: list[list[str]] = []
        spelled = SPELLINGS.get
        folded = self.folded(text)
        # Most texts have no hyphen: theirs are not split (this runs over every word indexed).
        if HAS_HYPHEN(folded):
            tokens = [[spelled(p, p) for p in SPLIT_HYPHENS(token)] for token in TOKEN.findall(folded)]
        else:
            tokens = [[spelled(token, token)] for token in TOKEN.findall(folded)]
        i, count = 0, len(tokens)
        while i < count:
            parts = tokens[i]
            if len(parts) > 1:
                out.append(parts + ["".join(parts)])
            elif i + 1 < count and len(tokens[i + 1]) == 1 and parts[0] + tokens[i + 1][0] in self.compounds:
                out.append([parts[0], tokens[i + 1][0], parts[0] + tokens[i + 1][0]])  # `off duty` as `off-duty`
                i += 1
            else:
                out.append(parts)
            i += 1
        return out

    def query_rules(self) -> dict:
        """What the browser needs to cut a query the same way (search-index.js reads it)."""
        return {
            "token": BROWSER_TOKEN,
            "hyphens": HYPHENS,
            "fold": self.fold,
            "spellings": SPELLINGS,
            "compounds": sorted(self.compounds),
            "keyLength": KEY_LENGTH,
        }


def build_parts(entries: list[tuple[str, str]]) -> tuple[Words, dict[str, Part], dict[str, dict[str, Places]]]:
    """The index of `entries` ((title, body), numbered from 0 in the given order), split into parts by
    `part_key`: the words' postings, and, apart, their places in each entry."""
    words = Words([t for entry in entries for t in entry])
    # Many entries have the same text (departments copy one another), so each distinct text is cut
    # into words once, and its words are filed with all the numbers of the entries that have it.
    numbers: dict[tuple[str, str], list[int]] = defaultdict(list)
    for number, entry in enumerate(entries):
        numbers[entry].append(number)
    found: dict[str, list[tuple[int, list[int], bool]]] = defaultdict(list)
    for (title, body), having in numbers.items():
        heading = words.places(title)
        places: dict[str, list[int]] = defaultdict(list)
        for place, at in enumerate(heading + words.places(body)):
            for word in at:
                where = places[word]
                if not where or where[-1] != place:
                    where.append(place)
        titled = {word for at in heading for word in at}
        for word, where in places.items():
            in_title = word in titled
            found[word].extend((number, where, in_title) for number in having)
    parts: dict[str, Part] = {}
    positions: dict[str, dict[str, Places]] = {}
    for word in sorted(found):
        postings = sorted(found[word], key=itemgetter(0))
        key = part_key(word)
        titled_in = [n for n, _, in_title in postings if in_title]
        parts.setdefault(key, {})[word] = [stem(word), _deltas([n for n, _, _ in postings])] + (
            [_deltas(titled_in)] if titled_in else []
        )
        positions.setdefault(key, {})[word] = [w[0] if len(w) == 1 else _deltas(w) for _, w, _ in postings]
    return words, parts, positions


def vocabulary(parts: dict[str, Part]) -> dict[str, list]:
    """Every indexed word and how many entries have it, for "did you mean" (words in no part a query loads)."""
    listed = sorted((word, _count(value[1])) for part in parts.values() for word, value in part.items())
    return {"words": [w for w, _ in listed], "counts": [c for _, c in listed]}


def _count(deltas: Postings) -> int:
    return len(deltas)
