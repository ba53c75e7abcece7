"""Mutations on saved views: save one (a name saved again replaces it), delete one."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry import relay
from strawberry.scalars import JSON
from strawberry.types import Info

from api.graphql.context import Context
from api.graphql.errors import Failure, attempt
from api.graphql.ids import key_of
from api.graphql.mutations.common import DeletePayload, DeleteSuccess
from api.graphql.types.view import SavedView
from graph.model.view import MAX_VIEW_BYTES, MAX_VIEW_NAME
from graph.repository import views

Ctx = Info[Context, None]


@strawberry.input(description="A named view of a deal; a view of that name is replaced.")
class SaveViewInput:
    workspace_id: strawberry.ID
    deal_id: strawberry.ID
    name: str = strawberry.field(description=f"1 to {MAX_VIEW_NAME} characters.")
    state: JSON = strawberry.field(
        description="A JSON object: the page's state of the map "
        f"(at most {MAX_VIEW_BYTES:,} bytes)."
    )


@strawberry.input
class DeleteViewInput:
    workspace_id: strawberry.ID
    id: strawberry.ID = strawberry.field(description="The view's global id or key.")


@strawberry.type
class SaveViewSuccess:
    view: SavedView


SaveViewPayload = Annotated[SaveViewSuccess | Failure, strawberry.union("SaveViewPayload")]


@strawberry.type
class ViewMutations:
    @strawberry.mutation(description="Save a named view of a deal (editors); same name replaces.")
    async def save_view(self, info: Ctx, input: SaveViewInput) -> SaveViewPayload:
        ws = info.context.scoped(input.workspace_id)
        data = {
            "deal_id": key_of(input.deal_id, "Deal"),
            "name": input.name,
            "state": input.state,
        }
        action = views.save_view(ws, data, info.context.principal.user_id)
        return await attempt(action, lambda row: SaveViewSuccess(view=SavedView.from_row(row)))

    @strawberry.mutation(description="Delete a saved view (editors).")
    async def delete_view(self, info: Ctx, input: DeleteViewInput) -> DeletePayload:
        ws = info.context.scoped(input.workspace_id)
        key = key_of(input.id, "SavedView")
        done = DeleteSuccess(deleted_id=strawberry.ID(str(relay.GlobalID("SavedView", key))))
        return await attempt(views.delete_view(ws, key), lambda _: done)
