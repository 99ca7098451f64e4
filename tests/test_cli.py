"""The rhannu command line: output and exit codes, run as an editor runs it, on a copy of the
sample site (the session's `sample_project`, which these commands only read)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.sites import PINNED_EPOCH, build_env

GOLDEN = Path(__file__).parent / "golden"


def rhannu(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "rhannu.cli", "--root", str(root), *args],
                          capture_output=True, text=True, check=False, env=build_env(PINNED_EPOCH))


def test_check_passes_on_the_sample_site_naming_what_it_leaves_out(sample_project: Path) -> None:
    done = rhannu(sample_project, "check")
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == (
        "Left out of this build: case_studies/sample-draft.md (draft); case_studies/sample-future.md "
        "(published 2023-12-01, after the build date 2023-11-14)\n"
        "4 newsletter items, 54 case studies and 4 lessons checked; 3 newsletter issues\n"
    )


def _matches_golden(printed: str, name: str) -> bool:
    golden = GOLDEN / name
    if os.environ.get("RHANNU_UPDATE_GOLDEN") == "1":
        golden.write_text(printed, encoding="utf-8")
    return printed == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize(("args", "name"), [((), "2022-03-14-email.html"), (("--text",), "2022-03-14-email.txt")])
def test_newsletter_email_prints_the_bilingual_edition_by_default(sample_project: Path, args: tuple[str, ...], name: str) -> None:
    """The copy for the mailing service: its unsubscribe merge tag and "you subscribed", which
    the web copies the build publishes leave out (tests/test_email.py)."""
    done = rhannu(sample_project, "newsletter", "email", "2022-03-14", *args)
    assert done.returncode == 0
    assert _matches_golden(done.stdout, name)
    assert done.stdout.count("*|UNSUB|*") == 2 and "subscribed to the newsletter" in done.stdout
    assert "\ufeff" not in done.stdout  # pasted into a mailing service: no byte order mark


def test_newsletter_email_finds_the_issue_covering_a_date_in_one_language_as_text(sample_project: Path) -> None:
    done = rhannu(sample_project, "newsletter", "email", "2022-03-01", "--lang", "cy", "--text")
    assert done.returncode == 0
    welsh_part = (GOLDEN / "2022-03-14-email.txt").read_text(encoding="utf-8").split("\n\n" + "=" * 72 + "\n\n")[0]
    assert done.stdout == welsh_part + "\n"
    assert done.stdout.startswith("Safle enghreifftiol Rhannu\nCylchlythyr: 14 Mawrth 2022\n")
    assert "Newsletter: 14 March 2022" not in done.stdout


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("newsletter", "email", "2024-01-01"), 1,
         "no issue is published on or covers 2024-01-01; published issues: 2022-03-14, 2022-04-11, 2023-10-23\n"),
        (("newsletter", "email", "2022-03-20"), 1,  # issue 28's fortnight: nothing in it, so no issue
         "no issue is published on or covers 2022-03-20; published issues: 2022-03-14, 2022-04-11, 2023-10-23\n"),
        (("newsletter", "email", "2023-11-10"), 1,  # issue 71 is published after the build date
         "no issue is published on or covers 2023-11-10; published issues: 2022-03-14, 2022-04-11, 2023-10-23\n"),
        (("newsletter", "email", "14/03/2022"), 2, "DATE: expected YYYY-MM-DD; got '14/03/2022'\n"),
    ],
)
def test_newsletter_email_errors(sample_project: Path, args: tuple[str, ...], code: int, message: str) -> None:
    done = rhannu(sample_project, *args)
    assert (done.returncode, done.stdout, done.stderr) == (code, "", message)


@pytest.mark.parametrize("command", [
    (), ("check",), ("preview",), ("edit",), ("new",), ("new", "case-study"), ("new", "item"), ("new", "event"),
    ("translations",), ("translations", "mark"), ("newsletter",), ("newsletter", "email"),
    ("newsletter", "preview"), ("newsletter", "send"), ("network",), ("network", "fetch"),
])
def test_every_subcommand_has_help(sample_project: Path, command: tuple[str, ...]) -> None:
    done = rhannu(sample_project, *command, "--help")
    assert done.returncode == 0 and done.stdout.startswith("usage: rhannu")


def test_unknown_subcommand_is_a_usage_error(sample_project: Path) -> None:
    done = rhannu(sample_project, "publish")
    assert done.returncode == 2 and "invalid choice: 'publish'" in done.stderr
