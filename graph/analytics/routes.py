"""Routes in: how we reach each member of a buying centre, computed once for warnings and plan.

A route runs from a *door-opener* (one of our people, organisation kind ``home``, or a
partner's person) to the member, over the access graph ``K`` (KNOWS both ways and INFLUENCES),
with at most ``max_route_people`` people on it (default 4: the door-opener, at most two in
between, the member). Its strength is the product of the access strengths along it.

Routes are preferred by kind, in this order (:class:`RouteKind`):

1. ``direct``: one of our people knows (or influences) the member;
2. ``via_contact``: one of our people, then one contact, then the member;
3. ``partner``: a partner's person opens the door (nobody of ours reaches the member in three);
4. ``via_contacts``: one of our people, then two contacts, then the member.

Our people are never passed through: a route that goes through one of ours is that person's
own, shorter route. Within a kind, door-openers of ours are compared by
``access * strength - gap_penalty * mismatch`` (the plan's weights, see
:mod:`graph.analytics.approach`): a slightly weaker route from someone of fitting status beats a
stronger one from someone far off. Partner routes are compared by strength.

Every route names a colleague of ours to make the approach (``our_person``) and the status gap
to them: the door-opener when they are ours and the member is fewer than ``senior_gap`` levels
above them; otherwise (a partner's route, or a member far senior) the colleague whose level fits
best (:func:`fitting_colleague`).

*Influential opponents* (:func:`influential_opponents`: a blocker or sceptic among the most
listened-to quarter of the buying centre, or influencing a decider directly) are never passed
through while another route exists; a route that has to pass one says so.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

import networkx as nx

from graph.analytics._paths import strongest_paths_into
from graph.analytics.centrality import influence_rank
from graph.analytics.influence_graph import APPROACH_SIDES, Member, members_by_id
from graph.analytics.status import level_of, status_gap
from graph.analytics.weights import PlanWeights

__all__ = [
    "InfluentialOpponent",
    "Route",
    "RouteKind",
    "deal_routes",
    "fitting_colleague",
    "influential_opponents",
    "mismatch",
    "person_name",
]


class RouteKind(StrEnum):
    """How a route in runs, in order of preference."""

    DIRECT = "direct"
    VIA_CONTACT = "via_contact"
    PARTNER = "partner"
    VIA_CONTACTS = "via_contacts"
    NONE = "none"


_PREFERENCE: Final[tuple[RouteKind, ...]] = tuple(RouteKind)


@dataclass(frozen=True, slots=True)
class InfluentialOpponent:
    """A blocker or sceptic whom the analysis flags as influential, and why."""

    person_id: str
    stance: str
    top_quarter: bool
    influences: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Route:
    """The chosen route in to one member.

    Attributes
    ----------
    target : str
        The member.
    kind : RouteKind
        How the route runs; ``NONE`` when there is no route within the limit.
    path : tuple of str
        From the door-opener to the member; empty when there is none.
    strength : float
        Product of the access strengths along ``path`` (0 when there is none).
    our_person : str or None
        The colleague of ours suggested to make the approach.
    status_gap : int or None
        The member's level minus ``our_person``'s.
    through_opponents : tuple of str
        Influential opponents the route passes through (only when no other route exists).
    text : str
        The route in words, people by name.
    known_by : str or None
        The person of ours or of a partner who knows the member themselves: the one just
        before them on the route, when that person is ours or a partner's.
    intro_kind : str
        ``"ours"`` (only our people on the way), ``"partner"`` (a partner's person on the
        way), ``"contact"`` (other contacts on the way) or ``"none"``.
    """

    target: str
    kind: RouteKind
    path: tuple[str, ...]
    strength: float
    our_person: str | None
    status_gap: int | None
    through_opponents: tuple[str, ...]
    text: str
    known_by: str | None
    intro_kind: str

    @property
    def door_opener(self) -> str | None:
        """Who opens the door: the first person of the route."""
        return self.path[0] if self.path else None

    @property
    def known(self) -> bool:
        """Someone of ours or a partner's knows the member themselves (``known_by``)."""
        return self.known_by is not None


def person_name(G: nx.DiGraph, person: str) -> str:
    """A person's display name (their id only when the name is unknown)."""
    return str(G.nodes[person].get("name") or person)


def mismatch(gap: int | None) -> int:
    """Levels by which ``gap`` lies outside the preferred band ``-1 <= gap <= 0``.

    The band: our person at the contact's level or one above. 0 when a level is unknown.
    """
    if gap is None:
        return 0
    return max(0, gap) + max(0, -1 - gap)


def _gap(G: nx.DiGraph, contact: str, ours: str | None) -> int | None:
    return None if ours is None else status_gap(G, contact, ours)


def fitting_colleague(G: nx.DiGraph, contact: str, home: Iterable[str]) -> str | None:
    """The person of ours whose level fits ``contact`` best.

    Smallest :func:`mismatch` first, then the smaller absolute gap, then the more senior, then
    by id; ``None`` when the contact's level is unknown or nobody of ours has a level.
    """
    if level_of(G, contact) is None:
        return None
    ranked = [
        (mismatch(gap), abs(gap), -int(level_of(G, p) or 0), p)
        for p in home
        if p != contact and (gap := _gap(G, contact, p)) is not None
    ]
    return min(ranked)[3] if ranked else None


