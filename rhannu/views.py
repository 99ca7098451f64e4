"""The pages built from content records: case studies, lessons, the index and its facet pages.

Each page is a `VirtualPage`: a Markdown source at an address under docs/ that no file holds.
The same functions serve both languages; `lang` is an argument, never state.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from html import escape

from rhannu import partial_dates
from rhannu.content import Content
from rhannu.content_types import CASE_STUDIES, LESSONS, WITH_PAGES, CaseStudy, Item, Lesson, Text, page_path
from rhannu.dates import long_date
from rhannu.labels import count, label
from rhannu.languages import DEFAULT
from rhannu.partial_dates import PartialDate
from rhannu.site_info import SiteInfo
from rhannu.sources import source_html
from rhannu.urls import relative, src_uri, url

PAGE_SIZE = 50
FACETS = ("psb", "theme", "approach", "year")


@dataclass(frozen=True)
class VirtualPage:
    """A page no file holds. Its generated HTML bypasses Markdown: `markdown` carries a
    placeholder comment per block, and `blocks` the HTML that replaces each after rendering.
    Blocks marked `late` go in only once the page is written, after the search index has read
    it: metadata and lists of related pages, which are not what a search should find."""

    src_uri: str  # as if under docs/: "case-studies/x.md", "case-studies/x.cy.md"
    markdown: str
    blocks: tuple[str, ...] = ()
    late: frozenset[int] = frozenset()

    def with_blocks(self, html: str, *, late: bool | None = None) -> str:
        """Fill the placeholders: the early blocks (late=False), the late ones (True), or all."""
        for number, block in enumerate(self.blocks):
            if late is None or (number in self.late) == late:
                html = html.replace(block_placeholder(number), block, 1)
        return html


class Markdown(str):
    """Editors' Markdown inside a generated page: rendered by MkDocs like any page."""


class Late(str):
    """HTML that goes into the page after search indexing (see VirtualPage)."""


def block_placeholder(number: int) -> str:
    return f"<!--rhannu-block-{number}-->"


def href(target: str, lang: str, from_path: str) -> str:
    """A link from the page at `from_path` to the page at `target`."""
    return relative(url(target, lang), url(from_path, lang))


def facet_path(facet: str, value: str) -> str:
    return f"{CASE_STUDIES.address}/{facet}/{value}"


def facet_values(study: CaseStudy, facet: str) -> tuple[str, ...]:
    return {
        "psb": (study.psb,),
        "theme": study.themes,
        "approach": study.approaches,
        "year": (str(study.when.year),) if study.when else (),  # the year what it describes happened
    }[facet]


def page(
    path: str,
    lang: str,
    title: str,
    description: str,
    parts: list[str],
    *,
    searchable: bool = True,
    og_type: str = "website",
) -> VirtualPage:
    """A generated page: its title as the H1, then `parts`, each HTML or (as Markdown) editors' text.
    Pages that only repeat another's intro (a listing's later pages) leave the search index."""
    front = [f"title: {json.dumps(title, ensure_ascii=False)}", f"description: {json.dumps(description, ensure_ascii=False)}"]
    if not searchable:
        front.append("search:\n  exclude: true")
    if og_type != "website":
        front.append(f"og_type: {og_type}")
    chunks, blocks, late = [f"# {escape(title)}"], list[str](), set[int]()
    for part in parts:
        if isinstance(part, Markdown):
            chunks.append(part.strip())
        elif part:
            if isinstance(part, Late):
                late.add(len(blocks))
            chunks.append(block_placeholder(len(blocks)))
            blocks.append(str(part))
    markdown = "---\n" + "\n".join(front) + "\n---\n\n" + "\n\n".join(chunks) + "\n"
    return VirtualPage(src_uri(path, lang), markdown, tuple(blocks), frozenset(late))


def pages_for(content: Content, lang: str, info: SiteInfo) -> list[VirtualPage]:
    """Every generated page in `lang`: each item's own page, then each type's listings."""
    details = CardDetails(content, lang)
    pages = [
        ITEM_PAGES[kind.key](content, item, lang, details)
        for kind in WITH_PAGES
        for item in content.of(kind)
        if lang in item.texts
    ]
    for listings in LISTINGS.values():
        pages += listings(content, lang, details, info)
    return pages


