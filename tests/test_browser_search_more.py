"""Search on the sample site in Chromium, issue 21: the word a Welsh search found is marked in the
form the text writes it, in the results and on the page a result leads to (`?h=`); a search that
finds nothing offers the same search in the other language. At 375 and 1280 px, in both
languages, with axe at zero in both colour schemes on the search box as these change it."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from rhannu.labels import ENGLISH, WELSH
from tests.support.browser import AXE_OPTIONS, settle
from tests.support.sample_site import welsh

pytestmark = pytest.mark.browser

META = ".md-search-result__meta"
STUDY = "case-studies/sample-case-study-02/"  # Welsh: "yng Nghaerdydd, ym Mhontypridd a Phowys ... gyda'n tîm ni."
WIDTHS = (375, 1280)
NOTHING = "xyzzyq"  # on no page, in either language


@pytest.fixture(scope="module", params=["light", "dark"])
def context(request, browser, site_url: str):
    context = browser.new_context(base_url=site_url, color_scheme=request.param)
    external: list[str] = []
    context.on("request", lambda req: None if req.url.startswith((site_url, "data:")) else external.append(req.url))
    yield context
    context.close()
    assert external == [], f"the page requested third-party URLs: {external}"


@pytest.fixture
def tab(context):
    tab = context.new_page()
    yield tab
    tab.close()


def _open(tab, path: str, width: int) -> None:
    tab.set_viewport_size({"width": width, "height": 800})
    tab.goto(path)
    placeholder = tab.evaluate(
        "JSON.parse(document.getElementById('__config').textContent).translations['search.result.placeholder']"
    )
    tab.locator("label.md-header__button[for=__search]").click() if width < 960 else tab.locator("input.md-search__input").click()
    tab.locator(META).filter(has_text=placeholder).wait_for()  # the worker has built the index


def _search(tab, query: str) -> None:
    """Type `query` as a reader does (Material searches when a key is released) and wait for its
    results: the box's heading changes once the worker answers."""
    box = tab.locator("input.md-search__input")
    before = tab.locator(META).text_content()
    box.fill(query[:-1])
    box.press(query[-1])
    tab.wait_for_function(f"text => document.querySelector('{META}').textContent !== text", arg=before)


def _violations(tab) -> list[str]:
    settle(tab)
    results = Axe().run(tab, options=AXE_OPTIONS)
    return [f"{item['id']}: {[node['target'] for node in item['nodes']]}" for item in results.response["violations"]]


def _marks(tab, scope: str) -> list[str]:
    return tab.locator(f"{scope} mark").evaluate_all("marks => marks.map(m => m.textContent)")


def _result_link(tab, path: str):
    return (
        tab.locator(".md-search-result__item > .md-search-result__link")
        .filter(has=tab.locator("h1"))
        .and_(tab.locator(f"a[href*='/{path}']"))
    )


# --- The form that matched, marked -----------------------------------------------------------------

# typed -> the word as the Welsh text writes it; before issue 21 none of these was marked, because
# the typed form shares its first letter with another form of the word
MARKED = [("Powys", "Phowys"), ("chaerdydd", "Nghaerdydd"), ("nhim", "tîm")]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(("query", "written"), MARKED, ids=[query for query, _ in MARKED])
def test_a_welsh_result_and_its_page_mark_the_form_the_text_writes(tab, width: int, query: str, written: str) -> None:
    _open(tab, welsh("about/"), width)
    _search(tab, query)
    link = _result_link(tab, welsh(STUDY))
    # the results mark the word as the index holds it (with the punctuation after it)
    item = f".md-search-result__item:has(a[href*='/{welsh(STUDY)}'])"
    assert [mark.strip(",.") for mark in _marks(tab, item)] == [written]
    assert tab.evaluate("document.querySelectorAll('.md-search-result mark mark').length") == 0
    assert _violations(tab) == []
    link.click()
    tab.wait_for_url(f"**/{welsh(STUDY)}?h=*")
    tab.locator("article mark[data-md-highlight]").first.wait_for()
    assert _marks(tab, "article") == [written]
    assert tab.evaluate("document.querySelectorAll('article mark mark').length") == 0
    # the address keeps what was searched for, as Material's does, so a reload marks it again
    assert parse_qs(urlsplit(tab.url).query)["h"] == [query.lower()]
    assert _violations(tab) == []


def test_as_the_reader_types_no_word_is_marked_twice(tab) -> None:
    """One query meets several forms of a word ("p" meets "phowys" and "powys"): each word is
    marked once, in the results and on the page."""
    _open(tab, welsh("about/"), 1280)
    for query in ("p", "ph", "pho", "c", "ca", "ng", "t", "ti"):
        _search(tab, query)
        broken = tab.evaluate(
            """() => [...document.querySelectorAll('.md-search-result__item')].filter(
                 item => item.querySelector('mark mark') || /mark>/.test(item.textContent)).length"""
        )
        assert broken == 0, query
    tab.goto(f"{welsh(STUDY)}?h=p+ca")
    tab.locator("article mark").first.wait_for()
    marked = _marks(tab, "article")
    assert {"Phowys", "Mhontypridd", "Nghaerdydd", "partneriaid"} <= set(marked)
    assert tab.evaluate("document.querySelectorAll('article mark mark').length") == 0


