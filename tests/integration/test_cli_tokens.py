"""`statusmap token`: the first admin token comes from the command line, shown once."""

from __future__ import annotations

import subprocess
import uuid

import pytest
from fastapi import FastAPI

from graph.database.connection import Neo4jTarget
from tests.conftest import asgi_client
from tests.integration.conftest import run_statusmap

pytestmark = pytest.mark.integration


def _cli(target: Neo4jTarget, *args: str) -> subprocess.CompletedProcess[str]:
    return run_statusmap(target, "token", *args)


async def test_create_use_list_and_revoke_a_token(app: FastAPI, neo4j_target: Neo4jTarget) -> None:
    user, ws = f"cli-{uuid.uuid4().hex[:6]}", f"cli-ws-{uuid.uuid4().hex[:6]}"
    made = _cli(neo4j_target, "create", "--user", user, "--workspace", ws, "--role", "admin")
    assert made.returncode == 0, made.stderr
    token = made.stdout.strip()
    assert token.startswith("smt_")
    assert "shown once" in made.stderr

    async with asgi_client(app, token) as client:
        response = await client.post(
            "/graphql",
            json={
                "query": "query($id: ID!) { workspace(id: $id) { key } }",
                "variables": {"id": ws},
            },
        )
        assert response.json()["data"]["workspace"] == {"key": ws}

        listed = _cli(neo4j_target, "list", "--user", user)
        assert listed.returncode == 0
        token_id = token.split("_")[1]
        assert token_id in listed.stdout
        assert token.split("_", 2)[2] not in listed.stdout  # never the secret

        revoked = _cli(neo4j_target, "revoke", token_id)
        assert revoked.returncode == 0, revoked.stderr
        app.state.tokens.forget()  # another process revoked it; skip the 5 s cache
        again = await client.post("/graphql", json={"query": "{ workspaces { totalCount } }"})
        assert again.status_code == 401

    unknown = _cli(neo4j_target, "revoke", "0123456789abcdef")
    assert unknown.returncode == 1
    assert "no active token" in unknown.stderr
