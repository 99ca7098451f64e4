"""Content types declared in data/schema.yml (issue 22, item 2), as plain data without MkDocs: each
declaration becomes a type of its behaviour, a schema that declares none has today's three, every
mistake is named with what would be valid, and a declared type's words are required where
Rhannu has no generic phrase for them."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from rhannu.content_types import BY_KEY, CASE_STUDIES, TYPES, WITH_PAGES, build_types, current, restore_types, use_types
from rhannu.errors import ContentErrors
from rhannu.site_schema import DEFAULT_TYPES, load_schema, parse_schema
from rhannu.urls import url

MINIMAL = Path(__file__).resolve().parent / "fixture_minimal"
MINIMAL_SCHEMA: dict[str, Any] = yaml.safe_load((MINIMAL / "data/schema.yml").read_text(encoding="utf-8"))


def minimal_with(change: dict[str, Any], *, labels: dict[str, Any] | None = None) -> dict[str, Any]:
    data = copy.deepcopy(MINIMAL_SCHEMA)
    data["content_types"]["resources"].update(change)
    if labels is not None:
        data["labels"] = labels
    return data


def errors_of(data: dict[str, Any]) -> list[str]:
    with pytest.raises(ContentErrors) as raised:
        parse_schema(data)
    return [str(error) for error in raised.value.errors]


def test_the_live_schema_declares_todays_three_types_as_rhannu_had_them() -> None:
    declared = load_schema(Path(__file__).resolve().parent.parent).types
    assert [(kind.key, kind.behaviour, kind.folder, dict(kind.addresses)) for kind in declared] == [
        ("news", "newsletter-items", "newsletters", {"cy": "cylchlythyrau"}),
        ("case_studies", "items-with-pages", "case_studies", {"en": "case-studies", "cy": "astudiaethau-achos"}),
        ("lessons", "grouped-lessons", "lessons", {"en": "lessons", "cy": "gwersi"}),
    ]
    assert declared[1].facets == ("psb", "theme", "approach", "year") and declared[1].lessons and declared[1].feed


def test_a_schema_without_declared_types_has_todays_three() -> None:
    for content_types in ({}, {"case_studies": {"fields": {"funder": {"type": "text"}}}}):
        data = copy.deepcopy(MINIMAL_SCHEMA)
        data["content_types"] = content_types
        data["labels"] = {}
        schema = parse_schema(data)
        assert [kind.key for kind in schema.types] == [kind.key for kind in DEFAULT_TYPES]
        assert schema.types[1].facets == ("audience", "year")  # every facet the schema declares


def test_a_declared_type_is_built_from_its_behaviour() -> None:
    types = build_types(load_schema(MINIMAL).types)
    resources = next(kind for kind in types if kind.key == "resources")
    assert (resources.address, dict(resources.local_addresses), resources.in_feed) == ("resources", {"cy": "adnoddau"}, True)
    assert resources.sections == () and resources.issue_slot is None  # in no newsletter section
    assert resources.singular == "resource" and not resources.faceted
    assert "lessons" not in [field.name for field in resources.fields]
    assert [field.name for field in CASE_STUDIES.fields][:4] == ["title", "summary", "published", "lessons"]


def test_the_sites_types_are_current_for_one_context_only() -> None:
    assert [kind.key for kind in TYPES] == ["news", "case_studies", "lessons"]
    token = use_types(build_types(load_schema(MINIMAL).types))
    try:
        assert [kind.key for kind in WITH_PAGES] == ["case_studies", "lessons", "resources"]
        assert BY_KEY["resources"].folder == "resources"
        assert url("resources/x", "cy") == "cy/adnoddau/x/"
        assert current().sections["cy"]["resources"] == "adnoddau"
    finally:
        restore_types(token)
    assert "resources" not in BY_KEY
    assert url("resources/x", "cy") == "cy/resources/x/"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            {"behaviour": "pages"},
            "data/schema.yml: field 'content_types.resources.behaviour': expected one of items-with-pages, "
            "grouped-lessons, newsletter-items; got 'pages'",
        ),
        (
            {"address": {"en": "resources"}},
            "data/schema.yml: field 'content_types.resources.address': expected its section's name in each language's "
            "addresses: {en: ..., cy: ...}; got {'en': 'resources'}",
        ),
        (
            {"address": {"en": "resources", "cy": "Adnoddau Da"}},
            "data/schema.yml: field 'content_types.resources.address.cy': expected a name of lower case letters and digits "
            "joined by hyphens, such as 'adnoddau'; got 'Adnoddau Da'",
        ),
        (
            {"address": {"en": "case-studies", "cy": "adnoddau"}},
            "data/schema.yml: field 'content_types.resources.address.en': the en address 'case-studies' is already "
            "case_studies's: give it another",
        ),
        (
            {"facets": ["audience"]},
            "data/schema.yml: field 'content_types.resources.facets': expected `all` (every facet the schema declares: "
            "audience, year), or [] for none; got ['audience']",
        ),
        (
            {"facets": "all"},
            "data/schema.yml: field 'content_types': only one content type may be grouped by the schema's facets for now: "
            "give the others facets: []",
        ),
        (
            {"newsletter": "full"},
            "data/schema.yml: field 'content_types.resources.newsletter': expected `linked` (an issue lists its new items, "
            "each linking to its page), or no newsletter key; got 'full'",
        ),
        (
            {"group": "x"},
            "data/schema.yml: field 'content_types.resources.group': unknown key: expected one of behaviour, folder, names, "
            "fields, address, facets, lessons, feed, newsletter",
        ),
        (
            {"names": {"singular": "resource"}},
            "data/schema.yml: field 'content_types.resources.names': expected what editors call one and several: "
            "{singular: resource, plural: resources}; got {'singular': 'resource'}",
        ),
    ],
    ids=lambda value: str(value)[:40],
)
def test_each_mistake_in_a_declaration_is_named_with_what_would_be_valid(change: dict[str, Any], expected: str) -> None:
    errors = errors_of(minimal_with(change))
    assert expected in errors
    assert not any("unknown label key" in error for error in errors)  # one mistake, named once


def test_once_one_type_has_a_behaviour_every_type_needs_its_declaration() -> None:
    data = copy.deepcopy(MINIMAL_SCHEMA)
    data["content_types"]["lessons"] = {"fields": {"level": {"type": "text"}}}
    assert (
        "data/schema.yml: field 'content_types.lessons': expected the type's declaration, as every type's once one has a "
        "behaviour: {behaviour: items-with-pages, folder: resources, address: {en: resources, cy: adnoddau}, names: {...}}"
    ) in errors_of(data)


def test_a_declared_types_missing_words_are_named_in_each_language() -> None:
    labels = copy.deepcopy(MINIMAL_SCHEMA["labels"])
    del labels["en"]["resources_intro"], labels["cy"]["count_other_resources"]
    errors = errors_of(minimal_with({}, labels=labels))
    assert "data/schema.yml: field 'labels.en': missing the words of a declared content type: give resources_intro" in errors
    assert (
        "data/schema.yml: field 'labels.cy': missing the words of a declared content type: give count_other_resources" in errors
    )


def test_a_declared_types_words_fill_in_the_placeholders_rhannu_does() -> None:
    labels = copy.deepcopy(MINIMAL_SCHEMA["labels"])
    labels["en"]["count_other_resources"] = "Some resources"
    labels["cy"]["scaffold_body_resources"] = "Ysgrifennwch yr adnodd."
    errors = errors_of(minimal_with({}, labels=labels))
    assert (
        "data/schema.yml: field 'labels.en.count_other_resources': expected the same placeholders as Rhannu's text ({n}); "
        "got 'Some resources'"
    ) in errors
    assert any(
        error.startswith("data/schema.yml: field 'labels.cy.scaffold_body_resources': expected text that starts TODO")
        for error in errors
    )


def test_the_words_of_an_undeclared_type_are_unknown_keys() -> None:
    data = copy.deepcopy(MINIMAL_SCHEMA)
    del data["content_types"]["resources"]
    errors = errors_of(data)
    assert (
        "data/schema.yml: field 'labels.en.pager_resources': unknown label key: use one of the keys in rhannu/labels.py" in errors
    )
