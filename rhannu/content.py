"""Reading and validating every content type's sources into plain, immutable records, once a build.

The types and their fields are declared in `rhannu.content_types`; this module knows none of them
by name. Every problem in every file is collected; the caller reports them all and stops.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import Any

from rhannu.content_types import (
    NEWS_ITEMS,
    CaseStudy,
    ContentType,
    Item,
    Lesson,
    NewsItem,
    Pair,
    Text,
    build_types,
    current_types,
    primary_path,
    use_types,
)
from rhannu.errors import ContentError, ContentErrors, one_of, read_text
from rhannu.frontmatter import Source, parse_source
from rhannu.images import alt_errors
from rhannu.languages import DEFAULT, use_languages
from rhannu.names import control_problem, slug_problem
from rhannu.pairing import MissingTwin, missing_twins, parse_source_path
from rhannu.schema import PLACEHOLDER, Field, FieldProblem, unknown_field_message
from rhannu.site_schema import SCHEMA_FILE, SiteSchema
from rhannu.taxonomy import Taxonomy, load_taxonomy

ItemResult = tuple[Pair | None, tuple[ContentError, ...]]  # an item's pair (None when it has problems) and its problems


@dataclass(frozen=True)
class Excluded:
    path: str
    reason: str


@dataclass(frozen=True)
class Content:
    taxonomy: Taxonomy
    items: Mapping[str, tuple[Any, ...]]  # by content type key: published only, in the type's order
    excluded: tuple[Excluded, ...]  # drafts and future-dated items, left out of this build
    missing_twins: tuple[MissingTwin, ...]
    types: tuple[ContentType, ...] = ()  # the site's, as data/schema.yml declares them (() in hand-made tests: the current ones)

    def of(self, kind: ContentType) -> tuple[Any, ...]:
        return self.items.get(kind.key, ())

    def _of_behaviour(self, behaviour: str) -> tuple[Any, ...]:
        """The items of the site's type of this behaviour: for items with pages, the one the schema's
        facets group (the case studies), else the first."""
        kinds = [kind for kind in self.types or current_types() if kind.behaviour == behaviour]
        kinds.sort(key=lambda kind: not kind.faceted)
        return self.of(kinds[0]) if kinds else ()

    @property
    def case_studies(self) -> tuple[CaseStudy, ...]:  # the items the schema's facets group: newest first
        return self._of_behaviour("items-with-pages")

    @property
    def lessons(self) -> tuple[Lesson, ...]:  # by group and order
        return self._of_behaviour("grouped-lessons")

    @property
    def news(self) -> tuple[NewsItem, ...]:  # oldest first
        return self._of_behaviour(NEWS_ITEMS.behaviour)

    def neighbours(self, kind: ContentType, slug: str) -> tuple[Any | None, Any | None]:
        """The items before and after `slug` in its type's order (None at either end)."""
        items, position = self.of(kind), self._positions[kind.key][slug]
        return (items[position - 1] if position > 0 else None, items[position + 1] if position + 1 < len(items) else None)

    @cached_property
    def _positions(self) -> dict[str, dict[str, int]]:  # made once: every item page asks
        return {key: {item.slug: number for number, item in enumerate(items)} for key, items in self.items.items()}


class ItemMemo:
    """What load_content made of each item's files, by their texts, for a caller that loads the
    same sources again and again (the preview, after each edit): an unchanged item is not parsed
    and checked again, and a file whose modification time, size and inode are unchanged is not
    read again (the preview tells an edit by the same times). It keeps what the last load used,
    for one taxonomy."""

    def __init__(self, *, remember_texts: bool = True) -> None:
        self._remember_texts = remember_texts
        self._taxonomy: Taxonomy | None = None
        self._items: dict[tuple, ItemResult] = {}
        self._last: dict[tuple, ItemResult] = {}
        self._texts: dict[str, tuple[tuple[int, int, int, int], str]] = {}

    def start(self, taxonomy: Taxonomy) -> None:
        self._last = self._items if taxonomy == self._taxonomy else {}
        self._taxonomy, self._items = taxonomy, {}

    def read(self, root: Path, path: str) -> str:
        """The file's text, as read_text gives it."""
        if not self._remember_texts:
            return read_text(root, path)
        stat = os.stat(os.path.join(root, path))
        version = (stat.st_mtime_ns, stat.st_ctime_ns, stat.st_size, stat.st_ino)
        known = self._texts.get(path)
        if known is not None and known[0] == version:
            return known[1]
        text = read_text(root, path)
        self._texts[path] = (version, text)
        return text

    def get(self, key: tuple, make: Callable[[], ItemResult]) -> ItemResult:
        result = self._last.get(key) or self._items.get(key) or make()
        self._items[key] = result
        return result


