"""The one table of how a drafted policy is written as Markdown and as Word, for the command line
(generator/writers/markdown.py, generator/writers/docx.py) and for the page, which receives it as data
(in the draft page's `#draft-data`) and writes the same files with it (draft.js).

Block kinds are `document.BLOCK_KINDS`; marks are those of `document.Piece`. A Word length is in
twips (a twentieth of a point, 1,440 to the inch).
"""

from __future__ import annotations

from typing import Any

from ..document import BLOCK_KINDS, MAX_HEADING_LEVEL

HEADINGS = range(2, MAX_HEADING_LEVEL + 1)

MARKDOWN: dict[str, Any] = {
    # Characters of the text escaped with a backslash: nothing typed or written is read as Markdown.
    "escaped": "\\`*_[]<>",
    "blockSeparator": "\n\n",
    "end": "\n",
    # What a block starts with.
    "prefixes": {"title": "# ", "note": "> ", **{f"heading-{level}": "#" * level + " " for level in HEADINGS}},
    # `wrap`: written before and after a stretch of text with the mark; `text`: what the text is written
    # as instead of itself (`{text}` stands for it).
    "marks": {
        "strong": {"wrap": "**"},
        "term": {"wrap": "*"},
        "footnote-ref": {"text": "[^{text}]"},
        "footnote-mark": {"text": "[^{text}]:"},
    },
}

WORD: dict[str, Any] = {
    # US Letter with one-inch margins: the handbook's agencies are American.
    "page": {"width": 12240, "height": 15840, "margin": 1440},
    "indentPerDepth": 360,  # a quarter inch per level of the outline
    # The paragraph style of each kind of block (by style id; `Normal` when not listed).
    "blockStyles": {
        "title": "Title",
        "note": "Quote",
        **{f"heading-{level}": f"Heading{level - 1}" for level in HEADINGS},
    },
    # Styles the writers define, so that a file looks the same whichever writer made it.
    "styles": [{"id": "Quote", "name": "Quote", "basedOn": "Normal", "italic": True}],
    # Character formats of marks.
    "marks": {
        "strong": {"bold": True},
        "term": {"italic": True},
        "blank": {"highlight": "yellow"},
        "footnote-ref": {"superscript": True},
        "footnote-mark": {"superscript": True},
    },
}

FORMATS = {"markdown": MARKDOWN, "word": WORD}

assert set(MARKDOWN["prefixes"]) <= set(BLOCK_KINDS) and set(WORD["blockStyles"]) <= set(BLOCK_KINDS)
