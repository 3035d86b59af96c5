"""The comparison pages: the coverage matrix, one page per topic (departments side by side, the
template's choices, word-level differences) and the compare search.

Built for hundreds of agencies: a page shows a few departments to begin with and the reader adds
others (`compare-choose.js` loads an added department's columns from its own small script, or fills
copies of the matrix's templates with the data of `policies.js`); every department carries its differences from the topic's most
common wording, and pairs are diffed only among the departments shown at first. The compare search
runs on the site's search index (`generator/features/search/render.py`), loading only the parts its words need.

The model-level work (who addresses what, the reference wording, the diffs) is in
`generator/features/compare/model.py`; this module only draws it, the `<template>`s of what the browser adds included
(the names both sides use are in `generator/contract.py`). Browser code: `compare-choose.js` (choose and
add departments), `compare-topic.js` (switch between the precomputed pair diffs) and `compare-search.js`
(search and filters); styles in `compare.css`.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...contract import (
    ADD_NOTE_TEMPLATE,
    ADD_OFFER_TEMPLATE,
    ADDED,
    ANSWER,
    COMPARE_ADD_INPUT_ID,
    COMPARE_ADD_OPTIONS_ID,
    COMPARE_ANSWERS_GLOBAL,
    COMPARE_CHOOSE_SCRIPT,
    COMPARE_COLUMNS_GLOBAL,
    COMPARE_POLICIES_GLOBAL,
    COMPARE_RESULTS_ID,
    COMPARE_SEARCH_SCRIPT,
    COMPARE_SEARCH_SOURCE,
    COMPARE_STATUS_ID,
    COMPARE_TOPIC_SCRIPT,
    CONTRACT_SCRIPT,
    COVERAGE_CELL_TEMPLATE,
    COVERAGE_HEAD_TEMPLATE,
    COVERAGE_TOTAL_TEMPLATE,
    LEFT,
    MATRIX_SCRIPT,
    POLICY,
    QUESTION,
    RESULT_COLUMN_TEMPLATE,
    RESULT_PROVISION_TEMPLATE,
    RESULT_TOPIC_TEMPLATE,
    RIGHT,
    SEARCH_READER,
    SELECTED_LEFT,
    SELECTED_RIGHT,
    SHARED_SCRIPT,
    SHOW_BOX_TEMPLATE,
    SLUG,
    TOPIC,
    data_script,
    placeholder,
    template,
)
from ...document import provision_blocks, written_runs
from ...inline import footnote_refs, option_refs, paragraphs
from ...load import SourceLayout
from ...model import NOT_ADDRESSED, Corpus, Policy, Provision, Question, TemplateOption, Topic
from ...render.html import attr, count, diff_html, escape, heading_text, href, marked
from ...render.matrix import SILENT_MARK, matrix_html
from ...render.page import Heading, Page, Pages, make_page
from ...writers.html import (
    EMPTY_PARAGRAPH,
    emphasis_html,
    label_link,
    optional_html,
    paragraphs_html,
    placeholder_html,
    runs_html,
    term_html,
    text_html,
)
from ..policy.render import page_path
from ..search.index import INDEX as SEARCH_INDEX
from ..search.index import LUNR_SCRIPT
from ..search.index import TOPICS as SEARCH_TOPICS
from .model import (
    PairDiff,
    Stance,
    TopicComparison,
    compare_topics,
    departments_addressing,
    pair_diffs,
    reference_diffs,
    reference_stance,
    shown_stances,
    topics_addressed,
    topics_by_group,
    wording_groups,
)

COVERAGE_PAGE = "compare/index.md"
SEARCH_PAGE = COMPARE_SEARCH_SOURCE
POLICIES_DATA = "compare/policies.js"  # every policy, for adding departments to a page
COLUMNS = "compare/columns"  # one script per department: its column on each topic
ANSWERS_DATA = "compare/answers.js"  # each department's answers to the codebook's questions, for the search
STYLESHEET = "assets/stylesheets/compare.css"
MATRIX_COLUMNS = 8  # policies the coverage matrix shows before the reader adds others
COVERAGE_TABLE_ID = "coverage-table"
# The matrix's marks (its key, above it, says what each means; a screen reader hears the words instead).
ADDRESSED_MARK = "●"  # before the number of provisions
UNREVIEWED_MARK = "?"  # not yet reviewed
ABOUT_MARK = "i"  # opens what a topic covers
SILENT_NAMES = 12  # a topic page names the silent departments up to this many, else counts them


def topic_page(topic: Topic) -> str:
    return f"compare/topics/{topic.id}.md"


def column_script(policy: Policy) -> str:
    return f"{COLUMNS}/{policy.slug}.js"


@dataclass
class TopicView:
    """What a topic page draws: the comparison, its reference wording, the departments shown to begin
    with, and every department's differences from the reference."""

    comparison: TopicComparison
    reference: Stance | None
    reference_share: int  # departments whose wording is word for word the reference's
    shown: list[Stance]  # the department stances shown before the reader adds others
    from_reference: dict[str, PairDiff]  # policy slug → its differences from the reference
    from_reference_html: dict[str, str]  # policy slug → those differences drawn (once per wording)

    @property
    def more(self) -> int:
        """How many departments address the topic but are not shown to begin with."""
        return len(self.comparison.department_stances) - len(self.shown)


