"""A manual of many policies in one PDF (a Lexipol policy manual: hundreds of pages, one policy after
another, each with its number, title and `nnn.n` sections): which policies it holds, on which pages, and
what every page of it repeats.

The policies are read from the PDF's bookmarks where it has them (the outline level whose entries read
`342 - Department Use of Social Media`), without laying out a page; otherwise from the policies' headings:
a policy begins on the page where a new number's first section (`342.1 PURPOSE AND SCOPE`) stands, under
its title. Each policy is then imported from its own pages alone (`OpenedPdf.extract(pages)`), so
the page limit applies per policy. What the manual says once for all its policies — the agency's name,
and the running headers and footers every page repeats — is read once, from a sample of its pages, and
given to each policy's import (`ManualContext`), so every draft names the same agency and a policy of two
pages loses its running lines as one of twenty does.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .labels import read_label
from .limits import Unreadable
from .metadata import AGENCY
from .read_pdf import Bookmark, Layout, OpenedPdf, bookmarks
from .state import ImportState

# `342 - Department Use of Social Media`, `1.09 News Media Relations`, `Policy 342: Social Media`
NUMBERED = re.compile(
    r"^(?:(?:policy|general order|order|directive|sop)\s+)?(?P<number>\d{1,4}(?:[.-]\d{1,3})*[A-Za-z]?)"
    r"\s*(?:[-–—:]\s*|\.?\s+)(?P<title>\S.*)$",
    re.IGNORECASE,
)
# The first section of a policy, standing as a heading: `342.1 PURPOSE AND SCOPE`, `342.1 - Purpose`
FIRST_SECTION = re.compile(r"^(?P<number>\d{1,4}(?:-\d{1,3})?)\.1\s+(?:[-–—]\s+)?[A-Za-z]")
SAMPLE_POLICIES = 4  # policies whose first two pages are read for the manual's running lines and agency
MARGIN = 0.15  # running lines stand in the top or bottom 15 % of a page
RUNNING_SHARE = 0.6  # a line on this share of the sampled pages (of several policies) is a running line


@dataclass(frozen=True)
class ManualPolicy:
    """One policy of a manual: its number and title as the manual gives them, and its pages (1-based)."""

    number: str | None
    title: str
    first: int
    last: int
    shares_first: bool = False  # the policy before it ends on its first page
    shares_last: bool = False  # the policy after it begins on its last page

    @property
    def pages(self) -> range:
        return range(self.first, self.last + 1)

    @property
    def name(self) -> str:
        return f"{self.number} {self.title}" if self.number else self.title


@dataclass
class ManualContext:
    """What one policy's import knows from its manual (`ImportState.manual`)."""

    policy: ManualPolicy
    document: str  # the manual's file name
    running: frozenset[str] = frozenset()  # keys (`running_key`) of the lines every page of the manual repeats
    found_from: str = "bookmarks"
    agency: str | None = None  # the agency's name as the manual's running lines give it
    read: dict[str, str] = field(default_factory=dict)  # number and title, as lines of its first page give them


@dataclass
class Manual:
    pages: int
    policies: list[ManualPolicy]
    found_from: str  # "bookmarks" or "headings"
    agency: str | None = None
    running: frozenset[str] = field(default_factory=frozenset)

    def choose(self, wanted: str) -> list[ManualPolicy]:
        """The policies `wanted` names: by number (`342`), else by title, whole or in part, any case."""
        wanted = " ".join(wanted.split())
        by_number = [p for p in self.policies if p.number and p.number.lower() == wanted.lower()]
        if by_number:
            return by_number
        key = _title_key(wanted)
        whole = [p for p in self.policies if _title_key(p.title) == key or _title_key(p.name) == key]
        return whole or [p for p in self.policies if key and key in _title_key(p.title)]

    def listing(self) -> str:
        """The policies as `handbook import --list` prints them: number, title, pages."""
        width = max((len(p.number or "") for p in self.policies), default=0)
        rows = [
            f"{(p.number or '').ljust(width)}  {p.title}  (pages {p.first}-{p.last}, {len(p.pages)})"
            if p.last > p.first
            else f"{(p.number or '').ljust(width)}  {p.title}  (page {p.first})"
            for p in self.policies
        ]
        agency = f" of {self.agency}" if self.agency else ""
        return (
            f"{len(self.policies)} policies{agency} in {self.pages} pages (from the PDF's {self.found_from}):\n"
            + "\n".join(rows)
            + "\n"
        )


