"""Issue assembly at its boundaries: plain records in, issues out."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from rhannu.content import Content
from rhannu.content_types import CASE_STUDIES, LESSONS, NEWS_ITEMS, CaseStudy, Lesson, NewsItem, Text
from rhannu.dates import LONDON
from rhannu.errors import ContentErrors
from rhannu.newsletter import DayCadence, NewsletterSettings, Status, assemble, editorial_errors, load_settings, sections
from rhannu.site_schema import SiteSchema
from rhannu.taxonomy import Taxonomy

CADENCE = DayCadence(dt.date(2021, 3, 1), 14)
SETTINGS = NewsletterSettings(CADENCE, dt.date(2021, 3, 15), None, "*|UNSUB|*", first_number=1)
LATER = dt.date(2030, 1, 1)


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=LONDON)


def texts(slug: str) -> dict[str, Text]:
    return {lang: Text(f"x/{slug}.{lang}.md", f"{slug} {lang}", "Summary.", "Body.\n") for lang in ("en", "cy")}


def study(slug: str, published: dt.datetime) -> CaseStudy:
    terms = {"psb": ("programme",), "theme": ("relationships",), "approach": ("newsletter",)}
    return CaseStudy(slug, published, terms, (), (), False, texts(slug))


def news(slug: str, published: dt.datetime, kind: str = "news", event: dt.datetime | None = None) -> NewsItem:
    return NewsItem(slug, kind, published, event, event is not None and event.hour > 0, None, False, texts(slug))


def content(studies=(), items=(), lessons=()) -> Content:
    empty = Taxonomy({}, SiteSchema((), (), ()))
    items_by_type = {
        CASE_STUDIES.key: tuple(studies), LESSONS.key: tuple(lessons),
        NEWS_ITEMS.key: tuple(sorted(items, key=lambda i: i.published)),
    }
    return Content(empty, items_by_type, (), ())


def slugs(issue) -> list[str]:
    return [item.slug for key in ("news", "new_case_studies", "new_lessons") for item in issue.items(key)]


def test_the_first_issue_gathers_everything_published_before_it() -> None:
    issues = assemble(content(items=[news("long-ago", at(2021, 3, 1)), news("eve", at(2021, 3, 14, 23, 59))]), SETTINGS, LATER)
    (issue,) = issues
    assert (issue.number, issue.slug, issue.start) == (1, "2021-03-15", None)
    assert slugs(issue) == ["long-ago", "eve"]


def test_an_item_published_on_an_issue_day_waits_for_the_next_issue() -> None:
    issues = assemble(content(items=[news("before", at(2021, 3, 14)), news("late", at(2021, 3, 15, 9))]), SETTINGS, LATER)
    assert [(issue.number, issue.slug, issue.start, slugs(issue)) for issue in issues] == [
        (1, "2021-03-15", None, ["before"]),
        (2, "2021-03-29", dt.date(2021, 3, 15), ["late"]),
    ]


def test_a_published_issue_never_changes_when_a_later_item_is_added() -> None:
    first = assemble(content(items=[news("a", at(2021, 3, 2))]), SETTINGS, dt.date(2021, 3, 20))
    added_late = news("b", at(2021, 3, 20))  # published today, after issue 1 went out
    again = assemble(content(items=[news("a", at(2021, 3, 2)), added_late]), SETTINGS, dt.date(2021, 3, 20))
    assert again == first  # b waits for 29 March
    assert [slugs(issue) for issue in assemble(content(items=[news("a", at(2021, 3, 2)), added_late]), SETTINGS, LATER)] == [["a"], ["b"]]


def test_the_clock_change_moves_no_boundary() -> None:
    # Clocks went forward on 28 March 2021: 23:30 UTC on the 28th is already the 29th in London.
    late_sunday = at(2021, 3, 28, 23, 30)
    monday = dt.datetime(2021, 3, 28, 23, 30, tzinfo=dt.UTC)
    issues = assemble(content(items=[news("sunday", late_sunday), news("monday", monday)]), SETTINGS, LATER)
    assert [(issue.slug, slugs(issue)) for issue in issues] == [("2021-03-29", ["sunday"]), ("2021-04-12", ["monday"])]


def test_issue_days_with_nothing_get_no_issue_and_numbers_follow_publication() -> None:
    issues = assemble(content(items=[news("a", at(2021, 3, 2)), news("c", at(2021, 4, 20))]), SETTINGS, LATER)
    assert [(issue.number, issue.slug, issue.start) for issue in issues] == [
        (1, "2021-03-15", None), (2, "2021-04-26", dt.date(2021, 4, 12)),
    ]


def test_issues_are_numbered_from_first_number_and_carry_none_without_it() -> None:
    items = content(items=[news("a", at(2021, 3, 2)), news("b", at(2021, 3, 16)), news("c", at(2021, 4, 20))])
    assert [issue.number for issue in assemble(items, replace(SETTINGS, first_number=40), LATER)] == [40, 41, 42]
    assert [issue.number for issue in assemble(items, replace(SETTINGS, first_number=None), LATER)] == [None] * 3


@pytest.mark.parametrize(
    ("written", "read"),
    [("first_number: 1", 1), ("first_number: 37", 37), ("first_number:", None), ("", None)],
)
def test_first_number_is_a_whole_number_from_1_or_nothing(tmp_path, written: str, read: int | None) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data/newsletter.yml").write_text(
        f"anchor: 2021-03-01\n{written}\nemail:\n  unsubscribe: '*|UNSUB|*'\n", encoding="utf-8"
    )
    assert load_settings(tmp_path).first_number == read


@pytest.mark.parametrize("value", ["0", "-3", "1.5", "true", "'12'", "[1]"])
def test_a_first_number_that_is_not_a_whole_number_from_1_is_refused(tmp_path, value: str) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data/newsletter.yml").write_text(
        f"anchor: 2021-03-01\nfirst_number: {value}\nemail:\n  unsubscribe: '*|UNSUB|*'\n", encoding="utf-8"
    )
    with pytest.raises(ContentErrors) as raised:
        load_settings(tmp_path)
    (error,) = raised.value.errors
    assert str(error).startswith(
        "data/newsletter.yml: field 'first_number': expected the number of the first issue published on this site, "
        "a whole number from 1, or nothing; got "
    )


def test_an_issue_after_the_build_date_is_not_built_yet() -> None:
    items = [news("a", at(2021, 3, 2))]
    assert assemble(content(items=items), SETTINGS, dt.date(2021, 3, 14)) == ()
    assert len(assemble(content(items=items), SETTINGS, dt.date(2021, 3, 15))) == 1


def test_before_launch_no_issue_is_built_and_the_status_says_so() -> None:
    unlaunched = replace(SETTINGS, first_issue=None)
    assert assemble(content(items=[news("a", at(2021, 3, 2))]), unlaunched, LATER) == ()
    assert unlaunched.status(LATER) == Status(launched=False, next_issue=None)
    assert SETTINGS.status(dt.date(2021, 3, 1)) == Status(launched=True, next_issue=dt.date(2021, 3, 15))
    assert SETTINGS.status(dt.date(2021, 3, 15)) == Status(launched=True, next_issue=dt.date(2021, 3, 29))


def test_items_never_published_here_are_in_no_issue() -> None:
    never = replace(news("report-only", at(2021, 3, 2)), published=None)
    assert assemble(content(items=[never], studies=[replace(study("s", at(2021, 3, 2)), published=None)]), SETTINGS, LATER) == ()


def test_events_appear_in_the_last_issue_before_they_happen() -> None:
    event = news("event", at(2021, 3, 1), kind="event", event=at(2021, 4, 1, 14))
    issues = assemble(content(items=[event]), SETTINGS, LATER)
    assert [(issue.slug, [item.slug for item in issue.items("events")]) for issue in issues] == [("2021-03-29", ["event"])]


def test_an_event_published_too_late_to_be_announced_is_in_no_issue() -> None:
    event = news("event", at(2021, 3, 30), kind="event", event=at(2021, 4, 1, 14))
    assert assemble(content(items=[event]), SETTINGS, LATER) == ()


def test_editorial_is_kept_apart_and_two_in_one_issue_are_an_error() -> None:
    one = news("editorial-one", at(2021, 3, 3), kind="editorial")
    two = news("editorial-two", at(2021, 3, 10), kind="editorial")
    (issue,) = assemble(content(items=[one]), SETTINGS, LATER)
    assert issue.items("editorial") == (one,) and issue.items("news") == ()
    (error,) = editorial_errors(content(items=[one, two]), SETTINGS)
    assert str(error) == (
        "x/editorial-two.en.md: field 'published': a second editorial for the issue published 2021-03-15: "
        "x/editorial-one.en.md is already its editorial"
    )


def test_lessons_join_the_issue_after_they_are_published() -> None:
    lesson = Lesson("plan", "time", 1, at(2022, 3, 31), False, texts("plan"))
    (issue,) = assemble(content(lessons=[lesson]), SETTINGS, LATER)
    assert (issue.slug, slugs(issue)) == ("2022-04-11", ["plan"])


def test_the_first_issue_must_fall_on_an_issue_day(tmp_path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data/newsletter.yml").write_text(
        "anchor: 2021-03-01\ndays: 14\nfirst_issue: 2022-03-16\nemail:\n  unsubscribe: '*|UNSUB|*'\n", encoding="utf-8"
    )
    with pytest.raises(ContentErrors) as raised:
        load_settings(tmp_path)
    assert [str(error) for error in raised.value.errors] == [
        "data/newsletter.yml: field 'first_issue': 2022-03-16 is not an issue day: issues appear every 14 days from "
        "2021-03-01, so choose 2022-03-14 or 2022-03-28",
    ]


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
        "data/newsletter.yml: field 'email.signup_url': expected a web address starting https://, on one line with no spaces, or nothing; got 'mailchimp'",
        "data/newsletter.yml: field 'email.unsubscribe': expected your mailing service's unsubscribe merge tag, such as '*|UNSUB|*'; got None",
    ]


def test_an_issue_has_one_outline_its_sections_in_order_and_only_those_with_items() -> None:
    issue, = assemble(content(
        studies=[study("study", at(2021, 3, 2))],
        items=[news("event", at(2021, 3, 1), "event", at(2021, 3, 20, 14)), news("news", at(2021, 3, 3)),
               news("editorial", at(2021, 3, 4), "editorial")],
    ), SETTINGS, LATER)
    assert [section.key for section in issue.sections] == ["editorial", "news", "events", "new_case_studies"]
    assert [section.key for section in sections()] == ["editorial", "news", "events", "new_case_studies", "new_lessons", "network"]
