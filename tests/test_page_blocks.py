"""Where a generated page's HTML blocks go: what search must not index and that follows every
searchable part is printed by the theme after the page's content (never a Markdown placeholder),
spaced exactly as the placeholders were, and its breadcrumb trail just above its H1; a late block
between searchable parts stays a placeholder; head additions come from the theme's extrahead block."""

from __future__ import annotations

import json
from pathlib import Path

import markdown
import pytest

from rhannu.views import Late, Markdown, VirtualPage, block_placeholder, page
from tests.support.sites import read_html

EXTENSIONS = ["attr_list", "md_in_html", "toc"]  # the sites' own (mkdocs.yml)


def rendered(page_markdown: str) -> str:
    """The page's Markdown (without its front matter) as MkDocs renders it."""
    body = page_markdown.split("\n---\n", 1)[1].lstrip("\n")
    return markdown.Markdown(extensions=EXTENSIONS).convert(body)


def as_placeholders(virtual: VirtualPage, trailing: list[str]) -> str:
    """What the page was before the trailing blocks left Markdown: every block a placeholder,
    filled after rendering."""
    numbers = range(len(virtual.blocks), len(virtual.blocks) + len(trailing))
    source = virtual.markdown.rstrip("\n") + "".join(f"\n\n{block_placeholder(number)}" for number in numbers) + "\n"
    html = rendered(source)
    for number, block in zip(numbers, trailing, strict=True):
        html = html.replace(block_placeholder(number), block, 1)
    html = virtual.with_blocks(html)
    title = html.find("<h1")  # the trail went in just above the page's H1
    return html[:title] + virtual.before_title + html[title:]


RELATED = '<section class="rhannu-related"><h2 id="related">Related</h2><ul><li>x</li></ul></section>'
CITE = '<section class="rhannu-cite"><p>Cite</p></section>'
META = '<dl class="rhannu-meta"><div><dt>When</dt><dd>2024</dd></div></dl>'


def test_late_blocks_after_everything_searchable_leave_the_markdown():
    virtual = page("x/y", "en", "Title", "Summary", [Late(META), Markdown("Some *text*."), Late(RELATED), Late(CITE)])
    assert "Related" not in virtual.markdown and "Cite" not in virtual.markdown
    assert virtual.markdown.count("<!--rhannu-block-") == 1  # the metadata, above the text
    assert virtual.blocks == (META,) and virtual.late == frozenset({0})
    assert virtual.after == f"\n{RELATED}\n\n{CITE}"


def test_a_late_block_between_searchable_parts_stays_a_placeholder_filled_late():
    virtual = page("x/y", "en", "Title", "Summary", ["<p>Intro</p>", Late(META), "<p>Searchable</p>", Late(CITE)])
    html = rendered(virtual.markdown)
    early = virtual.with_blocks(html, late=False)
    assert "<p>Searchable</p>" in early and META not in early and block_placeholder(1) in early
    assert META in virtual.with_blocks(early, late=True)
    assert virtual.after == f"\n\n{CITE}"


@pytest.mark.parametrize(
    "parts",
    [
        [Markdown("Some *text*.\n\n- a list"), Late(RELATED), Late(CITE)],  # after an editor's text
        ["<p>Intro</p>", Late(RELATED), Late(CITE)],  # after an HTML block
        [Late(META), Markdown("Text."), Late(RELATED)],
        [Late(RELATED)],  # after the title alone
        [Markdown("Text."), Late(""), Late(CITE)],  # an empty block is left out, as before
    ],
)
def test_the_article_is_what_the_placeholders_made(parts: list[str]):
    virtual = page("x/y", "en", "Title", "Summary", parts, before_title='<nav class="trail"></nav>')
    trailing = [part for part in parts[len(parts) - _trailing_count(parts) :] if part]
    assert virtual.whole(rendered(virtual.markdown)) == as_placeholders(virtual, trailing)


def _trailing_count(parts: list[str]) -> int:
    count = 0
    for part in reversed(parts):
        if not isinstance(part, Late):
            break
        count += 1
    return count


def test_a_page_without_late_blocks_has_nothing_after():
    assert page("x/y", "en", "Title", "Summary", ["<p>Intro</p>", Markdown("Text.")]).after == ""


def _search_text(site: Path, address: str) -> str:
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    return " ".join(doc["text"] + doc["title"] for doc in index["docs"] if doc["location"].split("#")[0] == address)


def test_the_built_case_study_prints_its_late_blocks_after_its_text_and_search_skips_them(site: Path):
    address = "case-studies/sample-sharing-practice/"
    soup = read_html(site / address / "index.html")
    article = soup.select_one("article")
    related, cite = article.select_one('[aria-labelledby="lessons-heading"]'), article.select_one("section.rhannu-cite")
    assert related is not None and cite is not None
    order = [element for element in article.find_all(True) if element in (related, cite) or element.name == "h1"]
    assert [element.name for element in order] == ["h1", "section", "section"]
    searched = _search_text(site, address)
    assert searched  # the page is in the index, by its text
    assert related.h2.get_text() not in searched and "rhannu-cite" not in searched
    assert "<!--rhannu-block-" not in (site / address / "index.html").read_text(encoding="utf-8")


def test_the_built_case_study_has_its_head_additions_in_its_head_once(site: Path):
    soup = read_html(site / "case-studies/sample-sharing-practice/index.html")
    assert len(soup.select('script[type="application/ld+json"]')) == 1
    assert soup.head.select_one('script[type="application/ld+json"]') is not None
    assert soup.head.select_one('meta[name="citation_title"]') is not None
    listing = read_html(site / "case-studies/index.html")
    assert listing.select('script[type="application/ld+json"]') == [] and listing.select('meta[name^="citation_"]') == []


def test_the_built_trail_stands_just_above_the_title_and_search_skips_it(site: Path):
    for address in ("case-studies/sample-sharing-practice/", "cy/astudiaethau-achos/bgc/sample-north/"):
        soup = read_html(site / address / "index.html")
        trail = soup.select_one("article nav.rhannu-breadcrumbs")
        assert trail is not None and trail.find_next_sibling() is soup.select_one("article h1")
        assert len(soup.select(".rhannu-breadcrumbs")) == 1
        folder, located = ("cy/", address.removeprefix("cy/")) if address.startswith("cy/") else ("", address)
        docs = json.loads((site / folder / "search/search_index.json").read_text(encoding="utf-8"))["docs"]  # each language's own
        searched = " ".join(doc["text"] + doc["title"] for doc in docs if doc["location"].split("#")[0] == located)
        assert searched and trail.get_text(" ", strip=True) not in searched


def test_the_content_partial_is_materials_own_but_for_the_blocks_around_the_content():
    """When the pinned Material changes its partial, ours must follow: it may differ only by its
    comment and the two blocks around `page.content`."""
    import material

    import rhannu

    theirs = (Path(material.__file__).parent / "templates/partials/content.html").read_text(encoding="utf-8")
    ours = (Path(rhannu.__file__).parent / "theme/partials/content.html").read_text(encoding="utf-8")

    def without_comment(template: str) -> str:
        return template.split("-#}\n", 1)[1]

    added = "{{ before_title }}{{ page.content }}{{ after_content }}"
    assert added in ours
    assert without_comment(ours).replace(added, "{{ page.content }}") == without_comment(theirs)
