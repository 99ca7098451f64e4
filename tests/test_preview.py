"""The editors' preview: its in-place update gives the page a full build gives."""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.config import load_config

from rhannu.content import load_content
from rhannu.preview import (
    FastEdit,
    PageRenderer,
    changed,
    fast_edits,
    rewrite_in_place,
    snapshot,
)
from rhannu.site_info import from_config
from tests.support.sample_site import section
from tests.support.sites import BUILD_DATE_PINNED, build, copy_fixture

ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.DOTALL)
IMAGE = re.compile(r"<img [^>]*>")


def test_changes_between_snapshots(tmp_path: Path) -> None:
    (tmp_path / "case_studies").mkdir()
    (tmp_path / "case_studies/a.md").write_text("one", encoding="utf-8")
    before = snapshot(tmp_path)
    (tmp_path / "case_studies/b.md").write_text("two", encoding="utf-8")
    assert changed(before, snapshot(tmp_path)) == {"case_studies/b.md"}


def test_only_case_studies_and_lessons_take_the_fast_path() -> None:
    edits = fast_edits({"case_studies/a.cy.md", "lessons/b.md"})
    assert sorted(edits, key=lambda edit: edit.folder) == [FastEdit("case_studies", "a"), FastEdit("lessons", "b")]
    assert fast_edits({"case_studies/a.md", "docs/about.md"}) is None
    assert fast_edits({"data/taxonomy.yml"}) is None


def test_in_place_update_matches_a_full_build(tmp_path: Path) -> None:
    project = copy_fixture(tmp_path / "project")
    first = build(project, tmp_path / "before", strict=False)
    assert first.returncode == 0, first.log
    source = project / "case_studies/sample-sharing-practice.md"
    text = source.read_text(encoding="utf-8")
    text = re.sub(r"^title: .*$", "title: Sample case study, edited", text, count=1, flags=re.M)
    source.write_text(text + "\nA new paragraph, with a [link to a lesson](../lessons/sample-time.md).\n", encoding="utf-8")

    config = load_config(str(project / "mkdocs.yml"))
    renderer = PageRenderer(config.markdown_extensions, config.mdx_configs)
    content = load_content(project, BUILD_DATE_PINNED)
    edits = [FastEdit("case_studies", "sample-sharing-practice")]
    rewritten = rewrite_in_place(first.site, content, edits, renderer, from_config(config), project)
    assert sorted(rewritten) == ["case-studies/sample-sharing-practice/", "cy/astudiaethau-achos/sample-sharing-practice/"]
    full = build(project, tmp_path / "after", strict=False)
    for address in ("case-studies/sample-sharing-practice/", "cy/astudiaethau-achos/sample-sharing-practice/"):
        fast_html = (first.site / address / "index.html").read_text(encoding="utf-8")
        full_html = (full.site / address / "index.html").read_text(encoding="utf-8")
        assert ("Sample case study, edited" in fast_html) == (not address.startswith("cy/"))
        assert ('href="../../lessons/sample-time/"' in fast_html) == (not address.startswith("cy/"))  # English only
        # the edit makes the Welsh stale: the fast path shows the notice as the full build does
        assert ("rhannu-notice" in fast_html) == address.startswith("cy/")
        # images aside: the fast path writes their addresses differently (see the test below)
        assert IMAGE.sub("", ARTICLE.search(fast_html).group(1)) == IMAGE.sub("", ARTICLE.search(full_html).group(1)), address
        assert re.search(r"<title>.*?</title>", fast_html).group(0) == re.search(r"<title>.*?</title>", full_html).group(0)


def test_in_place_update_keeps_images_beside_the_case_study(tmp_path: Path) -> None:
    project = copy_fixture(tmp_path / "project")
    first = build(project, tmp_path / "before", strict=False)
    assert first.returncode == 0, first.log
    config = load_config(str(project / "mkdocs.yml"))
    renderer = PageRenderer(config.markdown_extensions, config.mdx_configs)
    content = load_content(project, BUILD_DATE_PINNED)
    pages = [first.site / f"{section(prefix, 'case-studies')}/sample-sharing-practice/index.html" for prefix in ("", "cy/")]

    def images() -> list[list[str]]:
        return [IMAGE.findall(ARTICLE.search(page.read_text(encoding="utf-8")).group(1)) for page in pages]

    built = images()
    rewrite_in_place(first.site, content, [FastEdit("case_studies", "sample-sharing-practice")], renderer, from_config(config), project)
    assert images() == built
    assert [image[0].split(" src=")[1].split('"')[1] for image in built] == [
        "../sample-square.png",
        "../../../case-studies/sample-square.png",
    ]


