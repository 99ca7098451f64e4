"""Addresses: each language's 404 page and its `_redirects` rules, /favicon.ico, and Welsh
addresses for Welsh pages (docs pages' `slug`, facets), with the old ones redirecting. Unit
tests of rhannu.not_found and the built sample site (tests/fixture_site)."""

from __future__ import annotations

import json
import struct
from pathlib import Path
from urllib.parse import urljoin

import pytest

from rhannu import material_theme, not_found
from tests.support.sites import FIXTURE_URL, PROJECT, build, copy_fixture, read_html
from tests.support.sites import check_errors as _check

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
    assert rules == [  # the sample site's one alias, in each language, then the Welsh 404 rule
        "/news/sample-sharing/  /case-studies/sample-sharing-practice/  301",
        "/cy/news/sample-sharing/  /cy/astudiaethau-achos/sample-sharing-practice/  301",
        "/cy/*  /cy/404.html  404",
    ]


def test_a_site_in_a_folder_gets_rules_and_homes_in_that_folder() -> None:
    assert not_found.home("https://example.org/rhannu/", "cy") == "/rhannu/cy/"
    assert not_found.home("https://example.org", "en") == "/"
    assert (
        not_found.redirects_file("https://example.org/rhannu/", ("cy", "en")).splitlines()[-1]
        == "/rhannu/cy/*  /rhannu/cy/404.html  404"
    )


def test_the_welsh_parts_cannot_close_the_script_that_carries_them() -> None:
    page = Path(PROJECT / "rhannu/theme/404.html")  # the slot the template writes
    assert 'id="rhannu-not-found-other">{}</script>' in page.read_text(encoding="utf-8")
    welsh = (
        '<html lang="cy"><title>A</title><header class="md-header" data-md-component="header">x</script>y</header>'
        '<button type="button" class="md-top md-icon" data-md-component="top" hidden>B</button>'
        '<footer class="md-footer">F</footer><script id="__config" type="application/json">{"base": "/cy/"}</script>'
    )
    english = '<html lang="en-GB"><script type="application/json" id="rhannu-not-found-other">{}</script>'
    placed = not_found.pages({"en": english, "cy": welsh}, "https://example.org/")
    assert placed["cy/404.html"] == welsh
    assert "x</script>y" not in placed["404.html"] and "x\\u003c/script>y" in placed["404.html"]


def test_a_404_page_without_the_parts_is_a_clear_error() -> None:
    with pytest.raises(material_theme.ThemeError, match=r"the 404 page has no header\.md-header"):
        material_theme.not_found_parts(
            '<html lang="cy"><title>A</title><script id="__config" type="application/json">{}</script>'
        )


# --- Welsh addresses for docs pages ----------------------------------------------------------------


def test_a_welsh_docs_page_lives_at_the_address_its_slug_names(site: Path) -> None:
    """docs/about.cy.md has `slug: amdanom`; docs/subscribe.cy.md has none and keeps its file's name."""
    page = read_html(site / "cy/amdanom/index.html")
    assert page.html["lang"] == "cy" and page.select_one("article h1").get_text() == "Ynglŷn â'r safle enghreifftiol hwn"
    hreflang = {link["hreflang"]: link["href"] for link in page.select("link[rel=alternate][hreflang]")}
    assert hreflang == {"cy": f"{FIXTURE_URL}cy/amdanom/", "en-GB": f"{FIXTURE_URL}about/", "x-default": f"{FIXTURE_URL}about/"}
    assert page.select_one(".rhannu-language-switch a")["href"] == "../../about/"
    english = read_html(site / "about/index.html")
    assert english.select_one(".rhannu-language-switch a")["href"] == "../cy/amdanom/"
    assert english.select_one('link[hreflang="cy"]')["href"] == f"{FIXTURE_URL}cy/amdanom/"
    assert "amdanom/" in [link["href"] for link in read_html(site / "cy/index.html").select("nav.md-nav--primary a")]
    assert (site / "cy/subscribe/index.html").is_file() and read_html(site / "cy/subscribe/index.html").html["lang"] == "cy"
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{FIXTURE_URL}cy/amdanom/</loc>" in sitemap and f"{FIXTURE_URL}cy/about/" not in sitemap


def test_the_address_a_renamed_docs_page_never_had_is_left_empty(site: Path) -> None:
    """docs/about.cy.md took its slug before it was published: nothing is written at cy/about/."""
    assert not (site / "cy/about").exists()


def test_no_page_links_to_an_old_welsh_address(site: Path) -> None:
    for page in sorted(site.rglob("*.html")):
        for link in read_html(page).select("a[href]"):
            target = urljoin(FIXTURE_URL + page.relative_to(site).parent.as_posix() + "/", link["href"])
            assert not target.startswith(f"{FIXTURE_URL}cy/about/"), (page, link["href"])


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_fixture(tmp_path / "project")




