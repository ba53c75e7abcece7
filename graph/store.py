"""The only code that runs Cypher: named statements from ``queries/`` with parameters.

The driver is passed in (created once per process by the API's lifespan or the CLI), never made
here. Reads are routed to readers, so a cluster or Aura spreads them; writes go through
``execute_query``'s managed transactions, which retry the driver's retryable errors — every
statement run this way must therefore be safe to repeat (MERGE, or CREATE guarded by ids).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from neo4j import READ_ACCESS, AsyncDriver, AsyncManagedTransaction, Record, RoutingControl
from neo4j.exceptions import (
    ConnectionAcquisitionTimeoutError,
    ConstraintError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
    TransientError,
)
from neo4j.graph import Node, Path, Relationship

from graph.errors import Conflict, DatabaseUnavailable, id_taken, no_workspace
from graph.queries import all_query_names, query

__all__ = ["Neo4jHealth", "Store", "Transaction", "WorkspaceStore", "WorkspaceTransaction"]

Row = dict[str, Any]
T = TypeVar("T")


_SCALARS = frozenset({str, int, float, bool, type(None), bytes})


class _GraphValue(Exception):
    """A node, relationship or path in a record: left to the driver's own conversion."""


def _native(value: Any) -> Any:
    """Neo4j's temporal values as Python's, inside dicts and lists too.

    One pass over the decoded values instead of the driver's ``record.data()`` followed by this
    one: on a buying-centre request the driver's generic transformer cost more CPU than our
    resolvers. Statements return maps and scalars; a graph value (never expected) makes
    :func:`_row` fall back to ``record.data()``.
    """
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind is dict:
        return {k: _native(v) for k, v in value.items()}
    if kind is list:
        return [_native(v) for v in value]
    if isinstance(value, Node | Relationship | Path):
        raise _GraphValue
    to_native = getattr(value, "to_native", None)
    return to_native() if to_native is not None else value


def _row(record: Record) -> Row:
    """A record as a dict of plain Python values."""
    try:
        return dict(zip(record.keys(), map(_native, record), strict=True))
    except _GraphValue:
        return _native(record.data())  # type: ignore[no-any-return]


def _conflict(e: ConstraintError) -> Conflict:
    # A concurrent writer took the id between our check and our write.
    return Conflict(id_taken("an id in this request"))


# Failures that mean "the database is not there right now": the server is down or restarting,
# the connection broke, no pooled connection came free in time, or transient errors outlasted
# the retries. The driver's message (which
# may quote a statement) stays in the log, not in the answer.
_UNAVAILABLE = (
    ServiceUnavailable,
    SessionExpired,
    TransientError,
    ConnectionAcquisitionTimeoutError,  # every pooled connection busy for the acquire timeout
)
_UNAVAILABLE_MESSAGE = "Neo4j is not answering; try again in a moment"
_READ_ATTEMPTS = 3
_READ_BACKOFF = 0.1  # seconds before the second attempt; doubled before the third
_READ_RETRY_SECONDS = 3.0  # default: no new attempt after this long (connecting can take seconds)


class Transaction:
    """Named statements run inside one managed write transaction (all or nothing)."""

    def __init__(self, tx: AsyncManagedTransaction, store: Store) -> None:
        self._tx = tx
        self._store = store

    async def run(self, name: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        """Run statement ``name`` in this transaction and return its rows."""
        self._store.round_trips += 1
        result = await self._tx.run(query(name), dict(params or {}))
        return [_row(record) async for record in result]


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

    def __init__(
        self,
        driver: AsyncDriver,
        database: str = "neo4j",
        retry_seconds: float = _READ_RETRY_SECONDS,
    ) -> None:
        self.driver = driver
        self.database = database
        self.retry_seconds = retry_seconds  # reads; writes retry within the driver's own limit
        self.round_trips = 0
        # Bumped by every write through a workspace store; caches of derived results (the
        # analytics) key on it, so a write to a workspace invalidates that workspace only.
        self.generations: dict[str, int] = {}

    def generation(self, workspace: str) -> int:
        """How many writes this process has made to ``workspace``."""
        return self.generations.get(workspace, 0)

    def _changed(self, workspace: str) -> None:
        self.generations[workspace] = self.generations.get(workspace, 0) + 1

    async def _records(
        self, name: str, params: Mapping[str, Any] | None, routing: RoutingControl
    ) -> list[Record]:
        self.round_trips += 1
        try:
            if routing is RoutingControl.READ:
                return await self._read(query(name), dict(params or {}))
            records, _, _ = await self.driver.execute_query(
                query(name), dict(params or {}), database_=self.database, routing_=routing
            )
        except _UNAVAILABLE as e:
            raise DatabaseUnavailable(_UNAVAILABLE_MESSAGE) from e
        except ConstraintError as e:
            raise _conflict(e) from e
        return records

    async def _read(self, text: str, params: dict[str, Any]) -> list[Record]:
        """One read statement in an auto-commit transaction, retried while retryable.

        A managed transaction (``execute_query``) costs two exchanges with the server (begin, run
        and pull; then commit); an auto-commit read costs one, a send and a wait less on each of
        a request's small reads. Reads are safe to repeat, so retryable failures are retried
        here as the driver would, within ``retry_seconds``. The driver's bookmark manager keeps
        reads causal after this process's writes on a cluster.
        """
        deadline = time.monotonic() + self.retry_seconds
        for attempt in range(_READ_ATTEMPTS):
            try:
                async with self.driver.session(
                    database=self.database,
                    default_access_mode=READ_ACCESS,
                    bookmark_manager=self.driver.execute_query_bookmark_manager,
                ) as session:
                    result = await session.run(text, params)
                    return [record async for record in result]
            except (Neo4jError, DriverError) as e:
                if (
                    attempt + 1 == _READ_ATTEMPTS
                    or not e.is_retryable()
                    or time.monotonic() > deadline
                ):
                    raise
                await asyncio.sleep(_READ_BACKOFF * 2**attempt)
        raise AssertionError("unreachable")  # pragma: no cover

    async def _run(
        self, name: str, params: Mapping[str, Any] | None, routing: RoutingControl
    ) -> list[Row]:
        return [_row(record) for record in await self._records(name, params, routing)]

    async def read(self, name: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        """Run read statement ``name`` and return its rows as dicts."""
        return await self._run(name, params, RoutingControl.READ)

    async def read_plain(self, name: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        """Like :meth:`read`, for statements answering only strings, numbers, lists and maps.

        The values are kept as the driver decoded them: converting each one (nodes, temporal
        values) costs more than the query itself when a record holds columns of 100,000 values.
        """
        records = await self._records(name, params, RoutingControl.READ)
        return [dict(zip(record.keys(), record.values(), strict=True)) for record in records]

    async def write(self, name: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        """Run write statement ``name`` (safe to repeat) and return its rows as dicts."""
        return await self._run(name, params, RoutingControl.WRITE)

    async def transaction(self, work: Callable[[Transaction], Awaitable[T]]) -> T:
        """Run ``work`` in one write transaction: committed if it returns, rolled back if it raises.

        The driver retries transient failures by calling ``work`` again, so it must be safe to
        repeat (it is: validation happens before, and statements are idempotent).
        """

        async def _work(tx: AsyncManagedTransaction) -> T:
            return await work(Transaction(tx, self))

        try:
            async with self.driver.session(database=self.database) as session:
                return await session.execute_write(_work)
        except _UNAVAILABLE as e:
            raise DatabaseUnavailable(_UNAVAILABLE_MESSAGE) from e
        except ConstraintError as e:
            raise _conflict(e) from e

    def workspace(self, workspace: str, guard: Callable[[], None] | None = None) -> WorkspaceStore:
        """A store whose every statement runs with ``$workspace`` set to ``workspace``.

        ``guard`` runs before every statement and raises to refuse it (authorisation).
        """
        return WorkspaceStore(self, workspace, guard)

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


def _scoped(workspace: str, params: Mapping[str, Any] | None) -> dict[str, Any]:
    scoped = dict(params or {})
    if "workspace" in scoped:
        raise ValueError("'workspace' is set by the workspace store, not by callers")
    scoped["workspace"] = workspace
    return scoped


class WorkspaceTransaction:
    """A :class:`Transaction` whose statements all get ``$workspace``."""

    def __init__(self, tx: Transaction, workspace: str) -> None:
        self._tx = tx
        self.workspace = workspace

    async def run(self, name: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        """Run statement ``name`` in this transaction, scoped to the workspace."""
        return await self._tx.run(name, _scoped(self.workspace, params))


class WorkspaceStore:
    """The store seen from one workspace: every statement gets ``$workspace`` injected.

    Resolvers and repository functions only ever hold one of these, so none can forget the
    scope; statements match every node (both ends of an edge too) with ``workspace: $workspace``.
    """

    def __init__(
        self, store: Store, workspace: str, guard: Callable[[], None] | None = None
    ) -> None:
        self.store = store
        self.workspace = workspace
        self._guard = guard

    def check(self) -> None:
        """Raise unless the caller may use this workspace (no-op without a guard)."""
        if self._guard is not None:
            self._guard()

    async def read(self, name: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        """Run read statement ``name`` within the workspace."""
        self.check()
        return await self.store.read(name, _scoped(self.workspace, params))

    async def read_plain(self, name: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        """Run read statement ``name`` within the workspace (:meth:`Store.read_plain`)."""
        self.check()
        return await self.store.read_plain(name, _scoped(self.workspace, params))

    async def write(
        self, name: str, params: Mapping[str, Any] | None = None, *, fenced: bool = True
    ) -> list[Row]:
        """Run write statement ``name`` within the workspace (fenced: see :meth:`transaction`)."""
        if not fenced:
            self.check()
            try:
                return await self.store.write(name, _scoped(self.workspace, params))
            finally:
                self.store._changed(self.workspace)

        async def work(tx: WorkspaceTransaction) -> list[Row]:
            return await tx.run(name, params)

        return await self.transaction(work)

    async def transaction(self, work: Callable[[WorkspaceTransaction], Awaitable[T]]) -> T:
        """Run ``work`` in one write transaction, every statement scoped to the workspace.

        The transaction ends with the workspace's fence (``workspaces/fence``): it locks the
        Workspace node until the commit and checks that it still exists, or raises
        :class:`~graph.errors.NotFound` and so rolls everything back. A write therefore lands
        only in a workspace that exists when it commits, whatever it matched by id: a delete,
        which takes the same lock, waits for the writes committing, and every write after it
        finds no workspace and stores nothing (``graph.repository.workspaces.delete_workspace``).
        """

        async def _work(tx: Transaction) -> T:
            scoped = WorkspaceTransaction(tx, self.workspace)
            result = await work(scoped)
            if not (await scoped.run("workspaces/fence"))[0]["held"]:
                raise no_workspace(self.workspace)
            return result

        self.check()
        try:
            return await self.store.transaction(_work)
        finally:
            self.store._changed(self.workspace)
