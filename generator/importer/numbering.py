"""Rule: numbering checks — gaps, labels out of order, lists that do not start at the beginning."""

from __future__ import annotations

import itertools

from .labels import label_at
from .state import ImportState, Node


def check_numbering(state: ImportState) -> None:
    """Recognises gaps (`D.` followed by `F.`), labels out of order and lists that start late, among the
    siblings of each list, and reports them with the line of the original where they stand."""
    _check_siblings(state, state.body)
    for node in state.nodes():
        _check_siblings(state, node.children)


def _check_siblings(state: ImportState, siblings: list[Node]) -> None:
    by_style: dict[str, list[Node]] = {}
    for node in siblings:
        if node.label and node.label.ordinal is not None:
            by_style.setdefault(node.label.style, []).append(node)
    for items in by_style.values():
        first = items[0].label
        if first.ordinal > 1:
            state.note("numbering", _line(items[0]), f"the list starts at {first.text}, not at {label_at(first, 1)}")
        for before, after in itertools.pairwise(items):
            a, b = before.label, after.label
            if b.ordinal == a.ordinal + 1:
                continue
            if b.ordinal > a.ordinal + 1:
                missing = [label_at(a, n) for n in range(a.ordinal + 1, b.ordinal)]
                state.note(
                    "numbering",
                    _line(after),
                    f"{a.text} is followed by {b.text}: "
                    f"{', '.join(missing[:5])}{'…' if len(missing) > 5 else ''} missing",
                )
            else:
                state.note("numbering", _line(after), f"{b.text} comes after {a.text}: out of order")


def _line(node: Node) -> int | None:
    return node.lines[0] if node.lines else None
