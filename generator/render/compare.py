"""The comparison pages: the coverage matrix, one page per topic (departments side by side, the
template's choices, word-level differences between two departments) and the compare search with its
build-time provision index.

The model-level work (who addresses what, the diffs) is in `generator/compare.py`; this module only
draws it. Browser code: `compare-topic.js` (choose columns, switch between the precomputed pair
diffs) and `compare-search.js` (search and filters); styles in `compare.css`.
"""

from __future__ import annotations

import importlib.resources
import json

from lunr import lunr

from ..compare import (PairDiff, Stance, TopicComparison, compare_topics, departments_addressing,
                       pair_diffs, provision_wording, topics_addressed, topics_by_group)
from ..inline import footnote_refs, option_refs, paragraphs
from ..load import SourceLayout
from ..model import Corpus, Policy, Provision, TemplateOption, Topic
from .html import attr, diff_html, escape, heading_text, href, option_placeholder, paragraph_html
from .policy import page_path

COVERAGE_PAGE = "compare/index.md"
SEARCH_PAGE = "compare/search.md"
SEARCH_DATA = "compare/provision-index.js"
LUNR_SCRIPT = "assets/vendor/lunr/lunr.js"
STYLESHEET = "assets/stylesheets/compare.css"
TOPIC_SCRIPT = "assets/javascripts/compare-topic.js"
SEARCH_SCRIPT = "assets/javascripts/compare-search.js"
SEARCH_GLOBAL = "HANDBOOK_COMPARE_SEARCH"  # the global the index script assigns (read by compare-search.js)


def topic_page(topic: Topic) -> str:
    return f"compare/topics/{topic.id}.md"


def render_compare(corpus: Corpus, layout: SourceLayout) -> dict[str, str | bytes]:
    """Every comparison page and file; none when the handbook has no topics yet.

    All policies are compared; `compare_topics` takes the policies to compare, so a later selection
    (with many agencies) limits both the work and the columns drawn.
    """
    if not corpus.taxonomy.topics:
        return {}
    comparisons = compare_topics(corpus, corpus.policies)
    pages: dict[str, str | bytes] = {COVERAGE_PAGE: render_coverage(corpus, comparisons)}
    for comparison in comparisons:
        pages[topic_page(comparison.topic)] = render_topic(corpus, comparison)
    pages[SEARCH_PAGE] = render_search(corpus)
    pages[SEARCH_DATA] = search_data_script(corpus)
    pages[LUNR_SCRIPT] = lunr_js()
    return pages


def lunr_js() -> bytes:
    """lunr.js 2.3.9 exactly as the installed mkdocs package ships it (copied at build time, not kept here)."""
    return (importlib.resources.files("mkdocs") / "contrib/search/templates/search/lunr.js").read_bytes()


# --- Shared pieces ----------------------------------------------------------------------------------

def _front_matter(title: str) -> str:
    """The page's title, and no table of contents beside it: columns and the matrix need the width."""
    # The theme inserts the title as HTML, so it is escaped; JSON quoting keeps it safe in YAML.
    return f"---\ntitle: {json.dumps(escape(title))}\nhide:\n  - toc\n---"


def _stylesheet(page: str) -> str:
    """The comparison styles, linked from the pages that need them rather than from every page."""
    return f'<div class="compare-assets"><link rel="stylesheet" href="{attr(href(page, STYLESHEET))}"></div>'


def _scripts(page: str, *scripts: str) -> str:
    """`scripts`, relative to `page`, at the end of the page so the elements they wire exist."""
    tags = "".join(f'<script src="{attr(href(page, script))}"></script>' for script in scripts)
    return f'<div class="compare-assets">{tags}</div>'


def _policy_name(policy: Policy) -> str:
    badge = ' <span class="badge">template</span>' if policy.is_template else ""
    return f"{escape(policy.agency.name)}{badge}"


def _label_path(provision: Provision) -> str:
    """The provision's original labels from the top of the policy down (`IV. B. 7. a.`)."""
    return " ".join(provision.label_path)


def _percent(similarity: float) -> str:
    return f"{round(similarity * 100)}%"


# --- Coverage matrix --------------------------------------------------------------------------------

