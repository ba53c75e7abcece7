"""Hostile strings through every string field of the main writes and the search are inert.

Each value is either stored and returned exactly as sent, or refused with a clear validation
error; either way nothing outside the workspace changes and no statement runs but ours. The
GraphQL limits (depth, aliases, tokens, page size) answer with errors that say which limit.
"""

from __future__ import annotations

import contextlib
import csv
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from neo4j import AsyncDriver

from api.app import create_app
from api.graphql.schema import MAX_ALIASES, MAX_DEPTH
from api.settings import Settings
from graph.database.store import Store
from graph.exports.run import export_scope
from graph.repository.writes import MAX_PAGE_SIZE
from tests.conftest import asgi_client
from tests.integration.conftest import GraphQL

pytestmark = pytest.mark.integration

HOSTILE = [
    "x' }) DETACH DELETE n //",
    'x" }) MATCH (n) DETACH DELETE n //',
    "x'}) WITH 1 AS a MATCH (n) SET n.workspace = 'pwned' //",
    "$workspace",
    "{workspace}",
    "`Person` RETURN 1 UNION CALL dbms.components()",
    "a\u0000b",
    "\\' OR 1=1 --",
    "Zoë 名字 🚀 \u202e",
    "=cmd|' /C calc'!A0",
    "x" * 100_000,
]
IDS = ["x' }) DETACH DELETE n //", "$workspace", "a\u0000b", "../../etc/passwd", "x" * 5_000]
LEAKS = ("Traceback", "neo4j.", "Neo4jError", "MATCH (", "$workspace")


async def _counts(driver: AsyncDriver, workspace: str) -> tuple[int, int]:
    """Nodes and relationships outside ``workspace`` (auth data included)."""
    records, _, _ = await driver.execute_query(
        "MATCH (n) WHERE n.workspace IS NULL OR n.workspace <> $ws "
        "OPTIONAL MATCH (n)-[r]-() RETURN count(DISTINCT n) AS nodes, count(DISTINCT r) AS rels",
        {"ws": workspace},
    )
    return records[0]["nodes"], records[0]["rels"]


@pytest.fixture
async def acme(gql: GraphQL, workspace: str) -> str:
    data = await gql(
        """mutation($ws: ID!) {
          createOrganisation(input: {workspaceId: $ws, id: "org~", name: "Acme", kind: CUSTOMER}) {
            __typename }
          upsertPeople(input: {workspaceId: $ws, people: [
            {id: "ann~", name: "Ann", organisationId: "org~"},
            {id: "bo~", name: "Bo", organisationId: "org~"}]}) { __typename }
          createDeal(input: {workspaceId: $ws, id: "deal~", name: "Deal", organisationId: "org~"}) {
            __typename }
          setBuyingCentreMember(input: {workspaceId: $ws, dealId: "deal~", personId: "ann~",
                                        roles: [DECIDER], stance: NEUTRAL}) { __typename }
        }""",
        ws=workspace,
    )
    assert all(v["__typename"].endswith("Success") for v in data.values()), data
    return workspace


