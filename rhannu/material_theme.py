"""Everything Rhannu knows about Material for MkDocs' internals, and the only module that knows it.

Each item below depends on the exact markup or bundle of the pinned version, so the build checks
that version at start-up (`check_version`), and each change fails loudly when its target is gone:

- its compiled JavaScript prefetches `sitemap.xml` beside every `<link rel="alternate">`; our
  alternates are each page's twin, so it would request `/about/sitemap.xml` (404s, and requests to
  the placeholder domain in preview). The call is blanked by a comment of the same length;
- markup the Nu HTML checker and axe-core report and its templates cannot avoid, fixed as the
  fragment of the page shell that prints it is rendered (`fixed_fragment`, once per cached
  fragment), in Rhannu's `partials/logo.html`, and on each page only for base.html's two toggles
  (`fix_page`);
- Welsh pages search the Welsh index at `/cy/search/` (`rhannu.search`): the `base` that its
  `__config` script gives the search worker is moved under `cy/` on Welsh pages (in the `config`
  block's fragment);
- the preview's in-place update replaces a built page's article and title, and print addresses
  are added to a page's article (`with_article_changed`);
- the 404 page for one-404 hosts carries the Welsh 404's header, back-to-top button, footer,
  title and `__config` for its script to put in place at a Welsh address (`not_found_parts`);
- the light/dark toggle's names (`theme.palette[*].toggle.name`, which Material prints as the
  radio's `aria-label` and the label's `title`) are set per language pass from Rhannu's labels;
- the menu's markup is rendered once per distinct result (`with_fragment_caches`): Rhannu's
  `partials/nav.html` reaches Material's under a prefix and keys it on everything through which
  Material's `partials/nav.html` and `partials/nav-item.html` depend on the page; the header's
  search dialog and palette toggles, which do not depend on it, are rendered once per pass;
- the menu (issue 21): a section's name leads to its first page (`navigation.indexes`, through
  `Page.is_index`), and a page the menu does not list marks its section's link there as current
  (`Page.active`, and the link's markup in `partials/nav-item.html`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from html import escape, unescape
from importlib.metadata import version
from pathlib import Path
from typing import Any, NamedTuple

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PrefixLoader, pass_context
from jinja2.runtime import Context
from mkdocs.utils import get_relative_url, normalize_url

from rhannu.languages import CODES, root

PINNED_VERSION = "9.8.2"
REVIEW_ON_UPGRADE = (
    "the bundle patch (ALTERNATE_PREFETCH), the 404 page's parts (_NOT_FOUND_PARTS), the markup fixes "
    "(fix_page: base.html's toggles, still the body's first elements; fixed_fragment: each fix's "
    "target still printed by the partial or block whose fragment it fixes, nav-item.html, search.html, "
    "toc.html, the config block; the table of contents' toggle still printed only by nav-item.html, "
    "where `nav_item` is the page, before its table of contents: with_fragment_caches' rhannu_toc), "
    "the __config 'base' rewrite, the preview's article and title "
    "patterns, the palette toggles' names (partials/palette.html), the menu's section pages and "
    "their marked link (partials/nav-item.html), the menu's cache key (nav_fragment_key: what "
    "partials/nav.html and partials/nav-item.html read of the page) and that partials/search.html and "
    "partials/palette.html still read nothing of it, in rhannu/material_theme.py; "
    "the dark scheme's colours and the toggle's focus in rhannu.css against palette.css; and "
    "rhannu/theme/main.html's site_meta block, rhannu/theme/partials/logo.html and "
    "rhannu/theme/partials/languages/ against the new templates"
)


# --- The engine's templates and assets ---------------------------------------------------------

THEME_DIR = Path(__file__).parent / "theme"  # shipped in the package: templates, stylesheet, scripts
STYLESHEETS = ("assets/stylesheets/rhannu.css",)
SCRIPTS = ("assets/javascripts/case-study-filters.js", "assets/javascripts/search-results-focus.js", "assets/javascripts/cite.js")


def with_engine_theme(theme_dirs: list[str], custom_dir: str | None) -> list[str]:
    """The theme's folders with the engine's templates after the site's own `custom_dir` (so a site
    can override any of them) and before Material's. The same list however often it is applied."""
    dirs = [folder for folder in theme_dirs if Path(folder) != THEME_DIR]
    place = 1 if custom_dir and dirs and Path(dirs[0]) == Path(custom_dir) else 0
    return [*dirs[:place], str(THEME_DIR), *dirs[place:]]


