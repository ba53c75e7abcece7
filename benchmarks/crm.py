"""Whole-workspace influence rank at portfolio and whole-CRM size: ``python -m benchmarks.crm``.

    python -m benchmarks.crm --sizes deal,account,portfolio,crm --work /tmp/statusmap-crm

Per size: the seeded generator's data is written by ``neo4j-admin database import``
(:mod:`benchmarks.bulk_load`: minutes, where the import path takes hours at 1M people) into a
throw-away local Neo4j (3 GiB heap, 3 GiB page cache by default), the schema is applied, and
then each measurement runs in a fresh Python process, so that its peak resident memory
(``VmHWM``) is its own, as an API process's would be:

* ``streamed``: :func:`graph.scopes.workspace.read_workspace_graph` (people, then edges in chunks
  of people, as arrays) and :func:`~graph.analytics.workspace_graph.workspace_influence_rank`;
  then, reported separately, sampled brokerage (512 pivots, as the analysis uses);
* ``scope``: what ``analyse`` does today on a workspace -- :func:`graph.scopes.read.read_scope` (one
  record of column lists, an object per edge), the :class:`networkx.DiGraph` and
  :func:`~graph.analytics.influence_rank` -- only where it fits (``--scope-up-to``);
* peers on the same graph: igraph ``pagerank`` (PRPACK) and NetworkX ``pagerank`` (NetworkX
  only up to ``--networkx-up-to`` people: its graph of Python dicts needs several GiB per
  million edges).

The Neo4j JVM's peak is read after each size. Figures go to ``--out`` (JSON, one entry per
size, written after each), as markdown beside it (``RESULTS-crm.md``, by
:mod:`benchmarks.crm_report`) and to the log; the load average is recorded with every figure.
``--work`` keeps the imported stores, so a second run skips generating and importing.
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
from benchmarks.crm_report import markdown
from benchmarks.environment import machine, peak_rss, reset_peak
from benchmarks.sizes import SIZES, Size
from graph.database.local import LocalNeo4j

log = logging.getLogger("benchmarks.crm")

_BROKERAGE_SAMPLES = 512


def _load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.1f} / {five:.1f} / {fifteen:.1f}"


def _own_peak() -> int:
    peak = peak_rss(os.getpid())
    assert peak is not None
    return peak


def _top(ids: list[str], values: Any, k: int = 10) -> list[str]:
    """The ``k`` ids with the largest ``values`` (a sequence in the order of ``ids``)."""
    return [ids[i] for i in sorted(range(len(ids)), key=values.__getitem__, reverse=True)[:k]]


# --- measurements, each in its own process ------------------------------------------------


def _cpu(pid: int) -> float:
    """User + system CPU seconds of process ``pid`` so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def _streamed(uri: str, password: str, workspace: str, brokerage: bool) -> dict[str, Any]:
    from neo4j import AsyncGraphDatabase

    from graph.analytics.workspace_graph import (
        top_cross_account_influencers,
        workspace_brokerage,
        workspace_influence_rank,
    )
    from graph.database.store import Store
    from graph.scopes.workspace import read_workspace_graph

    jvm = int(os.environ["STATUSMAP_BENCH_NEO4J_PID"])
    figures: dict[str, Any] = {"load_before": _load(), "rss_start": _own_peak()}
    async with AsyncGraphDatabase.driver(uri, auth=("neo4j", password)) as driver:
        ws = Store(driver).workspace(workspace)
        # Cold: the first read after the server started (page cache and plans empty); then warm.
        for run in ("cold", "warm"):
            graph = None  # the previous read's arrays are not part of this read's peak
            started, cpu, jvm_cpu = time.perf_counter(), time.process_time(), _cpu(jvm)
            graph = await read_workspace_graph(ws)
            figures[f"read_{run}"] = time.perf_counter() - started
            figures[f"read_{run}_cpu"] = time.process_time() - cpu
            figures[f"read_{run}_neo4j_cpu"] = _cpu(jvm) - jvm_cpu
            figures[f"load_after_read_{run}"] = _load()
    started, cpu = time.perf_counter(), time.process_time()
    ranks = workspace_influence_rank(graph)
    figures["rank"] = time.perf_counter() - started
    figures["rank_cpu"] = time.process_time() - cpu
    figures["people"], figures["edges"] = len(graph.ids), graph.edges
    figures["peak_rank"] = _own_peak()
    figures["load_after_rank"] = _load()
    figures["top"] = _top(graph.ids, ranks.tolist())
    # What crossAccountInfluencers adds to the read (the default: the first 50).
    started = time.perf_counter()
    found = top_cross_account_influencers(graph, min_accounts=2, limit=50)
    figures["cross_account"] = time.perf_counter() - started
    figures["cross_account_found"] = len(found)
    figures["peak_cross_account"] = _own_peak()
    if brokerage:
        started, cpu = time.perf_counter(), time.process_time()
        result = workspace_brokerage(graph, samples=_BROKERAGE_SAMPLES)
        figures["brokerage"] = time.perf_counter() - started
        figures["brokerage_cpu"] = time.process_time() - cpu
        figures["brokerage_samples"] = result.samples_used
        figures["peak_brokerage"] = _own_peak()
        figures["load_after_brokerage"] = _load()
    return figures


