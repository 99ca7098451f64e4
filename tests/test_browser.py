"""In a real browser: the language switch, the keyboard, and axe-core on each page type."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}

PAGES = ["", "cy/", "about/", "cy/about/", "timeline/", "cy/timeline/", "404.html"]


def test_switch_to_welsh_and_back(page) -> None:
    page.goto("about/")
    switch = page.get_by_role("link", name="Newid yr iaith i'r Gymraeg")
    hidden = switch.locator(".rhannu-visually-hidden").bounding_box()
    assert hidden["width"] <= 1 and hidden["height"] <= 1, "the screen-reader text must not show"
    switch.click()
    page.wait_for_url("**/cy/about/")
    assert page.locator("html").get_attribute("lang") == "cy"
    assert page.locator("h1").first.inner_text() == "Ynglŷn â'r rhaglen"
    page.get_by_role("link", name="Change the language to English").click()
    page.wait_for_url("**/about/")
    assert not page.url.endswith("/cy/about/")
    assert page.locator("html").get_attribute("lang") == "en-GB"


def test_language_switch_is_reachable_by_keyboard(page) -> None:
    page.goto("")
    for _ in range(15):
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.getAttribute('hreflang')")
        if focused == "cy":
            break
    else:
        pytest.fail("the language switch was not reached within 15 presses of Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    page.wait_for_url("**/cy/")


def test_missing_address_shows_the_bilingual_404(page) -> None:
    response = page.goto("cy/no-such-page/")
    assert response.status == 404
    assert page.locator("section[lang=cy] h1").inner_text() == "Heb ddod o hyd i'r dudalen"
    assert page.locator("link[rel=stylesheet]").count() >= 1
    colour = page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
    assert colour == "rgb(31, 95, 91)", "the 404 page's stylesheet did not load at depth"


@pytest.mark.parametrize("path", PAGES)
def test_no_accessibility_violations(page, path: str) -> None:
    page.goto(path)
    results = Axe().run(page, options=AXE_OPTIONS)
    violations = [
        f"{item['id']}: {[node['target'] for node in item['nodes']]}"
        for item in results.response["violations"]
    ]
    assert violations == [], f"{path}: {violations}"
