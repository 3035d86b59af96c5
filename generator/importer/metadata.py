"""Rule: the header — agency, title, document type and number, dates, subject, references — and the
guesses and placeholders for what the header does not say.

A header is the run of lines before the policy text that read as header fields: `KEY: value` cells,
a row of field names over a row of values (a header table copied out of a PDF), the agency's name,
`POLICY & PROCEDURE NO. X.XX`, `CHAPTER 8 – TITLE`. It ends at the first line that is none of these,
so no words of the policy are taken for metadata.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re

from .headings import MINOR_WORDS
from .labels import read_label
from .state import ImportState, Line

FIELD_KEYS = {
    "date of issue": "issued",
    "issue date": "issued",
    "issued": "issued",
    "date issued": "issued",
    "issued date": "issued",
    "effective date": "effective",
    "effective": "effective",
    "date effective": "effective",
    "revised": "revised",
    "revision date": "revised",
    "revision dates": "revised",
    "revised date": "revised",
    "date revised": "revised",
    "last revised": "revised",
    "revisions": "revised",
    "no": "number",
    "number": "number",
    "index number": "number",
    "policy number": "number",
    "policy no": "number",
    "order number": "number",
    "directive number": "number",
    "document number": "number",
    "subject": "subject",
    "re": "subject",
    "title": "subject",
    "directive type": "type",
    "document type": "type",
    "type": "type",
    "amends": "amends",
    "rescinds": "rescinds",
    "supersedes": "rescinds",
    "amends/rescinds": "amends/rescinds",
    "reference": "references",
    "references": "references",
    "distribution": "distribution",
    "chapter": "chapter",
    "original effective / issue date": "effective",
    "original effective/issue date": "effective",
    "original issue date": "issued",
    "date of last revision": "revised",
    "last revision": "revised",
    "revision": "revised",
    "reviewed": "revised",
    "sop number": "number",
    "sop no": "number",
    "sop": "number",
    "directive": "number",
    "directive no": "number",
    "general order number": "number",
    "general order no": "number",
    "go number": "number",
    "series": "references",
    "series number": "references",
    "series title": "references",
    "topics / reference": "references",
    "topics": "references",
    "appendices": "references",
    "revisions continued": "ignored",
    "page": "ignored",
    "pages": "ignored",
}
DATE_FIELDS = {"issued": "issue date", "effective": "effective date", "revised": "revision date"}
AGENCY = re.compile(
    r"\b(?:police|sheriff'?s?|sheriff’s|public safety|constabulary|marshal'?s?|state patrol)\b"
    r".*\b(?:department|dept\.?|office|bureau|service|division|agency)\b|"
    r"\bpolice\s*$|\bdepartment of public safety\b",
    re.IGNORECASE,
)
# `PERSONNEL POLICY`, `SPECIAL ORDER`, `GENERAL ORDER`: a qualifier and the kind of document; or a kind
# that needs none (`ADDENDUM`, `MEMORANDUM`).
DOCUMENT_TYPE = re.compile(
    r"^[A-Za-z]+\s+(?:policy|order|directive|procedure|memorandum|instruction|regulation)$|^(?:addendum|memorandum)$",
    re.IGNORECASE,
)
# `OPS-09`, `UOF-02/19-016`: one word with a digit, a document's code rather than its title.
CODE = re.compile(r"^\S*\d\S*$")
# A header holds at least one of these; a title or type line alone is not a header.
HEADER_FIELDS = {
    "issued",
    "effective",
    "revised",
    "number",
    "subject",
    "chapter",
    "references",
    "amends",
    "rescinds",
    "amends/rescinds",
    "distribution",
    "agency",
}
# `POLICY & PROCEDURE NO. X.XX`, `GENERAL ORDER 4-12`
TYPE_AND_NUMBER = re.compile(
    r"^(?P<type>.*?\b(?:policy|order|directive|procedure|memorandum)s?)\s+"
    r"(?:(?:no\.?|number|#)\s*(?P<number>\S+)|(?P<numeral>[\w.-]*\d[\w.-]*))$",
    re.IGNORECASE,
)
CHAPTER = re.compile(r"^chapter\s+(?P<number>\w+)\s*[–—:-]\s*(?P<title>.+)$", re.IGNORECASE)
DATE = re.compile(
    r"(\d{4})-(\d{1,2})-(\d{1,2})|(\d{1,2})/(\d{1,2})/(\d{2,4})|"
    r"([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})|(\d{1,2})\s+([A-Za-z]{3,9})\s+(\d{4})"
)
CELL_SPLIT = re.compile(r"\t|\s{3,}")
BLANK_VALUE = re.compile(r"^[_\s.-]*$")
MONTHS = {
    name: i
    for i, name in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        1,
    )
}
STATES = [
    "Alabama",
    "Alaska",
    "Arizona",
    "Arkansas",
    "California",
    "Colorado",
    "Connecticut",
    "Delaware",
    "Florida",
    "Georgia",
    "Hawaii",
    "Idaho",
    "Illinois",
    "Indiana",
    "Iowa",
    "Kansas",
    "Kentucky",
    "Louisiana",
    "Maine",
    "Maryland",
    "Massachusetts",
    "Michigan",
    "Minnesota",
    "Mississippi",
    "Missouri",
    "Montana",
    "Nebraska",
    "Nevada",
    "Ohio",
    "Oklahoma",
    "Oregon",
    "Pennsylvania",
    "Tennessee",
    "Texas",
    "Utah",
    "Vermont",
    "Virginia",
    "Washington",
    "Wisconsin",
    "Wyoming",
] + [
    "New Hampshire",
    "New Jersey",
    "New Mexico",
    "New York",
    "North Carolina",
    "North Dakota",
    "Rhode Island",
    "South Carolina",
    "South Dakota",
    "West Virginia",
]
AGENCY_IN_TEXT = re.compile(
    r"((?:(?:St\.|[A-Z][a-z][\w'’-]*),?\s+){1,4})(Police Department|Sheriff['’]s Office|"
    r"Sheriff['’]s Department|Department of Public Safety|Police Bureau)"
)
TEMPLATE_BRACKET = re.compile(r"\[[A-Z][^\]a-z]*\]")


def read_header(state: ImportState) -> None:
    """Recognises the header lines before the policy text and reads the fields they hold."""
    meta = state.metadata
    pending: dict[int, str] = {}  # column → field name, from a row of field names above
    names_found: set[str] = set()
    values: dict[str, str] = {}  # each field's value, to notice a field given twice
    taken: list[Line] = []
    read: dict[int, list[tuple[str, str]]] = {}  # line number → the (field, value) pairs read from it
    wrapped: list[Line] = []  # lines that carry on the value of the line above
    for line in state.lines:
        if line.role in ("blank", "furniture"):
            continue
        if line.role != "body":
            break
        if taken and read[taken[-1].number] and _continues([t for t in taken if t not in wrapped], line):
            name, value = read[taken[-1].number][-1]
            if name in CONTINUED and value:
                joined = _extend(state, name, value, line.text)
                read[taken[-1].number][-1] = (name, joined)
                read[line.number] = [(name, line.text)]
                taken.append(line)
                wrapped.append(line)
                continue
        fields = _header_fields(line, pending)
        if fields is None or any(
            values.setdefault(name, value) != value
            for name, value in fields[0]
            if name not in ("references", "distribution", "revised") and value
        ):
            break  # not a header line, or one that gives a field a second value: the text has begun
        taken.append(line)
        read[line.number] = fields[0]
        names_found |= {name for name, _ in fields[0]} | set(fields[1].values())
        for name, value in fields[0]:
            record(state, line, name, value)
        pending = fields[1]
    if not names_found & HEADER_FIELDS:
        taken = []  # a capitalised line alone (` POLICY`) is a section heading, not a title
        meta.clear()
    for line in taken:
        line.role = "header"
        _keep_field_names(state, line, read[line.number])


# Fields whose value may run on to the next line of the header (`TOPICS / REFERENCE: DISTURBED PERSONS,`).
CONTINUED = {"references", "subject", "title", "distribution", "amends", "rescinds", "chapter"}


def _continues(taken: list[Line], line: Line) -> bool:
    """Whether `line` carries on the value of the header line above it: it starts where that line
    starts and follows it closer than the header's lines follow one another (a value wrapped over two
    lines), or (text without layout) the value above ends with a comma."""
    above = taken[-1]
    if line.layout is None or above.layout is None:
        return above.text.rstrip().endswith(",") and ":" not in line.text and not read_label(line.text)
    if line.layout.page != above.layout.page or abs(line.layout.x - above.layout.x) > 2:
        return False
    gaps = [
        b.layout.top - a.layout.top
        for a, b in itertools.pairwise(taken)
        if a.layout is not None and b.layout is not None and a.layout.page == b.layout.page
    ]
    gap = line.layout.top - above.layout.top
    return bool(gaps) and 0 < gap < 0.8 * min(gaps) and field_key(line.text.split(":")[0]) not in FIELD_KEYS


def _extend(state: ImportState, name: str, value: str, more: str) -> str:
    """The value of field `name` (`value`, as read from the line above) carried on by its next line
    `more` (`RIDE-` + `ALONG PROGRAM`: the hyphen kept, no space), in the metadata and returned."""
    meta = state.metadata
    joined = f"{value}{more}" if value.endswith("-") else f"{value} {more}"
    if name in ("references", "distribution"):
        values = meta.get(name, [])
        if values and values[-1] == value:
            values[-1] = joined
    elif name in ("amends", "rescinds"):
        meta[name] = joined
    else:
        document = meta.setdefault("document", {})
        if document.get(name) == value:
            document[name] = joined
    return joined


def _keep_field_names(state: ImportState, line: Line, fields: list[tuple[str, str]]) -> None:
    """A header line with words the metadata does not hold (its field names: `SERIES TITLE:`,
    `DATE OF LAST REVISION:`) is recorded whole as furniture, so that every word of the original stays in
    the draft; its values are in the draft's fields."""
    held = {word.lower() for _, value in fields for word in WORD.findall(value)}
    if any(word.lower() not in held for word in WORD.findall(line.text)):
        names = sorted({FIELD_NAMES_SHOWN.get(name, name) for name, value in fields if value})
        into = f"; its values are the draft's {', '.join(names)}" if names else ""
        state.furniture.append((line, f"header field names{into}"))


