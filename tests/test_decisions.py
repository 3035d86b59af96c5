"""The codebook and the decisions: coded answers checked at file:line, the matrix of who chose what on the
built site (answers in words, linked to their provisions, the deciding sentences), the filters in Chromium
from disk, and the open data written by the build and by `handbook export`."""

from __future__ import annotations

import csv
import html
import io
import re
from pathlib import Path

import pytest

from .conftest import SOURCE, read_page, run_handbook
from .test_check import problems, run_check

KC = "kansas-city-mo"
KC_LOGOS = "kansas-city-mo.iv.c.1.f"
KC_LOGOS_QUOTE = "Department artwork and/or logos unless approval is granted through the chain of command."


def test_the_codebook_has_a_question_for_every_template_choice_and_optional_part(corpus):
    assert len(corpus.questions) >= 25
    template = corpus.policy("massachusetts-template")
    tied = {q.option for q in corpus.questions}
    assert {o.id for o in template.options if o.kind in ("choice", "optional")} <= tied
    logo = corpus.question("logo-display")
    assert logo.option == "logo-display" and logo.alternatives == {
        "authorized": "authorized",
        "prohibited": "prohibited",
    }
    (offered,) = corpus.template_answers("logo-display")
    assert offered.provision.id == "massachusetts-template.iv.c.5.a"
    assert [(alt, choice.id) for alt, _, choice in offered.alternatives] == [
        ("authorized", "authorized"),
        ("prohibited", "prohibited"),
    ]


def test_every_department_is_coded_in_its_own_words(corpus):
    for policy in corpus.departments:
        decisions = corpus.decisions_of(policy)
        assert len(decisions) >= 15, policy.slug
        for decision in decisions:
            assert decision.quote in decision.provision.text, (policy.slug, decision.question.id)
    kc = corpus.decision(corpus.policy(KC), "logo-display")
    assert (kc.answer, kc.wording, kc.provision.id, kc.quote) == (
        "with-approval",
        "Only with approval",
        KC_LOGOS,
        KC_LOGOS_QUOTE,
    )
    assert kc.lead_in[0].startswith("When engaging in personal use of social media, members shall not post")
    fills = {d.policy.slug: d.answer for d in corpus.decisions("authorizing-official")}
    assert fills[KC] == "Chief of Police or designee" and len(fills) == len(corpus.departments)
    # silent is not "no": Raymore says nothing on self-identification
    assert corpus.decision(corpus.policy("raymore-mo"), "self-identification") is None


def _code(project: Path, answers: str) -> Path:
    """Kansas City's IV.D (discipline) coded with `answers` instead of its own."""
    path = project / "source" / "policies" / f"{KC}.yml"
    text = path.read_text(encoding="utf-8")
    old = '        answers:\n          discipline: "up-to-termination"\n'
    assert old in text
    path.write_text(text.replace(old, "        answers:\n          " + answers + "\n"), encoding="utf-8")
    return path


def _line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        (
            "discipline-policy: up-to-termination",
            "unknown question 'discipline-policy' (expected an id from source/questions.yml)",
        ),
        (
            "discipline: fired",
            "'fired' is not an answer of discipline (expected one of: up-to-termination, discipline-unspecified)",
        ),
        (
            "discipline: {answer: up-to-termination, quote: Members may be fired.}",
            "the quote is not words of the provision's text",
        ),
    ],
)
def test_a_coded_answer_the_codebook_does_not_have_fails_the_check_at_its_line(project, answers, expected):
    path = _code(project, answers)
    result = run_check(project / "source")
    assert result.returncode == 1
    line = _line_of(path, answers.split(":")[0] + ":")
    found = problems(result)
    assert len(found) == 1, found
    assert re.fullmatch(
        rf"source/policies/{KC}\.yml:{line}:\d+: body\[3\]\.children\[3\]\.answers\.[a-z-]+(\.quote)?: .*", found[0]
    ), found
    assert expected in found[0]


def test_a_question_tied_to_a_missing_option_or_answer_fails_the_check(project):
    path = project / "source" / "questions.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("    option: property-display\n", "    option: property-shown\n", 1)
    text = text.replace("      shall-not: shall-not\n", "      shall-not: never\n", 1)
    path.write_text(text, encoding="utf-8")
    found = problems(run_check(project / "source"))
    assert any(
        f"questions.yml:{_line_of(path, 'option: property-shown')}:" in p
        and "no template has the option 'property-shown'" in p
        for p in found
    ), found
    assert any(
        f"questions.yml:{_line_of(path, 'shall-not: never')}:" in p
        and "'never' is not an answer of controlled-images" in p
        for p in found
    ), found
    assert any("the template option 'property-display'" in p and "has no question" in p for p in found), found


# --- The built site --------------------------------------------------------------------------------------


def _cell(page: str, question: str, column: int) -> str:
    row = re.search(rf'<tr data-question="{question}"[^>]*>(.*?)</tr>', page).group(1)
    return re.findall(r"<td[^>]*>.*?</td>", row)[column]


