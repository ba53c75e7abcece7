"""OpenTelemetry tracing, exported over OTLP: off unless asked for and installed.

It is on when the ``otel`` extra is installed (``pip install 'statusmap[otel]'``; the Docker
image has it) and either ``OTEL_EXPORTER_OTLP_ENDPOINT`` (or ``..._TRACES_ENDPOINT``) or
``STATUSMAP_OTEL=true`` is set; the exporter then reads the standard ``OTEL_*`` variables
(endpoint, headers, ``OTEL_SERVICE_NAME``, ``OTEL_RESOURCE_ATTRIBUTES`` …). Each request then
has one trace:

- the HTTP request's span, made by FastAPI itself (route, method, status);
- ``graphql <type> <name>`` around each GraphQL operation (:class:`GraphQLTracing`);
- ``cypher <statement>`` around each statement sent to Neo4j (``graph/database/store.py``), named
  after its ``queries/`` file, never carrying its parameters.

Without an SDK the spans are OpenTelemetry's no-ops: the API package alone records nothing.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator

from opentelemetry import trace
from strawberry.extensions.base_extension import SchemaExtension

from api.settings import Settings

__all__ = ["GraphQLTracing", "configure_tracing", "name_operation", "tracing_wanted"]

log = logging.getLogger("statusmap")

_ENDPOINTS = ("OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")


def tracing_wanted(settings: Settings) -> bool:
    """Whether the environment asks for traces (an OTLP endpoint, or ``STATUSMAP_OTEL``)."""
    return settings.otel or any(os.environ.get(name) for name in _ENDPOINTS)


def configure_tracing(settings: Settings) -> bool:
    """Export this process's spans over OTLP when wanted and installed; whether it does."""
    if not tracing_wanted(settings):
        return False
    try:
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
        from opentelemetry.sdk.resources import Resource
        from opentelemetry.sdk.trace import TracerProvider
        from opentelemetry.sdk.trace.export import BatchSpanProcessor
    except ImportError:
        log.warning(
            "statusmap: tracing asked for (STATUSMAP_OTEL or OTEL_EXPORTER_OTLP_ENDPOINT) but "
            "OpenTelemetry's SDK is not installed: pip install 'statusmap[otel]'; no traces"
        )
        return False
    # Resource.create reads OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES over this default.
    resource = Resource.create({"service.name": "statusmap"})
    provider = TracerProvider(resource=resource)
    provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
    trace.set_tracer_provider(provider)
    log.info("statusmap: tracing on, spans exported over OTLP")
    return True


def name_operation(span: trace.Span, kind: str, name: str | None, failed: bool) -> None:
    """Name the request's ``graphql`` span after its operation, on either path that answers it."""
    span.update_name(f"graphql {kind} {name or ''}".rstrip())
    span.set_attribute("graphql.operation.type", kind)
    if name:
        span.set_attribute("graphql.operation.name", name)
    if failed:
        span.set_status(trace.StatusCode.ERROR)


class GraphQLTracing(SchemaExtension):
    """Names the ``graphql`` span of an operation the executor answers by its type and name.

    The span itself is opened by the GraphQL view around the compiled path and the executor
    alike (``api/graphql/router.py``), so either way a request has one operation span.
    """

    def on_operation(self) -> Iterator[None]:
        yield
        context = self.execution_context
        try:
            kind = context.operation_type.value
        except RuntimeError:  # the document did not parse
            kind = "invalid"
        result = context.result
        failed = bool(context.pre_execution_errors or (result is not None and result.errors))
        name_operation(trace.get_current_span(), kind, context.operation_name, failed)
