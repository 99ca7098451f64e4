"""The email editions: rules that make them survive mail clients, checked on every edition."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.support.sites import build, copy_project

GOLDEN = Path(__file__).parent / "golden"
UNSUBSCRIBE = "*|UNSUB|*"


def editions(site: Path) -> list[Path]:
    found = sorted(site.glob("newsletters/*/email*.html"))
    assert found, "no email editions were built"
    return found


def test_every_issue_has_three_editions_each_with_a_text_twin(site: Path) -> None:
    issues = sorted(path.parent for path in site.glob("newsletters/*/index.html"))
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
    first = soup.select("td.part h3")[0]
    assert first.a["href"].startswith("https://rhannu.example.org/case-studies/")
    assert first.find_next_sibling("p").get_text()


def test_text_twin_has_no_markup(site: Path) -> None:
    for path in site.glob("newsletters/*/email*.txt"):
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
    project = copy_project(tmp_path / "project")
    body = "\n\n".join(f"Paragraph {n}: " + "co-production and involvement " * 40 for n in range(120))
    for name, title in (("long-editorial.md", "A long editorial"), ("long-editorial.cy.md", "Golygyddol hir")):
        meta = f"title: {title}\nsummary: Long.\n" + ("kind: editorial\ndate: 2022-03-02\n" if ".cy." not in name else "")
        (project / "newsletters" / name).write_text(f"---\n{meta}---\n\n{body}\n", encoding="utf-8")
    result = build(project, tmp_path / "site")
    assert result.returncode == 1
    assert re.search(
        r"ERROR   -  rhannu: newsletters/2022-03-14/email\.html: the email edition of the issue published "
        r"2022-03-14 is \d+ KB, over the 102 KB at which Gmail clips an email", result.log
    ), result.log
