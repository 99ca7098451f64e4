"""The pages built from content records: case studies, lessons, the index and its facet pages.

Each page is a `VirtualPage`: a Markdown source at an address under docs/ that no file holds.
The same functions serve both languages; `lang` is an argument, never state.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from html import escape
from urllib.parse import urlencode

from rhannu import partial_dates
from rhannu.citation import citation_of, cite_html
from rhannu.content import Content
from rhannu.content_types import (
    CASE_STUDIES,
    LESSONS,
    WITH_PAGES,
    CaseStudy,
    ContentType,
    Item,
    Lesson,
    Text,
    faceted_type,
    page_path,
    type_of,
)
from rhannu.dates import long_date
from rhannu.labels import label
from rhannu.languages import DEFAULT
from rhannu.partial_dates import PartialDate
from rhannu.site_info import SiteInfo
from rhannu.site_schema import Facet, type_label
from rhannu.sources import source_html
from rhannu.taxonomy import Taxonomy
from rhannu.urls import relative, src_uri, url
from rhannu.wayfinding import Neighbour, Place, breadcrumbs, pager

PAGE_SIZE = 50


def place_of(kind: ContentType) -> Place:
    """A type with pages: its index, and the labels of its trail and pager (keys from its own)."""
    return Place(f"{kind.address}/index", kind.key, f"pager_{kind.key}", f"all_{kind.key}")


def type_word(lang: str, kind: ContentType, pattern: str, **values: object) -> str:
    """A type's own label: type_word(lang, resources, "none_yet_{key}") -> the "none_yet_resources" label."""
    return label(lang, type_label(pattern, kind.key), **values)


@dataclass(frozen=True)
class PageText:
    """What a generated page shows: its Markdown with placeholders, and the blocks that fill them (see VirtualPage)."""

    markdown: str
    blocks: tuple[str, ...] = ()
    late: frozenset[int] = frozenset()
    before_title: str = ""
    after: str = ""


class VirtualPage:
    """A page no file holds. Its generated HTML bypasses Markdown. What search must not index
    (metadata, lists of related pages) is `late`. The late blocks that follow everything
    searchable are `after`, HTML the theme prints after the page's content
    (rhannu/theme/partials/content.html), so search never sees them. The other blocks are
    placeholder comments in `markdown`, each replaced by its HTML from `blocks`: early ones once
    Markdown is rendered, so that search reads them; late ones (a late block between searchable
    parts: a case study's metadata above its text) once the page is written, after the search
    index has read it. `before_title` (late too: the breadcrumb trail) the theme prints just
    above the page's content, which starts with its H1.

    A page made `later` knows its address and source at once and makes its text when first
    read: the table of addresses needs every page in every language, but a process of
    `rhannu build` renders only its own language's (rhannu.parallel_build)."""

    def __init__(
        self,
        src_uri: str,  # as if under docs/: "case-studies/x.md", "case-studies/x.cy.md"
        markdown: str,
        url: str,  # where it is published: "case-studies/x/", "cy/astudiaethau-achos/x/"
        blocks: tuple[str, ...] = (),
        late: frozenset[int] = frozenset(),
        before_title: str = "",
        source: str | None = None,  # an item's page: the editors' file of its text (a listing has none)
        after: str = "",  # the trailing late blocks, each on a line of its own as Markdown would have put it
    ) -> None:
        self.src_uri, self.url, self.source = src_uri, url, source
        self._text: PageText | None = PageText(markdown, blocks, late, before_title, after)
        self._make: Callable[[], VirtualPage] | None = None

    @classmethod
    def later(cls, src_uri: str, url: str, source: str | None, make: Callable[[], VirtualPage]) -> VirtualPage:
        """The page `make` makes, at the address and with the source given here, made when first read."""
        page = cls(src_uri, "", url, source=source)
        page._text, page._make = None, make
        return page

    @property
    def is_made(self) -> bool:
        return self._text is not None

    @property
    def text(self) -> PageText:
        if self._text is None:
            assert self._make is not None
            made = self._make()
            if (made.src_uri, made.url, made.source) != (self.src_uri, self.url, self.source):
                raise RuntimeError(f"{self.src_uri}: made at {made.src_uri} ({made.url}), not where its address said")
            self._text = made.text
        return self._text

    @property
    def markdown(self) -> str:
        return self.text.markdown

    @property
    def blocks(self) -> tuple[str, ...]:
        return self.text.blocks

    @property
    def late(self) -> frozenset[int]:
        return self.text.late

    @property
    def before_title(self) -> str:
        return self.text.before_title

    @property
    def after(self) -> str:
        return self.text.after

    def with_blocks(self, html: str, *, late: bool | None = None) -> str:
        """Fill the placeholders: the early blocks (late=False), the late ones (True), or all."""
        for number, block in enumerate(self.blocks):
            if late is None or (number in self.late) == late:
                html = html.replace(block_placeholder(number), block, 1)
        return html

    def whole(self, html: str) -> str:
        """The page's rendered Markdown (which starts with its H1) with every block in, as its article shows it."""
        return self.before_title + self.with_blocks(html) + self.after


