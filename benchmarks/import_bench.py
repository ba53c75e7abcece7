"""Import benchmark: the statusmap import path against LOAD CSV of the same files, same server.

    python -m benchmarks.import_bench [--people 100000] [--influences 9.7]

Needs ``NEO4J_URI`` / ``NEO4J_USER`` / ``NEO4J_PASSWORD`` (e.g. from ``statusmap neo4j``). The
files are generated once, imported into workspace ``bench-import`` through
:func:`graph.imports.run.import_files` (validation included), then — with ids prefixed so the
two runs do not collide — loaded with ``LOAD CSV`` + ``CALL {…} IN TRANSACTIONS`` over HTTP
from a server this script starts. Prints rows/s of each and their ratio. Not part of the tests.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import http.server
import os
import tempfile
import threading
import time
from pathlib import Path

from neo4j import AsyncGraphDatabase

from graph.imports.run import import_files
from graph.store import Store
from seed.files import write_csv_files
from seed.generator import SeedConfig, generate

_LOAD = {
    "organisations.csv": "LOAD CSV WITH HEADERS FROM $url AS row CALL (row) { "
    "MERGE (o:Organisation {id: 'L' + row.id}) SET o.workspace = 'bench-load', "
    "o.name = row.name, o.kind = row.kind } IN TRANSACTIONS OF 10000 ROWS",
    "people.csv": "LOAD CSV WITH HEADERS FROM $url AS row CALL (row) { "
    "MERGE (p:Person {id: 'L' + row.id}) SET p.workspace = 'bench-load', "
    "p.name = row.first_name + ' ' + row.last_name, p.title = row.title, "
    "p.department = row.department, p.email = row.email WITH p, row "
    "MATCH (o:Organisation {id: 'L' + row.organisation_id}) MERGE (p)-[:WORKS_AT]->(o) "
    "} IN TRANSACTIONS OF 10000 ROWS",
    "reporting.csv": "LOAD CSV WITH HEADERS FROM $url AS row CALL (row) { "
    "MATCH (a:Person {id: 'L' + row.person_id}) MATCH (b:Person {id: 'L' + row.manager_id}) "
    "MERGE (a)-[r:REPORTS_TO]->(b) SET r.line = row.line } IN TRANSACTIONS OF 10000 ROWS",
    "influences.csv": "LOAD CSV WITH HEADERS FROM $url AS row CALL (row) { "
    "MATCH (a:Person {id: 'L' + row.source_id}) MATCH (b:Person {id: 'L' + row.target_id}) "
    "MERGE (a)-[r:INFLUENCES]->(b) SET r.weight = toFloat(row.weight), r.kind = row.kind "
    "} IN TRANSACTIONS OF 10000 ROWS",
    "knows.csv": "LOAD CSV WITH HEADERS FROM $url AS row CALL (row) { "
    "MATCH (a:Person {id: 'L' + row.source_id}) MATCH (b:Person {id: 'L' + row.target_id}) "
    "MERGE (a)-[r:KNOWS]->(b) SET r.strength = toFloat(row.strength) "
    "} IN TRANSACTIONS OF 10000 ROWS",
}


def _serve(directory: Path) -> tuple[http.server.ThreadingHTTPServer, int]:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, server.server_address[1]


async def main(people: int, influences: float) -> None:
    auth = (os.environ.get("NEO4J_USER", "neo4j"), os.environ["NEO4J_PASSWORD"])
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        config = SeedConfig(
            accounts=max(10, people // 500), people=people, seed=11,
            influences_per_person=influences, prefix="B",
        )  # fmt: skip
        counts = write_csv_files(generate(config), directory)
        rows = sum(counts.values())
        print(f"files: {counts} ({rows} rows)")
        async with AsyncGraphDatabase.driver(os.environ["NEO4J_URI"], auth=auth) as driver:
            store = Store(driver)
            await store.apply_schema()
            paths = [directory / f"{kind}.csv" for kind in counts]
            started = time.perf_counter()
            result = await import_files(store, "bench-import", paths)
            ours = time.perf_counter() - started
            assert result.applied, result.report.issues[:5]
            server, port = _serve(directory)
            started = time.perf_counter()
            for name, statement in _LOAD.items():
                async with driver.session() as session:
                    done = await session.run(statement, {"url": f"http://127.0.0.1:{port}/{name}"})
                    await done.consume()
            load = time.perf_counter() - started
            server.shutdown()
        load_rows = sum(counts[n.removesuffix(".csv")] for n in _LOAD)
        print(f"statusmap import: {rows} rows in {ours:.1f} s = {rows / ours:,.0f} rows/s")
        print(
            f"LOAD CSV:         {load_rows} rows in {load:.1f} s = {load_rows / load:,.0f} rows/s"
        )
        print(f"ratio (import rows/s / LOAD CSV rows/s): {(rows / ours) / (load_rows / load):.2f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--influences", type=float, default=9.7)
    args = parser.parse_args()
    asyncio.run(main(args.people, args.influences))