WORD = re.compile(r"[^\W_]+")
FIELD_NAMES_SHOWN = {
    "issued": "dates.issued",
    "effective": "dates.effective",
    "revised": "dates.revised",
    "number": "document.number",
    "subject": "document.subject",
    "title": "document.title",
    "type": "document.type",
    "chapter": "document.chapter",
    "agency": "agency.name",
}


def _header_fields(line: Line, pending: dict[int, str]) -> tuple[list[tuple[str, str]], dict[int, str]] | None:
    """The (field, value) pairs of one header line and the field names it announces for the next
    line; None when the line is not a header line."""
    if read_label(line.text):
        return None  # `I. INTRODUCTION` begins the policy text
    if line.heading == 1:
        return [("title", line.text)], {}
    cells = _cells(line)
    names = {i: FIELD_KEYS[field_key(cell)] for i, cell in enumerate(cells) if field_key(cell) in FIELD_KEYS}
    fields: list[tuple[str, str]] = []
    for i, cell in enumerate(cells):
        if i in names or not cell:
            continue
        if i in pending:
            fields.append((pending[i], cell))
            continue
        read = _cell_fields(cell)
        if read is None:
            return None
        fields += read
    if pending:  # a value row: fields left empty under their names were left blank in the original
        fields += [(name, "") for i, name in pending.items() if i >= len(cells) or not cells[i]]
    if not fields and not names:
        return None
    if any(name in DATE_FIELDS and not _only_dates(value) for name, value in fields):
        return None  # `EFFECTIVE DATE: 1/2/20 for all employees` says more than a date: policy text
    return fields, names