class Markdown(str):
    """Editors' Markdown inside a generated page: rendered by MkDocs like any page."""


class Late(str):
    """HTML that goes into the page after search indexing (see VirtualPage)."""


def block_placeholder(number: int) -> str:
    return f"<!--rhannu-block-{number}-->"


def href(target: str, lang: str, from_path: str) -> str:
    """A link from the page at `from_path` to the page at `target`."""
    return relative(url(target, lang), url(from_path, lang))


def facet_path(taxonomy: Taxonomy, facet: str, value: str, lang: str = DEFAULT.code) -> str:
    """A facet value's page path in `lang`: 'case-studies/theme/x' in English; in Welsh, the
    facet's Welsh folder (data/schema.yml) and the value's Welsh name (its `slug` in
    data/taxonomy.yml, else its key): 'case-studies/thema/enw', which `url` puts at
    'cy/astudiaethau-achos/thema/enw/'. A derived facet's value (a year) is its own name."""
    declared = taxonomy.schema.facet(facet)
    name = value if declared.vocabulary is None else taxonomy.of_facet(facet)[value].name(lang)
    return f"{faceted_type().address}/{declared.folder(lang)}/{name}"


def facet_feed_path(taxonomy: Taxonomy, facet: str, value: str, lang: str) -> str:
    """The site path of a facet value's feed, beside its page: 'case-studies/theme/x/feed.xml',
    'cy/astudiaethau-achos/thema/enw/feed.xml'."""
    return url(facet_path(taxonomy, facet, value, lang), lang) + "feed.xml"


def facet_values(study: CaseStudy, facet: str) -> tuple[str, ...]:
    """A case study's values of a facet: its terms of a vocabulary, or the derived year (of what it describes)."""
    if facet == "year":
        return (str(study.when.year),) if study.when else ()
    return study.terms.get(facet, ())


def page(
    path: str,
    lang: str,
    title: str,
    description: str,
    parts: list[str],
    *,
    searchable: bool = True,
    og_type: str = "website",
    twin_of: str | None = None,
    before_title: str = "",
    feed: tuple[str, str] | None = None,
    source: str | None = None,
) -> VirtualPage:
    """A generated page at `path` in `lang`: its title as the H1, then `parts`, each HTML or (as
    Markdown) editors' text. An item's page whose Welsh text names it differently gives the English
    path as `twin_of`, where static-i18n pairs the two. Pages that only repeat another's intro (a
    listing's later pages) leave the search index. A page with a feed of its own names it, as
    (title, site path), in its front matter (`rhannu_feed`), for its head to advertise."""
    front = [f"title: {json.dumps(title, ensure_ascii=False)}", f"description: {json.dumps(description, ensure_ascii=False)}"]
    if not searchable:
        front.append("search:\n  exclude: true")
    if og_type != "website":
        front.append(f"og_type: {og_type}")
    if feed is not None:
        front.append(f"rhannu_feed: {json.dumps({'title': feed[0], 'path': feed[1]}, ensure_ascii=False)}")
    searchable_end = max((number + 1 for number, part in enumerate(parts) if _is_searchable(part)), default=0)
    chunks, blocks, late = [f"# {heading_text(title)}"], list[str](), set[int]()
    for part in parts[:searchable_end]:
        if isinstance(part, Markdown):
            chunks.append(part.strip())
        elif part:
            if isinstance(part, Late):
                late.add(len(blocks))
            chunks.append(block_placeholder(len(blocks)))
            blocks.append(str(part))
    after = _trailing_html(
        [part for part in parts[searchable_end:] if part],
        follows_markdown=searchable_end == 0 or isinstance(parts[searchable_end - 1], Markdown),
    )
    markdown = "---\n" + "\n".join(front) + "\n---\n\n" + "\n\n".join(chunks) + "\n"
    uri = src_uri(twin_of or path, lang)
    return VirtualPage(uri, markdown, url(path, lang), tuple(blocks), frozenset(late), before_title, source, after)


