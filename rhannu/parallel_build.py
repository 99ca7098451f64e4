"""`rhannu build` builds each language in a process of its own, at the same time, on the same bytes.

static-i18n builds the default language (English), then each other one (Welsh), in one process:
on two cores the second core idles. Here the parent (`rhannu build`) starts one `mkdocs build` per
language at once (rhannu.language_process: it skips the interpreter's teardown), each told by the
environment which language it builds (static_i18n.build_only: that language's pass is then the
only one, and Welsh pages still land under `cy/`):

- each other language's process builds into a folder of its own and, when done, leaves the
  entries of its search index beside it, printed as each language's index prints them (a JSON
  array per language), so that the default process joins them unread;
- the default language's process builds into the new site folder, then waits for the parent's
  word that every other build has succeeded (one byte on a pipe), moves their files into its site
  through its writer, in the order static-i18n would build them (where two copied one of MkDocs'
  files, the later one wins, as the later pass's does in one process; a file Rhannu wrote is
  written by one side only: rhannu.writer), and then writes what spans the languages, once, as
  the one-process build does after its last pass: the search index of each language
  (rhannu.search; the one-process build writes every language's index and then splits it) and
  the 404 pages.

The result is byte-identical to `mkdocs build` (tests/test_parallel_build.py). Errors read as
they do in one process: the default process's output is shown as it comes and the others' after
it, and only when it succeeded (an error in the content is found by every process: the editor
reads it once). `mkdocs build` and `rhannu preview` keep the one-process build.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rhannu.languages import DEFAULT, default_first

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from rhannu.writer import Writer

ONLY = "RHANNU_BUILD_ONLY"  # the language code this process builds, alone
HANDOVER = "RHANNU_BUILD_HANDOVER"  # another language's process: the folder it builds into and leaves its search entries in
HANDOVERS = "RHANNU_BUILD_HANDOVERS"  # the default process: each other language's code and folder, in build order
READY_FD = "RHANNU_BUILD_READY_FD"  # the default process: the pipe the parent says "the other builds succeeded" on
SITE = "site"  # the other language's site, in its handover folder
WRITTEN = "written.json"  # the files its process's writer wrote (rhannu.writer), in its handover folder
READY = b"1"
POLL_SECONDS = 0.01  # how often the parent looks whether a language's process has ended: the default one waits for its word
OTHER_FAILED = 3  # the default process's exit status when it stopped because another language's build failed


def only_language() -> str | None:
    """The language this build process builds alone, or None for the one-process build."""
    return os.environ.get(ONLY) or None


def reports_site_messages() -> bool:
    """What the site model says of the content (drafts left out, old translations) is said once:
    not by the other languages' processes, which prepare the same model as the default one."""
    return only_language() in (None, DEFAULT.code)


def joined(config: MkDocsConfig, not_found_pages: dict[str, str], writer: Writer) -> bool:
    """At the end of a one-language process's build: True in the default language's process once
    every other language's site is in its folder, with each language's search index written and
    their 404 pages added to `not_found_pages`; it then writes the rest of what spans the
    languages. False otherwise. Each process gives its own search entries their word forms
    (rhannu.search), the slow part, before they meet."""
    from rhannu import material_theme, not_found, search  # the builds' own modules: `rhannu build` starts them sooner without

    code = only_language()
    if code is not None and code != DEFAULT.code:
        handover = Path(os.environ[HANDOVER])
        for lang, array in _index_docs(config).items():
            (handover / search_docs(lang)).write_bytes(array)
        (handover / WRITTEN).write_text(json.dumps(writer.written), encoding="utf-8")
        return False
    if code is None:
        return False
    docs = {lang: [array] for lang, array in _index_docs(config).items()}
    index_config = _as_written(material_theme.search_index_config(config))
    site_dir = Path(config.site_dir)
    try:
        wait_for_others()
    except OtherBuildFailed:
        raise SystemExit(OTHER_FAILED) from None
    for other, handover in handovers():
        take_site(writer, handover, other)
        for lang, arrays in docs.items():  # in build order, as merged
            arrays.append((handover / search_docs(lang)).read_bytes())
        not_found_pages[other] = (site_dir / not_found.NOT_FOUND).read_text(encoding="utf-8")
    writer.write_all(search.joined_index_files(index_config, docs), "the search index of each language")
    return True


def search_docs(lang: str) -> str:
    """The file, in a handover folder, of that process's entries in `lang`'s index."""
    return f"search-docs-{lang}.json"


def _index_docs(config: MkDocsConfig) -> dict[str, bytes]:
    """This process's search entries, as each language's index holds them (normally all in one),
    as JSON arrays (search.as_json)."""
    from rhannu import search, static_i18n

    entries = _as_written(static_i18n.search_entries(config))
    return {lang: search.as_json(search.docs_in(entries, lang)) for lang in default_first()}


