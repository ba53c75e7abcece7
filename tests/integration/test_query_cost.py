"""The GraphQL cost model and time budget: a nested query cannot hold the server.

On 200 people with 6 influencers each, ``people(first: 200)`` with ``influencers`` nested four
deep is within the depth and alias limits; it resolved 300,000 list items, answered 13.6 MiB
after 20 s and held ``/health`` as long. It is now refused before it runs, with the limit and
the estimate named; a list longer than estimated is stopped while it runs; a query past its time
budget is stopped with an error, and a write is not.
"""

from __future__ import annotations

import httpx
import pytest

from api.app import create_app
from api.settings import Settings
from tests.conftest import asgi_client
from tests.integration.conftest import GraphQL

pytestmark = pytest.mark.integration

NESTED = """query($ws: ID!) { workspace(id: $ws) { people(first: 200) { edges { node {
  influencers { person { influencers { person { influencers { person {
    influencers { person { key } } } } } } } } } } } } }"""


async def _seed(gql: GraphQL, workspace: str, people: int, influencers: int) -> list[str]:
    keys = [f"{workspace}-p{i}" for i in range(people)]
    await gql(
        "mutation($ws: ID!, $people: [PersonItem!]!) { upsertPeople(input: "
        "{workspaceId: $ws, people: $people}) { __typename } }",
        ws=workspace,
        people=[{"id": k, "name": f"Person {i}"} for i, k in enumerate(keys)],
    )
    edges = [
        {"sourceId": keys[(i + j + 1) % people], "targetId": k, "weight": 0.5}
        for i, k in enumerate(keys)
        for j in range(influencers)
    ]
    data = await gql(
        "mutation($ws: ID!, $edges: [InfluenceItem!]!) { upsertInfluences(input: "
        "{workspaceId: $ws, influences: $edges}) { __typename } }",
        ws=workspace,
        edges=edges,
    )
    assert data["upsertInfluences"]["__typename"] == "UpsertSuccess", data
    return keys


async def test_the_nested_query_is_refused_before_it_runs(
    gql: GraphQL, workspace: str, client: httpx.AsyncClient
) -> None:
    await _seed(gql, workspace, people=200, influencers=6)
    response = await client.post("/graphql", json={"query": NESTED, "variables": {"ws": workspace}})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["data"] is None, str(body)[:500]
    [error] = body["errors"]
    assert error["extensions"]["code"] == "query_too_costly"
    assert error["extensions"]["limit"] == 20_000
    assert error["extensions"]["cost"] > 2_000_000  # 200 people, 10 items per level estimated
    assert "estimated" in error["message"] and "20,000" in error["message"]
    assert "STATUSMAP_MAX_QUERY_COST" in error["message"]


async def test_ordinary_queries_pass(gql: GraphQL, workspace: str) -> None:
    keys = await _seed(gql, workspace, people=60, influencers=6)
    # The shape of the page's map of an account: 500 people a page, each with their relations.
    data = await gql(
        """query($ws: ID!) { workspace(id: $ws) { people(first: 500) { edges { node {
          key influences { weight person { key } } reportsTo { key }
          knownBy { strength person { key name } } } } } } }""",
        ws=workspace,
    )
    people = data["workspace"]["people"]["edges"]
    assert len(people) == 60
    assert all(len(p["node"]["influences"]) == 6 for p in people)
    # Two hops of influencers around one person.
    data = await gql(
        """query($ws: ID!, $p: ID!) { workspace(id: $ws) { person(id: $p) {
          influencers { person { key influencers { person { key } } } } } } }""",
        ws=workspace,
        p=keys[0],
    )
    assert len(data["workspace"]["person"]["influencers"]) == 6


async def test_a_list_longer_than_estimated_is_stopped_at_the_limit(
    gql: GraphQL, workspace: str, settings: Settings, admin_token: str
) -> None:
    keys = await _seed(gql, workspace, people=40, influencers=30)
    query = """query($ws: ID!, $p: ID!) { workspace(id: $ws) { person(id: $p) {
      influencers { person { key } } } } }"""  # estimated at 10 items, holds 30
    app = create_app(settings.model_copy(update={"max_query_cost": 20}))
    async with app.router.lifespan_context(app), asgi_client(app, admin_token) as c:
        stopped = await c.post(
            "/graphql", json={"query": query, "variables": {"ws": workspace, "p": keys[0]}}
        )
        wide = await c.post(
            "/graphql",
            json={
                "query": "query($ws: ID!) { workspace(id: $ws) { people(first: 21) "
                "{ totalCount } } }",
                "variables": {"ws": workspace},
            },
        )
    body = stopped.json()
    assert body["data"] is None, str(body)[:500]
    [error] = body["errors"]
    assert error["extensions"]["code"] == "query_too_costly"
    assert "stopped after resolving 30 list items" in error["message"], error
    # A connection without its lists asked for costs nothing: only resolved items count.
    assert wide.json()["data"]["workspace"]["people"]["totalCount"] == 40


async def test_a_query_past_its_time_budget_is_stopped_a_write_is_not(
    gql: GraphQL, workspace: str, settings: Settings, admin_token: str
) -> None:
    app = create_app(settings.model_copy(update={"request_seconds": 1e-6}))
    async with app.router.lifespan_context(app), asgi_client(app, admin_token) as c:
        read = await c.post(
            "/graphql",
            json={
                "query": "query($ws: ID!) { workspace(id: $ws) { people { totalCount } } }",
                "variables": {"ws": workspace},
            },
        )
        write = await c.post(
            "/graphql",
            json={
                "query": "mutation($ws: ID!, $p: String!) { upsertPeople(input: {workspaceId: $ws, "
                'people: [{id: $p, name: "Ann"}]}) { __typename } }',
                "variables": {"ws": workspace, "p": f"{workspace}-budget"},
            },
        )
    assert read.status_code == 200, read.text
    [error] = read.json()["errors"]
    assert error["extensions"]["code"] == "time_budget_exceeded", error
    assert "STATUSMAP_REQUEST_SECONDS" in error["message"]
    assert write.json()["data"]["upsertPeople"]["__typename"] == "UpsertSuccess", write.text
    data = await gql(
        "query($ws: ID!, $p: ID!) { workspace(id: $ws) { person(id: $p) { name } } }",
        ws=workspace,
        p=f"{workspace}-budget",
    )
    assert data["workspace"]["person"]["name"] == "Ann"