def render_coverage(corpus: Corpus, comparisons: list[TopicComparison]) -> str:
    """Topics (grouped) × policies: each cell links to the policy's provisions on the topic or says
    it is not addressed; totals per policy (topics addressed) and per topic (departments addressing)."""
    page, policies = COVERAGE_PAGE, corpus.policies
    by_topic = {c.topic.id: c for c in comparisons}
    departments = len(corpus.departments)
    head = "".join(f'<th scope="col"><a href="{attr(href(page, page_path(p)))}">{_policy_name(p)}</a></th>'
                   for p in policies)
    groups = []
    for group, topics in topics_by_group(corpus.taxonomy):
        title = escape(group.title) if group else "Other topics"
        rows = "".join(_coverage_row(page, by_topic[t.id], policies, departments) for t in topics)
        groups.append(f'<tbody><tr class="coverage-group"><th scope="rowgroup" colspan="{len(policies) + 2}">'
                      f"{title}</th></tr>{rows}</tbody>")
    totals = "".join(f"<td>{topics_addressed(comparisons, p)} of {len(comparisons)}</td>" for p in policies)
    table = (f'<table class="coverage-matrix"><thead><tr><th scope="col">Topic</th>{head}'
             f'<th scope="col">Departments addressing it</th></tr></thead>{"".join(groups)}'
             f'<tfoot><tr><th scope="row">Topics addressed</th>{totals}<td></td></tr></tfoot></table>')
    blocks = [
        _front_matter("Compare policies by topic"),
        "# Compare policies by topic",
        _stylesheet(page),
        '<p class="lead">Which topics each policy addresses. A number is how many of the policy’s provisions '
        "deal with the topic and links to them, side by side with the other policies; "
        "<em>not addressed</em> means the policy says nothing on it.</p>",
        f'<p class="compare-links"><a href="{attr(href(page, SEARCH_PAGE))}">Search the provisions by word, '
        "department and topic</a></p>",
        f'<div class="coverage-scroll" role="region" aria-label="Coverage of topics by policy" tabindex="0">{table}</div>',
    ]
    return "\n\n".join(blocks) + "\n"


def _coverage_row(page: str, comparison: TopicComparison, policies: list[Policy], departments: int) -> str:
    topic = comparison.topic
    target = topic_page(topic)
    cells = []
    for policy in policies:
        stance = comparison.stance(policy.slug)
        if stance is None:
            cells.append('<td class="not-addressed">not addressed</td>')
            continue
        count = len(stance.provisions)
        cells.append(f'<td class="addressed"><a href="{attr(href(page, target, policy.slug))}" '
                     f'title="{attr(policy.agency.name)} on {attr(topic.title)}">'
                     f'{count} provision{"s" if count != 1 else ""}</a></td>')
    return (f'<tr><th scope="row"><a href="{attr(href(page, target))}">{escape(topic.title)}</a>'
            f'<span class="topic-description">{escape(topic.description)}</span></th>{"".join(cells)}'
            f"<td>{departments_addressing(comparison)} of {departments}</td></tr>")


# --- One topic --------------------------------------------------------------------------------------

def render_topic(corpus: Corpus, comparison: TopicComparison) -> str:
    """The page of one topic: what each policy says, side by side, and the pair differences."""
    topic, page = comparison.topic, topic_page(comparison.topic)
    group = next((g.title for g in corpus.taxonomy.groups if g.id == topic.group), None)
    blocks = [
        _front_matter(topic.title),
        f"# {heading_text(topic.title)}",
        _stylesheet(page),
        f'<p class="lead">{escape(topic.description)}</p>',
        _topic_summary(page, comparison, len(corpus.departments), group),
        "## Side by side {#side-by-side}",
    ]
    if comparison.stances:
        blocks += [_column_chooser(comparison.stances),
                   f'<div class="compare-columns">{"".join(_column(page, s) for s in comparison.stances)}</div>']
    else:
        blocks.append('<p class="not-addressed">No policy addresses this topic.</p>')
    blocks += ["## Differences between two departments {#differences}", _differences(comparison),
               _scripts(page, TOPIC_SCRIPT)]
    return "\n\n".join(blocks) + "\n"


