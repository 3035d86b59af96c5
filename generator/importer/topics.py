"""Rule: suggested topics — each comparable provision of the draft gets the topics of the handbook's most
similar tagged provisions, each with its similarity and the provision it came from.

Similarity is the cosine of TF-IDF weights (Salton's vector space model): a provision's words are cut as
the site search cuts them, lunr's stop words dropped and each word reduced to its stem by lunr's Porter
stemmer (`generator/features/search/index.py`); a word weighs `log(1 + count)` times its rarity among
the handbook's tagged provisions, `log((1 + N) / (1 + n)) + 1` for a word in `n` of `N`. A provision is
read with the headings above it and the lead-in of its list (`shall not:`), at half weight: an item
means little without them. The suggestion for a topic is the most similar provision carrying it, so
the figure is one a person can check: open that provision and read the two side by side.

Suggestions are not tags: the draft keeps them under `suggested_topics` until a person accepts them
(`handbook review FILE --accept`) or clears them.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from lunr.stop_word_filter import WORDS as STOP_WORDS

from ..features.search.index import stem
from ..model import Policy, Provision, Question
from .draft import is_comparable
from .state import DROPPED_HYPHEN, ImportState, Node

WORD = re.compile(r"[^\W_]+")
CONTEXT_WEIGHT = 0.5  # the headings above a provision and its list's lead-in count half as much as its words
# Below this, two provisions share little more than the subject of the whole policy: on the handbook's own
# departments a first suggestion under 0.3 was right 1 time in 4, and the corpus' policies on other subjects
# (use of force, hiring) reach 0.2 to 0.5 against a handbook on social media (benchmarks/import_corpus.py).
MIN_SIMILARITY = 0.3
WITHIN_BEST = 0.75  # a further topic is suggested only when its provision is nearly as similar as the best
MAX_SUGGESTIONS = 3


@dataclass
class Suggestion:
    topic: str
    similarity: float
    source: str  # the id of the handbook's provision the topic is from


Vector = dict[str, float]  # stem → weight
Counts = dict[str, float]  # stem → (weighted) count


def words(text: str, keep: frozenset[str] = frozenset()) -> list[str]:
    """The stems of a text's words, stop words left out (but those in `keep`)."""
    found = []
    for word in WORD.findall(text.replace(DROPPED_HYPHEN, "").lower()):
        if (word not in STOP_WORDS or word in keep) and not word.isdigit() and len(word) > 1:
            found.append(stem(word))
    return found


def weighted_counts(own: str, context: Iterable[str]) -> Counts:
    """Each stem's count in a provision: its own words count 1, its context's `CONTEXT_WEIGHT`."""
    counts: Counts = {}
    for word in words(own):
        counts[word] = counts.get(word, 0.0) + 1.0
    for text in context:
        for word in words(text):
            counts[word] = counts.get(word, 0.0) + CONTEXT_WEIGHT
    return counts


@dataclass
class Vectors:
    """Provisions as unit-length TF-IDF vectors, with an inverted index to find the similar ones."""

    idf: dict[str, float] = field(default_factory=dict)
    postings: dict[str, list[tuple[int, float]]] = field(default_factory=dict)

    def index(self, counts: list[Counts]) -> None:
        """Weigh each word by its rarity among `counts` (one per provision, numbered in order) and index them."""
        documents = len(counts)
        frequency: Counter[str] = Counter(word for c in counts for word in c)
        self.idf = {word: math.log((1 + documents) / (1 + n)) + 1 for word, n in frequency.items()}
        for number, c in enumerate(counts):
            for word, weight in self.vector(c).items():
                self.postings.setdefault(word, []).append((number, weight))

    def vector(self, counts: Counts) -> Vector:
        """Unit-length TF-IDF weights; words the handbook never uses weigh nothing (nothing shares them)."""
        weights = {w: math.log1p(c) * self.idf[w] for w, c in counts.items() if c > 0 and w in self.idf}
        norm = math.sqrt(sum(v * v for v in weights.values()))
        return {w: v / norm for w, v in weights.items()} if norm else {}

    def similar(self, counts: Counts) -> list[tuple[float, int]]:
        """(similarity, provision number) of every indexed provision sharing a word, most similar first."""
        scores: dict[int, float] = {}
        for word, weight in self.vector(counts).items():
            for number, other in self.postings.get(word, ()):
                scores[number] = scores.get(number, 0.0) + weight * other
        return sorted(((score, number) for number, score in scores.items()), key=lambda s: (-s[0], s[1]))


