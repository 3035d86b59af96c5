"""`handbook import`: plain text or Markdown to a schema-valid draft policy and a review report.

The quality bar: imported from the five originals, the drafts match the hand-normalized policies
(same label path, same text) for at least 95 % of the provisions, and keep 100 % of the original's
words in order. The other tests import texts written here, in layouts the originals do not have.
"""

from __future__ import annotations

import html
import re
import textwrap
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from generator import inline
from generator.cli import main as handbook
from generator.importer import ImportRefused, import_text
from generator.load import load_corpus
from generator.model import Policy, Provision

from .conftest import SOURCE, corpus_slugs
from .pdfs import encrypted, pdf
from .pdfs import lines as pdf_lines

PROVISIONS_BAR = 95.0
WORDS_BAR = 100.0


def as_written(policy: Policy, provision: Provision) -> tuple[str, str, str]:
    """A provision's heading, term and text as the original writes them, whitespace-normalized:
    a template's placeholders are shown as their brackets (an `[OPTIONAL]` part's bracket before its
    words), footnote marks dropped. An importer cannot know which brackets are template options."""
    fields = [
        inline.as_written(getattr(provision, name) or "", policy.bracket_of) for name in ("heading", "term", "text")
    ]
    if provision.option:
        position = 0 if fields[0] else 2
        fields[position] = f"{policy.bracket_of(provision.option)} {fields[position]}"
    return tuple(" ".join(field.split()) for field in fields)


def provisions_matching(hand: Policy, imported: Policy) -> tuple[int, int]:
    """Provisions with the same label path (the same provision id) and the same heading, term and text;
    out of the larger of the two counts, so provisions the import adds count against it too."""

    def by_path(policy):
        return {p.id.split(".", 1)[1]: p for p in policy.provisions()}

    hand_provisions, imported_provisions = by_path(hand), by_path(imported)
    matched = sum(
        1
        for path, provision in hand_provisions.items()
        if path in imported_provisions
        and as_written(hand, provision) == as_written(imported, imported_provisions[path])
    )
    return matched, max(len(hand_provisions), len(imported_provisions))


def import_original(slug: str):
    text = (SOURCE / "originals" / f"{slug}.txt").read_text(encoding="utf-8")
    return import_text(text, slug=slug, original=f"{slug}.txt")


def test_the_five_originals_import_at_the_quality_bar(corpus, capsys):
    figures = {}
    for slug in corpus_slugs():
        result = import_original(slug)
        matched, total = provisions_matching(corpus.policy(slug), result.policy)
        figures[slug] = (100.0 * matched / total, matched, total, result.words)
    with capsys.disabled():
        print("\n\npolicy                      provisions matching        words in order")
        for slug, (percent, matched, total, words) in figures.items():
            print(f"{slug:27} {percent:6.1f} % ({matched:3}/{total:3})    {words.percent:6.1f} % of {words.total}")
    for slug, (percent, _, _, words) in figures.items():
        assert percent >= PROVISIONS_BAR, slug
        assert words.percent == WORDS_BAR, f"{slug}: {words.message}"


def test_an_ocr_misread_label_is_repaired_and_recorded(corpus):
    """The unidentified department's `[1. DEFINITIONS` is section III. (IV. follows); the repair is recorded."""
    policy = import_original("unidentified-department").policy
    definitions = next(p for p in policy.body if p.heading == "DEFINITIONS")
    assert definitions.label == "III."
    assert [(r.original, r.repaired) for r in policy.repairs if r.provision == definitions.id] == [("[1.", "III.")]
    social_media = next(p for p in definitions.children if p.term == "Social Media")
    assert social_media.label == "E."  # lost by OCR between D. and F.


def import_own(source: str, slug: str = "test-agency", suffix: str = ".txt", agency: str | None = None):
    text = textwrap.dedent(source).lstrip("\n")
    return import_text(text, slug=slug, original=f"{slug}{suffix}", suffix=suffix, agency=agency)


def test_the_originals_own_double_braces_stay_text_in_every_field():
    """`{{` in an original is not a placeholder, wherever it stands: heading, term, text or note."""
    policy = import_own("""
        Springfield Police Department

        Social Media

        I. USE OF {{x}} SITES
        A. Members shall not post {{y}}.

        II. DEFINITIONS
        A. Blog {{q}}: A self-published diary.

        III. PROCEDURES
        A. Posting is limited.
        NOTE: see {{z}} for more.
        """).policy
    assert provision(policy, "I.").heading == "USE OF { {x}} SITES"
    assert provision(policy, "I.", "A.").text == "Members shall not post { {y}}."
    assert provision(policy, "II.", "A.").term == "Blog { {q}}"
    assert provision(policy, "III.", "A.").notes == ["see { {z}} for more."]


def test_an_originals_own_footnote_mark_syntax_is_its_words():
    """`{{footnote:1}}` written in the original is text, not a mark of a footnote the draft lacks."""
    result = import_own("""
        Springfield Police Department

        Social Media

        I. USE OF SITES
        A. Members shall not write {{footnote:1}} or {{ footnote:2 }} in posts.
        """)
    assert (
        provision(result.policy, "I.", "A.").text
        == "Members shall not write { {footnote:1}} or { { footnote:2 }} in posts."
    )
    assert result.policy.footnotes == [] and result.words.percent == 100.0


