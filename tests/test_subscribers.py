"""What subscribers get (issue 21): email items that link to themselves on the issue page, events
with an "Add to calendar" link and an optional end, subjects that say what is inside, the issue
page's section for editors, and feeds that a browser shows as a page. Unit tests on records, the
editor's errors through `rhannu check`, and the sample site as built. (In Chromium:
tests/test_browser_subscribers.py.)"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import feedparser
import icalendar
import pytest

from rhannu import calendar, feed_page, html_safety
from rhannu.cli import main
from rhannu.content_types import NEWS_ITEMS, NewsItem, Text
from rhannu.feeds import Channel, FeedItem, render_rss
from rhannu.issue_text import event_when, event_when_text, item_id
from rhannu.labels import ENGLISH, WELSH
from rhannu.message import LEAD_CHARS, shortened, subject, subject_part
from rhannu.newsletter import NETWORK, DayCadence, Issue, Section
from rhannu.site_info import SiteInfo
from tests.support.sample_site import welsh
from tests.support.sites import FIXTURE_URL, PINNED_EPOCH, check_errors, copy_fixture, edit, read_html

LONDON = ZoneInfo("Europe/London")
SECTIONS = {section.key: section for section in NEWS_ITEMS.sections}
SITE = SiteInfo(url="https://rhannu.example.org/", names={"en": "Rhannu", "cy": "Rhannu CY"})
ISSUE_1 = "newsletters/2022-03-14/"


def news(slug: str, kind: str = "news", *, start: dt.datetime | None = None, end: dt.datetime | None = None,
         has_time: bool = True, title: str | None = None) -> NewsItem:
    texts = {
        lang: Text(f"newsletters/{slug}{'' if lang == 'en' else '.cy'}.md", title or f"{slug} ({lang})", "Summary.", "Body.",
                   place="Y Neuadd" if kind == "event" else None)
        for lang in ("en", "cy")
    }
    return NewsItem(slug, kind, dt.datetime(2024, 3, 1, tzinfo=LONDON), start, has_time, None, False, texts, event_end=end)


def issue_of(*sections: Section) -> Issue:
    return Issue(number=None, start=None, published=dt.date(2024, 3, 11), sections=sections)


# --- Items get ids on the issue page ----------------------------------------------------------------


@pytest.mark.parametrize("slug", ["sample-news", "rhannu-launch", "issue-news", "a"])
def test_an_items_id_comes_from_its_slug_and_is_never_reserved(slug: str) -> None:
    identifier = item_id(news(slug))
    assert identifier == f"item-{slug}"
    assert not html_safety.reserved_id(identifier)
    assert not identifier.startswith("issue-"), "the sections' own ids start issue-"


def test_every_item_on_an_issue_page_has_its_id_once_and_the_emails_link_to_it(site: Path) -> None:
    for lang, prefix in (("en", ""), ("cy", "cy/")):
        page = read_html(site / welsh(ISSUE_1) / "index.html") if lang == "cy" else read_html(site / ISSUE_1 / "index.html")
        ids = [tag["id"] for tag in page.select("[id]")]
        assert len(ids) == len(set(ids)), "ids on the page are unique"
        articles = {article["id"] for article in page.select("article.rhannu-news")}
        assert articles == {"item-sample-news", "item-sample-event"}
        web = FIXTURE_URL + (welsh(ISSUE_1) if lang == "cy" else ISSUE_1)
        email = read_html(site / ISSUE_1 / f"email.{lang}.html")
        hrefs = [a["href"] for a in email.select("h3 a")]
        assert f"{web}#item-sample-news" in hrefs and f"{web}#item-sample-event" in hrefs
        assert web not in hrefs, "no item links to the top of the page alone"
        text = (site / ISSUE_1 / f"email.{lang}.txt").read_text(encoding="utf-8")
        assert f"{web}#item-sample-news\n" in text and f"{web}#item-sample-event\n" in text
        assert prefix in web


# --- Events: "Add to calendar" in the email, an optional end -----------------------------------------


def test_the_email_gives_each_event_an_absolute_add_to_calendar_link_to_a_file_the_site_has(site: Path) -> None:
    for lang in ("en", "cy"):
        email = read_html(site / ISSUE_1 / f"email.{lang}.html")
        table = ENGLISH if lang == "en" else WELSH
        (link,) = [a for a in email.select("a") if a.get_text() == table["add_to_calendar"]]
        expected = FIXTURE_URL + (welsh(ISSUE_1) if lang == "cy" else ISSUE_1) + "sample-event.ics"
        assert link["href"] == expected and link["type"] == "text/calendar"
        assert table["add_to_calendar_hint"] in link.parent.get_text()
        assert (site / urlsplit(expected).path.lstrip("/")).is_file()
        text = (site / ISSUE_1 / f"email.{lang}.txt").read_text(encoding="utf-8")
        assert f"{table['add_to_calendar']}: {expected}\n" in text
    assert not read_html(site / ISSUE_1 / "email.html").select("script")


def test_an_events_end_is_shown_as_precisely_as_its_start() -> None:
    two = dt.datetime(2024, 3, 17, 14, 0, tzinfo=LONDON)
    same_day = news("e", "event", start=two, end=two.replace(hour=16))
    next_day = news("e", "event", start=two, end=two + dt.timedelta(days=1, hours=2))
    days = news("e", "event", start=two.replace(hour=0), end=dt.datetime(2024, 3, 19, tzinfo=LONDON), has_time=False)
    one_day = news("e", "event", start=two.replace(hour=0), end=two.replace(hour=0), has_time=False)
    no_end = news("e", "event", start=two)
    assert event_when_text(same_day, "en") == "17 March 2024, 14:00\u201316:00"
    assert event_when_text(same_day, "cy") == "17 Mawrth 2024, 14:00\u201316:00"
    assert event_when_text(next_day, "en") == "17 March 2024, 14:00 \u2013 18 March 2024, 16:00"
    assert event_when_text(days, "cy") == "17 Mawrth 2024 \u2013 19 Mawrth 2024"
    assert event_when_text(one_day, "en") == "17 March 2024"
    assert event_when_text(no_end, "en") == "17 March 2024, 14:00"
    assert event_when(same_day, "en") == (
        '<time datetime="2024-03-17T14:00:00+00:00">17 March 2024, 14:00</time>\u2013'
        '<time datetime="2024-03-17T16:00:00+00:00">16:00</time>'
    )


def _vevent(item: NewsItem) -> icalendar.Event:
    ics = calendar.feed([issue_of(Section(SECTIONS["events"], (item,)))], "en", "Rhannu", SITE.url, cadence=DayCadence(dt.date(2021, 3, 1), 14))
    (event,) = icalendar.Calendar.from_ical(ics).walk("VEVENT")
    return event


def test_the_calendar_ends_an_event_where_the_editor_says_and_invents_no_end() -> None:
    start = dt.datetime(2024, 7, 11, 14, 0, tzinfo=LONDON)
    timed = _vevent(news("timed", "event", start=start, end=start.replace(hour=16, minute=30)))
    assert timed.decoded("DTEND") == start.replace(hour=16, minute=30)
    assert timed["DTEND"].params["TZID"] == "Europe/London"
    days = _vevent(news("days", "event", start=start.replace(hour=0), end=dt.datetime(2024, 7, 12, tzinfo=LONDON), has_time=False))
    assert (days.decoded("DTSTART"), days.decoded("DTEND")) == (dt.date(2024, 7, 11), dt.date(2024, 7, 13)), "DTEND is exclusive"
    for item in (news("instant", "event", start=start), news("day", "event", start=start.replace(hour=0), has_time=False)):
        event = _vevent(item)
        assert "DTEND" not in event and "DURATION" not in event


def test_the_sample_events_calendar_file_and_feed_carry_its_end(site: Path) -> None:
    for path in (f"{ISSUE_1}sample-event.ics", f"{welsh(ISSUE_1)}sample-event.ics", "events.ics", "cy/events.ics"):
        data = (site / path).read_bytes()
        assert b"\r\nDTSTART;TZID=Europe/London:20220317T140000\r\n" in data, path
        assert b"\r\nDTEND;TZID=Europe/London:20220317T150000\r\n" in data, path


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_fixture(tmp_path / "project")


def test_check_refuses_an_event_with_neither_place_nor_online_link(project: Path, capsys, monkeypatch) -> None:
    english = project / "newsletters/sample-event.md"
    edit(english, "place: Sample Community Hall\n", "")
    edit(english, "online_link: https://events.example.org/sample-learning-event\n", "")
    edit(project / "newsletters/sample-event.cy.md", "place: Neuadd Gymunedol Enghreifftiol\n", "")
    assert check_errors(project, capsys, monkeypatch) == [
        "newsletters/sample-event.md: field 'place': missing, and so is 'online_link': an event needs a place "
        "(in each language) or an online_link (a web address starting https://), or both"
    ]


def test_an_event_online_only_or_in_a_place_only_passes_check(project: Path, capsys, monkeypatch) -> None:
    edit(project / "newsletters/sample-event.md", "place: Sample Community Hall\n", "")
    edit(project / "newsletters/sample-event.cy.md", "place: Neuadd Gymunedol Enghreifftiol\n", "")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", PINNED_EPOCH)
    assert main(["--root", str(project), "check"]) == 0


@pytest.mark.parametrize(("end", "error"), [
    ("2022-03-17 13:00", "the event ends (2022-03-17 13:00) before it starts (2022-03-17 14:00): give an end on or after event_date"),
    ("2022-03-16", "expected a day and a time, YYYY-MM-DD HH:MM, as precise as event_date, which gives a time; got 2022-03-16"),
    ("soon", "expected YYYY-MM-DD or YYYY-MM-DD HH:MM; got 'soon'"),
])
def test_check_refuses_an_end_before_the_start_or_of_another_precision(project: Path, capsys, monkeypatch, end: str, error: str) -> None:
    edit(project / "newsletters/sample-event.md", "event_end: 2022-03-17 15:00", f"event_end: {end}")
    assert check_errors(project, capsys, monkeypatch) == [f"newsletters/sample-event.md: field 'event_end': {error}"]


def test_check_refuses_a_time_as_the_end_of_an_event_given_by_days(project: Path, capsys, monkeypatch) -> None:
    edit(project / "newsletters/sample-event.md", "event_date: 2022-03-17 14:00", "event_date: 2022-03-17")
    assert check_errors(project, capsys, monkeypatch) == [
        "newsletters/sample-event.md: field 'event_end': expected a day, YYYY-MM-DD, as precise as event_date, which gives "
        "a day alone; got 2022-03-17 15:00"
    ]


def test_only_events_have_an_end(project: Path, capsys, monkeypatch) -> None:
    edit(project / "newsletters/sample-news.md", "kind: news\n", "kind: news\nevent_end: 2022-03-20\n")
    assert check_errors(project, capsys, monkeypatch) == [
        "newsletters/sample-news.md: field 'event_end': only events have this field; this item's kind is 'news'"
    ]


# --- Subjects ----------------------------------------------------------------------------------------


def test_a_subject_leads_with_the_editorial_counts_the_rest_and_names_the_site() -> None:
    editorial = news("word", "editorial", title="A word from the editor")
    issue = issue_of(
        Section(SECTIONS["editorial"], (editorial,)),
        Section(SECTIONS["news"], (news("a"), news("b"))),
        Section(NETWORK, ("partner",)),
    )
    assert subject_part(issue, "en", SITE) == "A word from the editor + 3 more \u2013 Rhannu"
    assert subject_part(issue, "cy", SITE) == "A word from the editor + 3 arall \u2013 Rhannu CY"
    assert subject(issue, "both", SITE) == f"{subject_part(issue, 'cy', SITE)} / {subject_part(issue, 'en', SITE)}"
    assert subject(issue, "en", SITE) == subject_part(issue, "en", SITE)


def test_a_subject_with_one_item_has_no_count_and_partner_news_alone_is_named_as_a_section() -> None:
    assert subject_part(issue_of(Section(SECTIONS["news"], (news("a", title="Only news"),))), "en", SITE) == "Only news \u2013 Rhannu"
    partner = issue_of(Section(NETWORK, ("one", "two")))
    assert subject_part(partner, "cy", SITE) == f"{WELSH['network']} + 2 arall \u2013 Rhannu CY"


def test_a_long_title_is_shortened_at_a_word_with_an_ellipsis() -> None:
    title = "Co-production and involvement: what the Public Services Boards learnt in their first year"
    short = shortened(title, LEAD_CHARS)
    assert len(short) <= LEAD_CHARS and short.endswith("\u2026")
    assert title.startswith(short[:-1]) and title[len(short) - 1] == " ", "cut between words"
    assert shortened("Short", LEAD_CHARS) == "Short"
    issue = issue_of(Section(SECTIONS["news"], (news("a", title=title),)))
    assert subject_part(issue, "en", SITE) == f"{short} \u2013 Rhannu"


# --- The issue page's section for editors -----------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_the_issue_page_links_the_bilingual_edition_and_message_files_for_editors(site: Path, lang: str) -> None:
    folder = welsh(ISSUE_1) if lang == "cy" else ISSUE_1
    page_file = site / folder / "index.html"
    section = read_html(page_file).select_one("section.rhannu-editors")
    table = ENGLISH if lang == "en" else WELSH
    assert section.select_one("h2#issue-editors").get_text() == table["editors_heading"]
    assert table["editors_intro"] in section.get_text()
    links = {a.get_text(): a for a in section.select("a")}
    expected = {
        table["editors_bilingual_edition"]: "email.html",
        table["editors_message_bilingual"]: "email.eml",
        table["editors_message_cy"]: "email.cy.eml",
        table["editors_message_en"]: "email.en.eml",
    }
    assert set(links) == set(expected)
    for text, name in expected.items():
        target = (page_file.parent / links[text]["href"]).resolve()
        assert target == (site / ISSUE_1 / name).resolve() and target.is_file()
    assert [links[text]["type"] for text in expected] == ["text/html", *["message/rfc822"] * 3]


# --- Calendar links say what to do ------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_every_calendar_link_on_a_newsletter_page_says_what_to_do_with_it(site: Path, lang: str) -> None:
    table = ENGLISH if lang == "en" else WELSH
    root = site / (welsh("newsletters/") if lang == "cy" else "newsletters/")
    pages = [root / "index.html", *sorted(root.glob("*/index.html"))]
    assert len(pages) == 4
    checked = 0
    for page_file in pages:
        for link in read_html(page_file).select('a[href$=".ics"]'):
            said = link.parent.get_text()
            assert table["calendar_feed_hint"] in said or table["add_to_calendar_hint"] in said, (page_file, link)
            checked += 1
    assert checked == len(pages) + 1, "the calendar on every page, and the sample event's file on its issue's"
    subscribe = read_html(site / (welsh("subscribe/") if lang == "cy" else "subscribe/") / "index.html")
    (link,) = subscribe.select('a[href$=".ics"]')
    assert link.find_parent("ul").find_previous_sibling("p").get_text() == table["subscribe_calendar_intro"]


# --- Feeds in a browser: the XSL stylesheet -----------------------------------------------------------

XSL = "http://www.w3.org/1999/XSL/Transform"


def feeds(site: Path) -> list[Path]:
    found = sorted(site.rglob("*.xml"))
    return [path for path in found if path.name == "feed.xml"]


def test_every_feed_names_the_stylesheet_in_its_language_and_still_parses(site: Path) -> None:
    found = feeds(site)
    assert len(found) > 10
    for path in found:
        text = path.read_text(encoding="utf-8")
        lang = "cy" if path.relative_to(site).parts[0] == "cy" else "en"
        instruction = f'<?xml-stylesheet type="text/xsl" href="/{"cy/" if lang == "cy" else ""}feed.xsl"?>'
        assert text.split("\n")[1] == instruction, path
        parsed = feedparser.parse(text)
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        assert parsed.version == "rss20" and parsed.feed.language == ("cy" if lang == "cy" else "en-GB")
        assert (site / "cy/feed.xsl" if lang == "cy" else site / "feed.xsl").is_file()


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_the_stylesheet_is_xslt_in_the_feeds_language_and_loads_nothing(site: Path, lang: str) -> None:
    path = site / ("cy/feed.xsl" if lang == "cy" else "feed.xsl")
    assert path.read_text(encoding="utf-8") == feed_page.stylesheet(lang)
    root = ET.parse(path).getroot()
    assert root.tag == f"{{{XSL}}}stylesheet" and root.get("version") == "1.0"
    html = root.find(f"{{{XSL}}}template/html")
    assert html is not None and html.get("lang") == ("cy" if lang == "cy" else "en-GB")
    table = ENGLISH if lang == "en" else WELSH
    body = ET.tostring(root, encoding="unicode")
    for key in ("feed_page_intro", "feed_page_address", "feed_page_items", "feed_page_empty", "feed_page_site"):
        assert table[key] in body, key
    assert not re.search(r"(src|href)=\"(https?:)?//", body), "no address off the feed"
    assert "<script" not in body and "disable-output-escaping" not in body, "the feed's text is copied as text"


def test_the_stylesheet_address_follows_a_site_under_a_folder() -> None:
    assert feed_page.stylesheet_href("https://example.org/", "en") == "/feed.xsl"
    assert feed_page.stylesheet_href("https://example.org/rhannu/", "cy") == "/rhannu/cy/feed.xsl"


def test_a_feed_without_a_stylesheet_has_no_instruction_and_one_with_it_parses_the_same() -> None:
    item = FeedItem("Title <&>", "https://example.org/x/", dt.datetime(2024, 3, 1, tzinfo=dt.UTC), "Description")
    plain = Channel("T", "https://example.org/", "D", "cy", "https://example.org/feed.xml", (item,))
    styled = replace(plain, stylesheet="/cy/feed.xsl")
    assert "xml-stylesheet" not in render_rss(plain)
    parsed_plain, parsed_styled = feedparser.parse(render_rss(plain)), feedparser.parse(render_rss(styled))
    assert not parsed_styled.bozo
    assert parsed_plain.entries == parsed_styled.entries and parsed_plain.feed == parsed_styled.feed


def test_a_new_event_offers_an_end_and_still_must_say_where(project: Path, capsys, monkeypatch) -> None:
    from rhannu.scaffold import item_pair

    english, _ = item_pair("A gathering", dt.date(2022, 3, 1), "event")
    assert "\n# event_end: when it ends, as precisely as event_date" in english
    assert "\n# place: " in english and "\n# online_link: " in english
