"""RSS 2.0 feeds, one set per language: a model of plain records, and a serialiser.

Dates are RFC 822 in both languages (machine fields never translate). A channel's
lastBuildDate is its newest item's date, so the same sources give the same bytes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from email.utils import format_datetime
from xml.sax.saxutils import escape, quoteattr

from rhannu.content import Content
from rhannu.content_types import TYPES
from rhannu.issue_views import (
    NEWSLETTERS,
    Linker,
    issue_html,
    issue_path,
    issue_summary,
    issue_title,
)
from rhannu.labels import label
from rhannu.languages import language
from rhannu.newsletter import Issue
from rhannu.urls import absolute
from rhannu.views import text_in, url

_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)  # sorts items never published here after the rest
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
ATOM_NS = "http://www.w3.org/2005/Atom"
DC_NS = "http://purl.org/dc/elements/1.1/"


@dataclass(frozen=True)
class FeedItem:
    title: str
    link: str  # absolute
    published: dt.datetime | None  # aware; None for an item never published on the site (no pubDate)
    description: str
    content_html: str | None = None


@dataclass(frozen=True)
class Channel:
    title: str
    link: str
    description: str
    lang: str  # en, cy
    self_url: str
    items: tuple[FeedItem, ...]  # newest first
    copyright: str | None = None  # the terms of reuse (the site's licence), where the owner has set them


def rfc822(moment: dt.datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("feed dates must be timezone-aware")
    return format_datetime(moment)


def feed_path(kind: str, lang: str) -> str:
    """'newsletters' -> newsletters/feed.xml; 'all' -> feed.xml; under cy/ for Welsh."""
    base = url(f"{NEWSLETTERS}/index" if kind == "newsletters" else "index", lang)
    return f"{base}feed.xml"


def feed_links(lang: str) -> list[tuple[str, str]]:
    """(title, site-relative path) of the feeds a page in `lang` advertises in its head."""
    return [(label(lang, "feed_issues"), feed_path("newsletters", lang)), (label(lang, "feed_all"), feed_path("all", lang))]


def render_rss(channel: Channel) -> str:
    tag = language(channel.lang).tag
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<rss version="2.0" xmlns:atom="{ATOM_NS}" xmlns:content="{CONTENT_NS}" xmlns:dc="{DC_NS}">',
        "  <channel>",
        f"    <title>{escape(channel.title)}</title>",
        f"    <link>{escape(channel.link)}</link>",
        f"    <description>{escape(channel.description)}</description>",
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
            f"      <title>{escape(item.title)}</title>",
            f"      <link>{escape(item.link)}</link>",
            f'      <guid isPermaLink="true">{escape(item.link)}</guid>',
            *([f"      <pubDate>{rfc822(item.published)}</pubDate>"] if item.published else []),
            f"      <dc:language>{tag}</dc:language>",
            f"      <description>{escape(item.description)}</description>",
        ]
        if item.content_html is not None:
            lines.append(f"      <content:encoded>{escape(item.content_html)}</content:encoded>")
        lines.append("    </item>")
    lines += ["  </channel>", "</rss>", ""]
    return "\n".join(lines)


def _absolute(site_url: str, lang: str) -> Linker:
    return lambda path: absolute(site_url, url(path, lang))


def issue_items(issues: tuple[Issue, ...], lang: str, site_url: str) -> list[FeedItem]:
    link = _absolute(site_url, lang)
    return [
        FeedItem(
            title=issue_title(issue, lang),
            link=link(issue_path(issue)),
            published=issue.published_at,
            description=issue_summary(issue, lang),
            content_html=issue_html(issue, lang, link),
        )
        for issue in issues
    ]


def newsletter_channel(issues: tuple[Issue, ...], lang: str, site_name: str, site_url: str) -> Channel:
    items = sorted(issue_items(issues, lang, site_url), key=lambda item: item.published or _EPOCH, reverse=True)
    return Channel(
        title=f"{label(lang, 'newsletter')}: {site_name}",
        link=absolute(site_url, url(f"{NEWSLETTERS}/index", lang)),
        description=label(lang, "feed_issues_description"),
        lang=lang,
        self_url=absolute(site_url, feed_path("newsletters", lang)),
        items=tuple(items),
    )


def everything_channel(content: Content, issues: tuple[Issue, ...], lang: str, site_name: str, site_url: str) -> Channel:
    """New items of every type listed in feeds (case studies, lessons) and issues, in one language."""
    link = _absolute(site_url, lang)
    items = [
        FeedItem(text_in(item, lang).title, link(kind.path(item, lang)), item.published, text_in(item, lang).summary)
        for kind in TYPES
        if kind.in_feed
        for item in content.of(kind)
        if lang in item.texts
    ]
    items += issue_items(issues, lang, site_url)
    items.sort(key=lambda item: (item.published is not None, item.published or _EPOCH, item.link), reverse=True)
    return Channel(
        title=site_name,
        link=absolute(site_url, url("index", lang)),
        description=label(lang, "feed_all_description"),
        lang=lang,
        self_url=absolute(site_url, feed_path("all", lang)),
        items=tuple(items),
    )
