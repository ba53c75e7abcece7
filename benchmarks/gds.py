"""Whole-workspace influence rank on every engine, side by side: ``python -m benchmarks.gds``.

    python -m benchmarks.gds --sizes division,portfolio,crm --work /tmp/statusmap-gds \\
        --heap 4g --pagecache 3g

Per size (10,000, 100,000, 1M people), the seeded generator's data is bulk-imported
(:mod:`benchmarks.bulk_load`, kept under ``--work`` for the next run) into a throw-away local
Neo4j **with Graph Data Science loaded**; then each engine answers the same question -- the ten
people of highest influence rank -- in a fresh Python process (its peak resident memory is its
own, as an API process's would be):

* ``gds`` (first, so that its cold run is the first statement after the start): GDS's memory
  estimate, the labelling pass and the native projection (``project``), PageRank in the
  database (``rank``) and the top ten streamed back (``answer``), each timed apart; then the
  next request at the same write generation (``kept``: the projection and its rank are kept,
  only the answer is read);
* ``python``: :class:`~graph.scopes.workspace.WorkspaceGraphCache` reads the graph as arrays
  (``read``), :func:`~graph.analytics.workspace_graph.workspace_influence_rank` runs in the
  process (``rank``); the arrays are saved for the next two;
* ``igraph`` and ``networkx``: PageRank of each library on those arrays (``build`` the
  library's graph, ``rank``), NetworkX only up to ``--networkx-edges``.

GDS and the Python engine run cold (the first call after the server started) and then warm (a
second projection or read); every process is stopped after ``--cap`` seconds. The top ten of
every engine are compared with the Python engine's, with the largest difference of the ten
scores. Exact brokerage is timed on GDS and the Python engine where the size is within the exact
limit (2,000 people). The Neo4j JVM's peak is read after each size. Figures go to ``--out``
(markdown) and the log, with the load average: on a shared machine compare the ratios within
one run.
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

import numpy as np

from api.settings import Settings
from benchmarks.bulk_load import imported_home
from benchmarks.environment import machine, peak_rss, reset_peak
from benchmarks.sizes import SIZES, Size
from graph.database.local import GDS_VERSION, NEO4J_VERSION, LocalNeo4j

log = logging.getLogger("benchmarks.gds")

TOP = 10

GROWTH: dict[str, Size] = {
    **SIZES,
    # Between account and portfolio, for the growth curve (10k, 100k, 1M people).
    "division": Size("division", 10_000, 20, runs=1, ingest_runs=1, default=False),
}


def _load() -> str:
    return " / ".join(f"{x:.1f}" for x in os.getloadavg())


async def _engine(
    kind: str, uri: str, password: str, workspace: str, graph_file: Path, runs: list[str]
) -> Any:
    """One engine's figures, measured in this (fresh) process."""
    if kind in ("igraph", "networkx"):
        return _library(kind, graph_file)
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
        for run in runs:
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
                figures["edges"] = graph.edges
                if run == "cold":
                    # The same arrays for igraph and NetworkX, each in its own process.
                    coo = graph.W.tocoo()
                    np.savez(graph_file, n=len(graph.ids), row=coo.row, col=coo.col,
                             data=coo.data, ids=np.asarray(graph.ids))  # fmt: skip
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
                # The next request at the same write generation: the projection and its rank
                # are kept, only the answer is read.
                started = time.perf_counter()
                kept = await projections.projection(ws, reports_to_weight=0.5)
                await gds.measure(ws, kept, "rank")
                await gds.scores(ws, kept, "rank", first=TOP)
                figures[f"{run}_kept"] = time.perf_counter() - started
                figures["people"] = projection.people
                figures["edges"] = projection.edges
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


