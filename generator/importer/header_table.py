"""Rules: a PDF's header table — the box of labelled fields above the policy text (`Date of Issue`,
`Subject`, `Rescinds`, `DISTRIBUTION`, `REVISION DATES`, check boxes for the kind of directive).

`metadata.read_header` reads a header line by line. A table's cells stand at other heights, so a line
of the extracted text mixes cells of several rows (`SUBJECT:  USE OF DEADLY FORCE  A,B`) and a value
may stand under its name or beside it. Here the layout (`read_pdf.Layout`: each cell's left and right
edge, each line's height on the page) says which value is whose: a value stands right of its name on
its line, or below it in its column, and runs on down that column while its lines follow closely.

Then the table, from its first line to its last, is taken out of the body: its values are the draft's
metadata, and each of its lines with other words (field names, check-box captions, a value no field
holds) is kept whole as furniture, listed once in the report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .labels import read_label
from .metadata import DATE, DATE_FIELDS, FIELD_KEYS, FIELD_NAMES_SHOWN, MONTHS, field_key, parse_dates, record
from .state import ImportState, Line

TABLE_FIELDS = ("number", "issued", "effective", "revised")
TABLE_LINES = 40  # a header table stands within the first lines of the first page
TABLE_DEPTH = 90.0  # points below a field name its value may stand (a column of revision dates)
VALUE_BELOW = 3.0  # a name's value stands at most this many font sizes below it
RUNS_ON = 1.7  # a value runs on to a line at most this many font sizes below its last line
PROSE_WORDS = 12  # a cell of more words than this is a sentence of the policy, not a table cell
TEXT_FIELDS = ("subject", "references", "rescinds", "amends", "amends/rescinds", "distribution")
WORD = re.compile(r"[^\W_]+")
STRAY_VALUES = re.compile(r"^[\d\s/.,;-]*$")  # dates of a neighbouring column run into a name's cell
HEADER_TABLE = "header table (field names and boxes; its values are the draft's {fields})"


@dataclass
class Cell:
    """One tab-separated cell of a line, where it stands, and the field names it holds."""

    line: Line
    x0: float
    x1: float
    text: str
    names: list[tuple[str, float, float]] = field(default_factory=list)  # (field, left, right)
    inline: str | None = None  # `KEY: value`: the value after the name, in the same cell

    @property
    def top(self) -> float:
        return self.line.layout.top

    @property
    def size(self) -> float:
        return self.line.layout.size


def read_header_table(state: ImportState) -> None:
    """Recognises a PDF's header table that `read_header` could not read line by line (its cells stand
    at other heights, so the lines mix cells of several rows): each field name cell (`NUMBER`, `Date of
    Issue`, `REVISION DATES`) takes its value from the cell right of it on its line, or from the cells
    below it in its column. Fills only the number and dates not found yet; each is noted with the line
    its value stands on."""
    cells = _table_cells(state)
    for i, (line, x0, x1, text) in enumerate(cells):
        name = FIELD_KEYS.get(field_key(text))
        have = state.metadata.get("dates", {}) if name in DATE_FIELDS else state.metadata.get("document", {})
        if name not in TABLE_FIELDS or name in have:
            continue
        right = cells[i + 1] if i + 1 < len(cells) and cells[i + 1][0] is line else None
        if right and field_key(right[3]) not in FIELD_KEYS and _table_value(name, right[3]):
            record(state, line, name, _table_value(name, right[3]))
            continue
        for below, bx0, bx1, btext in cells[i + 1 :]:
            if below is line or below.layout.page != line.layout.page:
                continue
            if below.layout.top - line.layout.top > TABLE_DEPTH:
                break
            if not (bx0 <= (x0 + x1) / 2 <= bx1 or x0 - 3 <= bx0 <= x1):
                continue  # another column
            if field_key(btext) in FIELD_KEYS:
                break  # the next field's name: this one was left blank
            value = _table_value(name, btext)
            if value:
                record(state, below, name, value)
                if name != "revised":
                    break
            elif name != "revised" or state.metadata.get("dates", {}).get("revised"):
                break


def _table_cells(state: ImportState) -> list[tuple[Line, float, float, str]]:
    """The cells of the first lines of a PDF's first page, in reading order, with their left and right edges."""
    out: list[tuple[Line, float, float, str]] = []
    for line in state.lines[:TABLE_LINES]:
        if line.role not in ("body", "header") or line.layout is None or line.layout.page != 1:
            continue
        texts = line.raw.strip().split("\t")
        if len(texts) != len(line.layout.cells):
            continue
        out += [(line, x0, x1, text.strip()) for (x0, x1), text in zip(line.layout.cells, texts, strict=True)]
    return out


