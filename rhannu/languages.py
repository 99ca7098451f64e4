"""The site's languages, as data: codes, HTML language tags and names, held per build.

A site declares them (rhannu.site_languages reads mkdocs.yml's i18n `languages` and the
`languages:` block of data/schema.yml). Like the site's types (rhannu.content_types) they are held
in a context variable that loading a site sets, so `DEFAULT`, `ALL` and `CODES` read the languages
of the site being built at each use; until a site is loaded they are Rhannu's starting pair,
Welsh and English.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar, Token
from dataclasses import dataclass
from functools import cached_property

from rhannu.current_views import CurrentSequence


@dataclass(frozen=True)
class Language:
    code: str  # the suffix in file names and the URL prefix: "en", "cy"
    tag: str  # BCP 47 tag for lang and hreflang attributes
    name: str  # the language's name in itself, as a switcher shows it
    english_name: str  # as editors' messages, which are in English, name it


@dataclass(frozen=True)
class SiteLanguages:
    """A site's languages in the order they stand together on a page, and its default one."""

    all: tuple[Language, ...]
    default: Language

    @cached_property  # read in every loop over the languages: made once
    def codes(self) -> tuple[str, ...]:
        return tuple(lang.code for lang in self.all)

    @cached_property
    def others(self) -> tuple[Language, ...]:
        """Every language but the default, in order: those whose pages live under their own folder."""
        return tuple(lang for lang in self.all if lang.code != self.default.code)

    @cached_property
    def _by_code(self) -> dict[str, Language]:
        return {lang.code: lang for lang in self.all}

    def by_code(self, code: str) -> Language:
        try:
            return self._by_code[code]
        except KeyError:
            raise ValueError(f"unknown language {code!r}; expected one of {', '.join(self.codes)}") from None


ENGLISH = Language("en", "en-GB", "English", "English")
WELSH = Language("cy", "cy", "Cymraeg", "Welsh")
STARTING = SiteLanguages((WELSH, ENGLISH), ENGLISH)  # Rhannu's starting pair, as `rhannu init` declares it

_CURRENT: ContextVar[SiteLanguages] = ContextVar("rhannu_site_languages", default=STARTING)


def use_languages(languages: SiteLanguages) -> Token[SiteLanguages]:
    """Make `languages` the site's languages for this context; the token puts back the ones before."""
    return _CURRENT.set(languages)


def restore_languages(token: Token[SiteLanguages]) -> None:
    _CURRENT.reset(token)


@contextmanager
def using(languages: SiteLanguages) -> Iterator[None]:
    """`languages` in use for the block, then those before (to check a site's data in its own languages)."""
    token = use_languages(languages)
    try:
        yield
    finally:
        restore_languages(token)


def current() -> SiteLanguages:
    return _CURRENT.get()


class _CurrentDefault:
    """The current site's default language, read at each use (see the module's docstring)."""

    @property
    def code(self) -> str:
        return _CURRENT.get().default.code

    @property
    def tag(self) -> str:
        return _CURRENT.get().default.tag

    @property
    def name(self) -> str:
        return _CURRENT.get().default.name

    @property
    def english_name(self) -> str:
        return _CURRENT.get().default.english_name

    def __eq__(self, other: object) -> bool:
        return _CURRENT.get().default == other

    def __hash__(self) -> int:
        return hash(_CURRENT.get().default)


DEFAULT: Language = _CurrentDefault()  # type: ignore[assignment]  # reads like a Language
ALL: Sequence[Language] = CurrentSequence(lambda: _CURRENT.get().all)  # in order: Welsh first wherever both stand together today
CODES: Sequence[str] = CurrentSequence(lambda: _CURRENT.get().codes)
OTHERS: Sequence[Language] = CurrentSequence(lambda: _CURRENT.get().others)  # every language but the default


def default_first() -> tuple[str, ...]:
    """The codes with the default language's first, the others in order: the order of outputs that
    list every language's (redirects, the catalogue's texts)."""
    site = _CURRENT.get()
    return (site.default.code, *(lang.code for lang in site.others))


def language(code: str) -> Language:
    return _CURRENT.get().by_code(code)


def is_default(code: str) -> bool:
    return code == _CURRENT.get().default.code


def root(code: str) -> str:
    """The folder a language's pages live under: '' for the default language, 'cy/' for Welsh."""
    return "" if is_default(code) else f"{code}/"
