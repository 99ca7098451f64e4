"""In a real browser: the 404 page at an English address and at a Welsh one, as the two kinds of
static host serve it.

- Hosts that serve /404.html for every missing address (GitHub Pages, a plain server): the
  session's `site_url` server does so (tests/support/server.py). The page follows the address's
  language with JavaScript (lang, title, header, search) and stays bilingual without it.
- Hosts that read `_redirects` (Netlify): a small handler below applies the built `_redirects`
  rules as Netlify does (a rule only where no file exists), so a Welsh address gets /cy/404.html.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from axe_playwright_python.sync_playwright import Axe

from rhannu.labels import ENGLISH, WELSH
from tests.support.browser import AXE_OPTIONS, settle
from tests.test_browser_search import SearchBox

pytestmark = pytest.mark.browser

EN_MISSING = "case-studies/no-such-page/"
CY_MISSING = "cy/astudiaethau-achos/dim-tudalen-fel-hon/"
# A word only on the English pages of the sample site, and one only on the Welsh ones.
SEARCHES = {"en-GB": ("hackathon",), "cy": ("hacathon",)}
EXPECTED = {
    "en-GB": {"title": ENGLISH["not_found"], "search": "Search", "switch": WELSH["switch_to"], "h1": ENGLISH["not_found"]},
    "cy": {"title": WELSH["not_found"], "search": "Chwilio", "switch": ENGLISH["switch_to"], "h1": WELSH["not_found"]},
}


def _violations(tab) -> list[str]:
    settle(tab)
    results = Axe().run(tab, options=AXE_OPTIONS)
    return [f"{item['id']}: {[node['target'] for node in item['nodes']]}" for item in results.response["violations"]]


def _check_language(tab, lang: str) -> None:
    expected = EXPECTED[lang]
    assert tab.evaluate("document.documentElement.lang") == lang
    assert tab.title().startswith(expected["title"])
    assert tab.locator("h1").all_inner_texts() == [expected["h1"]]
    header = tab.locator("header.md-header")
    assert header.locator(".md-search__input").get_attribute("placeholder") == expected["search"]
    assert header.get_by_role("link", name=expected["switch"]).count() == 1, "the switch offers the other language"
    ids = tab.evaluate("[...document.querySelectorAll('[id]')].map(e => e.id)")
    assert len(ids) == len(set(ids)), f"duplicated ids: {sorted(i for i in ids if ids.count(i) > 1)}"


def _search_finds(tab, path: str, lang: str) -> None:
    """A word only the pages in the address's language hold finds a page in that language; the
    other language's word finds nothing: the page searches its language's own index."""
    box = SearchBox(tab, path)
    found = box.search(SEARCHES[lang][0])
    assert found, f"{SEARCHES[lang][0]!r} found nothing at {path}"
    assert all(address.startswith("cy/") == (lang == "cy") for address in found), found
    other = next(code for code in SEARCHES if code != lang)
    assert box.search(SEARCHES[other][0]) == []


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize(("path", "lang"), [(EN_MISSING, "en-GB"), ("no-such-page", "en-GB"), (CY_MISSING, "cy")])
def test_with_javascript_the_404_follows_the_addresss_language(browser, site_url: str, path: str, lang: str, width: int) -> None:
    for scheme in ("light", "dark"):
        context = browser.new_context(base_url=site_url, color_scheme=scheme, viewport={"width": width, "height": 900})
        tab = context.new_page()
        response = tab.goto(path)
        assert response.status == 404
        _check_language(tab, lang)
        assert _violations(tab) == [], (path, scheme, width)
        if scheme == "light" and width == 1280:  # the search box opens as a dialog at 375
            _search_finds(tab, path, lang)
        context.close()


def test_the_404_menu_is_short_and_bilingual(page) -> None:
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(CY_MISSING)
    page.locator("label.md-header__button[for=__drawer]").click()
    menu = page.locator("nav.md-nav--primary")
    menu.get_by_role("link", name=WELSH["home"]).wait_for()
    links = menu.get_by_role("link")
    assert links.count() == 2
    assert [links.nth(n).get_attribute("lang") or links.nth(n).evaluate("a => a.closest('[lang]').lang") for n in range(2)] == [
        "cy",
        "en-GB",
    ]
    assert _violations(page) == []


@pytest.mark.parametrize("path", [EN_MISSING, CY_MISSING])
def test_without_javascript_the_404_stays_bilingual(browser, site_url: str, path: str) -> None:
    context = browser.new_context(base_url=site_url, java_script_enabled=False)
    tab = context.new_page()
    response = tab.goto(path)
    assert response.status == 404
    sections = tab.locator(".rhannu-not-found > section")
    assert sections.evaluate_all("all => all.map(s => s.lang)") == ["cy", "en-GB"]
    assert tab.locator("h1").all_inner_texts() == [WELSH["not_found"]]
    assert tab.locator(".rhannu-not-found h2").all_inner_texts() == [ENGLISH["not_found"]]
    assert tab.title() == f"{WELSH['not_found']} / {ENGLISH['not_found']}"
    menu = tab.locator("nav.md-nav--primary a")
    assert menu.evaluate_all("all => all.map(a => a.closest('[lang]').lang)") == ["cy", "en-GB"]
    context.close()


# --- Hosts that read _redirects -------------------------------------------------------------------


def _rules(site: Path) -> list[tuple[str, str, int]]:
    """The built `_redirects` rules for missing addresses: (source prefix of a splat, destination,
    status). The others send an old address editors list (`aliases`) on to its page, with a 301."""
    rules = []
    for line in (site / "_redirects").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            source, destination, status = line.split()
            if source.endswith("*"):
                rules.append((source[:-1], destination, int(status)))
            else:
                assert status == "301" and not destination.endswith("*"), line
    return rules


class _NetlifyHandler(SimpleHTTPRequestHandler):
    """Serves the site as Netlify does: a file that exists as it is; a missing one by the first
    `_redirects` rule whose source matches, with its status; else /404.html."""

    rules: ClassVar[list[tuple[str, str, int]]] = []

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code != 404:
            super().send_error(code, message, explain)
            return
        path = self.path.split("?")[0]
        page = next(
            (destination for prefix, destination, status in self.rules if path.startswith(prefix) and status == 404), "/404.html"
        )
        body = (Path(self.directory) / page.lstrip("/")).read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base's name
        pass


@contextmanager
def _netlify(site: Path) -> Iterator[str]:
    handler = functools.partial(type("Handler", (_NetlifyHandler,), {"rules": _rules(site)}), directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def test_redirects_give_each_language_its_own_404_page(browser, site: Path) -> None:
    assert _rules(site) == [("/cy/", "/cy/404.html", 404)]
    with _netlify(site) as url:
        for path, lang, javascript in [(EN_MISSING, "en-GB", True), (CY_MISSING, "cy", True), (CY_MISSING, "cy", False)]:
            context = browser.new_context(base_url=url, java_script_enabled=javascript)
            tab = context.new_page()
            response = tab.goto(path)
            assert response.status == 404
            assert tab.evaluate("document.documentElement.lang") == lang, (path, javascript)
            header = tab.locator("header.md-header")
            assert header.locator(".md-search__input").get_attribute("placeholder") == EXPECTED[lang]["search"]
            if javascript:
                _check_language(tab, lang)
                assert _violations(tab) == [], path
            context.close()
