"""Strongest paths: the product of edge strengths along a route, the larger the better.

Strengths are in ``[0, 1]``, so a detour never makes a route stronger; the strongest route
with at most ``k`` hops is therefore always a simple path. Ties are broken by fewer hops, then
by the path's ids, so every answer is reproducible.
"""

from __future__ import annotations

from collections.abc import Container

import networkx as nx

Path = tuple[str, ...]
Route = tuple[float, Path]


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
