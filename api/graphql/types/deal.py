"""The Deal node and its buying centre: members with roles, stance and journey."""

from __future__ import annotations

import datetime as dt

import strawberry
from strawberry import relay
from strawberry.types import Info

from api.graphql.ahead import member_influencers
from api.graphql.context import Context
from api.graphql.enums import JourneyStage, Motive, Outcome, Role, Stance, stored
from api.graphql.ids import key_from_cursor
from api.graphql.loaders import Maybe, node_now_or_later, now_or_later
from api.graphql.selection import fields_at, selected
from api.graphql.types.analytics import (
    CoverageView,
    DealStakesView,
    InfluenceMap,
    PlanStepView,
    PlanWeightsInput,
    analysis_of,
    coverage_view,
    influence_map,
    plan_view,
    stakes_view,
)
from api.graphql.types.common import build_connection
from api.graphql.types.history import (
    ChangeConnection,
    FactChange,
    changed_since_field,
    changes_field,
)
from api.graphql.types.organisation import Organisation
from api.graphql.types.past import past_member_rows
from api.graphql.types.person import Person
from api.graphql.types.status_gaps import (
    MAX_STATUS_GAP_PEOPLE,
    PersonStatusGapsConnection,
    deal_status_gaps,
)
from api.graphql.types.view import SavedView, SavedViewConnection
from graph.database.store import Row
from graph.errors import NotFound, ValidationFailed
from graph.repository import views
from graph.scopes.past import PastScope


@strawberry.type(description="A dated step of a member's journey in a deal.")
class JourneyEvent:
    stage: JourneyStage
    at: dt.datetime
    note: str | None


@strawberry.type(description="A person's place in a deal's buying centre.")
class BuyingCentreMember:
    deal_id: strawberry.Private[str]
    person: Person
    roles: list[Role]
    stance: Stance
    stage: JourneyStage | None = strawberry.field(description="The latest journey stage.")
    motive: Motive = strawberry.field(
        description="What they want from the purchase for their standing: to fit in with the "
        "peers they look up to, or to stand out."
    )
    outcome: Outcome = strawberry.field(
        description="What the deal does to their standing: gains, neutral, loses or unknown."
    )
    evidence: str | None = strawberry.field(description="Why we think the outcome is so.")
    aspiration: int | None = strawberry.field(
        description="The level on the organisational ladder they reach for, if known."
    )

    @classmethod
    def from_row(cls, deal_id: str, row: Row) -> BuyingCentreMember:
        member = row["member"]
        stage = member.get("stage")
        return cls(
            deal_id=deal_id,
            person=Person.from_row(row["person"]),
            roles=[stored(Role, r) for r in member.get("roles") or []],
            stance=stored(Stance, member.get("stance") or "unknown"),
            stage=stored(JourneyStage, stage) if stage else None,
            motive=stored(Motive, member.get("motive") or "unknown"),
            outcome=stored(Outcome, member.get("outcome") or "unknown"),
            evidence=member.get("evidence"),
            aspiration=member.get("aspiration"),
        )

    @strawberry.field(description="Every recorded stage, oldest first.")
    async def journey(self, info: Info[Context, None]) -> list[JourneyEvent]:
        key = (self.person.workspace, (self.deal_id, self.person.local_id))
        rows = await info.context.loaders.journeys.load(key)
        return [
            JourneyEvent(stage=JourneyStage(r["stage"]), at=r["at"], note=r.get("note"))
            for r in rows
        ]


