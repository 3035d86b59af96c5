"""Rule: the closing lines after the policy text — signatures, date lines, adoption notes, distribution,
footnotes and attached lists of links.

The trailer is the longest run of lines at the end that all read as one of these; the first line that
does not (a sentence of the policy) ends it, so no policy text is taken for metadata.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial

from .state import ImportState, Line

SUPERSCRIPT_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
FOOTNOTE = re.compile(r"^(?P<id>[⁰¹²³⁴⁵⁶⁷⁸⁹]+)\s*(?P<text>\S.*)$")
FOOTNOTE_MARK = re.compile(r"(?<=\S)([⁰¹²³⁴⁵⁶⁷⁸⁹]+)")  # `fitness for duty.¹`
TITLES = re.compile(
    r"\b(?:chief|sheriff|president|commissioner|director|captain|lieutenant|mayor|manager|"
    r"superintendent|commander|secretary|chair(?:man|woman|person)?|administrator|marshal|colonel|"
    r"major|deputy|attorney|counsel|clerk|officer)\b",
    re.IGNORECASE,
)
NAME = re.compile(r"^(?:[A-Z][\w'’.-]*\.?)(?:\s+[A-Z][\w'’.-]*\.?){1,3}$")
DATE_LINE = re.compile(r"^date:?[\s_/]*$", re.IGNORECASE)
ADOPTION = re.compile(
    r"^(?:(?:adopted|approved|signed|reviewed|authorized|accepted)(?:\s+by\b|[^.:]{0,60}:[\s_]*$)|by order of:?$)",
    re.IGNORECASE,
)
BLANK = re.compile(r"_{3,}(?:\s*/\s*_+)*")  # a blank to fill in: `______`, `__/__/____`
SIGNATURE_CAPTION = re.compile(r"^(?:[\w.]+\s+)?signature(?:\s+of\s+[\w\s]{1,40})?\s*:?$", re.IGNORECASE)
SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*$")
DISTRIBUTION_WORDS = 8  # a distribution list's lines are short: `All Sworn Personnel`, `Patrol Division`
FORM_FIELD_WORDS = 6  # a line with a blank and at most this many words is a form's field, not policy text
DISTRIBUTION = re.compile(r"^distribution\s*:?\s*(?P<value>.*)$", re.IGNORECASE)
URL = re.compile(r"^<?(?P<url>https?://[^\s<>\"']+)>?$")
NAME_AND_URL = re.compile(r"^(?P<name>[^:<]+?)\s*[:–—-]?\s*<?(?P<url>https?://[^\s<>\"']+)>?$")

NAME_WITH_TITLE = re.compile(r"^[^,]+,")
FORM_FIELD_REASON = "form field (a blank to fill in)"

Item = dict  # one recognised trailer item: {"kind": ..., "lines": [...], ...}
Recogniser = Callable[[list[Line], int], Item | None]


def read_trailer(state: ImportState) -> None:
    """Recognises the closing lines and records signatories, distribution, footnotes and attachments."""
    lines = [line for line in state.lines if line.role == "body"]
    marks = {mark.translate(SUPERSCRIPT_DIGITS) for line in lines for mark in FOOTNOTE_MARK.findall(line.text)}
    recognisers: list[Recogniser] = [
        partial(_footnote, marks=marks),
        _distribution,
        _date_line,
        _adoption,
        _signature,
        _attachment,
        _form_field,
    ]
    best: list[Item] | None = None
    for start in range(len(lines) - 1, -1, -1):
        items = _parse(lines[start:], recognisers)
        if items is not None:
            best = items
    note = None  # a note waits for the signature under it
    for item in best or []:
        if item["kind"] == "form":
            state.remove_as_furniture(item["lines"][0], FORM_FIELD_REASON)
            continue
        for line in item["lines"]:
            line.role = "trailer"
        if item["kind"] == "note":
            note = item["text"]
        else:
            _record(state, item, note)
            note = None


def _parse(lines: list[Line], recognisers: list[Recogniser]) -> list[Item] | None:
    """The items of a candidate trailer, or None if some line is not trailer material."""
    items: list[Item] = []
    i = 0
    while i < len(lines):
        for recognise in recognisers:
            item = recognise(lines, i)
            if item:
                items.append(item)
                i += len(item["lines"])
                break
        else:
            return None
    signed = [item for item in items if item["kind"] != "form"]  # a form's blank may stand between note and name
    for item, after in zip(signed, signed[1:] + [None]):
        if item["kind"] == "note" and (after is None or after["kind"] != "signature"):
            return None  # a note belongs to the signature under it
        if item.get("unnamed") and (item is signed[0] or signed[signed.index(item) - 1]["kind"] != "note"):
            return None  # an office without a name signs only under its note (`Reviewed for Legal Sufficiency:`)
        if item["kind"] == "date" and (item is signed[0] or signed[signed.index(item) - 1]["kind"] != "signature"):
            return None  # a date line belongs to the signature above it
    return items


def _signature(lines: list[Line], i: int) -> Item | None:
    """`Chris Connally, Chief of Police`, or a name line over a title line (`Darryl Forté` / `Chief of Police`)."""
    text = lines[i].text
    if "," in text:
        name, title = (part.strip() for part in text.split(",", 1))
        if NAME.match(name) and TITLES.search(title) and len(title.split()) <= 8:
            return {"kind": "signature", "lines": [lines[i]], "name": name, "title": title}
    if (
        NAME.match(text)
        and not TITLES.search(text)
        and i + 1 < len(lines)
        and _title_line(lines[i + 1].text)
        and _adjacent(lines[i], lines[i + 1])
    ):
        return {"kind": "signature", "lines": lines[i : i + 2], "name": text, "title": lines[i + 1].text}
    if _title_line(text) and not NAME_WITH_TITLE.match(text):
        # `Assistant Corporation Counsel` under `Reviewed for Legal Sufficiency: ____`: an office signs, unnamed;
        # the office is all the original gives, so it stands as the signatory's name
        return {"kind": "signature", "lines": [lines[i]], "name": text, "title": None, "unnamed": True}
    return None


def is_form_field(text: str) -> bool:
    """`Applicant Signature: ____ Date: __/__/____`, `Waiver Signed _____`, `SIGNATURE OF PARTICIPANT`:
    a field of a form to fill in (a blank and a few words, or the caption of a signature line)."""
    if SIGNATURE_CAPTION.match(text):
        return True
    return bool(BLANK.search(text)) and len(BLANK.sub(" ", text).split()) <= FORM_FIELD_WORDS


def _form_field(lines: list[Line], i: int) -> Item | None:
    return {"kind": "form", "lines": [lines[i]]} if is_form_field(lines[i].text) else None


def _title_line(text: str) -> bool:
    return bool(TITLES.search(text)) and len(text.split()) <= 8 and not text.endswith(".")


def _adjacent(first: Line, second: Line) -> bool:
    return second.number == first.number + 1


def _date_line(lines: list[Line], i: int) -> Item | None:
    """`Date`, `Date: ______`: a blank line to date the signature above."""
    return {"kind": "date", "lines": [lines[i]]} if DATE_LINE.match(lines[i].text) else None


def _adoption(lines: list[Line], i: int) -> Item | None:
    """`Adopted by the Board of Police Commissioners this ____ day of _____, 20__.`, `Reviewed for Legal
    Sufficiency: ______`: a note to the signature under it (a blank signature line after it left off)."""
    text = lines[i].text
    if not ADOPTION.match(text) or len(text) >= 200:
        return None
    return {"kind": "note", "lines": [lines[i]], "text": re.sub(r"(?<=:)[\s_]+$", "", text)}


def _distribution(lines: list[Line], i: int) -> Item | None:
    """`DISTRIBUTION: All Department Personnel` and the distribution lines directly under it."""
    match = DISTRIBUTION.match(lines[i].text)
    if not match:
        return None
    taken, values = [lines[i]], [match["value"]] if match["value"] else []
    while (
        i + len(taken) < len(lines)
        and _adjacent(taken[-1], lines[i + len(taken)])
        and _distribution_value(lines[i + len(taken)].text)
    ):
        taken.append(lines[i + len(taken)])
        values.append(taken[-1].text)
    return {"kind": "distribution", "lines": taken, "values": values}


def _distribution_value(text: str) -> bool:
    """`All Sworn Personnel`: a short value; a sentence (`…the City of Springfield."`) is no distribution."""
    return len(text.split()) <= DISTRIBUTION_WORDS and not SENTENCE_END.search(text)


def _footnote(lines: list[Line], i: int, marks: set[str]) -> Item | None:
    """`¹ 4.0 of the department Rules and Regulations.`: a footnote, marked in the text with `¹`."""
    match = FOOTNOTE.match(lines[i].text)
    if not match or match["id"].translate(SUPERSCRIPT_DIGITS) not in marks:
        return None  # a footnote nothing points at is text of its own
    return {
        "kind": "footnote",
        "lines": [lines[i]],
        "id": match["id"].translate(SUPERSCRIPT_DIGITS),
        "text": match["text"],
    }


def _attachment(lines: list[Line], i: int) -> Item | None:
    """A list of links under a title: `AUTHORIZED RPD SOCIAL MEDIA SITES`, then `FACEBOOK` over its address."""
    title = lines[i].text
    if URL.match(title) or NAME_AND_URL.match(title) or len(title.split()) > 8 or title.endswith("."):
        return None
    entries, taken, j = [], [lines[i]], i + 1
    while j < len(lines):
        if match := URL.match(lines[j].text):  # an address alone: its name may stand on the line above
            entries.append({"name": match["url"], "url": match["url"]})
            taken.append(lines[j])
            j += 1
        elif j + 1 < len(lines) and (match := URL.match(lines[j + 1].text)) and len(lines[j].text.split()) <= 6:
            entries.append({"name": lines[j].text, "url": match["url"]})
            taken += lines[j : j + 2]
            j += 2
        elif match := NAME_AND_URL.match(lines[j].text):
            entries.append({"name": match["name"], "url": match["url"]})
            taken.append(lines[j])
            j += 1
        else:
            break
    return {"kind": "attachment", "lines": taken, "title": title, "items": entries} if entries else None


def _record(state: ImportState, item: Item, note: str | None) -> None:
    meta, line = state.metadata, item["lines"][0].number
    kind = item["kind"]
    signatories = meta.setdefault("signatories", [])
    if kind == "signature":
        signatory = {"name": item["name"]} | ({"title": item["title"]} if item["title"] else {})
        if note:
            signatory["note"] = note
        signatories.append(signatory)
        shown = f"{item['name']}, {item['title']}" if item["title"] else f"{item['name']} (an office, no name given)"
        state.note("metadata", line, f"signatory: {shown}")
    elif kind == "date":
        signatories[-1]["date_line"] = True
    elif kind == "distribution":
        meta.setdefault("distribution", []).extend(item["values"])
    elif kind == "footnote":
        meta.setdefault("footnotes", []).append({"id": item["id"], "text": item["text"]})
    elif kind == "attachment":
        meta.setdefault("attachments", []).append({"title": item["title"], "items": item["items"]})
        state.note("metadata", line, f"attached list {item['title']!r} with {len(item['items'])} links")
    if not signatories:
        meta.pop("signatories")
