"""Rule: nesting — the outline built from the paragraphs with a stack of label styles.

Each label style opens one level: a label of a style already open is a sibling at that level (the
levels below it close), a new style opens a child level. `I.`, `Section 8.04` and `342.1` head the
outline, so they also close an unlabelled heading above them. An ambiguous label (`I.`: roman one or
letter nine) is read as the one that continues an open list. Unlabelled paragraphs are placed by
`lost_labels.place`: more text of the item above, or an item whose label OCR lost.
"""

from __future__ import annotations

import re

from ..model import id_segment
from . import lost_labels
from .labels import is_section_style, parent_style
from .lost_labels import Level
from .state import DROPPED_HYPHEN, Block, ImportState, Label, Node

NOTE = re.compile(r"^NOTE:?\s+")


def build_outline(state: ImportState) -> None:
    """Recognises the nesting of the body and builds its provisions, in reading order."""
    stack: list[Level] = []
    for index, block in enumerate(state.blocks):
        if block.label and stack and stack[-1].style == "paragraph" and _leads_list_again(state, stack, block.label):
            stack[-1].style = "lead-in"  # the list numbered anew is under the paragraph that introduces it
        if block.heading or block.label or block.bullet:
            while stack and stack[-1].style == "paragraph":
                stack.pop()  # a paragraph placed on its own heads nothing
        if block.heading:
            _add_heading(state, stack, block)
        elif block.label:
            _add_item(state, stack, block, index)
        elif block.bullet:
            _add_bullet(state, stack, block)
        elif NOTE.match(block.text) and stack:
            _add_note(stack[-1].node, block)
        else:
            _add_paragraph(state, stack, block, index)


def _leads_list_again(state: ImportState, stack: list[Level], label: Label) -> bool:
    """Whether an unlabelled paragraph that ends with a colon (`This analysis should identify:`), after a
    list, introduces a list numbered anew (`1.` again, where its siblings already have a `1.`): that list
    is its children, since two siblings cannot have one label."""
    node = stack[-1].node
    if not node.paragraphs or not node.paragraphs[-1].rstrip().endswith(":") or node.children:
        return False
    siblings = stack[-2].node.children if len(stack) > 1 else state.body
    first = any(ordinal == 1 for _, ordinal in label.readings)
    return first and any(s.label and id_segment(s.label.text) == id_segment(label.text) for s in siblings)


def _add_note(node: Node, block: Block) -> None:
    """`NOTE: …` after a provision. A repair cannot point into a note, so a word broken at a line's end
    keeps its hyphen there."""
    node.notes.append(NOTE.sub("", block.text).replace(DROPPED_HYPHEN, "-"))
    node.lines += [line.number for line in block.lines]
    for join in block.joins:
        join.dropped = False
        node.joins.append(join)


def _add_heading(state: ImportState, stack: list[Level], block: Block) -> None:
    """An unlabelled heading: under a Markdown heading of a higher level, else at the top."""
    level = max(line.heading for line in block.lines) or 1
    keep = 0
    for depth, open_level in enumerate(stack):
        if open_level.style.startswith("heading-") and int(open_level.style[8:]) < level:
            keep = depth + 1
    del stack[keep:]
    node = _node(block, heading=block.text)
    _attach(state, stack, node)
    stack.append(Level(f"heading-{level}", node))


def _add_item(state: ImportState, stack: list[Level], block: Block, index: int) -> None:
    """A labelled item: the next of its list if that list is open, else the first of a new list."""
    label = block.label
    if label is None:
        raise ValueError(f"line {block.first_line}: only a labelled block is added as an item")
    _read_label(state, stack, block, label, index)
    depth = next((d for d in reversed(range(len(stack))) if stack[d].style == label.style), None)
    if depth is not None:
        level = stack[depth]
        del stack[depth:]
    else:
        level = None
        _close_for_new_list(stack, label)
    siblings = stack[-1].node.children if stack else state.body
    repeated = any(sibling.label and id_segment(sibling.label.text) == id_segment(label.text) for sibling in siblings)
    node = _label_in_text(state, block, label) if repeated else _node(block, label=label)
    siblings.append(node)
    level = level or Level(label.style, node, label)
    lost_labels.note_level(level, block, node, label)
    stack.append(level)


def _read_label(state: ImportState, stack: list[Level], block: Block, label: Label, index: int) -> None:
    _choose_reading(label, stack)
    if label.ordinal is None and state.ocr:
        lost_labels.resolve_garbled(label, stack, state.blocks, index)
    if label.ordinal is None:
        state.note("labels", block.first_line, f"label {label.text!r} could not be read; kept as written")


