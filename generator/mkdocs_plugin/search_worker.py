"""The site search: the theme's search box, answered by our worker from the index generated with the
pages (generator/features/search/) instead of the theme's worker, which would load an index of every
page and rebuild it in the browser on every page (tens of MB with a thousand agencies)."""

from __future__ import annotations

import re

from mkdocs.exceptions import PluginError

from ..contract import SEARCH_WORKER

THEME_WORKER = re.compile(r'("search": ")([^"]*?)assets/javascripts/workers/search\.[0-9a-f]+\.min\.js"')


def use_our_worker(output: str, page_name: str, required: bool = True) -> str:
    """`output` (a built page) with its search box pointed at `SEARCH_WORKER`. A page made from a theme
    template alone (404.html) may have no search box (`required` False)."""
    output, found = THEME_WORKER.subn(rf'\g<1>\g<2>{SEARCH_WORKER}"', output)
    if required and found != 1:
        raise PluginError(
            f"{page_name}: the theme's search worker is not named as "
            "generator/mkdocs_plugin/search_worker.py expects (THEME_WORKER): was mkdocs-material upgraded?"
        )
    return output
