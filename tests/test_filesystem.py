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
from generator.cli import main
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


# --- Building: the configuration, the site folder, the swap ----------------------------------------------


def set_site_dir(project: Path, site_dir: str) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "\nsite_dir: site\n" in text
    config.write_text(text.replace("\nsite_dir: site\n", f"\nsite_dir: {site_dir}\n"), encoding="utf-8")


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(
    ("site_dir", "message"),
    [
        ("source", "mkdocs.yml:8:1: site_dir: source/ is the source folder: a build replaces the whole site folder"),
        ("overrides", "mkdocs.yml:8:1: site_dir: overrides/ is the theme's folder (custom_dir)"),
        ("source/originals", "site_dir: source/originals/ is inside the source folder source/"),
        ("notes", "site_dir: notes/ holds files but no index.html, so it is not a site built before"),
        (".", "site_dir"),  # MkDocs refuses it first (docs_dir inside site_dir): either says so
        ("..", "site_dir"),
    ],
)
def test_a_site_dir_that_would_replace_what_the_site_is_built_from_is_refused(project, site_dir, message):
    (project / "notes").mkdir()
    (project / "notes" / "todo.txt").write_text("mine\n", encoding="utf-8")
    set_site_dir(project, site_dir)
    before = {name: tree(project / name) for name in ("source", "overrides", "notes")}
    result = run_handbook(project, "build", timeout=TIMEOUT)
    assert_clear_failure(result, message, "1 problem(s) found; nothing was written.")
    assert {name: tree(project / name) for name in before} == before
    assert (project / "mkdocs.yml").is_file()


def test_a_site_folder_linked_elsewhere_is_built_where_the_link_points(project, tmp_path):
    served = tmp_path / "www" / "handbook"
    served.mkdir(parents=True)
    (project / "site").symlink_to(served)
    result = run_handbook(project, "build", timeout=TIMEOUT)
    assert result.returncode == 0, result.stderr
    assert (project / "site").is_symlink() and (served / "index.html").is_file()


def test_a_site_dir_in_folders_not_made_yet_is_built_as_mkdocs_does(project):
    set_site_dir(project, "public/handbook")
    result = run_handbook(project, "build", timeout=TIMEOUT)
    assert result.returncode == 0, result.stderr
    assert (project / "public" / "handbook" / "index.html").is_file()
    assert not list((project / "public").glob(".handbook.*"))


CONFIG_ERRORS = {
    "missing mkdocs.yml": (lambda p: (p / "mkdocs.yml").unlink(), (), "mkdocs.yml:1:1: cannot use this MkDocs "),
    "--config naming a missing file": (lambda p: None, ("--config", "other.yml"), "other.yml does not exist"),
    "broken mkdocs.yml": (
        lambda p: (p / "mkdocs.yml").write_text("site_name: [\n", encoding="utf-8"),
        (),
        "mkdocs.yml:1:1: cannot use this MkDocs configuration: MkDocs encountered an error parsing",
    ),
    "invalid mkdocs.yml": (
        lambda p: (p / "mkdocs.yml").write_text("site_name: x\nnav: 3\n", encoding="utf-8"),
        (),
        "Config value 'nav'",
    ),
    "mkdocs.yml a folder": (lambda p: ((p / "mkdocs.yml").unlink(), (p / "mkdocs.yml").mkdir()), (), "is a folder"),
    "mkdocs.yml a pipe": (lambda p: ((p / "mkdocs.yml").unlink(), os.mkfifo(p / "mkdocs.yml")), (), "named pipe"),
    "no handbook plugin": (
        lambda p: (p / "mkdocs.yml").write_text("site_name: x\ndocs_dir: .handbook/pages\n", encoding="utf-8"),
        (),
        "the `handbook` plugin is not under `plugins:`",
    ),
}


@pytest.mark.parametrize("case", CONFIG_ERRORS)
def test_a_configuration_that_cannot_be_used_gets_one_clear_error(project, case):
    make, args, message = CONFIG_ERRORS[case]
    make(project)
    result = run_handbook(project, "build", *args, timeout=TIMEOUT)
    assert_clear_failure(result, message, "1 problem(s) found; nothing was written.")
    assert not (project / "site").exists()


