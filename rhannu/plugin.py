"""The MkDocs plugin: adapters from build events to the rhannu package, with no logic of their own.

A site enables it after static-i18n (`plugins: [search, i18n, rhannu]`). static-i18n builds each
language as a full pass (English first, then Welsh from its `on_post_build`), so every handler
runs once per language. The site model is prepared in the English pass and shared by the Welsh
one, and so is the one writer (rhannu.writer) through which every file Rhannu writes passes, its
pages included: the last `on_post_page` writes the page and gives MkDocs nothing to write. All
state lives on the plugin instance and is reset by each build's English pass, so one
process may build again and again (`rhannu preview`, the tests).
"""

from __future__ import annotations

from collections.abc import Mapping
from contextvars import Token
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from rhannu import (
    addresses,
    content_types,
    docs_meta,
    hosted_editor,
    html_safety,
    labels,
    languages,
    markdown_text,
    material_theme,
    mkdocs_pages,
    not_found,
    outputs,
    page_meta,
    pages,
    parallel_build,
    search,
    site_info,
    static_i18n,
    template_values,
)
from rhannu.dates import build_date
from rhannu.errors import ContentError, ContentErrors
from rhannu.feeds import feed_links
from rhannu.site import Site, prepare
from rhannu.writer import Writer

log = get_plugin_logger("rhannu")


class EditorBackend(c.BaseConfigOption[hosted_editor.GitHubBackend]):
    """The backend the editor on the published site saves to (rhannu.hosted_editor checks it)."""

    def run_validation(self, value: object) -> hosted_editor.GitHubBackend:
        try:
            return hosted_editor.github_backend(value)
        except hosted_editor.EditorOptionError as error:
            raise ValidationError(str(error)) from None


class RhannuConfig(base.Config):
    """The plugin's options in mkdocs.yml (`plugins: [..., rhannu: {preview_image: ...}]`)."""

    # The default link-preview image, a PNG in the site's own theme folder (theme.custom_dir),
    # published at the same address.
    preview_image = c.Optional(c.Type(str))  # default: assets/images/preview.png in custom_dir, where there is one
    # Decap's GitHub backend ({backend: github, repo: OWNER/NAME, branch, base_url, ...}): with it,
    # the build publishes the editor at /admin/; without it, no /admin/.
    editor = c.Optional(EditorBackend())


