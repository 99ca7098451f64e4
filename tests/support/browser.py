"""Debian's Chromium, driven by Playwright. `playwright install` cannot download here, so the
tests use /usr/bin/chromium; under CI a missing browser fails the run instead of skipping."""

from __future__ import annotations

import itertools
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


# Each call counts its own frames (a page settled once must still wait two frames the next time).
_SETTLE_CALLS = itertools.count()
_SETTLED = """call => {
    const frames = (window.__rhannuSettle ||= {});
    frames[call] = (frames[call] || 0) + 1;
    return frames[call] > 2 && document.getAnimations().every(animation => animation.playState !== 'running');
}"""


def settle(page) -> None:
    """Wait until no CSS transition or animation runs: axe measures colours as they are drawn, and
    a fading element (Material's back-to-top button, a folding section) is mid-way for a moment.
    Two frames first: a scroll's effects (the header's title giving way to the page's) start a
    frame or two after the scroll, and, under load, after a check that found nothing running."""
    page.wait_for_function(_SETTLED, arg=next(_SETTLE_CALLS), polling="raf")  # survives a navigation, as evaluate would not
