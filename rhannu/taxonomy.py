"""The controlled lists, read from data/taxonomy.yml: exactly the vocabularies data/schema.yml
declares (rhannu.site_schema), each a mapping of keys to labels, held by name."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from rhannu.data_files import read_data
from rhannu.errors import ContentError, ContentErrors
from rhannu.languages import OTHERS, current, default_first, using
from rhannu.names import control_problem, has_control, slug_problem
from rhannu.site_schema import SCHEMA_FILE, SiteSchema, declared_vocabularies, load_schema
from rhannu.sources import Source, load_sources

TAXONOMY_FILE = "data/taxonomy.yml"


@dataclass(frozen=True)
class Term:
    key: str
    labels: dict[str, str]
    intro: dict[str, str] = field(default_factory=dict)
    slugs: dict[str, str] = field(default_factory=dict)  # its name in each other language's addresses

    def label(self, lang: str) -> str:
        return self.labels[lang]

    def name(self, lang: str) -> str:
        """Its name in an address in `lang`: the Welsh `slug` where it has one, else its key."""
        return self.slugs.get(lang, self.key)


@dataclass(frozen=True)
class Taxonomy:
    vocabularies: Mapping[str, dict[str, Term]]  # by the name data/schema.yml gives each, in its order
    schema: SiteSchema
    sources: dict[str, Source] = field(default_factory=dict)  # data/sources.yml, by key

    def terms(self, vocabulary: str) -> dict[str, Term]:
        return self.vocabularies[vocabulary]

    def keys(self, name: str) -> tuple[str, ...]:
        """The keys a field may take: a vocabulary's, or (`sources`) those of data/sources.yml."""
        return tuple(self.sources if name == "sources" else self.vocabularies[name])

    def of_facet(self, facet: str) -> dict[str, Term]:
        """The values of a vocabulary's facet ('psb' -> the psbs), in data/taxonomy.yml's order."""
        return self.vocabularies[self.schema.facet(facet).vocabulary or ""]


def load_taxonomy(root: Path) -> Taxonomy:
    """The site's schema and its vocabularies' values; raises ContentErrors listing every problem
    in data/schema.yml, data/taxonomy.yml and data/sources.yml."""
    errors: list[ContentError] = []
    schema = None
    try:
        schema = load_schema(root)
    except ContentErrors as problems:
        errors += problems.errors
    data = read_data(root, TAXONOMY_FILE)
    declared = schema.vocabularies if schema is not None else declared_vocabularies(root) or tuple(data)
    errors += _undeclared(data, declared)
    with using(schema.languages if schema is not None else current()):  # values' and sources' words in the site's languages
        lists = {name: _terms(name, data.get(name), errors) for name in declared}
        errors += _unknown_page_feeds(schema, lists) if schema is not None else []
        try:
            sources = load_sources(root)
        except ContentErrors as problems:
            errors += problems.errors
    if errors or schema is None:
        raise ContentErrors(errors)
    return Taxonomy(lists, schema, sources)


def _unknown_page_feeds(schema: SiteSchema, lists: Mapping[str, dict[str, Term]]) -> list[ContentError]:
    return [
        ContentError(
            SCHEMA_FILE,
            f"expected keys of {facet.vocabulary} in {TAXONOMY_FILE}; got {value!r}",
            f"vocabularies.{facet.vocabulary}.page_feeds",
        )
        for facet in schema.vocabulary_facets
        for value in facet.page_feeds
        if lists.get(facet.vocabulary or "") and value not in lists[facet.vocabulary or ""]
    ]


def _undeclared(data: Mapping[str, object], declared: tuple[str, ...]) -> list[ContentError]:
    """A list data/schema.yml does not declare would be loaded for nothing: most likely a typing slip."""
    return [
        ContentError(TAXONOMY_FILE, f"not a vocabulary of data/schema.yml: expected only {', '.join(declared)}", str(name))
        for name in data
        if name not in declared
    ]


