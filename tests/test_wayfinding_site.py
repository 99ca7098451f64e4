"""Pages that show the way, on the built sample site: every section in "On this page", breadcrumb
trails and previous/next on case studies, lessons and issues, the home page's title and links, the
newsletter's links to Subscribe, the feed and each issue's editions, and the logo's contrast."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from mkdocs.structure.toc import AnchorLink, TableOfContents

from rhannu import page_toc
from tests.support.sample_site import CASE_STUDIES, ISSUES, LESSONS, PAGES, WELSH_PAGE_NAMES, welsh
from tests.support.sites import PROJECT, read_html

# Where each language's pages of the site's sections live, as main builds them today: Welsh under
# cy/ with the English section names. The move to Welsh addresses changes only this table.
SECTION_ADDRESSES = {
    "en": {
        "home": "",
        "case-studies": "case-studies/",
        "lessons": "lessons/",
        "newsletters": "newsletters/",
        "subscribe": "subscribe/",
    },
    "cy": {
        "home": "cy/",
        "case-studies": "cy/astudiaethau-achos/",
        "lessons": "cy/gwersi/",
        "newsletters": "cy/cylchlythyrau/",
        "subscribe": "cy/subscribe/",
    },
}
LANGS = ("en", "cy")


def address(lang: str, section: str, rest: str = "") -> str:
    """A page's address on the built site: address('cy', 'lessons', 'sample-time/'), with the
    Welsh name a Welsh text gives its page."""
    english = SECTION_ADDRESSES["en"][section] + rest
    return welsh(english) if lang == "cy" and english in WELSH_PAGE_NAMES else SECTION_ADDRESSES[lang][section] + rest


def html_file(site: Path, page: str) -> Path:
    return site / page / "index.html"


def toc_links(site: Path, page: str) -> list[tuple[str, str]]:
    """The 'On this page' list in the page's right-hand sidebar, as (href, text)."""
    toc = read_html(html_file(site, page)).select_one(".md-sidebar--secondary nav.md-nav--secondary")
    return [(a["href"], a.get_text(" ", strip=True)) for a in toc.select("a.md-nav__link")]


def shown_sections(site: Path, page: str) -> list[str]:
    """The ids of the article's H2s that a reader can see (not those of a hidden form)."""
    article = read_html(html_file(site, page)).select_one("article")
    return [h2["id"] for h2 in article.select("h2[id]") if not h2.find_parent(attrs={"hidden": True})]


ALL_PAGES = [*PAGES, *(welsh(page) for page in PAGES)]


@pytest.mark.parametrize("page", [page for page in ALL_PAGES if not page.startswith(("news/", "cy/news/"))])
def test_on_this_page_lists_every_section_the_page_shows(site: Path, page: str) -> None:
    assert [href for href, _ in toc_links(site, page)] == [f"#{anchor}" for anchor in shown_sections(site, page)]


@pytest.mark.parametrize(
    ("lang", "section", "rest", "expected"),
    [
        ("en", "home", "", ["Latest newsletter", "Find out more"]),
        ("cy", "home", "", ["Y cylchlythyr diweddaraf", "Rhagor o wybodaeth"]),
        ("en", "subscribe", "", ["By email", "By RSS", "In your calendar", "Unsubscribing"]),
        ("cy", "subscribe", "", ["Drwy e-bost", "Drwy RSS", "Yn eich calendr", "Dad-danysgrifio"]),
        ("en", "case-studies", "sample-sharing-practice/", ["Background", "What happened", "What we learnt", "Related lessons", "Cite this page"]),
        ("cy", "case-studies", "sample-online-events/", ["Yr hyn a ddigwyddodd", "Yr hyn a ddysgwyd", "Gwersi cysylltiedig", "Dyfynnu'r dudalen hon"]),
        ("en", "lessons", "sample-skills/", ["Related case studies", "Cite this page"]),
        ("cy", "lessons", "sample-skills/", ["Astudiaethau achos cysylltiedig", "Dyfynnu'r dudalen hon"]),
        (
            "en",
            "newsletters",
            "2022-03-14/",
            ["Editorial", "News", "Events coming up", "New case studies", "New lessons learnt", "From the network", "For editors"],
        ),
        ("cy", "newsletters", "2022-04-11/", ["Astudiaethau achos newydd", "Gwersi newydd a ddysgwyd", "Ar gyfer golygyddion"]),
        ("en", "case-studies", "", []),  # not the filters nor Browse by: both are folding summaries, not headings
    ],
)
def test_generated_sections_are_named_in_on_this_page(
    site: Path, lang: str, section: str, rest: str, expected: list[str]
) -> None:
    assert [text for _, text in toc_links(site, address(lang, section, rest))] == expected


