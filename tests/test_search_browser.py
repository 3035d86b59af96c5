"""Site search works from disk with no network: type a word, see the policies, follow a result."""

import pytest

from .conftest import site_search

pytestmark = pytest.mark.browser


def test_search_undercover_finds_the_policies_that_mention_it_and_leads_to_the_provision(offline_page, site):
    page = offline_page.open(site, "index.html")
    site_search(page, "undercover")
    links = [a.get_attribute("href") for a in page.locator(".md-search-result__item a").all()]
    found = {
        slug
        for slug in (
            "kansas-city-mo",
            "st-joseph-mo",
            "unidentified-department",
            "raymore-mo",
            "massachusetts-template",
        )
        if any(slug in (link or "") for link in links)
    }
    assert {"kansas-city-mo", "st-joseph-mo", "unidentified-department", "raymore-mo"} <= found
    target = next(link for link in links if "raymore-mo.html" in link and "#" in link)
    page.locator(f'.md-search-result__item a[href="{target}"]').first.click()
    page.wait_for_url(lambda url: "/policies/raymore-mo.html" in url and "#" in url)
    anchor = page.url.split("#", 1)[1]
    section = page.locator(f'[id="{anchor}"]')
    assert section.count() == 1
    assert "undercover" in page.locator("article").inner_text()
    assert "Officers who are working in undercover operations" in page.locator("article").inner_text()
    assert offline_page.errors == []
