"""The home page: what the handbook is, and a table of every policy."""

from __future__ import annotations

from ..model import Corpus, Policy
from .html import attr, date_html, escape, href, paragraph_html
from .policy import page_path


HOME_PAGE = "index.md"


def render_home(corpus: Corpus, links: dict[str, str]) -> str:
    """`links` maps a page kind (`compare`, `glossary`, `draft`) to its page path, for those that exist."""
    rows = "".join(_row(policy) for policy in corpus.policies)
    intro = [
        "# Police Policy Handbook",
        '<p class="lead">Social-media policies of police departments, kept exactly as each agency wrote them, '
        "with a model template an agency can draft its own policy from.</p>",
    ]
    guide = [f'<li><a href="{attr(href(HOME_PAGE, page))}">{escape(text)}</a></li>' for kind, text in (
        ("compare", "Compare policies by topic"), ("glossary", "Definitions glossary"),
        ("draft", "Draft your policy from the template")) if (page := links.get(kind))]
    if guide:
        intro.append(f'<ul class="home-links">{"".join(guide)}</ul>')
    table = ('<table class="policy-table"><thead><tr><th scope="col">Agency</th><th scope="col">Document</th>'
             '<th scope="col">Subject</th><th scope="col">Effective</th><th scope="col">Last revised</th>'
             f'<th scope="col">Provisions</th></tr></thead><tbody>{rows}</tbody></table>')
    return "\n\n".join(intro + ["## Policies {#policies}", table]) + "\n"


def _row(policy: Policy) -> str:
    link = href(HOME_PAGE, page_path(policy))
    number = paragraph_html(policy, policy.document.number) if policy.document.number else ""
    document = " ".join(x for x in (escape(policy.document.type), number) if x) or "—"
    kind = ' <span class="badge">template</span>' if policy.is_template else ""
    count = sum(1 for _ in policy.provisions())
    return (f'<tr><td><a href="{attr(link)}">{escape(policy.agency.name)}</a>{kind}</td>'
            f"<td>{document}</td><td>{escape(policy.document.subject or policy.document.title)}</td>"
            f"<td>{date_html(policy, policy.dates.effective or policy.dates.issued) or '—'}</td>"
            f"<td>{date_html(policy, policy.last_revised) or '—'}</td><td>{count}</td></tr>")
