"""Checks a built site as readers meet it, before it is published: axe-core (accessibility) in
Chromium and the Nu HTML checker on every web page. One line per problem,

    <page address>: <rule>: <what the page must do> (<the element>)

then what to do about them; exit status 1 on any problem, 2 when a checker is missing.

    python -m rhannu.site_check SITE_FOLDER      (scripts/check-built-site does this)

run in the site's project folder (where its Markdown and node_modules/vnu-jar are). It needs the
`check` extra (`pip install rhannu[check]`: Playwright and axe-core), Debian's Chromium and Java.

The rules are the test suite's (tests/test_browser.py, tests/test_quality.py), applied to every
page of the site about to go live rather than to one page of each type. Email editions
(email*.html) are email HTML with rules of their own (tests/test_email.py), so they are left out.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlparse

from rhannu.content_types import LOCAL_ADDRESSES
from rhannu.editor_files import BUNDLE
from rhannu.routes import ADMIN
from rhannu.site_languages import site_languages
from rhannu.static_host import serve

if TYPE_CHECKING:
    from playwright.sync_api import Browser

# The Nu HTML checker, from npm (vnu-jar) in the project folder the check runs in.
VNU = Path(os.environ.get("RHANNU_VNU_JAR") or Path.cwd() / "node_modules/vnu-jar/build/dist/vnu.jar")
CHROMIUM = Path(os.environ.get("RHANNU_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# axe-core's rules as the tests and the pre-deploy check apply them: WCAG 2.0, 2.1 and 2.2 A and
# AA, and best practices.
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}
# The published editor's page (rhannu.hosted_editor) is Decap's own interface, which Rhannu does
# not write: axe checks only what the page itself holds there (its language, title and viewport).
EDITOR_PAGE_RULES = {
    "runOnly": {
        "type": "rule",
        "values": [
            "document-title",
            "html-has-lang",
            "html-lang-valid",
            "html-xml-lang-mismatch",
            "valid-lang",
            "meta-viewport",
            "meta-viewport-large",
            "meta-refresh",
        ],
    },
    "resultTypes": ["violations"],
}
ELEMENT_LIMIT = 160  # characters of an element's HTML shown in a problem line


@dataclass(frozen=True)
class Problem:
    page: str  # the page's address on the site: /cy/about/
    rule: str  # axe's rule id, or "html" for the Nu HTML checker
    help: str  # what the page must do, in the checker's words
    element: str  # the offending element's HTML, shortened
    more: str = ""  # where the rule is explained

    def __str__(self) -> str:
        return f"{self.page}: {self.rule}: {self.help} ({self.element})"


class MissingChecker(Exception):
    """A checker this needs is not installed; the message says how to install it."""


def _short(html: str) -> str:
    html = " ".join(html.split())
    return html if len(html) <= ELEMENT_LIMIT else html[: ELEMENT_LIMIT - 1] + "…"


def html_pages(site: Path) -> list[Path]:
    """The site's web pages: every HTML file but the newsletter's email editions, which are
    email HTML with rules of their own."""
    return sorted(page for page in site.rglob("*.html") if not page.name.startswith("email"))


def url_of(site: Path, page: Path) -> str:
    """The site-relative URL a page is served at: 'about/', 'cy/about/', '404.html'."""
    relative = page.relative_to(site).as_posix()
    return relative[: -len("index.html")] if relative.endswith("index.html") else relative


def _address(site: Path, page: Path) -> str:
    return "/" + url_of(site, page)


def is_published_editor(site: Path, page: Path) -> bool:
    """Whether `page` is the editor's page the build publishes beside Decap and its config.yml."""
    admin = site / ADMIN
    return page == admin / "index.html" and (admin / "config.yml").is_file() and (admin / BUNDLE).is_file()


