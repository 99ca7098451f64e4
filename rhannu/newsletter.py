"""Assembling newsletter issues: plain functions from content records to issues.

Issues appear on issue days, every `days` days from `anchor` or on its day of each month
(`every: month`), in Europe/London, starting at `first_issue`, the day the first issue is
published. While `first_issue` is empty the newsletter has not launched and no issue is built.
An item joins the first issue published after the day it was published on the site
(`published`), so an issue that is out never changes: an item published on an issue's day waits
for the next one. An event is announced in the last issue before it happens. An issue day with
nothing in it gets no issue. Issues are numbered from `first_number` in the order they were
published; while it is empty (a newsletter whose earlier issues are not on this site) they carry
no number at all.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from rhannu.content import Content
from rhannu.content_types import TYPES, IssueSection, Item, primary_path, type_of
from rhannu.data_files import read_data
from rhannu.dates import LONDON
from rhannu.errors import ContentError, ContentErrors
from rhannu.labels import label
from rhannu.links import is_link, shown
from rhannu.network import NetworkItem

SETTINGS_FILE = "data/newsletter.yml"


class Cadence(Protocol):
    """When issues appear: `DayCadence` (every `days` days) or `MonthCadence` (each month), both
    plain data with the same questions, so nothing else needs to know which one a site chose."""

    @property
    def anchor(self) -> dt.date: ...  # an issue day: every other is found from it

    @property
    def word(self) -> str | None: ...  # the label key of its adjective ("cadence_monthly"); None: no adjective

    def described(self) -> str: ...  # for editors' error messages: "every 14 days from 2021-03-01"

    def is_issue_day(self, day: dt.date) -> bool: ...

    def next_day(self, day: dt.date) -> dt.date: ...  # the first issue day after `day`

    def last_day(self, day: dt.date) -> dt.date: ...  # the last issue day on or before `day`


_DAY_WORDS = {7: "cadence_weekly", 14: "cadence_fortnightly"}


@dataclass(frozen=True)
class DayCadence:
    anchor: dt.date  # an issue day: every issue day is a whole number of `days` from it
    days: int = 14

    @property
    def word(self) -> str | None:
        return _DAY_WORDS.get(self.days)

    def described(self) -> str:
        return f"every {self.days} days from {self.anchor}"

    def is_issue_day(self, day: dt.date) -> bool:
        return (day - self.anchor).days % self.days == 0

    def next_day(self, day: dt.date) -> dt.date:
        """The first issue day after `day`."""
        return day + dt.timedelta(days=self.days - (day - self.anchor).days % self.days)

    def last_day(self, day: dt.date) -> dt.date:
        """The last issue day on or before `day`."""
        return day - dt.timedelta(days=(day - self.anchor).days % self.days)


@dataclass(frozen=True)
class MonthCadence:
    """An issue on the anchor's day of each month. A month too short for that day (the 29th to
    the 31st) has its issue on its last day, as a reader of "the last day of each month" expects:
    the 31st gives 31 January, 28 (or 29) February, 31 March, 30 April."""

    anchor: dt.date

    @property
    def word(self) -> str | None:
        return "cadence_monthly"

    def described(self) -> str:
        shorter = " (the last day of a shorter month)" if self.anchor.day > 28 else ""
        return f"on day {self.anchor.day} of each month{shorter}"

    def issue_day_in(self, year: int, month: int) -> dt.date:
        return dt.date(year, month, min(self.anchor.day, calendar.monthrange(year, month)[1]))

    def is_issue_day(self, day: dt.date) -> bool:
        return day == self.issue_day_in(day.year, day.month)

    def next_day(self, day: dt.date) -> dt.date:
        """The first issue day after `day`."""
        this_month = self.issue_day_in(day.year, day.month)
        if this_month > day:
            return this_month
        year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
        return self.issue_day_in(year, month)

    def last_day(self, day: dt.date) -> dt.date:
        """The last issue day on or before `day`."""
        this_month = self.issue_day_in(day.year, day.month)
        if this_month <= day:
            return this_month
        year, month = (day.year - 1, 12) if day.month == 1 else (day.year, day.month - 1)
        return self.issue_day_in(year, month)


def previous_issue_day(cadence: Cadence, day: dt.date) -> dt.date:
    """The issue day before the issue day `day`: where the issue of `day` starts gathering."""
    return cadence.last_day(day - dt.timedelta(days=1))


def cadence_adjective(cadence: Cadence, lang: str) -> str:
    """What the interface text's `{cadence}` takes: a space and the adjective ("fortnightly",
    "misol"), or nothing for a cadence without one (every 10 days), so the sentence stays fluent."""
    return f" {label(lang, cadence.word)}" if cadence.word else ""


NETWORK = IssueSection("network", "network")  # partner networks' news, in their own languages


def sections() -> tuple[IssueSection, ...]:
    """An issue's sections, in order: each of the site's content types', in the order of TYPES, then the network's."""
    return (*(section for kind in TYPES for section in kind.sections), NETWORK)


@dataclass(frozen=True)
class Section:
    spec: IssueSection
    items: tuple[Any, ...]  # content records, or NetworkItems in the network section

    @property
    def key(self) -> str:
        return self.spec.key

    @property
    def style(self) -> str:
        return self.spec.style


@dataclass(frozen=True)
class Issue:
    """One issue's outline: every renderer (web page, feed, email HTML and text, the command
    line's preview) shows these sections in this order."""

    number: int | None  # first_number, then on, in the order issues were published; None: not numbered
    start: dt.date | None  # the previous issue day; None for the first issue, which gathers all before it
    published: dt.date  # also the end of what it gathers, exclusive
    sections: tuple[Section, ...]  # only those with items

    def items(self, key: str) -> tuple[Any, ...]:
        return next((section.items for section in self.sections if section.key == key), ())

    @property
    def slug(self) -> str:
        return self.published.isoformat()

    @property
    def published_at(self) -> dt.datetime:
        return dt.datetime.combine(self.published, dt.time(0, 0), tzinfo=LONDON)


