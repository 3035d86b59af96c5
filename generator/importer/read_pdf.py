"""Reader for PDF originals: the text layer, laid out in lines as the page shows them (pdfminer.six).

pdfminer's own reading order puts a column of list labels (`(e)`, `(f)`, `(g)`) before the paragraphs
they number, and the cells of a header table one under the other. Here the text lines pdfminer finds are
regrouped by their position instead: pieces of text on the same baseline of a page make one line, left to
right, with one space after a label and a tab between cells far apart (a table's columns). Each line keeps
where it stood (`Layout`: page, left edge, font size, bold), for the rules that use the layout.

The text made here is stored beside the PDF in `source/originals/` (the draft's `original`): it is what
the fidelity check reads the words of. Nothing is downloaded and no OCR is run: a PDF without a usable
text layer is refused with what the user can do.
"""

from __future__ import annotations

import itertools
import logging
import re
from contextlib import contextmanager
from dataclasses import dataclass
from io import BytesIO

from .labels import read_label
from .limits import MAX_PAGES, Unreadable

CID = re.compile(r"\(cid:\d+\)")
CELL_GAP = 3.0  # a horizontal gap wider than this many character widths separates table cells
MIN_CHARS_PER_PAGE = 20  # fewer letters than this on average: pages are images (a scan)
logging.getLogger("pdfminer").setLevel(logging.ERROR)  # its warnings about fonts are not the user's concern


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
    """A PDF opened once: its page tree read (no page laid out yet), then pages laid out on demand, with
    the fonts each page uses parsed once for all of them (a manual's policies share their fonts)."""

    def __init__(self, data: bytes) -> None:
        from pdfminer.converter import PDFPageAggregator
        from pdfminer.layout import LAParams
        from pdfminer.pdfdocument import PDFDocument
        from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
        from pdfminer.pdfpage import PDFPage
        from pdfminer.pdfparser import PDFParser

        with opened():
            self.document = PDFDocument(PDFParser(BytesIO(data)))
            self.pages = list(PDFPage.create_pages(self.document))
        resources = PDFResourceManager(caching=True)
        # Lines are regrouped by position here (`page_lines`), so pdfminer's ordering of text boxes into
        # a reading order (`boxes_flow`, quadratic in the boxes: 20 s for a manual's dense index page) is
        # not run; its lines are the same.
        self._device = PDFPageAggregator(resources, laparams=LAParams(boxes_flow=None))
        self._interpreter = PDFPageInterpreter(resources, self._device)

    def lines(self, number: int) -> list[tuple[str, Layout]]:
        """The lines of page `number` (1-based) with their layouts."""
        with opened():
            self._interpreter.process_page(self.pages[number - 1])
            return page_lines(self._device.get_result(), number)

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


@contextmanager
def opened():
    """pdfminer's errors for a PDF that cannot be read, as `Unreadable` with what the user can do."""
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.psexceptions import PSException

    try:
        yield
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise Unreadable(
            "the PDF is encrypted with a password; open it, save an unprotected copy, and import that"
        ) from None
    except (PSException, ValueError, KeyError, TypeError, AttributeError, IndexError, AssertionError) as exc:
        raise Unreadable(
            f"it is not a PDF that can be read ({type(exc).__name__}); save it again as PDF, or copy its text "
            "into a .txt file and import that"
        ) from None


def page_lines(page, number: int) -> list[tuple[str, Layout]]:
    from pdfminer.layout import LTChar, LTTextLine

    pieces = []

    def walk(container) -> None:
        for item in container:
            if isinstance(item, LTTextLine):
                text = item.get_text().strip()
                if text:
                    chars = [ch for ch in item if isinstance(ch, LTChar)]
                    pieces.append((item, text, chars))
            elif hasattr(item, "__iter__"):
                walk(item)

    walk(page)
    pieces.sort(key=lambda piece: (-piece[0].y1, piece[0].x0))
    rows: list[list] = []
    for piece in pieces:
        box = piece[0]
        middle = (box.y0 + box.y1) / 2
        if rows and abs(rows[-1][0] - middle) < max(box.height, 1.0) * 0.5:
            rows[-1][1].append(piece)
        else:
            rows.append([middle, [piece]])
    rows.sort(key=lambda row: -row[0])
    left = min((piece[0].x0 for piece in pieces), default=0.0)
    out = []
    for _, row in rows:
        row.sort(key=lambda piece: piece[0].x0)
        chars = [ch for piece in row for ch in piece[2]]
        size = chars[0].size if chars else 10.0
        width = size * 0.5
        parts = [row[0][1]]
        cells = [[row[0][0].x0, row[0][0].x1]]
        for before, piece in itertools.pairwise(row):
            gap = piece[0].x0 - before[0].x1
            found = read_label(parts[-1]) if len(parts) == 1 else None
            lone_label = found is not None and not found[1]
            parts.append(" " if lone_label or gap < width * CELL_GAP else "\t")
            parts.append(piece[1])
            if parts[-2] == "\t":
                cells.append([piece[0].x0, piece[0].x1])
            cells[-1][1] = max(cells[-1][1], piece[0].x1)
        bold = sum("bold" in ch.fontname.lower() for ch in chars) > len(chars) / 2 if chars else False
        x = row[0][0].x0
        indent = " " * max(0, round((x - left) / 6))
        layout = Layout(
            page=number,
            x=round(x, 1),
            size=round(size, 1),
            bold=bold,
            top=round(page.height - row[0][0].y1),
            cells=tuple((round(x0, 1), round(x1, 1)) for x0, x1 in cells),
            height=round(page.height, 1),
        )
        out.append((indent + "".join(parts), layout))
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
    """The PDF's outline, each entry with the page it points to (none when it has no outline)."""
    from pdfminer.pdfdocument import PDFNoOutlines
    from pdfminer.psexceptions import PSException

    document = pdf.document
    try:
        pages = {page.pageid: (number, page.mediabox) for number, page in enumerate(pdf.pages, 1)}
        return [
            Bookmark(level, str(title), *_destination(document, pages, dest, action))
            for level, title, dest, action, _ in document.get_outlines()
        ]
    except (PDFNoOutlines, PSException, ValueError, KeyError, TypeError, AttributeError, IndexError):
        return []  # bookmarks only help: a manual without them is read from its headings


def _destination(document, pages: dict, dest, action) -> tuple[int | None, float | None]:
    """The page (1-based) and the height from the page's top an outline entry points to: its `/Dest`,
    or its action's `/D`, either explicit (`[page /XYZ left top zoom]`) or a named destination."""
    from pdfminer.pdftypes import resolve1

    if dest is None and action is not None:
        action = resolve1(action)
        dest = action.get("D") if isinstance(action, dict) else None
    dest = resolve1(dest)
    if dest is not None and not isinstance(dest, list):
        try:
            dest = resolve1(document.get_dest(getattr(dest, "name", dest)))
        except KeyError:
            return None, None
    if isinstance(dest, dict):
        dest = resolve1(dest.get("D"))
    if not isinstance(dest, list) or not dest:
        return None, None
    page = pages.get(getattr(dest[0], "objid", None))
    if page is None:
        return None, None
    number, box = page
    view = [resolve1(x) for x in dest[1:]]
    top = None
    if len(view) >= 3 and getattr(view[0], "name", "") == "XYZ" and isinstance(view[2], (int, float)):
        top = round(float(box[3]) - float(view[2]), 1)
    return number, top
