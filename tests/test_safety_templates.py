"""Safe by construction (issue 19): text reaches templates and pages as text, and only images are
published beside content. Each class of input is tried with members the examples do not list:
every Markdown construct in a label, every docs front matter field, every way a site setting
or a file beside a case study could carry something active."""

from __future__ import annotations

import os
import re
import shutil
import struct
import zlib
from pathlib import Path
from xml.etree import ElementTree

import markdown
import pytest
from bs4 import BeautifulSoup

from rhannu import assets, docs_meta
from rhannu.cli import main
from rhannu.views import heading_text
from tests.support.sample_site import welsh
from tests.support.sites import PINNED_EPOCH, build, copy_fixture, read_html
from tests.support.sites import check_errors as check


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_fixture(tmp_path / "project")




def check_passes(project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", PINNED_EPOCH)
    code = main(["--root", str(project), "check"])
    err = capsys.readouterr().err
    assert "ERROR" not in err and "Traceback" not in err, err
    assert code in (0, 1)  # 1 only for warnings (a missing twin), which the sample site has none of
    assert code == 0, err


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def nothing_ran(browser, site: Path, addresses: list[str], hover: str = "h1, a, li, small, .md-header__topic") -> None:
    """Open each page in Chromium, hover and focus what the payloads sit in, and check that no
    payload ran: none set window.__pwned or the title, and no dialog opened."""
    from tests.support.server import serve

    with serve(site) as url:
        context = browser.new_context(base_url=url)
        tab = context.new_page()
        dialogs: list[str] = []
        tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for address in addresses:
            response = tab.goto(address)
            assert response is not None and response.ok, address
            tab.wait_for_load_state("load")
            assert tab.evaluate("window.__pwned") is None, address
            for element in tab.query_selector_all(hover)[:80]:
                if element.is_visible():
                    element.hover(force=True, timeout=2000)
                for event in ("mouseover", "mouseenter"):
                    element.dispatch_event(event)
                element.focus()
            assert tab.evaluate("window.__pwned") is None, address
        context.close()
    assert dialogs == []


# --- Labels and titles: text in the Markdown of a heading ---------------------------------------

HEADING_TEXTS = [
    "[x](javascript:window.__pwned=1)",
    "![alt](javascript:window.__pwned=1)",
    "<http://evil.example/> and <b onmouseover=window.__pwned=1>bold</b>",
    "Name {: onmouseover=window.__pwned=1 }",
    "Name {#id .class onclick=window.__pwned=1}",
    "Name{:onfocus=window.__pwned=1 tabindex=0}",
    "*emphasis* __strong__ `code` \\escaped\\* ~~struck~~",
    "[ref][1] and [1]: javascript:window.__pwned=1",
    "Pethau'r \"dyfyniad\" & &amp; &#60;script&#62;",
    "line one\n[x](javascript:window.__pwned=1)\n{: onclick=window.__pwned=1 }",
    "# ## ### trailing hashes ###",
    "1. + - ! . ( ) > quote",
]


@pytest.mark.parametrize("text", HEADING_TEXTS)
def test_any_text_is_the_plain_text_of_its_heading(text: str) -> None:
    """Whatever a title or label holds, its heading shows exactly that text, and nothing in it
    becomes an element or an attribute (with the site's own Markdown extensions)."""
    renderer = markdown.Markdown(extensions=["attr_list", "md_in_html", "toc"])
    html = renderer.convert("# " + heading_text(text))
    soup = BeautifulSoup(html, "html.parser")
    (heading,) = soup.find_all(True)
    assert heading.name == "h1" and list(heading.attrs) == ["id"]
    assert heading.get_text() == " ".join(text.split())


@pytest.mark.parametrize(("label", "expected"), [
    ('"Two\\nlines"', "expected text on one line; got 'Two\\nlines'"),
    ('"Tab\\there"', "expected text on one line; got 'Tab\\there'"),
    ('"  "', "expected text on one line; got '  '"),
    ('"Bell\\a"', "has the invisible control character U+0007 at character 5"),
])
def test_a_taxonomy_label_is_text_on_one_line(project, capsys, monkeypatch, label: str, expected: str) -> None:
    edit(project / "data/taxonomy.yml", "cy: BGC enghreifftiol y Gorllewin", f"cy: {label}")
    (error,) = check(project, capsys, monkeypatch)
    assert error.startswith(f"data/taxonomy.yml: field 'psbs.sample-west.cy': {expected}"), error


LABEL = "Sample West [x](javascript:window.__pwned=1) <img src=x onerror=window.__pwned=2> {: onmouseover=window.__pwned=3 }"
TITLE_END = "Hackathon {: onmouseover=window.__pwned=4 tabindex=0 }"


@pytest.mark.browser
def test_taxonomy_labels_and_titles_are_text_on_every_page(tmp_path: Path, browser) -> None:
    project = copy_fixture(tmp_path / "project")
    edit(project / "data/taxonomy.yml", "en: Sample West PSB", f"en: {LABEL!r}".replace("'", '"'))
    edit(project / "data/taxonomy.yml", "cy: BGC enghreifftiol y Gorllewin", f"cy: {LABEL!r}".replace("'", '"'))
    edit(project / "case_studies/sample-hackathon.md", 'title: "Sample case study: a hackathon"', f'title: "{TITLE_END}"')
    built = build(project, tmp_path / "site")
    assert built.returncode == 0, built.log
    site = tmp_path / "site"
    for page in ("case-studies/psb/sample-west/index.html", welsh("case-studies/psb/sample-west/") + "index.html"):
        soup = read_html(site / page)
        assert soup.select("[onmouseover], [onerror], [onclick], a[href^='javascript'], img[src=x]") == [], page
        assert LABEL in soup.get_text(" "), page
    heading = read_html(site / "case-studies/psb/sample-west/index.html").select_one("article h1")
    assert heading.get_text() == f"{LABEL}: case studies" and heading.find(True) is None
    study = read_html(site / "case-studies/sample-hackathon/index.html").select_one("article h1")
    assert study.get_text() == TITLE_END and list(study.attrs) == ["id"]
    nothing_ran(
        browser,
        site,
        ["case-studies/psb/sample-west/", welsh("case-studies/psb/sample-west/"), "case-studies/sample-hackathon/", "case-studies/"],
    )


# --- Front matter of docs pages ------------------------------------------------------------------

VALID_KEYS = "title, description, translated_from, robots, og_type, subtitle, template, icon, hide, slug, aliases"


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("author", "Someone", f"unknown field; expected one of {VALID_KEYS}"),
        ("Title", "Capitalised", f"unknown field; expected one of {VALID_KEYS}"),
        ("extra_css", "'[x.css]'", f"unknown field; expected one of {VALID_KEYS}"),
        ("robots", "'noindex\"><script>window.__pwned=1</script>'", "expected one or more of index, noindex, follow, nofollow, none, "
         "noarchive, nosnippet, noimageindex, notranslate, separated by commas; got 'noindex\"><script>window.__pwned=1</script>'"),
        ("robots", "[noindex]", "expected one or more of index, noindex, follow, nofollow, none, noarchive, nosnippet, noimageindex, "
         "notranslate, separated by commas; got ['noindex']"),
        ("og_type", "'article\" onload=\"x'", "expected one of website, article; got 'article\" onload=\"x'"),
        ("og_type", "video.movie", "expected one of website, article; got 'video.movie'"),
        ("subtitle", '"two\\nlines"', "expected text on one line, without control characters; got 'two\\nlines'"),
        ("subtitle", '"bell\\a"', "expected text on one line, without control characters; got 'bell\\x07'"),
        ("subtitle", "{a: 1}", "expected text on one line, without control characters; got {'a': 1}"),
        ("title", '"tab\\there"', "expected text on one line, without control characters; got 'tab\\there'"),
        ("description", '"escape\\e[31m"', "expected text, without control characters; got 'escape\\x1b[31m'"),
        ("translated_from", "abc", "expected the 12 characters written by 'rhannu translations mark'; got 'abc'"),
        ("hide", "toc", "expected a list of one or more of navigation, toc, footer, path, tags, feedback; got 'toc'"),
        ("hide", "[toc, sidebar]", "expected a list of one or more of navigation, toc, footer, path, tags, feedback; got ['toc', 'sidebar']"),
        ("icon", "material/no-such-icon-here", "expected an icon the theme has, as set/name (for example material/home, "
         "fontawesome/solid/book); got 'material/no-such-icon-here'"),
        ("icon", "../../../etc/passwd", "expected an icon the theme has, as set/name (for example material/home, "
         "fontawesome/solid/book); got '../../../etc/passwd'"),
        ("icon", "home", "expected an icon the theme has, as set/name (for example material/home, fontawesome/solid/book); got 'home'"),
    ],
    ids=lambda value: str(value)[:24],
)
def test_a_docs_page_field_is_one_rhannu_knows_with_a_value_it_can_print(
    project, capsys, monkeypatch, field: str, value: str, expected: str
) -> None:
    about = project / "docs/about.md"
    about.write_text(re.sub(rf"(?m)^{field}: .*\n", "", about.read_text(encoding="utf-8"), count=1), encoding="utf-8")
    edit(about, "\n---\n", f"\n{field}: {value}\n---\n")
    assert check(project, capsys, monkeypatch) == [f"docs/about.md: field '{field}': {expected}"]


