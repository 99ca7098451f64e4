"""What the build needs to know about the site from mkdocs.yml: its names and its address."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class SiteInfo:
    url: str  # ends with "/"
    names: dict[str, str]  # by language code
    contact_email: str | None = None  # the programme's public address (extra.contact.email)

    def name(self, lang: str) -> str:
        return self.names.get(lang, self.names["en"])


def from_config(config) -> SiteInfo:
    """From a loaded MkDocs config: site_name, and each static-i18n language's own site_name."""
    names = {"en": config.site_name}
    for language in config.plugins["i18n"].config.languages:
        if language.site_name:
            names[language.locale] = language.site_name
    url = config.site_url or "/"
    contact = (config.extra.get("contact") or {}).get("email")
    return SiteInfo(url if url.endswith("/") else url + "/", names, contact)


def load(root: Path) -> SiteInfo:
    """From the project's mkdocs.yml, for commands that run without a build."""
    from mkdocs.config import load_config

    config = load_config(str(root / "mkdocs.yml"))
    return from_config(config)
