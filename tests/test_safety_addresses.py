"""Names and addresses (issue 19). Every key, slug, lesson id and file name that becomes part of an
address is a slug (rhannu.names); editors' text holds no control character; and every file a
build writes has one owner in one table (rhannu.addresses), so that a page, a feed, a redirect or
a file in docs/ can never silently replace another.

Each class is tested with members the issue did not name: a bad value in a copy of the sample
site must make `rhannu check` (and the build) exit 1 with no traceback, naming the file and the
field and what would be valid, and write nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from rhannu.addresses import Owner, Table, unclaimed
from rhannu.cli import main
from rhannu.names import CONTROL, MAX_SLUG, is_slug, printable
from tests.support.sites import BUILD_DATE_PINNED, FIXTURE, FIXTURE_URL, PINNED_EPOCH, build, copy_fixture

CASE = "case_studies/sample-hackathon.md"
CASE_CY = "case_studies/sample-hackathon.cy.md"
LESSON = "lessons/sample-time.md"
LESSON_CY = "lessons/sample-time.cy.md"
EVENT = "newsletters/sample-event.md"
NEWS = "newsletters/sample-news.md"
TAXONOMY = "data/taxonomy.yml"
SOURCES = "data/sources.yml"
WHEN = "when: autumn 2021"  # a line of CASE to add a field after
WELSH_NAME = "translated_from:"  # a line of each Welsh file to add a field before


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_fixture(tmp_path_factory.mktemp("addresses") / "pristine")


def edited(pristine: Path, tmp_path: Path, edits: dict[str, tuple[str, str] | str | bytes]) -> Path:
    """A copy of the sample site with each file edited (old text, new text) or written whole."""
    project = tmp_path / "project"
    shutil.copytree(pristine, project, symlinks=True)
    for path, change in edits.items():
        target = project / path
        if isinstance(change, tuple):
            text = target.read_text(encoding="utf-8")
            assert change[0] in text, f"the sample site changed: {change[0]!r} is not in {path}"
            target.write_text(text.replace(change[0], change[1], 1), encoding="utf-8")
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(change if isinstance(change, bytes) else change.encode("utf-8"))
    return project


def check_errors(project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """`rhannu check` on the project: it must exit 1 with errors, no traceback, nothing written,
    and no control character reaching the terminal."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", PINNED_EPOCH)
    before = sorted(project.rglob("*"))
    code = main(["--root", str(project), "check"])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    assert not CONTROL.search(out + err), "a control character reached the terminal"
    assert sorted(project.rglob("*")) == before, "check wrote a file"
    errors = [line.removeprefix("ERROR: ") for line in err.splitlines() if line.startswith("ERROR: ")]
    assert code == 1 and errors, err
    return errors


def assert_named(errors: list[str], path: str, field: str | None, *words: str) -> None:
    """Some error names the file and the field (or a line) first, then says each of `words`."""
    start = f"{path}: field '{field}': " if field else f"{path}: "
    matching = [error for error in errors if error.startswith(start) and all(word in error for word in words)]
    assert matching, f"no error starts {start!r} and says {words}: {errors}"


# --- Slugs: keys, slugs, lesson ids and file names -------------------------------------------

