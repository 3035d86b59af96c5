"""Phones: at 320 and 390 px (and so a laptop at 200 % zoom) no page is wider than the screen, the policies
table reflows into one block per policy, and everything one taps is at least 44 px high and wide, opened
from disk in headless Chromium with a touch screen."""

from __future__ import annotations

import pytest

from .conftest import OfflinePage, corpus_slugs

pytestmark = pytest.mark.browser

WIDTHS = (320, 390)

# Whatever is visible and runs past the right edge of the screen, outside a box that scrolls sideways.
PAST_THE_EDGE = """() => [...document.querySelectorAll("body *")].filter((e) => {
  const r = e.getBoundingClientRect();
  if (r.width === 0 || r.height === 0 || r.right <= innerWidth + 1) return false;
  for (let a = e; a; a = a.parentElement) {
    const s = getComputedStyle(a);
    if (s.visibility === "hidden" || s.display === "none" || s.clipPath !== "none") return false;
    if (a !== e && ["auto", "scroll", "hidden", "clip"].includes(s.overflowX)) return false;
  }
  return true;
}).map((e) => `${e.tagName}.${e.className} ends at ${Math.round(e.getBoundingClientRect().right)}`)"""

# Every control and stand-alone link on screen smaller than 44 × 44 px. Exempt as WCAG 2.5.5 exempts them:
# a link inside a sentence (its block holds other text), a box inside a label that is big enough, and a
# label of a text field (the field itself is the target). The closed navigation drawer is off screen.
SMALL_TARGETS = """() => {
  const inSentence = (e) => {
    let block = e.parentElement;
    while (block && getComputedStyle(block).display.startsWith("inline")) block = block.parentElement;
    return getComputedStyle(e).display.startsWith("inline")
      && block.textContent.trim().length > e.textContent.trim().length + 1;
  };
  const toggle = (e) => e.matches("input[type=checkbox], input[type=radio]");
  return [...document.querySelectorAll("a[href], button, input:not([type=hidden]), select, textarea, summary, label[for]")]
    .filter((e) => {
      const r = e.getBoundingClientRect();
      const s = getComputedStyle(e);
      if (r.width === 0 || r.height === 0 || s.visibility === "hidden" || s.opacity === "0") return false;
      if (r.right < 0 || r.left > innerWidth) return false;
      if (r.width >= 44 && r.height >= 44) return false;
      const label = e.closest("label");
      if (toggle(e) && label && label.getBoundingClientRect().height >= 44) return false;
      if (e.matches("label[for]") && !toggle(document.getElementById(e.htmlFor) || e)) return false;
      return !inSentence(e);
    })
    .map((e) => `${e.tagName}.${e.className} "${e.textContent.trim().slice(0, 30)}" ${Math.round(e.getBoundingClientRect().width)}x${Math.round(e.getBoundingClientRect().height)}`);
}"""


def phone_pages() -> list[str]:
    return [
        "index.html",
        "policies/index.html",
        *[f"policies/{slug}.html" for slug in corpus_slugs()],
        "compare/topics/scope.html",
        "compare/index.html",
        "compare/search.html",
        "decisions/index.html",
        "glossary.html",
        "draft.html",
        "404.html",
    ]


@pytest.fixture(params=WIDTHS, ids=lambda w: f"{w}px")
def phone(browser, request):
    page = OfflinePage(browser, viewport={"width": request.param, "height": 800}, has_touch=True, is_mobile=True)
    yield page
    page.context.close()
    assert page.outside == [], f"requests left the site: {page.outside}"


def test_no_page_is_wider_than_the_screen_and_every_target_is_44_px(phone, site):
    wide, small = [], []
    for relative in phone_pages():
        page = phone.open(site, relative)
        page.wait_for_load_state("load")
        width = page.evaluate("innerWidth")
        if page.evaluate("document.documentElement.scrollWidth") > width:
            wide.append(f"{relative}: the page scrolls sideways")
        wide += [f"{relative}: {what}" for what in page.evaluate(PAST_THE_EDGE)]
        small += [f"{relative}: {what}" for what in page.evaluate(SMALL_TARGETS)]
    assert wide == []
    assert small == []
    assert phone.errors == []


def test_the_policies_table_reflows_and_a_tap_opens_a_policy(phone, site, corpus):
    page = phone.open(site, "index.html")
    table = page.locator("table.policy-table")
    assert table.bounding_box()["width"] <= page.evaluate("innerWidth")
    row = table.locator("tbody tr").first
    agency = row.locator("td").first
    # one block per policy: the agency's name over the document's values, each with its column's name
    assert agency.bounding_box()["y"] < row.locator("td").nth(1).bounding_box()["y"]
    assert row.locator("td").nth(1).evaluate("e => getComputedStyle(e, '::before').content") == '"Document: "'
    name = corpus.policies[0].agency.name
    assert agency.inner_text() == name  # a name is never broken inside a word ("Missour / i")
    link = agency.locator("a")
    assert link.bounding_box()["height"] >= 44
    link.tap()
    page.wait_for_url(f"**/policies/{corpus.policies[0].slug}.html")


def test_the_template_row_says_its_choices_in_words(offline_page, site):
    page = offline_page.open(site, "index.html")
    row = page.locator("table.policy-table tr", has_text="template")
    text = row.inner_text()
    assert "X.XX" not in text and "_____" not in text
    assert "number set by the agency" in text.lower()
    assert row.locator(".template-option").count() == 0
