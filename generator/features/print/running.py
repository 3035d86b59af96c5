"""A policy's running header: its title, agency and number at the top of every printed page.

Chromium prints `@page` margin boxes but not `string-set`, and a page's own text cannot reach them
through an attribute or a custom property: each policy has a small stylesheet naming a page
(`@page running-<slug>`) with its header, which the policy's content is set on (`[data-running]`). A
stylesheet of the site's own, not an inline style, so the strict Content-Security-Policy holds.
"""

from __future__ import annotations

from ...inline import option_refs
from ...model import Policy
from ...render.html import plain_text

RUNNING = "print/running"  # the folder of the policies' running-header stylesheets


def running_path(policy: Policy) -> str:
    return f"{RUNNING}/{policy.slug}.css"


def running_css(policy: Policy) -> str:
    """The stylesheet of `policy`'s running header: its title and agency at the top left, its number
    (unless a template leaves it to the agency) at the top right."""
    number = policy.document.number or ""
    stated_number = plain_text(policy, number) if number and not option_refs(number) else ""
    name = f"running-{policy.slug}"
    return (
        '@charset "utf-8";\n'
        f"/* The running header of {policy.slug}'s printed pages (generator/features/print/running.py). */\n"
        f"@page {name} {{\n"
        f"  @top-left {{ content: {css_string(f'{policy.document.title} · {policy.agency.name}')}; }}\n"
        f"  @top-right {{ content: {css_string(f'No. {stated_number}' if stated_number else '')}; }}\n"
        "}\n"
        # The policy's own page: the whole page is named (so no empty unnamed page comes before the title);
        # in a print edition, the policy's part of it.
        f'[data-running="{policy.slug}"], body:has(article > [data-running="{policy.slug}"]) {{ page: {name}; }}\n'
    )


def css_string(text: str) -> str:
    """`text` as a CSS string: quotes and backslashes escaped, control characters and line breaks as
    escapes, white space folded (a header is one line)."""
    out = []
    for ch in " ".join(text.split()):
        if ch in '"\\':
            out.append("\\" + ch)
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\{ord(ch):x} ")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'
