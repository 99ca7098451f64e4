import pytest

from rhannu.material_theme import (
    PATCHED,
    PINNED_VERSION,
    ThemeError,
    check_version,
    fix_page,
    with_article,
    with_title,
    without_alternate_prefetch,
)


def fix(html: str) -> str:
    return fix_page(html, "Search")


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
        '<input type="text" class="md-search__input" autocomplete="off">'
    )
    assert fix(html) == (
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">'
        '<input type="text" class="md-search__input" autocomplete="off">'
    )


def test_toc_title_is_a_label_only_where_its_toggle_exists() -> None:
    title = '<label class="md-nav__title" for="__toc">\n  Contents\n</label>'
    assert fix(title) == '<div class="md-nav__title">\n  Contents\n</div>'
    with_toggle = '<input id="__toc" type="checkbox">' + title
    assert fix(with_toggle) == with_toggle


def test_empty_tabindex_is_removed() -> None:
    assert fix('<label class="md-nav__link" for="x" tabindex="">') == '<label class="md-nav__link" for="x">'


def test_the_search_dialog_is_named_in_the_page_language() -> None:
    dialog = '<div class="md-search" data-md-component="search" role="dialog">'
    assert fix_page(dialog, "Chwilio") == '<div class="md-search" data-md-component="search" role="dialog" aria-label="Chwilio">'


def test_welsh_pages_search_the_welsh_index() -> None:
    config = '<script id="__config" type="application/json">{"annotate": null, "base": "../..", "features": []}</script>'
    assert '"base": "../../cy/"' in fix_page(config, "Chwilio", "cy/")
    assert '"base": "/cy/"' in fix_page(config.replace("../..", "/"), "Chwilio", "cy/")
    assert fix_page(config, "Search") == config


def test_the_preview_replaces_a_pages_article_and_title() -> None:
    page = '<title>Old - Site</title><article class="md-content__inner md-typeset">\n<h1>Old</h1>\n</article>'
    assert with_title(with_article(page, "<h1>New</h1>"), "New - Site") == (
        '<title>New - Site</title><article class="md-content__inner md-typeset">\n<h1>New</h1>\n</article>'
    )
