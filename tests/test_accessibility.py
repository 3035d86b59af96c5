"""Accessibility: axe-core finds no violation of WCAG 2.1 A and AA, of any impact, on each kind of page,
opened from disk at desktop and phone sizes, nor once search results, answers or folded parts are shown;
the keyboard alone reaches and works the site search, the compare search, the draft form and the glossary;
every page starts with a skip link, and every stop of the keyboard shows where it is. axe-core comes from
npm at the version tests/package-lock.json pins (tests/run.sh installs it into tests/node_modules)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from .conftest import OfflinePage, compare_search, corpus_slugs, site_search

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = {"serious", "critical"}
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page, options: str = "{resultTypes: ['violations']}") -> list[dict]:
    """axe-core's violations on the page once it is still: colours are judged as a reader sees them, not
    halfway through a fade-in (results that fade in were judged mid-way, now and then)."""
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run `npm ci --prefix tests` (tests/run.sh does)")
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    page.wait_for_function("document.getAnimations().every((a) => a.playState !== 'running')")
    return page.evaluate(f"(tags) => axe.run(document, {options})", WCAG_21_AA)["violations"]


def lines(violations: list[dict]) -> list[str]:
    return [
        f"{violation['impact']} {violation['id']} ({violation['help']}): {node['target']} {node['html'][:120]}"
        for violation in violations
        for node in violation["nodes"]
    ]


def blocking_violations(page) -> list[str]:
    """Run axe-core on the page as it is now; its serious and critical violations, one line per element."""
    return lines([v for v in axe_violations(page) if v["impact"] in BLOCKING])


def wcag_violations(page) -> list[str]:
    """Run axe-core's WCAG 2.1 A and AA rules on the page as it is now; every violation, of any impact, one
    line per element."""
    return lines(axe_violations(page, "{runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']}"))


def most_compared_topic(corpus) -> str:
    """The topic the most policies address: its page has the most columns, differences and choices."""
    counts = Counter(
        topic
        for policy in corpus.policies
        for topic in {t for provision in policy.provisions() for t in provision.topics}
    )
    return counts.most_common(1)[0][0]


def pages(corpus) -> list[str]:
    return (
        ["index.html"]
        + [f"policies/{slug}.html" for slug in corpus_slugs()]
        + [
            f"compare/topics/{most_compared_topic(corpus)}.html",
            "compare/index.html",
            "glossary.html",
            "compare/search.html",
            "draft.html",
        ]
    )


def every_page_kind(corpus) -> list[str]:
    """One page of each kind, the pages of this issue's kinds included."""
    return pages(corpus) + ["policies/index.html", "print/handbook.html", "404.html", "decisions/index.html"]


def test_every_kind_of_page_has_no_serious_or_critical_violation(offline_page, site, corpus):
    found = []
    for relative in pages(corpus):
        page = offline_page.open(site, relative)
        page.wait_for_load_state("load")
        found += [f"{relative}: {violation}" for violation in blocking_violations(page)]
    assert found == []
    assert offline_page.errors == []


def test_compare_search_results_have_no_serious_or_critical_violation(offline_page, site):
    page = offline_page.open(site, "compare/search.html")
    compare_search(page, "undercover")
    assert blocking_violations(page) == []


def test_site_search_results_have_no_serious_or_critical_violation(offline_page, site):
    page = offline_page.open(site, "index.html")
    site_search(page, "undercover")
    assert blocking_violations(page) == []


def test_an_answered_draft_has_no_serious_or_critical_violation(offline_page, site):
    page = offline_page.open(site, "draft.html")
    page.locator("#draft-progress").filter(has_text="answered").wait_for()
    page.fill("#draft-city-town", "Town of Millbrook")
    page.check("#draft-refer-to-self-item--omit")
    page.locator("#draft-document .draft-fill", has_text="Town of Millbrook").first.wait_for()
    assert blocking_violations(page) == []


@pytest.fixture(params=[(1366, 900), (390, 844)], ids=["desktop", "phone"])
def sized_page(browser, request):
    width, height = request.param
    page = OfflinePage(
        browser, viewport={"width": width, "height": height}, is_mobile=width < 500, has_touch=width < 500
    )
    yield page
    page.context.close()
    assert page.outside == [], f"requests left the site: {page.outside}"
    assert page.errors == []


def test_every_kind_of_page_meets_wcag_21_aa(sized_page, site, corpus):
    found = []
    for relative in every_page_kind(corpus):
        page = sized_page.open(site, relative)
        page.wait_for_load_state("load")
        found += [f"{relative}: {violation}" for violation in wcag_violations(page)]
    assert found == []


