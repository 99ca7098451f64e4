"""MkDocs hooks: adapters from build events to the rhannu package.

static-i18n builds each language as a full pass of its own (English first, then Welsh from its
`on_post_build`), so every handler here runs once per language. Work that belongs to the whole
build (reading and validating content) runs in the default language's pass, and the Welsh pass
reuses it.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import Abort
from mkdocs.plugins import CombinedEvent, event_priority, get_plugin_logger
from mkdocs.utils import get_relative_url

log = get_plugin_logger("rhannu")
_build = None  # the rhannu.build.Build of the build under way, shared by its language passes


def _current_language(config):
    from rhannu.languages import language

    return language(config.plugins["i18n"].current_language)


def _is_first_pass(config) -> bool:
    from rhannu.languages import DEFAULT

    return _current_language(config) is DEFAULT


def _project_root(config) -> Path:
    return Path(config.config_file_path).parent


def on_pre_build(config):
    global _build
    from rhannu import site_info
    from rhannu.build import prepare
    from rhannu.dates import build_date
    from rhannu.errors import ContentErrors

    if not _is_first_pass(config):
        return
    try:
        _build = prepare(_project_root(config), build_date(), site_info.from_config(config), Path(config.docs_dir))
    except ContentErrors as problems:
        for error in problems.errors:
            log.error(str(error))
        raise Abort(problems.summary()) from None
    for twin in _build.missing_twins:
        log.warning(twin.message())
    if message := _build.excluded_message():
        log.info(message)
    if message := _build.stale_message():
        log.info(message)


@event_priority(-90)  # before static-i18n (-100), so it localises these pages like any other
def _add_virtual_pages(files, config):
    from mkdocs.structure.files import File, InclusionLevel

    for uri in _build.pages:
        inclusion = InclusionLevel.UNDEFINED if uri in _build.nav_pages else InclusionLevel.NOT_IN_NAV
        files.append(File(uri, config.docs_dir, config.site_dir, config.use_directory_urls, inclusion=inclusion))
    for uri in _build.assets:
        files.append(File(uri, config.docs_dir, config.site_dir, config.use_directory_urls))
    return files


@event_priority(-110)  # after static-i18n has rebuilt every File from its path under docs/
def _fill_virtual_pages(files, config):
    for file in files:
        if (page := _build.pages.get(file.src_uri)) is not None:
            file.content_string = page.markdown
        elif (asset := _build.assets.get(file.src_uri)) is not None:
            file.abs_src_path = str(asset)
    return files


on_files = CombinedEvent(_add_virtual_pages, _fill_virtual_pages)


def on_page_markdown(markdown, page, config, files):
    from rhannu.blocks import replace_markers
    from rhannu.notices import missing_welsh, stale_welsh

    lang = _current_language(config).code
    if page.file.locale == lang:
        contact = (config.extra.get("contact") or {}).get("email")
        markdown = replace_markers(markdown, lang, page.url, _build.issues, _build.settings, config.site_url, contact)
        if page.file.src_uri in _build.stale_pages:
            english = page.file.alternates["en"]
            markdown = stale_welsh(markdown, get_relative_url(english.url, page.url))
        return markdown
    english = page.file.alternates["en"]
    notice = missing_welsh(page.title or english.name, get_relative_url(english.url, page.url))
    page.meta = notice.meta
    return notice.markdown


def on_page_content(html, page, config, files):
    from rhannu.page_meta import first_paragraph

    if (virtual := _build.pages.get(page.file.src_uri)) is not None:
        html = virtual.with_blocks(html, late=False)
    if not page.meta.get("description"):
        page.meta["description"] = first_paragraph(html)
    return html


@event_priority(-60)  # after static-i18n's own page context (50)
def on_page_context(context, page, config, nav):
    from rhannu.feeds import feed_links
    from rhannu.page_meta import language_links

    context["feed_links"] = feed_links(_current_language(config).code)
    alternates = page.file.alternates
    context["language_links"] = language_links(
        current=_current_language(config),
        urls={code: file.url for code, file in alternates.items()},
        own_pages={code for code, file in alternates.items() if file.locale == code},
        site_url=config.site_url,
    )
    return context


def on_post_page(output, page, config):
    from rhannu.markup import fix_material_markup
    from rhannu.structured_data import case_study_jsonld

    if (virtual := _build.pages.get(page.file.src_uri)) is not None:
        output = virtual.with_blocks(output, late=True)
        lang = _current_language(config).code
        study = _build.case_studies_by_page.get(page.file.src_uri)
        if study is not None and page.file.locale == lang:
            if jsonld := case_study_jsonld(_build.content, study, lang, config.site_url, config.site_name):
                output = output.replace("</head>", f"{jsonld}\n</head>", 1)
    return fix_material_markup(output)


def on_post_template(output_content, template_name, config):
    from rhannu.markup import fix_material_markup

    return fix_material_markup(output_content) if template_name.endswith(".html") else output_content


def on_template_context(context, template_name, config):
    from rhannu.languages import ALL
    from rhannu.page_meta import language_links
    from rhannu.sitemap import sitemap_entries

    if template_name == "404.html":
        homes = {lang.code: ("" if lang.code == "en" else f"{lang.code}/") for lang in ALL}
        context["language_links"] = language_links(
            _current_language(config), homes, set(homes), config.site_url
        )
    elif template_name == "sitemap.xml":
        context["sitemap_entries"] = sitemap_entries(_real_pages(config), config.site_url)
    return context


def _real_pages(config) -> list[dict[str, str]]:
    """URLs of every page's real versions by language, from static-i18n's record of the files."""
    pages = {}
    for code, files in config.plugins["i18n"].i18n_files_per_language.items():
        for file in files:
            if file.locale == code:
                urls = {c: alt.url for c, alt in file.alternates.items() if alt.locale == c}
                pages[tuple(sorted(urls.items()))] = urls
    return list(pages.values())


def _write_outputs(config):
    from rhannu.build import cards_json, redirect_pages, robots_txt
    from rhannu.feeds import (
        everything_channel,
        feed_path,
        newsletter_channel,
        render_rss,
    )
    from rhannu.theme_patches import patch_bundles
    from rhannu.views import url

    site = Path(config.site_dir)
    patch_bundles(site)
    lang = _current_language(config).code
    cards = site / url("case-studies/index", lang) / "cards.json"
    cards.write_text(cards_json(_build.content, lang), encoding="utf-8")
    feeds = {
        feed_path("newsletters", lang): newsletter_channel(_build.issues, lang, config.site_name, config.site_url),
        feed_path("all", lang): everything_channel(_build.content, _build.issues, lang, config.site_name, config.site_url),
    }
    for path, channel in feeds.items():
        (site / path).write_text(render_rss(channel), encoding="utf-8")
    if lang == "en":  # robots.txt and the email editions (all languages) live under the root
        (site / "robots.txt").write_text(robots_txt(config.site_url), encoding="utf-8")
        for edition in _build.emails:
            (site / edition.html_path).write_text(edition.html, encoding="utf-8")
            (site / edition.text_path).write_text(edition.text, encoding="utf-8")
    for old, html in redirect_pages(_build.content, lang, config.site_url).items():
        target = site / old / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")


@event_priority(-110)  # after static-i18n has built every language and merged the search index
def _finish_build(config):
    from rhannu.search import write_split_index

    if not config.plugins["i18n"].building:  # the outer (English) pass, once everything is built
        write_split_index(Path(config.site_dir))


on_post_build = CombinedEvent(_write_outputs, _finish_build)
