"""Per-request GraphQL context: the store, fresh DataLoaders, and the workspace scope."""

from __future__ import annotations

from fastapi import Depends
from strawberry.fastapi import BaseContext

from api.deps import get_analysis, get_store
from api.graphql.ids import key_of
from api.graphql.loaders import Loaders
from graph.analysis import AnalysisCache
from graph.store import Store, WorkspaceStore


class Context(BaseContext):
    """What every resolver gets through ``info.context``."""

    def __init__(self, store: Store, analysis: AnalysisCache) -> None:
        super().__init__()
        self.store = store
        self.analysis = analysis
        self.loaders = Loaders(store)

    def scoped(self, workspace_id: str) -> WorkspaceStore:
        """The store for one workspace, from a global id or key.

        The one place a request gets at a workspace: authorisation hooks in here.
        """
        return self.store.workspace(key_of(workspace_id, "Workspace"))


async def get_context(
    store: Store = Depends(get_store),  # noqa: B008
    analysis: AnalysisCache = Depends(get_analysis),  # noqa: B008
) -> Context:
    return Context(store, analysis)
