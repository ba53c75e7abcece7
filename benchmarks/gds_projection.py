"""Ways of projecting a workspace into GDS, timed on one server.

    python -m benchmarks.gds_projection --size portfolio --work /tmp/statusmap-gds --rounds 3

On the bulk-imported data of :mod:`benchmarks.gds` (``--work``, shared with it), a local Neo4j
with GDS makes the workspace's influence graph in each of these ways, in turn, ``--rounds``
times (the first round warms the page cache and the JIT; compare the later ones):

* ``Cypher (before)``: the Cypher projection used before the rule's outcome was stored: the
  workspace's people by property, ``queries/fragments/influence_edges.cypher`` (INFLUENCES out,
  REPORTS_TO in, the look for a weighted INFLUENCES edge beside each line), one
  ``gds.graph.project`` aggregation per row;
* ``Cypher rows only``: the same rows, counted, no projection: what reading the rows costs;
* ``Cypher rows, no look``: those rows without the look for an INFLUENCES edge beside each
  reporting line (a different graph: only its time is of interest);
* ``native (now)``: ``queries/gds/project.cypher``: a native projection of the people with the
  workspace's label, reading the REPORTS_TO rule's stored outcome;
* ``label pass``: what :func:`graph.scopes.gds.label_people` costs before each projection once
  everyone is labelled (one read of the workspace's people).

The rows splits the Cypher projection's time: reading the rows, the look, and the aggregation
(the rest). Before the rounds, the rule's outcome is stored on the bulk-imported lines by the
schema step (``reporting_influence``) and the people are labelled; both are timed once.

Each graph's edges of positive weight and weight sum, and PageRank's top ten on it (the
settings of ``graph/scopes/gds.py``), are compared with the Cypher projection's. The table goes
to stdout as markdown.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import time
from pathlib import Path
from typing import Any, LiteralString

from neo4j import AsyncDriver, AsyncGraphDatabase

from api.settings import Settings
from benchmarks.bulk_load import imported_home
from benchmarks.gds import GROWTH
from graph.database.local import LocalNeo4j
from graph.database.queries import query, with_fragments
from graph.database.store import Store
from graph.scopes.gds import (
    LABEL_BATCH,
    RankSettings,
    gds_tolerance,
    label_people,
    workspace_label,
)

BEFORE = """
MATCH (p:Person {workspace: $workspace})
{{ influence_edges(p, b) }}
WITH gds.graph.project(
  $graph, coalesce(b, p), CASE WHEN b IS NULL THEN null ELSE p END,
  {relationshipProperties: CASE WHEN b IS NULL THEN null ELSE {weight: weight} END}
) AS g
RETURN g.relationshipCount AS edges
"""

ROWS = """
MATCH (p:Person {workspace: $workspace})
{{ influence_edges(p, b) }}
RETURN count(b) AS edges
"""

ROWS_NO_LOOK: LiteralString = """
MATCH (p:Person {workspace: $workspace})
OPTIONAL CALL (p) {
  MATCH (p)-[r:INFLUENCES]->(b:Person {workspace: $workspace})
  WHERE b <> p AND r.weight IS NOT NULL
  RETURN b, max(r.weight) AS weight
  UNION
  MATCH (p)<-[:REPORTS_TO]-(b:Person {workspace: $workspace})
  WHERE b <> p
  RETURN b, $reports_to_weight AS weight
}
RETURN count(b) AS edges
"""

WEIGHTS: LiteralString = """
CALL gds.graph.relationshipProperty.stream($graph, 'weight') YIELD propertyValue
RETURN count(CASE WHEN propertyValue > 0 THEN 1 END) AS edges, sum(propertyValue) AS weights
"""

TOP: LiteralString = """
CALL gds.pageRank.stream($graph, {relationshipWeightProperty: 'weight', dampingFactor: $alpha,
  tolerance: $tolerance, maxIterations: $max_iterations, scaler: 'L1Norm'})