def test_completing_the_list_keeps_markdowns_entries_and_their_children() -> None:
    title = AnchorLink("Title", "title", 1)
    written, sub = AnchorLink("Written", "written", 2), AnchorLink("Sub", "sub", 3)
    written.children.append(sub)
    title.children.append(written)
    toc = TableOfContents([title])
    html = (
        '<h1 id="title">Title</h1><h2 id="first">First <a href="#x">one</a></h2><h2 id="written">Written</h2>'
        '<form hidden><h2 id="hidden-one">Hidden</h2></form><h2 class="card">No id</h2><h2 id="last">Last &amp; least</h2>'
    )
    page_toc.complete(toc, html)
    assert [(entry.id, entry.title, entry.level) for entry in title.children] == [
        ("first", "First one", 2),
        ("written", "Written", 2),
        ("last", "Last &amp; least", 2),  # as HTML, as MkDocs gives titles
    ]
    assert title.children[1].children == [sub]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    ("section", "slugs", "names"),
    [
        ("case-studies", CASE_STUDIES, {"en": "Case studies", "cy": "Astudiaethau achos"}),
        ("lessons", LESSONS, {"en": "Lessons learnt", "cy": "Gwersi a ddysgwyd"}),
        ("newsletters", list(ISSUES), {"en": "Newsletters", "cy": "Cylchlythyrau"}),
    ],
)
def test_item_pages_show_where_they_are_and_lead_on(
    site: Path, lang: str, section: str, slugs: list[str], names: dict[str, str]
) -> None:
    home = {"en": "Home", "cy": "Hafan"}[lang]
    for number, slug in enumerate(slugs):
        page = address(lang, section, f"{slug}/")
        soup = read_html(html_file(site, page))
        trail = soup.select_one("article nav.rhannu-breadcrumbs")
        assert trail["aria-label"] == {"en": "Breadcrumb", "cy": "Briwsion bara"}[lang]
        assert trail.find_next("h1") is soup.select_one("article h1"), f"{page}: the trail stands above the title"
        crumbs = trail.select("ol > li")
        title = soup.select_one("article h1").get_text()
        assert [crumb.get_text() for crumb in crumbs] == [home, names[lang], title], page
        assert [resolve(page, a["href"]) for a in trail.select("a")] == [address(lang, "home"), address(lang, section)]
        assert crumbs[-1]["aria-current"] == "page" and crumbs[-1].a is None

        pager = soup.select_one("article nav.rhannu-pager")
        expected = {
            "prev": address(lang, section, f"{slugs[number - 1]}/") if number > 0 else None,
            "next": address(lang, section, f"{slugs[number + 1]}/") if number + 1 < len(slugs) else None,
        }
        for rel, target in expected.items():
            link = pager.select_one(f"a[rel={rel}]")
            assert (resolve(page, link["href"]) if link else None) == target, f"{page}: {rel}"
            if link:
                neighbour = read_html(html_file(site, target)).select_one("article h1").get_text()
                assert link.select_one(".rhannu-pager__title").get_text() == neighbour
        index = pager.select_one(".rhannu-pager__index a")
        assert resolve(page, index["href"]) == address(lang, section)


def resolve(page: str, href: str) -> str:
    """A relative link on `page` (a folder address) as a site address."""
    parts = page.rstrip("/").split("/") if page else []
    for piece in href.split("/"):
        if piece == "..":
            parts.pop()
        elif piece and piece != ".":
            parts.append(piece)
    resolved = "/".join(parts)
    return f"{resolved}/" if resolved and not re.search(r"\.\w+$", resolved) else resolved


@pytest.mark.parametrize("lang", LANGS)
def test_home_page_title_names_the_site_once_and_leads_to_case_studies_and_lessons(site: Path, lang: str) -> None:
    soup = read_html(html_file(site, address(lang, "home")))
    name = {"en": "Rhannu sample site", "cy": "Safle enghreifftiol Rhannu"}[lang]
    assert soup.title.get_text() == name
    links = [resolve(address(lang, "home"), a["href"]) for a in soup.select("article a[href]")]
    first = {target: links.index(target) for target in (address(lang, "case-studies"), address(lang, "lessons"))}
    assert max(first.values()) < links.index(address(lang, "newsletters", "2023-10-23/")), "above the latest newsletter"
    other = read_html(html_file(site, address(lang, "subscribe")))
    assert other.title.get_text().endswith(f" - {name}"), "other pages keep the site's name after their own"


