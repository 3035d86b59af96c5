"""Rules: headings — unlabelled heading lines, and the heading that opens a labelled provision."""

from __future__ import annotations

import re

from .state import ImportState

INNER_BREAK = re.compile(r"[.:;]\s+\S")  # `Prohibited Content: The following…`, `… Investigations. During…`
MINOR_WORDS = {"a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with", "&"}


def find_heading_lines(state: ImportState) -> None:
    """Recognises an unlabelled heading: a Markdown heading, or a short line in capitals standing
    alone (`POLICY`, `PURPOSE`) — each opens a provision of its own. A line in brackets (`(405 ILCS
    5/1-129)`, a citation under a definition) is no heading."""
    for block in state.blocks:
        if block.label or block.heading or len(block.lines) != 1:
            continue
        text = block.text
        if (
            text.isupper()
            and len(text.split()) <= 8
            and not text.endswith((".", ",", ";"))
            and not (text.startswith(("(", "[")) and text.endswith((")", "]")))
        ):
            block.heading = True


def split_headings(state: ImportState) -> None:
    """Recognises the heading of a labelled provision: its first paragraph, when that is a title
    (`A. General`, `4. Content`, `b. Personnel Information:`, `8. Pre-Employment use of social media.`)
    and the provision goes on with children or more text. Lead-ins (`Members are prohibited from the
    following:`) and run-in headings (`Prohibited Content: The following content is prohibited.`) stay text."""
    for node in state.nodes():
        if node.heading or not node.label or not node.paragraphs or node.serial:
            continue
        if (node.children or len(node.paragraphs) > 1) and is_title(node.paragraphs[0]):
            node.heading = node.paragraphs.pop(0)
            del node.starts[:1]


def is_title(text: str) -> bool:
    words = text.split()
    if not words or len(words) > 12 or INNER_BREAK.search(text):
        return False
    if text.endswith(":"):
        return len(words) <= 8 and title_cased(text)
    if text.endswith("."):
        return len(words) <= 6 and "," not in text
    return not text.endswith((",", ";", "!", "?"))


def title_cased(text: str) -> bool:
    """`Operation of Department Sponsored Public Social Media Sites`, `False Identities and Profiles:`."""
    return all(_capitalised(word) or word.lower() in MINOR_WORDS for word in text.split())


def _capitalised(word: str) -> bool:
    letter = next((ch for ch in word if ch.isalpha()), "")
    return letter.isupper() or not letter
