"""Deleting a workspace: nothing written into it survives, and a new one of the same id is empty.

Writes race the delete on purpose: a write may have passed its role check (or hold a role
cached in another process) when the workspace goes, so what keeps the data out is each write's
fence on the Workspace node (``graph.database.store.WorkspaceStore.transaction``), not the role
check.
"""

from __future__ import annotations

import asyncio
import uuid
from pathlib import Path

import pytest
from fastapi import FastAPI

from graph.database.store import Store
from graph.errors import NotFound
from graph.imports.run import import_files
from graph.repository.auth import issue_token
from graph.repository.people import upsert_people
from graph.repository.workspaces import create_workspace, delete_workspace
from tests.conftest import asgi_client
from tests.integration.conftest import GraphQL

pytestmark = pytest.mark.integration

ONE_REQUEST = """mutation($ws: ID!, $id: String!) {
  d: deleteWorkspace(input: {workspaceId: $ws}) { __typename }
  p: upsertPeople(input: {workspaceId: $ws, people: [{id: $id, name: "Planted"}]}) {
    __typename }
}"""


async def _left(store: Store, workspace: str) -> int:
    """Nodes of any label that still carry ``workspace``."""
    records, _, _ = await store.driver.execute_query(
        "MATCH (n) WHERE n.workspace = $ws RETURN count(n) AS n", {"ws": workspace}
    )
    return int(records[0]["n"])


async def test_a_write_after_the_delete_in_one_request_stores_nothing(
    gql: GraphQL, workspace: str, store: Store
) -> None:
    planted = f"planted-{uuid.uuid4().hex[:8]}"
    data = await gql(ONE_REQUEST, ws=workspace, id=planted)
    assert data["d"]["__typename"] == "DeleteSuccess"
    assert data["p"]["__typename"] == "NotFoundError"
    records, _, _ = await store.driver.execute_query(
        "MATCH (p:Person {id: $id}) RETURN count(p) AS n", {"id": planted}
    )
    assert records[0]["n"] == 0
    assert await _left(store, workspace) == 0
    again = await gql(
        'mutation($k: String!) { createWorkspace(input: {id: $k, name: "Again"}) { __typename } }',
        k=workspace,
    )
    assert again["createWorkspace"]["__typename"] == "WorkspaceSuccess"
    people = await gql(
        "query($k: ID!) { workspace(id: $k) { people { totalCount } } }", k=workspace
    )
    assert people["workspace"]["people"]["totalCount"] == 0


async def test_writers_racing_a_delete_leave_nothing_behind(store: Store, tmp_path: Path) -> None:
    workspace = f"race-{uuid.uuid4().hex[:8]}"
    await create_workspace(store, {"id": workspace, "name": "Race"})
    ws = store.workspace(workspace)  # writers whose role check passed before the delete
    deleted = asyncio.Event()
    refused = 0

    async def writer(n: int) -> None:
        nonlocal refused
        for round_ in range(1000):
            people = [{"id": f"{workspace}-{n}-{round_}-{i}", "name": "P"} for i in range(50)]
            try:
                await upsert_people(ws, people)
            except NotFound:
                refused += 1
                return
            if deleted.is_set() and round_ > 200:
                return  # writes kept landing after the delete: the assertion below fails

    async def deleter() -> None:
        await asyncio.sleep(0.5)
        await delete_workspace(ws)
        deleted.set()

    await asyncio.gather(deleter(), *(writer(n) for n in range(4)))
    assert await _left(store, workspace) == 0
    assert refused == 4  # every writer was told the workspace is gone
    people = tmp_path / "people.csv"
    people.write_text(f"id,first_name,last_name\n{workspace}-late,Late,Comer\n", encoding="utf-8")
    with pytest.raises(NotFound):
        result = await import_files(store, workspace, [people])
        assert result.report.ok, result.report.issues
    assert await _left(store, workspace) == 0


async def test_roles_in_a_deleted_workspace_do_not_reach_a_new_one(
    app: FastAPI, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Principals stay cached for the whole test, however slow the machine.
    monkeypatch.setattr(app.state.tokens, "cache_seconds", 3600.0)
    workspace = f"roles-{uuid.uuid4().hex[:8]}"
    owner = await issue_token(store, f"owner-{uuid.uuid4().hex[:8]}", superuser=True)
    query = {"query": "query($k: ID!) { workspace(id: $k) { key } }", "variables": {"k": workspace}}
    create = {
        "query": 'mutation($k: String!) { createWorkspace(input: {id: $k, name: "W"}) {'
        " __typename } }",
        "variables": {"k": workspace},
    }
    async with asgi_client(app, owner.token) as own:
        assert (await own.post("/graphql", json=create)).json()["data"]["createWorkspace"][
            "__typename"
        ] == "WorkspaceSuccess"
        assert (await own.post("/graphql", json=query)).json()["data"]["workspace"] is not None
        gone = await own.post(
            "/graphql",
            json={
                "query": "mutation($k: ID!) { deleteWorkspace(input: {workspaceId: $k}) {"
                " __typename } }",
                "variables": {"k": workspace},
            },
        )
        assert gone.json()["data"]["deleteWorkspace"]["__typename"] == "DeleteSuccess"
        # Someone else (another process: no grant here clears this one's cache) makes a new
        # workspace with the same id at once; the old owner is no member of it.
        await create_workspace(store, {"id": workspace, "name": "New"})
        assert (await own.post("/graphql", json=query)).json()["data"]["workspace"] is None
