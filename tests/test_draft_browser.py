"""Draft your policy in the browser, from disk with no network: answer, reload, save, start over, load,
refuse bad answers files, download, print; and the same text as `handbook draft` for the same answers."""

import html
import io
import re

import pytest
import yaml
from docx.enum.text import WD_COLOR_INDEX

from generator.features.draft.drafting import read_answers, render_answers
from generator.features.draft.render import template_of

from .test_draft import EXAMPLE

pytestmark = pytest.mark.browser


def preview_text(page) -> str:
    """The words a reader sees in the drafted policy (its shown blocks, without the page's letter-casing)."""
    text = page.evaluate("""() => Array.from(document.querySelectorAll('#draft-document .draft-block'))
        .filter(block => !block.closest('[hidden]'))
        .map(block => { const copy = block.cloneNode(true);
                        copy.querySelectorAll('[hidden]').forEach(e => e.remove());
                        return copy.textContent; }).join(' ')""")
    return " ".join(text.split())


def open_draft(offline_page, site):
    page = offline_page.open(site, "draft.html")
    page.locator("#draft-progress").filter(has_text="answered").wait_for()
    return page


def progress(page) -> tuple[int, ...]:
    """The form's count: answered, asked, and (when any) how many answers are still the template's defaults."""
    return tuple(int(n) for n in re.findall(r"\d+", page.locator("#draft-progress").inner_text()))


def load_file(page, name, content: bytes):
    page.locator("#draft-load").set_input_files({"name": name, "mimeType": "text/yaml", "buffer": content})


def download(page, action):
    with page.expect_download() as info:
        page.locator(f'[data-action="{action}"]').click()
    return info.value


def answer_some_of_each_kind(page):
    page.fill("#draft-city-town", "Town of Millbrook")
    page.fill("#draft-policy-number", "4.12")
    page.fill("#draft-issue-date", "2025-03-04")
    page.check("#draft-logo-display--prohibited")
    page.fill("#draft-controlled-images--may-if-authorized-input", "the Deputy Chief")  # chooses it too
    page.check("#draft-self-identification--shall-not")
    page.check("#draft-refer-to-self-item--omit")
    page.check("#draft-identifying-oneself-item--omit")


def test_answers_of_each_kind_show_in_the_preview_and_survive_a_reload(offline_page, site):
    page = open_draft(offline_page, site)
    assert progress(page) == (8, 19, 8)  # the template's defaults, said to be theirs
    answer_some_of_each_kind(page)
    text = preview_text(page)
    assert "Policy & Procedure No. 4.12 Issue date: March 4, 2025" in text
    assert "reproductions of the Town of Millbrook or police department logo's" in text
    assert "affiliated with this department is prohibited." in text
    assert "Such images may be posted if authorized by the Deputy Chief." in text
    assert "a. Employees shall not identify themselves as department employees" in text
    assert "References to oneself as a department employee" not in text
    assert "a. Identifying other employees as members of this department; b. References to the employee’s" in text
    assert "9. Strongly Discouraged" in text and "a. Profanity;" in text
    assert "[CITY/TOWN]" not in text and "[AUTHORIZED/PROHIBITED]" in text  # property-display still open
    assert progress(page)[:2] == (14, 19)
    assert "May employees display non-public buildings" in page.locator("#draft-unanswered").text_content()

    page.reload()
    page.locator("#draft-progress").filter(has_text="14 of 19").wait_for()
    assert page.input_value("#draft-city-town") == "Town of Millbrook"
    assert page.input_value("#draft-controlled-images--may-if-authorized-input") == "the Deputy Chief"
    assert page.is_checked("#draft-refer-to-self-item--omit")
    assert preview_text(page) == text
    assert offline_page.errors == []


def test_a_different_answer_in_one_place_and_typed_markup_stays_text(offline_page, site):
    page = open_draft(offline_page, site)
    page.locator("#draft-authorizing-official--fieldset summary", has_text="Different answer").click()
    page.fill('[id="draft-authorizing-official--massachusetts-template.iv.b.3.a"]', "the <b>Detective</b> Lieutenant")
    text = preview_text(page)
    assert "must be authorized by the <b>Detective</b> Lieutenant." in text
    assert "site for investigative purposes unless authorized by the Chief of Police." in text
    assert page.locator("#draft-document b").count() == 0


