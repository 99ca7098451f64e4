"""The content editor's configuration (Decap CMS), generated from the site's schema.

Nothing here is written per site: a collection per content type of data/schema.yml, its fields
from the type's declared fields (`ContentType.fields_for`), vocabularies from data/taxonomy.yml,
and every label in both languages from rhannu/labels.py (Decap's interface has no Welsh, so each
label and hint gives both languages in one string).

Bilingual editing uses Decap's `multiple_files` i18n: a field both languages share is a fact of the
default language's file only (Decap's `i18n` left out), a text is each language's own
(`i18n: true`). Decap writes the default language as `x.en.md`; the editing server
(rhannu/edit_server.py) maps it to `x.md`. Each translation's column has two fields of the editor's
own: TRANSLATION_STATE_FIELD, which the server fills on read with that language's state, and
MARK_CURRENT_FIELD, which the server turns into a new `translated_from` in that language's file on
save; it writes neither into a file (`front_matter_to_write`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rhannu.assets import IMAGES
from rhannu.content_types import ContentType, build_types, of_behaviour
from rhannu.html_safety import ALLOWED_ELEMENTS, ALLOWED_SCHEMES
from rhannu.labels import label, site_words
from rhannu.languages import ALL, DEFAULT, using
from rhannu.names import MAX_SLUG
from rhannu.partial_dates import SEASONS
from rhannu.schema import NEWS_KINDS, Field
from rhannu.site_schema import Facet, OwnField, SiteSchema
from rhannu.taxonomy import Taxonomy, load_taxonomy

# Fields of the editor only: the server fills the first when it reads an entry, and reads the
# second when it saves one; it writes neither into a file.
TRANSLATION_STATE_FIELD = "translation_state"
MARK_CURRENT_FIELD = "mark_translation_current"
EDITOR_ONLY_FIELDS = (TRANSLATION_STATE_FIELD, MARK_CURRENT_FIELD)
# Front-matter fields the editor does not show: the server keeps them as the files have them.
SERVER_KEPT_FIELDS = ("translated_from",)
BODY_FIELD = "body"

# The images the editor may place beside an item: the site's images, but no SVG (issue 23), which
# the editing server checks again on upload.
MEDIA_SUFFIXES = tuple(suffix for suffix in IMAGES if suffix != ".svg")
GLOBAL_MEDIA_FOLDER = "docs/assets/images"  # Decap needs one; every collection keeps its images beside its items

_SLUG_PATTERN = rf"^(?=.{{1,{MAX_SLUG}}}$)[a-z0-9]+(-[a-z0-9]+)*$"
# folders of an old address (rhannu.schema.address), none of them '.' or '..'
_ADDRESS_PATTERN = r"^(?!(?:.*/)?\.\.?(?:/|$))/*[A-Za-z0-9._~-]{1,200}(?:/[A-Za-z0-9._~-]{1,200})*/*$"
_WEB_ADDRESS_PATTERN = r"^https?://\S+$"
_EVENT_DATE_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])( ([01]\d|2[0-3]):[0-5]\d)?$"


def _any_case(word: str) -> str:
    """A word in a pattern, in either case: Decap compiles a pattern without flags."""
    return "".join(f"[{char.upper()}{char}]" for char in word)


_SEASON_NAMES = "|".join(_any_case(name) for name in SEASONS)
_DAY = r"\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])"
_WHEN_PATTERN = rf"^\s*(\d{{4}}|\d{{4}}-(0[1-9]|1[0-2])|{_DAY}|({_SEASON_NAMES}) \d{{4}})\s*$"
_IMAGE_SUFFIXES = "|".join(_any_case(suffix.removeprefix(".")) for suffix in MEDIA_SUFFIXES)
# A body passes when it has no image without a description and no image of another kind: Markdown
# images, as the editor writes them, at `name.ext` or `<name with spaces.ext>` (the build checks
# <img> tags and the files themselves).
_BODY_PATTERN = (
    r"^(?![\s\S]*!\[\s*\]\()"
    rf"(?![\s\S]*!\[[^\]]*\]\(\s*(?:<[^>\n]*|[^)\s]*)\.(?!(?:{_IMAGE_SUFFIXES})[\s)>\"'])[A-Za-z0-9]+[\s)>\"'])"
)


def decap_config(root: Path, api_url: str) -> dict[str, Any]:
    """Decap's config.yml for the site at `root`, its local backend at `api_url`. Raises
    ContentErrors, listing every problem, for a site whose schema or vocabularies cannot be read."""
    taxonomy = load_taxonomy(root)
    schema = taxonomy.schema
    with using(schema.languages), site_words(schema.labels):  # the site's languages and words, not the last site's
        types = build_types(schema.types)
        collections = [_collection(kind, schema, taxonomy, types) for kind in types]
        return _config(api_url, collections)


def _config(api_url: str, collections: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "backend": {"name": "proxy", "proxy_url": api_url},
        "local_backend": {"url": api_url},
        "publish_mode": "simple",
        "media_folder": GLOBAL_MEDIA_FOLDER,
        "public_folder": "/" + GLOBAL_MEDIA_FOLDER.removeprefix("docs/"),
        "i18n": {"structure": "multiple_files", "locales": locales(), "default_locale": DEFAULT.code},
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": collections,
    }


def locales() -> list[str]:
    """The site's languages, the default first (Decap's first tab)."""
    return [DEFAULT.code, *(lang.code for lang in ALL if lang.code != DEFAULT.code)]


def both(key: str, **values: object) -> str:
    """A label in every language, Welsh first as wherever both stand together: 'Teitl / Title'."""
    return " / ".join(dict.fromkeys(label(lang.code, key, **values) for lang in ALL))


def _collection(kind: ContentType, schema: SiteSchema, taxonomy: Taxonomy, types: tuple[ContentType, ...]) -> dict[str, Any]:
    fields = [_field(known, kind, schema, taxonomy, types) for known in kind.fields_for(schema)]
    return {
        "name": kind.key,
        "label": both(kind.key),
        "label_singular": kind.editor_names[0],
        "folder": kind.folder,
        "extension": "md",
        "format": "frontmatter",
        "create": True,
        "slug": "{{slug}}",
        "identifier_field": "title",
        "summary": "{{title}}",
        "media_folder": "",  # beside the item: case_studies/photo.jpg, shown as ![...](photo.jpg)
        "public_folder": "",
        "i18n": True,
        "fields": [
            *(field for field in fields if field is not None),
            _body_field(),
            *_translation_fields(),
        ],
    }


def _field(
    known: Field, kind: ContentType, schema: SiteSchema, taxonomy: Taxonomy, types: tuple[ContentType, ...]
) -> dict[str, Any] | None:
    """Decap's field for one of a type's front-matter fields; None for a field the server keeps."""
    if known.name in SERVER_KEPT_FIELDS:
        return None
    own = next((own for own in schema.fields_of(kind.key) if own.name == known.name), None)
    facets = schema.vocabulary_facets if kind.faceted else ()
    facet = next((facet for facet in facets if facet.field == known.name), None)
    if own is not None:
        widget = _own_widget(own, taxonomy)
    elif facet is not None:
        widget = _facet_widget(facet, taxonomy)
    elif known.name in RHANNU_FIELDS:
        widget = RHANNU_FIELDS[known.name](Where(kind, taxonomy, types))
    else:
        raise ValueError(f"{kind.key}: no editor widget for the field '{known.name}': add one to RHANNU_FIELDS")
    empty_allowed = widget.pop("empty_allowed", False)  # a list the loader takes empty: required, but [] will do
    entry = {"name": known.name, **widget, "required": known.required and not empty_allowed}
    return entry | ({"i18n": True} if not known.shared else {})


@dataclass(frozen=True)
class Where:
    """What a field's widget may depend on: its type, the site's vocabularies and its other types."""

    kind: ContentType
    taxonomy: Taxonomy
    types: tuple[ContentType, ...]


# --- Widgets ----------------------------------------------------------------------------------


def _string(name: str, pattern: str | None = None, message: str = "", **more: Any) -> dict[str, Any]:
    widget: dict[str, Any] = {"label": both(f"editor_{name}"), "widget": "string", **more}
    if pattern is not None:
        widget["pattern"] = [pattern, message]
    return widget


def _date(name: str | None = None) -> dict[str, Any]:
    """A day as the loader reads it, YYYY-MM-DD, picked from a calendar without a time."""
    words = {"label": both(f"editor_{name}"), "hint": both(f"editor_hint_{name}")} if name else {}
    return {
        **words,
        "widget": "datetime",
        "format": "YYYY-MM-DD",
        "date_format": "YYYY-MM-DD",
        "time_format": False,
        "picker_utc": True,
    }


def _options(terms: dict[str, Any]) -> list[dict[str, str]]:
    return [
        {"label": " / ".join(dict.fromkeys(term.label(lang.code) for lang in ALL)), "value": key} for key, term in terms.items()
    ]


def _select(vocabulary: str, taxonomy: Taxonomy, many: bool, at_least_one: bool) -> dict[str, Any]:
    widget: dict[str, Any] = {"widget": "select", "options": _options(taxonomy.terms(vocabulary))}
    if many:
        widget |= {"multiple": True, **({"min": 1} if at_least_one else {"default": [], "empty_allowed": True})}
    return widget


def _facet_widget(facet: Facet, taxonomy: Taxonomy) -> dict[str, Any]:
    """A facet's keys: one (`one`), one or more (`some`), or any number (`any`)."""
    words = " / ".join(dict.fromkeys(facet.word(lang.code, "field") for lang in ALL))
    return {"label": words, **_select(facet.vocabulary or "", taxonomy, facet.many, facet.values == "some")}


def _own_widget(own: OwnField, taxonomy: Taxonomy) -> dict[str, Any]:
    """A field the site's schema adds: its name is its label (the schema gives no words for it)."""
    widget = OWN_WIDGETS[own.type](own, taxonomy)
    return {"label": own.name.replace("_", " ").capitalize(), **widget}


def _when_widget(*_: Any) -> dict[str, Any]:
    return _string("when", _WHEN_PATTERN, both("editor_pattern_when"), hint=both("editor_hint_when"))


def _partial_date(*_: Any) -> dict[str, Any]:
    return {"widget": "string", "pattern": [_WHEN_PATTERN, both("editor_pattern_when")], "hint": both("editor_hint_when")}


def _web_address(*_: Any) -> dict[str, Any]:
    return {
        "widget": "string",
        "pattern": [_WEB_ADDRESS_PATTERN, both("editor_pattern_web_address")],
        "hint": both("editor_hint_web_address"),
    }


def _number(*_: Any) -> dict[str, Any]:
    return {"widget": "number", "value_type": "int", "min": 1, "step": 1, "hint": both("editor_hint_number")}


def _sources(where: Where) -> dict[str, Any]:
    options = [
        {"label": " / ".join(dict.fromkeys(source.titles[lang.code] for lang in ALL)), "value": key}
        for key, source in where.taxonomy.sources.items()
    ]
    return {"label": both("editor_source"), "hint": both("editor_hint_source"), "widget": "select", "options": options}