RESULT = "__typename ... on ValidationError { fields { field message } }"
# (write, read back, where the value comes back); $v is the hostile value.
FIELDS: list[tuple[str, str, str]] = [
    (
        "updateWorkspace(input: {workspaceId: $ws, name: $v})",
        "workspace(id: $ws) { name }",
        "workspace.name",
    ),
    *[
        (
            f'updateOrganisation(input: {{workspaceId: $ws, id: "org~", {f}: $v}})',
            f'workspace(id: $ws) {{ organisation(id: "org~") {{ {f} }} }}',
            f"workspace.organisation.{f}",
        )
        for f in ("name", "industry", "country", "region", "sizeBand", "revenueBand")
    ],
    *[
        (
            f'updatePerson(input: {{workspaceId: $ws, id: "ann~", {f}: $v}})',
            f'workspace(id: $ws) {{ person(id: "ann~") {{ {f} }} }}',
            f"workspace.person.{f}",
        )
        for f in ("name", "title", "department", "email")
    ],
    (
        'updatePerson(input: {workspaceId: $ws, id: "ann~", tags: [$v], needs: [$v]}) ',
        'workspace(id: $ws) { person(id: "ann~") { tags } }',
        "workspace.person.tags.0",
    ),
    (
        'upsertInfluence(input: {workspaceId: $ws, sourceId: "ann~", targetId: "bo~", '
        "weight: 0.5, evidence: $v})",
        'workspace(id: $ws) { person(id: "bo~") { influencers { evidence } } }',
        "workspace.person.influencers.0.evidence",
    ),
    (
        'updateDeal(input: {workspaceId: $ws, id: "deal~", name: $v})',
        'workspace(id: $ws) { deal(id: "deal~") { name } }',
        "workspace.deal.name",
    ),
    (
        'recordJourneyStage(input: {workspaceId: $ws, dealId: "deal~", personId: "ann~", '
        "stage: TRUST, note: $v})",
        'workspace(id: $ws) { deal(id: "deal~") { buyingCentre { journey { note } } } }',
        "workspace.deal.buyingCentre.0.journey.-1.note",
    ),
]


def _at(data: Any, path: str) -> Any:
    for step in path.split("."):
        data = data[int(step)] if isinstance(data, list) else data[step]
    return data


def _clean(body: dict[str, Any]) -> None:
    text = repr(body.get("errors", ""))
    for leak in LEAKS:
        assert leak not in text, (leak, text[:500])


@pytest.mark.parametrize("value", HOSTILE, ids=[repr(v[:24]) for v in HOSTILE])
async def test_hostile_strings_are_stored_verbatim(
    gql: GraphQL, driver: AsyncDriver, acme: str, value: str
) -> None:
    outside = await _counts(driver, acme)
    for write, read, path in FIELDS:
        body = await gql(
            f"mutation($ws: ID!, $v: String!) {{ result: {write} {{ {RESULT} }} }}",
            allow_errors=True,
            ws=acme,
            v=value,
        )
        _clean(body)
        assert "errors" not in body, (write, body)
        result = body["data"]["result"]
        back = await gql(f"query($ws: ID!) {{ {read} }}", ws=acme)
        if result["__typename"] == "ValidationError":  # refused, with the field named
            assert result["fields"] and result["fields"][0]["message"], result
            with contextlib.suppress(IndexError, TypeError, KeyError):
                assert _at(back, path) != value, write
        else:
            assert result["__typename"].endswith("Success"), (write, body)
            assert _at(back, path) == value, write
    search = await gql(
        "query($ws: ID!, $v: String!) { workspace(id: $ws) { people(search: $v) { totalCount }"
        " organisations(search: $v) { totalCount } } }",
        ws=acme,
        v=value,
    )
    assert search["workspace"]["people"]["totalCount"] <= 1  # Ann's name is $v, Bo's is not
    assert await _counts(driver, acme) == outside


@pytest.mark.parametrize("key", IDS, ids=[repr(k[:24]) for k in IDS])
async def test_hostile_ids_are_refused_or_kept(
    gql: GraphQL, driver: AsyncDriver, acme: str, key: str
) -> None:
    outside = await _counts(driver, acme)
    body = await gql(
        """mutation($ws: ID!, $k: String!, $ref: ID!) {
          person: createPerson(input: {workspaceId: $ws, id: $k, name: "Eve"}) {
            __typename ... on ValidationError { fields { field message } } }
          deal: createDeal(input: {workspaceId: $ws, id: $k, name: "D", organisationId: "org~"}) {
            __typename ... on ValidationError { fields { field message } } }
          edge: addReportsTo(input: {workspaceId: $ws, personId: $ref, managerId: "ann~"}) {
            __typename }
        }""",
        allow_errors=True,
        ws=acme,
        k=key,
        ref=key,
    )
    _clean(body)
    for field in ("person", "deal"):
        result = body["data"][field]
        if result["__typename"] == "ValidationError":
            assert any(f["field"] == "id" for f in result["fields"]), result
        else:
            assert result["__typename"].endswith("Success"), result
    lookup = await gql(
        "query($ws: ID!, $k: ID!) { workspace(id: $ws) { person(id: $k) { key } } }",
        ws=acme,
        k=key,
    )
    created = body["data"]["person"]["__typename"] == "PersonSuccess"
    assert (lookup["workspace"]["person"] == {"key": key}) is created
    assert await _counts(driver, acme) == outside


