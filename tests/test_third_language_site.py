"""A third language is the site's data: each sample site (tests/fixture_site, with its newsletter,
email editions and lessons, and tests/fixture_minimal, with its own schema) with French added by
this test, in mkdocs.yml, data/schema.yml, data/taxonomy.yml, data/sources.yml and a French file
beside each English one, builds with --strict and has every page in three languages.

French, because Material ships a French interface partial (Irish and Scottish Gaelic it has not);
its words are generated from the English ones with a marker, since this tests the engine, not a
translation."""

from __future__ import annotations

import filecmp
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import feedparser
import pytest
import yaml
from bs4 import BeautifulSoup

from rhannu.labels import KEYS
from rhannu.names import PLACEHOLDER
from tests.support.sites import FIXTURE, FIXTURE_URL, PROJECT, BuildResult, build, build_env, html_pages, read_html

MINIMAL = PROJECT / "tests/fixture_minimal"
SITES = {FIXTURE: FIXTURE_URL, MINIMAL: "https://minimal.rhannu.example.org/"}  # each with its site_url
MARK = "[fr] "  # every French word this test makes starts so: a page shows French text, not another language's
BODY_MARK = "Texte français de cette page (généré par le test)."
FRENCH = {"locale": "fr", "name": "Français", "build": True, "theme": {"language": "fr"}}


def _load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _dump(path: Path, data: Any) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")


def _in_each_language(settings: Any) -> list[dict[str, Any]]:
    """Every mapping of the site's settings that gives a text in each language: {en: ..., cy: ...}."""
    if not isinstance(settings, dict):
        return []
    if {"en", "cy"} <= set(settings) and isinstance(settings["en"], str):
        return [settings]
    return [found for value in settings.values() for found in _in_each_language(value)]


def _marked(texts: dict[str, Any]) -> dict[str, Any]:
    """The texts with the marker; a scaffold's placeholder text keeps its first word, which the build refuses to publish."""
    return {key: _mark(text) if isinstance(text, str) else text for key, text in texts.items()}


def _mark(text: str) -> str:
    text = text.replace('"', "“")  # a site's words are plain text
    return f"{PLACEHOLDER}: {MARK}{text.removeprefix(PLACEHOLDER + ': ')}" if text.startswith(PLACEHOLDER) else MARK + text


def add_french(project: Path) -> Path:
    settings = _load(project / "mkdocs.yml")
    i18n = next(plugin["i18n"] for plugin in settings["plugins"] if isinstance(plugin, dict) and "i18n" in plugin)
    welsh = next(entry for entry in i18n["languages"] if entry["locale"] == "cy")
    i18n["languages"].append(
        {
            **FRENCH,
            "site_name": MARK + settings["site_name"],
            "nav_translations": {english: MARK + english for english in welsh["nav_translations"]},
        }
    )
    for words in _in_each_language(settings.get("extra", {})):
        words["fr"] = words["en"] if words["en"].startswith("https://") else MARK + words["en"]
    _dump(project / "mkdocs.yml", settings)
    schema = _load(project / "data/schema.yml")
    schema["languages"]["fr"] = {"tag": "fr", "english_name": "French"}
    for facets in (schema["vocabularies"], schema["derived_facets"]):
        for entry in facets.values():
            if "labels" in entry:
                entry["labels"]["fr"] = _marked(entry["labels"]["en"])
    for kind in schema["content_types"].values():
        if "address" in kind:
            kind["address"]["fr"] = kind["address"]["en"]
        if kind["behaviour"] == "newsletter-items":
            kind["archive"] = {"cy": "cylchlythyrau", "fr": "bulletins"}  # a section's name in French addresses
    schema["labels"] = schema.get("labels") or {}
    schema["labels"]["fr"] = _marked({**KEYS, **schema["labels"].get("en", {})}) | {"unsubscribing_id": KEYS["unsubscribing_id"]}
    for lang, in_french in (("en", "in French"), ("cy", "yn Ffrangeg"), ("fr", MARK + "in French")):
        schema["labels"][lang] = schema["labels"].get(lang, {}) | {"in_fr": in_french, "editors_message_fr": f"{in_french} (.eml)", "catalogue_fr": in_french, "catalogue_schema_fr": f"{in_french} (JSON Schema)"}
    _dump(project / "data/schema.yml", schema)
    taxonomy = _load(project / "data/taxonomy.yml")
    for terms in (terms for terms in taxonomy.values() if isinstance(terms, dict)):
        for term in terms.values():
            term["fr"] = MARK + term["en"]
    _dump(project / "data/taxonomy.yml", taxonomy)
    sources = _load(project / "data/sources.yml") or {}
    for source in sources.values():
        for words in (source[key] for key in ("title", "publisher") if key in source):
            words["fr"] = MARK + words["en"]
    _dump(project / "data/sources.yml", sources)
    for english in sorted(project.glob("*/**/*.md")):
        if english.stem.count(".") == 0 and not english.with_name(f"{english.stem}.fr.md").exists():
            english.with_name(f"{english.stem}.fr.md").write_text(
                _in_french(english.read_text(encoding="utf-8")), encoding="utf-8"
            )
    return project


