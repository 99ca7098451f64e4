"""The content editor in Chromium: the page Rhannu adds at /admin/ (axe at zero on what is ours),
the page saying what to do when Decap is not installed, and `rhannu edit` on a copy of the sample
site driven through Decap's interface: a case study created in both languages and written as the
site keeps it, the Welsh marked stale and then up to date, the build's refusals shown and nothing
written, the preview in the site's styles; no request off 127.0.0.1 and no error in the console.
A site from `rhannu init` opens in the editor too."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from bs4 import BeautifulSoup
from playwright.sync_api import expect

from rhannu.edit_server import STALE
from rhannu.editor_config import MARK_CURRENT_FIELD, TRANSLATION_STATE_FIELD
from rhannu.editor_files import BUNDLE, admin_file
from rhannu.frontmatter import Source, parse_source
from rhannu.labels import label
from rhannu.languages import ALL, DEFAULT
from rhannu.site_check import EDITOR_PAGE_RULES
from rhannu.translations import status_of
from tests.support.browser import AXE_OPTIONS
from tests.support.new_site import NEW_SITE_EPOCH, init_site
from tests.support.sites import PINNED_EPOCH, build_env, copy_fixture

pytestmark = pytest.mark.browser

PROJECT = Path(__file__).resolve().parents[1]
NOWHERE = "http://127.0.0.1:9"  # every request is answered by the test itself; nothing listens here


def answered_by_admin_file(root: Path, asked: list[str]) -> Callable:
    """A route handler: /admin/<path> as rhannu.editor_files serves it for the site at `root`, 404 otherwise."""

    def handle(route) -> None:
        asked.append(route.request.url)
        path = urlsplit(route.request.url).path
        served = admin_file(root, path.removeprefix("/admin/")) if path.startswith("/admin/") else None
        if served is None:
            route.fulfill(status=404, body="")
        else:
            route.fulfill(status=200, body=served[0], content_type=served[1])

    return handle


@pytest.fixture
def admin_tab(browser):
    contexts = []

    def opened(root: Path, *, scripts: bool = True):
        context = browser.new_context(base_url=NOWHERE)
        contexts.append(context)
        asked: list[str] = []
        context.route("**/*", answered_by_admin_file(root, asked))
        if not scripts:
            context.route(f"{NOWHERE}/admin/*.js", lambda route: route.abort())
        return context.new_page(), asked

    yield opened
    for context in contexts:
        context.close()


def test_the_page_saying_decap_is_missing_has_no_accessibility_violation(admin_tab, tmp_path: Path) -> None:
    tab, asked = admin_tab(copy_fixture(tmp_path / "site"))  # no node_modules
    tab.goto("/admin/")
    for lang in ALL:
        section = tab.locator(f'section[lang="{lang.tag}"]')
        assert section.get_by_role("heading", level=1).inner_text() == label(lang.code, "editor_page_missing_title")
    assert Axe().run(tab, options=AXE_OPTIONS).response["violations"] == []
    assert asked == [f"{NOWHERE}/admin/"]


def test_the_editor_pages_own_language_title_and_viewport_pass_axe(admin_tab) -> None:
    require_decap()
    tab, _ = admin_tab(PROJECT, scripts=False)
    tab.goto("/admin/")
    assert tab.title() == label(DEFAULT.code, "editor_page_title")
    assert tab.locator("html").get_attribute("lang") == DEFAULT.tag
    assert Axe().run(tab, options=EDITOR_PAGE_RULES).response["violations"] == []


# --- `rhannu edit` on a copy of the sample site, driven through Decap's interface ----------------
# Decap's interface is English (it has no Welsh locale); its fields are found by the ids it gives
# them (`<field>-field-<n>`), the default language's column first, and its buttons by their names.

EDIT_TIMEOUT = 15_000  # ms: a save, a check and the preview's update
STARTED_WITHIN = 120  # s: `rhannu edit` builds the preview before it serves


@dataclass(frozen=True)
class Editing:
    project: Path
    base: str  # http://127.0.0.1:<port>/
    output: list[str]  # what the server printed


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def answers(address: str) -> bool:
    try:
        with urllib.request.urlopen(address, timeout=5) as response:
            return bool(response.status == 200)
    except OSError:
        return False


def require_decap() -> None:
    if not (PROJECT / "node_modules/decap-cms/dist" / BUNDLE).is_file():
        pytest.fail("Decap CMS is not installed in the project: run `npm ci` (scripts/test does)", pytrace=False)


@contextmanager
def rhannu_edit(project: Path, epoch: str = PINNED_EPOCH) -> Iterator[Editing]:
    """`rhannu edit` on `project`, Decap taken from the project's node_modules, until the block ends."""
    require_decap()
    (project / "node_modules").symlink_to(PROJECT / "node_modules", target_is_directory=True)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "rhannu.cli", "--root", str(project), "edit", "--port", str(port)],
        env=build_env(epoch),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    output: list[str] = []
    threading.Thread(target=lambda: output.extend(server.stdout or ()), daemon=True).start()
    base = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + STARTED_WITHIN
    try:
        while not (answers(base) and answers(base + "admin/")):
            assert server.poll() is None and time.monotonic() < deadline, "rhannu edit did not start:\n" + "".join(output)
            time.sleep(0.2)
        yield Editing(project, base, output)
    finally:
        server.terminate()
        server.wait(timeout=20)


