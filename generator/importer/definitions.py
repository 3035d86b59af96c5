"""Rule: a definitions section — `Term: definition`, `Term – definition`, `Term—definition`, `"Term" means
definition`, and a definitions table (the term in one column of a PDF, its definition in the next)."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from .state import ImportState, Line, Node

SECTION_WORDS = ("definitions", "definition", "terminology", "glossary")
SECTION_PHRASE = re.compile(r"\bdefined terms\b", re.IGNORECASE)
MAX_SECTION_WORDS = 4
# `Term: text`, `Term – text`, `Term - text`, `Term—text` (an em or en dash needs no spaces), and
# `"Term" means text` / `Term means text` (the words `means`/`shall mean`/`is defined as` stay in the text).
DEFINITION = re.compile(r"^(?P<term>[^:–—]+?)(?::\s+|\s+[–—-]\s+|\s*[–—]\s*)(?P<text>\S.*)$", re.DOTALL)
MEANS = re.compile(
    r"^(?P<term>[\"“][^\"”]{1,60}[\"”]|[A-Z][\w'’/-]*(?:\s+[\w'’/-]+){0,4}?)\s+"
    r"(?P<text>(?:means|shall mean|is defined as|refers to|includes)\b.*)$",
    re.DOTALL,
)
# `Watch Command Officer-The command officer…`: a hyphen without spaces, read only when no other form
# is there (so `Officer-Involved Death – Any death…` splits at its dash) and the term is a title.
HYPHEN = re.compile(r"^(?P<term>[A-Z][^-]*?[a-z])-(?P<text>[A-Z][a-z]*\s.*)$", re.DOTALL)
# `"Caravanning" means …` outside a definitions section: a definition the import did not make one.
QUOTED_MEANS = re.compile(r"^[\"“][^\"”]{1,60}[\"”]\s+(?:means|shall mean|is defined as)\b")
MAX_TERM_WORDS = 6
TABLE_HEADINGS = ({"term", "terms", "word", "words"}, {"definition", "definitions", "meaning", "description"})
COLUMN_SLACK = 4.0  # points: text this close to a column's left edge stands in that column
MINOR_WORDS = {"a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with", "&"}


def remove_table_headings(state: ImportState) -> None:
    """Recognises the column headings of a definitions table (`TERM` over the terms, `DEFINITION` over
    their definitions): kept out of the body, like other page furniture."""
    for line in state.lines:
        cells = [cell.strip().lower() for cell in line.text.split("\t")]
        if line.role == "body" and len(cells) == 2 and all(c in words for c, words in zip(cells, TABLE_HEADINGS)):
            state.remove_as_furniture(line, "column headings of a definitions table")


def split_definitions(state: ImportState) -> None:
    """Recognises the definitions under a heading like `DEFINITIONS` or `TERMINOLOGY` (misspelled too:
    `DEFFINITIONS`): each item or unlabelled paragraph that reads `Term: definition`, or that stands in
    a definitions table, becomes a definition with that term. Definitions are compared by the glossary,
    so they are not compared by topic. What reads like a definition and is not made one is noted."""
    sections: set[int] = set()
    for node in state.nodes():
        if node.heading and is_section(node.heading):
            sections.add(id(node))
            _definitions_under(state, node)
    for node in state.nodes():
        if id(node) not in sections and not node.term:
            _note_definition_elsewhere(state, node)


def is_section(heading: str) -> bool:
    words = re.findall(r"[A-Za-z]+", heading.lower())
    if not words or len(words) > MAX_SECTION_WORDS:
        return False
    if SECTION_PHRASE.search(heading):
        return True
    return any(SequenceMatcher(None, word, name).ratio() >= 0.9 for word in words for name in SECTION_WORDS)


def _definitions_under(state: ImportState, section: Node) -> None:
    section.comparable = False
    table = _table_columns(state, section)
    first = next(
        (i for i, start in enumerate(section.starts) if _term_of(state, start, section.paragraphs[i], table)), None
    )
    if first is not None and len(section.starts) == len(section.paragraphs):
        # the section's own paragraphs, from the first definition on, are its items
        section.children[:0] = _split_off(section, first)
    for child in section.children:
        if child.term:
            continue
        start = child.starts[0] if child.starts else None
        found = _term_of(state, start, child.paragraphs[0], table) if child.paragraphs else None
        if found:
            child.term, child.paragraphs[0] = found
            child.comparable = False
        else:
            state.note(
                "definitions",
                child.lines[0] if child.lines else None,
                f"{_start(child)} is in the definitions section but has no `Term: definition` form: "
                "kept as a provision of its own (if it goes on with the definition above, join it to that one)",
            )


def _split_off(section: Node, first: int) -> list[Node]:
    """The section's paragraphs from `first` on, each a provision of its own with the lines (and the
    words joined across a hyphen) it was read from."""
    starts = section.starts[first:]
    ends = [*starts[1:], max(section.lines, default=0) + 1]
    items = []
    for paragraph, start, end in zip(section.paragraphs[first:], starts, ends, strict=True):
        inside = [n for n in section.lines if start <= n < end]
        items.append(
            Node(
                paragraphs=[paragraph],
                starts=[start],
                lines=inside,
                joins=[join for join in section.joins if join.line in inside],
            )
        )
    taken = {n for item in items for n in item.lines}
    section.lines = [n for n in section.lines if n not in taken]
    section.joins = [join for join in section.joins if join.line not in taken]
    del section.paragraphs[first:], section.starts[first:]
    return items


def _term_of(state: ImportState, start: int | None, text: str, table: float | None) -> tuple[str, str] | None:
    """The term and definition of a paragraph: from the table's columns where its first line is a row of
    a definitions table, else from the way it is written."""
    line = _line(state, start)
    if line is not None and table is not None:
        term = _cell_term(line, table)
        if term:
            written = " ".join(term.split())
            if text.startswith(written):
                return written.rstrip(":").rstrip(), text[len(written) :].strip()
    return split_term(text)


def _line(state: ImportState, number: int | None) -> Line | None:
    if number is None or not 0 < number <= len(state.lines):
        return None
    line = state.lines[number - 1]
    return line if line.number == number else None


def _table_columns(state: ImportState, section: Node) -> float | None:
    """Where the definitions column of a definitions table in the section starts (points from the
    page's left), if there is one: rows of two cells, a term beside its definition, whose definitions
    start at one place, or whose wrapped lines go on at the place their definition started."""
    rows: list[float] = []
    for node in (section, *section.children):
        for start in node.starts:
            line = _line(state, start)
            if line is not None and _cell_term(line, None):
                column = line.layout.cells[1][0]
                wrapped = [_line(state, n) for n in node.lines if n > start]
                follows = next((other for other in wrapped if other is not None and other.layout), None)
                if follows is not None and abs(follows.layout.x - column) <= COLUMN_SLACK:
                    return column
                rows.append(column)
    for column in rows:
        if sum(1 for other in rows if abs(other - column) <= COLUMN_SLACK) >= 2:
            return column
    return None


def starts_table_row(line: Line) -> bool:
    """Whether a PDF line is a row of a definitions table (a term, then its definition in a column of
    its own): it starts a paragraph, whatever the line above."""
    return _cell_term(line, None) is not None


def _cell_term(line: Line, column: float | None) -> str | None:
    """The term in the first cell of a PDF line of two cells (`Deadly Force` | `Any response…`), when
    it reads as a term and (given `column`) the second cell starts in the definitions column."""
    layout = line.layout
    if layout is None or len(layout.cells) != 2:
        return None
    if column is not None and abs(layout.cells[1][0] - column) > COLUMN_SLACK:
        return None
    cells = (line.rest if line.label else line.text).split("\t")
    if len(cells) != 2 or not cells[1].strip():
        return None
    term = cells[0].strip()
    words = term.rstrip(":").split()
    if not words or len(words) > MAX_TERM_WORDS or not _title(term.rstrip(":")) or term.endswith((".", ",", ";")):
        return None
    return term


def split_term(text: str) -> tuple[str, str] | None:
    """`Blog - A series of entries…` → (`Blog`, `A series of entries…`); None when it is no definition."""
    match = DEFINITION.match(text) or MEANS.match(text)
    hyphen = None if match else HYPHEN.match(text)
    if hyphen and len(hyphen["term"].split()) > 1 and _title(hyphen["term"]):  # `Self-Defense is…`: a compound
        match = hyphen
    if not match:
        return None
    term = match["term"].strip().strip('"“”')
    if len(term.split()) > MAX_TERM_WORDS or not term[:1].isupper() or re.search(r"[.;,]\s", term):
        return None
    return term, match["text"].strip()


def _title(text: str) -> bool:
    """`Watch Command Officer`, `Trail or Trailing`: each word capitalised but the small ones."""
    return all(word[:1].isupper() or word.lower() in MINOR_WORDS for word in text.split())


def _note_definition_elsewhere(state: ImportState, node: Node) -> None:
    """`"Caravanning" means …` in a section not headed as definitions: the report lists it, so a person
    can make it a definition (or leave it text)."""
    for paragraph, start in zip(node.paragraphs, node.starts):
        if QUOTED_MEANS.match(paragraph):
            state.note(
                "definitions",
                start,
                f"{_quote(paragraph)} reads like a definition but is not in a definitions section: "
                "kept as text (give it a `term` if it defines one)",
            )


def _start(node: Node) -> str:
    return _quote(" ".join(node.paragraphs) or node.heading or "")


def _quote(text: str) -> str:
    return repr(text[:60] + ("…" if len(text) > 60 else ""))
