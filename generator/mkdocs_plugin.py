"""The only module that knows MkDocs: a plugin that runs generation before each build, and a build call.

Swapping the site engine means replacing this module; nothing else imports MkDocs.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config import config_options, load_config
from mkdocs.config.base import Config
from mkdocs.exceptions import Abort, ConfigurationError, PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure import StructureItem
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from .contract import SEARCH_WORKER
from .files import refusal
from .generate import generate, page_dates
from .problems import SourceError

# With more policies than this, the navigation files them in A–Z sections of at most NAV_SECTION pages
# (`Ash – Bel`): with the theme's navigation.prune, a page then carries one section of policies in its
# navigation, not all of them (which, with a thousand agencies, would make every page hundreds of kB
# and the build grow with the square of their number).
NAV_POLICIES = 30
NAV_SECTION = 40
# The site search: the theme's search box, answered by our worker (`SEARCH_WORKER`) from the index
# generated with the pages (generator/render/search.py) instead of the theme's worker, which would load
# an index of every page and rebuild it in the browser on every page (tens of MB with a thousand agencies).
THEME_WORKER = re.compile(r'("search": ")([^"]*?)assets/javascripts/workers/search\.[0-9a-f]+\.min\.js"')
# Our pages are finished HTML (generator/render/page.py), shown exactly as generated: MkDocs converts an
# empty stand-in for each, and the page's HTML, title and table of contents are put in from the generator.
# Nothing of a page goes through Markdown, which would read Markdown and attribute lists in its text.
STAND_IN = ""
# The theme's templates indent every line they write: more than half of a page's navigation is white
# space. A run of white space holding a line break shows as one space, so it is cut to one line break,
# except where white space is kept as written.
KEEPS_WHITESPACE = re.compile(r"<(pre|textarea|script|style)\b.*?</\1>", re.IGNORECASE | re.DOTALL)
LINE_BREAK_RUN = re.compile(r"[ \t]*\n\s*")


class HandbookConfig(Config):
    source = config_options.Type(str, default="source")


class HandbookPlugin(BasePlugin[HandbookConfig]):
    """Regenerates the pages from `source/` at the start of every build (and every `mkdocs serve` reload)."""

    def __init__(self):
        super().__init__()
        self.pages: dict = {}  # page path → the generated page (generator/render/page.py), until it is shown

    def _source(self, config) -> Path:
        return Path(config.config_file_path).parent / self.config.source

    def on_pre_build(self, *, config) -> None:
        try:
            generated = generate(self._source(config), Path(config.docs_dir))
        except SourceError as exc:
            raise PluginError(f"{len(exc.problems)} problem(s) in the source data:\n{exc}") from None
        self.pages = generated.pages
        self.page_dates, self.newest_date = page_dates(generated.corpus)

    def on_pre_page(self, page, *, config, files):
        """Dates the page by its content (see `page_dates`): MkDocs would write the day of the build into
        sitemap.xml (`lastmod`) and sitemap.xml.gz (its gzip header), so two builds would differ."""
        date = self.page_dates.get(page.file.src_uri, self.newest_date)
        if date is not None:
            page.update_date = date.isoformat()
        return page

    def on_page_read_source(self, *, page, config):
        """MkDocs reads `STAND_IN` in place of the page's file: the page is already HTML."""
        return STAND_IN

    def on_page_markdown(self, markdown, *, page, config, files):
        """Leaves every page out of the theme's own search index (the site search does not use it)."""
        page.meta["search"] = {"exclude": True}
        return markdown

    def on_page_content(self, html, *, page, config, files):
        """The generated page's HTML, exactly as generated, with its title and table of contents.

        The theme writes titles as HTML, so the title is given escaped; `meta.title` is what the theme
        puts in the window title as it is (`page.title` would go through `striptags`, which unescapes).
        The home page keeps the site's name as its window title."""
        generated = self.pages.pop(page.file.src_uri, None)
        if generated is None:
            raise PluginError(f"{page.file.src_uri}: not a page the handbook generated (edit source/, not the pages)")
        page.title = generated.title_html
        if not page.is_homepage:
            page.meta["title"] = generated.title_html
        if generated.hide:
            page.meta["hide"] = list(generated.hide)
        page.toc = get_toc(generated.toc)
        return generated.body

    def on_post_page(self, output, *, page, config):
        """Points the page's search box at `SEARCH_WORKER` instead of the theme's own worker."""
        output, found = THEME_WORKER.subn(rf'\g<1>\g<2>{SEARCH_WORKER}"', output)
        if found != 1:
            raise PluginError(
                f"{page.file.src_uri}: the theme's search worker is not named as "
                "generator/mkdocs_plugin.py expects (THEME_WORKER): was mkdocs-material upgraded?"
            )
        return fold_whitespace(output)

    def on_post_template(self, output_content, *, template_name, config):
        """The same for the pages made from a theme template alone (404.html)."""
        return fold_whitespace(THEME_WORKER.sub(rf'\g<1>\g<2>{SEARCH_WORKER}"', output_content))

    def on_nav(self, nav: Navigation, *, config, files) -> Navigation:
        """Files the policy pages in A–Z sections when there are more than `NAV_POLICIES`."""
        policies = next((item for item in nav.items if isinstance(item, Section) and _policy_pages(item)), None)
        if policies is None or len(policies.children) <= NAV_POLICIES:
            return nav
        pages = [child for child in policies.children if isinstance(child, Page)]  # all of them: _policy_pages
        runs = [pages[i : i + NAV_SECTION] for i in range(0, len(pages), NAV_SECTION)]
        policies.children = []
        for i, run in enumerate(runs):
            before = runs[i - 1][-1] if i else None
            after = runs[i + 1][0] if i + 1 < len(runs) else None
            section = Section(_range_title(run[0], run[-1], before, after), list[StructureItem](run))
            section.parent = policies
            for page in run:
                page.parent = section
            policies.children.append(section)
        return nav

    def on_serve(self, server, *, config, builder):
        server.watch(str(self._source(config)))
        return server


