"""``GET /workspaces/{workspace}/export``: a workspace, an account or a deal as a file.

The route goes through :func:`graph.exports.run.export_scope`, the code of ``statusmap export``:
it writes into a temporary directory and answers with the file (CSV: the files in one zip).
"""

from __future__ import annotations

import io
import re
import tempfile
import zipfile
from pathlib import Path
from typing import Annotated, Final

from fastapi import APIRouter, Query
from fastapi.responses import Response

from api.deps import CallerDep
from api.errors import BadRequest
from graph.exports.run import export_scope
from graph.exports.writers import ExportFormat
from graph.repository.auth import Role

router = APIRouter(tags=["export"])

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


def _zipped(directory: Path) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(directory.iterdir()):
            archive.write(path, path.name)
    return buffer.getvalue()


@router.get(
    "/workspaces/{workspace}/export",
    summary="Export a workspace, an account or a deal (CSV zip, JSON, GraphML, GEXF, Kumu)",
    response_class=Response,
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
    with tempfile.TemporaryDirectory(prefix="statusmap-export-") as directory:
        target = Path(directory) / ("csv" if fmt == "csv" else name)
        await export_scope(scoped, fmt, target, account=account, deal=deal)
        body = _zipped(target) if fmt == "csv" else target.read_bytes()
    return Response(
        body, media_type=media, headers={"content-disposition": f'attachment; filename="{name}"'}
    )
