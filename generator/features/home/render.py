"""The home page: what the handbook is, and a table of every policy.

With more than `HOME_ROWS` policies, the table is split over directory pages of at most `HOME_ROWS`
policies each, in the handbook's order, and the home page lists those pages by the names they run
between, so that no page grows with the number of agencies.
"""

from __future__ import annotations

from ...model import Corpus, Policy
from ...render.html import attr, escape, href
from ...render.page import Heading, Page, make_page
from ...writers.html import date_html, text_html
from ..policy.render import page_path

TITLE = "Police Policy Handbook"

HOME_PAGE = "index.md"
DIRECTORY = "directory"  # the folder of the directory pages
HOME_ROWS = 100


def home_pages(corpus: Corpus, links: dict[str, str]) -> dict[str, Page]:
    """The home page and, for a large handbook, the directory pages.

    `links` maps a page kind (`compare`, `decisions`, `glossary`, `draft`) to its page path, for those that exist.
    """
    runs = [corpus.policies[i : i + HOME_ROWS] for i in range(0, len(corpus.policies), HOME_ROWS)]
    if len(runs) <= 1:
        return {HOME_PAGE: render_home(corpus, links, _table(HOME_PAGE, corpus.policies))}
    pages = {directory_page(i): render_directory_page(i, run, len(runs)) for i, run in enumerate(runs, 1)}
    listing = "".join(
        f'<li><a href="{attr(href(HOME_PAGE, directory_page(i)))}">{escape(_run_title(run))}</a> '
        f"({len(run)} policies)</li>"
        for i, run in enumerate(runs, 1)
    )
    pages[HOME_PAGE] = render_home(
        corpus,
        links,
        f'<p class="home-count">{len(corpus.policies):,} policies, '
        f'in the handbook\'s order:</p><ol class="home-directory">{listing}</ol>',
    )
    return pages


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
    number = text_html(policy, policy.document.number) if policy.document.number else ""
    document = " ".join(x for x in (escape(policy.document.type), number) if x) or "—"
    kind = ' <span class="badge">template</span>' if policy.is_template else ""
    count = sum(1 for _ in policy.provisions())
    return (
        f'<tr><td><a href="{attr(link)}">{escape(policy.agency.name)}</a>{kind}</td>'
        f"<td>{document}</td><td>{escape(policy.document.subject or policy.document.title)}</td>"
        f"<td>{date_html(policy, policy.dates.effective or policy.dates.issued) or '—'}</td>"
        f"<td>{date_html(policy, policy.last_revised) or '—'}</td><td>{count}</td></tr>"
    )
