"""Material for MkDocs' own English interface strings, read from the installed theme."""

from __future__ import annotations

import re
from pathlib import Path

import material

_PAIR = re.compile(r'^\s*"([^"]+)":\s*"((?:[^"\\]|\\.)*)"', re.MULTILINE)
_MACHINE_KEYS = ("language", "direction", "search.config.")


def english_interface_strings() -> dict[str, str]:
    """key -> English text, for every string Material may put on a page (not machine values)."""
    source = Path(material.__file__).parent / "templates/partials/languages/en.html"
    pairs = dict(_PAIR.findall(source.read_text(encoding="utf-8")))
    strings = {key: text for key, text in pairs.items() if not key.startswith(_MACHINE_KEYS)}
    strings["generator"] = "Made with"
    return strings
