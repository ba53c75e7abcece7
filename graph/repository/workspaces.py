"""Workspaces, their status ladders, people's levels and the ideal customer profile."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any, Literal

from pydantic import TypeAdapter, ValidationError

from graph.database.store import Row, Store, WorkspaceStore, WorkspaceTransaction
from graph.errors import Conflict, NotFound, ValidationFailed, id_taken, no_workspace
from graph.model import (
    DEFAULT_ORG_LEVELS,
    IcpCriterion,
    LadderIn,
    LevelAssignment,
    WorkspaceIn,
    WorkspacePatch,
    new_id,
    org_ladder_id,
    validate,
)
from graph.model.common import validation_failed
from graph.repository.person_keys import Named, write_naming
from graph.repository.writes import Page, read_page
from graph.rules.icp import IcpFit, icp_fit

__all__ = [
    "create_ladder",
    "create_workspace",
    "delete_workspace",
    "ensure_workspace",
    "get_workspaces",
    "icp_criteria",
    "ladders",
    "locate",
    "organisation_fit",
    "person_levels",
    "set_icp",
    "set_level",
    "update_workspace",
    "workspaces_page",
]

NodeLabel = Literal["Workspace", "Organisation", "Person", "Deal"]
_CRITERIA = TypeAdapter(list[IcpCriterion])


SWEEP_BATCH = 10_000
"""Nodes of a deleted workspace removed per transaction."""


async def create_workspace(store: Store, data: Mapping[str, Any]) -> Row:
    """Create a workspace with its default organisational ladder (ranks 7..1)."""
    workspace = validate(WorkspaceIn, dict(data))
    ws = store.workspace(workspace.id or new_id())
    levels = [{"rank": r, "name": n} for r, n in DEFAULT_ORG_LEVELS]

    async def work(tx: WorkspaceTransaction) -> None:
        ladder_ids = [org_ladder_id(ws.workspace)]
        if (await tx.run("workspaces/check", {"ladder_ids": []}))[0]["exists"]:
            raise Conflict(id_taken(f"workspace id {ws.workspace!r}"), field="id")
        # Whatever a deleted workspace of this id left (a delete stopped half-way) goes first,
        # so a new workspace starts empty; rolled back with the rest should the id be taken.
        while (await tx.run("workspaces/sweep", {"batch": SWEEP_BATCH}))[0]["deleted"]:
            pass
        if (await tx.run("workspaces/check", {"ladder_ids": ladder_ids}))[0]["taken_ladders"]:
            raise Conflict(id_taken(f"workspace id {ws.workspace!r}"), field="id")
        await tx.run("workspaces/create", {"name": workspace.name, "levels": levels})

    await ws.transaction(work)
    return (await get_workspaces(store, [ws.workspace]))[0]


async def ensure_workspace(store: Store, workspace: str) -> bool:
    """Create ``workspace`` unless it exists (named after its id); True if it was created.

    For the command line and the demo data, where importing into a new workspace is asked for
    explicitly: an import itself never creates the workspace it writes to.
    """
    if await get_workspaces(store, [workspace]):
        return False
    try:
        await create_workspace(store, {"id": workspace, "name": workspace})
    except Conflict:
        return False  # made meanwhile by someone else
    return True


async def update_workspace(ws: WorkspaceStore, data: Mapping[str, Any]) -> Row:
    """Rename a workspace."""
    patch = validate(WorkspacePatch, dict(data))
    rows = await ws.write("workspaces/update", {"props": patch.model_dump(exclude_unset=True)})
    if not rows:
        raise no_workspace(ws.workspace)
    return dict(rows[0]["workspace"])


async def delete_workspace(ws: WorkspaceStore) -> None:
    """Delete a workspace, then everything in it, a batch at a time until nothing is left.

    The Workspace node goes first, in a transaction of its own: it waits for the writes that
    are committing (they hold its lock, see :meth:`WorkspaceStore.transaction`), and every
    write after it finds no workspace and stores nothing, so once a batch finds nothing to
    delete, nothing is left and nothing more can come.
    """
    if not await ws.write("workspaces/delete", fenced=False):
        raise no_workspace(ws.workspace)
    while (await ws.write("workspaces/sweep", {"batch": SWEEP_BATCH}, fenced=False))[0]["deleted"]:
        pass


async def get_workspaces(store: Store, ids: Sequence[str]) -> list[Row]:
    """The workspaces with ``ids`` that exist (one read)."""
    return [r["workspace"] for r in await store.read("workspaces/get_many", {"ids": list(ids)})]


async def workspaces_page(
    store: Store, *, first: int | None, after: str | None, allowed: list[str] | None = None
) -> Page:
    """A page of workspaces by id: those in ``allowed``, or all when ``allowed`` is None."""
    # Listing spans workspaces, so it is the one page read not scoped to a workspace.
    return await read_page(store.workspace(""), "workspaces/page", first, after, allowed=allowed)


async def locate(store: Store, label: NodeLabel, node_id: str) -> str | None:
    """The workspace holding node ``label``/``node_id``, or ``None``: where auth will hook in."""
    rows = await store.read("nodes/locate", {"label": label, "id": node_id})
    return rows[0]["workspace"] if rows else None


def icp_criteria(workspace: Row) -> list[IcpCriterion]:
    """The ideal customer profile stored on a workspace row."""
    return _CRITERIA.validate_python(json.loads(workspace.get("icp") or "[]"))


def organisation_fit(workspace: Row, organisation: Row) -> IcpFit:
    """How well ``organisation`` fits its workspace's ideal customer profile."""
    return icp_fit(icp_criteria(workspace), organisation)


