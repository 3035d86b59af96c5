"""Builds: the `handbook` command and plain `mkdocs build` run the same generation; a failed build leaves site/ alone;
building twice gives the same bytes."""

from __future__ import annotations

import gzip
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest

from generator.load import load_corpus

from .conftest import copy_project, run_handbook


def snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def break_a_policy(project: Path) -> None:
    policy = project / "source" / "policies" / "st-joseph-mo.yml"
    text = policy.read_text(encoding="utf-8")
    policy.write_text(
        text.replace("issued: ", "issued: not-a-date #", 1).replace("schema: 1", "schema: 1\nextra: x", 1),
        encoding="utf-8",
    )


def test_handbook_build_then_a_failed_build_leaves_the_site_exactly_as_it_was(project):
    first = run_handbook(project, "build")
    assert first.returncode == 0, first.stderr
    assert "built" in first.stdout and (project / "site" / "policies" / "st-joseph-mo.html").is_file()
    before = snapshot(project / "site")

    break_a_policy(project)
    second = run_handbook(project, "build")
    assert second.returncode == 1
    assert "Traceback" not in second.stderr
    assert "source/policies/st-joseph-mo.yml:2:1: extra: unknown key 'extra'" in second.stderr
    assert "st-joseph-mo.yml" in second.stderr and "dates.issued: 'not-a-date' is not a date" in second.stderr
    assert snapshot(project / "site") == before
    assert not list(project.glob(".site.*")), "no staging folder is left behind"


def test_plain_mkdocs_build_generates_the_pages_and_refuses_bad_data_before_touching_the_site(project):
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "--strict"]
    ok = subprocess.run(mkdocs, cwd=project, capture_output=True, text=True, check=False)
    assert ok.returncode == 0, ok.stderr
    assert "Kansas City Missouri Police Department" in (project / "site" / "index.html").read_text(encoding="utf-8")
    before = snapshot(project / "site")

    break_a_policy(project)
    failed = subprocess.run(mkdocs, cwd=project, capture_output=True, text=True, check=False)
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


def boom(glossary):
    raise KeyError("term")


def break_the_theme(project: Path) -> None:
    (project / "overrides" / "main.html").write_text(
        '{% extends "base.html" %}\n{% block content %}\n{{ page.content }\n{% endblock %}\n', encoding="utf-8"
    )


# How a build fails part-way after the data was checked: a renderer's bug, a broken theme override.
RENDERER_ERRORS = {
    "renderer raises": (
        lambda project, monkeypatch: monkeypatch.setattr("generator.features.glossary.render.render_glossary", boom),
        "KeyError: 'term' (at ",
        "generator/features/glossary/render.py:",
    ),
    "theme override invalid": (
        lambda project, monkeypatch: break_the_theme(project),
        "TemplateSyntaxError: ",  # Jinja's own words after it are Jinja's to change
        "(at overrides/main.html:3, in template)",
    ),
}


@pytest.mark.parametrize("case", RENDERER_ERRORS)
def test_a_build_failing_part_way_leaves_the_site_exactly_as_it_was(project, monkeypatch, capsys, case):
    from generator.cli import main

    monkeypatch.chdir(project)
    assert main(["build"]) == 0
    before = snapshot(project / "site")
    capsys.readouterr()

    make_it_fail, message, place = RENDERER_ERRORS[case]
    make_it_fail(project, monkeypatch)
    assert main(["build"]) == 1
    stderr = capsys.readouterr().err
    assert "Traceback" not in stderr
    problem, summary = stderr.strip().splitlines()
    assert problem.startswith("mkdocs.yml:1:1: site build failed (site/ was left as it was): ")
    assert message in problem and place in problem
    assert summary == "1 problem(s) found; nothing was written."
    assert snapshot(project / "site") == before
    assert not list(project.glob(".site.*")), "no staging folder is left behind"


SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_building_twice_gives_byte_identical_sites(project, tmp_path):
    """Two builds of the same source, in other folders, processes (hash seeds) and on other days, give the
    same bytes in every file. Two files carry a date: sitemap.xml (each page's lastmod, written when
    `site_url` is set) and sitemap.xml.gz (the date in its gzip header). The plugin takes those dates from
    the data, not the clock (generator.generate.page_dates), so they too are identical and no file is
    left out of the comparison."""
    from generator.generate import page_dates

    config = project / "mkdocs.yml"
    hosted = config.read_text(encoding="utf-8").replace(
        'site_url: ""', 'site_url: "https://intranet.example/handbook/"'
    )
    config.write_text(hosted, encoding="utf-8")
    other = copy_project(tmp_path / "other")
    shutil.copy(config, other / "mkdocs.yml")
    builds = []
    for folder, seed, day in ((project, "1", "86400"), (other, "2", "1700000000")):
        env = {**os.environ, "PYTHONHASHSEED": seed, "SOURCE_DATE_EPOCH": day}
        result = run_handbook(folder, "build", env=env)
        assert result.returncode == 0, result.stderr
        builds.append(snapshot(folder / "site"))
    assert builds[0] == builds[1]

    by_page, newest = page_dates(load_corpus(project / "source"))
    sitemap = (project / "site" / "sitemap.xml").read_bytes()
    urls = {
        url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod")
        for url in ElementTree.fromstring(sitemap).iter(f"{SITEMAP}url")
    }
    site_url = "https://intranet.example/handbook/"
    assert urls[site_url + "policies/st-joseph-mo.html"] == by_page["policies/st-joseph-mo.md"].isoformat()
    assert urls[site_url + "glossary.html"] == newest.isoformat()
    with gzip.open(project / "site" / "sitemap.xml.gz") as packed:
        assert packed.read() == sitemap


def test_handbook_generate_writes_the_pages_and_their_titles_for_any_site_engine(project):
    """`handbook generate` is the generation step alone: the pages MkDocs (or another engine reading
    mkdocs.yml) builds from, and a manifest of each page's title and table of contents beside them."""
    import json

    result = run_handbook(project, "generate")
    assert result.returncode == 0, result.stderr
    page = (project / ".handbook" / "pages" / "policies" / "raymore-mo.md").read_text(encoding="utf-8")
    assert 'id="raymore-mo.section-8-00"' in page and "Raymore" in page
    manifest = json.loads((project / ".handbook" / "pages.json").read_text(encoding="utf-8"))
    entry = manifest["policies/raymore-mo.md"]
    assert entry["title"] == "Raymore Police Department: Social Networking"
    assert any(heading["id"] == "raymore-mo.section-8-00" for heading in entry["toc"][0]["children"])
    assert not (project / "site").exists()

    before = {p: p.read_bytes() for p in (project / ".handbook").rglob("*") if p.is_file()}
    break_a_policy(project)
    failed = run_handbook(project, "generate")
    assert failed.returncode == 1 and "unknown key 'extra'" in failed.stderr and "Traceback" not in failed.stderr
    assert {p: p.read_bytes() for p in (project / ".handbook").rglob("*") if p.is_file()} == before
