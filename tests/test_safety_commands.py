"""Safe by construction (issue 19): commands that would destroy, hide or half-write things refuse
or recover, and bad values that reach headers, links, file names or the YAML loader are clear
errors. Each class is tested with members of its own, not only the examples in the issue: every
refusal exits 1 with no traceback, names the file and field, and writes nothing."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rhannu.cli import main
from tests.support.sites import PINNED_EPOCH, build_env, copy_fixture


def tree(folder: Path) -> dict[str, tuple[int, int] | None]:
    """Every path under `folder`, with each file's size and modification time: what 'nothing
    written' compares (a folder's own time changes when a file is added and removed again)."""
    return {
        path.relative_to(folder).as_posix(): None if path.is_dir() else (path.lstat().st_size, path.lstat().st_mtime_ns)
        for path in folder.rglob("*")
    }


def refused(capsys: pytest.CaptureFixture[str], code: int) -> list[str]:
    """The ERROR lines of a command that must have refused: exit 1, no traceback."""
    err = capsys.readouterr().err
    assert code == 1, err
    assert "Traceback" not in err
    errors = [line.removeprefix("ERROR: ") for line in err.splitlines() if line.startswith("ERROR: ")]
    assert errors, err
    return errors


def rhannu(project: Path, *args: str, **popen: object) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "rhannu.cli", "--root", str(project), *args],
        env=build_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True, **popen,
    )


# --- the site folder -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_fixture(tmp_path_factory.mktemp("safety") / "pristine")
    (project / ".git").mkdir()
    (project / ".git/HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    return project


@pytest.fixture
def project(pristine: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(pristine, tmp_path / "project", symlinks=True))


@pytest.mark.parametrize(
    ("site_dir", "why"),
    [
        (".", "holds the project"),
        ("..", "holds the project"),
        ("../..", "holds the project"),
        ("docs", "source folder"),
        ("docs/assets", "source folder"),
        ("case_studies", "source folder"),
        ("lessons/built", "source folder"),
        ("newsletters", "source folder"),
        ("data", "source folder"),
        ("overrides/partials", "source folder"),
        (".git", "hidden folder of the project"),
        (".venv/site", "hidden folder of the project"),
        ("mkdocs.yml", "is a file, not a folder"),
        ("docs/../case_studies/../data", "source folder"),
    ],
)
def test_a_site_folder_that_would_replace_the_project_or_its_sources_is_refused(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, site_dir: str, why: str
) -> None:
    monkeypatch.chdir(project)
    before = tree(project.parent)
    errors = refused(capsys, main(["--root", str(project), "build", "--site-dir", site_dir]))
    assert errors[0].startswith(f"{Path.cwd() / site_dir}: ") and why in errors[0], errors
    assert "the site folder is replaced whole" in errors[0] or why == "is a file, not a folder"
    assert tree(project.parent) == before


def test_a_moved_docs_dir_is_protected_where_it_is(project: Path, capsys, monkeypatch) -> None:
    (project / "docs").rename(project / "pages")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("docs_dir: docs", "docs_dir: pages"), encoding="utf-8")
    assert "docs_dir: pages" in config.read_text(encoding="utf-8")
    before = tree(project)
    errors = refused(capsys, main(["--root", str(project), "build", "--site-dir", str(project / "pages")]))
    assert "source folder" in errors[0] and str(project / "pages") in errors[0]
    assert tree(project) == before


def test_a_site_folder_through_a_link_is_judged_by_where_it_leads(project: Path, capsys, monkeypatch) -> None:
    (project.parent / "www").symlink_to(project / "docs")
    before = tree(project)
    errors = refused(capsys, main(["--root", str(project), "build", "--site-dir", str(project.parent / "www")]))
    assert "source folder" in errors[0]
    assert tree(project) == before


def test_an_owners_folder_that_is_not_a_built_site_is_refused(project: Path, tmp_path: Path, capsys) -> None:
    documents = tmp_path / "Documents"
    documents.mkdir()
    (documents / "minutes.odt").write_text("the board's minutes", encoding="utf-8")
    errors = refused(capsys, main(["--root", str(project), "build", "--site-dir", str(documents)]))
    assert errors == [f"{documents}: holds files but no index.html, so it is not a site a build wrote: choose a new or empty folder"]
    assert (documents / "minutes.odt").read_text(encoding="utf-8") == "the board's minutes"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["Documents", "project"]  # no lock, no temporary folder


@pytest.mark.parametrize("folder", ["rhannu", "scripts", "node_modules/pkg", "site-backup"])
def test_a_folder_of_the_project_that_is_not_a_built_site_is_refused(project: Path, capsys, folder: str) -> None:
    """Folders the rule does not name (the package, scripts) are kept by the same test: files, no index.html."""
    (project / folder).mkdir(parents=True)
    (project / folder / "__init__.py").write_text("# code, not a site\n", encoding="utf-8")
    before = tree(project)
    errors = refused(capsys, main(["--root", str(project), "build", "--site-dir", str(project / folder)]))
    assert errors == [f"{project / folder}: holds files but no index.html, so it is not a site a build wrote: choose a new or empty folder"]
    assert tree(project) == before


def test_the_default_site_folder_builds_readable_and_leaves_the_owners_folders(project: Path) -> None:
    """site/ inside the project is the normal case; the built site gets the permissions any new
    folder gets (not mkdtemp's 0700, which a web server running as another user cannot read);
    only the temporary folders a build marked are deleted as stale."""
    backup, lookalike, stale = project / ".site.backup-2024", project / ".site.new-mine", project / ".site.new-killed"
    for folder in (backup, lookalike, stale):
        folder.mkdir()
        (folder / "index.html").write_text("kept?", encoding="utf-8")
    (stale / ".rhannu-temporary").write_text("", encoding="utf-8")
    umask = os.umask(0o022)
    os.umask(umask)
    done = rhannu(project, "build", cwd=project)
    _out, err = done.communicate(timeout=180)
    assert done.returncode == 0, err
    site = project / "site"
    assert (site / "index.html").is_file()
    for folder in (site, site / "cy", site / "assets"):
        assert folder.stat().st_mode & 0o777 == 0o777 & ~umask, oct(folder.stat().st_mode)
    assert not stale.exists()
    assert (backup / "index.html").read_text(encoding="utf-8") == "kept?"
    assert (lookalike / "index.html").read_text(encoding="utf-8") == "kept?"
    assert sorted(path.name for path in project.glob(".site*")) == [".site.backup-2024", ".site.lock", ".site.new-mine"]


def _unshare_works() -> bool:
    if shutil.which("unshare") is None or os.geteuid() != 0:
        return False
    probe = subprocess.run(["unshare", "-m", "sh", "-c", "mount -t tmpfs none /mnt"], capture_output=True, check=False)
    return probe.returncode == 0


MOUNTED_BUILD = """
set -e
mount -t tmpfs rhannu-test "$SITE"
printf 'old' > "$SITE/index.html"; printf 'gone' > "$SITE/only-in-the-old-site.html"; mkdir "$SITE/old-folder"
"$PYTHON" -m rhannu.cli --root "$PROJECT" build --site-dir "$SITE"
echo "mount point: $(mountpoint -q "$SITE" && echo yes)"
ls -A "$SITE"
"""


@pytest.mark.skipif(not _unshare_works(), reason="needs root and unshare -m to mount a tmpfs in a private namespace")
def test_a_site_folder_that_is_a_mount_point_has_its_contents_replaced(project: Path, tmp_path: Path) -> None:
    """A container volume cannot be renamed (EBUSY): a real tmpfs is mounted on the site folder,
    in a mount namespace of the test's own, and the build replaces what it holds instead."""
    site = tmp_path / "volume"
    site.mkdir()
    env = dict(build_env(), SITE=str(site), PYTHON=sys.executable, PROJECT=str(project))
    done = subprocess.run(["unshare", "-m", "sh", "-c", MOUNTED_BUILD], env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    listing = done.stdout.splitlines()
    assert listing[0] == "mount point: yes"
    names = set(listing[1:])
    assert {"index.html", "cy", "assets", "sitemap.xml", "404.html"} <= names
    assert not names & {"only-in-the-old-site.html", "old-folder"}
    assert not [name for name in names if name.startswith(".")]  # no staging folder left inside
    assert sorted(path.name for path in tmp_path.iterdir()) == [".volume.lock", "project", "volume"]


READ_ONLY_BUILD = """
mount -t tmpfs rhannu-test "$SITE" && printf 'old' > "$SITE/index.html" && mount -o remount,ro "$SITE" || exit 9
"$PYTHON" -m rhannu.cli --root "$PROJECT" build --site-dir "$SITE"
echo "exit $?"
ls -A "$SITE"
cat "$SITE/index.html"
"""


@pytest.mark.skipif(not _unshare_works(), reason="needs root and unshare -m to mount a tmpfs in a private namespace")
def test_a_read_only_volume_is_a_clear_error_and_keeps_its_site(project: Path, tmp_path: Path) -> None:
    site = tmp_path / "volume"
    site.mkdir()
    env = dict(build_env(), SITE=str(site), PYTHON=sys.executable, PROJECT=str(project))
    done = subprocess.run(["unshare", "-m", "sh", "-c", READ_ONLY_BUILD], env=env, capture_output=True, text=True, check=False)
    assert "Traceback" not in done.stderr
    assert f"ERROR: {site}: cannot be replaced (Read-only file system): choose a folder you may write to" in done.stderr
    assert done.stdout.splitlines() == ["exit 1", "index.html", "old"]
    assert sorted(path.name for path in tmp_path.iterdir()) == [".volume.lock", "project", "volume"]


def test_replacing_contents_in_place_leaves_whole_files_and_no_staging(tmp_path: Path) -> None:
    """The fallback on its own: every new entry in place, every old one gone, and the hidden
    folders it stages in removed."""
    from rhannu.publish import replace_contents

    fresh, site = tmp_path / "fresh", tmp_path / "site"
    for folder, files in ((fresh, {"index.html": "new", "cy/index.html": "newydd"}), (site, {"index.html": "old", "old.css": "x"})):
        for name, text in files.items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(text, encoding="utf-8")
    replace_contents(fresh, site)
    assert {path: (site / path).read_text(encoding="utf-8") for path in ("index.html", "cy/index.html")} == {
        "index.html": "new", "cy/index.html": "newydd"
    }
    assert sorted(os.listdir(site)) == ["cy", "index.html"]


# --- Ctrl-C ----------------------------------------------------------------------------------


def _interrupt(process: subprocess.Popen, ready) -> tuple[str, str]:
    deadline = time.monotonic() + 90
    while not ready():
        assert process.poll() is None and time.monotonic() < deadline, "the command ended before it was interrupted"
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGINT)  # as Ctrl-C does: to the terminal's whole process group
    return process.communicate(timeout=60)


def test_ctrl_c_during_a_build_leaves_the_old_site_and_says_so_in_one_line(project: Path, tmp_path: Path) -> None:
    site = tmp_path / "www/site"
    first = rhannu(project, "build", "--site-dir", str(site))
    assert first.wait(timeout=180) == 0
    before = tree(site)
    running = rhannu(project, "build", "--site-dir", str(site))
    _out, err = _interrupt(running, lambda: any(site.parent.glob(".site.new-*/site/*/index.html")))
    assert running.returncode == 130, err
    assert "Traceback" not in err and err.endswith("\nrhannu: interrupted; nothing was left half-written\n")  # after the build's log
    assert tree(site) == before
    assert sorted(path.name for path in site.parent.iterdir()) == [".site.lock", "site"]


def test_ctrl_c_while_sending_says_so_in_one_line(project: Path) -> None:
    with socket.socket() as silent:  # accepts the connection and never greets: the send waits
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        port = str(silent.getsockname()[1])
        running = rhannu(
            project, "newsletter", "send", "2022-03-14", "--to", "editor@example.org", "--server", "127.0.0.1",
            "--port", port, "--no-starttls",
        )
        started = time.monotonic()
        out, err = _interrupt(running, lambda: time.monotonic() - started > 4)
    assert (running.returncode, out, err) == (130, "", "rhannu: interrupted; nothing was left half-written\n")


# --- YAML that parses but must not be read: aliases (billion laughs) and complex keys ----------


def check_after(project: Path, path: str, old: str, new: str, capsys, monkeypatch) -> list[str]:
    """`rhannu check` after one edit: the errors it printed, having refused and written nothing."""
    source = project / path
    text = source.read_text(encoding="utf-8")
    assert old in text, f"the sample site changed: {old!r} is not in {path}"
    source.write_text(text.replace(old, new, 1), encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", PINNED_EPOCH)
    before = tree(project)
    errors = refused(capsys, main(["--root", str(project), "check"]))
    assert tree(project) == before
    return errors


LAUGHS = "".join(f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 9)}]\n" for n in range(1, 10))
BOMB = 'l0: &l0 "lol"\n' + LAUGHS  # 9**9 strings when expanded
YAML_FILES = [  # each kind of file read with the project's YAML loader, and a line to add after
    ("case_studies/sample-hackathon.md", "psb: sample-south\n"),
    ("lessons/sample-time.md", "group: time\n"),
    ("newsletters/sample-event.md", "kind: event\n"),
    ("docs/about.md", "---\n"),
    ("data/newsletter.yml", "days: 14\n"),
    ("data/taxonomy.yml", "(its facet page opens with the default sentence).\n"),
]


