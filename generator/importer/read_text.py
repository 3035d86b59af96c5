"""Reader for plain text (`.txt`, e.g. copied out of a PDF): one `Line` per line of the original."""

from __future__ import annotations

from .state import ImportState, Line


def read_text(source: str) -> ImportState:
    """The state for a plain-text original: its lines, blank ones marked, nothing else interpreted yet."""
    state = ImportState(source=source, format="txt")
    for number, raw in enumerate(source.splitlines(), start=1):
        state.lines.append(plain_line(number, raw))
    return state


def plain_line(number: int, raw: str) -> Line:
    text = raw.strip()
    expanded = raw.expandtabs(4)
    return Line(
        number=number,
        raw=raw,
        text=text,
        indent=len(expanded) - len(expanded.lstrip()),
        role="body" if text else "blank",
    )
