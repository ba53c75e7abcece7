"""Reading a whole workspace's influence graph as arrays, edges in chunks of people.

:func:`graph.scopes.read.read_scope` reads a scope as one record of column lists and turns every
edge into a Python object: right for a deal or an account, but a whole CRM (1M people, 10M edges)
would then hold tens of millions of objects in the API process and one 10M-entry record in the
database's heap. Here the people come first (one record of columns: their ids and the
database's internal node ids), and each person is numbered by position; then the INFLUENCES and
REPORTS_TO relationships are read ``chunk`` people at a time, and, beside them, which people
work at each organisation. The edge statements answer only integers (places in the chunk,
internal node ids) and floats, mapped to positions with NumPy as each answer arrives, so only
integer and float arrays outlive a statement. KNOWS is not read: it plays no part in the
influence graph.

Internal node ids are what make this fast: the database finds each chunk's people by node id
instead of an index seek per person, and never reads the edges' targets (their string id, or
even their node record); this process maps 10M targets with one ``searchsorted`` instead of a
dictionary look-up each. On 1M people and 10M edges the database's CPU seconds for the edges
fell from about 27 to 12 (``benchmarks/RESULTS-crm.md``). A node id names a node only while it
exists (a deleted node's id is reused), which holds here because people and edges are read
together: a person created after the people were read is left out with the edges at them; a
person deleted meanwhile keeps a position without edges. Only a person deleted *and* another
created in their place between the two reads (reusing the id) would have their edges counted
under the deleted person's position, until the cache's next read.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from collections import OrderedDict
from typing import Any

import numpy as np
import numpy.typing as npt

from graph.analytics.workspace_graph import WorkspaceGraph, workspace_influence_matrix
from graph.database.store import WorkspaceStore

__all__ = ["DEFAULT_CHUNK", "WorkspaceGraphCache", "read_workspace_graph"]

DEFAULT_CHUNK = 50_000
"""People whose outgoing edges one statement reads (about 500,000 edges in generated data)."""

IN_FLIGHT = 2
"""Chunk statements sent ahead: the database works on the next while this process decodes."""

_Arrays = tuple[np.ndarray[Any, Any], ...]
_IntArray = npt.NDArray[np.int64]


class _NodePositions:
    """Positions of people from their internal node ids (``-1`` for a node not among them)."""

    def __init__(self, nodes: list[int]) -> None:
        self._nodes = np.asarray(nodes, dtype=np.int64)
        self._order = np.argsort(self._nodes, kind="stable")
        self._sorted = self._nodes[self._order]

    def __call__(self, nodes: list[int]) -> _IntArray:
        wanted = np.asarray(nodes, dtype=np.int64)
        if not len(self._sorted):
            return np.full(len(wanted), -1, dtype=np.int64)
        at = np.minimum(np.searchsorted(self._sorted, wanted), len(self._sorted) - 1)
        found = self._sorted[at] == wanted
        return np.where(found, self._order[at], -1).astype(np.int64)


def _chunk_arrays(columns: dict[str, Any], start: int, positions: _NodePositions) -> _Arrays:
    """Positions, weights and reporting-line flags of one chunk's edges.

    The statement numbers each edge's source by its place in the chunk, ``-1 - place`` for a
    REPORTS_TO line, and gives NaN for an INFLUENCES edge without a weight. Left out here, as
    the scope read leaves them out: an INFLUENCES edge without a weight, a relationship from a
    person to themselves, and an edge whose target is not among the people read (a person
    written after them, left out as that person is). Filtering here rather than in the
    statement saves the database a fifth of its time.
    """
    sources = np.asarray(columns["sources"], dtype=np.int64)
    reports = sources < 0
    sources = np.where(reports, -1 - sources, sources) + start
    targets = positions(columns["targets"])
    weights = np.asarray(columns["weights"], dtype=np.float64)
    kept = (targets >= 0) & (targets != sources) & (reports | ~np.isnan(weights))
    return sources[kept], targets[kept], np.where(reports, 0.0, weights)[kept], reports[kept]


def _organisations(
    columns: dict[str, Any], n: int, positions: _NodePositions
) -> tuple[list[str | None], list[str | None]]:
    """Each of ``n`` people's organisation and its kind (``None`` where they work at none)."""
    org = np.full(n, -1, dtype=np.int64)
    for code, people in enumerate(columns["people"]):
        at = positions(people)
        org[at[at >= 0]] = code
    # A last ``None`` for code -1: people who work at no organisation.
    ids: list[str | None] = [*(o or None for o in columns["ids"]), None]
    kinds: list[str | None] = [*(k or None for k in columns["kinds"]), None]
    codes = org.tolist()
    return [ids[c] for c in codes], [kinds[c] for c in codes]


