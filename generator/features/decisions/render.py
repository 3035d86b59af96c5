"""The decisions pages: the matrix of questions × departments (each cell the answer in words, linking to
the provision that gives it, with the deciding sentences below), and the codebook page.

With many departments the matrix is split over pages of `PAGE_DEPARTMENTS` departments each (the
template's column on every page), so that no page grows with the number of agencies; the first page
lists the others. The filters (by topic, by answer) are `decisions.js`; styles `decisions.css`.
"""

from __future__ import annotations

from ...contract import ANSWER, CONTRACT_SCRIPT, DECISIONS_STATUS_ID, MATRIX_SCRIPT, POLICY, QUESTION, QUESTION_TOPICS
from ...load import SourceLayout
from ...model import NOT_ADDRESSED, NOT_YET_REVIEWED, Corpus, Decision, Policy, Question, TemplateAnswer, unanswered
from ...render.html import attr, count, escape, href, marked, plain_text
from ...render.matrix import SILENT_MARK, UNREVIEWED_MARK, matrix_html
from ...render.page import Heading, Page, Pages, make_page
from ..compare.model import topics_by_group
from ..compare.render import topic_page
from ..policy.render import page_path
from .data import CODEBOOK_JSON, COVERAGE_CSV, DECISIONS_CSV, LEAD_IN_JOIN, POLICIES_JSON, data_files

MATRIX_PAGE = "decisions/index.md"
CODEBOOK_PAGE = "decisions/codebook.md"
PAGES = "decisions/pages"  # the matrix's further pages, when there are many departments
WORDS = "decisions/words"  # for each matrix page, the sentences that decide its answers
STYLESHEET = "assets/stylesheets/decisions.css"
SCRIPT = "assets/javascripts/decisions.js"
TABLE_ID = "decisions-table"
PAGE_DEPARTMENTS = 4  # departments per matrix page: with their deciding sentences, a page stays under 100 kB
TITLE = "Decisions: who chose what"
BADGE = ' <span class="badge">template</span>'
CURRENT = ' aria-current="page"'


def matrix_page(number: int) -> str:
    return MATRIX_PAGE if number == 1 else f"{PAGES}/{number}.md"


def words_page(number: int) -> str:
    return f"{WORDS}/{number}.md"


def decision_pages(corpus: Corpus, layout: SourceLayout) -> Pages:
    """The matrix pages first (the home page links to the first), the codebook page and the open data."""
    pages: Pages = {}
    if corpus.questions:
        runs = [
            corpus.departments[i : i + PAGE_DEPARTMENTS] for i in range(0, len(corpus.departments), PAGE_DEPARTMENTS)
        ]
        runs = runs or [[]]
        filters = _filters(corpus)  # the same on every page of the matrix (and it looks at every policy)
        for number, run in enumerate(runs, 1):
            pages[matrix_page(number)] = render_matrix(corpus, run, number, runs, filters)
            pages[words_page(number)] = render_words(corpus, run, number)
        pages[CODEBOOK_PAGE] = render_codebook(corpus)
    pages.update(data_files(corpus))
    return pages


# --- Shared pieces ------------------------------------------------------------------------------------


def _assets(page: str, script: bool = False) -> str:
    tags = f'<link rel="stylesheet" href="{attr(href(page, STYLESHEET))}">'
    if script:
        tags += "".join(
            f'<script src="{attr(href(page, s))}"></script>' for s in (CONTRACT_SCRIPT, SCRIPT, MATRIX_SCRIPT)
        )
    return f'<div class="decisions-assets">{tags}</div>'


def question_groups(corpus: Corpus) -> list[tuple[str, list[Question]]]:
    """The questions under the topic groups of their first topic, in the taxonomy's order."""
    order = {
        t.id: (i, group.title if group else "Other topics")
        for i, (group, topics) in enumerate(topics_by_group(corpus.taxonomy))
        for t in topics
    }
    groups: dict[tuple[int, str], list[Question]] = {}
    for question in corpus.questions:
        key = order.get(question.topics[0] if question.topics else "", (len(order), "Other topics"))
        groups.setdefault(key, []).append(question)
    return [(title, questions) for (_, title), questions in sorted(groups.items())]


