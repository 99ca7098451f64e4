"""Queries typed into the real search box on the sample site, in both languages: mutated Welsh
forms of every initial that mutates, queries without accents, compounds with and without hyphens,
and listings shown by their intro. One page per language, reused by every query."""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import pytest

from tests.support.sample_site import welsh  # results on a Welsh page are Welsh addresses

pytestmark = pytest.mark.browser


def study(number: int) -> str:
    return f"case-studies/sample-case-study-{number:02}/"


META = ".md-search-result__meta"  # "Type to start searching", then "3 results"


class SearchBox:
    """Material's search box on one page: type a query, read the result addresses."""

    def __init__(self, page, path: str) -> None:
        self.page = page
        page.goto(path)
        config = json.loads(page.locator("#__config").text_content())
        self.placeholder = config["translations"]["search.result.placeholder"]
        self.box = page.locator("input.md-search__input")
        self.box.click()
        self.meta = page.locator(META)
        self.meta.filter(has_text=self.placeholder).wait_for()  # the worker has built the index

    def search(self, query: str, *, screenful: bool = True) -> list[str]:
        """The site-relative addresses of the pages found, in order, each once (with `screenful`,
        checking they fit the first screen of results)."""
        # Material searches on each key released; only the last key here sends a query, so the
        # results read below are the whole query's, never its first letters'
        self.box.fill("")
        self.box.press("Backspace")
        self.page.wait_for_function(f"text => document.querySelector('{META}').textContent === text", arg=self.placeholder)
        self.box.fill(query[:-1])
        self.box.press(query[-1])
        self.page.wait_for_function(f"text => document.querySelector('{META}').textContent !== text", arg=self.placeholder)
        # Material renders ten results at first, and more as the list scrolls: enough here
        assert not screenful or self.count() <= 10, f"{query!r} found more pages than the first screen of results shows"
        found: list[str] = []
        for href in self.page.locator(".md-search-result__item > .md-search-result__link").evaluate_all(
            "links => links.map(a => a.href)"
        ):
            path = urlsplit(href).path.lstrip("/")
            if path not in found:
                found.append(path)
        return found

    def count(self) -> int:
        """The number of pages found, as the results' heading gives it."""
        number = re.search(r"\d+", self.meta.text_content() or "")
        return int(number.group()) if number else 0

    def _results(self, path: str, script: str) -> list:
        """`script` run on each result for the page at `path`, itself and its sections (their
        links carry `?h=` and the query, and a section's its `#anchor`)."""
        return self.page.locator(".md-search-result__item .md-search-result__link").evaluate_all(
            f"(links, path) => links.filter(a => new URL(a.href).pathname === '/' + path).map({script})", path
        )

    def teaser(self, path: str) -> str:
        """The text the results for a page show under their titles."""
        texts = self._results(path, "a => [...a.querySelectorAll('article > p')].map(p => p.innerText).join(' ')")
        return " ".join(text for text in texts if text)

    def marked(self, path: str) -> list[str]:
        marks = self._results(path, "a => [...a.querySelectorAll('mark')].map(m => m.innerText)")
        return [text for texts in marks for text in texts]


