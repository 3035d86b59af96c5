"""`handbook adopt`: a policy drafted from a template joins the handbook as the policy of an agency.

The answers file is checked as `handbook draft` checks it (`drafting.checked_answers`: nothing is
written when anything is wrong). The policy file (`source/policies/<slug>.yml`) is the template's
provisions with the answers applied (`document.answered_pieces`, the one way answers are applied):
left-out parts gone, labels as the remaining items take them, each provision's topics those of the
template's, its footnotes kept. Beside it, its original (`source/originals/<slug>.txt`): the drafted
policy as plain text, the words the fidelity check compares the policy with.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from ... import inline
from ...document import FOOTNOTES_HEADING, answered, answered_pieces, label_for, lines, template_document
from ...files import FileRefused, write_new, write_refusal
from ...load import load_corpus
from ...model import Answer, Corpus, Policy, Provision, slugify
from ...problems import Problem, SourceError, display_path
from .drafting import checked_answers


def codebook_answers(corpus: Corpus, template: Policy, answers: dict[str, Answer]) -> dict[str, dict[str, object]]:
    """The adopted policy's answers to the codebook's questions, by the id of the template provision that
    gives each (the provision's `answers:` in the policy file).

    A question tied to an option takes the answer the codebook maps the chosen alternative to (an
    optional part: `include` or `omit`; a part left out, or an alternative mapped to nothing, answers
    nothing); a `text` question tied to a fill-in takes the words typed. The template's own coded answers
    (on provisions with no choice in them) are kept, without a quote: the text they quoted may have changed."""
    omitted = {a.option for a in answers.values() if a.include is False}

    def giver(provision: Provision) -> Provision:
        """The provision whose words give an answer: a heading alone gives none, so the first of its
        items kept in the drafted policy that has text."""
        while not provision.text.strip():
            kept = [c for c in provision.children if c.option not in omitted]
            if not kept:
                break
            provision = kept[0]
        return provision

    decided: dict[str, dict[str, object]] = {}
    tied = set()
    for question in corpus.questions:
        offered = next((t for t in corpus.template_answers(question.id) if t.policy is template), None)
        if offered is None or offered.provision is None:
            continue
        tied.add(question.id)
        answer = answers.get(offered.option.id)
        if answer is None:
            continue
        if offered.option.kind == "fill-in":
            coded = answer.text if question.kind == "text" and answer.text else None
        else:
            chosen = answer.choice if offered.option.kind == "choice" else ("include" if answer.include else "omit")
            coded = next((c.id for alt, _, c in offered.alternatives if alt == chosen and c is not None), None)
        if coded:
            decided.setdefault(giver(offered.provision).id, {})[question.id] = coded
    for provision in template.provisions():
        for coding in provision.answers:
            if coding.question not in tied:
                value = {"answer": coding.answer, "condition": coding.condition} if coding.condition else coding.answer
                decided.setdefault(provision.id, {})[coding.question] = value
    return decided


def adopted_policy(
    template: Policy,
    answers: dict[str, Answer],
    agency: str,
    slug: str,
    provenance: str,
    decided: dict[str, dict[str, object]] | None = None,
) -> dict:
    """The policy file's values: the template's text as drafted with `answers`, of `agency`; `decided`,
    its answers to the codebook by template provision (`codebook_answers`)."""
    omitted = {a.option for a in answers.values() if a.include is False}
    decided = decided or {}

    def text(value: str, place: str) -> str:
        pieces = answered_pieces(template, value, place, answers)
        written = "".join(f"{{{{footnote:{p.text}}}}}" if "footnote-ref" in p.marks else p.text for p in pieces)
        return "\n".join(" ".join(line.split()) for line in written.split("\n")).strip()

    def provision(p: Provision) -> dict:
        out: dict = {}
        label = label_for(template, p, omitted)
        if label:
            out["label"] = label
        for name in ("heading", "term", "text"):
            value = getattr(p, name)
            if value:
                out[name] = text(value, p.id)
        notes = [text(note, p.id) for note in p.notes]
        if notes:
            out["notes"] = notes
        if p.topics:
            out["topics"] = list(p.topics)
        if not p.comparable:
            out["comparable"] = False
        if p.id in decided:
            out["answers"] = dict(decided[p.id])
        children = [provision(c) for c in p.children if c.option not in omitted]
        if children:
            out["children"] = children
        if not any(k in out for k in ("label", "heading", "term", "text")):
            out["text"] = ""
        return out

    document: dict = {"title": template.document.title}
    if template.document.type:
        document["type"] = template.document.type
    number = text(template.document.number, "document.number") if template.document.number else ""
    if number:
        document["number"] = number
    for name in ("subject", "chapter"):
        if getattr(template.document, name):
            document[name] = text(getattr(template.document, name), f"document.{name}")
    values: dict = {
        "schema": 1,
        "slug": slug,
        "kind": "policy",
        "agency": {"name": agency},
        "document": document,
    }
    dates = _dates(template, answers)
    if dates:
        values["dates"] = dates
    references = [text(r, f"references.{i}") for i, r in enumerate(template.references)]
    if any(references):
        values["references"] = [r for r in references if r]
    values["original"] = f"{slug}.txt"
    values["provenance"] = provenance
    values["body"] = [provision(p) for p in template.body if p.option not in omitted]
    if template.footnotes:
        values["footnotes"] = [{"id": f.id, "text": text(f.text, f"footnote.{f.id}")} for f in template.footnotes]
        values["furniture"] = [{"line": FOOTNOTES_HEADING, "reason": "the heading the drafted footnotes stand under"}]
    return values


def _dates(template: Policy, answers: dict[str, Answer]) -> dict:
    """The header's dates as the policy file writes them (`YYYY-MM-DD`): an option's answer there, as
    typed (a date answer is checked to be one); a date left empty is left out."""

    def value(written, place: str) -> str | None:
        if not isinstance(written, str):
            return written.isoformat() if written else None
        refs = inline.option_refs(written)
        if not refs:
            return written
        answer = answers.get(refs[0])
        typed = answer.places.get(place, answer.text) if answer else None
        return typed or None

    dates: dict = {}
    for name in ("issued", "effective"):
        shown = value(getattr(template.dates, name), f"dates.{name}")
        if shown:
            dates[name] = shown
    revised = [value(d, f"dates.revised.{i}") for i, d in enumerate(template.dates.revised)]
    if any(revised):
        dates["revised"] = [d for d in revised if d]
    return dates


SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def original_text(template: Policy, answers: dict[str, Answer]) -> str:
    """The drafted policy as plain text, a paragraph to a line (what `handbook draft` drafts), a
    footnote's reference a superscript (as in a published original; not a word of the text)."""
    document = answered(template_document(template), answers)

    def piece(p) -> str:
        return p.text.translate(SUPERSCRIPT) if "footnote-ref" in p.marks else p.text

    return "\n\n".join("".join(piece(p) for p in line.pieces) for line in lines(document)) + "\n"


class _Block(str):
    """Text written as a YAML literal block (a paragraph to a line)."""


def _block(dumper: yaml.SafeDumper, value: _Block) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(value), style="|")