def _is_searchable(part: str) -> bool:
    return isinstance(part, Markdown) or (bool(part) and not isinstance(part, Late))


def _trailing_html(blocks: list[str], *, follows_markdown: bool) -> str:
    """Blocks after a page's content, spaced as Python-Markdown spaces HTML blocks: each one
    ends with a newline of its own, and elements are joined by another (so a block that follows
    an element Markdown made, such as the title or an editor's text, starts on the next line)."""
    if not blocks:
        return ""
    return ("\n" if follows_markdown else "\n\n") + "\n\n".join(blocks)


# Python-Markdown's backslash escapes (Markdown.ESCAPED_CHARS) but `>`, which HTML escaping makes
# inert: every character that can start its inline syntax or attr_list's `{: ...}`, and no other
# (an escape it lacks would show as a backslash).
_MARKDOWN_SYNTAX = re.compile(r"([\\`*_{}\[\]()#+\-.!])")


def heading_text(text: str) -> str:
    """Text (a title, a taxonomy label) as the Markdown of a one-line heading that shows exactly
    that text: Markdown's syntax (links, emphasis, attr_list's `{: ...}`) escaped with
    backslashes, then markup escaped as HTML, and line breaks made spaces, so nothing in it
    becomes an element or an attribute."""
    return escape(_MARKDOWN_SYNTAX.sub(r"\\\1", " ".join(text.split())))


def pages_for(content: Content, lang: str, info: SiteInfo) -> list[VirtualPage]:
    """Every generated page in `lang`: each item's own page, then each type's listings."""
    details = CardDetails(content, lang)
    pages = [
        _item_page(content, kind, item, lang, details, info)
        for kind in WITH_PAGES
        for item in content.of(kind)
        if lang in item.texts
    ]
    # the lessons' listings first, as before types were declared: the pages' order is the build's
    for kind in sorted(WITH_PAGES, key=lambda kind: kind.behaviour != "grouped-lessons"):
        pages += LISTINGS[kind.behaviour](content, kind, lang, details, info)
    return pages


def _item_page(content: Content, kind: ContentType, item: Item, lang: str, details: CardDetails, info: SiteInfo) -> VirtualPage:
    """An item's page, made when first read: at its address in `lang`, paired with its English twin."""
    return VirtualPage.later(
        src_uri(page_path(item), lang),
        url(page_path(item, lang), lang),
        item.texts[lang].path,
        lambda: ITEM_PAGES[kind.behaviour](content, item, lang, details, info),
    )


def text_in(item: Item, lang: str) -> Text:
    """The item's text in `lang`, or in English where the Welsh twin is missing."""
    return item.texts.get(lang) or item.texts[DEFAULT.code]


def term_label(content: Content, facet: str, value: str, lang: str) -> str:
    if content.taxonomy.schema.facet(facet).vocabulary is None:
        return value
    return content.taxonomy.of_facet(facet)[value].label(lang)


def _term_links(content: Content, facet: Facet, values: Iterable[str], lang: str, from_path: str) -> str:
    """A case study's values of a facet, each linking to its page where the facet has pages."""
    if not facet.pages:
        return ", ".join(escape(term_label(content, facet.key, value, lang)) for value in values)
    return ", ".join(
        f'<a href="{href(facet_path(content.taxonomy, facet.key, value, lang), lang, from_path)}">'
        f"{escape(term_label(content, facet.key, value, lang))}</a>"
        for value in values
    )


def published_html(published: dt.datetime | None, lang: str) -> str:
    if published is None:
        return ""
    day = published.date()
    return f'<time datetime="{day.isoformat()}">{long_date(day, lang)}</time>'


