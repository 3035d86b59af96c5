"""The definitions glossary, and the links from defined terms in policy text to it.

The glossary page has an A–Z index with how many policies define each term. Each term has a heading
(so it is a section of the site search) over its policies' definitions: identical wordings grouped,
other wordings with their word-level differences from the most common one, each with its provenance
(policy, section, link to the provision).

A small handbook's glossary is one page. With more than `ONE_PAGE_POLICIES` policies, the glossary
page is the index alone and each term has a page of its own (`glossary/term-….md`), so no page grows
with the number of agencies: a term page shows at most `WORDINGS_SHOWN` wordings, each with at most
`LISTED` sources, and counts the rest.
"""

from __future__ import annotations

import re

from ...document import TermTarget
from ...inline import paragraphs as split_paragraphs
from ...model import Corpus, Policy, Provision
from ...render.html import attr, diff_html, escape, first_words, heading_text, href
from ...render.page import Heading, Page, make_page
from ...writers.html import text_html
from ..policy.render import page_path
from .model import Definition, Entry, Glossary, Wording

GLOSSARY_PAGE = "glossary.md"
TERM_PAGES = "glossary"  # the folder of the term pages, when each term has its own
TITLE = "Definitions glossary"
ONE_PAGE_POLICIES = 30  # with more policies than this, each term has a page of its own
WORDINGS_SHOWN = 10  # wordings shown in full per term; the others are counted and their policies named
LISTED = 12  # policies named per list; beyond that, a count


def glossary_pages(corpus: Corpus, layout) -> dict[str, Page]:
    """The glossary page, and the term pages of a split glossary, when any policy defines a term (they
    need only the model, not `layout`)."""
    glossary = corpus.glossary
    if not glossary.entries:
        return {}
    if not is_split(glossary):
        return {GLOSSARY_PAGE: render_glossary(glossary)}
    pages = {GLOSSARY_PAGE: render_index_page(glossary)}
    for entry in glossary.entries:
        pages[term_page(glossary, entry)] = render_term_page(glossary, entry)
    return pages


def is_split(glossary: Glossary) -> bool:
    """Whether each term has a page of its own (see the module's docstring)."""
    return len(glossary.policies) > ONE_PAGE_POLICIES


def term_page(glossary: Glossary, entry: Entry) -> str:
    """The page holding a term's entry (under the heading whose id is `entry.anchor`)."""
    return f"{TERM_PAGES}/{entry.anchor}.md" if is_split(glossary) else GLOSSARY_PAGE


def render_glossary(glossary: Glossary) -> Page:
    """The whole glossary on one page: the index, then every term under its letter."""
    blocks: list[str | Heading] = [Heading(1, TITLE), _introduction(glossary), _index(glossary, GLOSSARY_PAGE)]
    for letter, entries in glossary.by_letter():
        blocks.append(Heading(2, heading_text(letter), _letter_anchor(letter), ("glossary-letter",)))
        for entry in entries:
            blocks += _entry_blocks(glossary, entry, GLOSSARY_PAGE)
    return make_page(TITLE, blocks)


def render_index_page(glossary: Glossary) -> Page:
    """The glossary page of a split glossary: the index, each term linking to its page."""
    return make_page(TITLE, [Heading(1, TITLE), _introduction(glossary), _index(glossary, GLOSSARY_PAGE)])


def render_term_page(glossary: Glossary, entry: Entry) -> Page:
    """One term of a split glossary: a way back to the index, then the term's entry."""
    page = term_page(glossary, entry)
    title = f"{entry.term} – {TITLE}"
    back = (
        f'<p class="glossary-back"><a href="{attr(href(page, GLOSSARY_PAGE))}">{escape(TITLE)}</a>: '
        f"every term from A to Z.</p>{_LEGEND}"
    )
    return make_page(title, [back, *_entry_blocks(glossary, entry, page, level=1)])


