"""Script from editors' text, end to end: each member of the class is refused by `rhannu check`
and by `rhannu build` (exit 1, no traceback, the file and line named, nothing written) on every
page type; what the judge passes runs nothing in Chromium; and nh3's output, published even for
the payloads a browser really runs, runs nothing there either."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from rhannu import html_safety
from rhannu.cli import main
from tests.support.sites import PINNED_EPOCH, build, copy_fixture
from tests.test_html_safety import HOSTILE

CASE_STUDY = "case_studies/sample-hackathon.md"
LESSON = "lessons/sample-time.md"
DOCS = "docs/about.md"
NEWS = "newsletters/sample-news.md"

# (the body's new paragraph, the start of the expected error); each a new member of the class
REFUSED = [
    ("<!--><img src=https://example.org/x.png alt=x onerror=alert(1)>", "the attribute 'onerror' on <img> is not allowed (it runs script)"),
    ("<!---><svg onload=alert(1)>-->", "the element <svg> is not allowed"),
    ("<!-- x --!><iframe srcdoc='<script>alert(1)</script>'>-->", "the element <iframe> is not allowed"),
    ("<body onpageshow=alert(1)>", "the attribute 'onpageshow' on <body> is not allowed (it runs script)"),
    ("<math><mi><table><mglyph><style><img src=https://example.org/x.png alt=x onerror=alert(1)>", "the element <math> is not allowed"),
    ('<a href="&#x6A;ava&#x0A;script&colon;alert(1)">x</a>', "the address 'java\\nscript:alert(1)' in href on <a> uses 'javascript:'"),
    ('<abbr id="__config" title="x">x</abbr>', "the id '__config' on <abbr> is reserved"),
    ("## Filters {#rhannu-filters}", "the heading 'Filters' has the id 'rhannu-filters'"),
    ('<p id="__drawer">x</p>', "the id '__drawer' on <p> is reserved"),
]


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_fixture(tmp_path_factory.mktemp("html") / "pristine")


def with_paragraph(project: Path, path: str, paragraph: str) -> int:
    """Add `paragraph` at the end of the body of `path`; the line it is on."""
    source = project / path
    text = source.read_text(encoding="utf-8").rstrip("\n") + "\n\n"
    source.write_text(text + paragraph + "\n", encoding="utf-8")
    return text.count("\n") + 1


def check(project: Path, capsys, monkeypatch) -> tuple[int, list[str], str]:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", PINNED_EPOCH)
    code = main(["--root", str(project), "check"])
    err = capsys.readouterr().err
    return code, [line.removeprefix("ERROR: ") for line in err.splitlines() if line.startswith("ERROR: ")], err


@pytest.mark.parametrize(("paragraph", "expected"), REFUSED)
@pytest.mark.parametrize("path", [CASE_STUDY, LESSON, DOCS, NEWS])
def test_check_refuses_each_member_on_every_page_type(pristine, tmp_path, capsys, monkeypatch, path, paragraph, expected) -> None:
    project = tmp_path / "project"
    shutil.copytree(pristine, project, symlinks=True)
    line = with_paragraph(project, path, paragraph)
    code, errors, err = check(project, capsys, monkeypatch)
    assert code == 1 and "Traceback" not in err, err
    assert any(error.startswith(f"{path}: line {line}: {expected}") for error in errors), errors


@pytest.mark.parametrize(("path", "paragraph", "expected"), [
    (CASE_STUDY, *REFUSED[0]),
    (LESSON, *REFUSED[6]),
    (DOCS, *REFUSED[1]),
    (NEWS, *REFUSED[3]),
])
def test_the_build_refuses_and_writes_nothing(pristine, tmp_path, capsys, path, paragraph, expected) -> None:
    project = tmp_path / "project"
    shutil.copytree(pristine, project, symlinks=True)
    line = with_paragraph(project, path, paragraph)
    site = tmp_path / "published"
    built = build(project, site)
    assert built.returncode == 1 and "Traceback" not in built.log, built.log
    assert f"{path}: line {line}: {expected}" in built.log
    code = main(["--root", str(project), "build", "--site-dir", str(site)])
    assert code == 1 and "Traceback" not in capsys.readouterr().err
    assert not site.exists() or not any(site.iterdir())


def test_what_the_judge_passes_is_published_as_cleaned_and_runs_nothing(pristine, tmp_path, browser) -> None:
    """Markup that only looks like script (an attribute holding a tag, a CDATA section, which HTML
    written as one address) passes, is published as nh3 wrote it, and runs nothing in Chromium."""
    from tests.support.server import serve

    project = tmp_path / "project"
    shutil.copytree(pristine, project, symlinks=True)
    passing = [
        "<p title='</p><img src=sample-square.png alt=x onerror=document.title=`PWNED`>'>title</p>",
        "<p><!-- <img src=sample-square.png alt=x onerror=document.title=`PWNED`> --></p>",
        "<p><img/src=sample-square.png#/onerror=document.title=`PWNED` alt=x></p>",
    ]
    for payload in passing:
        assert html_safety.judge(payload).problem is None, payload
        with_paragraph(project, CASE_STUDY, payload)
    built = build(project, tmp_path / "site")
    assert built.returncode == 0, built.log
    html = (built.site / "case-studies/sample-hackathon/index.html").read_text(encoding="utf-8")
    assert '<img src="sample-square.png#/onerror=document.title=`PWNED`" alt="x">' in html  # one address, no handler
    with serve(built.site) as url:
        page = browser.new_page()
        page.goto(url + "case-studies/sample-hackathon/")
        page.wait_for_load_state("load")
        page.hover("text=title")
        assert "PWNED" not in page.title()
        assert page.evaluate("document.querySelectorAll('article [onerror]').length") == 0
        page.close()


PWN = "<script>window.pwned = 0; function pwn() { window.pwned += 1; }</script>"


def runs(page, html: str) -> bool:
    page.set_content(f"<!doctype html><html><head>{PWN}</head><body><article>{html}</article></body></html>")
    for link in page.query_selector_all("a[href]"):
        link.click(no_wait_after=True, timeout=1000)
    page.wait_for_timeout(50)
    return page.evaluate("window.pwned") > 0


def test_cleaning_alone_disarms_every_payload_that_runs_in_chromium(browser) -> None:
    """The payloads that really run in Chromium as written run nothing as nh3 publishes them,
    so even a judge that missed one would publish nothing that runs."""
    page = browser.new_page()
    ran = [payload for payload in HOSTILE if runs(page, payload)]
    assert len(ran) >= 8, ran  # the test has teeth: these run as written
    for payload in ran:
        assert not runs(page, html_safety.judge(payload).html), payload
    page.close()
