"""Each kind of content, declared once.

A declaration says where a type's sources live (`folder`), where its pages are published
(`address` in English, and in each other language where it differs: `case-studies/` and
`cy/astudiaethau-achos/`), which front-matter
fields it has, the record its files become, how its records are ordered, what editors call it,
and which sections of a newsletter issue it fills. Loading, pairing, validation, listings, feeds,
newsletter assembly, the command line and the preview loop over `TYPES` instead of naming types.

Adding a type: declare its record and its `ContentType` here and add it to `TYPES`; give it a
page renderer in `rhannu/views.py` (if it has pages) and its labels in `rhannu/labels.py`; test it
and document it in README.md and EDITING.md.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextvars import ContextVar, Token
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from rhannu.current_views import CurrentMapping, CurrentSequence
from rhannu.dates import LONDON, start_of_day
from rhannu.errors import ContentError, ContentErrors
from rhannu.languages import DEFAULT
from rhannu.partial_dates import PartialDate
from rhannu.schema import (
    Field,
    Parser,
    address,
    boolean,
    date,
    event_date,
    fingerprint,
    key_of,
    list_of,
    news_kind,
    partial_date,
    positive_int,
    slug,
    text,
    web_address,
)
from rhannu.site_schema import DEFAULT_TYPES, Facet, OwnField, SiteSchema, TypeDeclaration, load_schema
from rhannu.taxonomy import Taxonomy


@dataclass(frozen=True)
class Text:
    """What differs between the two languages of one item."""

    path: str
    title: str
    summary: str
    body: str
    place: str | None = None  # events: where, in this language
    translated_from: str | None = None  # Welsh: the fingerprint of the English it translates
    slug: str | None = None  # Welsh: the page's own name in its address, where it differs from the file's


@dataclass(frozen=True)
class CaseStudy:
    """An item of a type with pages of its own (behaviour items-with-pages): a case study, a
    resource. What its type declares beyond Rhannu's fields is in `terms` and `facts`."""

    slug: str
    published: dt.datetime | None  # on this site: aware, the start of its day in Europe/London
    terms: Mapping[str, tuple[str, ...]]  # its values of each vocabulary facet data/schema.yml declares, by facet
    lessons: tuple[str, ...]
    aliases: tuple[str, ...]
    draft: bool
    texts: dict[str, Text]  # by language code; a missing twin leaves its language out
    when: PartialDate | None = None  # when what it describes happened, as precisely as known
    source: str | None = None  # the key of its source in data/sources.yml
    updated: dt.date | None = None  # the day its text last changed, where the editor says so (never guessed)
    facts: Mapping[str, Any] = field(default_factory=dict)  # the fields data/schema.yml adds to its type, by name
    type_key: str = "case_studies"  # the key of its type in data/schema.yml


PageItem = CaseStudy  # the record of every items-with-pages type


@dataclass(frozen=True)
class Lesson:
    slug: str
    group: str
    order: int
    published: dt.datetime | None
    draft: bool
    texts: dict[str, Text]
    when: PartialDate | None = None
    source: str | None = None
    updated: dt.date | None = None
    facts: Mapping[str, Any] = field(default_factory=dict)  # the fields data/schema.yml adds to its type, by name


@dataclass(frozen=True)
class NewsItem:
    """A short newsletter item: news, an event, or an issue's editorial."""

    slug: str
    kind: str  # news, event, editorial
    published: dt.datetime | None
    event_start: dt.datetime | None  # events only; midnight where no time was given
    event_has_time: bool
    online_link: str | None
    draft: bool
    texts: dict[str, Text]
    when: PartialDate | None = None
    source: str | None = None
    event_end: dt.datetime | None = None  # events only, optional: as precise as event_start (its last day, or its end time)
    updated: dt.date | None = None
    facts: Mapping[str, Any] = field(default_factory=dict)  # the fields data/schema.yml adds to its type, by name


Item = CaseStudy | Lesson | NewsItem


@dataclass(frozen=True)
class Pair:
    """One item's validated sources: the facts both languages share, and each language's text."""

    slug: str
    facts: dict[str, Any]
    texts: dict[str, Text]

    @property
    def path(self) -> str:
        return primary_path(self.texts)


