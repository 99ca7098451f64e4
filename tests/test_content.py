"""Content loading and validation: every bad-input case, with the exact message an editor sees."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from rhannu.content import load_content
from rhannu.errors import ContentErrors

TAXONOMY = Path(__file__).resolve().parent / "fixture_site/data/taxonomy.yml"  # the sample site's: frozen, unlike the project's
BUILD_DATE = dt.date(2023, 11, 14)
PSBS = "expected one of sample-north, sample-south, sample-west, programme"

LESSON_EN = "---\ntitle: Plan early\nsummary: Allow time to plan.\ngroup: time\norder: 1\npublished: 2022-03-31\n---\n\nPlanning takes time.\n"
LESSON_CY = "---\ntitle: Cynllunio'n gynnar\nsummary: Rhoi amser i gynllunio.\n---\n\nMae cynllunio'n cymryd amser.\n"
STUDY_EN = """---
title: Engagement
summary: How engagement went.
published: 2022-03-31
psb: programme
themes: [well-being-assessments]
approaches: [engagement-activity]
lessons: [plan-early]
---

What happened.
"""
STUDY_CY = "---\ntitle: Ymgysylltu\nsummary: Sut aeth ymgysylltu.\n---\n\nBeth ddigwyddodd.\n"


def project(tmp_path: Path, files: dict[str, str | None]) -> Path:
    """A valid project, with `files` written over it (None removes a file)."""
    (tmp_path / "data").mkdir()
    shutil.copy(TAXONOMY, tmp_path / "data/taxonomy.yml")
    shutil.copy(TAXONOMY.with_name("schema.yml"), tmp_path / "data/schema.yml")
    shutil.copy(TAXONOMY.with_name("sources.yml"), tmp_path / "data/sources.yml")
    base = {
        "lessons/plan-early.md": LESSON_EN,
        "lessons/plan-early.cy.md": LESSON_CY,
        "case_studies/engagement.md": STUDY_EN,
        "case_studies/engagement.cy.md": STUDY_CY,
    }
    for name, text in {**base, **files}.items():
        if text is not None:
            (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def errors_for(tmp_path: Path, files: dict[str, str | None]) -> list[str]:
    with pytest.raises(ContentErrors) as raised:
        load_content(project(tmp_path, files), BUILD_DATE)
    return [str(error) for error in raised.value.errors]


def test_valid_content_becomes_records_with_welsh_inheriting_shared_facts(tmp_path: Path) -> None:
    content = load_content(project(tmp_path, {}), BUILD_DATE)
    (study,) = content.case_studies
    assert study.slug == "engagement"
    assert study.published.isoformat() == "2022-03-31T00:00:00+01:00"
    assert study.terms["psb"] == ("programme",) and study.lessons == ("plan-early",)
    assert study.texts["cy"].title == "Ymgysylltu"
    assert study.texts["cy"].path == "case_studies/engagement.cy.md"
    assert content.missing_twins == ()


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (
            {"case_studies/engagement.md": STUDY_EN.replace("psb: programme", "psb: north wales")},
            f"case_studies/engagement.md: field 'psb': {PSBS}; got 'north wales'",
        ),
        (
            {"case_studies/engagement.md": STUDY_EN.replace("themes: [well-being-assessments]", "themes: [wellbeing]")},
            "case_studies/engagement.md: field 'themes': expected one of well-being-assessments, "
            "sharing-practice, digital-engagement, consultation-fatigue; got 'wellbeing'",
        ),
        (
            {"case_studies/engagement.md": STUDY_EN.replace("approaches: [engagement-activity]", "approaches: [quiz]")},
            "case_studies/engagement.md: field 'approaches': expected one of engagement-activity, hackathon, "
            "online-learning-event, virtual-working; got 'quiz'",
        ),
        (
            {"case_studies/engagement.md": STUDY_EN.replace("published: 2022-03-31", "published: 31/03/2022")},
            "case_studies/engagement.md: field 'published': expected a date as YYYY-MM-DD; got '31/03/2022'",
        ),
        (
            {"case_studies/engagement.md": STUDY_EN.replace("psb: programme\n", "")},
            "case_studies/engagement.md: field 'psb': missing; this field is required",
        ),
        (
            {"case_studies/engagement.md": STUDY_EN.replace("themes:", "theme:")},
            "case_studies/engagement.md: field 'theme': unknown field (did you mean 'themes'?); expected one of "
            "title, summary, published, psb, themes, approaches, lessons, aliases, when, source, updated, draft, translated_from, slug\n"
            "case_studies/engagement.md: field 'themes': missing; this field is required",
        ),
        (
            {"case_studies/engagement.md": STUDY_EN.replace("lessons: [plan-early]", "lessons: [plan-late]")},
            "case_studies/engagement.md: field 'lessons': expected ids of lessons in lessons/ (plan-early); got 'plan-late'",
        ),
        (
            {"case_studies/engagement.cy.md": STUDY_CY.replace("---\n\n", "psb: sample-west\n---\n\n")},
            "case_studies/engagement.cy.md: field 'psb': contradicts case_studies/engagement.md ('programme'); "
            "got 'sample-west': leave it out of the Welsh file, which inherits it, or make the two agree",
        ),
        (
            {"case_studies/engagement.cy.md": STUDY_CY.replace("Beth ddigwyddodd.\n", "")},
            "case_studies/engagement.cy.md: the body is empty: write the text below the front matter's closing '---'",
        ),
        (
            {"case_studies/engagement.md": STUDY_EN + "\n![](photo.jpg)\n"},
            "case_studies/engagement.md: line 13: image photo.jpg has no alt text: describe it between the "
            "brackets, as ![what it shows](photo.jpg)",
        ),
        (
            {"case_studies/engagement.md": STUDY_EN.replace("title: Engagement", "title: [Engagement")},
            "case_studies/engagement.md: line 3: YAML syntax error: did not find expected ',' or ']'",
        ),
        (
            {"case_studies/Engagement Two.md": STUDY_EN},
            "case_studies/Engagement Two.md: file name: expected lower case letters, digits and hyphens, "
            "such as 'my-case-study.md'; got 'Engagement Two.md'",
        ),
    ],
    ids=["psb", "theme", "approach", "date", "missing", "unknown", "lesson", "contradiction", "empty", "image", "yaml", "name"],
)
def test_each_bad_input_is_named_with_its_file_field_and_what_is_valid(
    tmp_path: Path, files: dict[str, str], expected: str
) -> None:
    assert errors_for(tmp_path, files) == expected.split("\n")


def test_duplicate_alias_is_an_error_naming_both_files(tmp_path: Path) -> None:
    other = STUDY_EN.replace("lessons: [plan-early]", "lessons: []\naliases: [case-studies/engagement/]")
    errors = errors_for(tmp_path, {"case_studies/other.md": other, "case_studies/other.cy.md": STUDY_CY})
    assert errors == [
        "case_studies/other.md: field 'aliases': duplicate address 'case-studies/engagement/': "
        "already used by case_studies/engagement.md"
    ]


def test_every_problem_in_every_file_is_reported_in_one_run(tmp_path: Path) -> None:
    errors = errors_for(tmp_path, {
        "case_studies/engagement.md": STUDY_EN.replace("psb: programme", "psb: nowhere"),
        "lessons/plan-early.cy.md": LESSON_CY.replace("title:", "titel:"),
    })
    assert [error.split(":")[0] for error in errors] == [
        "case_studies/engagement.md", "lessons/plan-early.cy.md", "lessons/plan-early.cy.md",
    ]


def test_missing_twin_is_reported_not_fatal(tmp_path: Path) -> None:
    content = load_content(project(tmp_path, {"case_studies/engagement.cy.md": None}), BUILD_DATE)
    (twin,) = content.missing_twins
    assert twin.message() == "case_studies/engagement.md: has no Welsh twin; add case_studies/engagement.cy.md"
    assert set(content.case_studies[0].texts) == {"en"}


def test_drafts_and_future_dated_items_are_left_out_and_named(tmp_path: Path) -> None:
    future = STUDY_EN.replace("published: 2022-03-31", "published: 2023-11-15")
    draft = STUDY_EN.replace("lessons: [plan-early]", "lessons: []\ndraft: true")
    content = load_content(project(tmp_path, {
        "case_studies/later.md": future, "case_studies/later.cy.md": STUDY_CY,
        "case_studies/unfinished.md": draft, "case_studies/unfinished.cy.md": STUDY_CY,
    }), BUILD_DATE)
    assert [study.slug for study in content.case_studies] == ["engagement"]
    assert [(item.path, item.reason) for item in content.excluded] == [
        ("case_studies/later.md", "published 2023-11-15, after the build date 2023-11-14"),
        ("case_studies/unfinished.md", "draft"),
    ]


NEWS = "---\ntitle: News\nsummary: Something happened.\nkind: news\npublished: 2022-03-01\n---\n\nIt happened.\n"
NEWS_CY = "---\ntitle: Newyddion\nsummary: Digwyddodd rhywbeth.\n---\n\nFe ddigwyddodd.\n"


@pytest.mark.parametrize(
    ("english", "expected"),
    [
        (NEWS.replace("kind: news", "kind: event"),
         "newsletters/item.md: field 'event_date': missing; an event needs the day it happens, as YYYY-MM-DD or YYYY-MM-DD HH:MM"),
        (NEWS.replace("kind: news", "kind: event\nevent_date: next Tuesday"),
         "newsletters/item.md: field 'event_date': expected YYYY-MM-DD or YYYY-MM-DD HH:MM; got 'next Tuesday'"),
        (NEWS.replace("kind: news", "kind: news\nplace: Online"),
         "newsletters/item.md: field 'place': only events have this field; this item's kind is 'news'"),
        (NEWS.replace("kind: news", "kind: blog"),
         "newsletters/item.md: field 'kind': expected one of news, event, editorial; got 'blog'"),
    ],
    ids=["event-without-date", "bad-event-date", "place-on-news", "kind"],
)
def test_newsletter_items_are_validated(tmp_path: Path, english: str, expected: str) -> None:
    errors = errors_for(tmp_path, {"newsletters/item.md": english, "newsletters/item.cy.md": NEWS_CY})
    assert errors == [expected]


def test_an_event_with_a_time_is_that_time_in_london(tmp_path: Path) -> None:
    event = NEWS.replace("kind: news", "kind: event\nevent_date: 2022-07-05 14:30\nonline_link: https://example.org/join")
    content = load_content(project(tmp_path, {"newsletters/item.md": event, "newsletters/item.cy.md": NEWS_CY}), BUILD_DATE)
    (item,) = content.news
    assert item.event_start.isoformat() == "2022-07-05T14:30:00+01:00" and item.event_has_time


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("when: last summer", "field 'when': expected a day (2021-06-15), a month (2021-11), a season (summer 2021) or a year "
         "(2021); got 'last summer'"),
        ("when: 2021-02-30", "a date that does not exist (day is out of range for month): write a real day as YYYY-MM-DD"),
        ("source: annual-report", "field 'source': expected one of sample-report; got 'annual-report'"),
    ],
    ids=["when", "impossible-day", "source"],
)
def test_when_and_source_are_checked(tmp_path: Path, line: str, expected: str) -> None:
    files = {"case_studies/engagement.md": STUDY_EN.replace("lessons: [plan-early]", f"lessons: [plan-early]\n{line}")}
    assert errors_for(tmp_path, files) == [f"case_studies/engagement.md: {expected}"]


def test_the_welsh_twin_inherits_when_and_source(tmp_path: Path) -> None:
    english = STUDY_EN.replace("lessons: [plan-early]", "lessons: [plan-early]\nwhen: summer 2021\nsource: sample-report")
    (study,) = load_content(project(tmp_path, {"case_studies/engagement.md": english}), BUILD_DATE).case_studies
    assert (study.when.iso(), study.source) == ("2021-06/2021-08", "sample-report")
