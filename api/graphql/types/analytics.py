"""GraphQL views of the analytics: influence map, coverage, approach plan, status, what-if.

Results come from :class:`graph.scopes.cache.AnalysisCache` (one computation per scope until a
write changes the workspace). People are returned as ``personKey`` (cheap) and ``person``
(the full node, batch-loaded per request).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import TYPE_CHECKING, Annotated, NewType

import networkx as nx
import strawberry
from strawberry.types import Info
from strawberry.types.scalar import ScalarDefinition

from api.graphql.context import Context
from graph.analytics import (
    AnalyticsInputError,
    Coverage,
    CoverageWarning,
    CrossAccountInfluencer,
    HigherStatusInfluencer,
    OurGap,
    PlanStep,
    Route,
)
from graph.analytics.routes import person_name
from graph.analytics.stakes import DealStakes, Framing
from graph.errors import ValidationFailed
from graph.scopes.cache import AnalysisOptions, ScopeAnalysis
from graph.scopes.gc_pause import gc_paused
from graph.scopes.read import ScopeKind

if TYPE_CHECKING:
    from api.graphql.types.observers import ReportedTie
    from api.graphql.types.person import Person

PersonRef = Annotated["Person", strawberry.lazy("api.graphql.types.person")]
ReportedTieRef = Annotated["ReportedTie", strawberry.lazy("api.graphql.types.observers")]
Ctx = Info[Context, None]


async def _load_person(info: Ctx, workspace: str, key: str | None) -> Person | None:
    from api.graphql.types.person import Person

    if key is None:
        return None
    row = await info.context.loaders.person.load((workspace, key))
    return Person.from_row(row) if row else None


@strawberry.interface(description="Something about one person of the map.")
class AboutPerson:
    workspace: strawberry.Private[str]
    person_key: str = strawberry.field(description="The person's stable key.")

    @strawberry.field(description="The person (batch-loaded).")
    async def person(self, info: Ctx) -> PersonRef | None:
        return await _load_person(info, self.workspace, self.person_key)


@strawberry.type(description="A person's measures in a scope.")
class InfluenceMapPerson(AboutPerson):
    influence_rank: float = strawberry.field(
        description="Weighted PageRank on the reversed influence graph: who is listened to."
    )
    brokerage: float = strawberry.field(description="Normalised directed betweenness (hops).")
    in_degree: float = strawberry.field(description="Sum of incoming influence weights.")
    out_degree: float = strawberry.field(description="Sum of outgoing influence weights.")
    status_level: int | None = strawberry.field(description="Rank on the organisational ladder.")
    org_key: str | None
    org_kind: str | None


@strawberry.type(description="An edge of the influence graph (REPORTS_TO lines included).")
class InfluenceMapEdge:
    source: str = strawberry.field(description="Key of the influencing person.")
    target: str = strawberry.field(description="Key of the influenced person.")
    weight: float
    kind: str


# A big map has tens of thousands of edges; served as one object per edge, GraphQL spends
# microseconds on every field of every edge (seconds in all). A column is one value: a JSON array
# with one entry per row, in the same row order across the columns of one table.
StringColumn = NewType("StringColumn", list[str | None])
FloatColumn = NewType("FloatColumn", list[float])
IntColumn = NewType("IntColumn", list[int | None])

COLUMN_SCALARS: dict[object, ScalarDefinition] = {
    column: strawberry.scalar(
        name=column.__name__,
        description=f"A column of a table: a JSON array of {what}, one per row.",
        serialize=lambda value: value,
        parse_value=lambda value: value,
    )
    for column, what in (
        (StringColumn, "strings (null where unknown)"),
        (FloatColumn, "numbers"),
        (IntColumn, "integers (null where unknown)"),
    )
}
"""The column scalars, for the schema's ``scalar_map``."""


@strawberry.type(
    description="The edges of an influence map as columns: entry i of each column is edge i. "
    "The same edges, in the same order, as `edges`; far cheaper to serve for a big map."
)
class InfluenceMapEdgeColumns:
    source: StringColumn = strawberry.field(description="Keys of the influencing people.")
    target: StringColumn = strawberry.field(description="Keys of the influenced people.")
    weight: FloatColumn
    kind: StringColumn


@strawberry.type(
    description="The people of an influence map as columns: entry i of each column is person "
    "i. The same people, in the same order, as `people`; far cheaper to serve for a big map."
)
class InfluenceMapPeopleColumns:
    person_key: StringColumn
    influence_rank: FloatColumn
    brokerage: FloatColumn
    in_degree: FloatColumn
    out_degree: FloatColumn
    status_level: IntColumn
    org_key: StringColumn
    org_kind: StringColumn


