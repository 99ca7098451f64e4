"""What editors' strings may hold, checked once where they are loaded.

A *slug* becomes part of an address, a file name or an HTML attribute: a file's name, a Welsh
page's `slug`, a key in data/taxonomy.yml or data/sources.yml, a lesson id. It is lower case
letters and digits in words joined by single hyphens, at most MAX_SLUG characters, so that it can
never leave its folder, open an attribute, end a line or make a file name too long to write.

*Text* is shown on pages and published in feeds, calendars and the terminal. It may not hold a
control character (C0 but tab, line feed and carriage return; DEL; C1), a character XML forbids
(a lone surrogate, U+FFFE, U+FFFF) or a bidirectional embedding, override or isolate
(U+202A-U+202E, U+2066-U+2069): XML and iCalendar have no way to carry the first ones, and the
last ones reorder what a reader or a terminal shows. Welsh and English text needs none of them.
"""

from __future__ import annotations

import re

# What a scaffold's unfinished text starts with: the build refuses a file that still holds it.
PLACEHOLDER = "TODO"

MAX_SLUG = 80
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SLUG_ADVICE = "lower case letters and digits, words joined by single hyphens, such as 'planning-time'"

CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]")


def is_slug(value: object) -> bool:
    return isinstance(value, str) and len(value) <= MAX_SLUG and _SLUG.fullmatch(value) is not None


def slug_problem(value: object, advice: str = SLUG_ADVICE) -> str | None:
    """None for a slug; else what is wrong, with what would be valid."""
    if is_slug(value):
        return None
    if isinstance(value, str) and _SLUG.fullmatch(value):
        return f"expected at most {MAX_SLUG} characters; got {len(value)}: shorten it"
    return f"expected {advice}; got {value!r}"


def control_problem(value: str) -> str | None:
    """None for text with no control character; else which one and where, with what to do."""
    found = CONTROL.search(value)
    if found is None:
        return None
    return (
        f"has the invisible control character U+{ord(found.group()):04X} at character {found.start() + 1}: "
        "delete it (retype the text around it if need be); feeds, calendars and pages cannot carry it"
    )


def has_control(text: str, allowed: str = "") -> bool:
    """Whether `text` holds a control character, counting a tab or line break too unless `allowed`."""
    return CONTROL.search(text) is not None or any(char in "\t\n\r" and char not in allowed for char in text)


CONTROL_OR_BREAK = re.compile(f"[\t\n\r]|{CONTROL.pattern}")


def printable(text: str, *, one_line: bool = False) -> str:
    """Text safe to print to a terminal: control characters (and, for `one_line`, tabs and line
    breaks) as escapes ('\\x1b')."""
    return (CONTROL_OR_BREAK if one_line else CONTROL).sub(lambda found: repr(found.group())[1:-1], text)
