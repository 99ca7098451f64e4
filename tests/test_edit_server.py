"""`rhannu edit`: Decap's local-backend protocol over HTTP against a real server on a copy of the
sample site, the site's rules on every save, and the preview beside it."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from rhannu.edit_server import READY, Refused, safe_path, start, to_disk, to_editor, without_editor_fields
from rhannu.editor_config import MARK_CURRENT_FIELD, TRANSLATION_STATE_FIELD, decap_config
from rhannu.languages import DEFAULT
from rhannu.translations import fingerprint_of
from tests.support.sites import copy_fixture

FOLDERS = ("docs", "case_studies", "lessons", "newsletters")
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
OPTIONS = {"commitMessage": "Update", "useWorkflow": False, "status": ""}
STATE, MARK = TRANSLATION_STATE_FIELD, MARK_CURRENT_FIELD


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_fixture(tmp_path_factory.mktemp("edit") / "project")


@pytest.fixture(scope="module")
def server(project: Path) -> Iterator[Any]:
    running = start(project, "127.0.0.1", 0)
    assert running is not None, "the sample site did not build"
    yield running
    running.close()


def call(server: Any, action: str, headers: dict[str, str] | None = None, **params: Any) -> tuple[int, Any]:
    """POST one action as Decap's proxy backend sends it; the status and the JSON answer."""
    body = json.dumps({"branch": "main", "action": action, "params": {"branch": "main", **params}}).encode("utf-8")
    request = urllib.request.Request(
        server.url + "admin/api/v1", data=body, headers={"Content-Type": "application/json; charset=utf-8", **(headers or {})}
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def get(server: Any, path: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(server.url + path, timeout=10) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read()


def persist(server: Any, files: dict[str, str], assets: list[dict[str, str]] | None = None) -> tuple[int, Any]:
    data_files = [{"slug": Path(path).name.split(".")[0], "path": path, "raw": raw} for path, raw in files.items()]
    return call(server, "persistEntry", dataFiles=data_files, assets=assets or [], options=OPTIONS)


def english_text(
    title: str, psb: str = "sample-north", body: str = "A new case study, saved through the editor.", lessons: str = ""
) -> str:
    return (
        f"---\ntitle: {title}\nsummary: What the new case study is about.\npublished: 2022-04-01\nwhen: 2022-04\n"
        f"psb: {psb}\nthemes: [well-being-assessments]\napproaches: [engagement-activity]\nlessons: [{lessons}]\n---\n\n{body}\n"
    )


def welsh_text(title: str, summary: str | None = "Am beth mae'r astudiaeth achos newydd.", extra: str = "") -> str:
    summary_line = "" if summary is None else f"summary: {summary}\n"
    return f"---\ntitle: {title}\n{summary_line}{extra}---\n\nAstudiaeth achos newydd, wedi'i chadw drwy'r golygydd.\n"


def tree(project: Path) -> dict[str, bytes]:
    return {path.relative_to(project).as_posix(): path.read_bytes() for path in sorted(project.rglob("*")) if path.is_file()}


def en(name: str) -> str:
    return f"{name}.{DEFAULT.code}.md"


# Plain functions: names and paths.


def test_decap_names_the_default_language_with_its_suffix_and_the_site_without() -> None:
    assert to_disk(f"case_studies/{en('x')}") == "case_studies/x.md"
    assert to_editor("case_studies/x.md") == f"case_studies/{en('x')}"
    assert to_editor("case_studies/x.cy.md") == to_disk("case_studies/x.cy.md") == "case_studies/x.cy.md"
    assert to_editor("case_studies/photo.png") == "case_studies/photo.png"
    assert to_disk(to_editor("lessons/a.b.md")) == "lessons/a.b.md"


@pytest.mark.parametrize(
    "path",
    ["../mkdocs.yml", "case_studies/../../etc/passwd", "/etc/passwd", "data/schema.yml", "mkdocs.yml", "case_studies/.x.md",
     "case_studies\\x.md", "C:/x.md", "", None, 3],
)  # fmt: skip
def test_paths_outside_the_content_folders_are_refused(tmp_path: Path, path: object) -> None:
    (tmp_path / "case_studies").mkdir()
    with pytest.raises(Refused, match="expected a path inside docs/, case_studies/"):
        safe_path(tmp_path, path, FOLDERS)


def test_a_link_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "case_studies").mkdir()
    (tmp_path / "outside.md").write_text("secret", encoding="utf-8")
    (tmp_path / "case_studies/link.md").symlink_to(tmp_path / "outside.md")
    (tmp_path / "lessons").symlink_to(tmp_path / "..", target_is_directory=True)
    for path in ("case_studies/link.md", "lessons/x.md"):
        with pytest.raises(Refused, match=r"leads outside .* through a link"):
            safe_path(tmp_path, path, FOLDERS)
    assert safe_path(tmp_path, f"case_studies/{en('new')}", FOLDERS) == "case_studies/new.md"


def test_the_editor_fields_are_taken_out_and_mark_current_read() -> None:
    text = f"---\ntitle: T\n{STATE}: stale\n{MARK}: true\nsummary: S\n---\n\n{STATE}: body text stays\n"
    assert without_editor_fields(text) == (f"---\ntitle: T\nsummary: S\n---\n\n{STATE}: body text stays\n", True)
    assert without_editor_fields(f"---\ntitle: T\n{MARK}: false\n---\nBody\n") == ("---\ntitle: T\n---\nBody\n", False)
    assert without_editor_fields("no front matter") == ("no front matter", False)


def test_what_decap_writes_in_a_translation_is_kept_as_the_site_keeps_it(project: Path) -> None:
    """Decap writes the shared facts into the Welsh file too, empty (`themes: []`), and a field
    emptied as '' or null; the site keeps them out, or the loader would refuse the pair."""
    collection = next(c for c in decap_config(project, "")["collections"] if c["folder"] == "case_studies")
    sent = (
        "---\ntitle: Teitl\nsummary: Crynodeb\npsb: ''\nthemes: []\napproaches: []\nlessons: []\n"
        f"slug: null\n{STATE}: current\n{MARK}: true\n---\n\nTestun.\n"
    )
    assert without_editor_fields(sent, "cy", collection) == ("---\ntitle: Teitl\nsummary: Crynodeb\n---\n\nTestun.\n", True)
    english = "---\ntitle: Title\nsummary: ''\nthemes: []\n---\nText\n"
    assert without_editor_fields(english, DEFAULT.code, collection) == ("---\ntitle: Title\nthemes: []\n---\nText\n", False)


# The protocol over HTTP.


def test_info_answers_as_decap_server(server: Any, project: Path) -> None:
    assert call(server, "info") == (200, {"repo": project.name, "publish_modes": ["simple"], "type": "local_fs"})
    assert call(server, "getDeployPreview", collection="case_studies", slug="x") == (200, None)
    assert call(server, "unpublishedEntries") == (422, {"error": "Unknown action unpublishedEntries"})


def test_a_folder_lists_the_default_language_as_decap_names_it(server: Any, project: Path) -> None:
    status, entries = call(server, "entriesByFolder", folder="case_studies", extension="md", depth=1)
    assert status == 200
    paths = [entry["file"]["path"] for entry in entries]
    assert f"case_studies/{en('sample-hackathon')}" in paths and "case_studies/sample-hackathon.cy.md" in paths
    assert "case_studies/sample-hackathon.md" not in paths and "case_studies/sample-square.png" not in paths
    english = next(entry for entry in entries if entry["file"]["path"] == f"case_studies/{en('sample-hackathon')}")
    data = (project / "case_studies/sample-hackathon.md").read_bytes()
    assert english["data"] == data.decode("utf-8") and english["file"]["id"] == hashlib.sha256(data).hexdigest()
    welsh = next(entry for entry in entries if entry["file"]["path"] == "case_studies/sample-hackathon.cy.md")
    assert f"\n{STATE}: current\n---" in welsh["data"]
    assert STATE not in english["data"]


def test_get_entry_and_entries_by_files_read_the_sites_files(server: Any, project: Path) -> None:
    status, entry = call(server, "getEntry", path=f"lessons/{en('sample-time')}")
    assert status == 200 and entry["data"] == (project / "lessons/sample-time.md").read_text(encoding="utf-8")
    assert entry["file"]["path"] == f"lessons/{en('sample-time')}"
    status, entries = call(
        server, "entriesByFiles", files=[{"path": "lessons/sample-time.cy.md", "label": "cy"}, {"path": "lessons/none.cy.md"}]
    )
    assert status == 200 and entries[0]["file"]["label"] == "cy" and entries[0]["data"].startswith("---\n")
    assert entries[1] == {"data": None, "file": {"path": "lessons/none.cy.md", "id": None}}


def test_a_new_entry_in_both_languages_is_written_as_the_sites_files(server: Any, project: Path) -> None:
    english, welsh = english_text("Saved from the editor"), welsh_text("Wedi'i chadw o'r golygydd", extra=f"{STATE}: current\n")
    status, answer = persist(server, {f"case_studies/{en('from-editor')}": english, "case_studies/from-editor.cy.md": welsh})
    assert (status, answer) == (200, {"message": "entry persisted"})
    assert (project / "case_studies/from-editor.md").read_text(encoding="utf-8") == english
    assert (project / "case_studies/from-editor.cy.md").read_text(encoding="utf-8") == welsh.replace(f"{STATE}: current\n", "")
    assert not (project / f"case_studies/{en('from-editor')}").exists()
    done = subprocess.run(
        [sys.executable, "-m", "rhannu.cli", "--root", str(project), "check"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert call(server, "getEntry", path=f"case_studies/{en('from-editor')}")[1]["data"] == english


def test_a_save_shows_in_the_preview_within_a_second(server: Any, project: Path) -> None:
    path = project / "case_studies/sample-online-events.md"
    edited = re.sub(r"^title: .*$", "title: Shown at once", path.read_text(encoding="utf-8"), count=1, flags=re.M)
    assert persist(server, {f"case_studies/{en('sample-online-events')}": edited})[0] == 200
    saved = time.monotonic()
    while b"Shown at once" not in get(server, "case-studies/sample-online-events/")[2]:
        assert time.monotonic() - saved < 1.0, "the preview did not show the save within a second"
        time.sleep(0.05)


@pytest.mark.parametrize(
    ("files", "message"),
    [
        (
            {en("refused-psb"): english_text("Unknown PSB", psb="nowhere"), "refused-psb.cy.md": welsh_text("BGC anhysbys")},
            "case_studies/refused-psb.md: field 'psb': expected one of sample-north, sample-south, sample-west, programme; got 'nowhere'",
        ),
        (
            {en("refused-summary"): english_text("No Welsh summary"), "refused-summary.cy.md": welsh_text("Dim crynodeb", None)},
            "case_studies/refused-summary.cy.md: field 'summary'",
        ),
        (
            {en("refused-twin"): english_text("English only")},
            "case_studies/refused-twin.md: has no Welsh twin; add case_studies/refused-twin.cy.md",
        ),
        (
            {en("sample-hackathon"): english_text("Script", body="<script>alert(1)</script>"), "sample-hackathon.cy.md": welsh_text("Sgript")},
            "case_studies/sample-hackathon.md: line 12: the element <script> is not allowed",
        ),
    ],
    ids=["unknown-psb", "missing-welsh-summary", "missing-twin", "script"],
)  # fmt: skip
def test_a_save_the_build_would_refuse_is_refused_with_its_message_and_writes_nothing(
    server: Any, project: Path, files: dict[str, str], message: str
) -> None:
    before = tree(project)
    status, answer = persist(server, {f"case_studies/{path}": raw for path, raw in files.items()})
    assert status == 422
    assert answer["error"].startswith("The site would not build with this change, so nothing was saved:\n")
    assert message in answer["error"]
    assert tree(project) == before


@pytest.mark.parametrize(
    "path", ["../mkdocs.yml", "case_studies/../../outside.md", "/tmp/x.md", "data/schema.yml", "case_studies/.hidden.md"]
)
def test_reads_and_writes_outside_the_content_folders_are_refused(server: Any, project: Path, path: str) -> None:
    before = tree(project)
    assert call(server, "getEntry", path=path)[0] == 422
    status, answer = persist(server, {path: english_text("Escape")})
    assert status == 422 and "expected a path inside docs/" in answer["error"]
    assert call(server, "deleteFile", path=path, options={"commitMessage": "x"})[0] == 422
    assert tree(project) == before


@pytest.mark.parametrize("path", ["newsletters/page.html", "docs/script.js", "case_studies/notes.txt"])
def test_an_entry_is_saved_only_as_markdown(server: Any, project: Path, path: str) -> None:
    status, answer = persist(server, {path: "<script>alert(1)</script>"})
    assert (status, answer) == (422, {"error": f"{path}: an entry is saved as Markdown, in a file whose name ends in .md"})
    assert not (project / path).exists()


def test_a_link_in_a_content_folder_to_a_file_outside_is_neither_read_nor_written(
    server: Any, project: Path, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.md"
    secret.write_text("---\ntitle: secret\n---\n", encoding="utf-8")
    (project / "lessons/linked.md").symlink_to(secret)
    try:
        status, answer = call(server, "getEntry", path=f"lessons/{en('linked')}")
        assert status == 422 and "through a link" in answer["error"]
        assert persist(server, {f"lessons/{en('linked')}": "changed"})[0] == 422
        assert secret.read_text(encoding="utf-8") == "---\ntitle: secret\n---\n"
    finally:
        (project / "lessons/linked.md").unlink()


def test_images_of_the_allowlist_go_beside_the_items_and_nothing_else(server: Any, project: Path) -> None:
    def media(path: str, data: bytes) -> tuple[int, Any]:
        asset = {"path": path, "content": base64.b64encode(data).decode("ascii"), "encoding": "base64"}
        return call(server, "persistMedia", asset=asset, options={"commitMessage": "Upload"})

    status, answer = media("case_studies/editor-photo.png", PNG)
    assert status == 200 and answer["name"] == "editor-photo.png" and base64.b64decode(answer["content"]) == PNG
    assert (project / "case_studies/editor-photo.png").read_bytes() == PNG
    status, listed = call(server, "getMedia", mediaFolder="case_studies")
    assert status == 200 and {"case_studies/editor-photo.png", "case_studies/sample-square.png"} <= {f["path"] for f in listed}
    assert all(file["path"].endswith((".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif")) for file in listed)
    assert call(server, "getMediaFile", path="case_studies/editor-photo.png")[1]["content"] == answer["content"]

    before = tree(project)
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>'
    for path, data, message in [
        ("case_studies/drawing.svg", svg, "only images (.png, .jpg, .jpeg, .gif, .webp, .avif) can be added here"),
        ("case_studies/page.html", b"<script>alert(1)</script>", "only images"),
        ("case_studies/fake.png", b"<script>alert(1)</script>", "case_studies/fake.png: is not a PNG image"),
        ("newsletters/photo.png", PNG, "an image goes directly beside the item that shows it, in case_studies/, lessons/"),
        ("case_studies/sub/photo.png", PNG, "an image goes directly beside the item"),
        ("docs/photo.png", PNG, "an image goes directly beside the item"),
    ]:
        status, answer = media(path, data)
        assert status == 422 and message in answer["error"], (path, answer)
    assert tree(project) == before
    status, answer = persist(
        server,
        {f"case_studies/{en('sample-hackathon')}": (project / "case_studies/sample-hackathon.md").read_text(encoding="utf-8")},
        assets=[{"path": "case_studies/with-entry.svg", "content": base64.b64encode(svg).decode("ascii"), "encoding": "base64"}],
    )
    assert status == 422 and "not SVG" in answer["error"]
    assert tree(project) == before


def test_the_welsh_shows_stale_after_the_english_changes_and_can_be_marked_current(server: Any, project: Path) -> None:
    name = "sample-case-study-05"
    english_path, welsh_path = f"case_studies/{en(name)}", f"case_studies/{name}.cy.md"
    state = re.compile(rf"^{STATE}: (\w+)$", re.M)
    welsh = call(server, "getEntry", path=welsh_path)[1]["data"]
    assert state.search(welsh).group(1) == "current"

    english = (project / f"case_studies/{name}.md").read_text(encoding="utf-8") + "\nA new paragraph in English.\n"
    assert persist(server, {english_path: english, welsh_path: welsh})[0] == 200  # Decap sends both files
    welsh = call(server, "getEntry", path=welsh_path)[1]["data"]
    assert state.search(welsh).group(1) == "stale"
    assert STATE not in (project / f"case_studies/{name}.cy.md").read_text(encoding="utf-8")

    assert persist(server, {english_path: english, welsh_path: welsh.replace(f"{STATE}: stale", f"{MARK}: true")})[0] == 200
    on_disk = (project / f"case_studies/{name}.cy.md").read_text(encoding="utf-8")
    front = yaml.safe_load(on_disk.split("---\n")[1])
    body = english.split("---\n", 2)[2]
    assert front["translated_from"] == fingerprint_of("Sample case study 05", "Sample summary of case study 05.", body)
    assert MARK not in front and STATE not in front
    assert state.search(call(server, "getEntry", path=welsh_path)[1]["data"]).group(1) == "current"


def test_a_deletion_the_build_would_refuse_is_refused(server: Any, project: Path) -> None:
    before = tree(project)
    status, answer = call(server, "deleteFile", path="case_studies/sample-case-study-06.cy.md", options={"commitMessage": "x"})
    assert status == 422 and "case_studies/sample-case-study-06.md: has no Welsh twin" in answer["error"]
    assert tree(project) == before
    paths = [f"case_studies/{en('sample-case-study-07')}", "case_studies/sample-case-study-07.cy.md"]
    assert call(server, "deleteFiles", paths=paths, options={"commitMessage": "x"})[0] == 200
    assert not (project / "case_studies/sample-case-study-07.md").exists()
    assert not (project / "case_studies/sample-case-study-07.cy.md").exists()


def test_requests_a_page_elsewhere_could_send_are_refused(server: Any) -> None:
    port = urllib.parse.urlsplit(server.url).port
    assert call(server, "info", headers={"Origin": "https://example.com"})[0] == 403
    assert call(server, "info", headers={"Origin": "http://localhost:1"})[0] == 403  # another local server's page
    assert call(server, "info", headers={"Origin": f"http://localhost:{port}"})[0] == 200
    assert call(server, "info", headers={"Origin": server.url.rstrip("/")})[0] == 200
    request = urllib.request.Request(
        server.url + "admin/api/v1", data=b'{"action": "info"}', headers={"Content-Type": "text/plain"}
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 415
    assert get(server, "admin/api/v1")[0] == 405


def test_the_sites_own_catalogue_page_is_served_beside_the_editors_api(server: Any) -> None:
    status, media_type, page = get(server, "api/v1/")
    assert status == 200 and media_type.startswith("text/html") and b"catalogue.json" in page


def test_the_editor_and_its_configuration_are_served_beside_the_preview(server: Any) -> None:
    status, media_type, page = get(server, "admin/")
    assert status == 200 and media_type.startswith("text/html") and b"<!doctype html>" in page.lower()
    status, media_type, config = get(server, "admin/config.yml")
    assert status == 200 and media_type.startswith("text/yaml")
    assert yaml.safe_load(config)["local_backend"]["url"] == server.url + "admin/api/v1"
    assert get(server, "admin/no-such-file.js")[0] == 404
    assert get(server, "admin/../mkdocs.yml")[0] == 404
    assert get(server, "admin")[0] == 200  # redirected to /admin/
    assert b"rhannu-card" in get(server, "case-studies/")[2]


def test_the_command_says_when_it_is_ready_and_stops_cleanly(tmp_path: Path) -> None:
    project = copy_fixture(tmp_path / "project")
    command = [sys.executable, "-m", "rhannu.cli", "--root", str(project), "edit", "--port", "0"]
    server = subprocess.Popen(
        command, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    try:
        ready = READY.split("{url}")[0]
        line = next(line for line in server.stdout if line.startswith(ready))  # type: ignore[union-attr]
        url = re.match(r"Editing at (http://127\.0\.0\.1:\d+/)admin/", line).group(1)
        with urllib.request.urlopen(url + "admin/config.yml", timeout=10) as response:
            assert yaml.safe_load(response.read())["local_backend"]["url"] == url + "admin/api/v1"
    finally:
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=30) == 0


def test_two_saves_at_once_are_checked_one_after_the_other(server: Any, project: Path) -> None:
    """Each alone is accepted; together they would break the site (a case study citing the lesson
    the other deletes): the second is checked against the site the first left."""
    start_line = threading.Barrier(2)
    answers: dict[str, int] = {}

    def cite() -> None:
        files = {f"case_studies/{en('cites-uncited')}": english_text("Cites", lessons="sample-uncited"),
                 "case_studies/cites-uncited.cy.md": welsh_text("Yn dyfynnu")}  # fmt: skip
        start_line.wait()
        answers["cite"] = persist(server, files)[0]

    def delete() -> None:
        start_line.wait()
        paths = [f"lessons/{en('sample-uncited')}", "lessons/sample-uncited.cy.md"]
        answers["delete"] = call(server, "deleteFiles", paths=paths, options={"commitMessage": "x"})[0]

    threads = [threading.Thread(target=cite), threading.Thread(target=delete)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(answers.values()) == [200, 422], answers
    done = subprocess.run(
        [sys.executable, "-m", "rhannu.cli", "--root", str(project), "check"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr


def test_the_editor_serves_on_this_machine_only_and_says_when_the_port_is_taken(server: Any, tmp_path: Path) -> None:
    project = copy_fixture(tmp_path / "project")
    port = str(urllib.parse.urlsplit(server.url).port)
    for host, message in [
        ("0.0.0.0", "--host 0.0.0.0: rhannu edit serves on this machine only (127.0.0.1, localhost or ::1)"),
        ("127.0.0.1", f"Cannot serve on 127.0.0.1 port {port}: Address already in use. Is a preview already running there?"),
    ]:
        done = subprocess.run(
            [sys.executable, "-m", "rhannu.cli", "--root", str(project), "edit", "--host", host, "--port", port],
            capture_output=True, text=True, check=False, timeout=60,
        )  # fmt: skip
        assert (done.returncode, done.stdout) == (1, "") and message in done.stderr and "Traceback" not in done.stderr


def test_a_renamed_entry_moves_both_files(server: Any, project: Path) -> None:
    files = {
        f"case_studies/{en('before-rename')}": english_text("Renamed"),
        "case_studies/before-rename.cy.md": welsh_text("Ailenwyd"),
    }
    assert persist(server, files)[0] == 200
    data_files = [
        {"slug": "after-rename", "path": path, "newPath": path.replace("before-rename", "after-rename"), "raw": raw}
        for path, raw in files.items()
    ]
    assert call(server, "persistEntry", dataFiles=data_files, assets=[], options=OPTIONS)[0] == 200
    assert (
        not (project / "case_studies/before-rename.md").exists() and not (project / "case_studies/before-rename.cy.md").exists()
    )
    assert (project / "case_studies/after-rename.md").read_text(encoding="utf-8") == files[f"case_studies/{en('before-rename')}"]
    assert (project / "case_studies/after-rename.cy.md").is_file()


def test_an_english_text_with_no_translation_yet_shows_it_missing(server: Any, project: Path) -> None:
    (project / "lessons/english-only.md").write_text("---\ntitle: English only\n---\n\nText.\n", encoding="utf-8")
    try:
        status, entries = call(
            server, "entriesByFiles", files=[{"path": f"lessons/{en('english-only')}"}, {"path": f"lessons/{en('sample-time')}"}]
        )
        assert status == 200 and f"\n{STATE}: missing\n---" in entries[0]["data"]
        assert STATE not in entries[1]["data"]
    finally:
        (project / "lessons/english-only.md").unlink()


def test_a_save_is_checked_with_what_else_the_configuration_names(tmp_path: Path) -> None:
    from rhannu.edit_server import refusals

    project = copy_fixture(tmp_path / "project")
    (project / "hooks").mkdir()
    (project / "hooks/noop.py").write_text("def on_config(config):\n    return config\n", encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        (project / "mkdocs.yml").read_text(encoding="utf-8") + "hooks:\n  - hooks/noop.py\n", encoding="utf-8"
    )
    english = (project / "lessons/sample-time.md").read_text(encoding="utf-8") + "\nOne more sentence.\n"
    assert refusals(project, {"lessons/sample-time.md": english.encode("utf-8")}) == []
    assert (project / "lessons/sample-time.md").read_text(encoding="utf-8") != english  # the check changes nothing itself


def test_a_site_that_does_not_build_is_not_served(tmp_path: Path) -> None:
    project = copy_fixture(tmp_path / "project")
    source = project / "case_studies/sample-hackathon.md"
    source.write_text(
        re.sub(r"^psb: .*$", "psb: nowhere", source.read_text(encoding="utf-8"), count=1, flags=re.M), encoding="utf-8"
    )
    done = subprocess.run(
        [sys.executable, "-m", "rhannu.cli", "--root", str(project), "edit", "--port", "0"],
        capture_output=True, text=True, check=False, timeout=120, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
    )  # fmt: skip
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "case_studies/sample-hackathon.md: field 'psb'" in done.stderr
    assert "The site could not be built; fix the errors above and start it again." in done.stderr
    assert not any(line.startswith("Editing at") for line in done.stdout.splitlines())
