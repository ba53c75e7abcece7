"""``POST /workspaces/{workspace}/imports``: upload CSV files and import them."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse

from api.deps import CallerDep, known_query_only
from api.rest.upload import FIELD, received_files
from api.settings import Settings
from graph.imports.run import ImportOptions, import_files
from graph.imports.validate import Duplicates
from graph.repository.auth import Role

router = APIRouter(tags=["import"], dependencies=[Depends(known_query_only)])

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
        422: {
            "description": "Bad rows (nothing was written; `report.issues` lists each, "
            "`report.notes` groups those of one cause with what to do), or a malformed "
            "organisation map."
        },
    },
)
async def upload_import(
    request: Request,
    workspace: str,
    caller: CallerDep,
    good_rows_only: Annotated[
        bool, Query(description="Import the good rows even when others are bad.")
    ] = False,
    organisation_map: Annotated[
        list[str],
        Query(
            description="Read an organisation id of the files as one of the workspace: "
            "`<id in the file>=<organisation id>`, e.g. a Salesforce AccountId. Repeat for more."
        ),
    ] = [],  # noqa: B006 - FastAPI copies the default per request
    duplicates: Annotated[
        Duplicates,
        Query(
            description="What to do with a person who looks like one already there or in the "
            "files (same name, same organisation, another id): `hold` reports them and writes "
            "nothing; `keep` writes both; `skip` leaves the row, and the rows naming its person, "
            "out and writes the rest; `merge` merges the row into the other person: its id "
            "becomes their alias in this workspace (rows naming it, now or later, mean them), "
            "values they lack are filled, differing values are kept and listed per column. "
            "The report's `duplicates` lists each with what was done."
        ),
    ] = Duplicates.HOLD,
) -> JSONResponse:
    """Validate every uploaded file, then write them (all or nothing unless good rows only).

    The answer holds the validation report: every bad row with file, row (header = 1), column
    and reason.
    """
    caller.workspace(workspace, Role.EDITOR).check()  # 404 for non-members, 403 for viewers
    options = ImportOptions.given(organisation_map, duplicates=duplicates)
    settings: Settings = request.app.state.settings
    async with received_files(request, settings.max_upload_bytes) as paths:
        result = await import_files(
            caller.store,
            workspace,
            paths,
            good_rows_only=good_rows_only,
            options=options,
            actor=caller.principal.user_id,
            guard=caller.guard(workspace, Role.EDITOR),
        )
    body: dict[str, Any] = {
        "applied": result.applied,
        "written": result.written,
        "report": result.report.as_dict(),
    }
    return JSONResponse(body, status_code=200 if result.applied else 422)
