"""More of the build's CPU cuts (issue 22, item 6): a language process of `rhannu build` makes the
pages of its own language alone, and every page made later is the page made at once."""

from __future__ import annotations

import random
import re
import time
from collections.abc import Iterator
from pathlib import Path

import markdown
import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from rhannu import markdown_text, parallel_build, search
from rhannu.content_types import WITH_PAGES
from rhannu.frontmatter import Source, parse_source
from rhannu.pairing import parse_source_path
from rhannu.plugin import RhannuPlugin
from rhannu.site import Site, prepare
from rhannu.site_info import SiteInfo
from rhannu.views import ITEM_PAGES, CardDetails, VirtualPage, pages_for
from tests.support.markdown_probe import converted_with
from tests.support.sites import BUILD_DATE_PINNED, FIXTURE, FIXTURE_URL, PINNED_EPOCH, copy_fixture

INFO = SiteInfo(FIXTURE_URL, {"en": "Sample", "cy": "Enghraifft"})


@pytest.fixture
def sample() -> Site:
    return prepare(FIXTURE, BUILD_DATE_PINNED, INFO)


def item_pages(site: Site) -> dict[str, VirtualPage]:
    sources = {text.path for kind in WITH_PAGES for item in site.content.of(kind) for text in item.texts.values()}
    return {uri: page for uri, page in site.pages.items() if page.source in sources}


def test_prepare_makes_no_item_page_and_no_listing(sample: Site) -> None:
    items = item_pages(sample)
    assert len(items) > 20
    assert not any(page.is_made for page in items.values())
    listings = [page for uri, page in sample.pages.items() if "/page/" in uri or uri.startswith("case-studies/theme/")]
    assert listings and not any(page.is_made for page in listings)


def test_an_item_page_made_later_is_the_page_made_at_once(sample: Site) -> None:
    content = sample.content
    checked = 0
    for kind in WITH_PAGES:
        for item in content.of(kind):
            for lang in item.texts:
                at_once = ITEM_PAGES[kind.behaviour](content, item, lang, CardDetails(content, lang), INFO)
                later = sample.pages[at_once.src_uri]
                assert later.text == at_once.text
                assert (later.url, later.source) == (at_once.url, at_once.source)
                checked += 1
    assert checked == len(item_pages(sample))


def test_listings_made_later_are_the_listings_made_in_one_go(sample: Site) -> None:
    for lang in ("en", "cy"):
        first, second = pages_for(sample.content, lang, INFO), pages_for(sample.content, lang, INFO)
        for page in reversed(second):  # made in the opposite order: nothing one page makes changes another
            assert page.text is not None
        assert [(page.src_uri, page.url, page.text) for page in first] == [(page.src_uri, page.url, page.text) for page in second]


def test_a_page_made_elsewhere_than_its_address_said_is_a_fault() -> None:
    made = VirtualPage("case-studies/x.cy.md", "# X\n", "cy/astudiaethau-achos/x/", source="case_studies/x.cy.md")
    page = VirtualPage.later("case-studies/x.cy.md", "cy/case-studies/x/", "case_studies/x.cy.md", lambda: made)
    with pytest.raises(RuntimeError, match="not where its address said"):
        _ = page.markdown