async def read_workspace_graph(
    ws: WorkspaceStore, *, reports_to_weight: float = 0.5, chunk: int = DEFAULT_CHUNK
) -> WorkspaceGraph:
    """The influence graph of the whole workspace, as :class:`WorkspaceGraph`.

    ``chunk`` bounds how many people's edges one statement returns (and so the size of the
    largest record on both sides); the result does not depend on it.
    """
    if chunk < 1:
        raise ValueError(f"chunk must be at least 1, got {chunk}")
    ws = ws.bulk()  # a whole CRM's edges take seconds per chunk
    head = (await ws.read_plain("analytics/workspace_people_ids"))[0]
    ids: list[str] = head["ids"]
    nodes: list[int] = head["nodes"]
    positions = await asyncio.to_thread(_NodePositions, nodes)

    async def organisations() -> tuple[list[str | None], list[str | None]]:
        columns = (await ws.read_plain("analytics/workspace_organisation_people"))[0]
        return await asyncio.to_thread(_organisations, columns, len(ids), positions)

    async def read(start: int) -> _Arrays:
        params = {"nodes": nodes[start : start + chunk]}
        rows = await ws.read_plain("analytics/workspace_influence_chunk", params)
        return await asyncio.to_thread(_chunk_arrays, rows[0], start, positions)

    # The organisations' statement is small: it runs beside the first chunks.
    orgs = asyncio.ensure_future(organisations())
    starts = iter(range(0, len(ids), chunk))
    pending = [asyncio.ensure_future(read(s)) for s in itertools.islice(starts, IN_FLIGHT)]
    parts: list[_Arrays] = []
    try:
        while pending:
            parts.append(await pending.pop(0))
            following = next(starts, None)
            if following is not None:
                pending.append(asyncio.ensure_future(read(following)))
        org_ids, org_kinds = await orgs
    finally:
        for task in [*pending, orgs]:
            task.cancel()
    sources, targets, weights, reports = (
        np.concatenate([p[k] for p in parts]) if parts else np.zeros(0) for k in range(4)
    )
    del parts
    W = await asyncio.to_thread(
        workspace_influence_matrix,
        len(ids),
        sources.astype(np.int64),
        targets.astype(np.int64),
        weights,
        reports.astype(bool),
        reports_to_weight=reports_to_weight,
    )
    return WorkspaceGraph(ids=ids, org_ids=org_ids, org_kinds=org_kinds, W=W)


class WorkspaceGraphCache:
    """Per-process cache of :class:`WorkspaceGraph`, as :class:`graph.scopes.cache.AnalysisCache`.

    An entry holds while the workspace's write generation is unchanged and for at most
    ``ttl_seconds`` (another process's writes); ``max_entries`` workspaces at a time.
    """

    def __init__(self, *, max_entries: int = 4, ttl_seconds: float = 60.0) -> None:
        self.max_entries = max_entries
        self.ttl_seconds = ttl_seconds
        self._entries: OrderedDict[tuple[str, float], tuple[int, float, WorkspaceGraph]] = (
            OrderedDict()
        )
        self._locks: dict[tuple[str, float], asyncio.Lock] = {}
        self.computed = 0

    async def get(self, ws: WorkspaceStore, *, reports_to_weight: float = 0.5) -> WorkspaceGraph:
        """The influence graph of ``ws``'s workspace, read only if not cached and current."""
        ws.check()  # the caller's role first: a hit runs no statement, so the guard would not
        key = (ws.workspace, reports_to_weight)
        # One read per workspace at a time: concurrent requests wait for the first.
        async with self._locks.setdefault(key, asyncio.Lock()):
            generation = ws.store.generation(ws.workspace)
            hit = self._entries.get(key)
            if hit and hit[0] == generation and hit[1] > time.monotonic():
                self._entries.move_to_end(key)
                return hit[2]
            self._entries.pop(key, None)  # let the old graph go before reading the new one
            graph = await read_workspace_graph(ws, reports_to_weight=reports_to_weight)
            self.computed += 1
            self._entries[key] = (generation, time.monotonic() + self.ttl_seconds, graph)
            while len(self._entries) > self.max_entries:
                old, _ = self._entries.popitem(last=False)
                self._locks.pop(old, None)
            return graph
