"""The comparison pages in a browser, opened from disk with the network refused: the compare search
with its filters, the pair differences on a topic page, the column chooser, and the coverage matrix
on a phone and in print."""

from __future__ import annotations

import re

import pytest

from generator.features.compare.model import compare_topics, provision_wording, topics_by_group
from generator.features.compare.render import topic_page
from generator.load import load_corpus

from .conftest import OfflinePage, comparison_of, copy_project, corpus_slugs

pytestmark = pytest.mark.browser

# Installed before typing: the time of the first key press and of the first result drawn, both
# taken inside the page with performance.now().
TIME_FIRST_RESULTS = """() => {
  const results = document.getElementById("compare-results");
  window.compareTiming = {};
  document.getElementById("compare-query").addEventListener("keydown", () => {
    window.compareTiming.typed = window.compareTiming.typed || performance.now();
  }, {capture: true});
  new MutationObserver((_, observer) => {
    if (results.querySelector(".compare-provision")) {
      window.compareTiming.shown = performance.now();
      observer.disconnect();
    }
  }).observe(results, {childList: true, subtree: true});
}"""


def guilt_topic(corpus):
    kansas_city = next(
        p
        for p in corpus.policy("kansas-city-mo").provisions()
        if "Make statements about the guilt or innocence" in p.text
    )
    return corpus.taxonomy.topic(kansas_city.topics[0])


def departments_saying(corpus, word):
    """The policies with a provision in the compare search (it has topics) using a word that starts with `word`."""
    pattern = re.compile(rf"\b{word}", re.IGNORECASE)
    return {
        policy.slug
        for policy in corpus.policies
        for p in policy.provisions()
        if p.topics and pattern.search(provision_wording(policy, p))
    }


def open_search(offline_page, site):
    page = offline_page.open(site, "compare/search.html")
    page.wait_for_function("!document.getElementById('compare-status').textContent.startsWith('Loading')")
    return page


