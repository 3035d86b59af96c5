"""The coverage matrix and the decisions matrix read at a glance (issue 18), from disk in headless Chromium: on a
desktop every topic is on the first screen, a cell is a mark and a count (said in words to a screen reader),
and the page scrolls (no box inside it) with the header row kept in view under the site's header; on a phone,
one department at a time, chosen above the matrix and kept in the address; the decisions filters are in the
address too, through reload, back and forward."""

from __future__ import annotations

import re

import pytest

from generator.features.compare.model import compare_topics, topics_by_group
from generator.render.html import count

from .conftest import OfflinePage

pytestmark = pytest.mark.browser

COVERAGE, DECISIONS = "compare/index.html", "decisions/index.html"
TOPIC_ROWS = ".coverage-matrix tbody tr:not(.coverage-group)"
QUESTION_ROWS = ".decisions-matrix tr[data-question]"
CHOOSER = ".matrix-show select"

# The text of an element a reader sees (not what is hidden off screen for a screen reader).
SEEN = """(element) => {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  let seen = "";
  for (let node; (node = walker.nextNode());) {
    let shown = node.parentElement.checkVisibility();
    for (let e = node.parentElement; e && e !== element.parentElement; e = e.parentElement) {
      if (getComputedStyle(e).clipPath !== "none") shown = false;
    }
    if (shown) seen += node.data;
  }
  return seen.trim();
}"""


@pytest.fixture
def desktop(browser):
    page = OfflinePage(browser, viewport={"width": 1366, "height": 900})
    yield page
    page.context.close()
    assert page.outside == [] and page.errors == []


@pytest.fixture(params=[320, 390], ids=lambda w: f"{w}px")
def phone(browser, request):
    page = OfflinePage(browser, viewport={"width": request.param, "height": 844}, has_touch=True, is_mobile=True)
    yield page
    page.context.close()
    assert page.outside == [] and page.errors == []


def matrix_topics(corpus):
    return [t for _, group in topics_by_group(corpus.taxonomy) for t in group]


def test_every_topic_of_the_coverage_matrix_is_on_the_first_desktop_screen(desktop, site, corpus):
    page = desktop.open(site, COVERAGE)
    rows = page.locator(TOPIC_ROWS)
    assert rows.count() == len(corpus.taxonomy.topics)
    bottoms = rows.evaluate_all("(rows) => rows.map((row) => row.getBoundingClientRect().bottom)")
    assert max(bottoms) <= page.evaluate("innerHeight")
    assert page.evaluate("scrollY") == 0


def test_every_question_of_the_decisions_matrix_is_on_the_first_desktop_screen_and_a_cut_answer_shows_whole(
    desktop, site, corpus
):
    page = desktop.open(site, DECISIONS)
    rows = page.locator(QUESTION_ROWS)
    assert rows.count() == len(corpus.questions)
    bottoms = rows.evaluate_all("(rows) => rows.map((row) => row.getBoundingClientRect().bottom)")
    assert max(bottoms) <= page.evaluate("innerHeight")
    # An answer too long for its cell ends in an ellipsis; with the focus in its row it shows whole.
    cells = page.locator(".decisions-matrix tbody td")
    cut = cells.evaluate_all(
        "(cells) => cells.findIndex((td) => td.querySelector('a') && td.scrollWidth > td.clientWidth)"
    )
    assert cut >= 0
    cells.nth(cut).locator("a").first.focus()
    assert cells.nth(cut).evaluate("(td) => td.scrollWidth <= td.clientWidth")


def test_a_coverage_cell_shows_a_mark_and_a_count_and_says_it_in_words(desktop, site, corpus):
    page = desktop.open(site, COVERAGE)
    comparisons = {c.topic.id: c for c in compare_topics(corpus)}
    heads = [h.get_attribute("data-policy") for h in page.locator(".coverage-matrix thead th[data-policy]").all()]
    for topic, row in zip(matrix_topics(corpus), page.locator(TOPIC_ROWS).all(), strict=True):
        for slug, cell in zip(heads, row.locator("td").all(), strict=False):
            stance = comparisons[topic.id].stance(slug)
            seen, heard = cell.evaluate(SEEN), cell.aria_snapshot()
            assert not re.search(r"[A-Za-z]", seen), f"{slug} on {topic.id} shows words: {seen}"
            if stance is None:
                assert seen and heard.startswith('- cell "not addressed"'), (topic.id, slug, heard)
            else:
                provisions = len(stance.provisions)
                assert seen.split()[-1] == str(provisions)
                assert heard.startswith(f'- cell "{count(provisions, "provision")}"'), (topic.id, slug, heard)


