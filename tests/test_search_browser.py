"""Site search works from disk with no network: type a word, see the policies, follow a result."""

import re

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


# --- The query language (issue #17) ----------------------------------------------------------------

# The results once the search has answered (the count names pages) and nothing changed for three polls.
SETTLED = """() => {
  const list = document.querySelector('.md-search-result__list');
  const meta = document.querySelector('.md-search-result__meta');
  const now = list.innerHTML + meta.textContent;
  window.__stable = window.__lastResults === now ? (window.__stable || 0) + 1 : 0;
  window.__lastResults = now;
  return window.__stable >= 3 && /page/.test(meta.textContent);
}"""


def results_for(page, query: str) -> list[dict]:
    """Types `query` key by key into a cleared search box and waits until the results stop changing;
    each listed result as {href, title, text, marks}."""
    box = page.locator(".md-search__input")
    box.click()
    box.fill("")
    page.evaluate("() => { window.__lastResults = null; }")
    box.press_sequentially(query)
    page.wait_for_function(SETTLED, polling=200, timeout=15000)
    return page.evaluate(
        """() => [...document.querySelectorAll('.md-search-result__item a')].map(a => ({
            href: a.getAttribute('href'),
            title: (a.querySelector('h1, h2') || {}).textContent || '',
            text: a.textContent,
            marks: [...a.querySelectorAll('mark')].map(m => m.textContent)}))"""
    )


def hrefs(results):
    return [r["href"].split("?")[0] for r in results]


@pytest.fixture
def searching(offline_page, site):
    page = offline_page.open(site, "index.html")
    yield page
    assert offline_page.errors == []


def test_words_that_carry_the_rule_are_searched_not_dropped(searching):
    off, on = results_for(searching, "off duty"), results_for(searching, "on duty")
    assert off and on and hrefs(off) != hrefs(on)
    assert hrefs(results_for(searching, "off-duty")) == hrefs(off)  # the hyphen is a variant
    assert all("off" in r["text"].lower() for r in off if "#" in r["href"])
    assert results_for(searching, "not")  # a word on lunr's stop list still finds what has it
    shall_not = results_for(searching, "shall not post")
    assert all(" not " in f" {r['text'].lower()} " for r in shall_not if "#" in r["href"])


def test_quoted_phrase_minus_and_variants(searching):
    phrase = results_for(searching, '"private citizen"')
    provisions = [r for r in phrase if "#" in r["href"] and "/policies/" in "/" + r["href"]]
    assert provisions and all("private citizen" in r["text"].lower() for r in provisions)
    excluded = results_for(searching, "photos -uniform")
    assert excluded and not any("uniform" in r["text"].lower() for r in excluded if "#" in r["href"])
    # Only leaving words out looks for nothing: the reader is told how to look for something.
    only_out = results_for(searching, "-uniform")
    assert len(only_out) == 1 and "add a word" in only_out[0]["text"].lower()
    email, e_mail = results_for(searching, "email"), results_for(searching, "e-mail")
    assert hrefs(email) == hrefs(e_mail)
    # A hyphen the texts never write: `web-site` finds what `website` finds, and `web site` apart.
    web_site, website = results_for(searching, "web-site"), results_for(searching, "website")
    assert set(hrefs(website)) < set(hrefs(web_site))
    assert any("raymore-mo.html" in r["href"] and "web site" in r["text"].lower() for r in web_site)
    marked = {m.lower() for r in email for m in r["marks"]}
    assert {"email", "e-mail"} <= marked
    forte = results_for(searching, "Forte")  # the chief who signed Kansas City's policy, written Forté
    assert any("kansas-city-mo.html" in h for h in hrefs(forte))


def test_typos_stems_and_titles(searching):
    typo = results_for(searching, "undercovr")
    assert any("undercover" in m.lower() for r in typo for m in r["marks"])
    far = results_for(searching, "ubdercover")  # the first letters wrong: a "did you mean"
    assert "did you mean" in far[0]["text"].lower() and "undercover" in far[0]["text"].lower()
    assert "q=undercover" in far[0]["href"]
    duty = results_for(searching, "duty")
    assert "duties" in {m.lower() for r in duty for m in r["marks"]}  # matched through the stem, marked
    topic = results_for(searching, "Undercover officers")
    assert "compare/topics/undercover-officers.html" in hrefs(topic)[0]  # the page that is the query ranks first


def test_results_say_what_they_count_and_name_the_provision_s_section(searching):
    results = results_for(searching, "undercover")
    meta = searching.locator(".md-search-result__meta").inner_text()
    pages = {r["href"].split("#")[0] for r in results}
    assert str(len(pages)) in meta and "page" in meta  # the count is of pages, which the list groups by
    # A provision without a heading of its own is shown with the section it is in.
    assert any("(" in r["title"] and re.search(r"[A-Za-z]{4}", r["title"].split("(", 1)[1]) for r in results)
