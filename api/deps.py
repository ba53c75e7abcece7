"""FastAPI dependencies shared by the REST routes and the GraphQL context."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from graph.store import Store


def get_store(request: Request) -> Store:
    """The process's store, made in the app's lifespan."""
    store: Store = request.app.state.store
    return store


StoreDep = Annotated[Store, Depends(get_store)]