def with_engine_files(engine: tuple[str, ...], listed: list[Any]) -> list[Any]:
    """The engine's stylesheets or scripts first, then those the site lists itself; once each."""
    own = [item for item in listed if str(item) not in engine]
    return [*engine, *own]


class ThemeError(RuntimeError):
    """The installed Material is not the one these changes were written for."""


def check_version(installed: str | None = None) -> None:
    installed = installed or version("mkdocs-material")
    if installed != PINNED_VERSION:
        raise ThemeError(
            f"mkdocs-material {installed} is installed, but Rhannu is written for {PINNED_VERSION} "
            f"(pinned in pyproject.toml). Before changing the pin, review {REVIEW_ON_UPGRADE}."
        )


# --- The compiled bundle ----------------------------------------------------------------------

ALTERNATE_PREFETCH = "ui({document$:ct});"
PATCHED = "/*rhannu: removed*/"  # the same length, so the bundle's source map stays aligned
assert len(PATCHED) == len(ALTERNATE_PREFETCH)


def without_alternate_prefetch(bundle: str, name: str) -> str:
    if PATCHED in bundle:
        return bundle
    if ALTERNATE_PREFETCH not in bundle:
        raise ThemeError(
            f"{name}: Material's alternate-link prefetch ({ALTERNATE_PREFETCH}) was not found; "
            "the pinned mkdocs-material changed, so update rhannu/material_theme.py for its bundle"
        )
    return bundle.replace(ALTERNATE_PREFETCH, PATCHED)


def patched_bundles(site_dir: Path) -> dict[str, bytes]:
    """Material's bundle in `site_dir` without the sitemap prefetch, by path in the site."""
    bundles = sorted((site_dir / "assets/javascripts").glob("bundle.*.min.js"))
    if not bundles:
        raise ThemeError(f"{site_dir}/assets/javascripts: Material's bundle was not found")
    return {
        bundle.relative_to(site_dir).as_posix(): without_alternate_prefetch(
            bundle.read_text(encoding="utf-8"), str(bundle)
        ).encode("utf-8")
        for bundle in bundles
    }


# --- The palette toggle ---------------------------------------------------------------------------


def name_palette_toggles(theme: Any, to_dark: str, to_light: str) -> None:
    """Name each scheme's toggle in the language of the pass being built: Material's
    `partials/palette.html` shows, on the page in one scheme, the toggle that leads to the other,
    named by that scheme's `toggle.name` (so the light scheme's toggle is 'to dark')."""
    palette = theme.get("palette")
    if not isinstance(palette, list):
        return  # one scheme, no toggle
    for option in palette:
        toggle = option.get("toggle") if isinstance(option, dict) else None
        if not isinstance(toggle, dict):
            raise ThemeError(f"theme.palette: each scheme needs a 'toggle' with an 'icon' (got {option!r})")
        toggle["name"] = escape(to_light if option.get("scheme") == "slate" else to_dark)


# --- Page markup --------------------------------------------------------------------------------

# Markup the Nu checker and axe report and Material's templates cannot avoid, fixed where the
# template that prints it is rendered: in Rhannu's partials (logo.html), or in the fragment of the
# page shell that holds it as that is rendered (`fixed_fragment`, once per cached fragment:
# `with_fragment_caches`). Only base.html's two toggles, printed outside any block, are fixed on
# each page (`fix_page`, which stops at each one's first hit): the per-page pass scanned whole
# pages seven times, 3% of a build. A site's own copy of one of these partials (in its custom_dir)
# prints its own markup, unfixed. Exact strings: a regular expression over whole pages cost a
# tenth of the build. The Nu checker and axe run on every page type in the tests.

