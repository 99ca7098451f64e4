"""The site's two languages, as data: codes, HTML language tags and names."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    code: str  # the suffix in file names and the URL prefix: "en", "cy"
    tag: str  # BCP 47 tag for lang and hreflang attributes
    name: str  # the language's name in itself, as a switcher shows it
    switch_hint: str  # visually hidden text on the link that switches *to* this language
    og_locale: str
    english_name: str  # as editors' messages, which are in English, name it


ENGLISH = Language("en", "en-GB", "English", "Change the language to English", "en_GB", "English")
WELSH = Language("cy", "cy", "Cymraeg", "Newid yr iaith i'r Gymraeg", "cy_GB", "Welsh")

DEFAULT = ENGLISH
ALL: tuple[Language, ...] = (WELSH, ENGLISH)  # Welsh first wherever both stand together
BY_CODE = {language.code: language for language in ALL}


def language(code: str) -> Language:
    try:
        return BY_CODE[code]
    except KeyError:
        valid = ", ".join(BY_CODE)
        raise ValueError(f"unknown language {code!r}; expected one of {valid}") from None


def other(lang: Language) -> Language:
    return ENGLISH if lang is WELSH else WELSH
