"""The contract between the Python pipeline and the browser: every name both sides use, declared once.

Python writes pages and data scripts; the browser's scripts (`overrides/assets/javascripts/`) find
things in them by name. Those names are declared here and nowhere else:

- `GLOBALS`: the globals the generated data scripts assign (`data_script`), each with the shape of
  its value; `FIELDS`: the positional arrays inside them, as named fields;
- `IDS`: the ids of the elements scripts look up; `TEMPLATES`: the ids of the `<template>` elements
  Python renders for scripts to clone (see `template`); `CONTROLS`: the names of form controls;
- `ATTRIBUTES`: the data attributes pages carry for scripts; `CLASSES`: the classes scripts look up;
- `PATHS`: the addresses scripts need, from the site's top folder; `MODULES`: the globals the
  hand-written scripts define for one another.

The renderers use these constants instead of literals. The browser gets the values it looks things up
by from `contract.js`, which the generator writes from this module (`contract_script`) and pages load
before their own scripts: `self.HANDBOOK_CONTRACT.globals.comparePolicies` is `HANDBOOK_COMPARE_POLICIES`.
Names a script writes as syntax (`element.dataset.policy`, a class in a selector) are checked against
this module by `tests/test_contract.py`, which fails on any name a script uses that is not declared
here, and on any declaration nothing uses.

This module imports nothing of the generator: every other module may import it.
"""

from __future__ import annotations

import json

# --- Addresses --------------------------------------------------------------------------------------

SCRIPTS = "assets/javascripts/"  # the site's own scripts, hand-written (overrides/) and generated
CONTRACT_SCRIPT = f"{SCRIPTS}contract.js"  # written from this module
SHARED_SCRIPT = f"{SCRIPTS}shared.js"  # loading scripts, site addresses, cloning templates
SEARCH_WORKER = f"{SCRIPTS}search-worker.js"  # answers the theme's search box
SEARCH_READER = f"{SCRIPTS}search-index.js"  # reads the search index: lookup, ranking, highlighting
COMPARE_CHOOSE_SCRIPT = f"{SCRIPTS}compare-choose.js"
COMPARE_TOPIC_SCRIPT = f"{SCRIPTS}compare-topic.js"
COMPARE_SEARCH_SCRIPT = f"{SCRIPTS}compare-search.js"
PRINT_EDITION_SCRIPT = f"{SCRIPTS}print-edition.js"  # puts a print edition's policies in their places
MATRIX_SCRIPT = f"{SCRIPTS}matrix.js"  # a matrix (coverage, decisions) on a phone: one department at a time
SEARCH_INDEX_SCRIPT = "search-index/index.js"  # the search index's first script (generator/features/search/render.py)
COMPARE_SEARCH_SOURCE = "compare/search.md"  # the compare search's page, in the pages folder
COMPARE_SEARCH_PAGE = "compare/search.html"  # and in the site: where the site search's "did you mean" leads

# Contract key → address from the site's top folder, for the scripts that must find a file themselves.
PATHS = {
    "scripts": SCRIPTS,
    "searchIndex": SEARCH_INDEX_SCRIPT,
    "searchReader": SEARCH_READER,
    "compareSearch": COMPARE_SEARCH_PAGE,
}

# --- Globals ----------------------------------------------------------------------------------------

CONTRACT_GLOBAL = "HANDBOOK_CONTRACT"  # what contract.js assigns: the one name scripts know by heart

GLOBALS: dict[str, str] = {}  # contract key → the global a generated data script assigns
SHAPES: dict[str, str] = {}  # contract key → the shape of its value


def _global(key: str, name: str, shape: str) -> str:
    GLOBALS[key] = name
    SHAPES[key] = shape
    return name