@strawberry.type(description="The influence graph of a scope with every person's measures.")
class InfluenceMap:
    workspace: strawberry.Private[str]
    analysis: strawberry.Private[ScopeAnalysis]

    @strawberry.field(description="Everyone in scope, by key.")
    def people(self) -> list[InfluenceMapPerson]:
        analysis = self.analysis
        return [
            InfluenceMapPerson(
                workspace=self.workspace,
                person_key=node,
                influence_rank=analysis.ranks.get(node, 0.0),
                brokerage=analysis.brokerage.values.get(node, 0.0),
                in_degree=analysis.degrees[node][0],
                out_degree=analysis.degrees[node][1],
                status_level=data.get("level"),
                org_key=data.get("org_id"),
                org_kind=data.get("org_kind"),
            )
            for node, data in sorted(analysis.G.nodes(data=True))
        ]

    @strawberry.field(description="Every edge, by the keys of its people.")
    def edges(self) -> list[InfluenceMapEdge]:
        return [
            InfluenceMapEdge(source=a, target=b, weight=d["weight"], kind=d.get("kind") or "")
            for a, b, d in sorted(self.analysis.G.edges(data=True))
        ]

    @strawberry.field(description="`people` as columns.")
    def people_columns(self) -> InfluenceMapPeopleColumns:
        analysis = self.analysis
        nodes = sorted(analysis.G.nodes(data=True))
        keys = [node for node, _ in nodes]
        ranks, values, degrees = analysis.ranks, analysis.brokerage.values, analysis.degrees
        return InfluenceMapPeopleColumns(
            person_key=StringColumn(keys),
            influence_rank=FloatColumn([ranks.get(k, 0.0) for k in keys]),
            brokerage=FloatColumn([values.get(k, 0.0) for k in keys]),
            in_degree=FloatColumn([degrees[k][0] for k in keys]),
            out_degree=FloatColumn([degrees[k][1] for k in keys]),
            status_level=IntColumn([d.get("level") for _, d in nodes]),
            org_key=StringColumn([d.get("org_id") for _, d in nodes]),
            org_kind=StringColumn([d.get("org_kind") for _, d in nodes]),
        )

    @strawberry.field(description="`edges` as columns.")
    def edge_columns(self) -> InfluenceMapEdgeColumns:
        source: list[str | None] = []
        target: list[str | None] = []
        weight: list[float] = []
        kind: list[str | None] = []
        adjacency = self.analysis.G.adj
        with gc_paused():  # tens of thousands of entries, none of them garbage
            for a in sorted(adjacency):
                successors = adjacency[a]
                for b in sorted(successors):
                    data = successors[b]
                    source.append(a)
                    target.append(b)
                    weight.append(data["weight"])
                    kind.append(data.get("kind") or "")
        return InfluenceMapEdgeColumns(
            source=StringColumn(source),
            target=StringColumn(target),
            weight=FloatColumn(weight),
            kind=StringColumn(kind),
        )

    @strawberry.field(
        description="The map's influence lines that two or more observers reported: whether "
        "they are disputed (as Influence.disputed) and each observer's report, by source then "
        "target. A line not listed has one report at most, so it is not disputed. On a map "
        "read with asOf, the reports as they stood then."
    )
    async def reported_ties(self, info: Ctx) -> list[ReportedTieRef]:
        from api.graphql.types.observers import reported_ties_on

        ws = info.context.reader(self.workspace)
        return await reported_ties_on(
            ws, self.analysis.G, info.context.dispute_threshold, self.analysis.past
        )

    @strawberry.field(
        description="False when brokerage was sampled (large scopes); see README for accuracy."
    )
    def brokerage_exact(self) -> bool:
        return self.analysis.brokerage.exact

    @strawberry.field
    def brokerage_samples(self) -> int:
        return self.analysis.brokerage.samples_used


def influence_map(workspace: str, analysis: ScopeAnalysis) -> InfluenceMap:
    return InfluenceMap(workspace=workspace, analysis=analysis)


@strawberry.type(
    description="A person on a route in, with their name and side (ours, partner or contact)."
)
class RoutePersonView(AboutPerson):
    name: str
    side: str = strawberry.field(description="ours, partner or contact.")