def _topic_summary(page: str, comparison: TopicComparison, departments: int, group: str | None) -> str:
    silent = [p for p in comparison.silent if not p.is_template]
    parts = [f"Addressed by {departments_addressing(comparison)} of {departments} departments."]
    if silent:
        names = ", ".join(f'<a href="{attr(href(page, page_path(p)))}">{escape(p.agency.name)}</a>' for p in silent)
        parts.append(f'<span class="not-addressed-by">Not addressed by {names}.</span>')
    if group:
        parts.append(f"Group: {escape(group)}.")
    parts.append(f'<a href="{attr(href(page, COVERAGE_PAGE))}">All topics</a>.')
    return f'<p class="topic-summary">{" ".join(parts)}</p>'


def _column_chooser(stances: list[Stance]) -> str:
    """Checkboxes choosing which policies' columns are shown (all to begin with)."""
    boxes = "".join(f'<label><input type="checkbox" name="show" value="{attr(s.policy.slug)}" checked> '
                    f"{escape(s.policy.agency.name)}</label>" for s in stances)
    return f'<fieldset class="compare-choose"><legend>Show</legend>{boxes}</fieldset>'


def _column(page: str, stance: Stance) -> str:
    policy = stance.policy
    shown = set(id(p) for p in stance.provisions)
    provisions = "".join(_provision(page, policy, p, shown) for p in stance.provisions)
    document = " ".join(x for x in (escape(policy.document.type),
                                    paragraph_html(policy, policy.document.number) if policy.document.number else "") if x)
    return (f'<section class="compare-column{" template-column" if policy.is_template else ""}" '
            f'id="{attr(policy.slug)}" data-policy="{attr(policy.slug)}" aria-labelledby="{attr(policy.slug)}-name">'
            f'<h3 class="compare-agency" id="{attr(policy.slug)}-name">{_policy_name(policy)}</h3>'
            f'<p class="compare-policy"><a href="{attr(href(page, page_path(policy)))}">{escape(policy.document.title)}</a>'
            f'{" · " + document if document else ""}</p>{provisions}{_footnotes(stance)}</section>')


def _provision(page: str, policy: Policy, provision: Provision, shown: set[int]) -> str:
    """One provision with its original label linking to its place in the policy page.

    When its parent is not shown itself, the parent's words lead in (`shall not under any
    circumstances:`), since a list item often means little without them.
    """
    parent = provision.parent
    context = (f'<p class="provision-context">{paragraph_html(policy, " ".join(paragraphs(parent.text)))}</p>'
               if parent is not None and id(parent) not in shown and parent.text.strip() else "")
    link = (f'<a class="provision-label" href="{attr(href(page, page_path(policy), provision.id))}" '
            f'title="This provision in the policy">{escape(_label_path(provision) or "¶")}</a>')
    optional = (f'<span class="template-option template-optional" data-option="{attr(provision.option)}">[OPTIONAL]</span> '
                if provision.option else "")
    heading = f"<strong>{paragraph_html(policy, provision.heading)}</strong> " if provision.heading else ""
    term = f'<dfn class="defined-term">{escape(provision.term)}</dfn> – ' if provision.term else ""
    texts = paragraphs(provision.text) or [""]
    body = [f"<p>{link} {optional}{heading}{term}{paragraph_html(policy, texts[0])}</p>"]
    body += [f"<p>{paragraph_html(policy, text)}</p>" for text in texts[1:]]
    body += [f'<p class="provision-note"><strong>Note:</strong> {paragraph_html(policy, note)}</p>'
             for note in provision.notes]
    choices = _template_choices(policy, provision)
    return f'<div class="compare-provision">{context}{"".join(body)}{choices}</div>'


def _provision_options(policy: Policy, provision: Provision) -> list[TemplateOption]:
    """The template options a provision holds, in order of appearance: its own `[OPTIONAL]` first."""
    ids = ([provision.option] if provision.option else []) + [
        ref for text in (provision.heading, provision.text, *provision.notes) if text for ref in option_refs(text)]
    options = [policy.option(option_id) for option_id in dict.fromkeys(ids)]
    return [o for o in options if o is not None]


