"""Hostile input: markup and script in the YAML, `javascript:` links, very long lines, deep nesting and huge
files give either a correct page with the text escaped or a clear `handbook check` error — never a hang, a
crash or a script that runs. Property-based tests (hypothesis) give the loader arbitrary bytes, arbitrary
text and near-valid policies, and the renderers arbitrary text."""

from __future__ import annotations

import functools
import html
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.features.policy.render import page_path
from generator.generate import render_pages
from generator.load import SourceLayout, load_corpus
from generator.problems import SourceError
from generator.render.html import heading_text
from generator.yaml_source import MAX_DEPTH, MAX_FILE_BYTES

from .conftest import ROOT, compare_search, copy_project, read_page, run_handbook, site_search
from .test_csp import inline_code

# Each payload would show a dialog if it ran; "xyzzy" finds them in the searches.
AGENCY = "<script>alert('agency')</script> Xyzzy Police"
TITLE = "<img src=x onerror=alert('title')> Social Media"
HEADING = "<svg onload=alert('heading')> # [heading](javascript:alert('heading'))"
TEXT = (
    "Members shall xyzzy <script>alert('text')</script> & [click](javascript:alert('text')) "
    "<a href=\"javascript:alert('text')\">here</a> {#id} **bold** <!-- comment -->."
)
TERM = "<i onmouseover=alert('term')>Xyzzy</i>"
NOTE = "</div></p><script>alert('note')</script>"

PROBLEM_LINE = re.compile(r"^[^\n:]+:(\d+):(\d+): [^\n]+$")


def topic_ids() -> list[str]:
    return [
        topic["id"] for topic in yaml.safe_load((ROOT / "source" / "topics.yml").read_text(encoding="utf-8"))["topics"]
    ]


def hostile_policy() -> str:
    """A valid policy with markup, script and `javascript:` links in every kind of text field."""
    return yaml.safe_dump(
        {
            "schema": 1,
            "slug": "hostile",
            "kind": "policy",
            "agency": {"name": AGENCY, "city": "<b>City</b>", "state": "MO"},
            "document": {"title": TITLE, "type": "<u>Order</u>", "number": "<i>7</i>", "subject": NOTE},
            "dates": {"issued": "2020-01-02"},
            "references": [NOTE],
            "distribution": [TEXT],
            "signatories": [{"name": AGENCY, "title": NOTE, "note": TEXT}],
            "original": "kansas-city-mo.txt",
            "body": [
                {"label": "<b>I.</b>", "heading": HEADING, "text": TEXT, "notes": [NOTE], "topics": topic_ids()},
                {"label": "II.", "term": TERM, "text": f"{TEXT} {{{{footnote:1}}}}", "comparable": False},
            ],
            "footnotes": [{"id": "1", "text": NOTE}],
            "attachments": [
                {"title": HEADING, "items": [{"name": TEXT, "url": "https://example.org/?q=%3Cscript%3E&x=1"}]}
            ],
            "furniture": [{"line": NOTE, "reason": TEXT}],
        },
        allow_unicode=True,
        sort_keys=False,
    )


def policy_header(slug: str, agency: str) -> str:
    return (
        f"schema: 1\nslug: {slug}\nkind: policy\nagency:\n  name: {agency}\ndocument:\n  title: Social Media\n"
        "original: kansas-city-mo.txt\nbody:\n"
    )


def nested_policy(slug: str, levels: int) -> str:
    """A policy whose provisions nest `levels` deep, each the only child of the one before (written as
    text: PyYAML's own dumper recurses too deeply for a few hundred levels)."""
    lines, indent = [], "  "
    for level in range(1, levels + 1):
        lines += [f'{indent}- label: "{level}."', f"{indent}  text: Level {level} of {levels}."]
        if level < levels:
            lines += [f"{indent}  comparable: false", f"{indent}  children:"]
            indent += "    "
        else:
            lines.append(f"{indent}  topics: [{topic_ids()[0]}]")
    return policy_header(slug, f"Nested {levels} Police") + "\n".join(lines) + "\n"


@functools.cache
def long_line_text() -> str:
    """About 900 kB of policy words on one line, just under the largest file a source may be."""
    words = " ".join((ROOT / "source" / "originals" / "raymore-mo.txt").read_text(encoding="utf-8").split())
    repeats = MAX_FILE_BYTES * 9 // 10 // (len(words) + 1)
    return " ".join([words] * repeats) + " final-words-of-the-long-line"


