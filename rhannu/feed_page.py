"""A feed as a page: the XSL stylesheet that a browser applies to the site's RSS feeds.

Someone who follows a feed link in a browser would otherwise see raw XML, or a download. Each
feed names a stylesheet in its language (`<?xml-stylesheet type="text/xsl" href="/feed.xsl"?>`,
`/cy/feed.xsl`), which turns it into a readable page: what a feed is and how to use it, the
feed's address to copy, and its items. Feed readers ignore the instruction (feedparser reads the
feed the same). The page loads nothing else: its style is in the stylesheet, its links are the
feed's own. Its text comes from rhannu/labels.py; the feed's title, description and items are
copied by XSLT as text (`xsl:value-of`), never as markup.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit
from xml.sax.saxutils import escape, quoteattr

from rhannu.dates import long_date
from rhannu.labels import label
from rhannu.languages import language, root

XSL_NAME = "feed.xsl"

# The light colours are the email edition's and the site's (contrast over 7:1 for text); the dark
# ones follow the reader's system scheme.
STYLE = """
:root { color-scheme: light dark; }
body { margin: 0; background: #eef2f2; color: #1d2626; font: 16px/1.5 Arial, Helvetica, sans-serif; }
main { max-width: 42rem; margin: 0 auto; padding: 1rem 1.25rem 2rem; background: #ffffff; }
a { color: #1d5c8f; text-decoration: underline; }
.label { margin: 0; font-size: 0.875rem; font-weight: bold; text-transform: uppercase; color: #1f5f5b; }
h1 { font-size: 1.5rem; line-height: 1.3; margin: 0.25rem 0 0.75rem; }
h2 { font-size: 1.25rem; margin: 1.5rem 0 0.5rem; color: #1f5f5b; }
.how { padding: 0.75rem 1rem; border-left: 4px solid #1f5f5b; background: #f6f8f8; }
code { display: block; margin-top: 0.25rem; padding: 0.5rem; background: #ffffff; border: 1px solid #6b7b7a;
  overflow-wrap: anywhere; font-size: 0.875rem; }
ul { padding-left: 1.25rem; }
li { margin-bottom: 0.75rem; }
li p { margin: 0.25rem 0 0; }
.date { font-size: 0.875rem; }
@media (prefers-color-scheme: dark) {
  body { background: #0f1717; color: #e8eeee; }
  main { background: #1a2323; }
  a { color: #9ccbff; }
  .label, h2 { color: #8fd3cc; }
  .how { background: #243030; border-left-color: #8fd3cc; }
  code { background: #0f1717; border-color: #8a9998; }
}
"""


def stylesheet_path(lang: str) -> str:
    """Where the build writes the language's stylesheet: 'feed.xsl', 'cy/feed.xsl'."""
    return f"{root(lang)}{XSL_NAME}"


def stylesheet_href(site_url: str, lang: str) -> str:
    """The stylesheet's address as a feed names it: from the site's root ('/feed.xsl', or
    '/sub/feed.xsl' for a site under a folder), so the same bytes work at any of a feed's
    addresses and on any host that serves the site (a browser applies only a same-origin XSL)."""
    return f"{urlsplit(site_url).path or '/'}{stylesheet_path(lang)}"


def _text(lang: str, key: str) -> str:
    return escape(label(lang, key))


def stylesheet(lang: str) -> str:
    """The XSLT 1.0 stylesheet that shows a feed in `lang` as a page."""
    tag = language(lang).tag
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:atom="http://www.w3.org/2005/Atom">
  <xsl:output method="html" encoding="UTF-8" indent="no" doctype-system="about:legacy-compat"/>
  <xsl:template match="/">
    <html lang={quoteattr(tag)}>
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="color-scheme" content="light dark"/>
        <meta name="robots" content="noindex"/>
        <title><xsl:value-of select="rss/channel/title"/> ({_text(lang, "feed_page_label")})</title>
        <style>{escape(STYLE)}</style>
      </head>
      <body>
        <main>
          <p class="label">{_text(lang, "feed_page_label")}</p>
          <h1><xsl:value-of select="rss/channel/title"/></h1>
          <p><xsl:value-of select="rss/channel/description"/></p>
          <div class="how">
            <p>{_text(lang, "feed_page_intro")}</p>
            <p>{_text(lang, "feed_page_address")}
              <code><xsl:value-of select="rss/channel/atom:link[@rel='self']/@href"/></code></p>
          </div>
          <p><a href="{{rss/channel/link}}">{_text(lang, "feed_page_site")}</a></p>
          <h2>{_text(lang, "feed_page_items")}</h2>
          <xsl:choose>
            <xsl:when test="rss/channel/item">
              <ul>
                <xsl:for-each select="rss/channel/item">
                  <li>
                    <a href="{{link}}"><xsl:value-of select="title"/></a>
                    <xsl:if test="pubDate">
                      <p class="date">{_text(lang, "published")}: <xsl:call-template name="date">
                        <xsl:with-param name="rfc822" select="pubDate"/></xsl:call-template></p>
                    </xsl:if>
                    <p><xsl:value-of select="description"/></p>
                  </li>
                </xsl:for-each>
              </ul>
            </xsl:when>
            <xsl:otherwise>
              <p>{_text(lang, "feed_page_empty")}</p>
            </xsl:otherwise>
          </xsl:choose>
        </main>
      </body>
    </html>
  </xsl:template>
{_date_template(lang)}
</xsl:stylesheet>
"""


RFC822_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _date_template(lang: str) -> str:
    """An XSLT template writing a feed's RFC 822 date ('Mon, 14 Mar 2022 00:00:00 +0000', as
    rhannu.feeds writes it: a two-digit day, in the offset of the day it names) as the site writes
    dates in `lang` ('14 March 2022' / '14 Mawrth 2022'): its day, its month's name, its year."""
    months = "".join(
        f"<xsl:when test=\"$month = '{abbreviation}'\">{escape(_month_name(number, lang))}</xsl:when>"
        for number, abbreviation in enumerate(RFC822_MONTHS, start=1)
    )
    return f"""  <xsl:template name="date">
    <xsl:param name="rfc822"/>
    <xsl:variable name="month" select="substring($rfc822, 9, 3)"/>
    <xsl:value-of select="number(substring($rfc822, 6, 2))"/>
    <xsl:text> </xsl:text>
    <xsl:choose>{months}<xsl:otherwise><xsl:value-of select="$month"/></xsl:otherwise></xsl:choose>
    <xsl:text> </xsl:text>
    <xsl:value-of select="substring($rfc822, 13, 4)"/>
  </xsl:template>"""


def _month_name(number: int, lang: str) -> str:
    """The month's name as the site's long dates write it ('March', 'Mawrth')."""
    day = long_date(dt.date(2000, number, 1), lang)  # '1 March 2000'
    return day.split(" ", 1)[1].rsplit(" ", 1)[0]
