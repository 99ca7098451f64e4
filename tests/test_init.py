"""`rhannu init PATH` (issue 22, item 4): a new bilingual site that checks and builds at once,
every page in both languages, naming nothing of this programme; a folder in use is refused
without a file written; the same command writes the same bytes."""

from __future__ import annotations

import filecmp
import re
from pathlib import Path

import markdown
import pytest

from rhannu.cli import main, parser
from rhannu.new_site import _markdown_text, starter_files
from rhannu.site_info import PLACEHOLDER_NAMES
from rhannu.translations import statuses
from tests.support.new_site import NEW_SITE_EPOCH, init_site, rhannu_build
from tests.support.sites import html_pages, internal_links, language_switch_target, read_html, url_of

# What names this programme, its boards, its report or its funder, in either language.
PROGRAMME_WORDS = (
    "Public Services Board",
    "Bwrdd Gwasanaethau Cyhoeddus",
    "Byrddau Gwasanaethau Cyhoeddus",
    "Lottery",
    "Loteri",
    "Cronfa",
    "year-one",
    "year one",
    "blwyddyn gyntaf",
    "Co-production and involvement",
    "Cyd-gynhyrchu a chyfranogiad",
)
BOARD_ABBREVIATIONS = re.compile(r"\b(PSBs?|BGC(au)?)\b")  # as the interface writes them
PROGRAMME = re.compile("|".join(re.escape(word) for word in PROGRAMME_WORDS), re.IGNORECASE)

# Every page a new site has, at its address in each language.
PAGES = {
    "": "cy/",
    "about/": "cy/amdanom/",
    "accessibility/": "cy/hygyrchedd/",
    "contact/": "cy/cysylltu/",
    "privacy/": "cy/preifatrwydd/",
    "reusing/": "cy/ailddefnyddio/",
    "subscribe/": "cy/tanysgrifio/",
    "case-studies/": "cy/astudiaethau-achos/",
    "case-studies/example-case-study/": "cy/astudiaethau-achos/astudiaeth-achos-enghreifftiol/",
    "lessons/": "cy/gwersi/",
    "lessons/example-lesson/": "cy/gwersi/gwers-enghreifftiol/",
    "newsletters/": "cy/cylchlythyrau/",
}


@pytest.fixture(scope="module")
def new_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return init_site(tmp_path_factory.mktemp("init") / "new-site")


@pytest.fixture(scope="module")
def built(new_site: Path) -> Path:
    done = rhannu_build(new_site)
    assert done.returncode == 0, done.stdout + done.stderr
    return new_site / "site"


def _text_files(folder: Path) -> list[Path]:
    return [path for path in sorted(folder.rglob("*")) if path.is_file() and path.suffix not in (".png", ".ico", ".gz")]


# --- What init writes ----------------------------------------------------------------------------


def test_init_writes_the_starter_and_says_what_to_do_next(tmp_path: Path, capsys) -> None:
    assert main(["init", str(tmp_path / "site")]) == 0
    out = capsys.readouterr().out
    written = sorted(path.relative_to(tmp_path / "site").as_posix() for path in (tmp_path / "site").rglob("*") if path.is_file())
    assert written == [name for name, _ in starter_files()]
    for required in ("mkdocs.yml", "data/taxonomy.yml", "data/newsletter.yml", "data/sources.yml", "data/networks.yml"):
        assert required in written
    for command in (
        "rhannu check",
        "rhannu preview",
        "npm ci",
        "rhannu edit",
        "rhannu build --site-dir site",
        "rhannu check --publish",
    ):
        assert command in out


def test_every_page_and_example_is_written_in_both_languages() -> None:
    names = {name for name, _ in starter_files()}
    english = sorted(name for name in names if name.endswith(".md") and not name.endswith(".cy.md"))
    assert {name.split("/")[0] for name in english} == {"docs", "case_studies", "lessons", "newsletters"}
    assert {"newsletters/example-news-item.md", "newsletters/example-event.md"} <= set(english)
    assert [name for name in english if name.removesuffix(".md") + ".cy.md" not in names] == []


def test_the_welsh_pages_translate_the_english_as_it_stands(new_site: Path) -> None:
    assert {row.status for row in statuses(new_site)} == {"present"}


def test_an_existing_folder_that_is_not_empty_is_refused_without_writing(tmp_path: Path, capsys) -> None:
    target = tmp_path / "in-use"
    target.mkdir()
    (target / "notes.txt").write_text("mine\n", encoding="utf-8")
    assert main(["init", str(target)]) == 1
    err = capsys.readouterr().err
    assert f"{target}: already exists and is not empty" in err
    assert "Traceback" not in err
    assert [path.name for path in target.iterdir()] == ["notes.txt"]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["in-use"]  # no half-written folder beside it


