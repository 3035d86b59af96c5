"""Generation before each build, and each page shown exactly as generated.

Our pages are finished HTML (generator/render/page.py): MkDocs converts an empty stand-in for each, and
the page's HTML, title and table of contents are put in from the generator. Nothing of a page goes
through Markdown, which would read Markdown and attribute lists in its text.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from ..generate import Generated, generate
from ..problems import SourceError
from ..render.page import Page as GeneratedPage

STAND_IN = ""


def generate_pages(source: Path, docs_dir: Path) -> Generated:
    """The pages of `source`, written into `docs_dir`; bad data stops the build with every problem."""
    try:
        return generate(source, docs_dir)
    except SourceError as exc:
        raise PluginError(f"{len(exc.problems)} problem(s) in the source data:\n{exc}") from None


def show(page: Page, generated: GeneratedPage | None) -> str:
    """The generated page's HTML, exactly as generated, with its title and table of contents.

    The theme writes titles as HTML, so the title is given escaped; `meta.title` is what the theme
    puts in the window title as it is (`page.title` would go through `striptags`, which unescapes).
    The home page keeps the site's name as its window title."""
    if generated is None:
        raise PluginError(f"{page.file.src_uri}: not a page the handbook generated (edit source/, not the pages)")
    page.title = generated.title_html
    if not page.is_homepage:
        page.meta["title"] = generated.title_html
    if generated.hide:
        page.meta["hide"] = list(generated.hide)
    page.toc = get_toc(cast(Any, generated.toc))  # entries of the toc extension's token shape (render/page.py)
    return generated.body
