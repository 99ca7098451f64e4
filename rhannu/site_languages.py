"""The site's languages, read from where the site declares them.

static-i18n's `languages` list in mkdocs.yml gives each language's code (`locale`), its name in
itself (`name`), which one is the default (`default: true`) and whether it is built (`build`).
What static-i18n has no key for is in the `languages:` block of data/schema.yml: each language's
BCP 47 tag (for `lang` and `hreflang`), its name in English (for editors' messages) and, by the
block's order, the order in which languages stand together on a page:

    languages:
      cy: {tag: cy, english_name: Welsh}
      en: {tag: en-GB, english_name: English}

Without the block each language's tag is its code, its English name its own name, and the order
mkdocs.yml's. Every mistake is reported at once, naming the file and the key.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from rhannu.errors import ContentError, ContentErrors
from rhannu.frontmatter import load_settings
from rhannu.languages import Language, SiteLanguages, current

SETTINGS_FILE = "mkdocs.yml"
SCHEMA_FILE = "data/schema.yml"
I18N_WHERE = "plugins.i18n.languages"
CODE = re.compile(r"[a-z]{2,3}")  # a file's suffix and an address's folder: an ISO 639 code
TAG = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{1,8})*")
BLOCK_KEYS = ("tag", "english_name")
MARKUP = set('<>&"')


def read_i18n_languages(root: Path) -> object | None:
    """static-i18n's `languages` list as mkdocs.yml has it; None where the site has no mkdocs.yml
    (a folder of data and sources only keeps the languages in use). A mkdocs.yml that cannot be
    read is left for MkDocs to report; here it declares nothing."""
    path = root / SETTINGS_FILE
    if not path.is_file():
        return None
    try:
        settings = load_settings(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    plugins = settings.get("plugins") if isinstance(settings, dict) else None
    for plugin in plugins if isinstance(plugins, list) else ():
        if isinstance(plugin, dict) and "i18n" in plugin:
            options = plugin["i18n"]
            return options.get("languages") if isinstance(options, dict) else None
    return []


def as_declared(languages: SiteLanguages) -> list[dict[str, Any]]:
    """Languages as mkdocs.yml would list them (for a folder with no mkdocs.yml)."""
    return [{"locale": lang.code, "name": lang.name, "default": lang == languages.default} for lang in languages.all]


def declared_languages(i18n: object | None, block: object) -> SiteLanguages:
    """The site's languages from static-i18n's list and the schema's `languages:` block; raises
    ContentErrors naming every mistake in either."""
    errors: list[ContentError] = []
    listed = _listed(as_declared(current()) if i18n is None else i18n, errors)
    codes = [code for code, _, _ in listed]
    own = _block(block, codes, errors)
    if errors:
        raise ContentErrors(errors)
    languages: dict[str, Language] = {}
    for code, name, _ in listed:
        tag, english_name = own.get(code, (code, name))
        languages[code] = Language(code, tag, name, english_name)
    order = list(own) if own else codes
    default = next(code for code, _, is_default in listed if is_default)
    return SiteLanguages(tuple(languages[code] for code in order), languages[default])


def _settings_error(message: str, where: str) -> ContentError:
    return ContentError(SETTINGS_FILE, message, where)


def _listed(i18n: object, errors: list[ContentError]) -> list[tuple[str, str, bool]]:
    """(code, name, is default) for each language mkdocs.yml lists, in its order."""
    if not isinstance(i18n, list) or not i18n:
        errors.append(
            _settings_error(
                "expected the i18n plugin (mkdocs-static-i18n) with the site's languages, each with locale and name, "
                "one of them default: true: [{locale: en, name: English, default: true}, {locale: cy, name: Cymraeg}]",
                I18N_WHERE,
            )
        )
        return []
    listed: list[tuple[str, str, bool]] = []
    for index, entry in enumerate(i18n):
        where = f"{I18N_WHERE}[{index}]"
        if not isinstance(entry, dict):
            errors.append(_settings_error("expected a language: {locale: cy, name: Cymraeg}", where))
            continue
        code, name = entry.get("locale"), entry.get("name")
        if not isinstance(code, str) or not CODE.fullmatch(code):
            errors.append(
                _settings_error(
                    f"expected a language code of two or three lower-case letters (ISO 639), such as cy; got {code!r}",
                    f"{where}.locale",
                )
            )
            continue
        where = f"{I18N_WHERE}.{code}"
        if any(code == seen for seen, _, _ in listed):
            errors.append(_settings_error(f"expected each language once; {code} is listed twice", where))
            continue
        if entry.get("build", True) is not True:
            errors.append(
                _settings_error(
                    "expected build: true: Rhannu publishes every page in each of the site's languages", f"{where}.build"
                )
            )
        if problem := _line_problem(name):
            errors.append(
                _settings_error(
                    f"expected the language's name in itself, {problem}, such as Cymraeg; got {name!r}", f"{where}.name"
                )
            )
        listed.append((code, str(name), entry.get("default") is True))
    defaults = [code for code, _, is_default in listed if is_default]
    if listed and len(defaults) != 1:
        got = ", ".join(defaults) or "none"
        errors.append(_settings_error(f"expected exactly one language with default: true; got {got}", I18N_WHERE))
    return listed


def _block(block: object, codes: list[str], errors: list[ContentError]) -> dict[str, tuple[str, str]]:
    """(tag, English name) by code, in the block's order; {} where the schema has no block."""
    if block is None:
        return {}
    expected = ", ".join(codes)
    if not isinstance(block, dict) or set(map(str, block)) != set(codes):
        got = ", ".join(map(str, block)) if isinstance(block, dict) else repr(block)
        errors.append(
            ContentError(
                SCHEMA_FILE,
                f"expected each language mkdocs.yml's i18n plugin lists ({expected}), each once, in the order they "
                f"stand together: {{{codes[0] if codes else 'en'}: {{tag: ..., english_name: ...}}}}; got {got}",
                "languages",
            )
        )
        return {}
    own: dict[str, tuple[str, str]] = {}
    for code, entry in block.items():
        where = f"languages.{code}"
        if not isinstance(entry, dict) or set(entry) - set(BLOCK_KEYS) or not entry:
            errors.append(ContentError(SCHEMA_FILE, f"expected {{tag: ..., english_name: ...}}; got {entry!r}", where))
            continue
        tag, english_name = entry.get("tag", code), entry.get("english_name")
        if not isinstance(tag, str) or not TAG.fullmatch(tag) or tag.split("-")[0] != code:
            errors.append(
                ContentError(
                    SCHEMA_FILE,
                    f"expected a BCP 47 language tag starting with {code}, such as {code} or {code}-GB; got {tag!r}",
                    f"{where}.tag",
                )
            )
        if problem := _line_problem(english_name):
            errors.append(
                ContentError(
                    SCHEMA_FILE,
                    f"expected the language's name in English, {problem}, such as Welsh; got {english_name!r}",
                    f"{where}.english_name",
                )
            )
        own[str(code)] = (str(tag), str(english_name))
    return own


