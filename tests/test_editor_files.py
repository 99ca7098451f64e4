"""The content editor's own files at /admin/ (rhannu/editor_files.py): its page, Decap's pinned
bundle and chunks from the site's node_modules, nothing else from there, and a page saying what
to do when Decap is not installed."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from rhannu import editor_files
from rhannu.editor_config import decap_config
from rhannu.editor_files import BUNDLE, DECAP, DECAP_DIST, EDITOR_SCRIPT, admin_file, decap_problem, pinned_version
from rhannu.labels import label
from rhannu.languages import ALL, DEFAULT
from tests.support.sites import copy_fixture

PROJECT = Path(__file__).resolve().parents[1]


@pytest.fixture
def installed(tmp_path: Path) -> Path:
    """The sample site, its node_modules holding a stand-in for Decap's dist/ folder, and one file beside it."""
    site = copy_fixture(tmp_path / "site")
    dist = site / DECAP_DIST
    dist.mkdir(parents=True)
    (dist / BUNDLE).write_text("/* bundle */", encoding="utf-8")
    (dist / "103.decap-cms.js").write_text("/* chunk */", encoding="utf-8")
    (dist / "dd5d52671a5763720504.wasm").write_bytes(b"\0asm")
    (dist / "decap-cms.js.LICENSE.txt").write_text("licence", encoding="utf-8")
    (site / "package.json").write_text("{}", encoding="utf-8")
    (dist.parent / "package.json").write_text("{}", encoding="utf-8")
    (site / "node_modules/other").mkdir()
    (site / "node_modules/other/secret.js").write_text("/* not Decap's */", encoding="utf-8")
    return site


def page(served: tuple[bytes, str] | None) -> BeautifulSoup:
    assert served is not None
    data, media_type = served
    assert media_type == "text/html; charset=utf-8"
    return BeautifulSoup(data.decode("utf-8"), "html.parser")


def test_the_editor_page_loads_decap_then_the_sites_styles_in_the_default_language(installed: Path) -> None:
    editor = page(admin_file(installed, ""))
    assert editor.html is not None and editor.html["lang"] == DEFAULT.tag
    assert editor.title is not None and editor.title.string == label(DEFAULT.code, "editor_page_title")
    assert [script["src"] for script in editor.find_all("script")] == [BUNDLE, EDITOR_SCRIPT]
    collections = json.loads(editor.find("script", src=EDITOR_SCRIPT)["data-collections"])
    assert collections == [collection["name"] for collection in decap_config(installed, "")["collections"]]
    assert "case_studies" in collections
    icon = editor.find("link", rel="icon")  # empty until the script gives it the site's: no request for /favicon.ico
    assert icon is not None and icon["href"] == "data:,"
    assert admin_file(installed, "index.html") == admin_file(installed, "")


def test_the_page_tells_its_script_which_collections_to_preview_as_site_pages(installed: Path, monkeypatch) -> None:
    """The collections are the generated configuration's (rhannu.editor_config), whatever their names hold."""
    names = ["case_studies", 'odd "name" <b>']
    monkeypatch.setattr(editor_files, "decap_config", lambda root, api_url: {"collections": [{"name": name} for name in names]})
    script = page(admin_file(installed, "")).find("script", src=EDITOR_SCRIPT)
    assert script is not None and json.loads(script["data-collections"]) == names


def test_the_page_speaks_in_the_sites_own_words(installed: Path) -> None:
    schema = installed / "data/schema.yml"
    own = yaml.safe_dump({"labels": {DEFAULT.code: {"editor_page_title": "Our editor"}}})
    schema.write_text(schema.read_text(encoding="utf-8").replace("labels: {}\n", own), encoding="utf-8")
    title = page(admin_file(installed, "")).title
    assert title is not None and title.string == "Our editor"
    assert label(DEFAULT.code, "editor_page_title") == "Content editor"  # the site's words were in use only for its page


def test_without_javascript_the_page_says_so_in_every_language(installed: Path) -> None:
    noscript = page(admin_file(installed, "")).noscript
    assert noscript is not None
    said = {paragraph["lang"]: paragraph.get_text() for paragraph in noscript.find_all("p")}
    assert said == {lang.tag: label(lang.code, "editor_page_noscript") for lang in ALL}


