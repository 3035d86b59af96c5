"""The "Draft your policy" page: the template's complete text rendered once, every alternative as a
marked-up variant, beside the form that answers its options.

The text is the structure of generator/document.py, written here as HTML (the one HTML writer of the
drafted policy): `document_html(policy)` writes every variant, which the browser
(overrides/assets/javascripts/draft.js) shows and hides; `document_html(policy, answers)` writes the text
with the answers applied, which is what `handbook draft --format html` writes. Markdown and Word are
written from the structure, not from this HTML (generator/writers/markdown.py, generator/writers/docx.py,
and draft.js from the structure it receives as data).

Markup the browser reads to show answers: `data-option` on blanks, slots and choices, `data-place`
on slots (with `data-input` for the text an alternative asks for), `data-alternative` on variants,
`data-optional` on optional parts, `data-renumber-by` and `data-labels` on labels that change when
optional siblings are left out; `hidden` elements are not part of the text.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from ... import inline
from ...contract import (
    ANSWER,
    CONTRACT_SCRIPT,
    DRAFT_ADOPT_GLOBAL,
    DRAFT_DOCUMENT_GLOBAL,
    QUESTION,
    SHARED_SCRIPT,
    data_script,
)
from ...document import (
    MAX_HEADING_LEVEL,
    Blank,
    Choice,
    Document,
    Emphasis,
    FootnoteRef,
    Item,
    Label,
    Part,
    Place,
    Run,
    Slot,
    Words,
    answered,
    as_data,
    option_places,
    options_within,
    provision_texts,
    template_document,
)
from ...model import Answer, Corpus, Decision, Policy, Provision, Question, TemplateOption, Topic
from ...render.html import attr, count, embedded_json, escape, href, plain_text
from ...render.page import Heading, Pages, make_page
from ...schema import DATES
from ...writers.formats import FORMATS, PAPERS, WORD
from ..compare.render import topic_page
from ..decisions.render import CODEBOOK_PAGE, MATRIX_PAGE
from .adopting import Skeleton, adoption, files_data, skeleton_data
from .answers import VERSIONS, rules

DRAFT_PAGE = "draft.md"  # the first template's page; another template's is `draft-<slug>.md`
DOCUMENT_SCRIPT = "draft-document.js"  # the structure of the template's text (`document.as_data`)
DOCUMENT_STYLES = "draft-document.css"  # how the drafted policy looks in the page, in print and downloaded
TITLE = "Draft your policy"
ANSWERS_VERSION = VERSIONS[-1]  # what the page writes
PRECEDENT_QUOTES = 4  # departments quoted per question beside an option, shared among its answers; the others counted
PRECEDENT_ANSWERS = 3  # a text question's answers shown beside an option (the most given); the others counted

INDENT_EM = 1.5  # the indentation of a level of the outline (Word's: formats.WORD["indentPerDepth"])
TITLE_STYLE = next(style for style in WORD["styles"] if style["id"] == "Title")


def document_css() -> str:
    """The drafted policy's styles, for the page's preview, its print and the HTML download alike: each
    level of the outline indented, each heading sized as the Word file's style for it (relative to the
    body's size), in the text's colour, as written (no capitals added)."""
    styles = {style["id"]: style for style in WORD["styles"]}
    rules = [
        ".draft-document .draft-block{margin-top:.35em;margin-bottom:.35em;margin-right:0}",
        ".draft-document .draft-title{text-align:center}",
        ".draft-document .draft-note{font-style:italic}",
        f".draft-document .draft-footnote{{font-size:{styles['FootnoteText']['size'] / WORD['size']:.3g}em}}",
        ".draft-document .draft-blank{background:#fff3cd;border:1px dashed #9a6700;color:#000}",
        '.draft-document .draft-blank[data-hint]::after{content:" (" attr(data-hint) ")";font-style:italic}',
        "@media print{.draft-document .draft-blank{border-style:solid}}",
    ]
    rules += [f".draft-document .depth-{depth}{{margin-left:{depth * INDENT_EM:g}em}}" for depth in range(8)]
    for kind in ("title", *(f"heading-{level}" for level in range(2, MAX_HEADING_LEVEL + 1))):
        style = styles[WORD["blockStyles"][kind]]
        rules.append(
            f"article.draft-document .draft-{kind}{{font-size:{style['size'] / WORD['size']:.3g}em;"
            f"font-weight:{700 if style.get('bold') else 400};color:inherit;text-transform:none;"
            "letter-spacing:normal;line-height:1.3;margin-top:.9em;margin-bottom:.3em}"
        )
    return "\n".join(rules) + "\n"


STANDALONE_CSS = (
    "body{font-family:Georgia,'Times New Roman',serif;max-width:46em;margin:2em auto;padding:0 1em;"
    "line-height:1.45;color:#000}p{margin:.35em 0}@media print{body{margin:0;max-width:none}}\n" + document_css()
)
ARTICLE_MARK = "<!--article-->"


def templates_of(corpus: Corpus) -> list[Policy]:
    """The templates policies are drafted from (the policies of kind `template`), each with its page."""
    return [p for p in corpus.policies if p.is_template]


def template_of(corpus: Corpus) -> Policy | None:
    """The first template: the one the home page and the search link to (as `DRAFT_PAGE`)."""
    return next(iter(templates_of(corpus)), None)


def draft_page(corpus: Corpus, template: Policy) -> str:
    """The path of a template's "Draft your policy" page."""
    return DRAFT_PAGE if template is template_of(corpus) else f"draft-{template.slug}.md"


