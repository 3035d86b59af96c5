"""`handbook adopt`: a policy drafted from a template joins the handbook as the policy of an agency.

The answers file is checked as `handbook draft` checks it (`drafting.checked_answers`: nothing is
written when anything is wrong). The policy file (`source/policies/<slug>.yml`) is the template's
provisions with the answers applied (`document.answered_pieces`, the one way answers are applied):
left-out parts gone, labels as the remaining items take them, each provision's topics those of the
template's, its footnotes kept. Beside it, its original (`source/originals/<slug>.txt`): the drafted
policy as plain text, the words the fidelity check compares the policy with.

The policy file is made in two steps, so that the page's "Add to a handbook" download writes the same
file knowing none of these rules: `adoption(corpus, template)` is the file's skeleton, made once from
the template, with slots for what the answers decide (a text of the template as runs, a label, a typed
date, a codebook answer by the alternative chosen, the agency's name and slug) and the conditions
under which a provision, or a codebook answer on it, is there; `adopted` fills it in, and
generator/writers/policy_file.py writes it. The page receives the skeleton as data (`skeleton_data`, in
a script of its own) and fills it in and writes it the same way (draft.js).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from ... import inline
from ...document import (
    FOOTNOTES_HEADING,
    Run,
    answered,
    answered_pieces,
    label_run,
    lines,
    runs_data,
    template_document,
    text_runs,
)
from ...files import FileRefused, write_new, write_refusal
from ...load import load_corpus
from ...model import Answer, Corpus, Policy, Provision, slugify
from ...problems import Problem, SourceError, display_path
from ...writers.formats import PLAIN_TEXT, POLICY_FILE
from ...writers.policy_file import policy_file

_WHITESPACE = re.compile(POLICY_FILE["whitespace"])


# --- The skeleton: the policy file, with slots for what the answers decide ------------------------------


@dataclass(frozen=True)
class When:
    """A condition on the answers: none of the parts of `kept` left out, every one of `omitted` left out."""

    kept: tuple[str, ...] = ()
    omitted: tuple[str, ...] = ()

    def holds(self, left_out: set[str]) -> bool:
        return not any(o in left_out for o in self.kept) and all(o in left_out for o in self.omitted)


@dataclass(frozen=True)
class Text:
    """A text of the template as the policy file holds it, the answers applied (`document.answered_pieces`):
    a footnote's reference as the table of formats writes it, each line's white space one space. `label`:
    a label, its text as it is; `optional`: nothing when it comes out empty."""

    runs: tuple[Run, ...]
    label: bool = False
    optional: bool = False


@dataclass(frozen=True)
class Typed:
    """What the answer to a fill-in says as typed (a date `YYYY-MM-DD`), at `place` when it differs
    there; nothing when it is empty or not answered."""

    option: str
    place: str | None = None


@dataclass(frozen=True)
class Coded:
    """A codebook answer: the code the codebook gives the alternative chosen (or `include`, `omit`);
    nothing when it gives none."""

    option: str
    codes: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Named:
    """A value given when the skeleton is filled: `agency`, `slug` or `answersFile`."""

    name: str


@dataclass(frozen=True)
class Joined:
    """Text and named values, one after the other."""

    parts: tuple[str | Named, ...]


@dataclass
class Mapping:
    """A mapping's entries (key, value, when it is there); an entry whose value comes out as nothing is
    left out, and a mapping of no entries is nothing."""

    entries: list[tuple[str, Node, When | None]] = field(default_factory=list)

    def add(self, key: str, value: Node, when: When | None = None) -> None:
        self.entries.append((key, value, when))


@dataclass
class Sequence:
    """A list's items (value, when it is there); as a mapping's, an item that is nothing is left out."""

    items: list[tuple[Node, When | None]] = field(default_factory=list)


Node = str | int | bool | Text | Typed | Coded | Named | Joined | Mapping | Sequence


@dataclass
class Skeleton:
    """The policy file of an agency adopting a template, short of the answers (`adopted` fills it in):
    its values, the comment heading it, and the names of the policy file and of its original text."""

    values: Mapping
    comment: Joined
    policy_file: Joined
    original_file: Joined


def adoption(corpus: Corpus, template: Policy) -> Skeleton:
    """The policy file `handbook adopt` writes for `template`, with slots for the answers: the policy of
    the agency named, its text the drafted template (left-out parts gone, labels as the items left take
    them), each provision's topics those of the template's, its answers to the codebook's questions
    those the answers give (`_codebook_entries`), its footnotes kept."""
    codebook = _codebook_entries(corpus, template)

    def text(value: str, place: str, optional: bool = False) -> Text:
        return Text(text_runs(template, value, place), optional=optional)

    def provisions(items: list[Provision]) -> Sequence:
        return Sequence([(provision(p), When(kept=(p.option,)) if p.option else None) for p in items])

    def provision(p: Provision) -> Mapping:
        out = Mapping()
        if p.label:
            out.add("label", Text((label_run(template, p),), label=True))
        for name in ("heading", "term", "text"):
            value = getattr(p, name)
            if value:
                out.add(name, text(value, p.id))
        if p.notes:
            out.add("notes", Sequence([(text(note, p.id), None) for note in p.notes]))
        if p.topics:
            out.add("topics", Sequence([(topic, None) for topic in p.topics]))
        if not p.comparable:
            out.add("comparable", False)
        if p.id in codebook:
            out.add("answers", Mapping(codebook[p.id]))
        if p.children:
            out.add("children", provisions(p.children))
        if not (p.label or p.heading or p.term or p.text):
            out.add("text", "")
        return out

    document = Mapping([("title", template.document.title, None)])
    if template.document.type:
        document.add("type", template.document.type)
    if template.document.number:
        document.add("number", text(template.document.number, "document.number", optional=True))
    for name in ("subject", "chapter"):
        if getattr(template.document, name):
            document.add(name, text(getattr(template.document, name), f"document.{name}"))
    slug = Named("slug")
    provenance = Joined(
        (f"drafted from the {template.agency.name}, {template.document.title}; answers file ", Named("answersFile"))
    )
    values = Mapping()
    values.add("schema", 1)
    values.add("slug", slug)
    values.add("kind", "policy")
    values.add("agency", Mapping([("name", Named("agency"), None)]))
    values.add("document", document)
    values.add("dates", _dates(template))
    references = [(text(r, f"references.{i}", optional=True), None) for i, r in enumerate(template.references)]
    values.add("references", Sequence(references))  # type: ignore[arg-type]
    original = Joined((slug, ".txt"))
    values.add("original", original)
    values.add("provenance", provenance)
    values.add("body", provisions(template.body))
    if template.footnotes:
        footnotes = [
            Mapping([("id", f.id, None), ("text", text(f.text, f"footnote.{f.id}"), None)]) for f in template.footnotes
        ]
        values.add("footnotes", Sequence([(footnote, None) for footnote in footnotes]))
        furniture = Mapping([("line", FOOTNOTES_HEADING, None), ("reason", FOOTNOTES_REASON, None)])
        values.add("furniture", Sequence([(furniture, None)]))
    comment = Joined(("Adopted with `handbook adopt`: ", *provenance.parts))
    return Skeleton(values, comment, Joined((slug, ".yml")), original)


FOOTNOTES_REASON = "the heading the drafted footnotes stand under"


def _dates(template: Policy) -> Mapping:
    """The header's dates as the policy file writes them (`YYYY-MM-DD`): an option's answer there, as
    typed (a date answer is checked to be one); a date left empty is left out."""

    def value(written, place: str) -> Node | None:
        if not isinstance(written, str):
            return written.isoformat() if written else None
        refs = inline.option_refs(written)
        if not refs:
            return written or None
        return Typed(refs[0], place) if template.defined_option(refs[0]).kind == "fill-in" else None

    dates = Mapping()
    for name in ("issued", "effective"):
        shown = value(getattr(template.dates, name), f"dates.{name}")
        if shown is not None:
            dates.add(name, shown)
    revised = [value(d, f"dates.revised.{i}") for i, d in enumerate(template.dates.revised)]
    dates.add("revised", Sequence([(d, None) for d in revised if d is not None]))
    return dates


def _codebook_entries(corpus: Corpus, template: Policy) -> dict[str, list[tuple[str, Node, When | None]]]:
    """The adopted policy's answers to the codebook's questions (a provision's `answers:`), by the id of
    the template provision that holds each, in the codebook's order.

    A question tied to an option takes the answer the codebook maps the chosen alternative to (an
    optional part: `include` or `omit`; an alternative mapped to nothing answers nothing); a `text`
    question tied to a fill-in takes the words typed. The template's own coded answers (on provisions
    with no choice in them) are kept, without a quote: the text they quoted may have changed."""
    entries: dict[str, list[tuple[str, Node, When | None]]] = {}
    tied = set()
    for question in corpus.questions:
        offered = next((t for t in corpus.template_answers(question.id) if t.policy is template), None)
        if offered is None or offered.provision is None:
            continue
        tied.add(question.id)
        node: Node
        if offered.option.kind == "fill-in":
            if question.kind != "text":
                continue
            node = Typed(offered.option.id)
        else:
            codes: dict[str, str] = {}
            for alternative, _, coded in offered.alternatives:
                if coded is not None:
                    codes.setdefault(alternative, coded.id)
            node = Coded(offered.option.id, tuple(codes.items()))
        for giver, when in _givers(offered.provision):
            entries.setdefault(giver.id, []).append((question.id, node, when))
    for provision in template.provisions():
        for coding in provision.answers:
            if coding.question not in tied:
                value: Node = (
                    Mapping([("answer", coding.answer, None), ("condition", coding.condition, None)])
                    if coding.condition
                    else coding.answer
                )
                entries.setdefault(provision.id, []).append((coding.question, value, None))
    return entries


def _givers(
    provision: Provision, kept: tuple[str, ...] = (), omitted: tuple[str, ...] = ()
) -> Iterator[tuple[Provision, When | None]]:
    """The provisions whose words may give an answer the template gives at `provision`, each with when
    it does: a heading alone gives none, so the first of its items kept in the drafted policy that has
    text (itself when every item is left out)."""
    if provision.text.strip():
        yield provision, When(kept, omitted) if kept or omitted else None
        return
    passed: tuple[str, ...] = ()
    for child in provision.children:
        if child.option is None:
            yield from _givers(child, kept, omitted + passed)
            return
        yield from _givers(child, (*kept, child.option), omitted + passed)
        passed += (child.option,)
    yield provision, When(kept, omitted + passed) if kept or omitted or passed else None


# --- Filling it in ----------------------------------------------------------------------------------------


def adopted(node: Node, answers: dict[str, Answer], names: dict[str, str]) -> object:
    """The skeleton's `node` filled in with `answers` and `names`: the values the policy file holds
    (None: nothing)."""
    left_out = {a.option for a in answers.values() if a.include is False}

    def fill(node: Node) -> object:
        if isinstance(node, Mapping):
            entries = ((key, fill(value)) for key, value, when in node.entries if when is None or when.holds(left_out))
            return {key: value for key, value in entries if value is not None} or None
        if isinstance(node, Sequence):
            items = (fill(value) for value, when in node.items if when is None or when.holds(left_out))
            return [value for value in items if value is not None] or None
        if isinstance(node, Text):
            return _text(node, answers)
        if isinstance(node, Typed):
            answer = answers.get(node.option)
            if answer is None:
                return None
            return (answer.places.get(node.place, answer.text) if node.place else answer.text) or None
        if isinstance(node, Coded):
            answer = answers.get(node.option)
            if answer is None:
                return None
            chosen = answer.choice or ("omit" if answer.include is False else "include" if answer.include else None)
            return dict(node.codes).get(chosen) if chosen else None
        if isinstance(node, Named):
            return names[node.name]
        if isinstance(node, Joined):
            return "".join(part if isinstance(part, str) else names[part.name] for part in node.parts)
        return node

    return fill(node)


def _text(node: Text, answers: dict[str, Answer]) -> str | None:
    pieces = answered_pieces(node.runs, answers)
    if node.label:
        return "".join(piece.text for piece in pieces)
    marks = POLICY_FILE["marks"]
    written = "".join(
        next((marks[m]["text"] for m in piece.marks if m in marks), "{text}").replace("{text}", piece.text)
        for piece in pieces
    )
    lines = (" ".join(word for word in _WHITESPACE.split(line) if word) for line in written.split("\n"))
    return "\n".join(lines).strip("\n") or (None if node.optional else "")


def policy_text(skeleton: Skeleton, answers: dict[str, Answer], names: dict[str, str]) -> str:
    """The policy file: the skeleton filled in, written."""
    values = adopted(skeleton.values, answers, names)
    return policy_file(cast(dict, values), cast(str, adopted(skeleton.comment, answers, names)))


def original_text(template: Policy, answers: dict[str, Answer]) -> str:
    """The drafted policy as plain text, a paragraph to a line (what `handbook draft` drafts), by the
    table of formats (a footnote's reference a superscript, as in a published original)."""
    document = answered(template_document(template), answers)
    marks = PLAIN_TEXT["marks"]

    def piece(p) -> str:
        maps = [marks[m]["map"] for m in p.marks if m in marks]
        return "".join(maps[0].get(c, c) for c in p.text) if maps else p.text

    lines_ = ("".join(piece(p) for p in line.pieces) for line in lines(document))
    return PLAIN_TEXT["blockSeparator"].join(lines_) + PLAIN_TEXT["end"]


# --- As data, for the page ----------------------------------------------------------------------------------


def skeleton_data(skeleton: Skeleton) -> dict:
    """The skeleton as JSON values, which the page fills in as `adopted` does (draft.js): a node is a
    value as it is, or an object named by its `node` key; a condition is `{kept, omitted}`."""
    return {"values": _node_data(skeleton.values), "comment": _node_data(skeleton.comment)}


def files_data(skeleton: Skeleton) -> dict:
    """The names of the files an adopting agency gets, as skeletons, and the folders of the source they
    go in: what the page says before the skeleton's script is loaded."""
    return {
        "files": {"policy": _node_data(skeleton.policy_file), "original": _node_data(skeleton.original_file)},
        "folders": {"policy": f"source/{FOLDERS[0]}/", "original": f"source/{FOLDERS[1]}/"},
    }


def _when_data(when: When | None) -> dict | None:
    return None if when is None else {"kept": list(when.kept), "omitted": list(when.omitted)}


def _node_data(node: Node) -> object:
    if isinstance(node, Mapping):
        return {"node": "mapping", "entries": [[k, _node_data(v), _when_data(w)] for k, v, w in node.entries]}
    if isinstance(node, Sequence):
        return {"node": "sequence", "items": [[_node_data(v), _when_data(w)] for v, w in node.items]}
    if isinstance(node, Text):
        return {"node": "text", "runs": runs_data(node.runs), "label": node.label, "optional": node.optional}
    if isinstance(node, Typed):
        return {"node": "typed", "option": node.option, "place": node.place}
    if isinstance(node, Coded):
        return {"node": "coded", "option": node.option, "codes": dict(node.codes)}
    if isinstance(node, Named):
        return {"node": "named", "name": node.name}
    if isinstance(node, Joined):
        return {"node": "joined", "parts": [p if isinstance(p, str) else _node_data(p) for p in node.parts]}
    return node


def adopt(
    source: Path, answers_path: Path, agency: str | None, slug: str | None = None, force: bool = False
) -> tuple[Path, Path]:
    """Everything `handbook adopt` does: the policy file and its original, written; `SourceError` lists
    every problem, and then nothing is written."""
    from .drafting import checked_answers  # which imports the page's renderer, which imports this module

    problems: list[Problem] = []
    try:
        template, answers, named = checked_answers(source, answers_path, allow_blank=False)
    except SourceError as exc:
        problems += exc.problems
        template, answers, named = None, {}, ""
    agency = " ".join((agency or named).split())
    if not agency:
        problems.append(_problem(answers_path, "--agency", "give the agency's name (or `agency:` in the answers file)"))
    slug = slug if slug is not None else slugify(agency)
    if slug != slugify(slug) or not slug:
        problems.append(_problem(answers_path, "--slug", f"{slug!r} is not a slug (lower-case letters, digits, -)"))
    typed = [a for a in answers.values() for t in (a.text, a.input, *a.places.values()) if t and inline.TOKEN.search(t)]
    for answer in typed:
        problems.append(
            _problem(
                answers_path, f"answers.{answer.option}", "an answer cannot hold {{…}}: it would read as a reference"
            )
        )
    if template is not None and slug == template.slug:
        problems.append(_problem(answers_path, "--slug", f"{slug} is the template's slug; give another"))
    skeleton = adoption(load_corpus(source), template) if template is not None else None
    names = {"agency": agency, "slug": slug, "answersFile": answers_path.name}
    files = (skeleton.policy_file, skeleton.original_file) if skeleton else ()
    targets = tuple(source / folder / cast(str, adopted(f, answers, names)) for folder, f in zip(FOLDERS, files))
    for target in targets if slug else ():
        reason = write_refusal(target)
        if reason is None and target.exists() and not force:
            reason = "exists; give --force to overwrite it"
        if reason:
            problems.append(Problem(display_path(target), 1, 1, "", f"{target.name} {reason}"))
    if problems or template is None or skeleton is None:
        raise SourceError(problems)
    try:
        write_new(targets[1], original_text(template, answers).encode("utf-8"))
        write_new(targets[0], policy_text(skeleton, answers, names).encode("utf-8"))
    except FileRefused as exc:
        raise SourceError([Problem(display_path(targets[0].parent), 1, 1, "", str(exc))]) from None
    return targets[0], targets[1]


FOLDERS = ("policies", "originals")  # of the source: where the policy file and its original text go


def _problem(path: Path, field: str, message: str) -> Problem:
    return Problem(display_path(path), 1, 1, field, message)
