"""End to end: the built site is equal in Welsh and English (issue: bilingual foundation)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from tests.support.material import english_interface_strings
from tests.support.sample_site import MOVED, PAGES, REDIRECTS, english, welsh
from tests.support.sites import FIXTURE_URL, html_pages, internal_links, read_html, url_of

SITE_URL = FIXTURE_URL
NOT_CONTENT = {"404.html", "cy/404.html", *REDIRECTS, *(f"cy/{old}" for old in REDIRECTS), *MOVED}  # redirects: tests/test_case_studies_site.py


def content_pages(site: Path) -> list[Path]:
    pages = [page for page in html_pages(site) if url_of(site, page) not in NOT_CONTENT]
    assert len(pages) == 2 * (len(PAGES) - len(REDIRECTS))
    return pages


def english_pages(site: Path) -> list[Path]:
    pages = [page for page in content_pages(site) if not url_of(site, page).startswith("cy/")]
    assert len(pages) == len(PAGES) - len(REDIRECTS)
    return pages


def welsh_pages(site: Path) -> list[Path]:
    pages = [page for page in content_pages(site) if url_of(site, page).startswith("cy/")]
    assert len(pages) == len(PAGES) - len(REDIRECTS)
    return pages


def resolve(site: Path, page: Path, href: str) -> str:
    """The site-relative URL that a link on `page` points to."""
    absolute = urljoin(SITE_URL + url_of(site, page), href)
    return urlsplit(absolute).path.lstrip("/")


def file_at(site: Path, url: str) -> Path:
    path = site / url
    return path / "index.html" if url == "" or url.endswith("/") else path


def language_switch(soup: BeautifulSoup):
    links = soup.select(".rhannu-language-switch a")
    assert len(links) == 1, f"expected one language link in the header, found {len(links)}"
    return links[0]


def test_site_has_exactly_the_sample_pages_in_both_languages(site: Path) -> None:
    assert len(PAGES) == 91  # with the facet page of 2021, the year the hackathon happened, the Reusing page, Privacy, Contact and api/v1/
    built = sorted(url_of(site, page) for page in html_pages(site))
    assert built == sorted(["404.html", "cy/404.html", *PAGES, *(welsh(url) for url in PAGES), *MOVED])
    assert len(english_pages(site)) == len(welsh_pages(site)) == 90  # all but the redirect


def test_every_page_has_its_twin_in_the_other_language(site: Path) -> None:
    english = {url_of(site, page) for page in english_pages(site)}
    assert {welsh(url) for url in english} == {url_of(site, page) for page in welsh_pages(site)}


@pytest.mark.parametrize(("prefix", "lang"), [("", "en-GB"), ("cy/", "cy")])
def test_html_lang_attribute(site: Path, prefix: str, lang: str) -> None:
    pages = english_pages(site) if lang == "en-GB" else welsh_pages(site)
    for page in pages:
        assert read_html(page).html["lang"] == lang, url_of(site, page)


def test_language_switch_leads_to_the_twin_and_back(site: Path) -> None:
    for page in content_pages(site):
        url = url_of(site, page)
        is_welsh = url.startswith("cy/")
        link = language_switch(read_html(page))
        expected = english(url) if is_welsh else welsh(url)
        assert resolve(site, page, link["href"]) == expected, url
        assert file_at(site, expected).exists()
        target_lang = "en-GB" if is_welsh else "cy"
        assert link["lang"] == target_lang and link["hreflang"] == target_lang
        assert link["rel"] == ["alternate"]
        visible = link.find("span", attrs={"aria-hidden": "true"}).get_text(strip=True)
        hidden = link.find("span", class_="rhannu-visually-hidden").get_text(strip=True)
        assert (visible, hidden) == (
            ("English", "Change the language to English")
            if is_welsh
            else ("Cymraeg", "Newid yr iaith i'r Gymraeg")
        )


def hreflang_alternates(soup: BeautifulSoup) -> dict[str, str]:
    return {
        link["hreflang"]: link["href"]
        for link in soup.select('head link[rel="alternate"][hreflang]')
    }


def test_hreflang_alternates_are_reciprocal_with_x_default(site: Path) -> None:
    for page in english_pages(site):
        url = url_of(site, page)
        english = hreflang_alternates(read_html(page))
        welsh_twin = hreflang_alternates(read_html(file_at(site, welsh(url))))
        assert english == welsh_twin == {
            "en-GB": SITE_URL + url,
            "cy": SITE_URL + welsh(url),
            "x-default": SITE_URL + url,
        }


def test_every_page_has_description_and_canonical_link(site: Path) -> None:
    for page in content_pages(site):
        soup = read_html(page)
        description = soup.select_one('meta[name="description"]')
        assert description and len(description["content"]) > 20, url_of(site, page)
        canonical = soup.select_one('link[rel="canonical"]')
        assert canonical["href"] == SITE_URL + url_of(site, page)


def test_site_name_and_footer_in_the_page_language(site: Path) -> None:
    welsh_name = "Safle enghreifftiol Rhannu"
    english_name = "Rhannu sample site"
    for page in welsh_pages(site):
        soup = read_html(page)
        assert soup.select_one(".md-header__topic .md-ellipsis").get_text(strip=True) == welsh_name
        assert soup.select_one(".md-copyright__highlight").get_text(strip=True) == welsh_name
        assert soup.select(".md-copyright .rhannu-reuse a")[-1].get_text() == "Ailddefnyddio ein cynnwys"
    for page in english_pages(site):
        soup = read_html(page)
        assert soup.select_one(".md-copyright__highlight").get_text(strip=True) == english_name
        assert soup.select(".md-copyright .rhannu-reuse a")[-1].get_text() == "Reusing our content"


def interface_text(soup: BeautifulSoup) -> str:
    """What a reader sees or hears on a page, except passages marked as English content."""
    soup = BeautifulSoup(str(soup), "html.parser")
    for element in soup.select('script, style, [lang="en-GB"]'):
        element.decompose()
    for element in soup.select("main .md-content"):
        element.decompose()  # content is checked against its twin, not the interface list
    attributes = [
        value
        for element in soup.find_all(True)
        for name in ("aria-label", "title", "placeholder", "alt")
        if (value := element.get(name))
    ]
    return " ".join([soup.get_text(" "), *attributes])


def test_no_english_interface_text_on_welsh_pages(site: Path) -> None:
    strings = english_interface_strings()
    patterns = {
        key: re.compile(r"(?<![\w'])" + re.escape(text) + r"(?![\w'])")
        for key, text in strings.items()
        if "#" not in text
    }
    for page in [*welsh_pages(site), site / "cy/404.html"]:
        text = interface_text(read_html(page))
        found = [strings[key] for key, pattern in patterns.items() if pattern.search(text)]
        assert found == [], f"{url_of(site, page)} shows English interface text: {found}"


def test_welsh_interface_strings_reach_the_search_script(site: Path) -> None:
    config = read_html(site / "cy/index.html").select_one("#__config").string
    assert "Teipiwch i ddechrau chwilio" in config
    assert "Type to start searching" not in config


def test_no_request_to_any_third_party(site: Path) -> None:
    for page in html_pages(site):
        soup = read_html(page)
        fetched = [
            *(tag.get("src") for tag in soup.select("script[src], img[src], iframe[src], source[src]")),
            *(tag.get("href") for tag in soup.select("link[href]") if tag.get("rel") != ["canonical"] and "alternate" not in tag.get("rel", [])),
        ]
        external = [url for url in fetched if urlsplit(url).netloc]
        assert external == [], f"{url_of(site, page)} fetches {external}"
    stylesheets = sorted(site.rglob("*.css"))
    assert site / "assets/stylesheets/rhannu.css" in stylesheets
    for stylesheet in stylesheets:
        assert "fonts.googleapis" not in stylesheet.read_text(encoding="utf-8")


@pytest.mark.parametrize(("path", "lang"), [("404.html", "en-GB"), ("cy/404.html", "cy")])
def test_each_languages_404_page_is_bilingual_welsh_first(site: Path, path: str, lang: str) -> None:
    soup = read_html(site / path)
    assert soup.html["lang"] == lang  # its header and search: the language's (tests/test_browser_not_found.py)
    sections = soup.select(".rhannu-not-found section")
    assert [section["lang"] for section in sections] == ["cy", "en-GB"]
    assert "Heb ddod o hyd i'r dudalen" in sections[0].get_text()
    assert "Page not found" in sections[1].get_text()
    # the host serves it at any depth, so its links must not be relative to the 404 page's folder
    links = soup.select("link[href], script[src]")
    assert len(links) >= 3  # the stylesheets and scripts
    for link in links:
        target = link.get("href") or link.get("src")
        assert target.startswith("/") or urlsplit(target).netloc, target


def test_sitemap_lists_every_page_with_its_alternates(site: Path) -> None:
    namespaces = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    urls = ElementTree.parse(site / "sitemap.xml").getroot().findall("s:url", namespaces)
    locations = {url.findtext("s:loc", namespaces=namespaces) for url in urls}
    assert locations == {SITE_URL + url_of(site, page) for page in content_pages(site)}
    for url in urls:
        alternates = {link.get("hreflang") for link in url.findall("x:link", namespaces)}
        assert alternates == {"en-GB", "cy", "x-default"}


def test_no_broken_internal_links(site: Path) -> None:
    checked, broken = internal_links(site)
    assert checked > 4000  # navigation, cards, facets, issues, images, assets and feeds on 173 pages
    assert broken == [], "\n".join(broken[:30])
