"""Search benchmark: what each language's search costs a reader, in Chromium, at N case studies a language.

    .venv/bin/python benchmarks/search_benchmark.py                    # N = 2000, 3 loads of each page
    .venv/bin/python benchmarks/search_benchmark.py --size 500 --repeat 5
    .venv/bin/python benchmarks/search_benchmark.py --compare REV      # REV: a git revision or a checkout's folder

It writes the corpus of `corpus.py` (real sentences from the project's own pages in each language,
so the Welsh has its mutated forms), builds it with Rhannu, serves the site on 127.0.0.1 and
measures, on the English home page (`/`) and the Welsh one (`/cy/`), in Debian's Chromium:

- the index the page downloads (`/search/search_index.json`, `/cy/search/search_index.json`):
  bytes, bytes gzipped, the languages its config names for lunr, and its documents;
- search ready: milliseconds from navigation until Material's search worker answers the index
  (SETUP) with READY; an init script wraps the page's `Worker` to see the two messages, and
  Material's files are unchanged. Also when the index had arrived, and the time inside the worker;
- worker heap: the search worker's used JS heap once it is ready, after a forced garbage
  collection, read over the Chrome DevTools Protocol in the worker's own session.

Each page is loaded `--repeat` times in a fresh browser context (nothing cached), English and Welsh
alternately, and the best load counts (fastest ready, smallest heap); the median ready time shows
how much the machine's load moved it. Welsh/English ratios come
from the same run (issue 14's targets: Welsh ready time and worker heap at most 2x English). With
`--compare REV`, the same corpus is also built by Rhannu at REV (its package, hooks, theme overrides
and settings, from a temporary worktree, or the folder itself if REV is one) and measured in the
same run, with the growth of each index between the two (target: at most 5%).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from build_benchmark import Build, measure_builds, rhannu_command
from corpus import PROJECT, write_corpus

from tests.support.browser import CHROMIUM, CHROMIUM_ARGS
from tests.support.server import serve

LANGUAGES = {"en": ("English", "", "search/search_index.json"), "cy": ("Welsh", "cy/", "cy/search/search_index.json")}
MIB = 1024 * 1024
READY_TIMEOUT_MS = 180_000

# Runs in each page before its own scripts: wraps `Worker` so that the search worker's SETUP
# (type 0, the index, page to worker) and READY (type 1, worker to page) are timed with
# performance.now(), milliseconds since navigation began. Material's message types:
# src/templates/assets/javascripts/integrations/search/worker/message/index.ts.
WORKER_HOOK = """
(() => {
  const Native = window.Worker;
  const record = (window.__rhannuSearch = {});
  window.Worker = class extends Native {
    constructor(url, options) {
      super(url, options);
      if (!String(url).includes("workers/search")) return;
      record.worker = String(url);
      const post = this.postMessage.bind(this);
      this.postMessage = (message, ...rest) => {
        if (message && message.type === 0 && record.setup === undefined) record.setup = performance.now();
        return post(message, ...rest);
      };
      this.addEventListener("message", (event) => {
        if (event.data && event.data.type === 1 && record.ready === undefined) record.ready = performance.now();
      });
    }
  };
})();
"""
# What the page reports once READY has come: the hook's record, and when the index arrived.
READ_RECORD = """
() => {
  const index = performance.getEntriesByType("resource").find((entry) => entry.name.endsWith("search_index.json"));
  return {...window.__rhannuSearch, index: index ? index.name : null, fetched: index ? index.responseEnd : null};
}
"""


@dataclass(frozen=True)
class Index:
    """A search index file as the page downloads it."""

    size: int
    gzipped: int
    lang: tuple[str, ...]
    docs: int


def index_facts(path: Path) -> Index:
    data = path.read_bytes()
    index = json.loads(data)
    return Index(len(data), len(gzip.compress(data, mtime=0)), tuple(index["config"]["lang"]), len(index["docs"]))


@dataclass(frozen=True)
class Load:
    """One page load: when the index arrived, when the page sent it to the worker (SETUP) and
    when the worker answered READY, in ms since navigation; the worker's heap once ready."""

    index: str
    fetched_ms: float
    setup_ms: float
    ready_ms: float
    heap_bytes: int

    @property
    def in_worker_ms(self) -> float:
        return self.ready_ms - self.setup_ms


def load_from_record(record: dict[str, Any], heap_bytes: int) -> Load:
    """The Load that the page's record (WORKER_HOOK, READ_RECORD) describes."""
    missing = [key for key in ("worker", "setup", "ready", "index", "fetched") if record.get(key) is None]
    if missing:
        raise ValueError(f"the page's search record lacks {', '.join(missing)}: {record}")
    path = re.sub(r"^[a-z]+://[^/]+/", "", record["index"])
    return Load(path, float(record["fetched"]), float(record["setup"]), float(record["ready"]), heap_bytes)


