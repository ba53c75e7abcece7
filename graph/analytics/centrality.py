"""Who is listened to, who brokers, and how much influence flows in and out of each person.

Influence rank
    Weighted PageRank (``alpha`` 0.85) on the *reversed* influence graph: a person is
    important when important people's views are moved by theirs. Power iteration on a
    ``scipy.sparse`` matrix; it reproduces ``nx.pagerank(G.reverse(), alpha, weight="weight")``
    including its treatment of people nobody listens to (dangling nodes spread their rank
    uniformly) and its stopping rule.

Brokerage
    Normalised directed betweenness on hop counts, computed with Brandes' algorithm
    vectorised over batches of sources: a level-synchronous breadth-first search pushes a
    ``(n, batch)`` array of shortest-path counts through the sparse adjacency matrix, then
    the dependencies are accumulated backwards one level at a time. Up to ``exact_limit``
    people the result equals ``nx.betweenness_centrality(G, normalized=True, weight=None)``
    (to rounding). Above it, ``samples`` source pivots are drawn with
    ``random.Random(seed).sample(list(G), samples)`` -- the same draw networkx makes -- and the
    partial sums are rescaled as networkx does for ``k`` pivots, so the sampled result equals
    ``nx.betweenness_centrality(G, k=samples, seed=seed, normalized=True, weight=None)``.

    The sampled estimate's accuracy (top-k overlap with the exact values) and its cost are
    measured by ``python -m benchmarks.analytics_core --accuracy``; the figures are in
    ``benchmarks/RESULTS-brokerage-accuracy.md``. Defaults: ``exact_limit=2000, samples=512``.
"""

from __future__ import annotations

import os
import random
from collections.abc import Hashable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from graph.errors import StatusmapError

__all__ = [
    "BrokerageResult",
    "InfluenceMeasures",
    "InfluenceRankNotConverged",
    "adjacency_matrix",
    "brokerage",
    "brokerage_sources",
    "brokerage_vector",
    "influence_measures",
    "influence_rank",
    "pagerank_vector",
    "weighted_degree",
]

FloatArray = npt.NDArray[np.float64]

# Sources per Brandes batch. Measured on the benchmark graphs of 300 to 5,000 people: 32-64 is
# fastest on an idle machine, 32 clearly so when other work competes for the cache; beyond 64
# the time per source nearly doubles. Graphs of up to 128 people are done in one batch.
_BATCH_SOURCES = 32
_ONE_BATCH_UP_TO = 128
# influence_measures runs brokerage's batches on two threads up to this many people; above it,
# one batch's arrays are big enough that holding two at once is not worth the time saved.
_TWO_THREADS_UP_TO = 50_000


class InfluenceRankNotConverged(StatusmapError, ArithmeticError):
    """Power iteration did not reach the tolerance within ``max_iter`` steps."""

    code = "influence_rank_not_converged"


@dataclass(frozen=True, slots=True)
class BrokerageResult:
    """Betweenness per person and how it was obtained.

    Attributes
    ----------
    values : dict of str to float
        Normalised directed betweenness per person id.
    exact : bool
        ``True`` when every person was a source; ``False`` when pivots were sampled.
    samples_used : int
        Number of source pivots (the number of people when exact).
    """

    values: dict[str, float]
    exact: bool
    samples_used: int


def _weighted_adjacency(G: nx.DiGraph, nodes: Sequence[Hashable]) -> sp.csr_array:
    """CSR matrix with ``A[i, j]`` = weight of ``nodes[i] -> nodes[j]`` (1 when missing)."""
    return adjacency_matrix(G, nodes)


def adjacency_matrix(
    G: nx.DiGraph, nodes: Sequence[Hashable], *, attr: str = "weight", default: float = 1.0
) -> sp.csr_array:
    """CSR matrix with ``A[i, j]`` = ``attr`` of ``nodes[i] -> nodes[j]`` (``default`` if unset).

    Every edge is stored, whatever its value; column indices are sorted within each row.
    """
    index = {node: i for i, node in enumerate(nodes)}
    n = len(nodes)
    m = G.number_of_edges()
    # 32-bit indices make the sparse products measurably faster; fall back when too large.
    index_type = np.int32 if max(n, m) < np.iinfo(np.int32).max else np.int64
    # Row by row, with the per-edge work in C (map, fromiter): a Python loop over every edge
    # costs more than the PageRank it feeds on maps of tens of thousands of edges.
    adjacency = [G.adj[node] for node in nodes]
    counts = np.fromiter(map(len, adjacency), dtype=index_type, count=n)
    indptr = np.zeros(n + 1, dtype=index_type)
    np.cumsum(counts, out=indptr[1:])
    cols = np.fromiter(
        (index[b] for neighbours in adjacency for b in neighbours), dtype=index_type, count=m
    )
    data = np.fromiter(
        (a.get(attr, default) for neighbours in adjacency for a in neighbours.values()),
        dtype=np.float64,
        count=m,
    )
    A = sp.csr_array((data, cols, indptr), shape=(n, n))
    A.sum_duplicates()  # sorts the column indices of each row, as the COO route did
    return A


