"""The newsletter's cadence (issue 22): every N days or each month, as data/newsletter.yml says,
behind one interface; and the word for it in the interface text, in both languages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from rhannu.content import Content
from rhannu.content_types import NEWS_ITEMS, NewsItem, Text
from rhannu.dates import LONDON
from rhannu.errors import ContentErrors
from rhannu.labels import label
from rhannu.newsletter import (
    Cadence,
    DayCadence,
    MonthCadence,
    NewsletterSettings,
    assemble,
    cadence_adjective,
    load_settings,
    previous_issue_day,
)
from rhannu.site_schema import SiteSchema
from rhannu.taxonomy import Taxonomy

D = dt.date
LATER = D(2030, 1, 1)


def news(slug: str, published: dt.date, event: dt.date | None = None) -> NewsItem:
    texts = {lang: Text(f"newsletters/{slug}.{lang}.md", f"{slug} {lang}", "Summary.", "Body.\n") for lang in ("en", "cy")}
    at = dt.datetime.combine(published, dt.time(9, 0), tzinfo=LONDON)
    happens = dt.datetime.combine(event, dt.time(0, 0), tzinfo=LONDON) if event else None
    return NewsItem(slug, "event" if event else "news", at, happens, False, None, False, texts)


def content(*items: NewsItem) -> Content:
    empty = Taxonomy({}, SiteSchema((), (), ()))
    return Content(empty, {NEWS_ITEMS.key: tuple(sorted(items, key=lambda item: item.published))}, (), ())


def monthly(anchor: dt.date, first_issue: dt.date) -> NewsletterSettings:
    return NewsletterSettings(MonthCadence(anchor), first_issue, None, "*|UNSUB|*")


# Month ends: an anchor on the 29th to the 31st falls on a shorter month's last day.


@pytest.mark.parametrize(
    ("anchor_day", "year", "expected"),
    [
        (31, 2023, [D(2023, 1, 31), D(2023, 2, 28), D(2023, 3, 31), D(2023, 4, 30), D(2023, 5, 31), D(2023, 6, 30)]),
        (31, 2024, [D(2024, 1, 31), D(2024, 2, 29), D(2024, 3, 31), D(2024, 4, 30), D(2024, 5, 31), D(2024, 6, 30)]),
        (30, 2023, [D(2023, 1, 30), D(2023, 2, 28), D(2023, 3, 30), D(2023, 4, 30), D(2023, 5, 30), D(2023, 6, 30)]),
        (29, 2023, [D(2023, 1, 29), D(2023, 2, 28), D(2023, 3, 29), D(2023, 4, 29), D(2023, 5, 29), D(2023, 6, 29)]),
        (29, 2024, [D(2024, 1, 29), D(2024, 2, 29), D(2024, 3, 29), D(2024, 4, 29), D(2024, 5, 29), D(2024, 6, 29)]),
        (1, 2023, [D(2023, 1, 1), D(2023, 2, 1), D(2023, 3, 1), D(2023, 4, 1), D(2023, 5, 1), D(2023, 6, 1)]),
    ],
)
def test_a_monthly_issue_is_on_the_anchors_day_or_a_shorter_months_last_day(anchor_day: int, year: int, expected) -> None:
    cadence = MonthCadence(D(2021, 1, anchor_day))
    days = [D(year, 1, 1) + dt.timedelta(days=n) for n in range((D(year, 7, 1) - D(year, 1, 1)).days)]  # January to June
    assert [day for day in days if cadence.is_issue_day(day)] == expected


def test_next_and_last_day_walk_the_issue_days_of_a_month_cadence_in_both_directions() -> None:
    cadence = MonthCadence(D(2021, 1, 31))
    walked, day = [], D(2023, 11, 30)
    for _ in range(5):
        day = cadence.next_day(day)
        walked.append(day)
    assert walked == [D(2023, 12, 31), D(2024, 1, 31), D(2024, 2, 29), D(2024, 3, 31), D(2024, 4, 30)]
    back = [cadence.last_day(day - dt.timedelta(days=1)) for day in reversed(walked)]
    assert back == [D(2024, 3, 31), D(2024, 2, 29), D(2024, 1, 31), D(2023, 12, 31), D(2023, 11, 30)]


@pytest.mark.parametrize(
    ("day", "next_day", "last_day"),
    [
        (D(2023, 12, 14), D(2023, 12, 15), D(2023, 11, 15)),  # the day before an issue day
        (D(2023, 12, 15), D(2024, 1, 15), D(2023, 12, 15)),  # an issue day: next is a month on; last is itself
        (D(2023, 12, 31), D(2024, 1, 15), D(2023, 12, 15)),  # across the year's end
        (D(2024, 1, 1), D(2024, 1, 15), D(2023, 12, 15)),  # and back across it
        (D(2024, 2, 29), D(2024, 3, 15), D(2024, 2, 15)),  # a leap day
    ],
)
def test_next_day_is_after_and_last_day_on_or_before(day: dt.date, next_day: dt.date, last_day: dt.date) -> None:
    cadence = MonthCadence(D(2021, 3, 15))
    assert (cadence.next_day(day), cadence.last_day(day)) == (next_day, last_day)


def test_every_day_has_its_next_and_last_issue_day_around_it_and_nothing_between() -> None:
    """Over four years (a leap year, four year ends), for anchors on the 1st, 28th and 29th to
    31st: next_day is the first issue day after the day, last_day the last on or before it."""
    days = [D(2023, 1, 1) + dt.timedelta(days=n) for n in range((D(2027, 1, 1) - D(2023, 1, 1)).days)]
    for anchor_day in (1, 28, 29, 30, 31):
        cadence = MonthCadence(D(2021, 1, anchor_day))
        issue_days = [day for day in days if cadence.is_issue_day(day)]
        assert len(issue_days) == 48  # one a month, never two, never none
        for day in days[31:-31]:
            assert cadence.next_day(day) == min(issue for issue in issue_days if issue > day)
            assert cadence.last_day(day) == max(issue for issue in issue_days if issue <= day)


def test_every_14_days_is_unchanged() -> None:
    cadence = DayCadence(D(2021, 3, 1), 14)
    assert [cadence.is_issue_day(D(2022, 3, day)) for day in (13, 14, 15, 28)] == [False, True, False, True]
    assert (cadence.next_day(D(2022, 3, 14)), cadence.last_day(D(2022, 3, 27))) == (D(2022, 3, 28), D(2022, 3, 14))
    assert previous_issue_day(cadence, D(2022, 3, 28)) == D(2022, 3, 14)


@pytest.mark.parametrize(
    ("cadence", "day", "previous"),
    [
        (MonthCadence(D(2021, 1, 31)), D(2024, 3, 31), D(2024, 2, 29)),
        (MonthCadence(D(2021, 1, 31)), D(2024, 1, 31), D(2023, 12, 31)),
        (DayCadence(D(2021, 3, 1), 7), D(2022, 1, 3), D(2021, 12, 27)),
    ],
)
def test_an_issue_gathers_from_the_issue_day_before_it(cadence: Cadence, day: dt.date, previous: dt.date) -> None:
    assert previous_issue_day(cadence, day) == previous


# Issue assembly through the interface.


def test_monthly_issues_gather_a_month_each_and_an_item_published_on_an_issue_day_waits() -> None:
    settings = monthly(D(2021, 1, 31), D(2024, 1, 31))
    items = content(news("early", D(2023, 12, 1)), news("on-the-day", D(2024, 1, 31)), news("leap", D(2024, 2, 29)))
    issues = assemble(items, settings, LATER)
    assert [(issue.published, issue.start, [item.slug for item in issue.items("news")]) for issue in issues] == [
        (D(2024, 1, 31), None, ["early"]),  # the first issue gathers everything before it
        (D(2024, 2, 29), D(2024, 1, 31), ["on-the-day"]),  # published on an issue day: the next issue
        (D(2024, 3, 31), D(2024, 2, 29), ["leap"]),
    ]


def test_an_event_is_announced_in_the_last_monthly_issue_before_it() -> None:
    settings = monthly(D(2021, 1, 15), D(2024, 1, 15))
    items = content(
        news("soon", D(2024, 1, 20), event=D(2024, 3, 14)),  # published in January; happens before 15 March
        news("on-issue-day", D(2024, 1, 20), event=D(2024, 3, 15)),  # happens on an issue day: that issue has it
        news("too-late", D(2024, 2, 20), event=D(2024, 3, 10)),  # its last issue (15 February) is before it was published
    )
    issues = assemble(items, settings, LATER)
    assert [(issue.published, [item.slug for item in issue.items("events")]) for issue in issues] == [
        (D(2024, 2, 15), ["soon"]),
        (D(2024, 3, 15), ["on-issue-day"]),
    ]


def test_the_next_issue_due_follows_a_monthly_cadence() -> None:
    settings = monthly(D(2021, 1, 31), D(2024, 1, 31))
    assert [settings.next_issue_day(day) for day in (D(2024, 1, 1), D(2024, 2, 1), D(2024, 2, 29))] == [
        D(2024, 1, 31),
        D(2024, 2, 29),
        D(2024, 3, 31),
    ]


# data/newsletter.yml


def settings_file(tmp_path: Path, cadence: str, first_issue: str = "") -> Path:
    (tmp_path / "data").mkdir()
    text = f"anchor: 2021-01-31\n{cadence}first_issue: {first_issue}\nemail:\n  unsubscribe: '*|UNSUB|*'\n"
    (tmp_path / "data/newsletter.yml").write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("declared", "cadence"),
    [
        ("every: month\n", MonthCadence(D(2021, 1, 31))),
        ("days: 14\n", DayCadence(D(2021, 1, 31), 14)),
        ("days: 7\n", DayCadence(D(2021, 1, 31), 7)),
        ("", DayCadence(D(2021, 1, 31), 14)),  # neither: fortnightly, as before
    ],
)
def test_the_cadence_is_read_from_data(tmp_path: Path, declared: str, cadence: Cadence) -> None:
    assert load_settings(settings_file(tmp_path, declared)).cadence == cadence


@pytest.mark.parametrize(
    ("declared", "error"),
    [
        (
            "every: month\ndays: 14\n",
            "data/newsletter.yml: field 'every': give either every: month or days: N (a whole number of days), not both; "
            "got every: 'month'",
        ),
        (
            "every: fortnight\n",
            "data/newsletter.yml: field 'every': expected month (an issue each month), or leave it out and give days: N; "
            "got 'fortnight'",
        ),
        (
            "every: 1\n",
            "data/newsletter.yml: field 'every': expected month (an issue each month), or leave it out and give days: N; got 1",
        ),
        ("days: month\n", "data/newsletter.yml: field 'days': expected a whole number of days from 1; got 'month'"),
    ],
)
def test_a_bad_cadence_names_the_file_the_field_and_what_is_valid(tmp_path: Path, declared: str, error: str) -> None:
    with pytest.raises(ContentErrors) as raised:
        load_settings(settings_file(tmp_path, declared))
    assert [str(problem) for problem in raised.value.errors] == [error]


def test_a_first_issue_off_a_monthly_day_says_which_days_are(tmp_path: Path) -> None:
    with pytest.raises(ContentErrors) as raised:
        load_settings(settings_file(tmp_path, "every: month\n", "2024-02-28"))
    assert [str(problem) for problem in raised.value.errors] == [
        "data/newsletter.yml: field 'first_issue': 2024-02-28 is not an issue day: issues appear on day 31 of each month "
        "(the last day of a shorter month), so choose 2024-01-31 or 2024-02-29"
    ]


# The word for the cadence in the interface text.

SENTENCES = ("newsletters_intro", "newsletters_intro_empty", "feed_issues_description", "calendar_description")


@pytest.mark.parametrize(
    ("cadence", "english", "welsh"),
    [
        (DayCadence(D(2021, 3, 1), 14), "fortnightly", "pythefnosol"),
        (DayCadence(D(2021, 3, 1), 7), "weekly", "wythnosol"),
        (MonthCadence(D(2021, 3, 1)), "monthly", "misol"),
    ],
)
def test_the_interface_text_names_the_cadence_in_both_languages(cadence: Cadence, english: str, welsh: str) -> None:
    said = {lang: {key: label(lang, key, cadence=cadence_adjective(cadence, lang)) for key in SENTENCES} for lang in ("en", "cy")}
    assert said["en"]["newsletters_intro"].startswith(f"The programme's {english} newsletter: news, events")
    assert said["en"]["feed_issues_description"].startswith(f"Issues of the programme's {english} newsletter, in English")
    assert said["en"]["calendar_description"].startswith(f"Events announced in the programme's {english} newsletter")
    assert said["cy"]["newsletters_intro"].startswith(f"Cylchlythyr {welsh} y rhaglen: newyddion")
    assert said["cy"]["newsletters_intro_empty"].startswith(f"Cylchlythyr {welsh} y rhaglen: newyddion")
    assert said["cy"]["feed_issues_description"].startswith(f"Rhifynnau o gylchlythyr {welsh} y rhaglen, yn Gymraeg")
    assert said["cy"]["calendar_description"].startswith(f"Digwyddiadau a gyhoeddir yng nghylchlythyr {welsh} y rhaglen")


def test_a_cadence_without_an_adjective_leaves_a_fluent_sentence() -> None:
    cadence = DayCadence(D(2021, 3, 1), 10)
    said = {lang: [label(lang, key, cadence=cadence_adjective(cadence, lang)) for key in SENTENCES] for lang in ("en", "cy")}
    assert said["en"][0].startswith("The programme's newsletter: news")
    assert said["en"][2].startswith("Issues of the programme's newsletter, in English")
    assert said["cy"][0].startswith("Cylchlythyr y rhaglen: newyddion")
    assert said["cy"][2].startswith("Rhifynnau o gylchlythyr y rhaglen, yn Gymraeg")
    assert said["cy"][3].startswith("Digwyddiadau a gyhoeddir yng nghylchlythyr y rhaglen, yn Gymraeg")
    for sentence in said["en"] + said["cy"]:
        assert "  " not in sentence and " ," not in sentence and "{" not in sentence
