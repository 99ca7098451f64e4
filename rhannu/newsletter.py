"""Assembling newsletter issues: plain functions from content records to issues.

Issue k covers [anchor + days*(k-1), anchor + days*k) in Europe/London and is published on the
day that period closes. A period with nothing in it gets no issue and its number is skipped, so
back-dating one item never renumbers or moves another issue.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from rhannu.content import CaseStudy, Content, Lesson, NewsItem, primary_path
from rhannu.data_files import read_data
from rhannu.dates import LONDON
from rhannu.errors import ContentError, ContentErrors
from rhannu.network import NetworkItem

SETTINGS_FILE = "data/newsletter.yml"


@dataclass(frozen=True)
class Cadence:
    anchor: dt.date
    days: int = 14

    def number_of(self, day: dt.date) -> int | None:
        """The issue whose period holds `day`; None before the anchor."""
        offset = (day - self.anchor).days
        return offset // self.days + 1 if offset >= 0 else None

    def start(self, number: int) -> dt.date:
        return self.anchor + dt.timedelta(days=self.days * (number - 1))

    def published(self, number: int) -> dt.date:
        return self.start(number + 1)


@dataclass(frozen=True)
class Issue:
    number: int
    start: dt.date
    published: dt.date  # also the end of its period, exclusive
    editorial: NewsItem | None
    news: tuple[NewsItem, ...]
    events: tuple[NewsItem, ...]  # happening in the period after publication
    case_studies: tuple[CaseStudy, ...]
    lessons: tuple[Lesson, ...]
    network: tuple[NetworkItem, ...] = ()  # partner networks' news, in their own languages

    @property
    def slug(self) -> str:
        return self.published.isoformat()

    @property
    def published_at(self) -> dt.datetime:
        return dt.datetime.combine(self.published, dt.time(0, 0), tzinfo=LONDON)


@dataclass(frozen=True)
class NewsletterSettings:
    cadence: Cadence
    signup_url: str | None  # the owner's mailing service's sign-up page
    unsubscribe: str  # the text or merge tag the mailing service replaces with an unsubscribe link


def load_settings(root: Path) -> NewsletterSettings:
    data = read_data(root, SETTINGS_FILE)
    errors = []
    email = data.get("email") or {}
    signup, unsubscribe = email.get("signup_url"), email.get("unsubscribe")
    if signup is not None and (not isinstance(signup, str) or not signup.startswith("https://")):
        errors.append(ContentError(SETTINGS_FILE, f"expected a web address starting https://, or nothing; got {signup!r}", "email.signup_url"))
    if not isinstance(unsubscribe, str) or not unsubscribe.strip():
        errors.append(ContentError(SETTINGS_FILE, f"expected your mailing service's unsubscribe merge tag, such as '*|UNSUB|*'; got {unsubscribe!r}", "email.unsubscribe"))
    try:
        cadence = load_cadence(data)
    except ContentErrors as problems:
        errors = problems.errors + errors
    if errors:
        raise ContentErrors(errors)
    return NewsletterSettings(cadence, signup or None, unsubscribe)


def load_cadence(data: dict) -> Cadence:
    anchor, days = data.get("anchor"), data.get("days", 14)
    errors = []
    if not isinstance(anchor, dt.date) or isinstance(anchor, dt.datetime):
        errors.append(ContentError(SETTINGS_FILE, f"expected a date as YYYY-MM-DD; got {anchor!r}", "anchor"))
    if isinstance(days, bool) or not isinstance(days, int) or days < 1:
        errors.append(ContentError(SETTINGS_FILE, f"expected a whole number of days from 1; got {days!r}", "days"))
    if errors:
        raise ContentErrors(errors)
    return Cadence(anchor, days)


def _local_day(moment: dt.datetime) -> dt.date:
    return moment.astimezone(LONDON).date()


def assemble(
    content: Content, cadence: Cadence, build_date: dt.date, network: tuple[NetworkItem, ...] = ()
) -> tuple[Issue, ...]:
    """Every issue published on or before `build_date` that has something in it, oldest first.
    Editorials are checked by `editorial_errors` before this runs."""
    numbers: dict[int, dict[str, list]] = {}

    def bucket(number: int | None) -> dict[str, list] | None:
        if number is None:
            return None
        return numbers.setdefault(number, {"editorial": [], "news": [], "events": [], "case_studies": [], "lessons": [], "network": []})

    for item in content.news:
        if item.kind == "event":
            # shown in the issue published before it happens: the period before its date
            day = _local_day(item.event_start)
            target = cadence.number_of(day)
            if target is not None and target > 1:
                bucket(target - 1)["events"].append(item)
            continue
        slot = bucket(cadence.number_of(_local_day(item.published)))
        if slot is not None:
            slot["editorial" if item.kind == "editorial" else "news"].append(item)
    for study in sorted(content.case_studies, key=lambda study: (study.published, study.slug)):
        slot = bucket(cadence.number_of(_local_day(study.published)))
        if slot is not None:
            slot["case_studies"].append(study)
    for lesson in content.lessons:
        slot = bucket(cadence.number_of(_local_day(lesson.published)))
        if slot is not None:
            slot["lessons"].append(lesson)
    for item in sorted(network, key=lambda item: (item.published_at, item.link)):
        slot = bucket(cadence.number_of(_local_day(item.published_at)))
        if slot is not None:
            slot["network"].append(item)
    issues = []
    for number, parts in sorted(numbers.items()):
        if cadence.published(number) > build_date:
            continue
        issues.append(
            Issue(
                number=number,
                start=cadence.start(number),
                published=cadence.published(number),
                editorial=parts["editorial"][0] if parts["editorial"] else None,
                news=tuple(parts["news"]),
                events=tuple(sorted(parts["events"], key=lambda item: (item.event_start, item.slug))),
                case_studies=tuple(parts["case_studies"]),
                lessons=tuple(parts["lessons"]),
                network=tuple(parts["network"]),
            )
        )
    return tuple(issues)


def editorial_errors(content: Content, cadence: Cadence) -> list[ContentError]:
    """At most one editorial per issue; each names the other."""
    seen: dict[int, NewsItem] = {}
    errors = []
    for item in content.news:
        if item.kind != "editorial":
            continue
        number = cadence.number_of(_local_day(item.published))
        first = seen.setdefault(number, item)
        if first is not item:
            errors.append(ContentError(
                primary_path(item.texts),
                f"a second editorial for the issue published {cadence.published(number)}: "
                f"{primary_path(first.texts)} is already its editorial",
                "date",
            ))
    return errors
