"""Deal analysis on one generated account, end to end through GraphQL, beside NetworkX and igraph.

Run from the repository root::

    python -m benchmarks.deal_analysis                     # 100, 1,000 and 5,000 people
    python -m benchmarks.deal_analysis --sizes 5000 --runs 7

For each size the seeded generator (``seed/``) makes one account of that many people with
about ten influence edges each (reporting lines included), plus our team and a partner; the
files go through the normal import path (:func:`graph.imports.run.import_files`) into a
workspace of their own. The deal with the largest buying centre is analysed:

* **through GraphQL (cold)**: :data:`DEAL_ANALYSIS_COLUMNS`, ``deal { influenceMap coverage
  approachPlan }`` with every measure of every person and every edge of the map (as columns:
  ``peopleColumns``, ``edgeColumns``), sent to a real API process (uvicorn on loopback), each
  call right after a write to the workspace, so the analysis cache misses and the call reads the
  scope, analyses it and builds the answer. Median of ``--runs`` calls. *CPU: API + Neo4j* is
  the CPU time the API process and the Neo4j JVM used during one such call (medians): on a
  shared machine the wall time grows with the load, the CPU time much less; the two processes
  work one after the other, so their sum is roughly what the call takes on a free machine.
* **breakdown**, each a median of ``--runs``, measured in this process on the same server:
  *scope read* (:func:`graph.scopes.read.read_scope`), *analysis* (graphs, influence rank,
  brokerage, degrees: :func:`graph.scopes.cache.analyse` without the deal part), *coverage + plan*
  (:func:`~graph.analytics.deal_coverage` and :func:`~graph.analytics.approach_plan` on the
  analysed graphs) and *answer* (the same GraphQL call when the analysis is
  cached: the answer built, serialised and sent). *answer, map as objects* is the cached call
  asking for ``people { … }`` and ``edges { … }`` (one GraphQL object per person and per edge,
  ``benchmarks.serving.DEAL_ANALYSIS``) instead of the columns.
* **peers** on the very graph our analysis built: NetworkX ``pagerank`` + exact
  ``betweenness_centrality`` (once at 5,000 people: a run takes minutes) and igraph ``pagerank``
  + exact ``betweenness``. The ratios divide a peer's time by our end-to-end GraphQL time: the
  peers do less (no scope read, coverage, plan or answer) and still take longer.

The table goes to ``benchmarks/RESULTS-deal-analysis.md`` (``--out``), with the machine and its
load average before and after the run.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from neo4j import AsyncGraphDatabase, RoutingControl

from benchmarks.analysis import igraph_peer, median_seconds, networkx_exact_peer
from benchmarks.environment import BenchNeo4j, command_setup, machine, started_neo4j
from benchmarks.serving import DEAL_ANALYSIS, TOUCH, ApiServer, api_server, cypher
from benchmarks.sizes import INFLUENCES_PER_PERSON
from graph.analytics import approach_plan, deal_coverage
from graph.database.store import Store, WorkspaceStore
from graph.imports.formats import FORMATS
from graph.imports.run import import_files
from graph.repository.workspaces import ensure_workspace
from graph.scopes.cache import analyse
from graph.scopes.read import read_scope
from seed.files import write_csv_files
from seed.generator import SeedConfig, generate

__all__ = ["DEAL_ANALYSIS_COLUMNS", "DealRun", "main"]

SIZES = (100, 1_000, 5_000)
NETWORKX_ONCE_ABOVE = 1_000
"""Above this many people NetworkX's exact betweenness runs once: a run takes minutes."""

log = logging.getLogger("benchmarks.deal_analysis")


def _map_as_columns(document: str) -> str:
    """``document`` asking for the influence map's people and edges as columns."""
    fields = "personKey influenceRank brokerage inDegree outDegree statusLevel orgKey orgKind"
    for objects, columns in (
        (f"people {{ {fields} }}", f"peopleColumns {{ {fields} }}"),
        ("edges { source target weight kind }", "edgeColumns { source target weight kind }"),
    ):
        if objects not in document:
            raise ValueError(f"the deal analysis query no longer asks for {objects!r}")
        document = document.replace(objects, columns)
    return document


DEAL_ANALYSIS_COLUMNS = _map_as_columns(DEAL_ANALYSIS)
"""The full deal analysis (:data:`benchmarks.serving.DEAL_ANALYSIS`), the map as columns."""