@pytest.fixture
def one_language_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, Site]]:
    project = copy_fixture(tmp_path / "project")
    handover = tmp_path / "handover"
    (handover / "site").mkdir(parents=True)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", PINNED_EPOCH)
    monkeypatch.setenv(parallel_build.ONLY, "cy")
    monkeypatch.setenv(parallel_build.HANDOVER, str(handover))
    monkeypatch.chdir(project)
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(handover / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build(config)
        plugin = config.plugins["rhannu"]
        assert isinstance(plugin, RhannuPlugin)
        yield "cy", plugin._current()
    finally:
        config.plugins.on_shutdown()


def test_the_welsh_process_makes_no_english_page_of_an_item(one_language_build: tuple[str, Site]) -> None:
    lang, site = one_language_build
    made = {uri: page.is_made for uri, page in item_pages(site).items()}
    ours = {uri for uri in made if parse_source_path(uri).lang.code == lang}
    assert ours and all(made[uri] for uri in ours)  # its own language's pages were made, and published
    assert [uri for uri, is_made in made.items() if is_made and uri not in ours] == []


def forms_as_before(text: str, *, accents: bool) -> list[str]:
    """rhannu.search.extra_forms as it was, looking at every word in turn."""
    plain = search._TAG.sub(" ", text)
    found: dict[str, None] = {}
    for compound in search._COMPOUND.findall(plain):
        joined = compound.replace("-", "").lower()
        found[joined] = None
        if accents:
            found[search.unaccented(joined)] = None
    if accents:
        for word in re.findall(r"[^\W\d_]+", plain):
            if word.isascii():
                continue
            folded = search.unaccented(word).lower()
            if folded != word.lower():
                found[folded] = None
    return list(found)


FORM_TEXTS = [
    "",
    "Plain English, nothing to fold.",
    "<p>Caniatáu i Fôn a Môn: café, naïve, coöperate; Ŵyr ŷd âr.</p>",
    "cyd-gynhyrchu, gyd-gynhyrchu a Bwrdd-Iechyd-Prifysgol; £5 a 50% – \u201cdyfynnu\u201d \u2019n",
    "éa aé aéa 3é é3 é_é x\u0301y straße ǅungla ΑΘΗΝΑ Ελλάδα İstanbul",
    "abc" * 2000 + "é" + " " + "ábc" * 2000,
]


@pytest.mark.parametrize("text", FORM_TEXTS)
@pytest.mark.parametrize("accents", [True, False])
def test_extra_forms_are_as_before(text: str, accents: bool) -> None:
    assert search.extra_forms(text, accents=accents) == forms_as_before(text, accents=accents)


def test_a_long_word_is_looked_at_in_linear_time() -> None:
    text = "a" * 20_000 + " " + "b" * 20_000 + "é"  # a pattern trying each letter as a word start took 4 s
    started = time.process_time()
    assert search.extra_forms(text, accents=True) == ["b" * 20_000 + "e"]
    assert time.process_time() - started < 1.0


def every_source_text() -> list[str]:
    """The Markdown of every page and item the fixture sites and the engine's starter hold."""
    texts = []
    for folder in (FIXTURE, FIXTURE.parent / "fixture_minimal", Path(search.__file__).parent / "starter"):
        for path in sorted(folder.rglob("*.md")):
            text = path.read_text(encoding="utf-8")
            source = parse_source(path.as_posix(), text) if text.startswith("---") else None
            texts.append(source.body if isinstance(source, Source) else text)
    return texts


SYNTAX = [
    "Plain words, and Welsh: Môn, caniatáu, gyd-gynhyrchu.",
    "`code` and ``two `ticks` `` and \\`escaped\\`, \\\\`ticked`",
    "\\*not emphasis\\* \\[not a link\\] \\\\ \\_",
    "[a link](../lessons/x.md) [ref][r] [r] ![image](photo.png) ![ref image][r] ![r]\n\n[r]: https://example.org/",
    '<https://example.org/a> <someone@example.org> <span class="x">inline html</span> <!-- a comment -->',
    "a line  \nbroken",
    "a tab\t\nbefore the line's end",
    "spaces before a return  \r\nand a lone one  \ronly",
    "a hidden \x02 \ncharacter",
    "another hidden \x03 \ncharacter",
    "&amp; &#169; &#xA9; & alone, 5 < 6 > 4",
    "*em* **strong** ***both*** 2 * 3 * 4",
    "_em_ __strong__ snake_case_word",
    '# Heading {#own-id}\n\nA paragraph {: .class }\n\n<div markdown="1">\n*inside* [html](x.md)\n</div>',
    "- a list with *em*\n- and `code`\n\n1. one\n2. two [link](y.md)\n\n> quoted _em_\n\n    indented code *not em*",
    "",
    # blocks that begin a line, or begin after what a quote, a list marker or raw HTML took
    "A heading\n===\n\nAnother\n---\n\nwords\n\n***\n\n_ _ _\n\n- - -",
    "- 1. an ordered list in a list item\n\n1. - and the other way\n\n* + nested markers",
    "> - a list in a quote\n> 1. and another\n>\n> ---\n> quoted heading\n> ===",
    '<div markdown="1">- a list after raw HTML\n</div>\n\n<div>x</div>\n---\n\n<p>y</p>1. z',
    "words\n\x02   - a list joined by a hidden character\n\n  \x03  code joined by one",
    "a tab\n\tcode\n\n-\ta tab after a marker\n\r---\r\n2022. a year that starts a line",
    "[r]: https://example.org/\n\nwords with no reference",
    "Pen-y-bont ar Ogwr: a hyphen inside words, 2021. A year in a sentence; 5 > 4 and = signs.",
    "<!-- c -->&amp;\x02- ## \t\n    ___*",  # raw HTML's parsing moves the reference: the list begins a block
    "<!-- c -->&amp;12. Pen-y-bont12. \t-<div>    </p></div>Pen-y-bont",
    "words\n<!-- c -->words    <div>x</div>",  # raw HTML set aside leaves spaces at a line's end: a line break
    # comments that are whole lines, as Rhannu's block markers in a page's Markdown
    "# Title\n\n<!--rhannu-block-0-->\n\n## What happened\n\nWords, 2022.\n<!--rhannu-block-1-->\n- a list after one",
    "<!--rhannu-block-0-->\n---\n<!-- x -->\nA heading\n===\n> <!-- in a quote -->\n    <!-- indented: code -->",
]


@pytest.mark.parametrize("text", SYNTAX + every_source_text())
def test_markdown_rendered_without_unmatchable_patterns_is_as_with_all(text: str) -> None:
    every_pattern = markdown.Markdown(extensions=markdown_text.EXTENSIONS, output_format="html")
    assert markdown_text.rendered(text) == every_pattern.convert(text)


def test_a_random_text_of_block_markers_is_rendered_as_with_every_processor() -> None:
    pieces = ["\n", "\n\n", " ", "    ", "\t", "\r", "\x02", ">", "- ", "* ", "+ ", "1. ", "#", "---", "===", "___", "***"]
    pieces += ["[r]: x", "<div>", "</div>", '<div markdown="1">', "<!-- c -->", "&amp;", "words", "Pen-y-bont", "2022."]
    pieces += ["=", "-", "_", "*", "3"]
    every_processor = markdown.Markdown(extensions=markdown_text.EXTENSIONS, output_format="html")
    chosen = random.Random(22)
    for _ in range(3000):
        text = "".join(chosen.choice(pieces) for _ in range(chosen.randrange(1, 14)))
        assert markdown_text.rendered(text) == every_processor.reset().convert(text), repr(text)


def test_a_random_page_with_comment_lines_is_rendered_as_with_every_processor() -> None:
    pieces = ["\n", "\n\n", " ", "    ", "\t", ">", "- ", "1. ", "#", "---", "===", "[r]: x", "words", "2022.", "=", "-"]
    pieces += ["\n<!--rhannu-block-0-->\n", "<!--rhannu-block-1-->", "\n<!-- c -->  ", "<"]
    reused = markdown.Markdown(extensions=[*PAGE_EXTENSIONS, markdown_text.UnmatchablePatternsLeftOut()])
    every_processor = markdown.Markdown(extensions=PAGE_EXTENSIONS)
    chosen = random.Random(23)
    for _ in range(3000):
        text = "".join(chosen.choice(pieces) for _ in range(chosen.randrange(1, 14)))
        assert reused.reset().convert(text) == every_processor.reset().convert(text), repr(text)


def test_a_page_leaves_out_the_block_processors_that_could_claim_nothing_and_puts_them_back() -> None:
    md = markdown.Markdown(extensions=[*PAGE_EXTENSIONS, markdown_text.UnmatchablePatternsLeftOut()])
    _, _, blocks = converted_with(md, "# A title\n\n<!--rhannu-block-0-->\n\nPlain words.")
    assert "quote" not in blocks and "ulist" not in blocks
    assert "quote" in md.parser.blockprocessors  # put back once the text is converted
    html, _, blocks = converted_with(md.reset(), "> quoted")
    assert html == "<blockquote>\n<p>quoted</p>\n</blockquote>" and "quote" in blocks


def test_the_block_processors_left_out_are_those_that_could_claim_nothing() -> None:
    installed = markdown.Markdown(extensions=markdown_text.EXTENSIONS).parser.blockprocessors
    assert all(name in installed for name in [*markdown_text.BLOCK_NEEDS, *markdown_text.LINE_NEEDS])
    plain = markdown_text.unclaimable("## A heading\n\nPen-y-bont ar Ogwr, 2022. Words.")
    assert plain == {*markdown_text.BLOCK_NEEDS, *markdown_text.LINE_NEEDS}
    assert "quote" not in markdown_text.unclaimable("> quoted")
    assert "setextheader" not in markdown_text.unclaimable("A heading\n===")
    assert markdown_text.unclaimable("<!-- c -->&amp;- a list after raw HTML, here first in its block") == set()
    assert markdown_text.unclaimable("- a list\n\nA heading\n===") == {"quote", "reference", "code", "indent"}
    assert "code" not in markdown_text.unclaimable("words\n\n  \x02  code")
    assert markdown_text.unclaimable("<!--rhannu-block-0-->\n\nWords.") == plain  # a comment that is a whole line
    assert markdown_text.unclaimable(" <!-- c -->\n\nWords.") == set()  # not from the line's start


def test_the_patterns_left_out_are_those_of_the_installed_markdown() -> None:
    installed = markdown.Markdown(extensions=markdown_text.EXTENSIONS).inlinePatterns
    assert all(name in installed for name in markdown_text.NEEDS)
    assert markdown_text.unmatchable("plain words") == set(markdown_text.NEEDS)
    assert "link" in markdown_text.unmatchable("plain words") and "link" not in markdown_text.unmatchable("a [link](x)")
    assert "linebreak" not in markdown_text.unmatchable("a\tb")


PAGE_EXTENSIONS: list = ["attr_list", "md_in_html", "toc"]


def test_pages_rendered_with_unmatchable_patterns_left_out_are_as_with_all() -> None:
    texts = SYNTAX + every_source_text()
    reused = markdown.Markdown(extensions=[*PAGE_EXTENSIONS, markdown_text.UnmatchablePatternsLeftOut()])
    for text in [*texts, *reversed(texts)]:  # one instance, reset between texts, as `rhannu check` and the preview use one
        every_pattern = markdown.Markdown(extensions=PAGE_EXTENSIONS)
        assert reused.reset().convert(text) == every_pattern.convert(text), text


def test_a_text_without_links_is_rendered_without_the_link_patterns_and_the_next_with() -> None:
    md = markdown.Markdown(extensions=[*PAGE_EXTENSIONS, markdown_text.UnmatchablePatternsLeftOut()])
    _, patterns, _ = converted_with(md, "plain words")
    assert "link" not in patterns and "em_strong" not in patterns
    assert "link" in md.inlinePatterns  # put back once the text is converted
    html, patterns, _ = converted_with(md.reset(), "a [link](x.md) and *em*")
    assert html == '<p>a <a href="x.md">link</a> and <em>em</em></p>' and "link" in patterns
    every = "`a` \\* [l](x) ![i](y) <https://a.example> <a@b.example> x  \ny <b>b</b> &amp; *e* _f_"
    fresh = markdown.Markdown(extensions=[*PAGE_EXTENSIONS, markdown_text.UnmatchablePatternsLeftOut()])
    assert converted_with(md.reset(), every)[1] == converted_with(fresh, every)[1]  # all put back, in their order


def test_an_extension_s_own_pattern_under_a_built_in_name_is_kept() -> None:
    class OwnLink(markdown.extensions.Extension):
        def extendMarkdown(self, md: markdown.Markdown) -> None:
            md.inlinePatterns.register(markdown.inlinepatterns.SimpleTextInlineProcessor(r"(zz)"), "link", 160)

    md = markdown.Markdown(extensions=[OwnLink(), markdown_text.UnmatchablePatternsLeftOut()])
    md.convert("plain zz words")
    assert "link" in md.inlinePatterns


def test_the_site_renders_its_pages_with_unmatchable_patterns_left_out(tmp_path: Path) -> None:
    config = load_config(str(FIXTURE / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config = config.plugins.on_config(config)
    config = config.plugins.on_config(config)  # the preview configures again: still once
    added = [ext for ext in config.markdown_extensions if isinstance(ext, markdown_text.UnmatchablePatternsLeftOut)]
    assert len(added) == 1


def test_the_hash_heading_processor_tests_only_blocks_with_a_hash_and_renders_as_markdowns() -> None:
    page = markdown.Markdown(extensions=[*PAGE_EXTENSIONS, markdown_text.UnmatchablePatternsLeftOut()])
    heading = page.parser.blockprocessors["hashheader"]
    assert isinstance(heading, markdown_text._HashHeaderProcessor)
    assert not heading.test(None, "A paragraph with no heading\nover two lines")
    assert heading.test(None, "A paragraph\n## and a heading")
    assert page.parser.blockprocessors.get_index_for_name("hashheader") == (
        markdown.Markdown(extensions=PAGE_EXTENSIONS).parser.blockprocessors.get_index_for_name("hashheader")
    )
    pieces = ["\n", "\n\n", " ", "#", "##", "\\#", "# ", "words", "> ", "- ", "1. ", "    ", "`#`", "&#35;", "===", "#\n"]
    every_processor = markdown.Markdown(extensions=PAGE_EXTENSIONS)
    chosen = random.Random(24)
    for _ in range(3000):
        text = "".join(chosen.choice(pieces) for _ in range(chosen.randrange(1, 14)))
        assert page.reset().convert(text) == every_processor.reset().convert(text), repr(text)
        assert markdown_text.rendered(text) == markdown.Markdown(
            extensions=markdown_text.EXTENSIONS, output_format="html"
        ).convert(text)
