"""End to end: a copy of the sample site whose data/newsletter.yml says `every: month` builds its
issues on monthly days, says "monthly" / "misol" where the sample site says "fortnightly" /
"pythefnosol", and its preview covers a month (issue 22)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import feedparser
import icalendar
import pytest

from tests.support.sample_site import section
from tests.support.sites import BuildResult, build, build_env, check_errors, copy_fixture, edit, read_html

# The sample site's items: news and an event published in early March 2022 (the event on 17 March),
# case studies and lessons on 31 March 2022 and 20 October 2023, news on 8 November 2023; built
# on 2023-11-14. Every fortnight from 2021-03-01 they made the issues of 2022-03-14, 2022-04-11
# and 2023-10-23; on the 14th of each month they make these.
MONTHLY_ISSUES = ["2022-03-14", "2022-04-14", "2023-11-14"]


def monthly_site(destination: Path) -> Path:
    project = copy_fixture(destination)
    edit(project / "data/newsletter.yml", "anchor: 2021-03-01\ndays: 14\n", "anchor: 2021-03-14\nevery: month\n")
    return project


@pytest.fixture(scope="module")
def monthly(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    project = monthly_site(tmp_path_factory.mktemp("monthly") / "project")
    result = build(project, tmp_path_factory.mktemp("monthly-site") / "site")
    assert result.returncode == 0, result.log
    return result


@pytest.mark.parametrize("prefix", ["", "cy/"])
def test_issues_are_built_on_monthly_days(monthly: BuildResult, prefix: str) -> None:
    folder = monthly.site / section(prefix, "newsletters")
    assert sorted(path.parent.name for path in folder.glob("*/index.html")) == MONTHLY_ISSUES


@pytest.mark.parametrize(
    ("prefix", "summary"),
    [
        ("", "Issue 2. News from 14 March 2022 to 13 April 2022."),
        ("cy/", "Rhifyn 2. Newyddion o 14 Mawrth 2022 i 13 Ebrill 2022."),
    ],
)
def test_an_issue_covers_the_month_before_it(monthly: BuildResult, prefix: str, summary: str) -> None:
    soup = read_html(monthly.site / section(prefix, "newsletters") / "2022-04-14/index.html")
    assert soup.select_one(".rhannu-issue-summary").get_text() == summary


@pytest.mark.parametrize(
    ("prefix", "intro"),
    [
        ("", "The programme's monthly newsletter: news, events, and new case studies and lessons."),
        ("cy/", "Cylchlythyr misol y rhaglen: newyddion, digwyddiadau, ac astudiaethau achos a gwersi newydd."),
    ],
)
def test_the_archive_calls_the_newsletter_monthly(monthly: BuildResult, prefix: str, intro: str) -> None:
    soup = read_html(monthly.site / section(prefix, "newsletters") / "index.html")
    assert soup.select_one("article p").get_text().startswith(intro)


@pytest.mark.parametrize(
    ("feed", "description"),
    [
        ("newsletters/feed.xml", "Issues of the programme's monthly newsletter, in English, as they are published on this site."),
        (
            "cy/cylchlythyrau/feed.xml",
            "Rhifynnau o gylchlythyr misol y rhaglen, yn Gymraeg, wrth iddynt gael eu cyhoeddi ar y wefan hon.",
        ),
    ],
)
def test_the_issues_feed_calls_the_newsletter_monthly(monthly: BuildResult, feed: str, description: str) -> None:
    parsed = feedparser.parse((monthly.site / feed).read_bytes())
    assert not parsed.bozo
    assert parsed.feed.description == description
    assert [entry.link.rstrip("/").rsplit("/", 1)[-1] for entry in parsed.entries] == MONTHLY_ISSUES[::-1]


@pytest.mark.parametrize(
    ("calendar", "description", "event"),
    [
        ("events.ics", "Events announced in the programme's monthly newsletter, in English", "Sample learning event"),
        (
            "cy/events.ics",
            "Digwyddiadau a gyhoeddir yng nghylchlythyr misol y rhaglen, yn Gymraeg",
            "Digwyddiad dysgu enghreifftiol",
        ),
    ],
)
def test_the_events_calendar_calls_the_newsletter_monthly(
    monthly: BuildResult, calendar: str, description: str, event: str
) -> None:
    parsed = icalendar.Calendar.from_ical((monthly.site / calendar).read_bytes())
    assert str(parsed["x-wr-caldesc"]).startswith(description)
    # the event of 17 March is announced in the last issue before it, of 14 March
    assert [str(vevent["summary"]) for vevent in parsed.walk("VEVENT")] == [event]
    issue_page = read_html(
        monthly.site / section("cy/" if calendar.startswith("cy/") else "", "newsletters") / "2022-03-14/index.html"
    )
    assert event in issue_page.select_one("#issue-events").find_parent("section").get_text()


def test_the_preview_covers_the_month_that_holds_the_date(tmp_path: Path) -> None:
    project = monthly_site(tmp_path / "project")
    command = [sys.executable, "-m", "rhannu.cli", "--root", str(project), "newsletter", "preview", "2022-03-20"]
    done = subprocess.run(command, capture_output=True, text=True, check=False, env=build_env())
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.splitlines()[0] == (
        "Issue 2, published on 2022-04-14, covering what was published from 2022-03-14 to 2022-04-13"
    )


def test_every_and_days_together_stop_the_check(tmp_path: Path, capsys, monkeypatch) -> None:
    project = copy_fixture(tmp_path / "project")
    edit(project / "data/newsletter.yml", "days: 14\n", "days: 14\nevery: month\n")
    assert check_errors(project, capsys, monkeypatch) == [
        "data/newsletter.yml: field 'every': give either every: month or days: N (a whole number of days), not both; "
        "got every: 'month'"
    ]
