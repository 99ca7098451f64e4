"""The email editions: rules that make them survive mail clients, checked on every edition."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.support.sample_site import ISSUES, welsh
from tests.support.sites import FIXTURE_URL, build, copy_fixture

GOLDEN = Path(__file__).parent / "golden"
UNSUBSCRIBE = "*|UNSUB|*"


def at(english_url: str, lang: str) -> str:
    return welsh(english_url) if lang == "cy" else english_url


UNSUBSCRIBING = {  # the Subscribe page's section on unsubscribing, in each language
    "en": f"{FIXTURE_URL}subscribe/#unsubscribing",
    "cy": f"{FIXTURE_URL}{welsh('subscribe/')}#dad-danysgrifio",
}


def editions(site: Path) -> list[Path]:
    found = sorted(site.glob("newsletters/*/email*.html"))
    assert len(found) == 3 * len(ISSUES), found
    return found


def test_every_issue_has_three_editions_each_with_a_text_twin(site: Path) -> None:
    issues = sorted(path.parent for path in site.glob("newsletters/*/index.html"))
    assert [issue.name for issue in issues] == list(ISSUES)
    assert not list(site.glob("cy/*/*/email*")), "the editions live under the English issue only"
    for issue in issues:
        names = sorted(path.name for path in issue.glob("email*"))
        assert names == sorted(f"email{edition}.{kind}" for edition in ("", ".cy", ".en") for kind in ("html", "txt", "eml"))


def test_editions_follow_the_email_rules(site: Path) -> None:
    for path in editions(site):
        raw = path.read_text(encoding="utf-8")
        soup = BeautifulSoup(raw, "html.parser")
        where = path.relative_to(site)
        assert len(raw.encode()) <= 102 * 1024, where
        assert not soup.find_all(["link", "script"]), where
        # The one <style> is the dark scheme's: a media query, which cannot be inlined; a client
        # that drops it loses nothing else.
        (style,) = soup.find_all("style")
        assert style.parent.name == "head", where
        rules = re.sub(r"@media \(prefers-color-scheme: dark\) \{[^@]*\}\s*\}", "", style.string)
        assert rules.strip() == ":root { color-scheme: light dark; }", where
        assert not re.search(r"display\s*:\s*(flex|grid)", raw), where
        # Fluid: as wide as the screen up to 600 px; Outlook, which ignores max-width, gets a
        # fixed 600 px table in a conditional comment around it.
        container = soup.select_one("table.container")
        assert container["width"] == "100%" and "width: 100%" in container["style"], where
        assert "max-width: 600px" in container["style"], where
        assert raw.count('<!--[if mso]><table role="presentation" width="600"') == 1, where
        assert raw.count("<!--[if mso]></td></tr></table><![endif]-->") == 1, where
        assert all(td.get("style") for td in soup.find_all("td")), f"{where}: a cell without inlined style"
        assert all("overflow-wrap: anywhere" in td["style"] for td in soup.find_all("td")), f"{where}: long URLs must wrap"
        for link in soup.find_all("a"):
            href = link["href"]
            assert href.startswith("https://") or href == "#english", f"{where}: {href}"
        assert all(image.get("alt") for image in soup.find_all("img")), where
        assert soup.find("meta", attrs={"name": "color-scheme"})["content"] == "light dark", where
        assert soup.find("meta", attrs={"name": "supported-color-schemes"})["content"] == "light dark", where


def test_the_web_copies_carry_no_merge_tag_and_send_unsubscribers_to_the_subscribe_page(site: Path) -> None:
    for path in sorted(site.glob("newsletters/*/email*")):
        raw = path.read_text(encoding="utf-8")
        where = path.relative_to(site)
        assert "*|" not in raw and "|*" not in raw, where
        assert "subscribed" not in raw and "tanysgrifio i" not in raw, where
    for name, langs in (("email.html", ("cy", "en")), ("email.cy.html", ("cy",)), ("email.en.html", ("en",))):
        soup = BeautifulSoup((site / "newsletters/2022-03-14" / name).read_text(encoding="utf-8"), "html.parser")
        unsubscribe = [link["href"] for link in soup.select("td.footer a")]
        assert unsubscribe == [UNSUBSCRIBING[lang] for lang in langs], name
        for href, lang in zip(unsubscribe, langs, strict=True):
            page, anchor = href.removeprefix(FIXTURE_URL).split("#")
            assert page == at("subscribe/", lang)
            target = BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "html.parser")
            assert target.find(id=anchor).name == "h2", href  # the section's heading exists there


def test_the_top_links_to_the_web_and_a_one_language_edition_to_the_other(site: Path) -> None:
    def top(name: str) -> list[tuple[str, str, str]]:
        soup = BeautifulSoup((site / "newsletters/2022-03-14" / name).read_text(encoding="utf-8"), "html.parser")
        first_row = soup.select_one("table.container tr")
        assert first_row.td["class"] == ["top"]
        return [(link["href"].removeprefix(FIXTURE_URL), link["lang"], link.get_text()) for link in first_row.find_all("a")]

    web = {lang: at("newsletters/2022-03-14/", lang) for lang in ("cy", "en")}
    assert top("email.html") == [
        (web["cy"], "cy", "Darllen y cylchlythyr hwn ar y we"),
        (web["en"], "en-GB", "Read this newsletter on the web"),
    ]
    assert top("email.cy.html") == [
        (web["cy"], "cy", "Darllen y cylchlythyr hwn ar y we"),
        ("newsletters/2022-03-14/email.en.html", "en-GB", "Read this newsletter in English"),
    ]
    assert top("email.en.html") == [
        (web["en"], "en-GB", "Read this newsletter on the web"),
        ("newsletters/2022-03-14/email.cy.html", "cy", "Darllen y cylchlythyr hwn yn Gymraeg"),
    ]
    for name in ("email.cy.html", "email.en.html"):  # the other edition is there to follow
        assert (site / "newsletters/2022-03-14" / name).is_file()


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("email.html", "Rhifyn 1. Newyddion hyd at 13 Mawrth 2022. / Issue 1. News up to 13 March 2022."),
        ("email.cy.html", "Rhifyn 1. Newyddion hyd at 13 Mawrth 2022."),
        ("email.en.html", "Issue 1. News up to 13 March 2022."),
    ],
)
def test_the_preheader_is_the_issues_summary_hidden_in_the_editions_languages(site: Path, name: str, text: str) -> None:
    soup = BeautifulSoup((site / "newsletters/2022-03-14" / name).read_text(encoding="utf-8"), "html.parser")
    preheader = soup.body.find(True).find(True)  # the first element in the email: what an inbox shows after the subject
    assert preheader["class"] == ["preheader"] and preheader.get_text() == text
    assert "display: none" in preheader["style"]
    assert '<!--[if !mso]><!--><div class="preheader"' in str(soup)  # Outlook, which shows it anyway, never gets it


def test_the_bilingual_edition_puts_welsh_first_with_a_jump_to_english(site: Path) -> None:
    soup = BeautifulSoup((site / "newsletters/2022-03-14/email.html").read_text(encoding="utf-8"), "html.parser")
    parts = soup.select("td.part")
    assert [(part["lang"], part["id"]) for part in parts] == [("cy", "cymraeg"), ("en-GB", "english")]
    jump = soup.select_one("td.jump a")
    assert (jump["href"], jump.get_text(), jump.find_parent("td")["lang"]) == ("#english", "Read in English", "en-GB")
    assert parts[0].h1.get_text() == "Cylchlythyr: 14 Mawrth 2022"
    assert parts[1].h1.get_text() == "Newsletter: 14 March 2022"


@pytest.mark.parametrize(("name", "lang"), [("email.cy.html", "cy"), ("email.en.html", "en-GB")])
def test_single_language_editions(site: Path, name: str, lang: str) -> None:
    soup = BeautifulSoup((site / "newsletters/2022-03-14" / name).read_text(encoding="utf-8"), "html.parser")
    assert [part["lang"] for part in soup.select("td.part")] == [lang]
    assert soup.html["lang"] == lang
    assert not soup.select("td.jump")


def test_items_are_title_summary_and_link(site: Path) -> None:
    soup = BeautifulSoup((site / "newsletters/2022-04-11/email.en.html").read_text(encoding="utf-8"), "html.parser")
    items = soup.select("td.part h3")
    assert len(items) == 10 + 3  # new case studies (the first 10 of 31: the rest are a link away), then new lessons
    first = items[0]
    assert (first.a["href"], first.a.get_text()) == (f"{FIXTURE_URL}case-studies/sample-case-study-01/", "Sample case study 01")
    assert first.find_next_sibling("p").get_text() == "Sample summary of case study 01."
    assert items[-1].a["href"] == f"{FIXTURE_URL}lessons/sample-uncited/"


def test_text_twin_has_no_markup(site: Path) -> None:
    texts = sorted(site.glob("newsletters/*/email*.txt"))
    assert len(texts) == 3 * len(ISSUES)
    for path in texts:
        text = path.read_text(encoding="utf-8")
        assert "<" not in text and UNSUBSCRIBE not in text, path
        assert path.read_bytes().startswith(b"\xef\xbb\xbf"), f"{path}: a host may send no character set"
        assert text.startswith("\ufeff") and text.count("\ufeff") == 1
        assert text.count(UNSUBSCRIBING["en"]) + text.count(UNSUBSCRIBING["cy"]) == (2 if path.name == "email.txt" else 1)


@pytest.mark.parametrize("name", ["email.html", "email.txt"])
def test_bilingual_web_copy_matches_its_golden_file(site: Path, name: str) -> None:
    """The web copy as published; the mailing service's copy, which `rhannu newsletter email`
    prints, has golden files of its own (tests/test_cli.py)."""
    built = (site / "newsletters/2022-03-14" / name).read_text(encoding="utf-8")
    golden = GOLDEN / f"2022-03-14-web-{name}"
    if os.environ.get("RHANNU_UPDATE_GOLDEN") == "1":
        golden.write_text(built, encoding="utf-8")
    assert built == golden.read_text(encoding="utf-8")


def test_an_edition_over_gmails_clipping_limit_stops_the_build(tmp_path: Path) -> None:
    project = copy_fixture(tmp_path / "project")
    body = "\n\n".join(f"Paragraph {n}: " + "co-production and involvement " * 40 for n in range(120))
    for name, title in (("long-editorial.md", "A long editorial"), ("long-editorial.cy.md", "Gair hir gan y golygydd")):
        meta = f"title: {title}\nsummary: Long.\n" + ("kind: editorial\npublished: 2022-04-01\n" if ".cy." not in name else "")
        (project / "newsletters" / name).write_text(f"---\n{meta}---\n\n{body}\n", encoding="utf-8")
    result = build(project, tmp_path / "site")
    assert result.returncode == 1
    errors = [line for line in result.log.splitlines() if line.startswith("ERROR")]
    assert len(errors) == 3, result.log  # each edition is over the limit, and each is named
    for error, name in zip(errors, ("email.cy.html", "email.en.html", "email.html"), strict=True):
        assert re.fullmatch(
            rf"ERROR   -  rhannu: newsletters/2022-04-11/{re.escape(name)}: the email edition of the issue published "
            r"2022-04-11 is \d+ KB, over the 102 KB at which Gmail clips an email: shorten its editorial or move "
            r"items to the next issue", error
        ), error


def test_the_text_edition_shows_markdown_as_plain_wrapped_paragraphs() -> None:
    from rhannu.issue_text import markdown_text

    body = (
        "Welcome: this issue has **every section**, with a [report](https://example.org/r) to read\n"
        "and a line break in its source.\n\n- one point\n- [https://example.org/](https://example.org/)\n"
    )
    assert markdown_text(body) == (
        "Welcome: this issue has every section, with a report\n(https://example.org/r) to read and a line "
        "break in its source.\n\n* one point\n\n* https://example.org/"
    )


def test_a_busy_fortnight_lists_ten_items_a_section_and_links_to_the_rest(tmp_path: Path) -> None:
    """200 case studies published in one fortnight (a bulk import) made a 205 KB edition, and the
    build stopped at the 102 KB guard; each section now lists SECTION_ITEMS and links to the rest."""
    from rhannu.email import GMAIL_CLIP_BYTES, SECTION_ITEMS

    project = copy_fixture(tmp_path / "project")
    folder = project / "case_studies"
    english = (folder / "sample-case-study-40.md").read_text(encoding="utf-8")
    welsh = (folder / "sample-case-study-40.cy.md").read_text(encoding="utf-8")
    for number in range(200):
        name = f"bulk-import-{number:03}"
        (folder / f"{name}.md").write_text(english.replace("published: 2023-10-20", "published: 2023-10-19"), encoding="utf-8")
        (folder / f"{name}.cy.md").write_text(welsh.replace("translated_from: f356de3c3bac\n", ""), encoding="utf-8")
    built = build(project, tmp_path / "site", strict=False)  # the bulk's Welsh is unmarked: stale, not broken
    assert built.returncode == 0, built.log
    issue = built.site / "newsletters/2023-10-23"
    for name in ("email.html", "email.cy.html", "email.en.html"):
        html = (issue / name).read_bytes()
        assert len(html) < GMAIL_CLIP_BYTES, name
    soup = BeautifulSoup((issue / "email.en.html").read_text(encoding="utf-8"), "html.parser")
    heading = next(h2 for h2 in soup.find_all("h2") if h2.get_text() == "New case studies")
    listed = [h3 for h3 in heading.find_all_next("h3") if h3.find_previous("h2") is heading]
    assert len(listed) == SECTION_ITEMS == 10
    more = next(a for a in soup.find_all("a") if a.get_text().startswith("And "))
    assert more.get_text() == "And 212 more in this issue on the web"  # 200 imported and the sample's 22
    assert more["href"] == "https://sample.rhannu.example.org/newsletters/2023-10-23/#issue-new_case_studies"
    text = (issue / "email.cy.txt").read_text(encoding="utf-8")
    assert "212 eitem arall yn y rhifyn hwn ar y we\nhttps://sample.rhannu.example.org/cy/cylchlythyrau/2023-10-23/#issue-new_case_studies" in text
    web = BeautifulSoup((issue / "index.html").read_text(encoding="utf-8"), "html.parser")
    section = web.find(id="issue-new_case_studies").find_parent("section")
    assert len(section.select("li a")) == 222, "the link leads to all of them"
