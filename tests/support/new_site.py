"""A new site from `rhannu init`, built by the `rhannu` plugin as a publisher builds it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.support.sites import build_env

# Builds and checks of a new site are pinned to 5 December 2025, after the starter's example
# dates (January 2025): the sample site's day (PINNED_EPOCH, 2023) would leave them unpublished.
NEW_SITE_EPOCH = "1764950400"


def init_site(path: Path, *options: str) -> Path:
    """`rhannu init PATH`, which must succeed."""
    from rhannu.cli import main

    assert main(["init", str(path), *options]) == 0
    return path


def rhannu_build(project: Path, site_dir: str = "site") -> subprocess.CompletedProcess:
    """`rhannu build --site-dir SITE_DIR` in the project folder, as a publisher runs it (strict)."""
    command = [sys.executable, "-m", "rhannu.cli", "build", "--site-dir", site_dir]
    return subprocess.run(command, cwd=project, env=build_env(NEW_SITE_EPOCH), capture_output=True, text=True, check=False)
