"""Mutations on workspaces, ladders, status levels and the ideal customer profile."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry import relay
from strawberry.types import Info

from api.graphql.context import Context
from api.graphql.enums import IcpField, IcpOperator
from api.graphql.errors import Failure, attempt
from api.graphql.ids import key_of
from api.graphql.mutations.common import (
    DeletePayload,
    DeleteSuccess,
    EdgePayload,
    EdgeSuccess,
    given,
)
from api.graphql.types.common import Ladder
from api.graphql.types.workspace import Workspace
from graph.database.store import Row
from graph.repository import workspaces

Ctx = Info[Context, None]


@strawberry.input
class CreateWorkspaceInput:
    name: str
    id: str | None = strawberry.UNSET


@strawberry.input
class UpdateWorkspaceInput:
    workspace_id: strawberry.ID
    name: str | None = strawberry.UNSET


@strawberry.input
class DeleteWorkspaceInput:
    workspace_id: strawberry.ID


@strawberry.input
class LevelInput:
    rank: int
    name: str


@strawberry.input(description="An extra status ladder (e.g. industry standing).")
class CreateLadderInput:
    workspace_id: strawberry.ID
    name: str
    levels: list[LevelInput]
    id: str | None = strawberry.UNSET


@strawberry.input(description="An explicit level; the organisational ladder when none given.")
class SetStatusLevelInput:
    workspace_id: strawberry.ID
    person_id: strawberry.ID
    rank: int
    ladder_id: str | None = strawberry.UNSET


@strawberry.input
class IcpCriterionInput:
    field: IcpField
    values: list[str]
    operator: IcpOperator = IcpOperator.IN
    weight: float = 1.0


@strawberry.input
class SetIdealCustomerProfileInput:
    workspace_id: strawberry.ID
    criteria: list[IcpCriterionInput]


@strawberry.type
class WorkspaceSuccess:
    workspace: Workspace


@strawberry.type
class LadderSuccess:
    ladder: Ladder


WorkspacePayload = Annotated[WorkspaceSuccess | Failure, strawberry.union("WorkspacePayload")]
LadderPayload = Annotated[LadderSuccess | Failure, strawberry.union("LadderPayload")]


def _workspace(row: Row) -> WorkspaceSuccess:
    return WorkspaceSuccess(workspace=Workspace.from_row(row))


@strawberry.type
class WorkspaceMutations:
    @strawberry.mutation(description="Create a workspace with the default organisational ladder.")
    async def create_workspace(self, info: Ctx, input: CreateWorkspaceInput) -> WorkspacePayload:
        action = info.context.caller.create_workspace(info.context.tokens, given(input))
        return await attempt(action, _workspace)

    @strawberry.mutation
    async def update_workspace(self, info: Ctx, input: UpdateWorkspaceInput) -> WorkspacePayload:
        ws = info.context.scoped(input.workspace_id)
        return await attempt(workspaces.update_workspace(ws, given(input)), _workspace)

    @strawberry.mutation(description="Delete a workspace and everything in it.")
    async def delete_workspace(self, info: Ctx, input: DeleteWorkspaceInput) -> DeletePayload:
        key = key_of(input.workspace_id, "Workspace")
        gid = strawberry.ID(str(relay.GlobalID("Workspace", key)))
        action = info.context.caller.delete_workspace(info.context.tokens, key)
        return await attempt(action, lambda _: DeleteSuccess(deleted_id=gid))

    @strawberry.mutation
    async def create_ladder(self, info: Ctx, input: CreateLadderInput) -> LadderPayload:
        ws = info.context.scoped(input.workspace_id)
        return await attempt(
            workspaces.create_ladder(ws, given(input)),
            lambda row: LadderSuccess(ladder=Ladder.from_row(row)),
        )

    @strawberry.mutation(description="Set a person's level explicitly (overrides inference).")
    async def set_status_level(self, info: Ctx, input: SetStatusLevelInput) -> EdgePayload:
        ws = info.context.scoped(input.workspace_id)
        data = given(input, {"person_id": "Person"})
        return await attempt(workspaces.set_level(ws, data), lambda _: EdgeSuccess())

    @strawberry.mutation(description="Replace the ideal customer profile.")
    async def set_ideal_customer_profile(
        self, info: Ctx, input: SetIdealCustomerProfileInput
    ) -> WorkspacePayload:
        ws = info.context.scoped(input.workspace_id)
        criteria = given(input)["criteria"]
        return await attempt(workspaces.set_icp(ws, criteria), _workspace)
