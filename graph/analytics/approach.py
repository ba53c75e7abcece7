"""The approach plan: whom to approach first in a buying centre, and via whom.

Every member of the buying centre is a candidate. For a candidate ``c``:

``leverage(c)``
    For each decider or approver ``d``, ``L_d`` is the strength of the strongest influence
    path from ``c`` to ``d`` with at most ``max_hops`` edges (product of the weights; 1 when
    ``c`` is ``d``). With ``L_1 >= L_2 >= ...`` those strengths,
    ``leverage = L_1 + breadth_bonus * (L_2 + L_3 + ...)``: the strongest hold on a decider,
    plus a little for holding several.
``access(c)``
    Strength of the chosen route into ``c`` through the access graph (product of the KNOWS
    and INFLUENCES strengths along it), from one of our people (organisation kind ``home``)
    or a partner's person; 0 when there is none. For each possible entry person ``e`` the
    strongest route is found by Dijkstra on ``-log(strength)``. The suggested person of ours
    is ``e`` itself, or, when ``e`` is a partner's person, whichever of our people reaches
    ``e`` best (the intro path then starts with them, but the access is the partner's own
    route: asking a partner for an introduction is taken as given). Of all entries, the plan
    takes the one with the best ``w_access * access - gap_penalty * mismatch`` (ties: the
    stronger route, then the shorter, then by ids) -- so a slightly weaker route from someone
    of fitting status beats a stronger one from someone far off.
``mismatch(c)``
    How far the status gap ``g = level(c) - level(our person)`` lies outside the preferred
    band ``-1 <= g <= 0`` (our person at the contact's level or one above):
    ``mismatch = max(0, g) + max(0, -1 - g)``; 0 when a level is unknown or nobody of ours is
    suggested. When even the chosen entry leaves the contact ``senior_gap`` (3) or more levels
    above our person, the plan suggests instead whoever of our people is closest to the
    contact's level (ties: the more senior, then by id), and the gap and mismatch are
    recomputed for that person.
``stance(c)``
    champion 1, supporter 0.75, neutral 0.5, unknown 0.4, sceptic 0.2, blocker 0.
``rank(c)``
    Influence rank of ``c`` divided by the largest influence rank in the buying centre.

The score, with the weights of :class:`PlanWeights`::

    score = w_leverage * leverage + w_access * access + w_stance * stance + w_rank * rank
            - gap_penalty * mismatch

With the defaults: ``0.4 * leverage + 0.3 * access + 0.2 * stance + 0.1 * rank -
0.05 * mismatch``. Steps are ordered by score (descending), ties by person id; a blocker is
never first -- if one scores highest, the best non-blocker goes ahead of them -- and blockers
carry a reason saying so.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Final

import networkx as nx

from graph.analytics._paths import AccessGraph, strongest_paths_into
from graph.analytics.centrality import influence_rank
from graph.analytics.influence_graph import ROLES, AnalyticsInputError, Member, members_by_id

__all__ = [
    "STANCE_VALUES",
    "PlanStep",
    "PlanWeights",
    "approach_plan",
]

STANCE_VALUES: Final[Mapping[str, float]] = {
    "champion": 1.0,
    "supporter": 0.75,
    "neutral": 0.5,
    "unknown": 0.4,
    "sceptic": 0.2,
    "blocker": 0.0,
}
"""How much a member's stance towards us counts in their favour."""


