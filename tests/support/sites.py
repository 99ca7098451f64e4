"""Building real sites for end-to-end tests: the frozen sample site in tests/fixture_site (a copy
of it, built with the installed rhannu plugin), or the live project for the smoke tests."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup

from rhannu import site_check
from rhannu.site_check import url_of

PROJECT = Path(__file__).resolve().parents[2]
FIXTURE = PROJECT / "tests/fixture_site"
FIXTURE_URL = "https://sample.rhannu.example.org/"  # site_url in tests/fixture_site/mkdocs.yml
PINNED_EPOCH = "1700000000"  # 2023-11-14 in Europe/London: builds in tests never depend on today
BUILD_DATE_PINNED = __import__("datetime").date(2023, 11, 14)


@dataclass(frozen=True)
class BuildResult:
    returncode: int
    log: str
    site: Path


def build_env(epoch: str = PINNED_EPOCH) -> dict[str, str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=epoch)
    env.pop("PYTHONWARNINGS", None)
    return env


def build(
    project: Path, site: Path, *, strict: bool = True, epoch: str = PINNED_EPOCH, extra_env: dict[str, str] | None = None
) -> BuildResult:
    command = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)]
    if strict:
        command.append("--strict")
    done = subprocess.run(
        command, cwd=project, env={**build_env(epoch), **(extra_env or {})}, capture_output=True, text=True, check=False
    )
    return BuildResult(done.returncode, done.stdout + done.stderr, site)


def copy_fixture(destination: Path) -> Path:
    """A copy of the sample site (its own overrides/ included; the engine comes from the rhannu
    plugin): a project folder to build, run `rhannu` on, break or extend without touching the
    committed files."""
    shutil.copytree(FIXTURE, destination, ignore=shutil.ignore_patterns("__pycache__"))
    return destination


def read_html(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def html_pages(site: Path) -> list[Path]:
    """The site's web pages: every HTML file but the newsletter's email editions, which are
    email HTML with rules of their own (tests/test_email.py)."""
    pages = site_check.html_pages(site)
    assert pages, f"no web pages in {site}"
    return pages


_LINKED = "a[href], link[href], script[src], img[src], source[src], iframe[src]"


def internal_target(site: Path, page: Path, reference: str) -> Path | None:
    """The file in the built site that a relative or root-relative link on `page` points to; None
    for links off the site (another host, mailto:, a merge tag) and for links within the page."""
    parts = urlsplit(reference)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    path = unquote(urlsplit(urljoin("/" + url_of(site, page), reference)).path).lstrip("/")
    target = site / path
    return target / "index.html" if path == "" or path.endswith("/") or target.is_dir() else target


def internal_links(site: Path) -> tuple[int, list[str]]:
    """How many links and resources on the site's web pages point within it, and which of those
    lead to no file ('page-url: reference')."""
    checked, broken = 0, []
    for page in html_pages(site):
        for tag in read_html(page).select(_LINKED):
            reference = tag.get("href") or tag.get("src")
            target = internal_target(site, page, reference)
            if target is None:
                continue
            checked += 1
            if not target.is_file():
                broken.append(f"{url_of(site, page)}: {reference}")
    return checked, broken


def is_redirect(page: Path) -> bool:
    """A page that only sends the reader on (an old address)."""
    return read_html(page).select_one('meta[http-equiv="refresh"]') is not None


def language_switch_target(site: Path, page: Path) -> str:
    """The site-relative URL the page's "Cymraeg" / "English" link leads to."""
    links = read_html(page).select(".rhannu-language-switch a[href]")
    assert len(links) == 1, f"{url_of(site, page)}: expected one language link, found {len(links)}"
    target = internal_target(site, page, links[0]["href"])
    assert target is not None, f"{url_of(site, page)}: the language link leaves the site"
    return url_of(site, target)


def check_errors(project: Path, capsys, monkeypatch, epoch: str = PINNED_EPOCH) -> list[str]:
    """`rhannu check` on the project, which must refuse it (exit 1) without a traceback: its ERROR
    lines, without the prefix."""
    from rhannu.cli import main

    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    code = main(["--root", str(project), "check"])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert code == 1, err
    return [line.removeprefix("ERROR: ") for line in err.splitlines() if line.startswith("ERROR: ")]


def edit(path: Path, old: str, new: str) -> None:
    """Replaces the first `old` in the file, which must hold it."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