def topic_view(comparison: TopicComparison) -> TopicView:
    departments = comparison.department_stances
    reference = reference_stance(departments)
    share = len(wording_groups(departments)[reference.wording]) if reference else 0
    diffs = reference_diffs(reference, departments) if reference and len(departments) > 1 else {}
    drawn: dict[int, str] = {}  # departments with the same wording share one list of changes
    for diff in diffs.values():
        if id(diff.changes) not in drawn:
            drawn[id(diff.changes)] = diff_html(diff.changes)
    html = {slug: drawn[id(diff.changes)] for slug, diff in diffs.items()}
    return TopicView(comparison, reference, share, shown_stances(departments, reference=reference), diffs, html)


def render_compare(corpus: Corpus, layout: SourceLayout) -> Pages:
    """Every comparison page and file; none when the handbook has no topics yet.

    Each department's column on each topic is drawn once: on the topic page when it is shown to begin
    with, and in the department's column script, which a page loads when the reader adds it.
    """
    if not corpus.taxonomy.topics:
        return {}
    comparisons = compare_topics(corpus, corpus.policies)
    pages: Pages = {COVERAGE_PAGE: render_coverage(corpus, comparisons)}
    columns: dict[str, dict[str, str]] = {p.slug: {} for p in corpus.departments}
    # Every topic page is in one folder, so a policy page's address is the same from each of them, and
    # so is the top of the policy's column: both are worked out once per policy, not once per topic.
    policy_hrefs = {p.slug: href(topic_page(comparisons[0].topic), page_path(p)) for p in corpus.policies}
    heads = {p.slug: _column_head(p, policy_hrefs[p.slug]) for p in corpus.policies}
    for comparison in comparisons:
        view = topic_view(comparison)
        page = topic_page(comparison.topic)
        drawn = {
            s.policy.slug: _column(s, view, policy_hrefs[s.policy.slug], heads[s.policy.slug])
            for s in comparison.stances
        }
        pages[page] = render_topic(corpus, view, drawn)
        for stance in comparison.department_stances:
            columns[stance.policy.slug][comparison.topic.id] = drawn[stance.policy.slug]
    for policy in corpus.departments:
        pages[column_script(policy)] = data_script(
            COMPARE_COLUMNS_GLOBAL, {policy.slug: columns[policy.slug]}, merge=True
        )
    pages[POLICIES_DATA] = policies_script(corpus, comparisons)
    pages[SEARCH_PAGE] = render_search(corpus)
    if _filter_questions(corpus):
        pages[ANSWERS_DATA] = answers_script(corpus)
    return pages


# --- Shared pieces ----------------------------------------------------------------------------------


def _compare_page(title: str, blocks: list[str | Heading]) -> Page:
    """A comparison page, with no table of contents beside it: columns and the matrix need the width."""
    return make_page(title, blocks, hide=("toc",))


def _stylesheet(page: str) -> str:
    """The comparison styles, linked from the pages that need them rather than from every page."""
    return f'<div class="compare-assets"><link rel="stylesheet" href="{attr(href(page, STYLESHEET))}"></div>'


def _scripts(page: str, *scripts: str) -> str:
    """`scripts`, relative to `page`, at the end of the page so the elements they wire exist; the
    contract and the shared script (generator/contract.py) before them."""
    tags = "".join(
        f'<script src="{attr(href(page, script))}"></script>' for script in (CONTRACT_SCRIPT, SHARED_SCRIPT, *scripts)
    )
    return f'<div class="compare-assets">{tags}</div>'


def _policy_name(policy: Policy) -> str:
    badge = ' <span class="badge">template</span>' if policy.is_template else ""
    return f"{escape(policy.name)}{badge}"


def _label_path(provision: Provision) -> str:
    """The provision's original labels from the top of the policy down (`IV. B. 7. a.`)."""
    return " ".join(provision.label_path)


def _percent(similarity: float) -> str:
    return f"{round(similarity * 100)}%"


def _chooser(boxes: str, more: str, data_attributes: str = "") -> str:
    """Checkboxes choosing which policies are shown, and, when `more` says how many are not on the page,
    a box to add any of them (`compare-choose.js`, with the data of `policies.js`) and the templates of
    what it adds."""
    add = ""
    if more:
        add = (
            f'<div class="compare-add"><p>{more} more. '
            f'<label for="{COMPARE_ADD_INPUT_ID}">Add a department:</label> '
            f'<input type="search" id="{COMPARE_ADD_INPUT_ID}" autocomplete="off" placeholder="type a name" '
            f'aria-controls="{COMPARE_ADD_OPTIONS_ID}" disabled></p>'
            f'<ul class="compare-add-options" id="{COMPARE_ADD_OPTIONS_ID}" aria-live="polite"></ul></div>'
        )
    chooser = f'<fieldset class="compare-choose"{data_attributes}><legend>Show</legend>{boxes}{add}</fieldset>'
    if not more:
        return chooser
    slug, name = placeholder("slug"), placeholder("name")
    return (
        chooser
        + template(SHOW_BOX_TEMPLATE, _show_box(slug, name, added=True))
        + template(
            ADD_OFFER_TEMPLATE,
            f'<li><button type="button" class="compare-add-button" {SLUG}="{slug}">Add {name}</button></li>',
        )
        + template(ADD_NOTE_TEMPLATE, f"<li>{placeholder('note')}</li>")
    )


