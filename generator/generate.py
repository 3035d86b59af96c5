"""Generation: the validated model rendered into the Markdown pages and files the site is built from."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from .files import FileRefused, read_bytes
from .load import SourceLayout, collector_paused, load_corpus
from .model import Corpus, Policy
from .problems import Problem, SourceError
from .render.compare import render_compare
from .render.draft import render_draft
from .render.glossary import TermLinker, glossary_pages
from .render.home import home_pages
from .render.html import href
from .render.policy import page_path, render_policy
from .render.search import search_pages

Pages = dict[str, str | bytes]  # path inside the pages folder → content


def policy_pages(corpus: Corpus, layout: SourceLayout) -> Pages:
    """One page per policy, and a copy of each original text it was normalized from (the provenance)."""
    pages: Pages = {}
    term_links = TermLinker(corpus.glossary)
    for policy in corpus.policies:
        original = f"originals/{policy.original}"
        pages[original] = read_original(policy, layout)
        pages[page_path(policy)] = render_policy(policy, href(page_path(policy), original), term_links)
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


# Each page kind: a function from the model to its pages, and the home-page link it contributes.
PAGE_KINDS: list[tuple[str | None, Callable[[Corpus, SourceLayout], Pages]]] = [
    (None, policy_pages),
    ("glossary", glossary_pages),
    ("compare", render_compare),
    ("draft", render_draft),
    (None, search_pages),
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
        data = content.encode("utf-8") if isinstance(content, str) else content
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


def generate(source: Path, out_dir: Path) -> Corpus:
    """Load and validate `source/` (raising `SourceError` before writing anything), then write the pages."""
    layout = SourceLayout(source)
    corpus = load_corpus(source)
    write_pages(out_dir, render_pages(corpus, layout))
    return corpus
