"""The newsletter's events as iCalendar (RFC 5545): a feed per language and a file per event.

Plain functions: `announced_events()` turns the published issues into `CalendarEvent` records
in one language, and `render()` turns records into the bytes of a `.ics` file, written with the
`icalendar` library. The build writes two kinds of file (`rhannu.outputs`):

- `events.ics` at each language's root (`/events.ics`, `/cy/events.ics`): every event announced
  in a published issue, for readers who subscribe to it in their calendar app;
- one file per event beside the issue page that announces it
  (`/newsletters/2022-03-14/sample-event.ics`, `/cy/cylchlythyrau/2022-03-14/sample-event.ics`),
  which the issue's "Add to calendar" link opens: a one-event file is what mail and phone
  calendars import best, where the feed would add every event at once.

The bytes reproduce: each event's UID comes from its slug and the site's host, its DTSTAMP from
the day it was published (else its own date), never the build's clock, and the Europe/London
time zone is written from its rules, not from the machine's time zone database. An event with a
time starts at that time in Europe/London (DTSTART;TZID=Europe/London); one with a day alone is
an all-day event (DTSTART;VALUE=DATE).

Its end is written only where the editor gave one (`event_end`, as precise as `event_date`): a
timed event ends at that time (DTEND;TZID=Europe/London), an all-day event after its last day
(DTEND;VALUE=DATE is the day after, as RFC 5545 counts an end as exclusive). Without one, no
DTEND or DURATION is written, so no length is invented: by RFC 5545 (3.6.1) an all-day DTSTART
alone lasts that one day, and a timed DTSTART alone "ends on the same calendar date and time of
day" (an instant), which calendars show at its start time, the one thing the source says.
`event_date` holds a day or a day and a time, never a month or a season alone; an event without
a day (which the schema cannot make today) is left out of the calendar.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

import icalendar

from rhannu.content_types import NewsItem
from rhannu.dates import LONDON
from rhannu.issue_text import markdown_text
from rhannu.labels import label
from rhannu.languages import DEFAULT, language
from rhannu.newsletter import Cadence, Issue, cadence_adjective
from rhannu.routes import issue_path
from rhannu.urls import absolute, url
from rhannu.views import text_in

TZID = "Europe/London"
PRODID = "-//Rhannu//Rhannu events//EN"  # names the program that wrote the file, not its language


@dataclass(frozen=True)
class CalendarEvent:
    """One event as a calendar holds it, in one language."""

    uid: str  # stable: the item's slug at the site's host
    stamp: dt.datetime  # aware: when the entry was made, from its own dates
    start: dt.datetime  # aware, in Europe/London; midnight where `has_time` is False
    has_time: bool
    summary: str
    description: str
    location: str | None
    link: str  # absolute: the online link, else the issue page that announces it
    lang: str  # the language its text is in (English where the Welsh twin is missing)
    end: dt.datetime | None = None  # aware; its end time, or midnight of its last day; None: not given


def host(site_url: str) -> str:
    name = urlsplit(site_url).hostname
    if not name:
        raise ValueError(f"site_url {site_url!r} has no host: calendar UIDs are made from it")
    return name


def calendar_event(item: NewsItem, issue: Issue, lang: str, site_url: str) -> CalendarEvent | None:
    """The item as a calendar entry in `lang`, or None where it has no day (not an event)."""
    if item.kind != "event" or item.event_start is None:
        return None
    text = text_in(item, lang)
    start = item.event_start.astimezone(LONDON)
    description = "\n\n".join(
        part for part in (text.summary, *(" ".join(block.split()) for block in markdown_text(text.body).split("\n\n"))) if part
    )
    return CalendarEvent(
        uid=f"{item.slug}@{host(site_url)}",
        stamp=(item.published or item.event_start).astimezone(dt.UTC),
        start=start,
        has_time=item.event_has_time,
        summary=text.title,
        description=description,
        location=text.place,
        link=item.online_link or absolute(site_url, url(issue_path(issue), lang)),
        lang=lang if lang in item.texts else DEFAULT.code,
        end=item.event_end.astimezone(LONDON) if item.event_end is not None else None,
    )


def announced_events(issues: Iterable[Issue], lang: str, site_url: str) -> list[tuple[Issue, NewsItem, CalendarEvent]]:
    """Every event announced in `issues` that has a day, in `lang`, soonest first."""
    found = [
        (issue, item, event)
        for issue in issues
        for item in issue.items("events")
        if (event := calendar_event(item, issue, lang, site_url)) is not None
    ]
    return sorted(found, key=lambda entry: (entry[2].start, entry[2].uid))


def london_timezone() -> icalendar.Timezone:
    """Europe/London by its rules since 1996 (EU summer time: the last Sunday of March at 01:00
    GMT to the last Sunday of October at 01:00 GMT), the same bytes whatever tzdata says."""
    zone = icalendar.Timezone()
    zone.add("tzid", TZID)
    for kind, first, month, before, after, name in (
        (icalendar.TimezoneDaylight, dt.datetime(1996, 3, 31, 1, 0), 3, "+0000", "+0100", "BST"),
        (icalendar.TimezoneStandard, dt.datetime(1996, 10, 27, 2, 0), 10, "+0100", "+0000", "GMT"),
    ):
        part = kind()
        part.add("dtstart", first)
        part.add("rrule", {"freq": "yearly", "bymonth": month, "byday": "-1SU"})
        part.add("tzoffsetfrom", dt.timedelta(hours=int(before[:3])))
        part.add("tzoffsetto", dt.timedelta(hours=int(after[:3])))
        part.add("tzname", name)
        zone.add_component(part)
    return zone


def render(events: Iterable[CalendarEvent], lang: str, name: str, description: str) -> bytes:
    """A VCALENDAR of `events` (in the order given), named in `lang`: CRLF line ends, lines
    folded at 75 octets, text values escaped (a line break in a title stays in the title)."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    tag = language(lang).tag
    cal.add("name", name, parameters={"language": tag})
    cal.add("x-wr-calname", name)
    cal.add("description", description, parameters={"language": tag})
    cal.add("x-wr-caldesc", description)
    cal.add("x-wr-timezone", TZID)
    cal.add_component(london_timezone())
    for event in events:
        cal.add_component(_vevent(event))
    return cal.to_ical()


