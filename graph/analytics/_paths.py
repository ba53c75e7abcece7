"""Strongest paths: the product of edge strengths along a route, the larger the better.

Strengths are in ``[0, 1]``, so a detour never makes a route stronger; the strongest route
with at most ``k`` hops is therefore always a simple path. Ties are broken by fewer hops, then
by the path's ids, so every answer is reproducible.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Container
from itertools import pairwise

import networkx as nx
import numpy as np
from scipy.sparse.csgraph import dijkstra

from graph.analytics.centrality import adjacency_matrix

Path = tuple[str, ...]
Route = tuple[float, Path]

# Added to every hop's -log(strength) so that, of two equally strong routes, the one with fewer
# hops wins; small enough never to outweigh a real difference in strength.
_HOP_EPSILON = 1e-12


def _better(a: Route, b: Route | None) -> bool:
    """Is route ``a`` preferred to ``b``: stronger, then shorter, then smaller ids."""
    if b is None:
        return True
    return (-a[0], len(a[1]), a[1]) < (-b[0], len(b[1]), b[1])


def strongest_paths_into(
    G: nx.DiGraph,
    target: str,
    max_hops: int,
    *,
    attr: str = "weight",
    stops: Container[str] = frozenset(),
) -> dict[str, Route]:
    """Strongest route of at most ``max_hops`` edges from every person who has one to ``target``.

    ``target`` maps to ``(1.0, (target,))``. Edges with a non-positive ``attr`` are no route.
    A person in ``stops`` may start a route but is never passed through.
    """
    best: dict[str, Route] = {target: (1.0, (target,))}
    frontier = [target]
    for _ in range(max_hops):
        proposals: dict[str, Route] = {}
        for u in frontier:
            if u in stops and u != target:
                continue
            strength, path = best[u]
            for v, data in G.pred[u].items():
                w = float(data.get(attr, 1.0))
                if w <= 0.0 or v in path:
                    continue
                route = (strength * w, (v, *path))
                if _better(route, proposals.get(v)) and _better(route, best.get(v)):
                    proposals[v] = route
        if not proposals:
            break
        best.update(proposals)
        frontier = sorted(proposals)
    return best


class AccessGraph:
    """An access graph prepared for strongest-route queries (Dijkstra on ``-log(strength)``).

    Edges with a non-positive strength are no route.
    """

    def __init__(self, K: nx.DiGraph, *, attr: str = "strength") -> None:
        self.nodes: list[str] = list(K)
        self.index: dict[str, int] = {node: i for i, node in enumerate(self.nodes)}
        self._K = K
        self._attr = attr
        lengths = adjacency_matrix(K, self.nodes, attr=attr, default=0.0)
        usable = lengths.data > 0.0
        # Lengths of usable edges are positive (at least _HOP_EPSILON); the others become
        # explicit zeros and are dropped.
        lengths.data = np.where(
            usable, -np.log(np.where(usable, lengths.data, 1.0)) + _HOP_EPSILON, 0.0
        )
        lengths.eliminate_zeros()
        self._lengths = lengths

    def _route(self, path: list[str]) -> Route:
        adj = self._K.adj
        strength = math.prod(float(adj[a][b][self._attr]) for a, b in pairwise(path))
        return strength, tuple(path)

    def routes_from_any(
        self, sources: Collection[str], targets: Collection[str]
    ) -> dict[str, Route]:
        """For each of ``targets`` reachable, the strongest route from any of ``sources``.

        A target that is itself a source maps to ``(1.0, (target,))``.
        """
        starts = sorted({self.index[s] for s in sources})
        if not starts:
            return {}
        _, predecessors, _ = dijkstra(
            self._lengths, directed=True, indices=starts, return_predecessors=True, min_only=True
        )
        routes: dict[str, Route] = {}
        for target in sorted(set(targets)):
            i = self.index[target]
            path = [target]
            while predecessors[i] >= 0:
                i = int(predecessors[i])
                path.append(self.nodes[i])
            if len(path) > 1 or target in sources:
                path.reverse()
                routes[target] = self._route(path)
        return routes

    def routes_into(
        self, targets: Collection[str], sources: Collection[str]
    ) -> dict[str, dict[str, Route]]:
        """For each target, the strongest route from each of ``sources`` that reaches it.

        A source that is the target itself gets ``(1.0, (target,))``.
        """
        wanted = sorted(targets)
        answer: dict[str, dict[str, Route]] = {t: {} for t in wanted}
        if not wanted:
            return answer
        rows = [self.index[t] for t in wanted]
        # Dijkstra from each target over the reversed graph: predecessors[k, i] is the person
        # after i on the strongest route from i to target k.
        _, predecessors = dijkstra(
            self._lengths.T.tocsr(), directed=True, indices=rows, return_predecessors=True
        )
        source_rows = sorted(self.index[s] for s in set(sources))
        for k, target in enumerate(wanted):
            for i in source_rows:
                if i == rows[k]:
                    answer[target][target] = (1.0, (target,))
                    continue
                if predecessors[k, i] < 0:
                    continue
                path = [self.nodes[i]]
                j = i
                while j != rows[k]:
                    j = int(predecessors[k, j])
                    path.append(self.nodes[j])
                answer[target][self.nodes[i]] = self._route(path)
        return answer
