"""PSB officers' journeys (issue 21), in the built sample site and in the functions that make them:
a long page's contents at its top, the menu marking the section of a page it does not list, a
section's name leading to its first page, facet pages joined to the filtered list, links from
docs pages to the pages they name, and print addresses for the article's text only."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
from mkdocs.structure.toc import AnchorLink, TableOfContents

from rhannu import material_theme, page_toc
from rhannu.labels import ENGLISH, WELSH
from rhannu.printing import with_addresses
from tests.support.sample_site import welsh
from tests.support.sites import FIXTURE_URL, build, copy_fixture, read_html

LABELS = {"en": ENGLISH, "cy": WELSH}
# Where each language's pages live in the sample site; the move to Welsh addresses changes only this.
SECTIONS = {
    "en": {"case-studies": "case-studies/", "lessons": "lessons/", "newsletters": "newsletters/", "home": ""},
    "cy": {"case-studies": "cy/astudiaethau-achos/", "lessons": "cy/gwersi/", "newsletters": "cy/cylchlythyrau/", "home": "cy/"},
}
NAV_NAMES = {
    "en": {"case-studies": "Case studies", "lessons": "Lessons learnt", "newsletters": "Newsletters"},
    "cy": {"case-studies": "Astudiaethau achos", "lessons": "Gwersi a ddysgwyd", "newsletters": "Cylchlythyrau"},
}
LANGS = ("en", "cy")


def at(lang: str, section: str, rest: str = "") -> str:
    """A page's address in `lang`: Welsh facet folders and values included ('thema/rhannu-arfer/')."""
    english_url = SECTIONS["en"][section] + rest
    return english_url if lang == "en" else welsh(english_url)


def soup(site: Path, address: str):
    return read_html(site / address / "index.html")


def primary_nav(page):
    return page.select_one("nav.md-nav--primary")


# --- The contents list at the top of a long page --------------------------------------------------


def _toc(*titles: str) -> TableOfContents:
    return TableOfContents([AnchorLink(title, f"s{number}", 2) for number, title in enumerate(titles)])


def test_a_page_with_fewer_than_three_sections_has_no_contents_list() -> None:
    assert page_toc.contents_list(_toc("One", "Two"), "On this page") == ""


def test_a_long_page_lists_its_sections_in_a_named_nav() -> None:
    html = page_toc.contents_list(_toc("One", "Two &amp; more", "Cite this page"), 'On <this> "page"')
    listed = read_html_text(html)
    nav = listed.select_one("nav.rhannu-contents")
    assert nav is not None and nav.has_attr("data-search-exclude")
    title = listed.select_one(f"#{nav['aria-labelledby']}")
    assert title.get_text() == 'On <this> "page"'  # the name is text, escaped
    assert [(a["href"], a.get_text()) for a in nav.select("li a")] == [
        ("#s0", "One"),
        ("#s1", "Two & more"),
        ("#s2", "Cite this page"),
    ]


def test_the_contents_list_goes_just_after_the_title() -> None:
    assert page_toc.after_title("<h1>T</h1><p>x</p>", "<nav></nav>") == "<h1>T</h1><nav></nav><p>x</p>"
    assert page_toc.after_title("<p>no title</p>", "<nav></nav>") == "<p>no title</p>"


def read_html_text(html: str):
    from bs4 import BeautifulSoup

    return BeautifulSoup(html, "html.parser")


