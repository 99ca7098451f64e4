"""The editor's Decap configuration, generated from a site's schema (issue 23): one collection per
content type, its fields as the schema declares them, and what Decap itself would accept."""

from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from rhannu.content_types import build_types
from rhannu.editor_config import (
    BODY_FIELD,
    EDITOR_ONLY_FIELDS,
    MARK_CURRENT_FIELD,
    MEDIA_SUFFIXES,
    SERVER_KEPT_FIELDS,
    TRANSLATION_STATE_FIELD,
    decap_config,
    front_matter_to_write,
)
from rhannu.errors import ContentErrors
from rhannu.labels import TABLES
from rhannu.languages import ALL, DEFAULT
from rhannu.new_site import create_site
from rhannu.partial_dates import PartialDateProblem
from rhannu.partial_dates import parse as parse_partial_date
from rhannu.schema import FieldProblem, address, event_date, slug, web_address
from rhannu.taxonomy import load_taxonomy
from tests.support.decap_schema import decap_problems
from tests.support.schemas import REGION_FACET

TESTS = Path(__file__).resolve().parent
SITES = [TESTS / "fixture_site", TESTS / "fixture_minimal"]
API = "http://127.0.0.1:8765/api/v1"


def data_only(source: Path, destination: Path) -> Path:
    """A site folder with only the data the configuration is made of, to change."""
    shutil.copytree(source / "data", destination / "data")
    return destination


