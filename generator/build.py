"""`handbook build`: validate, generate, build into a fresh folder, then swap it in for `site/`.

The previous `site/` is replaced only after a complete, successful build, so a failure at any
point (bad data, a renderer error, an engine warning in strict mode) leaves it exactly as it was.
"""

from __future__ import annotations

import ctypes
import errno
import os
import re
import shutil
import sys
import sysconfig
import tempfile
import time
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .files import FileRefused, read_bytes
from .load import load_corpus
from .mkdocs_plugin import BuildFailed, ConfigFailed, SiteConfig, build_into, read_config
from .problems import Problem, SourceError, display_path

PACKAGE = Path(__file__).resolve().parent
LIBRARIES = {Path(sysconfig.get_paths()[name]).resolve() for name in ("stdlib", "purelib", "platlib")}


def build_site(config_file: Path, strict: bool = True) -> str:
    started = time.perf_counter()
    root = config_file.resolve().parent
    config = read_site_config(config_file)
    # The real folder: a link named site/ stays a link to the new site.
    site_dir = Path(os.path.realpath(config.site_dir))
    _check_site_dir(site_dir, config, root, config_file)
    try:
        site_dir.parent.mkdir(parents=True, exist_ok=True)  # as MkDocs makes a site_dir of other/folders
    except OSError as exc:
        raise _problem(
            config_file, f"cannot create {display_path(site_dir.parent)}/: {exc.strerror}", "site_dir"
        ) from None
    with _one_build_at_a_time(site_dir, config_file):
        _clean_up_after_killed_builds(site_dir, config_file)
        # Checked here so bad data is reported as itself, before anything is touched; the build's own
        # load of the same unchanged files is then served from the loader's cache.
        load_corpus(config.source)
        try:
            staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.{STAGING}", dir=site_dir.parent))
        except OSError as exc:
            raise _problem(
                config_file,
                f"cannot create the build folder in {display_path(site_dir.parent)}: "
                f"{exc.strerror}; check that the folder is writable",
            ) from None
        try:
            build_into(config_file, staging, strict=strict)
        except BaseException as exc:
            shutil.rmtree(staging, ignore_errors=True)
            if not isinstance(exc, Exception):  # Ctrl-C and the like end the command as they are
                raise
            reason = str(exc) if isinstance(exc, BuildFailed) else crash_summary(exc, root)
            raise _problem(config_file, f"site build failed ({site_dir.name}/ was left as it was): {reason}") from None
        left = _swap_in(staging, site_dir)
    pages = sum(1 for _ in site_dir.rglob("*.html"))
    report = f"built {site_dir} ({pages} HTML pages) in {time.perf_counter() - started:.1f} s"
    if left:
        report += (
            f"\nwarning: the previous site, moved to {display_path(left[0])}, could not be removed ({left[1]}); "
            "remove it by hand (the next build refuses to start while it is there, so copies do not pile up)"
        )
    return report


def _problem(config_file: Path, message: str, field: str = "", line: int = 1) -> SourceError:
    return SourceError([Problem(display_path(config_file), line, 1, field, message)])


def read_site_config(config_file: Path) -> SiteConfig:
    """The configuration, or `SourceError` with one problem saying why it cannot be used."""
    try:
        return read_config(config_file)
    except ConfigFailed as exc:
        raise _problem(config_file, f"cannot use this MkDocs configuration: {exc}") from None


