"""The one rule for what a reference to a person means, on every path that takes one.

A person is named by their id or by one of their aliases (the ids an import merged into them,
:class:`graph.imports.validate.Duplicates`). An alias stands for its person within the
workspace that holds it, and nowhere else: in another workspace the same key names no one, or
a person of that workspace's own. GraphQL, REST and the command line resolve the ids they are
given here before anything is checked or written (:func:`resolve_people`); an import reads
its files through the same aliases (:func:`person_aliases`, :func:`person_of`).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

from graph.database.store import WorkspaceStore

__all__ = [
    "person_aliases",
    "person_of",
    "read_people",
    "resolve_people",
    "resolve_person",
    "with_people",
]

R = TypeVar("R")


def person_of(key: str, aliases: Mapping[str, str]) -> str:
    """The person id ``key`` names, given the workspace's ``aliases`` (alias → person id).

    Ids and aliases are one set in a workspace, so a key is one or the other; a key that is
    neither is returned as is, for the caller's check to refuse as unknown.

    >>> person_of("003X", {"003X": "003A"}), person_of("003A", {"003X": "003A"})
    ('003A', '003A')
    """
    return aliases.get(key, key)


async def person_aliases(ws: WorkspaceStore, keys: Iterable[str] | None = None) -> dict[str, str]:
    """The workspace's aliases (alias → person id): those among ``keys``, or all of them."""
    if keys is None:
        rows = await ws.read("people/aliases")
    elif wanted := sorted(set(keys)):
        rows = await ws.read("people/aliases_of", {"keys": wanted})
    else:
        return {}
    return {r["alias"]: r["id"] for r in rows}


async def resolve_people(ws: WorkspaceStore, keys: Iterable[str]) -> dict[str, str]:
    """Each of ``keys`` → the person id it names in the workspace (:func:`person_of`)."""
    keys = [k for k in keys if k]
    aliases = await person_aliases(ws, keys)
    return {k: person_of(k, aliases) for k in keys}


async def resolve_person(ws: WorkspaceStore, key: str) -> str:
    """The person id ``key`` names in the workspace (:func:`person_of`)."""
    return person_of(key, await person_aliases(ws, [key])) if key else key


async def read_people(
    ws: WorkspaceStore,
    keys: Sequence[str],
    read: Callable[[list[str]], Awaitable[Mapping[str, R]]],
) -> dict[str, R]:
    """Each of ``keys`` that names a person → what ``read`` (ids → rows by id) gives for them.

    ``read`` runs once for the keys as ids, and once more, only when some key is no person's id
    but an alias (:func:`person_aliases`), for the people those aliases name.
    """
    found = dict(await read(list(keys)))
    aliases = await person_aliases(ws, [k for k in keys if k not in found])
    others = sorted(set(aliases.values()) - found.keys())
    if others:
        found.update(await read(others))
    return {k: found[i] for k in keys if (i := person_of(k, aliases)) in found}


async def with_people(
    ws: WorkspaceStore, items: Sequence[Mapping[str, Any]], fields: Sequence[str]
) -> list[dict[str, Any]]:
    """``items`` with the person references in ``fields`` resolved (one read for all).

    Values that are not strings (absent, ``None``, a wrong type) are left for validation.
    """
    keys = {v for item in items for f in fields if isinstance(v := item.get(f), str)}
    if not keys:
        return [dict(item) for item in items]
    aliases = await person_aliases(ws, keys)
    if not aliases:
        return [dict(item) for item in items]
    return [
        {
            k: person_of(v, aliases) if k in fields and isinstance(v, str) else v
            for k, v in item.items()
        }
        for item in items
    ]
