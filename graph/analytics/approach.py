"""The approach plan: whom to approach first in a buying centre, and via whom.

Every member of the buying centre is a candidate. For a candidate ``c``:

``leverage(c)``
    For each decider or approver ``d``, ``L_d`` is the strength of the strongest influence
    path from ``c`` to ``d`` with at most ``max_hops`` edges (product of the weights; 1 when
    ``c`` is ``d``). With ``L_1 >= L_2 >= ...`` those strengths,
    ``leverage = L_1 + breadth_bonus * (L_2 + L_3 + ...)``: the strongest hold on a decider,
    plus a little for holding several.
``access(c)``
    Strength of the route in to ``c`` (product of the access strengths along it), 0 when
    there is none. The route is the one :func:`~graph.analytics.routes.deal_routes` chooses --
    the same route the coverage warnings speak of: at most ``max_route_people`` people, ours
    directly first, then ours through one contact, then a partner's, then ours through two.
``mismatch(c)``
    How far the status gap ``g = level(c) - level(our person)`` lies outside the preferred
    band ``-1 <= g <= 0`` (our person at the contact's level or one above):
    ``mismatch = max(0, g) + max(0, -1 - g)``; 0 when a level is unknown. Our person is the
    route's door-opener when ours, else the colleague whose level fits best (a partner's
    route, or a contact ``senior_gap`` or more levels above the door-opener).
``stake(c)``
    The status-stake term (:mod:`graph.analytics.stakes`): ``gains`` (0.1) for a member
    whose standing gains, times 1.5 when they also reach for a higher level; ``loser_urgency
    * leverage`` (0.2 x) for one whose standing loses, to address them early; else 0.
``reach(c)`` (shown beside leverage, not scored)
    The probability that ``c``'s view reaches each decider or approver under the
    independent cascade over the influence weights (:mod:`graph.analytics.reach`): leverage
    counts the strongest path only; reach counts every path, and how likely each is to carry.
``stance(c)``
    champion 1, supporter 0.75, neutral 0.5, unknown 0.4, sceptic 0.2, blocker 0.
``rank(c)``
    Influence rank of ``c`` divided by the largest influence rank in the buying centre.

The score, with the weights of :class:`PlanWeights`::

    score = w_leverage * leverage + w_access * access + w_stance * stance + w_rank * rank
            - gap_penalty * mismatch + stake

With the defaults: ``0.4 * leverage + 0.3 * access + 0.2 * stance + 0.1 * rank -
0.05 * mismatch + stake``. Steps are ordered by score (descending), ties by person id; a blocker is
never first -- if one scores highest, the best non-blocker goes ahead of them -- and blockers
carry a reason saying so.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Final

import networkx as nx

from graph.analytics.centrality import influence_rank
from graph.analytics.influence_graph import ROLES, AnalyticsInputError, Member, members_by_id
from graph.analytics.reach import reach_probabilities
from graph.analytics.routes import (
    Route,
    deal_routes,
    influential_opponents,
    mismatch,
    person_name,
)
from graph.analytics.stakes import Framing, decider_holds, framing, stake_term
from graph.analytics.weights import PlanWeights

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
        Short human explanations, most important first (the route in is not among them: it is
        said once, by ``route.text``).
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
    route : Route
        The route in, with its kind, people, colleague of ours, gap and text.
    stake : float
        The status-stake term of the score (:mod:`graph.analytics.stakes`).
    framing : Framing
        How to frame the approach, from the member's motive and ties in.
    motive, outcome : str
        The member's status stake.
    reach_on : tuple of (str, float)
        ``(decider_id, probability)``: the probability that the candidate's view reaches each
        decider or approver under the independent cascade (:mod:`graph.analytics.reach`),
        beside leverage's strongest path; most probable first.
    reach_exact : bool
        Whether the probabilities were enumerated exactly (else sampled).
    reach_error : float
        Largest standard error of a sampled probability (0 when exact).
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
    route: Route
    stake: float
    framing: Framing
    motive: str
    outcome: str
    reach_on: tuple[tuple[str, float], ...]
    reach_exact: bool
    reach_error: float


def approach_plan(
    G: nx.DiGraph,
    K: nx.DiGraph,
    members: Iterable[Member],
    *,
    weights: PlanWeights = PlanWeights(),  # noqa: B008 - frozen, safe to share
    ranks: Mapping[str, float] | None = None,
    routes: Mapping[str, Route] | None = None,
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
    routes : mapping of str to Route, optional
        The routes in (:func:`~graph.analytics.routes.deal_routes`); computed when omitted.
        Pass the ones the coverage used, so that warnings and plan speak of the same routes.

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
    if routes is None:
        opponents = [o.person_id for o in influential_opponents(G, by_id.values(), rank)]
        routes = deal_routes(G, K, by_id.values(), weights=weights, opponents=opponents)
    top_rank = max((rank.get(p, 0.0) for p in by_id), default=0.0)

    holds = decider_holds(G, by_id.values(), weights)
    deciders = sorted(p for p, m in by_id.items() if m.roles & {"decider", "approver"})

    steps: list[PlanStep] = []
    for p, member in sorted(by_id.items()):
        leverage_on = list(holds[p].on)
        leverage = holds[p].value
        route = routes[p]
        reach = reach_probabilities(
            G,
            p,
            deciders,
            max_hops=weights.max_hops,
            exact_limit=weights.reach_exact_limit,
            samples=weights.reach_samples,
        )
        reach_on = tuple(
            sorted(
                ((d, q) for d, q in reach.probabilities.items() if q > 0),
                key=lambda t: (-t[1], t[0]),
            )
        )
        reasons = [", ".join(r for r in ROLES if r in member.roles) or "member"]
        for d, s, path in leverage_on:
            if d != p:
                reason = _leverage_reason(G, by_id, d, s, path)
                # Reach counts every path; said only where it tells more than the strongest.
                q = reach.probabilities[d]
                if abs(q - s) >= 0.005:
                    how = "" if reach.exact else f" ±{reach.error:.3f}"
                    reason += f"; all paths together carry their view with probability {q:.2f}{how}"
                reasons.append(reason)
        # the route in is said once, by the step's route (route.text), not again among the reasons
        reasons.append(f"stance: {member.stance}")
        if member.outcome != "unknown":
            why = f" ({member.evidence})" if member.evidence else ""
            reasons.append(f"standing {member.outcome}{why}")
        if member.stance == "blocker":
            reasons.append("blocker: not approached first; win over their influencers before")
        stake = stake_term(G, member, holds[p], weights)
        frame = framing(G, member, by_id)

        score = (
            weights.leverage * leverage
            + weights.access * route.strength
            + weights.stance * STANCE_VALUES[member.stance]
            + weights.rank * (rank.get(p, 0.0) / top_rank if top_rank > 0 else 0.0)
            - weights.gap_penalty * mismatch(route.status_gap)
            + stake
        )
        steps.append(
            PlanStep(
                order=0,
                person_id=p,
                score=score,
                reasons=tuple(reasons),
                roles=tuple(r for r in ROLES if r in member.roles),
                leverage_on=tuple(leverage_on),
                intro_path=route.path,
                intro_kind=route.intro_kind,
                our_person=route.our_person,
                status_gap=route.status_gap,
                stance=member.stance,
                leverage=float(leverage),
                access=route.strength,
                route=route,
                stake=stake,
                framing=frame,
                motive=member.motive,
                outcome=member.outcome,
                reach_on=reach_on,
                reach_exact=reach.exact,
                reach_error=reach.error,
            )
        )

    steps.sort(key=lambda s: (-s.score, s.person_id))
    if steps and steps[0].stance == "blocker":
        first_ally = next((i for i, s in enumerate(steps) if s.stance != "blocker"), 0)
        steps.insert(0, steps.pop(first_ally))
    return [replace(step, order=i) for i, step in enumerate(steps, 1)]


def _leverage_reason(
    G: nx.DiGraph, by_id: Mapping[str, Member], d: str, strength: float, path: tuple[str, ...]
) -> str:
    role = "decider" if "decider" in by_id[d].roles else "approver"
    via = f" via {', '.join(person_name(G, x) for x in path[1:-1])}" if len(path) > 2 else ""
    return f"influences {role} {person_name(G, d)} ({strength:.2f}){via}"