def heap_used(reply: dict[str, Any]) -> int:
    """usedSize from a worker's reply to Runtime.getHeapUsage."""
    if "error" in reply:
        raise RuntimeError(f"Runtime.getHeapUsage failed in the worker: {reply['error']}")
    return int(reply["result"]["usedSize"])


class WorkerSession:
    """The DevTools protocol inside a page's dedicated worker: the page's CDP session attaches to
    its workers (Target.setAutoAttach, not flattened) and relays messages to them
    (Target.sendMessageToTarget); replies come back as Target.receivedMessageFromTarget events."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.cdp = page.context.new_cdp_session(page)
        self.workers: dict[str, str] = {}  # session id: script URL
        self.replies: dict[int, dict[str, Any]] = {}
        self.next_id = 1
        self.cdp.on("Target.attachedToTarget", self._attached)
        self.cdp.on("Target.receivedMessageFromTarget", self._received)
        self.cdp.send("Target.setAutoAttach", {"autoAttach": True, "waitForDebuggerOnStart": False, "flatten": False})

    def _attached(self, event: dict[str, Any]) -> None:
        if event["targetInfo"]["type"] == "worker":
            self.workers[event["sessionId"]] = event["targetInfo"]["url"]

    def _received(self, event: dict[str, Any]) -> None:
        message = json.loads(event["message"])
        if "id" in message:
            self.replies[message["id"]] = message

    def call(self, script: str, method: str, params: dict[str, Any] | None = None, timeout_ms: int = 60_000) -> dict[str, Any]:
        """Send `method` to the worker running `script` (a part of its URL) and wait for its reply."""
        session = next((sid for sid, url in self.workers.items() if script in url), None)
        if session is None:
            raise RuntimeError(f"no worker running {script!r} is attached (attached: {list(self.workers.values())})")
        number, self.next_id = self.next_id, self.next_id + 1
        self.cdp.send("Target.sendMessageToTarget", {"sessionId": session, "message": json.dumps({"id": number, "method": method, "params": params or {}})})
        for _ in range(timeout_ms // 10):
            if number in self.replies:
                return self.replies.pop(number)
            self.page.wait_for_timeout(10)  # lets Playwright deliver the events
        raise TimeoutError(f"the worker did not answer {method} within {timeout_ms} ms")


def measure_load(browser: Any, url: str) -> Load:
    """Load `url` in a fresh context; wait for the search worker's READY; read its heap."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    context = browser.new_context()
    try:
        page = context.new_page()
        page.add_init_script(WORKER_HOOK)
        worker = WorkerSession(page)
        page.goto(url, timeout=READY_TIMEOUT_MS)
        try:
            page.wait_for_function("window.__rhannuSearch && window.__rhannuSearch.ready !== undefined", timeout=READY_TIMEOUT_MS)
        except PlaywrightTimeout:
            raise SystemExit(f"search on {url} was not ready within {READY_TIMEOUT_MS // 1000} s: {page.evaluate(READ_RECORD)}") from None
        record = page.evaluate(READ_RECORD)
        for _ in range(2):  # a second pass collects what the first one's finalisers freed
            worker.call("workers/search", "HeapProfiler.collectGarbage")
        heap = heap_used(worker.call("workers/search", "Runtime.getHeapUsage"))
        return load_from_record(record, heap)
    finally:
        context.close()


@dataclass(frozen=True)
class Result:
    """One build's figures for one language: its index and the best of its loads."""

    index: Index
    ready_ms: float
    fetched_ms: float
    in_worker_ms: float
    heap_bytes: int
    median_ready_ms: float


def best(index: Index, loads: list[Load]) -> Result:
    fastest = min(loads, key=lambda load: load.ready_ms)
    heap = min(load.heap_bytes for load in loads)
    return Result(index, fastest.ready_ms, fastest.fetched_ms, fastest.in_worker_ms, heap, statistics.median(load.ready_ms for load in loads))


@contextmanager
def revision_tree(revision: str, folder: Path) -> Iterator[Path]:
    """A checkout of `revision`: the folder itself if it is one, else a temporary detached worktree."""
    if Path(revision).is_dir():
        yield Path(revision).resolve()
        return
    subprocess.run(["git", "worktree", "add", "--detach", str(folder), revision], cwd=PROJECT, check=True, capture_output=True)
    try:
        yield folder
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(folder)], cwd=PROJECT, check=False)