def test_save_start_over_and_load_the_answers_back(offline_page, site, tmp_path):
    page = open_draft(offline_page, site)
    answer_some_of_each_kind(page)
    saved = download(page, "save")
    content = tmp_path / "answers.yml"
    saved.save_as(content)
    data = yaml.safe_load(content.read_text(encoding="utf-8"))
    assert data["template"] == "massachusetts-template" and data["version"] == 1
    assert data["answers"]["controlled-images"] == {"choice": "may-if-authorized", "input": "the Deputy Chief"}
    assert data["answers"]["refer-to-self-item"] == "omit"

    page.once("dialog", lambda dialog: dialog.dismiss())
    page.locator('[data-action="start-over"]').click()
    assert page.input_value("#draft-city-town") == "Town of Millbrook"  # declined: nothing changed
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator('[data-action="start-over"]').click()
    assert page.input_value("#draft-city-town") == ""
    assert progress(page) == (8, 19, 8)
    assert "References to oneself as a department employee" in preview_text(page)

    load_file(page, "answers.yml", content.read_bytes())
    page.locator("#draft-message").filter(has_text="Loaded").wait_for()
    assert page.input_value("#draft-city-town") == "Town of Millbrook"
    assert "Such images may be posted if authorized by the Deputy Chief." in preview_text(page)


HEADER = "template: massachusetts-template\nversion: 1\n"
# Answers files `handbook draft` and the page both refuse, each for every reason the checker knows.
BAD_ANSWERS_FILES = [
    "- a list\n- of things\n",
    "template: raymore-mo\nversion: 1\nanswers: {}\n",
    "template: massachusetts-template\nversion: 3\nanswers: {}\n",
    "template: massachusetts-template\nversion: 1.0\nanswers: {}\n",
    "version: 1\nanswers: {}\nextra: yes\n",
    HEADER + "answers:\n",
    HEADER + "answers:\n  - city-town: Millbrook\n",
    HEADER + "answers:\n  badge-colour: blue\n  logo-display: maybe\n",
    HEADER + "answers:\n  issue-date: next week\n",
    HEADER + "answers:\n  issue-date: 2025-01-06 12:00:00\n",
    HEADER + "answers:\n  issue-date: '20250106'\n",
    HEADER + "answers:\n  issue-date: 2202-07-01\n",
    HEADER + "answers:\n  issue-date: {text: '2025-01-06', places: {dates.issued: 1899-12-31}}\n",
    HEADER + "answers:\n  controlled-images: may-if-authorized\n",
    HEADER + "answers:\n  controlled-images: {choice: may-if-authorized, input: ' '}\n",
    HEADER + "answers:\n  logo-display: {choice: prohibited, input: x}\n",
    HEADER + "answers:\n  logo-display: {choice: prohibited, colour: red}\n",
    HEADER + "answers:\n  logo-display: [authorized]\n",
    HEADER + "answers:\n  rank-title-item: yes\n",
    HEADER + "answers:\n  rank-title-item: ~\n",
    HEADER + "answers:\n  city-town:\n",
    HEADER + "answers:\n  city-town: {text: Millbrook, place: x}\n",
    HEADER + "answers:\n  city-town: {places: {}}\n",
    HEADER + "answers:\n  city-town: {text: Millbrook, places: [x]}\n",
    HEADER + "answers:\n  authorizing-official: {text: the Chief, places: {nowhere: x}}\n",
]


def page_refusals(page, name: str, content: str) -> list[str]:
    """What the page says is wrong with an answers file, one message per problem."""
    page.locator("#draft-message").evaluate("element => element.textContent = ''")
    load_file(page, name, content.encode("utf-8"))
    page.locator("#draft-message").filter(has_text="Could not load").wait_for()
    said = page.locator("#draft-message").inner_text()
    return (
        said.removeprefix(f"Could not load {name}: ").removesuffix(". Your current answers are unchanged.").split("; ")
    )


def test_the_page_and_the_command_line_refuse_the_same_answers_files_in_the_same_words(
    offline_page, site, corpus, tmp_path
):
    """The page checks with the rules and the messages of generator/features/draft/answers.py, received as data. (The
    command line also lists the options a file leaves unanswered; the page lets a file answer some.)"""
    template = template_of(corpus)
    page = open_draft(offline_page, site)
    for number, content in enumerate(BAD_ANSWERS_FILES):
        path = tmp_path / f"bad-{number}.yml"
        path.write_text(content, encoding="utf-8")
        _, problems, _ = read_answers(path, template)
        cli = [f"{p.field}: {p.message}" if p.field else p.message for p in problems]
        assert cli, content
        assert page_refusals(page, path.name, content) == cli, content
    assert offline_page.errors == []


