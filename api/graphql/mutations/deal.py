"""Mutations on deals, buying-centre membership and journey stages."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import strawberry
from strawberry import relay
from strawberry.types import Info

from api.graphql.context import Context
from api.graphql.enums import JourneyStage, Motive, Outcome, Role, Stance
from api.graphql.errors import Failure, attempt
from api.graphql.ids import key_of
from api.graphql.mutations.common import (
    DeletePayload,
    DeleteSuccess,
    EdgePayload,
    EdgeSuccess,
    given,
)
from api.graphql.mutations.person import DeleteInput
from api.graphql.types.deal import BuyingCentreMember, Deal
from graph.database.store import Row, WorkspaceStore
from graph.repository import deals, people

Ctx = Info[Context, None]
REFS = {"id": "Deal", "organisation_id": "Organisation", "deal_id": "Deal", "person_id": "Person"}


@strawberry.input
class CreateDealInput:
    workspace_id: strawberry.ID
    name: str
    organisation_id: strawberry.ID
    id: str | None = strawberry.UNSET


@strawberry.input
class UpdateDealInput:
    workspace_id: strawberry.ID
    id: strawberry.ID
    name: str | None = strawberry.UNSET
    organisation_id: strawberry.ID | None = strawberry.UNSET


@strawberry.input(
    description="A person's roles, stance and status stake in a deal's buying centre. Stake "
    "fields left out keep their stored values."
)
class BuyingCentreMemberInput:
    workspace_id: strawberry.ID
    deal_id: strawberry.ID
    person_id: strawberry.ID
    roles: list[Role] = strawberry.field(default_factory=list)
    stance: Stance | None = strawberry.UNSET
    motive: Motive | None = strawberry.field(
        default=strawberry.UNSET, description="Fit in or stand out; null: unknown."
    )
    outcome: Outcome | None = strawberry.field(
        default=strawberry.UNSET,
        description="What the deal does to their standing; null: unknown.",
    )
    evidence: str | None = strawberry.field(
        default=strawberry.UNSET, description="Why we think so."
    )
    aspiration: int | None = strawberry.field(
        default=strawberry.UNSET,
        description="The level (1..7) on the organisational ladder they reach for.",
    )


@strawberry.input
class RemoveMemberInput:
    workspace_id: strawberry.ID
    deal_id: strawberry.ID
    person_id: strawberry.ID


@strawberry.input(description="A member reached a journey stage (now unless at is given).")
class JourneyStageInput:
    workspace_id: strawberry.ID
    deal_id: strawberry.ID
    person_id: strawberry.ID
    stage: JourneyStage
    at: dt.datetime | None = strawberry.UNSET
    note: str | None = strawberry.UNSET


@strawberry.type
class DealSuccess:
    deal: Deal


@strawberry.type
class MemberSuccess:
    member: BuyingCentreMember


DealPayload = Annotated[DealSuccess | Failure, strawberry.union("DealPayload")]
MemberPayload = Annotated[MemberSuccess | Failure, strawberry.union("MemberPayload")]


def _deal(row: Row) -> DealSuccess:
    return DealSuccess(deal=Deal.from_row(row))


async def _member(ws: WorkspaceStore, deal_id: str, person_id: str, member: Row) -> MemberSuccess:
    person = (await people.get_people(ws, [person_id]))[0]
    row = {"person": person, "member": member}
    return MemberSuccess(member=BuyingCentreMember.from_row(deal_id, row))


@strawberry.type
class DealMutations:
    @strawberry.mutation
    async def create_deal(self, info: Ctx, input: CreateDealInput) -> DealPayload:
        ws = info.context.scoped(input.workspace_id)
        return await attempt(deals.create_deal(ws, given(input, REFS)), _deal)

    @strawberry.mutation
    async def update_deal(self, info: Ctx, input: UpdateDealInput) -> DealPayload:
        ws = info.context.scoped(input.workspace_id)
        data = given(input, REFS)
        return await attempt(deals.update_deal(ws, data.pop("id"), data), _deal)

    @strawberry.mutation(description="Delete a deal with its buying centre and journeys.")
    async def delete_deal(self, info: Ctx, input: DeleteInput) -> DeletePayload:
        ws = info.context.scoped(input.workspace_id)
        key = key_of(input.id, "Deal")
        done = DeleteSuccess(deleted_id=strawberry.ID(str(relay.GlobalID("Deal", key))))
        return await attempt(deals.delete_deal(ws, key), lambda _: done)

    @strawberry.mutation(description="Add a person to a buying centre or change roles/stance.")
    async def set_buying_centre_member(
        self, info: Ctx, input: BuyingCentreMemberInput
    ) -> MemberPayload:
        ws = info.context.scoped(input.workspace_id)
        data = given(input, REFS)
        result = await attempt(deals.set_member(ws, data), lambda m: m)
        if isinstance(result, dict):
            return await _member(ws, data["deal_id"], result["person_id"], result)
        return result

    @strawberry.mutation
    async def remove_buying_centre_member(self, info: Ctx, input: RemoveMemberInput) -> EdgePayload:
        ws = info.context.scoped(input.workspace_id)
        data = given(input, REFS)
        action = deals.remove_member(ws, data["deal_id"], data["person_id"])
        return await attempt(action, lambda _: EdgeSuccess())

    @strawberry.mutation(description="Record a dated journey stage of a buying-centre member.")
    async def record_journey_stage(self, info: Ctx, input: JourneyStageInput) -> MemberPayload:
        ws = info.context.scoped(input.workspace_id)
        data = given(input, REFS)
        result = await attempt(deals.record_journey_stage(ws, data), lambda m: m)
        if isinstance(result, dict):
            return await _member(ws, data["deal_id"], result["person_id"], result)
        return result
