"""A generated page: its title, its body as finished HTML and its table of contents.

Text from the YAML reaches a page only as the HTML the renderers write. No page is parsed as Markdown
(which would read Markdown, attribute lists and raw HTML in the text): headings are written here as
HTML, with the ids, classes and permalinks the site has always had, and the table of contents is made
from them. The site engine's glue (`generator/mkdocs_plugin/`) shows the body as it is, and takes the
page's title and table of contents from here.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

from .html import attr, escape

# The sidebar lists sections and their first sub-headings (h1 to h3); deeper headings (a policy nests
# them four levels down) made the table of contents a fifth of a long policy page.
TOC_DEPTH = 3
PERMALINK = '<a class="headerlink" href="#{}" title="Permanent link">&para;</a>'
TAG = re.compile(r"<[^>]*>")  # a tag of our own HTML (its attribute values are escaped: no `>` inside)


@dataclass(frozen=True)
class Heading:
    """A heading of a page: `html` is its content, already HTML; `id` None gives it an id made from its
    text (`heading_id`), as the page's title heading has."""

    level: int
    html: str
    id: str | None = None
    classes: tuple[str, ...] = ()

    @property
    def text_html(self) -> str:
        """Its content without tags, white space folded: how the table of contents shows it (HTML)."""
        return " ".join(TAG.sub("", self.html).split())


@dataclass(frozen=True)
class Page:
    """A generated page: `body` is finished HTML, exactly as the site shows it; `title` the page's title
    as text (not HTML); `toc` its table of contents, the headings down to `TOC_DEPTH` as nested
    `{level, id, name, children}` entries (`name` is HTML); `hide` the parts of the theme's layout the
    page goes without (`navigation`, `toc`)."""

    body: str
    title: str
    toc: list[dict]
    hide: tuple[str, ...] = ()

    @property
    def title_html(self) -> str:
        return escape(self.title)

    def __str__(self) -> str:
        return self.body


Pages = dict[str, Page | str | bytes]  # path inside the pages folder → a page, or a file's content


def make_page(title: str, blocks: list[str | Heading], hide: tuple[str, ...] = ()) -> Page:
    """A page from its blocks (HTML, and headings), one block to a line."""
    ids = {b.id for b in blocks if isinstance(b, Heading) and b.id}
    out, entries = [], []
    for block in blocks:
        if isinstance(block, Heading):
            anchor = block.id or _unique(heading_id(block.text_html), ids)
            classes = f' class="{attr(" ".join(block.classes))}"' if block.classes else ""
            out.append(
                f'<h{block.level}{classes} id="{attr(anchor)}">{block.html}{PERMALINK.format(attr(anchor))}</h{block.level}>'
            )
            if block.level <= TOC_DEPTH:
                entries.append({"level": block.level, "id": anchor, "name": block.text_html, "children": []})
        elif block:
            out.append(block)
    return Page("\n".join(out), title, _nested(entries), hide)


def heading_id(text_html: str) -> str:
    """An id made from a heading's text: lower-case ASCII letters, digits, `_` and `-`, words joined by
    `-` (as the site engine's table of contents made them: the ids of title headings stay the same)."""
    text = unicodedata.normalize("NFKD", html.unescape(text_html)).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", "-", text)


def _unique(anchor: str, ids: set[str]) -> str:
    """`anchor`, or with `_1`, `_2`… added when another heading has it (or it is empty)."""
    while anchor in ids or not anchor:
        numbered = re.match(r"^(.*)_([0-9]+)$", anchor)
        anchor = f"{numbered.group(1)}_{int(numbered.group(2)) + 1}" if numbered else f"{anchor}_1"
    ids.add(anchor)
    return anchor


def _nested(entries: list[dict]) -> list[dict]:
    """Flat table-of-contents entries nested: each under the nearest entry before it of a lower level."""
    top: list[dict] = []
    parents: list[dict] = []
    for entry in entries:
        while parents and parents[-1]["level"] >= entry["level"]:
            parents.pop()
        (parents[-1]["children"] if parents else top).append(entry)
        parents.append(entry)
    return top
