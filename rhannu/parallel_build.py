"""`rhannu build` builds each language in a process of its own, at the same time, on the same bytes.

static-i18n builds English, then Welsh, in one process: on two cores the second core idles. Here
the parent (`rhannu build`) starts two `mkdocs build`s at once, each told by the environment which
language it builds (static_i18n.build_only: that language's pass is then the only one, and Welsh
pages still land under `cy/`):

- the Welsh process builds into a folder of its own and, when done, leaves the entries of the
  Welsh search index beside it (a JSON file);
- the English process builds into the new site folder, then waits for the parent's word that the
  Welsh build has succeeded (one byte on a pipe), moves the Welsh files into its site through its
  writer (where both copied one of MkDocs' files, the Welsh one wins, as the later pass's does in
  one process; a file Rhannu wrote is written by one side only: rhannu.writer), and then writes
  what spans both languages, once, as the one-process build does after its Welsh pass: the search
  index of each language (rhannu.search; the one-process build writes both languages' index and
  then splits it) and the 404 pages.

The result is byte-identical to `mkdocs build` (tests/test_parallel_build.py). Errors read as
they do in one process: the English process's output is shown as it comes and the Welsh one's
after it, and only when English succeeded (an error in the content is found by both: the editor
reads it once). `mkdocs build` and `rhannu preview` keep the one-process build.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig

from rhannu import material_theme, not_found, search, static_i18n
from rhannu.languages import DEFAULT, WELSH
from rhannu.writer import Writer

ONLY = "RHANNU_BUILD_ONLY"  # the language code this process builds, alone
HANDOVER = "RHANNU_BUILD_HANDOVER"  # the folder the Welsh process builds into and leaves its search entries in
READY_FD = "RHANNU_BUILD_READY_FD"  # English process: the pipe the parent says "the Welsh build succeeded" on
SITE = "site"  # the Welsh site, in the handover folder
SEARCH_DOCS = "search-docs.json"  # the Welsh index's entries, in the handover folder
WRITTEN = "written.json"  # the files the Welsh process's writer wrote (rhannu.writer), in the handover folder
READY = b"1"
WELSH_FAILED = 3  # the English process's exit status when it stopped because the Welsh build failed


def only_language() -> str | None:
    """The language this build process builds alone, or None for the one-process build."""
    return os.environ.get(ONLY) or None


def reports_site_messages() -> bool:
    """What the site model says of the content (drafts left out, old translations) is said once:
    not by the Welsh process, which prepares the same model as the English one."""
    return only_language() != WELSH.code


def joined(config: MkDocsConfig, not_found_pages: dict[str, str], writer: Writer) -> bool:
    """At the end of a one-language process's build: True in the English process once the Welsh
    site is in its folder, with both languages' search indexes written and the Welsh 404 page
    added to `not_found_pages`; it then writes the rest of what spans both languages. False
    otherwise. Each process gives its own search entries their word forms (rhannu.search), the
    slow part, before the two meet."""
    if only_language() == WELSH.code:
        handover = Path(os.environ[HANDOVER])
        (handover / SEARCH_DOCS).write_text(json.dumps(_index_docs(config)), encoding="utf-8")
        (handover / WRITTEN).write_text(json.dumps(writer.written), encoding="utf-8")
        return False
    if only_language() != DEFAULT.code:
        return False
    ours = _index_docs(config)
    site_dir = Path(config.site_dir)
    try:
        theirs = take_welsh_site(writer)
    except WelshBuildFailed:
        raise SystemExit(WELSH_FAILED) from None
    not_found_pages[WELSH.code] = (site_dir / not_found.NOT_FOUND).read_text(encoding="utf-8")
    index_config = _as_written(material_theme.search_index_config(config))
    english, welsh = (ours[code] + theirs[code] for code in (DEFAULT.code, WELSH.code))  # English's entries first, as merged
    writer.write_all(search.index_files(search.indexes(index_config, english, welsh)), "the search index of each language")
    return True


def _index_docs(config: MkDocsConfig) -> dict[str, list[dict[str, Any]]]:
    """This process's search entries, as each language's index holds them (normally all in one)."""
    entries = _as_written(static_i18n.search_entries(config))
    return {DEFAULT.code: search.english_docs(entries), WELSH.code: search.welsh_docs(entries)}


def _as_written(data: Any) -> Any:
    """`data` as the one-process build reads it back from the merged index Material writes."""
    return json.loads(json.dumps(data, separators=(",", ":"), default=str))


class WelshBuildFailed(Exception):
    """The parent closed the pipe without saying the Welsh build succeeded: it shows why."""


def take_welsh_site(writer: Writer) -> dict[str, list[dict[str, Any]]]:
    """English process: wait for the Welsh build, move its files into the writer's site (its own
    copies of MkDocs' files winning where both wrote one: Writer.take_site) and return its search
    entries, by the index they go in."""
    with os.fdopen(int(os.environ[READY_FD]), "rb") as ready:
        if ready.read(1) != READY:
            raise WelshBuildFailed
    handover = Path(os.environ[HANDOVER])
    written_there = json.loads((handover / WRITTEN).read_text(encoding="utf-8"))
    writer.take_site(handover / SITE, written_there, "the Welsh process")
    return json.loads((handover / SEARCH_DOCS).read_text(encoding="utf-8"))


def run(command: list[str], english_site: Path, work: Path, root: Path, env: dict[str, str]) -> int:
    """Build with `command` (`mkdocs build` without --site-dir) into `english_site`, the Welsh
    process in a folder in `work`; the exit status, as one process would give it."""
    handover = Path(tempfile.mkdtemp(prefix="cy-", dir=work))
    (handover / SITE).mkdir()
    welsh_log = handover.with_suffix(".log")
    read_end, write_end = os.pipe()
    children: list[subprocess.Popen] = []
    try:
        welsh_env = {**env, ONLY: WELSH.code, HANDOVER: str(handover)}
        with open(welsh_log, "wb") as log:
            children.append(_start([*command, "--site-dir", str(handover / SITE)], root, welsh_env, log))
        english_env = {**env, ONLY: DEFAULT.code, HANDOVER: str(handover), READY_FD: str(read_end)}
        children.append(_start([*command, "--site-dir", str(english_site)], root, english_env, None, (read_end,)))
        os.close(read_end)
        read_end = -1
        welsh, english = children
        while welsh.poll() is None:  # English found a fault of its own: Welsh would only repeat it
            if english.poll() not in (None, 0):
                welsh.kill()
                welsh.wait()
                return english.returncode
            time.sleep(0.05)
        if welsh.returncode == 0:
            os.write(write_end, READY)
        os.close(write_end)
        write_end = -1
        english_status = english.wait()
        if english_status in (0, WELSH_FAILED):  # English's own output came first, as its pass does in one process
            _show(welsh_log)
        return welsh.returncode if english_status == WELSH_FAILED else english_status
    except BaseException:  # Ctrl-C in the parent: both children stop (they ignore SIGINT themselves)
        for child in children:
            child.kill()
        for child in children:
            child.wait()
        raise
    finally:
        for fd in (read_end, write_end):
            if fd >= 0:
                os.close(fd)


def _start(command: list[str], root: Path, env: dict[str, str], log: Any, fds: tuple[int, ...] = ()) -> subprocess.Popen:
    output = {"stdout": log, "stderr": subprocess.STDOUT} if log is not None else {}
    return subprocess.Popen(command, cwd=root, env=env, pass_fds=fds, preexec_fn=_ignore_interrupts, **output)


def _ignore_interrupts() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _show(log: Path) -> None:
    with open(log, "rb") as source:
        shutil.copyfileobj(source, os.fdopen(os.dup(2), "wb"))
