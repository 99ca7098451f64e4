"""The "On this page" list (Material's table of contents, `page.toc`) with every section of the
page, the generated ones too.

MkDocs makes `page.toc` from the headings Markdown wrote. Rhannu's generated blocks (a case
study's related lessons, an issue's sections, the home page's latest newsletter, the Subscribe
page's sections) go in as HTML that Markdown never parsed, some of them only after the search
index has read the page, so their headings are missing from the list. Here the page's full HTML,
with every block in place, is read for its H2s in order, and each one the list lacks is added
where it stands among the others, with the id it has on the page.

Headings in a `hidden` form (the case study filters, shown only when their script runs) are left
out: a link to a hidden heading leads nowhere.
"""

from __future__ import annotations

import re
from html import escape

from mkdocs.structure.toc import AnchorLink, TableOfContents

_HEADING = re.compile(r"<h([12])\b([^>]*)>(.*?)</h\1>", re.DOTALL)
_ID = re.compile(r'\bid="([^"]+)"')
_HIDDEN_FORM = re.compile(r"<form\b[^>]*\shidden\b.*?</form>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def sections(html: str) -> list[tuple[str, str]]:
    """The page's H2s that have an id, in order, as (id, title as HTML text), outside hidden forms."""
    shown = _HIDDEN_FORM.sub("", html)
    found = []
    for level, attributes, inner in _HEADING.findall(shown):
        anchor = _ID.search(attributes)
        if level == "2" and anchor:
            found.append((anchor.group(1), " ".join(_TAG.sub("", inner).split())))
    return found


def complete(toc: TableOfContents, html: str) -> None:
    """Add to `toc` the H2s of `html` that it lacks, each in its place among those it has.
    Entries Markdown made keep their own children (H3s) and order."""
    items = toc.items
    entries = items[0].children if items and items[0].level == 1 else items
    had = {entry.id: entry for entry in entries}
    found = sections(html)
    if all(anchor in had for anchor, _ in found):
        return
    ordered: list[AnchorLink] = []
    for anchor, title in found:
        ordered.append(had.pop(anchor) if anchor in had else AnchorLink(title, anchor, 2))
    entries[:] = ordered + list(had.values())  # any it had but the page does not show stay, last


LONG_PAGE = 3  # a page with this many sections (H2s) or more is long: it gets a contents list at its top


def contents_list(toc: TableOfContents, name: str) -> str:
    """A long page's sections as a contents list for its top, named `name` ("On this page" in the
    page's language): Material shows its own list beside wide screens only, and on a phone only in
    the menu of pages the navigation lists, so case studies, lessons and issues had none there.
    The styles show it below Material's sidebar width; search skips it. Empty for a short page."""
    items = toc.items
    entries = items[0].children if items and items[0].level == 1 else items
    if len(entries) < LONG_PAGE:
        return ""
    links = "".join(f'<li><a href="#{escape(entry.id)}">{entry.title}</a></li>' for entry in entries)
    return (
        f'<nav class="rhannu-contents" aria-labelledby="rhannu-contents-title" data-search-exclude>'
        f'<p class="rhannu-contents__title" id="rhannu-contents-title">{escape(name)}</p><ul>{links}</ul></nav>'
    )


def toc_of(html: str) -> TableOfContents:
    """The list a page's HTML gives by itself (its H2s): for the preview's fast path, which
    renders an item's article without MkDocs."""
    return TableOfContents([AnchorLink(title, anchor, 2) for anchor, title in sections(html)])


def after_title(html: str, block: str) -> str:
    """`html` with `block` just after its H1 (unchanged without one, or without a block)."""
    end = html.find("</h1>")
    if not block or end < 0:
        return html
    end += len("</h1>")
    return html[:end] + block + html[end:]
