"""Ingest: generated CSV files through statusmap's import path vs ``LOAD CSV`` of the same files.

Both run on the same server in the same run. The import path is
:func:`graph.imports.run.import_files`, validation included (it reads every file, checks every
reference, then writes in batches). The peer is one ``LOAD CSV … CALL {…} IN TRANSACTIONS``
statement per file (``benchmarks/cypher/load_*.cypher``), served over HTTP from this process,
writing the same nodes, properties and relationships (status levels included: the generated
files give every person's level, so nothing is inferred) after the same ladder set-up, with no
validation. Each run uses fresh ids (a new prefix) so both write new data, never updates; the
two alternate which goes first.

Run alone (``python -m benchmarks.ingest --sizes portfolio --runs 3``) it starts its own Neo4j as
the suite does and prints a Markdown table: every run with the machine's load average, then the
medians.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import http.server
import logging
import os
import statistics
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from neo4j import AsyncDriver, AsyncGraphDatabase

from benchmarks.environment import started_neo4j
from benchmarks.sizes import SIZES, Dataset, Size, write_dataset
from graph.database.store import Store
from graph.imports.formats import FORMATS, KIND_ORDER
from graph.imports.run import import_files
from graph.repository.workspaces import ensure_workspace

__all__ = ["LOAD_ORDER", "IngestRun", "ingest_table", "run_ingest"]

_CYPHER = Path(__file__).resolve().parent / "cypher"
LOAD_ORDER = KIND_ORDER
"""Files in the order the import writes them: nodes before the edges between them."""


@dataclass(frozen=True)
class IngestRun:
    """One run of both: rows written and seconds taken by each."""

    rows: int
    edges: int
    ours_seconds: float
    load_seconds: float
    load_average: float = field(default_factory=lambda: os.getloadavg()[0])
    """The machine's 1-minute load average when the run ended."""
    ours_phases: dict[str, float] = field(default_factory=dict)
    """Seconds per phase of the import: ``validation`` (until the first batch is written,
    which is small: organisations), then each kind's writes."""
    load_phases: dict[str, float] = field(default_factory=dict)
    """Seconds per LOAD CSV statement (one per kind)."""

    @property
    def ours_rate(self) -> float:
        """Rows per second through the import path."""
        return self.rows / self.ours_seconds

    @property
    def load_rate(self) -> float:
        """Rows per second through LOAD CSV."""
        return self.rows / self.load_seconds


@contextmanager
def _http(directory: Path) -> Iterator[int]:
    handler = functools.partial(
        _QuietHandler,
        directory=str(directory),
    )
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        return


@functools.cache
def _statement(kind: str) -> str:
    return (_CYPHER / f"load_{kind}.cypher").read_text()


Timed = tuple[float, dict[str, float]]
"""Seconds in all, and per phase."""


async def _load_csv(driver: AsyncDriver, data: Dataset, prefix: str, workspace: str) -> Timed:
    started = time.perf_counter()
    phases: dict[str, float] = {}
    await ensure_workspace(Store(driver), workspace)
    with _http(data.directory) as port:
        for kind in LOAD_ORDER:
            at = time.perf_counter()
            url = f"http://127.0.0.1:{port}/{FORMATS[kind].file_name}"
            async with driver.session(notifications_min_severity="OFF") as session:
                result = await session.run(
                    _statement(kind),
                    {"url": url, "prefix": prefix, "workspace": workspace},
                )
                await result.consume()
            phases[kind] = time.perf_counter() - at
    return time.perf_counter() - started, phases


async def _import(store: Store, data: Dataset, workspace: str) -> Timed:
    paths = [data.directory / FORMATS[kind].file_name for kind in FORMATS]
    done: dict[str, float] = {}  # kind -> when its last batch was written

    def progress(kind: str, _rows: int) -> None:
        done[kind] = time.perf_counter()

    await ensure_workspace(store, workspace)
    started = time.perf_counter()
    result = await import_files(store, workspace, paths, progress=progress)
    elapsed = time.perf_counter() - started
    if not result.applied:
        raise RuntimeError(f"the generated files did not import: {result.report.issues[:5]}")
    phases: dict[str, float] = {}
    last = started
    for kind, at in done.items():
        phases["validation" if not phases else kind] = at - last
        last = at
    return elapsed, phases


