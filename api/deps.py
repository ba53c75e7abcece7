"""FastAPI dependencies shared by the REST routes and the GraphQL context."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.dependencies.models import Dependant
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from api.settings import Settings
from graph.database.store import Store
from graph.errors import ValidationFailed
from graph.repository.auth import SINGLE_USER, CallerStore, Principal, TokenAuthority
from graph.scopes.cache import AnalysisCache


def get_store(request: Request) -> Store:
    """The process's store, made in the app's lifespan."""
    store: Store = request.app.state.store
    return store


def get_analysis(request: Request) -> AnalysisCache:
    """The process's analysis cache, made in the app's lifespan."""
    cache: AnalysisCache = request.app.state.analysis
    return cache


def get_tokens(request: Request) -> TokenAuthority:
    """The process's token authority, made in the app's lifespan."""
    tokens: TokenAuthority = request.app.state.tokens
    return tokens


def bearer_token(request: Request) -> str | None:
    """The token of an ``Authorization: Bearer <token>`` header, if any."""
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


# Declares the scheme in the OpenAPI document (so /docs can authorise); the token itself is
# read by bearer_token, also for GraphQL, which calls get_principal without FastAPI.
bearer_scheme = HTTPBearer(
    auto_error=False,
    description="An API token: `statusmap token create` (not in single-user mode).",
)


async def get_principal(
    request: Request,
    _credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer_scheme)] = None,
) -> Principal:
    """Who calls: the local user in single-user mode, else the bearer token's owner (or 401)."""
    settings: Settings = request.app.state.settings
    if settings.auth == "single-user":
        return SINGLE_USER
    return await get_tokens(request).authenticate(bearer_token(request))


async def get_caller(
    request: Request, principal: Annotated[Principal, Depends(get_principal)]
) -> CallerStore:
    """The store as the caller may see it; the page says so in a header (``X-Statusmap-Client``).

    The header only labels where a change came from in the history; it grants nothing.
    """
    via = "page" if request.headers.get("x-statusmap-client") == "page" else "graphql"
    return CallerStore(get_store(request), principal, via)


# FastAPI runs a plain function dependency in its thread pool: a hand-off to a thread and back
# on every request for a lookup of an attribute. These two run inline.
async def _store(request: Request) -> Store:
    return get_store(request)


async def _analysis(request: Request) -> AnalysisCache:
    return get_analysis(request)


StoreDep = Annotated[Store, Depends(_store)]
AnalysisDep = Annotated[AnalysisCache, Depends(_analysis)]
PrincipalDep = Annotated[Principal, Depends(get_principal)]
CallerDep = Annotated[CallerStore, Depends(get_caller)]


async def known_query_only(request: Request, _principal: PrincipalDep) -> None:
    """Refuse a query parameter the route does not take (after the token is checked).

    A misspelt ``?deal_id=`` would otherwise be ignored, and the export would quietly be the
    whole workspace instead of the deal asked for. Every REST router takes this dependency.
    """
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is None:
        return
    known = _query_names(dependant)
    unknown = sorted(set(request.query_params) - known)
    if unknown:
        takes = ", ".join(sorted(known)) or "none"
        raise ValidationFailed(
            [
                (name, f"this route takes no query parameter {name!r} (it takes: {takes})")
                for name in unknown
            ]
        )


def _query_names(dependant: Dependant) -> set[str]:
    """The query parameters a route and its dependencies take, by the names clients send."""
    names = {param.alias for param in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return names
