"""Rule: wrapped lines and end-of-line hyphenation — which lines make up one paragraph.

Text copied out of a PDF is hard-wrapped: a paragraph runs over several lines, sometimes with a blank
line where a page broke, and OCR drops the blank lines between paragraphs. A line continues the
paragraph above it unless something says a new one begins: a label, a blank line (unless the text
plainly runs on), a line above that ends short of the margin, or one that ends a sentence where the
next word would still have fitted.
"""

from __future__ import annotations

import re

from .definitions import split_term, starts_table_row
from .headings import title_cased
from .labels import is_section_style
from .state import DROPPED_HYPHEN, Block, ImportState, Join, Line

SHORT_LINE = 0.6  # a line shorter than this share of the text width ends its paragraph
UNWRAPPED_LINE = 150  # lines this long mean the text is not hard-wrapped (one line per paragraph)
SENTENCE_END = re.compile(r"[.!?:;][\"”’')\]]*$")
SOFT_HYPHEN_END = re.compile(r"(?<=[A-Za-z])-$")
DASH_END = re.compile(r"[—–]$")
WORD = re.compile(r"[A-Za-z]+")
COMPOUND_PREFIXES = {"non", "self", "ex", "co", "pre", "post", "anti", "multi", "semi", "off", "on", "in", "well"}


def join_wrapped_lines(state: ImportState) -> None:
    """Recognises the paragraphs of the body: joins each wrapped line to the line above it, and a word
    hyphenated at a line's end to its other half; every other line starts a new block."""
    lines = state.body_lines()
    long_lines = sum(1 for line in lines if len(line.text) > UNWRAPPED_LINE)
    state.wrapped = long_lines <= len(lines) // 10
    widths = _chunk_widths(lines)
    vocabulary = _vocabulary(lines)
    blocks: list[Block] = []
    previous: Line | None = None
    gap, in_list = False, False
    for line in lines:
        if line.blank:
            gap = True
            continue
        current = blocks[-1] if blocks else None
        if line.label:
            in_list = not is_section_style(line.label.readings[0][0])
        if current and previous and _continues(state, current, previous, line, gap, widths[line.number], in_list):
            _append(current, line, vocabulary)
        else:
            blocks.append(_new_block(line, state.format))
        previous, gap = line, False
    state.blocks = blocks


def _new_block(line: Line, fmt: str) -> Block:
    """A paragraph starting at `line`. An unlabelled bullet item belongs to a bullet list; in Markdown,
    nested lists are told apart by their indentation."""
    text = line.rest if line.label else line.text
    bullet = "" if not line.bullet or line.label else f"bullet@{line.indent}" if fmt == "md" else "bullet"
    return Block(
        lines=[line],
        label=line.label,
        text=" ".join(text.split()),
        titled=line.titled,
        heading=bool(line.heading) and not line.label,
        bullet=bullet,
    )


def _continues(state: ImportState, block: Block, above: Line, line: Line, gap: bool, width: int, in_list: bool) -> bool:
    """Whether `line` continues the paragraph `block`, whose last line is `above`. In a list (`in_list`),
    a line holding one whole sentence is an item of its own, whose label OCR may have lost."""
    if line.label or line.bullet or line.heading or block.heading or block.lone or above.heading:
        return False
    if starts_table_row(line):
        return False  # `Deadly Force | Any response…`: the next row of a definitions table
    if state.format == "md":
        return line.continues  # Markdown says where its paragraphs and list items begin
    if gap:  # a blank line, where a page broke inside a sentence or between paragraphs
        return _starts_lower(line.text) or above.text.endswith(",") or bool(SOFT_HYPHEN_END.search(above.text))
    if _starts_lower(line.text):
        return True
    if not state.wrapped:
        return False
    if len(above.text) < SHORT_LINE * width:
        return False
    if SENTENCE_END.search(above.text) and split_term(line.text):
        return False  # `Post – Any content placed on a social media site.`: the next definition
    if (
        len(block.lines) == 1
        and _starts_upper(line.text)
        and (_title_line(block.text) or (in_list and _whole_sentence(block.text)))
    ):
        return False
    first_word = line.text.split()[0]
    # Where the next word would have fitted, the line was ended on purpose.
    return not (SENTENCE_END.search(above.text) and len(above.text) + 1 + len(first_word) <= width)


def _append(block: Block, line: Line, vocabulary: set[str]) -> None:
    block.lines.append(line)
    text = " ".join(line.text.split())
    if SOFT_HYPHEN_END.search(block.text) and _starts_lower(text):
        before = WORD.findall(block.text)[-1]
        word = WORD.match(text)
        after = word[0] if word else ""
        dropped = _soft_hyphen(before, after, vocabulary)
        block.joins.append(Join(before, after, dropped, line.number))
        block.text = (block.text[:-1] + DROPPED_HYPHEN if dropped else block.text) + text
    elif DASH_END.search(block.text):
        block.text += text
    else:
        block.text = f"{block.text} {text}" if block.text else text


def _soft_hyphen(before: str, after: str, vocabulary: set[str]) -> bool:
    """Whether the hyphen in `respon-|sibility` only broke the word (drop it) rather than joining a
    compound (`user-|generated`, `off-|duty`, `non-|sworn`: keep it). The text itself decides: a form
    written elsewhere wins; two halves that are words of their own, or a prefix, make a compound."""
    joined, hyphenated = (before + after).lower(), f"{before}-{after}".lower()
    if hyphenated in vocabulary:
        return False
    if joined in vocabulary:
        return True
    halves_are_words = before.lower() in vocabulary and after.lower() in vocabulary
    return not (halves_are_words or before.lower() in COMPOUND_PREFIXES or len(before) == 1)


def _vocabulary(lines: list[Line]) -> set[str]:
    """Every word and hyphenated compound of the text, lower-cased (a word broken at a line's end
    is not one: its halves are not counted)."""
    words: set[str] = set()
    broken = False  # the line above ended in the middle of a word
    for line in lines:
        if line.blank:
            continue
        tokens = re.findall(r"[A-Za-z]+(?:-[A-Za-z]+)*", line.text)
        if broken and tokens:
            tokens.pop(0)
        broken = bool(SOFT_HYPHEN_END.search(line.text))
        if broken and tokens:
            tokens.pop()
        words |= {token.lower() for token in tokens}
        words |= {part.lower() for token in tokens for part in token.split("-")}
    return words


def _chunk_widths(lines: list[Line]) -> dict[int, int]:
    """For each line, the width of the text around it: the longest line of its run of non-blank lines."""
    widths: dict[int, int] = {}
    chunk: list[Line] = []
    for line in lines + [Line(0, "", "", role="blank")]:
        if line.blank:
            width = max((len(member.text) for member in chunk), default=0)
            widths.update({member.number: width for member in chunk})
            chunk = []
        else:
            chunk.append(line)
    return widths


def _starts_lower(text: str) -> bool:
    letter = next((ch for ch in text if ch.isalnum()), "")
    return letter.islower()


def _starts_upper(text: str) -> bool:
    letter = next((ch for ch in text if ch.isalnum()), "")
    return letter.isupper() or letter.isdigit()


def _whole_sentence(text: str) -> bool:
    """`Vetting techniques shall be applied uniformly to all candidates.`: a sentence on a line of its own."""
    return _starts_upper(text) and bool(SENTENCE_END.search(text))


def _title_line(text: str) -> bool:
    """`Operation of Department Sponsored Public Social Media Sites`: a short title, no closing punctuation."""
    words = text.split()
    return 0 < len(words) <= 10 and not SENTENCE_END.search(text) and not text.endswith(",") and title_cased(text)