def _library(kind: str, graph_file: Path) -> dict[str, Any]:
    """PageRank of igraph or NetworkX on the Python engine's arrays (the reversed graph)."""
    figures: dict[str, Any] = {"load_before": _load()}
    saved = np.load(graph_file)
    n, ids = int(saved["n"]), saved["ids"].tolist()
    # W[i, j] is i -> j (i moves j); rank flows from the moved to who moves them: j -> i.
    sources, targets, weights = saved["col"], saved["row"], saved["data"]
    started = time.perf_counter()
    if kind == "igraph":
        import igraph as ig

        g = ig.Graph(n=n, edges=np.column_stack([sources, targets]).tolist(), directed=True)
        figures["build"] = time.perf_counter() - started
        started = time.perf_counter()
        values = g.pagerank(weights=weights.tolist(), damping=0.85, directed=True)
    else:
        import networkx as nx

        G = nx.DiGraph()
        G.add_nodes_from(range(n))
        G.add_weighted_edges_from(
            zip(sources.tolist(), targets.tolist(), weights.tolist(), strict=True)
        )
        figures["build"] = time.perf_counter() - started
        started = time.perf_counter()
        ranks = nx.pagerank(G, alpha=0.85, tol=1e-10, max_iter=1000, weight="weight")
        values = [ranks[i] for i in range(n)]
    figures["rank"] = time.perf_counter() - started
    order = sorted(range(n), key=lambda i: (-values[i], ids[i]))
    figures["top"] = {ids[i]: float(values[i]) for i in order[:TOP]}
    figures["peak"] = peak_rss(os.getpid())
    figures["load_after"] = _load()
    return figures


def _measure(
    kind: str, neo4j: LocalNeo4j, workspace: str, graph_file: Path, cap: float, runs: str
) -> dict[str, Any]:
    env = {**os.environ, "STATUSMAP_BENCH_NEO4J_PASSWORD": neo4j.password}
    child = ["--child", kind, neo4j.uri, workspace, str(graph_file), runs]
    command = [sys.executable, "-m", "benchmarks.gds", *child]
    try:
        result = subprocess.run(
            command, env=env, capture_output=True, text=True, check=False, timeout=cap
        )
    except subprocess.TimeoutExpired:
        return {"error": f"not finished within the cap of {cap:.0f} s"}
    if result.returncode != 0:
        return {"error": result.stderr[-2000:]}
    figures: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return figures


async def _schema(neo4j: LocalNeo4j, workspace: str) -> dict[str, float]:
    """The schema (with its data steps: the REPORTS_TO rule's outcome on bulk-imported lines) and
    the workspace's label on its people, each timed: once per store, not per projection."""
    from neo4j import AsyncGraphDatabase

    from graph.database.store import Store
    from graph.scopes.gds import label_people

    async with AsyncGraphDatabase.driver(neo4j.uri, auth=(neo4j.user, neo4j.password)) as driver:
        store = Store(driver).bulk()
        started = time.perf_counter()
        await store.apply_schema()
        await driver.execute_query("CALL db.awaitIndexes(3600)")
        took = {"schema": time.perf_counter() - started}
        started = time.perf_counter()
        took["labelled"] = await label_people(store.workspace(workspace))
        took["label"] = time.perf_counter() - started
        return took


def _size(size: Size, work: Path, args: argparse.Namespace) -> dict[str, Any]:
    workspace = f"bench-{size.name}"
    home, built = imported_home(size, work, workspace, "C-")
    result: dict[str, Any] = {"size": size.name, "load_start": _load(), "built": built}
    with LocalNeo4j(home, cache_dir=Settings().cache_dir, heap=args.heap,
                    pagecache=args.pagecache, start_timeout=1800, gds=True) as neo4j:  # fmt: skip
        assert neo4j.process is not None
        result["prepared"] = asyncio.run(_schema(neo4j, workspace))
        log.info("%s prepared: %s (built: %s)", size.name, result["prepared"], built)
        reset_peak(neo4j.process.pid)
        graph_file = work / size.name / "graph.npz"
        # GDS first: its cold run is the first statement after the server started.
        for kind in ("gds", "python"):
            if kind not in args.engines.split(","):
                result[kind] = {"error": "not run (--engines)"}
                continue
            result[kind] = _measure(kind, neo4j, workspace, graph_file, args.cap, args.runs)
            log.info("%s %s: %s", size.name, kind, result[kind])
        result["neo4j_peak"] = peak_rss(neo4j.process.pid)
    edges = result["python"].get("edges", 0)
    for kind in ("igraph", "networkx"):
        if kind not in args.engines.split(","):
            result[kind] = {"error": "not run (--engines)"}
        elif "error" in result["python"]:
            result[kind] = {"error": "no graph: the Python engine's read did not finish"}
        elif kind == "networkx" and edges > args.networkx_edges:
            limit = args.networkx_edges
            result[kind] = {"error": f"not run: {edges:,} edges, above --networkx-edges {limit:,}"}
        else:
            result[kind] = _measure(kind, neo4j, workspace, graph_file, args.cap, args.runs)
        log.info("%s %s: %s", size.name, kind, result[kind])
    result["load_end"] = _load()
    return result


