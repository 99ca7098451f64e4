"""Reading and validating case studies and lessons into plain, immutable records, once a build.

Every problem in every file is collected; the caller reports them all and stops.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path

from rhannu.dates import start_of_day
from rhannu.errors import ContentError, ContentErrors
from rhannu.frontmatter import Source, parse_source
from rhannu.pairing import MissingTwin, missing_twins, parse_source_path
from rhannu.schema import (
    CASE_STUDY,
    LESSON,
    NEWS_ITEM,
    PLACEHOLDER,
    SLUG,
    Field,
    FieldProblem,
    unknown_field_message,
)
from rhannu.taxonomy import Taxonomy, load_taxonomy

CASE_STUDIES_DIR = "case_studies"
LESSONS_DIR = "lessons"
NEWSLETTERS_DIR = "newsletters"
_MARKDOWN_IMAGE = re.compile(r"!\[([^\]]*)\]\(\s*<?([^)\s>]+)")
_HTML_IMAGE = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_HTML_ALT = re.compile(r"\balt\s*=\s*(\"[^\"]*\"|'[^']*')", re.IGNORECASE)


@dataclass(frozen=True)
class Text:
    """What differs between the two languages of one item."""

    path: str
    title: str
    summary: str
    body: str
    place: str | None = None  # events: where, in this language
    translated_from: str | None = None  # Welsh: the fingerprint of the English it translates


@dataclass(frozen=True)
class CaseStudy:
    slug: str
    published: dt.datetime  # aware, Europe/London
    psb: str
    themes: tuple[str, ...]
    approaches: tuple[str, ...]
    lessons: tuple[str, ...]
    aliases: tuple[str, ...]
    draft: bool
    texts: dict[str, Text]  # by language code; a missing twin leaves its language out


@dataclass(frozen=True)
class Lesson:
    slug: str
    group: str
    order: int
    published: dt.datetime
    draft: bool
    texts: dict[str, Text]


@dataclass(frozen=True)
class NewsItem:
    """A short newsletter item: news, an event, or an issue's editorial."""

    slug: str
    kind: str  # news, event, editorial
    published: dt.datetime
    event_start: dt.datetime | None  # events only; midnight where no time was given
    event_has_time: bool
    online_link: str | None
    draft: bool
    texts: dict[str, Text]


Item = CaseStudy | Lesson | NewsItem


@dataclass(frozen=True)
class Excluded:
    path: str
    reason: str


@dataclass(frozen=True)
class Content:
    taxonomy: Taxonomy
    case_studies: tuple[CaseStudy, ...]  # published only, newest first
    lessons: tuple[Lesson, ...]  # published only, by group and order
    news: tuple[NewsItem, ...]  # published only, oldest first
    excluded: tuple[Excluded, ...]  # drafts and future-dated items, left out of this build
    missing_twins: tuple[MissingTwin, ...]


@dataclass(frozen=True)
class _Pair:
    slug: str
    facts: dict[str, object]
    texts: dict[str, Text]


def load_content(root: Path, build_date: dt.date) -> Content:
    """All case studies, lessons and newsletter items under `root`, validated; raises
    ContentErrors listing every problem."""
    taxonomy = load_taxonomy(root)
    errors: list[ContentError] = []
    lesson_pairs, lesson_twins = _load_collection(root, LESSONS_DIR, LESSON, taxonomy, errors)
    study_pairs, study_twins = _load_collection(root, CASE_STUDIES_DIR, CASE_STUDY, taxonomy, errors)
    news_pairs, news_twins = _load_collection(root, NEWSLETTERS_DIR, NEWS_ITEM, taxonomy, errors)
    errors += _check_lesson_references(study_pairs, {pair.slug for pair in lesson_pairs})
    errors += _check_addresses(study_pairs)
    errors += _check_events(news_pairs)
    if errors:
        raise ContentErrors(errors)
    lessons = [_lesson(pair) for pair in lesson_pairs]
    studies = [_case_study(pair) for pair in study_pairs]
    news = [_news_item(pair) for pair in news_pairs]
    excluded = [_exclusion(item, build_date) for item in [*lessons, *studies, *news]]
    left_out = {item.path for item in excluded if item is not None}

    def kept(items: list) -> list:
        return [item for item in items if primary_path(item.texts) not in left_out]

    group_order = list(taxonomy.lesson_groups)
    return Content(
        taxonomy=taxonomy,
        case_studies=tuple(sorted(kept(studies), key=lambda study: (study.published, study.slug), reverse=True)),
        lessons=tuple(sorted(kept(lessons), key=lambda lesson: (group_order.index(lesson.group), lesson.order, lesson.slug))),
        news=tuple(sorted(kept(news), key=lambda item: (item.published, item.slug))),
        excluded=tuple(sorted((item for item in excluded if item is not None), key=lambda item: item.path)),
        missing_twins=tuple(lesson_twins + study_twins + news_twins),
    )


