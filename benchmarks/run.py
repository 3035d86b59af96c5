"""The scale benchmark: synthesize handbooks of N agencies, build them, measure, print a table, write JSON.

    .venv/bin/python benchmarks/run.py --sizes 5 100 1000

For each N (5 is the real corpus; see benchmarks/synthesize.py for how the others are made), in one run:

- the floor: parsing every YAML file of `source/` with PyYAML's C loader, nothing else;
- `handbook check` (load and validate), then generation (render the pages and write them);
- the full site build, as `handbook build` runs it, with the share of it spent generating;
- the built site: pages, total size, largest page, per-page HTML sizes, the largest print edition with the
  policies' texts it runs, every search index shipped and the largest one a page loads;
- in headless Chromium, from file:// with the network refused: typing a query to the first results, in the
  site search and in the compare search, and changing an option to the preview updated on the draft page.

Budgets (issue 7) are checked at the end. Not part of the test run: it takes minutes at N = 1,000.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlparse

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.synthesize import synthesize
from generator.build import build_site
from generator.generate import render_pages, write_pages
from generator.load import SourceLayout, load_corpus
from generator.mkdocs_plugin import pages as plugin_pages

RESULTS = ROOT / "benchmarks" / "results.json"
KB = 1000
PAGE_BUDGET = 100 * KB
INDEX_BUDGET = 2_000_000
# What a search index is: the theme's own site-search index, and the prebuilt index of search-index/
# (its first script, word-index parts, policies' texts) that the site search and the compare search share.
SEARCH_INDEX_PATTERNS = ("search/search_index.*", "search-index/*.js", "search-index/*/*.js")
QUERY, SECOND_QUERY = "undercover", "guilt"


# --- Timing helpers ---------------------------------------------------------------------------------


def seconds(action, *args):
    """`action(*args)` and how long it took, in seconds."""
    started = time.perf_counter()
    value = action(*args)
    return value, time.perf_counter() - started


@contextmanager
def timed_generation(times: list[float]):
    """Records how long each generation run by the build's plugin takes (it regenerates every build)."""
    original = plugin_pages.generate

    def generate(source, out_dir):
        value, took = seconds(original, source, out_dir)
        times.append(took)
        return value

    plugin_pages.generate = generate
    try:
        yield times
    finally:
        plugin_pages.generate = original


# --- Project ----------------------------------------------------------------------------------------


def make_project(size: int, work: Path) -> Path:
    """A private project of `size` agencies: synthesized source/, the real overrides/ and mkdocs.yml."""
    project = work / f"n{size}"
    if project.exists():
        shutil.rmtree(project)
    project.mkdir(parents=True)
    synthesize(ROOT / "source", project / "source", size)
    shutil.copytree(ROOT / "overrides", project / "overrides")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    (project / ".handbook" / "pages").mkdir(parents=True)
    return project


def parse_floor(source: Path, repeat: int = 3) -> float:
    """Best time to read and parse every YAML file of `source/` with the C loader."""
    files = sorted(source.rglob("*.yml"))

    def parse_all():
        for path in files:
            yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)

    return min(seconds(parse_all)[1] for _ in range(repeat))


def time_pipeline(project: Path) -> dict:
    """`handbook check`, generation and the full build of `project`, in seconds."""
    source = project / "source"
    timings = {"yaml_parse_s": parse_floor(source)}
    corpus, timings["check_s"] = seconds(load_corpus, source)
    pages, timings["render_s"] = seconds(render_pages, corpus, SourceLayout(source))
    scratch = project / ".handbook" / "bench-pages"
    _, timings["write_s"] = seconds(write_pages, scratch, pages)
    shutil.rmtree(scratch)
    timings["generation_s"] = timings["render_s"] + timings["write_s"]
    timings["check_and_generation_s"] = timings["check_s"] + timings["generation_s"]
    with timed_generation([]) as inside:
        _, timings["build_s"] = seconds(build_site, project / "mkdocs.yml")
    timings["generation_in_build_s"] = sum(inside)  # check + render + write, as the plugin runs it
    timings["policies"] = len(corpus.policies)
    timings["provisions"] = sum(1 for p in corpus.policies for _ in p.provisions())
    return timings


