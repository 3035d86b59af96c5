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

# Paper sizes a Word file can be written on, with one-inch margins (in twips); `DEFAULT_PAPER` unless asked.
PAPERS: dict[str, dict[str, Any]] = {
    "letter": {"name": "US Letter", "width": 12240, "height": 15840, "margin": 1440},
    "a4": {"name": "A4", "width": 11906, "height": 16838, "margin": 1440},
}
DEFAULT_PAPER = "letter"  # the handbook's agencies are American

WORD: dict[str, Any] = {
    "papers": PAPERS,
    "paper": DEFAULT_PAPER,
    "language": "en-US",  # the document's language (spelling, screen readers)
    # Every run's font and size unless a style says otherwise (size in half-points: 24 is 12 pt).
    "font": "Calibri",
    "size": 24,
    "indentPerDepth": 360,  # a quarter inch per level of the outline
    # The paragraph style of each kind of block (by style id; `Normal` when not listed).
    "blockStyles": {
        "title": "Title",
        "note": "Quote",
        "footnote": "FootnoteText",
        **{f"heading-{level}": f"Heading{level - 1}" for level in HEADINGS},
    },
    # The styles both writers define, completely (nothing is left to a library's defaults, so a file
    # looks the same whichever writer made it): Word's own heading styles, so that the headings are
    # navigable (outline levels) and a PDF exported from the file is tagged with them. Sizes in
    # half-points, spacing in twips; `outline` is the outline level (0 for Heading 1); names as Word
    # writes its built-in styles' names.
    "styles": [
        {"id": "Title", "name": "Title", "size": 36, "bold": True, "align": "center", "after": 240},
        *(
            {
                "id": f"Heading{level - 1}",
                "name": f"heading {level - 1}",
                "size": size,
                "bold": True,
                "outline": level - 2,
                "keepNext": True,
                "before": 240,
                "after": 80,
            }
            for level, size in zip(HEADINGS, (32, 28, 26, 24, 24), strict=True)
        ),
        {"id": "Quote", "name": "Quote", "size": 24, "italic": True, "after": 120},
        {"id": "FootnoteText", "name": "footnote text", "size": 20, "after": 60},
    ],
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