# The deepest nesting the loader accepts: a provision and its children list are two levels, below the
# top mapping and the body list; the deepest provision's topics list is one more.
DEEPEST_PROVISIONS = (MAX_DEPTH - 2) // 2


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    """The real handbook plus a hostile policy, a 900 kB line and the deepest nesting allowed, built."""
    from generator.mkdocs_plugin import build_into

    project = copy_project(tmp_path_factory.mktemp("hostile"))
    policies = project / "source" / "policies"
    (policies / "hostile.yml").write_text(hostile_policy(), encoding="utf-8")
    (policies / "long-line.yml").write_text(
        policy_header("long-line", "Long Line Police") + f"  - label: I.\n    text: {json_quoted(long_line_text())}\n"
        f"    topics: [{topic_ids()[0]}]\n",
        encoding="utf-8",
    )
    (policies / "deep.yml").write_text(nested_policy("deep", DEEPEST_PROVISIONS), encoding="utf-8")
    build_into(project / "mkdocs.yml", project / "site")
    return project / "site"


# --- Markup and script ----------------------------------------------------------------------------------


def test_no_built_page_carries_script_from_the_yaml(hostile_site):
    assert inline_code(hostile_site) == []


def test_markup_in_the_yaml_is_shown_as_text_where_it_appears(hostile_site):
    page = read_page(hostile_site, "policies/hostile.html")
    for text in (AGENCY, TEXT, NOTE, TERM, "<i>7</i>"):
        assert html.escape(text) in page, text
    assert f"{heading_text('<b>I.</b>')} {heading_text(HEADING)}" in page  # in a heading, as character references
    assert "&lt;img src=x onerror=alert(&#x27;title&#x27;)&gt; Social Media" in page
    assert html.escape(AGENCY) in read_page(hostile_site, "index.html")
    topic = read_page(hostile_site, f"compare/topics/{topic_ids()[0]}.html")
    assert html.escape(AGENCY) in topic and html.escape(TEXT) in topic
    assert html.escape(TERM) in read_page(hostile_site, "glossary.html")


@pytest.mark.browser
def test_hostile_pages_and_searches_run_no_script_in_a_browser(offline_page, hostile_site):
    page = offline_page.page
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for relative in (
        "index.html",
        "policies/hostile.html",
        f"compare/topics/{topic_ids()[0]}.html",
        "compare/index.html",
        "glossary.html",
        "draft.html",
    ):
        offline_page.open(hostile_site, relative)
        page.wait_for_load_state("load")
        assert page.locator("script:not([src]):not([type='application/json'])").count() == 0, relative
        assert page.locator("[onerror], [onload], [onmouseover], a[href^='javascript:' i]").count() == 0, relative
    offline_page.open(hostile_site, "policies/hostile.html")
    assert "<script>alert('text')</script>" in page.locator("article").inner_text()

    offline_page.open(hostile_site, "compare/search.html")
    compare_search(page, "xyzzy")
    assert "<script>alert('text')</script>" in page.locator("#compare-results").inner_text()

    offline_page.open(hostile_site, "index.html")
    site_search(page, "xyzzy")
    assert "Xyzzy" in page.locator(".md-search-result").inner_text()
    assert page.locator(".md-search-result script, .md-search-result img, .md-search-result svg[onload]").count() == 0
    assert dialogs == [] and offline_page.errors == []


# --- Size and nesting ------------------------------------------------------------------------------------


def test_a_very_long_line_gives_the_complete_page(hostile_site):
    page = read_page(hostile_site, "policies/long-line.html")
    block = re.search(r'<div class="provision depth-0" id="long-line.i">(.*?)</div>', page, re.DOTALL).group(1)
    words = html.unescape(re.sub(r"<[^>]+>", "", block))  # the text, without the glossary's term links
    assert words == f"I. {long_line_text()}"


def test_the_deepest_nesting_allowed_gives_a_correct_page(hostile_site):
    page = read_page(hostile_site, "policies/deep.html")
    deepest = "deep." + ".".join(str(level) for level in range(1, DEEPEST_PROVISIONS + 1))
    assert f'id="{deepest}"' in page
    assert f"Level {DEEPEST_PROVISIONS} of {DEEPEST_PROVISIONS}." in page