def test_the_matrix_gives_a_departments_answer_linked_to_its_provision_and_its_words(site):
    page = read_page(site, "decisions/index.html")
    heads = re.findall(r'<th scope="col" data-policy="([^"]+)"', page)
    assert heads[0] == "massachusetts-template" and KC in heads
    cell = _cell(page, "logo-display", heads.index(KC))
    link = re.search(r'href="([^"]+)"[^>]*>([^<]+)</a>', cell)
    assert link.group(2) == "Only with approval"
    assert link.group(1) == f"../policies/{KC}.html#{KC_LOGOS}"
    assert f'id="{KC_LOGOS}"' in read_page(site, f"policies/{KC}.html")
    assert "not addressed" in _cell(page, "self-identification", heads.index("raymore-mo"))
    template = _cell(page, "logo-display", 0)
    assert "Allowed / Prohibited" in template and "#massachusetts-template.iv.c.5.a" in template
    # the sentences that decide it, one click away
    words = read_page(site, "decisions/words/1.html")
    section = re.search(r'<section class="decisions-question" id="words-logo-display".*?</section>', words).group(0)
    kc = next(item for item in re.findall(r"<li.*?</li>", section) if "Kansas City" in item)
    assert f"<q>{KC_LOGOS_QUOTE}</q>" in html.unescape(kc)
    assert f'href="../../policies/{KC}.html#{KC_LOGOS}"' in kc
    assert 'href="words/1.html#words-logo-display"' in page


def test_the_answer_filter_offers_only_the_answers_some_department_gives(site, corpus):
    page = read_page(site, "decisions/index.html")
    select = re.search(r'<select id="decisions-answer".*?</select>', page).group(0)
    offered = [html.unescape(v) for v in re.findall(r'<option value="([^"]+)"', select)]
    cells = {html.unescape(a) for a in re.findall(r'<td class="decision(?:-none)?" data-answer="([^"]+)"', page)}
    assert set(offered) == cells  # the real corpus's departments are all on the first page
    wordings = {c.wording for q in corpus.questions for c in q.answers}
    assert wordings - set(offered), "the codebook has answers no department gives: they are not offered"
    assert offered[-1] == "not addressed"


def test_the_home_page_and_the_codebook_lead_to_the_decisions(site, corpus):
    assert 'href="decisions/index.html"' in read_page(site, "index.html")
    codebook = read_page(site, "decisions/codebook.html")
    for question in corpus.questions:
        assert f'id="q-{question.id}"' in codebook
    assert "Only with approval</strong> (<code>with-approval</code>, 3 of 4 departments)" in codebook


def _rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def test_the_decisions_csv_has_a_row_per_department_and_question_quoting_the_policies(site, corpus):
    rows = _rows(read_page(site, "data/decisions.csv"))
    assert [(r["policy"], r["question"]) for r in rows] == [
        (p.slug, q.id) for p in corpus.departments for q in corpus.questions
    ]
    provisions = {v.id: v for p in corpus.departments for v in p.provisions()}
    answered = [r for r in rows if r["answer"]]
    assert len(answered) >= 80
    for row in answered:
        assert row["quote"] in provisions[row["provision"]].text, row
        assert row["permalink"] == f"policies/{row['policy']}.html#{row['provision']}"
        assert (site / row["permalink"].split("#")[0]).is_file()
    assert all(r["answer_wording"] == "not addressed" and not r["quote"] for r in rows if not r["answer"])
    kc = next(r for r in rows if r["policy"] == KC and r["question"] == "logo-display")
    assert (kc["answer"], kc["provision"], kc["quote"]) == ("with-approval", KC_LOGOS, KC_LOGOS_QUOTE)
    coverage = _rows(read_page(site, "data/coverage.csv"))
    assert len(coverage) == len(corpus.departments) * len(corpus.taxonomy.topics)
    logos = next(r for r in coverage if r["policy"] == KC and r["topic"] == "logos-uniforms-insignia")
    assert logos["provisions"].split() == [KC_LOGOS] and logos["count"] == "1"
    assert 'href="../data/decisions.csv"' in read_page(site, "decisions/index.html")


def test_handbook_export_writes_the_same_files_without_a_build(site, tmp_path):
    result = run_handbook(tmp_path, "export", "--source", str(SOURCE), "--output", "out")
    assert result.returncode == 0, result.stderr
    for name in ("decisions.csv", "coverage.csv", "policies.json", "codebook.json"):
        assert (tmp_path / "out" / name).read_bytes() == (site / "data" / name).read_bytes(), name


# --- In the browser, from disk ---------------------------------------------------------------------------


@pytest.mark.browser
def test_the_matrix_filters_by_answer_and_by_topic(site, offline_page):
    page = offline_page.open(site, "decisions/index.html")
    rows = page.locator(".decisions-matrix tr[data-question]")
    total = rows.count()
    page.select_option("#decisions-answer", "Prohibited")
    shown = page.locator(".decisions-matrix tr[data-question]:visible")
    assert 0 < shown.count() < total
    for i in range(shown.count()):
        row = shown.nth(i)
        assert row.locator("td.decision-match").count() >= 1
        # Said in words, not by colour alone (the style's generated text, read out with the cell).
        shown_before = row.locator("td.decision-match").first.evaluate("c => getComputedStyle(c, '::before').content")
        assert "matches" in shown_before
    undercover = page.locator('tr[data-question="undercover-identifying"] td.decision-match')
    assert undercover.count() == 4  # all four departments prohibit it
    assert "Prohibited" in page.locator("#decisions-status").inner_text()
    page.select_option("#decisions-answer", "")
    page.select_option("#decisions-topic", "logos-uniforms-insignia")
    topics = [rows.nth(i).get_attribute("data-topics") for i in range(total) if rows.nth(i).is_visible()]
    assert topics and all("logos-uniforms-insignia" in t.split() for t in topics)
    page.locator('tr[data-question="logo-display"] td.decision a').first.click()
    page.wait_for_url(re.compile(r"kansas-city-mo\.html#kansas-city-mo\.iv\.c\.1\.f$"))
    assert offline_page.errors == []
