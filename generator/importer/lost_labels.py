"""Rule: labels standing apart from their text, and labels OCR lost or garbled.

When OCR reads a numbered list as two columns, the numbers come out on lines of their own, often
only the first (`1.`) or a stray one (`10.`) before a run of paragraphs. This module attaches a lone
label to the paragraph after it, keeps the stray ones as furniture, and decides for each unlabelled
paragraph whether it is the next item of a list whose numbers were lost (the label is then inferred
from the sequence and recorded as a repair) or more text of the item above.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from .headings import is_title
from .labels import label_at
from .state import Block, ImportState, Label, Line, Node

RUNS_ON = re.compile(r"(?:[,;]|[,;]?\s+(?:and|or))$")  # `Road closures,`, `Weather emergencies, and`
FULL_STOP = re.compile(r"[.!?][\"”’')\]]*$")
CLOSING = re.compile(r"[.!?:;,][\"”’')\]]*$")  # any punctuation that ends an item


@dataclass
class Level:
    """One level of the outline being built: the latest item of a list of one label style."""

    style: str  # a label style, `heading-N` for an unlabelled heading, or `paragraph`
    node: Node
    label: Label | None = None
    lost: bool = False  # its numbers stood apart from their text (OCR read them as a column)
    serial: bool = False  # its items run on with commas or semicolons, like a sentence

    @property
    def ending(self) -> str:
        return (self.node.paragraphs[-1] if self.node.paragraphs else self.node.heading or "").strip()

    @property
    def closed(self) -> bool:
        """A run-on list whose last item ends with a full stop is over."""
        return (self.serial or self.node.serial) and bool(FULL_STOP.search(self.ending))


@dataclass
class Placement:
    """Where an unlabelled paragraph goes: as an item at `depth` with an inferred `label`, or as
    text of the item at `depth`."""

    depth: int
    label: Label | None = None


def attach_lone_labels(state: ImportState) -> None:
    """Recognises labels alone on their line (`1.` over `Conduct themselves at all times…`): the label
    takes the paragraph after it. Further lone labels before that paragraph were displaced from their
    items by OCR; they are removed as furniture and those items' labels are inferred."""
    blocks: list[Block] = []
    i = 0
    while i < len(state.blocks):
        block = state.blocks[i]
        run_end = i + 1
        while block.lone and run_end < len(state.blocks) and state.blocks[run_end].lone:
            run_end += 1
        following = state.blocks[run_end] if run_end < len(state.blocks) else None
        if block.lone and following and following.label is None and not following.heading:
            strays = state.blocks[i + 1 : run_end]
            if not state.ocr or not all(_removable(state, stray.lines[0]) for stray in strays):
                blocks += state.blocks[i : run_end - 1]  # kept as labels of their own, the last takes the text
                block, strays = state.blocks[run_end - 1], []
            for stray in strays:
                state.remove_as_furniture(
                    stray.lines[0],
                    "list number displaced by OCR from the item it numbers "
                    "(that item's label is inferred from the sequence)",
                )
            block.lines += following.lines
            block.text, block.joins, block.set_apart = following.text, following.joins, True
            blocks.append(block)
            i = run_end + 1
        else:
            blocks.append(block)
            i += 1
    state.blocks = blocks


def _removable(state: ImportState, line: Line) -> bool:
    """Whether `line` can be furniture: the fidelity check finds furniture by its text, going down from
    the furniture before it, so no line in between may read the same (`1.` as a real label above)."""
    after = max((other.number for other, _ in state.furniture if other.number < line.number), default=0)
    return not any(
        after < other.number < line.number and other.raw.strip() == line.raw.strip() for other in state.lines
    )


