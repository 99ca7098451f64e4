"""Newsletter issues as pages and as HTML for feeds: one renderer, links made by the caller."""

from __future__ import annotations

from html import escape

from rhannu.content_types import NewsItem, page_path
from rhannu.dates import long_date
from rhannu.issue_text import Linker, event_when, issue_summary, issue_title, item_id, markdown_html, no_issue_html
from rhannu.labels import label
from rhannu.languages import CODES, language
from rhannu.newsletter import Cadence, Issue, Section, Status, cadence_adjective
from rhannu.routes import (
    NEWSLETTER_ARCHIVE,
    SUBSCRIBE,
    edition_paths,
    event_calendar_path,
    events_calendar_path,
    feed_path,
    issue_path,
)
from rhannu.site_info import SiteInfo
from rhannu.views import Late, VirtualPage, href, page, relative, text_in, url
from rhannu.wayfinding import Neighbour, Place, breadcrumbs, pager

ISSUES = Place(NEWSLETTER_ARCHIVE, "newsletters", "pager_newsletters", "all_issues")


def _news_html(item: NewsItem, lang: str, calendar: Linker | None = None) -> str:
    """An item in full; an event with its details and, where `calendar` gives its .ics file's
    href, an "Add to calendar" link (on issue pages)."""
    text = text_in(item, lang)
    lang_attr = "" if lang in item.texts else ' lang="en-GB"'
    details = ""
    if item.kind == "event":
        rows = [(label(lang, "when"), event_when(item, lang))]
        if text.place:
            rows.append((label(lang, "where"), escape(text.place)))
        if item.online_link:
            rows.append(
                (
                    label(lang, "online"),
                    f'<a href="{escape(item.online_link)}">{escape(label(lang, "join_online"))}: {escape(text.title)}</a>',
                )
            )
        details = '<dl class="rhannu-meta">' + "".join(f"<div><dt>{escape(k)}</dt><dd>{v}</dd></div>" for k, v in rows) + "</dl>"
        if calendar is not None:
            details += (
                f'<p class="rhannu-add-to-calendar"><a href="{escape(calendar(item.slug))}" type="text/calendar">'
                f"{escape(label(lang, 'add_to_calendar'))}"
                f'<span class="rhannu-visually-hidden">: {escape(text.title)}</span></a> '
                f"{escape(label(lang, 'add_to_calendar_hint'))}</p>"
            )
    opening = f'<article class="rhannu-news" id="{item_id(item)}"{lang_attr}>'
    return f"{opening}<h3>{escape(text.title)}</h3>{details}{markdown_html(text.body)}</article>"


def _linked_items(items: tuple, lang: str, link: Linker) -> str:
    entries = "".join(
        f'<li><a href="{escape(link(page_path(item, lang)))}">{escape(text_in(item, lang).title)}</a>'
        f"<p>{escape(text_in(item, lang).summary)}</p></li>"
        for item in items
    )
    return f'<ul class="rhannu-issue-list">{entries}</ul>'


def _network_items(items: tuple, lang: str) -> str:
    """Partner news in its own language, labelled with it; links lead off the site."""
    entries = "".join(
        f'<li lang="{language(item.lang).tag}"><a href="{escape(item.link)}">{escape(item.title)}</a> '
        f'<span class="rhannu-network-source" lang="{language(lang).tag}">'
        f"({escape(label(lang, 'in_' + item.lang))}, {escape(item.feed)})</span>"
        f"<p>{escape(item.summary)}</p></li>"
        for item in items
    )
    return f'<ul class="rhannu-issue-list">{entries}</ul>'


def _section_body(section: Section, lang: str, link: Linker, calendar: Linker | None = None) -> str:
    if section.style == "editorial":
        text = text_in(section.items[0], lang)
        return f"<h3>{escape(text.title)}</h3>{markdown_html(text.body)}"
    if section.style == "full":
        return "".join(_news_html(item, lang, calendar) for item in section.items)
    if section.style == "linked":
        return _linked_items(section.items, lang, link)
    return _network_items(section.items, lang)


def issue_html(issue: Issue, lang: str, link: Linker, calendar: Linker | None = None) -> str:
    """The issue's body: its sections in order; editorial, news and events in full, new content
    as links to its pages. `calendar` gives the href of an event's .ics file from its slug."""
    return "\n".join(
        f'<section class="rhannu-issue-section" aria-labelledby="issue-{section.key}"><h2 id="issue-{section.key}">'
        f"{escape(label(lang, section.key))}</h2>{_section_body(section, lang, link, calendar)}</section>"
        for section in issue.sections
    )


def issue_teaser(issue: Issue, lang: str) -> str:
    """What an issue holds, in a line: each section's name and how many items it has."""
    sections = ", ".join(f"{escape(label(lang, section.key))} ({len(section.items)})" for section in issue.sections)
    return f'<p class="rhannu-issue-teaser">{escape(label(lang, "in_this_issue"))} {sections}</p>'


def editions_html(issue: Issue, lang: str, from_url: str) -> str:
    """Links to the issue's email and plain-text editions, each naming the issue for a screen
    reader (the archive lists them for every issue)."""
    date = escape(long_date(issue.published, lang))
    html_path, text_path = edition_paths(issue, lang)
    return "".join(
        f'<li><a href="{relative(target, from_url)}" type="{kind}">{escape(label(lang, key))}'
        f'<span class="rhannu-visually-hidden">: {date}</span></a></li>'
        for target, kind, key in ((html_path, "text/html", "email_edition"), (text_path, "text/plain", "text_edition"))
    )


