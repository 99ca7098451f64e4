"""The page shell's blocks that read of the page only its base_url and the paths `url` makes
relative to it (Material's styles and __config, the scripts) are rendered once per key
(rhannu.material_theme.asset_fragment_key). tests/test_nav_cache.py builds the sample site with
this key turned off and compares every file."""

from __future__ import annotations

from jinja2 import DictLoader, Environment
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page

from rhannu.material_theme import THEME_DIR, MarkupFixes, asset_fragment_key, with_fragment_caches

CONFIG = {"extra_css": ["stylesheets/site.css"], "extra_javascript": ["https://example.org/x.js"]}


def page(src_uri: str) -> Page:
    return Page(None, File(src_uri, "/docs", "/site", use_directory_urls=True), {**CONFIG, "site_url": None})


def test_pages_at_the_same_depth_share_a_key_and_others_do_not() -> None:
    first, second = page("case-studies/first.md"), page("issues/second.md")
    key = asset_fragment_key("styles", "en", first, "../..", CONFIG)
    assert key == asset_fragment_key("styles", "en", second, "../..", CONFIG)
    assert key != asset_fragment_key("styles", "cy", first, "../..", CONFIG)
    assert key != asset_fragment_key("config", "en", first, "../..", CONFIG)
    assert key != asset_fragment_key("styles", "en", page("about.md"), "..", CONFIG)
    assert key is not None and "../../stylesheets/site.css" in key[3] and "https://example.org/x.js" in key[3]


def test_a_site_stylesheet_in_a_pages_folder_keeps_the_pages_apart() -> None:
    beside = {**CONFIG, "extra_css": ["case-studies/first/own.css"]}
    first, second = page("case-studies/first.md"), page("case-studies/second.md")
    assert asset_fragment_key("styles", "en", first, "../..", beside) != asset_fragment_key(
        "styles", "en", second, "../..", beside
    )


def test_a_page_less_template_is_rendered_every_time() -> None:
    assert asset_fragment_key("styles", "en", None, ".", CONFIG) is None


def test_a_block_is_rendered_once_per_key() -> None:
    shell = '{% call rhannu_cached("styles") %}<link href="{{ base_url }}/x.css">{{ count() }}{% endcall %}'
    env = with_fragment_caches(Environment(loader=DictLoader({"shell.html": shell})), [str(THEME_DIR)], "en", MarkupFixes("Search"))
    renders: list[int] = []
    env.globals["count"] = lambda: renders.append(1) or len(renders)
    template = env.get_template("shell.html")
    first = template.render(page=page("case-studies/first.md"), base_url="../..", config=CONFIG)
    second = template.render(page=page("issues/second.md"), base_url="../..", config=CONFIG)
    top = template.render(page=page("about.md"), base_url="..", config=CONFIG)
    assert first == second == '<link href="../../x.css">1' and top == '<link href="../x.css">2'
    assert template.render(page=None, base_url=".", config=CONFIG) == '<link href="./x.css">3'


def test_a_partial_that_reads_nothing_of_the_page_is_rendered_once_per_pass() -> None:
    renders: list[int] = []

    def language_pass() -> Environment:
        source = '{% call rhannu_cached("search") %}{{ count() }}{% endcall %}'
        env = with_fragment_caches(Environment(loader=DictLoader({"search.html": source})), [str(THEME_DIR)], "en", MarkupFixes("Search"))
        env.globals["count"] = lambda: renders.append(1) or len(renders)
        return env

    template = language_pass().get_template("search.html")
    assert [template.render(page=page(name)) for name in ("about.md", "case-studies/first.md")] == ["1", "1"]
    assert language_pass().get_template("search.html").render() == "2"  # a new pass, a new cache
