"""The 404 pages: one per language, and one page for hosts that serve /404.html everywhere.

Each language pass renders overrides/404.html in its language, and MkDocs writes both to the
site's root, the Welsh pass last. The build keeps each where its language lives: the English
page at /404.html, the Welsh one at /cy/404.html. Hosts that look for the nearest 404.html
(Cloudflare Pages) or read `_redirects` (Netlify: `/cy/*  /cy/404.html  404`) then show each
language's own page. A host that serves /404.html for every missing address (GitHub Pages, a
plain server) shows the English page at a Welsh address too: it carries the Welsh page's parts
(rhannu.material_theme.not_found_parts), and its script puts them in place there.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from urllib.parse import urlsplit

from rhannu import material_theme
from rhannu.languages import DEFAULT, root
from rhannu.routes import NOT_FOUND as NOT_FOUND  # the plugin reads it here
from rhannu.routes import not_found_path

_OTHER = '<script type="application/json" id="rhannu-not-found-other">{}</script>'


def home(site_url: str, lang: str) -> str:
    """The path of a language's home on the host: '/cy/' (or '/rhannu/cy/' for a site in a folder)."""
    return (urlsplit(site_url).path or "/").rstrip("/") + "/" + root(lang)


def pages(by_language: dict[str, str], site_url: str) -> dict[str, str]:
    """Each language's 404 page at its own path, the default language's carrying the others'
    parts for its script. `by_language`: each pass's 404 page as MkDocs wrote it."""
    placed = {not_found_path(lang): html for lang, html in by_language.items()}
    others = [lang for lang in by_language if lang != DEFAULT.code]
    if DEFAULT.code in by_language and others:
        welsh = others[0]  # one other language: Welsh
        data = {"home": home(site_url, welsh), **material_theme.not_found_parts(by_language[welsh])}
        # as data in a script element: no '<' that could end it or open a comment in it
        text = json.dumps(data, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")
        english = by_language[DEFAULT.code]
        if _OTHER not in english:
            raise material_theme.ThemeError("the English 404 page has no slot for the Welsh page's parts (overrides/404.html)")
        placed[not_found_path(DEFAULT.code)] = english.replace(_OTHER, _OTHER.replace("{}", text), 1)
    return placed


def redirects_file(site_url: str, langs: Sequence[str], moved: Sequence[tuple[str, str]] = ()) -> str:
    """`_redirects` for Netlify and Cloudflare Pages: each old address editors list (`aliases`)
    sent on to its page with a 301, which feed readers follow too (the HTML stubs beside it serve
    hosts that read no such file); then, for Netlify, a missing address under a language's home
    shows that language's 404 page, with the status 404 (Netlify applies a rule only where no file
    exists). Cloudflare Pages needs no 404 rule: it serves the nearest 404.html by itself, and its
    documentation lists 404 rules as unsupported (Cloudflare Workers' static assets refuse a file
    that has one)."""
    base = urlsplit(site_url).path.rstrip("/")
    lines = [
        "# Written by Rhannu's build: old addresses (aliases) lead to their pages; a missing address",
        "# under a language's home shows that language's 404 page (rhannu/not_found.py).",
        *(f"{base}/{old}  {base}{target}  301" for old, target in moved),
    ]
    for lang in langs:
        if lang != DEFAULT.code:
            lines.append(f"{home(site_url, lang)}*  {home(site_url, DEFAULT.code)}{not_found_path(lang)}  404")
    return "\n".join(lines) + "\n"
