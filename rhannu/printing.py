"""What a printed case study or lesson carries that the screen does not show: its own address,
and beside each link in its text the address the link leads to.

Paper cannot follow `../../lessons/x/`, and CSS cannot make a relative address absolute, so the
build gives each link its absolute address as `data-rhannu-href` and adds a print-only line with
the page's canonical address; the print styles (`@media print` in rhannu.css) show both.
"""

from __future__ import annotations

import re
from html import escape, unescape
from urllib.parse import urljoin, urlsplit

from rhannu import material_theme

_LINK = re.compile(r"(<a\s[^>]*>)(.*?)</a>", re.DOTALL)
_HREF = re.compile(r'\shref="([^"]*)"')
_TAG = re.compile(r"<[^>]+>")
# Ways round the page, not its text: the breadcrumb trail, the contents list, previous/next (each a
# <nav>, which print hides), and the case study's details (its PSB, themes, approaches), whose links
# lead to listings. Their addresses would bury those of the links the text makes.
_NOT_TEXT = re.compile(r'<nav\b.*?</nav>|<dl class="rhannu-meta">.*?</dl>', re.DOTALL)


def with_addresses(html: str, page_url: str, address_label: str) -> str:
    """A built page whose article gives, in print, its own address (`page_url`, absolute) after
    `address_label`, once: not where the article already shows it as a link (its "Cite this
    page"); and each web link's absolute address, for links in the article's text only. Links
    within the page (`#…`), to e-mail addresses and whose text is their address are left as
    they are."""

    def article(text: str) -> str:
        kept, start = [], 0
        for way_round in _NOT_TEXT.finditer(text):
            kept += [_LINK.sub(lambda match: _with_address(match, page_url), text[start : way_round.start()]), way_round[0]]
            start = way_round.end()
        kept.append(_LINK.sub(lambda match: _with_address(match, page_url), text[start:]))
        text = "".join(kept)
        if f">{escape(page_url)}</a>" in text:
            return text
        line = f'<p class="rhannu-print-only rhannu-print-address">{escape(address_label)} {escape(page_url)}</p>'
        return f"{text}\n{line}"

    return material_theme.with_article_changed(html, article)


def _with_address(link: re.Match[str], page_url: str) -> str:
    tag, inner = link[1], link[2]
    href = _HREF.search(tag)
    if href is None or href[1].startswith("#") or "data-rhannu-href" in tag:
        return link[0]
    address = urljoin(page_url, unescape(href[1]))
    if urlsplit(address).scheme not in ("http", "https") or unescape(_TAG.sub("", inner)).strip() == address:
        return link[0]
    return f'{tag[:-1]} data-rhannu-href="{escape(address)}">{inner}</a>'
