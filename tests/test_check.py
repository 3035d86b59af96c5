"""`handbook check` reports every problem in source/ at once, as file:line:column: field: message."""

from __future__ import annotations

import subprocess
import textwrap
from pathlib import Path

import pytest

from .conftest import run_handbook

MINIMAL = """\
schema: 1
slug: {slug}
kind: policy
agency:
  name: Example Police Department
document:
  title: Social Media
original: kansas-city-mo.txt
body:
  - label: I.
    heading: POLICY
    text: Members shall be courteous.
"""


def run_check(source: Path) -> subprocess.CompletedProcess:
    return run_handbook(source.parent, "check", "--source", str(source))


def write(project: Path, name: str, text: str | bytes) -> Path:
    path = project / "source" / "policies" / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def problems(result: subprocess.CompletedProcess) -> list[str]:
    return [line for line in result.stderr.splitlines() if ": " in line and not line.endswith("nothing was written.")]


def test_the_real_source_is_valid(project):
    result = run_check(project / "source")
    assert result.returncode == 0, result.stderr
    assert "5 policies" in result.stdout


CASES = {
    "yaml-syntax": ("bad-syntax.yml", "slug: [unclosed\n", "source/policies/bad-syntax.yml:2:1: YAML syntax error"),
    "empty-file": ("empty.yml", "   \n", "source/policies/empty.yml:1:1: file is empty (expected a YAML mapping)"),
    "top-level-list": (
        "a-list.yml",
        "- one\n- two\n",
        "source/policies/a-list.yml:1:1: expected a mapping of policy fields at the top level, got a list",
    ),
    "not-utf8": (
        "latin1.yml",
        b"schema: 1\nslug: caf\xe9\n",
        "source/policies/latin1.yml:2:10: not valid UTF-8 (byte 0xe9)",
    ),
    "unknown-key": (
        "unknown-key.yml",
        MINIMAL.format(slug="unknown-key") + "colour: blue\n",
        "source/policies/unknown-key.yml:13:1: colour: unknown key 'colour' (expected one of: schema, slug, kind",
    ),
    "missing-field": (
        "missing.yml",
        MINIMAL.format(slug="missing").replace("  title: Social Media\n", "  type: Order\n"),
        "source/policies/missing.yml:6:1: document.title: required field is missing",
    ),
    "bad-date": (
        "bad-date.yml",
        MINIMAL.format(slug="bad-date") + "dates:\n  effective: 2014-02-30\n",
        "source/policies/bad-date.yml:14:3: dates.effective: '2014-02-30' is not a date (expected YYYY-MM-DD",
    ),
    "implausible-date": (
        "implausible-date.yml",
        MINIMAL.format(slug="implausible-date") + "dates:\n  revised:\n    - 2014-01-30\n    - 2202-07-01\n",
        (
            "source/policies/implausible-date.yml:16:7: dates.revised[1]: '2202-07-01' is not a plausible date "
            "(expected a date from 1900-01-01 to 2099-12-31)"
        ),
    ),
    "compact-date": (
        "compact-date.yml",
        MINIMAL.format(slug="compact-date") + "dates:\n  issued: '20140130'\n",
        "source/policies/compact-date.yml:14:3: dates.issued: '20140130' is not a date (expected YYYY-MM-DD",
    ),
    "duplicate-id": (
        "dup-id.yml",
        MINIMAL.format(slug="dup-id") + "  - label: I.\n    text: Again.\n",
        "source/policies/dup-id.yml:13:5: body[1].label: duplicate provision id 'dup-id.i' (also at body[0]",
    ),
    "suggested-similarity": (
        "suggested.yml",
        MINIMAL.format(slug="suggested")
        + "    suggested_topics:\n      - topic: scope\n        similarity: 1.3\n        from: raymore-mo.section-8-04\n",
        "source/policies/suggested.yml:15:9: body[0].suggested_topics[0].similarity: 1.3 is not from 0 to 1",
    ),
    "option-undefined": (
        "opt-undef.yml",
        MINIMAL.format(slug="opt-undef").replace("courteous.", "courteous to {{chief}}."),
        "source/policies/opt-undef.yml:12:5: body[0].text: option 'chief' is used in the text but not defined",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_kind_of_problem_has_its_message(project, case):
    name, text, expected = CASES[case]
    write(project, name, text)
    result = run_check(project / "source")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert any(line.startswith(expected) for line in problems(result)), result.stderr


def test_option_defined_but_never_used(project):
    template = project / "source" / "policies" / "massachusetts-template.yml"
    text = template.read_text(encoding="utf-8")
    template.write_text(text.replace("{{investigations-reviewer}}", "the Investigations Commander"), encoding="utf-8")
    result = run_check(project / "source")
    assert result.returncode == 1
    assert any(
        "options[" in line and "option 'investigations-reviewer' is defined but never used" in line
        for line in problems(result)
    ), result.stderr


def test_duplicate_slug_across_files(project):
    write(project, "twin.yml", MINIMAL.format(slug="twin"))
    write(project, "twin.yaml", MINIMAL.format(slug="twin"))
    result = run_check(project / "source")
    assert any(
        line.startswith(
            (
                "source/policies/twin.yml:2:1: slug: duplicate policy slug 'twin'",
                "source/policies/twin.yaml:2:1: slug: duplicate policy slug 'twin'",
            )
        )
        for line in problems(result)
    ), result.stderr


def test_all_problems_in_all_files_are_reported_at_once(project):
    for case in ("yaml-syntax", "unknown-key", "bad-date", "duplicate-id"):
        name, text, _ = CASES[case]
        write(project, name, text)
    result = run_check(project / "source")
    assert result.returncode == 1
    reported = problems(result)
    for case in ("yaml-syntax", "unknown-key", "bad-date", "duplicate-id"):
        assert any(line.startswith(CASES[case][2]) for line in reported), (case, result.stderr)
    assert f"{len(reported)} problem(s) found; nothing was written." in result.stderr


def test_a_wrong_type_names_what_was_expected(project):
    write(project, "wrong-type.yml", MINIMAL.format(slug="wrong-type").replace("  - label: I.", "  - label: 4"))
    result = run_check(project / "source")
    assert any(
        line.startswith(
            "source/policies/wrong-type.yml:10:5: body[0].label: expected a string, got the number 4 (put it in quotes)"
        )
        for line in problems(result)
    ), result.stderr


def test_a_wrong_typed_field_does_not_hide_the_policys_other_problems(project):
    """Every problem of a file at once: a wrong type is reported with the problems across fields."""
    text = MINIMAL.format(slug="all-at-once").replace("schema: 1", 'schema: "1"')
    text = text.replace("courteous.", "courteous to {{chief}}.") + "  - label: I.\n    text: Again.\n"
    write(project, "all-at-once.yml", text.replace("kansas-city-mo.txt", "missing.txt"))
    reported = problems(run_check(project / "source"))
    for expected in (
        "all-at-once.yml:1:1: schema: expected a whole number, got the text '1'",
        "all-at-once.yml:12:5: body[0].text: option 'chief' is used in the text but not defined",
        "all-at-once.yml:13:5: body[1].label: duplicate provision id 'all-at-once.i'",
        "all-at-once.yml:8:1: original: 'missing.txt' is not in originals/",
    ):
        assert any(line.endswith(expected) or expected in line for line in reported), (expected, reported)


def test_an_option_with_a_bad_kind_is_reported_once_not_as_undefined(project):
    template = project / "source" / "policies" / "massachusetts-template.yml"
    text = template.read_text(encoding="utf-8")
    option = "  - id: city-town\n    kind: fill-in\n"
    assert option in text
    template.write_text(text.replace(option, "  - id: city-town\n    kind: fill_in\n"), encoding="utf-8")
    reported = problems(run_check(project / "source"))
    assert len(reported) == 1, reported
    assert "options[7].kind: 'fill_in' is not one of: fill-in, choice, optional" in reported[0]


def test_a_template_that_cannot_be_read_gives_no_glossary_problem(project):
    """The glossary names terms only the template defines: unread, it is not proof they are undefined."""
    template = project / "source" / "policies" / "massachusetts-template.yml"
    template.write_text(template.read_text(encoding="utf-8") + "extra: [unclosed\n", encoding="utf-8")
    reported = problems(run_check(project / "source"))
    assert len(reported) == 1 and "massachusetts-template.yml" in reported[0], reported


@pytest.mark.parametrize(
    "change, expected",
    [
        (("  - label: I.", "  - label: yes"), "body[0].label: expected a string, got a boolean (yes)"),
        (("kind: policy", "kind: ~"), "kind: required field has no value (got nothing)"),
        (("kind: policy", "kind: no"), "kind: expected one of: policy, template; got a boolean (no)"),
        (("  title: Social Media", "  title: 0x1F"), "document.title: expected a string, got the number 0x1F"),
        (("body:", "references: 12\nbody:"), "references: expected a list, got the number 12"),
        (("schema: 1", "schema: ~\nx: 1"), "schema: required field has no value (got nothing)"),
    ],
)
def test_a_wrong_value_is_named_in_yamls_words_as_written(project, change, expected):
    write(project, "as-written.yml", MINIMAL.format(slug="as-written").replace(*change))
    reported = problems(run_check(project / "source"))
    assert any(expected in line for line in reported), reported
    assert not any("NoneType" in line or "True" in line or "False" in line for line in reported), reported


def test_a_file_of_nothing_is_named_so(project):
    write(project, "nothing.yml", "~\n")
    reported = problems(run_check(project / "source"))
    assert any(
        line.endswith("nothing.yml:1:1: expected a mapping of policy fields at the top level, got nothing")
        for line in reported
    ), reported


def test_a_syntax_error_names_where_the_unclosed_part_began(project):
    write(project, "unclosed.yml", MINIMAL.format(slug="unclosed").replace("kind: policy", "kind: [policy"))
    reported = problems(run_check(project / "source"))
    assert len(reported) == 1 and "unclosed.yml:" in reported[0] and "YAML syntax error" in reported[0], reported
    assert "which began at line 3, column 7" in reported[0], reported