def _meta_list(content: Content, study: CaseStudy, lang: str, from_path: str) -> str:
    def row(facet: Facet) -> tuple[str, str]:
        return (facet.word(lang, "field"), _term_links(content, facet, study.terms[facet.key], lang, from_path))

    facets = content.taxonomy.schema.vocabulary_facets if type_of(study).faceted else ()
    rows = [row(facet) for facet in facets if facet.card == "meta"]  # what a card's first line names first
    if study.when is not None:
        rows.append((label(lang, "when"), when_html(study.when, lang)))
    rows.append((label(lang, "published"), published_html(study.published, lang)))
    rows += [row(facet) for facet in facets if facet.card != "meta"]
    if study.source is not None:
        rows.append((label(lang, "source"), content.taxonomy.sources[study.source].line_html(lang)))
    items = "".join(f"<div><dt>{escape(name)}</dt><dd>{value}</dd></div>" for name, value in rows if value)
    return f'<dl class="rhannu-meta">{items}</dl>'


def when_html(when: PartialDate, lang: str) -> str:
    """A date at its own precision; machine-readable where HTML can say it (not for a season)."""
    machine = when.html_datetime()
    shown = escape(partial_dates.show(when, lang))
    return f'<time datetime="{machine}">{shown}</time>' if machine else f'<span class="rhannu-when">{shown}</span>'


def case_study_page(content: Content, study: CaseStudy, lang: str, _: CardDetails | None, info: SiteInfo) -> VirtualPage:
    path = page_path(study, lang)
    text = study.texts[lang]
    lessons = [lesson for lesson in content.lessons if lesson.slug in study.lessons]
    lessons_block = (
        f'<section class="rhannu-related" aria-labelledby="lessons-heading">\n'
        f'<h2 id="lessons-heading">{escape(label(lang, "lessons_evidenced"))}</h2>\n'
        f"{_lessons_by_source(content, lessons, lang, path)}\n</section>"
        if lessons
        else ""
    )
    trail, moving_on = _wayfinding(content, study, lang)
    parts = [
        Late(_meta_list(content, study, lang, path)),
        Markdown(text.body),
        Late(lessons_block),
        Late(cite_html(citation_of(study, lang, info), lang)),
        Late(moving_on),
    ]
    return page(
        path,
        lang,
        text.title,
        text.summary,
        parts,
        og_type="article",
        before_title=trail,
        twin_of=page_path(study),
        source=text.path,
    )


def _lessons_by_source(content: Content, lessons: list[Lesson], lang: str, path: str) -> str:
    """A case study's related lessons, each list under the source its lessons come from (the link
    between them is the case study's own, so the source is named for the lessons, not the link)."""
    groups: dict[str | None, list[Lesson]] = {}
    for lesson in lessons:
        groups.setdefault(lesson.source if lesson.source in content.taxonomy.sources else None, []).append(lesson)
    parts = []
    for key, group in sorted(groups.items(), key=lambda pair: pair[0] is None):  # lessons of no named source last
        if key is not None:
            line = content.taxonomy.sources[key].line_html(lang)
            said = escape(label(lang, "lessons_source", source="{source}")).format(source=line)
            parts.append(f'<p class="rhannu-lessons-source">{said}</p>')
        items = "".join(
            f'<li><a href="{href(page_path(lesson, lang), lang, path)}">{escape(text_in(lesson, lang).title)}</a></li>'
            for lesson in group
        )
        parts.append(f"<ul>{items}</ul>")
    return "\n".join(parts)


def _wayfinding(content: Content, item: CaseStudy | Lesson, lang: str) -> tuple[str, str]:
    """An item page's breadcrumb trail, and its previous/next links in its type's order."""
    kind, path = type_of(item), page_path(item, lang)
    place = place_of(kind)
    previous, following = (
        Neighbour(page_path(other, lang), text_in(other, lang).title) if other is not None else None
        for other in content.neighbours(kind, item.slug)
    )
    title = text_in(item, lang).title
    return breadcrumbs(place, title, lang, path), pager(place, previous, following, lang, path)


