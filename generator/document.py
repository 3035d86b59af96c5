"""The drafted policy as a structure, built once from the template: blocks of runs, every variant kept.

`template_document(policy)` recognises, in a template, what an agency's answers change: where each
option's typed text goes (`Slot`), a choice's alternatives (`Choice`, each a `Variant` of runs), an
optional part (`Part`, with the `[OPTIONAL]` marker `Blank` its blocks lead with) and the labels that
change when optional siblings before them are left out (`Label`). Everything else is plain `Words`,
with `Emphasis` (a bold label or `NOTE:`, an italic term) and footnote marks.

`answered(document, answers)` is the one function that applies answers: it returns the same structure
with each option decided (unanswered options keep their blanks). `lines(document)` flattens an answered
document into the paragraphs a file holds (`Line`, made of `Piece`s of text with their marks), which the
Markdown and Word writers (generator/writers/markdown.py, generator/writers/docx.py) write by the table of
formats (generator/writers/formats.py); the HTML writer (generator/features/draft/render.py) writes the structure itself.
`as_data(document)` is the structure as JSON for the browser, whose draft.js answers it the same way.

A policy as its pages show it (the policy page, the compare columns) is the same kind of structure:
`provision_blocks(policy, provision)` gives a provision's heading, paragraphs and notes as blocks of runs
(words, placeholders, footnote references), `terms_linked` links the glossary's terms in its words, and
generator/writers/html.py writes it.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Protocol, cast

from . import inline
from .inline import Words  # a run of text: the words as written
from .model import Answer, Policy, Provision, TemplateOption
from .render.html import date_text, first_words

MAX_HEADING_LEVEL = 6
FOOTNOTES_HEADING = "Footnotes"  # the heading the footnotes stand under

# --- Runs: the pieces of a block -------------------------------------------------------------------


@dataclass(frozen=True)
class Emphasis:
    """Runs set off by a kind of emphasis: `strong` (`NOTE:`) or `term` (a defined term)."""

    kind: str
    runs: tuple[Run, ...]


@dataclass(frozen=True)
class Label:
    """A provision's label; `variants` its label for each set of left-out optional siblings before it
    (keyed by their option ids joined with commas, in order; see `label_variants`), `renumber_by`
    those options. `strong`: set in bold (a label leading a paragraph, not a heading)."""

    text: str
    strong: bool = False
    renumber_by: tuple[str, ...] = ()
    variants: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Blank:
    """An option's bracket shown while the option is not answered (the `[OPTIONAL] ` marker)."""

    option: str
    text: str


@dataclass(frozen=True)
class Slot:
    """Where an option's typed text goes: `place` is the provision id or header field (or, for the text
    a choice's alternative asks for, the alternative's id, then also `alternative`). `blank` shows while
    it is not answered; `filled` is the answer in an answered document."""

    option: str
    place: str
    blank: str
    date: bool = False
    alternative: str | None = None
    filled: str | None = None


@dataclass(frozen=True)
class Variant:
    """One alternative of a choice, as text."""

    alternative: str
    runs: tuple[Run, ...]


@dataclass(frozen=True)
class Choice:
    """A choice between alternatives: each a variant; `blank` shows while none is chosen. In an
    answered document, `variants` holds only the chosen one, named by `chosen`."""

    option: str
    variants: tuple[Variant, ...]
    blank: str
    chosen: str | None = None


@dataclass(frozen=True)
class FootnoteRef:
    """A reference to a footnote in the text."""

    id: str


@dataclass(frozen=True)
class FootnoteMark:
    """The mark a footnote starts with."""

    id: str


Run = Words | Emphasis | Label | Blank | Slot | Choice | FootnoteRef | FootnoteMark


# --- Blocks: the paragraphs ------------------------------------------------------------------------

BLOCK_KINDS = ("title", "header", "paragraph", "note", "footnote") + tuple(
    f"heading-{level}" for level in range(2, MAX_HEADING_LEVEL + 1)
)


@dataclass(frozen=True)
class Block:
    """One paragraph: its kind (one of `BLOCK_KINDS`), its depth in the outline and its runs; `place`
    the provision id or header field it belongs to (`""`: the title)."""

    kind: str
    depth: int
    runs: tuple[Run, ...]
    place: str = ""

    @property
    def heading_level(self) -> int:
        """The level of a `heading-N` block (0 for other kinds)."""
        return int(self.kind.split("-")[1]) if self.kind.startswith("heading-") else 0


