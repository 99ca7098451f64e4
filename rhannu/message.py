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

from rhannu.email import Edition, edition_file, edition_languages, render_html, render_text
from rhannu.issue_views import issue_title
from rhannu.languages import language
from rhannu.newsletter import Issue
from rhannu.site_info import SiteInfo

BOUNDARY = "rhannu-edition-alternative"  # fixed, so two builds write the same bytes
TEST_PREFIX = "[TEST] "


def message_path(issue: Issue, edition: str) -> str:
    return edition_file(issue, edition, "eml")


def subject(issue: Issue, edition: str) -> str:
    """The issue's title in the edition's language, or in both, Welsh first."""
    return " / ".join(issue_title(issue, lang) for lang in edition_languages(edition))


def edition_message(
    issue: Issue, edition: str, site: SiteInfo, list_unsubscribe: str | None, *, test: bool = False
) -> EmailMessage:
    """The edition as a message with no recipient: text and HTML parts, subject, languages, and
    List-Unsubscribe when there is a real address for it. `test` marks the subject [TEST]."""
    message = EmailMessage(policy=SMTP)
    message["Subject"] = (TEST_PREFIX if test else "") + subject(issue, edition)
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
