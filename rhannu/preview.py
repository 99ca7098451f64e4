"""A fast preview for editors: what an edit touches is visible at once, the rest follows.

`rhannu preview` builds the whole site once (the same build as `mkdocs build`, warnings shown,
a missing translation shown as a Welsh notice) and serves it with live reload. When a case study
or lesson changes, its pages in both languages are re-rendered in place from the new records
within a fraction of a second, and a full rebuild starts in a fresh process; when it finishes,
the server switches to it. Every full rebuild is a new process over a new folder, so nothing
accumulates from one edit to the next (MkDocs' own dirty reload slows down with each one under
static-i18n). Malformed content stops the update: the errors are printed, and the last good
site stays up.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import markdown as markdown_lib
from markupsafe import escape
from watchdog.events import (
    FileAttribEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver

from rhannu import html_safety, page_toc
from rhannu.content import Content, ItemMemo, load_content
from rhannu.content_types import BY_FOLDER, WITH_PAGES
from rhannu.dates import build_date
from rhannu.errors import ContentError, ContentErrors
from rhannu.labels import label
from rhannu.languages import CODES, DEFAULT
from rhannu.material_theme import with_article, with_title
from rhannu.notices import stale_translation
from rhannu.pairing import parse_source_path
from rhannu.printing import with_addresses
from rhannu.site_info import SiteInfo
from rhannu.translations import source_folders, stale_records
from rhannu.urls import relative, url
from rhannu.views import ITEM_PAGES, VirtualPage

if TYPE_CHECKING:
    from mkdocs.livereload import LiveReloadServer

log = logging.getLogger("rhannu.preview")


def watched(root: Path) -> tuple[str, ...]:
    """The sources a preview watches: mkdocs.yml, docs/ and each content type's folder (data/schema.yml), data/, overrides/."""
    return ("mkdocs.yml", *source_folders(root), "data", "overrides")


_MD_LINK = re.compile(r'href="(?![a-z]+:|/|#)([^"#]+?)\.md(#[^"]*)?"')
_RELATIVE_SRC = re.compile(r'\bsrc="(?![a-z][a-z0-9+.-]*:|/|#)([^"]+)"')  # an image beside the source


def snapshot(root: Path) -> dict[str, int]:
    """Every watched source file and its modification time."""
    found = {}
    for name in watched(root):
        path = root / name
        if path.is_file():
            found[name] = path.stat().st_mtime_ns
        elif path.is_dir():
            found.update((f"{name}/{relative}", entry.stat().st_mtime_ns) for relative, entry in _files_under(str(path)))
    return found


def _files_under(folder: str, prefix: str = "") -> Iterator[tuple[str, os.DirEntry]]:
    """Each file under `folder`, by its path relative to it, as Path.rglob finds them (into no
    linked folder); os.scandir reads the folders' entries without a Path for each file."""
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                yield from _files_under(entry.path, f"{prefix}{entry.name}/")
            elif entry.is_file():
                yield f"{prefix}{entry.name}", entry


def changed(before: dict[str, int], after: dict[str, int]) -> set[str]:
    return {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}


@dataclass(frozen=True)
class FastEdit:
    """Source files whose pages can be re-rendered in place: items of types with pages."""

    folder: str
    slug: str


def fast_edits(paths: set[str]) -> list[FastEdit] | None:
    """The edits the fast path can show, or None when something else changed too."""
    edits = []
    for path in paths:
        folder, _, name = path.partition("/")
        if folder not in {kind.folder for kind in WITH_PAGES} or "/" in name or not name.endswith(".md"):
            return None
        edits.append(FastEdit(folder, Path(parse_source_path(name).key).stem))
    return edits


