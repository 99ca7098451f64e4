"""The files a build writes besides MkDocs' pages, each as site path -> bytes.

`outputs(site)` holds the files that belong to no single language (robots.txt, the bilingual email
editions and their message files), written once; `outputs(site, lang)` each language's own: its
feeds (per PSB and theme too), its events calendars, the case study cards for the filter script,
redirects from old addresses, and its one-language email editions. A path that two outputs would
both write is an error naming it, never a silent overwrite.
"""

from __future__ import annotations

import json
from dataclasses import replace
from html import escape
from pathlib import Path

from rhannu import calendar, catalogue
from rhannu.content_types import CASE_STUDIES, WITH_PAGES, page_path
from rhannu.email import BOTH
from rhannu.feeds import Channel, everything_channel, facet_channel, facet_feeds, feed_path, newsletter_channel, render_rss
from rhannu.labels import label
from rhannu.languages import DEFAULT, language, root
from rhannu.message import message_path
from rhannu.site import Site
from rhannu.urls import absolute
from rhannu.views import CardDetails, card, facet_feed_path, facet_values, text_in, url


class OutputClash(RuntimeError):
    """Two outputs of one build would write the same path."""


def outputs(site: Site, lang: str | None = None) -> dict[str, bytes]:
    """The files for `lang`, or (with no language) those written once for the whole site."""
    files = _Files()
    if lang is None:
        files.add("robots.txt", robots_txt(site.info.url))
        _add_emails(files, site, BOTH)
        return files.written
    files.add(url(f"{CASE_STUDIES.address}/index", lang) + "cards.json", cards_json(site, lang))
    _add_feeds(files, site, lang)
    files.add(calendar.feed_path(lang), calendar.feed(site.issues, lang, site.info.name(lang), site.info.url))
    for path, ics in calendar.event_files(site.issues, lang, site.info.name(lang), site.info.url).items():
        files.add(path, ics)
    for path, text in catalogue.files(site.info, site.content, site.issues, lang).items():
        files.add(path, text)
    for old, html in redirect_pages(site, lang).items():
        files.add(f"{old}index.html", html)
    _add_emails(files, site, lang)
    return files.written


def _licensed(channel: Channel, site: Site, lang: str) -> Channel:
    """A feed with the site's licence as its copyright line, once the owner has set one."""
    licence = site.info.licence
    if licence is None:
        return channel
    return replace(channel, copyright=label(lang, "licence_terms", licence=f"{licence.name(lang)} ({licence.url(lang)})"))


def all_outputs(site: Site, langs: tuple[str, ...]) -> dict[str, bytes]:
    """Every output of a build, checked for clashes across languages (for `rhannu check`)."""
    files = _Files()
    for mapping in [outputs(site), *(outputs(site, lang) for lang in langs)]:
        for path, data in mapping.items():
            files.add(path, data)
    return files.written


def write(site_dir: Path, files: dict[str, bytes]) -> None:
    for path, data in files.items():
        target = site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


class _Files:
    def __init__(self) -> None:
        self.written: dict[str, bytes] = {}

    def add(self, path: str, text: str | bytes) -> None:
        if path in self.written:
            raise OutputClash(f"{path}: two outputs of this build would write it")
        self.written[path] = text.encode("utf-8") if isinstance(text, str) else text


def _add_feeds(files: _Files, site: Site, lang: str) -> None:
    """The language's feeds: issues (each with its email edition in this language), everything
    new, and one per PSB and per theme beside its facet page; each keeps extra.feed_items."""
    name, site_url, cap = site.info.name(lang), site.info.url, site.info.feed_items
    emails = {copy.issue.published: copy.html for copy in site.editions if copy.edition == lang}
    channel = newsletter_channel(site.issues, lang, name, site_url, content=site.content, emails=emails, cap=cap)
    issues_feed = render_rss(_licensed(channel, site, lang))
    files.add(feed_path("newsletters", lang), issues_feed)
    if (old_feed := root(lang) + feed_path("newsletters", DEFAULT.code)) != feed_path("newsletters", lang):
        files.add(old_feed, issues_feed)  # feed readers follow no HTML redirect: the feed stays where it was too
    everything = everything_channel(site.content, site.issues, lang, name, site_url, emails=emails, cap=cap)
    files.add(feed_path("all", lang), render_rss(_licensed(everything, site, lang)))
    for facet, value in facet_feeds(site.content):
        channel = facet_channel(site.content, facet, value, lang, name, site_url, cap=cap)
        files.add(facet_feed_path(facet, value, lang), render_rss(_licensed(channel, site, lang)))


def _add_emails(files: _Files, site: Site, edition: str) -> None:
    messages = site.message_files
    for copy in site.editions:
        if copy.edition == edition:
            files.add(message_path(copy.issue, edition), messages[message_path(copy.issue, edition)])
            files.add(copy.html_path, copy.html)
            files.add(copy.text_path, copy.text_file)


def cards_json(site: Site, lang: str) -> str:
    """The card data for combined filtering on the index, in one language: each card's facet
    values, and its markup as the index shows it (links relative to the index). Internal: the
    filter script's, free to change with it; other sites use the catalogue (rhannu.catalogue)."""
    index = f"{CASE_STUDIES.address}/index"
    details = CardDetails(site.content, lang)
    cards = [
        {
            "html": card(study, lang, index, details),
            "title": text_in(study, lang).title,
            "summary": text_in(study, lang).summary,
            "url": "/" + url(page_path(study, lang), lang),
            "date": study.published.date().isoformat() if study.published else None,
            "when": study.when.iso() if study.when else None,
            "psb": study.psb,
            "theme": list(study.themes),
            "approach": list(study.approaches),
            "year": next(iter(facet_values(study, "year")), None),
        }
        for study in site.content.case_studies
    ]
    return json.dumps(cards, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def robots_txt(site_url: str) -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {absolute(site_url, 'sitemap.xml')}\n"


def redirect_pages(site: Site, lang: str) -> dict[str, str]:
    """Old address -> an HTML page sending the reader on to the page's address: items' aliases,
    and the addresses pages had before they took their language's own names."""
    pages = {old: _redirect_html("/" + new, lang, site.info.url) for old, new in site.moved_pages(lang).items()}
    for kind in WITH_PAGES:
        for item in site.content.of(kind):
            target = "/" + url(kind.path(item, lang), lang)
            for alias in getattr(item, "aliases", ()):
                pages[root(lang) + alias] = _redirect_html(target, lang, site.info.url)
    return pages


def _redirect_html(target: str, lang: str, site_url: str) -> str:
    link = escape(target)
    return (
        f'<!doctype html>\n<html lang="{language(lang).tag}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(label(lang, 'moved'))}</title>\n"
        f'<meta name="robots" content="noindex">\n'
        f'<link rel="canonical" href="{escape(absolute(site_url, target.lstrip("/")))}">\n'
        f'<meta http-equiv="refresh" content="0; url={link}">\n</head>\n'
        f'<body>\n<main><p>{escape(label(lang, "moved_to"))} <a href="{link}">{link}</a>.</p></main>\n</body>\n</html>\n'
    )
