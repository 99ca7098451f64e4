"""The rhannu command line: output and exit codes, run as an editor runs it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.sites import PINNED_EPOCH, PROJECT, build_env


def rhannu(*args: str, root: Path = PROJECT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "rhannu.cli", "--root", str(root), *args],
                          capture_output=True, text=True, check=False, env=build_env(PINNED_EPOCH))


def test_check_passes_on_the_committed_content() -> None:
    done = rhannu("check")
    assert done.returncode == 0, done.stderr
    assert done.stdout == "4 newsletter items, 6 case studies and 13 lessons checked; 5 newsletter issues\n"


def test_newsletter_email_prints_the_bilingual_edition_by_default() -> None:
    done = rhannu("newsletter", "email", "2022-03-14")
    assert done.returncode == 0
    assert done.stdout == (PROJECT / "tests/golden/2022-03-14-email.html").read_text(encoding="utf-8")


def test_newsletter_email_finds_the_issue_covering_a_date_in_one_language_as_text() -> None:
    done = rhannu("newsletter", "email", "2022-03-01", "--lang", "cy", "--text")
    assert done.returncode == 0
    assert done.stdout.startswith("Cyd-gynhyrchu a chyfranogiad mewn Byrddau Gwasanaethau Cyhoeddus\nCylchlythyr: 14 Mawrth 2022\n")
    assert "Newsletter: 14 March 2022" not in done.stdout


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("newsletter", "email", "2020-01-01"), 1,
         "no issue is published on or covers 2020-01-01; published issues: 2021-03-15, 2021-06-07, 2021-11-08, 2022-03-14, 2022-04-11\n"),
        (("newsletter", "email", "14/03/2022"), 2, "DATE: expected YYYY-MM-DD; got '14/03/2022'\n"),
    ],
)
def test_newsletter_email_errors(args: tuple[str, ...], code: int, message: str) -> None:
    done = rhannu(*args)
    assert (done.returncode, done.stdout, done.stderr) == (code, "", message)


@pytest.mark.parametrize("command", [
    (), ("check",), ("preview",), ("new",), ("new", "case-study"), ("new", "item"), ("new", "event"),
    ("translations",), ("translations", "mark"), ("newsletter",), ("newsletter", "email"),
    ("newsletter", "preview"), ("network",), ("network", "fetch"),
])
def test_every_subcommand_has_help(command: tuple[str, ...]) -> None:
    done = rhannu(*command, "--help")
    assert done.returncode == 0 and done.stdout.startswith("usage: rhannu")


def test_unknown_subcommand_is_a_usage_error() -> None:
    done = rhannu("publish")
    assert done.returncode == 2 and "invalid choice: 'publish'" in done.stderr
