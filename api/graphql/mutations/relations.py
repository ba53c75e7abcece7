"""Mutations on edges between people: influence, acquaintance, reporting lines."""

from __future__ import annotations

import datetime as dt

import strawberry
from strawberry.types import Info

from api.graphql.context import Context
from api.graphql.enums import InfluenceBasis, InfluenceKind, ReportingLine
from api.graphql.errors import attempt
from api.graphql.ids import key_of
from api.graphql.mutations.common import (
    EdgePayload,
    EdgeSuccess,
    UpsertPayload,
    UpsertSuccess,
    given,
)
from graph.repository import relations

Ctx = Info[Context, None]
REFS = {"source_id": "Person", "target_id": "Person", "reported_by": "Person"}


@strawberry.input(description="source's view moves target's, with weight 0..1.")
class InfluenceItem:
    source_id: strawberry.ID
    target_id: strawberry.ID
    weight: float
    kind: InfluenceKind | None = strawberry.UNSET
    evidence: str | None = strawberry.UNSET
    since: dt.date | None = strawberry.UNSET
    until: dt.date | None = strawberry.UNSET
    basis: InfluenceBasis | None = strawberry.field(
        default=strawberry.UNSET,
        description="NORMATIVE or INFORMATIONAL; left out or null: the default of the kind.",
    )
    reported_by: strawberry.ID | None = strawberry.field(
        default=strawberry.UNSET,
        description="The one of our people who reports the tie (a Person's id or key); left "
        "out: the user of the token. Each observer's latest report is kept; the tie's weight "
        "is their consensus (see Influence.reports).",
    )


@strawberry.input
class UpsertInfluenceInput(InfluenceItem):
    workspace_id: strawberry.ID


@strawberry.input
class UpsertInfluencesInput:
    workspace_id: strawberry.ID
    influences: list[InfluenceItem]


@strawberry.input(description="One of our (or a partner's) people knows target.")
class UpsertKnowsInput:
    workspace_id: strawberry.ID
    source_id: strawberry.ID
    target_id: strawberry.ID
    strength: float = 0.5
    last_contact: dt.date | None = strawberry.UNSET


@strawberry.input(description="The edge source → target.")
class EdgeInput:
    workspace_id: strawberry.ID
    source_id: strawberry.ID
    target_id: strawberry.ID


@strawberry.input(description="person reports to manager.")
class ReportsToInput:
    workspace_id: strawberry.ID
    person_id: strawberry.ID
    manager_id: strawberry.ID
    line: ReportingLine | None = strawberry.field(
        default=None,
        description="SOLID or MATRIX; left out: the first manager is the solid line, a second "
        "one a matrix line (a line already stored keeps its kind). Ignored on removal.",
    )


def _ok(_: object) -> EdgeSuccess:
    return EdgeSuccess()


@strawberry.type
class RelationMutations:
    @strawberry.mutation(description="Create or replace the influence source → target.")
    async def upsert_influence(self, info: Ctx, input: UpsertInfluenceInput) -> EdgePayload:
        ws = info.context.scoped(input.workspace_id)
        return await attempt(relations.upsert_influence(ws, given(input, REFS)), _ok)

    @strawberry.mutation(description="Create or replace many influences (all or nothing).")
    async def upsert_influences(self, info: Ctx, input: UpsertInfluencesInput) -> UpsertPayload:
        ws = info.context.scoped(input.workspace_id)
        items = [given(i, REFS) for i in input.influences]
        return await attempt(
            relations.upsert_influences(ws, items), lambda n: UpsertSuccess(keys=[], count=n)
        )

    @strawberry.mutation
    async def delete_influence(self, info: Ctx, input: EdgeInput) -> EdgePayload:
        ws = info.context.scoped(input.workspace_id)
        return await attempt(relations.delete_influence(ws, given(input, REFS)), _ok)

    @strawberry.mutation(description="Create or replace source KNOWS target.")
    async def upsert_knows(self, info: Ctx, input: UpsertKnowsInput) -> EdgePayload:
        ws = info.context.scoped(input.workspace_id)
        return await attempt(relations.upsert_one_knows(ws, given(input, REFS)), _ok)

    @strawberry.mutation
    async def delete_knows(self, info: Ctx, input: EdgeInput) -> EdgePayload:
        ws = info.context.scoped(input.workspace_id)
        return await attempt(relations.delete_knows(ws, given(input, REFS)), _ok)

    @strawberry.mutation(
        description="Add a reporting line; several managers are allowed (a second is a matrix "
        "line unless told otherwise)."
    )
    async def add_reports_to(self, info: Ctx, input: ReportsToInput) -> EdgePayload:
        ws = info.context.scoped(input.workspace_id)
        person, manager = key_of(input.person_id, "Person"), key_of(input.manager_id, "Person")
        line = input.line.value if input.line is not None else None
        return await attempt(relations.add_reports_to(ws, person, manager, line), _ok)

    @strawberry.mutation
    async def remove_reports_to(self, info: Ctx, input: ReportsToInput) -> EdgePayload:
        ws = info.context.scoped(input.workspace_id)
        person, manager = key_of(input.person_id, "Person"), key_of(input.manager_id, "Person")
        return await attempt(relations.remove_reports_to(ws, person, manager), _ok)
