"""Tracing on a real Neo4j: one trace per request, with the HTTP, GraphQL and Cypher spans.

The spans go to an in-memory exporter on OpenTelemetry's global tracer provider, as
``configure_tracing`` installs an OTLP one (which needs a collector); a process sets it once.
"""

from __future__ import annotations

import httpx
import pytest
from opentelemetry import trace
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from api.settings import Settings
from api.tracing import tracing_wanted

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def spans() -> InMemorySpanExporter:
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    trace.set_tracer_provider(provider)
    if trace.get_tracer_provider() is not provider:
        pytest.fail("another tracer provider was set in this process before")
    return exporter


async def test_a_graphql_request_is_one_trace_down_to_its_statements(
    spans: InMemorySpanExporter, client: httpx.AsyncClient, workspace: str
) -> None:
    spans.clear()
    response = await client.post(
        "/graphql",
        json={
            "query": "query Traced($id: ID!) { workspace(id: $id) { id name } }",
            "variables": {"id": workspace},
            "operationName": "Traced",
        },
    )
    assert response.status_code == 200, response.text
    assert response.json()["data"]["workspace"] is not None, response.text
    finished = spans.get_finished_spans()
    graphql = [s for s in finished if s.name == "graphql query Traced"]
    cypher = [s for s in finished if s.name.startswith("cypher ")]
    assert len(graphql) == 1, [s.name for s in finished]
    assert cypher, [s.name for s in finished]
    (operation,) = graphql
    # The statements are children of the operation, which is a child of the HTTP request's span.
    assert operation.parent is not None
    http = [s for s in finished if s.context.span_id == operation.parent.span_id]
    assert len(http) == 1 and "POST" in http[0].name, [s.name for s in finished]
    for statement in cypher:
        assert statement.context.trace_id == operation.context.trace_id
        assert statement.attributes is not None
        assert statement.attributes["db.system"] == "neo4j"
        assert workspace not in str(dict(statement.attributes))


def test_tracing_is_off_unless_asked_for(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"):
        monkeypatch.delenv(name, raising=False)
    assert not tracing_wanted(Settings())
    assert tracing_wanted(Settings(otel=True))
    monkeypatch.setenv("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4318")
    assert tracing_wanted(Settings())
