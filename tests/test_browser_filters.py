"""Filters people can share (issue 14), on the sample site: the case studies index keeps its
filters in the address (reload, bookmark, shared link, Back and Forward show the same list, and the
controls agree with it), its first card is on a phone's first screen, and no link or option leads
to a facet value without case studies, whose page says so and offers a way on."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.support.browser import AXE_OPTIONS, settle
from tests.support.sample_site import FACETS, welsh
from tests.support.sites import html_pages, internal_target, is_redirect, read_html, url_of

# The case studies index in each language. Welsh pages are moving to Welsh addresses (issue 14):
# this is the one place the tests name them.
CASE_STUDIES = {"en": "case-studies/", "cy": "cy/astudiaethau-achos/"}
LANGS = list(CASE_STUDIES)

TEXT = {
    "en": {
        "count": "{n} case studies",
        "one": "1 case study",
        "chosen": "Filtered by: {filters}",
        "programme": "Across the programme",
        "online": "Online learning event",
        "filter": "Filter case studies",
        "browse": "Browse by",
        "clear": "Clear filters",
        "all": "See all case studies",
        "none_yet": "There are no case studies here.",
        "no_match": "No case study matches these filters.",
        "other_psb": "Other PSBs with case studies",
        "other_theme": "Other themes with case studies",
    },
    "cy": {
        "count": "{n} astudiaeth achos",
        "one": "1 astudiaeth achos",
        "chosen": "Wedi'u hidlo yn ôl: {filters}",
        "programme": "Ar draws y rhaglen",
        "online": "Digwyddiad dysgu ar-lein",
        "filter": "Hidlo'r astudiaethau achos",
        "browse": "Pori yn ôl",
        "clear": "Clirio'r hidlwyr",
        "all": "Gweld pob astudiaeth achos",
        "none_yet": "Nid oes astudiaethau achos yma.",
        "no_match": "Nid oes astudiaeth achos yn cyfateb i'r hidlwyr hyn.",
        "other_psb": "BGCau eraill sydd ag astudiaethau achos",
        "other_theme": "Themâu eraill sydd ag astudiaethau achos",
    },
}
EMPTY_VALUES = {f"{facet}/{value}/" for facet, values in FACETS.items() for value, n in values.items() if not n}


def facet_href(lang: str, facet_value: str) -> str:
    """A facet value's page relative to the case studies' index in `lang` ('theme/x/'; in Welsh
    the facet's Welsh folder and the value's Welsh name: 'thema/enw/')."""
    english = f"case-studies/{facet_value}"
    return welsh(english).removeprefix(CASE_STUDIES["cy"]) if lang == "cy" else facet_value

PHONE = {"width": 375, "height": 667}


def open_index(tab, lang: str, query: str = "") -> None:
    tab.goto(CASE_STUDIES[lang] + query)
    tab.locator("#rhannu-filters").wait_for(state="visible")  # shown once the list is drawn from the address


def card_links(tab) -> list[str]:
    return tab.locator("#rhannu-card-list .rhannu-card__title a").evaluate_all("links => links.map(a => a.getAttribute('href'))")


def controls(tab) -> dict[str, str]:
    return {facet: tab.locator(f"#filter-{facet}").input_value() for facet in FACETS}


def chosen(**values: str) -> dict[str, str]:
    return {facet: values.get(facet, "") for facet in FACETS}


def expect_query(tab, query: str) -> None:
    """The address's query string is exactly `query` (waits for the history change to land)."""
    index = "|".join(re.escape(address.removeprefix("cy/")) for address in CASE_STUDIES.values())
    pattern = re.compile(f"({index})" + (r"\?" + re.escape(query) if query else "") + "$")
    expect(tab).to_have_url(pattern)


