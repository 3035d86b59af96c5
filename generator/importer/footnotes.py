"""Rule: footnote marks in the text (`fitness for duty.¹`) that point at footnotes found at the end."""

from __future__ import annotations

from .state import ImportState, literal_braces
from .trailer import FOOTNOTE_MARK, SUPERSCRIPT_DIGITS


def link_footnote_marks(state: ImportState) -> None:
    """Recognises superscript digits after a word as a footnote mark when a footnote of that number was
    found, and writes the mark as `{{footnote:N}}`; a mark with no footnote is left and reported. The
    text's own `{{` are set apart first (`literal_braces`), so the marks are the only `{{` left in it."""
    defined = {footnote["id"] for footnote in state.metadata.get("footnotes", [])}

    def linked(node, text: str | None) -> str | None:
        # The original's own braces are set apart first: after this, every `{{footnote:N}}` is a mark.
        return FOOTNOTE_MARK.sub(lambda m: _mark(state, node, m[1], defined), literal_braces(text)) if text else text

    for node in state.nodes():
        node.heading, node.term = linked(node, node.heading), linked(node, node.term)
        node.paragraphs = [linked(node, paragraph) for paragraph in node.paragraphs]
        node.notes = [linked(node, note) for note in node.notes]


def _mark(state: ImportState, node, digits: str, defined: set[str]) -> str:
    number = digits.translate(SUPERSCRIPT_DIGITS)
    if number in defined:
        return f"{{{{footnote:{number}}}}}"
    state.note("unplaced", node.lines[0] if node.lines else None, f"footnote mark {digits} has no footnote at the end")
    return digits
