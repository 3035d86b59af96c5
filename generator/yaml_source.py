"""Reading one YAML source file into plain values plus the line and column of every field.

We build values from PyYAML's parser events ourselves, so that every later message can name the
exact place in the file, and so that syntax errors, encoding errors, duplicate keys, aliases,
excessive nesting and oversized files become `Problem`s instead of tracebacks, crashes or hangs.
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

STRING_TAG = "tag:yaml.org,2002:str"
MAX_DEPTH = 100  # levels of mappings and lists; the real policies use about 15
MAX_FILE_BYTES = 1_000_000  # the largest real policy is under 40 kB; a page of 1 MB builds in seconds


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
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        return None, [Problem(shown_as, 1, 1, "", f"file is {size / 1e6:.1f} MB, more than a source file may be "
                                                  f"({MAX_FILE_BYTES // 1_000_000} MB); check it is the right file")]
    text, problem = _decode(path.read_bytes(), shown_as)
    if problem:
        return None, [problem]
    if not text.strip():
        return None, [Problem(shown_as, 1, 1, "", "file is empty (expected a YAML mapping)")]
    doc = SourceDocument(shown_as, None)
    problems: list[Problem] = []
    loader = _Loader(text)
    try:
        found = _Builder(loader, doc, problems).document()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = " ".join(p for p in (exc.context, exc.problem) if p)
        return None, [Problem(shown_as, line, column, "", f"YAML syntax error: {what}")]
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow, e.g. a control character
        line, column = _line_and_column(text, exc.position)
        return None, [Problem(shown_as, line, column, "", f"character U+{exc.character:04X} is not allowed "
                                                          f"in YAML ({exc.reason}); remove it")]
    except yaml.YAMLError as exc:
        return None, [Problem(shown_as, 1, 1, "", f"YAML error: {' '.join(str(exc).split())}")]
    except _Abandoned:
        return None, problems
    finally:
        loader.dispose()
    if not found:
        return None, [Problem(shown_as, 1, 1, "", "file is empty (expected a YAML mapping)")]
    return doc, problems


def _line_and_column(text: str | bytes, position: int) -> tuple[int, int]:
    """1-based line and column of a position (a character, or a byte of undecoded text)."""
    newline = "\n" if isinstance(text, str) else b"\n"
    before = text[:position]
    return before.count(newline) + 1, position - (before.rfind(newline) + 1) + 1


def _decode(data: bytes, shown_as: str) -> tuple[str, Problem | None]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _line_and_column(data, exc.start)
        bad = data[exc.start : exc.start + 1].hex()
        return "", Problem(shown_as, line, column, "", f"not valid UTF-8 (byte 0x{bad}); save the file as UTF-8")
    return text.removeprefix("\ufeff"), None


class _Builder:
    """Builds plain values straight from the parser's events, recording each field's position.

    A loop with an explicit stack rather than PyYAML's composer: the composer recurses once per level
    of nesting (a hundred thousand `[` crash the interpreter), and it lets one alias stand for a whole
    subtree (a small file can expand to billions of values). Here aliases are problems, and nesting
    deeper than `MAX_DEPTH` is a problem that ends the reading of the file.
    """

    def __init__(self, loader, doc: SourceDocument, problems: list[Problem]):
        self.loader, self.doc, self.problems = loader, doc, problems

    def document(self) -> bool:
        """Fill `doc.value` from the stream's one document; False when the stream has none."""
        self.loader.get_event()  # stream start
        if self.loader.check_event(yaml.StreamEndEvent):
            return False
        self.loader.get_event()  # document start
        self.doc.value = self.tree()
        self.loader.get_event()  # document end
        if not self.loader.check_event(yaml.StreamEndEvent):
            extra = self.loader.get_event()
            self.report(extra.start_mark, (), "expected a single document in the file, but found another "
                                              "(remove the `---` or `...` line)")
        return True

    def tree(self) -> object:
        """The value of the next node and everything inside it."""
        stack: list[_Collection] = []
        while True:
            event = self.loader.get_event()
            if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                finished = stack.pop()
                value, parent = finished.value, stack[-1] if stack else None
                if parent is None:
                    return value
                parent.add(value)
                continue
            parent = stack[-1] if stack else None
            if parent is not None and parent.expects_key:
                self.key(parent, event)
                continue
            if parent is not None and parent.skip_value:
                self.skip(event)
                parent.add(None)
                continue
            path = parent.next_path() if parent is not None else ()
            # A mapping's value is placed where its key stands: the line a person looks for.
            self.doc.positions[path] = (parent.key_position if parent is not None and parent.is_mapping
                                        else (event.start_mark.line + 1, event.start_mark.column + 1))
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                if len(stack) >= MAX_DEPTH:
                    raise self.too_deep(event, path)
                stack.append(_Collection(path, {} if isinstance(event, yaml.MappingStartEvent) else []))
                continue
            if isinstance(event, yaml.AliasEvent):
                self.report(event.start_mark, path, f"aliases (*{event.anchor}) are not supported: write the value out")
                value = None
            else:
                value = self.scalar(event)
            if parent is None:
                return value
            parent.add(value)

    def key(self, mapping: _Collection, event) -> None:
        """A mapping key: a plain string not used before, or a problem and its value skipped."""
        key = self.scalar(event) if isinstance(event, yaml.ScalarEvent) else None
        if not isinstance(event, yaml.ScalarEvent):
            self.skip(event)
        if not isinstance(key, str):
            self.report(event.start_mark, mapping.path, "keys must be plain strings")
            mapping.expect_value(None, event.start_mark)
        elif key in mapping.value:
            self.report(event.start_mark, mapping.path + (key,), "duplicate key")
            mapping.expect_value(None, event.start_mark)
        else:
            mapping.expect_value(key, event.start_mark)

    def scalar(self, event: yaml.ScalarEvent) -> object:
        """Resolve a scalar with the safe constructor (so `2014-01-30` is a date, `12` an int)."""
        tag = event.tag
        if tag is None or tag == "!":
            tag = self.loader.resolve(yaml.ScalarNode, event.value, event.implicit)
        if tag == STRING_TAG:  # most values: the text as it is, without building a node for the constructor
            return event.value
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        try:
            return self.loader.construct_object(node, deep=True)
        except Exception:  # e.g. 2014-02-30 looks like a date but is none; `!!bool x` is no boolean
            return event.value  # what the constructors cannot make sense of stays the text it is

    def skip(self, event) -> None:
        """Consume the rest of the node `event` starts (nothing more for a scalar or an alias)."""
        depth = 1 if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)) else 0
        while depth:
            event = self.loader.get_event()
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1

    def too_deep(self, event, path: Path_) -> _Abandoned:
        """Reports the nesting, and gives the exception that stops the reading: the parser's work grows
        with the square of the nesting, so reading on through a hostile file could take hours."""
        self.report(event.start_mark, path, f"nested more than {MAX_DEPTH} levels deep (policies need about 15)")
        return _Abandoned()

    def report(self, mark, path: Path_, message: str) -> None:
        self.problems.append(Problem(self.doc.file, mark.line + 1, mark.column + 1, dotted(path), message))


class _Abandoned(Exception):
    """The file cannot be read further; its problems are already reported."""


class _Collection:
    """A mapping or list being filled: where it is, and for a mapping, the key whose value comes next."""

    def __init__(self, path: Path_, value: dict | list):
        self.path, self.value = path, value
        self.is_mapping = isinstance(value, dict)
        self.expects_key = self.is_mapping
        self.pending_key: str | None = None
        self.key_position = (1, 1)

    @property
    def skip_value(self) -> bool:
        """A mapping whose key was refused: its value is not kept."""
        return self.is_mapping and self.pending_key is None

    def expect_value(self, key: str | None, mark) -> None:
        self.pending_key, self.key_position, self.expects_key = key, (mark.line + 1, mark.column + 1), False

    def next_path(self) -> Path_:
        return self.path + ((self.pending_key,) if self.is_mapping else (len(self.value),))

    def add(self, value: object) -> None:
        if not self.is_mapping:
            self.value.append(value)
            return
        if self.pending_key is not None:
            self.value[self.pending_key] = value
        self.expects_key = True
