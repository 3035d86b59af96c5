"""The navigation as a reader looks for things: the topic pages under their groups in the order of
`topics.yml` (not of their file names), and, with many policies, the policy pages in A–Z sections
(`Ash – Bel`): with the theme's navigation.prune, a page then carries one section of policies in its
navigation, not all of them (which, with a thousand agencies, would make every page hundreds of kB and the
build grow with the square of their number). The section "Policies" opens its own page (`policies/index.md`)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.structure import StructureItem
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from ..render.html import escape

NAV_POLICIES = 30  # with more policies than this, the A–Z sections…
NAV_SECTION = 40  # …of at most this many pages


def file_policies_a_to_z(nav: Navigation) -> Navigation:
    """Files the policy pages in A–Z sections when there are more than `NAV_POLICIES`."""
    policies = next((item for item in nav.items if isinstance(item, Section) and _policy_pages(item)), None)
    if policies is None:
        return nav
    index = [child for child in policies.children if isinstance(child, Page) and child.is_index]
    pages = [child for child in policies.children if isinstance(child, Page) and not child.is_index]
    if len(pages) <= NAV_POLICIES:
        return nav
    runs = [pages[i : i + NAV_SECTION] for i in range(0, len(pages), NAV_SECTION)]
    policies.children = list[StructureItem](index)
    for i, run in enumerate(runs):
        before = runs[i - 1][-1] if i else None
        after = runs[i + 1][0] if i + 1 < len(runs) else None
        section = Section(_range_title(run[0], run[-1], before, after), list[StructureItem](run))
        section.parent = policies
        for page in run:
            page.parent = section
        policies.children.append(section)
    return nav


def file_topics_by_group(nav: Navigation, groups: list[tuple[str | None, list[str]]]) -> Navigation:
    """The topic pages (the section of `groups`' pages) in sections named by `groups`' titles, in their
    order; the pages of a group without a title go after the sections, not in one."""
    wanted = {path for _, paths in groups for path in paths}
    topics = _section_of(nav.items, wanted)
    if topics is None:
        return nav
    by_path = {child.file.src_uri: child for child in topics.children if isinstance(child, Page)}
    children: list[StructureItem] = [child for child in topics.children if not isinstance(child, Page)]
    children += [page for page in by_path.values() if page.is_index]
    for title, paths in groups:
        pages = [by_path[path] for path in paths if path in by_path]
        if title is None:
            children += pages
            continue
        section = Section(escape(title), list[StructureItem](pages))  # the theme writes titles as HTML
        section.parent = topics
        for page in pages:
            page.parent = section
        children.append(section)
    children += [page for path, page in by_path.items() if path not in wanted and not page.is_index]
    topics.children = children
    return nav


def _section_of(items: list[StructureItem], paths: set[str]) -> Section | None:
    """The section, at any depth, whose pages include one of `paths`."""
    for item in items:
        if isinstance(item, Section):
            if any(isinstance(c, Page) and c.file.src_uri in paths for c in item.children):
                return item
            found = _section_of(item.children, paths)
            if found is not None:
                return found
    return None


def _policy_pages(section: Section) -> bool:
    """Whether a navigation section holds the policy pages (and nothing else)."""
    return bool(section.children) and all(
        isinstance(child, Page) and child.file.src_uri.startswith("policies/") for child in section.children
    )


def _range_title(first: Page, last: Page, before: Page | None, after: Page | None) -> str:
    """`Ci – City of l`: the starts of the first and last page names of a section, each as long as it
    takes to tell it from the page on the other side of the section's bounds (page titles are not read
    yet when the navigation is built, so the names are the file names)."""

    def start(page: Page, other: Page | None) -> str:
        name = Path(page.file.src_uri).stem
        if other is None:
            return name[:1]
        other_name = Path(other.file.src_uri).stem
        common = next((i for i, (a, b) in enumerate(zip(name, other_name)) if a != b), len(name))
        return name[: common + 1]

    low, high = (start(first, before).replace("-", " ").capitalize(), start(last, after).replace("-", " ").capitalize())
    return low if low == high else f"{low} – {high}"