def _template_choices(policy: Policy, provision: Provision) -> str:
    """For a template provision, what an agency may choose: the alternatives of each choice it holds,
    and whether it may leave the provision out. Fill-ins show as their brackets in the text already."""
    choices = [o for o in _provision_options(policy, provision) if o.kind in ("choice", "optional")]
    if not choices:
        return ""
    items = "".join(f"<dt>{option_placeholder(policy, o.id)} {escape(o.label)}</dt><dd>{_option_answers(o)}</dd>"
                    for o in choices)
    return f'<div class="template-choices"><p class="template-choices-title">Template choices</p><dl>{items}</dl></div>'


def _option_answers(option: TemplateOption) -> str:
    if option.kind == "optional":
        return "Optional: an agency includes this part or leaves it out."
    alternatives = "".join(f"<li>{escape(a.text.replace('{input}', f'…({a.input})' if a.input else '…'))}</li>"
                           for a in option.alternatives)
    return f'<ul class="template-alternatives">{alternatives}</ul>'


def _footnotes(stance: Stance) -> str:
    """The footnotes the shown provisions mark, so their marks lead somewhere on this page."""
    policy = stance.policy
    wanted = {ref for p in stance.provisions for text in (p.text, *p.notes) for ref in footnote_refs(text)}
    notes = [f for f in policy.footnotes if f.id in wanted]
    if not notes:
        return ""
    items = "".join(f'<li id="{attr(policy.slug)}.fn-{attr(f.id)}" value="{attr(f.id) if f.id.isdigit() else ""}">'
                    f"{paragraph_html(policy, f.text)}</li>" for f in notes)
    return f'<ol class="compare-footnotes">{items}</ol>'


# --- Differences ------------------------------------------------------------------------------------

def _differences(comparison: TopicComparison) -> str:
    """A form picking two departments and every pair's diff, precomputed; the first pair is shown."""
    stances = comparison.department_stances
    if not stances:
        return '<p class="pair-none">No department addresses this topic.</p>'
    if len(stances) == 1:
        return (f'<p class="pair-none">{escape(stances[0].policy.agency.name)} alone addresses this topic: '
                "there is nothing to compare.</p>")
    diffs = pair_diffs(stances)
    options = "".join(f'<option value="{attr(s.policy.slug)}">{escape(s.policy.agency.name)}</option>' for s in stances)
    picker = (f'<form class="pair-picker" aria-label="Pick two departments">'
              f'<label>Compare <select name="left">{options}</select></label> '
              f'<label>with <select name="right">{options}</select></label>'
              f'<p class="pair-same" hidden>Pick two different departments.</p></form>')
    ranked = sorted(diffs, key=lambda d: -d.similarity)
    rows = "".join(f'<tr><td><a href="#{attr(_diff_id(d))}">{escape(d.left.policy.agency.name)} and '
                   f"{escape(d.right.policy.agency.name)}</a></td><td>{_percent(d.similarity)}</td></tr>" for d in ranked)
    table = (f'<table class="pair-similarity"><caption>Similarity of wording, most similar first</caption>'
             f'<thead><tr><th scope="col">Pair</th><th scope="col">Similarity</th></tr></thead><tbody>{rows}</tbody></table>')
    sections = "".join(_pair_section(d, shown=i == 0) for i, d in enumerate(diffs))
    # Left out of the site search: the diffs repeat the wording shown in the columns above. (The
    # search plugin ends an exclusion at the first closing tag of its kind: no <div> may nest inside.)
    return (f'<div class="pair-diffs" data-search-exclude data-selected-left="{attr(stances[0].policy.slug)}" '
            f'data-selected-right="{attr(stances[1].policy.slug)}">{picker}{table}{sections}</div>')


def _diff_id(diff: PairDiff) -> str:
    return f"diff-{diff.left.policy.slug}--{diff.right.policy.slug}"