def influence_rank(
    G: nx.DiGraph,
    *,
    alpha: float = 0.85,
    tol: float = 1e-10,
    max_iter: int = 1000,
) -> dict[str, float]:
    """Weighted PageRank on the reversed influence graph: who is listened to.

    Parameters
    ----------
    G : networkx.DiGraph
        Influence graph; edge ``a -> b`` (``weight``, default 1) means ``a`` moves ``b``.
    alpha : float, default 0.85
        Damping factor.
    tol : float, default 1e-10
        Stop when the L1 change of the rank vector is below ``len(G) * tol``.
    max_iter : int, default 1000
        Give up after this many iterations.

    Returns
    -------
    dict of str to float
        Rank per person, summing to 1 (empty for an empty graph).

    Raises
    ------
    InfluenceRankNotConverged
        When ``max_iter`` iterations do not reach the tolerance.

    Notes
    -----
    With ``W`` the weighted adjacency of ``G`` and ``s_j`` the total weight of influence on
    ``j`` (its in-strength), one step is
    ``x'_i = alpha * (sum_j W_ij x_j / s_j + sum_{s_j = 0} x_j / n) + (1 - alpha) / n``:
    a person passes their rank to those who influence them, in proportion to the weights, and
    people influenced by nobody spread theirs evenly, as in ``networkx.pagerank``.

    Examples
    --------
    The chain ``a -> b -> c``: ``c`` listens to ``b``, who listens to ``a``.

    >>> G = nx.DiGraph([("a", "b"), ("b", "c")])
    >>> {k: round(v, 4) for k, v in influence_rank(G).items()}
    {'a': 0.4744, 'b': 0.3412, 'c': 0.1844}
    """
    nodes = list(G)
    if not nodes:
        return {}
    x = pagerank_vector(_weighted_adjacency(G, nodes), alpha=alpha, tol=tol, max_iter=max_iter)
    return dict(zip(nodes, x.tolist(), strict=True))


def pagerank_vector(
    W: sp.csr_array, *, alpha: float = 0.85, tol: float = 1e-10, max_iter: int = 1000
) -> FloatArray:
    """:func:`influence_rank` on a weighted adjacency matrix (``W[i, j]``: weight of i -> j).

    The rank vector in the order of ``W``'s rows, summing to 1; for graphs held as arrays
    (a whole workspace) rather than as a :class:`networkx.DiGraph`.
    """
    n = W.shape[0]
    in_strength = np.asarray(W.sum(axis=0), dtype=np.float64).ravel()
    dangling = in_strength == 0
    inv = np.zeros(n)
    inv[~dangling] = 1.0 / in_strength[~dangling]

    x = np.full(n, 1.0 / n)
    teleport = (1.0 - alpha) / n
    for _ in range(max_iter):
        previous = x
        x = alpha * (W @ (x * inv) + previous[dangling].sum() / n) + teleport
        if np.abs(x - previous).sum() < n * tol:
            return np.asarray(x / x.sum(), dtype=np.float64)
    raise InfluenceRankNotConverged(
        f"influence rank did not converge in {max_iter} iterations (tol={tol}); "
        "raise max_iter or tol"
    )


