"""Small PDFs written byte by byte for the importer's tests: text placed where a page shows it, in
Helvetica (one font, no embedding), so a test states exactly what a page holds."""

from __future__ import annotations

Text = tuple[float, float, str]  # x and y in points from the page's bottom left, the text
PAGE_HEIGHT = 792


def pdf(pages: list[list[Text]], *, cid: bool = False) -> bytes:
    """A PDF of US-letter pages, each with its texts. `cid`: the font is a CID font without a
    character map, so its text layer reads as `(cid:N)` codes."""
    objects: list[bytes] = []
    font = 3 + 2 * len(pages)
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(len(pages)))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode())
    for i, texts in enumerate(pages):
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 {PAGE_HEIGHT}] /Contents {4 + 2 * i} 0 R "
            f"/Resources << /Font << /F1 {font} 0 R >> >> >>".encode()
        )
        stream = b"".join(_show(x, y, text, cid) for x, y, text in texts)
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    if cid:
        objects.append(
            f"<< /Type /Font /Subtype /Type0 /BaseFont /Foo /Encoding /Identity-H "
            f"/DescendantFonts [{font + 1} 0 R] >>".encode()
        )
        objects.append(
            b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Foo "
            b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 500 >>"
        )
    else:
        objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _show(x: float, y: float, text: str, cid: bool) -> bytes:
    if cid:
        codes = "".join(f"{ord(ch):04X}" for ch in text)
        return f"BT /F1 11 Tf {x} {y} Td <{codes}> Tj ET\n".encode()
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return b"BT /F1 11 Tf %.1f %.1f Td (" % (x, y) + escaped.encode("cp1252") + b") Tj ET\n"


def lines(*rows: str, left: float = 72, top: float = 720, step: float = 14) -> list[Text]:
    """Rows of text down a page, one per line; a row `LABEL|TEXT` puts the label at the left margin and
    its text 36 points to the right, as a hanging indent does."""
    out: list[Text] = []
    for i, row in enumerate(rows):
        y = top - i * step
        if "|" in row:
            label, text = row.split("|", 1)
            out += [(left, y, label), (left + 36, y, text)]
        elif row:
            out.append((left, y, row))
    return out
