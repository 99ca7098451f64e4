"""`rhannu edit`: the site preview, the content editor (Decap CMS) at /admin/, and the local API
Decap's proxy backend talks to at /admin/api/v1, on one server on this machine.

The API speaks Decap's local-backend protocol as `decap-server` (packages/decap-server,
middlewares/localFs) does: a POST of JSON `{action, params}`, an answer in JSON, an error as
`{"error": message}` with a 4xx or 5xx status, which Decap shows the editor. It differs where the
site's rules ask:

- only the site's content folders (docs/ and each content type's folder) are read or written: no
  `..`, no absolute path, no link out of the folder; an entry only as Markdown;
- Decap names the default language's file `x.en.md`; the site keeps it as `x.md`, so each name is
  mapped both ways;
- every change (a saved entry, an image, a deletion) is checked as `rhannu check` checks the site
  (see checked_change), on a copy of the sources with the change in place, one change at a time;
  a change the build would refuse is refused with the check's messages and nothing is written;
  otherwise each file is written whole, and the preview shows it;
- images only of the allowlist (no SVG: it can hold script), only beside the items of a type with
  pages;
- a text carries its translation's state as a field (a Welsh text: current or stale; an English
  one with no Welsh yet: missing), and a "mark current" field becomes a fresh `translated_from`;
  neither is ever written;
- only the editor's own page may call it: a request from another origin is refused.
"""

from __future__ import annotations

import base64
import contextvars
import hashlib
import ipaddress
import json
import logging
import os
import re
import shutil
import sys
import tempfile
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from http import HTTPStatus
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

import yaml

from rhannu import translations
from rhannu.assets import IMAGES
from rhannu.content_types import ContentType, site_types, use_types
from rhannu.editor_config import (
    EDITOR_ONLY_FIELDS,
    MARK_CURRENT_FIELD,
    TRANSLATION_STATE_FIELD,
    decap_config,
    front_matter_to_write,
)
from rhannu.editor_files import admin_file
from rhannu.errors import ContentErrors
from rhannu.files import write_whole_bytes
from rhannu.frontmatter import Source, parse_source
from rhannu.languages import DEFAULT, OTHERS, is_default
from rhannu.pairing import parse_source_path, path_in
from rhannu.preview import NotServed, Running, serve_running, watched
from rhannu.preview import start as start_preview

log = logging.getLogger("rhannu.edit")

API_PATH = "/admin/api/v1"  # under /admin/: the site's own catalogue page is /api/v1/
ADMIN_PATH = "/admin/"
MAX_REQUEST_BYTES = 50 * 1024 * 1024  # as decap-server's JSON parser allows: a few photographs at once
EDITOR_IMAGES = tuple(suffix for suffix in IMAGES if suffix != ".svg")  # an SVG can hold script; the editor takes none
CURRENT, STALE, MISSING = "current", "stale", "missing"  # the translation state the editor shows


def _default_suffix() -> str:
    """What Decap calls the default language's file: '.en.md' (x.en.md for the site's x.md)."""
    return f".{DEFAULT.code}.md"


class Refused(Exception):
    """A request the API answers with an error the editor sees: its HTTP status and message."""

    def __init__(self, message: str, status: int = 422) -> None:
        super().__init__(message)
        self.status = status


# Paths: Decap's names and the site's files.


def to_disk(path: str) -> str:
    """The site's file for Decap's name: 'case_studies/x.en.md' is 'case_studies/x.md'."""
    return path[: -len(_default_suffix())] + ".md" if path.endswith(_default_suffix()) else path


def to_editor(path: str) -> str:
    """Decap's name for the site's file: 'case_studies/x.md' is 'case_studies/x.en.md'; a Welsh
    file ('x.cy.md') and any other file keep their names."""
    if path.endswith(".md") and not path.endswith(_default_suffix()) and is_default(parse_source_path(path).lang.code):
        return path[: -len(".md")] + _default_suffix()
    return path


