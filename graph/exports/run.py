"""An export from start to end: read the scope in pages, write the format as it comes."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from pathlib import Path

from graph.database.store import WorkspaceStore
from graph.exports.scope import Page, count_rows, read_dataset, read_pages
from graph.exports.writers import Chunk, DatasetPages, RowPages, export_chunks, write_chunks

__all__ = ["Progress", "StorePages", "export_scope", "open_export", "rows_to_read"]

Progress = Callable[[str, int], None]
"""Told each kind and how many of its rows a page held, as the pages are read."""

_GRAPH_FORMATS = frozenset({"graphml", "gexf", "kumu"})


class StorePages:
    """A workspace's rows read from the database a page at a time, through its guarded store."""

    def __init__(self, ws: WorkspaceStore, progress: Progress | None = None) -> None:
        self._ws = ws.bulk()  # every row of the workspace: the bulk time limit per page
        self._progress = progress

    @property
    def workspace(self) -> str:
        """The workspace exported."""
        return self._ws.workspace

    async def pages(self, kind: str) -> AsyncIterator[Page]:
        """``kind``'s rows, one page per statement."""
        async for page in read_pages(self._ws, kind):
            if self._progress is not None:
                self._progress(kind, len(page.rows))
            yield page


def rows_to_read(fmt: str, counts: dict[str, int], *, scoped: bool = False) -> int:
    """How many rows an export of ``fmt`` reads, given each kind's ``counts``.

    The graph formats read the people, influences and reporting lines once more for the
    people's measures, and the journeys before the nodes. A scoped export reads every kind
    once, then narrows.
    """
    total = sum(counts.values())
    if fmt in _GRAPH_FORMATS and not scoped:
        total += sum(counts[k] for k in ("people", "influences", "reporting", "journey"))
    return total


async def open_export(
    ws: WorkspaceStore,
    fmt: str,
    *,
    account: str | None = None,
    deal: str | None = None,
    progress: Progress | None = None,
    total: Callable[[int], None] | None = None,
) -> AsyncIterator[Chunk]:
    """``ws``'s workspace (or one ``account`` or ``deal`` of it) as ``fmt``, in pieces.

    ``ws`` is the workspace as the caller may see it
    (:meth:`graph.repository.auth.CallerStore.workspace` for a request): every statement of the
    export passes its guard. A whole workspace is read and written a page at a time; an
    account or a deal is read whole first (its people are known only once the scope is read),
    so a missing one fails before the first piece. ``total`` is told how many rows will be
    read, ``progress`` each page's as it is read.
    """
    ws.check()  # before anything is written: the first piece (a CSV header) reads nothing
    scoped = account is not None or deal is not None
    if total is not None:
        total(rows_to_read(fmt, await count_rows(ws), scoped=scoped))
    rows: RowPages
    if scoped:
        data = await read_dataset(ws, account=account, deal=deal, progress=progress)
        rows = DatasetPages(data)
    else:
        rows = StorePages(ws, progress)
    return export_chunks(rows, fmt)


async def export_scope(
    ws: WorkspaceStore,
    fmt: str,
    target: Path,
    *,
    account: str | None = None,
    deal: str | None = None,
    progress: Progress | None = None,
    total: Callable[[int], None] | None = None,
) -> list[Path]:
    """Export ``ws``'s workspace (or one ``account`` or ``deal`` of it) as ``fmt`` to ``target``
    (a directory for csv, else a file), writing as it reads (:func:`open_export`)."""
    chunks = await open_export(ws, fmt, account=account, deal=deal, progress=progress, total=total)
    return await write_chunks(chunks, target)