def _gib(value: int | None) -> str:
    return "?" if value is None else f"{value / 1024**3:.2f}"


def _cell(figures: dict[str, Any], *keys: str) -> str:
    if "error" in figures:
        return "—"
    return f"{sum(figures[k] for k in keys):.2f}"


def _ratio(figures: dict[str, Any], gds_rank: float) -> str:
    return "—" if "error" in figures else f"{figures['rank'] / gds_rank:.2f}x"


def _diff(base: dict[str, Any], other: dict[str, Any]) -> str:
    if "error" in base or "error" in other:
        return "—"
    same = list(base["top"]) == list(other["top"])
    diff = max(abs(base["top"][k] - other["top"].get(k, 0.0)) for k in base["top"])
    return f"{same}, {diff:.1e}"


def markdown(report: dict[str, Any]) -> str:
    """The report as markdown tables, with the run's machine."""
    lines = [
        "# Whole-workspace influence rank: Python engine, Graph Data Science, igraph, NetworkX",
        "",
        "`python -m benchmarks.gds` (see its docstring). Machine: "
        + ", ".join(f"{k} {v}" for k, v in report["machine"].items()),
        "",
        "Seconds. `project` is GDS's estimate, the labelling pass and the native projection, "
        "`rank` PageRank in the",
        "database, `answer` the top ten streamed back; `kept` the next request at the same write",
        "generation (projection and rank kept, only the answer read). `read` is the Python",
        "engine's graph read, `rank` SciPy's. `cold` is the first run after the server started,",
        "`warm` a second projection or read. Peaks are resident memory (GiB) of the process that",
        "asked (as an API process would) and of the Neo4j JVM (all engines, same server).",
        "",
        "| size | people | edges | run | gds project | gds rank | gds answer | gds total "
        "| gds kept | python read | python rank | python total | python / gds "
        "| top-10 equal, max diff | gds peak | python peak | neo4j peak | load |",
        "|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---|",
    ]
    for entry in report["sizes"]:
        py, gd = entry.get("python", {}), entry.get("gds", {})
        if "error" in gd:
            lines.append(f"| {entry['size']} | gds: {gd['error'][-300:]} |")
            continue
        for run in (r for r in ("cold", "warm") if f"{r}_project" in gd):
            g_total = gd[f"{run}_project"] + gd[f"{run}_rank"] + gd[f"{run}_answer"]
            if "error" in py or f"{run}_read" not in py:
                p_read = p_rank = p_total = ratio = "—"
            else:
                total = py[f"{run}_read"] + py[f"{run}_rank"]
                p_read, p_rank = f"{py[f'{run}_read']:.2f}", f"{py[f'{run}_rank']:.2f}"
                p_total, ratio = f"{total:.2f}", f"{total / g_total:.2f}x"
            lines.append(
                f"| {entry['size']} | {gd['people']:,} | {gd['edges']:,} | {run} "
                f"| {gd[f'{run}_project']:.2f} | {gd[f'{run}_rank']:.2f} "
                f"| {gd[f'{run}_answer']:.3f} | {g_total:.2f} | {gd[f'{run}_kept']:.3f} "
                f"| {p_read} | {p_rank} | {p_total} | {ratio} | {_diff(gd, py)} "
                f"| {_gib(gd['peak'])} | {_gib(py.get('peak'))} "
                f"| {_gib(entry.get('neo4j_peak'))} "
                f"| {gd['load_before']} → {py.get('load_after', gd['load_after'])} |"
            )
    lines += [
        "",
        "PageRank alone on the same graph (the Python engine's arrays, in a process of its own),",
        "seconds; `build` makes the library's graph from the arrays. Ratios: the library's",
        "rank over GDS's cold rank, in the same run.",
        "",
        "| size | scipy rank | gds rank | igraph build | igraph rank | igraph / gds "
        "| networkx build | networkx rank | networkx / gds | top-10 equal (igraph; networkx) "
        "| igraph peak | networkx peak |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|",
    ]
    for entry in report["sizes"]:
        py, gd = entry.get("python", {}), entry.get("gds", {})
        ig_, nx_ = entry.get("igraph", {"error": "?"}), entry.get("networkx", {"error": "?"})
        if "error" in gd:
            continue
        rank = gd["cold_rank"]
        libraries = (("igraph", ig_), ("networkx", nx_))
        notes = "; ".join(f"{k}: {f['error'][-160:]}" for k, f in libraries if "error" in f)
        lines.append(
            f"| {entry['size']} | {_cell(py, 'cold_rank')} | {rank:.2f} "
            f"| {_cell(ig_, 'build')} | {_cell(ig_, 'rank')} | {_ratio(ig_, rank)} "
            f"| {_cell(nx_, 'build')} | {_cell(nx_, 'rank')} | {_ratio(nx_, rank)} "
            f"| {_diff(py, ig_)}; {_diff(py, nx_)} | {_gib(ig_.get('peak'))} "
            f"| {_gib(nx_.get('peak'))} |" + (f" {notes}" if notes else "")
        )
    missing = [
        f"* {e['size']}, {kind}: {e[kind]['error'][-200:]}"
        for e in report["sizes"]
        for kind in ("gds", "python", "igraph", "networkx")
        if "error" in e.get(kind, {})
    ]
    if missing:
        lines += ["", "Not measured:", "", *missing]
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
    if args.merge:
        report["sizes"] = json.loads(args.merge.read_text())["sizes"]
    work = args.work or Path(tempfile.mkdtemp(prefix="statusmap-gds-"))
    for name in args.sizes.split(","):
        report["sizes"].append(_size(GROWTH[name], work, args))
        args.out.write_text(markdown(report))
        args.out.with_suffix(".json").write_text(json.dumps(report, indent=2))
    log.info("wrote %s (data kept in %s)", args.out, work)


