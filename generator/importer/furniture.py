"""Rules: page furniture — lines of the original that are not policy text.

Each removed line is kept in the draft's `furniture` list (so the fidelity check can account for it)
and listed in the review report with the reason it was removed.
"""

from __future__ import annotations

import re
from collections import Counter
from difflib import SequenceMatcher

from .labels import read_label
from .state import ImportState, Line
from .trailer import FORM_FIELD_REASON, is_form_field

PAGE_NUMBER = re.compile(r"^(?:page\s*)?\d{1,3}(?:\s*(?:of|/)\s*\d{1,3})?$|^[-–—]\s*\d{1,3}\s*[-–—]$", re.IGNORECASE)
WATERMARKS = {"draft", "sample", "copy", "uncontrolled copy", "for training purposes only"}
DOT_LEADER = re.compile(r"\s*(?:\.\s?){3,}\s*\d+$")
CONTENTS_TITLE = re.compile(r"^(?:table of )?contents$", re.IGNORECASE)
RUNNING_MIN_PAGES = 3  # a line repeated on this many pages is a running header or footer, not policy text
# An address or a way to reach the agency: `557 South New Towne Drive`, `Rockford, IL  61108-2385`,
# `(779) 500-6565`, `https://rockfordil.gov/…`, `www.…`, an e-mail address.
CONTACT = re.compile(
    r"\b\d{1,6}\s+(?:[A-Z][\w.'’-]*\s+){1,4}(?:Street|St|Avenue|Ave|Road|Rd|Drive|Dr|Boulevard|Blvd|Lane|Ln|"
    r"Way|Court|Ct|Place|Pl|Parkway|Pkwy|Highway|Hwy|Plaza|Square)\b|\b\d{1,6}\s+Broadway\b|"
    r"\b[A-Z]{2}\s+\d{5}(?:-\d{4})?\b|\(?\b\d{3}\)?[\s.-]*\d{3}[\s.-]\d{4}\b|"
    r"https?://|\bwww\.|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
)
FOOTER_LINES = 6  # an address footer is at most this many lines
FOOTER_GAP = 1.7  # lines of one footer follow one another at most this many font sizes apart
ADDRESS_FOOTER = "the agency's address and contacts at the foot of the page"


def remove_page_numbers(state: ImportState) -> None:
    """Recognises page numbers standing alone on a line: `3`, `Page 3`, `Page 3 of 12`, `3/12`, `- 3 -`."""
    for line in _body(state):
        if PAGE_NUMBER.match(line.text):
            state.remove_as_furniture(line, "page number")


def remove_running_lines(state: ImportState) -> None:
    """Recognises running headers and footers: the same short line on many pages (page numbers in it
    may differ: `Social Media - 2`, `Social Media - 3`). A label standing alone (`1.`) is not one."""
    counts = Counter(key for key, _ in {(_running_key(line), _page(line)) for line in _body(state) if _may_run(line)})
    for line in _body(state):
        if _may_run(line) and counts[_running_key(line)] >= RUNNING_MIN_PAGES:
            state.remove_as_furniture(line, f"running header or footer (on {counts[_running_key(line)]} pages)")


def _page(line: Line) -> int:
    """The page a line stood on (a PDF's: a line repeated on one page is no running line), else its number."""
    return line.layout.page if line.layout is not None else line.number


def _may_run(line: Line) -> bool:
    found = read_label(line.text)
    return len(line.text) <= 120 and not (found and not found[1]) and any(ch.isalpha() for ch in line.text)


def _running_key(line: Line) -> str:
    """The line with its numbers left out (`Social Media - 2` and `- 3` are one running line), but its
    label kept: `1. The stop of the vehicle is…`, `2. The stop…` are items of a list."""
    found = read_label(line.text)
    label, rest = (found[0].text + " ", found[1]) if found else ("", line.text)
    return label + re.sub(r"\d+", "#", " ".join(rest.lower().split()))


def remove_address_footers(state: ImportState) -> None:
    """Recognises an address footer (a PDF's): the last lines of a page, set close together and apart
    from the text above, at least two of them an address or a way to reach the agency (`557 South New
    Towne Drive  Rockford, IL 61108`, `(779) 500-6565  Fax …`, `https://…`), in a smaller font than the
    text's or the same on two pages or more. The lines between them (`Headquarters and District 3`) go
    with them. One entry in the report lists them all."""
    pages: dict[int, list[Line]] = {}
    for line in _body(state):
        if line.layout is not None:
            pages.setdefault(line.layout.page, []).append(line)
    sizes = Counter(line.layout.size for lines in pages.values() for line in lines)
    text_size = sizes.most_common(1)[0][0] if sizes else 0.0
    footers = [footer for lines in pages.values() if (footer := _footer(lines))]
    repeated = Counter(tuple(_running_key(line) for line in footer) for footer in footers)
    for footer in footers:
        if all(line.layout.size < text_size for line in footer) or repeated[tuple(map(_running_key, footer))] > 1:
            for line in footer:
                state.remove_as_furniture(line, ADDRESS_FOOTER)
            state.grouped_furniture.add(ADDRESS_FOOTER)


def _footer(lines: list[Line]) -> list[Line]:
    """The last lines of a page set close together, if they read as an address footer."""
    block = [lines[-1]]
    for line in reversed(lines[:-1]):
        if block[0].layout.top - line.layout.top > FOOTER_GAP * line.layout.size:
            break
        block.insert(0, line)
        if len(block) > FOOTER_LINES:
            return []
    short = all(len(cell.split()) <= 12 for line in block for cell in line.text.split("\t"))
    if len(block) == len(lines) or not short or sum(1 for line in block if CONTACT.search(line.text)) < 2:
        return []
    return block


