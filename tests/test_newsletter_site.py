"""End to end: newsletter issues, the archive and the RSS feeds of a real build."""

from __future__ import annotations

import email.utils
import os
import re
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

import feedparser
import pytest

from tests.support.sites import read_html

SITE_URL = "https://rhannu.example.org/"
ISSUES = ["2021-03-15", "2021-06-07", "2021-11-08", "2022-03-14", "2022-04-11"]
FEEDS = {
    ("newsletters", "en"): "newsletters/feed.xml",
    ("newsletters", "cy"): "cy/newsletters/feed.xml",
    ("all", "en"): "feed.xml",
    ("all", "cy"): "cy/feed.xml",
}
RFC822 = re.compile(r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$")
GOLDEN = Path(__file__).parent / "golden"


@pytest.mark.parametrize("prefix", ["", "cy/"])
def test_each_issue_is_built_in_both_languages(site: Path, prefix: str) -> None:
    built = sorted(path.parent.name for path in (site / f"{prefix}newsletters").glob("*/index.html"))
    assert built == ISSUES


def test_issue_27_in_welsh_has_welsh_dates_and_its_news(site: Path) -> None:
    soup = read_html(site / "cy/newsletters/2022-03-14/index.html")
    assert soup.select_one("article h1").get_text(strip=True) == "Cylchlythyr: 14 Mawrth 2022"
    assert soup.select_one(".rhannu-issue-summary").get_text() == "Rhifyn 27. Newyddion o 28 Chwefror 2022 i 13 Mawrth 2022."
    assert soup.select_one("#issue-news").get_text() == "Newyddion"
    assert "Addasu tîm prosiect Cwm Taf a Phen-y-bont ar Ogwr" in soup.select_one(".rhannu-news h3").get_text()


def test_issue_links_lead_to_built_pages(site: Path) -> None:
    page = site / "newsletters/2022-04-11/index.html"
    links = [a["href"] for a in read_html(page).select("article a[href]") if not a["href"].startswith("#")]
    assert links
    for href in links:
        assert (page.parent / href / "index.html").resolve().exists(), href


@pytest.mark.parametrize(("prefix", "title"), [("", "Newsletter: 11 April 2022"), ("cy/", "Cylchlythyr: 11 Ebrill 2022")])
def test_archive_by_year_and_latest_issue_on_home_page(site: Path, prefix: str, title: str) -> None:
    archive = read_html(site / f"{prefix}newsletters/index.html")
    assert [h2.get_text() for h2 in archive.select("article h2")] == ["2022", "2021"]
    assert len(archive.select(".rhannu-archive a")) == len(ISSUES)
    home = read_html(site / f"{prefix}index.html")
    latest = home.select_one(".rhannu-latest-issue a")
    assert latest["href"] == "newsletters/2022-04-11/"
    assert title.split(": ")[1] in latest.get_text()


def items_of(site: Path, path: str) -> list[ElementTree.Element]:
    return ElementTree.parse(site / path).getroot().findall("channel/item")


@pytest.mark.parametrize(("kind", "lang"), list(FEEDS))
def test_feeds_are_valid_rss_in_one_language(site: Path, kind: str, lang: str) -> None:
    path = FEEDS[(kind, lang)]
    parsed = feedparser.parse((site / path).read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "rss20"
    assert parsed.feed.language == ("en-GB" if lang == "en" else "cy")
    assert parsed.feed.title and parsed.feed.link and parsed.feed.subtitle
    assert any(link.rel == "self" and link.href == SITE_URL + path for link in parsed.feed.links)
    assert parsed.entries
    channel = ElementTree.parse(site / path).getroot().find("channel")
    dates = [email.utils.parsedate_to_datetime(item.findtext("pubDate")) for item in channel.findall("item")]
    assert email.utils.parsedate_to_datetime(channel.findtext("lastBuildDate")) == max(dates)
    for item in channel.findall("item"):
        link = item.findtext("link")
        assert item.findtext("guid") == link
        assert RFC822.match(item.findtext("pubDate")), item.findtext("pubDate")
        assert item.findtext("{http://purl.org/dc/elements/1.1/}language") == parsed.feed.language
        assert item.findtext("description")
        address = urlsplit(link).path.lstrip("/")
        assert address.startswith("cy/") == (lang == "cy"), link
        assert (site / address / "index.html").exists(), link
    if kind == "newsletters":
        assert all(entry.content[0].value for entry in parsed.entries), "the full issue in content:encoded"
        assert len(parsed.entries) == len(ISSUES)


def test_every_page_links_its_own_languages_feeds(site: Path) -> None:
    for page, prefix in ((site / "about/index.html", ""), (site / "cy/about/index.html", "cy/")):
        feeds = read_html(page).select('head link[rel="alternate"][type="application/rss+xml"]')
        assert [(page.parent / link["href"]).resolve() for link in feeds] == [
            (site / f"{prefix}newsletters/feed.xml").resolve(), (site / f"{prefix}feed.xml").resolve()
        ]


def test_welsh_newsletter_feed_matches_its_golden_file(site: Path) -> None:
    built = (site / "cy/newsletters/feed.xml").read_text(encoding="utf-8")
    golden = GOLDEN / "cy-newsletters-feed.xml"
    if os.environ.get("RHANNU_UPDATE_GOLDEN") == "1":
        golden.write_text(built, encoding="utf-8")
    assert built == golden.read_text(encoding="utf-8")
