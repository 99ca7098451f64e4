"""Citing a case study or lesson (issue 21): "Cite this page" as the built pages show it, the
`citation_*` meta tags read back as Zotero reads them, and the RIS and BibTeX files beside each
page read by real parsers (rispy, bibtexparser)."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import bibtexparser
import pytest
import rispy
from bibtexparser.middlewares import LatexDecodingMiddleware
from bs4 import BeautifulSoup

from rhannu import citation
from rhannu.site import Site, prepare
from tests.support.sample_site import CASE_STUDIES, LESSONS, welsh
from tests.support.sites import BUILD_DATE_PINNED, FIXTURE, FIXTURE_URL, read_html
from tests.test_catalogue import _info

NAMES = {"en": "Rhannu sample site", "cy": "Safle enghreifftiol Rhannu"}
ITEM_PAGES = [f"case-studies/{slug}/" for slug in CASE_STUDIES] + [f"lessons/{slug}/" for slug in LESSONS]


@pytest.fixture(scope="module")
def sample() -> Site:
    return prepare(FIXTURE, BUILD_DATE_PINNED, _info())


def _item(site: Site, slug: str):
    return next(item for item in [*site.content.case_studies, *site.content.lessons] if item.slug == slug)


# --- Zotero's "Embedded Metadata" translator, its reading rules for Highwire tags ---------------
# From zotero/translators, "Embedded Metadata.js": HIGHWIRE_MAPPINGS (each tag's Zotero field, in
# order, a later tag overwriting an earlier one's field), getContentText (the first
# `html>head>meta[name$="<tag>"]`, its content), processHighwireCreators (citation_author nodes,
# split at ";", or at "," for one node whose parts each hold a space; ZU.cleanAuthor splits a name
# without a comma at its last space), the date's fallbacks and the url's.

HIGHWIRE_MAPPINGS = {
    "citation_title": "title",
    "citation_publication_date": "date",
    "citation_cover_date": "date",
    "citation_date": "date",
    "citation_journal_title": "publicationTitle",
    "citation_publisher": "publisher",
    "citation_abstract": "abstractNote",
    "citation_doi": "DOI",
    "citation_public_url": "url",
    "citation_language": "language",
}


def _content_text(head: BeautifulSoup, name: str) -> str | None:
    for meta in head.find_all("meta", attrs={"name": True}):
        if meta["name"].endswith(name):
            return meta.get("content") or meta.get("contents")
    return None


def zotero_reads(html: str) -> dict:
    """What Zotero's Embedded Metadata translator takes from a page's Highwire (citation_*) tags."""
    document = BeautifulSoup(html, "html.parser")
    head = document.head
    item: dict = {}
    for tag, field in HIGHWIRE_MAPPINGS.items():
        value = _content_text(head, tag)
        if value and value.strip():
            item[field] = " ".join(value.split())
    nodes = [meta["content"] for meta in document.find_all("meta", attrs={"name": re.compile("citation_author$")})]
    if not nodes:
        nodes = [meta["content"] for meta in document.find_all("meta", attrs={"name": re.compile("citation_authors$")})]
    creators = []
    for node in nodes:
        names = re.split(r"\s*;\s*", node)
        if len(names) == 1 and len(nodes) == 1:
            by_comma = re.split(r"\s*,\s*", names[0])
            if len(by_comma) > 1 and " " in by_comma[0] and " " in by_comma[1]:
                names = by_comma
        for name in (name.strip() for name in names):
            if not name or not re.search(r"[^\s,\-.;]", name):
                continue
            if "," in name:
                last, first = (part.strip() for part in name.split(",", 1))
            else:
                first, _, last = name.rpartition(" ")
            creators.append({"firstName": first, "lastName": last, "creatorType": "author"})
    item["creators"] = creators
    if "date" not in item:
        item["date"] = _content_text(head, "citation_online_date") or _content_text(head, "citation_year")
    if "url" not in item:
        item["url"] = _content_text(head, "citation_abstract_html_url") or _content_text(head, "citation_fulltext_html_url")
    return {key: value for key, value in item.items() if value}


def _one_name(creator: dict) -> str:
    return f"{creator['firstName']} {creator['lastName']}".strip()


@pytest.mark.parametrize("address", ["case-studies/sample-hackathon/", welsh("lessons/sample-uncited/")])
def test_zotero_reads_the_pages_title_organisation_date_language_and_address(site: Path, address: str) -> None:
    lang = "cy" if address.startswith("cy/") else "en"
    html = (site / address / "index.html").read_text(encoding="utf-8")
    page = BeautifulSoup(html, "html.parser")
    read = zotero_reads(html)
    assert read["title"] == page.h1.get_text(strip=True)
    assert [_one_name(creator) for creator in read["creators"]] == [NAMES[lang]]
    assert read["publisher"] == NAMES[lang]
    assert read["date"] == {"en": "2023/10/20", "cy": "2022/03/31"}[lang]
    assert read["language"] == {"en": "en-GB", "cy": "cy"}[lang]
    assert read["url"] == FIXTURE_URL + address == page.select_one('link[rel="canonical"]')["href"]
    assert read["abstractNote"] == page.select_one('meta[name="description"]')["content"]


def test_every_case_study_and_lesson_page_carries_the_tags_in_both_languages(site: Path) -> None:
    for page in ITEM_PAGES:
        for address in (page, welsh(page)):
            read = zotero_reads((site / address / "index.html").read_text(encoding="utf-8"))
            assert {"title", "creators", "date", "language", "url"} <= set(read), address
            assert read["url"] == FIXTURE_URL + address


def test_no_other_page_carries_citation_tags(site: Path) -> None:
    for address in ("", "about/", "case-studies/", "lessons/", "reusing/", "api/v1/", "cy/api/v1/"):
        assert "citation_" not in str(read_html(site / address / "index.html").head), address


def test_zotero_finds_no_date_where_none_is_recorded(sample: Site) -> None:
    study = dataclasses.replace(_item(sample, "sample-sharing-practice"), published=None)
    tags = citation.meta_tags(citation.citation_of(study, "en", sample.info))
    read = zotero_reads(f"<html><head>{tags}</head><body></body></html>")
    assert "date" not in read
    assert read["title"] == "Sample case study: sharing practice"


# --- On the page ---------------------------------------------------------------------------------


def _cite_text(site: Path, address: str) -> str:
    block = read_html(site / address / "index.html").select_one(".rhannu-cite__text")
    assert block is not None, address
    return " ".join(block.get_text(" ", strip=True).split()).replace(" .", ".").replace("( ", "(").replace(" )", ")")


def test_cite_this_page_names_the_organisation_once_the_year_the_title_and_the_address(site: Path) -> None:
    assert _cite_text(site, "case-studies/sample-hackathon/") == (
        "Rhannu sample site (2023) Sample case study: a hackathon. Available at: "
        "https://sample.rhannu.example.org/case-studies/sample-hackathon/ (Accessed: [date])."
    )
    assert _cite_text(site, welsh("lessons/sample-uncited/")) == (
        "Safle enghreifftiol Rhannu (2022) Gwers enghreifftiol nad oes astudiaeth achos yn cyfeirio ati. Ar gael yn: "
        "https://sample.rhannu.example.org/cy/gwersi/gwers-heb-gyfeiriad/ (Cyrchwyd: [dyddiad])."
    )


def test_cite_this_page_has_no_contact_line_and_shows_no_source_period(site: Path) -> None:
    for page in ITEM_PAGES:
        for address in (page, welsh(page)):
            block = read_html(site / address / "index.html").select_one("section.rhannu-cite")
            text = block.get_text(" ")
            assert "mailto:" not in str(block) and "sample@example.org" not in text, address
            assert "Autumn 2021" not in text and "Yr hydref 2021" not in text, address
            assert text.count(NAMES["cy" if address.startswith("cy/") else "en"]) == 1, address


@pytest.mark.parametrize(("lang", "no_date"), [("en", "(n.d.)"), ("cy", "(d.d.)")])
def test_an_item_with_no_recorded_publication_day_is_cited_as_undated(sample: Site, lang: str, no_date: str) -> None:
    study = dataclasses.replace(_item(sample, "sample-sharing-practice"), published=None)
    html = citation.cite_html(citation.citation_of(study, lang, sample.info), lang)
    text = BeautifulSoup(html, "html.parser").select_one(".rhannu-cite__text").get_text()
    assert text.startswith(f"{NAMES[lang]} {no_date} ")
    assert "Sample report" not in html and "2021" not in html  # its source's period is no publication date


def test_the_copy_button_waits_for_the_script_and_the_files_are_linked_beside_the_page(site: Path) -> None:
    for address in ("case-studies/sample-hackathon/", welsh("case-studies/sample-hackathon/")):
        block = read_html(site / address / "index.html").select_one("section.rhannu-cite")
        copy = block.select_one(".rhannu-cite__copy")
        assert copy.has_attr("hidden") and copy.button["type"] == "button"
        assert copy.select_one("[role=status]") is not None
        links = {link["href"]: link for link in block.select(".rhannu-cite__files a")}
        assert set(links) == {"citation.ris", "citation.bib"}
        for href in links:
            assert (site / address / href).is_file()


# --- The files -----------------------------------------------------------------------------------


@pytest.mark.parametrize("page", ITEM_PAGES)
def test_each_pages_ris_file_is_read_by_rispy(site: Path, page: str) -> None:
    for address in (page, welsh(page)):
        lang = "cy" if address.startswith("cy/") else "en"
        entries = rispy.loads((site / address / "citation.ris").read_text(encoding="utf-8"))
        assert len(entries) == 1
        entry = entries[0]
        title = read_html(site / address / "index.html").h1.get_text(strip=True)
        assert entry["type_of_reference"] == "ELEC"
        assert entry["title"] == title
        assert entry["authors"] == [NAMES[lang]]
        assert entry["urls"] == [FIXTURE_URL + address]
        assert entry["language"] == {"en": "en-GB", "cy": "cy"}[lang]
        assert re.fullmatch(r"\d{4}", entry["year"]) and entry["date"].startswith(entry["year"] + "/")


@pytest.mark.parametrize("page", ITEM_PAGES)
def test_each_pages_bibtex_file_is_read_by_bibtexparser(site: Path, page: str) -> None:
    keys = set()
    for address in (page, welsh(page)):
        lang = "cy" if address.startswith("cy/") else "en"
        library = bibtexparser.parse_string((site / address / "citation.bib").read_text(encoding="utf-8"))
        assert library.failed_blocks == [] and len(library.entries) == 1
        entry = library.entries[0]
        fields = {field.key: field.value for field in entry.fields}
        assert entry.entry_type == "online"
        assert fields["author"] == "{" + NAMES[lang] + "}"  # braced: one name, not a first name and a surname
        assert fields["title"] == read_html(site / address / "index.html").h1.get_text(strip=True)
        assert fields["url"] == FIXTURE_URL + address
        assert fields["langid"] == {"en": "british", "cy": "welsh"}[lang]
        keys.add(entry.key)
    assert len(keys) == 1, "one key for the item in both languages"


def test_bibtex_says_any_title_exactly(sample: Site) -> None:
    title = r"Costs & benefits: 50% {more} #1 for $5, a_b ~ \ end"
    item = _item(sample, "sample-time")
    item = dataclasses.replace(item, texts={**item.texts, "en": dataclasses.replace(item.texts["en"], title=title)})
    record = citation.citation_of(item, "en", sample.info)
    library = bibtexparser.parse_string(citation.bibtex(record), append_middleware=[LatexDecodingMiddleware()])
    assert library.failed_blocks == []
    assert {field.key: field.value for field in library.entries[0].fields}["title"] == title
    ris = rispy.loads(citation.ris(record))
    assert ris[0]["title"] == title
    # a caret is LaTeX's superscript outside maths: written as the text command (pylatexenc reads
    # that back as U+02C6, so it is checked as written)
    caret = citation.citation_of(
        dataclasses.replace(item, texts={"en": dataclasses.replace(item.texts["en"], title="a^b")}), "en", sample.info
    )
    assert "title = {a\\textasciicircum{}b}" in citation.bibtex(caret)


def test_an_undated_item_has_no_year_in_its_files(sample: Site) -> None:
    record = citation.citation_of(dataclasses.replace(_item(sample, "sample-time"), published=None), "cy", sample.info)
    assert "year" not in rispy.loads(citation.ris(record))[0]
    fields = {field.key for field in bibtexparser.parse_string(citation.bibtex(record)).entries[0].fields}
    assert "year" not in fields and "date" not in fields
