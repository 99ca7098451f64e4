from rhannu.markup import fix_material_markup


def test_checkbox_toggles_lose_autocomplete_but_the_search_box_keeps_it() -> None:
    html = (
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'
        '<input type="text" class="md-search__input" autocomplete="off">'
    )
    assert fix_material_markup(html) == (
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">'
        '<input type="text" class="md-search__input" autocomplete="off">'
    )


def test_toc_title_is_a_label_only_where_its_toggle_exists() -> None:
    title = '<label class="md-nav__title" for="__toc">\n  Contents\n</label>'
    assert fix_material_markup(title) == '<div class="md-nav__title">\n  Contents\n</div>'
    with_toggle = '<input id="__toc" type="checkbox">' + title
    assert fix_material_markup(with_toggle) == with_toggle


def test_empty_tabindex_is_removed() -> None:
    assert fix_material_markup('<label class="md-nav__link" for="x" tabindex="">') == '<label class="md-nav__link" for="x">'
