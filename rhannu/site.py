"""The site model: everything a build needs from the sources, prepared once and shared by both
language passes. Nothing here writes a file; `rhannu.outputs` turns the model into files."""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from rhannu import assets, docs_meta, html_safety
from rhannu.addresses import Owner, address_table, unique_pages
from rhannu.catalogue_page import index_page as api_page
from rhannu.content import Content, load_content
from rhannu.content_types import TYPES, WITH_PAGES, CaseStudy, Lesson, page_path, primary_path
from rhannu.email import Edition, editions, size_errors
from rhannu.errors import ContentError, ContentErrors, read_text
from rhannu.frontmatter import Source, parse_source
from rhannu.images import may_show_images, missing_images
from rhannu.issue_text import rendered_markdown
from rhannu.issue_views import newsletter_pages
from rhannu.labels import use_site_words
from rhannu.languages import CODES, DEFAULT
from rhannu.message import message_files
from rhannu.network import load_cache, load_feeds
from rhannu.newsletter import Issue, NewsletterSettings, Status, assemble, editorial_errors, issue_day, load_settings
from rhannu.outputs import plan_all
from rhannu.pairing import MissingTwin, missing_twins, parse_source_path
from rhannu.site_info import SiteInfo
from rhannu.sitemap import SitemapEntry, pages_by_language, sitemap_entries
from rhannu.translations import STALE, site_page, stale_records, statuses
from rhannu.urls import src_uri, url
from rhannu.views import VirtualPage, pages_for


@dataclass(frozen=True)
class Site:
    info: SiteInfo
    content: Content
    pages: Mapping[str, VirtualPage]  # by src_uri, both languages
    nav_pages: frozenset[str]  # src_uris that the nav in mkdocs.yml lists
    assets: Mapping[str, Path]  # images and other files beside content sources, by src_uri under docs/
    missing_twins: tuple[MissingTwin, ...]  # in docs/ and in the content folders
    stale: tuple[str, ...]  # translations whose source has changed since
    issues: tuple[Issue, ...]  # newsletter issues published by the build date, oldest first
    settings: NewsletterSettings
    newsletter_status: Status  # what the newsletter's pages say while there is no issue
    sitemap: tuple[SitemapEntry, ...]  # every page in every language it has its own text in
    root: Path  # the project folder
    docs_folder: str  # docs_dir, relative to the project folder
    unplaced: tuple[str, ...] = ()  # newsletter items no issue holds, each with the reason
    addresses: Mapping[str, Owner] = field(default_factory=dict)  # every file the build writes (rhannu.addresses)
    docs_names: Mapping[str, str] = field(default_factory=dict)  # docs pages named by their `slug`: src_uri -> URL
    docs_aliases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # docs pages' `aliases`, by src_uri

    @cached_property
    def case_studies_by_page(self) -> dict[str, CaseStudy]:
        """Each case study by the src_uri of its page in either language."""
        return {src_uri(page_path(study), lang): study for study in self.content.case_studies for lang in study.texts}

    @cached_property
    def items_by_page(self) -> dict[str, CaseStudy | Lesson]:
        """Each case study and lesson by the src_uri of its page in each language it has a text in."""
        items = (item for kind in WITH_PAGES for item in self.content.of(kind))
        return {src_uri(page_path(item), lang): item for item in items for lang in item.texts}

    @cached_property
    def editions(self) -> tuple[Edition, ...]:
        """Every issue's email editions as the site publishes them (web copies, with no merge
        tag), rendered once for both language passes; any edition over Gmail's clipping size is
        an error, and all of them are reported together."""
        rendered = editions(self.issues, self.info)
        if errors := size_errors(rendered, self.info):
            raise ContentErrors(errors)
        return tuple(rendered)

    @cached_property
    def _message_files(self) -> dict[str, dict[str, bytes]]:
        return {}

    def message_files(self, edition: str) -> dict[str, bytes]:
        """Each issue's `edition` (both, en, cy) as a message file (.eml) beside its HTML, by its
        path; rendered once for both passes, and only for the editions a build writes (a
        one-language process of `rhannu build` writes its own language's alone)."""
        if edition not in self._message_files:
            chosen = [copy for copy in self.editions if copy.edition == edition]
            self._message_files[edition] = message_files(chosen, self.info, self.settings.list_unsubscribe)
        return self._message_files[edition]

    @cached_property
    def sources_by_page(self) -> dict[str, str]:
        """The editors' source of each page whose text they wrote: items' pages in each language
        ('case-studies/x.cy.md' -> 'case_studies/x.cy.md'); docs pages are found by docs_folder."""
        return {
            src_uri(kind.path(item), lang): text.path
            for kind in WITH_PAGES
            for item in self.content.of(kind)
            for lang, text in item.texts.items()
        }

    @cached_property
    def _generated_urls(self) -> dict[tuple[str, str], str]:
        """(the English twin's URL, language) -> the URL of each generated page in that language,
        and of each docs page that its `slug` names."""
        urls = {}
        named = [*((uri, page.url) for uri, page in self.pages.items()), *self.docs_names.items()]
        for uri, page_url in named:
            source = parse_source_path(uri)
            urls[url(source.key.removesuffix(".md"), DEFAULT.code), source.lang.code] = page_url
        return urls

    def address(self, english_url: str, lang: str) -> str:
        """The URL of the `lang` page whose English twin is at `english_url` ('case-studies/x/' ->
        'cy/astudiaethau-achos/x/', or the name its Welsh text gives it); pages built from English
        where the Welsh twin is missing take their section's Welsh name too."""
        return self._generated_urls.get((english_url, lang)) or url(english_url.rstrip("/"), lang)

    @property
    def stale_pages(self) -> frozenset[str]:
        return frozenset(page for path in self.stale if (page := site_page(path)))

    def messages(self) -> list[tuple[str, str]]:
        """(level, message) for the build log: missing twins are warnings (a strict build fails on
        them); content left out and stale translations are information."""
        messages = [("warning", twin.message()) for twin in self.missing_twins]
        if self.content.excluded:
            items = "; ".join(f"{item.path} ({item.reason})" for item in self.content.excluded)
            messages.append(("info", f"Left out of this build: {items}"))
        if self.unplaced:
            messages.append(("info", "Newsletter items in no issue, so on no page: " + "; ".join(self.unplaced)))
        if self.stale:
            messages.append(
                ("info", "Welsh translations older than their English (see 'rhannu translations'): " + ", ".join(self.stale))
            )
        return messages


