"""Faults under the running API: Neo4j stopped and started, frozen, killed; an import killed.

These start their own Neo4j (a throw-away data directory, its own port) so that stopping it
disturbs nothing else. They take a few minutes, so they run with ``make faults`` (marker
``faults``) rather than in every ``pytest`` run.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from neo4j import GraphDatabase

from api.app import create_app
from api.settings import Settings
from graph.database.local import LocalNeo4j
from graph.imports.run import BATCH_SIZE
from graph.repository.auth import issue_token
from seed.files import write_csv_files
from seed.generator import SeedConfig, generate
from tests.conftest import asgi_client

# Deselected from the default run (pyproject's addopts say `-m "not faults"`), run by
# `make faults`: they take minutes.
pytestmark = [pytest.mark.integration, pytest.mark.faults]

FAIL_FAST = 20.0  # seconds: generous; the driver gives up after ~3 s of retries
"""How long a request may take to fail while Neo4j is down (a bound on waiting, not a timing
measurement: without the short driver timeouts a request would hang for 30-60 s, and on a
frozen Neo4j for as long as it stays frozen)."""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalNeo4j]:
    settings = Settings()
    neo4j = LocalNeo4j(
        tmp_path_factory.mktemp("faults") / "db",
        cache_dir=settings.cache_dir,
        heap="512m",
        pagecache="128m",
        start_timeout=settings.neo4j_start_timeout,
    )
    with neo4j:
        yield neo4j


def _settings(server: LocalNeo4j, tmp: Path) -> Settings:
    return Settings(
        environment="test",
        neo4j_uri=server.uri,
        neo4j_user=server.user,
        neo4j_password=server.password,
        data_dir=tmp,
        auth_cache_seconds=3600,
    )


async def _timed(request: asyncio.Future[httpx.Response] | object) -> httpx.Response:
    return await asyncio.wait_for(request, FAIL_FAST)  # type: ignore[arg-type]


async def test_neo4j_stopped_and_restarted_under_the_api(
    server: LocalNeo4j, tmp_path: Path
) -> None:
    app = create_app(_settings(server, tmp_path))
    async with app.router.lifespan_context(app):
        cached = (await issue_token(app.state.store, "faults", superuser=True)).token
        fresh = (await issue_token(app.state.store, "faults-2", superuser=True)).token
        ws = f"faults-{uuid.uuid4().hex[:6]}"
        create = (
            f'mutation {{ createWorkspace(input: {{id: "{ws}", name: "Faults"}}) '
            "{ __typename } }"
        )
        read = f'{{ workspace(id: "{ws}") {{ key name }} }}'
        async with asgi_client(app, cached) as c, asgi_client(app, fresh) as other:
            made = await c.post("/graphql", json={"query": create})
            assert made.json()["data"]["createWorkspace"]["__typename"] == "WorkspaceSuccess"
            assert (await c.get("/health")).status_code == 200
            # Creating a workspace granted a role, which empties the principal cache; this read
            # caches the caller again.
            assert (await c.post("/graphql", json={"query": read})).status_code == 200

            await asyncio.to_thread(server.stop)

            health = await _timed(c.get("/health"))
            assert health.status_code == 503
            assert health.json()["neo4j"]["state"] == "down"
            # Alive (a restart would not help) but not ready (send it no traffic).
            live = await _timed(c.get("/health/live"))
            assert (live.status_code, live.json()) == (200, {"status": "ok"})
            ready = await _timed(c.get("/health/ready"))
            assert ready.status_code == 503
            assert ready.json() == {"status": "not_ready", "neo4j": "down"}
            # A caller whose token is cached reaches the resolver; the answer is a 503.
            answer = await _timed(c.post("/graphql", json={"query": read}))
            assert answer.status_code == 503, answer.text
            assert answer.headers["retry-after"]
            assert "errors" in answer.json(), answer.text
            error = answer.json()["errors"][0]
            assert error["extensions"]["code"] == "database_unavailable"
            assert "Neo4j is not answering" in error["message"]
            # A caller who must be looked up fails at authentication, also with a 503.
            lookup = await _timed(other.post("/graphql", json={"query": read}))
            assert lookup.status_code == 503, lookup.text
            assert lookup.json()["error"] == "database_unavailable"
            upload = await _timed(
                c.post(
                    f"/workspaces/{ws}/imports",
                    files=[("files", ("people.csv", b"id,first_name,last_name\n", "text/csv"))],
                )
            )
            assert upload.status_code == 503, upload.text
            for response in (answer, lookup, upload):
                assert "Traceback" not in response.text and "neo4j." not in response.text

            await asyncio.to_thread(server.start)  # same port, data and password

            deadline = time.monotonic() + 60
            while (await c.get("/health")).status_code != 200:
                assert time.monotonic() < deadline, "the API did not see Neo4j come back"
                await asyncio.sleep(0.5)
            assert (await c.get("/health/ready")).status_code == 200
            back = await c.post("/graphql", json={"query": read})
            assert back.status_code == 200
            assert back.json()["data"]["workspace"] == {"key": ws, "name": "Faults"}
            again = await other.post("/graphql", json={"query": read})
            assert again.status_code == 200 and "errors" not in again.json(), again.text


@asynccontextmanager
async def _api_with_workspace(
    settings: Settings, name: str
) -> AsyncIterator[tuple[httpx.AsyncClient, str, str]]:
    """The API on ``settings``, a superuser's client, and a workspace ``name`` made through it.

    Also yields a read of the workspace and a write to it (``upsertPeople`` of one person whose
    id goes in at ``%s``).
    """
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        token = (await issue_token(app.state.store, name, superuser=True)).token
        ws = f"{name}-{uuid.uuid4().hex[:6]}"
        create = (
            f'mutation {{ createWorkspace(input: {{id: "{ws}", name: "{name}"}}) '
            "{ __typename } }"
        )
        read = f'{{ workspace(id: "{ws}") {{ key name }} }}'
        write = (
            f'mutation {{ upsertPeople(input: {{workspaceId: "{ws}", people: '
            '[{id: "%s", name: "Fault Person"}]}) { __typename } }'
        )
        async with asgi_client(app, token) as c:
            made = await _until_answered(c, create)
            assert made["createWorkspace"] == {"__typename": "WorkspaceSuccess"}
            yield c, read, write


async def _until_answered(
    client: httpx.AsyncClient, query: str, within: float = 180
) -> dict[str, Any]:
    """The data of ``query`` once the API answers it again (a fresh server plans each statement
    anew, which on a loaded machine may first run past a request's time limit: a 503 busy)."""
    deadline = time.monotonic() + within
    while True:
        answer = await client.post("/graphql", json={"query": query})
        if answer.status_code == 200 and "errors" not in answer.json():
            data: dict[str, Any] = answer.json()["data"]
            return data
        assert answer.status_code == 503, answer.text
        assert time.monotonic() < deadline, f"the API did not come back: {answer.text}"
        await asyncio.sleep(0.5)


def _assert_try_again(response: httpx.Response) -> None:
    """A 503 saying Neo4j is not answering (with Retry-After), and nothing of the driver's."""
    assert response.status_code == 503, response.text
    assert "Traceback" not in response.text and "neo4j." not in response.text
    body = response.json()
    if "neo4j" in body:  # /health
        assert body["neo4j"]["state"] == "down", body
        return
    assert response.headers["retry-after"]
    if "errors" in body:  # GraphQL
        error = body["errors"][0]
        assert error["extensions"]["code"] == "database_unavailable", body
        assert "Neo4j is not answering" in error["message"]
    else:  # authentication, before any resolver
        assert body["error"] == "database_unavailable", body


async def test_frozen_neo4j_is_refused_fast_and_recovers(
    server: LocalNeo4j, tmp_path: Path
) -> None:
    """The JVM stopped (SIGSTOP): a request gets a 503 instead of waiting for it to thaw."""
    async with _api_with_workspace(_settings(server, tmp_path), "frozen") as (c, read, write):
        assert (await _until_answered(c, read))["workspace"]["name"] == "frozen"
        assert server.process is not None
        jvm = server.process.pid

        os.kill(jvm, signal.SIGSTOP)
        try:
            _assert_try_again(await _timed(c.get("/health")))
            _assert_try_again(await _timed(c.post("/graphql", json={"query": read})))
            _assert_try_again(
                await _timed(c.post("/graphql", json={"query": write % "while-frozen"}))
            )
        finally:
            os.kill(jvm, signal.SIGCONT)

        back = await _until_answered(c, read)
        assert back["workspace"]["name"] == "frozen"
        wrote = await _until_answered(c, write % "after-thaw")
        assert wrote["upsertPeople"] == {"__typename": "UpsertSuccess"}


def _jvm_of(home: Path) -> int:
    """The pid of the local Neo4j running on ``home`` (this test's own data directory)."""
    for entry in Path("/proc").iterdir():
        try:
            command = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"StatusmapNeo4j" in command and str(home).encode() in command:
            return int(entry.name)
    raise AssertionError(f"no local Neo4j runs on {home}")


async def test_killed_neo4j_is_started_again_without_restarting_the_api(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The API's own local Neo4j killed (SIGKILL): its supervisor starts it again."""
    settings = Settings(
        environment="test",
        data_dir=tmp_path,
        neo4j_heap="512m",
        neo4j_pagecache="128m",
        auth_cache_seconds=3600,
    )
    caplog.set_level(logging.WARNING, logger="statusmap.neo4j")
    async with _api_with_workspace(settings, "killed") as (c, read, write):
        wrote = await _until_answered(c, write % "before-kill")
        assert wrote["upsertPeople"] == {"__typename": "UpsertSuccess"}
        jvm = _jvm_of(tmp_path / "neo4j")

        os.kill(jvm, signal.SIGKILL)
        _assert_try_again(await _timed(c.post("/graphql", json={"query": read})))

        back = await _until_answered(c, read)
        assert back["workspace"]["name"] == "killed"
        assert _jvm_of(tmp_path / "neo4j") != jvm
        again = await _until_answered(c, write % "after-restart")
        assert again["upsertPeople"] == {"__typename": "UpsertSuccess"}
    restarts = [r.getMessage() for r in caplog.records if r.name == "statusmap.neo4j"]
    assert any("exited with code -9" in m for m in restarts), restarts
    assert any("is back on" in m for m in restarts), restarts


def _counts(server: LocalNeo4j, ws: str) -> dict[str, int]:
    with GraphDatabase.driver(server.uri, auth=(server.user, server.password)) as driver:
        records, _, _ = driver.execute_query(
            """
            CALL () { MATCH (p:Person {workspace: $ws}) RETURN count(p) AS people }
            CALL () { MATCH (o:Organisation {workspace: $ws}) RETURN count(o) AS organisations }
            CALL () { MATCH (:Person {workspace: $ws})-[r:INFLUENCES]->()
                      RETURN count(r) AS influences }
            CALL () { MATCH (:Person {workspace: $ws})-[r:REPORTS_TO]->()
                      RETURN count(r) AS reporting }
            CALL () { MATCH (:Person {workspace: $ws})-[r:KNOWS]->() RETURN count(r) AS knows }
            CALL () { OPTIONAL MATCH (r:ImportRun {workspace: $ws})
                      RETURN max(r.position) AS position }
            RETURN people, organisations, influences, reporting, knows,
                   coalesce(position, 0) AS position
            """,
            {"ws": ws},
        )
        return dict(records[0].data())


def _wait_for_no_other_transactions(server: LocalNeo4j, within: float = 60) -> None:
    """Wait until the server has rolled back the killed client's transaction.

    Neo4j reads are read-committed: counting while the server still unwinds the transaction of
    a client that died mid-batch can see the store in between (even a label scan missing
    committed nodes). The server ends that transaction when it notices the closed connection.
    """
    deadline = time.monotonic() + within
    with GraphDatabase.driver(server.uri, auth=(server.user, server.password)) as driver:
        while True:
            records, _, _ = driver.execute_query("SHOW TRANSACTIONS YIELD transactionId")
            if len(records) <= 1:  # this statement's own
                return
            assert time.monotonic() < deadline, f"transactions still open: {records}"
            time.sleep(0.2)


def _import(server: LocalNeo4j, files: Path, ws: str, data_dir: Path) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "NEO4J_URI": server.uri,
        "NEO4J_USER": server.user,
        "NEO4J_PASSWORD": server.password,
        "STATUSMAP_DATA_DIR": str(data_dir),
    }
    command = [sys.executable, "-m", "api.cli", "import", str(files), "--workspace", ws]
    command.append("--create-workspace")  # the first run creates it; the re-run finds it
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


def test_import_killed_mid_way_leaves_whole_batches_and_resumes(
    server: LocalNeo4j, tmp_path: Path
) -> None:
    ws = f"killed-{uuid.uuid4().hex[:6]}"
    config = SeedConfig(accounts=20, people=3 * BATCH_SIZE + 500, seed=11, prefix=f"{ws}-")
    rows = write_csv_files(generate(config), tmp_path / "files")
    process = _import(server, tmp_path / "files", ws, tmp_path)
    deadline = time.monotonic() + 300
    while _counts(server, ws)["position"] < 2:  # organisations, then a first batch of people
        assert process.poll() is None, process.stdout.read() if process.stdout else ""
        assert time.monotonic() < deadline, "the import never finished a batch of people"
        time.sleep(0.2)
    process.send_signal(signal.SIGKILL)
    process.wait(60)
    _wait_for_no_other_transactions(server)

    killed = _counts(server, ws)
    assert 0 < killed["people"] < rows["people"], killed
    assert killed["people"] % BATCH_SIZE == 0, f"a half batch was written: {killed}"
    assert killed["organisations"] == rows["organisations"]
    assert killed["influences"] == 0  # edges come after every node

    rerun = _import(server, tmp_path / "files", ws, tmp_path)
    output = rerun.communicate(timeout=600)[0].decode()
    assert rerun.returncode == 0, output
    done = _counts(server, ws)
    for kind in ("people", "organisations", "influences", "knows"):
        assert done[kind] == rows[kind], (kind, done, rows)
    assert done["reporting"] == rows["reporting"], (done, rows)
