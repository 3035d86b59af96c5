"""The page of one policy: metadata, the body with original labels and permalinks, notes, footnotes,
signatures and attached lists.

Provisions with a heading become headings (so they appear in the page's table of contents); all
other text is emitted as escaped HTML blocks.
"""

from __future__ import annotations

from ...document import ProvisionBlocks, TermFinder, TermLink, TermTarget, provision_blocks, terms_linked
from ...files import FileRefused, read_bytes
from ...load import SourceLayout
from ...model import Corpus, Policy
from ...problems import Problem, SourceError
from ...render.html import attr, count, escape, heading_text, href, url_path
from ...render.page import Heading, Page, Pages, make_page
from ...writers.html import (
    EMPTY_PARAGRAPH,
    date_html,
    heading_html,
    label_link,
    optional_html,
    paragraphs_html,
    placeholder_html,
    runs_html,
    term_html,
    term_popovers_html,
    text_html,
)
from ..print.running import running_path

DRAFT_PAGE = "draft.md"  # the draft feature's page (generator/features/draft/render.py), which fills in a template


def page_path(policy: Policy) -> str:
    return f"policies/{policy.slug}.md"


def page_title(policy: Policy) -> str:
    return f"{policy.agency.name}: {policy.document.title}"


def render_policy(policy: Policy, original_href: str, terms: TermFinder | None = None) -> Page:
    """The page of one policy; with `terms`, the first mention of each glossary term in a provision's
    text links to the glossary."""
    page = page_path(policy)
    running = f'<link rel="stylesheet" media="print" href="{attr(href(page, running_path(policy)))}">'
    blocks = [running, *printed(policy, policy_blocks(policy, original_href, page, terms))]
    return make_page(page_title(policy), blocks)


def printed(policy: Policy, blocks: list[str | Heading]) -> list[str | Heading]:
    """`blocks` inside the element that gives their printed pages the policy's running header."""
    return [f'<div class="policy-document" data-running="{attr(policy.slug)}">', *blocks, "</div>"]


def policy_blocks(
    policy: Policy, original_href: str, page: str, terms: TermFinder | None = None
) -> list[str | Heading]:
    """The policy as blocks of `page` (its own page, or a print edition): title, metadata, body, notes."""
    blocks: list[str | Heading] = [
        Heading(1, heading_text(policy.document.title)),
        _byline(policy),
        _metadata(policy, original_href),
    ]
    if policy.is_template:
        blocks.append(_template_notice(policy, page))
    linked: dict[str, TermTarget] = {}  # the terms the page links, each once, by entry anchor
    for provision in policy.provisions():
        shown = provision_blocks(policy, provision)
        if terms:
            shown = terms_linked(policy, shown, terms)
            linked.update(
                (r.target.anchor, r.target) for b in shown.paragraphs for r in b.runs if isinstance(r, TermLink)
            )
        blocks += _provision_blocks(policy, shown)
    blocks += _footnotes(policy)
    blocks += _signatures(policy)
    blocks += _attachments(policy)
    blocks += _transcription_notes(policy, original_href)
    if linked:  # shown by glossary-popover.js, which every page loads (mkdocs.yml)
        blocks.append(term_popovers_html(linked.values()))
    return blocks


def original_page(name: str, text: str) -> Page:
    """An original written in Markdown (`x.md`), which the site has as a page (`x.html`) like every `.md`:
    its text exactly as written, nothing of it read as Markdown or HTML (it is the provenance)."""
    return make_page(name, [f'<pre class="original-text">{escape(text)}</pre>'])


def _byline(policy: Policy) -> str:
    place = ", ".join(p for p in (policy.agency.city, policy.agency.state) if p)
    name = escape(policy.agency.name) + (f" — {escape(place)}" if place and place not in policy.agency.name else "")
    unidentified = ' <span class="badge">agency not named in the source</span>' if not policy.agency.identified else ""
    return f'<p class="policy-agency">{name}{unidentified}</p>'