def content_folders(root: Path) -> tuple[str, ...]:
    return translations.source_folders(root)


def safe_path(root: Path, path: object, folders: Iterable[str]) -> str:
    """The site's file (relative, POSIX) that Decap's `path` names, if it lies in one of `folders`
    and stays there once links are followed; Refused otherwise."""
    allowed = tuple(folders)
    expected = "expected a path inside " + ", ".join(f"{folder}/" for folder in allowed)
    if not isinstance(path, str) or not path.strip():
        raise Refused(f"path {path!r}: {expected}")
    parts = PurePosixPath(path).parts
    if "\\" in path or "\x00" in path or path.startswith("/") or re.match(r"^[A-Za-z]:", path):
        raise Refused(f"path '{path}': an absolute or Windows path is not allowed; {expected}")
    if any(part in ("..", ".") or part.startswith(".") for part in parts):
        raise Refused(f"path '{path}': '..', '.' and hidden names are not allowed; {expected}")
    if parts[0] not in allowed:
        raise Refused(f"path '{path}': {expected}")
    disk = to_disk("/".join(parts))
    project = root.resolve()
    folder = (root / parts[0]).resolve()
    if not folder.is_relative_to(project) or not (root / disk).resolve().is_relative_to(folder):
        raise Refused(f"path '{path}' leads outside {parts[0]}/ through a link; {expected}")
    return disk


# Reading: entries and media as Decap expects them.


def _entry(root: Path, disk: str, label: str | None = None) -> dict[str, Any]:
    """decap-server's entry: the file's text and its name, or null data for a file that is not there."""
    file: dict[str, Any] = {"path": to_editor(disk), "id": None}
    if label is not None:
        file["label"] = label
    try:
        data = (root / disk).read_bytes()
    except OSError:
        return {"data": None, "file": file}
    file["id"] = hashlib.sha256(data).hexdigest()
    return {"data": with_translation_state(root, disk, data.decode("utf-8", errors="replace")), "file": file}


def with_translation_state(root: Path, disk: str, text: str) -> str:
    """A text with its translation's state as a front-matter field: on a translation, stale when
    the English has changed since `translated_from` was recorded, current otherwise; on an English
    text whose translation is not there yet, missing. Other files are as they are."""
    source = parse_source_path(disk)
    if not disk.endswith(".md") or not isinstance(parse_source(disk, text), Source):
        return text
    if is_default(source.lang.code):
        twin_missing = any(not (root / path_in(source.key, other.code)).exists() for other in OTHERS)
        return translations.with_field(text, TRANSLATION_STATE_FIELD, MISSING) if twin_missing else text
    status = translations.status_of(root, source.key, source.lang.code).status
    return translations.with_field(text, TRANSLATION_STATE_FIELD, STALE if status == translations.STALE else CURRENT)


def _listed(root: Path, folder: str, extension: str, depth: int) -> list[str]:
    """Files under `folder` ending in `extension`, `depth` folders deep at most, as decap-server
    lists them; hidden files and links are left out."""
    found: list[str] = []
    if depth <= 0 or not (root / folder).is_dir():
        return found
    with os.scandir(root / folder) as entries:
        for entry in sorted(entries, key=lambda entry: entry.name):
            if entry.name.startswith(".") or entry.is_symlink():
                continue
            if entry.is_dir():
                found += _listed(root, f"{folder}/{entry.name}", extension, depth - 1)
            elif entry.name.endswith(extension):
                found.append(f"{folder}/{entry.name}")
    return found


def _media_file(root: Path, disk: str) -> dict[str, Any]:
    try:
        data = (root / disk).read_bytes()
    except OSError:
        raise Refused(f"{disk}: there is no such file", 404) from None
    return {
        "id": hashlib.sha256(data).hexdigest(),
        "content": base64.b64encode(data).decode("ascii"),
        "encoding": "base64",
        "path": disk,
        "name": PurePosixPath(disk).name,
    }


# Writing: every change checked as the build would, then written whole.

Changes = dict[str, bytes | None]  # the site's file -> its new bytes, or None to delete it


