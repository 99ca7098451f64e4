"""The build's CPU cuts (issue 22, item 6): work done once, and only what a process's language
needs, with the same bytes as before."""

from __future__ import annotations

import pytest

from rhannu import citation, material_theme
from rhannu.message import message_files
from rhannu.site import Site, prepare
from rhannu.site_info import SiteInfo
from tests.support.sites import BUILD_DATE_PINNED, FIXTURE, FIXTURE_URL


@pytest.fixture(scope="module")
def sample() -> Site:
    return prepare(FIXTURE, BUILD_DATE_PINNED, SiteInfo(FIXTURE_URL, {"en": "Sample", "cy": "Enghraifft"}))


@pytest.mark.parametrize("edition", ["both", "en", "cy"])
def test_message_files_of_one_edition_are_those_of_every_edition_rendered_together(sample: Site, edition: str) -> None:
    every = message_files(sample.editions, sample.info, sample.settings.list_unsubscribe)
    ours = sample.message_files(edition)
    assert ours
    assert ours == {path: data for path, data in every.items() if path in ours}
    issues = {copy.issue.slug for copy in sample.editions}
    assert len(ours) == len(issues)  # one message file per issue, of this edition alone


def test_message_files_of_each_edition_together_are_every_message_file(sample: Site) -> None:
    every = message_files(sample.editions, sample.info, sample.settings.list_unsubscribe)
    assert {**sample.message_files("both"), **sample.message_files("en"), **sample.message_files("cy")} == every


ARTICLES = [
    '<body><article class="md-content__inner md-typeset">\n  <h1>T</h1>\n<p>x</p>\n  </article></body>',
    '<article class="md-content__inner md-typeset"><p>a</p></article><article class="md-content__inner md-typeset">b</article>',
    '<article class="md-content__inner md-typeset">\n \u00a0 </article>',  # only white space, a no-break space among it
    '<article class="md-content__inner md-typeset"></article>',
    '<article class="md-content__inner md-typeset">\n<p>no closing tag</p>',
    "<p>no article</p></article>",
    '<article class="other">x</article><article class="md-content__inner md-typeset">\t<p>y</p>\u2003\n</article>',
]


@pytest.mark.parametrize("html", ARTICLES)
def test_article_span_is_where_the_article_pattern_finds_the_content(html: str) -> None:
    match = material_theme._ARTICLE.search(html)
    assert material_theme.article_span(html) == (match.span(2) if match else None)


@pytest.mark.parametrize("html", ARTICLES)
def test_an_article_changed_is_as_the_pattern_changes_it(html: str) -> None:
    def change(text: str) -> str:
        return f"[{text.upper()}]"

    expected = material_theme._ARTICLE.sub(lambda match: match[1] + change(match[2]) + match[3], html, count=1)
    assert material_theme.with_article_changed(html, change) == expected


@pytest.mark.parametrize(("lang", "first", "last"), [("en", "January", "December"), ("cy", "Ionawr", "Rhagfyr")])
def test_month_names_are_the_twelve_months_in_the_language_in_order(lang: str, first: str, last: str) -> None:
    names = citation.month_names(lang).split(",")
    assert (len(names), names[0], names[-1]) == (12, first, last)


@pytest.mark.parametrize("text", ["", "Plain Welsh: ŵ ŷ â", "50% of £5 & $5 #1 a_b {x} ^ ~ \\", "two\nlines\t tabbed"])
def test_tex_escapes_each_special_character_as_before(text: str) -> None:
    one_line = citation._one_line(text)
    assert citation.tex(text) == "".join(citation._TEX.get(char, char) for char in one_line)
    assert citation.tex("{50%}") == r"\{50\%\}"