async def _scope(uri: str, password: str, workspace: str) -> dict[str, Any]:
    from neo4j import AsyncGraphDatabase

    from graph.analytics import influence_graph, influence_rank
    from graph.database.store import Store
    from graph.scopes.read import read_scope

    figures: dict[str, Any] = {"load_before": _load(), "rss_start": _own_peak()}
    async with AsyncGraphDatabase.driver(uri, auth=("neo4j", password)) as driver:
        ws = Store(driver).workspace(workspace)
        started = time.perf_counter()
        scope = await read_scope(ws, "workspace")
        figures["read"] = time.perf_counter() - started
    started = time.perf_counter()
    G = influence_graph(scope.people, scope.influences, scope.reports_to)
    figures["build"] = time.perf_counter() - started
    started = time.perf_counter()
    ranks = influence_rank(G)
    figures["rank"] = time.perf_counter() - started
    figures["people"], figures["edges"] = G.number_of_nodes(), G.number_of_edges()
    figures["peak_rank"] = _own_peak()
    figures["load_after_rank"] = _load()
    figures["top"] = sorted(ranks, key=ranks.__getitem__, reverse=True)[:10]
    return figures


async def _peers(uri: str, password: str, workspace: str, networkx: bool) -> dict[str, Any]:
    import igraph as ig
    import networkx as nx
    from neo4j import AsyncGraphDatabase

    from graph.database.store import Store
    from graph.scopes.workspace import read_workspace_graph

    async with AsyncGraphDatabase.driver(uri, auth=("neo4j", password)) as driver:
        graph = await read_workspace_graph(Store(driver).workspace(workspace))
    coo = graph.W.tocoo()
    figures: dict[str, Any] = {"load_before": _load()}
    started = time.perf_counter()
    H = ig.Graph(n=len(graph.ids), edges=list(zip(coo.col.tolist(), coo.row.tolist(), strict=True)),
                 directed=True)  # fmt: skip
    H.es["weight"] = coo.data.tolist()
    figures["igraph_build"] = time.perf_counter() - started
    started = time.perf_counter()
    ranks = H.pagerank(weights="weight", damping=0.85)
    figures["igraph"] = time.perf_counter() - started
    figures["igraph_top"] = _top(graph.ids, ranks)
    del H
    if networkx:
        started = time.perf_counter()
        R = nx.DiGraph()
        R.add_nodes_from(range(len(graph.ids)))
        R.add_weighted_edges_from(
            zip(coo.col.tolist(), coo.row.tolist(), coo.data.tolist(), strict=True)
        )
        figures["networkx_build"] = time.perf_counter() - started
        started = time.perf_counter()
        nx_ranks = nx.pagerank(R, alpha=0.85, weight="weight")
        figures["networkx"] = time.perf_counter() - started
        figures["networkx_top"] = _top(graph.ids, [nx_ranks[i] for i in range(len(graph.ids))])
    figures["peak"] = _own_peak()
    figures["load_after"] = _load()
    return figures


def _child(argv: list[str]) -> None:
    kind, uri, workspace, flag = argv
    password = os.environ["STATUSMAP_BENCH_NEO4J_PASSWORD"]
    if kind == "streamed":
        figures = asyncio.run(_streamed(uri, password, workspace, flag == "1"))
    elif kind == "scope":
        figures = asyncio.run(_scope(uri, password, workspace))
    else:
        figures = asyncio.run(_peers(uri, password, workspace, flag == "1"))
    print(json.dumps(figures))


def _measure(kind: str, neo4j: LocalNeo4j, workspace: str, flag: bool) -> dict[str, Any]:
    assert neo4j.process is not None
    env = {
        **os.environ,
        "STATUSMAP_BENCH_NEO4J_PASSWORD": neo4j.password,
        "STATUSMAP_BENCH_NEO4J_PID": str(neo4j.process.pid),
    }
    command = [sys.executable, "-m", "benchmarks.crm", "--child", kind, neo4j.uri, workspace,
               "1" if flag else "0"]  # fmt: skip
    started = time.perf_counter()
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        return {"error": result.stderr[-2000:], "returncode": result.returncode,
                "seconds": time.perf_counter() - started}  # fmt: skip
    figures: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return figures


