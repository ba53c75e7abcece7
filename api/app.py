"""The FastAPI application: lifespan (driver, schema), REST health, GraphQL."""

from __future__ import annotations

import contextlib
import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles

from api.admission import Admission
from api.deps import StoreDep
from api.docs_page import add_offline_docs
from api.errors import client_error, http_status
from api.graphql import schema
from api.graphql.router import RETRY_AFTER_SECONDS, StatusmapGraphQL
from api.logs import RequestContext, configure_logging, internal_error
from api.metrics import CountedMount, CountedRoute
from api.metrics import router as metrics_router
from api.rest.changes import router as changes_router
from api.rest.exports import router as exports_router
from api.rest.imports import router as imports_router
from api.settings import Settings, get_settings
from api.tracing import configure_tracing
from graph.database.connection import open_driver
from graph.database.store import Store
from graph.errors import StatusmapError, TryAgainLater, Unauthenticated
from graph.repository.auth import TokenAuthority
from graph.scopes.cache import AnalysisCache
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
            app.state.analysis = AnalysisCache(engine=settings.analytics_engine)
            # The analytics engine is settled now: STATUSMAP_ANALYTICS_ENGINE=gds on a server
            # without Graph Data Science stops the start with the fix, not a later request.
            engine = await app.state.analysis.workspace_measures.engine(store)
            if settings.auth == "single-user":
                log.warning(
                    "statusmap: SINGLE-USER MODE on %s: no token needed, one local user who is "
                    "admin of every workspace",
                    settings.host,
                )
            app.state.neo4j_uri = target.uri
            log.info("statusmap: Neo4j at %s, analytics engine %s", target.uri, engine)
            freeze_startup_objects()
            try:
                yield
            finally:
                with contextlib.suppress(StatusmapError):  # the database may be gone already
                    await app.state.analysis.workspace_measures.projections.close(store)

    app = FastAPI(
        title="statusmap",
        version="0.1.0",
        description="Influence and buying-centre explorer.",
        lifespan=lifespan,
        docs_url=None,  # served by add_offline_docs, from local assets
        redoc_url=None,  # ReDoc's page loads its script from a CDN: /docs serves the same
    )
    add_offline_docs(app)

    @app.exception_handler(StatusmapError)
    async def statusmap_error(request: Request, exc: StatusmapError) -> JSONResponse:
        headers = None
        if isinstance(exc, Unauthenticated):
            headers = {"WWW-Authenticate": "Bearer"}
        elif isinstance(exc, TryAgainLater):
            headers = {"Retry-After": str(RETRY_AFTER_SECONDS)}
        elif not client_error(exc):
            return internal_error(request.method, request.url.path, exc)
        return JSONResponse(
            {"error": exc.code, "message": exc.message},
            status_code=http_status(exc),
            headers=headers,
        )

    @app.get("/health", tags=["health"], summary="Service and database health (no token)")
    async def health(store: StoreDep) -> JSONResponse:
        db = await store.health()
        body: dict[str, Any] = {
            "status": "ok" if db.state == "up" else "degraded",
            "neo4j": {
                "state": db.state,
                "version": db.version,
                "edition": db.edition,
                # The Graph Data Science version, null without it (STATUSMAP_ANALYTICS_ENGINE).
                "gds": db.gds,
            },
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
            {
                "status": "ready" if up else "not_ready",
                "neo4j": db.state,
                "gds": db.gds is not None,
            },
            status_code=200 if up else 503,
        )

    # Bounded work in flight, a bounded queue, past it 503 busy (see api/admission.py).
    app.add_middleware(
        Admission,
        limit=settings.max_in_flight,
        queue=settings.max_queued,
        wait_seconds=settings.queue_seconds,
    )
    # Outermost: the request id is set before anything logs, and returned on every answer (a
    # 503 busy too); each answer is counted and timed by route (api/metrics.py); an exception
    # no handler took is answered and logged here, once.
    app.add_middleware(RequestContext)
    app.include_router(metrics_router)
    app.include_router(imports_router)
    app.include_router(exports_router)
    app.include_router(changes_router)
    # Strawberry's ASGI view as the route's app (see api/graphql/router.py). First in the
    # list: routes are tried in order on every request, and /graphql takes most of them; no
    # other route has its path.
    graphql = StatusmapGraphQL(schema, graphql_ide="graphiql")
    graphql.compiled.enabled = settings.compiled_reads
    app.state.compiled_reads = graphql.compiled  # its counts, for tests and operators
    app.router.routes.insert(
        0, CountedRoute("/graphql", graphql, methods=["GET", "POST"], include_in_schema=False)
    )
    _mount_frontend(app, settings.frontend_dir)
    return app


def create_logged_app() -> FastAPI:
    """:func:`create_app` for uvicorn's worker processes, which start with logging unset."""
    settings = get_settings()
    configure_logging(settings)
    configure_tracing(settings)
    return create_app(settings)


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


def _mount_frontend(app: FastAPI, directory: Path) -> None:
    """Serve the built front end at ``/`` (``make run`` builds it into ``frontend/dist``)."""
    if (directory / "index.html").is_file():
        page = StaticFiles(directory=directory, html=True)
        app.router.routes.append(CountedMount("/", app=page, name="frontend"))
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