def _cells(line: Line) -> list[str]:
    leading_tabs = len(line.raw) - len(line.raw.lstrip("\t"))
    return [""] * leading_tabs + [cell.strip() for cell in CELL_SPLIT.split(line.text)]


def field_key(cell: str) -> str:
    return " ".join(cell.lower().replace(".", "").replace("#", "").strip(" :").split())


def _cell_fields(cell: str) -> list[tuple[str, str]] | None:
    """What one header cell says, or None when it is not header material."""
    if ":" in cell:
        key, value = cell.split(":", 1)
        if field_key(key) in FIELD_KEYS:
            return [(FIELD_KEYS[field_key(key)], value.strip())]
        if "reference" in field_key(key):  # `ACCREDITATION STANDARDS REFERENCED: None`
            return [("references", cell)]
    if match := TYPE_AND_NUMBER.match(cell):
        return [("type", match["type"]), ("number", match["number"] or match["numeral"])]
    if CHAPTER.match(cell):
        return [("chapter", cell)]
    if AGENCY.search(cell) and len(cell.split()) <= 8 and not cell.endswith("."):
        return [("agency", cell)]
    if DOCUMENT_TYPE.match(cell):
        return [("type", cell)]
    if _title_like(cell):
        return [("title", cell)]
    return None


def _title_like(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= 8 and text.isupper() and not text.endswith((".", ":", ";", ",")) and not CODE.match(text)


def record(state: ImportState, line: Line, name: str, value: str) -> None:
    """Put one header value into the draft's metadata, noting where it came from."""
    meta = state.metadata
    if name == "ignored":
        return
    if name == "amends/rescinds":
        record(state, line, "amends", value)
        record(state, line, "rescinds", value)
        return
    if BLANK_VALUE.match(value):
        if name in DATE_FIELDS or name == "number":
            state.note(
                "metadata", line.number, f"{DATE_FIELDS.get(name, 'document number')} is left blank in the original"
            )
        return
    if name in DATE_FIELDS:
        dates = parse_dates(value)
        target = meta.setdefault("dates", {})
        if name == "revised":
            target.setdefault("revised", []).extend(dates)
        else:
            target[name] = dates[0]
        state.note("metadata", line.number, f"{DATE_FIELDS[name]} read as {', '.join(map(str, dates))} from {value!r}")
    elif name in ("references", "distribution"):
        meta.setdefault(name, []).append(value)
    elif name in ("amends", "rescinds"):
        meta[name] = value
    elif name == "agency":
        meta.setdefault("agency", {})["name"] = value
        state.note("metadata", line.number, f"agency read as {value!r}")
    else:  # title, subject, type, number, chapter
        document = meta.setdefault("document", {})
        if name not in document:
            document[name] = value
            state.note("metadata", line.number, f"{FIELD_NAMES_SHOWN.get(name, name)} read as {value!r}")


def _only_dates(value: str) -> bool:
    """`08/18/15, 8/7/19` or a blank to fill in: nothing but dates. (`Upon signing` is no date: the line
    stays with the text, where the report lists it.)"""
    return BLANK_VALUE.match(value) is not None or (
        bool(parse_dates(value)) and not re.search(r"\w", DATE.sub(" ", value))
    )


def parse_dates(value: str) -> list[dt.date]:
    """Every date in `value`: `1/30/14`, `08/18/15, 8/7/19`, `September 6, 2013`, `JULY 1, 2020`, `2020-07-01`."""
    dates = []
    for match in DATE.finditer(value):
        g = match.groups()
        try:
            if g[0]:
                dates.append(dt.date(int(g[0]), int(g[1]), int(g[2])))
            elif g[3]:
                year = int(g[5]) + (2000 if len(g[5]) == 2 and int(g[5]) < 70 else 1900 if len(g[5]) == 2 else 0)
                dates.append(dt.date(year, int(g[3]), int(g[4])))
            elif g[6] and (month := _month(g[6])):
                dates.append(dt.date(int(g[8]), month, int(g[7])))
            elif g[9] and (month := _month(g[10])):
                dates.append(dt.date(int(g[11]), month, int(g[9])))
        except ValueError:
            continue
    return dates


def _month(name: str) -> int | None:
    name = name.lower()
    return next((number for month, number in MONTHS.items() if month.startswith(name) and len(name) >= 3), None)


def fill_in_metadata(state: ImportState) -> None:
    """Completes the metadata: the agency given on the command line, or guessed from the header or the
    text; the place from the agency's name; a short title from the subject or chapter. Every guess is
    noted for the report; what cannot be found is left as a placeholder the report names."""
    meta = state.metadata
    agency_fields = meta.setdefault("agency", {})
    if state.agency:
        agency_fields["name"] = state.agency
    elif agency_fields.get("name"):
        agency_fields["name"] = _readable(agency_fields["name"])
    elif running := _agency_in_running_lines(state):
        agency_fields["name"], line = running
        state.note("metadata", line, f"agency guessed from a running header or footer: {running[0]!r}")
    elif named := _agency_in_text(state):
        agency_fields["name"], line = named
        state.note("metadata", line, f"agency guessed from the text (the name it gives most often): {named[0]!r}")
    else:
        agency_fields.update(name="Unidentified department", identified=False)
        state.note(
            "metadata",
            None,
            "no agency named in the original: the draft says 'Unidentified department' "
            "(identified: false); give the name with --agency or edit agency.name",
        )
    if agency_fields.get("identified", True):
        _place_from_name(state, agency_fields)
    document = meta.setdefault("document", {})
    if document.get("title", "").isupper() and "subject" not in document:
        document["subject"] = document.pop("title")  # `SOCIAL MEDIA`: kept as written (never dropped)
    if "title" not in document:
        title = _short_title(document)
        if title:
            document["title"] = title
            state.note("metadata", None, f"short title guessed: {title!r}")
        else:
            document["title"] = "Untitled policy"
            state.note("metadata", None, "no title found: the draft says 'Untitled policy'; edit document.title")


def note_template_brackets(state: ImportState) -> None:
    """Recognises a model template: bracketed blanks and choices in capitals (`[CITY/TOWN]`,
    `[AUTHORIZED/PROHIBITED]`, `[OPTIONAL]`). The draft is imported as a policy with the brackets kept as
    written; the report says how to make it a template."""
    brackets = [match for line in state.lines if line.role == "body" for match in TEMPLATE_BRACKET.findall(line.text)]
    if len(brackets) >= 2:
        examples = ", ".join(list(dict.fromkeys(brackets))[:3])
        state.note(
            "metadata",
            None,
            f"{len(brackets)} bracketed blanks or choices (such as {examples}): if this "
            "is a model template, set `kind: template` and define its options "
            "(source/FIELDS.md); they are kept as written in the draft",
        )


def _agency_in_running_lines(state: ImportState) -> tuple[str, int] | None:
    """`Springfield Police Department` at the top of every page, and the first line it stands on."""
    return next(
        (
            (_readable(line.text), line.number)
            for line, reason in state.furniture
            if reason.startswith("running") and AGENCY.search(line.text) and len(line.text.split()) <= 8
        ),
        None,
    )


def _agency_in_text(state: ImportState) -> tuple[str, int] | None:
    """The agency the body names most often (`the Raymore Police Department`), and the first line naming it."""
    named = [
        (re.sub(r"^(?:The|This|All|Any|Of)\s+", "", f"{m[1].strip()} {m[2]}"), line.number)
        for line in state.lines
        if line.role == "body"
        for m in AGENCY_IN_TEXT.finditer(line.text)
    ]
    names = [name for name, _ in named]
    if not names:
        return None
    most = max(dict.fromkeys(names), key=names.count)
    return most, next(number for name, number in named if name == most)


def _place_from_name(state: ImportState, agency: dict) -> None:
    """City and state from `St. Joseph, Missouri Police Department` or `Kansas City Missouri Police Department`."""
    for key, value in place_of(agency["name"]).items():
        agency.setdefault(key, value)
    if "city" in agency or "state" in agency:
        place = ", ".join(agency[k] for k in ("city", "state") if k in agency)
        state.note("metadata", None, f"place guessed from the agency's name: {place}")


def place_of(name: str) -> dict[str, str]:
    """The `city` and `state` an agency's name gives (`Village of Lisle Police Department`: Lisle)."""
    for state_name in STATES:
        match = re.search(rf"^(?P<city>.*?),?\s+{state_name}\b", name, re.IGNORECASE)
        if match:
            return {"state": state_name} | ({"city": match["city"].strip(", ")} if match["city"] else {})
    match = re.match(r"^(?:(?:City|Town|Village) of\s+)?(?P<city>[A-Z][\w.' -]*?)\s+Police Department$", name)
    if match and not re.search(r"\b(?:County|State)\b", match["city"]):
        return {"city": match["city"]}
    return {}


def _short_title(document: dict) -> str | None:
    """A short title: the subject's last part (`… 261 - Social Media and Networking`), a chapter's title,
    or a title line, written in title case when the original shouts it."""
    chapter = CHAPTER.match(document.get("chapter", ""))
    for source in (document.get("subject"), chapter["title"] if chapter else None, document.get("title")):
        if source:
            part = re.split(r"\s+[–—-]\s+|:\s+", source)[-1].strip()
            if 0 < len(part.split()) <= 8:
                return _readable(part)
    return None


def _readable(text: str) -> str:
    """`SOCIAL NETWORKING` → `Social Networking`; text that is not all capitals is kept as written."""
    if not text.isupper():
        return text
    words = text.lower().split()
    return " ".join(w if i and w in MINOR_WORDS else w[:1].upper() + w[1:] for i, w in enumerate(words))
