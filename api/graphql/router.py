"""``/graphql`` over HTTP: domain errors keep their message, anything else is masked.

Served by Strawberry's plain ASGI view on a Starlette route, not by its FastAPI router: the
router runs FastAPI's dependency machinery (an exit stack, background tasks, solving the
context getter) on every request for a context that needs only the request.

A resolver that fails with a :class:`~graph.errors.StatusmapError` (not found, forbidden,
validation, database unavailable ...) says so in the error's message and in
``extensions.code``. Any other exception is a bug: the client gets ``"internal error"`` and an
``incident`` id, and the log gets the exception with its traceback under that id, so neither a
stack trace nor a Cypher statement reaches a client. When the database does not answer, the
HTTP status is 503 (with ``Retry-After``), as on the REST routes; so it is when the database
answers but could not do the work now (busy: a deadlock, a lock wait, a time limit).

Every query runs within a time budget (``STATUSMAP_REQUEST_SECONDS``): past it, the operation
is cancelled where it waits (the database, an analysis) and the answer is one
``time_budget_exceeded`` error. A mutation lifts its budget as it starts
(:meth:`Context.lift_time_budget`): cut off between two statements, a write would be half done.
An operation stopped for its cost (:mod:`api.graphql.cost`) answers its one
``query_too_costly`` error, not the partial data and the error of every list stopped with it.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from typing import Any

import orjson
from cross_web import AsyncHTTPRequestAdapter
from graphql import GraphQLError
from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse, GraphQLRequestData
from strawberry.types import ExecutionResult

from api.errors import client_error
from api.graphql import cost
from api.graphql.compiled import CompiledReads
from api.graphql.context import Context, get_context
from api.graphql.graphiql import offline_graphiql_html
from api.logs import request_id
from api.request_body import decode_json
from graph.errors import StatusmapError, TryAgainLater, ValidationFailed
from graph.telemetry import TRACER

__all__ = ["RETRY_AFTER_SECONDS", "StatusmapGraphQL", "public_error"]

log = logging.getLogger("statusmap.graphql")

RETRY_AFTER_SECONDS = 5
_TRY_AGAIN_CODES = frozenset(error.code for error in TryAgainLater.__subclasses__())
"""The ``extensions.code`` of :class:`~graph.errors.TryAgainLater`'s errors: a 503."""


def public_error(error: GraphQLError) -> GraphQLError:
    """``error`` as a client may see it, logged once (Strawberry's own log is off).

    Errors without an original exception come from parsing, validation or the query limits
    (depth, tokens, aliases, cost, time) and are kept as they are. The client's mistakes are
    logged at INFO, a database that cannot serve now at WARNING, a bug at ERROR with its
    traceback under the incident id the client gets.
    """
    original = error.original_error
    if original is None or isinstance(original, GraphQLError):
        code = (error.extensions or {}).get("code", "invalid_query")
        log.info("graphql %s at %s: %s", code, error.path, error.message)
        return error
    if isinstance(original, StatusmapError) and client_error(original):
        level = logging.WARNING if isinstance(original, TryAgainLater) else logging.INFO
        log.log(level, "graphql %s at %s: %s", original.code, error.path, original.message)
        extensions = {**(error.extensions or {}), "code": original.code}
        if isinstance(original, ValidationFailed):  # a form puts each message under its field
            extensions["fields"] = [{"field": f, "message": m} for f, m in original.fields]
        return GraphQLError(
            original.message, nodes=error.nodes, path=error.path, extensions=extensions
        )
    incident = secrets.token_hex(6)
    log.error(
        "internal error %s at %s",
        incident,
        error.path,
        exc_info=(type(original), original, original.__traceback__),
        extra={"incident": incident},
    )
    return GraphQLError(
        f"internal error (incident {incident}); it has been logged",
        nodes=error.nodes,
        path=error.path,
        extensions={"code": "internal", "incident": incident, "requestId": request_id()},
    )


def _codes(response_data: Any) -> set[str]:
    results = response_data if isinstance(response_data, list) else [response_data]
    return {
        str((error.get("extensions") or {}).get("code"))
        for result in results
        if isinstance(result, dict)
        for error in result.get("errors") or ()
        if isinstance(error, dict)
    }


class StatusmapGraphQL(GraphQL[Context, None]):
    """Strawberry's ASGI view with statusmap's context and error policy (see the docstring)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.compiled = CompiledReads()
        """The hot reads answered without the executor (api/graphql/compiled.py)."""

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> Context:
        assert isinstance(request, Request)  # no subscriptions: websockets are refused
        return await get_context(request)

    @property
    def graphql_ide_html(self) -> str:
        # GraphiQL's files from statusmap itself: the page works offline (api/graphql/graphiql.py).
        return offline_graphiql_html()

    def decode_json(self, data: str | bytes) -> object:
        # A malformed body is answered 400 with the reason by the app (api/request_body.py).
        return decode_json(data)

    def encode_json(self, data: object) -> bytes:
        # Every answer, compiled or not, leaves through the same encoder: the bytes depend on
        # the data only, never on which path answered.
        return orjson.dumps(data)

    async def execute_single(
        self,
        request: Request,
        request_adapter: AsyncHTTPRequestAdapter,
        sub_response: Response,
        context: Context,
        root_value: None,
        request_data: GraphQLRequestData,
    ) -> ExecutionResult:
        # One span per operation, whichever path answers it; the executor's extension names it
        # (api/tracing.py), the compiled path its own (api/graphql/compiled.py).
        with TRACER.start_as_current_span("graphql"):
            try:
                async with asyncio.timeout(context.request_seconds) as budget:
                    context.budget = budget
                    compiled = await self.compiled.answer(
                        request_data.query,
                        request_data.operation_name,
                        request_data.variables,
                        context,
                    )
                    if compiled is not None:
                        return compiled
                    return await super().execute_single(
                        request, request_adapter, sub_response, context, root_value, request_data
                    )
            except TimeoutError:
                if not budget.expired():
                    raise
        seconds = f"{context.request_seconds:g}"
        error = GraphQLError(
            f"the query ran longer than its time budget of {seconds} s "
            "(STATUSMAP_REQUEST_SECONDS) and was stopped; ask for less (smaller pages, "
            "fewer nested lists, a narrower scope) and retry",
            extensions={"code": "time_budget_exceeded", "seconds": context.request_seconds},
        )
        return ExecutionResult(data=None, errors=[error])

    async def process_result(
        self, request: Request, result: ExecutionResult
    ) -> GraphQLHTTPResponse:
        if result.errors:
            stopped = [e for e in result.errors if (e.extensions or {}).get("code") == cost.CODE]
            if stopped:
                result = ExecutionResult(data=None, errors=[GraphQLError(
                    stopped[0].message, extensions=stopped[0].extensions
                )])  # fmt: skip
            result.errors = [public_error(e) for e in result.errors or ()]
        return await super().process_result(request, result)

    def create_response(
        self,
        response_data: GraphQLHTTPResponse | list[GraphQLHTTPResponse],
        sub_response: Response,
    ) -> Response:
        response = super().create_response(response_data, sub_response)
        if _TRY_AGAIN_CODES & _codes(response_data):
            response.status_code = 503
            response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
