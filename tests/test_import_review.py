"""`handbook import`: definitions in their usual forms (a PDF's definitions table among them), signature
blocks kept out of the body, and the review report's lists, each entry with the line of the original."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from generator.importer import import_text
from generator.importer.api import read_original
from generator.model import Policy, Provision

from .pdfs import lines as pdf_lines
from .pdfs import pdf


def import_own(source: str, slug: str = "riverton"):
    return import_text(textwrap.dedent(source).lstrip("\n"), slug=slug, original=f"{slug}.txt")


def import_pdf(folder: Path, page: list, slug: str = "riverton"):
    """A one-page PDF imported as `handbook import` reads it: its text with each line's layout."""
    path = folder / f"{slug}.pdf"
    path.write_bytes(pdf([page]))
    text, _, layouts = read_original(path)
    return import_text(
        text, slug=slug, original=f"{slug}.pdf.txt", suffix=".pdf", layouts=layouts, document=f"{slug}.pdf"
    )


def provision(policy: Policy, *labels: str) -> Provision:
    return next(p for p in policy.provisions() if p.label_path == list(labels))


def section(report: str, title: str) -> str:
    """The entries of one section of the review report."""
    return report.split(f"# {title}")[1].split("\n#")[0]


TERM_COLUMN, DEFINITION_COLUMN = 72, 200


def test_a_definitions_table_in_a_pdf_gives_each_term_its_definition(tmp_path):
    """Terms in one column, definitions in the next (one wrapped onto a second line in its column), under
    column headings: each row a definition, though no colon or dash says where the term ends."""
    table = [(TERM_COLUMN, 668, "TERM"), (DEFINITION_COLUMN, 668, "DEFINITION")]
    rows = [
        ("Deadly Force", ["Any force that is likely to cause death or great bodily harm to the person"]),
        ("Choke Hold", ["Pressure applied to the throat or windpipe that may prevent", "the intake of air."]),
        ("Warning Shot", ["The discharge of a firearm into the air or the ground."]),
    ]
    y = 654
    for term, definition in rows:
        table.append((TERM_COLUMN, y, term))
        for part in definition:
            table.append((DEFINITION_COLUMN, y, part))
            y -= 14
    rules = pdf_lines("II.|RULES", "A.|Officers shall not fire warning shots.", top=y - 14)
    page = pdf_lines("Riverton Police Department", "", "I.|DEFINITIONS") + table + rules
    result = import_pdf(tmp_path, page)
    definitions = provision(result.policy, "I.").children
    assert [(d.term, d.text) for d in definitions] == [
        ("Deadly Force", "Any force that is likely to cause death or great bodily harm to the person"),
        ("Choke Hold", "Pressure applied to the throat or windpipe that may prevent the intake of air."),
        ("Warning Shot", "The discharge of a firearm into the air or the ground."),
    ]
    assert not any(d.comparable for d in definitions)
    assert ("TERM\tDEFINITION", "column headings of a definitions table") in [
        (f.line, f.reason) for f in result.policy.furniture
    ]
    assert provision(result.policy, "II.", "A.").text == "Officers shall not fire warning shots."
    assert result.words.percent == 100.0


def test_two_columns_that_are_no_definitions_table_stay_text(tmp_path):
    """A row whose first cell is a sentence, not a term, is text: the table needs terms in its first column."""
    page = pdf_lines("Riverton Police Department", "", "I.|DEFINITIONS") + [
        (TERM_COLUMN, 654, "Officers may use these terms."),
        (DEFINITION_COLUMN + 100, 654, "See the manual."),
    ]
    result = import_pdf(tmp_path, page)
    assert not any(p.term for p in result.policy.provisions())
    assert result.words.percent == 100.0


DEFINITIONS = """
    Riverton Police Department

    I. PURPOSE
    This order sets out how officers use force.

    II. DEFFINITIONS

    Deadly Force—Any force likely to cause death or great bodily harm.

    Watch Command Officer-The command officer in charge of a watch.

    Officer-Involved Death – Any death that results from an officer's action.

    Physical force shall not be used against persons in restraints.

    III. PROCEDURES
    A. Officers shall report every use of force.
    """


def test_em_dash_definitions_in_a_misspelled_section_with_text_after_them():
    """`Term—definition`, `Term-Definition` and `Term – definition` under `DEFFINITIONS`, then a paragraph
    that defines nothing: each definition gets its term, the paragraph stays text of its own, and the
    report names it with its line."""
    result = import_own(DEFINITIONS)
    items = provision(result.policy, "II.").children
    assert [(d.term, d.text) for d in items] == [
        ("Deadly Force", "Any force likely to cause death or great bodily harm."),
        ("Watch Command Officer", "The command officer in charge of a watch."),
        ("Officer-Involved Death", "Any death that results from an officer's action."),
        (None, "Physical force shall not be used against persons in restraints."),
    ]
    assert [d.comparable for d in items] == [False, False, False, True]
    unrecognised = section(result.report, "Unrecognised definitions")
    assert "line 14: 'Physical force shall not be used against persons in restr" in unrecognised
    assert result.words.percent == 100.0