def billion_laughs() -> str:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 10)]
    return "\n".join(lines) + "\n"


def attachment_policy(url: str) -> str:
    return (
        policy_header("links", "Links Police") + "  - text: Members shall be courteous.\n    comparable: false\n"
        f"attachments:\n  - title: Sites\n    items:\n      - name: Site\n        url: {json_quoted(url)}\n"
    )


def json_quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON's quoting is valid YAML)."""
    return json.dumps(text)


CLEAR_ERRORS = {
    "200 levels of provisions": (lambda: nested_policy("deep", 200), f"nested more than {MAX_DEPTH} levels deep"),
    # A few hundred thousand brackets crashed PyYAML's composer (a segmentation fault) or took minutes. Newer
    # PyYAML refuses deep flow nesting in its own parser, before our depth check: either layer may say it, so
    # only the place is pinned, line 1 of the file.
    "400,000 open brackets": (lambda: "schema: " + "[" * 400_000 + "]" * 400_000 + "\n", "hostile.yml:1:"),
    "a 10 MB file": (
        lambda: policy_header("big", "Big Police") + "  - text: " + "x " * 5_000_000 + "\n",
        "file is 10.0 MB, more than a source file may be (1 MB)",
    ),
    "aliases that expand to a billion values": (billion_laughs, ":2:10: a1[0]: aliases (*a0) are not supported"),
    "a control character": ("schema: 1\nslug: x\x07\n", ":2:8: character U+0007 is not allowed in YAML"),
    "a javascript: link": (
        lambda: attachment_policy("javascript:alert(1)"),
        "attachments[0].items[0].url: 'javascript:alert(1)' is not valid (expected an http:// or https:// address)",
    ),
    "a javascript: link in capitals": (
        lambda: attachment_policy("JavaScript:alert(1)"),
        "'JavaScript:alert(1)' is not valid",
    ),
    "a data: link": (
        lambda: attachment_policy("data:text/html,<script>alert(1)</script>"),
        "is not valid (expected an http",
    ),
    "a link breaking out of its attribute": (
        lambda: attachment_policy('https://example.org/"onmouseover="alert(1)'),
        "is not valid (expected an http",
    ),
}


@pytest.mark.parametrize("case", CLEAR_ERRORS)
def test_hostile_files_get_one_clear_error_quickly(project, case):
    make, expected = CLEAR_ERRORS[case]
    content = make() if callable(make) else make
    (project / "source" / "policies" / "hostile.yml").write_text(content, encoding="utf-8")
    result = run_handbook(project, "check", "--source", "source", timeout=60)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    problems = [line for line in result.stderr.splitlines() if line.startswith("source/policies/hostile.yml:")]
    assert any(expected in line for line in problems), result.stderr[:2000]
    assert all(PROBLEM_LINE.match(line) for line in problems)
    assert not (project / "site").exists()


# --- Property-based: the loader and the renderers ---------------------------------------------------------


@pytest.fixture(scope="module")
def scratch_source(tmp_path_factory) -> Path:
    """A source folder with the real topics and one original, for one policy file at a time."""
    source = tmp_path_factory.mktemp("scratch") / "source"
    (source / "policies").mkdir(parents=True)
    (source / "originals").mkdir()
    shutil.copy(ROOT / "source" / "originals" / "kansas-city-mo.txt", source / "originals")
    shutil.copy(ROOT / "source" / "topics.yml", source)
    return source


def load_reporting(source: Path, data: bytes):
    """Load `data` as the only policy: the corpus, or None after checking every problem is one proper line."""
    (source / "policies" / "any.yml").write_bytes(data)
    try:
        return load_corpus(source)
    except SourceError as exc:
        assert exc.problems
        for problem in exc.problems:
            match = PROBLEM_LINE.match(str(problem))
            assert match and int(match.group(1)) >= 1 and int(match.group(2)) >= 1, str(problem)
        return None


PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(data=st.binary(max_size=400))
def test_any_bytes_as_a_policy_file_are_reported_not_raised(scratch_source, data):
    load_reporting(scratch_source, data)