def test_asterisks_inside_words_are_the_originals_words():
    """Emphasis marks around words go; an asterisk with a letter or digit on both sides is part of the text."""
    result = import_own("""
        Springfield Police Department

        Social Media

        I. **USE OF SITES**
        A. Members shall *not* post 7*7 or a*b on *Blog**.
        """)
    assert provision(result.policy, "I.").heading == "USE OF SITES"
    assert provision(result.policy, "I.", "A.").text == "Members shall not post 7*7 or a*b on Blog."
    assert result.words.percent == 100.0


def test_an_original_too_large_for_a_draft_is_refused_with_its_own_size():
    """Refused because the draft would be too large; the message gives the original's size as it is."""
    lines = "".join(f"{chr(65 + i % 26)}. Members shall not post item {i} on any site at all.\n" for i in range(16800))
    text = "Springfield Police Department\n\nSocial Media\n\nI. USE OF SITES\n" + lines
    size = len(text.encode("utf-8"))
    assert 900_000 < size < 1_000_000
    with pytest.raises(ImportRefused) as refused:
        import_text(text, slug="big", original="big.txt")
    message = str(refused.value)
    assert f"the original is {size:,} bytes, but its draft would be" in message
    assert "more than a policy file may be (1,000,000 bytes)" in message
    with pytest.raises(ImportRefused, match=r"the original is 1,100,000 bytes"):
        import_text("I. A\n" + "x" * 1_099_995, slug="big", original="big.txt")


def provision(policy: Policy, *labels: str) -> Provision:
    return next(p for p in policy.provisions() if p.label_path == list(labels))


LEXIPOL = """
    Springfield Police Department
    Policy Manual

    Social Media

    342.1 PURPOSE AND SCOPE
    This policy provides guidelines to ensure that any use of social media on behalf of the
    Department is consistent with the Department mission.

    342.1.1 DEFINITIONS
    Definitions related to this policy include:
    Social media – Any of a wide array of Internet-based tools and platforms that allow for the
    sharing of information, such as the department website or social networking services.
    Social networks – Online platforms where users can create profiles, share information and
    socialize with others.

    342.2 POLICY
    The Springfield Police Department may use social media as a method of effectively informing
    the public about department services, issues, investigations and other relevant events.

    Copyright Lexipol, LLC 2023/06/01, All Rights Reserved.        Social Media - 1
    Published with permission by Springfield Police Department

    Springfield Police Department
    Policy Manual

    Social Media

    342.4 AUTHORIZED CONTENT
    Only content that is appropriate for public release, that supports the department mission and
    conforms to all department policies regarding the release of information may be posted.
    (a) Announcements.
    (b) Requests that ask the community to engage in projects that are relevant to the depart-
    ment mission.
    (c) Real-time safety information that is related to in-progress crimes, geographical warn-
    ings or disaster information.

    342.4.1 INCIDENT-SPECIFIC USE
    In instances of active incidents where speed, accuracy and frequent updates are paramount,
    the Public Information Officer will be responsible for the compilation of information

    Copyright Lexipol, LLC 2023/06/01, All Rights Reserved.        Social Media - 2
    Published with permission by Springfield Police Department

    Springfield Police Department
    Policy Manual

    Social Media

    to be released.

    342.5 PROHIBITED CONTENT
    Content that is prohibited from posting includes, but is not limited to:
    (a) Content that is abusive, discriminatory, inciting or mocking.
    (b) Any content that could compromise an ongoing investigation.

    Copyright Lexipol, LLC 2023/06/01, All Rights Reserved.        Social Media - 3
    Published with permission by Springfield Police Department
    """


def test_lexipol_numbering_running_headers_and_hyphenation():
    result = import_own(LEXIPOL, slug="springfield")
    policy = result.policy
    assert [p.label for p in policy.body] == ["342.1", "342.2", "342.4", "342.5"]
    assert provision(policy, "342.1", "342.1.1").heading == "DEFINITIONS"
    # 342.4.1 belongs to 342.4, after 342.4's (a)-style list
    assert [c.label for c in provision(policy, "342.4").children] == ["(a)", "(b)", "(c)", "342.4.1"]
    assert provision(policy, "342.4", "(b)").text.endswith("relevant to the department mission.")
    assert "geographical warnings or disaster information" in provision(policy, "342.4", "(c)").text
    # a paragraph broken by a page (footer and header between) is one paragraph again
    assert provision(policy, "342.4", "342.4.1").text.endswith("compilation of information to be released.")
    furniture = [f.line for f in policy.furniture]
    assert furniture.count("Springfield Police Department") == 3 and furniture.count("Policy Manual") == 3
    assert "Copyright Lexipol, LLC 2023/06/01, All Rights Reserved.        Social Media - 2" in furniture
    assert policy.agency.name == "Springfield Police Department"
    assert {(r.original, r.repaired) for r in policy.repairs} == {
        ("depart-ment", "department"),
        ("warn-ings", "warnings"),
    }
    assert result.words.percent == 100.0
    assert "`Policy Manual`: running header or footer (on 3 pages)" in result.report


