"""The only code that runs Cypher: named statements from ``queries/`` with parameters.

The driver is passed in (created once per process by the API's lifespan or the CLI), never made
here. Reads are routed to readers, so a cluster or Aura spreads them; writes go through
``execute_query``'s managed transactions, which retry the driver's retryable errors — every
statement run this way must therefore be safe to repeat (MERGE, or CREATE guarded by ids).

Every statement has a time limit by the class of work it serves (:class:`StatementTimeouts`):
an API request's statements a few seconds, long work (imports, exports, whole-workspace reads)
minutes. The server stops a statement past its limit; this process stops waiting a little
later (:data:`_SERVER_VERDICT_SECONDS`), for a server that gives no answer at all (stalled,
say, or its machine frozen; the local Neo4j also has the driver give up on a silent connection
after 4 s, see ``graph/database/local``). The driver's failures become domain errors in one place
(:func:`_database_error`): a database that does not answer is *unavailable*, one that answers
but could not do the work now (a deadlock, a lock wait, the time limit) is *busy*.
"""

from __future__ import annotations

import asyncio
import copy
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

from neo4j import (
    READ_ACCESS,
    AsyncDriver,
    AsyncManagedTransaction,
    AsyncSession,
    Query,
    Record,
    RoutingControl,
    unit_of_work,
)
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

from graph.database.config import BULK_TIMEOUT, STATEMENT_TIMEOUT, DatabaseSettings
from graph.database.queries import all_query_names, query
from graph.errors import (
    Conflict,
    DatabaseBusy,
    DatabaseUnavailable,
    StatusmapError,
    id_taken,
    no_workspace,
)
from graph.history.recorder import Origin, Recording, Touched
from graph.telemetry import NEO4J_ERRORS, NEO4J_IN_USE, TRACER

__all__ = [
    "Neo4jHealth",
    "StatementTimeouts",
    "Store",
    "Transaction",
    "WorkspaceStore",
    "WorkspaceTransaction",
    "native",
]

Row = dict[str, Any]
T = TypeVar("T")


_SCALARS = frozenset({str, int, float, bool, type(None), bytes})


class _GraphValue(Exception):
    """A node, relationship or path in a record: left to the driver's own conversion."""


def native(value: Any) -> Any:
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
        return {k: native(v) for k, v in value.items()}
    if kind is list:
        return [native(v) for v in value]
    if isinstance(value, Node | Relationship | Path):
        raise _GraphValue
    to_native = getattr(value, "to_native", None)
    return to_native() if to_native is not None else value


def _row(record: Record) -> Row:
    """A record as a dict of plain Python values."""
    try:
        return dict(zip(record.keys(), map(native, record), strict=True))
    except _GraphValue:
        return native(record.data())  # type: ignore[no-any-return]


@dataclass(frozen=True)
class StatementTimeouts:
    """Seconds a statement may run, by the class of work it serves.

    ``request``: the statements of one API request (a token look-up, a page, a write of a few
    thousand rows), so that a stalled database is refused within seconds. ``bulk``: long work
    that legitimately runs for minutes (an import's batches, an export, a whole-workspace read,
    creating the schema), taken through :meth:`Store.bulk`.
    """

    request: float = STATEMENT_TIMEOUT
    bulk: float = BULK_TIMEOUT


_SERVER_VERDICT_SECONDS = 2.5
"""How long past a statement's limit this process waits before giving up on the server.

The server checks its transactions' limits every 2 s (``db.transaction.monitor.check.interval``)
and then answers that it stopped one; waiting that long for its verdict keeps a busy database
(a statement stuck behind another write's locks) from being reported as one that does not
answer. A stalled server gives no verdict: after this, the wait ends and the connection is
dropped.
"""


def _conflict(e: ConstraintError) -> Conflict:
    # A concurrent writer took the id between our check and our write.
    return Conflict(id_taken("an id in this request"))


