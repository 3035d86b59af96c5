"""`handbook build`: validate, generate, build into a fresh folder, then swap it in for `site/`.

The previous `site/` is replaced only after a complete, successful build, so a failure at any
point (bad data, a renderer error, an engine warning in strict mode) leaves it exactly as it was.
"""

from __future__ import annotations

import shutil
import sysconfig
import tempfile
import time
import traceback
from pathlib import Path

from .load import load_corpus
from .mkdocs_plugin import BuildFailed, build_into, configured_site_dir
from .problems import Problem, SourceError, display_path

PACKAGE = Path(__file__).resolve().parent
LIBRARIES = {Path(sysconfig.get_paths()[name]).resolve() for name in ("stdlib", "purelib", "platlib")}


def build_site(config_file: Path, strict: bool = True) -> str:
    started = time.perf_counter()
    root = config_file.resolve().parent
    # Checked here so bad data is reported as itself, before anything is touched; the build's own
    # load of the same unchanged files is then served from the loader's cache.
    load_corpus(root / "source")
    site_dir = configured_site_dir(config_file)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.", dir=site_dir.parent))
    try:
        build_into(config_file, staging, strict=strict)
    except BaseException as exc:
        shutil.rmtree(staging, ignore_errors=True)
        if not isinstance(exc, Exception):  # Ctrl-C and the like end the command as they are
            raise
        reason = str(exc) if isinstance(exc, BuildFailed) else crash_summary(exc, root)
        raise SourceError(
            [Problem(str(config_file), 1, 1, "", f"site build failed ({site_dir.name}/ was left as it was): {reason}")]
        ) from None
    _swap_in(staging, site_dir)
    pages = sum(1 for _ in site_dir.rglob("*.html"))
    return f"built {site_dir} ({pages} HTML pages) in {time.perf_counter() - started:.1f} s"


def crash_summary(exc: Exception, root: Path) -> str:
    """One line for an unexpected error (a renderer's bug, a broken theme template): what it is and the
    innermost place in our own code or templates it came from, e.g.
    `KeyError: 'x' (at generator/render/glossary.py:27, in glossary_pages)`. A traceback would bury
    the one fact a person needs under library frames."""
    ours = [frame for frame in traceback.extract_tb(exc.__traceback__) if _is_ours(Path(frame.filename), root)]
    where = f" (at {display_path(Path(ours[-1].filename))}:{ours[-1].lineno}, in {ours[-1].name})" if ours else ""
    return f"{type(exc).__name__}: {exc}{where}"


def _is_ours(file: Path, root: Path) -> bool:
    """A file of the handbook package, or of the project being built (its theme overrides) that is not
    an installed library (a virtual environment may live inside the project)."""
    file = file.resolve()
    if file.is_relative_to(PACKAGE):
        return True
    return file.is_relative_to(root.resolve()) and not any(file.is_relative_to(lib) for lib in LIBRARIES)


def _swap_in(staging: Path, site_dir: Path) -> None:
    """Replace `site_dir` by `staging` with two renames, so the site is never half-written."""
    old = None
    if site_dir.exists():
        old = site_dir.with_name(f".{site_dir.name}.old-{time.time_ns()}")
        site_dir.rename(old)
    staging.rename(site_dir)
    site_dir.chmod(0o755)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