def _table_value(name: str, text: str) -> str:
    """The value a cell gives field `name`: for a date, the dates in it (`DISTRIBUTION 08/01/01` holds
    two dates of a column of revision dates); for the number, a short cell with a digit."""
    if name in DATE_FIELDS:
        return ", ".join(match.group(0) for match in DATE.finditer(text))
    return text if re.search(r"\d", text) and len(text.split()) <= 3 and not parse_dates(text) else ""


def take_header_table(state: ImportState) -> None:
    """Takes a PDF's header table out of the body: reads its subject, references, rescinds, amends and
    distribution by the layout, and makes each of its lines header (furniture when it holds words the
    metadata does not). A table is a run of lines at the top of the first page, before the first line
    that begins the policy text (a labelled line, a heading such as `PURPOSE:`, a sentence), with at
    least two field names, one of them with its value apart from it (below it or in the next cell)."""
    lines = _leading_lines(state)
    cells = [cell for line in lines for cell in _line_cells(line)]
    names = [(cell, name) for cell in cells for name in cell.names]
    if len(names) < 2 or all(cell.inline for cell, _ in names):
        return  # no table: `KEY: value` lines are `read_header`'s
    claimed: dict[int, str] = {}  # id of a value cell → its field
    values: list[tuple[str, list[tuple[Line, str]], bool]] = []  # (field, its lines and texts, written after its name)
    dated: list[tuple[str, list[tuple[Line, str]]]] = []  # the number and dates, for those `read_header_table` missed
    for cell, (name, x0, x1) in names:
        pieces, inline = _value_cells(cell, (x0, x1), cells, claimed)
        for piece in pieces:
            claimed[id(piece)] = name
        texts = ([(cell.line, inline)] if inline else []) + [(piece.line, piece.text) for piece in pieces]
        if name in TEXT_FIELDS and texts:
            values.append((name, texts, bool(inline)))
        elif name in TABLE_FIELDS:
            dated.append((name, texts))
    used = [cell.line for cell in cells if cell.names or id(cell) in claimed]
    table = lines[lines.index(used[0]) : lines.index(used[-1]) + 1]
    if all(line.role == "header" for line in table):
        return
    for name, texts, after_name in values:
        _record_text(state, name, texts, after_name)
    for name, texts in dated:
        have = state.metadata.get("dates", {}) if name in DATE_FIELDS else state.metadata.get("document", {})
        found = [(line, value) for line, text in texts if (value := _table_value(name, text))]
        if name not in have:
            for line, value in found if name == "revised" else found[:1]:
                record(state, line, name, value)
    held = _held_words(state)
    shown = sorted({FIELD_NAMES_SHOWN.get(name, name) for name in _found_fields(state)})
    reason = HEADER_TABLE.format(fields=", ".join(shown) or "none")
    ids = {id(line) for line in table}
    state.furniture = [(line, why) for line, why in state.furniture if id(line) not in ids]
    for line in table:
        line.role = "header"
        if any(word.lower() not in held and not word.isdigit() for word in WORD.findall(line.text)):
            state.furniture.append((line, reason))
    state.grouped_furniture.add(reason)


def _leading_lines(state: ImportState) -> list[Line]:
    """The lines at the top of the first page before the policy text begins."""
    out: list[Line] = []
    for line in state.lines[:TABLE_LINES]:
        if line.role in ("blank", "furniture"):
            continue
        if line.role not in ("body", "header") or line.layout is None or line.layout.page != 1:
            break
        if line.role == "body" and _begins_text(line):
            break
        out.append(line)
    return out


def _begins_text(line: Line) -> bool:
    """`I. PURPOSE`, `PURPOSE:`, or a sentence: the policy text, not a table's cell."""
    found = read_label(line.text)
    if found and found[1]:
        return True
    texts = [text.strip() for text in line.raw.split("\t") if text.strip()]
    if len(texts) == 1 and texts[0].endswith(":") and field_key(texts[0]) not in FIELD_KEYS:
        return True
    return any(len(text.split()) > PROSE_WORDS for text in texts)


def _line_cells(line: Line) -> list[Cell]:
    texts = line.raw.strip().split("\t")
    if len(texts) != len(line.layout.cells):
        return []
    cells = []
    for (x0, x1), text in zip(line.layout.cells, texts, strict=True):
        cell = Cell(line, x0, x1, text.strip())
        cell.names, cell.inline = _names(cell)
        cells.append(cell)
    return cells


