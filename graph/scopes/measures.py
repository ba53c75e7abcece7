"""Whole-workspace rank, brokerage and cross-account influencers, on the engine the settings pick.

``python``
    The workspace's graph is read into this process as arrays
    (:class:`~graph.scopes.workspace.WorkspaceGraphCache`) and measured with NumPy and SciPy
    (:mod:`graph.analytics.workspace_graph`). Works on any server; the default when the server
    has no Graph Data Science library.
``gds``
    The graph is projected in the database and measured there (:mod:`graph.scopes.gds`); only the
    answer crosses the wire. A server without GDS is an error at first use, naming the fix.
``auto``
    ``gds`` when the server has the library (asked once, at first use), else ``python``.

Cross-account influencers (direct influence) need no graph algorithm: with ``gds`` they are
counted by one statement in the database (``queries/analytics/cross_account_top.cypher``, the
same edge rules as the projection, from one fragment), and only the first ``first`` come back.

Both answer the same question the same way: the ``first`` people with the largest score (by
score, descending, then id), or the scores of the ``people`` asked for, with how brokerage was
obtained. Deal and account scopes stay with :mod:`graph.scopes.cache`, on the Python engine, and so
does sampled brokerage (above ``exact_limit`` people): GDS's sampling is not uniform
(:mod:`graph.scopes.gds`).
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Literal

import numpy as np

from graph.analytics.accounts import AccountReach, CrossAccountInfluencer
from graph.analytics.workspace_graph import (
    top_cross_account_influencers,
    workspace_brokerage,
    workspace_influence_rank,
)
from graph.database.store import Store, WorkspaceStore
from graph.scopes import gds
from graph.scopes.gds import GdsProjections, Measure, ScoredPeople
from graph.scopes.workspace import WorkspaceGraphCache

__all__ = ["Engine", "WorkspaceMeasures"]

Engine = Literal["auto", "python", "gds"]


def _chosen(
    values: dict[str, float], first: int | None, people: Sequence[str] | None
) -> dict[str, float]:
    """The ``first`` largest of ``values`` (by value, then id), or those of ``people``."""
    if people is not None:
        return {p: values[p] for p in people if p in values}
    order = sorted(values.items(), key=lambda item: (-item[1], item[0]))
    return dict(order[:first] if first is not None else order)


class WorkspaceMeasures:
    """Influence rank and brokerage of whole workspaces, cached per write generation."""

    def __init__(
        self,
        engine: Engine = "auto",
        *,
        graphs: WorkspaceGraphCache | None = None,
        projections: GdsProjections | None = None,
        ttl_seconds: float = 60.0,
    ) -> None:
        self.setting: Engine = engine
        self.graphs = graphs or WorkspaceGraphCache(ttl_seconds=ttl_seconds)
        self.projections = projections or GdsProjections(ttl_seconds=ttl_seconds)
        self._engine: Literal["python", "gds"] | None = None
        self._lock = asyncio.Lock()

    async def engine(self, store: Store) -> Literal["python", "gds"]:
        """The engine in use: ``auto`` resolved (once), ``gds`` checked against the server."""
        if self._engine is None:
            async with self._lock:
                if self._engine is None:
                    if self.setting == "python":
                        self._engine = "python"
                    else:
                        present = await store.gds_version() is not None
                        if self.setting == "gds" and not present:
                            raise gds.gds_missing()
                        self._engine = "gds" if present else "python"
        return self._engine

    async def influence_rank(
        self,
        ws: WorkspaceStore,
        *,
        first: int | None = None,
        people: Sequence[str] | None = None,
        reports_to_weight: float = 0.5,
    ) -> ScoredPeople:
        """Influence rank (summing to 1 over the workspace): the top ``first``, or ``people``."""
        return await self._measure(
            ws, "rank", first=first, people=people, reports_to_weight=reports_to_weight
        )

    async def brokerage(
        self,
        ws: WorkspaceStore,
        *,
        first: int | None = None,
        people: Sequence[str] | None = None,
        reports_to_weight: float = 0.5,
        exact_limit: int = 2000,
        samples: int = 512,
        seed: int = 0,
    ) -> ScoredPeople:
        """Normalised brokerage: the top ``first``, or ``people``; sampled above ``exact_limit``."""
        return await self._measure(
            ws,
            "brokerage",
            first=first,
            people=people,
            reports_to_weight=reports_to_weight,
            exact_limit=exact_limit,
            samples=samples,
            seed=seed,
        )

    async def _measure(
        self,
        ws: WorkspaceStore,
        which: Measure,
        *,
        first: int | None,
        people: Sequence[str] | None,
        reports_to_weight: float,
        exact_limit: int = 2000,
        samples: int = 512,
        seed: int = 0,
    ) -> ScoredPeople:
        if first is not None and first < 1:
            raise ValueError(f"first must be at least 1, got {first}")
        ws.check()
        if await self.engine(ws.store) == "gds":
            projection = await self.projections.projection(ws, reports_to_weight=reports_to_weight)
            n = projection.people
            # Sampled brokerage stays here: GDS samples sources by degree (graph/scopes/gds.py).
            if which == "rank" or n <= exact_limit or samples >= n:
                how = await gds.measure(ws, projection, which)
                raw = await gds.scores(ws, projection, which, first=first, people=people)
                scale = 1.0 if which == "rank" else gds.brokerage_scale(n)
                values = _chosen({k: v * scale for k, v in raw.items()}, first, people)
                return ScoredPeople(values, how.people, how.exact, how.samples_used)
        graph = await self.graphs.get(ws, reports_to_weight=reports_to_weight)
        if which == "rank":
            vector = await asyncio.to_thread(workspace_influence_rank, graph)
            values = dict(zip(graph.ids, np.asarray(vector).tolist(), strict=True))
            return ScoredPeople(
                _chosen(values, first, people), len(graph.ids), True, len(graph.ids)
            )
        result = await asyncio.to_thread(
            workspace_brokerage, graph, exact_limit=exact_limit, samples=samples, seed=seed
        )
        return ScoredPeople(
            _chosen(result.values, first, people),
            len(graph.ids),
            result.exact,
            result.samples_used,
        )

    async def cross_account_influencers(
        self,
        ws: WorkspaceStore,
        *,
        min_accounts: int = 2,
        first: int = 50,
        reports_to_weight: float = 0.5,
    ) -> list[CrossAccountInfluencer]:
        """The first ``first`` of :func:`~graph.analytics.cross_account_influencers` (hops 1)."""
        if min_accounts < 1 or first < 1:
            raise ValueError(f"min_accounts and first must be at least 1: {min_accounts}, {first}")
        ws.check()
        if await self.engine(ws.store) == "python":
            graph = await self.graphs.get(ws, reports_to_weight=reports_to_weight)
            return await asyncio.to_thread(
                top_cross_account_influencers, graph, min_accounts=min_accounts, limit=first
            )
        rows = await ws.bulk().read_plain(
            "analytics/cross_account_top",
            {"min_accounts": min_accounts, "first": first, "reports_to_weight": reports_to_weight},
        )
        found = []
        for row in rows:
            accounts = sorted(
                (
                    AccountReach(a["org_id"], tuple(sorted(a["people"])), float(a["weight"]))
                    for a in row["accounts"]
                ),
                key=lambda r: (-r.weight, r.org_id),
            )
            total = sum(r.weight for r in accounts)
            found.append(
                CrossAccountInfluencer(row["person_id"], row["org_id"], tuple(accounts), total)
            )
        found.sort(key=lambda c: (-len(c.accounts), -c.total_weight, c.person_id))
        return found