LONG = "a" * 285  # past the 255 bytes a file name may have
SLUGS = [
    # data/taxonomy.yml keys: each is a facet page's folder, a feed's folder and an attribute value
    (TAXONOMY, ("  sample-west:\n", "  'sample-west\" onmouseover=\"alert(1)':\n"), TAXONOMY, "psbs.sample-west\" onmouseover=\"alert(1)"),
    (TAXONOMY, ("  digital-engagement:", "  'digital-engagement\" onmouseover=\"x':"), TAXONOMY, "themes.digital-engagement\" onmouseover=\"x"),
    (TAXONOMY, ("  sample-west:\n", "  ../../../x:\n"), TAXONOMY, "psbs.../../../x"),
    (TAXONOMY, ("  virtual-working:", "  Virtual Working:"), TAXONOMY, "approaches.Virtual Working"),
    (TAXONOMY, ("  sample-west:\n", "  \"sample-west\\n\":\n"), TAXONOMY, "psbs.sample-west\n"),
    (TAXONOMY, ("  consultation-fatigue:", f"  {'c' * (MAX_SLUG + 1)}:"), TAXONOMY, f"themes.{'c' * (MAX_SLUG + 1)}"),
    (TAXONOMY, ("lesson_groups:\n", "lesson_groups:\n  planning/time: {en: P, cy: C}\n"), TAXONOMY, "lesson_groups.planning/time"),
    # data/sources.yml keys
    (SOURCES, ("sample-report:", "../sample-report:"), SOURCES, "../sample-report"),
    (SOURCES, ("sample-report:", "sample_report:"), SOURCES, "sample_report"),
    # a Welsh text's own page name
    (CASE_CY, (WELSH_NAME, f'slug: "hacathon\\n"\n{WELSH_NAME}'), CASE_CY, "slug"),
    (CASE_CY, (WELSH_NAME, f"slug: {LONG}\n{WELSH_NAME}"), CASE_CY, "slug"),
    (LESSON_CY, (WELSH_NAME, f"slug: gwers--amser\n{WELSH_NAME}"), LESSON_CY, "slug"),
    (LESSON_CY, (WELSH_NAME, f"slug: ../../gwers\n{WELSH_NAME}"), LESSON_CY, "slug"),
    # lesson ids a case study cites
    (CASE, ("lessons: [sample-skills]", 'lessons: ["sample-skills\\n"]'), CASE, "lessons"),
    # old addresses
    (CASE, (WHEN, "aliases: [old page/]"), CASE, "aliases"),
    (CASE, (WHEN, "aliases: ['old/\"onmouseover=x/']"), CASE, "aliases"),
    (CASE, (WHEN, 'aliases: ["old/x\\n/"]'), CASE, "aliases"),
    (CASE, (WHEN, f"aliases: [old/{'o' * 201}/]"), CASE, "aliases"),
]


@pytest.mark.parametrize(("path", "change", "error_path", "field"), SLUGS, ids=[f"slug-{n}" for n in range(len(SLUGS))])
def test_every_name_that_becomes_an_address_is_a_slug(pristine, tmp_path, capsys, monkeypatch, path, change, error_path, field) -> None:
    errors = check_errors(edited(pristine, tmp_path, {path: change}), capsys, monkeypatch)
    assert_named(errors, error_path, printable(field, one_line=True), "expected")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (f"lessons/{'l' * 200}.md", f"expected at most {MAX_SLUG} characters; got 200"),
        (f"case_studies/{'c' * 120}.cy.md", f"expected at most {MAX_SLUG} characters; got 120"),
        ("newsletters/news-.md", "expected lower case letters, digits and hyphens"),
        ("lessons/Amser.md", "expected lower case letters, digits and hyphens"),
    ],
)
def test_a_file_name_is_a_slug_too(pristine, tmp_path, capsys, monkeypatch, name, expected) -> None:
    source = (FIXTURE / (EVENT if name.startswith("newsletters") else LESSON)).read_text(encoding="utf-8")
    errors = check_errors(edited(pristine, tmp_path, {name: source}), capsys, monkeypatch)
    assert_named(errors, name, None, "file name: ", expected)


def test_the_slug_rule_is_whole_and_capped() -> None:
    assert is_slug("planning-time") and is_slug("a" * MAX_SLUG) and is_slug("2021")
    for bad in ("x\n", "x\n\n", "-x", "x-", "x--y", "X", "a" * (MAX_SLUG + 1), "", "x/y", "..", "x y", 'x"', 7, None):
        assert not is_slug(bad), bad


# --- Control characters in text --------------------------------------------------------------

