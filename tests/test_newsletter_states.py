"""The newsletter says only what happened. The programme's newsletter ran before this site had an
archive, so before launch the site says its newsletters are not published here yet (never that the
newsletter has not started); once launched and still empty it says when the next issue is due;
issues carry a number only from `first_number`; the Subscribe page follows the state by itself;
and an item never published on the site has no publication date anywhere."""

from __future__ import annotations

import datetime as dt
import email
import json
import re
from email.policy import default
from html import escape
from pathlib import Path

import feedparser
import icalendar
import markdown
import pytest
from bs4 import BeautifulSoup

from rhannu.blocks import marked, replace_markers
from rhannu.newsletter import DayCadence, NewsletterSettings
from tests.support.sample_site import section
from tests.support.sites import BuildResult, build, copy_fixture, read_html

FEEDS = ("newsletters/feed.xml", "cy/cylchlythyrau/feed.xml")


NOT_STARTED = ("has not started", "not started yet", "wedi dechrau eto", "heb ddechrau")
NOT_HERE = {
    "en": "The programme's newsletters are not published on this site yet.",
    "cy": "Nid yw cylchlythyrau'r rhaglen wedi'u cyhoeddi ar y wefan hon eto.",
}
CALENDARS = ("events.ics", "cy/events.ics")


def _settings(project: Path, old: str, new: str) -> None:
    settings = project / "data/newsletter.yml"
    text = settings.read_text(encoding="utf-8")
    assert old in text, old
    settings.write_text(text.replace(old, new), encoding="utf-8")


def _build_with(tmp_path: Path, first_issue: str, edit=None) -> BuildResult:
    project = copy_fixture(tmp_path / "project")
    _settings(project, "first_issue: 2022-03-14", f"first_issue: {first_issue}")
    if edit is not None:
        edit(project)
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.log
    return result


def _no_issue_text(site: Path, prefix: str) -> tuple[str, str]:
    archive = read_html(site / f"{section(prefix, 'newsletters')}/index.html").select_one(".rhannu-no-issue")
    home = read_html(site / f"{prefix}index.html").select_one(".rhannu-latest-issue .rhannu-no-issue")
    assert archive is not None and home is not None
    assert (site / f"{section(prefix, 'newsletters')}" / archive.a["href"] / "index.html").resolve() == (site / f"{prefix}subscribe/index.html")
    return archive.get_text(" ", strip=True), home.get_text(" ", strip=True)


def _no_signup(project: Path) -> None:
    _settings(project, "signup_url: https://lists.example.org/sample/subscribe", "signup_url:")


def _subscribe_email_text(site: Path, prefix: str) -> str:
    """The Subscribe page's "By email" part and its sentence on unsubscribing."""
    page = read_html(site / f"{prefix}subscribe/index.html").select_one("article")
    heading = page.select_one("#subscribe-email")
    said = []
    for sibling in heading.find_next_siblings():
        if sibling.name == "h2":
            break
        said.append(sibling.get_text(" ", strip=True))
    unsubscribing = page.select_one("#unsubscribing, #dad-danysgrifio").find_next_sibling("p").get_text(" ", strip=True)
    return " ".join(said) + " | " + unsubscribing


def _said_anywhere(site: Path) -> list[str]:
    """Pages, feeds and calendars that say the newsletter has not started."""
    found = []
    for path in [*site.rglob("*.html"), *site.rglob("*.xml"), *site.rglob("*.ics"), *site.rglob("*.json")]:
        text = " ".join(path.read_text(encoding="utf-8").split())  # calendars fold their lines
        if any(phrase in text for phrase in NOT_STARTED):
            found.append(str(path.relative_to(site)))
    return found


def _unpublish_sharing_practice(project: Path) -> None:
    source = project / "case_studies/sample-sharing-practice.md"
    source.write_text(source.read_text(encoding="utf-8").replace("published: 2022-03-31\n", ""), encoding="utf-8")


@pytest.fixture(scope="module")
def unlaunched(tmp_path_factory: pytest.TempPathFactory) -> Path:
    def edit(project: Path) -> None:
        _unpublish_sharing_practice(project)
        _no_signup(project)

    return _build_with(tmp_path_factory.mktemp("unlaunched"), "", edit).site


