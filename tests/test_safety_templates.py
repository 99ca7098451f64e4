"""Safe by construction (issue 19): text reaches templates and pages as text, and only images are
published beside content. Each class of input is tried with members the examples do not list:
every Markdown construct in a label, every docs front matter field, every way a site setting
or a file beside a case study could carry something active."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup

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


