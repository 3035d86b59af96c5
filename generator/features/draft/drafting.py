"""`handbook draft`: the template's policy drafted with the answers of an answers file.

Reads and checks an answers file (format in source/FIELDS.md, rules and messages in answers.py),
applies the answers to the template's structure (generator/document.py) and writes it as Markdown, a
standalone HTML file (the page's HTML writer, generator/features/draft/render.py) or a Word document, by the
table of formats the page also writes its files by (generator/writers/formats.py).
"""

from __future__ import annotations

from pathlib import Path

from ...document import answered, lines, option_places, options_within, template_document
from ...model import Answer, Corpus, Policy
from ...problems import Problem, SourceError, display_path
from ...writers.docx import Properties, docx
from ...writers.formats import DEFAULT_PAPER
from ...writers.markdown import markdown
from ...yaml_source import SourceDocument, read_yaml
from .answers import as_answer, asked_options, check_file, expected, message, rules, text_values
from .render import article_html, standalone_html, templates_of

FORMATS = ("md", "html", "docx")


# --- Reading and checking answers ------------------------------------------------------------------


def read_answers(path: Path, template: Policy) -> tuple[dict[str, Answer], list[Problem], SourceDocument | None]:
    """The checked answers of an answers file, and every problem with it (empty when it is complete),
    by the rules and messages of generator/features/draft/answers.py, which the page applies too."""
    doc, problems = read_yaml(path, display_path(path), None)
    if doc is None:
        return {}, problems, None
    checked, refusals = check_file(text_values(doc), template_rules(template))
    problems += [doc.problem(r.path, r.message) for r in refusals]
    kinds = {o.id: o.kind for o in template.options}
    return {i: as_answer(i, kinds[i], value) for i, value in checked.items()}, problems, doc


def template_rules(template: Policy) -> dict:
    """The rules an answers file for `template` is checked by (answers.rules), as the page receives them."""
    return rules(template, option_places(template), options_within(template_document(template)))


def unanswered(template: Policy, doc: SourceDocument) -> list[Problem]:
    """One problem per option the answers file does not answer at all and still asks (an option inside
    a part the file leaves out is not asked); none when the file's answers cannot be read (not a
    mapping, or for another template): that is one problem, reported already."""
    if not isinstance(doc.value, dict) or doc.value.get("template") != template.slug:
        return []
    given = doc.value.get("answers")
    if not isinstance(given, dict):
        return []
    return [
        doc.problem(("answers", o["id"]), message("no-answer", expected=expected(o), label=o["label"]))
        for o in asked_options(template_rules(template), given)
        if o["id"] not in given
    ]


def agency_of(doc: SourceDocument | None) -> str:
    """The agency an answers file names (its optional `agency`), or ""."""
    value = doc.value.get("agency") if doc is not None and isinstance(doc.value, dict) else None
    return " ".join(value.split()) if isinstance(value, str) else ""


def template_for(corpus: Corpus, answers_path: Path) -> Policy | None:
    """The template an answers file is for (its `template`), else the handbook's first template (whose
    slug the refusal of a file for another template names)."""
    templates = templates_of(corpus)
    doc, _ = read_yaml(answers_path, display_path(answers_path), None)
    given = doc.value.get("template") if doc is not None and isinstance(doc.value, dict) else None
    return next((t for t in templates if t.slug == given), templates[0] if templates else None)


# --- Writing -----------------------------------------------------------------------------------------


def render_answers(
    template: Policy, answers: dict[str, Answer], output_format: str, agency: str = "", paper: str = DEFAULT_PAPER
) -> str | bytes:
    """The drafted policy in `output_format` (md, html or docx; a Word file on `paper`, with the
    policy's title and the `agency` in its document properties)."""
    document = answered(template_document(template), answers)
    if output_format == "html":
        return standalone_html(template, article_html(document))
    if output_format == "md":
        return markdown(lines(document))
    return docx(lines(document), Properties(template.document.title, agency), paper)


def checked_answers(source: Path, answers_path: Path, allow_blank: bool) -> tuple[Policy, dict[str, Answer], str]:
    """The template an answers file is for, its checked answers and the agency it names; `SourceError`
    lists every problem (the one refusal `handbook draft` and `handbook adopt` share)."""
    from ...load import load_corpus

    template = template_for(load_corpus(source), answers_path)
    if template is None:
        raise SourceError([Problem(display_path(source), 1, 1, "", "the source has no template to draft from")])
    answers, problems, doc = read_answers(answers_path, template)
    if doc is not None and not allow_blank:
        problems += unanswered(template, doc)
    if problems:
        raise SourceError(problems)
    return template, answers, agency_of(doc)


def draft(
    source: Path, answers_path: Path, output_format: str, allow_blank: bool, paper: str = DEFAULT_PAPER
) -> str | bytes:
    """Everything `handbook draft` does short of writing: `SourceError` lists every problem."""
    template, answers, agency = checked_answers(source, answers_path, allow_blank)
    return render_answers(template, answers, output_format, agency, paper)