@pytest.fixture(scope="module")
def editing(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Editing]:
    """`rhannu edit` on a copy of the sample site, for the tests of this module that change it."""
    with rhannu_edit(copy_fixture(tmp_path_factory.mktemp("editor") / "project")) as running:
        yield running


@pytest.fixture
def console_errors() -> list[str]:
    """What the editor's tab logged as errors; a test that provokes a refusal takes those out."""
    return []


@contextmanager
def signed_in(browser, base: str, errors: list[str]) -> Iterator:
    """A tab signed in to the editor at `base`; it fails if the tab asked for anything off
    127.0.0.1 or logged an error (into `errors`) that is still there when the block ends."""
    context = browser.new_context(base_url=base, viewport={"width": 1400, "height": 1000})
    tab = context.new_page()
    elsewhere: list[str] = []
    where: list[str] = []  # the address each error came from ("Failed to load resource" does not name it)
    tab.on("request", lambda made: None if _on_this_machine(made.url) else elsewhere.append(made.url))
    tab.on("console", lambda message: where.append(message.location["url"]) if message.type == "error" else None)
    tab.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    tab.on("pageerror", lambda error: errors.append(str(error)))
    try:
        tab.goto("/admin/")
        tab.get_by_role("button", name="Login").click()
        expect(tab.get_by_role("link", name=label(DEFAULT.code, "case_studies"))).to_be_visible(timeout=EDIT_TIMEOUT)
        yield tab
    finally:
        context.close()
    assert elsewhere == [], f"the editor asked for addresses off this machine: {elsewhere}"
    assert errors == [], f"the editor logged errors: {errors}, from {where}"


@pytest.fixture
def editor(browser, editing: Editing, console_errors: list[str]):
    with signed_in(browser, editing.base, console_errors) as tab:
        yield tab


def _on_this_machine(address: str) -> bool:
    parts = urlsplit(address)
    return parts.scheme in ("data", "blob") or parts.hostname == "127.0.0.1"


def field(tab, name: str, column: int = 0):
    """A field of the entry open in the editor: column 0 is the default language's, 1 the other's."""
    return tab.locator(f'[id^="{name}-field-"]').nth(column)


def choose(tab, name: str, option: str) -> None:
    field(tab, name).click()
    tab.keyboard.type(option)
    tab.keyboard.press("Enter")


def write_text(tab, column: int, text: str) -> None:
    tab.locator('[data-slate-editor="true"]').nth(column).click()
    tab.keyboard.type(text)


def publish(tab) -> None:
    tab.get_by_role("button", name="Publish", exact=True).click()
    tab.get_by_text("Publish now", exact=True).click()


def take_refusal(errors: list[str], message: str) -> None:
    """Take out the errors a refused save logs (the browser's line for the 422 answer, and Decap's
    own, which carries the server's message, and the object it logs after it), leaving any other."""
    refusal = [
        error
        for error in errors
        if "status of 422" in error or error.startswith("API_ERROR: The site would not build") or error == "Object"
    ]
    assert any(message in error for error in refusal), errors
    errors[:] = [error for error in errors if error not in refusal]


