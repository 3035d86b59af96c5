"""The `handbook` plugin: regenerates the pages from the source folder at the start of every build (and
every `mkdocs serve` reload); each hook hands over to one module of this package."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.nav import Navigation

from ..features.compare.navigation import topic_navigation
from ..generate import page_dates
from . import pages
from .navigation import file_policies_a_to_z, file_topics_by_group
from .not_found import relative_to_the_top
from .offline_app import finish_site
from .search_worker import use_our_worker
from .whitespace import fold_whitespace


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
        generated = pages.generate_pages(self._source(config), Path(config.docs_dir))
        self.pages = generated.pages
        self.page_dates, self.newest_date = page_dates(generated.corpus)
        self.topic_groups = topic_navigation(generated.corpus)

    def on_pre_page(self, page, *, config, files):
        """Dates the page by its content (see `page_dates`): MkDocs would write the day of the build into
        sitemap.xml (`lastmod`) and sitemap.xml.gz (its gzip header), so two builds would differ."""
        date = self.page_dates.get(page.file.src_uri, self.newest_date)
        if date is not None:
            page.update_date = date.isoformat()
        return page

    def on_page_read_source(self, *, page, config):
        """MkDocs reads a stand-in in place of the page's file: the page is already HTML."""
        return pages.STAND_IN

    def on_page_markdown(self, markdown, *, page, config, files):
        """Leaves every page out of the theme's own search index (the site search does not use it)."""
        page.meta["search"] = {"exclude": True}
        return markdown

    def on_page_content(self, html, *, page, config, files):
        return pages.show(page, self.pages.pop(page.file.src_uri, None))

    def on_post_page(self, output, *, page, config):
        return fold_whitespace(use_our_worker(output, page.file.src_uri))

    def on_template_context(self, context, *, template_name, config):
        return relative_to_the_top(context, template_name, config)

    def on_post_template(self, output_content, *, template_name, config):
        """The same for the pages made from a theme template alone (404.html)."""
        return fold_whitespace(use_our_worker(output_content, template_name, required=False))

    def on_nav(self, nav: Navigation, *, config, files) -> Navigation:
        return file_topics_by_group(file_policies_a_to_z(nav), self.topic_groups)

    @event_priority(-1000)  # after every other plugin has written its files (material's offline plugin: -100)
    def on_post_build(self, *, config) -> None:
        finish_site(config)

    def on_serve(self, server, *, config, builder):
        server.watch(str(self._source(config)))
        return server
