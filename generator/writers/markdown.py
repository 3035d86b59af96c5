"""A drafted policy's lines (`document.lines`) as Markdown, by the table of formats (`formats.MARKDOWN`)."""

from __future__ import annotations

from ..document import Line
from .formats import MARKDOWN


def markdown(lines: list[Line]) -> str:
    """Each line a paragraph: its kind's prefix, its text escaped, its marks written as the table says."""
    return MARKDOWN["blockSeparator"].join(_line(line) for line in lines) + MARKDOWN["end"]


def _line(line: Line) -> str:
    marks = MARKDOWN["marks"]
    out = [MARKDOWN["prefixes"].get(line.kind, "")]
    wrapped: list[str] = []  # the wrapping marks open, innermost last
    for piece in line.pieces:
        if not piece.text:
            continue
        wanted = [m for m in piece.marks if "wrap" in marks.get(m, {})]
        while wrapped and wrapped[-1] not in wanted:
            out.append(marks[wrapped.pop()]["wrap"])
        for mark in wanted:
            if mark not in wrapped:
                wrapped.append(mark)
                out.append(marks[mark]["wrap"])
        replaced = next((marks[m]["text"] for m in piece.marks if "text" in marks.get(m, {})), None)
        out.append(replaced.replace("{text}", piece.text) if replaced is not None else _escaped(piece.text))
    out += [marks[m]["wrap"] for m in reversed(wrapped)]
    return "".join(out)


def _escaped(text: str) -> str:
    return "".join("\\" + c if c in MARKDOWN["escaped"] else c for c in text)
