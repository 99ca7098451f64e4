"""Events in calendars (rhannu/calendar.py): the RFC 5545 rules checked on the raw bytes, the
feed parsed back with icalendar, times across the clock changes, and the sample site's event in
both languages' feeds, its own file and its issue page's "Add to calendar" link."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest

from rhannu import calendar
from rhannu.content_types import NEWS_ITEMS, NewsItem, Text
from rhannu.newsletter import DayCadence, Issue, Section
from tests.support.sample_site import welsh
from tests.support.sites import FIXTURE_URL, build, read_html

LONDON = ZoneInfo("Europe/London")
SITE = "https://rhannu.example.org/"
FORTNIGHTLY = DayCadence(dt.date(2021, 3, 1), 14)
EVENTS = next(section for section in NEWS_ITEMS.sections if section.key == "events")


def news_event(slug: str, start: dt.datetime, *, has_time: bool = True, place: str | None = "Y Neuadd", **text: str) -> NewsItem:
    texts = {
        lang: Text(
            path=f"newsletters/{slug}{'' if lang == 'en' else '.cy'}.md",
            title=text.get(f"title_{lang}", f"{slug} ({lang})"),
            summary=text.get(f"summary_{lang}", f"Summary in {lang}."),
            body=text.get(f"body_{lang}", f"Body in {lang}."),
            place=place,
        )
        for lang in ("en", "cy")
    }
    return NewsItem(
        slug=slug,
        kind="event",
        published=dt.datetime(2022, 3, 1, tzinfo=LONDON),
        event_start=start,
        event_has_time=has_time,
        online_link=None,
        draft=False,
        texts=texts,
    )


def issue_of(*items: NewsItem, published: dt.date = dt.date(2022, 3, 14)) -> Issue:
    return Issue(number=1, start=None, published=published, sections=(Section(EVENTS, items),))


def lines(ics: bytes) -> list[bytes]:
    """The content lines of an .ics file, checking RFC 5545 §3.1 on the way: every line ends in
    CRLF, no line is longer than 75 octets, a folded line goes on with one space."""
    assert ics.endswith(b"\r\n")
    raw = ics[:-2].split(b"\r\n")
    assert not any(b"\n" in line or b"\r" in line for line in raw), "a bare LF or CR outside a CRLF"
    too_long = [line for line in raw if len(line) > 75]
    assert not too_long, too_long
    unfolded: list[bytes] = []
    for line in raw:
        if line.startswith(b" "):
            unfolded[-1] += line[1:]
        else:
            unfolded.append(line)
    for line in unfolded:
        line.decode("utf-8")  # a fold never splits a character: each unfolded line is valid UTF-8
    return unfolded


def vevents(ics: bytes) -> list[list[bytes]]:
    found, current = [], None
    for line in lines(ics):
        if line == b"BEGIN:VEVENT":
            current = []
        elif line == b"END:VEVENT":
            found.append(current)
            current = None
        elif current is not None:
            current.append(line)
    return found


def test_an_event_at_two_in_summer_and_in_winter_keeps_its_local_time_and_offset() -> None:
    summer = news_event("summer", dt.datetime(2024, 7, 11, 14, 0, tzinfo=LONDON))
    winter = news_event("winter", dt.datetime(2024, 1, 11, 14, 0, tzinfo=LONDON))
    # the days either side of the changes in 2024 (31 March, 27 October)
    spring_after = news_event("spring-after", dt.datetime(2024, 4, 1, 14, 0, tzinfo=LONDON))
    autumn_after = news_event("autumn-after", dt.datetime(2024, 10, 28, 14, 0, tzinfo=LONDON))
    ics = calendar.feed([issue_of(summer, winter, spring_after, autumn_after)], "en", "Rhannu", SITE, cadence=FORTNIGHTLY)

    starts = {
        next(line for line in event if line.startswith(b"UID:")): next(line for line in event if line.startswith(b"DTSTART"))
        for event in vevents(ics)
    }
    for slug, day in (("summer", "20240711"), ("winter", "20240111"), ("spring-after", "20240401"), ("autumn-after", "20241028")):
        assert starts[f"UID:{slug}@rhannu.example.org".encode()] == f"DTSTART;TZID=Europe/London:{day}T140000".encode()

    parsed = {str(event["UID"]): event.decoded("DTSTART") for event in icalendar.Calendar.from_ical(ics).walk("VEVENT")}
    offsets = {uid.split("@")[0]: start.utcoffset() for uid, start in parsed.items()}
    assert offsets == {
        "summer": dt.timedelta(hours=1),
        "winter": dt.timedelta(0),
        "spring-after": dt.timedelta(hours=1),
        "autumn-after": dt.timedelta(0),
    }
    assert parsed["summer@rhannu.example.org"].astimezone(dt.UTC).hour == 13
    assert parsed["winter@rhannu.example.org"].astimezone(dt.UTC).hour == 14


def test_the_written_time_zone_agrees_with_the_time_zone_database() -> None:
    """The VTIMEZONE is written from the rules, not from tzdata: a calendar app that reads only
    it must place every hour of 2021-2035 where Europe/London is, across each change."""
    zone = icalendar.Timezone.from_ical(calendar.london_timezone().to_ical()).to_tz(lookup_tzid=False)
    moment = dt.datetime(2021, 1, 1, 0, 30)
    wrong = []
    while moment.year < 2036:
        exists = moment.replace(tzinfo=LONDON).astimezone(dt.UTC).astimezone(LONDON).replace(tzinfo=None) == moment
        if exists and zone.utcoffset(moment) != moment.replace(tzinfo=LONDON).utcoffset():  # not in the spring gap
            wrong.append(moment)
        moment += dt.timedelta(hours=1)
    assert wrong == []


def test_a_day_without_a_time_is_an_all_day_event() -> None:
    item = news_event("all-day", dt.datetime(2024, 6, 5, tzinfo=LONDON), has_time=False)
    (event,) = vevents(calendar.feed([issue_of(item)], "cy", "Rhannu", SITE, cadence=FORTNIGHTLY))
    assert b"DTSTART;VALUE=DATE:20240605" in event
    assert not any(line.startswith(b"DTEND") for line in event)
    parsed = next(iter(icalendar.Calendar.from_ical(calendar.feed([issue_of(item)], "cy", "Rhannu", SITE, cadence=FORTNIGHTLY)).walk("VEVENT")))
    assert parsed.decoded("DTSTART") == dt.date(2024, 6, 5)


def test_each_event_has_a_stable_uid_and_a_dtstamp_from_its_own_day() -> None:
    item = news_event("gathering", dt.datetime(2024, 7, 11, 14, 0, tzinfo=LONDON))
    unpublished = news_event("never-published", dt.datetime(2024, 8, 1, 10, 0, tzinfo=LONDON))
    unpublished = NewsItem(**{**unpublished.__dict__, "published": None})
    ics = calendar.feed([issue_of(item, unpublished)], "en", "Rhannu", "https://example.org:8443/", cadence=FORTNIGHTLY)
    first, second = vevents(ics)
    assert b"UID:gathering@example.org" in first and b"DTSTAMP:20220301T000000Z" in first
    assert b"UID:never-published@example.org" in second and b"DTSTAMP:20240801T090000Z" in second  # its own date, in UTC
    assert ics == calendar.feed([issue_of(item, unpublished)], "en", "Rhannu", "https://example.org:8443/", cadence=FORTNIGHTLY)


def test_summary_description_and_place_are_in_the_feeds_language() -> None:
    item = news_event(
        "bilingual",
        dt.datetime(2024, 7, 11, 14, 0, tzinfo=LONDON),
        title_en="Learning event",
        title_cy="Digwyddiad dysgu",
        summary_cy="Awr o ddysgu.",
        body_cy="Dewch i'r **neuadd**.",
    )
    for lang, title, tag in (("en", "Learning event", "en-GB"), ("cy", "Digwyddiad dysgu", "cy")):
        parsed = next(iter(icalendar.Calendar.from_ical(calendar.feed([issue_of(item)], lang, "Rhannu", SITE, cadence=FORTNIGHTLY)).walk("VEVENT")))
        assert str(parsed["SUMMARY"]) == title
        assert parsed["SUMMARY"].params["LANGUAGE"] == tag
        assert str(parsed["LOCATION"]) == "Y Neuadd"
    welsh_event = next(iter(icalendar.Calendar.from_ical(calendar.feed([issue_of(item)], "cy", "Rhannu", SITE, cadence=FORTNIGHTLY)).walk("VEVENT")))
    assert str(welsh_event["DESCRIPTION"]) == "Awr o ddysgu.\n\nDewch i'r neuadd."
    # with no online link, the URL is the page of the issue that announces it, in the language
    assert str(welsh_event["URL"]) == "https://rhannu.example.org/cy/cylchlythyrau/2022-03-14/"


def test_line_breaks_and_separators_in_text_stay_in_their_value() -> None:
    """A title or place trying to end the event and start another is escaped, never obeyed."""
    hostile = "Hall; Room 2, floor 1\r\nEND:VEVENT\r\nBEGIN:VEVENT\nUID:evil"
    item = news_event(
        "hostile", dt.datetime(2024, 7, 11, 14, 0, tzinfo=LONDON), place=hostile, title_en="Two\nlines: " + "ŵ" * 60
    )
    ics = calendar.feed([issue_of(item)], "en", "Rhannu", SITE, cadence=FORTNIGHTLY)
    (event,) = vevents(ics)  # lines() checks every line is CRLF-ended and at most 75 octets
    assert not any(line.startswith(b"UID:evil") for line in event)
    parsed = next(iter(icalendar.Calendar.from_ical(ics).walk("VEVENT")))
    assert str(parsed["LOCATION"]) == hostile.replace("\r\n", "\n")
    assert str(parsed["SUMMARY"]) == "Two\nlines: " + "ŵ" * 60


def test_a_link_with_a_line_break_is_refused_with_the_event_named() -> None:
    item = news_event("bad-link", dt.datetime(2024, 7, 11, 14, 0, tzinfo=LONDON))
    item = NewsItem(**{**item.__dict__, "online_link": "https://example.org/\r\nATTACH:x"})
    with pytest.raises(ValueError, match=re.escape("bad-link@rhannu.example.org")):
        calendar.feed([issue_of(item)], "en", "Rhannu", SITE, cadence=FORTNIGHTLY)


def test_news_without_an_event_date_gets_no_entry() -> None:
    """event_date holds a day or a day and a time: the schema cannot date an event to a month or
    a season. What has no day (news, or a record without an event date) stays out."""
    event = news_event("dated", dt.datetime(2024, 7, 11, 14, 0, tzinfo=LONDON))
    undated = NewsItem(**{**event.__dict__, "slug": "undated", "event_start": None})
    news = NewsItem(**{**event.__dict__, "slug": "news", "kind": "news", "event_start": None})
    ics = calendar.feed([issue_of(event, undated, news)], "en", "Rhannu", SITE, cadence=FORTNIGHTLY)
    assert [str(entry["UID"]) for entry in icalendar.Calendar.from_ical(ics).walk("VEVENT")] == ["dated@rhannu.example.org"]


def test_a_feed_with_no_events_is_still_a_valid_calendar() -> None:
    ics = calendar.feed([], "cy", "Rhannu", SITE, cadence=FORTNIGHTLY)
    parsed = icalendar.Calendar.from_ical(ics)
    assert parsed["VERSION"] == "2.0" and parsed.walk("VEVENT") == []
    assert str(parsed["X-WR-CALNAME"]) == "Digwyddiadau: Rhannu"


# --- the sample site ---------------------------------------------------------------------------


def test_the_sample_event_is_in_both_languages_feeds(site: Path) -> None:
    titles = {"": "Sample learning event", "cy/": "Digwyddiad dysgu enghreifftiol"}
    for prefix, title in titles.items():
        ics = (site / prefix / "events.ics").read_bytes()
        lines(ics)
        assert re.search(rb"BEGIN:VTIMEZONE\r\nTZID:Europe/London\r\n", ics)
        (event,) = icalendar.Calendar.from_ical(ics).walk("VEVENT")
        assert str(event["SUMMARY"]) == title
        assert str(event["UID"]) == "sample-event@sample.rhannu.example.org"
        assert event.decoded("DTSTAMP") == dt.datetime(2022, 3, 1, tzinfo=dt.UTC)
        start = event.decoded("DTSTART")
        assert (start.isoformat(), event["DTSTART"].params["TZID"]) == ("2022-03-17T14:00:00+00:00", "Europe/London")
        assert str(event["URL"]) == "https://events.example.org/sample-learning-event"
        assert str(event["LOCATION"]) == {"": "Sample Community Hall", "cy/": "Neuadd Gymunedol Enghreifftiol"}[prefix]


@pytest.mark.parametrize("english_url", ["newsletters/2022-03-14/"])
@pytest.mark.parametrize("lang", ["en", "cy"])
def test_add_to_calendar_on_the_issue_page_opens_a_file_of_that_event(site: Path, english_url: str, lang: str) -> None:
    address = english_url if lang == "en" else welsh(english_url)
    page = read_html(site / address / "index.html")
    (link,) = page.select(".rhannu-add-to-calendar a")
    words = {"en": "Add to calendar: Sample learning event", "cy": "Ychwanegu at galendr: Digwyddiad dysgu enghreifftiol"}
    assert link.get_text() == words[lang]
    assert link["type"] == "text/calendar"
    target = site / address / link["href"]
    (event,) = vevents(target.read_bytes())
    assert b"UID:sample-event@sample.rhannu.example.org" in event
    (feed_event,) = vevents((site / ("" if lang == "en" else "cy/") / "events.ics").read_bytes())
    assert event == feed_event  # the same entry as in the language's feed


def test_the_subscribe_page_and_the_archive_link_the_languages_calendar(site: Path) -> None:
    for prefix in ("", "cy/"):
        subscribe = read_html(site / prefix / "subscribe/index.html")
        code = subscribe.select_one("#subscribe-calendar ~ ul code")
        assert code is not None and code.get_text() == f"{FIXTURE_URL}{prefix}events.ics"
        archive_url = "newsletters/" if not prefix else welsh("newsletters/")
        archive = read_html(site / archive_url / "index.html")
        link = archive.select_one('.rhannu-issue-links a[type="text/calendar"]')
        assert link is not None and (site / archive_url / link["href"]).resolve() == (site / prefix / "events.ics").resolve()


def test_two_builds_write_the_same_calendars(site: Path, sample_project: Path, tmp_path: Path) -> None:
    again = build(sample_project, tmp_path / "again")
    assert again.returncode == 0, again.log
    written = sorted(path.relative_to(site) for path in site.rglob("*.ics"))
    assert len(written) == 4  # two feeds, and the sample event's file in each language
    assert written == sorted(path.relative_to(again.site) for path in again.site.rglob("*.ics"))
    for path in written:
        assert (site / path).read_bytes() == (again.site / path).read_bytes(), path
