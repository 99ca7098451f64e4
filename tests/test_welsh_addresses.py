"""Addresses: each language's 404 page and its `_redirects` rules, /favicon.ico, and Welsh
addresses for Welsh pages (docs pages' `slug`, facets), with the old ones redirecting. Unit
tests of rhannu.not_found and the built sample site (tests/fixture_site)."""

from __future__ import annotations

import json
import struct
from pathlib import Path

import pytest

from rhannu import material_theme, not_found
from tests.support.sites import PROJECT, read_html

# --- /favicon.ico ----------------------------------------------------------------------------------


def _icons(data: bytes) -> list[tuple[int, bytes]]:
    """Each image of an ICO file: its size and its bytes."""
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1), "not an icon file"
    icons = []
    for number in range(count):
        width, height, _, _, _, _, size, offset = struct.unpack("<BBBBHHII", data[6 + 16 * number : 22 + 16 * number])
        assert width == height
        icons.append((width or 256, data[offset : offset + size]))
    return icons


def test_the_site_has_a_favicon_ico_drawn_from_its_favicon(site: Path) -> None:
    data = (site / "favicon.ico").read_bytes()
    assert data == (PROJECT / "overrides/favicon.ico").read_bytes()  # the committed icon, byte for byte
    icons = _icons(data)
    assert [size for size, _ in icons] == [16, 32, 48]
    for size, png in icons:
        assert png.startswith(b"\x89PNG\r\n\x1a\n")
        assert struct.unpack(">II", png[16:24]) == (size, size)
    assert not (site / "cy/favicon.ico").exists()


# --- The 404 pages ---------------------------------------------------------------------------------


def test_each_language_has_its_404_page_and_the_english_one_carries_the_welsh_parts(site: Path) -> None:
    english, welsh = (site / "404.html").read_text(encoding="utf-8"), (site / "cy/404.html").read_text(encoding="utf-8")
    assert read_html(site / "404.html").html["lang"] == "en-GB"
    assert read_html(site / "cy/404.html").html["lang"] == "cy"
    other = json.loads(read_html(site / "404.html").select_one("#rhannu-not-found-other").string)
    assert other["home"] == "/cy/" and other["lang"] == "cy"
    assert other == {"home": "/cy/", **material_theme.not_found_parts(welsh)}
    assert json.loads(other["config"])["base"] == "/cy/"  # the Welsh search index
    assert json.loads(read_html(site / "404.html").select_one("#__config").string)["base"] == "/"
    assert 'placeholder="Chwilio"' in other["parts"]["header.md-header"]
    assert 'placeholder="Search"' in english and 'placeholder="Chwilio"' not in english.split('id="rhannu-not-found-other"')[0]
    assert read_html(site / "cy/404.html").select_one("#rhannu-not-found-other").string == "{}"


def test_the_404_menu_is_a_short_bilingual_list(site: Path) -> None:
    for path in ("404.html", "cy/404.html"):
        menu = read_html(site / path).select("nav.md-nav--primary a")
        assert [(link.find_parent(attrs={"lang": True})["lang"], link["href"]) for link in menu] == [
            ("cy", "/cy/"),
            ("en-GB", "/."),
        ]


def test_redirects_send_welsh_addresses_to_the_welsh_404(site: Path) -> None:
    rules = [line for line in (site / "_redirects").read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    assert rules == ["/cy/*  /cy/404.html  404"]


def test_a_site_in_a_folder_gets_rules_and_homes_in_that_folder() -> None:
    assert not_found.home("https://example.org/rhannu/", "cy") == "/rhannu/cy/"
    assert not_found.home("https://example.org", "en") == "/"
    assert (
        not_found.redirects_file("https://example.org/rhannu/", ("cy", "en")).splitlines()[-1]
        == "/rhannu/cy/*  /rhannu/cy/404.html  404"
    )


def test_the_welsh_parts_cannot_close_the_script_that_carries_them() -> None:
    page = Path(PROJECT / "overrides/404.html")  # the slot the template writes
    assert 'id="rhannu-not-found-other">{}</script>' in page.read_text(encoding="utf-8")
    welsh = (
        '<html lang="cy"><title>A</title><header class="md-header" data-md-component="header">x</script>y</header>'
        '<button type="button" class="md-top md-icon" data-md-component="top" hidden>B</button>'
        '<footer class="md-footer">F</footer><script id="__config" type="application/json">{"base": "/cy/"}</script>'
    )
    english = '<html lang="en-GB"><script type="application/json" id="rhannu-not-found-other">{}</script>'
    placed = not_found.pages({"en": english, "cy": welsh}, "https://example.org/")
    assert placed["cy/404.html"] == welsh
    assert "x</script>y" not in placed["404.html"] and "x<\\/script>y" in placed["404.html"]


def test_a_404_page_without_the_parts_is_a_clear_error() -> None:
    with pytest.raises(material_theme.ThemeError, match=r"the 404 page has no header\.md-header"):
        material_theme.not_found_parts(
            '<html lang="cy"><title>A</title><script id="__config" type="application/json">{}</script>'
        )
