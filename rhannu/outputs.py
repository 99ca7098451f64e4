"""The files a build writes besides its pages, each as site path -> bytes (rhannu.writer writes them).

`outputs(site)` holds the files that belong to no single language (robots.txt, _headers, the rules
for each language's 404 page in `_redirects`, the bilingual email editions and their message files),
written once; `outputs(site, lang)` each language's own: its feeds (per PSB and theme too), its
events calendars, the case study cards for the filter script, redirects from the old addresses editors list, each
case study's and lesson's citation files (RIS, BibTeX), and its one-language email editions.

`plan` lists the same files, each with its owner, before any is rendered: the table of every
address (`rhannu.addresses`) claims them while the site is prepared, so that a path two outputs,
or an output and a page, would both write is an error naming both before anything is written.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from html import escape
from typing import TYPE_CHECKING

from rhannu import calendar, catalogue, citation, feed_page, hosted_editor, not_found
from rhannu.addresses import Owner
from rhannu.content_types import WITH_PAGES, CaseStudy, faceted_type, page_path, primary_path
from rhannu.email import Edition
from rhannu.feeds import Channel, everything_channel, facet_channel, facet_feeds, newsletter_channel, render_rss
from rhannu.labels import label
from rhannu.languages import CODES, DEFAULT, default_first, language, root
from rhannu.newsletter import Issue
from rhannu.pairing import parse_source_path
from rhannu.routes import (
    BOTH,
    HEADERS_FILE,
    REDIRECTS_FILE,
    ROBOTS_FILE,
    cards_path,
    catalogue_path,
    citation_paths,
    edition_file,
    event_calendar_path,
    events_calendar_path,
    feed_path,
    message_path,
    redirect_page,
    schema_path,
)
from rhannu.taxonomy import TAXONOMY_FILE
from rhannu.urls import absolute
from rhannu.views import CardDetails, card, facet_feed_path, facet_values, text_in, url

if TYPE_CHECKING:
    from rhannu.site import Site


class OutputClash(RuntimeError):
    """Two outputs of one build would write the same path."""


@dataclass(frozen=True)
class Planned:
    """A file the build will write: where, what writes it, and how to make its bytes."""

    path: str
    owner: Owner
    render: Callable[[], str | bytes]


def outputs(site: Site, lang: str | None = None) -> dict[str, bytes]:
    """The files for `lang`, or (with no language) those written once for the whole site."""
    files = _Files()
    for planned in plan(site, lang):
        files.add(planned.path, planned.render())
    return files.written


def plan(site: Site, lang: str | None = None) -> list[Planned]:
    """The files of `outputs(site, lang)`, each with its owner, none rendered yet."""
    if lang is None:
        return [
            Planned(ROBOTS_FILE, Owner("robots.txt"), lambda: robots_txt(site.info.url)),
            Planned(HEADERS_FILE, Owner("the headers for hosts that read a _headers file"), catalogue.headers_file),
            Planned(
                REDIRECTS_FILE,
                Owner("the rules for each language's 404 page (_redirects)"),
                lambda: not_found.redirects_file(
                    site.info.url,
                    CODES,
                    [(old, target) for lang in default_first() for old, target, _ in alias_redirects(site, lang)],
                ),
            ),
            *_emails(site, BOTH),
            *_published_editor(site),
        ]
    name, site_url, cadence = site.info.name(lang), site.info.url, site.settings.cadence
    files = [
        Planned(
            cards_path(lang),
            Owner("the case study cards for the filter script"),
            lambda: cards_json(site, lang),
        ),
        *_feeds(site, lang),
        Planned(
            events_calendar_path(lang),
            Owner("the events calendar"),
            lambda: calendar.feed(site.issues, lang, name, site_url, cadence=cadence),
        ),
    ]
    for issue, item, event in calendar.announced_events(site.issues, lang, site_url):
        owner = Owner(f"the calendar file of the event {primary_path(item.texts)}", primary_path(item.texts))
        files.append(
            Planned(event_calendar_path(issue, item.slug, lang), owner, _bound(calendar.event_file, event, lang, cadence))
        )
    whole = cache(lambda: catalogue.files(site.info, site.content, site.issues, lang))
    files += [
        Planned(catalogue_path(lang), Owner("the JSON catalogue"), lambda: whole()[catalogue_path(lang)]),
        Planned(schema_path(lang), Owner("the catalogue's JSON Schema"), lambda: whole()[schema_path(lang)]),
    ]
    return files + _citations(site, lang) + _redirects(site, lang) + _emails(site, lang)


def _published_editor(site: Site) -> list[Planned]:
    """The editor at /admin/, where mkdocs.yml names the backend it saves to; else nothing."""
    if site.info.hosted_editor is None:
        return []
    owner = Owner("the editor on the published site (the rhannu plugin's editor option)")
    files = hosted_editor.published_files(site.root, site.info.hosted_editor, site.info.url)
    return [Planned(path, owner, render) for path, render in files.items()]


def _citations(site: Site, lang: str) -> list[Planned]:
    """Beside each case study's and lesson's page in `lang`: its citation as RIS and as BibTeX."""
    files = []
    for kind in WITH_PAGES:
        for item in site.content.of(kind):
            owner = Owner(f"the citation files of {primary_path(item.texts)}", primary_path(item.texts))
            ris_path, bibtex_path = citation_paths(item, lang)
            record = citation.citation_of(item, lang, site.info)
            files.append(Planned(ris_path, owner, _bound(citation.ris, record)))
            files.append(Planned(bibtex_path, owner, _bound(citation.bibtex, record)))
    return files


def _bound(render: Callable[..., str | bytes], *args: object) -> Callable[[], str | bytes]:
    return lambda: render(*args)


def _licensed(channel: Channel, site: Site, lang: str) -> Channel:
    """A feed with its stylesheet for browsers (rhannu.feed_page), and with the site's licence as
    its copyright line once the owner has set one."""
    channel = replace(channel, stylesheet=feed_page.stylesheet_href(site.info.url, lang))
    licence = site.info.licence
    if licence is None:
        return channel
    return replace(channel, copyright=label(lang, "licence_terms", licence=f"{licence.name(lang)} ({licence.url(lang)})"))


def all_outputs(site: Site, langs: Sequence[str]) -> dict[str, bytes]:
    """Every output of a build, checked for clashes across languages (for `rhannu check`)."""
    files = _Files()
    for mapping in [outputs(site), *(outputs(site, lang) for lang in langs)]:
        for path, data in mapping.items():
            files.add(path, data)
    return files.written


def plan_all(site: Site, langs: Sequence[str]) -> list[Planned]:
    """Every file of every output of a build, as `plan` gives them: English first, so that a clash
    in both languages is reported with the address the editor wrote."""
    english_first = sorted(langs, key=lambda code: code != DEFAULT.code)
    return [*plan(site), *(planned for lang in english_first for planned in plan(site, lang))]


class _Files:
    def __init__(self) -> None:
        self.written: dict[str, bytes] = {}

    def add(self, path: str, text: str | bytes) -> None:
        if path in self.written:
            raise OutputClash(f"{path}: two outputs of this build would write it")
        self.written[path] = text.encode("utf-8") if isinstance(text, str) else text


def _feeds(site: Site, lang: str) -> list[Planned]:
    """The language's feeds: issues (each with its email edition in this language), everything
    new, and one per PSB and per theme beside its facet page; each keeps extra.feed_items."""
    name, site_url, cap = site.info.name(lang), site.info.url, site.info.feed_items

    def emails() -> dict:
        return {copy.issue.published: copy.html for copy in site.editions if copy.edition == lang}

    @cache
    def issues_feed() -> str:
        channel = newsletter_channel(
            site.issues, lang, name, site_url, content=site.content, emails=emails(), cap=cap, cadence=site.settings.cadence
        )
        return render_rss(_licensed(channel, site, lang))

    def everything() -> str:
        channel = everything_channel(site.content, site.issues, lang, name, site_url, emails=emails(), cap=cap)
        return render_rss(_licensed(channel, site, lang))

    def facet_feed(facet: str, value: str) -> str:
        return render_rss(_licensed(facet_channel(site.content, facet, value, lang, name, site_url, cap=cap), site, lang))

    files = [
        Planned(feed_page.stylesheet_path(lang), Owner("the feeds' page for browsers"), _bound(feed_page.stylesheet, lang)),
        Planned(feed_path("newsletters", lang), Owner("the newsletter's feed"), issues_feed),
    ]
    files.append(Planned(feed_path("all", lang), Owner("the feed of everything new"), everything))
    for facet, value in facet_feeds(site.content):
        owner = Owner(
            f"the feed of the {facet} '{value}'", TAXONOMY_FILE, f"{site.content.taxonomy.schema.facet(facet).vocabulary}.{value}"
        )
        path = facet_feed_path(site.content.taxonomy, facet, value, lang)
        files.append(Planned(path, owner, _bound(facet_feed, facet, value)))
    return files


def _emails(site: Site, edition: str) -> list[Planned]:
    """Each issue's edition (`both`, or one language) as HTML, as text and as a message file."""

    @cache
    def rendered() -> dict[tuple[str, str], Edition]:
        return {(copy.issue.slug, copy.edition): copy for copy in site.editions}

    def part(issue: Issue, suffix: str) -> str | bytes:
        if suffix == "eml":
            return site.message_files(edition)[message_path(issue, edition)]
        copy = rendered()[issue.slug, edition]
        return copy.html if suffix == "html" else copy.text_file

    return [
        Planned(edition_file(issue, edition, suffix), Owner(f"the email edition {issue.slug}"), _bound(part, issue, suffix))
        for issue in site.issues
        for suffix in ("html", "txt", "eml")
    ]