def load_content(root: Path, build_date: dt.date, memo: ItemMemo | None = None) -> Content:
    """Every item of every content type under `root`, validated; raises ContentErrors listing
    every problem."""
    taxonomy = load_taxonomy(root)
    use_languages(taxonomy.schema.languages)  # and its languages (rhannu.languages): file names' suffixes say which
    types = build_types(taxonomy.schema.types)
    use_types(types)  # this site's types for everything from here on (rhannu.content_types), as prepare() does its words
    errors: list[ContentError] = own_field_errors(taxonomy.schema, types)
    pairs: dict[str, list[Pair]] = {}
    twins: list[MissingTwin] = []
    memo = memo or ItemMemo(remember_texts=False)
    memo.start(taxonomy)
    for kind in types:
        fields = kind.fields_for(taxonomy.schema)
        pairs[kind.key], found = _load_collection(root, kind.folder, fields, taxonomy, errors, memo)
        twins += found
    for kind in types:
        errors += kind.check(pairs[kind.key], pairs, taxonomy.schema)
    if errors:
        raise ContentErrors(errors)
    records = {
        kind.key: [_with_own_facts(kind.record(pair, taxonomy.schema), pair, kind, taxonomy) for pair in pairs[kind.key]]
        for kind in types
    }
    excluded = [_exclusion(item, build_date) for items in records.values() for item in items]
    left_out = {item.path for item in excluded if item is not None}
    return Content(
        taxonomy=taxonomy,
        items={
            kind.key: _ordered(kind, [item for item in records[kind.key] if primary_path(item.texts) not in left_out], taxonomy)
            for kind in types
        },
        excluded=tuple(sorted((item for item in excluded if item is not None), key=lambda item: item.path)),
        missing_twins=tuple(twins),
        types=types,
    )


def own_field_errors(schema: SiteSchema, types: tuple[ContentType, ...] | None = None) -> list[ContentError]:
    """The fields data/schema.yml adds must be to a content type the site has, under a name none of
    that type's fields takes."""
    errors = []
    by_key = {kind.key: kind for kind in (types if types is not None else build_types(schema.types))}
    for key, declared in schema.own_fields.items():
        kind = by_key.get(key)
        if kind is None:
            errors.append(ContentError(SCHEMA_FILE, f"unknown content type: {one_of(tuple(by_key))}", f"content_types.{key}"))
            continue
        taken = [known.name for known in kind.fields_for(replace(schema, own_fields={}))]
        errors += [
            ContentError(
                SCHEMA_FILE,
                f"already a field of {kind.editor_names[1]}: give it another name",
                f"content_types.{key}.fields.{own.name}",
            )
            for own in declared
            if own.name in taken
        ]
    return errors


def _with_own_facts(record: Any, pair: Pair, kind: ContentType, taxonomy: Taxonomy) -> Any:
    declared = taxonomy.schema.fields_of(kind.key)
    return replace(record, facts=MappingProxyType({own.name: pair.facts[own.name] for own in declared})) if declared else record


def _ordered(kind: ContentType, items: list[Any], taxonomy: Taxonomy) -> tuple[Any, ...]:
    return tuple(sorted(items, key=lambda item: kind.order(item, taxonomy)))


def _exclusion(item: Item, build_date: dt.date) -> Excluded | None:
    path = primary_path(item.texts)
    if item.draft:
        return Excluded(path, "draft")
    if item.published is not None and item.published.date() > build_date:
        return Excluded(path, f"published {item.published.date()}, after the build date {build_date}")
    return None


def _load_collection(
    root: Path, dirname: str, fields: tuple[Field, ...], taxonomy: Taxonomy, errors: list[ContentError], memo: ItemMemo
) -> tuple[list[Pair], list[MissingTwin]]:
    folder = root / dirname
    names = (
        [entry.name for entry in os.scandir(folder) if entry.name.endswith(".md") and entry.is_file()] if folder.is_dir() else []
    )
    paths = sorted(f"{dirname}/{name}" for name in names)
    by_slug: dict[str, list[str]] = {}
    for path in paths:
        slug = parse_source_path(path).key.rsplit("/", 1)[-1].removesuffix(".md")
        if problem := slug_problem(slug, "lower case letters, digits and hyphens, such as 'my-case-study.md'"):
            errors.append(
                ContentError(path, f"file name: {problem.replace(repr(slug), repr(Path(parse_source_path(path).key).name))}")
            )
            continue
        by_slug.setdefault(slug, []).append(path)
    pairs = []
    for slug, slug_paths in sorted(by_slug.items()):
        pair, found = _item(root, slug, slug_paths, fields, taxonomy, memo)
        errors += found
        if pair is not None:
            pairs.append(pair)
    return pairs, missing_twins(paths)


