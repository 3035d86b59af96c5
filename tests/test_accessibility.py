"""Accessibility: axe-core finds no serious or critical violation on each kind of page, opened from disk, nor
once search results or answers are shown. axe-core comes from npm at the version tests/package-lock.json
pins (tests/run.sh installs it into tests/node_modules)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from .conftest import compare_search, corpus_slugs, site_search

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = {"serious", "critical"}


def blocking_violations(page) -> list[str]:
    """Run axe-core on the page as it is now; its serious and critical violations, one line per element."""
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run `npm ci --prefix tests` (tests/run.sh does)")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{violation['impact']} {violation['id']} ({violation['help']}): {node['target']} {node['html'][:120]}"
        for violation in result["violations"]
        if violation["impact"] in BLOCKING
        for node in violation["nodes"]
    ]


def most_compared_topic(corpus) -> str:
    """The topic the most policies address: its page has the most columns, differences and choices."""
    counts = Counter(
        topic
        for policy in corpus.policies
        for topic in {t for provision in policy.provisions() for t in provision.topics}
    )
    return counts.most_common(1)[0][0]


def pages(corpus) -> list[str]:
    return (
        ["index.html"]
        + [f"policies/{slug}.html" for slug in corpus_slugs()]
        + [
            f"compare/topics/{most_compared_topic(corpus)}.html",
            "compare/index.html",
            "glossary.html",
            "compare/search.html",
            "draft.html",
        ]
    )


def test_every_kind_of_page_has_no_serious_or_critical_violation(offline_page, site, corpus):
    found = []
    for relative in pages(corpus):
        page = offline_page.open(site, relative)
        page.wait_for_load_state("load")
        found += [f"{relative}: {violation}" for violation in blocking_violations(page)]
    assert found == []
    assert offline_page.errors == []


def test_compare_search_results_have_no_serious_or_critical_violation(offline_page, site):
    page = offline_page.open(site, "compare/search.html")
    compare_search(page, "undercover")
    assert blocking_violations(page) == []


def test_site_search_results_have_no_serious_or_critical_violation(offline_page, site):
    page = offline_page.open(site, "index.html")
    site_search(page, "undercover")
    assert blocking_violations(page) == []


def test_an_answered_draft_has_no_serious_or_critical_violation(offline_page, site):
    page = offline_page.open(site, "draft.html")
    page.locator("#draft-progress").filter(has_text="answered").wait_for()
    page.fill("#draft-city-town", "Town of Millbrook")
    page.check("#draft-refer-to-self-item--omit")
    page.locator("#draft-document .draft-fill", has_text="Town of Millbrook").first.wait_for()
    assert blocking_violations(page) == []
