"""Whole-workspace measures where the data lives: Neo4j's Graph Data Science library (GDS).

The influence graph of a whole workspace is projected into the server's GDS catalog with a
native projection (``queries/gds/project.cypher``: the people carrying the workspace's own label,
influence edges reversed, the REPORTS_TO rule with its weight), the measures run there once per
projection and stay on it as node properties, and only the answer leaves the database: the first
``k`` people, or the scores of the people asked for.

The projection reads the REPORTS_TO rule's outcome from the lines themselves: every statement
that writes INFLUENCES or REPORTS_TO keeps it
(``queries/fragments/reporting_influence.cypher``), and the configured weight is the default of
the value a counting line does not store, so a settings change needs no rewrite. The workspace's
label (:func:`workspace_label`) is put on its people before each projection, in batches (a read
only, once everyone has it). Brokerage runs on the projection filtered to the design's edges
(``queries/gds/brokerage.cypher``): an edge of weight 0.0 moves no rank but adds shortest paths.

A projection is named from a digest of the workspace and the REPORTS_TO weight, this process's
token, and the workspace's write generation (:func:`projection_name`); it is dropped and made
again when the generation changes or ``ttl_seconds`` after it was made or last measured (another
process's writes), as the analysis cache does. Its nodes are only the people with the
workspace's label, so no projection holds another workspace's nodes.

Equal answers
    *Influence rank.* GDS's PageRank gives ``y = (1 - d) 1 + d P^T y`` with the mass of people
    nobody influences lost; the Python engine (:func:`~graph.analytics.pagerank_vector`) spreads
    that mass evenly. Both the teleport and the spread mass go to everyone equally, so the two
    fixed points are proportional: ``x = c (I - d P^T)^{-1} 1`` for a scalar ``c``. Scaled to
    sum 1 (the ``L1Norm`` scaler) they are the same vector; what is left is each engine's
    stopping rule. The Python engine stops when the scores (summing to 1) change by less than
    its tolerance per person on average; GDS stops when every person's unscaled score changes by
    less than its tolerance, and the unscaled scores sum to at least ``(1 - d) n``. So GDS is
    given the Python engine's tolerance times ``(1 - d) n`` (:func:`gds_tolerance`): each
    person's scaled score then moves by less than the Python engine's tolerance, as strict a
    rule as the Python engine's, and the two agree far below 1e-6
    (``tests/integration/test_gds_engine.py``). The same tolerance unscaled would make GDS run
    several times the iterations for digits nobody reads (``benchmarks/RESULTS-gds.md``).

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
from graph.errors import ConfigurationError, TryAgainLater

__all__ = [
    "GdsMemoryExceeded",
    "GdsProjections",
    "Measure",
    "Projection",
    "RankSettings",
    "ScoredPeople",
    "brokerage_scale",
    "gds_missing",
    "gds_tolerance",
    "label_people",
    "measure",
    "projection_name",
    "scores",
    "workspace_label",
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


def workspace_label(workspace: str) -> str:
    """The label of ``workspace``'s people that its native projection reads: a digest, no user text.

    Examples
    --------
    >>> workspace_label("demo") == workspace_label("demo"), workspace_label("demo")[:10]
    (True, 'Workspace_')
    >>> workspace_label("demo") != workspace_label("demo2")
    True
    """
    return f"Workspace_{hashlib.sha256(workspace.encode()).hexdigest()[:24]}"


LABEL_BATCH = 20_000
"""People labelled per transaction, so that a first projection of a million people stays within
the heap."""


async def label_people(ws: WorkspaceStore) -> int:
    """Give every person of ``ws``'s workspace the workspace's label; how many lacked it.

    One read of the workspace's people when nobody lacks it (0.2 s at 100,000 people:
    ``benchmarks/RESULTS-gds.md``; counting the label instead took longer, a dynamic label
    has no count-store shortcut).
    """
    label, done = workspace_label(ws.workspace), 0
    while True:
        row = (await ws.maintain("gds/label_people", {"label": label, "batch": LABEL_BATCH}))[0]
        done += int(row["labelled"])
        if int(row["labelled"]) < LABEL_BATCH:
            return done


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
    ttl_seconds: float = 60.0
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
    when one more is needed. Before a projection is made, GDS estimates what it and PageRank on
    it take (``queries/gds/estimate.cypher``, the GDS manual's ``.estimate`` on the workspace's
    counts): above ``heap_share`` of the server's heap, less what the catalog's graphs already
    hold, it is refused (:class:`GdsMemoryExceeded`) rather than run into an out-of-memory error.
    """

    def __init__(
        self, *, max_entries: int = 4, ttl_seconds: float = 60.0, heap_share: float = 0.8
    ) -> None:
        self.max_entries = max_entries
        self.ttl_seconds = ttl_seconds
        self.heap_share = heap_share
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
            await self._check_memory(ws)
            await label_people(ws.bulk())
            row = (
                await ws.bulk().compute(
                    "gds/project",
                    {
                        "graph": name,
                        "label": workspace_label(ws.workspace),
                        "reports_to_weight": reports_to_weight,
                    },
                )
            )[0]
            self.projected += 1
            projection = Projection(
                name,
                generation,
                time.monotonic() + self.ttl_seconds,
                int(row["nodes"]),
                int(row["edges"]),
                self.ttl_seconds,
            )
            self._entries[key] = projection
            while len(self._entries) > self.max_entries:
                old_key, old = self._entries.popitem(last=False)
                self._locks.pop(old_key, None)
                await _drop(ws.store, old.name)
            return projection

    async def _check_memory(self, ws: WorkspaceStore) -> None:
        """Refuse before projecting what GDS estimates would not fit in the server's heap."""
        row = (await ws.bulk().compute("gds/estimate"))[0]
        need, heap, held = int(row["bytes"]), int(row["heap"]), int(row["held"])
        room = int(heap * self.heap_share) - held
        if need > room:
            raise GdsMemoryExceeded(
                f"influence rank in Graph Data Science needs about {_gib(need)} of the Neo4j "
                f"heap for this workspace ({row['people']:,} people, up to {row['edges']:,} "
                f"edges); {_gib(max(room, 0))} of the server's {_gib(heap)} heap is free for it "
                f"({_gib(held)} held by other projections). Raise the server's heap "
                "(server.memory.heap.max_size; STATUSMAP_NEO4J_HEAP for the local server) or set "
                "STATUSMAP_ANALYTICS_ENGINE=python."
            )

    async def close(self, store: Store) -> None:
        """Drop every projection of this process from the server."""
        while self._entries:
            _, old = self._entries.popitem()
            await _drop(store, old.name)