def test_what_a_topic_covers_is_shown_on_demand(desktop, site, corpus):
    page = desktop.open(site, COVERAGE)
    topic = matrix_topics(corpus)[0]
    header = page.locator(TOPIC_ROWS).first.locator("th")
    assert topic.description not in header.evaluate(SEEN)
    summary = header.locator("summary")
    assert summary.aria_snapshot() == f"- text: What “{topic.title}” covers"  # what a screen reader says of it
    height = header.bounding_box()["height"]
    summary.click()
    assert header.locator(".topic-description").inner_text() == topic.description
    assert header.bounding_box()["height"] > height  # opened under the title, in its row
    summary.click()
    assert topic.description not in header.evaluate(SEEN)


# What holds the matrix between it and the page and scrolls on its own (a box with a scroll bar of its own).
SCROLLING_HOLDERS = """(table) => {
  const found = [];
  for (let e = table.parentElement; e && e !== document.body; e = e.parentElement) {
    const s = getComputedStyle(e);
    if ([s.overflowX, s.overflowY].some((v) => v === "auto" || v === "scroll")) found.push(`${e.tagName}.${e.className}`);
  }
  return found;
}"""


@pytest.mark.parametrize("relative", [COVERAGE, DECISIONS])
def test_the_page_scrolls_not_a_box_and_the_header_row_stays_under_the_site_s_header(browser, site, relative):
    desktop = OfflinePage(browser, viewport={"width": 1366, "height": 600})
    try:
        page = desktop.open(site, relative)
        table = page.locator(".matrix-wrap table")
        assert table.evaluate(SCROLLING_HOLDERS) == []
        box = table.bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2, 500)
        page.mouse.wheel(0, 600)
        page.wait_for_function("scrollY > 300")  # the wheel over the matrix scrolls the page
        assert table.bounding_box()["y"] < 0  # the table's top has gone up past the screen's
        site_header = page.locator(".md-header").bounding_box()
        assert site_header["y"] == 0
        for head in table.locator("thead th").all():
            top = head.bounding_box()["y"]
            assert abs(top - site_header["height"]) <= 1, f"a column's heading is at {top}, not under the header"
        assert desktop.errors == [] and desktop.outside == []
    finally:
        desktop.context.close()


def visible_heads(page) -> list[str]:
    return [
        h.get_attribute("data-policy")
        for h in page.locator(".matrix-wrap thead th[data-policy]").all()
        if h.is_visible()
    ]


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= innerWidth")


def test_a_phone_shows_one_department_s_topics_and_keeps_it_through_a_reload(phone, site, corpus):
    page = phone.open(site, COVERAGE)
    assert visible_heads(page) == [corpus.departments[0].slug] and fits(page)
    department = corpus.departments[2]
    page.locator(CHOOSER).select_option(department.slug)
    page.wait_for_function(
        "(slug) => new URLSearchParams(location.search).get('department') === slug", arg=department.slug
    )
    comparisons = {c.topic.id: c for c in compare_topics(corpus)}

    def shown_column():
        assert visible_heads(page) == [department.slug] and fits(page)
        for topic, row in zip(matrix_topics(corpus), page.locator(TOPIC_ROWS).all(), strict=True):
            cells = [cell for cell in row.locator("td").all() if cell.is_visible()]
            assert len(cells) == 1, f"{topic.id}: {len(cells)} cells shown"
            stance = comparisons[topic.id].stance(department.slug)
            words = count(len(stance.provisions), "provision") if stance else "not addressed"
            assert cells[0].aria_snapshot().startswith(f'- cell "{words}"'), topic.id

    shown_column()
    page.reload()
    page.locator(CHOOSER).wait_for()
    assert page.locator(CHOOSER).input_value() == department.slug
    shown_column()


