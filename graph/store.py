"""The only code that runs Cypher: named statements from ``queries/`` with parameters.

The driver is passed in (created once per process by the API's lifespan or the CLI), never made
here. Reads are routed to readers, so a cluster or Aura spreads them; writes go through
``execute_query``'s managed transactions, which retry the driver's retryable errors — every
statement run this way must therefore be safe to repeat (MERGE, or CREATE guarded by ids).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from neo4j import AsyncDriver, RoutingControl
from neo4j.exceptions import DriverError, Neo4jError, ServiceUnavailable, SessionExpired

from graph.errors import DatabaseUnavailable
from graph.queries import all_query_names, query

__all__ = ["Neo4jHealth", "Store"]

Row = dict[str, Any]


@dataclass(frozen=True)
class Neo4jHealth:
    """What ``/health`` says of the database."""

    state: str
    version: str | None = None
    edition: str | None = None
    error: str | None = None


class Store:
    """Runs named statements against one Neo4j database.

    ``round_trips`` counts the statements sent, so tests can show that a request costs a small,
    bounded number of them.
    """

    def __init__(self, driver: AsyncDriver, database: str = "neo4j") -> None:
        self.driver = driver
        self.database = database
        self.round_trips = 0

    async def _run(
        self, name: str, params: Mapping[str, Any] | None, routing: RoutingControl
    ) -> list[Row]:
        self.round_trips += 1
        try:
            records, _, _ = await self.driver.execute_query(
                query(name), dict(params or {}), database_=self.database, routing_=routing
            )
        except (ServiceUnavailable, SessionExpired) as e:
            raise DatabaseUnavailable("Neo4j is not answering; try again in a moment") from e
        return [record.data() for record in records]

    async def read(self, name: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        """Run read statement ``name`` and return its rows as dicts."""
        return await self._run(name, params, RoutingControl.READ)

    async def write(self, name: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        """Run write statement ``name`` (safe to repeat) and return its rows as dicts."""
        return await self._run(name, params, RoutingControl.WRITE)

    async def apply_schema(self) -> list[str]:
        """Create every constraint and index under ``queries/schema/`` (idempotent)."""
        names = [n for n in all_query_names() if n.startswith("schema/")]
        for name in names:
            await self.write(name)
        return names

    async def health(self) -> Neo4jHealth:
        """The database's state and version; never raises."""
        # One attempt, no retries: health must answer fast, also when Neo4j is down.
        try:
            async with self.driver.session(
                database=self.database, default_access_mode="READ"
            ) as session:
                result = await session.run(query("health/components"))
                rows = [record.data() async for record in result]
        except (DatabaseUnavailable, DriverError, Neo4jError, OSError) as e:
            return Neo4jHealth(state="down", error=type(e).__name__)
        kernel = next((r for r in rows if r["name"] == "Neo4j Kernel"), rows[0] if rows else None)
        if kernel is None:
            return Neo4jHealth(state="down", error="no components")
        return Neo4jHealth(state="up", version=kernel["version"], edition=kernel["edition"])
