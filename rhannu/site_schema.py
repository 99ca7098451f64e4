"""The site's schema, read from data/schema.yml: its vocabularies, which of them are facets of the
case studies and what each facet does (pages, feeds, filters, cards), and the site's own words.

`load_schema` reads and checks the file once, reporting every problem at once, and returns a
plain immutable `SiteSchema` that the build passes around (no module-level state: two sites with
different schemas can build in one process). The values of each vocabulary live in
data/taxonomy.yml (rhannu.taxonomy), which must hold exactly the vocabularies declared here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import Any

from rhannu.data_files import read_data
from rhannu.errors import ContentError, ContentErrors, one_of
from rhannu.labels import KEYS, NO_WORDS, TABLES, placeholders
from rhannu.languages import (
    CODES,
    DEFAULT,
    OTHERS,
    STARTING,
    SiteLanguages,
    current,
    default_first,
    restore_languages,
    use_languages,
)
from rhannu.names import PLACEHOLDER, control_problem, has_control, slug_problem
from rhannu.site_languages import read_i18n_languages, schema_languages

SCHEMA_FILE = "data/schema.yml"

# How many values a case study gives a vocabulary's field: exactly one; one or more; a list that may be empty.
VALUE_COUNTS = ("one", "some", "any")
# Where a card shows a facet: in its first line, before the date; or as a labelled line below the summary.
CARD_PLACES = ("meta", "list")
# The facets the engine derives from a case study's own fields, rather than from a vocabulary.
DERIVED = {"year": "when"}  # the year of `when`, the date what it describes happened
# The words a facet needs in each language: its name (filter and browse headings), its field's
# label in a case study's details and on cards, the heading over its other values on an empty
# facet page, and (with feeds) its feed's link text.
FACET_WORDS = ("name", "field", "others", "feed")
DERIVED_WORDS = ("name", "others")
TOP_KEYS = ("languages", "vocabularies", "derived_facets", "feed_categories", "content_types", "labels")
# The types of a field a site adds to a content type (rhannu.content_types.OWN_FIELD_PARSERS reads each).
FIELD_TYPES = ("text", "date", "partial_date", "int", "boolean", "web_address", "term", "terms")
OWN_FIELD_KEYS = ("type", "vocabulary", "required")
VOCABULARY_KEYS = ("facet", "field", "values", "folder", "pages", "feeds", "filter", "card", "about", "page_feeds", "labels")
DERIVED_KEYS = ("folder", "pages", "filter", "labels")
FLAGS = ("pages", "feeds", "filter", "about")
VOCABULARY_NAME = re.compile(r"[a-z][a-z0-9_]*")
VOCABULARY_ADVICE = "expected a name of lower case letters, digits and underscores, such as 'lesson_groups'"
NAME_ADVICE = "a name of lower case letters and digits joined by hyphens"


@dataclass(frozen=True)
class Facet:
    """A way to group case studies: by the values of a vocabulary, or by a derived value (year)."""

    key: str  # its name in English addresses, the filter's field and cards.json: "psb"
    vocabulary: str | None  # "psbs"; None for a derived facet
    field: str | None  # the case studies' front-matter field: "psb", "themes"; None for a derived facet
    values: str  # one of VALUE_COUNTS
    folders: Mapping[str, str]  # its folder in each other language's addresses: {"cy": "bgc"}
    pages: bool  # a listing page per value
    feeds: bool  # a feed per value, beside its page
    filter: bool  # a select in the listing's filter form
    card: str | None  # one of CARD_PLACES, or None: not on cards
    about: bool  # a case study's values are what its structured data is `about`
    words: Mapping[str, Mapping[str, str]]  # by language, then by FACET_WORDS
    # values that are not one of their kind (across the programme, not a PSB): their feed link names the page
    page_feeds: tuple[str, ...] = ()

    @property
    def many(self) -> bool:
        return self.values != "one"

    def folder(self, lang: str) -> str:
        return self.folders.get(lang, self.key)

    def word(self, lang: str, role: str) -> str:
        return self.words[lang][role]


@dataclass(frozen=True)
class OwnField:
    """A front-matter field a site adds to a content type, beyond Rhannu's own."""

    name: str
    type: str  # one of FIELD_TYPES
    vocabulary: str | None  # for a term or terms: the vocabulary its keys come from
    required: bool  # a fact both languages share: the English file states it, the Welsh one inherits it


