"""Drafting from the template: answers checked, the policy rendered with them, and `handbook draft`."""

import copy
import dataclasses
import html
import io
import json
import re

import pytest
import yaml

from generator.cli import main
from generator.document import answered, label_for, label_variants, lines, option_places, template_document
from generator.features.draft.drafting import read_answers, render_answers
from generator.features.draft.render import PRECEDENT_QUOTES, document_html, render_draft, template_of
from generator.render.html import plain_text

from .conftest import ROOT, read_page

EXAMPLE = ROOT / "source" / "answers" / "example-answers.yml"
ALL_ANSWERS_HEADER = "template: massachusetts-template\nversion: 1\nanswers:\n"


@pytest.fixture(scope="module")
def template(corpus):
    return template_of(corpus)


@pytest.fixture(scope="module")
def example(template):
    answers, problems, _ = read_answers(EXAMPLE, template)
    assert problems == []
    return answers


def provision(template, provision_id):
    return next(p for p in template.provisions() if p.id == provision_id)


def write(tmp_path, text, name="answers.yml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --- Numbering when optional items are left out -----------------------------------------------------


def test_items_after_a_left_out_optional_item_take_the_labels_before_them(template):
    item_b = provision(template, "massachusetts-template.iv.c.7.b")  # optional a. comes before it
    assert label_variants(template, item_b) == {"": "b.", "refer-to-self-item": "a."}
    item_d = provision(template, "massachusetts-template.iv.c.7.d")  # optional a. and c. come before it
    assert label_for(template, item_d, {"refer-to-self-item", "rank-title-item"}) == "b."
    assert label_for(template, item_d, set()) == "d."
    section_9 = provision(template, "massachusetts-template.iv.c.9")  # optional sections 5. and 6. before it
    assert label_for(template, section_9, {"display-of-property-section", "self-identification-section"}) == "7."


def test_the_option_used_in_five_places_lists_them(template):
    places = [p.id for p in option_places(template)["authorizing-official"]]
    assert places == [
        "massachusetts-template.iv.a.1",
        "massachusetts-template.iv.a.4.e.1",
        "massachusetts-template.iv.b.1.a",
        "massachusetts-template.iv.b.3.a",
        "massachusetts-template.iv.c.7",
    ]


# --- The drafted text --------------------------------------------------------------------------------


def test_example_answers_fill_every_kind_of_option(template, example):
    text = render_answers(template, example, "md")
    assert "Policy & Procedure No. 4.12" in text
    assert "Issue date: January 6, 2025" in text
    # fill-in used in five places, with a different answer in one of them
    assert "unless authorized by the Chief of Police." in text
    assert (
        "The use of false identities for investigative purposes must be authorized by the Investigations Commander."
        in text
    )
    assert "in the opinion of the Chief of Police or the Deputy Chief of Police, is not in compliance" in text
    # choices, including one whose alternative asks for typed text
    assert "Such images may be posted if authorized by the Chief of Police." in text
    assert "uniforms or other insignia affiliated with this department is prohibited." in text
    assert (
        "past and present and not within the public domain is authorized under the following conditions: "
        "with the written approval of the Investigations Commander."
    ) in text
    assert "**a.** Employees shall not identify themselves as department employees" in text
    # optional items left out, and the remaining ones renumbered
    assert "References to oneself as a department employee" not in text
    assert "**a.** Identifying other employees as members of this department;" in text
    assert "**c.** Photos, video, or other depictions of employees in uniform." in text
    assert "Identifying oneself as a department employee." not in text
    assert "**a.** Profanity;" in text
    assert "[" not in text.replace("[^", "")  # no placeholder left


def test_unanswered_options_stay_visible_placeholders(template):
    text = render_answers(template, {}, "md")
    assert "reproductions of the \\[CITY/TOWN\\] or police department" in text
    assert "is \\[AUTHORIZED/PROHIBITED\\]." in text
    assert "#### 5. \\[OPTIONAL\\] Display of Department Information and Property:" in text


def test_typed_text_is_escaped_in_html_and_markdown(template, example):
    answers = dict(example)
    answers["city-town"] = dataclasses.replace(example["city-town"], text="<script>alert(1)</script> *Town*")
    html = render_answers(template, answers, "html")
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; *Town*" in html
    assert "\\<script\\>alert(1)\\</script\\> \\*Town\\*" in render_answers(template, answers, "md")


def test_the_page_holds_every_variant_hidden_and_the_answers_none(template):
    html = document_html(template)
    assert html.count('data-alternative="may-if-authorized" hidden') == 1
    assert 'data-optional="refer-to-self-item"' in html
    assert 'data-renumber-by="refer-to-self-item"' in html
    # the walkers' markup is gone: Markdown and Word are written from the structure
    assert "data-md" not in html and "data-docx" not in html and "data-run" not in html
    # with no answers, every option is a blank (the text `--allow-blank` writes with none)
    blanks = [
        p.text for line in lines(answered(template_document(template), {})) for p in line.pieces if "blank" in p.marks
    ]
    assert "[CITY/TOWN]" in blanks and "[OPTIONAL] " in blanks


def precedents_of(page: str, option_id: str) -> dict[str, dict[str, list[tuple[str, str, str]]]]:
    """The "How others decided" of an option: question id → answer → (department, link, quote) listed."""
    fieldset = re.search(rf'<fieldset[^>]*data-option="{option_id}".*?</fieldset>', page, re.DOTALL).group(0)
    details = re.search(r'<details class="draft-precedents">.*?</details>', fieldset, re.DOTALL).group(0)
    found: dict[str, dict[str, list[tuple[str, str, str]]]] = {}
    for question, section in re.findall(r'<section data-question="([^"]*)">(.*?)</section>', details, re.DOTALL):
        groups = found.setdefault(question, {})
        for answer, group in re.findall(r'<div data-answer="([^"]*)">(.*?)</div>', section, re.DOTALL):
            groups[html.unescape(answer)] = [
                (html.unescape(name), html.unescape(link), html.unescape(quote))
                for link, name, quote in re.findall(
                    r'<li><a href="([^"]*)">([^<]*), [^<]*</a>: <q>(.*?)</q></li>', group
                )
            ]
    return found


def decided(corpus, question_id: str) -> dict[str, list[tuple[str, str, str]]]:
    """The codebook's decisions on a question, as `precedents_of` reads them from a page."""
    groups: dict[str, list[tuple[str, str, str]]] = {}
    for d in corpus.decisions(question_id):
        groups.setdefault(d.wording, []).append((d.policy.agency.name, d.permalink, plain_text(d.policy, d.quote)))
    return groups


def test_the_draft_page_groups_the_departments_by_their_answer_on_logo_display_as_the_codebook_has_them(corpus, site):
    page = read_page(site, "draft.html")
    expected = decided(corpus, "logo-display")
    assert sum(map(len, expected.values())) == 4 <= PRECEDENT_QUOTES  # every department listed, none only counted
    assert precedents_of(page, "logo-display") == {"logo-display": expected}
    # whole sentences, not cut off; the count said is the count listed; the links lead to the provisions
    assert all(quote.endswith(".") and "…" not in quote for group in expected.values() for _, _, quote in group)
    assert "<strong>Only with approval</strong> (3 departments)" in page
    for group in expected.values():
        for _, link, _ in group:
            target, anchor = link.split("#")
            assert f'id="{anchor}"' in read_page(site, target)


def test_a_fill_in_shows_the_departments_own_answers(corpus):
    page = render_draft(corpus, None)["draft.md"].body
    answers = precedents_of(page, "authorizing-official")["authorizing-official"]
    assert "Chief of Police or designee" in answers
    assert answers == {w: g for w, g in decided(corpus, "authorizing-official").items() if w in answers}


def test_where_no_department_answers_the_page_says_so_and_links_the_topic_comparison(corpus):
    assert corpus.decisions("property-display") == []
    page = render_draft(corpus, None)["draft.md"].body
    fieldset = re.search(r'<fieldset[^>]*data-option="property-display".*?</fieldset>', page, re.DOTALL).group(0)
    assert "No department answers it yet." in fieldset
    assert 'href="compare/topics/work-photos.html"' in fieldset


def test_many_departments_giving_one_answer_are_counted_and_a_few_quoted(corpus):
    corpus = copy.deepcopy(corpus)
    model = corpus.decisions("logo-display")[0].policy
    for n in range(30):
        twin = copy.deepcopy(model)
        twin.slug = f"{model.slug}-{n}"
        corpus.policies.append(twin)
    vars(corpus).pop("_decisions", None)
    page = render_draft(corpus, None)["draft.md"].body
    groups = precedents_of(page, "logo-display")["logo-display"]
    assert sum(map(len, groups.values())) <= PRECEDENT_QUOTES
    assert "<strong>Only with approval</strong> (33 departments, " in page
    assert 'href="decisions/index.html"' in page


# --- Bad answers files ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content, message",
    [
        ("template: [unclosed\n", "YAML syntax error"),
        ("- just\n- a list\n", "expected a mapping with template, version and answers"),
        ("template: raymore-mo\nversion: 1\nanswers: {}\n", 'this answers file is for the template "raymore-mo"'),
        ("template: massachusetts-template\nversion: 7\nanswers: {}\n", '"7" is not supported (expected one of: 1)'),
        (ALL_ANSWERS_HEADER + "  colour-of-badge: blue\n", 'unknown option id "colour-of-badge"'),
        (
            ALL_ANSWERS_HEADER + "  logo-display: maybe\n",
            '"maybe" is not an alternative (expected one of: authorized, prohibited)',
        ),
        (ALL_ANSWERS_HEADER + "  issue-date: 2025-02-30\n", '"2025-02-30" is not a date'),
        (ALL_ANSWERS_HEADER + "  controlled-images: may-if-authorized\n", "needs input: Who may authorize posting"),
        (ALL_ANSWERS_HEADER + "  rank-title-item: yes\n", '"yes" is not valid (expected include or omit)'),
        (ALL_ANSWERS_HEADER + "  city-town:\n", 'expected text ("" to leave it empty), got nothing'),
        (
            ALL_ANSWERS_HEADER + "  logo-display: {choice: prohibited, colour: red}\n",
            'answers.logo-display.colour: unknown key "colour" (expected choice and input)',
        ),
        (
            ALL_ANSWERS_HEADER + "  city-town: {text: Millbrook, place: x}\n",
            'answers.city-town.place: unknown key "place" (expected text and places)',
        ),
    ],
)
def test_bad_answers_files_are_refused_with_a_message(template, tmp_path, content, message):
    _, problems, _ = read_answers(write(tmp_path, content), template)
    assert any(message in str(p) for p in problems), problems


