"""The service worker of the hosted site (`sw.js`, at the site's top so that it serves all of it) and the
web app manifest (`manifest.webmanifest`).

The worker's code is `overrides/assets/javascripts/offline-worker.js`; `sw.js` is that code after one line
of data: the build's files and a key made from their contents. A browser compares `sw.js` byte for byte
on each visit, so a changed file makes a new key, which installs the new build's copy and drops the old.
From disk there is no worker (browsers allow none there) and nothing is needed: every file is at hand.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from ...render.html import embedded_json, url_path

WORKER = "sw.js"
MANIFEST = "manifest.webmanifest"
WORKER_CODE = "assets/javascripts/offline-worker.js"  # in the built site, copied there from overrides/
LEFT_OUT = {
    WORKER,
    MANIFEST,
    "sitemap.xml",
    "sitemap.xml.gz",
}  # the manifest is listed apart (see worker_script)  # the worker itself, and what only search engines read
# The theme's files the handbook never loads: its search worker and languages (the site search has its own,
# generator/features/search/) and the source maps of its scripts (read only by a developer's tools).
UNUSED = ("assets/javascripts/lunr/", "assets/javascripts/workers/")
UNUSED_SUFFIXES = (".map",)
ICONS = (("assets/images/icon-192.png", "192x192"), ("assets/images/icon-512.png", "512x512"))


def site_files(site_dir: Path) -> list[str]:
    """Every file of the built site a reader may open, as paths from its top, sorted; a web team's
    dot-files (`.htaccess`, a `.git` checkout) are not the site's."""
    return sorted(
        path.relative_to(site_dir).as_posix()
        for path in site_dir.rglob("*")
        if path.is_file()
        and not any(part.startswith(".") for part in path.relative_to(site_dir).parts)
        and not _left_out(path.relative_to(site_dir).as_posix())
    )


def _left_out(name: str) -> bool:
    return name in LEFT_OUT or name.startswith(UNUSED) or name.endswith(UNUSED_SUFFIXES)


def build_key(site_dir: Path, files: list[str]) -> str:
    """A key that changes when any file's name or content does."""
    digest = hashlib.sha256()
    for name in files:
        digest.update(name.encode("utf-8") + b"\0")
        digest.update(hashlib.sha256((site_dir / name).read_bytes()).digest())
    return digest.hexdigest()[:16]


def worker_script(site_dir: Path) -> str:
    """`sw.js`: the worker's data (the build's key and files, with the manifest) and its code."""
    files = site_files(site_dir)
    key = build_key(site_dir, [*files, MANIFEST])
    data = {"key": key, "files": [url_path(f) for f in files] + [MANIFEST]}
    code = (site_dir / WORKER_CODE).read_text(encoding="utf-8")
    return f"/* The handbook's offline copy: generator/features/offline/worker.py */\nself.OFFLINE = {embedded_json(data)};\n{code}"


def manifest(site_name: str) -> str:
    """The web app manifest: the handbook installs as an app opening at its home page. Addresses are
    relative to the manifest, so it works under any sub-path."""
    return (
        json.dumps(
            {
                "name": site_name,
                "short_name": "Handbook" if len(site_name) > 12 else site_name,
                "start_url": "index.html",
                "scope": "./",
                "display": "standalone",
                "background_color": "#ffffff",
                "theme_color": "#3f51b5",
                "icons": [{"src": src, "sizes": sizes, "type": "image/png"} for src, sizes in ICONS],
            },
            ensure_ascii=False,
            indent=1,
        )
        + "\n"
    )


def write_offline_app(site_dir: Path, site_name: str) -> None:
    """Writes the manifest and then the worker, whose key covers the manifest too, into the built site."""
    (site_dir / MANIFEST).write_text(manifest(site_name), encoding="utf-8")
    (site_dir / WORKER).write_text(worker_script(site_dir), encoding="utf-8")
