"""A handbook of a hundred and more agencies (synthesized as the benchmark does): the pages that would
grow with the number of agencies are split, every link of the split pages leads somewhere, and no page
is over the 100 kB budget."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from urllib.parse import unquote

import pytest

from benchmarks.synthesize import synthesize
from generator.features.decisions.render import PAGE_DEPARTMENTS
from generator.features.glossary.render import ONE_PAGE_POLICIES
from generator.features.home.render import HOME_ROWS
from generator.load import load_corpus

from .conftest import ROOT, copy_project, read_page

AGENCIES = HOME_ROWS + 5  # past both thresholds: the home page's directory and the glossary's term pages
PAGE_BUDGET = 100_000
HREF = re.compile(r'href="([^"#:]*)(?:#([^"]*))?"')


@pytest.fixture(scope="module")
def scaled(tmp_path_factory) -> Path:
    """The project of `AGENCIES` agencies, built; returns the project folder."""
    from generator.mkdocs_plugin import build_into

    project = copy_project(tmp_path_factory.mktemp("scaled"))
    source = project / "source"
    synthesize(ROOT / "source", project / "scaled-source", AGENCIES)
    for folder in (source / "policies", source / "originals"):
        for path in (project / "scaled-source" / folder.name).iterdir():
            (folder / path.name).write_bytes(path.read_bytes())
    build_into(project / "mkdocs.yml", project / "site")
    return project


def links(site: Path, relative: str) -> list[tuple[str, str | None]]:
    """The page's links within the site, as (file relative to the site, anchor or None)."""
    page = site / relative
    found = []
    for target, anchor in HREF.findall(read_page(site, relative)):
        target = html.unescape(target)
        path = (page.parent / unquote(target)).resolve() if target else page.resolve()
        found.append((path.relative_to(site.resolve()).as_posix(), html.unescape(anchor) or None))
    return found


def assert_links_resolve(site: Path, relative: str) -> int:
    """Every link of the page leads to a file of the site and, when it names one, to an id on it."""
    checked = 0
    for target, anchor in links(site, relative):
        assert (site / target).is_file(), f"{relative} links to {target}, which is not in the site"
        if anchor and target.endswith(".html"):
            assert f'id="{html.escape(anchor)}"' in read_page(site, target), f"{relative} links to {target}#{anchor}"
        checked += 1
    return checked


def test_the_handbook_has_more_agencies_than_one_page_lists(scaled):
    corpus = load_corpus(scaled / "source")
    assert len(corpus.policies) == AGENCIES > HOME_ROWS > ONE_PAGE_POLICIES


def test_no_page_is_over_the_budget(scaled):
    sizes = {
        path.relative_to(scaled / "site").as_posix(): path.stat().st_size for path in (scaled / "site").rglob("*.html")
    }
    assert len(sizes) > AGENCIES
    over = {page: size for page, size in sizes.items() if size > PAGE_BUDGET}
    assert not over, over


def test_the_home_page_lists_directory_pages_holding_every_policy_once(scaled):
    site = scaled / "site"
    home = read_page(site, "index.html")
    directory = re.findall(r'<li><a href="(directory/\d+\.html)">([^<]*)</a> \((\d+) policies\)</li>', home)
    assert len(directory) == 2 and [int(count) for *_, count in directory] == [HOME_ROWS, AGENCIES - HOME_ROWS]
    assert f"{AGENCIES:,} policies" in home
    assert "policy-table" not in home
    listed = []
    for page, title, _ in directory:
        text = read_page(site, page)
        first, last = html.unescape(title).split(" – ")
        rows = re.findall(r'<tr><td data-label="Agency"><a href="(\.\./policies/[^"]+\.html)">([^<]*)</a>', text)
        assert html.unescape(rows[0][1]) == first and html.unescape(rows[-1][1]) == last
        assert 'href="../index.html#policies"' in text
        assert assert_links_resolve(site, page) > len(rows)
        listed += [href for href, _ in rows]
    slugs = sorted(p.stem for p in (scaled / "source" / "policies").glob("*.yml"))
    assert sorted(Path(href).stem for href in listed) == slugs


def test_the_glossary_is_an_index_with_a_page_per_term(scaled):
    site = scaled / "site"
    glossary = read_page(site, "glossary.html")
    terms = re.findall(r'<li><a href="glossary/(term-[^"]+)\.html#(term-[^"]+)">', glossary)
    assert len(terms) >= 15 and all(page == anchor for page, anchor in terms)
    assert "glossary-wording" not in glossary  # the definitions are on the term pages
    assert_links_resolve(site, "glossary.html")
    blog = read_page(site, "glossary/term-blog.html")
    assert 'id="term-blog"' in blog and "A self-published diary or commentary" in blog
    assert re.search(r"Defined by \d+ of \d+ policies", blog)
    assert 'href="../glossary.html"' in blog
    assert assert_links_resolve(site, "glossary/term-blog.html") > 5


def test_term_links_in_policy_pages_lead_to_the_term_pages(scaled):
    site = scaled / "site"
    page = "policies/kansas-city-mo.html"
    term_links = [(target, anchor) for target, anchor in links(site, page) if target.startswith("glossary/")]
    assert ("glossary/term-social-media.html", "term-social-media") in term_links
    assert_links_resolve(site, page)


def test_the_site_search_finds_a_term_on_its_page(scaled):
    pages = read_page(scaled / "site", "search-index/pages.js")
    entries = json.loads(pages[pages.index("[") : pages.rindex("]") + 1])
    addresses = [entry[3] for entry in entries]
    assert "glossary/term-blog.html#term-blog" in addresses
    assert "glossary.html" in addresses


def test_split_pages_are_not_in_the_navigation(scaled):
    site = scaled / "site"
    for page in ("index.html", "glossary/term-blog.html", "directory/1.html"):
        nav = read_page(site, page).split('<nav class="md-nav md-nav--primary"', 1)[1].split("</nav>", 1)[0]
        assert "term-wiki.html" not in nav and "directory/2.html" not in nav


def test_the_decisions_matrix_is_split_over_pages_holding_every_department_once(scaled):
    site = scaled / "site"
    corpus = load_corpus(scaled / "source")
    first = read_page(site, "decisions/index.html")
    pages = ["decisions/index.html"] + [
        f"decisions/{href}" for href in re.findall(r'<li><a href="(pages/\d+\.html)">', first)
    ]
    assert len(pages) == -(-len(corpus.departments) // PAGE_DEPARTMENTS)
    shown = []
    for page in pages:
        text = read_page(site, page)
        columns = re.findall(r'<th scope="col" data-policy="([^"]+)"', text)
        assert columns[0] == "massachusetts-template" and len(columns) <= PAGE_DEPARTMENTS + 1
        shown += columns[1:]
    assert sorted(shown) == sorted(p.slug for p in corpus.departments)
    assert assert_links_resolve(site, "decisions/pages/2.html") > PAGE_DEPARTMENTS
    assert assert_links_resolve(site, "decisions/words/2.html") > PAGE_DEPARTMENTS
    rows = read_page(site, "data/decisions.csv").count("\n") - 1
    assert rows == len(corpus.departments) * len(corpus.questions)
