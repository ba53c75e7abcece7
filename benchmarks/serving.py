"""Serving: GraphQL queries under concurrent clients vs one hand-written Cypher query (the limit).

The API runs as its own process (``uvicorn api.app:create_app --factory``) on a loopback port,
so its memory peak is its own and the load generator does not share its event loop. Clients are
a lean keep-alive pool (``tests/load/client.py``: a general-purpose client would spend as much
CPU per request as the API's routing, on the same two cores) with as many connections as
clients; each client sends its next request
as soon as the last one is answered (closed loop), for a bounded number of requests. The limit
is the same answer read by one statement (``benchmarks/cypher/limit_*.cypher``) through the
driver, with the same number of concurrent callers — what a perfect resolver could not beat.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path
from typing import Any

import httpx
from neo4j import READ_ACCESS, AsyncDriver

from benchmarks.environment import BenchNeo4j, cpu_seconds, peak_rss, process_tree
from tests.live_server import free_port
from tests.load.client import ConnectionPool

__all__ = [
    "BUYING_CENTRE",
    "CLIENTS",
    "CROSS_ACCOUNT",
    "DEAL_ANALYSIS",
    "PERSON",
    "REQUESTS",
    "ApiServer",
    "Latency",
    "api_server",
    "cypher",
    "measure",
    "query_workloads",
]

_CYPHER = Path(__file__).resolve().parent / "cypher"

CLIENTS = (1, 10, 50)
REQUESTS = {1: 100, 10: 500, 50: 1000}
"""Requests per run at each concurrency: bounded, and enough for a p99 that is not one outlier
(the 10th slowest of 1,000 at 50 clients; with 400 it was the 4th, and moved with any pause)."""

BUYING_CENTRE = """
query BuyingCentre($workspace: ID!, $deal: ID!) {
  workspace(id: $workspace) {
    deal(id: $deal) {
      key name
      buyingCentre {
        roles stance
        person {
          key name title level { rank name }
          influencers(higherStatusOnly: true) { weight kind person { key name } }
        }
      }
    }
  }
}"""

PERSON = """
query Person($workspace: ID!, $person: ID!) {
  workspace(id: $workspace) {
    person(id: $person) {
      key name title level { rank name }
      organisation { key name }
      influencers { weight kind person { key name } }
      influences { weight person { key name } }
      reportsTo { key name }
    }
  }
}"""

CROSS_ACCOUNT = """
query CrossAccount($workspace: ID!) {
  workspace(id: $workspace) {
    crossAccountInfluencers { personKey totalWeight accounts { organisationKey } }
  }
}"""

DEAL_ANALYSIS = """
query DealAnalysis($workspace: ID!, $deal: ID!) {
  workspace(id: $workspace) {
    deal(id: $deal) {
      influenceMap {
        people { personKey influenceRank brokerage inDegree outDegree statusLevel orgKey orgKind }
        edges { source target weight kind }
        brokerageExact brokerageSamples
      }
      coverage {
        roles { role filled holders { personKey stance knownToUs knownBy strength } }
        warnings { code message people }
      }
      approachPlan {
        personKey order score reasons roles introPath introKind ourPersonKey statusGap stance
        leverage access leverageOn { decider strength path }
      }
    }
  }
}"""
"""A deal's full analysis: influence map, coverage and approach plan."""

TOUCH = """
mutation Touch($input: UpsertInfluenceInput!) {
  upsertInfluence(input: $input) { __typename }
}"""
"""Rewrites an existing edge unchanged: a write, so the next analysis is computed afresh."""


@cache
def cypher(name: str) -> str:
    """A benchmark statement from ``benchmarks/cypher/``."""
    return (_CYPHER / f"{name}.cypher").read_text()