TITLE = 'title: "Sample case study: a hackathon"'
CONTROLS = [
    (CASE, (TITLE, 'title: "Sample \\e[31mred\\e[0m"'), CASE, "title", "U+001B"),
    (CASE, ('summary: "A sample case study', 'summary: "A sample\\0 case study'), CASE, "summary", "U+0000"),
    (CASE_CY, ('title: "Astudiaeth', 'title: "\\u202eAstudiaeth'), CASE_CY, "title", "U+202E"),
    (EVENT, ("place: Sample Community Hall", 'place: "Sample\\a Hall"'), EVENT, "place", "U+0007"),
    (NEWS, ("summary: A sample news item for the tests.", 'summary: "A sample\\N item"'), NEWS, "summary", "U+0085"),
    (LESSON, ('title: "Sample lesson', 'title: "\\x7fSample lesson'), LESSON, "title", "U+007F"),
    (LESSON, ('title: "Sample lesson', 'title: "\\u2067Sample lesson'), LESSON, "title", "U+2067"),
    (TAXONOMY, ("cy: Rhannu arfer,", 'cy: "Rhannu\\e]8;;x\\e\\\\arfer",'), TAXONOMY, "themes.sharing-practice.cy", "U+001B"),
    (SOURCES, ("    en: Sample report", '    en: "Sample\\u2066 report"'), SOURCES, "sample-report.title.en", "U+2066"),
    (SOURCES, ("    cy: Cyhoeddwr enghreifftiol", '    cy: "Cyhoeddwr\\x1f"'), SOURCES, "sample-report.publisher.cy", "U+001F"),
    (EVENT, ("online_link: https://events.example.org/", 'online_link: "https://events.example.org/\\v"\n#'), EVENT, "online_link", "web address"),
]


@pytest.mark.parametrize(("path", "change", "error_path", "field", "shown"), CONTROLS, ids=[f"control-{n}" for n in range(len(CONTROLS))])
def test_text_with_a_control_character_is_refused(pristine, tmp_path, capsys, monkeypatch, path, change, error_path, field, shown) -> None:
    errors = check_errors(edited(pristine, tmp_path, {path: change}), capsys, monkeypatch)
    assert_named(errors, error_path, field, shown)


@pytest.mark.parametrize(
    ("path", "old", "new", "line"),
    [
        (TAXONOMY, "        A sample PSB for the tests", "        \x9b A sample PSB for the tests", 29),
        (CASE, TITLE, 'title: "Sample\x1b[31m case study"', 2),
        (SOURCES, "    en: Sample publisher", "    en: Sample\x07 publisher", 7),
    ],
)
def test_a_control_character_typed_into_yaml_is_refused_by_line(pristine, tmp_path, capsys, monkeypatch, path, old, new, line) -> None:
    errors = check_errors(edited(pristine, tmp_path, {path: (old, new)}), capsys, monkeypatch)
    assert_named(errors, path, None, f"line {line}: has the invisible control character U+00")


def test_a_control_character_in_a_body_is_refused_by_line(pristine, tmp_path, capsys, monkeypatch) -> None:
    project = edited(pristine, tmp_path, {LESSON: ("A sample lesson.", "A sample\x1b[2J lesson.\x07")})
    assert_named(check_errors(project, capsys, monkeypatch), LESSON, None, "line 9: the body has the invisible control character U+001B")


def test_an_editors_value_never_reaches_the_terminal_raw(pristine, tmp_path, capsys, monkeypatch) -> None:
    """An unknown field's name is echoed in its error: its escape sequence is shown, not run."""
    project = edited(pristine, tmp_path, {CASE: (WHEN, '"colour\\e[2J": green')})
    assert_named(check_errors(project, capsys, monkeypatch), CASE, "colour\\x1b[2J", "unknown field")


# --- One table of every address ---------------------------------------------------------------

