"""The `rhannu` command line for editors."""

from __future__ import annotations

import argparse
import contextvars
import datetime as dt
import os
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rhannu.dates import build_date
from rhannu.errors import ContentErrors
from rhannu.links import is_email, is_name, shown
from rhannu.routes import BOTH

if TYPE_CHECKING:
    from rhannu.content_types import ContentType

# Each command imports what it needs: `rhannu build` starts its language builds sooner without the rest.


def checked_site(root: Path, publish: bool = False) -> Any:
    """The site as `rhannu check` checks it; ContentErrors for anything that would stop the build
    (or, with `publish`, for a placeholder an owner must set before publishing)."""
    from rhannu import site_info
    from rhannu.languages import CODES
    from rhannu.outputs import all_outputs
    from rhannu.pages import unsafe_sources
    from rhannu.site import prepare

    config = site_info.load_config(root)
    site = prepare(root, build_date(), site_info.from_config(config), Path(config.docs_dir))
    all_outputs(site, CODES)  # email editions over Gmail's size, paths written twice
    if unsafe := unsafe_sources(site, config.markdown_extensions, config.mdx_configs):
        raise ContentErrors(unsafe)
    if publish and (placeholders := site_info.placeholders(site.info)):
        raise ContentErrors(placeholders)
    return site


def check(root: Path, publish: bool = False) -> int:
    """Validate all content with the build's own messages; 1 if anything would stop a strict build
    (or, with `publish`, if the site still has a placeholder an owner must set before publishing)."""
    from rhannu.content_types import TYPES

    try:
        site = checked_site(root, publish)
    except ContentErrors as problems:
        for error in problems.errors:
            print(f"ERROR: {error}", file=sys.stderr)
        print(problems.summary(), file=sys.stderr)
        return 1
    messages = site.messages()
    if publish and site.issues and not site.settings.list_unsubscribe:
        messages.append(("warning", UNSENDABLE_WARNING))
    for level, message in messages:
        if level == "warning":
            print(f"WARNING: {message}", file=sys.stderr)
        elif message.startswith(("Left out", "Newsletter items in no issue")):
            print(message)
    counts = [f"{len(site.content.of(kind))} {kind.editor_names[len(site.content.of(kind)) != 1]}" for kind in TYPES]
    print(f"{', '.join(counts[:-1])} and {counts[-1]} checked; {len(site.issues)} newsletter issues")
    return 1 if any(level == "warning" for level, _ in messages) else 0


UNSENDABLE_WARNING = (
    "data/newsletter.yml: email.list_unsubscribe is empty, so the message files beside each issue "
    "(email.eml) have no unsubscribe address and cannot be sent to subscribers as they are; set the "
    "address your mailing service gives for unsubscribing (https:// or mailto:)"
)


