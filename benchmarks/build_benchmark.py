"""Build-time benchmark: Rhannu against the bare stack, on the same synthetic Markdown.

    .venv/bin/python benchmarks/build_benchmark.py                 # N = 100, 500, 2000
    .venv/bin/python benchmarks/build_benchmark.py --sizes 100 500
    .venv/bin/python benchmarks/build_benchmark.py --sizes 500 2000 --repeat 3 --compare REV

For each N (case studies per language) it writes a corpus, builds it with Rhannu and with
MkDocs + Material + static-i18n alone (no hooks, the same theme, plugins and navigation
settings), and reports wall time, peak memory, pages built and seconds per 1000 pages, and the
ratio of Rhannu's time per page to the bare stack's, measured in the same run. Our extra pages
(facets, issues) count as pages, not overhead. With `--compare REV`, Rhannu as it was at the git
revision REV (its package, hooks, theme overrides and settings, from a temporary worktree) is
built on the same corpus in the same run, so a change's cost shows as the difference between the
two ratios.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import PROJECT, write_bare_stack, write_corpus

# Runs mkdocs in a child process and reports that process's own peak memory.
_MEASURED_BUILD = (
    "import atexit, resource, sys\n"
    "atexit.register(lambda: print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr))\n"
    "from mkdocs.__main__ import cli\n"
    "cli(['build', '-q', '--site-dir', sys.argv[1]])\n"
)


@dataclass(frozen=True)
class Measure:
    seconds: float
    peak_mib: float
    pages: int

    @property
    def per_thousand(self) -> float:
        return self.seconds / self.pages * 1000


def measure_build(project: Path, site: Path, package: Path | None = None) -> Measure:
    """`package`: a checkout whose `rhannu` is imported instead of the installed one."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=str(int(time.time())))
    if package is not None:
        env["PYTHONPATH"] = str(package)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _MEASURED_BUILD, str(site)], cwd=project, env=env,
                          capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"build of {project} failed:\n{done.stderr[-3000:]}")
    peak_kib = int(done.stderr.strip().splitlines()[-1])
    pages = sum(1 for page in site.rglob("index.html"))
    return Measure(seconds, peak_kib / 1024, pages)


def run(sizes: list[int], repeat: int, compare: str | None = None) -> list[tuple[int, Measure, Measure]]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="rhannu-bench-") as scratch:
        old_tree = _worktree(compare, Path(scratch) / "old-tree") if compare else None
        try:
            for size in sizes:
                base = Path(scratch) / str(size)
                ours = write_corpus(_mkdir(base / "ours"), size)
                bare = write_bare_stack(_mkdir(base / "bare"), ours)
                best_ours = _best(repeat, ours, base / "site-ours")
                best_bare = _best(repeat, bare, base / "site-bare")
                rows.append((size, best_ours, best_bare))
                print(_row(size, best_ours, best_bare), flush=True)
                if old_tree is not None:
                    old = write_corpus(_mkdir(base / "old"), size, project=old_tree)
                    best_old = _best(repeat, old, base / "site-old", package=old_tree)
                    print(_row(size, best_old, best_bare, f"Rhannu at {compare}").split("\n")[0], flush=True)
        finally:
            if old_tree is not None:
                subprocess.run(["git", "worktree", "remove", "--force", str(old_tree)], cwd=PROJECT, check=False)
    return rows


def _best(repeat: int, project: Path, site: Path, package: Path | None = None) -> Measure:
    """The fastest of `repeat` builds of `project`, each into a folder of its own."""
    builds = (measure_build(project, site.with_name(f"{site.name}-{n}"), package) for n in range(repeat))
    return min(builds, key=lambda measure: measure.seconds)


def _worktree(revision: str, folder: Path) -> Path:
    subprocess.run(["git", "worktree", "add", "--detach", str(folder), revision], cwd=PROJECT, check=True, capture_output=True)
    return folder


def _mkdir(path: Path) -> Path:
    path.mkdir(parents=True)
    return path


HEADER = (
    "| N per language | build | wall s | peak MiB | pages | s per 1000 pages | per-page ratio to bare |\n"
    "| --- | --- | --- | --- | --- | --- | --- |"
)


def _row(size: int, ours: Measure, bare: Measure, name: str = "Rhannu") -> str:
    ratio = ours.per_thousand / bare.per_thousand
    return (
        f"| {size} | {name} | {ours.seconds:.1f} | {ours.peak_mib:.0f} | {ours.pages} | {ours.per_thousand:.2f} | {ratio:.2f} |\n"
        f"| {size} | bare stack | {bare.seconds:.1f} | {bare.peak_mib:.0f} | {bare.pages} | {bare.per_thousand:.2f} | 1.00 |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 500, 2000])
    parser.add_argument("--repeat", type=int, default=1, help="builds per measurement; the fastest counts")
    parser.add_argument("--compare", metavar="REV", help="also build with Rhannu as it was at this git revision")
    args = parser.parse_args()
    print(HEADER, flush=True)
    rows = run(args.sizes, args.repeat, args.compare)
    if len(rows) > 1:
        smallest, largest = rows[0][1], rows[-1][1]
        print(f"\nlinearity: s per 1000 pages at N={rows[-1][0]} is {largest.per_thousand / smallest.per_thousand:.2f}x "
              f"that at N={rows[0][0]} (target: within 1.2x)")


if __name__ == "__main__":
    main()