# --- The drafted document as HTML ------------------------------------------------------------------


class _HtmlWriter:
    """Writes a `Document` as the preview's HTML: every variant, hidden but the chosen one, when the
    document is the template's (the browser shows and hides them); only what the answers keep when it
    is answered. Every text is escaped here: nothing of the YAML or of an answer is markup."""

    def __init__(self, document: Document):
        self.with_variants = not document.answered
        self.slug = document.slug
        self.placed: set[str] = set()

    def items(self, items: tuple[Item, ...]) -> str:
        return "\n".join(h for h in (self.item(i) for i in items) if h)

    def item(self, item: Item) -> str:
        if isinstance(item, Part):
            return f'<div class="draft-optional" data-optional="{attr(item.option)}">\n{self.items(item.items)}\n</div>'
        level = item.heading_level
        tag = "h2" if item.kind == "title" else f"h{min(level + 1, MAX_HEADING_LEVEL)}" if level else "p"
        css = f" draft-{item.kind}" if item.kind in STYLED_KINDS else ""
        at = ""
        if item.place and item.place not in self.placed:  # the first block of a place is where links go
            self.placed.add(item.place)
            at = f' id="{attr(place_anchor(item.place, self.slug))}"'
        return f'<{tag}{at} class="draft-block depth-{item.depth}{css}">{self.runs(item.runs)}</{tag}>'

    def runs(self, runs: tuple[Run, ...]) -> str:
        return "".join(self.run(r) for r in runs)

    def run(self, run: Run) -> str:
        if isinstance(run, Words):
            return escape(run.text)
        if isinstance(run, Emphasis):
            tag, css = EMPHASIS_TAGS[run.kind]
            return f"<{tag}{css}>{self.runs(run.runs)}</{tag}>"
        if isinstance(run, Label):
            if run.renumber_by:
                return (
                    f'<span class="draft-label" data-renumber-by="{attr(",".join(run.renumber_by))}" '
                    f'data-labels="{attr(embedded_json(dict(run.variants)))}">{escape(run.text)}</span>'
                )
            return f'<span class="draft-label">{escape(run.text)}</span>'
        if isinstance(run, Blank):
            return self.blank(run.option, run.text)
        if isinstance(run, Slot):
            return self.slot(run)
        if isinstance(run, Choice):
            variants = "".join(
                f'<span class="draft-variant" data-alternative="{attr(v.alternative)}"'
                f"{'' if v.alternative == run.chosen else ' hidden'}>{self.runs(v.runs)}</span>"
                for v in run.variants
            )
            blank = self.blank(run.option, run.blank) if run.chosen is None else ""
            return f'<span class="draft-choice" data-option="{attr(run.option)}">{variants}{blank}</span>'
        if isinstance(run, FootnoteRef):
            return f'<sup class="footnote-ref">{escape(run.id)}</sup>'
        return f"<sup>{escape(run.id)}</sup>"

    @staticmethod
    def blank(option_id: str, text: str, hint: str = "") -> str:
        # A blank of only underscores (a date's `______`) would show as an empty box: its hint says what goes there.
        hinted = f' data-hint="{attr(hint)}"' if hint and not text.strip("_ ") else ""
        return (
            f'<span class="draft-blank template-option" data-option="{attr(option_id)}"{hinted}>{escape(text)}</span>'
        )

    def slot(self, slot: Slot) -> str:
        """A place typed text goes: the text when answered, else the highlighted blank."""
        where = f'<span class="draft-slot" data-option="{attr(slot.option)}"'
        if slot.alternative is not None:
            where += f' data-input="{attr(slot.alternative)}"'
        if slot.date:
            where += ' data-format="date"'
        blank = self.blank(slot.option, slot.blank, "date" if slot.date else "to fill in")
        if self.with_variants:
            return f'{where} data-place="{attr(slot.place)}"><span class="draft-fill" hidden></span>{blank}</span>'
        if slot.filled is None:
            return f"{where}>{blank}</span>"
        return f'{where}><span class="draft-fill">{escape(slot.filled)}</span></span>'


