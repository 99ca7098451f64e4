"""`rhannu build` builds the two languages in parallel processes (rhannu/parallel_build.py): the
site it publishes is byte for byte the one `mkdocs build` writes in one process, an error is
reported once, and Ctrl-C stops both processes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rhannu import parallel_build, search
from rhannu.writer import merge_into
from tests.support.sites import build, build_env, copy_fixture, edit


def rhannu_build(project: Path, site: Path, **options) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "rhannu.cli", "--root", str(project), "build", "--site-dir", str(site)],
        env=build_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        **options,
    )


def contents(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_fixture(tmp_path_factory.mktemp("parallel") / "project")


def test_both_ways_give_the_same_bytes(project: Path, tmp_path: Path) -> None:
    one_process = build(project, tmp_path / "one")
    assert one_process.returncode == 0, one_process.log
    parallel = rhannu_build(project, tmp_path / "two")
    log = parallel.communicate(timeout=300)[0]
    assert parallel.returncode == 0, log
    # each language's process leaves without tearing down (rhannu.language_process): its last words still arrive
    assert log.count("Documentation built in") == 2, log
    expected, built = contents(tmp_path / "one"), contents(tmp_path / "two")
    # both languages' pages, and what spans them, written once after both passes
    for path in (
        "index.html",
        "cy/index.html",
        "404.html",
        "cy/404.html",
        "search/search_index.json",
        "cy/search/search_index.json",
        "sitemap.xml",
        "_redirects",
    ):
        assert path in built, path
    assert b"rhannu-not-found-other" in built["404.html"] and b'"home":"/cy/"' in built["404.html"].replace(b" ", b"")
    assert sorted(built) == sorted(expected)
    assert [path for path in expected if built[path] != expected[path]] == []


def test_an_error_in_the_content_is_reported_once_and_nothing_is_published(project: Path, tmp_path: Path) -> None:
    broken = copy_fixture(tmp_path / "broken")
    edit(broken / "case_studies/sample-case-study-03.cy.md", "\ntitle: ", "\ntitle: \ntitle_was: ")
    site = tmp_path / "site"
    running = rhannu_build(broken, site)
    log = running.communicate(timeout=300)[0]
    assert running.returncode == 1 and "Traceback" not in log, log
    assert log.count("case_studies/sample-case-study-03.cy.md: field 'title'") == 1, log
    assert not site.exists() or not any(site.iterdir())


def test_a_fault_only_the_welsh_pass_finds_is_reported_once(project: Path, tmp_path: Path) -> None:
    broken = copy_fixture(tmp_path / "broken")
    page = broken / "case_studies/sample-case-study-02.cy.md"
    page.write_text(page.read_text(encoding="utf-8") + '\n<iframe src="https://example.org/"></iframe>\n', encoding="utf-8")
    site = tmp_path / "site"
    running = rhannu_build(broken, site)
    log = running.communicate(timeout=300)[0]
    assert running.returncode == 1 and "Traceback" not in log, log
    assert log.count("sample-case-study-02.cy.md: line") == 1, log
    assert "the element <iframe> is not allowed" in log
    assert not site.exists() or not any(site.iterdir())


def _session(leader: int) -> list[int]:
    """The processes left in the session `leader` started."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if entry.name.isdigit() and int(fields[3]) == leader and fields[0] != "Z":  # fields[3]: the session id
            found.append(int(entry.name))
    return found


def test_ctrl_c_stops_both_language_processes(project: Path, tmp_path: Path) -> None:
    site = tmp_path / "www/site"
    running = rhannu_build(project, site, start_new_session=True)
    deadline = time.monotonic() + 120
    while len(_session(running.pid)) < 3 or not list(site.parent.glob(".site.new-*/cy-*/site/cy/*/index.html")):
        assert running.poll() is None and time.monotonic() < deadline, "the build ended before it was interrupted"
        time.sleep(0.02)
    os.kill(running.pid, signal.SIGINT)  # the parent only: the terminal's Ctrl-C reaches all, and the children ignore it
    log = running.communicate(timeout=60)[0]
    assert running.returncode == 130, log
    assert "interrupted; nothing was left half-written" in log and "Traceback" not in log
    assert _session(running.pid) == []
    assert not site.exists()
    assert sorted(path.name for path in site.parent.iterdir()) == [".site.lock"]


# Stands in for `mkdocs build`: the default process stops listening for the word that the others
# succeeded, and fails once they have (a fault of its own found late); the other process succeeds.
_LATE_FAULT = """
import os, sys, time
if os.environ["RHANNU_BUILD_ONLY"] == "en":
    os.close(int(os.environ["RHANNU_BUILD_READY_FD"]))
    time.sleep(1.5)
    print("the default process's own fault")
    sys.exit(1)
time.sleep(0.2)
"""


