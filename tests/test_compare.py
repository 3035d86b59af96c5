"""Comparison by topic: who addresses what, the coverage matrix and topic pages, word-level differences
with a similarity figure, and the build-time provision index of the compare search."""

from __future__ import annotations

import importlib.resources
import json
import re
from statistics import mean

import pytest

from generator.contract import SEARCH_INDEX_GLOBAL as INDEX_GLOBAL
from generator.contract import SEARCH_TEXTS_GLOBAL as TEXTS_GLOBAL
from generator.contract import SEARCH_TOPICS_GLOBAL as TOPICS_GLOBAL
from generator.contract import SEARCH_WORDS_GLOBAL as PARTS_GLOBAL
from generator.features.compare.model import compare_topics, diff_words, pair_diff, provision_wording, topics_by_group
from generator.features.compare.render import COVERAGE_PAGE, render_compare, topic_page
from generator.features.policy.render import page_path
from generator.features.search.index import INDEX, LUNR_SCRIPT, PARTS, TOPICS
from generator.features.search.render import search_pages
from generator.render.html import href

from .conftest import comparison_of

DEPARTMENTS_OF_ONE_MODEL = ("st-joseph-mo", "unidentified-department")
UNRELATED_DEPARTMENTS = ("kansas-city-mo", "raymore-mo")


def provision_saying(corpus, slug, words):
    """The provision of policy `slug` whose own text contains `words` (exactly one must)."""
    found = [p for p in corpus.policy(slug).provisions() if words in p.text]
    assert len(found) == 1, f"{len(found)} provisions of {slug} say {words!r}"
    return found[0]


@pytest.fixture(scope="module")
def pages(corpus):
    return {path: str(page) for path, page in render_compare(corpus, None).items()}


@pytest.fixture(scope="module")
def guilt_topic(corpus):
    """The topic the Kansas City provision on statements about guilt or innocence is tagged with,
    which St. Joseph's equivalent provision shares."""
    kansas_city = provision_saying(corpus, "kansas-city-mo", "Make statements about the guilt or innocence")
    st_joseph = provision_saying(corpus, "st-joseph-mo", "Refrain from making statements about the guilt")
    shared = [t for t in kansas_city.topics if t in st_joseph.topics]
    assert shared, "the two 'guilt or innocence' provisions share no topic"
    return corpus.taxonomy.topic(shared[0])


# --- Tagging: who addresses a topic ---------------------------------------------------------------


def test_a_topic_gathers_each_policys_tagged_provisions_in_document_order(corpus, guilt_topic):
    comparison = comparison_of(corpus, guilt_topic, corpus.policies)
    for stance in comparison.stances:
        in_order = [p for p in stance.policy.provisions() if guilt_topic.id in p.topics]
        assert stance.provisions == in_order and stance.provisions
    kansas_city = comparison.stance("kansas-city-mo")
    assert provision_saying(corpus, "kansas-city-mo", "Make statements about the guilt") in kansas_city.provisions
    for policy in comparison.silent:
        assert not any(guilt_topic.id in p.topics for p in policy.provisions())
    assert {s.policy.slug for s in comparison.stances} | {p.slug for p in comparison.silent} == {
        p.slug for p in corpus.policies
    }


def test_a_selection_of_policies_limits_the_comparison(corpus, guilt_topic):
    chosen = [corpus.policy("kansas-city-mo"), corpus.policy("raymore-mo")]
    comparison = comparison_of(corpus, guilt_topic, chosen)
    assert {s.policy.slug for s in comparison.stances} | {p.slug for p in comparison.silent} == {
        "kansas-city-mo",
        "raymore-mo",
    }


def test_topics_are_grouped_in_the_taxonomys_order_each_once(corpus):
    grouped = topics_by_group(corpus.taxonomy)
    listed = [t.id for _, topics in grouped for t in topics]
    assert sorted(listed) == sorted(t.id for t in corpus.taxonomy.topics) and len(set(listed)) == len(listed)
    group_ids = [g.id for g, _ in grouped if g]
    assert group_ids == [g.id for g in corpus.taxonomy.groups if g.id in group_ids]


# --- Pages ----------------------------------------------------------------------------------------


