"""Rule (plain text only): emphasis marks that PDF-to-text converters leave around bold or italic words."""

from __future__ import annotations

import re

from .state import ImportState

# A run of asterisks attached to a word on either side: `**any**`, `Blog**`, `*Chat:***`, `1)**`.
ATTACHED_ASTERISKS = re.compile(r"(?<=\S)\*+|\*+(?=\S)")


def _mark_or_word(match: re.Match) -> str:
    """A run with a letter or digit on both sides is part of the words (`7*7`, `a*b`):
    it stays; any other attached run is an emphasis mark and goes."""
    text, start, end = match.string, match.start(), match.end()
    inside = start > 0 and end < len(text) and text[start - 1].isalnum() and text[end].isalnum()
    return match[0] if inside else ""


def strip_emphasis(state: ImportState) -> None:
    """Recognises asterisk runs attached to words (`**any**`, `Blog**`, `*Chat:***`) and removes them:
    the words are the policy's, the marks are formatting. A run inside a word (`7*7`) is the original's
    and stays. Underscores stay: in policies a run of them is a blank to fill in (`this ____ day of`),
    not emphasis."""
    if state.format != "txt":
        return  # Markdown emphasis is read by markdown-it
    for line in state.lines:
        if line.role == "body":
            line.text = ATTACHED_ASTERISKS.sub(_mark_or_word, line.text).strip()
            if not line.text:
                line.role = "blank"  # nothing but marks