class CardDetails:
    """A card's text below its title, the same on every listing: made once per study and language."""

    def __init__(self, content: Content, lang: str) -> None:
        self.content, self.lang = content, lang
        self._made: dict[str, str] = {}

    def __call__(self, study: CaseStudy) -> str:
        if study.slug not in self._made:
            content, lang = self.content, self.lang
            facets = [facet for facet in content.taxonomy.schema.vocabulary_facets if study.terms.get(facet.key)]
            when = when_html(study.when, lang) if study.when else published_html(study.published, lang)
            meta = [self._names(facet, study) for facet in facets if facet.card == "meta"] + ([when] if when else [])
            lines = "".join(
                f'<p class="rhannu-card__{facet.vocabulary}">'
                f'<span class="rhannu-card__label">{escape(facet.word(lang, "field"))}:</span> {self._names(facet, study)}</p>'
                for facet in facets
                if facet.card == "list"
            )
            self._made[study.slug] = (
                f'<p class="rhannu-card__meta">{" · ".join(meta)}</p><p>{escape(text_in(study, lang).summary)}</p>{lines}'
            )
        return self._made[study.slug]

    def _names(self, facet: Facet, study: CaseStudy) -> str:
        return ", ".join(escape(term_label(self.content, facet.key, value, self.lang)) for value in study.terms[facet.key])


def card(study: CaseStudy, lang: str, from_path: str, details: CardDetails, heading: str = "h2") -> str:
    """One case study's card, as listings show it (and the filter script, from cards.json)."""
    return (
        f'<li class="rhannu-card"><{heading} class="rhannu-card__title">'
        f'<a href="{href(page_path(study, lang), lang, from_path)}">{escape(text_in(study, lang).title)}</a>'
        f"</{heading}>{details(study)}</li>"
    )


def cards(
    studies: list[CaseStudy],
    lang: str,
    from_path: str,
    details: CardDetails,
    heading: str = "h2",
    kind: ContentType = CASE_STUDIES,
) -> str:
    if not studies:
        return f'<p class="rhannu-empty">{escape(type_word(lang, kind, "none_yet_{key}"))}</p>'
    return f'<ul class="rhannu-cards">{"".join(card(study, lang, from_path, details, heading) for study in studies)}</ul>'


def _value_list(content: Content, facet: str, lang: str, from_path: str, *, leave_out: str = "") -> str:
    """Links to a facet's values that have case studies, each with its count: never to an empty one."""
    links = "".join(
        f'<li><a href="{href(facet_path(content.taxonomy, facet, value, lang), lang, from_path)}">'
        f"{escape(term_label(content, facet, value, lang))}</a> "
        f'<span class="rhannu-count">({number})</span></li>'
        for value, number in _values_with_studies(content, facet)
        if value != leave_out
    )
    return f'<ul class="rhannu-facet-list">{links}</ul>' if links else ""


def _facet_nav(content: Content, lang: str, from_path: str) -> str:
    """Every facet's values, as links to their pages: collapsed, so that the cards come first on a
    small screen, and a disclosure that works without JavaScript (where these pages are the filters)."""
    groups = []
    for facet in _facets_in_use(content):
        values = _value_list(content, facet.key, lang, from_path) if facet.pages else ""
        if values:
            groups.append(f"<h2>{escape(facet.word(lang, 'name'))}</h2>{values}")
    if not groups:
        return ""
    return (
        f'<nav class="rhannu-facets" aria-labelledby="facets-heading"><details class="rhannu-disclosure">'
        f'<summary id="facets-heading">{escape(label(lang, "browse_by"))}</summary>{"".join(groups)}</details></nav>'
    )


def _way_on(content: Content, facet: str, value: str, lang: str, from_path: str) -> str:
    """What an empty facet page offers instead of cards: all case studies, and the facet's values that have some."""
    others = _value_list(content, facet, lang, from_path, leave_out=value)
    index = href(f"{faceted_type().address}/index", lang, from_path)
    block = f'<div class="rhannu-way-on"><p><a href="{index}">{escape(label(lang, "see_all_case_studies"))}</a></p>'
    if others:
        block += f'<h2 id="other-values">{escape(content.taxonomy.schema.facet(facet).word(lang, "others"))}</h2>{others}'
    return block + "</div>"


def _all_values(content: Content, facet: str) -> list[str]:
    """A vocabulary facet's values in data/taxonomy.yml's order; a derived one's (years) as the
    case studies have them, latest first."""
    if content.taxonomy.schema.facet(facet).vocabulary is None:
        return sorted({value for study in content.case_studies for value in facet_values(study, facet)}, reverse=True)
    return list(content.taxonomy.of_facet(facet))