@pytest.mark.parametrize(
    "written, message",
    [
        ("2025-01-06 12:00:00", '"2025-01-06 12:00:00" is not a date (expected a date YYYY-MM-DD'),
        ("'20250106'", '"20250106" is not a date (expected a date YYYY-MM-DD'),
        ("2025-W02-1", '"2025-W02-1" is not a date (expected a date YYYY-MM-DD'),
        ("2202-07-01", '"2202-07-01" is not a plausible date (expected a date from 1900-01-01 to 2099-12-31)'),
        ("{text: '2025-01-06', places: {dates.issued: 1899-12-31}}", "answers.issue-date.places.dates.issued:"),
    ],
)
def test_a_date_answer_follows_the_one_date_rule(template, tmp_path, written, message):
    """Only YYYY-MM-DD, a real day in the plausible range: what the page accepts (it gets the rule as data)."""
    _, problems, _ = read_answers(write(tmp_path, f"{ALL_ANSWERS_HEADER}  issue-date: {written}\n"), template)
    assert len(problems) == 1 and message in str(problems[0]), problems


def test_the_page_receives_the_date_rule_as_data(template):
    from generator.features.draft.render import _page_data
    from generator.schema import DATES

    data = json.loads(re.search(r">(.*)</script>", _page_data(template, option_places(template))).group(1))
    assert data["date"] == DATES.as_data()
    assert {k: data["date"][k] for k in ("pattern", "earliest", "latest", "written", "shownAs")} == {
        "pattern": r"\d{4}-\d{2}-\d{2}",
        "earliest": "1900-01-01",
        "latest": "2099-12-31",
        "written": "YYYY-MM-DD",
        "shownAs": "{month} {day}, {year}",
    }
    js = (ROOT / "overrides" / "assets" / "javascripts" / "draft.js").read_text(encoding="utf-8")
    assert "\\d{4}" not in js  # the page does not restate the rule


