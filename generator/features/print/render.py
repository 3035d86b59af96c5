"""The print editions: one page that prints as one document, with a table of contents.

- the whole handbook, while it is small (`WHOLE_HANDBOOK_POLICIES`; the real corpus): every policy;
- each agency with more than one policy: all of its policies (an agency's one policy prints from its page).

Each policy starts on a new printed page with its own running header (`running.py`); the page numbers and
the rest of the printed layout are in `overrides/assets/stylesheets/print.css`. A large handbook gets no
whole edition.

An edition's page holds its title and contents; each policy's text is a script of the site's own
(`print/parts/<slug>.js`, shared by the editions holding the policy), which the page runs as it is read,
one `<script src>` after another, so the document is whole before the browser shows it, runs its `load`
event or prints it (print-edition.js puts each text in its place). The page so stays small however many
policies an agency has (a page over 100 kB is what the benchmark's page budget counts), and the same
markup is not written twice when a policy is in two editions. Without scripts, each policy's place links
to its own page.
"""

from __future__ import annotations

from ...contract import CONTRACT_SCRIPT, POLICY, PRINT_EDITION_SCRIPT, PRINT_PARTS_GLOBAL, data_script
from ...load import SourceLayout
from ...model import Corpus, Policy
from ...render.html import attr, escape, heading_text, href, plain_text, url_path
from ...render.page import Heading, Page, Pages, heading_id, make_page
from ..policy.render import page_path, policy_blocks, printed
from .running import running_css, running_path

WHOLE_HANDBOOK = "print/handbook.md"
PARTS = "print/parts"  # the folder of the policies' texts as the editions show them
WHOLE_HANDBOOK_POLICIES = 10  # past this many policies, no whole edition (its page would be megabytes)
MAX_HEADING_LEVEL = 6


def print_pages(corpus: Corpus, layout: SourceLayout) -> Pages:
    """Every policy's running-header stylesheet, the print editions and the texts they hold."""
    pages: Pages = {running_path(policy): running_css(policy) for policy in corpus.policies}
    held: dict[str, Policy] = {}
    for path, (title, policies) in editions(corpus).items():
        pages[path] = render_edition(path, title, policies)
        held.update((policy.slug, policy) for policy in policies)
    for policy in held.values():
        pages[part_path(policy)] = part_script(policy)
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


def part_path(policy: Policy) -> str:
    """The script holding `policy`'s text as the print editions show it."""
    return f"{PARTS}/{policy.slug}.js"


def part_script(policy: Policy) -> str:
    """`policy`'s text as a print edition shows it (every edition is in `print/`, so one text serves
    them all): its headings one level down, under the running header of its printed pages."""
    page = WHOLE_HANDBOOK  # any page of the editions' folder: addresses are made from the folder
    original = href(page, url_path(f"originals/{policy.original}"))
    body = [_shifted(policy, block) for block in policy_blocks(policy, original, page)]
    return data_script(PRINT_PARTS_GLOBAL, {policy.slug: make_page("", printed(policy, body)).body}, merge=True)


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
        own_page = f"{escape(policy.agency.name)}: {heading_text(policy.document.title)}"
        blocks.append(
            f'<section class="print-policy" {POLICY}="{attr(policy.slug)}"><noscript><p>This edition puts each '
            f"policy's text in by a script, which is turned off. Read or print <a href=\""
            f'{attr(href(page, page_path(policy)))}">{own_page}</a> on its own page.</p></noscript></section>'
        )
    scripts = (CONTRACT_SCRIPT, *[part_path(p) for p in policies], PRINT_EDITION_SCRIPT)
    blocks.append("".join(f'<script src="{attr(href(page, script))}"></script>' for script in scripts))
    # The contents list every policy and its sections: the theme's table of contents beside it would
    # repeat the edition's title and "Contents" alone.
    return make_page(f"Print edition: {title}", blocks, hide=("toc",))


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
