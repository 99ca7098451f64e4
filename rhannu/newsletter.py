"""Assembling newsletter issues: plain functions from content records to issues.

Issue k covers [anchor + days*(k-1), anchor + days*k) in Europe/London and is published on the
day that period closes. A period with nothing in it gets no issue and its number is skipped, so
back-dating one item never renumbers or moves another issue.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rhannu.content import Content
from rhannu.content_types import TYPES, IssueSection, Item, primary_path, type_of
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


NETWORK = IssueSection("network", "network")  # partner networks' news, in their own languages
# An issue's sections, in order: each content type's, in the order of TYPES, then the network's.
SECTIONS: tuple[IssueSection, ...] = (*(section for kind in TYPES for section in kind.sections), NETWORK)


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

    number: int
    start: dt.date
    published: dt.date  # also the end of its period, exclusive
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
        errors.append(
            ContentError(
                SETTINGS_FILE, f"expected a web address starting https://, or nothing; got {signup!r}", "email.signup_url"
            )
        )
    if not isinstance(unsubscribe, str) or not unsubscribe.strip():
        errors.append(
            ContentError(
                SETTINGS_FILE,
                f"expected your mailing service's unsubscribe merge tag, such as '*|UNSUB|*'; got {unsubscribe!r}",
                "email.unsubscribe",
            )
        )
    try:
        cadence = load_cadence(data)
    except ContentErrors as problems:
        errors = problems.errors + errors
    if errors or not isinstance(unsubscribe, str):
        raise ContentErrors(errors)
    return NewsletterSettings(cadence, signup or None, unsubscribe)


def load_cadence(data: dict) -> Cadence:
    anchor, days = data.get("anchor"), data.get("days", 14)
    errors = []
    if not isinstance(anchor, dt.date) or isinstance(anchor, dt.datetime):
        errors.append(ContentError(SETTINGS_FILE, f"expected a date as YYYY-MM-DD; got {anchor!r}", "anchor"))
    if isinstance(days, bool) or not isinstance(days, int) or days < 1:
        errors.append(ContentError(SETTINGS_FILE, f"expected a whole number of days from 1; got {days!r}", "days"))
    if errors or not isinstance(anchor, dt.date):
        raise ContentErrors(errors)
    return Cadence(anchor, days)


def _local_day(moment: dt.datetime) -> dt.date:
    return moment.astimezone(LONDON).date()


def _issue_number(item: Item, cadence: Cadence) -> tuple[int, str] | None:
    """The issue an item goes into, and its section; None for an item before the first issue."""
    place = type_of(item).issue_slot
    slot = place(item) if place is not None else None
    if slot is None:
        return None
    number = cadence.number_of(slot.day)
    if number is None:
        return None
    if slot.before:  # in the issue published before its fortnight begins
        return (number - 1, slot.section) if number > 1 else None
    return number, slot.section


def assemble(content: Content, cadence: Cadence, build_date: dt.date, network: tuple[NetworkItem, ...] = ()) -> tuple[Issue, ...]:
    """Every issue published on or before `build_date` that has something in it, oldest first.
    Single-item sections (editorials) are checked by `editorial_errors` before this runs."""
    numbers: dict[int, dict[str, list]] = {}
    for kind in TYPES:
        for item in content.of(kind):
            if (placed := _issue_number(item, cadence)) is not None:
                number, section = placed
                numbers.setdefault(number, {}).setdefault(section, []).append(item)
    for partner in sorted(network, key=lambda item: (item.published_at, item.link)):
        if (partner_number := cadence.number_of(_local_day(partner.published_at))) is not None:
            numbers.setdefault(partner_number, {}).setdefault(NETWORK.key, []).append(partner)
    return tuple(
        Issue(number, cadence.start(number), cadence.published(number), _sections(parts))
        for number, parts in sorted(numbers.items())
        if cadence.published(number) <= build_date
    )


def _sections(parts: dict[str, list]) -> tuple[Section, ...]:
    sections = []
    for spec in SECTIONS:
        items = parts.get(spec.key)
        if items:
            ordered = sorted(items, key=spec.order) if spec.order else items
            sections.append(Section(spec, tuple(ordered[:1] if spec.single else ordered)))
    return tuple(sections)


def editorial_errors(content: Content, cadence: Cadence) -> list[ContentError]:
    """At most one item per issue in a single-item section (an editorial); each names the other."""
    single = {spec.key for spec in SECTIONS if spec.single}
    seen: dict[tuple[int, str], Item] = {}
    errors = []
    for kind in TYPES:
        for item in content.of(kind):
            placed = _issue_number(item, cadence)
            if placed is None or placed[1] not in single:
                continue
            first = seen.setdefault(placed, item)
            if first is not item:
                errors.append(
                    ContentError(
                        primary_path(item.texts),
                        f"a second {placed[1]} for the issue published {cadence.published(placed[0])}: "
                        f"{primary_path(first.texts)} is already its {placed[1]}",
                        "date",
                    )
                )
    return errors
