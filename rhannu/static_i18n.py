"""Everything Rhannu knows about mkdocs-static-i18n, and the only module that knows it.

static-i18n builds the default language (English) first; its `on_post_build` (priority -100) then
runs MkDocs' whole build again for each other language, with the same `site_dir` (Welsh pages go
under `cy/`). So every hook runs once per language. `config.plugins["i18n"]` says which pass is
running (`current_language`) and whether the outer, first pass is still inside a nested one
(`building`). Each page's `File` knows its twin in every language (`file.alternates`) and the
language of the source it was built from (`file.locale`: English where a Welsh twin is missing).

static-i18n rebuilds each File from `docs_dir + src_uri` and drops files it cannot place there, so
generated pages are added under `docs/` addresses before it runs and given their content after.
It publishes each language's page where the source's name puts it (`cy/case-studies/x/`); pages
whose language names their section or themselves (`cy/astudiaethau-achos/x/`) are moved after it,
along with every File that names them as an alternate, so links, hreflang and the switch follow.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import mkdocs_static_i18n
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from rhannu.languages import DEFAULT, root

PRIORITY = -100  # static-i18n's own on_config, on_files and on_post_build
_SITEMAP_DIR = (Path(mkdocs_static_i18n.__file__).parent / "custom_i18n_sitemap").resolve()


def _plugin(config: MkDocsConfig) -> Any:
    return config.plugins["i18n"]


def is_listed_before(config: MkDocsConfig, plugin: object) -> bool:
    """Whether static-i18n is in `plugins` and listed before `plugin`: static-i18n's own events
    must be registered first, where they run at the same priority as Rhannu's."""
    names = list(config.plugins)
    own = next((name for name, listed in config.plugins.items() if listed is plugin), None)
    return "i18n" in names and own is not None and names.index("i18n") < names.index(own)


def without_own_sitemap(theme_dirs: list[str]) -> list[str]:
    """The theme's folders without static-i18n's sitemap template, which its `on_config` puts
    first whenever the site's `custom_dir` has no sitemap.xml: Rhannu's theme has its own."""
    return [folder for folder in theme_dirs if Path(folder).resolve() != _SITEMAP_DIR]


def current_language(config: MkDocsConfig) -> str:
    """The code of the language whose pass is running."""
    return str(_plugin(config).current_language)


def is_default_pass(config: MkDocsConfig) -> bool:
    return is_default_language(current_language(config))


def is_default_language(code: str) -> bool:
    """The default language is built first and published at the site's root."""
    return code == DEFAULT.code


def is_outer_pass_done(config: MkDocsConfig) -> bool:
    """True in the outer (default language's) `on_post_build`, once every language is built."""
    return not _plugin(config).building


def build_only(config: MkDocsConfig, code: str | None) -> None:
    """Make `code`'s pass the only one this process runs (rhannu.parallel_build), before
    static-i18n's first `on_config`. It then reconfigures the site for that language, publishes its
    pages where the full build does (Welsh under `cy/`), and, seeing itself already building, builds
    no other language. `build_only_locale` would not do: it makes the language the default, at the
    site's root."""
    plugin = _plugin(config)
    if code is None or plugin.current_language is not None:
        return
    plugin.current_language = code
    plugin.building = True


class _DefaultLanguageSettings:
    """The config's settings as the default language's pass reads them."""

    def __init__(self, config: MkDocsConfig) -> None:
        self._config = config
        self._originals = _plugin(config).original_configs  # what static-i18n replaced for the running pass

    def __getattr__(self, name: str) -> Any:
        return self._originals[name] if name in self._originals else getattr(self._config, name)


def default_language_settings(config: MkDocsConfig) -> Any:
    """The site's settings (site_name, extra...) without the running pass's language overrides:
    the Welsh process of a parallel build prepares the same site model as the English pass."""
    return _DefaultLanguageSettings(config)


def search_entries(config: MkDocsConfig) -> list[dict[str, Any]]:
    """The search entries of the languages built in this process so far."""
    return list(_plugin(config).search_entries)


def add_generated(
    files: Files, config: MkDocsConfig, pages: Mapping[str, Any], nav: frozenset[str], assets: Mapping[str, Path]
) -> Files:
    """Before static-i18n: add generated pages and assets at their addresses under docs/."""
    for uri in pages:
        inclusion = InclusionLevel.UNDEFINED if uri in nav else InclusionLevel.NOT_IN_NAV
        files.append(File(uri, config.docs_dir, config.site_dir, config.use_directory_urls, inclusion=inclusion))
    for uri in assets:
        files.append(File(uri, config.docs_dir, config.site_dir, config.use_directory_urls))
    return files


def fill_generated(files: Files, pages: Mapping[str, Any], assets: Mapping[str, Path]) -> Files:
    """After static-i18n has rebuilt every File: give generated pages their Markdown, and point
    assets back at their real files outside docs/."""
    for file in files:
        if (page := pages.get(file.src_uri)) is not None:
            file.content_string = page.markdown
        elif (asset := assets.get(file.src_uri)) is not None:
            file.abs_src_path = str(asset)
    return files


def relocate(files: Files, config: MkDocsConfig, address: Callable[[str, str], str]) -> Files:
    """After static-i18n: move each other-language page to `address(english_url, lang)`."""
    for file in files:  # theme files and assets have no alternates
        for code, alternate in getattr(file, "alternates", {}).items():
            if code != DEFAULT.code and alternate.is_documentation_page():
                _move(alternate, address(alternate.url.removeprefix(root(code)), code), config)
    return files


def _move(file: File, new_url: str, config: MkDocsConfig) -> None:
    if file.url == new_url or not file.dest_uri.endswith("index.html"):
        return
    file.url = new_url
    file.dest_uri = new_url + "index.html"
    file.abs_dest_path = os.path.normpath(os.path.join(config.site_dir, file.dest_uri))


def _i18n_file(page: Page) -> Any:
    """The page's File, with the `locale` and `alternates` attributes static-i18n adds to it."""
    return page.file


def has_own_text(page: Page, lang: str) -> bool:
    """False where the page's `lang` twin is missing and static-i18n built it from English."""
    return _i18n_file(page).locale == lang


@dataclass(frozen=True)
class Twin:
    url: str  # relative to the page
    name: str  # the source's file name, where the page has no title


def source_twin(page: Page) -> Twin | None:
    """The default-language page this page translates (or stands in for); None for a page that
    exists only in another language."""
    source = _i18n_file(page).alternates.get(DEFAULT.code)
    return Twin(get_relative_url(source.url, page.url), source.name) if source is not None else None


def language_urls(page: Page) -> tuple[dict[str, str], set[str]]:
    """The page's address in every language, and the languages it has its own text in."""
    alternates = _i18n_file(page).alternates
    urls = {code: file.url for code, file in alternates.items()}
    own = {code for code, file in alternates.items() if file.locale == code}
    return urls, own
