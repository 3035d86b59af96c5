"""Comparison of the policies by topic: who says what on each topic, coverage counts, and word-level
differences between two departments' wording.

Works on the validated model only; the pages are drawn by `generator/features/compare/render.py`. Every
function takes the policies to compare explicitly. With many agencies nothing is compared with
everything: on each topic every department is diffed against one reference wording (the most common),
and every pair is diffed only among the few departments a topic page shows to begin with, so the work
grows linearly with the number of agencies.
"""

from __future__ import annotations

import difflib
import itertools
from dataclasses import dataclass
from functools import cached_property

from ...inline import as_written
from ...model import Corpus, Policy, Provision, Taxonomy, Topic, TopicGroup
from ...worddiff import Change, diff_words, word_tokens

PROVISION_BREAK = "\n"  # between the provisions of one stance's wording
SHOWN_DEPARTMENTS = 4  # departments a topic page shows side by side before the reader adds others
# Choosing the reference among equally common wordings compares at most this many candidates with at
# most this many other wordings: a bounded cost per topic, whatever the number of agencies.
REFERENCE_CANDIDATES = 8
REFERENCE_SAMPLE = 32


@dataclass
class Stance:
    """What one policy says on one topic: its provisions tagged with the topic, in document order."""

    policy: Policy
    provisions: list[Provision]

    @cached_property
    def wording(self) -> str:
        """The wording of all of the policy's provisions on the topic, one provision a line."""
        return PROVISION_BREAK.join(provision_wording(self.policy, p) for p in self.provisions)


@dataclass
class TopicComparison:
    """One topic across the compared policies: those that address it and those that are silent."""

    topic: Topic
    stances: list[Stance]
    silent: list[Policy]

    def stance(self, slug: str) -> Stance | None:
        return self._by_slug.get(slug)

    @cached_property
    def _by_slug(self) -> dict[str, Stance]:
        return {s.policy.slug: s for s in self.stances}

    @property
    def not_reviewed(self) -> list[Policy]:
        """The silent policies with provisions whose topics no one has reviewed yet (an imported draft's
        suggestions, or `topics: []`): they may yet address the topic, so they are not "not addressed"."""
        return [p for p in self.silent if p.unreviewed]

    @property
    def not_addressed(self) -> list[Policy]:
        """The silent policies whose every provision is reviewed: they say nothing on the topic."""
        return [p for p in self.silent if not p.unreviewed]

    @property
    def department_stances(self) -> list[Stance]:
        """The stances of agencies' own policies (the template's options are shown apart)."""
        return [s for s in self.stances if not s.policy.is_template]

    @property
    def template_stances(self) -> list[Stance]:
        return [s for s in self.stances if s.policy.is_template]


def compare_topics(corpus: Corpus, policies: list[Policy] | None = None) -> list[TopicComparison]:
    """Every topic of the taxonomy, in its order, compared across `policies` (default: all of them),
    from the corpus' index of provisions by topic."""
    chosen = corpus.policies if policies is None else policies
    comparisons = []
    for topic in corpus.taxonomy.topics:
        tagged = {id(policy): provisions for policy, provisions in corpus.provisions_on_topic(topic.id)}
        comparisons.append(
            TopicComparison(
                topic,
                [Stance(p, tagged[id(p)]) for p in chosen if id(p) in tagged],
                [p for p in chosen if id(p) not in tagged],
            )
        )
    return comparisons


def topics_by_group(taxonomy: Taxonomy) -> list[tuple[TopicGroup | None, list[Topic]]]:
    """The topics under their groups, groups in the taxonomy's order; ungrouped topics come last."""
    grouped = [(group, [t for t in taxonomy.topics if t.group == group.id]) for group in taxonomy.groups]
    ungrouped = [t for t in taxonomy.topics if not t.group]
    return [(g, topics) for g, topics in grouped if topics] + ([(None, ungrouped)] if ungrouped else [])


# --- Coverage -----------------------------------------------------------------------------------


