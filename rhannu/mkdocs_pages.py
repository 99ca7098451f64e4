"""How Rhannu, not MkDocs, writes each page: the only module that knows how MkDocs writes one.

MkDocs' `_build_page` (mkdocs/commands/build.py) renders a page, runs the `on_post_page` events,
and writes what they return, encoded as UTF-8 with characters it cannot encode as references,
unless it is blank: then it writes nothing and logs "Page skipped" at INFO. So the plugin's last
`on_post_page` writes the page through Rhannu's writer, with MkDocs' bytes, and returns an empty
string; this filter keeps MkDocs' "Page skipped" line out of the log for exactly the pages Rhannu
wrote (any other page MkDocs skips is still reported).
"""

from __future__ import annotations

import logging

BUILD_LOGGER = "mkdocs.commands.build"


def page_bytes(output: str) -> bytes:
    """A page's file as MkDocs writes it."""
    return output.encode("utf-8", errors="xmlcharrefreplace")


def is_written(output: str) -> bool:
    """Whether MkDocs would write a page whose `on_post_page` output is `output`."""
    return bool(output.strip())


class PagesWrittenByRhannu(logging.Filter):
    """Drops MkDocs' "Page skipped" line for each page Rhannu wrote itself."""

    def __init__(self) -> None:
        super().__init__()
        self._messages: set[str] = set()

    def add(self, src_uri: str) -> None:
        self._messages.add(f"Page skipped: '{src_uri}'. Generated empty output.")

    def clear(self) -> None:
        self._messages.clear()

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno != logging.INFO or record.getMessage() not in self._messages

    def attach(self) -> None:
        logging.getLogger(BUILD_LOGGER).addFilter(self)  # once, however often it is called

    def detach(self) -> None:
        logging.getLogger(BUILD_LOGGER).removeFilter(self)
