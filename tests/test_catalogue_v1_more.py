"""What issue 21 adds for other networks, on the built sample site: the catalogue's news items,
full texts, links between case studies and lessons and modified days (v1, additively: every entry
of the types v1 had still fits the schema as v1 first published it); the /api/v1/ index page;
the _headers file; and case studies' and lessons' full text in the feeds."""

from __future__ import annotations

import json
import re
from pathlib import Path

import feedparser
import jsonschema
import pytest
from bs4 import BeautifulSoup

from rhannu import html_safety
from rhannu.errors import ContentErrors
from rhannu.site import prepare
from tests.support.sample_site import CITED_BY, welsh
from tests.support.sites import BUILD_DATE_PINNED, FIXTURE_URL, PROJECT, copy_fixture, read_html
from tests.test_catalogue import _info

OLD_SCHEMA = PROJECT / "tests/golden/catalogue-v1-schema-before-issue-21.json"  # v1 as issue 15 published it
ROOTS = ["", "cy/"]


def _json(site: Path, path: str) -> dict:
    return json.loads((site / path).read_text(encoding="utf-8"))


def _entries(site: Path, root: str) -> dict[str, dict]:
    return {entry["id"]: entry for entry in _json(site, f"{root}api/v1/catalogue.json")["entries"]}


def _validator(schema: dict) -> jsonschema.Draft202012Validator:
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


@pytest.mark.parametrize("root", ROOTS)
def test_the_catalogue_still_fits_v1_as_first_published_and_the_new_schema(site: Path, root: str) -> None:
    data = _json(site, f"{root}api/v1/catalogue.json")
    _validator(_json(site, f"{root}api/v1/schema.json")).validate(data)
    old = _validator({**json.loads(OLD_SCHEMA.read_text(encoding="utf-8")), "$id": data["schema"]})
    old_types = {"case-study", "lesson", "issue", "event"}
    old.validate({**data, "entries": [entry for entry in data["entries"] if entry["type"] in old_types]})
    assert {entry["type"] for entry in data["entries"]} == old_types | {"news"}


@pytest.mark.parametrize("root", ROOTS)
def test_news_items_in_an_issue_are_listed_with_their_issue(site: Path, root: str) -> None:
    entries = _entries(site, root)
    news = [entry for entry in entries.values() if entry["type"] == "news"]
    assert [entry["id"] for entry in news] == ["news/sample-news"]  # sample-next-issue is in no issue yet
    entry = news[0]
    assert entry["issue"] in entries and entries[entry["issue"]]["type"] == "issue"
    for lang, address in entry["url"].items():
        page, _, anchor = address.removeprefix(FIXTURE_URL).partition("#")
        assert anchor == "issue-news"
        assert read_html(site / page / "index.html").find(id=anchor) is not None, address
        assert address.split("#")[0] == entries[entry["issue"]]["url"][lang]
    title = {"": "Sample news item", "cy": "Eitem newyddion enghreifftiol"}
    assert entry["title"].startswith(title[root.rstrip("/")])


@pytest.mark.parametrize("root", ROOTS)
def test_case_studies_and_lessons_are_linked_both_ways_as_their_front_matter_links_them(site: Path, root: str) -> None:
    entries = _entries(site, root)
    for lesson, studies in CITED_BY.items():
        assert set(entries[f"lesson/{lesson}"]["case_studies"]) == {f"case-study/{study}" for study in studies}
        for study in studies:
            assert f"lesson/{lesson}" in entries[f"case-study/{study}"]["lessons"]
    linked = sum(len(entry["lessons"]) for entry in entries.values())
    assert linked == sum(map(len, CITED_BY.values())) == 4
    for entry in entries.values():
        assert all(target in entries for target in entry["lessons"] + entry["case_studies"])
        if entry["type"] not in ("case-study", "lesson"):
            assert entry["lessons"] == entry["case_studies"] == []


@pytest.mark.parametrize("root", ROOTS)
def test_a_modified_day_is_given_only_where_the_source_records_one(site: Path, root: str) -> None:
    modified = {key: entry["modified"] for key, entry in _entries(site, root).items() if entry["modified"] is not None}
    assert modified == {"case-study/sample-case-study-39": "2023-11-01"}  # `updated:` in its front matter, nowhere else


@pytest.mark.parametrize("root", ROOTS)
def test_each_entry_carries_its_full_text_judged_safe_with_absolute_links(site: Path, root: str) -> None:
    for key, entry in _entries(site, root).items():
        body = entry["body_html"]
        if entry["type"] == "issue":
            assert body is None
            continue
        assert body and html_safety.judge(body, keep_comments=False).problem is None, key
        for reference in re.findall(r'(?:href|src)="([^"]*)"', body):
            assert reference.startswith(("https://", "mailto:")), (key, reference)
    hackathon = _entries(site, root)["case-study/sample-hackathon"]["body_html"]
    lesson = FIXTURE_URL + (welsh("lessons/sample-skills/") if root else "lessons/sample-skills/")
    assert f'href="{lesson}"' in hackathon
    image = _entries(site, root)["case-study/sample-sharing-practice"]["body_html"]
    src = BeautifulSoup(image, "html.parser").img["src"]
    assert (site / src.removeprefix(FIXTURE_URL)).is_file()