def _parse_day(day: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(day)
    except ValueError:
        print(f"DATE: expected YYYY-MM-DD; got {day!r}", file=sys.stderr)
        return None


def _site_and_issue(root: Path, day: str, edition: str | None = None) -> tuple[Any, Any] | int:
    """The prepared site and the issue published on `day` (or covering it), with an `edition` of
    the site's (all_editions: its languages are the site's); else an exit status."""
    from rhannu import site_info
    from rhannu.email import all_editions
    from rhannu.site import prepare

    wanted = _parse_day(day)
    if wanted is None:
        return 2
    try:
        site = prepare(root, build_date(), site_info.load(root))
    except ContentErrors as problems:
        print(problems, file=sys.stderr)
        return 1
    if edition is not None and edition not in all_editions():
        print(f"--lang: expected one of {', '.join(all_editions())}; got {edition!r}", file=sys.stderr)
        return 2
    issue = next((issue for issue in site.issues if issue.published == wanted), None) or next(
        (issue for issue in site.issues if (issue.start or dt.date.min) <= wanted < issue.published), None
    )
    if issue is None:
        published = ", ".join(issue.slug for issue in site.issues) or "none yet"
        print(f"no issue is published on or covers {wanted}; published issues: {published}", file=sys.stderr)
        return 1
    return site, issue


def newsletter_email(root: Path, day: str, edition: str, as_text: bool) -> int:
    """Print the email edition of the issue published on `day` (or covering it)."""
    from rhannu.email import render_html, render_text

    found = _site_and_issue(root, day, edition)
    if isinstance(found, int):
        return found
    site, issue = found
    render = render_text if as_text else render_html
    sys.stdout.write(render(issue, edition, site.info, site.settings.unsubscribe))
    if not site.settings.list_unsubscribe:
        print(UNSENDABLE_NOTE, file=sys.stderr)
    return 0


UNSENDABLE_NOTE = (
    "Note: data/newsletter.yml has no email.list_unsubscribe. What is printed here can be sent only by a mailing "
    "service that replaces the unsubscribe merge tag with each reader's link; the message files (email.eml) "
    "cannot be sent to subscribers as they are."
)


MAX_TEST_RECIPIENTS = 10  # test copies for the editors, not a mailing list


def newsletter_send(root: Path, args: argparse.Namespace) -> int:
    """Send test copies of an edition through an SMTP server; 1 when it cannot be sent."""
    from rhannu.message import edition_message
    from rhannu.smtp import SendError, Server, send

    if len(args.to) > MAX_TEST_RECIPIENTS:
        print(
            f"--to: at most {MAX_TEST_RECIPIENTS} addresses: this sends test copies; your mailing service sends the "
            "newsletter to its readers",
            file=sys.stderr,
        )
        return 2
    if not args.server:
        print("--server: give the SMTP server (or set RHANNU_SMTP_SERVER)", file=sys.stderr)
        return 2
    if bad := _bad_send_arguments(args):
        print(bad, file=sys.stderr)
        return 2
    found = _site_and_issue(root, args.date, args.lang)
    if isinstance(found, int):
        return found
    site, issue = found
    sender = args.sender or site.info.contact_email
    if not sender:
        print("--from: give the sender's address (mkdocs.yml has no extra.contact.email)", file=sys.stderr)
        return 2
    message = edition_message(issue, args.lang, site.info, site.settings.list_unsubscribe, test=True)
    server = Server(args.server, args.port, args.starttls, args.user, os.environ.get("RHANNU_SMTP_PASSWORD"))
    try:
        send(message, server, sender, args.to)
    except SendError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"sent '{message['Subject']}' to {', '.join(args.to)} through {server.name}")
    return 0


def _bad_send_arguments(args: argparse.Namespace) -> str | None:
    """The first address or name that could add a header or a recipient (a line break, a comma)."""
    for option, value in [*(("--to", address) for address in args.to), ("--from", args.sender)]:
        if value is not None and not is_email(value):
            return f"{option}: expected one email address, such as editor@example.org, on one line; got {shown(value)}"
    for option, value in (("--server", args.server), ("--user", args.user)):
        if value is not None and not is_name(value):
            return f"{option} (or its RHANNU_SMTP_ setting): expected a name on one line with no spaces; got {shown(value)}"
    return None


def network_fetch(root: Path, allow_loopback: bool = False) -> int:
    """Fetch the partner feeds into the cache; 1 if any could not be fetched."""
    from rhannu.network import FetchOptions, fetch_all

    try:
        report = fetch_all(root, FetchOptions(allow_loopback=allow_loopback))
    except ContentErrors as problems:
        print(problems, file=sys.stderr)
        return 1
    for line in report:
        print(line)
    if not report:
        print("no partner feeds are listed in data/networks.yml")
    return 1 if any("could not be fetched" in line for line in report) else 0


def new(root: Path, kind: str, title: str) -> int:
    """Write a new item, a file in each of the site's languages with placeholders, and print its paths."""
    from rhannu.content_types import build_types, use_types
    from rhannu.labels import use_site_words
    from rhannu.languages import use_languages
    from rhannu.scaffold import TitleProblem, new_case_study, new_item, slugify
    from rhannu.site_schema import load_schema
    from rhannu.taxonomy import load_taxonomy

    today = build_date()
    schema = load_schema(root)
    use_site_words(schema.labels)  # the placeholders are in the site's own words
    use_languages(schema.languages)  # a file in each of its languages
    types = build_types(schema.types)
    use_types(types)
    with_pages = {declared.singular: declared for declared in types if declared.behaviour == "items-with-pages"}
    try:
        if kind in with_pages:
            if taken := _taken_page(root, slugify(title), with_pages[kind]):
                print(taken, file=sys.stderr)
                return 1
            paths = new_case_study(root, title, today, load_taxonomy(root), with_pages[kind])
        elif kind not in ("item", "event"):
            print(f"rhannu new: this site has no '{kind}': expected {', '.join([*with_pages, 'item', 'event'])}", file=sys.stderr)
            return 1
        else:
            paths = new_item(root, title, today, "news" if kind == "item" else "event")
    except FileExistsError as exists:
        print(f"already exists: {exists}; choose another title", file=sys.stderr)
        return 1
    except TitleProblem as problem:
        print(problem, file=sys.stderr)
        return 1
    for path in paths:
        print(path.relative_to(root))
    print(
        f"Replace every TODO in {'both files' if len(paths) == 2 else 'each file'}; 'rhannu check' lists what is left.",
        file=sys.stderr,
    )
    return 0