def _run_title(run: list[Policy]) -> str:
    if not run:
        return "no departments"
    first, last = run[0].agency.name, run[-1].agency.name
    return first if first == last else f"{first} – {last}"


def _answer_words(decision: Decision) -> str:
    condition = (
        f' <span class="decision-condition">({escape(decision.coding.condition)})</span>'
        if decision.coding.condition
        else ""
    )
    return f"{escape(decision.wording)}{condition}"


def _quote_html(decision: Decision) -> str:
    """The sentence that decides it, after the lead-in of the list it is an item of."""
    policy = decision.policy
    lead = "".join(
        f'<span class="decision-lead-in">{escape(plain_text(policy, words))}</span>{escape(LEAD_IN_JOIN)}'
        for words in decision.lead_in
    )
    return f'<blockquote class="decision-quote">{lead}<q>{escape(plain_text(policy, decision.quote))}</q></blockquote>'


def _template_summary(answer: TemplateAnswer) -> str:
    """What the template offers, as text: each alternative with its answer, or that the agency fills it in."""
    option = answer.option
    if option.kind == "fill-in":
        return "The agency names it" + (f" (suggested: {option.default})" if option.default else "")
    parts = [
        f"{alternative if alternative in ('include', 'omit') else text.replace('{input}', '…')} → "
        f"{choice.wording if choice else NOT_ADDRESSED}"
        for alternative, text, choice in answer.alternatives
    ]
    return "Choice: " + "; ".join(parts)


def template_short(answer: TemplateAnswer) -> str:
    """The template's cell: the answers its alternatives give (an optional part's when included)."""
    option = answer.option
    if option.kind == "fill-in":
        return f"Fill-in: {escape(option.default)}" if option.default else "Fill-in"
    if option.kind == "optional":
        included = next((choice for alt, _, choice in answer.alternatives if alt == "include"), None)
        return f"Optional: {escape(included.wording) if included else NOT_ADDRESSED}"
    wordings = dict.fromkeys(choice.wording for _, _, choice in answer.alternatives if choice)
    return "Choice: " + " / ".join(escape(w) for w in wordings)


# --- The matrix ---------------------------------------------------------------------------------------


def render_matrix(corpus: Corpus, run: list[Policy], number: int, runs: list[list[Policy]], filters: str) -> Page:
    page = matrix_page(number)
    templates = [p for p in corpus.policies if p.is_template]
    columns = templates + run
    head = "".join(
        f'<th scope="col" {POLICY}="{attr(p.slug)}"><a href="{attr(href(page, page_path(p)))}">{escape(p.name)}</a>'
        f"{BADGE if p.is_template else ''}</th>"
        for p in columns
    )
    bodies = []
    words = words_page(number)
    for title, questions in question_groups(corpus):
        rows = "".join(_row(corpus, page, words, q, columns) for q in questions)
        bodies.append(
            f'<tbody><tr class="decisions-group"><th scope="rowgroup" colspan="{len(columns) + 1}">{escape(title)}</th></tr>{rows}</tbody>'
        )
    table = f'<table class="decisions-matrix" id="{TABLE_ID}"><thead><tr><th scope="col">Question</th>{head}</tr></thead>{"".join(bodies)}</table>'
    blocks: list[str | Heading] = [
        Heading(1, TITLE),
        _assets(page, script=True),
        (
            '<p class="lead">For each question of the <a href="'
            f'{attr(href(page, CODEBOOK_PAGE))}">codebook</a>, what each department decided. An answer links to the provision '
            'giving it (<span aria-hidden="true">*</span> with conditions, shown on hover and with the words), a question to '
            f"the sentences deciding it. <strong>{SILENT_MARK}</strong> <em>not addressed</em>: no provision answers it (which is not a “no”)"
            + (
                f"; <strong>{UNREVIEWED_MARK}</strong> <em>not yet reviewed</em>: none answers it yet, but some of the policy's provisions (an "
                "imported draft's) still wait for a person, and an answer suggested for them is no decision"
                if any(p.unreviewed for p in columns)
                else ""
            )
            + ".</p>"
        ),
    ]
    if len(runs) > 1:
        blocks.append(_pager(page, number, runs))
    # The open data goes under the matrix, so that the matrix starts high enough to be read at a glance.
    blocks += [
        filters,
        f'<p class="decisions-status" id="{DECISIONS_STATUS_ID}" aria-live="polite"></p>',
        matrix_html(TABLE_ID, table, columns),
        f'<p class="decisions-more"><a href="{attr(href(page, words))}">The sentences that decide these answers</a></p>',
        _downloads(page),
    ]
    title = TITLE if number == 1 else f"{TITLE} ({_run_title(run)})"
    return make_page(title, blocks, hide=("navigation", "toc"))


