"""``GET /workspaces/{workspace}/export``: every format, for viewers, through the CLI's code."""

from __future__ import annotations

import io
import json
import uuid
import zipfile
from collections import Counter
from pathlib import Path

import httpx
import networkx as nx
import pytest
from fastapi import FastAPI

from graph.database.store import Store
from graph.errors import NotFound
from graph.exports.run import export_scope
from graph.exports.writers import EXPORT_FORMATS
from graph.repository.auth import CallerStore, Principal, Role, TokenAuthority, issue_token
from tests.conftest import asgi_client
from tests.integration.conftest import GraphQL

pytestmark = pytest.mark.integration

FILES = {  # ids are unique across workspaces: {w} becomes the workspace's own prefix
    "organisations.csv": "id,name,kind\n{w}ACME,Acme,customer\n{w}HOME,Us,home\n",
    "people.csv": "id,first_name,last_name,title,organisation_id\n"
    "{w}CEO,Cora,Boss,Chief Executive Officer,{w}ACME\n"
    "{w}CFO,Finn,Money,Chief Financial Officer,{w}ACME\n"
    "{w}REP,Rita,Seller,Account Executive,{w}HOME\n",
    "reporting.csv": "person_id,manager_id\n{w}CFO,{w}CEO\n",
    "influences.csv": "source_id,target_id,weight,kind\n{w}CFO,{w}CEO,0.8,advice\n",
    "knows.csv": "source_id,target_id,strength\n{w}REP,{w}CFO,0.6\n",
    "deals.csv": "id,name,organisation_id\n{w}D1,Renewal,{w}ACME\n",
    "buying_centre.csv": "deal_id,person_id,roles,stance\n{w}D1,{w}CFO,decider,champion\n",
}


async def _map(client: httpx.AsyncClient, workspace: str) -> str:
    response = await client.post(
        f"/workspaces/{workspace}/imports",
        files=[
            ("files", (name, text.replace("{w}", f"{workspace}-").encode(), "text/csv"))
            for name, text in FILES.items()
        ],
    )
    assert response.status_code == 200, response.text
    return workspace


@pytest.fixture
async def mapped(client: httpx.AsyncClient, workspace: str) -> str:
    """A workspace where the CFO reports to the CEO and also influences them."""
    return await _map(client, workspace)


@pytest.fixture
async def elsewhere(client: httpx.AsyncClient, gql: GraphQL) -> str:
    """A second mapped workspace, of which the viewer is no member."""
    key = f"ws-{uuid.uuid4().hex[:10]}"
    created = await gql(
        'mutation($k: String!) { createWorkspace(input: {id: $k, name: "Other"}) { __typename } }',
        k=key,
    )
    assert created["createWorkspace"]["__typename"] == "WorkspaceSuccess"
    return await _map(client, key)


@pytest.fixture
async def viewer(app: FastAPI, store: Store, mapped: str) -> httpx.AsyncClient:
    issued = await issue_token(store, f"viewer-{uuid.uuid4().hex[:8]}")
    await TokenAuthority(store).grant(issued.user_id, mapped, Role.VIEWER)
    return asgi_client(app, issued.token)


async def test_a_viewer_exports_every_format_as_the_command_line_writes_it(
    viewer: httpx.AsyncClient, mapped: str, store: Store, tmp_path: Path
) -> None:
    async with viewer:
        for fmt in EXPORT_FORMATS:
            response = await viewer.get(f"/workspaces/{mapped}/export", params={"format": fmt})
            assert response.status_code == 200, response.text
            assert response.headers["content-disposition"].startswith("attachment; filename=")
            target = tmp_path / fmt
            await export_scope(store.workspace(mapped), fmt, target)
            if fmt == "csv":
                archive = zipfile.ZipFile(io.BytesIO(response.content))
                assert {n: archive.read(n) for n in archive.namelist()} == {
                    p.name: p.read_bytes() for p in target.iterdir()
                }
            elif fmt in ("json", "kumu"):
                assert json.loads(response.content) == json.loads(target.read_bytes())
            else:
                assert response.content == target.read_bytes()
        graphml = await viewer.get(f"/workspaces/{mapped}/export", params={"format": "graphml"})
    graph = nx.read_graphml(io.BytesIO(graphml.content), force_multigraph=True)
    relations = Counter(
        a["relation"]
        for u, v, a in graph.edges(data=True)
        if (u, v) == (f"{mapped}-CFO", f"{mapped}-CEO")
    )
    assert relations == {"REPORTS_TO": 1, "INFLUENCES": 1}


