"""Influence rank, brokerage and weighted degree: hand-solved graphs and cross-checks."""

from __future__ import annotations

import random

import igraph as ig
import networkx as nx
import pytest

from graph.analytics import (
    InfluenceRankNotConverged,
    brokerage,
    influence_measures,
    influence_rank,
    weighted_degree,
)


def _random_graph(n: int, p: float, seed: int) -> nx.DiGraph:
    rng = random.Random(seed)
    G = nx.gnp_random_graph(n, p, seed=seed, directed=True)
    G = nx.relabel_nodes(G, {i: f"p{i:03d}" for i in G})
    for a, b in G.edges:
        G[a][b]["weight"] = round(rng.uniform(0.05, 1.0), 3)
    return G


def _igraph(G: nx.DiGraph, *, reverse: bool = False) -> tuple[ig.Graph, list[str]]:
    nodes = list(G)
    index = {v: i for i, v in enumerate(nodes)}
    edges = [(index[b], index[a]) if reverse else (index[a], index[b]) for a, b in G.edges]
    g = ig.Graph(n=len(nodes), edges=edges, directed=True)
    g.es["weight"] = [w for _, _, w in G.edges(data="weight")]
    return g, nodes


# -- influence rank ------------------------------------------------------------------------


def test_rank_of_a_chain_solved_by_hand() -> None:
    # a -> b -> c. Reversed: c -> b -> a, and a is dangling. With alpha = 17/20:
    #   x_c = alpha * x_a / 3 + 1/20
    #   x_b = alpha * (x_c + x_a / 3) + 1/20
    #   x_a = alpha * (x_b + x_a / 3) + 1/20
    # whose solution is (1029, 740, 400) / 2169.
    ranks = influence_rank(nx.DiGraph([("a", "b"), ("b", "c")]))
    assert ranks == pytest.approx({"a": 1029 / 2169, "b": 740 / 2169, "c": 400 / 2169}, abs=1e-9)


def test_rank_of_a_star_solved_by_hand() -> None:
    # Three people each move the hub; the hub listens to them, so they rank higher.
    # x_h = alpha * (1 - x_h) / 4 + 0.15 / 4  =>  x_h = 20 / 97; each leaf (1 - x_h) / 3.
    G = nx.DiGraph([("l1", "h"), ("l2", "h"), ("l3", "h")])
    ranks = influence_rank(G)
    assert ranks == pytest.approx(
        {"h": 20 / 97, "l1": 77 / 291, "l2": 77 / 291, "l3": 77 / 291}, abs=1e-9
    )


def test_rank_follows_weights() -> None:
    # a -> t (0.75) and b -> t (0.25): t passes 3/4 of its rank to a, 1/4 to b; a and b
    # are dangling. x_t = alpha * (x_a + x_b) / 3 + 0.05 = alpha * (1 - x_t) / 3 + 0.05 gives
    # x_t = 20/77; x_a = alpha * (0.75 * x_t + (x_a + x_b) / 3) + 0.05 = 32.75/77, and x_b
    # likewise with 0.25 = 24.25/77.
    G = nx.DiGraph()
    G.add_weighted_edges_from([("a", "t", 0.75), ("b", "t", 0.25)])
    assert influence_rank(G) == pytest.approx(
        {"a": 32.75 / 77, "b": 24.25 / 77, "t": 20 / 77}, abs=1e-9
    )


def test_rank_of_a_tie_is_a_tie() -> None:
    G = nx.DiGraph([("a", "b"), ("b", "a")])
    assert influence_rank(G) == pytest.approx({"a": 0.5, "b": 0.5})


@pytest.mark.parametrize("seed", range(5))
def test_rank_matches_networkx_and_igraph_on_random_graphs(seed: int) -> None:
    G = _random_graph(80, 0.05, seed)
    G.add_node("isolated")
    ranks = influence_rank(G)
    assert sum(ranks.values()) == pytest.approx(1.0, abs=1e-12)
    expected = nx.pagerank(G.reverse(), alpha=0.85, weight="weight", tol=1e-12)
    assert ranks == pytest.approx(expected, abs=1e-6)
    g, nodes = _igraph(G, reverse=True)
    by_igraph = dict(
        zip(nodes, g.pagerank(directed=True, damping=0.85, weights="weight"), strict=True)
    )
    assert ranks == pytest.approx(by_igraph, abs=1e-6)


