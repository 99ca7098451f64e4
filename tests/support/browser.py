"""Debian's Chromium, driven by Playwright. `playwright install` cannot download here, so the
tests use /usr/bin/chromium; under CI a missing browser fails the run instead of skipping."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from rhannu.site_check import AXE_OPTIONS, CHROMIUM, CHROMIUM_ARGS

__all__ = ["AXE_OPTIONS", "CHROMIUM", "CHROMIUM_ARGS", "require_chromium", "settle"]


def require_chromium() -> Path:
    if CHROMIUM.exists():
        return CHROMIUM
    message = f"{CHROMIUM} not found: install Debian's chromium (apt-get install chromium)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message + " - browser tests never skip in CI", pytrace=False)
    pytest.skip(message)


def settle(page) -> None:
    """Wait until no CSS transition or animation runs: axe measures colours as they are drawn, and
    a fading element (Material's back-to-top button, a folding section) is mid-way for a moment.
    Two frames first: a scroll's effects (the header's title giving way to the page's) start a
    frame or two after the scroll, and, under load, after a check that found nothing running."""
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => done())))")
    page.wait_for_function("document.getAnimations().every(animation => animation.playState !== 'running')")