def open_every_fold(page):
    page.evaluate("() => document.querySelectorAll('details').forEach((d) => { d.open = true; })")


def test_pages_in_their_interaction_states_meet_wcag_21_aa(sized_page, site):
    found = []
    page = sized_page.open(site, "index.html")
    if page.viewport_size["width"] < 500:  # the navigation drawer, opened as a reader opens it
        page.locator("label.md-header__button[for='__drawer']").click()
        page.locator(".md-sidebar--primary").wait_for()
        found += [f"drawer: {v}" for v in wcag_violations(page)]
        page.goto(page.url)
        page.locator("label.md-header__button[for='__search']").click()  # on a phone the box opens from its icon
    site_search(page, "undercover")
    found += [f"site search: {v}" for v in wcag_violations(page)]
    page = sized_page.open(site, "compare/search.html")
    compare_search(page, "undercover")
    found += [f"compare search: {v}" for v in wcag_violations(page)]
    page = sized_page.open(site, "draft.html")
    page.locator("#draft-progress").filter(has_text="answered").wait_for()
    page.fill("#draft-city-town", "Town of Millbrook")
    page.check("#draft-refer-to-self-item--omit")
    open_every_fold(page)
    found += [f"draft, answered, every panel open: {v}" for v in wcag_violations(page)]
    switch = page.locator('.draft-switch [data-view="preview"]')
    if switch.is_visible():  # a phone shows the form or the preview: check the preview too
        switch.click()
    page.locator("#draft-document .draft-fill", has_text="Town of Millbrook").first.wait_for()
    found += [f"draft, the preview: {v}" for v in wcag_violations(page)]
    for relative in ("glossary.html", "policies/unidentified-department.html", "compare/topics/scope.html"):
        page = sized_page.open(site, relative)
        open_every_fold(page)
        found += [f"{relative}, every fold open: {v}" for v in wcag_violations(page)]
    assert found == []


def test_the_matrices_in_their_states_meet_wcag_21_aa(sized_page, site, corpus):
    """The coverage matrix with every topic's description open and the decisions matrix filtered; on a phone,
    each showing a department chosen above it."""
    phone = sized_page.page.viewport_size["width"] < 500
    department = corpus.departments[-1].slug
    found = []
    page = sized_page.open(site, "compare/index.html")
    open_every_fold(page)
    if phone:
        page.select_option(".matrix-show select", department)
    found += [f"coverage matrix, every description open: {v}" for v in wcag_violations(page)]
    page = sized_page.open(site, "decisions/index.html")
    page.select_option("#decisions-answer", "Prohibited")
    if phone:
        page.select_option(".matrix-show select", department)
    found += [f"decisions matrix, filtered: {v}" for v in wcag_violations(page)]
    assert found == []


# Where the keyboard is, and whether it shows: a ring (outline) at least 2 px wide, on the element or, for a
# file field hidden behind its label, on the label.
FOCUS = """() => {
  const e = document.activeElement;
  const ring = (el) => { const s = getComputedStyle(el); return s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2; };
  const label = e.id ? document.querySelector(`label[for="${e.id}"]`) : null;
  return {tag: e.tagName, text: (e.textContent || e.value || "").trim().slice(0, 40), id: e.id,
          shown: ring(e) || (e.type === "file" && label !== null && ring(label))};
}"""


@pytest.mark.parametrize(
    "relative",
    [
        "index.html",
        "policies/kansas-city-mo.html",
        "compare/search.html",
        "draft.html",
        "glossary.html",
        "compare/topics/scope.html",
        "compare/index.html",
        "decisions/index.html",
    ],
)
def test_a_skip_link_comes_first_and_every_keyboard_stop_shows_itself(offline_page, site, relative):
    page = offline_page.open(site, relative)
    page.wait_for_load_state("load")
    page.keyboard.press("Tab")
    first = page.evaluate(FOCUS)
    assert first["text"] == "Skip to content" and first["shown"]
    unseen = []
    for _ in range(120):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS)
        if focus["tag"] == "BODY":
            break
        if not focus["shown"]:
            unseen.append(focus)
    assert unseen == []


def test_the_skip_link_moves_past_the_header_and_navigation(offline_page, site):
    page = offline_page.open(site, "policies/kansas-city-mo.html")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('article') !== null")


