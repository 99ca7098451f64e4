"""Pages that show the way, in a real browser: the breadcrumb trail and previous/next links reached
and followed by keyboard, "On this page" naming generated sections in both languages, and the
header logo's contrast as drawn."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.support.browser import AXE_OPTIONS

pytestmark = pytest.mark.browser

# Where each language's pages of the site's sections live, as main builds them today: Welsh under
# cy/ with the English section names. The move to Welsh addresses changes only this table.
SECTION_ADDRESSES = {
    "en": {"case-studies": "case-studies/", "lessons": "lessons/", "newsletters": "newsletters/"},
    "cy": {"case-studies": "cy/astudiaethau-achos/", "lessons": "cy/gwersi/", "newsletters": "cy/cylchlythyrau/"},
}
DESKTOP = {"width": 1280, "height": 900}


def address(lang: str, section: str, rest: str = "") -> str:
    return SECTION_ADDRESSES[lang][section] + rest


def tab_to(page, selector: str, limit: int = 120) -> None:
    """Press Tab until the element matching `selector` has the focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(selector) => document.activeElement.matches(selector)", selector):
            outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
            assert outline != "none", f"{selector} shows no focus"
            return
    pytest.fail(f"{selector} was not reached within {limit} presses of Tab")


@pytest.mark.parametrize(("lang", "crumb"), [("en", "Case studies"), ("cy", "Astudiaethau achos")])
def test_breadcrumb_leads_back_to_the_index_by_keyboard(page, lang: str, crumb: str) -> None:
    page.goto(address(lang, "case-studies", "sample-hackathon/"))
    trail = page.locator("nav.rhannu-breadcrumbs")
    assert trail.is_visible()
    tab_to(page, "nav.rhannu-breadcrumbs li:nth-child(2) a")
    assert page.evaluate("document.activeElement.textContent") == crumb
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/{address(lang, 'case-studies')}")
    assert page.locator("article h1").inner_text() == crumb


@pytest.mark.parametrize(
    ("lang", "section", "start", "rel", "arrive"),
    [
        ("en", "lessons", "sample-skills/", "next", "sample-time/"),
        ("cy", "lessons", "sample-skills/", "prev", "sample-permission/"),
        ("en", "newsletters", "2023-10-23/", "prev", "2022-04-11/"),
        ("cy", "newsletters", "2022-03-14/", "next", "2022-04-11/"),
    ],
)
def test_previous_and_next_by_keyboard(page, lang: str, section: str, start: str, rel: str, arrive: str) -> None:
    page.goto(address(lang, section, start))
    pager = page.get_by_role(
        "navigation",
        name={
            "en": {"lessons": "More lessons learnt", "newsletters": "More newsletters"},
            "cy": {"lessons": "Rhagor o wersi a ddysgwyd", "newsletters": "Rhagor o gylchlythyrau"},
        }[lang][section],
    )
    assert pager.is_visible()
    title = pager.locator(f"a[rel={rel}] .rhannu-pager__title").inner_text()
    tab_to(page, f"nav.rhannu-pager a[rel={rel}]")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/{address(lang, section, arrive)}")
    assert page.locator("article h1").inner_text() == title


@pytest.mark.parametrize(
    ("lang", "section", "rest", "entry", "heading_id"),
    [
        ("en", "case-studies", "sample-sharing-practice/", "Related lessons", "lessons-heading"),
        ("cy", "case-studies", "sample-sharing-practice/", "Gwersi cysylltiedig", "lessons-heading"),
        ("en", "newsletters", "2022-03-14/", "From the network", "issue-network"),
        ("cy", "newsletters", "2022-03-14/", "O'r rhwydwaith", "issue-network"),
        ("en", "lessons", "sample-skills/", "Related case studies", "case-studies-heading"),
        ("cy", "lessons", "sample-skills/", "Astudiaethau achos cysylltiedig", "case-studies-heading"),
    ],
)
def test_on_this_page_names_generated_sections_and_goes_to_them(
    browser, site_url: str, lang: str, section: str, rest: str, entry: str, heading_id: str
) -> None:
    context = browser.new_context(base_url=site_url, viewport=DESKTOP)
    tab = context.new_page()
    tab.goto(address(lang, section, rest))
    toc = tab.locator(".md-sidebar--secondary nav.md-nav--secondary")
    link = toc.get_by_role("link", name=entry, exact=True)
    assert link.is_visible()
    link.focus()
    tab.keyboard.press("Enter")
    tab.wait_for_url(f"**#{heading_id}")
    top, at_bottom = tab.evaluate(
        """(id) => [document.getElementById(id).getBoundingClientRect().top,
                    window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 1]""",
        heading_id,
    )
    assert 0 <= top < DESKTOP["height"], f"the section's heading is off the screen ({top}px)"
    assert top < 150 or at_bottom, f"the page did not scroll to the section ({top}px from the top)"
    context.close()


LOGO_CONTRAST = """() => {
  const img = document.querySelector('.md-header .md-logo img');
  const canvas = document.createElement('canvas');
  canvas.width = img.naturalWidth * 4; canvas.height = img.naturalHeight * 4;
  const context = canvas.getContext('2d');
  context.drawImage(img, 0, 0, canvas.width, canvas.height);
  const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
  const header = getComputedStyle(document.querySelector('.md-header')).backgroundColor.match(/\\d+/g).map(Number);
  const linear = (c) => { c /= 255; return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
  const luminance = ([r, g, b]) => 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
  const back = luminance(header);
  let best = 1, drawn = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (data[i + 3] < 250) continue;  // the strokes' solid pixels, not their anti-aliased edges
    drawn += 1;
    const own = luminance([data[i], data[i + 1], data[i + 2]]);
    const ratio = (Math.max(own, back) + 0.05) / (Math.min(own, back) + 0.05);
    best = drawn === 1 ? ratio : Math.min(best, ratio);
  }
  return {drawn, ratio: best, visible: img.getBoundingClientRect().width > 0};
}"""


@pytest.mark.parametrize("prefix", ["", "cy/"])
def test_header_logo_contrasts_with_the_header(browser, site_url: str, prefix: str) -> None:
    context = browser.new_context(base_url=site_url, viewport=DESKTOP)
    tab = context.new_page()
    tab.goto(prefix)
    tab.locator(".md-header .md-logo img").evaluate("img => img.decode()")
    result = tab.evaluate(LOGO_CONTRAST)
    context.close()
    assert result["visible"] and result["drawn"] > 0, result
    assert result["ratio"] >= 3, f"the logo's strokes are {result['ratio']:.2f}:1 on the header; graphics need 3:1"


@pytest.mark.parametrize("path", ["newsletters/", "cy/cylchlythyrau/2022-04-11/", "cy/gwersi/gwers-heb-gyfeiriad/"])
def test_wayfinding_pages_at_phone_width_pass_axe(browser, site_url: str, path: str) -> None:
    """The trail, pager and edition links at 375 px: axe at zero (PAGE_TYPES in test_browser.py
    checks every page type at the default width)."""
    context = browser.new_context(base_url=site_url, viewport={"width": 375, "height": 667})
    tab = context.new_page()
    tab.goto(path)
    results = Axe().run(tab, options=AXE_OPTIONS)
    context.close()
    assert results.response["violations"] == [], path