class RhannuPlugin(BasePlugin[RhannuConfig]):
    def __init__(self) -> None:
        self._site: Site | None = None  # prepared in the English pass, shared by the language passes
        self._unsafe: list[ContentError] = []  # pages whose HTML cleaning would change, found in this pass
        self._section: list[Any] = []  # the listed page shown as the section of the page being rendered, if any
        self._not_found: dict[str, str] = {}  # each pass's 404 page as MkDocs wrote it, by language
        self._writer: Writer | None = None  # every file Rhannu writes in this build, pages included
        self._pages_written = mkdocs_pages.PagesWrittenByRhannu()
        self._renderer = mkdocs_pages.PassRenderer()  # one Markdown instance for a pass's pages
        self._preview_images: dict[str, page_meta.PreviewImage | None] = {}  # this build's, by language
        self._words_before: Token[Mapping[str, Mapping[str, str]]] | None = None  # put back when the build ends

    def _restore_words(self) -> None:
        """Put back the site's words there were before this build (rhannu.labels: one build's words
        never outlive it in a process that builds other sites)."""
        if self._words_before is not None:
            labels.restore_site_words(self._words_before)
            self._words_before = None

    def _current(self) -> Site:
        if self._site is None:
            raise PluginError(
                "Rhannu's site model is missing: the English pass prepares it. In mkdocs.yml, keep English "
                "as the i18n plugin's default language, with build: true."
            )
        return self._site

    @property
    def written(self) -> list[str]:
        """The files Rhannu wrote in this plugin's last build, in the order written."""
        return self._writer.written if self._writer else []

    def _current_writer(self) -> Writer:
        if self._writer is None:
            raise PluginError("Rhannu's writer is missing: the English pass makes it (see Rhannu's site model)")
        return self._writer

    def _abort(self, problems: ContentErrors) -> Abort:
        for error in problems.errors:
            log.error(str(error))
        return Abort(problems.summary())

    def _check_setup(self, config: MkDocsConfig) -> MkDocsConfig:
        if not static_i18n.is_listed_before(config, self):
            raise PluginError(
                "mkdocs.yml: Rhannu needs the i18n plugin (mkdocs-static-i18n) listed before it. "
                "Re-order `plugins` in mkdocs.yml so that `rhannu` comes after `i18n`: plugins: [search, i18n, rhannu]"
            )
        static_i18n.build_only(config, parallel_build.only_language())  # before static-i18n's own on_config (-100)
        config.mdx_configs = html_safety.safe_heading_ids(config.mdx_configs)
        config.markdown_extensions = markdown_text.with_unmatchable_left_out(config.markdown_extensions)
        try:
            material_theme.check_version()
            page_meta.check_preview_image(config.theme.custom_dir, self.config.preview_image)
        except (material_theme.ThemeError, page_meta.MissingPreviewImage) as error:
            raise PluginError(str(error)) from None
        return config

    @event_priority(static_i18n.PRIORITY - 10)  # after static-i18n has placed its own sitemap template
    def _add_theme(self, config: MkDocsConfig) -> MkDocsConfig:
        dirs = static_i18n.without_own_sitemap(config.theme.dirs)
        config.theme.dirs = material_theme.with_engine_theme(dirs, config.theme.custom_dir)
        config.extra_css = material_theme.with_engine_files(material_theme.STYLESHEETS, config.extra_css)
        config.extra_javascript = material_theme.with_engine_files(material_theme.SCRIPTS, config.extra_javascript)
        return config

    on_config = CombinedEvent(_check_setup, _add_theme)

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self._unsafe.clear()
        self._renderer.clear()
        self._preview_images.clear()
        if static_i18n.is_default_pass(config) or parallel_build.only_language():
            self._prepare(config)
        labels.use_site_words(self._current().content.taxonomy.schema.labels)  # the same words in every pass
        content_types.use_types(self._current().content.types)  # and the same types
        languages.use_languages(self._current().content.taxonomy.schema.languages)  # and languages
        pages.name_palette_toggles(config.theme, static_i18n.current_language(config))

    def _prepare(self, config: MkDocsConfig) -> None:
        self._not_found.clear()
        self._site, self._writer = None, None
        self._pages_written.clear()
        self._pages_written.attach()
        self._restore_words()
        self._words_before = labels.use_site_words(labels.NO_WORDS)  # prepare() sets the site's own
        try:
            info = site_info.from_config(static_i18n.default_language_settings(config))
            self._site = prepare(Path(config.config_file_path).parent, build_date(), info, Path(config.docs_dir))
        except ContentErrors as problems:
            raise self._abort(problems) from None
        self._writer = Writer(Path(config.site_dir), self._site.addresses)
        for level, message in self._site.messages() if parallel_build.reports_site_messages() else ():
            getattr(log, level)(message)

    @event_priority(static_i18n.PRIORITY + 10)  # before static-i18n, so it localises these pages
    def _add_generated(self, files: Files, *, config: MkDocsConfig) -> Files:
        site = self._current()
        return static_i18n.add_generated(files, config, site.pages, site.nav_pages, site.assets)

    @event_priority(static_i18n.PRIORITY - 10)  # after static-i18n has rebuilt every File
    def _fill_generated(self, files: Files, *, config: MkDocsConfig) -> Files:
        files = static_i18n.fill_generated(files, self._current().pages, self._current().assets)
        files = static_i18n.relocate(files, config, self._current().address)
        written = (file.dest_uri for file in files if not file.inclusion.is_excluded())
        if unknown := addresses.unclaimed(written, self._current().addresses):
            raise PluginError(
                f"{', '.join(unknown)}: not in Rhannu's table of addresses, so perhaps written twice (a Rhannu fault)"
            )
        return files

    on_files = CombinedEvent(_add_generated, _fill_generated)

    @event_priority(static_i18n.PRIORITY - 10)  # after static-i18n has translated the titles
    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        template_values.escape_nav_titles(nav.items)
        material_theme.name_sections_by_first_page(nav.items)
        return nav

    @staticmethod
    def _shows_own_page(page: Page, lang: str) -> bool:
        """Whether the page shows its own source in `lang`, not the notice of a missing translation
        that on_page_markdown puts in its place."""
        return static_i18n.has_own_text(page, lang) or static_i18n.source_twin(page) is None

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        self._renderer.take(page)
        return page

    def _preview_image(self, config: MkDocsConfig, lang: str) -> page_meta.PreviewImage | None:
        """The link-preview image of the pages in `lang`, looked for once a build (each page asked)."""
        if lang not in self._preview_images:
            info = self._current().info
            theme_dir, names = Path(config.theme.custom_dir or ""), (info.name("cy"), info.name("en"))
            found = page_meta.preview_image(theme_dir, config.site_url or "", lang, *names, self.config.preview_image)
            self._preview_images[lang] = found
        return self._preview_images[lang]

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        lang, source = static_i18n.current_language(config), static_i18n.source_twin(page)
        if static_i18n.has_own_text(page, lang) or source is None:  # as _shows_own_page
            return pages.page_markdown(self._current(), markdown, page.file.src_uri, lang, source.url if source else None)
        notice = pages.missing_page(lang, markdown, page.meta, source.name, source.url)
        page.meta = notice.meta
        return notice.markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        pages.escape_title(page)
        docs_meta.escape_text(page.meta)
        html, unsafe = pages.judged_html(self._current(), page.file.src_uri, html)
        self._unsafe.extend(unsafe)
        lang = static_i18n.current_language(config)
        return pages.page_content(self._current(), page.file.src_uri, html, page.meta, page.toc, lang, page.url)

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        if self._unsafe:  # every page is rendered, none written yet: report them all and stop
            raise self._abort(ContentErrors(list(self._unsafe)))
        env.globals["site_og_locales"] = page_meta.og_locales()  # the site's languages, for every template
        env.globals["own_lunr"] = search.own_lunr_tags()
        # A build's few dozen templates in a plain dict: Jinja's LRU cache moves each hit to the
        # end of its queue by a linear search, on each of some twenty includes of every page.
        env.cache = {}
        try:
            lang = static_i18n.current_language(config)
            return material_theme.with_fragment_caches(env, config.theme.dirs, lang, pages.markup_fixes(lang))
        except material_theme.ThemeError as error:
            raise PluginError(str(error)) from None

    @event_priority(-60)  # after static-i18n's own page context (50)
    def on_page_context(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Navigation) -> Any:
        lang = static_i18n.current_language(config)
        context["feed_links"] = feed_links(lang, page.meta.get("rhannu_feed"))
        context["language_links"] = pages.page_language_links(lang, *static_i18n.language_urls(page), config.site_url or "")
        context["is_home"] = pages.is_home(page.url)
        context["preview_image"] = self._preview_image(config, lang)
        context["reuse"] = pages.reuse_footer(self._current().info, lang)
        context["search_elsewhere"] = pages.search_elsewhere(lang)
        context["contact_link"] = pages.contact_footer(self._current().info, lang)
        own_text, own_page = static_i18n.has_own_text(page, lang), self._shows_own_page(page, lang)
        context.update(pages.around_content(self._current(), page.file.src_uri if own_page else None))
        context["head_additions"] = pages.head_additions(self._current(), page.file.src_uri, lang, own_text)
        self._section[:] = [material_theme.section_page(nav, page)]
        material_theme.mark_active(self._section[0], True)
        return template_values.with_text_escaped(context)

    def _finish_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        for listed in self._section:
            if listed is not None:
                material_theme.mark_active(listed, False)
                try:
                    output = material_theme.with_section_marked(output, listed.url, page.url)
                except material_theme.ThemeError as error:
                    raise PluginError(str(error)) from None
        self._section.clear()
        lang = static_i18n.current_language(config)
        output = pages.finished_page(self._current(), page.file.src_uri, lang, output, page.canonical_url or "")
        return pages.mended(output)

    @event_priority(static_i18n.PRIORITY - 10)  # the last of every plugin's: what MkDocs would write, Rhannu writes
    def _write_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if not mkdocs_pages.is_written(output):
            return output
        self._current_writer().write(page.file.dest_uri, mkdocs_pages.page_bytes(output), f"the page of {page.file.src_uri}")
        self._pages_written.add(page.file.src_uri)
        return ""  # MkDocs then writes nothing

    on_post_page = CombinedEvent(_finish_page, _write_page)

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        if not template_name.endswith(".html"):
            return output_content
        return pages.mended(output_content)

    def on_template_context(self, context: Any, *, template_name: str, config: MkDocsConfig) -> Any:
        if template_name == "404.html":
            context.update(pages.not_found_context(static_i18n.current_language(config), config.site_url or ""))
        elif template_name == "sitemap.xml":
            context["sitemap_entries"] = self._current().sitemap
        return template_values.with_text_escaped(context)

    def _write_outputs(self, *, config: MkDocsConfig) -> None:
        site_dir, lang, writer = Path(config.site_dir), static_i18n.current_language(config), self._current_writer()
        if (page := site_dir / not_found.NOT_FOUND).is_file():  # the next pass writes its own there
            self._not_found[lang] = page.read_text(encoding="utf-8")
        try:
            if static_i18n.is_default_pass(config):
                writer.write_all(outputs.outputs(self._current()), "the build's outputs")
            writer.write_all(outputs.outputs(self._current(), lang), f"the build's outputs in {lang}")
        except ContentErrors as problems:
            raise self._abort(problems) from None
        except outputs.OutputClash as clash:
            raise PluginError(str(clash)) from None

    @event_priority(static_i18n.PRIORITY - 10)  # after static-i18n has built every language
    def _finish_build(self, *, config: MkDocsConfig) -> None:
        site_dir, writer = Path(config.site_dir), self._current_writer()
        if static_i18n.is_outer_pass_done(config):
            writer.write_all(search.split_index_files(site_dir), "the search index of each language")
        if static_i18n.is_outer_pass_done(config) or parallel_build.joined(config, self._not_found, writer):
            try:
                placed = not_found.pages(self._not_found, config.site_url or "/")
                writer.write_all({path: html.encode("utf-8") for path, html in placed.items()}, "the 404 pages")
                writer.write_all(material_theme.patched_bundles(site_dir), "the bundle patch")  # once, on the last copy
            except material_theme.ThemeError as error:
                raise PluginError(str(error)) from None
            self._restore_words()

    def on_build_error(self, *, error: Exception) -> None:
        self._restore_words()
        self._renderer.clear()

    on_post_build = CombinedEvent(_write_outputs, _finish_build)

    def on_shutdown(self) -> None:
        self._pages_written.detach()
