"""`handbook draft`: the template's policy drafted with the answers of an answers file.

Reads and checks an answers file (format in source/FIELDS.md, schema `ANSWERS_FILE` in schema.py),
applies the answers to the template's structure (generator/document.py) and writes it as Markdown, a
standalone HTML file (the page's HTML writer, generator/render/draft.py) or a Word document, by the
table of formats the page also writes its files by (generator/formats.py).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .document import answered, lines, option_places, template_document
from .model import Answer, AnswersFile, Policy, TemplateOption
from .problems import Problem, SourceError, display_path
from .render.draft import article_html, standalone_html, template_of
from .schema import ANSWERS_FILE, DATES, Invalid, check_document, described
from .write_docx import docx
from .write_markdown import markdown
from .yaml_source import SourceDocument, read_yaml

FORMATS = ("md", "html", "docx")


# --- Reading and checking answers ------------------------------------------------------------------


def read_answers(path: Path, template: Policy) -> tuple[dict[str, Answer], list[Problem], SourceDocument | None]:
    """The checked answers of an answers file, and every problem with it (empty when it is complete)."""
    doc, problems = read_yaml(path, display_path(path), None)
    if doc is None:
        return {}, problems, None
    if not isinstance(doc.value, dict):
        return (
            {},
            [
                doc.problem(
                    (), f"expected a mapping with template, version and answers, got {doc.described(doc.value, ())}"
                )
            ],
            doc,
        )
    checked = check_document(ANSWERS_FILE, doc)
    problems += checked.problems
    file: AnswersFile = checked.value
    if checked.incomplete("template") or checked.incomplete("version") or ("answers",) in checked.failed:
        return {}, problems, doc  # which template, which format: what the answers mean depends on them
    if file.template != template.slug:
        problems.append(
            doc.problem(
                ("template",), f"this answers file is for the template {file.template!r}, expected {template.slug!r}"
            )
        )
        return {}, problems, doc
    answers, places = {}, option_places(template)
    for option_id, value in file.answers.items():
        option = template.option(option_id)
        here = ("answers", option_id)
        if option is None:
            problems.append(
                doc.problem(
                    here,
                    f"unknown option id {option_id!r} (expected one of: {', '.join(o.id for o in template.options)})",
                )
            )
            continue
        written = {path[2:]: text for path, text in doc.written.items() if path[:2] == here}
        try:
            answers[option_id] = check_answer(option, value, places[option_id], written)
        except BadAnswer as exc:
            problems.append(doc.problem(here + exc.path, exc.message))
    return answers, problems, doc


class BadAnswer(ValueError):
    """An answer its option does not accept: where in the answer (a path below the option's id), and a
    message saying what was expected."""

    def __init__(self, message: str, path: tuple = ()):
        super().__init__(message)
        self.message, self.path = message, path


def expected(option: TemplateOption) -> str:
    """What an answer to `option` must be, in words (for messages)."""
    if option.kind == "fill-in":
        return (
            f'a date {DATES.written}, or "" to leave it empty'
            if option.format == "date"
            else 'text ("" to leave it empty)'
        )
    if option.kind == "optional":
        return "include or omit"
    parts = [f"{a.id} (with input: {a.input})" if a.input else a.id for a in option.alternatives]
    return "one of: " + ", ".join(parts)


def check_answer(option: TemplateOption, value, places, written: dict[tuple, str] | None = None) -> Answer:
    """One answer checked against its option; `BadAnswer` says what was expected. `written` holds how
    the file writes values YAML reads as other than text (by path below the option), to echo them."""
    check = {"fill-in": _fill_in_answer, "choice": _choice_answer, "optional": _optional_answer}[option.kind]
    return check(option, value, {p.id for p in places}, written or {})


def _unknown_keys(value: dict, keys: tuple[str, ...]) -> None:
    for key in value:
        if key not in keys:
            raise BadAnswer(f"unknown key {key!r} (expected {' and '.join(keys)})", (key,))


def _text(option: TemplateOption, value, path: tuple, written: dict) -> str:
    if option.format == "date" and isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        value = value.isoformat()  # YAML reads an unquoted 2025-01-06 as a date
    if not isinstance(value, str):
        raise BadAnswer(f"expected {expected(option)}, got {described(value, written.get(path))}", path)
    value = " ".join(value.split())
    if option.format == "date" and value:
        try:
            DATES.parse(value, expected(option))
        except Invalid as exc:
            raise BadAnswer(str(exc), path) from None
    return value


def _fill_in_answer(option, value, places, written) -> Answer:
    if not isinstance(value, dict):
        return Answer(option.id, text=_text(option, value, (), written))
    _unknown_keys(value, ("text", "places"))
    if "text" not in value:
        raise BadAnswer(f"a mapping needs text (expected {expected(option)}, or a mapping of text and places)")
    by_place = value.get("places") or {}
    if not isinstance(by_place, dict):
        raise BadAnswer(
            f"expected a mapping of place ids to text, got {described(by_place, written.get(('places',)))}",
            ("places",),
        )
    for place in by_place:
        if place not in places:
            raise BadAnswer(
                f"{place!r} is not a place of this option (expected one of: {', '.join(sorted(places))})",
                ("places", place),
            )
    answers = {place: _text(option, text, ("places", place), written) for place, text in by_place.items()}
    return Answer(
        option.id,
        text=_text(option, value["text"], ("text",), written),
        places={p: t for p, t in answers.items() if t},
    )


def _choice_answer(option, value, places, written) -> Answer:
    at: tuple[str, ...]
    if isinstance(value, dict):
        _unknown_keys(value, ("choice", "input"))
        choice, typed, at = value.get("choice"), value.get("input"), ("choice",)
    else:
        choice, typed, at = value, None, ()
    alternative = next((a for a in option.alternatives if a.id == choice), None)
    if alternative is None:
        if not isinstance(choice, str):
            raise BadAnswer(f"expected {expected(option)}, got {described(choice, written.get(at))}", at)
        raise BadAnswer(f"{choice!r} is not an alternative (expected {expected(option)})", at)
    if alternative.input:
        if not isinstance(typed, str) or not typed.strip():
            raise BadAnswer(f"{choice!r} needs input: {alternative.input} (write choice: {choice} and input: …)")
        return Answer(option.id, choice=choice, input=" ".join(typed.split()))
    if typed is not None:
        raise BadAnswer(f"{choice!r} takes no input", ("input",))
    return Answer(option.id, choice=choice)


def _optional_answer(option, value, places, written) -> Answer:
    if not isinstance(value, str):
        raise BadAnswer(f"expected {expected(option)}, got {described(value, written.get(()))}")
    if value not in ("include", "omit"):
        raise BadAnswer(f"{value!r} is not valid (expected {expected(option)})")
    return Answer(option.id, include=value == "include")


def unanswered(template: Policy, doc: SourceDocument) -> list[Problem]:
    """One problem per option the answers file does not answer at all; none when the file's answers
    cannot be read (not a mapping, or for another template): that is one problem, reported already."""
    if not isinstance(doc.value, dict) or doc.value.get("template") != template.slug:
        return []
    given = doc.value.get("answers")
    if not isinstance(given, dict):
        return []
    return [
        doc.problem(("answers", o.id), f"no answer (expected {expected(o)}: {o.label})")
        for o in template.options
        if o.id not in given
    ]


# --- Writing -----------------------------------------------------------------------------------------


def render_answers(template: Policy, answers: dict[str, Answer], output_format: str) -> str | bytes:
    """The drafted policy in `output_format` (md, html or docx)."""
    document = answered(template_document(template), answers)
    if output_format == "html":
        return standalone_html(template, article_html(document))
    if output_format == "md":
        return markdown(lines(document))
    return docx(lines(document), template.document.title)


def draft(source: Path, answers_path: Path, output_format: str, allow_blank: bool) -> str | bytes:
    """Everything `handbook draft` does short of writing: `SourceError` lists every problem."""
    from .load import load_corpus

    template = template_of(load_corpus(source))
    if template is None:
        raise SourceError([Problem(display_path(source), 1, 1, "", "the source has no template to draft from")])
    answers, problems, doc = read_answers(answers_path, template)
    if doc is not None and not allow_blank:
        problems += unanswered(template, doc)
    if problems:
        raise SourceError(problems)
    return render_answers(template, answers, output_format)
