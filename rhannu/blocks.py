"""Generated blocks that editors place in their own pages with a marker comment.

`<!-- rhannu:latest-issue -->` on the home page, `<!-- rhannu:subscribe -->` on the Subscribe
page (the email edition as the newsletter's state stands: not launched, launched with sign-up not
open, sign-up open), `<!-- rhannu:email-unsubscribe -->` (a sentence on the emails' unsubscribe
link, in the future tense until sign-up is open), `<!-- rhannu:mailing-list -->` (a sentence
saying whether sign-up is open, so a privacy page need not claim a mailing list there is not
yet), `<!-- rhannu:contact -->` (the contact address
in mkdocs.yml, or a word that there is none yet), on the Contact page
`<!-- rhannu:contact-details -->` (extra.contact: its address, form and who answers, or that none
is set yet), in the privacy notice `<!-- rhannu:data-controller -->` (a sentence naming
extra.data_controller, or saying none is named yet), and on the Reusing page
`<!-- rhannu:reuse-terms -->` (the licence, or whom to ask while there is none) and
`<!-- rhannu:catalogue -->` (the catalogue's addresses) are replaced, in each language, by what
the configuration and content say.
"""

from __future__ import annotations

from html import escape

from rhannu.catalogue_page import links_html
from rhannu.content_types import faceted_type
from rhannu.issue_text import latest_issue_html
from rhannu.labels import label
from rhannu.newsletter import Issue, NewsletterSettings, Status
from rhannu.routes import events_calendar_path, language_feeds
from rhannu.site_info import Contact, Licence
from rhannu.site_schema import Facet
from rhannu.urls import absolute
from rhannu.views import relative, url


def subscribe_html(
    settings: NewsletterSettings, lang: str, site_url: str, from_url: str, feed_facets: tuple[Facet, ...] = ()
) -> str:
    """How to follow the newsletter. The email edition follows the state by itself: not launched
    (no first_issue), launched with sign-up not open (no signup_url), sign-up open."""
    if settings.signup_url:
        email = (
            f'<p><a href="{escape(settings.signup_url)}">{escape(label(lang, "subscribe_signup"))}</a></p>\n'
            f"<p>{escape(label(lang, 'subscribe_email_open'))}</p>"
        )
    elif settings.first_issue is None:
        email = f"<p>{escape(label(lang, 'subscribe_not_launched'))}</p>"
    else:
        email = f"<p>{escape(label(lang, 'subscribe_not_yet'))}</p>"
    ics = events_calendar_path(lang)
    feeds = "".join(
        f'<li><a href="{escape(relative(path, from_url))}">{escape(title)}</a>: '
        f"<code>{escape(absolute(site_url, path))}</code></li>"
        for title, path in ((label(lang, key), path) for key, path in language_feeds(lang))
    )
    index_href = relative(url(f"{faceted_type().address}/index", lang), from_url)
    index = f'<a href="{escape(index_href)}">{escape(label(lang, "case_studies"))}</a>'
    facets = _facet_feeds_sentence(feed_facets, lang, index)
    return (
        f'<h2 id="subscribe-email">{escape(label(lang, "subscribe_email"))}</h2>\n{email}\n'
        f'<h2 id="subscribe-rss">{escape(label(lang, "subscribe_rss"))}</h2>\n'
        f"<p>{escape(label(lang, 'subscribe_rss_intro'))}</p>\n<ul>{feeds}</ul>\n{facets}"
        f'<h2 id="subscribe-calendar">{escape(label(lang, "subscribe_calendar"))}</h2>\n'
        f"<p>{escape(label(lang, 'subscribe_calendar_intro'))}</p>\n"
        f'<ul><li><a href="{escape(relative(ics, from_url))}">{escape(label(lang, "calendar_feed"))}</a>: '
        f"<code>{escape(absolute(site_url, ics))}</code></li></ul>"
    )


def _facet_feeds_sentence(facets: tuple[Facet, ...], lang: str, index_link: str) -> str:
    """Where the feeds of the facets that have them are ("each PSB and each theme"), named by the
    site's schema: none where no facet has feeds."""
    if not facets:
        return ""
    names = f" {label(lang, 'subscribe_rss_facets_and')} ".join(_in_sentence(facet.word(lang, "name")) for facet in facets)
    sentence = escape(label(lang, "subscribe_rss_facets", facets=names, case_studies="\0")).replace("\0", index_link)
    return f"<p>{sentence}</p>\n"


def _in_sentence(name: str) -> str:
    """A facet's name as a heading gives it ("Theme", "PSB"), inside a sentence ("theme", "PSB")."""
    return name[0].lower() + name[1:] if name[1:2].islower() else name


def email_unsubscribe_text(settings: NewsletterSettings, lang: str) -> str:
    """A sentence on the emails' unsubscribe link: in the future tense until sign-up is open."""
    return escape(label(lang, "email_unsubscribe_now" if settings.signup_url else "email_unsubscribe_future"))


