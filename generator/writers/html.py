"""A policy's text as HTML: the one writer of its structure (generator/document.py: `ProvisionBlocks` of
`PageBlock`s of runs) for the policy page and the compare columns, and of any other text of a policy a
page shows (`text_html`: a document number, a footnote, a definition quoted in the glossary).

The pages differ only in how they lay a provision out (the policy page puts its heading in the page's
outline, the compare columns inline in bold) and in its label's link; each run is written here, the
same on every page: words escaped, a placeholder as the option's bracket marked, a footnote reference as a
link to the policy page's footnote, a term link to its glossary entry (described by the definition its
popover quotes, `term_popovers_html`). Every text is escaped here:
nothing of the YAML is markup.

The draft preview's writer of the drafted runs (labels with their variants, blanks, slots, choices) is
still its own (`_HtmlWriter` in generator/features/draft/render.py, being changed for issue 15); it
writes words and emphasis as this module does (`EMPHASIS_TAGS`) and belongs here once that work is in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ..document import (
    FootnoteRef,
    OptionalMark,
    PageBlock,
    PageRun,
    Placeholder,
    ProvisionBlocks,
    TermLink,
    TermTarget,
    Words,
    placeholder,
    written_runs,
)
from ..model import Policy
from ..render.html import attr, escape, heading_text
from ..schema import DATES

EMPHASIS_TAGS = {"strong": ("strong", ""), "term": ("dfn", ' class="defined-term"')}
TERM_LINK_CLASSES = {True: "term-link term-link-own", False: "term-link term-link-glossary"}
POPOVER_CLASSES = {True: "term-popover-own", False: "term-popover-glossary"}
EMPTY_PARAGRAPH = (PageBlock("paragraph", 0, ()),)  # where a provision without text still shows its lead


def text_html(policy: Policy, text: str, footnotes: str = "") -> str:
    """A text of `policy` (with `{{option}}` and `{{footnote:N}}` references) as HTML; see `runs_html`."""
    return runs_html(written_runs(policy, text), policy.slug, footnotes)


def runs_html(runs: tuple[PageRun, ...], slug: str, footnotes: str = "") -> str:
    """Runs of the policy `slug` as HTML. Footnote references lead to the footnotes on the page
    `footnotes` (an address; `""`: the page they are on, where each reference is also a place the
    footnote leads back to)."""
    if len(runs) == 1 and isinstance(runs[0], Words):  # most paragraphs are words alone
        return escape(runs[0].text)
    return "".join([run_html(run, slug, footnotes) for run in runs])


def run_html(run: PageRun, slug: str, footnotes: str = "") -> str:
    """One run as HTML (see `runs_html`)."""
    if isinstance(run, Words):
        return escape(run.text)
    if isinstance(run, Placeholder):
        return (
            f'<span class="template-option" data-option="{attr(run.option)}" '
            f'title="Template option: {attr(run.label)}">{escape(run.bracket)}</span>'
        )
    if isinstance(run, FootnoteRef):
        anchor = f"{slug}.fn-{run.id}"
        if footnotes:
            return f'<sup class="footnote-ref"><a href="{attr(f"{footnotes}#{anchor}")}">{escape(run.id)}</a></sup>'
        return f'<sup class="footnote-ref" id="{attr(anchor)}-ref"><a href="#{attr(anchor)}">{escape(run.id)}</a></sup>'
    target = run.target
    return (
        f'<a class="{TERM_LINK_CLASSES[target.own]}" href="{attr(target.href)}" '
        f'aria-describedby="{attr(definition_id(target))}">{escape(run.text)}</a>'
    )


def definition_id(target: TermTarget) -> str:
    """The id of the definition a term link's popover quotes (its accessible description)."""
    return f"definition-{target.anchor}"


def term_popovers_html(targets: Iterable[TermTarget]) -> str:
    """The popovers of a page's term links, one per term however often the page links it, hidden until
    a link is hovered, focused or tapped (glossary-popover.js shows the link's and puts it beside it).
    Each quotes the definition (the link's description, also without the script) and says whose it is;
    its own link to the glossary is for a tap, so it is not a stop of its own for the keyboard: the
    term link, which leads to the same entry, is."""
    popovers = "".join(
        f'<span class="term-popover {POPOVER_CLASSES[t.own]}" hidden>'
        f'<span class="term-popover-quote" id="{attr(definition_id(t))}">'
        f'<span class="term-popover-whose">{escape(t.whose)}</span> '
        f'<span class="term-popover-text"><strong>{escape(t.term)}</strong>: {escape(t.definition)}</span></span> '
        f'<a class="term-popover-more" href="{attr(t.href)}" tabindex="-1">Every definition of “{escape(t.term)}” '
        "in the glossary</a></span>"
        for t in targets
    )
    return f'<div class="term-popovers">{popovers}</div>' if popovers else ""


def placeholder_html(policy: Policy, option_id: str) -> str:
    """How a template option shows before anyone fills it in: its original bracket, marked."""
    return run_html(placeholder(policy, option_id), policy.slug)


def date_html(policy: Policy, value: dt.date | str | None) -> str:
    """A date of a policy's header: a date as the handbook writes dates, or the policy's own text."""
    if isinstance(value, dt.date):
        return f'<time datetime="{value.isoformat()}">{DATES.shown(value)}</time>'
    if isinstance(value, str):
        return text_html(policy, value)
    return ""


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
    return "".join([f"<p>{lead if i == 0 else ''}{runs_html(b.runs, slug)}</p>" for i, b in enumerate(blocks)])
