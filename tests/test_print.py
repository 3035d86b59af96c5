"""Printing for roll call, as Chromium prints a page to Letter paper (the PDF read back with the importer's
PDF reader): every printed page names the policy (title, agency, number) at its head and
carries its number at its foot; the title is black; what only the screen needs is left out, transcription
notes are one line; no heading ends a page; a topic comparison keeps each department's name with its text;
and a print edition holds every policy of the handbook, each on pages of its own, after a table of contents."""

from __future__ import annotations

import re

import pytest

from generator.importer.read_pdf import OpenedPdf

pytestmark = pytest.mark.browser

PAGE_NUMBER = re.compile(r"^Page (\d+) of (\d+)$")


def printed(page) -> list[list[str]]:
    """The page printed to Letter paper: each printed page's lines of text, top to bottom."""
    pdf = OpenedPdf(page.pdf(format="Letter"))
    return [[" ".join(text.split()) for text, _ in pdf.lines(number)] for number in pdf.pages]


def headings(page) -> set[str]:
    """The texts of the page's headings (without their permalinks), white space folded."""
    texts = page.locator("article :is(h2, h3, h4, h5, h6)").evaluate_all(
        "hs => hs.filter(h => h.offsetParent).map(h => h.firstChild ? [...h.childNodes].filter(n => !n.classList?.contains('headerlink')).map(n => n.textContent).join('') : '')"
    )
    return {" ".join(t.split()) for t in texts if t.strip()}


def content_lines(lines: list[str]) -> list[str]:
    """A printed page's lines without its running header (first line) and page number."""
    return [line for line in lines[1:] if not PAGE_NUMBER.match(line)]


def test_a_policy_prints_with_its_header_page_numbers_and_black_title(offline_page, site, corpus):
    policy = corpus.policy("kansas-city-mo")
    page = offline_page.open(site, "policies/kansas-city-mo.html")
    page.emulate_media(media="print")
    assert page.locator("h1").evaluate("h => getComputedStyle(h).color") == "rgb(0, 0, 0)"
    pages = printed(page)
    assert len(pages) > 2
    for number, lines in enumerate(pages, 1):
        text = "\n".join(lines)
        assert f"{policy.document.title} · {policy.agency.name}" in lines[0], lines[:2]
        assert f"No. {policy.document.number}" in text
        assert f"Page {number} of {len(pages)}" in text
    everything = "\n".join("\n".join(lines) for lines in pages)
    assert "Original" not in everything and "made from" not in everything  # the screen's link to the original
    assert "Permanent link" not in everything and "Skip to content" not in everything


def test_no_heading_is_left_at_the_foot_of_a_printed_page(offline_page, site, corpus):
    for slug in ("kansas-city-mo", "unidentified-department", "massachusetts-template"):
        page = offline_page.open(site, f"policies/{slug}.html")
        page.emulate_media(media="print")
        titles = headings(page)
        pages = printed(page)
        alone = [(number, content_lines(lines)[-1]) for number, lines in enumerate(pages[:-1], 1)]
        assert [(n, line) for n, line in alone if line in titles] == [], slug


def test_transcription_notes_print_as_one_line(offline_page, site, corpus):
    policy = corpus.policy("unidentified-department")
    page = offline_page.open(site, "policies/unidentified-department.html")
    page.locator("details.transcription-notes summary").click()  # opened on screen, still one line on paper
    page.emulate_media(media="print")
    everything = "\n".join("\n".join(lines) for lines in printed(page))
    assert "Transcription notes: 38 scanning errors corrected" in everything
    assert policy.repairs[0].reason not in everything
    assert "Lines of the source that are not policy text" not in everything


def test_a_topic_comparison_keeps_each_department_with_its_text(offline_page, site, corpus):
    page = offline_page.open(site, "compare/topics/scope.html")
    page.emulate_media(media="print")
    names = {policy.agency.name for policy in corpus.policies}
    pages = printed(page)
    assert all(PAGE_NUMBER.match(lines[-1]) for lines in pages)
    ends = [content_lines(lines)[-1] for lines in pages[:-1]]
    assert [end for end in ends if end in names] == []


def test_the_print_edition_holds_every_policy_after_its_contents(offline_page, site, corpus):
    page = offline_page.open(site, "policies/index.html")
    page.locator("a", has_text="whole handbook").click()
    page.wait_for_url("**/print/handbook.html")
    contents = page.locator(".print-contents > li")
    assert contents.count() == len(corpus.policies)
    contents.nth(1).locator("a").first.click()  # the contents lead to each policy
    assert page.url.endswith(f"#{corpus.policies[1].slug}")
    page.emulate_media(media="print")
    pages = printed(page)
    assert "Contents" in pages[0]
    starts = {}
    for number, lines in enumerate(pages, 1):
        for policy in corpus.policies:
            header = f"{policy.document.title} · {policy.agency.name}"
            if lines[0].startswith(header):
                starts.setdefault(policy.slug, number)
                assert lines[1] == policy.document.title or policy.slug in starts
        assert f"Page {number} of {len(pages)}" in lines
    assert list(starts) == [policy.slug for policy in corpus.policies]  # each on pages of its own, in order
    for policy in corpus.policies:
        last = next(iter(policy.provisions()))
        assert " ".join(last.text.split()[:6]) in " ".join(" ".join(lines) for lines in pages)


def test_a_print_edition_is_a_small_page_running_its_policies_texts_as_scripts(offline_page, site, corpus):
    edition = site / "print" / "handbook.html"
    assert edition.stat().st_size < 100_000  # the page budget, however many policies it holds
    markup = edition.read_text(encoding="utf-8")
    for policy in corpus.policies:
        assert f'<script src="parts/{policy.slug}.js"></script>' in markup
        first = next(p for p in policy.provisions() if p.text)
        assert " ".join(first.text.split()[:6]) not in markup  # its text is in the script, once for every edition
    page = offline_page.open(site, "print/handbook.html")
    # Whole as soon as the page has been read, before `load`: every place the contents lead to is there.
    targets = page.locator(".print-contents a").evaluate_all("links => links.map((a) => a.hash.slice(1))")
    assert len(targets) > len(corpus.policies)
    assert page.evaluate("(ids) => ids.filter((id) => !document.getElementById(id))", targets) == []
    assert offline_page.errors == []


def test_without_scripts_a_print_edition_leads_to_each_policys_own_page(browser, site, corpus):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto((site / "print" / "handbook.html").as_uri())
        for policy in corpus.policies:
            place = page.locator(f'section[data-policy="{policy.slug}"]')
            assert place.get_by_role("link").get_attribute("href") == f"../policies/{policy.slug}.html"
            assert policy.document.title in place.inner_text()
    finally:
        context.close()
