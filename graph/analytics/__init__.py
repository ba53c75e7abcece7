"""Analytics over the influence graph of a scope, as pure functions (no database, no HTTP).

Build the graphs with :func:`influence_graph` and :func:`access_graph`, then ask: who is
listened to (:func:`influence_rank`), who brokers (:func:`brokerage`), how status compares
(:func:`status_gap`, :func:`higher_status_influencers`), how we reach each member of a deal
(:func:`deal_routes`, one computation for coverage and plan), how a deal is covered
(:func:`deal_coverage`), who gains and who loses standing (:func:`deal_stakes`), whom to
approach first (:func:`approach_plan`), who reaches several accounts
(:func:`cross_account_influencers`) and what changes if the map changes (:func:`what_if`).
"""

from graph.analytics.accounts import (
    ACCOUNT_KINDS,
    AccountReach,
    CrossAccountInfluencer,
    cross_account_influencers,
)
from graph.analytics.approach import STANCE_VALUES, PlanStep, approach_plan
from graph.analytics.centrality import (
    BrokerageResult,
    InfluenceMeasures,
    InfluenceRankNotConverged,
    brokerage,
    influence_measures,
    influence_rank,
    weighted_degree,
)
from graph.analytics.coverage import (
    Coverage,
    CoverageWarning,
    RoleCoverage,
    RoleHolder,
    deal_coverage,
    is_champion,
    known_to_us,
)
from graph.analytics.influence_graph import (
    APPROACH_SIDES,
    ORG_KINDS,
    ROLES,
    STANCES,
    AnalyticsInputError,
    InfluenceEdge,
    KnowsEdge,
    Member,
    PersonNode,
    access_graph,
    influence_graph,
)
from graph.analytics.reach import Reach, reach_probabilities
from graph.analytics.routes import (
    InfluentialOpponent,
    Route,
    RouteKind,
    deal_routes,
    fitting_colleague,
    influential_opponents,
)
from graph.analytics.stakes import (
    DealStakes,
    Framing,
    FramingTie,
    Hold,
    MemberStake,
    deal_stakes,
    decider_holds,
    framing,
)
from graph.analytics.status import (
    HigherStatusInfluencer,
    OurGap,
    gaps_to_ours,
    higher_status_influencers,
    level_gap,
    level_of,
    our_people,
    status_gap,
)
from graph.analytics.weights import PlanWeights
from graph.analytics.what_if import StepMove, WhatIfDiff, WhatIfResult, what_if

__all__ = [
    "ACCOUNT_KINDS",
    "APPROACH_SIDES",
    "ORG_KINDS",
    "ROLES",
    "STANCES",
    "STANCE_VALUES",
    "AccountReach",
    "AnalyticsInputError",
    "BrokerageResult",
    "Coverage",
    "CoverageWarning",
    "CrossAccountInfluencer",
    "DealStakes",
    "Framing",
    "FramingTie",
    "HigherStatusInfluencer",
    "Hold",
    "InfluenceEdge",
    "InfluenceMeasures",
    "InfluenceRankNotConverged",
    "InfluentialOpponent",
    "KnowsEdge",
    "Member",
    "MemberStake",
    "OurGap",
    "PersonNode",
    "PlanStep",
    "PlanWeights",
    "Reach",
    "RoleCoverage",
    "RoleHolder",
    "Route",
    "RouteKind",
    "StepMove",
    "WhatIfDiff",
    "WhatIfResult",
    "access_graph",
    "approach_plan",
    "brokerage",
    "cross_account_influencers",
    "deal_coverage",
    "deal_routes",
    "deal_stakes",
    "decider_holds",
    "fitting_colleague",
    "framing",
    "gaps_to_ours",
    "higher_status_influencers",
    "influence_graph",
    "influence_measures",
    "influence_rank",
    "influential_opponents",
    "is_champion",
    "known_to_us",
    "level_gap",
    "level_of",
    "our_people",
    "reach_probabilities",
    "status_gap",
    "weighted_degree",
    "what_if",
]
