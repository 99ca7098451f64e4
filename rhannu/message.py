"""Email editions as message files: a MIME `multipart/alternative` message (plain text, then
HTML, both UTF-8) that an editor can open in Outlook or Thunderbird, check and send, and that
`rhannu newsletter send` sends as a test copy.

The build writes one beside each edition (`email.eml`, `email.cy.eml`, `email.en.eml`). Its bytes
reproduce: no Date or Message-ID (the mail client adds them when it sends) and a fixed MIME
boundary. `X-Unsent: 1` makes Outlook open the file as a draft to send rather than as a received
message. `List-Unsubscribe` is given only when data/newsletter.yml names a real unsubscribe
address (`email.list_unsubscribe`, https: or mailto:), and its footer then links to that address.
The mailing service's merge tag is no use in a message sent by hand, so without one the message
says that it cannot be sent to subscribers as it is, and points to the Subscribe page's section
on unsubscribing.
"""

from __future__ import annotations

from collections.abc import Iterable
from email.generator import BytesGenerator
from email.message import EmailMessage
from email.policy import SMTP
from io import BytesIO

from rhannu.email import Edition, edition_languages, render_html, render_text
from rhannu.labels import label
from rhannu.languages import language
from rhannu.newsletter import Issue
from rhannu.routes import message_path
from rhannu.site_info import SiteInfo
from rhannu.views import text_in

BOUNDARY = "rhannu-edition-alternative"  # fixed, so two builds write the same bytes
TEST_PREFIX = "[TEST] "


# The most characters of the issue's leading title a subject carries: phones show about 40 of a
# subject, desktop clients 60 to 80, so what the issue holds comes first and the site's name last.
LEAD_CHARS = 48


def subject(issue: Issue, edition: str, site: SiteInfo) -> str:
    """What is inside and the site's name, in the edition's language, or in both (Welsh first):
    'Sample editorial: welcome to the sample… + 9 more – Rhannu sample site'."""
    return " / ".join(subject_part(issue, lang, site) for lang in edition_languages(edition))


def subject_part(issue: Issue, lang: str, site: SiteInfo) -> str:
    """The issue's leading item (its editorial, else the first item of its first section that is
    the site's own), shortened at a word to LEAD_CHARS, how many more items it holds, and the site."""
    total = sum(len(section.items) for section in issue.sections)
    own = [section for section in issue.sections if section.style != "network"]
    if own:
        lead = text_in(own[0].items[0], lang).title
        more = total - 1
    else:  # partner news alone: named as a section, in the reader's language
        lead, more = label(lang, issue.sections[0].key), total
    lead = shortened(" ".join(lead.split()), LEAD_CHARS)
    counted = f" {label(lang, 'subject_more', n=more)}" if more else ""
    return f"{lead}{counted} \u2013 {site.name(lang)}"


def shortened(text: str, limit: int) -> str:
    """`text` cut at the last word that fits in `limit` characters, with an ellipsis to say so."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:-\u2013") + "\u2026"


def edition_message(
    issue: Issue, edition: str, site: SiteInfo, list_unsubscribe: str | None, *, test: bool = False
) -> EmailMessage:
    """The edition as a message with no recipient: text and HTML parts, subject, languages, and
    List-Unsubscribe when there is a real address for it. `test` marks the subject [TEST]."""
    message = EmailMessage(policy=SMTP)
    message["Subject"] = (TEST_PREFIX if test else "") + subject(issue, edition, site)
    if site.contact_email:
        message["From"] = site.contact_email
    if list_unsubscribe:
        message["List-Unsubscribe"] = f"<{list_unsubscribe}>"
    message["X-Unsent"] = "1"
    unsendable = not list_unsubscribe
    message.set_content(render_text(issue, edition, site, list_unsubscribe, unsendable=unsendable), charset="utf-8")
    message.add_alternative(
        render_html(issue, edition, site, list_unsubscribe, unsendable=unsendable), subtype="html", charset="utf-8"
    )
    message.set_boundary(BOUNDARY)
    # after the parts: setting content clears a message's Content- headers
    message["Content-Language"] = ", ".join(language(lang).tag for lang in edition_languages(edition))
    return message


def as_bytes(message: EmailMessage) -> bytes:
    """The message as a file: CRLF line ends, as mail clients and SMTP expect."""
    buffer = BytesIO()
    BytesGenerator(buffer, policy=SMTP).flatten(message)
    return buffer.getvalue()


def message_files(editions: Iterable[Edition], site: SiteInfo, list_unsubscribe: str | None) -> dict[str, bytes]:
    """A message file for each edition, by its path beside the edition's HTML."""
    files = {}
    for edition in editions:
        message = edition_message(edition.issue, edition.edition, site, list_unsubscribe)
        files[message_path(edition.issue, edition.edition)] = as_bytes(message)
    return files
