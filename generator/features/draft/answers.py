"""`handbook draft`: the template's policy drafted with the answers of an answers file.

Reads and checks an answers file (format in source/FIELDS.md, schema `ANSWERS_FILE` in schema.py),
renders the drafted policy with generator/features/draft/render.py (the same renderer the browser page shows)
and writes it as Markdown, a standalone HTML file or a Word document. Markdown and Word are written
from the rendered HTML by walking its blocks, exactly as overrides/assets/javascripts/draft.js does.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from ...model import Answer, AnswersFile, Policy, TemplateOption
from ...problems import Problem, SourceError, display_path
from ...schema import ANSWERS_FILE, DATES, Invalid, check_document, described
from ...yaml_source import SourceDocument, read_yaml
from .render import MARKDOWN_SPECIAL, document_html, option_places, standalone_html, template_of

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


# --- Walking the rendered blocks (as draft.js does) --------------------------------------------------


@dataclass
class Run:
    """A piece of a block's text, its Markdown form and its character format."""

    text: str
    markdown: str
    styles: frozenset = frozenset()


@dataclass
class Block:
    """One paragraph of the drafted policy."""

    kind: str  # title, heading-N, paragraph, note, footnote
    depth: int
    md_prefix: str
    runs: list[Run] = field(default_factory=list)

    @property
    def markdown(self) -> str:
        return self.md_prefix + "".join(r.markdown for r in self.runs)

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


class _BlockWalker(HTMLParser):
    """Collects the blocks of a rendered draft (`data-md-block` elements) and their runs.

    Inside a block: `hidden` elements are skipped; an element with `data-md` contributes that Markdown
    instead of its text's; `data-md-before`/`data-md-after` wrap an element's Markdown.
    """

    def __init__(self, escape_chars: str):
        super().__init__(convert_charrefs=True)
        self.escape_chars = escape_chars
        self.blocks: list[Block] = []
        self.block: Block | None = None
        self.open: list[dict] = []  # attributes of the open elements inside the current block

    def _hidden(self) -> bool:
        return any("hidden" in a for a in self.open)

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if self.block is None:
            if "data-md-block" in a:
                depth = re.search(r"\bdepth-(\d+)", a.get("class", ""))
                self.block = Block(
                    a.get("data-docx", "paragraph"), int(depth.group(1)) if depth else 0, a["data-md-block"]
                )
                self.open = [a]
            return
        self.open.append(a)
        if not self._hidden():
            self.block.runs.append(Run("", a.get("data-md-before", "") + a.get("data-md", "")))

    def handle_endtag(self, tag):
        if self.block is None:
            return
        if not self._hidden():
            self.block.runs.append(Run("", self.open[-1].get("data-md-after", "")))
        self.open.pop()
        if not self.open:
            self.blocks.append(self.block)
            self.block = None

    def handle_data(self, data):
        if self.block is None or self._hidden():
            return
        replaced = any("data-md" in a for a in self.open)
        markdown = "" if replaced else "".join("\\" + c if c in self.escape_chars else c for c in data)
        styles = frozenset(a["data-run"] for a in self.open if "data-run" in a)
        self.block.runs.append(Run(data, markdown, styles))


def blocks_of(article_html: str, escape_chars: str) -> list[Block]:
    walker = _BlockWalker(escape_chars)
    walker.feed(article_html)
    walker.close()
    return walker.blocks


# --- Writing -----------------------------------------------------------------------------------------


def draft_markdown(blocks: list[Block]) -> str:
    return "\n\n".join(b.markdown for b in blocks) + "\n"


INDENT_PER_DEPTH_TWIPS = 360  # a quarter inch per level of the outline, as in the browser's Word file


def draft_docx(blocks: list[Block], title: str) -> bytes:
    """A Word document: Title and Heading styles, the outline indented by depth, labels as written."""
    import docx
    from docx.enum.text import WD_COLOR_INDEX
    from docx.shared import Twips

    document = docx.Document()
    document.core_properties.title = title
    for block in blocks:
        if block.kind == "title":
            paragraph = document.add_paragraph(style="Title")
        elif block.kind.startswith("heading-"):
            paragraph = document.add_paragraph(style=f"Heading {int(block.kind.split('-')[1]) - 1}")
        else:
            paragraph = document.add_paragraph(style="Quote" if block.kind == "note" else None)
        paragraph.paragraph_format.left_indent = Twips(INDENT_PER_DEPTH_TWIPS * block.depth)
        for run in block.runs:
            if not run.text:
                continue
            added = paragraph.add_run(run.text)
            added.bold = "bold" in run.styles or None
            added.italic = "italic" in run.styles or None
            added.font.superscript = "superscript" in run.styles or None
            if "blank" in run.styles:
                added.font.highlight_color = WD_COLOR_INDEX.YELLOW
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def render_answers(template: Policy, answers: dict[str, Answer], output_format: str) -> str | bytes:
    """The drafted policy in `output_format` (md, html or docx)."""
    article = document_html(template, answers)
    if output_format == "html":
        return standalone_html(template, article)
    blocks = blocks_of(article, MARKDOWN_SPECIAL)
    if output_format == "md":
        return draft_markdown(blocks)
    return draft_docx(blocks, template.document.title)


def draft(source: Path, answers_path: Path, output_format: str, allow_blank: bool) -> str | bytes:
    """Everything `handbook draft` does short of writing: `SourceError` lists every problem."""
    from ...load import load_corpus

    template = template_of(load_corpus(source))
    if template is None:
        raise SourceError([Problem(display_path(source), 1, 1, "", "the source has no template to draft from")])
    answers, problems, doc = read_answers(answers_path, template)
    if doc is not None and not allow_blank:
        problems += unanswered(template, doc)
    if problems:
        raise SourceError(problems)
    return render_answers(template, answers, output_format)
