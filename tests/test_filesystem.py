"""The file system as hostile input (issue 12): links, pipes, folders and unreadable files where files are
expected, a site folder that would destroy the sources, builds killed part-way, commands writing where they
should not. Each gives one clear message naming the file and a non-zero exit, never a traceback or a hang;
nothing outside the project is read, nothing but our own site and staging folders is deleted."""

from __future__ import annotations

import errno
import os
import re
import shutil
from pathlib import Path

import pytest

from generator import files
from generator.load import load_corpus
from generator.problems import SourceError

from .conftest import run_handbook

PROBLEM_LINE = re.compile(r"^[^\n:]+:\d+:\d+: [^\n]+$")
SECRET = "root:x:0:0:a secret outside the project"
# Quick enough that a hang is a failure, not a stuck run.
TIMEOUT = 60


def outside_file(tmp_path: Path) -> Path:
    """A file outside the project, which nothing may read."""
    secret = tmp_path / "outside" / "passwd"
    secret.parent.mkdir(exist_ok=True)
    secret.write_text(SECRET + "\n", encoding="utf-8")
    return secret


def problem_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if PROBLEM_LINE.match(line)]


def assert_clear_failure(result, *expected: str) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr, result.stderr
    for text in expected:
        assert text in result.stderr, result.stderr


# --- Reading only regular files inside the project --------------------------------------------------------


def test_a_linked_original_is_refused_and_never_published(project, tmp_path):
    original = project / "source" / "originals" / "raymore-mo.txt"
    original.unlink()
    original.symlink_to(outside_file(tmp_path))
    for command in ("check", "build"):
        result = run_handbook(project, command, timeout=TIMEOUT)
        assert_clear_failure(
            result,
            "source/policies/raymore-mo.yml:13:1: original: 'raymore-mo.txt' in originals/ is a symbolic link",
        )
    assert not (project / "site").exists()


def test_an_originals_folder_linked_out_of_the_project_is_refused(project, tmp_path):
    originals = project / "source" / "originals"
    outside = tmp_path / "outside" / "originals"
    shutil.move(originals, outside)
    originals.symlink_to(outside)
    result = run_handbook(project, "check", timeout=TIMEOUT)
    assert_clear_failure(result, "'raymore-mo.txt' in originals/ leads outside the source folder source/")


def unreadable(path: Path, monkeypatch) -> None:
    """Opening `path` fails as for a file without read permission (the tests may run as root, who reads all)."""
    real_open = os.open

    def refusing_open(name, flags, *args, **kwargs):
        if Path(name).name == path.name:
            raise PermissionError(errno.EACCES, "Permission denied", str(name))
        return real_open(name, flags, *args, **kwargs)

    monkeypatch.setattr(files.os, "open", refusing_open)


# What can stand in source/policies/ where a policy file is expected, and what `check` must say.
NOT_A_POLICY = {
    "a folder": (lambda p, tmp: p.mkdir(), "bad.yml is a folder, not a file"),
    "a dangling link": (lambda p, tmp: p.symlink_to("nowhere.yml"), "bad.yml is a symbolic link"),
    "a link loop": (lambda p, tmp: p.symlink_to(p.name), "bad.yml is a symbolic link"),
    "a link to a file outside": (lambda p, tmp: p.symlink_to(outside_file(tmp)), "bad.yml is a symbolic link"),
    "a link to a policy": (lambda p, tmp: p.symlink_to("raymore-mo.yml"), "bad.yml is a symbolic link"),
    "a named pipe": (lambda p, tmp: os.mkfifo(p), "bad.yml is a named pipe (FIFO), not a regular file"),
}


@pytest.mark.parametrize("case", NOT_A_POLICY)
def test_a_policy_that_is_no_regular_file_gets_one_clear_error(project, tmp_path, case):
    make, message = NOT_A_POLICY[case]
    make(project / "source" / "policies" / "bad.yml", tmp_path)
    result = run_handbook(project, "check", timeout=TIMEOUT)
    assert_clear_failure(result, f"source/policies/bad.yml:1:1: {message}")
    assert problem_lines(result.stderr) == [line for line in result.stderr.splitlines()[:-1]]
    assert SECRET not in result.stderr