def influential_opponents(
    G: nx.DiGraph, members: Iterable[Member], ranks: Mapping[str, float] | None = None
) -> list[InfluentialOpponent]:
    """Blockers and sceptics among the most listened-to or directly moving a decider.

    "Most listened-to": influence rank among the ``ceil(n / 4)`` highest of the ``n`` members
    (ties included). Ordered by id.
    """
    by_id = members_by_id(G, members)
    opposed = sorted(p for p, m in by_id.items() if m.stance in ("blocker", "sceptic"))
    if not opposed:
        return []
    rank = ranks if ranks is not None else influence_rank(G)
    ordered = sorted((rank.get(p, 0.0) for p in by_id), reverse=True)
    threshold = ordered[math.ceil(len(ordered) / 4) - 1]
    deciders = sorted(p for p, m in by_id.items() if "decider" in m.roles)
    found = []
    for p in opposed:
        moved = tuple(d for d in deciders if d != p and G.has_edge(p, d))
        top = rank.get(p, 0.0) >= threshold
        if moved or top:
            found.append(InfluentialOpponent(p, by_id[p].stance, top, moved))
    return found


def deal_routes(
    G: nx.DiGraph,
    K: nx.DiGraph,
    members: Iterable[Member],
    *,
    weights: PlanWeights = PlanWeights(),  # noqa: B008 - frozen, safe to share
    opponents: Collection[str] = (),
) -> dict[str, Route]:
    """The chosen route in to every member (module docstring for the rules).

    Parameters
    ----------
    G : networkx.DiGraph
        Influence graph (names and levels of people).
    K : networkx.DiGraph
        Access graph.
    members : iterable of Member
        The buying centre.
    weights : PlanWeights, optional
        ``max_route_people``, ``senior_gap``, ``access`` and ``gap_penalty`` are used.
    opponents : collection of str
        People not to pass through unless no other route exists.

    Returns
    -------
    dict of str to Route
        One route per member, ``kind`` ``NONE`` for those with none.

    Examples
    --------
    >>> from graph.analytics.influence_graph import (
    ...     KnowsEdge, PersonNode, access_graph, influence_graph)
    >>> G = influence_graph(
    ...     [
    ...         PersonNode("ae", "Ann", 3, "us", "home"),
    ...         PersonNode("pat", "Pat", 5, "pals", "partner"),
    ...         PersonNode("cio", "Cleo", 6, "acme", "customer"),
    ...         PersonNode("it", "Ian", 3, "acme", "customer"),
    ...     ],
    ...     [],
    ...     [],
    ... )
    >>> K = access_graph(G, [KnowsEdge("ae", "it", 0.7), KnowsEdge("pat", "cio", 0.9),
    ...                      KnowsEdge("cio", "it", 0.9)])
    >>> routes = deal_routes(G, K, [Member("it", frozenset({"user"}), "neutral")])
    >>> routes["it"].kind, routes["it"].path
    (<RouteKind.DIRECT: 'direct'>, ('ae', 'it'))
    >>> routes["it"].text
    'Ann (ours) knows Ian (0.70); status gap +0 with Ann'
    """
    by_id = members_by_id(G, members)
    kinds = dict(G.nodes(data="org_kind"))
    home = sorted(p for p, k in kinds.items() if k == "home")
    partners = sorted(p for p, k in kinds.items() if k == "partner")
    avoid = frozenset(opponents)
    max_hops = weights.max_route_people - 1
    routes = {}
    for target in sorted(by_id):
        found = _route(G, K, target, home, partners, frozenset(home) | avoid, max_hops, weights)
        passed: tuple[str, ...] = ()
        if found is None and avoid:
            found = _route(G, K, target, home, partners, frozenset(home), max_hops, weights)
            if found is not None:
                passed = tuple(p for p in found[1][1:-1] if p in avoid)
        routes[target] = _finish(G, target, found, passed, home, weights)
    return routes


_Found = tuple[RouteKind, tuple[str, ...], float]