def fold_whitespace(html: str) -> str:
    """`html` with each run of white space that holds a line break cut to one line break, outside the
    elements that keep white space as written (`KEEPS_WHITESPACE`): the page shows the same."""
    out, position = [], 0
    for kept in KEEPS_WHITESPACE.finditer(html):
        out += [LINE_BREAK_RUN.sub("\n", html[position : kept.start()]), kept.group()]
        position = kept.end()
    out.append(LINE_BREAK_RUN.sub("\n", html[position:]))
    return "".join(out)


def _policy_pages(section: Section) -> bool:
    """Whether a navigation section holds the policy pages (and nothing else)."""
    return bool(section.children) and all(
        isinstance(child, Page) and child.file.src_uri.startswith("policies/") for child in section.children
    )


def _range_title(first: Page, last: Page, before: Page | None, after: Page | None) -> str:
    """`Ci – City of l`: the starts of the first and last page names of a section, each as long as it
    takes to tell it from the page on the other side of the section's bounds (page titles are not read
    yet when the navigation is built, so the names are the file names)."""

    def start(page: Page, other: Page | None) -> str:
        name = Path(page.file.src_uri).stem
        if other is None:
            return name[:1]
        other_name = Path(other.file.src_uri).stem
        common = next((i for i, (a, b) in enumerate(zip(name, other_name)) if a != b), len(name))
        return name[: common + 1]

    low, high = (start(first, before).replace("-", " ").capitalize(), start(last, after).replace("-", " ").capitalize())
    return low if low == high else f"{low} – {high}"


class BuildFailed(Exception):
    """The site engine stopped; its own messages have already been logged."""


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
    if not isinstance(plugin, HandbookPlugin):
        raise ConfigFailed("the `handbook` plugin is not under `plugins:` (add `- handbook` there)")
    return SiteConfig(
        site_dir=Path(config.site_dir),
        source=plugin._source(config),
        docs_dir=Path(config.docs_dir),
        theme_dirs=tuple(Path(d) for d in [config.theme.custom_dir] if d),
    )


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
