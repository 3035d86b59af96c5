"""A complete MkDocs build, for `handbook build` (which builds into a staging folder and swaps it in)."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError


class BuildFailed(Exception):
    """The site engine stopped; its own messages have already been logged."""


def build_into(config_file: Path, site_dir: Path, strict: bool = True) -> None:
    """Run a complete MkDocs build of `config_file` into `site_dir`."""
    from mkdocs.commands.build import build

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s - %(message)s")
    config = load_config(str(config_file), site_dir=str(site_dir), strict=strict)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    except (Abort, PluginError) as exc:
        raise BuildFailed(str(exc)) from None
    finally:
        config.plugins.on_shutdown()