def test_before_launch_no_issue_is_built_and_every_page_says_none_is_published_here_yet(unlaunched: Path) -> None:
    assert sorted(path.name for path in (unlaunched / "newsletters").iterdir()) == ["feed.xml", "index.html"]
    assert _no_issue_text(unlaunched, "") == (f"{NOT_HERE['en']} How to subscribe",) * 2
    assert _no_issue_text(unlaunched, "cy/") == (f"{NOT_HERE['cy']} Sut i danysgrifio",) * 2
    descriptions = {
        "newsletters/feed.xml": "Issues of the programme's fortnightly newsletter, in English, as they are published on this site.",
        "cy/cylchlythyrau/feed.xml": (
            "Rhifynnau o gylchlythyr pythefnosol y rhaglen, yn Gymraeg, wrth iddynt gael eu cyhoeddi ar y wefan hon."
        ),
    }
    for feed in FEEDS:
        parsed = feedparser.parse((unlaunched / feed).read_bytes())
        assert (parsed.bozo, len(parsed.entries), parsed.feed.title != "") == (0, 0, True), feed
        assert parsed.feed.description == descriptions.get(feed, descriptions["cy/cylchlythyrau/feed.xml"]), feed
    assert _said_anywhere(unlaunched) == []


@pytest.mark.parametrize(("prefix", "lang"), [("", "en"), ("cy/", "cy")])
def test_an_empty_archive_and_calendar_describe_what_will_be_published_here(unlaunched: Path, prefix: str, lang: str) -> None:
    archive = read_html(unlaunched / f"{section(prefix, 'newsletters')}/index.html")
    intro = {
        "en": "The programme's fortnightly newsletter: news, events, and new case studies and lessons. "
        "Its issues will be listed here, by year, as they are published on this site.",
        "cy": "Cylchlythyr pythefnosol y rhaglen: newyddion, digwyddiadau, ac astudiaethau achos a gwersi newydd. "
        "Bydd ei rifynnau'n cael eu rhestru yma, fesul blwyddyn, wrth iddynt gael eu cyhoeddi ar y wefan hon.",
    }[lang]
    assert archive.select_one("article p").get_text() == intro
    assert archive.select_one('meta[name="description"]')["content"] == intro
    calendar = icalendar.Calendar.from_ical((unlaunched / f"{prefix}events.ics").read_bytes())
    assert calendar.walk("VEVENT") == []
    said = {
        "en": "Events announced in the programme's fortnightly newsletter, in English, as its issues are published on "
        "this site. Times are UK time.",
        "cy": "Digwyddiadau a gyhoeddir yng nghylchlythyr pythefnosol y rhaglen, yn Gymraeg, wrth i'w rifynnau gael eu "
        "cyhoeddi ar y wefan hon. Mae'r amseroedd yn amser y DU.",
    }[lang]
    assert (str(calendar["X-WR-CALDESC"]), str(calendar["DESCRIPTION"])) == (said, said)


@pytest.mark.parametrize(("prefix", "expected"), [
    ("", "The programme's newsletters are not published on this site yet. Once they are, there will be an email edition "
     "in Welsh and English, with a link to unsubscribe at the bottom of every email. Until then, you can follow what "
     "is new on this site by RSS. | Once sign-up for the email edition is open, every email will have a link at the "
     "bottom to unsubscribe."),
    ("cy/", "Nid yw cylchlythyrau'r rhaglen wedi'u cyhoeddi ar y wefan hon eto. Pan fyddant yn cael eu cyhoeddi yma, bydd fersiwn e-bost yn "
     "Gymraeg ac yn Saesneg, gyda dolen i ddad-danysgrifio ar waelod pob e-bost. Tan hynny, gallwch ddilyn yr hyn "
     "sy'n newydd ar y wefan hon drwy RSS. | Pan fydd yn bosibl cofrestru ar gyfer y fersiwn e-bost, bydd dolen i "
     "ddad-danysgrifio ar waelod pob e-bost."),
])
def test_before_launch_the_subscribe_page_describes_the_email_edition_in_the_future(unlaunched: Path, prefix: str, expected: str) -> None:
    assert _subscribe_email_text(unlaunched, prefix) == expected


def test_an_item_never_published_here_has_no_publication_date_anywhere(unlaunched: Path) -> None:
    page = read_html(unlaunched / "case-studies/sample-sharing-practice/index.html")
    rows = [row.dt.get_text() for row in page.select(".rhannu-meta > div")]
    assert rows == ["PSB", "When", "Themes", "Approaches", "Source"]
    assert "datePublished" not in json.loads(page.select_one('script[type="application/ld+json"]').string)
    # its theme's feed: the everything-new feed keeps only its newest 50, and an undated item comes last
    feed = feedparser.parse((unlaunched / "case-studies/theme/sharing-practice/feed.xml").read_bytes())
    assert [entry.link.rsplit("/", 2)[-2] for entry in feed.entries][-1] == "sample-sharing-practice", "last: undated"
    entry = next(entry for entry in feed.entries if entry.link.endswith("/case-studies/sample-sharing-practice/"))
    assert "published" not in entry and feed.bozo == 0
    card = json.loads((unlaunched / "case-studies/cards.json").read_text(encoding="utf-8"))
    assert next(c for c in card if c["url"].endswith("/sample-sharing-practice/"))["date"] is None


