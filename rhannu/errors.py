"""One error format for every editor-facing problem: `path: field 'x': what is wrong`."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class ContentError:
    path: str  # relative to the project root, e.g. case_studies/x.cy.md
    message: str
    field: str | None = None
    line: int | None = None

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f": line {self.line}"
        if self.field is not None:
            where += f": field '{self.field}'"
        return f"{where}: {self.message}"


class ContentErrors(Exception):
    """Every problem found in one pass over the content; the build stops after reporting them."""

    def __init__(self, errors: list[ContentError]) -> None:
        self.errors = sorted(errors, key=lambda e: (e.path, e.line or 0, e.field or "", e.message))
        super().__init__("\n".join(str(error) for error in self.errors))

    def summary(self) -> str:
        count = len(self.errors)
        return f"{count} problem{'s' if count != 1 else ''} in the content; see the lines above"


def read_text(root, path: str) -> str:
    """An editor's file as text; a file that is not UTF-8 is a ContentErrors naming the line."""
    data = (root / path).read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        byte = data[error.start]
        message = f"is not UTF-8 text (byte 0x{byte:02x}): save it with the UTF-8 encoding"
        raise ContentErrors([ContentError(path, message, line=line)]) from None


def one_of(valid: list[str] | tuple[str, ...]) -> str:
    return "expected one of " + ", ".join(valid)


def has_control(text: str, allowed: str = "") -> bool:
    """Whether `text` holds a control character (a line break or tab too, unless `allowed`)."""
    return any(unicodedata.category(char) == "Cc" and char not in allowed for char in text)