@pytest.mark.parametrize("template", ["no-such.html", "../main.html", "partials/header.html", "404.html", "redirect.html", "main"])
def test_a_template_that_cannot_render_a_page_is_named_at_check_and_build_time(project, capsys, monkeypatch, tmp_path, template) -> None:
    edit(project / "docs/about.cy.md", "\n---\n", f"\ntemplate: {template!r}\n---\n")
    (error,) = check(project, capsys, monkeypatch)
    assert error.startswith("docs/about.cy.md: field 'template': expected the name of one of the theme's page templates (")
    assert "main.html" in error and error.endswith(f"; got {template!r}")
    built = build(project, tmp_path / "site")
    assert built.returncode == 1 and f"ERROR   -  rhannu: {error}" in built.log
    assert "Traceback" not in built.log and "TemplateNotFound" not in built.log
    assert not (tmp_path / "site/cy/about/index.html").exists()


@pytest.mark.browser
def test_every_field_rhannu_knows_builds_and_prints_as_text(tmp_path: Path, capsys, monkeypatch, browser) -> None:
    project = copy_fixture(tmp_path / "project")
    fields = (
        "robots: noindex, nofollow\nog_type: article\nsubtitle: 'Sub <img src=x onerror=window.__pwned=1> & \"co\"'\n"
        "template: main.html\nicon: material/home\nhide: [feedback]\n"
    )
    edit(project / "docs/about.md", "\n---\n", f"\n{fields}---\n")
    check_passes(project, capsys, monkeypatch)
    built = build(project, tmp_path / "site")
    assert built.returncode == 0, built.log
    soup = read_html(tmp_path / "site/about/index.html")
    assert soup.select_one('meta[name="robots"]')["content"] == "noindex, nofollow"
    assert soup.select_one('meta[property="og:type"]')["content"] == "article"
    assert soup.select("img[onerror]") == []
    home = read_html(tmp_path / "site/index.html")  # Material shows a page's subtitle under its name in the navigation
    assert [small.get_text() for small in home.select(".md-nav small")] == ['Sub <img src=x onerror=window.__pwned=1> & "co"']
    assert home.select("img[onerror]") == []
    nothing_ran(browser, tmp_path / "site", ["about/", ""])


