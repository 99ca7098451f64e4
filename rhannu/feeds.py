"""RSS 2.0 feeds, one set per language: a model of plain records, and a serialiser.

Dates are RFC 822 in both languages (machine fields never translate). A channel's
lastBuildDate is its newest item's date, so the same sources give the same bytes.

Every channel lists its newest items first (items never published here last, by address) and
keeps at most `cap` of them (extra.feed_items). Items carry their themes as <category
domain="theme">, labelled in the feed's language, then their PSB as <category domain="psb">;
an issue carries those of the case studies it holds, a lesson none (it has no themes). An
issue's content:encoded is its email edition in the feed's language (the body of the
one-language edition: inline styles, absolute links), so a mailing service that builds a
campaign from the feed sends the whole issue; a case study's or lesson's is its full text, judged
as its page is, with absolute links (rhannu.full_text).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from email.utils import format_datetime
from functools import partial
from xml.sax.saxutils import escape, quoteattr

from rhannu.content import Content
from rhannu.content_types import TYPES, CaseStudy, type_of
from rhannu.full_text import body_html
from rhannu.issue_text import issue_summary, issue_title
from rhannu.labels import label
from rhannu.languages import language
from rhannu.newsletter import Cadence, Issue, cadence_adjective
from rhannu.routes import NEWSLETTER_ARCHIVE, feed_path, issue_path, language_feeds
from rhannu.urls import absolute
from rhannu.views import facet_feed_path, facet_path, facet_values, term_label, text_in, url

_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)  # sorts items never published here after the rest
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
ATOM_NS = "http://www.w3.org/2005/Atom"
DC_NS = "http://purl.org/dc/elements/1.1/"


@dataclass(frozen=True)
class Category:
    label: str  # in the feed's language
    domain: str  # the taxonomy: "theme" or "psb", as in data/taxonomy.yml and the filters' addresses


@dataclass(frozen=True)
class FeedItem:
    title: str
    link: str  # absolute
    published: dt.datetime | None  # aware; None for an item never published on the site (no pubDate)
    description: str
    # its full text, or how to make it: a channel keeps only its newest `cap` items, and the text of
    # an item it leaves out is never made
    content_html: str | Callable[[], str] | None = None
    categories: tuple[Category, ...] = ()

    def full_text(self) -> str | None:
        return self.content_html() if callable(self.content_html) else self.content_html


@dataclass(frozen=True)
class Channel:
    title: str
    link: str
    description: str
    lang: str  # en, cy
    self_url: str
    items: tuple[FeedItem, ...]  # newest first
    copyright: str | None = None  # the terms of reuse (the site's licence), where the owner has set them
    stylesheet: str | None = None  # the XSL a browser shows it with (rhannu.feed_page), by its address


def rfc822(moment: dt.datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("feed dates must be timezone-aware")
    return format_datetime(moment)


def feed_links(lang: str, own: object = None) -> list[tuple[str, str]]:
    """(title, site-relative path) of the feeds a page in `lang` advertises in its head: its own
    feed first, if its front matter names one (`rhannu_feed`, as a facet page's does), then the
    language's issues and everything-new feeds."""
    links = [(label(lang, key), path) for key, path in language_feeds(lang)]
    if isinstance(own, dict) and isinstance(own.get("title"), str) and isinstance(own.get("path"), str):
        links.insert(0, (own["title"], own["path"]))
    return links


def _newness(published: dt.datetime | None, link: str) -> tuple[bool, dt.datetime, str]:
    """What orders a feed's items, newest first: items never published here come last, by address."""
    return (published is not None, published or _EPOCH, link)


def newest(items: Iterable[FeedItem], cap: int) -> tuple[FeedItem, ...]:
    """The newest `cap` items, newest first; items never published here come last, by address."""
    ordered = sorted(items, key=lambda item: _newness(item.published, item.link), reverse=True)
    return tuple(ordered[:cap])


def study_categories(content: Content, studies: Iterable[CaseStudy], lang: str) -> tuple[Category, ...]:
    """The values of the schema's feed_categories (themes, then PSBs) of some case studies: each
    once, in the taxonomy's order."""
    facets = content.taxonomy.schema.feed_categories
    held = {(facet, value) for study in studies for facet in facets for value in facet_values(study, facet)}
    return tuple(
        Category(term_label(content, facet, value, lang), facet)
        for facet in facets
        for value in content.taxonomy.of_facet(facet)
        if (facet, value) in held
    )


_BODY = re.compile(r"<body[^>]*>(.*)</body>", re.DOTALL | re.IGNORECASE)


def email_body(document: str) -> str:
    """The inside of an email edition's <body>: what a feed's content:encoded carries (every
    style is inline there; the <head>'s <style> is for clients that read one)."""
    found = _BODY.search(document)
    if found is None:
        raise ValueError("an email edition with no <body>")
    return found.group(1).strip()


def _x(text: str) -> str:
    """Text as XML character data that reads back the same: a carriage return would otherwise
    come back as a line feed (XML normalises line ends)."""
    return escape(text, {"\r": "&#13;"})


def render_rss(channel: Channel) -> str:
    tag = language(channel.lang).tag
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        *([f'<?xml-stylesheet type="text/xsl" href={quoteattr(channel.stylesheet)}?>'] if channel.stylesheet else []),
        f'<rss version="2.0" xmlns:atom="{ATOM_NS}" xmlns:content="{CONTENT_NS}" xmlns:dc="{DC_NS}">',
        "  <channel>",
        f"    <title>{_x(channel.title)}</title>",
        f"    <link>{_x(channel.link)}</link>",
        f"    <description>{_x(channel.description)}</description>",
        f"    <language>{tag}</language>",
        *([f"    <copyright>{escape(channel.copyright)}</copyright>"] if channel.copyright else []),
        f'    <atom:link href={quoteattr(channel.self_url)} rel="self" type="application/rss+xml"/>',
    ]
    dates = [item.published for item in channel.items if item.published is not None]
    if dates:
        newest = max(dates)
        lines += [f"    <pubDate>{rfc822(newest)}</pubDate>", f"    <lastBuildDate>{rfc822(newest)}</lastBuildDate>"]
    for item in channel.items:
        lines += [
            "    <item>",
            f"      <title>{_x(item.title)}</title>",
            f"      <link>{_x(item.link)}</link>",
            f'      <guid isPermaLink="true">{_x(item.link)}</guid>',
            *([f"      <pubDate>{rfc822(item.published)}</pubDate>"] if item.published else []),
            f"      <dc:language>{tag}</dc:language>",
            f"      <description>{_x(item.description)}</description>",
            *(f"      <category domain={quoteattr(c.domain)}>{_x(c.label)}</category>" for c in item.categories),
        ]
        if (full_text := item.full_text()) is not None:
            lines.append(f"      <content:encoded>{_x(full_text)}</content:encoded>")
        lines.append("    </item>")
    lines += ["  </channel>", "</rss>", ""]
    return "\n".join(lines)