def _brandes_dependencies(
    A: sp.csr_array, AT: sp.csr_array, sources: npt.NDArray[np.intp]
) -> FloatArray:
    """Sum over ``sources`` of Brandes' dependencies ``delta_s(v)`` (``delta_s(s)`` excluded).

    ``A`` is the 0/1 adjacency (``A[v, w] = 1`` for ``v -> w``) and ``AT`` its transpose, both
    CSR, so that each level costs one sparse-times-dense product over the whole batch.
    """
    n = A.shape[0]
    batch = len(sources)
    columns = np.arange(batch)
    sigma = np.zeros((n, batch))
    sigma[sources, columns] = 1.0
    # Distances from each source (-1: not reached). A small integer type keeps the arrays the
    # backward pass reads in cache; distances never exceed n - 1.
    dist = np.full((n, batch), -1, dtype=np.int16 if n < np.iinfo(np.int16).max else np.int32)
    dist[sources, columns] = 0

    # Forward: breadth-first, level by level; the frontier holds the shortest-path counts of
    # the people first reached at the current depth. Level 1 is read straight off the
    # sources' rows rather than paying for a full product.
    frontier = A[sources].T.toarray()
    frontier *= sigma == 0.0
    sigma += frontier
    np.copyto(dist, 1, where=frontier > 0)
    depth = 1 if frontier.any() else 0
    while depth:
        reached = AT @ frontier
        reached *= dist < 0
        if not reached.any():
            break
        depth += 1
        sigma += reached
        np.copyto(dist, depth, where=reached > 0)
        frontier = reached
    if depth == 0:
        return np.zeros(n)

    # Backward, with g(v) = (1 + delta(v)) / sigma(v) for v reached: Brandes' recurrence
    # delta(v) = sigma(v) * sum of g(w) over successors w one level deeper becomes
    # g(v) = 1 / sigma(v) + (A @ g_next)(v) on v's level, and delta(v) = sigma(v) g(v) - 1.
    # Levels are disjoint, so one array holds g for all of them; level 0 (the sources, whose
    # own dependency is not betweenness) is never filled.
    inv_sigma = np.divide(1.0, sigma, out=np.zeros_like(sigma), where=sigma > 0)
    g_next = (dist == depth) * inv_sigma
    g = g_next.copy()
    for level in range(depth - 1, 0, -1):
        g_next = A @ g_next
        g_next += inv_sigma
        g_next *= dist == level
        g += g_next
    delta = (sigma * g).sum(axis=1) - np.count_nonzero(g, axis=1)
    return np.asarray(delta, dtype=np.float64)


def brokerage(
    G: nx.DiGraph,
    *,
    exact_limit: int = 2000,
    samples: int = 512,
    seed: int = 0,
) -> BrokerageResult:
    """Normalised directed betweenness on hop counts: who sits on the short routes.

    Shortest paths count hops and ignore ``weight``: influence weights are strengths (higher
    is closer), not distances, and turning them into lengths would need an arbitrary
    transform. Hop counts answer the question a planner asks -- through whom does word travel
    fastest -- and keep the measure comparable across accounts.

    Parameters
    ----------
    G : networkx.DiGraph
        Influence graph.
    exact_limit : int, default 2000
        Compute exactly (every person a source) up to this many people.
    samples : int, default 512
        Number of source pivots above ``exact_limit`` (at least 2); exact if it is ``>= n``.
    seed : int, default 0
        Seed of the pivot draw; the same seed gives the same pivots and values.

    Returns
    -------
    BrokerageResult
        Values equal to ``nx.betweenness_centrality(G, normalized=True, weight=None)`` when
        exact, and to the same call with ``k=samples, seed=seed`` when sampled.

    Examples
    --------
    In the chain ``a -> b -> c`` only ``b`` is between two others, on 1 of the 2 ordered pairs
    that exclude it.

    >>> brokerage(nx.DiGraph([("a", "b"), ("b", "c")])).values
    {'a': 0.0, 'b': 0.5, 'c': 0.0}
    """
    nodes = list(G)
    sources, exact = brokerage_sources(nodes, exact_limit=exact_limit, samples=samples, seed=seed)
    if len(nodes) < 3 or G.number_of_edges() == 0:
        return BrokerageResult(dict.fromkeys(nodes, 0.0), exact, len(sources))
    totals = brokerage_vector(_weighted_adjacency(G, nodes), sources, exact=exact)
    return BrokerageResult(dict(zip(nodes, totals.tolist(), strict=True)), exact, len(sources))


def brokerage_sources(
    nodes: Sequence[Hashable], *, exact_limit: int = 2000, samples: int = 512, seed: int = 0
) -> tuple[npt.NDArray[np.intp], bool]:
    """The source pivots :func:`brokerage` uses (positions in ``nodes``) and whether exact."""
    if samples < 2:
        raise ValueError(f"samples must be at least 2, got {samples}")
    n = len(nodes)
    if n <= exact_limit or samples >= n:
        return np.arange(n, dtype=np.intp), True
    index = {node: i for i, node in enumerate(nodes)}
    pivots = random.Random(seed).sample(list(nodes), samples)
    return np.fromiter((index[p] for p in pivots), dtype=np.intp, count=samples), False


