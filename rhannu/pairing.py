"""Pairing each page with its twin in the other language, by path."""

from __future__ import annotations

from dataclasses import dataclass

from rhannu.languages import DEFAULT, WELSH, Language


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


_WELSH_SUFFIX = f".{WELSH.code}.md"


def parse_source_path(path: str) -> SourcePath:
    """'news/x.cy.md' is Welsh, keyed 'news/x.md'; any other '.md' path is English."""
    if path.endswith(_WELSH_SUFFIX):
        return SourcePath(path, path[: -len(_WELSH_SUFFIX)] + ".md", WELSH)
    return SourcePath(path, path, DEFAULT)


def twin_path(source: SourcePath) -> str:
    if source.lang is DEFAULT:
        return source.key.removesuffix(".md") + _WELSH_SUFFIX
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