RIVERTON = """
    CITY OF RIVERTON POLICE DEPARTMENT
    GENERAL ORDER 4-12
    Subject: Use of Social Media
    Effective Date: March 3, 2021
    Revised: January 15, 2023

    I. PURPOSE
    The purpose of this order is to set rules for the use of social media by members of the
    department, on and off duty.

    II. DEFINITIONS
    Social media – Websites and applications that let users create and share content.
    Post – Any content placed on a social media site.
    Official account - A social media account the department operates.

    III. RULES
    (a) Members shall not post photographs of crime scenes.
    (b) Members shall not disclose information about ongoing investigations, including:
       (1) the names of suspects;
       (2) the names of victims; and
       (3) evidence collected.
    (c) Members shall not use department email addresses to register personal accounts.
    (e) Members may identify themselves as department employees only when the Chief of Police
    approves it in writing.

    Page 1 of 2

    IV. ENFORCEMENT
    • Violations of this order may result in discipline, up to and including termination.
    • Supervisors shall report violations to the Office of Professional Standards.

    Approved:
    Maria Lopez
    Chief of Police

    Page 2 of 2
    """


def test_parenthesised_lists_dash_definitions_and_header_fields():
    result = import_own(RIVERTON, slug="riverton")
    policy = result.policy
    rules = provision(policy, "III.")
    assert [c.label for c in rules.children] == ["(a)", "(b)", "(c)", "(e)"]
    assert [c.text for c in provision(policy, "III.", "(b)").children] == [
        "the names of suspects;",
        "the names of victims; and",
        "evidence collected.",
    ]
    assert provision(policy, "III.", "(e)").text.endswith("only when the Chief of Police approves it in writing.")
    definitions = provision(policy, "II.")
    assert [(d.term, d.text) for d in definitions.children] == [
        ("Social media", "Websites and applications that let users create and share content."),
        ("Post", "Any content placed on a social media site."),
        ("Official account", "A social media account the department operates."),
    ]
    assert not any(d.comparable for d in definitions.children)
    bullets = provision(policy, "IV.").children
    assert [b.text for b in bullets] == [
        "Violations of this order may result in discipline, up to and including termination.",
        "Supervisors shall report violations to the Office of Professional Standards.",
    ]
    assert (policy.document.type, policy.document.number, policy.document.subject) == (
        "GENERAL ORDER",
        "4-12",
        "Use of Social Media",
    )
    assert str(policy.dates.effective) == "2021-03-03" and [str(d) for d in policy.dates.revised] == ["2023-01-15"]
    assert (policy.agency.name, policy.agency.city) == ("City of Riverton Police Department", "Riverton")
    assert [(s.name, s.title) for s in policy.signatories] == [("Maria Lopez", "Chief of Police")]
    assert [(f.line, f.reason) for f in policy.furniture][:3] == [
        ("Subject: Use of Social Media", "header field names; its values are the draft's document.subject"),
        ("Effective Date: March 3, 2021", "header field names; its values are the draft's dates.effective"),
        ("Revised: January 15, 2023", "header field names; its values are the draft's dates.revised"),
    ]
    assert [f.line for f in policy.furniture][3:] == ["Page 1 of 2", "Page 2 of 2"]
    assert result.words.percent == 100.0
    assert "(c) is followed by (e): (d) missing" in result.report
    assert "issue date" in result.report.split("## Metadata")[1]  # a placeholder names what is missing
    assert (
        "#   issued: YYYY-MM-DD" not in result.yaml
        and "# issued: YYYY-MM-DD  (not found in the original)" in result.yaml
    )
    assert result.words.percent == 100.0


def test_labels_alone_on_their_line_take_the_text_after_them():
    policy = import_own("""
        I. PURPOSE

        A.
        The purpose of this policy is to guide employees.

        B.

        Employees shall not post photographs of victims.
        """).policy
    assert [(p.label, p.text) for p in provision(policy, "I.").children] == [
        ("A.", "The purpose of this policy is to guide employees."),
        ("B.", "Employees shall not post photographs of victims."),
    ]
    assert policy.repairs == []


def test_numbers_ocr_set_apart_from_their_items_are_inferred_and_recorded():
    """OCR read the numbers as a column: `1.` and a stray `4.` before four paragraphs."""
    result = import_own("""
        A. Official pages

        1.

        4.

        Each page states its purpose and the audience it is designed for.

        Each page links to the department's official website.

        Each page shows the department's contact information.

        Each page states that visitors' opinions are not the department's.

        B. Personal use
        """)
    items = provision(result.policy, "A.").children
    assert [i.label for i in items] == ["1.", "2.", "3.", "4."]
    assert items[3].text == "Each page states that visitors' opinions are not the department's."
    assert [f.line for f in result.policy.furniture] == ["4."]
    assert [(r.provision, r.original, r.repaired) for r in result.policy.repairs] == [
        (f"test-agency.a.{n}", "", f"{n}.") for n in (2, 3, 4)
    ]
    assert "list number lost by OCR" in result.report
    assert result.words.percent == 100.0