# --- The command ----------------------------------------------------------------------------------------


def test_cli_lists_every_missing_and_invalid_answer_and_writes_nothing(tmp_path, capsys):
    answers = write(tmp_path, ALL_ANSWERS_HEADER + "  logo-display: maybe\n  city-town: Millbrook\n")
    output = tmp_path / "policy.md"
    assert main(["draft", "--answers", str(answers), "--output", str(output)]) == 1
    err = capsys.readouterr().err
    assert 'answers.logo-display: "maybe" is not an alternative' in err
    assert "answers.policy-number: no answer (expected text" in err
    assert "answers.refer-to-self-item: no answer (expected include or omit" in err
    assert "answers.city-town" not in err
    assert "18 problem(s) found; nothing was written." in err
    assert not output.exists()


@pytest.mark.parametrize("answers", ["answers:\n  - city-town: Millbrook\n", "answers: Millbrook\n"])
def test_cli_an_answers_list_is_one_problem_not_one_per_option(tmp_path, capsys, answers):
    path = write(tmp_path, "template: massachusetts-template\nversion: 1\n" + answers)
    assert main(["draft", "--answers", str(path)]) == 1
    err = capsys.readouterr().err
    assert "answers: expected a mapping" in err and "no answer" not in err
    assert "1 problem(s) found; nothing was written." in err


