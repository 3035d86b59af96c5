"""The definitions glossary: every term the policies define, merged into one entry per term.

Terms are merged only by the rules in `source/glossary.yml` (`corpus.term_aliases`): a term written
the same way is one entry, and a rule lists the other ways one term is written. Within an entry,
definitions with word-for-word the same text are grouped into one wording, and every other wording
carries a word-level difference against the most common one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from ...model import Corpus, Policy, Provision, id_segment
from ...worddiff import Change, diff_words


@dataclass
class Definition:
    """One policy's definition: the provision holding the term as written and its text."""

    policy: Policy
    provision: Provision
    term: str  # the provision's term as the policy writes it

    @property
    def wording(self) -> str:
        """The text with runs of white space folded, which is what "the same wording" compares."""
        return " ".join(self.provision.text.split())


@dataclass
class Wording:
    """One distinct wording of a term and every definition that uses it word for word."""

    text: str
    definitions: list[Definition]
    diff: list[Change] = field(default_factory=list)  # against the most common wording; empty for that one


@dataclass
class Entry:
    """One glossary term: its wordings (the most common first), the policies that define it and those that do not."""

    term: str
    anchor: str
    wordings: list[Wording]
    defined_by: list[Policy]  # in corpus order, each once
    undefined_by: list[Policy]

    @property
    def definitions(self) -> list[Definition]:
        return [d for wording in self.wordings for d in wording.definitions]

    @property
    def names(self) -> list[str]:
        """Every way the policies write the term, the entry's own spelling first."""
        return list(dict.fromkeys([self.term] + [d.term for d in self.definitions]))

    @property
    def most_common(self) -> Wording:
        return self.wordings[0]

    @property
    def letter(self) -> str:
        """The A–Z index letter the term is listed under (`#` for terms not starting with a letter)."""
        first = self.term[:1].upper()
        return first if first.isalpha() else "#"

    def definition_in(self, policy: Policy) -> Definition | None:
        return self._first_definitions.get(id(policy))

    @cached_property
    def _first_definitions(self) -> dict[int, Definition]:
        """Each defining policy's first definition, by the policy's identity (looked up for every term
        link of every policy page, so not searched for each time)."""
        first: dict[int, Definition] = {}
        for definition in self.definitions:
            first.setdefault(id(definition.policy), definition)
        return first


@dataclass
class Glossary:
    entries: list[Entry]  # in A–Z order
    policies: list[Policy]  # every policy of the corpus, defining terms or not

    def by_letter(self) -> list[tuple[str, list[Entry]]]:
        groups: dict[str, list[Entry]] = {}
        for entry in self.entries:
            groups.setdefault(entry.letter, []).append(entry)
        return list(groups.items())


def build_glossary(corpus: Corpus) -> Glossary:
    """Every definition of every policy, merged into entries by the corpus' alias rules."""
    merged: dict[str, list[Definition]] = {}
    for policy in corpus.policies:
        for provision in policy.definitions:
            if provision.term is None:
                continue
            term = corpus.term_aliases.canonical(provision.term)
            merged.setdefault(term, []).append(Definition(policy, provision, provision.term))
    terms = sorted(merged, key=_sort_key)
    anchors = _unique_anchors(terms)
    entries = [
        Entry(
            term=term,
            anchor=anchors[term],
            wordings=_wordings(merged[term]),
            defined_by=_defining(corpus.policies, merged[term], True),
            undefined_by=_defining(corpus.policies, merged[term], False),
        )
        for term in terms
    ]
    return Glossary(entries=entries, policies=list(corpus.policies))


def _defining(policies: list[Policy], definitions: list[Definition], defines: bool) -> list[Policy]:
    """The policies that give (`defines`) or do not give one of `definitions`, in corpus order."""
    defining = {d.policy.slug for d in definitions}
    return [p for p in policies if (p.slug in defining) == defines]


def _sort_key(term: str) -> tuple[str, str]:
    return term.casefold(), term


def _unique_anchors(terms: list[str]) -> dict[str, str]:
    """`term-<slug>` for each term; a slug another term already has gets a number (`-2`)."""
    anchors: dict[str, str] = {}
    taken: set[str] = set()
    for term in terms:
        base = anchor = f"term-{id_segment(term)}"
        number = 1
        while anchor in taken:
            number += 1
            anchor = f"{base}-{number}"
        taken.add(anchor)
        anchors[term] = anchor
    return anchors


def _wordings(definitions: list[Definition]) -> list[Wording]:
    """Definitions grouped by identical wording, the most common first, each differing one diffed against it.

    Ties in how many policies share a wording go to the wording closest to all the others, so that
    differences are shown against a representative text rather than an outlier; then to corpus order.
    """
    groups: dict[str, list[Definition]] = {}
    for definition in definitions:
        groups.setdefault(definition.wording, []).append(definition)
    texts = list(groups)
    ranked = sorted(texts, key=lambda t: (-len(groups[t]), -_closeness(t, texts), texts.index(t)))
    reference = ranked[0]
    return [
        Wording(text=t, definitions=groups[t], diff=diff_words(reference, t)[0] if t != reference else [])
        for t in ranked
    ]


def _closeness(text: str, texts: list[str]) -> float:
    """How alike `text` is to all the other wordings (sum of word-level similarity ratios)."""
    return sum(diff_words(text, other)[1] for other in texts if other != text)