def _as_written(data: Any) -> Any:
    """`data` as the one-process build reads it back from the merged index Material writes:
    itself where it holds only JSON's own types (as Material's entries do), else printed and read."""
    return data if _is_json(data) else json.loads(json.dumps(data, separators=(",", ":"), default=str))


def _is_json(data: Any) -> bool:
    """Whether `data` reads back from JSON as it is: strings, whole numbers, finite floats, true,
    false, null, and lists and string-keyed dicts of them (not a tuple, nor a str subclass)."""
    kind = type(data)
    if kind in (str, int, bool) or data is None:
        return True
    if kind is float:
        return math.isfinite(data)
    if kind is list:
        return all(_is_json(item) for item in data)
    if kind is dict:
        return all(type(key) is str and _is_json(value) for key, value in data.items())
    return False


class OtherBuildFailed(Exception):
    """The parent closed the pipe without saying every other language's build succeeded: it shows why."""


def handovers() -> list[tuple[str, Path]]:
    """The default process: each other language's code and handover folder, in build order."""
    listed = json.loads(os.environ[HANDOVERS])
    return [(code, Path(folder)) for code, folder in listed]


def wait_for_others() -> None:
    with os.fdopen(int(os.environ[READY_FD]), "rb") as ready:
        if ready.read(1) != READY:
            raise OtherBuildFailed


def take_site(writer: Writer, handover: Path, code: str) -> None:
    """The default process: move another language's files into the writer's site (its own copies
    of MkDocs' files winning where both wrote one: Writer.take_site)."""
    written_there = json.loads((handover / WRITTEN).read_text(encoding="utf-8"))
    writer.take_site(handover / SITE, written_there, f"the {code} process")


def run(command: list[str], default_site: Path, work: Path, root: Path, env: dict[str, str], order: tuple[str, ...]) -> int:
    """Build with `command` (`mkdocs build` without --site-dir, or rhannu.language_process) into
    `default_site`, each other language of `order` (the default's first, then as static-i18n
    builds them) in a folder in `work`; the exit status, as one process would give it."""
    default, others = order[0], order[1:]
    handover = {code: Path(tempfile.mkdtemp(prefix=f"{code}-", dir=work)) for code in others}
    for folder in handover.values():
        (folder / SITE).mkdir()
    read_end, write_end = os.pipe()
    children: dict[str, subprocess.Popen] = {}
    try:
        for code in others:
            with open(handover[code].with_suffix(".log"), "wb") as log:
                other_env = {**env, ONLY: code, HANDOVER: str(handover[code])}
                children[code] = _start([*command, "--site-dir", str(handover[code] / SITE)], root, other_env, log)
        listed = json.dumps([[code, str(handover[code])] for code in others])
        default_env = {**env, ONLY: default, HANDOVERS: listed, READY_FD: str(read_end)}
        first = _start([*command, "--site-dir", str(default_site)], root, default_env, None, (read_end,))
        os.close(read_end)
        read_end = -1
        while any(
            child.poll() is None for child in children.values()
        ):  # the default found a fault of its own: others would only repeat it
            if first.poll() not in (None, 0):
                _stop(children.values())
                return first.returncode
            time.sleep(POLL_SECONDS)
        failed = [child.returncode for child in children.values() if child.returncode != 0]
        if not failed:
            with contextlib.suppress(BrokenPipeError):  # the default stopped (a fault of its own) since the loop looked
                os.write(write_end, READY)
        os.close(write_end)
        write_end = -1
        status = first.wait()
        if status in (0, OTHER_FAILED):  # the default's own output came first, as its pass does in one process
            for code in others:
                _show(handover[code].with_suffix(".log"))
        return failed[0] if status == OTHER_FAILED else status
    except BaseException:  # Ctrl-C in the parent: every child stops (they ignore SIGINT themselves)
        _stop([*children.values(), *([first] if "first" in locals() else [])])
        raise
    finally:
        for fd in (read_end, write_end):
            if fd >= 0:
                os.close(fd)


def _stop(children: Any) -> None:
    children = list(children)
    for child in children:
        if child.poll() is None:
            child.kill()
    for child in children:
        child.wait()


def _start(command: list[str], root: Path, env: dict[str, str], log: Any, fds: tuple[int, ...] = ()) -> subprocess.Popen:
    output = {"stdout": log, "stderr": subprocess.STDOUT} if log is not None else {}
    return subprocess.Popen(command, cwd=root, env=env, pass_fds=fds, preexec_fn=_ignore_interrupts, **output)


def _ignore_interrupts() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _show(log: Path) -> None:
    with open(log, "rb") as source:
        shutil.copyfileobj(source, os.fdopen(os.dup(2), "wb"))
