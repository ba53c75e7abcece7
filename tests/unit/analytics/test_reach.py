"""Reach under the independent cascade: exact on hand-solved graphs, sampled vs a simulation."""

from __future__ import annotations

import random

import networkx as nx
import pytest

from graph.analytics.reach import reach_probabilities


def _graph(edges: list[tuple[str, str, float]]) -> nx.DiGraph:
    G = nx.DiGraph()
    G.add_weighted_edges_from(edges)
    return G


def test_two_routes_into_the_decider_solved_by_hand() -> None:
    # d is missed when the direct edge is dead (0.7) and the path a-b-d is dead (0.8).
    G = _graph([("a", "b", 0.5), ("b", "d", 0.4), ("a", "d", 0.3)])
    r = reach_probabilities(G, "a", ["d", "b"])
    assert r.exact and r.samples == 0 and r.error == 0 and r.edges == 3
    assert r.probabilities == {"b": pytest.approx(0.5), "d": pytest.approx(0.44)}


def test_diamond_and_a_shared_edge_solved_by_hand() -> None:
    # Two disjoint two-step paths: 1 - (1 - 0.25)^2 = 0.4375.
    diamond = _graph([("a", "b", 0.5), ("a", "c", 0.5), ("b", "d", 0.5), ("c", "d", 0.5)])
    assert reach_probabilities(diamond, "a", ["d"]).probabilities["d"] == pytest.approx(0.4375)
    # Both paths share a first edge a-m (0.5): 0.5 * (1 - 0.5 * 0.5) = 0.375.
    shared = _graph(
        [("a", "m", 0.5), ("m", "b", 0.5), ("m", "c", 0.5), ("b", "d", 1.0), ("c", "d", 1.0)]
    )
    assert reach_probabilities(shared, "a", ["d"]).probabilities["d"] == pytest.approx(0.375)


def test_hops_beyond_the_limit_do_not_count_and_irrelevant_edges_are_left_out() -> None:
    chain = _graph([("a", "b", 1.0), ("b", "c", 1.0), ("c", "e", 1.0), ("e", "d", 1.0)])
    chain.add_edge("x", "a", weight=0.9)  # into the source: irrelevant
    chain.add_edge("b", "y", weight=0.9)  # leads nowhere near d: irrelevant
    assert reach_probabilities(chain, "a", ["d"]).probabilities["d"] == 0.0
    four = reach_probabilities(chain, "a", ["d"], max_hops=4)
    assert four.probabilities["d"] == 1.0 and four.edges == 4
    assert reach_probabilities(chain, "a", ["a", "zz"]).probabilities == {"a": 1.0, "zz": 0.0}


def _simulate(G: nx.DiGraph, source: str, target: str, runs: int, seed: int) -> float:
    """A plain cascade: draw each edge when first tried, spread breadth-first for 3 rounds."""
    rng = random.Random(seed)
    hits = 0
    for _ in range(runs):
        live = {(u, v) for u, v, w in G.edges(data="weight") if rng.random() < w}
        frontier, seen = {source}, {source}
        for _ in range(3):
            frontier = {v for u in frontier for v in G.succ[u] if (u, v) in live} - seen
            seen |= frontier
        hits += target in seen
    return hits / runs


def test_sampled_reach_agrees_with_exact_and_with_a_simulation() -> None:
    rng = random.Random(7)
    people = [f"p{i}" for i in range(8)]
    edges = {
        (a, b): round(rng.uniform(0.1, 0.9), 2)
        for a in people
        for b in people
        if a != b and rng.random() < 0.35
    }
    G = _graph([(a, b, w) for (a, b), w in edges.items()])
    exact = reach_probabilities(G, "p0", ["p7"], exact_limit=20)
    sampled = reach_probabilities(G, "p0", ["p7"], exact_limit=0, samples=20000, seed=3)
    assert exact.exact and not sampled.exact and sampled.samples == 20000
    assert exact.edges >= 6
    assert 0 < sampled.error < 0.01
    assert sampled.probabilities["p7"] == pytest.approx(
        exact.probabilities["p7"], abs=4 * sampled.error
    )
    simulated = _simulate(G, "p0", "p7", 20000, seed=11)
    assert simulated == pytest.approx(exact.probabilities["p7"], abs=0.02)
    # The same seed gives the same answer.
    again = reach_probabilities(G, "p0", ["p7"], exact_limit=0, samples=20000, seed=3)
    assert again == sampled