def _count_for(content: Content, facet: str, value: str) -> int:
    return sum(value in facet_values(study, facet) for study in content.case_studies)


def _values_with_studies(content: Content, facet: str) -> list[tuple[str, int]]:
    """A facet's values that some case study has, with how many: the ones worth offering."""
    counted = ((value, _count_for(content, facet, value)) for value in _all_values(content, facet))
    return [(value, number) for value, number in counted if number]


def listing_pages(
    content: Content,
    path: str,
    title: str,
    intro: str,
    studies: list[CaseStudy],
    lang: str,
    details: CardDetails,
    *,
    with_facets: bool = False,
    when_empty: str = "",
    feed: tuple[str, str, str] | None = None,
    filter_link: tuple[str, str] | None = None,
    trail: bool = False,
    twin_of: str | None = None,
    kind: ContentType = CASE_STUDIES,
) -> list[VirtualPage]:
    """A listing's pages, PAGE_SIZE cards each. With a feed, as (head title, visible link text,
    site path), every page links to it: in its head and, above the cards, on the page. A facet
    page gives `filter_link`, as (its facet, its value), for its link to the filtered list of all
    case studies, and a breadcrumb trail (`trail`) back to them. A listing
    whose path differs in this language (a facet's Welsh name) gives its English one as `twin_of`."""
    pages = max(1, math.ceil(len(studies) / PAGE_SIZE))

    def listing_page(number: int, page_path: str, twin: str | None) -> VirtualPage:
        chunk = studies[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]
        # search finds a listing by its title and intro: the list itself is late (see VirtualPage)
        parts = [f"<p>{escape(intro)}</p>", Late(f'<p class="rhannu-total">{escape(_count(lang, kind, len(studies)))}</p>')]
        if with_facets and number == 1:
            parts.append(Late(_filter_form(content, lang)))
            parts.append(Late(_facet_nav(content, lang, page_path)))
        if filter_link is not None:
            parts.append(Late(_filter_all(content, *filter_link, lang, page_path)))
        if feed is not None:
            feed_href = relative(feed[2], url(page_path, lang))
            parts.append(
                Late(
                    f'<p class="rhannu-feed-link"><a href="{escape(feed_href)}" type="application/rss+xml">'
                    f"{escape(feed[1])}</a></p>"
                )
            )
        parts.append(Late(f'<div id="rhannu-card-list">{cards(chunk, lang, page_path, details, kind=kind)}</div>'))
        if not studies:
            parts.append(Late(when_empty))
        if pages > 1:
            parts.append(Late(_pagination(path, number, pages, lang, page_path)))
        heading = title if number == 1 else f"{title} ({label(lang, 'page_of', page=number, pages=pages)})"
        own_feed = (feed[0], feed[2]) if feed is not None else None
        crumbs = breadcrumbs(place_of(kind), heading, lang, page_path) if trail else ""
        return page(
            page_path, lang, heading, intro, parts, searchable=number == 1, feed=own_feed, before_title=crumbs, twin_of=twin
        )

    result = []
    for number in range(1, pages + 1):
        page_path = path if number == 1 else f"{path.removesuffix('/index')}/page/{number}"
        twin = None if twin_of is None or twin_of == path else (twin_of if number == 1 else f"{twin_of}/page/{number}")
        # made when first read, as an item's page is (see VirtualPage)
        result.append(
            VirtualPage.later(
                src_uri(twin or page_path, lang), url(page_path, lang), None, partial(listing_page, number, page_path, twin)
            )
        )
    return result


def _count(lang: str, kind: ContentType, n: int) -> str:
    """'1 case study', '12 resources': the count over a listing's cards, in its type's words."""
    return type_word(lang, kind, "count_one_{key}") if n == 1 else type_word(lang, kind, "count_other_{key}", n=n)


def _pagination(path: str, number: int, pages: int, lang: str, from_path: str) -> str:
    def target(n: int) -> str:
        return path if n == 1 else f"{path.removesuffix('/index')}/page/{n}"

    links = []
    if number > 1:
        links.append(f'<a rel="prev" href="{href(target(number - 1), lang, from_path)}">{escape(label(lang, "previous"))}</a>')
    links.append(f"<span>{escape(label(lang, 'page_of', page=number, pages=pages))}</span>")
    if number < pages:
        links.append(f'<a rel="next" href="{href(target(number + 1), lang, from_path)}">{escape(label(lang, "next"))}</a>')
    return f'<nav class="rhannu-pagination" aria-label="{escape(label(lang, "pagination"))}">{" ".join(links)}</nav>'