@pytest.mark.parametrize(
    "address", ["case-studies/sample-case-study-39/", "cy/astudiaethau-achos/sample-case-study-39/", "case-studies/sample-case-study-01/"]
)
def test_the_pages_schema_org_data_says_the_modified_day_only_where_recorded(site: Path, address: str) -> None:
    data = json.loads(read_html(site / address / "index.html").select_one('script[type="application/ld+json"]').string)
    assert data.get("dateModified") == (None if "01" in address else "2023-11-01")


def test_a_day_that_is_not_a_date_in_updated_is_named_with_its_file_and_field(tmp_path: Path) -> None:
    project = copy_fixture(tmp_path / "project")
    path = project / "case_studies/sample-case-study-39.md"
    path.write_text(path.read_text(encoding="utf-8").replace("updated: 2023-11-01", "updated: last week"), encoding="utf-8")
    with pytest.raises(ContentErrors) as raised:
        prepare(project, BUILD_DATE_PINNED, _info())
    assert [str(error) for error in raised.value.errors] == [
        "case_studies/sample-case-study-39.md: field 'updated': expected a date as YYYY-MM-DD; got 'last week'"
    ]


# --- /api/v1/ and _headers -------------------------------------------------------------------------


@pytest.mark.parametrize("root", ROOTS)
def test_the_api_index_page_links_both_catalogues_and_both_schemas(site: Path, root: str) -> None:
    page = read_html(site / root / "api/v1/index.html")
    assert page.html["lang"] == ("cy" if root else "en-GB")
    assert page.h1.get_text(strip=True) == ("Catalog ar gyfer gwefannau eraill" if root else "Catalogue for other websites")
    links = page.select("article li a")
    targets = [(site / root / "api/v1" / link["href"]).resolve() for link in links]
    assert [target.relative_to(site.resolve()).as_posix() for target in targets] == [
        f"{root}api/v1/catalogue.json",
        f"{'' if root else 'cy/'}api/v1/catalogue.json",
        f"{root}api/v1/schema.json",
        f"{'' if root else 'cy/'}api/v1/schema.json",
    ]
    reusing = page.select_one('article p a[href*="reusing"]')
    assert (site / root / "api/v1" / reusing["href"] / "index.html").resolve().is_file()
    alternates = {link["hreflang"]: link["href"] for link in page.select('link[rel="alternate"][hreflang]')}
    assert alternates["en-GB"] == FIXTURE_URL + "api/v1/" and alternates["cy"] == FIXTURE_URL + "cy/api/v1/"


def test_the_headers_file_lets_other_sites_read_the_catalogue(site: Path) -> None:
    rules: dict[str, list[str]] = {}
    path = None
    for line in (site / "_headers").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        if line.startswith("/"):
            path = line
            rules[path] = []
        else:
            assert path is not None and line.startswith("  ")
            rules[path].append(line.strip())
    assert rules == {"/api/*": ["Access-Control-Allow-Origin: *"], "/cy/api/*": ["Access-Control-Allow-Origin: *"]}


# --- Full text in feeds ------------------------------------------------------------------------------


FEEDS = [
    "feed.xml",
    "cy/feed.xml",
    "case-studies/theme/sharing-practice/feed.xml",
    welsh("case-studies/psb/sample-south/") + "feed.xml",  # at its Welsh address
]


@pytest.mark.parametrize("feed", FEEDS)
def test_case_studies_and_lessons_carry_their_full_text_in_the_feeds(site: Path, feed: str) -> None:
    parsed = feedparser.parse((site / feed).read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    items = [entry for entry in parsed.entries if "/newsletters/" not in entry.link and "/cylchlythyrau/" not in entry.link]
    assert items
    for entry in items:
        content = entry.content[0].value
        article = read_html(site / entry.link.removeprefix(FIXTURE_URL) / "index.html").select_one("article")
        paragraphs = [" ".join(p.get_text(" ").split()) for p in BeautifulSoup(content, "html.parser").find_all("p")]
        shown = " ".join(article.get_text(" ").split())
        assert paragraphs and all(text in shown for text in paragraphs if text), entry.link  # the page's text, whole
        assert html_safety.judge(content, keep_comments=False).problem is None
        for reference in re.findall(r'(?:href|src)="([^"]*)"', content):
            assert reference.startswith(("https://", "mailto:")), (entry.link, reference)