def primary_path(texts: Mapping[str, Text]) -> str:
    """The English source's path, or the Welsh one's where English is missing."""
    return (texts.get(DEFAULT.code) or next(iter(texts.values()))).path


@dataclass(frozen=True)
class IssueSection:
    """A section of a newsletter issue. `style` says how renderers show its items: `editorial`
    (one item, in full), `full` (each item in full), `linked` (title and summary, linking to the
    item's page) or `network` (partner news, linking off the site)."""

    key: str  # its label and anchor: "news" -> "News" / "Newyddion", id="issue-news"
    style: str
    single: bool = False  # at most one item per issue (an editorial)
    order: Callable[[Any], Any] | None = None  # within the section; None keeps the type's order


@dataclass(frozen=True)
class IssueSlot:
    """Where an item goes in the newsletter: the first issue after `day`, the day it was published
    on the site, in `section`; an event (`happens`) goes into the last issue before it happens."""

    day: dt.date
    section: str
    happens: dt.date | None = None


@dataclass(frozen=True)
class ContentType:
    key: str  # Content.items key, and the label of its plural name ("case_studies")
    folder: str  # its sources: folder/x.md and folder/x.cy.md
    address: str | None  # its pages: address/x/ (and the folder of their sources under docs/); None for none
    fields: tuple[Field, ...]
    record: Callable[[Pair, SiteSchema], Any]
    order: Callable[[Any, Taxonomy], Any]  # sorts its records, ascending
    editor_names: tuple[str, str]  # singular and plural, in editors' (English) messages
    sections: tuple[IssueSection, ...] = ()
    issue_slot: Callable[[Any], IssueSlot | None] | None = None
    check: Callable[[list[Pair], Mapping[str, list[Pair]], SiteSchema], list[ContentError]] = field(default=lambda *_: [])
    in_feed: bool = False  # listed in the "everything new" feed
    local_addresses: Mapping[str, str] = field(default_factory=dict)  # {"cy": "astudiaethau-achos"}
    facet_fields_after: str | None = None  # the field after which the fields of the schema's vocabulary facets go
    behaviour: str = "items-with-pages"  # what the engine does with its items (rhannu.site_schema.BEHAVIOURS)
    faceted: bool = False  # the schema's facets group its items

    @property
    def singular(self) -> str:
        """Its name in catalogue ids and `rhannu new`: 'case-study', 'resource'."""
        return self.editor_names[0].replace(" ", "-")

    def fields_for(self, schema: SiteSchema) -> tuple[Field, ...]:
        """Its fields: Rhannu's, one per vocabulary facet of the schema (for the type the facets
        group), then those the schema adds to it."""
        own = tuple(own_field(declared) for declared in schema.fields_of(self.key))
        if self.facet_fields_after is None or not self.faceted:
            return (*self.fields, *own)
        at = next(number for number, known in enumerate(self.fields) if known.name == self.facet_fields_after) + 1
        return (*self.fields[:at], *(facet_field(facet) for facet in schema.vocabulary_facets), *self.fields[at:], *own)

    def path(self, item: Item, lang: str = DEFAULT.code) -> str:
        """The page path of an item of this type in a language ('case-studies/x'), before the
        language's root and its own name for the section (see `rhannu.urls.url`). A Welsh text may
        name its page (`slug`); otherwise the page takes the file's name."""
        if self.address is None:
            raise ValueError(f"{self.key} have no pages of their own")
        text = item.texts.get(lang)
        return f"{self.address}/{text.slug if text is not None and text.slug else item.slug}"


def _local_day(moment: dt.datetime) -> dt.date:
    return moment.astimezone(LONDON).date()


def _published(facts: dict[str, Any]) -> dt.datetime | None:
    return start_of_day(facts["published"]) if facts.get("published") else None


def newest_first(item: Any) -> tuple:
    """Published items newest first (by name, Z to A, within a day); then the rest by when what
    they describe happened, latest first, then by name."""
    published, when = item.published, item.when
    if published is not None:
        return (0, -published.toordinal(), (*tuple(-ord(char) for char in item.slug), 0))
    return (1, when is None, -when.start.toordinal() if when else 0, item.slug)


def _published_slot(section: str) -> Callable[[Any], IssueSlot | None]:
    return lambda item: IssueSlot(_local_day(item.published), section) if item.published else None