@dataclass(frozen=True)
class DealRun:
    """Medians (seconds) at one size; the peers ran on the graph our analysis built."""

    account_people: int
    scope_people: int
    influence_edges: int
    members: int
    brokerage_exact: bool
    cold: float
    api_cpu: float
    neo4j_cpu: float | None
    read: float
    analysis: float
    planning: float
    answer: float
    answer_objects: float
    networkx: float
    networkx_runs: int
    igraph: float

    @property
    def networkx_ratio(self) -> float:
        """NetworkX exact (PageRank + betweenness) time over our end-to-end time."""
        return self.networkx / self.cold

    @property
    def igraph_ratio(self) -> float:
        """igraph exact (PageRank + betweenness) time over our end-to-end time."""
        return self.igraph / self.cold


async def _median(call: Callable[[], Awaitable[object]], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        await call()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def cpu_seconds(pid: int | None) -> float:
    """CPU time (user + system, every thread) process ``pid`` has used; 0 when unknown."""
    if pid is None:
        return 0.0
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def load_account(store: Store, people: int, directory: Path) -> str:
    """Generate one account of ``people`` people and import it; return its workspace."""
    workspace = f"deal-analysis-{people}"
    config = SeedConfig(
        accounts=1,
        people=people,
        seed=8,
        influences_per_person=INFLUENCES_PER_PERSON,
        prefix=f"A{people}-",
    )
    write_csv_files(generate(config), directory)
    paths = [directory / fmt.file_name for fmt in FORMATS.values()]
    await ensure_workspace(store, workspace)
    result = await import_files(store, workspace, paths)
    if not result.applied:
        raise RuntimeError(f"the generated files did not import: {result.report.issues[:5]}")
    return workspace


async def _target(store: Store, workspace: str) -> dict[str, Any]:
    """The deal with the largest buying centre, and an edge to rewrite unchanged."""
    records, _, _ = await store.driver.execute_query(
        cypher("pick_targets"), {"workspace": workspace}, routing_=RoutingControl.READ
    )
    return records[0].data()


async def measure(
    api: ApiServer, ws: WorkspaceStore, account_people: int, runs: int, neo4j_pid: int | None
) -> DealRun:
    """Every figure of one size (its workspace already imported)."""
    target = await _target(ws.store, ws.workspace)
    deal = target["deal"]
    variables = {"workspace": ws.workspace, "deal": deal}
    touch = {
        "input": {
            "workspaceId": ws.workspace,
            "sourceId": target["source"],
            "targetId": target["person"],
            "weight": target["weight"],
            "kind": (target["kind"] or "advice").upper(),
        }
    }
    await api.graphql(DEAL_ANALYSIS_COLUMNS, variables)  # warm up: plans compiled, modules loaded
    colds, api_cpu, neo4j_cpu = [], [], []
    for _ in range(runs):
        await api.graphql(TOUCH, touch)  # a write: the next analysis is computed afresh
        started, api_before, neo4j_before = (
            time.perf_counter(),
            cpu_seconds(api.process.pid),
            cpu_seconds(neo4j_pid),
        )
        answer = await api.graphql(DEAL_ANALYSIS_COLUMNS, variables)
        colds.append(time.perf_counter() - started)
        api_cpu.append(cpu_seconds(api.process.pid) - api_before)
        neo4j_cpu.append(cpu_seconds(neo4j_pid) - neo4j_before)
    warm = await _median(lambda: api.graphql(DEAL_ANALYSIS_COLUMNS, variables), runs)
    objects = await _median(lambda: api.graphql(DEAL_ANALYSIS, variables), runs)
    log.info("through GraphQL: cold %.3f s, answer %.3f s", statistics.median(colds), warm)

    read = await _median(lambda: read_scope(ws, "deal", deal), runs)
    scope = await read_scope(ws, "deal", deal)
    measures_only = replace(scope, kind="account")  # analyse() plans only for a deal
    analysis = median_seconds(lambda: analyse(measures_only), runs)
    result = analyse(scope)
    G, K, ranks, members = result.G, result.K, result.ranks, scope.members
    planning = median_seconds(
        lambda: (
            deal_coverage(G, K, members, ranks=ranks),
            approach_plan(G, K, members, weights=result.plan_weights, ranks=ranks),
        ),
        runs,
    )
    served = answer["data"]["workspace"]["deal"]["influenceMap"]
    if len(served["edgeColumns"]["source"]) != G.number_of_edges():
        raise RuntimeError("the GraphQL answer and the in-process analysis disagree on edges")

    igraph = median_seconds(igraph_peer(G, betweenness=True), runs)
    nx_runs = 1 if G.number_of_nodes() > NETWORKX_ONCE_ABOVE else runs
    networkx = median_seconds(lambda: networkx_exact_peer(G), nx_runs)
    return DealRun(
        account_people=account_people,
        scope_people=G.number_of_nodes(),
        influence_edges=G.number_of_edges(),
        members=len(scope.members),
        brokerage_exact=result.brokerage.exact,
        cold=statistics.median(colds),
        api_cpu=statistics.median(api_cpu),
        neo4j_cpu=statistics.median(neo4j_cpu) if neo4j_pid is not None else None,
        read=read,
        analysis=analysis,
        planning=planning,
        answer=warm,
        answer_objects=objects,
        networkx=networkx,
        networkx_runs=nx_runs,
        igraph=igraph,
    )


def _s(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def _ratio(value: float) -> str:
    return f"{value:.0f}x" if value >= 10 else f"{value:.2g}x"


def _load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.1f} / {five:.1f} / {fifteen:.1f}"


def markdown(about: dict[str, str], runs: list[DealRun], load_after: str) -> str:
    """The results file."""
    lines = [
        "# Deal analysis: one account, end to end through GraphQL",
        "",
        f"Written by `python -m benchmarks.deal_analysis` on {time.strftime('%Y-%m-%d %H:%M %Z')}"
        "; see the module's docstring and [README.md](README.md) for what each figure measures. "
        "Medians; every ratio compares two figures measured in the same run.",
        "",
        "| machine | |",
        "|---|---|",
        *(f"| {k} | {v} |" for k, v in about.items()),
        f"| load average at the end (1/5/15 min) | {load_after} |",
        "",
        "| account people | scope people | influence edges | buying centre | brokerage "
        "| **through GraphQL (cold)** | CPU: API + Neo4j | scope read | analysis | coverage + plan "
        "| answer "
        "| answer, map as objects | NetworkX exact | igraph exact | NetworkX / ours "
        "| igraph / ours |",
        "|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in runs:
        nx_note = "" if r.networkx_runs > 1 else " (1 run)"
        lines.append(
            f"| {r.account_people:,} | {r.scope_people:,} | {r.influence_edges:,} | {r.members} "
            f"| {'exact' if r.brokerage_exact else 'sampled'} | **{_s(r.cold)}** "
            f"| {_s(r.api_cpu)} + {_s(r.neo4j_cpu) if r.neo4j_cpu is not None else '-'} "
            f"| {_s(r.read)} "
            f"| {_s(r.analysis)} | {_s(r.planning)} | {_s(r.answer)} | {_s(r.answer_objects)} "
            f"| {_s(r.networkx)}{nx_note} | {_s(r.igraph)} | {_ratio(r.networkx_ratio)} "
            f"| {_ratio(r.igraph_ratio)} |"
        )
    return "\n".join([*lines, ""])


async def main(sizes: list[int], runs: int, out: Path) -> None:
    """Measure ``sizes`` and write ``out`` (after each size, so a partial run keeps results)."""
    with started_neo4j(heap="2g", pagecache="1g") as neo4j:
        await _run(neo4j, sizes, runs, out)


async def _run(neo4j: BenchNeo4j, sizes: list[int], runs: int, out: Path) -> None:
    auth = (neo4j.user, neo4j.password) if neo4j.password is not None else None
    async with AsyncGraphDatabase.driver(neo4j.uri, auth=auth) as driver:
        store = Store(driver)
        await store.apply_schema()
        health = await store.health()
        about = machine(f"{health.version} {health.edition}")
        workspaces = {}
        with tempfile.TemporaryDirectory(prefix="statusmap-deal-analysis-") as tmp:
            for people in sizes:
                log.info("importing one account of %d people", people)
                workspaces[people] = await load_account(store, people, Path(tmp) / str(people))
        results: list[DealRun] = []
        async with api_server(neo4j, None) as api:
            for people in sizes:
                log.info("measuring %d people", people)
                results.append(
                    await measure(api, store.workspace(workspaces[people]), people, runs, neo4j.pid)
                )
                log.info("%s", results[-1])
                await asyncio.to_thread(out.write_text, markdown(about, results, _load()))
    log.info("wrote %s", out)


def _parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.deal_analysis",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--sizes", default=",".join(map(str, SIZES)), help="people per account, comma-separated"
    )
    parser.add_argument("--runs", type=int, default=5, help="runs per figure")
    default_out = Path(__file__).resolve().parent / "RESULTS-deal-analysis.md"
    parser.add_argument("--out", type=Path, default=default_out)
    return parser.parse_args()


if __name__ == "__main__":
    command_setup()
    args = _parse()
    chosen = [int(n) for n in args.sizes.split(",")]
    asyncio.run(main(chosen, args.runs, args.out))
