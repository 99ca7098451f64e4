"""The route stage (issue 22, item 1): every output's address comes from rhannu.routes, and the
engine's modules import one another without a cycle, so no renderer needs another to know where
something lives."""

from __future__ import annotations

import ast
import datetime as dt
import shutil
from pathlib import Path

import pytest

from rhannu import routes
from rhannu.addresses import Owner, taken
from rhannu.cli import main
from rhannu.content import load_content
from rhannu.content_types import CASE_STUDIES, LESSONS
from rhannu.newsletter import Issue
from tests.support.sites import FIXTURE, PINNED_EPOCH, check_errors, copy_fixture, edit

PACKAGE = Path(__file__).resolve().parents[1] / "rhannu"
# The renderers of output formats and of page parts (blocks): none imports another. Views (views,
# catalogue_page) and the shared text helpers (issue_text, full_text) are theirs to share.
RENDERERS = {"blocks", "calendar", "catalogue", "citation", "email", "feeds", "issue_views", "not_found"}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imported(tree: ast.AST, modules: set[str]) -> set[str]:
    """The package's modules a module imports when it runs: at its top and inside functions alike,
    but not under `if TYPE_CHECKING:` (read by the type checker only)."""
    found: set[str] = set()
    skipped = {
        id(inner) for node in ast.walk(tree) if isinstance(node, ast.If) and _is_type_checking(node) for inner in ast.walk(node)
    }
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.ImportFrom):
            if node.module and node.module.startswith("rhannu.") and node.level == 0:
                found.add(node.module.split(".")[1])
            elif node.module == "rhannu" or (node.level == 1 and not node.module):
                found |= {alias.name for alias in node.names if alias.name in modules}
            elif node.level == 1 and node.module:
                found.add(node.module.split(".")[0])
        elif isinstance(node, ast.Import):
            found |= {alias.name.split(".")[1] for alias in node.names if alias.name.startswith("rhannu.")}
    return found & modules


