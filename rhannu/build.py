"""Everything a build needs from the content, prepared once and shared by both language passes."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import cached_property
from html import escape
from pathlib import Path

from rhannu.content import CASE_STUDIES_DIR, CaseStudy, Content, load_content
from rhannu.email import Edition, editions, size_errors
from rhannu.errors import ContentErrors
from rhannu.issue_views import newsletter_pages
from rhannu.labels import label
from rhannu.languages import ALL, language
from rhannu.network import load_cache, load_feeds
from rhannu.newsletter import (
    Issue,
    NewsletterSettings,
    assemble,
    editorial_errors,
    load_settings,
)
from rhannu.pairing import MissingTwin, missing_twins
from rhannu.site_info import SiteInfo
from rhannu.translations import STALE, site_page, stale_records, statuses
from rhannu.urls import absolute, src_uri
from rhannu.views import (
    VirtualPage,
    case_study_path,
    facet_values,
    pages_for,
    text_in,
    url,
)


@dataclass(frozen=True)
class Build:
    content: Content
    pages: dict[str, VirtualPage]  # by src_uri, both languages
    nav_pages: frozenset[str]  # src_uris that the nav in mkdocs.yml lists
    assets: dict[str, Path]  # images and other files beside case studies, by src_uri under docs/
    missing_twins: tuple[MissingTwin, ...]  # in docs/ and in the content folders
    stale: tuple[str, ...]  # Welsh sources translated from English that has changed since
    issues: tuple[Issue, ...]  # newsletter issues published by the build date, oldest first
    emails: tuple[Edition, ...]  # every issue's email editions
    settings: NewsletterSettings

    @cached_property
    def case_studies_by_page(self) -> dict[str, CaseStudy]:
        """Each case study by the src_uri of its page in either language."""
        return {
            src_uri(case_study_path(study), lang): study
            for study in self.content.case_studies
            for lang in study.texts
        }

    @property
    def stale_pages(self) -> frozenset[str]:
        return frozenset(page for path in self.stale if (page := site_page(path)))

    def stale_message(self) -> str | None:
        if not self.stale:
            return None
        return "Welsh translations older than their English (see 'rhannu translations'): " + ", ".join(self.stale)

    def excluded_message(self) -> str | None:
        if not self.content.excluded:
            return None
        items = "; ".join(f"{item.path} ({item.reason})" for item in self.content.excluded)
        return f"Left out of this build: {items}"


def prepare(root: Path, build_date: dt.date, site: SiteInfo, docs_dir: Path | None = None) -> Build:
    content = load_content(root, build_date)
    settings = load_settings(root)
    if errors := editorial_errors(content, settings.cadence):
        raise ContentErrors(errors)
    load_feeds(root)  # a bad partner list is reported with everything else
    issues = assemble(content, settings.cadence, build_date, load_cache(root))
    emails = tuple(editions(issues, site, settings.unsubscribe))
    if errors := size_errors(list(emails)):
        raise ContentErrors(errors)
    pages = {
        page.src_uri: page
        for lang in ALL
        for page in [*pages_for(content, lang.code), *newsletter_pages(issues, lang.code)]
    }
    nav = frozenset(uri for uri in pages if uri.rsplit("/", 1)[-1].startswith("index."))
    docs = sorted(path.relative_to(root).as_posix() for path in (docs_dir or root / "docs").rglob("*.md"))
    twins = (*missing_twins(docs), *content.missing_twins)
    stale = tuple(sorted([
        *stale_records([*content.case_studies, *content.lessons, *content.news]),
        *(item.welsh for item in statuses(root, ("docs",)) if item.status == STALE),
    ]))
    return Build(content, pages, nav, _assets(root / CASE_STUDIES_DIR), twins, stale, issues, emails, settings)


def _assets(folder: Path) -> dict[str, Path]:
    """Files beside the case studies (images), published beside their pages."""
    if not folder.is_dir():
        return {}
    return {
        f"case-studies/{path.name}": path
        for path in sorted(folder.iterdir())
        if path.is_file() and path.suffix != ".md" and not path.name.startswith(".")
    }


def cards_json(content: Content, lang: str) -> str:
    """The card data for combined filtering on the index, in one language."""
    cards = [
        {
            "title": text_in(study, lang).title,
            "summary": text_in(study, lang).summary,
            "url": "/" + url(case_study_path(study), lang),
            "date": study.published.date().isoformat(),
            "psb": study.psb,
            "theme": list(study.themes),
            "approach": list(study.approaches),
            "year": facet_values(study, "year")[0],
        }
        for study in content.case_studies
    ]
    return json.dumps(cards, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def robots_txt(site_url: str) -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {absolute(site_url, 'sitemap.xml')}\n"


def redirect_pages(content: Content, lang: str, site_url: str) -> dict[str, str]:
    """Old address -> an HTML page sending the reader on to the case study's address."""
    pages = {}
    for study in content.case_studies:
        target = "/" + url(case_study_path(study), lang)
        for alias in study.aliases:
            old = alias if lang == "en" else f"{lang}/{alias}"
            pages[old] = _redirect_html(target, lang, site_url)
    return pages


def _redirect_html(target: str, lang: str, site_url: str) -> str:
    link = escape(target)
    return (
        f'<!doctype html>\n<html lang="{language(lang).tag}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(label(lang, 'moved'))}</title>\n"
        f'<meta name="robots" content="noindex">\n'
        f'<link rel="canonical" href="{escape(absolute(site_url, target.lstrip("/")))}">\n'
        f'<meta http-equiv="refresh" content="0; url={link}">\n</head>\n'
        f'<body>\n<main><p>{escape(label(lang, "moved_to"))} <a href="{link}">{link}</a>.</p></main>\n</body>\n</html>\n'
    )
