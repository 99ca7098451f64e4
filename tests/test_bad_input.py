"""Bad input from editors and owners is a clear error naming the file and the field or line, never
a traceback and never silently accepted. Each case is a small edit to a copy of the sample site,
checked through `rhannu check` in-process (the build reports the same messages)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rhannu.cli import main
from tests.support.sites import PINNED_EPOCH, build, copy_fixture, edit
from tests.support.sites import check_errors as check


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_fixture(tmp_path / "project")


def test_a_byte_that_is_not_utf8_names_its_line(project, capsys, monkeypatch) -> None:
    path = project / "case_studies/sample-hackathon.md"
    path.write_bytes(path.read_bytes().replace(b"A sample case study.", b"A sample caf\xe9 study.", 1))
    assert check(project, capsys, monkeypatch) == [
        "case_studies/sample-hackathon.md: line 14: is not UTF-8 text (byte 0xe9): save it with the UTF-8 encoding"
    ]


def test_a_field_given_twice_is_refused(project, capsys, monkeypatch) -> None:
    edit(project / "case_studies/sample-hackathon.md", "psb: sample-south\n", "psb: sample-south\npsb: sample-north\n")
    assert check(project, capsys, monkeypatch) == [
        "case_studies/sample-hackathon.md: line 6: 'psb' is given twice, on lines 5 and 6: keep one"
    ]


def test_a_day_the_calendar_lacks_is_an_error_not_a_traceback(project, capsys, monkeypatch) -> None:
    edit(project / "case_studies/sample-hackathon.md", "published: 2023-10-20", "published: 2023-02-30")
    assert check(project, capsys, monkeypatch) == [
        "case_studies/sample-hackathon.md: a date that does not exist (day is out of range for month): write a real day as YYYY-MM-DD"
    ]


def test_a_malformed_taxonomy_intro_is_named(project, capsys, monkeypatch) -> None:
    taxonomy = project / "data/taxonomy.yml"
    text = taxonomy.read_text(encoding="utf-8")
    key = "  programme:\n"
    assert key in text
    taxonomy.write_text(text.replace(key, key + "    intro: The north.\n", 1), encoding="utf-8")
    errors = check(project, capsys, monkeypatch)
    assert "data/taxonomy.yml: field 'psbs.programme.intro': expected an introduction in each language: en: ..., cy: ..." in errors


def test_a_hand_edited_cache_cannot_publish_a_bad_value(project, capsys, monkeypatch) -> None:
    cache = project / "data/network-cache.json"
    text = cache.read_text(encoding="utf-8")
    first = text.index('"published": "') + len('"published": "')
    cache.write_text(text[:first] + "last Tuesday" + text[text.index('"', first):], encoding="utf-8")
    (error,) = check(project, capsys, monkeypatch)
    assert error == (
        "data/network-cache.json: field 'published': item 1: expected a date and time with its offset, "
        "such as 2022-03-01T09:00:00+00:00; got 'last Tuesday'"
    )


def test_a_bad_build_date_setting_is_named(project, capsys, monkeypatch) -> None:
    assert check(project, capsys, monkeypatch, epoch="yesterday") == [
        "SOURCE_DATE_EPOCH: expected whole seconds since 1970-01-01 UTC, digits only, from 0 to 4294967295 (in 2106), "
        "such as 1700000000, or leave it unset for today; got 'yesterday'"
    ]


def test_malformed_front_matter_in_a_page_stops_the_check_and_the_build(project, capsys, monkeypatch, tmp_path) -> None:
    edit(project / "docs/about.md", "\n---\n", "\nnotes: [unclosed\n---\n")
    (error,) = check(project, capsys, monkeypatch)
    assert error.startswith("docs/about.md: line ") and "YAML syntax error" in error
    built = build(project, tmp_path / "site")
    assert built.returncode == 1 and f"ERROR   -  rhannu: {error}" in built.log
    assert not (tmp_path / "site/about/index.html").exists()


NO_PAGE_HAS = "an alias must be an old address that no page or file of this site has"


@pytest.mark.parametrize(
    ("alias", "expected"),
    [
        ("about/", "'about/index.html' would be written twice: by the alias 'about/' in case_studies/sample-sharing-practice.md "
         f"and by docs/about.md: {NO_PAGE_HAS}"),
        ("cy/", "'cy/index.html' would be written twice: by the alias 'cy/' in case_studies/sample-sharing-practice.md "
         f"and by docs/index.cy.md: {NO_PAGE_HAS}"),
        ("case-studies/", "'case-studies/index.html' would be written twice: by the alias 'case-studies/' in "
         f"case_studies/sample-sharing-practice.md and by the generated page 'case-studies/': {NO_PAGE_HAS}"),
        ("./", "expected a site-relative address such as 'old/name/': folders of letters, digits and '-', '_', '.' or '~', "
         "each at most 200 characters; got './'"),
    ],
    ids=["page", "language-root", "listing", "home"],
)
def test_an_alias_cannot_replace_an_address_the_site_uses(project, capsys, monkeypatch, alias: str, expected: str) -> None:
    edit(project / "case_studies/sample-sharing-practice.md", "aliases: [news/sample-sharing/]", f"aliases: [news/sample-sharing/, {alias}]")
    assert check(project, capsys, monkeypatch) == [f"case_studies/sample-sharing-practice.md: field 'aliases': {expected}"]


PROBE = 'Probe <img src=x onerror=alert(7)> "quoted" </title><script>alert(8)</script>'


def test_a_title_is_text_everywhere_it_is_printed(tmp_path: Path, browser) -> None:
    """Material prints titles unescaped in <title>, the header and the navigation: a title holding
    markup must reach them, and link previews, as text."""
    from tests.support.server import serve
    from tests.support.sites import read_html

    project = copy_fixture(tmp_path / "project")
    edit(project / "case_studies/sample-hackathon.md", 'title: "Sample case study: a hackathon"', f"title: '{PROBE}'")
    built = build(project, tmp_path / "site")
    assert built.returncode == 0, built.log
    page = tmp_path / "site/case-studies/sample-hackathon/index.html"
    soup = read_html(page)
    jsonld = soup.select_one('script[type="application/ld+json"]').string
    assert soup.select("img[onerror]") == [] and "<" not in jsonld and json.loads(jsonld)["headline"] == PROBE
    assert [script for script in soup.select("script:not([type])") if "alert(" in (script.string or "")] == []
    assert soup.title.get_text().startswith(PROBE)
    assert soup.select_one('meta[property="og:title"]')["content"] == PROBE
    assert soup.select_one(".md-header__topic .md-ellipsis, .md-header__title").get_text(" ", strip=True) != ""
    with serve(tmp_path / "site") as url:
        context = browser.new_context(base_url=url)
        tab = context.new_page()
        dialogs: list[str] = []
        tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for address in ("case-studies/sample-hackathon/", "case-studies/", "cy/astudiaethau-achos/sample-hackathon/"):
            tab.goto(address)
            tab.wait_for_load_state("load")
        context.close()
    assert dialogs == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("<script>alert(1)</script>", "line 14: the element <script> is not allowed in a page's text (it could run script or "
         "load other content): remove it"),
        ('<img src="sample-square.png" alt="A picture" onerror="alert(1)">', "line 14: the attribute 'onerror' on <img> is not allowed "
         "(it runs script): remove it"),
        ("[Read more](javascript:alert(1))", "line 14: the address 'javascript:alert(1)' in href on <a> uses 'javascript:', "
         "which is not allowed; link with https:, mailto: or an address on this site"),
        ("A paragraph.\n{onclick=\"alert(1)\"}", "line 15: the attribute 'onclick' on <p> is not allowed (it runs script): remove it"),
        ('<iframe src="https://example.org/"></iframe>', "line 14: the element <iframe> is not allowed in a page's text (it "
         "could run script or load other content): remove it"),
    ],
    ids=["script", "onerror", "javascript-link", "attr-list", "iframe"],
)
def test_a_body_holds_nothing_executable(tmp_path: Path, body: str, expected: str) -> None:
    project = copy_fixture(tmp_path / "project")
    edit(project / "case_studies/sample-hackathon.md", "## What happened\n\n", f"## What happened\n\n{body}\n\n")
    built = build(project, tmp_path / "site")
    assert built.returncode == 1
    assert f"ERROR   -  rhannu: case_studies/sample-hackathon.md: {expected}" in built.log, built.log[-2000:]
    assert "Traceback" not in built.log
    assert not (tmp_path / "site/case-studies/sample-hackathon/index.html").exists()


def test_a_page_in_docs_is_checked_too(tmp_path: Path) -> None:
    project = copy_fixture(tmp_path / "project")
    about = project / "docs/about.cy.md"
    about.write_text(about.read_text(encoding="utf-8") + "\n<script>alert(1)</script>\n", encoding="utf-8")
    built = build(project, tmp_path / "site")
    assert built.returncode == 1
    assert "ERROR   -  rhannu: docs/about.cy.md: line " in built.log and "the element <script> is not allowed" in built.log
    assert not (tmp_path / "site/cy/amdanom/index.html").exists()


def test_the_check_refuses_what_the_build_refuses(project, capsys, monkeypatch) -> None:
    edit(project / "case_studies/sample-hackathon.md", "## What happened\n\n", "## What happened\n\n<script>alert(1)</script>\n\n")
    assert check(project, capsys, monkeypatch) == [
        "case_studies/sample-hackathon.md: line 14: the element <script> is not allowed in a page's text (it could run "
        "script or load other content): remove it"
    ]


def test_an_event_cannot_happen_before_it_is_published(project, capsys, monkeypatch) -> None:
    edit(project / "newsletters/sample-event.md", "published: 2022-03-01", "published: 2022-03-20")
    assert check(project, capsys, monkeypatch) == [
        "newsletters/sample-event.md: field 'event_date': the event happens on 2022-03-17, before it is published "
        "(2022-03-20): an announcement must come before the event"
    ]


def test_a_newsletter_item_in_no_issue_is_named(project, capsys, monkeypatch) -> None:
    edit(project / "newsletters/sample-news.md", "published: 2022-03-02\n", "")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", PINNED_EPOCH)
    assert main(["--root", str(project), "check"]) == 0
    out = capsys.readouterr().out
    assert "Newsletter items in no issue, so on no page: newsletters/sample-news.md (it has no published day)\n" in out


def test_an_event_time_keeps_an_explicit_offset_and_is_london_time_without_one(monkeypatch) -> None:
    import datetime as dt
    import time

    from rhannu.dates import LONDON
    from rhannu.schema import event_date
    from rhannu.site_schema import SiteSchema
    from rhannu.taxonomy import Taxonomy

    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        empty = Taxonomy({}, SiteSchema((), (), ()))
        naive = event_date("2022-07-05 14:30", empty)
        explicit = event_date(dt.datetime(2022, 7, 5, 14, 30, tzinfo=dt.UTC), empty)
        assert naive.start == dt.datetime(2022, 7, 5, 14, 30, tzinfo=LONDON)
        assert explicit.start.astimezone(LONDON).strftime("%H:%M") == "15:30"
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def test_publishing_is_refused_while_placeholders_remain(project, capsys, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", PINNED_EPOCH)
    assert main(["--root", str(project), "check"]) == 0  # the tests' own check: placeholders are fine there
    capsys.readouterr()
    assert main(["--root", str(project), "check", "--publish"]) == 1
    errors = [line for line in capsys.readouterr().err.splitlines() if line.startswith("ERROR: ")]
    assert errors == [
        "ERROR: mkdocs.yml: field 'extra.contact.email': still the placeholder 'sample@example.org': "
        "set the programme's public contact address",
        "ERROR: mkdocs.yml: field 'site_url': still the placeholder 'https://sample.rhannu.example.org/': "
        "set the address the site is published at",
    ]
    edit(project / "mkdocs.yml", "https://sample.rhannu.example.org/", "https://rhannu.cymru/")
    edit(project / "mkdocs.yml", "sample@example.org", "cyswllt@rhannu.cymru")
    # the sample has issues but no unsubscribe address: their message files cannot be sent as they are
    assert main(["--root", str(project), "check", "--publish"]) == 1
    said = capsys.readouterr()
    assert [line for line in said.err.splitlines() if line.startswith(("ERROR", "WARNING"))] == [
        "WARNING: data/newsletter.yml: email.list_unsubscribe is empty, so the message files beside each issue "
        "(email.eml) have no unsubscribe address and cannot be sent to subscribers as they are; set the address "
        "your mailing service gives for unsubscribing (https:// or mailto:)"
    ]
    assert "Traceback" not in said.err
    edit(project / "data/newsletter.yml", "  list_unsubscribe:\n", "  list_unsubscribe: mailto:gadael@rhannu.cymru\n")
    assert main(["--root", str(project), "check", "--publish"]) == 0
    assert "WARNING" not in capsys.readouterr().err


def test_markup_in_text_fields_is_text_in_every_output(tmp_path: Path) -> None:
    """Titles and summaries holding markup, in a newsletter item and in the partner cache, reach
    the issue page, the feeds (as parsed), the email editions and the search index as text."""
    import feedparser

    project = copy_fixture(tmp_path / "project")
    edit(project / "newsletters/sample-news.md", "title: Sample news item", "title: 'Alert <img src=x onerror=alert(1)>'")
    edit(project / "data/network-cache.json", '"title": "Sample partner news"', '"title": "Partner <script>alert(2)</script> news"')
    built = build(project, tmp_path / "site")
    assert built.returncode == 0, built.log
    site = tmp_path / "site"
    outputs = [
        site / "newsletters/2022-03-14/index.html", site / "newsletters/2022-03-14/email.html",
        site / "newsletters/2022-03-14/email.en.html", site / "newsletters/feed.xml", site / "search/search_index.json",
    ]
    for path in outputs:
        text = path.read_text(encoding="utf-8")
        assert "<img src=x" not in text and "<script>alert(2)" not in text, path
    feed = feedparser.parse((site / "newsletters/feed.xml").read_bytes())
    issue = next(entry for entry in feed.entries if entry.link.endswith("/newsletters/2022-03-14/"))
    assert "&lt;img src=x onerror=alert(1)&gt;" in issue.content[0].value
    email_text = (site / "newsletters/2022-03-14/email.en.txt").read_text(encoding="utf-8")
    assert "* Alert <img src=x onerror=alert(1)>" in email_text  # plain text: shown as typed, never run
