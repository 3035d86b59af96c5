"""`handbook review FILE --accept [--min-similarity X]` or `--clear`: a draft's suggested topics made topics
and its suggested answers made answers, or removed.

A policy file is data a person edits by hand, so it is not dumped anew: the file's text is edited where
the suggestions stand (found from the YAML parser's marks), and every other character stays as it was —
comments, quoting, folded text, blank lines. `--accept` adds each suggestion's topic to the provision's
`topics` (after the topics it has) and each suggested answer to its `answers`, and removes the
suggestions; with `--min-similarity X` only suggestions of at least X are accepted and the others stay for
a person to decide. A policy answers a question in one provision: a suggested answer to a question the
file answers already is removed, not accepted, and of two suggestions for one question the more similar
is accepted and the other removed; each is said (`Reviewed.notes`). `--clear` removes every suggestion.
The edited text is read again and must hold exactly the same data but for those changes; anything else
(or a file with problems) is refused, with the line, and nothing is written.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
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
    accepted: int = 0  # suggested topics made topics
    removed: int = 0  # suggested topics removed (accepted ones included)
    kept: int = 0  # suggested topics left below --min-similarity
    provisions: int = 0  # provisions whose suggestions changed
    answers_accepted: int = 0  # suggested answers made answers
    answers_removed: int = 0  # suggested answers removed (accepted ones and conflicting ones included)
    answers_kept: int = 0  # suggested answers left below --min-similarity
    notes: list[str] = field(default_factory=list)  # suggested answers removed without being accepted, and why
    problems: list[Problem] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.removed > 0 or self.answers_removed > 0


@dataclass
class _Change:
    """The change to one provision, for checking the edited file: its new topics and answers, and the
    suggestions that stay (None: the provision had none of that kind)."""

    path: tuple
    topics: list[str]
    kept: list[int] | None  # indexes of the suggested topics that stay
    answers: dict[str, str] = field(default_factory=dict)  # answers added
    kept_answers: list[int] | None = None  # indexes of the suggested answers that stay


@dataclass
class _AnswerSuggestion:
    path: tuple  # the provision's
    index: int  # in its suggested_answers
    question: str
    answer: str
    similarity: float


def _answer_verdicts(
    provisions: list[tuple[tuple, dict]], accept: bool, min_similarity: float
) -> tuple[dict[tuple, list[int]], dict[tuple, list[int]], list[str]]:
    """Which suggested answers are accepted and which removed, per provision path, and a note for each one
    removed without being accepted: a policy answers a question in one provision, so a suggestion for a
    question the file answers already is removed, and of two for one question the more similar is kept."""
    answered: dict[str, tuple] = {}
    suggestions: list[_AnswerSuggestion] = []
    for path, keys in provisions:
        if "answers" in keys and isinstance(keys["answers"][1], yaml.MappingNode):
            for key, _ in keys["answers"][1].value:
                answered.setdefault(str(key.value), path + ("answers", str(key.value)))
        if "suggested_answers" in keys:
            for i, item in enumerate(keys["suggested_answers"][1].value):
                suggestions.append(
                    _AnswerSuggestion(
                        path,
                        i,
                        _scalar(item, "question"),
                        _scalar(item, "answer"),
                        float(_scalar(item, "similarity")),
                    )
                )
    taken: dict[tuple, list[int]] = {}
    removed: dict[tuple, list[int]] = {}
    notes: list[str] = []
    chosen: dict[str, _AnswerSuggestion] = {}
    for s in suggestions:
        if not accept:
            removed.setdefault(s.path, []).append(s.index)
    if not accept:
        return taken, removed, notes
    for s in sorted(suggestions, key=lambda s: -s.similarity):  # stable: document order among equals
        if s.similarity < min_similarity:
            continue
        where = dotted(s.path + ("suggested_answers", s.index))
        if s.question in answered:
            notes.append(
                f"{where}: {s.question}: {s.answer} removed: the question is already answered at "
                f"{dotted(answered[s.question])}"
            )
        elif s.question in chosen:
            best = chosen[s.question]
            notes.append(
                f"{where}: {s.question}: {s.answer} ({s.similarity:g}) removed: kept the more similar "
                f"{best.answer} ({best.similarity:g}) at {dotted(best.path + ('suggested_answers', best.index))}"
            )
        else:
            chosen[s.question] = s
            taken.setdefault(s.path, []).append(s.index)
        removed.setdefault(s.path, []).append(s.index)
    return taken, removed, notes


def review_text(text: str, *, accept: bool, min_similarity: float = 0.0, shown_as: str = "policy") -> Reviewed:
    """The file's text with its suggestions accepted (`accept`) or cleared; `problems` when it cannot be
    edited safely (then `text` is the text as it was). The text must be a checked policy file."""
    editor = _Editor(text, shown_as)
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    body = _value(root, "body")[1] if isinstance(root, yaml.MappingNode) else None
    result = Reviewed(text)
    changes: list[_Change] = []
    provisions = [
        (path, node, {key.value: (key, value) for key, value in node.value})
        for path, node in _provisions(body, ("body",))
    ]
    taken_answers, removed_answers, result.notes = _answer_verdicts(
        [(path, keys) for path, _, keys in provisions], accept, min_similarity
    )
    for path, node, keys in provisions:
        if "suggested_topics" not in keys and "suggested_answers" not in keys:
            continue
        if node.flow_style:
            editor.refuse(node, path, "a provision written in flow style ({…}): write it as a block to review it")
            continue
        change = _Change(path, _topics(keys), None)
        if "suggested_topics" in keys and not _review_topics(
            editor, keys, path, accept, min_similarity, result, change
        ):
            continue
        if "suggested_answers" in keys:
            taken = taken_answers.get(path, [])
            gone = removed_answers.get(path, [])
            if not _review_answers(editor, keys, path, taken, gone, change):
                continue
            count = len(keys["suggested_answers"][1].value)
            result.answers_accepted += len(taken)
            result.answers_removed += len(gone)
            result.answers_kept += count - len(gone)
        result.provisions += 1
        changes.append(change)
    if editor.problems:
        return Reviewed(text, problems=editor.problems)
    result.text = editor.edited()
    problem = _same_but_for(text, result.text, changes, shown_as)
    if problem:
        return Reviewed(text, problems=[problem])
    return result


def _review_topics(
    editor: _Editor, keys: dict, path: tuple, accept: bool, min_similarity: float, result: Reviewed, change: _Change
) -> bool:
    """Edit one provision's suggested topics (accepted into its `topics`, or removed); False when it cannot."""
    key, suggestions = keys["suggested_topics"]
    here = path + ("suggested_topics",)
    items = [(_scalar(item, "topic"), float(_scalar(item, "similarity"))) for item in suggestions.value]
    taken = [i for i, (_, similarity) in enumerate(items) if accept and similarity >= min_similarity]
    kept = [i for i in range(len(items)) if i not in taken and accept]
    topics = change.topics
    added = [topic for topic in dict.fromkeys(items[i][0] for i in taken) if topic not in topics]
    new = list(added)  # still to write
    start = editor.line_start(key, here)
    if start is None:
        return False
    if not kept:
        end = editor.entry_end(suggestions, here)
        if end is None:
            return False
        if new and "topics" not in keys:
            editor.replace(start, end, f"{editor.indent(key)}topics: [{', '.join(new)}]{editor.newline}")
            new = []
        else:
            editor.replace(start, end, "")
    else:
        if suggestions.flow_style:
            editor.refuse(suggestions, here, "some suggestions stay: write suggested_topics as a block list")
            return False
        if not _remove_items(editor, suggestions, here, taken):
            return False
    if new:
        if "topics" in keys:
            editor.add_topics(keys["topics"][1], new, path + ("topics",))
        else:
            editor.replace(start, start, f"{editor.indent(key)}topics: [{', '.join(new)}]{editor.newline}")
    result.accepted += len(taken)
    result.removed += len(items) - len(kept)
    result.kept += len(kept)
    change.topics = topics + added
    change.kept = kept
    return True


