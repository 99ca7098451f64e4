"""A facet added by data alone: a copy of the sample site whose data/schema.yml declares one more
vocabulary facet (`regions`, a field `region` on case studies) and whose data/taxonomy.yml gives
its values builds, with no change to Rhannu's code, that facet's pages in both languages (at its
Welsh folder), its choice in the filters, its place on cards and in cards.json, and its field in
the catalogue and the catalogue's JSON Schema. Fields the schema adds to case studies
(`content_types`) are checked like Rhannu's own and carried by the catalogue."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from tests.support.schemas import REGION_FACET
from tests.support.sites import BuildResult, build, copy_fixture, read_html

REGIONS = "regions:\n  north: {en: The north, cy: Y gogledd, slug: {cy: y-gogledd}}\n  south: {en: The south, cy: Y de}\n"
SOUTH = {"sample-case-study-01", "sample-case-study-02"}  # every other case study is in the north
OWN_FIELDS = {"case_studies": {"fields": {"funder": {"type": "text"}, "partners": {"type": "int"}}}}


@pytest.fixture(scope="module")
def regional(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    project = copy_fixture(tmp_path_factory.mktemp("regional") / "project")
    schema_file = project / "data/schema.yml"
    schema = yaml.safe_load(schema_file.read_text(encoding="utf-8"))
    schema["vocabularies"] = {**schema["vocabularies"], "regions": REGION_FACET}
    schema["content_types"] = OWN_FIELDS
    schema_file.write_text(yaml.safe_dump(schema, allow_unicode=True, sort_keys=False), encoding="utf-8")
    taxonomy = project / "data/taxonomy.yml"
    taxonomy.write_text(taxonomy.read_text(encoding="utf-8") + REGIONS, encoding="utf-8")
    for source in (project / "case_studies").glob("*.md"):
        text = source.read_text(encoding="utf-8")
        region = "south" if source.name.split(".")[0] in SOUTH else "north"
        source.write_text(re.sub(r"^(psb: .*)$", rf"\1\nregion: {region}", text, count=1, flags=re.M), encoding="utf-8")
    first = project / "case_studies/sample-case-study-01.md"
    first.write_text(
        first.read_text(encoding="utf-8").replace("\nregion:", "\nfunder: Sample funder\npartners: 3\nregion:", 1),
        encoding="utf-8",
    )
    result = build(project, tmp_path_factory.mktemp("regional-site") / "site")
    assert result.returncode == 0, result.log
    return result


def test_each_region_has_its_page_in_both_languages_at_its_welsh_folder(regional: BuildResult) -> None:
    site = regional.site
    english = read_html(site / "case-studies/region/south/index.html")
    assert english.h1.get_text(strip=True) == "The south: case studies"
    assert {
        link["href"].rstrip("/").rsplit("/", 1)[-1] for link in english.select("#rhannu-card-list .rhannu-card__title a")
    } == SOUTH
    welsh = read_html(site / "cy/astudiaethau-achos/rhanbarth/y-gogledd/index.html")
    assert welsh.h1.get_text(strip=True) == "Y gogledd: astudiaethau achos"
    assert (site / "cy/astudiaethau-achos/rhanbarth/south/index.html").is_file()  # no Welsh slug: its key
    assert not (site / "case-studies/region/south/feed.xml").exists()  # no `feeds: true`


def test_the_filters_offer_the_region_in_each_language(regional: BuildResult) -> None:
    for index, name, values in (
        ("case-studies/index.html", "Region", ["The north", "The south"]),
        ("cy/astudiaethau-achos/index.html", "Rhanbarth", ["Y gogledd", "Y de"]),
    ):
        page = read_html(regional.site / index)
        select = page.select_one("#rhannu-filters select#filter-region")
        assert select is not None and select["name"] == "region"
        assert page.select_one('label[for="filter-region"]').get_text() == name
        assert [option.get_text() for option in select.select("option") if option["value"]] == values
        browse = [heading.get_text() for heading in page.select(".rhannu-facets h2")]
        assert name in browse


def test_cards_and_case_study_pages_name_the_region(regional: BuildResult) -> None:
    page = read_html(regional.site / "case-studies/sample-case-study-01/index.html")
    details = {row.dt.get_text(): row.dd for row in page.select("dl.rhannu-meta > div")}
    assert details["Region"].a.get_text() == "The south"
    assert details["Region"].a["href"].endswith("region/south/")
    cards = json.loads((regional.site / "case-studies/cards.json").read_text(encoding="utf-8"))
    card = next(card for card in cards if card["url"].endswith("/sample-case-study-01/"))
    assert card["region"] == "south"
    meta = read_html(regional.site / "case-studies/region/south/index.html").select_one(".rhannu-card__meta").get_text()
    assert " · The south · " in meta


def test_the_catalogue_carries_the_region_and_its_schema_requires_it(regional: BuildResult) -> None:
    for root, label in (("", "The south"), ("cy/", "Y de")):
        catalogue = json.loads((regional.site / f"{root}api/v1/catalogue.json").read_text(encoding="utf-8"))
        schema = json.loads((regional.site / f"{root}api/v1/schema.json").read_text(encoding="utf-8"))
        jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(catalogue)
        entry = schema["$defs"]["entry"]
        assert "region" in entry["required"] and entry["properties"]["region"] == entry["properties"]["psb"]
        entries = {item["id"]: item for item in catalogue["entries"]}
        assert entries["case-study/sample-case-study-01"]["region"] == {"id": "south", "label": label}
        assert all(item["region"] is None for item in catalogue["entries"] if item["type"] != "case-study")


def test_the_catalogue_carries_a_field_the_schema_adds_where_an_item_gives_it(regional: BuildResult) -> None:
    catalogue = json.loads((regional.site / "api/v1/catalogue.json").read_text(encoding="utf-8"))
    schema = json.loads((regional.site / "api/v1/schema.json").read_text(encoding="utf-8"))
    entry = schema["$defs"]["entry"]
    assert entry["properties"]["funder"] == {"type": "string"} and "funder" not in entry["required"]
    assert entry["properties"]["partners"] == {"type": "integer", "minimum": 1}
    entries = {item["id"]: item for item in catalogue["entries"]}
    assert (entries["case-study/sample-case-study-01"]["funder"], entries["case-study/sample-case-study-01"]["partners"]) == (
        "Sample funder",
        3,
    )
    assert "funder" not in entries["case-study/sample-case-study-02"]
    welsh = json.loads((regional.site / "cy/api/v1/catalogue.json").read_text(encoding="utf-8"))
    assert {item["id"]: item for item in welsh["entries"]}["case-study/sample-case-study-01"]["partners"] == 3  # inherited


def test_a_case_study_without_a_declared_field_or_with_a_bad_value_is_refused(tmp_path: Path) -> None:
    project = copy_fixture(tmp_path / "project")
    schema_file = project / "data/schema.yml"
    schema = yaml.safe_load(schema_file.read_text(encoding="utf-8"))
    schema["vocabularies"] = {**schema["vocabularies"], "regions": REGION_FACET}
    schema["content_types"] = OWN_FIELDS
    schema_file.write_text(yaml.safe_dump(schema, allow_unicode=True, sort_keys=False), encoding="utf-8")
    taxonomy = project / "data/taxonomy.yml"
    taxonomy.write_text(taxonomy.read_text(encoding="utf-8") + REGIONS, encoding="utf-8")
    second = project / "case_studies/sample-case-study-02.md"
    second.write_text(second.read_text(encoding="utf-8").replace("\npsb:", "\npartners: many\npsb:", 1), encoding="utf-8")
    result = build(project, tmp_path / "site")
    assert result.returncode == 1
    assert "case_studies/sample-case-study-01.md: field 'region': missing" in result.log
    assert "case_studies/sample-case-study-02.md: field 'partners': expected a whole number from 1; got 'many'" in result.log
    assert "Traceback" not in result.log