@pytest.mark.parametrize("lang", LANGS)
def test_built_case_studies_lessons_and_issues_carry_their_contents_in_their_language(site: Path, lang: str) -> None:
    for address in (at(lang, "case-studies", "sample-hackathon/"), at(lang, "newsletters", "2022-03-14/")):
        page = soup(site, address)
        nav = page.select_one("article nav.rhannu-contents")
        assert nav is not None, address
        assert page.select_one(f"#{nav['aria-labelledby']}").get_text() == LABELS[lang]["on_this_page"]
        targets = [a["href"] for a in nav.select("a")]
        assert len(targets) >= page_toc.LONG_PAGE
        assert all(page.select_one(f"article [id='{target[1:]}']") is not None for target in targets), address
        # right after the title, and listing every H2 of the article (generated ones too)
        assert nav.find_previous_sibling("h1") is not None
        assert targets == [f"#{h2['id']}" for h2 in page.select("article h2[id]")]
    assert "#cite-heading" in [
        a["href"] for a in soup(site, at(lang, "case-studies", "sample-hackathon/")).select(".rhannu-contents a")
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_short_pages_and_the_home_page_have_no_contents_list(site: Path, lang: str) -> None:
    assert soup(site, at(lang, "home")).select(".rhannu-contents") == []
    about = soup(site, "about/" if lang == "en" else welsh("about/"))
    assert len(about.select("article h2")) < page_toc.LONG_PAGE
    assert about.select(".rhannu-contents") == []


def test_search_does_not_index_the_contents_list(site: Path) -> None:
    for index in ("search/search_index.json", "cy/search/search_index.json"):
        text = (site / index).read_text(encoding="utf-8")
        assert ENGLISH["on_this_page"] not in text and WELSH["on_this_page"] not in text


# --- The menu -------------------------------------------------------------------------------------


def _page(url: str, *, home: bool = False):
    return SimpleNamespace(url=url, is_homepage=home)


def test_the_section_of_an_unlisted_page_is_the_listed_page_whose_address_holds_it() -> None:
    home, welsh_home, studies, lessons = _page("", home=True), _page("cy/"), _page("case-studies/"), _page("lessons/")
    welsh_studies = _page("cy/astudiaethau-achos/")
    nav = SimpleNamespace(pages=[home, welsh_home, studies, lessons, welsh_studies])
    assert material_theme.section_page(nav, _page("case-studies/x/")) is studies
    assert material_theme.section_page(nav, _page("case-studies/theme/y/")) is studies
    assert material_theme.section_page(nav, _page("cy/astudiaethau-achos/x/")) is welsh_studies
    assert material_theme.section_page(nav, _page("privacy/")) is None  # only a home page holds it
    assert material_theme.section_page(nav, studies) is None  # a listed page is its own


def test_marking_the_section_changes_the_menu_link_only() -> None:
    html = (
        '<nav class="md-nav--primary"><a href="../" class="md-nav__link">Case studies</a></nav>'
        '<nav class="rhannu-breadcrumbs"><a href="../">Case studies</a></nav>'
    )
    marked = material_theme.with_section_marked(html, "case-studies/", "case-studies/x/")
    assert marked.count('aria-current="true"') == 1
    assert '<a href="../" class="md-nav__link md-nav__link--active" aria-current="true">' in marked
    assert '<nav class="rhannu-breadcrumbs"><a href="../">' in marked


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    ("section", "rest"),
    [
        ("case-studies", "sample-hackathon/"),
        ("case-studies", "theme/sharing-practice/"),
        ("lessons", "sample-skills/"),
        ("newsletters", "2022-03-14/"),
    ],
)
def test_the_menu_marks_the_section_of_the_page_being_read(site: Path, lang: str, section: str, rest: str) -> None:
    nav = primary_nav(soup(site, at(lang, section, rest)))
    current = nav.select('a[aria-current="true"]')
    assert [" ".join(a.get_text().split()) for a in current] == [NAV_NAMES[lang][section]]
    assert "md-nav__link--active" in current[0]["class"]
    assert current[0].find_parent("li", class_="md-nav__item--active") is not None


@pytest.mark.parametrize("lang", LANGS)
def test_listed_pages_mark_nothing_more(site: Path, lang: str) -> None:
    for address in (at(lang, "case-studies"), "subscribe/" if lang == "en" else "cy/subscribe/"):
        assert primary_nav(soup(site, address)).select('[aria-current="true"]') == [], address


@pytest.mark.parametrize("lang", LANGS)
def test_no_menu_section_repeats_its_name_below_it(site: Path, lang: str) -> None:
    for address in (at(lang, "home"), at(lang, "newsletters"), "subscribe/" if lang == "en" else "cy/subscribe/"):
        nav = primary_nav(soup(site, address))
        sections = nav.select("li.md-nav__item--nested")
        assert sections, "the sample site's menu has a section (Newsletters)"
        for section in sections:
            name = " ".join(section.select_one(".md-nav__link .md-ellipsis").get_text().split())
            below = [" ".join(a.get_text().split()) for a in section.select("ul.md-nav__list > li > a.md-nav__link")]
            assert name not in below, (address, name, below)
            # the section's name itself leads to its first page
            assert section.select_one(".md-nav__container > a.md-nav__link") is not None, (address, name)


def test_naming_sections_by_their_first_page_keeps_that_page_s_address() -> None:
    file = SimpleNamespace(name="about", dest_uri="about/index.html", url="about/")
    first = SimpleNamespace(is_page=True, file=file, children=None)
    section = SimpleNamespace(is_section=True, is_page=False, children=[first, SimpleNamespace(is_page=True, children=None)])
    material_theme.name_sections_by_first_page([section])
    assert (file.name, file.dest_uri, file.url) == ("index", "about/index.html", "about/")


# --- Facet pages --------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    ("facet", "value"), [("theme", "sharing-practice"), ("psb", "sample-north"), ("approach", "virtual-working")]
)
def test_facet_pages_lead_back_and_into_the_filtered_list(site: Path, lang: str, facet: str, value: str) -> None:
    address = at(lang, "case-studies", f"{facet}/{value}/")
    page = soup(site, address)
    crumbs = page.select("nav.rhannu-breadcrumbs li")
    assert [" ".join(li.get_text().split()) for li in crumbs[:2]] == [LABELS[lang]["home"], LABELS[lang]["case_studies"]]
    assert crumbs[-1]["aria-current"] == "page" and crumbs[-1].get_text() == page.select_one("h1").get_text()
    link = page.select_one(".rhannu-filter-all a")
    target = urljoin(f"https://x/{address}", link["href"])
    assert urlsplit(target).path == f"/{at(lang, 'case-studies')}"
    assert parse_qs(urlsplit(target).query) == {facet: [value]}  # the vocabulary key, in both languages
    index = soup(site, at(lang, "case-studies"))
    assert index.select_one(f"#filter-{facet} option[value='{value}']") is not None
    assert value not in link.get_text()  # the reader sees the value's name, not its key
    assert link.get_text().startswith(LABELS[lang]["filter_all_case_studies"].split("{")[0])


