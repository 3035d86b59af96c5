"""Reader for PDF originals: the text layer, laid out in lines as the page shows them (PDFium, by pypdfium2).

PDFium (Chrome's PDF engine, compiled) parses the pages and gives each character with its box, font size
and font; it reads a page whose every word is a clipped text object of its own in a tenth of the time the
pure-Python pdfminer.six took. Its characters are joined here into pieces of text as pdfminer joined them
(`_pieces`: each near the one before on its line, a space where the gap is wider than a tenth of a
character), and the pieces regrouped by their position (`page_lines`), not by a reading order (which puts
a column of list labels `(e)`, `(f)`, `(g)` before the paragraphs they number, and the cells of a header
table one under the other): pieces on the same baseline of a page make one line, left to right, with one
space after a label and a tab between cells far apart (a table's columns). Each line keeps where it stood
(`Layout`: page, left edge, font size, bold), for the rules that use the layout.

The text made here is stored beside the PDF in `source/originals/` (the draft's `original`): it is what
the fidelity check reads the words of. Nothing is downloaded and no OCR is run: a PDF without a usable
text layer is refused with what the user can do.
"""

from __future__ import annotations

import ctypes
import itertools
import math
import re
from dataclasses import dataclass

from .labels import read_label
from .limits import MAX_PAGES, Unreadable

CID = re.compile(r"\(cid:\d+\)")
CELL_GAP = 3.0  # a horizontal gap wider than this many character widths separates table cells
MIN_CHARS_PER_PAGE = 20  # fewer letters than this on average: pages are images (a scan)
FONT_NAME = 128  # bytes of a font's name read (enough to see "Bold" in it)


@dataclass
class Layout:
    """Where a line of the extracted text stood on its page."""

    page: int
    x: float  # left edge, in points from the page's left
    size: float  # font size of its first character
    bold: bool  # most of its characters are in a bold font
    top: float  # distance from the page's top, in points
    cells: tuple[tuple[float, float], ...] = ()  # left and right edge of each tab-separated cell of the line
    height: float = 792.0  # the page's height, in points


@dataclass
class Extracted:
    text: str
    layouts: list[Layout | None]  # one per line of `text` (None: a blank line)
    pages: int  # how many pages were read


@dataclass(frozen=True)
class Bookmark:
    """An entry of the PDF's outline (its bookmarks) and where it points."""

    level: int  # 1: top level
    title: str
    page: int | None  # 1-based; None when its destination is not a page of the document
    top: float | None = None  # points from the page's top the destination shows, when it says


class OpenedPdf:
    """A PDF opened once (PDFium reads its cross-reference table and page tree), then pages read on demand."""

    def __init__(self, data: bytes) -> None:
        import pypdfium2 as pdfium
        import pypdfium2.raw as pdfium_c

        try:
            self.document = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            if exc.err_code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
                raise Unreadable(
                    "the PDF is encrypted with a password; open it, save an unprotected copy, and import that"
                ) from None
            raise _damaged(exc) from None
        self.pages = range(1, len(self.document) + 1)  # their numbers, 1-based

    def lines(self, number: int) -> list[tuple[str, Layout]]:
        """The lines of page `number` (1-based) with their layouts."""
        import pypdfium2 as pdfium

        try:
            page = self.document[number - 1]
            left, bottom, _, top = page.get_mediabox()
            return page_lines(_pieces(page.get_textpage(), left, top), number, top - bottom)
        except pdfium.PdfiumError as exc:
            raise _damaged(exc) from None

    def extract(self, chosen: range, which: str = "it") -> Extracted:
        """The text of the `chosen` pages (1-based; lines keep their page's number), one line per baseline,
        and each line's layout. The page limit applies to the pages chosen, checked before any is read."""
        if len(chosen) > MAX_PAGES:
            raise Unreadable(page_limit_refusal(len(chosen), which))
        if chosen and not (1 <= chosen[0] and chosen[-1] <= len(self.pages)):
            raise Unreadable(f"it has {len(self.pages)} pages: pages {chosen[0]}-{chosen[-1]} are not all in it")
        lines: list[str] = []
        layouts: list[Layout | None] = []
        for number in chosen:
            if lines:
                lines.append("")
                layouts.append(None)
            for text, layout in self.lines(number):
                lines.append(text)
                layouts.append(layout)
        text = "\n".join(lines) + "\n"
        _check_text(text, len(chosen))
        return Extracted(text, layouts, len(chosen))


def page_limit_refusal(pages: int, which: str = "it") -> str:
    return (
        f"{which} has {pages} pages, more than the {MAX_PAGES} one policy may have (a manual of many policies?); "
        "import it one policy at a time: `handbook import FILE --list` lists the policies a manual holds, "
        "`--policy NUMBER` imports one, `--all` each; or save each policy's pages as a PDF of its own (e.g. "
        "`qpdf manual.pdf --pages manual.pdf 12-19 -- policy.pdf`) and import that"
    )