def _lessons(where: Where) -> dict[str, Any]:
    """The lessons an item names, by their ids (their file names), chosen from the lessons there are."""
    lessons = of_behaviour(where.types, "grouped-lessons")
    relation: dict[str, Any] = {
        "label": both("editor_lessons"),
        "hint": both("editor_hint_lessons"),
        "default": [],
        "empty_allowed": True,
    }
    if lessons is None:
        return relation | {"widget": "list"}
    return relation | {
        "widget": "relation",
        "collection": lessons.key,
        "value_field": "{{slug}}",
        "search_fields": ["title"],
        "display_fields": ["title"],
        "multiple": True,
    }


def _aliases(where: Where) -> dict[str, Any]:
    example = {"example": f"{where.kind.address}/old-name/"}
    return {
        "label": both("editor_aliases"),
        "hint": both("editor_hint_aliases", **example),
        "widget": "list",
        "default": [],
        "field": {
            "name": "address",
            "label": both("editor_aliases"),
            "widget": "string",
            "pattern": [_ADDRESS_PATTERN, both("editor_pattern_aliases", **example)],
        },
    }


def _kind(*_: Any) -> dict[str, Any]:
    words = {"news": "news", "event": "editor_kind_event", "editorial": "editorial"}
    return {
        "label": both("editor_kind"),
        "widget": "select",
        "default": NEWS_KINDS[0],
        "options": [{"label": both(words[kind]), "value": kind} for kind in NEWS_KINDS],
    }


def _event_date(name: str) -> Callable[..., dict[str, Any]]:
    return lambda *_: _string(name, _EVENT_DATE_PATTERN, both("editor_pattern_event_date"), hint=both(f"editor_hint_{name}"))