def open_entry(tab, slug: str) -> None:
    tab.goto(f"/admin/#/collections/case_studies/entries/{slug}")
    expect(field(tab, "title")).not_to_have_value("", timeout=EDIT_TIMEOUT)


def front_matter(path: Path) -> tuple[dict[str, object], str]:
    source = parse_source(path.name, path.read_text(encoding="utf-8"))
    assert isinstance(source, Source), source
    return source.meta, source.body


def rhannu_check(project: Path) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "rhannu.cli", "--root", str(project), "check"]
    return subprocess.run(command, capture_output=True, text=True, check=False, env=build_env(PINNED_EPOCH))


def wait_for(condition: Callable[[], bool], what: str, limit: float = EDIT_TIMEOUT / 1000) -> None:
    deadline = time.monotonic() + limit
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.1)


def test_a_case_study_created_in_both_languages_is_written_as_the_site_keeps_it(editor, editing: Editing) -> None:
    editor.get_by_role("link", name=label(DEFAULT.code, "case_studies")).click()
    editor.locator('a[href$="/new"]').click()
    field(editor, "title", 0).fill("Editing in the browser")
    field(editor, "title", 1).fill("Golygu yn y porwr")
    field(editor, "summary", 0).fill("A case study written in the content editor.")
    field(editor, "summary", 1).fill("Astudiaeth achos a ysgrifennwyd yn y golygydd cynnwys.")
    field(editor, "published").fill("2023-11-01")
    field(editor, "when").fill("2023-10")
    choose(editor, "psb", "Sample South cluster")
    choose(editor, "themes", "Sharing practice")
    choose(editor, "approaches", "Hackathon")
    write_text(editor, 0, "What happened, in English.")
    write_text(editor, 1, "Beth ddigwyddodd, yn Gymraeg.")
    publish(editor)

    english, welsh = (
        editing.project / "case_studies" / name for name in ("editing-in-the-browser.md", "editing-in-the-browser.cy.md")
    )
    wait_for(lambda: english.is_file() and welsh.is_file(), "the editor wrote no pair of files")
    meta, body = front_matter(english)
    assert {key: meta.get(key) for key in ("title", "summary", "when", "psb", "themes", "approaches")} == {
        "title": "Editing in the browser",
        "summary": "A case study written in the content editor.",
        "when": "2023-10",
        "psb": "sample-south",
        "themes": ["sharing-practice"],
        "approaches": ["hackathon"],
    }
    assert str(meta["published"]) == "2023-11-01"
    assert body.strip() == "What happened, in English."
    meta, body = front_matter(welsh)
    assert meta["title"] == "Golygu yn y porwr"
    assert meta["summary"] == "Astudiaeth achos a ysgrifennwyd yn y golygydd cynnwys."
    assert body.strip() == "Beth ddigwyddodd, yn Gymraeg."
    assert not (editing.project / "case_studies/editing-in-the-browser.en.md").exists()
    check = rhannu_check(editing.project)
    assert check.returncode == 0, check.stdout + check.stderr


def test_the_editors_own_page_passes_axe_with_decap_running(editor) -> None:
    assert editor.title() == label(DEFAULT.code, "editor_page_title")
    assert Axe().run(editor, options=EDITOR_PAGE_RULES).response["violations"] == []


def test_the_preview_uses_the_sites_own_stylesheets_and_the_tab_its_icon(editor, editing: Editing) -> None:
    home = BeautifulSoup(urllib.request.urlopen(editing.base, timeout=5).read().decode("utf-8"), "html.parser")
    stylesheets = ["/" + link["href"].lstrip("./") for link in home.select('link[rel="stylesheet"]')]
    icon = home.select_one('link[rel~="icon"]')
    assert icon is not None
    expect(editor.locator('link[rel~="icon"]')).to_have_attribute("href", "/" + str(icon["href"]).lstrip("./"))
    open_entry(editor, "sample-sharing-practice")
    editor.get_by_role("button", name="Toggle preview").click()
    preview = editor.frame_locator("iframe").first
    expect(preview.locator("article.md-typeset h1")).to_have_text(field(editor, "title").input_value())
    assert (
        preview.locator('link[rel="stylesheet"]').evaluate_all("links => links.map(link => link.getAttribute('href'))")
        == stylesheets
    )