LESSON_TEXT = (FIXTURE / LESSON).read_text(encoding="utf-8")
CASE_TEXT = (FIXTURE / CASE).read_text(encoding="utf-8")
PAGE = "# A page\n\nIts text.\n"
PNG = (FIXTURE / "case_studies/sample-square.png").read_bytes()
ALIAS = "the alias '{alias}' in " + CASE
CLASHES = [
    # a page at a listing's address
    ({CASE_CY: (WELSH_NAME, f"slug: index\n{WELSH_NAME}")}, CASE_CY, "slug", "the generated page 'cy/astudiaethau-achos/'"),
    ({LESSON_CY: (WELSH_NAME, f"slug: index\n{WELSH_NAME}")}, LESSON_CY, "slug", "the generated page 'cy/gwersi/'"),
    ({"lessons/index.md": LESSON_TEXT}, "lessons/index.md", None, "the generated page 'lessons/'"),
    ({"case_studies/index.md": CASE_TEXT}, "case_studies/index.md", None, "the generated page 'case-studies/'"),
    # a page in docs/ at a generated page's address, or a file in docs/ where the build writes one
    ({"docs/case-studies/index.md": PAGE}, "docs/case-studies/index.md", None, "the generated page 'case-studies/'"),
    ({"docs/lessons/sample-time.md": PAGE}, "docs/lessons/sample-time.md", None, "the page of lessons/sample-time.md"),
    ({"docs/newsletters/index.cy.md": PAGE}, "docs/newsletters/index.cy.md", None, "the generated page 'cy/cylchlythyrau/'"),
    # (docs/ publishes images only, so a file there can clash only with a file beside content or
    # the theme's folders; any other file is refused as it stands: tests/test_safety_templates.py)
    ({"docs/case-studies/sample-square.png": PNG}, "case_studies/sample-square.png", None, "docs/case-studies/sample-square.png"),
    ({"docs/assets/images/logo.png": PNG}, "docs/assets/images/logo.png", None, "MkDocs and Material's assets folder"),
    ({"docs/search/x.cy.png": PNG}, "docs/search/x.cy.png", None, "MkDocs and Material's search folder"),
    # an alias onto a generated file, a page, a redirect or the theme's own files, in either language
    *(
        ({CASE: (WHEN, f"aliases: [{alias}]")}, CASE, "aliases", ALIAS.format(alias=alias.rstrip("/") + "/"), owner)
        for alias, owner in [
            ("events.ics", "the events calendar"),
            ("cy/events.ics", "the events calendar"),
            ("api/v1/schema.json", "the catalogue's JSON Schema"),
            ("cy/api/v1/catalogue.json", "the JSON catalogue"),
            ("case-studies/psb/sample-north/feed.xml", "the feed of the psb 'sample-north'"),
            ("cy/astudiaethau-achos/thema/rhannu-arfer/feed.xml", "the feed of the theme 'sharing-practice'"),
            ("newsletters/2022-03-14/email.html", "the email edition 2022-03-14"),
            ("newsletters/2022-03-14/sample-event.ics", "the calendar file of the event newsletters/sample-event.md"),
            ("robots.txt", "robots.txt"),
            ("sitemap.xml.gz", "MkDocs and Material's compressed sitemap"),
            ("404.html", "MkDocs and Material's page for an address"),
            ("search/", "MkDocs and Material's search folder"),
            ("assets/images/", "MkDocs and Material's assets folder"),
            ("about/", "docs/about.md"),
            ("About/", "docs/about.md"),  # one file on a case-insensitive disk
            ("cy/", "docs/index.cy.md"),
            ("lessons/sample-time/", "the page of lessons/sample-time.md"),
            ("gwersi/sample-time/", "the page of lessons/sample-time.cy.md"),
            ("case-studies/sample-square.png", "the file case_studies/sample-square.png"),
        ]
    ),
]


@pytest.mark.parametrize("clash", CLASHES, ids=[f"clash-{n}" for n in range(len(CLASHES))])
def test_every_clash_is_found_in_one_table_naming_both_owners(pristine, tmp_path, capsys, monkeypatch, clash) -> None:
    edits, path, field, *owners = clash
    errors = check_errors(edited(pristine, tmp_path, edits), capsys, monkeypatch)
    assert_named(errors, path, field, *owners)


def test_the_table_holds_exactly_the_files_a_build_writes(pristine, tmp_path) -> None:
    """Pages in each language (and copies built from English), files beside content and in docs/
    (a Welsh one under cy/), feeds, calendars, redirects and the theme's own files: the table the
    build checks against is the site it writes, file for file."""
    from rhannu.site import prepare
    from rhannu.site_info import SiteInfo

    project = edited(
        pristine,
        tmp_path,
        {
            "docs/english-only.md": PAGE,
            "docs/welsh-only.cy.md": PAGE,
            "docs/images/photo.png": PNG,
            "docs/images/photo.cy.png": PNG,
            "docs/.hidden/notes.txt": "left out",
            CASE: (WHEN, "aliases: [old/hackathon/, Old-Site/Hackathon.html]"),
        },
    )
    result = build(project, tmp_path / "site", strict=False)
    assert result.returncode == 0, result.log
    built = {path.relative_to(result.site).as_posix() for path in result.site.rglob("*") if path.is_file()}
    site = prepare(project, BUILD_DATE_PINNED, SiteInfo(FIXTURE_URL, {"en": "Sample", "cy": "Enghraifft"}))
    assert {path.casefold() for path in built if not path.startswith("assets/")} == set(site.addresses)  # keyed case-folded
    assert {"images/photo.png", "cy/images/photo.png", "cy/english-only/index.html", "old-site/hackathon.html/index.html"} <= set(
        site.addresses
    )
    assert not unclaimed(sorted(built), site.addresses)


