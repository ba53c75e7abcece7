"""A whole workspace's influence graph held as arrays, for measures on a million people.

:func:`~graph.analytics.influence_graph` builds a :class:`networkx.DiGraph`: fine for a deal or
an account, but a whole CRM (a million people) as Python objects takes far more memory and time
than the machine has (``benchmarks/RESULTS-crm.md``). Here the same graph is a ``scipy.sparse``
matrix over people numbered ``0..n-1``, built from integer edge arrays, and the measures run on
the matrix:

* :func:`workspace_influence_matrix`: the rules of
  :func:`~graph.analytics.influence_graph` -- repeated INFLUENCES keep the largest weight, a
  REPORTS_TO line adds ``manager -> report`` with ``reports_to_weight`` unless an INFLUENCES
  edge already says how much the manager moves the report;
* :func:`workspace_influence_rank` and :func:`workspace_brokerage`: the same numbers as
  :func:`~graph.analytics.influence_rank` and :func:`~graph.analytics.brokerage` on that
  graph (same pivots for the same seed and people order);
* :func:`top_cross_account_influencers`: :func:`~graph.analytics.cross_account_influencers`
  (direct influence) for the top ``limit`` people only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from graph.analytics.accounts import ACCOUNT_KINDS, AccountReach, CrossAccountInfluencer
from graph.analytics.centrality import (
    BrokerageResult,
    brokerage_sources,
    brokerage_vector,
    pagerank_vector,
)
from graph.analytics.influence_graph import AnalyticsInputError

__all__ = [
    "WorkspaceGraph",
    "top_cross_account_influencers",
    "workspace_brokerage",
    "workspace_influence_matrix",
    "workspace_influence_rank",
]

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class WorkspaceGraph:
    """People numbered by position, and the influence matrix between them.

    Attributes
    ----------
    ids : list of str
        Person ids; person ``i`` is ``ids[i]``.
    org_ids, org_kinds : list of str or None
        Each person's organisation and its kind (``None`` when unknown).
    W : scipy.sparse.csr_array
        ``W[i, j]`` = weight of the influence edge ``ids[i] -> ids[j]``.
    """

    ids: list[str]
    org_ids: list[str | None]
    org_kinds: list[str | None]
    W: sp.csr_array

    @property
    def edges(self) -> int:
        """Number of influence edges."""
        return int(self.W.nnz)


def workspace_influence_matrix(
    n: int,
    sources: IntArray,
    targets: IntArray,
    weights: FloatArray,
    reports: npt.NDArray[np.bool_],
    *,
    reports_to_weight: float = 0.5,
) -> sp.csr_array:
    """The influence matrix of ``n`` people from their INFLUENCES and REPORTS_TO relationships.

    Parameters
    ----------
    n : int
        Number of people.
    sources, targets : array of int
        Positions of each relationship's start and end person.
    weights : array of float
        INFLUENCES weights in ``[0, 1]`` (ignored where ``reports`` is true).
    reports : array of bool
        True where the relationship is ``(report)-[:REPORTS_TO]->(manager)``.
    reports_to_weight : float, default 0.5
        Weight of ``manager -> report`` when no INFLUENCES edge says otherwise.

    Returns
    -------
    scipy.sparse.csr_array
        ``n x n``, ``W[i, j]`` the weight of ``i -> j``; one entry per edge.

    Raises
    ------
    AnalyticsInputError
        For a position outside ``0..n-1``, a self-loop, or a weight outside ``[0, 1]``.

    Examples
    --------
    The example of :func:`~graph.analytics.influence_graph`: ``cfo`` (1) advises ``ceo`` (0),
    ``it`` (2) reports to ``cfo``.

    >>> W = workspace_influence_matrix(
    ...     3, np.array([1, 2]), np.array([0, 1]), np.array([0.8, 0.0]), np.array([False, True])
    ... )
    >>> sorted(zip(*(a.tolist() for a in W.nonzero()), W.data.tolist()))
    [(1, 0, 0.8), (1, 2, 0.5)]
    """
    if not 0.0 <= reports_to_weight <= 1.0:
        raise AnalyticsInputError(
            f"reports_to_weight must be between 0 and 1, got {reports_to_weight!r}"
        )
    sources = np.asarray(sources, dtype=np.int64)
    targets = np.asarray(targets, dtype=np.int64)
    reports = np.asarray(reports, dtype=bool)
    if len(sources) and (
        min(sources.min(), targets.min()) < 0 or max(sources.max(), targets.max()) >= n
    ):
        raise AnalyticsInputError(f"an edge names a person outside the {n} people in scope")
    if np.any(sources == targets):
        raise AnalyticsInputError("a person cannot influence or report to themselves")
    influence = ~reports
    w = np.asarray(weights, dtype=np.float64)[influence]
    if np.any((w < 0.0) | (w > 1.0)) or np.any(np.isnan(w)):
        raise AnalyticsInputError("INFLUENCES weights must be between 0 and 1")
    # manager -> report for each reporting line; INFLUENCES edges win on the same pair, and
    # of repeated INFLUENCES the largest weight. One sort of (pair, is a reporting line) --
    # a single int64 key, where sorting three keys took most of the build at a CRM's size
    # -- then the heaviest of each run of equal keys, and the first run of each pair.
    start = np.concatenate([sources[influence], targets[reports]])
    end = np.concatenate([targets[influence], sources[reports]])
    weight = np.concatenate([w, np.full(int(reports.sum()), reports_to_weight)])
    key = (start * n + end) * 2
    key[len(w) :] += 1
    order = np.argsort(key, kind="stable")  # timsort: the edges arrive grouped by source
    key, weight = key[order], weight[order]
    repeated = np.flatnonzero(key[1:] == key[:-1]) + 1  # few: not one reduction per edge
    runs = np.flatnonzero(np.concatenate([[True], key[1:] != key[:-1]])) if len(key) else order
    heaviest = weight[runs]
    np.maximum.at(heaviest, np.searchsorted(runs, repeated, side="right") - 1, weight[repeated])
    pair = key[runs] // 2
    first = np.ones(len(pair), dtype=bool)
    first[1:] = pair[1:] != pair[:-1]
    pair, heaviest = pair[first], heaviest[first]
    # Pairs are sorted by row, then column: the arrays are already the CSR layout.
    index_type = np.int32 if max(n, len(pair)) < np.iinfo(np.int32).max else np.int64
    row, column = np.divmod(pair, n)
    indptr = np.zeros(n + 1, dtype=index_type)
    np.cumsum(np.bincount(row, minlength=n), out=indptr[1:])
    return sp.csr_array((heaviest, column.astype(index_type), indptr), shape=(n, n))


def workspace_influence_rank(graph: WorkspaceGraph, *, alpha: float = 0.85) -> FloatArray:
    """Influence rank of every person, by position (see :func:`~graph.analytics.influence_rank`)."""
    if not graph.ids:
        return np.zeros(0)
    return pagerank_vector(graph.W, alpha=alpha)


def workspace_brokerage(
    graph: WorkspaceGraph, *, exact_limit: int = 2000, samples: int = 512, seed: int = 0
) -> BrokerageResult:
    """Brokerage of every person (see :func:`~graph.analytics.brokerage`), same pivots."""
    sources, exact = brokerage_sources(
        graph.ids, exact_limit=exact_limit, samples=samples, seed=seed
    )
    totals = brokerage_vector(graph.W, sources, exact=exact)
    return BrokerageResult(dict(zip(graph.ids, totals.tolist(), strict=True)), exact, len(sources))


def _codes(values: Sequence[str | None]) -> tuple[IntArray, list[str]]:
    """Integer codes of ``values`` (``-1`` for ``None``) and the distinct values by code."""
    distinct: dict[str, int] = {}
    codes = np.fromiter(
        (-1 if v is None else distinct.setdefault(v, len(distinct)) for v in values),
        dtype=np.int64,
        count=len(values),
    )
    return codes, list(distinct)


def top_cross_account_influencers(
    graph: WorkspaceGraph, *, min_accounts: int = 2, limit: int = 50
) -> list[CrossAccountInfluencer]:
    """The first ``limit`` of :func:`~graph.analytics.cross_account_influencers` (``hops=1``).

    Same definition and order -- by number of accounts reached, then total weight (both
    descending), then id -- counted over every edge at once; only the people returned are
    spelled out account by account.
    """
    if min_accounts < 1:
        raise ValueError(f"min_accounts must be at least 1, got {min_accounts}")
    n = len(graph.ids)
    org, orgs = _codes(graph.org_ids)
    is_account = np.fromiter((k in ACCOUNT_KINDS for k in graph.org_kinds), dtype=bool, count=n)
    account = np.where(is_account, org, -1)
    coo = graph.W.tocoo()
    row, col, weight = coo.row.astype(np.int64), coo.col.astype(np.int64), coo.data
    reach = (weight > 0.0) & (account[col] >= 0) & (account[col] != org[row])
    row, col, weight = row[reach], col[reach], weight[reach]
    pairs = np.unique(row * max(len(orgs), 1) + account[col])
    accounts_reached = np.bincount(pairs // max(len(orgs), 1), minlength=n)
    total = np.bincount(row, weights=weight, minlength=n)
    candidates = np.flatnonzero(accounts_reached >= min_accounts)
    if not len(candidates):
        return []
    ids = np.array([graph.ids[i] for i in candidates])
    order = np.lexsort((ids, -total[candidates], -accounts_reached[candidates]))
    chosen = candidates[order[:limit]]

    W = graph.W
    found = []
    for i in chosen.tolist():
        per_account: dict[int, dict[str, float]] = {}
        for j, w in zip(W.indices[W.indptr[i] : W.indptr[i + 1]].tolist(),
                        W.data[W.indptr[i] : W.indptr[i + 1]].tolist(), strict=True):  # fmt: skip
            a = int(account[j])
            if w > 0.0 and a >= 0 and a != org[i]:
                per_account.setdefault(a, {})[graph.ids[j]] = w
        accounts = sorted(
            (
                AccountReach(orgs[a], tuple(sorted(people)), sum(people.values()))
                for a, people in per_account.items()
            ),
            key=lambda r: (-r.weight, r.org_id),
        )
        total_weight = sum(r.weight for r in accounts)
        found.append(
            CrossAccountInfluencer(graph.ids[i], graph.org_ids[i], tuple(accounts), total_weight)
        )
    found.sort(key=lambda c: (-len(c.accounts), -c.total_weight, c.person_id))
    return found