@PROPERTY
@given(text=st.text(max_size=400))
def test_any_text_as_a_policy_file_is_reported_not_raised(scratch_source, text):
    load_reporting(scratch_source, text.encode("utf-8", "surrogatepass"))


FIELD_NAMES = [
    "schema",
    "slug",
    "kind",
    "agency",
    "name",
    "identified",
    "document",
    "title",
    "number",
    "dates",
    "issued",
    "revised",
    "references",
    "signatories",
    "date_line",
    "original",
    "body",
    "footnotes",
    "id",
    "text",
    "attachments",
    "items",
    "url",
    "options",
    "bracket",
    "label",
    "default",
    "format",
    "alternatives",
    "input",
    "repairs",
    "provision",
    "field",
    "heading",
    "term",
    "notes",
    "option",
    "topics",
    "comparable",
    "children",
]
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.dates(),
    st.text(max_size=20),
    st.sampled_from(
        [
            "policy",
            "template",
            "kansas-city-mo.txt",
            "2014-01-30",
            "{{a}}",
            "{{footnote:1}}",
            "choice",
            "optional",
            "omit",
            "I.",
            "(1)",
            "https://example.org",
            "javascript:x",
            "undercover-officers",
            "<script>",
        ]
    ),
)
TREES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(FIELD_NAMES), inner, max_size=5)
    ),
    max_leaves=30,
)
VALID = {
    "schema": 1,
    "slug": "any",
    "kind": "policy",
    "agency": {"name": "A"},
    "document": {"title": "T"},
    "original": "kansas-city-mo.txt",
    "body": [{"text": "Members shall be courteous.", "comparable": False}],
}


@PROPERTY
@given(changes=st.dictionaries(st.sampled_from(FIELD_NAMES), TREES, max_size=6))
def test_near_valid_policies_are_loaded_or_reported_not_raised(scratch_source, changes):
    load_reporting(scratch_source, yaml.safe_dump({**VALID, **changes}, allow_unicode=True).encode("utf-8"))


class TagCollector(HTMLParser):
    """The element names and attribute names of an HTML fragment."""

    def __init__(self):
        super().__init__()
        self.tags: set[str] = set()
        self.attributes: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attributes.update(name for name, _ in attrs)


WORDS = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30).filter(str.strip)
# The elements and attributes our renderers write; text from the YAML must never add others.
OUR_TAGS = {
    *(f"h{level}" for level in range(1, 7)),  # headings are written as HTML too
    "p",
    "div",
    "a",
    "span",
    "dl",
    "dt",
    "dd",
    "ul",
    "ol",
    "li",
    "sup",
    "dfn",
    "time",
    "q",
    "em",
    "strong",
    "details",
    "summary",
    "br",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "link",  # a policy page's running header for print (generator/features/print/running.py)
}
OUR_ATTRIBUTES = {"class", "id", "href", "title", "datetime", "rel", "value", "data-option", "scope"}
OUR_ATTRIBUTES |= {"media", "data-running"}  # the print stylesheet's link, and the element it names
# A term link's popover: hidden until shown, its definition the link's description, its link no keyboard stop.
OUR_ATTRIBUTES |= {"hidden", "aria-describedby", "tabindex"}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=WORDS, title=WORDS, label=WORDS, heading=WORDS, text=WORDS, term=WORDS, note=WORDS)
def test_any_text_in_a_valid_policy_renders_as_text(scratch_source, name, title, label, heading, text, term, note):
    policy = {
        **VALID,
        "agency": {"name": name},
        "document": {"title": title, "number": note},
        "signatories": [{"name": name, "title": note}],
        "references": [note],
        "attachments": [{"title": heading, "items": [{"name": text}]}],
        "body": [
            {"label": label, "heading": heading, "text": text, "notes": [note], "topics": [topic_ids()[0]]},
            {"label": label + "x", "term": term, "text": text, "comparable": False},
        ],
    }
    corpus = load_reporting(scratch_source, yaml.safe_dump(policy, allow_unicode=True).encode("utf-8"))
    if corpus is None:  # e.g. labels that make the same provision id
        return
    page = str(render_pages(corpus, SourceLayout(scratch_source))[page_path(corpus.policies[0])])
    collector = TagCollector()
    collector.feed(page)
    assert collector.tags <= OUR_TAGS
    assert collector.attributes <= OUR_ATTRIBUTES