def line_after(project: Path, path: str, anchor: str) -> int:
    text = (project / path).read_text(encoding="utf-8")
    return text[: text.index(anchor) + len(anchor)].count("\n") + 1


@pytest.mark.parametrize(("path", "anchor"), YAML_FILES)
@pytest.mark.parametrize(
    ("yaml_text", "offset"),
    [
        (BOMB, 0),  # the billion laughs
        ("summary_a: &s 'A summary'\nsummary_b: *s\n", 0),
        ("base: &base {psb: sample-north}\nmerged:\n  <<: *base\n", 0),
        ("colours: [&c red, *c]\n", 0),
        ("? *undefined_but_an_alias\n: x\n", 0),
    ],
    ids=["billion-laughs", "alias", "merge-key", "flow-anchor", "alias-as-key"],
)
def test_yaml_anchors_and_aliases_are_refused_naming_the_line(
    project: Path, capsys, monkeypatch, path: str, anchor: str, yaml_text: str, offset: int
) -> None:
    line = line_after(project, path, anchor) + offset
    errors = check_after(project, path, anchor, anchor + yaml_text, capsys, monkeypatch)
    assert len("\n".join(errors)) < 2000  # not the 8 MB of an expanded list
    assert (
        f"{path}: line {line}: YAML anchors and aliases (&name, *name) are not accepted: write each "
        "value out in full (text that begins with & or * goes in quotes)"
    ) in errors, errors


