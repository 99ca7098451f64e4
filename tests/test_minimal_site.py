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
import jsonschema
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
    assert "0 newsletter items, 2 case studies, 0 lessons and 2 resources checked" in done.stdout


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
    assert len(studies) == 2 and len(catalogue["entries"]) == 4  # and two resources
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


# --- A content type of the site's own: resources, declared in data/schema.yml alone ---------------

RESOURCES = {"en": "resources", "cy": "cy/adnoddau"}
RESOURCE_HEADING = {"en": "Resources", "cy": "Adnoddau"}
RESOURCE_COUNT = {"en": "2 resources", "cy": "2 adnodd"}
CHECKLIST = {"en": "resources/sample-checklist", "cy": "cy/adnoddau/rhestr-wirio-sampl"}  # its Welsh text names its page
CHECKLIST_TITLE = {"en": "Sample checklist for planning a workshop", "cy": "Rhestr wirio sampl ar gyfer cynllunio gweithdy"}
ALL_RESOURCES = {"en": "All resources", "cy": "Pob adnodd"}
MORE_RESOURCES = {"en": "More resources", "cy": "Rhagor o adnoddau"}
FEED = {"en": "feed.xml", "cy": "cy/feed.xml"}


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_resources_have_a_listing_in_their_own_words_at_their_own_address(minimal_site: Path, lang: str) -> None:
    listing = read_html(minimal_site / RESOURCES[lang] / "index.html")
    assert listing.select_one("h1").get_text(strip=True) == RESOURCE_HEADING[lang]
    assert listing.select_one(".rhannu-total").get_text(strip=True) == RESOURCE_COUNT[lang]
    titles = [link.get_text(strip=True) for link in listing.select(".rhannu-card__title a")]
    assert titles[0] == CHECKLIST_TITLE[lang] and len(titles) == 2  # newest first
    assert not listing.select("form.rhannu-filters")  # no facets group them
    assert listing.select_one(".rhannu-card__title a")["href"] == CHECKLIST[lang].rsplit("/", 1)[1] + "/"


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_a_resource_has_its_page_with_its_own_trail_and_pager(minimal_site: Path, lang: str) -> None:
    page = read_html(minimal_site / CHECKLIST[lang] / "index.html")
    assert page.select_one("h1").get_text(strip=True) == CHECKLIST_TITLE[lang]
    trail = [item.get_text(strip=True) for item in page.select(".rhannu-breadcrumbs li")]
    assert trail[1:] == [RESOURCE_HEADING[lang], CHECKLIST_TITLE[lang]]
    pager = page.select_one("nav.rhannu-pager")
    assert pager["aria-label"] == MORE_RESOURCES[lang]
    assert pager.select_one(".rhannu-pager__index a").get_text(strip=True) == ALL_RESOURCES[lang]
    assert page.select_one("html")["lang"].startswith(lang)
    alternates = {link["hreflang"]: link["href"] for link in page.select('link[rel="alternate"][hreflang]')}
    assert alternates["cy"].endswith(f"/{CHECKLIST['cy']}/") and alternates["en-GB"].endswith(f"/{CHECKLIST['en']}/")


def test_no_resource_page_is_left_out_or_named_in_english_under_welsh(minimal_site: Path) -> None:
    assert {path.name for path in (minimal_site / "resources").iterdir() if path.is_dir()} == {
        "sample-checklist",
        "sample-template",
    }
    assert {path.name for path in (minimal_site / "cy/adnoddau").iterdir() if path.is_dir()} == {
        "rhestr-wirio-sampl",
        "sample-template",
    }
    assert not (minimal_site / "cy/resources").exists()


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_resources_are_in_the_feed_of_everything_new(minimal_site: Path, lang: str) -> None:
    feed = feedparser.parse((minimal_site / FEED[lang]).read_bytes())
    assert not feed.bozo
    links = [entry.link for entry in feed.entries]
    checklist = f"{CHECKLIST[lang]}/"
    assert any(link.endswith(checklist) for link in links)
    entry = next(entry for entry in feed.entries if entry.link.endswith(checklist))
    assert entry.title == CHECKLIST_TITLE[lang]
    assert not entry.get("tags")  # no facet, so no categories
    assert sum("resources/" in link or "adnoddau/" in link for link in links) == 2


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_resources_are_catalogue_entries_valid_against_its_schema(minimal_site: Path, lang: str) -> None:
    catalogue = json.loads((minimal_site / CATALOGUE[lang]).read_text(encoding="utf-8"))
    schema = json.loads((minimal_site / CATALOGUE[lang].replace("catalogue", "schema")).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(catalogue)
    resources = [entry for entry in catalogue["entries"] if entry["type"] == "resource"]
    assert sorted(entry["id"] for entry in resources) == ["resource/sample-checklist", "resource/sample-template"]
    checklist = next(entry for entry in resources if entry["id"] == "resource/sample-checklist")
    assert checklist["url"]["cy"].endswith("cy/adnoddau/rhestr-wirio-sampl/")
    assert checklist["audiences"] == [] and checklist["lessons"] == []
    assert "resource" in schema["$defs"]["entry"]["properties"]["type"]["enum"]


def test_an_old_address_of_a_resource_leads_to_it(minimal_site: Path) -> None:
    stub = (minimal_site / "old-resources/sample-checklist/index.html").read_text(encoding="utf-8")
    assert "resources/sample-checklist/" in stub


def test_rhannu_new_resource_scaffolds_both_files_in_the_sites_words(tmp_path: Path) -> None:
    project = copy_minimal(tmp_path / "project")
    done = rhannu(project, "new", "resource", "A new guide")
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["resources/a-new-guide.md", "resources/a-new-guide.cy.md"]
    english = (project / "resources/a-new-guide.md").read_text(encoding="utf-8")
    welsh = (project / "resources/a-new-guide.cy.md").read_text(encoding="utf-8")
    assert 'title: "A new guide"' in english and "TODO: write the resource." in english
    assert "audiences:" not in english and "lessons:" not in english  # no facet, no lessons
    assert "TODO: teitl yr adnodd yn Gymraeg" in welsh and "TODO: ysgrifennwch yr adnodd yn Gymraeg." in welsh
    refused = rhannu(project, "check")
    assert refused.returncode == 1 and "resources/a-new-guide.md" in refused.stderr


def test_a_resource_alias_that_takes_a_case_studys_address_is_refused(tmp_path: Path) -> None:
    project = copy_minimal(tmp_path / "project")
    source = project / "resources/sample-template.md"
    source.write_text(
        source.read_text(encoding="utf-8").replace(
            "published: 2023-05-20\n", "published: 2023-05-20\naliases: [case-studies/]\n"
        ),
        encoding="utf-8",
    )
    done = rhannu(project, "check")
    assert done.returncode == 1
    assert "resources/sample-template.md" in done.stderr and "case-studies/" in done.stderr and "aliases" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_declared_type_without_its_words_is_named_by_rhannu_check(tmp_path: Path) -> None:
    project = copy_minimal(tmp_path / "project")
    schema = project / "data/schema.yml"
    schema.write_text(
        "\n".join(line for line in schema.read_text(encoding="utf-8").splitlines() if "pager_resources" not in line) + "\n",
        encoding="utf-8",
    )
    done = rhannu(project, "check")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "data/schema.yml: field 'labels.en': missing the words of a declared content type: give pager_resources" in done.stderr
    assert "field 'labels.cy'" in done.stderr