def test_coverage_matrix_links_each_addressing_policy_and_says_when_a_policy_is_silent(corpus, pages, guilt_topic):
    matrix = pages[COVERAGE_PAGE]
    row = re.search(
        rf'<tr><th scope="row"><a href="{re.escape(href(COVERAGE_PAGE, topic_page(guilt_topic)))}">'
        r".*?</tr>",
        matrix,
    ).group(0)
    cells = re.findall(r"<td[^>]*>.*?</td>", row)
    comparison = comparison_of(corpus, guilt_topic, corpus.policies)
    for policy, cell in zip(corpus.policies, cells):
        stance = comparison.stance(policy.slug)
        if stance is None:
            assert "not addressed" in cell, f"{policy.slug} is silent on {guilt_topic.id} but its cell is {cell}"
        else:
            assert href(COVERAGE_PAGE, topic_page(guilt_topic), policy.slug) in cell
            assert f">{len(stance.provisions)} provision" in cell
    addressing = sum(1 for s in comparison.stances if not s.policy.is_template)
    assert cells[len(corpus.policies)] == f"<td>{addressing} of {len(corpus.departments)}</td>"
    for policy in corpus.policies:
        addressed = sum(1 for t in corpus.taxonomy.topics if any(t.id in p.topics for p in policy.provisions()))
        assert f"<td>{addressed} of {len(corpus.taxonomy.topics)}</td>" in matrix.split("<tfoot>")[1]


def test_every_tagged_provision_appears_on_each_of_its_topic_pages_linked_to_its_place(corpus, pages):
    for policy in corpus.policies:
        for provision in policy.provisions():
            for topic_id in provision.topics:
                page = topic_page(corpus.taxonomy.topic(topic_id))
                link = href(page, page_path(policy), provision.id)
                assert f'href="{link}"' in pages[page], f"{provision.id} is missing from {page}"


def test_topic_page_puts_departments_side_by_side_with_labels_and_policy_names(corpus, pages, guilt_topic):
    html = pages[topic_page(guilt_topic)]
    kansas_city = provision_saying(corpus, "kansas-city-mo", "Make statements about the guilt")
    assert '<section class="compare-column" id="kansas-city-mo"' in html
    assert f">{' '.join(kansas_city.label_path)}</a>" in html  # `IV. B. 7. a.`, the original labels
    assert "Social Media and Networking" in html  # the Kansas City policy's name
    for policy in comparison_of(corpus, guilt_topic, corpus.policies).silent:
        if not policy.is_template:
            assert f">{policy.agency.name}</a>" in html.split("Not addressed by", 1)[1].split("</span>")[0]


def test_template_options_on_a_topic_show_their_alternatives(corpus, pages):
    template = corpus.policy("massachusetts-template")
    provision = next(p for p in template.provisions() if "{{self-identification}}" in p.text)
    assert provision.topics, "the template's self-identification choice is not tagged"
    html = pages[topic_page(corpus.taxonomy.topic(provision.topics[0]))]
    column = html.split('id="massachusetts-template"', 1)[1].split("</section>", 1)[0]
    assert "[MAY OR SHALL NOT]" in column
    alternatives = re.search(r'<ul class="template-alternatives">(.*?)</ul>', column.split("[MAY OR SHALL NOT]", 1)[1])
    assert re.findall(r"<li>(.*?)</li>", alternatives.group(1)) == ["may", "shall not"]


def test_a_topic_page_shows_each_departments_answer_to_the_topics_questions_above_the_text(corpus, pages):
    topic = corpus.taxonomy.topic("logos-uniforms-insignia")
    html = pages[topic_page(topic)]
    assert html.index('id="questions"') < html.index('id="side-by-side"')
    table = re.search(r'<table class="topic-questions">.*?</table>', html, re.DOTALL).group(0)
    questions = [q for q in corpus.questions if topic.id in q.topics]
    assert re.findall(r'<tr data-question="([^"]*)"', table) == [q.id for q in questions] != []
    row = re.search(r'<tr data-question="logo-display">(.*?)</tr>', table).group(1)
    for decision in corpus.decisions("logo-display"):
        link = href(topic_page(topic), page_path(decision.policy), decision.provision.id)
        assert f'<a href="{link}"' in row and f'data-answer="{decision.wording}"' in row
    assert "Only with approval 3; Cautioned against 1; not addressed 0" in row
    assert "Choice: Allowed / Prohibited" in row  # the template leaves it to the agency


# --- Differences ----------------------------------------------------------------------------------


def test_guilt_or_innocence_wording_diff_marks_the_words_each_department_has_alone(corpus):
    kansas_city = provision_saying(corpus, "kansas-city-mo", "Make statements about the guilt")
    st_joseph = provision_saying(corpus, "st-joseph-mo", "Refrain from making statements about the guilt")
    changes, similarity = diff_words(
        provision_wording(corpus.policy("kansas-city-mo"), kansas_city),
        provision_wording(corpus.policy("st-joseph-mo"), st_joseph),
    )
    deleted = " ".join(c.text for c in changes if c.kind == "delete")
    inserted = " ".join(c.text for c in changes if c.kind == "insert")
    common = "".join(c.text for c in changes if c.kind == "equal")
    assert inserted.split() == ["Refrain", "from", "making"]
    assert re.findall(r"\w+", deleted) == ["Make", "any", "internal", "investigations", "or", "litigation"]
    assert (
        "statements about the guilt or innocence of any suspect or arrestee, or comments concerning pending prosecutions"
        in common
    )
    assert 0.5 < similarity < 1