def test_once_launched_and_still_empty_the_pages_say_when_the_first_issue_is_due(tmp_path: Path) -> None:
    site = _build_with(tmp_path, "2023-11-20", _no_signup).site  # after the pinned build date, 14 November 2023
    assert not any(path.is_dir() for path in (site / "newsletters").iterdir())
    assert _no_issue_text(site, "") == ("The next issue is due on 20 November 2023. How to subscribe",) * 2
    assert _no_issue_text(site, "cy/") == ("Mae disgwyl y rhifyn nesaf ar 20 Tachwedd 2023. Sut i danysgrifio",) * 2
    assert _subscribe_email_text(site, "") == (
        "Sign-up for the email edition is not open yet. Once it is, the email edition will come in Welsh and English, "
        "with a link to unsubscribe at the bottom of every email. Until then, follow the newsletter by RSS. | "
        "Once sign-up for the email edition is open, every email will have a link at the bottom to unsubscribe."
    )
    assert _subscribe_email_text(site, "cy/") == (
        "Nid yw'n bosibl cofrestru ar gyfer y fersiwn e-bost eto. Pan fydd hynny'n bosibl, bydd y fersiwn e-bost yn "
        "Gymraeg ac yn Saesneg, gyda dolen i ddad-danysgrifio ar waelod pob e-bost. Tan hynny, dilynwch y cylchlythyr "
        "drwy RSS. | Pan fydd yn bosibl cofrestru ar gyfer y fersiwn e-bost, bydd dolen i ddad-danysgrifio ar waelod "
        "pob e-bost."
    )
    for feed in FEEDS:
        assert feedparser.parse((site / feed).read_bytes()).entries == [], feed
    for calendar in CALENDARS:
        assert "BEGIN:VEVENT" not in (site / calendar).read_text(encoding="utf-8")
    assert _said_anywhere(site) == []


@pytest.mark.parametrize(("prefix", "expected"), [
    ("", "Sign up for the email newsletter The email edition comes in Welsh and English, with a link to unsubscribe at "
     "the bottom of every email. | Every email has a link at the bottom to unsubscribe."),
    ("cy/", "Cofrestru i gael y cylchlythyr drwy e-bost Mae'r fersiwn e-bost yn Gymraeg ac yn Saesneg, gyda dolen i "
     "ddad-danysgrifio ar waelod pob e-bost. | Mae dolen i ddad-danysgrifio ar waelod pob e-bost."),
])
def test_once_sign_up_is_open_the_subscribe_page_describes_the_email_edition_as_it_is(site: Path, prefix: str, expected: str) -> None:
    assert _subscribe_email_text(site, prefix) == expected
    assert read_html(site / f"{prefix}subscribe/index.html").select_one('#subscribe-email + p a')["href"] == (
        "https://lists.example.org/sample/subscribe"
    )


ISSUE_NUMBER = re.compile(r"\b(Issue|Rhifyn) \d+\b")


def _numbers_shown(site: Path) -> dict[str, list[str]]:
    """Every issue number shown, by where: issue pages, archives, feeds, emails, message files, catalogues."""
    shown: dict[str, list[str]] = {}

    def note(where: str, text: str) -> None:
        shown.setdefault(where, []).extend(match.group(0) for match in ISSUE_NUMBER.finditer(text))

    for prefix in ("", "cy/"):
        folder = site / section(prefix, "newsletters")
        for page in sorted(folder.glob("*/index.html")):
            note("issue pages", read_html(page).select_one(".rhannu-issue-summary").get_text())
        note("archives", read_html(folder / "index.html").select_one("article").get_text(" "))
    for feed in ("newsletters/feed.xml", "cy/cylchlythyrau/feed.xml", "feed.xml", "cy/feed.xml"):
        for entry in feedparser.parse((site / feed).read_bytes()).entries:
            note("feeds", entry.get("summary", "") + " " + entry.get("content", [{"value": ""}])[0]["value"])
    for edition in sorted((site / "newsletters").glob("*/email*")):
        if edition.suffix == ".eml":
            message = email.message_from_bytes(edition.read_bytes(), policy=default)
            note("message files", " ".join(part.get_content() for part in message.iter_parts()))
        else:
            note("emails", edition.read_text(encoding="utf-8"))
    for catalogue in sorted(site.rglob("catalogue.json")):
        entries = json.loads(catalogue.read_text(encoding="utf-8"))
        items = entries["entries"]
        note("catalogues", " ".join(str(item.get("summary", "")) for item in items if item.get("type") == "issue"))
    return shown