def _label_in_text(state: ImportState, block: Block, label: Label) -> Node:
    """An item whose label a sibling already has (a list that starts again, a document pasted twice, `(a)`
    beside `A.`): provision ids must differ, so its label stays in its text, as written, and the report
    says so."""
    state.note(
        "numbering",
        block.first_line,
        f"{label.text} comes again among the items of one list: "
        "kept in the text of an unlabelled provision; check its place",
    )
    written = f"{label.written} {block.text}".strip()
    return _node(block, heading=written) if block.titled else _node(block, paragraph=written)


def _close_for_new_list(stack: list[Level], label: Label) -> None:
    """Close the levels a new list does not belong under: `342.4.1` goes under `342.4` however deep the
    lists under that are; `I.` or `Section 8.04` takes the place of an unlabelled heading."""
    parent = next((d for d in reversed(range(len(stack))) if stack[d].style == parent_style(label.style)), None)
    if parent is not None:
        del stack[parent + 1 :]
    elif is_section_style(label.style):
        heading = next((d for d, level in enumerate(stack) if level.style == "heading-1"), None)
        if heading is not None:
            del stack[heading:]


def _add_bullet(state: ImportState, stack: list[Level], block: Block) -> None:
    """An unlabelled bullet item: a sibling of the items of its list, else the first item of a new list."""
    depth = next((d for d, level in enumerate(stack) if level.style == block.bullet), None)
    if depth is not None:
        del stack[depth:]
    node = _node(block)
    _attach(state, stack, node)
    stack.append(Level(block.bullet, node))


def _add_paragraph(state: ImportState, stack: list[Level], block: Block, index: int) -> None:
    placement = lost_labels.place(stack, state.blocks, index) if stack else None
    if placement:
        del stack[placement.depth + 1 :]
    if placement and placement.label and not state.ocr:
        state.note(
            "labels",
            block.first_line,
            f"may be an item whose label is not in the text ({placement.label.guessed.split(';')[0]}); "
            "kept unlabelled: the text layer is what the agency wrote, so no label is inferred",
        )
        placement.label = None
    if placement and placement.label:
        block.label = placement.label
        _add_item(state, stack, block, index)
    elif not stack or stack[-1].node.children or stack[-1].node.notes:
        node = _node(block, paragraph=block.text)  # text comes before notes and lists: this one can't be
        node.unplaced = (
            "text before the first heading or label"
            if not state.body
            else "paragraph after a note, not part of any item"
            if stack and stack[-1].node.notes
            else "paragraph after a list, not part of any item"
        )
        _attach(state, stack, node)
        stack.append(Level("paragraph", node))
    else:
        target = stack[-1]
        target.node.paragraphs.append(block.text)
        target.node.starts.append(block.first_line)
        target.node.lines += [line.number for line in block.lines]
        target.node.joins += block.joins


def _choose_reading(label: Label, stack: list[Level]) -> None:
    """Pick how to read an ambiguous label: the reading that continues an open list (`I.` after `H.`),
    then one that starts a list (`i.` after `e.`; `I.` starts roman numerals), then the smaller."""
    if label.style:
        return

    def score(reading: tuple[str, int | None]) -> tuple[int, int]:
        style, ordinal = reading
        level = next((level for level in stack if level.style == style), None)
        last = level.label.ordinal if level and level.label and level.label.ordinal is not None else None
        if last is not None and ordinal == last + 1:
            return 4, 0  # continues the list
        if last is not None and ordinal == last + 2:
            return 3, 0  # continues it with one label missing
        if ordinal == 1:
            return 2, 0  # starts a list
        return (1 if level else 0), -(ordinal or 0)

    label.style, label.ordinal = max(label.readings, key=score)


def _attach(state: ImportState, parents: list[Level], node: Node) -> None:
    (parents[-1].node.children if parents else state.body).append(node)


def _node(block: Block, label: Label | None = None, heading: str | None = None, paragraph: str | None = None) -> Node:
    node = Node(label=label, lines=[line.number for line in block.lines], joins=list(block.joins))
    text = paragraph if paragraph is not None else block.text
    if heading is not None or block.titled:
        node.heading = heading if heading is not None else text
    elif text:
        node.paragraphs.append(text)
        node.starts.append(block.first_line)
    return node
