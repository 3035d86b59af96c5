"""The home page: what the handbook is, and a table of every policy.

With more than `HOME_ROWS` policies, the table is split over directory pages of at most `HOME_ROWS`
policies each, in the handbook's order, and the home page lists those pages by the names they run
between, so that no page grows with the number of agencies.
"""

from __future__ import annotations

from ...document import Placeholder, written_runs
from ...model import Corpus, Policy
from ...render.html import attr, escape, href
from ...render.page import Heading, Page, make_page
from ...writers.html import date_html, run_html
from ..policy.render import page_path
from ..print.render import WHOLE_HANDBOOK, agency_edition, editions

TITLE = "Police Policy Handbook"

HOME_PAGE = "index.md"
POLICIES_PAGE = "policies/index.md"  # "Policies" in the navigation: every policy, grouped by agency
DIRECTORY = "directory"  # the folder of the directory pages
HOME_ROWS = 100


def home_pages(corpus: Corpus, links: dict[str, str]) -> dict[str, Page]:
    """The home page and, for a large handbook, the directory pages.

    `links` maps a page kind (`compare`, `decisions`, `glossary`, `draft`) to its page path, for those that exist.
    """
    runs = [corpus.policies[i : i + HOME_ROWS] for i in range(0, len(corpus.policies), HOME_ROWS)]
    if len(runs) <= 1:
        return {
            HOME_PAGE: render_home(corpus, links, _table(HOME_PAGE, corpus.policies)),
            POLICIES_PAGE: render_policies_page(corpus, _by_agency(POLICIES_PAGE, corpus)),
        }
    pages = {directory_page(i): render_directory_page(i, run, len(runs)) for i, run in enumerate(runs, 1)}
    pages[HOME_PAGE] = render_home(corpus, links, _directory_list(HOME_PAGE, corpus, runs))
    pages[POLICIES_PAGE] = render_policies_page(corpus, [_directory_list(POLICIES_PAGE, corpus, runs)])
    return pages


def _directory_list(page: str, corpus: Corpus, runs: list[list[Policy]]) -> str:
    listing = "".join(
        f'<li><a href="{attr(href(page, directory_page(i)))}">{escape(_run_title(run))}</a> ({len(run)} policies)</li>'
        for i, run in enumerate(runs, 1)
    )
    return (
        f'<p class="home-count">{len(corpus.policies):,} policies, '
        f'in the handbook\'s order:</p><ol class="home-directory">{listing}</ol>'
    )


def render_policies_page(corpus: Corpus, listing: list[str | Heading]) -> Page:
    """The page "Policies" in the navigation opens: every policy under its agency's name (or, for a large
    handbook, the directory pages, as on the home page), and the print edition of the whole handbook."""
    policies = corpus.policies
    count = f"{len(policies):,} {'policy' if len(policies) == 1 else 'policies'}"
    blocks: list[str | Heading] = [Heading(1, "Policies"), f'<p class="lead">{count}, by agency.</p>']
    if WHOLE_HANDBOOK in editions(corpus):
        blocks.append(
            f'<p class="print-editions"><a href="{attr(href(POLICIES_PAGE, WHOLE_HANDBOOK))}">Print edition of the '
            "whole handbook</a>: every policy in one document, with a table of contents, to print or save as PDF.</p>"
        )
    return make_page("Policies", blocks + listing)


def _by_agency(page: str, corpus: Corpus) -> list[str | Heading]:
    """The policies under their agencies' names, agencies in the handbook's order; each with its document
    type and number, subject and dates; an agency of several policies with its print edition."""
    agencies: dict[str, list[Policy]] = {}
    for policy in corpus.policies:
        agencies.setdefault(policy.agency.name, []).append(policy)
    out: list[str | Heading] = []
    for name, theirs in agencies.items():
        items = "".join(_policy_item(page, p) for p in theirs)
        out += [Heading(2, escape(name)), f'<ul class="policies-list">{items}</ul>']
        if len(theirs) > 1:
            edition = href(page, agency_edition(name, theirs))
            out.append(
                f'<p class="print-editions"><a href="{attr(edition)}">Print edition</a> of its '
                f"{len(theirs)} policies, in one document.</p>"
            )
    return out


def _policy_item(page: str, policy: Policy) -> str:
    number = _number_html(policy) if policy.document.number else ""
    document = " ".join(x for x in (escape(policy.document.type), number) if x)
    effective = policy.dates.effective or policy.dates.issued
    facts = [document, f"effective {_date(policy, effective)}" if effective else ""]
    if policy.last_revised:
        facts.append(f"revised {_date(policy, policy.last_revised)}")
    kind = ' <span class="badge">template</span>' if policy.is_template else ""
    said = ", ".join(f for f in facts if f)
    return (
        f'<li><a href="{attr(href(page, page_path(policy)))}">{escape(policy.document.title)}</a>{kind}'
        + (f'<br><span class="policies-facts">{said}</span>' if said else "")
        + "</li>"
    )