def _absolute(site_url: str, lang: str) -> Callable[[str], str]:
    return lambda path: absolute(site_url, url(path, lang))


def issue_items(
    issues: tuple[Issue, ...], lang: str, site_url: str, content: Content, emails: Mapping[dt.date, str]
) -> list[FeedItem]:
    """Each issue, with its email edition in `lang` (by issue day: the whole HTML document) as
    its content, and the themes and PSBs of the case studies it holds as its categories."""
    link = _absolute(site_url, lang)
    return [
        FeedItem(
            title=issue_title(issue, lang),
            link=link(issue_path(issue)),
            published=issue.published_at,
            description=issue_summary(issue, lang),
            content_html=email_body(emails[issue.published]),
            categories=study_categories(
                content,
                (
                    item
                    for section in issue.sections
                    for item in section.items
                    if isinstance(item, CaseStudy) and type_of(item).faceted
                ),
                lang,
            ),
        )
        for issue in issues
    ]


def newsletter_channel(
    issues: tuple[Issue, ...],
    lang: str,
    site_name: str,
    site_url: str,
    *,
    content: Content,
    emails: Mapping[dt.date, str],
    cap: int,
    cadence: Cadence,
) -> Channel:
    return Channel(
        title=f"{label(lang, 'newsletter')}: {site_name}",
        link=absolute(site_url, url(NEWSLETTER_ARCHIVE, lang)),
        description=label(lang, "feed_issues_description", cadence=cadence_adjective(cadence, lang)),
        lang=lang,
        self_url=absolute(site_url, feed_path("newsletters", lang)),
        items=newest(issue_items(issues, lang, site_url, content, emails), cap),
    )