def _item(root: Path, slug: str, paths: list[str], fields: tuple[Field, ...], taxonomy: Taxonomy, memo: ItemMemo) -> ItemResult:
    """One item's pair from its files, or None, and the problems found in them."""
    texts: dict[str, str | ContentError] = {}
    for path in paths:
        try:
            texts[path] = memo.read(root, path)
        except ContentErrors as unreadable:
            texts[path] = unreadable.errors[0]
    return memo.get(tuple(texts.items()), lambda: _read_item(slug, texts, fields, taxonomy))  # paths name the type


def _read_item(slug: str, texts: dict[str, str | ContentError], fields: tuple[Field, ...], taxonomy: Taxonomy) -> ItemResult:
    errors: list[ContentError] = []
    sources: dict[str, Source] = {}
    unreadable_english = False  # its Welsh twin must not be judged as standing alone
    for path, text in texts.items():
        lang = parse_source_path(path).lang
        source = text if isinstance(text, ContentError) else parse_source(path, text)
        if isinstance(source, ContentError):
            errors.append(source)
            unreadable_english = unreadable_english or lang.code == DEFAULT.code
            continue
        sources[lang.code] = source
    if not sources:
        return None, tuple(errors)
    pair = _pair(slug, sources, fields, taxonomy, errors, has_english=DEFAULT.code in sources or unreadable_english)
    return pair, tuple(errors)


def _pair(
    slug: str,
    sources: dict[str, Source],
    fields: tuple[Field, ...],
    taxonomy: Taxonomy,
    errors: list[ContentError],
    *,
    has_english: bool,
) -> Pair | None:
    before = len(errors)
    # A Welsh file states the shared facts itself only when it has no English twin to inherit from.
    states_facts = {lang: lang == DEFAULT.code or not has_english for lang in sources}
    parsed = {lang: _parse_fields(source, fields, taxonomy, states_facts[lang], errors) for lang, source in sources.items()}
    facts: dict[str, object] = {}
    has_own_english = DEFAULT.code in sources
    for field in (field for field in fields if field.shared):
        values = {lang: values[field.name] for lang, values in parsed.items() if field.name in values}
        if DEFAULT.code in values:
            facts[field.name] = values[DEFAULT.code]
            translated = next((value for lang, value in values.items() if lang != DEFAULT.code), None)
            if translated is not None and translated != values[DEFAULT.code]:
                errors.append(
                    ContentError(
                        next(source.path for lang, source in sources.items() if lang != DEFAULT.code),
                        f"contradicts {sources[DEFAULT.code].path} ({_show(values[DEFAULT.code])}); got {_show(translated)}: "
                        "leave it out of the Welsh file, which inherits it, or make the two agree",
                        field.name,
                    )
                )
        elif not has_own_english and values:
            facts[field.name] = next(iter(values.values()))
        else:
            facts[field.name] = field.default  # a required field's absence is already an error
    texts = {}
    for lang, source in sources.items():
        errors += _check_body(source)
        values = parsed[lang]
        if "title" in values and "summary" in values:
            texts[lang] = Text(
                source.path,
                values["title"],
                values["summary"],
                source.body,
                values.get("place"),
                values.get("translated_from"),
                values.get("slug"),
            )
            errors += _welsh_only_fields(source.path, lang, values)
    if len(errors) > before or (has_english and DEFAULT.code not in sources):
        return None  # its own problems, or its English twin's, are already reported
    return Pair(slug, facts, texts)


WELSH_ONLY = {
    "translated_from": "only Welsh files record what they were translated from; remove it here",
    "slug": "only Welsh files name their page (the English page takes the file's name); remove it here, or rename the file",
}


def _welsh_only_fields(path: str, lang: str, values: dict[str, Any]) -> list[ContentError]:
    if lang != DEFAULT.code:
        return []
    return [ContentError(path, message, name) for name, message in WELSH_ONLY.items() if name in values]


def _parse_fields(
    source: Source, fields: tuple[Field, ...], taxonomy: Taxonomy, states_facts: bool, errors: list[ContentError]
) -> dict[str, Any]:
    by_name = {field.name: field for field in fields}
    values: dict[str, Any] = {}
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
    errors: list[ContentError] = []
    if control_problem(source.body):  # one search of the whole body, then line by line where it found one
        errors = [
            ContentError(source.path, f"the body {problem}", line=source.body_line + offset)
            for offset, line in enumerate(source.body.split("\n"))  # splitlines() would split at some of them
            if (problem := control_problem(line))
        ]
    errors += (
        [
            ContentError(
                source.path,
                f"the body still has the placeholder {line.strip()[:40]!r}…: write the real text",
                line=source.body_line + offset,
            )
            for offset, line in enumerate(source.body.splitlines())
            if line.startswith(PLACEHOLDER + ":")
        ]
        if PLACEHOLDER + ":" in source.body
        else []
    )
    return errors + alt_errors(source)


def _show(value: object) -> str:
    if isinstance(value, tuple):
        return "[" + ", ".join(map(str, value)) + "]"
    return f"'{value}'"
