"""sitemap.xml entries: every page in each language, with its twins as hreflang alternates."""

from __future__ import annotations

from dataclasses import dataclass

from rhannu.languages import ALL, DEFAULT, language
from rhannu.urls import absolute


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
        alternates = tuple(
            Alternate(lang.tag, absolute(site_url, urls[lang.code])) for lang in ALL if lang.code in urls
        )
        if DEFAULT.code in urls:
            alternates += (Alternate("x-default", absolute(site_url, urls[DEFAULT.code])),)
        for code in sorted(urls, key=lambda code: ALL.index(language(code))):
            entries.append(SitemapEntry(absolute(site_url, urls[code]), alternates))
    return sorted(entries, key=lambda entry: entry.loc)