# What the engine does with a content type's items (rhannu.content_types.BEHAVIOURS builds each).
BEHAVIOURS = ("items-with-pages", "grouped-lessons", "newsletter-items")
TYPE_KEYS = ("behaviour", "folder", "address", "names", "facets", "lessons", "feed", "newsletter", "fields")
# The keys each behaviour takes beside `behaviour`, `folder`, `names` and `fields`.
BEHAVIOUR_KEYS = {
    "items-with-pages": ("address", "facets", "lessons", "feed", "newsletter"),
    "grouped-lessons": ("address", "feed", "newsletter"),
    "newsletter-items": ("archive",),
}
NEWSLETTER_STYLES = ("linked",)  # how an issue shows a type's new items: title and summary, linking to its page
# The labels a type's interface needs, each key derived from the type's key ("resources"): its plural
# heading, its listing's intro, the trail back to its index, its pager's and the "all" link, and
# (items-with-pages) the count over its cards. A newsletter section adds "new_<key>".
TYPE_LABELS = {
    "items-with-pages": (
        "{key}",
        "{key}_intro",
        "pager_{key}",
        "all_{key}",
        "count_one_{key}",
        "count_other_{key}",
        "none_yet_{key}",
        "scaffold_title_{key}",
        "scaffold_summary_{key}",
        "scaffold_body_{key}",
    ),
    "grouped-lessons": ("{key}", "{key}_intro", "pager_{key}", "all_{key}"),
    "newsletter-items": (),
}
# Type labels whose placeholders Rhannu fixes, for a type whose keys Rhannu's tables lack.
TYPE_LABEL_PLACEHOLDERS = {"count_other_{key}": frozenset({"n"})}
# Rhannu's texts that name the content types a site has, with the type keys they name: true of a
# site with exactly these types (the feed of everything, the catalogue's page) or at least these
# (the newsletter's archive). Any other site gives its own words for them, so that none names a type
# it lacks or leaves out one it has.
TEXTS_NAMING_TYPES: dict[str, tuple[frozenset[str], bool]] = {
    "feed_all_description": (frozenset({"case_studies", "lessons", "news"}), True),
    "api_intro": (frozenset({"case_studies", "lessons", "news"}), True),
    "newsletters_intro": (frozenset({"case_studies", "lessons", "news"}), False),
    "newsletters_intro_empty": (frozenset({"case_studies", "lessons", "news"}), False),
}
# The case studies' labels that predate their derived names, kept so that sites' words still apply.
LEGACY_TYPE_LABELS = {
    "count_one_case_studies": "count_one",
    "count_other_case_studies": "count_other",
    "none_yet_case_studies": "none_yet",
}


def type_label(pattern: str, key: str) -> str:
    """The label key of a type's role: type_label("pager_{key}", "resources") -> "pager_resources"."""
    derived = pattern.format(key=key)
    return LEGACY_TYPE_LABELS.get(derived, derived)


@dataclass(frozen=True)
class TypeDeclaration:
    """A content type the site has (content_types: in data/schema.yml): what the engine does with
    its items (`behaviour`), where their sources and pages live, and what editors call them."""

    key: str  # "case_studies": Content.items' key, and the stem of its labels' keys
    behaviour: str  # one of BEHAVIOURS
    folder: str  # its sources: folder/x.md and folder/x.cy.md
    addresses: Mapping[str, str]  # its section in each language's addresses: {en: case-studies, cy: astudiaethau-achos}
    names: tuple[str, str]  # singular and plural, in editors' (English) messages
    facets: tuple[str, ...] = ()  # the schema's facets that group its items
    lessons: bool = False  # its items name the lessons they illustrate (a `lessons` field)
    feed: bool = False  # in the everything-new feed
    newsletter: str | None = None  # how an issue shows its new items (NEWSLETTER_STYLES), or None: not in issues


# Today's three types: the types of a site whose schema declares none (see `_declared_types`).
DEFAULT_TYPES = (
    TypeDeclaration("news", "newsletter-items", "newsletters", MappingProxyType({}), ("newsletter item", "newsletter items")),
    TypeDeclaration(
        "case_studies",
        "items-with-pages",
        "case_studies",
        MappingProxyType({"en": "case-studies", "cy": "astudiaethau-achos"}),
        ("case study", "case studies"),
        facets=("*",),  # every facet the schema declares
        lessons=True,
        feed=True,
        newsletter="linked",
    ),
    TypeDeclaration(
        "lessons",
        "grouped-lessons",
        "lessons",
        MappingProxyType({"en": "lessons", "cy": "gwersi"}),
        ("lesson", "lessons"),
        feed=True,
        newsletter="linked",
    ),
)


