"""The REPORTS_TO rule's stored outcome (``queries/fragments/reporting_influence.cypher``).

A reporting line carries ``influence_weight`` 0.0 when an INFLUENCES edge with a weight runs
from the manager to the report, and none when the line adds the configured weight (the native
GDS projection reads it). Every path that writes INFLUENCES or REPORTS_TO keeps it; the schema
step sets it on lines stored before. Each check compares every line of the workspace with the
rule evaluated afresh, and asserts that both outcomes occur, so that it could fail.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import pytest

import graph.database.store as store_module
from graph.database.store import Store
from tests.integration.conftest import GraphQL, import_demo

pytestmark = pytest.mark.integration

LINES = """
MATCH (report:Person {workspace: $ws})-[line:REPORTS_TO]->(manager:Person)
RETURN report.id AS report, manager.id AS manager, line.influence_weight AS stored,
       report = manager
         OR EXISTS { (manager)-[i:INFLUENCES]->(report) WHERE i.weight IS NOT NULL } AS shadowed
ORDER BY report, manager
"""

ORG = """mutation($ws: ID!, $id: String) { createOrganisation(input:
  {workspaceId: $ws, id: $id, name: "Us", kind: HOME}) { __typename } }"""
PERSON = """mutation($ws: ID!, $id: String, $name: String!, $org: ID) {
  createPerson(input: {workspaceId: $ws, id: $id, name: $name, organisationId: $org}) {
    __typename } }"""
REPORTS = """mutation($ws: ID!, $p: ID!, $m: ID!) { addReportsTo(input:
  {workspaceId: $ws, personId: $p, managerId: $m}) { __typename } }"""
UNREPORT = """mutation($ws: ID!, $p: ID!, $m: ID!) { removeReportsTo(input:
  {workspaceId: $ws, personId: $p, managerId: $m}) { __typename } }"""
INFLUENCE = """mutation($ws: ID!, $s: ID!, $t: ID!, $w: Float!, $by: ID) { upsertInfluence(input:
  {workspaceId: $ws, sourceId: $s, targetId: $t, weight: $w, kind: ADVICE, reportedBy: $by}) {
    __typename } }"""
UNINFLUENCE = """mutation($ws: ID!, $s: ID!, $t: ID!) { deleteInfluence(input:
  {workspaceId: $ws, sourceId: $s, targetId: $t}) { __typename } }"""


async def _lines(store: Store, workspace: str) -> list[dict[str, Any]]:
    records, _, _ = await store.driver.execute_query(LINES, {"ws": workspace})
    return [r.data() for r in records]


def _kept(lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The lines whose stored outcome is not the rule's."""
    return [r for r in lines if r["stored"] != (0.0 if r["shadowed"] else None)]


async def _stored(store: Store, workspace: str, report: str, manager: str) -> float | None:
    lines = await _lines(store, workspace)
    assert _kept(lines) == []
    [line] = [
        r for r in lines if r["report"].startswith(report) and r["manager"].startswith(manager)
    ]
    return line["stored"]  # type: ignore[no-any-return]


async def test_every_graphql_write_keeps_the_outcome(
    gql: GraphQL, workspace: str, store: Store
) -> None:
    await gql(ORG, ws=workspace, id="us~")
    for key in ("boss~", "ann~"):
        await gql(PERSON, ws=workspace, id=key, name=key.strip("~").title(), org=None)
    await gql(PERSON, ws=workspace, id="me~", name="Me", org="us~")  # one of our people
    assert (await gql(REPORTS, ws=workspace, p="ann~", m="boss~"))["addReportsTo"] == {
        "__typename": "EdgeSuccess"
    }
    assert await _stored(store, workspace, "ann", "boss") is None  # adds the configured weight

    await gql(INFLUENCE, ws=workspace, s="boss~", t="ann~", w=0.2, by=None)
    assert await _stored(store, workspace, "ann", "boss") == 0.0  # the edge says how much
    # A second observer's report: the weight becomes the consensus (set_influence_weights).
    await gql(INFLUENCE, ws=workspace, s="boss~", t="ann~", w=0.8, by="me~")
    assert await _stored(store, workspace, "ann", "boss") == 0.0
    # An edge the other way, or to someone else, leaves the line as it is.
    await gql(INFLUENCE, ws=workspace, s="ann~", t="boss~", w=0.7, by=None)
    await gql(INFLUENCE, ws=workspace, s="boss~", t="me~", w=0.7, by=None)
    assert await _stored(store, workspace, "ann", "boss") == 0.0

    await gql(UNINFLUENCE, ws=workspace, s="boss~", t="ann~")
    assert await _stored(store, workspace, "ann", "boss") is None

    # A line added beside an edge already there.
    await gql(INFLUENCE, ws=workspace, s="boss~", t="ann~", w=0.4, by=None)
    await gql(UNREPORT, ws=workspace, p="ann~", m="boss~")
    assert await _lines(store, workspace) == []
    await gql(REPORTS, ws=workspace, p="ann~", m="boss~")
    assert await _stored(store, workspace, "ann", "boss") == 0.0
    await gql(REPORTS, ws=workspace, p="me~", m="boss~")
    assert await _stored(store, workspace, "me", "boss") == 0.0
    await gql(UNINFLUENCE, ws=workspace, s="boss~", t="me~")
    assert await _stored(store, workspace, "me", "boss") is None


async def test_the_import_keeps_the_outcome(store: Store, workspace: str, tmp_path: Path) -> None:
    await import_demo(store, workspace, tmp_path, f"ri{uuid.uuid4().hex[:4]}-")
    lines = await _lines(store, workspace)
    assert _kept(lines) == []
    assert {r["shadowed"] for r in lines} == {True, False}, "the demo has both kinds of line"


async def test_the_schema_step_sets_lines_stored_before(
    store: Store, workspace: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    await import_demo(store, workspace, tmp_path, f"rs{uuid.uuid4().hex[:4]}-")
    # Lines as an older version (or a bulk import) left them: no outcome stored, one wrong.
    await store.driver.execute_query(
        "MATCH (:Person {workspace: $ws})-[line:REPORTS_TO]->() REMOVE line.influence_weight",
        {"ws": workspace},
    )
    await store.driver.execute_query(
        "MATCH (:Person {workspace: $ws})-[line:REPORTS_TO]->() "
        "WITH line LIMIT 1 SET line.influence_weight = 0.0",
        {"ws": workspace},
    )
    assert _kept(await _lines(store, workspace)) != []
    monkeypatch.setattr(store_module, "SCHEMA_STEP_BATCH", 50)
    await store.driver.execute_query("MATCH (s:SchemaStep {name: 'reporting_influence'}) DELETE s")
    await store.apply_schema()
    lines = await _lines(store, workspace)
    assert _kept(lines) == []
    assert {r["shadowed"] for r in lines} == {True, False}