def test_the_one_list_of_fields_is_what_the_live_docs_and_the_sample_use() -> None:
    """Every field the project's own docs pages and the sample site's use is in the list."""
    from rhannu.frontmatter import parse_source
    from tests.support.sites import FIXTURE, PROJECT

    for folder in (PROJECT / "docs", FIXTURE / "docs"):
        for path in folder.glob("*.md"):
            source = parse_source(path.name, path.read_text(encoding="utf-8"))
            assert not isinstance(source, Exception) and set(source.meta) <= set(docs_meta.FIELDS), path


# --- Settings in mkdocs.yml -------------------------------------------------------------------------

BAD_URLS = [
    "javascript://example.org/%0Awindow.__pwned=1",
    "https://sample.example.org/\"><script>window.__pwned=1</script>",
    "ftp://sample.example.org/",
    "https:///no-host/",
    "https://exa mple.org/",
    "https://sample.example.org/?q=1",
    "//sample.example.org/",
    "data:text/html,<script>window.__pwned=1</script>//x.org",
]


@pytest.mark.parametrize("url", BAD_URLS)
def test_site_url_is_a_web_address_with_a_host(project, capsys, monkeypatch, url: str) -> None:
    """Each is refused by name: by Rhannu, or (with no scheme or host at all) by MkDocs' own check,
    which `rhannu check` reports the same way, without a traceback."""
    edit(project / "mkdocs.yml", "site_url: https://sample.rhannu.example.org/", f"site_url: {url!r}")
    (error,) = check(project, capsys, monkeypatch)
    ours = "mkdocs.yml: field 'site_url': expected the address the site is published at, as https://host/ (or http://); got "
    assert error.startswith(ours + repr(url)[:-1]) or error == "mkdocs.yml: field 'site_url': The URL isn't valid, it should include the http:// (scheme)"


