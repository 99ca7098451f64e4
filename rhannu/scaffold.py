"""New content for editors: an English/Welsh pair with every field, and placeholders that the
build refuses until they are replaced."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

from rhannu.content import CASE_STUDIES_DIR, NEWSLETTERS_DIR
from rhannu.schema import PLACEHOLDER
from rhannu.taxonomy import Taxonomy


def slugify(title: str) -> str:
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def case_study_pair(title: str, today: dt.date, taxonomy: Taxonomy) -> tuple[str, str]:
    english = f"""---
title: {_quoted(title)}
summary: "{PLACEHOLDER}: one or two sentences, shown on cards, in link previews and in feeds"
date: {today.isoformat()}  # published; a later date keeps it off the site until that day
psb: "{PLACEHOLDER}: one of {', '.join(taxonomy.psbs)}"
themes: ["{PLACEHOLDER}: one or more of {', '.join(taxonomy.themes)}"]
approaches: ["{PLACEHOLDER}: one or more of {', '.join(taxonomy.approaches)}"]
lessons: []  # ids of lessons (file names in lessons/) this case study gives evidence for
aliases: []  # old addresses that should lead here, such as old/address/
draft: false  # true keeps it off the site
---

{PLACEHOLDER}: write the case study. Use "## " headings for its parts, such as
"## What happened" and "## What we learnt".
"""
    welsh = f"""---
title: "{PLACEHOLDER}: teitl yr astudiaeth achos yn Gymraeg"
summary: "{PLACEHOLDER}: crynodeb o frawddeg neu ddwy yn Gymraeg"
---

{PLACEHOLDER}: ysgrifennwch yr astudiaeth achos yn Gymraeg. Mae'r dyddiad, y BGC, y themâu a'r
dulliau yn dod o'r ffeil Saesneg.
"""
    return english, welsh


def item_pair(title: str, today: dt.date, kind: str) -> tuple[str, str]:
    event = ""
    if kind == "event":
        event = (
            f'event_date: "{PLACEHOLDER}: the day it happens, as YYYY-MM-DD or YYYY-MM-DD HH:MM"\n'
            "# place: Where it happens, in English (leave out for an online event)\n"
            "# online_link: https://the address to join online\n"
        )
    english = f"""---
title: {_quoted(title)}
summary: "{PLACEHOLDER}: one or two sentences, shown in the newsletter, its email and its feed"
kind: {kind}
date: {today.isoformat()}  # published: the item goes into the issue of this fortnight
{event}draft: false  # true keeps it out of the newsletter
---

{PLACEHOLDER}: write the {'event' if kind == 'event' else 'news item'}.
"""
    welsh_place = "# place: Ble mae'n digwydd, yn Gymraeg\n" if kind == "event" else ""
    welsh = f"""---
title: "{PLACEHOLDER}: y teitl yn Gymraeg"
summary: "{PLACEHOLDER}: crynodeb o frawddeg neu ddwy yn Gymraeg"
{welsh_place}---

{PLACEHOLDER}: ysgrifennwch {'am y digwyddiad' if kind == 'event' else 'yr eitem newyddion'} yn Gymraeg.
"""
    return english, welsh


def write_pair(root: Path, folder: str, slug: str, texts: tuple[str, str]) -> list[Path]:
    paths = [root / folder / f"{slug}.md", root / folder / f"{slug}.cy.md"]
    existing = [path for path in paths if path.exists()]
    if existing:
        raise FileExistsError(", ".join(str(path.relative_to(root)) for path in existing))
    (root / folder).mkdir(parents=True, exist_ok=True)
    for path, text in zip(paths, texts):
        path.write_text(text, encoding="utf-8")
    return paths


def new_case_study(root: Path, title: str, today: dt.date, taxonomy: Taxonomy) -> list[Path]:
    return write_pair(root, CASE_STUDIES_DIR, slugify(title), case_study_pair(title, today, taxonomy))


def new_item(root: Path, title: str, today: dt.date, kind: str) -> list[Path]:
    return write_pair(root, NEWSLETTERS_DIR, slugify(title), item_pair(title, today, kind))
