"""The workspace influence graph as a sparse matrix gives what the networkx graph gives."""

from __future__ import annotations

import random

import networkx as nx
import numpy as np
import pytest

from graph.analytics import (
    AnalyticsInputError,
    InfluenceEdge,
    PersonNode,
    brokerage,
    cross_account_influencers,
    influence_graph,
    influence_rank,
)
from graph.analytics.workspace_graph import (
    WorkspaceGraph,
    top_cross_account_influencers,
    workspace_brokerage,
    workspace_influence_matrix,
    workspace_influence_rank,
)


def _arrays(
    ids: list[str], influences: list[tuple[str, str, float]], reports: list[tuple[str, str]]
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    at = {p: i for i, p in enumerate(ids)}
    edges = [(at[a], at[b], w, False) for a, b, w in influences]
    edges += [(at[r], at[m], 0.0, True) for r, m in reports]
    return (
        np.array([e[0] for e in edges], dtype=np.int64),
        np.array([e[1] for e in edges], dtype=np.int64),
        np.array([e[2] for e in edges], dtype=np.float64),
        np.array([e[3] for e in edges], dtype=bool),
    )


def _pair(
    people: list[PersonNode],
    influences: list[tuple[str, str, float]],
    reports: list[tuple[str, str]],
    reports_to_weight: float = 0.5,
) -> tuple[nx.DiGraph, WorkspaceGraph]:
    G = influence_graph(
        people,
        [InfluenceEdge(a, b, w, "advice") for a, b, w in influences],
        reports,
        reports_to_weight=reports_to_weight,
    )
    ids = [p.id for p in people]
    W = workspace_influence_matrix(
        len(ids), *_arrays(ids, influences, reports), reports_to_weight=reports_to_weight
    )
    graph = WorkspaceGraph(ids, [p.org_id for p in people], [p.org_kind for p in people], W)
    return G, graph


def _edges(graph: WorkspaceGraph) -> dict[tuple[str, str], float]:
    coo = graph.W.tocoo()
    return {
        (graph.ids[i], graph.ids[j]): w
        for i, j, w in zip(coo.row.tolist(), coo.col.tolist(), coo.data.tolist(), strict=True)
    }


def _random(seed: int, n: int = 60, accounts: int = 5) -> tuple[nx.DiGraph, WorkspaceGraph]:
    rng = random.Random(seed)
    kinds = ["customer", "prospect", "partner", "home"]
    people = []
    for i in range(n):
        org = rng.randrange(accounts + 2)
        kind = kinds[org % 2] if org < accounts else kinds[2 + org - accounts]
        people.append(PersonNode(f"p{i:03d}", f"P{i}", rng.randint(1, 7), f"o{org}", kind))
    pairs = {(rng.randrange(n), rng.randrange(n)) for _ in range(n * 4)}
    influences = [(f"p{a:03d}", f"p{b:03d}", round(rng.random(), 2)) for a, b in pairs if a != b]
    # Repeats of a pair (the larger weight wins) and reporting lines, some over influence edges.
    influences += [(a, b, round(w / 2, 2)) for a, b, w in influences[:10]]
    reports = [(b, a) for a, b, _ in influences[::7]] + [
        (f"p{i:03d}", f"p{i // 3:03d}") for i in range(1, n)
    ]
    return _pair(people, influences, reports)


def test_matrix_follows_the_influence_graph_rules() -> None:
    people = [PersonNode(p, p, 4, "acme", "customer") for p in ("ceo", "cfo", "it", "ops")]
    influences = [("cfo", "ceo", 0.8), ("cfo", "ceo", 0.3), ("ceo", "it", 0.9)]
    # it reports to cfo: cfo -> it at 0.5. it reports to ceo, who already influences it (0.9).
    # ops reports to cfo twice (a matrix line recorded twice): one edge.
    reports = [("it", "cfo"), ("it", "ceo"), ("ops", "cfo"), ("ops", "cfo")]
    _, graph = _pair(people, influences, reports)
    assert _edges(graph) == {
        ("cfo", "ceo"): 0.8,
        ("ceo", "it"): 0.9,
        ("cfo", "it"): 0.5,
        ("cfo", "ops"): 0.5,
    }
    assert graph.edges == 4


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_matrix_equals_networkx_graph(seed: int) -> None:
    G, graph = _random(seed)
    assert _edges(graph) == {(a, b): w for a, b, w in G.edges(data="weight")}


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_rank_equals_influence_rank_and_networkx(seed: int) -> None:
    G, graph = _random(seed)
    ranks = dict(zip(graph.ids, workspace_influence_rank(graph).tolist(), strict=True))
    assert ranks == pytest.approx(influence_rank(G), abs=1e-12)
    assert ranks == pytest.approx(nx.pagerank(G.reverse(), weight="weight", tol=1e-12), abs=1e-8)


def test_rank_of_a_chain_is_the_hand_solved_one() -> None:
    people = [PersonNode(p, p, 4, None, None) for p in "abc"]
    _, graph = _pair(people, [("a", "b", 1.0), ("b", "c", 1.0)], [])
    assert workspace_influence_rank(graph).round(4).tolist() == [0.4744, 0.3412, 0.1844]


@pytest.mark.parametrize(("exact_limit", "samples"), [(2000, 512), (10, 8)])
def test_brokerage_equals_brokerage_exact_and_sampled(exact_limit: int, samples: int) -> None:
    G, graph = _random(4)
    ours = workspace_brokerage(graph, exact_limit=exact_limit, samples=samples, seed=3)
    theirs = brokerage(G, exact_limit=exact_limit, samples=samples, seed=3)
    assert (ours.exact, ours.samples_used) == (theirs.exact, theirs.samples_used)
    assert ours.values == pytest.approx(theirs.values, abs=1e-12)


@pytest.mark.parametrize("seed", [1, 2, 3, 5])
def test_top_cross_account_influencers_are_the_first_of_the_full_list(seed: int) -> None:
    G, graph = _random(seed)
    full = cross_account_influencers(G, min_accounts=2)
    assert len(full) > 5
    top = top_cross_account_influencers(graph, min_accounts=2, limit=5)
    assert [c.person_id for c in top] == [c.person_id for c in full[:5]]
    for ours, theirs in zip(top, full, strict=False):
        assert [(a.org_id, a.people) for a in ours.accounts] == [
            (a.org_id, a.people) for a in theirs.accounts
        ]
        assert ours.total_weight == pytest.approx(theirs.total_weight)
    everyone = top_cross_account_influencers(graph, min_accounts=3, limit=10_000)
    assert [c.person_id for c in everyone] == [
        c.person_id for c in cross_account_influencers(G, min_accounts=3)
    ]


def test_cross_account_reach_counts_accounts_not_home_or_partners() -> None:
    people = [
        PersonNode("analyst", "A", 5, "gartner", "partner"),
        PersonNode("a1", "A1", 4, "acme", "customer"),
        PersonNode("a2", "A2", 4, "acme", "customer"),
        PersonNode("b1", "B1", 4, "bolt", "prospect"),
        PersonNode("us", "Us", 4, "home", "home"),
        PersonNode("c1", "C1", 4, "cork", "customer"),
    ]
    influences = [
        ("analyst", "a1", 0.5),
        ("analyst", "a2", 0.25),
        ("analyst", "b1", 0.5),
        ("analyst", "us", 0.9),
        ("a1", "b1", 0.4),  # acme's own people do not count for a1: one account only
        ("a1", "a2", 0.4),
        ("c1", "a1", 0.1),
        ("c1", "b1", 0.2),
    ]
    _, graph = _pair(people, influences, [])
    found = top_cross_account_influencers(graph)
    assert [c.person_id for c in found] == ["analyst", "c1"]
    assert [c.total_weight for c in found] == pytest.approx([1.25, 0.3])
    assert [(a.org_id, a.people, a.weight) for a in found[0].accounts] == [
        ("acme", ("a1", "a2"), 0.75),
        ("bolt", ("b1",), 0.5),
    ]
    assert [c.person_id for c in top_cross_account_influencers(graph, limit=1)] == ["analyst"]


@pytest.mark.parametrize(
    ("sources", "targets", "weights", "message"),
    [
        ([0], [3], [0.5], "outside"),
        ([1], [1], [0.5], "themselves"),
        ([0], [1], [1.5], "between 0 and 1"),
    ],
)
def test_bad_edges_are_refused(
    sources: list[int], targets: list[int], weights: list[float], message: str
) -> None:
    with pytest.raises(AnalyticsInputError, match=message):
        workspace_influence_matrix(
            3, np.array(sources), np.array(targets), np.array(weights), np.array([False])
        )


def test_empty_workspace() -> None:
    empty = np.zeros(0)
    W = workspace_influence_matrix(0, empty, empty, empty, empty.astype(bool))
    graph = WorkspaceGraph([], [], [], W)
    assert workspace_influence_rank(graph).tolist() == []
    assert top_cross_account_influencers(graph) == []
    assert workspace_brokerage(graph).values == {}


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_matrix_does_not_depend_on_the_order_of_the_edges(seed: int) -> None:
    # The build sorts the edges once; they usually arrive grouped by source, but any order
    # must give the same canonical matrix (sorted columns, one entry per pair).
    _, graph = _random(seed)
    coo = graph.W.tocoo()
    n, m = len(graph.ids), graph.edges
    sources, targets = coo.row.astype(np.int64), coo.col.astype(np.int64)
    weights, reports = coo.data.copy(), np.zeros(m, dtype=bool)
    # Each edge twice, the copy lighter, then shuffled: the heavier copy is kept.
    order = np.random.default_rng(seed).permutation(2 * m)
    W = workspace_influence_matrix(
        n,
        np.concatenate([sources, sources])[order],
        np.concatenate([targets, targets])[order],
        np.concatenate([weights, weights / 2])[order],
        np.concatenate([reports, reports])[order],
    )
    assert W.has_canonical_format
    assert W.indices.dtype == graph.W.indices.dtype
    assert np.array_equal(W.indptr, graph.W.indptr)
    assert np.array_equal(W.indices, graph.W.indices)
    assert np.array_equal(W.data, graph.W.data)
