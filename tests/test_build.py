"""Builds: the `handbook` command and plain `mkdocs build` run the same generation; a failed build leaves site/ alone."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path


def snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def handbook(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=project, capture_output=True, text=True)


def break_a_policy(project: Path) -> None:
    policy = project / "source" / "policies" / "st-joseph-mo.yml"
    text = policy.read_text(encoding="utf-8")
    policy.write_text(text.replace("issued: ", "issued: not-a-date #", 1).replace("schema: 1", "schema: 1\nextra: x", 1),
                      encoding="utf-8")


def test_handbook_build_then_a_failed_build_leaves_the_site_exactly_as_it_was(project):
    first = handbook(project, "build")
    assert first.returncode == 0, first.stderr
    assert "built" in first.stdout and (project / "site" / "policies" / "st-joseph-mo.html").is_file()
    before = snapshot(project / "site")

    break_a_policy(project)
    second = handbook(project, "build")
    assert second.returncode == 1
    assert "Traceback" not in second.stderr
    assert "source/policies/st-joseph-mo.yml:2:1: extra: unknown key 'extra'" in second.stderr
    assert "st-joseph-mo.yml" in second.stderr and "dates.issued: 'not-a-date' is not a date" in second.stderr
    assert snapshot(project / "site") == before
    assert not list(project.glob(".site.*")), "no staging folder is left behind"


def test_plain_mkdocs_build_generates_the_pages_and_refuses_bad_data_before_touching_the_site(project):
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "--strict"]
    ok = subprocess.run(mkdocs, cwd=project, capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    assert "Kansas City Missouri Police Department" in (project / "site" / "index.html").read_text(encoding="utf-8")
    before = snapshot(project / "site")

    break_a_policy(project)
    failed = subprocess.run(mkdocs, cwd=project, capture_output=True, text=True)
    assert failed.returncode != 0
    assert "unknown key 'extra'" in failed.stderr and "Traceback" not in failed.stderr
    assert snapshot(project / "site") == before


def test_generation_writes_only_changed_pages(project):
    from generator.generate import generate

    pages = project / ".handbook" / "pages"
    generate(project / "source", pages)
    stamps = {p: p.stat().st_mtime_ns for p in pages.rglob("*.md")}
    generate(project / "source", pages)
    assert {p: p.stat().st_mtime_ns for p in pages.rglob("*.md")} == stamps