def shown(page) -> dict[str, set[str]]:
    """Topic id → the policies whose columns the results show under it."""
    return page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('.compare-topic-results')].map(
        s => [s.dataset.topic, [...s.querySelectorAll('.compare-column')].map(c => c.dataset.policy)]))""")


def type_query(page, text):
    box = page.locator("#compare-query")
    box.fill("")
    box.press_sequentially(text)
    page.wait_for_function(
        """(text) => document.getElementById('compare-query').value === text &&
        document.querySelector('#compare-results .compare-provision')""",
        arg=text,
    )


def test_search_finds_the_departments_that_use_a_word_and_measures_the_first_results(offline_page, site, corpus):
    page = open_search(offline_page, site)
    page.evaluate(TIME_FIRST_RESULTS)
    type_query(page, "undercover")
    timing = page.evaluate("window.compareTiming")
    print(f"\ncompare search: first results {timing['shown'] - timing['typed']:.1f} ms after the first key press")
    found = set().union(*shown(page).values())
    assert found == departments_saying(corpus, "undercover")
    assert {"kansas-city-mo", "raymore-mo", "st-joseph-mo", "unidentified-department"} <= found
    assert page.locator("#compare-results mark", has_text=re.compile("^undercover$", re.IGNORECASE)).count() > 0

    type_query(page, "guilt")
    found = set().union(*shown(page).values())
    assert found == departments_saying(corpus, "guilt")
    assert "raymore-mo" not in found  # Raymore's policy says nothing about guilt
    column = page.locator('.compare-column[data-policy="kansas-city-mo"]').first
    link = column.locator("a.provision-label").first
    target = link.evaluate("a => a.href")  # where the link leads, from the page's address
    assert target.startswith(page.url.split("/compare/")[0] + "/policies/kansas-city-mo.html#kansas-city-mo.")
    assert offline_page.errors == []


def test_filters_by_topic_and_department_narrow_the_results(offline_page, site, corpus):
    page = open_search(offline_page, site)
    topic = guilt_topic(corpus)
    comparison = comparison_of(corpus, topic, corpus.policies)
    page.select_option("#compare-topic", topic.id)
    page.locator("#compare-results .compare-provision").first.wait_for()
    assert shown(page) == {topic.id: [s.policy.slug for s in comparison.stances]}

    page.select_option("#compare-department", "kansas-city-mo")
    page.wait_for_function("document.querySelectorAll('#compare-results .compare-column').length === 1")
    assert shown(page) == {topic.id: ["kansas-city-mo"]}
    assert page.locator("#compare-results .compare-provision").count() == len(
        comparison.stance("kansas-city-mo").provisions
    )

    page.select_option("#compare-topic", "")
    page.select_option("#compare-department", "raymore-mo")
    type_query(page, "undercover")
    columns = shown(page)
    assert columns and all(policies == ["raymore-mo"] for policies in columns.values())
    assert "Officers who are working in undercover operations" in page.locator("#compare-results").inner_text()
    assert offline_page.errors == []


def test_a_query_that_only_leaves_a_word_out_leaves_it_out_of_what_the_filters_find(offline_page, site):
    page = open_search(offline_page, site)
    provisions = page.locator("#compare-results .compare-provision")
    page.select_option("#compare-department", "raymore-mo")
    provisions.first.wait_for()
    everything = provisions.all_inner_texts()
    assert any("undercover" in text.lower() for text in everything)
    type_query(page, "-undercover")
    page.wait_for_function(
        "(n) => document.querySelectorAll('#compare-results .compare-provision').length < n", arg=len(everything)
    )
    left = provisions.all_inner_texts()
    assert left and not any("undercover" in text.lower() for text in left)
    assert set(left) <= set(everything)
    assert offline_page.errors == []


def test_the_answer_filter_keeps_the_departments_giving_that_answer(offline_page, site, corpus):
    page = open_search(offline_page, site)
    approval = {d.policy.slug for d in corpus.decisions("logo-display") if d.answer == "with-approval"}
    cautioned = {d.policy.slug for d in corpus.decisions("logo-display") if d.answer == "cautioned"}
    assert approval and cautioned
    option = page.locator('#compare-answer option[value="logo-display=with-approval"]')
    assert option.inner_text() == f"Only with approval ({len(approval)})"
    page.select_option("#compare-answer", "logo-display=with-approval")
    page.locator("#compare-results .compare-provision").first.wait_for()
    # With no words nor topic: the question's topics, the departments giving the answer side by side.
    assert shown(page) == {"logos-uniforms-insignia": [p.slug for p in corpus.policies if p.slug in approval]}
    assert "answer=logo-display%3Dwith-approval" in page.url

    page.select_option("#compare-answer", "logo-display=cautioned")
    page.wait_for_function("document.querySelectorAll('#compare-results .compare-column').length === 1")
    assert shown(page) == {"logos-uniforms-insignia": sorted(cautioned)}

    type_query(page, "undercover")  # words: every topic, still only the departments giving the answer
    assert set().union(*shown(page).values()) == cautioned & departments_saying(corpus, "undercover")
    assert offline_page.errors == []


def test_topic_page_switches_between_precomputed_pair_diffs_marked_with_ins_and_del(offline_page, site, corpus):
    topic = guilt_topic(corpus)
    page = offline_page.open(site, topic_page(topic).replace(".md", ".html"))
    page.select_option(".pair-picker select[name=left]", "kansas-city-mo")
    page.select_option(".pair-picker select[name=right]", "st-joseph-mo")
    visible = page.locator(".pair-diff:visible")
    assert visible.count() == 1
    assert visible.get_attribute("id") == "diff-kansas-city-mo--st-joseph-mo"
    assert "Make" in visible.locator("del").all_inner_texts()
    assert "Refrain from making" in visible.locator("ins").all_inner_texts()
    assert re.fullmatch(r"\d+%", visible.locator(".similarity-figure").inner_text())
    # Marked by more than colour: struck through and underlined.
    assert "line-through" in visible.locator("del").first.evaluate("e => getComputedStyle(e).textDecorationLine")
    assert "underline" in visible.locator("ins").first.evaluate("e => getComputedStyle(e).textDecorationLine")

    page.select_option(".pair-picker select[name=left]", "unidentified-department")
    assert page.locator(".pair-diff:visible").get_attribute("id") == "diff-st-joseph-mo--unidentified-department"
    page.select_option(".pair-picker select[name=right]", "unidentified-department")
    assert page.locator(".pair-diff:visible").count() == 0
    assert page.locator(".pair-same").is_visible()

    page.locator(".pair-similarity a[href='#diff-kansas-city-mo--unidentified-department']").click()
    page.wait_for_function("!document.getElementById('diff-kansas-city-mo--unidentified-department').hidden")
    assert page.locator(".pair-picker select[name=left]").input_value() == "kansas-city-mo"
    assert page.locator(".pair-picker select[name=right]").input_value() == "unidentified-department"
    assert offline_page.errors == []


def test_the_pair_picker_of_a_topic_page_compares_the_template_with_a_department(offline_page, site, corpus):
    page = offline_page.open(site, "compare/topics/logos-uniforms-insignia.html")
    picker = page.locator(".pair-picker select[name=left] option")
    assert picker.first.get_attribute("value") == "massachusetts-template"
    assert page.locator(".pair-diff:visible").get_attribute("id") == "diff-kansas-city-mo--raymore-mo"
    page.select_option(".pair-picker select[name=left]", "massachusetts-template")
    visible = page.locator(".pair-diff:visible")
    assert visible.get_attribute("id") == "diff-massachusetts-template--raymore-mo"
    assert any("[AUTHORIZED/PROHIBITED]" in words for words in visible.locator("del").all_inner_texts())
    assert "Employees shall not post" in visible.locator("ins").all_inner_texts()
    assert offline_page.errors == []


def test_reader_chooses_which_departments_columns_are_shown(offline_page, site, corpus):
    topic = guilt_topic(corpus)
    page = offline_page.open(site, topic_page(topic).replace(".md", ".html"))
    column = page.locator('.compare-column[data-policy="st-joseph-mo"]')
    assert column.is_visible()
    page.locator('.compare-choose input[value="st-joseph-mo"]').uncheck()
    assert column.is_hidden()
    assert page.locator('.compare-column[data-policy="kansas-city-mo"]').is_visible()
    page.locator('.compare-choose input[value="st-joseph-mo"]').check()
    assert column.is_visible()


def test_coverage_matrix_cell_leads_to_the_departments_provisions(offline_page, site, corpus):
    topic = guilt_topic(corpus)
    page = offline_page.open(site, "compare/index.html")
    page.locator(f'td.addressed a[href="topics/{topic.id}.html#kansas-city-mo"]').click()
    page.wait_for_url(re.compile(rf"/compare/topics/{topic.id}\.html#kansas-city-mo$"))
    assert "Make statements about the guilt or innocence" in page.locator("#kansas-city-mo").inner_text()
    assert offline_page.errors == []


def test_topic_columns_stack_in_print(offline_page, site, corpus):
    page = offline_page.open(site, topic_page(guilt_topic(corpus)).replace(".md", ".html"))
    columns = page.locator(".compare-column")
    assert columns.nth(0).bounding_box()["y"] == columns.nth(1).bounding_box()["y"]  # side by side on screen
    page.emulate_media(media="print")
    first, second = columns.nth(0).bounding_box(), columns.nth(1).bounding_box()
    assert second["y"] > first["y"] + first["height"] - 1 and abs(first["x"] - second["x"]) < 1


# --- Many departments: a few shown, the reader adds others ---------------------------------------------

COPIES = ("Ashby", "Brandt", "Corbin", "Dover", "Elgin")


@pytest.fixture(scope="module")
def many_departments(tmp_path_factory):
    """The handbook with five more departments, each a copy of St. Joseph's policy under another name:
    more departments than a topic page shows, more policies than the coverage matrix shows (built once:
    the tests only read it)."""
    from generator.mkdocs_plugin import build_into

    project = copy_project(tmp_path_factory.mktemp("many-departments"))
    policies, originals = project / "source" / "policies", project / "source" / "originals"
    model = (policies / "st-joseph-mo.yml").read_text(encoding="utf-8")
    for town in COPIES:
        slug = f"{town.lower()}-mo"
        text = (
            model.replace("slug: st-joseph-mo", f"slug: {slug}")
            .replace("name: St. Joseph, Missouri Police Department", f"name: {town} Police Department")
            .replace("original: st-joseph-mo.txt", f"original: {slug}.txt")
        )
        assert text.count(slug) == 2 and f"{town} Police" in text
        (policies / f"{slug}.yml").write_text(text, encoding="utf-8")
        (originals / f"{slug}.txt").write_bytes((originals / "st-joseph-mo.txt").read_bytes())
    build_into(project / "mkdocs.yml", project / "site")
    return project / "site"


def shown_columns(page) -> list[str]:
    return [column.get_attribute("data-policy") for column in page.locator(".compare-column").all()]


SAME_WORDS = ("st-joseph-mo",) + tuple(f"{town.lower()}-mo" for town in COPIES)


def test_a_topic_page_shows_a_few_departments_and_the_reader_adds_others_on_every_topic(
    offline_page, many_departments, corpus
):
    topic = guilt_topic(corpus)
    page = offline_page.open(many_departments, topic_page(topic).replace(".md", ".html"))
    first = shown_columns(page)
    departments = [slug for slug in first if slug != "massachusetts-template"]
    alike = [slug for slug in departments if slug in SAME_WORDS]
    assert len(departments) <= 4 and len(alike) == 1  # one column for the six departments with the same words
    assert "Most common wording" in page.locator(f"#{alike[0]}").inner_text()  # six of them use it
    assert "more. Add a department" in page.locator(".compare-add").inner_text()
    hidden = next(slug for slug in SAME_WORDS[1:] if slug not in first)
    name = f"{hidden[:-3].title()} Police Department"
    page.fill("#compare-add-input", name[:3])
    page.locator(".compare-add-options button", has_text=name).click()
    added = page.locator(f'.compare-column[data-policy="{hidden}"]')
    added.wait_for()
    assert "Refrain from making statements about the guilt or innocence" in added.inner_text()

    other = next(
        t
        for t in corpus.taxonomy.topics
        if t.id != topic.id and comparison_of(corpus, t, corpus.policies).stance("st-joseph-mo")
    )
    page = offline_page.open(many_departments, topic_page(other).replace(".md", ".html"))
    page.locator(f'.compare-column[data-policy="{hidden}"]').wait_for()  # remembered from the other topic
    page.locator(f'.compare-choose input[value="{hidden}"]').uncheck()
    assert page.locator(f'.compare-column[data-policy="{hidden}"]').is_hidden()
    page.reload()
    page.locator(".compare-column").first.wait_for()
    assert hidden not in shown_columns(page)  # unticked, so forgotten
    assert offline_page.errors == []


def test_the_coverage_matrix_adds_a_department_s_column(offline_page, many_departments, corpus):
    page = offline_page.open(many_departments, "compare/index.html")
    shown = [h.get_attribute("data-policy") for h in page.locator(".coverage-matrix thead th[data-policy]").all()]
    hidden = next(
        slug for slug in ("kansas-city-mo", "raymore-mo", "unidentified-department") + SAME_WORDS if slug not in shown
    )
    name = corpus.policy(hidden).agency.name if hidden in corpus_slugs() else f"{hidden[:-3].title()} Police Department"
    page.fill("#compare-add-input", name[:5])
    page.locator(".compare-add-options button", has_text=name).click()
    page.locator(f'.coverage-matrix thead th[data-policy="{hidden}"]').wait_for()
    topic = guilt_topic(corpus)
    row = page.locator(".coverage-matrix tbody tr", has=page.locator(f'th a[href="topics/{topic.id}.html"]'))
    added = row.locator("td").nth(len(shown))  # after the columns shown before, before the total
    model = hidden if hidden in corpus_slugs() else "st-joseph-mo"  # a copy addresses what St. Joseph does
    if comparison_of(corpus, topic, corpus.policies).stance(model):
        assert added.locator("a").evaluate("a => a.href").endswith(f"/compare/topics/{topic.id}.html#{hidden}")
    else:
        assert added.aria_snapshot() == '- cell "not addressed"'
    assert offline_page.errors == []


# --- Issue #17 ----------------------------------------------------------------------------------------


def test_the_first_click_on_a_result_right_after_typing_follows_it(offline_page, site):
    page = open_search(offline_page, site)
    type_query(page, "undercover")
    label = page.locator("#compare-results .provision-label").first
    target = label.get_attribute("href")
    label.click()  # a real click: the box loses focus on the press, the link must still be there on release
    page.wait_for_url(lambda url: "/policies/" in url and "#" in url)
    assert target.split("#")[1] == page.url.split("#")[1]
    assert offline_page.errors == []


def test_definitions_are_found_and_filters_combine_with_words(offline_page, site):
    page = open_search(offline_page, site)
    type_query(page, "Facebook")
    text = page.locator("#compare-results").inner_text()
    assert "Definitions" in text and "No provision" not in page.locator("#compare-status").inner_text()
    page.select_option("#compare-department", "raymore-mo")
    page.wait_for_function("[...document.querySelectorAll('#compare-results .compare-column')].length === 1")
    assert {v for values in shown(page).values() for v in values} == {"raymore-mo"}
    assert "facebook" in page.locator("#compare-results").inner_text().lower()
    assert offline_page.errors == []


def test_the_query_and_filters_are_in_the_address_back_forward_and_shared_links(offline_page, site):
    page = open_search(offline_page, site)
    type_query(page, "undercover")
    page.wait_for_function("location.search.includes('q=undercover')")
    page.select_option("#compare-department", "raymore-mo")
    page.wait_for_function("location.search.includes('department=raymore-mo')")
    page.go_back()
    page.wait_for_function("document.getElementById('compare-department').value === ''")
    assert "department" not in page.url and page.locator("#compare-query").input_value() == "undercover"
    page.go_forward()
    page.wait_for_function("document.getElementById('compare-department').value === 'raymore-mo'")
    shared = page.url
    other = OfflinePage(page.context.browser)
    try:
        opened = other.page
        opened.goto(shared)
        opened.wait_for_function("document.querySelector('#compare-results .compare-provision')")
        assert opened.locator("#compare-query").input_value() == "undercover"
        assert {v for values in shown(opened).values() for v in values} == {"raymore-mo"}
    finally:
        other.context.close()
    assert offline_page.errors == []


def test_the_words_box_is_visible_focusable_and_the_form_fits_a_phone(browser, site):
    offline = OfflinePage(browser, viewport={"width": 390, "height": 800})
    try:
        page = offline.open(site, "compare/search.html")
        box = page.locator("#compare-query")
        style = box.evaluate("b => { const s = getComputedStyle(b); return [s.borderTopWidth, s.borderTopStyle]; }")
        assert style[0] != "0px" and style[1] != "none"
        page.keyboard.press("Tab")
        for _ in range(40):
            if page.evaluate("document.activeElement.id") == "compare-query":
                break
            page.keyboard.press("Tab")
        assert box.evaluate("b => getComputedStyle(b).outlineStyle") != "none"
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    finally:
        offline.context.close()


def test_an_added_department_s_matrix_column_says_what_its_policy_addresses(offline_page, many_departments):
    """The cells of a department the reader adds are the build's cells (copies of the page's templates):
    per topic, its number of provisions linking to its column on the topic page, or `not addressed`;
    its header links to its policy; its total counts the topics it addresses."""
    corpus = load_corpus(many_departments.parent / "source")
    page = offline_page.open(many_departments, "compare/index.html")
    shown = [h.get_attribute("data-policy") for h in page.locator(".coverage-matrix thead th[data-policy]").all()]
    hidden = next(p for p in corpus.departments if p.slug not in shown)
    page.fill("#compare-add-input", hidden.agency.name[:5])
    page.locator(".compare-add-options button", has_text=hidden.agency.name).click()
    head = page.locator(f'.coverage-matrix thead th[data-policy="{hidden.slug}"]')
    head.wait_for()
    site = page.url.rsplit("/compare/", 1)[0]
    assert head.inner_text() == hidden.agency.name
    assert head.locator("a").evaluate("a => a.href") == f"{site}/policies/{hidden.slug}.html"

    comparisons = {c.topic.id: c for c in compare_topics(corpus)}
    topics = [t for _, group in topics_by_group(corpus.taxonomy) for t in group]
    rows = page.locator(".coverage-matrix tbody tr:not(.coverage-group)").all()
    assert len(rows) == len(topics)
    for topic, row in zip(topics, rows, strict=True):
        cell = row.locator("td").nth(len(shown))
        stance = comparisons[topic.id].stance(hidden.slug)
        if stance is None:
            assert cell.aria_snapshot() == '- cell "not addressed"' and cell.locator("a").count() == 0
            continue
        count = len(stance.provisions)
        link = cell.locator("a")
        assert cell.aria_snapshot().startswith(f'- cell "{count} provision{"s" if count != 1 else ""}"')
        assert link.evaluate("a => a.href") == f"{site}/compare/topics/{topic.id}.html#{hidden.slug}"
    addressed = sum(1 for c in comparisons.values() if c.stance(hidden.slug))
    total = page.locator(".coverage-matrix tfoot td").nth(len(shown))
    assert total.inner_text() == f"{addressed} of {len(topics)}"

    box = page.locator(f'.compare-choose input[value="{hidden.slug}"]')
    label = page.locator(".compare-choose label", has=page.locator(f'input[value="{hidden.slug}"]'))
    assert box.is_checked() and label.inner_text().strip() == hidden.agency.name
    box.uncheck()
    assert head.is_hidden() and total.is_hidden()
    assert offline_page.errors == []


def test_a_template_copy_holds_whatever_it_is_given_as_text(offline_page, many_departments):
    """What a script puts into a copy of a template (a name, a label, a query's words) stays text: markup
    in it is characters, and a `{placeholder}` in it is not filled again."""
    page = offline_page.open(many_departments, "compare/index.html")
    copy = page.evaluate(
        """() => {
            const box = HandbookShared.fromTemplate(HANDBOOK_CONTRACT.templates.showBox,
                { slug: '"><img src=x id=injected>', name: "<b>Bold</b> & {slug} Police" });
            document.body.append(box);
            return { html: box.outerHTML, text: box.innerText, value: box.querySelector("input").value };
        }"""
    )
    assert page.locator("#injected, .compare-choose ~ label b").count() == 0
    assert copy["text"].strip() == "<b>Bold</b> & {slug} Police"
    assert copy["value"] == '"><img src=x id=injected>'
    assert offline_page.errors == []


def test_compare_search_results_show_the_template_s_column_apart(offline_page, site, corpus):
    """Results are the page's templates filled in: a topic heading linking to its page, a column per
    policy (the template's marked as such) and each provision's label linking to it."""
    page = open_search(offline_page, site)
    page.select_option("#compare-department", "massachusetts-template")
    type_query(page, "media")
    topic = page.locator(".compare-topic-results").first
    link = topic.locator("h2 a")
    topic_id = topic.get_attribute("data-topic")
    assert link.evaluate("a => a.href").endswith(f"/compare/topics/{topic_id}.html")
    assert link.inner_text() == next(t.title for t in corpus.taxonomy.topics if t.id == topic_id)
    template = page.locator('.compare-column[data-policy="massachusetts-template"]').first
    assert "template-column" in template.get_attribute("class")
    assert template.locator(".compare-agency").inner_text() == corpus.policy("massachusetts-template").agency.name
    assert offline_page.errors == []


def test_on_a_phone_a_department_the_reader_adds_to_the_matrix_can_be_shown(browser, many_departments):
    """A phone shows one department of the matrix: one the reader adds is offered too, and shown when chosen,
    its cells the build's; chosen, it stays through a reload (added again from the reader's choices)."""
    corpus = load_corpus(many_departments.parent / "source")
    phone = OfflinePage(browser, viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    try:
        page = phone.open(many_departments, "compare/index.html")
        shown = [h.get_attribute("data-policy") for h in page.locator(".coverage-matrix thead th[data-policy]").all()]
        hidden = next(p for p in corpus.departments if p.slug not in shown)
        chooser = page.locator(".matrix-show select")
        assert hidden.slug not in [o.get_attribute("value") for o in chooser.locator("option").all()]
        page.fill("#compare-add-input", hidden.agency.name[:5])
        page.locator(".compare-add-options button", has_text=hidden.agency.name).click()
        chooser.locator(f'option[value="{hidden.slug}"]').wait_for(state="attached")
        chooser.select_option(hidden.slug)
        head = page.locator(f'.coverage-matrix thead th[data-policy="{hidden.slug}"]')
        assert head.is_visible()
        heads = page.locator(".coverage-matrix thead th[data-policy]").all()
        assert [h.get_attribute("data-policy") for h in heads if h.is_visible()] == [hidden.slug]
        topic = next(t for t in corpus.taxonomy.topics if comparison_of(corpus, t, corpus.policies).stance(hidden.slug))
        row = page.locator(".coverage-matrix tbody tr", has=page.locator(f'th a[href="topics/{topic.id}.html"]'))
        cells = [cell for cell in row.locator("td").all() if cell.is_visible()]
        assert len(cells) == 1
        assert cells[0].locator("a").evaluate("a => a.href").endswith(f"/compare/topics/{topic.id}.html#{hidden.slug}")
        assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
        page.reload()
        head.wait_for()
        assert chooser.input_value() == hidden.slug and head.is_visible()
        assert phone.errors == [] and phone.outside == []
    finally:
        phone.context.close()
