"""Inline structure of policy text: plain words, `{{option-id}}` placeholders and `{{footnote:N}}` marks.

Text is otherwise plain: nothing in it is Markdown or HTML, so renderers escape it as a whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

TOKEN = re.compile(r"\{\{\s*(?:footnote:\s*([A-Za-z0-9]+)|([a-z0-9]+(?:-[a-z0-9]+)*))\s*\}\}")


@dataclass(frozen=True)
class Words:
    """Text as written (from the YAML), never markup: a run of the document structure too (`document.py`)."""

    text: str


@dataclass(frozen=True)
class OptionRef:
    option_id: str


@dataclass(frozen=True)
class FootnoteRef:
    footnote_id: str


Segment = Words | OptionRef | FootnoteRef
# Texts repeat a great deal across agencies (and each is split again by every page showing it), so
# the work per distinct text is kept, for this many of the most recent texts.
CACHED_TEXTS = 1 << 14


@lru_cache(maxsize=CACHED_TEXTS)
def segments(text: str) -> tuple[Segment, ...]:
    """Split one paragraph into words and references, in order (worked out once per text: the
    segments are immutable)."""
    out: list[Segment] = []
    position = 0
    for match in TOKEN.finditer(text):
        if match.start() > position:
            out.append(Words(text[position : match.start()]))
        out.append(FootnoteRef(match.group(1)) if match.group(1) else OptionRef(match.group(2)))
        position = match.end()
    if position < len(text):
        out.append(Words(text[position:]))
    return tuple(out)


def paragraphs(text: str) -> list[str]:
    """Each line of the (parsed) value is a paragraph; runs of spaces fold to one.

    In a YAML folded block (`>-`) wrapped lines are joined and a blank line becomes a line break,
    so a blank line starts a new paragraph; in a literal block (`|-`) each line is one.
    """
    return list(_paragraphs(text))


@lru_cache(maxsize=CACHED_TEXTS)
def _paragraphs(text: str) -> tuple[str, ...]:
    return tuple(" ".join(line.split()) for line in text.splitlines() if line.strip())


def option_refs(text: str) -> list[str]:
    return [m.group(2) for m in TOKEN.finditer(text) if m.group(2)]


def footnote_refs(text: str) -> list[str]:
    return [m.group(1) for m in TOKEN.finditer(text) if m.group(1)]


def as_written(text: str, bracket_of) -> str:
    """The text as the original reads: each `{{option}}` shown as its bracket, footnote marks dropped.

    `bracket_of(option_id)` gives an option's original bracket text.
    """
    plain = _without_options(text)
    if plain is not None:
        return plain
    parts = []
    for segment in segments(text):
        if isinstance(segment, Words):
            parts.append(segment.text)
        elif isinstance(segment, OptionRef):
            parts.append(bracket_of(segment.option_id))
    return " ".join("".join(parts).split())


@lru_cache(maxsize=CACHED_TEXTS)
def _without_options(text: str) -> str | None:
    """`as_written(text, …)` for a text that holds no option (most do), whatever the policy; else None."""
    pieces = segments(text)
    if any(isinstance(segment, OptionRef) for segment in pieces):
        return None
    return " ".join("".join(segment.text for segment in pieces if isinstance(segment, Words)).split())
