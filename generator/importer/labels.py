"""Rule: outline labels at the start of a line, and the arithmetic of label sequences.

A label's *style* names its kind and punctuation (`arabic.`, `(alpha-lower)`, `roman-upper.`,
`decimal-3`, `section-2`); its *ordinal* is its place in the sequence (`c)` → 3, `iv.` → 4,
`342.4.1` → 1). Siblings share a style, and the nesting rule keeps one level per style.
"""

from __future__ import annotations

import re

from .state import ImportState, Label

SECTION = re.compile(r"^(?P<label>(?:Section|SECTION|Sec\.)\s+(?P<number>\d+(?:\.\d+)*))(?P<sep>\s*[–—:-]\s*|\s+|$)")
DECIMAL = re.compile(r"^(?P<label>(?P<number>\d{1,4}(?:\.\d{1,3})+)\.?)(?P<sep>\s+[–—:-]\s+|\s+|$)")
PARENTHESISED = re.compile(r"^(?P<label>\((?P<token>\d{1,3}|[a-z]{1,5}|[A-Z]{1,5})\))(?P<sep>\s+|$)")
PUNCTUATED = re.compile(r"^(?P<label>(?P<token>\d{1,3}|[a-z]{1,5}|[A-Z]{1,5})(?P<mark>[.)]))(?P<sep>\s+|$)")
# A roman numeral OCR read with look-alike characters: `[1.` for `III.`, `il.` for `ii.`.
GARBLED_ROMAN = re.compile(r"^(?P<label>(?P<token>[\[\]|!1Iil][\[\]|!1IiLlVvXx]{0,4})\.)(?P<sep>\s+|$)")
ROMAN = re.compile(r"(?=[MDCLXVI])M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})", re.IGNORECASE)
ROMAN_VALUES = {"M": 1000, "D": 500, "C": 100, "L": 50, "X": 10, "V": 5, "I": 1}
DASH_SEPARATOR = re.compile(r"^\s*[–—:-]\s*")


def find_labels(state: ImportState) -> None:
    """Recognises a label at the start of each body line — `I.`, `A.`, `1.`, `a.`, `(1)`, `(a)`, `1)`,
    `a)`, `i.`/`ii.`, `8.03`, `Section 8.04 –`, `342.4.1` — and roman numerals OCR garbled with
    look-alike characters (`[1.`, `il.`). A label may stand alone on its line; its text then follows."""
    for line in state.lines:
        if line.role != "body":
            continue
        found = read_label(line.text)
        if found:
            line.label, line.rest, line.titled = found
            if line.heading:  # `## 3. Rules`: a section, apart from the lists (`1.`) under it
                readings = [(f"h{line.heading}:{style}", ordinal) for style, ordinal in line.label.readings]
                line.label, line.titled = Label(line.label.text, readings), bool(line.rest)
            if line.label_written:
                line.label.written = line.label_written
                line.label.guessed = (
                    f"Markdown shows this item as {line.label.text} (the source writes {line.label_written})"
                )


def read_label(text: str) -> tuple[Label, str, bool] | None:
    """The label at the start of `text`, the text after it, and whether that text is a title (`– Title`)."""
    if match := SECTION.match(text):
        return _numbered(match, text, "section")
    if match := DECIMAL.match(text):
        return _numbered(match, text, "decimal")
    if match := PARENTHESISED.match(text):
        readings = token_readings(match["token"], "({})")
        if readings:
            return Label(match["label"], readings), text[match.end() :].strip(), False
    if match := PUNCTUATED.match(text):
        readings = token_readings(match["token"], "{}" + match["mark"])
        if readings:
            return Label(match["label"], readings), text[match.end() :].strip(), False
    if match := GARBLED_ROMAN.match(text):
        case = "lower" if re.search(r"[ivx]", match["token"]) else "upper"
        return Label(match["label"], [(f"roman-{case}.", None)]), text[match.end() :].strip(), False
    return None


def _numbered(match: re.Match, text: str, kind: str) -> tuple[Label, str, bool]:
    parts = match["number"].split(".")
    label = Label(match["label"], [(f"{kind}-{len(parts)}", int(parts[-1]))])
    rest = text[match.end() :].strip()
    titled = bool(match["sep"].strip()) and bool(rest)
    return label, DASH_SEPARATOR.sub("", rest) if titled else rest, titled


def token_readings(token: str, pattern: str) -> list[tuple[str, int | None]]:
    """The (style, ordinal) readings of a label token: `4` → arabic 4; `c` → letter 3 or roman 100;
    `iv` → roman 4; `ab` → none (not a label)."""
    punctuation = pattern.replace("{}", "")
    styled = (lambda kind: f"({kind})") if punctuation == "()" else (lambda kind: kind + punctuation)
    if token.isdigit():
        return [(styled("arabic"), int(token))]
    case = "lower" if token.islower() else "upper"
    readings: list[tuple[str, int | None]] = []  # typed as a `Label`'s; here every ordinal is known
    if len(token) == 1:
        readings.append((styled(f"alpha-{case}"), ord(token.lower()) - ord("a") + 1))
    if ROMAN.fullmatch(token) and (token.islower() or token.isupper()):
        readings.append((styled(f"roman-{case}"), roman_value(token)))
    return readings


def roman_value(token: str) -> int:
    values = [ROMAN_VALUES[ch] for ch in token.upper()]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def roman_numeral(number: int) -> str:
    """`4` → `IV` (up to 3999)."""
    out = ""
    for value, numeral in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while number >= value:
            out, number = out + numeral, number - value
    return out


def label_at(sibling: Label, ordinal: int) -> str:
    """The label of the same style as `sibling` at position `ordinal`: after `D.` comes `E.`,
    after `(iii)` comes `(iv)`, after `342.4.2` comes `342.4.3`."""
    style = sibling.style.split(":")[-1]  # `h2:arabic.`: a Markdown heading's label
    kind = style.strip("()").rstrip(".)")
    if kind.startswith(("decimal", "section")):
        last = re.search(r"\d+(?=\D*$)", sibling.text)
        if last is None:
            raise ValueError(f"a numbered label without a number: {sibling.text!r}")
        number = str(ordinal).zfill(len(last[0]))  # `8.04` is followed by `8.05`
        return sibling.text[: last.start()] + number + sibling.text[last.end() :]
    token = {
        "arabic": str(ordinal),
        "alpha-lower": chr(ord("a") + ordinal - 1) if 1 <= ordinal <= 26 else str(ordinal),
        "alpha-upper": chr(ord("A") + ordinal - 1) if 1 <= ordinal <= 26 else str(ordinal),
        "roman-lower": roman_numeral(ordinal).lower(),
        "roman-upper": roman_numeral(ordinal),
    }[kind]
    if style.startswith("("):
        return f"({token})"
    return token + style[-1]


def is_section_style(style: str) -> bool:
    """Styles that head the top level of an outline: `I.`, `Section 8.04`, `342.1`, a Markdown heading's."""
    return style == "roman-upper." or style.startswith(("section", "h")) or style in ("decimal-1", "decimal-2")


def parent_style(style: str) -> str | None:
    """The style a numbered label nests under: `342.4.1` (decimal-3) under `342.4` (decimal-2)."""
    match = re.fullmatch(r"(decimal|section)-(\d+)", style)
    return f"{match[1]}-{int(match[2]) - 1}" if match and int(match[2]) > 1 else None
