"""Whole-workspace analysis: statusmap's measures vs plain NetworkX and igraph on the same graph.

"ours" is :func:`graph.scopes.cache.analyse` on the workspace scope: influence rank (sparse
PageRank on the reversed graph), brokerage (exact up to 2,000 people, else sampled from 256
sources with a fixed seed) and weighted degrees. The peers compute the same two measures on the
same :class:`networkx.DiGraph`: NetworkX's ``pagerank`` and ``betweenness_centrality`` (with
``k=256`` sources above 2,000 people), igraph's ``pagerank`` and ``betweenness`` (igraph has no
source sampling: exact, and only while that stays under a minute, i.e. up to 5,000 people).
Reading the scope out of Neo4j is timed separately.

A deal analysis (:func:`run_deal_analysis`) is the same on one deal's scope (buying centre,
account, influencers two hops out, our and partners' people) plus coverage and approach plan,
against NetworkX's exact ``betweenness_centrality`` + ``pagerank`` and igraph's on that graph.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

import igraph as ig
import networkx as nx

from graph.database.store import WorkspaceStore
from graph.scopes.cache import AnalysisOptions, analyse
from graph.scopes.read import Scope, read_scope

__all__ = [
    "AnalysisRun",
    "DealAnalysisRun",
    "igraph_peer",
    "median_seconds",
    "networkx_exact_peer",
    "run_analysis",
    "run_deal_analysis",
]

_IGRAPH_BETWEENNESS_LIMIT = 5_000


@dataclass(frozen=True)
class AnalysisRun:
    """Median seconds of each step; ``None`` where a peer was not run at this size."""

    people: int
    edges: int
    read: float
    ours: float
    networkx: float
    igraph: float
    igraph_betweenness: bool


def median_seconds(fn: Callable[[], object], runs: int) -> float:
    """Median wall time of ``runs`` calls of ``fn``."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _networkx(G: nx.DiGraph, options: AnalysisOptions) -> None:
    nx.pagerank(G.reverse(copy=False), alpha=0.85, weight="weight")
    k = None if G.number_of_nodes() <= options.exact_limit else options.samples
    nx.betweenness_centrality(G, k=k, normalized=True, seed=options.seed)


def igraph_peer(G: nx.DiGraph, *, betweenness: bool) -> Callable[[], None]:
    """igraph's PageRank (on the reversed graph) and, if ``betweenness``, exact betweenness."""
    index = {n: i for i, n in enumerate(G)}
    edges = [(index[a], index[b]) for a, b in G.edges()]
    weights = [w for _, _, w in G.edges(data="weight")]
    H = ig.Graph(n=len(index), edges=edges, directed=True)
    H.es["weight"] = weights
    R = H.copy()
    R.reverse_edges()

    def run() -> None:
        R.pagerank(weights="weight", damping=0.85)
        if betweenness:
            H.betweenness(directed=True)

    return run


async def run_analysis(ws: WorkspaceStore, runs: int, nx_runs: int) -> AnalysisRun:
    """Read the workspace scope, then time ours and the peers on it (medians of ``runs``)."""
    started = time.perf_counter()
    scope: Scope = await read_scope(ws, "workspace")
    read = time.perf_counter() - started
    options = AnalysisOptions()
    ours_result = analyse(scope, options)
    G = ours_result.G
    ours = median_seconds(lambda: analyse(scope, options), runs)
    networkx = median_seconds(lambda: _networkx(G, options), nx_runs)
    exact = G.number_of_nodes() <= _IGRAPH_BETWEENNESS_LIMIT
    igraph = median_seconds(igraph_peer(G, betweenness=exact), runs)
    people, edges = G.number_of_nodes(), G.number_of_edges()
    return AnalysisRun(people, edges, read, ours, networkx, igraph, exact)


@dataclass(frozen=True)
class DealAnalysisRun:
    """Median seconds of a deal analysis in process and of its peers on the same graph."""

    people: int
    edges: int
    read: float
    ours: float
    networkx: float
    igraph: float


def networkx_exact_peer(G: nx.DiGraph) -> None:
    """NetworkX's PageRank (on the reversed graph) and exact betweenness."""
    nx.pagerank(G.reverse(copy=False), alpha=0.85, weight="weight")
    nx.betweenness_centrality(G, normalized=True)


async def run_deal_analysis(ws: WorkspaceStore, deal: str, runs: int) -> DealAnalysisRun:
    """Read deal ``deal``'s scope (median of ``runs``), then time ours and the peers on it."""
    reads = []
    for _ in range(runs):
        started = time.perf_counter()
        scope = await read_scope(ws, "deal", deal)
        reads.append(time.perf_counter() - started)
    options = AnalysisOptions()
    G = analyse(scope, options).G
    ours = median_seconds(lambda: analyse(scope, options), runs)
    networkx = median_seconds(lambda: networkx_exact_peer(G), runs)
    igraph = median_seconds(igraph_peer(G, betweenness=True), runs)
    people, edges = G.number_of_nodes(), G.number_of_edges()
    return DealAnalysisRun(people, edges, statistics.median(reads), ours, networkx, igraph)