@dataclass(frozen=True)
class Status:
    """What the newsletter's pages say when there is no issue to show."""

    launched: bool
    next_issue: dt.date | None  # the next issue day after the build date, once launched


@dataclass(frozen=True)
class NewsletterSettings:
    cadence: Cadence
    first_issue: dt.date | None  # the day the first issue is published; None: not launched
    signup_url: str | None  # the owner's mailing service's sign-up page
    unsubscribe: str  # the text or merge tag the mailing service replaces with an unsubscribe link
    list_unsubscribe: str | None = None  # a real unsubscribe address (https: or mailto:) for message files
    first_number: int | None = None  # the first issue's number on this site; None: issues carry no number

    def status(self, build_date: dt.date) -> Status:
        return Status(self.first_issue is not None, self.next_issue_day(build_date))

    def next_issue_day(self, build_date: dt.date) -> dt.date | None:
        """When the next issue is due after `build_date`; None while the newsletter has not launched."""
        if self.first_issue is None:
            return None
        return self.first_issue if self.first_issue > build_date else self.cadence.next_day(build_date)


def load_settings(root: Path) -> NewsletterSettings:
    data = read_data(root, SETTINGS_FILE)
    errors = []
    email = data.get("email") or {}
    signup, unsubscribe = email.get("signup_url"), email.get("unsubscribe")
    list_unsubscribe = email.get("list_unsubscribe")
    if list_unsubscribe is not None and not is_link(list_unsubscribe, ("https://", "mailto:")):
        errors.append(
            ContentError(
                SETTINGS_FILE,
                "expected an address that unsubscribes a reader, starting https:// or mailto:, on one line with no "
                f"spaces, or nothing; got {shown(list_unsubscribe)}",
                "email.list_unsubscribe",
            )
        )
    if signup is not None and not is_link(signup):
        message = f"expected a web address starting https://, on one line with no spaces, or nothing; got {shown(signup)}"
        errors.append(ContentError(SETTINGS_FILE, message, "email.signup_url"))
    if not isinstance(unsubscribe, str) or not unsubscribe.strip():
        errors.append(
            ContentError(
                SETTINGS_FILE,
                f"expected your mailing service's unsubscribe merge tag, such as '*|UNSUB|*'; got {unsubscribe!r}",
                "email.unsubscribe",
            )
        )
    cadence = None
    try:
        cadence = load_cadence(data)
    except ContentErrors as problems:
        errors = problems.errors + errors
    first_issue = data.get("first_issue")
    if first_issue is not None and (not isinstance(first_issue, dt.date) or isinstance(first_issue, dt.datetime)):
        errors.append(
            ContentError(
                SETTINGS_FILE,
                f"expected the day of the first issue as YYYY-MM-DD, or nothing; got {first_issue!r}",
                "first_issue",
            )
        )
    elif first_issue is not None and cadence is not None and not cadence.is_issue_day(first_issue):
        errors.append(
            ContentError(
                SETTINGS_FILE,
                f"{first_issue} is not an issue day: issues appear {cadence.described()}, "
                f"so choose {cadence.last_day(first_issue)} or {cadence.next_day(first_issue)}",
                "first_issue",
            )
        )
    first_number = data.get("first_number")
    if first_number is not None and (isinstance(first_number, bool) or not isinstance(first_number, int) or first_number < 1):
        errors.append(
            ContentError(
                SETTINGS_FILE,
                f"expected the number of the first issue published on this site, a whole number from 1, or nothing; "
                f"got {shown(first_number)}",
                "first_number",
            )
        )
    if errors or cadence is None or not isinstance(unsubscribe, str):
        raise ContentErrors(errors)
    return NewsletterSettings(cadence, first_issue, signup or None, unsubscribe, list_unsubscribe or None, first_number)