# base.html's toggles open the body: only text-like inputs may carry autocomplete
_CHECKBOXES = (
    ('type="checkbox" id="__drawer" autocomplete="off">', 'type="checkbox" id="__drawer">'),
    ('type="checkbox" id="__search" autocomplete="off">', 'type="checkbox" id="__search">'),
)
# partials/nav-item.html: an empty tabindex is not a number
_MENU_TABINDEX = ' tabindex=""'
# partials/search.html: the search results' scrolling box is a focus stop of its own, found by Tab
# even while the search is closed or has no results; a script gives it back while there are results
# (overrides/assets/javascripts/search-results-focus.js)
_SCROLLWRAP = (
    '<div class="md-search__scrollwrap" tabindex="0" data-md-scrollfix>',
    '<div class="md-search__scrollwrap" data-md-scrollfix>',
)
_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
# partials/toc.html: the table of contents' title is a `<label for="__toc">`, but the `__toc` toggle
# only exists where the menu prints the page's own table of contents (`with_fragment_caches`):
# elsewhere the title becomes a plain element.
_TOC_TITLE = ('<label class="md-nav__title" for="__toc">', "</label>")
_PLAIN_TITLE = ('<div class="md-nav__title">', "</div>")
_CONFIG = '<script id="__config" type="application/json">'
_CONFIG_BASE = re.compile(r'(\{"annotate": [^,]*, "base": ")([^"]*)(")')


class MarkupFixes(NamedTuple):
    """What the fixes of one language pass print: `search_label` names the search dialog (axe:
    aria-dialog-name); `search_root` ('cy/') points search at a language's own index."""

    search_label: str
    search_root: str = ""


def fix_page(html: str) -> str:
    """A page as Material wrote it, with base.html's two toggles made valid: the body's first
    elements, so each replacement stops at its first hit, near the page's start (the head before
    them prints attribute values escaped and JSON with its quotes escaped)."""
    for old, new in _CHECKBOXES:
        html = html.replace(old, new, 1)
    return html


def fixed_fragment(name: str, html: str, fixes: MarkupFixes) -> str:
    """A fragment of the page shell (see `with_fragment_caches`) as Material rendered it, made
    valid and accessible: the menu ('nav'), the search dialog ('search'), the `config` block, and
    a table of contents whose page has no `__toc` toggle ('toc'); any other as it is."""
    if name == "nav":
        return html.replace(_MENU_TABINDEX, "")
    if name == "search":
        html = html.replace(*_SCROLLWRAP)
        return html.replace(_SEARCH_DIALOG, f'{_SEARCH_DIALOG[:-1]} aria-label="{fixes.search_label}">', 1)
    if name == "config":
        return _with_search_root(html, fixes.search_root) if fixes.search_root else html
    if name == "toc":
        return _with_plain_toc_titles(html)
    return html


def _with_plain_toc_titles(html: str) -> str:
    """Each `_TOC_TITLE` label, up to its first closing tag, made a `_PLAIN_TITLE` element: what
    `re.sub(r'<label ...>(.*?)</label>', r'<div ...>\\1</div>', html, flags=re.DOTALL)` gives, without
    expanding a template for each page's table of contents."""
    (opening, closing), parts, done = _TOC_TITLE, [], 0
    while (start := html.find(opening, done)) >= 0 and (end := html.find(closing, start + len(opening))) >= 0:
        parts += [html[done:start], _PLAIN_TITLE[0], html[start + len(opening) : end], _PLAIN_TITLE[1]]
        done = end + len(closing)
    return "".join([*parts, html[done:]])


def _with_search_root(html: str, search_root: str) -> str:
    start = html.find(_CONFIG)
    match = _CONFIG_BASE.match(html, start + len(_CONFIG)) if start >= 0 else None
    if match is None:
        return html  # a page without Material's search (a redirect, an email)
    base = f"{match[1]}{match[2].rstrip('/')}/{search_root}{match[3]}"
    return html[: match.start()] + base + html[match.end() :]


# --- The 404 page's parts ----------------------------------------------------------------------

# What differs between the language passes' 404 pages, by the CSS selector the page's script
# replaces: the header (site name, search, palette toggles, language switch), the back-to-top
# button and the footer. The main part of the page is bilingual in both.
_NOT_FOUND_PARTS = {
    "header.md-header": re.compile(r'<header class="md-header[^"]*" data-md-component="header">.*?</header>', re.DOTALL),
    "button.md-top": re.compile(r'<button type="button" class="md-top md-icon"[^>]*>.*?</button>', re.DOTALL),
    "footer.md-footer": re.compile(r'<footer class="md-footer">.*?</footer>', re.DOTALL),
}
_HTML_LANG = re.compile(r'<html lang="([^"]+)"')
_CONFIG_TEXT = re.compile(re.escape(_CONFIG) + r"(.*?)</script>", re.DOTALL)
_TITLE_TEXT = re.compile(r"<title>(.*?)</title>", re.DOTALL)