def test_an_unreadable_policy_gets_one_clear_error(project, monkeypatch):
    policy = project / "source" / "policies" / "raymore-mo.yml"
    unreadable(policy, monkeypatch)
    with pytest.raises(SourceError) as error:
        load_corpus(project / "source")
    assert [p.message for p in error.value.problems if p.file.endswith("raymore-mo.yml")] == [
        "raymore-mo.yml cannot be read: permission denied (check the file's permissions)"
    ]


def test_a_named_pipe_as_a_policy_does_not_hang_build_or_draft(project):
    os.mkfifo(project / "source" / "policies" / "pipe.yml")
    answers = "source/answers/example-answers.yml"
    for args in (("build",), ("draft", "--answers", answers)):
        result = run_handbook(project, *args, timeout=TIMEOUT)
        assert_clear_failure(result, "source/policies/pipe.yml:1:1: pipe.yml is a named pipe (FIFO)")
    assert not (project / "site").exists()


@pytest.mark.parametrize("name", ["topics.yml", "glossary.yml"])
def test_a_shared_file_that_is_a_folder_is_not_taken_as_absent(project, name):
    shared = project / "source" / name
    shared.unlink()
    shared.mkdir()
    result = run_handbook(project, "check", timeout=TIMEOUT)
    assert_clear_failure(result, f"source/{name}:1:1: {name} is a folder, not a file")
    assert len(problem_lines(result.stderr)) == 1


# What can be given as an answers file, and what `draft` must say.
NOT_AN_ANSWERS_FILE = {
    "missing": (lambda p: None, "answers.yml:1:1: answers.yml does not exist"),
    "a folder": (lambda p: p.mkdir(), "answers.yml:1:1: answers.yml is a folder, not a file"),
    "a named pipe": (lambda p: os.mkfifo(p), "answers.yml:1:1: answers.yml is a named pipe (FIFO)"),
    "a dangling link": (lambda p: p.symlink_to("gone.yml"), "answers.yml is a symbolic link to a file that does not"),
}


@pytest.mark.parametrize("case", NOT_AN_ANSWERS_FILE)
def test_an_answers_file_that_is_no_regular_file_gets_one_clear_error(project, case):
    make, message = NOT_AN_ANSWERS_FILE[case]
    make(project / "answers.yml")
    result = run_handbook(project, "draft", "--answers", "answers.yml", "--output", "out.md", timeout=TIMEOUT)
    assert_clear_failure(result, message, "1 problem(s) found; nothing was written.")
    assert not (project / "out.md").exists()


def test_a_linked_answers_file_the_user_names_is_read(project):
    (project / "answers.yml").symlink_to(project / "source" / "answers" / "example-answers.yml")
    result = run_handbook(project, "draft", "--answers", "answers.yml", timeout=TIMEOUT)
    assert result.returncode == 0, result.stderr
    assert "Social Media" in result.stdout


# --- Writing: draft's --output, import's files --------------------------------------------------------------

EXAMPLE = "source/answers/example-answers.yml"


def test_draft_never_writes_over_its_answers_file(project):
    answers = project / "answers.yml"
    shutil.copy(project / EXAMPLE, answers)
    before = answers.read_bytes()
    for force in ((), ("--force",)):
        result = run_handbook(project, "draft", "--answers", "answers.yml", "--output", "answers.yml", *force)
        assert_clear_failure(result, "answers.yml:1:1: --output: answers.yml is the answers file; give another")
    (project / "link.yml").symlink_to(answers)
    result = run_handbook(project, "draft", "--answers", "answers.yml", "--output", "link.yml", "--force")
    assert_clear_failure(result, "link.yml:1:1: --output: link.yml is the answers file")
    assert answers.read_bytes() == before