def text_in(item: Item, lang: str) -> Text:
    """The item's text in `lang`, or in English where the Welsh twin is missing."""
    return item.texts.get(lang) or item.texts[DEFAULT.code]


def term_label(content: Content, facet: str, value: str, lang: str) -> str:
    if facet == "year":
        return value
    terms = {"psb": content.taxonomy.psbs, "theme": content.taxonomy.themes, "approach": content.taxonomy.approaches}[facet]
    return terms[value].label(lang)


def _term_links(content: Content, facet: str, values: Iterable[str], lang: str, from_path: str) -> str:
    return ", ".join(
        f'<a href="{href(facet_path(facet, value), lang, from_path)}">{escape(term_label(content, facet, value, lang))}</a>'
        for value in values
    )


def published_html(published: dt.datetime | None, lang: str) -> str:
    if published is None:
        return ""
    day = published.date()
    return f'<time datetime="{day.isoformat()}">{long_date(day, lang)}</time>'


def _meta_list(content: Content, study: CaseStudy, lang: str, from_path: str) -> str:
    rows = [
        (label(lang, "psb"), _term_links(content, "psb", [study.psb], lang, from_path)),
        (label(lang, "published"), published_html(study.published, lang)),
        (label(lang, "themes"), _term_links(content, "theme", study.themes, lang, from_path)),
        (label(lang, "approaches"), _term_links(content, "approach", study.approaches, lang, from_path)),
    ]
    if study.when is not None:
        rows.insert(1, (label(lang, "when"), when_html(study.when, lang)))
    if study.source is not None:
        rows.append((label(lang, "source"), content.taxonomy.sources[study.source].line_html(lang)))
    items = "".join(f"<div><dt>{escape(name)}</dt><dd>{value}</dd></div>" for name, value in rows if value)
    return f'<dl class="rhannu-meta">{items}</dl>'


def when_html(when: PartialDate, lang: str) -> str:
    """A date at its own precision; machine-readable where HTML can say it (not for a season)."""
    machine = when.html_datetime()
    shown = escape(partial_dates.show(when, lang))
    return f'<time datetime="{machine}">{shown}</time>' if machine else f'<span class="rhannu-when">{shown}</span>'


def case_study_page(content: Content, study: CaseStudy, lang: str, _: CardDetails | None = None) -> VirtualPage:
    path = page_path(study)
    text = study.texts[lang]
    lessons = [lesson for lesson in content.lessons if lesson.slug in study.lessons]
    lesson_items = "".join(
        f'<li><a href="{href(page_path(lesson), lang, path)}">{escape(text_in(lesson, lang).title)}</a></li>'
        for lesson in lessons
    )
    lessons_block = (
        f'<section class="rhannu-related" aria-labelledby="lessons-heading">\n'
        f'<h2 id="lessons-heading">{escape(label(lang, "lessons_evidenced"))}</h2>\n'
        f"<ul>{lesson_items}</ul>\n</section>"
        if lessons
        else ""
    )
    parts = [Late(_meta_list(content, study, lang, path)), Markdown(text.body), Late(lessons_block)]
    return page(path, lang, text.title, text.summary, parts, og_type="article")


class CardDetails:
    """A card's text below its title, the same on every listing: made once per study and language."""

    def __init__(self, content: Content, lang: str) -> None:
        self.content, self.lang = content, lang
        self._made: dict[str, str] = {}

    def __call__(self, study: CaseStudy) -> str:
        if study.slug not in self._made:
            content, lang = self.content, self.lang
            themes = ", ".join(escape(term_label(content, "theme", theme, lang)) for theme in study.themes)
            when = when_html(study.when, lang) if study.when else published_html(study.published, lang)
            self._made[study.slug] = (
                f'<p class="rhannu-card__meta">{escape(term_label(content, "psb", study.psb, lang))}'
                f"{' · ' + when if when else ''}</p>"
                f"<p>{escape(text_in(study, lang).summary)}</p>"
                f'<p class="rhannu-card__themes">'
                f'<span class="rhannu-card__label">{escape(label(lang, "themes"))}:</span> {themes}</p>'
            )
        return self._made[study.slug]


