"""What the build does to each page on its way through MkDocs, in the page's language: generated
blocks filled in, notices added, and metadata placed after search indexing."""

from __future__ import annotations

from collections.abc import MutableMapping
from pathlib import Path
from typing import Any

from markupsafe import Markup
from mkdocs.structure.toc import TableOfContents

from rhannu import citation, html_safety, material_theme, page_toc, printing
from rhannu.blocks import marked, replace_markers
from rhannu.content_types import WITH_PAGES
from rhannu.errors import ContentError
from rhannu.frontmatter import Source, parse_source
from rhannu.labels import label, table
from rhannu.languages import CODES, DEFAULT, language, root
from rhannu.notices import Notice, missing_translation, stale_translation
from rhannu.page_meta import LanguageLink, first_paragraph, language_links
from rhannu.routes import SUBSCRIBE
from rhannu.site import Site
from rhannu.site_info import SiteInfo
from rhannu.structured_data import case_study_jsonld
from rhannu.urls import url

Meta = MutableMapping[str, Any]  # a page's front matter, as MkDocs holds it (page.meta)


def page_markdown(site: Site, markdown: str, src_uri: str, lang: str, source_url: str | None) -> str:
    """A page with its own text in `lang`: editors' block markers as slots to fill once the page's
    HTML has been judged, and the notice on a translation whose source has changed since."""
    markdown = marked(markdown)
    if src_uri in site.stale_pages and source_url is not None:
        markdown = stale_translation(markdown, lang, source_url, DEFAULT.code)
    return markdown


def missing_page(lang: str, source_markdown: str, source_meta: Meta, source_name: str, source_url: str) -> Notice:
    """What a page without its `lang` twin shows at its `lang` address, naming the English page
    by its own title (its front matter's, or its first heading), never by the navigation's
    translated name for it."""
    title = source_meta.get("title") or next(
        (line[2:].strip() for line in source_markdown.splitlines() if line.startswith("# ")), source_name
    )
    return missing_translation(lang, str(title), source_url, DEFAULT.code)


def escape_title(page: Any) -> None:
    """MkDocs' templates print page titles unescaped (autoescape is off), and Material prints
    them in <title>, the header and the navigation: a title is text, so it goes to them as escaped
    markup (`Markup` is left alone by the `e` filter, so nothing is escaped twice)."""
    if page.title is not None and not isinstance(page.title, Markup):
        page.title = Markup.escape(page.title)
    if isinstance(page.meta.get("title"), str) and not isinstance(page.meta["title"], Markup):
        page.meta["title"] = Markup.escape(page.meta["title"])


def judged_html(site: Site, src_uri: str, html: str) -> tuple[str, list[ContentError]]:
    """A page's rendered Markdown as it is published: cleaned by the allowlist before any of
    Rhannu's blocks go in; and, where cleaning removed anything, the error naming the editor's
    source file and line (the page is then refused, never published cleaned)."""
    judged = html_safety.judge(html)
    if judged.problem is None:
        return judged.html, []
    return judged.html, [_located(site.root, _source_of(site, src_uri), judged.problem)]


def _source_of(site: Site, src_uri: str) -> str:
    """The file an editor wrote a page's text in; a generated page names its own source."""
    if src_uri in site.sources_by_page:
        return site.sources_by_page[src_uri]
    if src_uri in site.pages:
        return f"the generated page {src_uri}"
    return f"{site.docs_folder}/{src_uri}"


def _located(root: Path, source: str, problem: html_safety.Problem) -> ContentError:
    path = root / source
    text = path.read_text(encoding="utf-8", errors="replace") if path.is_file() else ""
    return ContentError(source, problem.message, line=html_safety.line_of(problem.needle, text))


def unsafe_sources(site: Site, extensions: list, configs: dict) -> list[ContentError]:
    """The same judgement without a build (for `rhannu check`): every editor-written body
    rendered with the site's Markdown extensions."""
    import markdown

    renderer = markdown.Markdown(extensions=extensions, extension_configs=html_safety.safe_heading_ids(configs))
    errors = []
    for path, body in _editor_bodies(site):
        renderer.reset()
        if (problem := html_safety.judge(renderer.convert(body)).problem) is not None:
            errors.append(_located(site.root, path, problem))
    return errors


def _editor_bodies(site: Site) -> list[tuple[str, str]]:
    items = [(text.path, text.body) for kind in WITH_PAGES for item in site.content.of(kind) for text in item.texts.values()]
    pages = []
    for path in sorted((site.root / site.docs_folder).rglob("*.md")):
        relative = path.relative_to(site.root).as_posix()
        source = parse_source(relative, path.read_text(encoding="utf-8"))
        pages.append((relative, source.body if isinstance(source, Source) else path.read_text(encoding="utf-8")))
    return items + pages


def page_content(site: Site, src_uri: str, html: str, meta: Meta, toc: TableOfContents, lang: str, page_url: str) -> str:
    """Judged HTML with generated blocks in: the editors' block markers replaced, a generated
    page's placeholders filled; the first paragraph as its description where the page gives none;
    every section, generated ones too, in its "On this page" list; and a long page's contents at
    its top, for the phone where Material shows none."""
    html = replace_markers(
        html,
        lang,
        page_url,
        site.issues,
        site.settings,
        site.newsletter_status,
        site.info.url,
        site.info.contact_email,
        site.info.licence,
        site.info.contact,
        site.info.data_controller,
        site.info.address(url(SUBSCRIBE, lang)),
        tuple(facet for facet in site.content.taxonomy.schema.facets if facet.feeds),
    )
    if (virtual := site.pages.get(src_uri)) is not None:
        page_toc.complete(toc, virtual.whole(html))
        html = virtual.with_blocks(html, late=False)
    else:
        page_toc.complete(toc, html)
    if not meta.get("description"):
        meta["description"] = first_paragraph(html)
    if not is_home(page_url):
        html = page_toc.after_title(html, page_toc.contents_list(toc, label(lang, "on_this_page")))
    return html


