"""Reading one YAML source file into plain values plus the line and column of every field.

We build values from PyYAML's parser events ourselves, so that every later message can name the
exact place in the file, and so that syntax errors, encoding errors, duplicate keys, aliases,
excessive nesting and oversized files become `Problem`s instead of tracebacks, crashes or hangs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .files import FileRefused, open_regular, os_reason
from .problems import Problem

# The C loader is much faster; the pure-Python one (PyYAML built without libyaml) behaves the same.
_Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Path_ = tuple  # a field path: keys and list indexes from the document root

STRING_TAG = "tag:yaml.org,2002:str"
_COLLECTION_START = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_COLLECTION_END = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
_REMEMBERED_LENGTH = 40  # plain scalars up to this long (keys, labels, ids) have their tag remembered
MAX_DEPTH = 100  # levels of mappings and lists; the real policies use about 15
MAX_FILE_BYTES = 1_000_000  # the largest real policy is under 40 kB; a page of 1 MB builds in seconds


@dataclass
class SourceDocument:
    """A parsed YAML file: its value, and where in the file each field path starts."""

    file: str
    value: object
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    # How the file writes each value YAML reads as something other than text (`yes`, `~`, `0x1F`,
    # `2025-01-06`): messages echo the user's words rather than Python's (`True`, `None`, `31`).
    written: dict[Path_, str] = field(default_factory=dict)

    def position(self, path: Path_) -> tuple[int, int]:
        """Line and column (1-based) of the field, or of its nearest enclosing field."""
        path = tuple(path)
        while path not in self.positions and path:
            path = path[:-1]
        return self.positions.get(path, (1, 1))

    def described(self, value: object, path: Path_) -> str:
        """What the value at `path` is, in the user's terms (`schema.described`)."""
        from .schema import described  # the schema builds on this module

        return described(value, self.written.get(tuple(path)))

    def problem(self, path: Path_, message: str) -> Problem:
        line, column = self.position(path)
        return Problem(self.file, line, column, dotted(path), message)


