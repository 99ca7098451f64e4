"""Front matter, declared once: which fields each kind of content has, and how each is checked.

A field marked `shared` is a fact both languages share: the English file states it, the Welsh
file may leave it out (and inherits it) but must not contradict it.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass

from rhannu.dates import LONDON
from rhannu.errors import one_of
from rhannu.links import is_link, shown
from rhannu.names import CONTROL, PLACEHOLDER, control_problem, slug_problem
from rhannu.partial_dates import PartialDate, PartialDateProblem
from rhannu.partial_dates import parse as parse_partial_date
from rhannu.taxonomy import Taxonomy


class FieldProblem(ValueError):
    """A value that does not fit its field; the message says what would."""


Parser = Callable[[object, Taxonomy], object]


@dataclass(frozen=True)
class Field:
    name: str
    parse: Parser
    required: bool = True
    shared: bool = True
    default: object = None


def text(value: object, _: Taxonomy) -> str:
    if not isinstance(value, str) or not value.strip():
        raise FieldProblem(f"expected text; got {value!r}")
    if value.startswith(PLACEHOLDER):
        raise FieldProblem(f"still the placeholder {value!r}: write the real text")
    if problem := control_problem(value):
        raise FieldProblem(problem)
    return " ".join(value.split())


def date(value: object, _: Taxonomy) -> dt.date:
    if isinstance(value, dt.datetime):
        raise FieldProblem(f"expected a date as YYYY-MM-DD, without a time; got '{value}'")
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise FieldProblem(f"expected a date as YYYY-MM-DD; got {value!r}") from None


@dataclass(frozen=True)
class EventDate:
    start: dt.datetime  # aware, Europe/London
    has_time: bool


def event_date(value: object, _: Taxonomy) -> EventDate:
    """A day ('2022-03-10') or a day and a time ('2022-03-10 14:00'), in Europe/London whatever the
    machine's time zone; a time with an explicit offset ('2022-03-10 14:00:00+01:00') keeps it."""
    if isinstance(value, dt.datetime):
        return EventDate(value if value.tzinfo else value.replace(tzinfo=LONDON), True)
    if isinstance(value, dt.date):
        return EventDate(dt.datetime.combine(value, dt.time(0, 0), tzinfo=LONDON), False)
    try:
        moment = dt.datetime.strptime(str(value), "%Y-%m-%d %H:%M")
    except ValueError:
        raise FieldProblem(f"expected YYYY-MM-DD or YYYY-MM-DD HH:MM; got {value!r}") from None
    return EventDate(moment.replace(tzinfo=LONDON), True)


def web_address(value: object, _: Taxonomy) -> str:
    if not is_link(value, ("https://", "http://")):
        raise FieldProblem(f"expected a web address starting https://, on one line with no spaces; got {shown(value)}")
    assert isinstance(value, str)
    return value


def fingerprint(value: object, _: Taxonomy) -> str:
    if not isinstance(value, str) or not re.fullmatch(r"[0-9a-f]{12}", value):
        raise FieldProblem(f"expected the 12 characters written by 'rhannu translations mark'; got {value!r}")
    return value


def boolean(value: object, _: Taxonomy) -> bool:
    if not isinstance(value, bool):
        raise FieldProblem(f"expected true or false; got {value!r}")
    return value


def positive_int(value: object, _: Taxonomy) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise FieldProblem(f"expected a whole number from 1; got {value!r}")
    return value


def partial_date(value: object, _: Taxonomy) -> PartialDate:
    try:
        return parse_partial_date(value)
    except PartialDateProblem as problem:
        raise FieldProblem(str(problem)) from None


def key_of(list_name: str, *, extra: tuple[str, ...] = ()) -> Parser:
    def parse(value: object, taxonomy: Taxonomy) -> str:
        valid = (*taxonomy.keys(list_name), *extra)
        if value not in valid:
            raise FieldProblem(f"{one_of(valid)}; got {value!r}")
        return str(value)

    return parse


def list_of(item: Parser, *, allow_empty: bool) -> Parser:
    def parse(value: object, taxonomy: Taxonomy) -> tuple:
        if isinstance(value, str):
            value = [value]
        if value is None:
            value = []
        if not isinstance(value, list):
            raise FieldProblem(f"expected a list such as [a, b]; got {value!r}")
        if not value and not allow_empty:
            raise FieldProblem("expected at least one value; got an empty list")
        return tuple(item(entry, taxonomy) for entry in value)

    return parse


def slug(value: object, _: Taxonomy) -> str:
    if problem := slug_problem(value, "an id in lower case with hyphens, such as 'planning-time'"):
        raise FieldProblem(problem)
    assert isinstance(value, str)
    return value


# A folder of an old address: the characters a URL path needs no escape for, short enough for a
# file name (the build writes a redirect at old/name/index.html).
_OLD_PART = re.compile(r"[A-Za-z0-9._~-]{1,200}")
_SPACE_OR_CONTROL = re.compile(rf"\s|{CONTROL.pattern}")


def address(value: object, _: Taxonomy) -> str:
    """An old site-relative address, such as 'old/case-study/'; normalised to 'old/case-study/'."""
    parts = value.strip("/").split("/") if isinstance(value, str) else []
    if not parts or any(part in (".", "..") or not _OLD_PART.fullmatch(part) for part in parts):
        raise FieldProblem(
            "expected a site-relative address such as 'old/name/': folders of letters, digits and "
            f"'-', '_', '.' or '~', each at most 200 characters; got {value!r}"
        )
    return "/".join(parts) + "/"


RENAMED = {
    "date": "'date' is now two fields: 'published', the day it was published on this site (leave it out if it "
    "has not been), and 'when', when what it describes happened (a day, a month, a season or a year)",
}


def unknown_field_message(name: str, fields: tuple[Field, ...]) -> str:
    names = [field.name for field in fields]
    if name in RENAMED:
        return f"unknown field: {RENAMED[name]}; {one_of(names)}"
    close = difflib.get_close_matches(name, names, n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    return f"unknown field{hint}; {one_of(names)}"


NEWS_KINDS = ("news", "event", "editorial")


def news_kind(value: object, _: Taxonomy) -> str:
    if value not in NEWS_KINDS:
        raise FieldProblem(f"{one_of(NEWS_KINDS)}; got {value!r}")
    return str(value)
