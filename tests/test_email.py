"""The email editions: rules that make them survive mail clients, checked on every edition."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.support.sample_site import ISSUES
from tests.support.sites import FIXTURE_URL, build, copy_fixture

GOLDEN = Path(__file__).parent / "golden"
UNSUBSCRIBE = "*|UNSUB|*"


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
        assert names == ["email.cy.html", "email.cy.txt", "email.en.html", "email.en.txt", "email.html", "email.txt"]


def test_editions_follow_the_email_rules(site: Path) -> None:
    for path in editions(site):
        raw = path.read_text(encoding="utf-8")
        soup = BeautifulSoup(raw, "html.parser")
        where = path.relative_to(site)
        assert len(raw.encode()) <= 102 * 1024, where
        assert not soup.find_all(["style", "link", "script"]), where
        assert not re.search(r"display\s*:\s*(flex|grid)", raw), where
        container = soup.select_one("table.container")
        assert container["width"] == "600" and "width: 600px" in container["style"], where
        assert all(td.get("style") for td in soup.find_all("td")), f"{where}: a cell without inlined style"
        for link in soup.find_all("a"):
            href = link["href"]
            assert href.startswith("https://") or href in ("#english", UNSUBSCRIBE), f"{where}: {href}"
        assert all(image.get("alt") for image in soup.find_all("img")), where
        footer = soup.select_one("td.footer")
        assert footer.find("a", href=UNSUBSCRIBE)


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
    assert len(items) == 31 + 3  # new case studies, then new lessons
    first = items[0]
    assert (first.a["href"], first.a.get_text()) == (f"{FIXTURE_URL}case-studies/sample-case-study-01/", "Sample case study 01")
    assert first.find_next_sibling("p").get_text() == "Sample summary of case study 01."
    assert items[-1].a["href"] == f"{FIXTURE_URL}lessons/sample-uncited/"


def test_text_twin_has_no_markup(site: Path) -> None:
    texts = sorted(site.glob("newsletters/*/email*.txt"))
    assert len(texts) == 3 * len(ISSUES)
    for path in texts:
        text = path.read_text(encoding="utf-8")
        assert "<" not in text and UNSUBSCRIBE in text, path


@pytest.mark.parametrize("name", ["email.html", "email.txt"])
def test_bilingual_edition_matches_its_golden_file(site: Path, name: str) -> None:
    built = (site / "newsletters/2022-03-14" / name).read_text(encoding="utf-8")
    golden = GOLDEN / f"2022-03-14-{name}"
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
    from rhannu.email import markdown_text

    body = (
        "Welcome: this issue has **every section**, with a [report](https://example.org/r) to read\n"
        "and a line break in its source.\n\n- one point\n- [https://example.org/](https://example.org/)\n"
    )
    assert markdown_text(body) == (
        "Welcome: this issue has every section, with a report\n(https://example.org/r) to read and a line "
        "break in its source.\n\n* one point\n\n* https://example.org/"
    )
