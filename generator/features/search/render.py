"""The site's search index, built from the model at build time and split into small scripts, shared by
the site search (the theme's search box, answered by `search-worker.js`) and the compare search.

With a thousand agencies one index of everything would be tens of MB, loaded (and, by the theme's own
search, rebuilt) on every page. Instead:

- `INDEX`: the policies (page, title, the numbers of their provisions, their texts script), the other
  pages' titles, and the file of each part of the word index; loaded on the first query;
- one script per part of the word index (`generator/features/search/index.py`): a query loads its words' parts;
- the policies' provisions as results show them (label, heading, words, address), the policies of
  about `TEXTS_CHUNK` characters of text to a script;
- `PAGES`: the entries that are not provisions (each policy's page, the topics, the glossary's terms,
  the handbook's own pages);
- `TOPICS`: each provision's topics, for the compare search's topic filter.

Every provision of every policy is one entry, numbered in the handbook's order of policies and each
policy's in document order; the other entries follow. Addresses are from the site's top folder (the
browser code prefixes its own way up), written with `html.href`.
"""

from __future__ import annotations

import importlib.resources

from ...contract import (
    FIELDS,
    SEARCH_INDEX_GLOBAL,
    SEARCH_PAGES_GLOBAL,
    SEARCH_PLACES_GLOBAL,
    SEARCH_TEXTS_GLOBAL,
    SEARCH_TOPICS_GLOBAL,
    SEARCH_VOCABULARY_GLOBAL,
    SEARCH_WORDS_GLOBAL,
    data_script,
    positions,
)
from ...load import SourceLayout
from ...model import Corpus, Policy, Provision
from ...render.html import href
from ..compare.model import provision_wording, topics_by_group
from ..compare.render import COVERAGE_PAGE, SEARCH_PAGE, topic_page
from ..draft.render import DRAFT_PAGE, template_of
from ..glossary.render import GLOSSARY_PAGE, term_page
from ..glossary.render import TITLE as GLOSSARY_TITLE
from ..home.render import HOME_PAGE
from ..policy.render import page_path, page_title
from .index import (
    INDEX,
    LUNR_SCRIPT,
    PAGES,
    PARTS,
    PLACES,
    TEXTS,
    TOPICS,
    VOCABULARY,
    build_parts,
    part_file,
    vocabulary,
)

# What a result shows of one entry: the contract's `searchEntry` (label, title, words, address, and a
# provision's section), positional.
Entry = list[str]
ENTRY = positions("searchEntry")
# Roughly how many characters of policies' texts one script holds: the policies of one script are next
# to each other in the handbook's order. Each script loaded from disk costs the browser some ms of its
# own, so fewer, larger scripts show results sooner than one per policy.
TEXTS_CHUNK = 150_000


def site_address(page: str, anchor: str | None = None) -> str:
    """The address of a page (or file) from the site's top folder."""
    return href(HOME_PAGE, page, anchor)


def lunr_js() -> bytes:
    """lunr.js 2.3.9 exactly as the installed mkdocs package ships it (copied at build time, not kept here)."""
    return (importlib.resources.files("mkdocs") / "contrib/search/templates/search/lunr.js").read_bytes()


