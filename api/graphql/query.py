"""Root queries: health, workspaces, and any node by its global id."""

from __future__ import annotations

from typing import cast

import strawberry
from strawberry import relay
from strawberry.types import Info

from api.graphql.ahead import plan_ahead
from api.graphql.context import Context
from api.graphql.ids import key_from_cursor, key_of
from api.graphql.selection import selected
from api.graphql.types.analytics import PlanWeightsInput
from api.graphql.types.common import build_connection
from api.graphql.types.deal import Deal
from api.graphql.types.organisation import Organisation
from api.graphql.types.person import Person
from api.graphql.types.what_if import (
    EdgeRefInput,
    HypotheticalInfluenceInput,
    HypotheticalKnowsInput,
    HypotheticalPersonInput,
    HypotheticalReportsToInput,
    WhatIf,
    run_what_if,
)
from api.graphql.types.workspace import Workspace, WorkspaceConnection
from graph.database.store import Row
from graph.repository.workspaces import NodeLabel

Ctx = Info[Context, None]


@strawberry.type(description="The database behind the API.")
class Neo4jStatus:
    state: str = strawberry.field(description="'up' when Neo4j answers a query, else 'down'.")
    version: str | None
    edition: str | None


@strawberry.type(description="Whether statusmap and its database answer.")
class Health:
    status: str = strawberry.field(description="'ok' or 'degraded'.")
    neo4j: Neo4jStatus


@strawberry.type
class Query:
    @strawberry.field(description="Service health (GET /health answers without a token).")
    async def health(self, info: Ctx) -> Health:
        db = await info.context.store.health()
        return Health(
            status="ok" if db.state == "up" else "degraded",
            neo4j=Neo4jStatus(state=db.state, version=db.version, edition=db.edition),
        )

    @strawberry.field(description="Workspaces by key.")
    async def workspaces(
        self, info: Ctx, first: int | None = 50, after: str | None = None
    ) -> WorkspaceConnection:
        page = await info.context.caller.workspaces_page(first=first, after=key_from_cursor(after))
        return build_connection(WorkspaceConnection, page, Workspace.from_row)

    @strawberry.field(description="One workspace by global id or key.")
    async def workspace(self, info: Ctx, id: strawberry.ID) -> Workspace | None:
        return await _workspace(info, id, read_ahead=True)

    @strawberry.field(description="Any node by its global id.")
    async def node(self, info: Ctx, id: strawberry.ID) -> relay.Node | None:
        try:
            gid = relay.GlobalID.from_id(id)
        except (ValueError, TypeError):
            return None
        label = gid.type_name
        if label == "Workspace":
            return await _workspace(info, id)
        if label not in ("Person", "Organisation", "Deal"):
            return None
        return await _node(info, cast(NodeLabel, label), gid.node_id)

    @strawberry.field(
        description="A deal's coverage and plan if people or edges were removed or added, "
        "hypothetical contacts included (nothing is stored)."
    )
    async def what_if(
        self,
        info: Ctx,
        workspace_id: strawberry.ID,
        deal_id: strawberry.ID,
        remove_people: list[strawberry.ID] | None = None,
        remove_influences: list[EdgeRefInput] | None = None,
        add_influences: list[HypotheticalInfluenceInput] | None = None,
        add_knows: list[HypotheticalKnowsInput] | None = None,
        weights: PlanWeightsInput | None = None,
        add_people: list[HypotheticalPersonInput] | None = None,
        add_reports_to: list[HypotheticalReportsToInput] | None = None,
    ) -> WhatIf:
        return await run_what_if(
            info,
            workspace_id,
            deal_id,
            remove_people=remove_people or [],
            remove_influences=remove_influences or [],
            add_influences=add_influences or [],
            add_knows=add_knows or [],
            weights=weights,
            add_people=add_people,
            add_reports_to=add_reports_to,
        )


async def _workspace(info: Ctx, id: str, read_ahead: bool = False) -> Workspace | None:
    key = key_of(id, "Workspace")
    if not info.context.caller.may_view(key):
        return None  # the same answer as for a workspace that does not exist
    loaders = info.context.loaders
    if read_ahead:
        # The nodes asked for by id inside the workspace (and below them, a deal's buying centre
        # or a person's neighbours) are read with it, not after it (see api.graphql.ahead).
        plan = plan_ahead(selected(info))
        row = await loaders.workspace_ahead(key, plan)
    else:
        row = await loaders.workspace.load((key, key))
    return Workspace.from_row(row) if row else None


async def _node(info: Ctx, label: NodeLabel, key: str) -> relay.Node | None:
    """A person, organisation or deal wherever it lives (the workspace is looked up)."""
    workspace = await info.context.caller.locate(label, key)
    if workspace is None:
        return None
    loader = getattr(info.context.loaders, label.lower())
    row: Row | None = await loader.load((workspace, key))
    if row is None:
        return None
    node_type: type[Person | Organisation | Deal] = {
        "Person": Person,
        "Organisation": Organisation,
        "Deal": Deal,
    }[label]
    return node_type.from_row(row)