@pytest.mark.parametrize("lang", LANGS)
def test_archive_and_issues_link_to_subscribe_the_feed_and_the_editions(site: Path, lang: str) -> None:
    archive_address = address(lang, "newsletters")
    archive = read_html(html_file(site, archive_address))
    follow = [resolve(archive_address, a["href"]) for a in archive.select("article > .rhannu-issue-links a")]
    calendar = f"{address(lang, 'home')}events.ics"  # the events calendar, at the language's root
    assert follow == [address(lang, "subscribe"), f"{archive_address}feed.xml", calendar]
    entries = archive.select(".rhannu-archive > li")
    assert len(entries) == len(ISSUES)
    for entry, day in zip(entries, reversed(ISSUES), strict=True):
        editions = [resolve(archive_address, a["href"]) for a in entry.select(".rhannu-issue-links a")]
        assert editions == [f"newsletters/{day}/email.{lang}.html", f"newsletters/{day}/email.{lang}.txt"]
        for edition in editions:
            assert (site / edition).is_file(), edition
        issue = read_html(html_file(site, address(lang, "newsletters", f"{day}/")))
        teaser = entry.select_one(".rhannu-issue-teaser").get_text()
        sections = [
            (h2.get_text(), section) for h2 in issue.select("section.rhannu-issue-section > h2") for section in [h2.parent]
        ]
        assert teaser == {"en": "In this issue: ", "cy": "Yn y rhifyn hwn: "}[lang] + ", ".join(
            f"{name} ({items(section)})" for name, section in sections
        )
        page = address(lang, "newsletters", f"{day}/")
        links = [resolve(page, a["href"]) for a in issue.select("article .rhannu-issue-links:not(.rhannu-editors *) a")]
        assert links == [*editions, address(lang, "subscribe"), f"{archive_address}feed.xml", calendar]
        for_editors = [resolve(page, a["href"]) for a in issue.select("article .rhannu-editors a")]
        assert for_editors == [f"newsletters/{day}/email.{name}" for name in ("html", "eml", "cy.eml", "en.eml")]
        assert (site / f"{archive_address}feed.xml").is_file()


def items(section) -> int:
    """How many items an issue's section shows: news and events as articles, new pages and
    partner news as list entries, an editorial as itself."""
    return len(section.select("article.rhannu-news")) or len(section.select("ul.rhannu-issue-list > li")) or 1


@pytest.mark.parametrize(
    ("lang", "teaser"),
    [
        ("en", "In this issue: New case studies (31), New lessons learnt (3)"),
        ("cy", "Yn y rhifyn hwn: Astudiaethau achos newydd (31), Gwersi newydd a ddysgwyd (3)"),
    ],
)
def test_archive_teaser_counts_an_issues_new_pages(site: Path, lang: str, teaser: str) -> None:
    archive = read_html(html_file(site, address(lang, "newsletters")))
    entry = next(li for li in archive.select(".rhannu-archive > li") if li.a["href"] == "2022-04-11/")
    assert entry.select_one(".rhannu-issue-teaser").get_text() == teaser


def relative_luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, other: str) -> float:
    lighter, darker = sorted((relative_luminance(one), relative_luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_logo_strokes_contrast_with_the_header() -> None:
    """The logo is an <img>: its colours are its own (currentColor would be black, 2.85:1)."""
    svg = (PROJECT / "overrides/assets/images/logo.svg").read_text(encoding="utf-8")
    css = (PROJECT / "rhannu/theme/assets/stylesheets/rhannu.css").read_text(encoding="utf-8")
    header = re.search(r"--md-primary-fg-color:\s*(#[0-9a-fA-F]{6})", css).group(1)
    colours = re.findall(r'(?:stroke|fill)="(#[0-9a-fA-F]{6}|currentColor)"', svg)
    assert colours and "currentColor" not in colours
    assert min(contrast(colour, header) for colour in colours) >= 3, "WCAG 1.4.11 asks 3:1 for graphics"
    assert round(contrast("#000000", header), 2) == 2.85  # what currentColor gave