def import_graph(package: Path) -> dict[str, set[str]]:
    modules = {path.stem for path in package.glob("*.py")}
    return {
        path.stem: _imported(ast.parse(path.read_text(encoding="utf-8")), modules) - {path.stem} for path in package.glob("*.py")
    }


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Each cycle found by a depth-first walk, as the modules around it ('a', 'b', 'a')."""
    found, done, path = [], set(), []

    def walk(module: str) -> None:
        if module in path:
            found.append([*path[path.index(module) :], module])
            return
        if module in done:
            return
        path.append(module)
        for imported in sorted(graph[module]):
            walk(imported)
        path.pop()
        done.add(module)

    for module in sorted(graph):
        walk(module)
    return found


def test_no_module_of_the_engine_imports_itself_through_others() -> None:
    assert cycles(import_graph(PACKAGE)) == []


def test_no_renderer_imports_another() -> None:
    graph = import_graph(PACKAGE)
    assert {module: sorted(graph[module] & RENDERERS) for module in RENDERERS if graph[module] & RENDERERS} == {}


def test_the_import_check_sees_a_cycle_through_an_import_inside_a_function(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("from rhannu.b import x\n")
    (tmp_path / "b.py").write_text("def f():\n    from rhannu import c\n")
    (tmp_path / "c.py").write_text("import rhannu.a\n")
    (tmp_path / "d.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from rhannu.a import y\n")
    graph = import_graph(tmp_path)
    assert graph["d"] == set()
    assert cycles(graph) == [["a", "b", "c", "a"]]


ISSUE = Issue(number=3, start=dt.date(2022, 2, 28), published=dt.date(2022, 3, 14), sections=())


def test_an_issue_and_its_editions_live_beside_its_english_page() -> None:
    assert routes.issue_path(ISSUE) == "newsletters/2022-03-14"
    assert routes.edition_file(ISSUE, routes.BOTH, "html") == "newsletters/2022-03-14/email.html"
    assert routes.edition_paths(ISSUE, "cy") == ("newsletters/2022-03-14/email.cy.html", "newsletters/2022-03-14/email.cy.txt")
    assert routes.message_path(ISSUE, "en") == "newsletters/2022-03-14/email.en.eml"
    assert routes.message_path(ISSUE, routes.BOTH) == "newsletters/2022-03-14/email.eml"


@pytest.mark.parametrize(
    ("lang", "everything", "issues", "events", "event"),
    [
        ("en", "feed.xml", "newsletters/feed.xml", "events.ics", "newsletters/2022-03-14/sample-event.ics"),
        ("cy", "cy/feed.xml", "cy/cylchlythyrau/feed.xml", "cy/events.ics", "cy/cylchlythyrau/2022-03-14/sample-event.ics"),
    ],
)
def test_feeds_and_calendars_in_each_language(lang: str, everything: str, issues: str, events: str, event: str) -> None:
    assert routes.feed_path("all", lang) == everything
    assert routes.feed_path("newsletters", lang) == issues
    assert routes.events_calendar_path(lang) == events
    assert routes.event_calendar_path(ISSUE, "sample-event", lang) == event


def test_the_catalogue_the_404_pages_and_the_host_files() -> None:
    assert [routes.catalogue_path(code) for code in ("en", "cy")] == ["api/v1/catalogue.json", "cy/api/v1/catalogue.json"]
    assert [routes.schema_path(code) for code in ("en", "cy")] == ["api/v1/schema.json", "cy/api/v1/schema.json"]
    assert [routes.not_found_path(code) for code in ("en", "cy")] == ["404.html", "cy/404.html"]
    assert routes.cards_path("cy") == "cy/astudiaethau-achos/cards.json"
    assert routes.redirect_page("cy/hen/") == "cy/hen/index.html"
    assert (routes.REDIRECTS_FILE, routes.HEADERS_FILE, routes.ROBOTS_FILE) == ("_redirects", "_headers", "robots.txt")


def test_citation_files_sit_beside_each_page_in_its_language() -> None:
    content = load_content(FIXTURE, dt.date(2026, 1, 1))
    case = next(item for item in content.of(CASE_STUDIES) if item.slug == "sample-hackathon")
    lesson = next(item for item in content.of(LESSONS) if item.slug == "sample-time")
    assert routes.citation_paths(case, "en") == (
        "case-studies/sample-hackathon/citation.ris",
        "case-studies/sample-hackathon/citation.bib",
    )
    welsh = "cy/astudiaethau-achos/sample-hackathon/"
    assert routes.citation_paths(case, "cy") == (welsh + "citation.ris", welsh + "citation.bib")
    assert routes.citation_paths(lesson, "cy") == ("cy/gwersi/sample-time/citation.ris", "cy/gwersi/sample-time/citation.bib")


# --- "Is this address taken?": one answer for the alias guard, `rhannu check` and `rhannu new` ---

CASE = "case_studies/sample-hackathon.md"
WHEN = "when: autumn 2021"  # a line of CASE to add a field after
ALIAS = "the alias '{alias}' in " + CASE


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_fixture(tmp_path_factory.mktemp("routes") / "pristine")


def _project(pristine: Path, tmp_path: Path) -> Path:
    project = tmp_path / "project"
    shutil.copytree(pristine, project, symlinks=True)
    return project


# Kinds of output tests/test_safety_addresses.py does not already aim an alias at.
ALIASES_ONTO_OUTPUTS = [
    ("feed.xml", "the feed of everything new"),
    ("cy/cylchlythyrau/feed.xml", "the newsletter's feed"),
    ("case-studies/psb/sample-north/", "the generated page 'case-studies/psb/sample-north/'"),
    ("newsletters/2022-03-14/", "the generated page 'newsletters/2022-03-14/'"),
    ("case-studies/sample-hackathon/citation.ris", "the citation files of case_studies/sample-hackathon.md"),
    ("cy/amdanom/", "docs/about.cy.md"),
    ("cy/404.html", "MkDocs and Material's page for an address with no page"),
    ("_redirects", "the rules for each language's 404 page (_redirects)"),
    ("_headers", "the headers for hosts that read a _headers file"),
    ("case-studies/cards.json", "the case study cards for the filter script"),
]


@pytest.mark.parametrize(("alias", "owner"), ALIASES_ONTO_OUTPUTS, ids=[alias for alias, _ in ALIASES_ONTO_OUTPUTS])
def test_check_refuses_an_alias_onto_any_kind_of_output(pristine, tmp_path, capsys, monkeypatch, alias: str, owner: str) -> None:
    project = _project(pristine, tmp_path)
    edit(project / CASE, WHEN, f"{WHEN}\naliases: [{alias}]")
    errors = check_errors(project, capsys, monkeypatch)
    start = f"{CASE}: field 'aliases': "
    named = ALIAS.format(alias=alias.rstrip("/") + "/")
    assert [error for error in errors if error.startswith(start) and named in error and owner in error], errors


def test_the_table_answers_whether_an_address_is_taken() -> None:
    page, feed = Owner("the page of x.md", "x.md"), Owner("the feed")
    addresses = {"about/index.html": page, "feed.xml": feed, "cy/404.html": Owner("the Welsh 404 page")}
    assert taken(addresses, "About/index.html") == page  # one file on a case-insensitive disk
    assert taken(addresses, "feed.xml/index.html") == feed  # inside a file
    assert taken(addresses, "about") == page  # a file where a folder is needed
    assert taken(addresses, "assets/x/index.html") == Owner("MkDocs and Material's assets folder")
    assert taken(addresses, "404.html") == Owner("MkDocs and Material's page for an address with no page")
    assert taken(addresses, "cy/amdanom/index.html") is None
    assert taken(addresses, "about-us/index.html") is None


def test_new_refuses_a_title_whose_page_address_is_taken(pristine, tmp_path, capsys, monkeypatch) -> None:
    project = _project(pristine, tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", PINNED_EPOCH)
    before = sorted(project.rglob("*"))
    code = main(["--root", str(project), "new", "case-study", "Index"])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    assert "index.html' is taken by the generated page" in err and "choose another title" in err
    assert sorted(project.rglob("*")) == before, "new wrote a file"
    assert main(["--root", str(project), "new", "case-study", "Indexing practice"]) == 0
    assert (project / "case_studies/indexing-practice.md").is_file()
