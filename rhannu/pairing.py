"""Pairing each page with its twin in the other language, by path."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from rhannu.languages import DEFAULT, WELSH, Language, language


@dataclass(frozen=True)
class SourcePath:
    """A Markdown source named `name.md` (English) or `name.cy.md` (Welsh)."""

    path: str
    key: str  # the path with no language suffix: what both twins share
    lang: Language


@dataclass(frozen=True)
class MissingTwin:
    present: str
    missing: str
    missing_lang: Language

    def message(self) -> str:
        return f"{self.present}: has no {self.missing_lang.english_name} twin; add {self.missing}"


def parse_source_path(path: str) -> SourcePath:
    pure = PurePosixPath(path)
    stem = PurePosixPath(pure.stem)
    if stem.suffix and stem.suffix[1:] == WELSH.code:
        key = str(pure.with_name(stem.stem + pure.suffix))
        return SourcePath(path, key, language(WELSH.code))
    return SourcePath(path, path, DEFAULT)


def twin_path(source: SourcePath) -> str:
    pure = PurePosixPath(source.key)
    if source.lang is DEFAULT:
        return str(pure.with_name(f"{pure.stem}.{WELSH.code}{pure.suffix}"))
    return source.key


def missing_twins(paths: list[str]) -> list[MissingTwin]:
    """Every Markdown source whose twin in the other language is absent, in path order."""
    sources = [parse_source_path(path) for path in sorted(paths)]
    present = {(source.key, source.lang.code) for source in sources}
    missing = []
    for source in sources:
        other_lang = WELSH if source.lang is DEFAULT else DEFAULT
        if (source.key, other_lang.code) not in present:
            missing.append(MissingTwin(source.path, twin_path(source), other_lang))
    return missing