def _metadata(policy: Policy, original_href: str) -> str:
    d, dates = policy.document, policy.dates
    rows = [
        ("Document type", escape(d.type)),
        ("Number", text_html(policy, d.number) if d.number else ""),
        ("Chapter", escape(d.chapter)),
        ("Subject", escape(d.subject)),
        ("Issued", date_html(policy, dates.issued)),
        ("Effective", date_html(policy, dates.effective)),
        ("Revised", ", ".join(date_html(policy, r) for r in dates.revised)),
        ("Amends", escape(policy.amends)),
        ("Rescinds", escape(policy.rescinds)),
        ("References", "<br>".join(escape(r) for r in policy.references)),
        ("Distribution", "<br>".join(escape(r) for r in policy.distribution)),
        ("Provenance", escape(policy.provenance or "")),  # a policy not published by the agency: where it came from
        (
            "Original",
            f'<a href="{attr(original_href)}">{escape(policy.original)}</a> (the text this page was made from)',
        ),
    ]
    # The link to the original is for the screen: a printout cannot follow it.
    items = "".join(
        f'<dt class="screen-only">{name}</dt><dd class="screen-only">{value}</dd>'
        if name == "Original"
        else f"<dt>{name}</dt><dd>{value}</dd>"
        for name, value in rows
        if value
    )
    return f'<dl class="policy-meta">{items}</dl>'


def _template_notice(policy: Policy, page: str) -> str:
    draft = href(page, DRAFT_PAGE)
    return (
        '<div class="admonition info"><p class="admonition-title">Template</p>'
        "<p>This is a model policy. Highlighted brackets such as "
        f"{placeholder_html(policy, policy.options[0].id) if policy.options else '[…]'} "
        f'mark the choices an agency makes. Use <a href="{attr(draft)}">Draft your policy</a> to fill them in.</p></div>'
    )


def _provision_blocks(policy: Policy, provision: ProvisionBlocks) -> list[str | Heading]:
    """A provision on its policy's page: a heading in the page's outline (when it has one) over a block
    of its text, its label linking to itself, then its notes."""
    blocks: list[str | Heading] = []
    optional = optional_html(provision.optional, titled=True)
    heading = provision.heading
    if heading:
        label = f"{heading_text(provision.label)} " if provision.label else ""
        blocks.append(
            Heading(
                heading.heading_level,
                f"{label}{optional}{heading_html(heading.runs)}",
                provision.id,
                ("provision-heading", f"depth-{provision.depth}"),
            )
        )
        if provision.paragraphs:
            blocks.append(_text_block(policy, provision, anchor=None, lead=term_html(provision)))
    else:
        label = (
            label_link(f"#{provision.id}", "Link to this provision", provision.label) + " " if provision.label else ""
        )
        blocks.append(_text_block(policy, provision, anchor=provision.id, lead=label + optional + term_html(provision)))
    for note in provision.notes:
        blocks.append(
            f'<div class="admonition note depth-{provision.depth}"><p class="admonition-title">Note</p>'
            f"<p>{runs_html(note.runs, policy.slug)}</p></div>"
        )
    return blocks


def _text_block(policy: Policy, provision: ProvisionBlocks, anchor: str | None, lead: str) -> str:
    """The paragraphs of a provision's text (one, holding only the lead, when it has none)."""
    paragraphs = paragraphs_html(provision.paragraphs or EMPTY_PARAGRAPH, lead, policy.slug)
    anchor_attr = f' id="{attr(anchor)}"' if anchor else ""
    kind = " definition" if provision.term else ""
    return f'<div class="provision{kind} depth-{provision.depth}"{anchor_attr}>{paragraphs}</div>'


def _footnotes(policy: Policy) -> list[str | Heading]:
    if not policy.footnotes:
        return []
    items = "".join(
        f'<li id="{attr(policy.slug)}.fn-{attr(f.id)}" value="{attr(f.id) if f.id.isdigit() else ""}">'
        f'{text_html(policy, f.text)} <a class="footnote-back" href="#{attr(policy.slug)}.fn-{attr(f.id)}-ref" '
        f'title="Back to the text">↩</a></li>'
        for f in policy.footnotes
    )
    return [Heading(2, "Footnotes", "footnotes"), f'<ol class="policy-footnotes">{items}</ol>']