def _taken_page(root: Path, slug: str, kind: ContentType) -> str | None:
    """Why a new item of a type with pages (a case study, a resource) named `slug` cannot have its
    page, where the site's address table already gives that address to something else (a listing,
    a page, a feed's folder)."""
    from rhannu import site_info
    from rhannu.addresses import page_file, taken
    from rhannu.languages import CODES
    from rhannu.site import prepare
    from rhannu.urls import url

    if not slug:
        return None  # no name at all: the scaffold says so
    try:
        site = prepare(root, build_date(), site_info.load(root))
    except ContentErrors:
        return None  # `rhannu check` reports those; the new files are checked with the rest then
    own = {f"{kind.folder}/{slug}.md", f"{kind.folder}/{slug}.cy.md"}  # an existing pair: the scaffold says so
    for lang in CODES:
        path = page_file(url(f"{kind.address}/{slug}", lang))
        if (owner := taken(site.addresses, path)) and owner.source not in own:
            return f"the address '{path}' is taken by {owner.what}; choose another title"
    return None


def translations(root: Path, mark_page: str | None) -> int:
    """The status of every page's translation (Welsh), or mark one as translated from today's English."""
    from rhannu.languages import DEFAULT, OTHERS, use_languages
    from rhannu.site_languages import site_languages
    from rhannu.translations import MISSING, STALE, mark, statuses

    use_languages(site_languages(root))

    if mark_page is not None:
        try:
            done = mark(root, mark_page)
        except ValueError as problem:
            print(problem, file=sys.stderr)
            return 1
        print(f"{done.welsh}: marked as translated from {done.english} as it stands now")
        return 0
    rows = statuses(root)
    original, translation = DEFAULT.english_name, OTHERS[0].english_name if len(OTHERS) == 1 else "Translation"
    width = max([len(original), *(len(row.english) for row in rows)])
    print(f"{original:{width}}  {translation + ' status' if len(OTHERS) == 1 else 'Status':12}  {translation}")
    for row in rows:
        print(f"{row.english:{width}}  {row.status:12}  {row.welsh}")
    counts = {status: sum(row.status == status for row in rows) for status in ("present", MISSING, STALE)}
    print(f"{len(rows)} pages: " + ", ".join(f"{count} {status}" for status, count in counts.items()))
    return 1 if counts[MISSING] or counts[STALE] else 0


def newsletter_preview(root: Path, day: str) -> int:
    """What the issue covering `day` holds, in both languages, published yet or not."""
    from rhannu.content import load_content
    from rhannu.issue_text import issue_title
    from rhannu.labels import label, use_site_words
    from rhannu.languages import CODES
    from rhannu.network import load_cache
    from rhannu.newsletter import assemble, load_settings, previous_issue_day
    from rhannu.views import text_in

    wanted = _parse_day(day)
    if wanted is None:
        return 2
    try:
        settings = load_settings(root)
        launched = settings.first_issue is not None
        if not launched:  # show what the issue would hold, as if the newsletter had started
            settings = replace(settings, first_issue=settings.cadence.anchor)
        first = settings.first_issue or settings.cadence.anchor
        published = max(settings.cadence.next_day(wanted), first)
        content = load_content(root, published)
        use_site_words(content.taxonomy.schema.labels)
    except ContentErrors as problems:
        print(problems, file=sys.stderr)
        return 1
    issue = next(
        (issue for issue in assemble(content, settings, published, load_cache(root)) if issue.published == published), None
    )
    if not launched:
        print("The newsletter has not launched on this site (first_issue is empty in data/newsletter.yml), so no issue is built;")
        print(f"were it launched on {first}, this is what the issue of {published} would hold.")
    when = "published" if launched and published <= build_date() else "to be published"
    if published == first:
        covers = "with everything published before it"
    else:
        since, until = previous_issue_day(settings.cadence, published), published - dt.timedelta(days=1)
        covers = f"covering what was published from {since} to {until}"
    if issue is None:
        print(
            f"The issue day {published}, {covers}: nothing is published then yet, "
            "so there will be no issue unless something is added."
        )
        return 0
    name = "The issue" if issue.number is None else f"Issue {issue.number}"
    print(f"{name}, {when} on {published}, {covers}")
    for lang in CODES:  # Welsh first
        print(f"\n{issue_title(issue, lang)}")
        for section in issue.sections:
            print(f"  {label(lang, section.key)}:")
            for item in section.items:
                if section.style == "network":
                    print(f"    - {item.title} ({label(lang, 'in_' + item.lang)}, {item.feed})")
                else:
                    print(f"    - {text_in(item, lang).title}")
    return 0


