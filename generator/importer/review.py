"""`handbook review FILE --accept [--min-similarity X]` or `--clear`: a draft's suggested topics made topics,
or removed.

A policy file is data a person edits by hand, so it is not dumped anew: the file's text is edited where
the suggestions stand (found from the YAML parser's marks), and every other character stays as it was —
comments, quoting, folded text, blank lines. `--accept` adds each suggestion's topic to the provision's
`topics` (after the topics it has) and removes the suggestion; with `--min-similarity X` only suggestions
of at least X are accepted and the others stay for a person to decide. `--clear` removes every
suggestion. The edited text is read again and must hold exactly the same data but for those changes;
anything else (or a file with problems) is refused, with the line, and nothing is written.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..files import FileRefused, read_bytes, write_new
from ..load import SourceLayout, check_policy_file
from ..problems import Problem, SourceError, display_path
from ..yaml_source import dotted


@dataclass
class Reviewed:
    """What a review did to one file's text."""

    text: str
    accepted: int = 0  # suggestions made topics
    removed: int = 0  # suggestions removed (accepted ones included)
    kept: int = 0  # suggestions left below --min-similarity
    provisions: int = 0  # provisions whose suggestions changed
    problems: list[Problem] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.removed > 0


@dataclass
class _Change:
    """The change to one provision, for checking the edited file: its new topics and kept suggestions."""

    path: tuple
    topics: list[str]
    kept: list[int]  # indexes of the suggestions that stay


def review_text(text: str, *, accept: bool, min_similarity: float = 0.0, shown_as: str = "policy") -> Reviewed:
    """The file's text with its suggestions accepted (`accept`) or cleared; `problems` when it cannot be
    edited safely (then `text` is the text as it was). The text must be a checked policy file."""
    editor = _Editor(text, shown_as)
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    body = _value(root, "body")[1] if isinstance(root, yaml.MappingNode) else None
    result = Reviewed(text)
    changes: list[_Change] = []
    for path, node in _provisions(body, ("body",)):
        keys = {key.value: (key, value) for key, value in node.value}
        if "suggested_topics" not in keys:
            continue
        key, suggestions = keys["suggested_topics"]
        here = path + ("suggested_topics",)
        if node.flow_style:
            editor.refuse(node, path, "a provision written in flow style ({…}): write it as a block to review it")
            continue
        items = [(_scalar(item, "topic"), float(_scalar(item, "similarity"))) for item in suggestions.value]
        taken = [i for i, (_, similarity) in enumerate(items) if accept and similarity >= min_similarity]
        kept = [i for i in range(len(items)) if i not in taken and accept]
        topics = _topics(keys)
        added = [topic for topic in dict.fromkeys(items[i][0] for i in taken) if topic not in topics]
        new = list(added)  # still to write
        start = editor.line_start(key, here)
        if start is None:
            continue
        if not kept:
            end = editor.entry_end(suggestions, here)
            if end is None:
                continue
            if new and "topics" not in keys:
                editor.replace(start, end, f"{editor.indent(key)}topics: [{', '.join(new)}]{editor.newline}")
                new = []
            else:
                editor.replace(start, end, "")
        else:
            if suggestions.flow_style:
                editor.refuse(suggestions, here, "some suggestions stay: write suggested_topics as a block list")
                continue
            for i in taken:
                item_start = editor.line_start(suggestions.value[i], here + (i,), item=True)
                item_end = editor.entry_end(suggestions.value[i], here + (i,))
                if item_start is not None and item_end is not None:
                    editor.replace(item_start, item_end, "")
        if new:
            if "topics" in keys:
                editor.add_topics(keys["topics"][1], new, path + ("topics",))
            else:
                editor.replace(start, start, f"{editor.indent(key)}topics: [{', '.join(new)}]{editor.newline}")
        result.accepted += len(taken)
        result.removed += len(items) - len(kept)
        result.kept += len(kept)
        result.provisions += 1
        changes.append(_Change(path, topics + added, kept))
    if editor.problems:
        return Reviewed(text, problems=editor.problems)
    result.text = editor.edited()
    problem = _same_but_for(text, result.text, changes, shown_as)
    if problem:
        return Reviewed(text, problems=[problem])
    return result


def review_file(path: Path, *, source: Path, accept: bool, min_similarity: float = 0.0) -> Reviewed:
    """Review the policy file at `path` (checked first, against the source folder's topics) and write it
    back when something changed; `SourceError` with every problem when it has problems or cannot be
    edited safely (nothing is written)."""
    policy, problems = check_policy_file(path, SourceLayout(source))
    if problems or policy is None:
        raise SourceError(problems)
    shown = display_path(path)
    try:
        data = read_bytes(path)
    except FileRefused as exc:
        raise SourceError([Problem(shown, 1, 1, "", f"{path.name} {exc}")]) from None
    text = data.decode("utf-8")  # the check has read it as UTF-8
    mark = "\ufeff" if text.startswith("\ufeff") else ""
    reviewed = review_text(text.removeprefix(mark), accept=accept, min_similarity=min_similarity, shown_as=shown)
    if reviewed.problems:
        raise SourceError(reviewed.problems)
    if reviewed.changed:
        try:
            write_new(path, (mark + reviewed.text).encode("utf-8"))
        except FileRefused as exc:
            raise SourceError([Problem(shown, 1, 1, "", f"{path.name} {exc}")]) from None
    return reviewed