# Fields every type has: the text of each language first, where it comes from and when what it
# describes happened, then the flags.
TEXT_FIELDS = (Field("title", text, shared=False), Field("summary", text, shared=False))
FLAG_FIELDS = (
    Field("when", partial_date, required=False),
    Field("source", key_of("sources"), required=False),
    Field("updated", date, required=False),  # the day its text last changed in substance, where an editor records it
    Field("draft", boolean, required=False, default=False),
    Field("translated_from", fingerprint, required=False, shared=False),
)
# Types with pages: a Welsh text may give its page its own name in the address.
PAGE_NAME_FIELD = Field("slug", slug, required=False, shared=False)


# --- Case studies ---------------------------------------------------------------------------


CASE_STUDY_FIELDS = (  # and, after `published`, a field per vocabulary facet of data/schema.yml (facet_field)
    *TEXT_FIELDS,
    Field("published", date, required=False),  # the day it was published on this site
    Field("lessons", list_of(slug, allow_empty=True)),
    Field("aliases", list_of(address, allow_empty=True), required=False, default=()),
    *FLAG_FIELDS,
    PAGE_NAME_FIELD,
)


# How each type of field a site declares (rhannu.site_schema.FIELD_TYPES) is read and checked.
OWN_FIELD_PARSERS: dict[str, Callable[[OwnField], Parser]] = {
    "text": lambda _: text,
    "date": lambda _: date,
    "partial_date": lambda _: partial_date,
    "int": lambda _: positive_int,
    "boolean": lambda _: boolean,
    "web_address": lambda _: web_address,
    "term": lambda declared: key_of(declared.vocabulary or ""),
    "terms": lambda declared: list_of(key_of(declared.vocabulary or ""), allow_empty=not declared.required),
}


def own_field(declared: OwnField) -> Field:
    """A field the site's schema adds to a content type: a fact both languages share."""
    return Field(declared.name, OWN_FIELD_PARSERS[declared.type](declared), required=declared.required)


def facet_field(facet: Facet) -> Field:
    """The front-matter field of a vocabulary facet: one key of its vocabulary, or a list of them."""
    vocabulary = key_of(facet.vocabulary or "")
    return Field(facet.field or "", vocabulary if not facet.many else list_of(vocabulary, allow_empty=facet.values == "any"))


def _page_item(key: str, faceted: bool) -> Callable[[Pair, SiteSchema], CaseStudy]:
    return lambda pair, schema: _case_study(pair, schema, key, faceted)


def _case_study(pair: Pair, schema: SiteSchema, key: str = "case_studies", faceted: bool = True) -> CaseStudy:
    facts = pair.facts
    facets = schema.vocabulary_facets if faceted else ()
    terms = {facet.key: _as_tuple(facts[facet.field or ""]) for facet in facets}
    return CaseStudy(
        type_key=key,
        slug=pair.slug,
        published=_published(facts),
        terms=MappingProxyType(terms),
        lessons=facts.get("lessons", ()),
        aliases=facts["aliases"],
        draft=facts["draft"],
        texts=pair.texts,
        when=facts.get("when"),
        source=facts.get("source"),
        updated=facts.get("updated"),
    )