@dataclass(frozen=True)
class SiteSchema:
    vocabularies: tuple[str, ...]  # in their declared order: data/taxonomy.yml holds exactly these
    facets: tuple[Facet, ...]  # the vocabularies' facets in their order, then the derived ones
    feed_categories: tuple[str, ...]  # the facets whose values a feed item carries as categories, in order
    own_fields: Mapping[str, tuple[OwnField, ...]] = field(default_factory=dict)  # by content type key
    labels: Mapping[str, Mapping[str, str]] = field(
        default_factory=lambda: NO_WORDS
    )  # the site's own words for Rhannu's labels, by language then key
    types: tuple[TypeDeclaration, ...] = DEFAULT_TYPES  # loaded, validated and reported in this order
    languages: SiteLanguages = STARTING  # mkdocs.yml's i18n languages with the schema's `languages:` block

    def fields_of(self, content_type: str) -> tuple[OwnField, ...]:
        return self.own_fields.get(content_type, ())

    def facet(self, key: str) -> Facet:
        return self._facets_by_key[key]

    # asked for each value of each case study: a lookup, not a search (the schema never changes)
    @cached_property
    def _facets_by_key(self) -> dict[str, Facet]:
        return {facet.key: facet for facet in reversed(self.facets)}  # the first of a key, as a search finds

    @cached_property
    def vocabulary_facets(self) -> tuple[Facet, ...]:
        return tuple(facet for facet in self.facets if facet.vocabulary is not None)


def load_schema(root: Path) -> SiteSchema:
    """The schema in `root/data/schema.yml`; raises ContentErrors listing every problem in it."""
    data = read_data(root, SCHEMA_FILE)
    return parse_schema(data, read_i18n_languages(root))


def declared_vocabularies(root: Path) -> tuple[str, ...]:
    """The vocabularies a schema with mistakes still names, so that data/taxonomy.yml is checked
    against them in the same run; () where even that cannot be read."""
    try:
        vocabularies = read_data(root, SCHEMA_FILE).get("vocabularies")
    except ContentErrors:
        return ()
    return tuple(str(name) for name in vocabularies) if isinstance(vocabularies, dict) else ()


def parse_schema(data: Mapping[str, Any], i18n_languages: object | None = None) -> SiteSchema:
    """The schema in `data`, for the languages mkdocs.yml's i18n plugin lists (`i18n_languages`;
    None: the languages in use) and the schema's own `languages:` block."""
    languages, errors = schema_languages(data, i18n_languages)
    token = use_languages(languages or current())  # the rest of the schema is checked in the site's languages
    try:
        return _parse_schema(data, languages or current(), errors)
    finally:
        restore_languages(token)


def _parse_schema(data: Mapping[str, Any], languages: SiteLanguages, errors: list[ContentError]) -> SiteSchema:
    _unknown_keys(data, TOP_KEYS, "", errors)
    vocabularies = data.get("vocabularies")
    facets: list[Facet] = []
    if not isinstance(vocabularies, dict) or not vocabularies:
        errors.append(_error("expected the site's vocabularies, each by name: psbs: {facet: psb, ...}", "vocabularies"))
        vocabularies = {}
    for name, entry in vocabularies.items():
        facet = _vocabulary(str(name), entry, errors)
        if facet is not None:
            facets.append(facet)
    derived = data.get("derived_facets") or {}
    if not isinstance(derived, dict):
        errors.append(_error(f"expected a mapping of derived facets ({one_of(tuple(DERIVED))})", "derived_facets"))
        derived = {}
    for key, entry in derived.items():
        facet = _derived(str(key), entry, errors)
        if facet is not None:
            facets.append(facet)
    errors += _clashes(facets)
    declared = [str(entry["facet"]) for entry in vocabularies.values() if isinstance(entry, dict) and entry.get("facet")]
    categories = _feed_categories(data.get("feed_categories", []), declared, errors)
    declared_types = data.get("content_types", {})
    types = _declared_types(declared_types, tuple(facet.key for facet in facets), errors)
    words = _check_labels(data.get("labels", {}), types, errors, _attempted(declared_types))
    errors += _texts_naming_other_types(data.get("labels", {}), types)
    own_fields = _content_types(declared_types, tuple(str(name) for name in vocabularies), errors)
    if errors:
        raise ContentErrors(errors)
    types = tuple(replace(kind, facets=tuple(facet.key for facet in facets)) if kind.facets == ("*",) else kind for kind in types)
    vocabulary_names = tuple(str(name) for name in vocabularies)
    return SiteSchema(vocabulary_names, tuple(facets), categories, own_fields, words, types, languages)


def _error(message: str, where: str) -> ContentError:
    return ContentError(SCHEMA_FILE, message, where)


def _unknown_keys(entry: Mapping[str, Any], known: tuple[str, ...], where: str, errors: list[ContentError]) -> None:
    for key in entry:
        if key not in known:
            errors.append(_error(f"unknown key: {one_of(known)}", f"{where}{key}"))


