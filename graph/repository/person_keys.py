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
from dataclasses import dataclass
from typing import Any, TypeVar

from graph.database.store import WorkspaceStore, WorkspaceTransaction
from graph.history.recorder import Touched

__all__ = [
    "Named",
    "keys_in",
    "named_in",
    "person_aliases",
    "person_of",
    "read_people",
    "resolve_people",
    "write_naming",
]

R = TypeVar("R")
P = TypeVar("P")


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


@dataclass(frozen=True)
class Named:
    """What the keys a write was given name, read in its transaction (:func:`named_in`)."""

    ids: Mapping[str, str]
    """Key → the id of the person it names, for each key that names a person."""

    def __call__(self, key: str) -> str:
        """The person id ``key`` names; a key naming no one is returned as is, for the write's
        check to refuse as unknown (naming the field that gave it)."""
        return self.ids.get(key, key)

    def fields(self, item: Mapping[str, Any], fields: Sequence[str]) -> dict[str, Any]:
        """``item`` with the person references in ``fields`` resolved; values that are not
        strings (absent, ``None``, a wrong type) are left for validation."""
        return {k: self(v) if k in fields and isinstance(v, str) else v for k, v in item.items()}


def keys_in(items: Iterable[Mapping[str, Any]], fields: Sequence[str]) -> list[str]:
    """The strings in ``fields`` of ``items``: the keys a write names people by."""
    return [v for item in items for f in fields if isinstance(v := item.get(f), str)]


async def named_in(tx: WorkspaceTransaction, keys: Iterable[str | None]) -> Named:
    """The people ``keys`` name (ids or aliases), read in the transaction ``tx``."""
    wanted = sorted({k for k in keys if k})
    if not wanted:
        return Named({})
    rows = await tx.run("people/resolve", {"keys": wanted})
    return Named({r["key"]: r["id"] for r in rows if r["id"] is not None})


async def write_naming(
    ws: WorkspaceStore,
    keys: Iterable[str | None],
    plan: Callable[[Named], tuple[P, Touched | None]],
    work: Callable[[WorkspaceTransaction, P], Awaitable[R]],
    *,
    lock: bool = False,
) -> R:
    """Run a write naming people by ``keys`` in one transaction, the keys resolved in it.

    The first statement reads what the keys name (``people/resolve``, after the workspace's
    lock with ``lock``); ``plan`` turns that into what ``work`` writes (validated with the
    people the keys name: a refusal there rolls back, nothing written) and the facts it
    touches, which the transaction records (:meth:`WorkspaceStore.transaction`; ``None``:
    nothing recorded).
    """
    planned: list[P] = []

    async def touched(tx: WorkspaceTransaction) -> Touched | None:
        if lock:
            await tx.run("workspaces/lock")
        what, facts = plan(await named_in(tx, keys))
        planned.append(what)
        return facts

    async def run(tx: WorkspaceTransaction) -> R:
        return await work(tx, planned[-1])

    return await ws.transaction(run, touched)
