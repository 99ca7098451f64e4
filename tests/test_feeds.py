"""Feeds (issue 15): per PSB and per theme, categories, newest first, the cap, and the issues'
email-safe content for RSS-to-email. Unit tests of rhannu.feeds, then the built sample site."""

from __future__ import annotations

import datetime as dt
import email.utils
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree

import feedparser
import pytest
import yaml

from rhannu.content import load_content
from rhannu.errors import ContentErrors
from rhannu.feeds import (
    Category,
    Channel,
    FeedItem,
    email_body,
    facet_channel,
    feed_links,
    newest,
    render_rss,
    study_categories,
)
from rhannu.site_info import FEED_ITEMS, feed_items
from rhannu.views import facet_values, term_label
from tests.support.sample_site import BULK_2022, BULK_2023, FACETS, ISSUES, at, section
from tests.support.sites import BUILD_DATE_PINNED, FIXTURE, FIXTURE_URL, build, copy_fixture, read_html

UTC = dt.UTC
TAXONOMY = yaml.safe_load((FIXTURE / "data/taxonomy.yml").read_text(encoding="utf-8"))
FEED_FACETS = ("psb", "theme")
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"


def item(n: int, published: bool = True) -> FeedItem:
    moment = dt.datetime(2022, 1, 1, tzinfo=UTC) + dt.timedelta(days=n) if published else None
    return FeedItem(f"Item {n}", f"https://example.org/{n:03}/", moment, f"Summary {n}")


def channel(items: tuple[FeedItem, ...]) -> Channel:
    return Channel("Title", "https://example.org/", "About", "cy", "https://example.org/feed.xml", items)


# --- units ---------------------------------------------------------------------------------


def test_a_feed_keeps_only_its_newest_items_up_to_the_cap_newest_first() -> None:
    items = [item(n) for n in (5, 1, 9, 3, 7, 2, 8)] + [item(4, published=False), item(6, published=False)]
    kept = newest(items, 5)
    assert [entry.title for entry in kept] == ["Item 9", "Item 8", "Item 7", "Item 5", "Item 3"]
    every = newest(items, 50)
    assert [entry.title for entry in every][-2:] == ["Item 6", "Item 4"], "never published here: last, by address"
    parsed = feedparser.parse(render_rss(channel(kept)).encode())
    assert not parsed.bozo and len(parsed.entries) == 5


def test_a_facet_feed_makes_the_items_its_cap_keeps_the_newest_of_all_its_case_studies() -> None:
    content = load_content(FIXTURE, BUILD_DATE_PINNED)
    psb = "sample-north"
    studies = [study for study in content.case_studies if psb in facet_values(study, "psb")]
    assert len(studies) > 5
    every = facet_channel(content, "psb", psb, "en", "Sample", FIXTURE_URL, cap=len(studies))
    kept = facet_channel(content, "psb", psb, "en", "Sample", FIXTURE_URL, cap=5)

    def shown(items: tuple[FeedItem, ...]) -> list[tuple]:
        return [(i.title, i.link, i.published, i.description, i.categories, i.full_text()) for i in items]

    assert len(every.items) == len(studies) and shown(every.items[:5]) == shown(kept.items)


def test_the_feed_categories_of_case_studies_are_each_value_once_themes_then_psbs_in_taxonomy_order() -> None:
    content = load_content(FIXTURE, BUILD_DATE_PINNED)
    studies = content.case_studies[:6]
    categories = study_categories(content, studies, "cy")
    expected = [  # each value of the taxonomy that some study holds, asked study by study
        (term_label(content, facet, value, "cy"), facet)
        for facet in ("theme", "psb")
        for value in content.taxonomy.of_facet(facet)
        if any(value in facet_values(study, facet) for study in studies)
    ]
    assert [(category.label, category.domain) for category in categories] == expected
    assert len(expected) > len({domain for _, domain in expected}), "more than one value of a facet"
    assert study_categories(content, [], "cy") == ()


@pytest.mark.parametrize("value", [None, 1, 10, 500])
def test_the_cap_setting_takes_a_whole_number_and_defaults_to_50(value: int | None) -> None:
    assert feed_items(value) == (FEED_ITEMS if value is None else value)
    assert FEED_ITEMS == 50


@pytest.mark.parametrize("value", [0, -3, True, "50", 2.5, [50]])
def test_a_bad_cap_setting_is_a_clear_error(value: object) -> None:
    with pytest.raises(ContentErrors) as raised:
        feed_items(value)
    assert "extra.feed_items" in str(raised.value.errors[0]) and "whole number" in str(raised.value.errors[0])


