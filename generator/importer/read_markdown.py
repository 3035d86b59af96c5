"""Reader for Markdown (`.md`): markdown-it-py parses it; each source line becomes one `Line` of plain text.

The rules after it see what the Markdown means rather than its syntax: emphasis marks are gone, an
ordered-list item's number is written back as its label (`3.`, `3)`), a bullet item is flagged as one,
headings carry their level, table rows become tab-separated cells (as a header table copied from a PDF
would be), and the lines of one paragraph are marked as continuing each other.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.token import Token

from .read_text import plain_line
from .state import ImportState, Line

VERBATIM_BLOCKS = ("fence", "code_block", "html_block")


def read_markdown(source: str) -> ImportState:
    """The state for a Markdown original: one line per source line, interpreted by markdown-it."""
    raw_lines = source.splitlines()
    parsed: dict[int, Line] = {}
    _Walker(raw_lines, parsed).walk(MarkdownIt("commonmark").enable("table").parse(source))
    state = ImportState(source=source, format="md")
    for number, raw in enumerate(raw_lines, start=1):
        # A line markdown-it made nothing of (a link reference definition, say) keeps its words.
        line = parsed.get(number) or plain_line(number, raw)
        if not any(ch.isalnum() for ch in line.text):
            line.role = "blank"  # rules, table separators: no words
        state.lines.append(line)
    return state


class _Walker:
    """Walks the token stream, remembering the list item and table row it is in."""

    def __init__(self, raw_lines: list[str], parsed: dict[int, Line]):
        self.raw_lines, self.parsed = raw_lines, parsed
        self.pending_label = ""  # an ordered item's number, for the first line of its first paragraph
        self.written_label = ""  # that number as the source writes it, when Markdown shows another
        self.numbers: list[int] = []  # the next item's number, for each open list
        self.item_line = 0  # the line the current list item starts on
        self.bullet = False
        self.depth = 0  # list nesting
        self.heading = 0
        self.row: list[str] | None = None  # the cells of the table row being read
        self.row_line = 0

    def walk(self, tokens: list[Token]) -> None:
        for token in tokens:
            handler = getattr(self, f"_{token.type}", None)
            if handler:
                handler(token)
            elif token.type in VERBATIM_BLOCKS and token.map:
                start, end = token.map
                self._verbatim(token, start, end)

    def _bullet_list_open(self, token):
        self.depth += 1
        self.numbers.append(int(token.attrGet("start") or 1))

    _ordered_list_open = _bullet_list_open

    def _bullet_list_close(self, token):
        self.depth -= 1
        self.numbers.pop()

    _ordered_list_close = _bullet_list_close

    def _list_item_open(self, token):
        ordered = token.markup in (".", ")")
        self.bullet = not ordered
        self.pending_label = self.written_label = ""
        self.item_line = token.map[0] + 1 if token.map else 0
        if ordered:  # Markdown numbers the items itself: `1.` `1.` `1.` shows as 1, 2, 3
            shown, self.numbers[-1] = self.numbers[-1], self.numbers[-1] + 1
            self.pending_label = f"{shown}{token.markup}"
            if str(shown) != token.info:
                self.written_label = f"{token.info}{token.markup}"

    def _list_item_close(self, token):
        if self.pending_label and self.item_line:  # an empty item: its number alone
            self._emit_item_start(self.item_line, "")
        self.pending_label = self.written_label = ""
        self.bullet = False

    def _heading_open(self, token):
        self.heading = int(token.tag[1:])

    def _heading_close(self, token):
        self.heading = 0

    def _tr_open(self, token):
        self.row, self.row_line = [], token.map[0] + 1 if token.map else 0

    def _tr_close(self, token):
        if self.row_line:
            self._emit(self.row_line, "\t".join(self.row or []), continues=False)
        self.row = None

    def _inline(self, token: Token) -> None:
        texts = inline_lines(token.children or [])
        if self.row is not None:
            self.row.append(" ".join(texts))
            return
        first = token.map[0] + 1 if token.map else 0
        for offset, text in enumerate(texts):
            if offset == 0 and self.pending_label:
                self._emit_item_start(first, text)
            else:
                self._emit(first + offset, text, continues=offset > 0)
        self.pending_label = self.written_label = ""
        self.bullet = False

    def _emit_item_start(self, number: int, text: str) -> None:
        """The first line of an ordered item: its number as Markdown shows it, then its text."""
        self._emit(number, f"{self.pending_label} {text}", continues=False)
        if self.written_label and number in self.parsed:
            self.parsed[number].label_written = self.written_label

    def _emit(self, number: int, text: str, continues: bool) -> None:
        if not 1 <= number <= len(self.raw_lines):
            return
        raw = self.raw_lines[number - 1]
        self.parsed[number] = Line(
            number=number,
            raw=raw,
            text=re.sub(r" +", " ", text).strip(),
            indent=2 * max(self.depth - 1, 0),
            bullet=self.bullet and not continues,
            continues=continues,
            heading=self.heading,
            role="body" if text.strip() else "blank",
        )

    def _verbatim(self, token: Token, start: int, end: int) -> None:
        """The lines of a code or HTML block (markdown-it's `map`: `start` to `end`, 0-based, end excluded)
        as plain lines; a fence's own lines are left out."""
        for number in range(start + 1, end + 1):
            raw = self.raw_lines[number - 1]
            if token.type == "fence" and raw.strip().startswith(token.markup):
                continue
            self.parsed[number] = plain_line(number, raw)


def inline_lines(children: list[Token]) -> list[str]:
    """The plain text of an inline token, one string per source line (soft and hard breaks split)."""
    lines: list[str] = []
    current: list[str] = []  # the pieces of the source line being read
    links: list[str] = []  # the addresses of the links open around it
    for child in children:
        if child.type in ("softbreak", "hardbreak"):
            lines.append("".join(current))
            current = []
        elif child.type in ("text", "code_inline", "html_inline") or child.type == "image":
            current.append(child.content)
        elif child.type == "link_open":
            links.append(str(child.attrGet("href") or ""))  # markdown-it allows numbers; an href is text
            current.append("")
        elif child.type == "link_close" and links:
            href = links.pop()
            shown = "".join(current).strip()
            if href and not shown.endswith(href):
                current.append(f" ({href})")  # the address is part of what the original says
    lines.append("".join(current))
    return lines
