"""The content editor's own files, served at /admin/: its page and Decap's pinned code.

Decap CMS comes from npm, pinned in the site's package.json (`rhannu init` writes one), and is
served from the site's own node_modules: never from a CDN. The package is `decap-cms`, whose
bundle has React inside; `decap-cms-app` expects React as a separate script, which React 19 no
longer publishes. The bundle loads its other parts (numbered chunks, WebAssembly) from beside
itself, so every file of its `dist/` folder is served at /admin/ under its own name.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.resources import files
from pathlib import Path
from string import Template

from markupsafe import escape

from rhannu.editor_config import decap_config
from rhannu.labels import label, site_words
from rhannu.languages import ALL, DEFAULT, using
from rhannu.taxonomy import load_taxonomy

DECAP = "decap-cms"  # the npm package
DECAP_DIST = Path("node_modules") / DECAP / "dist"
BUNDLE = "decap-cms.js"
EDITOR_SCRIPT = "rhannu-editor.js"  # ours: the site's styles in the editor's preview
HTML = "text/html; charset=utf-8"
_MEDIA_TYPES = {
    ".js": "text/javascript; charset=utf-8",
    ".wasm": "application/wasm",
    ".css": "text/css; charset=utf-8",
    ".map": "application/json",
}
_DIST_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")  # one file name: no folder, no way out of dist/


def admin_file(root: Path, path: str) -> tuple[bytes, str] | None:
    """The bytes and media type served at /admin/<path> for the site at `root`, or None if there is none."""
    if path in ("", "index.html"):
        with in_the_sites_words(root):
            return (editor_page(collection_names(root)) if decap_problem(root) is None else missing_page()).encode(), HTML
    if path == EDITOR_SCRIPT:
        return _package_file(EDITOR_SCRIPT).encode(), _MEDIA_TYPES[".js"]
    return _decap_file(root, path)


@contextmanager
def in_the_sites_words(root: Path) -> Iterator[None]:
    """The site's languages and its own words in use for the block, as its pages have them."""
    schema = load_taxonomy(root).schema
    with using(schema.languages), site_words(schema.labels):
        yield


def decap_problem(root: Path) -> str | None:
    """Why the editor cannot start for the site at `root` (Decap is not installed), or None."""
    bundle = root / DECAP_DIST / BUNDLE
    if bundle.is_file():
        return None
    if (root / "package.json").is_file():
        fix = f"run `npm ci` in {root} (its package.json pins Decap CMS)"
    else:
        fix = f"run `npm install --save-exact --save-dev {DECAP}@{pinned_version()}` in {root}"
    return f"{bundle}: not found: the content editor's code (Decap CMS, npm package {DECAP}) is not installed; {fix}"


def pinned_version() -> str:
    """The version of Decap CMS that Rhannu is tested with: the one the starter site pins."""
    starter = json.loads(_package_file("package.json", folder="starter"))
    return str(starter["devDependencies"][DECAP])


def collection_names(root: Path) -> list[str]:
    """The editor's collections for the site at `root`, by name, as its generated configuration has them."""
    return [str(collection["name"]) for collection in decap_config(root, "")["collections"]]


def editor_page(collections: list[str]) -> str:
    """The page at /admin/: Decap, then our script, which previews each of `collections` as the site shows a page."""
    noscript = "".join(f'<p lang="{lang.tag}">{escape(label(lang.code, "editor_page_noscript"))}</p>' for lang in ALL)
    return Template(_package_file("index.html")).substitute(
        lang=DEFAULT.tag,
        title=escape(label(DEFAULT.code, "editor_page_title")),
        noscript=noscript,
        collections=escape(json.dumps(collections)),
    )


def missing_page() -> str:
    """The page /admin/ shows while Decap is not installed: what to do, in every language."""
    sections = "".join(
        f'<section lang="{lang.tag}"><h1>{escape(label(lang.code, "editor_page_missing_title"))}</h1>'
        f"<p>{escape(label(lang.code, 'editor_page_missing'))}</p></section>"
        for lang in ALL
    )
    return Template(_package_file("missing.html")).substitute(
        lang=DEFAULT.tag,
        title=escape(label(DEFAULT.code, "editor_page_missing_title")),
        sections=sections,
        path=escape((DECAP_DIST / BUNDLE).as_posix()),
    )


def _decap_file(root: Path, name: str) -> tuple[bytes, str] | None:
    suffix = Path(name).suffix
    if not _DIST_NAME.fullmatch(name) or suffix not in _MEDIA_TYPES:
        return None
    file = root / DECAP_DIST / name
    return (file.read_bytes(), _MEDIA_TYPES[suffix]) if file.is_file() else None


def _package_file(name: str, folder: str = "editor") -> str:
    """A file shipped in the package: the editor's page and script (rhannu/editor/), the starter's package.json."""
    return files("rhannu").joinpath(folder, name).read_text(encoding="utf-8")
