"""End to end: case studies, lessons, facets and redirects on the real build, in both languages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.sites import build, copy_project, read_html

CASE_STUDIES = sorted(path.name.removesuffix(".md") for path in Path("case_studies").glob("*.md") if ".cy." not in path.name)
LESSONS = sorted(path.name.removesuffix(".md") for path in Path("lessons").glob("*.md") if ".cy." not in path.name)
PREFIXES = {"en": "", "cy": "cy/"}


def front_matter_lessons(slug: str) -> list[str]:
    import yaml

    text = Path(f"case_studies/{slug}.md").read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---")[1])["lessons"]


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_every_case_study_and_lesson_is_published_in_both_languages(site: Path, lang: str) -> None:
    prefix = PREFIXES[lang]
    for slug in CASE_STUDIES:
        soup = read_html(site / f"{prefix}case-studies/{slug}/index.html")
        assert soup.html["lang"] == ("cy" if lang == "cy" else "en-GB")
        assert soup.select_one("main article h1")
    for slug in LESSONS:
        assert (site / f"{prefix}lessons/{slug}/index.html").exists()


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_case_studies_link_their_lessons_and_lessons_link_back(site: Path, lang: str) -> None:
    prefix = PREFIXES[lang]
    cited_by: dict[str, set[str]] = {}
    for slug in CASE_STUDIES:
        soup = read_html(site / f"{prefix}case-studies/{slug}/index.html")
        links = {a["href"] for a in soup.select('[aria-labelledby="lessons-heading"] a')}
        expected = set(front_matter_lessons(slug))
        assert links == {f"../../lessons/{lesson}/" for lesson in expected}, slug
        for lesson in expected:
            cited_by.setdefault(lesson, set()).add(slug)
    for slug in LESSONS:
        soup = read_html(site / f"{prefix}lessons/{slug}/index.html")
        links = {a["href"] for a in soup.select('[aria-labelledby="evidence-heading"] .rhannu-card__title a')}
        assert links == {f"../../case-studies/{study}/" for study in cited_by.get(slug, set())}, slug


def test_welsh_case_study_shows_welsh_labels_and_date(site: Path) -> None:
    soup = read_html(site / "cy/case-studies/sharing-practice/index.html")
    meta = soup.select_one(".rhannu-meta").get_text(" ", strip=True)
    assert "Cyhoeddwyd 31 Mawrth 2022" in meta
    assert "BGC Ar draws y rhaglen" in meta


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_index_has_a_card_per_case_study_and_facet_counts(site: Path, lang: str) -> None:
    prefix = PREFIXES[lang]
    soup = read_html(site / f"{prefix}case-studies/index.html")
    titles = soup.select("#rhannu-card-list .rhannu-card__title a")
    assert len(titles) == len(CASE_STUDIES)
    assert all(a.get_text(strip=True) for a in titles), "each card's link text is its title"
    facets = {a["href"]: a.find_parent("li").select_one(".rhannu-count").get_text() for a in soup.select(".rhannu-facets a")}
    assert facets["psb/programme/"] == f"({len(CASE_STUDIES)})"
    assert facets["psb/powys/"] == "(0)"
    assert facets["year/2022/"] == f"({len(CASE_STUDIES)})"
    cards = json.loads((site / f"{prefix}case-studies/cards.json").read_text(encoding="utf-8"))
    assert sorted(card["url"] for card in cards) == sorted(f"/{prefix}case-studies/{slug}/" for slug in CASE_STUDIES)


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_facet_pages_list_matching_case_studies_and_psb_pages_open_with_the_report(site: Path, lang: str) -> None:
    prefix = PREFIXES[lang]
    hackathon = read_html(site / f"{prefix}case-studies/approach/hackathon/index.html")
    links = [a["href"] for a in hackathon.select(".rhannu-card__title a")]
    assert links == ["../../hackathons-and-100-day-challenges/"]
    powys = read_html(site / f"{prefix}case-studies/psb/powys/index.html").select_one("article")
    intro = powys.find("p").get_text()
    assert ("stepped back due to capacity" if lang == "en" else "Camodd Powys yn ôl") in intro
    assert powys.select_one(".rhannu-empty")


def test_sidebar_does_not_list_each_case_study(site: Path) -> None:
    nav = read_html(site / "index.html").select_one(".md-nav--primary")
    hrefs = [a.get("href", "") for a in nav.select("a")]
    assert not [href for href in hrefs if "case-studies/" in href and href.rstrip("/").count("/") > 1]


def test_aliases_redirect_in_both_languages(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    source = project / "case_studies/sharing-practice.md"
    source.write_text(
        source.read_text(encoding="utf-8").replace("\n---\n", "\naliases: [news/sharing/]\n---\n", 1),
        encoding="utf-8",
    )
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.log
    for prefix in ("", "cy/"):
        soup = read_html(result.site / f"{prefix}news/sharing/index.html")
        refresh = soup.select_one('meta[http-equiv="refresh"]')["content"]
        assert refresh == f"0; url=/{prefix}case-studies/sharing-practice/"
        canonical = soup.select_one('link[rel="canonical"]')["href"]
        assert canonical == f"https://rhannu.example.org/{prefix}case-studies/sharing-practice/"
        assert soup.html["lang"] == ("cy" if prefix else "en-GB")


def test_bad_files_stop_the_build_naming_every_problem_and_nothing_is_dropped(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    study = project / "case_studies/sharing-practice.md"
    study.write_text(study.read_text(encoding="utf-8").replace("psb: programme", "psb: north wales"), encoding="utf-8")
    lesson = project / "lessons/planning-time.cy.md"
    lesson.write_text(lesson.read_text(encoding="utf-8").replace("title:", "titl:"), encoding="utf-8")
    result = build(project, tmp_path / "site")
    assert result.returncode == 1
    assert "ERROR   -  rhannu: case_studies/sharing-practice.md: field 'psb': expected one of north-wales, " \
        "cwm-taf-bridgend, west-wales, powys, programme; got 'north wales'" in result.log
    assert "ERROR   -  rhannu: lessons/planning-time.cy.md: field 'titl': unknown field (did you mean 'title'?)" in result.log
    assert "Traceback" not in result.log
    assert "Aborted with a BuildError" not in result.log


def test_check_command_reports_the_same_errors_as_the_build(tmp_path: Path) -> None:
    import subprocess
    import sys

    project = copy_project(tmp_path / "project")
    study = project / "case_studies/sharing-practice.md"
    study.write_text(study.read_text(encoding="utf-8").replace("psb: programme", "psb: north wales"), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "rhannu.cli", "--root", str(project), "check"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 1
    built = build(project, tmp_path / "site")
    errors = [line.removeprefix("ERROR: ") for line in done.stderr.splitlines() if line.startswith("ERROR: ")]
    assert errors and all(f"rhannu: {error}" in built.log for error in errors)


def test_every_source_file_is_on_the_site(site: Path) -> None:
    for folder, address in (("case_studies", "case-studies"), ("lessons", "lessons")):
        for source in Path(folder).glob("*.md"):
            slug = source.name.removesuffix(".md").removesuffix(".cy")
            prefix = "cy/" if source.name.endswith(".cy.md") else ""
            assert (site / f"{prefix}{address}/{slug}/index.html").exists(), source


def test_images_beside_a_case_study_are_published_with_their_alt_text(tmp_path: Path) -> None:
    import base64

    project = copy_project(tmp_path / "project")
    png = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==")
    (project / "case_studies/event.png").write_bytes(png)
    for name, alt in (("sharing-practice.md", "An online event"), ("sharing-practice.cy.md", "Digwyddiad ar-lein")):
        path = project / "case_studies" / name
        path.write_text(path.read_text(encoding="utf-8") + f"\n![{alt}](event.png)\n", encoding="utf-8")
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.log
    for prefix, alt in (("", "An online event"), ("cy/", "Digwyddiad ar-lein")):
        page = result.site / f"{prefix}case-studies/sharing-practice/index.html"
        image = read_html(page).select_one(f'article img[alt="{alt}"]')
        assert (page.parent / image["src"]).resolve().read_bytes() == png


def test_index_is_paginated_past_fifty_cards(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    source = (project / "case_studies/sharing-practice.md").read_text(encoding="utf-8")
    welsh = (project / "case_studies/sharing-practice.cy.md").read_text(encoding="utf-8")
    for number in range(50):
        (project / f"case_studies/extra-{number}.md").write_text(source, encoding="utf-8")
        (project / f"case_studies/extra-{number}.cy.md").write_text(welsh, encoding="utf-8")
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.log
    total = len(CASE_STUDIES) + 50
    for prefix in ("", "cy/"):
        first = read_html(result.site / f"{prefix}case-studies/index.html")
        second = read_html(result.site / f"{prefix}case-studies/page/2/index.html")
        assert len(first.select("#rhannu-card-list .rhannu-card")) == 50
        assert len(second.select("#rhannu-card-list .rhannu-card")) == total - 50
        assert first.select_one('.rhannu-pagination a[rel="next"]')["href"] == "page/2/"
        assert second.select_one('.rhannu-pagination a[rel="prev"]')["href"] == "../../"
