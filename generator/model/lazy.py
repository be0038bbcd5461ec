"""Records read from the cache one at a time, for a process that must not hold them all.

The search index is built in its own process beside the one that renders
pages. Handing it the whole hub would copy it (a fork shares memory only
until objects are touched, and reading an object touches it); so it gets the
small kinds whole and the documents as a mapping that decodes each document
from its cache entry when asked and keeps nothing.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, Callable


class LazyRecords(Mapping):
    """id -> struct, each decoded on access from `load(key)` and not kept."""

    def __init__(self, keys: dict[str, str], load: Callable[[str], Any]) -> None:
        self._keys = dict(sorted(keys.items()))
        self._load = load

    def __getitem__(self, ident: str) -> Any:
        return self._load(self._keys[ident])

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    def __contains__(self, ident: object) -> bool:
        return ident in self._keys