@dataclass(frozen=True)
class Part:
    """An optional part of the template: the blocks (and parts) kept or left out by `option`."""

    option: str
    items: tuple[Item, ...]


Item = Block | Part


@dataclass(frozen=True)
class Document:
    """The drafted policy: `answered` once `answered()` has applied answers to the template's."""

    slug: str
    title: str
    items: tuple[Item, ...]
    answered: bool = False


# --- Where options stand ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    """One place an option stands in the text: a provision id or a header field, and how to name it."""

    id: str
    name: str


def header_lines(policy: Policy) -> list[tuple[str, str]]:
    """The header of the drafted policy as (place id, text with `{{option}}` references) lines."""
    d, dates = policy.document, policy.dates
    lines = []
    if d.number:
        lines.append(("document.number", f"{d.type or 'Policy'} No. {d.number}"))
    for place, name, value in (
        ("dates.issued", "Issue date", dates.issued),
        ("dates.effective", "Effective date", dates.effective),
    ):
        if value:
            lines.append((place, f"{name}: {_date_value(value)}"))
    for i, value in enumerate(dates.revised):
        lines.append((f"dates.revised.{i}", f"Revision date: {_date_value(value)}"))
    lines += [(f"references.{i}", reference) for i, reference in enumerate(policy.references)]
    return lines


def _date_value(value) -> str:
    return date_text(value) if isinstance(value, dt.date) else value


def provision_texts(provision: Provision) -> list[str]:
    """The texts of a provision that may hold options: heading, term, text and notes."""
    return [t for t in (provision.heading, provision.term, provision.text, *provision.notes) if t]


def option_places(policy: Policy) -> dict[str, list[Place]]:
    """For each option, the places it stands: header fields and provisions, in reading order."""
    places: dict[str, list[Place]] = {o.id: [] for o in policy.options}

    def add(option_id: str, place: Place) -> None:
        if option_id in places and place not in places[option_id]:
            places[option_id].append(place)

    header_names = {
        "document.number": "header: policy number",
        "dates.issued": "header: issue date",
        "dates.effective": "header: effective date",
    }
    for place_id, text in header_lines(policy):
        for option_id in inline.option_refs(text):
            add(option_id, Place(place_id, header_names.get(place_id, f"header: {place_id}")))
    for provision in policy.provisions():
        if provision.option:
            add(provision.option, Place(provision.id, provision_name(policy, provision)))
        for text in provision_texts(provision):
            for option_id in inline.option_refs(text):
                add(option_id, Place(provision.id, provision_name(policy, provision)))
    return places


def provision_name(policy: Policy, provision: Provision) -> str:
    """`IV.A.1 Authorization: No employee shall create…`: where a provision is, for a person."""
    path = ".".join(label.strip(".()").rstrip(")") for label in provision.label_path)
    snippet = first_words(policy, provision.heading or provision.term or provision.text, 8)
    return f"{path} {snippet}".strip()


# --- Numbering when optional items are left out ----------------------------------------------------


def siblings_of(policy: Policy, provision: Provision) -> list[Provision]:
    return provision.parent.children if provision.parent else policy.body


def renumber_options(policy: Policy, provision: Provision) -> list[str]:
    """The optional siblings before `provision` whose omission changes its label, in order."""
    siblings = siblings_of(policy, provision)
    if not provision.label or not all(s.label for s in siblings):
        return []
    return [s.option for s in siblings[: siblings.index(provision)] if s.option]


def label_variants(policy: Policy, provision: Provision) -> dict[str, str]:
    """The provision's label for each set of left-out optional siblings before it.

    Keyed by the left-out option ids joined with commas, in order (`""`: none left out). A remaining
    item takes the label its position had in the original sequence (a., b., c. …), so the remaining
    items stay numbered without gaps.
    """
    siblings = siblings_of(policy, provision)
    index = siblings.index(provision)
    options = renumber_options(policy, provision)
    variants: dict[str, str] = {}
    for count in range(len(options) + 1):
        for omitted in itertools.combinations(options, count):
            variants[",".join(omitted)] = siblings[index - count].label or ""  # renumbered lists are all labelled
    return variants


