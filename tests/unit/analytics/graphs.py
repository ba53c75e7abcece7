"""Small builders for hand-solved analytics graphs."""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from graph.analytics import (
    InfluenceEdge,
    KnowsEdge,
    Member,
    PersonNode,
    access_graph,
    influence_graph,
)

ORGS = {"home": "us", "partner": "pals", "customer": "acme", "prospect": "bolt"}


def person(
    pid: str, kind: str = "customer", level: int | None = 4, org: str | None = None
) -> PersonNode:
    """A person at ``level`` in an organisation of ``kind`` (one organisation per kind)."""
    return PersonNode(pid, pid.title(), level, org or ORGS[kind], kind)


def build(
    people: Iterable[PersonNode],
    influences: Iterable[tuple[str, str, float]] = (),
    *,
    reports_to: Iterable[tuple[str, str]] = (),
    knows: Iterable[tuple[str, str, float]] = (),
) -> tuple[nx.DiGraph, nx.DiGraph]:
    """Influence graph and access graph from tuples."""
    G = influence_graph(
        people,
        [InfluenceEdge(a, b, w, "advice") for a, b, w in influences],
        reports_to,
    )
    K = access_graph(G, [KnowsEdge(a, b, s) for a, b, s in knows])
    return G, K


def member(
    pid: str,
    *roles: str,
    stance: str = "neutral",
    motive: str = "unknown",
    outcome: str = "unknown",
    evidence: str | None = None,
    aspiration: int | None = None,
) -> Member:
    return Member(pid, frozenset(roles), stance, motive, outcome, evidence, aspiration)
