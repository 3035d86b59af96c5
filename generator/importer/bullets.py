"""Rule: list bullets at the start of a line."""

from __future__ import annotations

import re

from .state import ImportState

# A bullet character followed by a space, or standing alone: `- `, `• `, `* `, `▪ `, `o ` before a capital.
BULLET = re.compile(r"^(?:[-•*▪◦·‣∙]|o(?=\s+[A-Z(]))(?:\s+|$)")


def strip_bullets(state: ImportState) -> None:
    """Recognises a bullet at the start of a line (`- A. Blog …`, `• Road closures`), flags the line as a
    list item and removes the bullet; a line that is only a bullet has no words and counts as blank."""
    for line in state.lines:
        if line.role != "body":
            continue
        match = BULLET.match(line.text)
        if match:
            line.text = line.text[match.end() :].strip()
            line.bullet = True
            if not line.text:
                line.role = "blank"
