"""In a real browser: the language switch, the keyboard, and axe-core on each page type."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.support.browser import AXE_OPTIONS
from tests.support.sample_site import section, welsh

pytestmark = pytest.mark.browser

PAGE_TYPES = [  # on the sample site (tests/fixture_site)
    "",  # home, with the latest issue
    "about/",  # content page, with the contact address
    "case-studies/",  # index with filters, first of two pages
    "case-studies/page/2/",  # a later page of the index
    "case-studies/sample-sharing-practice/",  # case study with an image and lessons
    "case-studies/sample-online-events/",  # case study (its Welsh page shows the stale notice)
    "case-studies/theme/sharing-practice/",  # facet page
    "case-studies/psb/sample-north/page/2/",  # a later page of a facet
    "case-studies/psb/sample-west/",  # facet page with no case studies
    "lessons/",  # lessons index
    "lessons/sample-skills/",  # lesson cited by case studies
    "lessons/sample-uncited/",  # lesson that no case study cites
    "newsletters/",  # newsletter archive
    "newsletters/2022-03-14/",  # issue with every section: editorial, news, event, new items, network
    "newsletters/2022-04-11/",  # issue with many new case studies and lessons
    "subscribe/",  # subscribe page, with the sign-up link and the feeds
    "reusing/",  # the terms of reuse (the licence), citing and the catalogue
]
PAGES = [*PAGE_TYPES, *(welsh(path) for path in PAGE_TYPES), "404.html"]


def test_switch_to_welsh_and_back(page) -> None:
    page.goto("about/")
    switch = page.get_by_role("link", name="Newid yr iaith i'r Gymraeg")
    hidden = switch.locator(".rhannu-visually-hidden").bounding_box()
    assert hidden["width"] <= 1 and hidden["height"] <= 1, "the screen-reader text must not show"
    switch.click()
    page.wait_for_url("**/cy/amdanom/")
    assert page.locator("html").get_attribute("lang") == "cy"
    assert page.locator("h1").first.inner_text() == "Ynglŷn â'r safle enghreifftiol hwn"
    page.get_by_role("link", name="Change the language to English").click()
    page.wait_for_url("**/about/")
    assert not page.url.endswith("/cy/amdanom/")
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


@pytest.mark.parametrize(("prefix", "counts"), [
    ("", ("26 case studies", "25 case studies", "1 case study")),
    ("cy/", ("26 astudiaeth achos", "25 astudiaeth achos", "1 astudiaeth achos")),
])
def test_filters_combine_from_the_keyboard(page, prefix: str, counts: tuple[str, str, str]) -> None:
    page.goto(f"{section(prefix, 'case-studies')}/")
    form = page.locator("#rhannu-filters")
    form.wait_for(state="visible")
    cards = page.locator("#rhannu-card-list .rhannu-card")
    assert cards.count() == 50  # the first page of 54, before filtering
    status = page.locator(".rhannu-filter-status")
    page.locator("#filter-approach").focus()
    page.keyboard.press("End")  # the last approach: virtual working
    page.locator("#filter-approach").dispatch_event("change")
    assert page.locator("#filter-approach").input_value() == "virtual-working"
    assert (cards.count(), status.inner_text()) == (26, counts[0])  # all of them, from both pages
    page.locator("#filter-psb").select_option("sample-north")
    assert (cards.count(), status.inner_text()) == (25, counts[1])
    page.locator("#filter-year").select_option("2022")
    assert (cards.count(), status.inner_text()) == (15, counts[1].replace("25", "15"))  # by when they happened
    page.locator("#filter-year").select_option("")
    page.locator("#filter-psb").select_option("programme")
    assert (cards.count(), status.inner_text()) == (1, counts[2])
    assert page.locator("#rhannu-card-list .rhannu-card__title a").get_attribute("href") == "sample-online-events/"
    assert page.locator("#filter-year option[value='2021']").is_disabled()  # it would show nothing beside 'programme'
    page.goto(f"{section(prefix, 'case-studies')}/?psb=programme&year=2021")  # a combination only an address can ask for
    form.wait_for(state="visible")
    assert cards.count() == 0
    assert page.locator("#rhannu-card-list .rhannu-empty").is_visible()
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.response["violations"] == []


def test_index_works_without_javascript(browser, site_url: str) -> None:
    context = browser.new_context(base_url=site_url, java_script_enabled=False)
    tab = context.new_page()
    tab.goto("case-studies/")
    assert not tab.locator("#rhannu-filters").is_visible()
    assert tab.locator(".rhannu-card").count() == 50
    tab.get_by_text("Browse by", exact=True).click()  # a disclosure that needs no script
    tab.get_by_role("link", name="Hackathon", exact=True).click()
    tab.wait_for_url("**/case-studies/approach/hackathon/")
    assert tab.locator(".rhannu-card a").all_inner_texts() == ["Sample case study: a hackathon"]
    tab.goto("case-studies/psb/sample-north/")
    tab.get_by_role("link", name="Next page").click()
    tab.wait_for_url("**/case-studies/psb/sample-north/page/2/")
    assert tab.locator(".rhannu-card a").all_inner_texts() == ["Sample case study 01"]
    context.close()


@pytest.mark.parametrize("path", ["case-studies/", "cy/astudiaethau-achos/", "case-studies/approach/hackathon/"])
def test_no_accessibility_violations_without_the_sites_javascript(browser, site_url: str, path: str) -> None:
    """The page as a reader without JavaScript gets it: every script of the site's refused (axe
    itself needs JavaScript, so the browser keeps it for the audit)."""
    context = browser.new_context(base_url=site_url)
    context.route("**/*.js", lambda route: route.abort())
    tab = context.new_page()
    tab.goto(path)
    assert not tab.locator("#rhannu-filters").is_visible()
    results = Axe().run(tab, options=AXE_OPTIONS)
    context.close()
    assert results.response["violations"] == [], path


@pytest.mark.parametrize(("prefix", "skip_text"), [("", "Skip to content"), ("cy/", "Neidio i'r cynnwys")])
def test_skip_link_is_first_and_moves_to_the_content(page, prefix: str, skip_text: str) -> None:
    page.goto(welsh("about/") if prefix else "about/")
    page.keyboard.press("Tab")
    focused = page.evaluate("[document.activeElement.classList.contains('md-skip'), document.activeElement.textContent.trim()]")
    assert focused == [True, skip_text]
    assert page.locator(".md-skip").is_visible(), "the skip link shows when focused"
    page.keyboard.press("Enter")
    heading_id = page.locator("article h1").get_attribute("id")
    assert page.url.endswith("#" + heading_id)


@pytest.mark.parametrize("path", PAGES)
def test_nothing_scrolls_sideways_at_320_pixels(browser, site_url: str, path: str) -> None:
    context = browser.new_context(base_url=site_url, viewport={"width": 320, "height": 640})
    tab = context.new_page()
    tab.goto(path, wait_until="networkidle")  # with the filters shown, where the site's script adds them
    overflow = tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    context.close()
    assert overflow <= 0, f"{path} is {overflow}px wider than a 320px screen"


def settled_result_links(page, attempts: int = 20) -> list[str]:
    """The search results' links once the list stops changing: Material re-renders it as each
    key press is searched, so links are read in one go and compared until two reads agree."""
    read = "els => els.map(el => el.getAttribute('href'))"
    previous = None
    for _ in range(attempts):
        current = page.eval_on_selector_all(".md-search-result__list a.md-search-result__link", read)
        if current and current == previous:
            return current
        previous = current
        page.wait_for_timeout(250)
    raise AssertionError(f"the search results never settled: {previous}")


@pytest.mark.parametrize(
    ("prefix", "query", "placeholder"),
    [("", "hackathons", "Search"), ("cy/", "hacathonau", "Chwilio")],
)
def test_search_finds_pages_in_the_page_language_only(page, prefix: str, query: str, placeholder: str) -> None:
    page.goto(f"{prefix}about/")
    box = page.get_by_role("textbox", name=placeholder)
    box.click()
    box.press_sequentially(query, delay=30)  # Material searches on key presses
    page.locator(".md-search-result__list a.md-search-result__link").first.wait_for(timeout=10_000)
    hrefs = settled_result_links(page)
    pages = {urlsplit(href).path for href in hrefs}
    assert pages == {f"/{section(prefix, 'case-studies')}/sample-hackathon/"}, hrefs  # the one page about hackathons, in this language
    meta = page.locator(".md-search-result__meta").inner_text()
    assert bool(re.search("[cg]anlyniad", meta)) == bool(prefix), meta  # "canlyniad", mutated "ganlyniadau"
    results_axe = Axe().run(page, options=AXE_OPTIONS)
    assert results_axe.response["violations"] == []
