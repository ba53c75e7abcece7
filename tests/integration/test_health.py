"""The app on a real Neo4j: health over REST and GraphQL, schema applied."""

from __future__ import annotations

import base64
import hashlib
import re

import httpx
import pytest

from graph.database.store import Store

pytestmark = pytest.mark.integration


async def test_rest_health_reports_neo4j_up_and_its_version(client: httpx.AsyncClient) -> None:
    response = await client.get("/health")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["neo4j"]["state"] == "up"
    assert body["neo4j"]["version"].startswith("5.26.")


async def test_graphql_health_field(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/graphql", json={"query": "{ health { status neo4j { state version edition } } }"}
    )
    assert response.status_code == 200
    health = response.json()["data"]["health"]
    assert health["neo4j"]["state"] == "up"
    assert health["neo4j"]["edition"] in {"community", "enterprise"}


async def test_graphiql_is_served(client: httpx.AsyncClient) -> None:
    response = await client.get("/graphql", headers={"accept": "text/html"})
    assert response.status_code == 200
    assert "graphiql" in response.text.lower()


async def test_graphiql_assets_are_served_here_and_match_their_pinned_hashes(
    anonymous: httpx.AsyncClient,
) -> None:
    page = (await anonymous.get("/graphql", headers={"accept": "text/html"})).text
    tags = re.findall(r'(?:src|href)="([^"]+)"\s+integrity="sha384-([^"]+)"', page)
    assert len(tags) == 7, page
    assert "https://" not in page
    for path, digest in tags:
        assert path.startswith("/graphiql/")
        asset = await anonymous.get(path)
        assert asset.status_code == 200, path
        assert base64.b64encode(hashlib.sha384(asset.content).digest()).decode() == digest, path


async def test_swagger_ui_assets_are_served_here(anonymous: httpx.AsyncClient) -> None:
    page = (await anonymous.get("/docs")).text
    assets = re.findall(r'(?:src|href)="(/[^"]+)"', page)
    assert len(assets) == 2, page
    assert "https://" not in page
    for path in assets:
        assert (await anonymous.get(path)).status_code == 200, path


async def test_schema_constraints_exist_and_reapplying_is_idempotent(store: Store) -> None:
    applied = await store.apply_schema()
    again = await store.apply_schema()
    assert applied == again
    rows = await store.driver.execute_query(
        "SHOW CONSTRAINTS YIELD labelsOrTypes, properties, type "
        "WHERE type = 'UNIQUENESS' RETURN labelsOrTypes[0] AS label, properties"
    )
    unique = {(r["label"], tuple(r["properties"])) for r in rows.records}
    for label in ("Workspace", "Organisation", "Person", "Ladder", "StatusLevel", "Deal"):
        assert (label, ("id",)) in unique


async def test_unique_id_constraint_is_enforced(store: Store) -> None:
    from neo4j.exceptions import ConstraintError

    await store.driver.execute_query("MERGE (:Person {id: 'dup-check'})")
    with pytest.raises(ConstraintError):
        await store.driver.execute_query("CREATE (:Person {id: 'dup-check'})")
    await store.driver.execute_query("MATCH (p:Person {id: 'dup-check'}) DELETE p")


async def test_store_counts_round_trips(store: Store) -> None:
    before = store.round_trips
    await store.read("health/components")
    await store.write("health/components")
    assert store.round_trips == before + 2


async def test_health_says_down_when_the_database_does_not_answer() -> None:
    from neo4j import AsyncGraphDatabase

    driver = AsyncGraphDatabase.driver(
        "bolt://127.0.0.1:1", auth=("neo4j", "x"), connection_acquisition_timeout=2
    )
    try:
        health = await Store(driver).health()
    finally:
        await driver.close()
    assert health.state == "down"


async def test_liveness_and_readiness_answer_without_a_token(
    anonymous: httpx.AsyncClient, store: Store
) -> None:
    live = await anonymous.get("/health/live")
    assert (live.status_code, live.json()) == (200, {"status": "ok"})
    ready = await anonymous.get("/health/ready")
    # The local test server carries Graph Data Science when its jars resolve (tests/conftest.py).
    gds = await store.gds_version() is not None
    assert (ready.status_code, ready.json()) == (
        200,
        {"status": "ready", "neo4j": "up", "gds": gds},
    )
