"""`handbook import`: an original (plain text or Markdown) to a schema-valid draft and a review report."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..load import SourceLayout, load_policy
from ..model import Policy, slugify
from ..problems import SourceError, display_path
from ..yaml_source import MAX_FILE_BYTES
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
    size = len(text.encode("utf-8"))
    if size > MAX_FILE_BYTES:
        raise ImportRefused(
            f"{original}: the original is {size:,} bytes; its draft would be more than a policy file may be "
            f"({MAX_FILE_BYTES:,} bytes): import it in parts"
        )
    state = READERS[suffix](text)
    state.agency = agency
    run_rules(state)
    if not state.body:
        raise ImportRefused(
            f"{original}: found no policy text in it (only {len(state.lines)} lines of header, signatures or furniture)"
        )
    yaml_text = draft_yaml(build_draft(state, slug, original), original)
    where = where or {
        "draft": f"source/policies/{slug}.yml",
        "input": original,
        "original": f"source/originals/{original}",
    }
    draft_size = len(yaml_text.encode("utf-8"))
    if draft_size > MAX_FILE_BYTES:
        raise ImportRefused(
            f"{original}: the original is {size:,} bytes, but its draft would be {draft_size:,} bytes, more than "
            f"a policy file may be ({MAX_FILE_BYTES:,} bytes): import it in parts"
        )
    policy = validate_draft(yaml_text, slug, original, text, shown_as=where["draft"])
    words = word_fidelity(policy, text)
    return ImportResult(yaml_text, render_report(state, policy, words, where), policy, words, state)


def validate_draft(yaml_text: str, slug: str, original: str, original_text: str, shown_as: str | None = None) -> Policy:
    """The draft checked exactly as `handbook check` checks a policy file (in a scratch source folder).
    Its problems name the file as `shown_as` (where the draft was to be written), not the scratch file."""
    with tempfile.TemporaryDirectory() as scratch:
        layout = SourceLayout(Path(scratch))
        layout.policies.mkdir()
        layout.originals.mkdir()
        (layout.originals / original).write_text(original_text, encoding="utf-8")
        path = layout.policies / f"{slug}.yml"
        path.write_text(yaml_text, encoding="utf-8")
        policy, problems = load_policy(path, layout, shown_as=shown_as or f"source/policies/{slug}.yml")
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
    slug = slug or slugify(output.stem if output else path.stem)
    if not slug:
        raise ImportRefused(f"{path}: cannot make a slug from the file name; give --slug")
    try:
        text = path.read_text(encoding="utf-8").removeprefix("\ufeff")
    except (OSError, UnicodeDecodeError) as exc:
        raise ImportRefused(f"{path}: cannot read it as UTF-8 text ({exc})") from None
    layout = SourceLayout(source)
    in_originals = path.resolve().parent == layout.originals.resolve()
    files = {
        "draft": output or layout.policies / f"{slug}.yml",
        "original": path if in_originals else layout.originals / f"{slug}{suffix}",
    }
    files["report"] = files["draft"].with_name(f"{slug}.report.md")
    _refuse_overwrites(files, text, force)
    where = {
        "draft": display_path(files["draft"]),
        "input": display_path(path),
        "original": display_path(files["original"]),
    }
    result = import_text(text, slug=slug, original=files["original"].name, suffix=suffix, agency=agency, where=where)
    for target, content in ((files["original"], text), (files["draft"], result.yaml), (files["report"], result.report)):
        if not (target == files["original"] and in_originals):
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, encoding="utf-8")
    return result, files


def _refuse_overwrites(files: dict[str, Path], text: str, force: bool) -> None:
    if force:
        return
    for kind in ("draft", "report"):
        if files[kind].exists():
            raise ImportRefused(f"{display_path(files[kind])} exists; give --force to overwrite it")
    original = files["original"]
    if original.exists() and original.read_text(encoding="utf-8", errors="replace").removeprefix("\ufeff") != text:
        raise ImportRefused(f"{display_path(original)} exists with other content; give --force to overwrite it")
