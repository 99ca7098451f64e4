"""Safe by construction (issue 19): text reaches templates and pages as text, and only images are
published beside content. Each class of input is tried with members the examples do not list:
every Markdown construct in a label, every docs front matter field, every way a site setting
or a file beside a case study could carry something active."""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree

import markdown
import pytest
from bs4 import BeautifulSoup

from rhannu import docs_meta
from rhannu.cli import main
from rhannu.views import heading_text
from tests.support.sites import PINNED_EPOCH, build, copy_fixture, read_html


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_fixture(tmp_path / "project")


def check(project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """`rhannu check` on the project: it fails, without a traceback; its ERROR lines."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", PINNED_EPOCH)
    code = main(["--root", str(project), "check"])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert code == 1, err
    return [line.removeprefix("ERROR: ") for line in err.splitlines() if line.startswith("ERROR: ")]


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
    for page in ("case-studies/psb/sample-west/index.html", "cy/astudiaethau-achos/psb/sample-west/index.html"):
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
        ["case-studies/psb/sample-west/", "cy/astudiaethau-achos/psb/sample-west/", "case-studies/sample-hackathon/", "case-studies/"],
    )


# --- Front matter of docs pages ------------------------------------------------------------------

VALID_KEYS = "title, description, translated_from, robots, og_type, subtitle, template, icon, hide"


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


NAME = "Rhannu <img src=x onerror=window.__pwned=1> & \"co\" </title><script>window.__pwned=2</script>"


@pytest.mark.browser
def test_site_names_and_copyright_with_markup_are_text_in_every_template(tmp_path: Path, browser) -> None:
    """Material prints config.site_name bare in the header, the navigation and <title>, and
    copyright in the footer: a name with markup reaches all of them as text, in both languages."""
    project = copy_fixture(tmp_path / "project")
    mkdocs_yml = project / "mkdocs.yml"
    edit(mkdocs_yml, "site_name: Rhannu sample site", f"site_name: {NAME!r}")
    edit(mkdocs_yml, "copyright: Rhannu sample site", f"copyright: {NAME!r}")
    edit(mkdocs_yml, "          site_name: Safle enghreifftiol Rhannu", f"          site_name: {('Cy ' + NAME)!r}")
    built = build(project, tmp_path / "site")
    assert built.returncode == 0, built.log
    site = tmp_path / "site"
    for page, name in (("index.html", NAME), ("about/index.html", NAME), ("cy/index.html", "Cy " + NAME), ("404.html", "Cy " + NAME)):
        soup = read_html(site / page)
        assert soup.select("img[onerror]") == [] and not [s for s in soup.select("script") if "__pwned" in (s.string or "")], page
        assert name in soup.title.get_text() or page == "404.html", page
        assert soup.select_one('meta[property="og:site_name"]')["content"] == name, page
        assert name in soup.select_one(".md-header__topic").get_text(), page
    assert read_html(site / "about/index.html").select_one(".md-copyright__highlight").get_text(strip=True) == NAME
    feed = ElementTree.parse(site / "feed.xml").getroot()
    assert feed.findtext("channel/title") == NAME  # feeds, read from the settings, still get the name as plain text
    nothing_ran(browser, site, ["", "about/", "cy/", "case-studies/sample-hackathon/"])