def test_issues_are_numbered_from_first_number_everywhere(site: Path) -> None:
    shown = _numbers_shown(site)
    assert set(shown) == {"issue pages", "archives", "feeds", "emails", "message files", "catalogues"}
    for where, numbers in shown.items():
        assert {"Issue 1", "Rhifyn 1", "Issue 3", "Rhifyn 3"} <= set(numbers), where
    summary = read_html(site / "newsletters/2022-04-11/index.html").select_one(".rhannu-issue-summary").get_text()
    assert summary.startswith("Issue 2. ")


def test_issues_numbered_from_a_later_first_number_follow_it(tmp_path: Path) -> None:
    site = _build_with(tmp_path, "2022-03-14", lambda project: _settings(project, "first_number: 1 ", "first_number: 40 ")).site
    assert read_html(site / "newsletters/2022-03-14/index.html").select_one(".rhannu-issue-summary").get_text() == (
        "Issue 40. News up to 13 March 2022."
    )
    assert read_html(site / "cy/cylchlythyrau/2023-10-23/index.html").select_one(".rhannu-issue-summary").get_text().startswith(
        "Rhifyn 42. "
    )


def test_without_first_number_no_issue_shows_a_number_anywhere(tmp_path: Path) -> None:
    site = _build_with(tmp_path, "2022-03-14", lambda project: _settings(project, "first_number: 1 ", "first_number: ")).site
    shown = _numbers_shown(site)
    assert all(numbers == [] for numbers in shown.values()), shown
    assert read_html(site / "newsletters/2022-03-14/index.html").select_one(".rhannu-issue-summary").get_text() == (
        "News up to 13 March 2022."
    )
    assert read_html(site / "cy/cylchlythyrau/2022-03-14/index.html").select_one(".rhannu-issue-summary").get_text() == (
        "Newyddion hyd at 13 Mawrth 2022."
    )
    assert _said_anywhere(site) == []


def _settings_in(state: str) -> NewsletterSettings:
    launched = None if state == "not launched" else dt.date(2022, 3, 14)
    signup = "https://lists.example.org/s" if state == "sign-up open" else None
    return NewsletterSettings(DayCadence(dt.date(2021, 3, 1)), launched, signup, "*|UNSUB|*")


@pytest.mark.parametrize(("state", "lang", "unsubscribe", "mailing_list"), [
    ("not launched", "en", "Once sign-up for the email edition is open, every email will have a link at the bottom to unsubscribe.",
     "Sign-up for the email edition is not open yet, so there is no mailing list yet."),
    ("launched", "cy", "Pan fydd yn bosibl cofrestru ar gyfer y fersiwn e-bost, bydd dolen i ddad-danysgrifio ar waelod pob e-bost.",
     "Nid yw'n bosibl cofrestru ar gyfer y fersiwn e-bost eto, felly nid oes rhestr bostio eto."),
    ("sign-up open", "en", "Every email has a link at the bottom to unsubscribe.", "Sign-up for the email edition is open."),
    ("sign-up open", "cy", "Mae dolen i ddad-danysgrifio ar waelod pob e-bost.", "Mae'n bosibl cofrestru ar gyfer y fersiwn e-bost."),
])
def test_sentence_markers_follow_the_state_alone_in_a_paragraph_or_in_a_sentence(
    state: str, lang: str, unsubscribe: str, mailing_list: str
) -> None:
    settings = _settings_in(state)
    text = "<!-- rhannu:email-unsubscribe -->\n\nBy email: <!-- rhannu:mailing-list --> Or by RSS.\n"
    html = markdown.markdown(marked(text))
    out = replace_markers(html, lang, "/", (), settings, settings.status(dt.date(2023, 11, 14)), "https://example.org/")
    assert BeautifulSoup(out, "html.parser").get_text("|", strip=True).replace("\n", "") == (
        f"{unsubscribe}|By email: {mailing_list} Or by RSS."
    )
    assert out.startswith(f"<p>{escape(unsubscribe)}</p>"), "a sentence alone keeps its paragraph"
