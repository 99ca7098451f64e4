"""Citing a case study or lesson: "Cite this page" on the page, the `citation_*` meta tags that
reference managers (Zotero, Mendeley) read, and RIS and BibTeX files beside the page.

One record, `Citation`, holds what every form says, and says only what the sources say: the
organisation (the site's name, once, as author and publisher), the title, the year it was
published on this site (or "n.d." where that is not recorded: the period a source covers is not
a publication date), the page's address and language. The day the reader accessed the page is
theirs: the reader's browser fills it in (assets/javascripts/cite.js), in the page's language;
without JavaScript the citation shows a placeholder for it. Files and tags leave it out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from html import escape

from babel.dates import get_month_names

from rhannu.content_types import CaseStudy, Item, Lesson, Text, page_path, type_of
from rhannu.dates import babel_locale
from rhannu.labels import label
from rhannu.languages import CODES, DEFAULT, language
from rhannu.routes import BIBTEX_FILE, RIS_FILE, citation_paths
from rhannu.site_info import SiteInfo
from rhannu.urls import absolute, url

RIS_TYPE, BIBTEX_TYPE = "application/x-research-info-systems", "application/x-bibtex"
_BIBLATEX_LANGUAGES = {"en-GB": "british"}  # where a tag names a variant BibLaTeX has its own name for


@dataclass(frozen=True)
class Citation:
    key: str  # unique on the site, the same in both languages: 'case-study-x'
    title: str
    organisation: str  # in the page's language
    published: dt.date | None  # on this site; None where not recorded
    address: str  # the page's absolute address
    lang: str  # the language of the title and summary: the page's, or English where its text is missing
    summary: str

    @property
    def year(self) -> str | None:
        return str(self.published.year) if self.published else None


def _text(item: Item, lang: str) -> Text:
    return item.texts.get(lang) or item.texts[DEFAULT.code]


def citation_of(item: CaseStudy | Lesson, lang: str, info: SiteInfo) -> Citation:
    """What a citation of the item's page in `lang` says."""
    text = _text(item, lang)
    return Citation(
        key=f"{type_of(item).singular}-{item.slug}",
        title=text.title,
        organisation=info.name(lang),
        published=item.published.date() if item.published else None,
        address=absolute(info.url, url(page_path(item, lang), lang)),
        lang=lang if lang in item.texts else DEFAULT.code,
        summary=text.summary,
    )


# --- On the page ---------------------------------------------------------------------------------