def _as_tuple(value: str | tuple[str, ...]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def _page_items_check(
    address: str, lessons_from: str | None, faceted: bool, plural: str
) -> Callable[[list[Pair], Mapping[str, list[Pair]], SiteSchema], list[ContentError]]:
    """The checks of an items-with-pages type: the lessons it names exist (where it names some),
    each address is one item's, and each page name is one page's and none of its section's folders."""

    def check(pairs: list[Pair], all_pairs: Mapping[str, list[Pair]], schema: SiteSchema) -> list[ContentError]:
        errors = []
        if lessons_from is not None:
            lessons = next((kind for kind in current_types() if kind.key == lessons_from), LESSONS)
            known_lessons = {pair.slug for pair in all_pairs.get(lessons.key, [])}
            errors += _check_lesson_references(pairs, known_lessons, lessons.folder)
        return (
            errors
            + _check_addresses(pairs, address)
            + _check_page_names(pairs)
            + _check_reserved_names(pairs, schema, faceted, plural)
        )

    return check


def _check_reserved_names(
    pairs: list[Pair], schema: SiteSchema, faceted: bool = True, plural: str = "case studies"
) -> list[ContentError]:
    """A Welsh page named like a facet's folder (data/schema.yml), or the listing's further
    pages ('page'), would put its page above theirs: they share the type's folder."""
    errors = []
    for pair in pairs:
        for lang, own_text in pair.texts.items():
            facets = schema.facets if faceted else ()
            reserved = {*(facet.folders[lang] for facet in facets if lang in facet.folders), "page"}
            if own_text.slug in reserved:
                folders = ", ".join(sorted(reserved))
                message = f"'{own_text.slug}' is one of the {plural}' own folders ({folders}): give the page another name"
                errors.append(ContentError(own_text.path, message, "slug"))
    return errors


def _check_page_names(pairs: list[Pair]) -> list[ContentError]:
    """A page name is the address of one page in its language: no two Welsh pages of a type share
    one, whether given as `slug` or taken from the file's name."""
    owners: dict[str, str] = {}
    errors = []
    named_last = sorted(pairs, key=lambda pair: any(own.slug for own in pair.texts.values()))
    for pair in named_last:
        for lang, own_text in pair.texts.items():
            name = own_text.slug or pair.slug
            owner = owners.setdefault(f"{lang}:{name}", own_text.path)
            if owner != own_text.path:
                errors.append(ContentError(own_text.path, f"duplicate page name '{name}': already used by {owner}", "slug"))
    return errors


def _check_lesson_references(pairs: list[Pair], known: set[str], folder: str = "lessons") -> list[ContentError]:
    errors = []
    for pair in pairs:
        for lesson in pair.facts.get("lessons", ()):
            if lesson not in known:
                errors.append(
                    ContentError(
                        pair.path,
                        f"expected ids of lessons in {folder}/ ({', '.join(sorted(known))}); got '{lesson}'",
                        "lessons",
                    )
                )
    return errors


def _check_addresses(pairs: list[Pair], address: str) -> list[ContentError]:
    """Each address (an item's own, or an alias) belongs to one item of its type only."""
    owners = {f"{address}/{pair.slug}/": pair.path for pair in pairs}
    errors = []
    for pair in pairs:
        for alias in pair.facts.get("aliases", ()):
            owner = owners.get(alias)
            if owner is not None:
                errors.append(ContentError(pair.path, f"duplicate address '{alias}': already used by {owner}", "aliases"))
            else:
                owners[alias] = pair.path
    return errors


# --- Lessons learnt -------------------------------------------------------------------------


LESSON_FIELDS = (
    *TEXT_FIELDS,
    Field("group", key_of("lesson_groups")),
    Field("order", positive_int),
    Field("published", date, required=False),  # the day it was published on this site
    *FLAG_FIELDS,
    PAGE_NAME_FIELD,
)


def _lesson(pair: Pair, _: SiteSchema) -> Lesson:
    facts = pair.facts
    return Lesson(
        pair.slug,
        facts["group"],
        facts["order"],
        _published(facts),
        facts["draft"],
        pair.texts,
        facts.get("when"),
        facts.get("source"),
        facts.get("updated"),
    )


# --- Newsletter items: news, events and editorials ------------------------------------------


NEWS_FIELDS = (
    *TEXT_FIELDS,
    Field("kind", news_kind),
    Field("published", date, required=False),  # the day it was published on this site
    Field("event_date", event_date, required=False),
    Field("event_end", event_date, required=False),
    Field("place", text, required=False, shared=False),
    Field("online_link", web_address, required=False),
    *FLAG_FIELDS,
)


def _news_item(pair: Pair, _: SiteSchema) -> NewsItem:
    facts = pair.facts
    event, end = facts.get("event_date"), facts.get("event_end")
    return NewsItem(
        slug=pair.slug,
        kind=facts["kind"],
        published=_published(facts),
        event_start=event.start if event else None,
        event_has_time=bool(event and event.has_time),
        online_link=facts.get("online_link"),
        draft=facts["draft"],
        texts=pair.texts,
        when=facts.get("when"),
        source=facts.get("source"),
        event_end=end.start if event and end else None,
        updated=facts.get("updated"),
    )


def _check_events(pairs: list[Pair], *_: object) -> list[ContentError]:
    """An event has an event_date, not before the day it is published; other items have none of
    the event fields."""
    errors = []
    for pair in pairs:
        is_event = pair.facts.get("kind") == "event"
        event, published = pair.facts.get("event_date"), pair.facts.get("published")
        if is_event and event is not None and published and _local_day(event.start) < published:
            message = (
                f"the event happens on {_local_day(event.start)}, before it is published ({published}): "
                "an announcement must come before the event"
            )
            errors.append(ContentError(pair.path, message, "event_date"))
        if is_event and pair.facts.get("event_date") is None:
            errors.append(
                ContentError(
                    pair.path, "missing; an event needs the day it happens, as YYYY-MM-DD or YYYY-MM-DD HH:MM", "event_date"
                )
            )
        if is_event and event is not None:
            errors += _end_problems(pair, event, pair.facts.get("event_end"))
            errors += _where_problems(pair)
        for name in ("event_date", "event_end", "online_link"):
            if not is_event and pair.facts.get(name) is not None:
                errors.append(
                    ContentError(pair.path, f"only events have this field; this item's kind is '{pair.facts.get('kind')}'", name)
                )
        for text_ in pair.texts.values():
            if not is_event and text_.place is not None:
                errors.append(
                    ContentError(
                        text_.path, f"only events have this field; this item's kind is '{pair.facts.get('kind')}'", "place"
                    )
                )
    return errors


def _end_problems(pair: Pair, start: Any, end: Any) -> list[ContentError]:
    """An event's end is given as precisely as its start (a day for a day, a time for a time) and
    is not before it."""
    if end is None:
        return []
    if end.has_time != start.has_time:
        wanted = "a day and a time, YYYY-MM-DD HH:MM" if start.has_time else "a day, YYYY-MM-DD"
        given = "a time" if start.has_time else "a day alone"
        message = f"expected {wanted}, as precise as event_date, which gives {given}; got {_event_moment(end)}"
        return [ContentError(pair.path, message, "event_end")]
    if end.start < start.start:
        message = (
            f"the event ends ({_event_moment(end)}) before it starts ({_event_moment(start)}): give an end on or after event_date"
        )
        return [ContentError(pair.path, message, "event_end")]
    return []


def _event_moment(value: Any) -> str:
    moment = value.start.astimezone(LONDON)
    return f"{moment:%Y-%m-%d %H:%M}" if value.has_time else moment.date().isoformat()


def _where_problems(pair: Pair) -> list[ContentError]:
    """An event says where it happens: a place or an online link (EDITING.md asks for either)."""
    if pair.facts.get("online_link") is not None or any(text_.place for text_ in pair.texts.values()):
        return []
    message = (
        "missing, and so is 'online_link': an event needs a place (in each language) or an online_link "
        "(a web address starting https://), or both"
    )
    return [ContentError(pair.path, message, "place")]


def _news_slot(item: NewsItem) -> IssueSlot | None:
    if item.published is None:
        return None
    published = _local_day(item.published)
    if item.kind == "event":
        assert item.event_start is not None  # an event without a date is refused when loading
        return IssueSlot(published, "events", happens=_local_day(item.event_start))
    return IssueSlot(published, "editorial" if item.kind == "editorial" else "news")


# --- Types from their declarations in data/schema.yml -------------------------------------------


def _linked_section(declared: TypeDeclaration, order: Callable[[Any], Any] | None = None) -> tuple[IssueSection, ...]:
    return (IssueSection(f"new_{declared.key}", declared.newsletter, order=order),) if declared.newsletter else ()


def _common(declared: TypeDeclaration) -> dict[str, Any]:
    return {
        "key": declared.key,
        "folder": declared.folder,
        "editor_names": declared.names,
        "in_feed": declared.feed,
        "behaviour": declared.behaviour,
        "address": declared.addresses.get(DEFAULT.code),
        "local_addresses": MappingProxyType({lang: name for lang, name in declared.addresses.items() if lang != DEFAULT.code}),
    }


def _items_with_pages(declared: TypeDeclaration) -> ContentType:
    fields = tuple(known for known in CASE_STUDY_FIELDS if declared.lessons or known.name != "lessons")
    address = declared.addresses[DEFAULT.code]
    lessons_from = "lessons" if declared.lessons else None
    return ContentType(
        **_common(declared),
        fields=fields,
        record=_page_item(declared.key, bool(declared.facets)),
        order=lambda item, _: newest_first(item),
        sections=_linked_section(declared, order=lambda item: (item.published, item.slug)),
        issue_slot=_published_slot(f"new_{declared.key}") if declared.newsletter else None,
        check=_page_items_check(address, lessons_from, bool(declared.facets), declared.names[1]),
        facet_fields_after="published",
        faceted=bool(declared.facets),
    )


def _grouped_lessons(declared: TypeDeclaration) -> ContentType:
    return ContentType(
        **_common(declared),
        fields=LESSON_FIELDS,
        record=_lesson,
        order=lambda lesson, taxonomy: (list(taxonomy.terms("lesson_groups")).index(lesson.group), lesson.order, lesson.slug),
        sections=_linked_section(declared),
        issue_slot=_published_slot(f"new_{declared.key}") if declared.newsletter else None,
        check=lambda pairs, *_: _check_page_names(pairs),
    )


def _newsletter_items(declared: TypeDeclaration) -> ContentType:
    return ContentType(
        **{**_common(declared), "address": None},  # shown in the newsletter's issues, not on pages of their own
        fields=NEWS_FIELDS,
        record=_news_item,
        order=lambda item, _: (item.published is None, item.published or dt.datetime.min.replace(tzinfo=LONDON), item.slug),
        sections=(
            IssueSection("editorial", "editorial", single=True),
            IssueSection("news", "full"),
            IssueSection("events", "full", order=lambda item: (item.event_start, item.slug)),
        ),
        issue_slot=_news_slot,
        check=_check_events,
    )


# The engine's behaviours: each makes a content type of a declaration (rhannu.site_schema.BEHAVIOURS).
BEHAVIOURS: dict[str, Callable[[TypeDeclaration], ContentType]] = {
    "items-with-pages": _items_with_pages,
    "grouped-lessons": _grouped_lessons,
    "newsletter-items": _newsletter_items,
}


def build_types(declarations: tuple[TypeDeclaration, ...]) -> tuple[ContentType, ...]:
    """The content types a schema declares, in its order: loaded, validated and reported so. The
    same declaration gives the same type each time (the preview loads again and again, and
    content loaded twice compares equal), and today's three declared as Rhannu has them give its
    own CASE_STUDIES, LESSONS and NEWS_ITEMS."""
    return tuple(_built(declared) for declared in declarations)


_BUILT: dict[tuple[Any, ...], ContentType] = {}


def _built(declared: TypeDeclaration) -> ContentType:
    # what a type is made of: its facets only say whether the schema's facets group it
    made_of = (
        declared.key,
        declared.behaviour,
        declared.folder,
        tuple(sorted(declared.addresses.items())),
        declared.names,
        bool(declared.facets),
        declared.lessons,
        declared.feed,
        declared.newsletter,
    )
    if made_of not in _BUILT:
        _BUILT[made_of] = BEHAVIOURS[declared.behaviour](declared)
    return _BUILT[made_of]


NEWS_ITEMS, CASE_STUDIES, LESSONS = build_types(DEFAULT_TYPES)  # today's three: a schema that declares no types

NEWSLETTERS = "newsletters"  # the address of the newsletter's archive and of every issue under it
# Its name in other languages' addresses, where the site's newsletter items declare none (`archive:`).
NEWSLETTER_ARCHIVE_NAMES: Mapping[str, str] = MappingProxyType({"cy": "cylchlythyrau"})


@dataclass(frozen=True)
class SiteTypes:
    """One site's content types and the tables made of them once, for a build."""

    types: tuple[ContentType, ...]
    by_key: Mapping[str, ContentType]
    by_folder: Mapping[str, ContentType]
    with_pages: tuple[ContentType, ...]
    # Each section's address in the languages where it has its own: {"case-studies": {"cy": "astudiaethau-achos"}}.
    local_addresses: Mapping[str, Mapping[str, str]]
    sections: Mapping[str, Mapping[str, str]]  # the same by language: {"cy": {"case-studies": "astudiaethau-achos"}}

    @classmethod
    def of(cls, types: tuple[ContentType, ...]) -> SiteTypes:
        with_pages = tuple(kind for kind in types if kind.address is not None)
        local = {
            **{kind.address: kind.local_addresses for kind in with_pages if kind.address},
            NEWSLETTERS: next(
                (kind.local_addresses for kind in types if kind.behaviour == "newsletter-items" and kind.local_addresses),
                NEWSLETTER_ARCHIVE_NAMES,
            ),
        }
        sections: dict[str, dict[str, str]] = {}
        for section, names in local.items():
            for lang, name in names.items():
                sections.setdefault(lang, {})[section] = name
        return cls(
            types,
            MappingProxyType({kind.key: kind for kind in types}),
            MappingProxyType({kind.folder: kind for kind in types}),
            with_pages,
            MappingProxyType(local),
            MappingProxyType({lang: MappingProxyType(names) for lang, names in sections.items()}),
        )


# The site's types, per build, like its words (rhannu.labels): rhannu.site.prepare and the plugin
# set them from the loaded schema, and each thread or task has its own context. The module's
# TYPES, BY_KEY, BY_FOLDER, WITH_PAGES and LOCAL_ADDRESSES read them at each use, so that the
# modules that loop over "every type" need no schema threaded through; code that has the content
# passes `Content.types` instead.
_DEFAULT_SITE_TYPES = SiteTypes.of((NEWS_ITEMS, CASE_STUDIES, LESSONS))  # frozen, with read-only tables
_CURRENT: ContextVar[SiteTypes] = ContextVar("rhannu_site_types", default=_DEFAULT_SITE_TYPES)


def use_types(types: tuple[ContentType, ...]) -> Token[SiteTypes]:
    """Make `types` the site's types for this context; the token puts back the ones before."""
    return _CURRENT.set(SiteTypes.of(types))


def restore_types(token: Token[SiteTypes]) -> None:
    _CURRENT.reset(token)


def current() -> SiteTypes:
    return _CURRENT.get()


def current_types() -> tuple[ContentType, ...]:
    return _CURRENT.get().types


TYPES: Sequence[ContentType] = CurrentSequence(lambda: _CURRENT.get().types)
WITH_PAGES: Sequence[ContentType] = CurrentSequence(lambda: _CURRENT.get().with_pages)
BY_KEY: Mapping[str, ContentType] = CurrentMapping(lambda: _CURRENT.get().by_key)
BY_FOLDER: Mapping[str, ContentType] = CurrentMapping(lambda: _CURRENT.get().by_folder)
LOCAL_ADDRESSES: Mapping[str, Mapping[str, str]] = CurrentMapping(lambda: _CURRENT.get().local_addresses)


def type_of(item: Item) -> ContentType:
    if isinstance(item, CaseStudy):
        return _CURRENT.get().by_key[item.type_key]
    behaviour = "grouped-lessons" if isinstance(item, Lesson) else "newsletter-items"
    return next(kind for kind in _CURRENT.get().types if kind.behaviour == behaviour)


def of_behaviour(types: Iterable[ContentType], behaviour: str) -> ContentType | None:
    return next((kind for kind in types if kind.behaviour == behaviour), None)


def faceted_type() -> ContentType:
    """The site's type whose items the schema's facets group (the case studies): its listing has
    the filters and cards.json, its section the facets' pages."""
    with_pages = [kind for kind in _CURRENT.get().types if kind.behaviour == "items-with-pages"]
    return next((kind for kind in with_pages if kind.faceted), with_pages[0] if with_pages else CASE_STUDIES)


def behaviour_type(behaviour: str, default: ContentType) -> ContentType:
    """The site's type of a behaviour that one type at most has (lessons, newsletter items)."""
    return of_behaviour(_CURRENT.get().types, behaviour) or default


def page_path(item: Item, lang: str = DEFAULT.code) -> str:
    """'case-studies/x' for a case study, 'lessons/y' for a lesson (see ContentType.path)."""
    return type_of(item).path(item, lang)


def site_types(root: Path) -> tuple[ContentType, ...]:
    """The types `root`'s data/schema.yml declares, for commands that read sources without loading
    the content (translations, the site folder's guard); the current ones where the schema cannot
    be read (`rhannu check` reports why)."""
    try:
        return build_types(load_schema(root).types)
    except (ContentErrors, OSError):
        return current_types()
