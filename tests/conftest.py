from __future__ import annotations

from pathlib import Path

import pytest

from rhannu.content_types import CASE_STUDIES, LESSONS, NEWS_ITEMS, restore_types, use_types
from rhannu.languages import STARTING, restore_languages, use_languages
from tests.support.sites import BuildResult, build, copy_fixture


@pytest.fixture(autouse=True)
def todays_types():
    """Each test starts with Rhannu's default types (rhannu.content_types) and its starting languages
    (rhannu.languages): loading a site makes its
    own types current for the rest of that context, as a build needs, and one test's site must not
    leak into the next."""
    token, languages = use_types((NEWS_ITEMS, CASE_STUDIES, LESSONS)), use_languages(STARTING)
    yield
    restore_languages(languages)
    restore_types(token)


@pytest.fixture(scope="session")
def sample_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of the sample site (tests/fixture_site), built with the rhannu plugin, for the
    session. Read-only: a test that changes files makes its own with copy_fixture."""
    return copy_fixture(tmp_path_factory.mktemp("sample") / "project")


@pytest.fixture(scope="session")
def built_site(sample_project: Path, tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The sample site, built once per test session with --strict and a pinned date."""
    result = build(sample_project, tmp_path_factory.mktemp("site") / "site")
    assert result.returncode == 0, result.log
    return result


@pytest.fixture(scope="session")
def site(built_site: BuildResult) -> Path:
    return built_site.site


@pytest.fixture(scope="session")
def site_url(site: Path):
    from tests.support.server import serve

    with serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    from tests.support.browser import CHROMIUM_ARGS, require_chromium

    executable = require_chromium()
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(executable), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, site_url: str):
    context = browser.new_context(base_url=site_url)
    tab = context.new_page()
    external: list[str] = []
    tab.on(
        "request",
        lambda request: (
            external.append(request.url) if not request.url.startswith(site_url) and not request.url.startswith("data:") else None
        ),
    )
    yield tab
    context.close()
    assert external == [], f"the page requested third-party URLs: {external}"


@pytest.fixture
def open_tab(browser, site_url: str):
    """Opens tabs on the sample site at a viewport and a colour scheme, each closed after the
    test, which fails if any of them asked for anything off the site."""
    contexts, external = [], []

    def opened(viewport: dict[str, int], scheme: str = "light"):
        context = browser.new_context(base_url=site_url, viewport=viewport, color_scheme=scheme)
        contexts.append(context)
        tab = context.new_page()
        tab.on("request", lambda request: None if request.url.startswith((site_url, "data:")) else external.append(request.url))
        return tab

    yield opened
    for context in contexts:
        context.close()
    assert external == [], f"the page requested third-party URLs: {external}"
