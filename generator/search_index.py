"""A word index built at build time and split into small parts, for searching thousands of policies
from disk without loading (or building, in the browser) one index of everything.

Each text is indexed by its words, lower-cased, without lunr's stop words; each word keeps its stem
(lunr's Porter stemmer, the one lunr.js runs in the browser), so that a query word matches the words it
begins (`underc` → `undercover`) and the words with its stem (`policies` → `policy`). The index is split
by the first `KEY_LENGTH` letters of each word: a query loads only the parts of its own words, whatever
the size of the handbook. The browser reads it with `overrides/assets/javascripts/search-index.js`, which
cuts queries into words the same way.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from functools import cache

from lunr.stemmer import stemmer
from lunr.stop_word_filter import WORDS as STOP_WORDS
from lunr.token import Token

# A word: a run of letters, digits and underscores (JavaScript: /[\p{L}\p{N}_]+/gu on lower-cased text).
WORD = re.compile(r"\w+")
KEY_LENGTH = 3  # words are filed under their first three letters; a shorter word under itself

# Where the built site keeps the index's scripts (written by generator/render/search.py).
FOLDER = "search-index"
INDEX = f"{FOLDER}/index.js"
TOPICS = f"{FOLDER}/topics.js"
PAGES = f"{FOLDER}/pages.js"
PARTS = f"{FOLDER}/words"
TEXTS = f"{FOLDER}/texts"
LUNR_SCRIPT = "assets/vendor/lunr/lunr.js"  # its stemmer and stop words, as the index was built with

Postings = list[int]  # text numbers, each given as its difference from the one before (smaller to write)
Part = dict[str, list]  # word → [stem, postings]


def words_of(text: str) -> set[str]:
    """The distinct words of `text` worth indexing: lower-cased, stop words left out."""
    return {word for word in WORD.findall(text.lower()) if word not in STOP_WORDS}


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


def build_parts(texts: list[str]) -> dict[str, Part]:
    """The index of `texts` (numbered from 0 in the given order), split into parts by `part_key`."""
    # Many entries have the same text (departments copy one another), so each distinct text is cut
    # into words once, and its words are filed with all the numbers of the entries that have it.
    numbers: dict[str, list[int]] = defaultdict(list)
    for number, text in enumerate(texts):
        numbers[text].append(number)
    postings: dict[str, list[int]] = defaultdict(list)
    for text, having in numbers.items():
        for word in words_of(text):
            postings[word] += having
    parts: dict[str, Part] = {}
    for word in sorted(postings):
        parts.setdefault(part_key(word), {})[word] = [stem(word), _deltas(sorted(postings[word]))]
    return parts


def data_script(target: str, value, merge: bool = False) -> str:
    """A script assigning `value` as JSON to `self.<target>`, or, with `merge`, adding the keys of
    `value` (a dict) to it: a page opened from disk cannot fetch JSON, but it can run a script of its
    own site. `self`, not `window`, so that the same script loads into a page and into the search worker.

    The script is a file of its own, never inside a page, so its JSON needs no HTML escaping (which would
    make the scripts holding HTML a quarter larger); JSON inside a page is `render.html.embedded_json`."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    if merge:
        return f"self.{target} = Object.assign(self.{target} || {{}}, {text});\n"
    return f"self.{target} = {text};\n"