def test_a_default_process_that_fails_after_the_others_succeeded_gives_its_status(tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    command = [sys.executable, "-c", _LATE_FAULT]
    status = parallel_build.run(command, tmp_path / "site", work, tmp_path, dict(os.environ), ("en", "cy"))
    assert status == 1  # not a BrokenPipeError from telling a process that no longer listens


def test_merge_moves_every_file_the_later_one_winning(tmp_path: Path) -> None:
    english, welsh = tmp_path / "en", tmp_path / "cy"
    for path, text in {"index.html": "en", "sitemap.xml": "en map", "assets/a.css": "css", "search/s.json": "en"}.items():
        (english / path).parent.mkdir(parents=True, exist_ok=True)
        (english / path).write_text(text, encoding="utf-8")
    for path, text in {"sitemap.xml": "cy map", "assets/a.css": "css", "cy/index.html": "cy", "cy/x/index.html": "x"}.items():
        (welsh / path).parent.mkdir(parents=True, exist_ok=True)
        (welsh / path).write_text(text, encoding="utf-8")
    merge_into(welsh, english)
    assert {path: data.decode() for path, data in contents(english).items()} == {
        "index.html": "en",
        "sitemap.xml": "cy map",
        "assets/a.css": "css",
        "search/s.json": "en",
        "cy/index.html": "cy",
        "cy/x/index.html": "x",
    }
    assert [path for path in welsh.rglob("*") if path.is_file()] == []


def test_merge_refuses_a_folder_where_a_file_was_written(tmp_path: Path) -> None:
    (tmp_path / "en").mkdir()
    (tmp_path / "en/feed").write_text("a file", encoding="utf-8")
    (tmp_path / "cy/feed").mkdir(parents=True)
    (tmp_path / "cy/feed/index.xml").write_text("a folder", encoding="utf-8")
    with pytest.raises(OSError, match="a file in the English build, a folder in the Welsh one"):
        merge_into(tmp_path / "cy", tmp_path / "en")


def test_indexes_from_each_process_equal_the_split_of_the_merged_index() -> None:
    """Each process's entries, split apart and joined English-process first, give the indexes the
    one-process build splits from its merged index, even for an entry in the other language's place."""
    config = {"lang": ["en"], "separator": "[\\s\\-]+", "pipeline": ["stemmer"], "fields": {"title": {"boost": 1000.0}}}
    english_pass = [
        {"location": "", "title": "Home", "text": "Well-being in Ynys Môn"},
        {"location": "cy/odd/", "title": "Odd", "text": "cyd-gynhyrchu"},
    ]
    welsh_pass = [
        {"location": "cy/", "title": "Hafan", "text": "Llesiant ym Môn, cyd-gynhyrchu"},
        {"location": "stray/", "title": "Stray", "text": "café"},
    ]
    expected = search.split_index({"config": config, "docs": english_pass + welsh_pass})
    ours = {lang: search.docs_in(english_pass, lang) for lang in ("en", "cy")}
    theirs = {lang: search.docs_in(welsh_pass, lang) for lang in ("en", "cy")}
    assert search.indexes(config, {lang: ours[lang] + theirs[lang] for lang in ("en", "cy")}) == expected
    assert [doc["location"] for doc in expected["cy"]["docs"]] == ["odd/", ""]
    printed = {lang: [search.as_json(ours[lang]), search.as_json(theirs[lang])] for lang in ("en", "cy")}
    assert search.joined_index_files(config, printed) == search.index_files(expected)


@pytest.mark.parametrize("entries", [(0, 0), (0, 2), (3, 0), (1, 1), (2, 3)])
def test_index_files_joined_unread_are_the_files_printed_whole(entries: tuple[int, int]) -> None:
    """The default process joins each process's printed entries as they are: the bytes are those
    of printing the joined entries, whichever side has none."""
    config = {"lang": ["en"], "separator": "[\\s]+", "pipeline": [], "fields": {}}
    sides = [
        [{"location": f"cy/{side}-{n}/", "title": 'Tŷ "[a,b]"', "text": "],["} for n in range(count)]
        for side, count in enumerate(entries)
    ]
    printed = {"en": [b"[]", b"[]"], "cy": [search.as_json(side) for side in sides]}
    whole = search.index_files(search.indexes(config, {"en": [], "cy": [entry for side in sides for entry in side]}))
    assert search.joined_index_files(config, printed) == whole


def test_entries_of_json_types_are_taken_as_they_are_and_others_as_json_reads_them_back() -> None:
    from markupsafe import Markup

    from rhannu.parallel_build import _as_written

    plain = [{"location": "cy/", "title": "Hafan", "text": "Môn", "boost": 2.0, "tags": ["a"], "n": 1, "x": None}]
    assert _as_written(plain) is plain
    odd = {"tags": ("a", "b"), "title": Markup("<b>x</b>"), 1: float("inf"), "when": __import__("datetime").date(2021, 3, 1)}
    assert _as_written(odd) == {"tags": ["a", "b"], "title": "<b>x</b>", "1": float("inf"), "when": "2021-03-01"}
    assert type(_as_written(odd)["title"]) is str