def _parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.gds",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--sizes", default="division,portfolio,crm")
    parser.add_argument("--engines", default="gds,python,igraph,networkx")
    parser.add_argument("--runs", default="cold,warm", help="cold, or cold,warm")
    parser.add_argument("--merge", type=Path, default=None, help="an earlier run's .json to add")
    parser.add_argument(
        "--cap", type=float, default=1800.0, help="seconds each engine's process may take"
    )
    parser.add_argument(
        "--networkx-edges",
        type=int,
        default=2_000_000,
        help="NetworkX runs only up to this many edges (its graph takes ~1 KiB an edge)",
    )
    parser.add_argument("--work", type=Path, default=None, help="data directory (kept; reused)")
    parser.add_argument("--heap", default=os.environ.get("STATUSMAP_NEO4J_HEAP", "2g"))
    parser.add_argument("--pagecache", default=os.environ.get("STATUSMAP_NEO4J_PAGECACHE", "1g"))
    parser.add_argument("--out", type=Path, default=Path("benchmarks/RESULTS-gds.md"))
    return parser.parse_args()


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        kind, uri, workspace, graph_file, runs = sys.argv[2:]
        password = os.environ["STATUSMAP_BENCH_NEO4J_PASSWORD"]
        figures = _engine(kind, uri, password, workspace, Path(graph_file), runs.split(","))
        print(json.dumps(asyncio.run(figures)))
    else:
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
        logging.getLogger("neo4j").setLevel(logging.ERROR)
        main(_parse())