def test_handbook_build_reads_the_source_folder_the_plugin_is_configured_with(project):
    """Issue 13: `source: data` in the handbook plugin's options, as `mkdocs build` honours it."""
    (project / "source").rename(project / "data")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("      source: source\n", "      source: data\n"), encoding="utf-8"
    )
    result = run_handbook(project, "build", timeout=TIMEOUT)
    assert result.returncode == 0, result.stderr
    assert (project / "site" / "policies" / "raymore-mo.html").is_file()
    assert (project / "site" / "originals" / "raymore-mo.txt").is_file()


def test_an_unwritable_project_folder_gets_one_clear_error(project, monkeypatch, capsys):
    def refused(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.chdir(project)
    monkeypatch.setattr("generator.build.tempfile.mkdtemp", refused)
    assert main(["build"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "mkdocs.yml:1:1: cannot create the build folder in .: Permission denied; check that the folder is" in err


def test_unwritable_pages_folder_is_one_line_not_a_traceback(project, monkeypatch, capsys):
    def refused(out_dir, pages):
        raise PermissionError(errno.EACCES, "Permission denied", str(out_dir / "index.md"))

    monkeypatch.chdir(project)
    monkeypatch.setattr("generator.generate.write_pages", refused)
    assert main(["build"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert (
        "PermissionError: .handbook/pages/index.md: Permission denied (at " in err and "generator/generate.py:" in err
    )


def build_ok(project: Path) -> None:
    assert main(["build"]) == 0


def leftovers(project: Path) -> list[str]:
    return sorted(p.name for p in project.glob(".site.*"))


@pytest.fixture
def built(project, monkeypatch, capsys) -> Path:
    """The project, with a site built, as the working folder (builds run in this process)."""
    monkeypatch.chdir(project)
    build_ok(project)
    capsys.readouterr()
    return project


def test_the_web_teams_dot_files_in_the_site_are_kept(built):
    site = built / "site"
    (site / ".htaccess").write_text("Require all denied\n", encoding="utf-8")
    (site / ".git").mkdir()
    (site / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    (site / ".well-known").symlink_to("policies")
    git = (site / ".git").stat().st_ino
    (site / "stale.html").write_text("from an old build\n", encoding="utf-8")
    build_ok(built)
    assert (site / ".htaccess").read_text(encoding="utf-8") == "Require all denied\n"
    assert (site / ".git" / "HEAD").read_text(encoding="utf-8") == "ref: refs/heads/main\n"
    assert (site / ".git").stat().st_ino == git, ".git is moved, not copied"
    assert os.readlink(site / ".well-known") == "policies"
    assert not (site / "stale.html").exists() and (site / "index.html").is_file()
    assert leftovers(built) == []


def test_folders_left_by_killed_builds_are_removed_and_nothing_else(built):
    ours = [".site.handbook-staging-k1ll3d_", ".site.handbook-old-1700000000000000000", ".site.old-1700000000000000000"]
    theirs = [".site.backup12", ".site.mine", ".site.handbook-staging-x.txt"]
    for name in ours + theirs[:2]:
        (built / name / "assets").mkdir(parents=True)
        (built / name / "assets" / "big.bin").write_bytes(b"x" * 1000)
    (built / theirs[2]).write_text("a file, not a folder of ours\n", encoding="utf-8")
    build_ok(built)
    assert leftovers(built) == sorted(theirs)


def test_a_build_killed_between_the_two_renames_gets_its_site_back(built, monkeypatch):
    """Where folders cannot be exchanged in one step, the site is absent between two renames; a build
    killed there leaves the previous site beside it, which the next command's build puts back."""
    before = tree(built / "site")
    monkeypatch.setattr("generator.build._exchange", lambda a, b: False)
    real_rename, calls = os.rename, []

    def killed_on_the_second(a, b):
        calls.append((a, b))
        if len(calls) == 2:
            raise KeyboardInterrupt
        real_rename(a, b)

    monkeypatch.setattr("generator.build.os.rename", killed_on_the_second)
    assert main(["build"]) == 130
    assert not (built / "site").exists()
    monkeypatch.setattr("generator.build.os.rename", real_rename)

    (built / "source" / "policies" / "raymore-mo.yml").write_text("schema: [\n", encoding="utf-8")
    assert main(["build"]) == 1  # bad data: no new site, but the previous one is back
    assert tree(built / "site") == before
    assert leftovers(built) == []


def test_the_site_is_swapped_in_one_step_and_never_absent(built, monkeypatch):
    from generator.build import _exchange

    probe = built / "probe"
    (probe / "a").mkdir(parents=True)
    (probe / "b").mkdir()
    (probe / "a" / "x").touch()
    assert _exchange(probe / "a", probe / "b"), "this system exchanges folders in one step (Linux renameat2)"
    assert (probe / "b" / "x").exists() and not (probe / "a" / "x").exists()

    renamed = []
    monkeypatch.setattr("generator.build.os.rename", lambda a, b: renamed.append((a, b)))
    build_ok(built)
    assert renamed == [], "no rename leaves the site absent for a moment"
    assert (built / "site" / "index.html").is_file() and leftovers(built) == []


def test_a_build_killed_while_removing_the_previous_site_leaves_the_new_one(built, monkeypatch):
    def killed(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("generator.build.shutil.rmtree", killed)
    assert main(["build"]) == 130
    assert (built / "site" / "index.html").is_file()
    assert len(leftovers(built)) == 1
    monkeypatch.undo()
    monkeypatch.chdir(built)
    build_ok(built)
    assert leftovers(built) == []


def test_a_previous_site_that_cannot_be_removed_is_not_copied_again_and_again(built, monkeypatch, capsys):
    real_rmtree = shutil.rmtree

    def cannot(path, **handlers):
        handler = handlers.get("onexc") or handlers.get("onerror")
        error = PermissionError(errno.EACCES, "Permission denied")
        handler(os.rmdir, str(Path(path) / "assets"), error if "onexc" in handlers else (type(error), error, None))

    monkeypatch.setattr("generator.build.shutil.rmtree", cannot)
    build_ok(built)
    out = capsys.readouterr().out
    assert "warning: the previous site, moved to .site.handbook-staging-" in out
    assert "could not be removed (Permission denied: .site.handbook-staging-" in out
    assert len(leftovers(built)) == 1

    assert main(["build"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert re.search(
        r"mkdocs\.yml:1:1: \.site\.handbook-staging-\w+/, left by an earlier build, cannot be removed", err
    )
    assert "remove it by hand" in err
    assert len(leftovers(built)) == 1, "no second copy"
    monkeypatch.setattr("generator.build.shutil.rmtree", real_rmtree)
    build_ok(built)
    assert leftovers(built) == []


# --- The source folder itself, and anything unforeseen -----------------------------------------------------


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: None, "elsewhere:1:1: does not exist (expected the source folder"),
        (lambda p: (p / "elsewhere").symlink_to("elsewhere"), "elsewhere:1:1: is not a folder (expected the source"),
        (lambda p: (p / "elsewhere").write_text("x\n", encoding="utf-8"), "elsewhere:1:1: is not a folder"),
    ],
)
def test_a_source_folder_that_is_no_folder_gets_one_clear_error(project, make, message):
    make(project)
    for args in (("check",), ("draft", "--answers", EXAMPLE)):
        result = run_handbook(project, *args, "--source", "elsewhere", timeout=TIMEOUT)
        assert_clear_failure(result, message)


def test_an_unforeseen_file_error_is_one_line_not_a_traceback(project, monkeypatch, capsys):
    def fails(source):
        raise OSError(errno.EIO, "Input/output error", str(project / "source" / "policies"))

    monkeypatch.chdir(project)
    monkeypatch.setattr("generator.load.load_corpus", fails)
    assert main(["check"]) == 1
    err = capsys.readouterr().err
    assert err == "error: source/policies: Input/output error; nothing more was done.\n"
