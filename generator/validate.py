"""Checks that need more than one field: ids, references between fields, and across policies.

Each check is a small function taking the policy (or corpus) and a `report(path, message)`
callable, so the loader can run them all and collect every problem.

They also run on a policy the schema found problems in (so that every problem is reported at once):
there the refused values stand at their defaults (`Policy.incomplete`), and a check says nothing it
could only conclude from a missing value (an option "not defined" because its definition was refused).
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
    number = (policy.document.number if policy.document else None) or ""
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


def texts_complete(policy: Policy) -> bool:
    """Whether every text that may hold references passed the schema (else a use may be missing)."""
    return not (policy.incomplete("body") or policy.incomplete("dates") or policy.incomplete("document", "number"))


def ids_complete(policy: Policy, name: str) -> bool:
    """Whether every item of the list `name` (options, footnotes) and its id passed the schema."""
    return not any(p[:1] == (name,) and (len(p) <= 2 or p[2] == "id") for p in policy.failed_paths)


def unique_provision_ids(policy: Policy, report: Report) -> None:
    seen: dict[str, Provision] = {}
    for provision in policy.provisions():
        if policy.incomplete(*provision.source_path, "label"):
            continue
        if provision.id in seen:
            first = seen[provision.id].source_path
            report(
                provision.source_path + ("label",),
                f"duplicate provision id {provision.id!r} (also at {dotted(first)}; labels must differ among siblings)",
            )
        else:
            seen[provision.id] = provision


def options_defined_and_used(policy: Policy, report: Report) -> None:
    defined = {o.id: o for o in policy.options if o.id}
    all_defined = ids_complete(policy, "options")
    used: Counter[str] = Counter()
    for path, text in texts_of(policy):
        for option_id in inline.option_refs(text):
            used[option_id] += 1
            if option_id not in defined:
                if not all_defined:
                    continue
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
                if not all_defined:
                    continue
                report(
                    provision.source_path + ("option",),
                    f"option {provision.option!r} is not defined (expected an id listed under options)",
                )
            elif option.kind not in ("optional", None):
                report(
                    provision.source_path + ("option",),
                    f"option {provision.option!r} is a {option.kind}, expected an option of kind optional",
                )
    for option in policy.options:
        if option.id and option.id not in used and texts_complete(policy):
            report(option.source_path + ("id",), f"option {option.id!r} is defined but never used")
    if policy.options and policy.kind == "policy":
        report(policy.source_path + ("kind",), "only a template may define options (expected kind: template)")


def option_definitions(policy: Policy, report: Report) -> None:
    ids = Counter(o.id for o in policy.options)
    for option in policy.options:
        here = option.source_path
        if option.id and ids[option.id] > 1:
            report(here + ("id",), f"option {option.id!r} is defined more than once")
        if option.kind == "choice":
            if not policy.incomplete(*here, "alternatives"):
                _choice(option, report)
        elif option.alternatives and option.kind:
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
    all_defined = ids_complete(policy, "footnotes")
    used = set()
    for path, text in texts_of(policy):
        for footnote_id in inline.footnote_refs(text):
            used.add(footnote_id)
            if footnote_id not in defined and all_defined:
                report(path, f"footnote {footnote_id!r} is referenced but not defined (expected an id under footnotes)")
    for footnote in policy.footnotes:
        if footnote.id and footnote.id not in used and texts_complete(policy):
            report(
                footnote.source_path + ("id",),
                f"footnote {footnote.id!r} is never referenced (expected {{{{footnote:{footnote.id}}}}} in a text)",
            )


def repairs_point_at_text(policy: Policy, report: Report) -> None:
    if policy.incomplete("body"):
        return  # the provision or text a repair names may be the one refused
    provisions = {p.id: p for p in policy.provisions()}
    for repair in policy.repairs:
        if policy.incomplete(*repair.source_path):
            continue
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
        if policy.incomplete(*provision.source_path):
            continue
        if not (provision.label or provision.heading or provision.term or provision.text.strip()):
            report(provision.source_path, "a provision needs at least one of label, heading, term, text")
        if provision.term and not provision.text.strip():
            report(provision.source_path + ("text",), f"the definition of {provision.term!r} is empty")


def original_exists(policy: Policy, report: Report, originals: Path) -> None:
    """The original, and the PDF or Word file it was extracted from, are regular files in `originals/`
    (not links, folders or pipes: see files.py)."""
    for field, name, expected in (
        ("original", policy.original, "the original's file name"),
        ("original_document", policy.original_document, "the PDF or Word file's name"),
    ):
        if not name:
            continue
        reason = refusal(originals / name, inside=originals.parent)
        if reason == "does not exist":
            report(policy.source_path + (field,), f"{name!r} is not in {originals.name}/ (expected {expected})")
        elif reason:
            report(policy.source_path + (field,), f"{name!r} in {originals.name}/ {reason}")


def slug_matches_file(policy: Policy, report: Report, file: Path) -> None:
    if policy.slug and file.stem != policy.slug:
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
        for suggestion in provision.suggested_topics:
            if suggestion.topic not in known:
                report(
                    suggestion.source_path + ("topic",),
                    f"unknown topic {suggestion.topic!r} (expected an id from source/topics.yml)",
                )
        if provision.topics and not provision.comparable:
            report(provision.source_path + ("comparable",), "a provision marked comparable: false cannot have topics")
        if provision.suggested_topics and not provision.comparable:
            report(
                provision.source_path + ("comparable",),
                "a provision marked comparable: false cannot have suggested_topics "
                "(clear them: handbook review FILE --clear)",
            )


def taxonomy_consistent(taxonomy, report: Report) -> None:
    groups = {g.id for g in taxonomy.groups}
    seen: set[str] = set()
    for topic in taxonomy.topics:
        if topic.id is None:
            continue
        if topic.id in seen:
            report(topic.source_path + ("id",), f"topic {topic.id!r} is defined more than once")
        seen.add(topic.id)
        if topic.group and topic.group not in groups:
            report(
                topic.source_path + ("group",),
                f"unknown group {topic.group!r} (expected one of: {', '.join(sorted(groups))})",
            )


def term_aliases_consistent(
    term_aliases, defined: set[str] | None, report: Report, incomplete: Callable[..., bool] = lambda *path: False
) -> None:
    """Each merge rule names terms policies define (`defined`; None when not every policy could be read),
    and each term appears in at most one rule. `incomplete(*path)`: whether the schema refused a value there."""
    listed: dict[str, tuple] = {}
    for alias in term_aliases.aliases:
        if not alias.variants and not incomplete(*alias.source_path, "variants"):
            report(alias.source_path + ("variants",), "expected at least one variant (a term written another way)")
        names = [(alias.source_path + ("term",), alias.term)]
        names += [(alias.source_path + ("variants", i), variant) for i, variant in enumerate(alias.variants)]
        for path, name in names:
            if name is None:
                continue
            if defined is not None and name not in defined:
                report(path, f"term {name!r} is not defined by any policy (expected a `term:` as a policy writes it)")
            if name in listed:
                report(path, f"term {name!r} is already listed at {dotted(listed[name])}")
            else:
                listed[name] = path


# --- The codebook (source/questions.yml) and the answers provisions give ----------------------------

KIND_OF_OPTION = {"fill-in": ("text",), "choice": ("yes-no", "one-of"), "optional": ("yes-no", "one-of")}


def codebook_consistent(
    codebook, known_topics: set[str] | None, templates: list[Policy] | None, report: Report
) -> None:
    """Each question: a unique id, answers fitting its kind, known topics, and, when it corresponds to a
    template option, that option (of a kind it can answer) with each alternative mapped to one of its
    answers. `known_topics` / `templates` are None when they could not all be read (nothing is then
    concluded from their absence)."""
    seen: set[str] = set()
    options = {o.id: o for t in templates or () for o in t.options}
    for question in codebook.questions:
        here = question.source_path
        if question.id in seen:
            report(here + ("id",), f"question {question.id!r} is defined more than once")
        seen.add(question.id)
        ids = [c.id for c in question.answers]
        for i, choice in enumerate(question.answers):
            if choice.id in ids[:i]:
                report(choice.source_path + ("id",), f"answer {choice.id!r} is listed more than once")
        if question.kind == "text" and question.answers:
            report(
                here + ("answers",), "a question of kind text has no listed answers (the policy's words are the answer)"
            )
        elif question.kind == "yes-no" and sorted(ids) != ["no", "yes"]:
            report(
                here + ("answers",), "a yes-no question lists exactly the answers yes and no (each with its wording)"
            )
        elif question.kind == "one-of" and len(ids) < 2:
            report(here + ("answers",), "a one-of question lists at least two answers")
        if not question.topics:
            report(here + ("topics",), "expected at least one topic id (from source/topics.yml)")
        for i, topic_id in enumerate(question.topics):
            if known_topics is not None and topic_id not in known_topics:
                report(here + ("topics", i), f"unknown topic {topic_id!r} (expected an id from source/topics.yml)")
        _question_option(question, options, templates is not None, report)
    if templates is not None:
        mapped = {q.option for q in codebook.questions}
        # A template the codebook codes must be coded whole (a choice left out is a slip); one it does not
        # code at all (a state association's own model policy, say) is only not in the decisions matrix.
        for template in (t for t in templates if any(o.id in mapped for o in t.options)):
            for option in template.options:
                if option.kind in ("choice", "optional") and option.id not in mapped:
                    report(
                        (),
                        f"the template option {option.id!r} ({template.slug}) has no question "
                        f"(expected a question with `option: {option.id}`)",
                    )


def _question_option(question, options: dict, all_known: bool, report: Report) -> None:
    here = question.source_path
    if not question.option:
        if question.alternatives:
            report(here + ("alternatives",), "only a question with an `option` maps alternatives to answers")
        return
    option = options.get(question.option)
    if option is None:
        if all_known:
            report(
                here + ("option",),
                f"no template has the option {question.option!r} (expected an id under a template's options)",
            )
        return
    if question.kind not in KIND_OF_OPTION.get(option.kind, ()):
        expected = " or ".join(KIND_OF_OPTION.get(option.kind, ()))
        report(here + ("kind",), f"the option {option.id!r} is a {option.kind}: its question is of kind {expected}")
        return
    if option.kind == "fill-in":
        if question.alternatives:
            report(here + ("alternatives",), f"the option {option.id!r} is a fill-in: it has no alternatives to map")
        return
    keys = [a.id for a in option.alternatives] if option.kind == "choice" else ["include", "omit"]
    answers = {c.id for c in question.answers}
    for key, answer in question.alternatives.items():
        if key not in keys:
            report(
                here + ("alternatives", key),
                f"{key!r} is not an alternative of {option.id} (expected one of: {', '.join(keys)})",
            )
        elif not isinstance(answer, str) or answer not in answers:
            report(
                here + ("alternatives", key),
                f"{answer!r} is not an answer of {question.id} (expected one of: {', '.join(sorted(answers))})",
            )
    required = keys[:-1] if option.kind == "optional" else keys  # leaving a part out may leave the question open
    missing = [key for key in required if key not in question.alternatives]
    if missing:
        report(
            here + ("alternatives",),
            f"expected an answer for each alternative of {option.id}; missing: {', '.join(missing)}",
        )


def answers_coded(policy: Policy, questions: dict, report: Report) -> None:
    """Each answer a provision gives names a question of the codebook (`questions`: id → question) and
    one of its answers; its quote is words of the provision; a policy answers a question in one place;
    a template's answers to a question tied to one of its options come from the option. A suggested
    answer names a question with answers to choose from, and one of them."""
    first: dict[str, tuple] = {}
    for provision in policy.provisions():
        for suggestion in provision.suggested_answers:
            _suggestion_coded(suggestion, questions, report)
        for coding in provision.answers:
            here = coding.source_path
            question = questions.get(coding.question)
            if question is None:
                report(here, f"unknown question {coding.question!r} (expected an id from source/questions.yml)")
                continue
            if coding.question in first:
                report(here, f"question {coding.question!r} is already answered at {dotted(first[coding.question])}")
                continue
            first[coding.question] = here
            if policy.is_template and question.option and policy.option(question.option):
                report(here, f"the template's answer to {question.id!r} comes from its option {question.option!r}")
            if question.kind != "text" and question.choice(coding.answer) is None:
                report(
                    coding.answer_path,
                    f"{coding.answer!r} is not an answer of {question.id} "
                    f"(expected one of: {', '.join(c.id for c in question.answers)})",
                )
            if not provision.text.strip():
                report(here, "a provision without text gives no answer (code the provision whose words decide it)")
            elif coding.quote is not None and coding.quote not in provision.text:
                report(
                    here + ("quote",),
                    "the quote is not words of the provision's text (expected them exactly as written)",
                )


def _suggestion_coded(suggestion, questions: dict, report: Report) -> None:
    question = questions.get(suggestion.question)
    here = suggestion.source_path
    if question is None:
        report(
            here + ("question",),
            f"unknown question {suggestion.question!r} (expected an id from source/questions.yml)",
        )
    elif question.kind == "text":
        report(
            here + ("question",),
            f"{question.id!r} is answered in the policy's own words (kind text): only an answer to choose from "
            "is suggested; write it under answers",
        )
    elif question.choice(suggestion.answer) is None:
        report(
            here + ("answer",),
            f"{suggestion.answer!r} is not an answer of {question.id} "
            f"(expected one of: {', '.join(c.id for c in question.answers)})",
        )
