"""Text from the YAML is inert by construction (issue 12): whatever a text field holds — blank lines, Markdown,
attribute lists, HTML, `{{`, `<!--`, `</script>`, line separators, astral characters — the built page shows
exactly that text. Nothing of a generated page is parsed as Markdown, titles do not travel through YAML front
matter, JSON inside a page cannot end its element, and file names are percent-encoded in links."""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from generator.generate import render_pages
from generator.inline import TOKEN
from generator.load import SourceLayout, load_corpus
from generator.problems import SourceError

from .conftest import ROOT, copy_project, read_page
from .test_csp import inline_code
from .test_hostile import OUR_TAGS

# The reproduction: a blank line, then an attribute list with an event handler, a javascript: link
# and an outside image. Each would run, or leave the site, if any of it were read as Markdown.
BLANK_LINE_NOTE = (
    "See the attached form.\n\nDetails follow.\n{: tabindex=0 autofocus=autofocus onfocus=alert(document.domain) }"
)
PAYLOAD = BLANK_LINE_NOTE + "\n\n[x](javascript:alert(document.domain)) ![i](https://example.org/i.png) *emphasis*"
BADGE_LABEL = "Include? [see](contenteditable/autofocus/onfocus=alert(document.domain)//)"
COMMENT_LABEL = "Leave it out? <!--<script>"
EMOJI_AGENCY = "Kansas City 🚓 Police Department"
EMOJI_TITLE = "Social Media 📱 and Networking"
ORIGINAL = "raymore notes #1.txt"


def folded(text: str) -> str:
    return " ".join(text.split())


class PageText(HTMLParser):
    """What a page shows: its text (outside scripts), the title attributes (tooltips) and the data of its
    JSON scripts, with character references decoded."""

    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.tooltips: list[str] = []
        self.scripts: list[str] = []
        self.in_script = False
        self.elements: list[tuple[str, dict]] = []
        self.feed(page)
        self.close()
        self.text = folded("".join(self.parts))

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        self.tooltips += [folded(value) for name, value in attrs if name == "title" and value]
        self.in_script = tag in ("script", "style")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.in_script = False

    def handle_data(self, data):
        (self.scripts if self.in_script else self.parts).append(data)

    def shows(self, text: str) -> bool:
        text = folded(text)
        return text in self.text or any(text in tooltip for tooltip in self.tooltips)