def count_text(lang: str, n: int) -> str:
    return TEXT[lang]["one"] if n == 1 else TEXT[lang]["count"].format(n=n)


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_an_address_with_filters_shows_them_and_a_reload_keeps_them(page, lang: str) -> None:
    """A bookmark: the address alone gives the list, the controls and the summary of the filters."""
    open_index(page, lang, "?psb=programme&approach=online-learning-event")
    for _ in range(2):  # as opened, then reloaded
        assert sorted(card_links(page)) == ["sample-online-events/", "sample-sharing-practice/"]
        assert controls(page) == chosen(psb="programme", approach="online-learning-event")
        assert page.locator(".rhannu-filter-status").inner_text() == count_text(lang, 2)
        filters = f"{TEXT[lang]['programme']}, {TEXT[lang]['online']}"
        assert page.locator(".rhannu-filter-chosen").inner_text() == TEXT[lang]["chosen"].format(filters=filters)
        assert page.locator(".rhannu-pagination").is_hidden(), "a filtered list is whole: the pages of the full list do not apply"
        expect_query(page, "psb=programme&approach=online-learning-event")
        page.reload()
        page.locator("#rhannu-filters").wait_for(state="visible")


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_values_the_form_does_not_offer_are_ignored(page, lang: str) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    # an unknown PSB, a PSB with no case studies, a year no case study has, an empty value, a parameter not ours
    open_index(page, lang, "?psb=nowhere&theme=sharing-practice&year=1999&approach=&ref=newsletter")
    assert controls(page) == chosen(theme="sharing-practice")
    assert sorted(card_links(page)) == ["sample-online-events/", "sample-sharing-practice/"]
    expect_query(page, "ref=newsletter&theme=sharing-practice")  # the address now says what is shown
    open_index(page, lang, "?psb=sample-west")
    assert controls(page) == chosen()
    assert len(card_links(page)) == 50 and page.locator(".rhannu-pagination").is_visible()  # page 1, as built
    assert errors == []


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_back_and_forward_keep_the_list_and_the_controls_agreeing(page, lang: str) -> None:
    open_index(page, lang)
    unfiltered = card_links(page)
    cards = page.locator("#rhannu-card-list .rhannu-card")
    assert len(unfiltered) == 50
    page.locator("#filter-theme").select_option("sharing-practice")
    expect_query(page, "theme=sharing-practice")
    # focus enters the filters anew: the next change is a step of its own (issue 21); select_option
    # alone moves no focus, so without this the change would replace the address
    page.locator("#filter-approach").focus()
    page.locator("#filter-approach").select_option("virtual-working")
    expect_query(page, "theme=sharing-practice&approach=virtual-working")
    assert card_links(page) == ["sample-online-events/"]

    page.go_back()
    expect_query(page, "theme=sharing-practice")
    expect(cards).to_have_count(2)
    assert controls(page) == chosen(theme="sharing-practice")
    assert page.locator(".rhannu-filter-status").inner_text() == count_text(lang, 2)
    page.go_back()
    expect_query(page, "")
    expect(cards).to_have_count(50)
    assert card_links(page) == unfiltered and controls(page) == chosen()
    assert page.locator(".rhannu-pagination").is_visible()
    page.go_forward()
    expect_query(page, "theme=sharing-practice")
    expect(cards).to_have_count(2)
    assert controls(page) == chosen(theme="sharing-practice")
    page.go_forward()
    expect_query(page, "theme=sharing-practice&approach=virtual-working")
    expect(cards).to_have_count(1)
    assert controls(page) == chosen(theme="sharing-practice", approach="virtual-working")

    # To a case study and Back: the browser restores the page, or its form values, and the list
    # and the controls must still agree with the address.
    page.locator("#rhannu-card-list .rhannu-card__title a").click()
    page.wait_for_url("**/sample-online-events/")
    page.go_back()
    expect_query(page, "theme=sharing-practice&approach=virtual-working")
    expect(cards).to_have_count(1)
    assert controls(page) == chosen(theme="sharing-practice", approach="virtual-working")
    # Back to the unfiltered list, to a case study and Back again: the Theme box chosen earlier
    # must not come back while every card shows (the fault the issue reported).
    page.go_back()
    page.go_back()
    expect_query(page, "")
    expect(cards).to_have_count(50)
    page.locator("#rhannu-card-list .rhannu-card__title a").first.click()
    page.wait_for_url("**/sample-hackathon/")
    page.go_back()
    expect_query(page, "")
    page.locator("#rhannu-filters").wait_for(state="visible")
    expect(cards).to_have_count(50)
    assert controls(page) == chosen()


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_a_shared_link_shows_the_same_list_to_someone_else(page, browser, site_url: str, lang: str) -> None:
    """Filters chosen by one reader, the address copied and opened by another, on a phone."""
    open_index(page, lang)
    page.locator("#filter-approach").select_option("engagement-activity")
    page.locator("#filter-year").select_option("2022")
    expect_query(page, "approach=engagement-activity&year=2022")
    shared, links = page.url, card_links(page)
    assert len(links) == 30
    page.locator("#filter-year").select_option("")
    assert len(card_links(page)) == 51, "a filtered list shows every match, beyond the first page of 50"

    context = browser.new_context(viewport=PHONE)
    try:
        other = context.new_page()
        other.goto(shared)
        other.locator("#rhannu-filters").wait_for(state="visible")
        assert card_links(other) == links
        assert controls(other) == chosen(approach="engagement-activity", year="2022")
        summary = other.locator(".rhannu-filter-chosen")
        assert summary.is_visible(), "on a phone the filters are folded away, and their summary says what is chosen"
        assert summary.inner_text().startswith(TEXT[lang]["chosen"].split("{")[0])
        assert other.locator(".rhannu-filter-status").inner_text() == count_text(lang, 30)
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("javascript", "query"), [(True, ""), (True, "?psb=programme&approach=online-learning-event"), (False, "")])
def test_the_first_card_is_on_a_phones_first_screen(browser, site_url: str, lang: str, javascript: bool, query: str) -> None:
    context = browser.new_context(base_url=site_url, viewport=PHONE, java_script_enabled=javascript)
    try:
        tab = context.new_page()
        tab.goto(CASE_STUDIES[lang] + query)
        if javascript:
            tab.locator("#rhannu-filters").wait_for(state="visible")
        title = tab.locator("#rhannu-card-list .rhannu-card__title").first.bounding_box()
        assert title is not None
        assert title["y"] + title["height"] <= PHONE["height"], f"the first card's title ends at {title['y'] + title['height']:.0f}px"
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_the_folded_filters_and_browse_by_work_from_the_keyboard(browser, site_url: str, lang: str) -> None:
    context = browser.new_context(base_url=site_url, viewport=PHONE)
    try:
        tab = context.new_page()
        open_index(tab, lang)
        assert tab.locator("#filter-psb").is_hidden(), "folded on a phone"
        for _ in range(30):
            tab.keyboard.press("Tab")
            if tab.evaluate("document.activeElement.tagName") == "SUMMARY":
                break
        else:
            pytest.fail("the filters' summary was not reached within 30 presses of Tab")
        assert tab.evaluate("document.activeElement.textContent") == TEXT[lang]["filter"]
        tab.keyboard.press("Enter")
        tab.keyboard.press("Tab")
        assert tab.evaluate("document.activeElement.id") == "filter-psb"
        tab.locator("#filter-psb").select_option("programme")
        expect_query(tab, "psb=programme")
        clear = tab.get_by_role("button", name=TEXT[lang]["clear"])
        clear.focus()
        tab.keyboard.press("Enter")
        expect_query(tab, "")
        assert controls(tab) == chosen() and len(card_links(tab)) == 50
        assert tab.evaluate("document.activeElement.id") == "filter-psb", "focus stays in the form, not on the hidden button"
        assert tab.locator(".rhannu-filter-status").inner_text() == count_text(lang, 54)

        tab.get_by_text(TEXT[lang]["browse"], exact=True).focus()
        tab.keyboard.press("Enter")
        links = tab.locator(".rhannu-facets a")
        expect(links.first).to_be_visible()
        hrefs = links.evaluate_all("links => links.map(a => a.getAttribute('href'))")
        assert set(hrefs) == {facet_href(lang, f"{facet}/{value}/") for facet, values in FACETS.items() for value, n in values.items() if n}
        settle(tab)
        results = Axe().run(tab, options=AXE_OPTIONS)
        assert results.response["violations"] == []
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_the_form_offers_no_value_that_shows_nothing(page, lang: str) -> None:
    open_index(page, lang)
    offered = {
        facet: page.locator(f"#filter-{facet} option").evaluate_all("options => options.map(o => o.value).filter(Boolean)")
        for facet in FACETS
    }
    assert offered == {facet: [value for value, n in values.items() if n] for facet, values in FACETS.items()}
    assert page.locator("#rhannu-filters option:disabled").count() == 0
    page.locator("#filter-psb").select_option("programme")
    disabled = page.locator("#rhannu-filters option:disabled").evaluate_all("options => options.map(o => o.closest('select').name + '=' + o.value)")
    assert sorted(disabled) == ["approach=engagement-activity", "approach=hackathon", "theme=well-being-assessments", "year=2021", "year=2023"]
    cards = page.locator("#rhannu-card-list .rhannu-card")
    for facet in ("theme", "approach", "year"):
        for value in page.locator(f"#filter-{facet} option:enabled").evaluate_all("options => options.map(o => o.value).filter(Boolean)"):
            page.locator(f"#filter-{facet}").select_option(value)
            assert cards.count() > 0, f"psb=programme&{facet}={value}"
            page.locator(f"#filter-{facet}").select_option("")
    # only an address can ask for a combination that has nothing: the list says so
    open_index(page, lang, "?psb=programme&year=2021")
    assert cards.count() == 0
    assert page.locator("#rhannu-card-list .rhannu-empty").inner_text() == TEXT[lang]["no_match"]
    assert page.locator(".rhannu-filter-status").inner_text() == TEXT[lang]["count"].format(n=0)
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.response["violations"] == []