def _introduction(glossary: Glossary) -> str:
    single = sum(1 for entry in glossary.entries if len(entry.defined_by) == 1)
    count = sum(len(entry.definitions) for entry in glossary.entries)
    where = "Each term's page shows" if is_split(glossary) else "Each term shows"
    return (
        f'<p class="lead">{len(glossary.entries)} terms, {count} definitions from {len(glossary.policies)} '
        f"policies. {where} the policies' definitions: word-for-word identical wordings are grouped, "
        f"and other wordings show their differences from the most common one. {single} terms are defined "
        f"by one policy only (marked <em>one policy only</em>).</p>{'' if is_split(glossary) else _LEGEND}"
    )


_LEGEND = (
    '<p class="glossary-legend">In differences, <del>struck-through words</del> are in the most common '
    "(or reference) wording but not in this one, and <ins>underlined words</ins> are in this one only.</p>"
)


def _index(glossary: Glossary, page: str) -> str:
    """The A–Z index: letters, and under each its terms with how many policies define them. The letters
    lead to the letters' headings on a one-page glossary, to their places in the index otherwise."""
    letters = " ".join(
        f'<a href="#{_letter_anchor(letter)}">{escape(letter)}</a>' for letter, _ in glossary.by_letter()
    )
    split = is_split(glossary)
    groups = "".join(
        (
            f'<dt id="{_letter_anchor(letter)}">{escape(letter)}</dt>'
            if split
            else f'<dt><a href="#{_letter_anchor(letter)}">{escape(letter)}</a></dt>'
        )
        + f"<dd><ul>{''.join(_index_item(glossary, entry, page) for entry in entries)}</ul></dd>"
        for letter, entries in glossary.by_letter()
    )
    return (
        f'<nav class="glossary-index" aria-label="Terms from A to Z"><p class="glossary-letters">{letters}</p>'
        f"<dl>{groups}</dl></nav>"
    )


def _index_item(glossary: Glossary, entry: Entry, page: str) -> str:
    defined = len(entry.defined_by)
    count = (
        f'<span class="glossary-count" title="defined by {defined} of {len(glossary.policies)} policies">'
        f"{defined}</span>"
    )
    link = href(page, term_page(glossary, entry), entry.anchor)
    return f'<li><a href="{attr(link)}">{escape(entry.term)}</a> {count}{_single_badge(entry)}</li>'


def _single_badge(entry: Entry) -> str:
    return ' <span class="badge glossary-single">one policy only</span>' if len(entry.defined_by) == 1 else ""


def _letter_anchor(letter: str) -> str:
    return f"letter-{letter.lower()}" if letter.isalpha() else "letter-other"


def _entry_blocks(glossary: Glossary, entry: Entry, page: str, level: int = 3) -> list[str | Heading]:
    """A term's heading and entry, as they stand on `page`."""
    heading = Heading(level, heading_text(entry.term), entry.anchor, ("glossary-term",))
    shown = entry.wordings[:WORDINGS_SHOWN]
    wordings = "".join(_wording(entry, wording, page) for wording in shown)
    return [
        heading,
        (
            f'<div class="glossary-entry">{_summary(glossary, entry)}'
            f'<div class="glossary-wordings">{wordings}</div>{_other_wordings(entry, page)}</div>'
        ),
    ]


def _other_wordings(entry: Entry, page: str) -> str:
    """The wordings past `WORDINGS_SHOWN`, counted, with links to a few of the policies using them."""
    others = entry.wordings[WORDINGS_SHOWN:]
    if not others:
        return ""
    definitions = [d for wording in others for d in wording.definitions]
    links = ", ".join(
        f'<a href="{attr(href(page, page_path(d.policy), d.provision.id))}">{escape(d.policy.name)}</a>'
        for d in definitions[:LISTED]
    )
    more = f" and {len(definitions) - LISTED} more" if len(definitions) > LISTED else ""
    return (
        f'<p class="glossary-other-wordings">{len(others)} other wordings, less common than those above, '
        f"in {len(definitions)} policies: {links}{more}. Each policy's page shows its own definition.</p>"
    )