def _line_problem(text: object) -> str | None:
    if not isinstance(text, str) or not text.strip():
        return "some text"
    if "\n" in text or MARKUP & set(text):
        return 'one line of plain text (no <, >, & or ")'
    return None


def schema_languages(data: Mapping[str, Any], i18n: object | None) -> tuple[SiteLanguages | None, list[ContentError]]:
    """The languages a schema's data and mkdocs.yml's list declare, or the errors that say why not."""
    try:
        return declared_languages(i18n, data.get("languages")), []
    except ContentErrors as problems:
        return None, list(problems.errors)


def build_order(root: Path) -> tuple[str, ...]:
    """The site's codes in the order static-i18n builds them: the default first, then the others
    as mkdocs.yml lists them (the languages in use where mkdocs.yml cannot say: the build reports why)."""
    try:
        site = declared_languages(read_i18n_languages(root), None)  # without the block: mkdocs.yml's order
    except ContentErrors:
        site = current()
    return (site.default.code, *(lang.code for lang in site.others))


def site_languages(root: Path) -> SiteLanguages:
    """The languages `root` declares, for commands that read sources without loading the content
    (translations); those in use where the declaration cannot be read (`rhannu check` reports why)."""
    from rhannu.data_files import read_data

    try:
        return declared_languages(read_i18n_languages(root), read_data(root, SCHEMA_FILE).get("languages"))
    except ContentErrors:
        return current()
