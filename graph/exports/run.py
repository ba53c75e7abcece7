"""An export from start to end: read the scope, write the format."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from graph.database.store import WorkspaceStore
from graph.exports.scope import read_dataset
from graph.exports.writers import write_export
from graph.imports.formats import FORMATS

__all__ = ["EXPORT_STEPS", "export_scope"]

EXPORT_STEPS = len(FORMATS) + 1
"""Steps :func:`export_scope` reports to ``progress``: each kind read, then the file written."""


async def export_scope(
    ws: WorkspaceStore,
    fmt: str,
    target: Path,
    *,
    account: str | None = None,
    deal: str | None = None,
    progress: Callable[[str], None] | None = None,
) -> list[Path]:
    """Export ``ws``'s workspace (or one ``account`` or ``deal`` of it) as ``fmt`` to ``target``.

    ``ws`` is the workspace as the caller may see it
    (:meth:`graph.repository.auth.CallerStore.workspace` for a request): every statement of the
    export passes its guard. ``progress`` is called with the name of each of the
    :data:`EXPORT_STEPS` steps as it ends.
    """
    data = await read_dataset(ws, account=account, deal=deal, progress=progress)
    written = write_export(data, fmt, target)
    if progress is not None:
        progress("written")
    return written