def test_categories_are_escaped_and_carry_their_taxonomy_as_domain() -> None:
    hostile = 'Themes & <script>alert(1)</script> ]]> "quoted"\nline'
    entry = FeedItem(
        "A <b>title</b> & more\r\nInjected: header",
        "https://example.org/a/?x=1&y=2",
        dt.datetime(2022, 3, 1, tzinfo=UTC),
        "Summary ]]> <!-- -->",
        content_html='<p style="color: red">Body &amp; <a href="https://example.org/">link</a></p>',
        categories=(Category(hostile, "theme"), Category("Sample PSB", 'psb"><x a="')),
    )
    xml = render_rss(channel((entry,)))
    parsed = feedparser.parse(xml.encode())
    assert not parsed.bozo, parsed.get("bozo_exception")
    element = ElementTree.fromstring(xml).find("channel/item")
    assert element is not None
    categories = element.findall("category")
    assert [(c.get("domain"), c.text) for c in categories] == [("theme", hostile), ('psb"><x a="', "Sample PSB")]
    assert element.findtext("title") == entry.title and element.findtext("link") == entry.link
    assert element.findtext(CONTENT) == entry.content_html
    assert "<script>" not in xml


def test_a_page_names_its_own_feed_first_and_a_malformed_one_is_ignored() -> None:
    site_feeds = feed_links("cy")
    assert [path for _, path in site_feeds] == ["cy/cylchlythyrau/feed.xml", "cy/feed.xml"]
    own = {"title": "Rhannu arfer: astudiaethau achos (RSS)", "path": "cy/astudiaethau-achos/thema/x/feed.xml"}
    assert feed_links("cy", own) == [(own["title"], own["path"]), *site_feeds]
    for bad in (None, "feed.xml", {"title": "x"}, {"title": 1, "path": "feed.xml"}):
        assert feed_links("cy", bad) == site_feeds


def test_the_email_body_is_the_inside_of_the_body_element() -> None:
    assert (
        email_body('<!DOCTYPE html>\n<html><head><style>p{}</style></head>\n<body class="x">\n<p>Hi</p>\n</body></html>')
        == "<p>Hi</p>"
    )
    with pytest.raises(ValueError):
        email_body("<p>no body</p>")


# --- the built sample site -----------------------------------------------------------------


def facet_feed(prefix: str, facet: str, value: str) -> str:
    """A facet value's feed, beside its page (in Welsh: the facet's Welsh folder and the value's Welsh name)."""
    return at(prefix, f"case-studies/{facet}/{value}/") + "feed.xml"


def labels(lang: str, facet: str) -> set[str]:
    key = {"psb": "psbs", "theme": "themes"}[facet]
    return {entry[lang] for entry in TAXONOMY[key].values()}


def test_every_feed_of_the_built_site_is_valid_rss(site: Path) -> None:
    feeds = sorted(site.rglob("feed.xml"))
    assert len(feeds) == 4 + 2 * sum(len(FACETS[facet]) for facet in FEED_FACETS)  # none at addresses never published
    for path in feeds:
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        assert parsed.version == "rss20", path
        dated = [email.utils.parsedate_to_datetime(entry.published) for entry in parsed.entries if "published" in entry]
        assert dated == sorted(dated, reverse=True), f"{path}: newest first"
        assert len(parsed.entries) <= FEED_ITEMS, path


@pytest.mark.parametrize(("prefix", "lang"), [("", "en"), ("cy/", "cy")])
@pytest.mark.parametrize("facet", FEED_FACETS)
def test_each_psb_and_theme_has_a_feed_of_its_case_studies_in_each_language(
    site: Path, prefix: str, lang: str, facet: str
) -> None:
    for value, number in FACETS[facet].items():
        path = facet_feed(prefix, facet, value)
        parsed = feedparser.parse((site / path).read_bytes())
        assert not parsed.bozo, parsed.get("bozo_exception")
        assert parsed.feed.language == ("cy" if lang == "cy" else "en-GB")
        assert any(link.rel == "self" and link.href == FIXTURE_URL + path for link in parsed.feed.links)
        assert parsed.feed.link == FIXTURE_URL + at(prefix, f"case-studies/{facet}/{value}/")
        assert len(parsed.entries) == min(number, FEED_ITEMS), f"{path}: its case studies, up to the cap"
        name = TAXONOMY[{"psb": "psbs", "theme": "themes"}[facet]][value][lang]
        assert name in parsed.feed.title
        for entry in parsed.entries:
            assert urlsplit(entry.link).path.startswith("/" + section(prefix, "case-studies") + "/"), entry.link
            terms = [(tag.scheme, tag.term) for tag in entry.tags]
            assert (facet, name) in terms, f"{entry.link} has {value}"
            assert all(term in labels(lang, scheme) for scheme, term in terms), terms
            assert [scheme for scheme, _ in terms] == sorted((s for s, _ in terms), key=("theme", "psb").index)


