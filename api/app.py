"""The FastAPI application: lifespan (driver, schema), REST health, GraphQL."""

from __future__ import annotations

import gc
import logging
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.routing import Route

from api.admission import Admission
from api.deps import StoreDep
from api.docs_page import add_offline_docs
from api.graphql import schema
from api.graphql.router import RETRY_AFTER_SECONDS, StatusmapGraphQL
from api.rest.changes import router as changes_router
from api.rest.exports import router as exports_router
from api.rest.imports import router as imports_router
from graph.analysis import AnalysisCache
from graph.auth import TokenAuthority
from graph.config import Settings, get_settings
from graph.connection import open_driver
from graph.errors import StatusmapError, TryAgainLater, Unauthenticated
from graph.store import Store
from seed.demo import load_demo_if_empty

log = logging.getLogger("statusmap")


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app; the Neo4j driver is made when it starts, not here."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with open_driver(settings) as (driver, target):
            store = Store.from_settings(driver, settings)
            await store.apply_schema()
            if settings.demo:
                await load_demo_if_empty(store)
            app.state.store = store
            app.state.settings = settings
            app.state.tokens = TokenAuthority(store, cache_seconds=settings.auth_cache_seconds)
            app.state.analysis = AnalysisCache()
            if settings.auth == "single-user":
                log.warning(
                    "statusmap: SINGLE-USER MODE on %s: no token needed, one local user who is "
                    "admin of every workspace",
                    settings.host,
                )
            app.state.neo4j_uri = target.uri
            log.info("statusmap: Neo4j at %s", target.uri)
            freeze_startup_objects()
            yield

    app = FastAPI(
        title="statusmap",
        version="0.1.0",
        description="Influence and buying-centre explorer.",
        lifespan=lifespan,
        docs_url=None,  # served by add_offline_docs, from local assets
    )
    add_offline_docs(app)

    @app.exception_handler(StatusmapError)
    async def statusmap_error(request: Request, exc: StatusmapError) -> JSONResponse:
        headers = None
        if isinstance(exc, Unauthenticated):
            headers = {"WWW-Authenticate": "Bearer"}
        elif isinstance(exc, TryAgainLater):
            headers = {"Retry-After": str(RETRY_AFTER_SECONDS)}
        elif exc.status >= 500:
            return _internal_error(request, exc)
        return JSONResponse(
            {"error": exc.code, "message": exc.message}, status_code=exc.status, headers=headers
        )

    @app.exception_handler(Exception)
    async def unexpected_error(request: Request, exc: Exception) -> JSONResponse:
        return _internal_error(request, exc)

    @app.get("/health", tags=["health"], summary="Service and database health (no token)")
    async def health(store: StoreDep) -> JSONResponse:
        db = await store.health()
        body: dict[str, Any] = {
            "status": "ok" if db.state == "up" else "degraded",
            "neo4j": {"state": db.state, "version": db.version, "edition": db.edition},
            # The page reads the mode to know whether to ask for a token.
            "auth": settings.auth,
        }
        return JSONResponse(body, status_code=200 if db.state == "up" else 503)

    # Liveness and readiness apart, as orchestrators probe them: a process whose database is
    # down is alive (restarting it would not help) but not ready (send it no traffic).
    @app.get("/health/live", tags=["health"], summary="Liveness: the process answers (no token)")
    async def live() -> dict[str, str]:
        return {"status": "ok"}

    @app.get(
        "/health/ready",
        tags=["health"],
        summary="Readiness: Neo4j answers (no token)",
        responses={503: {"description": "Neo4j does not answer"}},
    )
    async def ready(store: StoreDep) -> JSONResponse:
        db = await store.health()
        up = db.state == "up"
        return JSONResponse(
            {"status": "ready" if up else "not_ready", "neo4j": db.state},
            status_code=200 if up else 503,
        )

    # Bounded work in flight, a bounded queue, past it 503 busy (see api/admission.py).
    app.add_middleware(
        Admission,
        limit=settings.max_in_flight,
        queue=settings.max_queued,
        wait_seconds=settings.queue_seconds,
    )
    app.include_router(imports_router)
    app.include_router(exports_router)
    app.include_router(changes_router)
    # Strawberry's ASGI view as the route's app (see api/graphql/router.py).
    graphql = StatusmapGraphQL(schema, graphql_ide="graphiql")
    app.router.routes.append(
        Route("/graphql", graphql, methods=["GET", "POST"], include_in_schema=False)
    )
    _mount_frontend(app, settings.frontend_dir)
    return app


def freeze_startup_objects() -> None:
    """Leave what start-up made (modules, the schema, the driver) out of every later collection.

    Python's cyclic garbage collector walks every tracked object of the generations it
    collects; the API's requests make short-lived objects quickly, so its older generations
    are collected often, and each such collection walked the hundreds of thousands of objects
    that start-up left behind and that live as long as the process: about a quarter of a
    buying-centre request's CPU. Frozen, they are never walked again.
    """
    gc.collect()
    gc.freeze()


def _internal_error(request: Request, exc: Exception) -> JSONResponse:
    """A bug: the log gets the traceback under an incident id, the client only the id."""
    incident = secrets.token_hex(6)
    log.error(
        "internal error %s on %s %s", incident, request.method, request.url.path, exc_info=exc
    )
    return JSONResponse(
        {
            "error": "internal",
            "message": f"internal error (incident {incident}); it has been logged",
            "incident": incident,
        },
        status_code=500,
    )


def _mount_frontend(app: FastAPI, directory: Path) -> None:
    """Serve the built front end at ``/`` (``make run`` builds it into ``frontend/dist``)."""
    if (directory / "index.html").is_file():
        app.mount("/", StaticFiles(directory=directory, html=True), name="frontend")
        return
    log.warning(
        "statusmap: no front end in %s, / answers 404 frontend_not_built: run `make frontend`, "
        "or point STATUSMAP_FRONTEND_DIR at a built frontend/dist",
        directory,
    )

    @app.get("/", include_in_schema=False)
    async def frontend_missing() -> JSONResponse:
        return JSONResponse(
            {
                "error": "frontend_not_built",
                "message": f"no index.html in {directory}; run `make frontend`",
            },
            status_code=404,
        )
