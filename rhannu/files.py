"""Writing editors' and owners' files whole: a file holds its old text or its new text, never part
of one, whatever stops the command (Ctrl-C, a full disk, a killed process)."""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from pathlib import Path


def write_whole(path: Path, text: str) -> None:
    """Write `text` (UTF-8) to a temporary file beside `path`, then rename it over `path`, keeping
    the permissions `path` had."""
    write_whole_bytes(path, text.encode("utf-8"))


def write_whole_bytes(path: Path, data: bytes) -> None:
    """As write_whole, for bytes (an image)."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")  # threads of one server too
    try:
        temporary.write_bytes(data)
        if path.exists():
            os.chmod(temporary, path.stat().st_mode & 0o7777)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def write_all_or_none(files: Sequence[tuple[Path, str]]) -> None:
    """Write new files each whole, and if any cannot be written (or the command is stopped),
    remove those already written: all of them or none."""
    written: list[Path] = []
    try:
        for path, text in files:
            write_whole(path, text)
            written.append(path)
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
