"""One search index per language, with the word forms a reader may type.

static-i18n merges both languages' pages into one `/search/search_index.json`, so a search on a
Welsh page finds English pages too. This splits it: English entries stay at the root, Welsh ones
move to `/cy/search/search_index.json` with locations relative to `/cy/` (the page template
points Welsh pages' search at that folder).

Word forms. Material's search matches what is typed as the start of an indexed word, and nothing
rewrites the query (it appends `*`, and lunr skips its query pipeline for wildcard terms), so
forms are added on the index side:
- in both languages, the build adds each hyphenated compound joined up (well-being -> wellbeing,
  cyd-gynhyrchu -> cydgynhyrchu) to an extra field, FORMS, which the index's config declares, so
  Material's worker indexes it; its results show only a document's title and text;
- English has no plugin in the worker, so the build also adds accented words without their
  accents (Ynys Môn -> mon). English gets no mutation forms;
- the Welsh index names the language "cy": Material's worker then loads the site's own lunr
  plugin, overrides/assets/javascripts/lunr/min/lunr.cy.min.js, which gives each Welsh word keys
  for its forms without accents and in every mutated form (soft, nasal, aspirate, h-prothesis).
  It replaces lunr's English trimmer, stop words and stemmer, which the Welsh index has never used.
"""

from __future__ import annotations

import json
import re
import unicodedata
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from rhannu.languages import ALL, DEFAULT, OTHERS, default_first, is_default, root

THEME = Path(__file__).parent / "theme"  # Rhannu's theme: its own lunr plugins
MATERIAL_LUNR = Path(str(getattr(find_spec("material"), "origin", ""))).parent / "templates/assets/javascripts/lunr/min"
FORMS = "forms"  # the extra field: words as a reader may type them, never shown
_TAG = re.compile(r"<[^>]*>")
_COMPOUND = re.compile(r"(?<![\w-])[^\W\d_]+(?:-[^\W\d_]+)+(?![\w-])")
_WORD = re.compile(r"[^\W\d_]+")


def unaccented(word: str) -> str:
    """The word without its accents: caniatáu -> caniatau, Môn -> Mon."""
    decomposed = unicodedata.normalize("NFD", word)
    return unicodedata.normalize("NFC", "".join(char for char in decomposed if not unicodedata.combining(char)))


def compounds(plain: str) -> list[str]:
    """The hyphenated compounds in `plain` (text), in order. A compound never spans white space,
    so only the words holding a hyphen are searched: the pattern over a whole entry's text cost
    four times as much."""
    if "-" not in plain:
        return []
    return [compound for word in plain.split() if "-" in word for compound in _COMPOUND.findall(word)]


def extra_forms(text: str, *, accents: bool) -> list[str]:
    """The forms of the words in `text` (HTML) that the index lacks, in lower case, each once, in
    the order they first appear: hyphenated compounds joined up, and (with `accents`) accented
    words and compounds without their accents."""
    plain = _TAG.sub(" ", text)
    found: dict[str, None] = {}
    for compound in compounds(plain):
        joined = compound.replace("-", "").lower()
        found[joined] = None
        if accents:
            found[unaccented(joined)] = None
    if accents and not plain.isascii():  # an ASCII text has nothing to drop
        for word in _WORD.findall(plain):
            if word.isascii():  # nothing to drop, and most words are
                continue
            folded = unaccented(word).lower()
            if folded != word.lower():
                found[folded] = None
    return list(found)


def with_forms(doc: dict, *, accents: bool) -> dict:
    forms = extra_forms(f"{doc.get('title', '')} {doc.get('text', '')}", accents=accents)
    return {**doc, FORMS: " ".join(forms)} if forms else doc


def own_lunr_plugin(code: str) -> bool:
    """Whether Rhannu's theme brings a lunr plugin for the language (Welsh's: lunr.cy.min.js), which
    gives each word its forms without accents, so the index need not."""
    return (THEME / "assets/javascripts/lunr/min" / f"lunr.{code}.min.js").is_file()


def own_lunr_tags() -> dict[str, str]:
    """The code of each of the site's languages Rhannu has a lunr plugin for, by its tag (as a
    page's template names its language): its pages load the plugin."""
    return {lang.tag: lang.code for lang in ALL if own_lunr_plugin(lang.code)}


def lunr_knows(code: str) -> bool:
    """Whether Material's search worker can load a lunr plugin for the language: Rhannu's or Material's."""
    return own_lunr_plugin(code) or (MATERIAL_LUNR / f"lunr.{code}.min.js").is_file()


def language_of(doc: dict) -> str:
    """The language of a merged index's entry, by the folder its location lies under."""
    return next((lang.code for lang in OTHERS if doc["location"].startswith(root(lang.code))), DEFAULT.code)


def docs_in(docs: list[dict], code: str) -> list[dict]:
    """The entries of `docs` in one language, with their forms, located relative to its home ('cy/')."""
    accents = not own_lunr_plugin(code)
    return [
        with_forms({**doc, "location": doc["location"].removeprefix(root(code))}, accents=accents)
        for doc in docs
        if language_of(doc) == code
    ]


def split_index(index: dict) -> dict[str, dict]:
    """{'en': index, 'cy': index, ...} from the merged index."""
    return indexes(index.get("config", {}), {code: docs_in(index["docs"], code) for code in default_first()})


def indexes(config: dict, docs: dict[str, list[dict]]) -> dict[str, dict]:
    """Each language's index from the merged index's config and each language's docs."""
    return {code: {"config": index_config(config, code), "docs": entries} for code, entries in docs.items()}


def index_config(config: dict, code: str) -> dict:
    """A language's index config, from the merged index's. The default language keeps Material's
    config; another names its own language (where lunr has a plugin for it) and no pipeline,
    which Rhannu's Welsh plugin replaces."""
    fields = {**config.get("fields", {}), FORMS: {"boost": 1.0}}
    if is_default(code):
        return {**config, "fields": fields}
    return {**config, "lang": [code] if lunr_knows(code) else config.get("lang", []), "pipeline": [], "fields": fields}


MERGED_INDEX = "search/search_index.json"  # where Material writes the index, both languages' entries in it


def split_index_files(site: Path) -> dict[str, bytes]:
    """Each language's index file, split from the merged one Material wrote in `site` (none
    where there is no search)."""
    merged = site / MERGED_INDEX
    if not merged.exists():
        return {}
    return index_files(split_index(json.loads(merged.read_text(encoding="utf-8"))))


def index_files(by_language: dict[str, dict]) -> dict[str, bytes]:
    """Each language's index as the file it is published as, by path in the site."""
    return {f"{root(lang)}{MERGED_INDEX}": as_json(by_language[lang]) for lang in by_language}


def as_json(data: Any) -> bytes:
    """`data` as an index file prints it."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def joined_index_files(config: dict, docs: dict[str, list[bytes]]) -> dict[str, bytes]:
    """`index_files(indexes(config, ...))`, where each language's docs come as JSON arrays
    (`as_json`: each build process's, in build order), joined as they are, not read: the same bytes."""
    return {
        f"{root(lang)}{MERGED_INDEX}": b'{"config":' + as_json(index_config(config, lang)) + b',"docs":' + _joined(arrays) + b"}"
        for lang, arrays in docs.items()
    }


def _joined(arrays: list[bytes]) -> bytes:
    return b"[" + b",".join(array[1:-1] for array in arrays if array != b"[]") + b"]"