def _show_box(slug: str, name: str, added: bool = False) -> str:
    """A box showing a policy's column; `added`: of a department the reader added (remembered)."""
    return (
        f'<label><input type="checkbox" name="show" value="{attr(slug)}" checked{f" {ADDED}" if added else ""}> '
        f"{escape(name)}</label>"
    )


# --- Coverage matrix --------------------------------------------------------------------------------


def matrix_policies(corpus: Corpus, comparisons: list[TopicComparison]) -> list[Policy]:
    """The policies the matrix shows to begin with, in the handbook's order: all when there are at
    most `MATRIX_COLUMNS`; otherwise the templates and the departments addressing the most topics."""
    if len(corpus.policies) <= MATRIX_COLUMNS:
        return list(corpus.policies)
    addressed = topics_addressed(comparisons)
    templates = [p for p in corpus.policies if p.is_template]
    ranked = sorted(corpus.departments, key=lambda p: -addressed.get(p.slug, 0))
    chosen = {id(p) for p in templates + ranked[: MATRIX_COLUMNS - len(templates)]}
    return [p for p in corpus.policies if id(p) in chosen]


def render_coverage(corpus: Corpus, comparisons: list[TopicComparison]) -> Page:
    """Topics (grouped) × policies: each cell links to the policy's provisions on the topic or says
    it is not addressed; totals per policy (topics addressed) and per topic (departments addressing).
    With many policies, a few are shown and the reader adds others."""
    page = COVERAGE_PAGE
    policies = matrix_policies(corpus, comparisons)
    more = len(corpus.policies) - len(policies)
    by_topic = {c.topic.id: c for c in comparisons}
    addressed = topics_addressed(comparisons)
    departments = len(corpus.departments)
    head = "".join(_coverage_head(p.slug, href(page, page_path(p)), _policy_name(p)) for p in policies)
    groups = []
    for group, topics in topics_by_group(corpus.taxonomy):
        title = escape(group.title) if group else "Other topics"
        rows = "".join(_coverage_row(page, by_topic[t.id], policies, departments) for t in topics)
        groups.append(
            f'<tbody><tr class="coverage-group"><th scope="rowgroup" colspan="{len(policies) + 2}">'
            f"{title}</th></tr>{rows}</tbody>"
        )
    totals = "".join(_coverage_total(str(addressed.get(p.slug, 0)), len(comparisons)) for p in policies)
    table = (
        f'<table class="coverage-matrix" id="{COVERAGE_TABLE_ID}"><thead><tr><th scope="col">Topic</th>{head}'
        f'<th scope="col">Departments addressing it</th></tr></thead>{"".join(groups)}'
        f'<tfoot><tr><th scope="row">Topics addressed</th>{totals}<td></td></tr></tfoot></table>'
    )
    unreviewed = any(p.unreviewed for p in corpus.policies)
    blocks: list[str | Heading] = [
        Heading(1, "Compare policies by topic"),
        _stylesheet(page),
        (
            '<p class="lead">Which topics each policy addresses: <span class="coverage-key">'
            f"{ADDRESSED_MARK} 2</span> two of its provisions deal with the topic (and link to them, side by side "
            f'with the other policies’), <span class="coverage-key">{SILENT_MARK}</span> not addressed; '
            f'<span class="coverage-key">{ABOUT_MARK}</span> says what a topic covers'
            + (
                f'. <span class="coverage-key">{UNREVIEWED_MARK}</span> <em>not yet reviewed</em> means some of the '
                "policy’s provisions still wait for a person to review their topics (an imported draft), so it may "
                "yet address the topic"
                if unreviewed
                else ""
            )
            + ".</p>"
        ),
        (
            f'<p class="compare-links"><a href="{attr(href(page, SEARCH_PAGE))}">Search the provisions by word, '
            "department and topic</a></p>"
        ),
    ]
    if more:
        blocks.append(_chooser("".join(_show_box(p.slug, p.name) for p in policies), count(more, "policy", "policies")))
    blocks.append(matrix_html(COVERAGE_TABLE_ID, table, policies, addable=bool(more)))
    if more:
        blocks += [
            _coverage_templates(corpus, comparisons, policies),
            _scripts(page, POLICIES_DATA, COMPARE_CHOOSE_SCRIPT, MATRIX_SCRIPT),
        ]
    else:
        blocks.append(_scripts(page, MATRIX_SCRIPT))
    return _compare_page("Compare policies by topic", blocks)


def _coverage_head(slug: str, link: str, name_html: str) -> str:
    return f'<th scope="col" {POLICY}="{attr(slug)}"><a href="{attr(link)}">{name_html}</a></th>'


def _coverage_cell(link: str, provisions: int) -> str:
    """A cell of the matrix: a mark and the number of a policy's `provisions` on a topic, linking to them,
    or a mark saying it is not addressed; a screen reader says it in words (`2 provisions`). Which policy
    and which topic, the headings say (the row's and the column's stay in view)."""
    if not provisions:
        return f'<td class="not-addressed">{marked(SILENT_MARK, NOT_ADDRESSED)}</td>'
    return (
        f'<td class="addressed"><a href="{attr(link)}">'
        f"{marked(f'{ADDRESSED_MARK} {provisions:,}', count(provisions, 'provision'))}</a></td>"
    )


