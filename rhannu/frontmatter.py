"""Splitting a Markdown source into its YAML front matter and body, with errors that give lines."""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from rhannu.errors import ContentError

# libyaml's loader where the platform has it: the same results, several times faster.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class SafeLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """PyYAML keeps the last of two equal keys without a word; this refuses them, and keys that are
    lists or mappings (`? [a, b]`), which no field has."""

    def construct_mapping(self, node, deep=False):
        seen: dict[object, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if isinstance(key, (list, dict)):
                raise ComplexKey(key_node.start_mark.line)
            if key in seen:
                raise DuplicateKey(key, seen[key], key_node.start_mark.line)
            seen[key] = key_node.start_mark.line
        return super().construct_mapping(node, deep=deep)


class YamlProblem(ValueError):
    """YAML that parses but that the project refuses; `line` is counted from 0 within the YAML."""

    def __init__(self, text: str, line: int) -> None:
        super().__init__(text)
        self.line = line

    def message(self, offset: int) -> str:
        """What an editor reads, with the file's own line numbers (the YAML starts at `offset`)."""
        return str(self)


class DuplicateKey(YamlProblem):
    def __init__(self, key: object, first: int, second: int) -> None:
        super().__init__(f"'{key}' is given twice", second)
        self.key, self.first, self.second = key, first, second

    def message(self, offset: int) -> str:
        return f"'{self.key}' is given twice, on lines {self.first + offset} and {self.second + offset}: keep one"


class ComplexKey(YamlProblem):
    def __init__(self, line: int) -> None:
        super().__init__("a key that is a list or a mapping ('? [a, b]'): write 'field: value' with a plain name", line)


class Alias(YamlProblem):
    def __init__(self, line: int) -> None:
        # One alias can repeat a list that repeats a list... (a "billion laughs"): a few lines that
        # expand to gigabytes wherever the value is shown. Nothing here needs them.
        super().__init__(
            "YAML anchors and aliases (&name, *name) are not accepted: write each value out in full "
            "(text that begins with & or * goes in quotes)",
            line,
        )


class BadCharacter(YamlProblem):
    """A character YAML refuses to read, such as a control character typed into the file."""

    def __init__(self, line: int, character: int) -> None:
        super().__init__(f"has the invisible control character U+{character:04X}, which YAML cannot read: delete it", line)


def load_yaml(text: str) -> object:
    """YAML as the project reads it: safe, with duplicate keys, complex keys, aliases and
    characters YAML cannot read refused (YamlProblem); a syntax error is yaml.MarkedYAMLError."""
    try:
        if "&" in text or "*" in text:  # only then can there be an anchor or an alias to look for
            for token in yaml.scan(text, Loader=_BaseLoader):
                if isinstance(token, (yaml.AnchorToken, yaml.AliasToken)):
                    raise Alias(token.start_mark.line)
        return yaml.load(text, Loader=SafeLoader)
    except yaml.reader.ReaderError as error:
        character = error.character if isinstance(error.character, int) else ord(error.character)
        raise BadCharacter(text.count("\n", 0, error.position), character) from None


class _SettingsLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """mkdocs.yml's tags (!ENV, !!python/name:) read as nothing: what Rhannu reads there needs none."""


_SettingsLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def load_settings(text: str) -> object:
    """mkdocs.yml's YAML, for the few settings Rhannu reads before MkDocs does (its tags read as
    nothing); yaml.YAMLError where it cannot be read, which MkDocs then reports."""
    return yaml.load(text, Loader=_SettingsLoader)


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
    except YamlProblem as error:
        return ContentError(path, error.message(offset=2), line=error.line + 2)
    except ValueError as error:  # YAML reads 2021-02-30 as a date, and the calendar refuses it
        return ContentError(path, f"a date that does not exist ({error}): write a real day as YYYY-MM-DD")
    if not isinstance(meta, dict):
        return ContentError(path, "front matter must be 'field: value' lines", line=2)
    rest = lines[end + 1 :]
    blank = next((i for i, line in enumerate(rest) if line.strip()), len(rest))
    body = "\n".join(rest[blank:]).rstrip("\n") + "\n"
    return Source(path, {str(key): value for key, value in meta.items()}, body, end + 2 + blank)