# Failures that mean "the database is not there right now": the server is down or restarting,
# the connection broke, or no pooled connection came free in time. The driver's message (which
# may quote a statement) stays in the log, not in the answer.
_UNAVAILABLE = (
    ServiceUnavailable,
    SessionExpired,
    ConnectionAcquisitionTimeoutError,  # every pooled connection busy for the acquire timeout
)
_UNAVAILABLE_MESSAGE = "Neo4j is not answering; try again in a moment"
_BUSY_MESSAGE = (
    "the data was busy with another write (a deadlock or a lock held too long), and nothing of "
    "this request was written; try again in a moment"
)
_CONTENTION = "Neo.TransientError.Transaction."
"""Transient errors of transactions against each other: ``DeadlockDetected``,
``LockAcquisitionTimeout``, ``LockClientStopped``, ``Outdated``... Other transient errors (the
database starting, say) mean it is not available."""
_STOPPED = (
    "Neo.ClientError.Transaction.TransactionTimedOut",
    "Neo.ClientError.Transaction.LockClientStopped",
)
"""The server stopped a transaction past its time limit: while it ran (``TransactionTimedOut``,
``...ClientConfiguration`` when the limit was the one this process sent) or while it waited for
a lock (``LockClientStopped``)."""


def _database_error(e: Exception, timeout: float) -> StatusmapError | None:
    """The domain error for a failure of the driver or the server (``None``: not one of ours).

    One mapping for every statement: a database that does not answer is unavailable; one that
    answers but could not do the work now — transient errors between transactions that outlasted
    the retries, or the time limit — is busy, never "not answering".
    """
    if isinstance(e, ConstraintError):
        return _conflict(e)
    code = e.code if isinstance(e, Neo4jError) else None
    if isinstance(e, TransientError) and code and code.startswith(_CONTENTION):
        return DatabaseBusy(_BUSY_MESSAGE)
    if code and code.startswith(_STOPPED):
        return DatabaseBusy(
            f"Neo4j stopped this work after the {timeout:g} s it may take (busy with other "
            "work, or too large a request); nothing of it was written: try again in a moment"
        )
    if isinstance(e, (*_UNAVAILABLE, TransientError)):
        return DatabaseUnavailable(_UNAVAILABLE_MESSAGE)
    return None


def _span(name: str, routing: RoutingControl) -> dict[str, str]:
    """The attributes of a statement's span (OpenTelemetry's database conventions)."""
    return {"db.system": "neo4j", "db.operation.name": name, "db.access": routing.value}


_READ_ATTEMPTS = 3
_READ_BACKOFF = 0.1  # seconds before the second attempt; doubled before the third
_READ_RETRY_SECONDS = 3.0  # default: no new attempt after this long (connecting can take seconds)
SCHEMA_STEP_BATCH = 5_000
"""Nodes a schema step changes per transaction."""
SCHEMA_STEPS = ("change_concerns", "person_keys", "reporting_influence")
"""Data migrations run once per database, after the constraints and indexes, in this order: each
is ``schema_steps/<name>_pending`` (the element ids still to do) and ``<name>_apply`` (one batch
of them, safe to repeat)."""


