"""The newsletter's email edition: self-contained HTML that survives mail clients, and text.

A fluid single-column table layout, at most 600 px wide and readable from 320 px (Outlook, which
knows no max-width, gets a fixed 600 px table in a conditional comment); every style inlined
(css-inline), and the only <style> a dark-scheme block that clients without it simply skip; no
<link> or script; absolute links; items as title, summary and link, only the editorial in full.
The default edition is bilingual, Welsh first, with a jump link to the English part.

Each edition renders two ways from one renderer: for the mailing service (`rhannu newsletter
email`), with its unsubscribe merge tag and "you subscribed", and as the web copy the build
publishes beside the issue, which has neither: its unsubscribe line leads to the Subscribe page.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from html import escape

import css_inline

from rhannu.content_types import NewsItem, page_path
from rhannu.errors import ContentError
from rhannu.issue_text import (
    Linker,
    event_when,
    event_when_text,
    issue_summary,
    issue_title,
    item_id,
    markdown_html,
    markdown_text,
    wrap,
)
from rhannu.labels import label
from rhannu.languages import ALL, DEFAULT, language
from rhannu.newsletter import Issue, Section
from rhannu.routes import BOTH, edition_file, email_name, event_calendar_path, issue_path
from rhannu.site_info import SiteInfo
from rhannu.urls import absolute
from rhannu.views import text_in, url

GMAIL_CLIP_BYTES = 102 * 1024
EDITIONS = (BOTH, *(lang.code for lang in ALL))  # Rhannu's starting pair's, for the command line's choices


def all_editions() -> tuple[str, ...]:
    """The edition in all of the site's languages, then one in each."""
    return (BOTH, *(lang.code for lang in ALL))


# The web copy's text edition starts with a byte order mark: a host that serves .txt with no
# character set would otherwise show UTF-8 Welsh as Latin-1 ("caniatÃ¡u"); browsers take a BOM
# over their default, whatever the headers leave out.
BOM = "\ufeff"

