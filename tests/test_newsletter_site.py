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

from rhannu.site_info import FEED_ITEMS
from tests.support.sample_site import CASE_STUDIES, ISSUES, LESSONS, section, within
from tests.support.sites import FIXTURE_URL, read_html

SITE_URL = FIXTURE_URL
FEEDS = {
    ("newsletters", "en"): "newsletters/feed.xml",
    ("newsletters", "cy"): "cy/cylchlythyrau/feed.xml",
    ("all", "en"): "feed.xml",
    ("all", "cy"): "cy/feed.xml",
}
RFC822 = re.compile(r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$")
GOLDEN = Path(__file__).parent / "golden"


@pytest.mark.parametrize("prefix", ["", "cy/"])
def test_each_issue_is_built_in_both_languages(site: Path, prefix: str) -> None:
    built = sorted(path.parent.name for path in (site / f"{section(prefix, 'newsletters')}").glob("*/index.html"))
    assert built == list(ISSUES)  # 2022-03-28 had nothing; the issue of 2023-11-20 is after the build date
    assert not (site / f"{section(prefix, 'newsletters')}/2022-03-28").exists() and not (site / f"{section(prefix, 'newsletters')}/2023-11-20").exists()


ISSUE_1 = {
    "cy": [
        ("issue-editorial", "Gair gan y golygydd", ["Gair enghreifftiol gan y golygydd: croeso i'r cylchlythyr enghreifftiol"]),
        ("issue-news", "Newyddion", ["Eitem newyddion enghreifftiol"]),
        ("issue-events", "Digwyddiadau i ddod", ["Digwyddiad dysgu enghreifftiol"]),
        ("issue-new_case_studies", "Astudiaethau achos newydd", ["Astudiaeth achos enghreifftiol: digwyddiadau ar-lein"]),
        ("issue-new_lessons", "Gwersi newydd a ddysgwyd", ["Gwers enghreifftiol: rhoi amser i gynllunio"]),
        ("issue-network", "O'r rhwydwaith", ["Sample partner news", "Newyddion enghreifftiol gan bartner"]),
    ],
    "en": [
        ("issue-editorial", "Editorial", ["Sample editorial: welcome to the sample newsletter"]),
        ("issue-news", "News", ["Sample news item"]),
        ("issue-events", "Events coming up", ["Sample learning event"]),
        ("issue-new_case_studies", "New case studies", ["Sample case study: online events"]),
        ("issue-new_lessons", "New lessons learnt", ["Sample lesson: allow time to plan"]),
        ("issue-network", "From the network", ["Sample partner news", "Newyddion enghreifftiol gan bartner"]),
    ],
}


@pytest.mark.parametrize(("prefix", "lang", "title", "summary"), [
    ("cy/", "cy", "Cylchlythyr: 14 Mawrth 2022", "Rhifyn 1. Newyddion hyd at 13 Mawrth 2022."),
    ("", "en", "Newsletter: 14 March 2022", "Issue 1. News up to 13 March 2022."),
])
def test_issue_1_has_every_section_in_its_language(site: Path, prefix: str, lang: str, title: str, summary: str) -> None:
    soup = read_html(site / f"{section(prefix, 'newsletters')}/2022-03-14/index.html")
    assert soup.select_one("article h1").get_text(strip=True) == title
    assert soup.select_one(".rhannu-issue-summary").get_text() == summary
    sections = [
        (section.h2["id"], section.h2.get_text(), [heading.get_text() for heading in section.select("h3, li > a")])
        for section in soup.select("section.rhannu-issue-section")
    ]
    assert sections == ISSUE_1[lang]


@pytest.mark.parametrize(("prefix", "when", "where"), [
    ("cy/", "17 Mawrth 2022, 14:00–15:00", ["Neuadd Gymunedol Enghreifftiol", "Ymuno ar-lein: Digwyddiad dysgu enghreifftiol"]),
    ("", "17 March 2022, 14:00–15:00", ["Sample Community Hall", "Join online: Sample learning event"]),
])
def test_the_event_shows_when_and_where_in_the_issue_before_it_happens(site: Path, prefix: str, when: str, where: list[str]) -> None:
    event = read_html(site / f"{section(prefix, 'newsletters')}/2022-03-14/index.html").select_one("#issue-events").find_parent("section")
    assert event.select_one("time")["datetime"] == "2022-03-17T14:00:00+00:00"
    values = [dd.get_text() for dd in event.select("dd")]
    assert values == [when, *where]
    assert event.select_one("dd a")["href"] == "https://events.example.org/sample-learning-event"


@pytest.mark.parametrize("prefix", ["", "cy/"])
def test_the_network_items_from_the_cache_keep_their_language_and_link_off_the_site(site: Path, prefix: str) -> None:
    network = read_html(site / f"{section(prefix, 'newsletters')}/2022-03-14/index.html").select_one("#issue-network").find_parent("section")
    items = [(li["lang"], li.a["href"]) for li in network.select("li")]
    assert items == [
        ("en-GB", "https://network.example.org/news/sample-partner-news"),
        ("cy", "https://network.example.org/cy/newyddion/newyddion-enghreifftiol"),
    ]
    assert not network.select("img, script")


def test_issue_2_lists_its_new_case_studies_and_lessons(site: Path) -> None:
    soup = read_html(site / "newsletters/2022-04-11/index.html")
    assert [section.h2.get_text() for section in soup.select("section.rhannu-issue-section")] == ["New case studies", "New lessons learnt"]
    studies = [a["href"] for a in soup.select("#issue-new_case_studies + ul a")]
    assert studies == [f"../../case-studies/{slug}/" for slug in sorted(
        [*(f"sample-case-study-{n:02}" for n in range(1, 31)), "sample-sharing-practice"])]
    lessons = [a["href"] for a in soup.select("#issue-new_lessons + ul a")]
    assert lessons == ["../../lessons/sample-permission/", "../../lessons/sample-skills/", "../../lessons/sample-uncited/"]


@pytest.mark.parametrize("issue", list(ISSUES))
def test_issue_links_lead_to_built_pages(site: Path, issue: str) -> None:
    page = site / f"newsletters/{issue}/index.html"
    body = read_html(page).select("article .rhannu-issue-section a[href], article .rhannu-pager a[href]")
    links = [a["href"] for a in body if not a["href"].startswith(("#", "https://")) and not a["href"].endswith(".ics")]
    # items, then the pager: previous and next issue where there is one, and "All newsletters"
    assert len(links) == {"2022-03-14": 2 + 2, "2022-04-11": 34 + 3, "2023-10-23": 22 + 2}[issue]
    for href in links:
        assert (page.parent / href / "index.html").resolve().exists(), href
    calendars = [a["href"] for a in body if a["href"].endswith(".ics")]  # each event's "Add to calendar"
    assert calendars == {"2022-03-14": ["sample-event.ics"]}.get(issue, [])
    for href in calendars:
        assert (page.parent / href).is_file(), href


@pytest.mark.parametrize(("prefix", "title"), [("", "Read the newsletter of 23 October 2023"), ("cy/", "Darllen cylchlythyr 23 Hydref 2023")])
def test_archive_by_year_and_latest_issue_on_home_page(site: Path, prefix: str, title: str) -> None:
    archive = read_html(site / f"{section(prefix, 'newsletters')}/index.html")
    assert [h2.get_text() for h2 in archive.select("article h2")] == ["2023", "2022"]
    assert [a["href"] for a in archive.select(".rhannu-archive > li > a")] == [f"{day}/" for day in reversed(ISSUES)]
    assert [span.get_text() for span in archive.select(".rhannu-archive > li > span")] == [
        f"({'Rhifyn' if prefix else 'Issue'} {number})" for number in reversed(ISSUES.values())
    ]
    home = read_html(site / f"{prefix}index.html")
    latest = home.select_one(".rhannu-latest-issue a")
    assert latest["href"] == within(prefix, "newsletters/2023-10-23/")
    assert latest.get_text() == title


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
    total = len(ISSUES) + (0 if kind == "newsletters" else len(CASE_STUDIES) + len(LESSONS))
    assert len(parsed.entries) == min(total, FEED_ITEMS), "every item, up to extra.feed_items (unset: the default)"
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
        assert [entry.title for entry in parsed.entries] == (
            ["Newsletter: 23 October 2023", "Newsletter: 11 April 2022", "Newsletter: 14 March 2022"] if lang == "en"
            else ["Cylchlythyr: 23 Hydref 2023", "Cylchlythyr: 11 Ebrill 2022", "Cylchlythyr: 14 Mawrth 2022"]
        )
    else:
        assert parsed.entries[0].title == ("Newsletter: 23 October 2023" if lang == "en" else "Cylchlythyr: 23 Hydref 2023")
    dated = [entry.published_parsed for entry in parsed.entries if "published_parsed" in entry]
    assert dated == sorted(dated, reverse=True), "newest first"


def test_every_page_links_its_own_languages_feeds(site: Path) -> None:
    for page, prefix in ((site / "about/index.html", ""), (site / "cy/amdanom/index.html", "cy/")):
        feeds = read_html(page).select('head link[rel="alternate"][type="application/rss+xml"]')
        assert [(page.parent / link["href"]).resolve() for link in feeds] == [
            (site / f"{section(prefix, 'newsletters')}/feed.xml").resolve(), (site / f"{prefix}feed.xml").resolve()
        ]


def test_welsh_newsletter_feed_matches_its_golden_file(site: Path) -> None:
    built = (site / "cy/cylchlythyrau/feed.xml").read_text(encoding="utf-8")
    assert not (site / "cy/newsletters").exists(), "no copy at an address never published"
    golden = GOLDEN / "cy-newsletters-feed.xml"
    if os.environ.get("RHANNU_UPDATE_GOLDEN") == "1":
        golden.write_text(built, encoding="utf-8")
    assert built == golden.read_text(encoding="utf-8")
