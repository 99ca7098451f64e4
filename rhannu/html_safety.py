"""What editors' HTML may hold, and the HTML that is published from it.

Python-Markdown passes raw HTML through as it is, and `attr_list` adds any attribute, so a page's
body could carry `<script>`, an `onerror=` or a `javascript:` link. One rule decides, and one
parser judges: the editor's rendered Markdown is cleaned by the Ammonia sanitiser (nh3) with the
allowlist below, and the HTML the editor wrote and the HTML nh3 returns are both parsed as a
browser parses them (Lexbor, through selectolax: WHATWG-compliant, unlike `html.parser`). Where
the two trees differ, nh3 removed something, and the page is refused at the first difference,
naming the element or attribute. Otherwise nh3's output is what is published, so what was judged
is what readers get: a comment trick such as `<!-->` that hides markup from one parser cannot
hide it from both, since both are read by one browser-grade parser.

Ids that Material (`__config`, `__drawer`, `__search`...) or Rhannu's own script (`rhannu-...`)
use are reserved: content holding one could replace the theme's settings ("DOM clobbering"). An
id an editor writes there is refused; an id derived from a heading never lands there, since the
headings' slugify is wrapped to move it aside ("Rhannu arfer", a Welsh theme, becomes
`h-rhannu-arfer`): "rhannu" is a Welsh verb that starts real headings.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from html import unescape
from itertools import zip_longest
from typing import Any

import nh3
from markdown.extensions.toc import slugify as markdown_slugify
from selectolax.lexbor import LexborHTMLParser, LexborNode

from rhannu.names import printable

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
RESERVED_ID_PREFIXES = ("__", "rhannu-")  # Material's ids, and those of Rhannu's own script
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):", re.IGNORECASE)
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


@dataclass(frozen=True)
class Problem:
    message: str  # what is not allowed, and what to do
    needle: str  # text to look for in the source, to find its line


@dataclass(frozen=True)
class Judged:
    """An editor's HTML judged: what to publish (nh3's output), and what was removed from it, if
    anything (then the page is refused)."""

    html: str
    problem: Problem | None


def judge(html: str, *, keep_comments: bool = True) -> Judged:
    """`html` cleaned with the allowlist, and the first thing cleaning removed, if any. Pages keep
    comments (Rhannu's block markers are comments, and a browser shows none); email strips them,
    as Outlook reads conditional comments as markup."""
    cleaned = (_PAGE_CLEANER if keep_comments else _EMAIL_CLEANER).clean(html)
    if cleaned == html:
        return Judged(html, None)
    return Judged(cleaned, first_difference(html, cleaned))


def clean(html: str) -> str:
    """HTML that goes out in an email or feed: the allowlist applied, comments removed."""
    return judge(html, keep_comments=False).html


def reserved_id(value: str) -> bool:
    return value.startswith(RESERVED_ID_PREFIXES)


def safe_heading_ids(configs: dict[str, Any]) -> dict[str, Any]:
    """Markdown extension settings whose `toc` derives no reserved id from a heading: the site's
    own slugify (or Python-Markdown's) wrapped, the rest as given."""
    toc = dict(configs.get("toc") or {})
    if not isinstance(toc.get("slugify"), _SafeSlugify):
        toc["slugify"] = _SafeSlugify(toc.get("slugify") or markdown_slugify)
    return {**configs, "toc": toc}


@dataclass(frozen=True)
class _SafeSlugify:
    slugify: Callable[[str, str], str]

    def __call__(self, value: str, separator: str) -> str:
        derived = self.slugify(value, separator)
        return f"h{separator}{derived}" if reserved_id(derived) else derived


def line_of(needle: str, source: str, first_line: int = 1) -> int | None:
    """The line of `source` (numbered from `first_line`) where `needle` first appears, if any,
    as written or once its character references are decoded and blanks dropped
    (`&#x6A;ava&#x09;script:` is where 'javascript:' is)."""
    lowered = needle.lower()
    for number, line in enumerate(source.splitlines(), start=first_line):
        if lowered in line.lower() or lowered in _INVISIBLE.sub("", unescape(line)).lower():
            return number
    return None


def shown(value: str, limit: int = 60) -> str:
    """A value as an error message quotes it: cut short, control characters made visible."""
    return printable(value[:limit], one_line=True)


def _keep_attribute(element: str, name: str, value: str) -> str | None:
    return None if name == "id" and reserved_id(value) else value


def _cleaner(keep_comments: bool) -> nh3.Cleaner:
    attributes = {element: set(names) | GLOBAL_ATTRIBUTES for element, names in ALLOWED_ATTRIBUTES.items()}
    attributes["*"] = set(GLOBAL_ATTRIBUTES)
    return nh3.Cleaner(
        tags=set(ALLOWED_ELEMENTS),
        attributes=attributes,
        attribute_filter=_keep_attribute,
        url_schemes=set(ALLOWED_SCHEMES),
        generic_attribute_prefixes={"aria-"},
        link_rel=None,
        strip_comments=not keep_comments,
    )


_PAGE_CLEANER, _EMAIL_CLEANER = _cleaner(keep_comments=True), _cleaner(keep_comments=False)


@dataclass(frozen=True)
class _Node:
    depth: int
    tag: str  # an element's name, or "" for text
    attributes: tuple[tuple[str, str | None], ...]
    text: str = ""
    heading: str = ""  # a heading's text, to name it where its id is reserved


def _nodes(html: str) -> Iterator[_Node]:
    """Elements and text of `html` as a browser parses it, in document order with their depth;
    comments and whitespace-only text are left out."""
    root = LexborHTMLParser(html).root
    stack: list[tuple[LexborNode, int]] = [(root, 0)] if root is not None else []
    while stack:
        node, depth = stack.pop()
        if node.is_element_node:
            tag = node.tag or ""
            heading = " ".join(node.text().split()) if tag in _HEADINGS else ""
            yield _Node(depth, tag, tuple(sorted(node.attributes.items())), heading=heading)
            children = list(node.iter(include_text=True))
            stack.extend((child, depth + 1) for child in reversed(children))
        elif node.is_text_node and (text := node.text_content or "").strip():
            yield _Node(depth, "", (), text=text)


# Elements whose text a serialiser writes as it is, not escaped: there, text and markup can
# serialise alike, so two documents holding one are compared node by node.
_RAW_TEXT_OPENINGS = ("<script", "<style", "<xmp", "<iframe", "<noembed", "<noframes", "<plaintext", "<noscript")


def parses_the_same(written: str, cleaned: str) -> bool:
    """Whether the browser builds the same document from both, told by Lexbor's serialisation of
    each (text escaped, so a text never serialises as markup). Most of the pages nh3 changes
    differ only in how they write a character (`&#x27;n` for `'n`): this says so without building
    every node of both in Python. False where either holds an element with raw text."""
    serialised = LexborHTMLParser(cleaned).html or ""
    if any(opening in serialised for opening in _RAW_TEXT_OPENINGS):
        return False
    return LexborHTMLParser(written).html == serialised


def first_difference(written: str, cleaned: str) -> Problem | None:
    """What the browser would build from `written` that it would not from `cleaned`: the first
    element or attribute that differs, else the first text, as a problem for the editor. Elements
    come first: text around a removed element joins up, so texts differ only after it."""
    if parses_the_same(written, cleaned):
        return None
    ours, theirs = list(_nodes(written)), list(_nodes(cleaned))
    for only_elements in (True, False):
        mine = [node for node in ours if bool(node.tag) == only_elements]
        kept = [node for node in theirs if bool(node.tag) == only_elements]
        for node, other in zip_longest(mine, kept):
            if node == other:
                continue
            if node is None:  # nh3 never adds; a parser disagreement is refused, not published unseen
                return Problem("the page's HTML does not parse the same way twice: check its tags are closed and nested", "<")
            return _problem(node, other)
    return None


def _problem(node: _Node, other: _Node | None) -> Problem:
    if not node.tag:
        text = node.text.strip()[:40]
        return Problem(f"the text '{shown(text)}' is inside markup that is not allowed: remove the markup", text)
    if other is not None and (other.depth, other.tag) == (node.depth, node.tag):
        return _attribute_problem(node, dict(other.attributes))
    return _element_problem(node.tag)


def _element_problem(tag: str) -> Problem:
    return Problem(
        f"the element <{tag}> is not allowed in a page's text (it could run script or load other content): remove it", f"<{tag}"
    )


def _attribute_problem(node: _Node, kept: dict[str, str | None]) -> Problem:
    name, value = next((name, value) for name, value in node.attributes if kept.get(name, ...) != value)
    value = value or ""
    if name == "id" and reserved_id(value):
        return _reserved_id_problem(node, value)
    if name in ADDRESS_ATTRIBUTES and (scheme := _unsafe_address(value)):
        return Problem(
            f"the address '{shown(value)}' in {name} on <{node.tag}> uses '{scheme}:', which is not allowed; "
            "link with https:, mailto: or an address on this site",
            f"{scheme}:",
        )
    if name in ADDRESS_ATTRIBUTES:
        return Problem(
            f"the address '{shown(value)}' in {name} on <{node.tag}> is not a valid address: "
            "link with https:, mailto: or an address on this site",
            value[:20] or name,
        )
    runs = " (it runs script)" if name.startswith("on") else ""
    return Problem(f"the attribute '{name}' on <{node.tag}> is not allowed{runs}: remove it", name)


def _reserved_id_problem(node: _Node, value: str) -> Problem:
    reserved = " or ".join(f"'{prefix}'" for prefix in RESERVED_ID_PREFIXES)
    if node.heading:
        return Problem(
            f"the heading '{shown(node.heading)}' has the id '{shown(value)}', and ids starting {reserved} are reserved for "
            "the site's theme and script: give the heading another id by adding {#another-id} at the end of its line",
            node.heading[:30],
        )
    return Problem(
        f"the id '{shown(value)}' on <{node.tag}> is reserved for the site's theme and script (ids starting {reserved}): "
        "choose another id",
        value,
    )


def _unsafe_address(value: str) -> str | None:
    """The scheme of an address that is not allowed (javascript:, data:, ...), or None."""
    match = _SCHEME.match(_INVISIBLE.sub("", value))
    if match and match[1].lower() not in ALLOWED_SCHEMES:
        return match[1].lower()
    return None