@pytest.fixture(scope="module")
def tab(browser, site_url: str):
    context = browser.new_context(base_url=site_url, viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


@pytest.fixture(scope="module")
def welsh_search(tab) -> SearchBox:
    return SearchBox(tab, welsh("about/"))


@pytest.fixture(scope="module")
def english_search(browser, site_url: str):
    context = browser.new_context(base_url=site_url, viewport={"width": 1280, "height": 900})
    yield SearchBox(context.new_page(), "about/")
    context.close()


# query typed -> a page it must find, whose text has the word only in another form
WELSH_QUERIES = [
    ("Powys", study(2)),  # p: the text says "a Phowys" (aspirate)
    ("Bontypridd", study(2)),  # p: soft; the text says "ym Mhontypridd" (nasal)
    ("nhîm", study(2)),  # t: nasal; the text says "tîm"
    ("thim", study(2)),  # t: aspirate, without the accent
    ("Caerdydd", study(2)),  # c: the text says "yng Nghaerdydd" (nasal)
    ("chaerdydd", study(2)),  # c: aspirate
    ("cydgynhyrchu", study(2)),  # c: the text says "gyd-gynhyrchu": soft, hyphenated
    ("cydgynhyrchu", "lessons/sample-skills/"),  # the text says "cyd-gynhyrchu"
    ("Bwrdd", study(3)),  # b: the text says "ddau Fwrdd" (soft)
    ("mwrdd", study(3)),  # b: nasal
    ("Dinbych", study(3)),  # d: the text says "yn Ninbych" (nasal)
    ("Ddinbych", study(3)),  # d: soft
    ("Menai", study(3)),  # m: the text says "y Fenai" (soft)
    ("Llanelli", study(3)),  # ll: the text says "o Lanelli" (soft)
    ("llysiau", study(4)),  # ll: the text says "lysiau"
    ("gardd", study(4)),  # g: the text says "yr ardd" (soft: the g drops)
    ("ngardd", study(4)),  # g: nasal
    ("rhaglen", study(4)),  # rh: the text says "ei raglen" (soft)
    ("ardal", study(4)),  # h-prothesis: the text says "eu hardal"
    ("caniatad", study(4)),  # accents and soft: the text says "am ganiatâd"
    ("Ynys Mon", study(2)),  # the text says "Ynys Môn"
]


@pytest.mark.parametrize(("query", "path"), WELSH_QUERIES, ids=[query for query, _ in WELSH_QUERIES])
def test_welsh_query_finds_every_form(welsh_search: SearchBox, query: str, path: str) -> None:
    assert welsh(path) in welsh_search.search(query)


def test_welsh_results_mark_the_word_as_written(welsh_search: SearchBox) -> None:
    assert welsh_search.search("Bowys") == [welsh(study(2))]
    # the word as the text writes it (with the comma after it: the index splits words at spaces and
    # hyphens only)
    assert welsh_search.marked(welsh(study(2))) == ["Phowys,"]
    # so does a form with the text's first letter, and no query marks a word twice (issue 21)
    assert welsh_search.search("Powys") == [welsh(study(2))]
    assert welsh_search.marked(welsh(study(2))) == ["Phowys,"]
    for query in ("P", "Ph", "Phowys", "c", "ca", "caniat"):  # as the reader types: no word marked twice
        welsh_search.search(query, screenful=False)
        broken = welsh_search.page.evaluate(
            """() => [...document.querySelectorAll('.md-search-result__item')].filter(
                 item => item.querySelector('mark mark') || /mark>/.test(item.textContent)).length"""
        )
        assert broken == 0, query


def test_welsh_search_keeps_digraphs_apart(welsh_search: SearchBox) -> None:
    # "Fwrdd" (soft of "Bwrdd") is on two Welsh pages; "ffwrdd" (away) is on none, and ff is not f
    assert welsh(study(3)) in welsh_search.search("Fwrdd")
    assert welsh_search.search("ffwrdd") == []


ENGLISH_QUERIES = [
    ("wellbeing", "case-studies/sample-hackathon/"),  # the text says "well-being"
    ("well-being", "case-studies/sample-hackathon/"),
    ("coproduction", "lessons/sample-skills/"),  # the text says "co-production"
    ("co-production", "lessons/sample-skills/"),
    ("Ynys Mon", study(2)),  # the text says "Ynys Môn"
    ("Powys", study(2)),
]


@pytest.mark.parametrize(("query", "path"), ENGLISH_QUERIES, ids=[query for query, _ in ENGLISH_QUERIES])
def test_english_query_finds_compounds_and_accented_words(english_search: SearchBox, query: str, path: str) -> None:
    assert path in english_search.search(query)


def test_english_pages_get_no_mutations(english_search: SearchBox) -> None:
    assert english_search.search("Phowys") == []  # the English text says only "Powys"
    assert english_search.search("Nghaerdydd") == []
    assert english_search.search("Cardiff") == [study(2)]


def test_a_result_shows_forms_it_matched_as_the_text_writes_them(english_search: SearchBox) -> None:
    english_search.search("wellbeing")
    teaser = english_search.teaser("case-studies/sample-hackathon/")
    assert "well-being" in teaser and "wellbeing" not in teaser


@pytest.mark.parametrize(
    ("lang", "query", "path", "intro"),
    [
        ("en", "ones you need", "case-studies/", "Filter the case studies below to find the ones you need."),
        ("en", "grouped", "lessons/", "Lessons learnt, grouped by theme. Each lesson lists its related case studies."),
        ("cy", "hidlwch", "case-studies/", "Hidlwch yr astudiaethau achos isod i ddod o hyd i'r rhai sydd eu hangen arnoch."),
    ],
)
def test_a_listing_is_shown_by_its_intro(
    english_search: SearchBox, welsh_search: SearchBox, lang: str, query: str, path: str, intro: str
) -> None:
    box = welsh_search if lang == "cy" else english_search
    target = welsh(path) if lang == "cy" else path
    assert target in box.search(query)
    assert box.teaser(target) == intro
