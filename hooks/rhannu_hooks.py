"""MkDocs hooks: adapters from build events to the rhannu package.

static-i18n builds each language as a full pass of its own (English first, then Welsh from its
`on_post_build`), so every handler here runs once per language. Work that belongs to the whole
build runs in the default language's pass only.
"""

from __future__ import annotations

from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.utils import get_relative_url

log = get_plugin_logger("rhannu")


def _current_language(config):
    from rhannu.languages import language

    return language(config.plugins["i18n"].current_language)


def _is_first_pass(config) -> bool:
    from rhannu.languages import DEFAULT

    return _current_language(config) is DEFAULT


@event_priority(0)  # before static-i18n (-100), while files still carry their own src paths
def on_files(files, config):
    from rhannu.pairing import missing_twins

    if _is_first_pass(config):
        pages = [file.src_uri for file in files.documentation_pages()]
        for twin in missing_twins(pages):
            log.warning(twin.message(root="docs/"))
    return files


def on_page_markdown(markdown, page, config, files):
    from rhannu.notices import missing_welsh

    if page.file.locale == _current_language(config).code:
        return markdown
    english = page.file.alternates["en"]
    notice = missing_welsh(page.title or english.name, get_relative_url(english.url, page.url))
    page.meta = notice.meta
    return notice.markdown


def on_page_content(html, page, config, files):
    from rhannu.page_meta import first_paragraph

    if not page.meta.get("description"):
        page.meta["description"] = first_paragraph(html)
    return html


@event_priority(-60)  # after static-i18n's own page context (50)
def on_page_context(context, page, config, nav):
    from rhannu.page_meta import language_links

    alternates = page.file.alternates
    context["language_links"] = language_links(
        current=_current_language(config),
        urls={code: file.url for code, file in alternates.items()},
        own_pages={code for code, file in alternates.items() if file.locale == code},
        site_url=config.site_url,
    )
    return context


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


def on_post_build(config):
    from pathlib import Path

    from rhannu.theme_patches import patch_bundles

    patch_bundles(Path(config.site_dir))
