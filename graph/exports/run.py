"""An export from start to end: read the scope, write the format."""

from __future__ import annotations

from pathlib import Path

from graph.exports.scope import read_dataset
from graph.exports.writers import write_export
from graph.store import WorkspaceStore

__all__ = ["export_scope"]


async def export_scope(
    ws: WorkspaceStore,
    fmt: str,
    target: Path,
    *,
    account: str | None = None,
    deal: str | None = None,
) -> list[Path]:
    """Export ``ws``'s workspace (or one ``account`` or ``deal`` of it) as ``fmt`` to ``target``.

    ``ws`` is the workspace as the caller may see it (:meth:`graph.auth.CallerStore.workspace`
    for a request): every statement of the export passes its guard.
    """
    data = await read_dataset(ws, account=account, deal=deal)
    return write_export(data, fmt, target)