def test_editing_the_english_marks_the_welsh_stale_until_it_is_marked_up_to_date(editor, editing: Editing) -> None:
    english = "case_studies/sample-case-study-01.md"
    assert status_of(editing.project, english).status == "present"
    open_entry(editor, "sample-case-study-01")
    write_text(editor, 0, " Edited in the browser.")
    publish(editor)
    wait_for(
        lambda: "Edited in the browser." in (editing.project / english).read_text(encoding="utf-8"), "the edit was not saved"
    )
    assert status_of(editing.project, english).status == "stale"
    editor.reload()  # Decap keeps the entry it read; the state is the server's, on reading it afresh
    open_entry(editor, "sample-case-study-01")
    expect(field(editor, TRANSLATION_STATE_FIELD, 1)).to_have_value(STALE)
    field(editor, MARK_CURRENT_FIELD, 1).check()
    publish(editor)
    wait_for(lambda: status_of(editing.project, english).status == "present", "marking the Welsh as up to date did not record it")
    meta, _ = front_matter(editing.project / "case_studies/sample-case-study-01.cy.md")
    assert MARK_CURRENT_FIELD not in meta and TRANSLATION_STATE_FIELD not in meta


def test_an_unknown_psb_is_refused_with_the_checks_message_and_nothing_written(
    editor, editing: Editing, console_errors: list[str]
) -> None:
    source = editing.project / "case_studies/sample-case-study-02.md"
    source.write_text(source.read_text(encoding="utf-8").replace("psb: sample-north", "psb: nowhere"), encoding="utf-8")
    before = source.read_bytes()
    try:
        open_entry(editor, "sample-case-study-02")
        field(editor, "title").fill("Sample case study 02, edited")
        publish(editor)
        expect(editor.get_by_text("field 'psb'")).to_be_visible(timeout=EDIT_TIMEOUT)
        expect(editor.get_by_text("got 'nowhere'")).to_be_visible()
        assert source.read_bytes() == before
        take_refusal(console_errors, "case_studies/sample-case-study-02.md: field 'psb'")
    finally:
        source.write_text(source.read_text(encoding="utf-8").replace("psb: nowhere", "psb: sample-north"), encoding="utf-8")


def test_a_missing_welsh_summary_is_refused_and_nothing_written(editor, editing: Editing, console_errors: list[str]) -> None:
    editor.get_by_role("link", name=label(DEFAULT.code, "case_studies")).click()
    editor.locator('a[href$="/new"]').click()
    field(editor, "title", 0).fill("No Welsh summary")
    field(editor, "title", 1).fill("Dim crynodeb Cymraeg")
    field(editor, "summary", 0).fill("The Welsh summary is missing.")
    field(editor, "published").fill("2023-11-01")
    choose(editor, "psb", "Sample South cluster")
    choose(editor, "themes", "Sharing practice")
    write_text(editor, 0, "English text.")
    write_text(editor, 1, "Testun Cymraeg.")
    publish(editor)
    expect(editor.get_by_text(re.compile(r"no-welsh-summary\.cy\.md.*summary"))).to_be_visible(timeout=EDIT_TIMEOUT)
    assert sorted(path.name for path in (editing.project / "case_studies").glob("no-welsh-summary*")) == []
    take_refusal(console_errors, "case_studies/no-welsh-summary.cy.md: field 'summary': missing")


def test_a_site_from_rhannu_init_opens_its_example_in_the_editor(browser, tmp_path: Path) -> None:
    """The starter's package.json pins the Decap its node_modules would hold (the project's, here)."""
    errors: list[str] = []
    project = init_site(tmp_path / "new-site")
    with rhannu_edit(project, NEW_SITE_EPOCH) as running, signed_in(browser, running.base, errors) as tab:
        tab.get_by_role("link", name=label(DEFAULT.code, "case_studies")).click()
        tab.get_by_role("link", name="Example case study", exact=True).click()
        expect(field(tab, "title", 0)).to_have_value("Example case study")
        expect(field(tab, "title", 1)).to_have_value("Astudiaeth achos enghreifftiol")
