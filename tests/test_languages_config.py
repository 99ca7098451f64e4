"""The site's languages are its data: mkdocs.yml's i18n list and the schema's `languages:` block
(rhannu.site_languages), held per build (rhannu.languages). Plain functions, no MkDocs."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from rhannu import languages
from rhannu.errors import ContentErrors
from rhannu.labels import KEYS
from rhannu.languages import Language, SiteLanguages
from rhannu.pairing import MissingTwin, missing_twins, parse_source_path, path_in
from rhannu.site_languages import declared_languages, read_i18n_languages
from rhannu.site_schema import load_schema, parse_schema
from tests.support.sites import FIXTURE

I18N = [
    {"locale": "en", "name": "English", "default": True, "build": True},
    {"locale": "cy", "name": "Cymraeg", "build": True},
    {"locale": "fr", "name": "Français"},
]
BLOCK = {
    "cy": {"tag": "cy", "english_name": "Welsh"},
    "en": {"tag": "en-GB", "english_name": "English"},
    "fr": {"tag": "fr", "english_name": "French"},
}
ENGLISH, WELSH, FRENCH = (
    Language("en", "en-GB", "English", "English"),
    Language("cy", "cy", "Cymraeg", "Welsh"),
    Language("fr", "fr", "Français", "French"),
)
THREE = SiteLanguages((WELSH, ENGLISH, FRENCH), ENGLISH)


def errors_of(i18n: object, block: object) -> list[str]:
    with pytest.raises(ContentErrors) as raised:
        declared_languages(i18n, block)
    return [str(error) for error in raised.value.errors]


def test_three_languages_in_the_blocks_order_with_mkdocs_default() -> None:
    assert declared_languages(I18N, BLOCK) == THREE


def test_without_a_block_each_language_is_tagged_by_its_code_in_mkdocs_order() -> None:
    site = declared_languages(I18N, None)
    assert site.codes == ("en", "cy", "fr")
    assert site.by_code("cy") == Language("cy", "cy", "Cymraeg", "Cymraeg")


def test_the_sample_sites_languages_are_todays_pair() -> None:
    assert load_schema(FIXTURE).languages == languages.STARTING


def test_mkdocs_yml_list_is_read_without_mkdocs(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: !ENV [NAME, x]\nplugins:\n  - search\n  - i18n:\n      languages:\n        - {locale: en, name: English, default: true}\n",
        encoding="utf-8",
    )
    assert read_i18n_languages(tmp_path) == [{"locale": "en", "name": "English", "default": True}]
    assert read_i18n_languages(tmp_path / "nowhere") is None


@pytest.mark.parametrize(
    ("i18n", "block", "expected"),
    [
        (
            [],
            None,
            "mkdocs.yml: field 'plugins.i18n.languages': expected the i18n plugin (mkdocs-static-i18n) with the site's "
            "languages, each with locale and name, one of them default: true: [{locale: en, name: English, default: true}, "
            "{locale: cy, name: Cymraeg}]",
        ),
        (
            [I18N[0], {**I18N[1], "default": True}],
            None,
            "mkdocs.yml: field 'plugins.i18n.languages': expected exactly one language with default: true; got en, cy",
        ),
        (
            [I18N[0], {**I18N[1], "locale": "Welsh"}],
            None,
            "mkdocs.yml: field 'plugins.i18n.languages[1].locale': expected a language code of two or three lower-case "
            "letters (ISO 639), such as cy; got 'Welsh'",
        ),
        (
            [I18N[0], {**I18N[1], "build": False}],
            None,
            "mkdocs.yml: field 'plugins.i18n.languages.cy.build': expected build: true: Rhannu publishes every page in "
            "each of the site's languages",
        ),
        (
            [I18N[0], {**I18N[1], "name": "<b>Cymraeg</b>"}],
            None,
            "mkdocs.yml: field 'plugins.i18n.languages.cy.name': expected the language's name in itself, one line of "
            "plain text (no <, >, & or \"), such as Cymraeg; got '<b>Cymraeg</b>'",
        ),
        (
            [I18N[0], I18N[1], I18N[1]],
            None,
            "mkdocs.yml: field 'plugins.i18n.languages.cy': expected each language once; cy is listed twice",
        ),
        (
            I18N[:2],
            BLOCK,
            "data/schema.yml: field 'languages': expected each language mkdocs.yml's i18n plugin lists (en, cy), each "
            "once, in the order they stand together: {en: {tag: ..., english_name: ...}}; got cy, en, fr",
        ),
        (
            I18N,
            {**BLOCK, "fr": {"tag": "en-GB", "english_name": "French"}},
            "data/schema.yml: field 'languages.fr.tag': expected a BCP 47 language tag starting with fr, such as fr or "
            "fr-GB; got 'en-GB'",
        ),
        (
            I18N,
            {**BLOCK, "fr": {"tag": "fr"}},
            "data/schema.yml: field 'languages.fr.english_name': expected the language's name in English, some text, "
            "such as Welsh; got None",
        ),
        (
            I18N,
            {**BLOCK, "fr": {"tag": "fr", "english_name": "French", "flag": "fr"}},
            "data/schema.yml: field 'languages.fr': expected {tag: ..., english_name: ...}; got "
            "{'tag': 'fr', 'english_name': 'French', 'flag': 'fr'}",
        ),
    ],
    ids=lambda value: str(value)[:30],
)
def test_each_mistake_names_the_file_the_key_and_what_is_valid(i18n: object, block: object, expected: str) -> None:
    assert expected in errors_of(i18n, block)


def test_every_mistake_in_both_files_is_reported_at_once() -> None:
    errors = errors_of(
        [I18N[0], {**I18N[1], "name": ""}], {"cy": {"tag": "xx", "english_name": "Welsh"}, "en": {"english_name": "English"}}
    )
    assert [error.split(":")[1] for error in errors] == [" field 'languages.cy.tag'", " field 'plugins.i18n.languages.cy.name'"]


def test_a_schema_is_checked_in_its_own_languages() -> None:
    """A third language's facet words and type addresses are required; Rhannu has no table of its
    words, so the site gives every one of its labels."""
    from tests.test_site_schema import SCHEMA

    data: dict[str, Any] = {**SCHEMA, "languages": BLOCK}
    with pytest.raises(ContentErrors) as raised:
        parse_schema(data, I18N)
    errors = [str(error) for error in raised.value.errors]
    assert (
        "data/schema.yml: field 'vocabularies.psbs.labels': expected the facet's words in each language: en: {name: ..., field: ..., others: ..., feed: ...}, cy: {...}, fr: {...}"
        in errors
    )
    missing = next(error for error in errors if "labels.fr" in error)
    assert missing.startswith(
        "data/schema.yml: field 'labels.fr': missing Rhannu's words in this language, which Rhannu has no table of: give case_studies, case_studies_intro, "
    )
    assert languages.current() == languages.STARTING  # checking a schema leaves the languages in use as they were


def test_loading_a_schema_makes_no_languages_current() -> None:
    load_schema(FIXTURE)
    assert languages.CODES == ("cy", "en")


def test_the_module_names_read_the_languages_in_use() -> None:
    token = languages.use_languages(THREE)
    try:
        assert tuple(languages.CODES) == ("cy", "en", "fr")
        assert [lang.code for lang in languages.OTHERS] == ["cy", "fr"]
        assert languages.DEFAULT.code == "en" and languages.DEFAULT == ENGLISH
        assert languages.default_first() == ("en", "cy", "fr")
        assert (languages.root("fr"), languages.root("en")) == ("fr/", "")
        assert parse_source_path("news/x.fr.md").lang == FRENCH
        assert parse_source_path("news/x.de.md").lang == ENGLISH  # no language of this site: a dotted name
        assert path_in("news/x.md", "fr") == "news/x.fr.md"
        assert missing_twins(["a.md", "a.cy.md", "b.fr.md"]) == [
            MissingTwin("a.cy.md", "a.fr.md", FRENCH),
            MissingTwin("b.fr.md", "b.cy.md", WELSH),
            MissingTwin("b.fr.md", "b.md", ENGLISH),
        ]
    finally:
        languages.restore_languages(token)
    assert tuple(languages.CODES) == ("cy", "en")


def test_each_language_needs_its_words_in_every_language() -> None:
    """The words named by a language's code (in_fr: "in French") are needed in each language for
    each of the site's languages; the missing ones are listed."""
    from tests.test_site_schema import SCHEMA

    french = {key: f"fr: {text}" for key, text in KEYS.items()} | {"scaffold_body_case_studies": "TODO: fr"}
    data: dict[str, Any] = {**copy.deepcopy(SCHEMA), "languages": BLOCK, "labels": {"fr": french}}
    for facets in (data["vocabularies"], data["derived_facets"]):
        for entry in facets.values():
            if "labels" in entry:
                entry["labels"] = {**entry["labels"], "fr": entry["labels"]["en"]}
    data["content_types"] = {
        key: {**kind, "address": {**kind["address"], "fr": kind["address"]["en"]}} if "address" in kind else kind
        for key, kind in data["content_types"].items()
    }
    with pytest.raises(ContentErrors) as raised:
        parse_schema(data, I18N)
    assert [str(error) for error in raised.value.errors] == [
        f"data/schema.yml: field 'labels.{lang}': missing the words for each of the site's languages: give in_fr, "
        "catalogue_fr, catalogue_schema_fr, editors_message_fr"
        for lang in ("cy", "en", "fr")
    ]
