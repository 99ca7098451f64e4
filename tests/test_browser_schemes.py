"""In a real browser: the dark scheme (axe on every page type, the toggle's names and keyboard),
the 404 page's order of languages with and without JavaScript, and what a printed case study or
lesson shows."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest
from axe_playwright_python.sync_playwright import Axe

from rhannu.labels import ENGLISH, WELSH
from tests.support.browser import AXE_OPTIONS
from tests.support.sites import FIXTURE_URL
from tests.test_browser import PAGES

pytestmark = pytest.mark.browser

# Welsh addresses used here, in one place (Welsh pages are moving to Welsh addresses).
CY_ABOUT = "cy/amdanom/"
CY_CASE_STUDY = "cy/astudiaethau-achos/sample-sharing-practice/"
CY_LESSON = "cy/gwersi/sample-skills/"
CY_MISSING = "cy/astudiaethau-achos/no-such-page/"


def _violations(tab) -> list[str]:
    results = Axe().run(tab, options=AXE_OPTIONS)
    return [f"{item['id']}: {[node['target'] for node in item['nodes']]}" for item in results.response["violations"]]


def _scheme(tab) -> str:
    return tab.evaluate("document.body.getAttribute('data-md-color-scheme')")


def _in_dark_colours(tab) -> None:
    """Wait until Material has chosen the dark scheme (its script follows the system's
    preference after load) and its colours have finished easing in, so axe sees the final ones."""
    tab.wait_for_function(
        "document.body.getAttribute('data-md-color-scheme') === 'slate'"
        " && document.getAnimations().every(animation => animation.playState !== 'running')",
        timeout=5000,
    )


@pytest.fixture(scope="module")
def dark(browser, site_url: str):
    """One tab whose system asks for dark colours, shared by the dark-scheme audits (a context
    per page would cost more than the audit itself)."""
    context = browser.new_context(base_url=site_url, color_scheme="dark")
    tab = context.new_page()
    external: list[str] = []
    tab.on("request", lambda request: None if request.url.startswith((site_url, "data:")) else external.append(request.url))
    yield tab
    context.close()
    assert external == [], f"the page requested third-party URLs: {external}"


# --- Dark scheme ---------------------------------------------------------------------------------


@pytest.mark.parametrize("path", PAGES)
def test_no_accessibility_violations_in_the_dark_scheme(dark, path: str) -> None:
    dark.goto(path)
    _in_dark_colours(dark)
    assert _violations(dark) == [], path


def test_the_dark_scheme_draws_links_in_its_own_colour(dark) -> None:
    """Material's dark scheme would draw links in the header's colour (2.2:1 on its background)."""
    dark.goto("about/")
    _in_dark_colours(dark)
    colour = dark.evaluate("getComputedStyle(document.querySelector('.md-content a[href^=mailto]')).color")
    assert colour == "rgb(140, 200, 255)"


def test_the_light_scheme_is_the_default(page) -> None:
    page.goto("about/")
    assert _scheme(page) == "default"


@pytest.mark.parametrize(("path", "labels"), [("about/", ENGLISH), (CY_ABOUT, WELSH)])
def test_the_toggle_is_named_in_the_pages_language_and_works_from_the_keyboard(page, path: str, labels: dict) -> None:
    page.goto(path)
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "__palette":
            break
    else:
        pytest.fail(f"{path}: the light/dark toggle was not reached within 10 presses of Tab")
    focused = page.evaluate("document.activeElement.id")
    assert page.locator(f"#{focused}").get_attribute("aria-label") == labels["palette_to_dark"]
    shown = page.locator("label[for='__palette_1']")
    assert shown.is_visible() and shown.get_attribute("title") == labels["palette_to_dark"]
    outline = page.evaluate("getComputedStyle(document.activeElement.nextElementSibling).outlineStyle")
    assert outline == "solid", "the toggle's focus must show"

    page.keyboard.press("Enter")
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == labels["palette_to_light"]
    assert page.locator("label[for='__palette_0']").get_attribute("title") == labels["palette_to_light"]

    page.reload()  # the choice is kept, whatever the system asks for
    assert _scheme(page) == "slate"
    page.keyboard.press("Tab")
    for _ in range(10):
        if page.evaluate("document.activeElement.name") == "__palette":
            break
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'default'")


def test_without_javascript_the_toggle_is_not_offered(browser, site_url: str) -> None:
    context = browser.new_context(base_url=site_url, java_script_enabled=False)
    tab = context.new_page()
    tab.goto(CY_ABOUT)
    assert tab.locator("input[name=__palette]").count() == 2
    focused = []
    for _ in range(10):
        tab.keyboard.press("Tab")
        focused.append(tab.evaluate("document.activeElement.name || document.activeElement.tagName"))
    assert "__palette" not in focused
    assert "A" in focused, "Tab did move through the page"
    context.close()


# --- The 404 page ----------------------------------------------------------------------------------


def _languages_in_order(tab) -> list[str]:
    return tab.locator(".rhannu-not-found > section").evaluate_all("sections => sections.map(s => s.lang)")


@pytest.mark.parametrize(
    ("path", "order", "title"),
    [
        ("case-studies/no-such-page/", ["en-GB", "cy"], ENGLISH["not_found"]),
        ("no-such-page", ["en-GB", "cy"], ENGLISH["not_found"]),
        (CY_MISSING, ["cy", "en-GB"], WELSH["not_found"]),
    ],
)
def test_with_javascript_the_404_puts_the_addresss_language_first(page, path: str, order: list[str], title: str) -> None:
    response = page.goto(path)
    assert response.status == 404
    assert _languages_in_order(page) == order
    assert page.locator("h1").all_inner_texts() == [title], "the first language's heading is the page's h1"
    assert page.locator(".rhannu-not-found h2").count() == 1
    assert page.title().startswith(title)
    assert _violations(page) == [], path


@pytest.mark.parametrize("path", ["case-studies/no-such-page/", CY_MISSING])
def test_without_javascript_the_404_stays_bilingual_welsh_first(browser, site_url: str, path: str) -> None:
    context = browser.new_context(base_url=site_url, java_script_enabled=False)
    tab = context.new_page()
    response = tab.goto(path)
    assert response.status == 404
    assert _languages_in_order(tab) == ["cy", "en-GB"]
    assert tab.locator("h1").all_inner_texts() == [WELSH["not_found"]]
    assert tab.locator(".rhannu-not-found h2").all_inner_texts() == [ENGLISH["not_found"]]
    context.close()


def test_the_404_is_one_file_for_both_languages(site_url: str) -> None:
    from urllib.error import HTTPError
    from urllib.request import urlopen

    bodies = []
    for path in ("case-studies/no-such-page/", CY_MISSING):
        with pytest.raises(HTTPError) as error:
            urlopen(site_url + path)
        bodies.append(error.value.read())
    assert bodies[0] == bodies[1]


# --- Print -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "labels"),
    [
        ("case-studies/sample-sharing-practice/", ENGLISH),
        (CY_CASE_STUDY, WELSH),
        ("lessons/sample-skills/", ENGLISH),
        (CY_LESSON, WELSH),
    ],
)
def test_a_printed_item_shows_its_address_and_its_links_addresses(page, path: str, labels: dict) -> None:
    page.goto(path)
    address = page.locator(".rhannu-print-address")
    # the citation's link (issue 21) is its own address already: tests/test_browser_citation.py
    links = page.locator("article a[href]:not([href^='#']):not([href^='mailto:']):not(.rhannu-cite__text a)")
    after = "links => links.map(a => [a.getAttribute('href'), getComputedStyle(a, '::after').content])"
    assert not address.is_visible(), "the print-only address must not show on screen"
    assert {content for _, content in links.evaluate_all(after)} == {"none"}

    page.emulate_media(media="print")
    own = urljoin(FIXTURE_URL, path)
    # the page's address shows once: "Cite this page" gives it, so no print-only line repeats it,
    # and links that are ways round the site (trail, details, previous/next) give none (issue 21)
    assert address.count() == 0 and labels["print_address"] not in page.locator("article").inner_text()
    assert page.locator("article .rhannu-cite a", has_text=own).is_visible()
    in_text = page.locator("article a[data-rhannu-href]")
    shown = in_text.evaluate_all(after)
    assert len(shown) >= 2
    for href, content in shown:
        assert content == f'" ({urljoin(own, href)})"', href
        assert "../" not in content
    others = "links => links.filter(a => !a.hasAttribute('data-rhannu-href') && a.checkVisibility())"
    rest = links.evaluate_all(f"{others}.map(a => [a.closest('nav, .rhannu-meta') !== null || a.textContent === a.href, getComputedStyle(a, '::after').content])")
    # a case study's details are ways round the site; a lesson, its trail and pager hidden on paper, has none left
    assert rest or "sample-skills" in path
    assert all(way_round and content == "none" for way_round, content in rest)


def test_a_page_printed_from_the_dark_scheme_prints_dark_text_on_white(dark) -> None:
    """On paper every page is light: text, links (as the light scheme draws them) and background."""
    colours = """() => [
        getComputedStyle(document.querySelector('article p')).color,
        getComputedStyle(document.querySelector('article a[data-rhannu-href]')).color,
        getComputedStyle(document.body).backgroundColor,
    ].join(' ')"""
    light = "rgba(0, 0, 0, 0.87) rgb(31, 95, 91) rgb(255, 255, 255)"
    dark.goto(CY_CASE_STUDY)
    _in_dark_colours(dark)
    assert dark.evaluate(colours) != light
    dark.emulate_media(media="print")
    try:  # Material eases colours in: wait for them to settle
        dark.wait_for_function(f"({colours})() === {light!r}", timeout=5000)
    finally:
        dark.emulate_media(media="screen")