def read_manual(pdf: OpenedPdf) -> Manual:
    """The policies a manual holds (from its bookmarks, else its headings), its agency and running lines.
    Raises `Unreadable` when the PDF cannot be read or no policy is found in it."""
    pages = len(pdf.pages)
    policies = policies_from_bookmarks(bookmarks(pdf), pages)
    found_from = "bookmarks"
    if not policies:
        policies = policies_from_headings(_pages_lines(pdf, range(1, pages + 1)))
        found_from = "headings"
    if not policies:
        raise Unreadable(
            "found no policies in it: it has no bookmarks that number policies (`342 - Title`) and no "
            "policy headings (`342.1 PURPOSE AND SCOPE` under the policy's title); import it as one policy "
            "(without --list, --policy or --all)"
        )
    policies[-1] = _without_trailing_pages(pdf, policies[-1])
    manual = Manual(pages, policies, found_from)
    sample = _pages_lines(pdf, _sample_pages(policies))
    manual.running = running_lines(sample, policies)
    manual.agency = agency_of(sample, manual.running)
    return manual


def policies_from_bookmarks(marks: list[Bookmark], pages: int) -> list[ManualPolicy]:
    """The entries of the outline's policy level — the shallowest level where most entries are numbered
    (`342 - Title`, under chapters, over `342.1 - PURPOSE AND SCOPE`) — each up to the page before the
    next entry at its level or above (a chapter, an appendix), the last up to the manual's end."""
    marks = [m for m in marks if m.page is not None]
    levels = sorted({m.level for m in marks})
    level = next(
        (
            lv
            for lv in levels
            if len(at := [m for m in marks if m.level == lv]) >= 2
            and sum(bool(NUMBERED.match(m.title.strip())) for m in at) >= 0.6 * len(at)
        ),
        None,
    )
    if level is None:
        return []
    out: list[ManualPolicy] = []
    for i, mark in enumerate(marks):
        if mark.level != level:
            continue
        after = next((m for m in marks[i + 1 :] if m.level <= level), None)
        number, title = _number_and_title(mark.title)
        first = mark.page or 1
        if after is None or after.page is None:
            last, shared = pages, False
        elif after.page == first or (after.page > first and _starts_below_top(after)):
            last, shared = after.page, True  # the next begins on this policy's last page
        else:
            last, shared = max(first, after.page - 1), False
        shares_first = bool(out) and out[-1].shares_last and out[-1].last == first
        out.append(ManualPolicy(number, title, first, min(last, pages), shares_first, shared))
    return out


def _pages_lines(pdf: OpenedPdf, pages) -> dict[int, list[tuple[str, Layout]]]:
    return {page: pdf.lines(page) for page in pages}


def _without_trailing_pages(pdf: OpenedPdf, policy: ManualPolicy) -> ManualPolicy:
    """The last policy runs to the manual's end, unless pages follow it that do not name it where its
    other pages do (in a running header or footer): a manual's index or appendix, which no bookmark
    bounds. Those are found by halving, reading a few pages of the end, not all."""
    if policy.last - policy.first < 2 or _names(pdf, policy.last, policy.title):
        return policy
    if not _names(pdf, policy.first + 1, policy.title):
        return policy  # its pages do not repeat its title: nothing to tell its pages from others by
    low, high = policy.first + 1, policy.last  # `low` names it, `high` does not
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (middle, high) if _names(pdf, middle, policy.title) else (low, middle)
    return ManualPolicy(policy.number, policy.title, policy.first, low, policy.shares_first, False)