def _vocabulary(name: str, entry: object, errors: list[ContentError]) -> Facet | None:
    where = f"vocabularies.{name}"
    if not VOCABULARY_NAME.fullmatch(name):
        errors.append(_error(f"{VOCABULARY_ADVICE}; got {name!r}", where))
        return None
    if entry is None or entry == {}:
        return None  # a vocabulary that is no facet (lesson groups)
    if not isinstance(entry, dict):
        errors.append(_error("expected what the vocabulary does, such as {facet: psb, field: psb, ...}, or {}", where))
        return None
    count = len(errors)
    _unknown_keys(entry, VOCABULARY_KEYS, f"{where}.", errors)
    key = _name(entry.get("facet"), f"{where}.facet", errors)
    front_matter = _name(entry.get("field"), f"{where}.field", errors)
    values = entry.get("values")
    if values not in VALUE_COUNTS:
        errors.append(_error(f"{one_of(VALUE_COUNTS)}; got {values!r}", f"{where}.values"))
    card = entry.get("card")
    if card is not None and card not in CARD_PLACES:
        errors.append(_error(f"{one_of(CARD_PLACES)}, or no card key; got {card!r}", f"{where}.card"))
    flags = _flags(entry, FLAGS, where, errors)
    if flags["feeds"] and not flags["pages"]:
        errors.append(_error("a facet's feeds sit beside its pages: give it pages: true too, or no feeds", f"{where}.feeds"))
    folders = _folders(entry.get("folder", {}), f"{where}.folder", errors)
    words = _words(entry.get("labels"), FACET_WORDS if flags["feeds"] else FACET_WORDS[:-1], f"{where}.labels", errors)
    page_feeds = entry.get("page_feeds", [])
    if (
        not isinstance(page_feeds, list)
        or not all(isinstance(value, str) for value in page_feeds)
        or (page_feeds and not flags["feeds"])
    ):
        wanted = f"expected a list of the keys whose feed link names the page rather than the {key}, with feeds: true"
        message = f"{wanted}; got {page_feeds!r}"
        errors.append(_error(message, f"{where}.page_feeds"))
    if len(errors) > count or key is None or front_matter is None:
        return None
    return Facet(
        key,
        name,
        front_matter,
        str(values),
        folders,
        flags["pages"],
        flags["feeds"],
        flags["filter"],
        card,
        flags["about"],
        words,
        tuple(page_feeds),
    )


def _derived(key: str, entry: object, errors: list[ContentError]) -> Facet | None:
    where = f"derived_facets.{key}"
    if key not in DERIVED:
        errors.append(_error(f"unknown derived facet: {one_of(tuple(DERIVED))}", where))
        return None
    if not isinstance(entry, dict):
        errors.append(_error("expected what the facet does, such as {folder: {cy: blwyddyn}, pages: true, filter: true}", where))
        return None
    count = len(errors)
    _unknown_keys(entry, DERIVED_KEYS, f"{where}.", errors)
    flags = _flags(entry, ("pages", "filter"), where, errors)
    folders = _folders(entry.get("folder", {}), f"{where}.folder", errors)
    words = _words(entry.get("labels"), DERIVED_WORDS, f"{where}.labels", errors)
    if len(errors) > count:
        return None
    return Facet(key, None, None, "one", folders, flags["pages"], False, flags["filter"], None, False, words)


def _name(value: object, where: str, errors: list[ContentError]) -> str | None:
    if not isinstance(value, str) or slug_problem(value, ""):
        errors.append(
            _error(f"expected a name of lower case letters and digits joined by hyphens, such as 'region'; got {value!r}", where)
        )
        return None
    return value


def _flags(entry: Mapping[str, Any], names: tuple[str, ...], where: str, errors: list[ContentError]) -> dict[str, bool]:
    flags = {}
    for name in FLAGS:
        value = entry.get(name, False) if name in names else False
        if not isinstance(value, bool):
            errors.append(_error(f"expected true or false; got {value!r}", f"{where}.{name}"))
        flags[name] = value is True
    return flags


def _folders(value: object, where: str, errors: list[ContentError]) -> Mapping[str, str]:
    others = [lang.code for lang in OTHERS]
    if not isinstance(value, dict) or set(value) - set(others):
        names, in_each = " or ".join(lang.english_name for lang in OTHERS), ", ".join(f"{code}: ..." for code in others)
        errors.append(_error(f"expected the facet's folder in {names} addresses: folder: {{{in_each}}}", where))
        return {}
    for lang, folder in value.items():
        if not isinstance(folder, str) or slug_problem(folder, ""):
            errors.append(_error(f"expected {NAME_ADVICE}, such as 'rhanbarth'; got {folder!r}", f"{where}.{lang}"))
    return MappingProxyType(dict(value))


def _words(value: object, roles: tuple[str, ...], where: str, errors: list[ContentError]) -> Mapping[str, Mapping[str, str]]:
    """The facet's words in each language: every one of `roles`, as text on one line."""
    first, rest = DEFAULT.code, [lang.code for lang in OTHERS]
    in_others = "".join(f", {code}: {{...}}" for code in rest)
    expected = (
        f"expected the facet's words in each language: {first}: {{{', '.join(f'{role}: ...' for role in roles)}}}{in_others}"
    )
    if not isinstance(value, dict) or set(value) != set(CODES):
        errors.append(_error(expected, where))
        return {}
    words: dict[str, Mapping[str, str]] = {}
    for lang in CODES:
        given = value[lang]
        if not isinstance(given, dict) or set(given) != set(roles):
            errors.append(_error(f"expected exactly {', '.join(roles)}; got {given!r}", f"{where}.{lang}"))
            continue
        for role, text in given.items():
            if problem := _line_problem(text):
                errors.append(_error(problem, f"{where}.{lang}.{role}"))
        words[lang] = MappingProxyType(dict(given))
    return MappingProxyType(words)


def _line_problem(text: object) -> str | None:
    if not isinstance(text, str) or not text.strip() or has_control(text):
        return f"expected text on one line; got {text!r}"
    return control_problem(text)


def _clashes(facets: list[Facet]) -> list[ContentError]:
    """Two facets may share neither a name, nor a field, nor a folder in one language's addresses."""
    errors = []
    seen: dict[str, str] = {}
    for facet in facets:
        where = f"vocabularies.{facet.vocabulary}" if facet.vocabulary else f"derived_facets.{facet.key}"
        names = [(f"the facet name '{facet.key}'", f"{where}.facet")]
        if facet.field is not None:
            names.append((f"the field '{facet.field}'", f"{where}.field"))
        names += [(f"the {lang} folder '{facet.folder(lang)}'", f"{where}.folder") for lang in (other.code for other in OTHERS)]
        for what, at in names:
            owner = seen.setdefault(what, where)
            if owner != where:
                errors.append(_error(f"{what} is already {owner}'s: give it another", at))
    return errors


def _feed_categories(value: object, declared: list[str], errors: list[ContentError]) -> tuple[str, ...]:
    """The facets whose values feed items carry as categories: any vocabulary facet declared (a
    facet declared with a mistake counts, so that one mistake is reported once)."""
    known = tuple(str(key) for key in declared)
    if not isinstance(value, list) or any(key not in known for key in value):
        errors.append(_error(f"expected a list of facets, each {one_of(known)}; got {value!r}", "feed_categories"))
        return ()
    return tuple(value)


MARKUP = set('<>&"')  # a site's words go into pages, attributes and scripts as they are: plain text only


def type_label_keys(kind: TypeDeclaration) -> dict[str, frozenset[str]]:
    """The label keys a type's interface uses, each with the placeholders its text fills in."""
    keys = [*TYPE_LABELS[kind.behaviour], *(("new_{key}",) if kind.newsletter else ())]
    return {type_label(key, kind.key): TYPE_LABEL_PLACEHOLDERS.get(key, frozenset()) for key in keys}


# Labels named by a language's code, one for each of the site's languages: "in Welsh" is in_cy
# (a partner's news item's language), catalogue_cy (the Welsh catalogue), editors_message_cy (the
# Welsh message file, on an issue's page).
LANGUAGE_LABELS = ("in_{code}", "catalogue_{code}", "catalogue_schema_{code}", "editors_message_{code}")


def language_label_keys() -> dict[str, frozenset[str]]:
    """The labels a site needs for each of its languages (LANGUAGE_LABELS), with no placeholders."""
    return {pattern.format(code=code): frozenset() for code in CODES for pattern in LANGUAGE_LABELS}


def _attempted(value: object) -> tuple[str, ...]:
    """The keys of the types content_types declares, whether or not their declarations hold: their
    words are no unknown labels (a mistake in a declaration is reported once, where it is)."""
    return (
        tuple(str(key) for key, entry in value.items() if isinstance(entry, dict) and "behaviour" in entry)
        if isinstance(value, dict)
        else ()
    )