def test_rank_of_empty_graph_is_empty() -> None:
    assert influence_rank(nx.DiGraph()) == {}


def test_rank_that_does_not_converge_says_so() -> None:
    G = _random_graph(30, 0.1, 1)
    with pytest.raises(InfluenceRankNotConverged, match="did not converge in 2 iterations"):
        influence_rank(G, max_iter=2)


# -- brokerage -----------------------------------------------------------------------------


def test_brokerage_of_a_chain_solved_by_hand() -> None:
    # a -> b -> c -> d: b is between (a, c) and (a, d); c between (a, d) and (b, d).
    # Normalised by (n - 1)(n - 2) = 6 ordered pairs.
    result = brokerage(nx.DiGraph([("a", "b"), ("b", "c"), ("c", "d")]))
    assert result.values == pytest.approx({"a": 0.0, "b": 2 / 6, "c": 2 / 6, "d": 0.0})
    assert result.exact
    assert result.samples_used == 4


def test_brokerage_of_a_long_chain() -> None:
    # On p0 -> p1 -> ... -> p(n-1), p_i lies between every s < i and every t > i.
    n = 300
    G = nx.DiGraph([(f"p{i}", f"p{i + 1}") for i in range(n - 1)])
    expected = {f"p{i}": i * (n - 1 - i) / ((n - 1) * (n - 2)) for i in range(n)}
    assert brokerage(G).values == pytest.approx(expected, abs=1e-12)


def test_brokerage_with_self_loops_and_separate_groups() -> None:
    G = nx.disjoint_union(_random_graph(40, 0.08, 8), _random_graph(30, 0.1, 9))
    G.add_edges_from([(0, 0), (45, 45)])
    assert brokerage(G).values == pytest.approx(nx.betweenness_centrality(G), abs=1e-9)


def test_brokerage_of_a_star_solved_by_hand() -> None:
    # Leaves talk to each other only through the hub: all 3 * 2 ordered leaf pairs, out of
    # (4 - 1)(4 - 2) = 6 pairs, pass through it.
    G = nx.DiGraph()
    for leaf in ("l1", "l2", "l3"):
        G.add_edge(leaf, "h")
        G.add_edge("h", leaf)
    assert brokerage(G).values == pytest.approx({"h": 1.0, "l1": 0.0, "l2": 0.0, "l3": 0.0})


def test_brokerage_splits_a_tie() -> None:
    # s -> a -> t and s -> b -> t: two shortest paths, each broker gets half of one pair.
    G = nx.DiGraph([("s", "a"), ("a", "t"), ("s", "b"), ("b", "t")])
    assert brokerage(G).values == pytest.approx({"s": 0.0, "a": 0.5 / 6, "b": 0.5 / 6, "t": 0.0})


def test_brokerage_counts_hops_not_weights() -> None:
    # A strong two-hop route does not beat a weak direct edge.
    G = nx.DiGraph()
    G.add_weighted_edges_from([("s", "t", 0.01), ("s", "m", 1.0), ("m", "t", 1.0)])
    assert brokerage(G).values["m"] == 0.0


@pytest.mark.parametrize("seed", range(6))
def test_exact_brokerage_matches_networkx_and_igraph(seed: int) -> None:
    G = _random_graph(90, [0.02, 0.05, 0.1][seed % 3], seed)
    result = brokerage(G)
    assert result.exact
    expected = nx.betweenness_centrality(G, normalized=True, weight=None)
    assert result.values == pytest.approx(expected, abs=1e-9)
    g, nodes = _igraph(G)
    n = len(nodes)
    raw = g.betweenness(directed=True)
    assert result.values == pytest.approx(
        {v: b / ((n - 1) * (n - 2)) for v, b in zip(nodes, raw, strict=True)}, abs=1e-6
    )


def test_exact_brokerage_in_several_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    import graph.analytics.centrality as centrality

    monkeypatch.setattr(centrality, "_BATCH_SOURCES", 7)
    monkeypatch.setattr(centrality, "_ONE_BATCH_UP_TO", 10)
    G = _random_graph(60, 0.08, 11)
    assert brokerage(G).values == pytest.approx(nx.betweenness_centrality(G), abs=1e-9)


