"""The content editor in Chromium: the page Rhannu adds at /admin/ (axe at zero on what is ours),
and the page saying what to do when Decap is not installed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from rhannu.editor_files import BUNDLE, admin_file
from rhannu.labels import label
from rhannu.languages import ALL, DEFAULT
from tests.support.browser import AXE_OPTIONS

pytestmark = pytest.mark.browser

PROJECT = Path(__file__).resolve().parents[1]
NOWHERE = "http://127.0.0.1:9"  # every request is answered by the test itself; nothing listens here
# The rules on what the editor's page itself holds (its language, title and viewport); the rest
# of the page is Decap's own interface.
DOCUMENT_RULES = {
    "runOnly": {
        "type": "rule",
        "values": [
            "document-title",
            "html-has-lang",
            "html-lang-valid",
            "html-xml-lang-mismatch",
            "valid-lang",
            "meta-viewport",
            "meta-viewport-large",
            "meta-refresh",
        ],
    },
    "resultTypes": ["violations"],
}


def answered_by_admin_file(root: Path, asked: list[str]) -> Callable:
    """A route handler: /admin/<path> as rhannu.editor_files serves it for the site at `root`, 404 otherwise."""

    def handle(route) -> None:
        asked.append(route.request.url)
        path = urlsplit(route.request.url).path
        served = admin_file(root, path.removeprefix("/admin/")) if path.startswith("/admin/") else None
        if served is None:
            route.fulfill(status=404, body="")
        else:
            route.fulfill(status=200, body=served[0], content_type=served[1])

    return handle


@pytest.fixture
def admin_tab(browser):
    contexts = []

    def opened(root: Path, *, scripts: bool = True):
        context = browser.new_context(base_url=NOWHERE)
        contexts.append(context)
        asked: list[str] = []
        context.route("**/*", answered_by_admin_file(root, asked))
        if not scripts:
            context.route(f"{NOWHERE}/admin/*.js", lambda route: route.abort())
        return context.new_page(), asked

    yield opened
    for context in contexts:
        context.close()


def test_the_page_saying_decap_is_missing_has_no_accessibility_violation(admin_tab, tmp_path: Path) -> None:
    tab, asked = admin_tab(tmp_path)
    tab.goto("/admin/")
    for lang in ALL:
        section = tab.locator(f'section[lang="{lang.tag}"]')
        assert section.get_by_role("heading", level=1).inner_text() == label(lang.code, "editor_page_missing_title")
    assert Axe().run(tab, options=AXE_OPTIONS).response["violations"] == []
    assert asked == [f"{NOWHERE}/admin/"]


def test_the_editor_pages_own_language_title_and_viewport_pass_axe(admin_tab) -> None:
    if not (PROJECT / "node_modules/decap-cms/dist" / BUNDLE).is_file():
        pytest.fail("Decap CMS is not installed in the project: run `npm ci` (scripts/test does)", pytrace=False)
    tab, _ = admin_tab(PROJECT, scripts=False)
    tab.goto("/admin/")
    assert tab.title() == label(DEFAULT.code, "editor_page_title")
    assert tab.locator("html").get_attribute("lang") == DEFAULT.tag
    assert Axe().run(tab, options=DOCUMENT_RULES).response["violations"] == []
