"""A policy file's values as YAML, by the table of formats (`formats.POLICY_FILE`): what `handbook adopt`
writes, and what the page's "Add to a handbook" download writes the same way (draft.js).

Block style throughout; every text written in the first of these that can hold it: plain, a folded
block (a long line of words), a literal block (several lines), double quotes (anything). Nothing a
text holds can end it early or read as YAML's syntax: a text is plain only when the table's `notPlain`
finds nothing in it, and in double quotes it is escaped as JSON escapes it (and a few more characters).
"""

from __future__ import annotations

import json
import re

from .formats import POLICY_FILE

_NOT_PLAIN = re.compile(POLICY_FILE["notPlain"])
_UNPRINTABLE = re.compile(POLICY_FILE["unprintable"])
_ESCAPED = re.compile(POLICY_FILE["escaped"])
_WHITESPACE = re.compile(POLICY_FILE["whitespace"])


def policy_file(values: dict, comment: str = "") -> str:
    """`values` (mappings, lists, texts, whole numbers, booleans) as the policy file's YAML, headed by
    `comment` (on one line: its white space and unprintable characters are single spaces)."""
    out: list[str] = []
    if comment:
        out.append(POLICY_FILE["comment"] + _one_line(comment))
    _mapping(values, 0, out)
    return "\n".join(out) + "\n"


def _one_line(text: str) -> str:
    return " ".join(word for word in _WHITESPACE.split(_UNPRINTABLE.sub(" ", text)) if word)


def _mapping(values: dict, indent: int, out: list[str], first: str | None = None) -> None:
    """A mapping's entries at `indent`; `first`: what the first entry's line starts with instead of the
    indentation (a sequence's `- `)."""
    for i, (key, value) in enumerate(values.items()):
        lead = first if i == 0 and first is not None else " " * indent
        _node(f"{lead}{_scalar_line(str(key))}:", value, indent, out)


def _node(head: str, value: object, indent: int, out: list[str]) -> None:
    """`value` after `head` (a key and its colon, or a sequence's dash), whose line is at `indent`."""
    step = POLICY_FILE["indent"]
    if isinstance(value, dict) and value:
        if head.endswith("-"):
            _mapping(value, indent + step, out, first=head + " ")
        else:
            out.append(head)
            _mapping(value, indent + step, out)
    elif isinstance(value, list) and value:
        out.append(head)
        for item in value:
            _node(" " * (indent + step) + "-", item, indent + step, out)
    else:
        out += _scalar(head, value, indent + step)


def _scalar(head: str, value: object, indent: int) -> list[str]:
    """The lines of a scalar after `head`; a block's lines at `indent`."""
    if isinstance(value, bool):
        return [f"{head} {'true' if value else 'false'}"]
    if isinstance(value, int):
        return [f"{head} {value}"]
    if isinstance(value, (dict, list)):
        return [f"{head} {'{}' if isinstance(value, dict) else '[]'}"]
    text = str(value)
    if "\n" in text:
        if _literal_fits(text):
            return [f"{head} |-", *(" " * indent + line if line else "" for line in text.split("\n"))]
        return [f"{head} {quoted(text)}"]
    if len(head) + 1 + len(text) > POLICY_FILE["width"] and _foldable(text):
        return [f"{head} >-", *(" " * indent + line for line in _wrapped(text, POLICY_FILE["width"] - indent))]
    return [f"{head} {_scalar_line(text)}"]


def _scalar_line(text: str) -> str:
    """A text on the line of its key: plain when it can be, else in double quotes."""
    return quoted(text) if _NOT_PLAIN.search(text) else text


def quoted(text: str) -> str:
    """A text in double quotes: JSON's escapes, and `\\uXXXX` for the characters JSON leaves but YAML cannot hold."""
    return _ESCAPED.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False))


def _foldable(text: str) -> bool:
    """Words separated by single spaces (a folded block reads each line break as one space)."""
    return " " in text and "  " not in text and text == text.strip(" ") and not _UNPRINTABLE.search(text)


def _literal_fits(text: str) -> bool:
    """Whether a literal block gives the text back: every line printable, none starting or ending with a
    space, no empty line first or last (the block's indentation and end would read otherwise)."""
    lines = text.split("\n")
    return (
        bool(lines[0])
        and bool(lines[-1])
        and all(not _UNPRINTABLE.search(line) and line == line.strip(" ") for line in lines)
    )


def _wrapped(text: str, width: int) -> list[str]:
    """The words of `text` as lines of at most `width` characters (a longer word on a line of its own)."""
    lines: list[str] = []
    for word in text.split(" "):
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines
