"""Whole-workspace measures where the data lives: Neo4j's Graph Data Science library (GDS).

The influence graph of a whole workspace is projected into the server's GDS catalog with a
Cypher projection (``queries/gds/project.cypher``: the workspace's people, influence edges
reversed, the REPORTS_TO rule with its weight), the measures run there once per projection and
stay on it as node properties, and only the answer leaves the database: the first ``k`` people,
or the scores of the people asked for.

A projection is named from a digest of the workspace and the REPORTS_TO weight, this process's
token, and the workspace's write generation (:func:`projection_name`); it is dropped and made
again when the generation changes or after ``ttl_seconds`` (another process's writes), as the
analysis cache does. Its statement matches only the workspace's people, so no projection holds
another workspace's nodes.

Equal answers
    *Influence rank.* GDS's PageRank gives ``y = (1 - d) 1 + d P^T y`` with the mass of people
    nobody influences lost; the Python engine (:func:`~graph.analytics.pagerank_vector`) spreads
    that mass evenly. Both the teleport and the spread mass go to everyone equally, so the two
    fixed points are proportional: ``x = c (I - d P^T)^{-1} 1`` for a scalar ``c``. Scaled to
    sum 1 (the ``L1Norm`` scaler) they are the same vector; what is left is each engine's
    stopping rule, and with GDS's tolerance at the Python engine's (per person, not summed) the
    two agree far below 1e-6 (``tests/integration/test_gds_engine.py``).

    *Brokerage.* GDS's betweenness on hop counts (no weight) is Brandes' sum over sources;
    divided by ``(n - 1)(n - 2)`` it is the Python engine's, both exact. Above the exact limit
    the Python engine samples its sources uniformly; GDS 2.13 has no such sampling: its
    ``samplingSize`` takes each node, in node order, with a chance proportional to its degree
    until the quota is full, so the first nodes and the well connected are over-represented and
    the sums cannot be rescaled into an estimate; against the exact values its ranking is far
    worse than the Python engine's uniform draw (``benchmarks/RESULTS-gds.md``). So GDS computes
    brokerage only where it is exact; above the limit the measures module keeps brokerage on the
    Python engine.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import secrets
import time
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from graph.analytics.centrality import InfluenceRankNotConverged
from graph.database.store import Store, WorkspaceStore
from graph.errors import ConfigurationError

__all__ = [
    "GdsProjections",
    "Measure",
    "Projection",
    "RankSettings",
    "ScoredPeople",
    "brokerage_scale",
    "gds_missing",
    "measure",
    "projection_name",
    "scores",
]

Measure = Literal["rank", "brokerage"]

PROCESS_TOKEN = secrets.token_hex(4)
"""Tells this process's projections from another's: write generations are counted per process."""


def projection_name(
    workspace: str, generation: int, *, reports_to_weight: float, process: str = PROCESS_TOKEN
) -> str:
    """The GDS graph name of ``workspace`` at ``generation``: no user text, only a digest.

    Examples
    --------
    >>> name = projection_name("demo", 3, reports_to_weight=0.5, process="p1")
    >>> name.startswith("statusmap-") and name.endswith("-p1-3"), len(name)
    (True, 35)
    >>> name == projection_name("demo", 4, reports_to_weight=0.5, process="p1")
    False
    """
    digest = hashlib.sha256(json.dumps([workspace, reports_to_weight]).encode()).hexdigest()
    return f"statusmap-{digest[:20]}-{process}-{generation}"


def gds_missing(uri: str | None = None) -> ConfigurationError:
    """The error for ``STATUSMAP_ANALYTICS_ENGINE=gds`` on a server without GDS."""
    where = f"the Neo4j at {uri}" if uri else "the Neo4j server"
    return ConfigurationError(
        f"STATUSMAP_ANALYTICS_ENGINE=gds, but {where} has no Graph Data Science library "
        "(no gds.version()). Set STATUSMAP_NEO4J_GDS=true for the local server, install the "
        "GDS plugin on yours (or use AuraDS), or set STATUSMAP_ANALYTICS_ENGINE=auto or python."
    )


@dataclass(frozen=True)
class ScoredPeople:
    """Scores of people by id, and how they were obtained.

    ``exact`` is false for sampled brokerage; ``samples_used`` is the number of sources then
    (the number of people when exact). ``people`` is the size of the projection.
    """

    values: dict[str, float]
    people: int
    exact: bool = True
    samples_used: int = 0


@dataclass
class Projection:
    """One workspace's graph in the GDS catalog, and the measures already stored on it."""

    name: str
    generation: int
    expires: float
    people: int
    edges: int
    measured: dict[Measure, ScoredPeople] = field(default_factory=dict)
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)


