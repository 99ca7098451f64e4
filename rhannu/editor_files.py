"""The content editor's own files, served at /admin/: its page and Decap's pinned code."""

from __future__ import annotations

from pathlib import Path


def admin_file(root: Path, path: str) -> tuple[bytes, str] | None:
    """The bytes and media type served at /admin/<path> for the site at `root`, or None if there is none."""
    # Interface agreed for issue 23; the editor's page and Decap's bundle replace this body.
    if path in ("", "index.html"):
        return b"<!doctype html><title>Rhannu editor</title>", "text/html; charset=utf-8"
    return None
