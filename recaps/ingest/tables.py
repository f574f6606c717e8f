"""Tables ingest derives from a registry (name keys for misspellings, places, grounds), each
built once and kept while the registry's content is the same.

The key is the content the tables are made from, never the registry object's identity: a
registry read again from an edited teams.yaml gets new tables, and an object that is gone
cannot hand its tables to a new one that happens to reuse its address.
"""
from __future__ import annotations

from typing import Callable, TypeVar

from ..registry import Registry

T = TypeVar("T")
_KEPT: dict[str, tuple[tuple, object]] = {}  # what -> (content key, table): the last registry's


def content_key(registry: Registry) -> tuple:
    """What every derived table is made from: the teams (frozen, compared by value) and the
    name keys that lead to them."""
    return tuple(registry.teams.values()), tuple(registry.team_names.items())


def derived(registry: Registry, what: str, build: Callable[[Registry], T]) -> T:
    """`build(registry)`, made once for each content of the registry."""
    key = content_key(registry)
    kept = _KEPT.get(what)
    if kept is None or kept[0] != key:
        kept = _KEPT[what] = (key, build(registry))
    return kept[1]
