"""The minimal sample site (tests/fixture_minimal) in Chromium: axe finds nothing on its listing,
its facet's page, a case study, and its resources' listing and a resource, in both colour schemes at a phone's and a desktop's width, in
both languages; its listing's filter (one facet, audiences) is reached and used from the keyboard,
and its status speaks the site's own words."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.support.browser import AXE_OPTIONS, settle
from tests.support.sites import BuildResult, build
from tests.test_minimal_site import copy_minimal

pytestmark = pytest.mark.browser

PHONE, DESKTOP = {"width": 375, "height": 740}, {"width": 1280, "height": 800}
LISTING = {"en": "case-studies/", "cy": "cy/astudiaethau-achos/"}
PAGES = {
    "en": [
        "case-studies/",
        "case-studies/audience/councillors/",
        "case-studies/sample-briefing/",
        "resources/",  # the site's own content type, declared in its schema alone
        "resources/sample-checklist/",
    ],
    "cy": [
        "cy/astudiaethau-achos/",
        "cy/astudiaethau-achos/cynulleidfa/cynghorwyr/",
        "cy/astudiaethau-achos/sample-briefing/",
        "cy/adnoddau/",
        "cy/adnoddau/rhestr-wirio-sampl/",
    ],
}
FILTER = {"en": "Filter the examples", "cy": "Hidlo'r enghreifftiau"}
ONE_FOUND = {"en": "1 example", "cy": "1 enghraifft"}


@pytest.fixture(scope="module")
def minimal_url(tmp_path_factory: pytest.TempPathFactory):
    from tests.support.server import serve

    project = copy_minimal(tmp_path_factory.mktemp("minimal") / "project")
    built: BuildResult = build(project, tmp_path_factory.mktemp("minimal") / "site")
    assert built.returncode == 0, built.log
    with serve(built.site) as url:
        yield url


@pytest.fixture
def minimal_tab(browser, minimal_url: str):
    contexts, external = [], []

    def opened(viewport: dict[str, int], scheme: str = "light"):
        context = browser.new_context(base_url=minimal_url, viewport=viewport, color_scheme=scheme)
        contexts.append(context)
        tab = context.new_page()
        tab.on(
            "request", lambda request: None if request.url.startswith((minimal_url, "data:")) else external.append(request.url)
        )
        return tab

    yield opened
    for context in contexts:
        context.close()
    assert external == [], f"the page requested third-party URLs: {external}"


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
def test_axe_finds_nothing_on_the_minimal_sites_pages(minimal_tab, scheme: str, viewport: dict[str, int]) -> None:
    tab = minimal_tab(viewport, scheme)
    found = {}
    for address in PAGES["en"] + PAGES["cy"]:
        tab.goto(address)
        tab.wait_for_function(
            f"document.body.getAttribute('data-md-color-scheme') === '{'slate' if scheme == 'dark' else 'default'}'"
        )
        settle(tab)
        violations = Axe().run(tab, options=AXE_OPTIONS).response["violations"]
        found[address] = [f"{item['id']}: {[node['target'] for node in item['nodes']]}" for item in violations]
    assert found == {address: [] for address in found}
    assert len(found) == len(PAGES["en"]) + len(PAGES["cy"])


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_the_minimal_sites_filter_is_reached_and_used_from_the_keyboard(minimal_tab, lang: str) -> None:
    tab = minimal_tab(PHONE)
    tab.goto(LISTING[lang])
    tab.locator("#rhannu-filters").wait_for(state="visible")
    for _ in range(30):
        tab.keyboard.press("Tab")
        if tab.evaluate("document.activeElement.tagName") == "SUMMARY":
            break
    else:
        pytest.fail("the filters' summary was not reached within 30 presses of Tab")
    assert tab.evaluate("document.activeElement.textContent") == FILTER[lang]
    tab.keyboard.press("Enter")
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.id") == "filter-audience"
    tab.locator("#filter-audience").select_option("officers")
    expect(tab.locator(".rhannu-filter-status")).to_contain_text(ONE_FOUND[lang])
    expect(tab.locator("#rhannu-card-list .rhannu-card__title")).to_have_count(1)
