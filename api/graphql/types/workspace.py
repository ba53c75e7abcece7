"""The Workspace node: the entry point to everything an account team records."""

from __future__ import annotations

import asyncio
import datetime as dt
from dataclasses import replace

import strawberry
from strawberry import relay
from strawberry.types import Info

from api.graphql.context import Context
from api.graphql.enums import (
    IcpField,
    IcpOperator,
    OrganisationKind,
    Role,
    Stance,
)
from api.graphql.ids import key_from_cursor, key_of
from api.graphql.loaders import Maybe, node_now_or_later
from api.graphql.types.analytics import (
    CrossAccountInfluencerView,
    WorkspaceScoreView,
    analysis_of,
    cross_account,
)
from api.graphql.types.common import Ladder, build_connection
from api.graphql.types.deal import Deal, DealConnection
from api.graphql.types.departures import Departure, recent_departures
from api.graphql.types.history import ChangeConnection, changes_field
from api.graphql.types.observers import (
    ObserverAccuracy,
    ReportedTie,
    disputed_ties,
)
from api.graphql.types.observers import (
    observer_accuracy as accuracy_of,
)
from api.graphql.types.organisation import Organisation, OrganisationConnection
from api.graphql.types.past import past_person_row
from api.graphql.types.person import Person, PersonConnection
from graph.analytics import cross_account_influencers
from graph.database.store import Row, WorkspaceStore
from graph.errors import NotFound, ValidationFailed
from graph.repository import deals, organisations, people, workspaces

Ctx = Info[Context, None]

MAX_CROSS_ACCOUNT = 1000
"""Most cross-account influencers one request returns."""


@strawberry.type(description="One criterion of the ideal customer profile.")
class IcpCriterion:
    field: IcpField
    operator: IcpOperator
    values: list[str]
    weight: float


