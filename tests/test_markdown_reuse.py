"""One Markdown instance renders every page of a language pass (rhannu.mkdocs_pages.PassRenderer):
each page is rendered as MkDocs' own `Page.render`, with a new instance, renders it, in any order,
and in a whole build of the sample site."""

from __future__ import annotations

import copy
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import markdown
import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink

from rhannu import markdown_text, mkdocs_pages
from rhannu.frontmatter import Source, parse_source
from tests.support.markdown_probe import converted_with
from tests.support.sites import FIXTURE, PINNED_EPOCH, copy_fixture

SITE_EXTENSIONS = ["attr_list", "md_in_html", {"toc": {"permalink": False}}]
MORE_EXTENSIONS = [*SITE_EXTENSIONS, "footnotes", "abbr", "def_list", "tables", "fenced_code"]

PAGES = {
    "index.md": "# Home\n\nWelcome, *reader*. See [the notes](notes.md#notes) and [again](#welcome).\n\n## Welcome\n",
    "notes.md": "# Notes\n\n## Notes\n\n## Notes\n\nA footnote[^1] and another[^two], and the first again[^1].\n\n"
    "[^1]: The first.\n[^two]: The second, with *emphasis*.\n",
    "more-notes.md": "# More notes\n\nA footnote of its own[^1].\n\n[^1]: Numbered from one again.\n\n## Notes\n",
    "abbr.md": "# Abbreviations\n\nThe HTML and the W3C.\n\n*[HTML]: Hyper Text Markup Language\n*[W3C]: World Wide Web Consortium\n",
    "no-abbr.md": "# No abbreviations here\n\nHTML and W3C are just letters on this page.\n",
    "plain.md": "Plain words, no title, no emphasis, no link: Pen-y-bont ar Ogwr.\n",
    "emphasis.md": "*em* **strong** ***both*** 2 * 3 * 4 _em_ __strong__ snake_case_word **unclosed\n",
    "unclosed.md": "**strong *and em** words* ***x** y*\n\n*a **b* c**\n",
    "attrs.md": "# Own id {#own-id}\n\nA paragraph\n{: .lead #para }\n\n## Notes {: #notes }\n\n![photo](https://example.org/photo.png){: width=10 }\n",
    "html.md": '# Raw HTML\n\n<div id="raw" markdown="1">\n*inside* [a link](index.md#welcome)\n</div>\n\n<a name="named"></a>\n\n## Raw HTML\n',
    "deflist.md": "# Terms\n\nApple\n:   A fruit.\n\nCymraeg\n:   Welsh.\n",
    "table.md": "# A table\n\n| a | b |\n|---|---|\n| 1 | *2* |\n\n```python\nprint('x')\n```\n",
    "blank.md": "\n\n",
    "refs.md": "# References\n\n[one][r] and [r]\n\n[r]: https://example.org/\n",
    "no-refs.md": "# No references\n\n[r] stays as written.\n",
}


def site_config(tmp_path: Path, extensions: list[Any]) -> MkDocsConfig:
    """The sample site's configuration, with these Markdown extensions, as Rhannu's plugin sets it up."""
    extensions = copy.deepcopy(extensions)  # MkDocs takes the settings out of them
    config = load_config(str(FIXTURE / "mkdocs.yml"), site_dir=str(tmp_path / "site"), markdown_extensions=extensions)
    return config.plugins.on_config(config)


def site_pages(config: MkDocsConfig, texts: dict[str, str]) -> tuple[Files, dict[str, Page]]:
    files = Files([File(uri, "docs", "site", config.use_directory_urls) for uri in texts])
    pages = {}
    for file in files:
        page = Page(None, file, config)
        page.markdown = texts[file.src_uri]
        pages[file.src_uri] = page
    return files, pages


def toc_entries(items: list[AnchorLink]) -> list[Any]:
    return [(item.title, item.id, item.level, toc_entries(item.children)) for item in items]


