"""What `handbook import` accepts: file kinds and the limits checked before any work is done.

A policy is rarely longer than 50 pages; a complete Lexipol manual has about 650. The limits keep an
import of the wrong file (a manual of many policies, a scanned archive, a database dump) from running for
minutes: each is checked from the file's size or page count, in well under a second, before any text is
read. A PDF's page count is read from its page tree, without laying out any page.
"""

from __future__ import annotations

MAX_TEXT_BYTES = 4_000_000  # a 650-page manual's text is about 2.5 MB
MAX_PDF_BYTES = 60_000_000
MAX_DOCX_BYTES = 30_000_000
MAX_PAGES = 120  # a policy of 120 pages fills most of the 1 MB a policy file may have
KINDS = {
    ".txt": "plain text",
    ".md": "Markdown",
    ".markdown": "Markdown",
    ".pdf": "PDF",
    ".docx": "Word",
}
MAX_BYTES = {".pdf": MAX_PDF_BYTES, ".docx": MAX_DOCX_BYTES}


class Unreadable(Exception):
    """The original cannot be read as it is; the message says why and what the user can do."""


def max_bytes(suffix: str) -> int:
    return MAX_BYTES.get(suffix, MAX_TEXT_BYTES)


def megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"