def _exclusion(item: Item, build_date: dt.date) -> Excluded | None:
    path = primary_path(item.texts)
    if item.draft:
        return Excluded(path, "draft")
    if item.published.date() > build_date:
        return Excluded(path, f"dated {item.published.date()}, after the build date {build_date}")
    return None


def primary_path(texts: dict[str, Text]) -> str:
    """The English source's path, or the Welsh one's where English is missing."""
    return (texts.get("en") or next(iter(texts.values()))).path


def _load_collection(
    root: Path, dirname: str, fields: tuple[Field, ...], taxonomy: Taxonomy, errors: list[ContentError]
) -> tuple[list[_Pair], list[MissingTwin]]:
    folder = root / dirname
    names = [entry.name for entry in os.scandir(folder) if entry.name.endswith(".md") and entry.is_file()] if folder.is_dir() else []
    paths = sorted(f"{dirname}/{name}" for name in names)
    by_slug: dict[str, dict[str, Source]] = {}
    unreadable_english: set[str] = set()  # its Welsh twin must not be judged as standing alone
    for path in paths:
        source_path = parse_source_path(path)
        slug = source_path.key.rsplit("/", 1)[-1].removesuffix(".md")
        if not SLUG.match(slug):
            errors.append(ContentError(path, f"file name: expected lower case letters, digits and hyphens, such as 'my-case-study.md'; got '{Path(source_path.key).name}'"))
            continue
        source = parse_source(path, (root / path).read_text(encoding="utf-8"))
        if isinstance(source, ContentError):
            errors.append(source)
            if source_path.lang.code == "en":
                unreadable_english.add(slug)
            continue
        by_slug.setdefault(slug, {})[source_path.lang.code] = source
    pairs = [
        _pair(slug, sources, fields, taxonomy, errors, has_english="en" in sources or slug in unreadable_english)
        for slug, sources in sorted(by_slug.items())
    ]
    twins = missing_twins(paths)
    return [pair for pair in pairs if pair is not None], twins


def _pair(
    slug: str, sources: dict[str, Source], fields: tuple[Field, ...], taxonomy: Taxonomy,
    errors: list[ContentError], *, has_english: bool,
) -> _Pair | None:
    before = len(errors)
    # A Welsh file states the shared facts itself only when it has no English twin to inherit from.
    states_facts = {lang: lang == "en" or not has_english for lang in sources}
    parsed = {
        lang: _parse_fields(source, fields, taxonomy, states_facts[lang], errors)
        for lang, source in sources.items()
    }
    facts: dict[str, object] = {}
    english = sources.get("en")
    for field in (field for field in fields if field.shared):
        values = {lang: values[field.name] for lang, values in parsed.items() if field.name in values}
        if "en" in values:
            facts[field.name] = values["en"]
            welsh = values.get("cy")
            if welsh is not None and welsh != values["en"]:
                errors.append(ContentError(
                    sources["cy"].path,
                    f"contradicts {english.path} ({_show(values['en'])}); got {_show(welsh)}: "
                    "leave it out of the Welsh file, which inherits it, or make the two agree",
                    field.name,
                ))
        elif english is None and "cy" in values:
            facts[field.name] = values["cy"]
        else:
            facts[field.name] = field.default  # a required field's absence is already an error
    texts = {}
    for lang, source in sources.items():
        errors += _check_body(source)
        values = parsed[lang]
        if "title" in values and "summary" in values:
            texts[lang] = Text(
                source.path, values["title"], values["summary"], source.body,
                values.get("place"), values.get("translated_from"),
            )
            if lang == "en" and "translated_from" in values:
                errors.append(ContentError(source.path, "only Welsh files record what they were translated from; remove it here", "translated_from"))
    if len(errors) > before or (has_english and "en" not in sources):
        return None  # its own problems, or its English twin's, are already reported
    return _Pair(slug, facts, texts)


def _parse_fields(
    source: Source, fields: tuple[Field, ...], taxonomy: Taxonomy, states_facts: bool, errors: list[ContentError]
) -> dict[str, object]:
    by_name = {field.name: field for field in fields}
    values: dict[str, object] = {}
    for name, raw in source.meta.items():
        field = by_name.get(name)
        if field is None:
            errors.append(ContentError(source.path, unknown_field_message(name, fields), name))
            continue
        try:
            values[name] = field.parse(raw, taxonomy)
        except FieldProblem as problem:
            errors.append(ContentError(source.path, str(problem), name))
    for field in fields:
        needed = field.required and (states_facts or not field.shared)
        if needed and field.name not in source.meta:
            errors.append(ContentError(source.path, "missing; this field is required", field.name))
    return values