def _coverage_total(addressed: str, topics: int) -> str:
    return f"<td>{addressed} of {topics}</td>"


def _coverage_templates(corpus: Corpus, comparisons: list[TopicComparison], shown: list[Policy]) -> str:
    """The matrix's column of a department the reader adds, as templates `compare-choose.js` fills: its
    header, its cell on a topic (a variant for each number of provisions a department not shown has on
    a topic), its total."""
    hidden = {p.slug for p in corpus.policies} - {p.slug for p in shown}
    counts = {0} | {len(s.provisions) for c in comparisons for s in c.stances if s.policy.slug in hidden}
    link, name = placeholder("link"), placeholder("name")
    cells = {str(n): _coverage_cell(link, n) for n in sorted(counts)}
    cells["unreviewed"] = _unreviewed_cell(placeholder("waiting"))
    return (
        template(COVERAGE_HEAD_TEMPLATE, _coverage_head(placeholder("slug"), link, name))
        + template(COVERAGE_CELL_TEMPLATE, "", variants=cells)
        + template(COVERAGE_TOTAL_TEMPLATE, _coverage_total(placeholder("addressed"), len(comparisons)))
    )


def _coverage_row(page: str, comparison: TopicComparison, policies: list[Policy], departments: int) -> str:
    topic = comparison.topic
    target = topic_page(topic)
    cells = []
    for policy in policies:
        stance = comparison.stance(policy.slug)
        if stance is None:
            cells.append(_silent_cell(policy))
            continue
        link = href(page, target, policy.slug)
        cells.append(_coverage_cell(link, len(stance.provisions)))
    title = escape(topic.title)
    # What the topic covers, on demand: a row stays one line high, so that the whole matrix is read at a glance.
    about = (
        f'<details class="topic-about"><summary title="What it covers"><span aria-hidden="true">{ABOUT_MARK}</span>'
        f'<span class="visually-hidden">What “{title}” covers</span></summary>'
        f'<p class="topic-description">{escape(topic.description)}</p></details>'
    )
    return (
        f'<tr><th scope="row"><a href="{attr(href(page, target))}">{title}</a> {about}</th>{"".join(cells)}'
        f"<td>{departments_addressing(comparison)} of {departments}</td></tr>"
    )


def _silent_cell(policy: Policy) -> str:
    """The matrix cell of a policy with no provision on a topic: not addressed, or, while some of its
    provisions wait for a person to review their topics, not yet reviewed (it may address it)."""
    if not policy.unreviewed:
        return f'<td class="not-addressed">{marked(SILENT_MARK, NOT_ADDRESSED)}</td>'
    return _unreviewed_cell(_unreviewed(policy))


def _unreviewed(policy: Policy) -> str:
    return count(len(policy.unreviewed), "provision", "provisions")


def _unreviewed_cell(waiting: str) -> str:
    return (
        f'<td class="not-reviewed" title="{attr(waiting)} of this policy not yet reviewed">'
        f"{marked(UNREVIEWED_MARK, 'not yet reviewed')}</td>"
    )


def policies_script(corpus: Corpus, comparisons: list[TopicComparison]) -> str:
    """Every policy with its provisions per topic (0: not addressed), for the pages where the reader
    adds departments. Topics are in the matrix's order of rows. Addresses are from the site's top
    folder; pages prefix their own way up."""
    topics = [t for _, group in topics_by_group(corpus.taxonomy) for t in group]
    by_topic = {c.topic.id: c for c in comparisons}
    counts = {p.slug: [0] * len(topics) for p in corpus.policies}
    for i, topic in enumerate(topics):
        for stance in by_topic[topic.id].stances:
            counts[stance.policy.slug][i] = len(stance.provisions)
    data = {
        "topics": [{"id": t.id, "page": href("index.md", topic_page(t))} for t in topics],
        "policies": [
            {
                "slug": p.slug,
                "name": p.name,
                "template": p.is_template,
                "page": href("index.md", page_path(p)),
                "counts": counts[p.slug],
                **({"unreviewed": _unreviewed(p)} if p.unreviewed else {}),  # its 0 counts: not yet reviewed
                **({} if p.is_template else {"columns": column_script(p)}),
            }
            for p in corpus.policies
        ],
    }
    return data_script(COMPARE_POLICIES_GLOBAL, data)


# --- One topic --------------------------------------------------------------------------------------


def render_topic(corpus: Corpus, view: TopicView, drawn: dict[str, str]) -> Page:
    """The page of one topic: what each policy shown says, side by side, and the differences.

    `drawn` holds every stance's column by policy slug; the template's and the shown departments' are
    placed on the page, the others are added by the reader.
    """
    comparison = view.comparison
    topic, page = comparison.topic, topic_page(comparison.topic)
    group = next((g.title for g in corpus.taxonomy.groups if g.id == topic.group), None)
    blocks: list[str | Heading] = [
        Heading(1, heading_text(topic.title)),
        _stylesheet(page),
        f'<p class="lead">{escape(topic.description)}</p>',
        _topic_summary(page, comparison, len(corpus.departments), group),
    ]
    shown = comparison.template_stances + view.shown
    blocks += _topic_questions(corpus, page, topic, [s.policy for s in shown])
    blocks.append(Heading(2, "Side by side", "side-by-side"))
    if shown:
        boxes = "".join(_show_box(s.policy.slug, s.policy.name) for s in shown)
        more = count(view.more, "department", "departments") if view.more else ""
        blocks += [
            _chooser(boxes, more, f' {TOPIC}="{attr(topic.id)}"'),
            f'<div class="compare-columns">{"".join(drawn[s.policy.slug] for s in shown)}</div>',
        ]
    else:
        blocks.append('<p class="not-addressed">No policy addresses this topic.</p>')
    blocks += [Heading(2, "Differences between two departments", "differences"), _differences(view)]
    scripts = ([POLICIES_DATA] if view.more else []) + [COMPARE_CHOOSE_SCRIPT, COMPARE_TOPIC_SCRIPT]
    blocks.append(_scripts(page, *scripts))
    return _compare_page(topic.title, blocks)