def load_yaml(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def dump_yaml(path: Path, data) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def find(provisions: list, label: str) -> dict:
    for provision in provisions:
        if provision.get("label") == label:
            return provision
        if found := find(provision.get("children", []), label) if provision.get("children") else None:
            return found
    raise KeyError(label)


def option(template: dict, option_id: str) -> dict:
    return next(o for o in template["options"] if o["id"] == option_id)


def everywhere_policy(topic: str) -> dict:
    """A policy with the issue's payload in every kind of text field a department's policy has."""
    return {
        "schema": 1,
        "slug": "everywhere",
        "kind": "policy",
        "agency": {"name": "Everywhere Police " + PAYLOAD, "city": "City " + PAYLOAD, "state": "MO"},
        "document": {"title": "Title " + PAYLOAD, "type": "Type " + PAYLOAD, "subject": "Subject " + PAYLOAD},
        "dates": {"issued": "2020-01-02"},
        "amends": "Amends " + PAYLOAD,
        "references": ["Reference " + PAYLOAD],
        "distribution": ["Distribution " + PAYLOAD],
        "signatories": [{"name": "Signatory " + PAYLOAD, "title": "Chief", "note": "Note " + PAYLOAD}],
        "original": "kansas-city-mo.txt",
        "body": [
            {
                "label": "I. " + PAYLOAD,
                "heading": "Heading " + PAYLOAD,
                "text": "Text " + PAYLOAD + " {{footnote:1}}",
                "notes": ["Provision note " + PAYLOAD],
                "topics": [topic],
            },
            {"label": "II.", "term": "Term " + PAYLOAD, "text": "Definition " + PAYLOAD, "comparable": False},
        ],
        "footnotes": [{"id": "1", "text": "Footnote " + PAYLOAD}],
        "attachments": [{"title": "Attachment " + PAYLOAD, "items": [{"name": "Item " + PAYLOAD}]}],
        "furniture": [{"line": "Furniture line", "reason": "Furniture " + PAYLOAD}],
    }


@pytest.fixture(scope="module")
def inert_site(tmp_path_factory) -> Path:
    """The real handbook built with the issue's hostile texts put in: the reproduction in Raymore's section
    8.00, Markdown in a template option's label (the `[OPTIONAL]` badge route), `<!--<script>` in another
    option's label and in the template's title, emoji in an agency's name and title, an original file name
    that needs percent-encoding, and the payload in every kind of text field of a policy and of topics.yml."""
    from generator.mkdocs_plugin import build_into

    project = copy_project(tmp_path_factory.mktemp("inert"))
    source = project / "source"
    policies = source / "policies"

    raymore = load_yaml(policies / "raymore-mo.yml")
    find(raymore["body"], "Section 8.00")["notes"] = [BLANK_LINE_NOTE]
    shutil.copy(source / "originals" / raymore["original"], source / "originals" / ORIGINAL)
    raymore["original"] = ORIGINAL
    dump_yaml(policies / "raymore-mo.yml", raymore)

    template = load_yaml(policies / "massachusetts-template.yml")
    option(template, "display-of-property-section")["label"] = BADGE_LABEL
    option(template, "self-identification-section")["label"] = COMMENT_LABEL
    template["document"]["title"] += " <!--<script>"
    dump_yaml(policies / "massachusetts-template.yml", template)

    kansas = load_yaml(policies / "kansas-city-mo.yml")
    kansas["agency"]["name"], kansas["document"]["title"] = EMOJI_AGENCY, EMOJI_TITLE
    dump_yaml(policies / "kansas-city-mo.yml", kansas)

    topics = load_yaml(source / "topics.yml")
    topics["groups"][0]["title"] += " " + PAYLOAD
    topics["topics"][0]["title"] += " " + PAYLOAD
    topics["topics"][0]["description"] += " " + PAYLOAD
    dump_yaml(source / "topics.yml", topics)
    dump_yaml(policies / "everywhere.yml", everywhere_policy(topics["topics"][0]["id"]))

    load_corpus(source)  # `handbook check` accepts all of it
    build_into(project / "mkdocs.yml", project / "site")
    return project / "site"


# --- The built pages ---------------------------------------------------------------------------------------


def test_a_blank_line_in_a_note_does_not_escape_the_html(inert_site):
    built = read_page(inert_site, "policies/raymore-mo.html")
    note = re.search(
        r'<div class="admonition note[^"]*"><p class="admonition-title">Note</p><p>(.*?)</div>', built, re.DOTALL
    )
    assert note and note[1].endswith("</p>") and "<" not in note[1][: -len("</p>")]  # one paragraph, text alone
    assert PageText(note[1]).text == folded(BLANK_LINE_NOTE)
    page = PageText(built)
    assert not any("onfocus" in attrs or "autofocus" in attrs for _, attrs in page.elements)


def test_markdown_in_an_option_label_stays_in_the_badge_title(inert_site):
    page = PageText(read_page(inert_site, "policies/massachusetts-template.html"))
    badges = [a for tag, a in page.elements if "template-optional" in a.get("class", "")]
    assert "Optional: " + BADGE_LABEL in [a.get("title") for a in badges]
    assert not any({"contenteditable", "autofocus", "onfocus"} & attrs.keys() for _, attrs in page.elements)


def test_every_kind_of_text_field_shows_the_payload_as_text(inert_site):
    pages = {
        "policies/everywhere.html": [
            "Everywhere Police ",
            "City ",
            "Title ",
            "Type ",
            "Subject ",
            "Amends ",
            "Reference ",
            "Distribution ",
            "Signatory ",
            "Note ",
            "Heading ",
            "Provision note ",
            "Term ",
            "Footnote ",
            "Attachment ",
            "Item ",
            "Furniture ",
        ],
        "compare/index.html": [load_yaml(ROOT / "source" / "topics.yml")["groups"][0]["title"] + " "],
    }
    for relative, prefixes in pages.items():
        page = PageText(read_page(inert_site, relative))
        for prefix in prefixes:
            assert page.shows(prefix + PAYLOAD), (relative, prefix)
    assert inline_code(inert_site) == []
    for path in inert_site.rglob("*.html"):
        for tag, attrs in PageText(path.read_text(encoding="utf-8")).elements:
            assert not any(name.startswith("on") for name in attrs), (path, tag, attrs)
            assert not (tag == "img" and attrs.get("src", "").startswith("http")), (path, attrs)
            assert not (attrs.get("href") or "").lower().startswith("javascript:"), (path, attrs)


def test_an_emoji_in_the_agency_name_and_title_gives_the_right_title(inert_site):
    built = read_page(inert_site, "policies/kansas-city-mo.html")
    page = PageText(built)
    title = f"{EMOJI_AGENCY}: {EMOJI_TITLE}"
    assert re.search(r"<title>(.*?)</title>", built, re.DOTALL).group(1).strip() == f"{title} - Police Policy Handbook"
    assert "title:" not in page.text
    assert page.shows(f"{title}")  # in the navigation and the header
    h1 = re.search(r"<h1[^>]*>(.*?)<a", built, re.DOTALL).group(1)
    assert PageText(h1).text == EMOJI_TITLE
    assert PageText(read_page(inert_site, "index.html")).shows(EMOJI_AGENCY)


def document_script_data(script: str) -> dict:
    """The value `draft-document.js` assigns (a script of its own, its JSON not inside a page)."""
    return json.loads(script.split(" = ", 1)[1].rstrip().removesuffix(";"))


def test_a_comment_opening_in_an_option_label_keeps_the_draft_page_whole(inert_site):
    built = read_page(inert_site, "draft.html")
    page = PageText(built)
    data = json.loads(re.search(r'<script type="application/json" id="draft-data">(.*?)</script>', built, re.DOTALL)[1])
    rules = document_script_data(read_page(inert_site, "draft-document.js"))["rules"]
    assert COMMENT_LABEL in [o["label"] for o in rules["options"]]
    assert data["title"].endswith("<!--<script>")
    assert "<!--" not in built.split('id="draft-data">', 1)[1].split("</script>", 1)[0]
    sources = [a.get("src", "") for tag, a in page.elements if tag == "script"]
    assert any(s.endswith("assets/javascripts/draft.js") for s in sources)  # the rest of the page is still there
    assert page.shows(COMMENT_LABEL)


def test_original_file_names_are_percent_encoded_in_links(inert_site):
    built = read_page(inert_site, "policies/raymore-mo.html")
    assert 'href="../originals/raymore%20notes%20%231.txt"' in built
    assert (inert_site / "originals" / ORIGINAL).is_file()


@pytest.mark.browser
def test_hostile_pages_open_with_no_dialog_and_no_request_leaving_the_site(offline_page, inert_site):
    page = offline_page.page
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    topic = load_yaml(ROOT / "source" / "topics.yml")["topics"][0]["id"]
    for relative in (
        "policies/raymore-mo.html",
        "policies/massachusetts-template.html",
        "policies/everywhere.html",
        "policies/kansas-city-mo.html",
        "index.html",
        "compare/index.html",
        f"compare/topics/{topic}.html",
        "glossary.html",
        "draft.html",
    ):
        offline_page.open(inert_site, relative)
        page.wait_for_load_state("load")
        page.keyboard.press("Tab")  # focus moves, as it would for a reader
        page.wait_for_timeout(100)
    assert dialogs == [] and offline_page.errors == []

    offline_page.open(inert_site, "policies/raymore-mo.html")
    assert "{: tabindex=0 autofocus=autofocus" in page.locator("article").inner_text()

    offline_page.open(inert_site, "draft.html")  # the draft page still works: its script read the data
    page.locator("#draft-progress").filter(has_text="answered").wait_for()
    page.locator('input[name="self-identification-section"][value="omit"]').check()
    page.locator('[data-optional="self-identification-section"]').wait_for(state="hidden")
    assert dialogs == [] and offline_page.errors == []


# --- Property: any text in any text field of any file ---------------------------------------------------------

PIECES = [
    "\n\n",
    "\n",
    "{: tabindex=0 onfocus=alert(1) }",
    "{#id .class}",
    "[x](javascript:alert(1))",
    "![i](https://example.org/i.png)",
    "*a*",
    "__b__",
    "`c`",
    "# ",
    "> ",
    "1. ",
    "- ",
    "    ",
    "<b>",
    "<script>alert(1)</script>",
    "</script>",
    "<!--",
    "-->",
    "{{",
    "}}",
    "&amp;",
    "&#46;",
    '"',
    "'",
    "\\",
    "---",
    "title: x",
    "\u2028",
    "\u2029",
    "😀",
    "𝔘",
    "<",
    ">",
    "&",
]
TEXTS = (
    st.lists(
        st.one_of(
            st.sampled_from(PIECES),
            st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=4),
        ),
        min_size=1,
        max_size=8,
    )
    .map(lambda pieces: "W" + "".join(pieces))  # a word first: labels and names need one
    .filter(lambda text: not TOKEN.search(text))  # `{{id}}` is a reference, not text
)


