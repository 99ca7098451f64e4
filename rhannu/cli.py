"""The `rhannu` command line for editors."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from rhannu.dates import build_date
from rhannu.errors import ContentErrors


def check(root: Path) -> int:
    """Validate all content with the build's own messages; 1 if anything would stop a strict build."""
    from rhannu.build import prepare

    try:
        build = prepare(root, build_date())
    except ContentErrors as problems:
        for error in problems.errors:
            print(f"ERROR: {error}", file=sys.stderr)
        print(problems.summary(), file=sys.stderr)
        return 1
    twins = [twin.message() for twin in build.missing_twins]
    for message in twins:
        print(f"WARNING: {message}", file=sys.stderr)
    if message := build.excluded_message():
        print(message)
    content = build.content
    print(
        f"{len(content.case_studies)} case studies, {len(content.lessons)} lessons and "
        f"{len(content.news)} newsletter items checked; {len(build.issues)} newsletter issues"
    )
    return 1 if twins else 0


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="rhannu", description="Tools for the Rhannu site's editors.")
    main.add_argument("--root", type=Path, default=Path("."), help="the project folder (default: here)")
    commands = main.add_subparsers(dest="command", required=True)
    commands.add_parser(
        "check",
        help="validate all content without building",
        description="Check every case study, lesson and page, reporting each problem as the build would. "
        "Exit status: 0 when all is well, 1 when anything would stop a strict build.",
    )
    return main


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.command == "check":
        return check(args.root.resolve())
    return 2


if __name__ == "__main__":
    sys.exit(main())
