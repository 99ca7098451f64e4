"""Editors' Markdown as HTML, as email, feeds, issue pages and the catalogue show it: rendered with
the extensions the site's pages use (but heading ids, which only a page's own table of contents
needs).

Python-Markdown tries each of its inline patterns on every run of text, and most of a text's time
goes there. A pattern that needs a character the text lacks (a link needs `[`) can never match,
so it is left out of the renderer for that text: the HTML is the same, in half the time. Each set
of patterns left out has its renderer, made once and reset for each text."""

from __future__ import annotations

from functools import lru_cache

import markdown

EXTENSIONS = ["attr_list", "md_in_html"]

# Python-Markdown's inline patterns, by name, each with what a text must hold for it to match (any
# one of them). Whitespace is normalised before the patterns run: tabs become spaces, \r a line
# end, and the STX and ETX characters are removed, so a line break may come from any of those.
# A pattern not named here is always kept.
NEEDS: dict[str, tuple[str, ...]] = {
    "backtick": ("`",),
    "escape": ("\\",),
    "reference": ("[",),
    "link": ("[",),
    "image_link": ("[",),
    "image_reference": ("[",),
    "short_reference": ("[",),
    "short_image_ref": ("[",),
    "autolink": ("<",),
    "automail": ("<",),
    "linebreak": ("  \n", " \r", "\t", "\x02", "\x03"),
    "html": ("<",),
    "entity": ("&",),
    "em_strong": ("*", "_"),
}


def unmatchable(text: str) -> frozenset[str]:
    """The inline patterns that cannot match anywhere in `text`."""
    return frozenset(name for name, needs in NEEDS.items() if not any(need in text for need in needs))


@lru_cache(maxsize=64)  # one per set of patterns left out: a handful in practice
def _renderer(left_out: frozenset[str]) -> markdown.Markdown:
    renderer = markdown.Markdown(extensions=EXTENSIONS, output_format="html")
    for name in left_out:
        if name in renderer.inlinePatterns:
            renderer.inlinePatterns.deregister(name)
    return renderer


def rendered(text: str) -> str:
    return _renderer(unmatchable(text)).reset().convert(text)


# A newsletter item's text is judged when the site is prepared and shown on its issue's pages, in
# each email edition (HTML and plain text), in the feeds and in the catalogue: rendered once.
@lru_cache(maxsize=4096)
def rendered_once(text: str) -> str:
    return rendered(text)
