import re
from pathlib import Path

import pytest
from jinja2 import DictLoader, Environment, FileSystemLoader

from rhannu.material_theme import (
    PATCHED,
    PINNED_VERSION,
    THEME_DIR,
    MarkupFixes,
    ThemeError,
    check_version,
    fix_page,
    fixed_fragment,
    with_article,
    with_fragment_caches,
    with_title,
    without_alternate_prefetch,
)

MATERIAL_TEMPLATES = Path(__import__("material").__file__).parent / "templates"
EN, CY = MarkupFixes("Search"), MarkupFixes("Chwilio", "cy/")


def test_the_installed_material_is_the_pinned_one() -> None:
    check_version()


def test_another_material_version_stops_the_build_and_says_what_to_review() -> None:
    with pytest.raises(ThemeError, match=rf"mkdocs-material 9.9.0 is installed, but Rhannu is written for {PINNED_VERSION}.*bundle patch"):
        check_version("9.9.0")


def test_the_prefetch_call_is_replaced_by_a_comment_of_the_same_length() -> None:
    bundle = 'a();ui({document$:ct});var b=1;'
    patched = without_alternate_prefetch(bundle, "bundle.js")
    assert patched == f"a();{PATCHED}var b=1;"
    assert len(patched) == len(bundle)


def test_patching_twice_changes_nothing() -> None:
    once = without_alternate_prefetch("ui({document$:ct});", "bundle.js")
    assert without_alternate_prefetch(once, "bundle.js") == once


def test_an_unknown_bundle_is_an_error_that_says_what_to_update() -> None:
    with pytest.raises(ThemeError, match=r"bundle\.js: .* update rhannu/material_theme\.py"):
        without_alternate_prefetch("something else", "bundle.js")

def test_checkbox_toggles_lose_autocomplete_but_the_search_box_keeps_it() -> None:
    html = (
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'
        '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">'
        '<input type="text" class="md-search__input" autocomplete="off">'
    )
    assert fix_page(html) == (
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">'
        '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search">'
        '<input type="text" class="md-search__input" autocomplete="off">'
    )


def test_empty_tabindex_is_removed_from_the_menu() -> None:
    assert fixed_fragment("nav", '<label class="md-nav__link" for="x" tabindex="">', EN) == '<label class="md-nav__link" for="x">'


def test_the_search_dialog_is_named_in_the_page_language() -> None:
    dialog = '<div class="md-search" data-md-component="search" role="dialog">'
    fixed = '<div class="md-search" data-md-component="search" role="dialog" aria-label="Chwilio">'
    assert fixed_fragment("search", dialog, CY) == fixed


def test_welsh_pages_search_the_welsh_index() -> None:
    config = '<script id="__config" type="application/json">{"annotate": null, "base": "../..", "features": []}</script>'
    assert '"base": "../../cy/"' in fixed_fragment("config", config, CY)
    assert '"base": "/cy/"' in fixed_fragment("config", config.replace("../..", "/"), CY)
    assert fixed_fragment("config", config, EN) == config
    assert fixed_fragment("config", "<script>no search</script>", CY) == "<script>no search</script>"


def toc_pass() -> Environment:
    """partials/nav-item.html's toggle and table of contents where the menu lists the page, then
    base.html's sidebar, each table of contents through Rhannu's partials/toc.html."""
    templates = {
        "partials/toc.html": (THEME_DIR / "partials/toc.html").read_text(encoding="utf-8"),
        "rhannu-past-engine/partials/toc.html": TOC,
        "page.html": (
            "{% macro render(nav_item) %}{% if nav_item == page %}"
            '<input id="__toc">{% include "partials/toc.html" %}{% endif %}{% endmacro %}'
            '{% for nav_item in listed %}{{ render(nav_item) }}{% endfor %}|{% include "partials/toc.html" %}'
        ),
    }
    return with_fragment_caches(Environment(loader=DictLoader(templates)), [str(THEME_DIR)], "en", EN)


TOC = '<label class="md-nav__title" for="__toc">\n  Contents\n</label><ul></ul>'
PLAIN_TOC = '<div class="md-nav__title">\n  Contents\n</div><ul></ul>'


@pytest.mark.parametrize(
    "html",
    [
        TOC,
        f"<nav>{TOC}</nav>{TOC}",
        '<label class="md-nav__title" for="__toc"><label class="md-nav__title" for="__toc">x</label></label>',
        '<label class="md-nav__title" for="__toc">no closing tag',
        "no title",
    ],
)
def test_a_plain_toc_title_is_what_the_pattern_gave(html: str) -> None:
    pattern = re.compile(r'<label class="md-nav__title" for="__toc">(.*?)</label>', re.DOTALL)
    assert fixed_fragment("toc", html, EN) == pattern.sub(r'<div class="md-nav__title">\1</div>', html)


