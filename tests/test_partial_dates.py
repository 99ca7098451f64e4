"""Dates at their own precision: parsing, periods, and how each reads in both languages."""

from __future__ import annotations

import datetime as dt

import pytest

from rhannu import partial_dates
from rhannu.partial_dates import PartialDateProblem, parse, show, show_period


@pytest.mark.parametrize(
    ("value", "iso", "first", "last", "english", "welsh"),
    [
        (dt.date(2021, 6, 15), "2021-06-15", "2021-06-15", "2021-06-15", "15 June 2021", "15 Mehefin 2021"),
        ("2021-11", "2021-11", "2021-11-01", "2021-11-30", "November 2021", "Tachwedd 2021"),
        ("2024-02", "2024-02", "2024-02-01", "2024-02-29", "February 2024", "Chwefror 2024"),
        ("spring 2022", "2022-03/2022-05", "2022-03-01", "2022-05-31", "Spring 2022", "Gwanwyn 2022"),
        ("Summer 2021", "2021-06/2021-08", "2021-06-01", "2021-08-31", "Summer 2021", "Haf 2021"),
        ("autumn 2021", "2021-09/2021-11", "2021-09-01", "2021-11-30", "Autumn 2021", "Yr hydref 2021"),
        ("winter 2021", "2021-12/2022-02", "2021-12-01", "2022-02-28", "Winter 2021", "Gaeaf 2021"),
        (2021, "2021", "2021-01-01", "2021-12-31", "2021", "2021"),
        ("2022", "2022", "2022-01-01", "2022-12-31", "2022", "2022"),
    ],
)
def test_each_precision_is_kept_and_shown_at_it(value, iso, first, last, english, welsh) -> None:
    date = parse(value)
    assert (date.iso(), date.start.isoformat(), date.end.isoformat()) == (iso, first, last)
    assert (show(date, "en"), show(date, "cy")) == (english, welsh)


def test_only_a_season_has_no_html_datetime() -> None:
    assert [parse(value).html_datetime() for value in ("2021-06-15", "2021-11", "summer 2021", 2021)] == [
        "2021-06-15", "2021-11", None, "2021",
    ]


def test_a_period_reads_the_same_way_in_both_languages_and_as_iso() -> None:
    start, end = parse("autumn 2021"), parse("2022-03")
    assert show_period(start, end, "en") == "Autumn 2021 – March 2022"
    assert show_period(start, end, "cy") == "Yr hydref 2021 – Mawrth 2022"
    assert (start.iso_start(), end.iso_end()) == ("2021-09", "2022-03")


@pytest.mark.parametrize("value", ["last summer", "2021-13", "2021-02-30", "summer", "21", dt.datetime(2021, 6, 1, 9, 0), True, None])
def test_anything_else_is_a_problem_that_says_what_would_do(value) -> None:
    with pytest.raises(PartialDateProblem, match=r"expected a day \(2021-06-15\), a month \(2021-11\), a season"):
        parse(value)


def test_seasons_are_meteorological() -> None:
    assert partial_dates.SEASONS == {"spring": 3, "summer": 6, "autumn": 9, "winter": 12}
