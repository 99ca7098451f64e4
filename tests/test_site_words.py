"""A site's own words for Rhannu's interface text (`labels:` in data/schema.yml): checked, and
applied wherever the label appears: generated pages, the filter script's strings, feeds, the
email edition and templates, in both languages."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import feedparser
import pytest
import yaml

from rhannu.errors import ContentErrors
from rhannu.labels import ENGLISH, WELSH, label, placeholders, site_words, table
from rhannu.site_schema import parse_schema
from tests.support.sites import FIXTURE, build, copy_fixture, read_html

FIXTURE_SCHEMA = FIXTURE / "data/schema.yml"

OWN_WORDS = {
    "en": {
        "case_studies": "Stories of practice",
        "count_other": "{n} stories",
        "feed_all_description": "Everything new on the sample site, in English.",
        "email_web_copy": "The web copy of the {site} email.",
        "not_found": "Nothing at this address",
        "palette_to_dark": "Use dark colours",
    },
    "cy": {
        "case_studies": "Straeon arfer",
        "count_other": "{n} stori",
        "feed_all_description": "Popeth newydd ar y wefan sampl, yn Gymraeg.",
        "email_web_copy": "Copi ar y we o e-bost {site}.",
        "not_found": "Dim byd yn y cyfeiriad hwn",
        "palette_to_dark": "Defnyddio lliwiau tywyll",
    },
}


def fixture_schema(**changes: Any) -> dict[str, Any]:
    return yaml.safe_load(FIXTURE_SCHEMA.read_text(encoding="utf-8")) | changes


def schema_errors(words: dict[str, Any]) -> list[str]:
    with pytest.raises(ContentErrors) as raised:
        parse_schema(fixture_schema(labels=words))
    return [str(error) for error in raised.value.errors]


def test_the_sites_words_are_read_into_the_schema() -> None:
    assert parse_schema(fixture_schema(labels=OWN_WORDS)).labels["cy"]["case_studies"] == "Straeon arfer"
    assert parse_schema(fixture_schema()).labels == {}


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (
            {"en": {"count_other": "Many stories"}},
            "data/schema.yml: field 'labels.en.count_other': expected the same placeholders as Rhannu's text ({n}); "
            "got 'Many stories'",
        ),
        (
            {"cy": {"case_studies": "Straeon {n}"}},
            "data/schema.yml: field 'labels.cy.case_studies': expected the same placeholders as Rhannu's text (none); "
            "got 'Straeon {n}'",
        ),
        (
            {"en": {"page_of": "Page {page of {pages}"}},
            "data/schema.yml: field 'labels.en.page_of': expected the same placeholders as Rhannu's text ({page}, {pages}); "
            "got 'Page {page of {pages}'",
        ),
        (
            {"en": {"filter": 'Filter <b>"these"</b>'}},
            "data/schema.yml: field 'labels.en.filter': expected plain text, without \" < > (use “ ” for quotation marks); "
            "got 'Filter <b>\"these\"</b>'",
        ),
        (
            {"cy": {"astudiaethau": "Straeon"}},
            "data/schema.yml: field 'labels.cy.astudiaethau': unknown label key: use one of the keys in rhannu/labels.py",
        ),
    ],
)
def test_words_that_do_not_fit_the_label_are_refused(words: dict[str, Any], expected: str) -> None:
    assert schema_errors(words) == [expected]


def test_every_key_of_both_tables_fills_in_the_same_placeholders() -> None:
    assert {key: placeholders(text) for key, text in ENGLISH.items()} == {key: placeholders(text) for key, text in WELSH.items()}


def test_the_sites_words_replace_rhannus_only_while_in_use() -> None:
    with site_words(OWN_WORDS):
        assert label("cy", "count_other", n=3) == "3 stori"
        assert table("en")["case_studies"] == "Stories of practice"
        assert label("en", "count_one") == "1 case study"  # a label the site leaves alone
    assert label("cy", "count_other", n=3) == "3 astudiaeth achos"


def test_two_sites_in_one_process_each_see_their_own_words() -> None:
    seen: dict[str, str] = {}

    def render(name: str, words: dict[str, dict[str, str]]) -> None:
        with site_words(words):
            barrier.wait()  # both sites hold their words at once
            seen[name] = label("en", "case_studies")

    barrier = threading.Barrier(2)
    threads = [
        threading.Thread(target=render, args=("own", OWN_WORDS)),
        threading.Thread(target=render, args=("rhannu", {})),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert seen == {"own": "Stories of practice", "rhannu": "Case studies"}


@pytest.fixture(scope="module")
def worded_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_fixture(tmp_path_factory.mktemp("words") / "project")
    schema = project / "data/schema.yml"
    schema.write_text(
        schema.read_text(encoding="utf-8").replace(
            "labels: {}", "labels: " + yaml.safe_dump(OWN_WORDS, allow_unicode=True, default_flow_style=True, width=1000).strip()
        ),
        encoding="utf-8",
    )
    result = build(project, tmp_path_factory.mktemp("words") / "site")
    assert result.returncode == 0, result.log
    return result.site


RHANNUS_WEB_COPY = {"en": "This is the web copy", "cy": "Dyma'r copi ar y we"}
LISTINGS = {"en": "case-studies/index.html", "cy": "cy/astudiaethau-achos/index.html"}


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_the_sites_words_reach_a_generated_page_and_the_filter_script(worded_site: Path, lang: str) -> None:
    listing = read_html(worded_site / LISTINGS[lang])
    assert listing.select_one("h1").get_text(strip=True) == OWN_WORDS[lang]["case_studies"]
    assert listing.select_one("form.rhannu-filters")["data-count-other"] == OWN_WORDS[lang]["count_other"]


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_the_sites_words_reach_the_everything_new_feed(worded_site: Path, lang: str) -> None:
    feed = feedparser.parse((worded_site / ("feed.xml" if lang == "en" else "cy/feed.xml")).read_bytes())
    assert feed.feed.description == OWN_WORDS[lang]["feed_all_description"]


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_the_sites_words_reach_the_email_edition(worded_site: Path, lang: str) -> None:
    editions = sorted((worded_site / "newsletters").rglob(f"email.{lang}.html"))
    assert editions
    text = read_html(editions[0]).get_text(" ", strip=True)
    start, end = OWN_WORDS[lang]["email_web_copy"].split("{site}")
    assert start.strip() in text and end.strip() in text
    assert RHANNUS_WEB_COPY[lang] not in text


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_the_sites_words_reach_the_themes_colour_toggle(worded_site: Path, lang: str) -> None:
    home = read_html(worded_site / ("index.html" if lang == "en" else "cy/index.html"))
    assert home.select_one("label[for=__palette_1]")["title"] == OWN_WORDS[lang]["palette_to_dark"]


def test_the_sites_words_reach_a_template(worded_site: Path) -> None:
    not_found = read_html(worded_site / "404.html")
    assert not_found.title is not None
    assert not_found.title.get_text() == f"{OWN_WORDS['cy']['not_found']} / {OWN_WORDS['en']['not_found']}"


def test_rhannu_new_writes_the_sites_words_which_end_with_the_command(tmp_path: Path) -> None:
    from rhannu.cli import main

    project = copy_fixture(tmp_path / "project")
    schema = project / "data/schema.yml"
    words = "labels: {en: {scaffold_summary_case_studies: Say what this story is about.}, cy: {scaffold_title_case_studies: Teitl y stori}}"
    schema.write_text(schema.read_text(encoding="utf-8").replace("labels: {}", words), encoding="utf-8")
    assert main(["--root", str(project), "new", "case-study", "A story"]) == 0
    assert 'summary: "Say what this story is about."' in (project / "case_studies/a-story.md").read_text(encoding="utf-8")
    assert 'title: "Teitl y stori"' in (project / "case_studies/a-story.cy.md").read_text(encoding="utf-8")
    assert label("en", "scaffold_summary_case_studies") == ENGLISH["scaffold_summary_case_studies"]