def test_a_welsh_page_marks_every_form_and_only_words_found(tab) -> None:
    """The page applies the index's rule: a word is marked when one of its forms starts with a
    typed term, and "ff" is a letter of its own, not a mutated "b" or "m"."""
    tab.goto(f"{welsh(STUDY)}?h=bowys+caerdydd")
    tab.locator("article mark").first.wait_for()
    assert sorted(_marks(tab, "article")) == ["Nghaerdydd", "Phowys"]
    tab.goto(f"{welsh(STUDY)}?h=ffowys")
    tab.wait_for_function("new URL(location.href).searchParams.get('h') === 'ffowys'")  # marked, and put back
    assert _marks(tab, "article") == []


def test_english_pages_keep_materials_marking(tab) -> None:
    _open(tab, "about/", 1280)
    _search(tab, "Powys")
    assert _marks(tab, f".md-search-result__item:has(a[href*='/{STUDY}'])") == ["Powys,"]
    _result_link(tab, STUDY).click()
    tab.wait_for_url(f"**/{STUDY}?h=powys")
    tab.locator("article mark[data-md-highlight]").first.wait_for()
    assert set(_marks(tab, "article")) == {"Powys"}
    assert tab.evaluate("typeof self.rhannuWelshForms") == "undefined"  # the Welsh plugin is not loaded


# --- Nothing found: the same search in the other language ---------------------------------------

LANGUAGES = [("en", "about/", ENGLISH, welsh("about/")), ("cy", welsh("about/"), WELSH, "about/")]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(("lang", "path", "labels", "twin"), LANGUAGES, ids=[lang for lang, *_ in LANGUAGES])
def test_a_search_that_finds_nothing_offers_the_other_language(
    tab, width: int, lang: str, path: str, labels: dict, twin: str
) -> None:
    _open(tab, path, width)
    offer = tab.locator(".rhannu-search-elsewhere a")
    _search(tab, "Powys")  # found: nothing offered
    assert offer.is_hidden()
    _search(tab, NOTHING)
    offer.wait_for()
    assert offer.text_content() == labels["search_elsewhere"]
    assert offer.get_attribute("hreflang") == ("cy" if lang == "en" else "en-GB")
    href = urlsplit(offer.evaluate("a => a.href"))
    assert href.path == "/" + twin and parse_qs(href.query) == {"q": [NOTHING]}
    assert _violations(tab) == []
    # the link follows the query as it changes, and goes when something is found
    tab.locator("input.md-search__input").press("z")  # still nothing found: the heading stays
    tab.wait_for_function("q => document.querySelector('.rhannu-search-elsewhere a').href.endsWith(q)", arg=f"?q={NOTHING}z")
    _search(tab, "Powys")
    assert offer.is_hidden()
    _search(tab, NOTHING)
    # followed, it opens the twin with the same search in its box
    offer.click()
    tab.wait_for_url(f"**/{twin}?q={NOTHING}")
    box = tab.locator("input.md-search__input")
    box.wait_for()
    assert box.input_value() == NOTHING
    other = WELSH if lang == "en" else ENGLISH
    tab.locator(".rhannu-search-elsewhere a").filter(has_text=other["search_elsewhere"]).wait_for()


def test_the_offer_is_reached_from_the_keyboard(tab) -> None:
    """Material moves through the results with the arrow keys (Tab closes the search)."""
    _open(tab, "about/", 1280)
    _search(tab, NOTHING)
    tab.locator(".rhannu-search-elsewhere a").wait_for()
    tab.keyboard.press("ArrowDown")
    assert tab.evaluate("document.activeElement.closest('.rhannu-search-elsewhere') !== null")
    tab.keyboard.press("Enter")
    tab.wait_for_url(f"**/{welsh('about/')}?q={NOTHING}")


@pytest.mark.parametrize("path", ["", welsh("")])
def test_every_link_in_the_page_has_an_address_before_any_search(tab, path: str) -> None:
    """Search engines (and Lighthouse's crawlable-anchors audit) read a link without an href as a
    link they cannot follow; the other-language offer joins the page only when a search finds
    nothing, so that it is neither an empty link nor a hidden stop for the arrow keys."""
    tab.goto(path)
    tab.locator('[data-md-component="search-result"]').wait_for(state="attached")
    tab.wait_for_load_state("load")
    assert tab.evaluate("[...document.querySelectorAll('a')].filter(a => !a.getAttribute('href')).map(a => a.outerHTML)") == []
    assert tab.locator(".rhannu-search-elsewhere").count() == 0