def write_source(source: Path, text: str) -> None:
    """A source folder with `text` in every kind of text field: a department's policy, a template's options,
    topics.yml and glossary.yml."""
    topics = load_yaml(ROOT / "source" / "topics.yml")
    topics["groups"][0]["title"] = text
    topics["topics"][0]["title"] = text
    topics["topics"][0]["description"] = text
    topic = topics["topics"][0]["id"]
    dump_yaml(source / "topics.yml", topics)
    dump_yaml(source / "glossary.yml", {"aliases": [{"term": text, "variants": [text + " 2"]}]})
    policy = {
        "schema": 1,
        "slug": "any",
        "kind": "policy",
        "agency": {"name": text, "city": "In " + text, "state": "MO"},
        "document": {"title": text, "type": text, "subject": text, "chapter": text},
        "amends": text,
        "rescinds": text,
        "references": [text],
        "distribution": [text],
        "signatories": [{"name": text, "title": text, "note": text}],
        "original": "kansas-city-mo.txt",
        "body": [
            {"label": "I " + text, "heading": text, "text": text, "notes": [text], "topics": [topic]},
            {"label": "II", "term": text, "text": "First.", "comparable": False},
            {"label": "III", "term": text + " 2", "text": "Second.", "comparable": False},
        ],
        "footnotes": [],
        "attachments": [{"title": text, "items": [{"name": text}]}],
        "furniture": [{"line": text, "reason": text}],
    }
    template = {
        "schema": 1,
        "slug": "model",
        "kind": "template",
        "agency": {"name": "Model"},
        "document": {"title": text},
        "original": "kansas-city-mo.txt",
        "body": [
            {
                "label": "I.",
                "heading": "Part",
                "option": "part",
                "text": "Members shall {{fill}} and {{pick}}.",
                "topics": [topic],
            }
        ],
        "options": [
            {"id": "fill", "kind": "fill-in", "bracket": text, "label": text, "help": text},
            {
                "id": "pick",
                "kind": "choice",
                "bracket": "[PICK]",
                "label": text,
                "alternatives": [{"id": "a", "text": text}, {"id": "b", "text": "other"}],
            },
            {"id": "part", "kind": "optional", "bracket": "[OPTIONAL]", "label": text},
        ],
    }
    dump_yaml(source / "policies" / "any.yml", policy)
    dump_yaml(source / "policies" / "model.yml", template)


