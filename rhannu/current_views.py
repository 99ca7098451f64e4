"""Read-only views of what a build holds in a context variable (the site's content types, its
languages): each use reads the value current at that moment, so module-level names such as
`content_types.TYPES` or `languages.CODES` follow the site being built."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
V = TypeVar("V")


class CurrentSequence(Sequence[T]):
    def __init__(self, read: Callable[[], Sequence[T]]) -> None:
        self._read = read

    def __getitem__(self, index: Any) -> Any:
        return self._read()[index]

    def __len__(self) -> int:
        return len(self._read())

    def __iter__(self) -> Iterator[T]:
        return iter(self._read())

    def __eq__(self, other: object) -> bool:
        return tuple(self._read()) == (tuple(other) if isinstance(other, Sequence) else other)

    def __hash__(self) -> int:
        return hash(tuple(self._read()))


class CurrentMapping(Mapping[str, V]):
    def __init__(self, read: Callable[[], Mapping[str, V]]) -> None:
        self._read = read

    def __getitem__(self, key: str) -> V:
        return self._read()[key]

    def __len__(self) -> int:
        return len(self._read())

    def __iter__(self) -> Iterator[str]:
        return iter(self._read())
