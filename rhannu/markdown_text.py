"""Editors' Markdown as HTML, as email, feeds, issue pages and the catalogue show it: rendered with
the extensions the site's pages use (but heading ids, which only a page's own table of contents
needs).

Python-Markdown tries each of its inline patterns on every run of text, and most of a text's time
goes there. A pattern that needs a character the text lacks (a link needs `[`) can never match,
so it is left out of the renderer for that text: the HTML is the same, in half the time. Each set
of patterns left out has its renderer, made once and reset for each text."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import markdown
from markdown.blockprocessors import HashHeaderProcessor
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor

EXTENSIONS = ["attr_list", "md_in_html"]

# Python-Markdown's inline patterns, by name, each with what a text must hold for it to match (any
# one of them). Whitespace is normalised before the patterns run: tabs become spaces, \r a line
# end, and the STX and ETX characters are removed, so a line break may come from any of those.
# A pattern not named here is always kept.
NEEDS: dict[str, tuple[str, ...]] = {
    "backtick": ("`",),
    "escape": ("\\",),
    "reference": ("[",),
    "link": ("[",),
    "image_link": ("[",),
    "image_reference": ("[",),
    "short_reference": ("[",),
    "short_image_ref": ("[",),
    "autolink": ("<",),
    "automail": ("<",),
    "linebreak": ("  \n", " \r", "\t", "\x02", "\x03", "<"),  # raw HTML, set aside, may leave spaces at a line's end
    "html": ("<",),
    "entity": ("&",),
    "em_strong": ("*", "_"),
}


def unmatchable(text: str) -> frozenset[str]:
    """The inline patterns that cannot match anywhere in `text`."""
    return frozenset(name for name, needs in NEEDS.items() if not any(need in text for need in needs))


# Python-Markdown's block processors, by name, with what a text must hold for one to claim a block:
# each tries every block, and most of a plain text's block time goes to their tests. The STX and
# ETX characters are removed before blocks are made, which may join spaces into an indent.
BLOCK_NEEDS: dict[str, tuple[str, ...]] = {
    "quote": (">",),
    "reference": ("[",),
    "code": ("    ", "\t", "\x02", "\x03"),
    "indent": ("    ", "\t", "\x02", "\x03"),
}
# These claim a block by the first character of one of its lines: a block's lines are the text's,
# less what a quote ('>') or an indent before them took. A list item's
# text begins after its marker instead, so they are left out only where no list can start.
LINE_NEEDS: dict[str, str] = {"olist": "0123456789", "ulist": "*+-", "hr": "-_*", "setextheader": "=-"}
_PREFIX = " \t>\x02\x03"  # what may come before a line's first character in one of its blocks


# An HTML comment that is a whole line, from its first character (Rhannu's block markers in a
# page's Markdown): it is set aside whole, and takes nothing before or after it into a block.
_COMMENT_LINE = re.compile(r"^<!--(?:(?!-->)[^<\n])*-->$", re.M)


def unclaimable(text: str) -> frozenset[str]:
    """The block processors that cannot claim any block of `text`: none where it holds raw HTML
    (but comments that are whole lines), whose parsing may move text around it and make a block
    begin anywhere."""
    if "<!--" in text:
        text = _COMMENT_LINE.sub("", text)
    if "<" in text:
        return frozenset()
    left_out = {name for name, needs in BLOCK_NEEDS.items() if not any(need in text for need in needs)}
    firsts = {line.lstrip(_PREFIX)[:1] for line in text.replace("\r", "\n").replace(">", "\n").split("\n")}
    if not any(first and first in LINE_NEEDS["olist"] + LINE_NEEDS["ulist"] for first in firsts):
        left_out |= {name for name, needs in LINE_NEEDS.items() if not any(first and first in needs for first in firsts)}
    return frozenset(left_out)


@lru_cache(maxsize=64)  # one per set of patterns and processors left out: a handful in practice
def _renderer(left_out: frozenset[str], blocks_left_out: frozenset[str] = frozenset()) -> markdown.Markdown:
    renderer = with_hash_headers_asked_first(markdown.Markdown(extensions=EXTENSIONS, output_format="html"))
    for name in left_out:
        if name in renderer.inlinePatterns:
            renderer.inlinePatterns.deregister(name)
    for name in blocks_left_out:
        if name in renderer.parser.blockprocessors:
            renderer.parser.blockprocessors.deregister(name)
    return renderer


def rendered(text: str) -> str:
    return _renderer(unmatchable(text), unclaimable(text)).reset().convert(text)


# A newsletter item's text is judged when the site is prepared and shown on its issue's pages, in
# each email edition (HTML and plain text), in the feeds and in the catalogue: rendered once.
@lru_cache(maxsize=4096)
def rendered_once(text: str) -> str:
    return rendered(text)


# --- The same for every page MkDocs renders ------------------------------------------------------

_PLAIN = markdown.Markdown()
_BUILT_IN = _PLAIN.inlinePatterns  # Python-Markdown's own patterns, as NEEDS knows them
_BUILT_IN_BLOCKS = _PLAIN.parser.blockprocessors  # and its block processors, as BLOCK_NEEDS and LINE_NEEDS know them


def _is_built_in(name: str, pattern: object) -> bool:
    """Whether `pattern` is Python-Markdown's own pattern of that name (an extension may put its own in its place)."""
    if name not in _BUILT_IN:
        return False
    own = _BUILT_IN[name]
    return type(pattern) is type(own) and getattr(pattern, "compiled_re", None) == getattr(own, "compiled_re", None)