class Transaction:
    """Named statements run inside one managed write transaction (all or nothing)."""

    def __init__(self, tx: AsyncManagedTransaction, store: Store) -> None:
        self._tx = tx
        self._store = store

    async def run(self, name: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        """Run statement ``name`` in this transaction and return its rows."""
        self._store.round_trips += 1
        with TRACER.start_as_current_span(
            f"cypher {name}", attributes=_span(name, RoutingControl.WRITE)
        ):
            result = await self._tx.run(query(name), dict(params or {}))
            return [_row(record) async for record in result]


@dataclass(frozen=True)
class Neo4jHealth:
    """What ``/health`` says of the database."""

    state: str
    version: str | None = None
    edition: str | None = None
    error: str | None = None
    gds: str | None = None
    """The Graph Data Science library's version, ``None`` when the server has none."""


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
        timeouts: StatementTimeouts | None = None,
    ) -> None:
        self.driver = driver
        self.database = database
        self.retry_seconds = retry_seconds  # reads; writes retry within the driver's own limit
        self.timeouts = timeouts or StatementTimeouts()
        self.timeout = self.timeouts.request  # this store's class of work
        self.round_trips = 0
        # Bumped by every write through a workspace store; caches of derived results (the
        # analytics) key on it, so a write to a workspace invalidates that workspace only.
        self.generations: dict[str, int] = {}

    @classmethod
    def from_settings(cls, driver: AsyncDriver, settings: DatabaseSettings) -> Store:
        """The store as ``settings`` configure it (database, retries, time limits)."""
        return cls(
            driver,
            settings.neo4j_database,
            settings.neo4j_retry_seconds,
            StatementTimeouts(settings.neo4j_statement_timeout, settings.neo4j_bulk_timeout),
        )

    def bulk(self) -> Store:
        """This store for long work: its statements may run for the bulk time limit.

        For an import, an export, a whole-workspace read: work that legitimately takes minutes
        and must not be cut at a request's few seconds. The view shares the driver and the
        write generations; it counts its own ``round_trips``.
        """
        view = copy.copy(self)
        view.timeout = self.timeouts.bulk
        return view

    @asynccontextmanager
    async def _answered(self) -> AsyncIterator[None]:
        """Bound the wait for the database, turn its failures into domain errors, count its use."""
        limit = self.timeout + _SERVER_VERDICT_SECONDS
        deadline = asyncio.timeout(limit)
        try:
            with NEO4J_IN_USE.track_inprogress():
                async with deadline:
                    yield
        except TimeoutError as e:
            if not deadline.expired():
                raise
            # Cancelled mid-exchange, the driver drops the connection rather than reuse it.
            NEO4J_ERRORS.labels("unavailable").inc()
            raise DatabaseUnavailable(
                f"Neo4j is not answering (no answer within {limit:g} s); try again in a moment"
            ) from e
        except (Neo4jError, DriverError) as e:
            error = _database_error(e, self.timeout)
            if error is None:
                raise
            if isinstance(error, DatabaseBusy):
                NEO4J_ERRORS.labels("busy").inc()
            elif isinstance(error, DatabaseUnavailable):
                NEO4J_ERRORS.labels("unavailable").inc()
            raise error from e

    def _statement(self, name: str) -> Query:
        """Statement ``name`` with this store's time limit, which the server enforces."""
        return Query(query(name), timeout=self.timeout)

    def generation(self, workspace: str) -> int:
        """How many writes this process has made to ``workspace``."""
        return self.generations.get(workspace, 0)

    def _changed(self, workspace: str) -> None:
        self.generations[workspace] = self.generations.get(workspace, 0) + 1

    async def _records(
        self,
        name: str,
        params: Mapping[str, Any] | None,
        routing: RoutingControl,
        text: str | None = None,
    ) -> list[Record]:
        self.round_trips += 1
        # ``text``: a statement built by graph/repository/shaped.py, every value a parameter.
        statement = self._statement(name) if text is None else Query(text, timeout=self.timeout)
        # The statement's name, never its parameters: they hold the workspace's data.
        with TRACER.start_as_current_span(f"cypher {name}", attributes=_span(name, routing)):
            async with self._answered():
                if routing is RoutingControl.READ:
                    return await self._read(statement, dict(params or {}))
                records, _, _ = await self.driver.execute_query(
                    statement, dict(params or {}), database_=self.database, routing_=routing
                )
            return records

    async def _read(self, statement: Query, params: dict[str, Any]) -> list[Record]:
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
                    result = await session.run(statement, params)
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

    async def read_shaped(self, text: str, params: Mapping[str, Any]) -> list[Row]:
        """Run a read built from a selection by :mod:`graph.repository.shaped` (not a named
        statement: its text follows what a client asked for; no value is ever part of it).

        The values are kept as the driver decoded them, as by :meth:`read_plain`: the compiled
        path reads each value once as it shapes the answer, and converts its few temporal
        values there, instead of a pass over every value of the answer first."""
        records = await self._records("shaped", params, RoutingControl.READ, text)
        return [dict(zip(record.keys(), record.values(), strict=True)) for record in records]

    async def write(self, name: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        """Run write statement ``name`` (safe to repeat) and return its rows as dicts."""
        return await self._run(name, params, RoutingControl.WRITE)

    async def compute(self, name: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        """Run statement ``name`` on the server that takes writes; it changes no stored data.

        For in-memory analytics (Graph Data Science): a projection lives in one server's
        catalog, so its making, its algorithms and its reads must all reach the same member,
        which routing to readers would not promise. Not counted as a write to any workspace.
        """
        return await self._run(name, params, RoutingControl.WRITE)

    async def transaction(self, work: Callable[[Transaction], Awaitable[T]]) -> T:
        """Run ``work`` in one write transaction: committed if it returns, rolled back if it raises.

        The driver retries transient failures by calling ``work`` again, so it must be safe to
        repeat (it is: validation happens before, and statements are idempotent).
        """

        @unit_of_work(timeout=self.timeout)
        async def _work(tx: AsyncManagedTransaction) -> T:
            return await work(Transaction(tx, self))

        async with self._answered(), self.driver.session(database=self.database) as session:
            return await session.execute_write(_work)

    def workspace(
        self,
        workspace: str,
        guard: Callable[[], None] | None = None,
        origin: Origin | None = None,
    ) -> WorkspaceStore:
        """A store whose every statement runs with ``$workspace`` set to ``workspace``.

        ``guard`` runs before every statement and raises to refuse it (authorisation);
        ``origin`` is who writes through it, and through what (recorded with every change).
        """
        return WorkspaceStore(self, workspace, guard, origin)

    async def apply_schema(self) -> list[str]:
        """Create every constraint and index under ``queries/schema/`` (idempotent), then run
        the schema steps this database has not recorded as done (:meth:`_run_step`)."""
        names = [n for n in all_query_names() if n.startswith("schema/")]
        bulk = self.bulk()  # a new constraint checks every stored node
        for name in names:
            await bulk.write(name)
        for step in SCHEMA_STEPS:
            await bulk._run_step(step)
        return names

    async def _run_step(self, name: str) -> None:
        """Run the data migration ``name`` of :data:`SCHEMA_STEPS`, once per database.

        Once done, the step is recorded (a ``SchemaStep`` node, found by its unique name), so a
        later start costs one index seek, not a scan. Until then, one scan finds what is left to
        do, and it is done in batches of ``SCHEMA_STEP_BATCH``, each its own transaction; an
        interrupted run is taken up at the next start.
        """
        step = {"name": name}
        if (await self.read("schema_steps/done", step))[0]["done"]:
            return
        pending = [r["id"] for r in await self.read_plain(f"schema_steps/{name}_pending")]
        for start in range(0, len(pending), SCHEMA_STEP_BATCH):
            batch = pending[start : start + SCHEMA_STEP_BATCH]
            await self.write(f"schema_steps/{name}_apply", {"ids": batch})
        await self.write("schema_steps/record", step)

    async def health(self) -> Neo4jHealth:
        """The database's state and version, and Graph Data Science's if loaded; never raises."""
        # One attempt, no retries: health must answer fast, also when Neo4j is down or stalled.
        try:
            async with (
                self._answered(),
                self.driver.session(database=self.database, default_access_mode="READ") as session,
            ):
                result = await session.run(self._statement("health/components"))
                rows = [record.data() async for record in result]
                gds = await self._gds_version(session)
        except (StatusmapError, DriverError, Neo4jError, OSError) as e:
            cause = e.__cause__ if isinstance(e, StatusmapError) and e.__cause__ else e
            return Neo4jHealth(state="down", error=type(cause).__name__)
        kernel = next((r for r in rows if r["name"] == "Neo4j Kernel"), rows[0] if rows else None)
        if kernel is None:
            return Neo4jHealth(state="down", error="no components")
        return Neo4jHealth(
            state="up", version=kernel["version"], edition=kernel["edition"], gds=gds
        )

    async def gds_version(self) -> str | None:
        """The version of the Graph Data Science library on the server, ``None`` if absent."""
        async with (
            self._answered(),
            self.driver.session(database=self.database, default_access_mode="READ") as session,
        ):
            return await self._gds_version(session)

    async def _gds_version(self, session: AsyncSession) -> str | None:
        # gds.version() is asked only where it exists: an unknown function fails to compile.
        self.round_trips += 1
        present = await (await session.run(self._statement("health/gds"))).single()
        if present is None or not present["present"]:
            return None
        self.round_trips += 1
        row = await (await session.run(self._statement("gds/version"))).single()
        return None if row is None else str(row["version"])


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
        self,
        store: Store,
        workspace: str,
        guard: Callable[[], None] | None = None,
        origin: Origin | None = None,
    ) -> None:
        self.store = store
        self.workspace = workspace
        self._guard = guard
        self.origin = origin or Origin()

    def bulk(self) -> WorkspaceStore:
        """This workspace store for long work (:meth:`Store.bulk`), same guard and origin."""
        return WorkspaceStore(self.store.bulk(), self.workspace, self._guard, self.origin)

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

    async def compute(self, name: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        """Run analytics statement ``name`` within the workspace (:meth:`Store.compute`)."""
        self.check()
        return await self.store.compute(name, _scoped(self.workspace, params))

    async def maintain(self, name: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        """Run statement ``name`` that changes how the workspace's data is stored, not the data.

        For labels that only speed a read up (the workspace's label of its people, which its
        native GDS projection reads): no write generation passes, so nothing cached on the
        workspace is dropped for it, and no change is recorded.
        """
        self.check()
        return await self.store.write(name, _scoped(self.workspace, params))

    async def read_shaped(self, text: str, params: Mapping[str, Any]) -> list[Row]:
        """Run a shaped read within the workspace (:meth:`Store.read_shaped`)."""
        self.check()
        return await self.store.read_shaped(text, _scoped(self.workspace, params))

    async def write(
        self,
        name: str,
        params: Mapping[str, Any] | None = None,
        *,
        fenced: bool = True,
        touched: Touched | None = None,
    ) -> list[Row]:
        """Run write statement ``name`` within the workspace (fenced: see :meth:`transaction`).

        ``touched``: the facts it may change, recorded as change events (see
        :meth:`transaction`); an unfenced write records none.
        """
        if not fenced:
            self.check()
            try:
                return await self.store.write(name, _scoped(self.workspace, params))
            finally:
                self.store._changed(self.workspace)

        async def work(tx: WorkspaceTransaction) -> list[Row]:
            return await tx.run(name, params)

        return await self.transaction(work, touched)

    async def transaction(
        self,
        work: Callable[[WorkspaceTransaction], Awaitable[T]],
        touched: Touched
        | Callable[[WorkspaceTransaction], Awaitable[Touched | None]]
        | None = None,
        *,
        changes_map: bool = True,
    ) -> T:
        """Run ``work`` in one write transaction, every statement scoped to the workspace.

        ``touched`` may be worked out in the transaction itself, before anything is read for
        the record: a function of the transaction answering what ``work`` touches (a write
        naming people by alias resolves them there, :mod:`graph.repository.person_keys`).

        ``changes_map=False`` for writes outside the map (a saved view): the workspace's
        analyses stay cached (its write generation is not moved).

        With ``touched`` (the facts ``work`` may change) the changes are recorded in the same
        transaction, as this store's :attr:`origin` (:mod:`graph.history.recorder`): the
        facts are read before ``work`` and after it, and each difference is stored as a change
        event. Every write path of the map passes through here with what it touches.

        The transaction ends with the workspace's fence (``workspaces/fence``): it locks the
        Workspace node until the commit and checks that it still exists, or raises
        :class:`~graph.errors.NotFound` and so rolls everything back. A write therefore lands
        only in a workspace that exists when it commits, whatever it matched by id: a delete,
        which takes the same lock, waits for the writes committing, and every write after it
        finds no workspace and stores nothing (``graph.repository.workspaces.delete_workspace``).
        """

        async def _work(tx: Transaction) -> T:
            scoped = WorkspaceTransaction(tx, self.workspace)
            facts = await touched(scoped) if callable(touched) else touched
            recording = await Recording.start(scoped, facts) if facts else None
            result = await work(scoped)
            # Storing the events runs the fence in the same statement (one round trip less).
            held = await recording.finish(scoped, self.origin) if recording is not None else None
            if held is None:
                held = (await scoped.run("workspaces/fence"))[0]["held"]
            if not held:
                raise no_workspace(self.workspace)
            return result

        self.check()
        try:
            return await self.store.transaction(_work)
        finally:
            if changes_map:
                self.store._changed(self.workspace)