def test_lines_it_cannot_place_stay_in_the_draft_and_the_report():
    result = import_own("""
        This paragraph comes before any heading or label.

        RULES

        The following are prohibited:

        • photographs of victims;
        • photographs of suspects; and
        • videos of arrests.

        Violations lead to discipline.
        """)
    body = result.policy.body
    assert body[0].text == "This paragraph comes before any heading or label." and not body[0].comparable
    rules = body[1]
    assert [c.text for c in rules.children] == [
        "photographs of victims;",
        "photographs of suspects; and",
        "videos of arrests.",
        "Violations lead to discipline.",
    ]
    assert not rules.children[-1].comparable
    unplaced = result.report.split("## Lines it could not place")[1].split("##")[0]
    assert "line 1: “This paragraph comes before any heading or label.”" in unplaced
    assert "line 11: “Violations lead to discipline.”" in unplaced
    assert result.words.percent == 100.0


# Line starts that exercise the rules: labels of every form, garbled and lone ones, header and
# signature lines, furniture, definitions, footnotes, hyphens, Markdown.
LINE_STARTS = st.sampled_from(
    [
        "",
        "",
        "",
        "I.",
        "II.",
        "IV.",
        "A.",
        "B.",
        "C.",
        "1.",
        "2.",
        "10.",
        "a.",
        "b.",
        "i.",
        "ii.",
        "(1)",
        "(a)",
        "1)",
        "a)",
        "8.03",
        "Section 8.04 –",
        "342.4.1",
        "[1.",
        "il.",
        "-",
        "•",
        "NOTE:",
        "Page 2",
        "DRAFT",
        "Date",
        "DISTRIBUTION:",
        "SUBJECT:",
        "EFFECTIVE DATE: 1/2/20",
        "John Smith, Chief of Police",
        "Chief of Police",
        "Adopted by",
        "https://example.gov/a",
        "AUTHORIZED SITES",
        "CHAPTER 8 – X",
        "DEFINITIONS",
        "Term –",
        "Blog:",
        "duty.¹",
        "¹",
        "**",
        "[OPTIONAL]",
        "## ",
        "| a |",
        "user-",
        "depart-",
    ]
)
WORDS = st.sampled_from(
    [
        "employees",
        "shall",
        "not",
        "post",
        "photos",
        "of",
        "the",
        "department",
        "Chief",
        "Police",
        "social",
        "media,",
        "and;",
        "or:",
        "Department",
        "Officers.",
        "investigations",
        "ment",
    ]
)
LINES = st.tuples(LINE_STARTS, st.lists(WORDS, max_size=14), st.sampled_from(["", ".", ":", ",", "-"])).map(
    lambda parts: f"{parts[0]} {' '.join(parts[1])}{parts[2] if parts[1] else ''}".strip()
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(LINES, min_size=1, max_size=40).map("\n".join), st.sampled_from([".txt", ".md"]))
@example("AUTHORIZED SITES\nSUBJECT: employees\nemployees", ".txt")  # a capitals title beside a SUBJECT: field
def test_any_text_imports_to_a_checked_draft_that_keeps_every_word(text, suffix):
    """Whatever the layout, the draft passes the loader's checks (`import_text` validates it and raises
    if not) and keeps every word of the original, in order; or the import is refused for want of text."""
    try:
        result = import_text(text, slug="any", original=f"any{suffix}", suffix=suffix)
    except ImportRefused:
        return
    assert result.words.percent == 100.0, result.words.message


LAKESIDE = """
    # Social Media Policy

    **Lakeside Police Department**

    General Order 12

    | Effective date | Revised |
    | --- | --- |
    | 2022-04-01 | 2024-02-15 |

    ## 1. Purpose

    This policy governs how employees of the department use social media, on duty and off duty,
    on any device.

    ## 2. Definitions

    - **Social media**: online platforms where people create and share content.
    - **Official account**: a social media account approved by the Chief of Police.

    ## 3. Rules

    1. Employees shall not post confidential information.
    2. Employees shall not post photographs of crime scenes.
    3. Employees working in undercover operations shall not post any photograph of themselves.

    ## 4. Official accounts

    The Chief of Police approves every official account. See
    [the city's guidelines](https://example.gov/guidelines) for the design of official pages.

    Maria Lopez, Chief of Police
    """


