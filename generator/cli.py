"""The `handbook` command: check the source data, build the site."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .problems import Problem, SourceError, display_path


def _check(args: argparse.Namespace) -> int:
    from .load import load_corpus

    corpus = load_corpus(Path(args.source))
    for warning in corpus.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    count = sum(1 for p in corpus.policies for _ in p.provisions())
    print(f"ok: {len(corpus.policies)} policies, {count} provisions, no problems")
    return 0


def _build(args: argparse.Namespace) -> int:
    from .build import build_site

    report = build_site(Path(args.config), strict=not args.no_strict)
    print(report)
    return 0


def _generate(args: argparse.Namespace) -> int:
    from .build import read_site_config
    from .generate import generate, write_manifest

    config = read_site_config(Path(args.config))
    generated = generate(config.source, config.docs_dir)
    manifest = config.docs_dir.with_name(f"{config.docs_dir.name}.json")
    write_manifest(manifest, generated.pages)
    print(
        f"wrote {len(generated.pages)} pages to {display_path(config.docs_dir)}/ and their titles to {display_path(manifest)}"
    )
    return 0


def _export(args: argparse.Namespace) -> int:
    from .features.decisions.data import DATA, data_files
    from .load import load_corpus

    corpus = load_corpus(Path(args.source))
    output = Path(args.output)
    if os.path.lexists(output) and not output.is_dir():
        raise SourceError([_output_problem(output, "is not a folder")])
    output.mkdir(parents=True, exist_ok=True)
    for path, text in data_files(corpus).items():
        (output / path.removeprefix(f"{DATA}/")).write_text(text, encoding="utf-8")
        print(f"wrote {display_path(output / path.removeprefix(f'{DATA}/'))}", file=sys.stderr)
    return 0


def _draft(args: argparse.Namespace) -> int:
    from .features.draft.drafting import draft
    from .files import FileRefused, write_new

    if args.output is None and args.format == "docx":
        print("error: a Word document cannot be written to the terminal; give --output FILE", file=sys.stderr)
        return 2
    target = Path(args.output) if args.output is not None else None
    refused = _output_refused(target, Path(args.answers), args.force) if target is not None else []
    try:
        output = draft(Path(args.source), Path(args.answers), args.format, args.allow_blank, args.paper)
    except SourceError as exc:
        raise SourceError(exc.problems + refused) from None
    if refused:
        raise SourceError(refused)
    if target is None:
        if isinstance(output, bytes):
            sys.stdout.buffer.write(output)
        else:
            sys.stdout.write(output)
        return 0
    try:
        write_new(target, output.encode("utf-8") if isinstance(output, str) else output)
    except FileRefused as exc:
        raise SourceError([_output_problem(target, str(exc))]) from None
    print(f"wrote {target}", file=sys.stderr)
    return 0


def _adopt(args: argparse.Namespace) -> int:
    from .features.draft.adopting import adopt

    policy, original = adopt(Path(args.source), Path(args.answers), args.agency, args.slug, args.force)
    print(
        f"wrote {policy} (the policy) and {original} (its text); `handbook build` adds it to the handbook",
        file=sys.stderr,
    )
    return 0


def _output_refused(target: Path, answers: Path, force: bool) -> list[Problem]:
    """Why `handbook draft` will not write its `--output` (checked before drafting, reported with the
    answers' problems): it is the answers file, or exists and `--force` is not given, or cannot be."""
    from .files import write_refusal

    reason = write_refusal(target)
    if reason is None and os.path.lexists(target):
        if os.path.lexists(answers) and _same_file(target, answers):
            reason = "is the answers file; give another file name"
        elif not force:
            reason = "exists; give --force to overwrite it"
    return [_output_problem(target, reason)] if reason else []


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


def _output_problem(target: Path, reason: str) -> Problem:
    return Problem(display_path(target), 1, 1, "--output", f"{target.name} {reason}")


def _import(args: argparse.Namespace) -> int:
    from .importer import ImportRefused, import_file

    if args.list or args.policy or args.all:
        return _import_manual(args)
    try:
        result, files = import_file(
            Path(args.file),
            source=Path(args.source),
            slug=args.slug,
            agency=args.agency,
            output=Path(args.output) if args.output else None,
            force=args.force,
        )
    except ImportRefused as exc:
        print(f"error: {exc}; nothing was written.", file=sys.stderr)
        return 1
    sys.stdout.write(result.report)
    print(
        f"wrote {files['draft']} (the draft), {files['report']} (this report); the original is {files['original']}",
        file=sys.stderr,
    )
    return 0


def _import_manual(args: argparse.Namespace) -> int:
    """`handbook import MANUAL.pdf --list | --policy N … | --all`: the policies of a manual of many."""
    from .importer import ImportRefused
    from .importer.api import import_manual, read_manual_file

    path = Path(args.file)
    try:
        if args.list:
            _, _, manual = read_manual_file(path)
            sys.stdout.write(manual.listing())
            return 0

        def progress(policy, n: int, total: int) -> None:
            if total > 1:
                print(f"[{n}/{total}] {policy.name} (pages {policy.first}-{policy.last})", file=sys.stderr, flush=True)

        _, imported = import_manual(
            path,
            source=Path(args.source),
            wanted=None if args.all else args.policy,
            slug=args.slug,
            agency=args.agency,
            output=Path(args.output) if args.output else None,
            force=args.force,
            progress=progress,
        )
    except ImportRefused as exc:
        print(f"error: {exc}; nothing was written.", file=sys.stderr)
        return 1
    if len(imported) == 1:
        sys.stdout.write(imported[0][0].report)
    for result, files in imported:
        policy = result.policy
        print(
            f"wrote {files['draft']} ({policy.document.number or ''} {policy.document.title}: "
            f"{sum(1 for _ in policy.provisions())} provisions, words {result.words.percent:.1f} %) and its report",
            file=sys.stdout if len(imported) > 1 else sys.stderr,
        )
    print(f"the manual is {imported[0][1]['original']}", file=sys.stderr)
    return 0


def _review(args: argparse.Namespace) -> int:
    from .importer.review import review_file

    if args.clear and args.min_similarity is not None:
        print("error: --min-similarity goes with --accept, not --clear; nothing was written.", file=sys.stderr)
        return 2
    minimum = args.min_similarity or 0.0
    reviewed = review_file(Path(args.file), source=Path(args.source), accept=args.accept, min_similarity=minimum)
    name = display_path(Path(args.file))
    if not reviewed.changed:
        below = f" of at least {minimum:g}" if args.accept and minimum else ""
        print(f"{name}: no suggested topics{below} to {'accept' if args.accept else 'clear'}; nothing was changed")
        return 0
    if args.accept:
        kept = f"; {reviewed.kept} below {minimum:g} left to review" if reviewed.kept else ""
        print(
            f"{name}: {reviewed.accepted} suggested topic(s) of {reviewed.provisions} provision(s) accepted as "
            f"topics{kept}"
        )
    else:
        print(f"{name}: {reviewed.removed} suggested topic(s) of {reviewed.provisions} provision(s) cleared")
    return 0


def _similarity(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not 0 <= number <= 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number from 0 to 1 (e.g. 0.7)")
    return number


def parser() -> argparse.ArgumentParser:
    from .features.draft.drafting import FORMATS
    from .writers.formats import DEFAULT_PAPER, PAPERS

    main = argparse.ArgumentParser(prog="handbook", description="Turn police policies in YAML into a handbook website.")
    commands = main.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser(
        "check",
        help="validate every file in source/ and report all problems",
        description="Validate every policy in the source folder against the schema. "
        "Prints one line per problem (file:line:column: field: message) and exits 1 if there are any.",
    )
    check.add_argument("--source", default="source", help="the source folder (default: source)")
    check.set_defaults(run=_check)

    build = commands.add_parser(
        "build",
        help="generate the pages and build the site into site/",
        description="Validate source/, generate the pages and build the static site with MkDocs. "
        "The previous site/ is replaced only when the whole build succeeded; its own top-level "
        "dot-files (.htaccess, .git, ...) are kept.",
    )
    build.add_argument("--config", default="mkdocs.yml", help="the MkDocs configuration (default: mkdocs.yml)")
    build.add_argument("--no-strict", action="store_true", help="do not treat MkDocs warnings as errors")
    build.set_defaults(run=_build)

    generate = commands.add_parser(
        "generate",
        help="write the pages for a site engine, without building the site",
        description="Validate the source folder and write the generated pages into the docs folder "
        "(the handbook plugin's `source` and MkDocs' `docs_dir` in the configuration), and each page's "
        "title and table of contents into <docs folder>.json beside it: the step `handbook build` and "
        "`mkdocs build` run first, for another site engine to build from.",
    )
    generate.add_argument("--config", default="mkdocs.yml", help="the MkDocs configuration (default: mkdocs.yml)")
    generate.set_defaults(run=_generate)

    export = commands.add_parser(
        "export",
        help="write the open data (decisions, coverage, policies, codebook) without building the site",
        description="Validate the source folder and write the files the site links from the decisions matrix: "
        "decisions.csv (one row per department and question), coverage.csv (provisions per department and topic), "
        "policies.json (metadata) and codebook.json (columns: source/FIELDS.md, 'Open data'). Existing files "
        "of those names are replaced.",
    )
    export.add_argument("--source", default="source", help="the source folder (default: source)")
    export.add_argument("--output", default="data", help="the folder to write into (default: data)")
    export.set_defaults(run=_export)

    draft = commands.add_parser(
        "draft",
        help="draft a policy from the template with an answers file",
        description="Render the template's policy with the answers of an answers file "
        "(format: source/FIELDS.md, example: source/answers/example-answers.yml), "
        "the same text the Draft your policy page shows. Without --allow-blank, "
        "every missing or invalid answer is listed and nothing is written. An existing "
        "output file is not overwritten without --force, and never the answers file.",
    )
    draft.add_argument("--answers", required=True, help="the answers file (YAML)")
    draft.add_argument("--format", choices=FORMATS, default="md", help="output format (default: md)")
    draft.add_argument("--output", help="file to write (default: standard output; required for docx)")
    draft.add_argument("--force", action="store_true", help="overwrite an existing output file")
    draft.add_argument(
        "--paper", choices=tuple(PAPERS), default=DEFAULT_PAPER, help=f"a Word file's paper (default: {DEFAULT_PAPER})"
    )
    draft.add_argument(
        "--allow-blank",
        action="store_true",
        help="leave unanswered options as visible [BRACKET] placeholders instead of failing",
    )
    draft.add_argument("--source", default="source", help="the source folder (default: source)")
    draft.set_defaults(run=_draft)

    adopt = commands.add_parser(
        "adopt",
        help="add a policy drafted from the template to the handbook, as an agency's policy",
        description="Draft the template's policy with an answers file, as `handbook draft` does (the same "
        "refusals: every missing or invalid answer is listed and nothing is written), and write it as the "
        "policy of an agency: SOURCE/policies/<slug>.yml, its provisions' topics those of the template's, "
        "and its text in SOURCE/originals/<slug>.txt. Existing files are never overwritten without --force.",
    )
    adopt.add_argument("--answers", required=True, help="the answers file (YAML)")
    adopt.add_argument("--agency", help="the agency's name (default: the answers file's `agency`)")
    adopt.add_argument("--slug", help="the policy's slug (default: from the agency's name)")
    adopt.add_argument("--force", action="store_true", help="overwrite an existing policy file and its text")
    adopt.add_argument("--source", default="source", help="the source folder (default: source)")
    adopt.set_defaults(run=_adopt)

    import_ = commands.add_parser(
        "import",
        help="turn a policy (PDF, Word, plain text or Markdown) into a draft policy file",
        description="Read a policy as the agency published it (.pdf with a text layer, .docx), copied "
        "out of a PDF (.txt) or written in Markdown (.md), and write a draft policy file that passes "
        "`handbook check`, a review report beside it (<slug>.report.md, also printed) and the original, "
        "byte for byte, in source/originals/ (a PDF's or Word file's extracted text beside it, "
        "<slug>.pdf.txt). A PDF manual of many policies (a Lexipol manual) is imported one draft per "
        "policy: --list shows its policies (from its bookmarks, else its policy headings), --policy one, "
        "--all each; only their pages are read, and every draft names the agency read once from the manual. "
        "Existing files are never overwritten without --force, and nothing is written unless all imports do.",
    )
    import_.add_argument("file", help="the policy (.pdf, .docx, .txt or .md), or a PDF manual of many policies")
    manual = import_.add_mutually_exclusive_group()
    manual.add_argument(
        "--list", action="store_true", help="list the policies a PDF manual holds (number, title, pages); write nothing"
    )
    manual.add_argument(
        "--policy",
        action="append",
        metavar="NUMBER|TITLE",
        help="import this policy of a PDF manual (its pages alone) as one draft; may be given again",
    )
    manual.add_argument("--all", action="store_true", help="import every policy of a PDF manual, one draft each")
    import_.add_argument(
        "--slug",
        help="the policy's slug (default: from the file name); for a manual, what each policy's slug starts "
        "with (default: the agency's place), `<slug>-<number>`",
    )
    import_.add_argument("--agency", help="the agency's name (default: read from the text, or a placeholder)")
    import_.add_argument("--output", help="the draft file to write (default: SOURCE/policies/<slug>.yml)")
    import_.add_argument("--force", action="store_true", help="overwrite an existing draft, report or original copy")
    import_.add_argument("--source", default="source", help="the source folder (default: source)")
    import_.set_defaults(run=_import)

    review = commands.add_parser(
        "review",
        help="accept or clear the topics `handbook import` suggested in a draft",
        description="A draft's provisions carry suggested_topics (the topics of the handbook's most similar "
        "tagged provisions) until a person reviews them. --accept adds them to each provision's topics "
        "(with --min-similarity X only those of at least X; the others stay to review); --clear removes "
        "them. Only those lines of the file change: comments and formatting stay. A file with problems is "
        "refused and nothing is written.",
    )
    review.add_argument("file", help="the policy file (e.g. source/policies/riverton.yml)")
    action = review.add_mutually_exclusive_group(required=True)
    action.add_argument("--accept", action="store_true", help="make the suggestions topics")
    action.add_argument("--clear", action="store_true", help="remove the suggestions")
    review.add_argument(
        "--min-similarity", type=_similarity, metavar="X", help="accept only suggestions of at least X (0 to 1)"
    )
    review.add_argument("--source", default="source", help="the source folder (default: source)")
    review.set_defaults(run=_review)
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except SourceError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"{len(exc.problems)} problem(s) found; nothing was written.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except OSError as exc:  # a file the checks above did not foresee: one line, not a traceback
        where = f"{display_path(Path(os.fsdecode(exc.filename)))}: " if exc.filename else ""
        print(f"error: {where}{exc.strerror or exc}; nothing more was done.", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