def finished_page(site: Site, src_uri: str, lang: str, html: str, page_url: str = "") -> str:
    """The written page with what search must not index: related lists and metadata, and on an
    item's page (a case study, a lesson) the addresses it shows in print (`page_url` is the
    page's absolute address)."""
    if (virtual := site.pages.get(src_uri)) is None:
        return html
    html = virtual.with_blocks(html, late=True)
    if page_url and src_uri in site.sources_by_page:
        html = printing.with_addresses(html, page_url, label(lang, "print_address"))
    return html


def around_content(site: Site, src_uri: str | None) -> dict[str, Markup]:
    """What a generated page shows around its content and search must not index, for the theme
    to print (rhannu/theme/partials/content.html): `before_title`, its breadcrumb trail, just
    above its H1 (the first thing in its content), and `after_content`, its related lists,
    wayfinding and metadata (none where `src_uri` is None: a page that shows a notice in place
    of its own text). Generated HTML, its text escaped where it was made."""
    virtual = site.pages.get(src_uri) if src_uri is not None else None
    if virtual is None:
        return {"before_title": Markup(""), "after_content": Markup("")}
    return {"before_title": Markup(virtual.before_title), "after_content": Markup(virtual.after)}


def head_additions(site: Site, src_uri: str, lang: str, own_text: bool) -> Markup:
    """What a page in its own words adds to its head, for the theme to print (rhannu/theme/main.html):
    a case study's JSON-LD, and an item's citation tags for reference managers; empty elsewhere."""
    if not own_text:
        return Markup("")
    additions = []
    if (study := site.case_studies_by_page.get(src_uri)) is not None:
        additions.append(case_study_jsonld(site.content, study, lang, site.info.url, site.info.name(lang), site.info.licence))
    if (item := site.items_by_page.get(src_uri)) is not None:
        additions.append(citation.meta_tags(citation.citation_of(item, lang, site.info)))
    return Markup("\n".join(addition for addition in additions if addition))  # built from escaped values


def mended(html: str) -> str:
    """Material's markup made valid where its page shell's fragments cannot be (see `markup_fixes`)."""
    return material_theme.fix_page(html)


def markup_fixes(lang: str) -> material_theme.MarkupFixes:
    """What a language pass's fixes to Material's markup print as its fragments are rendered: the
    search dialog's name, and the page language's own search index."""
    return material_theme.MarkupFixes(label(lang, "search_dialog"), "" if lang == DEFAULT.code else root(lang))


def name_palette_toggles(theme: Any, lang: str) -> None:
    """The light/dark toggle, named in the language of the pass being built."""
    material_theme.name_palette_toggles(theme, label(lang, "palette_to_dark"), label(lang, "palette_to_light"))


def not_found_context(lang: str, site_url: str) -> dict[str, object]:
    """What the 404 page's template needs: links to each language's home page, and its words in each."""
    homes = {code: root(code) for code in CODES}
    parts = [{"code": code, "tag": language(code).tag, "home": root(code) or ".", "words": table(code)} for code in CODES]
    return {
        "language_links": language_links(language(lang), homes, set(homes), site_url),
        "not_found_languages": parts,  # in the site's order
        "not_found_default": next(part for part in parts if part["code"] == DEFAULT.code),
    }


def is_home(page_url: str) -> bool:
    """Whether the page is a language's home page ('' or 'cy/'): its title is the site's name,
    so <title> gives the name once, not "name - name"."""
    return page_url in {root(code) for code in CODES} or page_url == "./"


def page_language_links(lang: str, urls: dict[str, str], own: set[str], site_url: str) -> list[LanguageLink]:
    return language_links(language(lang), urls, own, site_url)


REUSING = "reusing"  # the page (docs/reusing.md) that says how the content may be reused
CONTACT = "contact"  # the page (docs/contact.md) that gives whom to contact (extra.contact)


def reuse_footer(info: SiteInfo, lang: str) -> dict[str, object]:
    """What every page's footer says about reuse: the licence where the owner has set one, and a
    link to the Reusing page (overrides/partials/copyright.html)."""
    licence = info.licence
    return {
        "page": info.address(url(REUSING, lang)),
        "reusing": label(lang, "reusing"),
        "licence_terms": label(lang, "licence_terms", licence="{licence}"),
        "licence": {"name": licence.name(lang), "url": licence.url(lang)} if licence else None,
    }


def search_elsewhere(lang: str) -> str:
    """The text of the link a search that finds nothing offers, to the same search on the page's
    twin in the other language (overrides/assets/javascripts/search-forms.js)."""
    return label(lang, "search_elsewhere")


def contact_footer(info: SiteInfo, lang: str) -> dict[str, str]:
    """The link to the Contact page that every page's footer shows (overrides/partials/copyright.html),
    at its address in `lang` (its Welsh `slug`, where it has one)."""
    return {"page": info.address(url(CONTACT, lang)), "text": label(lang, "contact_page")}
