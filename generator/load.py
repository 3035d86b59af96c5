"""Load `source/`: read every policy file, check it against the schema and across files, build the model."""

from __future__ import annotations

import gc
import os
import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from . import validate
from .model import Codebook, Corpus, Policy, Taxonomy, TermAliases, assign_ids
from .problems import Problem, SourceError, display_path
from .schema import CODEBOOK, POLICY, TAXONOMY, TERM_ALIASES, check_document
from .yaml_source import SourceDocument, read_yaml
from .yaml_source import dotted as _dotted


@dataclass(frozen=True)
class SourceLayout:
    """Where the parts of `source/` live."""

    root: Path

    @property
    def policies(self) -> Path:
        return self.root / "policies"

    @property
    def originals(self) -> Path:
        return self.root / "originals"

    @property
    def topics(self) -> Path:
        return self.root / "topics.yml"

    @property
    def glossary(self) -> Path:
        return self.root / "glossary.yml"

    @property
    def questions(self) -> Path:
        return self.root / "questions.yml"

    def policy_files(self) -> list[Path]:
        return sorted(self.policies.glob("*.yml")) + sorted(self.policies.glob("*.yaml"))


def load_policy(
    path: Path, layout: SourceLayout, shown_as: str | None = None, named: bool = False
) -> tuple[Policy | None, list[Problem]]:
    """One policy file: parse, check the schema, derive ids, run the policy checks. Messages name the
    file as `shown_as` (by default its path as the user reads it). A file the user `named` on the
    command line may be outside the source folder (see `files.open_regular`)."""
    doc, problems = read_yaml(path, shown_as or display_path(path), None if named else layout.root)
    if doc is None:
        return None, problems
    policy = _build_policy(doc, path, layout, problems)
    if policy is not None:
        policy.positions = doc.positions
    return policy, problems


def _build_policy(doc: SourceDocument, path: Path, layout: SourceLayout, problems: list[Problem]) -> Policy | None:
    """The policy of a parsed file. With schema problems it is incomplete (`Policy.failed_paths`), but the
    checks across fields still run on the rest, so that every problem of the file is reported at once."""
    if not isinstance(doc.value, dict):
        problems.append(
            doc.problem((), f"expected a mapping of policy fields at the top level, got {doc.described(doc.value, ())}")
        )
        return None
    checked = check_document(POLICY, doc)
    problems += checked.problems
    policy: Policy = checked.value
    policy.failed_paths = checked.failed
    policy.file = doc.file
    assign_ids(policy)
    report = _reporter(doc, problems)
    for check in validate.POLICY_CHECKS:
        check(policy, report)
    validate.original_exists(policy, report, layout.originals)
    validate.slug_matches_file(policy, report, path)
    return policy


_cache: dict[Path, tuple[tuple, Corpus]] = {}


def load_corpus(source: Path) -> Corpus:
    """The whole handbook's data, or `SourceError` listing every problem in every file.

    The last good result per folder is kept while no file in it changes (same names, sizes and
    modification times), so checking before a build and building cost one load, not two.
    """
    if not source.is_dir():  # also a link loop, which `is_dir` does not follow for ever
        what = "does not exist" if not os.path.lexists(source) else "is not a folder"
        raise SourceError(
            [
                Problem(
                    display_path(source),
                    1,
                    1,
                    "",
                    f"{what} (expected the source folder: see --source, or the handbook plugin's `source` option)",
                )
            ]
        )
    folder = Path(os.path.realpath(source))
    key = _fingerprint(source)
    cached = _cache.get(folder)
    if cached and cached[0] == key:
        return cached[1]
    with collector_paused():
        corpus = _load_corpus(source)
    _cache[folder] = (key, corpus)
    return corpus


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while the block runs (and resume it after, if it ran).

    Loading and rendering a large handbook make hundreds of thousands of objects that stay in use to
    the end (the model, its positions, the pages). Each full collection scans all of them again and
    finds next to nothing to free: at a thousand agencies that was a fifth of the loading time. What
    is dropped meanwhile is still freed at once by reference counting; the few cycles wait until after.
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def _fingerprint(source: Path) -> tuple:
    """Every entry of the folder as itself (a link as a link, not what it points to)."""
    entries = []
    for path in sorted(source.rglob("*")) if source.is_dir() else []:
        try:
            status = path.lstat()
        except OSError:
            continue
        entries.append((str(path), status.st_mode, status.st_ino, status.st_size, status.st_mtime_ns))
    return tuple(entries)


