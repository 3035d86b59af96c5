"""The only module that knows MkDocs: a plugin that runs generation before each build, and a build call.

Swapping the site engine means replacing this module; nothing else imports MkDocs.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config import config_options, load_config
from mkdocs.config.base import Config
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import BasePlugin

from .generate import generate
from .problems import SourceError


class HandbookConfig(Config):
    source = config_options.Type(str, default="source")


class HandbookPlugin(BasePlugin[HandbookConfig]):
    """Regenerates the pages from `source/` at the start of every build (and every `mkdocs serve` reload)."""

    def _source(self, config) -> Path:
        return Path(config.config_file_path).parent / self.config.source

    def on_pre_build(self, *, config) -> None:
        try:
            generate(self._source(config), Path(config.docs_dir))
        except SourceError as exc:
            raise PluginError(f"{len(exc.problems)} problem(s) in the source data:\n{exc}") from None

    def on_serve(self, server, *, config, builder):
        server.watch(str(self._source(config)))
        return server


class BuildFailed(Exception):
    """The site engine stopped; its own messages have already been logged."""


def configured_site_dir(config_file: Path) -> Path:
    config = load_config(str(config_file))
    return Path(config.site_dir)


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
