"""The preview's fast path at scale: what it reuses from one edit to the next, how it hears of
an edit, and a Welsh edit shown as the full build then writes it."""

from __future__ import annotations

import os
import re
import threading
import time
from pathlib import Path

import pytest
from mkdocs.config import load_config
from watchdog.events import FileSystemEvent, FileSystemEventHandler

import rhannu.content
from rhannu.content import ItemMemo, load_content
from rhannu.errors import ContentError, ContentErrors
from rhannu.frontmatter import Source
from rhannu.preview import FastEdit, PageRenderer, change_observer, rewrite_in_place, snapshot
from rhannu.site_info import from_config
from tests.support.sites import BUILD_DATE_PINNED, build, copy_fixture

ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.DOTALL)
IMAGE = re.compile(r"<img [^>]*>")
TITLE = re.compile(r"(<title>.*?</title>)")


@pytest.fixture
def fixture_copy(tmp_path: Path) -> Path:
    return copy_fixture(tmp_path / "project")


def _set_title(source: Path, title: str) -> None:
    text = source.read_text(encoding="utf-8")
    source.write_text(re.sub(r"^title: .*$", f'title: "{title}"', text, count=1, flags=re.M), encoding="utf-8")


def test_a_memo_gives_the_content_a_fresh_load_gives(fixture_copy: Path) -> None:
    memo = ItemMemo()
    assert load_content(fixture_copy, BUILD_DATE_PINNED, memo) == load_content(fixture_copy, BUILD_DATE_PINNED)
    _set_title(fixture_copy / "case_studies/sample-hackathon.cy.md", "Hacathon, wedi'i olygu")
    again = load_content(fixture_copy, BUILD_DATE_PINNED, memo)
    assert again == load_content(fixture_copy, BUILD_DATE_PINNED)
    assert "Hacathon, wedi'i olygu" in [item.texts["cy"].title for item in again.case_studies if "cy" in item.texts]


def test_a_memo_parses_again_only_the_files_of_the_edited_item(fixture_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    memo = ItemMemo()
    load_content(fixture_copy, BUILD_DATE_PINNED, memo)
    parsed: list[str] = []
    parse_source = rhannu.content.parse_source

    def counted(path: str, text: str) -> Source | ContentError:
        parsed.append(path)
        return parse_source(path, text)

    monkeypatch.setattr(rhannu.content, "parse_source", counted)
    _set_title(fixture_copy / "case_studies/sample-hackathon.md", "Hackathon, edited")
    load_content(fixture_copy, BUILD_DATE_PINNED, memo)
    assert sorted(parsed) == ["case_studies/sample-hackathon.cy.md", "case_studies/sample-hackathon.md"]


def test_a_memo_reports_a_bad_edit_as_a_fresh_load_does(fixture_copy: Path) -> None:
    memo = ItemMemo()
    load_content(fixture_copy, BUILD_DATE_PINNED, memo)
    source = fixture_copy / "case_studies/sample-sharing-practice.md"
    source.write_text(source.read_text(encoding="utf-8").replace("psb: programme", "psb: nowhere"), encoding="utf-8")
    with pytest.raises(ContentErrors) as remembered:
        load_content(fixture_copy, BUILD_DATE_PINNED, memo)
    with pytest.raises(ContentErrors) as fresh:
        load_content(fixture_copy, BUILD_DATE_PINNED)
    assert "field 'psb'" in str(remembered.value)
    assert str(remembered.value) == str(fresh.value)


def test_a_memo_forgets_its_items_when_the_taxonomy_changes(fixture_copy: Path) -> None:
    """An item's files are unchanged, but the value it names is no longer in the list."""
    memo = ItemMemo()
    load_content(fixture_copy, BUILD_DATE_PINNED, memo)
    taxonomy = fixture_copy / "data/taxonomy.yml"
    taxonomy.write_text(taxonomy.read_text(encoding="utf-8").replace("\n  hackathon: {", "\n  hack-day: {"), encoding="utf-8")
    with pytest.raises(ContentErrors) as problems:
        load_content(fixture_copy, BUILD_DATE_PINNED, memo)
    assert "got 'hackathon'" in str(problems.value)


def test_snapshot_finds_files_in_sub_folders_and_follows_no_linked_folder(tmp_path: Path) -> None:
    (tmp_path / "case_studies/images").mkdir(parents=True)
    (tmp_path / "case_studies/a.md").write_text("a", encoding="utf-8")
    (tmp_path / "case_studies/images/b.png").write_text("b", encoding="utf-8")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere/c.md").write_text("c", encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/linked").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    (tmp_path / "mkdocs.yml").write_text("site_name: x", encoding="utf-8")
    found = snapshot(tmp_path)
    assert sorted(found) == ["case_studies/a.md", "case_studies/images/b.png", "mkdocs.yml"]
    assert found["case_studies/a.md"] == (tmp_path / "case_studies/a.md").stat().st_mtime_ns