def _filter_values(site: Site, study: CaseStudy) -> dict[str, object]:
    """A card's values of each facet the filters offer: one value where a case study has one, else a list."""
    return {
        facet.key: (next(iter(values), None) if not facet.many else list(values))
        for facet in site.content.taxonomy.schema.facets
        if facet.filter
        for values in [facet_values(study, facet.key)]
    }


def cards_json(site: Site, lang: str) -> str:
    """The card data for combined filtering on the index, in one language: each card's facet
    values, and its markup as the index shows it (links relative to the index). Internal: the
    filter script's, free to change with it; other sites use the catalogue (rhannu.catalogue)."""
    index = f"{faceted_type().address}/index"
    details = CardDetails(site.content, lang)
    cards = [
        {
            "html": card(study, lang, index, details),
            "title": text_in(study, lang).title,
            "summary": text_in(study, lang).summary,
            "url": "/" + url(page_path(study, lang), lang),
            "date": study.published.date().isoformat() if study.published else None,
            "when": study.when.iso() if study.when else None,
            **_filter_values(site, study),
        }
        for study in site.content.case_studies
    ]
    return json.dumps(cards, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def robots_txt(site_url: str) -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {absolute(site_url, 'sitemap.xml')}\n"


ALIAS_FIX = "an alias must be an old address that no page or file of this site has"


def alias_redirects(site: Site, lang: str) -> list[tuple[str, str, Owner]]:
    """(old address, where it leads, whose alias it is) for each old address that editors list
    (`aliases`) in `lang`: addresses that were published. An address no reader was ever given has
    none: a page that takes its Welsh name before it is published leaves nothing behind."""
    found = []
    for kind in WITH_PAGES:
        for item in site.content.of(kind):
            path, target = primary_path(item.texts), "/" + url(kind.path(item, lang), lang)
            for alias in getattr(item, "aliases", ()):
                owner = Owner(f"the alias '{alias}' in {path}", path, "aliases", ALIAS_FIX)
                found.append((f"{root(lang)}{alias}", target, owner))
    for uri, aliases in site.docs_aliases.items():  # a docs page's old addresses, in its own language
        source = parse_source_path(uri)
        if source.lang.code != lang:
            continue
        path, target = f"{site.docs_folder}/{uri}", "/" + site.address(url(source.key.removesuffix(".md"), DEFAULT.code), lang)
        for alias in aliases:
            found.append((f"{root(lang)}{alias}", target, Owner(f"the alias '{alias}' in {path}", path, "aliases", ALIAS_FIX)))
    return found


def _redirects(site: Site, lang: str) -> list[Planned]:
    """HTML pages sending the reader on from each old address editors list (`aliases`)."""
    return [
        Planned(redirect_page(old), owner, _bound(_redirect_html, target, lang, site.info.url))
        for old, target, owner in alias_redirects(site, lang)
    ]


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