def test_mkdocs_own_refusal_of_a_site_url_is_not_a_traceback_and_ours_covers_what_it_lets_through(project, capsys, monkeypatch) -> None:
    edit(project / "mkdocs.yml", "site_url: https://sample.rhannu.example.org/", "site_url: 'javascript://x.org/%0Awindow.__pwned=1'")
    assert check(project, capsys, monkeypatch) == [
        "mkdocs.yml: field 'site_url': expected the address the site is published at, as https://host/ (or http://); "
        "got 'javascript://x.org/%0Awindow.__pwned=1/'"
    ]


@pytest.mark.parametrize("url", ["http://127.0.0.1:8000/", "http://[::1]:8000/", "https://rhannu.cymru/sub/path/", "https://a-b.example.org"])
def test_the_addresses_a_site_is_served_at_are_accepted(project, capsys, monkeypatch, url: str) -> None:
    edit(project / "mkdocs.yml", "site_url: https://sample.rhannu.example.org/", f"site_url: {url!r}")
    check_passes(project, capsys, monkeypatch)


@pytest.mark.parametrize("url", BAD_URLS[:3])
def test_a_languages_own_site_url_is_checked_too(project, capsys, monkeypatch, url: str) -> None:
    edit(project / "mkdocs.yml", "          site_name: Safle enghreifftiol Rhannu\n", f"          site_name: Safle enghreifftiol Rhannu\n          site_url: {url!r}\n")
    assert check(project, capsys, monkeypatch) == [
        f"mkdocs.yml: field 'plugins.i18n.languages.cy.site_url': expected the address the site is published at, as https://host/ (or http://); got {url!r}"
    ]


@pytest.mark.parametrize(("name", "shown"), [('"Two\\nlines"', "'Two\\nlines'"), ('"Bell\\a"', "'Bell\\x07'"), ('"Null\\0"', "'Null\\x00'"), ('"Del\\x7f"', "'Del\\x7f'")])
def test_site_names_are_text_without_control_characters(project, capsys, monkeypatch, name: str, shown: str) -> None:
    edit(project / "mkdocs.yml", "site_name: Rhannu sample site", f"site_name: {name}")
    edit(project / "mkdocs.yml", "          site_name: Safle enghreifftiol Rhannu", f"          site_name: {name}")
    message = f"expected the site's name as text on one line, without control characters; got {shown}"
    assert check(project, capsys, monkeypatch) == [
        f"mkdocs.yml: field 'plugins.i18n.languages.cy.site_name': {message}",
        f"mkdocs.yml: field 'site_name': {message}",
    ]


SECTION = "News <img src=x onerror=window.__pwned=5> & co"
NAME = "Rhannu <img src=x onerror=window.__pwned=1> & \"co\" </title><script>window.__pwned=2</script>"