@dataclass(frozen=True, slots=True)
class PlanWeights:
    """Weights of the approach-plan score (see the module docstring for the formula).

    Attributes
    ----------
    leverage : float, default 0.4
        Weight of the hold the candidate has on deciders and approvers.
    access : float, default 0.3
        Weight of how strongly we can reach the candidate.
    stance : float, default 0.2
        Weight of the candidate's stance towards us.
    rank : float, default 0.1
        Weight of the candidate's influence rank, relative to the buying centre's highest.
    gap_penalty : float, default 0.05
        Subtracted per level the status gap lies outside the preferred band.
    breadth_bonus : float, default 0.1
        Share of the hold on each further decider added to leverage.
    max_hops : int, default 3
        Longest influence path counted for leverage.
    senior_gap : int, default 3
        From this many levels of seniority of the contact over our entry person, suggest a
        more senior person of ours.
    """

    leverage: float = 0.4
    access: float = 0.3
    stance: float = 0.2
    rank: float = 0.1
    gap_penalty: float = 0.05
    breadth_bonus: float = 0.1
    max_hops: int = 3
    senior_gap: int = 3

    def __post_init__(self) -> None:
        for name in ("leverage", "access", "stance", "rank", "gap_penalty", "breadth_bonus"):
            if getattr(self, name) < 0:
                raise AnalyticsInputError(f"plan weight {name} must not be negative")
        if self.max_hops < 1 or self.senior_gap < 1:
            raise AnalyticsInputError("plan max_hops and senior_gap must be at least 1")


@dataclass(frozen=True, slots=True)
class PlanStep:
    """One step of the approach plan.

    Attributes
    ----------
    order : int
        1 for the person to approach first.
    person_id : str
        The candidate.
    score : float
        The plan score (module docstring).
    reasons : tuple of str
        Short human explanations, most important first.
    roles : tuple of str
        The candidate's buying-centre roles, in the canonical order.
    leverage_on : tuple of (str, float, tuple of str)
        ``(decider_id, strength, path)`` for each decider or approver the candidate reaches
        within ``max_hops``, strongest first; ``path`` runs from the candidate to the decider.
    intro_path : tuple of str
        From the person who opens the door (ours, or a partner's when none of ours reaches
        them) to the candidate; empty when there is no route.
    intro_kind : str
        ``"ours"`` (only our people on the way), ``"partner"`` (through a partner's person),
        ``"contact"`` (through other contacts) or ``"none"``.
    our_person : str or None
        The person of ours suggested to make the approach.
    status_gap : int or None
        Candidate's level minus ``our_person``'s.
    stance : str
        The candidate's stance towards us.
    leverage : float
        The leverage term of the score.
    access : float
        The access term of the score (strength of the intro route).
    """

    order: int
    person_id: str
    score: float
    reasons: tuple[str, ...]
    roles: tuple[str, ...]
    leverage_on: tuple[tuple[str, float, tuple[str, ...]], ...]
    intro_path: tuple[str, ...]
    intro_kind: str
    our_person: str | None
    status_gap: int | None
    stance: str
    leverage: float
    access: float


@dataclass(frozen=True, slots=True)
class _Entry:
    """A way in to a candidate: the route, the person of ours, and how well their status fits."""

    access: float
    route: tuple[str, ...]
    intro_path: tuple[str, ...]
    our_person: str | None
    gap: int | None

    @property
    def mismatch(self) -> int:
        return _mismatch(self.gap)


def _mismatch(gap: int | None) -> int:
    """Levels by which ``gap`` lies outside the preferred band ``-1 <= gap <= 0``."""
    if gap is None:
        return 0
    return max(0, gap) + max(0, -1 - gap)


def _level(G: nx.DiGraph, person: str | None) -> int | None:
    if person is None:
        return None
    level: int | None = G.nodes[person].get("level")
    return level


def _gap(G: nx.DiGraph, contact: str, ours: str | None) -> int | None:
    a, b = _level(G, contact), _level(G, ours)
    return None if a is None or b is None else a - b


def _name(G: nx.DiGraph, person: str) -> str:
    return str(G.nodes[person].get("name") or person)


