"""Generation: the validated model rendered into the pages and files the site is built from.

Each page is a `render.page.Page`: its body, finished HTML, is what the page's file holds, and its title
and table of contents go to the site engine beside it (see `Generated`), never through the file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from .contract import CONTRACT_SCRIPT, contract_script
from .files import FileRefused, read_bytes
from .load import SourceLayout, collector_paused, load_corpus
from .model import Corpus, Policy
from .problems import Problem, SourceError
from .render.compare import render_compare
from .render.draft import render_draft
from .render.glossary import TermLinker, glossary_pages
from .render.home import home_pages
from .render.html import href, url_path
from .render.page import Page, Pages
from .render.policy import original_page, page_path, render_policy
from .render.search import search_pages


def policy_pages(corpus: Corpus, layout: SourceLayout) -> Pages:
    """One page per policy, and a copy of each original text it was normalized from (the provenance)."""
    pages: Pages = {}
    term_links = TermLinker(corpus.glossary)
    for policy in corpus.policies:
        original = f"originals/{policy.original}"
        data = read_original(policy, layout)
        # An original in Markdown is a page of the site, like every `.md` file: it shows the text as written.
        is_page = original.endswith(".md")
        pages[original] = original_page(policy.original, data.decode("utf-8", "replace")) if is_page else data
        pages[page_path(policy)] = render_policy(policy, href(page_path(policy), url_path(original)), term_links)
    return pages


def read_original(policy: Policy, layout: SourceLayout) -> bytes:
    """An original's bytes, read by the one rule for source files (`files.read_bytes`); checked by the
    loader already, so a refusal here means it changed since: reported as the policy's problem."""
    try:
        return read_bytes(layout.originals / policy.original, inside=layout.root)
    except FileRefused as exc:
        line, column = policy.positions.get(("original",), (1, 1))
        problem = Problem(policy.file, line, column, "original", f"{policy.original!r} in originals/ {exc}")
        raise SourceError([problem]) from None


def browser_contract(corpus: Corpus, layout: SourceLayout) -> Pages:
    """`contract.js`: the names the browser's scripts look things up by (generator/contract.py)."""
    return {CONTRACT_SCRIPT: contract_script()}


# Each page kind: a function from the model to its pages, and the home-page link it contributes.
PAGE_KINDS: list[tuple[str | None, Callable[[Corpus, SourceLayout], Mapping[str, Page | str | bytes]]]] = [
    (None, policy_pages),
    ("glossary", glossary_pages),
    ("compare", render_compare),
    ("draft", render_draft),
    (None, search_pages),
    (None, browser_contract),
]


def render_pages(corpus: Corpus, layout: SourceLayout) -> Pages:
    """Every page and file of the handbook, keyed by its path."""
    pages: Pages = {}
    links: dict[str, str] = {}
    with collector_paused():  # the pages and what they are drawn from stay in use to the end
        for kind, render in PAGE_KINDS:
            rendered = render(corpus, layout)
            if kind and rendered:
                links[kind] = next(path for path in rendered if path.endswith(".md"))
            pages.update(rendered)
    pages.update(home_pages(corpus, links))
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


def generate(source: Path, out_dir: Path) -> Generated:
    """Load and validate `source/` (raising `SourceError` before writing anything), then write the pages."""
    layout = SourceLayout(source)
    corpus = load_corpus(source)
    pages = render_pages(corpus, layout)
    write_pages(out_dir, pages)
    return Generated(corpus, {path: page for path, page in pages.items() if isinstance(page, Page)})
