"""The catalogue: every case study, lesson, newsletter issue, event and news item on the site
(each with its full text, the links between case studies and lessons, and the day its text last
changed where an editor recorded it), as JSON that
other networks' tools can build on, at a stable address per language with its JSON Schema beside
it (`api/v1/catalogue.json` and `cy/api/v1/catalogue.json`).

One file per language: each entry's title, summary and labels are in the file's language, and its
addresses are given in both. The address carries the major version: a change that only adds
(a field, a type of entry) keeps v1; one that renames, removes or changes what a field means is
published as v2 beside v1. Plain functions: a site in, a dict out; the bytes are reproducible
(sorted keys, no build time).
"""

from __future__ import annotations

import json
from typing import Any

from rhannu.content import Content
from rhannu.content_types import WITH_PAGES, CaseStudy, Item, Lesson, NewsItem, page_path, type_of
from rhannu.full_text import body_html
from rhannu.issue_text import issue_summary, issue_title
from rhannu.languages import CODES, DEFAULT, language, root
from rhannu.newsletter import Issue
from rhannu.routes import API_VERSION, catalogue_path, issue_path, schema_path
from rhannu.site_info import Licence, SiteInfo
from rhannu.site_schema import OwnField, SiteSchema
from rhannu.urls import absolute, url
from rhannu.views import term_label, text_in

VERSION = API_VERSION


# Each type's name in entries' ids and `type`: an id is the type and the item's file name (an
# issue's day), the same in both languages and for as long as the item keeps its file.
def type_names() -> dict[str, str]:
    """Each of the site's types with pages, by key: "case-study", "lesson", "resource" (rhannu.content_types)."""
    return {kind.key: kind.singular for kind in WITH_PAGES}


ISSUE, EVENT, NEWS = "issue", "event", "news"
EVENTS_ANCHOR = "issue-events"  # an issue page's events section
NEWS_ANCHOR = "issue-news"  # an issue page's news section


def headers_file() -> str:
    """For hosts that read a `_headers` file (Netlify, Cloudflare Pages): the header that lets a
    script on another website read the catalogue and its schema with fetch()."""
    english_first = sorted(CODES, key=lambda code: code != DEFAULT.code)
    rules = "".join(f"/{root(code)}api/*\n  Access-Control-Allow-Origin: *\n" for code in english_first)  # every version
    return "# Other websites' scripts may read the catalogue (Netlify and Cloudflare Pages read this file).\n" + rules


def catalogue(info: SiteInfo, content: Content, issues: tuple[Issue, ...], lang: str) -> dict[str, Any]:
    """The catalogue in `lang`: the site, its licence (None until the owner sets one) and an entry
    for every case study, lesson, issue and event the site publishes."""
    licence = licence_json(info.licence, lang)
    entries = [
        *(item_entry(info, content, study, lang, licence) for study in content.case_studies),
        *(item_entry(info, content, lesson, lang, licence) for lesson in content.lessons),
        *(  # then each further type with pages (resources), in the schema's order
            item_entry(info, content, item, lang, licence)
            for kind in WITH_PAGES
            if kind.behaviour == "items-with-pages" and not kind.faceted
            for item in content.of(kind)
        ),
        *(issue_entry(info, issue, lang, licence) | _facet_terms(content, None, lang) for issue in reversed(issues)),
        *(event_entry(info, content, issue, event, lang, licence) for issue, event in issue_events(issues)),
        *(news_entry(info, content, issue, item, lang, licence) for issue, item in issue_news(issues)),
    ]
    return {
        "version": VERSION,
        "schema": absolute(info.url, schema_path(lang)),
        "language": language(lang).tag,
        "site": {"name": info.name(lang), "url": absolute(info.url, url("index", lang)), "contact": info.contact_email},
        "licence": licence,
        "entries": entries,
    }


def licence_json(licence: Licence | None, lang: str) -> dict[str, str] | None:
    return {"name": licence.name(lang), "url": licence.url(lang)} if licence else None


def _term(content: Content, facet: str, value: str, lang: str) -> dict[str, str]:
    return {"id": value, "label": term_label(content, facet, value, lang)}


def _facet_terms(content: Content, study: CaseStudy | None, lang: str) -> dict[str, Any]:
    """An entry's values of each vocabulary facet, under its front-matter field's name ("psb",
    "themes"): a term, or a list of them; null or [] for an entry that is no case study."""
    fields: dict[str, Any] = {}
    for facet in content.taxonomy.schema.vocabulary_facets:
        terms = [_term(content, facet.key, value, lang) for value in (study.terms.get(facet.key, ()) if study else ())]
        fields[facet.field or ""] = terms if facet.many else next(iter(terms), None)
    return fields


