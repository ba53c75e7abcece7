"""Open-loop load on loopback: a 10,000-person workspace, 200 requests/s, latency and memory.

``python -m tests.load [--seconds 120] [--rate 200] [--workers 2] [--people 10000]`` (or
``make load``):

1. uses ``NEO4J_URI`` if set, else starts a local Neo4j on a throw-away data directory;
2. seeds a generated workspace (``seed/``) through the import path, once;
3. runs the API (uvicorn, ``--workers`` processes: two, one per core of the machine it was
   written for) on a free 127.0.0.1 port;
4. sends requests at a fixed rate, whatever the answers' latency (open loop): a deal's buying
   centre with each member's higher-status influencers, a person with level, influencers,
   reporting line and acquaintances, and a write (a person's tags) — 45/45/10;
5. reports requests sent, errors, p50/p95/p99/max latency, the rate reached, and the resident
   memory of the API and of Neo4j before and after.

Traffic goes to 127.0.0.1 only, for a bounded time, on at most ``--connections`` keep-alive
connections (tests/load/client.py); latency counts from when a request was due. API CPU per
request comes from /proc (workers included). The script stops everything it started.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import httpx
from neo4j import AsyncGraphDatabase

from api.settings import Settings
from benchmarks.environment import cpu_seconds, process_tree
from graph.database.local import LocalNeo4j
from graph.database.store import Store
from graph.imports.formats import FORMATS
from graph.imports.run import import_files
from graph.repository.auth import Role, TokenAuthority, issue_token
from graph.repository.workspaces import ensure_workspace
from seed.files import write_csv_files
from seed.generator import SeedConfig, generate
from tests.live_server import free_port
from tests.load.client import ConnectionPool

WORKSPACE = "load"

BUYING_CENTRE = """query($ws: ID!, $deal: ID!) { workspace(id: $ws) { deal(id: $deal) {
  name buyingCentre { roles stance stage person { key name level { rank name }
    influencers(higherStatusOnly: true) { weight person { name } } } } } } }"""
PERSON = """query($ws: ID!, $person: ID!) { workspace(id: $ws) { person(id: $person) {
  key name title level { rank inferred } organisation { name }
  influencers { weight kind person { key name } } reportsTo { name } knownBy { strength } } } }"""
WRITE = """mutation($ws: ID!, $person: ID!, $tags: [String!]) {
  updatePerson(input: {workspaceId: $ws, id: $person, tags: $tags}) { __typename } }"""


@dataclass
class Report:
    seconds: float
    rate: float
    people: int
    connections: int = 0
    workers: int = 2
    load_average_before: str = ""
    sent: int = 0
    ok: int = 0
    errors: int = 0
    busy: int = 0
    """Of the errors, 503 busy answers: refused before any work because the API was full."""
    error_samples: list[str] = field(default_factory=list)
    p50_ms: float = 0.0
    p95_ms: float = 0.0
    p99_ms: float = 0.0
    max_ms: float = 0.0
    ok_p50_ms: float = 0.0
    ok_p99_ms: float = 0.0
    """Latency of the answered requests alone (503 busy answers come back fast)."""
    achieved_rate: float = 0.0
    api_rss_mib_before: float = 0.0
    api_rss_mib_after: float = 0.0
    neo4j_rss_mib_before: float | None = None
    neo4j_rss_mib_after: float | None = None
    api_cpu_ms_per_request: float = 0.0
    by_kind: dict[str, dict[str, float]] = field(default_factory=dict)


def rss_mib(pid: int | None) -> float | None:
    """Resident memory of ``pid`` and its children from /proc, in MiB (None when unknown)."""
    if pid is None:
        return None
    total = 0
    try:
        for each in process_tree(pid):
            for line in Path(f"/proc/{each}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
    except OSError:
        return None
    return round(total / 1024, 1)


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 1)


async def seed(store: Store, people: int) -> None:
    """Import the generated workspace unless it is there already."""
    rows = await store.read("workspaces/get_many", {"ids": [WORKSPACE]})
    if rows and rows[0].get("workspace"):
        print(f"workspace {WORKSPACE!r} exists; not seeding again", file=sys.stderr)
        return
    config = SeedConfig(accounts=max(1, people // 250), people=people, seed=7, prefix="ld-")
    with tempfile.TemporaryDirectory(prefix="statusmap-load-") as directory:
        counts = write_csv_files(generate(config), Path(directory))
        paths = [Path(directory) / f.file_name for f in FORMATS.values()]
        started = time.perf_counter()
        await ensure_workspace(store, WORKSPACE)
        result = await import_files(store, WORKSPACE, paths)
    assert result.applied, result.report.as_dict()
    print(f"seeded {counts} in {time.perf_counter() - started:.1f} s", file=sys.stderr)


async def prepare(store: Store, people: int) -> tuple[str, list[str], list[str]]:
    """Seed, make a token with admin on the workspace, and pick the ids to ask for."""
    await seed(store, people)
    issued = await issue_token(store, "load-test", name="Load test")
    await TokenAuthority(store).grant(issued.user_id, WORKSPACE, Role.ADMIN)
    records, _, _ = await store.driver.execute_query(
        "MATCH (d:Deal {workspace: $ws}) RETURN collect(d.id) AS deals", {"ws": WORKSPACE}
    )
    deals = records[0]["deals"]
    records, _, _ = await store.driver.execute_query(
        "MATCH (p:Person {workspace: $ws}) RETURN collect(p.id) AS people", {"ws": WORKSPACE}
    )
    return issued.token, deals, records[0]["people"]


def start_api(env: dict[str, str], port: int, workers: int = 1) -> subprocess.Popen[bytes]:
    command = [
        sys.executable, "-m", "uvicorn", "api.app:create_app", "--factory",
        "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning", "--no-access-log",
        "--workers", str(workers), "--timeout-keep-alive", "300",
    ]  # fmt: skip
    return subprocess.Popen(command, env=env)


async def wait_healthy(url: str, process: subprocess.Popen[bytes], within: float = 120) -> None:
    deadline = time.monotonic() + within
    async with httpx.AsyncClient() as client:
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"the API exited with code {process.returncode}")
            try:
                if (await client.get(f"{url}/health")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.2)
    raise RuntimeError("the API did not become healthy")


async def drive(
    url: str,
    token: str,
    deals: list[str],
    people: list[str],
    seconds: float,
    rate: float,
    connections: int = 200,
) -> tuple[list[tuple[str, float, bool, str]], float]:
    """Send ``rate`` requests/s for ``seconds`` (open loop); return (kind, ms, ok, error)."""
    rng = random.Random(1)
    results: list[tuple[str, float, bool, str]] = []
    address = url.removeprefix("http://")
    host, _, port = address.partition(":")
    pool = ConnectionPool(host, int(port), connections, {"authorization": f"Bearer {token}"})

    async def one(kind: str, payload: dict[str, Any], due: float) -> None:
        error = ""
        try:
            response = await pool.post("/graphql", payload, seconds=20)
            body = response.json()
            if response.status != 200 or body.get("errors"):
                error = f"{response.status} {json.dumps(body)[:200]}"
            elif kind == "write" and body["data"]["updatePerson"]["__typename"] != "PersonSuccess":
                error = json.dumps(body)[:200]
        except (OSError, asyncio.IncompleteReadError, TimeoutError, ValueError) as e:
            error = f"{type(e).__name__}: {e}"
        # From when the request was due, not when a connection was free: waiting counts.
        results.append((kind, (time.perf_counter() - due) * 1000, not error, error))

    try:
        tasks: list[asyncio.Task[None]] = []
        total = int(seconds * rate)
        start = time.perf_counter()
        for i in range(total):
            due = start + i / rate
            delay = due - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            draw = rng.random()
            variables: dict[str, Any] = {"ws": WORKSPACE}
            if draw < 0.45:
                kind, document = "buying_centre", BUYING_CENTRE
                variables["deal"] = rng.choice(deals)
            elif draw < 0.90:
                kind, document = "person", PERSON
                variables["person"] = rng.choice(people)
            else:
                kind, document = "write", WRITE
                variables["person"] = rng.choice(people)
                variables["tags"] = [f"load-{rng.randrange(1000)}"]
            payload = {"query": document, "variables": variables}
            tasks.append(asyncio.create_task(one(kind, payload, due)))
        sending = time.perf_counter() - start
        # Bounded: what has not answered 30 s after the last send counts as an error.
        _, late = await asyncio.wait(tasks, timeout=30) if tasks else (set(), set())
        for task in late:
            task.cancel()
        results.extend(("unanswered", 30_000.0, False, "no answer within 30 s") for _ in late)
    finally:
        await pool.close()
    return results, sending


async def run(args: argparse.Namespace) -> Report:
    report = Report(
        seconds=args.seconds,
        rate=args.rate,
        people=args.people,
        connections=args.connections,
        workers=args.workers,
    )
    api_cpu = 0.0
    local: LocalNeo4j | None = None
    with tempfile.TemporaryDirectory(prefix="statusmap-load-data-") as data:
        if os.environ.get("NEO4J_URI"):
            uri = os.environ["NEO4J_URI"]
            user = os.environ.get("NEO4J_USER", "neo4j")
            password = os.environ.get("NEO4J_PASSWORD", "")
        else:
            local = LocalNeo4j(Path(data) / "neo4j", cache_dir=Settings().cache_dir, heap="1g")
            await asyncio.to_thread(local.start)
            uri, user, password = local.uri, local.user, local.password
        api: subprocess.Popen[bytes] | None = None
        try:
            # As the API's own driver (graph/database/connection.py): no server hints on a fresh
            # database, such as a relationship type the import is about to create.
            async with AsyncGraphDatabase.driver(
                uri, auth=(user, password), notifications_min_severity="OFF"
            ) as driver:
                store = Store(driver)
                await store.apply_schema()
                token, deals, people = await prepare(store, args.people)
            port = free_port()
            env = {
                **os.environ, "NEO4J_URI": uri, "NEO4J_USER": user, "NEO4J_PASSWORD": password,
                "STATUSMAP_DEMO": "false", "STATUSMAP_DATA_DIR": data,
            }  # fmt: skip
            api = start_api(env, port, args.workers)
            url = f"http://127.0.0.1:{port}"
            await wait_healthy(url, api)
            neo4j_pid = local.process.pid if local and local.process else None
            # Warm-up, not counted: a Neo4j just started still compiles its hot paths
            # (JIT) and fills its page cache; connection pools fill.
            warmup = min(args.warmup, args.seconds)
            await drive(url, token, deals, people, warmup, args.rate, args.connections)
            report.api_rss_mib_before = rss_mib(api.pid) or 0.0
            report.neo4j_rss_mib_before = rss_mib(neo4j_pid)
            report.load_average_before = " ".join(f"{x:.1f}" for x in os.getloadavg())
            cpu_before = cpu_seconds(api.pid)
            results, sending = await drive(
                url, token, deals, people, args.seconds, args.rate, args.connections
            )
            api_cpu = cpu_seconds(api.pid) - cpu_before
            report.api_rss_mib_after = rss_mib(api.pid) or 0.0
            report.neo4j_rss_mib_after = rss_mib(neo4j_pid)
        finally:
            if api is not None:
                api.send_signal(signal.SIGINT)
                try:
                    api.wait(30)
                except subprocess.TimeoutExpired:
                    api.kill()
            if local is not None:
                await asyncio.to_thread(local.stop)
    latencies = [ms for _, ms, _, _ in results]
    report.sent = len(results)
    report.ok = sum(ok for _, _, ok, _ in results)
    report.errors = report.sent - report.ok
    report.busy = sum('"error": "busy"' in e for _, _, ok, e in results if not ok)
    report.error_samples = sorted({e for _, _, ok, e in results if not ok})[:5]
    report.p50_ms = _percentile(latencies, 0.50)
    report.p95_ms = _percentile(latencies, 0.95)
    report.p99_ms = _percentile(latencies, 0.99)
    report.max_ms = round(max(latencies, default=0.0), 1)
    answered = [ms for _, ms, ok, _ in results if ok]
    report.ok_p50_ms = _percentile(answered, 0.50)
    report.ok_p99_ms = _percentile(answered, 0.99)
    report.achieved_rate = round(report.sent / sending, 1) if sending else 0.0
    report.api_cpu_ms_per_request = round(api_cpu * 1000 / report.sent, 2) if report.sent else 0.0
    for kind in sorted({k for k, _, _, _ in results}):
        values = [ms for k, ms, _, _ in results if k == kind]
        report.by_kind[kind] = {
            "count": len(values),
            "p50_ms": _percentile(values, 0.5),
            "p99_ms": _percentile(values, 0.99),
            "mean_ms": round(statistics.fmean(values), 1),
        }
    return report


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.load", description=__doc__)
    parser.add_argument("--seconds", type=float, default=120.0)
    parser.add_argument("--rate", type=float, default=200.0, help="requests per second")
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument(
        "--connections", type=int, default=200, help="keep-alive connections (bounds in-flight)"
    )
    parser.add_argument("--workers", type=int, default=2, help="API worker processes")
    parser.add_argument(
        "--warmup", type=float, default=30.0, help="seconds of the same load first, not counted"
    )
    parser.add_argument("--out", type=Path, help="also write the report as JSON here")
    args = parser.parse_args()
    if not 0 < args.seconds <= 1800 or not 0 < args.rate <= 1000:
        parser.error("--seconds must be in (0, 1800] and --rate in (0, 1000]")
    report = asyncio.run(run(args))
    text = json.dumps(asdict(report), indent=1)
    print(text)
    if args.out:
        args.out.write_text(text + "\n")
    if report.errors:
        sys.exit(1)
