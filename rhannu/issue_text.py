"""The words of an issue and its items that every format shares: the issue's title and summary,
an item's Markdown as HTML and as plain text, an event's date and time, an item's id on its
issue's page, and the box for the newest issue (or what to expect before the first). Issue
pages, feeds, the catalogue, emails, calendars and the home page take them from here, so that
no renderer imports another.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from html import escape
from html.parser import HTMLParser

from rhannu import html_safety
from rhannu.content_types import NewsItem
from rhannu.dates import LONDON, long_date
from rhannu.labels import label
from rhannu.markdown_text import rendered_once
from rhannu.newsletter import Issue, Status
from rhannu.routes import SUBSCRIBE, issue_path
from rhannu.urls import relative, url

Linker = Callable[[str], str]  # a page path ("case-studies/x") -> the href to write


def issue_title(issue: Issue, lang: str) -> str:
    return label(lang, "issue_title", date=long_date(issue.published, lang))


def issue_summary(issue: Issue, lang: str) -> str:
    last_day = long_date(issue.published - dt.timedelta(days=1), lang)
    if issue.start is None:  # the first issue gathers everything published before it
        covers = label(lang, "issue_covers_first", end=last_day)
    else:
        covers = label(lang, "issue_covers", start=long_date(issue.start, lang), end=last_day)
    if issue.number is None:  # first_number is empty: the site's issues carry no number
        return f"{covers}."
    return f"{label(lang, 'issue_number', number=issue.number)}. {covers}."


def markdown_html(text: str) -> str:
    """A newsletter item's Markdown as HTML for issue pages, feeds and emails: refused at
    prepare time if it holds anything outside the allowlist, and cleaned here all the same."""
    return html_safety.clean(rendered_markdown(text))


def rendered_markdown(text: str) -> str:
    """A newsletter item's Markdown as HTML, as its author wrote it (what the allowlist checks)."""
    return rendered_once(text)


def _event_start(item: NewsItem) -> dt.datetime:
    if item.event_start is None:
        raise ValueError(f"{item.slug} is not an event: it has no event date")
    return item.event_start.astimezone(LONDON)


def item_id(item: NewsItem) -> str:
    """The id of an item on its issue's page, from its slug (lower case letters, digits and
    hyphens): 'item-' keeps it clear of the ids the theme and script reserve (html_safety) and of
    the sections' own ('issue-news'), so emails can link to the item itself."""
    return f"item-{item.slug}"


def _event_end(item: NewsItem) -> dt.datetime | None:
    return item.event_end.astimezone(LONDON) if item.event_end is not None else None


def _when_parts(item: NewsItem, lang: str) -> tuple[list[tuple[str, str]], str]:
    """(machine value, text) of an event's start and, where it has one, its end, and what goes
    between them: '17 March 2022, 14:00' and '16:00' (an end on the same day), or whole days."""
    start, end = _event_start(item), _event_end(item)
    if item.event_has_time:
        parts = [(start.isoformat(), f"{long_date(start.date(), lang)}, {start:%H:%M}")]
        if end is None:
            return parts, ""
        if end.date() == start.date():
            return [*parts, (end.isoformat(), f"{end:%H:%M}")], "\u2013"
        return [*parts, (end.isoformat(), f"{long_date(end.date(), lang)}, {end:%H:%M}")], " \u2013 "
    parts = [(start.date().isoformat(), long_date(start.date(), lang))]
    if end is None or end.date() == start.date():
        return parts, ""
    return [*parts, (end.date().isoformat(), long_date(end.date(), lang))], " \u2013 "


def event_when_text(item: NewsItem, lang: str) -> str:
    """'17 March 2022, 14:00', or the day alone where no time was given; with its end where it
    has one ('17 March 2022, 14:00–16:00', '17 March 2022 – 18 March 2022')."""
    parts, between = _when_parts(item, lang)
    return between.join(text for _, text in parts)


def event_when(item: NewsItem, lang: str) -> str:
    parts, between = _when_parts(item, lang)
    return between.join(f'<time datetime="{machine}">{escape(text)}</time>' for machine, text in parts)


def wrap(text: str, width: int = 72) -> str:
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
        return "\n\n".join(wrap(block) for block in self.blocks)


def markdown_text(body: str) -> str:
    """An editor's Markdown as the plain-text edition shows it, wrapped at 72 characters."""
    parser = _PlainText()
    parser.feed(markdown_html(body))
    parser.close()
    return parser.text()


def no_issue_html(status: Status, lang: str, from_url: str, subscribe_url: str | None = None) -> str:
    """Before the first issue here: that the programme's newsletters are not published on this
    site yet, or, once launched, when its next issue is due."""
    if status.launched and status.next_issue is not None:
        said = label(lang, "next_issue_due", date=long_date(status.next_issue, lang))
    else:
        said = label(lang, "newsletter_not_here")
    link = relative(subscribe_url or url(SUBSCRIBE, lang), from_url)
    return f'<p class="rhannu-no-issue">{escape(said)} <a href="{link}">{escape(label(lang, "subscribe"))}</a></p>'


def latest_issue_html(
    issues: tuple[Issue, ...], lang: str, from_url: str, status: Status, subscribe_url: str | None = None
) -> str:
    """The home page's box for the newest issue, or what to expect while there is none."""
    if not issues:
        return (
            f'<section class="rhannu-latest-issue" aria-labelledby="latest-issue">'
            f'<h2 id="latest-issue">{escape(label(lang, "newsletter"))}</h2>'
            f"{no_issue_html(status, lang, from_url, subscribe_url)}</section>"
        )
    issue = issues[-1]
    date = long_date(issue.published, lang)
    return (
        f'<section class="rhannu-latest-issue" aria-labelledby="latest-issue">'
        f'<h2 id="latest-issue">{escape(label(lang, "latest_issue"))}</h2>'
        f"<p>{escape(issue_summary(issue, lang))}</p>"
        f'<p><a href="{relative(url(issue_path(issue), lang), from_url)}">{escape(label(lang, "read_issue", date=date))}</a></p>'
        f"</section>"
    )
