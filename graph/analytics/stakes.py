"""Status stakes of a deal: who gains and who loses standing, weighted by their hold on deciders.

Each member carries a *status stake* (:class:`~graph.analytics.influence_graph.Member`): a
motive (``fit_in``, ``stand_out``, ``unknown``), the deal's outcome for their standing
(``gains``, ``neutral``, ``loses``, ``unknown``) with evidence, and optionally the level they
aspire to.

``hold(c)`` -- how strongly ``c`` moves the deciders and approvers -- is the plan's leverage:
with ``L_d`` the strength of the strongest influence path of at most ``max_hops`` edges from
``c`` to decider or approver ``d`` (1 when ``c`` is ``d``) and ``L_1 >= L_2 >= ...``,
``hold = L_1 + breadth_bonus * (L_2 + L_3 + ...)``.

``weighted(c)`` is ``+hold`` for a member who gains, ``-hold`` for one who loses, 0 otherwise;
``net`` sums them: above 0 the deal's winners hold the deciders more than its losers do.

``aspiration_gap(c)`` is the aspired level minus the current one (``None`` when either is
unknown).

The plan's *stake term* (weights of :class:`~graph.analytics.weights.PlanWeights`)::

    stake(c) = gains * [c gains] * (1 + aspiration_bonus * [aspiration_gap(c) > 0])
             + loser_urgency * [c loses] * hold(c)

A member who gains is a natural champion and comes forward, more so when the deal moves them
towards the level they reach for; a member who loses is brought forward in proportion to their
hold on the deciders, so that the plan addresses them before they block.

Each step is *framed* by the member's motive (:func:`framing`): to fit in, by the peers and
higher-status people they look up to (their normative ties in, people on our side first); to
stand out, by what sets them apart (their stake's evidence, the level they reach for) and the
informational ties that carry evidence to them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Final

import networkx as nx

from graph.analytics._paths import strongest_paths_into
from graph.analytics.influence_graph import Member, members_by_id
from graph.analytics.routes import person_name
from graph.analytics.status import level_of
from graph.analytics.weights import PlanWeights

__all__ = [
    "DealStakes",
    "Framing",
    "FramingTie",
    "Hold",
    "MemberStake",
    "deal_stakes",
    "decider_holds",
    "framing",
    "stake_term",
]

ON_OUR_SIDE: Final[frozenset[str]] = frozenset({"champion", "supporter"})
"""Stances of members who have come round to us (the "adopters" a fit-in framing names)."""

AGAINST_US: Final[frozenset[str]] = frozenset({"sceptic", "blocker"})
"""Stances of members a fit-in framing must not hold up as backing the deal."""


@dataclass(frozen=True, slots=True)
class Hold:
    """How strongly a member moves the deciders and approvers.

    ``on`` holds ``(decider, strength, path)`` for each reached, strongest first.
    """

    value: float
    on: tuple[tuple[str, float, tuple[str, ...]], ...]


@dataclass(frozen=True, slots=True)
class MemberStake:
    """One member's status stake with their hold on the deciders."""

    person_id: str
    motive: str
    outcome: str
    evidence: str | None
    level: int | None
    aspiration: int | None
    aspiration_gap: int | None
    hold: float
    weighted: float


@dataclass(frozen=True, slots=True)
class DealStakes:
    """The stakes of every member (by id), who gains and who loses (strongest hold first)."""

    members: tuple[MemberStake, ...]
    gainers: tuple[str, ...]
    losers: tuple[str, ...]
    net: float


@dataclass(frozen=True, slots=True)
class FramingTie:
    """An influence tie into the member that the framing uses."""

    person_id: str
    name: str
    level: int | None
    kind: str
    basis: str
    weight: float
    on_our_side: bool
    against: bool = False


@dataclass(frozen=True, slots=True)
class Framing:
    """How to frame the approach to a member, from their motive and the graph."""

    motive: str
    ties: tuple[FramingTie, ...]
    text: str