@strawberry.type(
    description="A route in to a member, computed once for coverage and plan: door-opener, "
    "at most two in between (by default), the member. `text` says it in words, by name."
)
class RouteView:
    kind: str = strawberry.field(
        description="direct (ours knows them), via_contact (ours, one contact), partner (a "
        "partner's person opens the door), via_contacts (ours, two contacts) or none."
    )
    people: list[RoutePersonView] = strawberry.field(
        description="From the door-opener to the member; empty when there is no route."
    )
    strength: float = strawberry.field(description="Product of the strengths along the route.")
    door_opener_key: str | None = strawberry.field(description="Key of the first person.")
    our_person_key: str | None = strawberry.field(
        description="The colleague of ours suggested to make the approach."
    )
    status_gap: int | None = strawberry.field(
        description="The member's level minus the suggested colleague's."
    )
    through_opponents: list[str] = strawberry.field(
        description="Keys of influential opponents passed (only when no other route exists)."
    )
    text: str = strawberry.field(description="The route in words, people by name.")


_SIDES = {"home": "ours", "partner": "partner"}


def route_view(workspace: str, G: nx.DiGraph, route: Route) -> RouteView:
    nodes = G.nodes
    return RouteView(
        kind=route.kind.value,
        people=[
            RoutePersonView(
                workspace=workspace,
                person_key=p,
                name=person_name(G, p),
                side=_SIDES.get(nodes[p].get("org_kind"), "contact"),
            )
            for p in route.path
        ],
        strength=route.strength,
        door_opener_key=route.door_opener,
        our_person_key=route.our_person,
        status_gap=route.status_gap,
        through_opponents=list(route.through_opponents),
        text=route.text,
    )


@strawberry.type(description="A member holding a role.")
class RoleHolderView(AboutPerson):
    stance: str
    known_to_us: bool = strawberry.field(
        description="Their route in is direct: someone of ours (or a partner's) knows them."
    )
    known_by: str | None = strawberry.field(description="Key of the door-opener who knows them.")
    strength: float | None
    holds_role: bool = strawberry.field(
        description="False for a champion listed by stance alone (a champion holds the role "
        "or has the champion stance)."
    )
    route: RouteView = strawberry.field(description="The route in, as the plan takes it.")


@strawberry.type(description="One buying-centre role: filled or not, and by whom.")
class RoleCoverageView:
    role: str
    filled: bool
    holders: list[RoleHolderView]


@strawberry.type(description="A gap in coverage, with a stable code.")
class CoverageWarningView:
    code: str
    message: str = strawberry.field(description="The warning in words, people by name.")
    people: list[str] = strawberry.field(description="Keys of the people it concerns.")
    routes: list[RouteView] = strawberry.field(
        description="The routes in to the people concerned, when it is about reaching them "
        "(the same routes as the plan's steps)."
    )


@strawberry.type(description="How well a deal's buying centre is covered.")
class CoverageView:
    roles: list[RoleCoverageView]
    warnings: list[CoverageWarningView]


def warning_view(workspace: str, G: nx.DiGraph, w: CoverageWarning) -> CoverageWarningView:
    return CoverageWarningView(
        code=w.code,
        message=w.message,
        people=list(w.people),
        routes=[route_view(workspace, G, r) for r in w.routes],
    )


def coverage_view(workspace: str, G: nx.DiGraph, coverage: Coverage) -> CoverageView:
    return CoverageView(
        roles=[
            RoleCoverageView(
                role=r.role,
                filled=r.filled,
                holders=[
                    RoleHolderView(
                        workspace=workspace,
                        person_key=h.person_id,
                        stance=h.stance,
                        known_to_us=h.known_to_us,
                        known_by=h.known_by,
                        strength=h.strength,
                        holds_role=h.holds_role,
                        route=route_view(workspace, G, h.route),
                    )
                    for h in r.holders
                ],
            )
            for r in coverage.roles
        ],
        warnings=[warning_view(workspace, G, w) for w in coverage.warnings],
    )


@strawberry.type(description="A decider the candidate reaches, and how strongly.")
class Leverage:
    decider: str
    strength: float
    path: list[str]


@strawberry.type(
    description="The probability that the candidate's view reaches a decider or approver "
    "(independent cascade over the influence weights)."
)
class ReachView:
    decider: str = strawberry.field(description="Key of the decider or approver.")
    probability: float


