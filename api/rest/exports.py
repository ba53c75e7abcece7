"""``GET /workspaces/{workspace}/export``: a workspace, an account or a deal as a file.

The route goes through :func:`graph.exports.run.open_export`, the code of ``statusmap export``,
and streams the file as it is read (CSV: the files in one zip, compressed as they come), so an
export of any size holds one page of it at a time. Everything that can go wrong with the request
(a missing account or deal, no access) is known before the first byte, and answered as an error.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import AsyncIterator
from typing import IO, Annotated, Final

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response, StreamingResponse

from api.deps import CallerDep, known_query_only
from api.errors import BadRequest
from graph.exports.run import open_export
from graph.exports.writers import Chunk, ExportFormat
from graph.repository.auth import Role

router = APIRouter(tags=["export"], dependencies=[Depends(known_query_only)])

_FILES: Final[dict[ExportFormat, tuple[str, str]]] = {
    "csv": ("zip", "application/zip"),
    "json": ("json", "application/json"),
    "graphml": ("graphml", "application/graphml+xml"),
    "gexf": ("gexf", "application/gexf+xml"),
    "kumu": ("kumu.json", "application/json"),
}
"""Each format's file extension and media type."""


class TwoScopes(BadRequest):
    """Both an account and a deal were asked for."""


class _Sink(io.RawIOBase):
    """A stream that keeps what is written until it is taken (it cannot seek, so a zip
    written to it describes each file after the file's data)."""

    def __init__(self) -> None:
        self._parts: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:  # type: ignore[override]
        self._parts.append(bytes(data))
        return len(data)

    def take(self) -> bytes:
        taken, self._parts = b"".join(self._parts), []
        return taken


async def _zipped(chunks: AsyncIterator[Chunk]) -> AsyncIterator[bytes]:
    """The CSV files as one zip, each compressed as its pieces come."""
    sink = _Sink()
    with zipfile.ZipFile(sink, "w", zipfile.ZIP_DEFLATED) as archive:
        name: str | None = None
        entry: IO[bytes] | None = None
        async for file_name, text in chunks:
            if file_name != name or entry is None:
                if entry is not None:
                    entry.close()
                name = file_name
                entry = archive.open(name or "export", "w", force_zip64=True)
            entry.write(text.encode())
            yield sink.take()
        if entry is not None:
            entry.close()
    yield sink.take()


async def _encoded(chunks: AsyncIterator[Chunk]) -> AsyncIterator[bytes]:
    async for _, text in chunks:
        yield text.encode()


async def _started(body: AsyncIterator[bytes]) -> AsyncIterator[bytes]:
    """``body`` with its first piece made now: a failure before it is still an error answer."""
    first = await anext(body, b"")

    async def rest() -> AsyncIterator[bytes]:
        yield first
        async for piece in body:
            yield piece

    return rest()


@router.get(
    "/workspaces/{workspace}/export",
    summary="Export a workspace, an account or a deal (CSV zip, JSON, GraphML, GEXF, Kumu)",
    response_class=StreamingResponse,
    responses={
        200: {
            "description": "The file; CSV is a zip of the import's files, one per kind.",
            "content": {media: {} for _, media in _FILES.values()},
        },
        400: {"description": "Both an account and a deal were given."},
        401: {"description": "No valid API token."},
        404: {"description": "No such workspace (or not one of yours), account or deal."},
        422: {"description": "An unknown format."},
    },
)
async def export_file(
    workspace: str,
    caller: CallerDep,
    fmt: Annotated[ExportFormat, Query(alias="format", description="The file format.")] = "csv",
    account: Annotated[str | None, Query(description="Only this organisation's id.")] = None,
    deal: Annotated[str | None, Query(description="Only this deal's id.")] = None,
) -> Response:
    """The scope as ``statusmap export`` writes it; viewers may export."""
    scoped = caller.workspace(workspace, Role.VIEWER)
    scoped.check()  # 404 for non-members before anything else is looked at
    if account is not None and deal is not None:
        raise TwoScopes("give an account or a deal, not both")
    extension, media = _FILES[fmt]
    stem = "-".join(n for n in (workspace, account or deal) if n)
    name = re.sub(r"[^A-Za-z0-9._@-]", "_", stem) + f".{extension}"  # safe in the header
    chunks = await open_export(scoped, fmt, account=account, deal=deal)
    body = await _started(_zipped(chunks) if fmt == "csv" else _encoded(chunks))
    return StreamingResponse(
        body, media_type=media, headers={"content-disposition": f'attachment; filename="{name}"'}
    )