def label_for(policy: Policy, provision: Provision, omitted: set[str]) -> str | None:
    """The provision's label once the optional parts in `omitted` are left out."""
    if not provision.label:
        return provision.label
    return resolved_label(_label(policy, provision, strong=False), omitted)


# --- The structure of a template -------------------------------------------------------------------


def template_document(policy: Policy) -> Document:
    """The template's text as blocks of runs, every alternative and label variant kept."""
    items: list[Item] = [Block("title", 0, (Words(policy.document.title),))]
    items += [Block("header", 0, _text_runs(policy, text, place), place) for place, text in header_lines(policy)]
    items += [item for provision in policy.body for item in _provision_items(policy, provision)]
    if policy.footnotes:
        items.append(Block("heading-2", 0, (Words(FOOTNOTES_HEADING),)))
        items += [
            Block(
                "footnote",
                0,
                (FootnoteMark(f.id), Words(" "), *_text_runs(policy, f.text, f"footnote.{f.id}")),
                f"footnote.{f.id}",
            )
            for f in policy.footnotes
        ]
    return Document(policy.slug, policy.document.title, tuple(items))


def _provision_items(policy: Policy, provision: Provision) -> list[Item]:
    depth, place = provision.depth, provision.id
    items: list[Item] = []
    marker: tuple[Run, ...] = ()
    if provision.option:
        marker = (Blank(provision.option, f"{policy.defined_option(provision.option).bracket} "),)
    if provision.heading:
        level = min(depth + 2, MAX_HEADING_LEVEL)
        label = (_label(policy, provision, strong=False), Words(" ")) if provision.label else ()
        heading = (*label, *marker, *_text_runs(policy, provision.heading, place))
        items.append(Block(f"heading-{level}", depth, heading, place))
        lead: tuple[Run, ...] = ()
    else:
        lead = ((_label(policy, provision, strong=True), Words(" ")) if provision.label else ()) + marker
    if provision.term:
        lead += (Emphasis("term", _text_runs(policy, provision.term, place)), Words(" – "))
    for i, paragraph in enumerate(inline.paragraphs(provision.text) or ([""] if lead else [])):
        items.append(Block("paragraph", depth, (lead if i == 0 else ()) + _text_runs(policy, paragraph, place), place))
    for note in provision.notes:
        items.append(
            Block(
                "note",
                depth,
                (Emphasis("strong", (Words("NOTE:"),)), Words(" "), *_text_runs(policy, note, place)),
                place,
            )
        )
    items += [item for child in provision.children for item in _provision_items(policy, child)]
    return [Part(provision.option, tuple(items))] if provision.option else items


def _label(policy: Policy, provision: Provision, strong: bool) -> Label:
    options = renumber_options(policy, provision)
    variants = tuple(label_variants(policy, provision).items()) if options else ()
    return Label(provision.label or "", strong, tuple(options), variants)


def text_runs(policy: Policy, text: str, place: str) -> tuple[Run, ...]:
    """A text of the template standing at `place` (a provision id or a header field) as runs: words,
    options where they stand, footnote references."""
    return _text_runs(policy, text, place)


def label_run(policy: Policy, provision: Provision) -> Label:
    """A provision's label as a run: its text, and its text for each set of left-out siblings before it."""
    return _label(policy, provision, strong=False)


def _text_runs(policy: Policy, text: str, place: str) -> tuple[Run, ...]:
    """One paragraph of policy text: words, options where they stand, footnote references."""
    return tuple(
        _option_run(policy.defined_option(run.option_id), place) if isinstance(run, inline.OptionRef) else run
        for run in _written_runs(text)[0]
    )


def _option_run(option: TemplateOption, place: str) -> Run:
    if option.kind == "fill-in":
        return Slot(option.id, place, option.bracket, option.format == "date")
    variants = []
    for alternative in option.alternatives:
        if not alternative.input:
            runs: tuple[Run, ...] = (Words(alternative.text),)
        else:
            before, _, after = alternative.text.partition("{input}")
            slot = Slot(option.id, alternative.id, f"[{alternative.input}]", option.format == "date", alternative.id)
            runs = tuple(r for r in (Words(before), slot, Words(after)) if not isinstance(r, Words) or r.text)
        variants.append(Variant(alternative.id, runs))
    return Choice(option.id, tuple(variants), option.bracket)


