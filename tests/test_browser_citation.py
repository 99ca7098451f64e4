"""In Chromium (issue 21): "Cite this page" and the /api/v1/ page at 375 px and 1280 px, in both
languages and both colour schemes, with axe at zero; the day the browser fills in, in the page's
language; the copy button, which says when it has copied; and the block without JavaScript."""

from __future__ import annotations

import datetime as dt

import pytest
from axe_playwright_python.sync_playwright import Axe
from babel.dates import format_date

from rhannu.labels import ENGLISH, WELSH
from tests.support.browser import AXE_OPTIONS, settle
from tests.support.sample_site import welsh

pytestmark = pytest.mark.browser

CITED = ["case-studies/sample-hackathon/", "lessons/sample-uncited/"]
PAGES = [*CITED, *(welsh(path) for path in CITED), "api/v1/", "cy/api/v1/"]
WIDTHS = [375, 1280]
SCHEMES = ["light", "dark"]


def _labels(path: str) -> dict[str, str]:
    return WELSH if path.startswith("cy/") else ENGLISH


def _context(browser, site_url: str, width: int, scheme: str = "light", **options):
    return browser.new_context(base_url=site_url, viewport={"width": width, "height": 800}, color_scheme=scheme, **options)


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", PAGES)
def test_no_accessibility_violations_and_no_sideways_scrolling(
    browser, site_url: str, path: str, width: int, scheme: str
) -> None:
    context = _context(browser, site_url, width, scheme)
    tab = context.new_page()
    tab.goto(path)
    wanted = "slate" if scheme == "dark" else "default"
    tab.wait_for_function(f"document.body.getAttribute('data-md-color-scheme') === '{wanted}'")
    if "api/" not in path:
        tab.locator(".rhannu-cite__copy button").wait_for(state="visible")
        tab.locator(".rhannu-cite").scroll_into_view_if_needed()
    settle(tab)
    violations = [
        f"{item['id']}: {[node['target'] for node in item['nodes']]}"
        for item in Axe().run(tab, options=AXE_OPTIONS).response["violations"]
    ]
    assert violations == [], f"{path} at {width} px, {scheme}: {violations}"
    assert tab.evaluate("document.documentElement.scrollWidth") <= width, f"{path} scrolls sideways at {width} px"
    context.close()


def _today(lang: str) -> str:
    return format_date(dt.date.today(), format="d MMMM y", locale="cy" if lang == "cy" else "en_GB")


@pytest.mark.parametrize("path", [CITED[0], welsh(CITED[0])])
def test_the_browser_fills_in_the_day_in_the_pages_language(page, path: str) -> None:
    page.goto(path)
    accessed = page.locator(".rhannu-cite__accessed time")
    accessed.wait_for()
    lang = "cy" if path.startswith("cy/") else "en"
    assert accessed.inner_text() == _today(lang)
    assert accessed.get_attribute("datetime") == dt.date.today().isoformat()
    text = " ".join(page.locator(".rhannu-cite__text").inner_text().split())
    assert text.endswith(f"({_labels(path)['cite_accessed']}: {_today(lang)}).")


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", [CITED[0], welsh(CITED[1])])
def test_the_copy_button_copies_the_citation_and_says_so(browser, site_url: str, path: str, width: int) -> None:
    context = _context(browser, site_url, width)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    tab = context.new_page()
    tab.goto(path)
    labels = _labels(path)
    button = tab.get_by_role("button", name=labels["cite_copy"])
    button.scroll_into_view_if_needed()
    box = button.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width, "the button fits the screen"
    status = tab.get_by_role("status").filter(has_text=labels["cite_copied"])
    button.focus()
    tab.keyboard.press("Enter")  # from the keyboard
    status.wait_for()
    copied = tab.evaluate("navigator.clipboard.readText()")
    shown = " ".join(tab.locator(".rhannu-cite__text").inner_text().split())
    assert copied == shown
    assert copied.startswith(("Rhannu sample site (", "Safle enghreifftiol Rhannu (")) and "[" not in copied
    context.close()


@pytest.mark.parametrize("path", [CITED[0], welsh(CITED[0])])
def test_without_javascript_the_citation_asks_for_the_day_and_shows_no_button(browser, site_url: str, path: str) -> None:
    """Every script of the site's refused (axe itself needs JavaScript, so the browser keeps it)."""
    context = _context(browser, site_url, 375)
    context.route("**/*.js", lambda route: route.abort())
    tab = context.new_page()
    tab.goto(path)
    labels = _labels(path)
    text = " ".join(tab.locator(".rhannu-cite__text").inner_text().split())
    assert text.endswith(f"({labels['cite_accessed']}: {labels['cite_accessed_unknown']}).")
    assert tab.get_by_role("button", name=labels["cite_copy"]).count() == 0
    assert tab.get_by_role("link", name=labels["cite_ris"]).is_visible()
    violations = Axe().run(tab, options=AXE_OPTIONS).response["violations"]
    assert violations == []
    context.close()


@pytest.mark.parametrize("path", [CITED[0], welsh(CITED[0])])
def test_the_files_download_as_citations(page, path: str) -> None:
    page.goto(path)
    labels = _labels(path)
    with page.expect_download() as download:
        page.get_by_role("link", name=labels["cite_ris"]).click()
    assert download.value.suggested_filename == "citation.ris"
    body = page.request.get(page.url + "citation.bib").text()
    assert body.startswith("@online{case-study-sample-hackathon,")


@pytest.mark.parametrize("path", [CITED[0], welsh(CITED[1])])
def test_in_print_the_citation_has_no_button_and_gives_its_address_once(page, path: str) -> None:
    page.goto(path)
    button = page.get_by_role("button", name=_labels(path)["cite_copy"])
    button.wait_for()
    page.emulate_media(media="print")
    assert not button.is_visible()
    after = "a => getComputedStyle(a, '::after').content"
    assert page.locator(".rhannu-cite__text a").evaluate(after) == "none"
    assert page.locator(".rhannu-cite__files a").first.evaluate(after).startswith('" (http')  # the files' addresses on paper