# --- Sizes ------------------------------------------------------------------------------------------


def search_indexes(site: Path) -> dict[str, int]:
    """Every search index file of the site, by path, with its size."""
    found = {}
    for pattern in SEARCH_INDEX_PATTERNS:
        for path in sorted(site.glob(pattern)):
            found[path.relative_to(site).as_posix()] = path.stat().st_size
    return found


def index_summary(indexes: dict[str, int]) -> dict:
    """Search index files by folder: how many, their total size and the largest."""
    folders: dict[str, dict] = {}
    for path, size in indexes.items():
        folder = folders.setdefault(path.rsplit("/", 1)[0], {"files": 0, "bytes": 0, "largest": 0})
        folder["files"] += 1
        folder["bytes"] += size
        folder["largest"] = max(folder["largest"], size)
    return folders


def site_sizes(site: Path) -> dict:
    """Pages, total size, per-page HTML size figures and the search indexes of a built site."""
    files = [p for p in site.rglob("*") if p.is_file()]
    pages = {p.relative_to(site).as_posix(): p.stat().st_size for p in files if p.suffix == ".html"}
    sizes = sorted(pages.values())
    largest = sorted(pages.items(), key=lambda item: -item[1])
    return {
        "pages": len(pages),
        "site_bytes": sum(p.stat().st_size for p in files),
        "html_bytes": sum(sizes),
        "page_bytes": {
            "min": sizes[0],
            "median": int(statistics.median(sizes)),
            "mean": int(statistics.mean(sizes)),
            "p95": sizes[int(0.95 * (len(sizes) - 1))],
            "max": sizes[-1],
        },
        "largest_pages": dict(largest[:8]),
        "pages_over_budget": sum(1 for size in sizes if size > PAGE_BUDGET),
        "search_indexes": index_summary(search_indexes(site)),
        "print_editions": print_editions(site),
    }


PRINT_PART = re.compile(r'<script src="(parts/[^"]+\.js)"></script>')


def print_editions(site: Path) -> dict:
    """The print editions: how many, and the largest by what printing it loads (its page and the
    policies' texts it runs, print/parts/), in bytes."""
    weights = {}
    for page in sorted((site / "print").glob("*.html")):
        parts = PRINT_PART.findall(page.read_text(encoding="utf-8"))
        weights[page.relative_to(site).as_posix()] = (
            page.stat().st_size,
            sum((page.parent / part).stat().st_size for part in parts),
        )
    largest = max(weights, key=lambda name: sum(weights[name]), default=None)
    return {
        "editions": len(weights),
        "largest": largest,
        "largest_page_bytes": weights[largest][0] if largest else 0,
        "largest_texts_bytes": weights[largest][1] if largest else 0,
    }


# --- Browser ----------------------------------------------------------------------------------------

# Installed before typing: the time of the first key press in `input` and of the first result in `results`.
TIME_FIRST_RESULTS = """([input, results, item]) => {
  window.benchTiming = {};
  const box = document.querySelector(input), list = document.querySelector(results);
  box.addEventListener("keydown", () => {
    window.benchTiming.typed = window.benchTiming.typed || performance.now();
  }, {capture: true});
  new MutationObserver((_, observer) => {
    if (list.querySelector(item)) {
      window.benchTiming.shown = performance.now();
      observer.disconnect();
    }
  }).observe(list, {childList: true, subtree: true});
}"""

# Installed on the draft page: the time of each form event and of the preview's last change after it
# (its text, what is shown, and the highlight of what changed; not the highlight fading later).
TIME_PREVIEW = """() => {
  window.benchPreview = [];
  const record = () => window.benchPreview.push({changed: performance.now(), updated: null});
  document.addEventListener("input", record, {capture: true});
  document.addEventListener("change", record, {capture: true});
  const fading = (r) => r.attributeName === "class" && (r.oldValue || "").includes("draft-changed")
    && !r.target.classList.contains("draft-changed");
  new MutationObserver((records) => {
    const last = window.benchPreview[window.benchPreview.length - 1];
    if (last && !records.every(fading)) last.updated = performance.now();
  }).observe(document.getElementById("draft-document"),
             {subtree: true, childList: true, attributes: true, attributeOldValue: true, characterData: true});
}"""

