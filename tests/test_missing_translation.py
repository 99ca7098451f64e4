"""End to end: a page without its twin fails a strict build and, in preview, shows a Welsh notice."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.sites import build, copy_fixture, read_html


@pytest.mark.parametrize(
    ("removed", "named", "message"),
    [
        ("docs/about.cy.md", "docs/about.md", "has no Welsh twin; add docs/about.cy.md"),
        ("docs/about.md", "docs/about.cy.md", "has no English twin; add docs/about.md"),
    ],
)
def test_strict_build_fails_naming_the_file_without_a_twin(
    tmp_path: Path, removed: str, named: str, message: str
) -> None:
    project = copy_fixture(tmp_path / "project")
    (project / removed).unlink()
    result = build(project, tmp_path / "site", strict=True)
    assert result.returncode != 0
    assert f"WARNING -  rhannu: {named}: {message}" in result.log
    assert "in strict mode!" in result.log  # with MkDocs' own warnings about the missing file


def test_without_strict_the_welsh_address_shows_a_welsh_notice(tmp_path: Path) -> None:
    project = copy_fixture(tmp_path / "project")
    (project / "docs/about.cy.md").unlink()
    result = build(project, tmp_path / "site", strict=False)
    assert result.returncode == 0, result.log
    soup = read_html(result.site / "cy/about/index.html")
    article = soup.select_one("article")
    assert article.h1.get_text(strip=True) == "Nid yw'r dudalen hon ar gael yn Gymraeg eto"
    english_link = article.select_one('a[lang="en-GB"]')
    assert english_link["href"] == "../../about/"
    assert "a little of every kind of content" not in article.get_text()
    assert soup.select_one('meta[name="robots"]')["content"] == "noindex"
    assert soup.html["lang"] == "cy"
    # the English page no longer offers a Welsh alternate that does not exist
    english = read_html(result.site / "about/index.html")
    assert "cy" not in {link["hreflang"] for link in english.select('link[rel="alternate"][hreflang]')}


def test_the_welsh_notice_names_the_english_page_by_its_english_title(tmp_path: Path) -> None:
    project = copy_fixture(tmp_path / "project")
    (project / "docs/about.cy.md").unlink()
    result = build(project, tmp_path / "site", strict=False)
    assert result.returncode == 0, result.log
    english_link = read_html(result.site / "cy/about/index.html").select_one('article a[lang="en-GB"]')
    assert english_link.get_text() == "About this sample site"