def axe_problems(site: Path, pages: list[Path], browser: Browser) -> list[Problem]:
    """axe-core's violations on each page, loaded from a local static host in the browser."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    problems: list[Problem] = []
    with serve(site) as base:
        context = browser.new_context(base_url=base)
        tab = context.new_page()
        for page in pages:
            address = _address(site, page)
            response = tab.goto(address.lstrip("/"))
            if response is None or response.status != 200:
                status = response.status if response else "no response"
                problems.append(Problem(address, "page-loads", f"the page did not load (HTTP {status})", address))
                continue
            options = EDITOR_PAGE_RULES if is_published_editor(site, page) else AXE_OPTIONS
            for item in axe.run(tab, options=options).response["violations"]:
                for node in item["nodes"]:
                    element = _short(node.get("html") or " ".join(map(str, node["target"])))
                    problems.append(Problem(address, item["id"], item["help"], element, item.get("helpUrl", "")))
        context.close()
    return problems


def nu_problems(site: Path, pages: list[Path]) -> list[Problem]:
    """The Nu HTML checker's errors on each page's file, as the tests run it (--errors-only)."""
    java = shutil.which("java")
    if java is None or not VNU.exists():
        raise MissingChecker("the Nu HTML checker needs Java (apt-get install default-jre-headless) and `npm ci` (vnu-jar)")
    done = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", "--stdout", *map(str, pages)],
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        messages = json.loads(done.stdout)["messages"]
    except (ValueError, KeyError):
        raise MissingChecker(f"the Nu HTML checker did not run: {done.stderr.strip() or done.stdout.strip()}") from None
    problems: list[Problem] = []
    for message in messages:
        if message.get("type") not in ("error", "non-document-error"):
            continue
        path = Path(unquote(urlparse(message.get("url", "")).path))
        address = _address(site, path) if path.is_relative_to(site) else str(path)
        extract = message.get("extract", "")
        start, length = message.get("hiliteStart"), message.get("hiliteLength")
        if isinstance(start, int) and isinstance(length, int) and length:
            extract = extract[start : start + length]
        line = message.get("lastLine")
        element = _short(extract) + (f", line {line}" if line else "")
        problems.append(Problem(address, "html", message.get("message", "invalid HTML"), element))
    return problems


# What an editor can do about the problems their content can cause, in plain words.
EDITOR_HINTS = {
    "image-alt": "describe each image in the Markdown: ![what the image shows](picture.png); ![](picture.png) only "
    "for an image that is pure decoration",
    "link-name": "give each link words that say where it goes: [the year-one report](https://...), not a bare link "
    "or an image alone",
    "heading-order": "use headings in order: ## under the page title, ### under ##, without skipping a level",
    "empty-heading": "remove the empty heading (a line holding only #, ## or ###)",
    "page-has-heading-one": "give the page one main heading: a page in docs/ starts with '# Its title'; case studies and "
    "lessons take theirs from title: in the front matter",
    "duplicate-id": "two headings or elements share one name: reword one of the headings",
    "color-contrast": "text is too faint against its background: remove colour written into the Markdown, or tell the "
    "developers if it is the theme",
    "html": "usually raw HTML written in the Markdown: correct it or write it as Markdown; if the page has none, tell "
    "the developers (the templates: the site's own in overrides/, or Rhannu's)",
}


def source_of(address: str, project: Path | None = None) -> str | None:
    """The Markdown file of `project` (the current folder unless given) a page is most likely made
    from, when there is one by that name."""
    project = project or Path.cwd()
    path = address.strip("/")
    suffix = ".md"
    others = (lang.code for lang in site_languages(project).others)
    if (code := next((code for code in others if path == code or path.startswith(f"{code}/")), None)) is not None:
        path, suffix = path[len(code) + 1 :], f".{code}.md"
    folder, _, name = path.partition("/")
    folder = next((english for english, names in LOCAL_ADDRESSES.items() if folder in names.values()), folder)
    candidates = [f"docs/{path or 'index'}{suffix}", f"docs/{path}/index{suffix}"]
    if folder in ("case-studies", "lessons") and name and "/" not in name.rstrip("/"):
        candidates.insert(0, f"{folder.replace('-', '_')}/{name.rstrip('/')}{suffix}")
    found = next((candidate for candidate in candidates if (project / candidate).is_file()), None)
    if found is None and suffix != ".md" and path:  # a Welsh (or other language's) page named by its `slug`
        where = folder.replace("-", "_") if folder in ("case-studies", "lessons") else "docs"
        slug = path.rsplit("/", 1)[-1]
        named = (
            file
            for file in sorted((project / where).rglob(f"*{suffix}"))
            if f"\nslug: {slug}\n" in file.read_text(encoding="utf-8")
        )
        found = next((file.relative_to(project).as_posix() for file in named), None)
    return found


def report(problems: Iterable[Problem], checked: int) -> str:
    problems = sorted(problems, key=lambda problem: problem.page)  # each page's problems together, axe's first
    if not problems:
        return f"{checked} web pages checked: no accessibility or HTML problems."
    pages = sorted({problem.page for problem in problems})
    explained = {problem.rule: problem.more for problem in problems if problem.more}
    lines = [str(problem) for problem in problems]
    lines += [
        "",
        f"{len(problems)} problems on {len(pages)} of {checked} web pages: the site is not published until they are fixed.",
        "Each line gives the page's address, the check that failed, what the page must do, and the element at fault.",
        "Change the page's source, then build and check again (scripts/check-built-site SITE_FOLDER). A page under /cy/",
        "comes from the Welsh file (x.cy.md); a newsletter issue from its items in newsletters/; a problem on every",
        "page from a template (the site's own in overrides/, or Rhannu's).",
    ]
    sources = {page: source_of(page) for page in pages}
    lines += [f"Source of {page}: {source}" for page, source in sources.items() if source]
    rules = sorted({problem.rule for problem in problems})
    lines += [f"What to do ({rule}): {EDITOR_HINTS[rule]}" for rule in rules if rule in EDITOR_HINTS]
    lines += [f"More about {rule}: {url}" for rule, url in sorted(explained.items())]
    if "html" in rules:
        lines.append("More about html: each message is the Nu HTML checker's (https://validator.w3.org/nu/).")
    return "\n".join(lines)


def check(site: Path, browser: Browser) -> int:
    """Checks the site with a running browser, prints the report; 0, or 1 on any problem."""
    pages = html_pages(site)
    problems = axe_problems(site, pages, browser) + nu_problems(site, pages)
    print(report(problems, len(pages)))
    return 1 if problems else 0


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not (Path(argv[0]) / "index.html").is_file():
        print("usage: scripts/check-built-site SITE_FOLDER (a built site, with index.html at its top)", file=sys.stderr)
        return 2
    try:
        if not CHROMIUM.exists():
            raise MissingChecker(f"{CHROMIUM} not found: install Debian's chromium (apt-get install chromium)")
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            try:
                return check(Path(argv[0]).resolve(), browser)
            finally:
                browser.close()
    except MissingChecker as error:
        print(f"cannot check the site: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