def _topic_questions(corpus: Corpus, page: str, topic: Topic, policies: list[Policy]) -> list[str | Heading]:
    """The codebook's questions on the topic: each policy shown side by side with its answer (linked to the
    provision giving it), and how all the departments answer (counted, so the page does not grow with them)."""
    from ..decisions.render import CODEBOOK_PAGE, MATRIX_PAGE, template_short  # that module builds on this one

    questions = [q for q in corpus.questions if topic.id in q.topics]
    if not questions:
        return []
    head = "".join(f'<th scope="col">{escape(p.name)}</th>' for p in policies)
    rows = []
    for question in questions:
        cells = "".join(_answer_cell(corpus, page, question, policy, template_short) for policy in policies)
        asked = f'<a href="{attr(href(page, CODEBOOK_PAGE, "q-" + question.id))}">{escape(question.question)}</a>'
        rows.append(
            f'<tr {QUESTION}="{attr(question.id)}"><th scope="row">{asked}</th>{cells}'
            f"<td>{_answer_counts(corpus, question)}</td></tr>"
        )
    table = (
        f'<table class="topic-questions"><thead><tr><th scope="col">Question</th>{head}'
        f'<th scope="col">All {len(corpus.departments):,} departments</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )
    return [
        Heading(2, "Questions on this topic", "questions"),
        (
            f'<p>What each policy decided on the <a href="{attr(href(page, CODEBOOK_PAGE))}">codebook</a>\'s questions '
            f'on this topic; every department\'s answers are in <a href="{attr(href(page, MATRIX_PAGE))}">the '
            "decisions matrix</a>. <em>not addressed</em>: no provision answers it.</p>"
        ),
        (
            '<div class="topic-questions-scroll" role="region" aria-label="Answers to the questions on this topic" '
            f'tabindex="0">{table}</div>'
        ),
    ]


def _answer_cell(corpus: Corpus, page: str, question: Question, policy: Policy, template_short) -> str:
    """A policy's answer to a question, linked to the provision giving it; the template's choice when it
    leaves the question to the agency."""
    decision = corpus.decision(policy, question.id)
    if decision is not None:
        target = href(page, page_path(policy), decision.provision.id)
        condition = f' title="{attr(decision.coding.condition)}"' if decision.coding.condition else ""
        return f'<td {ANSWER}="{attr(decision.wording)}"><a href="{attr(target)}"{condition}>{escape(decision.wording)}</a></td>'
    offered = [t for t in corpus.template_answers(question.id) if t.policy is policy]
    if offered:
        target = href(page, page_path(policy), offered[0].provision.id if offered[0].provision else None)
        return f'<td {ANSWER}=""><a href="{attr(target)}">{template_short(offered[0])}</a></td>'
    return f'<td class="not-addressed" {ANSWER}="{NOT_ADDRESSED}">{NOT_ADDRESSED}</td>'


def _answer_counts(corpus: Corpus, question: Question) -> str:
    """How many departments give each answer (a text question's answers are their own words: counted)."""
    decisions = corpus.decisions(question.id)
    silent = len(corpus.departments) - len(decisions)
    if question.kind == "text":
        parts = [f"{len(decisions):,} in their own words"]
    else:
        counts: dict[str, int] = {}
        for decision in decisions:
            counts[decision.answer] = counts.get(decision.answer, 0) + 1
        parts = [f"{escape(c.wording)} {counts[c.id]:,}" for c in question.answers if counts.get(c.id)]
    parts.append(f"{NOT_ADDRESSED} {silent:,}")
    return "; ".join(parts)


def _topic_summary(page: str, comparison: TopicComparison, departments: int, group: str | None) -> str:
    silent = [p for p in comparison.not_addressed if not p.is_template]
    parts = [f"Addressed by {departments_addressing(comparison)} of {departments} departments."]
    unreviewed = [p for p in comparison.not_reviewed if not p.is_template]
    if len(silent) > SILENT_NAMES:
        parts.append(
            f'<span class="not-addressed-by">Not addressed by {len(silent):,} departments '
            f'(see <a href="{attr(href(page, COVERAGE_PAGE))}">the coverage matrix</a>).</span>'
        )
    elif silent:
        names = ", ".join(f'<a href="{attr(href(page, page_path(p)))}">{escape(p.name)}</a>' for p in silent)
        parts.append(f'<span class="not-addressed-by">Not addressed by {names}.</span>')
    if len(unreviewed) > SILENT_NAMES:
        parts.append(
            f'<span class="not-reviewed-by">Not yet reviewed: {len(unreviewed):,} departments whose provisions '
            "still wait for a person to review their topics.</span>"
        )
    elif unreviewed:
        names = ", ".join(f'<a href="{attr(href(page, page_path(p)))}">{escape(p.name)}</a>' for p in unreviewed)
        parts.append(
            f'<span class="not-reviewed-by">Not yet reviewed: {names} (provisions still wait for a person '
            "to review their topics).</span>"
        )
    if group:
        parts.append(f"Group: {escape(group)}.")
    parts.append(f'<a href="{attr(href(page, COVERAGE_PAGE))}">All topics</a>.')
    return f'<p class="topic-summary">{" ".join(parts)}</p>'


def _column(stance: Stance, view: TopicView, policy_href: str, head: str | None = None) -> str:
    """A policy's column on a topic page; `policy_href` is the address of its policy page from there,
    `head` the column's top (`_column_head`) when the caller has it already."""
    policy = stance.policy
    shown = {id(p) for p in stance.provisions}
    provisions = "".join(_provision(policy_href, policy, p, shown) for p in stance.provisions)
    head = _column_head(policy, policy_href) if head is None else head
    return f"{head}{provisions}{_footnotes(stance)}{_from_reference(stance, view)}</section>"


def _column_head(policy: Policy, policy_href: str) -> str:
    """The top of a policy's column, the same on every topic page: the agency and the document."""
    document = " ".join(
        x
        for x in (
            escape(policy.document.type),
            text_html(policy, policy.document.number) if policy.document.number else "",
        )
        if x
    )
    return (
        f'<section class="compare-column{" template-column" if policy.is_template else ""}" '
        f'id="{attr(policy.slug)}" {POLICY}="{attr(policy.slug)}" aria-labelledby="{attr(policy.slug)}-name">'
        f'<h3 class="compare-agency" id="{attr(policy.slug)}-name">{_policy_name(policy)}</h3>'
        f'<p class="compare-policy"><a href="{attr(policy_href)}">{escape(policy.document.title)}</a>'
        f"{' · ' + document if document else ''}</p>"
    )


def _from_reference(stance: Stance, view: TopicView) -> str:
    """How a department's wording differs from the topic's most common one (nothing for the template)."""
    diff, reference = view.from_reference.get(stance.policy.slug), view.reference
    if diff is None or reference is None:
        return ""
    if stance is reference or diff.similarity == 1:
        return (
            f'<p class="reference-note"><strong>Most common wording</strong>: '
            f"{count(view.reference_share, 'department uses', 'departments use')} these words.</p>"
        )
    return (
        f'<details class="reference-diff"><summary><strong class="similarity-figure">'
        f"{_percent(diff.similarity)}</strong> like the most common wording</summary>"
        f'<p class="diff-legend"><del>Struck through</del>: only in the most common wording '
        f"({escape(reference.policy.name)}). <ins>Underlined</ins>: only here.</p>"
        f'<p class="diff-text">{view.from_reference_html[stance.policy.slug]}</p></details>'
    )


def _provision(policy_href: str, policy: Policy, provision: Provision, shown: set[int]) -> str:
    """One provision with its original label linking to its place in the policy page, its heading in
    bold, its text and notes, and a template's choices.

    When its parent is not shown itself, the parent's words lead in (`shall not under any
    circumstances:`), since a list item often means little without them.
    """
    parent = provision.parent
    context = ""
    if parent is not None and id(parent) not in shown and parent.text.strip():
        words = written_runs(policy, " ".join(paragraphs(parent.text)))
        context = f'<p class="provision-context">{runs_html(words, policy.slug)}</p>'
    blocks = provision_blocks(policy, provision)
    link = label_link(f"{policy_href}#{provision.id}", "This provision in the policy", _label_path(provision) or "¶")
    heading = blocks.heading
    bold = emphasis_html("strong", runs_html(heading.runs, policy.slug)) + " " if heading else ""
    lead = f"{link} {optional_html(blocks.optional, titled=False)}{bold}{term_html(blocks)}"
    body = paragraphs_html(blocks.paragraphs or EMPTY_PARAGRAPH, lead, policy.slug)
    notes = "".join(
        f'<p class="provision-note">{emphasis_html("strong", "Note:")} {runs_html(note.runs, policy.slug)}</p>'
        for note in blocks.notes
    )
    choices = _template_choices(policy, provision)
    return f'<div class="compare-provision">{context}{body}{notes}{choices}</div>'


def _provision_options(policy: Policy, provision: Provision) -> list[TemplateOption]:
    """The template options a provision holds, in order of appearance: its own `[OPTIONAL]` first."""
    ids = ([provision.option] if provision.option else []) + [
        ref for text in (provision.heading, provision.text, *provision.notes) if text for ref in option_refs(text)
    ]
    options = [policy.option(option_id) for option_id in dict.fromkeys(ids)]
    return [o for o in options if o is not None]


def _template_choices(policy: Policy, provision: Provision) -> str:
    """For a template provision, what an agency may choose: the alternatives of each choice it holds,
    and whether it may leave the provision out. Fill-ins show as their brackets in the text already."""
    if not policy.options:  # a department's policy: nothing to choose (and no need to look)
        return ""
    choices = [o for o in _provision_options(policy, provision) if o.kind in ("choice", "optional")]
    if not choices:
        return ""
    items = "".join(
        f"<dt>{placeholder_html(policy, o.id)} {escape(o.label)}</dt><dd>{_option_answers(o)}</dd>" for o in choices
    )
    return f'<div class="template-choices"><p class="template-choices-title">Template choices</p><dl>{items}</dl></div>'


def _option_answers(option: TemplateOption) -> str:
    if option.kind == "optional":
        return "Optional: an agency includes this part or leaves it out."
    alternatives = "".join(
        f"<li>{escape(a.text.replace('{input}', f'…({a.input})' if a.input else '…'))}</li>"
        for a in option.alternatives
    )
    return f'<ul class="template-alternatives">{alternatives}</ul>'


def _footnotes(stance: Stance) -> str:
    """The footnotes the shown provisions mark, so their marks lead somewhere on this page."""
    policy = stance.policy
    if not policy.footnotes:
        return ""
    wanted = {ref for p in stance.provisions for text in (p.text, *p.notes) for ref in footnote_refs(text)}
    notes = [f for f in policy.footnotes if f.id in wanted]
    if not notes:
        return ""
    items = "".join(
        f'<li id="{attr(policy.slug)}.fn-{attr(f.id)}" value="{attr(f.id) if f.id.isdigit() else ""}">'
        f"{text_html(policy, f.text)}</li>"
        for f in notes
    )
    return f'<ol class="compare-footnotes">{items}</ol>'


# --- Differences ------------------------------------------------------------------------------------


def _differences(view: TopicView) -> str:
    """Which wording is the most common, then a form picking two of the template and the departments shown
    to begin with, and every pair's diff among them, precomputed; the first two departments' pair is shown
    (the template with the one department, when one alone addresses the topic)."""
    stances, most_common = view.comparison.department_stances, view.reference
    templates = view.comparison.template_stances
    if not stances or most_common is None:
        return '<p class="pair-none">No department addresses this topic.</p>'
    if len(stances) == 1 and not templates:
        return (
            f'<p class="pair-none">{escape(stances[0].policy.name)} alone addresses this topic: '
            "there is nothing to compare.</p>"
        )
    shared = (
        f", word for word the same as {count(view.reference_share - 1, 'other', 'others')}"
        if view.reference_share > 1
        else ""
    )
    reference = (
        f'<p class="reference-summary">The most common wording on this topic is '
        f"{escape(most_common.policy.name)}’s{shared}. Each department’s column shows how "
        "much its wording is like it, and the words that differ.</p>"
    )
    shown = view.shown
    # The template's wording with a department's is what an agency drafting from it compares.
    pickable = templates + shown
    diffs = pair_diffs(pickable)
    first = (shown[0], shown[1]) if len(shown) > 1 else (pickable[0], pickable[1])
    options = "".join(
        f'<option value="{attr(s.policy.slug)}">{escape(_pick_name(s.policy))}</option>' for s in pickable
    )
    picker = (
        f'<form class="pair-picker" aria-label="Pick two policies">'
        f'<label>Compare <select name="left">{options}</select></label> '
        f'<label>with <select name="right">{options}</select></label>'
        f'<p class="pair-same" hidden>Pick two different policies.</p></form>'
    )
    ranked = sorted(diffs, key=lambda d: -d.similarity)
    rows = "".join(
        f'<tr><td><a href="#{attr(_diff_id(d))}">{escape(_pick_name(d.left.policy))} and '
        f"{escape(_pick_name(d.right.policy))}</a></td><td>{_percent(d.similarity)}</td></tr>"
        for d in ranked
    )
    table = (
        f'<table class="pair-similarity"><caption>Similarity of wording, most similar first</caption>'
        f'<thead><tr><th scope="col">Pair</th><th scope="col">Similarity</th></tr></thead><tbody>{rows}</tbody></table>'
    )
    sections = "".join(_pair_section(d, shown=(d.left, d.right) == first) for d in diffs)
    among = (
        f'<p class="pair-among">Pairs of the template and the {len(shown)} departments shown to begin with.</p>'
        if view.more
        else ""
    )
    return (
        f'{reference}{among}<div class="pair-diffs" '
        f'{SELECTED_LEFT}="{attr(first[0].policy.slug)}" {SELECTED_RIGHT}="{attr(first[1].policy.slug)}">'
        f"{picker}{table}{sections}</div>"
    )


def _pick_name(policy: Policy) -> str:
    name = policy.name
    return f"{name} (template)" if policy.is_template and "template" not in name.lower() else name


def _diff_id(diff: PairDiff) -> str:
    return f"diff-{diff.left.policy.slug}--{diff.right.policy.slug}"


def _pair_section(diff: PairDiff, shown: bool) -> str:
    left, right = escape(diff.left.policy.name), escape(diff.right.policy.name)
    text = diff_html(diff.changes)
    return (
        f'<section class="pair-diff" id="{attr(_diff_id(diff))}" {LEFT}="{attr(diff.left.policy.slug)}" '
        f'{RIGHT}="{attr(diff.right.policy.slug)}"{"" if shown else " hidden"}>'
        f"<h3>{left} and {right}</h3>"
        f'<p class="similarity"><strong class="similarity-figure">{_percent(diff.similarity)}</strong> '
        "similar wording (share of words in common, in order).</p>"
        f'<p class="diff-legend"><del>Struck through</del>: only in {left}. <ins>Underlined</ins>: only in '
        f"{right}. Plain: in both. Each line is one provision.</p>"
        f'<p class="diff-text">{text}</p></section>'
    )


# --- Compare search ---------------------------------------------------------------------------------


def render_search(corpus: Corpus) -> Page:
    """The search page: words, a department and a topic filter; results are drawn by compare-search.js
    from the site's search index (`generator/features/search/render.py`), which also lists the departments, so
    that the page stays small."""
    page = SEARCH_PAGE
    topic_groups = "".join(
        f'<optgroup label="{attr(group.title if group else "Other topics")}">'
        + "".join(f'<option value="{attr(t.id)}">{escape(t.title)}</option>' for t in topics)
        + "</optgroup>"
        for group, topics in topics_by_group(corpus.taxonomy)
    )
    form = (
        '<form class="compare-search" role="search" aria-label="Search the provisions">'
        '<label for="compare-query">Words</label>'
        '<input type="search" id="compare-query" name="q" autocomplete="off" placeholder="e.g. undercover">'
        '<label for="compare-department">Department</label>'
        '<select id="compare-department" name="department"><option value="">All departments</option></select>'
        '<label for="compare-topic">Topic</label>'
        f'<select id="compare-topic" name="topic"><option value="">All topics</option>{topic_groups}</select>'
        f"{_answer_filter(corpus)}</form>"
    )
    blocks: list[str | Heading] = [
        Heading(1, "Compare search"),
        _stylesheet(page),
        (
            '<p class="lead">Find what each department says: type words, choose a department or a topic. Results are '
            "grouped by topic, departments side by side; each label links to the provision in its policy.</p>"
        ),
        f'<p class="compare-links"><a href="{attr(href(page, COVERAGE_PAGE))}">All topics (coverage matrix)</a></p>',
        form,
        f'<p class="compare-search-status" id="{COMPARE_STATUS_ID}" aria-live="polite">Loading the search index…</p>',
        f'<div class="compare-results" id="{COMPARE_RESULTS_ID}"></div>',
        _result_templates(),
        _scripts(
            page,
            LUNR_SCRIPT,
            SEARCH_INDEX,
            SEARCH_TOPICS,
            SEARCH_READER,
            *([ANSWERS_DATA] if _filter_questions(corpus) else []),
            COMPARE_SEARCH_SCRIPT,
        ),
    ]
    return _compare_page("Compare search", blocks)


def _filter_questions(corpus: Corpus) -> list[Question]:
    """The questions the search filters by: those with answers to choose from (a text question's answers
    are the departments' own words)."""
    return [q for q in corpus.questions if q.kind != "text" and q.answers]


def _answer_filter(corpus: Corpus) -> str:
    """The answer filter: for each question, its answers (`question id=answer id`) with how many
    departments give each."""
    questions = _filter_questions(corpus)
    if not questions:
        return ""
    groups = []
    for question in questions:
        counts: dict[str, int] = {}
        for decision in corpus.decisions(question.id):
            counts[decision.answer] = counts.get(decision.answer, 0) + 1
        options = "".join(
            f'<option value="{attr(question.id + "=" + c.id)}">{escape(c.wording)} ({counts.get(c.id, 0):,})</option>'
            for c in question.answers
        )
        groups.append(f'<optgroup label="{attr(question.question)}">{options}</optgroup>')
    return (
        '<label for="compare-answer">Answer</label>'
        f'<select id="compare-answer" name="answer"><option value="">Any answer</option>{"".join(groups)}</select>'
    )


def answers_script(corpus: Corpus) -> str:
    """Each department's answer to each question of the answer filter, by number, in the handbook's order."""
    departments = corpus.departments
    questions = {}
    for question in _filter_questions(corpus):
        number = {c.id: i for i, c in enumerate(question.answers)}
        given = []
        for policy in departments:
            decision = corpus.decision(policy, question.id)
            given.append(number.get(decision.answer, -1) if decision else -1)
        questions[question.id] = {
            "topics": question.topics,
            "answers": [c.id for c in question.answers],
            "given": given,
        }
    return data_script(COMPARE_ANSWERS_GLOBAL, {"policies": [p.slug for p in departments], "questions": questions})


def _result_templates() -> str:
    """What `compare-search.js` draws its results with: a topic's results, a policy's column in them
    (a department's or the template's) and a provision in the column, its words highlighted."""
    link, slug, name = placeholder("link"), placeholder("slug"), placeholder("name")

    def column(classes: str) -> str:
        return (
            f'<section class="{classes}" {POLICY}="{slug}"><h3 class="compare-agency"><a href="{link}">{name}</a></h3>'
            "</section>"
        )

    return (
        template(
            RESULT_TOPIC_TEMPLATE,
            f'<section class="compare-topic-results" {TOPIC}="{placeholder("topic")}"><h2><a href="{link}">'
            f'{placeholder("title")}</a></h2><div class="compare-columns"></div>'
            '<button type="button" class="compare-more"></button></section>',
        )
        + template(
            RESULT_COLUMN_TEMPLATE,
            "",
            variants={"department": column("compare-column"), "template": column("compare-column template-column")},
        )
        + template(
            RESULT_PROVISION_TEMPLATE,
            f'<div class="compare-provision"><p><a class="provision-label" href="{link}">{placeholder("label")}</a> '
            f"{placeholder('words')}</p></div>",
        )
    )
