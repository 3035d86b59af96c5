"""Small PDFs written byte by byte for the importer's tests: text placed where a page shows it, in
Helvetica (one font, no embedding), so a test states exactly what a page holds."""

from __future__ import annotations

import hashlib
import re
import struct

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


# The padding of the PDF standard security handler (PDF 1.7, 7.6.3.3), and a file identifier.
PASSWORD_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")
FILE_ID = b"0123456789abcdef"


def encrypted(document: bytes, password: str) -> bytes:
    """`document` (made by `pdf`) encrypted as a PDF reader asks the password of: the standard security
    handler, revision 2 (RC4 with a 40-bit key), every content stream encrypted with its object's key."""
    user = (password.encode() + PASSWORD_PAD)[:32]
    owner = _rc4(hashlib.md5((b"owner" + PASSWORD_PAD)[:32]).digest()[:5], user)
    key = hashlib.md5(user + owner + struct.pack("<i", -4) + FILE_ID).digest()[:5]

    def stream(match: re.Match) -> bytes:
        number = int(match.group(1))
        body = _rc4(hashlib.md5(key + struct.pack("<i", number)[:3] + b"\0\0").digest()[:10], match.group(3))
        return b"%d 0 obj\n<< /Length %d >>\nstream\n" % (number, len(body)) + body + b"\nendstream"

    objects = re.sub(rb"(\d+) 0 obj\n<< /Length (\d+) >>\nstream\n(.*?)\nendstream", stream, document, flags=re.DOTALL)
    handler = b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P -4 >>" % (
        owner.hex().encode(),
        _rc4(key, PASSWORD_PAD).hex().encode(),
    )
    body = objects[: objects.index(b"xref\n")]
    count = body.count(b" 0 obj\n")
    body += b"%d 0 obj\n" % (count + 1) + handler + b"\nendobj\n"
    offsets = [m.start() for m in re.finditer(rb"(?m)^\d+ 0 obj\n", body)]
    xref = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (count + 2) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return body + b"trailer\n<< /Size %d /Root 1 0 R /Encrypt %d 0 R /ID [<%s> <%s>] >>\nstartxref\n%d\n%%%%EOF\n" % (
        count + 2,
        count + 1,
        FILE_ID.hex().encode(),
        FILE_ID.hex().encode(),
        xref,
    )


def _rc4(key: bytes, data: bytes) -> bytes:
    table = list(range(256))
    j = 0
    for i in range(256):
        j = (j + table[i] + key[i % len(key)]) % 256
        table[i], table[j] = table[j], table[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + table[i]) % 256
        table[i], table[j] = table[j], table[i]
        out.append(byte ^ table[(table[i] + table[j]) % 256])
    return bytes(out)
