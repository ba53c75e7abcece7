"""The small demo ``statusmap serve`` loads into an empty database, so the first screen is alive."""

from __future__ import annotations

import asyncio
import logging
import tempfile
from pathlib import Path

from graph.database.store import Store
from graph.imports.formats import FORMATS
from graph.imports.run import import_files
from graph.repository.workspaces import ensure_workspace
from seed.files import write_csv_files
from seed.generator import SeedConfig, generate

__all__ = ["DEMO", "DEMO_WORKSPACE", "load_demo_if_empty"]

log = logging.getLogger("statusmap.seed")

DEMO_WORKSPACE = "demo"
DEMO = SeedConfig(accounts=6, people=300, seed=1)


async def load_demo_if_empty(store: Store, config: SeedConfig = DEMO) -> bool:
    """Generate and import the demo workspace when the database holds no person yet."""
    rows = await store.read("import/any_person")
    if rows:
        return False
    return await load_generated(store, DEMO_WORKSPACE, config)


async def load_generated(store: Store, workspace: str, config: SeedConfig) -> bool:
    """Generate ``config``'s data and import it into ``workspace`` (made if missing)."""
    with tempfile.TemporaryDirectory(prefix="statusmap-demo-") as directory:
        await asyncio.to_thread(write_csv_files, generate(config), Path(directory))
        paths = [Path(directory) / f.file_name for f in FORMATS.values()]
        await ensure_workspace(store, workspace)
        result = await import_files(store, workspace, paths)
    log.info("statusmap: loaded the generated workspace %r: %s", workspace, result.written)
    return result.applied