def search_pages(corpus: Corpus, layout: SourceLayout) -> dict[str, str | bytes]:
    """Every script of the search index (it needs only the model, not `layout`)."""
    files: dict[str, str | bytes] = {LUNR_SCRIPT: lunr_js()}
    topics = [t for _, group in topics_by_group(corpus.taxonomy) for t in group]
    topic_number = {t.id: i for i, t in enumerate(topics)}
    words: list[tuple[str, str]] = []
    policies: list[dict] = []
    provision_topics: list[list[int]] = []
    chunks: list[dict[str, list[Entry]]] = []
    size = TEXTS_CHUNK
    for policy in corpus.policies:
        page = site_address(page_path(policy))
        entries = [_provision_entry(policy, provision, page) for provision in policy.provisions()]
        if size >= TEXTS_CHUNK:
            chunks.append({})
            size = 0
        chunks[-1][policy.slug] = entries
        size += sum(len(text) for entry in entries for text in entry)
        policies.append(
            {
                "slug": policy.slug,
                "name": policy.agency.name,
                "template": policy.is_template,
                "title": page_title(policy),
                "page": page,
                "first": len(words),
                "count": len(entries),
                "texts": site_address(_texts(len(chunks))),
            }
        )
        # What is indexed of a provision: its label and title (as its title), and its words.
        words += [(f"{entry[ENTRY['label']]} {entry[ENTRY['title']]}", entry[ENTRY["words"]]) for entry in entries]
        provision_topics += [[topic_number[t] for t in p.topics] for p in policy.provisions()]
    for number, chunk in enumerate(chunks, start=1):
        files[_texts(number)] = data_script(SEARCH_TEXTS_GLOBAL, chunk, merge=True)
    pages = _page_entries(corpus)
    files[PAGES] = data_script(SEARCH_PAGES_GLOBAL, pages)
    rules, parts, places = build_parts(words + [(entry[ENTRY["title"]], entry[ENTRY["words"]]) for entry in pages])
    for key, part in parts.items():
        files[f"{PARTS}/{part_file(key)}.js"] = data_script(SEARCH_WORDS_GLOBAL, {key: part}, merge=True)
        files[f"{PLACES}/{part_file(key)}.js"] = data_script(SEARCH_PLACES_GLOBAL, {key: places[key]}, merge=True)
    files[VOCABULARY] = data_script(SEARCH_VOCABULARY_GLOBAL, vocabulary(parts))
    files[INDEX] = data_script(
        SEARCH_INDEX_GLOBAL,
        {
            "policies": policies,
            "pages": {"first": len(words), "count": len(pages), "texts": site_address(PAGES)},
            "parts": {key: site_address(f"{PARTS}/{part_file(key)}.js") for key in parts},
            # A part's places are in the file of the same name in the places folder (`placesFolders`).
            "places": _entry("placesFolders", words=site_address(PARTS) + "/", places=site_address(PLACES) + "/"),
            "vocabulary": site_address(VOCABULARY),
            "rules": rules.query_rules(),
            "lunr": site_address(LUNR_SCRIPT),
        },
    )
    files[TOPICS] = data_script(
        SEARCH_TOPICS_GLOBAL,
        {
            "topics": [{"id": t.id, "title": t.title, "page": site_address(topic_page(t))} for t in topics],
            "provisionTopics": provision_topics,
        },
    )
    return files


def _texts(number: int) -> str:
    return f"{TEXTS}/{number}.js"


def _entry(shape: str, **fields: str) -> list[str]:
    """The array of the contract's positional `shape` (`FIELDS`) holding `fields`; trailing fields may be left out."""
    names = FIELDS[shape]
    assert set(fields) <= set(names), f"{shape} has no field {set(fields) - set(names)}"
    return [fields[name] for name in names[: max(names.index(name) for name in fields) + 1]]


def _provision_entry(policy: Policy, provision: Provision, page: str) -> Entry:
    """A provision's entry; `page` is its policy page's address."""
    above = provision.parent
    while above is not None and not above.heading:
        above = above.parent
    section = {"section": " ".join(x for x in (above.label, above.heading) if x)} if above is not None else {}
    return _entry(
        "searchEntry",
        label=" ".join(provision.label_path),
        title=provision.heading or provision.term or "",
        words=provision_wording(policy, provision),
        address=f"{page}#{provision.id}",
        **section,
    )


def _page_entries(corpus: Corpus) -> list[Entry]:
    """The entries that are not provisions: each policy's page (found by the agency and document), the
    topics, the glossary's terms and the handbook's own pages, each with a title, words and address."""

    def page(title: str, words: str, address: str) -> Entry:
        return _entry("searchEntry", label="", title=title, words=words, address=address)

    entries = [
        page(
            page_title(p),
            " ".join(
                x
                for x in (
                    p.agency.name,
                    p.agency.city,
                    p.agency.state,
                    p.document.type,
                    p.document.number,
                    p.document.subject,
                    *(s.name for s in p.signatories),
                )
                if x
            ),
            site_address(page_path(p)),
        )
        for p in corpus.policies
    ]
    entries.append(
        page(
            "Police Policy Handbook", "Social-media policies of police departments, compared.", site_address(HOME_PAGE)
        )
    )
    if corpus.taxonomy.topics:
        entries.append(
            page("Compare policies by topic", "Which topics each policy addresses.", site_address(COVERAGE_PAGE))
        )
        entries.append(
            page(
                "Compare search",
                "Find what each department says by word, department and topic.",
                site_address(SEARCH_PAGE),
            )
        )
        entries += [page(t.title, t.description, site_address(topic_page(t))) for t in corpus.taxonomy.topics]
    glossary = corpus.glossary
    if glossary.entries:
        entries.append(
            page(GLOSSARY_TITLE, "Every defined term merged across departments.", site_address(GLOSSARY_PAGE))
        )
        entries += [
            page(
                entry.term,
                " ".join(entry.names[1:] + [entry.most_common.text]),
                site_address(term_page(glossary, entry), entry.anchor),
            )
            for entry in glossary.entries
        ]
    template = template_of(corpus)
    if template is not None:
        entries.append(
            page(
                "Draft your policy",
                f"Answer the choices of the {template.agency.name} and draft a policy.",
                site_address(DRAFT_PAGE),
            )
        )
    return entries