def _check_site_dir(site_dir: Path, config: SiteConfig, root: Path, config_file: Path) -> None:
    """A build replaces the whole site folder: refuse one that is, holds or is inside a folder the
    site is built from, or the project; or an existing folder that is not a site built before."""
    line = _line_of(config_file, "site_dir")

    def refuse(why: str) -> SourceError:
        return _problem(
            config_file,
            f"{display_path(site_dir)}/ {why}: a build replaces the whole site folder; "
            "give the site a folder of its own (e.g. site_dir: site)",
            "site_dir",
            line,
        )

    root = Path(os.path.realpath(root))
    if site_dir == root or root.is_relative_to(site_dir):
        raise refuse("is the project folder" if site_dir == root else "holds the project folder")
    for name, folder in (
        ("the source folder", config.source),
        ("the generated pages' folder (docs_dir)", config.docs_dir),
        *(("the theme's folder (custom_dir)", d) for d in config.theme_dirs),
    ):
        folder = Path(os.path.realpath(folder))
        if site_dir == folder:
            raise refuse(f"is {name}")
        if folder.is_relative_to(site_dir):
            raise refuse(f"holds {name} {display_path(folder)}/")
        if site_dir.is_relative_to(folder):
            raise refuse(f"is inside {name} {display_path(folder)}/")
    if os.path.lexists(site_dir) and not site_dir.is_dir():
        raise refuse("is not a folder")
    if site_dir.is_dir():
        entries = [e for e in os.listdir(site_dir) if not e.startswith(".")]
        if entries and "index.html" not in entries:
            raise refuse("holds files but no index.html, so it is not a site built before (nothing was replaced)")


def _line_of(config_file: Path, key: str) -> int:
    """The line of a top-level key in the configuration (1 when it is not written there)."""
    try:
        text = read_bytes(config_file).decode("utf-8", "replace")
    except FileRefused:
        return 1
    return next((n for n, line in enumerate(text.splitlines(), 1) if line.startswith(f"{key}:")), 1)


def crash_summary(exc: Exception, root: Path) -> str:
    """One line for an unexpected error (a renderer's bug, a broken theme template): what it is and the
    innermost place in our own code or templates it came from, e.g.
    `KeyError: 'x' (at generator/features/glossary/render.py:27, in glossary_pages)`. A traceback would bury
    the one fact a person needs under library frames."""
    ours = [frame for frame in traceback.extract_tb(exc.__traceback__) if _is_ours(Path(frame.filename), root)]
    where = f" (at {display_path(Path(ours[-1].filename))}:{ours[-1].lineno}, in {ours[-1].name})" if ours else ""
    if isinstance(exc, OSError) and exc.filename and exc.strerror:  # e.g. a folder that cannot be written
        return f"{type(exc).__name__}: {display_path(Path(exc.filename))}: {exc.strerror}{where}"
    return f"{type(exc).__name__}: {exc}{where}"


def _is_ours(file: Path, root: Path) -> bool:
    """A file of the handbook package, or of the project being built (its theme overrides) that is not
    an installed library (a virtual environment may live inside the project)."""
    file = file.resolve()
    if file.is_relative_to(PACKAGE):
        return True
    return file.is_relative_to(root.resolve()) and not any(file.is_relative_to(lib) for lib in LIBRARIES)


# The folders a build makes beside the site, `.site.handbook-staging-…` (the site being built, then
# the previous one once swapped out) and `.site.handbook-old-…` (the previous site, where folders
# cannot be exchanged in one step); and `.site.old-<ns>`, what builds before these names left.
STAGING = "handbook-staging-"
OLD = "handbook-old-"


def _leftovers(site_dir: Path) -> list[Path]:
    """The folders earlier builds left beside `site_dir`: ours by their names, and folders (not links)."""
    ours = re.compile(rf"\.{re.escape(site_dir.name)}\.({STAGING}[A-Za-z0-9_]+|{OLD}\d+|old-\d{{16,}})")
    found = []
    for entry in os.scandir(site_dir.parent) if site_dir.parent.is_dir() else []:
        if ours.fullmatch(entry.name) and entry.is_dir(follow_symlinks=False):
            found.append(Path(entry.path))
    return sorted(found)


def _clean_up_after_killed_builds(site_dir: Path, config_file: Path) -> None:
    """Put back a previous site that a build killed in its swap left out of place, and remove every
    other folder a killed build left (a staging folder can be hundreds of MB)."""
    leftovers = _leftovers(site_dir)
    olds = [p for p in leftovers if OLD in p.name or ".old-" in p.name]
    if not os.path.lexists(site_dir) and olds:
        newest = max(olds, key=lambda p: int(p.name.rsplit("-", 1)[1]))
        os.rename(newest, site_dir)
        leftovers.remove(newest)
    for folder in leftovers:
        failed = _remove(folder)
        if failed:
            raise _problem(
                config_file,
                f"{display_path(folder)}/, left by an earlier build, cannot be removed ({failed}); remove it "
                "by hand: nothing is built while it is there, so that copies of the site do not pile up",
            )


