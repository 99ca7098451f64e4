"""Edit-preview benchmark: how soon an edited case study is visible, edit after edit.

    .venv/bin/python benchmarks/preview_benchmark.py            # N = 500, 6 edits
    .venv/bin/python benchmarks/preview_benchmark.py --size 2000 --edits 10

It writes a corpus of N case studies per language, starts `rhannu preview`, then edits one case
study's title at a time, the English file and the Welsh one in turn, and measures (1) until its
page shows the new title and (2) after the last edit, until the card data of that language's case
studies index shows it too (the full rebuild behind). Edits come every few seconds, without
waiting for the full rebuild, as an editor types. It ends with the median and the spread of (1),
and the machine's load average (other work slows the preview down).
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import write_corpus


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, text: str, limit: float = 120) -> float:
    started = time.perf_counter()
    while time.perf_counter() - started < limit:
        if text in fetch(url):
            return time.perf_counter() - started
        time.sleep(0.05)
    raise SystemExit(f"{text!r} did not appear at {url} within {limit} s")


def load_average() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=500)
    parser.add_argument("--edits", type=int, default=6)
    parser.add_argument("--interval", type=float, default=3.0, help="seconds between edits")
    parser.add_argument("--first-build-limit", type=float, default=1200, help="seconds to wait for the first build")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="rhannu-preview-bench-") as scratch:
        project = write_corpus(Path(scratch), args.size)
        port = free_port()
        base = f"http://127.0.0.1:{port}/"
        server = subprocess.Popen(
            [sys.executable, "-m", "rhannu.cli", "--root", str(project), "preview", "--port", str(port)],
            env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # its full builds run in its group: stopped with it
        )
        try:
            first = wait_for(base + "case-studies/", "rhannu-card", limit=args.first_build_limit)
            print(f"first build served after {first:.1f} s (N={args.size} per language)\n")
            print(f"load average before the edits: {load_average()}\n")
            print("| edit | file | page visible s | listings (full rebuild) visible s |\n| --- | --- | --- | --- |")
            visible: list[float] = []
            for number in range(1, args.edits + 1):
                slug = f"case-study-{number:05d}"
                name, section = (f"{slug}.md", "case-studies") if number % 2 else (f"{slug}.cy.md", "cy/astudiaethau-achos")
                source = project / "case_studies" / name
                marker = f"Edited {number} {time.time_ns()}"
                text = source.read_text(encoding="utf-8")
                source.write_text(re.sub(r"^title: .*$", f"title: {marker}", text, count=1, flags=re.M), encoding="utf-8")
                started = time.perf_counter()
                visible.append(wait_for(base + f"{section}/{slug}/", marker))
                index = (
                    wait_for(base + f"{section}/cards.json", marker, limit=args.first_build_limit)
                    if number == args.edits
                    else None
                )
                listings = "(next edit first)" if index is None else f"{index:.1f}"
                print(f"| {number} | {name} | {visible[-1]:.2f} | {listings} |", flush=True)
                time.sleep(max(0.0, args.interval - (time.perf_counter() - started)))
            print(
                f"\npage visible: median {statistics.median(visible):.2f} s, min {min(visible):.2f} s, max {max(visible):.2f} s "
                f"over {len(visible)} edits; load average after: {load_average()}"
            )
        finally:
            os.killpg(server.pid, signal.SIGTERM)  # the preview removes its build folders (SIGINT is ignored in a background job)
            try:
                server.wait(timeout=120)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)


if __name__ == "__main__":
    main()