@pytest.mark.parametrize(("path", "anchor"), YAML_FILES)
@pytest.mark.parametrize("key", ["? [a, b]\n: c\n", "? {psb: x}\n: c\n", "[a, b]: c\n", "? - a\n  - b\n: c\n"])
def test_a_key_that_is_a_list_or_mapping_is_a_clear_error(project: Path, capsys, monkeypatch, path, anchor, key) -> None:
    line = line_after(project, path, anchor)
    errors = check_after(project, path, anchor, anchor + key, capsys, monkeypatch)
    message = "a key that is a list or a mapping ('? [a, b]'): write 'field: value' with a plain name"
    assert f"{path}: line {line}: {message}" in errors, errors


# --- rhannu translations mark: only into front matter that opens and closes ---------------------

MARK_WELSH = "case_studies/sample-hackathon.cy.md"


@pytest.mark.parametrize(
    ("broken", "expected"),
    [
        (lambda text: text.replace("\n---\n", "\n", 1), f"{MARK_WELSH}: line 1: front matter is not closed"),
        (lambda text: "Intro.\n\n" + text, f"{MARK_WELSH}: line 1: expected front matter"),  # a '---' rule below
        (lambda text: text.split("---\n", 2)[2] + "\n---\n\nA closing rule.\n", f"{MARK_WELSH}: line 1: expected front matter"),
        (lambda text: "---\n", f"{MARK_WELSH}: line 1: front matter is not closed"),
        (lambda text: "", f"{MARK_WELSH}: line 1: expected front matter"),
        (lambda text: text.replace("---\ntitle:", "---\ntitle: [unclosed\nx:", 1), f"{MARK_WELSH}: line "),
    ],
    ids=["unclosed", "text-before", "rule-only-in-body", "fence-only", "empty", "bad-yaml"],
)
def test_mark_refuses_a_welsh_file_without_readable_front_matter(project: Path, capsys, broken, expected) -> None:
    welsh = project / MARK_WELSH
    welsh.write_text(broken(welsh.read_text(encoding="utf-8")), encoding="utf-8")
    before = tree(project)
    errors = refused(capsys, main(["--root", str(project), "translations", "mark", MARK_WELSH]))
    assert errors[0].startswith(expected), errors
    assert tree(project) == before


