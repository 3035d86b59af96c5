"""`handbook build`: validate, generate, build into a fresh folder, then swap it in for `site/`.

The previous `site/` is replaced only after a complete, successful build, so a failure at any
point (bad data, a renderer error, an engine warning in strict mode) leaves it exactly as it was.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from .load import load_corpus
from .mkdocs_plugin import BuildFailed, build_into, configured_site_dir
from .problems import Problem, SourceError


def build_site(config_file: Path, strict: bool = True, source: Path | None = None) -> str:
    started = time.perf_counter()
    root = config_file.resolve().parent
    load_corpus(source or root / "source")  # fail before touching anything
    site_dir = configured_site_dir(config_file)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.", dir=site_dir.parent))
    try:
        build_into(config_file, staging, strict=strict)
    except BuildFailed as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise SourceError([Problem(str(config_file), 1, 1, "", f"site build failed: {exc}")]) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _swap_in(staging, site_dir)
    pages = sum(1 for _ in site_dir.rglob("*.html"))
    return f"built {site_dir} ({pages} HTML pages) in {time.perf_counter() - started:.1f} s"


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
