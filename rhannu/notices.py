"""Pages shown at an address whose translation does not exist yet, and the notice on a
translation older than its source. Their text is in `rhannu.labels`, in the page's language."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from rhannu.labels import label
from rhannu.languages import language


@dataclass(frozen=True)
class Notice:
    meta: dict[str, str]
    markdown: str


def stale_translation(markdown: str, lang: str, source_url: str, source_lang: str) -> str:
    """The translated page's Markdown with a notice, after its title, that its source has changed."""
    notice = (
        f'<div class="rhannu-notice" role="note"><p>{label(lang, "stale_notice")} '
        f'<a href="{escape(source_url)}" hreflang="{language(source_lang).tag}">{label(lang, "stale_link")}</a>.</p></div>'
    )
    first, newline, rest = markdown.partition("\n")
    if first.startswith("# "):
        return f"{first}\n\n{notice}\n{newline}{rest}"
    return f"{notice}\n\n{markdown}"


def missing_translation(lang: str, source_title: str, source_url: str, source_lang: str) -> Notice:
    """What the `lang` address of a page without a `lang` twin shows instead of the other language."""
    tag = language(source_lang).tag
    title = label(lang, "missing_title")
    return Notice(
        meta={"title": title, "description": label(lang, "missing_description"), "robots": "noindex"},
        markdown=(
            f"# {title}\n\n{label(lang, 'missing_body')} "
            f'<a href="{escape(source_url)}" lang="{tag}" hreflang="{tag}">{escape(source_title)}</a>.\n'
        ),
    )
