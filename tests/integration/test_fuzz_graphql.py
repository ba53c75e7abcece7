"""Property-based fuzzing of ``/graphql``: generated queries and mutations, valid and not.

Documents come from the schema (hypothesis-graphql); ids are drawn from the keys and global
ids of two real workspaces (so writes reach real data) or are arbitrary text. For every
document: no 5xx, no stack trace or Cypher in the answer, a rejected request changes nothing in
the workspace it named, and a workspace the caller does not belong to never changes.

Bounded and repeatable: a fixed number of examples per operation group, derandomized.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from graphql import NameNode, ObjectFieldNode, build_schema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_graphql import Mode, mutations, nodes, queries
from neo4j import Driver, GraphDatabase
from strawberry import relay

from api.settings import Settings
from graph.database.connection import Neo4jTarget
from tests.conftest import repo_root
from tests.live_server import live_server

pytestmark = pytest.mark.integration

SCHEMA = build_schema((repo_root() / "api" / "schema.graphql").read_text())
MUTATIONS = sorted(SCHEMA.mutation_type.fields) if SCHEMA.mutation_type else []
# Deleting the fuzzed workspace would leave the rest of a run nothing to hit.
WRITES = [m for m in MUTATIONS if m != "deleteWorkspace"]
GROUPS = {
    "workspace": [m for m in WRITES if "Workspace" in m or m in {
        "createLadder", "setStatusLevel", "setIdealCustomerProfile"}],
    "organisation": [m for m in WRITES if "Organisation" in m or "Partner" in m],
    "person": [m for m in WRITES if "Person" in m or "People" in m],
    "relation": [m for m in WRITES if any(k in m for k in ("Influence", "Knows", "ReportsTo"))],
    "deal": [m for m in WRITES if "Deal" in m or "BuyingCentre" in m or "Journey" in m
             or m in {"saveView", "deleteView"}],
}  # fmt: skip
LEAKS = (
    "Traceback",
    'File "',
    "neo4j.",
    "Neo4jError",
    "MATCH (",
    "MERGE (",
    "UNWIND ",
    "$workspace",
)

FUZZ = settings(
    max_examples=50,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)


def test_every_mutation_belongs_to_a_fuzzed_group() -> None:
    grouped = {m for names in GROUPS.values() for m in names}
    assert set(WRITES) <= grouped, set(WRITES) - grouped


@dataclass
class World:
    url: str
    token: str
    sandbox: str
    protected: str
    ids: list[str]
    driver: Driver

    def snapshot(self, workspace: str) -> tuple[Any, ...]:
        records, _, _ = self.driver.execute_query(
            "MATCH (n {workspace: $ws}) OPTIONAL MATCH (n)-[r]-() "
            "RETURN count(DISTINCT n) AS nodes, count(DISTINCT r) AS rels, "
            "collect(DISTINCT properties(n)) AS props, collect(DISTINCT properties(r)) AS rprops",
            {"ws": workspace},
        )
        row = records[0]
        return (
            row["nodes"],
            row["rels"],
            sorted(map(repr, row["props"])),
            sorted(map(repr, row["rprops"])),
        )


SETUP = """
mutation {
  createWorkspace(input: {id: $ws, name: "Fuzz"}) { __typename }
  createOrganisation(input: {workspaceId: $ws, id: $org, name: "Acme", kind: CUSTOMER}) {
    __typename
  }
  upsertPeople(input: {workspaceId: $ws, people: [
    {id: $ann, name: "Ann", title: "Chief Executive Officer", organisationId: $org},
    {id: $bo, name: "Bo", title: "IT Manager", organisationId: $org}]}) { __typename }
  upsertInfluence(input: {workspaceId: $ws, sourceId: $ann, targetId: $bo, weight: 0.8}) {
    __typename
  }
  createDeal(input: {workspaceId: $ws, id: $deal, name: "Deal", organisationId: $org}) {
    __typename
  }
  setBuyingCentreMember(input: {workspaceId: $ws, dealId: $deal, personId: $ann,
                                roles: [DECIDER], stance: NEUTRAL}) { __typename }
}
"""


def _seed(url: str, token: str, ws: str) -> list[str]:
    keys = {"org": f"{ws}-org", "ann": f"{ws}-ann", "bo": f"{ws}-bo", "deal": f"{ws}-deal"}
    document = SETUP
    for name, value in {"ws": ws, **keys}.items():
        document = re.sub(rf"\${name}\b", json.dumps(value), document)
    response = httpx.post(
        f"{url}/graphql",
        json={"query": document},
        headers={"authorization": f"Bearer {token}"},
        timeout=60,
    )
    body = response.json()
    assert response.status_code == 200 and "errors" not in body, body
    assert all(not v["__typename"].endswith("Error") for v in body["data"].values()), body
    types = {"org": "Organisation", "ann": "Person", "bo": "Person", "deal": "Deal"}
    gids = [str(relay.GlobalID(types[k], v)) for k, v in keys.items()]
    return [ws, str(relay.GlobalID("Workspace", ws)), *keys.values(), *gids]


@pytest.fixture(scope="module")
def world(
    settings: Settings, neo4j_target: Neo4jTarget, admin_token: str, other_token: str
) -> Iterator[World]:
    auth = (neo4j_target.user, neo4j_target.password) if neo4j_target.password else None
    with (
        live_server(settings) as url,
        GraphDatabase.driver(neo4j_target.uri, auth=auth) as driver,
    ):
        tag = uuid.uuid4().hex[:8]
        sandbox, protected = f"fuzz-{tag}", f"fuzzp-{tag}"
        ids = _seed(url, admin_token, sandbox) + _seed(url, other_token, protected)
        # Most generated ids name one of the two workspaces, so writes reach data (or are
        # refused by the isolation rules) rather than stopping at "no such workspace".
        ids += [sandbox] * 6 + [protected] * 3
        yield World(url, admin_token, sandbox, protected, ids, driver)


@pytest.fixture(scope="module")
async def other_token(app: Any) -> str:
    from graph.repository.auth import issue_token

    issued = await issue_token(
        app.state.store, f"fuzz-other-{uuid.uuid4().hex[:6]}", superuser=True
    )
    return issued.token


def _custom_scalars(ids: list[str]) -> dict[str, st.SearchStrategy[Any]]:
    known = st.sampled_from(ids)
    return {
        "ID": st.one_of(known, known, st.text(max_size=40)).map(nodes.String),
        "Date": st.one_of(st.dates().map(str), st.text(max_size=12)).map(nodes.String),
        "DateTime": st.one_of(st.datetimes().map(lambda d: d.isoformat()), st.text(max_size=12))
        .map(nodes.String),
        "JSON": _json_literal(),
    }  # fmt: skip


def _json_literal() -> st.SearchStrategy[Any]:
    """A JSON scalar's literal: an object of a few keys (a saved view's state), or a bare value."""
    leaf = st.one_of(
        st.floats(allow_nan=False, allow_infinity=False).map(nodes.Float),
        st.integers(-10, 10).map(nodes.Int),
        st.text(max_size=20).map(nodes.String),
    )
    key = st.sampled_from(["minWeight", "hidden", "moved", "viewport", "x"])
    field = st.tuples(key, leaf).map(
        lambda kv: ObjectFieldNode(name=NameNode(value=kv[0]), value=kv[1])
    )
    objects = st.lists(field, max_size=4, unique_by=lambda f: f.name.value).map(nodes.Object)
    return st.one_of(objects, leaf)


def _check(world: World, document: str, before: tuple[Any, ...], guarded: tuple[Any, ...]) -> None:
    response = httpx.post(
        f"{world.url}/graphql",
        json={"query": document},
        headers={"authorization": f"Bearer {world.token}"},
        timeout=120,
    )
    assert response.status_code < 500, (document, response.text)
    try:
        body = response.json()
    except json.JSONDecodeError:
        body = {"text": response.text}
    errors = json.dumps(body.get("errors", body.get("text", "")))
    for leak in LEAKS:
        assert leak not in errors, (leak, document, errors)
    rejected = response.status_code >= 400 or body.get("data") is None
    if rejected:
        assert world.snapshot(world.sandbox) == before, ("rejected but changed", document, body)
    assert world.snapshot(world.protected) == guarded, ("other workspace changed", document, body)


def _run(world: World, strategy: st.SearchStrategy[Any]) -> None:
    guarded = world.snapshot(world.protected)

    @FUZZ
    @given(document=strategy)
    def fuzz(document: str) -> None:
        _check(world, document, world.snapshot(world.sandbox), guarded)

    fuzz()


def test_generated_queries(world: World) -> None:
    _run(world, queries(SCHEMA, custom_scalars=_custom_scalars(world.ids)))


def test_queries_that_break_the_schema(world: World) -> None:
    _run(world, queries(SCHEMA, custom_scalars=_custom_scalars(world.ids), mode=Mode.NEGATIVE))


@pytest.mark.parametrize("group", sorted(GROUPS))
def test_generated_mutations(world: World, group: str) -> None:
    _run(world, mutations(SCHEMA, fields=GROUPS[group], custom_scalars=_custom_scalars(world.ids)))


def test_mutations_that_break_the_schema(world: World) -> None:
    strategy = mutations(
        SCHEMA, fields=WRITES, custom_scalars=_custom_scalars(world.ids), mode=Mode.NEGATIVE
    )
    _run(world, strategy)
