"""Quality as users and other sites meet it: valid HTML, link previews, structured data,
per-language search indexes, robots.txt and link text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rhannu.page_meta import png_size
from tests.support.nu import nu_errors
from tests.support.sample_site import CASE_STUDIES, FACETS, ISSUES, LESSONS, MOVED, PAGES, REDIRECTS, at, section, within
from tests.support.sites import FIXTURE_URL, html_pages, read_html, url_of

SITE_URL = FIXTURE_URL


def test_nu_html_checker_finds_no_error_on_any_web_page(site: Path) -> None:
    pages = html_pages(site)
    errors = nu_errors(pages, site)
    assert len(pages) == 2 * len(PAGES) + len(MOVED) + 2  # both languages, old Welsh addresses, and each language's 404 page
    assert errors == [], "\n".join(errors[:20])


def test_every_page_has_link_preview_metadata_in_its_language(site: Path) -> None:
    redirects = [f"{prefix}{old}index.html" for prefix in ("", "cy/") for old in REDIRECTS] + [f"{old}index.html" for old in MOVED]
    pages = [page for page in html_pages(site) if page.relative_to(site).as_posix() not in ("404.html", "cy/404.html", *redirects)]
    assert len(pages) == 2 * (len(PAGES) - len(REDIRECTS))
    for page in pages:
        soup = read_html(page)
        welsh = url_of(site, page).startswith("cy/")
        meta = {tag.get("property") or tag.get("name"): tag["content"] for tag in soup.select("meta[property^='og:'], meta[name^='twitter:']")}
        where = url_of(site, page)
        assert meta["og:locale"] == ("cy_GB" if welsh else "en_GB"), where
        assert meta["og:locale:alternate"] == ("en_GB" if welsh else "cy_GB"), where
        assert meta["og:url"] == SITE_URL + where
        assert meta["og:title"] and meta["og:description"] and meta["og:site_name"], where
        assert meta["twitter:card"] == "summary_large_image" and meta["twitter:title"] == meta["og:title"], where
        assert meta["og:image"] == meta["twitter:image"] == SITE_URL + "assets/images/preview.png", where
        assert (meta["og:image:type"], meta["og:image:width"], meta["og:image:height"]) == ("image/png", "1200", "630")
        assert meta["og:image:alt"] == meta["twitter:image:alt"] == (
            "Enw'r safle hwn yn Gymraeg ac yn Saesneg: Safle enghreifftiol Rhannu; Rhannu sample site"
            if welsh
            else "The name of this site in Welsh and English: Safle enghreifftiol Rhannu; Rhannu sample site"
        ), where
    assert png_size(site / "assets/images/preview.png") == (1200, 630), "the size the pages give is the file's"


@pytest.mark.parametrize(("prefix", "lang", "other"), [("", "en-GB", "cy"), ("cy/", "cy", "en-GB")])
def test_case_studies_carry_schema_org_article_data(site: Path, prefix: str, lang: str, other: str) -> None:
    soup = read_html(site / f"{section(prefix, 'case-studies')}/sample-sharing-practice/index.html")
    data = json.loads(soup.select_one('head script[type="application/ld+json"]').string)
    assert data["@type"] == "Article" and data["@context"] == "https://schema.org"
    assert data["inLanguage"] == lang and data["datePublished"] == "2022-03-31"
    assert data["url"] == f"{SITE_URL}{at(prefix, 'case-studies/sample-sharing-practice/')}"
    assert data["headline"] == soup.select_one("article h1").get_text() == (
        "Sample case study: sharing practice" if lang == "en-GB" else "Astudiaeth achos enghreifftiol: rhannu arfer"
    )
    translation = data["workTranslation" if lang == "en-GB" else "translationOfWork"]
    assert translation["inLanguage"] == other
    assert translation["url"] == f"{SITE_URL}{at('' if prefix else 'cy/', 'case-studies/sample-sharing-practice/')}"
    assert soup.select_one('meta[property="og:type"]')["content"] == "article"


def test_robots_txt_points_to_the_sitemap(site: Path) -> None:
    assert (site / "robots.txt").read_text(encoding="utf-8") == f"User-agent: *\nAllow: /\n\nSitemap: {SITE_URL}sitemap.xml\n"


def test_each_language_has_its_own_search_index(site: Path) -> None:
    english = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    welsh = json.loads((site / "cy/search/search_index.json").read_text(encoding="utf-8"))
    # every page but a listing's later pages and the archive; listings are found by their intro
    searchable = {
        "", "about/", "subscribe/", "reusing/", "privacy/", "contact/", "case-studies/", *(f"case-studies/{slug}/" for slug in CASE_STUDIES),
        "lessons/", *(f"lessons/{slug}/" for slug in LESSONS), *(f"newsletters/{day}/" for day in ISSUES),
        *(f"case-studies/{facet}/{value}/" for facet, values in FACETS.items() for value in values),
        "api/v1/",  # the catalogue's own page (issue 21)
    }
    assert len(searchable) == 69 + 15 + 1
    assert {doc["location"].split("#")[0] for doc in english["docs"]} == searchable
    # Welsh locations are relative to cy/, the Welsh pages' search base
    assert {doc["location"].split("#")[0] for doc in welsh["docs"]} == {within("cy/", url) for url in searchable}
    assert [doc["title"] for doc in english["docs"] if doc["location"] == "about/"] == ["About this sample site"]
    assert [doc["title"] for doc in welsh["docs"] if doc["location"] == "amdanom/"] == ["Ynglŷn â'r safle enghreifftiol hwn"]
    assert welsh["config"]["pipeline"] == [] and english["config"]["pipeline"] == ["stopWordFilter"]
    assert welsh["config"]["lang"] == ["cy"] and english["config"]["lang"] == ["en"]
    for page, base in ((site / "cy/amdanom/index.html", "../../cy/"), (site / "about/index.html", "..")):
        config = json.loads(read_html(page).select_one("#__config").string)
        assert config["base"] == base


def test_link_text_names_its_target(site: Path) -> None:
    vague = {"read more", "darllen mwy", "click here", "cliciwch yma", "more", "mwy", "here", "yma"}
    links = [(page, link) for page in html_pages(site) for link in read_html(page).select("main a[href]")]
    assert len(links) > 2000  # every card, facet, lesson and issue link on 173 pages
    for page, link in links:
        text = " ".join(link.get_text(" ").split()).lower()
        assert text not in vague, f"{url_of(site, page)}: a link reads only {text!r}"