def _own_facts(content: Content, item: Item, lang: str) -> dict[str, Any]:
    """The fields data/schema.yml adds to the item's type, under their names, where the item gives
    them (an addition to v1: no entry of a type without them changes)."""
    fields = content.taxonomy.schema.fields_of(type_of(item).key)
    return {
        own.name: _own_value(content, own, item.facts[own.name], lang) for own in fields if item.facts.get(own.name) is not None
    }


def _own_value(content: Content, own: OwnField, value: Any, lang: str) -> Any:
    if own.type in ("term", "terms"):
        terms = content.taxonomy.terms(own.vocabulary or "")
        labelled = [{"id": key, "label": terms[key].label(lang)} for key in ((value,) if own.type == "term" else value)]
        return labelled[0] if own.type == "term" else labelled
    if own.type == "partial_date":
        return value.iso()
    if own.type == "date":
        return value.isoformat()
    return value


def _source(content: Content, key: str | None, lang: str) -> dict[str, Any] | None:
    if key is None:
        return None
    source = content.taxonomy.sources[key]
    return {
        "id": key,
        "title": source.titles[lang],
        "publisher": source.publishers[lang],
        "period": {"start": source.period[0].iso_start(), "end": source.period[1].iso_end()},
        "published": source.date.isoformat() if source.date else None,
        "url": source.url,
    }


def _text_language(item: Item, lang: str) -> str:
    """The language an entry's title and summary are in: the catalogue's, unless the item has no
    text in it yet (then English, as its page shows)."""
    return language(lang if lang in item.texts else DEFAULT.code).tag


def _id(item: CaseStudy | Lesson) -> str:
    return f"{type_of(item).singular}/{item.slug}"


def _relations(content: Content, item: CaseStudy | Lesson) -> dict[str, list[str]]:
    """The lessons a case study evidences (in its own order), and the case studies that evidence a
    lesson (in the site's order), as entry ids: the links the items' own front matter makes."""
    if isinstance(item, CaseStudy):
        published = {lesson.slug: lesson for lesson in content.lessons}  # a draft lesson is in no catalogue
        return {"lessons": [_id(published[slug]) for slug in item.lessons if slug in published], "case_studies": []}
    return {"lessons": [], "case_studies": [_id(study) for study in content.case_studies if item.slug in study.lessons]}


def _modified(item: Item) -> str | None:
    """The day the item's text last changed, only where its editor has recorded it (`updated`)."""
    return item.updated.isoformat() if item.updated else None


def item_entry(info: SiteInfo, content: Content, item: CaseStudy | Lesson, lang: str, licence: Any) -> dict[str, Any]:
    kind = type_of(item)
    name = kind.singular
    text = text_in(item, lang)
    study = item if isinstance(item, CaseStudy) and kind.faceted else None
    return {
        "id": f"{name}/{item.slug}",
        "type": name,
        "title": text.title,
        "summary": text.summary,
        "text_language": _text_language(item, lang),
        "url": {code: absolute(info.url, url(page_path(item, code), code)) for code in CODES if code in item.texts},
        "published": item.published.date().isoformat() if item.published else None,
        "when": item.when.iso() if item.when else None,
        "source": _source(content, item.source, lang),
        **_facet_terms(content, study, lang),
        **_own_facts(content, item, lang),
        "licence": licence,
        "body_html": body_html(content, item, lang, info.url),
        "modified": _modified(item),
        **_relations(content, item),
    }


def _issue_urls(info: SiteInfo, issue: Issue, anchor: str = "") -> dict[str, str]:
    return {code: absolute(info.url, url(issue_path(issue), code)) + anchor for code in CODES}


def issue_entry(info: SiteInfo, issue: Issue, lang: str, licence: Any) -> dict[str, Any]:
    return {
        "id": f"{ISSUE}/{issue.slug}",
        "type": ISSUE,
        "title": issue_title(issue, lang),
        "summary": issue_summary(issue, lang),
        "text_language": language(lang).tag,
        "url": _issue_urls(info, issue),
        "published": issue.published.isoformat(),
        "when": None,
        "source": None,
        "licence": licence,
        "body_html": None,
        "modified": None,
        "lessons": [],
        "case_studies": [],
    }


def issue_news(issues: tuple[Issue, ...]) -> list[tuple[Issue, NewsItem]]:
    """Each news item the newsletter has published, with the issue that holds it (its only place
    on the site)."""
    return [(issue, item) for issue in reversed(issues) for item in issue.items("news") if isinstance(item, NewsItem)]


