"""Issue 21 in Chromium, on the sample site: feeds opened in a browser become a page in the feed's
language (the XSL stylesheet), the issue page's items are where the email's links land, its
section for editors and its calendar links, and the email web copies with their "Add to calendar"
links; each at 375 and 1280 px, in both languages, with axe at zero in the light and dark schemes.
(The same things as built files: tests/test_subscribers.py.)"""

from __future__ import annotations

from email.utils import parsedate_to_datetime

import feedparser
import pytest
from axe_playwright_python.sync_playwright import Axe

from rhannu.dates import long_date
from rhannu.labels import ENGLISH, WELSH
from tests.support.browser import AXE_OPTIONS, settle
from tests.support.sample_site import welsh
from tests.support.sites import FIXTURE_URL

pytestmark = pytest.mark.browser

ISSUE_1 = "newsletters/2022-03-14/"
WIDTHS = [375, 1280]
SCHEMES = ["light", "dark"]
FEEDS = {  # a feed with items and one without, in each language
    "newsletters/feed.xml": "en",
    welsh("newsletters/") + "feed.xml": "cy",
    "feed.xml": "en",
    "cy/feed.xml": "cy",
    "case-studies/psb/sample-west/feed.xml": "en",
    welsh("case-studies/psb/sample-west/") + "feed.xml": "cy",
}
TABLES = {"en": ENGLISH, "cy": WELSH}
TAGS = {"en": "en-GB", "cy": "cy"}
ISSUE_PAGES = {ISSUE_1: "en", welsh(ISSUE_1): "cy"}
ARCHIVES = {"newsletters/": "en", welsh("newsletters/"): "cy"}
EMAILS = {f"{ISSUE_1}email.en.html": "en", f"{ISSUE_1}email.cy.html": "cy", f"{ISSUE_1}email.html": "cy"}


@pytest.fixture
def tab_for(open_tab):
    """A tab at a width in a colour scheme that requests nothing off the test's own host."""
    return lambda width, scheme: open_tab({"width": width, "height": 900}, scheme)


# Chromium (from about version 143) puts a banner of its own into any page made by XSLT, saying
# that browsers are removing XSLT: white on red at 3.9:1, outside any landmark. It is the
# browser's, not the site's (the stylesheet has no such element: tests/test_subscribers.py), so
# the feed pages are audited without it; everything the stylesheet draws is audited.
BROWSER_BANNER = "xslt-warning-banner"


def _violations(tab, exclude: list[list[str]] | None = None) -> list[str]:
    settle(tab)
    results = Axe().run(tab, context={"exclude": exclude} if exclude else None, options=AXE_OPTIONS)
    return [f"{item['id']}: {[node['target'] for node in item['nodes']]}" for item in results.response["violations"]]


def _fits(tab) -> bool:
    return tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def _ready(tab, scheme: str, material: bool) -> None:
    """Material pages choose the dark scheme by script after load: wait for it, then for colours
    to finish easing in, so axe measures the final ones."""
    if material:
        wanted = "slate" if scheme == "dark" else "default"
        tab.wait_for_function(f"document.body.getAttribute('data-md-color-scheme') === '{wanted}'", timeout=5000)
        # axe scrolls to each element it measures, and a scroll makes Material's header swap the
        # site's name for the page's title, easing their opacity: without transitions axe measures
        # the colours as they end up, not half-way through a swap
        tab.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
    settle(tab)