def _facets_in_use(content: Content) -> list[Facet]:
    """The facets some case study has a value for (a derived one, the year, only where a date of what happened is known)."""
    return [facet for facet in content.taxonomy.schema.facets if facet.vocabulary is not None or _all_values(content, facet.key)]


def _filter_form(content: Content, lang: str) -> str:
    """Combined filtering, shown only when JavaScript runs (the facet pages work without it): a
    disclosure whose summary says which filters are chosen, so that the cards start on the first
    screen. It offers only values that some case study has."""
    selects = []
    for facet in (facet for facet in _facets_in_use(content) if facet.filter):
        options = f'<option value="">{escape(label(lang, "all"))}</option>' + "".join(
            f'<option value="{escape(value)}">{escape(term_label(content, facet.key, value, lang))}</option>'
            for value, _ in _values_with_studies(content, facet.key)
        )
        selects.append(
            f'<div class="rhannu-filter"><label for="filter-{facet.key}">{escape(facet.word(lang, "name"))}</label>'
            f'<select id="filter-{facet.key}" name="{facet.key}">{options}</select></div>'
        )
    return (
        f'<form class="rhannu-filters" id="rhannu-filters" hidden data-cards="cards.json" '
        f'data-count-one="{escape(label(lang, "count_one"))}" data-count-other="{escape(label(lang, "count_other", n="{n}"))}" '
        f'data-none="{escape(label(lang, "filter_none"))}" '
        f'data-filtered-by="{escape(label(lang, "filtered_by", filters="{filters}"))}" '
        f'aria-labelledby="filter-heading"><details class="rhannu-disclosure">'
        f'<summary><span id="filter-heading">{escape(label(lang, "filter"))}</span>'
        f'<span class="rhannu-filter-chosen"></span></summary>'
        f'<div class="rhannu-filter-controls">{"".join(selects)}'
        f'<button type="button" class="rhannu-filter-clear" hidden>{escape(label(lang, "clear_filters"))}</button></div>'
        f'</details><p class="rhannu-filter-status" role="status" aria-live="polite"></p></form>'
    )


def facet_pages(content: Content, lang: str, details: CardDetails) -> list[VirtualPage]:
    result = []
    for declared in (facet for facet in content.taxonomy.schema.facets if facet.pages):
        facet = declared.key
        for value in _all_values(content, facet):
            studies = [study for study in content.case_studies if value in facet_values(study, facet)]
            name = term_label(content, facet, value, lang)
            intro = label(lang, "facet_description", label=name)
            if declared.vocabulary is not None:  # a value's own introduction in data/taxonomy.yml, where it has one
                intro = content.taxonomy.of_facet(facet)[value].intro.get(lang, intro)
            title = label(lang, "facet_title", label=name)
            path, twin = facet_path(content.taxonomy, facet, value, lang), facet_path(content.taxonomy, facet, value)
            way_on = "" if studies else _way_on(content, facet, value, lang, path)
            feed_path = facet_feed_path(content.taxonomy, facet, value, lang)
            feed = None
            if declared.feeds:
                feed = (label(lang, "feed_facet", label=name), _feed_link_text(declared, value, lang), feed_path)
            offered = studies and declared.filter and declared in _facets_in_use(content)
            result += listing_pages(
                content,
                path,
                title,
                intro,
                studies,
                lang,
                details,
                when_empty=way_on,
                feed=feed,
                filter_link=(facet, value) if offered else None,
                trail=True,
                twin_of=twin,
            )
    return result


def _filter_all(content: Content, facet: str, value: str, lang: str, from_path: str) -> str:
    """A facet page's way into the list of all case studies, filtered by its value there (the
    address carries the vocabulary key, as the filters do): the same cards, with the filter chosen
    and the other facets to combine it with."""
    index = href(f"{faceted_type().address}/index", lang, from_path)
    name = term_label(content, facet, value, lang)
    query = escape(urlencode({facet: value}))
    text = escape(label(lang, "filter_all_case_studies", label=name))
    return f'<p class="rhannu-filter-all"><a href="{index}?{query}">{text}</a></p>'