@strawberry.type(description="An influence tie into a member that a framing uses.")
class FramingTieView(AboutPerson):
    name: str
    level: int | None
    kind: str
    basis: str = strawberry.field(description="normative or informational.")
    weight: float
    on_our_side: bool = strawberry.field(description="A member whose stance is for us.")
    against: bool = strawberry.field(
        description="A member whose stance is against us (a fit-in framing says to win them "
        "over first rather than holding them up as backing the deal)."
    )


@strawberry.type(
    description="How to frame the approach, from the member's motive: fit in (the peers and "
    "seniors they look up to, normative ties) or stand out (what sets them apart, "
    "informational ties)."
)
class FramingView:
    motive: str = strawberry.field(description="fit_in, stand_out or unknown.")
    ties: list[FramingTieView]
    text: str


def framing_view(workspace: str, framing: Framing) -> FramingView:
    return FramingView(
        motive=framing.motive,
        ties=[
            FramingTieView(
                workspace=workspace,
                person_key=t.person_id,
                name=t.name,
                level=t.level,
                kind=t.kind,
                basis=t.basis,
                weight=t.weight,
                on_our_side=t.on_our_side,
                against=t.against,
            )
            for t in framing.ties
        ],
        text=framing.text,
    )


@strawberry.type(description="One step of the approach plan: whom, why, via whom.")
class PlanStepView(AboutPerson):
    order: int
    score: float
    reasons: list[str]
    roles: list[str]
    leverage_on: list[Leverage]
    intro_path: list[str] = strawberry.field(description="Keys from the door-opener to them.")
    intro_kind: str = strawberry.field(
        description="ours, partner, contact or none (`route.kind` says it more precisely)."
    )
    our_person_key: str | None = strawberry.field(description="Who of ours should approach.")
    status_gap: int | None = strawberry.field(description="Their level minus our person's.")
    stance: str
    leverage: float
    access: float
    route: RouteView = strawberry.field(
        description="The route in (the same one coverage warnings speak of), with its text."
    )
    stake: float = strawberry.field(description="The status-stake term of the score.")
    motive: str = strawberry.field(description="fit_in, stand_out or unknown.")
    outcome: str = strawberry.field(description="gains, neutral, loses or unknown.")
    framing: FramingView = strawberry.field(description="How to frame the approach.")
    reach_on: list[ReachView] = strawberry.field(
        description="Beside leverage (the strongest path): the probability that their view "
        "reaches each decider over all paths, most probable first."
    )
    reach_exact: bool = strawberry.field(description="False when the reach was sampled.")
    reach_error: float = strawberry.field(
        description="Largest standard error of a sampled reach (0 when exact)."
    )

    @strawberry.field(description="The person of ours suggested for the approach.")
    async def our_person(self, info: Ctx) -> PersonRef | None:
        return await _load_person(info, self.workspace, self.our_person_key)


def plan_view(
    workspace: str, G: nx.DiGraph, plan: list[PlanStep] | tuple[PlanStep, ...]
) -> list[PlanStepView]:
    return [
        PlanStepView(
            workspace=workspace,
            person_key=s.person_id,
            order=s.order,
            score=s.score,
            reasons=list(s.reasons),
            roles=list(s.roles),
            leverage_on=[
                Leverage(decider=d, strength=w, path=list(p)) for d, w, p in s.leverage_on
            ],
            intro_path=list(s.intro_path),
            intro_kind=s.intro_kind,
            our_person_key=s.our_person,
            status_gap=s.status_gap,
            stance=s.stance,
            leverage=s.leverage,
            access=s.access,
            route=route_view(workspace, G, s.route),
            stake=s.stake,
            motive=s.motive,
            outcome=s.outcome,
            framing=framing_view(workspace, s.framing),
            reach_on=[ReachView(decider=d, probability=q) for d, q in s.reach_on],
            reach_exact=s.reach_exact,
            reach_error=s.reach_error,
        )
        for s in plan
    ]


@strawberry.type(description="A member's status stake with their hold on the deciders.")
class MemberStakeView(AboutPerson):
    motive: str
    outcome: str
    evidence: str | None
    level: int | None
    aspiration: int | None
    aspiration_gap: int | None = strawberry.field(description="Aspired level minus current.")
    hold: float = strawberry.field(
        description="How strongly they move the deciders (the plan's leverage)."
    )
    weighted: float = strawberry.field(description="+hold if they gain, -hold if they lose.")


@strawberry.type(description="Who gains and who loses standing in a deal.")
class DealStakesView:
    members: list[MemberStakeView]
    gainers: list[str] = strawberry.field(description="Keys, strongest hold first.")
    losers: list[str] = strawberry.field(description="Keys, strongest hold first.")
    net: float = strawberry.field(description="Sum of the weighted stakes.")


