"""The built site: policy pages show their provisions, text is escaped, nothing is loaded from outside."""

import re

from .conftest import corpus_slugs, read_page


def test_every_policy_has_a_page_with_its_provisions_and_permalinks(site, corpus):
    for slug in corpus_slugs():
        html = read_page(site, f"policies/{slug}.html")
        for provision in corpus.policy(slug).provisions():
            assert f'id="{provision.id}"' in html, f"{provision.id} has no anchor on its page"


HOSTILE = """\
schema: 1
slug: hostile
kind: policy
agency:
  name: "<script>alert('agency')</script> Police"
document:
  title: "**Bold** <img src=x onerror=alert(1)>"
original: kansas-city-mo.txt
body:
  - label: "<b>I.</b>"
    heading: "[click](javascript:alert(1)) # not a heading"
    text: "Members shall <script>alert('text')</script> & use *care* {#id} [x](javascript:alert(2))."
    children:
      - label: A.
        term: "<i>Blog</i>"
        text: "A </div> diary."
"""


def test_text_from_yaml_is_shown_literally_never_as_markup(project):
    from generator.mkdocs_plugin import build_into

    (project / "source" / "policies" / "hostile.yml").write_text(HOSTILE, encoding="utf-8")
    build_into(project / "mkdocs.yml", project / "site")
    html = (project / "site" / "policies" / "hostile.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert 'href="javascript:' not in html
    assert "&lt;script&gt;alert(&#x27;text&#x27;)&lt;/script&gt;" in html
    assert "*care* {#id} [x](javascript:alert(2))" in html
    assert "&lt;i&gt;Blog&lt;/i&gt;" in html and "A &lt;/div&gt; diary." in html
    home = (project / "site" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&#x27;agency&#x27;)&lt;/script&gt; Police" in home


# A resource the page would load: script/img/iframe/source src, stylesheet or icon links, CSS url() and
# @import, and worker or fetch calls in JavaScript. Plain <a href> links are navigation, not loads.
EXTERNAL_LOAD = re.compile(
    r"""<(?:script|img|iframe|source|audio|video|embed)\b[^>]*\bsrc=["']?(?:https?:)?//"""
    r"""|<link\b[^>]*\bhref=["']?(?:https?:)?//"""
    r"""|url\(\s*["']?(?:https?:)?//"""
    r"""|@import\s+["'](?:https?:)?//"""
    r"""|\b(?:importScripts|fetch|new Worker)\(\s*["'](?:https?:)?//""",
    re.IGNORECASE,
)


def test_no_built_file_loads_anything_from_outside_the_site(site):
    offenders = []
    for path in site.rglob("*"):
        if path.suffix in {".html", ".css", ".js", ".xml", ".json", ".svg"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            offenders += [f"{path.relative_to(site)}: {m.group(0)[:80]}" for m in EXTERNAL_LOAD.finditer(text)]
    assert offenders == []
    assert "fonts.googleapis.com" not in (site / "index.html").read_text(encoding="utf-8")
    assert "unpkg.com" not in (site / "index.html").read_text(encoding="utf-8")


def test_home_page_lists_every_policy_with_its_metadata(site, corpus):
    home = read_page(site, "index.html")
    kc = corpus.policy("kansas-city-mo")
    assert '<a href="policies/kansas-city-mo.html">Kansas City Missouri Police Department</a>' in home
    assert '<time datetime="2014-01-30">January 30, 2014</time>' in home
    assert f'<td data-label="Provisions">{sum(1 for _ in kc.provisions())}</td>' in home
    assert '<time datetime="2019-08-07">August 7, 2019</time>' in home  # St. Joseph's last revision


def test_policy_page_shows_labels_notes_footnotes_signatures_and_placeholders(site):
    kc = read_page(site, "policies/kansas-city-mo.html")
    assert 'href="#kansas-city-mo.iv.a.6.d.4" title="Link to this provision">(4)</a>' in kc
    assert "Personal statements about any investigation" in kc
    assert "In instances where proper identification as a member of this department poses a risk" in kc
    assert 'class="signature-name">Darryl Forté<' in kc and "Board President" in kc
    ma = read_page(site, "policies/massachusetts-template.html")
    assert 'data-option="self-identification" title="Template option:' in ma
    assert "[MAY OR SHALL NOT]</span> identify themselves" in ma
    assert "[OPTIONAL]</span>" in ma
    assert 'id="massachusetts-template.fn-1"' in ma and "4.0 of the department Rules and Regulations." in ma
    raymore = read_page(site, "policies/raymore-mo.html")
    assert 'href="https://www.facebook.com/Raymore.Police" rel="external noopener"' in raymore
    assert (site / "originals" / "raymore-mo.txt").is_file()


def test_repairs_and_furniture_are_listed_on_the_policy_page(site):
    page = read_page(site, "policies/unidentified-department.html")
    assert "38 scanning errors corrected; 2 lines of the original left out: page numbers, headers" in page
    assert "<q>[1.</q> → <q>III.</q>" in page
    assert "<q>il.</q> → <q>ii.</q>" in page
