"""Links and email addresses an owner or editor gives, which become links in pages or headers in
email: checked where they are read, so a line break (which would start a new email header) or a character that
ends an attribute never reaches a page, a feed or a message."""

from __future__ import annotations

import re
import unicodedata

# What may not stand in an address: space of any kind, quotes and angle brackets (which end it in
# HTML and in a header), backslashes; control and invisible characters are refused by category.
_UNSAFE = re.compile(r"[\s<>\"'`\\]")
_EMAIL = re.compile(r"[^@\s<>()\[\],;:\"'`\\]+@[^@\s<>()\[\],;:\"'`\\]+\.[^@\s<>()\[\],;:\"'`\\.]+")


def _clean(value: str) -> bool:
    """No space, quote, angle bracket or backslash, and no control, format or unassigned character
    (CR, LF, NUL, ESC, U+2028, a zero-width space...)."""
    return not _UNSAFE.search(value) and all(unicodedata.category(char)[0] not in "CZ" for char in value)


def is_link(value: object, schemes: tuple[str, ...] = ("https://",)) -> bool:
    """An address starting with one of `schemes`, with something after it, on one line."""
    return (
        isinstance(value, str)
        and any(value.startswith(scheme) and len(value) > len(scheme) for scheme in schemes)
        and _clean(value)
    )


def is_email(value: object) -> bool:
    """One plain email address (name@example.org): nothing that could add a header or a recipient."""
    return isinstance(value, str) and bool(_EMAIL.fullmatch(value)) and _clean(value)


def is_name(value: object) -> bool:
    """A host or user name: something, on one line, with no spaces."""
    return isinstance(value, str) and bool(value) and _clean(value)


def shown(value: object) -> str:
    """A value as an error message quotes it: escaped (a line break shows as \\r\\n), and short."""
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."
