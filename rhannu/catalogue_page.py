"""The catalogue's page and its links, for people: the page at api/v1/ (cy/api/v1/) and the
Reusing page's list of both catalogues and both schemas. The files themselves are
rhannu.catalogue's; their addresses are rhannu.routes'.
"""

from __future__ import annotations

from html import escape

from rhannu.labels import label
from rhannu.languages import CODES, DEFAULT, language, root
from rhannu.routes import API, catalogue_path, schema_path
from rhannu.site_info import SiteInfo
from rhannu.urls import absolute, relative, url
from rhannu.views import VirtualPage, page

INDEX = API  # the page that links the catalogues and schemas: api/v1/ and cy/api/v1/
REUSING = "reusing"  # the page (docs/reusing.md) that says how the content may be reused


def addresses(lang: str) -> list[tuple[str, str, str]]:
    """(what, label, site path) of each catalogue and each schema, `lang`'s own first."""
    ordered = sorted(CODES, key=lambda code: code != lang)
    return [
        *(("catalogue", label(lang, f"catalogue_{code}"), catalogue_path(code)) for code in ordered),
        *(("schema", label(lang, f"catalogue_schema_{code}"), schema_path(code)) for code in ordered),
    ]


def _address_list(lang: str, site_url: str, from_url: str, what: str) -> str:
    items = "".join(
        f'<li><a href="{escape(relative(path, from_url))}" hreflang="{language(_language_of(path)).tag}">{escape(name)}</a>: '
        f"<code>{escape(absolute(site_url, path))}</code></li>"
        for kind, name, path in addresses(lang)
        if kind == what
    )
    return f"<ul>{items}</ul>"


def _language_of(path: str) -> str:
    return next((code for code in CODES if path.startswith(root(code)) and root(code)), DEFAULT.code)


def links_html(lang: str, site_url: str, from_url: str) -> str:
    """Both catalogues and both schemas as links with their full addresses, and the catalogue's
    own page (the Reusing page's `<!-- rhannu:catalogue -->` marker)."""
    index = f'<a href="{escape(relative(url(INDEX, lang), from_url))}">{escape(label(lang, "api_title"))}</a>'
    return (
        _address_list(lang, site_url, from_url, "catalogue")
        + _address_list(lang, site_url, from_url, "schema")
        + f"<p>{escape(label(lang, 'api_page_link', page='{page}')).format(page=index)}</p>"
    )


def index_page(info: SiteInfo, lang: str) -> VirtualPage:
    """The page at api/v1/ (cy/api/v1/): what the catalogue is, and links to both catalogues and
    both schemas, for a person who opens the API's address in a browser."""
    here = url(INDEX, lang)
    reusing = f'<a href="{escape(relative(info.address(url(REUSING, lang)), here))}">{escape(label(lang, "reusing"))}</a>'
    parts = [
        f"<p>{escape(label(lang, 'api_intro'))}</p>",
        f'<h2 id="catalogues">{escape(label(lang, "api_catalogues"))}</h2>\n{_address_list(lang, info.url, here, "catalogue")}',
        f'<h2 id="schemas">{escape(label(lang, "api_schemas"))}</h2>\n{_address_list(lang, info.url, here, "schema")}',
        f"<p>{escape(label(lang, 'api_reusing', reusing='{reusing}')).format(reusing=reusing)}</p>",
    ]
    return page(INDEX, lang, label(lang, "api_title"), label(lang, "api_description"), parts)