@pytest.mark.browser
def test_site_names_and_copyright_with_markup_are_text_in_every_template(tmp_path: Path, browser) -> None:
    """Material prints config.site_name bare in the header, the navigation and <title>, copyright in
    the footer, and the nav's section titles from mkdocs.yml: text with markup reaches all of them
    as text, in both languages."""
    project = copy_fixture(tmp_path / "project")
    mkdocs_yml = project / "mkdocs.yml"
    edit(mkdocs_yml, "site_name: Rhannu sample site", f"site_name: {NAME!r}")
    edit(mkdocs_yml, "copyright: Rhannu sample site", f"copyright: {NAME!r}")
    edit(mkdocs_yml, "          site_name: Safle enghreifftiol Rhannu", f"          site_name: {('Cy ' + NAME)!r}")
    edit(mkdocs_yml, "  - Newsletters:\n", f"  - {SECTION!r}:\n")
    edit(mkdocs_yml, "            Newsletters: Cylchlythyrau", f"            {SECTION!r}: {('Cy ' + SECTION)!r}")
    built = build(project, tmp_path / "site")
    assert built.returncode == 0, built.log
    site = tmp_path / "site"
    pages = (("index.html", NAME), ("about/index.html", NAME), ("cy/index.html", "Cy " + NAME), ("404.html", NAME), ("cy/404.html", "Cy " + NAME))
    for page, name in pages:
        soup = read_html(site / page)
        code = [script for script in soup.select("script") if script.get("type") != "application/json"]  # JSON is data
        assert soup.select("img[onerror]") == [] and not [s for s in code if "__pwned" in (s.string or "")], page
        assert name in soup.title.get_text() or page.endswith("404.html"), page
        assert soup.select_one('meta[property="og:site_name"]')["content"] == name, page
        assert name in soup.select_one(".md-header__topic").get_text(), page
    assert read_html(site / "about/index.html").select_one(".md-copyright__highlight").get_text(strip=True) == NAME
    for page, section in (("about/index.html", SECTION), ("cy/amdanom/index.html", "Cy " + SECTION)):  # the nav's own titles
        assert section in [label.get_text(" ", strip=True) for label in read_html(site / page).select(".md-nav__link, .md-nav__title")], page
    feed = ElementTree.parse(site / "feed.xml").getroot()
    assert feed.findtext("channel/title") == NAME  # feeds, read from the settings, still get the name as plain text
    nothing_ran(browser, site, ["", "about/", "cy/", "case-studies/sample-hackathon/"])


# --- Files beside content, and in docs/ ------------------------------------------------------------


def png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = zlib.compress(b"\x00\xff\x00\x00")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