def prepare(root: Path, build_date: dt.date, info: SiteInfo, docs_dir: Path | None = None) -> Site:
    content = load_content(root, build_date)
    use_site_words(content.taxonomy.schema.labels)  # this site's words for everything rendered from here on
    settings = load_settings(root)
    if errors := editorial_errors(content, settings):
        raise ContentErrors(errors)
    load_feeds(root)  # a bad partner list is reported with everything else
    issues = assemble(content, settings, build_date, load_cache(root, build_date))
    status = settings.status(build_date)
    docs = sorted(path.relative_to(root).as_posix() for path in (docs_dir or root / "docs").rglob("*.md"))
    page_errors = _page_errors(root, docs, info.theme_dirs)
    docs_names, docs_aliases = _docs_addresses(root, docs) if not page_errors else ({}, {})
    info = replace(info, renamed={_default_url(uri): page_url for uri, page_url in docs_names.items()})
    pages = unique_pages(
        (
            page
            for lang in CODES
            for page in [
                *pages_for(content, lang, info),
                *newsletter_pages(issues, lang, status, settings.cadence, info),
                api_page(info, lang),
            ]
        ),
        content,
    )
    nav = frozenset(uri for uri in pages if uri.rsplit("/", 1)[-1].startswith("index."))
    files, file_errors = assets.published_files(root, docs_dir or root / "docs")
    if errors := page_errors + _unsafe_newsletter_items(root, content) + file_errors:
        raise ContentErrors(errors)
    if errors := _missing_images(root, content, docs, docs_dir or root / "docs", files):
        raise ContentErrors(errors)
    twins = (*missing_twins(docs), *content.missing_twins)
    stale = tuple(
        sorted(
            [
                *stale_records([item for items in content.items.values() for item in items]),
                *(item.welsh for item in statuses(root, ("docs",)) if item.status == STALE),
            ]
        )
    )
    docs_pages = [path.split("/", 1)[1] for path in docs]
    by_language = pages_by_language([*docs_pages, *pages], {uri: page.url for uri, page in pages.items()} | docs_names)
    docs_folder = (docs_dir or root / "docs").resolve().relative_to(root.resolve()).as_posix()
    sitemap = tuple(sitemap_entries(by_language, info.url))
    unplaced = tuple(_unplaced(content, settings))
    site = Site(
        info,
        content,
        pages,
        nav,
        files,
        twins,
        stale,
        issues,
        settings,
        status,
        sitemap,
        root,
        docs_folder,
        unplaced,
        docs_names=docs_names,
        docs_aliases=docs_aliases,
    )
    # every file the build will write, claimed once: a clash is an error before anything is written
    return replace(site, addresses=address_table(site, ((file.path, file.owner) for file in plan_all(site, CODES))))


