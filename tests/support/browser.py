"""Debian's Chromium, driven by Playwright. `playwright install` cannot download here, so the
tests use /usr/bin/chromium; under CI a missing browser fails the run instead of skipping."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("RHANNU_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# axe-core's rules as the tests and the pre-deploy check apply them: WCAG 2.0, 2.1 and 2.2 A and
# AA, and best practices.
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}


def require_chromium() -> Path:
    if CHROMIUM.exists():
        return CHROMIUM
    message = f"{CHROMIUM} not found: install Debian's chromium (apt-get install chromium)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message + " - browser tests never skip in CI", pytrace=False)
    pytest.skip(message)


def settle(page) -> None:
    """Wait until no CSS transition or animation runs: axe measures colours as they are drawn, and
    a fading element (Material's back-to-top button, a folding section) is mid-way for a moment."""
    page.wait_for_function("document.getAnimations().every(animation => animation.playState !== 'running')")
