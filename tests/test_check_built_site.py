"""scripts/check-built-site (rhannu/site_check.py), the check that stops a deploy: on a tiny site, it passes a good page,
names each problem on a broken one, and leaves email editions alone."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from rhannu.site_check import VNU, check, main, source_of

PAGE = """<!DOCTYPE html>
<html lang="en-GB">
<head><meta charset="utf-8"><title>{title}</title><meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><main><h1>{title}</h1><p>Some text.</p>{extra}</main></body>
</html>
"""


def write_page(site: Path, address: str, extra: str = "") -> None:
    path = site / address / "index.html" if not address.endswith(".html") else site / address
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(PAGE.format(title=address or "Home", extra=extra), encoding="utf-8")


@pytest.fixture
def nu_checker() -> None:
    if shutil.which("java") is None or not VNU.exists():
        message = "the Nu HTML checker needs Java and `npm ci` (vnu-jar in node_modules)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message + " - it never skips in CI", pytrace=False)
        pytest.skip(message)


@pytest.mark.browser
@pytest.mark.usefixtures("nu_checker")
def test_a_good_site_passes_and_a_broken_page_is_named_with_each_problem(browser, tmp_path: Path, capsys) -> None:
    site = tmp_path / "site"
    write_page(site, "")
    write_page(site, "newsletters/2022-03-14/email.html", extra='<img src="logo.png">')  # email rules are its own
    assert check(site, browser) == 0
    assert capsys.readouterr().out.startswith("1 web pages checked: no accessibility or HTML problems.")

    write_page(site, "cy/about", extra='<img src="diagram.png">')
    assert check(site, browser) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == '/cy/about/: image-alt: Images must have alternative text (<img src="diagram.png">)'
    assert lines[1].startswith("/cy/about/: html: An “img” element must have an “alt” attribute")
    assert "1 of 2 web pages" in lines[3]
    assert "Source of /cy/about/: docs/about.cy.md" in lines
    assert any(line.startswith("What to do (image-alt): describe each image") for line in lines)


def test_a_folder_that_is_not_a_built_site_is_a_usage_error(tmp_path: Path) -> None:
    assert main([str(tmp_path)]) == 2


def test_the_source_named_is_the_markdown_file_that_exists() -> None:
    assert source_of("/") == "docs/index.md"
    assert source_of("/cy/about/") == "docs/about.cy.md"
    assert source_of("/case-studies/sharing-practice/") == "case_studies/sharing-practice.md"
    assert source_of("/cy/gwersi/small-projects/") == "lessons/small-projects.cy.md"  # Welsh addresses, Welsh sources
    assert source_of("/case-studies/theme/sharing-practice/") is None
    assert source_of("/newsletters/2022-03-14/") is None