def _is_built_in_block(name: str, processor: object) -> bool:
    """Whether `processor` is Python-Markdown's own block processor of that name."""
    return name in _BUILT_IN_BLOCKS and type(processor) is type(_BUILT_IN_BLOCKS[name])


class UnmatchablePatternsLeftOut(Extension):
    """For each text a Markdown instance converts, its built-in inline patterns that cannot match
    the text, and its built-in block processors that cannot claim a block of it, are left out
    while it converts that text. The site adds it to MkDocs' extensions (rhannu.plugin), for every
    page.

    They are put back by the last postprocessor, so that between texts the instance is whole:
    `Markdown.reset` resets the emphasis processor's state only if it finds it among the inline
    patterns (else it forgets it), and one instance renders every page of a pass
    (rhannu.mkdocs_pages)."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        leave_out = _LeaveOut(md)
        # first of the preprocessors, on the whole text: raw HTML is stashed later, and its
        # markdown="1" parts come back for the inline patterns
        md.preprocessors.register(leave_out, "rhannu_unmatchable", 1000)
        md.postprocessors.register(_PutBack(leave_out), "rhannu_put_back", -1000)
        with_hash_headers_asked_first(md)


class _HashHeaderProcessor(HashHeaderProcessor):
    """Python-Markdown's '# Heading' processor, which tests a block only where it holds a '#': its
    pattern needs one at the start of a line, and searching every paragraph for it with that
    pattern (which tries each position) was 2% of a build process."""

    def test(self, parent: Any, block: str) -> bool:
        return "#" in block and super().test(parent, block)


def with_hash_headers_asked_first(md: markdown.Markdown) -> markdown.Markdown:
    """`md` with its built-in '# Heading' processor, if it has one, replaced by `_HashHeaderProcessor`
    in the same place."""
    blocks = md.parser.blockprocessors
    if "hashheader" in blocks and type(blocks["hashheader"]) is HashHeaderProcessor:
        blocks.register(_HashHeaderProcessor(md.parser), "hashheader", _priority(blocks, "hashheader"))
    return md


def _priority(registry: Any, name: str) -> float:
    """The priority `name` is registered at: the registry keeps priorities to itself (`_priority`),
    and putting an item back, or another in its place, needs its own."""
    return next(item.priority for item in registry._priority if item.name == name)


class _LeaveOut(Preprocessor):
    """The instance's own: what it left out of its inline patterns for the text being converted."""

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self._left_out: list[tuple[Any, Any, str, float]] = []  # (registry, item, name, priority)

    def run(self, lines: list[str]) -> list[str]:
        self.put_back()  # the last text's, if its conversion stopped half-way
        text = "\n".join(lines)
        self._leave_out(self.md.inlinePatterns, unmatchable(text), _is_built_in)
        self._leave_out(self.md.parser.blockprocessors, unclaimable(text), _is_built_in_block)
        return lines

    def put_back(self) -> None:
        for registry, item, name, priority in self._left_out:
            registry.register(item, name, priority)
        self._left_out = []

    def _leave_out(self, registry: Any, names: frozenset[str], is_built_in: Any) -> None:
        # one that shares its priority is kept: put back, it would come after its equals, not in its place
        priorities = [item.priority for item in registry._priority]
        for name in sorted(names):
            if name in registry and is_built_in(name, registry[name]):
                priority = _priority(registry, name)
                if priorities.count(priority) == 1:
                    self._left_out.append((registry, registry[name], name, priority))
                    registry.deregister(name)


class _PutBack(Postprocessor):
    """The last of the postprocessors: puts back what `_LeaveOut` left out for the text."""

    def __init__(self, leave_out: _LeaveOut) -> None:
        super().__init__()
        self._leave_out = leave_out

    def run(self, text: str) -> str:
        self._leave_out.put_back()
        return text


def with_unmatchable_left_out(extensions: list[Any]) -> list[Any]:
    """MkDocs' Markdown extensions with UnmatchablePatternsLeftOut last, once."""
    return [*(ext for ext in extensions if not isinstance(ext, UnmatchablePatternsLeftOut)), UnmatchablePatternsLeftOut()]