def _route(
    G: nx.DiGraph,
    K: nx.DiGraph,
    target: str,
    home: list[str],
    partners: list[str],
    stops: frozenset[str],
    max_hops: int,
    weights: PlanWeights,
) -> _Found | None:
    """The preferred route to ``target`` passing through nobody in ``stops``."""
    kind = G.nodes[target].get("org_kind")
    if kind in APPROACH_SIDES:
        return (RouteKind.DIRECT if kind == "home" else RouteKind.PARTNER, (target,), 1.0)
    best = strongest_paths_into(K, target, max_hops, attr="strength", stops=stops)
    by_kind: dict[RouteKind, list[tuple[tuple[float, float, int, tuple[str, ...]], float]]] = {}
    for start in home:
        if start not in best:
            continue
        strength, path = best[start]
        kind_of = {2: RouteKind.DIRECT, 3: RouteKind.VIA_CONTACT}.get(
            len(path), RouteKind.VIA_CONTACTS
        )
        value = weights.access * strength - weights.gap_penalty * mismatch(_gap(G, target, start))
        by_kind.setdefault(kind_of, []).append(((-value, -strength, len(path), path), strength))
    # A shorter route of ours may exist besides the strongest one: look for it explicitly.
    for start in home:
        for kind_of, length in ((RouteKind.DIRECT, 2), (RouteKind.VIA_CONTACT, 3)):
            if length - 1 > max_hops:
                continue
            short = _strongest_exact(K, start, target, length, stops)
            if short is not None:
                strength, path = short
                gap = _gap(G, target, start)
                value = weights.access * strength - weights.gap_penalty * mismatch(gap)
                by_kind.setdefault(kind_of, []).append(
                    ((-value, -strength, length, path), strength)
                )
    for start in partners:
        if start in best:
            strength, path = best[start]
            by_kind.setdefault(RouteKind.PARTNER, []).append(
                ((-strength, -strength, len(path), path), strength)
            )
    for kind_of in _PREFERENCE:
        if kind_of in by_kind:
            key, strength = min(by_kind[kind_of])
            return kind_of, key[3], strength
    return None


def _strongest_exact(
    K: nx.DiGraph, start: str, target: str, length: int, stops: frozenset[str]
) -> tuple[float, tuple[str, ...]] | None:
    """Strongest route of exactly ``length`` people (2 or 3) from ``start`` to ``target``."""
    adj = K.adj
    if length == 2:
        data = adj[start].get(target)
        s = float(data["strength"]) if data else 0.0
        return (s, (start, target)) if s > 0 else None
    best: tuple[float, tuple[str, ...]] | None = None
    for middle, first in adj[start].items():
        if middle in stops or middle == target:
            continue
        second = adj[middle].get(target)
        if second is None:
            continue
        s = float(first["strength"]) * float(second["strength"])
        candidate = (s, (start, middle, target))
        if s > 0 and (best is None or (-s, candidate[1]) < (-best[0], best[1])):
            best = candidate
    return best


def _finish(
    G: nx.DiGraph,
    target: str,
    found: _Found | None,
    passed: tuple[str, ...],
    home: list[str],
    weights: PlanWeights,
) -> Route:
    """The route with its colleague of ours, gap and text."""
    name = person_name(G, target)
    limit = weights.max_route_people
    if found is None:
        colleague = fitting_colleague(G, target, home)
        text = (
            f"no route in to {name}: none of our or our partners' people reaches "
            f"{name} within {limit} people"
        )
        gap = _gap(G, target, colleague)
        return Route(target, RouteKind.NONE, (), 0.0, colleague, gap, (), text, None, "none")
    kind, path, strength = found
    opener = path[0]
    ours: str | None = opener if kind is not RouteKind.PARTNER else None
    gap = _gap(G, target, ours)
    if ours is None or (gap is not None and gap >= weights.senior_gap):
        better = fitting_colleague(G, target, home)
        if better is not None:
            ours, gap = better, _gap(G, target, better)
    text = _route_text(G, kind, path, strength, ours, gap, passed)
    sides = [G.nodes[p].get("org_kind") for p in path[:-1]]
    known_by = path[-2] if len(path) > 1 and sides[-1] in APPROACH_SIDES else None
    if len(path) == 1:
        known_by = target
    intro = (
        "partner"
        if "partner" in sides or (len(path) == 1 and kind is RouteKind.PARTNER)
        else "ours"
        if all(side == "home" for side in sides)
        else "contact"
    )
    return Route(target, kind, path, strength, ours, gap, passed, text, known_by, intro)


def _route_text(
    G: nx.DiGraph,
    kind: RouteKind,
    path: tuple[str, ...],
    strength: float,
    ours: str | None,
    gap: int | None,
    passed: tuple[str, ...],
) -> str:
    names = [
        f"partner {person_name(G, p)}"
        if i and G.nodes[p].get("org_kind") == "partner"
        else person_name(G, p)
        for i, p in enumerate(path)
    ]
    if len(path) == 1:
        text = f"{names[0]} is {'one of ours' if kind is RouteKind.DIRECT else 'a partner'}"
    elif kind is RouteKind.PARTNER:
        text = f"partner {names[0]} opens the door: {' → '.join(names)} ({strength:.2f})"
    elif kind is RouteKind.DIRECT:
        text = f"{names[0]} (ours) knows {names[1]} ({strength:.2f})"
    else:
        text = f"{names[0]} (ours) → {' → '.join(names[1:])} ({strength:.2f})"
    if ours is not None and ours != path[0]:
        level = G.nodes[ours].get("level")
        text += f"; {person_name(G, ours)} (level {level}) of ours makes the approach"
    if ours is not None and gap is not None and len(path) > 1:
        text += f"; status gap {gap:+d} with {person_name(G, ours)}"
    if passed:
        who = ", ".join(person_name(G, p) for p in passed)
        text += f"; passes through {who}, flagged as an influential opponent: no other route"
    return text