@pytest.mark.parametrize("which", [MARK_WELSH, "case_studies/sample-hackathon.md"])
@pytest.mark.parametrize("encoding", ["latin-1", "utf-16", "cp1252"])
def test_mark_names_a_file_that_is_not_utf8(project: Path, capsys, which: str, encoding: str) -> None:
    path = project / which
    path.write_bytes(path.read_text(encoding="utf-8").replace("Sample", "Sampl\u00e9", 1).encode(encoding))
    before = tree(project)
    errors = refused(capsys, main(["--root", str(project), "translations", "mark", MARK_WELSH]))
    assert errors[0].startswith(f"{which}: line ") and "is not UTF-8 text" in errors[0], errors
    assert tree(project) == before


@pytest.mark.parametrize("page", ["../outside.md", "/etc/passwd.md", "case_studies/../../outside.md", "README.md", "data/x.md"])
def test_mark_only_writes_sources_in_the_project(project: Path, capsys, page: str) -> None:
    (project.parent / "outside.md").write_text("---\ntitle: x\n---\n\nx\n", encoding="utf-8")
    (project.parent / "outside.cy.md").write_text("---\ntitle: x\n---\n\nx\n", encoding="utf-8")
    before = tree(project.parent)
    code = main(["--root", str(project), "translations", "mark", page])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    assert err.startswith(f"{page}: expected a Markdown source in docs/, newsletters/, case_studies/"), err
    assert tree(project.parent) == before


def test_mark_keeps_crlf_line_endings(project: Path, capsys) -> None:
    welsh = project / MARK_WELSH
    lines = welsh.read_text(encoding="utf-8").splitlines()
    welsh.write_bytes("\r\n".join(line for line in lines if not line.startswith("translated_from:")).encode() + b"\r\n")
    assert main(["--root", str(project), "translations", "mark", MARK_WELSH]) == 0
    data = welsh.read_bytes()
    assert b"translated_from: " in data and data.count(b"\n") == data.count(b"\r\n")
    head, _, body = data.partition(b"\r\n---\r\n")
    assert b"translated_from" in head and b"translated_from" not in body