@pytest.mark.parametrize(
    "content, message",
    [
        ("template: [unclosed\n", "This file is not valid YAML"),
        ("- a list\n", "expected a mapping with template, version and answers, got a list"),
        (
            "template: raymore-mo\nversion: 1\nanswers: {}\n",
            'template: this answers file is for the template "raymore-mo", expected "massachusetts-template"',
        ),
        (HEADER + "answers:\n  badge-colour: blue\n", 'answers.badge-colour: unknown option id "badge-colour"'),
        (
            HEADER + "answers:\n  issue-date: 2202-07-01\n",
            'answers.issue-date: "2202-07-01" is not a plausible date (expected a date from 1900-01-01 to 2099-12-31)',
        ),
    ],
)
def test_a_bad_answers_file_is_refused_with_a_message_and_changes_nothing(offline_page, site, content, message):
    page = open_draft(offline_page, site)
    page.fill("#draft-city-town", "Millbrook")
    before = preview_text(page)
    load_file(page, "bad.yml", content.encode("utf-8"))
    page.locator("#draft-message").filter(has_text="Could not load").wait_for()
    assert message in page.locator("#draft-message").inner_text()
    assert "Your current answers are unchanged." in page.locator("#draft-message").inner_text()
    assert page.input_value("#draft-city-town") == "Millbrook"
    assert preview_text(page) == before


def test_same_answers_give_the_same_text_in_the_browser_and_on_the_command_line(offline_page, site, corpus, tmp_path):
    template = template_of(corpus)
    answers, problems, _ = read_answers(EXAMPLE, template)
    assert problems == []
    page = open_draft(offline_page, site)
    load_file(page, "example-answers.yml", EXAMPLE.read_bytes())
    page.locator("#draft-message").filter(has_text="Loaded").wait_for()
    assert progress(page)[:2] == (19, 19)
    browser_text = preview_text(page)

    cli_html = tmp_path / "cli.html"
    cli_html.write_text(render_answers(template, answers, "html"), encoding="utf-8")
    page.goto(cli_html.as_uri())
    assert preview_text(page) == browser_text
    assert (
        "authorized under the following conditions: with the written approval of the Investigations Commander."
        in browser_text
    )


def docx_structure(content: bytes) -> dict:
    """What a Word file is made of, paragraph by paragraph (style id, left indentation, and each run's
    text with its bold, italic, superscript and highlight), and its page size and margins, in twips."""
    import docx

    document = docx.Document(io.BytesIO(content))
    section = document.sections[0]
    paragraphs = []
    for paragraph in document.paragraphs:
        runs = [
            (run.text, bool(run.bold), bool(run.italic), bool(run.font.superscript), run.font.highlight_color)
            for run in paragraph.runs
            if run.text
        ]
        indent = paragraph.paragraph_format.left_indent
        paragraphs.append((paragraph.style.style_id, indent.twips if indent else 0, runs))
    page = [section.page_width, section.page_height, section.top_margin, section.left_margin]
    styles = {s.style_id: (s.name, s.font.italic) for s in document.styles if s.style_id in ("Quote",)}
    return {"paragraphs": paragraphs, "page": [length.twips for length in page], "styles": styles}


def draft_downloads(page, tmp_path) -> tuple[str, bytes]:
    """The page's Markdown and Word downloads of its current answers."""
    download(page, "download-md").save_as(tmp_path / "draft.md")
    word = download(page, "download-docx")
    assert word.suggested_filename == "massachusetts-template-draft.docx"
    word.save_as(tmp_path / "draft.docx")
    return (tmp_path / "draft.md").read_text(encoding="utf-8"), (tmp_path / "draft.docx").read_bytes()