def _front(path: Path, lines: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\n---\n", f"\n{lines}\n---\n", 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("file", "lines", "expected"),
    [
        ("docs/subscribe.cy.md", "slug: Tanysgrifio", "docs/subscribe.cy.md: field 'slug': expected a page name of lower case"),
        ("docs/subscribe.cy.md", "slug: tanysgrifio/../../x", "docs/subscribe.cy.md: field 'slug': expected a page name"),
        ("docs/subscribe.md", "slug: subscribe-here", "docs/subscribe.md: field 'slug': only a Welsh page other than an index"),
        ("docs/index.cy.md", "slug: hafan", "docs/index.cy.md: field 'slug': only a Welsh page other than an index"),
        ("docs/subscribe.cy.md", "aliases: old/../x", "docs/subscribe.cy.md: field 'aliases': expected a list of old addresses"),
        (
            "docs/subscribe.cy.md",
            "aliases: [old/../x/]",
            "docs/subscribe.cy.md: field 'aliases': expected a site-relative address",
        ),
        # the name of another Welsh page, and of a folder the theme owns: the address table refuses both
        (
            "docs/subscribe.cy.md",
            "slug: amdanom",
            "docs/subscribe.cy.md: field 'slug': 'cy/amdanom/index.html' would be written twice",
        ),
        (
            "docs/subscribe.cy.md",
            "slug: search",
            "docs/subscribe.cy.md: field 'slug': docs/subscribe.cy.md (slug) would write 'cy/search/index.html' inside",
        ),
        (
            "docs/subscribe.cy.md",
            "aliases: [amdanom/]",
            "docs/subscribe.cy.md: field 'aliases': 'cy/amdanom/index.html' would be written twice",
        ),
    ],
)
def test_a_bad_slug_or_alias_is_an_error_naming_file_and_field(
    project, capsys, monkeypatch, file: str, lines: str, expected: str
) -> None:
    _front(project / file, lines)
    errors = _check(project, capsys, monkeypatch)
    assert len(errors) == 1 and errors[0].startswith(expected), errors


def test_aliases_redirect_and_the_builds_own_links_follow_a_slug(project, tmp_path: Path) -> None:
    """Old addresses in `aliases` redirect in the page's language; the links the build writes to
    the Subscribe, Reusing and Contact pages (issue pages, the archive, the footer, the catalogue's
    page, the email editions' unsubscribe line) go to their Welsh names."""
    _front(project / "docs/about.cy.md", "aliases: [ynglyn/, hen/amdanom/]")
    _front(project / "docs/reusing.md", "aliases: [licence/]")
    _front(project / "docs/subscribe.cy.md", "slug: tanysgrifio")
    _front(project / "docs/reusing.cy.md", "slug: ailddefnyddio")
    _front(project / "docs/contact.cy.md", "slug: cysylltu")
    built = build(project, tmp_path / "site")
    assert built.returncode == 0, built.log
    site = built.site
    for old, new in (("cy/ynglyn/", "/cy/amdanom/"), ("cy/hen/amdanom/", "/cy/amdanom/"), ("licence/", "/reusing/")):
        page = read_html(site / old / "index.html")
        assert page.select_one('meta[http-equiv="refresh"]')["content"] == f"0; url={new}", old
    assert not (site / "ynglyn").exists() and not (site / "cy/licence").exists()
    for old in ("cy/subscribe/", "cy/reusing/", "cy/contact/"):  # never published there: nothing left behind
        assert not (site / old).exists(), old
    rules = (site / "_redirects").read_text(encoding="utf-8").splitlines()
    assert "/cy/ynglyn/  /cy/amdanom/  301" in rules and "/licence/  /reusing/  301" in rules
    links = []
    for page in sorted((site / "cy").rglob("index.html")):
        base = FIXTURE_URL + page.parent.relative_to(site).as_posix() + "/"
        links += [urljoin(base, link["href"]) for link in read_html(page).select("a[href]")]
    assert {f"{FIXTURE_URL}cy/{name}/" for name in ("tanysgrifio", "ailddefnyddio", "cysylltu")} <= set(links)
    old = tuple(f"{FIXTURE_URL}cy/{name}/" for name in ("subscribe", "reusing", "contact"))
    assert not [link for link in links if link.startswith(old)]
    footer = read_html(site / "cy/astudiaethau-achos/index.html").select_one(".rhannu-reuse a:last-child")
    assert urljoin(f"{FIXTURE_URL}cy/astudiaethau-achos/", footer["href"]) == f"{FIXTURE_URL}cy/ailddefnyddio/"
    email = next((site / "cylchlythyrau").rglob("email.cy.html"), None) or next(site.rglob("email.cy.html"))
    assert f"{FIXTURE_URL}cy/tanysgrifio/#" in email.read_text(encoding="utf-8")


def test_a_renamed_pages_published_address_redirects_when_listed(project, tmp_path: Path) -> None:
    """A page published at cy/subscribe/ and then given a Welsh name: its editor lists the old
    address in `aliases`, as EDITING.md asks, and it redirects (an HTML page and a 301 rule)."""
    _front(project / "docs/subscribe.cy.md", "slug: tanysgrifio\naliases: [subscribe/]")
    built = build(project, tmp_path / "site")
    assert built.returncode == 0, built.log
    page = read_html(built.site / "cy/subscribe/index.html")
    assert page.select_one('meta[http-equiv="refresh"]')["content"] == "0; url=/cy/tanysgrifio/"
    assert "/cy/subscribe/  /cy/tanysgrifio/  301" in (built.site / "_redirects").read_text(encoding="utf-8").splitlines()


