"""A new site from `rhannu init`, made buildable as the sample site is (tests/support/sites.py):
the project's hooks/ and overrides/ beside it, until Rhannu is an installed plugin. The site's
own overrides/ files (its logo, favicon and colours) are kept, and the project's own images that
show or colour this programme (its link-preview image and favicon.ico) are left out."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tests.support.sites import PROJECT, build_env

PROGRAMME_IMAGES = ("overrides/assets/images/preview.png", "overrides/favicon.ico")
# Builds and checks of a new site are pinned to 5 December 2025, after the starter's example
# dates (January 2025): the sample site's day (PINNED_EPOCH, 2023) would leave them unpublished.
NEW_SITE_EPOCH = "1764950400"


def init_site(path: Path, *options: str) -> Path:
    """`rhannu init PATH` (which must succeed), then the project's hooks/ and overrides/ beside it."""
    from rhannu.cli import main

    assert main(["init", str(path), *options]) == 0
    shutil.copytree(PROJECT / "hooks", path / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    for source in sorted((PROJECT / "overrides").rglob("*")):
        relative = source.relative_to(PROJECT).as_posix()
        target = path / relative
        if source.is_file() and relative not in PROGRAMME_IMAGES and not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    return path


def rhannu_build(project: Path, site_dir: str = "site") -> subprocess.CompletedProcess:
    """`rhannu build --site-dir SITE_DIR` in the project folder, as a publisher runs it (strict)."""
    command = [sys.executable, "-m", "rhannu.cli", "build", "--site-dir", site_dir]
    return subprocess.run(command, cwd=project, env=build_env(NEW_SITE_EPOCH), capture_output=True, text=True, check=False)