YIELD nodeId, score
RETURN gds.util.asNode(nodeId).id AS id, score ORDER BY score DESC, id LIMIT 10
"""

DROP: LiteralString = "CALL gds.graph.drop($graph, false) YIELD graphName RETURN graphName"


def _variants() -> dict[str, LiteralString]:
    where = "benchmarks.gds_projection"
    return {
        "Cypher (before)": with_fragments(BEFORE, where),
        "Cypher rows only": with_fragments(ROWS, where),
        "Cypher rows, no look": ROWS_NO_LOOK,
        "native (now)": query("gds/project"),
        "label pass": query("gds/label_people"),
    }


PROJECTIONS = ("Cypher (before)", "native (now)")
"""The variants that make a graph (the others only read)."""


async def _run(driver: AsyncDriver, text: LiteralString, params: dict[str, Any]) -> list[Any]:
    async with driver.session() as session:
        result = await session.run(text, params)
        return [record.data() async for record in result]


async def measure(uri: str, auth: tuple[str, str], workspace: str, rounds: int) -> dict[str, Any]:
    """Each variant's seconds per round, and each projection's graph against the Cypher one."""
    rank = RankSettings()
    base = {
        "workspace": workspace,
        "label": workspace_label(workspace),
        "reports_to_weight": 0.5,
        "batch": LABEL_BATCH,
    }
    figures: dict[str, Any] = {"seconds": {}, "graphs": {}}
    async with AsyncGraphDatabase.driver(uri, auth=auth, notifications_min_severity="OFF") as d:
        store = Store(d).bulk()
        started = time.perf_counter()
        await store._run_step("reporting_influence")
        figures["rule_seconds"] = time.perf_counter() - started
        await store.apply_schema()
        await _run(d, "CALL db.awaitIndexes(3600)", {})
        started = time.perf_counter()
        figures["labelled"] = await label_people(store.workspace(workspace))
        figures["label_seconds"] = time.perf_counter() - started
        for r in range(rounds):
            for name, text in _variants().items():
                graph = f"bench-{r}-{len(figures['seconds'])}"
                params = {**base, "graph": graph}
                started = time.perf_counter()
                await _run(d, text, params)
                figures["seconds"].setdefault(name, []).append(time.perf_counter() - started)
                if name not in PROJECTIONS:
                    continue
                if r == 0:
                    weights = (await _run(d, WEIGHTS, params))[0]
                    people = (await _run(d, "MATCH (p:Person {workspace: $workspace}) "
                                            "RETURN count(p) AS n", base))[0]["n"]  # fmt: skip
                    settings = {
                        "alpha": rank.alpha,
                        "tolerance": gds_tolerance(rank.tolerance, people, rank.alpha),
                        "max_iterations": rank.max_iterations,
                    }
                    top = await _run(d, TOP, {**params, **settings})
                    figures["graphs"][name] = {**weights, "top": top, "people": people}
                await _run(d, DROP, params)
    return figures


def markdown(size: str, figures: dict[str, Any], rounds: int) -> str:
    """The figures as a markdown table."""
    graphs, seconds = figures["graphs"], figures["seconds"]
    now = graphs["Cypher (before)"]
    lines = [
        f"| way ({size}, {now['people']:,} people) | "
        + " | ".join(f"round {r + 1}" for r in range(rounds))
        + " | median of the later rounds | edges of weight > 0 | weight sum "
        "| top-10 as the Cypher projection's, max diff |",
        "|---|" + "---:|" * rounds + "---:|---:|---:|---|",
    ]
    for name, took in seconds.items():
        later = statistics.median(took[1:]) if len(took) > 1 else took[0]
        if name not in graphs:
            lines.append(
                f"| {name} | " + " | ".join(f"{t:.2f}" for t in took) + f" | {later:.2f} | | | |"
            )
            continue
        g = graphs[name]
        same = [t["id"] for t in g["top"]] == [t["id"] for t in now["top"]]
        diff = max(abs(a["score"] - b["score"]) for a, b in zip(g["top"], now["top"], strict=True))
        lines.append(
            f"| {name} | " + " | ".join(f"{t:.2f}" for t in took)
            + f" | {later:.2f} | {g['edges']:,} | {g['weights']:.1f} | {same}, {diff:.1e} |"
        )  # fmt: skip
    lines.append("")
    lines.append(
        f"Storing the REPORTS_TO rule's outcome on every line (the schema step) took "
        f"{figures['rule_seconds']:.1f} s; labelling the workspace's "
        f"{figures['labelled']:,} people took {figures['label_seconds']:.1f} s (both once)."
    )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.gds_projection", description=__doc__
    )
    parser.add_argument("--size", default="portfolio")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--work", type=Path, required=True, help="data directory (kept; reused)")
    parser.add_argument("--heap", default=os.environ.get("STATUSMAP_NEO4J_HEAP", "4g"))
    parser.add_argument("--pagecache", default=os.environ.get("STATUSMAP_NEO4J_PAGECACHE", "2g"))
    args = parser.parse_args()
    workspace = f"bench-{args.size}"
    home, _ = imported_home(GROWTH[args.size], args.work, workspace, "C-")
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    with LocalNeo4j(home, cache_dir=Settings().cache_dir, heap=args.heap,
                    pagecache=args.pagecache, start_timeout=1800, gds=True) as neo4j:  # fmt: skip
        auth = (neo4j.user, neo4j.password)
        figures = asyncio.run(measure(neo4j.uri, auth, workspace, args.rounds))
    after = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    print(markdown(args.size, figures, args.rounds))
    print(f"Load average (1/5/15 min): {load} → {after}")


if __name__ == "__main__":
    main()
