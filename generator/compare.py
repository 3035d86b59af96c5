"""Comparison of the policies by topic: who says what on each topic, coverage counts, and word-level
differences between two departments' wording.

Works on the validated model only; the pages are drawn by `generator/render/compare.py`. Every
function takes the policies to compare explicitly, so a reader's selection (or, with many agencies,
a chosen subset) limits the work instead of comparing every policy with every other.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from .worddiff import Change, diff_words
from .model import Corpus, Policy, Provision, Taxonomy, Topic, TopicGroup
from .inline import as_written

# A word (letters, digits, apostrophes) or one punctuation mark, with the spaces before it; or a
# provision boundary. Keeping the spaces lets a diff show the text exactly as written.
PROVISION_BREAK = "\n"


@dataclass
class Stance:
    """What one policy says on one topic: its provisions tagged with the topic, in document order."""

    policy: Policy
    provisions: list[Provision]


@dataclass
class TopicComparison:
    """One topic across the compared policies: those that address it and those that are silent."""

    topic: Topic
    stances: list[Stance]
    silent: list[Policy]

    def stance(self, slug: str) -> Stance | None:
        return next((s for s in self.stances if s.policy.slug == slug), None)

    @property
    def department_stances(self) -> list[Stance]:
        """The stances of agencies' own policies (the template's options are shown apart)."""
        return [s for s in self.stances if not s.policy.is_template]

    @property
    def template_stances(self) -> list[Stance]:
        return [s for s in self.stances if s.policy.is_template]


def provisions_on(policy: Policy, topic_id: str) -> list[Provision]:
    """The provisions of `policy` tagged with `topic_id`, in document order."""
    return [p for p in policy.provisions() if topic_id in p.topics]


def compare_topic(topic: Topic, policies: list[Policy]) -> TopicComparison:
    """Split `policies` into the stances of those that address `topic` and the silent ones."""
    stances, silent = [], []
    for policy in policies:
        provisions = provisions_on(policy, topic.id)
        if provisions:
            stances.append(Stance(policy, provisions))
        else:
            silent.append(policy)
    return TopicComparison(topic, stances, silent)


def compare_topics(corpus: Corpus, policies: list[Policy] | None = None) -> list[TopicComparison]:
    """Every topic of the taxonomy, in its order, compared across `policies` (default: all of them)."""
    chosen = corpus.policies if policies is None else policies
    return [compare_topic(topic, chosen) for topic in corpus.taxonomy.topics]


def topics_by_group(taxonomy: Taxonomy) -> list[tuple[TopicGroup | None, list[Topic]]]:
    """The topics under their groups, groups in the taxonomy's order; ungrouped topics come last."""
    grouped = [(group, [t for t in taxonomy.topics if t.group == group.id]) for group in taxonomy.groups]
    ungrouped = [t for t in taxonomy.topics if not t.group]
    return [(g, topics) for g, topics in grouped if topics] + ([(None, ungrouped)] if ungrouped else [])


# --- Coverage -----------------------------------------------------------------------------------

def topics_addressed(comparisons: list[TopicComparison], policy: Policy) -> int:
    """How many of the compared topics `policy` has at least one provision on."""
    return sum(1 for c in comparisons if c.stance(policy.slug))


def departments_addressing(comparison: TopicComparison) -> int:
    """How many departments (templates not counted) have at least one provision on the topic."""
    return len(comparison.department_stances)


# --- Wording and differences --------------------------------------------------------------------

def provision_wording(policy: Policy, provision: Provision) -> str:
    """The words of one provision as plain text: heading, defined term, text and notes.

    Template options appear as their original brackets, footnote marks are left out.
    """
    parts = [provision.heading, provision.term, provision.text, *provision.notes]
    return " ".join(as_written(part, policy.bracket_of) for part in parts if part and part.strip())


def stance_wording(stance: Stance) -> str:
    """The wording of all of a policy's provisions on a topic, one provision a line."""
    return PROVISION_BREAK.join(provision_wording(stance.policy, p) for p in stance.provisions)


@dataclass
class PairDiff:
    """The word-level differences from the left stance's wording to the right's, and their similarity."""

    left: Stance
    right: Stance
    changes: list[Change]
    similarity: float  # 0..1: twice the words in common over all words of both (difflib's ratio)

    def words(self, kind: str) -> list[str]:
        """The words (no punctuation) of every change of `kind`, in order."""
        return [w for c in self.changes if c.kind == kind for w in re.findall(r"[\w'’]+", c.text)]


def pair_diff(left: Stance, right: Stance) -> PairDiff:
    changes, similarity = diff_words(stance_wording(left), stance_wording(right))
    return PairDiff(left, right, changes, similarity)


def pair_diffs(stances: list[Stance]) -> list[PairDiff]:
    """The differences between every two of `stances`, in their order (left before right)."""
    return [pair_diff(left, right) for left, right in itertools.combinations(stances, 2)]