def test_draft_overwrites_an_existing_output_only_with_force_as_import_does(project):
    output = project / "policy.md"
    output.write_text("my edits\n", encoding="utf-8")
    result = run_handbook(project, "draft", "--answers", EXAMPLE, "--output", "policy.md")
    assert_clear_failure(result, "policy.md:1:1: --output: policy.md exists; give --force to overwrite it")
    assert output.read_text(encoding="utf-8") == "my edits\n"
    result = run_handbook(project, "draft", "--answers", EXAMPLE, "--output", "policy.md", "--force")
    assert result.returncode == 0, result.stderr
    assert "Social Media" in output.read_text(encoding="utf-8")


def test_draft_output_that_cannot_be_written_gets_one_clear_error(project):
    (project / "folder").mkdir()
    os.mkfifo(project / "pipe")
    cases = {
        "missing/policy.md": "missing/policy.md:1:1: --output: policy.md cannot be written: the folder missing does not",
        "folder": "folder:1:1: --output: folder is a folder; give a file name",
        "pipe": "pipe:1:1: --output: pipe is a named pipe (FIFO), not a regular file",
    }
    for output, message in cases.items():
        result = run_handbook(project, "draft", "--answers", EXAMPLE, "--output", output, "--force", timeout=TIMEOUT)
        assert_clear_failure(result, message, "1 problem(s) found; nothing was written.")
    assert not (project / "missing").exists()


def test_draft_reports_the_answers_and_the_output_problems_at_once(project):
    (project / "out.md").write_text("kept\n", encoding="utf-8")
    result = run_handbook(project, "draft", "--answers", "nothing.yml", "--output", "out.md")
    assert_clear_failure(
        result,
        "nothing.yml:1:1: nothing.yml does not exist",
        "out.md:1:1: --output: out.md exists; give --force",
        "2 problem(s) found",
    )


def original_text(project: Path) -> Path:
    original = project / "riverton.txt"
    shutil.copy(project / "source" / "originals" / "raymore-mo.txt", original)
    return original


@pytest.mark.parametrize("slug", ["a/b", "../../escaped", "Upper", "/tmp/x"])
def test_import_refuses_a_slug_that_is_no_slug(project, tmp_path, slug):
    original_text(project)
    result = run_handbook(project, "import", "riverton.txt", "--slug", slug)
    assert_clear_failure(result, f"error: --slug {slug!r}: a slug is lower-case letters, digits and single hyphens")
    assert not list(tmp_path.rglob("escaped*")) and not (project / "source" / "policies" / "a").exists()


def test_import_of_a_pipe_does_not_hang(project):
    os.mkfifo(project / "pipe.txt")
    result = run_handbook(project, "import", "pipe.txt", timeout=TIMEOUT)
    assert_clear_failure(result, "error: pipe.txt is a named pipe (FIFO), not a regular file; nothing was written.")


def test_import_replaces_a_link_in_its_targets_place_and_never_writes_through_it(project, tmp_path):
    original_text(project)
    outside = tmp_path / "outside.yml"
    draft = project / "source" / "policies" / "riverton.yml"
    draft.symlink_to(outside)
    refused = run_handbook(project, "import", "riverton.txt")
    assert_clear_failure(refused, "source/policies/riverton.yml exists; give --force")
    result = run_handbook(project, "import", "riverton.txt", "--force")
    assert result.returncode == 0, result.stderr
    assert not outside.exists() and not draft.is_symlink() and "slug: riverton" in draft.read_text(encoding="utf-8")


def test_import_never_writes_over_a_folder(project):
    original_text(project)
    (project / "source" / "policies" / "riverton.report.md").mkdir()
    result = run_handbook(project, "import", "riverton.txt", "--force")
    assert_clear_failure(result, "error: source/policies/riverton.report.md is a folder, not a file; nothing was")
    assert not (project / "source" / "policies" / "riverton.yml").exists()