def _page_kinds(argv: Sequence[str] | None) -> tuple[tuple[str, str], ...]:
    """`rhannu new`'s kinds of item with pages, from the site's schema (data/schema.yml): each
    type's singular name ('case-study', 'resource') and what it writes. Today's case studies where
    the schema cannot be read: `rhannu check` reports why."""
    from rhannu.content_types import build_types
    from rhannu.site_schema import load_schema

    early = argparse.ArgumentParser(add_help=False)
    early.add_argument("--root", type=Path, default=Path("."))
    root = early.parse_known_args(argv)[0].root
    try:
        types = build_types(load_schema(root).types)
    except (ContentErrors, OSError):
        return (("case-study", "a case study in case_studies/"),)
    return tuple(
        (kind.singular, f"a {kind.editor_names[0]} in {kind.folder}/") for kind in types if kind.behaviour == "items-with-pages"
    )


def parser(
    page_kinds: tuple[tuple[str, str], ...] = (("case-study", "a case study in case_studies/"),),
) -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="rhannu", description="Tools for the Rhannu site's editors.")
    main.add_argument("--root", type=Path, default=Path("."), help="the project folder (default: here)")
    commands = main.add_subparsers(dest="command", required=True)
    init_parser = commands.add_parser(
        "init",
        help="create a new bilingual site in a new folder",
        description="Create a new bilingual (Welsh/English) site in PATH: mkdocs.yml, the data files, the pages "
        "every site needs in both languages, a neutral logo and colours, and one example case study, lesson, news "
        "item and event in each language, ready to check, preview and build. PATH must not exist or be an empty "
        "folder. Without --name and --name-cy the site keeps a placeholder name, which 'rhannu check --publish' "
        "refuses. Exit status: 0, 1 when PATH exists and is not empty (nothing is written), 2 for bad arguments.",
    )
    init_parser.add_argument("path", metavar="PATH", type=Path, help="the new site's folder")
    init_parser.add_argument("--name", help="the site's name in English (with --name-cy)")
    init_parser.add_argument("--name-cy", help="the site's name in Welsh (with --name)")
    check_parser = commands.add_parser(
        "check",
        help="validate all content without building",
        description="Check every case study, lesson and page, reporting each problem as the build would. "
        "Exit status: 0 when all is well, 1 when anything would stop a strict build.",
    )
    check_parser.add_argument(
        "--publish",
        action="store_true",
        help="also refuse placeholders an owner must replace before publishing (site_url, the contact address)",
    )
    build_parser = commands.add_parser(
        "build",
        help="build the site into a folder, swapping it in only when the build has succeeded",
        description="Build the site (strict) into a fresh folder beside SITE_DIR and swap it in under a lock "
        "when the build succeeds, so an interrupted build never leaves a half-built site. SITE_DIR is replaced "
        "whole, so it must be a folder of its own: not the project or a folder holding it, not a source folder "
        "(docs, case_studies, data...) or a folder in one, and not a folder of other files. "
        "Exit status: the build's (0 when it succeeded), 1 for a refused SITE_DIR, 130 when stopped with Ctrl-C.",
    )
    build_parser.add_argument("--site-dir", type=Path, default=Path("site"), help="where the built site goes (default: site)")
    preview = commands.add_parser(
        "preview",
        help="build and serve the site, updating it as you edit",
        description="Build the site and serve it with live reload. An edited case study or lesson "
        "shows at once; a full rebuild follows behind. Exit status: 0 when stopped, 1 when the "
        "first build fails.",
    )
    preview.add_argument("--host", default="127.0.0.1")
    preview.add_argument("--port", type=int, default=8000)
    edit = commands.add_parser(
        "edit",
        help="edit the content in the browser, with the preview beside it",
        description="Build the site and serve it as 'rhannu preview' does, with the content editor at /admin/ "
        "(both languages side by side). A save is checked as 'rhannu check' checks the site: one the build "
        "would refuse is refused with its messages and nothing is written; otherwise the files are written "
        "to the project and the preview shows them. Serves on this machine only. Exit status: 0 when "
        "stopped, 1 when the first build fails.",
    )
    edit.add_argument("--host", default="127.0.0.1")
    edit.add_argument("--port", type=int, default=8000)
    new_parser = commands.add_parser("new", help="start new content in each of the site's languages")
    new_kinds = new_parser.add_subparsers(dest="new_kind", required=True)
    for kind, what in (
        *page_kinds,
        ("item", "a newsletter news item in newsletters/"),
        ("event", "a newsletter event in newsletters/"),
    ):
        sub = new_kinds.add_parser(
            kind,
            help=f"write {what}",
            description=f"Write {what} as a file in each of the site's languages (English and Welsh) with every field, "
            "dated today, and TODO placeholders that the build refuses until they are replaced; print their paths. "
            "Exit status: 0, or 1 when a file of that name exists or the title has no Latin letters.",
        )
        sub.add_argument("title", help="the English title; the file name is made from it")
    translations_parser = commands.add_parser(
        "translations",
        help="which Welsh pages are present, missing or stale",
        description="List every page and its Welsh status: present, missing, or stale (its English "
        "changed after it was translated). Exit status: 0 when every page is present and current, "
        "1 otherwise.",
    )
    translation_commands = translations_parser.add_subparsers(dest="translations_command")
    mark_parser = translation_commands.add_parser(
        "mark",
        help="record that a Welsh page translates the English as it stands",
        description="Write translated_from into the Welsh file of PAGE, recording the English it "
        "now translates. Run it when the translation is done. Exit status: 0, or 1 when PAGE has no pair.",
    )
    mark_parser.add_argument("page", metavar="PAGE", help="either file of the pair, e.g. case_studies/x.md")
    newsletter = commands.add_parser("newsletter", help="the newsletter's issues and email editions")
    newsletter_commands = newsletter.add_subparsers(dest="newsletter_command", required=True)
    email = newsletter_commands.add_parser(
        "email",
        help="print an issue's email edition",
        description="Print the email edition of the issue published on DATE (or of the issue period that holds DATE), "
        "ready to paste into a mailing service. Exit status: 0, or 1 when there is no such issue.",
    )
    email.add_argument("date", metavar="DATE", help="YYYY-MM-DD")
    preview_issue = newsletter_commands.add_parser(
        "preview",
        help="what the issue covering DATE will contain",
        description="Show, in Welsh and English, what goes into the issue for the issue period that holds DATE, "
        "whether or not it is published yet (drafts are left out). Exit status: 0, or 1 on errors.",
    )
    preview_issue.add_argument("date", metavar="DATE", help="YYYY-MM-DD")
    email.add_argument("--lang", default=BOTH, help="all the site's languages, Welsh first (both, the default), or one: cy, en")
    email.add_argument("--text", action="store_true", help="the plain-text edition instead of HTML")
    send = newsletter_commands.add_parser(
        "send",
        help="send yourself test copies of an issue's email edition",
        description="Send test copies ('[TEST]' in the subject) of the email edition of the issue published on "
        "DATE (or of the issue period that holds DATE) through an SMTP server, to check the edition in real mail "
        "clients before your mailing service sends it. It is not for sending the newsletter to readers: at "
        f"most {MAX_TEST_RECIPIENTS} addresses. The server, port, STARTTLS and user come from the options or "
        "from RHANNU_SMTP_SERVER, RHANNU_SMTP_PORT, RHANNU_SMTP_STARTTLS (yes/no) and RHANNU_SMTP_USER; the "
        "password only from RHANNU_SMTP_PASSWORD. Exit status: 0 sent, 1 when there is no such issue or the "
        "server refuses, 2 for bad arguments.",
    )
    send.add_argument("date", metavar="DATE", help="YYYY-MM-DD")
    send.add_argument("--to", nargs="+", required=True, metavar="ADDRESS", help="who gets a test copy")
    send.add_argument("--lang", default=BOTH, help="all the site's languages, Welsh first (both, the default), or one: cy, en")
    send.add_argument("--from", dest="sender", metavar="ADDRESS", help="the sender (default: extra.contact.email)")
    send.add_argument("--server", default=os.environ.get("RHANNU_SMTP_SERVER"), help="the SMTP server's host name")
    send.add_argument("--port", type=int, default=os.environ.get("RHANNU_SMTP_PORT", "587"), help="default 587")
    send.add_argument(
        "--starttls",
        action=argparse.BooleanOptionalAction,
        default=os.environ.get("RHANNU_SMTP_STARTTLS", "yes").lower() not in ("no", "false", "0"),
        help="encrypt the connection with STARTTLS (default: yes)",
    )
    send.add_argument("--user", default=os.environ.get("RHANNU_SMTP_USER"), help="log in as this user")
    network = commands.add_parser("network", help="partner networks' news")
    network_commands = network.add_subparsers(dest="network_command", required=True)
    fetch = network_commands.add_parser(
        "fetch",
        help="fetch the partner feeds into data/network-cache.json",
        description="Fetch every feed listed in data/networks.yml into data/network-cache.json, which "
        "builds read. A feed that cannot be fetched keeps its cached items. Only public addresses are "
        "fetched (never private, local or shared networks, directly or by redirect), proxy settings are "
        "ignored, and each feed is limited in size, time (60 s in all) and items kept; partner text is "
        "kept as plain text. Exit status: 0, or 1 when any feed could not be fetched.",
    )
    fetch.add_argument("--allow-loopback", action="store_true", help="also fetch from this machine (for tests)")
    return main


