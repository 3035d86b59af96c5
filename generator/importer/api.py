"""`handbook import`: an original (plain text or Markdown) to a schema-valid draft and a review report."""

from __future__ import annotations

import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..files import FileRefused, kind, read_bytes, write_new
from ..load import SourceLayout, load_policy
from ..model import Policy, slugify
from ..problems import SourceError, display_path
from .draft import build_draft
from .emit import draft_yaml
from .read_markdown import read_markdown
from .read_text import read_text
from .report import WordFidelity, render_report, word_fidelity
from .rules import run_rules
from .state import ImportState

READERS = {".txt": read_text, ".md": read_markdown, ".markdown": read_markdown}


class ImportRefused(Exception):
    """The import would overwrite a file, or cannot read its input; nothing was written."""


@dataclass
class ImportResult:
    yaml: str  # the draft policy file
    report: str  # the review report (Markdown)
    policy: Policy  # the draft as the loader validated it
    words: WordFidelity
    state: ImportState


def import_text(
    text: str,
    *,
    slug: str,
    original: str,
    suffix: str = ".txt",
    agency: str | None = None,
    where: dict[str, str] | None = None,
) -> ImportResult:
    """Import the text of an original. Nothing is written; the draft is validated by the loader."""
    state = READERS[suffix](text)
    state.agency = agency
    run_rules(state)
    if not state.body:
        raise ImportRefused(
            f"{original}: found no policy text in it (only {len(state.lines)} lines of header, signatures or furniture)"
        )
    yaml_text = draft_yaml(build_draft(state, slug, original), original)
    policy = validate_draft(yaml_text, slug, original, text)
    words = word_fidelity(policy, text)
    where = where or {
        "draft": f"source/policies/{slug}.yml",
        "input": original,
        "original": f"source/originals/{original}",
    }
    return ImportResult(yaml_text, render_report(state, policy, words, where), policy, words, state)


def validate_draft(yaml_text: str, slug: str, original: str, original_text: str) -> Policy:
    """The draft checked exactly as `handbook check` checks a policy file (in a scratch source folder)."""
    with tempfile.TemporaryDirectory() as scratch:
        layout = SourceLayout(Path(scratch))
        layout.policies.mkdir()
        layout.originals.mkdir()
        (layout.originals / original).write_text(original_text, encoding="utf-8")
        path = layout.policies / f"{slug}.yml"
        path.write_text(yaml_text, encoding="utf-8")
        policy, problems = load_policy(path, layout)
    if problems or policy is None:
        raise SourceError(problems)
    return policy


def import_file(
    path: Path,
    *,
    source: Path,
    slug: str | None = None,
    agency: str | None = None,
    output: Path | None = None,
    force: bool = False,
) -> tuple[ImportResult, dict[str, Path]]:
    """Import `path` into the source folder: the draft (`policies/<slug>.yml` or `output`), its review
    report beside it (`<slug>.report.md`) and a copy of the original in `originals/`. Refuses to
    overwrite an existing draft or a different original without `force`."""
    suffix = path.suffix.lower()
    if suffix not in READERS:
        raise ImportRefused(f"{path}: expected a .txt or .md file")
    if slug is not None and slugify(slug) != slug:  # a slug names files: no `/`, `..` or the like
        example = slugify(slug) or "riverton"
        raise ImportRefused(
            f"--slug {slug!r}: a slug is lower-case letters, digits and single hyphens, e.g. {example!r}"
        )
    slug = slug or slugify(output.stem if output else path.stem)
    if not slug:
        raise ImportRefused(f"{path}: cannot make a slug from the file name; give --slug")
    try:
        text = read_bytes(path).decode("utf-8").removeprefix("\ufeff")
    except FileRefused as exc:
        raise ImportRefused(f"{display_path(path)} {exc}") from None
    except UnicodeDecodeError as exc:
        raise ImportRefused(f"{display_path(path)}: cannot read it as UTF-8 text ({exc})") from None
    layout = SourceLayout(source)
    in_originals = path.resolve().parent == layout.originals.resolve()
    files = {
        "draft": output or layout.policies / f"{slug}.yml",
        "original": path if in_originals else layout.originals / f"{slug}{suffix}",
    }
    files["report"] = files["draft"].with_name(f"{slug}.report.md")
    _refuse_overwrites(files, text, force, layout)
    where = {
        "draft": display_path(files["draft"]),
        "input": display_path(path),
        "original": display_path(files["original"]),
    }
    result = import_text(text, slug=slug, original=files["original"].name, suffix=suffix, agency=agency, where=where)
    for target, content in ((files["original"], text), (files["draft"], result.yaml), (files["report"], result.report)):
        if not (target == files["original"] and in_originals):
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                write_new(target, content.encode("utf-8"))
            except FileExistsError:
                raise ImportRefused(f"{display_path(target.parent)} is not a folder") from None
            except OSError as exc:
                raise ImportRefused(f"{display_path(target.parent)}: cannot create it ({exc.strerror})") from None
            except FileRefused as exc:
                raise ImportRefused(f"{display_path(target)} {exc}") from None
    return result, files


def _refuse_overwrites(files: dict[str, Path], text: str, force: bool, layout: SourceLayout) -> None:
    """Nothing is written over a folder, a pipe or the like, even with `force`; nor over an existing
    draft, report or different original without it. (A link in a target's place is replaced, never
    followed: see `files.write_new`.)"""
    for target in files.values():
        status = os.lstat(target) if os.path.lexists(target) else None
        if status is not None and not (stat.S_ISREG(status.st_mode) or stat.S_ISLNK(status.st_mode)):
            raise ImportRefused(f"{display_path(target)} is {kind(status.st_mode)}")
    if force:
        return
    for name in ("draft", "report"):
        if os.path.lexists(files[name]):
            raise ImportRefused(f"{display_path(files[name])} exists; give --force to overwrite it")
    original = files["original"]
    if not os.path.lexists(original):
        return
    try:
        same = read_bytes(original, inside=layout.root).decode("utf-8", "replace").removeprefix("\ufeff") == text
    except FileRefused:
        same = False
    if not same:
        raise ImportRefused(f"{display_path(original)} exists with other content; give --force to overwrite it")