def test_the_cap_keeps_the_newest_of_a_psb_with_more_case_studies_than_it(site: Path) -> None:
    """Sample North has the 51 bulk case studies: its feed keeps the newest 50 (on a day, by
    address, as listings order them) and leaves out the oldest."""
    assert FACETS["psb"]["sample-north"] > FEED_ITEMS
    items = ElementTree.parse(site / facet_feed("", "psb", "sample-north")).getroot().findall("channel/item")
    assert len(items) == FEED_ITEMS
    links = [entry.findtext("link") for entry in items]
    assert links[0] == FIXTURE_URL + f"case-studies/{BULK_2023[0]}/", "the newest"
    assert links[-1] == FIXTURE_URL + f"case-studies/{BULK_2022[-2]}/"
    assert FIXTURE_URL + f"case-studies/{BULK_2022[-1]}/" not in links, "the oldest is left out"


@pytest.mark.parametrize(("prefix", "lang"), [("", "en"), ("cy/", "cy")])
def test_every_item_of_the_site_feeds_carries_its_categories_in_the_feeds_language(site: Path, prefix: str, lang: str) -> None:
    for path in (f"{prefix}feed.xml", f"{section(prefix, 'newsletters')}/feed.xml"):
        parsed = feedparser.parse((site / path).read_bytes())
        for entry in parsed.entries:
            is_lesson = "/" + section(prefix, "lessons") + "/" in entry.link
            tags = [(tag.scheme, tag.term) for tag in entry.get("tags", [])]
            if is_lesson:
                assert not tags, "a lesson has no themes"
                continue
            assert any(scheme == "theme" for scheme, _ in tags), f"{entry.link}: its themes"
            assert any(scheme == "psb" for scheme, _ in tags), f"{entry.link}: its PSB"
            assert all(term in labels(lang, scheme) for scheme, term in tags), tags
    other = "en" if lang == "cy" else "cy"
    feed = (site / f"{prefix}feed.xml").read_text(encoding="utf-8")
    only_other = labels(other, "theme") - labels(lang, "theme")
    assert not any(f">{name}</category>" in feed for name in only_other)


@pytest.mark.parametrize(("prefix", "lang"), [("", "en"), ("cy/", "cy")])
def test_each_issue_carries_its_email_edition_in_its_language_for_rss_to_email(site: Path, prefix: str, lang: str) -> None:
    path = f"{section(prefix, 'newsletters')}/feed.xml"
    parsed = feedparser.parse((site / path).read_bytes())
    assert parsed.namespaces.get("content") == "http://purl.org/rss/1.0/modules/content/", "declared"
    channel = ElementTree.parse(site / path).getroot().find("channel")
    assert channel is not None
    items = channel.findall("item")
    assert len(items) == len(ISSUES)
    for element in items:
        html = element.findtext(CONTENT)
        assert html
        day = urlsplit(element.findtext("link") or "").path.rstrip("/").rsplit("/", 1)[-1]
        edition = (site / f"newsletters/{day}/email.{lang}.html").read_text(encoding="utf-8")
        assert html == email_body(edition), "the one-language email edition's body, as the site publishes it"
        body = read_html_text(html)
        assert not body.select("style, script, link"), "no style sheet, script or link: styles are inline"
        assert body.select("[style]") and all(tag.get("style") for tag in body.select("a, h1, h2, p"))
        for link in body.select("a[href]"):
            href = link["href"]
            assert urlsplit(href).scheme in ("https", "http", "mailto") or href.startswith("*|"), f"not absolute: {href}"
        assert body.select_one(f'[lang="{"cy" if lang == "cy" else "en-GB"}"]'), "the edition in the feed's language"


def read_html_text(html: str):
    from bs4 import BeautifulSoup

    return BeautifulSoup(html, "html.parser")


@pytest.mark.parametrize(("prefix", "lang"), [("", "en"), ("cy/", "cy")])
def test_facet_pages_link_their_feed_in_the_head_and_on_the_page(site: Path, prefix: str, lang: str) -> None:
    visible = {
        "en": {"psb": "Feed for this PSB (RSS)", "theme": "Feed for this theme (RSS)"},
        "cy": {"psb": "Ffrwd ar gyfer y BGC hwn (RSS)", "theme": "Ffrwd ar gyfer y thema hon (RSS)"},
    }[lang]
    # "Across the programme" is not a PSB: its feed is this page's
    across = {"en": "Feed for this page (RSS)", "cy": "Ffrwd ar gyfer y dudalen hon (RSS)"}[lang]
    for facet, values in FACETS.items():
        for value, number in values.items():
            pages = [at(prefix, f"case-studies/{facet}/{value}/")]
            if number > 50:
                pages.append(at(prefix, f"case-studies/{facet}/{value}/page/2/"))
            for address in pages:
                page = site / address / "index.html"
                html = read_html(page)
                head = [
                    (page.parent / link["href"]).resolve()
                    for link in html.select('head link[rel="alternate"][type="application/rss+xml"]')
                ]
                shown = html.select("p.rhannu-feed-link a")
                if facet not in FEED_FACETS:
                    assert len(head) == 2 and not shown, f"{address}: no feed of its own"
                    continue
                feed = (site / facet_feed(prefix, facet, value)).resolve()
                assert head[0] == feed and len(head) == 3, address
                title = html.select_one('head link[rel="alternate"][type="application/rss+xml"]')["title"]
                assert TAXONOMY[{"psb": "psbs", "theme": "themes"}[facet]][value][lang] in title
                expected = across if (facet, value) == ("psb", "programme") else visible[facet]
                assert [link.get_text() for link in shown] == [expected], address
                assert (page.parent / shown[0]["href"]).resolve() == feed and shown[0]["type"] == "application/rss+xml"