@pytest.mark.parametrize(
    ("closing", "signatories", "furniture"),
    [
        (
            """
            KENNETH D. WINSLOW, CHIEF OF POLICE
            Reviewed for Legal Sufficiency:    ______________________
            Assistant Corporation Counsel
            """,
            [
                ("KENNETH D. WINSLOW", "CHIEF OF POLICE", None),
                ("Assistant Corporation Counsel", None, "Reviewed for Legal Sufficiency:"),
            ],
            [],
        ),
        (
            """
            BY ORDER OF
            _____________________      01/29/2020
            Daniel G. O'Shea
            Chief of Police
            """,
            [("Daniel G. O'Shea", "Chief of Police", "BY ORDER OF")],
            ["_____________________      01/29/2020"],
        ),
    ],
    ids=["office-under-its-note", "by-order-of"],
)
def test_a_signature_block_goes_to_signatories_not_the_body(closing, signatories, furniture):
    body = """
        Riverton Police Department

        I. RULES
        A. Members shall not post photographs of crime scenes.
        B. Members shall not disclose information about investigations.
        """
    result = import_own(textwrap.dedent(body) + textwrap.dedent(closing))
    policy = result.policy
    assert [(s.name, s.title, s.note) for s in policy.signatories] == signatories
    assert [p.label_path for p in policy.provisions()] == [["I."], ["I.", "A."], ["I.", "B."]]
    assert provision(policy, "I.", "B.").text == "Members shall not disclose information about investigations."
    assert [f.line for f in policy.furniture if f.reason.startswith("form field")] == furniture
    assert result.words.percent == 100.0


def test_a_distribution_list_ends_where_the_text_goes_on():
    """A `DISTRIBUTION` field in the text takes the short lines under it, not the sentences after them
    (an oath is no distribution list)."""
    result = import_own("""
        Riverton Police Department
        I. OATH
        Each member takes this oath.
        DISTRIBUTION
        All Sworn Personnel
        I will uphold the constitutions and enforce the laws of the State of Illinois.
        KENNETH D. WINSLOW, CHIEF OF POLICE
        """)
    assert "I will uphold the constitutions" in " ".join(p.text or "" for p in result.policy.provisions())
    assert [s.name for s in result.policy.signatories] == ["KENNETH D. WINSLOW"]
    assert result.words.percent == 100.0


def test_the_report_counts_first_then_names_empty_merged_items_and_unrecognised_definitions_by_line():
    result = import_own("""
        Riverton Police Department

        I. RULES
        A. Members shall not post photographs of crime scenes; B. Members shall not disclose names.
        C.
        II. TRAINING
        A. Members shall complete training each year.
        "Social media" means websites and applications that let users share content.

        Waiver Signed _________    Date Processed __/__/____
        """)
    report = result.report
    to_check = section(report, "To check")
    assert "- Empty or merged items: 2" in to_check and "- Unrecognised definitions: 1" in to_check
    assert report.index("## To check") < report.index("## Empty or merged items")
    items = section(report, "Empty or merged items (2)")
    assert "line 4: `A.` holds 'B.' inside its text" in items
    assert "line 5: `C.` has no text and nothing under it" in items
    definitions = section(report, "Unrecognised definitions (1)")
    assert 'line 8: \'"Social media" means websites' in definitions
    furniture = section(report, "Removed furniture")
    assert "line 10: `Waiver Signed _________    Date Processed __/__/____`: form field" in furniture
    assert result.words.percent == 100.0


def test_the_report_lists_a_line_repeated_on_every_page_once_with_its_lines():
    parts = [
        "Members shall not post photographs.",
        "Supervisors review posts weekly.",
        "Violations lead to discipline.",
    ]
    pages = "".join(
        f"{label}. PART\n{text}\nRiverton Police Manual\nPage {n}\n"
        for n, (label, text) in enumerate(zip(("I", "II", "III"), parts, strict=True), start=1)
    )
    result = import_text(pages, slug="riverton", original="riverton.txt")
    furniture = section(result.report, "Removed furniture")
    assert "- lines 3, 7, 11: `Riverton Police Manual`: running header or footer" in furniture
    assert "- lines 4, 8, 12: `Page 1` and the like: page number" in furniture