def _study_link(study: CaseStudy, lang: str, site_url: str) -> str:
    return absolute(site_url, url(type_of(study).path(study, lang), lang))


def _study_item(content: Content, study: CaseStudy, lang: str, site_url: str, link: str) -> FeedItem:
    text = text_in(study, lang)
    return FeedItem(
        text.title,
        link,
        study.published,
        text.summary,
        content_html=partial(body_html, content, study, lang, site_url),
        categories=study_categories(content, [study], lang),
    )


def everything_channel(
    content: Content,
    issues: tuple[Issue, ...],
    lang: str,
    site_name: str,
    site_url: str,
    *,
    emails: Mapping[dt.date, str],
    cap: int,
) -> Channel:
    """New items of every type listed in feeds (case studies, lessons) and issues, in one language."""
    link = _absolute(site_url, lang)
    items = [
        FeedItem(
            text_in(item, lang).title,
            link(kind.path(item, lang)),
            item.published,
            text_in(item, lang).summary,
            content_html=partial(body_html, content, item, lang, site_url),
            categories=study_categories(content, [item], lang) if kind.faceted else (),
        )
        for kind in TYPES
        if kind.in_feed
        for item in content.of(kind)
        if lang in item.texts
    ]
    items += issue_items(issues, lang, site_url, content, emails)
    return Channel(
        title=site_name,
        link=absolute(site_url, url("index", lang)),
        description=label(lang, "feed_all_description"),
        lang=lang,
        self_url=absolute(site_url, feed_path("all", lang)),
        items=newest(items, cap),
    )


def facet_channel(content: Content, facet: str, value: str, lang: str, site_name: str, site_url: str, *, cap: int) -> Channel:
    """The case studies with one PSB or theme, in one language: beside that value's page, and
    empty (but valid, at its address) while none has it, as the page is."""
    name = term_label(content, facet, value, lang)
    linked = [
        (study, _study_link(study, lang, site_url))
        for study in content.case_studies
        if lang in study.texts and value in facet_values(study, facet)
    ]
    # only the items the feed keeps are made: a theme may have thousands of case studies
    kept = sorted(linked, key=lambda pair: _newness(pair[0].published, pair[1]), reverse=True)[:cap]
    items = [_study_item(content, study, lang, site_url, link) for study, link in kept]
    return Channel(
        title=f"{label(lang, 'facet_title', label=name)} – {site_name}",
        link=absolute(site_url, url(facet_path(content.taxonomy, facet, value, lang), lang)),
        description=label(lang, "feed_facet_description", label=name),
        lang=lang,
        self_url=absolute(site_url, facet_feed_path(content.taxonomy, facet, value, lang)),
        items=newest(items, cap),
    )


def facet_feeds(content: Content) -> list[tuple[str, str]]:
    """(facet, value) of every feed of a facet with feeds (data/schema.yml): one for each value in data/taxonomy.yml."""
    facets = [facet.key for facet in content.taxonomy.schema.vocabulary_facets if facet.feeds]
    return [(facet, value) for facet in facets for value in content.taxonomy.of_facet(facet)]