def test_a_phone_shows_one_department_s_answers_with_the_filters_and_keeps_both(phone, site, corpus):
    page = phone.open(site, DECISIONS)
    assert fits(page)
    department = corpus.departments[1]
    page.locator(CHOOSER).select_option(department.slug)
    page.select_option("#decisions-answer", "Prohibited")
    page.wait_for_function("location.search.includes('answer=Prohibited') && location.search.includes('department=')")
    assert visible_heads(page) == [department.slug] and fits(page)
    for row in page.locator(f"{QUESTION_ROWS}:visible").all():
        assert len([cell for cell in row.locator("td").all() if cell.is_visible()]) == 1
    page.reload()
    page.locator(CHOOSER).wait_for()
    assert page.locator(CHOOSER).input_value() == department.slug
    assert page.locator("#decisions-answer").input_value() == "Prohibited"
    assert visible_heads(page) == [department.slug] and fits(page)


@pytest.mark.parametrize("width", [640, 683, 768, 1024])
@pytest.mark.parametrize("relative", [COVERAGE, DECISIONS])
def test_between_a_phone_and_a_desktop_the_whole_grid_fits(browser, site, relative, width):
    """A tablet, or a laptop at 200 % zoom (683 px): every department's column, none past the screen's edge."""
    offline = OfflinePage(browser, viewport={"width": width, "height": 800})
    try:
        page = offline.open(site, relative)
        assert page.locator(".matrix-show").is_hidden()
        assert len(visible_heads(page)) == page.locator(".matrix-wrap thead th[data-policy]").count() > 1
        assert fits(page)
    finally:
        offline.context.close()


@pytest.mark.parametrize("relative", [COVERAGE, DECISIONS])
def test_without_the_script_a_phone_scrolls_the_grid_inside_its_holder(browser, site, relative):
    """The chooser needs matrix.js: without it the whole grid shows, and scrolls sideways in its holder,
    never the page."""
    offline = OfflinePage(browser, viewport={"width": 320, "height": 844}, java_script_enabled=False)
    try:
        page = offline.open(site, relative)
        assert page.locator(".matrix-show").is_hidden()
        assert len(visible_heads(page)) == len(page.locator(".matrix-wrap thead th[data-policy]").all()) > 1
        assert fits(page)
    finally:
        offline.context.close()


def visible_questions(page) -> int:
    return page.locator(f"{QUESTION_ROWS}:visible").count()


def test_the_decisions_filters_are_in_the_address_through_reload_back_and_forward(offline_page, site, corpus):
    question = next(q for q in corpus.questions if any(d.wording == "Prohibited" for d in corpus.decisions(q.id)))
    topic = question.topics[0]  # a topic on which some department prohibits something
    page = offline_page.open(site, DECISIONS)
    every = visible_questions(page)
    page.select_option("#decisions-answer", "Prohibited")
    page.wait_for_function("new URLSearchParams(location.search).get('answer') === 'Prohibited'")
    prohibited = visible_questions(page)
    page.select_option("#decisions-topic", topic)
    page.wait_for_function("(topic) => new URLSearchParams(location.search).get('topic') === topic", arg=topic)
    both = visible_questions(page)
    assert every > prohibited >= both > 0
    page.reload()
    page.locator("#decisions-status").filter(has_text="of").wait_for()
    assert page.locator("#decisions-topic").input_value() == topic
    assert page.locator("#decisions-answer").input_value() == "Prohibited"
    assert visible_questions(page) == both
    page.go_back()
    page.wait_for_function("document.getElementById('decisions-topic').value === ''")
    assert page.locator("#decisions-answer").input_value() == "Prohibited" and visible_questions(page) == prohibited
    page.go_back()
    page.wait_for_function("document.getElementById('decisions-answer').value === ''")
    assert visible_questions(page) == every and "answer=" not in page.url
    page.go_forward()
    page.wait_for_function("document.getElementById('decisions-answer').value === 'Prohibited'")
    assert visible_questions(page) == prohibited
    assert offline_page.errors == []