def mailing_list_text(settings: NewsletterSettings, lang: str) -> str:
    """Whether sign-up for the email edition is open: until it is there is no mailing list."""
    return escape(label(lang, "mailing_list_open" if settings.signup_url else "mailing_list_none"))


def contact_html(email: str | None) -> str:
    return f'<a href="mailto:{escape(email)}">{escape(email)}</a>' if email else ""


def contact_inline(email: str | None, lang: str) -> str:
    """The contact address in an editor's sentence; until one is set, words saying so."""
    return contact_html(email) or f'<span class="rhannu-unset">{escape(label(lang, "contact_unset"))}</span>'


def contact_details_html(contact: Contact, lang: str) -> str:
    """The Contact page's block: who answers, the address and the contact form, each where the
    owner has set it (extra.contact); until one is, that there is no contact yet."""
    rows = []
    if contact.email:
        rows.append(f"{escape(label(lang, 'contact_email'))}: {contact_html(contact.email)}")
    if contact.url:
        rows.append(f'<a href="{escape(contact.url)}">{escape(label(lang, "contact_form"))}</a>')
    if not rows:
        return f'<p class="rhannu-contact rhannu-unset">{escape(label(lang, "contact_details_unset"))}</p>'
    name = contact.name(lang)
    who = f"<p>{escape(label(lang, 'contact_who', name=name))}</p>\n" if name else ""
    items = "".join(f"<li>{row}</li>" for row in rows)
    return f'<div class="rhannu-contact">\n{who}<ul>{items}</ul>\n</div>'


def data_controller_text(controller: dict[str, str] | None, lang: str) -> str:
    """A sentence naming the data controller (extra.data_controller); until it is set, a
    sentence saying it has not been named yet."""
    if controller is None:
        return escape(label(lang, "data_controller_unset"))
    return escape(label(lang, "data_controller", controller=controller[lang]))


def reuse_terms_html(licence: Licence | None, email: str | None, lang: str) -> str:
    """The terms of reuse: the licence once the owner has chosen one; until then, ask first."""
    if licence is not None:
        link = f'<a href="{escape(licence.url(lang))}">{escape(licence.name(lang))}</a>'
        return (
            f'<p class="rhannu-reuse-terms">{escape(label(lang, "licence_terms", licence="{licence}")).format(licence=link)}</p>'
        )
    if email:
        text = escape(label(lang, "licence_unset", contact="{contact}")).format(contact=contact_html(email))
    else:
        text = escape(label(lang, "licence_unset_no_contact"))
    return f'<p class="rhannu-reuse-terms">{text}</p>'


MARKERS = (
    "contact-details",
    "contact",
    "data-controller",
    "reuse-terms",
    "catalogue",
    "latest-issue",
    "subscribe",
    "email-unsubscribe",
    "mailing-list",
)


def _slot(name: str) -> str:
    return f'<span class="rhannu-marker-{name}"></span>'


def marked(markdown: str) -> str:
    """Editors' markers as empty spans, which Markdown keeps inline where the marker stands in a
    sentence (it would start an HTML block at a comment that begins a line), and which the HTML
    judge passes as they are; `replace_markers` fills them once the page has been judged."""
    for name in MARKERS:
        markdown = markdown.replace(f"<!-- rhannu:{name} -->", _slot(name))
    return markdown


def replace_markers(
    html: str,
    lang: str,
    page_url: str,
    issues: tuple[Issue, ...],
    settings: NewsletterSettings,
    status: Status,
    site_url: str,
    contact_email: str | None = None,
    licence: Licence | None = None,
    contact: Contact | None = None,
    data_controller: dict[str, str] | None = None,
    subscribe_url: str | None = None,
    feed_facets: tuple[Facet, ...] = (),
) -> str:
    """The judged HTML with each marker replaced by its block: a marker alone in its paragraph
    replaces the paragraph, one in a sentence stays in it."""
    blocks = {
        "contact-details": lambda: contact_details_html(contact or Contact(contact_email), lang),
        "contact": lambda: contact_inline(contact_email, lang),
        "data-controller": lambda: data_controller_text(data_controller, lang),
        "reuse-terms": lambda: reuse_terms_html(licence, contact_email, lang),
        "catalogue": lambda: links_html(lang, site_url, page_url),
        "latest-issue": lambda: latest_issue_html(issues, lang, page_url, status, subscribe_url),
        "subscribe": lambda: subscribe_html(settings, lang, site_url, page_url, feed_facets),
        "email-unsubscribe": lambda: email_unsubscribe_text(settings, lang),
        "mailing-list": lambda: mailing_list_text(settings, lang),
    }
    for name, render in blocks.items():
        if (slot := _slot(name)) in html:
            block = render()
            alone = block if block.startswith("<") else f"<p>{block}</p>"  # a sentence alone keeps its paragraph
            html = html.replace(f"<p>{slot}</p>", alone).replace(slot, block)
    return html