SEARCH_INDEX_GLOBAL = _global(
    "searchIndex",
    "HANDBOOK_SEARCH",
    "{policies: [{slug, name, template, title, page, first, count, texts}], pages: {first, count, texts}, "
    "parts: {key: address}, places: [words folder, places folder], vocabulary, rules, lunr}",
)
SEARCH_TOPICS_GLOBAL = _global(
    "searchTopics",
    "HANDBOOK_SEARCH_TOPICS",
    "{topics: [{id, title, page}], provisionTopics: [[topic number] per provision]}",
)
SEARCH_PAGES_GLOBAL = _global("searchPages", "HANDBOOK_SEARCH_PAGES", "[searchEntry] of the entries that are pages")
SEARCH_WORDS_GLOBAL = _global("searchWords", "HANDBOOK_SEARCH_WORDS", "{part key: {word: indexWord}}")
SEARCH_PLACES_GLOBAL = _global(
    "searchPlaces", "HANDBOOK_SEARCH_PLACES", "{part key: {word: [a place, or differences of places, per entry]}}"
)
SEARCH_VOCABULARY_GLOBAL = _global("searchVocabulary", "HANDBOOK_SEARCH_VOCABULARY", "{words: [word], counts: [n]}")
SEARCH_TEXTS_GLOBAL = _global("searchTexts", "HANDBOOK_SEARCH_TEXTS", "{policy slug: [searchEntry] per provision}")
COMPARE_POLICIES_GLOBAL = _global(
    "comparePolicies",
    "HANDBOOK_COMPARE_POLICIES",
    "{topics: [{id, page}], policies: [{slug, name, template, page, counts: [n per topic], columns?, "
    "unreviewed?: how many of its provisions wait for review, in words}]}",
)
COMPARE_COLUMNS_GLOBAL = _global(
    "compareColumns", "HANDBOOK_COMPARE_COLUMNS", "{policy slug: {topic id: the policy's column, HTML}}"
)
COMPARE_ANSWERS_GLOBAL = _global(
    "compareAnswers",
    "HANDBOOK_COMPARE_ANSWERS",
    "{policies: [policy slug], questions: {question id: {topics: [topic id], answers: [answer id, in the "
    "question's order], given: [the number of the policy's answer in `answers`, or -1, per policy]}}}",
)
PRINT_PARTS_GLOBAL = _global(
    "printParts", "HANDBOOK_PRINT_PARTS", "{policy slug: the policy's text as a print edition shows it, HTML}"
)
DRAFT_DOCUMENT_GLOBAL = _global(
    "draftDocument",
    "HANDBOOK_DRAFT_DOCUMENT",
    "the template's text as a structure of blocks and runs (generator/document.py `as_data`)",
)

DRAFT_ADOPT_GLOBAL = _global(
    "draftAdopt",
    "HANDBOOK_DRAFT_ADOPT",
    "the policy file `handbook adopt` writes for the template, with slots for the answers "
    "(generator/features/draft/adopting.py `skeleton_data`)",
)

# The globals the hand-written scripts define, for the scripts loaded after them (checked, not sent).
MODULES = {
    "HandbookShared": "shared.js: loadScript, siteAddress, fromTemplate",
    "HandbookSearchIndex": "search-index.js: engine(index, load)",
}

# --- Positional arrays ------------------------------------------------------------------------------

# Contract key → the names of an array's places, in order (the data stays positional: it is written a
# hundred thousand times; the scripts read it by these names).
FIELDS: dict[str, tuple[str, ...]] = {
    # One entry of the search index, as results show it; `section` (a provision's only) is the label and
    # heading of the nearest provision above it with a heading.
    "searchEntry": ("label", "title", "words", "address", "section"),
    # One word of a part of the word index: its stem, and the entries having it (and having it in their
    # title), each number given as its difference from the one before.
    "indexWord": ("stem", "entries", "titleEntries"),
    # `places` of the index: a part's places are in the file of the same name in the places folder.
    "placesFolders": ("words", "places"),
}


def positions(key: str) -> dict[str, int]:
    """The fields of `FIELDS[key]` → their places."""
    return {name: i for i, name in enumerate(FIELDS[key])}


# --- Elements ---------------------------------------------------------------------------------------

IDS: dict[str, str] = {}  # contract key → id


def _id(key: str, value: str) -> str:
    IDS[key] = value
    return value


COMPARE_ADD_INPUT_ID = _id("compareAddInput", "compare-add-input")
COMPARE_ADD_OPTIONS_ID = _id("compareAddOptions", "compare-add-options")
COMPARE_STATUS_ID = _id("compareStatus", "compare-status")
COMPARE_RESULTS_ID = _id("compareResults", "compare-results")
DECISIONS_STATUS_ID = _id("decisionsStatus", "decisions-status")
# The draft page's (generator/features/draft/render.py writes them; draft.js looks them up by these literals).
for _key in ("data", "form", "document", "message", "progress", "unanswered", "load"):
    _id("draft" + _key.title(), f"draft-{_key}")
# Its own controls and parts, with two dashes so that no option's id (`draft-<option>`) can be one of them.
for _key in ("layout", "preview", "position", "agency", "paper"):
    _id("draft" + _key.title(), f"draft--{_key}")
_id("draftAdoptNote", "draft--adopt-note")  # what adding the policy to a handbook needs, or where its files go

TEMPLATES: dict[str, str] = {}  # contract key → the id of a `<template>` scripts clone
PLACEHOLDERS: dict[str, tuple[str, ...]] = {}  # contract key → the `{name}`s a script fills in it


def _template(key: str, value: str, *placeholders: str) -> str:
    TEMPLATES[key] = value
    PLACEHOLDERS[key] = placeholders
    return value


