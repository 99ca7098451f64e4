"""New content for editors: a file in each of the site's languages, the default language's with
every field, and placeholders (from each language's interface text) that the build refuses until
they are replaced."""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from pathlib import Path

from rhannu.content_types import CASE_STUDIES, NEWS_ITEMS, ContentType, behaviour_type
from rhannu.files import write_all_or_none
from rhannu.labels import label
from rhannu.languages import DEFAULT, OTHERS, default_first
from rhannu.links import shown
from rhannu.pairing import path_in
from rhannu.schema import PLACEHOLDER
from rhannu.taxonomy import Taxonomy

MAX_TITLE_SLUG = 60  # characters: a readable address, below names.MAX_SLUG and far below a file system's limit
# Letters that Unicode does not decompose into a Latin letter and an accent (\u0131: dotless i).
_SPELLED_OUT = str.maketrans({"æ": "ae", "œ": "oe", "ø": "o", "ß": "ss", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "\u0131": "i"})


class TitleProblem(ValueError):
    """A title no file name can be made from."""


def slugify(title: str) -> str:
    """The file name (and English address) for a title: Latin letters with accents taken off,
    digits, and hyphens, at most MAX_TITLE_SLUG characters, cut at a word's end."""
    latin = unicodedata.normalize("NFKD", title.lower().translate(_SPELLED_OUT)).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", latin).strip("-")
    if len(slug) > MAX_TITLE_SLUG:
        cut = slug[: MAX_TITLE_SLUG + 1]
        slug = cut[: cut.rfind("-")] if "-" in cut else slug[:MAX_TITLE_SLUG]
    if not re.search(r"[a-z]", slug):
        raise TitleProblem(
            f"title: {shown(title)} has no Latin letters to make a file name from: give the English title, with "
            "letters a to z (accents are fine); the title can be changed in the file afterwards"
        )
    return slug


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _translation(code: str, kind: str, body_key: str, extra: str = "") -> str:
    return f"""---
title: {_quoted(label(code, f"scaffold_title_{kind}"))}
summary: {_quoted(label(code, f"scaffold_summary_{kind}"))}
{extra}---

{label(code, body_key)}
"""


def _translations(kind: str, body_key: str, extra_key: str | None = None) -> tuple[str, ...]:
    """Each other language's file, in the order of default_first()."""
    return tuple(
        _translation(lang.code, kind, body_key, f"{label(lang.code, extra_key)}\n" if extra_key else "") for lang in OTHERS
    )


def case_study_pair(title: str, today: dt.date, taxonomy: Taxonomy, kind: ContentType = CASE_STUDIES) -> tuple[str, ...]:
    """An item of a type with pages (a case study, a resource): its facets' and lessons' lines only
    where its type has them (data/schema.yml), its placeholders in its type's own labels."""
    facets = _facet_lines(taxonomy) if kind.faceted else ""
    lessons = ""
    if any(known.name == "lessons" for known in kind.fields):
        lessons = f"lessons: []  # ids of lessons (file names in lessons/) this {kind.editor_names[0]} gives evidence for\n"
    english = f"""---
title: {_quoted(title)}
summary: {_quoted(label(DEFAULT.code, f"scaffold_summary_{kind.key}"))}
published: {today.isoformat()}  # the day it goes on this site; a later day keeps it off until then
# when: when what it describes happened: a day (2021-06-15), a month (2021-11), a season (summer 2021) or a year
# source: where it comes from, a key in data/sources.yml (such as year-one-report)
{facets}{_own_field_lines(taxonomy, kind.key)}{lessons}aliases: []  # old addresses that should lead here, such as old/address/
draft: false  # true keeps it off the site
---

{label(DEFAULT.code, f"scaffold_body_{kind.key}")}
"""
    return (english, *_translations(kind.key, f"scaffold_body_{kind.key}"))


