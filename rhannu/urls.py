"""Addresses on the site: where a page lives, links between pages, absolute URLs.

Plain string work, kept fast: listings and feeds make tens of thousands of these.
"""

from __future__ import annotations

from rhannu.content_types import current
from rhannu.languages import is_default


def src_uri(path: str, lang: str) -> str:
    """'case-studies/x' -> 'case-studies/x.md' or 'case-studies/x.cy.md'."""
    return f"{path}.md" if is_default(lang) else f"{path}.{lang}.md"


def url(path: str, lang: str) -> str:
    """The site-relative URL of a page path in a language, with the section named in that
    language: 'case-studies/index' -> 'case-studies/' or 'cy/astudiaethau-achos/'."""
    trimmed = path.removesuffix("index").rstrip("/")
    if is_default(lang):
        return f"{trimmed}/" if trimmed else ""
    return f"{lang}/{local_path(trimmed, lang)}/" if trimmed else f"{lang}/"


def local_path(path: str, lang: str) -> str:
    """A path with its first folder named in the language: 'case-studies/x' -> 'astudiaethau-achos/x'."""
    section, slash, rest = path.partition("/")
    # each language's own names for sections, from the site's types (per build: rhannu.content_types)
    name = current().sections.get(lang, {}).get(section)
    return f"{name}{slash}{rest}" if name else path


def relative(target_url: str, from_url: str) -> str:
    """A relative link from a page's URL ('' or 'cy/about/': always a folder) to a page or file
    ('cy/case-studies/x/', 'cy/feed.xml'), as MkDocs writes them. Plain string work: listings
    make tens of thousands of these, and posixpath.relpath consults the working directory."""
    here = from_url.split("/")[:-1] if from_url else []
    *folders, name = target_url.split("/")
    common = 0
    while common < min(len(here), len(folders)) and here[common] == folders[common]:
        common += 1
    path = "/".join([".."] * (len(here) - common) + folders[common:])
    if name:
        return f"{path}/{name}" if path else name
    return f"{path}/" if path else "./"


def absolute(site_url: str, address: str) -> str:
    """'https://example.org/' + 'cy/about/'. site_url ends with '/'; address is site-relative,
    as MkDocs gives it ('./' for the home page)."""
    return site_url + address.removeprefix("./")