def place(stack: list[Level], blocks: list[Block], index: int) -> Placement:
    """Where the unlabelled paragraph `blocks[index]` belongs, given the open levels of the outline."""
    depth = len(stack) - 1
    while depth > 0 and stack[depth].style.startswith("bullet"):
        depth -= 1  # a paragraph that is no bullet item ends the bullet list
    while depth >= 0:
        level = stack[depth]
        last = level.label  # the list's latest label: a lost one is inferred from it
        if last is None or last.ordinal is None:
            break
        room = _room(stack, depth, last.ordinal, blocks, index)
        if room == 0:
            break  # the next sibling follows in sequence: this is more text of the item
        ending = level.ending
        runs_on = RUNS_ON.search(ending) or (level.serial and not CLOSING.search(ending))
        if runs_on and not level.node.children:
            return _item(
                depth,
                last,
                last.ordinal,
                f"list item after “…{' '.join(ending.split()[-4:])}”, which runs on; its label was lost",
            )
        if level.closed:
            depth -= 1  # the run-on list is over: the paragraph belongs to the level above
            continue
        if not CLOSING.search(ending) and is_title(ending):
            break  # `342.2 POLICY`: a title, and the paragraph is what it says
        if level.lost:
            return _item(
                depth,
                last,
                last.ordinal,
                "list number lost by OCR (the numbers of this list stood apart from "
                "their text); inferred from the sequence",
            )
        if _fills_gap(blocks, index, room):
            return _item(
                depth, last, last.ordinal, "label lost by OCR; inferred from the gap in the sequence around it"
            )
        break
    return Placement(depth)


def _item(depth: int, last: Label, last_ordinal: int, reason: str) -> Placement:
    """An item at `depth` whose label was lost: the one after `last` (read as `last_ordinal`)."""
    ordinal = last_ordinal + 1
    return Placement(depth, Label(label_at(last, ordinal), [(last.style, ordinal)], written="", guessed=reason))


def _room(stack: list[Level], depth: int, last_ordinal: int, blocks: list[Block], index: int) -> float:
    """How many labels are missing between the level's latest item (its ordinal `last_ordinal`) and its
    next labelled sibling (infinite when no sibling follows before the list's parent goes on)."""
    level = stack[depth]
    ancestors = {above.style for above in stack[:depth]}
    for block in blocks[index + 1 :]:
        if block.heading:
            break
        if block.label is None:
            continue
        styles = {style for style, _ in block.label.readings}
        if styles & ancestors and level.style not in styles:
            break
        ordinal = next((o for style, o in block.label.readings if style == level.style), None)
        if ordinal is not None:
            missing = ordinal - last_ordinal - 1
            return missing if missing >= 0 else math.inf  # a lower number starts another list
    return math.inf


def _fills_gap(blocks: list[Block], index: int, room: float) -> bool:
    """`D.`, one unlabelled paragraph, `F.`: the paragraph is `E.`, its label lost."""
    unlabelled = 0
    for block in blocks[index:]:
        if block.label is not None or block.heading:
            break
        unlabelled += 1
    return room == unlabelled


def resolve_garbled(label: Label, stack: list[Level], blocks: list[Block], index: int) -> None:
    """A roman numeral OCR garbled (`[1.`, `il.`) takes its value from the sequence: one after the
    sibling before it, or one before the next sibling that can be read."""
    level = next((level for level in stack if level.style == label.style), None)
    ordinal: int | None
    if level and level.label and level.label.ordinal is not None:
        ordinal = level.label.ordinal + 1
    else:
        ordinal = next(
            (
                block.label.ordinal - 1
                for block in blocks[index + 1 :]
                if block.label and block.label.readings == [(label.style, block.label.ordinal)] and block.label.ordinal
            ),
            None,
        )
    if ordinal and ordinal > 0:
        label.ordinal = ordinal
        label.text = label_at(label, ordinal)
        label.guessed = (
            f"OCR misread of the label {label.text} ({label.written!r} in the original), read from the sequence"
        )


def note_level(level: Level, block: Block, node: Node, label: Label) -> None:
    """After a new item joins a level: remember whether its list runs on and whether its numbers stand apart."""
    level.serial = level.serial or bool(RUNS_ON.search(level.ending))
    level.lost = level.lost or block.set_apart
    level.node, level.label = node, label
    node.serial = level.serial