def _review_answers(
    editor: _Editor, keys: dict, path: tuple, taken: list[int], gone: list[int], change: _Change
) -> bool:
    """Edit one provision's suggested answers: those `taken` into its `answers`, those `gone` removed (the
    taken ones among them); False when it cannot."""
    key, suggestions = keys["suggested_answers"]
    here = path + ("suggested_answers",)
    new = {_scalar(suggestions.value[i], "question"): _scalar(suggestions.value[i], "answer") for i in taken}
    kept = [i for i in range(len(suggestions.value)) if i not in gone]
    start = editor.line_start(key, here)
    if start is None:
        return False
    indent = editor.indent(key)
    block = f"{indent}answers:{editor.newline}" + "".join(
        f"{indent}  {question}: {_plain(answer)}{editor.newline}" for question, answer in new.items()
    )
    if not kept:
        end = editor.entry_end(suggestions, here)
        if end is None:
            return False
        editor.replace(start, end, block if new and "answers" not in keys else "")
    else:
        if suggestions.flow_style:
            editor.refuse(suggestions, here, "some suggestions stay: write suggested_answers as a block list")
            return False
        if not _remove_items(editor, suggestions, here, gone):
            return False
        if new and "answers" not in keys:
            editor.replace(start, start, block)
    if new and "answers" in keys:
        editor.add_answers(keys["answers"][1], new, path + ("answers",))
    change.answers = new
    change.kept_answers = kept
    return True


