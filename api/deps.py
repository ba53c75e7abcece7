"""FastAPI dependencies shared by the REST routes and the GraphQL context."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from graph.analysis import AnalysisCache
from graph.store import Store


def get_store(request: Request) -> Store:
    """The process's store, made in the app's lifespan."""
    store: Store = request.app.state.store
    return store


def get_analysis(request: Request) -> AnalysisCache:
    """The process's analysis cache, made in the app's lifespan."""
    cache: AnalysisCache = request.app.state.analysis
    return cache


StoreDep = Annotated[Store, Depends(get_store)]
AnalysisDep = Annotated[AnalysisCache, Depends(get_analysis)]
