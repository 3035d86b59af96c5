"""`handbook draft`: the template's policy drafted with the answers of an answers file.

Reads and checks an answers file (format in source/FIELDS.md, rules and messages in answers.py),
applies the answers to the template's structure (generator/document.py) and writes it as Markdown, a
standalone HTML file (the page's HTML writer, generator/features/draft/render.py) or a Word document, by the
table of formats the page also writes its files by (generator/writers/formats.py).
"""

from __future__ import annotations

from pathlib import Path

from ...document import answered, lines, option_places, template_document
from ...model import Answer, Policy
from ...problems import Problem, SourceError, display_path
from ...writers.docx import docx
from ...writers.markdown import markdown
from ...yaml_source import SourceDocument, read_yaml
from .answers import as_answer, check_file, expected, message, rules, text_values
from .render import article_html, standalone_html, template_of

FORMATS = ("md", "html", "docx")


# --- Reading and checking answers ------------------------------------------------------------------


def read_answers(path: Path, template: Policy) -> tuple[dict[str, Answer], list[Problem], SourceDocument | None]:
    """The checked answers of an answers file, and every problem with it (empty when it is complete),
    by the rules and messages of generator/features/draft/answers.py, which the page applies too."""
    doc, problems = read_yaml(path, display_path(path), None)
    if doc is None:
        return {}, problems, None
    checked, refusals = check_file(text_values(doc), rules(template, option_places(template)))
    problems += [doc.problem(r.path, r.message) for r in refusals]
    kinds = {o.id: o.kind for o in template.options}
    return {i: as_answer(i, kinds[i], value) for i, value in checked.items()}, problems, doc


def unanswered(template: Policy, doc: SourceDocument) -> list[Problem]:
    """One problem per option the answers file does not answer at all; none when the file's answers
    cannot be read (not a mapping, or for another template): that is one problem, reported already."""
    if not isinstance(doc.value, dict) or doc.value.get("template") != template.slug:
        return []
    given = doc.value.get("answers")
    if not isinstance(given, dict):
        return []
    options = rules(template, option_places(template))["options"]
    return [
        doc.problem(("answers", o["id"]), message("no-answer", expected=expected(o), label=o["label"]))
        for o in options
        if o["id"] not in given
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