def brokerage_vector(
    A: sp.csr_array, sources: npt.NDArray[np.intp], *, exact: bool, workers: int = 1
) -> FloatArray:
    """:func:`brokerage` on an adjacency matrix (any non-zero ``A[i, j]``: an edge i -> j).

    ``sources`` and ``exact`` come from :func:`brokerage_sources`; the result is in the order of
    ``A``'s rows. ``workers`` threads share the batches of sources: the sparse products and the
    array arithmetic release the GIL, so on a free core a second thread nearly halves the time;
    each holds its own batch's arrays (``n`` x 32 values, several of them). The result does not
    depend on ``workers``: the batches are summed in the same order.
    """
    n = A.shape[0]
    if n < 3 or A.nnz == 0:
        return np.zeros(n)
    # Hop counts: every stored entry (a zero weight too) is one edge. Shares A's indices.
    A = sp.csr_array((np.ones(A.nnz), A.indices, A.indptr), shape=A.shape)
    AT = A.T.tocsr()
    step = n if n <= _ONE_BATCH_UP_TO else _BATCH_SOURCES
    batches = [sources[start : start + step] for start in range(0, len(sources), step)]
    totals = np.zeros(n)
    if workers > 1 and len(batches) > 1:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            for part in pool.map(lambda batch: _brandes_dependencies(A, AT, batch), batches):
                totals += part
    else:
        for batch in batches:
            totals += _brandes_dependencies(A, AT, batch)

    if exact:
        totals /= (n - 1) * (n - 2)
    else:
        # networkx's rescaling for k pivots without endpoints: a pivot cannot lie between
        # itself and a target, so pivots are averaged over k - 1 sources, the rest over k.
        is_pivot = np.zeros(n, dtype=bool)
        is_pivot[sources] = True
        samples = len(sources)
        totals[is_pivot] /= (samples - 1) * (n - 2)
        totals[~is_pivot] /= samples * (n - 2)
    return totals


@dataclass(frozen=True, slots=True)
class InfluenceMeasures:
    """:func:`influence_rank`, :func:`brokerage` and :func:`weighted_degree` of one graph."""

    ranks: dict[str, float]
    brokerage: BrokerageResult
    degrees: dict[str, tuple[float, float]]


def influence_measures(
    G: nx.DiGraph,
    *,
    alpha: float = 0.85,
    exact_limit: int = 2000,
    samples: int = 512,
    seed: int = 0,
) -> InfluenceMeasures:
    """Influence rank, brokerage and weighted degrees of ``G``, from one adjacency matrix.

    The same values as the three functions called one by one (degrees up to the order of
    summation), for the price of one conversion of ``G`` instead of three.

    Examples
    --------
    >>> G = nx.DiGraph()
    >>> G.add_weighted_edges_from([("a", "b", 0.5), ("b", "c", 0.25)])
    >>> m = influence_measures(G)
    >>> m.brokerage.values == brokerage(G).values, m.degrees == weighted_degree(G)
    (True, True)
    """
    nodes = list(G)
    if not nodes:
        return InfluenceMeasures({}, BrokerageResult({}, True, 0), {})
    W = _weighted_adjacency(G, nodes)
    ranks = pagerank_vector(W, alpha=alpha)
    sources, exact = brokerage_sources(nodes, exact_limit=exact_limit, samples=samples, seed=seed)
    workers = min(2, os.cpu_count() or 1) if len(nodes) <= _TWO_THREADS_UP_TO else 1
    between = brokerage_vector(W, sources, exact=exact, workers=workers)
    received = np.asarray(W.sum(axis=0), dtype=np.float64).ravel().tolist()
    exerted = np.asarray(W.sum(axis=1), dtype=np.float64).ravel().tolist()
    return InfluenceMeasures(
        ranks=dict(zip(nodes, ranks.tolist(), strict=True)),
        brokerage=BrokerageResult(
            dict(zip(nodes, between.tolist(), strict=True)), exact, len(sources)
        ),
        degrees=dict(zip(nodes, zip(received, exerted, strict=True), strict=True)),
    )


def weighted_degree(G: nx.DiGraph) -> dict[str, tuple[float, float]]:
    """Total influence weight received and exerted by each person.

    Returns
    -------
    dict of str to (float, float)
        ``(in, out)``: the sum of the weights of edges into and out of each person.

    Examples
    --------
    >>> G = nx.DiGraph()
    >>> G.add_weighted_edges_from([("a", "b", 0.5), ("c", "b", 0.25)])
    >>> weighted_degree(G)
    {'a': (0.0, 0.5), 'b': (0.75, 0.0), 'c': (0.0, 0.25)}
    """
    received: dict[Any, float] = dict(G.in_degree(weight="weight"))
    exerted: dict[Any, float] = dict(G.out_degree(weight="weight"))
    return {node: (float(received[node]), float(exerted[node])) for node in G}
