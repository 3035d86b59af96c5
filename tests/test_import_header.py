"""`handbook import` of a PDF: a header table (field names over or beside their values, at other heights
than one another) read into the metadata and kept out of the body, and an address footer at the foot of
its pages kept out of the body as furniture; each listed once in the review report."""

from __future__ import annotations

from pathlib import Path

from generator.importer import import_text
from generator.importer.api import read_original

from .pdfs import Text, pdf
from .pdfs import lines as pdf_lines
from .test_import_review import section


def import_pdf(folder: Path, pages: list[list[Text]], slug: str = "riverton"):
    """A PDF imported as `handbook import` reads it: its text with each line's layout."""
    path = folder / f"{slug}.pdf"
    path.write_bytes(pdf(pages))
    text, _, layouts = read_original(path)
    result = import_text(
        text, slug=slug, original=f"{slug}.pdf.txt", suffix=".pdf", layouts=layouts, document=f"{slug}.pdf"
    )
    return result, text.splitlines()


def body_texts(result) -> list[str]:
    return [" ".join(x for x in (p.heading, p.term, p.text) if x) for p in result.policy.provisions()]


# A general order's header: the kind of order and three field names over their values, then two more
# rows of names over values, and a column of references beside a column of rescinded orders.
NAMES_OVER_VALUES = [
    (100, 740, "GENERAL ORDER"),
    (300, 740, "Date of Issue"),
    (420, 740, "Effective Date"),
    (520, 740, "No."),
    (300, 728, "June 5, 2020"),
    (420, 728, "June 5, 2020"),
    (520, 728, "W-03"),
    (40, 714, "Subject"),
    (380, 714, "Distribution"),
    (450, 714, "Amends"),
    (40, 702, "USE OF FORCE"),
    (390, 702, "A"),
    (450, 702, "W-03, issued 03/01/20"),
    (40, 688, "Reference"),
    (300, 688, "Rescinds"),
    (40, 676, "General Orders P-06, W Series"),
    (300, 676, "W-03, issued 03/26/86,"),
    (40, 664, "CALEA 4.1.1, 4.1.2,"),
    (300, 664, "10/15/91, 08/01/93"),
    (40, 652, "4.2.4, 4.2.5"),
    (300, 652, "W-04, issued 05/17/93"),
]


def test_a_header_table_of_names_over_values_is_metadata_not_body(tmp_path):
    page = NAMES_OVER_VALUES + pdf_lines(
        "PURPOSE:", "The purpose of this order is to guide officers in the use of force.", top=620
    )
    result, lines = import_pdf(tmp_path, [page])
    policy = result.policy
    assert body_texts(result) == ["PURPOSE: The purpose of this order is to guide officers in the use of force."]
    assert (policy.document.number, str(policy.dates.issued)) == ("W-03", "2020-06-05")
    assert (policy.document.subject, policy.document.title) == ("USE OF FORCE", "Use of Force")
    assert (policy.distribution, policy.amends) == (["A"], "W-03, issued 03/01/20")
    assert policy.references == ["General Orders P-06, W Series", "CALEA 4.1.1, 4.1.2, 4.2.4, 4.2.5"]
    assert policy.rescinds == "W-03, issued 03/26/86, 10/15/91, 08/01/93 W-04, issued 05/17/93"
    report = result.report
    assert "- Empty or merged items: 0" in section(report, "To check")
    names = [n for n, line in enumerate(lines, start=1) if line.strip().startswith(("GENERAL", "Subject", "Reference"))]
    furniture = section(report, "Removed furniture")
    assert (
        f"- lines {', '.join(map(str, names))}: `GENERAL ORDER" in furniture
        and "and 2 more lines: header table" in furniture
    )
    assert f"- line {names[2] + 1}: references read from the header table: 'General Orders P-06, W Series'" in report
    assert result.words.percent == 100.0


