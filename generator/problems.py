"""Problems found in the source data, reported all at once as ``file:line:column: field: message``."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one field of one source file."""

    file: str
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class SourceError(Exception):
    """Raised when the source data has problems; carries every one of them."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def display_path(path: Path, root: Path | None = None) -> str:
    """The path as the user should read it: relative to the working directory when possible.

    The path's own last part is not followed when it is a link: the message names the link."""
    where = _located(path)
    for base in (Path.cwd(), root):
        if base is None:
            continue
        try:
            return str(where.relative_to(_located(base)))
        except (ValueError, OSError, RuntimeError):
            continue
    return str(path)


def _located(path: Path) -> Path:
    """The absolute path, its folders' links followed but not its own last part (nor a loop)."""
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.parent.resolve() / absolute.name if absolute.name else absolute
    except (OSError, RuntimeError):
        return absolute