async def _graphql(neo4j: LocalNeo4j, workspace: str) -> dict[str, Any]:
    """``crossAccountInfluencers`` through a real API process: first call (read) and second."""
    from neo4j import AsyncGraphDatabase

    from benchmarks.__main__ import _token
    from benchmarks.environment import BenchNeo4j
    from benchmarks.serving import CROSS_ACCOUNT, api_server
    from graph.database.store import Store

    assert neo4j.process is not None
    target = BenchNeo4j(neo4j.uri, neo4j.user, neo4j.password, neo4j.process.pid)
    async with AsyncGraphDatabase.driver(neo4j.uri, auth=(neo4j.user, neo4j.password)) as driver:
        token = await _token(Store(driver), workspace)
    figures: dict[str, Any] = {"load_before": _load()}
    async with api_server(target, token) as api:
        for call in ("first", "cached"):
            started, cpu = time.perf_counter(), api.cpu_seconds()
            body = await api.graphql(CROSS_ACCOUNT, {"workspace": workspace})
            figures[call] = time.perf_counter() - started
            figures[f"{call}_api_cpu"] = api.cpu_seconds() - cpu
        figures["found"] = len(body["data"]["workspace"]["crossAccountInfluencers"])
        figures["api_peak"] = api.peak_rss()
    figures["load_after"] = _load()
    return figures


# --- one size ----------------------------------------------------------------------------


async def _prepare(neo4j: LocalNeo4j) -> float:
    from neo4j import AsyncGraphDatabase

    from graph.database.store import Store

    started = time.perf_counter()
    async with AsyncGraphDatabase.driver(neo4j.uri, auth=(neo4j.user, neo4j.password)) as driver:
        await Store(driver).apply_schema()
        await driver.execute_query("CALL db.awaitIndexes(3600)")
    return time.perf_counter() - started


def _size(size: Size, work: Path, args: argparse.Namespace) -> dict[str, Any]:
    workspace = f"bench-{size.name}"
    result: dict[str, Any] = {"size": size.name, "load_start": _load()}
    home, took = imported_home(size, work, workspace, "C-")
    result.update(took)
    if took:
        log.info("%s: generated in %.0f s, imported in %.0f s", size.name, took["generate"],
                 took["import"])  # fmt: skip
    settings = Settings()
    with LocalNeo4j(home, cache_dir=settings.cache_dir, heap=args.heap, pagecache=args.pagecache,
                    start_timeout=600) as neo4j:  # fmt: skip
        assert neo4j.process is not None
        result["schema"] = asyncio.run(_prepare(neo4j))
        reset_peak(neo4j.process.pid)
        only = args.only.split(",")
        if "streamed" in only:
            result["streamed"] = _measure("streamed", neo4j, workspace, True)
            log.info("%s streamed: %s", size.name, result["streamed"])
        if "scope" in only and size.people <= args.scope_up_to:
            result["scope"] = _measure("scope", neo4j, workspace, False)
            log.info("%s scope: %s", size.name, result["scope"])
        if "peers" in only:
            networkx = size.people <= args.networkx_up_to
            result["peers"] = _measure("peers", neo4j, workspace, networkx)
            log.info("%s peers: %s", size.name, result["peers"])
        if "graphql" in only:
            result["graphql"] = asyncio.run(_graphql(neo4j, workspace))
            log.info("%s graphql: %s", size.name, result["graphql"])
        result["neo4j_peak"] = peak_rss(neo4j.process.pid)
    result["load_end"] = _load()
    return result


def main(args: argparse.Namespace) -> None:
    """Run ``args.sizes`` and write the figures to ``args.out``."""
    report: dict[str, Any] = {"machine": machine("5.26 community"), "sizes": []}
    work_dir = args.work or Path(tempfile.mkdtemp(prefix="statusmap-crm-"))
    for name in args.sizes.split(","):
        report["sizes"].append(_size(SIZES[name], work_dir, args))
        args.out.write_text(json.dumps(report, indent=2))
        args.out.with_suffix(".md").write_text(markdown(report))
    log.info("wrote %s (data kept in %s)", args.out, work_dir)


def _parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.crm",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--sizes", default="deal,account,portfolio,crm")
    parser.add_argument("--work", type=Path, default=None, help="data directory (kept; reused)")
    parser.add_argument("--heap", default=os.environ.get("STATUSMAP_NEO4J_HEAP", "3g"))
    parser.add_argument("--pagecache", default=os.environ.get("STATUSMAP_NEO4J_PAGECACHE", "3g"))
    parser.add_argument(
        "--only", default="streamed,scope,peers,graphql", help="measurements to run"
    )
    parser.add_argument("--scope-up-to", type=int, default=100_000)
    parser.add_argument("--networkx-up-to", type=int, default=100_000)
    parser.add_argument("--out", type=Path, default=Path("benchmarks/RESULTS-crm.json"))
    return parser.parse_args()


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        _child(sys.argv[2:])
    else:
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
        logging.getLogger("neo4j").setLevel(logging.ERROR)
        main(_parse())
