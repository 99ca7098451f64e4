"""The minimal sample site (tests/fixture_minimal): another schema than the sample site's (one
facet, audiences; no lessons or newsletter items; its own words for some interface text), checked
and built with --strict. Its facet's pages, feeds, filter, catalogue entries and scaffold follow
from its data/schema.yml alone, in both languages."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import feedparser
import pytest

from tests.support.sites import PROJECT, BuildResult, build, build_env, read_html

MINIMAL = PROJECT / "tests/fixture_minimal"
LISTING = {"en": "case-studies/index.html", "cy": "cy/astudiaethau-achos/index.html"}
FACET_PAGE = {"en": "case-studies/audience/councillors", "cy": "cy/astudiaethau-achos/cynulleidfa/cynghorwyr"}
OWN_HEADING = {"en": "Examples of practice", "cy": "Enghreifftiau o arfer"}
FACET_NAME = {"en": "Audience", "cy": "Cynulleidfa"}
CATALOGUE = {"en": "api/v1/catalogue.json", "cy": "cy/api/v1/catalogue.json"}


def copy_minimal(destination: Path) -> Path:
    shutil.copytree(MINIMAL, destination, ignore=shutil.ignore_patterns("__pycache__"))
    return destination


def rhannu(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "rhannu.cli", "--root", str(root), *args]
    return subprocess.run(command, env=build_env(), capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def minimal_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_minimal(tmp_path_factory.mktemp("minimal") / "project")


@pytest.fixture(scope="module")
def minimal_build(minimal_project: Path, tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    return build(minimal_project, tmp_path_factory.mktemp("minimal") / "site")


@pytest.fixture(scope="module")
def minimal_site(minimal_build: BuildResult) -> Path:
    assert minimal_build.returncode == 0, minimal_build.log
    return minimal_build.site


def test_the_minimal_site_checks_clean(minimal_project: Path) -> None:
    done = rhannu(minimal_project, "check")
    assert done.returncode == 0, done.stderr
    assert "0 newsletter items, 2 case studies and 0 lessons checked" in done.stdout


def test_the_minimal_site_builds_strictly(minimal_build: BuildResult) -> None:
    assert minimal_build.returncode == 0, minimal_build.log
    assert "WARNING" not in minimal_build.log


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_its_listing_has_its_own_words_and_its_facets_filter(minimal_site: Path, lang: str) -> None:
    listing = read_html(minimal_site / LISTING[lang])
    assert listing.select_one("h1").get_text(strip=True) == OWN_HEADING[lang]
    selects = listing.select("form.rhannu-filters select")
    assert [select["name"] for select in selects] == ["audience"]
    assert listing.select_one("label[for=filter-audience]").get_text(strip=True) == FACET_NAME[lang]
    assert len(listing.select("select#filter-audience option")) == 3  # all, and each audience with case studies


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_its_facet_has_a_page_and_a_feed_per_value(minimal_site: Path, lang: str) -> None:
    page = read_html(minimal_site / FACET_PAGE[lang] / "index.html")
    titles = {"en": "Councillors", "cy": "Cynghorwyr"}
    assert titles[lang] in page.select_one("h1").get_text()
    feed = feedparser.parse((minimal_site / FACET_PAGE[lang] / "feed.xml").read_bytes())
    assert not feed.bozo
    assert len(feed.entries) == 2  # both sample case studies are for councillors


def test_no_facet_of_the_programme_is_built(minimal_site: Path) -> None:
    built = {path.name for path in (minimal_site / "case-studies").iterdir() if path.is_dir()}
    assert built == {"audience", "sample-briefing", "sample-workshop"}
    assert {path.name for path in (minimal_site / "cy/astudiaethau-achos").iterdir() if path.is_dir()} == {
        "cynulleidfa",
        "sample-briefing",
        "sample-workshop",
    }


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_its_catalogue_carries_the_facet_and_its_schema_declares_it(minimal_site: Path, lang: str) -> None:
    catalogue = json.loads((minimal_site / CATALOGUE[lang]).read_text(encoding="utf-8"))
    studies = [entry for entry in catalogue["entries"] if entry["type"] == "case-study"]
    assert len(studies) == 2 and len(catalogue["entries"]) == 2
    assert all(entry["audiences"] for entry in studies)
    assert all("psb" not in entry and "themes" not in entry for entry in studies)
    schema = json.loads((minimal_site / CATALOGUE[lang].replace("catalogue", "schema")).read_text(encoding="utf-8"))
    assert "audiences" in schema["$defs"]["entry"]["properties"]


def test_its_scaffold_asks_for_the_facet(tmp_path: Path) -> None:
    project = copy_minimal(tmp_path / "project")
    done = rhannu(project, "new", "case-study", "A new example")
    assert done.returncode == 0, done.stderr
    english = (project / "case_studies/a-new-example.md").read_text(encoding="utf-8")
    assert "audiences:" in english and "psb:" not in english
    assert (project / "case_studies/a-new-example.cy.md").is_file()
