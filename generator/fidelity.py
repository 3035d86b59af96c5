"""Fidelity of a normalized policy to its original: the same words, in the same order.

The YAML body, with its recorded repairs undone, must appear as one contiguous run of words in
the original (after the lines recorded as page furniture are removed). Words are runs of letters
and digits; punctuation, list bullets and emphasis marks are formatting and do not count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from . import inline
from .files import read_bytes
from .model import Policy, Provision

WORD = re.compile(r"[^\W_]+")
SUPERSCRIPTS = re.compile(r"[\u00b9\u00b2\u00b3\u2070-\u209f]")


def words(text: str) -> list[str]:
    return WORD.findall(SUPERSCRIPTS.sub(" ", text))


def original_words(policy: Policy, original_text: str) -> list[str]:
    """The original's words, without the lines the policy records as furniture."""
    lines = original_text.splitlines()
    start = 0
    for furniture in policy.furniture:
        for i in range(start, len(lines)):
            if lines[i].strip() == furniture.line.strip():
                lines[i] = ""
                start = i + 1
                break
    return words("\n".join(lines))


def body_words(policy: Policy) -> list[str]:
    """The body's words in reading order, with repairs undone and placeholders shown as brackets."""
    repairs: dict[tuple[str, str], list] = {}
    for repair in policy.repairs:
        repairs.setdefault((repair.provision, repair.field), []).append(repair)
    out: list[str] = []
    for provision in policy.provisions():
        out += _provision_words(policy, provision, repairs)
    return out


def _provision_words(policy: Policy, provision: Provision, repairs) -> list[str]:
    def field(name: str) -> str:
        value = getattr(provision, name) or ""
        for repair in repairs.get((provision.id, name), []):
            value = value.replace(repair.repaired, repair.original, 1)
        return _as_written(policy, value)

    out = words(field("label"))
    option = policy.option(provision.option) if provision.option else None
    if option is not None:
        out += words(option.bracket)
    for name in ("heading", "term", "text"):
        out += words(field(name))
    for note in provision.notes:
        out += ["NOTE"] + words(_as_written(policy, note))
    return out


def _as_written(policy: Policy, text: str) -> str:
    def bracket(option_id: str) -> str:
        option = policy.option(option_id)
        return f" {option.bracket} " if option is not None else ""

    return inline.as_written(text, bracket)


@dataclass
class FidelityResult:
    ok: bool
    message: str
    body_start: int = 0  # index in the original's words where the body begins


def compare(policy: Policy, original_text: str) -> FidelityResult:
    """Whether the body appears in the original as one contiguous run; if not, where it first diverges."""
    source = original_words(policy, original_text)
    body = body_words(policy)
    if not body:
        return FidelityResult(False, "the body has no words")
    starts = [i for i, word in enumerate(source) if word == body[0]]
    best_start, best_len = 0, -1
    for start in starts:
        length = _common_prefix(source, start, body)
        if length == len(body):
            return FidelityResult(True, f"{len(body)} words match", start)
        if length > best_len:
            best_start, best_len = start, length
    return FidelityResult(False, _divergence(source, best_start, body, max(best_len, 0)), best_start)


def _common_prefix(source: list[str], start: int, body: list[str]) -> int:
    n = 0
    while n < len(body) and start + n < len(source) and source[start + n] == body[n]:
        n += 1
    return n


def _divergence(source: list[str], start: int, body: list[str], matched: int) -> str:
    at = start + matched
    before = " ".join(body[max(0, matched - 12) : matched])
    return (
        f"first divergence after {matched} matching words, following: …{before}\n"
        f"  original continues: {' '.join(source[at : at + 15])}\n"
        f"  YAML continues:     {' '.join(body[matched : matched + 15])}"
    )


def check_file(policy: Policy, originals: Path) -> FidelityResult:
    return compare(policy, read_bytes(originals / policy.original, inside=originals.parent).decode("utf-8"))


# Words of a header or footer that name a field rather than hold a value ("ISSUE DATE:", "NO.").
FIELD_NAMES = {
    "date",
    "of",
    "issue",
    "effective",
    "no",
    "subject",
    "amends",
    "reference",
    "rescinds",
    "directive",
    "type",
    "index",
    "number",
    "revised",
    "revisions",
    "continued",
    "distribution",
    "policy",
    "procedure",
    "revision",
    "standards",
    "referenced",
    "chief",
    "police",
    "day",
    "adopted",
    "by",
    "the",
    "board",
    "this",
} | {
    m.lower()
    for m in [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ]
}


def metadata_words(policy: Policy) -> set[str]:
    """Every word the YAML holds outside the body, lower-cased."""
    parts = [
        policy.agency.name,
        policy.agency.city,
        policy.agency.state,
        policy.document.title,
        policy.document.type,
        policy.document.number,
        policy.document.subject,
        policy.document.chapter,
        policy.amends,
        policy.rescinds,
        *policy.references,
        *policy.distribution,
    ]
    for signatory in policy.signatories:
        parts += [signatory.name, signatory.title, signatory.note]
    for attachment in policy.attachments:
        parts.append(attachment.title)
        parts += [f"{item.name} {item.url or ''}" for item in attachment.items]
    parts += [f.text for f in policy.footnotes]
    parts += [str(d) for d in (policy.dates.issued, policy.dates.effective, *policy.dates.revised) if d]
    parts += [o.bracket for o in policy.options]
    return {w.lower() for part in parts if part for w in words(_as_written(policy, str(part)))}


def unaccounted_words(policy: Policy, original_text: str, result: FidelityResult) -> list[str]:
    """Words of the original outside the body run that the YAML holds nowhere (so were dropped)."""
    source = original_words(policy, original_text)
    outside = source[: result.body_start] + source[result.body_start + len(body_words(policy)) :]
    known = metadata_words(policy) | FIELD_NAMES
    return [w for w in outside if w.lower() not in known and not w.isdigit()]
