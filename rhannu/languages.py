"""The site's two languages, as data: codes, HTML language tags and names."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    code: str  # the suffix in file names and the URL prefix: "en", "cy"
    tag: str  # BCP 47 tag for lang and hreflang attributes
    name: str  # the language's name in itself, as a switcher shows it
    english_name: str  # as editors' messages, which are in English, name it


ENGLISH = Language("en", "en-GB", "English", "English")
WELSH = Language("cy", "cy", "Cymraeg", "Welsh")

DEFAULT = ENGLISH
ALL: tuple[Language, ...] = (WELSH, ENGLISH)  # Welsh first wherever both stand together
CODES: tuple[str, ...] = tuple(lang.code for lang in ALL)
BY_CODE = {lang.code: lang for lang in ALL}


def language(code: str) -> Language:
    try:
        return BY_CODE[code]
    except KeyError:
        valid = ", ".join(BY_CODE)
        raise ValueError(f"unknown language {code!r}; expected one of {valid}") from None


def root(code: str) -> str:
    """The folder a language's pages live under: '' for the default language, 'cy/' for Welsh."""
    return "" if code == DEFAULT.code else f"{code}/"