async def run_ingest(
    store: Store, size: Size, work_dir: Path, run: int, workspace: str, *, label: str = ""
) -> IngestRun:
    """Generate ``size`` once for this run and write it both ways; ``workspace`` gets ours.

    ``label`` (default: the run's number) keeps the ids and files of a warm-up apart.
    """
    label = label or str(run)
    prefix = f"{size.name[0].upper()}{label}-"
    data = write_dataset(size, work_dir / f"{size.name}-{label}", prefix)
    load_workspace = f"{workspace}-load-{label}"
    if run % 2:
        load = await _load_csv(store.driver, data, "L", load_workspace)
        ours = await _import(store, data, workspace)
    else:
        ours = await _import(store, data, workspace)
        load = await _load_csv(store.driver, data, "L", load_workspace)
    return IngestRun(
        data.rows, data.edges, ours[0], load[0], ours_phases=ours[1], load_phases=load[1]
    )


def _run_row(name: str, r: IngestRun) -> str:
    return (
        f"| {name} | {r.rows:,} ({r.edges:,}) | {r.ours_seconds:.1f} | "
        f"{r.load_seconds:.1f} | {r.ours_rate:,.0f} | {r.load_rate:,.0f} | "
        f"{r.ours_rate / r.load_rate:.2f}x | {r.load_average:.1f} |"
    )


def ingest_table(size: Size, runs: list[IngestRun], warm_up: IngestRun | None = None) -> str:
    """Every run of ``size`` and the medians, as Markdown; ``warm_up`` is shown, not counted."""
    lines = [
        f"| {size.name} run | rows (edges) | import s | LOAD CSV s | import rows/s | "
        "LOAD CSV rows/s | ratio | load average |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    if warm_up is not None:
        lines.append(_run_row("warm-up, not counted (import first)", warm_up))
    for i, r in enumerate(runs):
        lines.append(_run_row(f"{i} ({'LOAD CSV' if i % 2 else 'import'} first)", r))
    lines.append(
        f"| median of {len(runs)} | | {statistics.median(r.ours_seconds for r in runs):.1f} | "
        f"{statistics.median(r.load_seconds for r in runs):.1f} | "
        f"{statistics.median(r.ours_rate for r in runs):,.0f} | "
        f"{statistics.median(r.load_rate for r in runs):,.0f} | "
        f"{statistics.median(r.ours_rate / r.load_rate for r in runs):.2f}x | |"
    )
    kinds = [k for k in LOAD_ORDER if any(k in r.load_phases for r in runs)]
    lines += [
        "",
        f"| {size.name}: seconds per phase, import / LOAD CSV (runs 0..{len(runs) - 1}) | "
        + " | ".join(["validation", *kinds])
        + " |",
        "|---|" + "---:|" * (len(kinds) + 1),
    ]
    named = [("warm-up", warm_up)] if warm_up is not None else []
    named += [(f"run {i}", r) for i, r in enumerate(runs)]
    for name, r in named:
        ours = [r.ours_phases.get(k, 0.0) for k in ["validation", *kinds]]
        peer = [None, *(r.load_phases.get(k, 0.0) for k in kinds)]
        cells = [
            f"{o:.1f}" if p is None else f"{o:.1f} / {p:.1f}"
            for o, p in zip(ours, peer, strict=True)
        ]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


async def _main(sizes: list[Size], runs: int | None, warm_up: bool) -> None:
    with started_neo4j(heap="4g", pagecache="4g") as neo4j:
        auth = (neo4j.user, neo4j.password) if neo4j.password is not None else None
        async with AsyncGraphDatabase.driver(neo4j.uri, auth=auth) as driver:
            store = Store(driver)
            await store.apply_schema()
            with tempfile.TemporaryDirectory(prefix="statusmap-bench-data-") as tmp:
                for size in sizes:
                    first: IngestRun | None = None
                    if warm_up:
                        workspace = f"bench-{size.name}-warm-up"
                        first = await run_ingest(store, size, Path(tmp), 0, workspace, label="W")
                        logging.info("%s ingest warm-up: %s", size.name, first)
                    done: list[IngestRun] = []
                    for run in range(runs or size.ingest_runs):
                        workspace = f"bench-{size.name}-{run}"
                        done.append(await run_ingest(store, size, Path(tmp), run, workspace))
                        logging.info("%s ingest %d: %s", size.name, run, done[-1])
                    print(ingest_table(size, done, first), flush=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.ingest", description="Only the ingest workload."
    )
    parser.add_argument("--sizes", default="account", help=f"comma-separated: {', '.join(SIZES)}")
    parser.add_argument("--runs", type=int, default=None, help="runs per size (default: by size)")
    parser.add_argument(
        "--warm-up",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="one run per size before the counted ones, shown apart (default: on)",
    )
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    logging.getLogger("neo4j").setLevel(logging.ERROR)
    chosen = [SIZES[n] for n in args.sizes.split(",")]
    print(f"load average at start: {' / '.join(f'{x:.1f}' for x in os.getloadavg())}")
    asyncio.run(_main(chosen, args.runs, args.warm_up))
