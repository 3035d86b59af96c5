"""Reader for Word originals (`.docx`, python-docx): the document's paragraphs and tables as lines of text.

Word stores a list's numbers and bullets as numbering definitions, not as text: the label a reader sees
(`1.`, `(a)`, `•`) is worked out here from those definitions, the way Word counts (per list and level,
restarting deeper levels), and written at the start of the line. A table's rows become lines with their
cells separated by tabs, as a header table copied out of a PDF reads. The text made here is stored beside
the Word file in `source/originals/` (the draft's `original`): it is what the fidelity check reads.
"""

from __future__ import annotations

import zipfile
from io import BytesIO

from .labels import roman_numeral
from .limits import Unreadable

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def extract_docx(data: bytes) -> str:
    """The text of a Word document, one line per paragraph or table row, list labels written out."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise Unreadable(
            f"it is not a Word document that can be read ({type(exc).__name__}); open it in Word or "
            "LibreOffice and save it as .docx again, or as PDF"
        ) from None
    formats = _numbering_formats(document)
    styles = {style.get(f"{W}styleId"): style for style in document.styles.element.iter(f"{W}style")}
    counters: dict[tuple[str, int], int] = {}
    lines: list[str] = []
    for element in document.element.body.iterchildren():
        if element.tag == f"{W}p":
            lines.append(_paragraph(element, formats, counters, styles))
        elif element.tag == f"{W}tbl":
            for row in element.iter(f"{W}tr"):
                cells = [" ".join(_text(p) for p in cell.iter(f"{W}p")).strip() for cell in row.iter(f"{W}tc")]
                lines.append("\t".join(cells).rstrip())
            lines.append("")
    text = "\n".join(lines).strip("\n") + "\n"
    if not any(ch.isalpha() for ch in text):
        raise Unreadable("it has no text (only images?); export it as PDF, run OCR on it, and import that")
    return text


def _text(paragraph) -> str:
    parts = []
    for node in paragraph.iter(f"{W}t", f"{W}tab", f"{W}br"):
        parts.append(node.text or "" if node.tag == f"{W}t" else " ")
    return "".join(parts)


def _paragraph(element, formats: dict, counters: dict[tuple[str, int], int], styles: dict) -> str:
    text = _text(element).rstrip()
    number = element.find(f"{W}pPr/{W}numPr")
    style = element.find(f"{W}pPr/{W}pStyle")
    seen = 0
    while number is None and style is not None and seen < 10:  # numbered by its style (`List Number`)
        definition = styles.get(style.get(f"{W}val"))
        if definition is None:
            break
        number = definition.find(f"{W}pPr/{W}numPr")
        style, seen = definition.find(f"{W}basedOn"), seen + 1
    if number is None or not text.strip():
        return text
    num_id = number.find(f"{W}numId")
    level_element = number.find(f"{W}ilvl")
    num = num_id.get(f"{W}val") if num_id is not None else None
    level = int(level_element.get(f"{W}val")) if level_element is not None else 0
    if num is None or (num, level) not in formats:
        return text
    for key in [key for key in counters if key[0] == num and key[1] > level]:
        del counters[key]  # a deeper level restarts after an item of this one
    counters[(num, level)] = counters.get((num, level), formats[(num, level)][2] - 1) + 1
    kind, pattern, _ = formats[(num, level)]
    if kind == "bullet":
        label = "•"
    else:
        label = pattern
        for depth in range(level + 1):
            value = counters.get((num, depth), 1)
            depth_kind = formats.get((num, depth), ("decimal", "", 1))[0]
            label = label.replace(f"%{depth + 1}", _number(value, depth_kind))
    return f"{'    ' * level}{label} {text.strip()}" if label.strip() else text


def _number(value: int, kind: str) -> str:
    if kind == "lowerLetter":
        return chr(ord("a") + (value - 1) % 26)
    if kind == "upperLetter":
        return chr(ord("A") + (value - 1) % 26)
    if kind == "lowerRoman":
        return roman_numeral(value).lower()
    if kind == "upperRoman":
        return roman_numeral(value)
    return str(value)


def _numbering_formats(document) -> dict[tuple[str, int], tuple[str, str, int]]:
    """For each (list id, level): the number format (`decimal`, `lowerLetter`, `bullet`…), the label's
    pattern (`%1.`, `(%2)`) and the number it starts at."""
    try:
        numbering = document.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return {}
    abstract = {}
    for definition in numbering.iter(f"{W}abstractNum"):
        levels = {}
        for level in definition.iter(f"{W}lvl"):
            fmt = level.find(f"{W}numFmt")
            text = level.find(f"{W}lvlText")
            start = level.find(f"{W}start")
            levels[int(level.get(f"{W}ilvl"))] = (
                fmt.get(f"{W}val") if fmt is not None else "decimal",
                text.get(f"{W}val") if text is not None else "",
                int(start.get(f"{W}val")) if start is not None else 1,
            )
        abstract[definition.get(f"{W}abstractNumId")] = levels
    formats = {}
    for num in numbering.iter(f"{W}num"):
        reference = num.find(f"{W}abstractNumId")
        if reference is None:
            continue
        for level, fmt in abstract.get(reference.get(f"{W}val"), {}).items():
            formats[(num.get(f"{W}numId"), level)] = fmt
    return formats