def _vevent(event: CalendarEvent) -> icalendar.Event:
    if any(ord(char) < 32 for char in event.link):
        raise ValueError(f"{event.uid}: the event's link {event.link!r} holds a control character")
    if event.start.tzinfo is None or event.stamp.tzinfo is None:
        raise ValueError(f"{event.uid}: calendar dates must be timezone-aware")
    entry = icalendar.Event()
    entry.add("uid", event.uid)
    entry.add("dtstamp", event.stamp.astimezone(dt.UTC))
    start = event.start.astimezone(LONDON)
    if event.has_time:
        entry.add("dtstart", start.replace(tzinfo=None), parameters={"tzid": TZID})
    else:
        entry.add("dtstart", start.date())
    if event.end is not None:
        end = event.end.astimezone(LONDON)
        if event.has_time:
            entry.add("dtend", end.replace(tzinfo=None), parameters={"tzid": TZID})
        else:  # all day: the end is exclusive, the day after the last
            entry.add("dtend", end.date() + dt.timedelta(days=1))
    tag = language(event.lang).tag
    entry.add("summary", event.summary, parameters={"language": tag})
    entry.add("description", event.description, parameters={"language": tag})
    if event.location:
        entry.add("location", event.location, parameters={"language": tag})
    entry.add("url", event.link)
    entry.add("transp", "OPAQUE" if event.has_time else "TRANSPARENT")
    return entry


def calendar_name(lang: str, site_name: str) -> str:
    return label(lang, "calendar_name", site=site_name)


def feed(issues: Iterable[Issue], lang: str, site_name: str, site_url: str, *, cadence: Cadence) -> bytes:
    """The language's events.ics: every event announced in a published issue."""
    events = [event for _, _, event in announced_events(issues, lang, site_url)]
    return render(events, lang, calendar_name(lang, site_name), calendar_description(lang, cadence))


def event_file(event: CalendarEvent, lang: str, cadence: Cadence) -> bytes:
    """A calendar of one event, for its "Add to calendar" link (at `event_path`)."""
    return render([event], lang, event.summary, calendar_description(lang, cadence))


def calendar_description(lang: str, cadence: Cadence) -> str:
    return label(lang, "calendar_description", cadence=cadence_adjective(cadence, lang))
