"""Where the Neo4j connection comes from: ``NEO4J_URI``, or a local server started here."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from neo4j import AsyncDriver, AsyncGraphDatabase

from graph.database.config import DatabaseSettings
from graph.database.local import LocalNeo4j, running_server

__all__ = ["Neo4jTarget", "local_neo4j", "open_driver"]


@dataclass(frozen=True)
class Neo4jTarget:
    """A Bolt URI with its credentials."""

    uri: str
    user: str
    password: str | None


def local_neo4j(settings: DatabaseSettings, home: Path | None = None) -> LocalNeo4j:
    """A local Neo4j configured from ``settings`` (persistent under ``data_dir`` by default).

    It is supervised (started again should it exit unasked), and stops a transaction that sets
    no time limit itself after the bulk time limit.
    """
    return LocalNeo4j(
        home or settings.data_dir / "neo4j",
        cache_dir=settings.cache_dir,
        port=settings.neo4j_bolt_port,
        heap=settings.neo4j_heap,
        pagecache=settings.neo4j_pagecache,
        start_timeout=settings.neo4j_start_timeout,
        transaction_timeout=settings.neo4j_bulk_timeout,
        supervise=True,
        gds=settings.neo4j_gds,
    )


def _driver(target: Neo4jTarget, settings: DatabaseSettings) -> AsyncDriver:
    auth = (target.user, target.password) if target.password is not None else None
    # Short timeouts: with the database gone, requests fail within seconds (a 503) instead of
    # hanging for the driver's defaults (30 s of retries, 60 s waiting for a connection).
    return AsyncGraphDatabase.driver(
        target.uri,
        auth=auth,
        max_connection_pool_size=100,
        connection_timeout=settings.neo4j_connect_timeout,
        connection_acquisition_timeout=settings.neo4j_acquire_timeout,
        max_transaction_retry_time=settings.neo4j_retry_seconds,
        # Statements are fixed and reviewed; the server's hints (an unknown property key on an
        # empty database, say) would be computed, sent and logged on every call.
        notifications_min_severity="OFF",
    )


@asynccontextmanager
async def open_driver(settings: DatabaseSettings) -> AsyncIterator[tuple[AsyncDriver, Neo4jTarget]]:
    """One async driver for this process, on ``NEO4J_URI`` or on a local Neo4j started now.

    When another statusmap process (say ``serve``) already runs the local server on the same data
    directory, its server is used rather than a second one on the same files. A local server
    started here is stopped when the context exits.
    """
    local: LocalNeo4j | None = None
    shared = None if settings.neo4j_uri else running_server(settings.data_dir / "neo4j")
    if settings.neo4j_uri:
        password = settings.neo4j_password.get_secret_value() if settings.neo4j_password else None
        target = Neo4jTarget(settings.neo4j_uri, settings.neo4j_user, password)
    elif shared is not None:
        target = Neo4jTarget(*shared)
    else:
        local = local_neo4j(settings)
        await asyncio.to_thread(local.start)
        target = Neo4jTarget(local.uri, local.user, local.password)
    driver = _driver(target, settings)
    try:
        yield driver, target
    finally:
        await driver.close()
        if local is not None:
            await asyncio.to_thread(local.stop)