def _load_corpus(source: Path) -> Corpus:
    layout = SourceLayout(source)
    files = layout.policy_files()
    if not files:
        raise SourceError(
            [Problem(display_path(layout.policies), 1, 1, "", "no policy files found (expected <slug>.yml files)")]
        )
    problems: list[Problem] = []
    policies: list[Policy] = []
    for path in files:
        policy, found = load_policy(path, layout)
        problems += found
        if policy is not None:
            policies.append(policy)
    all_policies = len(policies) == len(files) and not any(p.incomplete("body") for p in policies)
    problems += _duplicate_slugs(policies)
    taxonomy, warnings = _load_taxonomy(layout, policies, problems)
    term_aliases = _load_term_aliases(layout, policies, problems, all_policies)
    codebook = _load_codebook(layout, policies, problems, taxonomy, all_policies)
    if problems:
        raise SourceError(problems)
    warnings += [not_yet_reviewed(policy) for policy in policies if policy.unreviewed]
    coded = {q.option for q in codebook.questions}
    warnings += [
        f"{display_path(layout.questions)}: no question codes the template {p.slug!r}: its choices are not "
        "in the decisions matrix or under 'How others decided'"
        for p in policies
        if p.is_template and p.options and codebook.questions and not any(o.id in coded for o in p.options)
    ]
    ordered = sorted(policies, key=lambda p: (p.is_template, p.agency.name.lower(), _in_order(p.document.number)))
    per_agency = Counter(p.agency.name for p in ordered)
    for policy in ordered:
        policy.agency_policies = per_agency[policy.agency.name]
    return Corpus(policies=ordered, taxonomy=taxonomy, term_aliases=term_aliases, codebook=codebook, warnings=warnings)


def not_yet_reviewed(policy: Policy) -> str:
    """How many of a policy's provisions a person has still to review for topics, and how."""
    suggested = sum(1 for p in policy.unreviewed if p.suggested_topics)
    untagged = len(policy.unreviewed) - suggested
    parts = []
    if suggested:
        parts.append(
            f"{suggested} with suggested topics (accept or clear them: handbook review {policy.file} --accept, --clear)"
        )
    if untagged:
        parts.append(f"{untagged} with no topics (tag them, or write comparable: false)")
    count = len(policy.unreviewed)
    return f"{policy.file}: {count} provision{'s' if count != 1 else ''} not yet reviewed: {'; '.join(parts)}"


def check_policy_file(path: Path, layout: SourceLayout) -> tuple[Policy | None, list[Problem]]:
    """A policy file the user names (it may be a draft outside the source folder), checked as
    `handbook check` checks it on its own: the schema, the policy checks and its topic ids against
    the source folder's `topics.yml`."""
    policy, problems = load_policy(path, layout, named=True)
    if policy is not None and not problems:
        _load_taxonomy(layout, [policy], problems)
    return policy, problems


def _read_shared(path: Path, record, default, problems: list[Problem]):
    """A shared data file (optional): `(value, doc, checked)`, `(default, None, None)` when there is none,
    or None when it cannot be parsed or is no regular file (its problems are reported). With schema
    problems the value is incomplete: `checked.incomplete` says where."""
    if not os.path.lexists(path):
        return default, None, None
    doc, found = read_yaml(path, display_path(path), path.parent)
    problems += found
    if doc is None:
        return None
    checked = check_document(record, doc)
    problems += checked.problems
    return checked.value or default, doc, checked