CLEAN_SVG = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
    'viewBox="0 0 10 10"><title>A square</title><defs><linearGradient id="g"><stop offset="0" stop-color="red"/></linearGradient>'
    '<rect id="r" width="4" height="4"/></defs><style>rect { fill: url(#g); }</style>'
    '<use xlink:href="#r"/><rect width="10" height="10" fill="url(#g)"/><text x="1" y="9">Hi</text></svg>'
)
SVG_OPEN = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
HOSTILE_SVGS = {
    "script": SVG_OPEN + "<script>window.__pwned=1</script></svg>",
    "script-cdata": SVG_OPEN + "<script type='text/ecmascript'><![CDATA[window.__pwned=1]]></script></svg>",
    "onload": '<svg xmlns="http://www.w3.org/2000/svg" onload="window.__pwned=1"/>',
    "onmouseover-on-child": SVG_OPEN + '<rect width="9" height="9" ONMOUSEOVER="window.__pwned=1"/></svg>',
    "foreignObject": SVG_OPEN + '<foreignObject><body xmlns="http://www.w3.org/1999/xhtml"><p>x</p></body></foreignObject></svg>',
    "xhtml-script": SVG_OPEN + '<html:script xmlns:html="http://www.w3.org/1999/xhtml">window.__pwned=1</html:script></svg>',
    "anchor-javascript": SVG_OPEN + '<a href="javascript:window.__pwned=1"><rect width="9" height="9"/></a></svg>',
    "use-javascript": SVG_OPEN + '<use xlink:href=" javascript:window.__pwned=1"/></svg>',
    "animate-href": SVG_OPEN + '<a><animate attributeName="href" to="javascript:window.__pwned=1"/><text>x</text></a></svg>',
    "set": SVG_OPEN + '<set attributeName="onmouseover" to="window.__pwned=1"/></svg>',
    "external-image": SVG_OPEN + '<image href="https://evil.example/x.png"/></svg>',
    "external-use": SVG_OPEN + '<use href="https://evil.example/sprite.svg#x"/></svg>',
    "data-use": SVG_OPEN + '<use href="data:image/svg+xml,&lt;svg onload=alert(1)&gt;"/></svg>',
    "style-import": SVG_OPEN + '<style>@import "https://evil.example/x.css";</style></svg>',
    "style-url": SVG_OPEN + "<style>rect { fill: url(https://evil.example/x); }</style></svg>",
    "attribute-url": SVG_OPEN + '<rect style="fill: url(&quot;https://evil.example/x&quot;)"/></svg>',
    "entity": '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg">&x;</svg>',
    "doctype": '<!doctype svg><svg xmlns="http://www.w3.org/2000/svg"/>',
    "xml-stylesheet": '<?xml-stylesheet type="text/xsl" href="x.xsl"?><svg xmlns="http://www.w3.org/2000/svg"/>',
    "no-namespace": "<svg><script>window.__pwned=1</script></svg>",
    "html-root": '<html xmlns="http://www.w3.org/1999/xhtml"><script>window.__pwned=1</script></html>',
    "not-xml": "<svg onload=window.__pwned=1>",
    "latin-1": '<svg xmlns="http://www.w3.org/2000/svg"><text>caf\xe9</text></svg>',
}


@pytest.mark.parametrize("name", list(HOSTILE_SVGS))
def test_an_svg_that_could_do_more_than_draw_is_refused(name: str) -> None:
    data = HOSTILE_SVGS[name].encode("latin-1" if name == "latin-1" else "utf-8")
    problem = assets.svg_problem(data)
    assert problem is not None and problem.endswith("save it as plain SVG without it, or as a PNG"), problem


def test_a_clean_svg_is_accepted() -> None:
    assert assets.svg_problem(CLEAN_SVG.encode()) is None
    assert assets.svg_problem(b"\xef\xbb\xbf" + CLEAN_SVG.encode()) is None  # with a byte order mark


def test_ordinary_drawings_are_accepted() -> None:
    """The rule takes real drawings: the site's own logo and favicon, and Material's icons."""
    import material

    from tests.support.sites import PROJECT

    icons = sorted((Path(material.__file__).parent / "templates/.icons").rglob("*.svg"))[::400]
    drawings = [*(PROJECT / "overrides/assets/images").glob("*.svg"), *icons]
    assert len(drawings) > 10
    assert {path.name: assets.svg_problem(path.read_bytes()) for path in drawings} == {path.name: None for path in drawings}