def test_the_preview_server_shows_an_edit_then_the_full_rebuild(tmp_path: Path) -> None:
    import os
    import socket
    import subprocess
    import sys
    import threading
    import time
    import urllib.request

    project = copy_fixture(tmp_path / "project")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    base = f"http://127.0.0.1:{port}/"

    def page(path: str) -> str:
        try:
            with urllib.request.urlopen(base + path, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            return ""

    def wait_for(path: str, text: str, limit: float = 60) -> None:
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            if text in page(path):
                return
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared at /{path}")

    server = subprocess.Popen(
        [sys.executable, "-m", "rhannu.cli", "--root", str(project), "preview", "--port", str(port)],
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    output: list[str] = []
    reader = threading.Thread(target=lambda: output.extend(server.stdout), daemon=True)
    reader.start()

    def wait_for_output(text: str, limit: float = 30) -> None:
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline and not any(text in line for line in output):
            time.sleep(0.1)
        assert any(text in line for line in output), "".join(output)

    try:
        wait_for("case-studies/", "rhannu-card")
        source = project / "case_studies/sample-sharing-practice.md"
        source.write_text(
            re.sub(r"^title: .*$", "title: Edited in preview", source.read_text(encoding="utf-8"), count=1, flags=re.M),
            encoding="utf-8",
        )
        wait_for("case-studies/sample-sharing-practice/", '<h1 id="edited-in-preview">Edited in preview</h1>')
        wait_for("case-studies/", "Edited in preview")  # the full rebuild behind updates the listings
        source.write_text(source.read_text(encoding="utf-8").replace("psb: programme", "psb: nowhere"), encoding="utf-8")
        wait_for_output(
            "case_studies/sample-sharing-practice.md: field 'psb': expected one of sample-north, sample-south, sample-west, programme; got 'nowhere'"
        )
        wait_for_output("The preview was not updated")
        assert "Edited in preview" in page("case-studies/sample-sharing-practice/"), "the last good page stays up"
    finally:
        server.terminate()
        server.wait(timeout=20)


def _preview(tmp_path: Path):
    """A preview of a copy of the sample site after its first full build, served from a folder."""
    from rhannu.preview import Preview

    project = copy_fixture(tmp_path / "project")
    config = load_config(str(project / "mkdocs.yml"))
    preview = Preview(project, tmp_path / "workspace", PageRenderer(config.markdown_extensions, config.mdx_configs), from_config(config))
    (tmp_path / "workspace").mkdir()
    assert preview.first_build()
    return project, preview


def _after_the_full_rebuild(preview, limit: float = 120) -> None:
    import time

    def building() -> bool:
        with preview._lock:  # the rebuild finishes its work (undo, log) under the lock
            return preview._building

    deadline = time.monotonic() + limit
    while building() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not building(), "the full rebuild did not finish"


def test_the_fast_path_shows_nothing_the_build_would_refuse(tmp_path: Path, caplog) -> None:
    project, preview = _preview(tmp_path)
    served = preview.served / "case-studies/sample-sharing-practice/index.html"
    before = served.read_text(encoding="utf-8")
    source = project / "case_studies/sample-sharing-practice.md"
    # the editor's own comment after the trick ends it (an unclosed one at the end of a page is text)
    trick = "\n<!--><img src=x alt=x onerror=document.title=1>\n\n<!-- -->\n"
    source.write_text(source.read_text(encoding="utf-8") + trick, encoding="utf-8")
    preview()
    assert "case_studies/sample-sharing-practice.md: line" in caplog.text and "the attribute 'onerror' on <img>" in caplog.text
    assert "The preview was not updated" in caplog.text
    assert served.read_text(encoding="utf-8") == before
    _after_the_full_rebuild(preview)
    assert "onerror" not in (preview.served / "case-studies/sample-sharing-practice/index.html").read_text(encoding="utf-8")


def test_a_failed_rebuild_puts_back_what_the_fast_path_showed(tmp_path: Path, caplog) -> None:
    """An alias onto a page's address passes the fast path (which renders the page alone) and stops
    the full build: the page goes back to what the last good build wrote."""
    project, preview = _preview(tmp_path)
    served = preview.served / "case-studies/sample-sharing-practice/index.html"
    before = served.read_text(encoding="utf-8")
    source = project / "case_studies/sample-sharing-practice.md"
    text = re.sub(r"^aliases: .*$", "aliases: [lessons/]", source.read_text(encoding="utf-8"), count=1, flags=re.M)
    text = re.sub(r"^title: .*$", "title: Edited in preview", text, count=1, flags=re.M)
    source.write_text(text, encoding="utf-8")
    preview()
    assert "Edited in preview" in served.read_text(encoding="utf-8")  # shown at once
    _after_the_full_rebuild(preview)
    assert "The full rebuild failed; the preview shows the last good site" in caplog.text
    assert (preview.served / "case-studies/sample-sharing-practice/index.html").read_text(encoding="utf-8") == before
