"""One search index per language.

static-i18n merges both languages' pages into one `/search/search_index.json`, so a search on a
Welsh page finds English pages too. This splits it: English entries stay at the root, Welsh ones
move to `/cy/search/search_index.json` with locations relative to `/cy/` (the page template
points Welsh pages' search at that folder). lunr has no Welsh stemmer or stop words, so the Welsh
index uses none rather than English ones.
"""

from __future__ import annotations

import json
from pathlib import Path

from rhannu.languages import DEFAULT, WELSH, root

WELSH_PREFIX = root(WELSH.code)


def split_index(index: dict) -> dict[str, dict]:
    """{'en': index, 'cy': index} from the merged index."""
    english = [doc for doc in index["docs"] if not doc["location"].startswith(WELSH_PREFIX)]
    welsh = [
        {**doc, "location": doc["location"].removeprefix(WELSH_PREFIX)}
        for doc in index["docs"]
        if doc["location"].startswith(WELSH_PREFIX)
    ]
    config = index.get("config", {})
    return {
        DEFAULT.code: {"config": config, "docs": english},
        WELSH.code: {"config": {**config, "pipeline": []}, "docs": welsh},
    }


def write_split_index(site: Path) -> None:
    merged = site / "search/search_index.json"
    if not merged.exists():
        return
    indexes = split_index(json.loads(merged.read_text(encoding="utf-8")))
    targets = {DEFAULT.code: merged, WELSH.code: site / WELSH_PREFIX / "search/search_index.json"}
    for lang, path in targets.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(indexes[lang], ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
