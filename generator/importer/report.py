"""The review report: what a person should look at before the draft joins the handbook."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import fidelity
from ..model import Policy
from .draft import is_comparable, provision_ids
from .state import DROPPED_HYPHEN, ImportState, Line, Node

DIGITS = re.compile(r"\d+")

# What a person acts on, by kind, in the order to look at them: (key, title, group). A group's
# sections are listed under one heading (the guesses: labels, metadata, topics).
SECTIONS = (
    ("items", "Empty or merged items", ""),
    ("definitions", "Unrecognised definitions", ""),
    ("unplaced", "Lines it could not place", ""),
    ("numbering", "Numbering: gaps and labels out of order", ""),
    ("labels", "Labels inferred, repaired or left unlabelled", "Guesses"),
    ("metadata", "Metadata found, guessed and missing", "Guesses"),
    ("topics", "Topics suggested and provisions to tag", "Guesses"),
    ("furniture", "Removed furniture", ""),
    ("hyphenation", "Words joined across a hyphen at a line's end", ""),
)


@dataclass
class WordFidelity:
    """How many of the original's words the draft keeps, in order (generator/fidelity.py's check)."""

    total: int
    kept: int
    message: str

    @property
    def percent(self) -> float:
        return 100.0 * self.kept / self.total if self.total else 100.0


def word_fidelity(policy: Policy, original_text: str) -> WordFidelity:
    """The body must be one run of the original's words (furniture removed, repairs undone) and every
    word outside it must be kept as metadata; words that are neither count as lost."""
    result = fidelity.compare(policy, original_text)
    source = fidelity.original_words(policy, original_text)
    if not result.ok:
        body = fidelity.body_words(policy)
        matched = 0
        while (
            matched < len(body)
            and result.body_start + matched < len(source)
            and source[result.body_start + matched] == body[matched]
        ):
            matched += 1
        return WordFidelity(len(source), matched, result.message)
    lost = fidelity.unaccounted_words(policy, original_text, result)
    message = "every word is in the draft, in order" if not lost else f"not in the draft: {' '.join(lost[:20])}"
    return WordFidelity(len(source), len(source) - len(lost), message)


def render_report(state: ImportState, policy: Policy, words: WordFidelity, where: dict[str, str]) -> str:
    """The report as Markdown: counts first, then each kind's list with the line of the original
    (`line N:`) each entry is about. `where` names the files: `draft`, `original`, `input`."""
    ids = provision_ids(state, policy.slug)
    entries = _entries(state, ids)
    nodes = list(state.nodes())
    untagged = [node for node in nodes if is_comparable(node)]
    suggested = sum(1 for n in untagged if n.suggested)
    counts = {key: len(entries[key]) for key, _, _ in SECTIONS}
    counts["topics"] = len(untagged)
    lines = [
        f"# Import review: {policy.slug}",
        "",
        f"Draft: `{where['draft']}`, imported from `{where['input']}` (kept as `{where['original']}`).",
        "",
        (
            f"{len(nodes)} provisions ({sum(1 for n in nodes if n.label)} labelled, "
            f"{sum(1 for n in nodes if n.term)} definitions); {len(untagged)} to tag with topics, "
            f"{suggested} of them with suggested topics. Words of the original in the draft, in order: "
            f"{words.percent:.1f} % of {words.total} ({words.message})."
        ),
        "",
        "## To check",
        "",
    ]
    for key, title, group in SECTIONS:
        shown = f"{group}: {title[0].lower()}{title[1:]}" if group else title
        extra = f" ({suggested} with suggestions)" if key == "topics" else ""
        lines.append(f"- {shown}: {counts[key]}{extra}")
    lines += ["", "Each entry below names the line of the original it is about (`line N:`)."]
    open_group = ""
    for key, title, group in SECTIONS:
        if group and group != open_group:
            lines += ["", f"## {group}"]
        open_group = group
        lines += ["", f"{'###' if group else '##'} {title} ({counts[key]})", ""]
        if key == "topics":
            lines += _topics(untagged, ids, state.no_suggestions)
        else:
            lines += entries[key] or ["None."]
    return "\n".join(lines) + "\n"


def _entries(state: ImportState, ids: dict[int, str]) -> dict[str, list[str]]:
    found: dict[str, list[tuple[int, str]]] = {key: [] for key, _, _ in SECTIONS}
    for finding in state.findings:
        found[finding.section].append((finding.line or 0, f"- {_at(finding.line)}{finding.message}"))
    for node in state.nodes():
        if node.label and node.label.guessed:
            found["labels"].append(
                (_first(node) or 0, f"- {_at(_first(node))}`{node.label.text}` ({ids[id(node)]}): {node.label.guessed}")
            )
        if node.unplaced:
            entry = (
                f"- {_at(_first(node))}{_quote(node)}: {node.unplaced}; in the draft as "
                f"the unlabelled paragraph {ids[id(node)]}"
            )
            found["unplaced"].append((_first(node) or 0, entry))
        for join in node.joins:
            kept = "hyphen dropped" if join.dropped else "hyphen kept"
            found["hyphenation"].append(
                (join.line, f"- {_at(join.line)}`{join.before}-` + `{join.after}` → `{join.joined}` ({kept})")
            )
    entries = {key: [entry for _, entry in sorted(pairs, key=lambda pair: pair[0])] for key, pairs in found.items()}
    entries["furniture"] = _furniture(state)
    entries["metadata"] += [f"- not found (a placeholder in the draft): {name}" for name in _missing(state)]
    return entries


def _furniture(state: ImportState) -> list[str]:
    """One entry per kind of removed line: a line repeated on many pages (a running header, `Page 2`,
    `Page 3`) is listed once, with the lines it stands on, and so is a block of lines removed together
    (a header table, an address footer)."""
    repeated: dict[tuple[str, str], list[Line]] = {}
    for line, reason in sorted(state.furniture, key=lambda item: item[0].number):
        text = "" if reason in state.grouped_furniture else DIGITS.sub("#", line.raw.strip())
        repeated.setdefault((text, reason), []).append(line)
    entries = []
    for (text, reason), lines in repeated.items():
        if not text and len(lines) > 1:  # a block of lines (a header table): one entry
            shown = f"`{lines[0].raw.strip()}` and {len(lines) - 1} more line{'s' if len(lines) > 2 else ''}"
        else:
            shown = f"`{lines[0].raw.strip()}`" + (" and the like" if len({x.raw.strip() for x in lines}) > 1 else "")
        where = _at(lines[0].number) if len(lines) == 1 else f"lines {', '.join(str(x.number) for x in lines)}: "
        entries.append(f"- {where}{shown}: {reason}")
    return entries


def _missing(state: ImportState) -> list[str]:
    meta = state.metadata
    missing = [
        name
        for key, name in (("type", "document type"), ("number", "document number"))
        if key not in meta.get("document", {})
    ]
    missing += [
        name
        for key, name in (("issued", "issue date"), ("effective", "effective date"))
        if key not in meta.get("dates", {})
    ]
    if not meta.get("signatories"):
        missing.append("signatories")
    return missing


def _topics(untagged: list[Node], ids: dict[int, str], no_suggestions: str) -> list[str]:
    if not untagged:
        return ["None."]
    suggested = [node for node in untagged if node.suggested]
    lines = [
        (
            f"{len(untagged)} provisions have `topics: []`; {len(suggested)} of them have `suggested_topics`: the "
            "topics of the handbook's most similar tagged provision (`from`), with their similarity (0 to 1). "
            "A suggestion is not a tag: check each against the provision it is from, then "
            "`handbook review FILE --accept` (with `--min-similarity X`, only those of at least X) makes them "
            "topics and `--clear` removes them. Tag the others with the ids of source/topics.yml they say "
            "something on, or write `comparable: false` when they say nothing to compare."
        ),
        "",
    ]
    if no_suggestions:
        lines += [f"No topics were suggested: {no_suggestions}.", ""]
    for node in untagged:
        guesses = ", ".join(f"`{s.topic}` {s.similarity:.2f} (like `{s.source}`)" for s in node.suggested)
        lines.append(
            f"- {_at(_first(node))}`{ids[id(node)]}` {_quote(node)}: "
            + (f"suggested {guesses}" if guesses else "no suggestion (nothing in the handbook is similar enough)")
        )
    return lines


def _quote(node: Node) -> str:
    text = (" ".join(node.paragraphs) or node.heading or node.term or "").replace(DROPPED_HYPHEN, "")
    return "“" + (text[:80] + "…" if len(text) > 80 else text) + "”"


def _first(node: Node) -> int | None:
    return node.lines[0] if node.lines else None


def _at(line: int | None) -> str:
    return f"line {line}: " if line else ""
