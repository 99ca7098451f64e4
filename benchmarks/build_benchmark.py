"""Build-time benchmark: Rhannu against the bare stack, on the same synthetic Markdown.

    .venv/bin/python benchmarks/build_benchmark.py                 # N = 100, 500, 2000
    .venv/bin/python benchmarks/build_benchmark.py --sizes 100 500
    .venv/bin/python benchmarks/build_benchmark.py --sizes 500 2000 --repeat 5 --compare REV

For each N (case studies per language) it writes a corpus, builds it with Rhannu as a publisher
does (`rhannu build --site-dir ...`, which builds the two languages in parallel processes) and
with MkDocs + Material + static-i18n alone (`mkdocs build`, one process: no hooks, the same theme,
plugins and navigation settings), each `--repeat` times (default 3), in turn (Rhannu, the bare
stack, then again: a machine whose speed drifts slows both alike), and reports the median wall
time and its spread (fastest to slowest), peak memory, pages built and seconds per 1000 pages,
and the ratio of Rhannu's median wall time to the bare stack's, measured in the same run. Our
extra pages (facets, issues) count as pages, not overhead.

Peak memory is summed over the build's processes: the command's process tree is polled (every
20 ms) through /proc, each process's own peak resident set (VmHWM, kept by the kernel, so no
peak between polls is missed while the process lives) is kept, and the peaks of every process
seen (the `rhannu build` parent and both language processes) are added up. The processes run at
the same time, so the sum is what the machine must hold at worst. The largest sum of the runs is
reported. CPU seconds (user and system, of every process of the build) are given too: on a
machine others share, they vary less than wall time.

With `--compare REV`, Rhannu as it was at the git revision REV (its package, hooks, theme
overrides and settings, from a temporary worktree) is built on the same corpus in the same run,
with `rhannu build` where REV has it.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import PROJECT, write_bare_stack, write_corpus

POLL_SECONDS = 0.02


@dataclass(frozen=True)
class Measure:
    runs: tuple[float, ...]  # wall seconds of each build
    peak_mib: float  # the largest, over the runs, of the summed peaks of the build's processes
    pages: int
    processes: int  # processes seen in the build's tree (the largest count over the runs)
    cpu: tuple[float, ...] = ()  # user + system seconds of each build's processes, less sensitive to other load than wall time

    @property
    def cpu_seconds(self) -> float:
        return statistics.median(self.cpu) if self.cpu else float("nan")

    @property
    def seconds(self) -> float:
        return statistics.median(self.runs)

    @property
    def spread(self) -> float:
        return max(self.runs) - min(self.runs)

    @property
    def per_thousand(self) -> float:
        return self.seconds / self.pages * 1000


def rhannu_command(site: Path) -> list[str]:
    return [sys.executable, "-m", "rhannu.cli", "build", "--site-dir", str(site)]


def bare_command(site: Path) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", "-q", "--site-dir", str(site)]


def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(child) for child in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def peak_kib(pid: int) -> int | None:
    """The process's peak resident set so far (VmHWM), or None when it has gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def tree_peaks(root: int, peaks: dict[int, int]) -> None:
    """Record the peak of `root` and of every process below it in `peaks` (kept at its highest)."""
    pending = [root]
    while pending:
        pid = pending.pop()
        if (peak := peak_kib(pid)) is not None:
            peaks[pid] = max(peaks.get(pid, 0), peak)
        pending += children(pid)


def measure_once(command: list[str], project: Path, env: dict[str, str]) -> tuple[float, int, int, float]:
    """Wall seconds, summed peak KiB, processes seen and CPU seconds of one build."""
    peaks: dict[int, int] = {}
    cpu_before = _children_cpu()
    with tempfile.TemporaryFile() as log:  # a file, not a pipe: a long log never blocks the build
        started = time.perf_counter()
        running = subprocess.Popen(command, cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=log)
        while running.poll() is None:
            tree_peaks(running.pid, peaks)
            time.sleep(POLL_SECONDS)
        seconds = time.perf_counter() - started
        log.seek(0)
        stderr = log.read().decode("utf-8", "replace")
    if running.returncode != 0:
        raise SystemExit(f"build of {project} failed:\n{stderr[-3000:]}")
    return seconds, sum(peaks.values()), len(peaks), _children_cpu() - cpu_before


