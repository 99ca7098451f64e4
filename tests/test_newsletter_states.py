"""The newsletter says only what happened: before launch it says it has not started, once launched
and still empty it says when the next issue is due; and an item never published on the site has
no publication date anywhere."""

from __future__ import annotations

import json
from pathlib import Path

import feedparser
import pytest

from tests.support.sample_site import section
from tests.support.sites import BuildResult, build, copy_fixture, read_html

FEEDS = ("newsletters/feed.xml", "cy/cylchlythyrau/feed.xml", "cy/newsletters/feed.xml")  # the last: its old address


def _build_with(tmp_path: Path, first_issue: str, edit=None) -> BuildResult:
    project = copy_fixture(tmp_path / "project")
    settings = project / "data/newsletter.yml"
    settings.write_text(
        settings.read_text(encoding="utf-8").replace("first_issue: 2022-03-14", f"first_issue: {first_issue}"), encoding="utf-8"
    )
    if edit is not None:
        edit(project)
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.log
    return result


def _no_issue_text(site: Path, prefix: str) -> tuple[str, str]:
    archive = read_html(site / f"{section(prefix, 'newsletters')}/index.html").select_one(".rhannu-no-issue")
    home = read_html(site / f"{prefix}index.html").select_one(".rhannu-latest-issue .rhannu-no-issue")
    assert archive is not None and home is not None
    assert (site / f"{section(prefix, 'newsletters')}" / archive.a["href"] / "index.html").resolve() == (site / f"{prefix}subscribe/index.html")
    return archive.get_text(" ", strip=True), home.get_text(" ", strip=True)


def _unpublish_sharing_practice(project: Path) -> None:
    source = project / "case_studies/sample-sharing-practice.md"
    source.write_text(source.read_text(encoding="utf-8").replace("published: 2022-03-31\n", ""), encoding="utf-8")


@pytest.fixture(scope="module")
def unlaunched(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build_with(tmp_path_factory.mktemp("unlaunched"), "", _unpublish_sharing_practice).site


def test_before_launch_no_issue_is_built_and_every_page_says_it_has_not_started(unlaunched: Path) -> None:
    assert sorted(path.name for path in (unlaunched / "newsletters").iterdir()) == ["feed.xml", "index.html"]
    assert _no_issue_text(unlaunched, "") == ("The newsletter has not started yet. How to subscribe",) * 2
    assert _no_issue_text(unlaunched, "cy/") == ("Nid yw'r cylchlythyr wedi dechrau eto. Sut i danysgrifio",) * 2
    for feed in FEEDS:
        parsed = feedparser.parse((unlaunched / feed).read_bytes())
        assert (parsed.bozo, len(parsed.entries), parsed.feed.title != "") == (0, 0, True), feed


def test_an_item_never_published_here_has_no_publication_date_anywhere(unlaunched: Path) -> None:
    page = read_html(unlaunched / "case-studies/sample-sharing-practice/index.html")
    rows = [row.dt.get_text() for row in page.select(".rhannu-meta > div")]
    assert rows == ["PSB", "When", "Themes", "Approaches", "Source"]
    assert "datePublished" not in json.loads(page.select_one('script[type="application/ld+json"]').string)
    # its theme's feed: the everything-new feed keeps only its newest 50, and an undated item comes last
    feed = feedparser.parse((unlaunched / "case-studies/theme/sharing-practice/feed.xml").read_bytes())
    assert [entry.link.rsplit("/", 2)[-2] for entry in feed.entries][-1] == "sample-sharing-practice", "last: undated"
    entry = next(entry for entry in feed.entries if entry.link.endswith("/case-studies/sample-sharing-practice/"))
    assert "published" not in entry and feed.bozo == 0
    card = json.loads((unlaunched / "case-studies/cards.json").read_text(encoding="utf-8"))
    assert next(c for c in card if c["url"].endswith("/sample-sharing-practice/"))["date"] is None


def test_once_launched_and_still_empty_the_pages_say_when_the_first_issue_is_due(tmp_path: Path) -> None:
    site = _build_with(tmp_path, "2023-11-20").site  # after the pinned build date, 14 November 2023
    assert not any(path.is_dir() for path in (site / "newsletters").iterdir())
    assert _no_issue_text(site, "") == ("The next issue is due on 20 November 2023. How to subscribe",) * 2
    assert _no_issue_text(site, "cy/") == ("Mae disgwyl y rhifyn nesaf ar 20 Tachwedd 2023. Sut i danysgrifio",) * 2