INTERRUPTED = 128 + 2  # what a shell reports for a command stopped by SIGINT (Ctrl-C)


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = parser(_page_kinds(argv)).parse_args(argv)
        # a context of its own, so the site's words a command puts in place (rhannu.labels) end with it
        return contextvars.copy_context().run(_run, args, args.root.resolve())
    except ContentErrors as problems:  # anything an editor can mend, from any command: no traceback
        for error in problems.errors:
            print(f"ERROR: {error}", file=sys.stderr)
        print(problems.summary(), file=sys.stderr)
        return 1
    except KeyboardInterrupt:  # every command writes whole files or none, and builds swap in whole sites
        print("rhannu: interrupted; nothing was left half-written", file=sys.stderr)
        return INTERRUPTED


def init(path: Path, name: str | None, name_cy: str | None) -> int:
    """Create a new site in `path` from the starter site, and say what to do next."""
    from rhannu.new_site import InitProblem, create_site, name_problem, next_steps

    if (name is None) != (name_cy is None):
        print("--name and --name-cy: give the site's name in both languages, or neither", file=sys.stderr)
        return 2
    names = None if name is None or name_cy is None else {"en": name, "cy": name_cy}
    if names and (problem := name_problem(names["en"], "--name") or name_problem(names["cy"], "--name-cy")):
        print(problem, file=sys.stderr)
        return 2
    try:
        create_site(path, names)
    except InitProblem as problem:
        print(problem, file=sys.stderr)
        return 1
    print(next_steps(path, names is not None))
    return 0


def _run(args: argparse.Namespace, root: Path) -> int:
    if args.command == "init":
        return init(args.path, args.name, args.name_cy)
    if args.command == "check":
        return check(root, args.publish)
    if args.command == "build":
        from rhannu.publish import build

        return build(root, args.site_dir if args.site_dir.is_absolute() else Path.cwd() / args.site_dir)
    if args.command == "preview":
        from rhannu.preview import serve

        return serve(root, args.host, args.port)
    if args.command == "edit":
        from rhannu.edit_server import serve as serve_editor

        return serve_editor(root, args.host, args.port)
    if args.command == "new":
        return new(root, args.new_kind, args.title)
    if args.command == "translations":
        return translations(root, getattr(args, "page", None))
    if args.command == "newsletter" and args.newsletter_command == "preview":
        return newsletter_preview(root, args.date)
    if args.command == "newsletter" and args.newsletter_command == "send":
        return newsletter_send(root, args)
    if args.command == "newsletter":
        return newsletter_email(root, args.date, args.lang, args.text)
    if args.command == "network":
        return network_fetch(root, args.allow_loopback)
    return 2


if __name__ == "__main__":
    sys.exit(main())
