"""A policy's structure (generator/document.py: `ProvisionBlocks` of `PageBlock`s of runs) as HTML, the
one writer of a provision for the policy page and the compare columns.

The pages differ only in how they lay a provision out (the policy page puts its heading in the page's
outline, the compare columns inline in bold) and in its label's link; each run is written here, the
same on both: words escaped, a placeholder as the option's bracket marked, a footnote reference as a
link to the policy page's footnote, a term link to its glossary entry. Every text is escaped here:
nothing of the YAML is markup.
"""

from __future__ import annotations

from ..document import (
    FootnoteRef,
    OptionalMark,
    PageBlock,
    PageRun,
    Placeholder,
    ProvisionBlocks,
    TermLink,
    Words,
)
from ..render.html import attr, escape, heading_text

EMPHASIS_TAGS = {"strong": ("strong", ""), "term": ("dfn", ' class="defined-term"')}
TERM_LINK_CLASSES = {True: "term-link term-link-own", False: "term-link term-link-glossary"}


def runs_html(runs: tuple[PageRun, ...], slug: str) -> str:
    """Runs of the policy `slug` as HTML (its footnote references lead to its page's footnotes)."""
    return "".join(run_html(run, slug) for run in runs)


def run_html(run: PageRun, slug: str) -> str:
    if isinstance(run, Words):
        return escape(run.text)
    if isinstance(run, Placeholder):
        return (
            f'<span class="template-option" data-option="{attr(run.option)}" '
            f'title="Template option: {attr(run.label)}">{escape(run.bracket)}</span>'
        )
    if isinstance(run, FootnoteRef):
        anchor = f"{slug}.fn-{run.id}"
        return f'<sup class="footnote-ref" id="{attr(anchor)}-ref"><a href="#{attr(anchor)}">{escape(run.id)}</a></sup>'
    target = run.target
    return (
        f'<a class="{TERM_LINK_CLASSES[target.own]}" href="{attr(target.href)}" title="{attr(target.title)}">'
        f"{escape(run.text)}</a>"
    )


def emphasis_html(kind: str, inner: str) -> str:
    """HTML set off by a kind of emphasis (`document.Emphasis`): `strong` or `term`."""
    tag, css = EMPHASIS_TAGS[kind]
    return f"<{tag}{css}>{inner}</{tag}>"


def heading_html(runs: tuple[PageRun, ...]) -> str:
    """Runs as a heading of the page's outline shows them: the text as written (options as their
    brackets, footnote marks left out, white space folded), every mark a character reference."""
    return heading_text(" ".join("".join(_written(run) for run in runs).split()))


def _written(run: PageRun) -> str:
    if isinstance(run, (Words, TermLink)):
        return run.text
    if isinstance(run, Placeholder):
        return run.bracket
    return ""


def optional_html(mark: OptionalMark | None, titled: bool) -> str:
    """The `[OPTIONAL]` badge and the space after it (`titled`: with the option's label as a tooltip)."""
    if mark is None:
        return ""
    title = f' title="Optional: {attr(mark.label)}"' if titled else ""
    return (
        f'<span class="template-option template-optional" data-option="{attr(mark.option)}"{title}>[OPTIONAL]</span> '
    )


def term_html(provision: ProvisionBlocks) -> str:
    """The term a definition leads with, and its dash."""
    if not provision.term:
        return ""
    return emphasis_html("term", escape(provision.term)) + " – "


def label_link(href: str, title: str, text: str) -> str:
    """A provision's label as a link to the provision."""
    return f'<a class="provision-label" href="{attr(href)}" title="{attr(title)}">{escape(text)}</a>'


def paragraphs_html(blocks: tuple[PageBlock, ...], lead: str, slug: str) -> str:
    """Blocks of text as paragraphs, the first led by `lead` (HTML: label, badge, term)."""
    return "".join(f"<p>{lead if i == 0 else ''}{runs_html(b.runs, slug)}</p>" for i, b in enumerate(blocks))


EMPTY_PARAGRAPH = (PageBlock("paragraph", 0, ()),)  # where a provision without text still shows its lead
