"""The import benchmark (issue 16): `handbook import` on every PDF of the real corpus, one table row each.

    .venv/bin/python benchmarks/import_corpus.py [--corpus ../shared/corpus] [--only NAME ...] [--json FILE]

The corpus (`../shared/corpus` next to the clone, read-only) is read, never written: each document is
imported in memory (`read_original` and `import_text`, as `handbook import` does, without writing the
draft), in a process of its own so that its time and peak memory are its own. Per document:

- provisions in the draft; labels (`+N` when the draft holds labels the original does not: "invented");
- for the documents with ground truth (`tests/import_truth/<name>.yml`): labels right and nesting right
  (of the true labelled units: the draft provision that starts with the unit's words has its label, and
  the labels of its ancestors are the unit's label path), definitions found (terms of the truth found as
  terms in the draft), metadata fields found (number, issued, effective, revised, agency, as stated);
- metadata fields found (any document), word coverage (the original's words in the draft, in order),
  topics suggested, time (s) and peak memory (MB, the process's maximum resident set).

Topics are suggested from the handbook's tagged provisions (`source/`); the topics column counts the
draft's provisions given a suggestion. Their quality is measured apart, by leave-one-out on the handbook's
own departments (`--topics`, also run after the corpus): each department's original is imported with the
other departments as the handbook, and the top suggestion of each provision is compared with the topics
a person gave the same provision (the same provision id) in `source/policies/`:

- precision@1: of the provisions given a suggestion, those whose first suggestion is one of their topics
  (a suggestion for a provision the person marked `comparable: false` counts as wrong);
- recall@1: of the provisions the person tagged, those whose first suggestion is one of their topics;
- hit@3: of the provisions the person tagged, those with one of their topics among the suggestions.

Suggested answers are measured the same way (`--answers`, also run with `--topics`): each suggestion is
compared with the department's own coding of that question (a policy answers a question in one provision):

- precision: of the suggested answers, those that are the department's answer to the question;
- recall: of the department's answers to choose from (not a `text` question's words), those suggested;
- same provision: right answers suggested on the very provision the person coded;
- the same counts at other thresholds, and with the deciding words (`importer/answers.py`) ignored.

Goals (issue 16): labels and nesting >= 95 % right, no invented labels, every stated number and date found,
word coverage >= 99.5 %, under 2 s per 20-page document.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TRUTH = ROOT / "tests" / "import_truth"
WORD = re.compile(r"[A-Za-z0-9]+")
SAMPLE = 0  # policies of a manual to import (spread over it, besides those with ground truth); 0: all of them
BANDS = (("0.7-1", 0.7), ("0.5-0.7", 0.5), ("0.4-0.5", 0.4), ("<0.4", 0.0))  # similarity of a first suggestion


def words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text)]


def measure(path: Path) -> dict:
    """Import one document (in this process) and measure it; topics are suggested from `source/`. A PDF
    of more pages than a policy may have is measured as a manual of many policies (`measure_manual`)."""
    sys.path.insert(0, str(ROOT))
    from generator.importer.api import ImportRefused, handbook_index, import_text, read_original
    from generator.importer.limits import KINDS, MAX_PAGES
    from generator.importer.read_pdf import OpenedPdf

    if path.suffix.lower() == ".pdf" and len(OpenedPdf(path.read_bytes()).pages) > MAX_PAGES:
        return measure_manual(path)
    start = time.perf_counter()
    row: dict = {"name": path.stem}
    try:
        text, _, layouts = read_original(path)
        slug = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-")[:60] or "doc"
        suffix = path.suffix.lower()
        original = f"{slug}{suffix}.txt" if suffix in (".pdf", ".docx") else f"{slug}{suffix}"
        result = import_text(
            text,
            slug=slug,
            original=original,
            suffix=suffix if suffix in KINDS else ".txt",
            layouts=layouts,
            document=f"{slug}{suffix}" if suffix in (".pdf", ".docx") else None,
            handbook=handbook_index(ROOT / "source", slug),
        )
    except ImportRefused as exc:
        row.update(error=str(exc).split(": ", 1)[-1][:60], seconds=time.perf_counter() - start)
        return row
    return row | _scores(result, time.perf_counter() - start, TRUTH / f"{path.stem}.yml")


def measure_manual(path: Path) -> dict:
    """A manual of many policies, as `handbook import MANUAL --all` imports it: its policies listed (from
    its bookmarks or headings), then each imported from its own pages and measured as a document is; the
    policies with ground truth (`tests/import_truth/<name>__policy-<number>.yml`) scored against it. With
    `MANUAL_SAMPLE` set, only that many policies (spread over the manual) and those with ground truth."""
    from generator.importer.api import ImportRefused, handbook_index, import_text, manual_slugs, read_manual_file
    from generator.importer.manual import ManualContext
    from generator.importer.metadata import place_of

    start = time.perf_counter()
    _, pdf, manual = read_manual_file(path)
    listed = time.perf_counter() - start
    truths = {yaml_value(file, "policy"): file for file in TRUTH.glob(f"{path.stem}__policy-*.yml")}
    chosen = manual.policies
    if SAMPLE:
        step = max(1, len(chosen) // SAMPLE)
        chosen = [p for i, p in enumerate(chosen) if i % step == step // 2 or p.number in truths]
    slugs = manual_slugs(manual, chosen, place_of(manual.agency or "").get("city", "manual").lower())
    handbook = handbook_index(ROOT / "source", *slugs.values())
    rows = []
    for policy in chosen:
        began = time.perf_counter()
        row: dict = {"name": f"  {policy.name}"[:44], "pages": len(policy.pages)}
        try:
            extracted = pdf.extract(policy.pages, "the policy")
            result = import_text(
                extracted.text,
                slug=slugs[policy],
                original=f"{slugs[policy]}.pdf.txt",
                suffix=".pdf",
                agency=manual.agency,
                layouts=extracted.layouts,
                document=f"{path.stem}.pdf",
                handbook=handbook,
                manual=ManualContext(policy, path.name, manual.running, manual.found_from, agency=manual.agency),
            )
        except (ImportRefused, ValueError, KeyError, AttributeError) as exc:  # a row, not the end of the run
            rows.append(row | {"error": str(exc)[:60], "seconds": time.perf_counter() - began})
            continue
        truth = truths.get(policy.number or "", Path("/nonexistent"))
        rows.append(row | _scores(result, time.perf_counter() - began, truth))
    return {
        "name": path.stem,
        "manual": True,
        "pages": manual.pages,
        "listed": len(manual.policies),
        "list_seconds": listed,
        "found_from": manual.found_from,
        "agency": manual.agency,
        "policies": rows,
        "seconds": time.perf_counter() - start,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def yaml_value(file: Path, key: str) -> str:
    import yaml

    return str(yaml.safe_load(file.read_text(encoding="utf-8")).get(key, ""))


def _scores(result, seconds: float, truth_file: Path) -> dict:
    policy = result.policy
    provisions = list(policy.provisions())
    row = {
        "provisions": len(provisions),
        "labels": sum(1 for p in provisions if p.label),
        "inferred": sum(1 for r in policy.repairs if r.field == "label"),
        "coverage": result.words.percent,
        "topics": sum(1 for p in provisions if p.suggested_topics),
        "to_tag": sum(1 for p in provisions if p.comparable and not p.topics),
        "seconds": seconds,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "metadata": _metadata(policy),
    }
    if truth_file.is_file():
        row.update(_against_truth(policy, provisions, truth_file))
    return row


def _metadata(policy) -> dict:
    found = {
        "number": policy.document.number,
        "issued": policy.dates.issued,
        "effective": policy.dates.effective,
        "revised": [str(d) for d in policy.dates.revised] or None,
        "agency": policy.agency.name if policy.agency.name != "Police Department" else None,
        "signatories": [s.name for s in policy.signatories] or None,
    }
    return {key: (str(value) if key in ("issued", "effective") and value else value) for key, value in found.items()}


def _against_truth(policy, provisions, truth_file: Path) -> dict:
    import yaml

    truth = yaml.safe_load(truth_file.read_text(encoding="utf-8"))
    texts = []
    for p in provisions:
        label_path = [label for label in p.label_path if label]
        texts.append((words(" ".join(x for x in (p.heading, p.term, p.text) if x)), p.label, label_path))
    labels_right = nesting_right = 0
    used: set[int] = set()
    after = 0  # units are in reading order: a unit's provision is looked for after the last one found first
    for unit in truth["outline"]:
        start = words(str(unit["start"]))
        order = [*range(after, len(texts)), *range(after)]
        match = next((i for i in order if i not in used and start and texts[i][0][: len(start)] == start), None)
        if match is None:
            continue
        used.add(match)
        after = match + 1
        _, label, label_path = texts[match]
        labels_right += label == unit["path"][-1]
        nesting_right += label_path == unit["path"]
    terms = {" ".join(p.term.split()).lower() for p in provisions if p.term}
    meta = truth.get("metadata", {})
    stated = found = 0
    for key, value in meta.items():
        stated += 1
        have = row_value = _metadata(policy).get(key)
        if key == "number":
            found += bool(have) and any(have.strip() == n or n in have for n in value)
        elif key == "revised":
            found += bool(row_value) and set(value) <= set(row_value)
        elif key == "agency":
            found += bool(have) and have.lower() == value.lower()
        else:
            found += have == value
    outline = len(truth["outline"])
    return {
        "truth_units": outline,
        "labels_right": 100.0 * labels_right / outline if outline else 100.0,
        "nesting_right": 100.0 * nesting_right / outline if outline else 100.0,
        "terms": f"{sum(1 for t in truth['terms'] if t.lower() in terms)}/{len(truth['terms'])}",
        "meta_truth": f"{found}/{stated}",
    }


def reimported(template: bool, codebook: bool = False) -> Iterator[tuple[Any, Any]]:
    """Each department of the handbook and its import from its original, with the other departments (and,
    with `template`, the template; with `codebook`, the codebook's questions) as the handbook."""
    sys.path.insert(0, str(ROOT))
    from generator.importer.api import import_text
    from generator.importer.topics import TopicIndex
    from generator.load import load_corpus

    corpus = load_corpus(ROOT / "source")
    for department in corpus.departments:
        others = [p for p in corpus.policies if p is not department and (template or not p.is_template)]
        original = ROOT / "source" / "originals" / department.original
        yield (
            department,
            import_text(
                original.read_text(encoding="utf-8"),
                slug=department.slug,
                original=department.original,
                suffix=original.suffix,
                handbook=TopicIndex.from_policies(others, corpus.questions if codebook else ()),
            ),
        )


def leave_one_out(template: bool = False) -> list[dict]:
    """Suggestion quality on the handbook's departments: each imported from its original with the other
    departments (and, with `template`, the template) as the handbook, scored against its own tags."""
    rows = []
    for department, result in reimported(template):
        hand = {p.id: p for p in department.provisions()}
        row = {"name": department.slug, "to_tag": 0, "suggested": 0, "matched": 0, "right": 0, "tagged": 0}
        row |= {"found": 0, "hit3": 0, "not_comparable": 0}
        row |= {f"band{band}": 0 for band, _ in BANDS} | {f"right{band}": 0 for band, _ in BANDS}
        for provision in result.policy.provisions():
            if not provision.comparable:
                continue
            row["to_tag"] += 1
            made = hand.get(provision.id)
            if made is None:
                continue
            row["matched"] += 1
            suggested = [s.topic for s in provision.suggested_topics]
            right = bool(suggested) and suggested[0] in made.topics
            row["suggested"] += bool(suggested)
            row["right"] += right
            if suggested:
                band = next(b for b, low in BANDS if provision.suggested_topics[0].similarity >= low)
                row[f"band{band}"] += 1
                row[f"right{band}"] += right
            row["not_comparable"] += bool(suggested) and not made.topics
            if made.topics:
                row["tagged"] += 1
                row["found"] += right
                row["hit3"] += any(t in made.topics for t in suggested)
        rows.append(row)
    return rows


def print_leave_one_out(rows: list[dict], title: str) -> None:
    print(f"\nsuggested topics, leave-one-out ({title}):")
    header = (
        f"{'department':26} {'to tag':>6} {'matched':>7} {'suggested':>9} {'prec@1':>7} {'recall@1':>8} "
        f"{'hit@3':>6} {'on not comparable':>17}"
    )
    print(header)
    print("-" * len(header))
    total = {key: sum(r[key] for r in rows) for key in rows[0] if key != "name"}
    for row in [*rows, {"name": "all", **total}]:
        print(
            f"{row['name']:26} {row['to_tag']:6} {row['matched']:7} {row['suggested']:9} "
            f"{_share(row['right'], row['suggested']):>7} {_share(row['found'], row['tagged']):>8} "
            f"{_share(row['hit3'], row['tagged']):>6} {row['not_comparable']:17}"
        )

    bands = ", ".join(
        f"{band}: {_share(total[f'right{band}'], total[f'band{band}'])} of {total[f'band{band}']}" for band, _ in BANDS
    )
    print(f"first suggestion right, by its similarity: {bands}")


def answers_leave_one_out(template: bool = False, threshold: float | None = None, deciding: bool = True) -> dict:
    """Suggested answers on the handbook's departments, each imported from its original with the other
    departments (and, with `template`, the template) as the handbook: totals over the four, and a row each.
    `threshold` stands in for `answers.MIN_SIMILARITY`; without `deciding`, the deciding words are ignored."""
    sys.path.insert(0, str(ROOT))
    from generator.importer import answers
    from generator.load import load_corpus

    corpus = load_corpus(ROOT / "source")
    kinds = {q.id: q.kind for q in corpus.questions}
    saved = answers.MIN_SIMILARITY, answers.deciding_words
    answers.MIN_SIMILARITY = saved[0] if threshold is None else threshold
    if not deciding:
        answers.deciding_words = lambda text: ()
    rows = []
    try:
        for department, result in reimported(template, codebook=True):
            coded = {c.question: (c.answer, p.id) for p in department.provisions() for c in p.answers}
            row = {"name": department.slug, "decisions": sum(1 for q in coded if kinds.get(q) != "text")}
            row |= {"suggested": 0, "right": 0, "same_provision": 0}
            for provision in result.policy.provisions():
                for suggestion in provision.suggested_answers:
                    answer, where = coded.get(suggestion.question, (None, None))
                    row["suggested"] += 1
                    row["right"] += answer == suggestion.answer
                    row["same_provision"] += answer == suggestion.answer and where == provision.id
            rows.append(row)
    finally:
        answers.MIN_SIMILARITY, answers.deciding_words = saved
    return {"rows": rows, "total": {key: sum(r[key] for r in rows) for key in rows[0] if key != "name"}}


def print_answers_leave_one_out(template: bool, title: str) -> None:
    from generator.importer.answers import MIN_SIMILARITY

    print(f"\nsuggested answers, leave-one-out ({title}), similarity >= {MIN_SIMILARITY:g}:")
    header = (
        f"{'department':26} {'decisions':>9} {'suggested':>9} {'right':>6} {'precision':>9} {'recall':>7} "
        f"{'same provision':>14}"
    )
    print(header)
    print("-" * len(header))
    measured = answers_leave_one_out(template)
    for row in [*measured["rows"], {"name": "all", **measured["total"]}]:
        print(
            f"{row['name']:26} {row['decisions']:9} {row['suggested']:9} {row['right']:6} "
            f"{_share(row['right'], row['suggested']):>9} {_share(row['right'], row['decisions']):>7} "
            f"{row['same_provision']:14}"
        )
    for deciding in (True, False):
        sweep = []
        for threshold in (0.5, 0.55, 0.65, 0.75, 0.85, 0.95):
            total = answers_leave_one_out(template, threshold, deciding)["total"]
            sweep.append(f"{threshold:g}: {total['right']}/{total['suggested']}")
        condition = "the same deciding words" if deciding else "deciding words ignored"
        print(f"right/suggested by threshold ({condition}): {', '.join(sweep)}")


def _share(part: int, whole: int) -> str:
    return f"{100.0 * part / whole:.0f}%" if whole else ""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    parser.add_argument("--only", nargs="*", help="document names (or parts of them) to run")
    parser.add_argument("--json", help="also write the rows to this file")
    parser.add_argument(
        "--topics", action="store_true", help="only the leave-one-out of suggested topics (and answers)"
    )
    parser.add_argument("--answers", action="store_true", help="only the leave-one-out of suggested answers")
    parser.add_argument(
        "--sample",
        type=int,
        default=0,
        help="import this many policies of each manual (and those with ground truth), not all",
    )
    parser.add_argument("--every-policy", action="store_true", help="print a row for every policy of a manual")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # measure one document, print its row as JSON
    args = parser.parse_args()
    global SAMPLE
    SAMPLE = args.sample
    if args.one:
        print(json.dumps(measure(Path(args.one))))
        return 0
    if args.topics or args.answers:
        if args.topics:
            print_leave_one_out(leave_one_out(), "the other departments as the handbook")
            print_leave_one_out(leave_one_out(template=True), "the other departments and the template")
        print_answers_leave_one_out(False, "the other departments as the handbook")
        print_answers_leave_one_out(True, "the other departments and the template")
        return 0
    corpus = Path(args.corpus)
    if not corpus.is_dir():
        print(f"no corpus at {corpus}: give --corpus", file=sys.stderr)
        return 2
    files = sorted(p for p in corpus.iterdir() if p.suffix.lower() in (".pdf", ".docx", ".txt", ".md"))
    files = [p for p in files if p.name != "README.md"]
    if args.only:
        files = [p for p in files if any(part in p.name for part in args.only)]
    rows: list[dict] = []
    manuals: list[dict] = []
    header = (
        f"{'document':44} {'prov':>5} {'labels':>7} {'lab.ok':>7} {'nest.ok':>7} {'terms':>6} {'meta':>5} "
        f"{'meta.ok':>7} {'words':>7} {'topics':>6} {'s':>6} {'MB':>5}"
    )
    print(header)
    print("-" * len(header))
    for path in files:
        done = subprocess.run(
            [sys.executable, __file__, "--sample", str(args.sample), "--one", str(path)],
            capture_output=True,
            text=True,
            check=False,
        )
        try:
            row = json.loads(done.stdout.strip().splitlines()[-1])
        except (json.JSONDecodeError, IndexError):
            row = {"name": path.stem, "error": (done.stderr.strip().splitlines() or ["crashed"])[-1][:60]}
        if row.get("manual"):
            print(_manual_line(row), flush=True)
            for policy in row["policies"]:
                if args.every_policy or "truth_units" in policy or "error" in policy:
                    print(_line(policy), flush=True)
            rows += row["policies"]
            manuals.append(row)
            continue
        rows.append(row)
        print(_line(row), flush=True)
    for manual in manuals:
        done_ = [r for r in manual["policies"] if "error" not in r]
        pages = sum(r["pages"] for r in manual["policies"])
        print(
            f"\n{manual['name'][:44]}: {manual['listed']} policies listed from its {manual['found_from']} in "
            f"{manual['list_seconds']:.2f} s (agency: {manual['agency']}); {len(done_)} of "
            f"{len(manual['policies'])} imported ({pages} pages) in {manual['seconds'] - manual['list_seconds']:.1f} s, "
            f"{20 * (manual['seconds'] - manual['list_seconds']) / max(pages, 1):.2f} s per 20 pages; word coverage min "
            f"{min((r['coverage'] for r in done_), default=0):.2f} %; peak {manual['peak_mb']:.0f} MB"
        )
    with_truth = [r for r in rows if "truth_units" in r]
    if with_truth:
        units = sum(r["truth_units"] for r in with_truth)
        labels = sum(r["labels_right"] * r["truth_units"] for r in with_truth) / units
        nesting = sum(r["nesting_right"] * r["truth_units"] for r in with_truth) / units
        terms = [tuple(map(int, r["terms"].split("/"))) for r in with_truth]
        print(
            f"\nground truth ({len(with_truth)} documents, {units} labelled units): labels right {labels:.1f} %, "
            f"nesting right {nesting:.1f} %, terms found {sum(t[0] for t in terms)}/{sum(t[1] for t in terms)}"
        )
    ok = [r for r in rows if "error" not in r]
    print(
        f"labels invented: {sum(r['inferred'] for r in ok)}; word coverage min "
        f"{min((r['coverage'] for r in ok), default=0):.2f} %; refused or failed: {len(rows) - len(ok)}; "
        f"signatories found in {sum(1 for r in ok if r['metadata']['signatories'])} of {len(ok)}"
    )
    print(
        f"topics suggested for {sum(r['topics'] for r in ok)} of the {sum(r['to_tag'] for r in ok)} provisions "
        f"to tag (handbook: {ROOT / 'source'})"
    )
    if not args.only:
        print_leave_one_out(leave_one_out(), "the other departments as the handbook")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1), encoding="utf-8")
    return 0