def card(study: CaseStudy, lang: str, from_path: str, details: CardDetails, heading: str = "h2") -> str:
    """One case study's card, as listings show it (and the filter script, from cards.json)."""
    return (
        f'<li class="rhannu-card"><{heading} class="rhannu-card__title">'
        f'<a href="{href(page_path(study), lang, from_path)}">{escape(text_in(study, lang).title)}</a>'
        f"</{heading}>{details(study)}</li>"
    )


def cards(studies: list[CaseStudy], lang: str, from_path: str, details: CardDetails, heading: str = "h2") -> str:
    if not studies:
        return f'<p class="rhannu-empty">{escape(label(lang, "none_yet"))}</p>'
    return f'<ul class="rhannu-cards">{"".join(card(study, lang, from_path, details, heading) for study in studies)}</ul>'


def _facet_nav(content: Content, lang: str, from_path: str) -> str:
    groups = []
    for facet in _facets_in_use(content):
        values = _all_values(content, facet)
        links = "".join(
            f'<li><a href="{href(facet_path(facet, value), lang, from_path)}">'
            f"{escape(term_label(content, facet, value, lang))}</a> "
            f'<span class="rhannu-count">({_count_for(content, facet, value)})</span></li>'
            for value in values
        )
        groups.append(f'<h3>{escape(label(lang, facet))}</h3><ul class="rhannu-facet-list">{links}</ul>')
    heading = escape(label(lang, "browse_by"))
    return (
        f'<nav class="rhannu-facets" aria-labelledby="facets-heading">'
        f'<h2 id="facets-heading">{heading}</h2>{"".join(groups)}</nav>'
    )


def _all_values(content: Content, facet: str) -> list[str]:
    if facet == "year":
        return sorted({value for study in content.case_studies for value in facet_values(study, "year")}, reverse=True)
    return list({"psb": content.taxonomy.psbs, "theme": content.taxonomy.themes, "approach": content.taxonomy.approaches}[facet])


def _count_for(content: Content, facet: str, value: str) -> int:
    return sum(value in facet_values(study, facet) for study in content.case_studies)


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
) -> list[VirtualPage]:
    pages = max(1, math.ceil(len(studies) / PAGE_SIZE))
    result = []
    for number in range(1, pages + 1):
        page_path = path if number == 1 else f"{path.removesuffix('/index')}/page/{number}"
        chunk = studies[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]
        # search finds a listing by its title and intro: the list itself is late (see VirtualPage)
        parts = [f"<p>{escape(intro)}</p>", Late(f'<p class="rhannu-total">{escape(count(lang, len(studies)))}</p>')]
        if with_facets and number == 1:
            parts.append(Late(_filter_form(content, lang)))
            parts.append(Late(_facet_nav(content, lang, page_path)))
        parts.append(Late(f'<div id="rhannu-card-list">{cards(chunk, lang, page_path, details)}</div>'))
        if pages > 1:
            parts.append(Late(_pagination(path, number, pages, lang, page_path)))
        heading = title if number == 1 else f"{title} ({label(lang, 'page_of', page=number, pages=pages)})"
        result.append(page(page_path, lang, heading, intro, parts, searchable=number == 1))
    return result


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


def _facets_in_use(content: Content) -> list[str]:
    """The facets some case study has a value for (a year only where a date of what happened is known)."""
    return [facet for facet in FACETS if facet != "year" or _all_values(content, facet)]


def _filter_form(content: Content, lang: str) -> str:
    """Combined filtering, shown only when JavaScript runs (the facet pages work without it)."""
    selects = []
    for facet in _facets_in_use(content):
        options = f'<option value="">{escape(label(lang, "all"))}</option>' + "".join(
            f'<option value="{escape(value)}">{escape(term_label(content, facet, value, lang))}</option>'
            for value in _all_values(content, facet)
        )
        selects.append(
            f'<div class="rhannu-filter"><label for="filter-{facet}">{escape(label(lang, facet))}</label>'
            f'<select id="filter-{facet}" name="{facet}">{options}</select></div>'
        )
    return (
        f'<form class="rhannu-filters" id="rhannu-filters" hidden data-cards="cards.json" '
        f'data-count-one="{escape(label(lang, "count_one"))}" data-count-other="{escape(label(lang, "count_other", n="{n}"))}" '
        f'data-none="{escape(label(lang, "filter_none"))}" '
        f'aria-labelledby="filter-heading"><h2 id="filter-heading">{escape(label(lang, "filter"))}</h2>'
        f'{"".join(selects)}<p class="rhannu-filter-status" role="status" aria-live="polite"></p></form>'
    )


