"""Writes that meet other writes on a real Neo4j.

A deadlock is retried by the managed transaction; when it outlasts the retries, or a write waits
for a lock past its time limit, the answer says the data was busy (``database_busy``, 503 with
``Retry-After``), never that Neo4j is not answering.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import AsyncIterator

import httpx
import pytest
from neo4j import AsyncDriver, AsyncGraphDatabase, AsyncTransaction
from prometheus_client import REGISTRY

from api.app import create_app
from api.errors import http_status
from api.settings import Settings
from graph.database.connection import Neo4jTarget
from graph.database.store import StatementTimeouts, Store, Transaction
from graph.errors import DatabaseBusy
from tests.conftest import asgi_client

pytestmark = pytest.mark.integration

BOUND = 60.0
"""A bound on waiting, not a timing measurement: without a time limit a write waits for a lock
as long as the other transaction holds it."""

_LOCK = "MATCH (w:Workspace {id: $id}) SET w.touched = coalesce(w.touched, 0) + 1"


@pytest.fixture
async def two_workspaces(driver: AsyncDriver) -> AsyncIterator[tuple[str, str]]:
    ids = [f"busy-{uuid.uuid4().hex[:8]}" for _ in range(2)]
    await driver.execute_query(
        "UNWIND $ids AS id CREATE (:Workspace {id: id, workspace: id, name: id})", ids=ids
    )
    yield ids[0], ids[1]
    await driver.execute_query("MATCH (w:Workspace) WHERE w.id IN $ids DELETE w", ids=ids)


async def _lock(tx: AsyncTransaction, workspace: str) -> None:
    await (await tx.run(_LOCK, id=workspace)).consume()


async def _until_a_transaction_waits(driver: AsyncDriver) -> None:
    """Return once the server shows a transaction blocked on a lock."""
    deadline = time.monotonic() + BOUND
    while True:
        records, _, _ = await driver.execute_query("SHOW TRANSACTIONS YIELD status")
        if any(str(r["status"]).startswith("Blocked") for r in records):
            return
        assert time.monotonic() < deadline, "no transaction ever waited for a lock"
        await asyncio.sleep(0.05)


async def _deadlock(store: Store, driver: AsyncDriver, first: str, second: str) -> int:
    """Lock ``first`` and ``second`` in opposite orders from the store and from another client.

    The other client takes ``second``, the store's transaction (the younger) ``first``; the other
    then asks for ``first`` and waits; the store's asks for ``second`` last and so closes the
    cycle: Neo4j answers it ``DeadlockDetected``. Returns how many times the store ran its
    transaction function; raises what the store raised.
    """
    other_holds, store_holds, other_waits = asyncio.Event(), asyncio.Event(), asyncio.Event()
    attempts = 0

    async def other() -> None:
        async with driver.session() as session:
            tx = await session.begin_transaction()
            await _lock(tx, second)
            other_holds.set()
            await store_holds.wait()
            await _lock(tx, first)  # waits while the store's transaction holds it
            await tx.commit()

    async def work(tx: Transaction) -> None:
        nonlocal attempts
        attempts += 1
        await tx.run("workspaces/update", {"workspace": first, "props": {"by": "store"}})
        if attempts == 1:
            store_holds.set()
            await other_waits.wait()
        await tx.run("workspaces/update", {"workspace": second, "props": {"by": "store"}})

    other_task = asyncio.create_task(other())
    await asyncio.wait_for(other_holds.wait(), BOUND)
    store_task = asyncio.create_task(store.transaction(work))
    try:
        await asyncio.wait_for(store_holds.wait(), BOUND)
        await _until_a_transaction_waits(driver)
        other_waits.set()
        await asyncio.wait_for(asyncio.gather(store_task, return_exceptions=True), BOUND)
        await asyncio.wait_for(other_task, BOUND)  # the other client was never the victim
    finally:
        other_task.cancel()
        store_task.cancel()
    store_task.result()
    return attempts


async def test_a_deadlock_is_retried_and_both_writes_land(
    store: Store, driver: AsyncDriver, two_workspaces: tuple[str, str]
) -> None:
    first, second = two_workspaces
    assert await _deadlock(store, driver, first, second) == 2  # stopped once, then committed
    records, _, _ = await driver.execute_query(
        "MATCH (w:Workspace) WHERE w.id IN $ids RETURN w.by AS by, w.touched AS touched",
        ids=[first, second],
    )
    assert sorted((r["by"], r["touched"]) for r in records) == [("store", 1), ("store", 1)]


@pytest.fixture
async def no_retries(neo4j_target: Neo4jTarget) -> AsyncIterator[Store]:
    """A store whose driver never retries: the first deadlock is the last."""
    auth = (neo4j_target.user, neo4j_target.password) if neo4j_target.password else None
    async with AsyncGraphDatabase.driver(
        neo4j_target.uri, auth=auth, max_transaction_retry_time=0
    ) as driver:
        yield Store(driver)


async def test_a_deadlock_past_the_retries_is_busy_not_unavailable(
    no_retries: Store, driver: AsyncDriver, two_workspaces: tuple[str, str]
) -> None:
    first, second = two_workspaces
    with pytest.raises(DatabaseBusy) as raised:
        await _deadlock(no_retries, driver, first, second)
    assert raised.value.code == "database_busy" and http_status(raised.value) == 503
    assert "busy with another write" in raised.value.message
    assert "not answering" not in raised.value.message


async def test_a_write_waiting_for_a_lock_past_its_limit_is_busy(
    driver: AsyncDriver, two_workspaces: tuple[str, str]
) -> None:
    first, _ = two_workspaces
    quick = Store(driver, timeouts=StatementTimeouts(request=1.0))
    busy_before = REGISTRY.get_sample_value("statusmap_neo4j_errors_total", {"kind": "busy"})
    async with driver.session() as session:
        tx = await session.begin_transaction()
        try:
            await _lock(tx, first)
            with pytest.raises(DatabaseBusy) as raised:
                write = quick.workspace(first).write("workspaces/update", {"props": {"x": 1}})
                await asyncio.wait_for(write, BOUND)
        finally:
            await tx.rollback()
    assert "after the 1 s it may take" in raised.value.message, raised.value.message
    # /metrics counts it (graph/telemetry.py).
    busy = REGISTRY.get_sample_value("statusmap_neo4j_errors_total", {"kind": "busy"})
    assert busy == (busy_before or 0) + 1


async def test_graphql_answers_a_busy_write_with_503_and_its_own_code(
    settings: Settings, driver: AsyncDriver, admin_token: str, client: httpx.AsyncClient
) -> None:
    ws = f"busy-{uuid.uuid4().hex[:8]}"
    create = f'mutation {{ createWorkspace(input: {{id: "{ws}", name: "B"}}) {{ __typename }} }}'
    rename = (
        f'mutation {{ updateWorkspace(input: {{workspaceId: "{ws}", name: "C"}}) '
        "{ __typename } }"
    )
    made = await client.post("/graphql", json={"query": create})
    assert made.json()["data"]["createWorkspace"]["__typename"] == "WorkspaceSuccess"
    # The same database through an API whose request statements may run 2 s.
    app = create_app(settings.model_copy(update={"neo4j_statement_timeout": 2.0}))
    async with (
        app.router.lifespan_context(app),
        asgi_client(app, admin_token) as quick,
        driver.session() as session,
    ):
        tx = await session.begin_transaction()
        try:
            await _lock(tx, ws)
            answer = await asyncio.wait_for(quick.post("/graphql", json={"query": rename}), BOUND)
        finally:
            await tx.rollback()
    assert answer.status_code == 503, answer.text
    assert answer.headers["retry-after"]
    error = answer.json()["errors"][0]
    assert error["extensions"]["code"] == "database_busy", error
    assert "not answering" not in error["message"]
    renamed = await client.post("/graphql", json={"query": rename})
    assert renamed.json()["data"]["updateWorkspace"]["__typename"] == "WorkspaceSuccess"