def news_entry(info: SiteInfo, content: Content, issue: Issue, item: NewsItem, lang: str, licence: Any) -> dict[str, Any]:
    text = text_in(item, lang)
    where = _issue_urls(info, issue, f"#{NEWS_ANCHOR}")
    return {
        "id": f"{NEWS}/{item.slug}",
        "type": NEWS,
        "title": text.title,
        "summary": text.summary,
        "text_language": _text_language(item, lang),
        "url": where,
        "published": item.published.date().isoformat() if item.published else None,
        "when": item.when.iso() if item.when else None,
        "source": _source(content, item.source, lang),
        **_facet_terms(content, None, lang),
        **_own_facts(content, item, lang),
        "licence": licence,
        "body_html": body_html(content, item, lang, info.url, where[lang]),
        "modified": _modified(item),
        "lessons": [],
        "case_studies": [],
        "issue": f"{ISSUE}/{issue.slug}",
    }


def issue_events(issues: tuple[Issue, ...]) -> list[tuple[Issue, NewsItem]]:
    """Each event the newsletter has announced, with the issue that holds it: an event is on the
    site only in its issue, so one in no issue yet is in no catalogue either."""
    return [(issue, item) for issue in reversed(issues) for item in issue.items("events")]


def event_entry(info: SiteInfo, content: Content, issue: Issue, event: NewsItem, lang: str, licence: Any) -> dict[str, Any]:
    text = text_in(event, lang)
    where = _issue_urls(info, issue, f"#{EVENTS_ANCHOR}")
    assert event.event_start is not None  # an event without a date is refused when loading
    start = event.event_start
    return {
        "id": f"{EVENT}/{event.slug}",
        "type": EVENT,
        "title": text.title,
        "summary": text.summary,
        "text_language": _text_language(event, lang),
        "url": where,
        "published": event.published.date().isoformat() if event.published else None,
        "when": event.when.iso() if event.when else None,
        "source": None,
        **_facet_terms(content, None, lang),
        **_own_facts(content, event, lang),
        "licence": licence,
        "body_html": body_html(content, event, lang, info.url, where[lang]),
        "modified": _modified(event),
        "lessons": [],
        "case_studies": [],
        "event": {
            "start": start.isoformat() if event.event_has_time else start.date().isoformat(),
            "all_day": not event.event_has_time,
            "place": text.place,
            "online_link": event.online_link,
            "issue": f"{ISSUE}/{issue.slug}",
        },
    }


def catalogue_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n"


# --- The schema -------------------------------------------------------------------------------

_NULLABLE_STRING = {"type": ["string", "null"]}
_DAY = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
_PARTIAL_DATE = {  # a day, a month, a year, or a season as an interval of months
    "type": "string",
    "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$|^\d{4}-\d{2}/\d{4}-\d{2}$",
}
_ADDRESS = {"type": "string", "format": "uri", "pattern": "^https?://"}
_TERM = {
    "type": "object",
    "required": ["id", "label"],
    "properties": {"id": {"type": "string", "minLength": 1}, "label": {"type": "string", "minLength": 1}},
}
_LICENCE = {
    "type": ["object", "null"],
    "required": ["name", "url"],
    "properties": {"name": {"type": "string", "minLength": 1}, "url": _ADDRESS},
}


# Each type of field a site adds, in the catalogue's JSON Schema.
_OWN_FIELD_SCHEMAS: dict[str, dict[str, Any]] = {
    "text": {"type": "string"},
    "date": _DAY,
    "partial_date": _PARTIAL_DATE,
    "int": {"type": "integer", "minimum": 1},
    "boolean": {"type": "boolean"},
    "web_address": _ADDRESS,
    "term": _TERM,
    "terms": {"type": "array", "items": _TERM},
}


def _own_properties(site_schema: SiteSchema) -> dict[str, Any]:
    """The fields data/schema.yml adds to content types: optional, as they are no v1 entry's."""
    return {own.name: _OWN_FIELD_SCHEMAS[own.type] for fields in site_schema.own_fields.values() for own in fields}


def _facet_properties(site_schema: SiteSchema) -> dict[str, Any]:
    """Each vocabulary facet's field in an entry (data/schema.yml): a term or null where a case
    study has one value, else a list of terms."""
    return {
        facet.field or "": {"type": "array", "items": _TERM} if facet.many else {"anyOf": [_TERM, {"type": "null"}]}
        for facet in site_schema.vocabulary_facets
    }


