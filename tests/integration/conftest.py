"""Fixtures for the status-map tests: a GraphQL caller and a fresh workspace per test."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import pytest

GraphQL = Callable[..., Awaitable[dict[str, Any]]]


@pytest.fixture
def gql(client: httpx.AsyncClient) -> GraphQL:
    """POST a GraphQL document; returns ``data``, failing the test on any GraphQL error."""

    async def call(document: str, allow_errors: bool = False, **variables: Any) -> dict[str, Any]:
        response = await client.post("/graphql", json={"query": document, "variables": variables})
        body = response.json()
        if not allow_errors:
            assert response.status_code == 200, body
            assert "errors" not in body, body["errors"]
            return dict(body["data"])
        return dict(body)

    return call


@pytest.fixture
async def workspace(gql: GraphQL) -> str:
    """The key of a new, empty workspace."""
    key = f"ws-{uuid.uuid4().hex[:10]}"
    data = await gql(
        'mutation($k: String!) { createWorkspace(input: {id: $k, name: "Test"}) {'
        " __typename ... on WorkspaceSuccess { workspace { key } } } }",
        k=key,
    )
    assert data["createWorkspace"]["workspace"]["key"] == key
    return key
