"""Rule: a definitions section — `Term: definition`, `Term – definition`, `Term - definition`."""

from __future__ import annotations

import re

from .state import ImportState, Node

SECTION = re.compile(r"\b(?:definitions?|terminology|glossary|defined terms)\b", re.IGNORECASE)
# `Term: text`, `Term – text`, `Term - text`, `Term—text` (an em or en dash needs no spaces), and
# `"Term" means text` / `Term means text` (the words `means`/`shall mean`/`is defined as` stay in the text).
DEFINITION = re.compile(r"^(?P<term>[^:–—]+?)(?::\s+|\s+[–—-]\s+|\s*[–—]\s*)(?P<text>\S.*)$", re.DOTALL)
MEANS = re.compile(
    r"^(?P<term>[\"“][^\"”]{1,60}[\"”]|[A-Z][\w'’/-]*(?:\s+[\w'’/-]+){0,4}?)\s+"
    r"(?P<text>(?:means|shall mean|is defined as|refers to|includes)\b.*)$",
    re.DOTALL,
)
MAX_TERM_WORDS = 6


def split_definitions(state: ImportState) -> None:
    """Recognises the definitions under a heading like `DEFINITIONS` or `TERMINOLOGY`: each item (or
    unlabelled paragraph) that reads `Term: definition` becomes a definition with that term. Definitions
    are compared by the glossary, so they are not compared by topic."""
    for node in state.nodes():
        if node.heading and SECTION.search(node.heading) and len(node.heading.split()) <= 4:
            _definitions_under(state, node)


def _definitions_under(state: ImportState, section: Node) -> None:
    section.comparable = False
    listed: list[Node] = []
    while section.paragraphs and split_term(section.paragraphs[-1]):  # unlabelled definitions
        listed.insert(0, Node(paragraphs=[section.paragraphs.pop()], lines=list(section.lines)))
    section.children[:0] = listed
    for child in section.children:
        found = split_term(child.paragraphs[0]) if child.paragraphs and not child.term else None
        if found:
            child.term, child.paragraphs[0] = found
            child.comparable = False
        elif not child.term:
            state.note(
                "unplaced",
                child.lines[0] if child.lines else None,
                f"item of the definitions section without a `Term: definition` form: {_start(child)}",
            )


def split_term(text: str) -> tuple[str, str] | None:
    """`Blog - A series of entries…` → (`Blog`, `A series of entries…`); None when it is no definition."""
    match = DEFINITION.match(text) or MEANS.match(text)
    if not match:
        return None
    term = match["term"].strip().strip('"“”')
    if len(term.split()) > MAX_TERM_WORDS or not term[:1].isupper() or re.search(r"[.;,]\s", term):
        return None
    return term, match["text"].strip()


def _start(node: Node) -> str:
    text = " ".join(node.paragraphs) or node.heading or ""
    return repr(text[:60] + ("…" if len(text) > 60 else ""))