STYLE = """
body { margin: 0; padding: 0; background-color: #eef2f2; }
.outer { width: 100%; background-color: #eef2f2; }
.container { width: 100%; max-width: 600px; background-color: #ffffff; }
td { font-family: Arial, Helvetica, sans-serif; font-size: 16px; line-height: 24px; color: #1d2626;
  overflow-wrap: anywhere; word-break: break-word; }
img { max-width: 100%; height: auto; }
.preheader { display: none; font-size: 1px; line-height: 1px; max-height: 0; max-width: 0;
  opacity: 0; overflow: hidden; }
.top { padding: 8px 24px; font-size: 14px; background-color: #f6f8f8; }
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

# Kept as a <style> (a media query cannot be inlined); `!important` outranks the inlined light
# colours. Clients that drop it show the light colours, which are complete on their own.
DARK = """
:root { color-scheme: light dark; }
@media (prefers-color-scheme: dark) {
body, .outer { background-color: #0f1717 !important; }
.container, .part { background-color: #1a2323 !important; }
td, h1, h3 { color: #e8eeee !important; }
.top, .jump, .footer { background-color: #243030 !important; color: #d3dddc !important; }
h2 { color: #8fd3cc !important; }
a { color: #9ccbff !important; }
.meta { color: #c3cfce !important; }
}
"""


@dataclass(frozen=True)
class Edition:
    issue: Issue
    edition: str  # both, en, cy
    html: str
    text: str

    @property
    def html_path(self) -> str:
        return edition_file(self.issue, self.edition, "html")

    @property
    def text_path(self) -> str:
        return edition_file(self.issue, self.edition, "txt")

    @property
    def text_file(self) -> str:
        """The text edition as the build writes it: with a BOM, so any host shows it right."""
        return BOM + self.text


def edition_languages(edition: str) -> list[str]:
    return [lang.code for lang in ALL] if edition == BOTH else [edition]


# Each section of an email edition lists at most this many items, then links to the rest on the
# issue's web page: a busy fortnight (a bulk import of case studies, say) must not make an edition
# too big for mail clients. GMAIL_CLIP_BYTES stays as a guard that ordinary content never reaches.
SECTION_ITEMS = 10


def _shown(section: Section) -> tuple[tuple, int]:
    """The items an email section lists, and how many more the web page has."""
    return section.items[:SECTION_ITEMS], max(0, len(section.items) - SECTION_ITEMS)


def _more_href(web: str, section: Section) -> str:
    return f"{web}#issue-{section.key}"


def _item_html(title: str, summary: str, href: str, lang: str, extra: str = "") -> str:
    return f'<h3><a href="{escape(href)}">{escape(title)}</a></h3>{extra}<p>{escape(summary)}</p>'


def _item_href(web: str, item: NewsItem) -> str:
    """A news item or event on the issue's web page, by its id there."""
    return f"{web}#{item_id(item)}"


def _calendar_href(issue: Issue, item: NewsItem, lang: str, site: SiteInfo) -> str:
    """The event's one-event calendar file, by its absolute address: mail clients run no script
    and know no page to resolve a relative link against."""
    return absolute(site.url, event_calendar_path(issue, item.slug, lang))


def _calendar_html(issue: Issue, item: NewsItem, lang: str, site: SiteInfo) -> str:
    return (
        f'<p class="meta"><a href="{escape(_calendar_href(issue, item, lang, site))}" type="text/calendar">'
        f"{escape(label(lang, 'add_to_calendar'))}</a> "
        f"{escape(label(lang, 'add_to_calendar_hint'))}</p>"
    )


def _section_html(section: Section, lang: str, web: str, link: Linker, issue: Issue, site: SiteInfo) -> str:
    heading = f"<h2>{escape(label(lang, section.key))}</h2>"
    if section.style == "editorial":
        text = text_in(section.items[0], lang)
        return f"{heading}<h3>{escape(text.title)}</h3>{markdown_html(text.body)}"
    parts = [heading]
    items, more = _shown(section)
    for item in items:
        if section.style == "network":
            meta = f'<p class="meta">{escape(label(lang, "in_" + item.lang))}, {escape(item.feed)}</p>'
            parts.append(
                f'<div lang="{language(item.lang).tag}">{_item_html(item.title, item.summary, item.link, item.lang, meta)}</div>'
            )
            continue
        text = text_in(item, lang)
        if section.style == "linked":
            parts.append(_item_html(text.title, text.summary, link(page_path(item, lang)), lang))
        else:  # news and events: each on the issue's web page, an event with its calendar file
            extra = f'<p class="meta">{event_when(item, lang)}</p>' if item.event_start else ""
            after = _calendar_html(issue, item, lang, site) if item.event_start else ""
            parts.append(_item_html(text.title, text.summary, _item_href(web, item), lang, extra) + after)
    if more:
        parts.append(f'<p><a href="{escape(_more_href(web, section))}">{escape(label(lang, "email_more", n=more))}</a></p>')
    return "".join(parts)


def _web_page(issue: Issue, lang: str, site: SiteInfo) -> str:
    return absolute(site.url, url(issue_path(issue), lang))


def _part_html(issue: Issue, lang: str, site: SiteInfo) -> str:
    def link(path: str) -> str:
        return absolute(site.url, url(path, lang))

    web = _web_page(issue, lang, site)
    parts = [
        f"<h1>{escape(issue_title(issue, lang))}</h1>",
        f'<p class="meta">{escape(issue_summary(issue, lang))}</p>',
        *(_section_html(section, lang, web, link, issue, site) for section in issue.sections),
    ]
    return "".join(parts)


def _top_html(issue: Issue, edition: str, site: SiteInfo) -> str:
    """The first line a reader sees: the issue on the web in each of the edition's languages and,
    in a one-language edition, the edition in the other language (named in that language)."""

    def anchor(href: str, lang: str, key: str) -> str:
        tag = language(lang).tag
        return f'<a href="{escape(href)}" lang="{tag}" hreflang="{tag}">{escape(label(lang, key))}</a>'

    links = [anchor(_web_page(issue, lang, site), lang, "email_view_web") for lang in edition_languages(edition)]
    if edition != BOTH:
        for other in (lang.code for lang in ALL if lang.code != edition):
            links.append(
                anchor(absolute(site.url, f"{issue_path(issue)}/{email_name(other)}.html"), other, "email_other_edition")
            )
    return " | ".join(links)


def unsubscribing_url(lang: str, site: SiteInfo) -> str:
    """The Subscribe page's section on unsubscribing, in `lang`: the web copies' unsubscribe line."""
    return absolute(site.url, site.address(url("subscribe", lang))) + "#" + label(lang, "unsubscribing_id")


def _unsubscribed_note(lang: str, site: SiteInfo, unsendable: bool) -> str:
    """Where there is no unsubscribe link: the web copy says what it is; a message file says that
    it cannot be sent to subscribers as it is."""
    return label(lang, "email_unsendable") if unsendable else label(lang, "email_web_copy", site=site.name(lang))


def _footer_html(lang: str, site: SiteInfo, unsubscribe: str | None, unsendable: bool = False) -> str:
    tag = language(lang).tag
    if unsubscribe is None:  # the web copy, or a message file with no unsubscribe address
        return (
            f'<p lang="{tag}">{escape(_unsubscribed_note(lang, site, unsendable))} '
            f'<a href="{escape(unsubscribing_url(lang, site))}">{escape(label(lang, "email_unsubscribe_how"))}</a></p>'
        )
    return (
        f'<p lang="{tag}">{escape(label(lang, "email_why", site=site.name(lang)))} '
        f'<a href="{escape(unsubscribe)}">{escape(label(lang, "email_unsubscribe"))}</a></p>'
    )


def render_html(issue: Issue, edition: str, site: SiteInfo, unsubscribe: str | None, *, unsendable: bool = False) -> str:
    """The HTML edition: for the mailing service, given its unsubscribe merge tag; with
    `unsubscribe` None, the web copy (no merge tag, no "you subscribed"), or with `unsendable` a
    message file that says it cannot be sent to subscribers as it is."""
    langs = edition_languages(edition)
    first = langs[0]
    names = "<br>".join(f'<span lang="{language(lang).tag}">{escape(site.name(lang))}</span>' for lang in langs)
    rows = [
        f'<tr><td class="top">{_top_html(issue, edition, site)}</td></tr>',
        f'<tr><td class="masthead">{names}</td></tr>',
    ]
    if len(langs) > 1 and first != DEFAULT.code:  # a jump to the default language's part, below the first
        rows.append(
            f'<tr><td class="jump" lang="{DEFAULT.tag}">'
            f'<a href="#{DEFAULT.name.lower()}">{escape(label(DEFAULT.code, "email_jump"))}</a></td></tr>'
        )
    for lang in langs:
        anchor = language(lang).name.lower()  # #english, #cymraeg
        rows.append(f'<tr><td class="part" id="{anchor}" lang="{language(lang).tag}">{_part_html(issue, lang, site)}</td></tr>')
    footer = "".join(_footer_html(lang, site, unsubscribe, unsendable) for lang in langs)
    rows.append(f'<tr><td class="footer">{footer}</td></tr>')
    title = " / ".join(issue_title(issue, lang) for lang in langs)
    preheader = " / ".join(f'<span lang="{language(lang).tag}">{escape(issue_summary(issue, lang))}</span>' for lang in langs)
    document = (
        f'<!DOCTYPE html>\n<html lang="{language(first).tag}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="color-scheme" content="light dark">\n<meta name="supported-color-schemes" content="light dark">\n'
        f"<title>{escape(title)}</title>\n"
        f"<style>{STYLE}</style>\n</head>\n<body>\n"
        # the whole email is the page's main landmark; the preheader, which Outlook would show,
        # is left out of it by a conditional comment (mso-hide is no CSS a validator knows)
        f'<div role="main">\n<!--[if !mso]><!--><div class="preheader">{preheader}</div><!--<![endif]-->\n'
        '<table role="presentation" class="outer" width="100%" cellpadding="0" cellspacing="0" border="0">'
        '<tr><td align="center">'
        '<!--[if mso]><table role="presentation" width="600" align="center" cellpadding="0" cellspacing="0" '
        'border="0"><tr><td><![endif]-->'
        f'<table role="presentation" class="container" width="100%" cellpadding="0" cellspacing="0" border="0">'
        f"{''.join(rows)}</table>"
        "<!--[if mso]></td></tr></table><![endif]-->"
        "</td></tr></table>\n</div>\n</body>\n</html>\n"
    )
    inlined = css_inline.inline(document)
    head_end = inlined.index("</head>")
    return f"{inlined[:head_end]}<style>{DARK}</style>\n{inlined[head_end:]}"


def _section_text(section: Section, lang: str, web: str, link: Linker, issue: Issue, site: SiteInfo) -> list[str]:
    lines = ["", label(lang, section.key).upper()]
    if section.style == "editorial":
        text = text_in(section.items[0], lang)
        return [*lines, text.title, "", markdown_text(text.body)]
    items, more = _shown(section)
    for item in items:
        if section.style == "network":
            lines += ["", f"* {item.title} ({label(lang, 'in_' + item.lang)}, {item.feed})", wrap(item.summary), item.link]
            continue
        text = text_in(item, lang)
        href = link(page_path(item, lang)) if section.style == "linked" else _item_href(web, item)
        is_event = getattr(item, "event_start", None) is not None
        when = [f"{label(lang, 'when')}: {event_when_text(item, lang)}"] if is_event else []
        lines += ["", f"* {text.title}", *when, wrap(text.summary), href]
        if is_event:
            lines += [f"{label(lang, 'add_to_calendar')}: {_calendar_href(issue, item, lang, site)}"]
    if more:
        lines += ["", label(lang, "email_more", n=more), _more_href(web, section)]
    return lines


def render_text(issue: Issue, edition: str, site: SiteInfo, unsubscribe: str | None, *, unsendable: bool = False) -> str:
    """The plain-text edition; with `unsubscribe` None, the web copy or an unsendable message
    file (as `render_html`)."""
    blocks = []
    for lang in edition_languages(edition):

        def link(path: str, lang: str = lang) -> str:
            return absolute(site.url, url(path, lang))

        web = link(issue_path(issue))
        lines = [
            site.name(lang),
            issue_title(issue, lang),
            wrap(issue_summary(issue, lang)),
            f"{label(lang, 'email_view_web')}: {web}",
        ]
        for section in issue.sections:
            lines += _section_text(section, lang, web, link, issue, site)
        if unsubscribe is None:
            lines += ["", wrap(_unsubscribed_note(lang, site, unsendable))]
            lines.append(f"{label(lang, 'email_unsubscribe_how')}: {unsubscribing_url(lang, site)}")
        else:
            lines += ["", wrap(label(lang, "email_why", site=site.name(lang)))]
            lines.append(f"{label(lang, 'email_unsubscribe')}: {unsubscribe}")
        blocks.append("\n".join(lines))
    return ("\n\n" + "=" * 72 + "\n\n").join(blocks) + "\n"


def editions(
    issues: tuple[Issue, ...], site: SiteInfo, unsubscribe: str | None = None, which: tuple[str, ...] | None = None
) -> list[Edition]:
    """Each issue's editions; by default the web copies the build publishes (all_editions)."""
    which = which or all_editions()
    return [
        Edition(issue, edition, render_html(issue, edition, site, unsubscribe), render_text(issue, edition, site, unsubscribe))
        for issue in issues
        for edition in which
    ]


def size_errors(rendered: list[Edition], site: SiteInfo) -> list[ContentError]:
    return [
        ContentError(
            edition.html_path,
            f"the email edition of the issue published {edition.issue.published} is "
            f"{len(edition.html.encode()) / 1024:.0f} KB, over the 102 KB at which Gmail clips an email: "
            + _what_to_shorten(edition, site),
        )
        for edition in rendered
        if len(edition.html.encode()) > GMAIL_CLIP_BYTES
    ]


def _what_to_shorten(edition: Edition, site: SiteInfo) -> str:
    """Partner news comes from data/network-cache.json, not from the editors: where the edition
    would fit without it, the message says so instead of blaming the editorial."""
    partner = edition.issue.items("network")
    own = replace(edition.issue, sections=tuple(section for section in edition.issue.sections if section.style != "network"))
    if partner and len(render_html(own, edition.edition, site, None).encode()) <= GMAIL_CLIP_BYTES:
        return (
            f"its {len(partner)} partner news items (from data/network-cache.json) take it over the limit; "
            "remove some of them from the cache, or shorten the issue's own items"
        )
    return "shorten its editorial or move items to the next issue"
