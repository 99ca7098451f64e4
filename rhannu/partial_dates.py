"""Dates only as precise as they are known: a day, a month, a season or a year.

A source may say "1 March 2021", "November 2021", "summer 2021" or "2021". Each is kept at its own
precision and shown at it, in either language, never as an exact day. Seasons are meteorological:
spring is March to May, summer June to August, autumn September to November, and winter December
to February ("winter 2021" is December 2021 to February 2022).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from rhannu.dates import long_date, month_and_year
from rhannu.labels import label

DAY, MONTH, SEASON, YEAR = "day", "month", "season", "year"
SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "winter": 12}  # the month each begins
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^\d{4}$")
_SEASON = re.compile(r"^(spring|summer|autumn|winter) (\d{4})$", re.IGNORECASE)
EXPECTED = "a day (2021-06-15), a month (2021-11), a season (summer 2021) or a year (2021)"


class PartialDateProblem(ValueError):
    """A value that is not a date at any precision; the message says what would be."""


@dataclass(frozen=True)
class PartialDate:
    start: dt.date  # the first day of the period it names
    end: dt.date  # the last day
    precision: str  # day, month, season, year
    season: str | None = None

    @property
    def year(self) -> int:
        return self.start.year

    def iso(self) -> str:
        """ISO 8601 at its own precision: 2021-06-15, 2021-11, 2021, or a season as an interval
        (2021-06/2021-08), as schema.org's temporalCoverage takes it."""
        if self.precision == DAY:
            return self.start.isoformat()
        if self.precision == MONTH:
            return self.start.isoformat()[:7]
        if self.precision == YEAR:
            return str(self.year)
        return f"{self.iso_start()}/{self.iso_end()}"

    def iso_start(self) -> str:
        """Where an interval from this date begins: a season's first month."""
        return self.start.isoformat()[:7] if self.precision == SEASON else self.iso()

    def iso_end(self) -> str:
        """Where an interval to this date ends: a season's last month."""
        return self.end.isoformat()[:7] if self.precision == SEASON else self.iso()

    def html_datetime(self) -> str | None:
        """A value for <time datetime>, where HTML has one (a season has none)."""
        return None if self.precision == SEASON else self.iso()


def day(value: dt.date) -> PartialDate:
    return PartialDate(value, value, DAY)


def month(year: int, number: int) -> PartialDate:
    first = dt.date(year, number, 1)
    return PartialDate(first, _last_day_of_month(first), MONTH)


def season(name: str, year: int) -> PartialDate:
    first = dt.date(year, SEASONS[name], 1)
    last_month = _add_months(first, 2)
    return PartialDate(first, _last_day_of_month(last_month), SEASON, name)


def year(number: int) -> PartialDate:
    return PartialDate(dt.date(number, 1, 1), dt.date(number, 12, 31), YEAR)


def parse(value: object) -> PartialDate:
    """From front matter or a data file: a date YAML already read, a year YAML read as a whole
    number, or text."""
    if isinstance(value, dt.datetime):
        raise PartialDateProblem(f"expected {EXPECTED}, without a time; got '{value}'")
    if isinstance(value, dt.date):
        return day(value)
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        return year(value)
    text = str(value).strip() if isinstance(value, str) else ""
    try:
        if _YEAR.match(text):
            return year(int(text))
        if match := _MONTH.match(text):
            return month(int(match[1]), int(match[2]))
        if match := _SEASON.match(text):
            return season(match[1].lower(), int(match[2]))
        return day(dt.date.fromisoformat(text))
    except ValueError:
        raise PartialDateProblem(f"expected {EXPECTED}; got {value!r}") from None


def show(date: PartialDate, lang: str) -> str:
    """'15 June 2021', 'November 2021', 'Summer 2021', '2021'; in Welsh '15 Mehefin 2021',
    'Tachwedd 2021', 'Haf 2021' (autumn is 'Yr hydref 2021', since Hydref is also October)."""
    if date.precision == DAY:
        return long_date(date.start, lang)
    if date.precision == MONTH:
        return month_and_year(date.start, lang)
    if date.precision == YEAR:
        return str(date.year)
    return label(lang, f"season_{date.season}", year=date.year)


def show_period(start: PartialDate, end: PartialDate, lang: str) -> str:
    """'March 2021 – March 2022' in either language (a dash needs no Welsh mutation)."""
    return f"{show(start, lang)} – {show(end, lang)}"


def _add_months(first: dt.date, months: int) -> dt.date:
    index = first.month - 1 + months
    return dt.date(first.year + index // 12, index % 12 + 1, 1)


def _last_day_of_month(first: dt.date) -> dt.date:
    return _add_months(first, 1) - dt.timedelta(days=1)
