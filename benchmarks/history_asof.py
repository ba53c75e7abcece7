"""History: reading a deal or an account as of a past moment, and what changed since, against
the present read, on a workspace with a year of changes.

Each size is written by ``neo4j-admin database import`` (:mod:`benchmarks.bulk_load`), then a
year of change events is written in bulk with the shape the recorder gives them (a ``Change``
node per event: id led by its moment, workspace, at, actor, via, kind, fact, key, people, deals,
organisations, before and after as JSON, and a ``CONCERNS`` entry per person, deal and
organisation it concerns, as ``history/record`` writes them): ``--per-person`` events per
person at random moments of the last 365 days, a mix of ``person_changed``, ``level_changed``
and, for members, ``stance_changed``. Then, for the largest deal and its account, interleaved
in each run:

- **present**: the scope read and analysed as today's reads do (a fresh analysis cache);
- **asOf 30 d / 180 d**: the same scope as it stood 30 and 180 days ago
  (:func:`graph.scopes.past.read_scope_at`, then the same analysis);
- **changed since 30 d**: :func:`graph.scopes.diff.map_changes` (the facts, and the analyses at
  both moments compared).

Figures are ratios to the present read of the same run (medians); the store's size on disk and
its node counts before and after the events are written are compared the same way.

Run: ``python -m benchmarks.history_asof --sizes account,portfolio`` (portfolio: 100,000 people).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import logging
import os
import statistics
import subprocess
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from neo4j import AsyncGraphDatabase, RoutingControl

from api.settings import Settings
from benchmarks.bulk_load import imported_home
from benchmarks.environment import command_setup, machine
from benchmarks.serving import cypher
from benchmarks.sizes import SIZES, Size
from graph.database.local import LocalNeo4j
from graph.database.queries import with_fragments
from graph.database.store import Store, WorkspaceStore
from graph.scopes.cache import AnalysisCache
from graph.scopes.diff import map_changes
from graph.scopes.read import ScopeKind

log = logging.getLogger("benchmarks.history_asof")

OUT = Path(__file__).with_name("RESULTS-history.md")
BEGIN = "<!-- history-asof:begin -->"
END = "<!-- history-asof:end -->"

EVENTS = """
MATCH (p:Person {workspace: $workspace})
CALL (p) {
  OPTIONAL MATCH (p)-[:WORKS_AT]->(o:Organisation)
  OPTIONAL MATCH (p)-[m:IN_BUYING_CENTRE]->(d:Deal)
  WITH p, head(collect(o.id)) AS org, collect(d.id) AS deals, head(collect(d.id)) AS m
  UNWIND range(1, $per) AS i
  WITH p, org, deals, m, i,
       $start + toInteger(rand() * $span) AS micros,
       CASE WHEN i % 3 = 0 AND m IS NOT NULL THEN 'stance_changed'
            WHEN i % 3 = 1 THEN 'level_changed' ELSE 'person_changed' END AS kind
  CREATE (c:Change {
    id: right('00000000000000000' + toString(micros), 17) + '-' + right('00000' + toString(i), 6)
        + '-' + p.id,
    workspace: $workspace, at: datetime({epochMillis: micros / 1000}),
    actor: 'bench', via: 'import', kind: kind,
    fact: CASE kind WHEN 'stance_changed' THEN 'member' WHEN 'level_changed' THEN 'level'
          ELSE 'person' END,
    key: CASE kind WHEN 'stance_changed' THEN ['member', m, p.id]
         WHEN 'level_changed' THEN ['level', p.id] ELSE ['person', p.id] END,
    people: [p.id], deals: deals, organisations: CASE WHEN org IS NULL THEN [] ELSE [org] END,
    before: CASE kind WHEN 'stance_changed' THEN '{"roles":[],"stance":"neutral"}'
            WHEN 'level_changed' THEN toString(1 + i % 6)
            ELSE '{"name":"' + p.id + '","title":"before"}' END,
    after: CASE kind WHEN 'stance_changed' THEN '{"roles":[],"stance":"supporter"}'
           WHEN 'level_changed' THEN toString(2 + i % 6)
           ELSE '{"name":"' + p.id + '","title":"after"}' END
  })
  WITH c, c.people AS people, c.deals AS deals, c.organisations AS organisations
  {{ change_concerns(c, people, deals, organisations) }}
} IN TRANSACTIONS OF 2000 ROWS
"""

_WRITTEN = ("disk_before", "disk_after", "events_seconds")
"""Kept beside the store when the events are written: later runs on it report them too."""

COUNTS = """
MATCH (n {workspace: $workspace})
WITH labels(n)[0] AS label, count(*) AS nodes, sum(size(keys(n))) AS properties
RETURN label, nodes, properties ORDER BY label
"""


def _disk(home: Path) -> int:
    """Bytes of the store on disk (the database and its transaction logs)."""
    out = subprocess.run(["du", "-sb", str(home / "data")], capture_output=True, text=True)
    return int(out.stdout.split()[0])


async def _timed(work: Callable[[], Awaitable[Any]]) -> float:
    started = time.perf_counter()
    await work()
    return time.perf_counter() - started


def _workloads(
    ws: WorkspaceStore, scope: ScopeKind, key: str, at30: dt.datetime, at180: dt.datetime
) -> dict[str, Callable[[], Awaitable[Any]]]:
    """The reads compared, each with a fresh analysis cache (nothing carried between them)."""
    return {
        "present": lambda: AnalysisCache().get(ws, scope, key),
        "asOf 30 d": lambda: AnalysisCache().get(ws, scope, key, at=at30),
        "asOf 180 d": lambda: AnalysisCache().get(ws, scope, key, at=at180),
        "changed since 30 d": lambda: map_changes(AnalysisCache(), ws, scope, key, at30),
    }


async def _measure(
    neo4j: LocalNeo4j, home: Path, size: Size, workspace: str, runs: int, per: int
) -> dict[str, Any]:
    result: dict[str, Any] = {"size": size.name, "load": [os.getloadavg()[0]]}
    auth = (neo4j.user, neo4j.password)
    async with AsyncGraphDatabase.driver(neo4j.uri, auth=auth) as d:
        store = Store(d)
        await store.apply_schema()
        await d.execute_query("CALL db.awaitIndexes(3600)")
        result["neo4j"] = (await store.health()).version
        records, _, _ = await d.execute_query(
            cypher("pick_targets"), {"workspace": workspace}, routing_=RoutingControl.READ
        )
        deal = records[0]["deal"]
        records, _, _ = await d.execute_query(
            "MATCH (:Deal {id: $d})-[:FOR]->(o) RETURN o.id AS id", {"d": deal}
        )
        account = records[0]["id"]
        records, _, _ = await d.execute_query(COUNTS, {"workspace": workspace})
        before_counts = {r["label"]: (r["nodes"], r["properties"]) for r in records}
        written = home.parent / "events.json"  # what writing the events cost, for later runs
        if "Change" not in before_counts:
            result["disk_before"] = _disk(home)
            now = dt.datetime.now(dt.UTC)
            start = int((now - dt.timedelta(days=365)).timestamp() * 1_000_000)
            span = 365 * 86_400 * 1_000_000
            started = time.perf_counter()
            async with d.session() as session:
                await session.run(
                    with_fragments(EVENTS, "benchmarks.history_asof"),
                    {"workspace": workspace, "per": per, "start": start, "span": span},
                )
            result["events_seconds"] = time.perf_counter() - started
            result["disk_after"] = _disk(home)
            written.write_text(json.dumps({k: result[k] for k in _WRITTEN}))
        elif written.exists():
            result.update(json.loads(written.read_text()))
        records, _, _ = await d.execute_query(COUNTS, {"workspace": workspace})
        result["counts"] = {r["label"]: (r["nodes"], r["properties"]) for r in records}
        # Long-work timeouts for every read alike: the shared machine is loaded.
        ws: WorkspaceStore = store.bulk().workspace(workspace)
        now = dt.datetime.now(dt.UTC)
        at30, at180 = now - dt.timedelta(days=30), now - dt.timedelta(days=180)
        times: dict[str, list[float]] = {}
        for run in range(runs):
            for kind, key in (("deal", deal), ("account", account)):
                scope: ScopeKind = "deal" if kind == "deal" else "account"
                work = _workloads(ws, scope, key, at30, at180)
                names = list(work) if run % 2 == 0 else list(reversed(work))
                for name in names:
                    times.setdefault(f"{kind}|{name}", []).append(await _timed(work[name]))
        result["times"] = {k: statistics.median(v) for k, v in times.items()}
        scope_rows = await ws.read_plain("analytics/deal_scope", {"deal_id": deal})
        result["deal_people"] = len(scope_rows[0]["people"])
        rows = await ws.read_plain("analytics/account_scope", {"organisation_id": account})
        result["account_people"] = len(rows[0]["people"])
    result["load"].append(os.getloadavg()[0])
    return result


def markdown(results: list[dict[str, Any]], runs: int, per: int, about: dict[str, str]) -> str:
    lines = [
        BEGIN,
        "## Reading the past: asOf and what changed since, against the present read",
        "",
        f"`python -m benchmarks.history_asof` ({about.get('CPU', '?')}, Neo4j "
        f"{results[0]['neo4j']}; medians of {runs} interleaved runs, each read with a fresh "
        f"analysis cache). A year of change events, {per} per person at random moments, written "
        "in bulk with the recorder's shape. Ratios are to the present read of the same scope in "
        "the same run; the bare present time is given only as the peer the ratios divide by.",
        "",
        "| size | scope (people) | present s | asOf 30 d | asOf 180 d | changed since 30 d |",
        "|---|---|---|---|---|---|",
    ]
    for r in results:
        t = r["times"]
        for kind in ("deal", "account"):
            base = t[f"{kind}|present"]
            cells = [f"{t[f'{kind}|{n}'] / base:.2f}x" for n in
                     ("asOf 30 d", "asOf 180 d", "changed since 30 d")]  # fmt: skip
            lines.append(
                f"| {r['size']} | {kind} ({r[f'{kind}_people']:,}) | {base:.3f} | "
                + " | ".join(cells)
                + " |"
            )
    lines += ["", "| size | nodes | of which Change | properties | of which Change | disk |"]
    lines.append("|---|---|---|---|---|---|")
    for r in results:
        counts = r["counts"]
        nodes = sum(n for n, _ in counts.values())
        props = sum(p for _, p in counts.values())
        change_nodes, change_props = counts.get("Change", (0, 0))
        disk = (
            f"{r['disk_after'] / r['disk_before']:.2f}x ({r['disk_before'] / 2**20:,.0f} → "
            f"{r['disk_after'] / 2**20:,.0f} MiB)"
            if "disk_after" in r
            else "n/a (events from an earlier run)"
        )
        lines.append(
            f"| {r['size']} | {nodes:,} | {change_nodes / nodes:.0%} | {props:,} | "
            f"{change_props / props:.0%} | {disk} |"
        )
    loads = ", ".join(f"{r['size']}: {r['load'][0]:.1f} → {r['load'][1]:.1f}" for r in results)
    lines += ["", f"Load average (1 min) before → after: {loads}.", END]
    return "\n".join(lines) + "\n"


def write_section(section: str, out: Path = OUT) -> None:
    text = out.read_text() if out.exists() else ""
    if BEGIN in text and END in text:
        before, _, rest = text.partition(BEGIN)
        _, _, after = rest.partition(END + "\n")
        text = before + section + after
    else:
        text = text.rstrip("\n") + "\n\n" + section
    out.write_text(text)


def main(args: argparse.Namespace) -> None:
    settings = Settings()
    results: list[dict[str, Any]] = []
    work_dir = args.work or Path(tempfile.mkdtemp(prefix="statusmap-history-"))
    for name in args.sizes.split(","):
        size = SIZES[name]
        workspace = f"bench-{size.name}"
        home, took = imported_home(size, work_dir, workspace, "H-")
        if took:
            log.info("%s: bulk import %.0f s: %s", size.name, took["import"], took["files"])
        with LocalNeo4j(home, cache_dir=settings.cache_dir, heap=args.heap,
                        pagecache=args.pagecache, start_timeout=900) as neo4j:  # fmt: skip
            result = asyncio.run(_measure(neo4j, home, size, workspace, args.runs, args.per))
        log.info("%s: %s", size.name, result)
        results.append(result)
        write_section(markdown(results, args.runs, args.per, machine(result["neo4j"])), args.out)


def _parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.history_asof", description=__doc__)
    parser.add_argument("--sizes", default="account,portfolio")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--per-person", dest="per", type=int, default=5)
    parser.add_argument("--work", type=Path, default=None, help="keeps imported stores")
    parser.add_argument("--heap", default="1g")
    parser.add_argument("--pagecache", default="512m")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    unknown = [n for n in args.sizes.split(",") if n not in SIZES]
    if unknown:
        parser.error(f"unknown size(s) {unknown}; choose from {', '.join(SIZES)}")
    return args


if __name__ == "__main__":
    command_setup()
    main(_parse())