def _summary(glossary: Glossary, entry: Entry) -> str:
    """Which policies define the term and which do not, and the other ways it is written."""
    names = _names(entry.defined_by)
    if len(entry.defined_by) == 1:
        defined = f"Defined only by {names}.{_single_badge(entry)}"
    else:
        defined = f"Defined by {len(entry.defined_by)} of {len(glossary.policies)} policies: {names}."
    lines = [f'<p class="glossary-defined-by">{defined}</p>']
    if entry.undefined_by:
        lines.append(f'<p class="glossary-not-defined-by">Not defined by: {_names(entry.undefined_by)}.</p>')
    if len(entry.names) > 1:
        lines.append(
            f'<p class="glossary-also">Also written: {", ".join(f"“{escape(name)}”" for name in entry.names[1:])}.</p>'
        )
    return "".join(lines)


def _names(policies: list[Policy]) -> str:
    """Policy names for a sentence; a long list is cut short so the page stays small at any scale."""
    names = ", ".join(escape(p.name) for p in policies[:LISTED])
    return names + (f" and {len(policies) - LISTED} more" if len(policies) > LISTED else "")


def _wording(entry: Entry, wording: Wording, page: str) -> str:
    """One wording: what it is (most common, shared by n policies), its sources (whose it is comes
    before what it says), its text, its differences."""
    first = wording.definitions[0]
    text = "".join(f"<p>{_text_html(first.policy, p, page)}</p>" for p in split_paragraphs(first.provision.text))
    sources = "".join(_source(entry, d, page) for d in wording.definitions[:LISTED])
    if len(wording.definitions) > LISTED:
        sources += f'<li class="glossary-more">and {len(wording.definitions) - LISTED} more policies</li>'
    return (
        f'<div class="glossary-wording"><p class="glossary-wording-label">{_wording_label(entry, wording)}</p>'
        f'<ul class="glossary-sources">{sources}</ul>'
        f'<blockquote class="glossary-text">{text}</blockquote>{_diff(entry, wording, page)}</div>'
    )


def _text_html(policy: Policy, text: str, page: str) -> str:
    """Policy text as the policy page shows it, except that footnote marks lead to the policy page's footnotes."""
    return text_html(policy, text, footnotes=href(page, page_path(policy)))


def _wording_label(entry: Entry, wording: Wording) -> str:
    shared = len(wording.definitions)
    if len(entry.wordings) == 1:
        return f"Same wording in all {shared} policies that define it" if shared > 1 else "Definition"
    if wording is entry.most_common:
        return (
            f"Most common wording, the same in {shared} policies"
            if shared > 1
            else "Reference wording (no two policies share a wording; this one is the closest to the others)"
        )
    return f"Different wording, the same in {shared} policies" if shared > 1 else "Different wording"


def _source(entry: Entry, definition: Definition, page: str) -> str:
    """Provenance of one definition: policy, section label, link to the provision; the term if written otherwise."""
    provision = definition.provision
    link = href(page, page_path(definition.policy), provision.id)
    written = (
        f' <span class="glossary-written">(as written: “{escape(provision.term)}”)</span>'
        if provision.term != entry.term
        else ""
    )
    return (
        f'<li><a href="{attr(link)}">{escape(definition.policy.name)}, {escape(_section_label(provision))}</a>'
        f"{written}</li>"
    )


def _section_label(provision: Provision) -> str:
    """Where a definition stands: its sections' titles and its own label, e.g. `III. TERMINOLOGY › A.`."""
    titles: list[str] = []
    node = provision.parent
    while node is not None:
        titles.insert(0, node.title)
        node = node.parent
    return " › ".join(t for t in titles + [provision.label or ""] if t)