def approach_plan(
    G: nx.DiGraph,
    K: nx.DiGraph,
    members: Iterable[Member],
    *,
    weights: PlanWeights = PlanWeights(),
    ranks: Mapping[str, float] | None = None,
) -> list[PlanStep]:
    """Order a buying centre's members by whom to approach first, and say via whom.

    Parameters
    ----------
    G : networkx.DiGraph
        Influence graph (:func:`~graph.analytics.influence_graph.influence_graph`).
    K : networkx.DiGraph
        Access graph (:func:`~graph.analytics.influence_graph.access_graph`).
    members : iterable of Member
        The deal's buying centre.
    weights : PlanWeights, optional
        Weights of the score.
    ranks : mapping of str to float, optional
        Influence ranks; computed from ``G`` when omitted.

    Returns
    -------
    list of PlanStep
        One step per member, ``order`` 1 first.

    Examples
    --------
    >>> from graph.analytics.influence_graph import (
    ...     InfluenceEdge, KnowsEdge, PersonNode, access_graph, influence_graph)
    >>> G = influence_graph(
    ...     [
    ...         PersonNode("me", "Me", 5, "us", "home"),
    ...         PersonNode("cto", "Cato", 6, "acme", "customer"),
    ...         PersonNode("arch", "Ari", 4, "acme", "customer"),
    ...     ],
    ...     [InfluenceEdge("arch", "cto", 0.8, "advice")],
    ...     [],
    ... )
    >>> K = access_graph(G, [KnowsEdge("me", "arch", 0.9)])
    >>> plan = approach_plan(G, K, [
    ...     Member("cto", frozenset({"decider"}), "neutral"),
    ...     Member("arch", frozenset({"influencer"}), "champion"),
    ... ])
    >>> [(s.order, s.person_id, s.intro_path, s.intro_kind) for s in plan]
    [(1, 'arch', ('me', 'arch'), 'ours'), (2, 'cto', ('me', 'arch', 'cto'), 'contact')]
    >>> plan[0].reasons[:2]
    ('influencer', 'influences decider Cato (0.80)')
    """
    by_id = members_by_id(G, members)
    for p in by_id:
        if p not in K:
            raise AnalyticsInputError(f"buying-centre member {p!r} is not in the access graph")
    rank = ranks if ranks is not None else influence_rank(G)
    top_rank = max((rank.get(p, 0.0) for p in by_id), default=0.0)

    deciders = sorted(p for p, m in by_id.items() if m.roles & {"decider", "approver"})
    holds = {d: strongest_paths_into(G, d, weights.max_hops) for d in deciders}
    entries = _entries(G, K, by_id, weights)
    home = sorted(p for p, kind in G.nodes(data="org_kind") if kind == "home")

    steps: list[PlanStep] = []
    for p, member in sorted(by_id.items()):
        leverage_on = sorted(
            ((d, holds[d][p][0], holds[d][p][1]) for d in deciders if p in holds[d]),
            key=lambda t: (-t[1], t[0]),
        )
        strengths = [s for _, s, _ in leverage_on]
        leverage = (strengths[0] + weights.breadth_bonus * sum(strengths[1:])) if strengths else 0
        entry = entries.get(p)
        reasons = [", ".join(r for r in ROLES if r in member.roles) or "member"]
        for d, s, path in leverage_on:
            if d != p:
                reasons.append(_leverage_reason(G, by_id, d, s, path))
        reasons.append(_access_reason(G, entry))

        our_person = entry.our_person if entry else None
        gap = entry.gap if entry else None
        if gap is not None and gap >= weights.senior_gap:
            senior = _closest_in_status(G, p, home, above=_level(G, our_person))
            if senior is not None and senior != our_person:
                reasons.append(
                    f"{_name(G, p)} is {gap} levels above {_name(G, str(our_person))}; "
                    f"suggest {_name(G, senior)} (level {_level(G, senior)}) instead"
                )
                our_person, gap = senior, _gap(G, p, senior)
        if _mismatch(gap) and our_person is not None:
            reasons.append(f"status gap {gap:+d} with {_name(G, our_person)}")
        reasons.append(f"stance: {member.stance}")
        if member.stance == "blocker":
            reasons.append("blocker: not approached first; win over their influencers before")

        access = entry.access if entry else 0.0
        score = (
            weights.leverage * leverage
            + weights.access * access
            + weights.stance * STANCE_VALUES[member.stance]
            + weights.rank * (rank.get(p, 0.0) / top_rank if top_rank > 0 else 0.0)
            - weights.gap_penalty * _mismatch(gap)
        )
        steps.append(
            PlanStep(
                order=0,
                person_id=p,
                score=score,
                reasons=tuple(reasons),
                roles=tuple(r for r in ROLES if r in member.roles),
                leverage_on=tuple(leverage_on),
                intro_path=entry.intro_path if entry else (),
                intro_kind=_intro_kind(G, entry),
                our_person=our_person,
                status_gap=gap,
                stance=member.stance,
                leverage=float(leverage),
                access=access,
            )
        )

    steps.sort(key=lambda s: (-s.score, s.person_id))
    if steps and steps[0].stance == "blocker":
        first_ally = next((i for i, s in enumerate(steps) if s.stance != "blocker"), 0)
        steps.insert(0, steps.pop(first_ally))
    return [replace(step, order=i) for i, step in enumerate(steps, 1)]


