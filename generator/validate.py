"""Checks that need more than one field: ids, references between fields, and across policies.

Each check is a small function taking the policy (or corpus) and a `report(path, message)`
callable, so the loader can run them all and collect every problem.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

from . import inline
from .files import refusal
from .model import Policy, Provision
from .yaml_source import dotted

Report = Callable[[tuple, str], None]
MARK = "{{"  # how every reference in a text begins (see `inline.TOKEN`)


def texts_of(policy: Policy) -> Iterator[tuple[tuple, str]]:
    """Every text field that holds `{{…}}` references, with its field path.

    Most texts hold none, so they are passed over before their path is made.
    """
    number = policy.document.number or ""
    if MARK in number:
        yield policy.document.source_path + ("number",), number
    for name in ("issued", "effective"):
        value = getattr(policy.dates, name)
        if isinstance(value, str) and MARK in value:
            yield policy.dates.source_path + (name,), value
    for i, value in enumerate(policy.dates.revised):
        if isinstance(value, str) and MARK in value:
            yield policy.dates.source_path + ("revised", i), value
    for provision in policy.provisions():
        for name, value in (("heading", provision.heading), ("term", provision.term), ("text", provision.text)):
            if value and MARK in value:
                yield provision.source_path + (name,), value
        for i, note in enumerate(provision.notes):
            if MARK in note:
                yield provision.source_path + ("notes", i), note


def unique_provision_ids(policy: Policy, report: Report) -> None:
    seen: dict[str, Provision] = {}
    for provision in policy.provisions():
        if provision.id in seen:
            first = seen[provision.id].source_path
            report(
                provision.source_path + ("label",),
                f"duplicate provision id {provision.id!r} (also at {dotted(first)}; labels must differ among siblings)",
            )
        else:
            seen[provision.id] = provision


def options_defined_and_used(policy: Policy, report: Report) -> None:
    defined = {o.id: o for o in policy.options}
    used: Counter[str] = Counter()
    for path, text in texts_of(policy):
        for option_id in inline.option_refs(text):
            used[option_id] += 1
            if option_id not in defined:
                report(
                    path,
                    f"option {option_id!r} is used in the text but not defined (expected an id listed under options)",
                )
            elif defined[option_id].kind == "optional":
                report(
                    path,
                    f"option {option_id!r} is an optional part; mark the provision with `option: {option_id}` instead of placing it in text",
                )
    for provision in policy.provisions():
        if provision.option:
            used[provision.option] += 1
            option = defined.get(provision.option)
            if option is None:
                report(
                    provision.source_path + ("option",),
                    f"option {provision.option!r} is not defined (expected an id listed under options)",
                )
            elif option.kind != "optional":
                report(
                    provision.source_path + ("option",),
                    f"option {provision.option!r} is a {option.kind}, expected an option of kind optional",
                )
    for i, option in enumerate(policy.options):
        if option.id not in used:
            report(option.source_path + ("id",), f"option {option.id!r} is defined but never used")
    if policy.options and not policy.is_template:
        report(policy.source_path + ("kind",), "only a template may define options (expected kind: template)")


def option_definitions(policy: Policy, report: Report) -> None:
    ids = Counter(o.id for o in policy.options)
    for option in policy.options:
        here = option.source_path
        if ids[option.id] > 1:
            report(here + ("id",), f"option {option.id!r} is defined more than once")
        if option.kind == "choice":
            _choice(option, report)
        elif option.alternatives:
            report(here + ("alternatives",), f"only a choice has alternatives (this option is a {option.kind})")
        if option.kind == "optional" and option.default not in (None, "include", "omit"):
            report(here + ("default",), f"{option.default!r} is not valid (expected include or omit)")


def _choice(option, report: Report) -> None:
    here = option.source_path
    if len(option.alternatives) < 2:
        report(here + ("alternatives",), "a choice needs at least two alternatives")
    alt_ids = [a.id for a in option.alternatives]
    if option.default is not None and option.default not in alt_ids:
        report(here + ("default",), f"{option.default!r} is not an alternative (expected one of: {', '.join(alt_ids)})")
    for alternative in option.alternatives:
        has_slot = "{input}" in alternative.text
        if bool(alternative.input) != has_slot:
            report(
                alternative.source_path + ("text",),
                "an alternative with `input` must contain {input} in its text, and only then",
            )


def footnotes_defined_and_used(policy: Policy, report: Report) -> None:
    defined = {f.id for f in policy.footnotes}
    used = set()
    for path, text in texts_of(policy):
        for footnote_id in inline.footnote_refs(text):
            used.add(footnote_id)
            if footnote_id not in defined:
                report(path, f"footnote {footnote_id!r} is referenced but not defined (expected an id under footnotes)")
    for footnote in policy.footnotes:
        if footnote.id not in used:
            report(
                footnote.source_path + ("id",),
                f"footnote {footnote.id!r} is never referenced (expected {{{{footnote:{footnote.id}}}}} in a text)",
            )


def repairs_point_at_text(policy: Policy, report: Report) -> None:
    provisions = {p.id: p for p in policy.provisions()}
    for repair in policy.repairs:
        provision = provisions.get(repair.provision)
        if provision is None:
            report(repair.source_path + ("provision",), f"no provision has the id {repair.provision!r}")
            continue
        value = getattr(provision, repair.field) or ""
        if repair.repaired not in value:
            report(
                repair.source_path + ("repaired",),
                f"{repair.repaired!r} does not occur in the {repair.field} of {repair.provision}",
            )


def provisions_have_content(policy: Policy, report: Report) -> None:
    for provision in policy.provisions():
        if not (provision.label or provision.heading or provision.term or provision.text.strip()):
            report(provision.source_path, "a provision needs at least one of label, heading, term, text")
        if provision.term and not provision.text.strip():
            report(provision.source_path + ("text",), f"the definition of {provision.term!r} is empty")


def original_exists(policy: Policy, report: Report, originals: Path) -> None:
    """The original is a regular file in `originals/` (not a link, a folder or a pipe: see files.py)."""
    reason = refusal(originals / policy.original, inside=originals.parent)
    if reason == "does not exist":
        report(
            policy.source_path + ("original",),
            f"{policy.original!r} is not in {originals.name}/ (expected the original's file name)",
        )
    elif reason:
        report(policy.source_path + ("original",), f"{policy.original!r} in {originals.name}/ {reason}")


def slug_matches_file(policy: Policy, report: Report, file: Path) -> None:
    if file.stem != policy.slug:
        report(policy.source_path + ("slug",), f"{policy.slug!r} does not match the file name (expected {file.stem!r})")


POLICY_CHECKS = (
    unique_provision_ids,
    options_defined_and_used,
    option_definitions,
    footnotes_defined_and_used,
    repairs_point_at_text,
    provisions_have_content,
)


def topics_known(policy: Policy, known: set[str], report: Report) -> None:
    for provision in policy.provisions():
        for i, topic_id in enumerate(provision.topics):
            if topic_id not in known:
                report(
                    provision.source_path + ("topics", i),
                    f"unknown topic {topic_id!r} (expected an id from source/topics.yml)",
                )
        if provision.topics and not provision.comparable:
            report(provision.source_path + ("comparable",), "a provision marked comparable: false cannot have topics")


def taxonomy_consistent(taxonomy, report: Report) -> None:
    groups = {g.id for g in taxonomy.groups}
    seen: set[str] = set()
    for topic in taxonomy.topics:
        if topic.id in seen:
            report(topic.source_path + ("id",), f"topic {topic.id!r} is defined more than once")
        seen.add(topic.id)
        if topic.group and topic.group not in groups:
            report(
                topic.source_path + ("group",),
                f"unknown group {topic.group!r} (expected one of: {', '.join(sorted(groups))})",
            )


def term_aliases_consistent(term_aliases, defined: set[str], report: Report) -> None:
    """Each merge rule names terms policies define, and each term appears in at most one rule."""
    listed: dict[str, tuple] = {}
    for alias in term_aliases.aliases:
        if not alias.variants:
            report(alias.source_path + ("variants",), "expected at least one variant (a term written another way)")
        names = [(alias.source_path + ("term",), alias.term)]
        names += [(alias.source_path + ("variants", i), variant) for i, variant in enumerate(alias.variants)]
        for path, name in names:
            if name not in defined:
                report(path, f"term {name!r} is not defined by any policy (expected a `term:` as a policy writes it)")
            if name in listed:
                report(path, f"term {name!r} is already listed at {dotted(listed[name])}")
            else:
                listed[name] = path
