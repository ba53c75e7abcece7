"""Per-request GraphQL context: the store, and (later) loaders and the caller."""

from __future__ import annotations

from fastapi import Depends
from strawberry.fastapi import BaseContext

from api.deps import get_store
from graph.store import Store


class Context(BaseContext):
    """What every resolver gets through ``info.context``."""

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store


async def get_context(store: Store = Depends(get_store)) -> Context:  # noqa: B008
    return Context(store)