def without_editor_fields(text: str, lang: str | None = None, collection: Mapping[str, Any] | None = None) -> tuple[str, bool]:
    """The text as the site keeps it, and whether the editor asked to mark the translation
    current. With the entry's collection (of the generated configuration), its front matter goes
    through `front_matter_to_write`: no editor's fields, no field left empty, and in a translation
    none of the facts both languages share (Decap writes them there empty: `themes: []`). Text
    whose front matter does not parse is kept as it is, for the check to report."""
    lines = text.split("\n")
    closing = next((number for number, line in enumerate(lines[1:], start=1) if line.strip() == "---"), None)
    if not lines or lines[0].strip() != "---" or closing is None:
        return text, False  # no front matter: the check says so
    try:
        meta = yaml.safe_load("\n".join(lines[1:closing]))
    except yaml.YAMLError:
        return text, False
    if not isinstance(meta, dict):
        return text, False
    mark = meta.get(MARK_CURRENT_FIELD) is True
    if collection is None:
        kept = {name: value for name, value in meta.items() if name not in EDITOR_ONLY_FIELDS}
    else:
        kept = front_matter_to_write(meta, lang or DEFAULT.code, collection)
    if kept == meta:
        return text, mark  # as the editor sent it, its formatting too
    front = yaml.safe_dump(kept, allow_unicode=True, sort_keys=False, width=1_000_000).rstrip("\n") if kept else ""
    return "\n".join([lines[0], *([front] if front else []), *lines[closing:]]), mark


def _is_true(value: str) -> bool:
    try:
        return yaml.safe_load(value) is True
    except yaml.YAMLError:
        return False


def entry_changes(root: Path, data_files: list[tuple[str, str]]) -> Changes:
    """The files a saved entry writes: each text without the editor's own fields; and where the
    editor marked the translation current, each translation of the entry with a fresh
    `translated_from` from its English as saved (or as it stands, if the English was not saved)."""
    texts: dict[str, str] = {}
    marked: set[str] = set()
    collections = {str(collection["folder"]): collection for collection in decap_config(root, "")["collections"]}
    for disk, raw in data_files:
        path = parse_source_path(disk)
        texts[disk], mark = without_editor_fields(raw, path.lang.code, collections.get(PurePosixPath(disk).parent.as_posix()))
        if mark:
            marked.add(parse_source_path(disk).key)
    for key in marked:
        english = texts.get(key) if key in texts else _read_text(root, key)
        source = parse_source(key, english) if english is not None else None
        if not isinstance(source, Source):
            continue  # the check reports the English
        for translation in _translations_of(root, key, texts):
            text = texts[translation] if translation in texts else _read_text(root, translation)
            if text is not None and isinstance(parse_source(translation, text), Source):
                texts[translation] = translations.with_field(text, translations.FIELD, translations.fingerprint(source))
    return {disk: text.encode("utf-8") for disk, text in texts.items()}


def _translations_of(root: Path, key: str, texts: Mapping[str, str]) -> list[str]:
    saved = [disk for disk in texts if parse_source_path(disk).key == key and not is_default(parse_source_path(disk).lang.code)]
    present = [path for path in (path_in(key, other.code) for other in OTHERS) if (root / path).is_file()]
    return saved or present


def _read_text(root: Path, disk: str) -> str | None:
    try:
        return (root / disk).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def refusals(root: Path, changes: Changes) -> list[str]:
    """What `rhannu check` would say against the site with `changes` made (on a copy of its
    sources): every error, and the warnings about the changed files (a strict build stops on
    them: a text with no twin). Empty when the build would accept it."""
    with tempfile.TemporaryDirectory(prefix="rhannu-edit-check-") as folder:
        copy = _sources_copy(root, Path(folder))
        _apply(copy, changes)
        try:
            site = contextvars.copy_context().run(checked_change, copy, set(changes))
        except ContentErrors as problems:
            return [str(error) for error in problems.errors]
    return [message for level, message in site.messages() if level == "warning" and any(path in message for path in changes)]


