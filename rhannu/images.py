"""The images a Markdown body shows, found once for every check of them: their alt text, and
local images that are not there (named with the source file, its line and the file looked for;
MkDocs finds them only while building, and names the page's address, such as
case-studies/photo.png, which is not where the editor keeps the file, case_studies/)."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from rhannu.errors import ContentError
from rhannu.frontmatter import Source

_MARKDOWN_IMAGE = re.compile(r"!\[([^\]]*)\]\(\s*(?:<([^>\n]*)>|([^)\s]+))")  # ![alt](<with spaces>) or ![alt](plain)
_HTML_IMAGE = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_HTML_SRC = re.compile(r"""\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
_HTML_ALT = re.compile(r"""\balt\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+)""", re.IGNORECASE)
_FENCE = re.compile(r"^\s*(```|~~~)")


@dataclass(frozen=True)
class Image:
    offset: int  # the line's offset in the body
    target: str  # its address as written
    alt: str  # its alt text, blank where it has none
    tag: str = ""  # the <img> tag as written, for HTML images


def may_show_images(markdown: str) -> bool:
    """Whether `markdown` may hold an image (lower-cased only where it has a tag at all)."""
    return "![" in markdown or ("<" in markdown and "<img" in markdown.lower())


def images_in(body: str) -> Iterator[Image]:
    """Each image in a Markdown body, as Markdown or an <img> tag; examples in fenced code are
    not images."""
    if not may_show_images(body):  # most bodies: no line to read
        return
    fenced = None
    for offset, line in enumerate(body.splitlines()):
        if match := _FENCE.match(line):
            fenced = None if fenced == match.group(1) else fenced or match.group(1)
            continue
        if fenced:
            continue
        for alt, *target in _MARKDOWN_IMAGE.findall(line):
            yield Image(offset, "".join(target), alt)  # the one alternative that matched
        for tag in _HTML_IMAGE.findall(line):
            src, alt = _HTML_SRC.search(tag), _HTML_ALT.search(tag)
            yield Image(offset, "".join(src.groups("")) if src else "", alt.group(1).strip("\"' ") if alt else "", tag)


def alt_errors(source: Source) -> list[ContentError]:
    """Images with no alt text, each with how to give it in the form it was written in."""
    errors = []
    for image in images_in(source.body):
        if image.alt.strip():
            continue
        if image.tag:
            message = f'the image {image.tag[:60]} has no alt text: add alt="what it shows" to it'
        else:
            message = (
                f"image {image.target} has no alt text: describe it between the brackets, as ![what it shows]({image.target})"
            )
        errors.append(ContentError(source.path, message, line=source.body_line + image.offset))
    return errors


def is_local(target: str) -> bool:
    """A file of the site's own, given relative to the page (not https:, data:, /x or #x)."""
    parts = urlsplit(target)
    return bool(parts.path) and not parts.scheme and not parts.netloc and not target.startswith(("/", "#"))


def missing_images(root: Path, source: Source, page_dir: str, published: frozenset[str]) -> list[ContentError]:
    """Images in a page's body whose file the build will not find. `page_dir` is the folder of the
    page's address as MkDocs knows it (its src_uri's), `published` every file it can link to (by
    src_uri); the error gives the file where the source's own folder says it should be."""
    errors = []
    for image in images_in(source.body):
        offset, target = image.offset, image.target
        if not is_local(target):
            continue
        path = unquote(urlsplit(target).path)
        if posixpath.normpath(posixpath.join(page_dir, path)) in published:
            continue
        looked_for = posixpath.normpath(posixpath.join(posixpath.dirname(source.path), path))
        if (root / looked_for).is_file():  # in a folder within a content folder, which is not published
            folder = source.path.split("/", 1)[0]
            message = f"image {target}: {looked_for} is not published: images go in {folder}/ itself, beside the text"
        else:
            message = f"image {target}: there is no file {looked_for}: put the image there or correct the address"
        errors.append(ContentError(source.path, message, line=source.body_line + offset))
    return errors
