"""The offline app (generator/features/offline/): its manifest and service worker written into the site once
MkDocs has built every other file of it, since the worker lists them all."""

from __future__ import annotations

from pathlib import Path

from ..features.offline.worker import write_offline_app


def finish_site(config) -> None:
    write_offline_app(Path(config.site_dir), config.site_name)
