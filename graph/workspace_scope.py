"""Reading a whole workspace's influence graph as arrays, edges in chunks of people.

:func:`graph.scope.read_scope` reads a scope as one record of column lists and turns every edge
into a Python object: right for a deal or an account, but a whole CRM (1M people, 10M edges)
would then hold tens of millions of objects in the API process and one 10M-entry record in the
database's heap. Here the people come first (ids and organisations, one record of columns), and
each person is numbered by position; then the INFLUENCES and REPORTS_TO relationships are read
``chunk`` people at a time: the statement numbers each edge's source by its position in the
chunk, and the targets' ids are mapped to positions as each chunk arrives, so only integer and
float arrays outlive a chunk. KNOWS is not read: it plays no part in the influence graph.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from collections import OrderedDict
from typing import Any

import numpy as np

from graph.analytics.workspace_graph import WorkspaceGraph, workspace_influence_matrix
from graph.store import WorkspaceStore

__all__ = ["DEFAULT_CHUNK", "WorkspaceGraphCache", "read_workspace_graph"]

DEFAULT_CHUNK = 50_000
"""People whose outgoing edges one statement reads (about 500,000 edges in generated data)."""

IN_FLIGHT = 2
"""Chunk statements sent ahead: the database works on the next while this process decodes."""

_Arrays = tuple[np.ndarray[Any, Any], ...]


def _chunk_arrays(columns: dict[str, Any], start: int, index: dict[str, int]) -> _Arrays:
    """Positions, weights and reporting-line flags of one chunk's edges.

    A target missing from ``index`` is a person written after the people were read: the edge
    is left out, as that person is.
    """
    count = len(columns["targets"])
    targets = np.fromiter(
        (index.get(t, -1) for t in columns["targets"]), dtype=np.int64, count=count
    )
    sources = np.asarray(columns["sources"], dtype=np.int64) + start
    weights = np.asarray(columns["weights"], dtype=np.float64)
    reports = np.asarray(columns["reports"], dtype=bool)
    known = targets >= 0
    return sources[known], targets[known], weights[known], reports[known]


async def read_workspace_graph(
    ws: WorkspaceStore, *, reports_to_weight: float = 0.5, chunk: int = DEFAULT_CHUNK
) -> WorkspaceGraph:
    """The influence graph of the whole workspace, as :class:`WorkspaceGraph`.

    ``chunk`` bounds how many people's edges one statement returns (and so the size of the
    largest record on both sides); the result does not depend on it.
    """
    if chunk < 1:
        raise ValueError(f"chunk must be at least 1, got {chunk}")
    head = (await ws.read("analytics/workspace_people_ids"))[0]
    ids: list[str] = head["ids"]
    index = {person: i for i, person in enumerate(ids)}

    async def read(start: int) -> _Arrays:
        params = {"ids": ids[start : start + chunk]}
        rows = await ws.read("analytics/workspace_influence_chunk", params)
        return await asyncio.to_thread(_chunk_arrays, rows[0], start, index)

    starts = iter(range(0, len(ids), chunk))
    pending = [asyncio.ensure_future(read(s)) for s in itertools.islice(starts, IN_FLIGHT)]
    parts: list[_Arrays] = []
    try:
        while pending:
            parts.append(await pending.pop(0))
            following = next(starts, None)
            if following is not None:
                pending.append(asyncio.ensure_future(read(following)))
    finally:
        for task in pending:
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
    return WorkspaceGraph(
        ids=ids,
        org_ids=[o or None for o in head["org_ids"]],
        org_kinds=[k or None for k in head["org_kinds"]],
        W=W,
    )


class WorkspaceGraphCache:
    """Per-process cache of :class:`WorkspaceGraph`, as :class:`graph.analysis.AnalysisCache`.

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