@pytest.mark.parametrize("seed", [0, 7])
def test_sampled_brokerage_is_networkx_k_sampling(seed: int) -> None:
    G = _random_graph(120, 0.05, 3)
    result = brokerage(G, exact_limit=100, samples=30, seed=seed)
    assert not result.exact
    assert result.samples_used == 30
    expected = nx.betweenness_centrality(G, k=30, normalized=True, weight=None, seed=seed)
    assert result.values == pytest.approx(expected, abs=1e-9)


def test_sampled_brokerage_is_deterministic_for_a_seed() -> None:
    G = _random_graph(150, 0.04, 5)
    first = brokerage(G, exact_limit=50, samples=20, seed=42)
    again = brokerage(G, exact_limit=50, samples=20, seed=42)
    other = brokerage(G, exact_limit=50, samples=20, seed=43)
    assert first == again
    assert first.values != other.values


def test_enough_samples_means_exact() -> None:
    G = _random_graph(40, 0.1, 2)
    result = brokerage(G, exact_limit=10, samples=40)
    assert result.exact
    assert result.values == pytest.approx(nx.betweenness_centrality(G), abs=1e-9)


def test_brokerage_of_tiny_and_edgeless_graphs() -> None:
    assert brokerage(nx.DiGraph()).values == {}
    assert brokerage(nx.DiGraph([("a", "b")])).values == {"a": 0.0, "b": 0.0}
    G = nx.DiGraph()
    G.add_nodes_from("xyz")
    assert brokerage(G).values == {"x": 0.0, "y": 0.0, "z": 0.0}


def test_brokerage_refuses_fewer_than_two_samples() -> None:
    with pytest.raises(ValueError, match="samples"):
        brokerage(nx.DiGraph([("a", "b")]), samples=1)


# -- weighted degree -----------------------------------------------------------------------


def test_weighted_degree() -> None:
    G = nx.DiGraph()
    G.add_weighted_edges_from([("a", "b", 0.5), ("c", "b", 0.25), ("b", "a", 1.0)])
    G.add_node("d")
    assert weighted_degree(G) == {
        "a": (1.0, 0.5),
        "b": (0.75, 1.0),
        "c": (0.0, 0.25),
        "d": (0.0, 0.0),
    }


# -- all three from one matrix -------------------------------------------------------------


@pytest.mark.parametrize(("exact_limit", "samples"), [(2000, 512), (100, 30)])
def test_measures_together_equal_the_measures_one_by_one(exact_limit: int, samples: int) -> None:
    G = _random_graph(120, 0.05, 9)
    G.add_node("alone")
    together = influence_measures(G, exact_limit=exact_limit, samples=samples, seed=4)
    assert together.ranks == pytest.approx(influence_rank(G), abs=1e-12)
    alone = brokerage(G, exact_limit=exact_limit, samples=samples, seed=4)
    assert together.brokerage.exact == alone.exact
    assert together.brokerage.samples_used == alone.samples_used
    assert together.brokerage.values == pytest.approx(alone.values, abs=1e-12)
    expected = weighted_degree(G)
    assert list(together.degrees) == list(expected)
    for person, (received, exerted) in expected.items():
        assert together.degrees[person] == pytest.approx((received, exerted), abs=1e-12)


def test_measures_of_tiny_graphs() -> None:
    empty = influence_measures(nx.DiGraph())
    assert (empty.ranks, empty.brokerage.values, empty.degrees) == ({}, {}, {})
    pair = influence_measures(nx.DiGraph([("a", "b")]))
    assert pair.brokerage.values == {"a": 0.0, "b": 0.0}
    assert pair.degrees == {"a": (0.0, 1.0), "b": (1.0, 0.0)}


@pytest.mark.parametrize("exact", [True, False])
def test_brokerage_on_two_threads_is_the_same(monkeypatch: pytest.MonkeyPatch, exact: bool) -> None:
    import graph.analytics.centrality as centrality

    monkeypatch.setattr(centrality, "_ONE_BATCH_UP_TO", 10)
    monkeypatch.setattr(centrality, "_BATCH_SOURCES", 8)
    G = _random_graph(90, 0.06, 13)
    nodes = list(G)
    A = centrality.adjacency_matrix(G, nodes)
    sources, is_exact = centrality.brokerage_sources(
        nodes, exact_limit=100 if exact else 50, samples=40, seed=1
    )
    assert is_exact == exact
    one = centrality.brokerage_vector(A, sources, exact=is_exact, workers=1)
    two = centrality.brokerage_vector(A, sources, exact=is_exact, workers=2)
    assert two.tolist() == one.tolist()