def _check_labels(
    value: object, types: tuple[TypeDeclaration, ...], errors: list[ContentError], attempted: tuple[str, ...] = ()
) -> Mapping[str, Mapping[str, str]]:
    """The site's own words for Rhannu's interface labels (rhannu/labels.py), by language: each a
    known key (or one of its types' keys), one line of plain text, filling in exactly the
    placeholders Rhannu's text does. Every label a declared type needs is there, in Rhannu's table
    or the site's words, in each language."""
    if not isinstance(value, dict) or set(value) - set(CODES):
        errors.append(
            _error(f"expected the site's own words by language ({', '.join(CODES)}): labels: {{cy: {{key: text}}}}", "labels")
        )
        return NO_WORDS
    per_language = language_label_keys()
    wanted = {key: names for kind in types for key, names in type_label_keys(kind).items()} | per_language
    patterns = {*(pattern for behaviour in TYPE_LABELS.values() for pattern in behaviour), "new_{key}"}
    declared = {kind.key for kind in types}
    known = {
        **{
            type_label(pattern, key): TYPE_LABEL_PLACEHOLDERS.get(pattern, frozenset())
            for key in attempted
            if key not in declared
            for pattern in patterns
        },
        **wanted,
    }
    words: dict[str, Mapping[str, str]] = {}
    for lang, given in value.items():
        if not isinstance(given, dict):
            errors.append(_error("expected label keys and their text: {key: text}", f"labels.{lang}"))
            continue
        words[lang] = MappingProxyType(
            {str(key): text for key, text in given.items() if _label_fits(lang, str(key), text, known, errors)}
        )
    for lang in CODES:
        given = value.get(lang)
        given = given if isinstance(given, dict) else {}
        if lang not in TABLES and (missing := [key for key in KEYS if key not in given]):
            message = f"missing Rhannu's words in this language, which Rhannu has no table of: give {', '.join(missing)}"
            errors.append(_error(message, f"labels.{lang}"))
        missing = [key for key in wanted if key not in TABLES.get(lang, {}) and key not in given]
        for_languages = [key for key in missing if key in per_language]
        for_types = [key for key in missing if key not in per_language]
        if for_languages:
            message = f"missing the words for each of the site's languages: give {', '.join(for_languages)}"
            errors.append(_error(message, f"labels.{lang}"))
        if for_types:
            errors.append(_error(f"missing the words of a declared content type: give {', '.join(for_types)}", f"labels.{lang}"))
    return MappingProxyType(words)


def _texts_naming_other_types(value: object, types: tuple[TypeDeclaration, ...]) -> list[ContentError]:
    """Rhannu's texts that name other types than the site declares, where the site gives none of
    its own: each would tell readers of types the site lacks, or leave out one it has."""
    declared = frozenset(kind.key for kind in types)
    given = value if isinstance(value, dict) else {}
    errors = []
    for key, (named, exactly) in TEXTS_NAMING_TYPES.items():
        if (declared == named) if exactly else named <= declared:
            continue
        for lang in CODES:
            words = given.get(lang)
            if not isinstance(words, dict) or key not in words:
                message = (
                    f"Rhannu's text for {key} names the types {', '.join(sorted(named))}, and this site declares "
                    f"{', '.join(sorted(declared)) or 'none'}: give the site's own words for it"
                )
                errors.append(_error(message, f"labels.{lang}.{key}"))
    return errors


def _label_fits(
    lang: str, key: str, text: object, types_wanted: Mapping[str, frozenset[str]], errors: list[ContentError]
) -> bool:
    where = f"labels.{lang}.{key}"
    if key not in KEYS and key not in types_wanted:
        errors.append(_error("unknown label key: use one of the keys in rhannu/labels.py", where))
        return False
    if problem := _line_problem(text.replace("\n", " ") if isinstance(text, str) and "\n" in KEYS.get(key, "") else text):
        errors.append(_error(problem, where))  # on one line, but where Rhannu's own text has several (a scaffold's body)
        return False
    assert isinstance(text, str)
    if used := sorted(MARKUP & set(text)):
        errors.append(_error(f"expected plain text, without {' '.join(used)} (use “ ” for quotation marks); got {text!r}", where))
        return False
    if key.startswith("scaffold_") and key not in KEYS and not text.startswith(PLACEHOLDER):
        errors.append(
            _error(
                f"expected text that starts {PLACEHOLDER}: the build refuses it until an editor replaces it; got {text!r}",
                where,
            )
        )
        return False
    wanted = placeholders(KEYS[key]) if key in KEYS else types_wanted[key]
    try:
        given = placeholders(text)
    except ValueError:
        given = None
    if given != wanted:
        names = ", ".join(f"{{{name}}}" for name in sorted(wanted)) or "none"
        errors.append(_error(f"expected the same placeholders as Rhannu's text ({names}); got {text!r}", where))
        return False
    return True