@dataclass(frozen=True)
class Latency:
    """Latencies of one closed-loop run."""

    p50_ms: float
    p99_ms: float
    per_second: float
    requests: int
    cpu_ms: float | None = None
    """CPU per request of whoever did the work, when measured: the API's processes for GraphQL,
    this process (the driver) for the Cypher limit."""
    db_cpu_ms: float | None = None
    """Neo4j's CPU per request, when measured: what the database spent on each answer."""


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def measure(
    call: Callable[[], Awaitable[Any]],
    clients: int,
    requests: int,
    cpu: Callable[[], float] | None = None,
    db_cpu: Callable[[], float] | None = None,
) -> Latency:
    """Run ``requests`` calls from ``clients`` concurrent callers; p50, p99 and calls/s.

    ``cpu`` (cumulative CPU seconds of whoever serves the calls) gives the CPU per request;
    ``db_cpu`` (Neo4j's) the database's.
    """
    cpu_before = cpu() if cpu is not None else 0.0
    db_before = db_cpu() if db_cpu is not None else 0.0
    latencies: list[float] = []
    remaining = requests

    async def client() -> None:
        nonlocal remaining
        while remaining > 0:
            remaining -= 1
            started = time.perf_counter()
            await call()
            latencies.append(time.perf_counter() - started)

    started = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(clients)))
    elapsed = time.perf_counter() - started
    return Latency(
        p50_ms=1000 * statistics.median(latencies),
        p99_ms=1000 * _percentile(latencies, 0.99),
        per_second=len(latencies) / elapsed,
        requests=len(latencies),
        cpu_ms=1000 * (cpu() - cpu_before) / len(latencies) if cpu is not None else None,
        db_cpu_ms=1000 * (db_cpu() - db_before) / len(latencies) if db_cpu is not None else None,
    )


def median_latency(runs: list[Latency]) -> Latency:
    """Each figure's median over several runs."""
    cpu = [r.cpu_ms for r in runs if r.cpu_ms is not None]
    db = [r.db_cpu_ms for r in runs if r.db_cpu_ms is not None]
    return Latency(
        statistics.median(r.p50_ms for r in runs),
        statistics.median(r.p99_ms for r in runs),
        statistics.median(r.per_second for r in runs),
        sum(r.requests for r in runs),
        statistics.median(cpu) if len(cpu) == len(runs) else None,
        statistics.median(db) if len(db) == len(runs) else None,
    )


@dataclass
class ApiServer:
    """A running API process and a client pool on it."""

    process: subprocess.Popen[bytes]
    pool: ConnectionPool

    async def graphql(self, document: str, variables: dict[str, Any]) -> dict[str, Any]:
        """POST one GraphQL request; raises on transport or GraphQL errors."""
        answer = await self.pool.post(
            "/graphql", {"query": document, "variables": variables}, seconds=120
        )
        if answer.status != 200:
            raise RuntimeError(f"HTTP {answer.status}: {answer.body[:200]!r}")
        body: dict[str, Any] = answer.json()
        if body.get("errors"):
            raise RuntimeError(f"GraphQL errors: {body['errors'][:2]}")
        return body

    def peak_rss(self) -> int | None:
        """Peak resident memory of the API process (and of its workers, summed)."""
        peaks = [p for p in (peak_rss(pid) for pid in process_tree(self.process.pid)) if p]
        return sum(peaks) if peaks else None

    def cpu_seconds(self) -> float:
        """CPU seconds so far of the API process and its workers."""
        return cpu_seconds(self.process.pid)


@asynccontextmanager
async def api_server(
    neo4j: BenchNeo4j, token: str | None, workers: int = 1, pool: int = 64, compiled: bool = True
) -> AsyncIterator[ApiServer]:
    """Start the API on a free loopback port against ``neo4j``; stop it at exit.

    ``compiled``: whether it answers the hot reads by compiled statements (the default) or
    through the general executor only (``STATUSMAP_COMPILED_READS``).
    """
    port = free_port()
    env = {
        **os.environ,
        "NEO4J_URI": neo4j.uri,
        "NEO4J_USER": neo4j.user,
        "NEO4J_PASSWORD": neo4j.password or "",
        "STATUSMAP_DEMO": "false",
        "STATUSMAP_AUTH": "single-user",
        "STATUSMAP_HOST": "127.0.0.1",
        "STATUSMAP_COMPILED_READS": "true" if compiled else "false",
    }
    command = [
        sys.executable, "-m", "uvicorn", "api.app:create_app", "--factory",
        "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers),
        "--log-level", "warning", "--no-access-log",
        # Longer than any pause of a pooled client connection on a busy machine: with uvicorn's
        # 5 s default an idle connection could be closed just as the client reused it, and the
        # run died of a ReadError at 50 clients.
        "--timeout-keep-alive", "300",
    ]  # fmt: skip
    # Our own interpreter and module; started once per size, so blocking briefly is fine.
    process = subprocess.Popen(command, env=env)  # noqa: ASYNC220
    client = httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}")
    headers = {"authorization": f"Bearer {token}"} if token else {}
    connections = ConnectionPool("127.0.0.1", port, pool, headers)
    try:
        deadline = time.monotonic() + 120
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"the API exited with {process.returncode} while starting")
            try:
                if (await client.get("/health")).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("the API did not answer /health within 120 s")
            await asyncio.sleep(0.2)
        yield ApiServer(process, connections)
    finally:
        await connections.close()
        await client.aclose()
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


