"""An item's full text as HTML that travels: for feeds (`content:encoded`) and the catalogue.

The editor's Markdown is rendered with the site's extensions, passed through the same allowlist
that judges every page (rhannu.html_safety: comments removed, as in email), and every relative
link or image is made absolute, as a page elsewhere must show it: a link to another page's source
(`../lessons/x.md`) becomes that page's address in the text's language, and a file beside the
sources (`photo.png`) the address the build publishes it at.
"""

from __future__ import annotations

import posixpath
import re
from html import escape, unescape
from typing import Any
from urllib.parse import urlsplit

from rhannu import html_safety
from rhannu.content import Content
from rhannu.content_types import WITH_PAGES, CaseStudy, Lesson, NewsItem, page_path, type_of
from rhannu.markdown_text import rendered, rendered_once
from rhannu.urls import absolute, url
from rhannu.views import text_in

_REFERENCE = re.compile(r'\b(href|src)="([^"]*)"')


# The texts already made for one Content (a build's, shared by its feeds and catalogue in both
# language passes): a case study is in the everything feed, a feed per PSB and per theme, and the
# catalogue, and each would otherwise render, judge and re-address it again (3.3x the build at
# N=2000). A new Content (the preview's next rebuild) starts a new memo.
_memo: dict[str, Any] = {"content": None, "texts": {}}


def _texts_of(content: Content) -> dict[tuple[str, ...], Any]:
    if _memo["content"] is not content:
        _memo.update(content=content, texts={})
    return _memo["texts"]


def body_html(content: Content, item: CaseStudy | Lesson | NewsItem, lang: str, site_url: str, own: str = "") -> str:
    """The item's text in `lang` (English where the Welsh is missing) as judged HTML with
    absolute links. A newsletter item, which has no page, gives `own`: the address of the place
    that shows it (its issue), where a link to an anchor of its own goes."""
    texts = _texts_of(content)
    key = (type(item).__name__, item.slug, lang, site_url, own)
    if key not in texts:
        texts[key] = _body_html(content, item, lang, site_url, own)
    return texts[key]


def _page_addresses(content: Content, lang: str) -> dict[str, str]:
    """Each page's path -> its path in `lang` ('case-studies/x' -> its Welsh name), made once."""
    texts = _texts_of(content)
    if ("pages", lang) not in texts:
        texts["pages", lang] = {kind.path(other): kind.path(other, lang) for kind in WITH_PAGES for other in content.of(kind)}
    return texts["pages", lang]


def _body_html(content: Content, item: CaseStudy | Lesson | NewsItem, lang: str, site_url: str, own: str) -> str:
    if isinstance(item, NewsItem):
        folder = type_of(item).folder
    else:
        own = absolute(site_url, url(page_path(item, lang), lang))
        folder = page_path(item).rsplit("/", 1)[0]  # where its source sits under docs/: 'case-studies'
    body = text_in(item, lang).body
    html = html_safety.clean(rendered_once(body) if isinstance(item, NewsItem) else rendered(body))
    pages = _page_addresses(content, lang)

    def absolute_reference(match: re.Match[str]) -> str:
        name, value = match.group(1), unescape(match.group(2))
        return f'{name}="{escape(_absolute(value, own, folder, lang, site_url, pages))}"'

    return _REFERENCE.sub(absolute_reference, html)


def _absolute(reference: str, own: str, folder: str, lang: str, site_url: str, pages: dict[str, str]) -> str:
    parts = urlsplit(reference)
    if parts.scheme or parts.netloc:  # another site, mailto:
        return reference
    if not parts.path:  # an anchor in the item's own page
        return own + reference
    path = posixpath.normpath(parts.path.lstrip("/") if parts.path.startswith("/") else posixpath.join(folder, parts.path))
    fragment = f"#{parts.fragment}" if parts.fragment else ""
    if path.endswith(".md"):
        page = path.removesuffix(".md").removesuffix(f".{lang}")
        return absolute(site_url, url(pages.get(page, page), lang)) + fragment
    return absolute(site_url, path) + fragment
