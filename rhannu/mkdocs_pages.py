"""How Rhannu, not MkDocs, writes each page: the only module that knows how MkDocs writes one.

MkDocs' `_build_page` (mkdocs/commands/build.py) renders a page, runs the `on_post_page` events,
and writes what they return, encoded as UTF-8 with characters it cannot encode as references,
unless it is blank: then it writes nothing and logs "Page skipped" at INFO. So the plugin's last
`on_post_page` writes the page through Rhannu's writer, with MkDocs' bytes, and returns an empty
string; this filter keeps MkDocs' "Page skipped" line out of the log for exactly the pages Rhannu
wrote (any other page MkDocs skips is still reported).

MkDocs' `Page.render` (mkdocs/structure/pages.py) makes a new `markdown.Markdown` for every page,
a few per cent of a build's time. `PassRenderer` renders a pass's pages as it does, through one
instance reset before each page: the same four per-page processors (registered under fixed
names, each page's replace the last's), the same content, table of contents, title and anchors.
Only where every extension is one whose state `Markdown.reset` clears (`REUSABLE`, read for the
versions in `READ_FOR`); any other configuration, or another version of MkDocs or Markdown, has
MkDocs' own render. On upgrading either, review `PassRenderer.render` against `Page.render` and
each extension in `REUSABLE` against its `reset`, then update `READ_FOR`.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Mapping
from importlib.metadata import version
from typing import Any

import markdown
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure import pages as mkdocs_structure_pages
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from rhannu.markdown_text import UnmatchablePatternsLeftOut

BUILD_LOGGER = "mkdocs.commands.build"


def page_bytes(output: str) -> bytes:
    """A page's file as MkDocs writes it."""
    return output.encode("utf-8", errors="xmlcharrefreplace")


def is_written(output: str) -> bool:
    """Whether MkDocs would write a page whose `on_post_page` output is `output`."""
    return bool(output.strip())


class PagesWrittenByRhannu(logging.Filter):
    """Drops MkDocs' "Page skipped" line for each page Rhannu wrote itself."""

    def __init__(self) -> None:
        super().__init__()
        self._messages: set[str] = set()

    def add(self, src_uri: str) -> None:
        self._messages.add(f"Page skipped: '{src_uri}'. Generated empty output.")

    def clear(self) -> None:
        self._messages.clear()

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno != logging.INFO or record.getMessage() not in self._messages

    def attach(self) -> None:
        logging.getLogger(BUILD_LOGGER).addFilter(self)  # once, however often it is called

    def detach(self) -> None:
        logging.getLogger(BUILD_LOGGER).removeFilter(self)


# --- One Markdown instance for a pass's pages -----------------------------------------------------

READ_FOR = {"mkdocs": "1.6.1", "markdown": "3.11.3"}

# Python-Markdown's extensions whose state its `reset` clears, or that keep none. footnotes only
# without UNIQUE_IDS: with it, its ids count the texts an instance has converted.
REUSABLE = frozenset({"abbr", "attr_list", "def_list", "fenced_code", "footnotes", "md_in_html", "tables", "toc"})


def _name(extension: object) -> str | None:
    if not isinstance(extension, str):
        return None
    return extension.partition(":")[0].removeprefix("markdown.extensions.")


def is_reusable(extensions: list[Any], configs: Mapping[str, Any]) -> bool:
    """Whether one Markdown instance with these extensions, reset between pages, renders each
    page as a new one would."""
    if any(version(package) != read for package, read in READ_FOR.items()):
        return False
    if not all(isinstance(ext, UnmatchablePatternsLeftOut) or _name(ext) in REUSABLE for ext in extensions):
        return False
    return not any(_name(name) == "footnotes" and (options or {}).get("UNIQUE_IDS") for name, options in configs.items())


class PassRenderer:
    """Renders the pages of one language pass as MkDocs' `Page.render` does, through one Markdown
    instance (see the module's docstring); `clear` it when a pass begins."""

    def __init__(self) -> None:
        self._markdown: markdown.Markdown | None = None
        self._made_for: tuple[list[Any], dict[str, Any]] | None = None

    def clear(self) -> None:
        self._markdown, self._made_for = None, None

    def take(self, page: Page) -> None:
        """Has MkDocs' next `page.render` go through this renderer."""
        if type(page).render is Page.render:
            vars(page)["render"] = functools.partial(self.render, page)

    def _instance(self, config: MkDocsConfig) -> markdown.Markdown | None:
        extensions, configs = config.markdown_extensions, config.mdx_configs or {}
        made_for = (list(extensions), {name: dict(options or {}) for name, options in configs.items()})
        if made_for != self._made_for:
            reusable = is_reusable(extensions, configs)
            self._markdown = markdown.Markdown(extensions=extensions, extension_configs=configs) if reusable else None
            self._made_for = made_for
        return self._markdown

    def render(self, page: Page, config: MkDocsConfig, files: Files) -> None:
        vars(page).pop("render", None)  # once: a page rendered again is MkDocs' own
        md = self._instance(config)
        if md is None or page.markdown is None:
            page.render(config, files)
            return
        md.reset()
        raw_html = mkdocs_structure_pages._RawHTMLPreprocessor()
        raw_html._register(md)
        extract_anchors = mkdocs_structure_pages._ExtractAnchorsTreeprocessor(page.file, files, config)
        extract_anchors._register(md)
        relative_path = mkdocs_structure_pages._RelativePathTreeprocessor(page.file, files, config)
        relative_path._register(md)
        extract_title = mkdocs_structure_pages._ExtractTitleTreeprocessor()
        extract_title._register(md)
        try:
            page.content = md.convert(page.markdown)
        except BaseException:
            self.clear()  # a conversion stopped half-way leaves the instance in no known state
            raise
        page.toc = get_toc(getattr(md, "toc_tokens", []))
        page._title_from_render = extract_title.title
        page.present_anchor_ids = extract_anchors.present_anchor_ids | raw_html.present_anchor_ids
        if mkdocs_structure_pages.log.getEffectiveLevel() > logging.DEBUG:
            page.links_to_anchors = relative_path.links_to_anchors