def test_toc_title_is_a_label_only_where_the_menu_printed_its_toggle() -> None:
    template = toc_pass().get_template("page.html")
    listed, other = object(), object()
    assert template.render(page=listed, listed=[listed]) == f'<input id="__toc">{TOC}|{TOC}'
    assert template.render(page=other, listed=[listed]) == f"|{PLAIN_TOC}"
    assert template.render(page=listed, listed=[]) == f"|{PLAIN_TOC}"  # a menu that does not print it
    assert template.render(page=None, listed=[]) == f"|{PLAIN_TOC}"


def whole_page_fix(html: str, search_label: str, search_root: str = "") -> str:
    """The fixes as they were made on every whole page before they moved to the fragments of the
    page shell that print their targets (material_theme.fix_page until then): the reference."""
    for old, new in (
        ('type="checkbox" id="__drawer" autocomplete="off">', 'type="checkbox" id="__drawer">'),
        ('type="checkbox" id="__search" autocomplete="off">', 'type="checkbox" id="__search">'),
        (' tabindex=""', ""),
        ('" alt="logo">', '" alt="">'),
        (
            '<div class="md-search__scrollwrap" tabindex="0" data-md-scrollfix>',
            '<div class="md-search__scrollwrap" data-md-scrollfix>',
        ),
    ):
        html = html.replace(old, new)
    dialog = '<div class="md-search" data-md-component="search" role="dialog">'
    html = html.replace(dialog, f'{dialog[:-1]} aria-label="{search_label}">', 1)
    if 'id="__toc"' not in html and 'for="__toc"' in html:
        html = re.sub(r'<label class="md-nav__title" for="__toc">(.*?)</label>', r'<div class="md-nav__title">\1</div>', html, flags=re.DOTALL)
    if search_root:
        html = re.sub(r'(<script id="__config" type="application/json">\{"annotate": [^,]*, "base": ")([^"]*)(")', lambda m: f"{m[1]}{m[2].rstrip('/')}/{search_root}{m[3]}", html, count=1)
    return html


SHELL = {  # Material's markup of each fragment, as its templates print it
    "head": '<!doctype html><html lang="cy"><head><title>Tudalen</title></head><body>\n',
    "toggles": (
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">\n'
        '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">\n'
    ),
    "search": (
        '<div class="md-search" data-md-component="search" role="dialog"><input type="text" autocomplete="off">'
        '<div class="md-search__scrollwrap" tabindex="0" data-md-scrollfix></div></div>'
    ),
    "nav": '<nav class="md-nav md-nav--primary"><label class="md-nav__link" for="__nav_2" id="__nav_2_label" tabindex="">X</label></nav>',
    "content": '<article><p>Testun â ŵ a ŷ</p></article>',
    "config": '<script id="__config" type="application/json">{"annotate": null, "base": "../..", "features": []}</script></body></html>',
}


@pytest.mark.parametrize(("fixes", "listed"), [(EN, False), (CY, False), (CY, True)])
def test_fixing_each_fragment_once_gives_what_fixing_the_whole_page_gave(fixes: MarkupFixes, listed: bool) -> None:
    parts = dict(SHELL, toc=TOC)
    if listed:  # the menu prints the toggle and the page's table of contents; the sidebar's stays a label
        parts["nav"] = parts["nav"].replace("</nav>", f'<input id="__toc">{TOC}</nav>')
    order = ("head", "toggles", "search", "nav", "toc", "content", "config")
    fixed = {name: fixed_fragment(name, html, fixes) for name, html in parts.items()}
    if listed:
        fixed["toc"] = TOC  # the menu's table of contents and the sidebar's, as rhannu_toc leaves them
    assert fix_page("".join(fixed[name] for name in order)) == whole_page_fix(
        "".join(parts[name] for name in order), fixes.search_label, fixes.search_root
    )


def test_the_logo_is_decoration() -> None:
    def logo(folders: list[Path]) -> str:
        env = Environment(loader=FileSystemLoader([str(folder) for folder in folders]))
        env.filters["url"] = lambda path: f"../{path}"
        return env.get_template("partials/logo.html").render(config={"theme": {"logo": "assets/logo.svg"}})

    material = logo([MATERIAL_TEMPLATES])
    assert '" alt="logo">' in material
    assert logo([THEME_DIR, MATERIAL_TEMPLATES]) == material.replace('" alt="logo">', '" alt="">')


def test_the_preview_replaces_a_pages_article_and_title() -> None:
    page = '<title>Old - Site</title><article class="md-content__inner md-typeset">\n<h1>Old</h1>\n</article>'
    assert with_title(with_article(page, "<h1>New</h1>"), "New - Site") == (
        '<title>New - Site</title><article class="md-content__inner md-typeset">\n<h1>New</h1>\n</article>'
    )
