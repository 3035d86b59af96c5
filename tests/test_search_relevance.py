"""The site search on the judged queries of benchmarks/relevance/judged.json may not slide below the
floor recorded in benchmarks/search_relevance.py, and stays ahead of a plain lunr.js index of the same
entries (the benchmark prints the figures; this only guards them)."""

import shutil

import pytest

from benchmarks.search_relevance import FLOOR, evaluate

pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js, as the test command does")


def test_the_site_search_stays_above_its_relevance_floor_and_ahead_of_plain_lunr(site):
    report = evaluate(site)
    ours, lunr = report["searches"]["ours"], report["searches"]["lunr"]
    assert report["queries"] >= 50
    for measure, floor in FLOOR.items():
        assert ours[measure] >= floor, (measure, [r for r in ours["rows"] if r["nDCG@10"] < 0.5])
        assert ours[measure] > lunr[measure], measure
