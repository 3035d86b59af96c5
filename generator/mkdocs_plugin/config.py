"""What `handbook build` needs to know of the MkDocs configuration, read as MkDocs reads it."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError

from ..files import refusal


class ConfigFailed(Exception):
    """The MkDocs configuration cannot be read or is invalid; the message says why."""


@dataclass(frozen=True)
class SiteConfig:
    """What `handbook build` needs to know of the MkDocs configuration: where the site goes and the
    folders it is built from (which the site must never replace)."""

    site_dir: Path
    source: Path  # the handbook plugin's `source` option
    docs_dir: Path
    theme_dirs: tuple[Path, ...]  # the project's own theme folders (custom_dir)


class _Collected(logging.Handler):
    """The error messages MkDocs logs while it reads a configuration."""

    def __init__(self):
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def read_config(config_file: Path) -> SiteConfig:
    """The configuration as MkDocs reads it, or `ConfigFailed`."""
    reason = refusal(config_file)  # a pipe named mkdocs.yml would block MkDocs forever
    if reason == "does not exist":
        reason += " (run the command in the project's folder, or give --config FILE)"
    if reason:
        raise ConfigFailed(f"{config_file.name} {reason}")
    errors = _Collected()
    logging.getLogger("mkdocs").addHandler(errors)
    try:
        config = load_config(str(config_file))
    except (ConfigurationError, Abort) as exc:  # a validation error is logged, then `Abort` says how many
        said = errors.messages if isinstance(exc, Abort) and errors.messages else [str(exc)]
        raise ConfigFailed("; ".join(" ".join(m.split()) for m in said)) from None
    finally:
        logging.getLogger("mkdocs").removeHandler(errors)
    plugin = config.plugins.get("handbook")
    from .plugin import HandbookPlugin  # the plugin module imports the generator; only `handbook build` needs it here

    if not isinstance(plugin, HandbookPlugin):
        raise ConfigFailed("the `handbook` plugin is not under `plugins:` (add `- handbook` there)")
    return SiteConfig(
        site_dir=Path(config.site_dir),
        source=plugin._source(config),
        docs_dir=Path(config.docs_dir),
        theme_dirs=tuple(Path(d) for d in [config.theme.custom_dir] if d),
    )
