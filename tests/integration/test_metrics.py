"""``/metrics`` on the app and a real Neo4j: a request just made is counted, by route template."""

from __future__ import annotations

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

pytestmark = pytest.mark.integration


async def _sample(client: httpx.AsyncClient, name: str, **labels: str) -> float:
    """The value of the sample ``name`` with ``labels`` on ``/metrics`` now (0 when absent)."""
    response = await client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    for family in text_string_to_metric_families(response.text):
        for sample in family.samples:
            if sample.name == name and sample.labels == labels:
                return sample.value
    return 0.0


async def test_metrics_need_a_token(anonymous: httpx.AsyncClient) -> None:
    response = await anonymous.get("/metrics")
    assert response.status_code == 401


async def test_a_graphql_operation_just_made_is_counted(client: httpx.AsyncClient) -> None:
    http = {"method": "POST", "route": "/graphql", "status": "200"}
    operation = {"operation": "MetricsProbe", "type": "query", "outcome": "ok"}
    requests_before = await _sample(client, "statusmap_http_requests_total", **http)
    operations_before = await _sample(client, "statusmap_graphql_operations_total", **operation)
    response = await client.post(
        "/graphql",
        json={"query": "query MetricsProbe { health { status } }", "operationName": "MetricsProbe"},
    )
    assert response.status_code == 200
    assert await _sample(client, "statusmap_http_requests_total", **http) == requests_before + 1
    assert (
        await _sample(client, "statusmap_graphql_operations_total", **operation)
        == operations_before + 1
    )
    timed = await _sample(
        client,
        "statusmap_graphql_operation_duration_seconds_count",
        operation="MetricsProbe",
        type="query",
    )
    assert timed >= 1


async def test_a_failed_operation_counts_as_an_error(client: httpx.AsyncClient) -> None:
    labels = {"operation": "Broken", "type": "query", "outcome": "error"}
    before = await _sample(client, "statusmap_graphql_operations_total", **labels)
    await client.post("/graphql", json={"query": "query Broken { noSuchField }"})
    assert await _sample(client, "statusmap_graphql_operations_total", **labels) == before + 1


async def test_a_rest_route_is_counted_by_its_template_not_its_path(
    client: httpx.AsyncClient,
) -> None:
    labels = {"method": "GET", "route": "/workspaces/{workspace}/export", "status": "404"}
    before = await _sample(client, "statusmap_http_requests_total", **labels)
    response = await client.get("/workspaces/no-such-workspace/export")
    assert response.status_code == 404
    assert await _sample(client, "statusmap_http_requests_total", **labels) == before + 1
    text = (await client.get("/metrics")).text
    assert "no-such-workspace" not in text


async def test_compiled_reads_are_counted_by_who_answered(
    client: httpx.AsyncClient, workspace: str
) -> None:
    """A deal read of the compiled shape: the compiled path answers, or the executor after it."""
    name = "statusmap_graphql_compiled_reads_total"
    query = 'query Compiled($w: ID!) { workspace(id: $w) { deal(id: "none") { name } } }'
    operation = {"operation": "Compiled", "type": "query", "outcome": "ok"}
    operations = await _sample(client, "statusmap_graphql_operations_total", **operation)
    compiled = await _sample(client, name, answered_by="compiled")
    executor = await _sample(client, name, answered_by="executor")
    response = await client.post("/graphql", json={"query": query, "variables": {"w": workspace}})
    assert response.status_code == 200 and response.json() == {
        "data": {"workspace": {"deal": None}}
    }
    assert await _sample(client, name, answered_by="compiled") == compiled + 1
    # Counted as an operation like any other, though the executor never saw it.
    counted = await _sample(client, "statusmap_graphql_operations_total", **operation)
    assert counted == operations + 1
    # A workspace the caller may not see is left to the executor, which answers null.
    response = await client.post("/graphql", json={"query": query, "variables": {"w": "no-such"}})
    assert response.json() == {"data": {"workspace": None}}
    assert await _sample(client, name, answered_by="executor") == executor + 1
    counted = await _sample(client, "statusmap_graphql_operations_total", **operation)
    assert counted == operations + 2  # once, by the executor


async def test_neo4j_connections_in_use_are_exposed_and_released(
    client: httpx.AsyncClient,
) -> None:
    """Between requests no statement is at work: the gauge is back where it was, not growing."""
    name = "statusmap_neo4j_connections_in_use"
    response = await client.get("/metrics")
    assert f"# TYPE {name} gauge" in response.text
    before = await _sample(client, name)
    for _ in range(3):
        await client.post("/graphql", json={"query": "{ health { status neo4j { state } } }"})
    assert await _sample(client, name) == before