def test_the_site_search_by_keyboard_alone(offline_page, site):
    page = offline_page.open(site, "index.html")
    page.wait_for_load_state("load")
    for _ in range(10):  # Tab from the top of the page to the search box
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.md-search__input')"):
            break
    assert page.evaluate("document.activeElement.matches('.md-search__input')")
    page.keyboard.type("undercover")
    page.locator(".md-search-result__item").first.wait_for()
    page.keyboard.press("ArrowDown")  # the theme's keys: down to the first result, Enter opens it
    target = page.evaluate("document.activeElement.getAttribute('href')")
    assert target
    page.keyboard.press("Enter")
    page.wait_for_url(
        lambda url: url.split("?")[0].split("#")[0].endswith(target.split("?")[0].split("#")[0].lstrip("."))
    )


def tab_to(page, selector: str, limit: int = 200):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    pytest.fail(f"the keyboard never reached {selector}")


def test_the_compare_search_by_keyboard_alone(offline_page, site):
    page = offline_page.open(site, "compare/search.html")
    tab_to(page, "#compare-query")
    page.keyboard.type("undercover")
    page.locator("#compare-results .compare-provision").first.wait_for()
    tab_to(page, "#compare-department")
    page.keyboard.press("ArrowDown")  # a department, chosen from the keyboard
    chosen = page.locator("#compare-department").input_value()
    assert chosen
    page.wait_for_function(
        "(slug) => new URLSearchParams(location.search).get('department') === slug || location.search.includes(slug)",
        arg=chosen,
    )
    tab_to(page, "#compare-results a")
    href = page.evaluate("document.activeElement.getAttribute('href')")
    page.keyboard.press("Enter")
    page.wait_for_url("**/" + href.split("#")[0].split("/")[-1] + "*")


@pytest.mark.parametrize("relative", ["compare/index.html", "decisions/index.html"])
def test_a_matrix_s_department_on_a_phone_by_keyboard_alone(browser, site, relative):
    phone = OfflinePage(browser, viewport={"width": 390, "height": 844})
    try:
        page = phone.open(site, relative)
        tab_to(page, ".matrix-show select")
        before = page.locator(".matrix-show select").input_value()
        page.keyboard.press("ArrowDown")  # the next department, chosen from the keyboard
        chosen = page.locator(".matrix-show select").input_value()
        assert chosen != before
        page.wait_for_function("(slug) => new URLSearchParams(location.search).get('department') === slug", arg=chosen)
        heads = page.locator(".matrix-wrap thead th[data-policy]")
        assert [h.get_attribute("data-policy") for h in heads.all() if h.is_visible()] == [chosen]
        assert phone.errors == [] and phone.outside == []
    finally:
        phone.context.close()


def test_what_a_topic_covers_opens_and_closes_by_keyboard_alone(offline_page, site, corpus):
    page = offline_page.open(site, "compare/index.html")
    description = page.locator(".coverage-matrix tbody th[scope=row] .topic-description").first
    assert description.is_hidden()
    tab_to(page, ".coverage-matrix tbody th[scope=row] summary")
    page.keyboard.press("Enter")
    assert description.is_visible()
    assert description.inner_text() in {t.description for t in corpus.taxonomy.topics}
    page.keyboard.press("Space")
    assert description.is_hidden()


def test_the_draft_form_by_keyboard_alone(offline_page, site):
    page = offline_page.open(site, "draft.html")
    page.locator("#draft-progress").filter(has_text="answered").wait_for()
    tab_to(page, "#draft-city-town")
    page.keyboard.type("Town of Millbrook")
    page.locator("#draft-document .draft-fill", has_text="Town of Millbrook").first.wait_for()
    tab_to(page, "input[type=radio]")
    name = page.evaluate("document.activeElement.name")
    page.keyboard.press("ArrowDown")  # the next choice of the same question, chosen by the arrow key
    assert page.evaluate("(n) => document.querySelector(`input[name='${n}']:checked`) !== null", name)
    assert "Town of Millbrook" in page.locator("#draft-document").inner_text()


def test_the_glossary_by_keyboard_alone(offline_page, site):
    page = offline_page.open(site, "policies/kansas-city-mo.html")
    tab_to(page, "a.term-link", limit=400)
    anchor = page.evaluate("document.activeElement.getAttribute('href')").split("#", 1)[1]
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/glossary.html#{anchor}")
    assert page.locator(f'[id="{anchor}"]').is_visible()
    tab_to(page, ".glossary-letters a")
    letter = page.evaluate("document.activeElement.getAttribute('href')")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/glossary.html{letter}")