def extract_pdf(data: bytes) -> Extracted:
    """The PDF's text, one line per baseline, and each line's layout. The page count is read from the
    page tree, and checked against the limit, before any page is laid out. Raises `Unreadable` with what
    the user can do when the PDF cannot be opened or has no usable text."""
    pdf = OpenedPdf(data)
    return pdf.extract(range(1, len(pdf.pages) + 1))


def _damaged(exc) -> Unreadable:
    """PDFium's error for a PDF it cannot read (`PdfiumError`), as `Unreadable` with what the user can do."""
    import pypdfium2.internal as pdfium_i

    reason = pdfium_i.ErrorToStr.get(getattr(exc, "err_code", None), "PDFium could not read it")
    return Unreadable(
        f"it is not a PDF that can be read ({reason.lower()}); save it again as PDF, or copy its text into a "
        ".txt file and import that"
    )


@dataclass
class Piece:
    """Characters that follow each other on a line, each near the one before (within two character
    widths, overlapping it by half its height: pdfminer's rule for a text line), and their box."""

    left: float
    right: float
    top: float  # from the page's top, in points
    bottom: float
    text: str
    size: float  # font size of its first character
    chars: int
    bold: int  # how many of its characters are in a bold font


def _pieces(textpage, left: float, top: float) -> list[Piece]:
    """The page's pieces of text, in the order PDFium reads the characters (the content stream's).
    PDFium's own spaces and line breaks (`IsGenerated`) are left out: spaces are put where a gap between
    two characters is wider than a tenth of a character (pdfminer's word margin), as before."""
    import pypdfium2.raw as pdfium_c

    box = pdfium_c.FS_RECTF()
    matrix = pdfium_c.FS_MATRIX()
    font = ctypes.create_string_buffer(FONT_NAME)
    flags = ctypes.c_int()
    pieces: list[Piece] = []
    run: Piece | None = None
    before = (0.0, 0.0, 0.0, 0.0)  # the previous character's box
    previous = 0  # and its index
    for i in range(pdfium_c.FPDFText_CountChars(textpage)):
        code = pdfium_c.FPDFText_GetUnicode(textpage, i)
        if code in (0, 10, 13) or pdfium_c.FPDFText_IsGenerated(textpage, i):
            continue
        if code == 2:
            char = "-"  # PDFium's mark for a hyphen that ends a line
        elif pdfium_c.FPDFText_HasUnicodeMapError(textpage, i):
            char = f"(cid:{code})"  # a code the font does not map to a character (`_check_text` counts them)
        else:
            char = chr(code) if not 0xD800 <= code < 0xE000 else "\ufffd"
        pdfium_c.FPDFText_GetLooseCharBox(textpage, i, box)
        pdfium_c.FPDFText_GetMatrix(textpage, i, matrix)
        size = pdfium_c.FPDFText_GetFontSize(textpage, i) * math.hypot(matrix.c, matrix.d)  # as the page shows it
        x0, x1, y0, y1 = box.left - left, box.right - left, top - box.bottom - size, top - box.bottom
        width, height = x1 - x0, size
        pdfium_c.FPDFText_GetFontInfo(textpage, i, font, FONT_NAME, flags)
        bold = b"bold" in font.value.lower()
        b0, b1, c0, c1 = before
        overlap = min(y1, c1) - max(y0, c0)
        distance = max(0.0, x0 - b1, b0 - x1)
        if run is not None and overlap > 0.5 * min(height, c1 - c0) and distance < 2.0 * max(width, b1 - b0):
            # A gap wider than a tenth of the character is a space, even after a space (justified text
            # widens its spaces), as pdfminer read them: the wrapping rules count a line's characters.
            if x0 - b1 > 0.1 * max(width, height) or _label_object_ends(textpage, previous, i, run.text):
                run.text += " "
            run.text += char
            run.left, run.right = min(run.left, x0), max(run.right, x1)
            run.top, run.bottom = min(run.top, y0), max(run.bottom, y1)
            run.chars += 1
            run.bold += bold
        else:
            run = Piece(x0, x1, y0, y1, char, size, 1, int(bold))
            pieces.append(run)
        before, previous = (x0, x1, y0, y1), i
    for piece in pieces:
        piece.text = piece.text.strip()
    return [piece for piece in pieces if piece.text]


