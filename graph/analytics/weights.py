"""The knobs of the approach plan and of the routes it takes (one place for both).

Coverage warnings and plan steps read the same routes (:mod:`graph.analytics.routes`), so the
route settings live here, beside the plan score's weights, rather than with either of them.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.analytics.influence_graph import AnalyticsInputError

__all__ = ["PlanWeights"]


@dataclass(frozen=True, slots=True)
class PlanWeights:
    """Weights of the approach-plan score and the limits of its routes.

    See :mod:`graph.analytics.approach` for the score and :mod:`graph.analytics.routes` for
    the routes.

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
        From this many levels of seniority of the contact over our door-opener, suggest the
        colleague of ours whose level fits better.
    max_route_people : int, default 4
        Longest route in, counted in people: the door-opener, at most ``max_route_people - 2``
        people in between, and the person approached.
    gains : float, default 0.1
        Stake term: added for a member whose standing gains from the deal (a natural champion).
    aspiration_bonus : float, default 0.5
        Stake term: share of ``gains`` added when the member also reaches for a higher level.
    loser_urgency : float, default 0.2
        Stake term: times the hold on the deciders, added for a member whose standing loses,
        so that the plan addresses them before they block.
    influential_hold : float, default 0.5
        A member who loses standing with at least this hold on the deciders is *influential*
        (coverage warns when the plan does not address them).
    reach_exact_limit : int, default 16
        Reach (:mod:`graph.analytics.reach`): most relevant edges enumerated exactly.
    reach_samples : int, default 4000
        Reach: live-edge worlds sampled above that limit (seed 0).
    """

    leverage: float = 0.4
    access: float = 0.3
    stance: float = 0.2
    rank: float = 0.1
    gap_penalty: float = 0.05
    breadth_bonus: float = 0.1
    max_hops: int = 3
    senior_gap: int = 3
    max_route_people: int = 4
    gains: float = 0.1
    aspiration_bonus: float = 0.5
    loser_urgency: float = 0.2
    influential_hold: float = 0.5
    reach_exact_limit: int = 16
    reach_samples: int = 4000

    def __post_init__(self) -> None:
        for name in (
            "leverage",
            "access",
            "stance",
            "rank",
            "gap_penalty",
            "breadth_bonus",
            "gains",
            "aspiration_bonus",
            "loser_urgency",
            "influential_hold",
        ):
            if getattr(self, name) < 0:
                raise AnalyticsInputError(f"plan weight {name} must not be negative")
        if self.max_hops < 1 or self.senior_gap < 1:
            raise AnalyticsInputError("plan max_hops and senior_gap must be at least 1")
        if self.reach_exact_limit < 0 or self.reach_samples < 1:
            raise AnalyticsInputError(
                "plan reach_exact_limit must not be negative and reach_samples must be positive"
            )
        if self.max_route_people < 2:
            raise AnalyticsInputError(
                "plan max_route_people must be at least 2 (a door-opener and the person)"
            )