SETTLE = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
LOADED = "() => performance.getEntriesByType('navigation')[0].loadEventEnd"


class LoadedFiles:
    """The site files a browser context loaded (every frame and worker), by their path inside the site."""

    def __init__(self, context, site: Path):
        self.site, self.paths = site.resolve(), set()
        context.on("request", self._record)

    def _record(self, request):
        if request.url.startswith("file://"):
            path = Path(unquote(urlparse(request.url).path))
            if path.is_relative_to(self.site):
                self.paths.add(path.relative_to(self.site).as_posix())

    def indexes(self) -> dict:
        """The search index files loaded: how many, their total size, and the largest."""
        indexes = search_indexes(self.site)
        loaded = sorted((indexes[path], path) for path in self.paths if path in indexes)
        return {
            "index_files_loaded": len(loaded),
            "index_bytes_loaded": sum(size for size, _ in loaded),
            "largest_index_loaded": loaded[-1][1] if loaded else None,
            "largest_index_bytes": loaded[-1][0] if loaded else 0,
        }


def time_first_results(page, input_selector: str, results: str, item: str, query: str, timeout: float) -> float:
    """Milliseconds from the first key press of `query` to its first result on screen."""
    page.evaluate(TIME_FIRST_RESULTS, [input_selector, results, item])
    page.locator(input_selector).fill("")
    page.locator(input_selector).press_sequentially(query)
    page.wait_for_function("window.benchTiming.shown", timeout=timeout)
    timing = page.evaluate("window.benchTiming")
    return timing["shown"] - timing["typed"]


def site_search(browser, site: Path, timeout: float) -> dict:
    """Material's search on the home page: typed right after the page loaded, then again once warm."""
    from tests.conftest import OfflinePage

    offline = OfflinePage(browser)
    loaded = LoadedFiles(offline.context, site)
    try:
        page = offline.open(site, "index.html")
        page.locator(".md-search__input").click()
        cold = time_first_results(
            page, ".md-search__input", ".md-search-result__list", ".md-search-result__item", QUERY, timeout
        )
        warm = time_first_results(
            page, ".md-search__input", ".md-search-result__list", ".md-search-result__item", SECOND_QUERY, timeout
        )
        return {
            "page_load_ms": page.evaluate(LOADED),
            "first_results_after_load_ms": cold,
            "first_results_warm_ms": warm,
            **loaded.indexes(),
            "errors": offline.errors,
            "outside_requests": offline.outside,
        }
    finally:
        offline.context.close()


def compare_search(browser, site: Path, timeout: float) -> dict:
    """The compare search page: its load (index included), then two queries typed."""
    from tests.conftest import OfflinePage

    offline = OfflinePage(browser)
    loaded = LoadedFiles(offline.context, site)
    try:
        page = offline.open(site, "compare/search.html")
        page.wait_for_function(
            "!document.getElementById('compare-status').textContent.startsWith('Loading')", timeout=timeout
        )
        args = ("#compare-query", "#compare-results", ".compare-provision")
        first = time_first_results(page, *args, QUERY, timeout)
        second = time_first_results(page, *args, SECOND_QUERY, timeout)
        return {
            "page_load_ms": page.evaluate(LOADED),
            "first_results_ms": first,
            "second_query_ms": second,
            **loaded.indexes(),
            "errors": offline.errors,
            "outside_requests": offline.outside,
        }
    finally:
        offline.context.close()


# Option changes made on the draft page, each one user action: every kind, near the top and deep in the
# text (the preview scrolls to each), a section left out and included again; done DRAFT_ROUNDS times.
DRAFT_ACTIONS = [
    ("check", "#draft-self-identification--shall-not"),
    ("check", "#draft-logo-display--prohibited"),
    ("check", "#draft-property-display--authorized"),
    ("check", "#draft-crime-scene-display--prohibited"),
    ("check", "#draft-refer-to-self-item--omit"),
    ("fill", "#draft-city-town"),
    ("fill", "#draft-policy-number"),
    ("check", "#draft-self-identification--may"),
    ("check", "#draft-identifying-oneself-item--omit"),
    ("check", "#draft-display-of-property-section--omit"),
    ("check", "#draft-refer-to-self-item--include"),
    ("check", "#draft-display-of-property-section--include"),
    ("check", "#draft-identifying-oneself-item--include"),
    ("check", "#draft-property-display--prohibited"),
    ("check", "#draft-logo-display--authorized"),
    ("check", "#draft-crime-scene-display--authorized"),
]  # each radio chosen back and forth, so that every action changes something, round after round
DRAFT_ROUNDS = 2


