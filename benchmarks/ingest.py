"""Ingest: generated CSV files through statusmap's import path vs ``LOAD CSV`` of the same files.

Both run on the same server in the same run. The import path is
:func:`graph.imports.run.import_files`, validation included (it reads every file, checks every
reference, then writes in batches). The peer is one ``LOAD CSV … CALL {…} IN TRANSACTIONS``
statement per file (``benchmarks/cypher/load_*.cypher``), served over HTTP from this process,
writing the same nodes, properties and relationships (status levels included: the generated
files give every person's level, so nothing is inferred) after the same ladder set-up, with no
validation. Each run uses fresh ids (a new prefix) so both write new data, never updates; the
two alternate which goes first.
"""

from __future__ import annotations

import functools
import http.server
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from neo4j import AsyncDriver

from benchmarks.sizes import Dataset, Size, write_dataset
from graph.imports.formats import FORMATS, KIND_ORDER
from graph.imports.run import import_files
from graph.imports.titles import LEVEL_NAMES
from graph.queries import query
from graph.store import Store

__all__ = ["LOAD_ORDER", "IngestRun", "run_ingest"]

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


async def _load_csv(driver: AsyncDriver, data: Dataset, prefix: str, workspace: str) -> float:
    started = time.perf_counter()
    levels = [{"rank": r, "name": n} for r, n in sorted(LEVEL_NAMES.items())]
    await driver.execute_query(query("import/workspace"), workspace=workspace, levels=levels)
    with _http(data.directory) as port:
        for kind in LOAD_ORDER:
            url = f"http://127.0.0.1:{port}/{FORMATS[kind].file_name}"
            async with driver.session(notifications_min_severity="OFF") as session:
                result = await session.run(
                    _statement(kind),
                    {"url": url, "prefix": prefix, "workspace": workspace},
                )
                await result.consume()
    return time.perf_counter() - started


async def _import(store: Store, data: Dataset, workspace: str) -> float:
    paths = [data.directory / FORMATS[kind].file_name for kind in FORMATS]
    started = time.perf_counter()
    result = await import_files(store, workspace, paths)
    elapsed = time.perf_counter() - started
    if not result.applied:
        raise RuntimeError(f"the generated files did not import: {result.report.issues[:5]}")
    return elapsed


async def run_ingest(
    store: Store, size: Size, work_dir: Path, run: int, workspace: str
) -> IngestRun:
    """Generate ``size`` once for this run and write it both ways; ``workspace`` gets ours."""
    prefix = f"{size.name[0].upper()}{run}-"
    data = write_dataset(size, work_dir / f"{size.name}-{run}", prefix)
    load_workspace = f"{workspace}-load-{run}"
    if run % 2:
        load = await _load_csv(store.driver, data, "L", load_workspace)
        ours = await _import(store, data, workspace)
    else:
        ours = await _import(store, data, workspace)
        load = await _load_csv(store.driver, data, "L", load_workspace)
    return IngestRun(data.rows, data.edges, ours, load)