def place_anchor(place: str, slug: str) -> str:
    """The id of the first block of a place (a provision id, short of the template's slug, or a header
    field) in the drafted policy: short, as the page holds many."""
    return "at-" + place.removeprefix(f"{slug}.")


STYLED_KINDS = {"title", "note", "footnote", *(f"heading-{level}" for level in range(2, MAX_HEADING_LEVEL + 1))}


EMPHASIS_TAGS = {"strong": ("strong", ""), "term": ("dfn", ' class="defined-term"')}


def document_html(policy: Policy, answers: dict[str, Answer] | None = None) -> str:
    """The drafted policy as an `<article>`: every variant (no answers), or with `answers` applied."""
    document = template_document(policy)
    if answers is not None:
        document = answered(document, answers)
    return article_html(document)


def article_html(document: Document) -> str:
    """A document (the template's or an answered one) as the preview's `<article>`."""
    return (
        f'<article class="draft-document" id="draft-document" data-template="{attr(document.slug)}">\n'
        f"{_HtmlWriter(document).items(document.items)}\n</article>"
    )


def standalone_html(policy: Policy, article: str) -> str:
    """A complete HTML file around a drafted `article` (styles inline, nothing loaded from elsewhere)."""
    return (
        f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(policy.document.title)}</title>\n<style>{STANDALONE_CSS}</style>\n</head>\n"
        f"<body>\n{article}\n</body>\n</html>\n"
    )


# --- The page -------------------------------------------------------------------------------------


def render_draft(corpus: Corpus, layout) -> Pages:
    """A "Draft your policy" page for each template, the scripts holding their texts' structures and
    the drafted policy's styles; nothing when the handbook has no template."""
    pages: Pages = {}
    for policy in templates_of(corpus):
        pages |= _template_pages(corpus, policy)
    if pages:
        pages[DOCUMENT_STYLES] = document_css()
    return pages


def _document_script(page: str) -> str:
    return DOCUMENT_SCRIPT if page == DRAFT_PAGE else page.removesuffix(".md") + "-document.js"


def _adopt_script(page: str) -> str:
    """The script of the policy file an agency adopting the template gets (`adopting.skeleton_data`),
    loaded when it is downloaded."""
    return page.removesuffix(".md") + "-adopt.js"


