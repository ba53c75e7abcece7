"""Whole-workspace influence rank on both engines, side by side: ``python -m benchmarks.gds``.

    python -m benchmarks.gds --sizes segment,account,portfolio --work /tmp/statusmap-gds

Per size, the seeded generator's data is bulk-imported (:mod:`benchmarks.bulk_load`, kept under
``--work`` for the next run) into a throw-away local Neo4j **with Graph Data Science loaded**;
then each engine answers the same question -- the ten people of highest influence rank -- in a
fresh Python process (its peak resident memory is its own, as an API process's would be):

* ``python``: :class:`~graph.scopes.workspace.WorkspaceGraphCache` reads the graph as arrays
  (``read``), :func:`~graph.analytics.workspace_graph.workspace_influence_rank` runs in the
  process (``rank``);
* ``gds``: the Cypher projection (``project``), PageRank in the database (``rank``) and the
  top ten streamed back (``answer``), each timed apart.

Both run cold (the first call after the server started) and then warm (a second projection or
read; the page cache and query plans are warm); the top ten of both engines must agree, and the
largest difference of the ten scores is reported. Exact brokerage is timed on both engines where
the size is within the exact limit (2,000 people). The Neo4j JVM's peak is read after each
size. Figures go to ``--out`` (markdown) and the log, with the load average: on a shared machine
compare the ratios within one run.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from api.settings import Settings
from benchmarks.bulk_load import imported_home
from benchmarks.environment import machine, peak_rss, reset_peak
from benchmarks.sizes import SIZES, Size
from graph.database.local import GDS_VERSION, NEO4J_VERSION, LocalNeo4j

log = logging.getLogger("benchmarks.gds")

TOP = 10


def _load() -> str:
    return " / ".join(f"{x:.1f}" for x in os.getloadavg())


async def _engine(kind: str, uri: str, password: str, workspace: str) -> dict[str, Any]:
    """One engine's figures, measured in this (fresh) process."""
    from neo4j import AsyncGraphDatabase

    from graph.analytics.workspace_graph import workspace_brokerage, workspace_influence_rank
    from graph.database.store import Store
    from graph.scopes import gds
    from graph.scopes.measures import WorkspaceMeasures
    from graph.scopes.workspace import WorkspaceGraphCache

    figures: dict[str, Any] = {"load_before": _load()}
    async with AsyncGraphDatabase.driver(
        uri, auth=("neo4j", password), notifications_min_severity="OFF"
    ) as driver:
        store = Store(driver).bulk()
        ws = store.workspace(workspace)
        for run in ("cold", "warm"):
            if kind == "python":
                started = time.perf_counter()
                graph = await WorkspaceGraphCache().get(ws)
                figures[f"{run}_read"] = time.perf_counter() - started
                started = time.perf_counter()
                vector = workspace_influence_rank(graph)
                figures[f"{run}_rank"] = time.perf_counter() - started
                order = sorted(range(len(graph.ids)), key=lambda i: (-vector[i], graph.ids[i]))
                figures["top"] = {graph.ids[i]: float(vector[i]) for i in order[:TOP]}
                figures["people"] = len(graph.ids)
                if run == "cold" and len(graph.ids) <= 2000:
                    started = time.perf_counter()
                    workspace_brokerage(graph)
                    figures["brokerage_exact"] = time.perf_counter() - started
                del graph
            else:
                projections = gds.GdsProjections()
                started = time.perf_counter()
                projection = await projections.projection(ws, reports_to_weight=0.5)
                figures[f"{run}_project"] = time.perf_counter() - started
                started = time.perf_counter()
                await gds.measure(ws, projection, "rank")
                figures[f"{run}_rank"] = time.perf_counter() - started
                started = time.perf_counter()
                figures["top"] = await gds.scores(ws, projection, "rank", first=TOP)
                figures[f"{run}_answer"] = time.perf_counter() - started
                figures["people"] = projection.people
                if run == "cold" and projection.people <= 2000:
                    started = time.perf_counter()
                    await gds.measure(ws, projection, "brokerage")
                    figures["brokerage_exact"] = time.perf_counter() - started
                await projections.close(store)
        figures["engine_check"] = await WorkspaceMeasures("auto").engine(store)
    peak = peak_rss(os.getpid())
    figures["peak"] = peak
    figures["load_after"] = _load()
    return figures


def _measure(kind: str, neo4j: LocalNeo4j, workspace: str) -> dict[str, Any]:
    env = {**os.environ, "STATUSMAP_BENCH_NEO4J_PASSWORD": neo4j.password}
    command = [sys.executable, "-m", "benchmarks.gds", "--child", kind, neo4j.uri, workspace]
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        return {"error": result.stderr[-2000:]}
    figures: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return figures


async def _schema(neo4j: LocalNeo4j) -> None:
    from neo4j import AsyncGraphDatabase

    from graph.database.store import Store

    async with AsyncGraphDatabase.driver(neo4j.uri, auth=(neo4j.user, neo4j.password)) as driver:
        await Store(driver).bulk().apply_schema()
        await driver.execute_query("CALL db.awaitIndexes(3600)")


