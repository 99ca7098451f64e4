"""The editors' commands, run as an editor runs them: files written, output, exit codes, and the
same verdict from `rhannu check` as from the build."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.sample_site import CASE_STUDIES, LEFT_OUT, LESSONS, NEWS_ITEMS, STALE_WELSH
from tests.support.sample_site import welsh as welsh_address
from tests.support.sites import PINNED_EPOCH, build, build_env, copy_fixture, read_html


def rhannu(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "rhannu.cli", "--root", str(root), *args],
                          capture_output=True, text=True, check=False, env=build_env(PINNED_EPOCH))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_fixture(tmp_path / "project")


def errors_of(check: subprocess.CompletedProcess) -> list[str]:
    return [line.removeprefix("ERROR: ") for line in check.stderr.splitlines() if line.startswith("ERROR: ")]


def test_new_case_study_writes_a_pair_that_the_build_refuses_until_filled(project: Path, tmp_path: Path) -> None:
    done = rhannu(project, "new", "case-study", "Hackathon in Caerdydd")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "case_studies/hackathon-in-caerdydd.md", "case_studies/hackathon-in-caerdydd.cy.md",
    ]
    english = (project / "case_studies/hackathon-in-caerdydd.md").read_text(encoding="utf-8")
    for key in ("title", "summary", "published", "psb", "themes", "approaches", "lessons", "aliases", "draft"):
        assert f"\n{key}:" in english
    assert '\ntitle: "Hackathon in Caerdydd"\n' in english and "\npublished: 2023-11-14" in english

    check = rhannu(project, "check")
    assert check.returncode == 1
    errors = errors_of(check)
    assert "case_studies/hackathon-in-caerdydd.cy.md: field 'title': still the placeholder " \
        "'TODO: teitl yr astudiaeth achos yn Gymraeg': write the real text" in errors
    assert any(error.startswith("case_studies/hackathon-in-caerdydd.md: field 'psb': expected one of") for error in errors)
    assert len(errors) == 8

    built = build(project, tmp_path / "site")
    assert built.returncode == 1
    assert sorted(line.split("rhannu: ", 1)[1] for line in built.log.splitlines() if line.startswith("ERROR   -  rhannu: ")) == sorted(errors)


@pytest.mark.parametrize(("kind", "field"), [("item", "kind: news"), ("event", "kind: event")])
def test_new_newsletter_items(project: Path, kind: str, field: str) -> None:
    done = rhannu(project, "new", kind, "Monthly learning event")
    assert done.returncode == 0
    assert done.stdout.splitlines() == ["newsletters/monthly-learning-event.md", "newsletters/monthly-learning-event.cy.md"]
    english = (project / "newsletters/monthly-learning-event.md").read_text(encoding="utf-8")
    assert field in english
    assert ("event_date:" in english) == (kind == "event")
    assert rhannu(project, "check").returncode == 1


def test_new_refuses_to_overwrite(project: Path) -> None:
    done = rhannu(project, "new", "case-study", "Sample hackathon")
    assert done.returncode == 1
    assert done.stderr == "already exists: case_studies/sample-hackathon.md, case_studies/sample-hackathon.cy.md; choose another title\n"


def translation_rows(done: subprocess.CompletedProcess) -> list[list[str]]:
    return [line.split() for line in done.stdout.splitlines()[1:-1]]


def test_translations_of_the_sample_site_are_present_but_one_stale(project: Path) -> None:
    done = rhannu(project, "translations")
    assert done.returncode == 1  # a stale page is worth an editor's attention
    lines = done.stdout.splitlines()
    assert lines[0].split() == ["English", "Welsh", "status", "Welsh"]
    english = sorted([
        *(f"case_studies/{slug}.md" for slug in [*CASE_STUDIES, *LEFT_OUT]), "docs/about.md", "docs/contact.md", "docs/index.md", "docs/privacy.md", "docs/reusing.md",
        "docs/subscribe.md",
        *(f"lessons/{slug}.md" for slug in LESSONS), *(f"newsletters/{slug}.md" for slug in NEWS_ITEMS),
    ])
    stale = STALE_WELSH.replace(".cy.md", ".md")
    assert translation_rows(done) == [
        [path, "stale" if path == stale else "present", path.replace(".md", ".cy.md")] for path in english
    ]
    assert lines[-1] == "70 pages: 69 present, 0 missing, 1 stale"


def test_a_missing_welsh_page_is_listed(project: Path) -> None:
    (project / "lessons/sample-time.cy.md").unlink()
    done = rhannu(project, "translations")
    assert done.returncode == 1
    assert ["lessons/sample-time.md", "missing", "lessons/sample-time.cy.md"] in translation_rows(done)
    assert done.stdout.splitlines()[-1] == "70 pages: 68 present, 1 missing, 1 stale"


@pytest.mark.parametrize(
    ("english", "welsh", "page"),
    [
        ("case_studies/sample-sharing-practice.md", "case_studies/sample-sharing-practice.cy.md", "case-studies/sample-sharing-practice/"),
        ("docs/about.md", "docs/about.cy.md", "about/"),
    ],
)
def test_an_english_edit_makes_the_welsh_stale_until_marked(project: Path, tmp_path: Path, english: str, welsh: str, page: str) -> None:
    source = project / english
    source.write_text(source.read_text(encoding="utf-8") + "\nA sentence added in English.\n", encoding="utf-8")

    table = rhannu(project, "translations")
    assert table.returncode == 1
    assert [english, "stale", welsh] in [line.split() for line in table.stdout.splitlines()]

    built = build(project, tmp_path / "stale-site", strict=True)
    assert built.returncode == 0, built.log  # stale is not broken
    listed = ", ".join(sorted([STALE_WELSH, welsh]))
    assert f"INFO    -  rhannu: Welsh translations older than their English (see 'rhannu translations'): {listed}\n" in built.log
    notice = read_html(built.site / welsh_address(page) / "index.html").select_one("article .rhannu-notice")
    assert "Mae'r dudalen Saesneg wedi newid ers cyfieithu'r dudalen hon" in notice.get_text()
    assert notice.a["href"] == "../" * (page.count("/") + 1) + page  # from cy/<page> up to the root
    assert not read_html(built.site / page / "index.html").select(".rhannu-notice")

    marked = rhannu(project, "translations", "mark", english)
    assert (marked.returncode, marked.stdout) == (0, f"{welsh}: marked as translated from {english} as it stands now\n")
    table = rhannu(project, "translations")
    assert [english, "present", welsh] in translation_rows(table)
    assert table.stdout.splitlines()[-1] == "70 pages: 69 present, 0 missing, 1 stale"  # the sample site's own stale page
    rebuilt = build(project, tmp_path / "marked-site", strict=True)
    assert not read_html(rebuilt.site / welsh_address(page) / "index.html").select(".rhannu-notice")


def test_mark_needs_a_pair(project: Path) -> None:
    done = rhannu(project, "translations", "mark", "case_studies/nowhere.md")
    assert done.returncode == 1
    assert "case_studies/nowhere.md: expected a page with both" in done.stderr


def test_newsletter_preview_of_a_published_issue(sample_project: Path) -> None:
    done = rhannu(sample_project, "newsletter", "preview", "2022-03-01")
    assert done.returncode == 0
    assert done.stdout == (
        "Issue 1, published on 2022-03-14, with everything published before it\n\n"
        "Cylchlythyr: 14 Mawrth 2022\n"
        "  Gair gan y golygydd:\n    - Gair enghreifftiol gan y golygydd: croeso i'r cylchlythyr enghreifftiol\n"
        "  Newyddion:\n    - Eitem newyddion enghreifftiol\n"
        "  Digwyddiadau i ddod:\n    - Digwyddiad dysgu enghreifftiol\n"
        "  Astudiaethau achos newydd:\n    - Astudiaeth achos enghreifftiol: digwyddiadau ar-lein\n"
        "  Gwersi newydd a ddysgwyd:\n    - Gwers enghreifftiol: rhoi amser i gynllunio\n"
        "  O'r rhwydwaith:\n    - Sample partner news (yn Saesneg, Sample partner network)\n"
        "    - Newyddion enghreifftiol gan bartner (yn Gymraeg, Sample partner network)\n\n"
        "Newsletter: 14 March 2022\n"
        "  Editorial:\n    - Sample editorial: welcome to the sample newsletter\n"
        "  News:\n    - Sample news item\n"
        "  Events coming up:\n    - Sample learning event\n"
        "  New case studies:\n    - Sample case study: online events\n"
        "  New lessons learnt:\n    - Sample lesson: allow time to plan\n"
        "  From the network:\n    - Sample partner news (in English, Sample partner network)\n"
        "    - Newyddion enghreifftiol gan bartner (in Welsh, Sample partner network)\n"
    )


def test_newsletter_preview_of_an_empty_fortnight(sample_project: Path) -> None:
    done = rhannu(sample_project, "newsletter", "preview", "2022-03-20")
    assert (done.returncode, done.stdout) == (0, (
        "The issue day 2022-03-28, covering what was published from 2022-03-14 to 2022-03-27: nothing is published "
        "then yet, so there will be no issue unless something is added.\n"
    ))


def test_newsletter_preview_of_the_issue_after_the_build_date(sample_project: Path) -> None:
    done = rhannu(sample_project, "newsletter", "preview", "2023-11-10")
    assert (done.returncode, done.stdout) == (0, (
        "Issue 4, to be published on 2023-11-20, covering what was published from 2023-11-06 to 2023-11-19\n\n"
        "Cylchlythyr: 20 Tachwedd 2023\n  Newyddion:\n    - Eitem newyddion enghreifftiol ar gyfer y rhifyn nesaf\n\n"
        "Newsletter: 20 November 2023\n  News:\n    - Sample news item for the next issue\n"
    ))


def test_newsletter_preview_includes_items_not_yet_published(project: Path) -> None:
    rhannu(project, "new", "item", "A future item")
    for name, title in (("a-future-item.md", "A future item"), ("a-future-item.cy.md", "Eitem yn y dyfodol")):
        path = project / "newsletters" / name
        text = path.read_text(encoding="utf-8").replace("2023-11-14", "2024-01-03")
        lines = [line for line in text.splitlines() if not line.startswith(("summary:", "title:")) and not line.startswith("TODO")]
        lines.insert(1, f"title: {title}\nsummary: Soon.")
        path.write_text("\n".join(lines) + "\nSoon.\n", encoding="utf-8")
    done = rhannu(project, "newsletter", "preview", "2024-01-03")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Issue 6, to be published on 2024-01-15, covering what was published from 2024-01-01 to 2024-01-14\n")
    assert "    - Eitem yn y dyfodol\n" in done.stdout and "    - A future item\n" in done.stdout


def test_preview_of_a_day_before_the_first_issue_shows_the_first_issue(sample_project: Path) -> None:
    done = rhannu(sample_project, "newsletter", "preview", "2020-01-01")
    assert done.returncode == 0
    assert done.stdout.startswith("Issue 1, published on 2022-03-14, with everything published before it\n")


def test_preview_shows_no_number_when_first_number_is_empty(project: Path) -> None:
    # its own copy: the session's sample project is shared and only ever read
    settings = project / "data/newsletter.yml"
    settings.write_text(re.sub(r"first_number: 1 .*\n", "first_number:\n", settings.read_text(encoding="utf-8")), encoding="utf-8")
    done = rhannu(project, "newsletter", "preview", "2020-01-01")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("The issue, published on 2022-03-14, with everything published before it\n")
    assert "Issue 1" not in done.stdout


def test_preview_before_launch_says_so_and_shows_what_an_issue_would_hold(project: Path) -> None:
    # its own copy: the session's sample project is shared and only ever read
    settings = project / "data/newsletter.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("first_issue: 2022-03-14", "first_issue:"), encoding="utf-8")
    done = rhannu(project, "newsletter", "preview", "2022-03-20")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(
        "The newsletter has not launched on this site (first_issue is empty in data/newsletter.yml), so no issue is built;\n"
        "were it launched on 2021-03-01, this is what the issue of 2022-03-28 would hold.\n"
    )
