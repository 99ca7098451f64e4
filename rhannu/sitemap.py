"""sitemap.xml entries: every page in each language, with its twins as hreflang alternates."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from rhannu.languages import ALL, DEFAULT, language
from rhannu.pairing import parse_source_path
from rhannu.urls import absolute, url


@dataclass(frozen=True)
class Alternate:
    hreflang: str
    href: str


@dataclass(frozen=True)
class SitemapEntry:
    loc: str
    alternates: tuple[Alternate, ...]


def sitemap_entries(pages: list[dict[str, str]], site_url: str) -> list[SitemapEntry]:
    """One entry per page per language. Each item of `pages` maps language codes to the URLs of
    one page's real (not fallback) versions; pages appear once however many languages they have."""
    entries = []
    for urls in pages:
        alternates = tuple(Alternate(lang.tag, absolute(site_url, urls[lang.code])) for lang in ALL if lang.code in urls)
        if DEFAULT.code in urls:
            alternates += (Alternate("x-default", absolute(site_url, urls[DEFAULT.code])),)
        for code in sorted(urls, key=lambda code: ALL.index(language(code))):
            entries.append(SitemapEntry(absolute(site_url, urls[code]), alternates))
    return sorted(entries, key=lambda entry: entry.loc)


def pages_by_language(src_uris: list[str], urls: Mapping[str, str]) -> list[dict[str, str]]:
    """Each page's URL in every language it has a source in, from the src_uris of its sources
    ('about.md', 'about.cy.md', 'case-studies/x.cy.md'); `urls` gives the address of those that
    are not where their source's name puts them (generated pages)."""
    pages: dict[str, dict[str, str]] = {}
    for uri in sorted(src_uris):
        source = parse_source_path(uri)
        address = urls.get(uri) or url(source.key.removesuffix(".md"), source.lang.code)
        pages.setdefault(source.key, {})[source.lang.code] = address
    return list(pages.values())
