"""The theme's templates indent every line they write: more than half of a page's navigation is white
space. A run of white space holding a line break shows as one space, so it is cut to one line break,
except where white space is kept as written."""

from __future__ import annotations

import re

KEEPS_WHITESPACE = re.compile(r"<(pre|textarea|script|style)\b.*?</\1>", re.IGNORECASE | re.DOTALL)
LINE_BREAK_RUN = re.compile(r"[ \t]*\n\s*")


def fold_whitespace(html: str) -> str:
    """`html` with each run of white space that holds a line break cut to one line break, outside the
    elements that keep white space as written (`KEEPS_WHITESPACE`): the page shows the same."""
    out, position = [], 0
    for kept in KEEPS_WHITESPACE.finditer(html):
        out += [LINE_BREAK_RUN.sub("\n", html[position : kept.start()]), kept.group()]
        position = kept.end()
    out.append(LINE_BREAK_RUN.sub("\n", html[position:]))
    return "".join(out)