def _names(pdf: OpenedPdf, page: int, title: str) -> bool:
    """Whether a margin of the page names the policy (`Line-of-Duty Deaths`, `Line-of-Duty Deaths - 604`)."""
    return any(
        names_title(cell, _title_key(title))
        for text, layout in pdf.lines(page)
        if in_margin(layout)
        for cell in text.split("\t")
    )


def in_margin(layout: Layout) -> bool:
    return not MARGIN * layout.height < layout.top < (1 - MARGIN) * layout.height


def names_title(cell: str, title_key: str) -> bool:
    """A cell that is the policy's title, or its title and a page number (`Social Media - 233`)."""
    key = _title_key(cell)
    return bool(title_key) and (key == title_key or re.fullmatch(re.escape(title_key) + r" \d+", key) is not None)


def _starts_below_top(mark: Bookmark) -> bool:
    """The entry points well down its page (a policy beginning under the end of the one before)."""
    return mark.top is not None and mark.top > 300


def _number_and_title(text: str) -> tuple[str | None, str]:
    text = " ".join(text.split())
    found = NUMBERED.match(text)
    return (found["number"], found["title"].strip()) if found else (None, text)


def policies_from_headings(lines_by_page: dict[int, list[tuple[str, Layout]]]) -> list[ManualPolicy]:
    """Policies found from their headings: a page where a new number's first section (`342.1 …`) stands
    begins policy 342; its title is the largest line above that heading that is not the number alone
    nor a line every policy's first page repeats (of lines of one size, the one nearest the heading)."""
    starts: list[tuple[int, str, list[tuple[str, Layout]]]] = []
    for page, lines in sorted(lines_by_page.items()):
        for i, (text, _) in enumerate(lines):
            found = FIRST_SECTION.match(text.strip())
            if found and (not starts or starts[-1][1] != found["number"]):
                starts.append((page, found["number"], lines[:i]))
                break
    above = Counter(running_key(text) for _, _, lines in starts for text, _ in lines)
    out = []
    for k, (page, number, lines) in enumerate(starts):
        candidates = [
            (layout.size, i, text.strip())
            for i, (text, layout) in enumerate(lines)
            if any(ch.isalpha() for ch in text)
            and (above[running_key(text)] < 2 or len(starts) < 3)
            and text.strip() != number
        ]
        title = max(candidates)[2] if candidates else f"Policy {number}"
        last = starts[k + 1][0] - 1 if k + 1 < len(starts) else max(lines_by_page)
        out.append(ManualPolicy(number, " ".join(title.split()), page, max(page, last)))
    return out