async def read_limit(driver: AsyncDriver, name: str, params: dict[str, Any]) -> None:
    """One hand-written statement, routed to a reader, every record received.

    An auto-commit read in a session: one exchange with the server, the cheapest way the driver
    has (the API's reads go the same way, see ``graph/database/store.py``).
    """
    async with driver.session(default_access_mode=READ_ACCESS) as session:
        result = await session.run(cypher(name), params)
        _ = [record async for record in result]


Call = Callable[[], Awaitable[Any]]
Measured = dict[tuple[str, int], tuple[Latency, Latency]]


async def query_workloads(
    api: ApiServer,
    driver: AsyncDriver,
    workspace: str,
    deal: str,
    person: str,
    runs: int,
    clients: tuple[int, ...] = CLIENTS,
    requests: dict[int, int] = REQUESTS,
    observe: Callable[[str, int, Latency, Latency], None] | None = None,
    api_cpu: Callable[[], float] | None = None,
    db_cpu: Callable[[], float] | None = None,
    executor: ApiServer | None = None,
) -> Measured:
    """The buying-centre and person queries through GraphQL and as the Cypher limit.

    At each concurrency, ``runs`` runs of each, interleaved (ours, limit, ours, ...), after a
    warm-up of both; each figure is the median over the runs. ``observe`` sees every run.
    With ``api_cpu`` (the API's cumulative CPU seconds), GraphQL runs record the API's CPU per
    request and limit runs this process's; with ``db_cpu`` (Neo4j's), both record Neo4j's.

    With ``executor`` (a server answering through the general executor only), ``api`` is taken
    to compile the hot reads and each query is measured three ways in the same runs (compiled,
    executor, limit): its figures are under ``"<query>, compiled"`` and ``"<query>, executor"``,
    each paired with the same limit runs.
    """
    own_cpu = time.process_time if api_cpu is not None else None
    servers = [("", api, api_cpu)]
    if executor is not None:
        executor_cpu = executor.cpu_seconds if api_cpu is not None else None
        servers = [(", compiled", api, api_cpu), (", executor", executor, executor_cpu)]
    queries = {
        "buying centre": (BUYING_CENTRE, "limit_buying_centre", {"deal": deal}),
        "person": (PERSON, "limit_person", {"person": person}),
    }
    measured: Measured = {}
    for name, (document, limit_name, target) in queries.items():
        variables = {"workspace": workspace, **target}

        def limit(statement: str = limit_name, params: dict[str, Any] = variables) -> Any:
            return read_limit(driver, statement, params)

        calls = {
            name + suffix: (partial(server.graphql, document, variables), cpu)
            for suffix, server, cpu in servers
        }
        for call, _ in calls.values():
            await measure(call, 10, 100)  # warm every path up: plans compiled, pools filled
        await measure(limit, 10, 100)
        for concurrency in clients:
            ours: dict[str, list[Latency]] = {key: [] for key in calls}
            peer: list[Latency] = []
            n = requests[concurrency]
            for _ in range(runs):
                for key, (call, cpu) in calls.items():
                    ours[key].append(await measure(call, concurrency, n, cpu, db_cpu))
                peer.append(await measure(limit, concurrency, n, own_cpu, db_cpu))
                if observe is not None:
                    for key in calls:
                        observe(key, concurrency, ours[key][-1], peer[-1])
            for key in calls:
                measured[(key, concurrency)] = (median_latency(ours[key]), median_latency(peer))
    return measured
