"""The email editions' web copies in a real browser: the fluid layout on a phone and at full
width, contrast in the light and the dark scheme, and the text edition's Welsh letters when the
host names no character set. (Their rules as HTML are in tests/test_email.py.)"""

from __future__ import annotations

import urllib.request

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.support.browser import AXE_OPTIONS
from tests.support.nu import nu_errors
from tests.support.sample_site import ISSUES

pytestmark = pytest.mark.browser

EDITIONS = [f"newsletters/{day}/{name}" for day in ISSUES for name in ("email.html", "email.cy.html", "email.en.html")]

# Every element that overflows the viewport or its own box, and the page's own widths.
MEASURE = """() => {
  const width = window.innerWidth;
  const out = [];
  for (const element of document.querySelectorAll('table.container *')) {
    const box = element.getBoundingClientRect();
    if (box.width && (box.left < -0.5 || box.right > width + 0.5)) out.push('outside: ' + element.outerHTML.slice(0, 80));
    if (element.matches('td, p, h1, h2, h3, a') && element.scrollWidth > element.clientWidth + 1 && element.clientWidth)
      out.push('cut off: ' + element.outerHTML.slice(0, 80));
  }
  return {
    scroll: document.documentElement.scrollWidth,
    inner: width,
    container: document.querySelector('table.container').getBoundingClientRect().width,
    problems: out,
  };
}"""


def _context(browser, site_url: str, width: int, scheme: str = "light"):
    return browser.new_context(base_url=site_url, viewport={"width": width, "height": 800}, color_scheme=scheme)


@pytest.mark.parametrize(("width", "container"), [(320, 320), (375, 375), (600, 600), (1024, 600)])
def test_the_editions_fit_the_screen_up_to_600px_with_nothing_cut_off(browser, site_url: str, width: int, container: int) -> None:
    context = _context(browser, site_url, width)
    tab = context.new_page()
    try:
        for path in EDITIONS:
            tab.goto(path)
            measured = tab.evaluate(MEASURE)
            assert measured["scroll"] <= measured["inner"] == width, f"{path}: scrolls sideways at {width} px"
            assert measured["container"] == container, path
            assert measured["problems"] == [], path
    finally:
        context.close()


def test_a_long_address_in_the_text_wraps_instead_of_widening_the_email(browser, site_url: str) -> None:
    context = _context(browser, site_url, 375)
    tab = context.new_page()
    try:
        tab.goto("newsletters/2022-03-14/email.en.html")
        address = "https://example.org/" + "a-very-long-path-segment/" * 12
        tab.evaluate(
            """address => {
                const paragraph = document.createElement('p');
                paragraph.innerHTML = `<a href="${address}">${address}</a>`;
                document.querySelector('td.part').append(paragraph);
            }""",
            address,
        )
        measured = tab.evaluate(MEASURE)
        assert measured["scroll"] <= measured["inner"] and measured["problems"] == []
        height = tab.evaluate("document.querySelector('td.part p:last-child a').getClientRects().length")
        assert height > 1  # the address wraps over several lines
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_accessibility_violations_in_either_scheme(browser, site_url: str, scheme: str) -> None:
    context = _context(browser, site_url, 375, scheme)
    tab = context.new_page()
    try:
        for path in EDITIONS[:3]:
            tab.goto(path)
            tab.emulate_media(color_scheme=scheme)
            background = tab.evaluate("getComputedStyle(document.querySelector('td.part')).backgroundColor")
            # the dark block applies: the body of the email turns dark, and stays white otherwise
            assert background == ("rgb(26, 35, 35)" if scheme == "dark" else "rgba(0, 0, 0, 0)"), path
            container = tab.evaluate("getComputedStyle(document.querySelector('table.container')).backgroundColor")
            assert container == ("rgb(26, 35, 35)" if scheme == "dark" else "rgb(255, 255, 255)"), path
            results = Axe().run(tab, options=AXE_OPTIONS)
            violations = [
                f"{item['id']}: {[node['target'] for node in item['nodes']]}" for item in results.response["violations"]
            ]
            assert violations == [], f"{path} ({scheme})"
    finally:
        context.close()


def test_the_text_edition_shows_welsh_letters_when_the_host_names_no_character_set(page, site_url: str) -> None:
    path = "newsletters/2022-04-11/email.cy.txt"
    with urllib.request.urlopen(site_url + path) as response:  # the test's own server
        assert response.headers["Content-Type"] == "text/plain"  # no charset: the browser must guess
        raw = response.read()
    page.goto(path)
    assert "ganiatâd" in page.evaluate("document.body.innerText")
    # Without the byte order mark the same bytes are Latin-1 to the browser: the mark is what works.
    page.route("**/no-bom.txt", lambda route: route.fulfill(status=200, headers={"Content-Type": "text/plain"}, body=raw[3:]))
    page.goto("no-bom.txt")
    shown = page.evaluate("document.body.innerText")
    assert "ganiatâd" not in shown and "ganiatÃ¢d" in shown


def test_the_web_copies_are_valid_html(site) -> None:
    errors = nu_errors([site / path for path in EDITIONS], site)
    assert errors == [], "\n".join(errors[:20])
