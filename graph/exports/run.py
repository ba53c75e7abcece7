"""An export from start to end: read the scope, write the format."""

from __future__ import annotations

from pathlib import Path

from graph.exports.scope import read_dataset
from graph.exports.writers import write_export
from graph.store import Store

__all__ = ["export_scope"]


async def export_scope(
    store: Store,
    workspace: str,
    fmt: str,
    target: Path,
    *,
    account: str | None = None,
    deal: str | None = None,
) -> list[Path]:
    """Export ``workspace`` (or one ``account`` or ``deal`` of it) as ``fmt`` to ``target``."""
    data = await read_dataset(store, workspace, account=account, deal=deal)
    return write_export(data, fmt, target)