def test_cli_an_answers_file_for_another_template_is_one_problem(tmp_path, capsys):
    path = write(tmp_path, "template: raymore-mo\nversion: 1\nanswers: {}\n")
    assert main(["draft", "--answers", str(path)]) == 1
    assert "1 problem(s) found; nothing was written." in capsys.readouterr().err


def test_cli_allow_blank_writes_placeholders(tmp_path):
    answers = write(tmp_path, ALL_ANSWERS_HEADER + "  city-town: Millbrook\n")
    output = tmp_path / "policy.md"
    assert main(["draft", "--answers", str(answers), "--allow-blank", "--output", str(output)]) == 0
    text = output.read_text(encoding="utf-8")
    assert "reproductions of the Millbrook or police department" in text
    assert "unless authorized by \\[IDENTIFY – CHIEF, OTHER OFFICIAL, ETC\\]." in text


def test_cli_writes_a_standalone_html_file(tmp_path):
    output = tmp_path / "policy.html"
    assert main(["draft", "--answers", str(EXAMPLE), "--format", "html", "--output", str(output)]) == 0
    html = output.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "<style>" in html
    assert " hidden" not in html and "<script" not in html and "http" not in html
    assert "Such images may be posted if authorized by the Chief of Police." in re.sub(r"<[^>]+>", "", html)


def test_cli_docx_keeps_headings_outline_alternatives_and_footnotes(tmp_path):
    import docx

    output = tmp_path / "policy.docx"
    assert main(["draft", "--answers", str(EXAMPLE), "--format", "docx", "--output", str(output)]) == 0
    document = docx.Document(io.BytesIO(output.read_bytes()))
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    assert ("Title", "Social Media") in paragraphs
    assert ("Heading 1", "I. GENERAL CONSIDERATIONS AND GUIDELINES") in paragraphs
    assert ("Heading 2", "C. Personal Social Media") in paragraphs
    assert ("Heading 3", "5. Display of Department Information and Property:") in paragraphs
    texts = [text for _, text in paragraphs]
    assert "a. Identifying other employees as members of this department;" in texts
    assert not any("References to oneself as a department employee" in t for t in texts)
    assert any(t.endswith("is prohibited.") and "logo's, seals" in t for t in texts)
    item = next(p for p in document.paragraphs if p.text.startswith("a. Identifying other employees"))
    assert item.runs[0].bold and item.paragraph_format.left_indent > 0  # label bold, indented by depth
    footnote = next(p for p in document.paragraphs if p.text.startswith("1 4.0 of the department"))
    assert footnote.runs[0].font.superscript


def test_cli_refuses_docx_on_the_terminal(capsys):
    assert main(["draft", "--answers", str(EXAMPLE), "--format", "docx"]) == 2
    assert "give --output FILE" in capsys.readouterr().err


def test_the_example_answers_file_answers_every_option(template):
    answers, problems, _ = read_answers(EXAMPLE, template)
    assert problems == [] and set(answers) == {o.id for o in template.options}


# --- A drafted policy joins the handbook (handbook adopt) -----------------------------------------------


def answer_text(answers_file, option_id: str) -> str:
    """The words an answers file gives a fill-in (its `text`, or the answer itself)."""
    value = yaml.safe_load(answers_file.read_text(encoding="utf-8"))["answers"][option_id]
    return " ".join((value["text"] if isinstance(value, dict) else value).split())