async def test_query_limits_answer_with_clear_errors(client: httpx.AsyncClient) -> None:
    deep = (
        '{ workspace(id: "w") { person(id: "p") { '
        + "reportsTo { " * MAX_DEPTH
        + "name"
        + " }" * (MAX_DEPTH + 3)
    )
    aliases = "{ " + " ".join(f"a{i}: __typename" for i in range(MAX_ALIASES + 1)) + " }"
    tokens = "{ " + " ".join("__typename" for _ in range(6000)) + " }"
    cases = {"depth": deep, "aliases": aliases, "tokens": tokens}
    for limit, document in cases.items():
        response = await client.post("/graphql", json={"query": document})
        assert response.status_code < 500, limit
        body = response.json()
        assert body.get("data") is None, limit
        message = body["errors"][0]["message"].lower()
        assert any(word in message for word in (limit.rstrip("s"), "exceed", "maximum")), message
    page = await client.post(
        "/graphql", json={"query": f"{{ workspaces(first: {MAX_PAGE_SIZE + 1}) {{ totalCount }} }}"}
    )
    body = page.json()
    assert page.status_code < 500
    assert str(MAX_PAGE_SIZE) in body["errors"][0]["message"], body


async def test_formula_cells_are_neutralised_in_csv_export(
    gql: GraphQL, store: Store, acme: str, tmp_path: Path
) -> None:
    await gql(
        """mutation($ws: ID!) { updatePerson(input: {workspaceId: $ws, id: "ann~",
             name: "=HYPERLINK(\\"http://x\\",\\"y\\")", title: "@SUM(1+1)",
             department: "+cmd|' /C calc'!A0"}) { __typename } }""",
        ws=acme,
    )
    await export_scope(store.workspace(acme), "csv", tmp_path)
    with (tmp_path / "people.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    cells = [v for row in rows for v in row.values() if v]
    assert cells, rows
    assert not [c for c in cells if c[0] in "=+@" or (c[0] == "-" and not _number(c))], cells
    ann = next(row for row in rows if row["first_name"].startswith("'="))
    assert ann["title"] == "'@SUM(1+1)"


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


async def test_uploads_over_the_limit_are_refused_with_413(
    app: FastAPI, settings: Settings, admin_token: str, driver: AsyncDriver, acme: str
) -> None:
    limited = create_app(settings.model_copy(update={"max_upload_bytes": 1000}))
    before = await _counts(driver, "")
    async with limited.router.lifespan_context(limited), asgi_client(limited, admin_token) as c:
        row = b"p-big,Ann,Lee," + b"x" * 2000 + b"\n"
        response = await c.post(
            f"/workspaces/{acme}/imports",
            files=[("files", ("people.csv", b"id,first_name,last_name,title\n" + row, "text/csv"))],
        )
        assert await _counts(driver, "") == before  # nothing written
        small = await c.post(
            f"/workspaces/{acme}/imports",
            files=[("files", ("..", b"id,first_name,last_name\np-small,Bo,Li\n", "text/csv"))],
        )
    assert response.status_code == 413
    body = response.json()
    assert body["error"] == "upload_too_large"
    assert "1,000 bytes" in body["message"] and "STATUSMAP_MAX_UPLOAD_BYTES" in body["message"]
    assert small.status_code in (200, 422), small.text  # a name like '..' stays in its directory