def run(size: int, repeat: int, compare: str | None = None) -> dict[str, dict[str, Result]]:
    """{build name: {language: Result}}, for this checkout and, with `compare`, Rhannu at that revision."""
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        raise SystemExit(f"{CHROMIUM} not found: install Debian's chromium (apt-get install chromium)")
    with tempfile.TemporaryDirectory(prefix="rhannu-search-bench-") as scratch, ExitStack() as stack:
        trees = {"this checkout": PROJECT}
        if compare:
            trees[f"at {compare}"] = stack.enter_context(revision_tree(compare, Path(scratch) / "tree"))
        sites: dict[str, Path] = {}
        for number, (name, tree) in enumerate(trees.items()):
            corpus = write_corpus(_mkdir(Path(scratch) / f"corpus-{number}"), size, project=tree)
            built = measure_builds([Build(rhannu_command, corpus, Path(scratch) / f"site-{number}", package=tree)], 1)[0]
            sites[name] = Path(scratch) / f"site-{number}-0"  # the folder of the first (only) build
            print(f"built Rhannu {name} ({tree}): {built.pages} pages in {built.seconds:.1f} s", file=sys.stderr, flush=True)
        bases = {name: stack.enter_context(serve(site)) for name, site in sites.items()}
        loads: dict[str, dict[str, list[Load]]] = {name: {lang: [] for lang in LANGUAGES} for name in sites}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            try:
                for _ in range(repeat):  # builds and languages take turns, so that a busy moment falls on each alike
                    for name, base in bases.items():
                        for lang, (_, path, index) in LANGUAGES.items():
                            load = measure_load(browser, base + path)
                            if load.index != index:
                                raise SystemExit(f"the {lang} page of {name} fetched {load.index}, not {index}")
                            loads[name][lang].append(load)
            finally:
                browser.close()
        return {
            name: {lang: best(index_facts(sites[name] / LANGUAGES[lang][2]), loads[name][lang]) for lang in LANGUAGES}
            for name in sites
        }


def _mkdir(path: Path) -> Path:
    path.mkdir(parents=True)
    return path


HEADER = (
    "| build | page | index bytes | gzipped | index lang | docs | index arrived ms | search ready ms | in worker ms | worker heap MiB | median ready ms |\n"
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
)


def rows(name: str, results: dict[str, Result]) -> list[str]:
    """A build's table rows: one a language, then Welsh over English."""
    lines = [
        f"| {name} | {LANGUAGES[lang][0]} | {r.index.size:,} | {r.index.gzipped:,} | {','.join(r.index.lang)} | {r.index.docs} "
        f"| {r.fetched_ms:.0f} | {r.ready_ms:.0f} | {r.in_worker_ms:.0f} | {r.heap_bytes / MIB:.1f} | {r.median_ready_ms:.0f} |"
        for lang, r in results.items()
    ]
    en, cy = results["en"], results["cy"]
    lines.append(
        f"| {name} | Welsh / English | {cy.index.size / en.index.size:.2f} | {cy.index.gzipped / en.index.gzipped:.2f} | | "
        f"| {cy.fetched_ms / en.fetched_ms:.2f} | {cy.ready_ms / en.ready_ms:.2f} | {cy.in_worker_ms / en.in_worker_ms:.2f} "
        f"| {cy.heap_bytes / en.heap_bytes:.2f} | {cy.median_ready_ms / en.median_ready_ms:.2f} |"
    )
    return lines


def summary(results: dict[str, dict[str, Result]]) -> list[str]:
    """The ratios issue 14 sets targets for, for each build, and each index's growth between builds."""
    lines = [
        f"{name}: Welsh / English ready {r['cy'].ready_ms / r['en'].ready_ms:.2f}x, worker heap "
        f"{r['cy'].heap_bytes / r['en'].heap_bytes:.2f}x (target: at most 2x)"
        for name, r in results.items()
    ]
    names = list(results)
    for other in names[1:]:
        growth = ", ".join(
            f"{LANGUAGES[lang][0]} {results[other][lang].index.size / results[names[0]][lang].index.size - 1:+.1%}"
            f" ({results[other][lang].index.gzipped / results[names[0]][lang].index.gzipped - 1:+.1%} gzipped)"
            for lang in LANGUAGES
        )
        lines.append(f"index {other} against {names[0]}: {growth} (target: the Welsh-aware search adds at most 5%)")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=2000, help="case studies per language")
    parser.add_argument("--repeat", type=int, default=3, help="loads of each page; the best counts")
    parser.add_argument("--compare", metavar="REV", help="also build with Rhannu at this git revision (or checkout folder)")
    args = parser.parse_args()
    results = run(args.size, args.repeat, args.compare)
    print(f"N = {args.size} case studies per language, best of {args.repeat} loads\n\n{HEADER}")
    for name, by_language in results.items():
        print("\n".join(rows(name, by_language)))
    print("\n" + "\n".join(summary(results)))


if __name__ == "__main__":
    main()