def _load_taxonomy(layout: SourceLayout, policies: list[Policy], problems: list[Problem]) -> tuple[Taxonomy, list[str]]:
    """The topic taxonomy (optional file) and the checks of every provision's topic ids against it."""
    read = _read_shared(layout.topics, TAXONOMY, Taxonomy(), problems)
    if read is None:
        return Taxonomy(), []
    taxonomy, doc, checked = read
    if doc is not None:
        validate.taxonomy_consistent(taxonomy, _reporter(doc, problems))
    known = {t.id for t in taxonomy.topics}
    # A topic the schema refused cannot be told from one that is not there: the provisions' topics wait.
    all_known = checked is None or not any(
        p[:1] == ("topics",) and (len(p) <= 2 or p[2] == "id") for p in checked.failed
    )
    for policy in policies if all_known else ():
        validate.topics_known(policy, known, _policy_reporter(policy, problems))
    used = {t for p in policies for v in p.provisions() for t in v.topics}
    warnings = [
        f"{display_path(layout.topics)}: topic {t.id!r} is not used by any provision"
        for t in taxonomy.topics
        if t.id not in used
    ]
    return taxonomy, warnings


def _policy_reporter(policy: Policy, problems: list[Problem]) -> validate.Report:
    """Reports a problem at a field of `policy`, where its file has it."""

    def report(path: tuple, message: str) -> None:
        line, column = policy.positions.get(path, (1, 1))
        problems.append(Problem(policy.file, line, column, _dotted(path), message))

    return report


def _load_term_aliases(
    layout: SourceLayout, policies: list[Policy], problems: list[Problem], all_policies: bool
) -> TermAliases:
    """The glossary's merge rules (optional file), each checked against the terms the policies define.
    Unless `all_policies` (every policy file read, every body complete), a term no policy defines may
    be defined in what could not be read: that is not reported."""
    read = _read_shared(layout.glossary, TERM_ALIASES, TermAliases(), problems)
    if read is None or read[1] is None:
        return TermAliases()
    term_aliases, doc, checked = read
    defined = (
        {provision.term for policy in policies for provision in policy.definitions if provision.term}
        if all_policies
        else None
    )
    validate.term_aliases_consistent(term_aliases, defined, _reporter(doc, problems), checked.incomplete)
    return term_aliases


def _load_codebook(
    layout: SourceLayout, policies: list[Policy], problems: list[Problem], taxonomy: Taxonomy, all_policies: bool
) -> Codebook:
    """The codebook (optional file), checked against the topics and the templates' options; then the
    answers every provision gives, checked against it (a provision may give none without a codebook)."""
    read = _read_shared(layout.questions, CODEBOOK, Codebook(), problems)
    codebook, doc, checked = read if read is not None else (Codebook(), None, None)
    if doc is not None:
        # Topics are checked only against a topics file that could be read (not one that is a folder).
        known = {t.id for t in taxonomy.topics} if layout.topics.is_file() and taxonomy.topics else None
        templates = [p for p in policies if p.is_template] if all_policies else None
        validate.codebook_consistent(codebook, known, templates, _reporter(doc, problems))
    questions_complete = read is not None and (checked is None or not checked.incomplete("questions"))
    questions = {q.id: q for q in codebook.questions}
    for policy in policies if questions_complete else ():
        validate.answers_coded(policy, questions, _policy_reporter(policy, problems))
    return codebook


def _in_order(number: str | None) -> list[tuple[int, str]]:
    """A policy number as it sorts among its agency's: `342` before `1027`, `2.4` before `2.10`."""
    return [(int(part), "") if part.isdigit() else (0, part) for part in re.findall(r"\d+|\D+", number or "")]


def _duplicate_slugs(policies: list[Policy]) -> list[Problem]:
    first: dict[str, Policy] = {}
    problems: list[Problem] = []
    for policy in policies:
        if policy.slug is None:
            continue
        if policy.slug in first:
            report = _policy_reporter(policy, problems)
            report(("slug",), f"duplicate policy slug {policy.slug!r} (also used by {first[policy.slug].file})")
        else:
            first[policy.slug] = policy
    return problems


def _reporter(doc: SourceDocument, problems: list[Problem]):
    return lambda path, message: problems.append(doc.problem(path, message))
