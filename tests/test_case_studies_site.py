"""End to end: case studies, lessons, facets and redirects on the sample site, in both languages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.sample_site import (
    CASE_STUDIES,
    CITED_BY,
    FACETS,
    LEFT_OUT,
    LESSONS,
    MOVED,
    REDIRECTS,
    STALE_WELSH,
    at,
    section,
    within,
)
from tests.support.sites import FIXTURE, FIXTURE_URL, BuildResult, build, copy_fixture, read_html

PREFIXES = {"en": "", "cy": "cy/"}
TITLES = {
    ("sample-hackathon", "en"): "Sample case study: a hackathon",
    ("sample-hackathon", "cy"): "Astudiaeth achos enghreifftiol: hacathon",
    ("sample-case-study-12", "en"): "Sample case study 12",
    ("sample-case-study-12", "cy"): "Astudiaeth achos enghreifftiol 12",
}


def cited_lessons() -> dict[str, set[str]]:
    """Case study -> the lessons it cites, from CITED_BY."""
    cites: dict[str, set[str]] = {slug: set() for slug in CASE_STUDIES}
    for lesson, studies in CITED_BY.items():
        for study in studies:
            cites[study].add(lesson)
    return cites


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_every_case_study_and_lesson_is_published_in_both_languages(site: Path, lang: str) -> None:
    prefix = PREFIXES[lang]
    assert len(CASE_STUDIES) == 54 and len(LESSONS) == 4
    assert sorted(
        path.parent.name for path in (site / f"{section(prefix, 'case-studies')}").glob("sample-*/index.html")
    ) == sorted(CASE_STUDIES)
    names = sorted(within(prefix, f"lessons/{slug}/").split("/")[1] for slug in LESSONS)
    redirects = {old.split("/")[2] for old in MOVED if old.startswith(f"{section(prefix, 'lessons')}/")} if prefix else set()
    found = [path.parent.name for path in (site / f"{section(prefix, 'lessons')}").glob("*/index.html")]
    assert sorted(name for name in found if name not in redirects) == names
    for slug in CASE_STUDIES:
        soup = read_html(site / f"{section(prefix, 'case-studies')}/{slug}/index.html")
        assert soup.html["lang"] == ("cy" if lang == "cy" else "en-GB")
        assert soup.select_one("main article h1")
    for (slug, title_lang), title in TITLES.items():
        if title_lang == lang:
            assert (
                read_html(site / f"{section(prefix, 'case-studies')}/{slug}/index.html").select_one("article h1").get_text()
                == title
            )


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_drafts_and_future_case_studies_are_left_out_and_the_log_says_so(built_site: BuildResult, lang: str) -> None:
    for slug in LEFT_OUT:
        assert not (built_site.site / f"{section(PREFIXES[lang], 'case-studies')}/{slug}").exists()
    assert (
        "INFO    -  rhannu: Left out of this build: case_studies/sample-draft.md (draft); case_studies/sample-future.md "
        "(published 2023-12-01, after the build date 2023-11-14)" in built_site.log
    )


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_case_studies_link_their_lessons_and_lessons_link_back(site: Path, lang: str) -> None:
    prefix = PREFIXES[lang]
    cites = cited_lessons()
    assert sum(map(len, cites.values())) == 4
    for slug in CASE_STUDIES:
        soup = read_html(site / f"{section(prefix, 'case-studies')}/{slug}/index.html")
        links = {a["href"] for a in soup.select('[aria-labelledby="lessons-heading"] a')}
        assert links == {"../../" + within(prefix, f"lessons/{lesson}/") for lesson in cites[slug]}, slug
    for slug in LESSONS:
        soup = read_html(site / at(prefix, f"lessons/{slug}/") / "index.html")
        links = {a["href"] for a in soup.select('[aria-labelledby="case-studies-heading"] .rhannu-card__title a')}
        assert soup.select_one("#evidence-heading") is not None, "the old anchor still lands in the list"
        assert links == {"../../" + within(prefix, f"case-studies/{study}/") for study in CITED_BY[slug]}, slug
    headings = (
        read_html(site / f"{section(prefix, 'case-studies')}/sample-sharing-practice/index.html")
        .select_one("#lessons-heading")
        .get_text(),
        read_html(site / f"{section(prefix, 'lessons')}/sample-skills/index.html").select_one("#case-studies-heading").get_text(),
    )
    assert headings == (
        ("Related lessons", "Related case studies")
        if lang == "en"
        else ("Gwersi cysylltiedig", "Astudiaethau achos cysylltiedig")
    )
    uncited = read_html(site / at(prefix, "lessons/sample-uncited/") / "index.html").select_one(
        '[aria-labelledby="case-studies-heading"]'
    )
    assert uncited.p.get_text() == (
        "No case study is related to this lesson." if lang == "en" else "Nid oes astudiaeth achos yn gysylltiedig â'r wers hon."
    )
    # one list of related lessons, naming the source the lessons come from (not the link between them)
    related = read_html(site / f"{section(prefix, 'case-studies')}/sample-sharing-practice/index.html").select(
        '[aria-labelledby="lessons-heading"]'
    )
    assert len(related) == 1
    assert related[0].select_one(".rhannu-lessons-source").get_text() == (
        "These lessons come from: Sample report, Sample publisher, Autumn 2021 – 2022"
        if lang == "en"
        else "Daw'r gwersi hyn o: Adroddiad enghreifftiol, Cyhoeddwr enghreifftiol, Yr hydref 2021 – 2022"
    )


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "en",
            "PSB Sample South cluster When Autumn 2021 Published 20 October 2023 Themes Well-being assessments Approaches Hackathon",
        ),
        (
            "cy",
            "BGC Clwstwr enghreifftiol y De Pryd Yr hydref 2021 Cyhoeddwyd 20 Hydref 2023 Themâu Asesiadau llesiant Dulliau Hacathon",
        ),
    ],
)
def test_case_study_shows_its_facts_with_labels_and_date_in_its_language(site: Path, lang: str, expected: str) -> None:
    soup = read_html(site / f"{section(PREFIXES[lang], 'case-studies')}/sample-hackathon/index.html")
    assert soup.select_one(".rhannu-meta").get_text(" ", strip=True) == expected
    when = soup.select_one(".rhannu-meta .rhannu-when")
    assert when is not None and when.name == "span", "a season has no machine-readable HTML date, so it is no <time>"


@pytest.mark.parametrize(
    ("lang", "when", "source"),
    [
        ("en", '<time datetime="2022-03">March 2022</time>', "Sample report, Sample publisher, Autumn 2021 – 2022"),
        (
            "cy",
            '<time datetime="2022-03">Mawrth 2022</time>',
            "Adroddiad enghreifftiol, Cyhoeddwr enghreifftiol, Yr hydref 2021 – 2022",
        ),
    ],
)
def test_a_case_study_and_a_lesson_say_where_they_come_from_and_when(site: Path, lang: str, when: str, source: str) -> None:
    prefix = PREFIXES[lang]
    study = read_html(site / f"{section(prefix, 'case-studies')}/sample-sharing-practice/index.html")
    rows = {row.dt.get_text(): row.dd for row in study.select(".rhannu-meta > div")}
    assert str(rows["When" if lang == "en" else "Pryd"].time) == when
    assert rows["Source" if lang == "en" else "Ffynhonnell"].get_text() == source
    lesson = read_html(site / f"{section(prefix, 'lessons')}/sample-permission/index.html").select_one(".rhannu-source")
    assert lesson.get_text() == ("Source: " if lang == "en" else "Ffynhonnell: ") + source
    assert read_html(site / f"{section(prefix, 'lessons')}/sample-time/index.html").select_one(".rhannu-source") is None
    jsonld = json.loads(study.select_one('script[type="application/ld+json"]').string)
    assert jsonld["temporalCoverage"] == "2022-03"
    assert jsonld["isBasedOn"] == {
        "@type": "Report",
        "name": source.split(",")[0],
        "publisher": {"@type": "Organization", "name": source.split(", ")[1]},
        "temporalCoverage": "2021-09/2022",
    }


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_index_has_a_card_per_case_study_over_two_pages_and_facet_counts(site: Path, lang: str) -> None:
    prefix = PREFIXES[lang]
    first = read_html(site / f"{section(prefix, 'case-studies')}/index.html")
    second = read_html(site / f"{section(prefix, 'case-studies')}/page/2/index.html")
    assert not (site / f"{section(prefix, 'case-studies')}/page/3").exists()
    hrefs = [a["href"] for a in first.select("#rhannu-card-list .rhannu-card__title a")]
    assert hrefs == [f"{slug}/" for slug in CASE_STUDIES[:50]]
    hrefs = [a["href"] for a in second.select("#rhannu-card-list .rhannu-card__title a")]
    assert hrefs == [f"../../{slug}/" for slug in CASE_STUDIES[50:]] and len(hrefs) == 4
    assert first.select_one('.rhannu-pagination a[rel="next"]')["href"] == "page/2/"
    assert not first.select('.rhannu-pagination a[rel="prev"]')
    assert second.select_one('.rhannu-pagination a[rel="prev"]')["href"] == "../../"
    assert not second.select('.rhannu-pagination a[rel="next"]')
    assert first.select_one(".rhannu-total").get_text() == ("54 case studies" if lang == "en" else "54 astudiaeth achos")
    assert all(a.get_text(strip=True) for a in first.select(".rhannu-card__title a")), "each card's link text is its title"
    facets = {a["href"]: a.find_parent("li").select_one(".rhannu-count").get_text() for a in first.select(".rhannu-facets a")}
    # every value that has case studies, and none that has none (an empty page is a dead end)
    index = within(prefix, "case-studies/")  # facet pages' Welsh addresses: their Welsh folder and name
    assert facets == {
        within(prefix, f"case-studies/{facet}/{value}/").removeprefix(index): f"({count})"
        for facet, values in FACETS.items()
        for value, count in values.items()
        if count
    }
    options = {
        f"{select['name']}/{option['value']}/"
        for select in first.select("#rhannu-filters select")
        for option in select.select("option")
        if option["value"]
    }
    assert options == {f"{facet}/{value}/" for facet, values in FACETS.items() for value, count in values.items() if count}, (
        "the filter form offers exactly the values that have case studies, by their keys"
    )
    cards = json.loads((site / f"{section(prefix, 'case-studies')}/cards.json").read_text(encoding="utf-8"))
    assert [card["url"] for card in cards] == [f"/{section(prefix, 'case-studies')}/{slug}/" for slug in CASE_STUDIES]
    hackathon = next(card for card in cards if card["url"].endswith("/sample-hackathon/"))
    served = next(li for li in first.select(".rhannu-card") if li.a["href"] == "sample-hackathon/")
    assert hackathon.pop("html") == str(served), "the filter script shows the card the index page shows"
    assert hackathon == {
        "title": TITLES[("sample-hackathon", lang)],
        "url": f"/{section(prefix, 'case-studies')}/sample-hackathon/",
        "summary": "A sample case study for the tests: a one-day hackathon on a well-being assessment."
        if lang == "en"
        else "Astudiaeth achos enghreifftiol ar gyfer y profion: hacathon undydd ar asesiad llesiant.",
        "date": "2023-10-20",
        "when": "2021-09/2021-11",
        "psb": "sample-south",
        "theme": ["well-being-assessments"],
        "approach": ["hackathon"],
        "year": "2021",
    }


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_facet_pages_list_exactly_their_case_studies(site: Path, lang: str) -> None:
    prefix = PREFIXES[lang]
    for facet, values in FACETS.items():
        for value, count in values.items():
            folder = site / at(prefix, f"case-studies/{facet}/{value}/")
            pages = [folder / "index.html", *sorted(folder.glob("page/*/index.html"))]
            assert len(pages) == max(1, -(-count // 50)), (facet, value)
            cards = [a for page in pages for a in read_html(page).select("#rhannu-card-list .rhannu-card__title a")]
            assert len(cards) == count, (facet, value)
    hackathon = read_html(site / at(prefix, "case-studies/approach/hackathon/") / "index.html")
    assert [a["href"] for a in hackathon.select(".rhannu-card__title a")] == ["../../sample-hackathon/"]
    north = read_html(site / at(prefix, "case-studies/psb/sample-north/page/2/") / "index.html")
    assert [a["href"] for a in north.select(".rhannu-card__title a")] == ["../../../../sample-case-study-01/"]


@pytest.mark.parametrize(
    ("lang", "empty_intro", "default_intro"),
    [
        ("en", "A sample PSB for the tests, with no case studies yet.", "Case studies for Across the programme."),
        (
            "cy",
            "BGC enghreifftiol ar gyfer y profion, heb astudiaethau achos eto.",
            "Astudiaethau achos ar gyfer Ar draws y rhaglen.",
        ),
    ],
)
def test_psb_pages_open_with_the_taxonomy_intro_and_an_empty_one_says_so(
    site: Path, lang: str, empty_intro: str, default_intro: str
) -> None:
    prefix = PREFIXES[lang]
    west = read_html(site / at(prefix, "case-studies/psb/sample-west/") / "index.html").select_one("article")
    assert west.find("p").get_text() == empty_intro
    assert west.select_one(".rhannu-empty").get_text() == (
        "There are no case studies here." if lang == "en" else "Nid oes astudiaethau achos yma."
    )
    programme = read_html(site / at(prefix, "case-studies/psb/programme/") / "index.html").select_one("article")
    assert programme.find("p").get_text() == default_intro


def test_sidebar_does_not_list_each_case_study(site: Path) -> None:
    nav = read_html(site / "index.html").select_one(".md-nav--primary")
    hrefs = [a.get("href", "") for a in nav.select("a")]
    assert "case-studies/" in hrefs
    assert not [href for href in hrefs if "case-studies/" in href and href.rstrip("/").count("/") > 1]


@pytest.mark.parametrize("prefix", ["", "cy/"])
def test_aliases_redirect_in_both_languages(site: Path, prefix: str) -> None:
    assert REDIRECTS == {"news/sample-sharing/": "case-studies/sample-sharing-practice/"}
    for old, target in REDIRECTS.items():
        soup = read_html(site / f"{prefix}{old}index.html")
        refresh = soup.select_one('meta[http-equiv="refresh"]')["content"]
        assert refresh == f"0; url=/{at(prefix, target)}"
        assert soup.select_one("main a")["href"] == f"/{at(prefix, target)}"
        canonical = soup.select_one('link[rel="canonical"]')["href"]
        assert canonical == f"{FIXTURE_URL}{at(prefix, target)}"
        assert soup.html["lang"] == ("cy" if prefix else "en-GB")
        assert soup.select_one('meta[name="robots"]')["content"] == "noindex"


@pytest.mark.parametrize(
    ("prefix", "alt"), [("", "Sample image: a dark green square"), ("cy/", "Delwedd enghreifftiol: sgwâr gwyrdd tywyll")]
)
def test_images_beside_a_case_study_are_published_with_their_alt_text(site: Path, prefix: str, alt: str) -> None:
    page = site / f"{section(prefix, 'case-studies')}/sample-sharing-practice/index.html"
    images = read_html(page).select("article img")
    assert [image["alt"] for image in images] == [alt]
    png = (FIXTURE / "case_studies/sample-square.png").read_bytes()
    assert (page.parent / images[0]["src"]).resolve().read_bytes() == png


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_a_stale_welsh_translation_is_published_with_a_notice_on_the_welsh_page_only(built_site: BuildResult, lang: str) -> None:
    assert (
        f"INFO    -  rhannu: Welsh translations older than their English (see 'rhannu translations'): {STALE_WELSH}"
        in built_site.log
    )
    for slug in ("sample-online-events", "sample-sharing-practice"):
        notices = read_html(built_site.site / f"{section(PREFIXES[lang], 'case-studies')}/{slug}/index.html").select(
            "article .rhannu-notice"
        )
        assert len(notices) == (1 if (lang, slug) == ("cy", "sample-online-events") else 0), slug
    if lang == "cy":
        notice = read_html(built_site.site / "cy/astudiaethau-achos/sample-online-events/index.html").select_one(
            "article .rhannu-notice"
        )
        assert notice.a["href"] == "../../../case-studies/sample-online-events/"


def test_bad_files_stop_the_build_naming_every_problem_and_nothing_is_dropped(tmp_path: Path) -> None:
    project = copy_fixture(tmp_path / "project")
    study = project / "case_studies/sample-hackathon.md"
    study.write_text(study.read_text(encoding="utf-8").replace("psb: sample-south", "psb: south cluster"), encoding="utf-8")
    lesson = project / "lessons/sample-time.cy.md"
    lesson.write_text(lesson.read_text(encoding="utf-8").replace("title:", "titl:"), encoding="utf-8")
    result = build(project, tmp_path / "site")
    assert result.returncode == 1
    assert (
        "ERROR   -  rhannu: case_studies/sample-hackathon.md: field 'psb': expected one of sample-north, "
        "sample-south, sample-west, programme; got 'south cluster'" in result.log
    )
    assert "ERROR   -  rhannu: lessons/sample-time.cy.md: field 'titl': unknown field (did you mean 'title'?)" in result.log
    assert "Traceback" not in result.log
    assert "Aborted with a BuildError" not in result.log


def test_check_command_reports_the_same_errors_as_the_build(tmp_path: Path) -> None:
    import subprocess
    import sys

    project = copy_fixture(tmp_path / "project")
    study = project / "case_studies/sample-hackathon.md"
    study.write_text(study.read_text(encoding="utf-8").replace("psb: sample-south", "psb: south cluster"), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "rhannu.cli", "--root", str(project), "check"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 1
    built = build(project, tmp_path / "site")
    errors = [line.removeprefix("ERROR: ") for line in done.stderr.splitlines() if line.startswith("ERROR: ")]
    assert len(errors) == 1 and all(f"rhannu: {error}" in built.log for error in errors)


def test_every_source_file_is_on_the_site_unless_left_out(site: Path) -> None:
    sources = sorted((FIXTURE / "case_studies").glob("*.md")) + sorted((FIXTURE / "lessons").glob("*.md"))
    assert len(sources) == 2 * (len(CASE_STUDIES) + len(LEFT_OUT) + len(LESSONS))
    for source in sources:
        address = "case-studies" if source.parent.name == "case_studies" else "lessons"
        slug = source.name.removesuffix(".md").removesuffix(".cy")
        prefix = "cy/" if source.name.endswith(".cy.md") else ""
        assert (site / at(prefix, f"{address}/{slug}/") / "index.html").exists() == (slug not in LEFT_OUT), source


def test_welsh_pages_live_at_welsh_addresses_and_leave_nothing_where_no_reader_was_sent(site: Path) -> None:
    """Addresses a Welsh page would have had before its Welsh name (under cy/ with English names,
    or where its file's name put it before its `slug`) were never published: no stub is left at
    them (issue 22). Only the old addresses editors list in `aliases` redirect."""
    never = [
        "cy/case-studies/",
        "cy/lessons/sample-uncited/",
        "cy/newsletters/2022-03-14/",
        "cy/gwersi/sample-uncited/",
        "cy/about/",
        "cy/astudiaethau-achos/theme/sharing-practice/",
        "cy/newsletters/feed.xml",
    ]
    assert [old for old in never if (site / old).exists()] == []
    assert (site / "cy/gwersi/gwers-heb-gyfeiriad/index.html").is_file() and (site / "cy/amdanom/index.html").is_file()
    index = read_html(site / "cy/gwersi/index.html")
    assert "gwers-heb-gyfeiriad/" in {a["href"] for a in index.select("article a")}
    for old in REDIRECTS:  # an alias, in each language
        for prefix in ("", "cy/"):
            soup = read_html(site / prefix / old / "index.html")
            assert soup.select_one('meta[http-equiv="refresh"]')["content"].startswith("0; url=/"), old
            assert soup.select_one('meta[name="robots"]')["content"] == "noindex"
    rules = (site / "_redirects").read_text(encoding="utf-8").splitlines()
    assert "/news/sample-sharing/  /case-studies/sample-sharing-practice/  301" in rules
    assert "/cy/news/sample-sharing/  /cy/astudiaethau-achos/sample-sharing-practice/  301" in rules
    assert rules.index("/cy/news/sample-sharing/  /cy/astudiaethau-achos/sample-sharing-practice/  301") < rules.index(
        "/cy/*  /cy/404.html  404"
    )


def test_the_default_intro_names_no_facet_so_that_it_fits_any_schema(site: Path) -> None:
    intros = [
        read_html(site / page).select_one("article p").get_text()
        for page in ("case-studies/index.html", "cy/astudiaethau-achos/index.html")
    ]
    assert intros == [
        "Filter the case studies below to find the ones you need.",
        "Hidlwch yr astudiaethau achos isod i ddod o hyd i'r rhai sydd eu hangen arnoch.",
    ]
