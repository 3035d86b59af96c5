"""The one table of how a drafted policy is written as Markdown, as Word, as plain text and as a policy
file of the handbook, for the command line (generator/writers/markdown.py, generator/writers/docx.py,
generator/writers/policy_file.py) and for the page, which receives it as data (in the draft page's
`draft-document.js`) and writes the same files with it (draft.js).

Block kinds are `document.BLOCK_KINDS`; marks are those of `document.Piece`. A Word length is in
twips (a twentieth of a point, 1,440 to the inch).
"""

from __future__ import annotations

import re
from typing import Any

from yaml.resolver import Resolver

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

# The drafted policy as plain text (the original text `handbook adopt` writes beside the policy file,
# which the fidelity check compares it with): a paragraph to a line; a footnote's reference a
# superscript, as in a published original (`map`: each character written as another).
PLAIN_TEXT: dict[str, Any] = {
    "blockSeparator": "\n\n",
    "end": "\n",
    "marks": {"footnote-ref": {"map": dict(zip("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹", strict=True))}},
}

# Characters YAML cannot hold as they are: not printable for libyaml (the C0 and C1 controls, DEL,
# surrogates, the byte order mark, U+FFFE/F), or a line break YAML 1.1 knows beyond \n (NEL, U+2028/9).
_UNPRINTABLE = r"\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff"
# Words YAML 1.1 reads as something else than text when they stand alone unquoted (`yes`, `off`, `null`
# …): the loader's own rules for a scalar starting with a letter, written without the verbose flag's spaces.
_READ_AS_OTHER = sorted(
    {
        re.sub(r"\s+", "", pattern.pattern)
        for first, resolvers in Resolver.yaml_implicit_resolvers.items()
        if first and first.isascii() and first.isalpha()
        for _, pattern in resolvers
    }
)

# A policy file (`source/policies/<slug>.yml`) as `handbook adopt` and the page's "Add to a handbook"
# write it: YAML in block style, a mapping's entries and a sequence's items `indent` deeper than their
# key. A text is written plain when nothing in it can read as YAML's syntax or another type
# (`notPlain` finds what could); a text too long for its line as a folded block (`>-`) wrapped at
# `width` characters when it is words separated by single spaces; a text of several lines as a literal
# block (`|-`); any other text in double quotes, as JSON writes a string (YAML reads JSON's escapes),
# with the characters of `escaped`, which JSON leaves as they are, as `\\uXXXX`. The regular expressions
# mean the same in Python and in JavaScript (with its `u` flag).
POLICY_FILE: dict[str, Any] = {
    "indent": 2,
    "width": 100,
    "comment": "# ",
    "unprintable": f"[{_UNPRINTABLE}]",
    "escaped": r"[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]",
    "notPlain": "|".join([r"^[^A-Za-z]", r": ", r" #", r"[: ]$", f"[{_UNPRINTABLE}]", *_READ_AS_OTHER]),
    # What the answers and the policy's texts are split into words at (and joined with one space): the
    # characters Python's `str.split()` splits at, which JavaScript's `\s` does not all match.
    "whitespace": "[" + "".join(f"\\u{ord(c):04x}" for c in map(chr, range(0x10000)) if c.isspace()) + "]+",
    # A text of the template written as the policy file writes it: a footnote's reference as the reference.
    "marks": {"footnote-ref": {"text": "{{footnote:{text}}}"}},
}

FORMATS = {"markdown": MARKDOWN, "word": WORD, "plainText": PLAIN_TEXT, "policyFile": POLICY_FILE}

assert set(MARKDOWN["prefixes"]) <= set(BLOCK_KINDS) and set(WORD["blockStyles"]) <= set(BLOCK_KINDS)
