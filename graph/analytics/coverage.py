"""Coverage of a deal's buying centre: which roles are filled, by whom, and how we reach them.

Coverage reads the same routes as the approach plan (:func:`~graph.analytics.routes.deal_routes`),
so a warning never says that nobody reaches a person the plan routes to. A member is *known to
us* when the person just before them on their route is one of our people (organisation kind
``home``) or a partner's: someone on our side knows them themselves.

*Champion* means one thing here: a member who holds the ``champion`` role **or** whose stance
towards us is ``champion`` (:func:`is_champion`). The coverage row of the ``champion`` role lists
both (``holds_role`` tells them apart), and the warnings use the same rule.

Warnings carry a stable ``code`` (callers match on it, never on the message); messages name
people by name:

``NO_DECIDER``
    No member holds the ``decider`` role.
``DECIDER_NOT_CONTACTED``
    A decider whom no door-opener knows directly (one warning per decider); the message says
    how the plan reaches them, or that no route exists within the limit.
``INFLUENTIAL_BLOCKER``
    A blocker or sceptic whose influence rank is in the top quartile of the deal's members
    (the ``ceil(n / 4)`` highest, ties included), or who directly influences a decider. One
    warning per person.
``NO_CONTACT``
    Nobody in the buying centre is known to us.
``SINGLE_THREADED``
    Exactly one member is known to us: the deal hangs on a single relationship.
``CHAMPION_WITHOUT_ACCESS``
    A champion with no influence path of at most two hops into any decider; raised only when
    the deal has a decider (otherwise ``NO_DECIDER`` says it all).
``CHAMPION_NOT_COMMITTED``
    A member holds the champion role while their stance is neither champion nor supporter.
``INFLUENTIAL_LOSER``
    A member whose standing loses in the deal, whose hold on the deciders is at least
    ``influential_hold`` (0.5), and whom the plan does not address: there is no route in to
    them, or the plan approaches a decider they move (other than themselves) before them. A
    likely blocker.
``NO_GAINER``
    No member's standing gains from the deal: there is no natural champion (raised once at
    least one member's outcome is known).
``CHAMPION_MOTIVE_UNKNOWN``
    A champion whose motive (fit in or stand out) is unknown: the pitch cannot be framed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import networkx as nx

from graph.analytics._paths import strongest_paths_into
from graph.analytics.approach import PlanStep, approach_plan
from graph.analytics.centrality import influence_rank
from graph.analytics.influence_graph import APPROACH_SIDES, ROLES, Member, members_by_id
from graph.analytics.routes import (
    InfluentialOpponent,
    Route,
    RouteKind,
    deal_routes,
    influential_opponents,
    person_name,
)
from graph.analytics.weights import PlanWeights

__all__ = [
    "Coverage",
    "CoverageWarning",
    "RoleCoverage",
    "RoleHolder",
    "deal_coverage",
    "is_champion",
    "known_to_us",
]


@dataclass(frozen=True, slots=True)
class RoleHolder:
    """A member holding a role, their stance, and the route in to them.

    ``known_by`` and ``strength`` are the door-opener and strength of a direct route;
    ``holds_role`` is False for a champion listed by stance alone (:func:`is_champion`).
    """

    person_id: str
    stance: str
    known_to_us: bool
    known_by: str | None
    strength: float | None
    route: Route
    holds_role: bool = True


@dataclass(frozen=True, slots=True)
class RoleCoverage:
    """One buying-centre role: filled or not, and by whom (ordered by id)."""

    role: str
    filled: bool
    holders: tuple[RoleHolder, ...]


@dataclass(frozen=True, slots=True)
class CoverageWarning:
    """A gap in coverage: a stable ``code``, a message for people, and whom it concerns.

    ``routes`` holds the routes in to the people concerned when the warning is about reaching
    them (the same routes the plan takes).
    """

    code: str
    message: str
    people: tuple[str, ...]
    routes: tuple[Route, ...] = ()


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


def is_champion(member: Member) -> bool:
    """A champion holds the ``champion`` role or has the ``champion`` stance (module docstring)."""
    return "champion" in member.roles or member.stance == "champion"


def deal_coverage(
    G: nx.DiGraph,
    K: nx.DiGraph,
    members: Iterable[Member],
    *,
    ranks: Mapping[str, float] | None = None,
    routes: Mapping[str, Route] | None = None,
    plan: Sequence[PlanStep] | None = None,
    weights: PlanWeights = PlanWeights(),  # noqa: B008 - frozen, safe to share
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
    routes : mapping of str to Route, optional
        The routes in (:func:`~graph.analytics.routes.deal_routes`); computed when omitted.
    plan : sequence of PlanStep, optional
        The approach plan over the same routes; computed when omitted.
    weights : PlanWeights, optional
        The route limits and stake thresholds, when routes or plan are computed here.

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
    >>> cov.warnings[0].message
    'We know only Cy in this buying centre; the deal hangs on one thread.'
    """
    by_id = members_by_id(G, members)
    rank = ranks if ranks is not None else influence_rank(G)
    opponents = influential_opponents(G, by_id.values(), rank)
    if routes is None:
        routes = deal_routes(
            G, K, by_id.values(), weights=weights, opponents=[o.person_id for o in opponents]
        )
    if plan is None:
        plan = approach_plan(G, K, by_id.values(), weights=weights, ranks=rank, routes=routes)
    known = {p for p in by_id if routes[p].known}

    roles = []
    for role in ROLES:
        holders = tuple(
            RoleHolder(
                person_id=p,
                stance=m.stance,
                known_to_us=p in known,
                known_by=routes[p].known_by,
                strength=routes[p].strength if p in known else None,
                route=routes[p],
                holds_role=role in m.roles,
            )
            for p, m in sorted(by_id.items())
            if role in m.roles or (role == "champion" and is_champion(m))
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
    for d in deciders:
        if d not in known:
            warnings.append(_decider_not_contacted(G, routes[d]))
    warnings.extend(_influential_blockers(G, opponents))
    if not known:
        warnings.append(
            CoverageWarning(
                "NO_CONTACT",
                f"We know nobody in this buying centre: none of our or our partners' people "
                f"knows any of its {len(by_id)} members themselves; every route goes through "
                "someone else.",
                (),
            )
        )
    elif len(known) == 1:
        (only,) = known
        warnings.append(
            CoverageWarning(
                "SINGLE_THREADED",
                f"We know only {person_name(G, only)} in this buying centre; "
                "the deal hangs on one thread.",
                (only,),
                (routes[only],),
            )
        )
    if deciders:
        warnings.extend(_champions_without_access(G, by_id, deciders))
    warnings.extend(
        CoverageWarning(
            "CHAMPION_NOT_COMMITTED",
            f"{person_name(G, p)} holds the champion role but their stance is {m.stance}: "
            "confirm that they sell for us, or give the role to someone who does.",
            (p,),
        )
        for p, m in sorted(by_id.items())
        if "champion" in m.roles and m.stance not in ("champion", "supporter")
    )
    warnings.extend(_stake_warnings(G, by_id, plan, weights))
    return Coverage(tuple(roles), tuple(warnings))


def _stake_warnings(
    G: nx.DiGraph, by_id: Mapping[str, Member], plan: Sequence[PlanStep], weights: PlanWeights
) -> list[CoverageWarning]:
    steps = {s.person_id: s for s in plan}
    warnings = []
    for p, m in sorted(by_id.items()):
        step = steps[p]
        if m.outcome != "loses" or step.leverage < weights.influential_hold:
            continue
        earlier = [d for d, _, _ in step.leverage_on if d != p and steps[d].order < step.order]
        if step.route.kind is not RouteKind.NONE and not earlier:
            continue
        why = f" ({m.evidence})" if m.evidence else ""
        moves = ", ".join(
            f"{person_name(G, d)} ({s:.2f})" for d, s, _ in step.leverage_on if d != p
        )
        moves = f"moves {moves}" if moves else "decides"
        if step.route.kind is RouteKind.NONE:
            gap = "there is no route in to them"
        else:
            gap = (
                f"the plan approaches {_names(G, earlier)} first and them only at step "
                f"{step.order}: approach them earlier and answer their loss"
            )
        warnings.append(
            CoverageWarning(
                "INFLUENTIAL_LOSER",
                f"{person_name(G, p)} loses standing in this deal{why} and {moves}; {gap}.",
                (p, *earlier),
                (step.route,),
            )
        )
    # Only once some outcome is recorded: with none known, "nobody gains" would say nothing.
    outcomes = {m.outcome for m in by_id.values()}
    if outcomes - {"unknown"} and "gains" not in outcomes:
        top = max(plan, key=lambda s: (s.leverage, s.person_id)) if plan else None
        hint = (
            f"; find what the deal does for {person_name(G, top.person_id)}, who holds the "
            "deciders most"
            if top is not None and top.leverage > 0
            else ""
        )
        warnings.append(
            CoverageWarning(
                "NO_GAINER",
                f"Nobody in the buying centre gains standing from this deal: there is no natural "
                f"champion{hint}.",
                (),
            )
        )
    warnings.extend(
        CoverageWarning(
            "CHAMPION_MOTIVE_UNKNOWN",
            f"Champion {person_name(G, p)}: we do not know whether they want to fit in or stand "
            "out; ask, so that the case they carry inside is framed for them.",
            (p,),
        )
        for p, m in sorted(by_id.items())
        if is_champion(m) and m.motive == "unknown"
    )
    return warnings


def _decider_not_contacted(G: nx.DiGraph, route: Route) -> CoverageWarning:
    name = person_name(G, route.target)
    if route.kind is RouteKind.NONE:
        # The route's own text (the plan's step says the same), then why it matters.
        message = f"{route.text[:1].upper()}{route.text[1:]}; they decide: find a route in."
    else:
        message = (
            f"None of our or our partners' people knows {name}, who decides, themselves; "
            f"the plan's route: {route.text}."
        )
    return CoverageWarning("DECIDER_NOT_CONTACTED", message, (route.target,), (route,))


def _influential_blockers(
    G: nx.DiGraph, opponents: Iterable[InfluentialOpponent]
) -> list[CoverageWarning]:
    warnings = []
    for o in opponents:
        why = []
        if o.top_quarter:
            why.append("is among the most listened-to quarter of the buying centre")
        if o.influences:
            why.append(f"directly influences {_names(G, o.influences)}")
        warnings.append(
            CoverageWarning(
                "INFLUENTIAL_BLOCKER",
                f"{person_name(G, o.person_id)}, a {o.stance}, {' and '.join(why)}.",
                (o.person_id, *o.influences),
            )
        )
    return warnings


def _champions_without_access(
    G: nx.DiGraph, by_id: Mapping[str, Member], deciders: list[str]
) -> list[CoverageWarning]:
    reaching: set[str] = set()
    for d in deciders:
        reaching.update(strongest_paths_into(G, d, 2))
    champions = sorted(p for p, m in by_id.items() if is_champion(m))
    return [
        CoverageWarning(
            "CHAMPION_WITHOUT_ACCESS",
            f"Champion {person_name(G, p)} has no influence path of two steps or fewer "
            "into a decider.",
            (p,),
        )
        for p in champions
        if p not in reaching
    ]


def _names(G: nx.DiGraph, people: Iterable[str]) -> str:
    return ", ".join(person_name(G, p) for p in people)