def not_found_parts(html: str) -> dict[str, Any]:
    """What a 404 page's script needs to turn another language's 404 page into this one: its
    `lang`, its title (as text), its header, back-to-top button and footer (as markup, by CSS
    selector) and the text of its `__config` script (search index, translations)."""
    found = {selector: pattern.search(html) for selector, pattern in _NOT_FOUND_PARTS.items()}
    lang, config, title = _HTML_LANG.search(html), _CONFIG_TEXT.search(html), _TITLE_TEXT.search(html)
    if lang is None or config is None or title is None or any(match is None for match in found.values()):
        missing = [
            name for name, match in [*found.items(), ("lang", lang), ("__config", config), ("title", title)] if match is None
        ]
        raise ThemeError(f"the 404 page has no {', '.join(missing)}: review {REVIEW_ON_UPGRADE}")
    return {
        "lang": lang[1],
        "title": unescape(title[1].strip()),
        "parts": {selector: match[0] for selector, match in found.items() if match is not None},
        "config": config[1],
    }


# --- The preview's in-place update ---------------------------------------------------------------

_ARTICLE = re.compile(r'(<article class="md-content__inner md-typeset">\s*)(.*?)(\s*</article>)', re.DOTALL)
_TITLE = re.compile(r"<title>.*?</title>", re.DOTALL)


def with_article(html: str, article: str) -> str:
    """A built page with its article's content replaced."""
    return _ARTICLE.sub(lambda match: match.group(1) + article + match.group(3), html, count=1)


_ARTICLE_OPENING = re.compile(r'<article class="md-content__inner md-typeset">\s*')
_ARTICLE_CLOSE = "</article>"


def article_span(html: str) -> tuple[int, int] | None:
    """Where a built page's article content starts and ends (what `_ARTICLE` finds as its second
    group: after the opening tag and the white space that follows it, up to the white space
    before the first closing tag), or None without one. Found without the lazy pattern, which tries
    the closing tag at every character of every item page's article (for its print addresses)."""
    if (opening := _ARTICLE_OPENING.search(html)) is None:
        return None
    start = opening.end()
    closing = html.find(_ARTICLE_CLOSE, start)
    if closing < 0:
        return None
    return start, start + len(html[start:closing].rstrip())


def with_article_changed(html: str, change: Callable[[str], str]) -> str:
    """A built page with `change` applied to its article's content (unchanged without one)."""
    if (span := article_span(html)) is None:
        return html
    start, end = span
    return html[:start] + change(html[start:end]) + html[end:]


def with_title(html: str, title: str) -> str:
    """A built page with its <title> replaced (`title` is escaped text)."""
    return _TITLE.sub(lambda _: f"<title>{title}</title>", html, count=1)


# --- The navigation ----------------------------------------------------------------------------


def name_sections_by_first_page(items: list) -> None:
    """Each section's name leads to its first page, which the menu then does not repeat below it
    ("Newsletters" > "Newsletters"). Material does this (feature `navigation.indexes`) for a
    section whose first page is an `index.md`: here every section's first page counts as one.
    `Page.is_index` reads `file.name`, which nothing reads after the navigation is made but the
    templates; the file's address is fixed first, so it stays as it was."""
    for item in items:
        children = getattr(item, "children", None) or []
        first = children[0] if children else None
        if getattr(item, "is_section", False) and first is not None and getattr(first, "is_page", False):
            file = first.file
            file.dest_uri, file.url = file.dest_uri, file.url  # fixed before the name changes
            file.name = "index"
        name_sections_by_first_page(children)


def section_page(nav: Any, page: Any) -> Any:
    """For a page the navigation does not list (a case study, a facet page, a lesson, an issue),
    the listed page whose address holds its address ("case-studies/" for "case-studies/x/"), or
    None. A language's home page ('', 'cy/') holds every address, so it never counts."""
    if page in nav.pages:
        return None
    found, found_url, page_url = None, "", page.url
    for listed_url, listed in _listed_addresses(nav):
        if listed_url != page_url and page_url.startswith(listed_url) and (found is None or len(listed_url) > len(found_url)):
            found, found_url = listed, listed_url
    return found


_last_listed: list[Any] = [None, ()]  # (a navigation, its pages' addresses): asked once a page