def topics_addressed(comparisons: list[TopicComparison]) -> dict[str, int]:
    """Policy slug → how many of the compared topics the policy has at least one provision on
    (policies that address none are left out)."""
    counts: dict[str, int] = {}
    for comparison in comparisons:
        for stance in comparison.stances:
            counts[stance.policy.slug] = counts.get(stance.policy.slug, 0) + 1
    return counts


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


@dataclass
class PairDiff:
    """The word-level differences from the left stance's wording to the right's, and their similarity."""

    left: Stance
    right: Stance
    changes: list[Change]
    similarity: float  # 0..1: twice the words in common over all words of both (difflib's ratio)


def pair_diff(left: Stance, right: Stance) -> PairDiff:
    changes, similarity = diff_words(left.wording, right.wording)
    return PairDiff(left, right, changes, similarity)


def pair_diffs(stances: list[Stance]) -> list[PairDiff]:
    """The differences between every two of `stances`, in their order (left before right)."""
    return [pair_diff(left, right) for left, right in itertools.combinations(stances, 2)]


# --- A reference wording, for many departments ----------------------------------------------------


def wording_groups(stances: list[Stance]) -> dict[str, list[Stance]]:
    """The stances grouped by identical wording, groups in order of their first stance."""
    groups: dict[str, list[Stance]] = {}
    for stance in stances:
        groups.setdefault(stance.wording, []).append(stance)
    return groups


def _likeness(left: list[str], right: list[str]) -> float:
    """A cheap upper bound of the word-level similarity of two token lists (difflib's quick_ratio)."""
    return difflib.SequenceMatcher(None, left, right, autojunk=False).quick_ratio()


def _spread(items: list, count: int) -> list:
    """At most `count` of `items`, evenly spread over the list (first and last included)."""
    if len(items) <= count:
        return list(items)
    step = (len(items) - 1) / (count - 1)
    return [items[round(i * step)] for i in range(count)]


def reference_stance(stances: list[Stance]) -> Stance | None:
    """The stance whose wording the most departments share; among equally common wordings, the one most
    alike the others (measured on a bounded sample), then the first. None when `stances` is empty."""
    groups = wording_groups(stances)
    if not groups:
        return None
    most = max(len(group) for group in groups.values())
    candidates = [w for w, group in groups.items() if len(group) == most][:REFERENCE_CANDIDATES]
    if len(candidates) > 1:
        sample = _spread(list(groups), REFERENCE_SAMPLE)
        tokens = {w: [t.strip(" ") for t in word_tokens(w)] for w in {*sample, *candidates}}
        candidates.sort(key=lambda w: -sum(_likeness(tokens[w], tokens[o]) for o in sample if o != w))
    return groups[candidates[0]][0]


def shown_stances(
    stances: list[Stance], count: int = SHOWN_DEPARTMENTS, reference: Stance | None = None
) -> list[Stance]:
    """The departments a topic page shows before the reader chooses, in the given order: all of them
    when there are at most `count`; otherwise one department for each of the most common wordings,
    the reference's first (two departments with the same words side by side would show nothing new).
    `reference` is `reference_stance(stances)` when the caller has it already."""
    if len(stances) <= count:
        return list(stances)
    if reference is None:
        reference = reference_stance(stances)
    groups = sorted(wording_groups(stances).values(), key=lambda group: -len(group))
    chosen = [reference] + [group[0] for group in groups if group[0] is not reference]
    picked = {id(s) for s in chosen[:count]}
    return [s for s in stances if id(s) in picked]


def reference_diffs(reference: Stance, stances: list[Stance]) -> dict[str, PairDiff]:
    """Each stance's differences from `reference`, by policy slug; stances with the same wording share
    one diff, so the work grows with the number of distinct wordings."""
    by_wording: dict[str, tuple[list[Change], float]] = {}
    diffs = {}
    reference_words = reference.wording
    for stance in stances:
        wording = stance.wording
        if wording not in by_wording:
            by_wording[wording] = diff_words(reference_words, wording)
        changes, similarity = by_wording[wording]
        diffs[stance.policy.slug] = PairDiff(reference, stance, changes, similarity)
    return diffs
