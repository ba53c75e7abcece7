"""``POST /workspaces/{workspace}/imports``: upload CSV files and import them."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, File, Query, UploadFile
from fastapi.responses import JSONResponse

from api.deps import CallerDep
from graph.auth import Role
from graph.imports.run import import_files

router = APIRouter(tags=["import"])


@router.post(
    "/workspaces/{workspace}/imports",
    summary="Import CSV files (statusmap's own, or Salesforce/HubSpot exports)",
    responses={
        200: {"description": "Imported; `written` has the rows per kind."},
        401: {"description": "No valid API token."},
        403: {"description": "Your role in the workspace is viewer."},
        404: {"description": "No such workspace (or not one of yours)."},
        422: {"description": "Bad rows; nothing was written. `report.issues` lists each."},
    },
)
async def upload_import(
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
    store = caller.store
    with tempfile.TemporaryDirectory(prefix="statusmap-upload-") as directory:
        paths = []
        for i, upload in enumerate(files):
            name = Path(upload.filename or f"upload-{i}.csv").name
            path = Path(directory) / name
            path.write_bytes(await upload.read())
            paths.append(path)
        result = await import_files(store, workspace, paths, good_rows_only=good_rows_only)
    body: dict[str, Any] = {
        "applied": result.applied,
        "written": result.written,
        "report": result.report.as_dict(),
    }
    return JSONResponse(body, status_code=200 if result.applied else 422)