def _line(row: dict) -> str:
    name = row["name"][:44]
    if "error" in row:
        return f"{name:44} refused: {row['error']}"
    meta = sum(1 for value in row["metadata"].values() if value)
    return (
        f"{name:44} {row['provisions']:5} {row['labels']:5}+{row['inferred']:<1} "
        f"{_pct(row.get('labels_right')):>7} {_pct(row.get('nesting_right')):>7} {row.get('terms', ''):>6} "
        f"{meta:5} {row.get('meta_truth', ''):>7} {row['coverage']:6.2f}% {row['topics']:6} "
        f"{row['seconds']:6.2f} {row['peak_mb']:5.0f}"
    )


def _manual_line(row: dict) -> str:
    """A manual's row: its policies imported, their provisions and labels, its time and memory."""
    ok = [r for r in row["policies"] if "error" not in r]
    return (
        f"{row['name'][:44]:44} {sum(r['provisions'] for r in ok):5} {sum(r['labels'] for r in ok):5}+"
        f"{sum(r['inferred'] for r in ok):<1} {'':>7} {'':>7} {'':>6} {'':>5} {'':>7} "
        f"{min((r['coverage'] for r in ok), default=0):6.2f}% {sum(r['topics'] for r in ok):6} "
        f"{row['seconds']:6.1f} {row['peak_mb']:5.0f}   ({len(ok)} policies of {row['listed']}, {row['pages']} pages)"
    )


def _pct(value: float | None) -> str:
    return "" if value is None else f"{value:.0f}%"


if __name__ == "__main__":
    sys.exit(main())
