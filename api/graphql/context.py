"""Per-request GraphQL context: the caller's view of the store, fresh DataLoaders, the cache."""

from __future__ import annotations

import asyncio

from fastapi import Request

from api.deps import get_analysis, get_caller, get_principal, get_store, get_tokens
from api.graphql.ids import key_of
from api.graphql.loaders import Loaders
from api.settings import Settings
from graph.database.store import WorkspaceStore
from graph.repository.auth import CallerStore, Principal, Role, TokenAuthority
from graph.scopes.cache import AnalysisCache


class Context:
    """What every resolver gets through ``info.context``."""

    def __init__(
        self,
        caller: CallerStore,
        analysis: AnalysisCache,
        tokens: TokenAuthority,
        settings: Settings,
    ) -> None:
        self.caller = caller
        self.store = caller.store
        self.analysis = analysis
        self.tokens = tokens
        self.loaders = Loaders(caller)
        self.max_query_cost = settings.max_query_cost
        """List items the operation may resolve (see api/graphql/cost.py)."""
        self.request_seconds = settings.request_seconds
        self.dispute_threshold = settings.dispute_threshold
        """Spread of an influence tie's reports above which it is disputed."""
        self.budget: asyncio.Timeout | None = None
        """The running operation's time budget, set by the view (api/graphql/router.py)."""

    def lift_time_budget(self) -> None:
        """Let the operation run to its end: a write is never cut off half done."""
        if self.budget is not None:
            self.budget.reschedule(None)

    @property
    def principal(self) -> Principal:
        return self.caller.principal

    def scoped(self, workspace_id: str, role: Role = Role.EDITOR) -> WorkspaceStore:
        """The store of one workspace (global id or key) for a write needing ``role``.

        The returned store refuses every statement unless the caller holds ``role`` there.
        """
        return self.caller.workspace(key_of(workspace_id, "Workspace"), role)

    def reader(self, workspace_id: str) -> WorkspaceStore:
        """The store of one workspace for reads (viewers and up)."""
        return self.caller.workspace(key_of(workspace_id, "Workspace"), Role.VIEWER)


async def get_context(request: Request) -> Context:
    # Called by the GraphQL view (api/graphql/router.py) with the request: the lookups the
    # REST routes get as FastAPI dependencies (api/deps.py), made directly.
    store, analysis, tokens = get_store(request), get_analysis(request), get_tokens(request)
    settings: Settings = request.app.state.settings
    # The GraphiQL page itself (a GET without a query) is static and needs no token; every
    # operation does.
    if request.method == "GET" and "query" not in request.query_params:
        anonymous = CallerStore(store, Principal("anonymous", "anonymous"))
        return Context(anonymous, analysis, tokens, settings)
    caller = await get_caller(request, await get_principal(request))
    return Context(caller, analysis, tokens, settings)