@dataclass(frozen=True)
class RankSettings:
    """PageRank's settings, the Python engine's (:func:`~graph.analytics.pagerank_vector`)."""

    alpha: float = 0.85
    tolerance: float = 1e-10
    max_iterations: int = 1000


class GdsProjections:
    """This process's GDS projections, one per (workspace, REPORTS_TO weight), kept current.

    ``max_entries`` projections at a time; the least recently used is dropped from the server
    when one more is needed.
    """

    def __init__(self, *, max_entries: int = 4, ttl_seconds: float = 60.0) -> None:
        self.max_entries = max_entries
        self.ttl_seconds = ttl_seconds
        self._entries: OrderedDict[tuple[str, float], Projection] = OrderedDict()
        self._locks: dict[tuple[str, float], asyncio.Lock] = {}
        self.projected = 0

    async def projection(self, ws: WorkspaceStore, *, reports_to_weight: float) -> Projection:
        """The current projection of ``ws``'s workspace, made (the old one dropped) if needed."""
        ws.check()  # the caller's role first: a hit runs no statement, so the guard would not
        key = (ws.workspace, reports_to_weight)
        async with self._locks.setdefault(key, asyncio.Lock()):
            generation = ws.store.generation(ws.workspace)
            hit = self._entries.get(key)
            if hit and hit.generation == generation and hit.expires > time.monotonic():
                self._entries.move_to_end(key)
                return hit
            if hit is not None:
                del self._entries[key]
                await _drop(ws.store, hit.name)
            name = projection_name(ws.workspace, generation, reports_to_weight=reports_to_weight)
            await _drop(ws.store, name)  # left by an earlier run that stopped half way
            row = (
                await ws.bulk().compute(
                    "gds/project", {"graph": name, "reports_to_weight": reports_to_weight}
                )
            )[0]
            self.projected += 1
            projection = Projection(
                name,
                generation,
                time.monotonic() + self.ttl_seconds,
                int(row["nodes"]),
                int(row["edges"]),
            )
            self._entries[key] = projection
            while len(self._entries) > self.max_entries:
                old_key, old = self._entries.popitem(last=False)
                self._locks.pop(old_key, None)
                await _drop(ws.store, old.name)
            return projection

    async def close(self, store: Store) -> None:
        """Drop every projection of this process from the server."""
        while self._entries:
            _, old = self._entries.popitem()
            await _drop(store, old.name)


async def _drop(store: Store, name: str) -> None:
    await store.bulk().compute("gds/drop", {"graph": name})


async def measure(
    ws: WorkspaceStore,
    projection: Projection,
    which: Measure,
    *,
    rank: RankSettings | None = None,
) -> ScoredPeople:
    """Store measure ``which`` on ``projection`` (once): influence rank, or exact brokerage."""
    async with projection.lock:
        done = projection.measured.get(which)
        if done is not None:
            return done
        bulk = ws.bulk()
        n = projection.people
        if which == "rank":
            settings = rank or RankSettings()
            row = (
                await bulk.compute(
                    "gds/influence_rank",
                    {
                        "graph": projection.name,
                        "alpha": settings.alpha,
                        "tolerance": settings.tolerance,
                        "max_iterations": settings.max_iterations,
                    },
                )
            )[0]
            if not row["converged"]:
                raise InfluenceRankNotConverged(
                    f"influence rank did not converge in {settings.max_iterations} iterations "
                    f"in GDS (tolerance {settings.tolerance}); raise max_iterations or tolerance"
                )
            done = ScoredPeople({}, n, True, n)
        else:
            await bulk.compute("gds/brokerage", {"graph": projection.name})
            done = ScoredPeople({}, n, True, n)
        projection.measured[which] = done
        return done


def brokerage_scale(people: int) -> float:
    """The factor from GDS's exact betweenness sums to the Python engine's normalised brokerage."""
    return 1.0 / ((people - 1) * (people - 2)) if people >= 3 else 0.0


async def scores(
    ws: WorkspaceStore,
    projection: Projection,
    which: Measure,
    *,
    first: int | None = None,
    people: Sequence[str] | None = None,
) -> dict[str, float]:
    """Measure ``which`` of the ``first`` people with the largest, or of ``people``, raw."""
    bulk = ws.bulk()
    if people is not None:
        rows = await bulk.compute(
            "gds/scores", {"graph": projection.name, "property": which, "ids": list(people)}
        )
    else:
        rows = await bulk.compute(
            "gds/top",
            {"graph": projection.name, "property": which, "first": first or projection.people},
        )
    return {str(r["id"]): float(r["value"]) for r in rows}