def _label_object_ends(textpage, previous: int, i: int, text: str) -> bool:
    """Whether the run so far is a lone label (`VIII.`) drawn as a text object of its own (that of character
    `previous`), and character `i` begins a capitalised word (`Sexual`) of another: a label and its heading, however close (PDFium
    leaves out the space that ends the label's text object when the next starts within that space)."""
    import pypdfium2.raw as pdfium_c

    if text[-1:] not in ".)" or (found := read_label(text)) is None or found[1]:
        return False
    if not (chr(pdfium_c.FPDFText_GetUnicode(textpage, i)).isupper() and _lower(textpage, i + 1)):
        return False
    before, this = pdfium_c.FPDFText_GetTextObject(textpage, previous), pdfium_c.FPDFText_GetTextObject(textpage, i)
    return bool(before and this) and ctypes.addressof(before.contents) != ctypes.addressof(this.contents)


def _lower(textpage, i: int) -> bool:
    import pypdfium2.raw as pdfium_c

    return i < pdfium_c.FPDFText_CountChars(textpage) and chr(pdfium_c.FPDFText_GetUnicode(textpage, i)).islower()


def page_lines(pieces: list[Piece], number: int, height: float) -> list[tuple[str, Layout]]:
    """The page's lines: pieces on the same baseline make one line, left to right; a wide gap between
    two of them (a table's columns) is a tab, except after a lone label."""
    pieces = sorted(pieces, key=lambda piece: (piece.top, piece.left))
    rows: list[tuple[float, list[Piece]]] = []
    for piece in pieces:
        middle = (piece.top + piece.bottom) / 2
        if rows and abs(rows[-1][0] - middle) < max(piece.bottom - piece.top, 1.0) * 0.5:
            rows[-1][1].append(piece)
        else:
            rows.append((middle, [piece]))
    rows.sort(key=lambda row: row[0])
    left = min((piece.left for piece in pieces), default=0.0)
    out = []
    for _, row in rows:
        row.sort(key=lambda piece: piece.left)
        size = row[0].size
        parts = [row[0].text]
        cells = [[row[0].left, row[0].right]]
        for before, piece in itertools.pairwise(row):
            found = read_label(parts[-1]) if len(parts) == 1 else None
            lone_label = found is not None and not found[1]
            parts.append(" " if lone_label or piece.left - before.right < size * 0.5 * CELL_GAP else "\t")
            parts.append(piece.text)
            if parts[-2] == "\t":
                cells.append([piece.left, piece.right])
            cells[-1][1] = max(cells[-1][1], piece.right)
        x = row[0].left
        layout = Layout(
            page=number,
            x=round(x, 1),
            size=round(size, 1),
            bold=sum(piece.bold for piece in row) > sum(piece.chars for piece in row) / 2,
            top=round(row[0].top),
            cells=tuple((round(x0, 1), round(x1, 1)) for x0, x1 in cells),
            height=round(height, 1),
        )
        out.append((" " * max(0, round((x - left) / 6)) + "".join(parts), layout))
    return out


def _check_text(text: str, pages: int) -> None:
    codes = len(CID.findall(text))
    letters = sum(ch.isalpha() for ch in CID.sub("", text))
    if codes and codes * 2 > letters:
        raise Unreadable(
            "its text layer is font codes, not letters (`(cid:N)`: the PDF's fonts do not say which "
            "character each code is); run OCR on it (e.g. `ocrmypdf --force-ocr in.pdf out.pdf`), or copy "
            "the text out of a PDF viewer into a .txt file, and import that"
        )
    if letters < MIN_CHARS_PER_PAGE * max(pages, 1):
        raise Unreadable(
            "it has no text layer (scanned pages are images); run OCR on it (e.g. `ocrmypdf in.pdf out.pdf`) "
            "and import the result, or type or paste the text into a .txt file"
        )


def bookmarks(pdf: OpenedPdf) -> list[Bookmark]:
    """The PDF's outline, each entry with the page it points to (none when it has no outline): its
    destination, or its action's (a GoTo)."""
    import pypdfium2.raw as pdfium_c

    document = pdf.document
    out = []
    for mark in document.get_toc():
        dest = pdfium_c.FPDFBookmark_GetDest(document, mark)
        if not dest and (action := pdfium_c.FPDFBookmark_GetAction(mark)):
            dest = pdfium_c.FPDFAction_GetDest(document, action)
        page = top = None
        if dest and (index := pdfium_c.FPDFDest_GetDestPageIndex(document, dest)) >= 0:
            page = index + 1
            has_x, has_y, has_zoom = ctypes.c_int(), ctypes.c_int(), ctypes.c_int()
            x, y, zoom = ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
            if pdfium_c.FPDFDest_GetLocationInPage(dest, has_x, has_y, has_zoom, x, y, zoom) and has_y.value:
                top = round(document.get_page_size(index)[1] - y.value, 1)  # the size is read without the page
        out.append(Bookmark(mark.level + 1, mark.get_title(), page, top))
    return out