def test_downloads_markdown_html_and_word_match_the_command_line(offline_page, site, corpus, tmp_path):
    template = template_of(corpus)
    answers, _, _ = read_answers(EXAMPLE, template)
    page = open_draft(offline_page, site)
    load_file(page, "example-answers.yml", EXAMPLE.read_bytes())
    page.locator("#draft-message").filter(has_text="Loaded").wait_for()

    markdown, word = draft_downloads(page, tmp_path)
    assert markdown == render_answers(template, answers, "md")  # byte for byte

    html = download(page, "download-html")
    html.save_as(tmp_path / "draft.html")
    page_html = (tmp_path / "draft.html").read_text(encoding="utf-8")
    assert page_html.startswith("<!DOCTYPE html>") and " hidden" not in page_html

    browser, cli = docx_structure(word), docx_structure(render_answers(template, answers, "docx"))
    for number, (from_page, from_cli) in enumerate(zip(browser["paragraphs"], cli["paragraphs"], strict=True)):
        assert from_page == from_cli, f"paragraph {number}"
    assert browser["page"] == cli["page"] == [12240, 15840, 1440, 1440]  # US Letter, one-inch margins
    headings = [text for style, _, runs in browser["paragraphs"] if style.startswith("Heading") for text, *_ in runs]
    assert "6. Self-Identification as a Department Employee" in headings
    assert offline_page.errors == []


def test_partial_answers_give_the_same_files_with_blanks_notes_and_footnotes(offline_page, site, corpus, tmp_path):
    """Unanswered options stay highlighted blanks; a note has the same style in both files; labels,
    terms and footnote marks have the same character formats."""
    template = template_of(corpus)
    page = open_draft(offline_page, site)
    answer_some_of_each_kind(page)
    saved = tmp_path / "answers.yml"
    download(page, "save").save_as(saved)
    answers, problems, _ = read_answers(saved, template)
    assert problems == []

    markdown, word = draft_downloads(page, tmp_path)
    assert markdown == render_answers(template, answers, "md")
    browser, cli = docx_structure(word), docx_structure(render_answers(template, answers, "docx"))
    assert browser == cli
    paragraphs = browser["paragraphs"]
    notes = [p for p in paragraphs if p[2] and p[2][0][0] == "NOTE:"]
    assert notes and all(style == "Quote" for style, _, _ in notes)
    assert browser["styles"]["Quote"][1] is True  # the note style is italic, in both files
    runs = [run for _, _, runs in paragraphs for run in runs]
    assert ("[AUTHORIZED/PROHIBITED]", False, False, False, WD_COLOR_INDEX.YELLOW) in runs  # a blank
    assert any(text == "1" and superscript for text, _, _, superscript, _ in runs)  # a footnote mark
    assert any(italic and not bold for _, bold, italic, _, _ in runs)  # a defined term
    assert offline_page.errors == []


def test_print_view_shows_the_policy_without_the_form(offline_page, site):
    page = open_draft(offline_page, site)
    page.emulate_media(media="print")
    assert not page.locator("#draft-form").is_visible()
    assert not page.locator(".draft-toolbar").is_visible()
    assert page.locator("#draft-document").is_visible()


def test_form_controls_are_labelled_and_grouped(offline_page, site):
    page = open_draft(offline_page, site)
    assert page.locator("#draft-form fieldset").count() == 19
    assert page.locator("#draft-form fieldset > legend").count() == 19
    unlabelled = page.evaluate("""() => Array.from(document.querySelectorAll('#draft-form input'))
        .filter(i => i.type !== 'checkbox' && !(i.labels && i.labels.length)).map(i => i.id)""")
    assert unlabelled == []
    page.locator("#draft-policy-number").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.field") == "empty"
    page.keyboard.press("Tab")  # on to the next option's link to its place in the preview, then its answer
    assert page.evaluate("document.activeElement.classList.contains('draft-place-link')")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "draft-issue-date"


def test_the_html_download_keeps_dollar_signs_typed_in_an_answer(offline_page, site, tmp_path):
    """`$&`, `$'`, `` $` `` and `$$` mean something to `String.replace`; typed text is only text."""
    typed = "Town $& of $' Mill $` brook $$ end"
    page = open_draft(offline_page, site)
    page.fill("#draft-city-town", typed)
    download(page, "download-html").save_as(tmp_path / "draft.html")
    page.goto((tmp_path / "draft.html").as_uri())
    assert f"reproductions of the {typed} or police department" in preview_text(page)
    assert page.locator("#draft-document").count() == 1