ALLOWED = "only images (.png, .jpg, .jpeg, .gif, .webp, .avif, .svg) are published beside the case studies"


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("page.html", b"<script>window.__pwned=1</script>", f"is a type of file that runs script on the site's own address: {ALLOWED}; remove it"),
        ("Page.HTM", b"<p>x</p>", f"is a type of file that runs script on the site's own address: {ALLOWED}; remove it"),
        ("app.js", b"window.__pwned=1", f"is a type of file that runs script on the site's own address: {ALLOWED}; remove it"),
        ("feed.xml", b"<x/>", f"is a type of file that runs script on the site's own address: {ALLOWED}; remove it"),
        ("page.xhtml", b"<x/>", f"is a type of file that runs script on the site's own address: {ALLOWED}; remove it"),
        ("notes.docx", b"PK\x03\x04", f"is not published: {ALLOWED}; remove it, or keep it outside the project"),
        ("report.pdf", b"%PDF-1.7", f"is not published: {ALLOWED}; remove it, or keep it outside the project"),
        ("no-suffix", b"x", f"is not published: {ALLOWED}; remove it, or keep it outside the project"),
        ("photo.png", b"<html><script>window.__pwned=1</script></html>", "is not a PNG image, whatever its name says: save it as one, or remove it"),
        ("photo.jpg", png(), "is not a JPG image, whatever its name says: save it as one, or remove it"),
        ("photo.GIF", b"GIF8", "is not a GIF image, whatever its name says: save it as one, or remove it"),
        ("photo.webp", b"RIFF\x00\x00\x00\x00WAVE", "is not a WEBP image, whatever its name says: save it as one, or remove it"),
        ("photo.avif", b"\x00\x00\x00\x18ftypmp42", "is not a AVIF image, whatever its name says: save it as one, or remove it"),
        ("drawing.svg", HOSTILE_SVGS["onload"].encode(), "has an event attribute (onload=), which could run script: save it as plain SVG without it, or as a PNG"),
    ],
    ids=lambda value: value if isinstance(value, str) and len(value) < 20 else None,
)
def test_only_images_are_published_beside_a_case_study(project, capsys, monkeypatch, tmp_path, name: str, data: bytes, expected: str) -> None:
    (project / "case_studies" / name).write_bytes(data)
    assert check(project, capsys, monkeypatch) == [f"case_studies/{name}: {expected}"]


def test_a_bad_file_stops_the_build_and_nothing_is_written(project, tmp_path: Path) -> None:
    (project / "lessons/drawing.svg").write_text(HOSTILE_SVGS["script"], encoding="utf-8")
    built = build(project, tmp_path / "site")
    assert built.returncode == 1
    assert "ERROR   -  rhannu: lessons/drawing.svg: has a <script> element, which an SVG here may not have (only drawing)" in built.log
    assert "Traceback" not in built.log
    assert not (tmp_path / "site/lessons/drawing.svg").exists() and not (tmp_path / "site/index.html").exists()