def _facet_lines(taxonomy: Taxonomy) -> str:
    """A placeholder line per vocabulary facet of data/schema.yml, naming the values it takes."""
    lines = []
    for facet in taxonomy.schema.vocabulary_facets:
        keys = ", ".join(taxonomy.terms(facet.vocabulary or ""))
        if facet.many:
            lines.append(f'{facet.field}: ["{PLACEHOLDER}: one or more of {keys}"]\n')
        else:
            lines.append(f'{facet.field}: "{PLACEHOLDER}: one of {keys}"\n')
    return "".join(lines)


# What each type of field a site adds takes, for its placeholder (rhannu.site_schema.FIELD_TYPES).
FIELD_TYPE_HINTS = {
    "text": "text",
    "date": "a day, as YYYY-MM-DD",
    "partial_date": "a day (2021-06-15), a month (2021-11), a season (summer 2021) or a year",
    "int": "a whole number from 1",
    "boolean": "true or false",
    "web_address": "a web address starting https://",
}


def _own_field_lines(taxonomy: Taxonomy, content_type: str) -> str:
    """A line per field data/schema.yml adds to the type: a placeholder where it is required, else
    a comment saying what it takes."""
    lines = []
    for own in taxonomy.schema.fields_of(content_type):
        keys = ", ".join(taxonomy.terms(own.vocabulary)) if own.vocabulary else ""
        hint = {"term": f"one of {keys}", "terms": f"one or more of {keys}"}.get(own.type) or FIELD_TYPE_HINTS[own.type]
        if own.required:
            placeholder = f'"{PLACEHOLDER}: {hint}"'
            lines.append(f"{own.name}: {f'[{placeholder}]' if own.type == 'terms' else placeholder}\n")
        else:
            lines.append(f"# {own.name}: {hint}\n")
    return "".join(lines)


def item_pair(title: str, today: dt.date, kind: str) -> tuple[str, ...]:
    event = ""
    if kind == "event":
        event = (
            f'event_date: "{PLACEHOLDER}: the day it happens, as YYYY-MM-DD or YYYY-MM-DD HH:MM"\n'
            "# event_end: when it ends, as precisely as event_date (leave out where your source does not say)\n"
            f"{label(DEFAULT.code, 'scaffold_place')}\n"
            "# online_link: https://the address to join online\n"
        )
    body_key = "scaffold_body_event" if kind == "event" else "scaffold_body_news"
    english = f"""---
title: {_quoted(title)}
summary: {_quoted(label(DEFAULT.code, "scaffold_summary_news"))}
kind: {kind}
published: {today.isoformat()}  # the day it goes on this site: it joins the next newsletter issue
{event}draft: false  # true keeps it out of the newsletter
---

{label(DEFAULT.code, body_key)}
"""
    return (english, *_translations("news", body_key, "scaffold_place" if kind == "event" else None))


def write_pair(root: Path, kind: ContentType, slug: str, texts: tuple[str, ...]) -> list[Path]:
    """One file per language (texts in the order of default_first()), all or none."""
    paths = [root / kind.folder / path_in(f"{slug}.md", code) for code in default_first()]
    existing = [path for path in paths if path.exists()]
    if existing:
        raise FileExistsError(", ".join(str(path.relative_to(root)) for path in existing))
    (root / kind.folder).mkdir(parents=True, exist_ok=True)
    write_all_or_none(list(zip(paths, texts, strict=True)))
    return paths


def new_case_study(root: Path, title: str, today: dt.date, taxonomy: Taxonomy, kind: ContentType = CASE_STUDIES) -> list[Path]:
    """A new item of a type with pages (case studies by default; a resource: `kind`)."""
    return write_pair(root, kind, slugify(title), case_study_pair(title, today, taxonomy, kind))


def new_item(root: Path, title: str, today: dt.date, kind: str) -> list[Path]:
    return write_pair(root, behaviour_type("newsletter-items", NEWS_ITEMS), slugify(title), item_pair(title, today, kind))