def tagged(policies: Iterable[Policy]) -> Iterator[Provision]:
    """The provisions of `policies` a person compared under topics (a template's too), in order: what a
    suggestion is drawn from."""
    return (p for policy in policies for p in policy.provisions() if p.topics and p.comparable)


@dataclass
class TopicIndex(Vectors):
    """The handbook's tagged provisions as TF-IDF vectors; with the codebook, also the answers its coded
    provisions give (`answers`), for suggesting answers."""

    ids: list[str] = field(default_factory=list)
    topics: list[list[str]] = field(default_factory=list)
    answers: Any = None  # `answers.AnswerIndex`, when the handbook has a codebook

    @classmethod
    def from_policies(cls, policies: Iterable[Policy], questions: Iterable[Question] = ()) -> TopicIndex:
        """The tagged provisions of `policies` (a template's too: its provisions are tagged like any other);
        with `questions` (the codebook), the answers their coded provisions give too."""
        from .answers import AnswerIndex  # that module builds on this one

        policies = list(policies)
        index = cls()
        counts: list[Counts] = []
        for provision in tagged(policies):
            index.ids.append(provision.id)
            index.topics.append(list(dict.fromkeys(provision.topics)))
            counts.append(weighted_counts(own_text(provision), _provision_context(provision)))
        index.index(counts)
        questions = list(questions)
        if questions:
            index.answers = AnswerIndex.from_policies(policies, questions)
        return index

    def __len__(self) -> int:
        return len(self.ids)

    def suggest(self, counts: Counts) -> list[Suggestion]:
        """The topics of the most similar tagged provisions: for each topic its most similar provision,
        at least `MIN_SIMILARITY` and `WITHIN_BEST` of the best, at most `MAX_SUGGESTIONS`."""
        suggestions: dict[str, Suggestion] = {}
        best = None
        for score, number in self.similar(counts):
            if best is None:
                best = score
            if score < MIN_SIMILARITY or score < WITHIN_BEST * best or len(suggestions) >= MAX_SUGGESTIONS:
                break
            for topic in self.topics[number]:
                if topic not in suggestions and len(suggestions) < MAX_SUGGESTIONS:
                    suggestions[topic] = Suggestion(topic, round(min(score, 1.0), 2), self.ids[number])
        return list(suggestions.values())


def own_text(provision: Provision) -> str:
    """A provision's own words: its heading, text and notes."""
    return " ".join(x for x in (provision.heading, provision.text, *provision.notes) if x)


def _provision_context(provision: Provision) -> Iterator[str]:
    """The headings above a provision, and its parent's words when the parent is its list's lead-in."""
    parent = provision.parent
    if parent is not None and parent.text.strip():
        yield parent.text
    while parent is not None:
        if parent.heading:
            yield parent.heading
        parent = parent.parent


def suggest_topics(state: ImportState) -> None:
    """Each comparable provision of the draft gets the suggestions of `state.topic_index` (none without one)."""
    index = state.topic_index
    if index is None or not len(index):
        return

    def visit(nodes: list[Node], lead_in: str, headings: list[str]) -> None:
        for node in nodes:
            if is_comparable(node):
                own = " ".join(x for x in (node.heading, *node.paragraphs, *node.notes) if x)
                context = ([lead_in] if lead_in else []) + headings
                if any(word in index.idf for word in words(own)):  # its context alone is no likeness
                    node.suggested = index.suggest(weighted_counts(own, context))
            visit(node.children, " ".join(node.paragraphs), ([node.heading] if node.heading else []) + headings)

    visit(state.body, "", [])
