"""Building a site without ever leaving a half-built one where a server is serving it.

`mkdocs build` empties the site folder before writing, so an interrupted build (a crash, a
killed process, a full disk) leaves a half-empty live site. `rhannu build` builds into a fresh
folder beside it and swaps it in, under a lock, only when the build has succeeded: a reader sees
the old site or the new one. Two builds at once wait for each other.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from rhannu.errors import ContentError, ContentErrors


def build(root: Path, site_dir: Path, *, strict: bool = True) -> int:
    """Build the site at `root` into `site_dir`; the exit status of the build."""
    site_dir = site_dir.absolute()
    parent = site_dir.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        lock = open(parent / f".{site_dir.name}.lock", "w")  # noqa: SIM115 - held until the swap is done
    except OSError as error:
        message = f"cannot be written ({error.strerror}): choose a folder you may write to"
        raise ContentErrors([ContentError(str(site_dir), message)]) from None
    with lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        for stale in parent.glob(f".{site_dir.name}.*-*"):  # left by builds that were killed
            shutil.rmtree(stale, ignore_errors=True)
        fresh = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.new-", dir=parent))
        command = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(fresh), *(["--strict"] if strict else [])]
        done = subprocess.run(command, cwd=root, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"), check=False)
        if done.returncode != 0:
            shutil.rmtree(fresh, ignore_errors=True)
            return done.returncode
        _swap(fresh, site_dir)
    return 0


def _swap(fresh: Path, site_dir: Path) -> None:
    """Put `fresh` where `site_dir` is, then remove the old site: two renames, so a reader sees
    one site or the other whole (never a mixture, never a half-written one)."""
    old = None
    if site_dir.exists():
        old = site_dir.with_name(f".{site_dir.name}.old-{os.getpid()}")
        os.rename(site_dir, old)
    os.rename(fresh, site_dir)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