def stakes_view(workspace: str, stakes: DealStakes) -> DealStakesView:
    return DealStakesView(
        members=[
            MemberStakeView(
                workspace=workspace,
                person_key=m.person_id,
                motive=m.motive,
                outcome=m.outcome,
                evidence=m.evidence,
                level=m.level,
                aspiration=m.aspiration,
                aspiration_gap=m.aspiration_gap,
                hold=m.hold,
                weighted=m.weighted,
            )
            for m in stakes.members
        ],
        gainers=list(stakes.gainers),
        losers=list(stakes.losers),
        net=stakes.net,
    )


@strawberry.type(description="The status gap between a contact and one of our people.")
class OurGapView(AboutPerson):
    level: int | None
    gap: int | None = strawberry.field(description="The contact's level minus our person's.")


def our_gaps(workspace: str, gaps: list[OurGap]) -> list[OurGapView]:
    return [
        OurGapView(workspace=workspace, person_key=g.our_person, level=g.level, gap=g.gap)
        for g in gaps
    ]


@strawberry.type(description="Someone of higher status who influences the person.")
class HigherStatusInfluencerView(AboutPerson):
    level: int
    gap: int = strawberry.field(description="Their level minus the influenced person's.")
    strength: float = strawberry.field(description="Weight, or product of weights over 2 hops.")
    via: str | None = strawberry.field(description="Key of the middle person on a 2-hop path.")


def higher_status(
    workspace: str, found: list[HigherStatusInfluencer]
) -> list[HigherStatusInfluencerView]:
    return [
        HigherStatusInfluencerView(
            workspace=workspace,
            person_key=h.person_id,
            level=h.level,
            gap=h.gap,
            strength=h.strength,
            via=h.via,
        )
        for h in found
    ]


@strawberry.type(description="An account a cross-account influencer reaches.")
class AccountReachView:
    organisation_key: str
    people: list[str]
    weight: float


@strawberry.type(description="A person whose influence reaches two or more accounts.")
class CrossAccountInfluencerView(AboutPerson):
    org_key: str | None
    accounts: list[AccountReachView]
    total_weight: float


@strawberry.type(description="A person and one whole-workspace measure.")
class WorkspaceScoreView(AboutPerson):
    score: float


def cross_account(
    workspace: str, found: list[CrossAccountInfluencer]
) -> list[CrossAccountInfluencerView]:
    return [
        CrossAccountInfluencerView(
            workspace=workspace,
            person_key=c.person_id,
            org_key=c.org_id,
            accounts=[
                AccountReachView(organisation_key=a.org_id, people=list(a.people), weight=a.weight)
                for a in c.accounts
            ],
            total_weight=c.total_weight,
        )
        for c in found
    ]


@strawberry.input(description="Weights of the approach-plan score (README: 'Approach plan').")
class PlanWeightsInput:
    leverage: float | None = None
    access: float | None = None
    stance: float | None = None
    rank: float | None = None
    gap_penalty: float | None = None
    max_route_people: int | None = strawberry.field(
        default=None,
        description="Longest route in, in people (door-opener, those between, the member); 4.",
    )
    gains: float | None = strawberry.field(
        default=None, description="Stake term for a member whose standing gains; 0.1."
    )
    aspiration_bonus: float | None = strawberry.field(
        default=None, description="Share of gains added when they reach for a higher level; 0.5."
    )
    loser_urgency: float | None = strawberry.field(
        default=None,
        description="Stake term per unit of hold on the deciders for a member who loses; 0.2.",
    )


async def analysis_of(
    info: Ctx,
    workspace: str,
    kind: ScopeKind,
    key: str | None,
    weights: PlanWeightsInput | None = None,
    at: dt.datetime | None = None,
) -> ScopeAnalysis:
    """The cached analysis of a scope of ``workspace``, with optional plan weights.

    ``at``: the scope as it stood at that moment (``None``: today's map).
    """
    options = AnalysisOptions()
    if weights is not None:
        given = {k: v for k, v in vars(weights).items() if v is not None}
        try:
            options = replace(options, plan=replace(options.plan, **given))
        except AnalyticsInputError as e:
            raise ValidationFailed([("weights", e.message)]) from e
    ws = info.context.reader(workspace)
    return await info.context.analysis.get(ws, kind, key, options, at=at)
