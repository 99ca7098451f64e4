"""What a Markdown instance had in place while it converted a text: rhannu.markdown_text leaves
out, for each text, the inline patterns and block processors it cannot use, and puts them back
once the text is converted."""

from __future__ import annotations

from typing import Any

import markdown


def converted_with(md: markdown.Markdown, text: str) -> tuple[str, list[str], list[str]]:
    """The HTML, and the names of the inline patterns and block processors `md` had, in their order,
    while converting `text`."""
    had: list[list[str]] = []

    class Look(markdown.treeprocessors.Treeprocessor):
        def run(self, root: Any) -> None:
            for registry in (md.inlinePatterns, md.parser.blockprocessors):
                had.append([item.name for item in sorted(registry._priority, key=lambda item: -item.priority)])

    md.treeprocessors.register(Look(md), "look", 1000)
    html = md.convert(text)
    md.treeprocessors.deregister("look")
    return html, had[0], had[1]
