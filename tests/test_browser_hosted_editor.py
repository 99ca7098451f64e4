"""The published editor in Chromium: a copy of the sample site built with the `editor` option and
served as a static host serves it, /admin/ loads Decap from the site itself with the GitHub
backend of its config.yml, shows GitHub's sign-in and asks nothing off 127.0.0.1 until it is
clicked; the click goes to the OAuth proxy the option names."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from rhannu.site_check import axe_problems, html_pages, is_published_editor
from rhannu.static_host import serve
from tests.support.sites import build, copy_fixture
from tests.test_hosted_editor import BACKEND, with_decap, with_editor_option

pytestmark = pytest.mark.browser

SIGN_IN_TIMEOUT = 30_000  # ms: Decap's bundle, its config.yml and the sign-in page, under the test workers' load


@pytest.fixture(scope="module")
def published_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = with_decap(with_editor_option(copy_fixture(tmp_path_factory.mktemp("published") / "project"), BACKEND))
    result = build(project, tmp_path_factory.mktemp("published") / "site")
    assert result.returncode == 0, result.log
    return result.site


@pytest.fixture(scope="module")
def published(published_site: Path) -> Iterator[str]:
    with serve(published_site) as url:
        yield url


def test_the_published_editor_offers_github_sign_in_through_the_proxy_and_asks_nothing_elsewhere(browser, published: str) -> None:
    context = browser.new_context()
    off_machine: list[str] = []
    on_machine: list[str] = []

    def only_this_machine(route) -> None:
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            on_machine.append(urlsplit(route.request.url).path)
            route.continue_()
        else:
            off_machine.append(route.request.url)
            route.abort()

    context.route("**/*", only_this_machine)
    try:
        tab = context.new_page()
        tab.goto(published + "admin/")
        sign_in = tab.get_by_role("button", name="Login with GitHub")
        expect(sign_in).to_be_visible(timeout=SIGN_IN_TIMEOUT)
        assert off_machine == []
        assert {"/admin/", "/admin/decap-cms.js", "/admin/config.yml"} <= set(on_machine)
        with context.expect_page() as popup:
            sign_in.click()
        popup.value.wait_for_event("requestfailed", timeout=SIGN_IN_TIMEOUT)
        assert off_machine and all(url.startswith(BACKEND["base_url"] + "/auth?") for url in off_machine), off_machine
        assert "provider=github" in off_machine[0]
    finally:
        context.close()


def test_the_pre_deploy_check_holds_the_editors_page_to_what_rhannu_writes_of_it(
    browser, published_site: Path, tmp_path: Path
) -> None:
    """scripts/check-built-site runs axe on every page; on /admin/, Decap's own sign-in interface
    (its contrast, its landmarks) is not Rhannu's to mend, the page's language, title and viewport are."""
    page = published_site / "admin/index.html"
    assert page in html_pages(published_site) and is_published_editor(published_site, page)
    assert axe_problems(published_site, [page], browser) == []
    assert not is_published_editor(published_site, published_site / "index.html")
    broken = shutil.copytree(published_site, tmp_path / "site")
    page = broken / "admin/index.html"
    page.write_text(page.read_text(encoding="utf-8").replace('<html lang="en-GB">', "<html>"), encoding="utf-8")
    assert [problem.rule for problem in axe_problems(broken, [page], browser)] == ["html-has-lang"]