def _entries(
    G: nx.DiGraph, K: nx.DiGraph, by_id: Mapping[str, Member], weights: PlanWeights
) -> dict[str, _Entry]:
    """The chosen way in to each member who can be reached at all."""
    sides = {p: kind for p, kind in G.nodes(data="org_kind") if kind in ("home", "partner")}
    if not sides:
        return {}
    access = AccessGraph(K)
    routes = access.routes_into(by_id, sides)
    home = [p for p, kind in sides.items() if kind == "home"]
    partner_entries = {e for per in routes.values() for e in per if sides[e] == "partner"}
    our_way_to_partner = access.routes_from_any(home, partner_entries)

    chosen: dict[str, _Entry] = {}
    for p, per_entry in routes.items():
        best: tuple[tuple[float, float, int, tuple[str, ...]], _Entry] | None = None
        for e, (strength, path) in per_entry.items():
            ours: str | None = e
            intro = path
            if sides[e] == "partner":
                prefix = our_way_to_partner.get(e)
                ours = None
                if prefix is not None and not set(prefix[1][:-1]) & set(path):
                    ours, intro = prefix[1][0], prefix[1][:-1] + path
            entry = _Entry(strength, path, intro, ours, _gap(G, p, ours))
            value = weights.access * strength - weights.gap_penalty * entry.mismatch
            key = (-value, -strength, len(intro), intro)
            if best is None or key < best[0]:
                best = (key, entry)
        if best is not None:
            chosen[p] = best[1]
    return chosen


def _closest_in_status(
    G: nx.DiGraph, contact: str, home: list[str], *, above: int | None
) -> str | None:
    """Our person, senior to level ``above``, whose level is closest to the contact's.

    Ties go to the more senior, then to the smaller id.
    """
    target = _level(G, contact)
    if target is None or above is None:
        return None
    ranked = [
        (abs(lv - target), -lv, p)
        for p in home
        if (lv := _level(G, p)) is not None and lv > above and p != contact
    ]
    return min(ranked)[2] if ranked else None


def _intro_kind(G: nx.DiGraph, entry: _Entry | None) -> str:
    if entry is None:
        return "none"
    on_the_way = [G.nodes[p].get("org_kind") for p in entry.intro_path[:-1]]
    if not on_the_way:
        return "partner" if G.nodes[entry.intro_path[0]].get("org_kind") == "partner" else "ours"
    if "partner" in on_the_way:
        return "partner"
    if any(kind != "home" for kind in on_the_way):
        return "contact"
    return "ours"


def _leverage_reason(
    G: nx.DiGraph, by_id: Mapping[str, Member], d: str, strength: float, path: tuple[str, ...]
) -> str:
    role = "decider" if "decider" in by_id[d].roles else "approver"
    via = f" via {', '.join(_name(G, x) for x in path[1:-1])}" if len(path) > 2 else ""
    return f"influences {role} {_name(G, d)} ({strength:.2f}){via}"


def _access_reason(G: nx.DiGraph, entry: _Entry | None) -> str:
    if entry is None:
        return "no known route in"
    path = entry.intro_path
    if len(path) == 1:
        return "one of ours" if G.nodes[path[0]].get("org_kind") == "home" else "a partner's person"
    kind = _intro_kind(G, entry)
    if kind == "partner":
        partner = next(p for p in path[:-1] if G.nodes[p].get("org_kind") == "partner")
        return f"reachable through partner {_name(G, partner)} ({entry.access:.2f})"
    if kind == "contact":
        return f"reachable through {_name(G, path[-2])} ({entry.access:.2f})"
    return f"known to {_name(G, path[0])} ({entry.access:.2f})"
