"""MkDocs hooks: adapters from build events to the rhannu package, with no logic of their own.

static-i18n builds each language as a full pass (English first, then Welsh from its
`on_post_build`), so every handler runs once per language. The site model is prepared in the
English pass and shared by the Welsh one.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import CombinedEvent, event_priority, get_plugin_logger

from rhannu import (
    addresses,
    docs_meta,
    html_safety,
    material_theme,
    not_found,
    outputs,
    page_meta,
    pages,
    parallel_build,
    site_info,
    static_i18n,
    template_values,
)
from rhannu.dates import build_date
from rhannu.errors import ContentError, ContentErrors
from rhannu.feeds import feed_links
from rhannu.search import write_split_index
from rhannu.site import Site, prepare

log = get_plugin_logger("rhannu")
_site: Site | None = None  # prepared in the English pass, shared by the language passes
_unsafe: list[ContentError] = []  # pages whose HTML cleaning would change, found in this pass
_section: list = []  # the listed page shown as the section of the page being rendered, if any
_not_found: dict[str, str] = {}  # each pass's 404 page as MkDocs wrote it, by language


def _current() -> Site:
    if _site is None:
        raise PluginError(
            "Rhannu's site model is missing: the English pass prepares it. In mkdocs.yml, keep English "
            "as the i18n plugin's default language, with build: true."
        )
    return _site


def _abort(problems: ContentErrors) -> Abort:
    for error in problems.errors:
        log.error(str(error))
    return Abort(problems.summary())


def on_config(config):
    static_i18n.build_only(config, parallel_build.only_language())
    config.mdx_configs = html_safety.safe_heading_ids(config.mdx_configs)
    try:
        material_theme.check_version()
    except material_theme.ThemeError as error:
        raise PluginError(str(error)) from None


def on_pre_build(config):
    global _site
    _unsafe.clear()
    pages.name_palette_toggles(config.theme, static_i18n.current_language(config))
    if not (static_i18n.is_default_pass(config) or parallel_build.only_language()):
        return
    _not_found.clear()
    try:
        info = site_info.from_config(static_i18n.default_language_settings(config))
        _site = prepare(Path(config.config_file_path).parent, build_date(), info, Path(config.docs_dir))
    except ContentErrors as problems:
        raise _abort(problems) from None
    for level, message in _site.messages() if parallel_build.reports_site_messages() else ():
        getattr(log, level)(message)


@event_priority(static_i18n.PRIORITY + 10)  # before static-i18n, so it localises these pages
def _add_generated(files, config):
    return static_i18n.add_generated(files, config, _current().pages, _current().nav_pages, _current().assets)


@event_priority(static_i18n.PRIORITY - 10)  # after static-i18n has rebuilt every File
def _fill_generated(files, config):
    files = static_i18n.fill_generated(files, _current().pages, _current().assets)
    files = static_i18n.relocate(files, config, _current().address)
    written = (file.dest_uri for file in files if not file.inclusion.is_excluded())
    if unknown := addresses.unclaimed(written, _current().addresses):
        raise PluginError(f"{', '.join(unknown)}: not in Rhannu's table of addresses, so perhaps written twice (a Rhannu fault)")
    return files


on_files = CombinedEvent(_add_generated, _fill_generated)


@event_priority(static_i18n.PRIORITY - 10)  # after static-i18n has translated the titles
def on_nav(nav, config, files):
    template_values.escape_nav_titles(nav.items)
    material_theme.name_sections_by_first_page(nav.items)
    return nav


def on_page_markdown(markdown, page, config, files):
    lang, source = static_i18n.current_language(config), static_i18n.source_twin(page)
    if static_i18n.has_own_text(page, lang) or source is None:
        return pages.page_markdown(_current(), markdown, page.file.src_uri, lang, source.url if source else None)
    notice = pages.missing_page(lang, markdown, page.meta, source.name, source.url)
    page.meta = notice.meta
    return notice.markdown


def on_page_content(html, page, config, files):
    pages.escape_title(page)
    docs_meta.escape_text(page.meta)
    html, unsafe = pages.judged_html(_current(), page.file.src_uri, html)
    _unsafe.extend(unsafe)
    lang = static_i18n.current_language(config)
    return pages.page_content(_current(), page.file.src_uri, html, page.meta, page.toc, lang, page.url)


def on_env(env, config, files):
    if _unsafe:  # every page is rendered, none written yet: report them all and stop
        raise _abort(ContentErrors(list(_unsafe)))
    return env


@event_priority(-60)  # after static-i18n's own page context (50)
def on_page_context(context, page, config, nav):
    lang = static_i18n.current_language(config)
    context["feed_links"] = feed_links(lang, page.meta.get("rhannu_feed"))
    context["language_links"] = pages.page_language_links(lang, *static_i18n.language_urls(page), config.site_url)
    context["is_home"] = pages.is_home(page.url)
    info = _current().info
    context["preview_image"] = page_meta.preview_image(
        Path(config.theme.custom_dir), config.site_url, lang, info.name("cy"), info.name("en")
    )
    context["reuse"] = pages.reuse_footer(_current().info, lang)
    context["search_elsewhere"] = pages.search_elsewhere(lang)
    context["contact_link"] = pages.contact_footer(_current().info, lang)
    _section[:] = [material_theme.section_page(nav, page)]
    material_theme.mark_active(_section[0], True)
    return template_values.with_text_escaped(context)


def on_post_page(output, page, config):
    for listed in _section:
        if listed is not None:
            material_theme.mark_active(listed, False)
            try:
                output = material_theme.with_section_marked(output, listed.url, page.url)
            except material_theme.ThemeError as error:
                raise PluginError(str(error)) from None
    _section.clear()
    lang = static_i18n.current_language(config)
    own_text = static_i18n.has_own_text(page, lang)
    output = pages.finished_page(_current(), page.file.src_uri, lang, own_text, output, page.canonical_url or "")
    return pages.mended(output, lang)


def on_post_template(output_content, template_name, config):
    if not template_name.endswith(".html"):
        return output_content
    return pages.mended(output_content, static_i18n.current_language(config))


def on_template_context(context, template_name, config):
    if template_name == "404.html":
        context.update(pages.not_found_context(static_i18n.current_language(config), config.site_url))
    elif template_name == "sitemap.xml":
        context["sitemap_entries"] = _current().sitemap
    return template_values.with_text_escaped(context)


def _write_outputs(config):
    site_dir, lang = Path(config.site_dir), static_i18n.current_language(config)
    material_theme.patch_bundles(site_dir)
    if (page := site_dir / not_found.NOT_FOUND).is_file():  # the next pass writes its own there
        _not_found[lang] = page.read_text(encoding="utf-8")
    try:
        if static_i18n.is_default_pass(config):
            outputs.write(site_dir, outputs.outputs(_current()), _current().addresses)
        outputs.write(site_dir, outputs.outputs(_current(), lang), _current().addresses)
    except ContentErrors as problems:
        raise _abort(problems) from None
    except outputs.OutputClash as clash:
        raise PluginError(str(clash)) from None


@event_priority(static_i18n.PRIORITY - 10)  # after static-i18n has built every language
def _finish_build(config):
    if static_i18n.is_outer_pass_done(config):
        write_split_index(Path(config.site_dir))
    if static_i18n.is_outer_pass_done(config) or parallel_build.joined(config, _not_found):
        try:
            placed = not_found.pages(_not_found, config.site_url or "/")
        except material_theme.ThemeError as error:
            raise PluginError(str(error)) from None
        pages_bytes = {path: html.encode("utf-8") for path, html in placed.items()}
        outputs.write(Path(config.site_dir), pages_bytes, _current().addresses)


on_post_build = CombinedEvent(_write_outputs, _finish_build)