def test_markdown_is_read_with_markdown_it():
    result = import_own(LAKESIDE, slug="lakeside", suffix=".md")
    policy = result.policy
    assert [(p.label, p.heading) for p in policy.body] == [
        ("1.", "Purpose"),
        ("2.", "Definitions"),
        ("3.", "Rules"),
        ("4.", "Official accounts"),
    ]
    assert [c.label for c in provision(policy, "3.").children] == ["1.", "2.", "3."]  # the list under the heading
    assert [d.term for d in provision(policy, "2.").children] == ["Social media", "Official account"]
    assert provision(policy, "4.").text == (
        "The Chief of Police approves every official account. See the city's "
        "guidelines (https://example.gov/guidelines) for the design of official pages."
    )
    assert (policy.document.title, policy.document.type, policy.document.number) == (
        "Social Media Policy",
        "General Order",
        "12",
    )
    assert str(policy.dates.effective) == "2022-04-01" and policy.agency.name == "Lakeside Police Department"
    assert result.words.percent == 100.0


def test_markdown_list_numbers_are_the_ones_markdown_shows():
    """`1.` written for every item shows as 1, 2, 3; the draft says so and records what the source wrote."""
    result = import_own(
        """
        ## 1. Rules

        1. Employees shall not post confidential information.
        1. Employees shall not post photographs of crime scenes.
        1. Employees shall not post photographs of victims.
        """,
        suffix=".md",
    )
    assert [c.label for c in provision(result.policy, "1.").children] == ["1.", "2.", "3."]
    assert [(r.original, r.repaired) for r in result.policy.repairs] == [("1.", "2."), ("1.", "3.")]
    assert result.words.percent == 100.0


def test_a_text_without_policy_text_is_refused():
    with pytest.raises(ImportRefused):
        import_own("Page 1 of 1\n")


def write_original(folder: Path, name: str, source: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(source).lstrip("\n"), encoding="utf-8")
    return path


def test_import_writes_a_checked_draft_and_never_overwrites_without_force(in_project, capsys):
    original = write_original(in_project, "riverton.txt", RIVERTON)
    assert handbook(["import", str(original), "--agency", "Riverton Police Department"]) == 0
    printed = capsys.readouterr()
    draft = in_project / "source/policies/riverton.yml"
    report = in_project / "source/policies/riverton.report.md"
    assert printed.out == report.read_text(encoding="utf-8")
    assert "source/policies/riverton.yml" in printed.err
    assert (in_project / "source/originals/riverton.txt").read_text(encoding="utf-8") == original.read_text(
        encoding="utf-8"
    )
    assert load_corpus(in_project / "source").policy("riverton").agency.name == "Riverton Police Department"
    assert handbook(["check"]) == 0

    draft.write_text(draft.read_text(encoding="utf-8") + "# reviewed\n", encoding="utf-8")
    assert handbook(["import", str(original)]) == 1
    assert "exists; give --force" in capsys.readouterr().err
    assert draft.read_text(encoding="utf-8").endswith("# reviewed\n")  # untouched
    assert handbook(["import", str(original), "--force"]) == 0
    assert not draft.read_text(encoding="utf-8").endswith("# reviewed\n")

    assert handbook(["import", str(original), "--output", "drafts/riverton.yml"]) == 0
    assert (in_project / "drafts/riverton.yml").is_file() and (in_project / "drafts/riverton.report.md").is_file()

    elsewhere = in_project / "elsewhere"
    elsewhere.mkdir()
    other = write_original(elsewhere, "riverton.txt", RIVERTON.replace("Maria Lopez", "Ann Lee"))
    assert handbook(["import", str(other), "--output", "draft.yml", "--slug", "riverton"]) == 1
    assert "source/originals/riverton.txt exists with other content" in capsys.readouterr().err
    assert not (in_project / "draft.yml").exists()


def test_an_existing_report_is_not_overwritten_without_force(in_project, capsys):
    original = write_original(in_project, "riverton.txt", RIVERTON)
    report = in_project / "source/policies/riverton.report.md"
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text("reviewer's notes\n", encoding="utf-8")
    assert handbook(["import", str(original)]) == 1
    assert "source/policies/riverton.report.md exists; give --force" in capsys.readouterr().err
    assert report.read_text(encoding="utf-8") == "reviewer's notes\n"
    assert not (in_project / "source/policies/riverton.yml").exists()


def test_an_imported_policy_once_tagged_is_in_the_site(in_project):
    """End to end: import a Markdown policy, tag one provision with an existing topic, build the site."""
    from generator.features.compare.render import topic_page
    from generator.features.policy.render import page_path
    from generator.mkdocs_plugin import build_into

    original = write_original(in_project, "lakeside.md", LAKESIDE)
    assert handbook(["import", str(original)]) == 0
    draft_path = in_project / "source/policies/lakeside.yml"
    draft = yaml.safe_load(draft_path.read_text(encoding="utf-8"))
    rules = next(p for p in draft["body"] if p.get("heading") == "Rules")
    undercover = next(p for p in rules["children"] if "undercover" in p["text"])
    undercover["topics"] = ["undercover-officers"]
    draft_path.write_text(yaml.safe_dump(draft, sort_keys=False, allow_unicode=True), encoding="utf-8")

    build_into(in_project / "mkdocs.yml", in_project / "site", strict=True)
    corpus = load_corpus(in_project / "source")
    site = in_project / "site"
    policy_page = page_text(site / page_path(corpus.policy("lakeside")).replace(".md", ".html"))
    assert "Employees working in undercover operations shall not post any photograph of themselves." in policy_page
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="policies/lakeside.html"' in home and "Lakeside Police Department" in page_text(site / "index.html")
    topic = page_text(site / topic_page(corpus.taxonomy.topic("undercover-officers")).replace(".md", ".html"))
    assert "Lakeside Police Department" in topic
    assert "Employees working in undercover operations shall not post any photograph of themselves." in topic
    assert "a social media account approved by the Chief of Police" in page_text(site / "glossary.html")