def test_no_link_on_the_site_leads_to_a_facet_value_without_case_studies(site: Path) -> None:
    assert {"psb/sample-west/", "theme/consultation-fatigue/"} == EMPTY_VALUES
    empty_pages = {site / index / facet_href(lang, value) / "index.html" for lang, index in CASE_STUDIES.items() for value in EMPTY_VALUES}
    assert all(page.is_file() for page in empty_pages), "the page stays at its address"
    facet_page = re.compile(r"(case-studies|astudiaethau-achos)/(psb|theme|approach|year|bgc|thema|dull|blwyddyn)/[^/]+/index\.html$")
    linked: set[Path] = set()
    for page in html_pages(site):
        if page in empty_pages or is_redirect(page):
            continue  # an empty page's language switch leads to its twin, as empty: the reader is already there
        for link in read_html(page).select("a[href]"):
            target = internal_target(site, page, link["href"])
            if target is not None and facet_page.search(target.as_posix()):
                linked.add(target)
    assert {url_of(site, target).startswith("cy/") for target in linked} == {False, True}, "both languages link to facets"
    dead = sorted(url_of(site, target) for target in linked if not read_html(target).select(".rhannu-card"))
    assert dead == []


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("path", "others"), [
    ("psb/sample-west/", {"sample-north/": "(51)", "sample-south/": "(1)", "programme/": "(2)"}),
    ("theme/consultation-fatigue/", {"well-being-assessments/": "(52)", "sharing-practice/": "(2)", "digital-engagement/": "(1)"}),
])
def test_an_empty_facet_page_says_so_and_offers_a_way_on(page, lang: str, path: str, others: dict[str, str]) -> None:
    facet = path.split("/")[0]
    page.goto(CASE_STUDIES[lang] + facet_href(lang, path))
    assert page.locator("#rhannu-card-list .rhannu-empty").inner_text() == TEXT[lang]["none_yet"]
    way_on = page.locator(".rhannu-way-on")
    assert way_on.get_by_role("heading", name=TEXT[lang][f"other_{facet}"]).is_visible()
    shown = {
        urljoin(page.url, link.get_attribute("href")): link.locator("xpath=..").locator(".rhannu-count").inner_text()
        for link in way_on.locator("ul a").all()
    }
    base = urljoin(page.url, "../../")
    assert shown == {urljoin(base, facet_href(lang, f"{facet}/{value}")): number for value, number in others.items()}
    way_on.get_by_role("link", name=TEXT[lang]["all"]).click()
    page.wait_for_url(re.compile(re.escape(CASE_STUDIES[lang]) + "$"))
    assert len(card_links(page)) == 50
