"""The one writer (rhannu.writer): every file Rhannu writes, pages included, once, at a path the
table of addresses claims; and, end to end, every file of a build written by it or copied by MkDocs."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

from rhannu.addresses import Owner
from rhannu.mkdocs_pages import BUILD_LOGGER, PagesWrittenByRhannu
from rhannu.plugin import RhannuPlugin
from rhannu.writer import Writer, WriteRefused
from tests.support.sites import PINNED_EPOCH, BuildResult

TABLE = {
    "about/index.html": Owner("the page of docs/about.md", "docs/about.md"),
    "feed.xml": Owner("the feed of everything new"),
    "404.html": Owner("MkDocs and Material's page for an address with no page"),
    "cy/index.html": Owner("the page of docs/index.cy.md", "docs/index.cy.md"),
}


def files_in(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def put(folder: Path, files: dict[str, str]) -> None:
    for path, text in files.items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_text(text, encoding="utf-8")


# --- One path, once -------------------------------------------------------------------------------


def test_a_path_written_twice_is_refused_naming_both_writers_and_the_tables_owner(tmp_path: Path) -> None:
    writer = Writer(tmp_path, TABLE)
    writer.write("feed.xml", b"<rss/>", "the build's outputs in en")
    with pytest.raises(WriteRefused) as refused:
        writer.write("feed.xml", b"<rss>other</rss>", "the build's outputs in cy")
    assert str(refused.value) == (
        "'feed.xml' would be written twice in one build: by the build's outputs in en and by the build's outputs in cy; "
        "the table of addresses gives it to the feed of everything new: a fault in Rhannu, please report it"
    )
    assert isinstance(refused.value, PluginError)  # MkDocs reports it without a traceback
    assert files_in(tmp_path) == {"feed.xml": b"<rss/>"}


def test_paths_that_differ_only_in_case_are_one_path(tmp_path: Path) -> None:
    writer = Writer(tmp_path, TABLE)
    writer.write("about/index.html", b"a", "the page of docs/about.md")
    with pytest.raises(
        WriteRefused, match=r"^'About/index\.html' would be written twice in one build: by the page of docs/about\.md"
    ):
        writer.write("About/index.html", b"b", "the page of docs/About.md")


def test_a_path_outside_the_table_is_refused_and_nothing_written(tmp_path: Path) -> None:
    writer = Writer(tmp_path, TABLE)
    with pytest.raises(WriteRefused) as refused:
        writer.write("events.ics", b"BEGIN:VCALENDAR", "the build's outputs in en")
    assert str(refused.value) == (
        "'events.ics', written by the build's outputs in en, is not in Rhannu's table of addresses, "
        "so nothing checked it is free: a fault in Rhannu, please report it"
    )
    assert files_in(tmp_path) == {} and writer.written == []


def test_a_batch_with_one_refused_path_writes_none_of_it(tmp_path: Path) -> None:
    """As outputs.write did: the whole batch is checked before its first file is written."""
    writer = Writer(tmp_path, TABLE)
    writer.write("about/index.html", b"page", "the page of docs/about.md")
    for batch in ({"feed.xml": b"feed", "stray.txt": b"?"}, {"feed.xml": b"feed", "about/index.html": b"again"}):
        with pytest.raises(WriteRefused):
            writer.write_all(batch, "the build's outputs in en")
    assert files_in(tmp_path) == {"about/index.html": b"page"}
    assert writer.written == ["about/index.html"]


def test_a_file_in_materials_assets_folder_is_claimed_by_the_folder(tmp_path: Path) -> None:
    writer = Writer(tmp_path, TABLE)
    writer.write("assets/javascripts/bundle.x.min.js", b"patched", "the bundle patch")
    with pytest.raises(WriteRefused, match="the table of addresses gives it to MkDocs and Material's assets folder"):
        writer.write("assets/javascripts/bundle.x.min.js", b"patched", "the bundle patch")


def test_the_bytes_are_written_exactly(tmp_path: Path) -> None:
    data = "Môn\r\n&#128512;".encode() + b"\x00\xff"
    Writer(tmp_path, TABLE).write("about/index.html", data, "the page of docs/about.md")
    assert (tmp_path / "about/index.html").read_bytes() == data


# --- The Welsh process's files ---------------------------------------------------------------------


def test_welsh_wins_where_both_processes_copied_mkdocs_own_file(tmp_path: Path) -> None:
    english, welsh = tmp_path / "en", tmp_path / "cy"
    put(english, {"404.html": "English 404", "assets/a.css": "css", "about/index.html": "About"})
    put(welsh, {"404.html": "Welsh 404", "assets/a.css": "css", "cy/index.html": "Hafan"})
    writer = Writer(english, TABLE)
    writer.write("about/index.html", b"About", "the page of docs/about.md")
    writer.take_site(welsh, ["cy/index.html"], "the Welsh process")
    assert files_in(english) == {
        "404.html": b"Welsh 404",
        "about/index.html": b"About",
        "assets/a.css": b"css",
        "cy/index.html": b"Hafan",
    }
    assert files_in(welsh) == {}
    assert writer.written == ["about/index.html", "cy/index.html"]  # MkDocs' 404 page stays MkDocs', for Rhannu to replace once
    writer.write("404.html", b"both languages' 404", "the 404 pages")
    with pytest.raises(WriteRefused, match=r"^'cy/index\.html' would be written twice in one build: by the Welsh process and by"):
        writer.write("cy/index.html", b"again", "the page of docs/index.cy.md")


def test_a_file_both_processes_writers_wrote_is_refused_and_nothing_moved(tmp_path: Path) -> None:
    english, welsh = tmp_path / "en", tmp_path / "cy"
    put(welsh, {"feed.xml": "Welsh feed", "cy/index.html": "Hafan"})
    writer = Writer(english, TABLE)
    writer.write("feed.xml", b"English feed", "the build's outputs")
    with pytest.raises(
        WriteRefused, match=r"^'feed\.xml' would be written twice in one build: by the build's outputs and by the Welsh process;"
    ):
        writer.take_site(welsh, ["feed.xml", "cy/index.html"], "the Welsh process")
    assert files_in(english) == {"feed.xml": b"English feed"}
    assert set(files_in(welsh)) == {"feed.xml", "cy/index.html"}


def test_mkdocs_copy_over_a_file_rhannu_wrote_is_refused(tmp_path: Path) -> None:
    """In one process the Welsh pass's MkDocs would overwrite it unseen; here it is an error."""
    english, welsh = tmp_path / "en", tmp_path / "cy"
    put(welsh, {"about/index.html": "MkDocs' copy"})
    writer = Writer(english, TABLE)
    writer.write("about/index.html", b"Rhannu's page", "the page of docs/about.md")
    with pytest.raises(
        WriteRefused, match=r"by the page of docs/about\.md and by the Welsh process \(a file MkDocs wrote there\)"
    ):
        writer.take_site(welsh, [], "the Welsh process")
    assert files_in(english) == {"about/index.html": b"Rhannu's page"}