def rendered(page: Page) -> tuple[Any, ...]:
    links = {file.src_uri: anchors for file, anchors in (page.links_to_anchors or {}).items()}
    return page.content, toc_entries(page.toc.items), page._title_from_render, page.present_anchor_ids, links


def each_new(config: MkDocsConfig, texts: dict[str, str]) -> dict[str, tuple[Any, ...]]:
    """Each page as MkDocs renders it, with a new Markdown instance."""
    files, pages = site_pages(config, texts)
    for page in pages.values():
        Page.render(page, config, files)
    return {uri: rendered(page) for uri, page in pages.items()}


def orders(uris: list[str]) -> Iterator[list[str]]:
    yield uris
    yield list(reversed(uris))
    yield [uri for uri in uris for _ in range(2)]  # each twice in a row
    chosen = random.Random(31)
    for _ in range(4):
        yield chosen.sample(uris, len(uris))


def every_source_text() -> dict[str, str]:
    """The Markdown of every page and item of the sample site, as pages of their own."""
    texts = {}
    for number, path in enumerate(sorted(FIXTURE.rglob("*.md"))):
        text = path.read_text(encoding="utf-8")
        source = parse_source(path.as_posix(), text) if text.startswith("---") else None
        texts[f"source-{number}.md"] = source.body if isinstance(source, Source) else text
    return texts


@pytest.mark.parametrize("extensions", [SITE_EXTENSIONS, MORE_EXTENSIONS], ids=["site", "more"])
def test_pages_rendered_through_one_instance_in_any_order_are_as_each_with_a_new_one(
    tmp_path: Path, extensions: list[Any]
) -> None:
    config = site_config(tmp_path, extensions)
    texts = {**PAGES, **every_source_text()}
    expected = each_new(config, texts)
    renderer = mkdocs_pages.PassRenderer()
    for order in orders(list(texts)):
        files, pages = site_pages(config, texts)
        for uri in order:
            renderer.take(pages[uri])
            pages[uri].render(config, files)
            assert rendered(pages[uri]) == expected[uri], uri
    assert renderer._markdown is not None  # one instance did it all


def test_the_sample_pages_use_what_the_test_means_them_to(tmp_path: Path) -> None:
    config = site_config(tmp_path, MORE_EXTENSIONS)
    pages = each_new(config, PAGES)
    content = {uri: page[0] for uri, page in pages.items()}
    assert 'id="fn:1"' in content["notes.md"] and 'id="fn:1"' in content["more-notes.md"]
    assert '<abbr title="World Wide Web Consortium">W3C</abbr>' in content["abbr.md"] and "<abbr" not in content["no-abbr.md"]
    assert pages["notes.md"][3] >= {"notes", "notes_1", "fn:1", "fnref:1"}
    assert pages["attrs.md"][3] >= {"own-id", "para", "notes"} and pages["html.md"][3] >= {"raw", "named", "raw-html"}
    assert "<dl>" in content["deflist.md"] and "<table>" in content["table.md"] and content["blank.md"] == ""
    assert pages["index.md"][4] == {"notes.md": {"notes": "notes.md#notes"}, "index.md": {"welcome": "#welcome"}}
    assert pages["plain.md"][2] is None and pages["index.md"][2] == "Home"


def test_a_page_rendered_again_is_rendered_by_mkdocs(tmp_path: Path) -> None:
    config = site_config(tmp_path, SITE_EXTENSIONS)
    files, pages = site_pages(config, PAGES)
    renderer, page = mkdocs_pages.PassRenderer(), pages["index.md"]
    renderer.take(page)
    page.render(config, files)
    assert "render" not in vars(page)  # MkDocs' own method again
    assert rendered(page) == each_new(config, PAGES)["index.md"]