# The coverage matrix's column of a department the reader adds: its header, a cell per topic (one
# variant per number of provisions the data has), the total.
COVERAGE_HEAD_TEMPLATE = _template("coverageHead", "template-coverage-head", "slug", "link", "name")
COVERAGE_CELL_TEMPLATE = _template("coverageCell", "template-coverage-cell", "link", "waiting")
COVERAGE_TOTAL_TEMPLATE = _template("coverageTotal", "template-coverage-total", "addressed")
# A matrix's chooser of the department a phone shows: the option of a department the reader adds.
MATRIX_OPTION_TEMPLATE = _template("matrixOption", "template-matrix-option", "slug", "name")
# The chooser of a comparison page: the box of a department the reader added, one offered to add, a note.
SHOW_BOX_TEMPLATE = _template("showBox", "template-show-box", "slug", "name")
ADD_OFFER_TEMPLATE = _template("addOffer", "template-add-offer", "slug", "name")
ADD_NOTE_TEMPLATE = _template("addNote", "template-add-note", "note")
# The compare search's results: a topic, a policy's column in it (variants: department, template), a
# provision in the column.
RESULT_TOPIC_TEMPLATE = _template("resultTopic", "template-result-topic", "topic", "link", "title")
RESULT_COLUMN_TEMPLATE = _template("resultColumn", "template-result-column", "slug", "link", "name")
RESULT_PROVISION_TEMPLATE = _template("resultProvision", "template-result-provision", "link", "label", "words")
VARIANT = "data-variant"  # marks each variant of a template: a `<template>` inside it


def template(template_id: str, content: str, variants: dict[str, str] | None = None) -> str:
    """A `<template>` for a script to clone (`HandbookShared.fromTemplate`): `content` is one element, or,
    with `variants`, one nested template per variant. Its `{name}`s are filled by the script as text."""
    if variants is not None:
        content = "".join(f'<template {VARIANT}="{name}">{html}</template>' for name, html in variants.items())
    return f'<template id="{template_id}">{content}</template>'


def placeholder(name: str) -> str:
    return "{" + name + "}"


# Form controls scripts read by name (`form.elements.q`), and the query parameters of the compare search.
CONTROLS = {
    "show": "a checkbox showing a policy's column (its value: the slug)",
    "q": "the compare search's words (and the address's query parameter)",
    "department": "the compare search's department filter, a matrix's department shown on a phone (and parameter)",
    "topic": "the compare search's and the decisions matrix's topic filter (and parameter)",
    "answer": "the decisions matrix's and the compare search's answer filter (and parameter)",
    "left": "the first department of a pair of differences",
    "right": "the second department of a pair of differences",
}

ATTRIBUTES: dict[str, str] = {}  # data attribute → what it carries


def _attribute(name: str, meaning: str) -> str:
    ATTRIBUTES[name] = meaning
    return name


# Comparison pages.
POLICY = _attribute(
    "data-policy", "a policy's slug, on its column and its matrix header, and on its place in a print edition"
)
TOPIC = _attribute("data-topic", "a topic's id, on a topic page's chooser and a search result's topic")
LEFT = _attribute("data-left", "the first policy's slug of a pair of differences")
RIGHT = _attribute("data-right", "the second policy's slug of a pair of differences")
SELECTED_LEFT = _attribute("data-selected-left", "the pair of differences shown first: its first policy")
SELECTED_RIGHT = _attribute("data-selected-right", "the pair of differences shown first: its second policy")
ADDED = _attribute("data-added", "a box of a department the reader added (unticking it forgets the choice)")
SLUG = _attribute("data-slug", "the slug of a department offered to add")
_attribute(VARIANT, "the name of a variant of a template")
# The draft page (generator/features/draft/render.py writes them, draft.js reads them).
for _name, _meaning in {
    "data-option": "a template option's id, on its fieldset and the parts of the preview it changes",
    "data-optional": "the option that includes or leaves out a part of the preview",
    "data-field": "what an input of an option's fieldset is (text, empty, place, choice, input, include)",
    "data-place": "the place a fill-in goes, on its input and its slot",
    "data-alternative": "a choice's alternative, on its input and its variant",
    "data-format": "how a slot shows its answer (date)",
    "data-input": "a slot filled by an alternative's own input",
    "data-renumber-by": "the options whose omission renumbers a label",
    "data-labels": "a label for each set of omitted options (JSON)",
    "data-action": "what a toolbar button does",
    "data-kind": "an option's kind, on its fieldset (read by nothing yet)",
    "data-template": "the template's slug, on the preview (read by nothing yet)",
}.items():
    _attribute(_name, _meaning)

_attribute("data-running", "the policy whose running header a printed page carries (its print stylesheet names it)")
_attribute("data-label", "a table cell's column name, shown before its value when the table reflows on a phone")
_attribute("data-view", "the draft page's part on a phone (form or preview), on its layout and switch buttons")
_attribute("data-hint", "what a blank of the preview asks for (a date), shown after it")