def _terms(name: str, entries: object, errors: list[ContentError]) -> dict[str, Term]:
    if not isinstance(entries, dict) or not entries:
        errors.append(ContentError(TAXONOMY_FILE, "expected a mapping of keys to labels", name))
        return {}
    terms = {}
    langs, others = default_first(), [lang.code for lang in OTHERS]
    for key, entry in entries.items():
        where = f"{name}.{key}"
        # a key is a page's address, a feed's folder and an attribute's value
        if problem := slug_problem(key, "a key of lower case letters and digits joined by hyphens, such as 'north-wales'"):
            errors.append(ContentError(TAXONOMY_FILE, problem, where))
            continue
        if not isinstance(entry, dict) or any(not isinstance(entry.get(lang), str) for lang in langs):
            errors.append(ContentError(TAXONOMY_FILE, f"expected labels {' and '.join(repr(lang) for lang in langs)}", where))
            continue
        if bad_labels := [(lang, problem) for lang in langs if (problem := _label_problem(entry[lang]))]:
            errors += [ContentError(TAXONOMY_FILE, problem, f"{where}.{lang}") for lang, problem in bad_labels]
            continue
        intro = entry.get("intro", {})
        if not isinstance(intro, dict) or set(intro) - set(langs) or any(not isinstance(text, str) for text in intro.values()):
            in_each = ", ".join(f"{lang}: ..." for lang in langs)
            errors.append(ContentError(TAXONOMY_FILE, f"expected an introduction in each language: {in_each}", f"{where}.intro"))
            continue
        texts = {f"{where}.{lang}": entry[lang] for lang in langs} | {f"{where}.intro.{lang}": t for lang, t in intro.items()}
        if found := [ContentError(TAXONOMY_FILE, wrong, at) for at, t in texts.items() if (wrong := control_problem(t))]:
            errors += found
            continue
        slugs = entry.get("slug", {})
        if not isinstance(slugs, dict) or set(slugs) - set(others):
            names, in_each = " or ".join(lang.english_name for lang in OTHERS), ", ".join(f"{lang}: ..." for lang in others)
            expected = f"expected the value's {names} name in addresses: slug: {{{in_each}}}"
            errors.append(ContentError(TAXONOMY_FILE, expected, f"{where}.slug"))
            continue
        if bad := [(lang, problem) for lang, slug in slugs.items() if (problem := slug_problem(slug, WELSH_SLUG))]:
            errors += [ContentError(TAXONOMY_FILE, problem, f"{where}.slug.{lang}") for lang, problem in bad]
            continue
        terms[key] = Term(key, {lang: entry[lang] for lang in langs}, dict(intro), dict(slugs))
    errors += _name_clashes(name, terms)
    return terms


WELSH_SLUG = "a name of lower case letters and digits joined by hyphens, such as 'gweithio-mewn-partneriaeth' (w for ŵ)"


def _name_clashes(name: str, terms: dict[str, Term]) -> list[ContentError]:
    """Two values of a list named alike in one language's addresses (a `slug`, or a key where
    there is none) would share one page."""
    errors = []
    for lang in (other.code for other in OTHERS):
        owners: dict[str, str] = {}
        for term in sorted(terms.values(), key=lambda term: lang in term.slugs):  # a slug gives way to a key
            other = owners.setdefault(term.name(lang), term.key)
            if other != term.key:
                errors.append(
                    ContentError(
                        TAXONOMY_FILE,
                        f"the {lang} name '{term.name(lang)}' is already the address of {name}.{other}: give it another",
                        f"{name}.{term.key}.slug.{lang}",
                    )
                )
    return errors


def _label_problem(label: str) -> str | None:
    """A label is shown as a heading and a link: text on one line."""
    if problem := control_problem(label):
        return problem
    if not label.strip() or has_control(label):
        return f"expected text on one line; got {label!r}"
    return None
