"""For other networks (issue 15), in Chromium: the Reusing page's links lead to catalogues a
reader's tools can fetch and validate, and "Cite this page" is reached from "On this page"."""

from __future__ import annotations

import jsonschema
import pytest
from playwright.sync_api import expect

from tests.support.sample_site import welsh

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", ["reusing/", "cy/reusing/"])
def test_the_reusing_pages_links_give_catalogues_that_fit_their_schema(page, path: str) -> None:
    page.goto(path)
    links = page.locator("article li a:not(.rhannu-contents a)")  # the catalogue block, not the contents list
    assert links.count() == 4  # both catalogues, then both schemas, each language's own first (issue 21)
    catalogue_href, other_href, schema_href, other_schema_href = (links.nth(n).get_attribute("href") for n in range(4))
    for href, schema_at in ((catalogue_href, schema_href), (other_href, other_schema_href)):
        schema = page.request.get(page.url + schema_at).json()
        response = page.request.get(page.url + href)
        assert response.ok and response.headers["content-type"].startswith("application/json")
        data = response.json()
        jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER).validate(data)
        assert data["schema"] == schema["$id"]
        assert len(data["entries"]) == 63  # 54 case studies, 4 lessons, 3 issues, 1 event, 1 news item
    assert page.request.get(page.url + catalogue_href).json()["language"] == ("cy" if path.startswith("cy/") else "en-GB")


@pytest.mark.parametrize(("path", "name"), [("lessons/sample-skills/", "Cite this page"), (welsh("lessons/sample-uncited/"), "Dyfynnu'r dudalen hon")])
def test_cite_this_page_is_reached_from_on_this_page(page, path: str, name: str) -> None:
    page.set_viewport_size({"width": 1400, "height": 900})  # wide enough for the "On this page" sidebar
    page.goto(path)
    page.locator(".md-sidebar--secondary").get_by_role("link", name=name).click()
    page.wait_for_url(f"**/{path}#cite-heading")
    expect(page.get_by_role("heading", name=name, level=2)).to_be_in_viewport()