def _sources_copy(root: Path, copy: Path) -> Path:
    """The sources a build reads, copied into `copy` as files hard-linked to the project's (no
    file is changed in place: each change replaces its file); anything else in the project (a
    hooks/ folder mkdocs.yml names) as a link to it."""
    sources = watched(root)
    for name in sources:
        source = root / name
        if source.is_dir():
            shutil.copytree(source, copy / name, symlinks=True, copy_function=_link_or_copy)
        elif source.is_file():
            shutil.copy2(source, copy / name)
    for other in root.iterdir():
        if other.name not in sources and not other.name.startswith("."):
            (copy / other.name).symlink_to(other)
    return copy


def _link_or_copy(source: str, destination: str) -> None:
    try:
        os.link(source, destination)
    except OSError:  # another file system, or one without hard links
        shutil.copy2(source, destination)


def checked_change(root: Path, changed: set[str]) -> Any:
    """The site at `root` checked as `rhannu check` checks it (rhannu.cli.checked_site), for a
    change to the files `changed`: every item loaded and validated, the pages, their addresses,
    images and files as the build makes them; the HTML of the changed texts judged (the others'
    was judged when they were saved or built); and every output (feeds, catalogues, emails) made,
    unless only case studies or lessons changed: what that step checks (the newsletter's email
    sizes, two outputs at one path) no item with a page of its own reaches, and at 2000 case
    studies a language it is three quarters of the check's 16 s. ContentErrors for what the build
    would refuse."""
    import markdown

    from rhannu import html_safety, site_info
    from rhannu.content_types import WITH_PAGES
    from rhannu.dates import build_date
    from rhannu.errors import ContentError
    from rhannu.languages import CODES
    from rhannu.outputs import all_outputs
    from rhannu.site import prepare

    config = site_info.load_config(root)
    site = prepare(root, build_date(), site_info.from_config(config), Path(config.docs_dir))
    item_folders = {kind.folder for kind in WITH_PAGES}
    if any(PurePosixPath(path).parts[0] not in item_folders for path in changed):
        all_outputs(site, CODES)
    page_folders = item_folders | {site.docs_folder}  # as rhannu.pages.unsafe_sources: newsletter items are judged in prepare()
    renderer = markdown.Markdown(
        extensions=config.markdown_extensions, extension_configs=html_safety.safe_heading_ids(config.mdx_configs)
    )
    errors = []
    for path in sorted(changed):
        text = _read_text(root, path)
        source = parse_source(path, text) if text is not None and path.endswith(".md") else None
        if isinstance(source, Source) and PurePosixPath(path).parts[0] in page_folders:
            renderer.reset()
            if (problem := html_safety.judge(renderer.convert(source.body)).problem) is not None:
                errors.append(ContentError(path, problem.message, line=html_safety.line_of(problem.needle, text or "")))
    if errors:
        raise ContentErrors(errors)
    return site


def _apply(root: Path, changes: Changes) -> None:
    for disk, data in changes.items():
        if data is not None:
            (root / disk).parent.mkdir(parents=True, exist_ok=True)
            write_whole_bytes(root / disk, data)
    for disk, data in changes.items():
        if data is None:
            (root / disk).unlink(missing_ok=True)


def write_checked(root: Path, changes: Changes) -> None:
    """Make `changes` if the build would accept the site with them; Refused, with the check's
    messages, and nothing written, if not. Each file is written whole; if one cannot be, those
    written before it get their old bytes back."""
    if problems := refusals(root, changes):
        raise Refused("The site would not build with this change, so nothing was saved:\n" + "\n".join(problems))
    before = {disk: (root / disk).read_bytes() if (root / disk).is_file() else None for disk in changes}
    try:
        _apply(root, changes)
    except BaseException:
        _apply(root, before)
        raise