def test_answers_saved_under_a_title_with_a_line_break_load_back(offline_page, project, tmp_path):
    """The title goes into the answers file's comment: a line break in it must not end the comment."""
    from generator.mkdocs_plugin import build_into

    template = project / "source" / "policies" / "massachusetts-template.yml"
    text = template.read_text(encoding="utf-8")
    template.write_text(text.replace("  title: Social Media\n", '  title: "Social\\nMedia: a\\u0085b"\n', 1))
    build_into(project / "mkdocs.yml", project / "site", strict=True)
    page = open_draft(offline_page, project / "site")
    page.fill("#draft-city-town", "Millbrook")
    saved = tmp_path / "answers.yml"
    download(page, "save").save_as(saved)
    assert yaml.safe_load(saved.read_text(encoding="utf-8"))["answers"]["city-town"] == "Millbrook"
    page.fill("#draft-city-town", "Elsewhere")
    load_file(page, "answers.yml", saved.read_bytes())
    page.locator("#draft-message").filter(has_text="Loaded").wait_for()
    assert page.input_value("#draft-city-town") == "Millbrook"
    assert offline_page.errors == []


# --- Following the person drafting (issue 15) -----------------------------------------------------------

DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


def open_at(browser, site, viewport):
    from .conftest import OfflinePage

    offline = OfflinePage(browser, viewport=viewport, reduced_motion="reduce")
    return offline, open_draft(offline, site)


def in_preview_view(page, selector: str) -> bool:
    """Whether the element is inside the part of the preview a reader sees (its box and the window)."""
    return page.evaluate(
        """selector => { const e = document.querySelector(selector).getBoundingClientRect();
        const p = document.getElementById('draft--preview').getBoundingClientRect();
        const top = Math.max(p.top, 0), bottom = Math.min(p.bottom, window.innerHeight);
        return e.height > 0 && e.top >= top && e.bottom <= bottom; }""",
        selector,
    )


DEEP_CHOICE = '#draft-document .draft-choice[data-option="property-display"]'  # IV.C.5.b, far down


def test_a_change_deep_in_the_document_scrolls_the_preview_to_it_and_marks_it(browser, site):
    offline, page = open_at(browser, site, DESKTOP)
    try:
        assert not in_preview_view(page, DEEP_CHOICE)
        page.check("#draft-property-display--authorized")
        page.wait_for_function(f"document.querySelector('{DEEP_CHOICE}').classList.contains('draft-changed')")
        assert in_preview_view(page, DEEP_CHOICE)
        assert "is authorized." in page.locator(DEEP_CHOICE).locator("..").inner_text()
        # the form shows where the person drafting is
        assert page.locator("#draft--position").inner_text().endswith("of 19 · IV.C.5.b")
        assert offline.errors == []
    finally:
        offline.context.close()


def test_on_a_phone_the_preview_opens_at_the_change_and_the_form_where_it_was_left(browser, site):
    offline, page = open_at(browser, site, PHONE)
    try:
        assert not page.locator("#draft--preview").is_visible()
        page.locator("#draft-property-display--authorized").scroll_into_view_if_needed()
        page.check("#draft-property-display--authorized")
        form_at = page.evaluate("window.scrollY")
        page.locator('.draft-switch [data-view="preview"]').click()
        assert page.locator("#draft--preview").is_visible() and not page.locator("#draft-form").is_visible()
        assert in_preview_view(page, DEEP_CHOICE)
        page.locator('.draft-switch [data-view="form"]').click()
        assert page.evaluate("window.scrollY") == form_at
        assert page.locator("#draft-property-display--authorized").is_visible()
        assert offline.errors == []
    finally:
        offline.context.close()


def test_a_question_links_to_its_places_and_a_placeholder_to_its_question(browser, site):
    offline, page = open_at(browser, site, DESKTOP)
    try:
        page.locator('#draft-crime-scene-display--fieldset .draft-place-link[href="#at-iv.c.5.c"]').click()
        assert in_preview_view(page, '[id="at-iv.c.5.c"]')
        page.locator('#draft-document .draft-choice[data-option="crime-scene-display"] > .draft-blank').click()
        assert page.evaluate("document.activeElement.name") == "crime-scene-display"
        # by keyboard: a placeholder is a button
        page.locator('#draft-document .draft-blank[data-option="city-town"]').first.focus()
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "draft-city-town"
        # a header's place is named, not "header:"
        assert (
            page.locator("#draft-issue-date--fieldset .draft-where").inner_text().endswith("in the header (issue date)")
        )
        assert offline.errors == []
    finally:
        offline.context.close()


