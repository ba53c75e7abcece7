"""Concurrent creates of one id: exactly one succeeds, every other caller gets a conflict."""

from __future__ import annotations

import asyncio
import uuid

import httpx
import pytest

pytestmark = pytest.mark.integration

CALLERS = 50

CREATES = {
    "createPerson": ("CreatePersonInput", {"name": "Racer"}),
    "createOrganisation": ("CreateOrganisationInput", {"name": "Racer", "kind": "CUSTOMER"}),
    "createDeal": ("CreateDealInput", {"name": "Racer"}),
}


@pytest.mark.parametrize("field", list(CREATES))
async def test_one_of_many_concurrent_creates_succeeds(
    client: httpx.AsyncClient, workspace: str, field: str
) -> None:
    input_type, fields = CREATES[field]
    node_id = f"racer-{uuid.uuid4().hex[:8]}"
    if field == "createDeal":
        org = await client.post(
            "/graphql",
            json={
                "query": "mutation($input: CreateOrganisationInput!) { createOrganisation("
                "input: $input) { __typename } }",
                "variables": {
                    "input": {"workspaceId": workspace, "id": f"{node_id}-org", "name": "Org"}
                },
            },
        )
        assert org.json()["data"]["createOrganisation"]["__typename"] == "OrganisationSuccess"
        fields = {**fields, "organisationId": f"{node_id}-org"}
    document = f"mutation($input: {input_type}!) {{ {field}(input: $input) {{ __typename }} }}"
    payload = {
        "query": document,
        "variables": {"input": {"workspaceId": workspace, "id": node_id, **fields}},
    }
    answers = await asyncio.gather(*(client.post("/graphql", json=payload) for _ in range(CALLERS)))
    kinds = sorted(a.json()["data"][field]["__typename"] for a in answers)
    assert kinds.count("ConflictError") == CALLERS - 1, kinds


async def test_one_of_many_concurrent_workspace_creates_succeeds(client: httpx.AsyncClient) -> None:
    payload = {
        "query": 'mutation($k: String!) { createWorkspace(input: {id: $k, name: "R"}) {'
        " __typename } }",
        "variables": {"k": f"racer-{uuid.uuid4().hex[:8]}"},
    }
    answers = await asyncio.gather(
        *(client.post("/graphql", json=payload) for _ in range(CALLERS // 5))
    )
    kinds = sorted(a.json()["data"]["createWorkspace"]["__typename"] for a in answers)
    assert kinds.count("ConflictError") == CALLERS // 5 - 1, kinds
