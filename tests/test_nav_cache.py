"""Material's menu is rendered once per distinct key, its search dialog and palette toggles once per
language pass (rhannu.material_theme.with_fragment_caches), and a site built with those caches is
byte for byte the site built rendering (and fixing) every fragment on every page."""

from __future__ import annotations

from pathlib import Path

import pytest
from jinja2 import Environment, FileSystemLoader
from mkdocs.structure.files import File
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page

from rhannu.material_theme import THEME_DIR, MarkupFixes, ThemeError, fragment_key, nav_fragment_key, with_fragment_caches
from tests.support.sites import BuildResult, build, copy_fixture
from tests.test_reproducible import files_of

MATERIAL_TEMPLATES = Path(__import__("material").__file__).parent / "templates"
CACHED_PARTIALS = ("partials/nav.html", "partials/search.html", "partials/palette.html")
WRAPPED_PARTIALS = (*CACHED_PARTIALS, "partials/toc.html")  # Material's, reached past Rhannu's theme folder
CONFIG = {"extra": {}, "theme": {"logo": "assets/images/logo.svg"}, "site_url": None, "repo_url": None, "edit_uri": None}


def page(title: str | None, src_uri: str) -> Page:
    return Page(title, File(src_uri, "/docs", "/site", use_directory_urls=True), CONFIG)


def menu() -> tuple[Navigation, Page, Page]:
    """Home, About, and a Newsletters section whose first page is its index; with its pages."""
    home, about, newsletters, subscribe = (
        page("Home", "index.md"),
        page("About", "about.md"),
        page("Newsletters", "newsletters/index.md"),
        page("Subscribe", "subscribe.md"),
    )
    section = Section("Newsletters", [newsletters, subscribe])
    for child in section.children:
        child.parent = section
    nav = Navigation([home, about, section, Link("Elsewhere", "https://example.org/")], [home, about, newsletters, subscribe])
    nav.homepage = home
    return nav, about, newsletters


def test_a_page_the_menu_lists_and_a_page_less_template_are_not_cached() -> None:
    nav, about, _ = menu()
    assert nav_fragment_key("en", nav, about, CONFIG) is None
    assert nav_fragment_key("en", nav, None, CONFIG) is None
    assert nav_fragment_key("en", None, page(None, "case-studies/x.md"), CONFIG) is None


def test_pages_in_different_folders_at_the_same_depth_share_a_key_and_other_depths_do_not() -> None:
    nav, _, _ = menu()
    first, second = page(None, "case-studies/first.md"), page(None, "issues/second.md")
    deeper, top = page(None, "case-studies/theme/x/first.md"), page(None, "privacy-notice.md")
    key = nav_fragment_key("en", nav, first, CONFIG)
    assert key is not None
    assert nav_fragment_key("en", nav, second, CONFIG) == key
    assert nav_fragment_key("en", nav, deeper, CONFIG) != key
    assert nav_fragment_key("en", nav, top, CONFIG) not in (key, nav_fragment_key("en", nav, deeper, CONFIG))
    assert ("../../about/", False) in key[2]  # each link as the `url` filter prints it from the page


def test_each_cached_fragment_has_its_own_key() -> None:
    nav, about, _ = menu()
    case_study = page(None, "case-studies/first.md")
    context = {"nav": nav, "page": case_study, "config": {**CONFIG, "extra_css": [], "extra_javascript": []}, "base_url": "../.."}
    assert fragment_key("nav", "en", context) == ("nav", *nav_fragment_key("en", nav, case_study, CONFIG))
    assert fragment_key("nav", "en", {**context, "page": about}) is None  # a page the menu lists
    assert fragment_key("search", "en", context) == ("search",) == fragment_key("search", "en", {**context, "page": about})
    styles = fragment_key("styles", "en", context)
    assert styles is not None and styles[0] == "styles" and fragment_key("styles", "en", {**context, "page": None}) is None


def test_the_key_sees_the_active_flags_at_the_time_it_is_asked() -> None:
    nav, _, newsletters = menu()
    issue, case_study = page(None, "issues/issue-1.md"), page(None, "case-studies/first.md")
    plain = nav_fragment_key("en", nav, issue, CONFIG)
    newsletters.active = True  # as Rhannu marks a page's section (mark_active): its section too
    marked = nav_fragment_key("en", nav, issue, CONFIG)
    newsletters.active = False
    assert marked != plain
    assert nav_fragment_key("en", nav, case_study, CONFIG) == plain
    assert marked is not None and ("Newsletters", True) not in marked[2] and (None, True) in marked[2]  # the section