def image_problem(disk: str, types: Iterable[ContentType]) -> str | None:
    """Why an image may not be saved at `disk`: not of the allowlist, or not beside the items of a
    type with pages (only those are published)."""
    folders = [kind.folder for kind in types if kind.address is not None]
    suffix = PurePosixPath(disk).suffix.lower()
    if suffix not in EDITOR_IMAGES:
        return f"{disk}: only images ({', '.join(EDITOR_IMAGES)}) can be added here; save it as one of those (not SVG)"
    if str(PurePosixPath(disk).parent) not in folders:
        return f"{disk}: an image goes directly beside the item that shows it, in {', '.join(f'{f}/' for f in folders)}"
    return None


# The protocol.


@dataclass
class EditApi:
    """Decap's local-backend actions over the site at `root`."""

    root: Path
    _writing: threading.Lock = field(default_factory=threading.Lock)  # one change checked and written at a time

    def answer(self, body: object) -> Any:
        """The JSON answer to one request; Refused for a request the editor must be told about."""
        if not isinstance(body, dict) or not isinstance(body.get("action"), str):
            raise Refused('expected a JSON object with an "action" and its "params"')
        params = body.get("params") or {}
        if not isinstance(params, dict):
            raise Refused('"params": expected a JSON object')
        action = self.actions().get(body["action"])
        if action is None:  # the editorial workflow's actions too: decap-server's file system mode has none
            raise Refused(f"Unknown action {body['action']}")
        use_types(site_types(self.root))  # this site's content types, for this request's context
        return action(params)

    def actions(self) -> dict[str, Callable[[dict], Any]]:
        """Decap's action names, and what answers each."""
        return {
            "info": self.info,
            "entriesByFolder": self.entries_by_folder,
            "entriesByFiles": self.entries_by_files,
            "getEntry": self.get_entry,
            "persistEntry": self.persist_entry,
            "getMedia": self.get_media,
            "getMediaFile": self.get_media_file,
            "persistMedia": self.persist_media,
            "deleteFile": self.delete_file,
            "deleteFiles": self.delete_files,
            "getDeployPreview": self.get_deploy_preview,
        }

    def _path(self, path: object) -> str:
        return safe_path(self.root, path, content_folders(self.root))

    def _text_path(self, path: object) -> str:
        disk = self._path(path)
        if not disk.endswith(".md"):
            raise Refused(f"{path}: an entry is saved as Markdown, in a file whose name ends in .md")
        return disk

    def _write(self, changes: Changes) -> None:
        with self._writing:  # two saves each accepted alone could break the site together
            write_checked(self.root, changes)

    def info(self, params: dict) -> Any:
        return {"repo": self.root.name, "publish_modes": ["simple"], "type": "local_fs"}

    def entries_by_folder(self, params: dict) -> Any:
        folder = self._path(params.get("folder"))
        extension, depth = str(params.get("extension") or ""), _number(params.get("depth"), "depth")
        return [_entry(self.root, disk) for disk in _listed(self.root, folder, extension, depth)]

    def entries_by_files(self, params: dict) -> Any:
        files = params.get("files")
        if not isinstance(files, list) or not all(isinstance(file, dict) for file in files):
            raise Refused('"files": expected a list of {"path": ...}')
        return [_entry(self.root, self._path(file.get("path")), file.get("label")) for file in files]

    def get_entry(self, params: dict) -> Any:
        return _entry(self.root, self._path(params.get("path")))

    def persist_entry(self, params: dict) -> Any:
        data_files = params.get("dataFiles") or ([params["entry"]] if isinstance(params.get("entry"), dict) else [])
        if not data_files or not all(isinstance(file, dict) and isinstance(file.get("raw"), str) for file in data_files):
            raise Refused('"dataFiles": expected a list of {"path": ..., "raw": ...}')
        texts = [(self._text_path(file.get("path")), file["raw"]) for file in data_files]
        changes = entry_changes(self.root, texts)
        if all(file.get("newPath") for file in data_files):  # renamed: the old names go
            renamed = entry_changes(self.root, [(self._text_path(file["newPath"]), file["raw"]) for file in data_files])
            changes = {**dict.fromkeys(changes), **renamed}
        assets = params.get("assets") or []
        if not isinstance(assets, list):
            raise Refused('"assets": expected a list')
        for asset in assets:
            disk, data = self._image(asset)
            changes[disk] = data
        self._write(changes)
        return {"message": "entry persisted"}

    def _image(self, asset: object) -> tuple[str, bytes]:
        if not isinstance(asset, dict) or asset.get("encoding") != "base64" or not isinstance(asset.get("content"), str):
            raise Refused('asset: expected {"path": ..., "content": base64, "encoding": "base64"}')
        disk = self._path(asset.get("path"))
        if problem := image_problem(disk, site_types(self.root)):
            raise Refused(problem)
        try:
            return disk, base64.b64decode(asset["content"], validate=True)
        except ValueError:
            raise Refused(f"{disk}: the image's content is not base64") from None

    def get_media(self, params: dict) -> Any:
        folder = self._path(params.get("mediaFolder"))
        images = [disk for disk in _listed(self.root, folder, "", 1) if PurePosixPath(disk).suffix.lower() in EDITOR_IMAGES]
        return [_media_file(self.root, disk) for disk in images]

    def get_media_file(self, params: dict) -> Any:
        return _media_file(self.root, self._path(params.get("path")))

    def persist_media(self, params: dict) -> Any:
        disk, data = self._image(params.get("asset"))
        self._write({disk: data})
        return _media_file(self.root, disk)

    def delete_file(self, params: dict) -> Any:
        path = params.get("path")
        self._write({self._path(path): None})
        return {"message": f"deleted file {path}"}

    def delete_files(self, params: dict) -> Any:
        paths = params.get("paths")
        if not isinstance(paths, list) or not paths:
            raise Refused('"paths": expected a list of paths')
        self._write({self._path(path): None for path in paths})
        return {"message": f"deleted files {', '.join(map(str, paths))}"}

    def get_deploy_preview(self, params: dict) -> Any:
        return None  # as decap-server: no deploy preview; the site preview is the server's own pages


