"""PSB officers' journeys (issue 21) in Chromium, at 375 px and 1280 px, in both languages: a long
page's contents reachable on a phone, one count on a filtered list (in print too), filters carried
across the language switch, one Back step per visit to the filters by keyboard, no hidden focus stop
in search, the menu marking the section being read, facet pages leading into the filtered list, a
print without the addresses of ways round the site; axe at zero in both colour schemes."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from rhannu.labels import ENGLISH, WELSH
from tests.support.browser import AXE_OPTIONS, settle
from tests.support.sample_site import FACETS, welsh
from tests.support.sites import FIXTURE_URL

pytestmark = pytest.mark.browser

LABELS = {"en": ENGLISH, "cy": WELSH}
LANGS = ("en", "cy")
# Where each language's pages live in the sample site; the move to Welsh addresses changes only this.
SECTIONS = {
    "en": {"case-studies": "case-studies/", "lessons": "lessons/", "newsletters": "newsletters/"},
    "cy": {"case-studies": "cy/astudiaethau-achos/", "lessons": "cy/gwersi/", "newsletters": "cy/cylchlythyrau/"},
}
NAV_NAMES = {
    "en": {"case-studies": "Case studies", "lessons": "Lessons learnt", "newsletters": "Newsletters"},
    "cy": {"case-studies": "Astudiaethau achos", "lessons": "Gwersi a ddysgwyd", "newsletters": "Cylchlythyrau"},
}
PHONE = {"width": 375, "height": 667}
DESKTOP = {"width": 1280, "height": 900}
SIZES = {"375": PHONE, "1280": DESKTOP}
THEME = "sharing-practice"  # a theme with 2 case studies in the sample site


def at(lang: str, section: str, rest: str = "") -> str:
    """A page's address in `lang`: Welsh facet folders and values included ('thema/rhannu-arfer/')."""
    english_url = SECTIONS["en"][section] + rest
    return english_url if lang == "en" else welsh(english_url)


def count_text(lang: str, n: int) -> str:
    return LABELS[lang]["count_one"] if n == 1 else LABELS[lang]["count_other"].format(n=n)


@pytest.fixture
def tab_at(open_tab):
    """A tab at a width (and a colour scheme), closed after the test, asking for nothing off the site."""
    return lambda size, scheme="light": open_tab(SIZES[size], scheme)


def violations(tab) -> list[str]:
    settle(tab)
    results = Axe().run(tab, options=AXE_OPTIONS)
    return [f"{item['id']}: {[node['target'] for node in item['nodes']]}" for item in results.response["violations"]]


def open_index(tab, lang: str, query: str = "") -> None:
    tab.goto(at(lang, "case-studies") + query)
    tab.locator("#rhannu-filters").wait_for(state="visible")


def show_filters(tab) -> None:
    """Unfold the filters where they start folded (a phone), as a reader would."""
    if not tab.locator("#rhannu-filters details").evaluate("details => details.open"):
        tab.locator("#rhannu-filters summary").click()


def choose(tab, facet: str, value: str) -> None:
    show_filters(tab)
    tab.locator(f"#filter-{facet}").focus()
    tab.locator(f"#filter-{facet}").select_option(value)


def expect_query(tab, query: str) -> None:
    expect(tab).to_have_url(re.compile(r"/" + (r"\?" + re.escape(query) if query else "") + "$"))


# --- Accessibility of every page type changed, both schemes ------------------------------------------

PAGES = [
    ("case-studies", "sample-hackathon/"),  # the contents list, the menu's section
    ("case-studies", f"theme/{THEME}/"),  # breadcrumbs, the link into the filters
    ("case-studies", f"?theme={THEME}"),  # one count
    ("lessons", "sample-skills/"),
    ("newsletters", "2022-03-14/"),  # a section whose name leads to its first page
]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", LANGS)
def test_no_accessibility_violations_on_the_pages_changed(tab_at, lang: str, size: str, scheme: str) -> None:
    tab = tab_at(size, scheme)
    for section, rest in PAGES:
        tab.goto(at(lang, section, rest))
        if scheme == "dark":
            tab.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
        if rest.startswith("?"):
            tab.locator("#rhannu-filters").wait_for(state="visible")
        assert violations(tab) == [], (section, rest)


# --- On this page, on a phone ---------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_a_phone_reaches_every_section_of_a_case_study_including_cite(tab_at, lang: str) -> None:
    tab = tab_at("375")
    tab.goto(at(lang, "case-studies", "sample-hackathon/"))
    contents = tab.get_by_role("navigation", name=LABELS[lang]["on_this_page"], exact=True)
    expect(contents).to_be_visible()
    cite = contents.get_by_role("link", name=LABELS[lang]["cite_heading"], exact=True)
    cite.focus()
    tab.keyboard.press("Enter")
    expect(tab).to_have_url(re.compile("#cite-heading$"))
    expect(tab.locator("#cite-heading")).to_be_in_viewport()


