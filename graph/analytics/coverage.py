"""Coverage of a deal's buying centre: which roles are filled, by whom, and who knows them.

``known_to_us`` means that one of our people (organisation kind ``home``) or a partner's
person has a KNOWS relationship with the member; the strongest such relationship is reported.

Warnings carry a stable ``code`` (callers match on it, never on the message):

``NO_DECIDER``
    No member holds the ``decider`` role.
``DECIDER_NOT_CONTACTED``
    A decider whom none of our or our partners' people knows (one warning listing them all).
``INFLUENTIAL_BLOCKER``
    A blocker or sceptic whose influence rank is in the top quartile of the deal's members
    (the ``ceil(n / 4)`` highest, ties included), or who directly influences a decider. One
    warning per person.
``SINGLE_THREADED``
    At most one member is known to us: the deal hangs on a single relationship.
``CHAMPION_WITHOUT_ACCESS``
    A champion (by role or by stance) with no influence path of at most two hops into any
    decider; raised only when the deal has a decider (otherwise ``NO_DECIDER`` says it all).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import networkx as nx

from graph.analytics._paths import strongest_paths_into
from graph.analytics.centrality import influence_rank
from graph.analytics.influence_graph import APPROACH_SIDES, ROLES, Member, members_by_id

__all__ = [
    "Coverage",
    "CoverageWarning",
    "RoleCoverage",
    "RoleHolder",
    "deal_coverage",
    "known_to_us",
]


@dataclass(frozen=True, slots=True)
class RoleHolder:
    """A member holding a role, their stance, and our strongest relationship with them."""

    person_id: str
    stance: str
    known_to_us: bool
    known_by: str | None
    strength: float | None


@dataclass(frozen=True, slots=True)
class RoleCoverage:
    """One buying-centre role: filled or not, and by whom (ordered by id)."""

    role: str
    filled: bool
    holders: tuple[RoleHolder, ...]


@dataclass(frozen=True, slots=True)
class CoverageWarning:
    """A gap in coverage: a stable ``code``, a message for people, and whom it concerns."""

    code: str
    message: str
    people: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Coverage:
    """Coverage of every role (in :data:`~graph.analytics.influence_graph.ROLES` order)."""

    roles: tuple[RoleCoverage, ...]
    warnings: tuple[CoverageWarning, ...]

    def role(self, name: str) -> RoleCoverage:
        """The coverage of one role; KeyError for a name that is not a role."""
        for entry in self.roles:
            if entry.role == name:
                return entry
        raise KeyError(name)

    @property
    def codes(self) -> tuple[str, ...]:
        """The warning codes, in order."""
        return tuple(w.code for w in self.warnings)


def known_to_us(K: nx.DiGraph, person: str) -> tuple[str, float] | None:
    """Our or a partner's person with the strongest KNOWS relationship to ``person``.

    Returns ``(who, strength)``, ties broken by id, or ``None`` when nobody of ours or of a
    partner knows them.
    """
    best: tuple[str, float] | None = None
    for who, data in K.pred[person].items():
        strength = data.get("knows")
        if strength is None or K.nodes[who].get("org_kind") not in APPROACH_SIDES:
            continue
        if best is None or (-strength, who) < (-best[1], best[0]):
            best = (who, float(strength))
    return best


def deal_coverage(
    G: nx.DiGraph,
    K: nx.DiGraph,
    members: Iterable[Member],
    *,
    ranks: Mapping[str, float] | None = None,
) -> Coverage:
    """Role-by-role coverage of a buying centre, with warnings.

    Parameters
    ----------
    G : networkx.DiGraph
        Influence graph (:func:`~graph.analytics.influence_graph.influence_graph`).
    K : networkx.DiGraph
        Access graph (:func:`~graph.analytics.influence_graph.access_graph`).
    members : iterable of Member
        The deal's buying centre; every member must be a node of ``G``.
    ranks : mapping of str to float, optional
        Influence ranks; computed from ``G`` when omitted.

    Returns
    -------
    Coverage

    Examples
    --------
    >>> from graph.analytics.influence_graph import (
    ...     KnowsEdge, PersonNode, access_graph, influence_graph)
    >>> G = influence_graph(
    ...     [
    ...         PersonNode("me", "Me", 4, "us", "home"),
    ...         PersonNode("cfo", "Cy", 6, "acme", "customer"),
    ...     ],
    ...     [],
    ...     [],
    ... )
    >>> K = access_graph(G, [KnowsEdge("me", "cfo", 0.6)])
    >>> cov = deal_coverage(G, K, [Member("cfo", frozenset({"decider"}), "neutral")])
    >>> cov.role("decider").holders[0].known_by, cov.codes
    ('me', ('SINGLE_THREADED',))
    """
    by_id = members_by_id(G, members)
    knowers = {p: known_to_us(K, p) for p in by_id}

    roles = []
    for role in ROLES:
        holders = tuple(
            RoleHolder(
                person_id=p,
                stance=m.stance,
                known_to_us=knowers[p] is not None,
                known_by=k[0] if (k := knowers[p]) is not None else None,
                strength=k[1] if (k := knowers[p]) is not None else None,
            )
            for p, m in sorted(by_id.items())
            if role in m.roles
        )
        roles.append(RoleCoverage(role, bool(holders), holders))

    deciders = sorted(p for p, m in by_id.items() if "decider" in m.roles)
    warnings: list[CoverageWarning] = []
    if not deciders:
        warnings.append(
            CoverageWarning(
                "NO_DECIDER",
                "Nobody in the buying centre is known to decide; find out who signs off.",
                (),
            )
        )
    uncontacted = tuple(d for d in deciders if knowers[d] is None)
    if uncontacted:
        warnings.append(
            CoverageWarning(
                "DECIDER_NOT_CONTACTED",
                f"None of our or our partners' people knows {_names(G, uncontacted)}, "
                "who decides; find a route in.",
                uncontacted,
            )
        )
    warnings.extend(_influential_blockers(G, by_id, deciders, ranks))
    known = tuple(sorted(p for p in by_id if knowers[p] is not None))
    if len(known) <= 1:
        whom = f"only {_names(G, known)}" if known else "nobody"
        warnings.append(
            CoverageWarning(
                "SINGLE_THREADED",
                f"We know {whom} in this buying centre; the deal hangs on one thread.",
                known,
            )
        )
    if deciders:
        warnings.extend(_champions_without_access(G, by_id, deciders))
    return Coverage(tuple(roles), tuple(warnings))


def _influential_blockers(
    G: nx.DiGraph,
    by_id: Mapping[str, Member],
    deciders: list[str],
    ranks: Mapping[str, float] | None,
) -> list[CoverageWarning]:
    opposed = sorted(p for p, m in by_id.items() if m.stance in ("blocker", "sceptic"))
    if not opposed:
        return []
    rank = ranks if ranks is not None else influence_rank(G)
    ordered = sorted((rank.get(p, 0.0) for p in by_id), reverse=True)
    threshold = ordered[math.ceil(len(ordered) / 4) - 1]
    warnings = []
    for p in opposed:
        moved = [d for d in deciders if d != p and G.has_edge(p, d)]
        top = rank.get(p, 0.0) >= threshold
        if not (moved or top):
            continue
        why = []
        if top:
            why.append("is among the most listened-to quarter of the buying centre")
        if moved:
            why.append(f"directly influences {_names(G, moved)}")
        warnings.append(
            CoverageWarning(
                "INFLUENTIAL_BLOCKER",
                f"{_name(G, p)}, a {by_id[p].stance}, {' and '.join(why)}.",
                (p, *moved),
            )
        )
    return warnings


def _champions_without_access(
    G: nx.DiGraph, by_id: Mapping[str, Member], deciders: list[str]
) -> list[CoverageWarning]:
    reaching: set[str] = set()
    for d in deciders:
        reaching.update(strongest_paths_into(G, d, 2))
    champions = sorted(
        p for p, m in by_id.items() if "champion" in m.roles or m.stance == "champion"
    )
    return [
        CoverageWarning(
            "CHAMPION_WITHOUT_ACCESS",
            f"Champion {_name(G, p)} has no influence path of two steps or fewer into a decider.",
            (p,),
        )
        for p in champions
        if p not in reaching
    ]


def _name(G: nx.DiGraph, person: str) -> str:
    name = G.nodes[person].get("name")
    return f"{name} ({person})" if name and name != person else person


def _names(G: nx.DiGraph, people: Iterable[str]) -> str:
    return ", ".join(_name(G, p) for p in people)