def _pair_section(diff: PairDiff, shown: bool) -> str:
    left, right = escape(diff.left.policy.agency.name), escape(diff.right.policy.agency.name)
    text = diff_html(diff.changes)
    return (f'<section class="pair-diff" id="{attr(_diff_id(diff))}" data-left="{attr(diff.left.policy.slug)}" '
            f'data-right="{attr(diff.right.policy.slug)}"{"" if shown else " hidden"}>'
            f"<h3>{left} and {right}</h3>"
            f'<p class="similarity"><strong class="similarity-figure">{_percent(diff.similarity)}</strong> '
            "similar wording (share of words in common, in order).</p>"
            f'<p class="diff-legend"><del>Struck through</del>: only in {left}. <ins>Underlined</ins>: only in '
            f"{right}. Plain: in both. Each line is one provision.</p>"
            f'<p class="diff-text">{text}</p></section>')


# --- Compare search ---------------------------------------------------------------------------------

def render_search(corpus: Corpus) -> str:
    """The search page: words, a department and a topic filter; results are drawn by compare-search.js."""
    page = SEARCH_PAGE
    departments = "".join(f'<option value="{attr(p.slug)}">{escape(p.agency.name)}</option>' for p in corpus.policies)
    topic_groups = "".join(
        f'<optgroup label="{attr(group.title if group else "Other topics")}">'
        + "".join(f'<option value="{attr(t.id)}">{escape(t.title)}</option>' for t in topics) + "</optgroup>"
        for group, topics in topics_by_group(corpus.taxonomy))
    form = ('<form class="compare-search" role="search" aria-label="Search the provisions">'
            '<label for="compare-query">Words</label>'
            '<input type="search" id="compare-query" name="q" autocomplete="off" placeholder="e.g. undercover">'
            '<label for="compare-department">Department</label>'
            f'<select id="compare-department" name="department"><option value="">All departments</option>{departments}</select>'
            '<label for="compare-topic">Topic</label>'
            f'<select id="compare-topic" name="topic"><option value="">All topics</option>{topic_groups}</select></form>')
    blocks = [
        _front_matter("Compare search"),
        "# Compare search",
        _stylesheet(page),
        '<p class="lead">Find what each department says: type words, choose a department or a topic. Results are '
        "grouped by topic, departments side by side; each label links to the provision in its policy.</p>",
        f'<p class="compare-links"><a href="{attr(href(page, COVERAGE_PAGE))}">All topics (coverage matrix)</a></p>',
        form,
        '<p class="compare-search-status" id="compare-status" aria-live="polite">Loading the search index…</p>',
        '<div class="compare-results" id="compare-results"></div>',
        _scripts(page, LUNR_SCRIPT, SEARCH_DATA, SEARCH_SCRIPT),
    ]
    return "\n\n".join(blocks) + "\n"


def _searchable(corpus: Corpus) -> list[tuple[Policy, Provision]]:
    """The provisions the compare search finds: those with at least one topic."""
    return [(policy, provision) for policy in corpus.policies for provision in policy.provisions() if provision.topics]


def search_data_script(corpus: Corpus) -> str:
    """A script assigning the serialized lunr index and what results show to `window.HANDBOOK_COMPARE_SEARCH`.

    A script, not JSON, because a page opened from disk cannot fetch JSON. Topics are listed in the
    order results are grouped in (the taxonomy's groups).
    """
    provisions = [{"id": provision.id, "policy": policy.slug, "label": _label_path(provision),
                   "title": provision.heading or provision.term or "", "text": provision_wording(policy, provision),
                   "topics": provision.topics, "href": href(SEARCH_PAGE, page_path(policy), provision.id)}
                  for policy, provision in _searchable(corpus)]
    index = lunr(ref="id", fields=[{"field_name": "title", "boost": 2}, "text"],
                 documents=[{"id": p["id"], "title": p["title"], "text": p["text"]} for p in provisions])
    data = {
        "index": index.serialize(),
        "policies": [{"slug": p.slug, "name": p.agency.name, "document": p.document.title,
                      "template": p.is_template, "href": href(SEARCH_PAGE, page_path(p))} for p in corpus.policies],
        "topics": [{"id": t.id, "title": t.title, "href": href(SEARCH_PAGE, topic_page(t))}
                   for _, topics in topics_by_group(corpus.taxonomy) for t in topics],
        "provisions": provisions,
    }
    return f"window.{SEARCH_GLOBAL} = {json.dumps(data, ensure_ascii=False, separators=(',', ':'))};\n"