def _size(size: Size, work: Path, args: argparse.Namespace) -> dict[str, Any]:
    workspace = f"bench-{size.name}"
    home, _ = imported_home(size, work, workspace, "C-")
    result: dict[str, Any] = {"size": size.name, "load_start": _load()}
    with LocalNeo4j(home, cache_dir=Settings().cache_dir, heap=args.heap,
                    pagecache=args.pagecache, start_timeout=1800, gds=True) as neo4j:  # fmt: skip
        assert neo4j.process is not None
        asyncio.run(_schema(neo4j))
        reset_peak(neo4j.process.pid)
        for kind in ("python", "gds"):
            result[kind] = _measure(kind, neo4j, workspace)
            log.info("%s %s: %s", size.name, kind, result[kind])
        result["neo4j_peak"] = peak_rss(neo4j.process.pid)
    result["load_end"] = _load()
    return result


def _gib(value: int | None) -> str:
    return "?" if value is None else f"{value / 1024**3:.2f}"


def markdown(report: dict[str, Any]) -> str:
    """The report as a markdown table, with the run's machine."""
    lines = [
        "# Whole-workspace influence rank: Python engine and Graph Data Science",
        "",
        "`python -m benchmarks.gds` (see its docstring). Machine: "
        + ", ".join(f"{k} {v}" for k, v in report["machine"].items()),
        "",
        "Seconds; `read` is the Python engine's graph read, `project` GDS's Cypher projection,",
        "`answer` the top ten streamed back. Peaks are resident memory (GiB) of the process that",
        "asked (as an API process would) and of the Neo4j JVM (both engines, same server).",
        "",
        "| size | people | run | python read | python rank | python total | gds project "
        "| gds rank | gds answer | gds total | python / gds | top-10 equal, max diff "
        "| python peak | gds peak | neo4j peak | load |",
        "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---|",
    ]
    for entry in report["sizes"]:
        py, gd = entry.get("python", {}), entry.get("gds", {})
        if "error" in py or "error" in gd:
            lines.append(f"| {entry['size']} | error: {py.get('error') or gd.get('error')} |")
            continue
        same = list(py["top"]) == list(gd["top"])
        diff = max(abs(py["top"][k] - gd["top"].get(k, 0.0)) for k in py["top"])
        for run in ("cold", "warm"):
            p_total = py[f"{run}_read"] + py[f"{run}_rank"]
            g_total = gd[f"{run}_project"] + gd[f"{run}_rank"] + gd[f"{run}_answer"]
            lines.append(
                f"| {entry['size']} | {py['people']:,} | {run} | {py[f'{run}_read']:.2f} "
                f"| {py[f'{run}_rank']:.2f} | {p_total:.2f} | {gd[f'{run}_project']:.2f} "
                f"| {gd[f'{run}_rank']:.2f} | {gd[f'{run}_answer']:.3f} | {g_total:.2f} "
                f"| {p_total / g_total:.2f}x | {same}, {diff:.1e} | {_gib(py['peak'])} "
                f"| {_gib(gd['peak'])} | {_gib(entry.get('neo4j_peak'))} "
                f"| {py['load_before']} → {gd['load_after']} |"
            )
    exact = [e for e in report["sizes"] if "brokerage_exact" in e.get("python", {})]
    if exact:
        lines += ["", "Exact brokerage (within the 2,000-person limit), seconds:", ""]
        lines += ["| size | python | gds |", "|---|---:|---:|"]
        for e in exact:
            lines.append(
                f"| {e['size']} | {e['python']['brokerage_exact']:.2f} "
                f"| {e['gds'].get('brokerage_exact', float('nan')):.2f} |"
            )
    return "\n".join(lines) + "\n"


def main(args: argparse.Namespace) -> None:
    """Run ``args.sizes`` and write the table to ``args.out``."""
    report: dict[str, Any] = {
        "machine": machine(f"{NEO4J_VERSION} community, GDS {GDS_VERSION}"),
        "sizes": [],
    }
    work = args.work or Path(tempfile.mkdtemp(prefix="statusmap-gds-"))
    for name in args.sizes.split(","):
        report["sizes"].append(_size(SIZES[name], work, args))
        args.out.write_text(markdown(report))
        args.out.with_suffix(".json").write_text(json.dumps(report, indent=2))
    log.info("wrote %s (data kept in %s)", args.out, work)


def _parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.gds",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--sizes", default="segment,account,portfolio")
    parser.add_argument("--work", type=Path, default=None, help="data directory (kept; reused)")
    parser.add_argument("--heap", default=os.environ.get("STATUSMAP_NEO4J_HEAP", "2g"))
    parser.add_argument("--pagecache", default=os.environ.get("STATUSMAP_NEO4J_PAGECACHE", "1g"))
    parser.add_argument("--out", type=Path, default=Path("benchmarks/RESULTS-gds.md"))
    return parser.parse_args()


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        kind, uri, workspace = sys.argv[2:]
        password = os.environ["STATUSMAP_BENCH_NEO4J_PASSWORD"]
        print(json.dumps(asyncio.run(_engine(kind, uri, password, workspace))))
    else:
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
        logging.getLogger("neo4j").setLevel(logging.ERROR)
        main(_parse())