def page_text(page: Path) -> str:
    """The words of a built page, without its markup (glossary terms in the text are links)."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8"))).split())


def test_problems_of_a_draft_name_the_draft_not_a_scratch_file(in_project, capsys, monkeypatch):
    """Should a draft fail the checks, its problems name where it was to be written (nothing was)."""
    from generator.importer import api

    monkeypatch.setattr(api, "draft_yaml", lambda draft, original: yaml.safe_dump(draft) + "colour: blue\n")
    original = write_original(in_project, "riverton.txt", RIVERTON)
    assert handbook(["import", str(original)]) == 1
    err = capsys.readouterr().err
    assert "source/policies/riverton.yml:" in err and "colour: unknown key 'colour'" in err
    assert "tmp" not in err.replace(str(in_project), "")
    assert not (in_project / "source/policies/riverton.yml").exists()


# PDF and Word originals

RULES_PAGE = pdf_lines(
    "Riverton Police Department",
    "",
    "I.|RULES",
    "(a)|Members shall not post photographs of crime scenes.",
    "(b)|Members shall not disclose information about investigations.",
    "(c)|Members shall not use department email addresses for personal accounts.",
)


def test_a_pdf_is_imported_with_each_label_beside_its_text(in_project, capsys):
    """Labels set in a column left of their text (a hanging indent) are each read with their own line."""
    original = in_project / "riverton.pdf"
    original.write_bytes(pdf([RULES_PAGE]))
    assert handbook(["import", str(original)]) == 0
    policy = load_corpus(in_project / "source").policy("riverton")
    assert [(c.label, c.text) for c in provision(policy, "I.").children] == [
        ("(a)", "Members shall not post photographs of crime scenes."),
        ("(b)", "Members shall not disclose information about investigations."),
        ("(c)", "Members shall not use department email addresses for personal accounts."),
    ]
    originals = in_project / "source/originals"
    assert (originals / "riverton.pdf").read_bytes() == original.read_bytes()
    assert (policy.original, policy.original_document) == ("riverton.pdf.txt", "riverton.pdf")
    assert "(b) Members shall not disclose" in (originals / "riverton.pdf.txt").read_text(encoding="utf-8")
    assert handbook(["check"]) == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (pdf([RULES_PAGE], cid=True), "font codes, not letters"),
        (pdf([[]]), "no text layer (scanned pages are images); run OCR"),
        (b"%PDF-1.4\nnot really\n", "is not a PDF that can be read"),
        (encrypted(pdf([RULES_PAGE]), "secret"), "encrypted with a password; open it, save an unprotected copy"),
    ],
    ids=["cid-codes", "scanned", "damaged", "encrypted"],
)
def test_a_pdf_without_usable_text_is_refused_with_what_to_do(in_project, capsys, content, message):
    original = in_project / "riverton.pdf"
    original.write_bytes(content)
    assert handbook(["import", str(original)]) == 1
    err = capsys.readouterr().err
    assert message in err and err.count("error:") == 1 and "Traceback" not in err
    assert not (in_project / "source/policies/riverton.yml").exists()
    assert not (in_project / "source/originals/riverton.pdf").exists()


def test_a_header_value_wrapped_onto_a_closer_line_is_one_value_and_field_names_are_kept(in_project):
    """In a PDF's header, a line that follows a field closer than the fields follow one another carries
    on that field's value; the field names (`SERIES TITLE:`) are kept whole as furniture."""
    header = [
        (72, 740, "ROCKFORD POLICE DEPARTMENT"),
        (72, 717, "NUMBER: 2.01"),
        (72, 694, "SERIES TITLE: OPERATIONS"),
        (72, 671, "TOPICS / REFERENCE: DISTURBED PERSONS, EMOTIONAL PERSONS, MENTAL"),
        (72, 657, "HEALTH, MENTAL ILLNESS"),
        (72, 634, "DATE OF LAST REVISION: APRIL 18, 2017"),
    ]
    body = pdf_lines("I.|PURPOSE", "A.|Officers shall treat persons in crisis with dignity.", top=590)
    original = in_project / "rockford.pdf"
    original.write_bytes(pdf([header + body]))
    assert handbook(["import", str(original)]) == 0
    policy = load_corpus(in_project / "source").policy("rockford")
    assert policy.references == ["OPERATIONS", "DISTURBED PERSONS, EMOTIONAL PERSONS, MENTAL HEALTH, MENTAL ILLNESS"]
    assert [str(d) for d in policy.dates.revised] == ["2017-04-18"]
    assert "SERIES TITLE: OPERATIONS" in [f.line for f in policy.furniture]
    assert "every word is in the draft, in order" in (in_project / "source/policies/rockford.report.md").read_text()


