"""Rule: suggested answers — where a provision of the draft has nearly the same wording as a coded provision
of the handbook, it gets that provision's answers to the codebook's questions, each with the similarity and
the provision it came from.

Answers turn on a few small words (`shall` or `should`, `not`, `only`, `where possible`, `without
approval`) that the topics' likeness drops as stop words, and on the provision's own words, not its
headings. So the likeness here is the cosine of TF-IDF weights of the two provisions' own words (heading,
text, notes), with the modal, negating and qualifying words kept (`DECIDING`), and a suggestion is made
only when both provisions say those words in the same order: `Where possible, pages should state` is not
`Pages should state`, however alike the rest.

Measured by leave-one-out on the handbook's four departments (each imported from its original, the others
as the handbook; `benchmarks/import_corpus.py --answers`): with the same deciding words, every suggestion
of a similarity of at least 0.55 was the department's own answer (24 of 24), and the count stayed the same
up to 0.75; without that condition, about one in four suggestions was wrong at any similarity. The
threshold is the top of that flat range (`MIN_SIMILARITY`): "nearly the same wording", with a margin for
documents unlike these four. Only answers to choose from are suggested: a `text` question's answer is the
policy's own words (who approves), which another department's provision cannot give. Each question is
suggested once per draft, on its most similar provision: a policy answers a question in one provision.

Suggestions are not codings: the draft keeps them under `suggested_answers` until a person accepts them
(`handbook review FILE --accept`) or clears them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..model import Policy, Question
from .draft import is_comparable
from .state import DROPPED_HYPHEN, ImportState, Node
from .topics import WORD, Counts, Vectors, own_text, tagged, words

MIN_SIMILARITY = 0.75
# The words that decide an answer: modal verbs, negation, and the words that qualify or condition a rule.
# Those among lunr's stop words are kept for the likeness; all of them, in order, must be the same.
DECIDING = frozenset(
    [
        "may",
        "must",
        "shall",
        "should",
        "will",
        "cannot",
        "not",
        "no",
        "nor",
        "neither",
        "never",
        "only",
        "all",
        "any",
        "unless",
        "except",
        "without",
        "prior",
        "written",
        "approval",
        "permission",
        "authorized",
        "authorization",
        "consent",
        "possible",
        "practical",
        "practicable",
        "feasible",
        "encouraged",
        "discouraged",
        "prohibited",
        "permitted",
        "required",
        "advised",
        "recommended",
        "strongly",
    ]
)


@dataclass
class AnswerSuggestion:
    question: str
    answer: str
    similarity: float
    source: str  # the id of the handbook's coded provision the answer is from


def deciding_words(text: str) -> tuple[str, ...]:
    """The words of `text` that decide an answer (`DECIDING`), in order."""
    return tuple(word for word in WORD.findall(text.replace(DROPPED_HYPHEN, "").lower()) if word in DECIDING)


def own_counts(own: str) -> Counts:
    """Each stem's count in a provision's own words, the deciding words kept."""
    counts: Counts = {}
    for word in words(own, keep=DECIDING):
        counts[word] = counts.get(word, 0.0) + 1.0
    return counts


@dataclass
class AnswerIndex(Vectors):
    """The handbook's tagged provisions by their own words, and the answers to choose from that the coded
    ones give (question id, answer id)."""

    ids: list[str] = field(default_factory=list)
    codings: list[list[tuple[str, str]]] = field(default_factory=list)
    deciding: list[tuple[str, ...]] = field(default_factory=list)

    @classmethod
    def from_policies(cls, policies: Iterable[Policy], questions: Iterable[Question]) -> AnswerIndex:
        choices = {q.id for q in questions if q.kind != "text"}
        index = cls()
        counts: list[Counts] = []
        for provision in tagged(policies):
            index.ids.append(provision.id)
            index.codings.append([(c.question, c.answer) for c in provision.answers if c.question in choices])
            index.deciding.append(deciding_words(provision.text))
            counts.append(own_counts(own_text(provision)))
        index.index(counts)
        return index

    def __len__(self) -> int:
        return sum(1 for codings in self.codings if codings)

    def suggest(self, own: str, text: str) -> list[AnswerSuggestion]:
        """The answers of the most similar coded provision, when at least `MIN_SIMILARITY` alike and
        saying the same deciding words as `text` (the provision's text), in the same order."""
        for score, number in self.similar(own_counts(own)):
            if score < MIN_SIMILARITY:
                return []
            if self.codings[number]:
                if self.deciding[number] != deciding_words(text):
                    return []
                similarity = round(min(score, 1.0), 2)
                return [AnswerSuggestion(q, a, similarity, self.ids[number]) for q, a in self.codings[number]]
        return []


def suggest_answers(state: ImportState) -> None:
    """Each comparable provision of the draft with text gets the suggestions of the handbook's answer index
    (none without a codebook); each question only on the provision most like its source."""
    index = state.topic_index.answers if state.topic_index is not None else None
    if index is None or not len(index):
        return
    best: dict[str, tuple[AnswerSuggestion, Node]] = {}
    for node in (n for top in state.body for n in top.walk()):
        if not is_comparable(node) or not node.paragraphs:
            continue
        own = " ".join(x for x in (node.heading, *node.paragraphs, *node.notes) if x)
        for suggestion in index.suggest(own, "\n".join(node.paragraphs)):
            held = best.get(suggestion.question)
            if held is None or suggestion.similarity > held[0].similarity:
                best[suggestion.question] = (suggestion, node)
    for suggestion, node in best.values():
        node.suggested_answers.append(suggestion)