class GdsMemoryExceeded(TryAgainLater):
    """The workspace's projection would not fit in the Neo4j heap now (GDS's own estimate)."""

    code = "analytics_memory"


def _gib(n: int) -> str:
    return f"{n / 1024**3:.2f} GiB"


def _hops(name: str) -> str:
    """The graph that brokerage runs on: projection ``name`` filtered to the design's edges."""
    return f"{name}-hops"


async def _drop(store: Store, name: str) -> None:
    """Drop projection ``name`` and the graph filtered from it for brokerage, if any."""
    for graph in (name, _hops(name)):
        await store.bulk().compute("gds/drop", {"graph": graph})


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
        if n == 0:
            done = ScoredPeople({}, 0, True, 0)  # no one to rank: GDS would call it unconverged
        elif which == "rank":
            settings = rank or RankSettings()
            row = (
                await bulk.compute(
                    "gds/influence_rank",
                    {
                        "graph": projection.name,
                        "alpha": settings.alpha,
                        "tolerance": gds_tolerance(settings.tolerance, n, settings.alpha),
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
            await bulk.compute(
                "gds/brokerage", {"graph": projection.name, "hops": _hops(projection.name)}
            )
            done = ScoredPeople({}, n, True, n)
        projection.measured[which] = done
        # The lifetime counts from the last measure's end: a measure longer than the lifetime
        # (PageRank on a million people) must not leave a projection that is stale on arrival.
        projection.expires = max(projection.expires, time.monotonic() + projection.ttl_seconds)
        return done


def gds_tolerance(tolerance: float, people: int, alpha: float) -> float:
    """GDS's PageRank tolerance as strict as the Python engine's ``tolerance`` (module docstring).

    GDS compares each person's unscaled score, which sums to at least ``(1 - alpha) people``.

    >>> round(gds_tolerance(1e-10, 100_000, 0.85), 12)
    1.5e-06
    """
    return tolerance * max(people, 1) * (1.0 - alpha)


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
    if projection.people == 0:
        return {}  # nothing was measured (see measure)
    bulk = ws.bulk()
    graph = projection.name if which == "rank" else _hops(projection.name)
    if people is not None:
        rows = await bulk.compute(
            "gds/scores", {"graph": graph, "property": which, "ids": list(people)}
        )
    else:
        rows = await bulk.compute(
            "gds/top", {"graph": graph, "property": which, "first": first or projection.people}
        )
    return {str(r["id"]): float(r["value"]) for r in rows}