def _downloads(page: str) -> str:
    links = [
        (DECISIONS_CSV, "decisions.csv", "one row per department and question"),
        (COVERAGE_CSV, "coverage.csv", "provisions per department and topic"),
        (POLICIES_JSON, "policies.json", "the policies' metadata"),
        (CODEBOOK_JSON, "codebook.json", "the questions and answers"),
    ]
    items = "".join(
        f'<li><a href="{attr(href(page, path))}" download>{escape(name)}</a>: {escape(what)}</li>'
        for path, name, what in links
    )
    return f'<div class="decisions-data"><p>Open data:</p><ul>{items}</ul></div>'


def _pager(page: str, number: int, runs: list[list[Policy]]) -> str:
    if number == 1:
        items = "".join(
            f'<li><a href="{attr(href(page, matrix_page(i)))}"{CURRENT if i == number else ""}>{escape(_run_title(run))}</a></li>'
            for i, run in enumerate(runs, 1)
        )
        return f'<nav class="decisions-pages" aria-label="Pages of departments" id="pages"><p>{len(runs)} pages of departments:</p><ol>{items}</ol></nav>'
    links = [f'<a href="{attr(href(page, MATRIX_PAGE, "pages"))}">all pages</a>']
    if number > 1:
        links.insert(0, f'<a href="{attr(href(page, matrix_page(number - 1)))}" rel="prev">previous departments</a>')
    if number < len(runs):
        links.append(f'<a href="{attr(href(page, matrix_page(number + 1)))}" rel="next">next departments</a>')
    return f'<nav class="decisions-pages" aria-label="Pages of departments"><p>Page {number} of {len(runs)}: {" · ".join(links)}</p></nav>'


def _filters(corpus: Corpus) -> str:
    topics_used = {t for q in corpus.questions for t in q.topics}
    topic_groups = "".join(
        f'<optgroup label="{attr(group.title if group else "Other topics")}">'
        + "".join(f'<option value="{attr(t.id)}">{escape(t.title)}</option>' for t in topics if t.id in topics_used)
        + "</optgroup>"
        for group, topics in topics_by_group(corpus.taxonomy)
        if any(t.id in topics_used for t in topics)
    )
    answers = "".join(f'<option value="{attr(w)}">{escape(w)}</option>' for w in given_answers(corpus))
    return (
        '<form class="decisions-filters" aria-label="Filter the questions">'
        '<label for="decisions-topic">Topic</label>'
        f'<select id="decisions-topic" name="topic"><option value="">All topics</option>{topic_groups}</select>'
        '<label for="decisions-answer">Answer</label>'
        f'<select id="decisions-answer" name="answer"><option value="">Any answer</option>{answers}</select></form>'
    )