def _in_french(source: str) -> str:
    """The English source with its title and summary marked, and a French sentence after its text."""
    _, front, body = source.split("---\n", 2)
    meta = yaml.safe_load(front)
    for key in ("title", "summary", "description"):
        if isinstance(meta.get(key), str):
            meta[key] = MARK + meta[key]
    return f"---\n{yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000)}---\n{body}\n{BODY_MARK}\n"


@pytest.fixture(scope="module", params=list(SITES), ids=lambda fixture: fixture.name)
def french_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    project = tmp_path_factory.mktemp("three") / "project"
    shutil.copytree(request.param, project, ignore=shutil.ignore_patterns("__pycache__"))
    result = build(add_french(project), project.parent / "site")
    assert result.returncode == 0, result.log
    return result


def test_every_page_is_built_in_each_of_three_languages(french_site: BuildResult) -> None:
    """Each English page names its twins in all three languages, and each twin is built, in its language."""
    site, checked = french_site.site, 0
    for path in html_pages(site):
        page = read_html(path)
        if (
            path.relative_to(site).parts[0] in ("cy", "fr")
            or page.html.get("lang") != "en-GB"
            or page.select('meta[http-equiv="refresh"]')
        ):
            continue  # another language's page, the 404 page, a redirect from an old address
        twins = {link["hreflang"]: link["href"] for link in page.select('link[rel="alternate"][hreflang]')}
        assert set(twins) == {"cy", "en-GB", "fr", "x-default"}, path
        for tag, address in twins.items():
            twin = site / address.removeprefix(_site_url(french_site)) / "index.html"
            assert read_html(twin).html["lang"] == ("en-GB" if tag == "x-default" else tag), (path, twin)
        checked += 1
    assert checked >= 15


def test_french_pages_are_french(french_site: BuildResult) -> None:
    page = read_html(french_site.site / "fr/about/index.html")
    assert page.html["lang"] == "fr"
    assert BODY_MARK in page.get_text()
    assert page.title.get_text().startswith(MARK)


def test_the_switcher_offers_both_other_languages(french_site: BuildResult) -> None:
    for path, others in (
        ("about/index.html", {"cy", "fr"}),
        ("cy/amdanom/index.html", {"en-GB", "fr"}),
        ("fr/about/index.html", {"cy", "en-GB"}),
    ):
        links = read_html(french_site.site / path).select(".rhannu-language-switch a")
        assert {link["hreflang"] for link in links} == others, path


def test_hreflang_alternates_name_all_three_and_the_default(french_site: BuildResult) -> None:
    for path in ("about/index.html", "cy/amdanom/index.html", "fr/about/index.html"):
        alternates = read_html(french_site.site / path).select('link[rel="alternate"][hreflang]')
        by_lang = {link["hreflang"]: link["href"] for link in alternates}
        home = _site_url(french_site)
        assert by_lang == {"cy": f"{home}cy/amdanom/", "en-GB": f"{home}about/", "fr": f"{home}fr/about/", "x-default": f"{home}about/"}, path


