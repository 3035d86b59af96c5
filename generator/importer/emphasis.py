"""Rule (plain text only): emphasis marks that PDF-to-text converters leave around bold or italic words."""

from __future__ import annotations

import re

from .state import ImportState

# A run of asterisks attached to a word on either side: `**any**`, `Blog**`, `*Chat:***`, `1)**`.
ATTACHED_ASTERISKS = re.compile(r"(?<=\S)\*+|\*+(?=\S)")


def strip_emphasis(state: ImportState) -> None:
    """Recognises asterisk runs attached to words (`**any**`, `Blog**`, `*Chat:***`) and removes them:
    the words are the policy's, the marks are formatting. Underscores stay: in policies a run of them
    is a blank to fill in (`this ____ day of`), not emphasis."""
    if state.format != "txt":
        return  # Markdown emphasis is read by markdown-it
    for line in state.lines:
        if line.role == "body":
            line.text = ATTACHED_ASTERISKS.sub("", line.text).strip()
            if not line.text:
                line.role = "blank"  # nothing but marks