def facet_pages(content: Content, lang: str, details: CardDetails) -> list[VirtualPage]:
    result = []
    for facet in FACETS:
        for value in _all_values(content, facet):
            studies = [study for study in content.case_studies if value in facet_values(study, facet)]
            name = term_label(content, facet, value, lang)
            intro = label(lang, "facet_description", label=name)
            if facet == "psb":
                intro = content.taxonomy.psbs[value].intro.get(lang, intro)
            title = label(lang, "facet_title", label=name)
            result += listing_pages(content, facet_path(facet, value), title, intro, studies, lang, details)
    return result


def lesson_page(content: Content, lesson: Lesson, lang: str, details: CardDetails | None = None) -> VirtualPage:
    path = page_path(lesson)
    text = lesson.texts[lang]
    group = content.taxonomy.lesson_groups[lesson.group].label(lang)
    citing = [study for study in content.case_studies if lesson.slug in study.lessons]
    details = details or CardDetails(content, lang)
    evidence = cards(citing, lang, path, details, heading="h3") if citing else f"<p>{escape(label(lang, 'no_evidence'))}</p>"
    parts = [
        f'<p class="rhannu-lesson-group">{escape(label(lang, "lesson_group"))}: '
        f'<a href="{href(f"{LESSONS.address}/index", lang, path)}#{lesson.group}">{escape(group)}</a></p>',
        Markdown(text.body),
        Late(source_html(content.taxonomy.sources[lesson.source], lang) if lesson.source else ""),
        Late(
            f'<section class="rhannu-related" aria-labelledby="evidence-heading">\n'
            f'<h2 id="evidence-heading">{escape(label(lang, "evidence"))}</h2>\n{evidence}\n</section>'
        ),
    ]
    return page(path, lang, text.title, text.summary, parts)


def lessons_index(content: Content, lang: str, intro: str) -> VirtualPage:
    path = f"{LESSONS.address}/index"
    parts = [f"<p>{escape(intro)}</p>"]
    for key, group in content.taxonomy.lesson_groups.items():
        lessons = [lesson for lesson in content.lessons if lesson.group == key]
        items = "".join(
            f'<li><a href="{href(page_path(lesson), lang, path)}">{escape(text_in(lesson, lang).title)}</a>'
            f"<p>{escape(text_in(lesson, lang).summary)}</p></li>"
            for lesson in lessons
        )
        # late, like every listing: search finds the index by its title and intro
        parts.append(Late(f'<h2 id="{key}">{escape(group.label(lang))}</h2>\n<ul class="rhannu-lessons">{items}</ul>'))
    return page(path, lang, label(lang, "lessons"), intro, parts)


def case_study_listings(content: Content, lang: str, details: CardDetails, info: SiteInfo) -> list[VirtualPage]:
    """The index of all case studies (with filters and facets), then a listing per facet value."""
    return [
        *listing_pages(
            content,
            f"{CASE_STUDIES.address}/index",
            label(lang, "case_studies"),
            info.intro("case_studies", lang),
            list(content.case_studies),
            lang,
            details,
            with_facets=True,
        ),
        *facet_pages(content, lang, details),
    ]


def lesson_listings(content: Content, lang: str, _: CardDetails, info: SiteInfo) -> list[VirtualPage]:
    return [lessons_index(content, lang, info.intro("lessons", lang))]


# Each content type with pages: the renderer of an item's page, and of its listings.
ITEM_PAGES: dict[str, Callable[..., VirtualPage]] = {CASE_STUDIES.key: case_study_page, LESSONS.key: lesson_page}
LISTINGS: dict[str, Callable[[Content, str, CardDetails, SiteInfo], list[VirtualPage]]] = {
    LESSONS.key: lesson_listings,
    CASE_STUDIES.key: case_study_listings,
}
