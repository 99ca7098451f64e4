"""Where every output of the build is published: pure functions from records to site paths.

Renderers and the address table (rhannu.addresses) take the address of the newsletter's issues
and archive, the email editions and their message files, the feeds, the events calendars, the
catalogue and its schema, the citation files, the 404 pages and `_redirects` from here, so that
no renderer needs another to know where something lives. Item pages keep their paths in
rhannu.content_types (`ContentType.path`), facet pages theirs in rhannu.views (`facet_path`).

Paths are site-relative, without a leading slash: 'newsletters/2025-03-06/', 'cy/feed.xml'.
"""

from __future__ import annotations

from rhannu.content_types import NEWSLETTERS, CaseStudy, Lesson, faceted_type, page_path
from rhannu.languages import root
from rhannu.newsletter import Issue
from rhannu.urls import url

SUBSCRIBE = "subscribe"  # the page (docs/subscribe.md) that says how to subscribe

# --- The newsletter ------------------------------------------------------------------------------

NEWSLETTER_ARCHIVE = f"{NEWSLETTERS}/index"  # the page listing every issue


def issue_path(issue: Issue) -> str:
    """The page path of an issue: 'newsletters/2025-03-06'."""
    return f"{NEWSLETTERS}/{issue.slug}"


BOTH = "both"  # the bilingual email edition, Welsh first


def email_name(edition: str) -> str:
    """'email' for the bilingual edition, 'email.cy' for a one-language one."""
    return "email" if edition == BOTH else f"email.{edition}"


def edition_file(issue: Issue, edition: str, suffix: str) -> str:
    """Where the build writes an edition's file ('html', 'txt'; 'eml' for its message file), beside
    the English page of its issue for every edition."""
    return f"{issue_path(issue)}/{email_name(edition)}.{suffix}"


def edition_paths(issue: Issue, lang: str) -> tuple[str, str]:
    """The one-language edition of an issue and its text twin: (html, txt)."""
    return edition_file(issue, lang, "html"), edition_file(issue, lang, "txt")


def message_path(issue: Issue, edition: str) -> str:
    """The message file (.eml) an editor sends an edition with."""
    return edition_file(issue, edition, "eml")


# --- Feeds and calendars -------------------------------------------------------------------------


def feed_path(kind: str, lang: str) -> str:
    """'newsletters' -> newsletters/feed.xml; 'all' -> feed.xml; under cy/ for Welsh."""
    base = url(NEWSLETTER_ARCHIVE if kind == "newsletters" else "index", lang)
    return f"{base}feed.xml"


def language_feeds(lang: str) -> list[tuple[str, str]]:
    """(label key, path) of the feeds every page in `lang` advertises: its issues, then everything new."""
    return [("feed_issues", feed_path("newsletters", lang)), ("feed_all", feed_path("all", lang))]


def events_calendar_path(lang: str) -> str:
    """'events.ics', 'cy/events.ics': beside the language's feed.xml."""
    return f"{url('index', lang)}events.ics"


def event_calendar_path(issue: Issue, slug: str, lang: str) -> str:
    """An event's one-event calendar file, beside the page of the issue that announces it."""
    return f"{url(issue_path(issue), lang)}{slug}.ics"


def cards_path(lang: str) -> str:
    """The case study cards the filter script reads, beside the case studies' index."""
    return url(f"{faceted_type().address}/index", lang) + "cards.json"


# --- The catalogue -------------------------------------------------------------------------------

API_VERSION = 1
API = f"api/v{API_VERSION}"  # the catalogue's page and files: api/v1/ and cy/api/v1/


def catalogue_path(lang: str) -> str:
    return f"{root(lang)}{API}/catalogue.json"


def schema_path(lang: str) -> str:
    return f"{root(lang)}{API}/schema.json"


HEADERS_FILE = "_headers"  # for hosts that read one (Netlify, Cloudflare Pages)
ROBOTS_FILE = "robots.txt"

# --- Citations -----------------------------------------------------------------------------------

RIS_FILE, BIBTEX_FILE = "citation.ris", "citation.bib"


def citation_paths(item: CaseStudy | Lesson, lang: str) -> tuple[str, str]:
    """The site paths of a page's RIS and BibTeX files, beside its index.html."""
    folder = url(page_path(item, lang), lang)
    return folder + RIS_FILE, folder + BIBTEX_FILE


# --- Missing pages and moved ones ----------------------------------------------------------------

NOT_FOUND = "404.html"
REDIRECTS_FILE = "_redirects"  # for Netlify and Cloudflare Pages


def not_found_path(lang: str) -> str:
    """Where a language's 404 page is published: '404.html', 'cy/404.html'."""
    return root(lang) + NOT_FOUND


def redirect_page(old_address: str) -> str:
    """The HTML stub that sends a reader on from an old address ('cy/hen/' -> 'cy/hen/index.html')."""
    return f"{old_address}index.html"


# --- The editor on the published site ------------------------------------------------------------

ADMIN = "admin"  # the editor's page, Decap's files and its config.yml, only where mkdocs.yml names a backend


def admin_path(name: str) -> str:
    """Where a file of the published editor goes: 'admin/index.html', 'admin/config.yml'."""
    return f"{ADMIN}/{name}"