def test_french_has_its_own_search_index_feed_and_404_page(french_site: BuildResult) -> None:
    site = french_site.site
    index = json.loads((site / "fr/search/search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["fr"]
    assert {doc["location"].split("/")[0] for doc in index["docs"]} >= {"about", "case-studies"}  # relative to /fr/
    assert any(BODY_MARK in doc["text"] for doc in index["docs"] if doc["location"].startswith("about/"))  # French text
    feed = feedparser.parse(str(site / "fr/feed.xml"))
    assert feed.feed.language == "fr" and feed.entries and all(entry.title.startswith(MARK) for entry in feed.entries)
    assert read_html(site / "fr/404.html").html["lang"] == "fr"
    if (issue := site / "newsletters/2022-03-14/index.html").is_file():  # the sample site's issue: each language's message file
        links = [link["href"] for link in read_html(issue).select(".rhannu-editors a")]
        assert links == ["email.html", "email.eml", "email.cy.eml", "email.en.eml", "email.fr.eml"]
        assert all((issue.parent / link).is_file() for link in links)
    anywhere = read_html(site / "404.html")  # for hosts that serve /404.html at every missing address
    assert [section["lang"] for section in anywhere.select(".rhannu-not-found section")] == ["cy", "en-GB", "fr"]
    assert [link["hreflang"] for link in anywhere.select(".md-nav--primary a")] == ["cy", "en-GB", "fr"]
    assert (site / "fr/bulletins/index.html").is_file() and not (site / "fr/newsletters").exists()
    assert "/fr/*  /fr/404.html  404" in (site / "_redirects").read_text(encoding="utf-8")


def test_rhannu_build_runs_a_process_per_language_and_writes_the_same_site(french_site: BuildResult) -> None:
    project, site = french_site.site.parent / "project", french_site.site.parent / "parallel"
    done = subprocess.run(
        [sys.executable, "-m", "rhannu.cli", "--root", str(project), "build", "--site-dir", str(site)],
        cwd=project,
        env=build_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    compared = filecmp.dircmp(french_site.site, site)
    assert _differences(compared) == []


def _differences(compared: filecmp.dircmp) -> list[str]:
    found = [*compared.left_only, *compared.right_only, *compared.diff_files, *compared.funny_files]
    return found + [name for sub in compared.subdirs.values() for name in _differences(sub)]


def read_html_text(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def _site_url(built: BuildResult) -> str:
    return next(url for url in SITES.values() if url in (built.site / "sitemap.xml").read_text(encoding="utf-8"))


def test_rhannu_new_writes_a_file_in_each_language(tmp_path: Path) -> None:
    project = add_french(shutil.copytree(MINIMAL, tmp_path / "project"))
    done = subprocess.run(
        [sys.executable, "-m", "rhannu.cli", "--root", str(project), "new", "resource", "A new checklist"],
        env=build_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [f"resources/a-new-checklist{suffix}.md" for suffix in ("", ".cy", ".fr")]
    french = (project / "resources/a-new-checklist.fr.md").read_text(encoding="utf-8")
    assert f'title: "{PLACEHOLDER}: {MARK}' in french  # in the site's French words, refused until replaced


def test_rhannu_translations_reports_each_translation_and_marks_one_by_its_file(tmp_path: Path) -> None:
    project = add_french(shutil.copytree(MINIMAL, tmp_path / "project"))
    english = project / "docs/about.md"
    english.write_text(english.read_text(encoding="utf-8") + "\nA new paragraph.\n", encoding="utf-8")

    def rhannu(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "rhannu.cli", "--root", str(project), "translations", *args]
        return subprocess.run(command, env=build_env(), capture_output=True, text=True, check=False)

    assert rhannu("mark", "docs/about.md").returncode == 1  # which translation? the site has two
    assert rhannu("mark", "docs/about.fr.md").returncode == 0
    rows = [line.split() for line in rhannu().stdout.splitlines()]
    assert rows[0] == ["English", "Status", "Translation"]
    assert ["docs/about.md", "stale", "docs/about.cy.md"] in rows  # the Welsh still translates the English before
    assert ["docs/about.md", "present", "docs/about.fr.md"] in rows
    english.write_text(english.read_text(encoding="utf-8") + "\nAnother paragraph.\n", encoding="utf-8")
    assert ["docs/about.md", "stale", "docs/about.fr.md"] in [line.split() for line in rhannu().stdout.splitlines()]


def test_rhannu_check_names_an_inconsistent_declaration_and_exits_1(tmp_path: Path) -> None:
    project = add_french(shutil.copytree(MINIMAL, tmp_path / "project"))
    schema = _load(project / "data/schema.yml")
    del schema["languages"]["fr"]
    _dump(project / "data/schema.yml", schema)
    done = subprocess.run(
        [sys.executable, "-m", "rhannu.cli", "--root", str(project), "check"], env=build_env(), capture_output=True, text=True, check=False
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert (
        "data/schema.yml: field 'languages': expected each language mkdocs.yml's i18n plugin lists (en, cy, fr), each once, "
        "in the order they stand together: {en: {tag: ..., english_name: ...}}; got cy, en"
    ) in done.stdout + done.stderr


def test_the_email_edition_in_the_third_language_and_in_all_three(tmp_path: Path) -> None:
    project = add_french(shutil.copytree(FIXTURE, tmp_path / "project"))

    def email(lang: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "rhannu.cli", "--root", str(project), "newsletter", "email", "2022-03-14", "--lang", lang]
        return subprocess.run(command, env=build_env(), capture_output=True, text=True, check=False)

    french = email("fr")
    assert french.returncode == 0, french.stderr
    assert read_html_text(french.stdout).html["lang"] == "fr"
    every = read_html_text(email("both").stdout)
    assert [part["lang"] for part in every.select("td.part")] == ["cy", "en-GB", "fr"]
    wrong = email("de")
    assert wrong.returncode == 2 and "--lang: expected one of both, cy, en, fr; got 'de'" in wrong.stderr