def test_links_that_lead_outside_the_project_are_refused(project, capsys, monkeypatch, tmp_path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.png").write_bytes(png())
    os.symlink("/etc/passwd", project / "case_studies/passwd.png")
    os.symlink(outside / "secret.png", project / "lessons/secret.png")
    os.symlink(outside, project / "docs/linked")
    os.symlink(outside, project / "case_studies/linked")
    os.symlink("/etc/hostname", project / "docs/about.md.bak")
    os.symlink(project / "case_studies/sample-square.png", project / "lessons/square.png")  # inside: fine
    os.symlink(project / "docs", project / "docs/loop")  # inside, and a loop: walked once
    os.symlink(project / "case_studies/gone.png", project / "lessons/dangling.png")
    link = "is a link to a file outside the project, which would be published: copy the file in or remove the link"
    folder = "is a link to a folder outside the project, whose files would be published: make it a real folder"
    assert check(project, capsys, monkeypatch) == [
        f"case_studies/linked: {folder}",
        f"case_studies/passwd.png: {link}",
        f"docs/about.md.bak: {link}",
        f"docs/linked: {folder}",
        "lessons/dangling.png: is a link to a file that does not exist: remove the link",
        f"lessons/secret.png: {link}",
    ]


def test_a_markdown_name_is_no_pass_for_a_link_or_a_folder(tmp_path: Path) -> None:
    project, outside = tmp_path / "project", tmp_path / "outside.md"
    (project / "case_studies/folder.md").mkdir(parents=True)
    (project / "docs").mkdir()
    (project / "case_studies/plain.md").write_text("---\ntitle: A\n---\n", encoding="utf-8")
    outside.write_text("secret", encoding="utf-8")
    os.symlink(outside, project / "case_studies/linked.md")
    os.symlink(project / "case_studies/plain.md", project / "case_studies/inside.md")  # inside: fine
    found, errors = assets.published_files(project, project / "docs")
    assert found == {}
    assert [(error.path, error.message) for error in errors] == [
        ("case_studies/folder.md", "is a folder, which is not published: put images directly beside the case studies"),
        (
            "case_studies/linked.md",
            "is a link to a file outside the project, which would be published: copy the file in or remove the link",
        ),
    ]


def test_a_linked_content_folder_outside_the_project_is_refused(project, capsys, monkeypatch, tmp_path) -> None:
    outside = tmp_path / "elsewhere"
    shutil.move(project / "lessons", outside)
    os.symlink(outside, project / "lessons")
    errors = check(project, capsys, monkeypatch)
    assert "lessons: is a link to a folder outside the project, whose files would be published: make it a real folder" in errors


def test_files_in_docs_follow_the_same_rule(project, capsys, monkeypatch) -> None:
    (project / "docs/images").mkdir()
    (project / "docs/images/ok.png").write_bytes(png())
    (project / "docs/images/fine.svg").write_text(CLEAN_SVG, encoding="utf-8")
    (project / "docs/.DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (project / "docs/page.html").write_text("<script>window.__pwned=1</script>", encoding="utf-8")
    (project / "docs/images/notes.txt").write_text("notes", encoding="utf-8")
    allowed = "only images (.png, .jpg, .jpeg, .gif, .webp, .avif, .svg) are published beside the pages"
    assert check(project, capsys, monkeypatch) == [
        f"docs/images/notes.txt: is not published: {allowed}; remove it, or keep it outside the project",
        f"docs/page.html: is a type of file that runs script on the site's own address: {allowed}; remove it",
    ]


def test_a_folder_beside_case_studies_is_named_not_dropped(project, capsys, monkeypatch) -> None:
    (project / "case_studies/images").mkdir()
    (project / "case_studies/images/photo.png").write_bytes(png())
    (project / "case_studies/.hidden").mkdir()
    assert check(project, capsys, monkeypatch) == [
        "case_studies/images: is a folder, which is not published: put images directly beside the case studies"
    ]


@pytest.mark.browser
def test_clean_images_are_served_and_run_nothing(tmp_path: Path, browser) -> None:
    project = copy_fixture(tmp_path / "project")
    (project / "case_studies/diagram.svg").write_text(CLEAN_SVG, encoding="utf-8")
    (project / "case_studies/photo.png").write_bytes(png())
    (project / "docs/images").mkdir()
    (project / "docs/images/map.svg").write_text(CLEAN_SVG, encoding="utf-8")
    edit(project / "case_studies/sample-hackathon.md", "## What happened\n\n", "## What happened\n\n![A diagram](diagram.svg)\n\n")
    built = build(project, tmp_path / "site")
    assert built.returncode == 0, built.log
    site = tmp_path / "site"
    assert (site / "case-studies/diagram.svg").read_text(encoding="utf-8") == CLEAN_SVG
    assert (site / "case-studies/photo.png").read_bytes() == png()
    assert (site / "images/map.svg").is_file()
    nothing_ran(browser, site, ["case-studies/sample-hackathon/", "case-studies/diagram.svg", "images/map.svg"], hover="svg, rect, text, img")


@pytest.mark.browser
@pytest.mark.parametrize("name", ["script", "onload", "anchor-javascript", "xhtml-script"])
def test_the_refused_svgs_would_run_on_the_sites_address(tmp_path: Path, browser, name: str) -> None:
    """The payloads are real: served on their own, Chromium runs each one that the rule refuses
    for script (so refusing them is what keeps them off the site's address)."""
    from tests.support.server import serve

    (tmp_path / "drawing.svg").write_text(HOSTILE_SVGS[name], encoding="utf-8")
    with serve(tmp_path) as url:
        context = browser.new_context(base_url=url)
        tab = context.new_page()
        tab.goto("drawing.svg")
        tab.wait_for_load_state("load")
        if name == "anchor-javascript":
            tab.click("rect")
        tab.wait_for_function("window.__pwned === 1", timeout=5000)
        ran = tab.evaluate("window.__pwned")
        context.close()
    assert ran == 1
    assert assets.svg_problem(HOSTILE_SVGS[name].encode()) is not None