def _sample_pages(policies: list[ManualPolicy]) -> list[int]:
    """The first two pages of a few policies spread over the manual."""
    step = max(1, len(policies) // SAMPLE_POLICIES)
    chosen = policies[step // 2 :: step][:SAMPLE_POLICIES] or policies[:1]
    return sorted({page for p in chosen for page in (p.first, min(p.first + 1, p.last))})


def running_key(text: str) -> str:
    """A line (or a cell of it) with its numbers left out: `Social Media - 233` and `- 234` are one."""
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


def running_lines(sample: dict[int, list[tuple[str, Layout]]], policies: list[ManualPolicy]) -> frozenset[str]:
    """The cells that stand in the top or bottom margin of most sampled pages, on pages of several
    policies: the manual's running headers and footers (`Village of Lisle Police Department`,
    `Copyright Lexipol, LLC 2020/05/04, All Rights Reserved.`). A label or a number alone is not one."""
    owner = {page: p for p in policies for page in p.pages}
    pages_of: dict[str, set[int]] = {}
    for page, lines in sample.items():
        for text, layout in lines:
            if not in_margin(layout):
                continue
            for cell in text.split("\t"):
                found = read_label(cell.strip())
                if any(ch.isalpha() for ch in cell) and not (found and found[0].text == cell.strip()):
                    pages_of.setdefault(running_key(cell), set()).add(page)
    needed = max(2, round(RUNNING_SHARE * len(sample)))
    return frozenset(
        key
        for key, pages in pages_of.items()
        if len(pages) >= needed and len({owner.get(page) for page in pages}) >= min(3, len(policies))
    )


def agency_of(sample: dict[int, list[tuple[str, Layout]]], running: frozenset[str]) -> str | None:
    """The agency's name as the manual's running lines give it (`Village of Lisle Police Department`)."""
    names = Counter(
        " ".join(cell.split())
        for lines in sample.values()
        for text, _ in lines
        for cell in text.split("\t")
        if running_key(cell) in running and AGENCY.search(cell) and len(cell.split()) <= 8
    )
    return names.most_common(1)[0][0] if names else None


def _title_key(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9 ]", " ", text.lower()).split())


def take_manual_lines(state: ImportState) -> None:
    """Rule, for a policy imported from a manual: on its first page, before its text, the lines that give
    its number and title (`342`, `Department Use of Social Media`) are taken for those fields; in the
    pages' margins, the manual's running lines and the lines that repeat the policy's title (`Department
    Use of Social Media - 234`) are furniture, however few pages the policy has."""
    context = state.manual
    if context is None:
        return
    policy = context.policy
    title_key = _title_key(policy.title)
    begun = False  # the policy's text has begun: no more number or title lines
    for line in state.lines:
        if line.role != "body" or line.layout is None:
            continue
        if not begun and line.layout.page == policy.first:
            if policy.number and line.text == policy.number and "number" not in context.read:
                context.read["number"] = policy.number
                state.remove_as_furniture(line, "the policy's number (document.number)")
                state.note("metadata", line.number, f"number read as {policy.number!r} (the manual's policy number)")
                continue
            if _title_key(line.text) == title_key and "title" not in context.read:
                context.read["title"] = " ".join(line.text.split())
                state.remove_as_furniture(line, "the policy's title (document.title)")
                state.note("metadata", line.number, f"title read as {context.read['title']!r}")
                continue
        cells = [cell for cell in line.raw.split("\t") if cell.strip()]
        if in_margin(line.layout) and all(
            running_key(cell) in context.running or names_title(cell, title_key) for cell in cells
        ):
            state.remove_as_furniture(line, "running header or footer of the manual")
            continue
        begun = begun or line.layout.page == policy.first and read_label(line.text) is not None


def fill_in_from_manual(state: ImportState) -> None:
    """Rule, for a policy imported from a manual, after the header is read: its number and title as its
    first page gives them, else as the manual's bookmarks or headings do (and said so); where it came from."""
    context = state.manual
    if context is None:
        return
    policy = context.policy
    document = state.metadata.setdefault("document", {})
    where = f"the manual's {context.found_from}"
    for name, value in (("number", policy.number), ("title", policy.title)):
        if name in document:
            continue
        if name in context.read:
            document[name] = context.read[name]
        elif value:
            document[name] = value
            state.note("metadata", None, f"{name} {value!r} taken from {where} (no line of its first page gives it)")
    if context.agency and state.agency == context.agency:
        state.note("metadata", None, f"agency {state.agency!r}: read once for the whole manual, from its running lines")
    pages = f"page {policy.first}" if policy.first == policy.last else f"pages {policy.first}-{policy.last}"
    state.note("metadata", None, f"imported from {pages} of the manual {context.document} (as {where} give them)")
    if policy.shares_first:
        state.note(
            "metadata", None, f"page {policy.first} also holds the end of the policy before: check the draft's start"
        )
    if policy.shares_last:
        state.note(
            "metadata", None, f"page {policy.last} also holds the start of the policy after: check the draft's end"
        )
