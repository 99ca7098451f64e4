"""Where a reader is and how to move on, on pages that the site's navigation does not list: a
breadcrumb trail above the title (Home > Case studies > this page) and, at the end, the previous
and next page in the type's own order with a link back to its index.

Case studies, lessons and newsletter issues are generated pages outside `nav` in mkdocs.yml, so
Material shows neither its breadcrumbs nor its previous/next footer for them. The same functions
serve both languages; links are relative to the page, as MkDocs writes them.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from rhannu.labels import label
from rhannu.urls import relative, url


@dataclass(frozen=True)
class Neighbour:
    path: str  # a page path: "case-studies/x"
    title: str


@dataclass(frozen=True)
class Place:
    """A type's place on the site: its index page, the label naming it, and its pager's name."""

    index: str  # the index's page path: "case-studies/index"
    name_key: str  # label of its name in the trail: "case_studies"
    pager_key: str  # label of its previous/next nav: "pager_case_studies"
    all_key: str  # label of the link back to the index: "all_case_studies"


def _href(target: str, lang: str, from_path: str) -> str:
    return relative(url(target, lang), url(from_path, lang))


def breadcrumbs(place: Place, title: str, lang: str, path: str) -> str:
    """The trail Home > section > this page, as an ordered list in a labelled nav; the page
    itself is the last crumb, marked as the current page and not linked."""
    crumbs = [
        f'<li><a href="{_href("index", lang, path)}">{escape(label(lang, "home"))}</a></li>',
        f'<li><a href="{_href(place.index, lang, path)}">{escape(label(lang, place.name_key))}</a></li>',
        f'<li aria-current="page">{escape(title)}</li>',
    ]
    return f'<nav class="rhannu-breadcrumbs" aria-label="{escape(label(lang, "breadcrumb"))}"><ol>{"".join(crumbs)}</ol></nav>'


def pager(place: Place, previous: Neighbour | None, following: Neighbour | None, lang: str, path: str) -> str:
    """The previous and next page in the type's order (where there is one), and the index."""
    links = []
    for neighbour, rel, key in ((previous, "prev", "pager_previous"), (following, "next", "pager_next")):
        if neighbour is not None:
            links.append(
                f'<li class="rhannu-pager__{rel}"><a rel="{rel}" href="{_href(neighbour.path, lang, path)}">'
                f'<span class="rhannu-pager__label">{escape(label(lang, key))}</span> '
                f'<span class="rhannu-pager__title">{escape(neighbour.title)}</span></a></li>'
            )
    index = f'<a href="{_href(place.index, lang, path)}">{escape(label(lang, place.all_key))}</a>'
    links.append(f'<li class="rhannu-pager__index">{index}</li>')
    return f'<nav class="rhannu-pager" aria-label="{escape(label(lang, place.pager_key))}"><ul>{"".join(links)}</ul></nav>'