def _diff(entry: Entry, wording: Wording, page: str) -> str:
    if not wording.diff:
        return ""
    reference, own = entry.most_common.definitions[0].policy, wording.definitions[0].policy
    words = diff_html(
        wording.diff, lambda change, text: _text_html(reference if change.kind == "delete" else own, text, page)
    )
    compared_with = "most common" if len(entry.most_common.definitions) > 1 else "reference"
    return (
        f'<p class="glossary-diff"><span class="glossary-diff-label">Differences from the {compared_with} '
        f"wording:</span> {words}</p>"
    )


# --- Links from policy text to the glossary ------------------------------------------------------

POPOVER_SOURCES = 3  # policies a term link's popover names as the source of a definition; with more, it counts them
# Words of the definition a term link's popover quotes: enough to recall the meaning; the link leads to
# the whole of it (a policy page quotes each term it links once, however often it links it).
POPOVER_WORDS = 25


def _sources(wording: Wording) -> str:
    """The policies that use a wording, for a popover: by name when they are few, else how many."""
    if len(wording.definitions) > POPOVER_SOURCES:
        return f"{len(wording.definitions)} policies (the glossary's most common wording)"
    return ", ".join(d.policy.name for d in wording.definitions)


class TermLinker:
    """The glossary's terms as policy pages link them (`document.TermFinder`, used by `document.link_terms`,
    which links the first mention of each term in a provision's words).

    Matches are whole words in any case (a hyphen counts as part of a word, so `Post` is linked in
    neither `Posting` nor `re-post`). The link goes to the glossary entry; its popover quotes the
    policy's own definition where it has one, otherwise the glossary's most common wording, and says whose.
    """

    def __init__(self, glossary: Glossary):
        self.glossary = glossary
        self.entries = {name.casefold(): entry for entry in glossary.entries for name in entry.names}
        self.by_anchor = {entry.anchor: entry for entry in glossary.entries}
        names = "|".join(re.escape(name) for name in sorted(self.entries, key=len, reverse=True))
        self.pattern = re.compile(rf"(?<![\w-])(?:{names})(?![\w-])", re.IGNORECASE) if names else None
        # Worked out once: agencies share much of their wording, and a policy links each term many times.
        self._mentions: dict[str, tuple[tuple[int, int, str], ...]] = {}  # text → where terms are named in it
        self._targets: dict[tuple[int, str], TermTarget] = {}  # (policy, entry anchor) → where a link leads

    def mentions(self, text: str) -> tuple[tuple[int, int, str], ...]:
        mentions = self._mentions.get(text)
        if mentions is None:
            found = self.pattern.finditer(text) if self.pattern else ()
            entries = ((m.start(), m.end(), self.entries.get(m.group().casefold())) for m in found)
            mentions = self._mentions[text] = tuple((s, e, entry.anchor) for s, e, entry in entries if entry)
        return mentions

    def anchor_of(self, term: str) -> str | None:
        entry = self.entries.get(term.casefold())
        return entry.anchor if entry else None

    def target(self, policy: Policy, anchor: str) -> TermTarget:
        key = (id(policy), anchor)
        if key not in self._targets:
            self._targets[key] = self._target(policy, self.by_anchor[anchor])
        return self._targets[key]

    def _target(self, policy: Policy, entry: Entry) -> TermTarget:
        """A link from `policy`'s page to `entry`, with the definition its popover quotes."""
        own = entry.definition_in(policy)
        shown = own or entry.most_common.definitions[0]
        if own:
            whose = f"This policy's definition — {policy.agency.name}"
        else:
            whose = f"Not defined by this policy. Definition from {_sources(entry.most_common)}"
        return TermTarget(
            href=href(page_path(policy), term_page(self.glossary, entry), entry.anchor),
            anchor=entry.anchor,
            term=shown.provision.term or entry.term,
            whose=whose,
            definition=first_words(shown.policy, shown.provision.text, POPOVER_WORDS),
            own=bool(own),
        )
