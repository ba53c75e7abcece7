"""Saved views of a deal (graph/repository/views.py) as GraphQL nodes and a connection."""

from __future__ import annotations

import datetime as dt
from typing import Any

import strawberry
from strawberry import relay
from strawberry.scalars import JSON

from graph.database.store import Row
from graph.model.view import MAX_VIEW_BYTES


@strawberry.type(description="A named view of a deal's map, shared by the workspace's team.")
class SavedView(relay.Node):
    local_id: relay.NodeID[str]
    key: str = strawberry.field(description="The stored id: the deal's key and the name.")
    name: str
    state: JSON = strawberry.field(
        description="The page's state of the map, as it saved it (threshold, people shown and "
        f"hidden, imagined ties and contacts, card positions, pan and zoom; at most "
        f"{MAX_VIEW_BYTES:,} bytes)."
    )
    saved_at: dt.datetime | None
    saved_by: str | None = strawberry.field(description="The user who saved it last.")

    @classmethod
    def from_row(cls, row: Row) -> SavedView:
        state: Any = row["state"]
        return cls(
            local_id=row["id"],
            key=row["id"],
            name=row["name"],
            state=state,
            saved_at=row.get("saved_at"),
            saved_by=row.get("saved_by"),
        )


@strawberry.type
class SavedViewConnection(relay.Connection[SavedView]):
    total_count: int
