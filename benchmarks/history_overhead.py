"""History: what recording every change costs a write, against the same build not recording.

Two workloads, each run both ways in the same run on the same server, alternating which goes
first, with fresh ids each time (every write is new data, never a no-op):

- **import**: generated CSV files through :func:`graph.imports.run.import_files` (validation
  included), rows per second;
- **edits**: single writes as the API makes them — a person's title, a buying-centre member's
  stance, an influence's weight — one transaction each, writes per second.

"Without" is the same code with the recorder switched off (``graph.database.store.Recording``
replaced by one that reads and records nothing), so the difference is the recording alone: the two
reads of the touched facts and the ``Change`` nodes written. The figure is the ratio of throughputs
(with / without), medians over the runs; bare times are printed only beside their peer.

Run: ``python -m benchmarks.history_overhead --size segment --runs 3`` (``NEO4J_URI`` to use a
running server, else a local one is started).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from unittest import mock

from neo4j import AsyncGraphDatabase

import graph.database.store
from benchmarks.environment import started_neo4j
from benchmarks.sizes import SIZES, write_dataset
from graph.database.store import Store
from graph.imports.formats import FORMATS
from graph.imports.run import import_files
from graph.repository import deals, people, relations
from graph.repository.organisations import create_organisation
from graph.repository.workspaces import ensure_workspace

EDITS = 200
"""Single writes per edits run."""


class _NotRecording:
    """Stands in for :class:`graph.history.recorder.Recording`: reads and records nothing."""

    @classmethod
    async def start(cls, tx: Any, touched: Any) -> None:
        return None


@contextmanager
def _recording(on: bool) -> Iterator[None]:
    if on:
        yield
        return
    with mock.patch.object(graph.database.store, "Recording", _NotRecording):
        yield


async def _import(store: Store, size: str, work: Path) -> float:
    """Rows per second of one import of fresh generated files."""
    prefix = f"h{uuid.uuid4().hex[:6]}-"
    data = write_dataset(SIZES[size], work / prefix, prefix)
    workspace = f"bench-history-{prefix}"
    await ensure_workspace(store, workspace)
    paths = [data.directory / FORMATS[kind].file_name for kind in FORMATS]
    started = time.perf_counter()
    result = await import_files(store, workspace, paths)
    elapsed = time.perf_counter() - started
    if not result.applied:
        raise RuntimeError(f"the generated files did not import: {result.report.issues[:5]}")
    return sum(result.written.values()) / elapsed


async def _edits(store: Store) -> float:
    """Single API writes per second on a small fresh map (set up before the clock starts)."""
    tag = uuid.uuid4().hex[:6]
    workspace = f"bench-history-edits-{tag}"
    await ensure_workspace(store, workspace)
    ws = store.workspace(workspace)
    ids = [f"p{i}-{tag}" for i in range(10)]
    await people.upsert_people(ws, [{"id": i, "name": i, "title": "Manager"} for i in ids])
    org = await create_organisation(ws, {"id": f"o-{tag}", "name": "Acme"})
    await deals.create_deal(ws, {"id": f"d-{tag}", "name": "Deal", "organisation_id": org["id"]})
    started = time.perf_counter()
    for n in range(EDITS):
        a, b = ids[n % 10], ids[(n + 1) % 10]
        match n % 3:
            case 0:
                await people.update_person(ws, a, {"title": f"Manager {n}"})
            case 1:
                stance = ("champion", "neutral", "sceptic")[(n // 3) % 3]
                member = {"deal_id": f"d-{tag}", "person_id": a, "roles": ["user"]}
                await deals.set_member(ws, member | {"stance": stance})
            case _:
                weight = (n % 10) / 10
                edge = {"source_id": a, "target_id": b, "weight": weight}
                await relations.upsert_influence(ws, edge)
    return EDITS / (time.perf_counter() - started)


async def main(size: str, runs: int) -> None:
    with started_neo4j("1g", "256m") as neo4j, tempfile.TemporaryDirectory() as tmp:
        driver = AsyncGraphDatabase.driver(neo4j.uri, auth=(neo4j.user, neo4j.password or ""))
        store = Store(driver).bulk()
        await store.apply_schema()
        figures: dict[str, dict[bool, list[float]]] = {
            "import": {True: [], False: []},
            "edits": {True: [], False: []},
        }
        print("| run | workload | with recording /s | without /s | ratio |")
        print("|---|---|---|---|---|")
        for run in range(runs):
            order = (True, False) if run % 2 == 0 else (False, True)
            for workload in figures:
                for on in order:
                    with _recording(on):
                        if workload == "import":
                            rate = await _import(store, size, Path(tmp))
                        else:
                            rate = await _edits(store)
                    figures[workload][on].append(rate)
                w, wo = figures[workload][True][-1], figures[workload][False][-1]
                print(f"| {run + 1} | {workload} | {w:,.0f} | {wo:,.0f} | {w / wo:.2f} |")
        for workload, by in figures.items():
            w, wo = statistics.median(by[True]), statistics.median(by[False])
            print(f"| median | {workload} | {w:,.0f} | {wo:,.0f} | {w / wo:.2f} |")
        await driver.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="segment", choices=sorted(SIZES))
    parser.add_argument("--runs", type=int, default=3)
    arguments = parser.parse_args()
    asyncio.run(main(arguments.size, arguments.runs))
