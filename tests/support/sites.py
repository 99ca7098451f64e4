"""Building real sites for end-to-end tests: the project itself, or a temporary copy of it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup

PROJECT = Path(__file__).resolve().parents[2]
PINNED_EPOCH = "1700000000"  # 2023-11-14 in Europe/London: builds in tests never depend on today
BUILD_DATE_PINNED = __import__("datetime").date(2023, 11, 14)
SOURCE_DIRS = ("docs", "overrides", "hooks", "case_studies", "lessons", "newsletters", "data")


@dataclass(frozen=True)
class BuildResult:
    returncode: int
    log: str
    site: Path


def build_env(epoch: str = PINNED_EPOCH) -> dict[str, str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=epoch)
    env.pop("PYTHONWARNINGS", None)
    return env


def build(project: Path, site: Path, *, strict: bool = True, epoch: str = PINNED_EPOCH) -> BuildResult:
    command = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)]
    if strict:
        command.append("--strict")
    done = subprocess.run(
        command, cwd=project, env=build_env(epoch), capture_output=True, text=True, check=False
    )
    return BuildResult(done.returncode, done.stdout + done.stderr, site)


def copy_project(destination: Path) -> Path:
    """A copy of the project's sources, to break or extend without touching the real ones."""
    destination.mkdir(parents=True, exist_ok=True)
    shutil.copy2(PROJECT / "mkdocs.yml", destination / "mkdocs.yml")
    for name in SOURCE_DIRS:
        if (PROJECT / name).exists():
            shutil.copytree(PROJECT / name, destination / name)
    return destination


def read_html(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def html_pages(site: Path) -> list[Path]:
    """The site's web pages: every HTML file but the newsletter's email editions, which are
    email HTML with rules of their own (tests/test_email.py)."""
    return sorted(page for page in site.rglob("*.html") if not page.name.startswith("email"))


def url_of(site: Path, page: Path) -> str:
    """The site-relative URL a page is served at: 'about/', 'cy/about/', '404.html'."""
    relative = page.relative_to(site).as_posix()
    return relative[: -len("index.html")] if relative.endswith("index.html") else relative
