"""The one writer through which every file Rhannu writes passes: pages, outputs, the 404 pages,
each language's search index, the patched bundle and the Welsh process's files.

As Pelican's Writer does, it refuses to write one file twice in one build: a second write would
overwrite the first unseen. It also refuses a file the table of addresses (rhannu.addresses) does
not hold, since nothing then checked that the path is free. Both are faults in Rhannu, not in
content, and the error names what wrote the file first, what would write it again, and the
table's owner. A batch (`write_all`, `take_site`) is checked whole before any of it is written.

One Writer serves one build, both language passes included (static-i18n's Welsh pass runs inside
the English one); the plugin makes a new one for each build. MkDocs still copies its static files
(Material's and the engine's assets, images in docs/, files beside content sources) and writes its
theme's templates (sitemap.xml, the 404 page each pass renders): the table claims them all, and
Rhannu replaces the 404 page and the search index MkDocs wrote once, through this writer.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import PluginError

from rhannu.addresses import Owner, owner_of


class WriteRefused(PluginError):
    """A write that would overwrite a file of this build, or write one nothing claimed."""


@dataclass(frozen=True)
class Written:
    path: str
    by: str  # the step that wrote it, in words: "the page of docs/about.md", "the build's outputs"


FAULT = "a fault in Rhannu, please report it"


class Writer:
    """Files written into `site_dir` in one build, each at a path the table `addresses` claims."""

    def __init__(self, site_dir: Path, addresses: Mapping[str, Owner]) -> None:
        self.site_dir = site_dir
        self.addresses = addresses
        self._written: dict[str, Written] = {}  # case-folded path -> the write
        self._folders: set[Path] = set()  # made (or found) in this build: most files share a folder with another

    @property
    def written(self) -> list[str]:
        """Every path written so far, in the order written."""
        return [write.path for write in self._written.values()]

    def has_written(self, path: str) -> bool:
        return path.casefold() in self._written

    def write(self, path: str, data: bytes, by: str) -> None:
        """Write `data` to `path` (relative to the site folder, with '/')."""
        self._check(path, by)
        self._record(path, by)
        target = self.site_dir / path
        if target.parent not in self._folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._folders.add(target.parent)
        target.write_bytes(data)

    def write_all(self, files: Mapping[str, bytes], by: str) -> None:
        """Write every file of `files`, or, where one is refused, none of them."""
        for path in files:
            self._check(path, by)
        for path, data in files.items():
            self.write(path, data, by)

    def take_site(self, source: Path, written_there: Collection[str], by: str) -> None:
        """Move every file of the site folder `source` (the Welsh process's) to the same place here.

        The rule where both built a file: the Welsh one wins, as the Welsh pass, built after the
        English one, does in one process. That holds for MkDocs' own files only (its assets, the
        sitemap, its 404 page and search index, which Rhannu replaces later): a file either
        side's writer wrote (`written_there`: the other side's) may be written once, by one side."""
        theirs = {path.casefold() for path in written_there}
        found = sorted(_files_in(source))
        for path in found:
            if path.casefold() in theirs:
                self._check(path, by)
            elif self.has_written(path):  # MkDocs' copy would overwrite Rhannu's file
                self._refuse_twice(path, f"{by} (a file MkDocs wrote there)")
            elif owner_of(path, self.addresses) is None:
                self._refuse_unclaimed(path, by)
            if (self.site_dir / path).is_dir():
                raise WriteRefused(f"'{path}': a folder here, a file in the site {by} built: {FAULT}")
        merge_into(source, self.site_dir)
        for path in found:
            if path.casefold() in theirs:
                self._record(path, by)

    def _check(self, path: str, by: str) -> None:
        if owner_of(path, self.addresses) is None:
            self._refuse_unclaimed(path, by)
        if self.has_written(path):
            self._refuse_twice(path, by)

    def _record(self, path: str, by: str) -> None:
        self._written[path.casefold()] = Written(path, by)

    def _refuse_twice(self, path: str, by: str) -> None:
        first = self._written[path.casefold()]
        owner = owner_of(path, self.addresses)
        claimed = f"; the table of addresses gives it to {owner.what}" if owner else ""
        raise WriteRefused(f"'{path}' would be written twice in one build: by {first.by} and by {by}{claimed}: {FAULT}")

    def _refuse_unclaimed(self, path: str, by: str) -> None:
        raise WriteRefused(
            f"'{path}', written by {by}, is not in Rhannu's table of addresses, so nothing checked it is free: {FAULT}"
        )


def _files_in(folder: Path, prefix: str = "") -> Iterator[str]:
    for entry in os.scandir(folder):
        if entry.is_dir(follow_symlinks=False):
            yield from _files_in(Path(entry.path), f"{prefix}{entry.name}/")
        else:
            yield f"{prefix}{entry.name}"


def merge_into(source: Path, target: Path) -> None:
    """Move every file of `source` to the same place in `target`, replacing any file there; a
    folder `target` lacks moves whole (one rename)."""
    for entry in os.scandir(source):
        destination = target / entry.name
        if entry.is_dir(follow_symlinks=False) and destination.is_dir() and not destination.is_symlink():
            merge_into(Path(entry.path), destination)
        elif not entry.is_dir(follow_symlinks=False) or not os.path.lexists(destination):
            os.replace(entry.path, destination)
        else:  # a folder where English wrote a file: cannot happen in a site both passes agree on
            raise OSError(f"{destination}: a file in the English build, a folder in the Welsh one")
