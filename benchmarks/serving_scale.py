"""Serving at scale: ``python -m benchmarks.serving_scale``.

    python -m benchmarks.serving_scale --sizes account,portfolio --work /tmp/statusmap-serving

The query workloads of the suite (the buying-centre and person queries through GraphQL under
1, 10 and 50 closed-loop clients, beside the same answers from one hand-written Cypher statement
through the driver) on workspaces too big to import through the import path in a benchmark
run: each size is written by ``neo4j-admin database import`` (:mod:`benchmarks.bulk_load`) into
a throw-away local Neo4j, once per ``--work`` directory. Besides latency and requests/s it
records CPU per request -- of the API's processes for GraphQL, of this process (the driver)
for the limit -- which depends far less than latency on what else the machine runs, and the
memory peaks of the API and of Neo4j.

Writes the section between the ``serving-scale`` markers of ``benchmarks/RESULTS-serving.md``.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from neo4j import AsyncGraphDatabase, RoutingControl

from api.settings import Settings
from benchmarks.bulk_load import imported_home
from benchmarks.environment import BenchNeo4j, command_setup, cpu_seconds, machine, peak_rss
from benchmarks.serving import Latency, api_server, cypher, query_workloads
from benchmarks.sizes import SIZES, Size
from graph.database.local import LocalNeo4j
from graph.database.store import Store
from graph.repository.auth import Role, TokenAuthority, issue_token

log = logging.getLogger("benchmarks.serving_scale")

OUT = Path(__file__).resolve().parent / "RESULTS-serving.md"
BEGIN, END = "<!-- serving-scale -->", "<!-- /serving-scale -->"


@dataclass
class ScaleResult:
    size: Size
    load: list[str] = field(default_factory=list)
    measured: dict[tuple[str, int], tuple[Latency, Latency]] = field(default_factory=dict)
    api_peak: int | None = None
    neo4j_peak: int | None = None
    people: int = 0
    edges: int = 0
    neo4j: str = ""


def _load() -> str:
    return " / ".join(f"{x:.1f}" for x in os.getloadavg())


async def _measure(
    neo4j: LocalNeo4j, size: Size, workspace: str, runs: int, workers: int
) -> ScaleResult:
    result = ScaleResult(size, load=[_load()])
    auth = (neo4j.user, neo4j.password)
    async with AsyncGraphDatabase.driver(neo4j.uri, auth=auth, max_connection_pool_size=100) as d:
        store = Store(d)
        await store.apply_schema()
        health = await store.health()
        result.neo4j = f"{health.version} {health.edition}"
        await d.execute_query("CALL db.awaitIndexes(3600)")
        issued = await issue_token(store, "bench", superuser=True, label="benchmarks")
        await TokenAuthority(store).grant("bench", workspace, Role.ADMIN)
        records, _, _ = await d.execute_query(
            cypher("pick_targets"), {"workspace": workspace}, routing_=RoutingControl.READ
        )
        target = records[0]
        records, _, _ = await d.execute_query(
            "MATCH (p:Person {workspace: $ws}) WITH count(p) AS people "
            "MATCH (:Person {workspace: $ws})-[r]->() RETURN people, count(r) AS edges",
            {"ws": workspace},
        )
        result.people, result.edges = records[0]["people"], records[0]["edges"]
        assert neo4j.process is not None
        neo4j_pid = neo4j.process.pid
        # Neo4j's CPU per request leaves out what it spends when idle (checkpoints, timers),
        # which would weigh on the slower of two runs of the same number of requests.
        idle = await _idle_cpu(neo4j_pid)
        bench = BenchNeo4j(neo4j.uri, neo4j.user, neo4j.password, neo4j_pid)
        async with api_server(bench, issued.token, workers=workers) as api:
            result.measured = await query_workloads(
                api,
                d,
                workspace,
                target["deal"],
                target["person"],
                runs,
                observe=lambda name, n, ours, limit: log.info(
                    "%s %s x%d: ours %s / limit %s", size.name, name, n, ours, limit
                ),
                api_cpu=api.cpu_seconds,
                db_cpu=lambda: cpu_seconds(neo4j_pid) - idle * time.monotonic(),
            )
            result.api_peak = api.peak_rss()
        result.neo4j_peak = peak_rss(neo4j.process.pid)
    result.load.append(_load())
    return result


async def _idle_cpu(pid: int, seconds: float = 3.0) -> float:
    """CPU seconds per second process ``pid`` spends while nothing is asked of it."""
    before, started = cpu_seconds(pid), time.monotonic()
    await asyncio.sleep(seconds)
    return (cpu_seconds(pid) - before) / (time.monotonic() - started)


def _ms(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1f} ms"


def markdown(results: list[ScaleResult], workers: int, runs: int, about: dict[str, str]) -> str:
    lines = [
        BEGIN,
        "## Serving at scale: GraphQL vs the hand-written Cypher limit",
        "",
        f"Written by `python -m benchmarks.serving_scale` on "
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}: {about['CPU']}, "
        f"{about['RAM']}, Neo4j {about['Neo4j']}, API worker processes: {workers}, "
        f"medians of {runs} interleaved runs. Data by `neo4j-admin database import` of the "
        "suite's generator. **CPU/request**: the API's processes for GraphQL; this process "
        "(the driver decoding the answer) for the limit; Neo4j's for both, less what it spends "
        "when idle.",
        "",
        "| size | people | edges | load avg (start → end) | query | clients | GraphQL p50 | "
        "GraphQL p99 | GraphQL req/s | API CPU/request | Neo4j CPU/request | Cypher p50 | "
        "Cypher p99 | Cypher req/s | driver CPU/request | Neo4j CPU/request | p99 ratio | "
        "req/s ratio |",
        "|---|---:|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        for (name, clients), (ours, limit) in r.measured.items():
            lines.append(
                f"| {r.size.name} | {r.people:,} | {r.edges:,} | {' → '.join(r.load)} | {name} "
                f"| {clients} | {_ms(ours.p50_ms)} | {_ms(ours.p99_ms)} | {ours.per_second:,.0f} "
                f"| {_ms(ours.cpu_ms)} | {_ms(ours.db_cpu_ms)} | {_ms(limit.p50_ms)} "
                f"| {_ms(limit.p99_ms)} | {limit.per_second:,.0f} | {_ms(limit.cpu_ms)} "
                f"| {_ms(limit.db_cpu_ms)} "
                f"| {ours.p99_ms / limit.p99_ms:.2f}x | {ours.per_second / limit.per_second:.2f}x |"
            )
    lines += ["", "| size | API peak memory | Neo4j peak memory |", "|---|---:|---:|"]
    for r in results:
        api = f"{r.api_peak / 2**30:.2f} GiB" if r.api_peak else "n/a"
        db = f"{r.neo4j_peak / 2**30:.2f} GiB" if r.neo4j_peak else "n/a"
        lines.append(f"| {r.size.name} | {api} | {db} |")
    lines.append(END)
    return "\n".join(lines) + "\n"


def write_section(section: str, out: Path = OUT) -> None:
    """Replace the marked section of ``out`` (or put it first when there is none)."""
    text = out.read_text() if out.exists() else ""
    if BEGIN in text and END in text:
        before, _, rest = text.partition(BEGIN)
        _, _, after = rest.partition(END + "\n")
        text = before + section + after
    else:
        title, _, body = text.partition("\n")
        text = f"{title}\n\n{section}\n{body.lstrip()}" if text else section
    out.write_text(text)


def main(args: argparse.Namespace) -> None:
    settings = Settings()
    chosen = [SIZES[n] for n in args.sizes.split(",")]
    results: list[ScaleResult] = []
    work_dir = args.work or Path(tempfile.mkdtemp(prefix="statusmap-serving-"))
    about: dict[str, str] = {}
    for size in chosen:
        workspace = f"bench-{size.name}"
        home, took = imported_home(size, work_dir, workspace, "S-")
        if took:
            log.info("%s: bulk import %.0f s: %s", size.name, took["import"], took["files"])
        with LocalNeo4j(home, cache_dir=settings.cache_dir, heap=args.heap,
                        pagecache=args.pagecache, start_timeout=600) as neo4j:  # fmt: skip
            result = asyncio.run(_measure(neo4j, size, workspace, args.runs, args.workers))
        results.append(result)
        about = machine(result.neo4j)
        write_section(markdown(results, args.workers, args.runs, about), args.out)
        log.info("wrote %s", args.out)


def _parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.serving_scale", description=__doc__)
    parser.add_argument("--sizes", default="account,portfolio")
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--work", type=Path, default=None, help="keeps imported stores")
    parser.add_argument("--heap", default="2g")
    parser.add_argument("--pagecache", default="2g")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    unknown = [n for n in args.sizes.split(",") if n not in SIZES]
    if unknown:
        parser.error(f"unknown size(s) {unknown}; choose from {', '.join(SIZES)}")
    return args


if __name__ == "__main__":
    command_setup()
    main(_parse())