# The decisions matrix (generator/features/decisions/render.py writes them, decisions.js reads them).
QUESTION = _attribute("data-question", "a codebook question's id, on its row and its section of answers")
QUESTION_TOPICS = _attribute("data-topics", "the topics a question belongs to, separated by spaces")
ANSWER = _attribute("data-answer", "a department's answer in words, on its cell or list item")

# Classes scripts look up or test (the styles use many more; the pages carry them all).
CLASSES = {
    "compare-more": "a search result's button showing more departments",
    "compare-choose": "a comparison page's chooser of policies",
    "compare-add": "the chooser's box adding a department",
    "compare-columns": "the columns of a topic, side by side",
    "compare-column": "one policy's column on a topic",
    "coverage-matrix": "the coverage matrix",
    "coverage-group": "a row of the coverage matrix heading a group of topics",
    "pair-diffs": "the differences between two departments: picker and precomputed pairs",
    "pair-picker": "the form picking the two departments",
    "pair-diff": "one precomputed pair",
    "pair-same": "the note shown when both picks are the same department",
    "compare-search": "the compare search's form",
    # Both matrices' (coverage, decisions).
    "matrix-show": "a matrix's chooser of the department a phone shows (hidden until matrix.js runs)",
    # The draft page's.
    "draft-toolbar": "the draft page's buttons",
    "draft-slot": "a fill-in of the preview",
    "draft-fill": "a slot's answer",
    "draft-blank": "a slot's (or a choice's) placeholder while unanswered",
    "draft-choice": "a choice of the preview, holding a variant per alternative",
    "draft-variant": "one alternative of a choice",
    "draft-optional": "a part of the preview an option includes or leaves out",
    "draft-label": "a label renumbered when options are left out",
    "draft-block": "a paragraph of the preview",
    "draft-place-link": "a question's link to one of its places in the preview",
    "draft-switch": "the Form/Preview switch on a phone",
    "draft-skipped": "a question inside a part left out (not asked, its answer kept)",
    # The decisions matrix's.
    "decisions-matrix": "the questions × departments table",
    "decisions-filters": "the form filtering it by topic and by answer",
    "decisions-question": "a question's section on a page of answers in the departments' words",
    "decision-template": "the template's cell (never an answer the filter marks)",
    # A policy page's term links (generator/writers/html.py writes them, glossary-popover.js shows their
    # definitions): a link's `aria-describedby` is the id of the definition its popover quotes.
    "term-link": "a link from a term in policy text to its glossary entry",
    "term-popover": "the popover quoting a term link's definition, hidden until the link is hovered, focused or tapped",
}

# Classes scripts look up that the generated pages do not carry: a state a script puts on elements itself,
# and the theme's own.
ADDED_CLASSES = {
    "matrix-other": "a matrix cell of a department other than the one a phone shows (hidden on a phone)",
    "draft-changed": "the place of the preview an answer just changed (highlighted for a moment)",
}
THEME_CLASSES = {
    "md-header": "the theme's header, which the preview scrolls a changed place clear of",
}


# --- Rules ----------------------------------------------------------------------------------------

# How a name becomes a slug (generator/model.py `slugify`; the draft page, for the agency a policy is
# adopted by): lower-cased, every run of characters `separators` matches one `joiner`, none at either end.
SLUG_RULE = {"separators": "[^a-z0-9]+", "joiner": "-"}


# --- For the browser --------------------------------------------------------------------------------


def browser_contract() -> dict:
    """What the scripts look things up by, as `contract.js` gives it to them."""
    return {
        "globals": GLOBALS,
        "ids": IDS,
        "templates": TEMPLATES,
        "paths": PATHS,
        "fields": {key: positions(key) for key in FIELDS},
        "slug": SLUG_RULE,
    }


def contract_script() -> str:
    """`contract.js`: the contract as the scripts read it (`self.HANDBOOK_CONTRACT`)."""
    return data_script(CONTRACT_GLOBAL, browser_contract())


def data_script(target: str, value, merge: bool = False) -> str:
    """A script assigning `value` as JSON to `self.<target>`, or, with `merge`, adding the keys of
    `value` (a dict) to it: a page opened from disk cannot fetch JSON, but it can run a script of its
    own site. `self`, not `window`, so that the same script loads into a page and into the search worker.

    The script is a file of its own, never inside a page, so its JSON needs no HTML escaping (which would
    make the scripts holding HTML a quarter larger); JSON inside a page is `render.html.embedded_json`."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    if merge:
        return f"self.{target} = Object.assign(self.{target} || {{}}, {text});\n"
    return f"self.{target} = {text};\n"
