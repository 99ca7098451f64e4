"""The `rhannu` command line for editors."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path

from rhannu import site_info
from rhannu.dates import build_date
from rhannu.errors import ContentErrors


def check(root: Path) -> int:
    """Validate all content with the build's own messages; 1 if anything would stop a strict build."""
    from rhannu.build import prepare

    try:
        build = prepare(root, build_date(), site_info.load(root))
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


def newsletter_email(root: Path, day: str, edition: str, as_text: bool) -> int:
    """Print the email edition of the issue published on `day` (or covering it)."""
    from rhannu.build import prepare

    try:
        wanted = dt.date.fromisoformat(day)
    except ValueError:
        print(f"DATE: expected YYYY-MM-DD; got {day!r}", file=sys.stderr)
        return 2
    try:
        build = prepare(root, build_date(), site_info.load(root))
    except ContentErrors as problems:
        print(problems, file=sys.stderr)
        return 1
    issue = next((issue for issue in build.issues if issue.published == wanted), None) or next(
        (issue for issue in build.issues if issue.start <= wanted < issue.published), None
    )
    if issue is None:
        published = ", ".join(issue.slug for issue in build.issues) or "none yet"
        print(f"no issue is published on or covers {wanted}; published issues: {published}", file=sys.stderr)
        return 1
    rendered = next(item for item in build.emails if item.issue == issue and item.edition == edition)
    sys.stdout.write(rendered.text if as_text else rendered.html)
    return 0


def network_fetch(root: Path) -> int:
    """Fetch the partner feeds into the cache; 1 if any could not be fetched."""
    from rhannu.network import fetch_all

    try:
        report = fetch_all(root)
    except ContentErrors as problems:
        print(problems, file=sys.stderr)
        return 1
    for line in report:
        print(line)
    if not report:
        print("no partner feeds are listed in data/networks.yml")
    return 1 if any("could not be fetched" in line for line in report) else 0


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
    preview = commands.add_parser(
        "preview",
        help="build and serve the site, updating it as you edit",
        description="Build the site and serve it with live reload. An edited case study or lesson "
        "shows at once; a full rebuild follows behind. Exit status: 0 when stopped, 1 when the "
        "first build fails.",
    )
    preview.add_argument("--host", default="127.0.0.1")
    preview.add_argument("--port", type=int, default=8000)
    newsletter = commands.add_parser("newsletter", help="the newsletter's email editions")
    newsletter_commands = newsletter.add_subparsers(dest="newsletter_command", required=True)
    email = newsletter_commands.add_parser(
        "email",
        help="print an issue's email edition",
        description="Print the email edition of the issue published on DATE (or whose fortnight holds DATE), "
        "ready to paste into a mailing service. Exit status: 0, or 1 when there is no such issue.",
    )
    email.add_argument("date", metavar="DATE", help="YYYY-MM-DD")
    email.add_argument("--lang", choices=["both", "cy", "en"], default="both",
                       help="both languages, Welsh first (default), or one language")
    email.add_argument("--text", action="store_true", help="the plain-text edition instead of HTML")
    network = commands.add_parser("network", help="partner networks' news")
    network_commands = network.add_subparsers(dest="network_command", required=True)
    network_commands.add_parser(
        "fetch",
        help="fetch the partner feeds into data/network-cache.json",
        description="Fetch every feed listed in data/networks.yml into data/network-cache.json, which "
        "builds read. A feed that cannot be fetched keeps its cached items. Exit status: 0, or 1 "
        "when any feed could not be fetched.",
    )
    return main


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    root = args.root.resolve()
    if args.command == "check":
        return check(root)
    if args.command == "preview":
        from rhannu.preview import serve

        return serve(root, args.host, args.port)
    if args.command == "newsletter":
        return newsletter_email(root, args.date, args.lang, args.text)
    if args.command == "network":
        return network_fetch(root)
    return 2


if __name__ == "__main__":
    sys.exit(main())
