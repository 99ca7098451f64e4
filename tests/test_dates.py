import datetime as dt

import pytest

from rhannu.dates import build_date, long_date, start_of_day
from rhannu.errors import ContentErrors


def test_build_date_is_the_london_day_of_source_date_epoch() -> None:
    # 2021-03-27T23:30:00Z is still the 27th in London (GMT) ...
    assert build_date({"SOURCE_DATE_EPOCH": "1616887800"}) == dt.date(2021, 3, 27)
    # ... and 2021-06-30T23:30:00Z is already 1 July in London (BST).
    assert build_date({"SOURCE_DATE_EPOCH": "1625095800"}) == dt.date(2021, 7, 1)


def test_build_date_without_source_date_epoch_is_today_in_london() -> None:
    from zoneinfo import ZoneInfo

    assert build_date({}) == dt.datetime.now(ZoneInfo("Europe/London")).date()


def test_bad_source_date_epoch_says_what_is_valid() -> None:
    with pytest.raises(ContentErrors, match="SOURCE_DATE_EPOCH: expected whole seconds"):
        build_date({"SOURCE_DATE_EPOCH": "yesterday"})


def test_a_bare_date_is_the_start_of_that_day_in_london() -> None:
    assert start_of_day(dt.date(2021, 7, 1)).isoformat() == "2021-07-01T00:00:00+01:00"
    assert start_of_day(dt.date(2021, 3, 1)).isoformat() == "2021-03-01T00:00:00+00:00"


@pytest.mark.parametrize(
    ("day", "english", "welsh"),
    [
        (dt.date(2022, 3, 14), "14 March 2022", "14 Mawrth 2022"),
        (dt.date(2021, 11, 1), "1 November 2021", "1 Tachwedd 2021"),
        (dt.date(2021, 7, 5), "5 July 2021", "5 Gorffennaf 2021"),
    ],
)
def test_long_dates_in_both_languages(day: dt.date, english: str, welsh: str) -> None:
    assert long_date(day, "en") == english
    assert long_date(day, "cy") == welsh