def _check_body(source: Source) -> list[ContentError]:
    if not source.body.strip():
        return [ContentError(source.path, "the body is empty: write the text below the front matter's closing '---'")]
    errors = [
        ContentError(source.path, f"the body still has the placeholder {line.strip()[:40]!r}…: write the real text",
                     line=source.body_line + offset)
        for offset, line in enumerate(source.body.splitlines())
        if line.startswith(PLACEHOLDER + ":")
    ] if PLACEHOLDER + ":" in source.body else []
    if "![" not in source.body and "<img" not in source.body.lower():
        return errors
    for offset, line in enumerate(source.body.splitlines()):
        for alt, target in _MARKDOWN_IMAGE.findall(line):
            if not alt.strip():
                errors.append(_image_error(source, offset, target))
        for tag in _HTML_IMAGE.findall(line):
            alt = _HTML_ALT.search(tag)
            if not alt or not alt.group(1).strip("\"' "):
                errors.append(_image_error(source, offset, tag))
    return errors


def _image_error(source: Source, offset: int, target: str) -> ContentError:
    return ContentError(
        source.path,
        f"image {target} has no alt text: describe it between the brackets, as ![what it shows]({target})",
        line=source.body_line + offset,
    )


def _check_lesson_references(pairs: list[_Pair], known: set[str]) -> list[ContentError]:
    errors = []
    for pair in pairs:
        for lesson in pair.facts.get("lessons", ()):
            if lesson not in known:
                path = primary_path(pair.texts)
                errors.append(ContentError(path, f"expected ids of lessons in {LESSONS_DIR}/ ({', '.join(sorted(known))}); got '{lesson}'", "lessons"))
    return errors


def _check_addresses(pairs: list[_Pair]) -> list[ContentError]:
    """Each address (a case study's own, or an alias) belongs to one case study only."""
    owners = {f"case-studies/{pair.slug}/": primary_path(pair.texts) for pair in pairs}
    errors = []
    for pair in pairs:
        for alias in pair.facts.get("aliases", ()):
            owner = owners.get(alias)
            if owner is not None:
                errors.append(ContentError(primary_path(pair.texts), f"duplicate address '{alias}': already used by {owner}", "aliases"))
            else:
                owners[alias] = primary_path(pair.texts)
    return errors


def _show(value: object) -> str:
    if isinstance(value, tuple):
        return "[" + ", ".join(map(str, value)) + "]"
    return f"'{value}'"


def _case_study(pair: _Pair) -> CaseStudy:
    facts = pair.facts
    return CaseStudy(
        slug=pair.slug,
        published=start_of_day(facts["date"]),
        psb=facts["psb"],
        themes=facts["themes"],
        approaches=facts["approaches"],
        lessons=facts["lessons"],
        aliases=facts["aliases"],
        draft=facts["draft"],
        texts=pair.texts,
    )


def _lesson(pair: _Pair) -> Lesson:
    facts = pair.facts
    return Lesson(pair.slug, facts["group"], facts["order"], start_of_day(facts["date"]), facts["draft"], pair.texts)


def _news_item(pair: _Pair) -> NewsItem:
    facts = pair.facts
    event = facts.get("event_date")
    return NewsItem(
        slug=pair.slug,
        kind=facts["kind"],
        published=start_of_day(facts["date"]),
        event_start=event.start if event else None,
        event_has_time=bool(event and event.has_time),
        online_link=facts.get("online_link"),
        draft=facts["draft"],
        texts=pair.texts,
    )


def _check_events(pairs: list[_Pair]) -> list[ContentError]:
    """An event has an event_date; other items have none of the event fields."""
    errors = []
    for pair in pairs:
        path = primary_path(pair.texts)
        is_event = pair.facts.get("kind") == "event"
        if is_event and pair.facts.get("event_date") is None:
            errors.append(ContentError(path, "missing; an event needs the day it happens, as YYYY-MM-DD or YYYY-MM-DD HH:MM", "event_date"))
        for name in ("event_date", "online_link"):
            if not is_event and pair.facts.get(name) is not None:
                errors.append(ContentError(path, f"only events have this field; this item's kind is '{pair.facts.get('kind')}'", name))
        for lang, text in pair.texts.items():
            if not is_event and text.place is not None:
                errors.append(ContentError(text.path, f"only events have this field; this item's kind is '{pair.facts.get('kind')}'", "place"))
    return errors