# --- Feeds in a browser -------------------------------------------------------------------------------


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
def test_a_feed_opened_in_a_browser_is_a_page_in_its_language_that_says_how_to_use_it(
    tab_for, site, width: int, scheme: str
) -> None:
    tab = tab_for(width, scheme)
    for path, lang in FEEDS.items():
        tab.goto(path)
        _ready(tab, scheme, material=False)
        table = TABLES[lang]
        assert tab.evaluate("document.documentElement.lang") == TAGS[lang], path
        feed = feedparser.parse((site / path).read_bytes())
        assert tab.locator("h1").inner_text() == feed.feed.title, path
        assert tab.title() == f"{feed.feed.title} ({table['feed_page_label']})"
        body = tab.evaluate("document.body.innerText")
        assert table["feed_page_intro"] in body and FIXTURE_URL + path in body, path
        items = tab.locator("main li a")
        assert [items.nth(n).inner_text() for n in range(items.count())] == [entry.title for entry in feed.entries], path
        assert [items.nth(n).get_attribute("href") for n in range(items.count())] == [entry.link for entry in feed.entries]
        dates = tab.locator("main li .date")
        assert [dates.nth(n).inner_text() for n in range(dates.count())] == [
            f"{table['published']}: {long_date(parsedate_to_datetime(entry.published).date(), lang)}"
            for entry in feed.entries
            if "published" in entry
        ], path
        if not feed.entries:
            assert table["feed_page_empty"] in body, path
        dark = tab.evaluate("getComputedStyle(document.querySelector('main')).backgroundColor") == "rgb(26, 35, 35)"
        assert dark == (scheme == "dark"), path
        assert _fits(tab), f"{path} scrolls sideways at {width} px"
        assert _violations(tab, [[BROWSER_BANNER]]) == [], f"{path} ({width} px, {scheme})"


# --- The issue page and the archive ---------------------------------------------------------------------


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
def test_issue_pages_and_archives_pass_axe_with_the_editors_section_and_calendar_hints(
    tab_for, width: int, scheme: str
) -> None:
    tab = tab_for(width, scheme)
    for path, lang in {**ISSUE_PAGES, **ARCHIVES}.items():
        tab.goto(path)
        _ready(tab, scheme, material=True)
        table = TABLES[lang]
        hint = tab.get_by_text(table["calendar_feed_hint"])
        assert hint.count() == 1 and hint.is_visible(), path
        if path in ISSUE_PAGES:
            editors = tab.get_by_role("region", name=table["editors_heading"])
            assert editors.get_by_role("link").count() == 4, path
            editors.scroll_into_view_if_needed()
            assert editors.is_visible()
            add = tab.locator('a[href$="sample-event.ics"]')
            assert add.count() == 1 and add.is_visible(), path
            assert add.inner_text().startswith(table["add_to_calendar"])
            assert table["add_to_calendar_hint"] in add.locator("xpath=..").inner_text()
        assert _fits(tab), f"{path} scrolls sideways at {width} px"
        assert _violations(tab) == [], f"{path} ({width} px, {scheme})"


# --- The email's links land on the item -----------------------------------------------------------------


@pytest.mark.parametrize("width", WIDTHS)
def test_an_items_link_in_the_email_lands_on_that_item_on_the_issue_page(tab_for, site_url: str, width: int) -> None:
    tab = tab_for(width, "light")
    for path in EMAILS:
        tab.goto(path)
        links = tab.locator("h3 a[href*='#item-']")
        hrefs = [links.nth(n).get_attribute("href") for n in range(links.count())]
        assert len(hrefs) == (4 if path.endswith("email.html") else 2), path  # news and event, in each language
        for href in hrefs:
            assert href.startswith(FIXTURE_URL)
            tab.goto(site_url + href.removeprefix(FIXTURE_URL))
            target = tab.locator(":target")
            assert target.get_attribute("id") == href.split("#")[1], href
            assert target.evaluate("element => element.matches('article.rhannu-news')")
            assert target.locator("h3").is_visible()
            top = target.evaluate("element => element.getBoundingClientRect().top")
            assert 0 <= top < 900, f"{href}: the item is not on screen ({top})"


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
def test_the_email_web_copies_with_their_calendar_links_pass_axe(tab_for, site_url: str, width: int, scheme: str) -> None:
    tab = tab_for(width, scheme)
    for path, lang in EMAILS.items():
        tab.goto(path)
        settle(tab)
        table = TABLES[lang]
        links = tab.get_by_role("link", name=table["add_to_calendar"], exact=True)
        assert links.count() == 1, path
        href = links.first.get_attribute("href")
        response = tab.request.get(site_url + href.removeprefix(FIXTURE_URL))
        assert response.ok and response.body().startswith(b"BEGIN:VCALENDAR"), href
        assert _fits(tab), f"{path} scrolls sideways at {width} px"
        assert _violations(tab) == [], f"{path} ({width} px, {scheme})"