def draft_preview(browser, site: Path, timeout: float) -> dict:
    """Milliseconds from an option changed in the form to the preview's last change for it."""
    from tests.conftest import OfflinePage

    offline = OfflinePage(browser)
    try:
        page = offline.open(site, "draft.html")
        page.locator("#draft-progress").filter(has_text="answered").wait_for(timeout=timeout)
        page.evaluate(TIME_PREVIEW)
        durations = []
        for round_number, (action, selector) in enumerate(DRAFT_ACTIONS * DRAFT_ROUNDS):
            page.evaluate("window.benchPreview = []")
            if action == "check":
                page.check(selector)
            else:
                page.fill(selector, f"Town of Millbrook {round_number}")
            page.evaluate(SETTLE)
            events = [e for e in page.evaluate("window.benchPreview") if e["updated"] is not None]
            durations.append(max(e["updated"] for e in events) - events[0]["changed"])
        return {
            "page_load_ms": page.evaluate(LOADED),
            "preview_ms": durations,
            "preview_median_ms": statistics.median(durations),
            "preview_p95_ms": percentile(durations, 95),
            "preview_max_ms": max(durations),
            "errors": offline.errors,
            "outside_requests": offline.outside,
        }
    finally:
        offline.context.close()


def percentile(values: list[float], percent: float) -> float:
    """The value `percent` % of `values` are at or below (nearest rank)."""
    ranked = sorted(values)
    return ranked[max(0, -(-len(ranked) * percent // 100) - 1)]


def median_of(measure, repeats: int, *args) -> dict:
    """`measure(*args)` run `repeats` times, each on a fresh page: the median of each figure, and every
    run's figures under "runs" (one slow run on a busy machine should not make the figure)."""
    runs = [measure(*args) for _ in range(repeats)]
    figures = {
        key: statistics.median(run[key] for run in runs)
        for key, value in runs[0].items()
        if isinstance(value, (int, float)) and not isinstance(value, bool)
    }
    return {**runs[0], **figures, "runs": runs}


def time_browser(site: Path, timeout_s: float, repeats: int) -> dict:
    from playwright.sync_api import sync_playwright

    from tests.conftest import CHROMIUM, CHROMIUM_ARGS

    timeout = timeout_s * 1000
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            return {
                "chromium": browser.version,
                "repeats": repeats,
                "site_search": median_of(site_search, repeats, browser, site, timeout),
                "compare_search": median_of(compare_search, repeats, browser, site, timeout),
                "draft": median_of(draft_preview, repeats, browser, site, timeout),
            }
        finally:
            browser.close()


# --- Budgets ----------------------------------------------------------------------------------------


def budgets(run: dict) -> dict[str, bool | None]:
    """Which of issue 7's budgets one run meets (None: not measured in this run)."""
    t, s, b = run["timings"], run["sizes"], run.get("browser")
    indexes_loaded = [b[k]["index_bytes_loaded"] for k in ("site_search", "compare_search")] if b else []
    return {
        "generation <= 10% of build": t["generation_in_build_s"] <= 0.10 * t["build_s"],
        "generation <= 2x YAML parse": t["generation_s"] <= 2 * t["yaml_parse_s"],
        "build <= 60 s": t["build_s"] <= 60,
        "no page over 100 kB": s["pages_over_budget"] == 0,
        "no page loads an index over 2 MB": max(indexes_loaded) <= INDEX_BUDGET if b else None,
        "compare search <= 150 ms": b["compare_search"]["first_results_ms"] <= 150 if b else None,
        # Issue 17: the site search's first results, warm and right after a page opens.
        "site search warm <= 150 ms": b["site_search"]["first_results_warm_ms"] <= 150 if b else None,
        "site search after load <= 400 ms": b["site_search"]["first_results_after_load_ms"] <= 400 if b else None,
        "preview p95 <= 16 ms": b["draft"]["preview_p95_ms"] <= 16 if b else None,
    }


def growth(runs: list[dict]) -> dict | None:
    """Build seconds per agency at each size, and how much faster than N the build time grew between
    the two largest sizes (1 = linearly; the smallest size is mostly fixed costs)."""
    if len(runs) < 2:
        return None
    per_agency = {str(r["size"]): r["timings"]["build_s"] / r["size"] for r in runs}
    smaller, larger = runs[-2], runs[-1]
    ratio = (larger["timings"]["build_s"] / smaller["timings"]["build_s"]) / (larger["size"] / smaller["size"])
    return {
        "build_s_per_agency": per_agency,
        "time_ratio_over_size_ratio": ratio,
        "between": [smaller["size"], larger["size"]],
    }


# --- Report -----------------------------------------------------------------------------------------


def machine() -> dict:
    memory = (
        next(
            (
                int(line.split()[1]) * 1024
                for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal:")
            ),
            None,
        )
        if Path("/proc/meminfo").exists()
        else None
    )
    return {
        "cpus": os.cpu_count(),
        "memory_gib": round(memory / 2**30, 1) if memory else None,
        "platform": platform.platform(),
        "python": platform.python_version(),
    }


def _edition(editions: dict) -> str:
    if not editions["largest"]:
        return "none"
    page, texts = editions["largest_page_bytes"], editions["largest_texts_bytes"]
    return f"{_kb(page)} + {_kb(texts)} ({editions['largest']}, of {editions['editions']:,})"


def _kb(value: int) -> str:
    return f"{value / KB:,.0f} kB" if value < 10 * 1000 * KB else f"{value / 1e6:,.1f} MB"


def _loaded(run: dict, search: str) -> str:
    if not run.get("browser"):
        return "—"
    measured = run["browser"][search]
    return f"{_kb(measured['index_bytes_loaded'])} in {measured['index_files_loaded']} files"


def _ms(value: float | None) -> str:
    return "—" if value is None else f"{value:,.1f} ms" if value < 10_000 else f"{value / 1000:,.1f} s"


TABLE_ROWS = [
    ("agencies / provisions", lambda r: f"{r['timings']['policies']:,} / {r['timings']['provisions']:,}"),
    ("YAML parse, C loader (floor)", lambda r: f"{r['timings']['yaml_parse_s']:.2f} s"),
    ("handbook check", lambda r: f"{r['timings']['check_s']:.2f} s"),
    ("generation (render + write)", lambda r: f"{r['timings']['generation_s']:.2f} s"),
    ("full build (handbook build)", lambda r: f"{r['timings']['build_s']:.1f} s"),
    (
        "generation inside the build",
        lambda r: (
            f"{r['timings']['generation_in_build_s']:.2f} s "
            f"({100 * r['timings']['generation_in_build_s'] / r['timings']['build_s']:.0f} %)"
        ),
    ),
    ("HTML pages", lambda r: f"{r['sizes']['pages']:,}"),
    ("site size", lambda r: _kb(r["sizes"]["site_bytes"])),
    ("largest page", lambda r: f"{_kb(r['sizes']['page_bytes']['max'])} ({next(iter(r['sizes']['largest_pages']))})"),
    (
        "page HTML median / p95",
        lambda r: f"{_kb(r['sizes']['page_bytes']['median'])} / {_kb(r['sizes']['page_bytes']['p95'])}",
    ),
    ("pages over 100 kB", lambda r: f"{r['sizes']['pages_over_budget']:,}"),
    ("print editions: largest, page + policies' texts", lambda r: _edition(r["sizes"]["print_editions"])),
    (
        "search index files (total)",
        lambda r: (
            f"{sum(f['files'] for f in r['sizes']['search_indexes'].values()):,} files, "
            f"{_kb(sum(f['bytes'] for f in r['sizes']['search_indexes'].values()))}"
        ),
    ),
    ("largest search index file", lambda r: _kb(max(f["largest"] for f in r["sizes"]["search_indexes"].values()))),
    ("site search: index loaded by a query", lambda r: _loaded(r, "site_search")),
    (
        "site search: first results (right after load)",
        lambda r: _ms(r["browser"]["site_search"]["first_results_after_load_ms"]) if r.get("browser") else "—",
    ),
    (
        "site search: first results (warm)",
        lambda r: _ms(r["browser"]["site_search"]["first_results_warm_ms"]) if r.get("browser") else "—",
    ),
    ("compare search: index loaded by 2 queries", lambda r: _loaded(r, "compare_search")),
    (
        "compare search: page load",
        lambda r: _ms(r["browser"]["compare_search"]["page_load_ms"]) if r.get("browser") else "—",
    ),
    (
        "compare search: first results",
        lambda r: _ms(r["browser"]["compare_search"]["first_results_ms"]) if r.get("browser") else "—",
    ),
    (
        f"draft: option → preview, p95 (of {len(DRAFT_ACTIONS) * DRAFT_ROUNDS})",
        lambda r: _ms(r["browser"]["draft"]["preview_p95_ms"]) if r.get("browser") else "—",
    ),
    (
        "draft: option → preview, slowest",
        lambda r: _ms(r["browser"]["draft"]["preview_max_ms"]) if r.get("browser") else "—",
    ),
]


def table(runs: list[dict]) -> str:
    """A Markdown table: one row per measure, one column per size."""
    head = "| measure | " + " | ".join(f"N = {r['size']:,}" for r in runs) + " |"
    rule = "| --- | " + " | ".join("---:" for _ in runs) + " |"
    rows = [f"| {name} | " + " | ".join(cell(r) for r in runs) + " |" for name, cell in TABLE_ROWS]
    return "\n".join([head, rule, *rows])


def budget_table(runs: list[dict]) -> str:
    names = list(runs[0]["budgets"])
    head = "| budget | " + " | ".join(f"N = {r['size']:,}" for r in runs) + " |"
    rule = "| --- | " + " | ".join(":---:" for _ in runs) + " |"
    mark = {True: "met", False: "**not met**", None: "—"}
    rows = [f"| {name} | " + " | ".join(mark[r["budgets"][name]] for r in runs) + " |" for name in names]
    return "\n".join([head, rule, *rows])


def run_size(size: int, work: Path, browser: bool, timeout_s: float, repeats: int) -> dict:
    print(f"N = {size}: synthesizing…", file=sys.stderr, flush=True)
    project = make_project(size, work)
    print(f"N = {size}: check, generation, build…", file=sys.stderr, flush=True)
    run = {"size": size, "timings": time_pipeline(project)}
    run["sizes"] = site_sizes(project / "site")
    if browser:
        print(f"N = {size}: browser…", file=sys.stderr, flush=True)
        run["browser"] = time_browser(project / "site", timeout_s, repeats)
    run["budgets"] = budgets(run)
    return run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5, 100, 1000], help="numbers of agencies")
    parser.add_argument(
        "--output", type=Path, default=RESULTS, help=f"JSON results (default: {RESULTS.relative_to(ROOT)})"
    )
    parser.add_argument(
        "--work", type=Path, help="folder for the synthesized projects (default: a temporary one, removed)"
    )
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium measurements")
    parser.add_argument("--timeout", type=float, default=600, help="seconds to wait for a browser step (default: 600)")
    parser.add_argument(
        "--repeats",
        type=int,
        default=3,
        help="browser measurements are the median of this many fresh pages (default: 3)",
    )
    args = parser.parse_args(argv)

    work = args.work or Path(tempfile.mkdtemp(prefix="handbook-bench-"))
    try:
        runs = [run_size(size, work, not args.no_browser, args.timeout, args.repeats) for size in sorted(args.sizes)]
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    results = {"machine": machine(), "date": time.strftime("%Y-%m-%d"), "runs": runs, "growth": growth(runs)}
    args.output.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(table(runs))
    print()
    print(budget_table(runs))
    if results["growth"]:
        low, high = results["growth"]["between"]
        print(
            f"\nfrom N = {low:,} to N = {high:,}, build time grows {results['growth']['time_ratio_over_size_ratio']:.2f}× "
            "as fast as N (1.00 = linearly)"
        )
    print(f"\nwrote {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
