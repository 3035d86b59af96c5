"""The draft policy: the state's findings as the fields of a policy file (source/FIELDS.md), in order."""

from __future__ import annotations

import re

from ..model import Agency, Document, Policy, Provision, assign_ids
from .state import DROPPED_HYPHEN, ImportState, Node, literal_braces

# The original's own `{{` would read as a placeholder. In provisions' texts only the footnote marks
# `footnotes.link_footnote_marks` wrote are left (it set the original's own braces apart before).
STRAY_BRACES = re.compile(r"\{\{(?!footnote:\w+\}\})")
NON_WORD = re.compile(r"\W")
AGENCY_KEYS = ("name", "city", "state", "identified")
DOCUMENT_KEYS = ("title", "type", "number", "subject", "chapter")
DATE_KEYS = ("issued", "effective", "revised")


def build_draft(state: ImportState, slug: str, original: str) -> dict:
    """The draft as plain values, keys in the order source/FIELDS.md gives them."""
    meta = state.metadata
    ids = provision_ids(state, slug)
    repairs: list[dict] = []
    draft: dict = {
        "schema": 1,
        "slug": slug,
        "kind": "policy",
        "agency": _ordered(meta.get("agency", {}), AGENCY_KEYS),
        "document": _ordered(meta.get("document", {}), DOCUMENT_KEYS),
    }
    if "number" in draft["document"]:  # the one header field that may hold references (dates are dates)
        draft["document"]["number"] = literal_braces(draft["document"]["number"])
    dates = _ordered(meta.get("dates", {}), DATE_KEYS)
    if dates:
        draft["dates"] = dates
    for key in ("amends", "rescinds", "references", "distribution", "signatories"):
        if meta.get(key):
            draft[key] = meta[key]
    draft["original"] = original
    if state.document:
        draft["original_document"] = state.document
    draft["body"] = [_provision(node, ids, repairs) for node in state.body]
    for key in ("footnotes", "attachments"):
        if meta.get(key):
            draft[key] = meta[key]
    if state.furniture:
        draft["furniture"] = [
            {"line": line.raw.strip(), "reason": reason}
            for line, reason in sorted(state.furniture, key=lambda item: item[0].number)
        ]
    if repairs:
        draft["repairs"] = repairs
    return draft


def _ordered(values: dict, keys: tuple[str, ...]) -> dict:
    return {key: values[key] for key in keys if values.get(key) not in (None, "", [])}


def _provision(node: Node, ids: dict[int, str], repairs: list[dict]) -> dict:
    """One provision, keys in the order of source/FIELDS.md; what it changed from the original's words
    goes to `repairs`."""
    provision_id = ids[id(node)]
    out: dict = {}
    if node.label:
        out["label"] = node.label.text
        if node.label.written != node.label.text:
            repairs.append(
                {
                    "provision": provision_id,
                    "field": "label",
                    "original": node.label.written,
                    "repaired": node.label.text,
                    "reason": node.label.guessed,
                }
            )
    for field, value in (("heading", node.heading), ("term", node.term), ("text", "\n".join(node.paragraphs))):
        if value:
            out[field], dropped = _without_hyphen_marks(_literal_braces(value))
            repairs += [
                {
                    "provision": provision_id,
                    "field": field,
                    "original": original,
                    "repaired": repaired,
                    "reason": "word hyphenated at the end of a line, joined (the joined word occurs elsewhere)",
                }
                for original, repaired in dropped
            ]
    if node.notes:
        out["notes"] = [_literal_braces(note) for note in node.notes]
    if is_comparable(node):
        out["topics"] = []  # to be tagged: the report lists these, and the suggestions below
        if node.suggested:
            out["suggested_topics"] = [
                {"topic": s.topic, "similarity": s.similarity, "from": s.source} for s in node.suggested
            ]
        if node.suggested_answers:
            out["suggested_answers"] = [
                {"question": s.question, "answer": s.answer, "similarity": s.similarity, "from": s.source}
                for s in node.suggested_answers
            ]
    else:
        out["comparable"] = False
    if node.children:
        out["children"] = [_provision(child, ids, repairs) for child in node.children]
    return out


def _literal_braces(value: str) -> str:
    """The original's own `{{` (in any text field), set apart so that it does not read as a placeholder."""
    return STRAY_BRACES.sub("{ {", value)


def _without_hyphen_marks(value: str) -> tuple[str, list[tuple[str, str]]]:
    """The text without its dropped-hyphen marks, and for each mark the (original, repaired) pair that
    puts the hyphen back. The loader undoes repairs in order, each at the first place its `repaired`
    occurs: so the last mark comes first, and each takes as many words before it as make that first
    place its own."""
    clean = value.replace(DROPPED_HYPHEN, "")
    places = [at - n for n, at in enumerate(i for i, ch in enumerate(value) if ch == DROPPED_HYPHEN)]
    restored, pairs = clean, []
    for at in reversed(places):
        end = _word_end(restored, at)
        start = _word_start(restored, at)
        while restored.find(restored[start:end]) != start:
            start = _word_start(restored, start - 1)
        pairs.append((f"{restored[start:at]}-{restored[at:end]}", restored[start:end]))
        restored = f"{restored[:at]}-{restored[at:]}"
    return clean, pairs


def _word_end(text: str, at: int) -> int:
    """Where the word running on from `at` ends: at the first character that is no word character (at
    the text's end if none is)."""
    after = NON_WORD.search(text, at)
    return after.start() if after else len(text)


def _word_start(text: str, at: int) -> int:
    """Where the word running through `at` starts: after the space before it (0 at the text's start)."""
    return max(text.rfind(" ", 0, at), text.rfind("\n", 0, at)) + 1


def is_comparable(node: Node) -> bool:
    """Definitions, bare headings and unplaced paragraphs say nothing to compare by topic."""
    return node.comparable and not node.term and not node.unplaced and bool(node.paragraphs or node.notes)


def provision_ids(state: ImportState, slug: str) -> dict[int, str]:
    """Each node's provision id, derived exactly as the loader derives it (`model.assign_ids`)."""
    pairs: list[tuple[Node, Provision]] = []

    def mirror(node: Node) -> Provision:
        provision = Provision(
            label=node.label.text if node.label else None, children=[mirror(child) for child in node.children]
        )
        pairs.append((node, provision))
        return provision

    policy = Policy(
        schema=1,
        slug=slug,
        kind="policy",
        agency=Agency(name=""),  # ids depend on the slug and the body alone
        document=Document(title=""),
        original="",
        body=[mirror(node) for node in state.body],
    )
    assign_ids(policy)
    return {id(node): provision.id for node, provision in pairs}