# Rhannu's own fields (rhannu.content_types), by name: a new one fails the tests until it has a widget.
RHANNU_FIELDS: dict[str, Callable[[Where], dict[str, Any]]] = {
    "title": lambda *_: _string("title"),
    "summary": lambda *_: {"label": both("editor_summary"), "widget": "text", "hint": both("editor_hint_summary")},
    "published": lambda *_: _date("published"),
    "updated": lambda *_: _date("updated"),
    "lessons": _lessons,
    "aliases": _aliases,
    "when": _when_widget,
    "source": _sources,
    "draft": lambda *_: {"label": both("editor_draft"), "widget": "boolean", "default": False},
    "slug": lambda *_: _string("slug", _SLUG_PATTERN, both("editor_pattern_slug"), hint=both("editor_hint_slug")),
    "group": lambda where: {"label": both("lesson_group"), **_select("lesson_groups", where.taxonomy, False, True)},
    "order": lambda *_: {"label": both("editor_order"), **_number(), "hint": both("editor_hint_order")},
    "kind": _kind,
    "event_date": _event_date("event_date"),
    "event_end": _event_date("event_end"),
    "place": lambda *_: _string("place", hint=both("editor_hint_place")),
    "online_link": lambda *_: {"label": both("editor_online_link"), **_web_address()},
}

# The fields a site's schema may add (rhannu.site_schema.FIELD_TYPES), by type.
OWN_WIDGETS: dict[str, Callable[[OwnField, Taxonomy], dict[str, Any]]] = {
    "text": lambda *_: {"widget": "string"},
    "date": lambda *_: _date(),
    "partial_date": _partial_date,
    "int": _number,
    "boolean": lambda *_: {"widget": "boolean", "default": False},
    "web_address": _web_address,
    "term": lambda own, taxonomy: _select(own.vocabulary or "", taxonomy, False, own.required),
    "terms": lambda own, taxonomy: _select(own.vocabulary or "", taxonomy, True, own.required),
}


def _body_field() -> dict[str, Any]:
    """The text, as Markdown; the hint explains what HTML it may hold (rhannu.html_safety)."""
    images = ", ".join(suffix.removeprefix(".").upper() for suffix in MEDIA_SUFFIXES)
    allowlist = {"elements": ", ".join(sorted(ALLOWED_ELEMENTS)), "schemes": ", ".join(ALLOWED_SCHEMES), "images": images}
    return {
        "name": BODY_FIELD,
        "label": both("editor_body"),
        "widget": "markdown",
        "i18n": True,
        "required": True,
        "hint": both("editor_hint_body", **allowlist),
        "pattern": [_BODY_PATTERN, both("editor_pattern_body", images=images)],
    }


def _translation_fields() -> list[dict[str, Any]]:
    """A translation's state, which the server fills on read, and the box that marks it up to
    date: each language's own (Decap shows them in the default language's column too, where the
    server fills in nothing and reads nothing)."""
    state = {"label": both("editor_translation_state"), "widget": "string", "hint": both("editor_hint_translation_state")}
    mark = {"label": both("editor_mark_current"), "widget": "boolean", "default": False, "hint": both("editor_hint_mark_current")}
    return [
        {"name": TRANSLATION_STATE_FIELD, **state, "required": False, "i18n": True},
        {"name": MARK_CURRENT_FIELD, **mark, "required": False, "i18n": True},
    ]


def front_matter_to_write(meta: Mapping[str, Any], lang: str, collection: Mapping[str, Any]) -> dict[str, Any]:
    """The front matter of a file in `lang` as the editor sent it for `collection` (of this
    configuration), as it should be written: without the editor's own fields; without the fields
    left empty (Decap keeps an emptied field as '' or null, which the loader would refuse as a
    value; a list left empty, [], stays); and, in another language than the default, without the
    facts both languages share, which Decap writes there empty (`themes: []`) and the loader would
    read as contradicting the default language's file. Fields the editor does not show stay."""
    configured = {field["name"]: field.get("i18n") for field in collection["fields"]}
    return {
        name: value
        for name, value in meta.items()
        if name not in EDITOR_ONLY_FIELDS
        and value not in ("", None)
        and (lang == DEFAULT.code or name not in configured or configured[name] is True)
    }
