"""The import rules, in the order they run (like markdown-it's core rule chain).

Each rule is a function of the one `ImportState`: it recognises one kind of thing in the original
and records it there. Readers make the state; `draft.py` and `report.py` read it when all have run.
"""

from __future__ import annotations

from collections.abc import Callable

from . import (
    bullets,
    definitions,
    emphasis,
    footnotes,
    furniture,
    header_table,
    headings,
    items,
    labels,
    lost_labels,
    manual,
    metadata,
    nesting,
    numbering,
    topics,
    trailer,
    wrapping,
)
from .state import ImportState

Rule = Callable[[ImportState], None]

RULES: list[Rule] = [
    bullets.strip_bullets,
    emphasis.strip_emphasis,
    manual.take_manual_lines,  # before page numbers: a policy's number alone on a line is no page number
    furniture.remove_page_numbers,  # first: a page break may fall inside a list of contents
    furniture.remove_contents,
    furniture.remove_inner_contents,
    furniture.remove_running_lines,
    furniture.remove_address_footers,
    furniture.remove_watermarks,
    furniture.remove_rules,
    furniture.remove_debris,
    definitions.remove_table_headings,
    metadata.read_header,
    header_table.read_header_table,
    header_table.take_header_table,
    trailer.read_trailer,
    furniture.remove_form_fields,
    manual.fill_in_from_manual,
    metadata.fill_in_metadata,
    metadata.note_template_brackets,
    labels.find_labels,
    wrapping.join_wrapped_lines,
    headings.find_heading_lines,
    lost_labels.attach_lone_labels,
    nesting.build_outline,
    headings.split_headings,
    definitions.split_definitions,
    footnotes.link_footnote_marks,
    numbering.check_numbering,
    items.check_items,
    topics.suggest_topics,  # last: on the provisions as the draft has them
]


def run_rules(state: ImportState) -> ImportState:
    for rule in RULES:
        rule(state)
    return state