def _remove(folder: Path) -> str | None:
    """Remove a folder of ours; None, or why it could not be removed."""
    errors: list[str] = []

    def note(function, path, exc) -> None:
        exc = exc[1] if isinstance(exc, tuple) else exc  # onerror gives exc_info, onexc the exception
        if not errors:
            errors.append(
                f"{exc.strerror or exc}: {display_path(Path(path))}" if isinstance(exc, OSError) else str(exc)
            )

    if sys.version_info >= (3, 12):
        shutil.rmtree(folder, onexc=note)
    else:
        shutil.rmtree(folder, onerror=note)
    if errors:
        return errors[0]
    return "it is still there" if os.path.lexists(folder) else None


@contextmanager
def _one_build_at_a_time(site_dir: Path, config_file: Path) -> Iterator[None]:
    """Hold a lock on the site's parent folder for the build, so two builds into one site do not
    remove each other's staging folders."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on POSIX: no lock
        yield
        return
    try:
        fd = os.open(site_dir.parent, os.O_RDONLY)
    except OSError as exc:
        raise _problem(config_file, f"cannot open {display_path(site_dir.parent)}: {exc.strerror}") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise _problem(
                config_file, f"another handbook build is writing {display_path(site_dir)}/; wait until it ends"
            ) from None
        yield
    finally:
        os.close(fd)


def _swap_in(staging: Path, site_dir: Path) -> tuple[Path, str] | None:
    """Replace `site_dir` by `staging`, so that `site_dir` is never half-written, and never absent where
    the system can exchange two folders in one step (Linux); elsewhere it is absent between two renames,
    and the next build puts the previous site back if it was killed there. The previous site's dot-files
    (`.htaccess`, `.git`, …: MkDocs leaves them too) are carried into the new one. Returns where the
    previous site is and why, if it could not be removed."""
    staging.chmod(0o755)
    if not os.path.lexists(site_dir):
        os.rename(staging, site_dir)
        return None
    moved = _carry_dot_files(site_dir, staging)
    try:
        if _exchange(staging, site_dir):
            old = staging
        else:
            old = site_dir.with_name(f".{site_dir.name}.{OLD}{time.time_ns()}")
            os.rename(site_dir, old)
            os.rename(staging, site_dir)
    except BaseException:
        for name in moved:  # the site is as it was: its dot-folders go back
            if os.path.lexists(staging / name) and not os.path.lexists(site_dir / name):
                os.rename(staging / name, site_dir / name)
        raise
    failed = _remove(old)
    return (old, failed) if failed else None


def _carry_dot_files(site_dir: Path, staging: Path) -> list[str]:
    """The previous site's own dot-files into the new site: files (and links) are copied, so the live
    site keeps them to the last moment; folders (`.git`) are moved. Returns the folders moved."""
    moved = []
    for entry in sorted(os.scandir(site_dir), key=lambda e: e.name):
        target = staging / entry.name
        if not entry.name.startswith(".") or os.path.lexists(target):
            continue
        if entry.is_dir(follow_symlinks=False):
            os.rename(entry.path, target)
            moved.append(entry.name)
        else:
            shutil.copy2(entry.path, target, follow_symlinks=False)
    return moved


RENAME_EXCHANGE = 2  # Linux's renameat2 flag


def _exchange(a: Path, b: Path) -> bool:
    """Exchange two folders in one step (Linux's renameat2); False where the system cannot."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    at_cwd = -100
    if renameat2(at_cwd, os.fsencode(a), at_cwd, os.fsencode(b), RENAME_EXCHANGE) == 0:
        return True
    error = ctypes.get_errno()
    if error in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(error, os.strerror(error), str(b))