def _listed_addresses(nav: Any) -> tuple[tuple[str, Any], ...]:
    """Each page the navigation lists with its address, but the languages' home pages."""
    if _last_listed[0] is not nav:
        homes = {root(code) for code in CODES}
        _last_listed[:] = [nav, tuple((listed.url, listed) for listed in nav.pages if listed.url not in homes)]
    return _last_listed[1]


def mark_active(listed: Any, active: bool) -> None:
    """Show `listed` (a page in the navigation) as the reader's section while another page is
    rendered, or stop: `Page.active` marks its sections too (`md-nav__item--active`), and opens
    them in the phone's menu."""
    if listed is not None:
        listed.active = active


def with_section_marked(html: str, listed_url: str, page_url: str) -> str:
    """A written page whose menu shows the link to `listed_url` (its section's page, see
    `section_page`) as Material shows the current page's (`md-nav__link--active`), and says so to
    assistive technology (`aria-current`). Links to it outside the menu have no such class."""
    href = escape(get_relative_url(listed_url, page_url))
    link = re.compile(f'<a href="{re.escape(href)}" class="md-nav__link ?">')
    marked, found = link.subn(f'<a href="{href}" class="md-nav__link md-nav__link--active" aria-current="true">', html, count=1)
    if not found and 'class="md-nav md-nav--primary"' in html:  # a page may hide the menu (hide: [navigation])
        raise ThemeError(
            f"{page_url}: the menu's link to {listed_url} was not found; the pinned mkdocs-material changed "
            "its partials/nav-item.html, so update rhannu/material_theme.py (with_section_marked)"
        )
    return marked


def search_index_config(config: Any) -> dict[str, Any]:
    """The `config` Material's search plugin writes into its index (its generate_search_index)."""
    plugin = config.plugins.get("material/search") or config.plugins["search"]
    return {key: plugin.search_index.config[key] for key in ("lang", "separator", "pipeline", "fields")}


# --- The templates' fragment caches ------------------------------------------------------------

THEMES_PAST_ENGINE = "rhannu-past-engine/"  # a template as the theme folders after Rhannu's have it


def with_fragment_caches(env: Environment, theme_dirs: list[str], lang: str, fixes: MarkupFixes) -> Environment:
    """`env` (one language pass's) with what Rhannu's caching partials need: the templates they
    replace, reached past Rhannu's theme folder, and this pass's caches, which die with the
    environment (`rhannu_cached`, keyed by `fragment_key`). `partials/nav.html` renders the menu
    once per key (`nav_fragment_key`); `partials/search.html` and `partials/palette.html`, which
    read nothing of the page (only `lang`, `features`, the theme's icons and palette, fixed for
    the pass), once per pass; the styles, __config and scripts blocks once per `asset_fragment_key`.
    Each fragment is fixed as it is rendered (`fixed_fragment`, with this pass's `fixes`), so a
    cached one once per key; `partials/toc.html` through `rhannu_toc`, every time."""
    past_engine = theme_dirs[_engine_place(theme_dirs) + 1 :]
    env.loader = ChoiceLoader(
        [*([env.loader] if env.loader else []), PrefixLoader({THEMES_PAST_ENGINE.rstrip("/"): FileSystemLoader(past_engine)})]
    )
    fragments: dict[tuple[Any, ...], str] = {}
    toggled: list[Any] = [None]  # the page whose menu printed the `__toc` toggle, till its sidebar's table of contents

    @pass_context
    def cached(context: Context, name: str, caller: Callable[[], str]) -> str:
        """`{% call rhannu_cached(name) %}...{% endcall %}`: what the call holds, rendered and
        fixed once per key of this pass (`fragment_key`), or every time where the key is None."""
        found = fragment_key(name, lang, context)
        if found is None:
            return fixed_fragment(name, caller(), fixes)
        if found not in fragments:
            fragments[found] = fixed_fragment(name, caller(), fixes)
        return fragments[found]

    @pass_context
    def toc(context: Context, caller: Callable[[], str]) -> str:
        """`{% call rhannu_toc() %}...{% endcall %}`: Material's table of contents, whose title
        labels the `__toc` toggle. The menu prints the toggle where it lists the page, just before
        the page's own table of contents (partials/nav-item.html, where `nav_item` is the page),
        so before the sidebar's: the sidebar's title is plain where the page's menu printed none."""
        page, html = context.get("page"), caller()
        if page is not None and context.get("nav_item") == page:
            toggled[0] = page
            return html
        shown, toggled[0] = page is not None and toggled[0] is page, None
        return html if shown else fixed_fragment("toc", html, fixes)

    env.globals["rhannu_cached"] = cached
    env.globals["rhannu_toc"] = toc
    return env