# --- Reading the nodes ------------------------------------------------------------------------------


def _value(mapping: yaml.MappingNode, name: str) -> tuple[yaml.Node, yaml.Node]:
    return next((key, value) for key, value in mapping.value if key.value == name)


def _provisions(sequence: yaml.Node | None, path: tuple):
    """Every provision mapping under `sequence` (the body, or children), with its field path, in order."""
    if not isinstance(sequence, yaml.SequenceNode):
        return
    for i, node in enumerate(sequence.value):
        if isinstance(node, yaml.MappingNode):
            yield path + (i,), node
            children = next((value for key, value in node.value if key.value == "children"), None)
            yield from _provisions(children, path + (i, "children"))


def _scalar(mapping: yaml.Node, name: str) -> str:
    return str(next(value.value for key, value in mapping.value if key.value == name))


def _topics(keys: dict) -> list[str]:
    value = keys.get("topics", (None, None))[1]
    return [str(item.value) for item in value.value] if isinstance(value, yaml.SequenceNode) else []


# --- Editing the text -------------------------------------------------------------------------------


class _Editor:
    """Edits of a text by character offsets, collected first and made at once (`edited`)."""

    def __init__(self, text: str, shown_as: str):
        self.text, self.shown_as = text, shown_as
        self.newline = "\r\n" if "\r\n" in text else "\n"
        self.starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
        self.edits: list[tuple[int, int, str]] = []
        self.problems: list[Problem] = []

    def refuse(self, node: yaml.Node, path: tuple, message: str) -> None:
        mark = node.start_mark
        self.problems.append(Problem(self.shown_as, mark.line + 1, mark.column + 1, dotted(path), message))

    def replace(self, start: int, end: int, text: str) -> None:
        self.edits.append((start, end, text))

    def indent(self, node: yaml.Node) -> str:
        mark = node.start_mark
        return self.text[self.starts[mark.line] : mark.index]

    def line_start(self, node: yaml.Node, path: tuple, item: bool = False) -> int | None:
        """Where the line of `node` begins, when the node is the first thing on it (a list item's `- `
        before it when `item`); else a problem, and None."""
        before = self.indent(node)
        if not (before.strip() == "" or item and before.strip() == "-"):
            self.refuse(node, path, "is not on a line of its own: move it to its own line to review it")
            return None
        return self.starts[node.start_mark.line]

    def content_end(self, node: yaml.Node) -> int:
        """The offset just after the node's last character (not the blank lines or comments after it)."""
        if isinstance(node, yaml.MappingNode) and not node.flow_style and node.value:
            return self.content_end(node.value[-1][1])
        if isinstance(node, yaml.SequenceNode) and not node.flow_style and node.value:
            return self.content_end(node.value[-1])
        end = node.end_mark.index
        while end > 0 and self.text[end - 1] in " \t\r\n":
            end -= 1
        return end

    def entry_end(self, node: yaml.Node, path: tuple) -> int | None:
        """Where the line after the node's last line begins, when nothing but a comment follows the node
        on its last line; else a problem, and None."""
        end = self.content_end(node)
        line = self.text.count("\n", 0, end)
        following = self.starts[line + 1] if line + 1 < len(self.starts) else len(self.text)
        rest = self.text[end:following].strip()
        if rest and not rest.startswith("#"):
            self.refuse(node, path, "has more after it on its last line: put what follows on a line of its own")
            return None
        return following

    def add_topics(self, topics: yaml.Node, new: list[str], path: tuple) -> None:
        """`new` topic ids after the provision's `topics`, in the list's own style."""
        if not isinstance(topics, yaml.SequenceNode):
            self.refuse(topics, path, "expected a list of topic ids")
        elif topics.flow_style:
            close = topics.end_mark.index - 1
            if topics.value:
                self.replace(close, close, ", " + ", ".join(new))
            else:
                self.replace(topics.start_mark.index, topics.end_mark.index, "[" + ", ".join(new) + "]")
        else:
            first = topics.value[0]
            prefix = self.indent(first)
            after = self.entry_end(topics.value[-1], path + (len(topics.value) - 1,))
            if after is not None:
                separator = self.newline if after == len(self.text) and not self.text.endswith("\n") else ""
                self.replace(after, after, separator + "".join(f"{prefix}{topic}{self.newline}" for topic in new))

    def edited(self) -> str:
        text = self.text
        for start, end, replacement in sorted(self.edits, key=lambda e: (e[0], e[1]), reverse=True):
            text = text[:start] + replacement + text[end:]
        return text


def _same_but_for(before: str, after: str, changes: list[_Change], shown_as: str) -> Problem | None:
    """A problem when the edited text does not hold the same data as before but for `changes`."""
    expected = copy.deepcopy(yaml.safe_load(before))
    for change in changes:
        provision = expected
        for part in change.path:
            provision = provision[part]
        suggestions = provision.pop("suggested_topics")
        if change.kept:
            provision["suggested_topics"] = [suggestions[i] for i in change.kept]
        if change.topics:
            provision["topics"] = change.topics
    try:
        found = yaml.safe_load(after)
    except yaml.YAMLError:
        found = None
    if found == expected:
        return None
    where = dotted(changes[0].path) if changes else ""
    return Problem(
        shown_as,
        1,
        1,
        where,
        "could not edit the suggestions without changing other data (an unusual layout): "
        "edit the file by hand; nothing was written",
    )