# A directive's header: values beside their names (`SUBJECT:` and its value, wrapped in its column),
# check-box captions, a name with its value on the same cell wrapped onto the next line, a name over its value.
NAMES_BESIDE_VALUES = [
    (170, 750, "RIVERTON POLICE DEPARTMENT"),
    (340, 730, "DIRECTIVE"),
    (420, 730, "20-058"),
    (60, 716, "GENERAL ORDER"),
    (200, 716, "SPECIAL ORDER"),
    (340, 716, "NUMBER"),
    (42, 700, "SUBJECT:"),
    (114, 700, "PROHIBITION AGAINST"),
    (300, 700, "DISTRIBUTION"),
    (400, 700, "EFFECTIVE DATE"),
    (114, 688, "DISCRIMINATION"),
    (300, 688, "A,B"),
    (400, 688, "01/17/18"),
    (210, 668, "REFERENCES: 720 ILCS 5/7-5, General Orders"),
    (470, 668, "RESCINDS:"),
    (290, 656, "ADM-33, ADM-37"),
    (470, 656, "ROC-10/08-019"),
]


def test_a_header_table_of_names_beside_values_and_check_boxes_is_metadata_not_body(tmp_path):
    page = NAMES_BESIDE_VALUES + pdf_lines(
        "I.|PURPOSE", "A.|Officers shall not stop a person because of the person's race.", top=620
    )
    result, _ = import_pdf(tmp_path, [page])
    policy = result.policy
    assert body_texts(result) == ["PURPOSE", "Officers shall not stop a person because of the person's race."]
    assert (policy.document.number, str(policy.dates.effective)) == ("20-058", "2018-01-17")
    assert policy.document.title == "Prohibition Against Discrimination"
    assert (policy.distribution, policy.rescinds) == (["A,B"], "ROC-10/08-019")
    assert policy.references == ["720 ILCS 5/7-5, General Orders ADM-33, ADM-37"]
    assert "GENERAL ORDER\tSPECIAL ORDER\tNUMBER" in [f.line for f in policy.furniture]
    assert "- Empty or merged items: 0" in section(result.report, "To check")
    assert result.words.percent == 100.0


def test_sentences_after_field_names_are_no_header_table(tmp_path):
    """Field names in the policy's own sentences, after its first labelled line, stay text."""
    page = pdf_lines(
        "I.|PURPOSE",
        "A.|Subject",
        "B.|Distribution",
        "C.|The reference list is kept by the records unit of the department.",
    )
    result, _ = import_pdf(tmp_path, [page])
    assert body_texts(result)[1:3] == ["Subject", "Distribution"]
    assert not result.policy.furniture


FOOTER = [
    (72, 62, "Riverton Police Department Headquarters"),
    (72, 50, "100 North Main Street  Riverton, IL 61101"),
    (72, 38, "(815) 555-0100   https://riverton.example/police"),
]


def test_an_address_footer_repeated_at_the_foot_of_pages_is_furniture_listed_once(tmp_path):
    """The agency's address, phone and web address at the foot of each page leave the body; an address in
    the policy's own words stays."""
    first = pdf_lines(
        "I.|RULES",
        "A.|Reports are handed in at 100 North Main Street, Riverton, IL 61101.",
        "B.|Members shall not post photographs of crime scenes.",
    )
    second = pdf_lines("C.|Members shall not disclose information about investigations.")
    result, lines = import_pdf(tmp_path, [first + FOOTER, second + FOOTER])
    texts = body_texts(result)
    assert "Reports are handed in at 100 North Main Street, Riverton, IL 61101." in texts
    assert not any("Headquarters" in text or "555-0100" in text for text in texts)
    assert texts[-1] == "Members shall not disclose information about investigations."
    footer = [
        n for n, line in enumerate(lines, start=1) if line.strip().startswith(("Riverton Police", "100 ", "(815)"))
    ]
    assert len(footer) == 6
    furniture = section(result.report, "Removed furniture")
    assert (
        f"- lines {', '.join(map(str, footer))}: `Riverton Police Department Headquarters` and 5 more lines: "
        in furniture
    )
    assert furniture.count("address") == 1
    assert result.words.percent == 100.0


def test_an_address_at_the_end_of_the_text_in_its_font_on_one_page_stays_text(tmp_path):
    """A closing paragraph that gives an address and phone, in the text's own font, on one page only, is
    policy text."""
    page = pdf_lines(
        "I.|CONTACT",
        "A.|Questions go to the Records Unit,",
        "100 North Main Street  Riverton, IL 61101,",
        "telephone (815) 555-0100.",
    )
    result, _ = import_pdf(tmp_path, [page])
    assert "(815) 555-0100." in body_texts(result)[-1]
    assert not result.policy.furniture