# --- Which options an optional part holds ------------------------------------------------------------


def options_within(document: Document) -> dict[str, list[str]]:
    """For each option that stands only inside optional parts, the parts (by their options, outermost
    first) that hold every place it stands: leaving out any of them leaves the option with nowhere to
    stand, so it is not asked. An optional part's own `[OPTIONAL]` marker is not inside that part."""
    within: dict[str, set[str]] = {}

    def runs_options(runs: tuple[Run, ...]) -> list[str]:
        found: list[str] = []
        for run in runs:
            if isinstance(run, (Blank, Slot, Choice)):
                found.append(run.option)
            if isinstance(run, Emphasis):
                found += runs_options(run.runs)
            if isinstance(run, Choice):
                found += [o for v in run.variants for o in runs_options(v.runs)]
        return found

    def walk(items: tuple[Item, ...], parts: tuple[str, ...]) -> None:
        for item in items:
            if isinstance(item, Part):
                walk(item.items, parts + (item.option,))
                continue
            for option in runs_options(item.runs):
                enclosing = {p for p in parts if p != option}
                within[option] = within.get(option, enclosing) & enclosing

    walk(document.items, ())
    order = {option: i for i, option in enumerate(_part_order(document.items))}
    return {o: sorted(parts, key=order.__getitem__) for o, parts in within.items() if parts}


def _part_order(items: tuple[Item, ...]) -> list[str]:
    out: list[str] = []
    for item in items:
        if isinstance(item, Part):
            out += [item.option, *_part_order(item.items)]
    return out


def asked(option_id: str, within: dict[str, list[str]], omitted: set[str]) -> bool:
    """Whether an option is asked: not when a part holding every place it stands is left out."""
    return not any(part in omitted for part in within.get(option_id, ()))


# --- Answering ---------------------------------------------------------------------------------------


def answered(document: Document, answers: dict[str, Answer]) -> Document:
    """The document with `answers` applied: left-out parts gone, kept ones in place, each label as its
    left-out siblings make it, each choice its chosen alternative, each slot its typed text (a date as
    the policy writes dates); what is not answered keeps its blank."""
    omitted = {a.option for a in answers.values() if a.include is False}
    resolve = _Answering(answers, omitted)
    return replace(document, items=resolve.items(document.items), answered=True)


@dataclass
class _Answering:
    answers: dict[str, Answer]
    omitted: set[str] = field(default_factory=set)

    def items(self, items: tuple[Item, ...]) -> tuple[Item, ...]:
        out: list[Item] = []
        for item in items:
            if isinstance(item, Part):
                if item.option not in self.omitted:
                    out += self.items(item.items)
            else:
                out.append(replace(item, runs=self.runs(item.runs)))
        return tuple(out)

    def runs(self, runs: tuple[Run, ...]) -> tuple[Run, ...]:
        out: list[Run] = []
        for run in runs:
            answer = self.answers.get(run.option) if isinstance(run, (Blank, Slot, Choice)) else None
            if isinstance(run, Emphasis):
                out.append(replace(run, runs=self.runs(run.runs)))
            elif isinstance(run, Label):
                out.append(Label(resolved_label(run, self.omitted), run.strong))
            elif isinstance(run, Blank):
                if answer is None:
                    out.append(run)
            elif isinstance(run, Slot):
                out.append(replace(run, filled=_typed(run, answer)))
            elif isinstance(run, Choice):
                chosen = answer.choice if answer else None
                variants = tuple(
                    Variant(v.alternative, self.runs(v.runs)) for v in run.variants if v.alternative == chosen
                )
                out.append(replace(run, variants=variants, chosen=chosen))
            else:
                out.append(run)
        return tuple(out)


