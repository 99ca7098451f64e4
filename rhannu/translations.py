"""Which translations exist (Welsh, and any other language the site has besides its default,
English), and which were translated from English text that has changed since.

A Welsh file records, in `translated_from`, a short fingerprint of the English title, summary
(or description) and body it was translated from; `rhannu translations mark PAGE` writes it.
When the English changes, the fingerprints differ and the Welsh page is stale: reported at INFO
(a strict build still passes) and shown with a Welsh notice.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from rhannu.content_types import TYPES, ContentType, site_types
from rhannu.errors import ContentError, ContentErrors, read_text
from rhannu.files import write_whole
from rhannu.frontmatter import Source, parse_source
from rhannu.languages import DEFAULT, OTHERS
from rhannu.pairing import parse_source_path, path_in


def source_folders(root: Path) -> tuple[str, ...]:
    """docs/ and the folder of each content type the site's schema declares."""
    return ("docs", *(kind.folder for kind in site_types(root)))


FIELD = "translated_from"
FINGERPRINT = re.compile(r"^[0-9a-f]{12}$")
PRESENT, MISSING, STALE = "present", "missing", "stale"


@dataclass(frozen=True)
class Translation:
    english: str  # the default language's file: path from the project root
    welsh: str  # the translation's file (Welsh, or another language's: `lang`)
    status: str  # present, missing, stale
    lang: str  # the translation's language


def fingerprint_of(title: str, summary: str, body: str) -> str:
    """12 hex digits of SHA-256 over the English title, summary and body, spacing ignored."""
    text = "\n".join(" ".join(str(part).split()) for part in (title, summary, body))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def fingerprint(source: Source) -> str:
    meta = source.meta
    return fingerprint_of(str(meta.get("title", "")), str(meta.get("summary", meta.get("description", ""))), source.body)


def stale_records(items) -> list[str]:
    """Paths of translations among content records whose English changed since translation."""
    stale = []
    for item in items:
        english = item.texts.get(DEFAULT.code)
        for lang in OTHERS:
            translation = item.texts.get(lang.code)
            translated_from = translation.translated_from if english and translation else None
            if translated_from and translated_from != fingerprint_of(english.title, english.summary, english.body):
                stale.append(translation.path)
    return stale


def _read(root: Path, path: str) -> Source | None:
    try:
        source = parse_source(path, read_text(root, path))
    except ContentErrors:
        return None  # unreadable files are the check's to report
    return source if isinstance(source, Source) else None  # malformed files are the check's to report


def english_sources(root: Path, folders: tuple[str, ...] | None = None) -> list[str]:
    paths = []
    for folder in folders if folders is not None else source_folders(root):
        base = root / folder
        if base.is_dir():
            paths += [
                path.relative_to(root).as_posix()
                for path in base.rglob("*.md")
                if parse_source_path(path.name).lang.code == DEFAULT.code and "assets" not in path.parts
            ]
    return sorted(paths)


def status_of(root: Path, english: str, lang: str | None = None) -> Translation:
    """The state of the `lang` translation (the first other language's where none is named) of a default-language file."""
    code = lang or OTHERS[0].code
    welsh = path_in(parse_source_path(english).key, code)
    if not (root / welsh).exists():
        return Translation(english, welsh, MISSING, code)
    welsh_source, english_source = _read(root, welsh), _read(root, english)
    recorded = welsh_source.meta.get(FIELD) if welsh_source else None
    if recorded and english_source and recorded != fingerprint(english_source):
        return Translation(english, welsh, STALE, code)
    return Translation(english, welsh, PRESENT, code)


def statuses(root: Path, folders: tuple[str, ...] | None = None) -> list[Translation]:
    """The state of each translation of each default-language file, in path then language order."""
    return [status_of(root, english, lang.code) for english in english_sources(root, folders) for lang in OTHERS]


def site_page(welsh_path: str, types: Sequence[ContentType] = TYPES) -> str | None:
    """The src_uri MkDocs knows a Welsh source's page by ('docs/about.cy.md' -> 'about.cy.md',
    'case_studies/x.cy.md' -> 'case-studies/x.cy.md'); None for items with no page of their own."""
    folder, _, rest = welsh_path.partition("/")
    addresses = {"docs": "", **{kind.folder: f"{kind.address}/" for kind in types if kind.address is not None}}
    return None if folder not in addresses else addresses[folder] + rest


def mark(root: Path, page: str) -> Translation:
    """Record in the Welsh file that it now translates the English as it stands. Raises ValueError
    for a page that is not a pair of sources, ContentErrors for a file that cannot be read."""
    if not _is_source(page, source_folders(root)):
        folders = ", ".join(f"{folder}/" for folder in source_folders(root))
        raise ValueError(f"{page}: expected a Markdown source in {folders} given from the project folder, e.g. case_studies/x.md")
    source = parse_source_path(page)
    english = page if source.lang.code == DEFAULT.code else source.key
    if source.lang.code == DEFAULT.code and len(OTHERS) > 1:
        choices = " or ".join(path_in(source.key, lang.code) for lang in OTHERS)
        raise ValueError(f"{page}: expected the translation to mark, {choices}: the site has several")
    welsh = path_in(source.key, OTHERS[0].code if source.lang.code == DEFAULT.code else source.lang.code)
    if not (root / english).is_file() or not (root / welsh).is_file():
        raise ValueError(f"{page}: expected a page with both {english} and {welsh}")
    english_source = _parsed(english, read_text(root, english))
    text = read_text(root, welsh)
    _parsed(welsh, text)  # front matter that opens and closes: the field goes in it, never in the body
    write_whole(root / welsh, with_field(text, FIELD, fingerprint(english_source)))
    return Translation(english, welsh, PRESENT, parse_source_path(welsh).lang.code)


def _is_source(page: str, folders: tuple[str, ...]) -> bool:
    parts = PurePosixPath(page).parts
    return len(parts) > 1 and parts[0] in folders and ".." not in parts and page.endswith(".md")


def _parsed(path: str, text: str) -> Source:
    source = parse_source(path, text)
    if isinstance(source, ContentError):
        raise ContentErrors([source])
    return source


def with_field(text: str, name: str, value: str) -> str:
    """The Markdown source with `name: value` set in its front matter (replaced or added last);
    `text` has front matter (parse_source has read it)."""
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.split(newline)
    end = next(i for i, line in enumerate(lines[1:], start=1) if line.strip() == "---")
    for number in range(1, end):
        if lines[number].startswith(f"{name}:"):
            lines[number] = f"{name}: {value}"
            return newline.join(lines)
    lines.insert(end, f"{name}: {value}")
    return newline.join(lines)