@pytest.fixture(scope="module")
def property_source(tmp_path_factory) -> Path:
    source = tmp_path_factory.mktemp("inert-property") / "source"
    (source / "policies").mkdir(parents=True)
    (source / "originals").mkdir()
    shutil.copy(ROOT / "source" / "originals" / "kansas-city-mo.txt", source / "originals")
    return source


def shown(pages, path: str) -> PageText:
    return PageText(str(pages[path]))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXTS)
def test_any_text_in_any_text_field_is_shown_exactly(property_source, text):
    write_source(property_source, text)
    try:
        corpus = load_corpus(property_source)
    except SourceError as exc:  # e.g. a value the schema refuses; never the markup in it
        assume(False)
        raise AssertionError from exc
    pages = render_pages(corpus, SourceLayout(property_source))
    policy, template, draft = (
        shown(pages, "policies/any.md"),
        shown(pages, "policies/model.md"),
        shown(pages, "draft.md"),
    )
    for page in (policy, template, draft, shown(pages, "compare/index.md"), shown(pages, "glossary.md")):
        assert page.shows(text)
        assert {tag for tag, _ in page.elements} <= ALLOWED_TAGS
    assert policy.shows("I " + text) and policy.shows("In " + text)
    assert template.shows("Optional: " + text)  # the badge's tooltip
    assert shown(pages, "glossary.md").shows(f"“{text} 2”")  # "Also written", from glossary.yml
    data = json.loads(draft.scripts[0])
    assert data["title"] == text
    rules = document_script_data(str(pages["draft-document.js"]))["rules"]
    assert all(o["label"] == text for o in rules["options"])
    assert pages["policies/any.md"].title == f"{text}: {text}"


# The elements generated pages have (a policy page's, and those of the other kinds of page): text from the
# YAML must never add others.
ALLOWED_TAGS = OUR_TAGS | {
    *["caption", "tfoot", "form", "fieldset", "legend", "label", "input", "select", "option", "optgroup"],
    *["button", "section", "article", "nav", "blockquote", "del", "ins", "link", "script"],
}


def test_an_original_in_markdown_is_shown_as_written(property_source):
    """An original `.md` is a page of the site (every `.md` is): its text shown exactly, none of it read."""
    write_source(property_source, "Words")
    original = "<script>alert(1)</script>\n\n*not emphasis* {: onfocus=alert(1) }\n"
    (property_source / "originals" / "notes.md").write_text(original, encoding="utf-8")
    policy = load_yaml(property_source / "policies" / "any.yml")
    dump_yaml(property_source / "policies" / "any.yml", {**policy, "original": "notes.md"})
    pages = render_pages(load_corpus(property_source), SourceLayout(property_source))
    page = shown(pages, "originals/notes.md")
    assert page.shows(original) and {tag for tag, _ in page.elements} == {"pre"}
    assert 'href="../originals/notes.html"' in str(pages["policies/any.md"])