def block_left(page, selector: str) -> float:
    return page.evaluate(f"document.querySelector('{selector}').getBoundingClientRect().left")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_outline_is_indented_and_headings_sized_in_preview_and_print(browser, site, tmp_path, viewport):
    offline, page = open_at(browser, site, viewport)
    try:
        if viewport is PHONE:
            page.locator('.draft-switch [data-view="preview"]').click()
        depth_1, depth_3 = "#draft-document .draft-block.depth-1", "#draft-document .draft-block.depth-3"
        assert page.locator(depth_3).first.is_visible()
        for media in ("screen", "print"):
            page.emulate_media(media=media)
            assert block_left(page, depth_3) > block_left(page, depth_1) + 20, media
        page.emulate_media(media="screen")
        size = "s => parseFloat(getComputedStyle(document.querySelector(s)).fontSize)"
        body = page.evaluate(size, "#draft-document p.draft-block")
        sub_heading = page.evaluate(size, "#draft-document .draft-heading-5")  # b. Personnel Information:
        assert sub_heading >= body
        assert page.evaluate(size, "#draft-document .draft-heading-2") > page.evaluate(
            size, "#draft-document .draft-heading-4"
        )
        # the HTML download keeps the outline
        download(page, "download-html").save_as(tmp_path / "draft.html")
        page.goto((tmp_path / "draft.html").as_uri())
        assert block_left(page, depth_3) > block_left(page, depth_1) + 20
        assert offline.errors == []
    finally:
        offline.context.close()


def test_a_left_out_section_drops_its_questions_and_the_command_line_drafts_without_them(
    offline_page, site, corpus, tmp_path
):
    template = template_of(corpus)
    page = open_draft(offline_page, site)
    page.check("#draft-display-of-property-section--include")
    asked = progress(page)[1]
    page.check("#draft-property-display--prohibited")  # an answer inside the section, kept when it is left out
    page.check("#draft-display-of-property-section--omit")
    assert progress(page)[1] == asked - 3
    assert page.locator("#draft-property-display--fieldset").evaluate("box => box.disabled")
    assert page.locator("#draft-property-display--fieldset .draft-skipped").is_visible()
    assert "May employees display non-public buildings" not in page.locator("#draft-unanswered").text_content()
    page.check("#draft-display-of-property-section--include")
    assert page.is_checked("#draft-property-display--prohibited")

    # Every question still asked answered, the section left out: `handbook draft` drafts it.
    load_file(page, "example-answers.yml", EXAMPLE.read_bytes())
    page.locator("#draft-message").filter(has_text="Loaded").wait_for()
    page.check("#draft-display-of-property-section--omit")
    saved = tmp_path / "answers.yml"
    download(page, "save").save_as(saved)
    text = saved.read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.lstrip().startswith(("logo-display", "property-display"))]
    saved.write_text("\n".join(lines) + "\n", encoding="utf-8")
    from generator.cli import main

    drafted = tmp_path / "drafted.md"
    assert main(["draft", "--answers", str(saved), "--output", str(drafted)]) == 0
    assert "Display of Department Information" not in drafted.read_text(encoding="utf-8")
    assert "Display of Department Information" in render_answers(template, {}, "md")


def test_the_word_files_of_the_page_and_the_command_line_are_the_same_document(offline_page, site, corpus, tmp_path):
    """Same paper (A4 when asked), styles, properties, language and paragraphs."""
    import docx

    template = template_of(corpus)
    answers, _, _ = read_answers(EXAMPLE, template)
    page = open_draft(offline_page, site)
    load_file(page, "example-answers.yml", EXAMPLE.read_bytes())
    page.locator("#draft-message").filter(has_text="Loaded").wait_for()
    page.fill("#draft--agency", "Millbrook Police Department")
    page.select_option("#draft--paper", "a4")
    download(page, "download-docx").save_as(tmp_path / "page.docx")
    from_page = (tmp_path / "page.docx").read_bytes()
    from_cli = render_answers(template, answers, "docx", "Millbrook Police Department", "a4")
    assert word_document(from_page) == word_document(from_cli)
    described = word_document(from_page)
    assert described["page"] == [11906, 16838, 1440, 1440]  # A4
    assert described["properties"] == (
        "Social Media",
        "Millbrook Police Department",
        "Millbrook Police Department: Social Media",
    )
    assert described["language"] == "en-US"
    assert described["styles"]["Heading1"][:3] == ("Heading 1", 32, True)
    assert described["styles"]["Heading1"][-1] == "0"  # outline level: navigable
    footnote = next(p for p in docx.Document(io.BytesIO(from_page)).paragraphs if p.text.startswith("1 "))
    assert footnote.style.style_id == "FootnoteText"


