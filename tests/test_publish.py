"""`rhannu build` never leaves a half-built site where one is served."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.support.sites import build_env, copy_fixture


def rhannu_build(project: Path, site: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "rhannu.cli", "--root", str(project), "build", "--site-dir", str(site)],
        env=build_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )


def snapshot(site: Path) -> dict[str, int]:
    return {path.relative_to(site).as_posix(): path.stat().st_size for path in site.rglob("*") if path.is_file()}


def test_an_interrupted_build_leaves_the_old_site_whole(tmp_path: Path) -> None:
    project, site = copy_fixture(tmp_path / "project"), tmp_path / "www/site"
    assert rhannu_build(project, site).wait(timeout=120) == 0
    before = snapshot(site)
    assert len(before) > 200 and "index.html" in before

    running = rhannu_build(project, site)
    deadline = time.monotonic() + 60
    while not any(site.parent.glob(".site.new-*/site/*/index.html")):  # it has begun writing pages
        assert running.poll() is None and time.monotonic() < deadline, "the build ended before it was interrupted"
        time.sleep(0.05)
    os.killpg(running.pid, signal.SIGKILL)
    assert running.wait(timeout=30) == -signal.SIGKILL, "the build finished before it could be interrupted"
    assert snapshot(site) == before

    assert rhannu_build(project, site).wait(timeout=120) == 0
    assert snapshot(site) == before  # the same sources and build date give the same site
    assert sorted(path.name for path in site.parent.iterdir()) == [".site.lock", "site"]  # nothing left behind


def test_an_unwritable_folder_is_a_clear_error(tmp_path: Path) -> None:
    project = copy_fixture(tmp_path / "project")
    blocked = tmp_path / "blocked"
    blocked.write_text("a file, not a folder", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "rhannu.cli", "--root", str(project), "build", "--site-dir", str(blocked / "site")],
        env=build_env(), capture_output=True, text=True, check=False,
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert f"ERROR: {blocked / 'site'}: cannot be written" in done.stderr


def test_two_builds_at_once_wait_for_each_other(tmp_path: Path) -> None:
    project, site = copy_fixture(tmp_path / "project"), tmp_path / "www/site"
    first, second = rhannu_build(project, site), rhannu_build(project, site)
    assert (first.wait(timeout=180), second.wait(timeout=180)) == (0, 0)
    assert (site / "index.html").is_file() and len(snapshot(site)) > 200
    assert sorted(path.name for path in site.parent.iterdir()) == [".site.lock", "site"]
