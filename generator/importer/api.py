"""`handbook import`: an original (PDF, Word, plain text or Markdown) to a schema-valid draft and a review report."""

from __future__ import annotations

import os
import stat
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..files import FileRefused, kind, read_bytes, refusal, write_new
from ..load import SourceLayout, load_corpus, load_policy
from ..model import Policy, slugify
from ..problems import SourceError, display_path
from ..yaml_source import MAX_FILE_BYTES
from .draft import build_draft
from .emit import draft_yaml
from .limits import KINDS, MAX_PAGES, Unreadable, max_bytes, megabytes
from .manual import Manual, ManualContext, ManualPolicy, read_manual
from .metadata import place_of
from .read_docx import extract_docx
from .read_markdown import read_markdown
from .read_pdf import Layout, OpenedPdf, extract_pdf, page_limit_refusal
from .read_text import read_text
from .report import WordFidelity, render_report, word_fidelity
from .rules import run_rules
from .state import ImportState
from .topics import TopicIndex

READERS = {".txt": read_text, ".md": read_markdown, ".markdown": read_markdown, ".pdf": read_text, ".docx": read_text}
FORMATS = {".pdf": "pdf", ".docx": "docx"}  # text extracted from a document, not typed or OCR'd


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
    layouts: list[Layout | None] | None = None,
    document: str | None = None,
    handbook: TopicIndex | str | None = None,
    manual: ManualContext | None = None,
) -> ImportResult:
    """Import the text of an original. Nothing is written; the draft is validated by the loader.
    `layouts` (a PDF's) say where each line stood; `document` names the PDF or Word file the text is from;
    `handbook` holds the tagged provisions topics are suggested from (`handbook_index`), or says why
    there are none; `manual`, for one policy of a manual of many, what the manual says for all of them."""
    size = len(text.encode("utf-8"))
    if size > MAX_FILE_BYTES:
        raise ImportRefused(
            f"{original}: the original is {size:,} bytes; its draft would be more than a policy file may be "
            f"({MAX_FILE_BYTES:,} bytes): import it in parts"
        )
    state = READERS[suffix](text)
    state.format = FORMATS.get(suffix, state.format)
    state.document = document
    for line, layout in zip(state.lines, layouts or [], strict=False):
        line.layout = layout
    state.agency = agency
    state.manual = manual
    if isinstance(handbook, str):
        state.no_suggestions = handbook
    else:
        state.topic_index = handbook
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
    policy = validate_draft(yaml_text, slug, original, text, shown_as=where["draft"], document=document)
    words = word_fidelity(policy, text)
    return ImportResult(yaml_text, render_report(state, policy, words, where), policy, words, state)


def handbook_index(source: Path, *slugs: str) -> TopicIndex | str:
    """The handbook's tagged provisions to suggest topics from (the policies being imported left out, were
    they imported before), or why there are none: the import goes on without suggestions."""
    try:
        corpus = load_corpus(source)
    except SourceError as exc:
        return (
            f"the handbook in {display_path(source)} has {len(exc.problems)} problem(s) "
            "(run `handbook check`, then import again for suggestions)"
        )
    index = TopicIndex.from_policies(p for p in corpus.policies if p.slug not in slugs)
    return index if len(index) else f"no provision of the handbook in {display_path(source)} is tagged with topics yet"


def validate_draft(
    yaml_text: str,
    slug: str,
    original: str,
    original_text: str,
    shown_as: str | None = None,
    document: str | None = None,
) -> Policy:
    """The draft checked exactly as `handbook check` checks a policy file (in a scratch source folder).
    Its problems name the file as `shown_as` (where the draft was to be written), not the scratch file;
    `document` is the PDF or Word file the text is from (only its name matters to the check)."""
    with tempfile.TemporaryDirectory() as scratch:
        layout = SourceLayout(Path(scratch))
        layout.policies.mkdir()
        layout.originals.mkdir()
        (layout.originals / original).write_text(original_text, encoding="utf-8")
        if document:
            (layout.originals / document).write_bytes(b"")
        path = layout.policies / f"{slug}.yml"
        path.write_text(yaml_text, encoding="utf-8")
        policy, problems = load_policy(path, layout, shown_as=shown_as or f"source/policies/{slug}.yml")
    if problems or policy is None:
        raise SourceError(problems)
    return policy