class Refused(ValueError):
    """A page the build would refuse: the fast path does not show it either."""

    def __init__(self, problem: html_safety.Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


class PageRenderer:
    """Markdown to HTML as the site renders it, for the pages the fast path rewrites."""

    def __init__(self, extensions: list, extension_configs: dict) -> None:
        configs = html_safety.safe_heading_ids(extension_configs)
        self._markdown = markdown_lib.Markdown(extensions=extensions, extension_configs=configs)

    def render(
        self, page: VirtualPage, page_url: str, lang: str, *, stale_from: str | None = None, names: Mapping[str, str] = {}
    ) -> str:
        """The page's article HTML; with `stale_from` (the English page's URL) the notice that
        the English has changed, as the build adds it. `names` gives the items whose page has its
        own name in `lang` ('lessons/x' -> 'lessons/y'), for links to them."""
        self._markdown.reset()
        body = page.markdown.split("\n---\n", 1)[1].lstrip("\n")
        if stale_from is not None:
            body = stale_translation(body, lang, relative(stale_from, page_url), DEFAULT.code)
        judged = html_safety.judge(self._markdown.convert(body))  # as the build judges every page
        if judged.problem is not None:
            raise Refused(judged.problem)
        html = page.whole(judged.html)
        html = page_toc.after_title(html, page_toc.contents_list(page_toc.toc_of(html), label(lang, "on_this_page")))
        folder = page.src_uri.rsplit("/", 1)[0]
        html = _MD_LINK.sub(lambda match: self._link(match, folder, page_url, lang, names), html)
        return _RELATIVE_SRC.sub(lambda match: self._asset(match, folder, page_url), html)

    @staticmethod
    def _asset(match: re.Match, folder: str, page_url: str) -> str:
        """As MkDocs writes it: files beside a source are published once, for both languages."""
        target = os.path.normpath(f"{folder}/{match.group(1)}").replace(os.sep, "/")
        return f'src="{relative(target, page_url)}"'

    @staticmethod
    def _link(match: re.Match, folder: str, page_url: str, lang: str, names: Mapping[str, str]) -> str:
        target = os.path.normpath(f"{folder}/{match.group(1)}").replace(os.sep, "/")
        return f'href="{relative(url(names.get(target, target), lang), page_url)}{match.group(2) or ""}"'


def rewrite_in_place(
    site: Path, content: Content, edits: list[FastEdit], renderer: PageRenderer, names: SiteInfo, root: Path
) -> list[str]:
    """Re-render the edited items' pages inside the built site; the paths rewritten. A page the
    build would refuse stops the update before anything is written (ContentErrors)."""
    pages = rendered_pages(site, content, edits, renderer, names, root)
    for target, html in pages.values():
        target.write_text(html, encoding="utf-8")
    return list(pages)


def rendered_pages(
    site: Path, content: Content, edits: list[FastEdit], renderer: PageRenderer, names: SiteInfo, root: Path
) -> dict[str, tuple[Path, str]]:
    """The edited items' pages as the build would write them, by address, with their files."""
    pages, errors = {}, []
    stale = set(stale_records([item for kind in WITH_PAGES for item in content.of(kind)]))
    own_names = {
        lang: {kind.path(item): kind.path(item, lang) for kind in WITH_PAGES for item in content.of(kind)} for lang in CODES
    }
    for edit in edits:
        kind = BY_FOLDER[edit.folder]
        item = next((item for item in content.of(kind) if item.slug == edit.slug), None)
        if item is None:
            continue  # new, draft or future-dated: the full rebuild decides
        for lang in item.texts:
            page = ITEM_PAGES[kind.behaviour](content, item, lang, None, names)
            address = url(kind.path(item, lang), lang)
            target = site / address / "index.html"
            if not target.exists():
                continue
            english_url = url(kind.path(item), DEFAULT.code)
            stale_from = english_url if item.texts[lang].path in stale else None
            try:
                article = renderer.render(page, address, lang, stale_from=stale_from, names=own_names[lang])
            except Refused as refused:
                source = item.texts[lang].path
                text = (root / source).read_text(encoding="utf-8", errors="replace")
                errors.append(
                    ContentError(source, refused.problem.message, line=html_safety.line_of(refused.problem.needle, text))
                )
                continue
            title = item.texts[lang].title
            html = with_article(target.read_text(encoding="utf-8"), article)
            html = with_addresses(html, names.url + address, label(lang, "print_address"))
            html = with_title(html, f"{escape(title)} - {escape(names.name(lang))}")  # as Jinja escapes them: apostrophes too
            pages[address] = (target, html)
    if errors:
        raise ContentErrors(errors)
    return pages


def full_build(root: Path, site: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


class Preview:
    """The builder behind the live-reload server: fast in-place updates, full rebuilds behind."""

    def __init__(self, root: Path, workspace: Path, renderer: PageRenderer, names: SiteInfo) -> None:
        self.root = root
        self.workspace = workspace
        self.renderer = renderer
        self.names = names
        self.served = workspace / "site"  # a symlink to the current build folder
        self.sources = snapshot(root)
        self._memo = ItemMemo()  # unchanged items are not read and checked again on each edit
        self._builds = 0
        self._lock = threading.Lock()
        self._finished: tuple[Path, dict[str, int]] | None = None
        self._building = False
        self._before_fast: dict[Path, str] = {}  # files the fast path rewrote, as the last full build wrote them
        self.on_full_build_done = lambda: None  # set by the server: asks for a reload

    def first_build(self) -> bool:
        folder = self._next_folder()
        done = full_build(self.root, folder)
        _report(done)
        if done.returncode != 0:
            return False
        self._switch_to(folder)
        self._warm_memo()
        return True

    def _warm_memo(self) -> None:
        """Read every item once now, so that the first edit is as quick as the next."""
        with contextlib.suppress(ContentErrors):  # the build has just checked them; an edit since shows its own errors
            load_content(self.root, build_date(), self._memo)

    def __call__(self) -> None:
        """Called by the server after files change, and after a background build finishes."""
        with self._lock:
            finished, self._finished = self._finished, None
        now = snapshot(self.root)
        if finished is not None:
            folder, sources = finished
            if sources == now:
                self._switch_to(folder)
                log.info("Full rebuild in place")
            else:
                _remove_behind(folder)
                self._start_full_build()
        paths = changed(self.sources, now)
        if not paths:
            return
        self.sources = now
        started = time.perf_counter()
        edits = fast_edits(paths)
        if edits is not None:
            try:
                content = load_content(self.root, build_date(), self._memo)
                pages = rendered_pages(self.served.resolve(), content, edits, self.renderer, self.names, self.root)
            except ContentErrors as problems:
                for error in problems.errors:
                    log.error(str(error))
                log.error("The preview was not updated: %s", problems.summary())
                return
            self._write_fast(pages.values())
            log.info("Updated %s in %.2f s; a full rebuild follows", ", ".join(pages) or "nothing", time.perf_counter() - started)
        self._start_full_build()

    def _write_fast(self, pages: Iterable[tuple[Path, str]]) -> None:
        """Write the fast path's pages, keeping each file's text from the last full build, so that
        a full rebuild that fails can put the last good site back."""
        with self._lock:  # not while a failed rebuild puts the last good pages back
            for target, html in pages:
                self._before_fast.setdefault(target, target.read_text(encoding="utf-8"))
                target.write_text(html, encoding="utf-8")

    def _undo_fast(self) -> None:
        for target, html in self._before_fast.items():
            if target.exists():
                target.write_text(html, encoding="utf-8")
        self._before_fast.clear()

    def _start_full_build(self) -> None:
        with self._lock:
            if self._building:
                return  # the running build's result is discarded if sources moved on
            self._building = True
        threading.Thread(target=self._full_build_behind, daemon=True).start()

    def _full_build_behind(self) -> None:
        sources = snapshot(self.root)
        folder = self._next_folder()
        done = full_build(self.root, folder)
        _report(done)
        with self._lock:
            self._building = False
            if done.returncode == 0:
                self._finished = (folder, sources)
            else:
                _remove_behind(folder)
                self._undo_fast()  # what the fast path showed may be what the build refused
                log.error("The full rebuild failed; the preview shows the last good site")
        if done.returncode == 0:
            self.on_full_build_done()

    def _next_folder(self) -> Path:
        self._builds += 1
        return self.workspace / f"build-{self._builds}"

    def _switch_to(self, folder: Path) -> None:
        previous = self.served.resolve() if self.served.is_symlink() else None
        link = self.workspace / "site.new"
        if link.is_symlink():
            link.unlink()
        link.symlink_to(folder)
        os.replace(link, self.served)
        self._before_fast.clear()  # the new build holds every edit
        if previous is not None and previous != folder:
            _remove_behind(previous)


def _remove_behind(folder: Path) -> None:
    """Remove a build folder without holding up the next edit: a site of thousands of pages takes
    seconds to delete."""
    threading.Thread(target=shutil.rmtree, args=(folder,), kwargs={"ignore_errors": True}, daemon=True).start()


CHANGES: list[type[FileSystemEvent]] = [
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileClosedEvent,  # after a write
    FileAttribEvent,  # touch
]


def change_observer() -> BaseObserver:
    """The file watcher for the server: told of a change by the operating system at once (inotify
    on Linux) where MkDocs' own polls every half second, reading the times of every file each time.
    Only changes count: the kernel also tells of every read, and each build reads every file."""
    observer = Observer()
    schedule = observer.schedule
    observer.schedule = lambda handler, path, **options: schedule(handler, path, **(options | {"event_filter": CHANGES}))  # type: ignore[method-assign]
    return observer


def _stop(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _report(done: subprocess.CompletedProcess) -> None:
    for line in (done.stdout + done.stderr).splitlines():
        if line.startswith(("WARNING", "ERROR")) or "Aborted" in line or "Error" in line:
            print(line, file=sys.stderr, flush=True)


# A WSGI application that answers the requests it knows and returns None for the others, which
# the preview then serves: `rhannu edit` adds the editor and its API this way.
Routes = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes] | None]


class Running:
    """A preview server answering in the background: its address, and how to stop it."""

    def __init__(self, server: LiveReloadServer, url: str, workspace: Path) -> None:
        self.server = server
        self.url = url  # http://host:port/, with the port the server was given (the one asked for, or a free one for 0)
        self.workspace = workspace
        self._builder = threading.Thread(target=server._build_loop, daemon=True)  # MkDocs' own loop, as serve() runs it

    def start(self) -> None:
        if self.server._watched_paths:
            self.server.observer.start()
        self.server.serve_thread.start()
        self._builder.start()

    def wait(self) -> None:
        """Until the server stops; Ctrl-C comes through (a join with no timeout would hold it up)."""
        while self._builder.is_alive():
            self._builder.join(0.5)

    def close(self) -> None:
        self.server.shutdown(wait=True)
        self._builder.join(timeout=10)
        shutil.rmtree(self.workspace, ignore_errors=True)


class NotServed(Exception):
    """Why the preview could not start, and what to do: the build failed, or the address is taken."""


def start(root: Path, host: str, port: int, routes: Callable[[str], Routes] | None = None) -> Running:
    """Build the site and serve it in the background (port 0: a free port). `routes`, given the
    server's address, answers the requests it knows before the preview does. NotServed when the
    address cannot be used or the first build fails (its errors printed)."""
    from mkdocs.config import load_config
    from mkdocs.livereload import LiveReloadServer

    from rhannu.site_info import from_config

    config = load_config(str(root / "mkdocs.yml"))
    renderer = PageRenderer(config.markdown_extensions, config.mdx_configs)
    workspace = Path(tempfile.mkdtemp(prefix="rhannu-preview-"))
    preview = Preview(root, workspace, renderer, from_config(config))
    server = LiveReloadServer(builder=preview, host=host, port=port, root=str(preview.served))
    try:  # before the build, so that a port in use is said at once
        server.server_bind()  # here, not in server.serve(), so that the address is known before any request
        server.server_activate()
    except (OSError, OverflowError) as error:
        _give_up(server, workspace)
        reason = getattr(error, "strerror", None) or str(error)
        raise NotServed(
            f"Cannot serve on {host} port {port}: {reason}. Is a preview already running there? Choose another --port."
        ) from None
    print(f"Building the site in {workspace} ...", flush=True)
    if not preview.first_build():
        _give_up(server, workspace)
        raise NotServed("The site could not be built; fix the errors above and start it again.")
    server.observer = change_observer()  # type: ignore[assignment]  # MkDocs uses only what every observer has

    def request_reload() -> None:
        with server._rebuild_cond:  # the server's own way to run the builder and reload browsers
            server._want_rebuild = True
            server._rebuild_cond.notify_all()

    preview.on_full_build_done = request_reload
    for name in watched(root):
        if (root / name).exists():
            server.watch(str(root / name))
    logging.basicConfig(level=logging.INFO, format="%(levelname)-8s-  %(message)s")
    url = f"http://{f'[{host}]' if ':' in host else host}:{server.server_address[1]}/"
    server.url = url
    if routes is not None:
        server.set_app(_answering_first(routes(url), server.serve_request))
    running = Running(server, url, workspace)
    running.start()
    log.info("Serving on %s", url)
    return running


def _give_up(server: LiveReloadServer, workspace: Path) -> None:
    server.server_close()
    shutil.rmtree(workspace, ignore_errors=True)


def _answering_first(
    routes: Routes, preview: Callable[[dict[str, Any], Any], Iterable[bytes]]
) -> Callable[[dict[str, Any], Any], Iterable[bytes]]:
    def app(environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        answer = routes(environ, start_response)
        return preview(environ, start_response) if answer is None else answer

    return app


def serve(root: Path, host: str, port: int) -> int:
    """`rhannu preview`: serve until stopped; 1, with why, when it cannot start."""
    try:
        running = start(root, host, port)
    except NotServed as problem:
        print(problem, file=sys.stderr)
        return 1
    return serve_running(running)


def serve_running(running: Running) -> int:
    """Wait until Ctrl-C or SIGTERM, then stop the server and remove its build folders."""
    signal.signal(signal.SIGTERM, _stop)  # as Ctrl-C: the build folders (GBs at N=2000) are removed
    try:
        running.wait()
    except KeyboardInterrupt:
        print("Shutting down...")
    finally:
        running.close()
    return 0
