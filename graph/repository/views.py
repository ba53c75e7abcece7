"""Saved views of a deal, shared by the workspace's team: save (same name replaces), list, delete.

A view is the page's state of a deal's map (filters, what-if, moved cards, pan and zoom) under
a name, stored as JSON on a ``SavedView`` node linked to its deal. Views are not part of the map:
writing one records no change in the history and leaves the workspace's analyses cached.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from graph.database.store import Row, WorkspaceStore, WorkspaceTransaction
from graph.errors import NotFound, ValidationFailed
from graph.model import validate
from graph.model.view import MAX_VIEWS_PER_DEAL, SavedViewIn, compact, view_id
from graph.repository.writes import Page, read_page

__all__ = ["delete_view", "save_view", "views_page"]


def _view(row: Row) -> Row:
    """A stored view with its state as data."""
    return {**row, "state": json.loads(row["state"])}


async def save_view(ws: WorkspaceStore, data: Mapping[str, Any], saved_by: str) -> Row:
    """Save ``data`` (deal_id, name, state) as a view of its deal, replacing one of that name."""
    view = validate(SavedViewIn, dict(data))
    id_ = view_id(view.deal_id, view.name)

    async def work(tx: WorkspaceTransaction) -> Row:
        check = (await tx.run("views/check", {"deal_id": view.deal_id, "id": id_}))[0]
        if not check["deal"]:
            raise NotFound(
                f"no deal {view.deal_id!r} in this workspace", field="dealId", kind="deal"
            )
        if not check["stored"] and check["views"] >= MAX_VIEWS_PER_DEAL:
            raise ValidationFailed(
                [("name", f"a deal keeps at most {MAX_VIEWS_PER_DEAL} views; delete one first")]
            )
        params = {
            "deal_id": view.deal_id,
            "id": id_,
            "name": view.name,
            "state": compact(view.state),
            "saved_by": saved_by,
        }
        return _view((await tx.run("views/save", params))[0]["view"])

    return await ws.transaction(work, changes_map=False)


async def delete_view(ws: WorkspaceStore, view: str) -> None:
    """Delete the view with stored id ``view``."""

    async def work(tx: WorkspaceTransaction) -> int:
        return int((await tx.run("views/delete", {"id": view}))[0]["deleted"])

    if not await ws.transaction(work, changes_map=False):
        raise NotFound("no such view in this workspace", field="id", kind="view")


async def views_page(
    ws: WorkspaceStore, deal_id: str, first: int | None, after: str | None
) -> Page:
    """One page of the views of deal ``deal_id``, by name."""
    page = await read_page(ws, "views/page", first, after, deal_id=deal_id)
    return Page([_view(r) for r in page.items], page.total, page.has_next, page.has_previous)
