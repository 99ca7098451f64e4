"""The site's settings as the templates see them: its text settings as text.

MkDocs renders templates with autoescape off, and Material prints `config.site_name` (in the
header, the navigation, a page's title), `config.site_description` and `config.copyright` as
they are, and the titles of the navigation's sections (`nav` in mkdocs.yml, and each language's
nav_translations): a name with `<` or `&` in it would be markup. Each template gets a view of the config
in which those are escaped markup (`Markup`, which the `e` filter leaves alone, so a template
that escapes them does not escape twice); every other setting is the config's own. The config
itself is not changed: the feeds, JSON-LD and email read the names as plain text.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

TEXT_SETTINGS = ("site_name", "site_description", "copyright")


class TemplateConfig:
    """A read-only view of a MkDocs config for templates, with TEXT_SETTINGS escaped."""

    def __init__(self, config: Any) -> None:
        self._config = config
        self._text = {name: Markup.escape(config[name]) for name in TEXT_SETTINGS if isinstance(config.get(name), str)}

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return self._text[name] if name in self._text else getattr(self._config, name)

    def __getitem__(self, name: str) -> Any:
        return self._text[name] if name in self._text else self._config[name]

    def __contains__(self, name: object) -> bool:
        return name in self._config

    def get(self, name: str, default: Any = None) -> Any:
        return self._text[name] if name in self._text else self._config.get(name, default)


def with_text_escaped(context: dict) -> dict:
    """A template's context whose `config` is a TemplateConfig (once: a view is not wrapped again)."""
    if "config" in context and not isinstance(context["config"], TemplateConfig):
        context["config"] = TemplateConfig(context["config"])
    return context


def escape_nav_titles(items: list) -> None:
    """The titles the navigation takes from mkdocs.yml (sections and links; pages' own titles are
    escaped with the page, see rhannu.pages.escape_title) as escaped markup, at every depth."""
    for item in items:
        if isinstance(getattr(item, "title", None), str) and not item.is_page and not isinstance(item.title, Markup):
            item.title = Markup.escape(item.title)
        escape_nav_titles(getattr(item, "children", None) or [])
