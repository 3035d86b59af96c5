"""How well the site search finds what a reader means, against a plain lunr.js index of the same entries.

The judged set (`benchmarks/relevance/judged.json`) holds queries officers and drafters would type on the
real corpus — rules, terms, situations, section numbers, names, misspellings — each with the provisions
(and topic, glossary or policy pages) a person would expect: every entry whose words carry the query's
concept (`concept`: patterns its text must have, `!` one it must not, `#` its address, `@` exactly this page),
read and kept by hand. Both searches run in Node (`benchmarks/search_node.js`) over the same built site:
ours is the site's own `search-index.js` reading `search-index/`; lunr's is `lunr(...)` with its defaults
(fields title and text, its stemmer and stop words), as the theme's search would build it.

For each: success@3 (a relevant entry among the first three) and nDCG@10 (binary relevance), averaged over
the queries; and latency per query in Node, cold (first pass, index files read as they are needed) and warm.

    .venv/bin/python benchmarks/search_relevance.py [--site SITE]

prints the table and writes `benchmarks/relevance/results.json`. `tests/test_search_relevance.py` keeps
ours from sliding below `FLOOR`.
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JUDGED = ROOT / "benchmarks" / "relevance" / "judged.json"
RESULTS = ROOT / "benchmarks" / "relevance" / "results.json"
NODE_RUNNER = ROOT / "benchmarks" / "search_node.js"
FLOOR = {"success@3": 0.9, "nDCG@10": 0.75}  # ours on the judged set may not fall below these


def judged() -> list[dict]:
    return json.loads(JUDGED.read_text(encoding="utf-8"))


def success_at(found: list[str], relevant: set[str], k: int = 3) -> float:
    return 1.0 if any(a in relevant for a in found[:k]) else 0.0


def ndcg_at(found: list[str], relevant: set[str], k: int = 10) -> float:
    dcg = sum(1 / math.log2(i + 2) for i, a in enumerate(found[:k]) if a in relevant)
    ideal = sum(1 / math.log2(i + 2) for i in range(min(k, len(relevant))))
    return dcg / ideal if ideal else 0.0


def run_node(site: Path, queries: list[str]) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(queries, f)
    out = subprocess.run(
        ["node", str(NODE_RUNNER), str(site), f.name], capture_output=True, text=True, check=True, timeout=600
    )
    Path(f.name).unlink()
    return json.loads(out.stdout)


def evaluate(site: Path) -> dict:
    """Both searches on the judged set: the measures, and each query's first results."""
    cases = judged()
    ran = run_node(site, [c["query"] for c in cases])
    report: dict = {"queries": len(cases), "searches": {}}
    for name in ("ours", "lunr"):
        rows = []
        for case, result in zip(cases, ran[name]):
            relevant = set(case["relevant"])
            rows.append(
                {
                    "query": case["query"],
                    "kind": case["kind"],
                    "success@3": success_at(result["found"], relevant),
                    "nDCG@10": round(ndcg_at(result["found"], relevant), 3),
                    "found": result["found"][:3],
                    "ms": round(result["ms"], 2),
                }
            )
        warm = ran["oursWarmMs" if name == "ours" else "lunrWarmMs"]
        report["searches"][name] = {
            "success@3": round(statistics.mean(r["success@3"] for r in rows), 3),
            "nDCG@10": round(statistics.mean(r["nDCG@10"] for r in rows), 3),
            "cold_ms_median": round(statistics.median(r["ms"] for r in rows), 2),
            "warm_ms_median": round(statistics.median(warm), 2),
            "warm_ms_p95": round(sorted(warm)[int(0.95 * (len(warm) - 1))], 2),
            "by_kind": {
                kind: round(statistics.mean(r["nDCG@10"] for r in rows if r["kind"] == kind), 3)
                for kind in sorted({r["kind"] for r in rows})
            },
            "rows": rows,
        }
    report["lunr_index_build_ms"] = round(ran["lunrBuildMs"], 1)
    return report


def table(report: dict) -> str:
    ours, lunr = report["searches"]["ours"], report["searches"]["lunr"]
    lines = [
        f"| measure ({report['queries']} judged queries) | ours | plain lunr.js |",
        "| --- | ---: | ---: |",
        f"| success@3 | {ours['success@3']:.2f} | {lunr['success@3']:.2f} |",
        f"| nDCG@10 | {ours['nDCG@10']:.2f} | {lunr['nDCG@10']:.2f} |",
    ]
    for kind in ours["by_kind"]:
        lines.append(f"| nDCG@10, {kind} queries | {ours['by_kind'][kind]:.2f} | {lunr['by_kind'][kind]:.2f} |")
    lines += [
        f"| latency per query, first (median) | {ours['cold_ms_median']:.1f} ms | {lunr['cold_ms_median']:.1f} ms |",
        (
            f"| latency per query, warm (median / p95) | {ours['warm_ms_median']:.1f} / {ours['warm_ms_p95']:.1f} ms "
            f"| {lunr['warm_ms_median']:.1f} / {lunr['warm_ms_p95']:.1f} ms |"
        ),
        f"| index built in the browser first | none | {report['lunr_index_build_ms']:.0f} ms |",
    ]
    return "\n".join(lines)


def build_site(work: Path) -> Path:
    sys.path.insert(0, str(ROOT))
    from generator.mkdocs_plugin import build_into
    from tests.conftest import copy_project

    project = copy_project(work)
    build_into(project / "mkdocs.yml", project / "site", strict=True)
    return project / "site"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a built site of the real corpus (default: build one)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as work:
        site = args.site or build_site(Path(work))
        report = evaluate(site)
    RESULTS.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(table(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
