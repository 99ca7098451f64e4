"""What a page says about itself: its description and its links to its twin."""

from __future__ import annotations

import html as html_lib
import re
import struct
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rhannu.labels import label
from rhannu.languages import ALL, Language, is_default
from rhannu.urls import absolute

_PARAGRAPH = re.compile(r"<p\b[^>]*>(.*?)</p>", re.DOTALL | re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
DESCRIPTION_LIMIT = 300


def plain_text(fragment: str) -> str:
    return _SPACE.sub(" ", html_lib.unescape(_TAG.sub("", fragment))).strip()


def shorten(text: str, limit: int = DESCRIPTION_LIMIT) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if not text[limit - 1].isspace():
        cut = cut.rsplit(" ", 1)[0]  # no half words
    return cut.rstrip(" ,;:") + "…"


def first_paragraph(html: str) -> str:
    """The text of the first non-empty paragraph of rendered HTML, shortened for a description."""
    for match in _PARAGRAPH.finditer(html):
        text = plain_text(match.group(1))
        if text:
            return shorten(text)
    return ""


@dataclass(frozen=True)
class LanguageLink:
    lang: Language
    url: str  # site-relative, as MkDocs gives a File's url ("", "about/", "cy/about/")
    absolute_url: str
    is_current: bool
    has_own_page: bool  # False where the twin is missing and the address shows a notice
    hint: str  # visually hidden text on the link, in the language it switches to
    is_default: bool = False  # the site's default language: its page is the hreflang x-default


def language_links(current: Language, urls: dict[str, str], own_pages: set[str], site_url: str) -> list[LanguageLink]:
    """One link per language, Welsh first, for the switcher and hreflang alternates."""
    return [
        LanguageLink(
            lang=lang,
            url=urls[lang.code],
            absolute_url=absolute(site_url, urls[lang.code]),
            is_current=lang == current,
            has_own_page=lang.code in own_pages,
            hint=label(lang.code, "switch_to"),
            is_default=is_default(lang.code),
        )
        for lang in ALL
        if lang.code in urls
    ]


# The default link-preview image: a theme asset (drawn by scripts/make-preview-image), served by
# the site itself at the same address for both languages.
PREVIEW_IMAGE = "assets/images/preview.png"


@dataclass(frozen=True)
class PreviewImage:
    url: str  # absolute
    width: int
    height: int
    alt: str  # in the page's language


@cache
def png_size(path: Path) -> tuple[int, int]:
    """A PNG's width and height, from its header: the size link previews are told is the file's."""
    header = path.read_bytes()[:24]
    if header[:8] != b"\x89PNG\r\n\x1a\n" or header[12:16] != b"IHDR":
        raise ValueError(f"{path}: not a PNG image")
    width, height = struct.unpack(">II", header[16:24])
    return width, height


class MissingPreviewImage(ValueError):
    """The link-preview image a site names is not where the build looks for it."""


def check_preview_image(custom_dir: str | None, image: str | None) -> None:
    """A link-preview image the site names (the plugin's `preview_image`) must be a file of its own
    theme folder (`theme.custom_dir`), which MkDocs publishes at the same address. A site that names
    none uses `assets/images/preview.png` there if it has one, and otherwise has none."""
    if image is None:
        return
    if not custom_dir:
        raise MissingPreviewImage(
            f"mkdocs.yml: field 'theme.custom_dir': expected the site's own theme folder (overrides), which holds its "
            f"link-preview image {image}; got none"
        )
    path = Path(custom_dir) / image
    if not path.is_file():
        raise MissingPreviewImage(
            f"{path}: the site's link-preview image is missing (a PNG, 1200x630, of the site's name in Welsh and "
            f"English: scripts/make-preview-image draws one)"
        )


def preview_image(
    theme_dir: Path, site_url: str, lang: str, welsh_name: str, english_name: str, image: str | None = None
) -> PreviewImage | None:
    """The preview image for a page in `lang`: its address, size, and alt text in that language
    (the image shows the site's name in Welsh, then in English). None for a site that has drawn
    none yet (a new one from `rhannu init`): its link previews then have no image, rather than
    one showing another site's name."""
    image = image or PREVIEW_IMAGE
    if not (theme_dir / image).is_file():
        return None
    width, height = png_size(theme_dir / image)
    alt = label(lang, "preview_image_alt", welsh=welsh_name, english=english_name)
    return PreviewImage(absolute(site_url, image), width, height, alt)


def og_locale(tag: str) -> str:
    """Open Graph's locale for a language tag: its region where the tag names one ('en-GB' ->
    'en_GB'), else the region Unicode's likely subtags give the language ('cy' -> 'cy_GB')."""
    from babel.core import get_global

    parts = tag.split("-")
    if len(parts) > 1 and len(parts[-1]) == 2:
        return f"{parts[0]}_{parts[-1].upper()}"
    likely = str(get_global("likely_subtags").get(parts[0], parts[0])).split("_")
    return f"{parts[0]}_{likely[-1]}" if len(likely) > 1 else parts[0]


def og_locales() -> dict[str, str]:
    """Each of the site's languages' Open Graph locale, by its tag, in the site's order."""
    return {lang.tag: og_locale(lang.tag) for lang in ALL}
