"""Escaping, JSON in a page, addresses between pages, dates and word-level differences as HTML; a policy's
text is written as HTML by generator/writers/html.py."""

from __future__ import annotations

import datetime as dt
import html
import json
import posixpath
import urllib.parse
from collections.abc import Callable
from functools import lru_cache

from .. import inline
from ..model import Policy
from ..schema import DATES
from ..worddiff import Change


def escape(text: str | None) -> str:
    return _escaped(text) if text else ""


@lru_cache(maxsize=1 << 14)
def heading_text(text: str) -> str:
    """Text as HTML for a heading: letters, digits and a few marks as they are, every other character as a
    numeric character reference (as headings have always been written, so their bytes stay the same). C1
    control characters stay as they are: a browser reads `&#128;`…`&#159;` as other characters."""
    return "".join(c if c.isalnum() or c in " ,'’" or 0x80 <= ord(c) <= 0x9F else f"&#{ord(c)};" for c in text)


def count(number: int, one: str, many: str | None = None) -> str:
    """`1 department`, `1,204 departments`: a number and the noun it counts (`many` defaults to `one` + s)."""
    return f"{number:,} {one if number == 1 else many or one + 's'}"


def marked(mark: str, words: str) -> str:
    """A mark shown for `words` read out (HTML, both): `● 2` seen, `2 provisions` heard. A reader of a
    screen hears the words, not the mark (which a screen reader would spell out as `black circle`)."""
    return f'<span aria-hidden="true">{mark}</span><span class="visually-hidden">{words}</span>'


def attr(value: str) -> str:
    return _escaped(value)


# The same names, slugs and texts are escaped for page after page (a million times for a thousand
# agencies), so the escaped form of the most recent ones is kept.
@lru_cache(maxsize=1 << 15)
def _escaped(text: str) -> str:
    return html.escape(text, quote=True)


# In JSON inside a page, the characters that could end or change what holds it (`</script>`, `<!--`, an
# attribute's quote is escaped by the attribute), and the two line breaks older JavaScript refused in strings.
JSON_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def embedded_json(value) -> str:
    """`value` as JSON that is safe inside a page (a `<script>` element, an attribute): every writer of
    JSON into a page uses this. Whatever the text, it cannot close its element or open a comment."""
    return json.dumps(value, ensure_ascii=False).translate(JSON_ESCAPES)


def url_path(name: str) -> str:
    """A file name (or path) as it goes in an address: every character but letters, digits, `/` and
    `-._~` percent-encoded as UTF-8 (`notes #1.txt` → `notes%20%231.txt`)."""
    return urllib.parse.quote(name, safe="/")


def plain_text(policy: Policy, text: str) -> str:
    """Text without markup, options shown as their brackets (for titles and search entries)."""
    return inline.as_written(text, policy.bracket_of)


def first_words(policy: Policy, text: str, count: int) -> str:
    """The first `count` words of a text as written (`plain_text`), with `…` when it has more."""
    words = plain_text(policy, text).split()
    return " ".join(words[:count]) + ("…" if len(words) > count else "")


def date_text(value) -> str:
    if isinstance(value, dt.date):
        return DATES.shown(value)
    return ""


def href(from_page: str, to_page: str, anchor: str | None = None) -> str:
    """Relative address from one generated page to another (or to a file), as the built site has it.

    Links inside HTML blocks are not rewritten by the site engine, so we write the final form:
    `x.md` is served as `x.html` (the site is built without directory URLs so it works from disk).
    A place on the same page is its anchor alone.
    """
    if anchor and to_page == from_page:
        return f"#{anchor}"
    target = to_page[:-3] + ".html" if to_page.endswith(".md") else to_page
    relative = _relative(target, _folder(from_page))
    return relative + (f"#{anchor}" if anchor else "")


@lru_cache(maxsize=4096)
def _folder(page: str) -> str:
    """The folder of a page as the built site has it (`.` for the top folder)."""
    return posixpath.dirname(page[:-3] + ".html" if page.endswith(".md") else page) or "."


# Pages link to the same few thousand files from a few folders, and relpath is slow.
@lru_cache(maxsize=1 << 15)
def _relative(target: str, start: str) -> str:
    return posixpath.relpath(target, start)


def diff_html(changes: list[Change], words_html: Callable[[Change, str], str] | None = None) -> str:
    """A word-level diff (see `generator.worddiff`) as HTML: provision breaks as line breaks, and each
    changed run in `<del>` or `<ins>` (struck through or underlined, so marking does not rely on colour).

    An insertion right after the deletion it replaces is set off by a space, which the text it
    replaced may not have had (`<del>Make</del> <ins>Refrain from making</ins>`).
    `words_html(change, words)` renders a run's words; by default they are escaped.
    """
    render = words_html or (lambda change, words: escape(words))
    out, previous = [], None
    for change in changes:
        tag = {"delete": "del", "insert": "ins"}.get(change.kind)
        lines = []
        for line in change.text.split("\n"):
            words = line.lstrip(" ")
            space = line[: len(line) - len(words)]
            html_words = render(change, words) if words else ""
            lines.append(space + (f"<{tag}>{html_words}</{tag}>" if tag and words else html_words))
        replaces = previous is not None and previous.kind == "delete" and change.kind == "insert"
        out.append((" " if replaces and not change.text[:1].isspace() else "") + "<br>".join(lines))
        previous = change
    return "".join(out)
