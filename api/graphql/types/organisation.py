"""The Organisation node: segment, ICP fit, partners, people and deals."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay
from strawberry.types import Info

from api.graphql.context import Context
from api.graphql.enums import OrganisationKind
from api.graphql.types.analytics import InfluenceMap, analysis_of, influence_map
from api.graphql.types.history import (
    ChangeConnection,
    FactChange,
    changed_since_field,
    changes_field,
)
from api.graphql.types.person import Person
from graph.database.store import Row
from graph.repository.workspaces import organisation_fit

if TYPE_CHECKING:
    from api.graphql.types.deal import Deal

DealRef = Annotated["Deal", strawberry.lazy("api.graphql.types.deal")]


@strawberry.type(description="Fit with the workspace's ideal customer profile.")
class IcpFit:
    score: float = strawberry.field(description="0..1: weight of matched over all criteria.")
    matched: list[str] = strawberry.field(description="Fields of the criteria that matched.")
    missed: list[str]


@strawberry.type(description="A customer, prospect, partner, or our own (home) organisation.")
class Organisation(relay.Node):
    local_id: relay.NodeID[str]
    workspace: strawberry.Private[str]
    row: strawberry.Private[Row]
    key: str = strawberry.field(description="The stable local id (for CSV and CRM).")
    name: str
    kind: OrganisationKind
    industry: str | None
    size_band: str | None
    revenue_band: str | None
    country: str | None
    region: str | None
    technologies: list[str]
    changes: ChangeConnection = changes_field(
        "organisation_id",
        "The account's change feed, newest first: the organisation, its people and its deals.",
    )
    changed_since: list[FactChange] = changed_since_field("account")
    as_of: dt.datetime | None = strawberry.field(
        default=None,
        description="The moment this account's influence map is read as of; null: today.",
    )

    @classmethod
    def from_row(cls, row: Row) -> Organisation:
        """The node from a stored organisation row."""
        return cls(
            local_id=row["id"],
            workspace=row["workspace"],
            row=row,
            key=row["id"],
            name=row["name"],
            kind=OrganisationKind(row.get("kind") or "customer"),
            industry=row.get("industry"),
            size_band=row.get("size_band"),
            revenue_band=row.get("revenue_band"),
            country=row.get("country"),
            region=row.get("region"),
            technologies=row.get("technologies") or [],
        )

    @strawberry.field
    async def icp_fit(self, info: Info[Context, None]) -> IcpFit:
        workspace = await info.context.loaders.workspace.load((self.workspace, self.workspace))
        fit = organisation_fit(workspace or {}, self.row)
        return IcpFit(score=fit.score, matched=fit.matched, missed=fit.missed)

    @strawberry.field
    async def partners(self, info: Info[Context, None]) -> list[Organisation]:
        rows = await info.context.loaders.partners.load((self.workspace, self.local_id))
        return [Organisation.from_row(r["organisation"]) for r in rows]

    @strawberry.field(description="People who work here.")
    async def people(self, info: Info[Context, None]) -> list[Person]:
        rows = await info.context.loaders.people_of.load((self.workspace, self.local_id))
        return [Person.from_row(r["person"]) for r in rows]

    @strawberry.field
    async def deals(self, info: Info[Context, None]) -> list[DealRef]:
        from api.graphql.types.deal import Deal

        rows = await info.context.loaders.deals_of.load((self.workspace, self.local_id))
        return [Deal.from_row(r["deal"]) for r in rows]

    @strawberry.field(
        description="Influence graph of the account (its people, their influencers, ours)."
    )
    async def influence_map(self, info: Info[Context, None]) -> InfluenceMap:
        analysis = await analysis_of(info, self.workspace, "account", self.local_id, at=self.as_of)
        return influence_map(self.workspace, analysis)


@strawberry.type
class OrganisationConnection(relay.Connection[Organisation]):
    total_count: int
