"""Rule: list bullets at the start of a line."""

from __future__ import annotations

import re

from .state import ImportState

# A bullet character followed by a space, or standing alone: `- `, `• `, `* `, `▪ `, `o ` before a capital;
# also the glyphs of Word's Symbol and Wingdings bullets as PDFs keep them (U+F0B7 ``, U+F0A7 ``…,
# private-use codes that show as a dot, square, arrow or check) and the usual dingbats.
BULLET = re.compile(
    r"^(?:[-•*▪◦·‣∙●○■□►▸➢➤✓✔❖⁃\uf0b7\uf0a7\uf0d8\uf076\uf0fc\uf06e\uf071\uf0a8]|o(?=\s+[A-Z(]))(?:\s+|$)"
)


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
