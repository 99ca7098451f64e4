"""Pages shown at an address whose translation does not exist yet."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

MISSING_WELSH_TITLE = "Nid yw'r dudalen hon ar gael yn Gymraeg eto"


@dataclass(frozen=True)
class Notice:
    meta: dict[str, str]
    markdown: str


STALE_WELSH = (
    "Mae'r dudalen Saesneg wedi newid ers cyfieithu'r dudalen hon, felly efallai nad yw'r "
    "fersiwn Gymraeg yn gyfredol."
)


def stale_welsh(markdown: str, english_url: str) -> str:
    """The Welsh page's Markdown with a notice, after its title, that its English has changed."""
    notice = (
        f'<div class="rhannu-notice" role="note"><p>{STALE_WELSH} '
        f'<a href="{escape(english_url)}" hreflang="en-GB">Darllen y fersiwn Saesneg ddiweddaraf</a>.</p></div>'
    )
    first, newline, rest = markdown.partition("\n")
    if first.startswith("# "):
        return f"{first}\n\n{notice}\n{newline}{rest}"
    return f"{notice}\n\n{markdown}"


def missing_welsh(english_title: str, english_url: str) -> Notice:
    """What the Welsh address of an English page without a Welsh twin shows instead of English."""
    return Notice(
        meta={
            "title": MISSING_WELSH_TITLE,
            "description": "Mae'r dudalen hon yn cael ei chyfieithu i'r Gymraeg.",
            "robots": "noindex",
        },
        markdown=(
            f"# {MISSING_WELSH_TITLE}\n\n"
            "Mae'r dudalen hon yn cael ei chyfieithu i'r Gymraeg. Yn y cyfamser, gallwch ddarllen "
            f'y fersiwn Saesneg: <a href="{escape(english_url)}" lang="en-GB" hreflang="en-GB">'
            f"{escape(english_title)}</a>.\n"
        ),
    )
