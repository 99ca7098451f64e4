"""Which files beside the Markdown are published: images only, each checked by what it holds.

Files beside a case study or lesson are published beside its page, and MkDocs publishes every
file in docs/ as it is, on the site's own address: an HTML page or an SVG with script there would
run with the site's authority, and a link to a file elsewhere on the machine would publish that
file. So only images are published: PNG, JPEG, GIF, WebP and AVIF whose first bytes say they are
what their names say, and SVG that holds drawing only (see `svg_problem`). Anything else, and
anything that leads outside the project (a link, a linked folder), stops the build by name.
Dotfiles (.DS_Store, .gitkeep) are neither read nor published, as MkDocs leaves them too.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree

from rhannu.content_types import WITH_PAGES
from rhannu.errors import ContentError

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"

# Each image type by suffix: a test of its first bytes.
_SIGNATURES: dict[str, Callable[[bytes], bool]] = {
    ".png": lambda head: head.startswith(b"\x89PNG\r\n\x1a\n"),
    ".jpg": lambda head: head.startswith(b"\xff\xd8\xff"),
    ".jpeg": lambda head: head.startswith(b"\xff\xd8\xff"),
    ".gif": lambda head: head.startswith((b"GIF87a", b"GIF89a")),
    ".webp": lambda head: head[:4] == b"RIFF" and head[8:12] == b"WEBP",
    ".avif": lambda head: head[4:12] in (b"ftypavif", b"ftypavis"),
}
IMAGES = (*_SIGNATURES, ".svg")
# Types a browser runs, or reads as a page, on the site's own address.
ACTIVE = (".html", ".htm", ".xhtml", ".shtml", ".xht", ".js", ".mjs", ".xml", ".xsl", ".xslt", ".svgz", ".swf", ".wasm", ".php")

# SVG elements that draw and nothing else: no script, no foreignObject, no animation (which can
# set an href), no element that loads another document.
SVG_ELEMENTS = frozenset(
    {
        *("svg", "g", "defs", "desc", "title", "metadata", "symbol", "use", "style"),
        *("path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan", "textPath"),
        *("linearGradient", "radialGradient", "stop", "pattern", "clipPath", "mask", "marker", "filter"),
        *("feBlend", "feColorMatrix", "feComponentTransfer", "feComposite", "feFlood", "feGaussianBlur"),
        *("feMerge", "feMergeNode", "feOffset", "feFuncR", "feFuncG", "feFuncB", "feFuncA"),
    }
)
OUTSIDE_FOLDER = "is a link to a folder outside the project, whose files would be published: make it a real folder"
_INSTRUCTION = re.compile(r"<\?(?!xml[\s?])", re.IGNORECASE)  # any but the XML declaration
_LOCAL_URL = re.compile(r"url\(\s*['\"]?(?!#)", re.IGNORECASE)  # url(...) to anything but an id in the same file


def published_files(root: Path, docs_dir: Path) -> tuple[dict[str, Path], list[ContentError]]:
    """The images beside the sources of types with pages, by the src_uri they are published at
    under docs/; and the problems of every file there and in docs/ that may not be published."""
    found: dict[str, Path] = {}
    errors: list[ContentError] = []
    for kind in WITH_PAGES:
        folder = root / kind.folder
        if not folder.is_dir():
            continue
        if not _inside(folder, root):
            errors.append(ContentError(kind.folder, OUTSIDE_FOLDER))
            continue
        for entry in sorted(os.scandir(folder), key=lambda entry: entry.name):
            if entry.name.startswith("."):
                continue
            if entry.name.endswith(".md") and entry.is_file(follow_symlinks=False):
                continue  # a source, no link, in a folder inside the project: as file_problem finds, without its lookups
            path = folder / entry.name
            relative = path.relative_to(root).as_posix()
            problem = file_problem(path, root, kind.editor_names[1])
            if problem is not None:
                errors.append(ContentError(relative, problem))
            elif path.suffix != ".md":
                found[f"{kind.address}/{path.name}"] = path
    return found, errors + _docs_errors(root, docs_dir)


def _docs_errors(root: Path, docs_dir: Path) -> list[ContentError]:
    """Every file MkDocs would publish from docs/ (its folders too), checked as above."""
    errors, seen = [], {docs_dir.resolve()}
    for folder, folders, names in os.walk(docs_dir, followlinks=True):  # as MkDocs walks it
        for name in sorted(folders):
            path = Path(folder) / name
            if name.startswith(".") or path.resolve() in seen:  # a link back up would never end
                folders.remove(name)
            elif not _inside(path, root):
                folders.remove(name)
                errors.append(ContentError(_shown(path, root), OUTSIDE_FOLDER))
            seen.add(path.resolve())
        for name in sorted(names):
            path = Path(folder) / name
            if not name.startswith(".") and (problem := file_problem(path, root, "pages")) is not None:
                errors.append(ContentError(_shown(path, root), problem))
    return errors


def file_problem(path: Path, root: Path, beside: str) -> str | None:
    """Why the file at `path` may not be published beside `beside` (case studies, pages), or None."""
    if not _inside(path, root):
        if path.is_dir():
            return OUTSIDE_FOLDER
        return "is a link to a file outside the project, which would be published: copy the file in or remove the link"
    if not path.exists():
        return "is a link to a file that does not exist: remove the link"
    if path.is_dir():
        return f"is a folder, which is not published: put images directly beside the {beside}"
    suffix = path.suffix.lower()
    if path.suffix == ".md":
        return None
    allowed = f"only images ({', '.join(IMAGES)}) are published beside the {beside}"
    if suffix in ACTIVE:
        return f"is a type of file that runs script on the site's own address: {allowed}; remove it"
    if suffix == ".svg":
        return svg_problem(path.read_bytes())
    if suffix not in _SIGNATURES:
        return f"is not published: {allowed}; remove it, or keep it outside the project"
    with path.open("rb") as image:
        head = image.read(16)
    if not _SIGNATURES[suffix](head):
        return f"is not a {suffix[1:].upper()} image, whatever its name says: save it as one, or remove it"
    return None


def svg_problem(data: bytes) -> str | None:
    """An SVG is published only if it draws and does nothing else; refused, with the reason, if it
    holds a document type or entities, anything outside SVG_ELEMENTS (script, foreignObject, HTML,
    animation), an event attribute (onload=...), or a reference to anything outside itself (an
    href or url() that is not #id in the same file)."""
    fix = "save it as plain SVG without it, or as a PNG"
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return "is not an SVG image in UTF-8: " + fix
    if "<!DOCTYPE" in text.upper() or "<!ENTITY" in text.upper():
        return f"has a document type or entities (<!DOCTYPE, <!ENTITY): {fix}"
    if _INSTRUCTION.search(text):  # <?xml-stylesheet?> would style, or transform, the file itself
        return f"has a processing instruction such as <?xml-stylesheet ...?>: {fix}"
    try:
        tree = ElementTree.fromstring(text)
    except ElementTree.ParseError as error:
        return f"is not an SVG image (not well-formed XML: {error}): {fix}"
    if tree.tag != f"{{{SVG}}}svg":
        return f"is not an SVG image (its root element is not <svg> in the SVG namespace): {fix}"
    for element in tree.iter():
        namespace, _, name = element.tag.rpartition("}")
        if namespace != "{" + SVG or name not in SVG_ELEMENTS:
            return f"has a <{name}> element, which an SVG here may not have (only drawing): {fix}"
        if name == "style" and (_LOCAL_URL.search(element.text or "") or "@import" in (element.text or "")):
            return f"has a style that loads something from outside the file (url(), @import): {fix}"
        for attribute, value in element.attrib.items():
            local = attribute.rpartition("}")[2]
            if local.lower().startswith("on"):
                return f"has an event attribute ({local}=), which could run script: {fix}"
            if local == "href" and not value.strip().startswith("#"):
                return f"has a link or reference to {value!r}; only #id references within the file are allowed: {fix}"
            if _LOCAL_URL.search(value) or "javascript:" in "".join(value.split()).lower():
                return f"has an attribute {local}={value!r} that refers to something outside the file: {fix}"
    return None


def _inside(path: Path, root: Path) -> bool:
    return path.resolve().is_relative_to(root.resolve())


def _shown(path: Path, root: Path) -> str:
    """A path as an editor would find it from the project folder (not where a link leads)."""
    return os.path.relpath(path, root).replace(os.sep, "/")