def change_yaml(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def collections(config: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {collection["name"]: collection for collection in config["collections"]}


def fields(collection: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {field["name"]: field for field in collection["fields"]}


def expected_fields(root: Path) -> dict[str, list[tuple[str, bool, bool]]]:
    """Each type's front-matter fields from the schema: (name, required, one per language)."""
    schema = load_taxonomy(root).schema
    return {
        kind.key: [(known.name, known.required, not known.shared) for known in kind.fields_for(schema)]
        for kind in build_types(schema.types)
    }


@pytest.mark.parametrize("root", SITES, ids=lambda root: root.name)
def test_decap_accepts_the_configuration(root: Path) -> None:
    assert decap_problems(decap_config(root, API)) == []


def test_a_new_site_from_rhannu_init_gets_its_own_editor(tmp_path: Path) -> None:
    root = tmp_path / "site"
    create_site(root)
    config = decap_config(root, API)
    assert decap_problems(config) == [] and disagreements(config, root) == []
    taxonomy = load_taxonomy(root)
    facet = taxonomy.schema.vocabulary_facets[0]
    options = fields(collections(config)["case_studies"])[facet.field or ""]["options"]
    assert [option["value"] for option in options] == list(taxonomy.terms(facet.vocabulary or ""))


def test_the_check_of_decaps_schema_can_fail() -> None:
    config = decap_config(SITES[0], API)
    broken = copy.deepcopy(config)
    del broken["collections"][0]["folder"]
    fields(broken["collections"][1])["psb"].pop("options")
    broken["collections"][2]["fields"].append({"name": "title", "widget": "string"})
    broken["i18n"]["default_locale"] = "fr"
    problems = "\n".join(decap_problems(broken))
    assert "collections.0" in problems and "'options' is a required property" in problems
    assert "name must be unique" in problems and "missing the default locale fr" in problems


@pytest.mark.parametrize("root", SITES, ids=lambda root: root.name)
def test_a_collection_per_content_type_in_its_folder(root: Path) -> None:
    config = decap_config(root, API)
    types = build_types(load_taxonomy(root).schema.types)
    assert [(c["name"], c["folder"]) for c in config["collections"]] == [(kind.key, kind.folder) for kind in types]
    for collection in config["collections"]:
        assert (collection["extension"], collection["format"], collection["create"], collection["i18n"]) == (
            "md",
            "frontmatter",
            True,
            True,
        )
        assert collection["slug"] == "{{slug}}" and collection["identifier_field"] == "title"


def disagreements(config: dict[str, Any], root: Path) -> list[str]:
    """Where a configuration differs from the schema at `root`: every front-matter field each type
    declares, in its order, required as the loader requires it (a list the loader takes empty is
    not required: [] is its default), and per language exactly where each language's file has its
    own; then the body (Markdown, per language) and the editor's own two fields."""
    problems = []
    given_types = collections(config)
    for key, declared in expected_fields(root).items():
        if key not in given_types:
            problems.append(f"no collection {key}")
            continue
        given = given_types[key]["fields"]
        shown = [(name, required, own) for name, required, own in declared if name not in SERVER_KEPT_FIELDS]
        names = [field["name"] for field in given]
        if names != [name for name, *_ in shown] + [BODY_FIELD, *EDITOR_ONLY_FIELDS]:
            problems.append(f"{key}: fields {names}")
            continue
        for field, (name, required, own) in zip(given, shown, strict=False):
            if field.get("i18n", False) is not own:
                problems.append(f"{key}.{name}: i18n {field.get('i18n')}")
            if field["required"] is not (required and field.get("default") != []):
                problems.append(f"{key}.{name}: required {field['required']}")
        body = fields(given_types[key])[BODY_FIELD]
        if (body["widget"], body["i18n"], body["required"]) != ("markdown", True, True):
            problems.append(f"{key}.body: {body}")
    return problems


@pytest.mark.parametrize("root", SITES, ids=lambda root: root.name)
def test_the_fields_agree_with_the_schema(root: Path) -> None:
    assert disagreements(decap_config(root, API), root) == []


def test_a_configuration_that_disagrees_with_the_schema_is_caught() -> None:
    config = decap_config(SITES[0], API)
    case_studies = fields(collections(config)["case_studies"])
    case_studies["title"].pop("i18n")
    case_studies["psb"]["required"] = False
    del collections(config)["lessons"]["fields"][-1]
    assert disagreements(config, SITES[0]) == [
        "case_studies.title: i18n None",
        "case_studies.psb: required False",
        f"lessons: fields {[field['name'] for field in collections(config)['lessons']['fields']]}",
    ]


def test_vocabularies_are_selects_of_their_keys_named_in_both_languages() -> None:
    root = SITES[0]
    taxonomy = load_taxonomy(root)
    case_studies = fields(collections(decap_config(root, API))["case_studies"])
    for facet in taxonomy.schema.vocabulary_facets:
        field = case_studies[facet.field or ""]
        terms = taxonomy.terms(facet.vocabulary or "")
        assert field["widget"] == "select"
        assert [option["value"] for option in field["options"]] == list(terms)
        for option in field["options"]:
            for lang in ALL:
                assert terms[option["value"]].label(lang.code) in option["label"]
        assert field.get("multiple", False) is facet.many
        assert field["required"] is (facet.values in ("one", "some"))
        assert field.get("min") == (1 if facet.values == "some" else None)


def test_a_facet_added_to_the_schema_appears_in_the_editor(tmp_path: Path) -> None:
    """THE test of issue 23: the configuration follows the schema. A region facet added to the
    schema (and its values to the taxonomy) is a required select of its keys on case studies,
    after the other facets; a field the schema adds to resources appears on resources."""
    root = data_only(SITES[0], tmp_path)
    before = collections(decap_config(root, API))
    assert "region" not in fields(before["case_studies"])
    change_yaml(root / "data/schema.yml", lambda data: data["vocabularies"].update(regions=REGION_FACET))
    change_yaml(
        root / "data/taxonomy.yml",
        lambda data: data.update(
            regions={"south": {"en": "The south", "cy": "Y de"}, "east": {"en": "The east", "cy": "Y dwyrain"}}
        ),
    )
    assert disagreements(decap_config(root, API) | {"collections": list(before.values())}, root) == [
        f"case_studies: fields {list(fields(before['case_studies']))}"
    ]
    assert disagreements(decap_config(root, API), root) == []
    after = collections(decap_config(root, API))
    region = fields(after["case_studies"])["region"]
    assert region["options"] == [
        {"label": "Y de / The south", "value": "south"},
        {"label": "Y dwyrain / The east", "value": "east"},
    ]
    assert region["required"] is True and "multiple" not in region
    names = list(fields(after["case_studies"]))
    assert names.index("region") == names.index("approaches") + 1
    assert [name for name in names if name != "region"] == list(fields(before["case_studies"]))
    assert (
        decap_problems(
            {"collections": list(after.values())} | {k: v for k, v in decap_config(root, API).items() if k != "collections"}
        )
        == []
    )


def test_a_field_a_site_adds_appears_with_its_type(tmp_path: Path) -> None:
    root = data_only(SITES[1], tmp_path)
    added = {
        "audiences": {"type": "text"},  # named like the facet's field of the case studies, which resources lack
        "funder": {"type": "text", "required": True},
        "launched": {"type": "partial_date"},
        "audience": {"type": "term", "vocabulary": "audiences"},
    }
    change_yaml(root / "data/schema.yml", lambda data: data["content_types"]["resources"].update(fields=added))
    resources = fields(collections(decap_config(root, API))["resources"])
    assert (resources["funder"]["widget"], resources["funder"]["required"]) == ("string", True)
    assert (
        resources["launched"]["pattern"][0] == fields(collections(decap_config(root, API))["case_studies"])["when"]["pattern"][0]
    )
    assert resources["audience"]["widget"] == "select" and resources["audience"]["required"] is False
    assert resources["audiences"]["widget"] == "string"
    assert disagreements(decap_config(root, API), root) == []
    assert decap_problems(decap_config(root, API)) == []
    assert expected_fields(root)["resources"][-3:] == [
        ("funder", True, False),
        ("launched", False, False),
        ("audience", False, False),
    ]


def test_related_lessons_are_chosen_from_the_lessons_by_file_name() -> None:
    config = collections(decap_config(SITES[0], API))
    lessons = fields(config["case_studies"])["lessons"]
    assert lessons["widget"] == "relation" and lessons["collection"] in config
    assert config[lessons["collection"]]["folder"] == "lessons"
    assert (lessons["value_field"], lessons["multiple"], lessons["default"]) == ("{{slug}}", True, [])


def test_dates_are_days_as_the_loader_reads_them() -> None:
    news = fields(collections(decap_config(SITES[0], API))["news"])
    for name in ("published", "updated"):
        assert news[name]["widget"] == "datetime"
        assert (news[name]["format"], news[name]["time_format"]) == ("YYYY-MM-DD", False)


def test_images_go_beside_the_item_and_never_svg() -> None:
    config = decap_config(SITES[0], API)
    for collection in config["collections"]:
        assert (collection["media_folder"], collection["public_folder"]) == ("", "")
    assert ".svg" not in MEDIA_SUFFIXES and {".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif"} <= set(MEDIA_SUFFIXES)


def test_the_backend_is_the_local_server_and_the_languages_are_the_sites() -> None:
    config = decap_config(SITES[0], API)
    assert config["backend"] == {"name": "proxy", "proxy_url": API} and config["local_backend"] == {"url": API}
    assert config["publish_mode"] == "simple"
    assert config["i18n"] == {
        "structure": "multiple_files",
        "locales": [DEFAULT.code, *(lang.code for lang in ALL if lang.code != DEFAULT.code)],
        "default_locale": DEFAULT.code,
    }
    assert "locale" not in config  # Decap's interface has no Welsh: each label carries both languages


def test_the_translation_state_and_its_mark_are_the_editors_fields() -> None:
    case_studies = fields(collections(decap_config(SITES[0], API))["case_studies"])
    state, mark = case_studies[TRANSLATION_STATE_FIELD], case_studies[MARK_CURRENT_FIELD]
    assert (state["widget"], state["i18n"], state["required"]) == ("string", True, False)
    assert (mark["widget"], mark["i18n"], mark["default"]) == ("boolean", True, False)


def test_what_the_editor_sends_is_written_without_its_own_fields_emptied_ones_or_shared_facts_in_welsh() -> None:
    """As Decap 3.16.3 sent a new case study and a changed one (to a fake local backend, recorded once)."""
    case_studies = collections(decap_config(SITES[0], API))["case_studies"]
    english = {
        "title": "Hackathons for the assessment",
        "summary": "A summary.",
        "psb": "sample-north",
        "themes": ["well-being-assessments"],
        "approaches": [],
        "lessons": [],
        "aliases": [],
        "when": "2021",
        "source": "",
        "slug": None,
        "draft": False,
        MARK_CURRENT_FIELD: False,
        TRANSLATION_STATE_FIELD: "stale",
    }
    welsh = {  # Decap also writes a relation and the editor's fields into the Welsh file
        "title": "Hacathonau",
        "summary": "Crynodeb.",
        "translated_from": "0123456789ab",
        "themes": [],
        "lessons": ["sample-skills"],
        TRANSLATION_STATE_FIELD: None,
        MARK_CURRENT_FIELD: True,
    }
    assert front_matter_to_write(english, DEFAULT.code, case_studies) == {
        "title": "Hackathons for the assessment",
        "summary": "A summary.",
        "psb": "sample-north",
        "themes": ["well-being-assessments"],
        "approaches": [],
        "lessons": [],
        "aliases": [],
        "when": "2021",
        "draft": False,
    }
    other = next(lang.code for lang in ALL if lang.code != DEFAULT.code)
    assert front_matter_to_write(welsh, other, case_studies) == {
        "title": "Hacathonau",
        "summary": "Crynodeb.",
        "translated_from": "0123456789ab",
    }


def test_every_label_and_hint_is_in_both_languages() -> None:
    config = decap_config(SITES[0], API)
    for collection in config["collections"]:
        for field in collection["fields"]:
            for part in ("label", "hint"):
                if part in field:
                    assert " / " in field[part], (collection["name"], field["name"], part)
    welsh_hint = TABLES["cy"]["editor_hint_summary"]
    assert welsh_hint in fields(config["collections"][1])["summary"]["hint"]


def test_a_site_whose_schema_cannot_be_read_is_named(tmp_path: Path) -> None:
    root = data_only(SITES[0], tmp_path)
    change_yaml(root / "data/schema.yml", lambda data: data["vocabularies"]["psbs"].update(values="several"))
    with pytest.raises(ContentErrors, match=r"data/schema.yml: field 'vocabularies.psbs.values'"):
        decap_config(root, API)


# --- The patterns: JavaScript's RegExp (as Decap runs them) against the loader's own rules ---------

ACCEPTED = "accepted"


def _loader(parse) -> Any:
    def verdict(value: str) -> bool:
        try:
            parse(yaml.safe_load(f"v: {value}")["v"], None)
        except (FieldProblem, PartialDateProblem, ValueError):
            return False
        return True

    return verdict


SAMPLES: dict[str, tuple[Any, list[str]]] = {
    "when": (
        _loader(lambda value, _: parse_partial_date(value)),
        [
            "2021",
            "2021-11",
            "2021-06-15",
            "summer 2021",
            "Winter 2022",
            "AUTUMN 2020",
            "2021-13",
            "summer",
            "June 2021",
            "2021-6",
            "21",
        ],
    ),
    "slug": (_loader(slug), ["rhannu-arfer", "a1", "Rhannu", "two--hyphens", "-lead", "trail-", "with space", "x" * 81]),
    "event_date": (_loader(event_date), ["2022-03-17", "2022-03-17 14:00", "2022-03-17T14:00", "17/03/2022", "2022-03-17 25:00"]),
    "online_link": (
        _loader(web_address),
        ["https://example.org/x", "http://example.org", "ftp://x", "example.org", "https://a b"],
    ),
    "aliases": (
        _loader(address),
        ["case-studies/old-name/", "old/", "/old", "///old//", "../up/", "a/./b/", "with space/", "a//b/"],
    ),
}


def js_verdicts(pattern: str, values: list[str]) -> list[bool]:
    """What Decap decides of each value: RegExp(pattern).test(value), in node."""
    script = "const [p, vs] = JSON.parse(process.argv[1]); console.log(JSON.stringify(vs.map(v => RegExp(p).test(v))))"
    node = shutil.which("node")
    assert node is not None, "node is needed to run Decap's patterns as Decap does"
    out = subprocess.run([node, "-e", script, json.dumps([pattern, values])], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def pattern_of(field: dict[str, Any]) -> str:
    return (field.get("field") or field)["pattern"][0]


@pytest.mark.parametrize("name", list(SAMPLES))
def test_each_pattern_refuses_what_the_loader_refuses_and_nothing_it_accepts(name: str) -> None:
    config = collections(decap_config(SITES[0], API))
    field = {**fields(config["case_studies"]), **fields(config["news"])}[name]
    loader, values = SAMPLES[name]
    verdicts = js_verdicts(pattern_of(field), values)
    assert dict(zip(values, verdicts, strict=True)) == {value: loader(value) for value in values}


def test_the_body_pattern_asks_for_alt_text_and_refuses_svg() -> None:
    body = fields(collections(decap_config(SITES[0], API))["case_studies"])[BODY_FIELD]
    samples = {
        "Text only.\n\n## A heading\n": True,
        "![Members of the cluster at a workshop](workshop.jpg)": True,
        "See ![a chart](chart.PNG) and ![a photo](<my photo.webp>)": True,
        "![A logo](https://example.org/logo.png)": True,
        "Intro\n\n![](workshop.jpg)\n": False,
        "![  ](workshop.jpg)": False,
        "![A diagram](diagram.svg)": False,
        '![A diagram](diagram.svg "title")': False,
        "![Notes](notes.docx)": False,
        "![A diagram](<my diagram.SVG>)": False,
        "![A photo](photo.jpg.svg)": False,
    }
    assert dict(zip(samples, js_verdicts(pattern_of(body), list(samples)), strict=True)) == samples


# --- Decap itself: its bundle, in Chromium, loads the configuration or says why not ----------------

DECAP_DIST = TESTS.parent / "node_modules/decap-cms/dist"
EDITOR_ORIGIN = "http://127.0.0.1:8079"  # answered by the page's routes: no server listens, nothing leaves Chromium
# Decap looks for its local backend only on a local address, once it has accepted the configuration


def decap_dist() -> Path:
    if (DECAP_DIST / "decap-cms.js").is_file():
        return DECAP_DIST
    message = f"{DECAP_DIST}/decap-cms.js not found: npm ci installs the pinned Decap (package.json)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message + " - it never skips in CI", pytrace=False)
    pytest.skip(message)


def decap_verdict(browser, config: dict[str, Any]) -> str:
    """What Decap's bundle says of `config`: '' once it has accepted it and looks for its backend,
    else its configuration errors. Every request is answered from disk or refused."""
    dist = decap_dist()
    page = browser.new_page()
    page_html = (
        "<!doctype html><html lang=en><head><meta charset=utf-8><title>Decap</title></head><body>"
        "<script>window.CMS_MANUAL_INIT = true;</script><script src=/dist/decap-cms.js></script>"
        f"<script>CMS.init({{config: {json.dumps(config | {'load_config_file': False})}}});</script></body></html>"
    )

    def answer(route) -> None:
        path = route.request.url.removeprefix(EDITOR_ORIGIN)
        if path == "/":
            route.fulfill(body=page_html, content_type="text/html")
        elif path.startswith("/dist/") and (dist / path.removeprefix("/dist/")).is_file():
            route.fulfill(path=str(dist / path.removeprefix("/dist/")))
        else:
            route.fulfill(status=404)

    page.route("**/*", answer)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        with page.expect_console_message(lambda message: "Proxy Server" in message.text or "Config Errors" in message.text):
            page.goto(f"{EDITOR_ORIGIN}/")
        return "\n".join(errors)
    finally:
        page.close()


@pytest.mark.browser
def test_decaps_own_bundle_loads_the_configuration(browser) -> None:
    """Decap's own validation, as the editor runs it (the vendored schema above may lag a release)."""
    for root in SITES:
        assert decap_verdict(browser, decap_config(root, f"{EDITOR_ORIGIN}/api/v1")) == "", root.name
    config = decap_config(SITES[1], f"{EDITOR_ORIGIN}/api/v1")
    fields(collections(config)["case_studies"])["audiences"].pop("options")
    assert "must have required property 'options'" in decap_verdict(browser, config)


def test_a_sites_own_words_name_its_collections() -> None:
    """fixture_minimal calls its case studies "Examples of practice" / "Enghreifftiau o arfer"."""
    config = collections(decap_config(SITES[1], API))
    assert config["case_studies"]["label"] == "Enghreifftiau o arfer / Examples of practice"
    assert config["resources"]["label"] == "Adnoddau / Resources"
