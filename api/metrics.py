"""``/metrics``: the process's counters in Prometheus' text format.

- ``statusmap_http_requests_total`` and ``statusmap_http_request_duration_seconds``, by method,
  route (the route's template, e.g. ``/workspaces/{workspace_id}/imports``, never the raw path)
  and status;
- ``statusmap_graphql_operations_total`` and ``statusmap_graphql_operation_duration_seconds``, by
  operation name, type (query, mutation) and outcome (``ok``, ``error``);
- ``statusmap_admission_refused_total``: requests answered ``503 busy`` by the admission
  control (``api/admission.py``), by reason;
- the domain core's counters (``graph/telemetry.py``): Neo4j errors, analysis cache look-ups,
  import rows written; and the Python process' own (CPU, memory, open files).

Like every route but the health probes, ``/metrics`` needs an API token (any valid one; none in
single-user mode): a scraper sends ``Authorization: Bearer <token>``. Each worker process counts
its own requests (``statusmap serve --workers N``): a scrape reads the worker that answers it.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from typing import Any

from fastapi import APIRouter
from fastapi.responses import Response
from prometheus_client import CONTENT_TYPE_LATEST, Counter, Histogram, generate_latest
from starlette.routing import Mount, Route
from starlette.types import Receive, Scope, Send
from strawberry.extensions.base_extension import SchemaExtension

from api.deps import PrincipalDep

__all__ = [
    "ADMISSION_REFUSED",
    "COMPILED_READS",
    "CountedMount",
    "CountedRoute",
    "GraphQLMetrics",
    "count_operation",
    "observe_request",
    "router",
]

REQUESTS = Counter(
    "statusmap_http_requests_total",
    "HTTP requests answered, by method, route template and status.",
    ["method", "route", "status"],
)
REQUEST_SECONDS = Histogram(
    "statusmap_http_request_duration_seconds",
    "Seconds from a request's arrival to the end of its answer, by method and route template.",
    ["method", "route"],
)
OPERATIONS = Counter(
    "statusmap_graphql_operations_total",
    "GraphQL operations executed, by operation name, type and outcome (ok, error).",
    ["operation", "type", "outcome"],
)
OPERATION_SECONDS = Histogram(
    "statusmap_graphql_operation_duration_seconds",
    "Seconds a GraphQL operation took (parse, validate, execute), by operation name and type.",
    ["operation", "type"],
)
COMPILED_READS = Counter(
    "statusmap_graphql_compiled_reads_total",
    "Operations of a compilable shape, by who answered: 'compiled' (one shaped statement) or "
    "'executor' (fell back: fragments, errors, limits, no role...).",
    ["answered_by"],
)
ADMISSION_REFUSED = Counter(
    "statusmap_admission_refused_total",
    "Requests answered 503 busy by the admission control: 'queue_full' on arrival, or "
    "'waited_too_long' in the queue.",
    ["reason"],
)

_NAME = re.compile(r"[_A-Za-z][_0-9A-Za-z]{0,63}")
_MAX_NAMES = 200
"""Operation names are the clients' choice: past this many distinct ones, the rest count as
``other``, so that a client cannot grow the metrics without bound."""
_names: set[str] = set()

UNROUTED = "unrouted"
"""The route label of a request that reached no route (refused, or no route matches)."""


_Child = Any
_children: dict[tuple[object, ...], _Child] = {}
"""Each metric's child per label values, looked up once: ``labels()`` checks and locks on
every call. Bounded as the labels are (operation names, route templates, statuses)."""


def _child(metric: Counter | Histogram, *values: str) -> _Child:
    key = (id(metric), *values)
    child = _children.get(key)
    if child is None:
        child = _children[key] = metric.labels(*values)
    return child


def _operation_label(name: str | None) -> str:
    if not name:
        return "anonymous"
    if name in _names:
        return name
    if not _NAME.fullmatch(name) or len(_names) >= _MAX_NAMES:
        return "other"
    _names.add(name)
    return name


def count_operation(name: str | None, kind: str, failed: bool, seconds: float) -> None:
    """Count and time one GraphQL operation, whichever path answered it."""
    label = _operation_label(name)
    _child(OPERATIONS, label, kind, "error" if failed else "ok").inc()
    _child(OPERATION_SECONDS, label, kind).observe(seconds)


class GraphQLMetrics(SchemaExtension):
    """Counts and times each GraphQL operation the executor answers by name, type and outcome.

    The compiled path counts its own answers with :func:`count_operation` (api/graphql/router.py).
    """

    def on_operation(self) -> Iterator[None]:
        started = time.perf_counter()
        yield
        context = self.execution_context
        try:
            kind = context.operation_type.value
        except RuntimeError:  # the document did not parse: no operation to name
            kind = "invalid"
        result = context.result
        failed = bool(context.pre_execution_errors or (result is not None and result.errors))
        count_operation(context.operation_name, kind, failed, time.perf_counter() - started)


class CountedRoute(Route):
    """A plain Starlette route whose template the metrics see.

    FastAPI's router records the route it chose in the scope only for its own (``APIRoute``)
    routes; ``/graphql`` is Strawberry's ASGI view on a plain route (api/graphql/router.py).
    """

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        scope["route"] = self
        await super().handle(scope, receive, send)


class CountedMount(Mount):
    """A mount (the front end's files at ``/``) counted as ``<prefix>/{path}``."""

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        scope["route"] = self
        await super().handle(scope, receive, send)


def _route_label(scope: Scope) -> str:
    route = scope.get("route")
    if isinstance(route, Mount):
        return f"{route.path}/{{path}}"
    path = getattr(route, "path", None)
    return path if isinstance(path, str) else UNROUTED


def observe_request(scope: Scope, status: int, seconds: float) -> None:
    """Count and time one answered HTTP request (called by :class:`api.logs.RequestContext`)."""
    # The router records the route it matched in the (shared) scope.
    label = _route_label(scope)
    method = scope["method"]
    _child(REQUESTS, method, label, str(status)).inc()
    _child(REQUEST_SECONDS, method, label).observe(seconds)


router = APIRouter(tags=["operations"])


@router.get(
    "/metrics",
    summary="Prometheus metrics of this process (token needed, as everywhere but /health)",
    response_class=Response,
    responses={200: {"content": {CONTENT_TYPE_LATEST: {}}}},
)
async def metrics(_principal: PrincipalDep) -> Response:
    return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)