@pytest.mark.parametrize(
    ("edits", "expected"),
    [
        ({CASE: (WHEN, "aliases: [events.ics]")}, f"{CASE}: field 'aliases': the alias 'events.ics/'"),
        ({CASE_CY: (WELSH_NAME, f"slug: {LONG}\n{WELSH_NAME}")}, f"{CASE_CY}: field 'slug': expected at most {MAX_SLUG}"),
        ({LESSON_CY: (WELSH_NAME, f"slug: index\n{WELSH_NAME}")}, f"{LESSON_CY}: field 'slug': 'cy/gwersi/index.html'"),
        ({"docs/case-studies/sample-square.png": PNG}, "case_studies/sample-square.png: 'case-studies/sample-square.png' would be written twice"),
    ],
    ids=["alias-onto-a-file", "long-slug", "welsh-slug-index", "docs-file"],
)
def test_the_build_stops_before_writing_anything(pristine, tmp_path, edits, expected) -> None:
    result = build(edited(pristine, tmp_path, edits), tmp_path / "site")
    assert result.returncode == 1, result.log
    assert "Traceback" not in result.log and "OSError" not in result.log
    assert f"ERROR   -  rhannu: {expected}" in result.log, result.log
    assert not result.site.exists()


def test_the_table_finds_each_kind_of_clash() -> None:
    """A file twice (whatever its case), a file inside a file, a file where a folder is needed, a
    file in a folder that belongs to one owner whole; blamed on the editor's file where there is one."""
    table = Table()
    table.reserve_folder("assets", Owner("the theme"))
    table.claim("feed.xml", Owner("the feed"))
    table.claim("about/index.html", Owner("docs/about.md", "docs/about.md"))
    table.claim("FEED.xml", Owner("the alias 'FEED.xml'", "x.md", "aliases"))
    table.claim("feed.xml/index.html", Owner("the alias 'feed.xml/'", "y.md", "aliases"))
    table.claim("about", Owner("the generated file about"))
    table.claim("assets/x/index.html", Owner("the alias 'assets/x/'", "z.md", "aliases"))
    table.claim("sitemap.xml", Owner("the sitemap"))
    table.claim("sitemap.xml", Owner("the generated sitemap"))
    assert [(error.path, error.field) for error in table.errors] == [
        ("x.md", "aliases"),
        ("y.md", "aliases"),
        ("docs/about.md", None),
        ("z.md", "aliases"),
        ("rhannu", None),
    ]
    assert "the feed" in table.errors[0].message and "'FEED.xml' would be written twice" in table.errors[0].message
    assert "a fault in Rhannu" in table.errors[-1].message
    assert unclaimed(["feed.xml", "assets/x.js", "feed.xml", "other.html"], {"feed.xml": Owner("the feed")}) == [
        "feed.xml",
        "other.html",
    ]


def test_a_new_items_file_name_is_a_slug_whatever_its_title(tmp_path, capsys) -> None:
    project = copy_fixture(tmp_path / "project")
    assert main(["--root", str(project), "new", "item", "Long " * 70]) == 0
    names = sorted(path.name for path in (project / "newsletters").glob("long-*"))
    assert len(names) == 2 and all(is_slug(name.split(".")[0]) for name in names), names
    assert main(["--root", str(project), "new", "item", "!!!"]) == 1
    assert "has no Latin letters to make a file name from" in capsys.readouterr().err
    assert not list((project / "newsletters").glob(".*"))
