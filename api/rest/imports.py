"""``POST /workspaces/{workspace}/imports``: upload CSV files and import them."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse

from api.deps import CallerDep
from api.rest.upload import FIELD, received_files
from graph.auth import Role
from graph.config import Settings
from graph.imports.run import import_files

router = APIRouter(tags=["import"])

_BODY = {
    "required": True,
    "content": {
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "required": [FIELD],
                "properties": {
                    FIELD: {
                        "type": "array",
                        "items": {"type": "string", "format": "binary"},
                        "description": "CSV files, named after their kind.",
                    }
                },
            }
        }
    },
}
"""The body as OpenAPI describes it; the route reads it itself (api/rest/upload.py), after
the token and the role were checked."""


@router.post(
    "/workspaces/{workspace}/imports",
    summary="Import CSV files (statusmap's own, or Salesforce/HubSpot exports)",
    openapi_extra={"requestBody": _BODY},
    responses={
        200: {"description": "Imported; `written` has the rows per kind."},
        400: {"description": "A malformed body or file name, or two files of the same name."},
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
    async with received_files(request, settings.max_upload_bytes) as paths:
        result = await import_files(
            caller.store,
            workspace,
            paths,
            good_rows_only=good_rows_only,
            actor=caller.principal.user_id,
        )
    body: dict[str, Any] = {
        "applied": result.applied,
        "written": result.written,
        "report": result.report.as_dict(),
    }
    return JSONResponse(body, status_code=200 if result.applied else 422)