def read_original(path: Path) -> tuple[str, bytes, list[Layout | None] | None]:
    """The text of the original at `path`, its bytes as they are, and (a PDF's) each line's layout.
    The kind and the size limits are checked first, from the name and the file's size alone."""
    suffix = path.suffix.lower()
    data = _checked_bytes(path)
    try:
        if suffix == ".pdf":
            extracted = extract_pdf(data)
            return extracted.text, data, extracted.layouts
        if suffix == ".docx":
            return extract_docx(data), data, None
    except Unreadable as exc:
        raise ImportRefused(f"{path}: {exc}") from None
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise ImportRefused(
            f"{path}: it is not UTF-8 text (byte {exc.start}); save it as UTF-8 (in most editors: "
            "Save As, encoding UTF-8) and import it again"
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n"), data, None


def _checked_bytes(path: Path) -> bytes:
    """The bytes of the original at `path`, once its kind, that it is a regular file and its size are checked."""
    suffix = path.suffix.lower()
    if suffix not in READERS:
        hint = (
            "save it as .docx (Word) or PDF first"
            if suffix in (".doc", ".rtf", ".odt", ".wpd", ".pages")
            else "save it as PDF, or copy its text into a .txt file"
        )
        kinds = ", ".join(sorted({s for s in KINDS if s != ".markdown"}))
        raise ImportRefused(
            f"{path}: cannot import a {suffix or 'file without extension'} file (it reads {kinds}); {hint}"
        )
    reason = refusal(path)
    if reason:
        raise ImportRefused(f"{display_path(path)} {reason}")
    size = path.stat().st_size
    if size > max_bytes(suffix):
        raise ImportRefused(
            f"{path}: {megabytes(size)} is more than the {megabytes(max_bytes(suffix))} a {KINDS[suffix]} "
            f"original may have; split it into one file per policy (or per {MAX_PAGES} pages)"
        )
    try:
        return read_bytes(path)
    except FileRefused as exc:
        raise ImportRefused(f"{display_path(path)} {exc}") from None


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
    report beside it (`<slug>.report.md`) and the original, byte for byte, in `originals/` (a PDF's or
    Word file's extracted text beside it, `<slug>.pdf.txt`: the text the draft's words are checked
    against). Refuses to overwrite an existing draft or a different original without `force`."""
    suffix = path.suffix.lower()
    if slug is not None and slugify(slug) != slug:  # a slug names files: no `/`, `..` or the like
        example = slugify(slug) or "riverton"
        raise ImportRefused(
            f"--slug {slug!r}: a slug is lower-case letters, digits and single hyphens, e.g. {example!r}"
        )
    slug = slug or slugify(output.stem if output else path.stem)
    if not slug:
        raise ImportRefused(f"{path}: cannot make a slug from the file name; give --slug")
    text, data, layouts = read_original(path)
    layout = SourceLayout(source)
    in_originals = path.resolve().parent == layout.originals.resolve()
    files = {
        "draft": output or layout.policies / f"{slug}.yml",
        "original": path if in_originals else layout.originals / f"{slug}{suffix}",
    }
    if suffix in FORMATS:
        files["text"] = files["original"].with_name(f"{files['original'].name}.txt")
    files["report"] = files["draft"].with_name(f"{slug}.report.md")
    _refuse_overwrites(files, data, text, force, layout)
    where = {
        "draft": display_path(files["draft"]),
        "input": display_path(path),
        "original": display_path(files["original"]),
    }
    result = import_text(
        text,
        slug=slug,
        original=files.get("text", files["original"]).name,
        suffix=suffix,
        agency=agency,
        where=where,
        layouts=layouts,
        document=files["original"].name if "text" in files else None,
        handbook=handbook_index(source, slug),
    )
    writes = [(files["draft"], result.yaml.encode("utf-8")), (files["report"], result.report.encode("utf-8"))]
    if not in_originals:
        writes.insert(0, (files["original"], data))  # unchanged: CRLF stays CRLF
    if "text" in files:
        writes.append((files["text"], text.encode("utf-8")))
    _write(writes)
    return result, files


def _write(writes: list[tuple[Path, bytes]]) -> None:
    for target, content in writes:
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            write_new(target, content)
        except FileExistsError:
            raise ImportRefused(f"{display_path(target.parent)} is not a folder") from None
        except OSError as exc:
            raise ImportRefused(f"{display_path(target.parent)}: cannot create it ({exc.strerror})") from None
        except FileRefused as exc:
            raise ImportRefused(f"{display_path(target)} {exc}") from None


def _refuse_overwrites(files: dict[str, Path], data: bytes, text: str, force: bool, layout: SourceLayout) -> None:
    """Nothing is written over a folder, a pipe or the like, even with `force`; nor over an existing
    draft, report, different original or different extracted text without it. (A link in a target's
    place is replaced, never followed: see `files.write_new`.)"""
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
    if _differs(original, data, layout):
        raise ImportRefused(f"{display_path(original)} exists with other content; give --force to overwrite it")
    extracted = files.get("text")
    if extracted and _differs(extracted, text.encode("utf-8"), layout):
        raise ImportRefused(f"{display_path(extracted)} exists with other content; give --force to overwrite it")


def _differs(target: Path, data: bytes, layout: SourceLayout) -> bool:
    """Whether a file is already at `target` with other bytes than `data` (one that cannot be read counts)."""
    if not os.path.lexists(target):
        return False
    try:
        return read_bytes(target, inside=layout.root) != data
    except FileRefused:
        return True


def read_manual_file(path: Path) -> tuple[bytes, OpenedPdf, Manual]:
    """A PDF manual of many policies: its bytes, the opened PDF and the policies it holds (`--list`)."""
    if path.suffix.lower() != ".pdf":
        raise ImportRefused(
            f"{path}: --list, --policy and --all read a PDF manual of many policies (with bookmarks, or "
            "numbered policy headings); import a .docx, .txt or .md file as one policy, without them"
        )
    data = _checked_bytes(path)
    try:
        pdf = OpenedPdf(data)
        return data, pdf, read_manual(pdf)
    except Unreadable as exc:
        raise ImportRefused(f"{path}: {exc}") from None


def choose_policies(path: Path, manual: Manual, wanted: list[str] | None) -> list[ManualPolicy]:
    """The policies `wanted` names (numbers or titles), each exactly one of the manual's; all of them for
    None. A name that matches none, or several, is refused with how to see them."""
    if wanted is None:
        return list(manual.policies)
    chosen: list[ManualPolicy] = []
    for name in wanted:
        found = manual.choose(name)
        if not found:
            raise ImportRefused(
                f"{path}: no policy {name!r} in it (a number such as {manual.policies[0].number or '342'!r} "
                f"or a title); `handbook import {path} --list` lists the {len(manual.policies)} it holds"
            )
        if len(found) > 1:
            names = "; ".join(f"{p.name} (pages {p.first}-{p.last})" for p in found[:6])
            raise ImportRefused(f"{path}: {name!r} names {len(found)} policies ({names}); give the whole title")
        chosen += [p for p in found if p not in chosen]
    return chosen


def manual_slugs(manual: Manual, chosen: list[ManualPolicy], base: str) -> dict[ManualPolicy, str]:
    """Each policy's slug: `<base>-<number>` (`lisle-342`), with its title where the manual gives two
    policies one number (or none)."""
    numbers = Counter(p.number for p in manual.policies)
    return {
        p: slugify(f"{base} {p.number}" if p.number and numbers[p.number] == 1 else f"{base} {p.name}") for p in chosen
    }


def import_manual(
    path: Path,
    *,
    source: Path,
    wanted: list[str] | None,
    slug: str | None = None,
    agency: str | None = None,
    output: Path | None = None,
    force: bool = False,
    progress: Callable[[ManualPolicy, int, int], None] | None = None,
) -> tuple[Manual, list[tuple[ImportResult, dict[str, Path]]]]:
    """Import policies of a PDF manual of many, each as `import_file` imports a policy: its draft, its
    report and its text (`<slug>.pdf.txt`, the text of its pages alone), and the manual, byte for byte,
    once in `originals/` (every draft's `original_document`). `wanted` are numbers or titles (None: every
    policy). Only the chosen policies' pages are read; the page limit applies to each, checked first.
    Every draft names the agency read once from the manual (or given). Nothing is written unless every
    chosen policy imports and no file would be overwritten without `force`."""
    if slug is not None and slugify(slug) != slug:
        raise ImportRefused(f"--slug {slug!r}: a slug is lower-case letters, digits and single hyphens")
    data, pdf, manual = read_manual_file(path)
    chosen = choose_policies(path, manual, wanted)
    if output is not None and len(chosen) != 1:
        raise ImportRefused(f"--output names one draft, and {len(chosen)} policies are chosen; leave it out")
    too_long = [p for p in chosen if len(p.pages) > MAX_PAGES]
    if too_long:
        raise ImportRefused(f"{path}: policy {too_long[0].name}: {page_limit_refusal(len(too_long[0].pages), 'it')}")
    agency = agency or manual.agency
    base = slug or slugify(place_of(agency).get("city", "") if agency else "") or slugify(path.stem)
    slugs = manual_slugs(manual, chosen, base)
    layout = SourceLayout(source)
    in_originals = path.resolve().parent == layout.originals.resolve()
    original = path if in_originals else layout.originals / f"{base}-manual.pdf"
    planned: list[dict[str, Path]] = []
    for policy in chosen:
        draft = output or layout.policies / f"{slugs[policy]}.yml"
        text = layout.originals / f"{slugs[policy]}.pdf.txt"
        planned.append(
            {
                "draft": draft,
                "original": original,
                "text": text,
                "report": draft.with_name(f"{slugs[policy]}.report.md"),
            }
        )
    for files in planned:  # before any page is read: an existing draft, report or other manual
        _refuse_overwrites({k: v for k, v in files.items() if k != "text"}, data, "", force, layout)
    handbook = handbook_index(source, *slugs.values())
    results: list[tuple[ImportResult, dict[str, Path], str]] = []
    for n, (policy, files) in enumerate(zip(chosen, planned, strict=True), start=1):
        if progress:
            progress(policy, n, len(chosen))
        try:
            extracted = pdf.extract(policy.pages, "the policy")
        except Unreadable as exc:
            raise ImportRefused(f"{path}: policy {policy.name}: {exc}") from None
        _refuse_overwrites(files, data, extracted.text, force, layout)
        where = {"draft": display_path(files["draft"]), "input": display_path(path), "original": display_path(original)}
        try:
            result = import_text(
                extracted.text,
                slug=slugs[policy],
                original=files["text"].name,
                suffix=".pdf",
                agency=agency,
                where=where,
                layouts=extracted.layouts,
                document=original.name,
                handbook=handbook,
                manual=ManualContext(policy, original.name, manual.running, manual.found_from, manual.agency),
            )
        except ImportRefused as exc:
            raise ImportRefused(f"policy {policy.name} (pages {policy.first}-{policy.last}): {exc}") from None
        results.append((result, files, extracted.text))
    writes = [] if in_originals else [(original, data)]
    for result, files, extracted_text in results:
        writes += [
            (files["draft"], result.yaml.encode("utf-8")),
            (files["report"], result.report.encode("utf-8")),
            (files["text"], extracted_text.encode("utf-8")),
        ]
    _write(writes)
    return manual, [(result, files) for result, files, _ in results]
