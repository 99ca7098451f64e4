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

_OPENING_TAG = re.compile(r"<a\s[^>]*>")
_HREF = re.compile(r'\shref="([^"]*)"')


def with_addresses(html: str, page_url: str, address_label: str) -> str:
    """A built page whose article gives, in print, its own address (`page_url`, absolute) after
    `address_label`, and each web link's absolute address. Links within the page (`#…`) and
    to e-mail addresses are left as they are."""

    def article(text: str) -> str:
        text = _OPENING_TAG.sub(lambda match: _with_address(match[0], page_url), text)
        line = f'<p class="rhannu-print-only rhannu-print-address">{escape(address_label)} {escape(page_url)}</p>'
        return f"{text}\n{line}"

    return material_theme.with_article_changed(html, article)


def _with_address(tag: str, page_url: str) -> str:
    href = _HREF.search(tag)
    if href is None or href[1].startswith("#") or "data-rhannu-href" in tag:
        return tag
    address = urljoin(page_url, unescape(href[1]))
    if urlsplit(address).scheme not in ("http", "https"):
        return tag
    return f'{tag[:-1]} data-rhannu-href="{escape(address)}">'