def test_decaps_bundle_chunks_and_webassembly_are_served_from_node_modules(installed: Path) -> None:
    assert admin_file(installed, BUNDLE) == (b"/* bundle */", "text/javascript; charset=utf-8")
    assert admin_file(installed, "103.decap-cms.js") == (b"/* chunk */", "text/javascript; charset=utf-8")
    assert admin_file(installed, "dd5d52671a5763720504.wasm") == (b"\0asm", "application/wasm")


def test_the_script_that_gives_the_preview_the_sites_styles_is_the_packages(installed: Path) -> None:
    served = admin_file(installed, EDITOR_SCRIPT)
    assert served is not None
    script, media_type = served
    assert media_type == "text/javascript; charset=utf-8"
    for used in (b"registerPreviewStyle", b'link[rel="stylesheet"]', b"registerPreviewTemplate", b"md-typeset"):
        assert used in script


@pytest.mark.parametrize(
    "path",
    [
        "../package.json",
        "../../package.json",
        "../../other/secret.js",
        "%2e%2e/other/secret.js",
        "/etc/passwd",
        "decap-cms.js.LICENSE.txt",  # in dist/, but not a kind of file the editor loads
        "missing.decap-cms.js",
        ".decap-cms.js",
        "config.yml",  # the configuration is the edit server's, generated from the schema
    ],
)
def test_nothing_else_is_served(installed: Path, path: str) -> None:
    assert admin_file(installed, path) is None


def test_without_decap_the_page_says_to_run_npm_ci_in_every_language(tmp_path: Path) -> None:
    site = copy_fixture(tmp_path / "site")
    missing = page(admin_file(site, ""))
    assert missing.title is not None and missing.title.string == label(DEFAULT.code, "editor_page_missing_title")
    assert missing.find("script") is None
    sections = {section["lang"]: section.get_text(" ") for section in missing.find_all("section")}
    assert sections == {
        lang.tag: f"{label(lang.code, 'editor_page_missing_title')} {label(lang.code, 'editor_page_missing')}" for lang in ALL
    }
    assert all("npm ci" in text for text in sections.values())
    assert admin_file(site, BUNDLE) is None


def test_the_command_line_message_names_the_missing_file_and_the_fix(installed: Path, tmp_path: Path) -> None:
    assert decap_problem(installed) is None
    (installed / DECAP_DIST / BUNDLE).unlink()
    bundle = installed / DECAP_DIST / BUNDLE
    assert decap_problem(installed) == (
        f"{bundle}: not found: the content editor's code (Decap CMS, npm package {DECAP}) is not installed; "
        f"run `npm ci` in {installed} (its package.json pins Decap CMS)"
    )
    bare = tmp_path / "bare"
    bare.mkdir()
    assert decap_problem(bare) == (
        f"{bare / DECAP_DIST / BUNDLE}: not found: the content editor's code (Decap CMS, npm package {DECAP}) is not "
        f"installed; run `npm install --save-exact --save-dev {DECAP}@{pinned_version()}` in {bare}"
    )


def test_the_project_and_the_starter_site_pin_the_same_decap_exactly() -> None:
    starter = json.loads((PROJECT / "rhannu/starter/package.json").read_text(encoding="utf-8"))
    project = json.loads((PROJECT / "package.json").read_text(encoding="utf-8"))
    version = starter["devDependencies"][DECAP]
    assert version[0].isdigit() and version == pinned_version() == project["devDependencies"][DECAP]
    for lock in (PROJECT / "rhannu/starter/package-lock.json", PROJECT / "package-lock.json"):
        packages = json.loads(lock.read_text(encoding="utf-8"))["packages"]
        assert packages[f"node_modules/{DECAP}"]["version"] == version, lock


def test_the_built_site_carries_no_editor(site: Path) -> None:
    """No backend is configured for a published editor, so the build writes no /admin/ and nothing
    of Decap or its configuration (EDITING.md, "Editing on the published site")."""
    assert not (site / "admin").exists()
    written = [path for path in site.rglob("*") if path.is_file() and path.suffix in (".html", ".js", ".json", ".xml", ".yml")]
    assert written
    assert [path for path in written if re.search(rb"decap|local_backend|proxy_url", path.read_bytes(), re.IGNORECASE)] == []
