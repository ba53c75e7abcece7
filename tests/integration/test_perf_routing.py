"""A ``neo4j://`` routing URI works like ``bolt://``: the driver routes reads and writes.

Against one server the routing table names that server for every role, which is what a cluster
or Aura gives per role; the store's reads go to readers and its writes to the writer either way.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import httpx
import pytest
from neo4j import AsyncGraphDatabase

from api.app import create_app
from api.settings import Settings
from graph.database.connection import Neo4jTarget
from graph.database.store import Store
from graph.repository.auth import issue_token
from graph.repository.workspaces import ensure_workspace
from graph.scopes.measures import WorkspaceMeasures
from seed.demo import load_generated
from seed.generator import SeedConfig

pytestmark = pytest.mark.integration


def _routing(uri: str) -> str:
    scheme, _, rest = uri.partition("://")
    return f"neo4j://{rest}" if scheme == "bolt" else uri


@pytest.fixture
async def routed_settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"neo4j_uri": _routing(settings.neo4j_uri or "")})


async def test_store_reads_and_writes_through_a_routing_uri(neo4j_target: Neo4jTarget) -> None:
    uri = _routing(neo4j_target.uri)
    assert uri.startswith(("neo4j://", "neo4j+s://"))
    auth = (neo4j_target.user, neo4j_target.password) if neo4j_target.password else None
    async with AsyncGraphDatabase.driver(uri, auth=auth) as driver:
        store = Store(driver)
        workspace = f"routing-{uuid.uuid4().hex[:8]}"
        await ensure_workspace(store, workspace)
        rows = await store.read("workspaces/get_many", {"ids": [workspace]})
    assert [r["workspace"]["id"] for r in rows] == [workspace]


@pytest.fixture
async def routed_client(routed_settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(routed_settings)
    async with app.router.lifespan_context(app):
        token = (await issue_token(app.state.store, "routing-admin", superuser=True)).token
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app),
            base_url="http://statusmap.test",
            headers={"authorization": f"Bearer {token}"},
        ) as client:
            yield client


async def test_graphql_through_a_routing_uri(routed_client: httpx.AsyncClient) -> None:
    key = f"routing-{uuid.uuid4().hex[:8]}"
    create = await routed_client.post(
        "/graphql",
        json={
            "query": "mutation($id: String!) { createWorkspace(input: {id: $id, name: $id}) "
            "{ __typename } }",
            "variables": {"id": key},
        },
    )
    assert create.json()["data"]["createWorkspace"]["__typename"] == "WorkspaceSuccess"
    read = await routed_client.post(
        "/graphql",
        json={"query": "query($id: ID!) { workspace(id: $id) { key } }", "variables": {"id": key}},
    )
    assert read.json()["data"]["workspace"] == {"key": key}


async def test_gds_engine_through_a_routing_uri(routed_settings: Settings, store: Store) -> None:
    # The app on STATUSMAP_ANALYTICS_ENGINE=gds behind a neo4j:// URI: the projection, PageRank
    # and the answer go to the member that takes writes (Store.compute), as on a cluster.
    if await store.gds_version() is None:
        pytest.skip("the test server has no Graph Data Science library")
    tag = uuid.uuid4().hex[:8]
    workspace = f"routing-gds-{tag}"
    config = SeedConfig(accounts=2, people=120, seed=3, prefix=f"rg{tag}-")
    assert await load_generated(store.bulk(), workspace, config)
    # Single-user mode: the one local user is admin of every workspace, this one included.
    update = {"analytics_engine": "gds", "auth": "single-user"}
    app = create_app(routed_settings.model_copy(update=update))
    async with app.router.lifespan_context(app):
        assert await app.state.analysis.workspace_measures.engine(app.state.store) == "gds"
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://statusmap.test"
        ) as client:
            answer = await client.post(
                "/graphql",
                json={
                    "query": "query($id: ID!) { workspace(id: $id) { topInfluencers(first: 5) "
                    "{ personKey score } } }",
                    "variables": {"id": workspace},
                },
            )
    body = answer.json()
    assert "errors" not in body, body
    found = body["data"]["workspace"]["topInfluencers"]
    ours = await WorkspaceMeasures("python").influence_rank(store.workspace(workspace), first=5)
    assert [t["personKey"] for t in found] == list(ours.values)
    assert [t["score"] for t in found] == pytest.approx(list(ours.values.values()), abs=1e-6)
