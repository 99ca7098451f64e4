"""The Welsh word forms the search indexes (rhannu/theme/assets/javascripts/lunr/min/lunr.cy.min.js),
run in Chromium with the lunr that Material's search worker bundles: the same script and the same
lunr as on the site, with no build and no npm package.

A query matches a text when the typed word (lower case, as lunr reads it) starts one of the forms
the plugin indexes for the text's word: Material appends `*` to every query term."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import pytest

from tests.support.sites import PROJECT

pytestmark = pytest.mark.browser

PLUGIN = PROJECT / "rhannu/theme/assets/javascripts/lunr/min/lunr.cy.min.js"
WORKERS = Path(str(files("material") / "templates/assets/javascripts/workers"))

# radical, soft, nasal, aspirate (None where the initial has no such mutation)
MUTATIONS = [
    ("partneriaeth", "bartneriaeth", "mhartneriaeth", "phartneriaeth"),
    ("powys", "bowys", "mhowys", "phowys"),
    ("tîm", "dîm", "nhîm", "thîm"),
    ("cymuned", "gymuned", "nghymuned", "chymuned"),
    ("cyd-gynhyrchu", "gyd-gynhyrchu", "nghyd-gynhyrchu", "chyd-gynhyrchu"),
    ("byrddau", "fyrddau", "myrddau", None),
    ("dysgu", "ddysgu", "nysgu", None),
    ("gwaith", "waith", "ngwaith", None),
    ("gardd", "ardd", "ngardd", None),
    ("mam", "fam", None, None),
    ("llesiant", "lesiant", None, None),
    ("rhaglen", "raglen", None, None),
]
H_PROTHESIS = [("iaith", "hiaith"), ("ardal", "hardal"), ("ymgysylltu", "hymgysylltu"), ("ŵyr", "hŵyr")]
UNACCENTED = [
    ("caniatáu", "caniatau"),
    ("tîm", "tim"),
    ("tîm", "nhim"),
    ("ŵyr", "wyr"),
    ("copïo", "copio"),
    ("sigarét", "sigaret"),
]
# Accepted: a search has no context, so a form that may come from two radicals meets both.
ACCEPTED = [
    ("gwaith", "chwaith"),  # g- is a radical and the soft form of c-
    ("fam", "bam"),  # f- is the soft form of b- and of m-
    ("mam", "bam"),  # m- is a radical and the nasal form of b-
    ("dewis", "tewis"),  # d- is a radical and the soft form of t-
    ("nant", "dant"),  # n- is a radical and the nasal form of d-
    ("bardd", "pardd"),  # b- is a radical and the soft form of p-
    ("lan", "llan"),  # l- is a radical and the soft form of ll-
    ("lan", "glan"),  # soft mutation drops g- before l, r and vowels
    ("wlad", "gwlad"),
    ("ardal", "gardal"),
    ("hanes", "anes"),  # h- before a vowel may be h-prothesis
    ("chwarae", "cwarae"),  # ch- begins radicals and aspirate forms of c-
]
# Must not match: digraphs are letters of their own, a word is demutated once, vowels stay.
MUST_NOT = [
    ("ffin", "fin"),
    ("ffin", "min"),
    ("ffin", "bin"),
    ("fin", "ffin"),
    ("min", "ffin"),
    ("ffordd", "bordd"),
    ("ffordd", "mordd"),
    ("llyfr", "glyfr"),
    ("lle", "gle"),
    ("rhaglen", "graglen"),
    ("ngwaith", "dgwaith"),
    ("nghymuned", "dghymuned"),
    ("ddysgu", "tdysgu"),
    ("ddysgu", "tysgu"),
    ("chwarae", "hwarae"),
    ("tîm", "tom"),
    ("powys", "fowys"),
]


@pytest.fixture(scope="module")
def lunr_page(browser):
    """A blank page with lunr (from Material's worker bundle, which sets `self.lunr`) and the plugin."""
    (worker,) = WORKERS.glob("search.*.min.js")
    context = browser.new_context()
    tab = context.new_page()
    tab.set_content("<!doctype html><title>lunr</title>")
    tab.add_script_tag(path=str(worker))
    tab.add_script_tag(path=str(PLUGIN))
    yield tab
    context.close()


def forms(page, word: str) -> list[str]:
    return page.evaluate("word => lunr.cy.forms(word)", word)


def meets(page, text: str, query: str) -> bool:
    """Whether a query typed as `query` finds the text's word `text`, in a lunr index built with the
    plugin and searched as Material searches (a prefix query); `forms` must say the same."""
    found = page.evaluate(
        """([text, query]) => {
          const index = lunr(function () {
            this.use(lunr.cy);
            this.ref("id");
            this.field("text");
            this.add({id: "page", text: text});
          });
          return index.search(query.toLowerCase() + "*").length > 0;
        }""",
        [text, query],
    )
    assert found == any(form.startswith(query.lower()) for form in forms(page, text)), (text, query)
    return found


@pytest.mark.parametrize("row", MUTATIONS, ids=lambda row: row[0])
def test_every_form_of_a_word_finds_every_other(lunr_page, row) -> None:
    words = [word for word in row if word]
    for text in words:
        for query in words:
            for written, typed in ((text, query), (text.capitalize(), query.capitalize())):
                assert meets(lunr_page, written, typed), f"{typed!r} does not find {written!r}"


def test_the_table_has_every_initial_that_mutates() -> None:
    initials = {next(d for d in ("ll", "rh", "") if row[0].startswith(d)) or row[0][0] for row in MUTATIONS}
    assert initials == {"p", "t", "c", "b", "d", "g", "m", "ll", "rh"}
    assert all(row[3] for row in MUTATIONS if row[0][0] in "ptc")  # the aspirate mutation


@pytest.mark.parametrize(("radical", "mutated"), H_PROTHESIS)
def test_h_prothesis(lunr_page, radical: str, mutated: str) -> None:
    assert meets(lunr_page, radical, mutated) and meets(lunr_page, mutated, radical)


@pytest.mark.parametrize(("text", "query"), UNACCENTED)
def test_a_query_without_accents_finds_accented_text(lunr_page, text: str, query: str) -> None:
    assert meets(lunr_page, text, query)


@pytest.mark.parametrize(("text", "query"), ACCEPTED)
def test_accepted_ambiguity(lunr_page, text: str, query: str) -> None:
    assert meets(lunr_page, text, query)


@pytest.mark.parametrize(("text", "query"), MUST_NOT)
def test_must_not_match(lunr_page, text: str, query: str) -> None:
    assert not meets(lunr_page, text, query), forms(lunr_page, text)


def test_short_words_numbers_and_function_words_are_not_expanded(lunr_page) -> None:
    assert forms(lunr_page, "tŷ") == ["tŷ", "ty"]
    assert forms(lunr_page, "2023") == ["2023"]
    assert forms(lunr_page, "mae") == ["mae"]
    assert forms(lunr_page, "gyda") == ["gyda"]
    assert forms(lunr_page, "(Phowys),") == ["phowys", "powys", "bowys", "mhowys"]
    assert forms(lunr_page, "…") == []


def test_the_index_holds_every_form_at_the_words_own_position(lunr_page) -> None:
    """Built by lunr as Material's worker builds it: each form leads to the written word's
    postings, with its position (which Material highlights), and a query that meets several keys
    of one word gets each position once."""
    found = lunr_page.evaluate(
        """() => {
          const index = lunr(function () {
            this.use(lunr.cy);
            this.metadataWhitelist = ["position"];
            this.ref("id");
            this.field("text");
            this.add({id: "a", text: "Cyfarfu'r partneriaid yng Nghaerdydd a Phowys"});
            this.add({id: "b", text: "ar y ffin"});
          });
          const result = {};
          for (const query of ["powys*", "bowys*", "mhowys*", "caerdydd*", "chaerdydd*", "fin*", "min*", "ffin*", "mae*", "p*", "c*"])
            result[query] = index.search(query).map(hit => [hit.ref, Object.values(hit.matchData.metadata).flatMap(data => data.text.position)]);
          return result;
        }"""
    )
    # whichever form is typed, the word as written is marked ("Mhowys" marks the text's "Phowys")
    assert found["bowys*"] == found["powys*"] == found["mhowys*"] == [["a", [[39, 6]]]]
    assert found["caerdydd*"] == found["chaerdydd*"] == [["a", [[26, 10]]]]
    # "p*" meets "phowys", "powys" and "partneriaid" (and more keys of each): each word once
    assert [ref for ref, _ in found["p*"]] == ["a"] and sorted(found["p*"][0][1]) == [[10, 11], [39, 6]]
    assert sorted(found["c*"][0][1]) == [[0, 9], [26, 10]]
    assert found["fin*"] == found["min*"] == found["mae*"] == []
    assert found["ffin*"] == [["b", [[5, 4]]]]


def test_the_plugin_replaces_lunrs_english_pipeline(lunr_page) -> None:
    """No English stemmer or stop words on Welsh text: 'ar' and 'y' stay, 'partneriaid' is whole."""
    stack = lunr_page.evaluate(
        """() => {
          const builder = new lunr.Builder();
          builder.pipeline.add(lunr.trimmer, lunr.stopWordFilter, lunr.stemmer);
          lunr.cy.call(builder, builder);
          return builder.pipeline.toJSON();
        }"""
    )
    assert stack == ["rhannu-welsh-forms"]