# --- Welsh addresses for facets ---------------------------------------------------------------------


def test_a_facet_page_has_a_welsh_folder_and_the_values_welsh_name(site: Path) -> None:
    """themes.sharing-practice has `slug: {cy: rhannu-arfer}`; themes.digital-engagement has none."""
    page = read_html(site / "cy/astudiaethau-achos/thema/rhannu-arfer/index.html")
    assert page.html["lang"] == "cy" and page.select_one("article h1").get_text().startswith("Rhannu arfer")
    hreflang = {link["hreflang"]: link["href"] for link in page.select("link[rel=alternate][hreflang]")}
    assert hreflang["en-GB"] == f"{FIXTURE_URL}case-studies/theme/sharing-practice/"
    assert hreflang["cy"] == f"{FIXTURE_URL}cy/astudiaethau-achos/thema/rhannu-arfer/"
    english = read_html(site / "case-studies/theme/sharing-practice/index.html")
    assert english.select_one(".rhannu-language-switch a")["href"] == "../../../cy/astudiaethau-achos/thema/rhannu-arfer/"
    for folder in ("bgc/sample-north", "bgc/sample-north/page/2", "bgc/ar-draws-y-rhaglen", "thema/digital-engagement", "dull/hackathon", "blwyddyn/2021"):
        assert (site / "cy/astudiaethau-achos" / folder / "index.html").is_file(), folder
        assert not read_html(site / "cy/astudiaethau-achos" / folder / "index.html").select_one('meta[http-equiv="refresh"]'), folder
    # a link from a Welsh case study to its theme goes to the Welsh address
    study = read_html(site / "cy/astudiaethau-achos/sample-sharing-practice/index.html")
    assert "../thema/rhannu-arfer/" in [link["href"] for link in study.select("article a")]
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{FIXTURE_URL}cy/astudiaethau-achos/thema/rhannu-arfer/</loc>" in sitemap
    assert "astudiaethau-achos/theme/" not in sitemap


@pytest.mark.parametrize(
    "never",
    [
        "cy/astudiaethau-achos/theme/sharing-practice/",
        "cy/case-studies/theme/sharing-practice/",
        "cy/astudiaethau-achos/psb/sample-north/page/2/",
        "cy/astudiaethau-achos/year/2021/",
        "cy/astudiaethau-achos/theme/sharing-practice/feed.xml",
    ],
)
def test_a_facet_page_and_feed_leave_nothing_at_addresses_never_published(site: Path, never: str) -> None:
    assert not (site / never).exists()


def test_filter_queries_keep_the_vocabulary_keys(site: Path) -> None:
    index = read_html(site / "cy/astudiaethau-achos/index.html")
    values = {option["value"] for option in index.select("#filter-theme option") if option["value"]}
    assert "sharing-practice" in values and "rhannu-arfer" not in values


@pytest.mark.parametrize(
    ("slug", "field", "expected"),
    [
        ("slug: {cy: Rhannu-Arfer}", "themes.sharing-practice.slug.cy", "expected a name of lower case"),
        ("slug: {en: sharing}", "themes.sharing-practice.slug", "expected the value's Welsh name in addresses"),
        ("slug: rhannu-arfer", "themes.sharing-practice.slug", "expected the value's Welsh name in addresses"),
        # another value's key is its Welsh name too (it has no slug): the two would share a page
        ("slug: {cy: digital-engagement}", "themes.sharing-practice.slug.cy", "the cy name 'digital-engagement' is already the address of themes.digital-engagement"),
    ],
)
def test_a_bad_taxonomy_slug_is_an_error_naming_the_field(project, capsys, monkeypatch, slug: str, field: str, expected: str) -> None:
    taxonomy = project / "data/taxonomy.yml"
    text = taxonomy.read_text(encoding="utf-8")
    assert "slug: {cy: rhannu-arfer}" in text
    taxonomy.write_text(text.replace("slug: {cy: rhannu-arfer}", slug, 1), encoding="utf-8")
    errors = _check(project, capsys, monkeypatch)
    assert any(error.startswith(f"data/taxonomy.yml: field '{field}': {expected}") for error in errors), errors


@pytest.mark.parametrize("name", ["thema", "bgc", "page"])
def test_a_welsh_case_study_cannot_take_a_facets_folder_name(project, capsys, monkeypatch, name: str) -> None:
    _front(project / "case_studies/sample-hackathon.cy.md", f"slug: {name}")
    assert _check(project, capsys, monkeypatch) == [
        f"case_studies/sample-hackathon.cy.md: field 'slug': '{name}' is one of the case studies' own folders "
        "(bgc, blwyddyn, dull, page, thema): give the page another name"
    ]