def decider_holds(
    G: nx.DiGraph,
    members: Iterable[Member],
    weights: PlanWeights = PlanWeights(),  # noqa: B008 - frozen, safe to share
) -> dict[str, Hold]:
    """Every member's hold on the deciders and approvers (module docstring)."""
    by_id = members_by_id(G, members)
    deciders = sorted(p for p, m in by_id.items() if m.roles & {"decider", "approver"})
    paths = {d: strongest_paths_into(G, d, weights.max_hops) for d in deciders}
    holds = {}
    for p in sorted(by_id):
        on = sorted(
            ((d, paths[d][p][0], paths[d][p][1]) for d in deciders if p in paths[d]),
            key=lambda t: (-t[1], t[0]),
        )
        strengths = [s for _, s, _ in on]
        value = strengths[0] + weights.breadth_bonus * sum(strengths[1:]) if strengths else 0.0
        holds[p] = Hold(float(value), tuple(on))
    return holds


def _aspiration_gap(G: nx.DiGraph, member: Member) -> int | None:
    level = level_of(G, member.person_id)
    if level is None or member.aspiration is None:
        return None
    return member.aspiration - level


def deal_stakes(
    G: nx.DiGraph,
    members: Iterable[Member],
    *,
    holds: Mapping[str, Hold] | None = None,
    weights: PlanWeights = PlanWeights(),  # noqa: B008 - frozen, safe to share
) -> DealStakes:
    """Who gains and who loses standing in a deal, weighted by their hold on the deciders.

    Examples
    --------
    >>> from graph.analytics.influence_graph import InfluenceEdge, PersonNode, influence_graph
    >>> G = influence_graph(
    ...     [PersonNode("it", "Ian", 3, "a", "customer"),
    ...      PersonNode("cfo", "Cy", 6, "a", "customer")],
    ...     [InfluenceEdge("it", "cfo", 0.5, "advice")],
    ...     [],
    ... )
    >>> stakes = deal_stakes(G, [
    ...     Member("cfo", frozenset({"decider"}), "neutral", outcome="gains"),
    ...     Member("it", frozenset({"user"}), "sceptic", outcome="loses", aspiration=4),
    ... ])
    >>> stakes.gainers, stakes.losers, stakes.net
    (('cfo',), ('it',), 0.5)
    >>> stakes.members[1].aspiration_gap
    1
    """
    by_id = members_by_id(G, members)
    holds = holds if holds is not None else decider_holds(G, by_id.values(), weights)
    sign = {"gains": 1.0, "loses": -1.0}
    found = [
        MemberStake(
            p,
            m.motive,
            m.outcome,
            m.evidence,
            level_of(G, p),
            m.aspiration,
            _aspiration_gap(G, m),
            holds[p].value,
            sign.get(m.outcome, 0.0) * holds[p].value,
        )
        for p, m in sorted(by_id.items())
    ]

    def strongest(outcome: str) -> tuple[str, ...]:
        return tuple(
            s.person_id
            for s in sorted(found, key=lambda s: (-s.hold, s.person_id))
            if s.outcome == outcome
        )

    return DealStakes(
        tuple(found), strongest("gains"), strongest("loses"), sum(s.weighted for s in found)
    )


def stake_term(G: nx.DiGraph, member: Member, hold: Hold, weights: PlanWeights) -> float:
    """The plan score's status-stake term for ``member`` (module docstring)."""
    if member.outcome == "gains":
        gap = _aspiration_gap(G, member)
        return weights.gains * (1.0 + (weights.aspiration_bonus if gap and gap > 0 else 0.0))
    if member.outcome == "loses":
        return weights.loser_urgency * hold.value
    return 0.0


def _ties_in(
    G: nx.DiGraph, person: str, basis: str, by_id: Mapping[str, Member]
) -> list[FramingTie]:
    ties = [
        FramingTie(
            a,
            person_name(G, a),
            level_of(G, a),
            str(data.get("kind") or "advice"),
            str(data.get("basis")),
            float(data["weight"]),
            a in by_id and by_id[a].stance in ON_OUR_SIDE,
            a in by_id and by_id[a].stance in AGAINST_US,
        )
        for a, data in G.pred[person].items()
        if data.get("basis") == basis
    ]
    return ties


def _tie_text(tie: FramingTie, stance: str | None = None) -> str:
    """``Vi (level 6, sponsor 0.60, for us)``; with ``stance``, ``Al (a sceptic, level 5, …)``."""
    level = f"level {tie.level}, " if tie.level is not None else ""
    side = ", for us" if tie.on_our_side else ""
    kind = "reporting line" if tie.kind == "reports_to" else tie.kind
    against = f"a {stance}, " if stance else ""
    return f"{tie.name} ({against}{level}{kind} {tie.weight:.2f}{side})"


