"""Issue assembly at its boundaries: plain records in, issues out."""

from __future__ import annotations

import datetime as dt

import pytest

from rhannu.content import Content
from rhannu.content_types import CASE_STUDIES, LESSONS, NEWS_ITEMS, CaseStudy, Lesson, NewsItem, Text
from rhannu.dates import LONDON
from rhannu.errors import ContentErrors
from rhannu.newsletter import SECTIONS, Cadence, assemble, editorial_errors, load_settings
from rhannu.taxonomy import Taxonomy

CADENCE = Cadence(dt.date(2021, 3, 1), 14)
LATER = dt.date(2030, 1, 1)


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=LONDON)


def texts(slug: str) -> dict[str, Text]:
    return {lang: Text(f"x/{slug}.{lang}.md", f"{slug} {lang}", "Summary.", "Body.\n") for lang in ("en", "cy")}


def study(slug: str, published: dt.datetime) -> CaseStudy:
    return CaseStudy(slug, published, "programme", ("relationships",), ("newsletter",), (), (), False, texts(slug))


def news(slug: str, published: dt.datetime, kind: str = "news", event: dt.datetime | None = None) -> NewsItem:
    return NewsItem(slug, kind, published, event, event is not None and event.hour > 0, None, False, texts(slug))


def content(studies=(), items=(), lessons=()) -> Content:
    empty = Taxonomy({}, {}, {}, {})
    items_by_type = {
        CASE_STUDIES.key: tuple(studies), LESSONS.key: tuple(lessons),
        NEWS_ITEMS.key: tuple(sorted(items, key=lambda i: i.published)),
    }
    return Content(empty, items_by_type, (), ())


def slugs(issue) -> list[str]:
    return [item.slug for key in ("news", "new_case_studies", "new_lessons") for item in issue.items(key)]


def test_issue_1_covers_the_first_fortnight_and_is_dated_the_day_it_closes() -> None:
    issues = assemble(content(items=[news("first-day", at(2021, 3, 1)), news("last-day", at(2021, 3, 14, 23, 59))]), CADENCE, LATER)
    (issue,) = issues
    assert (issue.number, issue.slug, issue.start) == (1, "2021-03-15", dt.date(2021, 3, 1))
    assert slugs(issue) == ["first-day", "last-day"]


def test_midnight_starts_the_next_fortnight() -> None:
    issues = assemble(content(items=[news("midnight", at(2021, 3, 15))]), CADENCE, LATER)
    assert [(issue.number, issue.slug) for issue in issues] == [(2, "2021-03-29")]


def test_issue_27_is_published_on_14_march_2022() -> None:
    (issue,) = assemble(content(studies=[study("s", at(2022, 3, 1))]), CADENCE, LATER)
    assert (issue.number, issue.slug) == (27, "2022-03-14")


def test_the_clock_change_moves_no_boundary() -> None:
    # Clocks went forward on 28 March 2021; issue 3 covers 29 March to 11 April in London time.
    late_sunday = at(2021, 3, 28, 23, 30)  # 22:30 UTC
    monday = dt.datetime(2021, 3, 28, 23, 30, tzinfo=dt.UTC)  # 00:30 on the 29th in London
    issues = assemble(content(items=[news("sunday", late_sunday), news("monday", monday)]), CADENCE, LATER)
    assert [(issue.number, slugs(issue)) for issue in issues] == [(2, ["sunday"]), (3, ["monday"])]


def test_empty_fortnights_get_no_issue_and_back_dating_renumbers_nothing() -> None:
    before = assemble(content(items=[news("a", at(2021, 3, 2)), news("c", at(2021, 4, 20))]), CADENCE, LATER)
    after = assemble(content(items=[news("a", at(2021, 3, 2)), news("b", at(2021, 3, 20)), news("c", at(2021, 4, 20))]), CADENCE, LATER)
    assert [(issue.number, issue.slug) for issue in before] == [(1, "2021-03-15"), (4, "2021-04-26")]
    assert [(issue.number, issue.slug) for issue in after] == [(1, "2021-03-15"), (2, "2021-03-29"), (4, "2021-04-26")]


def test_an_issue_published_after_the_build_date_is_not_built_yet() -> None:
    items = [news("a", at(2021, 3, 2))]
    assert assemble(content(items=items), CADENCE, dt.date(2021, 3, 14)) == ()
    assert len(assemble(content(items=items), CADENCE, dt.date(2021, 3, 15))) == 1


def test_events_appear_in_the_issue_before_the_fortnight_they_happen_in() -> None:
    event = news("event", at(2021, 3, 1), kind="event", event=at(2021, 3, 20, 14))
    issues = assemble(content(items=[event]), CADENCE, LATER)
    assert [(issue.number, [item.slug for item in issue.items('events')]) for issue in issues] == [(1, ["event"])]


def test_editorial_is_kept_apart_and_two_in_one_fortnight_are_an_error() -> None:
    one = news("editorial-one", at(2021, 3, 3), kind="editorial")
    two = news("editorial-two", at(2021, 3, 10), kind="editorial")
    (issue,) = assemble(content(items=[one]), CADENCE, LATER)
    assert issue.items("editorial") == (one,) and issue.items("news") == ()
    (error,) = editorial_errors(content(items=[one, two]), CADENCE)
    assert str(error) == (
        "x/editorial-two.en.md: field 'date': a second editorial for the issue published 2021-03-15: "
        "x/editorial-one.en.md is already its editorial"
    )


def test_items_before_the_anchor_are_in_no_issue() -> None:
    assert assemble(content(items=[news("early", at(2021, 2, 28))]), CADENCE, LATER) == ()


def test_lessons_join_the_issue_of_their_date() -> None:
    lesson = Lesson("plan", "time", 1, at(2022, 3, 31), False, texts("plan"))
    (issue,) = assemble(content(lessons=[lesson]), CADENCE, LATER)
    assert (issue.slug, slugs(issue)) == ("2022-04-11", ["plan"])


def test_newsletter_settings_are_validated(tmp_path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data/newsletter.yml").write_text(
        "anchor: 1 March\ndays: 0\nemail:\n  signup_url: mailchimp\n", encoding="utf-8"
    )
    with pytest.raises(ContentErrors) as raised:
        load_settings(tmp_path)
    assert [str(error) for error in raised.value.errors] == [
        "data/newsletter.yml: field 'anchor': expected a date as YYYY-MM-DD; got '1 March'",
        "data/newsletter.yml: field 'days': expected a whole number of days from 1; got 0",
        "data/newsletter.yml: field 'email.signup_url': expected a web address starting https://, or nothing; got 'mailchimp'",
        "data/newsletter.yml: field 'email.unsubscribe': expected your mailing service's unsubscribe merge tag, such as '*|UNSUB|*'; got None",
    ]


def test_an_issue_has_one_outline_its_sections_in_order_and_only_those_with_items() -> None:
    issue, = assemble(content(
        studies=[study("study", at(2021, 3, 2))],
        items=[news("event", at(2021, 3, 1), "event", at(2021, 3, 20, 14)), news("news", at(2021, 3, 3)),
               news("editorial", at(2021, 3, 4), "editorial")],
    ), CADENCE, LATER)
    assert [section.key for section in issue.sections] == ["editorial", "news", "events", "new_case_studies"]
    assert [section.key for section in SECTIONS] == ["editorial", "news", "events", "new_case_studies", "new_lessons", "network"]