def test_rendered_pair_diff_uses_ins_and_del_and_shows_the_similarity(corpus, pages, guilt_topic):
    html = pages[topic_page(guilt_topic)]
    section = re.search(r'<section class="pair-diff" id="diff-kansas-city-mo--st-joseph-mo".*?</section>', html).group(
        0
    )
    assert "<del>Make</del> <ins>Refrain from making</ins> statements about the guilt" in section
    comparison = comparison_of(corpus, guilt_topic, corpus.policies)
    diff = pair_diff(comparison.stance("kansas-city-mo"), comparison.stance("st-joseph-mo"))
    assert f'<strong class="similarity-figure">{round(diff.similarity * 100)}%</strong>' in section
    assert "Struck through</del>: only in Kansas City Missouri Police Department" in section


def test_departments_from_one_model_policy_read_more_alike_than_unrelated_ones(corpus):
    shared = [
        c
        for c in compare_topics(corpus)
        if all(c.stance(slug) for slug in DEPARTMENTS_OF_ONE_MODEL + UNRELATED_DEPARTMENTS)
    ]
    assert shared, "no topic is addressed by all four departments"

    def similarity(comparison, slugs):
        return pair_diff(*(comparison.stance(slug) for slug in slugs)).similarity

    assert mean(similarity(c, DEPARTMENTS_OF_ONE_MODEL) for c in shared) > mean(
        similarity(c, UNRELATED_DEPARTMENTS) for c in shared
    )
    devices = corpus.taxonomy.topic(
        provision_saying(corpus, "st-joseph-mo", "Using personally owned devices").topics[0]
    )
    on_devices = comparison_of(corpus, devices, corpus.policies)
    assert similarity(on_devices, DEPARTMENTS_OF_ONE_MODEL) > similarity(on_devices, UNRELATED_DEPARTMENTS)


def test_diff_keeps_the_text_of_both_sides_exactly():
    left, right = "Members shall not post photos.\nReport it.", "Employees shall not post any photos.\nReport it now."
    changes, _ = diff_words(left, right)
    assert "".join(c.text for c in changes if c.kind != "insert") == left
    assert "".join(c.text for c in changes if c.kind != "delete") == right


# --- Compare search data ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def search_files(corpus):
    return search_pages(corpus, None)


def assigned(script: str, target: str):
    """The JSON value a data script assigns to `self.<target>`, or adds to it (`Object.assign`)."""
    for prefix in (f"self.{target} = Object.assign(self.{target} || {{}}, ", f"self.{target} = "):
        if script.startswith(prefix):
            return json.loads(script[len(prefix) :].rstrip().rstrip(";").removesuffix(")"))
    raise AssertionError(f"the script does not assign {target}: {script[:80]}")


def test_search_index_is_split_into_scripts_that_find_provisions(corpus, search_files):
    data = assigned(search_files[INDEX], INDEX_GLOBAL)
    part = assigned(search_files[f"{PARTS}/und.js"], PARTS_GLOBAL)["und"]  # the words beginning "und"
    found, number = set(), 0
    for delta in part["undercover"][1]:
        number += delta
        found.add(number)
    numbered = [(p, i) for p in data["policies"] for i in range(p["count"])]
    texts = {}
    for script in {p["texts"] for p in data["policies"]}:  # the texts of several policies to a script
        texts.update(assigned(search_files[script], TEXTS_GLOBAL))
    found_addresses = {texts[policy["slug"]][i][3] for policy, i in (numbered[n] for n in found if n < len(numbered))}
    undercover = {
        f"policies/{policy.slug}.html#{p.id}"
        for policy in corpus.policies
        for p in policy.provisions()
        if re.search(r"\bundercover\b", provision_wording(policy, p), re.IGNORECASE)
    }
    assert undercover and undercover == found_addresses
    raymore = provision_saying(corpus, "raymore-mo", "Officers who are working in undercover operations")
    n = next(n for n, (policy, i) in enumerate(numbered) if texts[policy["slug"]][i][3].endswith("#" + raymore.id))
    policy, i = numbered[n]
    assert policy["slug"] == "raymore-mo"
    topics = assigned(search_files[TOPICS], TOPICS_GLOBAL)
    assert [topics["topics"][t]["id"] for t in topics["provisionTopics"][n]] == raymore.topics
    assert texts["raymore-mo"][i][3] == f"policies/raymore-mo.html#{raymore.id}"
    assert "Officers who are working in undercover operations" in texts["raymore-mo"][i][2]


def test_lunr_js_is_copied_from_the_installed_mkdocs_package(search_files):
    shipped = (importlib.resources.files("mkdocs") / "contrib/search/templates/search/lunr.js").read_bytes()
    assert search_files[LUNR_SCRIPT] == shipped
    assert b"2.3.9" in shipped[:200]