async def set_icp(ws: WorkspaceStore, criteria: Sequence[Mapping[str, Any]]) -> Row:
    """Replace the workspace's ideal customer profile (an empty list clears it)."""
    try:
        parsed = _CRITERIA.validate_python([dict(c) for c in criteria])
    except ValidationError as e:
        raise validation_failed(e, "criteria") from e
    icp = json.dumps([c.model_dump(mode="json") for c in parsed])
    rows = await ws.write("workspaces/set_icp", {"icp": icp})
    if not rows:
        raise no_workspace(ws.workspace)
    return dict(rows[0]["workspace"])


async def ladders(ws: WorkspaceStore) -> list[Row]:
    """The workspace's ladders (default first), each with its levels (highest first)."""
    return [r["ladder"] for r in await ws.read("ladders/list")]


async def create_ladder(ws: WorkspaceStore, data: Mapping[str, Any]) -> Row:
    """Add a status ladder (e.g. industry standing) with its levels."""
    ladder = validate(LadderIn, dict(data))
    ranks = [level.rank for level in ladder.levels]
    if len(set(ranks)) != len(ranks):
        raise ValidationFailed([("levels", "each level needs its own rank")])
    ladder_id = ladder.id or new_id()
    levels = [level.model_dump() for level in ladder.levels]

    async def work(tx: WorkspaceTransaction) -> None:
        check = await tx.run("workspaces/check", {"ladder_ids": [ladder_id]})
        if not check[0]["exists"]:
            raise no_workspace(ws.workspace)
        if check[0]["taken_ladders"]:
            raise Conflict(id_taken(f"ladder id {ladder_id!r}"), field="id")
        await tx.run("ladders/create", {"id": ladder_id, "name": ladder.name, "levels": levels})

    await ws.transaction(work)
    return next(lad for lad in await ladders(ws) if lad["id"] == ladder_id)


async def set_level(ws: WorkspaceStore, data: Mapping[str, Any]) -> None:
    """Set a person's level on a ladder explicitly (replacing any inferred one)."""
    validate(LevelAssignment, dict(data))  # bad input is refused before any read
    ladder = org_ladder_id(ws.workspace)

    def plan(named: Named) -> tuple[LevelAssignment, None]:
        return validate(LevelAssignment, named.fields(data, ("person_id",))), None

    async def work(tx: WorkspaceTransaction, assignment: LevelAssignment) -> None:
        params = {
            "person_id": assignment.person_id,
            "ladder_id": assignment.ladder_id or ladder,
            "rank": assignment.rank,
        }
        found = (await tx.run("ladders/check_level", params))[0]
        if not found["person_exists"]:
            raise NotFound(f"no person {assignment.person_id!r}", field="personId", kind="person")
        if not found["ladder_exists"]:
            raise NotFound(f"no ladder {params['ladder_id']!r}", field="ladderId", kind="ladder")
        if not found["level_exists"]:
            raise ValidationFailed([("rank", f"the ladder has no level of rank {params['rank']}")])
        await tx.run("ladders/assign_level", params)

    await write_naming(ws, [data.get("person_id")], plan, work)


async def person_levels(ws: WorkspaceStore, person_ids: Sequence[str]) -> dict[str, list[Row]]:
    """Each person's levels on every ladder (one read)."""
    grouped: dict[str, list[Row]] = defaultdict(list)
    for row in await ws.read("ladders/person_levels", {"ids": list(person_ids)}):
        grouped[row["key"]].append(row)
    return grouped
