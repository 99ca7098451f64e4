"""The search indexes the build writes (rhannu/search.py): one per language, the forms a reader
may type that the Welsh plugin cannot make in the browser, and listings found by their intro."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rhannu import search
from rhannu.search import FORMS, compounds, extra_forms, split_index, unaccented
from tests.support.sample_site import within


def test_compounds_are_joined_in_both_languages() -> None:
    text = "<p>Our well-being and co-production work, with <em>cyd-gynhyrchu</em>.</p>"
    assert extra_forms(text, accents=False) == ["wellbeing", "coproduction", "cydgynhyrchu"]


def test_compounds_are_found_word_by_word_as_over_the_whole_text() -> None:
    text = "(well-being), -co-op x-1 a--b Pen-y-bont\u00a0cyd-gynhyrchu\u2003ab-cd-1 \"ŵyr-ŷd\"- e-_f"
    assert compounds(text) == ["well-being", "Pen-y-bont", "cyd-gynhyrchu", "ŵyr-ŷd"]


@pytest.mark.parametrize(
    "text",
    ["", "no hyphen here", "-", "a-b", "a-b-", "-a-b", "a-b\x1cc-d", "x\u2028y-z", "é-à 2-a a-2 a-b_c", "well-being\nco-production\t"],
)
def test_compounds_are_what_the_pattern_finds_in_the_whole_text(text: str) -> None:
    assert compounds(text) == search._COMPOUND.findall(text)


def test_dates_numbers_and_markup_make_no_compounds() -> None:
    assert extra_forms('<p>On 2022-03-14, see <a href="/well-being/">this</a> and COVID-19.</p>', accents=True) == []


def test_english_gets_accented_words_without_accents() -> None:
    text = "<h2>Ynys Môn</h2><p>A café in Pen-y-bont, and Môn again; caniatáu-ymlaen.</p>"
    assert extra_forms(text, accents=True) == ["penybont", "caniatáuymlaen", "caniatauymlaen", "mon", "cafe", "caniatau"]
    assert extra_forms(text, accents=False) == ["penybont", "caniatáuymlaen"]  # the Welsh plugin folds accents
    assert unaccented("Ŵyr copïo sigarét") == "Wyr copio sigaret"


def test_split_index_declares_the_forms_field_and_names_welsh() -> None:
    merged = {
        "config": {"lang": ["en"], "separator": "[\\s\\-]+", "pipeline": ["stopWordFilter"], "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}}},
        "docs": [
            {"location": "about/", "title": "About", "text": "<p>Well-being in Ynys Môn</p>"},
            {"location": "cy/about/", "title": "Ynglŷn", "text": "<p>Llesiant ac ymgysylltu</p>"},
            {"location": "cy/lessons/", "title": "Gwersi", "text": "<p>cyd-gynhyrchu ar Ynys Môn</p>"},
        ],
    }
    indexes = split_index(merged)
    english, welsh = indexes["en"], indexes["cy"]
    assert english["config"]["lang"] == ["en"] and english["config"]["pipeline"] == ["stopWordFilter"]
    assert welsh["config"]["lang"] == ["cy"] and welsh["config"]["pipeline"] == []
    for index in (english, welsh):
        assert index["config"]["fields"][FORMS] == {"boost": 1.0}
        assert index["config"]["separator"] == "[\\s\\-]+"
    assert english["docs"] == [{**merged["docs"][0], FORMS: "wellbeing mon"}]
    assert welsh["docs"] == [
        {"location": "about/", "title": "Ynglŷn", "text": "<p>Llesiant ac ymgysylltu</p>"},  # no forms, no field
        {"location": "lessons/", "title": "Gwersi", "text": "<p>cyd-gynhyrchu ar Ynys Môn</p>", FORMS: "cydgynhyrchu"},
    ]


def _index(site: Path, lang: str) -> dict:
    return json.loads((site / ("cy/" if lang == "cy" else "") / "search/search_index.json").read_text(encoding="utf-8"))


def test_built_indexes_carry_the_forms(site: Path) -> None:
    english, welsh = _index(site, "en"), _index(site, "cy")
    assert welsh["config"]["lang"] == ["cy"]
    english_forms = {doc["location"]: doc[FORMS].split() for doc in english["docs"] if FORMS in doc}
    welsh_forms = {doc["location"]: doc[FORMS].split() for doc in welsh["docs"] if FORMS in doc}
    assert english_forms["lessons/sample-skills/"] == ["coproduction"]
    assert "wellbeing" in english_forms["case-studies/sample-hackathon/#what-happened"]
    assert english_forms["case-studies/sample-case-study-02/"] == ["coproduce", "mon"]
    assert welsh_forms["astudiaethau-achos/sample-case-study-02/"] == ["gydgynhyrchu"]  # the plugin mutates and folds
    assert all("phowys" not in forms for forms in english_forms.values())  # English gets no mutations


def test_the_site_serves_the_welsh_plugin_where_materials_worker_loads_it(site: Path) -> None:
    (worker,) = (site / "assets/javascripts/workers").glob("search.*.min.js")
    plugin = worker.parent / "../lunr/min/lunr.cy.min.js"
    assert "lunr.cy = plugin" in plugin.read_text(encoding="utf-8")
    assert (worker.parent / "../lunr/min/lunr.stemmer.support.min.js").exists()  # loaded first


def test_listings_are_found_by_their_intro_not_their_cards(site: Path) -> None:
    for lang, intro in (
        ("en", "Filter the case studies below to find the ones you need."),
        ("cy", "Hidlwch yr astudiaethau achos isod i ddod o hyd i'r rhai sydd eu hangen arnoch."),
    ):
        docs = {doc["location"]: doc for doc in _index(site, lang)["docs"]}
        root = "cy/" if lang == "cy" else ""  # Welsh locations are relative to cy/

        def at(url: str, root: str = root) -> str:
            return within(root, url)

        assert docs[at("case-studies/")]["text"] == f"<p>{intro}</p>"
        lessons = [location for location in docs if location.startswith(at("lessons/") + "#")]
        assert lessons == [] and docs[at("lessons/")]["text"].count("<p>") == 1
        facet = docs[at("case-studies/psb/sample-north/")]
        assert facet["text"].count("<p>") == 1 and "sample-case-study" not in json.dumps(facet)
        assert at("case-studies/psb/sample-north/page/2/") not in docs  # later pages repeat the intro