def _content_types(
    value: object, vocabularies: tuple[str, ...], errors: list[ContentError]
) -> Mapping[str, tuple[OwnField, ...]]:
    """The fields a site adds to its content types: content_types: {case_studies: {fields: {funder: {type: text}}}}.
    Which types exist, and which field names Rhannu's own fields take, is checked with the content
    (rhannu.content.own_field_errors)."""
    if not isinstance(value, dict):
        errors.append(
            _error("expected content types by key, each with its own fields: case_studies: {fields: {...}}", "content_types")
        )
        return {}
    own: dict[str, tuple[OwnField, ...]] = {}
    for kind, entry in value.items():
        where = f"content_types.{kind}"
        if isinstance(entry, dict) and "behaviour" in entry:
            entry = {"fields": entry.get("fields", {})}  # a declaration (checked by _type): its added fields
        if not isinstance(entry, dict) or set(entry) != {"fields"} or not isinstance(entry["fields"], dict):
            errors.append(_error("expected the type's own fields: {fields: {name: {type: text}}}", where))
            continue
        fields = [
            _own_field(str(name), spec, vocabularies, f"{where}.fields.{name}", errors) for name, spec in entry["fields"].items()
        ]
        own[str(kind)] = tuple(field for field in fields if field is not None)
    return MappingProxyType(own)


def _own_field(name: str, spec: object, vocabularies: tuple[str, ...], where: str, errors: list[ContentError]) -> OwnField | None:
    if not VOCABULARY_NAME.fullmatch(name):
        errors.append(_error(f"{VOCABULARY_ADVICE.replace('lesson_groups', 'event_end')}; got {name!r}", where))
        return None
    if not isinstance(spec, dict):
        errors.append(_error(f"expected the field's type, such as {{type: text}}: {one_of(FIELD_TYPES)}", where))
        return None
    count = len(errors)
    _unknown_keys(spec, OWN_FIELD_KEYS, f"{where}.", errors)
    kind = spec.get("type")
    if kind not in FIELD_TYPES:
        errors.append(_error(f"{one_of(FIELD_TYPES)}; got {kind!r}", f"{where}.type"))
    vocabulary = spec.get("vocabulary")
    if kind in ("term", "terms") and vocabulary not in vocabularies:
        errors.append(
            _error(
                f"expected the vocabulary its keys come from, {one_of(vocabularies)}; got {vocabulary!r}", f"{where}.vocabulary"
            )
        )
    elif kind not in ("term", "terms") and vocabulary is not None:
        errors.append(_error("only a field of type term or terms takes a vocabulary", f"{where}.vocabulary"))
    required = spec.get("required", False)
    if not isinstance(required, bool):
        errors.append(_error(f"expected true or false; got {required!r}", f"{where}.required"))
    if len(errors) > count:
        return None
    return OwnField(name, str(kind), vocabulary, required is True)


def _declared_types(value: object, facets: tuple[str, ...], errors: list[ContentError]) -> tuple[TypeDeclaration, ...]:
    """The content types the site has. A schema whose content_types declare no `behaviour` (none,
    or only the fields a site adds: the form sites made before types were data use) has today's
    three (DEFAULT_TYPES); once one entry declares a behaviour, content_types lists every type."""
    if not isinstance(value, dict) or not any(isinstance(entry, dict) and "behaviour" in entry for entry in value.values()):
        return DEFAULT_TYPES
    types: list[TypeDeclaration] = []
    for key, entry in value.items():
        declared = _type(str(key), entry, facets, errors)
        if declared is not None:
            types.append(declared)
    errors += _type_clashes(types)
    if sum(1 for kind in types if kind.facets) > 1:
        message = "only one content type may be grouped by the schema's facets for now: give the others facets: []"
        errors.append(_error(message, "content_types"))
    return tuple(types)