def answered_pieces(runs: tuple[Run, ...], answers: dict[str, Answer]) -> tuple[Piece, ...]:
    """Runs of the template (`text_runs`: a heading, term, paragraph or note where it stands; or a
    label) with `answers` applied as `answered` applies them, as pieces of text with their marks."""
    omitted = {a.option for a in answers.values() if a.include is False}
    return _joined(_pieces(_Answering(answers, omitted).runs(runs), ()))


def resolved_label(label: Label, omitted: set[str]) -> str:
    """A label once the optional parts in `omitted` are left out."""
    if not label.renumber_by:
        return label.text
    return dict(label.variants)[",".join(o for o in label.renumber_by if o in omitted)]


def _typed(slot: Slot, answer: Answer | None) -> str | None:
    """The text an answer puts in a slot (None: not answered)."""
    if answer is None:
        return None
    if slot.alternative is not None:
        typed = answer.input if answer.choice == slot.alternative else None
    else:
        typed = answer.places.get(slot.place, answer.text)
    if typed and slot.date:
        return date_text(dt.date.fromisoformat(typed))
    return typed


# --- The paragraphs of a file ------------------------------------------------------------------------


@dataclass(frozen=True)
class Piece:
    """Text of one paragraph with its marks (keys of the table of formats' `marks`: `strong`, `term`,
    `blank`, `footnote-ref`, `footnote-mark`)."""

    text: str
    marks: tuple[str, ...] = ()


@dataclass(frozen=True)
class Line:
    """One paragraph of a drafted file: its kind (a block's), depth and pieces."""

    kind: str
    depth: int
    pieces: tuple[Piece, ...]


def lines(document: Document) -> list[Line]:
    """The paragraphs of an answered document, as Markdown and Word files hold them: neighbouring text
    with the same marks is one piece."""
    if not document.answered:
        raise ValueError("only an answered document has lines (see `answered`)")
    return [Line(b.kind, b.depth, _joined(_pieces(b.runs, ()))) for b in document.items if isinstance(b, Block)]


def _joined(pieces: list[Piece]) -> tuple[Piece, ...]:
    out: list[Piece] = []
    for piece in pieces:
        if not piece.text:
            continue
        if out and out[-1].marks == piece.marks:
            out[-1] = Piece(out[-1].text + piece.text, piece.marks)
        else:
            out.append(piece)
    return tuple(out)


def _pieces(runs: tuple[Run, ...], marks: tuple[str, ...]) -> list[Piece]:
    out: list[Piece] = []
    for run in runs:
        if isinstance(run, Words):
            out.append(Piece(run.text, marks))
        elif isinstance(run, Emphasis):
            out += _pieces(run.runs, marks + (run.kind,))
        elif isinstance(run, Label):
            out.append(Piece(run.text, marks + ("strong",) if run.strong else marks))
        elif isinstance(run, Blank):
            out.append(Piece(run.text, marks + ("blank",)))
        elif isinstance(run, Slot):
            out.append(Piece(run.filled, marks) if run.filled is not None else Piece(run.blank, marks + ("blank",)))
        elif isinstance(run, Choice):
            chosen = [v for v in run.variants if v.alternative == run.chosen]
            out += _pieces(chosen[0].runs, marks) if chosen else [Piece(run.blank, marks + ("blank",))]
        elif isinstance(run, FootnoteRef):
            out.append(Piece(run.id, marks + ("footnote-ref",)))
        else:
            out.append(Piece(run.id, marks + ("footnote-mark",)))
    return out


# --- As data, for the browser ------------------------------------------------------------------------


def as_data(document: Document) -> dict:
    """The structure as JSON values: an item is `{"part": option, "items": […]}` or
    `{"kind", "depth", "runs"}`; a run is a string (words) or an object named by its `run` key."""
    return {"slug": document.slug, "title": document.title, "items": [_item_data(i) for i in document.items]}


def _item_data(item: Item) -> dict:
    if isinstance(item, Part):
        return {"part": item.option, "items": [_item_data(i) for i in item.items]}
    return {"kind": item.kind, "depth": item.depth, "runs": runs_data(item.runs)}


def runs_data(runs: tuple[Run, ...]) -> list:
    """Runs as JSON values (see `as_data`)."""
    return [_run_data(run) for run in runs]


