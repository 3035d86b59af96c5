"""Reading one YAML source file into plain values plus the line and column of every field.

PyYAML's composer gives nodes with positions; we convert them ourselves so that every later
message can name the exact place in the file, and so that syntax errors, encoding errors and
duplicate keys become `Problem`s instead of tracebacks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .problems import Problem

try:  # the C loader is much faster; the pure-Python one behaves the same
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader

Path_ = tuple  # a field path: keys and list indexes from the document root


@dataclass
class SourceDocument:
    """A parsed YAML file: its value, and where in the file each field path starts."""

    file: str
    value: object
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def position(self, path: Path_) -> tuple[int, int]:
        """Line and column (1-based) of the field, or of its nearest enclosing field."""
        path = tuple(path)
        while path not in self.positions and path:
            path = path[:-1]
        return self.positions.get(path, (1, 1))

    def problem(self, path: Path_, message: str) -> Problem:
        line, column = self.position(path)
        return Problem(self.file, line, column, dotted(path), message)


def dotted(path: Path_) -> str:
    """`body[3].children[0].label` style name for a field path."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def read_yaml(path: Path, shown_as: str) -> tuple[SourceDocument | None, list[Problem]]:
    """Parse a file; on failure return no document and the problems that explain why."""
    data = path.read_bytes()
    text, problem = _decode(data, shown_as)
    if problem:
        return None, [problem]
    if not text.strip():
        return None, [Problem(shown_as, 1, 1, "", "file is empty (expected a YAML mapping)")]
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = " ".join(p for p in (exc.context, exc.problem) if p)
        return None, [Problem(shown_as, line, column, "", f"YAML syntax error: {what}")]
    except yaml.YAMLError as exc:
        return None, [Problem(shown_as, 1, 1, "", f"YAML error: {exc}")]
    if node is None:
        loader.dispose()
        return None, [Problem(shown_as, 1, 1, "", "file is empty (expected a YAML mapping)")]
    doc = SourceDocument(shown_as, None)
    problems: list[Problem] = []
    doc.value = _Converter(loader, doc, problems).convert(node, ())
    loader.dispose()
    return doc, problems


def _decode(data: bytes, shown_as: str) -> tuple[str, Problem | None]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        bad = data[exc.start : exc.start + 1].hex()
        return "", Problem(shown_as, line, column, "", f"not valid UTF-8 (byte 0x{bad}); save the file as UTF-8")
    return text.removeprefix("\ufeff"), None


class _Converter:
    """Turns composed nodes into plain values, recording each field's position on the way."""

    def __init__(self, loader, doc: SourceDocument, problems: list[Problem]):
        self.loader, self.doc, self.problems = loader, doc, problems

    def convert(self, node: yaml.Node, path: Path_) -> object:
        self.doc.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, path + (i,)) for i, item in enumerate(node.value)]
        return self.scalar(node)

    def mapping(self, node: yaml.MappingNode, path: Path_) -> dict:
        result: dict = {}
        for key_node, value_node in node.value:
            key = self.scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else None
            where = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if not isinstance(key, str):
                self.problems.append(Problem(self.doc.file, *where, dotted(path), "keys must be plain strings"))
            elif key in result:
                self.problems.append(Problem(self.doc.file, *where, dotted(path + (key,)), "duplicate key"))
            else:
                result[key] = self.convert(value_node, path + (key,))
                # A field is reported where its name stands, the line a person looks for.
                self.doc.positions[path + (key,)] = where
        return result

    def scalar(self, node: yaml.ScalarNode) -> object:
        """Resolve a scalar with the safe constructor (so `2014-01-30` is a date, `12` an int)."""
        try:
            return self.loader.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError):  # e.g. 2014-02-30 looks like a date but is none
            return node.value