@pytest.mark.parametrize("lang", LANGS)
def test_a_wide_screen_keeps_material_s_sidebar_contents_only(tab_at, lang: str) -> None:
    tab = tab_at("1280")
    tab.goto(at(lang, "case-studies", "sample-hackathon/"))
    expect(tab.locator(".rhannu-contents")).to_be_hidden()
    expect(tab.locator(".md-sidebar--secondary a[href='#cite-heading']")).to_be_visible()


# --- One count ----------------------------------------------------------------------------------

SHOWN_COUNTS = """() => [...document.querySelectorAll('.rhannu-total, .rhannu-filter-status')]
  .filter(element => element.checkVisibility() && element.innerText.trim()).map(element => element.innerText.trim())"""


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", LANGS)
def test_a_filtered_list_shows_one_count_on_screen_and_in_print(tab_at, lang: str, size: str) -> None:
    tab = tab_at(size)
    open_index(tab, lang)
    total = count_text(lang, 54)
    assert tab.evaluate(SHOWN_COUNTS) == [total]
    choose(tab, "theme", THEME)
    assert tab.evaluate(SHOWN_COUNTS) == [count_text(lang, FACETS["theme"][THEME])]
    tab.emulate_media(media="print")
    assert tab.evaluate(SHOWN_COUNTS) == [count_text(lang, FACETS["theme"][THEME])]
    tab.emulate_media(media="screen")
    choose(tab, "theme", "")
    assert tab.evaluate(SHOWN_COUNTS) == [total]  # cleared: the status says the whole count, once
    assert tab.locator(".rhannu-filter-status").inner_text() == total


# --- Filters across languages ---------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(("first", "other"), [("en", "cy"), ("cy", "en")])
def test_the_language_switch_keeps_the_filters(tab_at, size: str, first: str, other: str) -> None:
    tab = tab_at(size)
    open_index(tab, first)
    choose(tab, "theme", THEME)
    switch = tab.locator(".rhannu-language-switch__link")
    expect(switch).to_have_attribute("href", re.compile(rf"\?theme={THEME}$"))
    switch.click()
    tab.wait_for_url(re.compile(re.escape(at(other, "case-studies")) + rf"\?theme={THEME}$"))
    tab.locator("#rhannu-filters").wait_for(state="visible")
    assert tab.locator("#filter-theme").input_value() == THEME  # the key, the same in both languages
    expect(tab.locator("#rhannu-card-list .rhannu-card")).to_have_count(FACETS["theme"][THEME])
    # and back again, still filtered
    tab.locator(".rhannu-language-switch__link").click()
    tab.wait_for_url(re.compile(re.escape(at(first, "case-studies")) + rf"\?theme={THEME}$"))
    tab.locator("#rhannu-filters").wait_for(state="visible")
    assert tab.locator("#filter-theme").input_value() == THEME


@pytest.mark.parametrize("lang", LANGS)
def test_the_language_switch_of_an_unfiltered_list_carries_no_query(tab_at, lang: str) -> None:
    tab = tab_at("1280")
    open_index(tab, lang, f"?theme={THEME}")
    choose(tab, "theme", "")
    href = tab.locator(".rhannu-language-switch__link").get_attribute("href")
    assert "?" not in href


# --- Keyboard -----------------------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", LANGS)
def test_arrow_keys_on_a_filter_make_one_back_step(tab_at, lang: str, size: str) -> None:
    tab = tab_at(size)
    open_index(tab, lang)
    show_filters(tab)  # folded on a phone
    length = tab.evaluate("history.length")
    select = tab.locator("#filter-theme")
    select.focus()
    for _ in range(3):
        tab.keyboard.press("ArrowDown")
    values = select.evaluate("s => [...s.options].filter(o => o.value).map(o => o.value)")
    chosen = select.input_value()
    assert chosen == values[2], "three presses chose the third theme"
    expect_query(tab, f"theme={chosen}")
    assert tab.evaluate("history.length") == length + 1
    # a reload and a shared address keep it
    tab.reload()
    tab.locator("#rhannu-filters").wait_for(state="visible")
    assert tab.locator("#filter-theme").input_value() == chosen
    # one Back leaves the filters
    tab.go_back()
    expect_query(tab, "")
    assert tab.locator("#filter-theme").input_value() == ""
    # leaving and coming back to the filters makes a step again
    tab.go_forward()
    expect_query(tab, f"theme={chosen}")
    show_filters(tab)
    select.focus()
    tab.keyboard.press("ArrowUp")
    tab.keyboard.press("ArrowUp")
    assert parse_qs(urlsplit(tab.url).query) == {"theme": [values[0]]}
    assert tab.evaluate("history.length") == length + 2  # one new step, past the one Forward led to
    tab.go_back()
    expect_query(tab, f"theme={chosen}")


@pytest.mark.parametrize("size", SIZES)
def test_tab_never_stops_on_the_hidden_search_results(tab_at, size: str) -> None:
    tab = tab_at(size)
    tab.goto(at("en", "case-studies", "sample-hackathon/"))
    stops = []
    for _ in range(60):
        tab.keyboard.press("Tab")
        stops.append(
            tab.evaluate(
                "() => document.activeElement.closest('.md-search__output') ? 'results' : document.activeElement.closest('article') ? 'article' : 'other'"
            )
        )
    assert "results" not in stops, f"Tab stopped in the closed search's results box at press {stops.index('results') + 1}"
    assert "article" in stops, "Tab went on into the page"