def _run_data(run: Run) -> object:
    if isinstance(run, Words):
        return run.text
    if isinstance(run, Emphasis):
        return {"run": "emphasis", "kind": run.kind, "runs": runs_data(run.runs)}
    if isinstance(run, Label):
        data: dict = {"run": "label", "text": run.text, "strong": run.strong}
        if run.renumber_by:
            data |= {"renumberBy": list(run.renumber_by), "variants": dict(run.variants)}
        return data
    if isinstance(run, Blank):
        return {"run": "blank", "option": run.option, "text": run.text}
    if isinstance(run, Slot):
        data = {"run": "slot", "option": run.option, "place": run.place, "blank": run.blank, "date": run.date}
        return data | ({"alternative": run.alternative} if run.alternative else {})
    if isinstance(run, Choice):
        variants = [{"alternative": v.alternative, "runs": runs_data(v.runs)} for v in run.variants]
        return {"run": "choice", "option": run.option, "variants": variants, "blank": run.blank}
    if isinstance(run, FootnoteRef):
        return {"run": "footnote-ref", "id": run.id}
    return {"run": "footnote-mark", "id": run.id}


# --- A policy as its pages show it -------------------------------------------------------------------
#
# The policy page and the compare columns show a policy as written, not drafted: an option stands as its
# bracket (`Placeholder`), an optional provision leads with an `[OPTIONAL]` badge (`OptionalMark`), and
# words naming a glossary term may link to its entry (`TermLink`, made from words by `link_terms`). These
# runs are kept apart from the drafted document's (`Run`), whose writers never meet them. Their HTML
# writer is generator/writers/html.py.


@dataclass(frozen=True)
class Placeholder:
    """A template option where it stands in a policy as written: its bracket and its label."""

    option: str
    bracket: str
    label: str


@dataclass(frozen=True)
class OptionalMark:
    """The `[OPTIONAL]` badge an optional provision leads with: the option it depends on, and its label."""

    option: str
    label: str


@dataclass(frozen=True)
class TermTarget:
    """Where a term link leads from a policy's page (`href`: the glossary entry, whose anchor is `anchor`)
    and the definition its popover quotes: the term as that definition writes it (`term`), whose
    definition it is in words (`whose`), its first words (`definition`), and whether it is the policy's
    own (`own`) or another department's (the policy does not define the term)."""

    href: str
    anchor: str
    term: str
    whose: str
    definition: str
    own: bool


@dataclass(frozen=True)
class TermLink:
    """Words naming a glossary term, linked to its entry."""

    text: str
    target: TermTarget


PageRun = Words | FootnoteRef | Placeholder | TermLink


@dataclass(frozen=True)
class PageBlock:
    """One block of a provision on a page: its kind (`heading-N`, `paragraph`, `definition`: a paragraph
    of a provision defining a term, `note`), its depth in the outline and its runs."""

    kind: str
    depth: int
    runs: tuple[PageRun, ...]

    @property
    def heading_level(self) -> int:
        """The level of a `heading-N` block (0 for other kinds)."""
        return int(self.kind.split("-")[1]) if self.kind.startswith("heading-") else 0


@dataclass(frozen=True)
class ProvisionBlocks:
    """One provision as a policy's pages show it: its id (the anchor), depth, label, `optional` (the
    badge of an optional provision), term, and its blocks: its heading (`heading-N`) when it has one,
    one block per paragraph of its text (`definition` when it defines a term, else `paragraph`; none
    when it has no text), one per note (`note`)."""

    id: str
    depth: int
    label: str | None
    optional: OptionalMark | None
    term: str | None
    heading: PageBlock | None
    paragraphs: tuple[PageBlock, ...]
    notes: tuple[PageBlock, ...]


def provision_blocks(policy: Policy, provision: Provision) -> ProvisionBlocks:
    """A provision of `policy` as its pages show it (see `ProvisionBlocks`), no term linked yet."""
    depth = provision.depth
    heading = None
    if provision.heading:
        level = min(depth + 2, MAX_HEADING_LEVEL)
        heading = PageBlock(f"heading-{level}", depth, written_runs(policy, provision.heading))
    kind = "definition" if provision.term else "paragraph"
    paragraphs = tuple([PageBlock(kind, depth, written_runs(policy, t)) for t in inline.paragraphs(provision.text)])
    notes = tuple([PageBlock("note", depth, written_runs(policy, note)) for note in provision.notes])
    optional = None
    if provision.option:
        option = policy.option(provision.option)
        optional = OptionalMark(provision.option, option.label if option else provision.option)
    return ProvisionBlocks(provision.id, depth, provision.label, optional, provision.term, heading, paragraphs, notes)


