"""Pairing each page with its twins in the site's other languages, by path."""

from __future__ import annotations

from dataclasses import dataclass

from rhannu.languages import ALL, DEFAULT, OTHERS, Language, is_default, language


@dataclass(frozen=True)
class SourcePath:
    """A Markdown source named `name.md` (the default language) or `name.cy.md` (Welsh, and so on)."""

    path: str
    key: str  # the path with no language suffix: what all twins share
    lang: Language


@dataclass(frozen=True)
class MissingTwin:
    present: str
    missing: str
    missing_lang: Language

    def message(self) -> str:
        return f"{self.present}: has no {self.missing_lang.english_name} twin; add {self.missing}"


def parse_source_path(path: str) -> SourcePath:
    """'news/x.cy.md' is Welsh, keyed 'news/x.md'; a path with no other language's suffix is in the default language."""
    for lang in OTHERS:
        suffix = f".{lang.code}.md"
        if path.endswith(suffix):
            return SourcePath(path, path[: -len(suffix)] + ".md", lang)
    return SourcePath(path, path, language(DEFAULT.code))


def path_in(key: str, code: str) -> str:
    """The source of `key` ('news/x.md') in a language: 'news/x.md' in the default one, 'news/x.cy.md' in Welsh."""
    return key if is_default(code) else key.removesuffix(".md") + f".{code}.md"


def missing_twins(paths: list[str]) -> list[MissingTwin]:
    """Every twin absent in one of the site's languages, after the first source of its key that is present, in path order."""
    sources = [parse_source_path(path) for path in sorted(paths)]
    present = {(source.key, source.lang.code) for source in sources}
    reported: set[tuple[str, str]] = set()
    missing = []
    for source in sources:
        for lang in ALL:
            if (source.key, lang.code) not in present and (source.key, lang.code) not in reported:
                reported.add((source.key, lang.code))
                missing.append(MissingTwin(source.path, path_in(source.key, lang.code), lang))
    return missing