def _default_url(uri: str) -> str:
    """The address a page's file name gives it: 'subscribe.cy.md' -> 'cy/subscribe/'."""
    source = parse_source_path(uri)
    return url(source.key.removesuffix(".md"), source.lang.code)


def _docs_addresses(root: Path, docs: list[str]) -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    """The docs pages whose front matter names their address (`slug`: 'about.cy.md' ->
    'cy/amdanom/') and those that list old addresses (`aliases`), by src_uri. The fields were
    checked with the rest of the front matter (rhannu.docs_meta)."""
    names, aliases = {}, {}
    for path in docs:
        text = read_text(root, path)
        source = parse_source(path, text) if text.startswith("---") else None
        if not isinstance(source, Source):
            continue
        uri = path.split("/", 1)[1]
        if isinstance(slug := source.meta.get("slug"), str):
            parsed = parse_source_path(uri)
            folder = posixpath.dirname(parsed.key)
            names[uri] = url(posixpath.join(folder, slug), parsed.lang.code)
        if found := docs_meta.aliases(source.meta):
            aliases[uri] = found
    return names, aliases


def _without_pages(content: Content) -> list[Any]:
    """Items of the types that have no page of their own (newsletter items): only issues show them."""
    return [item for kind in TYPES if kind.address is None for item in content.of(kind)]


def _unplaced(content: Content, settings: NewsletterSettings) -> list[str]:
    """Items that only an issue would show and that no issue holds, each with the reason."""
    found = []
    for item in _without_pages(content):
        if item.published is None:
            reason = "it has no published day"
        elif settings.first_issue is None:
            reason = "the newsletter has not launched (first_issue in data/newsletter.yml)"
        elif issue_day(item, settings) is None:
            reason = "published too late to be announced before it happens"
        else:
            continue
        found.append(f"{primary_path(item.texts)} ({reason})")
    return found


def _unsafe_newsletter_items(root: Path, content: Content) -> list[ContentError]:
    """Newsletter items have no page for the build to judge: their bodies are judged here, as
    email and feeds publish them (comments removed)."""
    errors = []
    for text in (text for item in _without_pages(content) for text in item.texts.values()):
        if (problem := html_safety.judge(rendered_markdown(text.body), keep_comments=False).problem) is not None:
            source = read_text(root, text.path)
            errors.append(ContentError(text.path, problem.message, line=html_safety.line_of(problem.needle, source)))
    return errors


def _missing_images(
    root: Path, content: Content, docs: list[str], docs_dir: Path, beside: Mapping[str, Path]
) -> list[ContentError]:
    """Images the pages show that the build would not find: in case studies, lessons and docs pages."""
    published = frozenset(beside) | frozenset(
        path.relative_to(docs_dir).as_posix()
        for path in docs_dir.rglob("*")
        if path.is_file() and path.suffix != ".md" and not any(part.startswith(".") for part in path.relative_to(docs_dir).parts)
    )
    pages = [
        (text.path, posixpath.dirname(src_uri(kind.path(item, lang), lang)))
        for kind in WITH_PAGES
        for item in content.of(kind)
        for lang, text in item.texts.items()
        if may_show_images(text.body)
    ]
    docs_folder = docs_dir.resolve().relative_to(root.resolve())
    pages += [(path, posixpath.dirname(Path(path).relative_to(docs_folder).as_posix())) for path in docs]
    errors = []
    for path, page_dir in pages:
        text = read_text(root, path)
        if may_show_images(text):
            source = parse_source(path, text) if text.startswith("---") else Source(path, {}, text, 1)
            if isinstance(source, Source):
                errors += missing_images(root, source, page_dir, published)
    return errors


def _page_errors(root: Path, docs: list[str], theme_dirs: tuple[Path, ...]) -> list[ContentError]:
    """Pages in docs/ are read by MkDocs, which publishes front matter it cannot read as the page's
    first paragraph: here it is an error, as it is for every other source, and so is a field that
    Rhannu does not know or a value it cannot print (rhannu.docs_meta)."""
    errors = []
    for path in docs:
        try:
            text = read_text(root, path)
        except ContentErrors as unreadable:
            errors += unreadable.errors
            continue
        if text.startswith("---"):
            source = parse_source(path, text)
            errors += [source] if isinstance(source, ContentError) else docs_meta.meta_errors(source, theme_dirs)
    return errors
