"""The performance suite: ``python -m benchmarks`` (or ``make bench``) writes benchmarks/RESULTS.md.

    python -m benchmarks                               # deal and account: a few minutes
    python -m benchmarks --sizes deal,account,portfolio  # + 100k people / 1M edges
    python -m benchmarks --sizes crm                   # 1M people / 10M edges: hours

Per size, in one run on one server: ingest (import path vs LOAD CSV), the buying-centre and
person queries through GraphQL under 1, 10 and 50 clients vs the hand-written Cypher limit,
whole-workspace and deal analysis (ours vs NetworkX and igraph, and end to end through GraphQL),
and the memory peaks of the API and of Neo4j. See benchmarks/README.md for what each figure means.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from neo4j import AsyncGraphDatabase, RoutingControl

from benchmarks.analysis import run_analysis, run_deal_analysis
from benchmarks.compiled_reads import LONG
from benchmarks.environment import (
    command_setup,
    cpu_seconds,
    machine,
    peak_rss,
    reset_peak,
    started_neo4j,
)
from benchmarks.ingest import IngestRun, run_ingest
from benchmarks.report import Report, SizeResult
from benchmarks.serving import (
    CLIENTS,
    CROSS_ACCOUNT,
    DEAL_ANALYSIS,
    REQUESTS,
    TOUCH,
    ApiServer,
    api_server,
    cypher,
    query_workloads,
)
from benchmarks.sizes import SIZES, Size
from graph.database.store import Store

log = logging.getLogger("benchmarks")


async def _token(store: Store, workspace: str) -> str | None:
    """An admin token on ``workspace``, when this checkout has API tokens."""
    try:
        from graph.repository.auth import Role, TokenAuthority, issue_token
    except ImportError:
        return None
    issued = await issue_token(store, "bench", superuser=True, label="benchmarks")
    await TokenAuthority(store).grant("bench", workspace, Role.ADMIN)
    return issued.token


async def _serving(
    api: ApiServer,
    executor: ApiServer,
    neo4j_pid: int | None,
    store: Store,
    workspace: str,
    runs: int,
    result: SizeResult,
) -> None:
    records, _, _ = await store.driver.execute_query(
        cypher("pick_targets"),
        {"workspace": workspace},
        routing_=RoutingControl.READ,
    )
    target = records[0].data()
    deal, person = target["deal"], target["person"]
    neo4j_cpu = (lambda: cpu_seconds(neo4j_pid)) if neo4j_pid is not None else None
    result.serving = await query_workloads(
        api,
        store.driver,
        workspace,
        deal,
        person,
        runs,
        CLIENTS,
        REQUESTS,
        api_cpu=api.cpu_seconds,
        db_cpu=neo4j_cpu,
        executor=executor,
    )
    touch = {
        "workspaceId": workspace,
        "sourceId": target["source"],
        "targetId": person,
        "weight": target["weight"],
        "kind": (target["kind"] or "advice").upper(),
    }
    times = []
    for _ in range(max(1, runs)):
        await api.graphql(TOUCH, {"input": touch})  # a write: the next analysis is fresh
        started = time.perf_counter()
        await api.graphql(CROSS_ACCOUNT, {"workspace": workspace})
        times.append(time.perf_counter() - started)
    result.api_analysis = statistics.median(times)
    times = []
    for _ in range(max(1, runs)):
        await api.graphql(TOUCH, {"input": touch})
        started = time.perf_counter()
        await api.graphql(DEAL_ANALYSIS, {"workspace": workspace, "deal": deal})
        times.append(time.perf_counter() - started)
    result.api_deal_analysis = statistics.median(times)
    result.deal = deal


async def _size(
    store: Store, neo4j: Any, size: Size, work: Path, workers: int, runs: int
) -> SizeResult:
    workspace = f"bench-{size.name}"
    result = SizeResult(size)
    reset_peak(neo4j.pid)
    ingest: list[IngestRun] = []
    for run in range(size.ingest_runs):
        target = f"{workspace}-{run}" if run else workspace
        ingest.append(await run_ingest(store, size, work, run, target))
        log.info("%s ingest %d: %s", size.name, run, ingest[-1])
    result.ingest = ingest
    token = await _token(store, workspace)
    async with (
        api_server(neo4j, token, workers=workers) as api,
        api_server(neo4j, token, workers=workers, compiled=False) as executor,
    ):
        serving_runs = runs if size.people <= 100_000 else 1
        await _serving(api, executor, neo4j.pid, store, workspace, serving_runs, result)
        result.api_peak = api.peak_rss()
    nx_runs = runs if size.people <= 5_000 else 1
    result.analysis = await run_analysis(store.workspace(workspace), runs, nx_runs)
    if result.deal is not None:
        result.deal_analysis = await run_deal_analysis(
            store.workspace(workspace), result.deal, runs
        )
    result.neo4j_peak = peak_rss(neo4j.pid)
    return result


async def main(sizes: list[Size], out: Path, workers: int, runs: int | None) -> None:
    """Run ``sizes`` and write the report to ``out``."""
    with started_neo4j(heap="4g", pagecache="4g") as neo4j:
        auth = (neo4j.user, neo4j.password) if neo4j.password is not None else None
        async with AsyncGraphDatabase.driver(
            neo4j.uri, auth=auth, max_connection_pool_size=100
        ) as driver:
            # Long statement limits: on a loaded machine an import batch may pass a request's.
            store = Store(driver, timeouts=LONG)
            await store.apply_schema()
            health = await store.health()
            report = Report(machine(f"{health.version} {health.edition}"), workers)
            with tempfile.TemporaryDirectory(prefix="statusmap-bench-data-") as tmp:
                for size in sizes:
                    log.info("size %s (%d people)", size.name, size.people)
                    result = await _size(store, neo4j, size, Path(tmp), workers, runs or size.runs)
                    report.results.append(result)
                    # After each size, so that partial results survive an interrupted run.
                    await asyncio.to_thread(out.write_text, report.markdown())
    log.info("wrote %s", out)


def _parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    defaults = ",".join(n for n, s in SIZES.items() if s.default)
    parser.add_argument("--sizes", default=defaults, help=f"comma-separated: {', '.join(SIZES)}")
    parser.add_argument("--runs", type=int, default=None, help="runs per figure (default: by size)")
    parser.add_argument("--workers", type=int, default=1, help="API worker processes")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "RESULTS.md")
    return parser.parse_args()


if __name__ == "__main__":
    command_setup()
    args = _parse()
    unknown = [n for n in args.sizes.split(",") if n not in SIZES]
    if unknown:
        raise SystemExit(f"unknown size(s) {unknown}; choose from {', '.join(SIZES)}")
    chosen = [SIZES[n] for n in args.sizes.split(",")]
    asyncio.run(main(chosen, args.out, args.workers, args.runs))
