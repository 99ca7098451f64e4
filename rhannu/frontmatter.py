"""Splitting a Markdown source into its YAML front matter and body, with errors that give lines."""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from rhannu.errors import ContentError

# libyaml's loader where the platform has it: the same results, several times faster.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class SafeLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """PyYAML keeps the last of two equal keys without a word; this refuses them."""

    def construct_mapping(self, node, deep=False):
        seen: dict[object, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise DuplicateKey(key, seen[key], key_node.start_mark.line)
            seen[key] = key_node.start_mark.line
        return super().construct_mapping(node, deep=deep)


class DuplicateKey(ValueError):
    def __init__(self, key: object, first: int, second: int) -> None:
        super().__init__(f"'{key}' is given twice")
        self.key, self.first, self.second = key, first, second  # lines counted from 0 within the YAML

    def message(self, offset: int) -> str:
        """What an editor reads, with the file's own line numbers (the YAML starts at `offset`)."""
        return f"'{self.key}' is given twice, on lines {self.first + offset} and {self.second + offset}: keep one"


class BadCharacter(ValueError):
    """A character YAML refuses to read, such as a control character typed into the file."""

    def __init__(self, line: int, character: int) -> None:
        super().__init__(f"U+{character:04X}")
        self.line, self.character = line, character  # the line counted from 0 within the YAML

    def message(self) -> str:
        return f"has the invisible control character U+{self.character:04X}, which YAML cannot read: delete it"


def load_yaml(text: str) -> object:
    """YAML as the project reads it: safe, with duplicate keys refused."""
    try:
        return yaml.load(text, Loader=SafeLoader)
    except yaml.reader.ReaderError as error:
        character = error.character if isinstance(error.character, int) else ord(error.character)
        raise BadCharacter(text.count("\n", 0, error.position), character) from None


FENCE = "---"


@dataclass(frozen=True)
class Source:
    path: str
    meta: dict[str, object]
    body: str
    body_line: int  # the file's line number where the body starts


def parse_source(path: str, text: str) -> Source | ContentError:
    lines = text.splitlines()
    if not lines or lines[0].strip() != FENCE:
        return ContentError(path, "expected front matter: a first line '---', the fields, then '---'", line=1)
    try:
        end = next(i for i, line in enumerate(lines[1:], start=1) if line.strip() == FENCE)
    except StopIteration:
        return ContentError(path, "front matter is not closed: add a line '---' after the fields", line=1)
    try:
        meta = load_yaml("\n".join(lines[1:end])) or {}
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 2 if mark else None
        problem = error.problem or error.context or "invalid YAML"
        return ContentError(path, f"YAML syntax error: {problem}", line=line)
    except DuplicateKey as error:
        return ContentError(path, error.message(offset=2), line=error.second + 2)
    except BadCharacter as error:
        return ContentError(path, error.message(), line=error.line + 2)
    except ValueError as error:  # YAML reads 2021-02-30 as a date, and the calendar refuses it
        return ContentError(path, f"a date that does not exist ({error}): write a real day as YYYY-MM-DD")
    if not isinstance(meta, dict):
        return ContentError(path, "front matter must be 'field: value' lines", line=2)
    rest = lines[end + 1 :]
    blank = next((i for i, line in enumerate(rest) if line.strip()), len(rest))
    body = "\n".join(rest[blank:]).rstrip("\n") + "\n"
    return Source(path, {str(key): value for key, value in meta.items()}, body, end + 2 + blank)
