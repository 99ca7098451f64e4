"""Editors' Markdown as HTML, as email, feeds, issue pages and the catalogue show it: rendered with
the extensions the site's pages use (but heading ids, which only a page's own table of contents
needs), by one renderer reset for each text."""

from __future__ import annotations

from functools import lru_cache

import markdown

_MARKDOWN = markdown.Markdown(extensions=["attr_list", "md_in_html"], output_format="html")


def rendered(text: str) -> str:
    return _MARKDOWN.reset().convert(text)


# A newsletter item's text is judged when the site is prepared and shown on its issue's pages, in
# each email edition (HTML and plain text), in the feeds and in the catalogue: rendered once.
@lru_cache(maxsize=4096)
def rendered_once(text: str) -> str:
    return rendered(text)
