"""The one state object every import rule reads and writes, and the pieces it is made of.

Like markdown-it's `StateCore`, it is created by a reader (plain text or Markdown) and then passed
through the rules of `generator/importer/rules.py` in order; each rule recognises one thing and
records what it found here, so the draft and the review report are built from the same facts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Marks, inside the text, the place of a hyphen dropped from a word broken at a line's end, until the
# draft records it as a repair (so the fidelity check can put it back) and removes the mark.
DROPPED_HYPHEN = "\ue000"


def literal_braces(text: str) -> str:
    """The original's own `{{` set apart (`{ {`), so that the draft does not read it as a placeholder
    or a footnote mark (`{{footnote:1}}` written in the original is its words, not a mark)."""
    return text.replace("{{", "{ {")


@dataclass
class Label:
    """An outline label as written (`IV.`, `(a)`, `Section 8.04`, `342.4.1`) and how it can be read.

    `readings` are the (style, ordinal) pairs the label can stand for: `I.` is the first roman numeral or
    the ninth letter. Nesting picks one and sets `style` and `ordinal`. A label OCR garbled beyond
    reading (`[1.` for `III.`) has a style but no ordinal until the sequence around it gives one.
    """

    text: str
    readings: list[tuple[str, int | None]]
    style: str = ""
    ordinal: int | None = None
    written: str | None = None  # the label as in the original: "" when OCR lost it (None: as `text`)
    guessed: str = ""  # why the label was inferred or repaired (empty: read as written)

    def __post_init__(self):
        if not self.style and len(self.readings) == 1:
            self.style, self.ordinal = self.readings[0]
        if self.written is None:
            self.written = self.text


@dataclass
class Line:
    """One line of the original, as the rules see it."""

    number: int  # 1-based line number in the original
    raw: str  # exactly as in the original
    text: str  # the words left to place: stripped, bullets and emphasis marks removed
    indent: int = 0
    bullet: bool = False  # the line started with a list bullet
    continues: bool = False  # Markdown: the line continues the previous one's paragraph (a soft break)
    heading: int = 0  # Markdown heading level (0: not a heading)
    label: Label | None = None
    rest: str = ""  # the text after the label
    label_written: str = ""  # Markdown: the item's number as the source writes it, when it shows another
    titled: bool = False  # `Section 8.04 – Title`: the rest is the provision's heading
    role: str = "body"  # body, blank, furniture, header, trailer
    layout: Any = None  # a PDF's: where the line stood on its page (`read_pdf.Layout`), else None

    @property
    def blank(self) -> bool:
        return self.role == "blank"


@dataclass
class Join:
    """Two lines joined across an end-of-line hyphen; `dropped` when the hyphen was a soft one."""

    before: str  # the word's part at the end of the first line (without the hyphen)
    after: str  # its part at the start of the next line
    dropped: bool
    line: int

    @property
    def joined(self) -> str:
        return self.before + self.after if self.dropped else f"{self.before}-{self.after}"


@dataclass
class Block:
    """A paragraph: one label (or none) and the lines its text was wrapped over."""

    lines: list[Line]
    label: Label | None = None
    text: str = ""
    titled: bool = False
    heading: bool = False  # an unlabelled heading line
    bullet: str = ""  # the bullet list it is an item of (`bullet`, or `bullet@4` by indentation), if any
    joins: list[Join] = field(default_factory=list)
    set_apart: bool = False  # its label stood alone on a line, apart from its text

    @property
    def first_line(self) -> int:
        return self.lines[0].number

    @property
    def lone(self) -> bool:
        """A label alone on its line, with no text of its own."""
        return self.label is not None and not self.text


@dataclass
class Node:
    """A provision being built: mirrors `model.Provision`, plus where it came from."""

    label: Label | None = None
    heading: str | None = None
    term: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)  # the original's line each paragraph starts on
    notes: list[str] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)
    comparable: bool = True
    lines: list[int] = field(default_factory=list)  # line numbers of the original it holds
    joins: list[Join] = field(default_factory=list)
    unplaced: str = ""  # why it is an unplaced paragraph (empty: it was placed)
    serial: bool = False  # an item of a list that runs on with commas or semicolons
    suggested: list[Any] = field(default_factory=list)  # its suggested topics (`topics.Suggestion`)

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class Finding:
    """Something the review report lists: which section, the original's line, what to look at."""

    section: str
    line: int | None
    message: str


@dataclass
class ImportState:
    """Everything known about one original while it is imported."""

    source: str
    format: str  # "txt" or "md"; "pdf" or "docx" for text extracted from a document's text layer
    document: str | None = None  # the PDF or Word file the text was extracted from, if any
    agency: str | None = None  # the agency's name given by the user, if any
    lines: list[Line] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    body: list[Node] = field(default_factory=list)
    metadata: dict = field(default_factory=dict)  # draft fields found in the header and trailer
    furniture: list[tuple[Line, str]] = field(default_factory=list)
    grouped_furniture: set[str] = field(default_factory=set)  # reasons of blocks of lines listed once (a header table)
    findings: list[Finding] = field(default_factory=list)
    wrapped: bool = True  # the text is hard-wrapped (a paragraph runs over several lines)
    topic_index: Any = None  # the handbook's tagged provisions (`topics.TopicIndex`) topics are suggested from
    no_suggestions: str = ""  # why no topics were suggested (the handbook could not be read), if so
    manual: Any = None  # for a policy of a manual of many: what the manual says (`manual.ManualContext`)

    @property
    def ocr(self) -> bool:
        """Whether the text may have OCR damage: typed or OCR'd text may; a PDF's text layer or a Word
        file's text is exactly what the agency wrote, so nothing in it is repaired or inferred."""
        return self.format in ("txt", "md")

    def note(self, section: str, line: int | None, message: str) -> None:
        self.findings.append(Finding(section, line, message))

    def remove_as_furniture(self, line: Line, reason: str) -> None:
        line.role = "furniture"
        self.furniture.append((line, reason))

    def body_lines(self) -> list[Line]:
        return [line for line in self.lines if line.role in ("body", "blank")]

    def nodes(self):
        for node in self.body:
            yield from node.walk()
