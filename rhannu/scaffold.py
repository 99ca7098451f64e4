"""New content for editors: an English/Welsh pair with every field, and placeholders (from each
language's interface text) that the build refuses until they are replaced."""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from pathlib import Path

from rhannu.content_types import CASE_STUDIES, NEWS_ITEMS, ContentType
from rhannu.labels import label
from rhannu.languages import ENGLISH, WELSH
from rhannu.names import MAX_SLUG
from rhannu.schema import PLACEHOLDER
from rhannu.taxonomy import Taxonomy


def slugify(title: str) -> str:
    """The file name a title gives, in whole words up to MAX_SLUG characters ('' for none)."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    if len(slug) <= MAX_SLUG:
        return slug
    words = slug[: MAX_SLUG + 1].rsplit("-", 1)[0]
    return words if len(words) <= MAX_SLUG else slug[:MAX_SLUG]


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _welsh(kind: str, body_key: str, extra: str = "") -> str:
    return f"""---
title: {_quoted(label(WELSH.code, f"scaffold_title_{kind}"))}
summary: {_quoted(label(WELSH.code, f"scaffold_summary_{kind}"))}
{extra}---

{label(WELSH.code, body_key)}
"""


def case_study_pair(title: str, today: dt.date, taxonomy: Taxonomy) -> tuple[str, str]:
    english = f"""---
title: {_quoted(title)}
summary: {_quoted(label(ENGLISH.code, "scaffold_summary_case_studies"))}
published: {today.isoformat()}  # the day it goes on this site; a later day keeps it off until then
# when: when what it describes happened: a day (2021-06-15), a month (2021-11), a season (summer 2021) or a year
# source: where it comes from, a key in data/sources.yml (such as year-one-report)
psb: "{PLACEHOLDER}: one of {", ".join(taxonomy.psbs)}"
themes: ["{PLACEHOLDER}: one or more of {", ".join(taxonomy.themes)}"]
approaches: ["{PLACEHOLDER}: one or more of {", ".join(taxonomy.approaches)}"]
lessons: []  # ids of lessons (file names in lessons/) this case study gives evidence for
aliases: []  # old addresses that should lead here, such as old/address/
draft: false  # true keeps it off the site
---

{label(ENGLISH.code, "scaffold_body_case_studies")}
"""
    return english, _welsh("case_studies", "scaffold_body_case_studies")


def item_pair(title: str, today: dt.date, kind: str) -> tuple[str, str]:
    event = ""
    if kind == "event":
        event = (
            f'event_date: "{PLACEHOLDER}: the day it happens, as YYYY-MM-DD or YYYY-MM-DD HH:MM"\n'
            f"{label(ENGLISH.code, 'scaffold_place')}\n"
            "# online_link: https://the address to join online\n"
        )
    body_key = "scaffold_body_event" if kind == "event" else "scaffold_body_news"
    english = f"""---
title: {_quoted(title)}
summary: {_quoted(label(ENGLISH.code, "scaffold_summary_news"))}
kind: {kind}
published: {today.isoformat()}  # the day it goes on this site: it joins the next newsletter issue
{event}draft: false  # true keeps it out of the newsletter
---

{label(ENGLISH.code, body_key)}
"""
    welsh_place = f"{label(WELSH.code, 'scaffold_place')}\n" if kind == "event" else ""
    return english, _welsh("news", body_key, welsh_place)


def write_pair(root: Path, kind: ContentType, slug: str, texts: tuple[str, str]) -> list[Path]:
    paths = [root / kind.folder / f"{slug}.md", root / kind.folder / f"{slug}.cy.md"]
    existing = [path for path in paths if path.exists()]
    if existing:
        raise FileExistsError(", ".join(str(path.relative_to(root)) for path in existing))
    (root / kind.folder).mkdir(parents=True, exist_ok=True)
    for path, text in zip(paths, texts, strict=True):
        path.write_text(text, encoding="utf-8")
    return paths


def new_case_study(root: Path, title: str, today: dt.date, taxonomy: Taxonomy) -> list[Path]:
    return write_pair(root, CASE_STUDIES, slugify(title), case_study_pair(title, today, taxonomy))


def new_item(root: Path, title: str, today: dt.date, kind: str) -> list[Path]:
    return write_pair(root, NEWS_ITEMS, slugify(title), item_pair(title, today, kind))