def test_adopt_writes_a_policy_that_passes_check_and_joins_home_compare_and_glossary(project):
    from generator import fidelity
    from generator.load import load_corpus

    from .conftest import read_page, run_handbook

    answers = write(project, EXAMPLE.read_text(encoding="utf-8"), "answers.yml")
    adopted = run_handbook(project, "adopt", "--answers", str(answers), "--agency", "Millbrook Police Department")
    assert adopted.returncode == 0, adopted.stderr
    policy_file = project / "source" / "policies" / "millbrook-police-department.yml"
    text = policy_file.read_text(encoding="utf-8")
    assert "kind: policy" in text and "drafted from the Massachusetts model policy" in text
    assert "{{" not in text.replace("{{footnote:", "")  # every option answered, none left
    checked = run_handbook(project, "check")
    assert checked.returncode == 0 and "warning" not in checked.stderr, checked.stderr

    corpus = load_corpus(project / "source")
    policy = corpus.policy("millbrook-police-department")
    template = template_of(corpus)
    assert policy.provenance.endswith("answers file answers.yml")
    # its provisions' topics are the template's, relettered where optional items are left out
    by_path = {tuple(p.label_path): p for p in policy.provisions()}
    assert by_path[("IV.", "C.", "6.", "a.")].topics == provision(template, "massachusetts-template.iv.c.6.a").topics
    assert "References to oneself" not in text
    result = fidelity.check_file(policy, project / "source" / "originals")
    assert result.ok, result.message
    # its answers to the codebook come from the answers file: `logo-display: prohibited` answers the
    # question of the same name, on the provision that holds the choice, as the template's does
    logo = corpus.decision(policy, "logo-display")
    assert logo is not None and logo.answer == "prohibited"
    offered = next(t for t in corpus.template_answers("logo-display") if t.policy is template)
    assert logo.provision.label_path == offered.provision.label_path
    authorizer = corpus.decision(policy, "authorizing-official")
    assert authorizer is not None and authorizer.answer == answer_text(EXAMPLE, "authorizing-official")

    built = run_handbook(project, "build")
    assert built.returncode == 0, built.stderr
    site = project / "site"
    assert "Millbrook Police Department" in read_page(site, "index.html")
    assert "Millbrook Police Department" in read_page(site, "compare/index.html")  # the coverage matrix
    assert "millbrook-police-department" in read_page(site, "glossary.html")
    assert (site / "policies" / "millbrook-police-department.html").exists()

    again = run_handbook(project, "adopt", "--answers", str(answers), "--agency", "Millbrook Police Department")
    assert again.returncode == 1 and "exists; give --force to overwrite it" in again.stderr


def test_adopt_refuses_what_draft_refuses_and_writes_nothing(project):
    from .conftest import run_handbook

    answers = write(project, ALL_ANSWERS_HEADER + "  logo-display: maybe\n", "answers.yml")
    result = run_handbook(project, "adopt", "--answers", str(answers), "--agency", "Millbrook Police Department")
    assert result.returncode == 1
    assert '"maybe" is not an alternative' in result.stderr and "no answer" in result.stderr
    assert not (project / "source" / "policies" / "millbrook-police-department.yml").exists()
    assert not (project / "source" / "originals" / "millbrook-police-department.txt").exists()
    nameless = run_handbook(project, "adopt", "--answers", str(EXAMPLE))
    assert nameless.returncode == 1 and "give the agency's name" in nameless.stderr


# Texts that could read as YAML's syntax or another type, or that YAML holds only escaped.
TRICKY_TEXTS = [
    "",
    "yes",
    "No",
    "null",
    "~",
    "1.",
    "2025-01-06",
    "- item",
    "a: b",
    "a #b",
    "ends with:",
    "#hash",
    "[list]",
    "{map}",
    "'quoted'",
    '"double"',
    " leading",
    "trailing ",
    "two  spaces " * 12,
    "a\n\nb",
    "\nfirst line empty",
    "last line empty\n",
    "a\n indented",
    "tab\there",
    " ".join(["Town of \"Millbrook\": #1 'North' <b> \U0001f693"] * 6),
    "x" * 150,
    "@at, `tick`, |pipe, >fold, %percent, &anchor, *alias, !tag, ?key",
]


