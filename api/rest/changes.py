"""``GET /workspaces/{workspace}/changes``: what changed for a deal or an account, as a file."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Final

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from api.deps import AnalysisDep, CallerDep, known_query_only
from api.rest.exports import TwoScopes
from graph.exports.changes import ChangeFormat, changes_csv, changes_json
from graph.repository.auth import Role
from graph.repository.history import changes_between
from graph.scopes.diff import map_changes
from graph.scopes.read import ScopeKind

router = APIRouter(tags=["export"], dependencies=[Depends(known_query_only)])

_MEDIA: Final[dict[ChangeFormat, str]] = {"csv": "text/csv", "json": "application/json"}


@router.get(
    "/workspaces/{workspace}/changes",
    summary="What changed between two moments, for a deal, an account or the workspace",
    response_class=Response,
    responses={
        200: {"description": "One row per fact that differs.", "content": {"text/csv": {}}},
        400: {"description": "Both an account and a deal were given."},
        422: {"description": "`since` is before the retained history, or `until` before it."},
        401: {"description": "No valid API token."},
        404: {"description": "No such workspace (or not one of yours)."},
    },
)
async def changes_file(
    workspace: str,
    caller: CallerDep,
    analysis: AnalysisDep,
    since: Annotated[dt.datetime, Query(description="The earlier moment (ISO 8601).")],
    until: Annotated[dt.datetime | None, Query(description="The later moment; now.")] = None,
    fmt: Annotated[ChangeFormat, Query(alias="format", description="csv or json.")] = "csv",
    account: Annotated[str | None, Query(description="Only this organisation's id.")] = None,
    deal: Annotated[str | None, Query(description="Only this deal's id.")] = None,
) -> Response:
    """The net change of every fact between ``since`` and ``until``; viewers may export.

    For a deal or an account, also who joined or left its map, the coverage warnings gained or
    lost and the plan steps that moved (the analyses at both moments compared).
    """
    if account is not None and deal is not None:
        raise TwoScopes("give an account or a deal, not both")
    ws = caller.workspace(workspace, Role.VIEWER)
    if deal is not None or account is not None:
        kind: ScopeKind = "deal" if deal is not None else "account"
        key = deal if deal is not None else account
        assert key is not None
        found = await map_changes(analysis, ws, kind, key, since, until)
    else:
        found = await changes_between(ws, since, until)
    body = changes_csv(found) if fmt == "csv" else changes_json(found)
    return Response(body, media_type=_MEDIA[fmt])