def _children_cpu() -> float:
    """CPU seconds of every process this one has waited for, and theirs for theirs."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


@dataclass(frozen=True)
class Build:
    """One build to measure: its command (given the site folder), its project and site folder, and
    `package`: a checkout whose `rhannu` is imported instead of the installed one."""

    command: Callable[[Path], list[str]]
    project: Path
    site: Path
    package: Path | None = None


def measure_builds(builds: list[Build], repeat: int) -> list[Measure]:
    """`repeat` builds of each of `builds`, in turn (the first, the second, ..., then again), each
    into a folder of its own: a machine whose speed drifts during the run slows each alike."""
    stamp = str(int(time.time()))
    envs = [
        dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=stamp, **({"PYTHONPATH": str(build.package)} if build.package else {}))
        for build in builds
    ]
    taken: list[list[tuple[float, int, int, float]]] = [[] for _ in builds]
    pages = [0 for _ in builds]
    for number in range(repeat):
        for index, build in enumerate(builds):
            folder = build.site.with_name(f"{build.site.name}-{number}")
            taken[index].append(measure_once(build.command(folder), build.project, envs[index]))
            pages[index] = sum(1 for page in folder.rglob("index.html"))
    return [
        Measure(
            tuple(run[0] for run in runs), max(run[1] for run in runs) / 1024, count, max(run[2] for run in runs), tuple(run[3] for run in runs)
        )
        for runs, count in zip(taken, pages, strict=True)
    ]


def run(sizes: list[int], repeat: int, compare: str | None = None) -> list[tuple[int, Measure, Measure]]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="rhannu-bench-") as scratch:
        old_tree = _worktree(compare, Path(scratch) / "old-tree") if compare else None
        try:
            for size in sizes:
                base = Path(scratch) / str(size)
                ours = write_corpus(_mkdir(base / "ours"), size)
                bare = write_bare_stack(_mkdir(base / "bare"), ours)
                builds = [Build(rhannu_command, ours, base / "site-ours"), Build(bare_command, bare, base / "site-bare")]
                if old_tree is not None:
                    old = write_corpus(_mkdir(base / "old"), size, project=old_tree)
                    builds.append(Build(rhannu_command, old, base / "site-old", package=old_tree))
                ours_measure, bare_measure, *old_measure = measure_builds(builds, repeat)
                rows.append((size, ours_measure, bare_measure))
                print(_row(size, ours_measure, bare_measure), flush=True)
                for measure in old_measure:
                    print(_row(size, measure, bare_measure, f"Rhannu at {compare}").split("\n")[0], flush=True)
        finally:
            if old_tree is not None:
                subprocess.run(["git", "worktree", "remove", "--force", str(old_tree)], cwd=PROJECT, check=False)
    return rows


def _worktree(revision: str, folder: Path) -> Path:
    subprocess.run(["git", "worktree", "add", "--detach", str(folder), revision], cwd=PROJECT, check=True, capture_output=True)
    return folder


def _mkdir(path: Path) -> Path:
    path.mkdir(parents=True)
    return path


HEADER = (
    "| N per language | build | wall s (median) | spread s | CPU s (median) | peak MiB (summed) | processes | pages "
    "| s per 1000 pages | wall ratio to bare |\n"
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
)


def _row(size: int, ours: Measure, bare: Measure, name: str = "Rhannu") -> str:
    def line(label: str, measure: Measure, ratio: float) -> str:
        return (
            f"| {size} | {label} | {measure.seconds:.1f} | {measure.spread:.1f} | {measure.cpu_seconds:.1f} | {measure.peak_mib:.0f} "
            f"| {measure.processes} "
            f"| {measure.pages} | {measure.per_thousand:.2f} | {ratio:.2f} |"
        )

    return line(name, ours, ours.seconds / bare.seconds) + "\n" + line("bare stack", bare, 1.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 500, 2000])
    parser.add_argument("--repeat", type=int, default=3, help="builds per measurement; the median counts (default 3)")
    parser.add_argument("--compare", metavar="REV", help="also build with Rhannu as it was at this git revision")
    args = parser.parse_args()
    print(HEADER, flush=True)
    rows = run(args.sizes, args.repeat, args.compare)
    if len(rows) > 1:
        smallest, largest = rows[0][1], rows[-1][1]
        print(
            f"\nlinearity: s per 1000 pages at N={rows[-1][0]} is {largest.per_thousand / smallest.per_thousand:.2f}x "
            f"that at N={rows[0][0]} (target: within 1.2x)"
        )


if __name__ == "__main__":
    main()