async def test_an_account_export_holds_our_people_who_know_them(
    client: httpx.AsyncClient, mapped: str
) -> None:
    response = await client.get(
        f"/workspaces/{mapped}/export", params={"format": "kumu", "account": f"{mapped}-ACME"}
    )
    assert response.status_code == 200, response.text
    kumu = response.json()
    assert {e["id"] for e in kumu["elements"] if e["type"] == "Person"} == {
        f"{mapped}-{p}" for p in ("CEO", "CFO", "REP")
    }
    assert {"from": f"{mapped}-REP", "to": f"{mapped}-CFO", "type": "KNOWS"}.items() <= next(
        c for c in kumu["connections"] if c["type"] == "KNOWS"
    ).items()


async def test_export_refusals(
    client: httpx.AsyncClient, anonymous: httpx.AsyncClient, app: FastAPI, store: Store, mapped: str
) -> None:
    url = f"/workspaces/{mapped}/export"
    assert (await anonymous.get(url)).status_code == 401
    stranger = await issue_token(store, f"stranger-{uuid.uuid4().hex[:8]}")
    async with asgi_client(app, stranger.token) as other:
        assert (await other.get(url)).status_code == 404
    assert (await client.get(url, params={"deal": "NO-SUCH"})).status_code == 404
    assert (
        await client.get(url, params={"account": f"{mapped}-ACME", "deal": f"{mapped}-D1"})
    ).status_code == 400
    assert (await client.get(url, params={"format": "xlsx"})).status_code == 422
    paths = (await client.get("/openapi.json")).json()["paths"]
    # A misspelt scope is refused by name, not answered with the whole workspace
    misspelt = await client.get(url, params={"deal_id": f"{mapped}-D1", "format": "json"})
    assert misspelt.status_code == 422, misspelt.text
    assert "deal_id" in misspelt.json()["message"]
    changes = f"/workspaces/{mapped}/changes"
    since = {"since": "2020-01-01T00:00:00Z"}
    assert (await client.get(changes, params=since | {"scope": "deal"})).status_code == 422
    nosuch = await client.get(changes, params=since | {"deal": "NO-SUCH", "format": "json"})
    assert nosuch.status_code == 404, nosuch.text
    assert (await client.get(changes, params=since | {"account": "NO-SUCH"})).status_code == 404
    assert (await client.get(changes, params=since | {"deal": f"{mapped}-D1"})).status_code == 200
    upload = f"/workspaces/{mapped}/imports"
    refused = await client.post(
        upload, params={"duplicate": "keep"}, files=[("files", ("x.csv", b"", "text/csv"))]
    )
    assert refused.status_code == 422 and "duplicate" in refused.json()["message"]
    assert "get" in paths["/workspaces/{workspace}/export"]


async def test_a_viewer_of_one_workspace_exports_nothing_of_another(
    viewer: httpx.AsyncClient, mapped: str, elsewhere: str
) -> None:
    """Neither the path nor an account or deal id of the other workspace reaches its data."""
    attempts = [
        (f"/workspaces/{elsewhere}/export", {}),
        (f"/workspaces/{elsewhere}/export", {"account": f"{elsewhere}-ACME"}),
        (f"/workspaces/{elsewhere}/export", {"deal": f"{elsewhere}-D1"}),
        (f"/workspaces/{mapped}/export", {"account": f"{elsewhere}-ACME"}),
        (f"/workspaces/{mapped}/export", {"deal": f"{elsewhere}-D1"}),
    ]
    async with viewer:
        for fmt in EXPORT_FORMATS:
            for url, params in attempts:
                response = await viewer.get(url, params={"format": fmt, **params})
                assert response.status_code == 404, (url, params, response.text)
                assert f"{elsewhere}-C" not in response.text  # none of its people's ids
        # The viewer's own workspace exports, and holds nothing of the other.
        own = await viewer.get(f"/workspaces/{mapped}/export", params={"format": "json"})
    assert own.status_code == 200, own.text
    assert f"{mapped}-CFO" in own.text
    assert elsewhere not in own.text


async def test_an_export_runs_every_statement_through_the_callers_guard(
    store: Store, mapped: str, elsewhere: str, tmp_path: Path
) -> None:
    """The code the CLI and the route share refuses a workspace the caller is no member of."""
    caller = CallerStore(store, Principal("u", "Viewer", roles={mapped: Role.VIEWER}))
    for scope in ({}, {"account": f"{elsewhere}-ACME"}, {"deal": f"{elsewhere}-D1"}):
        with pytest.raises(NotFound):
            await export_scope(caller.workspace(elsewhere), "csv", tmp_path / "out", **scope)
    assert not (tmp_path / "out").exists()
    written = await export_scope(caller.workspace(mapped), "csv", tmp_path / "own")
    assert written
