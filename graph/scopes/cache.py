"""Analyses of a scope (deal, account, workspace), computed once and cached until it changes.

:func:`analyse` is pure: it takes a :class:`~graph.scopes.read.Scope` and runs the measures of
:mod:`graph.analytics`. :class:`AnalysisCache` reads scopes from the store and keeps results per
(workspace, scope, options); every write through a workspace store bumps that workspace's
generation, which is part of the cache key, so a write invalidates exactly its own workspace.
Across several API processes a write made by one process reaches the others' caches within
``ttl_seconds``.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import inspect
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

import networkx as nx

from graph.analytics import (
    BrokerageResult,
    Coverage,
    DealStakes,
    PlanStep,
    PlanWeights,
    access_graph,
    approach_plan,
    brokerage,
    deal_coverage,
    deal_routes,
    deal_stakes,
    influence_graph,
    influence_measures,
    influential_opponents,
    our_people,
)
from graph.database.store import WorkspaceStore
from graph.history.recorder import moment_key
from graph.scopes.gc_pause import gc_paused
from graph.scopes.measures import Engine, WorkspaceMeasures
from graph.scopes.past import HorizonRead, PastScope, PresentRead, read_scope_at
from graph.scopes.read import Scope, ScopeKind, read_scope
from graph.scopes.workspace import WorkspaceGraphCache
from graph.telemetry import ANALYSIS_CACHE

__all__ = ["AnalysisCache", "AnalysisOptions", "ScopeAnalysis", "analyse"]


def _default(function: Callable[..., object], name: str) -> Any:
    """The default of ``function``'s keyword ``name``: one source for every default."""
    return inspect.signature(function).parameters[name].default


@dataclass(frozen=True)
class AnalysisOptions:
    """Knobs of an analysis; all of them are part of the cache key."""

    reports_to_weight: float = _default(influence_graph, "reports_to_weight")
    plan: PlanWeights = field(default_factory=PlanWeights)
    exact_limit: int = _default(brokerage, "exact_limit")
    samples: int = _default(brokerage, "samples")
    seed: int = _default(brokerage, "seed")


@dataclass(frozen=True)
class ScopeAnalysis:
    """Everything measured on one scope."""

    scope: Scope
    G: nx.DiGraph
    K: nx.DiGraph
    ranks: dict[str, float]
    brokerage: BrokerageResult
    degrees: dict[str, tuple[float, float]]
    coverage: Coverage | None
    plan: list[PlanStep] | None
    plan_weights: PlanWeights = field(default_factory=PlanWeights)
    stakes: DealStakes | None = None
    past: PastScope | None = None
    """The facts of a past scope (read with ``at``); ``None`` for today's map."""

    @cached_property
    def ours(self) -> tuple[str, ...]:
        """Our people on the map (:func:`graph.analytics.our_people`), found once per analysis."""
        return our_people(self.G)


def analyse(scope: Scope, options: AnalysisOptions | None = None) -> ScopeAnalysis:
    """Run every measure on ``scope`` (coverage and plan only for a deal)."""
    options = options or AnalysisOptions()
    with gc_paused():  # hundreds of thousands of new objects, none of them garbage
        G = influence_graph(
            scope.people,
            scope.influences,
            scope.reports_to,
            reports_to_weight=options.reports_to_weight,
        )
        K = access_graph(G, scope.knows)
        measures = influence_measures(
            G, exact_limit=options.exact_limit, samples=options.samples, seed=options.seed
        )
        ranks = measures.ranks
        coverage = plan = stakes = None
        if scope.kind == "deal":
            # One route computation for the warnings and the plan.
            opponents = [o.person_id for o in influential_opponents(G, scope.members, ranks)]
            routes = deal_routes(G, K, scope.members, weights=options.plan, opponents=opponents)
            plan = approach_plan(
                G, K, scope.members, weights=options.plan, ranks=ranks, routes=routes
            )
            coverage = deal_coverage(
                G, K, scope.members, ranks=ranks, routes=routes, plan=plan, weights=options.plan
            )
            stakes = deal_stakes(G, scope.members, weights=options.plan)
    return ScopeAnalysis(
        scope,
        G,
        K,
        ranks,
        measures.brokerage,
        measures.degrees,
        coverage,
        plan,
        options.plan,
        stakes,
    )


_Key = tuple[str, ScopeKind, str, AnalysisOptions]


class AnalysisCache:
    """Per-process cache of :class:`ScopeAnalysis`, least recently used first out."""

    def __init__(
        self, *, max_entries: int = 128, ttl_seconds: float = 60.0, engine: Engine = "auto"
    ) -> None:
        self.max_entries = max_entries
        self.ttl_seconds = ttl_seconds
        self._entries: OrderedDict[_Key, tuple[int, float, ScopeAnalysis]] = OrderedDict()
        self._locks: dict[_Key, asyncio.Lock] = {}
        self.computed = 0
        # A whole workspace's influence graph as arrays (cross-account influence at any size).
        self.workspace_graphs = WorkspaceGraphCache(ttl_seconds=ttl_seconds)
        # Whole-workspace measures on the configured engine (the graph above, or GDS).
        self.workspace_measures = WorkspaceMeasures(
            engine, graphs=self.workspace_graphs, ttl_seconds=ttl_seconds
        )

    async def get(
        self,
        ws: WorkspaceStore,
        kind: ScopeKind,
        key: str | None = None,
        options: AnalysisOptions | None = None,
        at: dt.datetime | None = None,
        present: PresentRead | None = None,
        horizon: HorizonRead | None = None,
    ) -> ScopeAnalysis:
        """The analysis of a scope, read and computed only if not cached and current.

        ``at``: the scope as it stood at that moment (:func:`graph.scopes.past.read_scope_at`),
        analysed the same way; ``None`` is today's map. ``present`` and ``horizon``: the present
        scope's read and the history's horizon when several analyses of the same scope share them
        (:func:`graph.scopes.past.present_once`, :func:`~graph.scopes.past.horizon_once`); read
        here otherwise.
        """
        # The caller's role first: a hit runs no statement, so the store's guard would not.
        ws.check()
        options = options or AnalysisOptions()
        moment = "" if at is None else "@" + moment_key(at)
        cache_key: _Key = (ws.workspace, kind, (key or "") + moment, options)
        # One computation per scope at a time: concurrent requests wait for the first.
        async with self._locks.setdefault(cache_key, asyncio.Lock()):
            generation = ws.store.generation(ws.workspace)
            hit = self._entries.get(cache_key)
            if hit and hit[0] == generation and hit[1] > time.monotonic():
                self._entries.move_to_end(cache_key)
                ANALYSIS_CACHE.labels("hit").inc()
                return hit[2]
            ANALYSIS_CACHE.labels("miss").inc()
            past = None
            if at is None:
                scope = await (read_scope(ws, kind, key) if present is None else present())
            else:
                if kind == "workspace" or key is None:
                    raise ValueError("only a deal or an account is read as of a moment")
                past = await read_scope_at(ws, kind, key, at, present, horizon)
                scope = past.scope
            # Graph work is CPU-bound: keep the event loop free for other requests.
            result = await asyncio.to_thread(analyse, scope, options)
            if past is not None:
                result = replace(result, past=past)
            self.computed += 1
            self._entries[cache_key] = (generation, time.monotonic() + self.ttl_seconds, result)
            self._entries.move_to_end(cache_key)
            while len(self._entries) > self.max_entries:
                old, _ = self._entries.popitem(last=False)
                self._locks.pop(old, None)
            return result
