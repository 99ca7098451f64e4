"""Local images that are not there: found with the check, naming the source file, its line and
the file looked for. MkDocs finds them only while building, and names the page's address (such
as case-studies/photo.png), which is not where the editor keeps the file (case_studies/)."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import unquote, urlsplit

from rhannu.errors import ContentError
from rhannu.frontmatter import Source

_MARKDOWN_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*(?:<([^>\n]*)>|([^)\s]+))")  # ![alt](<with spaces>) or ![alt](plain)
_HTML_SRC = re.compile(r"<img\b[^>]*?\bsrc\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))", re.IGNORECASE)
_FENCE = re.compile(r"^\s*(```|~~~)")


def image_targets(body: str) -> Iterable[tuple[int, str]]:
    """Each image's address in a Markdown body, with its line's offset in the body; examples in
    fenced code are not images."""
    fenced = None
    for offset, line in enumerate(body.splitlines()):
        if match := _FENCE.match(line):
            fenced = None if fenced == match.group(1) else fenced or match.group(1)
            continue
        if fenced:
            continue
        for groups in (*_MARKDOWN_IMAGE.findall(line), *_HTML_SRC.findall(line)):
            yield offset, "".join(groups)  # the one alternative that matched


def is_local(target: str) -> bool:
    """A file of the site's own, given relative to the page (not https:, data:, /x or #x)."""
    parts = urlsplit(target)
    return bool(parts.path) and not parts.scheme and not parts.netloc and not target.startswith(("/", "#"))


def missing_images(root: Path, source: Source, page_dir: str, published: frozenset[str]) -> list[ContentError]:
    """Images in a page's body whose file the build will not find. `page_dir` is the folder of the
    page's address as MkDocs knows it (its src_uri's), `published` every file it can link to (by
    src_uri); the error gives the file where the source's own folder says it should be."""
    errors = []
    for offset, target in image_targets(source.body):
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