def schema(info: SiteInfo, lang: str, site_schema: SiteSchema) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the catalogue in `lang`, published beside it: its entries'
    facet fields as data/schema.yml declares them."""
    names = [*type_names().values(), ISSUE, EVENT, NEWS]  # the site's types with pages, then the newsletter's entries
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": absolute(info.url, schema_path(lang)),
        "title": f"Rhannu catalogue, version {VERSION}",
        "description": (
            "Every case study, lesson, newsletter issue, event and news item on the site, in one language. Additive "
            "changes keep this version; a breaking change is published as a new version beside it."
        ),
        "type": "object",
        "required": ["version", "schema", "language", "site", "licence", "entries"],
        "properties": {
            "version": {"const": VERSION},
            "schema": _ADDRESS,
            "language": {"enum": [language(code).tag for code in CODES]},
            "site": {
                "type": "object",
                "required": ["name", "url", "contact"],
                "properties": {"name": {"type": "string"}, "url": _ADDRESS, "contact": _NULLABLE_STRING},
            },
            "licence": _LICENCE,
            "entries": {"type": "array", "items": {"$ref": "#/$defs/entry"}},
        },
        "$defs": {
            "entry": {
                "type": "object",
                "required": [
                    "id",
                    "type",
                    "title",
                    "summary",
                    "text_language",
                    "url",
                    "published",
                    "when",
                    "source",
                    *(facet.field for facet in site_schema.vocabulary_facets),
                    "licence",
                    "body_html",
                    "modified",
                    "lessons",
                    "case_studies",
                ],
                "properties": {
                    "id": {"type": "string", "pattern": f"^({'|'.join(names)})/[a-z0-9-]+$"},
                    "type": {"enum": names},
                    "title": {"type": "string", "minLength": 1},
                    "summary": {"type": "string"},
                    "text_language": {"enum": [language(code).tag for code in CODES]},
                    "url": {
                        "type": "object",
                        "minProperties": 1,
                        "propertyNames": {"enum": list(CODES)},
                        "additionalProperties": _ADDRESS,
                    },
                    "published": {"anyOf": [_DAY, {"type": "null"}]},
                    "when": {"anyOf": [_PARTIAL_DATE, {"type": "null"}]},
                    "source": {"anyOf": [{"$ref": "#/$defs/source"}, {"type": "null"}]},
                    **_facet_properties(site_schema),
                    **_own_properties(site_schema),
                    "licence": _LICENCE,
                    "body_html": {
                        "type": ["string", "null"],
                        "description": (
                            "the entry's full text as HTML, in text_language, with absolute links; "
                            "null for an issue (its pages and feed carry it)"
                        ),
                    },
                    "modified": {
                        "anyOf": [_DAY, {"type": "null"}],
                        "description": "the day the text last changed, where its editor recorded it; else null",
                    },
                    "lessons": {
                        "type": "array",
                        "description": "a case study's lessons learnt, by entry id",
                        "items": {"type": "string", "pattern": "^lesson/"},
                    },
                    "case_studies": {
                        "type": "array",
                        "description": "the case studies that evidence a lesson, by entry id",
                        "items": {"type": "string", "pattern": "^case-study/"},
                    },
                    "event": {"$ref": "#/$defs/event"},
                    "issue": {"type": "string", "pattern": "^issue/", "description": "the issue that published a news item"},
                },
                "allOf": [
                    {"if": {"properties": {"type": {"const": EVENT}}}, "then": {"required": ["event"]}},
                    {"if": {"properties": {"type": {"const": NEWS}}}, "then": {"required": ["issue"]}},
                ],
            },
            "source": {
                "type": "object",
                "required": ["id", "title", "publisher", "period", "published", "url"],
                "properties": {
                    "id": {"type": "string"},
                    "title": {"type": "string"},
                    "publisher": {"type": "string"},
                    "period": {
                        "type": "object",
                        "required": ["start", "end"],
                        "properties": {"start": _PARTIAL_DATE, "end": _PARTIAL_DATE},
                    },
                    "published": {"anyOf": [_DAY, {"type": "null"}]},
                    "url": {"anyOf": [_ADDRESS, {"type": "null"}]},
                },
            },
            "event": {
                "type": "object",
                "required": ["start", "all_day", "place", "online_link", "issue"],
                "properties": {
                    "start": {
                        "type": "string",
                        "description": "a day (YYYY-MM-DD) for an all-day event, else a date-time with its UTC offset",
                        "pattern": r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2})?$",
                    },
                    "all_day": {"type": "boolean"},
                    "place": _NULLABLE_STRING,
                    "online_link": {"anyOf": [_ADDRESS, {"type": "null"}]},
                    "issue": {"type": "string", "pattern": "^issue/"},
                },
            },
        },
    }


def files(info: SiteInfo, content: Content, issues: tuple[Issue, ...], lang: str) -> dict[str, str]:
    """The catalogue in `lang` and its schema, by site path."""
    document = schema(info, lang, content.taxonomy.schema)
    return {
        catalogue_path(lang): catalogue_json(catalogue(info, content, issues, lang)),
        schema_path(lang): json.dumps(document, ensure_ascii=False, sort_keys=True, indent=2) + "\n",
    }