def given_answers(corpus: Corpus) -> list[str]:
    """The answers in words the filter offers: those given in some cell it marks (a department's, or a
    template's coded provision's; a text question's answers are the policies' own words, which it does
    not list), A to Z, and `not addressed` last when some department leaves a question unanswered. An
    answer of the codebook nobody gives would find nothing: it is left out. (`not yet reviewed` stands for
    `not addressed` in the cells of a policy whose provisions still wait for a person.)"""
    given = {d.wording for q in corpus.questions if q.kind != "text" for d in corpus.decisions(q.id, templates=True)}
    unanswered_as = {
        unanswered(p) for p in corpus.departments for q in corpus.questions if corpus.decision(p, q.id) is None
    }
    return sorted(given, key=str.lower) + [w for w in (NOT_ADDRESSED, NOT_YET_REVIEWED) if w in unanswered_as]


def _row(corpus: Corpus, page: str, words: str, question: Question, columns: list[Policy]) -> str:
    cells = "".join(_cell(corpus, page, question, policy) for policy in columns)
    return (
        f'<tr {QUESTION}="{attr(question.id)}" {QUESTION_TOPICS}="{attr(" ".join(question.topics))}">'
        f'<th scope="row"><a href="{attr(href(page, words, "words-" + question.id))}">{escape(question.question)}</a></th>'
        f"{cells}</tr>"
    )


def _cell(corpus: Corpus, page: str, question: Question, policy: Policy) -> str:
    decision = corpus.decision(policy, question.id)
    if decision is None and policy.is_template:
        offered = [t for t in corpus.template_answers(question.id) if t.policy is policy]
        if offered:
            answer = offered[0]
            target = href(page, page_path(policy), answer.provision.id if answer.provision else None)
            return (
                f'<td class="decision-template" {ANSWER}="">'
                f'<a href="{attr(target)}" title="{attr(_template_summary(answer))}">{template_short(answer)}</a></td>'
            )
    if decision is None:
        return unanswered_cell(policy, "decision-none")
    wording = "" if question.kind == "text" else decision.wording
    target = href(page, page_path(policy), decision.provision.id)
    condition = f' title="{attr(decision.coding.condition)}"' if decision.coding.condition else ""
    mark = '<span class="decision-conditional" aria-hidden="true">*</span>' if decision.coding.condition else ""
    return (
        f'<td class="decision" {ANSWER}="{attr(wording)}"><a href="{attr(target)}"{condition}>'
        f"{escape(decision.wording)}</a>{mark}</td>"
    )


def unanswered_cell(policy: Policy, classes: str) -> str:
    """The cell of a question `policy` gives no answer to: not addressed, or, while some of its provisions
    wait for a person (suggested answers are not decisions), not yet reviewed."""
    shown = unanswered(policy)
    if shown == NOT_YET_REVIEWED:
        waiting = count(len(policy.unreviewed), "provision", "provisions")
        return (
            f'<td class="{classes} not-reviewed" {ANSWER}="{shown}" title="{attr(waiting)} of this policy not yet '
            f'reviewed">{marked(UNREVIEWED_MARK, shown)}</td>'
        )
    return f'<td class="{classes}" {ANSWER}="{shown}">{marked(SILENT_MARK, shown)}</td>'


def render_words(corpus: Corpus, run: list[Policy], number: int) -> Page:
    """The companion of matrix page `number`: for each question, each of its policies' answers with the
    sentences that decide it (the template's coded provisions on the first page only)."""
    page = words_page(number)
    columns = ([p for p in corpus.policies if p.is_template] if number == 1 else []) + run
    matrix = matrix_page(number)
    blocks: list[str | Heading] = [
        Heading(1, "In their words"),
        _assets(page),
        (
            f'<p class="lead">The sentences that decide the answers of <a href="{attr(href(page, matrix))}">the decisions '
            f"matrix</a> ({escape(_run_title(run))}), exactly as the policies word them; a list item follows the words "
            "that lead into its list.</p>"
        ),
    ]
    for title, questions in question_groups(corpus):
        blocks.append(Heading(2, escape(title)))
        blocks += [_words(corpus, page, q, columns) for q in questions]
    return make_page(f"In their words ({_run_title(run)})", blocks)


