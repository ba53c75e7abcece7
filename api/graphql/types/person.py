"""The Person node: who someone is, their status, and whom they influence and know."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, TypeAlias, TypeVar

import strawberry
from strawberry import relay
from strawberry.types import Info

from api.graphql.context import Context
from api.graphql.enums import InfluenceBasis, InfluenceKind, ReportingLine, stored
from api.graphql.ids import key_of
from api.graphql.loaders import Maybe, node_now_or_later, now_or_later
from api.graphql.types.analytics import (
    HigherStatusInfluencerView,
    OurGapView,
    analysis_of,
    higher_status,
    our_gaps,
)
from api.graphql.types.common import LadderRef, StatusLevel
from api.graphql.types.history import ChangeConnection, changes_field
from graph.analytics import OurGap, gaps_to_ours, higher_status_influencers, level_gap
from graph.analytics.status import HIGHER_STATUS
from graph.database.store import Row
from graph.errors import ValidationFailed
from graph.model import basis_of
from graph.rules.consensus import Report, reports_of
from graph.rules.consensus import disputed as is_disputed
from graph.scopes.cache import ScopeAnalysis

if TYPE_CHECKING:
    from api.graphql.types.organisation import Organisation

T = TypeVar("T")
Related: TypeAlias = Maybe[list[T]]
"""A relation's people: at once when read ahead, else awaited (see
:func:`api.graphql.loaders.now_or_later`); the field's GraphQL type is given as ``graphql_type``."""

OrganisationRef = Annotated["Organisation", strawberry.lazy("api.graphql.types.organisation")]


@strawberry.type(description="One observer's report of an influence tie.")
class InfluenceReport:
    reported_by: str | None = strawberry.field(
        description="The key of the one of our people who reports it; null: the user did."
    )
    user: str = strawberry.field(description="The user who recorded the report.")
    weight: float
    kind: InfluenceKind | None
    basis: InfluenceBasis | None = strawberry.field(description="As reported; null: not given.")
    at: dt.datetime | None

    @classmethod
    def of(cls, report: Report) -> InfluenceReport:
        return cls(
            reported_by=report.reported_by,
            user=report.user,
            weight=report.weight,
            kind=stored(InfluenceKind, report.kind) if report.kind else None,
            basis=stored(InfluenceBasis, report.basis) if report.basis else None,
            at=report.at,
        )


@strawberry.type(description="An influence edge seen from one end: the other person and how.")
class Influence:
    person: Person
    weight: float = strawberry.field(
        description="0..1: how much the view moves the other's; with several reports, their "
        "consensus (the median of each observer's latest report)."
    )
    kind: InfluenceKind | None
    evidence: str | None
    since: dt.date | None
    until: dt.date | None
    basis: InfluenceBasis = strawberry.field(
        description="NORMATIVE (approval) or INFORMATIONAL (evidence): the recorded basis, "
        "else the default of the kind (advice, external: informational; peer, social, "
        "sponsor: normative)."
    )
    basis_recorded: bool = strawberry.field(
        description="True when the basis was set on the edge, false when it is the kind's default."
    )
    edge: strawberry.Private[Row]

    @strawberry.field(description="Each observer's latest report of the tie, oldest first.")
    def reports(self) -> list[InfluenceReport]:
        return [InfluenceReport.of(r) for r in reports_of(self.edge)]

    @strawberry.field(
        description="The reports disagree: they spread by more than the server's dispute "
        "threshold (STATUSMAP_DISPUTE_THRESHOLD, 0.3 by default)."
    )
    def disputed(self, info: Info[Context, None]) -> bool:
        weights = [r.weight for r in reports_of(self.edge)]
        return is_disputed(weights, info.context.dispute_threshold)

    @classmethod
    def from_row(cls, row: Row) -> Influence:
        edge = row["edge"]
        kind = edge.get("kind")
        return cls(
            edge=edge,
            person=Person.from_row(row["person"]),
            weight=edge["weight"],
            kind=stored(InfluenceKind, kind) if kind else None,
            evidence=edge.get("evidence"),
            since=edge.get("since"),
            until=edge.get("until"),
            basis=basis_of(kind, edge.get("basis")),
            basis_recorded=edge.get("basis") is not None,
        )