def test_the_language_the_logo_and_the_home_link_are_in_the_key() -> None:
    only_links = Navigation([Link("Elsewhere", "https://example.org/")], [])
    first, deeper = page(None, "case-studies/first.md"), page(None, "case-studies/theme/first.md")
    assert nav_fragment_key("en", only_links, first, CONFIG) != nav_fragment_key("cy", only_links, first, CONFIG)
    # no item's link changes with depth here, but the logo's and the home link's do
    assert nav_fragment_key("en", only_links, first, CONFIG) != nav_fragment_key("en", only_links, deeper, CONFIG)


def test_an_item_material_compares_with_the_page_through_its_pages_is_not_cached() -> None:
    nav, _, _ = menu()
    view = Section("Blog", [])
    view.pages = [page("Post", "blog/post.md")]  # as Material's blog views have
    nav.items.append(view)
    assert nav_fragment_key("en", nav, page(None, "case-studies/first.md"), CONFIG) is None


@pytest.mark.parametrize("partial", WRAPPED_PARTIALS)
def test_the_template_past_rhannus_theme_folder_is_materials_own(partial: str) -> None:
    env = Environment(loader=FileSystemLoader([str(THEME_DIR), str(MATERIAL_TEMPLATES)]))
    env = with_fragment_caches(env, [str(THEME_DIR), str(MATERIAL_TEMPLATES)], "en", MarkupFixes("Search"))
    assert env.loader is not None
    assert Path(env.loader.get_source(env, partial)[1] or "") == THEME_DIR / partial
    past = env.loader.get_source(env, f"rhannu-past-engine/{partial}")[1]
    assert Path(past or "") == MATERIAL_TEMPLATES / partial
    assert callable(env.globals["rhannu_cached"]) and callable(env.globals["rhannu_toc"])


def test_the_menu_cache_needs_rhannus_theme_folder() -> None:
    with pytest.raises(ThemeError, match="not among the theme's folders"):
        with_fragment_caches(Environment(), [str(MATERIAL_TEMPLATES)], "en", MarkupFixes("Search"))


def test_the_site_built_with_the_caches_is_the_site_rendered_without_them(built_site: BuildResult, tmp_path: Path) -> None:
    """The sample site again, in a Python whose sitecustomize turns off every cached fragment's
    key (rhannu.material_theme.fragment_key: the menu, search, palette, and the blocks cached by
    their asset paths, styles, __config and scripts): every page renders Material's partials and
    blocks itself, and fixes their markup (fixed_fragment) itself."""
    project = copy_fixture(tmp_path / "project")
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(
        "import rhannu.material_theme as theme\ntheme.fragment_key = lambda *arguments: None\n", encoding="utf-8"
    )
    uncached = build(project, tmp_path / "uncached", extra_env={"PYTHONPATH": str(hook)})
    assert uncached.returncode == 0, uncached.log
    cached, own = files_of(built_site.site), files_of(uncached.site)
    assert sorted(cached) == sorted(own)
    pages = {
        "about/index.html",  # pages the menu lists, with their own tables of contents
        "cy/amdanom/index.html",
        "index.html",  # the home pages
        "cy/index.html",
        "case-studies/sample-case-study-01/index.html",  # case studies: their section marked
        "cy/astudiaethau-achos/sample-case-study-01/index.html",
        "case-studies/theme/digital-engagement/index.html",  # facet pages, a level deeper
        "cy/astudiaethau-achos/thema/digital-engagement/index.html",
        "cy/astudiaethau-achos/bgc/sample-north/page/2/index.html",  # and a facet's next page, deeper still
        "newsletters/2022-03-14/index.html",  # an issue, in the Newsletters section
        "cy/cylchlythyrau/2022-03-14/index.html",
        "lessons/sample-time/index.html",  # a lesson
        "404.html",  # a page-less template
    }
    assert pages <= set(cached), sorted(path for path in cached if path.endswith(".html"))[:80]
    for path in pages:
        for markup in (b'class="md-nav md-nav--primary"', b'data-md-component="search"', b'data-md-component="palette"', b'id="__config"'):
            assert markup in cached[path], (path, markup)
        for unfixed in (b' tabindex=""', b'alt="logo"', b'role="dialog">', b'scrollwrap" tabindex="0"', b'"__drawer" autocomplete', b'"__search" autocomplete'):
            assert unfixed not in cached[path], (path, unfixed)  # Material's markup, fixed (rhannu.material_theme)
    differ = [path for path in cached if cached[path] != own[path]]
    assert differ == [], f"{len(differ)} files differ, such as {differ[:5]}"
