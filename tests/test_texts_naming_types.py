"""Rhannu's texts that name a site's content types (the feed of everything, the catalogue's page,
the newsletter's archive) stand only where they are true: a site with other types gives its own."""

from __future__ import annotations

import copy
from typing import Any

from rhannu.site_schema import TEXTS_NAMING_TYPES, parse_schema
from tests.test_declared_types import MINIMAL_SCHEMA, errors_of

WHOLE_SET = ("feed_all_description", "api_intro")


def without_words(data: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    for words in data["labels"].values():
        for key in keys:
            words.pop(key, None)
    return data


def test_a_site_with_a_type_of_its_own_must_say_what_its_feed_and_catalogue_hold() -> None:
    errors = errors_of(without_words(copy.deepcopy(MINIMAL_SCHEMA), WHOLE_SET))
    for lang in ("en", "cy"):
        for key in WHOLE_SET:
            assert (
                f"data/schema.yml: field 'labels.{lang}.{key}': Rhannu's text for {key} names the types case_studies, "
                "lessons, news, and this site declares case_studies, lessons, news, resources: give the site's own words for it"
            ) in errors
    assert not [error for error in errors if "newsletters_intro" in error]  # it names types the site has


def test_a_site_without_lessons_must_give_its_own_archive_introduction() -> None:
    data = copy.deepcopy(MINIMAL_SCHEMA)
    del data["content_types"]["lessons"]
    errors = errors_of(without_words(data, ("newsletters_intro",)))
    assert any("field 'labels.cy.newsletters_intro': Rhannu's text for newsletters_intro names the types" in e for e in errors)
    assert any("field 'labels.en.newsletters_intro_empty'" in error for error in errors)


def test_the_sites_own_words_for_them_are_enough() -> None:
    schema = parse_schema(copy.deepcopy(MINIMAL_SCHEMA))  # it gives both texts in both languages
    assert {key for key in WHOLE_SET for words in schema.labels.values() if key in words} == set(WHOLE_SET)


def test_a_site_with_exactly_rhannus_types_keeps_rhannus_texts() -> None:
    data = copy.deepcopy(MINIMAL_SCHEMA)
    del data["content_types"]["resources"]
    data["labels"] = {}
    named = {named for named, _ in TEXTS_NAMING_TYPES.values()}
    assert named == {frozenset(key for key in data["content_types"])}
    assert [kind.key for kind in parse_schema(data).types] == ["news", "case_studies", "lessons"]