def _sentence(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else f"{text}."


@cache
def biblatex_language(lang: str) -> str:
    """The name BibLaTeX knows the language by: British English, else the language's English name ('welsh', 'french')."""
    return _BIBLATEX_LANGUAGES.get(language(lang).tag, language(lang).english_name.lower())


def month_names(lang: str) -> str:
    """The months' names in `lang`, January first, comma-separated (for the script that fills in
    the day of access)."""
    return _month_names(babel_locale(lang))


@cache
def _month_names(locale: str) -> str:
    """Looked up once per locale: each of a build's thousands of citation blocks asked the locale
    data for them twelve times."""
    return ",".join(get_month_names("wide", locale=locale)[month] for month in range(1, 13))


def cite_html(citation: Citation, lang: str) -> str:
    """'Cite this page': organisation (year) title. Available at: address (Accessed: the reader's
    day), then a copy button (shown by the script, which also fills in the day) and the files."""
    year = citation.year or label(lang, "cite_no_date")
    months = month_names(lang)
    unknown = escape(label(lang, "cite_accessed_unknown"))
    accessed = f'<span class="rhannu-cite__accessed" data-months="{escape(months)}">{unknown}</span>'
    title_lang = f' lang="{language(citation.lang).tag}"' if citation.lang != lang else ""
    text = (
        f"{escape(citation.organisation)} ({escape(year)}) <cite{title_lang}>{escape(_sentence(citation.title))}</cite> "
        f'{escape(label(lang, "cite_address"))}: <a href="{escape(citation.address)}">{escape(citation.address)}</a> '
        f"({escape(label(lang, 'cite_accessed'))}: {accessed})."
    )
    ris, bibtex = RIS_FILE, BIBTEX_FILE  # beside the page: its own folder
    return (
        '<section class="rhannu-cite" aria-labelledby="cite-heading">\n'
        f'<h2 id="cite-heading">{escape(label(lang, "cite_heading"))}</h2>\n'
        f'<p class="rhannu-cite__text" id="rhannu-cite-text">{text}</p>\n'
        '<p class="rhannu-cite__copy" hidden>'
        f'<button type="button" class="md-button" data-copied="{escape(label(lang, "cite_copied"))}" '
        f'data-failed="{escape(label(lang, "cite_copy_failed"))}">{escape(label(lang, "cite_copy"))}</button> '
        '<span class="rhannu-cite__status" role="status"></span></p>\n'
        f'<p class="rhannu-cite__files">{escape(label(lang, "cite_files"))} '
        f'<a href="{ris}" type="{RIS_TYPE}" download>{escape(label(lang, "cite_ris"))}</a>, '
        f'<a href="{bibtex}" type="{BIBTEX_TYPE}" download>{escape(label(lang, "cite_bibtex"))}</a></p>\n'
        "</section>"
    )


def meta_tags(citation: Citation) -> str:
    """Highwire Press tags, as Google Scholar, Zotero and Mendeley read them: the date only where
    the publication day is recorded."""
    tags = [
        ("citation_title", citation.title),
        ("citation_author", citation.organisation),
        ("citation_publisher", citation.organisation),
        *([("citation_publication_date", citation.published.strftime("%Y/%m/%d"))] if citation.published else []),
        ("citation_language", language(citation.lang).tag),
        ("citation_abstract", citation.summary),
        ("citation_public_url", citation.address),
        ("citation_abstract_html_url", citation.address),
    ]
    return "\n".join(f'<meta name="{name}" content="{escape(value)}">' for name, value in tags)


# --- Files -------------------------------------------------------------------------------------


def _one_line(text: str) -> str:
    return " ".join(text.split())


def ris(citation: Citation) -> str:
    """A RIS record of a web page (TY ELEC), CRLF line ends as the format's specification has them."""
    lines = [
        ("TY", "ELEC"),
        ("TI", citation.title),
        ("AU", citation.organisation),
        *([("PY", str(citation.published.year)), ("DA", citation.published.strftime("%Y/%m/%d/"))] if citation.published else []),
        ("PB", citation.organisation),
        ("LA", language(citation.lang).tag),
        ("AB", citation.summary),
        ("UR", citation.address),
        ("ER", ""),
    ]
    return "".join(f"{tag}  - {_one_line(value)}\r\n" for tag, value in lines)


_TEX = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
}
_TEX_TABLE = str.maketrans(_TEX)  # one pass over the text, not a lookup per character in Python


def tex(text: str) -> str:
    """Text as a BibTeX field value says it (UTF-8 kept, as biblatex reads it)."""
    return _one_line(text).translate(_TEX_TABLE)


def bibtex(citation: Citation) -> str:
    """A biblatex `@online` entry; the organisation in double braces, so it is one name, not a
    first name and a surname."""
    fields = [
        ("author", f"{{{tex(citation.organisation)}}}"),
        ("title", tex(citation.title)),
        *([("year", str(citation.published.year)), ("date", citation.published.isoformat())] if citation.published else []),
        ("publisher", tex(citation.organisation)),
        ("url", citation.address),
        ("langid", biblatex_language(citation.lang)),
        ("language", language(citation.lang).tag),
        ("abstract", tex(citation.summary)),
    ]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@online{{{citation.key},\n{body}\n}}\n"


def files(item: CaseStudy | Lesson, info: SiteInfo) -> dict[str, str]:
    """Every language's RIS and BibTeX files of an item's page, by site path."""
    found = {}
    for lang in CODES:
        citation = citation_of(item, lang, info)
        ris_path, bibtex_path = citation_paths(item, lang)
        found[ris_path], found[bibtex_path] = ris(citation), bibtex(citation)
    return found
