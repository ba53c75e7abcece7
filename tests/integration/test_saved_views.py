"""Saved views on the server: per deal, by name (the same name replaces), shared by the
workspace's team, held to input limits, and invisible and untouchable from another workspace."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from graph.database.store import Store
from graph.model.view import MAX_VIEW_BYTES
from graph.repository.auth import Role, TokenAuthority, issue_token
from tests.conftest import asgi_client
from tests.integration.test_isolation import Team, _snapshot

pytestmark = pytest.mark.integration


VIEWS = """
query($ws: ID!, $deal: ID!, $first: Int, $after: String) {
  workspace(id: $ws) { deal(id: $deal) { views(first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id key name state savedBy } }
  } } }
}
"""
SAVE = """
mutation($input: SaveViewInput!) { saveView(input: $input) { __typename
  ... on SaveViewSuccess { view { id key name state } }
  ... on ValidationError { fields { field message } }
  ... on NotFoundError { field message } } }
"""
DELETE = """
mutation($input: DeleteViewInput!) { deleteView(input: $input) { __typename
  ... on DeleteSuccess { deletedId } ... on NotFoundError { message } } }
"""
STATE = {"minWeight": 0.5, "hidden": [], "moved": [["p1", {"x": 10, "y": 20}]], "viewport": {}}


async def _gql(client: httpx.AsyncClient, document: str, **variables: Any) -> dict[str, Any]:
    response = await client.post("/graphql", json={"query": document, "variables": variables})
    assert response.status_code == 200, response.text
    return dict(response.json())


async def _save(team: Team, name: str, state: Any = STATE, **extra: Any) -> dict[str, Any]:
    fields = {"workspaceId": team.ws, "dealId": team.key("deal"), "name": name, "state": state}
    body = await team.gql(SAVE, input=fields | extra)
    return dict(body["data"]["saveView"])


async def _names(client: httpx.AsyncClient, team: Team) -> list[str] | None:
    body = await _gql(client, VIEWS, ws=team.ws, deal=team.key("deal"))
    workspace = body["data"]["workspace"]
    if workspace is None:
        return None
    return [e["node"]["name"] for e in workspace["deal"]["views"]["edges"]]


async def test_save_list_replace_page_and_delete(ours: Team) -> None:
    saved = await _save(ours, "  For the CFO ")
    assert saved["__typename"] == "SaveViewSuccess"
    assert (saved["view"]["name"], saved["view"]["state"]) == ("For the CFO", STATE)
    await _save(ours, "All of IT", {"minWeight": 0.3})
    # the same name replaces: still two views, with the new state
    replaced = await _save(ours, "For the CFO", {"minWeight": 0.9})
    assert replaced["view"]["id"] == saved["view"]["id"]
    body = await ours.gql(VIEWS, ws=ours.ws, deal=ours.key("deal"))
    views = body["data"]["workspace"]["deal"]["views"]
    assert views["totalCount"] == 2
    assert [e["node"]["name"] for e in views["edges"]] == ["All of IT", "For the CFO"]
    assert views["edges"][1]["node"]["state"] == {"minWeight": 0.9}
    assert views["edges"][1]["node"]["savedBy"] == ours.ws  # the team's user saved it
    # a Relay connection: pages by cursor
    body = await ours.gql(VIEWS, ws=ours.ws, deal=ours.key("deal"), first=1)
    page = body["data"]["workspace"]["deal"]["views"]
    assert [e["node"]["name"] for e in page["edges"]] == ["All of IT"]
    assert page["pageInfo"]["hasNextPage"]
    after = page["pageInfo"]["endCursor"]
    body = await ours.gql(VIEWS, ws=ours.ws, deal=ours.key("deal"), first=1, after=after)
    page = body["data"]["workspace"]["deal"]["views"]
    assert [e["node"]["name"] for e in page["edges"]] == ["For the CFO"]
    assert not page["pageInfo"]["hasNextPage"]

    deleted = await ours.gql(DELETE, input={"workspaceId": ours.ws, "id": saved["view"]["id"]})
    assert deleted["data"]["deleteView"]["__typename"] == "DeleteSuccess"
    assert await _names(ours.client, ours) == ["All of IT"]
    again = await ours.gql(DELETE, input={"workspaceId": ours.ws, "id": saved["view"]["id"]})
    assert again["data"]["deleteView"]["__typename"] == "NotFoundError"


async def test_input_limits_answer_with_the_field_named(ours: Team) -> None:
    def fields(result: dict[str, Any]) -> dict[str, str]:
        assert result["__typename"] == "ValidationError", result
        return {f["field"]: f["message"] for f in result["fields"]}

    assert "at most 100 characters" in fields(await _save(ours, "x" * 101))["name"]
    assert "at least 1 character" in fields(await _save(ours, "   "))["name"]
    big = {"moved": ["p" * 1000] * 70}
    message = fields(await _save(ours, "Too big", big))["state"]
    assert f"a view holds at most {MAX_VIEW_BYTES:,} bytes of JSON" in message
    assert "valid dictionary" in fields(await _save(ours, "A list", [1, 2]))["state"]
    missing = await _save(ours, "Nowhere", dealId=ours.key("no-such-deal"))
    assert (missing["__typename"], missing["field"]) == ("NotFoundError", "dealId")
    assert await _names(ours.client, ours) == []


async def test_views_are_the_teams_and_no_one_elses(
    app: FastAPI, ours: Team, theirs: Team, store: Store
) -> None:
    saved = await _save(ours, "Ours")
    view_id = saved["view"]["id"]
    # another workspace's team sees nothing: the workspace answers null, as a missing one
    assert await _names(theirs.client, ours) is None
    before = await _snapshot(store, ours.ws)
    write = await _gql(
        theirs.client,
        SAVE,
        input={"workspaceId": ours.ws, "dealId": ours.key("deal"), "name": "Mole", "state": {}},
    )
    assert write["data"]["saveView"]["__typename"] == "NotFoundError"
    for workspace in (ours.ws, theirs.ws):  # by our key, or through their own workspace
        gone = await _gql(theirs.client, DELETE, input={"workspaceId": workspace, "id": view_id})
        assert gone["data"]["deleteView"]["__typename"] == "NotFoundError"
    assert await _snapshot(store, ours.ws) == before
    assert await _names(ours.client, ours) == ["Ours"]

    # a viewer of our workspace reads our views but saves and deletes none
    viewer = await issue_token(store, f"viewer-{uuid.uuid4().hex[:8]}")
    await TokenAuthority(store).grant(viewer.user_id, ours.ws, Role.VIEWER)
    async with asgi_client(app, viewer.token) as client:
        assert await _names(client, ours) == ["Ours"]
        fields = {"workspaceId": ours.ws, "dealId": ours.key("deal"), "name": "V", "state": {}}
        refused = await _gql(client, SAVE, input=fields)
        assert "viewer" in refused["errors"][0]["message"]
        refused = await _gql(client, DELETE, input={"workspaceId": ours.ws, "id": view_id})
        assert "viewer" in refused["errors"][0]["message"]
    assert await _names(ours.client, ours) == ["Ours"]

    # deleting the deal takes its views along
    await ours.gql(
        "mutation($i: DeleteInput!) { deleteDeal(input: $i) { __typename } }",
        i={"workspaceId": ours.ws, "id": ours.key("deal")},
    )
    records, _, _ = await store.driver.execute_query(
        "MATCH (v:SavedView {workspace: $ws}) RETURN count(v) AS n", {"ws": ours.ws}
    )
    assert records[0]["n"] == 0
