"""Navigation: the topic pages are in the sidebar under their groups in the order of topics.yml, "Policies"
opens a page listing every policy by agency, and the 404 page loads all its files and links home, opened
from disk, served under a sub-path, and at any depth of a missing address when site_url is set."""

from __future__ import annotations

import html
import re

import pytest

from generator.mkdocs_plugin import build_into

from .conftest import read_page
from .serving import served


def sidebar_titles(page_html: str) -> list[str]:
    primary = page_html.split("md-nav--primary", 1)[1].split("md-sidebar--secondary", 1)[0]
    return [html.unescape(t) for t in re.findall(r'md-ellipsis">\s*([^<]*?)\s*<', primary)]


def test_topics_are_in_the_sidebar_by_group_in_the_order_of_topics_yml(site, corpus):
    titles = sidebar_titles(read_page(site, "compare/topics/scope.html"))
    groups = [group.title for group in corpus.taxonomy.groups]
    assert [t for t in titles if t in groups] == groups
    scope_group = next(g for g in corpus.taxonomy.groups if g.id == "general")
    in_group = [t.title for t in corpus.taxonomy.topics if t.group == scope_group.id]
    start = titles.index(scope_group.title) + 1
    shown = list(dict.fromkeys(t for t in titles[start:] if t in {topic.title for topic in corpus.taxonomy.topics}))
    assert shown[: len(in_group)] == in_group  # the group's topics, as topics.yml orders them


@pytest.mark.browser
def test_policies_in_the_sidebar_opens_every_policy_by_agency(offline_page, site, corpus):
    page = offline_page.open(site, "index.html")
    page.locator(".md-sidebar--primary .md-nav__link", has_text="Policies").last.click()
    page.wait_for_url("**/policies/index.html")
    assert page.locator("h1").inner_text().startswith("Policies")
    for policy in corpus.policies:
        heading = page.locator("h2", has_text=policy.agency.name).first
        assert heading.is_visible()
    links = page.locator(".policies-list a")
    assert links.count() == len(corpus.policies)
    links.first.click()
    page.wait_for_url(f"**/policies/{corpus.policies[0].slug}.html")


def failed_requests(page) -> list[str]:
    failed: list[str] = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
    return failed


def assert_a_working_404(page, failed: list[str], allowed: set[str] = frozenset()):
    page.wait_for_load_state("load")
    assert page.locator("h1").inner_text() == "Page not found"
    assert page.locator(".md-header").evaluate("e => getComputedStyle(e).position") == "sticky"  # styled
    assert [url for url in failed if url not in allowed] == []


@pytest.mark.browser
def test_the_404_page_works_from_disk(offline_page, site):
    page = offline_page.page
    failed = failed_requests(page)
    offline_page.open(site, "404.html")
    assert_a_working_404(page, failed)
    page.locator(".not-found a").first.click()
    page.wait_for_url("**/index.html")
    assert offline_page.errors == []


@pytest.mark.browser
def test_the_404_page_works_under_a_sub_path(browser, site):
    with served(site) as base:
        context = browser.new_context()
        page = context.new_page()
        failed = failed_requests(page)
        response = page.goto(base + "no-such-page.html")
        assert response.status == 404
        assert_a_working_404(page, failed, {base + "no-such-page.html"})
        page.locator(".not-found a", has_text="Every policy").click()
        page.wait_for_url(base + "policies/index.html")
        context.close()


@pytest.mark.browser
def test_the_404_page_works_at_any_depth_when_site_url_is_set(browser, project):
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace('site_url: ""', "site_url: https://intranet.example.gov/handbook/"),
        encoding="utf-8",
    )
    build_into(config, project / "site")
    with served(project / "site") as base:
        context = browser.new_context()
        page = context.new_page()
        failed = failed_requests(page)
        missing = base + "policies/old/no-such-page.html"
        assert page.goto(missing).status == 404
        assert_a_working_404(page, failed, {missing})
        page.locator(".not-found a").first.click()
        page.wait_for_url(base + "index.html")
        context.close()
