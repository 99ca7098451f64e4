"""The site schema (data/schema.yml) as plain data, without MkDocs: loading it, every error it
reports (all at once, in the one format), the facets derived from it, and data/taxonomy.yml
holding exactly the vocabularies it declares."""

from __future__ import annotations

import copy
import datetime as dt
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml

from rhannu.content import own_field_errors
from rhannu.content_types import CASE_STUDIES, LESSONS
from rhannu.errors import ContentErrors
from rhannu.scaffold import case_study_pair
from rhannu.schema import FieldProblem
from rhannu.site_schema import load_schema, parse_schema
from rhannu.taxonomy import load_taxonomy
from tests.support.schemas import REGION_FACET

FIXTURE_DATA = Path(__file__).resolve().parent / "fixture_site/data"
SCHEMA: dict[str, Any] = yaml.safe_load((FIXTURE_DATA / "schema.yml").read_text(encoding="utf-8"))


def schema_with(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(SCHEMA)
    data.update(changes)
    return data


def vocabulary_with(name: str, **changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(SCHEMA)
    data["vocabularies"][name].update(changes)
    return data


def errors_of(data: dict[str, Any]) -> list[str]:
    with pytest.raises(ContentErrors) as raised:
        parse_schema(data)
    return [str(error) for error in raised.value.errors]


def test_the_sample_schema_declares_the_vocabularies_and_facets_in_order() -> None:
    schema = parse_schema(SCHEMA)
    assert schema.vocabularies == ("psbs", "themes", "approaches", "lesson_groups")
    assert [facet.key for facet in schema.facets] == ["psb", "theme", "approach", "year"]
    assert [facet.key for facet in schema.vocabulary_facets] == ["psb", "theme", "approach"]
    psb, theme, approach, year = schema.facets
    assert (psb.vocabulary, psb.field, psb.many, psb.card) == ("psbs", "psb", False, "meta")
    assert (theme.field, theme.many, theme.card, theme.about) == ("themes", True, "list", True)
    assert (approach.values, approach.feeds, approach.card) == ("any", False, None)
    assert (year.vocabulary, year.field, year.feeds, year.many) == (None, None, False, False)
    assert [facet.folder("cy") for facet in schema.facets] == ["bgc", "thema", "dull", "blwyddyn"]
    assert [facet.folder("en") for facet in schema.facets] == ["psb", "theme", "approach", "year"]
    assert [facet.key for facet in schema.facets if facet.feeds] == ["psb", "theme"]
    assert schema.feed_categories == ("theme", "psb")
    assert psb.word("cy", "name") == "BGC" and theme.word("en", "feed") == "Feed for this theme (RSS)"


def test_a_facet_is_found_by_its_key_and_a_changed_schema_finds_its_own() -> None:
    schema = parse_schema(SCHEMA)
    assert [schema.facet(facet.key) for facet in schema.facets] == list(schema.facets)
    with pytest.raises(KeyError):
        schema.facet("colour")
    fewer = replace(schema, facets=schema.facets[1:])
    assert fewer.facet("theme") is schema.facets[1] and [facet.key for facet in fewer.vocabulary_facets] == ["theme", "approach"]
    with pytest.raises(KeyError):
        fewer.facet("psb")


def test_a_declared_vocabulary_facet_becomes_a_case_study_field_after_published() -> None:
    data = copy.deepcopy(SCHEMA)
    data["vocabularies"] = {**data["vocabularies"], "regions": REGION_FACET}
    schema = parse_schema(data)
    names = [field.name for field in CASE_STUDIES.fields_for(schema)]
    assert names[names.index("published") + 1 : names.index("lessons")] == ["psb", "themes", "approaches", "region"]
    assert LESSONS.fields_for(schema) == LESSONS.fields  # lessons take no facet fields


def test_the_value_count_decides_the_fields_parser(tmp_path: Path) -> None:
    project = _project(tmp_path)
    taxonomy = load_taxonomy(project)
    fields = {field.name: field for field in CASE_STUDIES.fields_for(taxonomy.schema)}
    assert fields["psb"].parse("sample-west", taxonomy) == "sample-west"
    assert fields["approaches"].parse([], taxonomy) == ()
    with pytest.raises(FieldProblem, match="expected at least one value"):
        fields["themes"].parse([], taxonomy)
    with pytest.raises(FieldProblem, match="expected one of sample-north"):
        fields["psb"].parse("nowhere", taxonomy)


def test_the_schema_is_read_from_the_sites_own_file(tmp_path: Path) -> None:
    project = _project(tmp_path)
    assert load_schema(project) == parse_schema(SCHEMA)
    (project / "data/schema.yml").unlink()
    with pytest.raises(ContentErrors) as raised:
        load_schema(project)
    assert str(raised.value) == "data/schema.yml: cannot be read: No such file or directory"


def test_two_sites_with_different_schemas_load_side_by_side(tmp_path: Path) -> None:
    plain, regional = _project(tmp_path / "plain"), _project(tmp_path / "regional")
    data = copy.deepcopy(SCHEMA)
    data["vocabularies"] = {**data["vocabularies"], "regions": REGION_FACET}
    (regional / "data/schema.yml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    taxonomy = regional / "data/taxonomy.yml"
    taxonomy.write_text(taxonomy.read_text(encoding="utf-8") + "regions:\n  north: {en: North, cy: Gogledd}\n", encoding="utf-8")
    first, second, again = load_taxonomy(plain), load_taxonomy(regional), load_taxonomy(plain)
    assert [facet.key for facet in second.schema.facets] == ["psb", "theme", "approach", "region", "year"]
    assert list(second.of_facet("region")) == ["north"]
    assert first == again and "regions" not in first.vocabularies


def test_taxonomy_must_hold_exactly_the_declared_vocabularies(tmp_path: Path) -> None:
    project = _project(tmp_path)
    taxonomy = project / "data/taxonomy.yml"
    text = taxonomy.read_text(encoding="utf-8")
    taxonomy.write_text(
        text.replace("approaches:", "approachs:") + "regions:\n  north: {en: North, cy: Gogledd}\n", encoding="utf-8"
    )
    with pytest.raises(ContentErrors) as raised:
        load_taxonomy(project)
    assert [str(error) for error in raised.value.errors] == [
        "data/taxonomy.yml: field 'approaches': expected a mapping of keys to labels",
        "data/taxonomy.yml: field 'approachs': not a vocabulary of data/schema.yml: "
        "expected only psbs, themes, approaches, lesson_groups",
        "data/taxonomy.yml: field 'regions': not a vocabulary of data/schema.yml: "
        "expected only psbs, themes, approaches, lesson_groups",
    ]


def test_a_taxonomy_is_checked_against_the_vocabularies_of_a_schema_with_mistakes(tmp_path: Path) -> None:
    project = _project(tmp_path)
    schema = project / "data/schema.yml"
    schema.write_text(
        schema.read_text(encoding="utf-8").replace("values: one ", "values: two ").replace("approaches:", "approachs:"),
        encoding="utf-8",
    )
    with pytest.raises(ContentErrors) as raised:
        load_taxonomy(project)
    assert [str(error) for error in raised.value.errors] == [
        "data/schema.yml: field 'vocabularies.psbs.values': expected one of one, some, any; got 'two'",
        "data/taxonomy.yml: field 'approaches': not a vocabulary of data/schema.yml: "
        "expected only psbs, themes, approachs, lesson_groups",
        "data/taxonomy.yml: field 'approachs': expected a mapping of keys to labels",
    ]


def test_a_bad_schema_and_a_bad_taxonomy_are_reported_together(tmp_path: Path) -> None:
    project = _project(tmp_path)
    (project / "data/schema.yml").write_text("vocabularies: []\nlabel: {}\n", encoding="utf-8")
    taxonomy = project / "data/taxonomy.yml"
    taxonomy.write_text(taxonomy.read_text(encoding="utf-8").replace("en: Sample West PSB", "en: ''"), encoding="utf-8")
    with pytest.raises(ContentErrors) as raised:
        load_taxonomy(project)
    assert [str(error) for error in raised.value.errors] == [
        "data/schema.yml: field 'label': unknown key: expected one of languages, vocabularies, derived_facets, feed_categories, content_types, labels",
        "data/schema.yml: field 'vocabularies': expected the site's vocabularies, each by name: psbs: {facet: psb, ...}",
        "data/taxonomy.yml: field 'psbs.sample-west.en': expected text on one line; got ''",
    ]


BAD_SCHEMAS = [
    (
        vocabulary_with("psbs", values="two"),
        "data/schema.yml: field 'vocabularies.psbs.values': expected one of one, some, any; got 'two'",
    ),
    (
        vocabulary_with("psbs", card="side"),
        "data/schema.yml: field 'vocabularies.psbs.card': expected one of meta, list, or no card key; got 'side'",
    ),
    (
        vocabulary_with("psbs", pages="yes"),
        "data/schema.yml: field 'vocabularies.psbs.pages': expected true or false; got 'yes'",
    ),
    (
        vocabulary_with("psbs", pages=False),
        "data/schema.yml: field 'vocabularies.psbs.feeds': a facet's feeds sit beside its pages: give it pages: true too, or no feeds",
    ),
    (
        vocabulary_with("psbs", facet="P S B"),
        "data/schema.yml: field 'vocabularies.psbs.facet': expected a name of lower case letters and digits joined by hyphens, "
        "such as 'region'; got 'P S B'",
    ),
    (
        vocabulary_with("psbs", field=None),
        "data/schema.yml: field 'vocabularies.psbs.field': expected a name of lower case letters and digits joined by hyphens, "
        "such as 'region'; got None",
    ),
    (
        vocabulary_with("psbs", colour="red"),
        "data/schema.yml: field 'vocabularies.psbs.colour': unknown key: expected one of facet, field, values, folder, pages, "
        "feeds, filter, card, about, page_feeds, labels",
    ),
    (
        vocabulary_with("psbs", folder={"fr": "x"}),
        "data/schema.yml: field 'vocabularies.psbs.folder': expected the facet's folder in Welsh addresses: folder: {cy: ...}",
    ),
    (
        vocabulary_with("psbs", folder={"cy": "B G C"}),
        "data/schema.yml: field 'vocabularies.psbs.folder.cy': expected a name of lower case letters and digits joined by "
        "hyphens, such as 'rhanbarth'; got 'B G C'",
    ),
    (
        vocabulary_with("psbs", labels={"en": SCHEMA["vocabularies"]["psbs"]["labels"]["en"]}),
        "data/schema.yml: field 'vocabularies.psbs.labels': expected the facet's words in each language: "
        "en: {name: ..., field: ..., others: ..., feed: ...}, cy: {...}",
    ),
    (
        vocabulary_with(
            "approaches", labels={"en": {"name": "Approach"}, "cy": SCHEMA["vocabularies"]["approaches"]["labels"]["cy"]}
        ),
        "data/schema.yml: field 'vocabularies.approaches.labels.en': expected exactly name, field, others; got {'name': 'Approach'}",
    ),
    (
        vocabulary_with(
            "approaches",
            labels={
                "en": {"name": "A\nB", "field": "F", "others": "O"},
                "cy": SCHEMA["vocabularies"]["approaches"]["labels"]["cy"],
            },
        ),
        "data/schema.yml: field 'vocabularies.approaches.labels.en.name': expected text on one line; got 'A\\nB'",
    ),
    (
        vocabulary_with("themes", facet="psb", field="psb", folder={"cy": "bgc"}),
        "data/schema.yml: field 'vocabularies.themes.facet': the facet name 'psb' is already vocabularies.psbs's: give it another",
    ),
    (
        vocabulary_with("approaches", field="themes"),
        "data/schema.yml: field 'vocabularies.approaches.field': the field 'themes' is already vocabularies.themes's: "
        "give it another",
    ),
    (
        vocabulary_with("approaches", folder={"cy": "blwyddyn"}),
        "data/schema.yml: field 'derived_facets.year.folder': the cy folder 'blwyddyn' is already vocabularies.approaches's: "
        "give it another",
    ),
    (
        schema_with(vocabularies={**SCHEMA["vocabularies"], "Regions": {}}),
        "data/schema.yml: field 'vocabularies.Regions': expected a name of lower case letters, digits and underscores, "
        "such as 'lesson_groups'; got 'Regions'",
    ),
    (
        schema_with(vocabularies={**SCHEMA["vocabularies"], "regions": "region"}),
        "data/schema.yml: field 'vocabularies.regions': expected what the vocabulary does, such as "
        "{facet: psb, field: psb, ...}, or {}",
    ),
    (
        schema_with(derived_facets={"month": {}}),
        "data/schema.yml: field 'derived_facets.month': unknown derived facet: expected one of year",
    ),
    (
        schema_with(derived_facets={"year": True}),
        "data/schema.yml: field 'derived_facets.year': expected what the facet does, such as "
        "{folder: {cy: blwyddyn}, pages: true, filter: true}",
    ),
    (
        schema_with(derived_facets={"year": {**SCHEMA["derived_facets"]["year"], "feeds": True}}),
        "data/schema.yml: field 'derived_facets.year.feeds': unknown key: expected one of folder, pages, filter, labels",
    ),
    (
        schema_with(derived_facets=["year"]),
        "data/schema.yml: field 'derived_facets': expected a mapping of derived facets (expected one of year)",
    ),
    (
        schema_with(feed_categories=["theme", "year"]),
        "data/schema.yml: field 'feed_categories': expected a list of facets, each expected one of psb, theme, approach; "
        "got ['theme', 'year']",
    ),
    (
        schema_with(labels={"fr": {}}),
        "data/schema.yml: field 'labels': expected the site's own words by language (cy, en): labels: {cy: {key: text}}",
    ),
    (
        schema_with(labels={"cy": "Astudiaethau"}),
        "data/schema.yml: field 'labels.cy': expected label keys and their text: {key: text}",
    ),
    (
        schema_with(labels={"cy": {"case_studys": "Astudiaethau"}}),
        "data/schema.yml: field 'labels.cy.case_studys': unknown label key: use one of the keys in rhannu/labels.py",
    ),
    (
        schema_with(labels={"en": {"case_studies": ""}}),
        "data/schema.yml: field 'labels.en.case_studies': expected text on one line; got ''",
    ),
]


@pytest.mark.parametrize(("data", "expected"), BAD_SCHEMAS, ids=[expected.split("'")[1] for _, expected in BAD_SCHEMAS])
def test_each_mistake_in_the_schema_is_named_with_what_would_be_valid(data: dict[str, Any], expected: str) -> None:
    assert expected in errors_of(data)


def test_every_mistake_is_reported_at_once() -> None:
    data = vocabulary_with("psbs", values="two", card="side")
    data["labels"] = {"cy": {"nope": "x"}}
    data["feed_categories"] = "theme"
    assert [error.split(": ")[1] for error in errors_of(data)] == [
        "field 'feed_categories'",
        "field 'labels.cy.nope'",
        "field 'vocabularies.psbs.card'",
        "field 'vocabularies.psbs.values'",
    ]


def _project(where: Path) -> Path:
    (where / "data").mkdir(parents=True)
    for name in ("schema.yml", "taxonomy.yml", "sources.yml"):
        shutil.copy(FIXTURE_DATA / name, where / "data" / name)
    return where


def test_a_value_whose_feed_names_the_page_is_a_key_of_its_vocabulary(tmp_path: Path) -> None:
    assert parse_schema(SCHEMA).facet("psb").page_feeds == ("programme",)
    assert (
        "data/schema.yml: field 'vocabularies.approaches.page_feeds': expected a list of the keys whose feed link names the "
        "page rather than the approach, with feeds: true; got ['hackathon']"
    ) in errors_of(vocabulary_with("approaches", page_feeds=["hackathon"]))
    project = _project(tmp_path)
    schema = project / "data/schema.yml"
    schema.write_text(schema.read_text(encoding="utf-8").replace("[programme]", "[programmes]"), encoding="utf-8")
    with pytest.raises(ContentErrors) as raised:
        load_taxonomy(project)
    assert str(raised.value) == (
        "data/schema.yml: field 'vocabularies.psbs.page_feeds': expected keys of psbs in data/taxonomy.yml; got 'programmes'"
    )


OWN_FIELDS = {
    "case_studies": {
        "fields": {
            "funder": {"type": "text"},
            "partners": {"type": "int", "required": True},
            "served": {"type": "terms", "vocabulary": "psbs"},
        }
    }
}


def test_a_field_a_site_adds_to_a_type_is_read_with_its_types_parser(tmp_path: Path) -> None:
    schema = parse_schema(schema_with(content_types=OWN_FIELDS))
    assert [(own.name, own.type, own.required) for own in schema.fields_of("case_studies")] == [
        ("funder", "text", False),
        ("partners", "int", True),
        ("served", "terms", False),
    ]
    assert schema.fields_of("lessons") == ()
    fields = CASE_STUDIES.fields_for(schema)
    assert [field.name for field in fields[-3:]] == ["funder", "partners", "served"]
    taxonomy = load_taxonomy(_project(tmp_path))
    by_name = {field.name: field for field in fields}
    assert by_name["served"].parse(["sample-west"], taxonomy) == ("sample-west",)
    assert by_name["served"].parse([], taxonomy) == ()
    with pytest.raises(FieldProblem, match="expected a whole number from 1"):
        by_name["partners"].parse("three", taxonomy)
    assert own_field_errors(schema) == []


BAD_OWN_FIELDS = [
    (
        {"case_studies": {"fields": {"funder": "text"}}},
        "data/schema.yml: field 'content_types.case_studies.fields.funder': expected the field's type, such as {type: text}: "
        "expected one of text, date, partial_date, int, boolean, web_address, term, terms",
    ),
    (
        {"case_studies": {"fields": {"funder": {"type": "string"}}}},
        "data/schema.yml: field 'content_types.case_studies.fields.funder.type': expected one of text, date, partial_date, "
        "int, boolean, web_address, term, terms; got 'string'",
    ),
    (
        {"case_studies": {"fields": {"served": {"type": "term", "vocabulary": "regions"}}}},
        "data/schema.yml: field 'content_types.case_studies.fields.served.vocabulary': expected the vocabulary its keys come "
        "from, expected one of psbs, themes, approaches, lesson_groups; got 'regions'",
    ),
    (
        {"case_studies": {"fields": {"funder": {"type": "text", "vocabulary": "psbs"}}}},
        "data/schema.yml: field 'content_types.case_studies.fields.funder.vocabulary': only a field of type term or terms "
        "takes a vocabulary",
    ),
    (
        {"case_studies": {"fields": {"funder": {"type": "text", "required": "no"}}}},
        "data/schema.yml: field 'content_types.case_studies.fields.funder.required': expected true or false; got 'no'",
    ),
    (
        {"case_studies": {"fields": {"Funder": {"type": "text"}}}},
        "data/schema.yml: field 'content_types.case_studies.fields.Funder': expected a name of lower case letters, digits "
        "and underscores, such as 'event_end'; got 'Funder'",
    ),
    (
        {"case_studies": {"funder": {"type": "text"}}},
        "data/schema.yml: field 'content_types.case_studies': expected the type's own fields: {fields: {name: {type: text}}}",
    ),
    (
        ["case_studies"],
        "data/schema.yml: field 'content_types': expected content types by key, each with its own fields: "
        "case_studies: {fields: {...}}",
    ),
]


@pytest.mark.parametrize(("content_types", "expected"), BAD_OWN_FIELDS, ids=[e.split("'")[1] for _, e in BAD_OWN_FIELDS])
def test_each_mistake_in_a_types_own_fields_is_named(content_types: object, expected: str) -> None:
    assert expected in errors_of(schema_with(content_types=content_types))


def test_a_site_adds_fields_only_to_types_rhannu_has_and_under_free_names() -> None:
    schema = parse_schema(
        schema_with(
            content_types={
                "resources": {"fields": {"funder": {"type": "text"}}},
                "case_studies": {"fields": {"summary": {"type": "text"}, "themes": {"type": "text"}}},
                "news": {"fields": {"place": {"type": "text"}}},
            }
        )
    )
    assert [str(error) for error in own_field_errors(schema)] == [
        "data/schema.yml: field 'content_types.resources': unknown content type: expected one of news, case_studies, lessons",
        "data/schema.yml: field 'content_types.case_studies.fields.summary': already a field of case studies: give it another name",
        "data/schema.yml: field 'content_types.case_studies.fields.themes': already a field of case studies: give it another name",
        "data/schema.yml: field 'content_types.news.fields.place': already a field of newsletter items: give it another name",
    ]


def test_rhannu_new_lists_the_fields_the_schema_adds(tmp_path: Path) -> None:
    project = _project(tmp_path)
    schema = project / "data/schema.yml"
    declared = yaml.safe_load(schema.read_text(encoding="utf-8"))  # the case studies' declaration gains two fields
    declared["content_types"]["case_studies"]["fields"] = {
        "funder": {"type": "text"},
        "served": {"type": "terms", "vocabulary": "psbs", "required": True},
    }
    schema.write_text(yaml.safe_dump(declared, allow_unicode=True), encoding="utf-8")
    english, _ = case_study_pair("A title", dt.date(2025, 1, 1), load_taxonomy(project))
    assert "\n# funder: text\n" in english
    assert '\nserved: ["TODO: one or more of sample-north, sample-south, sample-west, programme"]\n' in english
