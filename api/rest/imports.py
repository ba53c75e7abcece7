"""``POST /workspaces/{workspace}/imports``: upload CSV files and import them."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, File, Query, Request, UploadFile
from fastapi.responses import JSONResponse

from api.deps import CallerDep
from graph.auth import Role
from graph.config import Settings
from graph.errors import StatusmapError
from graph.imports.run import import_files

router = APIRouter(tags=["import"])

_CHUNK = 1 << 20


class UploadTooLarge(StatusmapError):
    """The files of one upload add up to more than ``STATUSMAP_MAX_UPLOAD_BYTES``."""

    status = 413
    code = "upload_too_large"


def _too_large(limit: int) -> UploadTooLarge:
    return UploadTooLarge(
        f"the upload is larger than the limit of {limit:,} bytes ({limit / 2**20:.0f} MiB, "
        "STATUSMAP_MAX_UPLOAD_BYTES); split the files, or import them with `statusmap import`"
    )


@router.post(
    "/workspaces/{workspace}/imports",
    summary="Import CSV files (statusmap's own, or Salesforce/HubSpot exports)",
    responses={
        200: {"description": "Imported; `written` has the rows per kind."},
        401: {"description": "No valid API token."},
        413: {"description": "The files add up to more than STATUSMAP_MAX_UPLOAD_BYTES."},
        403: {"description": "Your role in the workspace is viewer."},
        404: {"description": "No such workspace (or not one of yours)."},
        422: {"description": "Bad rows; nothing was written. `report.issues` lists each."},
    },
)
async def upload_import(
    request: Request,
    workspace: str,
    caller: CallerDep,
    files: Annotated[list[UploadFile], File(description="CSV files, named after their kind.")],
    good_rows_only: Annotated[
        bool, Query(description="Import the good rows even when others are bad.")
    ] = False,
) -> JSONResponse:
    """Validate every uploaded file, then write them (all or nothing unless good rows only).

    The answer holds the validation report: every bad row with file, row (header = 1), column
    and reason.
    """
    caller.workspace(workspace, Role.EDITOR).check()  # 404 for non-members, 403 for viewers
    settings: Settings = request.app.state.settings
    limit = settings.max_upload_bytes
    if int(request.headers.get("content-length") or 0) > limit + _CHUNK:  # files + form framing
        raise _too_large(limit)
    store = caller.store
    with tempfile.TemporaryDirectory(prefix="statusmap-upload-") as directory:
        paths = []
        total = 0
        for i, upload in enumerate(files):
            name = Path(upload.filename or "").name
            if name in ("", ".", ".."):  # only a base name, never a way out of the directory
                name = f"upload-{i}.csv"
            path = Path(directory) / name
            with path.open("wb") as out:
                while chunk := await upload.read(_CHUNK):
                    total += len(chunk)
                    if total > limit:
                        raise _too_large(limit)
                    out.write(chunk)
            paths.append(path)
        result = await import_files(store, workspace, paths, good_rows_only=good_rows_only)
    body: dict[str, Any] = {
        "applied": result.applied,
        "written": result.written,
        "report": result.report.as_dict(),
    }
    return JSONResponse(body, status_code=200 if result.applied else 422)
