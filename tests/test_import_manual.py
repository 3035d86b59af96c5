"""`handbook import MANUAL.pdf --list | --policy N | --all`: a manual of many policies, one draft per policy.

The two Lexipol manuals of the real corpus (`../shared/corpus`, read-only: each test copies the file it
needs into its own project) are read from their bookmarks; a manual written here, without bookmarks, is
read from its policies' headings.
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest

from generator.cli import main as handbook
from generator.load import load_corpus

from .conftest import ROOT
from .pdfs import PAGE_HEIGHT, pdf

CORPUS = ROOT.parent / "shared" / "corpus"  # beside the clone, as in CI (see the corpus's README)
LISLE = "Lisle__RELEASE_20200504_T124942_Lisle_PD_Policy_Manual_202006050733112249.pdf"
NORTHBROOK = "Northbrook__RELEASE_20200610_T123804_Northbrook_PD_Policy_Manual_202006101600362558.pdf"


def real_manual(folder: Path, name: str, as_name: str) -> Path:
    """A copy of a manual of the real corpus in `folder`; the corpus must be there (CI has it)."""
    if not (CORPUS / name).is_file():
        pytest.fail(f"the real corpus is not at {CORPUS}: these tests read its manuals (see its README)")
    return Path(shutil.copy(CORPUS / name, folder / as_name))


def files_under(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_list_names_each_policy_of_a_manual_with_its_pages_and_writes_nothing(in_project, capsys):
    manual = real_manual(in_project, LISLE, "lisle.pdf")
    before = files_under(in_project / "source")
    assert handbook(["import", str(manual), "--list"]) == 0
    listed = capsys.readouterr().out
    assert listed.startswith(
        "164 policies of Village of Lisle Police Department in 632 pages (from the PDF's bookmarks)"
    )
    rows = {" ".join(line.split()) for line in listed.splitlines()}
    assert "342 Department Use of Social Media (pages 233-235, 3)" in rows
    assert "1027 Employee Speech, Expression and Social Networking (pages 618-621, 4)" in rows
    assert "101 Chief Executive Officer (page 12)" in rows
    # The manual's index follows its last policy with no bookmark of its own: it is not that policy's.
    assert "1028 Illness and Injury Prevention (pages 622-626, 5)" in rows
    assert files_under(in_project / "source") == before


def test_one_policy_of_a_manual_is_a_checked_draft_of_its_own_pages_naming_the_manuals_agency(in_project, capsys):
    manual = real_manual(in_project, NORTHBROOK, "northbrook.pdf")
    assert handbook(["import", str(manual), "--policy", "Department Use of Social Media"]) == 0
    report = capsys.readouterr().out
    assert "number read as '339'" in report and "imported from pages 234-236 of the manual" in report
    assert handbook(["check"]) == 0
    policy = load_corpus(in_project / "source").policy("northbrook-339")
    assert policy.agency.name == "Northbrook Police Department"
    assert (policy.document.number, policy.document.title) == ("339", "Department Use of Social Media")
    originals = in_project / "source/originals"
    assert (originals / policy.original_document).read_bytes() == manual.read_bytes()
    text = (originals / policy.original).read_text(encoding="utf-8")
    assert "339.1" in text and "340.1" not in text and "338.1" not in text  # its pages alone
    words = " ".join(p.text for p in policy.provisions())
    assert "Announcements." in words
    assert "Copyright Lexipol" not in words and "Northbrook PD Policy Manual" not in words  # running lines
    assert [p.label for p in policy.body][:3] == ["339.1", "339.2", "339.3"]


def test_a_policy_a_manual_does_not_hold_is_refused_with_how_to_see_those_it_holds(in_project, capsys):
    manual = real_manual(in_project, LISLE, "lisle.pdf")
    before = files_under(in_project / "source")
    assert handbook(["import", str(manual), "--policy", "342", "--policy", "9999"]) == 1
    err = capsys.readouterr().err
    assert "no policy '9999' in it" in err and f"handbook import {manual} --list" in err and "164" in err
    # Two policies share the number 1002: the number alone does not say which.
    assert handbook(["import", str(manual), "--policy", "1002"]) == 1
    err = capsys.readouterr().err
    assert "'1002' names 2 policies" in err and "Evaluation of Employees" in err and "Anti-Retaliation" in err
    assert handbook(["import", str(manual), "--policy", "Anti-Retaliation"]) == 0
    assert (in_project / "source/policies/lisle-1002-anti-retaliation.yml").is_file()
    assert "lisle-342.yml" not in str(files_under(in_project / "source"))  # the refused run wrote nothing
    assert set(before) < set(files_under(in_project / "source"))


def riverton_manual() -> bytes:
    """A manual of three policies without bookmarks, as Lexipol sets them out: on each policy's first page
    the policy's number and title over its first section (`100.1 PURPOSE AND SCOPE`); the agency at the top
    and the manual's name at the foot of every page; on later pages, the policy's title at the top."""

    def page(*texts: tuple[float, str], title: str | None = None) -> list[tuple[float, float, str]]:
        running = [(72, PAGE_HEIGHT - 40, "Riverton Police Department"), (72, 40, "Riverton Policy Manual")]
        if title:
            running.append((72, PAGE_HEIGHT - 60, title))
        return running + [(72, PAGE_HEIGHT - top, text) for top, text in texts]

    def first_page(number: str, title: str, *texts: tuple[float, str]) -> list[tuple[float, float, str]]:
        return page((80, number), (100, title), *texts)

    return pdf(
        [
            first_page(
                "100",
                "Social Media",
                (140, "100.1 PURPOSE AND SCOPE"),
                (160, "This policy guides the use of social media by members of the Department."),
                (190, "100.2 PROHIBITED CONTENT"),
                (210, "Members shall not post:"),
                (230, "(a) Confidential information."),
                (250, "(b) Photographs of crime scenes."),
            ),
            page(
                (110, "100.3 PERSONAL USE"),
                (130, "Members may keep personal accounts and shall not speak for the Department on them."),
                title="Social Media",
            ),
            first_page(
                "200",
                "Body-Worn Cameras",
                (140, "200.1 PURPOSE AND SCOPE"),
                (160, "This policy governs the recording of contacts with the public."),
                (190, "200.2 ACTIVATION"),
                (210, "Officers shall start recording before they arrive at a call for service."),
            ),
            first_page(
                "300",
                "Vehicle Pursuits",
                (140, "300.1 PURPOSE AND SCOPE"),
                (160, "This policy governs pursuits of vehicles whose drivers refuse to stop."),
            ),
        ]
    )


def test_every_policy_of_a_manual_without_bookmarks_is_a_draft_and_the_project_builds(in_project, capsys):
    from generator.mkdocs_plugin import build_into

    manual = in_project / "riverton.pdf"
    manual.write_bytes(riverton_manual())
    assert handbook(["import", str(manual), "--list"]) == 0
    listed = [" ".join(line.split()) for line in capsys.readouterr().out.splitlines()]
    assert listed == [
        "3 policies of Riverton Police Department in 4 pages (from the PDF's headings):",
        "100 Social Media (pages 1-2, 2)",
        "200 Body-Worn Cameras (page 3)",
        "300 Vehicle Pursuits (page 4)",
    ]
    assert handbook(["import", str(manual), "--all"]) == 0
    assert handbook(["check"]) == 0
    corpus = load_corpus(in_project / "source")
    drafts = [corpus.policy(slug) for slug in ("riverton-100", "riverton-200", "riverton-300")]
    assert {p.agency.name for p in drafts} == {"Riverton Police Department"}
    assert [(p.document.number, p.document.title) for p in drafts] == [
        ("100", "Social Media"),
        ("200", "Body-Worn Cameras"),
        ("300", "Vehicle Pursuits"),
    ]
    social_media = drafts[0]
    assert [p.label for p in social_media.provisions()] == ["100.1", "100.2", "(a)", "(b)", "100.3"]
    assert not any("Riverton Policy Manual" in p.text for p in social_media.provisions())
    # Each names itself beside the agency's other policies where they are compared.
    assert drafts[0].name == "Riverton Police Department — Social Media"

    assert handbook(["import", str(manual), "--all"]) == 1  # again: nothing is overwritten without --force
    assert "riverton-100.yml exists; give --force" in capsys.readouterr().err

    build_into(in_project / "mkdocs.yml", in_project / "site", strict=True)
    policies = page_text(in_project / "site/policies/index.html")
    assert policies.count("Riverton Police Department") == 1  # one heading, the agency's three policies under it
    assert re.search(
        r"Riverton Police Department ¶? ?Social Media 100 Body-Worn Cameras 200 Vehicle Pursuits 300", policies
    )
    home = page_text(in_project / "site/index.html")
    assert re.search(r"Riverton Police Department 100 Social Media .* Riverton Police Department 200 Body-Worn", home)


def test_a_manual_option_on_a_file_that_is_not_a_pdf_is_refused(in_project, capsys):
    (in_project / "policy.txt").write_text("I. PURPOSE\nA. Members shall be courteous.\n", encoding="utf-8")
    assert handbook(["import", "policy.txt", "--list"]) == 1
    assert "--list, --policy and --all read a PDF manual" in capsys.readouterr().err


def page_text(page: Path) -> str:
    """The words of a built page's article (not its navigation), without markup."""
    article = re.search(r"<article\b.*?</article>", page.read_text(encoding="utf-8"), re.DOTALL)
    assert article, f"{page} has no article"
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", article.group(0))).split())