def word_document(content: bytes) -> dict:
    """A Word file's paper, document properties, language, styles (as the table of formats defines
    them) and paragraphs."""
    import docx
    from docx.oxml.ns import qn

    from generator.writers.formats import WORD

    document = docx.Document(io.BytesIO(content))
    described = docx_structure(content)
    styles = {}
    for defined in WORD["styles"]:
        style = next(s for s in document.styles if s.style_id == defined["id"])
        outline = style.element.xpath("w:pPr/w:outlineLvl/@w:val")
        font, paragraph = style.font, style.paragraph_format
        styles[defined["id"]] = (
            style.name,
            int(font.size.pt * 2) if font.size else None,
            bool(font.bold),
            bool(font.italic),
            str(font.color.rgb) if font.color and font.color.rgb else None,
            bool(paragraph.keep_with_next),
            paragraph.space_before.twips if paragraph.space_before is not None else 0,
            paragraph.space_after.twips if paragraph.space_after is not None else 0,
            outline[0] if outline else None,
        )
    defaults = document.styles.element.find(qn("w:docDefaults"))
    w = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
    language = defaults.xpath(".//w:lang/@w:val", namespaces=w)
    core = document.core_properties
    return {
        "page": described["page"],
        "paragraphs": described["paragraphs"],
        "styles": styles,
        "language": language[0] if language else None,
        "font": defaults.xpath(".//w:rFonts/@w:ascii", namespaces=w),
        "properties": (core.title, core.author, core.subject),
    }


def test_a_second_template_has_its_own_drafting_page(offline_page, project):
    from generator.mkdocs_plugin import build_into

    from .test_draft import add_second_template

    add_second_template(project)
    build_into(project / "mkdocs.yml", project / "site", strict=True)
    page = offline_page.open(project / "site", "draft-state-association-template.html")
    page.locator("#draft-progress").filter(has_text="answered").wait_for()
    assert progress(page) == (0, 4)
    page.fill("#draft-agency-name", "Millbrook Police Department")
    page.check("#draft-recording-scope--enforcement")
    page.check("#draft-review-section--omit")
    assert progress(page) == (3, 3)  # the reviewer is not asked
    assert "Officers of the Millbrook Police Department shall record enforcement contacts." in preview_text(page)
    assert "2. Retention" in preview_text(page)
    assert offline_page.errors == []


# --- Add to a handbook: the policy file `handbook adopt` writes, downloaded --------------------------------

# A name and an answer holding what YAML and HTML read as syntax: quotes, a tag, `: `, ` #`.
HOSTILE_AGENCY = "Millbrook \"PD\" <script>alert('x')</script> & Co: #1"
HOSTILE_SLUG = "millbrook-pd-script-alert-x-script-co-1"
HOSTILE_TOWN = "Town of \"Millbrook\": #1 'North' <b> \U0001f693"  # an emoji: two UTF-16 units, one character
CONTROL_REVIEWERS = "or the Deputy\x7f Chief"  # a character YAML holds only escaped