# --- SOURCE_DATE_EPOCH ------------------------------------------------------------------------

JUNK_EPOCHS = ["-1", "", "abc", "1e9", "1700000000.5", " 1700000000", "1_700_000_000", "4294967296", "9" * 5000, "\u0661\u0667"]
DATED_COMMANDS = [
    ("check",),
    ("new", "case-study", "A dated thing"),
    ("new", "event", "A dated event"),
    ("newsletter", "email", "2022-03-14"),
    ("newsletter", "preview", "2022-03-01"),
]


@pytest.mark.parametrize("command", DATED_COMMANDS, ids=lambda command: " ".join(command[:2]))
@pytest.mark.parametrize("epoch", JUNK_EPOCHS, ids=lambda epoch: repr(epoch[:12]))
def test_a_junk_source_date_epoch_is_a_clear_error_from_every_dated_command(
    project: Path, capsys, monkeypatch, command: tuple[str, ...], epoch: str
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    before = tree(project)
    code = main(["--root", str(project), *command])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    assert "SOURCE_DATE_EPOCH: expected whole seconds since 1970-01-01 UTC, digits only, from 0 to 4294967295" in err, err
    assert len(err) < 1000
    assert tree(project) == before


@pytest.mark.parametrize("epoch", ["-1", ""])
def test_a_junk_source_date_epoch_stops_a_build_before_it_writes(project: Path, tmp_path: Path, epoch: str) -> None:
    site = tmp_path / "www/site"
    done = subprocess.run(
        [sys.executable, "-m", "rhannu.cli", "--root", str(project), "build", "--site-dir", str(site)],
        env=dict(build_env(), SOURCE_DATE_EPOCH=epoch), capture_output=True, text=True, check=False,
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "SOURCE_DATE_EPOCH: expected whole seconds" in done.stderr
    assert sorted(path.name for path in site.parent.iterdir()) == [".site.lock"]


@pytest.mark.parametrize(("epoch", "day"), [("0", "1970-01-01"), ("4294967295", "2106-02-07"), ("1700000000", "2023-11-14")])
def test_the_ends_of_source_date_epoch_are_accepted(epoch: str, day: str) -> None:
    from rhannu.dates import build_date

    assert build_date({"SOURCE_DATE_EPOCH": epoch}).isoformat() == day


# --- values that become an email header or a link: one line, no spaces, nothing that ends them ---

HOSTILE_LINK_TAILS = [
    "\r\nBcc: everyone@example.net",
    "\nX-Injected: 1",
    "\r",
    '"><script>alert(1)</script>',
    "\u2028next-line",
    "\u0085next-line",
    "\x00",
    "\x1b[31m",
    "\u200b",
    "\t",
    " with spaces",
]
LINK_FIELDS = [  # (file, text to replace, the field, how it is written with a hostile tail)
    ("data/newsletter.yml", "  list_unsubscribe:\n", "email.list_unsubscribe", "  list_unsubscribe: {}\n", "https://lists.example.org/u"),
    ("data/newsletter.yml", "  list_unsubscribe:\n", "email.list_unsubscribe", "  list_unsubscribe: {}\n", "mailto:leave@lists.example.org"),
    ("data/newsletter.yml", "  signup_url: https://lists.example.org/sample/subscribe\n", "email.signup_url", "  signup_url: {}\n", "https://lists.example.org/s"),
    ("mkdocs.yml", "    email: sample@example.org\n", "extra.contact.email", "    email: {}\n", "sample@example.org"),
    ("mkdocs.yml", "      en: https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/\n", "extra.licence.url.en", "      en: {}\n", "https://www.nationalarchives.gov.uk/x"),
    ("newsletters/sample-event.md", "online_link: https://events.example.org/sample-learning-event\n", "online_link", "online_link: {}\n", "https://events.example.org/x"),
    ("data/networks.yml", "    url: https://network.example.org/feed.xml\n", "feeds[0].url", "    url: {}\n", "https://network.example.org/feed.xml"),
]


@pytest.mark.parametrize("tail", HOSTILE_LINK_TAILS, ids=lambda tail: repr(tail[:8]))
@pytest.mark.parametrize(("path", "old", "field", "written", "good"), LINK_FIELDS, ids=lambda value: str(value)[:24])
def test_a_link_or_header_value_with_a_line_break_or_markup_is_refused_where_it_is_read(
    project: Path, capsys, monkeypatch, path, old, field, written, good, tail
) -> None:
    import json

    errors = check_after(project, path, old, written.format(json.dumps(good + tail)), capsys, monkeypatch)
    named = [error for error in errors if error.startswith(f"{path}: field '{field}': expected")]
    assert named, errors
    assert "\r" not in named[0] and "\n" not in named[0]  # the value is shown escaped, on the one line


@pytest.mark.parametrize(
    "email",
    ["sample@example.org, everyone@example.net", "Sample <sample@example.org>", "sample@example.org;x@example.net", "no-at-sign",
     "@example.org", "sample@", "sample@localhost", "sample@@example.org", "sam ple@example.org", "sample@example.org."],
)
def test_a_contact_address_that_is_not_one_plain_address_is_refused(project: Path, capsys, monkeypatch, email: str) -> None:
    import json

    errors = check_after(project, "mkdocs.yml", "    email: sample@example.org\n", f"    email: {json.dumps(email)}\n", capsys, monkeypatch)
    assert errors == [f"mkdocs.yml: field 'extra.contact.email': expected one email address, such as hello@example.org, on one line; got {email!r}"]


def test_a_network_cache_link_with_a_line_break_is_refused(project: Path, capsys, monkeypatch) -> None:
    old = '"link": "https://network.example.org/news/sample-partner-news"'
    errors = check_after(project, "data/network-cache.json", old, '"link": "https://network.example.org/n\\r\\nX: 1"', capsys, monkeypatch)
    assert any(error.startswith("data/network-cache.json: field 'link': item 1: expected a web address") for error in errors), errors


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--to", "editor@example.org\r\nBcc: everyone@example.net"),
        ("--to", "editor@example.org, everyone@example.net"),
        ("--to", "Editor <editor@example.org>"),
        ("--from", "sender@example.org\nX-Injected: 1"),
        ("--from", "sender@example.org\x00"),
        ("--server", "smtp.example.org\r\nHELO x"),
        ("--user", "editor\r\nAUTH x"),
    ],
)
def test_send_refuses_addresses_and_names_that_could_add_a_header(project: Path, capsys, monkeypatch, option, value) -> None:
    """Refused before anything is read or any connection is made: no server is listening."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", PINNED_EPOCH)
    args = {"--to": "editor@example.org", "--server": "127.0.0.1", "--from": "sender@example.org", option: value}
    command = ["newsletter", "send", "2022-03-14", "--port", "9", *(part for pair in args.items() for part in pair)]
    before = tree(project)
    code = main(["--root", str(project), *command])
    out, err = capsys.readouterr()
    assert (code, out) == (2, "") and "Traceback" not in err  # 2: a bad argument, as for send's other options
    assert err.startswith(f"{option}") and "on one line" in err and "\r" not in err and "\n" not in err.rstrip("\n"), err
    assert tree(project) == before


# --- rhannu new: a file name from any title ----------------------------------------------------


@pytest.mark.parametrize(
    "title",
    ["", "   ", "!!! ???", "2024", "Ελληνικά νέα", "日本語のタイトル", "\U0001f642\U0001f389", "\u200b\u200b", "\u2013 \u2014", "../../.."],
)
@pytest.mark.parametrize("kind", ["case-study", "item", "event"])
def test_new_refuses_a_title_with_no_latin_letters_and_writes_nothing(project: Path, capsys, monkeypatch, kind, title) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", PINNED_EPOCH)
    before = tree(project)
    code = main(["--root", str(project), "new", kind, title])
    out, err = capsys.readouterr()
    assert (code, out) == (1, "") and "Traceback" not in err
    assert err.startswith(f"title: {title!r} has no Latin letters to make a file name from: give the English title"), err
    assert tree(project) == before


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("A" * 320, "a" * 60),
        (" ".join(["Partnership"] * 30), "-".join(["partnership"] * 5)),  # cut at a word's end
        ("Cyd-gynhyrchu ŵyl Caerffili: Æbleskiver, Øl & Straße", "cyd-gynhyrchu-wyl-caerffili-aebleskiver-ol-strasse"),
        ("2024: a year in Ystradgynlais" + "!" * 300, "2024-a-year-in-ystradgynlais"),
        ("Ελληνικά and English", "and-english"),
    ],
)
def test_new_makes_a_short_latin_file_name_from_any_title(project: Path, capsys, monkeypatch, title: str, slug: str) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", PINNED_EPOCH)
    assert main(["--root", str(project), "new", "case-study", title]) == 0
    out = capsys.readouterr().out
    assert out == f"case_studies/{slug}.md\ncase_studies/{slug}.cy.md\n"
    assert len(slug) <= 60
    text = (project / f"case_studies/{slug}.md").read_text(encoding="utf-8")
    assert title.strip() in text or title in text  # the title itself is kept whole in the file


def test_new_writes_both_files_or_neither(project: Path, capsys, monkeypatch) -> None:
    """Ctrl-C between the two files (forced through a seam: no real signal can be timed to land
    there) leaves neither: the English file is removed again."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", PINNED_EPOCH)
    from rhannu import files

    real = files.write_whole

    def fail_on_welsh(path: Path, text: str) -> None:
        if path.name.endswith(".cy.md"):
            raise KeyboardInterrupt  # as if Ctrl-C came between the two files
        real(path, text)

    monkeypatch.setattr(files, "write_whole", fail_on_welsh)
    before = tree(project)
    code = main(["--root", str(project), "new", "item", "Half a pair"])
    assert code == 130 and capsys.readouterr().err == "rhannu: interrupted; nothing was left half-written\n"
    assert tree(project) == before


