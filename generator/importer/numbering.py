"""Rule: numbering checks — gaps, labels out of order, lists that do not start at the beginning."""

from __future__ import annotations

import itertools
from typing import NamedTuple

from .labels import label_at
from .state import ImportState, Label, Node


class _Numbered(NamedTuple):
    """An item whose label was read: its node, its label and the label's ordinal."""

    node: Node
    label: Label
    ordinal: int


def check_numbering(state: ImportState) -> None:
    """Recognises gaps (`D.` followed by `F.`), labels out of order and lists that start late, among the
    siblings of each list, and reports them with the line of the original where they stand."""
    _check_siblings(state, state.body)
    for node in state.nodes():
        _check_siblings(state, node.children)


def _check_siblings(state: ImportState, siblings: list[Node]) -> None:
    by_style: dict[str, list[_Numbered]] = {}
    for node in siblings:
        if node.label and node.label.ordinal is not None:
            by_style.setdefault(node.label.style, []).append(_Numbered(node, node.label, node.label.ordinal))
    for items in by_style.values():
        first = items[0]
        if first.ordinal > 1:
            state.note(
                "numbering",
                _line(first.node),
                f"the list starts at {first.label.text}, not at {label_at(first.label, 1)}",
            )
        for a, b in itertools.pairwise(items):
            if b.ordinal == a.ordinal + 1:
                continue
            if b.ordinal > a.ordinal + 1:
                missing = [label_at(a.label, n) for n in range(a.ordinal + 1, b.ordinal)]
                state.note(
                    "numbering",
                    _line(b.node),
                    f"{a.label.text} is followed by {b.label.text}: "
                    f"{', '.join(missing[:5])}{'…' if len(missing) > 5 else ''} missing",
                )
            else:
                state.note("numbering", _line(b.node), f"{b.label.text} comes after {a.label.text}: out of order")


def _line(node: Node) -> int | None:
    return node.lines[0] if node.lines else None