def test_the_watcher_hears_a_write_at_once_and_ignores_reads(tmp_path: Path) -> None:
    source = tmp_path / "a.md"
    source.write_text("one", encoding="utf-8")
    heard: list[FileSystemEvent] = []
    event = threading.Event()
    handler = FileSystemEventHandler()

    def on_any_event(happened: FileSystemEvent) -> None:
        if not happened.is_directory:
            heard.append(happened)
            event.set()

    handler.on_any_event = on_any_event  # type: ignore[method-assign,assignment]  # as MkDocs' server sets it
    observer = change_observer()
    observer.schedule(handler, str(tmp_path), recursive=True)
    observer.start()
    try:
        source.read_text(encoding="utf-8")
        time.sleep(0.3)
        assert heard == [], "a read is no change"
        started = time.monotonic()
        source.write_text("two", encoding="utf-8")
        assert event.wait(0.4), "a write is heard well within MkDocs' half-second poll"
        assert time.monotonic() - started < 0.4
        assert {Path(os.fsdecode(happened.src_path)).name for happened in heard} == {"a.md"}
    finally:
        observer.stop()
        observer.join()


def test_a_welsh_edit_in_place_matches_a_full_build(tmp_path: Path) -> None:
    project = copy_fixture(tmp_path / "project")
    first = build(project, tmp_path / "before", strict=False)
    assert first.returncode == 0, first.log
    source = project / "case_studies/sample-sharing-practice.cy.md"
    _set_title(source, "Astudiaeth achos, wedi'i golygu")
    source.write_text(
        source.read_text(encoding="utf-8") + "\nParagraff newydd, gyda [dolen i wers](../lessons/sample-time.md).\n",
        encoding="utf-8",
    )
    config = load_config(str(project / "mkdocs.yml"))
    renderer = PageRenderer(config.markdown_extensions, config.mdx_configs)
    memo = ItemMemo()
    load_content(project, BUILD_DATE_PINNED, memo)  # as the preview warms its memo, before the edit is read
    content = load_content(project, BUILD_DATE_PINNED, memo)
    edits = [FastEdit("case_studies", "sample-sharing-practice")]
    rewrite_in_place(first.site, content, edits, renderer, from_config(config), project)
    full = build(project, tmp_path / "after", strict=False)
    welsh = "cy/astudiaethau-achos/sample-sharing-practice/"
    fast_html = (first.site / welsh / "index.html").read_text(encoding="utf-8")
    full_html = (full.site / welsh / "index.html").read_text(encoding="utf-8")
    assert "Astudiaeth achos, wedi&#39;i golygu" in fast_html or "Astudiaeth achos, wedi'i golygu" in fast_html
    assert "Paragraff newydd" in fast_html
    assert IMAGE.sub("", _found(ARTICLE, fast_html)) == IMAGE.sub("", _found(ARTICLE, full_html))
    assert _found(TITLE, fast_html) == _found(TITLE, full_html)


def _found(pattern: re.Pattern, html: str) -> str:
    match = pattern.search(html)
    assert match is not None, pattern.pattern
    return match.group(1)


def test_a_memo_reads_again_only_the_files_that_changed(fixture_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    memo = ItemMemo()
    load_content(fixture_copy, BUILD_DATE_PINNED, memo)
    read: list[str] = []
    read_text = rhannu.content.read_text

    def counted(root: Path, path: str) -> str:
        read.append(path)
        return read_text(root, path)

    monkeypatch.setattr(rhannu.content, "read_text", counted)
    _set_title(fixture_copy / "case_studies/sample-hackathon.md", "Hackathon, edited")
    content = load_content(fixture_copy, BUILD_DATE_PINNED, memo)
    assert read == ["case_studies/sample-hackathon.md"]
    assert "Hackathon, edited" in [item.texts["en"].title for item in content.case_studies if "en" in item.texts]
