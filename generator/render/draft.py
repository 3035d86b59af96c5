"""The "Draft your policy" page: the template's complete text rendered once, every alternative as a
marked-up variant, beside the form that answers its options.

This module is the one renderer of the drafted policy. `document_html(policy)` renders the text with
every variant (the browser, overrides/assets/javascripts/draft.js, only shows and hides variants, picks
labels computed here and fills typed text into slots with `textContent`); `document_html(policy, answers)`
renders the same text with the answers applied, which is what `handbook draft` writes.

Markup the browser and generator/draft.py read (both walk it the same way to write Markdown and Word):
- a block (one paragraph of the output) has `data-md-block` (its Markdown prefix, e.g. `## `),
  `data-docx` (`title`, `heading-N`, `paragraph`, `note`, `footnote`) and its depth as the class `depth-N`;
- inside a block, `data-md` replaces an element's text in Markdown, `data-md-before`/`data-md-after`
  wrap it, and `data-run` (`bold`, `italic`, `superscript`, `blank`) is its character format in Word;
- `hidden` elements are not part of the text: variants not chosen, blanks of answered options.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass

from .. import inline
from ..contract import SHARED_SCRIPT
from ..model import Answer, Corpus, Policy, Provision, TemplateOption, Topic
from ..schema import DATES
from .compare import topic_page
from .html import attr, date_text, embedded_json, escape, first_words, href, paragraph_html
from .page import Heading, Page, make_page

DRAFT_PAGE = "draft.md"
TITLE = "Draft your policy"
ANSWERS_VERSION = 1
MARKDOWN_SPECIAL = "\\`*_[]<>"  # characters of the text escaped with a backslash in Markdown
MAX_HEADING_LEVEL = 6
PRECEDENT_WORDS = 12  # how much of another department's provision is quoted beside an option
PRECEDENT_LINKS = 1  # provisions linked per department beside an option (the quoted one); the others counted
PRECEDENT_DEPARTMENTS = 3  # departments quoted beside an option; the topic pages show them all

STANDALONE_CSS = """body{font-family:Georgia,'Times New Roman',serif;max-width:46em;margin:2em auto;padding:0 1em;
line-height:1.45;color:#000}h1{text-align:center}p{margin:.35em 0}.depth-1{margin-left:1.5em}
.depth-2{margin-left:3em}.depth-3{margin-left:4.5em}.depth-4{margin-left:6em}.depth-5,.depth-6{margin-left:7.5em}
.draft-note{font-style:italic}.draft-blank{background:#fff3cd;border:1px dashed #9a6700}
.draft-footnote{font-size:.9em}@media print{body{margin:0;max-width:none}.draft-blank{border-style:solid}}"""
ARTICLE_MARK = "<!--article-->"


def template_of(corpus: Corpus) -> Policy | None:
    """The template policies are drafted from (the first policy of kind `template`)."""
    return next((p for p in corpus.policies if p.is_template), None)


# --- Where options stand ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    """One place an option stands in the text: a provision id or a header field, and how to name it."""

    id: str
    name: str


def header_lines(policy: Policy) -> list[tuple[str, str]]:
    """The header of the drafted policy as (place id, text with `{{option}}` references) lines."""
    d, dates = policy.document, policy.dates
    lines = []
    if d.number:
        lines.append(("document.number", f"{d.type or 'Policy'} No. {d.number}"))
    for place, name, value in (
        ("dates.issued", "Issue date", dates.issued),
        ("dates.effective", "Effective date", dates.effective),
    ):
        if value:
            lines.append((place, f"{name}: {_date_value(value)}"))
    for i, value in enumerate(dates.revised):
        lines.append((f"dates.revised.{i}", f"Revision date: {_date_value(value)}"))
    lines += [(f"references.{i}", reference) for i, reference in enumerate(policy.references)]
    return lines


def _date_value(value) -> str:
    return date_text(value) if isinstance(value, dt.date) else value


def _provision_texts(provision: Provision) -> list[str]:
    return [t for t in (provision.heading, provision.term, provision.text, *provision.notes) if t]


def option_places(policy: Policy) -> dict[str, list[Place]]:
    """For each option, the places it stands: header fields and provisions, in reading order."""
    places: dict[str, list[Place]] = {o.id: [] for o in policy.options}

    def add(option_id: str, place: Place) -> None:
        if option_id in places and place not in places[option_id]:
            places[option_id].append(place)

    header_names = {
        "document.number": "header: policy number",
        "dates.issued": "header: issue date",
        "dates.effective": "header: effective date",
    }
    for place_id, text in header_lines(policy):
        for option_id in inline.option_refs(text):
            add(option_id, Place(place_id, header_names.get(place_id, f"header: {place_id}")))
    for provision in policy.provisions():
        if provision.option:
            add(provision.option, Place(provision.id, provision_name(policy, provision)))
        for text in _provision_texts(provision):
            for option_id in inline.option_refs(text):
                add(option_id, Place(provision.id, provision_name(policy, provision)))
    return places


def provision_name(policy: Policy, provision: Provision) -> str:
    """`IV.A.1 Authorization: No employee shall create…`: where a provision is, for a person."""
    path = ".".join(label.strip(".()").rstrip(")") for label in provision.label_path)
    snippet = first_words(policy, provision.heading or provision.term or provision.text, 8)
    return f"{path} {snippet}".strip()


# --- Numbering when optional items are left out --------------------------------------------------


def siblings_of(policy: Policy, provision: Provision) -> list[Provision]:
    return provision.parent.children if provision.parent else policy.body


def renumber_options(policy: Policy, provision: Provision) -> list[str]:
    """The optional siblings before `provision` whose omission changes its label, in order."""
    siblings = siblings_of(policy, provision)
    if not provision.label or not all(s.label for s in siblings):
        return []
    return [s.option for s in siblings[: siblings.index(provision)] if s.option]


def label_variants(policy: Policy, provision: Provision) -> dict[str, str]:
    """The provision's label for each set of left-out optional siblings before it.

    Keyed by the left-out option ids joined with commas, in order (`""`: none left out). A remaining
    item takes the label its position had in the original sequence (a., b., c. …), so the remaining
    items stay numbered without gaps.
    """
    siblings = siblings_of(policy, provision)
    index = siblings.index(provision)
    options = renumber_options(policy, provision)
    variants: dict[str, str] = {}
    for count in range(len(options) + 1):
        for omitted in itertools.combinations(options, count):
            variants[",".join(omitted)] = siblings[index - count].label or ""  # renumbered lists are all labelled
    return variants


def label_for(policy: Policy, provision: Provision, omitted: set[str]) -> str | None:
    """The provision's label once the optional parts in `omitted` are left out."""
    options = renumber_options(policy, provision)
    if not options:
        return provision.label
    return label_variants(policy, provision)[",".join(o for o in options if o in omitted)]


# --- The drafted document -------------------------------------------------------------------------


class _Renderer:
    """Renders the template's text; with `answers` None every variant is kept for the browser."""

    def __init__(self, policy: Policy, answers: dict[str, Answer] | None):
        self.policy = policy
        self.answers = answers
        self.omitted = {a.option for a in (answers or {}).values() if a.include is False}

    @property
    def with_variants(self) -> bool:
        return self.answers is None

    def answer(self, option_id: str) -> Answer | None:
        return (self.answers or {}).get(option_id)

    # Inline parts ------------------------------------------------------------------------------

    def blank(self, option_id: str, text: str, hidden: bool = False) -> str:
        return (
            f'<span class="draft-blank template-option" data-option="{attr(option_id)}" data-run="blank"'
            f"{' hidden' if hidden else ''}>{escape(text)}</span>"
        )

    def slot(self, option: TemplateOption, place: str, typed: str | None, blank_text: str, extra: str = "") -> str:
        """A place typed text goes: the text when answered, else the highlighted blank."""
        where = f'<span class="draft-slot" data-option="{attr(option.id)}"{extra}'
        if option.format == "date":
            where += ' data-format="date"'
        if self.with_variants:
            return (
                f'{where} data-place="{attr(place)}"><span class="draft-fill" hidden></span>'
                f"{self.blank(option.id, blank_text)}</span>"
            )
        if typed is None:
            return f"{where}>{self.blank(option.id, blank_text)}</span>"
        shown = date_text(dt.date.fromisoformat(typed)) if option.format == "date" and typed else typed
        return f'{where}><span class="draft-fill">{escape(shown)}</span></span>'

    def fill_in(self, option: TemplateOption, place: str) -> str:
        answer = self.answer(option.id)
        typed = None if answer is None else answer.places.get(place, answer.text)
        return self.slot(option, place, typed, option.bracket)

    def alternative_html(self, option: TemplateOption, alternative) -> str:
        before, _, after = alternative.text.partition("{input}")
        if not alternative.input:
            return escape(alternative.text)
        answer = self.answer(option.id)
        typed = answer.input if answer and answer.choice == alternative.id else None
        slot = self.slot(
            option, alternative.id, typed, f"[{alternative.input}]", extra=f' data-input="{attr(alternative.id)}"'
        )
        return f"{escape(before)}{slot}{escape(after)}"

    def choice(self, option: TemplateOption) -> str:
        answer = self.answer(option.id)
        chosen = answer.choice if answer else None
        variants = "".join(
            f'<span class="draft-variant" data-alternative="{attr(a.id)}"{"" if a.id == chosen else " hidden"}>'
            f"{self.alternative_html(option, a)}</span>"
            for a in option.alternatives
            if self.with_variants or a.id == chosen
        )
        blank = self.blank(option.id, option.bracket) if self.with_variants or chosen is None else ""
        return f'<span class="draft-choice" data-option="{attr(option.id)}">{variants}{blank}</span>'

    def option_html(self, place: str):
        def render(policy: Policy, option_id: str) -> str:
            option = policy.defined_option(option_id)
            return self.fill_in(option, place) if option.kind == "fill-in" else self.choice(option)

        return render

    @staticmethod
    def footnote_html(policy: Policy, footnote_id: str) -> str:
        return (
            f'<sup class="footnote-ref" data-md="[^{attr(footnote_id)}]" data-run="superscript">'
            f"{escape(footnote_id)}</sup>"
        )

    def text_html(self, text: str, place: str) -> str:
        return paragraph_html(self.policy, text, self.option_html(place), self.footnote_html)

    # Blocks ------------------------------------------------------------------------------------

    @staticmethod
    def block(tag: str, kind: str, depth: int, md_prefix: str, body: str, css: str = "") -> str:
        # Defaults are left out (a paragraph; the depth is in the class) to keep the page small.
        docx_kind = "" if kind == "paragraph" else f' data-docx="{kind}"'
        return (
            f'<{tag} class="draft-block depth-{depth}{css}"{docx_kind} data-md-block="{attr(md_prefix)}">{body}</{tag}>'
        )

    def label_html(self, provision: Provision, bold: bool) -> str:
        if not provision.label:
            return ""
        wrap = ' data-md-before="**" data-md-after="**" data-run="bold"' if bold else ""
        options = renumber_options(self.policy, provision)
        if options and self.with_variants:
            variants = embedded_json(label_variants(self.policy, provision))
            return (
                f'<span class="draft-label"{wrap} data-renumber-by="{attr(",".join(options))}" '
                f'data-labels="{attr(variants)}">{escape(provision.label)}</span> '
            )
        label = label_for(self.policy, provision, self.omitted)
        return f'<span class="draft-label"{wrap}>{escape(label)}</span> '

    def optional_marker(self, provision: Provision) -> str:
        """The `[OPTIONAL]` bracket, shown while the optional part is not answered."""
        if not provision.option:
            return ""
        if self.with_variants or self.answer(provision.option) is None:
            option = self.policy.defined_option(provision.option)
            return self.blank(provision.option, f"{option.bracket} ")
        return ""

    def provision(self, provision: Provision) -> str:
        if provision.option and provision.option in self.omitted:
            return ""
        depth, place = provision.depth, provision.id
        blocks = []
        paragraphs = inline.paragraphs(provision.text)
        if provision.heading:
            level = min(depth + 2, MAX_HEADING_LEVEL)
            body = (
                self.label_html(provision, bold=False)
                + self.optional_marker(provision)
                + self.text_html(provision.heading, place)
            )
            blocks.append(
                self.block(f"h{min(level + 1, MAX_HEADING_LEVEL)}", f"heading-{level}", depth, "#" * level + " ", body)
            )
            lead = ""
        else:
            lead = self.label_html(provision, bold=True) + self.optional_marker(provision)
        if provision.term:
            lead += (
                f'<dfn class="defined-term" data-md-before="*" data-md-after="*" data-run="italic">'
                f"{self.text_html(provision.term, place)}</dfn> – "
            )
        for i, paragraph in enumerate(paragraphs or ([""] if lead else [])):
            body = (lead if i == 0 else "") + self.text_html(paragraph, place)
            blocks.append(self.block("p", "paragraph", depth, "", body))
        for note in provision.notes:
            body = f'<strong data-md-before="**" data-md-after="**" data-run="bold">NOTE:</strong> {self.text_html(note, place)}'
            blocks.append(self.block("p", "note", depth, "> ", body, " draft-note"))
        blocks += [self.provision(child) for child in provision.children]
        html = "\n".join(b for b in blocks if b)
        if provision.option and self.with_variants:
            return f'<div class="draft-optional" data-optional="{attr(provision.option)}">\n{html}\n</div>'
        return html

    def document(self) -> str:
        policy = self.policy
        blocks = [self.block("h2", "title", 0, "# ", escape(policy.document.title), " draft-title")]
        blocks += [
            self.block("p", "paragraph", 0, "", self.text_html(text, place), " draft-header")
            for place, text in header_lines(policy)
        ]
        blocks += [self.provision(p) for p in policy.body]
        if policy.footnotes:
            blocks.append(self.block("h3", "heading-2", 0, "## ", "Footnotes"))
            blocks += [
                self.block(
                    "p",
                    "footnote",
                    0,
                    f"[^{f.id}]:",
                    f'<sup data-md="" data-run="superscript">{escape(f.id)}</sup> '
                    f"{self.text_html(f.text, f'footnote.{f.id}')}",
                    " draft-footnote",
                )
                for f in policy.footnotes
            ]
        return "\n".join(b for b in blocks if b)


def document_html(policy: Policy, answers: dict[str, Answer] | None = None) -> str:
    """The drafted policy as an `<article>`: every variant (no answers), or with `answers` applied."""
    body = _Renderer(policy, answers).document()
    return (
        f'<article class="draft-document" id="draft-document" data-template="{attr(policy.slug)}" '
        f'data-md-escape="{attr(MARKDOWN_SPECIAL)}">\n{body}\n</article>'
    )


def standalone_html(policy: Policy, article: str) -> str:
    """A complete HTML file around a drafted `article` (styles inline, nothing loaded from elsewhere)."""
    return (
        f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(policy.document.title)}</title>\n<style>{STANDALONE_CSS}</style>\n</head>\n"
        f"<body>\n{article}\n</body>\n</html>\n"
    )


# --- The page -------------------------------------------------------------------------------------


def render_draft(corpus: Corpus, layout) -> dict[str, Page]:
    """The "Draft your policy" page, or nothing when the handbook has no template."""
    policy = template_of(corpus)
    if policy is None:
        return {}
    places = option_places(policy)
    precedents = precedents_by_option(corpus, policy)
    blocks: list[str | Heading] = [
        Heading(1, TITLE),
        (
            f'<p class="lead">Answer the choices of the <a href="{attr(href(DRAFT_PAGE, f"policies/{policy.slug}.md"))}">'
            f"{escape(policy.agency.name)}</a> below; the complete policy on the right changes as you type. "
            "Your answers are kept in this browser until you start over.</p>"
        ),
        _toolbar(),
        '<div class="draft-layout">\n' + _form(policy, places, precedents) + "\n"
        # Focusable, so that a keyboard can scroll the preview (it scrolls apart from the page).
        '<section class="draft-preview" aria-label="Preview of the drafted policy" tabindex="0">\n'
        + document_html(policy)
        + "\n</section>\n</div>",
        _page_data(policy, places),
        f'<link rel="stylesheet" href="{attr(href(DRAFT_PAGE, "assets/stylesheets/draft.css"))}">',
        f'<script src="{attr(href(DRAFT_PAGE, "assets/vendor/js-yaml/js-yaml.min.js"))}"></script>',
        f'<script src="{attr(href(DRAFT_PAGE, SHARED_SCRIPT))}"></script>',  # draft.js loads the Word library with it
        f'<script src="{attr(href(DRAFT_PAGE, "assets/javascripts/draft.js"))}"></script>',
    ]
    return {DRAFT_PAGE: make_page(TITLE, blocks, hide=("navigation", "toc"))}


def _toolbar() -> str:
    buttons = [
        ("save", "Save answers", "Download your answers as a YAML file you can load again later"),
        ("start-over", "Start over", "Clear every answer and go back to the defaults"),
        ("download-md", "Markdown", "Download the drafted policy as Markdown"),
        ("download-html", "HTML", "Download the drafted policy as a standalone web page"),
        ("download-docx", "Word", "Download the drafted policy as a Word document (.docx)"),
        ("print", "Print", "Print the drafted policy, or save it as PDF, without the form"),
    ]
    html = "".join(
        f'<button type="button" class="md-button" data-action="{a}" title="{attr(t)}">{escape(n)}</button>'
        for a, n, t in buttons
    )
    return (
        '<div class="draft-toolbar" role="toolbar" aria-label="Answers and downloads">'
        f'{html}<label class="md-button" for="draft-load">Load answers</label>'
        '<input type="file" id="draft-load" accept=".yml,.yaml,text/yaml" class="draft-file">'
        '<p id="draft-message" class="draft-message" role="status" aria-live="polite"></p></div>'
    )


def _form(policy: Policy, places: dict[str, list[Place]], precedents) -> str:
    fieldsets = "\n".join(
        _fieldset(policy, option, places[option.id], precedents.get(option.id)) for option in policy.options
    )
    return (
        '<form class="draft-form" id="draft-form" aria-label="The template\'s choices" novalidate>'
        '<p class="draft-progress" id="draft-progress" aria-live="polite"></p>'
        '<details class="draft-unanswered-box"><summary>Unanswered</summary>'
        '<ul id="draft-unanswered" class="draft-unanswered"></ul></details>'
        f"\n{fieldsets}\n</form>"
    )


def _control_id(option: TemplateOption, suffix: str = "") -> str:
    return f"draft-{option.id}" + (f"--{suffix}" if suffix else "")


def _fieldset(policy: Policy, option: TemplateOption, places: list[Place], precedents) -> str:
    legend = f"<legend>{escape(option.label)}</legend>"
    help_text = (
        f'<p class="draft-help" id="{_control_id(option, "help")}">{escape(option.help)}</p>' if option.help else ""
    )
    where = ", ".join(p.name.split(" ")[0] for p in places)
    controls = {"fill-in": _fill_in_controls, "choice": _choice_controls, "optional": _optional_controls}[option.kind]
    return (
        f'<fieldset class="draft-option" id="{_control_id(option, "fieldset")}" data-option="{attr(option.id)}" '
        f'data-kind="{attr(option.kind)}">{legend}'
        f'<p class="draft-where">Template: <span class="template-option">{escape(option.bracket)}</span> in {escape(where)}</p>'
        f"{help_text}{controls(option, places)}{_precedents_html(precedents)}</fieldset>"
    )


def _fill_in_controls(option: TemplateOption, places: list[Place]) -> str:
    # A date's picker keeps to the dates the generator accepts.
    kind = (
        f'type="date" min="{DATES.earliest.isoformat()}" max="{DATES.latest.isoformat()}"'
        if option.format == "date"
        else 'type="text"'
    )
    described = f' aria-describedby="{_control_id(option, "help")}"' if option.help else ""
    html = (
        f'<label for="{_control_id(option)}">Answer</label> '
        f'<input {kind} id="{_control_id(option)}" name="{attr(option.id)}" data-field="text" '
        f'placeholder="{attr(option.bracket)}"{described}> '
        f'<label class="draft-empty"><input type="checkbox" data-field="empty"> Leave empty</label>'
    )
    if len(places) > 1:
        inputs = "".join(
            f'<p><label for="{_control_id(option, p.id)}">{escape(p.name)}</label> '
            f'<input {kind} id="{_control_id(option, p.id)}" data-field="place" data-place="{attr(p.id)}" '
            f'placeholder="same as the answer above"></p>'
            for p in places
        )
        html += (
            f'<details class="draft-places"><summary>Different answer in some of its {len(places)} places'
            f"</summary>{inputs}</details>"
        )
    return html


def _choice_controls(option: TemplateOption, places) -> str:
    items = []
    for alternative in option.alternatives:
        control = _control_id(option, alternative.id)
        shown = alternative.text.replace("{input}", "…")
        item = (
            f'<label for="{control}"><input type="radio" id="{control}" name="{attr(option.id)}" '
            f'value="{attr(alternative.id)}" data-field="choice"> {escape(shown)}</label>'
        )
        if alternative.input:
            item += (
                f' <label for="{control}-input" class="draft-input-label">{escape(alternative.input)}</label> '
                f'<input type="text" id="{control}-input" data-field="input" data-alternative="{attr(alternative.id)}">'
            )
        items.append(f"<p>{item}</p>")
    return "".join(items)


def _optional_controls(option: TemplateOption, places) -> str:
    return "".join(
        f'<p><label for="{_control_id(option, value)}"><input type="radio" id="{_control_id(option, value)}" '
        f'name="{attr(option.id)}" value="{value}" data-field="include"> {text}</label></p>'
        for value, text in (("include", "Include"), ("omit", "Leave out"))
    )


def _page_data(policy: Policy, places: dict[str, list[Place]]) -> str:
    """What draft.js needs to know about the options (to check answers files), as inline JSON."""
    data = {
        "template": policy.slug,
        "version": ANSWERS_VERSION,
        "title": policy.document.title,
        "standalone": standalone_html(policy, ARTICLE_MARK),
        "articleMark": ARTICLE_MARK,
        "date": DATES.as_data(),
        "docxScript": href(DRAFT_PAGE, "assets/vendor/docx/docx.iife.js"),
        "options": [
            {
                "id": o.id,
                "kind": o.kind,
                "label": o.label,
                "format": o.format,
                "default": o.default,
                "places": [p.id for p in places[o.id]],
                "alternatives": [{"id": a.id, "input": a.input} for a in o.alternatives],
            }
            for o in policy.options
        ],
    }
    return f'<script type="application/json" id="draft-data">{embedded_json(data)}</script>'


# --- How others decided -----------------------------------------------------------------------------


@dataclass
class Precedents:
    """What the departments say where an option stands: its topics, and each department's provisions on them."""

    topics: list[Topic]
    departments: list[tuple[Policy, list[Provision]]]  # in corpus order, only those that address a topic


def option_topics(policy: Policy, option: TemplateOption) -> list[str]:
    """The topics of the provisions where the option stands (or that it makes optional)."""
    topics: list[str] = []
    for provision in policy.provisions():
        uses = provision.option == option.id or any(
            option.id in inline.option_refs(t) for t in _provision_texts(provision)
        )
        if uses:
            topics += [t for t in provision.topics if t not in topics]
    return topics


def precedents_by_option(corpus: Corpus, template: Policy) -> dict[str, Precedents]:
    """For each option, the departments' provisions sharing a topic with the option's place."""
    result = {}
    for option in template.options:
        topic_ids = option_topics(template, option)
        departments = [
            (policy, found) for policy, found in corpus.provisions_on_topics(topic_ids) if not policy.is_template
        ]
        topics = [t for t in (corpus.taxonomy.topic(i) for i in topic_ids) if t]
        result[option.id] = Precedents(topics, departments)
    return result


def _precedents_html(precedents: Precedents | None) -> str:
    """A few departments' wording beside the option, and links to compare all of them by topic.

    At most PRECEDENT_DEPARTMENTS departments are quoted, each with words the others quoted do not
    have (many departments copy one model, and the same quote twice tells nothing), so the page stays
    small however many agencies the handbook holds; the topic pages show every department side by side.
    """
    if not precedents or not precedents.departments:
        return ""
    quoted: dict[str, str] = {}  # quote → its item
    for policy, provisions in precedents.departments:
        quote = _quote(policy, provisions[0])
        if quote not in quoted:
            quoted[quote] = _precedent_item(policy, provisions, quote)
            if len(quoted) == PRECEDENT_DEPARTMENTS:
                break
    more = len(precedents.departments) - len(quoted)
    topic_links = ", ".join(
        f'<a href="{attr(href(DRAFT_PAGE, topic_page(t)))}">{escape(t.title)}</a>' for t in precedents.topics
    )
    compare = (
        (
            f'<p class="draft-precedents-topics">{f"{more} more departments; " if more > 0 else ""}'
            f"compare all side by side: {topic_links}</p>"
        )
        if topic_links
        else ""
    )
    return (
        f'<details class="draft-precedents"><summary>How others decided ({len(precedents.departments)} '
        f"department{'s' if len(precedents.departments) != 1 else ''})</summary>"
        f"<ul>{''.join(quoted.values())}</ul>{compare}</details>"
    )


def _quote(policy: Policy, provision: Provision) -> str:
    """The first PRECEDENT_WORDS words of a provision, as written."""
    return first_words(policy, provision.text or provision.heading or "", PRECEDENT_WORDS)


def _precedent_item(policy: Policy, provisions: list[Provision], quote: str) -> str:
    """One department: its first provision on the topic linked and quoted briefly, the others counted."""
    links = [
        f'<a href="{attr(href(DRAFT_PAGE, f"policies/{policy.slug}.md", p.id))}">{escape(p.title or p.id)}</a>'
        for p in provisions[:PRECEDENT_LINKS]
    ]
    if len(provisions) > PRECEDENT_LINKS:
        more = len(provisions) - PRECEDENT_LINKS
        links.append(f"and {more} more provision{'s' if more > 1 else ''}")
    return (
        f"<li>{escape(policy.agency.name)} {', '.join(links)}{': <q>' + escape(quote) + '</q>' if quote else ''}</li>"
    )