def _remove_items(editor: _Editor, suggestions: yaml.Node, here: tuple, indexes: list[int]) -> bool:
    for i in indexes:
        item_start = editor.line_start(suggestions.value[i], here + (i,), item=True)
        item_end = editor.entry_end(suggestions.value[i], here + (i,))
        if item_start is None or item_end is None:
            return False
        editor.replace(item_start, item_end, "")
    return True


def _plain(value: str) -> str:
    """`value` as a YAML scalar that reads back as the same text (`"yes"` quoted: plain, it is a yes)."""
    return value if yaml.safe_load(value) == value and value.strip() == value else json.dumps(value)


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
            return
        last = len(topics.value) - 1
        self.append(topics, new, "[]", lambda: (topics.value[0], topics.value[last], path + (last,)))

    def add_answers(self, answers: yaml.Node, new: dict[str, str], path: tuple) -> None:
        """`new` answers (question → answer) after the provision's `answers`, in the mapping's own style."""
        if not isinstance(answers, yaml.MappingNode):
            self.refuse(answers, path, "expected a mapping of question ids to answers")
            return
        entries = [f"{question}: {_plain(answer)}" for question, answer in new.items()]

        def block() -> tuple:
            key, value = answers.value[-1]
            return answers.value[0][0], value, path + (str(key.value),)

        self.append(answers, entries, "{}", block)

    def append(
        self, collection: yaml.CollectionNode, entries: list[str], brackets: str, block: Callable[[], tuple]
    ) -> None:
        """`entries` after the last of `collection`'s: in its brackets when it is written in them, else each
        on a line of its own, indented as its first entry; `block()` gives its first entry's node, its last
        value's node and that value's path (a collection written without brackets is never empty)."""
        if collection.flow_style:
            close = collection.end_mark.index - 1
            if collection.value:
                self.replace(close, close, ", " + ", ".join(entries))
            else:
                start, end = collection.start_mark.index, collection.end_mark.index
                self.replace(start, end, brackets[0] + ", ".join(entries) + brackets[1])
            return
        first, last, last_path = block()
        prefix = self.indent(first)
        after = self.entry_end(last, last_path)
        if after is not None:
            separator = self.newline if after == len(self.text) and not self.text.endswith("\n") else ""
            self.replace(after, after, separator + "".join(f"{prefix}{entry}{self.newline}" for entry in entries))

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
        if change.kept is not None:
            suggestions = provision.pop("suggested_topics")
            if change.kept:
                provision["suggested_topics"] = [suggestions[i] for i in change.kept]
        if change.topics:
            provision["topics"] = change.topics
        if change.kept_answers is not None:
            suggested = provision.pop("suggested_answers")
            if change.kept_answers:
                provision["suggested_answers"] = [suggested[i] for i in change.kept_answers]
        if change.answers:
            provision["answers"] = {**(provision.get("answers") or {}), **change.answers}
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
