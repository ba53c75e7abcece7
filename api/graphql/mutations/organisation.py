"""Mutations on organisations and partner links."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry import relay
from strawberry.types import Info

from api.graphql.context import Context
from api.graphql.enums import OrganisationKind
from api.graphql.errors import Failure, attempt
from api.graphql.ids import key_of
from api.graphql.mutations.common import (
    DeletePayload,
    DeleteSuccess,
    EdgePayload,
    EdgeSuccess,
    UpsertPayload,
    UpsertSuccess,
    given,
)
from api.graphql.mutations.person import DeleteInput
from api.graphql.types.organisation import Organisation
from graph.repository import organisations

Ctx = Info[Context, None]
REFS = {"id": "Organisation", "source_id": "Organisation", "target_id": "Organisation"}


@strawberry.input(description="An organisation; fields left out stay as they are on update.")
class OrganisationFields:
    name: str | None = strawberry.UNSET
    kind: OrganisationKind | None = strawberry.UNSET
    industry: str | None = strawberry.UNSET
    size_band: str | None = strawberry.UNSET
    revenue_band: str | None = strawberry.UNSET
    country: str | None = strawberry.UNSET
    region: str | None = strawberry.UNSET
    technologies: list[str] | None = strawberry.UNSET


@strawberry.input
class CreateOrganisationInput(OrganisationFields):
    workspace_id: strawberry.ID
    id: str | None = strawberry.UNSET


@strawberry.input
class UpdateOrganisationInput(OrganisationFields):
    workspace_id: strawberry.ID
    id: strawberry.ID


@strawberry.input
class OrganisationItem(OrganisationFields):
    id: str | None = strawberry.UNSET


@strawberry.input
class UpsertOrganisationsInput:
    workspace_id: strawberry.ID
    organisations: list[OrganisationItem]


@strawberry.input(description="Two organisations that are partners.")
class PartnerInput:
    workspace_id: strawberry.ID
    source_id: strawberry.ID
    target_id: strawberry.ID


@strawberry.type
class OrganisationSuccess:
    organisation: Organisation


OrganisationPayload = Annotated[
    OrganisationSuccess | Failure, strawberry.union("OrganisationPayload")
]


def _success(row: dict[str, object]) -> OrganisationSuccess:
    return OrganisationSuccess(organisation=Organisation.from_row(row))


@strawberry.type
class OrganisationMutations:
    @strawberry.mutation
    async def create_organisation(
        self, info: Ctx, input: CreateOrganisationInput
    ) -> OrganisationPayload:
        ws = info.context.scoped(input.workspace_id)
        return await attempt(organisations.create_organisation(ws, given(input, REFS)), _success)

    @strawberry.mutation
    async def update_organisation(
        self, info: Ctx, input: UpdateOrganisationInput
    ) -> OrganisationPayload:
        ws = info.context.scoped(input.workspace_id)
        data = given(input, REFS)
        action = organisations.update_organisation(ws, data.pop("id"), data)
        return await attempt(action, _success)

    @strawberry.mutation(description="Delete an organisation and its deals.")
    async def delete_organisation(self, info: Ctx, input: DeleteInput) -> DeletePayload:
        ws = info.context.scoped(input.workspace_id)
        key = key_of(input.id, "Organisation")
        done = DeleteSuccess(deleted_id=strawberry.ID(str(relay.GlobalID("Organisation", key))))
        return await attempt(organisations.delete_organisation(ws, key), lambda _: done)

    @strawberry.mutation(description="Create or update many organisations (all or nothing).")
    async def upsert_organisations(
        self, info: Ctx, input: UpsertOrganisationsInput
    ) -> UpsertPayload:
        ws = info.context.scoped(input.workspace_id)
        items = [given(o, REFS) for o in input.organisations]
        return await attempt(
            organisations.upsert_organisations(ws, items),
            lambda ids: UpsertSuccess(keys=ids, count=len(ids)),
        )

    @strawberry.mutation
    async def add_partner(self, info: Ctx, input: PartnerInput) -> EdgePayload:
        ws = info.context.scoped(input.workspace_id)
        action = organisations.add_partner(ws, given(input, REFS))
        return await attempt(action, lambda _: EdgeSuccess())

    @strawberry.mutation
    async def remove_partner(self, info: Ctx, input: PartnerInput) -> EdgePayload:
        ws = info.context.scoped(input.workspace_id)
        action = organisations.remove_partner(ws, given(input, REFS))
        return await attempt(action, lambda _: EdgeSuccess())