@strawberry.type(description="A purchase, around which a buying centre forms.")
class Deal(relay.Node):
    local_id: relay.NodeID[str]
    workspace: strawberry.Private[str]
    organisation_id: strawberry.Private[str | None]
    key: str = strawberry.field(description="The stable local id (for CSV and CRM).")
    name: str
    changes: ChangeConnection = changes_field(
        "deal_id", "The deal's change feed, newest first: its buying centre and its members."
    )
    changed_since: list[FactChange] = changed_since_field("deal")
    as_of: dt.datetime | None = strawberry.field(
        default=None,
        description="The moment this deal is read as of (its buying centre, map, coverage, "
        "stakes and plan as they stood then); null: today.",
    )
    past: strawberry.Private[PastScope | None] = None

    @classmethod
    def from_row(cls, row: Row) -> Deal:
        """The node from a stored deal row."""
        return cls(
            local_id=row["id"],
            workspace=row["workspace"],
            organisation_id=row.get("organisation_id"),
            key=row["id"],
            name=row["name"],
        )

    @strawberry.field(graphql_type=Organisation | None)
    def organisation(self, info: Info[Context, None]) -> Maybe[Organisation | None]:
        if self.organisation_id is None:
            return None
        key = (self.workspace, self.organisation_id)
        return node_now_or_later(info.context.loaders.organisation, key, Organisation.from_row)

    @classmethod
    async def as_it_stood(
        cls, info: Info[Context, None], workspace: str, deal_id: str, at: dt.datetime
    ) -> Deal | None:
        """The deal as it stood at ``at`` (``None``: not in the map then)."""
        try:
            analysis = await analysis_of(info, workspace, "deal", deal_id, at=at)
        except NotFound:
            return None
        assert analysis.past is not None  # read with a moment
        props = analysis.past.facts.get(("deal", deal_id)) or {}
        row = await info.context.loaders.deal.load((workspace, deal_id))
        return cls(
            local_id=deal_id,
            workspace=workspace,
            organisation_id=analysis.scope.account_id,
            key=deal_id,
            name=props.get("name") or (row or {}).get("name") or deal_id,
            as_of=at,
            past=analysis.past,
        )

    async def _past_buying_centre(self, info: Info[Context, None]) -> list[BuyingCentreMember]:
        assert self.past is not None
        past = self.past
        rows = await past_member_rows(info, self.workspace, self.local_id, past.facts, past.changed)
        return [BuyingCentreMember.from_row(self.local_id, r) for r in rows]

    @strawberry.field(graphql_type=list[BuyingCentreMember])
    def buying_centre(self, info: Info[Context, None]) -> Maybe[list[BuyingCentreMember]]:
        if self.past is not None:
            return self._past_buying_centre(info)
        # Members, their people, organisations and (when asked) influencers in one read; only
        # the higher-status influencers when every selection asks for no others.
        influencers = member_influencers(fields_at(selected(info), "person", "influencers"))
        loader = info.context.loaders.members[influencers]
        deal_id = self.local_id

        def members(rows: list[Row]) -> list[BuyingCentreMember]:
            return [BuyingCentreMember.from_row(deal_id, r) for r in rows]

        return now_or_later(loader, (self.workspace, deal_id), members)

    @strawberry.field(description="Influence graph of the deal's people, with their measures.")
    async def influence_map(self, info: Info[Context, None]) -> InfluenceMap:
        analysis = await analysis_of(info, self.workspace, "deal", self.local_id, at=self.as_of)
        return influence_map(self.workspace, analysis)

    @strawberry.field(
        description="Each buying-centre role: filled, by whom, known to us; warnings."
    )
    async def coverage(self, info: Info[Context, None]) -> CoverageView:
        analysis = await analysis_of(info, self.workspace, "deal", self.local_id, at=self.as_of)
        assert analysis.coverage is not None  # a deal scope always has coverage
        return coverage_view(self.workspace, analysis.G, analysis.coverage)

    @strawberry.field(
        description="Who gains and who loses standing in this deal, weighted by their hold on "
        "the deciders."
    )
    async def status_stakes(self, info: Info[Context, None]) -> DealStakesView:
        analysis = await analysis_of(info, self.workspace, "deal", self.local_id, at=self.as_of)
        assert analysis.stakes is not None  # a deal scope always has stakes
        return stakes_view(self.workspace, analysis.stakes)

    @strawberry.field(
        description="The deal's saved views, shared by the workspace's team, by name."
    )
    async def views(
        self, info: Info[Context, None], first: int | None = None, after: str | None = None
    ) -> SavedViewConnection:
        ws = info.context.reader(self.workspace)
        page = await views.views_page(ws, self.local_id, first, key_from_cursor(after))
        return build_connection(SavedViewConnection, page, SavedView.from_row)

    @strawberry.field(
        description="Status gaps for many people in one request: each person's gap to the "
        "deal's deciders and to our people, and the colleague of ours suggested for them, "
        "ordered by key. `people`: global ids or keys (at most "
        f"{MAX_STATUS_GAP_PEOPLE}); null: every person of the deal's map. Ids of no one in "
        "this workspace are left out. Today's map only (not with `asOf`)."
    )
    async def status_gaps(
        self,
        info: Info[Context, None],
        people: list[strawberry.ID] | None = None,
        first: int | None = 50,
        after: str | None = None,
    ) -> PersonStatusGapsConnection:
        if self.as_of is not None:
            raise ValidationFailed([("statusGaps", "read on today's map; ask without asOf")])
        return await deal_status_gaps(info, self.workspace, self.local_id, people, first, after)

    @strawberry.field(description="Whom to approach first, why, and via whom (README: formula).")
    async def approach_plan(
        self, info: Info[Context, None], weights: PlanWeightsInput | None = None
    ) -> list[PlanStepView]:
        analysis = await analysis_of(
            info, self.workspace, "deal", self.local_id, weights, at=self.as_of
        )
        assert analysis.plan is not None  # a deal scope always has a plan
        return plan_view(self.workspace, analysis.G, analysis.plan)


@strawberry.type
class DealConnection(relay.Connection[Deal]):
    total_count: int