def test_the_feeds_are_the_same_bytes_in_a_second_build(tmp_path: Path) -> None:
    project = copy_fixture(tmp_path / "project")
    first, second = build(project, tmp_path / "first"), build(project, tmp_path / "second")
    assert first.returncode == 0 and second.returncode == 0, first.log + second.log
    feeds = sorted(path.relative_to(first.site) for path in first.site.rglob("feed.xml"))
    assert len(feeds) == 4 + 2 * sum(len(FACETS[facet]) for facet in FEED_FACETS)
    assert feeds == sorted(path.relative_to(second.site) for path in second.site.rglob("feed.xml"))
    for path in feeds:
        assert (second.site / path).read_bytes() == (first.site / path).read_bytes(), path


def with_feed_items(project: Path, value: str) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("extra:\n", f"extra:\n  feed_items: {value}\n", 1), encoding="utf-8")


def test_the_cap_is_read_from_mkdocs_yml(tmp_path: Path) -> None:
    project = copy_fixture(tmp_path / "project")
    with_feed_items(project, "2")
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.log
    for path in result.site.rglob("feed.xml"):
        assert len(ElementTree.parse(path).getroot().findall("channel/item")) <= 2, path
    issues = ElementTree.parse(result.site / "cy/cylchlythyrau/feed.xml").getroot().findall("channel/item")
    assert [entry.findtext("link") for entry in issues] == [
        FIXTURE_URL + f"cy/cylchlythyrau/{day}/" for day in sorted(ISSUES, reverse=True)[:2]
    ]


def test_a_bad_cap_in_mkdocs_yml_stops_the_build_naming_the_setting(tmp_path: Path) -> None:
    project = copy_fixture(tmp_path / "project")
    with_feed_items(project, "0")
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "extra.feed_items" in result.log and "whole number" in result.log, result.log[-2000:]


def test_markup_in_a_theme_name_is_text_in_its_feed_and_its_pages_feed_link(tmp_path: Path) -> None:
    project = copy_fixture(tmp_path / "project")
    taxonomy = project / "data/taxonomy.yml"
    hostile = 'Digital <b>engagement</b> & "more" </category>'
    text = taxonomy.read_text(encoding="utf-8")
    taxonomy.write_text(
        text.replace("digital-engagement: {en: Digital engagement,", f"digital-engagement: {{en: '{hostile}',", 1),
        encoding="utf-8",
    )
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.log
    for path in ("case-studies/theme/digital-engagement/feed.xml", "newsletters/feed.xml"):  # feed.xml: capped before it
        xml = (result.site / path).read_text(encoding="utf-8")
        assert "<b>engagement" not in xml, path
        parsed = feedparser.parse(xml.encode())
        assert not parsed.bozo, parsed.get("bozo_exception")
        terms = {category.text for category in ElementTree.fromstring(xml).iter("category")}
        assert hostile in terms, path
    page = read_html(result.site / "case-studies/theme/digital-engagement/index.html")
    link = page.select_one('head link[rel="alternate"][type="application/rss+xml"]')
    assert link is not None and link["title"] == f"{hostile}: case studies (RSS)"
    assert not page.select("head b, title b")


@pytest.mark.parametrize(("prefix", "lang"), [("", "en"), ("cy/", "cy")])
def test_the_subscribe_page_says_each_psb_and_theme_has_a_feed(site: Path, prefix: str, lang: str) -> None:
    page = site / at(prefix, "subscribe/") / "index.html"
    said = read_html(page).select_one("#subscribe-rss ~ ul + p")
    expected = {
        "en": "There is also a feed of the case studies of each PSB and each theme, linked from the relevant page in Case studies.",
        "cy": "Mae ffrwd hefyd ar gyfer astudiaethau achos pob BGC a phob thema, gyda dolen iddi ar y dudalen berthnasol yn Astudiaethau achos.",
    }[lang]
    assert " ".join(said.get_text().split()) == expected
    assert (page.parent / said.a["href"]).resolve() == (site / at(prefix, "case-studies/")).resolve()