def test_a_welsh_file_outside_the_table_is_refused_and_nothing_moved(tmp_path: Path) -> None:
    english, welsh = tmp_path / "en", tmp_path / "cy"
    put(welsh, {"cy/index.html": "Hafan", "cy/stray.html": "?"})
    with pytest.raises(WriteRefused, match=r"^'cy/stray\.html', written by the Welsh process, is not in Rhannu's table"):
        Writer(english, TABLE).take_site(welsh, ["cy/index.html"], "the Welsh process")
    assert not english.exists() or files_in(english) == {}


# --- MkDocs' "Page skipped" line --------------------------------------------------------------------


def test_only_the_pages_rhannu_wrote_lose_mkdocs_skipped_line(caplog: pytest.LogCaptureFixture) -> None:
    quiet = PagesWrittenByRhannu()
    quiet.add("about.md")
    logger = logging.getLogger(BUILD_LOGGER)
    quiet.attach()
    try:
        with caplog.at_level(logging.INFO, logger=BUILD_LOGGER):
            logger.info("Page skipped: 'about.md'. Generated empty output.")
            logger.info("Page skipped: 'other.md'. Generated empty output.")
    finally:
        quiet.detach()
    assert [record.getMessage() for record in caplog.records] == ["Page skipped: 'other.md'. Generated empty output."]


# --- A whole build ----------------------------------------------------------------------------------

MKDOCS_OWN_FILES = {  # besides assets/: what MkDocs writes itself, every other file Rhannu writes
    "sitemap.xml",  # the theme's sitemap template (rhannu/theme/sitemap.xml)
    "sitemap.xml.gz",
    "favicon.ico",  # the site's own theme folder (overrides/favicon.ico)
    "case-studies/sample-square.png",  # a file beside a case study (case_studies/sample-square.png)
}


def test_every_file_of_a_build_is_rhannus_writers_or_a_static_file_mkdocs_copied(
    sample_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", PINNED_EPOCH)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    config = load_config(str(sample_project / "mkdocs.yml"), site_dir=str(tmp_path / "site"), strict=True)
    mkdocs_build(config)
    plugin = config.plugins["rhannu"]
    assert isinstance(plugin, RhannuPlugin)
    written = plugin.written
    built = files_in(tmp_path / "site")
    assert len(written) == len(set(written)) and set(written) <= set(built)
    assert [
        path for path in built if path.endswith(".html") and path not in written
    ] == []  # every page, each 404 page, every redirect
    assert {
        "search/search_index.json",
        "cy/search/search_index.json",
        "404.html",
        "cy/404.html",
        "feed.xml",
        "cy/feed.xml",
    } <= set(written)
    copied = {path for path in built if path not in written}
    assert copied - {path for path in copied if path.startswith("assets/")} == MKDOCS_OWN_FILES
    assert built["case-studies/sample-square.png"] == (sample_project / "case_studies/sample-square.png").read_bytes()
    theme_dirs = [Path(folder) for folder in config.theme.dirs]
    for path in copied:
        if path.startswith("assets/"):  # Material's, the engine's or the site's own, as it is there
            assert any((folder / path).is_file() and (folder / path).read_bytes() == built[path] for folder in theme_dirs), path
    assert [path for path in written if path.startswith("assets/")] == [
        path for path in built if path.startswith("assets/javascripts/bundle.") and path.endswith(".min.js")
    ]


def test_mkdocs_says_nothing_of_the_pages_rhannu_wrote(built_site: BuildResult) -> None:
    assert "Page skipped" not in built_site.log and "Error" not in built_site.log
