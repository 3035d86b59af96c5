"""A drafted policy's lines (`document.lines`) as a Word file, by the table of formats (`formats.WORD`)."""

from __future__ import annotations

import io
from dataclasses import dataclass

from ..document import Line
from .formats import DEFAULT_PAPER, WORD


@dataclass(frozen=True)
class Properties:
    """What the file says about itself (its document properties): the policy's title, the agency that
    adopts it (its author), and the subject both make."""

    title: str
    agency: str = ""

    @property
    def subject(self) -> str:
        return f"{self.agency}: {self.title}" if self.agency else self.title


def docx(lines: list[Line], properties: Properties, paper: str = DEFAULT_PAPER) -> bytes:
    """A Word document: each line a paragraph in its kind's style, indented by its depth, each piece a
    run with its marks' character formats; the paper, the document's defaults (font, size, language)
    and the styles the table defines, completely."""
    import docx as python_docx
    from docx.enum.text import WD_COLOR_INDEX
    from docx.shared import Twips

    document = python_docx.Document()
    core = document.core_properties
    core.title, core.author, core.subject = properties.title, properties.agency, properties.subject
    core.language = WORD["language"]
    core.last_modified_by, core.comments, core.keywords = "", "", ""
    size = WORD["papers"][paper]
    for section in document.sections:
        section.page_width, section.page_height = Twips(size["width"]), Twips(size["height"])
        section.top_margin = section.bottom_margin = Twips(size["margin"])
        section.left_margin = section.right_margin = Twips(size["margin"])
    _defaults(document)
    by_id = {style.style_id: style for style in document.styles}
    for defined in WORD["styles"]:
        by_id[defined["id"]] = _style(document, by_id.get(defined["id"]), defined)
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


def _element(parent, tag: str, **attributes: str):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qn(f"w:{name}"), value)
    parent.append(element)
    return element


def _defaults(document) -> None:
    """The document's defaults as the table says: font, size and language of every run, and no
    spacing of paragraphs but what the styles add (Word's template would add its own)."""
    from docx.oxml.ns import qn

    defaults = document.styles.element.find(qn("w:docDefaults"))
    for child in list(defaults):
        defaults.remove(child)
    run = _element(_element(defaults, "w:rPrDefault"), "w:rPr")
    font = WORD["font"]
    _element(run, "w:rFonts", ascii=font, hAnsi=font, cs=font, eastAsia=font)
    _element(run, "w:sz", val=str(WORD["size"]))
    _element(run, "w:szCs", val=str(WORD["size"]))
    _element(run, "w:lang", val=WORD["language"])
    _element(_element(defaults, "w:pPrDefault"), "w:pPr")


def _style(document, style, defined: dict):
    """The paragraph style `defined` (an entry of the table's `styles`), made or remade completely: none
    of the template's formats (theme fonts and colours, borders) are kept."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor, Twips

    if style is None:
        style = document.styles.add_style(defined["name"], WD_STYLE_TYPE.PARAGRAPH)
        style.style_id = defined["id"]
    element = style.element
    for tag in ("w:pPr", "w:rPr"):
        for old in element.findall(qn(tag)):
            element.remove(old)
    element.find(qn("w:name")).set(qn("w:val"), defined["name"])
    style.base_style = document.styles["Normal"]
    style.hidden, style.unhide_when_used, style.quick_style = False, False, True
    paragraph, font = style.paragraph_format, style.font
    font.size = Pt(defined["size"] / 2)
    font.bold = defined.get("bold", False)
    font.italic = defined.get("italic", False)
    font.color.rgb = RGBColor(0, 0, 0)
    paragraph.space_before = Twips(defined.get("before", 0))
    paragraph.space_after = Twips(defined.get("after", 0))
    paragraph.keep_with_next = defined.get("keepNext", False)
    if defined.get("align") == "center":
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if "outline" in defined:
        _element(element.get_or_add_pPr(), "w:outlineLvl", val=str(defined["outline"]))
    return style
