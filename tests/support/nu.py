"""The Nu HTML checker (vnu-jar from npm, run with Java), as the tests run it: it skips on a
machine without it and fails in CI, where it must run."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.support.sites import PROJECT

VNU = PROJECT / "node_modules/vnu-jar/build/dist/vnu.jar"


def nu_errors(pages: list[Path], site: Path) -> list[str]:
    """The checker's errors on `pages`, each naming its page relative to `site`."""
    java = shutil.which("java")
    if not VNU.exists() or java is None:
        message = "the Nu HTML checker needs Java and `npm ci` (vnu-jar in node_modules)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message + " - it never skips in CI", pytrace=False)
        pytest.skip(message)
    done = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "gnu", *map(str, pages)],
        capture_output=True,
        text=True,
        check=False,
    )
    return [line.replace(str(site), "") for line in done.stderr.splitlines() if "error" in line]
