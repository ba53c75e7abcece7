"""Compiled reads vs the executor vs the Cypher limit: ``python -m benchmarks.compiled_reads``.

    python -m benchmarks.compiled_reads --sizes deal,account

The suite's query workloads alone (``python -m benchmarks`` measures them the same way, with
ingest and the analyses around them): per size, the generated data is imported, then the
buying-centre and person queries are sent to two API processes — one compiling the hot reads
(``api/graphql/compiled.py``), one through the general executor only — and read by the
hand-written statement, in the same runs. Writes ``benchmarks/RESULTS-compiled.md``.
With ``NEO4J_URI`` set it uses that server (Neo4j's CPU is then not measured).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import tempfile
import time
from pathlib import Path

from neo4j import AsyncGraphDatabase, RoutingControl

from benchmarks.environment import (
    BenchNeo4j,
    command_setup,
    cpu_seconds,
    machine,
    started_neo4j,
)
from benchmarks.report import Report, SizeResult
from benchmarks.serving import api_server, cypher, query_workloads
from benchmarks.sizes import SIZES, Size, write_dataset
from graph.database.store import StatementTimeouts, Store
from graph.imports.formats import FORMATS
from graph.imports.run import import_files
from graph.repository.auth import Role, TokenAuthority, issue_token
from graph.repository.workspaces import ensure_workspace

log = logging.getLogger("benchmarks.compiled_reads")

OUT = Path(__file__).resolve().parent / "RESULTS-compiled.md"
LONG = StatementTimeouts(request=600.0, bulk=600.0)
"""Seeding on a loaded machine: a batch may take longer than an API request's limit."""


async def _size(store: Store, neo4j: BenchNeo4j, size: Size, work: Path, runs: int) -> SizeResult:
    workspace = f"compiled-{size.name}-{os.getpid()}"
    data = write_dataset(size, work / size.name, f"C{size.name[0].upper()}{os.getpid()}-")
    await ensure_workspace(store, workspace)
    paths = [data.directory / FORMATS[kind].file_name for kind in FORMATS]
    if not (await import_files(store, workspace, paths)).applied:
        raise RuntimeError(f"the generated {size.name} files did not import")
    issued = await issue_token(store, f"bench-{workspace}", superuser=True, label="benchmarks")
    await TokenAuthority(store).grant(f"bench-{workspace}", workspace, Role.ADMIN)
    records, _, _ = await store.driver.execute_query(
        cypher("pick_targets"), {"workspace": workspace}, routing_=RoutingControl.READ
    )
    target = records[0].data()
    neo4j_pid = neo4j.pid
    result = SizeResult(size)
    async with (
        api_server(neo4j, issued.token) as api,
        api_server(neo4j, issued.token, compiled=False) as executor,
    ):
        result.serving = await query_workloads(
            api,
            store.driver,
            workspace,
            target["deal"],
            target["person"],
            runs,
            observe=lambda name, n, ours, limit: log.info(
                "%s %s x%d: %.0f/s vs limit %.0f/s",
                size.name,
                name,
                n,
                ours.per_second,
                limit.per_second,
            ),
            api_cpu=api.cpu_seconds,
            db_cpu=(lambda: cpu_seconds(neo4j_pid)) if neo4j_pid is not None else None,
            executor=executor,
        )
    return result


async def main(sizes: list[Size], out: Path, runs: int | None) -> None:
    with started_neo4j(heap="2g", pagecache="1g") as neo4j:
        auth = (neo4j.user, neo4j.password) if neo4j.password is not None else None
        async with AsyncGraphDatabase.driver(
            neo4j.uri, auth=auth, max_connection_pool_size=100
        ) as driver:
            store = Store(driver, timeouts=LONG)
            await store.apply_schema()
            health = await store.health()
            report = Report(machine(f"{health.version} {health.edition}"), workers=1)
            load = os.getloadavg()
            with tempfile.TemporaryDirectory(prefix="statusmap-compiled-") as tmp:
                for size in sizes:
                    log.info("size %s (%d people)", size.name, size.people)
                    report.results.append(
                        await _size(store, neo4j, size, Path(tmp), runs or size.runs)
                    )
                    text = report.queries_markdown(
                        "python -m benchmarks.compiled_reads", load, os.getloadavg()
                    )
                    await asyncio.to_thread(out.write_text, text)
    log.info("wrote %s", out)


if __name__ == "__main__":
    command_setup()
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.compiled_reads", description=__doc__
    )
    parser.add_argument("--sizes", default="deal,account")
    parser.add_argument("--runs", type=int, default=None, help="runs per figure (default: by size)")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    chosen = [SIZES[n] for n in args.sizes.split(",")]
    started = time.monotonic()
    asyncio.run(main(chosen, args.out, args.runs))
    log.info("took %.0f s", time.monotonic() - started)