def dotted(path: Path_) -> str:
    """`body[3].children[0].label` style name for a field path."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def read_yaml(path: Path, shown_as: str, inside: Path | None) -> tuple[SourceDocument | None, list[Problem]]:
    """Parse a file; on failure return no document and the problems that explain why.

    `inside`: the source folder the file must be a regular file in (not a link), or None for a file
    the user named (see `files.open_regular`)."""
    try:
        with open_regular(path, inside) as (file, status):
            size = status.st_size
            if size > MAX_FILE_BYTES:
                return None, [
                    Problem(
                        shown_as,
                        1,
                        1,
                        "",
                        f"file is {size / 1e6:.1f} MB, more than a source file may be "
                        f"({MAX_FILE_BYTES // 1_000_000} MB); check it is the right file",
                    )
                ]
            data = file.read(MAX_FILE_BYTES + 1)
    except FileRefused as exc:
        return None, [Problem(shown_as, 1, 1, "", f"{path.name} {exc}")]
    except OSError as exc:
        return None, [Problem(shown_as, 1, 1, "", f"{path.name} {os_reason(exc)}")]
    text, problem = _decode(data, shown_as)
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
        return None, [_syntax_error(exc, shown_as)]
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow, e.g. a control character
        line, column = _line_and_column(text, exc.position)
        return None, [
            Problem(
                shown_as,
                line,
                column,
                "",
                f"character U+{exc.character:04X} is not allowed in YAML ({exc.reason}); remove it",
            )
        ]
    except yaml.YAMLError as exc:
        return None, [Problem(shown_as, 1, 1, "", f"YAML error: {' '.join(str(exc).split())}")]
    except _Abandoned:
        return None, problems
    finally:
        loader.dispose()
    if not found:
        return None, [Problem(shown_as, 1, 1, "", "file is empty (expected a YAML mapping)")]
    return doc, problems


def _syntax_error(exc: yaml.MarkedYAMLError, shown_as: str) -> Problem:
    """The problem at the place the parser stopped; when what it was reading (an unclosed `[`, `{` or
    quote) began elsewhere, the message names that place too: it is usually where the mistake is."""
    mark, opened = exc.problem_mark or exc.context_mark, exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    what = exc.problem or exc.context or "the file is not valid YAML"
    if exc.context and exc.problem:
        began = (opened.line + 1, opened.column + 1) if opened else None
        where = f", which began at line {began[0]}, column {began[1]}" if began and began != (line, column) else ""
        what += f" ({exc.context}{where})"
    return Problem(shown_as, line, column, "", f"YAML syntax error: {what}")


def _line_and_column(text: str | bytes, position: int) -> tuple[int, int]:
    """1-based line and column of a position (a character, or a byte of undecoded text)."""
    before = text[:position].decode("utf-8", "replace") if isinstance(text, bytes) else text[:position]
    return before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1


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
        # The shortcuts of `resolve` hold for the standard resolver (tags by the scalar's text alone);
        # a loader that also resolves by position in the document is always asked.
        resolvers = loader.yaml_implicit_resolvers
        exact = STRING_TAG == loader.DEFAULT_SCALAR_TAG and not loader.yaml_path_resolvers and None not in resolvers
        self.plain_tags: dict[str, str] | None = {} if exact else None
        self.first_characters = frozenset(resolvers)

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
            self.report(
                extra.start_mark,
                (),
                "expected a single document in the file, but found another (remove the `---` or `...` line)",
            )
        return True

    def tree(self) -> object:
        """The value of the next node and everything inside it."""
        # This loop runs for every key and value of every file, so it is kept flat: the collection
        # being filled is a local, and the frequent cases (a key, a scalar value) come first.
        get_event, positions, scalar, text = self.loader.get_event, self.doc.positions, self.scalar, self.text
        written = self.doc.written
        stack: list[_Collection] = []
        parent: _Collection | None = None
        while True:
            event = get_event()
            if isinstance(event, _COLLECTION_END):
                finished = stack.pop()
                parent = stack[-1] if stack else None
                if parent is None:
                    return finished.value
                parent.add(finished.value)
                continue
            if parent is None:
                path = ()
                positions[path] = (event.start_mark.line + 1, event.start_mark.column + 1)
            elif parent.is_mapping:
                if parent.expects_key:
                    key = text(event)
                    if key is not None and key not in parent.value:  # the usual key, taken at once
                        mark = event.start_mark
                        parent.pending_key, parent.expects_key = key, False
                        parent.key_position = (mark.line + 1, mark.column + 1)
                    else:
                        self.key(parent, event)
                    continue
                if parent.pending_key is None:  # the key was refused: its value is not kept
                    self.skip(event)
                    parent.expects_key = True
                    continue
                path = parent.path + (parent.pending_key,)
                # A mapping's value is placed where its key stands: the line a person looks for.
                positions[path] = parent.key_position
            else:
                path = parent.path + (len(parent.value),)
                positions[path] = (event.start_mark.line + 1, event.start_mark.column + 1)
            if isinstance(event, yaml.ScalarEvent):
                value: object = text(event)
                if value is None:
                    value = scalar(event)
                    if value.__class__ is not str:
                        written[path] = event.value
            elif isinstance(event, _COLLECTION_START):
                if len(stack) >= MAX_DEPTH:
                    raise self.too_deep(event, path)
                parent = _Collection(path, {} if isinstance(event, yaml.MappingStartEvent) else [])
                stack.append(parent)
                continue
            else:  # an alias
                self.report(event.start_mark, path, f"aliases (*{event.anchor}) are not supported: write the value out")
                value = None
            if parent is None:
                return value
            parent.add(value)

    def key(self, mapping: _Collection, event) -> None:
        """A mapping key: a plain string not used before, or a problem and its value skipped."""
        if isinstance(event, yaml.ScalarEvent):
            key = self.scalar(event)
        else:
            key = None
            self.skip(event)
        mark = event.start_mark
        if not isinstance(key, str):
            self.report(mark, mapping.path, "keys must be plain strings")
            key = None
        elif key in mapping.value:
            self.report(mark, mapping.path + (key,), "duplicate key")
            key = None
        mapping.pending_key, mapping.key_position, mapping.expects_key = key, (mark.line + 1, mark.column + 1), False

    def scalar(self, event: yaml.ScalarEvent) -> object:
        """Resolve a scalar with the safe constructor (so `2014-01-30` is a date, `12` an int)."""
        tag = event.tag
        if tag is None or tag == "!":
            tag = self.resolve(event)
        if tag == STRING_TAG:  # most values: the text as it is, without building a node for the constructor
            return event.value
        # No marks: they only word a constructor's error, and its errors are not reported (below).
        node = yaml.ScalarNode(tag, event.value, None, None, event.style)
        try:
            return self.loader.construct_object(node, deep=True)
        except Exception:  # noqa: BLE001 -- any constructor's failure; e.g. 2014-02-30 looks like a date but is none; `!!bool x` is no boolean
            return event.value  # what the constructors cannot make sense of stays the text it is

    def text(self, event) -> str | None:
        """The text of an untagged scalar that the resolver would leave a string (most values and keys),
        found without asking it; None for any other event, or when only the resolver can tell."""
        if event.__class__ is not yaml.ScalarEvent or event.tag is not None or self.plain_tags is None:
            return None
        value = event.value
        if self.plain_string(value, event.implicit) or self.plain_tags.get(value) == STRING_TAG:
            return value
        return None

    def plain_string(self, value: str, implicit) -> bool:
        """Whether the standard resolver surely makes a string of an untagged scalar: a quoted or block
        scalar, or a plain one whose first character no implicit type (number, date, boolean, null…)
        can start with."""
        return not implicit[0] or bool(value) and value[0] not in self.first_characters

    def resolve(self, event: yaml.ScalarEvent) -> str:
        """The tag the loader's resolver gives an untagged scalar, found quicker for the common cases
        (`plain_string`). Keys repeat, so their tags are kept."""
        value, implicit = event.value, event.implicit
        if self.plain_tags is None or event.tag is not None:
            return self.loader.resolve(yaml.ScalarNode, value, implicit)
        if self.plain_string(value, implicit):
            return STRING_TAG
        tag = self.plain_tags.get(value)
        if tag is None:
            tag = self.loader.resolve(yaml.ScalarNode, value, implicit)
            if len(value) <= _REMEMBERED_LENGTH:
                self.plain_tags[value] = tag
        return tag

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

    __slots__ = ("expects_key", "is_mapping", "key_position", "path", "pending_key", "value")

    def __init__(self, path: Path_, value: dict | list):
        self.path, self.value = path, value
        self.is_mapping = isinstance(value, dict)
        self.expects_key = self.is_mapping
        self.pending_key: str | None = None
        self.key_position = (1, 1)

    def add(self, value: object) -> None:
        if isinstance(self.value, list):
            self.value.append(value)
            return
        if self.pending_key is not None:
            self.value[self.pending_key] = value
        self.expects_key = True