def test_a_list_of_sections_broken_by_a_page_and_items_that_start_alike_are_read_as_such():
    """A page number inside the list of sections that follow does not end it; three items that begin
    with the same words (`1. The stop of the vehicle is…`) are a list, not a running header."""
    result = import_own("""
        This order is comprised of the following numbered sections:
        I. DEFINITIONS
        Page 1 of 3
        II. TRAFFIC STOPS

        I. DEFINITIONS:
        A. Stop: The restraining of a person's liberty by physical force or a show of authority.

        II. TRAFFIC STOPS:
        A. Traffic stop forms will not need to be completed when:
        1. The stop of the vehicle is for criminal investigation purposes based on
        a broadcast;
        2. The stop of the vehicle is for criminal investigation purposes based on
        a dispatched call; or
        3. The stop of the vehicle is for criminal investigation purposes based on
        a reasonable suspicion.
        """)
    policy = result.policy
    assert [f.line for f in policy.furniture] == ["I. DEFINITIONS", "Page 1 of 3", "II. TRAFFIC STOPS"]
    assert [c.text for c in provision(policy, "II.", "A.").children] == [
        "The stop of the vehicle is for criminal investigation purposes based on a broadcast;",
        "The stop of the vehicle is for criminal investigation purposes based on a dispatched call; or",
        "The stop of the vehicle is for criminal investigation purposes based on a reasonable suspicion.",
    ]


def test_a_list_numbered_anew_goes_under_its_lead_in_and_a_bracketed_citation_is_no_heading():
    result = import_own("""
        I. DEFINITIONS
        A. Mental Illness: A mental or emotional disorder that substantially impairs a person's thought.
        (405 ILCS 5/1-129)
        B. Psychosis: A loss of contact with reality.

        II. REPORTING
        A. An officer shall complete a report when the officer:
        1. Discharges a firearm at a person;
        2. Takes an action that results in injury.
        The Watch Commander will ensure the completion of this report. The analysis should identify:
        1. Date and time of incidents;
        2. Types of encounters resulting in use of force.
        B. Training is held each year.
        """)
    policy = result.policy
    assert [c.label for c in provision(policy, "I.").children] == ["A.", "B."]
    assert provision(policy, "I.", "A.").text.endswith("(405 ILCS 5/1-129)")
    reporting = provision(policy, "II.", "A.")
    assert [c.label for c in reporting.children] == ["1.", "2.", None]
    lead_in = reporting.children[2]
    assert lead_in.text.endswith("The analysis should identify:")
    assert [(c.label, c.text) for c in lead_in.children] == [
        ("1.", "Date and time of incidents;"),
        ("2.", "Types of encounters resulting in use of force."),
    ]
    assert [c.label for c in provision(policy, "II.").children] == ["A.", "B."]


def test_a_pdf_header_table_gives_each_field_the_value_under_or_beside_its_name(in_project):
    """Field names over their values (at other places on the line), a name with its value to its right,
    and a column of revision dates under its name: each value found, each noted with its line."""
    header = [
        (100, 730, "GENERAL ORDER"),
        (250, 730, "Date of Issue"),
        (380, 730, "Effective Date"),
        (500, 730, "No."),
        (250, 716, "June 5, 2020"),
        (380, 716, "July 1, 2020"),
        (500, 716, "W-03"),
        (72, 690, "DIRECTIVE"),
        (300, 690, "REVISION DATES"),
        (300, 678, "06/05/00, 06/01/01,"),
        (300, 666, "11/06/08"),
    ]
    body = pdf_lines("I.|PURPOSE", "A.|Officers shall use only the force that is reasonable.", top=620)
    original = in_project / "buffalo.pdf"
    original.write_bytes(pdf([header + body]))
    assert handbook(["import", str(original)]) == 0
    policy = load_corpus(in_project / "source").policy("buffalo")
    assert policy.document.number == "W-03"
    assert (str(policy.dates.issued), str(policy.dates.effective)) == ("2020-06-05", "2020-07-01")
    assert [str(d) for d in policy.dates.revised] == ["2000-06-05", "2001-06-01", "2008-11-06"]
    report = (in_project / "source/policies/buffalo.report.md").read_text()
    assert "- line 2: issue date read as 2020-06-05 from 'June 5, 2020'" in report
    assert "- line 2: document.number read as 'W-03'" in report
    assert "- line 5: revision date read as 2008-11-06 from '11/06/08'" in report


def test_a_pdf_of_more_pages_than_a_policy_has_is_refused_before_any_page_is_read(in_project, capsys):
    from generator.importer.limits import MAX_PAGES

    original = in_project / "manual.pdf"
    original.write_bytes(pdf([[(72, 720, "Policy Manual")]] * (MAX_PAGES + 1)))
    assert handbook(["import", str(original)]) == 1
    err = capsys.readouterr().err
    assert f"it has {MAX_PAGES + 1} pages, more than the {MAX_PAGES} one policy may have" in err
    assert "import it one policy at a time" in err and err.count("error:") == 1
    assert not (in_project / "source/originals/manual.pdf").exists()