# --- check --publish: placeholders however they are written --------------------------------------


def publish_check(project: Path, site_url: str, email: str, capsys, monkeypatch) -> list[str]:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("https://sample.rhannu.example.org/", site_url, 1).replace("sample@example.org", email, 1), encoding="utf-8"
    )
    monkeypatch.setenv("SOURCE_DATE_EPOCH", PINNED_EPOCH)
    before = tree(project)
    code = main(["--root", str(project), "check", "--publish"])
    err = capsys.readouterr().err
    assert "Traceback" not in err and tree(project) == before
    return [line.removeprefix("ERROR: ") for line in err.splitlines() if line.startswith("ERROR: ")] if code else []


@pytest.mark.parametrize(
    "site_url",
    [
        "https://EXAMPLE.ORG/", "https://rhannu.example.org:443/", "https://Rhannu.Example.Com:8443/x/", "https://example.net./",
        "http://localhost:8000/", "https://rhannu.test/", "https://site.invalid/", "https://Sample.Rhannu.EXAMPLE.org:443/",
    ],
)
def test_check_publish_finds_a_placeholder_site_url_however_written(project: Path, capsys, monkeypatch, site_url: str) -> None:
    errors = publish_check(project, site_url, "cyswllt@rhannu.cymru", capsys, monkeypatch)
    assert errors == [f"mkdocs.yml: field 'site_url': still the placeholder {site_url!r}: set the address the site is published at"]