PER_PASS = ("search", "palette")  # partials that read nothing of the page: Material's search dialog and palette toggles


def fragment_key(name: str, lang: str, context: Any) -> tuple[Any, ...] | None:
    """The key a cached fragment of the page shell is stored under in one pass: the menu's
    (`nav_fragment_key`), a partial's that reads nothing of the page (its name), or a block's that
    reads only asset paths (`asset_fragment_key`); None: render it every time."""
    if name == "nav":
        found = nav_fragment_key(lang, context.get("nav"), context.get("page"), context.get("config"))
        return None if found is None else (name, *found)
    if name in PER_PASS:
        return (name,)
    return asset_fragment_key(name, lang, context.get("page"), context.get("base_url"), context.get("config"))


def asset_fragment_key(name: str, lang: str, page: Any, base_url: Any, config: Any) -> tuple[Any, ...] | None:
    """The key of a block of the page shell that reads of the page only its `base_url` and the
    paths `url` makes relative to it (Material's styles, __config and scripts blocks, and Rhannu's
    scripts before Material's): None for a page-less template. Material's own paths lie in the
    theme's assets/ folder, which no page may take (rhannu.addresses reserves it), so the relative
    way to assets/ stands for all of them; the site's extra_css and extra_javascript, which may lie
    anywhere, are each in the key as `url` prints them from the page."""
    if page is None:
        return None
    paths = ("assets/", *map(str, config["extra_css"]), *map(str, config["extra_javascript"]))
    return (name, lang, str(base_url), _relative_paths(page, paths))


_last_relative: list[Any] = [None, None, None, ()]  # (page, its url, paths, their relative forms): three blocks a page ask


def _relative_paths(page: Any, paths: tuple[str, ...]) -> tuple[str, ...]:
    """Each of `paths` as the `url` filter prints it from `page`, worked out once for the page's
    three blocks that ask in turn."""
    last_page, last_url, last_paths, relative = _last_relative
    if last_page is not page or last_url != page.url or last_paths != paths:
        relative = tuple(normalize_url(path, page) for path in paths)
        _last_relative[:] = [page, page.url, paths, relative]
    return relative


def _engine_place(theme_dirs: list[str]) -> int:
    places = [place for place, folder in enumerate(theme_dirs) if Path(folder) == THEME_DIR]
    if not places:
        raise ThemeError(f"{THEME_DIR} is not among the theme's folders {theme_dirs}: the templates' caches need it")
    return places[0]


def _nav_items(items: list[Any]) -> Iterator[Any]:
    for item in items:
        yield item
        yield from _nav_items(getattr(item, "children", None) or [])


def nav_fragment_key(lang: str, nav: Any, page: Any, config: Any) -> tuple[Any, ...] | None:
    """What Material's menu (partials/nav.html with partials/nav-item.html, for the pinned version)
    reads of the page being rendered, or None where the menu cannot be reused: a page the menu
    lists (it shows that page's table of contents), a page-less template, or any item with
    `pages` (which Material compares with the page). Otherwise the page enters the menu only as
    the page `url` makes each link relative to, and through each item's `active` flag (Rhannu
    marks a page's section, see `mark_active`); the rest (titles, features, `lang`, the logo's
    icon, the repository) is fixed for one language pass, whose `lang` is part of the key anyway.
    So the key is every link Material may print, as the `url` filter prints it from this page
    (the home link, the logo, each item, whether printed or not), with each item's `active`."""
    if nav is None or page is None or page in nav.pages:
        return None
    # the home link prints `config.extra.homepage`, else the home page's url, else "" (Undefined)
    fixed_targets = (config["extra"].get("homepage"), getattr(nav.homepage, "url", None), "", config["theme"].get("logo"))
    links = []
    for item in _nav_items(nav.items):
        if getattr(item, "pages", None):
            return None
        url = getattr(item, "url", None)
        links.append((None if url is None else normalize_url(str(url), page), bool(item.active)))
    fixed = tuple(None if target is None else normalize_url(str(target), page) for target in fixed_targets)
    return (lang, fixed, tuple(links))
