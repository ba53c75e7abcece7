"""Ways of projecting a workspace into GDS, timed on one server.

    python -m benchmarks.gds_projection --size portfolio --work /tmp/statusmap-gds --rounds 3

On the bulk-imported data of :mod:`benchmarks.gds` (``--work``, shared with it), a local Neo4j
with GDS makes the workspace's influence graph in each of these ways, in turn, ``--rounds``
times (the first round warms the page cache and the JIT; compare the later ones):

* ``one expand``: the statement before ``queries/fragments/influence_edges.cypher`` took its
  current form: one expand over INFLUENCES and REPORTS_TO in both directions, a test of type and
  direction on each row, then an aggregation per pair;
* ``now``: ``queries/gds/project.cypher`` as it is;
* ``now, label``: the same with the workspace's people found by a label of their own (set on
  this copy of the data before the rounds, taken off after) instead of the ``workspace``
  property;
* ``native``: ``gds.graph.project`` on that label, INFLUENCES reversed (largest weight of
  repeated ones) and REPORTS_TO as stored with the configured weight. It cannot leave out a
  REPORTS_TO line beside a weighted INFLUENCES edge (the design's rule), so its graph is not the
  Python engine's: its edge count, weight sum and top ten show by how much.

Each graph's edge count and weight sum, and PageRank's top ten on it (the settings of
``graph/scopes/gds.py``), are compared with ``now``'s. The table goes to stdout as markdown.
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
from graph.database.queries import query
from graph.database.store import Store
from graph.scopes.gds import RankSettings, gds_tolerance

ONE_EXPAND: LiteralString = """
MATCH (p:Person {workspace: $workspace})
OPTIONAL MATCH (p)-[r:INFLUENCES|REPORTS_TO]-(b:Person {workspace: $workspace})
  WHERE b <> p
    AND CASE type(r)
          WHEN 'INFLUENCES' THEN startNode(r) = p AND r.weight IS NOT NULL
          ELSE endNode(r) = p
        END
WITH p, b,
     coalesce(max(CASE type(r) WHEN 'INFLUENCES' THEN r.weight END), $reports_to_weight) AS weight
WITH gds.graph.project(
  $graph, coalesce(b, p), CASE WHEN b IS NULL THEN null ELSE p END,
  {relationshipProperties: CASE WHEN b IS NULL THEN null ELSE {weight: weight} END}
) AS g
RETURN g.relationshipCount AS edges
"""

NATIVE: LiteralString = """
CALL gds.graph.project($graph, $label, {
  INFLUENCED_BY: {type: 'INFLUENCES', orientation: 'REVERSE',
                  properties: {weight: {property: 'weight', aggregation: 'MAX'}}},
  MANAGED_BY: {type: 'REPORTS_TO', orientation: 'NATURAL',
               properties: {weight: {property: 'weight', defaultValue: $reports_to_weight}}}
}) YIELD relationshipCount
RETURN relationshipCount AS edges
"""

LABEL: LiteralString = """
MATCH (p:Person {workspace: $workspace}) WHERE NOT $label IN labels(p)
CALL (p) { SET p:$($label) } IN TRANSACTIONS OF 10000 ROWS
"""

UNLABEL: LiteralString = """
MATCH (p:$($label))
CALL (p) { REMOVE p:$($label) } IN TRANSACTIONS OF 10000 ROWS
"""

WEIGHTS: LiteralString = """
CALL gds.graph.relationshipProperty.stream($graph, 'weight') YIELD propertyValue
RETURN count(*) AS edges, sum(propertyValue) AS weights
"""

TOP: LiteralString = """
CALL gds.pageRank.stream($graph, {relationshipWeightProperty: 'weight', dampingFactor: $alpha,
  tolerance: $tolerance, maxIterations: $max_iterations, scaler: 'L1Norm'})
YIELD nodeId, score
RETURN gds.util.asNode(nodeId).id AS id, score ORDER BY score DESC, id LIMIT 10
"""

DROP: LiteralString = "CALL gds.graph.drop($graph, false) YIELD graphName RETURN graphName"


def _variants() -> dict[str, LiteralString]:
    now = query("gds/project")
    labelled = now.replace("MATCH (p:Person {workspace: $workspace})", "MATCH (p:$($label))")
    labelled = labelled.replace("(b:Person {workspace: $workspace})", "(b:$($label))")
    if labelled == now:
        raise SystemExit("queries/gds/project.cypher changed: update the label variant here")
    return {"one expand": ONE_EXPAND, "now": now, "now, label": labelled, "native": NATIVE}


async def _run(driver: AsyncDriver, text: LiteralString, params: dict[str, Any]) -> list[Any]:
    async with driver.session() as session:
        result = await session.run(text, params)
        return [record.data() async for record in result]


async def measure(uri: str, auth: tuple[str, str], workspace: str, rounds: int) -> dict[str, Any]:
    """Each variant's projection seconds per round, and its graph against ``now``'s."""
    rank = RankSettings()
    base = {"workspace": workspace, "label": f"bench:{workspace}", "reports_to_weight": 0.5}
    figures: dict[str, Any] = {"seconds": {}, "graphs": {}}
    async with AsyncGraphDatabase.driver(uri, auth=auth, notifications_min_severity="OFF") as d:
        await Store(d).bulk().apply_schema()
        await _run(d, "CALL db.awaitIndexes(3600)", {})
        started = time.perf_counter()
        await _run(d, LABEL, base)
        figures["label_seconds"] = time.perf_counter() - started
        try:
            for r in range(rounds):
                for name, text in _variants().items():
                    params = {**base, "graph": f"bench-{r}-{len(figures['seconds'])}"}
                    started = time.perf_counter()
                    await _run(d, text, params)
                    figures["seconds"].setdefault(name, []).append(time.perf_counter() - started)
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
        finally:
            await _run(d, UNLABEL, base)
    return figures


def markdown(size: str, figures: dict[str, Any], rounds: int) -> str:
    """The figures as a markdown table."""
    graphs, seconds = figures["graphs"], figures["seconds"]
    now = graphs["now"]
    lines = [
        f"| way ({size}, {now['people']:,} people) | "
        + " | ".join(f"round {r + 1}" for r in range(rounds))
        + " | median of the later rounds | edges | weight sum | top-10 as now's, max diff |",
        "|---|" + "---:|" * rounds + "---:|---:|---:|---|",
    ]
    for name, took in seconds.items():
        g = graphs[name]
        same = [t["id"] for t in g["top"]] == [t["id"] for t in now["top"]]
        diff = max(abs(a["score"] - b["score"]) for a, b in zip(g["top"], now["top"], strict=True))
        later = statistics.median(took[1:]) if len(took) > 1 else took[0]
        lines.append(
            f"| {name} | " + " | ".join(f"{t:.2f}" for t in took)
            + f" | {later:.2f} | {g['edges']:,} | {g['weights']:.1f} | {same}, {diff:.1e} |"
        )  # fmt: skip
    lines.append("")
    lines.append(
        f"Setting the label on the workspace's people took {figures['label_seconds']:.1f} s."
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