@pytest.mark.parametrize("site_url", ["https://user@www.example.org/", "https://rhannu.example.org:abc/"])
def test_a_site_url_no_site_is_published_at_is_refused_before_any_placeholder_check(project: Path, capsys, monkeypatch, site_url: str) -> None:
    """A user name or a port that is not a number is no address of a site: refused as it is read."""
    errors = publish_check(project, site_url, "cyswllt@rhannu.cymru", capsys, monkeypatch)
    assert errors == [f"mkdocs.yml: field 'site_url': expected the address the site is published at, as https://host/ (or http://); got {site_url!r}"]


@pytest.mark.parametrize("email", ["hello@EXAMPLE.ORG", "hello@Rhannu.Example.Com", "hello@sub.example.net", "hello@x.test"])
def test_check_publish_finds_a_placeholder_contact_however_written(project: Path, capsys, monkeypatch, email: str) -> None:
    errors = publish_check(project, "https://rhannu.cymru/", email, capsys, monkeypatch)
    assert errors == [
        f"mkdocs.yml: field 'extra.contact.email': still the placeholder {email!r}: set the programme's public contact address"
    ]


@pytest.mark.parametrize(
    ("site_url", "email"),
    [("https://rhannu.cymru:443/", "cyswllt@rhannu.cymru"), ("https://notexample.org/", "hello@myexample.com"),
     ("https://example.org.uk/", "hello@example.org.uk")],
)
def test_check_publish_passes_real_addresses_that_merely_look_alike(project: Path, capsys, monkeypatch, site_url, email) -> None:
    assert publish_check(project, site_url, email, capsys, monkeypatch) == []


# --- images the build would not find -------------------------------------------------------------

IMAGE_PAGES = [  # (source, a line in its body to put an image after)
    ("case_studies/sample-hackathon.md", "## What happened\n"),
    ("case_studies/sample-hackathon.cy.md", "\n---\n"),
    ("lessons/sample-time.md", "\n---\n"),
    ("docs/about.md", "\n---\n"),
    ("docs/index.cy.md", "\n---\n"),
]
MISSING_IMAGES = [  # (how it is written, the path named)
    ("![A photo](photos/missing.png)", "{folder}/photos/missing.png"),
    ("![A photo](missing.png){ width=\"64\" }", "{folder}/missing.png"),
    ("![A photo](<missing image.png>)", "{folder}/missing image.png"),
    ("![A photo](missing%20image.png)", "{folder}/missing image.png"),
    ("![A photo](./missing.png#part)", "{folder}/missing.png"),
    ("<img src=\"missing.svg\" alt=\"A drawing\">", "{folder}/missing.svg"),
    ("<IMG alt='A drawing' SRC='missing.webp'>", "{folder}/missing.webp"),
    ("![A photo](../elsewhere/missing.jpg)", "elsewhere/missing.jpg"),
]