def test_a_file_is_refused_and_an_empty_folder_is_used(tmp_path: Path, capsys) -> None:
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    assert main(["init", str(tmp_path / "a-file")]) == 1
    assert "is not a folder" in capsys.readouterr().err
    (tmp_path / "empty").mkdir()
    assert main(["init", str(tmp_path / "empty")]) == 0
    assert (tmp_path / "empty/mkdocs.yml").is_file()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["a-file", "empty"]


@pytest.mark.parametrize(
    "options",
    [["--name", "Only English"], ["--name-cy", "Cymraeg yn unig"], ["--name", "Two\nlines", "--name-cy", "Enw"]],
)
def test_a_name_in_one_language_or_on_two_lines_is_refused(tmp_path: Path, capsys, options: list[str]) -> None:
    assert main(["init", str(tmp_path / "site"), *options]) == 2
    assert "--name" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_init_is_in_the_commands_help() -> None:
    assert re.search(r"^\s+init\s+create a new bilingual site", parser().format_help(), re.MULTILINE)


def test_the_same_init_writes_the_same_bytes(tmp_path: Path) -> None:
    for folder in ("one", "two"):
        assert main(["init", str(tmp_path / folder), "--name", "Our network", "--name-cy", "Ein rhwydwaith"]) == 0
    one = sorted(path.relative_to(tmp_path / "one") for path in (tmp_path / "one").rglob("*") if path.is_file())
    two = sorted(path.relative_to(tmp_path / "two") for path in (tmp_path / "two").rglob("*") if path.is_file())
    assert one == two
    _, mismatch, errors = filecmp.cmpfiles(tmp_path / "one", tmp_path / "two", one, shallow=False)
    assert (mismatch, errors) == ([], [])


# --- The site's name --------------------------------------------------------------------------------


def test_the_names_given_are_the_sites_and_its_home_pages(tmp_path: Path, capsys, monkeypatch) -> None:
    site = init_site(tmp_path / "named", "--name", "Our network: <news> & *notes*", "--name-cy", 'Ein rhwydwaith "ni"')
    from rhannu.site_info import load

    info = load(site)
    assert info.names == {"en": "Our network: <news> & *notes*", "cy": 'Ein rhwydwaith "ni"'}
    assert "# Our network: &lt;news&gt; &amp; \\*notes\\*\n" in (site / "docs/index.md").read_text(encoding="utf-8")
    assert {row.status for row in statuses(site)} == {"present"}  # the Welsh home page re-marked
    monkeypatch.setenv("SOURCE_DATE_EPOCH", NEW_SITE_EPOCH)
    capsys.readouterr()
    assert main(["--root", str(site), "check", "--publish"]) == 1
    errors = capsys.readouterr().err
    assert "site_name" not in errors
    assert "site_url" in errors


@pytest.mark.parametrize("name", ["Plain", "A <b>bold</b> & [linked](x) name", "Under_scored *stars* #1 `code` \\ back"])
def test_a_name_in_the_home_pages_heading_shows_as_written(name: str) -> None:
    heading = read_html_text(markdown.markdown("# " + _markdown_text(name)))
    assert heading == name


def read_html_text(html: str) -> str:
    from bs4 import BeautifulSoup

    return BeautifulSoup(html, "html.parser").get_text()


# --- Check and build --------------------------------------------------------------------------------