def test_a_new_instance_for_each_page_where_an_extension_is_not_known_to_reset_cleanly(tmp_path: Path) -> None:
    config = site_config(tmp_path, [*SITE_EXTENSIONS, "admonition"])
    assert not mkdocs_pages.is_reusable(config.markdown_extensions, config.mdx_configs)
    renderer = mkdocs_pages.PassRenderer()
    files, pages = site_pages(config, PAGES)
    for page in pages.values():
        renderer.take(page)
        page.render(config, files)
    assert renderer._markdown is None
    assert {uri: rendered(page) for uri, page in pages.items()} == each_new(config, PAGES)


def test_footnotes_with_unique_ids_count_the_texts_so_are_not_reused(tmp_path: Path) -> None:
    unique = [*SITE_EXTENSIONS, {"footnotes": {"UNIQUE_IDS": True}}]
    config = site_config(tmp_path, unique)
    assert not mkdocs_pages.is_reusable(config.markdown_extensions, config.mdx_configs)
    md = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
    first, again = md.reset().convert(PAGES["notes.md"]), md.reset().convert(PAGES["notes.md"])
    assert first != again  # why: reused, the same page's ids would change
    assert mkdocs_pages.is_reusable(site_config(tmp_path, MORE_EXTENSIONS).markdown_extensions, {})
    assert not mkdocs_pages.is_reusable(["toc", "pymdownx.details"], {})
    assert not mkdocs_pages.is_reusable(["toc", markdown.extensions.Extension()], {})


def test_between_texts_the_instance_is_whole_so_its_reset_resets_emphasis() -> None:
    md = markdown.Markdown(extensions=[*SITE_EXTENSIONS[:2], "toc", markdown_text.UnmatchablePatternsLeftOut()])
    em_strong = md.inlinePatterns["em_strong"]
    md.convert("plain words, no emphasis and no link")
    assert "em_strong" in md.inlinePatterns and "link" in md.inlinePatterns and "quote" in md.parser.blockprocessors
    md.reset()
    assert md.delimiters is em_strong  # Markdown.reset forgets the processor it does not find in place


def test_a_pattern_that_shares_its_priority_is_kept() -> None:
    """Put back, it would come after the pattern it shares its priority with, not in its place."""

    class SamePriority(markdown.extensions.Extension):
        def extendMarkdown(self, md: markdown.Markdown) -> None:
            md.inlinePatterns.register(markdown.inlinepatterns.SimpleTextInlineProcessor(r"(zz)"), "own", 160)

    md = markdown.Markdown(extensions=[SamePriority(), markdown_text.UnmatchablePatternsLeftOut()])
    _, patterns, _ = converted_with(md, "plain words")
    assert "link" in patterns and "image_link" not in patterns


def test_a_build_renders_every_page_as_mkdocs_would(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Both language passes of one process: every page the build renders through the pass's one
    instance is compared with MkDocs' own render of it, in the build's own order."""
    project = copy_fixture(tmp_path / "project")
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", PINNED_EPOCH)
    monkeypatch.chdir(project)
    reused_render = mkdocs_pages.PassRenderer.render
    compared: list[str] = []
    instances: list[markdown.Markdown] = []

    def render_and_compare(renderer: mkdocs_pages.PassRenderer, page: Page, config: MkDocsConfig, files: Files) -> None:
        twin = copy.copy(page)  # not a new Page: that would take its file from the build's page
        reused_render(renderer, page, config, files)
        Page.render(twin, config, files)
        assert rendered(page) == rendered(twin), page.file.src_uri
        assert renderer._markdown is not None
        instances.append(renderer._markdown)
        compared.append(page.file.src_uri)

    monkeypatch.setattr(mkdocs_pages.PassRenderer, "render", render_and_compare)
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build(config)
    finally:
        config.plugins.on_shutdown()
    assert len(compared) > 100 and any(uri.endswith(".cy.md") for uri in compared)
    assert len({id(md) for md in instances}) == 2  # one for each language pass
