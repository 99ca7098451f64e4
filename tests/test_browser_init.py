"""A new site from `rhannu init` in a real browser: its home, case study and listing pages in both
languages, on a phone (375 px) and a laptop (1280 px), in the light and the dark scheme, with no
axe-core violation, nothing wider than the screen and nothing fetched from elsewhere."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.support.browser import AXE_OPTIONS, settle
from tests.support.new_site import init_site, rhannu_build
from tests.support.server import serve

pytestmark = pytest.mark.browser

PAGES = (
    "",
    "cy/",
    "case-studies/example-case-study/",
    "cy/astudiaethau-achos/astudiaeth-achos-enghreifftiol/",
    "case-studies/",
    "cy/astudiaethau-achos/",
)
WIDTHS = (375, 1280)
SCHEMES = {"light": "default", "dark": "slate"}


@pytest.fixture(scope="module")
def new_site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = init_site(tmp_path_factory.mktemp("browser-init") / "new-site")
    done = rhannu_build(project)
    assert done.returncode == 0, done.stdout + done.stderr
    with serve(project / "site") as url:
        yield url


@pytest.fixture(scope="module", params=[(width, scheme) for width in WIDTHS for scheme in SCHEMES])
def tab(request, browser, new_site_url: str):
    """One tab per width and scheme, shared by the pages it audits; the test fails if any page
    asked for anything off the site."""
    width, scheme = request.param
    context = browser.new_context(base_url=new_site_url, viewport={"width": width, "height": 800}, color_scheme=scheme)
    page = context.new_page()
    external: list[str] = []
    page.on("request", lambda made: None if made.url.startswith((new_site_url, "data:")) else external.append(made.url))
    yield page, SCHEMES[scheme]
    context.close()
    assert external == [], f"the page requested third-party URLs: {external}"


@pytest.mark.parametrize("path", PAGES)
def test_no_accessibility_violation_nor_sideways_scrolling(tab, path: str) -> None:
    page, scheme = tab
    page.goto(path)
    page.wait_for_function(f"document.body.getAttribute('data-md-color-scheme') === '{scheme}'", timeout=5000)
    settle(page)
    results = Axe().run(page, options=AXE_OPTIONS)
    violations = [f"{item['id']}: {[node['target'] for node in item['nodes']]}" for item in results.response["violations"]]
    assert violations == [], path
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth"), path


def test_the_header_shows_the_new_sites_logo_on_its_colour(browser, new_site_url: str) -> None:
    context = browser.new_context(base_url=new_site_url)
    page = context.new_page()
    page.goto("cy/")
    header = page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
    logo = page.evaluate("document.querySelector('.md-header__button.md-logo img').getAttribute('src')")
    context.close()
    assert header == "rgb(46, 74, 102)"  # --md-primary-fg-color in overrides/assets/stylesheets/colours.css
    assert Path(logo).name == "logo.svg"