def test_check_passes(new_site: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", NEW_SITE_EPOCH)
    assert main(["--root", str(new_site), "check"]) == 0, capsys.readouterr().err
    assert "1 case study" in capsys.readouterr().out


def test_check_publish_refuses_every_placeholder(new_site: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", NEW_SITE_EPOCH)
    assert main(["--root", str(new_site), "check", "--publish"]) == 1
    errors = [line for line in capsys.readouterr().err.splitlines() if line.startswith("ERROR: ")]
    for field in ("site_name", "plugins.i18n.languages.cy.site_name", "site_url", "extra.contact", "extra.data_controller"):
        assert any(line.startswith(f"ERROR: mkdocs.yml: field '{field}': ") for line in errors), (field, errors)
    assert any(PLACEHOLDER_NAMES["cy"] in line for line in errors)


def test_the_site_builds_strict_with_every_page_in_both_languages(built: Path) -> None:
    for english, welsh in PAGES.items():
        assert read_html(built / english / "index.html").html["lang"].startswith("en"), english
        assert read_html(built / welsh / "index.html").html["lang"] == "cy", welsh
        assert language_switch_target(built, built / english / "index.html") == welsh
        assert language_switch_target(built, built / welsh / "index.html") == english


def test_welsh_pages_have_the_welsh_interface_and_no_notice(built: Path) -> None:
    for page in html_pages(built):
        html = read_html(page)
        if html.select_one('meta[http-equiv="refresh"]') is not None or page.name == "404.html":
            continue
        assert html.select(".rhannu-notice") == [], url_of(built, page)
        if url_of(built, page).startswith("cy/"):
            assert html.html["lang"] == "cy", url_of(built, page)
            assert html.select_one(".md-skip").get_text(strip=True) == "Neidio i'r cynnwys", url_of(built, page)
            assert html.select_one("input.md-search__input")["placeholder"] == "Chwilio", url_of(built, page)


def test_the_example_content_is_plainly_an_example(built: Path) -> None:
    study = read_html(built / "case-studies/example-case-study/index.html")
    assert study.select_one("h1").get_text(strip=True) == "Example case study"
    welsh = read_html(built / "cy/astudiaethau-achos/astudiaeth-achos-enghreifftiol/index.html")
    assert welsh.select_one("h1").get_text(strip=True) == "Astudiaeth achos enghreifftiol"
    listing = read_html(built / "case-studies/index.html").get_text()
    assert "Example partnership" in listing and "Example theme" in listing


def test_unset_contact_and_controller_are_said_not_invented(built: Path) -> None:
    contact = read_html(built / "contact/index.html")
    assert contact.select(".rhannu-contact.rhannu-unset")
    assert contact.select('a[href^="mailto:"]') == []
    assert read_html(built / "cy/cysylltu/index.html").select(".rhannu-contact.rhannu-unset")


def test_every_internal_link_leads_somewhere(built: Path) -> None:
    checked, broken = internal_links(built)
    assert checked > 100
    assert broken == []


def test_the_site_is_neutral_logo_and_colours(built: Path) -> None:
    project = Path(__file__).resolve().parents[1]
    logo = (built / "assets/images/logo.svg").read_bytes()
    assert logo == dict(starter_files())["overrides/assets/images/logo.svg"]
    assert logo != (project / "overrides/assets/images/logo.svg").read_bytes()
    assert "<text" not in logo.decode("utf-8")  # a mark, no words
    assert (built / "assets/stylesheets/colours.css").is_file()
    assert 'href="assets/stylesheets/colours.css"' in (built / "index.html").read_text(encoding="utf-8")
    assert not (built / "assets/images/preview.png").exists()
    assert read_html(built / "index.html").select('meta[property="og:image"]') == []


# --- Nothing of this programme ------------------------------------------------------------------


def test_the_new_sites_files_name_nothing_of_this_programme() -> None:
    for name, data in starter_files():
        if name.endswith((".png", ".ico")):
            continue
        text = data.decode("utf-8")
        assert PROGRAMME.findall(text) == [], name
        assert BOARD_ABBREVIATIONS.findall(text) == [], name


def test_the_built_site_names_nothing_of_this_programme(built: Path) -> None:
    found = {url_of(built, path): PROGRAMME.findall(path.read_text(encoding="utf-8")) for path in _text_files(built)}
    assert {page: words for page, words in found.items() if words} == {}


def test_the_built_site_names_no_board(built: Path) -> None:
    found = {url_of(built, path): BOARD_ABBREVIATIONS.findall(path.read_text(encoding="utf-8")) for path in _text_files(built)}
    assert {page: words for page, words in found.items() if words} == {}


def test_the_same_site_builds_to_the_same_bytes(built: Path, tmp_path: Path) -> None:
    again = init_site(tmp_path / "new-site")
    done = rhannu_build(again)
    assert done.returncode == 0, done.stderr
    comparison = filecmp.dircmp(built, again / "site")
    differing: list[str] = []

    def collect(node: filecmp.dircmp, prefix: str) -> None:
        differing.extend(prefix + name for name in node.diff_files + node.left_only + node.right_only + node.funny_files)
        for name, sub in node.subdirs.items():
            collect(sub, f"{prefix}{name}/")

    collect(comparison, "")
    assert differing == []


def test_a_site_without_a_preview_image_has_no_image_in_its_link_previews(tmp_path: Path) -> None:
    from rhannu.page_meta import preview_image

    assert preview_image(tmp_path, "https://example.org/", "cy", "Enw", "Name") is None


def test_the_starter_ships_inside_the_package(tmp_path: Path) -> None:
    """setuptools copies every starter file into the built package (pyproject.toml's package-data),
    so an installed, not editable, Rhannu has them."""
    import shutil
    import subprocess
    import sys

    project = Path(__file__).resolve().parents[1]
    source = tmp_path / "source"
    shutil.copytree(project / "rhannu", source / "rhannu", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copyfile(project / name, source / name)
    command = [sys.executable, "-c", "import setuptools; setuptools.setup()", "build_py", "-d", str(tmp_path / "lib")]
    done = subprocess.run(command, cwd=source, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    shipped = tmp_path / "lib/rhannu/starter"
    assert sorted(path.relative_to(shipped).as_posix() for path in shipped.rglob("*") if path.is_file()) == [
        name for name, _ in starter_files()
    ]
