"""Mutations on people."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry import relay
from strawberry.types import Info

from api.graphql.context import Context
from api.graphql.errors import Failure, attempt
from api.graphql.ids import key_of
from api.graphql.mutations.common import (
    DeletePayload,
    DeleteSuccess,
    UpsertPayload,
    UpsertSuccess,
    given,
)
from api.graphql.types.person import Person
from graph.repository import people

Ctx = Info[Context, None]
REFS = {"organisation_id": "Organisation", "id": "Person"}


@strawberry.input(description="A person; fields left out stay as they are on update.")
class PersonFields:
    name: str | None = strawberry.UNSET
    title: str | None = strawberry.UNSET
    department: str | None = strawberry.UNSET
    email: str | None = strawberry.UNSET
    needs: list[str] | None = strawberry.UNSET
    tags: list[str] | None = strawberry.UNSET
    organisation_id: strawberry.ID | None = strawberry.UNSET
    level_rank: int | None = strawberry.field(
        default=strawberry.UNSET,
        description="Explicit rank on the organisational ladder (1-7); else inferred from title.",
    )


@strawberry.input
class CreatePersonInput(PersonFields):
    workspace_id: strawberry.ID
    id: str | None = strawberry.field(default=strawberry.UNSET, description="Key; generated.")


@strawberry.input
class UpdatePersonInput(PersonFields):
    workspace_id: strawberry.ID
    id: strawberry.ID


@strawberry.input
class PersonItem(PersonFields):
    id: str | None = strawberry.UNSET


@strawberry.input
class UpsertPeopleInput:
    workspace_id: strawberry.ID
    people: list[PersonItem]


@strawberry.input
class DeleteInput:
    workspace_id: strawberry.ID
    id: strawberry.ID


@strawberry.type
class PersonSuccess:
    person: Person


PersonPayload = Annotated[PersonSuccess | Failure, strawberry.union("PersonPayload")]


def _success(row: dict[str, object]) -> PersonSuccess:
    return PersonSuccess(person=Person.from_row(row))


@strawberry.type
class PersonMutations:
    @strawberry.mutation(description="Create a person; a title infers a status level.")
    async def create_person(self, info: Ctx, input: CreatePersonInput) -> PersonPayload:
        ws = info.context.scoped(input.workspace_id)
        return await attempt(people.create_person(ws, given(input, REFS)), _success)

    @strawberry.mutation
    async def update_person(self, info: Ctx, input: UpdatePersonInput) -> PersonPayload:
        ws = info.context.scoped(input.workspace_id)
        data = given(input, REFS)
        return await attempt(people.update_person(ws, data.pop("id"), data), _success)

    @strawberry.mutation
    async def delete_person(self, info: Ctx, input: DeleteInput) -> DeletePayload:
        ws = info.context.scoped(input.workspace_id)
        key = key_of(input.id, "Person")

        def done(deleted: str) -> DeleteSuccess:
            return DeleteSuccess(deleted_id=strawberry.ID(str(relay.GlobalID("Person", deleted))))

        return await attempt(people.delete_person(ws, key), done)

    @strawberry.mutation(
        description="Create or update many people at once (all or nothing). An id that is an "
        "alias of a person (an import merged it into them) updates that person: the values given "
        "replace theirs."
    )
    async def upsert_people(self, info: Ctx, input: UpsertPeopleInput) -> UpsertPayload:
        ws = info.context.scoped(input.workspace_id)
        items = [given(p, REFS) for p in input.people]
        return await attempt(
            people.upsert_people(ws, items), lambda ids: UpsertSuccess(keys=ids, count=len(ids))
        )