def _literal_blocks(value):
    if isinstance(value, dict):
        return {k: _literal_blocks(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_literal_blocks(v) for v in value]
    if isinstance(value, str) and "\n" in value:
        return _Block(value)
    return value


class _Dumper(yaml.SafeDumper):
    """YAML's safe dumper, with multi-paragraph text as literal blocks."""


_Dumper.add_representer(_Block, _block)


def policy_yaml(values: dict) -> str:
    """The policy file's text, headed by where it came from."""
    body = yaml.dump(_literal_blocks(values), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=110)
    return "# Adopted with `handbook adopt`: " + values["provenance"] + "\n" + body


def adopt(
    source: Path, answers_path: Path, agency: str | None, slug: str | None = None, force: bool = False
) -> tuple[Path, Path]:
    """Everything `handbook adopt` does: the policy file and its original, written; `SourceError` lists
    every problem, and then nothing is written."""
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
    targets = (source / "policies" / f"{slug}.yml", source / "originals" / f"{slug}.txt")
    for target in targets if slug else ():
        reason = write_refusal(target)
        if reason is None and target.exists() and not force:
            reason = "exists; give --force to overwrite it"
        if reason:
            problems.append(Problem(display_path(target), 1, 1, "", f"{target.name} {reason}"))
    if problems or template is None:
        raise SourceError(problems)
    provenance = f"drafted from the {template.agency.name}, {template.document.title}; answers file {answers_path.name}"
    decided = codebook_answers(load_corpus(source), template, answers)
    values = adopted_policy(template, answers, agency, slug, provenance, decided)
    try:
        write_new(targets[1], original_text(template, answers).encode("utf-8"))
        write_new(targets[0], policy_yaml(values).encode("utf-8"))
    except FileRefused as exc:
        raise SourceError([Problem(display_path(targets[0].parent), 1, 1, "", str(exc))]) from None
    return targets


def _problem(path: Path, field: str, message: str) -> Problem:
    return Problem(display_path(path), 1, 1, field, message)
