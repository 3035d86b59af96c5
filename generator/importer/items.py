"""Rule: items to look at — a label or heading with nothing under it, and an item that holds the next
item of its list (its label inside the text: two items read as one)."""

from __future__ import annotations

import re

from .bullets import BULLET
from .labels import read_label
from .state import ImportState, Node

SENTENCE_BREAK = re.compile(r"(?<=[.;:])\s+(?=\S)")
INNER_BULLET = re.compile(r"\s(?=[•▪●■►➢➤❖\uf0b7\uf0a7\uf0d8]\s)")


def check_items(state: ImportState) -> None:
    """Notes each empty item and each item that seems to hold another, with the line of the original."""
    for node in state.nodes():
        if _empty(node):
            what = f"`{node.label.text}`" if node.label else f"the heading {_short(node.heading or '')}"
            state.note("items", _first(node), f"{what} has no text and nothing under it: check the original")
            continue
        for paragraph in node.paragraphs:
            inner = _next_label_inside(node, paragraph) or _bullet_inside(paragraph)
            if inner:
                state.note(
                    "items",
                    _line_holding(state, node, inner),
                    f"{_label(node)} holds {inner!r} inside its text: two items read as one? "
                    "If so, split it in the draft",
                )
                break


def _empty(node: Node) -> bool:
    named = node.label is not None or bool(node.heading)
    return named and not (node.paragraphs or node.notes or node.children or node.term)


def _next_label_inside(node: Node, text: str) -> str | None:
    """`(a) … photographs; (b) Members shall not…`: the next label of the item's own list, after the end
    of a sentence or clause."""
    label = node.label
    if label is None or label.ordinal is None or not label.style:
        return None
    for match in SENTENCE_BREAK.finditer(text):
        found = read_label(text[match.end() :])
        if found and found[1] and (label.style, label.ordinal + 1) in found[0].readings:
            return found[0].text
    return None


def _bullet_inside(text: str) -> str | None:
    """`• the weather; • the traffic.`: bullets of two items on one line."""
    match = INNER_BULLET.search(text)
    return text[match.end()] if match and BULLET.match(text[match.end() :]) else None


def _line_holding(state: ImportState, node: Node, token: str) -> int | None:
    for number in node.lines:
        if 0 < number <= len(state.lines) and token in state.lines[number - 1].text[1:]:
            return number
    return _first(node)


def _label(node: Node) -> str:
    return f"`{node.label.text}`" if node.label else "an unlabelled item"


def _short(text: str) -> str:
    return repr(text[:50] + ("…" if len(text) > 50 else ""))


def _first(node: Node) -> int | None:
    return node.lines[0] if node.lines else None
