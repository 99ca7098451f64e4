"""Lighthouse scores for each page type, in both languages, on the sample site.

    npm ci && .venv/bin/python benchmarks/lighthouse.py

It builds the sample site (tests/fixture_site: every page type, a launched newsletter, at the
tests' pinned date; the live content may have no issue yet), serves it on 127.0.0.1 (with
/404.html for missing paths, like a static host), and runs Lighthouse 12 (from npm) in Debian's
Chromium (CHROME_PATH=/usr/bin/chromium), with its default mobile settings. Not part of the test
suite: scores vary a little run to run.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))
from tests.support.sample_site import welsh  # noqa: E402
from tests.support.server import serve  # noqa: E402
from tests.support.sites import build, copy_fixture  # noqa: E402

PAGES = [  # English addresses; each is audited in Welsh too
    "",
    "case-studies/",
    "case-studies/sample-sharing-practice/",
    "case-studies/theme/sharing-practice/",
    "lessons/sample-skills/",
    "newsletters/",
    "newsletters/2022-04-11/",
    "api/v1/",
    "contact/",
]  # not the 404 page: Lighthouse refuses to audit a page served with status 404
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync"


def audit(url: str) -> dict[str, int]:
    lighthouse = PROJECT / "node_modules/.bin/lighthouse"
    done = subprocess.run(
        [str(lighthouse), url, "--output=json", "--quiet", f"--chrome-flags={CHROME_FLAGS}",
         f"--only-categories={','.join(CATEGORIES)}"],
        capture_output=True, text=True, check=False,
        env=dict(os.environ, CHROME_PATH=os.environ.get("CHROME_PATH", "/usr/bin/chromium")),
    )
    if done.returncode != 0:
        raise SystemExit(f"lighthouse failed on {url}:\n{done.stderr[-2000:]}")
    report = json.loads(done.stdout)
    failing = [
        f"{audit_id}: {item['title']}"
        for audit_id, item in report["audits"].items()
        if item.get("score") is not None and item["score"] < 1 and item.get("scoreDisplayMode") in ("binary", "numeric")
        and any(ref["id"] == audit_id for category in report["categories"].values() for ref in category["auditRefs"] if ref.get("weight"))
    ]
    scores = {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}
    return {**scores, "failing": failing}


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="rhannu-lighthouse-") as scratch:
        built = build(copy_fixture(Path(scratch) / "project"), Path(scratch) / "site")
        if built.returncode != 0:
            raise SystemExit(built.log)
        site = built.site
        print("| page | " + " | ".join(CATEGORIES) + " |\n|" + " --- |" * (len(CATEGORIES) + 1))
        notes = []
        with serve(site, compress=True) as base:  # as static hosts serve text
            for path in [*PAGES, *(welsh(path) for path in PAGES)]:
                result = audit(base + path)
                print(f"| /{path} | " + " | ".join(str(result[name]) for name in CATEGORIES) + " |", flush=True)
                notes += [f"/{path}: {item}" for item in result["failing"]]
        if notes:
            print("\nAudits below full marks:")
            print("\n".join(notes))


if __name__ == "__main__":
    main()