def _template_pages(corpus: Corpus, policy: Policy) -> Pages:
    page = draft_page(corpus, policy)
    document = template_document(policy)
    skeleton = adoption(corpus, policy)
    places = option_places(policy)
    within = options_within(document)
    precedents = precedents_by_option(corpus, policy)
    others = [t for t in templates_of(corpus) if t is not policy]
    other_links = (
        " Other model policies: "
        + ", ".join(
            f'<a href="{attr(href(page, draft_page(corpus, t)))}">{escape(t.document.title)} '
            f"({escape(t.agency.name)})</a>"
            for t in others
        )
        + "."
        if others
        else ""
    )
    blocks: list[str | Heading] = [
        Heading(1, TITLE),
        (
            f'<p class="lead">Answer the choices of the <a href="{attr(href(page, f"policies/{policy.slug}.md"))}">'
            f"{escape(policy.agency.name)}</a> ({escape(policy.document.title)}): the complete policy beside the "
            "form (below it on a phone: switch with Form and Preview) changes as you answer, and shows "
            "where. Your answers are kept in this browser until you start over." + other_links + "</p>"
        ),
        _toolbar(),
        _view_switch(),
        '<div class="draft-layout" id="draft--layout" data-view="form">\n'
        + _form(policy, places, within, precedents)
        + "\n"
        # Focusable, so that a keyboard can scroll the preview (it scrolls apart from the page).
        '<section class="draft-preview" id="draft--preview" aria-label="Preview of the drafted policy" tabindex="0">\n'
        + article_html(document)
        + "\n</section>\n</div>",
        _page_data(policy, places, within),
        f'<link rel="stylesheet" href="{attr(href(page, "assets/stylesheets/draft.css"))}">',
        f'<link rel="stylesheet" href="{attr(href(page, DOCUMENT_STYLES))}">',
        f'<script src="{attr(href(page, "assets/vendor/js-yaml/js-yaml.min.js"))}"></script>',
        f'<script src="{attr(href(page, _document_script(page)))}"></script>',
        f'<script src="{attr(href(page, CONTRACT_SCRIPT))}"></script>',
        f'<script src="{attr(href(page, SHARED_SCRIPT))}"></script>',  # draft.js loads the Word library with it
        f'<script src="{attr(href(page, "assets/javascripts/draft.js"))}"></script>',
    ]
    return {
        page: make_page(
            TITLE if page == DRAFT_PAGE else f"{TITLE}: {policy.document.title}", blocks, hide=("navigation", "toc")
        ),
        # A script of its own, not in the page: the structure repeats the preview's text, and the page
        # would grow past its budget; the browser writes the Markdown and Word files from it.
        _document_script(page): data_script(
            DRAFT_DOCUMENT_GLOBAL, {**as_data(document), **_files_data(policy, places, within, page, skeleton)}
        ),
        _adopt_script(page): data_script(DRAFT_ADOPT_GLOBAL, skeleton_data(skeleton)),
    }


def _toolbar() -> str:
    def button(action: str, name: str, title: str, css: str = "") -> str:
        return (
            f'<button type="button" class="md-button{css}" data-action="{action}" title="{attr(title)}">'
            f"{escape(name)}</button>"
        )

    papers = "".join(
        f'<option value="{attr(key)}"{" selected" if key == WORD["paper"] else ""}>{escape(paper["name"])}</option>'
        for key, paper in PAPERS.items()
    )
    return (
        '<div class="draft-toolbar" role="toolbar" aria-label="Answers and downloads">'
        '<div class="draft-tools" role="group" aria-label="Your answers">'
        + button("save", "Save answers", "Download your answers as a YAML file you can load again later")
        + '<label class="md-button" for="draft-load">Load answers</label>'
        '<input type="file" id="draft-load" accept=".yml,.yaml,text/yaml" class="draft-file"></div>'
        '<div class="draft-tools" role="group" aria-label="Download the drafted policy">'
        '<span class="draft-tools-label" aria-hidden="true">Download:</span>'
        + button("download-md", "Markdown (.md)", "Download the drafted policy as Markdown")
        + button("download-html", "Web page (.html)", "Download the drafted policy as a standalone web page")
        + button("download-docx", "Word (.docx)", "Download the drafted policy as a Word document")
        + '<label class="draft-paper">on <select id="draft--paper" aria-label="Paper size of the Word document">'
        f"{papers}</select></label>"
        + button("print", "Print or PDF", "Print the drafted policy, or save it as PDF, without the form")
        + "</div>"
        '<div class="draft-tools draft-adopt" role="group" aria-label="Add to a handbook" '
        'aria-describedby="draft--adopt-note">'
        '<span class="draft-tools-label" aria-hidden="true">Add to a handbook:</span>'
        + button("adopt-policy", "Policy file (.yml)", "Download the policy file a handbook adds as your agency's")
        + button("adopt-original", "Its text (.txt)", "Download the policy's text, which goes beside its file")
        + '<p class="draft-adopt-note" id="draft--adopt-note"></p></div>'
        '<div class="draft-tools draft-tools-end">'
        + button("start-over", "Start over…", "Clear every answer and go back to the defaults", " draft-danger")
        + "</div>"
        '<p id="draft-message" class="draft-message" role="status" aria-live="polite"></p></div>'
    )


def _view_switch() -> str:
    """On a narrow screen the form and the preview are shown one at a time: this switches them."""
    return (
        '<div class="draft-switch" role="group" aria-label="Show">'
        '<button type="button" class="md-button" data-view="form" aria-pressed="true">Form</button>'
        '<button type="button" class="md-button" data-view="preview" aria-pressed="false">Preview</button></div>'
    )