def _feed_link_text(facet: Facet, value: str, lang: str) -> str:
    """'Feed for this PSB (RSS)' (data/schema.yml), or for this page where the value is not one of
    its kind (across the programme, not a PSB: the facet's `page_feeds`)."""
    if value in facet.page_feeds:
        return label(lang, "feed_this_page")
    return facet.word(lang, "feed")


def lesson_page(content: Content, lesson: Lesson, lang: str, details: CardDetails | None, info: SiteInfo) -> VirtualPage:
    path = page_path(lesson, lang)
    text = lesson.texts[lang]
    group = content.taxonomy.terms("lesson_groups")[lesson.group].label(lang)
    citing = [study for study in content.case_studies if lesson.slug in study.lessons]
    details = details or CardDetails(content, lang)
    evidence = cards(citing, lang, path, details, heading="h3") if citing else f"<p>{escape(label(lang, 'no_evidence'))}</p>"
    trail, moving_on = _wayfinding(content, lesson, lang)
    parts = [
        f'<p class="rhannu-lesson-group">{escape(label(lang, "lesson_group"))}: '
        f'<a href="{href(f"{type_of(lesson).address}/index", lang, path)}#{lesson.group}">{escape(group)}</a></p>',
        Markdown(text.body),
        Late(source_html(content.taxonomy.sources[lesson.source], lang) if lesson.source else ""),
        Late(
            # the heading's old id (evidence-heading) stays as an empty anchor, so links to it still land
            f'<section class="rhannu-related" aria-labelledby="case-studies-heading">\n'
            f'<span id="evidence-heading"></span><h2 id="case-studies-heading">{escape(label(lang, "evidence"))}</h2>\n'
            f"{evidence}\n</section>"
        ),
        Late(cite_html(citation_of(lesson, lang, info), lang)),
        Late(moving_on),
    ]
    return page(path, lang, text.title, text.summary, parts, before_title=trail, twin_of=page_path(lesson), source=text.path)


def lessons_index(content: Content, lang: str, intro: str, kind: ContentType = LESSONS) -> VirtualPage:
    path = f"{kind.address}/index"
    parts = [f"<p>{escape(intro)}</p>"]
    for key, group in content.taxonomy.terms("lesson_groups").items():
        lessons = [lesson for lesson in content.lessons if lesson.group == key]
        items = "".join(
            f'<li><a href="{href(page_path(lesson, lang), lang, path)}">{escape(text_in(lesson, lang).title)}</a>'
            f"<p>{escape(text_in(lesson, lang).summary)}</p></li>"
            for lesson in lessons
        )
        # late, like every listing: search finds the index by its title and intro
        parts.append(Late(f'<h2 id="{key}">{escape(group.label(lang))}</h2>\n<ul class="rhannu-lessons">{items}</ul>'))
    return page(path, lang, label(lang, kind.key), intro, parts)


def case_study_listings(
    content: Content, kind: ContentType, lang: str, details: CardDetails, info: SiteInfo
) -> list[VirtualPage]:
    """The index of all items of a type with pages (case studies, resources), with filters and
    facets where the schema's facets group them, then a listing per facet value."""
    return [
        *listing_pages(
            content,
            f"{kind.address}/index",
            label(lang, kind.key),
            info.intro(kind.key, lang, f"{kind.key}_intro"),
            list(content.of(kind)),
            lang,
            details,
            with_facets=kind.faceted,
            kind=kind,
        ),
        *(facet_pages(content, lang, details) if kind.faceted else ()),
    ]


def lesson_listings(content: Content, kind: ContentType, lang: str, _: CardDetails, info: SiteInfo) -> list[VirtualPage]:
    return [lessons_index(content, lang, info.intro(kind.key, lang), kind)]


# Each behaviour with pages (rhannu.site_schema.BEHAVIOURS): the renderer of an item's page, and of its type's listings.
ITEM_PAGES: dict[str, Callable[..., VirtualPage]] = {"items-with-pages": case_study_page, "grouped-lessons": lesson_page}
LISTINGS: dict[str, Callable[[Content, ContentType, str, CardDetails, SiteInfo], list[VirtualPage]]] = {
    "grouped-lessons": lesson_listings,
    "items-with-pages": case_study_listings,
}