def _number(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise Refused(f'"{name}": expected a whole number')
    return value


# The server: the API and the editor's files before the preview.

WsgiAnswer = Iterable[bytes] | None


def edit_routes(root: Path) -> Callable[[str], Callable[[dict[str, Any], Callable[..., Any]], WsgiAnswer]]:
    """For rhannu.preview.start: given the server's address, the application that answers /admin/api/v1
    and /admin/ (None for every other path, which the preview serves)."""

    def routes(url: str) -> Callable[[dict[str, Any], Callable[..., Any]], WsgiAnswer]:
        api = EditApi(root)
        api_url = url.rstrip("/") + API_PATH
        origins = own_origins(url)

        def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> WsgiAnswer:
            path = environ.get("PATH_INFO", "")
            if path in (API_PATH, API_PATH + "/"):
                return _api(api, origins, environ, start_response)
            if path == ADMIN_PATH.rstrip("/"):
                start_response("302 Found", [("Location", ADMIN_PATH)])
                return []
            if path.startswith(ADMIN_PATH):
                return _admin(root, path[len(ADMIN_PATH) :], api_url, start_response)
            return None

        return app

    return routes


def own_origins(url: str) -> frozenset[str]:
    """The origins the editor's page may have: this server's, by any name for this machine."""
    parts = urlsplit(url)
    names = {parts.hostname, "127.0.0.1", "localhost", "[::1]"}
    return frozenset(f"{parts.scheme}://{name}:{parts.port}" for name in names)


def _admin(root: Path, path: str, api_url: str, start_response: Callable[..., Any]) -> WsgiAnswer:
    if any(part in ("..", ".") for part in path.split("/")) or path.startswith("/") or "\\" in path:
        return None
    if path == "config.yml":
        config = yaml.safe_dump(decap_config(root, api_url), allow_unicode=True, sort_keys=False)
        found: tuple[bytes, str] | None = (config.encode("utf-8"), "text/yaml; charset=utf-8")
    else:
        found = admin_file(root, path)
    if found is None:
        return None  # the preview's own 404
    data, media_type = found
    start_response("200 OK", [*_headers(media_type, data), ("Cache-Control", "no-store")])
    return [data]


def _api(api: EditApi, origins: frozenset[str], environ: dict[str, Any], start_response: Callable[..., Any]) -> WsgiAnswer:
    """One API request. A page from another origin (another site open in the browser, another
    local server) is refused, so that only the editor served here can change the files."""
    origin = environ.get("HTTP_ORIGIN")
    if origin is not None and origin not in origins:
        return _json(
            start_response, 403, {"error": f"requests from {origin} are not allowed: open the editor at this server's address"}
        )
    cors = [("Access-Control-Allow-Origin", origin), ("Vary", "Origin")] if origin else []
    if environ.get("REQUEST_METHOD") == "OPTIONS":
        allow = [("Access-Control-Allow-Methods", "POST"), ("Access-Control-Allow-Headers", "Content-Type")]
        start_response("204 No Content", [*cors, *allow])
        return []
    try:
        answer = api.answer(_body(environ))
    except Refused as refused:
        log.warning("%s", refused)
        return _json(start_response, refused.status, {"error": str(refused)}, cors)
    except Exception:
        log.exception("The editor's request could not be answered")
        return _json(start_response, 500, {"error": "Unknown error"}, cors)
    return _json(start_response, 200, answer, cors)


def _body(environ: dict[str, Any]) -> object:
    """The request's JSON. Only a POST of JSON: a page elsewhere cannot send one to this server
    without the browser asking first (a CORS preflight), which is refused."""
    if environ.get("REQUEST_METHOD") != "POST":
        raise Refused("expected a POST", 405)
    if not environ.get("CONTENT_TYPE", "").startswith("application/json"):
        raise Refused("expected Content-Type: application/json", 415)
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = -1
    if length <= 0:
        raise Refused("expected a JSON body", 400)
    if length > MAX_REQUEST_BYTES:
        raise Refused(f"expected a JSON body of at most {MAX_REQUEST_BYTES} bytes", 413)
    try:
        return json.loads(environ["wsgi.input"].read(length))
    except ValueError:
        raise Refused("the request is not JSON") from None


def _json(
    start_response: Callable[..., Any], status: int, answer: Any, extra: list[tuple[str, str]] | None = None
) -> list[bytes]:
    data = json.dumps(answer, ensure_ascii=False).encode("utf-8")
    start_response(f"{status} {HTTPStatus(status).phrase}", [*_headers("application/json; charset=utf-8", data), *(extra or [])])
    return [data]


def _headers(media_type: str, data: bytes) -> list[tuple[str, str]]:
    return [("Content-Type", media_type), ("Content-Length", str(len(data))), ("X-Content-Type-Options", "nosniff")]


# Starting it.

READY = "Editing at {url}admin/ (the site's preview at {url}); Ctrl-C stops the server"


def start(root: Path, host: str = "127.0.0.1", port: int = 0) -> Running:
    """`rhannu edit` in the background (for tests and the browser test): a handle with `.url` and
    `.close()`. Port 0 takes a free port. NotServed for a host not on this machine, a port in use
    or a site that does not build."""
    if not is_this_machine(host):
        raise NotServed(
            f"--host {host}: rhannu edit serves on this machine only (127.0.0.1, localhost or ::1): "
            "anyone who could reach it could change the site's files"
        )
    return start_preview(root, host, port, edit_routes(root))


def is_this_machine(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(root: Path, host: str, port: int) -> int:
    """`rhannu edit`: serve until stopped, with a line on stdout once it answers (READY); 1, with
    why, when it cannot start."""
    try:
        running = start(root, host, port)
    except NotServed as problem:
        print(problem, file=sys.stderr)
        return 1
    print(READY.format(url=running.url), flush=True)
    return serve_running(running)