def _form(policy: Policy, places: dict[str, list[Place]], within: dict[str, list[str]], precedents) -> str:
    fieldsets = "\n".join(
        _fieldset(option, places[option.id], within.get(option.id, []), policy.slug, precedents.get(option.id))
        for option in policy.options
    )
    return (
        '<form class="draft-form" id="draft-form" aria-label="The template\'s choices" novalidate>'
        '<div class="draft-status"><p class="draft-progress" id="draft-progress" aria-live="polite"></p>'
        '<p class="draft-position" id="draft--position"></p></div>'
        '<details class="draft-unanswered-box"><summary>Unanswered</summary>'
        '<ul id="draft-unanswered" class="draft-unanswered"></ul></details>'
        '<p class="draft--agency"><label for="draft--agency">Your agency (in the Word file\'s properties and '
        'when the policy joins a handbook)</label> <input type="text" id="draft--agency" '
        'placeholder="e.g. Millbrook Police Department" autocomplete="organization"></p>'
        f"\n{fieldsets}\n</form>"
    )


def short_place(place: Place) -> str:
    """A place as the form names it beside a question: `IV.C.5.b`, `the header (issue date)`."""
    if place.name.startswith("header: "):
        return f"the header ({place.name.removeprefix('header: ')})"
    return place.name.split(" ")[0]


def _control_id(option: TemplateOption, suffix: str = "") -> str:
    return f"draft-{option.id}" + (f"--{suffix}" if suffix else "")


