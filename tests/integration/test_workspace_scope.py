"""A whole workspace read as arrays, edges in chunks of people, on a real Neo4j."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import FastAPI

from graph.analytics import cross_account_influencers, influence_graph, influence_rank
from graph.analytics.workspace_graph import (
    WorkspaceGraph,
    top_cross_account_influencers,
    workspace_influence_rank,
)
from graph.scopes.read import read_scope
from graph.scopes.workspace import read_workspace_graph
from tests.integration.conftest import GraphQL
from tests.integration.test_analytics_graphql import _ok

pytestmark = pytest.mark.integration

# An analyst (partner) advises people at two accounts; acme's CFO advises its CEO twice over
# (an INFLUENCES edge and a reporting line the other way round: the edge wins); the IT manager
# reports to the CFO; bolt's buyer is advised by acme's CFO. Nobody knows anyone: KNOWS plays
# no part in the influence graph, so one KNOWS edge is there to be left out.
PEOPLE = [
    ("analyst", "partner", 5),
    ("ceo", "acme", 6),
    ("cfo", "acme", 6),
    ("it", "acme", 3),
    ("buyer", "bolt", 4),
    ("us", "home", 5),
]
INFLUENCES = [
    ("analyst", "ceo", 0.6),
    ("analyst", "buyer", 0.4),
    ("cfo", "ceo", 0.8),
    ("cfo", "buyer", 0.3),
]
REPORTS = [("it", "cfo"), ("cfo", "ceo")]  # (report, manager)


async def _build(gql: GraphQL, ws: str) -> None:
    orgs = [
        {"id": f"{ws}-acme", "name": "Acme", "kind": "CUSTOMER"},
        {"id": f"{ws}-bolt", "name": "Bolt", "kind": "PROSPECT"},
        {"id": f"{ws}-partner", "name": "Partner", "kind": "PARTNER"},
        {"id": f"{ws}-home", "name": "Us", "kind": "HOME"},
    ]
    await _ok(gql, "upsertOrganisations", "UpsertOrganisationsInput", {"organisations": orgs}, ws)
    people = [
        {"id": f"{ws}-{p}", "name": p, "organisationId": f"{ws}-{o}", "levelRank": r}
        for p, o, r in PEOPLE
    ]
    await _ok(gql, "upsertPeople", "UpsertPeopleInput", {"people": people}, ws)
    influences = [
        {"sourceId": f"{ws}-{a}", "targetId": f"{ws}-{b}", "weight": w, "kind": "ADVICE"}
        for a, b, w in INFLUENCES
    ]
    await _ok(gql, "upsertInfluences", "UpsertInfluencesInput", {"influences": influences}, ws)
    for report, manager in REPORTS:
        fields = {"personId": f"{ws}-{report}", "managerId": f"{ws}-{manager}"}
        await _ok(gql, "addReportsTo", "ReportsToInput", fields, ws)
    knows = {"sourceId": f"{ws}-us", "targetId": f"{ws}-ceo", "strength": 0.9}
    await _ok(gql, "upsertKnows", "UpsertKnowsInput", knows, ws)


def _edges(graph: WorkspaceGraph, ws: str) -> dict[tuple[str, str], float]:
    coo = graph.W.tocoo()
    short = [p.removeprefix(f"{ws}-") for p in graph.ids]
    return {
        (short[i], short[j]): w
        for i, j, w in zip(coo.row.tolist(), coo.col.tolist(), coo.data.tolist(), strict=True)
    }


@pytest.mark.parametrize("chunk", [1, 2, 1000])
async def test_workspace_read_in_chunks_gives_the_hand_built_graph(
    app: FastAPI, gql: GraphQL, workspace: str, chunk: int
) -> None:
    await _build(gql, workspace)
    ws = app.state.store.workspace(workspace)
    graph = await read_workspace_graph(ws, chunk=chunk)
    assert sorted(graph.ids) == sorted(f"{workspace}-{p}" for p, _, _ in PEOPLE)
    assert _edges(graph, workspace) == {
        ("analyst", "ceo"): 0.6,
        ("analyst", "buyer"): 0.4,
        ("cfo", "ceo"): 0.8,
        ("cfo", "buyer"): 0.3,
        ("cfo", "it"): 0.5,  # it reports to cfo
        ("ceo", "cfo"): 0.5,  # cfo reports to ceo; cfo -> ceo is a separate edge
    }
    kinds = dict(zip(graph.ids, graph.org_kinds, strict=True))
    assert kinds[f"{workspace}-analyst"] == "partner"
    assert kinds[f"{workspace}-buyer"] == "prospect"


async def test_workspace_read_agrees_with_the_scope_read(
    app: FastAPI, gql: GraphQL, workspace: str
) -> None:
    await _build(gql, workspace)
    # Another workspace's map must stay out of this one's graph.
    other = f"{workspace}-other"
    create = 'mutation($k: String!) { createWorkspace(input: {id: $k, name: "O"}) { __typename } }'
    await gql(create, k=other)
    await _build(gql, other)
    ws = app.state.store.workspace(workspace)
    graph = await read_workspace_graph(ws, chunk=4)
    scope = await read_scope(ws, "workspace")
    G = influence_graph(scope.people, scope.influences, scope.reports_to)
    assert _edges(graph, "") == {(a, b): w for a, b, w in G.edges(data="weight")}
    ranks = dict(zip(graph.ids, workspace_influence_rank(graph).tolist(), strict=True))
    assert ranks == pytest.approx(influence_rank(G), abs=1e-12)
    top = top_cross_account_influencers(graph, min_accounts=2)
    assert [c.person_id for c in top] == [c.person_id for c in cross_account_influencers(G)]
    assert [c.person_id for c in top] == [f"{workspace}-analyst"]  # cfo reaches bolt only


async def test_a_person_without_organisation_reads_as_none(
    app: FastAPI, gql: GraphQL, workspace: str
) -> None:
    await _build(gql, workspace)
    person = {"id": f"{workspace}-loner", "name": "loner"}
    await _ok(gql, "upsertPeople", "UpsertPeopleInput", {"people": [person]}, workspace)
    edge = {"sourceId": f"{workspace}-loner", "targetId": f"{workspace}-ceo", "weight": 0.2,
            "kind": "SOCIAL"}  # fmt: skip
    await _ok(gql, "upsertInfluences", "UpsertInfluencesInput", {"influences": [edge]}, workspace)
    graph = await read_workspace_graph(app.state.store.workspace(workspace), chunk=3)
    at = graph.ids.index(f"{workspace}-loner")
    assert (graph.org_ids[at], graph.org_kinds[at]) == (None, None)
    assert graph.org_ids[graph.ids.index(f"{workspace}-ceo")] == f"{workspace}-acme"
    assert _edges(graph, workspace)[("loner", "ceo")] == 0.2


async def test_an_empty_workspace_reads_as_an_empty_graph(app: FastAPI, workspace: str) -> None:
    graph = await read_workspace_graph(app.state.store.workspace(workspace))
    assert graph.ids == []
    assert graph.edges == 0


CROSS_ACCOUNT = """
query($ws: ID!, $first: Int!, $hops: Int!) {
  workspace(id: $ws) {
    crossAccountInfluencers(first: $first, hops: $hops) {
      personKey totalWeight accounts { organisationKey people weight }
    }
  }
}
"""


async def _cross_account(gql: GraphQL, ws: str, first: int = 50, hops: int = 1) -> list[Any]:
    data = await gql(CROSS_ACCOUNT, ws=ws, first=first, hops=hops)
    return list(data["workspace"]["crossAccountInfluencers"])


async def test_cross_account_influencers_through_graphql_follow_writes(
    gql: GraphQL, workspace: str
) -> None:
    await _build(gql, workspace)
    found = await _cross_account(gql, workspace)
    acme, bolt = f"{workspace}-acme", f"{workspace}-bolt"
    assert found == [
        {
            "personKey": f"{workspace}-analyst",
            "totalWeight": pytest.approx(1.0),
            "accounts": [
                {"organisationKey": acme, "people": [f"{workspace}-ceo"], "weight": 0.6},
                {"organisationKey": bolt, "people": [f"{workspace}-buyer"], "weight": 0.4},
            ],
        }
    ]
    # acme's CFO, who advises bolt's buyer, now also advises the CTO of a new prospect.
    await _ok(gql, "upsertOrganisations", "UpsertOrganisationsInput",
              {"organisations": [{"id": f"{workspace}-cork", "name": "Cork", "kind": "PROSPECT"}]},
              workspace)  # fmt: skip
    person = {"id": f"{workspace}-cto", "name": "cto", "organisationId": f"{workspace}-cork"}
    await _ok(gql, "upsertPeople", "UpsertPeopleInput", {"people": [person]}, workspace)
    edge = {"sourceId": f"{workspace}-cfo", "targetId": f"{workspace}-cto", "weight": 0.9,
            "kind": "PEER"}  # fmt: skip
    await _ok(gql, "upsertInfluences", "UpsertInfluencesInput", {"influences": [edge]}, workspace)
    found = await _cross_account(gql, workspace)
    # cfo: bolt 0.3 + cork 0.9 = 1.2 before the analyst's 1.0; both reach two accounts.
    assert [(c["personKey"], c["totalWeight"]) for c in found] == [
        (f"{workspace}-cfo", pytest.approx(1.2)),
        (f"{workspace}-analyst", pytest.approx(1.0)),
    ]
    assert [c["personKey"] for c in await _cross_account(gql, workspace, first=1)] == [
        f"{workspace}-cfo"
    ]
    # Two hops: the analyst also reaches acme's CFO through the CEO (0.6 x 0.5), 1.3 in all;
    # the CEO reaches bolt and cork through the CFO (0.5 x 0.3 + 0.5 x 0.9).
    two_hops = await _cross_account(gql, workspace, hops=2)
    assert [(c["personKey"], c["totalWeight"]) for c in two_hops] == [
        (f"{workspace}-analyst", pytest.approx(1.3)),
        (f"{workspace}-cfo", pytest.approx(1.2)),
        (f"{workspace}-ceo", pytest.approx(0.6)),
    ]


async def test_cross_account_first_out_of_range_is_refused(gql: GraphQL, workspace: str) -> None:
    body = await gql(CROSS_ACCOUNT, allow_errors=True, ws=workspace, first=0, hops=1)
    assert "errors" in body
    assert "first" in str(body["errors"])


TOP_INFLUENCERS = """
query($ws: ID!, $first: Int!) {
  workspace(id: $ws) { topInfluencers(first: $first) { personKey score } }
}
"""


async def test_top_influencers_through_graphql_are_the_workspace_rank(
    app: FastAPI, gql: GraphQL, workspace: str
) -> None:
    await _build(gql, workspace)
    data = await gql(TOP_INFLUENCERS, ws=workspace, first=3)
    graph = await read_workspace_graph(app.state.store.workspace(workspace))
    ranks = dict(zip(graph.ids, workspace_influence_rank(graph).tolist(), strict=True))
    expected = sorted(ranks.items(), key=lambda item: (-item[1], item[0]))[:3]
    found = data["workspace"]["topInfluencers"]
    assert [(t["personKey"], t["score"]) for t in found] == [
        (key, pytest.approx(value, abs=1e-12)) for key, value in expected
    ]