def remove_watermarks(state: ImportState) -> None:
    """Recognises a watermark or stamp on a line of its own (`DRAFT`, `SAMPLE`, `UNCONTROLLED COPY`)."""
    for line in _body(state):
        if line.text.lower().strip(" *") in WATERMARKS:
            state.remove_as_furniture(line, f"{line.text.strip(' *').lower()} watermark")
            state.note("metadata", line.number, f"the original is marked {line.text.strip(' *')!r}")


def remove_contents(state: ImportState) -> None:
    """Recognises a table of contents at the start: a run of short entries (`Section 8.01 – Background`,
    `Purpose ....... 3`) whose labels head sections again later, where the text itself begins."""
    lines = [line for line in _body(state)]
    entries: list[Line] = []
    for i, line in enumerate(lines):
        if _contents_entry(line) or (not entries and _repeats_later(line, lines[i + 1 :])):
            entries.append(line)
        else:
            break
    labels = [found[0] for line in entries if (found := read_label(line.text))]
    later = {found[0].text for line in lines[len(entries) :] if (found := read_label(line.text))}
    one_style = len({label.readings[0][0] for label in labels}) == 1
    if len(labels) >= 3 and one_style and all(label.text in later for label in labels):
        for line in entries:
            state.remove_as_furniture(line, "table of contents (the site builds its own)")


def remove_inner_contents(state: ImportState) -> None:
    """Recognises a list of the sections further in (`This Order is comprised of the following numbered
    section:` over `I. DEFINITIONS`, `II. PROCEDURES`): a run of two or more short labelled titles, with no
    text between them, each of which heads a section again later, in the same order."""
    lines = _body(state)
    keys = [_title_key(line.text) for line in lines]
    same = _SameTitle()
    i = 0
    while i < len(lines):
        run: list[Line] = []
        while i + len(run) < len(lines) and _contents_entry(lines[i + len(run)]):
            run.append(lines[i + len(run)])
        listed = next(
            (k for k in range(len(run), 1, -1) if _heads_again(keys[i : i + k], keys[i + k :], same)), 0
        )  # the list may run straight into the first heading it lists
        for line in run[:listed]:
            state.remove_as_furniture(line, "list of the sections that follow (the site builds its own)")
        i += max(listed, len(run) if not listed else listed, 1)


def _heads_again(titles: list[tuple[str, str]], later: list[tuple[str, str]], same: _SameTitle) -> bool:
    position = 0
    for key in later:
        if position < len(titles) and same(key, titles[position]):
            position += 1
    return position == len(titles)


def _title_key(text: str) -> tuple[str, str]:
    found = read_label(text)
    label, rest = (found[0].text, found[1]) if found else ("", text)
    return label, " ".join(re.sub(r"[^A-Za-z0-9 ]", " ", rest.upper()).split())


class _SameTitle:
    """The same label and nearly the same title (`DEFINITIONS` in the list, `DEFFINITIONS:` as the heading).
    Each pair is compared once: a long run of short items (a rule book's) is tried at every length."""

    def __init__(self) -> None:
        self.known: dict[tuple[tuple[str, str], tuple[str, str]], bool] = {}

    def __call__(self, one: tuple[str, str], other: tuple[str, str]) -> bool:
        if one[0] != other[0]:
            return False
        if (one, other) not in self.known:
            matcher = SequenceMatcher(None, one[1], other[1])
            self.known[one, other] = matcher.real_quick_ratio() >= 0.85 and matcher.ratio() >= 0.85
        return self.known[one, other]


def _contents_entry(line: Line) -> bool:
    if CONTENTS_TITLE.match(line.text) or DOT_LEADER.search(line.text):
        return True
    found = read_label(line.text)
    if found is None:
        return False
    _, rest, _ = found
    return bool(rest) and len(rest.split()) <= 10 and not rest.endswith((".", ":"))


def _repeats_later(line: Line, later: list[Line]) -> bool:
    return any(other.text == line.text for other in later)


def remove_rules(state: ImportState) -> None:
    """Recognises lines without a word: rules and separators (`-----`, `* * *`, `____`)."""
    for line in _body(state):
        if not any(ch.isalnum() for ch in line.text):
            state.remove_as_furniture(line, "a line without words (a rule or separator)")


def remove_debris(state: ImportState) -> None:
    """Recognises OCR debris: a single stray character on a line of its own (`w`, `|`, `~`)."""
    for line in _body(state):
        if len(line.text) == 1 and not line.text.isdigit():
            state.remove_as_furniture(line, "OCR debris (a stray character on a line of its own)")


def remove_form_fields(state: ImportState) -> None:
    """Recognises the fields of a form (`Waiver Signed _____`, `Date Processed __/__/_____`, `SIGNATURE OF
    PARTICIPANT`) wherever they stand: a form to fill in is not policy text. Runs after the trailer, which
    keeps a signature's own note (`Reviewed for Legal Sufficiency: ____`) with its signature."""
    for line in _body(state):
        if is_form_field(line.text):
            state.remove_as_furniture(line, FORM_FIELD_REASON)


def _body(state: ImportState) -> list[Line]:
    return [line for line in state.lines if line.role == "body"]
