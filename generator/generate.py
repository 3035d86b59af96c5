"""Generation: the validated model rendered into the pages and files the site is built from.

Each page is a `render.page.Page`: its body, finished HTML, is what the page's file holds, and its title
and table of contents go to the site engine beside it (see `Generated`), never through the file.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from .contract import CONTRACT_SCRIPT, contract_script
from .features.home.render import home_pages
from .features.policy.render import page_path
from .features.registry import FEATURES
from .load import SourceLayout, collector_paused, load_corpus
from .model import Corpus
from .render.page import Page, Pages


def render_pages(corpus: Corpus, layout: SourceLayout) -> Pages:
    """Every page and file of the handbook, keyed by its path."""
    pages: Pages = {}
    links: dict[str, str] = {}
    with collector_paused():  # the pages and what they are drawn from stay in use to the end
        for feature in FEATURES:
            rendered = feature.pages(corpus, layout)
            first_page = next((path for path in rendered if path.endswith(".md")), None)
            if feature.on_home_page and first_page:  # a feature may write only files (no codebook: only data)
                links[feature.name] = first_page
            pages.update(rendered)
    pages.update(home_pages(corpus, links))
    pages[CONTRACT_SCRIPT] = contract_script()  # the names the browser's scripts look things up by
    return pages


def page_dates(corpus: Corpus) -> tuple[dict[str, dt.date], dt.date | None]:
    """When each page's content last changed, as the data says, for the sitemap in place of the build
    date (so that building twice gives the same files): a policy page has the newest date its policy
    states (issued, effective, revised); every other page the newest of them all, returned second
    (None when no policy states a date)."""
    by_page = {}
    for policy in corpus.policies:
        dates = policy.dates
        stated = [d for d in (dates.issued, dates.effective, *dates.revised) if isinstance(d, dt.date)]
        if stated:
            by_page[page_path(policy)] = max(stated)
    return by_page, max(by_page.values(), default=None)


def write_pages(out_dir: Path, pages: Pages) -> int:
    """Make `out_dir` hold exactly `pages`; files whose content is unchanged are not touched.

    Leaving unchanged files alone keeps `mkdocs serve` from rebuilding in a loop, since it watches
    this folder too. Returns how many files were written.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    written = 0
    for relative, content in pages.items():
        text = content.body if isinstance(content, Page) else content
        data = text.encode("utf-8") if isinstance(text, str) else text
        target = out_dir / relative
        if target.is_file() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        written += 1
    wanted = {out_dir / relative for relative in pages}
    for stale in sorted(out_dir.rglob("*"), reverse=True):
        if stale.is_file() and stale not in wanted and stale.name != ".gitignore":
            stale.unlink()
        elif stale.is_dir() and not any(stale.iterdir()):
            stale.rmdir()
    return written


@dataclass
class Generated:
    """What a generation made: the model, and each page (by its path) with its title and table of contents."""

    corpus: Corpus
    pages: dict[str, Page]


def write_manifest(path: Path, pages: dict[str, Page]) -> None:
    """Each page's title, table of contents and hidden parts of the layout, as JSON: what a site engine's
    glue needs beside the page files (which hold only the body), for an engine other than MkDocs."""
    manifest = {name: {"title": page.title, "toc": page.toc, "hide": list(page.hide)} for name, page in pages.items()}
    path.write_text(json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def generate(source: Path, out_dir: Path) -> Generated:
    """Load and validate `source/` (raising `SourceError` before writing anything), then write the pages."""
    layout = SourceLayout(source)
    corpus = load_corpus(source)
    pages = render_pages(corpus, layout)
    write_pages(out_dir, pages)
    return Generated(corpus, {path: page for path, page in pages.items() if isinstance(page, Page)})
