"""Unit tests for issue 14's pages that show the way: the light/dark toggle's names, print
addresses, and the built pages that carry them (the browser tests are in test_browser_schemes.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from rhannu.labels import ENGLISH, WELSH
from rhannu.material_theme import ThemeError, name_palette_toggles
from rhannu.printing import with_addresses
from tests.support.sites import FIXTURE_URL, read_html

PAGE = """<html><body><nav><a href="../nav/">Nav</a></nav>
<article class="md-content__inner md-typeset">
<h1>Title</h1>
<p><a href="../../lessons/x/">Lesson</a> <a class="c" href="/y/?a=1&amp;b=2">Root</a>
<a href="#part">Part</a> <a href="mailto:someone@example.org">mail</a>
<a href="https://other.example.org/z">Other</a></p>
</article></body></html>"""


def palette() -> list[dict]:
    return [
        {"scheme": "default", "toggle": {"icon": "material/weather-night"}},
        {"scheme": "slate", "toggle": {"icon": "material/weather-sunny"}},
    ]


def test_each_scheme_names_the_toggle_to_the_other() -> None:
    theme = {"palette": palette()}
    name_palette_toggles(theme, WELSH["palette_to_dark"], WELSH["palette_to_light"])
    assert [option["toggle"]["name"] for option in theme["palette"]] == [
        "Newid i&#x27;r modd tywyll",
        "Newid i&#x27;r modd golau",
    ]


def test_one_scheme_has_no_toggle_to_name() -> None:
    theme = {"palette": {"scheme": "default"}}
    name_palette_toggles(theme, "to dark", "to light")
    assert theme == {"palette": {"scheme": "default"}}


def test_a_scheme_without_a_toggle_stops_the_build() -> None:
    with pytest.raises(ThemeError, match="toggle"):
        name_palette_toggles({"palette": [{"scheme": "default"}]}, "to dark", "to light")


def test_links_in_the_article_get_their_absolute_address_for_print() -> None:
    html = with_addresses(PAGE, "https://site.example.org/cy/case-studies/a/", "Cyfeiriad y dudalen hon:")
    assert '<a href="../nav/">' in html, "links outside the article are left alone"
    assert '<a href="../../lessons/x/" data-rhannu-href="https://site.example.org/cy/lessons/x/">' in html
    assert '<a class="c" href="/y/?a=1&amp;b=2" data-rhannu-href="https://site.example.org/y/?a=1&amp;b=2">' in html
    assert '<a href="#part">' in html and '<a href="mailto:someone@example.org">' in html
    assert 'data-rhannu-href="https://other.example.org/z"' in html
    assert (
        '<p class="rhannu-print-only rhannu-print-address">Cyfeiriad y dudalen hon: '
        "https://site.example.org/cy/case-studies/a/</p>\n</article>"
    ) in html


def test_a_page_without_an_article_is_unchanged() -> None:
    assert with_addresses("<p><a href='x/'>x</a></p>", "https://site.example.org/", "Address:") == "<p><a href='x/'>x</a></p>"


@pytest.mark.parametrize(
    ("path", "label"),
    [
        ("case-studies/sample-sharing-practice/index.html", ENGLISH["print_address"]),
        ("cy/gwersi/sample-skills/index.html", WELSH["print_address"]),
    ],
)
def test_built_item_pages_carry_their_print_addresses(site: Path, path: str, label: str) -> None:
    page = read_html(site / path)
    own = FIXTURE_URL + path.removesuffix("index.html")
    # the page's address shows once: "Cite this page" gives it, so no print-only line repeats it (issue 21)
    assert page.select("article .rhannu-print-address") == []
    assert [link.get_text() for link in page.select("article a") if link.get_text() == own] == [own]
    assert label not in page.select_one("article").get_text()
    links = page.select("article a[data-rhannu-href]")
    assert links and all(link["data-rhannu-href"].startswith(FIXTURE_URL) for link in links)


def test_only_item_pages_carry_print_addresses(site: Path) -> None:
    for path in ("case-studies/index.html", "about/index.html", "newsletters/2022-03-14/index.html"):
        page = read_html(site / path)
        assert page.select(".rhannu-print-address, [data-rhannu-href]") == [], path


@pytest.mark.parametrize(("path", "labels"), [("about/index.html", ENGLISH), ("cy/amdanom/index.html", WELSH)])
def test_built_pages_name_the_toggle_in_their_language(site: Path, path: str, labels: dict) -> None:
    radios = read_html(site / path).select("form[data-md-component=palette] input[name=__palette]")
    assert [radio["aria-label"] for radio in radios] == [labels["palette_to_dark"], labels["palette_to_light"]]