CADENCES = ("month",)  # what `every` takes; without it, issues come every `days` days


def load_cadence(data: dict) -> Cadence:
    """`days: N` (every N days from the anchor; 14 if neither is given) or `every: month`."""
    anchor, every = data.get("anchor"), data.get("every")
    errors = []
    if not isinstance(anchor, dt.date) or isinstance(anchor, dt.datetime):
        errors.append(ContentError(SETTINGS_FILE, f"expected a date as YYYY-MM-DD; got {anchor!r}", "anchor"))
    if every is not None and "days" in data:
        message = f"give either every: month or days: N (a whole number of days), not both; got every: {shown(every)}"
        errors.append(ContentError(SETTINGS_FILE, message, "every"))
    elif every is not None and every not in CADENCES:
        message = f"expected month (an issue each month), or leave it out and give days: N; got {shown(every)}"
        errors.append(ContentError(SETTINGS_FILE, message, "every"))
    days = data.get("days", 14)
    if every is None and (isinstance(days, bool) or not isinstance(days, int) or days < 1):
        errors.append(ContentError(SETTINGS_FILE, f"expected a whole number of days from 1; got {days!r}", "days"))
    if errors or not isinstance(anchor, dt.date):
        raise ContentErrors(errors)
    return MonthCadence(anchor) if every == "month" else DayCadence(anchor, days)


def _local_day(moment: dt.datetime) -> dt.date:
    return moment.astimezone(LONDON).date()


def issue_day(item: Item, settings: NewsletterSettings) -> tuple[dt.date, str] | None:
    """The day of the issue an item goes into, and its section; None for an item that goes into
    no issue (not published on the site, before launch, or an event announced too late)."""
    place = type_of(item).issue_slot
    slot = place(item) if place is not None else None
    first = settings.first_issue
    if slot is None or first is None:
        return None
    after = first if slot.day < first else settings.cadence.next_day(slot.day)
    if slot.happens is None:
        return after, slot.section
    if slot.happens < first:
        return None
    announce = settings.cadence.last_day(slot.happens)  # the last issue before it happens
    return (announce, slot.section) if after <= announce else None


def assemble(
    content: Content, settings: NewsletterSettings, build_date: dt.date, network: tuple[NetworkItem, ...] = ()
) -> tuple[Issue, ...]:
    """Every issue published on or before `build_date` that has something in it, oldest first.
    Single-item sections (editorials) are checked by `editorial_errors` before this runs."""
    days: dict[dt.date, dict[str, list]] = {}
    for kind in TYPES:
        for item in content.of(kind):
            if (placed := issue_day(item, settings)) is not None:
                day, section = placed
                days.setdefault(day, {}).setdefault(section, []).append(item)
    if settings.first_issue is not None:
        for partner in sorted(network, key=lambda item: (item.published_at, item.link)):
            published = _local_day(partner.published_at)
            day = settings.first_issue if published < settings.first_issue else settings.cadence.next_day(published)
            days.setdefault(day, {}).setdefault(NETWORK.key, []).append(partner)
    out = sorted(day for day in days if day <= build_date)
    return tuple(
        Issue(_number(settings, index), _previous_day(day, settings), day, _sections(days[day])) for index, day in enumerate(out)
    )


def _number(settings: NewsletterSettings, index: int) -> int | None:
    return None if settings.first_number is None else settings.first_number + index


def _previous_day(day: dt.date, settings: NewsletterSettings) -> dt.date | None:
    return None if day == settings.first_issue else previous_issue_day(settings.cadence, day)


def _sections(parts: dict[str, list]) -> tuple[Section, ...]:
    filled = []
    for spec in sections():
        items = parts.get(spec.key)
        if items:
            ordered = sorted(items, key=spec.order) if spec.order else items
            filled.append(Section(spec, tuple(ordered[:1] if spec.single else ordered)))
    return tuple(filled)


def editorial_errors(content: Content, settings: NewsletterSettings) -> list[ContentError]:
    """At most one item per issue in a single-item section (an editorial); each names the other."""
    single = {spec.key for spec in sections() if spec.single}
    seen: dict[tuple[dt.date, str], Item] = {}
    errors = []
    for kind in TYPES:
        for item in content.of(kind):
            placed = issue_day(item, settings)
            if placed is None or placed[1] not in single:
                continue
            first = seen.setdefault(placed, item)
            if first is not item:
                errors.append(
                    ContentError(
                        primary_path(item.texts),
                        f"a second {placed[1]} for the issue published {placed[0]}: "
                        f"{primary_path(first.texts)} is already its {placed[1]}",
                        "published",
                    )
                )
    return errors
