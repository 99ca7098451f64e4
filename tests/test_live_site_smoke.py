"""Smoke tests of the project's LIVE content: it builds with --strict, and what holds for any valid
content holds for it. No counts, titles or dates of live content: editors add, change and remove
content freely; every other end-to-end test builds the sample site in tests/fixture_site."""

from __future__ import annotations

from pathlib import Path

import feedparser
import pytest

from tests.support.sites import (
    PROJECT,
    BuildResult,
    build,
    html_pages,
    internal_links,
    is_redirect,
    language_switch_target,
    url_of,
)

# The feeds every site has; the Welsh issues' feed also stays at its address from before the
# Welsh section names. Feeds per PSB and per theme come and go with data/taxonomy.yml.
FEEDS = ["feed.xml", "newsletters/feed.xml", "cy/feed.xml", "cy/cylchlythyrau/feed.xml"]


@pytest.fixture(scope="module")
def live_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    result: BuildResult = build(PROJECT, tmp_path_factory.mktemp("live") / "site", strict=True)
    assert result.returncode == 0, result.log
    return result.site


def test_the_live_site_builds_with_strict_and_has_a_home_page_in_each_language(live_site: Path) -> None:
    assert (live_site / "index.html").is_file() and (live_site / "cy/index.html").is_file()
    assert (live_site / "404.html").is_file()


def test_every_page_has_its_twin_in_the_other_language(live_site: Path) -> None:
    """Each page's language switch leads to a page whose switch leads back (Welsh pages have
    Welsh addresses, so twins are found by their links, not by their paths)."""
    pages = {url_of(live_site, page): page for page in html_pages(live_site) if not is_redirect(page)}
    pages.pop("404.html")
    pages.pop("cy/404.html")
    assert "" in pages and "cy/" in pages
    for url, page in pages.items():
        twin = language_switch_target(live_site, page)
        assert twin in pages and twin.startswith("cy/") != url.startswith("cy/"), f"{url}: its twin {twin} is missing"
        assert language_switch_target(live_site, pages[twin]) == url, f"{twin} does not lead back to {url}"


def test_no_broken_internal_links(live_site: Path) -> None:
    checked, broken = internal_links(live_site)
    assert checked > 0
    assert broken == [], "\n".join(broken[:30])


def test_every_feed_parses_without_problems(live_site: Path) -> None:
    found = sorted(p.relative_to(live_site).as_posix() for p in live_site.rglob("feed.xml"))
    assert set(FEEDS) <= set(found), "the site's own feeds"
    for path in found:
        parsed = feedparser.parse((live_site / path).read_bytes())
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        assert parsed.version == "rss20", path
        assert parsed.feed.language == ("cy" if path.startswith("cy/") else "en-GB"), path


# The programme's newsletter ran from its first year; only this site's archive is newer.
NOT_STARTED = ("has not started", "not started yet", "wedi dechrau eto", "heb ddechrau")


def test_no_page_feed_or_calendar_says_the_newsletter_has_not_started(live_site: Path) -> None:
    outputs = [*live_site.rglob("*.html"), *live_site.rglob("*.xml"), *live_site.rglob("*.ics")]
    assert any(path.suffix == ".ics" for path in outputs), "the events calendars"
    saying = []
    for path in outputs:
        text = " ".join(path.read_bytes().decode("utf-8").replace("\r\n ", "").split())  # calendars fold lines
        saying += [f"{path.relative_to(live_site)}: {phrase!r}" for phrase in NOT_STARTED if phrase in text.lower()]
    assert saying == [], "\n".join(saying)