def _fieldset(option: TemplateOption, places: list[Place], within: list[str], slug: str, precedents) -> str:
    legend = f"<legend>{escape(option.label)}</legend>"
    help_text = (
        f'<p class="draft-help" id="{_control_id(option, "help")}">{escape(option.help)}</p>' if option.help else ""
    )
    # Each place a link to it in the preview (draft.js scrolls the preview there).
    where = ", ".join(
        f'<a href="#{attr(place_anchor(p.id, slug))}" class="draft-place-link">{escape(short_place(p))}</a>'
        for p in places
    )
    skipped = (
        '<p class="draft-skipped" hidden>Not asked while the part it stands in is left out; your answer is '
        "kept in case you include it again.</p>"
        if within
        else ""
    )
    controls = {"fill-in": _fill_in_controls, "choice": _choice_controls, "optional": _optional_controls}[option.kind]
    return (
        f'<fieldset class="draft-option" id="{_control_id(option, "fieldset")}" data-option="{attr(option.id)}" '
        f'data-kind="{attr(option.kind)}">{legend}'
        f'<p class="draft-where">The template\'s <span class="template-option">{escape(option.bracket)}</span>'
        f"{' in ' + where if where else ''}</p>{skipped}"
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


# The largest of the rules, which the page needs only to check a loaded answers file or to write a
# download: sent in the script with the text's structure, so the page stays under its budget.
MOVED_RULES = ("messages", "options")


def _files_data(
    policy: Policy, places: dict[str, list[Place]], within: dict[str, list[str]] | None, page: str, skeleton: Skeleton
) -> dict:
    """What the downloads are made of, in the script with the text's structure (the page stays small):
    the standalone HTML file around its article, the table of formats, the largest rules (`MOVED_RULES`),
    and what adding the policy to a handbook needs before its script is loaded: that script, the name of
    the answers file the page saves (the adopted policy's provenance names it), and what `handbook adopt`
    refuses in an answer (a `{{…}}`, which would read as a reference)."""
    checking = rules(policy, places, within)
    return {
        "standalone": standalone_html(policy, ARTICLE_MARK),
        "articleMark": ARTICLE_MARK,
        "formats": FORMATS,
        "rules": {key: checking[key] for key in MOVED_RULES},
        "adopt": {
            "script": href(page, _adopt_script(page)),
            "answersFile": answers_file(policy),
            "reference": inline.TOKEN.pattern,
            **files_data(skeleton),
        },
    }


def answers_file(policy: Policy) -> str:
    """The name of the answers file the page saves."""
    return f"{policy.slug}-answers.yml"


def _page_data(policy: Policy, places: dict[str, list[Place]], within: dict[str, list[str]] | None = None) -> str:
    """What draft.js needs, as inline JSON: the rules and messages that check an answers file
    (generator/features/draft/answers.py), the date rule, the table of formats, and what the downloads are made of."""
    checking = rules(policy, places, within)
    data = {
        **{key: value for key, value in checking.items() if key not in MOVED_RULES},
        "version": ANSWERS_VERSION,
        "title": policy.document.title,
        "date": DATES.as_data(),
        "docxScript": href(DRAFT_PAGE, "assets/vendor/docx/docx.iife.js"),
    }
    return f'<script type="application/json" id="draft-data">{embedded_json(data)}</script>'


# --- How others decided -----------------------------------------------------------------------------


@dataclass
class Precedents:
    """What the departments decided where an option stands: for each codebook question tied to the option,
    the departments' decisions; the topics of the option's place (linked to their comparison pages), and
    how many departments have provisions on them (for an option no question covers)."""

    topics: list[Topic]
    departments: list[tuple[Policy, list[Provision]]]  # in corpus order, only those that address a topic
    questions: list[tuple[Question, list[Decision]]] = field(default_factory=list)
    # (department, sentence) quoted beside an earlier option (one provision often decides several
    # questions: it is quoted once, and linked the other times)
    elsewhere: set[tuple[str, str]] = field(default_factory=set)


def option_topics(policy: Policy, option: TemplateOption) -> list[str]:
    """The topics of the provisions where the option stands (or that it makes optional)."""
    topics: list[str] = []
    for provision in policy.provisions():
        uses = provision.option == option.id or any(
            option.id in inline.option_refs(t) for t in provision_texts(provision)
        )
        if uses:
            topics += [t for t in provision.topics if t not in topics]
    return topics


def precedents_by_option(corpus: Corpus, template: Policy) -> dict[str, Precedents]:
    """For each option, the departments' decisions on its codebook questions, and the topics of its place."""
    result = {}
    first_quoted: set[tuple[str, str]] = set()
    for option in template.options:
        topic_ids = option_topics(template, option)
        questions = [(q, corpus.decisions(q.id)) for q in corpus.questions if q.option == option.id]
        elsewhere: set[tuple[str, str]] = set()
        for question, decisions in questions:
            for quoted in quoted_of(_shown_groups(question, decisions)):
                for decision in quoted:
                    key = (decision.policy.slug, decision.quote)
                    (elsewhere if key in first_quoted else first_quoted).add(key)
        departments = (
            []
            if questions
            else [(policy, found) for policy, found in corpus.provisions_on_topics(topic_ids) if not policy.is_template]
        )
        topics = [t for t in (corpus.taxonomy.topic(i) for i in topic_ids) if t]
        result[option.id] = Precedents(topics, departments, questions, elsewhere)
    return result


def answer_groups(question: Question, decisions: list[Decision]) -> list[tuple[str, list[Decision]]]:
    """The decisions grouped by answer, each group under the answer's wording: a question's answers in the
    codebook's order; the departments' own answers to a text question (who authorizes), the most given first."""
    groups: dict[str, list[Decision]] = {}
    for decision in decisions:
        groups.setdefault(decision.wording, []).append(decision)
    if question.kind == "text":
        return sorted(groups.items(), key=lambda group: -len(group[1]))  # stable: ties in corpus order
    order = {choice.wording: i for i, choice in enumerate(question.answers)}
    return sorted(groups.items(), key=lambda group: order.get(group[0], len(order)))


def _shown_groups(question: Question, decisions: list[Decision]) -> list[tuple[str, list[Decision]]]:
    """The answers shown beside the option: all of a question's answers, a text question's most given."""
    groups = answer_groups(question, decisions)
    return groups if question.kind != "text" else groups[:PRECEDENT_ANSWERS]


def quoted_of(groups: list[tuple[str, list[Decision]]]) -> list[list[Decision]]:
    """Of each answer's departments, those quoted: PRECEDENT_QUOTES in all, taken from each answer in turn
    (every answer gets one before any gets two), each with a sentence its answer's others quoted do not
    have (many departments copy one model, and the same sentence twice tells nothing)."""
    quoted: list[dict[str, Decision]] = [{} for _ in groups]
    waiting: list[Iterator[Decision] | None] = [iter(group) for _, group in groups]
    left = PRECEDENT_QUOTES
    while left and any(waiting):
        for i, decisions in enumerate(waiting):
            if left and decisions is not None:
                decision = next((d for d in decisions if d.quote not in quoted[i]), None)
                if decision is None:
                    waiting[i] = None
                    continue
                quoted[i][decision.quote] = decision
                left -= 1
    return [list(q.values()) for q in quoted]


def _precedents_html(precedents: Precedents | None) -> str:
    """For each codebook question of the option, the departments grouped by their answer, each linked to
    the provision deciding it and quoted with the whole sentence that decides it.

    The page stays small however many agencies the handbook holds: at most PRECEDENT_QUOTES departments
    are quoted per question and PRECEDENT_ANSWERS answers of a text question shown; the others are
    counted, and the decisions matrix lists them all.
    """
    if not precedents:
        return ""
    topic_links = ", ".join(
        f'<a href="{attr(href(DRAFT_PAGE, topic_page(t)))}">{escape(t.title)}</a>' for t in precedents.topics
    )
    compare = f"Compare the departments side by side: {topic_links}." if topic_links else ""
    codebook = href(DRAFT_PAGE, CODEBOOK_PAGE)
    if not precedents.questions:
        if not precedents.departments:
            return ""
        return (
            f'<details class="draft-precedents"><summary>How others decided '
            f"({_departments(len(precedents.departments))} on its topics)</summary>"
            f'<p>No question of the <a href="{attr(codebook)}">codebook</a> covers this choice. {compare}</p></details>'
        )
    answering = {d.policy.slug for _, decisions in precedents.questions for d in decisions}
    sections = "".join(
        _question_html(question, decisions, len(precedents.questions) > 1, precedents.elsewhere)
        for question, decisions in precedents.questions
    )
    everyone = (
        f'Every department\'s answer: <a href="{attr(href(DRAFT_PAGE, MATRIX_PAGE))}">the decisions matrix</a>. '
        if answering
        else ""
    )
    return (
        f'<details class="draft-precedents"><summary>How others decided ({_departments(len(answering))})</summary>'
        f"{sections}<p>{everyone}{compare}</p></details>"
    )


def _departments(number: int) -> str:
    return count(number, "department")


def _question_html(question: Question, decisions: list[Decision], titled: bool, elsewhere: set[tuple[str, str]]) -> str:
    """One question: its answers' groups, or that no department answers it."""
    codebook = href(DRAFT_PAGE, CODEBOOK_PAGE, f"q-{question.id}")
    asked = f'<a href="{attr(codebook)}">{escape(question.question)}</a>'
    if not decisions:
        body = f"<p>{asked} No department answers it yet.</p>"
    else:
        groups = answer_groups(question, decisions)
        shown = _shown_groups(question, decisions)
        body = f"<p>{asked}</p>" if titled else ""
        body += "".join(
            _group_html(wording, group, quoted, elsewhere)
            for (wording, group), quoted in zip(shown, quoted_of(shown), strict=True)
        )
        rest = groups[len(shown) :]
        if rest:
            others = sum(len(group) for _, group in rest)
            body += f"<p>{_departments(others)} with {count(len(rest), 'other answer')}.</p>"
    return f'<section {QUESTION}="{attr(question.id)}">{body}</section>'


def _group_html(
    wording: str, decisions: list[Decision], quoted: list[Decision], elsewhere: set[tuple[str, str]]
) -> str:
    """The departments giving one answer: how many, and a few of them quoted."""
    how_many = _departments(len(decisions)) + (f", {len(quoted)} quoted" if len(quoted) < len(decisions) else "")
    items = "".join(_decision_item(d, (d.policy.slug, d.quote) in elsewhere) for d in quoted)
    return (
        f'<div {ANSWER}="{attr(wording)}"><p><strong>{escape(wording)}</strong> ({how_many})</p><ul>{items}</ul></div>'
    )


def _decision_item(decision: Decision, quoted_above: bool = False) -> str:
    """A department and the provision deciding it, linked, and the whole sentence that decides it (the
    link shows the list it may be an item of); a sentence quoted beside an earlier option is not repeated."""
    policy, provision = decision.policy, decision.provision
    label = " ".join(provision.label_path) or "¶"
    target = href(DRAFT_PAGE, f"policies/{policy.slug}.md", provision.id)
    words = "quoted above" if quoted_above else f"<q>{escape(plain_text(policy, decision.quote))}</q>"
    return f'<li><a href="{attr(target)}">{escape(policy.agency.name)}, {escape(label)}</a>: {words}</li>'
