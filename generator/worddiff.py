"""Word-level differences between two wordings (difflib), shared by comparisons and the glossary."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache

# A word or punctuation mark with the spaces before it, or a line break (which separates provisions).
WORD_TOKEN = re.compile(r"[^\S\n]*(?:[\w'’]+|[^\w\s])|\n")
# Wordings repeat (a topic's reference is compared with every other wording, the glossary is built for
# several pages), so the words of the most recent wordings and their differences are kept.
CACHED_WORDINGS = 4096


def word_tokens(text: str) -> list[str]:
    """Words and punctuation marks, each with the spaces that precede it, and provision breaks."""
    return WORD_TOKEN.findall(text)


@dataclass(frozen=True)
class Change:
    """A run of the compared wording: `equal` (in both), `delete` (left only) or `insert` (right only)."""

    kind: str
    text: str


def diff_words(left: str, right: str) -> tuple[list[Change], float]:
    """The changes turning `left` into `right`, word by word, and difflib's similarity ratio.

    Words are matched exactly (case and punctuation count) but spacing does not; a replaced run is
    shown as its deletion followed by its insertion.
    """
    changes, similarity = _diff(left, right)
    return list(changes), similarity


@lru_cache(maxsize=CACHED_WORDINGS)
def _diff(left: str, right: str) -> tuple[tuple[Change, ...], float]:
    left_tokens, left_words = _words(left)
    right_tokens, right_words = _words(right)
    matcher = difflib.SequenceMatcher(None, left_words, right_words, autojunk=False)
    changes: list[Change] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            changes.append(Change("equal", "".join(right_tokens[j1:j2])))
            continue
        if i2 > i1:
            changes.append(Change("delete", "".join(left_tokens[i1:i2])))
        if j2 > j1:
            changes.append(Change("insert", "".join(right_tokens[j1:j2])))
    return tuple(changes), matcher.ratio()


@lru_cache(maxsize=CACHED_WORDINGS)
def _words(text: str) -> tuple[list[str], list[str]]:
    """The tokens of `text` with their spaces (to show) and without (to compare)."""
    tokens = word_tokens(text)
    return tokens, [t.strip(" ") for t in tokens]