def follow_html(lang: str, from_url: str, subscribe_url: str | None = None) -> str:
    """The newsletter's Subscribe page, its feed and its events calendar."""
    feed = feed_path("newsletters", lang)
    return (
        f'<li><a href="{relative(subscribe_url or url(SUBSCRIBE, lang), from_url)}">{escape(label(lang, "subscribe"))}</a></li>'
        f'<li><a href="{relative(feed, from_url)}" type="application/rss+xml">{escape(label(lang, "feed_issues"))}</a></li>'
        f'<li><a href="{relative(events_calendar_path(lang), from_url)}" type="text/calendar">'
        f"{escape(label(lang, 'calendar_feed'))}</a> {escape(label(lang, 'calendar_feed_hint'))}</li>"
    )


def editors_html(issue: Issue, lang: str, from_url: str) -> str:
    """For editors: the bilingual email edition and the message files (.eml) the build writes
    beside the issue (rhannu.email, rhannu.message), in a section of its own that says who they
    are for and what to do with them."""
    base = issue_path(issue)
    links = (
        (f"{base}/email.html", "text/html", "editors_bilingual_edition", False),
        (f"{base}/email.eml", "message/rfc822", "editors_message_bilingual", True),
        *((f"{base}/email.{code}.eml", "message/rfc822", f"editors_message_{code}", True) for code in CODES),
    )
    items = "".join(
        f'<li><a href="{relative(target, from_url)}" type="{kind}"{" download" if download else ""}>'
        f"{escape(label(lang, key))}</a></li>"
        for target, kind, key, download in links
    )
    return (
        '<section class="rhannu-editors" aria-labelledby="issue-editors">'
        f'<h2 id="issue-editors">{escape(label(lang, "editors_heading"))}</h2>'
        f"<p>{escape(label(lang, 'editors_intro'))}</p>"
        f'<ul class="rhannu-issue-links">{items}</ul></section>'
    )


def issue_page(issue: Issue, lang: str, issues: tuple[Issue, ...] = (), subscribe_url: str | None = None) -> VirtualPage:
    path = issue_path(issue)
    here = url(path, lang)
    previous, following = _issue_neighbours(issue, issues, lang)
    links = f'<ul class="rhannu-issue-links">{editions_html(issue, lang, here)}{follow_html(lang, here, subscribe_url)}</ul>'
    parts = [
        f'<p class="rhannu-issue-summary">{escape(issue_summary(issue, lang))}</p>',
        Late(links),
        issue_html(
            issue,
            lang,
            lambda target: href(target, lang, path),
            lambda slug: relative(event_calendar_path(issue, slug, lang), here),
        ),
        Late(editors_html(issue, lang, here)),
        Late(pager(ISSUES, previous, following, lang, path)),
    ]
    title = issue_title(issue, lang)
    return page(path, lang, title, issue_summary(issue, lang), parts, before_title=breadcrumbs(ISSUES, title, lang, path))


def archive_page(
    issues: tuple[Issue, ...], lang: str, status: Status, cadence: Cadence, subscribe_url: str | None = None
) -> VirtualPage:
    path = NEWSLETTER_ARCHIVE
    here = url(path, lang)
    intro_key = "newsletters_intro" if issues else "newsletters_intro_empty"  # an empty archive lists nothing
    intro = label(lang, intro_key, cadence=cadence_adjective(cadence, lang))
    parts = [
        f"<p>{escape(intro)}</p>",
        f'<ul class="rhannu-issue-links">{follow_html(lang, here, subscribe_url)}</ul>',
    ]
    if not issues:
        parts.append(no_issue_html(status, lang, here, subscribe_url))
    years = sorted({issue.published.year for issue in issues}, reverse=True)
    for year in years:
        items = "".join(
            f'<li><a href="{href(issue_path(issue), lang, path)}">{escape(issue_title(issue, lang))}</a> '
            f"{_archive_number(issue, lang)}"
            f"{issue_teaser(issue, lang)}"
            f'<ul class="rhannu-issue-links">{editions_html(issue, lang, here)}</ul></li>'
            for issue in sorted(issues, key=lambda issue: issue.published, reverse=True)
            if issue.published.year == year
        )
        parts.append(f'<h2 id="year-{year}">{year}</h2>\n<ul class="rhannu-archive">{items}</ul>')
    return page(path, lang, label(lang, "newsletters"), intro, parts, searchable=False)


def _archive_number(issue: Issue, lang: str) -> str:
    if issue.number is None:
        return ""
    return f"<span>({escape(label(lang, 'issue_number', number=issue.number))})</span>"


def newsletter_pages(
    issues: tuple[Issue, ...], lang: str, status: Status, cadence: Cadence, info: SiteInfo | None = None
) -> list[VirtualPage]:
    """Each issue's page and the archive; `info` gives the Subscribe page's address (its `slug`)."""
    subscribe_url = info.address(url(SUBSCRIBE, lang)) if info is not None else None
    issue_pages = [issue_page(issue, lang, issues, subscribe_url) for issue in issues]
    return [*issue_pages, archive_page(issues, lang, status, cadence, subscribe_url)]


def _issue_neighbours(issue: Issue, issues: tuple[Issue, ...], lang: str) -> tuple[Neighbour | None, Neighbour | None]:
    """The issues before and after this one, in the order they were published."""
    ordered = sorted(issues, key=lambda other: other.published)
    position = next((number for number, other in enumerate(ordered) if other.published == issue.published), None)
    if position is None:
        return None, None
    earlier = ordered[position - 1] if position > 0 else None
    later = ordered[position + 1] if position + 1 < len(ordered) else None
    return _neighbour(earlier, lang), _neighbour(later, lang)


def _neighbour(issue: Issue | None, lang: str) -> Neighbour | None:
    return Neighbour(issue_path(issue), issue_title(issue, lang)) if issue is not None else None
