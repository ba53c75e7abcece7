"""Fixtures for the status-map tests: a GraphQL caller and a fresh workspace per test."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from graph.database.connection import Neo4jTarget
from graph.database.store import Store
from graph.imports.formats import FORMATS
from graph.imports.run import import_files
from seed.demo import DEMO
from seed.files import write_csv_files
from seed.generator import SeedConfig, generate
from tests.integration.test_isolation import Team, _team

GraphQL = Callable[..., Awaitable[dict[str, Any]]]

STATUSMAP = str(Path(sys.executable).with_name("statusmap"))


def run_statusmap(target: Neo4jTarget, *args: str) -> subprocess.CompletedProcess[str]:
    """``statusmap <args>`` as its own process on the test Neo4j."""
    env = os.environ | {
        "NEO4J_URI": target.uri,
        "NEO4J_USER": target.user,
        "NEO4J_PASSWORD": target.password or "",
        "STATUSMAP_ANALYTICS_ENGINE": "python",  # as the app's (tests/conftest.py settings)
    }
    return subprocess.run([STATUSMAP, *args], env=env, capture_output=True, text=True, timeout=120)


def _swap(value: Any, old: str, new: str) -> Any:
    if isinstance(value, str):
        return value.replace(old, new)
    if isinstance(value, list):
        return [_swap(v, old, new) for v in value]
    if isinstance(value, dict):
        return {k: _swap(v, old, new) for k, v in value.items()}
    return value


@pytest.fixture
def gql(client: httpx.AsyncClient) -> GraphQL:
    """POST a GraphQL document; returns ``data``, failing the test on any GraphQL error.

    Ids are unique per label across all workspaces, so a ``~`` in the document or variables
    becomes a tag unique to the test (and back again in the answer): tests write ``"acme~"``.
    """
    tag = f"-{uuid.uuid4().hex[:8]}"

    async def call(document: str, allow_errors: bool = False, **variables: Any) -> dict[str, Any]:
        payload = {"query": document.replace("~", tag), "variables": _swap(variables, "~", tag)}
        response = await client.post("/graphql", json=payload)
        body = _swap(response.json(), tag, "~")
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


@pytest.fixture
async def ours(app: FastAPI) -> AsyncIterator[Team]:
    """A team with a workspace of its own (tests/integration/test_isolation.py)."""
    async for team in _team(app, "ours"):
        yield team


@pytest.fixture
async def theirs(app: FastAPI) -> AsyncIterator[Team]:
    """A second team, in another workspace."""
    async for team in _team(app, "theirs"):
        yield team


async def import_demo(store: Store, workspace: str, directory: Path, prefix: str) -> None:
    """The demo's accounts, people and deals imported into ``workspace``, keys prefixed."""
    config = SeedConfig(accounts=DEMO.accounts, people=DEMO.people, seed=DEMO.seed, prefix=prefix)
    write_csv_files(generate(config), directory)
    paths = [directory / f.file_name for f in FORMATS.values()]
    assert (await import_files(store, workspace, paths)).applied