def _words(corpus: Corpus, page: str, question: Question, columns: list[Policy]) -> str:
    """For one question, each policy's answer with the sentence that decides it."""
    items = []
    for policy in columns:
        decision = corpus.decision(policy, question.id)
        if decision is None:
            continue
        target = href(page, page_path(policy), decision.provision.id)
        label = " ".join(decision.provision.label_path) or "¶"
        wording = "" if question.kind == "text" else decision.wording
        items.append(
            f'<li {ANSWER}="{attr(wording)}"><p><strong>{escape(policy.name)}</strong>: '
            f'{_answer_words(decision)} — <a href="{attr(target)}">{escape(label)}</a></p>{_quote_html(decision)}</li>'
        )
    body = (
        f"<ul>{''.join(items)}</ul>" if items else '<p class="decision-none">No policy on this page addresses it.</p>'
    )
    return (
        f'<section class="decisions-question" id="words-{attr(question.id)}" {QUESTION}="{attr(question.id)}" '
        f'{QUESTION_TOPICS}="{attr(" ".join(question.topics))}"><h3>{escape(question.question)}</h3>{body}</section>'
    )


# --- The codebook -------------------------------------------------------------------------------------


KINDS = {"yes-no": "Yes or no", "one-of": "One of the answers listed", "text": "A few words of the policy's own"}


def render_codebook(corpus: Corpus) -> Page:
    page = CODEBOOK_PAGE
    departments = len(corpus.departments)
    blocks: list[str | Heading] = [
        Heading(1, "Codebook"),
        _assets(page),
        (
            f'<p class="lead">The {len(corpus.questions)} questions every policy is coded against, the answers each allows and '
            "what counts as each answer. A provision records the answers it gives; a question no provision answers is "
            f'<em>not addressed</em>, and a silent provision is not a “no”. <a href="{attr(href(page, MATRIX_PAGE))}">'
            "The decisions matrix</a> shows the answers.</p>"
        ),
        _downloads(page),
    ]
    for title, questions in question_groups(corpus):
        blocks.append(Heading(2, escape(title)))
        for question in questions:
            blocks.append(Heading(3, escape(question.question), f"q-{question.id}"))
            blocks.append(_codebook_entry(corpus, page, question, departments))
    return make_page("Codebook", blocks)


def _codebook_entry(corpus: Corpus, page: str, question: Question, departments: int) -> str:
    decisions = corpus.decisions(question.id)
    counts: dict[str, int] = {}
    for decision in decisions:
        counts[decision.answer] = counts.get(decision.answer, 0) + 1
    topics = ", ".join(
        f'<a href="{attr(href(page, topic_page(t)))}">{escape(t.title)}</a>'
        for i in question.topics
        if (t := corpus.taxonomy.topic(i))
    )
    facts = [
        f"<dt>Id</dt><dd><code>{escape(question.id)}</code></dd>",
        f"<dt>Kind</dt><dd>{escape(KINDS.get(question.kind, question.kind))}</dd>",
        f"<dt>Topics</dt><dd>{topics}</dd>",
    ]
    if question.answers:
        answers = "".join(
            f"<li><strong>{escape(c.wording)}</strong> (<code>{escape(c.id)}</code>, {counts.get(c.id, 0)} of {departments} departments)"
            f"{': ' + escape(c.means) if c.means else ''}</li>"
            for c in question.answers
        )
        facts.append(f'<dt>Answers</dt><dd><ul class="codebook-answers">{answers}</ul></dd>')
    else:
        facts.append(f"<dt>Answered by</dt><dd>{len(decisions)} of {departments} departments, in their words</dd>")
    if question.notes:
        facts.append(f"<dt>Coding notes</dt><dd>{escape(question.notes)}</dd>")
    for answer in corpus.template_answers(question.id):
        target = href(page, page_path(answer.policy), answer.provision.id if answer.provision else None)
        facts.append(
            f'<dt>Template option</dt><dd><a href="{attr(target)}"><code>{escape(answer.option.id)}</code></a> '
            f"({escape(answer.option.bracket)}): {escape(_template_summary(answer))}</dd>"
        )
    return f'<dl class="codebook-entry">{"".join(facts)}</dl>'
