"""The filter script shows cards as the build rendered them, in the page's language: it formats
no date and builds no card markup of its own."""

from __future__ import annotations

import pytest

from tests.support.sample_site import section

pytestmark = pytest.mark.browser



@pytest.mark.parametrize("prefix", ["", "cy/"])
def test_a_filtered_card_is_the_card_the_server_rendered(page, prefix: str) -> None:
    page.goto(f"{section(prefix, 'case-studies')}/")
    page.locator("#rhannu-filters").wait_for(state="visible")
    first = page.locator("#rhannu-card-list .rhannu-card").first
    served = first.evaluate("card => card.outerHTML")
    page.locator("#filter-psb").dispatch_event("change")  # every filter at "All": every card, re-rendered
    page.wait_for_function("document.querySelector('.rhannu-filter-status').textContent !== ''")
    assert first.evaluate("card => card.outerHTML") == served
    meta = first.locator(".rhannu-card__meta").inner_text()  # the newest: the hackathon, which happened in autumn 2021
    assert meta.endswith(" · Autumn 2021" if prefix == "" else " · Yr hydref 2021"), meta
    status = page.locator(".rhannu-filter-status").inner_text()
    total = page.evaluate("fetch('cards.json').then(r => r.json()).then(cards => cards.length)")
    assert status == page.locator("#rhannu-filters").get_attribute("data-count-other").replace("{n}", str(total)) or total == 1


def test_filters_work_when_no_case_study_says_when_it_happened(browser, tmp_path) -> None:
    """Without a 'when' anywhere there is no Year filter; the others still filter (as on the live site)."""
    import re

    from tests.support.server import serve
    from tests.support.sites import build, copy_fixture

    project = copy_fixture(tmp_path / "project")
    for source in (project / "case_studies").glob("*.md"):
        source.write_text(re.sub(r"^when: .*\n", "", source.read_text(encoding="utf-8"), flags=re.MULTILINE), encoding="utf-8")
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.log
    with serve(result.site) as url:
        context = browser.new_context(base_url=url)
        tab = context.new_page()
        errors: list[str] = []
        tab.on("pageerror", lambda error: errors.append(str(error)))
        tab.goto("case-studies/")
        tab.locator("#rhannu-filters").wait_for(state="visible")
        assert tab.locator("#filter-year").count() == 0
        tab.locator("#filter-psb").select_option("programme")
        tab.wait_for_function("document.querySelector('.rhannu-filter-status').textContent !== ''")
        assert tab.locator("#rhannu-card-list .rhannu-card").count() == 2
        assert errors == []
        context.close()


# The filters in the address (issue 14). The browser-level behaviour (reload, Back, a shared link)
# is in tests/test_browser_filters.py; these hold the script's own rules.
INDEX = {"": "case-studies/", "cy/": "cy/astudiaethau-achos/"}  # Welsh addresses may move: one place to change


@pytest.mark.parametrize(("prefix", "total"), [("", "54 case studies"), ("cy/", "54 astudiaeth achos")])
def test_clearing_the_filters_brings_back_page_one_as_built(page, prefix: str, total: str) -> None:
    page.goto(INDEX[prefix])
    page.locator("#rhannu-filters").wait_for(state="visible")
    served = page.locator("#rhannu-card-list").inner_html()
    pagination = page.locator(".rhannu-pagination")
    assert pagination.is_visible() and page.locator(".rhannu-filter-status").inner_text() == ""  # nothing announced on arrival
    page.locator("#filter-psb").select_option("sample-north")
    assert page.locator("#rhannu-card-list .rhannu-card").count() == 51  # every match, not 50 of them
    assert pagination.is_hidden()
    page.locator("#filter-psb").select_option("")
    assert page.locator("#rhannu-card-list").inner_html() == served
    assert pagination.is_visible()
    assert page.locator(".rhannu-filter-status").inner_text() == total
    assert page.locator(".rhannu-filter-chosen").inner_text() == ""


def test_a_visit_to_the_filters_adds_one_history_entry_and_the_address_names_filters_in_a_fixed_order(page) -> None:
    page.goto(INDEX[""] + "#top")
    page.locator("#rhannu-filters").wait_for(state="visible")
    length = page.evaluate("history.length")
    page.locator("#filter-year").select_option("2022")
    page.locator("#filter-psb").select_option("sample-north")  # focus stays in the form: no new entry (issue 21)
    assert page.evaluate("location.search + location.hash") == "?psb=sample-north&year=2022#top"
    assert page.evaluate("history.length") == length + 1
    page.locator("#filter-psb").dispatch_event("change")  # nothing changed: no new entry
    assert page.evaluate("history.length") == length + 1
    page.locator("#filter-psb").select_option("")
    page.locator("#filter-year").select_option("")
    assert page.evaluate("location.search + location.hash") == "#top"