def adopt_downloads(page, tmp_path) -> tuple:
    """The page's answers file, policy file and original text, saved under the names the page gives them."""
    saved = []
    for action in ("save", "adopt-policy", "adopt-original"):
        file = download(page, action)
        saved.append(tmp_path / file.suggested_filename)
        file.save_as(saved[-1])
    return tuple(saved)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_add_to_a_handbook_downloads_what_handbook_adopt_writes_and_it_joins_the_handbook(
    browser, site, project, tmp_path, viewport
):
    from .conftest import OfflinePage, read_page, run_handbook

    offline = OfflinePage(browser, viewport=viewport, reduced_motion="reduce")
    try:
        page = open_draft(offline, site)
        load_file(page, "example-answers.yml", EXAMPLE.read_bytes())
        page.locator("#draft-message").filter(has_text="Loaded").wait_for()
        page.fill("#draft--agency", HOSTILE_AGENCY)
        page.fill("#draft-city-town", HOSTILE_TOWN)
        page.fill("#draft-content-reviewers", CONTROL_REVIEWERS)
        page.check("#draft-display-of-property-section--omit")  # its questions are not asked
        page.check("#draft-rank-title-item--omit")  # the items after it take its letter
        assert HOSTILE_SLUG + ".yml" in page.locator("#draft--adopt-note").inner_text()
        answers, policy, original = adopt_downloads(page, tmp_path)
        assert offline.errors == []
    finally:
        offline.context.close()
    assert (policy.name, original.name) == (f"{HOSTILE_SLUG}.yml", f"{HOSTILE_SLUG}.txt")

    adopted = run_handbook(project, "adopt", "--answers", str(answers), "--agency", HOSTILE_AGENCY)
    assert adopted.returncode == 0, adopted.stderr
    source = project / "source"
    written = (source / "policies" / policy.name, source / "originals" / original.name)
    assert policy.read_bytes() == written[0].read_bytes()  # byte for byte
    assert original.read_bytes() == written[1].read_bytes()

    # The downloaded files, in place of the command's, join the handbook; what was typed stays text.
    for download_, target in zip((policy, original), written, strict=True):
        target.unlink()
        target.write_bytes(download_.read_bytes())
    values = yaml.safe_load(policy.read_text(encoding="utf-8"))
    assert values["agency"]["name"] == HOSTILE_AGENCY and values["slug"] == HOSTILE_SLUG
    assert HOSTILE_TOWN in policy.read_text(encoding="utf-8").replace('\\"', '"')
    assert "\\u007f" in policy.read_text(encoding="utf-8")  # escaped, in double quotes
    assert "Display of Department Information" not in original.read_text(encoding="utf-8")
    checked = run_handbook(project, "check")
    assert checked.returncode == 0 and "warning" not in checked.stderr, checked.stderr
    built = run_handbook(project, "build")
    assert built.returncode == 0, built.stderr
    for page_ in ("index.html", "compare/index.html", f"policies/{HOSTILE_SLUG}.html"):
        written_html = read_page(project / "site", page_)
        assert "<script>alert" not in written_html and HOSTILE_AGENCY in html.unescape(written_html), page_
    assert "answers file massachusetts-template-answers.yml" in read_page(
        project / "site", f"policies/{HOSTILE_SLUG}.html"
    )  # the provenance, on the policy's page


def test_add_to_a_handbook_waits_for_every_answer_and_the_agency_name(offline_page, site):
    page = open_draft(offline_page, site)
    buttons = page.locator('[data-action^="adopt-"]')
    note = page.locator("#draft--adopt-note")

    def enabled() -> bool:
        return all(buttons.nth(i).is_enabled() for i in range(buttons.count()))

    assert buttons.count() == 2 and not buttons.first.is_enabled() and not buttons.last.is_enabled()
    assert "agency's name" in note.inner_text() and "more questions" in note.inner_text()
    page.fill("#draft--agency", "Millbrook Police Department")
    assert not enabled() and "agency's name" not in note.inner_text()
    load_file(page, "example-answers.yml", EXAMPLE.read_bytes())
    page.locator("#draft-message").filter(has_text="Loaded").wait_for()
    assert enabled()
    assert "millbrook-police-department.yml" in note.inner_text() and "source/policies/" in note.inner_text()
    from .test_accessibility import wcag_violations

    assert wcag_violations(page) == []
    # what `handbook adopt` refuses, the page refuses
    for field, value, says in (
        ("#draft-city-town", "Town of {{city-town}}", "cannot hold {{…}}"),
        ("#draft-city-town", "", "1 more question"),
        ("#draft--agency", "!!!", "letters or digits"),
        ("#draft--agency", "Massachusetts Template", "not the template's"),
        ("#draft--agency", "  ", "agency's name"),
    ):
        before = page.input_value(field)
        page.fill(field, value)
        assert not enabled() and says in note.inner_text(), (value, note.inner_text())
        page.fill(field, before)
        assert enabled()
    # the keyboard reaches the downloads, after the other downloads
    page.focus('[data-action="print"]')
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.action") == "adopt-policy"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.action") == "adopt-original"
    assert offline_page.errors == []
