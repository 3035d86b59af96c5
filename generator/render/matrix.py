"""What the two matrices (the coverage matrix, the decisions matrix) share: read at a glance on a desktop, one
department at a time on a phone.

A grid of topics (or questions) × departments does not fit a phone, and a grid scrolled sideways shows two
columns of six. So above each matrix is a chooser of the department a phone shows: `matrix.js` shows it
(without the script it stays hidden and a phone scrolls the grid sideways), hides the other departments'
cells on a phone, and keeps the choice in the address (`?department=<slug>`) so that a reload or a shared
link shows the same department. Wider screens show every column and no chooser. Styles: `handbook.css`.
"""

from __future__ import annotations

from ..contract import MATRIX_OPTION_TEMPLATE, placeholder, template
from ..model import Policy
from .html import attr, escape

SILENT_MARK = "○"  # in a cell: the policy does not address it (a screen reader hears `not addressed`)
CHOOSER = "matrix-show"  # the chooser's class (generator/contract.py)
WRAP = "matrix-wrap"  # what holds the table: it scrolls sideways on a phone only while the chooser is hidden


def matrix_html(table_id: str, table: str, columns: list[Policy], addable: bool = False) -> str:
    """`table` (whose id is `table_id`) in its holder, after the chooser of the column a phone shows: one
    option per policy of `columns` (the first department chosen, else the first policy) and, when the
    reader may add departments (`addable`), the template of the option `matrix.js` gives an added one."""
    chosen = next((p for p in columns if not p.is_template), columns[0] if columns else None)
    options = "".join(
        f'<option value="{attr(p.slug)}"{" selected" if p is chosen else ""}>'
        f"{escape(p.name)}{' (template)' if p.is_template else ''}</option>"
        for p in columns
    )
    added = (
        template(MATRIX_OPTION_TEMPLATE, f'<option value="{placeholder("slug")}">{placeholder("name")}</option>')
        if addable
        else ""
    )
    # The holder comes right after the chooser: the styles tell by the chooser whether the script has run.
    return (
        f'{added}<p class="{CHOOSER}" hidden><label for="{table_id}-department">Department</label> '
        f'<select id="{table_id}-department" name="department" aria-controls="{table_id}">{options}</select></p>'
        f'<div class="{WRAP}">{table}</div>'
    )
