"""The print editions: one page that prints as one document, with a table of contents.

- the whole handbook, while it is small (`WHOLE_HANDBOOK_POLICIES`; the real corpus): every policy;
- each agency with more than one policy: all of its policies (an agency's one policy prints from its page).

Each policy starts on a new printed page with its own running header (`running.py`); the page numbers and
the rest of the printed layout are in `overrides/assets/stylesheets/print.css`. A large handbook gets no
whole edition, so that no page grows with the number of agencies.
"""

from __future__ import annotations

from ...load import SourceLayout
from ...model import Corpus, Policy
from ...render.html import attr, escape, heading_text, href, plain_text, url_path
from ...render.page import Heading, Page, Pages, heading_id, make_page
from ..policy.render import policy_blocks, printed
from .running import running_css, running_path

WHOLE_HANDBOOK = "print/handbook.md"
WHOLE_HANDBOOK_POLICIES = 10  # past this many policies, no whole edition (its page would be megabytes)
MAX_HEADING_LEVEL = 6


def print_pages(corpus: Corpus, layout: SourceLayout) -> Pages:
    """Every policy's running-header stylesheet, and the print editions."""
    pages: Pages = {running_path(policy): running_css(policy) for policy in corpus.policies}
    for path, (title, policies) in editions(corpus).items():
        pages[path] = render_edition(path, title, policies)
    return pages


def editions(corpus: Corpus) -> dict[str, tuple[str, list[Policy]]]:
    """Each print edition's page path, with its title and its policies in the handbook's order."""
    by_agency: dict[str, list[Policy]] = {}
    for policy in corpus.policies:
        by_agency.setdefault(policy.agency.name, []).append(policy)
    found: dict[str, tuple[str, list[Policy]]] = {}
    if 1 < len(corpus.policies) <= WHOLE_HANDBOOK_POLICIES:
        found[WHOLE_HANDBOOK] = ("The whole handbook", list(corpus.policies))
    for name, policies in by_agency.items():
        if len(policies) > 1:
            found[agency_edition(name, policies)] = (name, policies)
    return found


def agency_edition(name: str, policies: list[Policy]) -> str:
    """The page path of an agency's print edition: named after the agency (or its first policy)."""
    return f"print/{heading_id(escape(name)) or policies[0].slug}.md"


def render_edition(page: str, title: str, policies: list[Policy]) -> Page:
    count = f"{len(policies)} {'policy' if len(policies) == 1 else 'policies'}"
    blocks: list[str | Heading] = [
        *[f'<link rel="stylesheet" media="print" href="{attr(href(page, running_path(p)))}">' for p in policies],
        Heading(1, f"Print edition: {escape(title)}"),
        (
            f'<p class="lead">{count} as one document. Print this page (the browser\'s Print, or Ctrl+P) to '
            "have them all: each policy starts on a new page, with its title, agency and number at the top of "
            "every page and the page number at the bottom.</p>"
        ),
        Heading(2, "Contents", "contents"),
        _contents(policies),
    ]
    for policy in policies:
        original = href(page, url_path(f"originals/{policy.original}"))
        body = [_shifted(policy, block) for block in policy_blocks(policy, original, page)]
        blocks += ['<section class="print-policy">', *printed(policy, body), "</section>"]
    return make_page(f"Print edition: {title}", blocks)


def _contents(policies: list[Policy]) -> str:
    """The table of contents: each policy (agency and title) and its top-level sections."""
    items = []
    for policy in policies:
        sections = "".join(
            f'<li><a href="#{attr(p.id)}">{escape(" ".join(x for x in (p.label, plain_text(policy, p.heading)) if x))}</a></li>'
            for p in policy.body
            if p.heading
        )
        items.append(
            f'<li><a href="#{attr(policy.slug)}">{escape(policy.agency.name)}: {heading_text(policy.document.title)}</a>'
            + (f"<ol>{sections}</ol>" if sections else "")
            + "</li>"
        )
    return f'<ol class="print-contents">{"".join(items)}</ol>'


def _shifted(policy: Policy, block: str | Heading) -> str | Heading:
    """A block of a policy's page as a part of the edition: headings one level down (the edition's title
    is the one h1), and ids that the policy's page makes from its title or has alone (`footnotes`) made
    the policy's own, as every provision's id already is."""
    if not isinstance(block, Heading):
        return block
    anchor: str | None
    if block.level == 1:
        anchor = policy.slug
    elif block.id and not block.id.startswith(f"{policy.slug}."):
        anchor = f"{policy.slug}.{block.id}"
    else:
        anchor = block.id
    return Heading(min(block.level + 1, MAX_HEADING_LEVEL), block.html, anchor, block.classes)
