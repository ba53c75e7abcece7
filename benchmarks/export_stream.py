"""Exports: time and peak memory of each format, streamed, against a plain read of the same rows.

One workspace of a size (``portfolio``: 100,000 people and about a million edges) is imported
once; then each export runs in a fresh Python process of its own, so that its peak resident
memory (``VmHWM`` from ``/proc``) is its own. Three ways, in the same run on the same server:

- **read**: every kind's rows read in pages through the guarded store and dropped — the floor
  any export pays (:func:`graph.exports.scope.read_pages`);
- **stream**: ``statusmap export``'s path (:func:`graph.exports.run.export_scope`), the file
  written as the pages come;
- **whole**: the dataset read whole, then written from memory (networkx's GraphML and GEXF
  writers, ``json.dumps``), as exports were written before they streamed.

The figures are ratios to the read of the same run: time and peak memory. Run:
``python -m benchmarks.export_stream --size portfolio`` (``NEO4J_URI`` to use a running server,
else a local one is started); writes benchmarks/RESULTS-export.md.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import networkx as nx
from neo4j import AsyncGraphDatabase

from benchmarks.environment import started_neo4j
from benchmarks.sizes import SIZES, write_dataset
from graph.database.store import Store
from graph.exports.run import export_scope
from graph.exports.scope import Dataset, read_dataset, read_pages
from graph.exports.writers import EXPORT_FORMATS, to_graph, to_json, to_kumu
from graph.imports.formats import FORMATS
from graph.imports.run import import_files
from graph.repository.workspaces import ensure_workspace

WORKSPACE = "bench-export"
RESULTS = Path(__file__).with_name("RESULTS-export.md")


def _own_peak() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return 0


def _write_whole(data: Dataset, fmt: str, target: Path) -> None:
    if fmt == "csv":
        target.mkdir(parents=True, exist_ok=True)
        for kind, spec in FORMATS.items():
            with (target / spec.file_name).open("w", newline="") as handle:
                writer = csv.DictWriter(handle, spec.column_names, lineterminator="\n")
                writer.writeheader()
                writer.writerows(data.rows[kind])
    elif fmt == "json":
        target.write_text(json.dumps(to_json(data), indent=1, ensure_ascii=False) + "\n")
    elif fmt == "kumu":
        target.write_text(json.dumps(to_kumu(data), indent=1, ensure_ascii=False) + "\n")
    elif fmt == "graphml":
        nx.write_graphml(to_graph(data), target)
    else:
        nx.write_gexf(to_graph(data), target, version="1.2draft")


async def _child(way: str, fmt: str, target: Path) -> dict[str, Any]:
    """One export (or the plain read) in this process: seconds, peak RSS, rows or bytes."""
    uri, password = os.environ["NEO4J_URI"], os.environ.get("NEO4J_PASSWORD", "")
    driver = AsyncGraphDatabase.driver(uri, auth=(os.environ.get("NEO4J_USER", "neo4j"), password))
    store = Store(driver)
    rows = 0
    started = time.perf_counter()
    if way == "read":
        ws = store.workspace(WORKSPACE).bulk()
        for kind in FORMATS:
            async for page in read_pages(ws, kind):
                rows += len(page.rows)
    elif way == "stream":
        await export_scope(store.workspace(WORKSPACE), fmt, target)
    else:
        data = await read_dataset(store.workspace(WORKSPACE))
        await asyncio.to_thread(_write_whole, data, fmt, target)
    seconds = time.perf_counter() - started
    await driver.close()
    return {"seconds": seconds, "peak": _own_peak(), "rows": rows}


def _measure(way: str, fmt: str, work: Path, env: dict[str, str]) -> dict[str, Any]:
    target = work / f"{way}.{fmt}"
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.export_stream", "--child", way, fmt, str(target)],
        env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    got = dict(json.loads(done.stdout.splitlines()[-1]))
    files = [target] if target.is_file() else list(target.glob("*"))
    got["bytes"] = sum(p.stat().st_size for p in files)
    return got


async def _load(uri: str, user: str, password: str, size: str, work: Path) -> dict[str, int]:
    driver = AsyncGraphDatabase.driver(uri, auth=(user, password))
    store = Store(driver).bulk()
    await store.apply_schema()
    await ensure_workspace(store, WORKSPACE)
    data = write_dataset(SIZES[size], work / "data", "BX-")
    paths = [data.directory / f.file_name for f in FORMATS.values()]
    result = await import_files(store, WORKSPACE, paths)
    await driver.close()
    assert result.applied, result.report.as_dict()
    return data.counts


def main(size: str, formats: list[str], whole: bool) -> None:
    with started_neo4j("2g", "1g") as neo4j, tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        password = neo4j.password or ""
        counts = asyncio.run(_load(neo4j.uri, neo4j.user, password, size, work))
        people = counts["people"]
        edges = sum(counts.values()) - sum(counts[k] for k in ("organisations", "people", "deals"))
        env = {**os.environ, "NEO4J_URI": neo4j.uri, "NEO4J_USER": neo4j.user,
               "NEO4J_PASSWORD": password}  # fmt: skip
        read = _measure("read", "", work, env)
        lines = [
            f"# Exports, streamed — {size}: {people:,} people, {edges:,} edge rows",
            "",
            "Each export in a fresh process; ratios to the plain paged read of every row in the "
            f"same run (read: {read['seconds']:.1f} s, peak RSS {read['peak'] / 2**20:,.0f} MiB, "
            f"{read['rows']:,} rows). `python -m benchmarks.export_stream --size {size}`.",
            "",
            "| format | way | time / read | peak RSS / read | file MiB |",
            "|---|---|---|---|---|",
        ]
        for fmt in formats:
            for way in ("stream", "whole") if whole else ("stream",):
                got = _measure(way, fmt, work, env)
                lines.append(
                    f"| {fmt} | {way} | {got['seconds'] / read['seconds']:.2f} | "
                    f"{got['peak'] / read['peak']:.2f} | {got['bytes'] / 2**20:,.1f} |"
                )
                print(lines[-1], flush=True)
                for leftover in work.glob(f"{way}.{fmt}*"):
                    if leftover.is_dir():
                        for f in leftover.iterdir():
                            f.unlink()
                        leftover.rmdir()
                    else:
                        leftover.unlink()
        RESULTS.write_text("\n".join(lines) + "\n")
        print("\n".join(lines))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="portfolio", choices=sorted(SIZES))
    parser.add_argument("--formats", default=",".join(EXPORT_FORMATS))
    parser.add_argument(
        "--no-whole", action="store_true", help="Skip the read-whole path (it needs gigabytes)."
    )
    parser.add_argument("--child", nargs=3, metavar=("WAY", "FORMAT", "TARGET"))
    arguments = parser.parse_args()
    if arguments.child:
        way, fmt, target = arguments.child
        print(json.dumps(asyncio.run(_child(way, fmt, Path(target)))))
    else:
        main(arguments.size, arguments.formats.split(","), not arguments.no_whole)