def written_runs(policy: Policy, text: str) -> tuple[PageRun, ...]:
    """One text of a policy as written: its words, each option as its placeholder, footnote references."""
    runs, has_options = _written_runs(text)
    if not has_options:
        return cast(tuple[PageRun, ...], runs)  # words and footnote references only
    return tuple(placeholder(policy, r.option_id) if isinstance(r, inline.OptionRef) else r for r in runs)


# Agencies share most of their wording, and a provision may be drawn on several pages: the runs of a text
# are made once (they are immutable), options left as references for the policy to name.
@lru_cache(maxsize=inline.CACHED_TEXTS)
def _written_runs(text: str) -> tuple[tuple[Words | FootnoteRef | inline.OptionRef, ...], bool]:
    """The runs of a text, options as their references, and whether it holds any option."""
    runs: list[Words | FootnoteRef | inline.OptionRef] = []
    for segment in inline.segments(text):
        if isinstance(segment, inline.FootnoteRef):
            runs.append(FootnoteRef(segment.footnote_id))
        else:
            runs.append(segment)
    return tuple(runs), any(isinstance(run, inline.OptionRef) for run in runs)


def placeholder(policy: Policy, option_id: str) -> Placeholder:
    """An option of `policy` as its placeholder (an option the checks would refuse shows as its id)."""
    option = policy.option(option_id)
    return Placeholder(option_id, option.bracket if option else option_id, option.label if option else option_id)


class TermFinder(Protocol):
    """The glossary's terms as `link_terms` finds them (the glossary's `TermLinker`)."""

    def mentions(self, text: str) -> Sequence[tuple[int, int, str]]:
        """Where terms are named in `text`, in order: (start, end, the anchor of the term's entry)."""
        ...

    def anchor_of(self, term: str) -> str | None:
        """The anchor of the entry of a term as a provision writes it, if the glossary has it."""
        ...

    def target(self, policy: Policy, anchor: str) -> TermTarget:
        """Where a link from `policy`'s page to the entry `anchor` leads, and the definition it quotes."""
        ...


def terms_linked(policy: Policy, provision: ProvisionBlocks, terms: TermFinder) -> ProvisionBlocks:
    """The provision with the first mention of each glossary term in its text linked (`link_terms`);
    never the term it defines itself, nor words in its heading or notes."""
    linked = {anchor} if provision.term and (anchor := terms.anchor_of(provision.term)) else set()
    paragraphs = tuple(
        block
        if (runs := link_terms(policy, block.runs, terms, linked)) is block.runs
        else PageBlock(block.kind, block.depth, runs)
        for block in provision.paragraphs
    )
    if all(new is old for new, old in zip(paragraphs, provision.paragraphs)):
        return provision
    p = provision  # made for each provision of each policy: its fields copied, faster than `replace`
    return ProvisionBlocks(p.id, p.depth, p.label, p.optional, p.term, p.heading, paragraphs, p.notes)


def link_terms(policy: Policy, runs: tuple[PageRun, ...], terms: TermFinder, linked: set[str]) -> tuple[PageRun, ...]:
    """`runs` with the first mention of each term not in `linked` (entry anchors, to which it adds) as a
    `TermLink` (the same tuple when there is none). Only words are searched: never a placeholder's
    bracket or a footnote mark."""
    out: list[PageRun] = []
    changed = False
    for run in runs:
        if not isinstance(run, Words):
            out.append(run)
            continue
        position = 0
        for start, end, anchor in terms.mentions(run.text):
            if anchor in linked:
                continue
            linked.add(anchor)
            if start > position:
                out.append(Words(run.text[position:start]))
            out.append(TermLink(run.text[start:end], terms.target(policy, anchor)))
            position = end
        if position == 0:
            out.append(run)
            continue
        changed = True
        if position < len(run.text):
            out.append(Words(run.text[position:]))
    return tuple(out) if changed else runs