# --- Print --------------------------------------------------------------------------------------


def test_print_addresses_are_for_the_article_s_text_only() -> None:
    page = (
        '<article class="md-content__inner md-typeset">'
        '<nav class="rhannu-breadcrumbs"><a href="../">Case studies</a></nav>'
        '<dl class="rhannu-meta"><dd><a href="../theme/t/">T</a></dd></dl>'
        '<p><a href="../../lessons/l/">A lesson</a></p>'
        '<nav class="rhannu-pager"><a href="../y/">Next</a></nav>'
        "</article>"
    )
    html = with_addresses(page, "https://site.example.org/case-studies/x/", "Address:")
    assert html.count("data-rhannu-href") == 1
    assert '<a href="../../lessons/l/" data-rhannu-href="https://site.example.org/lessons/l/">A lesson</a>' in html
    assert html.count("https://site.example.org/case-studies/x/") == 1  # the print-only line


def test_a_page_that_shows_its_address_does_not_print_it_again() -> None:
    own = "https://site.example.org/case-studies/x/"
    page = f'<article class="md-content__inner md-typeset"><p>Available at: <a href="{own}">{own}</a></p></article>'
    html = with_addresses(page, own, "Address:")
    assert "rhannu-print-address" not in html and "data-rhannu-href" not in html
    assert html.count(own) == 2  # the link's href and its text: shown once


@pytest.mark.parametrize("lang", LANGS)
def test_a_built_case_study_prints_no_addresses_of_its_ways_round(site: Path, lang: str) -> None:
    page = soup(site, at(lang, "case-studies", "sample-hackathon/"))
    article = page.select_one("article")
    for way_round in article.select("nav, dl.rhannu-meta"):
        assert way_round.select("[data-rhannu-href]") == []
    assert article.select("a[data-rhannu-href]"), "a link in the text still gives its address"
    own = FIXTURE_URL + at(lang, "case-studies", "sample-hackathon/")
    shown = [a for a in article.select("a") if a.get_text() == own] + article.select(".rhannu-print-address")
    assert len(shown) == 1


# --- Search results' box --------------------------------------------------------------------------


def test_the_search_results_box_is_no_focus_stop_of_its_own(site: Path) -> None:
    for address in ("", "cy/", at("en", "case-studies", "sample-hackathon/")):
        box = soup(site, address.rstrip("/") or ".").select_one(".md-search__scrollwrap")
        assert box is not None and not box.has_attr("tabindex"), address


# --- Links from docs pages to the pages they name -------------------------------------------------


def test_docs_pages_link_generated_pages_in_each_language_and_a_missing_one_stops_the_build(tmp_path: Path) -> None:
    project = copy_fixture(tmp_path / "project")
    for name, text in (
        ("about.md", "[North](case-studies/psb/sample-north.md)"),
        ("about.cy.md", "[Gogledd](case-studies/psb/sample-north.md)"),
    ):
        path = project / "docs" / name
        path.write_text(path.read_text(encoding="utf-8") + f"\n{text}\n", encoding="utf-8")
    built = build(project, tmp_path / "site")
    assert built.returncode == 0, built.log
    for address, lang in (("about/", "en"), (welsh("about/"), "cy")):
        links = read_html(built.site / address / "index.html").select("article a")
        hrefs = [urljoin(f"https://x/{address}", a["href"]) for a in links if a.get_text() in ("North", "Gogledd")]
        assert hrefs == [f"https://x/{at(lang, 'case-studies', 'psb/sample-north/')}"]
    path = project / "docs" / "about.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n[Nowhere](case-studies/psb/no-such-psb.md)\n", encoding="utf-8")
    refused = build(project, tmp_path / "site2")
    assert refused.returncode != 0 and "no-such-psb" in refused.log


def test_a_menu_without_the_section_s_link_is_a_theme_change_reported_loudly() -> None:
    with pytest.raises(material_theme.ThemeError, match="case-studies/"):
        material_theme.with_section_marked(
            '<nav class="md-nav md-nav--primary"><a href="../" class="md-nav-link">x</a></nav>',
            "case-studies/",
            "case-studies/x/",
        )
    without_menu = "<article><p>x</p></article>"  # a page that hides the menu
    assert material_theme.with_section_marked(without_menu, "case-studies/", "case-studies/x/") == without_menu