def framing(
    G: nx.DiGraph, member: Member, by_id: Mapping[str, Member], *, limit: int = 3
) -> Framing:
    """How to frame the approach to ``member`` from their motive and their ties in.

    Fit in: their normative ties in from peers and higher-status people (those on our side
    first, then the more senior, then the stronger). Stand out: their stake's evidence, the
    level they reach for, and their informational ties in (strongest first). Unknown motive:
    ask, and meanwhile one tie of each basis. A member who loses standing gets the loss named,
    to be answered.

    Examples
    --------
    >>> from graph.analytics.influence_graph import InfluenceEdge, PersonNode, influence_graph
    >>> G = influence_graph(
    ...     [PersonNode("it", "Ian", 3, "a", "customer"),
    ...      PersonNode("vp", "Vi", 5, "a", "customer"),
    ...      PersonNode("ext", "Eva", 4, "x", "partner")],
    ...     [InfluenceEdge("vp", "it", 0.7, "sponsor"),
    ...      InfluenceEdge("ext", "it", 0.6, "external")],
    ...     [],
    ... )
    >>> vp = Member("vp", frozenset({"decider"}), "supporter")
    >>> it = Member("it", frozenset({"user"}), "neutral", motive="fit_in")
    >>> framing(G, it, {"it": it, "vp": vp}).text
    'Fit in: show Ian that those they look up to back it: Vi (level 5, sponsor 0.70, for us).'
    """
    p = member.person_id
    name = person_name(G, p)
    level = level_of(G, p)
    gap = _aspiration_gap(G, member)
    if member.motive == "fit_in":
        ties = [
            t
            for t in _ties_in(G, p, "normative", by_id)
            if level is None or t.level is None or t.level >= level
        ]
        ties.sort(key=lambda t: (not t.on_our_side, -(t.level or 0), -t.weight, t.person_id))
        backers = [t for t in ties if not t.against][:limit]
        opposed = [t for t in ties if t.against][:limit]
        ties = backers + opposed
        if backers:
            text = (
                f"Fit in: show {name} that those they look up to back it: "
                f"{', '.join(_tie_text(t) for t in backers)}."
            )
        else:
            text = (
                f"Fit in: no peer or senior tie of approval into {name} from someone not "
                "against us is recorded; find whose approval they seek."
            )
        if opposed:
            who = ", ".join(_tie_text(t, by_id[t.person_id].stance) for t in opposed)
            text += f" They also look up to {who}: win them over first."
    elif member.motive == "stand_out":
        ties = sorted(
            _ties_in(G, p, "informational", by_id), key=lambda t: (-t.weight, t.person_id)
        )[:limit]
        apart = []
        if gap is not None and gap > 0:
            apart.append(f"reaching for level {member.aspiration} ({gap:+d})")
        if member.evidence and member.outcome == "gains":
            apart.append(member.evidence)
        what = "; ".join(apart) or "what the deal lets them do first"
        carry = (
            f"carry the evidence through {', '.join(_tie_text(t) for t in ties)}"
            if ties
            else "no informational tie into them is recorded: bring the evidence yourself"
        )
        text = f"Stand out: show {name} what sets them apart ({what}); {carry}."
    else:
        normative = sorted(
            _ties_in(G, p, "normative", by_id), key=lambda t: (-t.weight, t.person_id)
        )[:1]
        informational = sorted(
            _ties_in(G, p, "informational", by_id), key=lambda t: (-t.weight, t.person_id)
        )[:1]
        ties = normative + informational
        ways = [f"approval through {_tie_text(t)}" for t in normative] + [
            f"evidence through {_tie_text(t)}" for t in informational
        ]
        meanwhile = f"; meanwhile {' and '.join(ways)}" if ways else ""
        text = f"Motive unknown: ask whether {name} wants to fit in or stand out{meanwhile}."
    if member.outcome == "loses":
        why = f" ({member.evidence})" if member.evidence else ""
        text += f" Their standing loses in this deal{why}: answer it before they block."
    return Framing(member.motive, tuple(ties), text)
