"""Shared fixtures: the real corpus, the built site (built once per run) and a headless Chromium."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.load import SourceLayout, load_corpus

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "source"
CHROMIUM = os.environ.get("HANDBOOK_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def run_handbook(cwd: Path, *args: str, timeout: float = 300, env: dict[str, str] | None = None):
    """`handbook ARGS` as a user runs it, in `cwd`, with its output captured; a failing exit is for the
    test to assert, not an exception."""
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        check=False,
    )


def read_page(site: Path, relative: str) -> str:
    """A built file's text."""
    return (site / relative).read_text(encoding="utf-8")


def site_search(page, query: str):
    """Types `query` key by key into the search box at the top of the page; the result items once the
    first is shown."""
    box = page.locator(".md-search__input")
    box.click()
    box.press_sequentially(query)
    items = page.locator(".md-search-result__item")
    items.first.wait_for(timeout=15000)
    return items


def compare_search(page, query: str):
    """Types `query` key by key into the compare search's word box; the results once a provision is shown."""
    page.locator("#compare-query").press_sequentially(query)
    results = page.locator("#compare-results .compare-provision")
    results.first.wait_for()
    return results


def comparison_of(corpus, topic, policies=None):
    """One topic's comparison across `policies` (default: all), as the comparison pages draw it."""
    from generator.features.compare.model import compare_topics

    return next(c for c in compare_topics(corpus, policies) if c.topic.id == topic.id)


def corpus_slugs() -> list[str]:
    return [path.stem for path in SourceLayout(SOURCE).policy_files()]


@pytest.fixture(scope="session")
def corpus():
    return load_corpus(SOURCE)


def copy_project(target: Path) -> Path:
    """A private copy of what a build reads (source/, overrides/, mkdocs.yml), so tests never share files."""
    for name in ("source", "overrides"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    (target / ".handbook" / "pages").mkdir(parents=True)
    return target


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The handbook built from the real source, in a private copy (the real site/ is not touched)."""
    from generator.mkdocs_plugin import build_into

    project = copy_project(tmp_path_factory.mktemp("project"))
    build_into(project / "mkdocs.yml", project / "site", strict=True)
    return project / "site"


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run the README's test command, which installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class OfflinePage:
    """A browser page that refuses, and records, every request that is not for a file:// address."""

    def __init__(self, browser, **context_options):
        self.context = browser.new_context(accept_downloads=True, **context_options)
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))

    def _route(self, route):
        url = route.request.url
        if url.startswith(("file://", "data:", "blob:", "about:")):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def open(self, site: Path, relative: str):
        self.page.goto(
            (site / relative).as_uri()
            if "#" not in relative
            else (site / relative.split("#")[0]).as_uri() + "#" + relative.split("#", 1)[1]
        )
        return self.page


@pytest.fixture
def offline_page(browser):
    """A fresh browser context per test; fails the test if anything left file://."""
    page = OfflinePage(browser)
    yield page
    page.context.close()
    assert page.outside == [], f"requests left the site: {page.outside}"


@pytest.fixture
def project(tmp_path) -> Path:
    """A private copy of the project for a test that changes the source or builds its own site."""
    return copy_project(tmp_path)


@pytest.fixture
def in_project(project, monkeypatch) -> Path:
    """`project`, as the folder the test runs in (commands given relative paths find its files)."""
    monkeypatch.chdir(project)
    return project