def directory_page(number: int) -> str:
    return f"{DIRECTORY}/{number}.md"


def render_home(corpus: Corpus, links: dict[str, str], policies: str) -> Page:
    """The home page, with `policies` (the table, or the list of directory pages) under "Policies"."""
    intro: list[str | Heading] = [
        Heading(1, TITLE),
        (
            '<p class="lead">Social-media policies of police departments, kept exactly as each agency wrote them, '
            "with a model template an agency can draft its own policy from.</p>"
        ),
    ]
    guide = [
        f'<li><a href="{attr(href(HOME_PAGE, page))}">{escape(text)}</a></li>'
        for kind, text in (
            ("compare", "Compare policies by topic"),
            ("decisions", "Decisions: who chose what, question by question"),
            ("glossary", "Definitions glossary"),
            ("draft", "Draft your policy from the template"),
        )
        if (page := links.get(kind))
    ]
    if guide:
        intro.append(f'<ul class="home-links">{"".join(guide)}</ul>')
    return make_page(TITLE, intro + [Heading(2, "Policies", "policies"), policies])


def render_directory_page(number: int, policies: list[Policy], pages: int) -> Page:
    """One directory page: its policies' table, and the way back to the home page's list."""
    path = directory_page(number)
    title = f"Policies: {_run_title(policies)}"
    back = (
        f'<p class="directory-back">Page {number} of {pages} of the '
        f'<a href="{attr(href(path, HOME_PAGE, "policies"))}">list of policies</a>.</p>'
    )
    return make_page(title, [back, _table(path, policies)])


def _run_title(policies: list[Policy]) -> str:
    first, last = policies[0].agency.name, policies[-1].agency.name
    return first if first == last else f"{first} – {last}"


def _table(page: str, policies: list[Policy]) -> str:
    rows = "".join(_row(page, policy) for policy in policies)
    return (
        '<table class="policy-table"><thead><tr><th scope="col">Agency</th><th scope="col">Document</th>'
        '<th scope="col">Subject</th><th scope="col">Effective</th><th scope="col">Last revised</th>'
        f'<th scope="col">Provisions</th></tr></thead><tbody>{rows}</tbody></table>'
    )


def _row(page: str, policy: Policy) -> str:
    link = href(page, page_path(policy))
    number = _number_html(policy) if policy.document.number else ""
    document = " ".join(x for x in (escape(policy.document.type), number) if x) or "—"
    kind = ' <span class="badge">template</span>' if policy.is_template else ""
    count = sum(1 for _ in policy.provisions())
    effective = policy.dates.effective or policy.dates.issued
    return (
        f'<tr><td data-label="Agency"><a href="{attr(link)}">{escape(policy.agency.name)}</a>{kind}</td>'
        f'<td data-label="Document">{document}</td>'
        f'<td data-label="Subject">{escape(policy.document.subject or policy.document.title)}</td>'
        f'<td data-label="Effective">{_date(policy, effective)}</td>'
        f'<td data-label="Last revised">{_date(policy, policy.last_revised)}</td>'
        f'<td data-label="Provisions">{count}</td></tr>'
    )


def _number_html(policy: Policy) -> str:
    """The policy's number as HTML, a template's choice in it said in words (`_agency_choice`)."""
    return _choices_in_words(policy, policy.document.number or "")


def _choices_in_words(policy: Policy, text: str) -> str:
    """A text of `policy` as HTML, each template choice in it said in words (`_agency_choice`)."""
    runs = written_runs(policy, text)
    return "".join(
        _agency_choice(policy, run.option) if isinstance(run, Placeholder) else run_html(run, policy.slug)
        for run in runs
    )


def _agency_choice(policy: Policy, option_id: str) -> str:
    """A template's choice in the table: what it is, in words (its bracket, `X.XX` or `_____`, looks like a
    fault in a list of policies; the template's own page shows the brackets)."""
    option = policy.option(option_id)
    what = option.label.lower() if option else "choice"
    return f'<em class="agency-choice">({escape(what)} set by the agency)</em>'


def _date(policy: Policy, value) -> str:
    if isinstance(value, str):  # a template's date: a choice
        return _choices_in_words(policy, value)
    return date_html(policy, value) or "—"