@strawberry.type(description="A separate status map: its organisations, people, deals, ladders.")
class Workspace(relay.Node):
    local_id: relay.NodeID[str]
    row: strawberry.Private[Row]
    key: str = strawberry.field(description="The stable local id.")
    name: str
    changes: ChangeConnection = changes_field(None, "The workspace's change feed, newest first.")

    @strawberry.field(
        description="People who left their organisation in the window, newest first: the deals "
        "it touches, coverage and plan with and without them, and 'champion left' warnings."
    )
    async def departures(
        self, info: Ctx, since: dt.datetime | None = None, until: dt.datetime | None = None
    ) -> list[Departure]:
        return await recent_departures(info, self.local_id, since, until)

    @strawberry.field(
        description="Influence ties whose observers disagree: their reports spread by more than "
        "the dispute threshold (STATUSMAP_DISPUTE_THRESHOLD), widest first. With dealId, the "
        "ties moving a member of that deal's buying centre."
    )
    async def disputed_influences(
        self, info: Ctx, deal_id: strawberry.ID | None = None
    ) -> list[ReportedTie]:
        threshold = info.context.dispute_threshold
        return await disputed_ties(self._ws(info), deal_id, threshold)

    @strawberry.field(
        description="Whose view of the account is accurate: each observer's mean distance from "
        "the consensus over the ties several people reported, most accurate first. With "
        "dealId, over the ties moving a member of that deal's buying centre."
    )
    async def observer_accuracy(
        self, info: Ctx, deal_id: strawberry.ID | None = None
    ) -> list[ObserverAccuracy]:
        return await accuracy_of(self._ws(info), deal_id)

    @classmethod
    def from_row(cls, row: Row) -> Workspace:
        return cls(local_id=row["id"], row=row, key=row["id"], name=row["name"])

    def _ws(self, info: Ctx) -> WorkspaceStore:
        return info.context.reader(self.local_id)

    @strawberry.field(description="Ideal customer profile: criteria with weights.")
    def icp(self) -> list[IcpCriterion]:
        return [
            IcpCriterion(
                field=IcpField(c.field.value),
                operator=IcpOperator(c.operator.value),
                values=list(c.values),
                weight=c.weight,
            )
            for c in workspaces.icp_criteria(self.row)
        ]

    @strawberry.field(
        description="People whose influence reaches two or more accounts: the first `first` "
        "by accounts reached, then total weight. Direct influence (hops 1) is counted over the "
        "whole workspace's graph as arrays, at any size; hops 2 builds the workspace's full "
        "analysis and suits workspaces of thousands of people, not millions."
    )
    async def cross_account_influencers(
        self, info: Ctx, min_accounts: int = 2, hops: int = 1, first: int = 50
    ) -> list[CrossAccountInfluencerView]:
        if min_accounts < 2 or hops not in (1, 2):
            raise ValidationFailed([("minAccounts", "at least 2; hops must be 1 or 2")])
        if not 1 <= first <= MAX_CROSS_ACCOUNT:
            raise ValidationFailed([("first", f"between 1 and {MAX_CROSS_ACCOUNT}")])
        ws = self._ws(info)  # the one place that authorises access to the workspace
        if hops == 1:  # on the analytics engine: in the database with GDS, else as arrays
            measures = info.context.analysis.workspace_measures
            found = await measures.cross_account_influencers(
                ws, min_accounts=min_accounts, first=first
            )
        else:
            analysis = await analysis_of(info, self.local_id, "workspace", None)
            found = await asyncio.to_thread(
                cross_account_influencers, analysis.G, min_accounts=min_accounts, hops=hops
            )
        return cross_account(self.local_id, found[:first])

    @strawberry.field(
        description="The people most listened to in the whole workspace: the first `first` by "
        "influence rank (weighted PageRank on the reversed influence graph, summing to 1 over "
        "the workspace), highest first. Computed on the analytics engine: in the database when "
        "the server has Graph Data Science (STATUSMAP_ANALYTICS_ENGINE), else in the API."
    )
    async def top_influencers(self, info: Ctx, first: int = 10) -> list[WorkspaceScoreView]:
        if not 1 <= first <= MAX_CROSS_ACCOUNT:
            raise ValidationFailed([("first", f"between 1 and {MAX_CROSS_ACCOUNT}")])
        ws = self._ws(info)  # the one place that authorises access to the workspace
        ranked = await info.context.analysis.workspace_measures.influence_rank(ws, first=first)
        return [
            WorkspaceScoreView(workspace=self.local_id, person_key=key, score=score)
            for key, score in ranked.values.items()
        ]

    @strawberry.field(description="Status ladders, the organisational one first.")
    async def ladders(self, info: Ctx) -> list[Ladder]:
        return [Ladder.from_row(r) for r in await workspaces.ladders(self._ws(info))]

    @strawberry.field(description="Organisations by key; search matches the name.")
    async def organisations(
        self,
        info: Ctx,
        kind: OrganisationKind | None = None,
        search: str | None = None,
        industry: str | None = None,
        size_band: str | None = None,
        revenue_band: str | None = None,
        country: str | None = None,
        region: str | None = None,
        technology: str | None = None,
        first: int | None = 50,
        after: str | None = None,
    ) -> OrganisationConnection:
        page = await organisations.organisations_page(
            self._ws(info),
            first=first,
            after=key_from_cursor(after),
            kind=kind.value if kind else None,
            search=search,
            industry=industry,
            size_band=size_band,
            revenue_band=revenue_band,
            country=country,
            region=region,
            technology=technology,
        )
        return build_connection(OrganisationConnection, page, Organisation.from_row)

    @strawberry.field(description="People by key; search matches name or title.")
    async def people(
        self,
        info: Ctx,
        search: str | None = None,
        organisation_id: strawberry.ID | None = None,
        role: Role | None = None,
        stance: Stance | None = None,
        level_rank: int | None = None,
        first: int | None = 50,
        after: str | None = None,
    ) -> PersonConnection:
        page = await people.people_page(
            self._ws(info),
            first=first,
            after=key_from_cursor(after),
            search=search,
            organisation_id=key_of(organisation_id, "Organisation") if organisation_id else None,
            role=role.value if role else None,
            stance=stance.value if stance else None,
            level_rank=level_rank,
        )
        return build_connection(PersonConnection, page, Person.from_row)

    @strawberry.field(description="Deals by key, optionally of one organisation.")
    async def deals(
        self,
        info: Ctx,
        organisation_id: strawberry.ID | None = None,
        first: int | None = 50,
        after: str | None = None,
    ) -> DealConnection:
        page = await deals.deals_page(
            self._ws(info),
            first=first,
            after=key_from_cursor(after),
            organisation_id=key_of(organisation_id, "Organisation") if organisation_id else None,
        )
        return build_connection(DealConnection, page, Deal.from_row)

    @strawberry.field(
        description="One person by global id or key; with `asOf`, their own facts (name, "
        "title, organisation, level) as they stood then (docs/HISTORY.md).",
        graphql_type=Person | None,
    )
    def person(
        self, info: Ctx, id: strawberry.ID, as_of: dt.datetime | None = None
    ) -> Maybe[Person | None]:
        key = (self.local_id, key_of(id, "Person"))
        if as_of is not None:
            return self._past_person(info, key[1], as_of)
        return node_now_or_later(info.context.loaders.person, key, Person.from_row)

    async def _past_person(self, info: Ctx, person_id: str, at: dt.datetime) -> Person | None:
        row = await past_person_row(info, self.local_id, person_id, at)
        return None if row is None else Person.from_row(row)

    @strawberry.field(
        description="One organisation by global id or key; with `asOf`, its influence map as "
        "it stood then.",
        graphql_type=Organisation | None,
    )
    def organisation(
        self, info: Ctx, id: strawberry.ID, as_of: dt.datetime | None = None
    ) -> Maybe[Organisation | None]:
        key = (self.local_id, key_of(id, "Organisation"))
        if as_of is not None:
            return self._past_organisation(info, key[1], as_of)
        return node_now_or_later(info.context.loaders.organisation, key, Organisation.from_row)

    async def _past_organisation(
        self, info: Ctx, organisation_id: str, at: dt.datetime
    ) -> Organisation | None:
        try:
            analysis = await analysis_of(info, self.local_id, "account", organisation_id, at=at)
        except NotFound:
            return None
        assert analysis.past is not None  # read with a moment
        props = analysis.past.organisations.get(organisation_id) or {}
        row = {**props, "id": organisation_id, "workspace": self.local_id}
        return replace(Organisation.from_row(row), as_of=at)

    @strawberry.field(
        description="One deal by global id or key; with `asOf`, as it stood then: its buying "
        "centre, map, coverage, stakes and plan (docs/HISTORY.md).",
        graphql_type=Deal | None,
    )
    def deal(
        self, info: Ctx, id: strawberry.ID, as_of: dt.datetime | None = None
    ) -> Maybe[Deal | None]:
        key = (self.local_id, key_of(id, "Deal"))
        if as_of is not None:
            return Deal.as_it_stood(info, self.local_id, key[1], as_of)
        return node_now_or_later(info.context.loaders.deal, key, Deal.from_row)


@strawberry.type
class WorkspaceConnection(relay.Connection[Workspace]):
    total_count: int