@pytest.mark.parametrize(("written", "named"), MISSING_IMAGES, ids=[case[0][:30] for case in MISSING_IMAGES])
@pytest.mark.parametrize(("path", "after"), IMAGE_PAGES)
def test_check_names_a_missing_image_with_its_source_line_and_the_file_looked_for(
    project: Path, capsys, monkeypatch, path: str, after: str, written: str, named: str
) -> None:
    line = line_after(project, path, after) + 1
    errors = check_after(project, path, after, f"{after}\n{written}\n", capsys, monkeypatch)
    looked_for = named.format(folder=path.split("/", 1)[0])
    target = written.split("](", 1)[1].split(")", 1)[0].strip("<>") if "](" in written else looked_for.rsplit("/", 1)[1]
    expected = f"{path}: line {line}: image {target}: there is no file {looked_for}: put the image there or correct the address"
    assert expected in errors, errors


def test_an_image_in_a_folder_within_a_content_folder_is_named_as_unpublished(project: Path, capsys, monkeypatch) -> None:
    """The folder is refused as it stands (only images are published beside content), before any
    page's image in it could be looked for."""
    (project / "case_studies/photos").mkdir()
    shutil.copy(project / "case_studies/sample-square.png", project / "case_studies/photos/square.png")
    errors = check_after(project, HACKATHON, "## What happened\n", "## What happened\n\n![Square](photos/square.png)\n", capsys, monkeypatch)
    assert errors == ["case_studies/photos: is a folder, which is not published: put images directly beside the case studies"]


HACKATHON = "case_studies/sample-hackathon.md"


def test_images_the_build_finds_and_addresses_off_the_site_are_not_reported(project: Path, capsys, monkeypatch) -> None:
    (project / "docs/pictures").mkdir()
    shutil.copy(project / "case_studies/sample-square.png", project / "docs/pictures/square.png")
    fine = (
        "![Square](sample-square.png)\n<img src=\"sample-square.png\" alt=\"Square\">\n"
        "![Remote](https://images.example.org/x.png)\n```\n![In code](not-an-image.png)\n```\n"
    )
    for path, after, body in [
        (HACKATHON, "## What happened\n", fine),
        ("docs/about.md", "\n---\n", "\n![Square](pictures/square.png)\n~~~\n![x](nope.png)\n~~~\n"),
    ]:
        text = (project / path).read_text(encoding="utf-8")
        (project / path).write_text(text.replace(after, after + "\n" + body, 1), encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", PINNED_EPOCH)
    assert main(["--root", str(project), "check"]) == 0, capsys.readouterr().err


def test_the_build_stops_on_a_missing_image_with_the_same_message(project: Path, tmp_path: Path) -> None:
    path = project / HACKATHON
    path.write_text(path.read_text(encoding="utf-8").replace("## What happened\n", "## What happened\n\n![A photo](gone.png)\n", 1), encoding="utf-8")
    site = tmp_path / "www/site"
    done = subprocess.run(
        [sys.executable, "-m", "rhannu.cli", "--root", str(project), "build", "--site-dir", str(site)],
        env=build_env(), capture_output=True, text=True, check=False,
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert f"{HACKATHON}: line 14: image gone.png: there is no file case_studies/gone.png" in done.stderr
    assert "case-studies/gone.png" not in done.stderr  # MkDocs' name for it, which is not where the editor looks
    assert sorted(path.name for path in site.parent.iterdir()) == [".site.lock"]


def test_the_alt_text_and_missing_image_checks_read_one_list_of_images() -> None:
    """Both checks see the same images: Markdown and <img> alike, and none in fenced code (an
    example there is not an image, so it needs neither alt text nor a file)."""
    from rhannu.frontmatter import Source
    from rhannu.images import Image, alt_errors, images_in

    body = "![A square](square.png)\n<img src='x y.png' alt=Photo>\n```\n![](example.png)\n```\n![](<no alt.png>) <img src=z.png>\n"
    assert list(images_in(body)) == [
        Image(0, "square.png", "A square"),
        Image(1, "x y.png", "Photo", "<img src='x y.png' alt=Photo>"),
        Image(5, "no alt.png", ""),
        Image(5, "z.png", "", "<img src=z.png>"),
    ]
    errors = [str(error) for error in alt_errors(Source("x.md", {}, body, 10))]
    assert errors == [
        "x.md: line 15: image no alt.png has no alt text: describe it between the brackets, as ![what it shows](no alt.png)",
        'x.md: line 15: the image <img src=z.png> has no alt text: add alt="what it shows" to it',
    ]