def test_other_kinds_and_oversized_files_are_refused_before_reading(in_project, capsys):
    (in_project / "policy.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    assert handbook(["import", "policy.doc"]) == 1
    assert "cannot import a .doc file" in (err := capsys.readouterr().err) and "save it as .docx" in err
    from generator.importer.limits import MAX_TEXT_BYTES

    with (in_project / "huge.txt").open("wb") as huge:
        huge.truncate(MAX_TEXT_BYTES + 1)  # sparse: the size is all the check may look at
    assert handbook(["import", "huge.txt"]) == 1
    assert "split it into one file per policy" in capsys.readouterr().err
    assert not (in_project / "source/policies/huge.yml").exists()


def test_a_crlf_original_is_kept_byte_for_byte(in_project):
    original = in_project / "riverton.txt"
    original.write_bytes(textwrap.dedent(RIVERTON).lstrip("\n").replace("\n", "\r\n").encode("utf-8"))
    assert handbook(["import", str(original)]) == 0
    assert (in_project / "source/originals/riverton.txt").read_bytes() == original.read_bytes()
    assert handbook(["import", str(original), "--slug", "riverton", "--output", "again.yml"]) == 0  # same bytes


def test_a_word_document_is_imported_with_its_list_numbers(in_project):
    import docx

    document = docx.Document()
    document.add_paragraph("Riverton Police Department")
    document.add_paragraph("Social Media")
    document.add_paragraph("RULES")
    for text in ("Members shall not post photographs of crime scenes.", "Members shall not disclose names."):
        document.add_paragraph(text, style="List Number")
    document.save(str(in_project / "rules.docx"))
    assert handbook(["import", "rules.docx"]) == 0
    policy = load_corpus(in_project / "source").policy("rules")
    rules = next(p for p in policy.body if p.heading == "RULES")
    assert [(c.label, c.text) for c in rules.children] == [
        ("1.", "Members shall not post photographs of crime scenes."),
        ("2.", "Members shall not disclose names."),
    ]
    assert policy.original_document == "rules.docx" and policy.original == "rules.docx.txt"


def test_labelled_header_fields_inner_contents_dash_definitions_and_symbol_bullets():
    result = import_own("""
        ROCKFORD POLICE DEPARTMENT
        GENERAL ORDER
        NUMBER: 2.04
        TITLE: VEHICLE PURSUITS
        SERIES TITLE: OPERATIONS
        ORIGINAL EFFECTIVE / ISSUE DATE: AUGUST 2, 2006
        DATE OF LAST REVISION: JULY 18, 2017

        This Order is comprised of the following numbered section:
        I. DEFINITIONS
        II. PROCEDURES

        I. DEFINITIONS
        A. Primary Unit—The police unit which initiates a pursuit.
        B. "Caravanning" means following in a line of vehicles.

        II. PROCEDURES
        A. Officers shall consider:
        \uf0b7 the weather;
        \uf0b7 the traffic.
        """)
    policy = result.policy
    assert policy.document.number == "2.04"
    assert str(policy.dates.effective) == "2006-08-02" and [str(d) for d in policy.dates.revised] == ["2017-07-18"]
    assert [p.label for p in policy.body if p.label] == ["I.", "II."]
    assert [f.line for f in policy.furniture][:7] == [
        "NUMBER: 2.04",
        "TITLE: VEHICLE PURSUITS",
        "SERIES TITLE: OPERATIONS",
        "ORIGINAL EFFECTIVE / ISSUE DATE: AUGUST 2, 2006",
        "DATE OF LAST REVISION: JULY 18, 2017",
        "I. DEFINITIONS",
        "II. PROCEDURES",
    ]
    assert result.words.percent == 100.0  # SERIES TITLE is kept, in the furniture
    assert [(d.term, d.text) for d in provision(policy, "I.").children] == [
        ("Primary Unit", "The police unit which initiates a pursuit."),
        ("Caravanning", "means following in a line of vehicles."),
    ]
    assert [c.text for c in provision(policy, "II.", "A.").children] == ["the weather;", "the traffic."]


def test_a_pdf_label_is_never_inferred(in_project, capsys):
    """In OCR'd text a paragraph between (a) and (c) is (b) whose label was lost; a PDF's text layer is what the
    agency wrote, so the paragraph stays unlabelled and the report says so."""
    page = pdf_lines(
        "Riverton Police Department",
        "",
        "I.|RULES",
        "(a)|Members shall not post photographs of crime scenes.",
        "Members shall not disclose information about investigations.",
        "(c)|Members shall not use department email addresses for personal accounts.",
    )
    (in_project / "rules.pdf").write_bytes(pdf([page]))
    assert handbook(["import", "rules.pdf"]) == 0
    report = capsys.readouterr().out
    policy = load_corpus(in_project / "source").policy("rules")
    assert [c.label for c in provision(policy, "I.").children] == ["(a)", "(c)"]
    assert policy.repairs == []
    assert "kept unlabelled" in report