def _type(key: str, entry: object, facets: tuple[str, ...], errors: list[ContentError]) -> TypeDeclaration | None:
    where = f"content_types.{key}"
    example = "{behaviour: items-with-pages, folder: resources, address: {en: resources, cy: adnoddau}, names: {...}}"
    if not VOCABULARY_NAME.fullmatch(key):
        errors.append(_error(f"{VOCABULARY_ADVICE.replace('lesson_groups', 'case_studies')}; got {key!r}", where))
        return None
    if not isinstance(entry, dict) or "behaviour" not in entry:
        errors.append(_error(f"expected the type's declaration, as every type's once one has a behaviour: {example}", where))
        return None
    count = len(errors)
    behaviour = entry["behaviour"]
    if behaviour not in BEHAVIOURS:
        errors.append(_error(f"{one_of(BEHAVIOURS)}; got {behaviour!r}", f"{where}.behaviour"))
        return None
    allowed = ("behaviour", "folder", "names", "fields", *BEHAVIOUR_KEYS[behaviour])
    _unknown_keys(entry, allowed, f"{where}.", errors)
    folder = entry.get("folder")
    if not isinstance(folder, str) or not VOCABULARY_NAME.fullmatch(folder):
        errors.append(_error(f"expected the folder of its sources, such as 'case_studies'; got {folder!r}", f"{where}.folder"))
    names = _type_names(entry.get("names"), f"{where}.names", errors)
    addresses = _type_addresses(entry.get("address"), f"{where}.address", errors) if "address" in allowed else {}
    if "archive" in entry and "archive" in allowed:  # the newsletter archive's own name in other languages' addresses
        addresses = _archive(entry["archive"], f"{where}.archive", errors)
    used = _type_facets(entry.get("facets", []), facets, f"{where}.facets", errors)
    flags = {name: entry.get(name, False) for name in ("lessons", "feed")}
    for name, flag in flags.items():
        if not isinstance(flag, bool):
            errors.append(_error(f"expected true or false; got {flag!r}", f"{where}.{name}"))
    newsletter = entry.get("newsletter")
    if newsletter is not None and newsletter not in NEWSLETTER_STYLES:
        wanted = "expected `linked` (an issue lists its new items, each linking to its page), or no newsletter key"
        errors.append(_error(f"{wanted}; got {newsletter!r}", f"{where}.newsletter"))
    if len(errors) > count:
        return None
    return TypeDeclaration(
        key, str(behaviour), str(folder), addresses, names, used, flags["lessons"] is True, flags["feed"] is True, newsletter
    )


def _type_names(value: object, where: str, errors: list[ContentError]) -> tuple[str, str]:
    if not isinstance(value, dict) or set(value) != {"singular", "plural"} or any(_line_problem(name) for name in value.values()):
        errors.append(
            _error(f"expected what editors call one and several: {{singular: resource, plural: resources}}; got {value!r}", where)
        )
        return ("", "")
    return (str(value["singular"]), str(value["plural"]))


def _type_addresses(value: object, where: str, errors: list[ContentError]) -> Mapping[str, str]:
    if not isinstance(value, dict) or set(value) != set(CODES):
        in_each = ", ".join(f"{code}: ..." for code in default_first())
        errors.append(_error(f"expected its section's name in each language's addresses: {{{in_each}}}; got {value!r}", where))
        return {}
    for lang, name in value.items():
        if not isinstance(name, str) or slug_problem(name, ""):
            errors.append(_error(f"expected {NAME_ADVICE}, such as 'adnoddau'; got {name!r}", f"{where}.{lang}"))
    return MappingProxyType({lang: str(value[lang]) for lang in CODES})


def _archive(value: object, where: str, errors: list[ContentError]) -> Mapping[str, str]:
    """The newsletter archive's name in the addresses of other languages than the default (where it is 'newsletters')."""
    others = [lang.code for lang in OTHERS]
    if not isinstance(value, dict) or set(value) - set(others):
        in_each = ", ".join(f"{code}: ..." for code in others)
        errors.append(_error(f"expected the archive's name in the addresses of other languages: archive: {{{in_each}}}", where))
        return {}
    for lang, name in value.items():
        if not isinstance(name, str) or slug_problem(name, ""):
            errors.append(_error(f"expected {NAME_ADVICE}, such as 'cylchlythyrau'; got {name!r}", f"{where}.{lang}"))
    return MappingProxyType({str(lang): str(name) for lang, name in value.items()})


def _type_facets(value: object, facets: tuple[str, ...], where: str, errors: list[ContentError]) -> tuple[str, ...]:
    """The facets that group a type's items: for now none, or every facet the schema declares
    (`all`, or the list of them)."""
    if value == "all":
        return facets
    if not isinstance(value, list) or (value and sorted(map(str, value)) != sorted(facets)):
        wanted = f"expected `all` (every facet the schema declares: {', '.join(facets)}), or [] for none"
        errors.append(_error(f"{wanted}; got {value!r}", where))
        return ()
    return tuple(facets) if value else ()


def _type_clashes(types: list[TypeDeclaration]) -> list[ContentError]:
    """No two types share a folder, nor a section of one language's addresses."""
    errors = []
    seen: dict[str, str] = {}
    for kind in types:
        names = [(f"the folder '{kind.folder}'", "folder")]
        names += [(f"the {lang} address '{name}'", f"address.{lang}") for lang, name in kind.addresses.items()]
        for what, at in names:
            owner = seen.setdefault(what, kind.key)
            if owner != kind.key:
                errors.append(_error(f"{what} is already {owner}'s: give it another", f"content_types.{kind.key}.{at}"))
    return errors