def _names(cell: Cell) -> tuple[list[tuple[str, float, float]], str | None]:
    """The field names a cell holds, each with the part of the cell's width it stands on, and the
    value written after a name and colon (`REFERENCES: 720 ILCS 5/7-5`). A cell may hold two names that
    stand close (`DISTRIBUTION REVISION DATES`), or a name and dates of the next column run into it."""
    key, colon, value = cell.text.partition(":")
    if colon and field_key(key) in FIELD_KEYS:
        return [(FIELD_KEYS[field_key(key)], cell.x0, cell.x1)], value.strip()
    words = cell.text.split()
    found: list[tuple[str, int, int]] = []  # (field, first word, last word + 1)
    i = 0
    while i < len(words):
        j = next((j for j in range(len(words), i, -1) if field_key(" ".join(words[i:j])) in FIELD_KEYS), None)
        if j is None:
            break
        found.append((FIELD_KEYS[field_key(" ".join(words[i:j]))], i, j))
        i = j
    if not found or not STRAY_VALUES.match(" ".join(words[i:])):
        return [], None
    width = (cell.x1 - cell.x0) / max(len(cell.text), 1)  # where a name stands: by its characters

    def at(word: int) -> float:
        return cell.x0 + width * len(" ".join(words[:word]))

    return [(name, at(first), at(last)) for name, first, last in found], None


def _value_cells(
    cell: Cell, span: tuple[float, float], cells: list[Cell], claimed: dict[int, str]
) -> tuple[list[Cell], str | None]:
    """The cells holding the value of the name in `cell` standing on `span`: the cell right of it on
    its line, or the first below it in its column; then the cells that carry it on down that column
    while each follows the last closely. A name written with its value (`RESCINDS: NEW`) keeps the
    value, and takes the lines that carry it on."""

    def free(other: Cell) -> bool:
        return not other.names and id(other) not in claimed

    column: tuple[float, float]
    if cell.inline:
        first: Cell | None = None
        column = (cell.x0, cell.x1)
    else:
        after = [c for c in cells if c.line is cell.line and c.x0 > cell.x1]
        right = after[0] if after and free(after[0]) and len(cell.names) == 1 else None
        below = next(
            (
                c
                for c in cells
                if c.top > cell.top
                and c.top - cell.top <= VALUE_BELOW * cell.size
                and c.x0 < span[1]
                and c.x1 > span[0]
                and free(c)
            ),
            None,
        )
        first = right or below
        if first is None:
            return [], None
        column = (first.x0, first.x1)
    pieces = [first] if first else []
    last = first or cell
    left = min(column[0], span[0]) - 3
    for other in cells:
        if other.top <= last.top:
            continue
        if other.top - last.top > RUNS_ON * last.size:
            break
        if other.names and other.x0 < column[1] and other.x1 > column[0]:
            break  # the next field's name in this column
        if free(other) and left <= other.x0 < column[1]:
            pieces.append(other)
            last = other
    return pieces, cell.inline or None


def _record_text(state: ImportState, name: str, texts: list[tuple[Line, str]], inline: bool) -> None:
    """Record a text field's value read from the table, each part noted with the line it starts on. A
    value written after its name (`REFERENCES: G.O. ROC-2, Rules of Conduct, Ad. 1,` over `2, PPCT …`)
    is one value wrapped over lines; a column of references or distribution lists under its name holds
    one item a line, unless a line ends with a comma or hyphen (the item runs on)."""
    items: list[tuple[Line, str]] = []
    for line, text in texts:
        before = items[-1][1] if items else ""
        if items and (inline or name not in ("references", "distribution") or before.endswith((",", "-", "–"))):
            items[-1] = (items[-1][0], f"{before}{text}" if before.endswith("-") else f"{before} {text}")
        else:
            items.append((line, text))
    if name in ("subject", "distribution") and not any(ch.isalpha() for _, item in items for ch in item):
        return  # dates or a number under a subject's name are another column's
    for line, item in items:
        record(state, line, name, item)
        if name != "subject":  # `record` notes the document's fields
            state.note("metadata", line.number, f"{name} read from the header table: {item!r}")


def _held_words(state: ImportState) -> set[str]:
    """The words the draft's metadata holds (a header line of only these need not be kept as furniture)."""
    meta = state.metadata
    parts: list[str] = [str(value) for value in meta.get("document", {}).values()]
    parts += [str(meta.get("agency", {}).get("name", "")), str(meta.get("amends", "")), str(meta.get("rescinds", ""))]
    parts += [str(value) for value in [*meta.get("references", []), *meta.get("distribution", [])]]
    return {word.lower() for part in parts for word in WORD.findall(part)} | MONTHS.keys()


def _found_fields(state: ImportState) -> list[str]:
    """The metadata fields the header gave values, for the report."""
    meta = state.metadata
    found = [name for name in meta.get("document", {})] + [name for name in meta.get("dates", {})]
    return found + [name for name in ("amends", "rescinds", "references", "distribution") if meta.get(name)]
