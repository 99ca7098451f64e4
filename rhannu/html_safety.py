"""What editors' HTML may hold: an allowlist of elements, attributes and address schemes, and a
reporter that names anything else with the source line where it can be found.

Python-Markdown passes raw HTML through as it is, and `attr_list` adds any attribute, so a page's
body could carry `<script>`, an `onerror=` or a `javascript:` link. Nothing executable is allowed:
the build refuses such a page rather than clean it silently, and says what to change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

import nh3

ALLOWED_ELEMENTS = frozenset(
    {
        "a",
        "abbr",
        "article",
        "aside",
        "b",
        "blockquote",
        "br",
        "caption",
        "cite",
        "code",
        "col",
        "colgroup",
        "dd",
        "del",
        "details",
        "div",
        "dl",
        "dt",
        "em",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "img",
        "ins",
        "kbd",
        "li",
        "mark",
        "ol",
        "p",
        "pre",
        "q",
        "s",
        "section",
        "small",
        "span",
        "strong",
        "sub",
        "summary",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "time",
        "tr",
        "u",
        "ul",
    }
)
GLOBAL_ATTRIBUTES = frozenset({"id", "class", "title", "lang", "dir", "role"})
ALLOWED_ATTRIBUTES = {
    "a": frozenset({"href", "hreflang", "rel"}),
    "img": frozenset({"src", "alt", "width", "height", "loading"}),
    "td": frozenset({"colspan", "rowspan", "align"}),
    "th": frozenset({"colspan", "rowspan", "align", "scope"}),
    "ol": frozenset({"start", "reversed"}),
    "time": frozenset({"datetime"}),
    "col": frozenset({"span"}),
    "details": frozenset({"open"}),
}
ADDRESS_ATTRIBUTES = frozenset({"href", "src"})
ALLOWED_SCHEMES = ("http", "https", "mailto", "tel")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):", re.IGNORECASE)
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")


@dataclass(frozen=True)
class Problem:
    message: str  # what is not allowed, and what to do
    needle: str  # text to look for in the source, to find its line


def problems(html: str) -> list[Problem]:
    """Everything in `html` outside the allowlist, in document order."""
    if looks_safe(html):  # nearly every page: a fast scan instead of a full parse
        return []
    reporter = _Reporter()
    reporter.feed(html)
    reporter.close()
    return reporter.found


def clean(html: str) -> str:
    """The safety net: `html` with everything outside the allowlist removed, by the Ammonia
    sanitiser (nh3). Used on HTML that goes out without a page build checking it first."""
    attributes = {element: set(names) | GLOBAL_ATTRIBUTES for element, names in ALLOWED_ATTRIBUTES.items()}
    attributes["*"] = set(GLOBAL_ATTRIBUTES)
    return nh3.clean(
        html,
        tags=set(ALLOWED_ELEMENTS),
        attributes=attributes,
        url_schemes=set(ALLOWED_SCHEMES),
        generic_attribute_prefixes={"aria-"},
        link_rel=None,
    )


_TAG = re.compile(r"<([a-zA-Z][^\t\n\r\f />\x00]*)([^>]*)>")  # tag names as html.parser reads them
_ATTRIBUTE = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?""")


def looks_safe(html: str) -> bool:
    """True only when a quick scan finds nothing outside the allowlist; anything unusual (an
    element or attribute outside it, an entity or scheme in an address, a stray '<') sends the
    page to the full parse, which names the problem."""
    if "<" in _TAG.sub("", html).replace("<!--", "").replace("</", ""):
        return False  # a '<' the scan did not read as a tag
    for tag in _TAG.finditer(html):
        element = tag[1].lower()
        if element not in ALLOWED_ELEMENTS:
            return False
        if _ATTRIBUTE.sub("", tag[2]).strip(" \t\n\r\f/"):
            return False  # something the scan did not read as an attribute
        for attribute in _ATTRIBUTE.finditer(tag[2]):
            name, value = attribute[1].lower(), (attribute[2] or "").strip("\"'")
            if not _allowed_attribute(element, name):
                return False
            if name in ADDRESS_ATTRIBUTES and ("&" in value or _unsafe_address(value)):
                return False
    return True


def line_of(needle: str, source: str, first_line: int = 1) -> int | None:
    """The line of `source` (numbered from `first_line`) where `needle` first appears, if any."""
    lowered = needle.lower()
    for number, line in enumerate(source.splitlines(), start=first_line):
        if lowered in line.lower():
            return number
    return None


def _allowed_attribute(element: str, name: str) -> bool:
    return name in GLOBAL_ATTRIBUTES or name.startswith("aria-") or name in ALLOWED_ATTRIBUTES.get(element, ())


def _unsafe_address(value: str) -> str | None:
    """The scheme of an address that is not allowed (javascript:, data:, ...), or None."""
    match = _SCHEME.match(_INVISIBLE.sub("", value))
    if match and match[1].lower() not in ALLOWED_SCHEMES:
        return match[1].lower()
    return None


class _Reporter(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[Problem] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_ELEMENTS:
            self.found.append(
                Problem(
                    f"the element <{tag}> is not allowed in a page's text (it could run script or load other content): remove it",
                    f"<{tag}",
                )
            )
            return
        for name, value in attrs:
            if not _allowed_attribute(tag, name):
                self.found.append(
                    Problem(
                        f"the attribute '{name}' on <{tag}> is not allowed"
                        f"{' (it runs script)' if name.startswith('on') else ''}: remove it",
                        name,
                    )
                )
            elif name in ADDRESS_ATTRIBUTES and value and (scheme := _unsafe_address(value)):
                self.found.append(
                    Problem(
                        f"the address '{value[:60]}' in {name} on <{tag}> uses '{scheme}:', which is not allowed; "
                        "link with https:, mailto: or an address on this site",
                        f"{scheme}:",
                    )
                )

    handle_startendtag = handle_starttag
