"""The newsletter's email edition: self-contained HTML that survives mail clients, and text.

A 600 px single-column table layout; every style inlined (css-inline), no <style>, <link> or
script; absolute links; items as title, summary and link, only the editorial in full. The
default edition is bilingual, Welsh first, with a jump link to the English part.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser

import css_inline

from rhannu.content_types import page_path
from rhannu.errors import ContentError
from rhannu.issue_views import (
    Linker,
    event_when,
    event_when_text,
    issue_path,
    issue_summary,
    issue_title,
    markdown_html,
)
from rhannu.labels import label
from rhannu.languages import ALL, ENGLISH, language
from rhannu.newsletter import Issue, Section
from rhannu.site_info import SiteInfo
from rhannu.urls import absolute
from rhannu.views import text_in, url

GMAIL_CLIP_BYTES = 102 * 1024
BOTH = "both"  # the bilingual edition, Welsh first
EDITIONS = (BOTH, *(lang.code for lang in ALL))

STYLE = """
body { margin: 0; padding: 0; background-color: #eef2f2; }
.outer { width: 100%; background-color: #eef2f2; }
.container { width: 600px; max-width: 600px; background-color: #ffffff; }
td { font-family: Arial, Helvetica, sans-serif; font-size: 16px; line-height: 24px; color: #1d2626; }
.masthead { background-color: #1f5f5b; color: #ffffff; padding: 20px 24px;
  font-size: 20px; line-height: 28px; font-weight: bold; }
.jump { padding: 12px 24px; font-size: 14px; background-color: #f6f8f8; }
.part { padding: 8px 24px 24px 24px; }
h1 { font-size: 24px; line-height: 32px; margin: 16px 0 8px 0; color: #1d2626; }
h2 { font-size: 20px; line-height: 28px; margin: 24px 0 8px 0; color: #1f5f5b; }
h3 { font-size: 17px; line-height: 24px; margin: 16px 0 4px 0; }
p { margin: 0 0 12px 0; }
a { color: #1d5c8f; text-decoration: underline; }
.meta { color: #3d4a49; font-size: 14px; }
.footer { padding: 16px 24px; font-size: 13px; line-height: 20px; color: #3d4a49; background-color: #f6f8f8; }
"""


@dataclass(frozen=True)
class Edition:
    issue: Issue
    edition: str  # both, en, cy
    html: str
    text: str

    @property
    def html_path(self) -> str:
        return f"{issue_path(self.issue)}/{email_name(self.edition)}.html"

    @property
    def text_path(self) -> str:
        return f"{issue_path(self.issue)}/{email_name(self.edition)}.txt"


def email_name(edition: str) -> str:
    return "email" if edition == BOTH else f"email.{edition}"


def _languages(edition: str) -> list[str]:
    return [lang.code for lang in ALL] if edition == BOTH else [edition]


def _item_html(title: str, summary: str, href: str, lang: str, extra: str = "") -> str:
    return f'<h3><a href="{escape(href)}">{escape(title)}</a></h3>{extra}<p>{escape(summary)}</p>'


def _section_html(section: Section, lang: str, web: str, link: Linker) -> str:
    heading = f"<h2>{escape(label(lang, section.key))}</h2>"
    if section.style == "editorial":
        text = text_in(section.items[0], lang)
        return f"{heading}<h3>{escape(text.title)}</h3>{markdown_html(text.body)}"
    if section.style == "network":
        return heading + "".join(
            f'<div lang="{language(item.lang).tag}">'
            + _item_html(
                item.title,
                item.summary,
                item.link,
                item.lang,
                f'<p class="meta">{escape(label(lang, "in_" + item.lang))}, {escape(item.feed)}</p>',
            )
            + "</div>"
            for item in section.items
        )
    parts = [heading]
    for item in section.items:
        text = text_in(item, lang)
        if section.style == "linked":
            parts.append(_item_html(text.title, text.summary, link(page_path(item, lang)), lang))
        else:  # news and events: on the issue's web page
            extra = f'<p class="meta">{event_when(item, lang)}</p>' if item.event_start else ""
            parts.append(_item_html(text.title, text.summary, web, lang, extra))
    return "".join(parts)


def _part_html(issue: Issue, lang: str, site: SiteInfo) -> str:
    def link(path: str) -> str:
        return absolute(site.url, url(path, lang))

    web = link(issue_path(issue))
    parts = [
        f"<h1>{escape(issue_title(issue, lang))}</h1>",
        f'<p class="meta">{escape(issue_summary(issue, lang))}</p>',
        f'<p><a href="{escape(web)}">{escape(label(lang, "email_view_web"))}</a></p>',
        *(_section_html(section, lang, web, link) for section in issue.sections),
    ]
    return "".join(parts)


def render_html(issue: Issue, edition: str, site: SiteInfo, unsubscribe: str) -> str:
    langs = _languages(edition)
    first = langs[0]
    names = "<br>".join(f'<span lang="{language(lang).tag}">{escape(site.name(lang))}</span>' for lang in langs)
    rows = [f'<tr><td class="masthead">{names}</td></tr>']
    if len(langs) > 1:
        rows.append(
            f'<tr><td class="jump" lang="{ENGLISH.tag}">'
            f'<a href="#english">{escape(label(ENGLISH.code, "email_jump"))}</a></td></tr>'
        )
    for lang in langs:
        anchor = language(lang).name.lower()  # #english, #cymraeg
        rows.append(f'<tr><td class="part" id="{anchor}" lang="{language(lang).tag}">{_part_html(issue, lang, site)}</td></tr>')
    footer = "".join(
        f'<p lang="{language(lang).tag}">{escape(label(lang, "email_why", site=site.name(lang)))} '
        f'<a href="{escape(unsubscribe)}">{escape(label(lang, "email_unsubscribe"))}</a></p>'
        for lang in langs
    )
    rows.append(f'<tr><td class="footer">{footer}</td></tr>')
    title = " / ".join(issue_title(issue, lang) for lang in langs)
    document = (
        f'<!DOCTYPE html>\n<html lang="{language(first).tag}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>{escape(title)}</title>\n'
        f"<style>{STYLE}</style>\n</head>\n<body>\n"
        '<table role="presentation" class="outer" width="100%" cellpadding="0" cellspacing="0" border="0">'
        '<tr><td align="center">'
        f'<table role="presentation" class="container" width="600" cellpadding="0" cellspacing="0" border="0">'
        f"{''.join(rows)}</table></td></tr></table>\n</body>\n</html>\n"
    )
    return css_inline.inline(document)


def _wrap(text: str, width: int = 72) -> str:
    """Greedy word wrap at `width` (textwrap's regex chunking cost more than all else here)."""
    lines = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split():
            if line and len(line) + 1 + len(word) > width:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        lines.append(line)
    return "\n".join(lines)


def _section_text(section: Section, lang: str, web: str, link: Linker) -> list[str]:
    lines = ["", label(lang, section.key).upper()]
    if section.style == "editorial":
        text = text_in(section.items[0], lang)
        return [*lines, text.title, "", markdown_text(text.body)]
    for item in section.items:
        if section.style == "network":
            lines += ["", f"* {item.title} ({label(lang, 'in_' + item.lang)}, {item.feed})", _wrap(item.summary), item.link]
            continue
        text = text_in(item, lang)
        href = link(page_path(item, lang)) if section.style == "linked" else web
        when = [f"{label(lang, 'when')}: {event_when_text(item, lang)}"] if getattr(item, "event_start", None) else []
        lines += ["", f"* {text.title}", *when, _wrap(text.summary), href]
    return lines


class _PlainText(HTMLParser):
    """Rendered Markdown as plain text: one paragraph a block, list items with '* ', and each
    link's address after its words."""

    BLOCKS = frozenset({"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr"})

    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[str] = []
        self._words: list[str] = []
        self._links: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.BLOCKS:
            self._flush()
            if tag == "li":
                self._words.append("*")
        elif tag == "a":
            self._links.append(dict(attrs).get("href"))
        elif tag == "br":
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in self.BLOCKS:
            self._flush()
        elif tag == "a" and self._links:
            href = self._links.pop()
            if href and href not in "".join(self._words[-1:]):
                self._words.append(f"({href})")

    def handle_data(self, data: str) -> None:
        self._words += data.split()

    def _flush(self) -> None:
        if self._words:
            self.blocks.append(" ".join(self._words).replace(" ,", ",").replace(" .", "."))
        self._words = []

    def text(self) -> str:
        self._flush()
        return "\n\n".join(_wrap(block) for block in self.blocks)


def markdown_text(body: str) -> str:
    """An editor's Markdown as the plain-text edition shows it, wrapped at 72 characters."""
    parser = _PlainText()
    parser.feed(markdown_html(body))
    parser.close()
    return parser.text()


def render_text(issue: Issue, edition: str, site: SiteInfo, unsubscribe: str) -> str:
    blocks = []
    for lang in _languages(edition):

        def link(path: str, lang: str = lang) -> str:
            return absolute(site.url, url(path, lang))

        web = link(issue_path(issue))
        lines = [
            site.name(lang),
            issue_title(issue, lang),
            _wrap(issue_summary(issue, lang)),
            f"{label(lang, 'email_view_web')}: {web}",
        ]
        for section in issue.sections:
            lines += _section_text(section, lang, web, link)
        lines += ["", _wrap(label(lang, "email_why", site=site.name(lang))), f"{label(lang, 'email_unsubscribe')}: {unsubscribe}"]
        blocks.append("\n".join(lines))
    return ("\n\n" + "=" * 72 + "\n\n").join(blocks) + "\n"


def editions(issues: tuple[Issue, ...], site: SiteInfo, unsubscribe: str, which: tuple[str, ...] = EDITIONS) -> list[Edition]:
    return [
        Edition(issue, edition, render_html(issue, edition, site, unsubscribe), render_text(issue, edition, site, unsubscribe))
        for issue in issues
        for edition in which
    ]


def size_errors(rendered: list[Edition]) -> list[ContentError]:
    return [
        ContentError(
            edition.html_path,
            f"the email edition of the issue published {edition.issue.published} is "
            f"{len(edition.html.encode()) / 1024:.0f} KB, over the 102 KB at which Gmail clips an email: "
            "shorten its editorial or move items to the next issue",
        )
        for edition in rendered
        if len(edition.html.encode()) > GMAIL_CLIP_BYTES
    ]