def test_the_policy_file_writer_gives_back_every_text_and_character_it_writes():
    from generator.writers.policy_file import policy_file
    from generator.yaml_source import _Loader

    every_character = {f"u{code:04x}": f"a{chr(code)}b" for code in range(0x10000) if not 0xD800 <= code <= 0xDFFF}
    values = {
        "schema": 1,
        "comparable": False,
        "texts": TRICKY_TEXTS,
        "nested": [{"label": text, "children": [{"text": text}]} for text in TRICKY_TEXTS],
        "keys": {text: text for text in TRICKY_TEXTS if text},
        "characters": every_character,
        "alone": [chr(code) for code in range(0x3000) if not 0xD800 <= code <= 0xDFFF],
    }
    written = policy_file(values, "a comment\nkind: template\u2028#")
    assert yaml.load(written, Loader=_Loader) == values  # the comment stays one line, the values come back
    assert written.startswith("# a comment kind: template #\nschema: 1\n")
    assert "label: yes" not in written and "text: >-" in written and "text: |-" in written


def test_leaving_out_a_section_drops_its_questions_from_handbook_draft(template, tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        "display-of-property-section: include", "display-of-property-section: omit"
    )
    text = "\n".join(line for line in text.splitlines() if not line.strip().startswith("logo-display"))
    path = write(tmp_path, text + "\n")
    assert main(["draft", "--answers", str(path), "--output", str(tmp_path / "out.md")]) == 0
    assert "Display of Department Information" not in (tmp_path / "out.md").read_text(encoding="utf-8")


def test_the_structure_says_which_optional_part_holds_each_option(template):
    from generator.document import options_within

    within = options_within(template_document(template))
    assert within["logo-display"] == ["display-of-property-section"]
    assert within["self-identification"] == ["self-identification-section"]
    assert "city-town" not in within  # it stands outside the optional parts too
    assert "refer-to-self-item" not in within  # an optional item's own marker is not inside itself


# --- Any template, not only the Massachusetts one --------------------------------------------------------

SECOND_TEMPLATE = """schema: 1
slug: state-association-template
kind: template
agency:
  name: State Chiefs Association model policy
document:
  title: Body-Worn Cameras
original: state-association-template.txt
body:
  - label: "1."
    heading: Purpose
    text: "Officers of the {{agency-name}} shall record {{recording-scope}}."
    topics: [conduct-standards]
  - label: "2."
    heading: Review
    option: review-section
    text: "Recordings are reviewed by the {{reviewer}}."
    topics: [conduct-standards]
  - label: "3."
    heading: Retention
    text: Recordings are kept as the law requires.
    topics: [conduct-standards]
options:
  - id: agency-name
    kind: fill-in
    bracket: "[AGENCY]"
    label: What is the agency's name?
  - id: recording-scope
    kind: choice
    bracket: "[ALL/ENFORCEMENT]"
    label: Which contacts are recorded?
    alternatives:
      - id: all
        text: every contact with the public
      - id: enforcement
        text: enforcement contacts
  - id: review-section
    kind: optional
    bracket: "[OPTIONAL]"
    label: Include the section on review?
  - id: reviewer
    kind: fill-in
    bracket: "[REVIEWER]"
    label: Who reviews recordings?
"""


def add_second_template(project):
    (project / "source" / "policies" / "state-association-template.yml").write_text(SECOND_TEMPLATE, encoding="utf-8")
    (project / "source" / "originals" / "state-association-template.txt").write_text(
        "1. Purpose Officers of the [AGENCY] shall record [ALL/ENFORCEMENT].\n"
        "2. [OPTIONAL] Review Recordings are reviewed by the [REVIEWER].\n"
        "3. Retention Recordings are kept as the law requires.\n",
        encoding="utf-8",
    )


def test_a_second_template_gives_a_second_drafting_page_and_drafts_from_the_command_line(project):
    from .conftest import read_page, run_handbook

    add_second_template(project)
    built = run_handbook(project, "build")
    assert built.returncode == 0, built.stderr
    site = project / "site"
    second = read_page(site, "draft-state-association-template.html")
    assert 'data-template="state-association-template"' in second and "Which contacts are recorded?" in second
    assert "draft-state-association-template-document.js" in second
    assert 'href="draft-state-association-template.html"' in read_page(site, "draft.html")
    assert 'data-template="massachusetts-template"' in read_page(site, "draft.html")

    answers = write(
        project,
        "template: state-association-template\nversion: 1\nanswers:\n"
        "  agency-name: Millbrook Police Department\n  recording-scope: all\n  review-section: omit\n",
    )
    drafted = run_handbook(project, "draft", "--answers", str(answers))
    assert drafted.returncode == 0, drafted.stderr
    assert "Officers of the Millbrook Police Department shall record every contact with the public." in drafted.stdout
    assert "Review" not in drafted.stdout and "**2.** " not in drafted.stdout and "2. Retention" in drafted.stdout
