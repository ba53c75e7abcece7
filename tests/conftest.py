"""Fixtures shared by all tests: a real Neo4j and the app on it.

Which Neo4j: ``NEO4J_URI`` if set; else a testcontainers ``neo4j:5.26-community`` when a Docker
engine answers; else statusmap's own local server on a throw-away data directory, with Graph Data
Science loaded when Maven resolves its jars (the GDS engine's tests share it; they are skipped on
a server without GDS).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from neo4j import AsyncDriver, AsyncGraphDatabase

from api.app import create_app
from api.settings import Settings
from graph.database.connection import Neo4jTarget
from graph.database.local import GDS_VERSION, LocalNeo4j, check_tools, resolve_classpath
from graph.database.store import Store
from graph.errors import ConfigurationError
from graph.repository.auth import issue_token


def _docker_answers() -> bool:
    docker = shutil.which("docker")
    if not docker:
        return False
    try:
        return (
            subprocess.run(
                [docker, "info", "--format", "{{.ServerVersion}}"],
                capture_output=True,
                timeout=10,
                check=False,
            ).returncode
            == 0
        )
    except (OSError, subprocess.TimeoutExpired):
        return False


def _gds_resolves(settings: Settings) -> bool:
    """Whether Maven finds the Graph Data Science jars: the local test server then loads them.

    One server for the whole session, the GDS engine's tests (test_gds_engine.py) included; the
    app's engine stays ``python`` (the ``settings`` fixture), so no other test changes.
    """
    try:
        _, _, mvn = check_tools()
        resolve_classpath(settings.cache_dir, mvn=mvn, gds=GDS_VERSION)
    except ConfigurationError:
        return False
    return True


@pytest.fixture(scope="session")
def neo4j_target(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Neo4jTarget]:
    """A real Neo4j for the whole test session."""
    if os.environ.get("NEO4J_URI"):
        yield Neo4jTarget(
            os.environ["NEO4J_URI"],
            os.environ.get("NEO4J_USER", "neo4j"),
            os.environ.get("NEO4J_PASSWORD"),
        )
    elif _docker_answers():
        from testcontainers.neo4j import Neo4jContainer

        with Neo4jContainer("neo4j:5.26-community") as container:
            yield Neo4jTarget(container.get_connection_url(), "neo4j", container.password)
    else:
        settings = Settings()
        with LocalNeo4j(
            tmp_path_factory.mktemp("neo4j") / "db",
            cache_dir=settings.cache_dir,
            heap="1g",
            pagecache="256m",
            start_timeout=settings.neo4j_start_timeout,
            gds=_gds_resolves(settings),
        ) as server:
            yield Neo4jTarget(server.uri, server.user, server.password)


@pytest.fixture(scope="session")
def settings(neo4j_target: Neo4jTarget, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(
        environment="test",
        neo4j_uri=neo4j_target.uri,
        neo4j_user=neo4j_target.user,
        neo4j_password=neo4j_target.password,
        data_dir=tmp_path_factory.mktemp("data"),
        # A fresh server on a busy machine takes tens of seconds over its first queries; the
        # tests of the time budget and of the statement limit set their own
        # (tests/integration/test_query_cost.py, test_store_busy.py, test_faults_neo4j.py).
        request_seconds=600.0,
        neo4j_statement_timeout=60.0,
        # The local test server carries Graph Data Science when its jars resolve; the engine is
        # chosen here so the tests answer the same either way (test_gds_engine.py asks for gds).
        analytics_engine="python",
    )


@pytest.fixture(scope="session")
async def driver(neo4j_target: Neo4jTarget) -> AsyncIterator[AsyncDriver]:
    auth = (neo4j_target.user, neo4j_target.password) if neo4j_target.password else None
    async with AsyncGraphDatabase.driver(neo4j_target.uri, auth=auth) as drv:
        yield drv


@pytest.fixture
async def store(driver: AsyncDriver, settings: Settings) -> Store:
    return Store.from_settings(driver, settings)


@pytest.fixture(scope="session")
async def app(settings: Settings) -> AsyncIterator[FastAPI]:
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture(scope="session")
async def admin_token(app: FastAPI) -> str:
    """A superuser's token: it may create workspaces, and becomes admin of those it creates."""
    issued = await issue_token(app.state.store, "test-admin", name="Test admin", superuser=True)
    return issued.token


def asgi_client(app: FastAPI, token: str | None) -> httpx.AsyncClient:
    """An HTTP client on the app in this process, sending ``token`` as a bearer token."""
    headers = {"authorization": f"Bearer {token}"} if token else {}
    return httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://statusmap.test", headers=headers
    )


@pytest.fixture
async def client(app: FastAPI, admin_token: str) -> AsyncIterator[httpx.AsyncClient]:
    """The API as the test admin sees it."""
    async with asgi_client(app, admin_token) as c:
        yield c


@pytest.fixture
async def anonymous(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """The API without a token."""
    async with asgi_client(app, None) as c:
        yield c


def repo_root() -> Path:
    return Path(__file__).resolve().parent.parent