@strawberry.type(description="A KNOWS edge seen from one end.")
class Acquaintance:
    person: Person
    strength: float
    last_contact: dt.date | None

    @classmethod
    def from_row(cls, row: Row) -> Acquaintance:
        edge = row["edge"]
        return cls(
            person=Person.from_row(row["person"]),
            strength=edge["strength"],
            last_contact=edge.get("last_contact"),
        )


@strawberry.type(description="A manager of a person, and the kind of line to them.")
class Manager:
    person: Person
    line: ReportingLine = strawberry.field(
        description="SOLID (the first manager) or MATRIX (a second one, drawn dotted)."
    )

    @classmethod
    def from_row(cls, row: Row) -> Manager:
        return cls(person=Person.from_row(row["person"]), line=stored(ReportingLine, row["line"]))


@strawberry.type(description="A person at a customer, prospect, partner or our own organisation.")
class Person(relay.Node):
    local_id: relay.NodeID[str]
    workspace: strawberry.Private[str]
    organisation_id: strawberry.Private[str | None]
    key: str = strawberry.field(description="The stable local id (for CSV and CRM).")
    """A plain field rather than a resolver: read for every person of a buying centre and every
    influencer, it costs graphql-core an attribute lookup instead of a resolver call."""
    name: str
    title: str | None
    department: str | None
    email: str | None
    needs: list[str]
    tags: list[str]
    aliases: list[str] = strawberry.field(
        description="The external ids merged into this person (an import's duplicates=merge, "
        "or a people file's aliases column): rows and references naming one mean this person."
    )
    level: StatusLevel | None = strawberry.field(
        description="Level on the organisational ladder (inferred from the title if not given)."
    )
    history: ChangeConnection = changes_field(
        "person_id",
        "The person's history, newest first: their facts, edges and memberships; the latest "
        "event of a fact says who recorded it, when, and from where.",
    )

    @classmethod
    def from_row(cls, row: Row) -> Person:
        """The node from a stored person row."""
        return cls(
            local_id=row["id"],
            workspace=row["workspace"],
            organisation_id=row.get("organisation_id"),
            key=row["id"],
            name=row["name"],
            title=row.get("title"),
            department=row.get("department"),
            email=row.get("email"),
            needs=row.get("needs") or [],
            tags=row.get("tags") or [],
            aliases=row.get("aliases") or [],
            level=StatusLevel.from_org_row(row["workspace"], row.get("level")),
        )

    @strawberry.field(graphql_type=OrganisationRef | None)
    def organisation(self, info: Info[Context, None]) -> Maybe[Organisation | None]:
        from api.graphql.types.organisation import Organisation

        if self.organisation_id is None:
            return None
        key = (self.workspace, self.organisation_id)
        return node_now_or_later(info.context.loaders.organisation, key, Organisation.from_row)

    @strawberry.field(description="Levels on every ladder of the workspace.")
    async def levels(self, info: Info[Context, None]) -> list[StatusLevel]:
        rows = await info.context.loaders.levels.load((self.workspace, self.local_id))
        return [
            StatusLevel(
                rank=r["rank"],
                name=r["name"],
                inferred=r["inferred"],
                ladder=LadderRef(key=r["ladder_id"], name=r["ladder_name"]),
            )
            for r in rows
        ]

    def _related(
        self, info: Info[Context, None], relation: str, make: Callable[[list[Row]], T]
    ) -> Maybe[T]:
        """``make`` of this person's neighbours by ``relation``: at once if read ahead."""
        key = (self.workspace, (relation, self.local_id))
        return now_or_later(info.context.loaders.related, key, make)

    @strawberry.field(
        description="People who influence this person, strongest first.",
        graphql_type=list[Influence],
    )
    def influencers(
        self,
        info: Info[Context, None],
        higher_status_only: Annotated[
            bool, strawberry.argument(description=f"Only those of higher status. {HIGHER_STATUS}")
        ] = False,
        min_weight: float = 0.0,
    ) -> Related[Influence]:
        # Only the higher-status ones are read when those are asked for: the database filters
        # them (queries/fragments/higher_status.cypher).
        def make(rows: list[Row]) -> list[Influence]:
            return [Influence.from_row(r) for r in rows if r["edge"]["weight"] >= min_weight]

        relation = "influencers_above" if higher_status_only else "influencers"
        return self._related(info, relation, make)

    @strawberry.field(
        description="People this person influences, strongest first.",
        graphql_type=list[Influence],
    )
    def influences(self, info: Info[Context, None], min_weight: float = 0.0) -> Related[Influence]:
        return self._related(
            info,
            "influences",
            lambda rows: [Influence.from_row(r) for r in rows if r["edge"]["weight"] >= min_weight],
        )

    @strawberry.field(
        description="Managers (more than one in a matrix organisation).",
        graphql_type=list["Person"],
    )
    def reports_to(self, info: Info[Context, None]) -> Related[Person]:
        return self._related(info, "managers", _people)

    @strawberry.field(
        description="Managers with the kind of each line: the solid line first, then matrix.",
        graphql_type=list[Manager],
    )
    def managers(self, info: Info[Context, None]) -> Related[Manager]:
        def make(rows: list[Row]) -> list[Manager]:
            found = [Manager.from_row(r) for r in rows]
            return sorted(found, key=lambda m: m.line != ReportingLine.SOLID)

        return self._related(info, "managers", make)

    @strawberry.field(graphql_type=list["Person"])
    def direct_reports(self, info: Info[Context, None]) -> Related[Person]:
        return self._related(info, "reports", _people)

    @strawberry.field(
        description="People this person knows (for our and partners' people).",
        graphql_type=list[Acquaintance],
    )
    def knows(self, info: Info[Context, None]) -> Related[Acquaintance]:
        return self._related(info, "knows", _acquaintances)

    @strawberry.field(
        description="Our and partners' people who know this person.",
        graphql_type=list[Acquaintance],
    )
    def known_by(self, info: Info[Context, None]) -> Related[Acquaintance]:
        return self._related(info, "known_by", _acquaintances)

    @strawberry.field(description="This person's level minus the other's (organisational ladder).")
    async def status_gap(self, info: Info[Context, None], to: strawberry.ID) -> int | None:
        return await self.gap_to(info, key_of(to, "Person"))

    async def gap_to(self, info: Info[Context, None], other_id: str) -> int | None:
        """This person's level minus that of ``other_id`` of the same workspace (``None``: a
        level unknown, or no such person there): every field's status gap to a person."""
        if self.level is None:
            return None
        row = await info.context.loaders.person.load((self.workspace, other_id))
        return self.gap_to_person(None if row is None else Person.from_row(row))

    def gap_to_person(self, other: Person | None) -> int | None:
        """This person's level minus ``other``'s, already loaded (``None``: no such person):
        the rule of :meth:`gap_to`, for callers that load many people at once."""
        if self.level is None or other is None or other.level is None:
            return None
        return level_gap(self.level.rank, other.level.rank)

    async def _account(self, info: Info[Context, None]) -> ScopeAnalysis | None:
        if self.organisation_id is None:
            return None
        return await analysis_of(info, self.workspace, "account", self.organisation_id)

    async def account_gaps(
        self, info: Info[Context, None]
    ) -> tuple[ScopeAnalysis | None, list[OurGap]]:
        """The analysis of this person's account and their status gap to each of our people
        in it, closest match first: every field's gaps to our people."""
        analysis = await self._account(info)
        if analysis is None or self.local_id not in analysis.G:
            return analysis, []
        return analysis, gaps_to_ours(analysis.G, self.local_id, analysis.ours)

    @strawberry.field(description="The status gap to each of our people, closest match first.")
    async def gaps_to_ours(self, info: Info[Context, None]) -> list[OurGapView]:
        _, gaps = await self.account_gaps(info)
        return our_gaps(self.workspace, gaps)

    @strawberry.field(
        description=f"Higher-status people who influence this person (1 or 2 hops), through "
        f"INFLUENCES and reporting lines (the influence graph). {HIGHER_STATUS}"
    )
    async def higher_status_influencers(
        self, info: Info[Context, None], hops: int = 1
    ) -> list[HigherStatusInfluencerView]:
        if hops not in (1, 2):
            raise ValidationFailed([("hops", "must be 1 or 2")])
        analysis = await self._account(info)
        if analysis is None or self.local_id not in analysis.G:
            return []
        found = higher_status_influencers(
            analysis.G, self.local_id, hops=hops, ranks=analysis.ranks
        )
        return higher_status(self.workspace, found)


def _people(rows: list[Row]) -> list[Person]:
    return [Person.from_row(r["person"]) for r in rows]


def _acquaintances(rows: list[Row]) -> list[Acquaintance]:
    return [Acquaintance.from_row(r) for r in rows]


@strawberry.type
class PersonConnection(relay.Connection[Person]):
    total_count: int
