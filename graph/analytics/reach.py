"""Reach: the probability that a person's view reaches each decider (independent cascade).

Under the *independent cascade* model each influence edge ``a -> b`` of weight ``w`` is *live*
with probability ``w``, independently of the others; ``a``'s view reaches ``b`` when a path of
live edges runs from ``a`` to ``b``. As for leverage, influence is taken to travel at most
``max_hops`` edges (default 3), so the probability is that of a live path of at most
``max_hops`` edges.

Only the *relevant* edges matter: those on some path of at most ``max_hops`` edges from the
source to a target. With ``m`` of them:

* ``m <= exact_limit`` (default 16): **exact** -- every one of the ``2**m`` live-edge worlds is
  enumerated and weighted by its probability;
* above: **Monte Carlo** -- ``samples`` worlds (default 4000) drawn with a fixed ``seed``; the
  answer reports the largest standard error over the targets, ``sqrt(p (1 - p) / samples)``.

Both run the same propagation: a matrix of worlds by people, the source reached in every world,
then ``max_hops`` rounds in which a person is reached when a live edge leads to them from
someone reached in the round before.

Example, solved by hand: ``a -> b`` 0.5, ``b -> d`` 0.4 and ``a -> d`` 0.3. ``d`` is missed only
when the direct edge is dead (0.7) and the two-step path is dead (1 - 0.5 * 0.4 = 0.8):
``P = 1 - 0.7 * 0.8 = 0.44``.
"""

from __future__ import annotations

import math
from collections.abc import Collection
from dataclasses import dataclass

import networkx as nx
import numpy as np

__all__ = ["Reach", "reach_probabilities"]


@dataclass(frozen=True, slots=True)
class Reach:
    """Probabilities that ``source``'s view reaches each target.

    ``exact`` tells enumeration from sampling; ``samples`` is 0 when exact and ``error`` the
    largest standard error over the targets (0 when exact). ``edges`` is the number of
    relevant edges.
    """

    source: str
    probabilities: dict[str, float]
    exact: bool
    samples: int
    error: float
    edges: int


def _relevant_edges(
    G: nx.DiGraph, source: str, targets: Collection[str], max_hops: int
) -> list[tuple[str, str, float]]:
    """Edges on some path of at most ``max_hops`` edges from ``source`` to a target."""
    forward = nx.single_source_shortest_path_length(G, source, cutoff=max_hops)
    backward: dict[str, int] = {}
    reverse = G.reverse(copy=False)
    for t in targets:
        if t not in G:
            continue
        for node, d in nx.single_source_shortest_path_length(reverse, t, cutoff=max_hops).items():
            backward[node] = min(d, backward.get(node, d))
    # The graph's own adjacency dicts: the views cost more than the work on a large scope.
    successors = G._succ
    edges = []
    for u, hops in forward.items():
        budget = max_hops - hops - 1
        for v, data in successors[u].items():
            back = backward.get(v)
            if back is None or back > budget or v == source:
                continue
            weight = float(data.get("weight", 1.0))
            if weight > 0.0:
                edges.append((u, v, weight))
    edges.sort()
    return edges


def reach_probabilities(
    G: nx.DiGraph,
    source: str,
    targets: Collection[str],
    *,
    max_hops: int = 3,
    exact_limit: int = 16,
    samples: int = 4000,
    seed: int = 0,
) -> Reach:
    """Probability that ``source``'s view reaches each of ``targets`` (module docstring).

    Parameters
    ----------
    G : networkx.DiGraph
        Influence graph; edge ``weight`` in ``[0, 1]`` is the probability the edge is live.
    source : str
        The person whose view spreads.
    targets : collection of str
        The people it should reach (a source among them reaches itself with probability 1).
    max_hops : int, default 3
        Longest path counted.
    exact_limit : int, default 16
        Largest number of relevant edges enumerated exactly.
    samples : int, default 4000
        Worlds drawn above the limit.
    seed : int, default 0
        Seed of the sampling.

    Returns
    -------
    Reach

    Examples
    --------
    >>> G = nx.DiGraph()
    >>> G.add_weighted_edges_from([("a", "b", 0.5), ("b", "d", 0.4), ("a", "d", 0.3)])
    >>> r = reach_probabilities(G, "a", ["d", "b"])
    >>> round(r.probabilities["d"], 10), round(r.probabilities["b"], 10), r.exact
    (0.44, 0.5, True)
    """
    wanted = sorted(set(targets))
    edges = _relevant_edges(G, source, wanted, max_hops)
    m = len(edges)
    people = sorted({source} | {u for u, _, _ in edges} | {v for _, v, _ in edges})
    index = {p: i for i, p in enumerate(people)}
    w = np.array([weight for _, _, weight in edges], dtype=float)
    exact = m <= exact_limit
    if exact:
        worlds = (np.arange(2**m)[:, None] >> np.arange(m)) & 1 == 1
        weights = np.prod(np.where(worlds, w, 1.0 - w), axis=1)
    else:
        rng = np.random.default_rng(seed)
        worlds = rng.random((samples, m)) < w
        weights = np.full(samples, 1.0 / samples)
    reached = np.zeros((worlds.shape[0], len(people)), dtype=bool)
    reached[:, index[source]] = True
    heads = [index[u] for u, _, _ in edges]
    tails = [index[v] for _, v, _ in edges]
    for _ in range(max_hops):
        before = reached.copy()
        for e in range(m):
            reached[:, tails[e]] |= before[:, heads[e]] & worlds[:, e]
        if np.array_equal(before, reached):
            break
    # Clipped: a sum of many world weights can stray past 1 by a rounding error.
    probabilities = {
        t: (min(1.0, max(0.0, float(weights @ reached[:, index[t]]))) if t in index else 0.0)
        for t in wanted
    }
    error = 0.0
    if not exact:
        error = max(
            (math.sqrt(p * (1.0 - p) / samples) for p in probabilities.values()), default=0.0
        )
    return Reach(source, probabilities, exact, 0 if exact else samples, error, m)
