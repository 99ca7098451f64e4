"""The build date and dates written for readers, in either language."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel.dates import format_date

from rhannu.errors import ContentError, ContentErrors
from rhannu.languages import language

LONDON = ZoneInfo("Europe/London")


# MkDocs writes the build time into sitemap.xml.gz, whose header holds it in 32 unsigned bits.
LATEST_EPOCH = 2**32 - 1  # 2106-02-07


def build_date(environ: Mapping[str, str] | None = None) -> dt.date:
    """Today in Europe/London, or the day SOURCE_DATE_EPOCH falls on there when it is set."""
    epoch = (os.environ if environ is None else environ).get("SOURCE_DATE_EPOCH")
    if epoch is None:
        return dt.datetime.now(tz=LONDON).date()
    if not epoch.isascii() or not epoch.isdigit() or len(epoch) > 10 or int(epoch) > LATEST_EPOCH:
        message = (
            f"expected whole seconds since 1970-01-01 UTC, digits only, from 0 to {LATEST_EPOCH} (in 2106), "
            f"such as 1700000000, or leave it unset for today; got {epoch[:40]!r}"
        )
        raise ContentErrors([ContentError("SOURCE_DATE_EPOCH", message)])
    return dt.datetime.fromtimestamp(int(epoch), tz=LONDON).date()


def start_of_day(day: dt.date) -> dt.datetime:
    """A bare date in front matter means the start of that day in Europe/London."""
    return dt.datetime.combine(day, dt.time(0, 0), tzinfo=LONDON)


def long_date(day: dt.date, lang_code: str) -> str:
    """'14 March 2022' / '14 Mawrth 2022'."""
    return _long_date(day, babel_locale(lang_code))


def month_and_year(first: dt.date, lang_code: str) -> str:
    """'November 2021' / 'Tachwedd 2021' (the month's name as it stands alone)."""
    return _month_and_year(first, babel_locale(lang_code))


@lru_cache(maxsize=4096)  # listings repeat the same few hundred dates thousands of times
def _long_date(day: dt.date, locale: str) -> str:
    return format_date(day, format="d MMMM y", locale=locale)


@lru_cache(maxsize=512)
def _month_and_year(first: dt.date, locale: str) -> str:
    return format_date(first, format="LLLL y", locale=locale)


def babel_locale(lang_code: str) -> str:
    """Babel's name of the site's language: its tag (data/schema.yml), 'en-GB' -> 'en_GB'."""
    return language(lang_code).tag.replace("-", "_")
