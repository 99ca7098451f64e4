from rhannu.languages import ENGLISH, WELSH
from rhannu.pairing import MissingTwin, missing_twins, parse_source_path


def test_parse_english_and_welsh_paths() -> None:
    assert parse_source_path("about.md").lang is ENGLISH
    welsh = parse_source_path("news/about.cy.md")
    assert (welsh.key, welsh.lang) == ("news/about.md", WELSH)


def test_a_dotted_name_that_is_not_a_language_is_english() -> None:
    source = parse_source_path("report.2021.md")
    assert (source.key, source.lang) == ("report.2021.md", ENGLISH)


def test_complete_pairs_have_no_missing_twins() -> None:
    assert missing_twins(["index.md", "index.cy.md", "a/b.md", "a/b.cy.md"]) == []


def test_missing_twins_in_both_directions() -> None:
    missing = missing_twins(["index.md", "about.cy.md", "news/x.md", "news/x.cy.md"])
    assert missing == [
        MissingTwin("about.cy.md", "about.md", ENGLISH),
        MissingTwin("index.md", "index.cy.md", WELSH),
    ]


def test_missing_twin_message_names_both_files() -> None:
    twin = MissingTwin("docs/about.md", "docs/about.cy.md", WELSH)
    assert twin.message() == "docs/about.md: has no Welsh twin; add docs/about.cy.md"