@pytest.mark.parametrize("size", SIZES)
def test_search_results_stay_reachable_by_keyboard(tab_at, size: str) -> None:
    tab = tab_at(size)
    tab.goto("about/")
    if size == "375":
        tab.locator("label.md-header__button[for='__search']").click()
    box = tab.locator("input.md-search__input")
    box.click()
    box.press_sequentially("sample")
    expect(tab.locator(".md-search-result__meta")).to_have_text(re.compile(r"\d"))  # the whole query's results
    expect(tab.locator(".md-search-result__item .md-search-result__link").first).to_be_visible()
    assert violations(tab) == []
    box.focus()  # the arrow keys act from the search box, wherever the audit left focus
    tab.keyboard.press("ArrowDown")  # Material's way to the results
    expect(tab.locator(".md-search-result__link:focus")).to_have_count(1)
    # with results, their box is a focus stop again (to scroll a long list from the keyboard)
    assert tab.locator(".md-search__scrollwrap").get_attribute("tabindex") == "0"
    assert violations(tab) == [], "the result reached is drawn with enough contrast"
    box.focus()
    box.fill("")
    box.press("Backspace")
    expect(tab.locator(".md-search-result__list > *")).to_have_count(0)
    assert tab.locator(".md-search__scrollwrap").get_attribute("tabindex") is None


# --- The menu -----------------------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    ("section", "rest"), [("case-studies", "sample-online-events/"), ("lessons", "sample-time/"), ("newsletters", "2022-04-11/")]
)
def test_the_menu_marks_the_section_being_read(tab_at, lang: str, size: str, section: str, rest: str) -> None:
    tab = tab_at(size)
    tab.goto(at(lang, section, rest))
    if size == "375":
        tab.locator("label.md-header__button[for='__drawer']").click()
    current = tab.locator("nav.md-nav--primary a[aria-current='true']")
    expect(current).to_have_count(1)
    expect(current).to_be_visible()
    expect(current).to_have_text(NAV_NAMES[lang][section])
    colour = current.evaluate("a => getComputedStyle(a).color")
    other = tab.locator("nav.md-nav--primary a.md-nav__link:not([aria-current])").first.evaluate("a => getComputedStyle(a).color")
    assert colour != other, "the section's link looks like the others"


# --- Facet pages ------------------------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", LANGS)
def test_a_facet_page_leads_back_and_into_the_same_list_filtered(tab_at, lang: str, size: str) -> None:
    tab = tab_at(size)
    tab.goto(at(lang, "case-studies", f"theme/{THEME}/"))
    facet_cards = tab.locator("#rhannu-card-list .rhannu-card__title a").evaluate_all("links => links.map(a => a.href)")
    crumbs = tab.get_by_role("navigation", name=LABELS[lang]["breadcrumb"])
    expect(crumbs.get_by_role("link", name=LABELS[lang]["case_studies"], exact=True)).to_be_visible()
    link = tab.locator(".rhannu-filter-all a")
    link.focus()
    tab.keyboard.press("Enter")
    tab.wait_for_url(re.compile(re.escape(at(lang, "case-studies")) + rf"\?theme={THEME}$"))
    tab.locator("#rhannu-filters").wait_for(state="visible")
    assert tab.locator("#filter-theme").input_value() == THEME
    listed = tab.locator("#rhannu-card-list .rhannu-card__title a").evaluate_all("links => links.map(a => a.href)")
    assert listed == facet_cards, "the same cards, in the same order"


# --- Print --------------------------------------------------------------------------------------

PRINTED = """() => {
  const article = document.querySelector('article');
  const addresses = [...article.querySelectorAll('a')].filter(a => a.checkVisibility())
    .map(a => getComputedStyle(a, '::after').content).filter(c => c && c !== 'none' && c !== 'normal');
  const ways = [...article.querySelectorAll('nav, .rhannu-meta')].filter(e => e.checkVisibility())
    .flatMap(e => [...e.querySelectorAll('a')]).map(a => getComputedStyle(a, '::after').content)
    .filter(c => c && c !== 'none' && c !== 'normal');
  return {text: article.innerText + '\\n' + addresses.join('\\n'), addresses, ways};
}"""


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", LANGS)
def test_a_printed_case_study_gives_the_text_s_addresses_and_its_own_once(tab_at, lang: str, size: str) -> None:
    tab = tab_at(size)
    tab.goto(at(lang, "case-studies", "sample-hackathon/"))
    tab.emulate_media(media="print")
    printed = tab.evaluate(PRINTED)
    assert printed["ways"] == []
    expect(tab.locator(".rhannu-breadcrumbs")).to_be_hidden()
    expect(tab.locator(".rhannu-pager")).to_be_hidden()
    expect(tab.locator(".rhannu-contents")).to_be_hidden()
    assert printed["addresses"], "the links in the text still give their addresses"
    own = FIXTURE_URL + at(lang, "case-studies", "sample-hackathon/")
    assert printed["text"].count(own) == 1
