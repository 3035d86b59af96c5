"""The definitions glossary: every policy's definitions merged by term, with provenance and differences,
and defined terms in policy pages linked to it."""

from __future__ import annotations

import html
import json
import re

import pytest
import yaml

from generator.features.glossary.model import build_glossary

from .conftest import SOURCE, read_page, run_handbook, site_search

DEFINITION_SECTION = re.compile(r"definitions|terminology", re.IGNORECASE)


def entry(glossary, term):
    return next(e for e in glossary.entries if e.term == term)


def slugs(policies):
    return {p.slug for p in policies}


def source_definitions() -> list[tuple[str, str, str]]:
    """(slug, term, text) of every `term:` in the YAML, read without the generator, checking along
    the way that every item of a Definitions / Terminology section is a definition."""
    found = []

    def visit(slug, provisions):
        for provision in provisions:
            if DEFINITION_SECTION.fullmatch(provision.get("heading", "")):
                assert all("term" in child for child in provision["children"]), f"{slug}: untermed definition"
            if "term" in provision:
                found.append((slug, provision["term"], " ".join(provision["text"].split())))
            visit(slug, provision.get("children", []))

    for path in sorted((SOURCE / "policies").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        visit(data["slug"], data["body"])
    return found


# --- The merged glossary -------------------------------------------------------------------------


def test_known_facts_from_the_originals(corpus):
    glossary = build_glossary(corpus)
    blog = entry(glossary, "Blog")
    assert slugs(blog.defined_by) == {"kansas-city-mo", "raymore-mo", "st-joseph-mo", "unidentified-department"}
    assert slugs(blog.undefined_by) == {"massachusetts-template"}
    for term, text in (
        ("Web 2.0", "The second generation of the World Wide Web"),
        ("Wiki", "Web page(s) that can be edited collaboratively."),
    ):
        shared = entry(glossary, term)
        assert slugs(shared.defined_by) == {"st-joseph-mo", "unidentified-department"}
        assert len(shared.wordings) == 1 and shared.most_common.text.startswith(text)
    for term in ("Chat", "Forum", "Peer-to-Peer"):
        assert slugs(entry(glossary, term).defined_by) == {"massachusetts-template"}
    assert slugs(entry(glossary, "Employee").defined_by) == {"raymore-mo"}
    assert "A police officer, civilian, or reserve officer of the RPD." == entry(glossary, "Employee").most_common.text


def test_spelling_and_number_variants_merge_only_by_the_alias_list(corpus):
    glossary = build_glossary(corpus)
    profile = entry(glossary, "Profile")
    assert profile.names == ["Profile", "Profiles"]
    assert "massachusetts-template" in slugs(profile.defined_by)
    assert entry(glossary, "Social Networks").names == ["Social Networks", "Social Networking"]
    assert slugs(entry(glossary, "Social Networks").defined_by) == {p.slug for p in corpus.policies}
    rules = {alias.term: set(alias.variants) for alias in corpus.term_aliases.aliases}
    for merged in glossary.entries:  # nothing merged but what the data says
        assert set(merged.names) - {merged.term} <= rules.get(merged.term, set()), merged.term
    assert {"Page", "Website", "Social Media"} <= {e.term for e in glossary.entries}


def test_identical_wordings_are_grouped_and_others_diffed_word_by_word(corpus):
    glossary = build_glossary(corpus)
    speech = entry(glossary, "Speech")
    assert len(speech.wordings) == 1 and len(speech.most_common.definitions) == 4
    post = entry(glossary, "Post")
    assert slugs(d.policy for d in post.most_common.definitions) == {"st-joseph-mo", "unidentified-department"}
    page = entry(glossary, "Page")  # Kansas City's wording is the one closest to both others
    st_joseph = next(w for w in page.wordings if w.definitions[0].policy.slug == "st-joseph-mo")
    changed = [(part.kind, part.text.strip()) for part in st_joseph.diff if part.kind != "equal"]
    assert changed == [("delete", "administrator"), ("insert", "Administrator")]


def test_the_glossary_covers_every_definition_in_the_source(corpus, site):
    definitions = source_definitions()
    assert len(definitions) == sum(1 for p in corpus.policies for _ in p.definitions)
    glossary = build_glossary(corpus)
    merged = {(d.policy.slug, d.provision.term, d.wording) for e in glossary.entries for d in e.definitions}
    assert set(definitions) == merged and len(merged) == len(definitions)
    page = read_page(site, "glossary.html")
    text = html.unescape(re.sub(r"<[^>]+>", "", page))
    assert f"{len(definitions)} definitions from {len(corpus.policies)} policies" in text
    for slug, term, wording in definitions:
        assert " ".join(wording.split()) in " ".join(text.split()), f"{slug}: {term}"
    provenance = re.findall(r'<li><a href="policies/([a-z0-9-]+)\.html#([^"]+)">', page)
    assert sorted(slug for slug, _ in provenance) == sorted(slug for slug, _, _ in definitions)


def test_each_definition_shows_its_provenance_and_the_entry_who_does_not_define_it(site):
    page = read_page(site, "glossary.html")
    blog = page[page.index('id="term-blog"') : page.index('id="term-chat"')]
    assert (
        '<a href="policies/kansas-city-mo.html#kansas-city-mo.iii.a">Kansas City Missouri Police Department, '
        "III. TERMINOLOGY › A.</a>"
    ) in blog
    assert "Not defined by: Massachusetts model policy (draft template)." in blog
    profile = page[page.index('id="term-profile"') : page.index('id="term-public-domain"')]
    assert "Massachusetts model policy (draft template), III. DEFINITIONS › F.</a>" in profile
    assert "(as written: “Profiles”)" in profile
    page_entry = page[page.index('id="term-page"') : page.index('id="term-peer-to-peer"')]
    assert "with <del>administrator</del> <ins>Administrator</ins> rights" in page_entry
    speech = page[page.index('id="term-speech"') : page.index('id="term-uniform-resource-locator-url"')]
    assert "Same wording in all 4 policies that define it" in speech


def test_each_wording_names_its_departments_before_quoting_it(site):
    page = read_page(site, "glossary.html")
    cards = page.split('<div class="glossary-wording">')[1:]
    assert len(cards) > 20
    for card in cards:
        assert card.index('class="glossary-sources"') < card.index('class="glossary-text"'), card[:200]
    blog = page[page.index('id="term-blog"') : page.index('id="term-chat"')]
    card = next(c for c in blog.split('<div class="glossary-wording">')[1:] if "Kansas City" in c)
    assert card.index("Kansas City Missouri Police Department, III. TERMINOLOGY") < card.index("A series of entries")


def test_index_lists_every_term_with_its_count_and_marks_single_policy_terms(corpus, site):
    page = read_page(site, "glossary.html")
    start = page.index('class="glossary-index"')
    index = page[start : page.index("</nav>", start)]
    for item in build_glossary(corpus).entries:
        link = f'<a href="#{item.anchor}">{html.escape(item.term)}</a> <span class="glossary-count"'
        assert link in index, item.term
    assert re.search(r'#term-employee">Employee</a> <span[^>]*>1</span> <span class="badge glossary-single">', index)
    assert re.search(r'#term-blog">Blog</a> <span[^>]*>4</span></li>', index)
    home = read_page(site, "index.html")
    assert '<a href="glossary.html">Definitions glossary</a>' in home


def test_the_site_search_indexes_each_term_as_a_section(site):
    script = read_page(site, "search-index/pages.js")  # the site search's entries that are not provisions
    entries = {
        address: (title, words)
        for _, title, words, address in json.loads(script.split(" = ", 1)[1].rstrip().rstrip(";"))
    }
    title, words = entries["glossary.html#term-wiki"]
    assert title == "Wiki" and "Web page(s) that can be edited collaboratively." in words
    assert "Social Networking" in entries["glossary.html#term-social-networks"][1]


# --- The alias list ------------------------------------------------------------------------------


def test_an_alias_naming_a_term_no_policy_defines_is_reported_with_its_position(project):
    (project / "source" / "glossary.yml").write_text(
        "aliases:\n"
        "  - term: Profile\n"
        "    variants: [Profiles, Blogs]\n"
        "  - term: Social Networks\n"
        "    variants: [Profile]\n",
        encoding="utf-8",
    )
    result = run_handbook(project, "check", "--source", str(project / "source"))
    assert result.returncode == 1
    assert (
        "source/glossary.yml:3:26: aliases[0].variants[1]: term 'Blogs' is not defined by any policy" in result.stderr
    )
    assert (
        "source/glossary.yml:5:16: aliases[1].variants[0]: term 'Profile' is already listed at aliases[0].term"
        in result.stderr
    )


# --- Hostile text --------------------------------------------------------------------------------

HOSTILE = """\
schema: 1
slug: hostile
kind: policy
agency:
  name: Hostile Police
document:
  title: Hostile
original: kansas-city-mo.txt
body:
  - label: I.
    heading: DEFINITIONS
    children:
      - label: A.
        term: "<img src=x onerror=alert(1)>"
        text: 'A "quoted" <script>alert(2)</script> thing & more.'
  - label: II.
    text: "Never show an <IMG SRC=x onerror=alert(1)> to a blog."
"""


def test_a_hostile_term_is_escaped_in_the_glossary_and_in_its_links(project):
    from generator.mkdocs_plugin import build_into

    (project / "source" / "policies" / "hostile.yml").write_text(HOSTILE, encoding="utf-8")
    build_into(project / "mkdocs.yml", project / "site")
    glossary = read_page(project / "site", "glossary.html")
    policy = read_page(project / "site", "policies/hostile.html")
    for page in (glossary, policy):
        assert "<img" not in page.lower() and "<script>alert" not in page
    assert "A &quot;quoted&quot; &lt;script&gt;alert(2)&lt;/script&gt; thing &amp; more." in glossary
    assert '">&lt;img src=x onerror=alert(1)&gt;</a>' in glossary  # the index entry
    link = re.search(
        r'<a class="term-link[^>]*aria-describedby="([^"]*)">&lt;IMG SRC=x onerror=alert\(1\)&gt;</a>', policy
    )
    assert link and "A &quot;quoted&quot; &lt;script&gt;alert(2)&lt;/script&gt; thing &amp; more." in popover(
        policy, link.group(1)
    )
    assert "<strong>&lt;img src=x onerror=alert(1)&gt;</strong>" in popover(policy, link.group(1))


# --- Term links in policy pages ------------------------------------------------------------------


def popover(page: str, definition_id: str) -> str:
    """The popover of a page quoting the definition `definition_id` (a term link's `aria-describedby`)."""
    found = re.search(
        rf'<span class="term-popover [^"]*" hidden><span class="term-popover-quote" id="{re.escape(definition_id)}">'
        r"(.*?)</a></span>",
        page,
    )
    assert found, definition_id
    return found.group(0)


def provision_block(page: str, provision_id: str) -> str:
    return re.search(rf'<div class="provision[^"]*" id="{re.escape(provision_id)}">(.*?)</div>', page).group(1)


def test_terms_are_linked_as_whole_words_only(site, corpus):
    kc = read_page(site, "policies/kansas-city-mo.html")
    assert "Posting any of the following types of criminal justice information" in provision_block(
        kc, "kansas-city-mo.iv.a.6.d"
    )
    template = read_page(site, "policies/massachusetts-template.html")
    assert re.search(
        r'what you <a class="term-link[^>]*href="\.\./glossary\.html#term-post"[^>]*>post</a> will be seen', template
    )
    assert "What is posted or e-mailed today" in template
    word = re.compile(r"[\w-]")
    for policy in corpus.policies:
        page = read_page(site, f"policies/{policy.slug}.html")
        for match in re.finditer(r'<a class="term-link[^>]*>([^<]*)</a>', page):
            before, after = page[match.start() - 1], page[match.end()]
            assert not word.match(before) and not word.match(after), f"{policy.slug}: {match.group(0)}"


def test_only_the_first_mention_per_provision_is_linked_and_never_in_headings(site, corpus):
    template = read_page(site, "policies/massachusetts-template.html")
    start = template.index('id="massachusetts-template.i"')
    section = template[start : template.index("<h2", start)]
    assert section.lower().count("social media") >= 3
    assert section.count('href="../glossary.html#term-social-media"') == 1
    for policy in corpus.policies:
        page = read_page(site, f"policies/{policy.slug}.html")
        for heading in re.findall(r"<h[1-6][^>]*>.*?</h[1-6]>", page, re.DOTALL):
            assert "term-link" not in heading


def test_a_term_is_not_linked_inside_its_own_definition(site):
    raymore = read_page(site, "policies/raymore-mo.html")
    internet = provision_block(raymore, "raymore-mo.section-8-02.c")
    assert "The Internet includes" in internet and "#term-internet" not in internet
    assert "#term-world-wide-web" in internet  # other terms are linked there
    assert "term-link" not in provision_block(raymore, "raymore-mo.section-8-02.b")  # Employee


def test_the_popover_quotes_the_policys_own_definition_else_another_departments_and_says_whose(site):
    kc = read_page(site, "policies/kansas-city-mo.html")
    own = re.search(
        r'<a class="term-link term-link-own" href="\.\./glossary\.html#term-social-media" aria-describedby="([^"]*)"',
        kc,
    )
    assert own
    quoted = popover(kc, own.group(1))
    assert "term-popover-own" in quoted
    assert "This policy&#x27;s definition — Kansas City Missouri Police Department" in quoted
    assert "On-line sources that allow people to communicate" in quoted
    assert 'href="../glossary.html#term-social-media"' in quoted
    template = read_page(site, "policies/massachusetts-template.html")
    other = re.search(
        r'<a class="term-link term-link-glossary" href="\.\./glossary\.html#term-post" aria-describedby="([^"]*)"',
        template,
    )
    assert other
    quoted = popover(template, other.group(1))
    assert "term-popover-glossary" in quoted and "Not defined by this policy. Definition from" in quoted
    assert "Content an individual shares on a social media site or the act of publishing content" in quoted


def test_a_page_quotes_each_linked_definition_once_and_has_no_tooltips(site, corpus):
    for policy in corpus.policies:
        page = read_page(site, f"policies/{policy.slug}.html")
        described = re.findall(r'<a class="term-link[^>]*aria-describedby="([^"]*)"', page)
        assert described, policy.slug
        quoted = re.findall(r'<span class="term-popover-quote" id="([^"]*)"', page)
        assert sorted(quoted) == sorted(set(described)), policy.slug  # every link's, each once
        assert not re.search(r'<a class="term-link[^>]*title=', page), policy.slug


def test_terms_are_linked_on_words_never_in_a_placeholder_and_once_per_provision(corpus):
    from generator.document import Placeholder, TermLink, Words, link_terms
    from generator.features.glossary.render import TermLinker
    from generator.writers.html import runs_html

    policy = next(p for p in corpus.policies if p.is_template)
    terms = TermLinker(corpus.glossary)
    runs = (Placeholder("x", "[BLOG]", "a blog"), Words(" Any blog <b>or</b> Blog,"), Words(" a blogger's blog."))
    linked = link_terms(policy, runs, terms, set())
    assert linked[0] == runs[0]
    assert [run.text for run in linked if isinstance(run, TermLink)] == ["blog"]
    assert (
        "".join(run.text for run in linked if not isinstance(run, Placeholder))
        == " Any blog <b>or</b> Blog, a blogger's blog."
    )
    written = runs_html(linked, policy.slug)
    assert written.startswith(
        '<span class="template-option" data-option="x" title="Template option: a blog">[BLOG]</span> Any '
    )
    assert re.search(
        r'Any <a class="term-link [^>]*>blog</a> &lt;b&gt;or&lt;/b&gt; Blog, a blogger&#x27;s blog\.$', written
    )
    rest = linked[3:]  # words naming only a term already linked in the provision: kept as they are
    assert link_terms(policy, rest, terms, {terms.anchor_of("blog")}) is rest


@pytest.mark.browser
def test_a_term_link_leads_from_a_policy_page_to_the_glossary_entry(offline_page, site):
    page = offline_page.open(site, "policies/massachusetts-template.html")
    link = page.locator('[id="massachusetts-template.iv.c.1.c"] a.term-link', has_text="blog")
    assert link.get_attribute("title") is None  # the popover, not a tooltip
    described = page.locator(f'[id="{link.get_attribute("aria-describedby")}"]').text_content()
    assert "Not defined by this policy" in described
    with page.expect_navigation():
        link.click()
    assert page.url.endswith("/glossary.html#term-blog")
    definitions = page.locator("#term-blog + .glossary-entry")
    assert definitions.is_visible()
    text = definitions.inner_text()
    assert "A series of entries, written entries, written by either one person or a group of people" in text
    assert "A self-published diary or commentary on a particular topic" in text
    assert "Raymore Police Department, Section 8.02 DEFINITIONS › A." in text
    assert "Not defined by: Massachusetts model policy (draft template)." in text
    assert offline_page.errors == []


@pytest.mark.browser
def test_the_site_search_finds_a_definition_in_the_glossary(offline_page, site):
    page = offline_page.open(site, "index.html")
    site_search(page, "collaboratively")
    links = [a.get_attribute("href") for a in page.locator(".md-search-result__item a").all()]
    assert any("/glossary.html" in link and link.endswith("#term-wiki") for link in links), links
