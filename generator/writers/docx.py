"""A drafted policy's lines (`document.lines`) as a Word file, by the table of formats (`formats.WORD`)."""

from __future__ import annotations

import io

from ..document import Line
from .formats import WORD


def docx(lines: list[Line], title: str) -> bytes:
    """A Word document: each line a paragraph in its kind's style, indented by its depth, each piece a
    run with its marks' character formats; the page size and the styles the table defines."""
    import docx as python_docx
    from docx.enum.text import WD_COLOR_INDEX
    from docx.shared import Twips

    document = python_docx.Document()
    document.core_properties.title = title
    page = WORD["page"]
    for section in document.sections:
        section.page_width, section.page_height = Twips(page["width"]), Twips(page["height"])
        section.top_margin = section.bottom_margin = Twips(page["margin"])
        section.left_margin = section.right_margin = Twips(page["margin"])
    by_id = {style.style_id: style for style in document.styles}
    for defined in WORD["styles"]:
        style = by_id[defined["id"]]
        style.base_style = by_id[defined["basedOn"]]
        style.font.italic = defined.get("italic") or None
    for line in lines:
        paragraph = document.add_paragraph()
        style_id = WORD["blockStyles"].get(line.kind)
        if style_id:
            paragraph.style = by_id[style_id]
        paragraph.paragraph_format.left_indent = Twips(WORD["indentPerDepth"] * line.depth)
        for piece in line.pieces:
            if not piece.text:
                continue
            run = paragraph.add_run(piece.text)
            formats = [WORD["marks"][m] for m in piece.marks if m in WORD["marks"]]
            run.bold = any(f.get("bold") for f in formats) or None
            run.italic = any(f.get("italic") for f in formats) or None
            run.font.superscript = any(f.get("superscript") for f in formats) or None
            highlight = next((f["highlight"] for f in formats if "highlight" in f), None)
            if highlight:
                run.font.highlight_color = getattr(WD_COLOR_INDEX, highlight.upper())
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