def _signatures(policy: Policy) -> list[str | Heading]:
    if not policy.signatories:
        return []
    cards = []
    for s in policy.signatories:
        lines = [
            f'<p class="signature-note">{escape(s.note)}</p>' if s.note else "",
            f'<p class="signature-name">{escape(s.name)}</p>',
            f'<p class="signature-title">{escape(s.title)}</p>' if s.title else "",
            '<p class="signature-date">Date: ____________</p>' if s.date_line else "",
        ]
        cards.append(f'<div class="signature">{"".join(lines)}</div>')
    return [Heading(2, "Signatures", "signatures"), f'<div class="signatures">{"".join(cards)}</div>']


def _attachments(policy: Policy) -> list[str | Heading]:
    blocks: list[str | Heading] = []
    for i, attachment in enumerate(policy.attachments, start=1):
        items = "".join(
            f"<li>{escape(item.name)}"
            + (f': <a href="{attr(item.url)}" rel="external noopener">{escape(item.url)}</a>' if item.url else "")
            + "</li>"
            for item in attachment.items
        )
        blocks += [
            Heading(2, heading_text(attachment.title), f"{policy.slug}.attachment-{i}"),
            f'<ul class="policy-attachment">{items}</ul>',
        ]
    return blocks


def _transcription_notes(policy: Policy, original_href: str) -> list[str | Heading]:
    """What differs from the original text on purpose: OCR repairs, and lines left out as page furniture."""
    if not (policy.repairs or policy.furniture):
        return []
    repairs = "".join(
        f'<li><a href="#{attr(r.provision)}">{escape(r.provision.removeprefix(policy.slug + "."))}</a> '
        f"({escape(r.field)}): <q>{escape(r.original) or '<em>missing</em>'}</q> → <q>{escape(r.repaired)}</q>. "
        f"{escape(r.reason)}</li>"
        for r in policy.repairs
    )
    furniture = "".join(f"<li><q>{escape(f.line)}</q>: {escape(f.reason)}</li>" for f in policy.furniture)
    parts = [
        f'<p>This page follows <a href="{attr(original_href)}">{escape(policy.original)}</a> word for word, except:</p>'
    ]
    if repairs:
        parts.append(f"<p>Repairs of damage in the source text:</p><ul>{repairs}</ul>")
    if furniture:
        parts.append(f"<p>Lines of the source that are not policy text:</p><ul>{furniture}</ul>")
    return [
        Heading(2, "Transcription notes", "transcription-notes", ("transcription-notes-heading",)),
        (
            f'<details class="transcription-notes"><summary>{escape(transcription_summary(policy))}</summary>'
            f"{''.join(parts)}</details>"
        ),
    ]


def transcription_summary(policy: Policy) -> str:
    """How the page differs from the original text, in plain words, for the notes' summary line (`3 scanning
    errors corrected; 2 lines of the original left out: …`)."""
    said = []
    if policy.repairs:
        said.append(f"{count(len(policy.repairs), 'scanning error')} corrected")
    if policy.furniture:
        left_out = count(len(policy.furniture), "line")
        said.append(
            f"{left_out} of the original left out: page numbers, headers and other lines that are not policy text"
        )
    return "; ".join(said).capitalize()


def policy_pages(corpus: Corpus, layout: SourceLayout) -> Pages:
    """One page per policy, and a copy of each original text it was normalized from (the provenance)."""
    from ..glossary.render import TermLinker  # the glossary's pages link to policy pages: imported here

    pages: Pages = {}
    terms = TermLinker(corpus.glossary)
    for policy in corpus.policies:
        original = f"originals/{policy.original}"
        data = read_original(policy, layout)
        # An original in Markdown is a page of the site, like every `.md` file: it shows the text as written.
        is_page = original.endswith(".md")
        pages[original] = original_page(policy.original, data.decode("utf-8", "replace")) if is_page else data
        pages[page_path(policy)] = render_policy(policy, href(page_path(policy), url_path(original)), terms)
    return pages


def read_original(policy: Policy, layout: SourceLayout) -> bytes:
    """An original's bytes, read by the one rule for source files (`files.read_bytes`); checked by the
    loader already, so a refusal here means it changed since: reported as the policy's problem."""
    try:
        return read_bytes(layout.originals / policy.original, inside=layout.root)
    except FileRefused as exc:
        line, column = policy.positions.get(("original",), (1, 1))
        problem = Problem(policy.file, line, column, "original", f"{policy.original!r} in originals/ {exc}")
        raise SourceError([problem]) from None
