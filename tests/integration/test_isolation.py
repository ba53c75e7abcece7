"""Tokens and workspaces: nobody gets in without a token, and no workspace sees another's data.

Two teams, each admin of its own workspace, try every entry point on the other's data: root
queries, node ids (guessed, foreign, of the wrong type), nested lookups, analytics, what-if,
every kind of write, edges that would join the two workspaces, and the REST upload. All are
refused the same way a missing thing is, and the other workspace is unchanged afterwards.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from strawberry import relay

from graph.database.store import Store
from graph.repository.auth import Role, TokenAuthority, issue_token
from tests.conftest import asgi_client

pytestmark = pytest.mark.integration


@dataclass
class Team:
    ws: str
    token: str
    client: httpx.AsyncClient

    async def gql(self, document: str, **variables: Any) -> dict[str, Any]:
        response = await self.client.post(
            "/graphql", json={"query": document, "variables": variables}
        )
        assert response.status_code == 200, response.text
        return dict(response.json())

    def key(self, name: str) -> str:
        return f"{self.ws}-{name}"


SETUP = """
mutation {
  createWorkspace(input: {id: WS, name: "Team"}) { __typename }
  createOrganisation(input: {workspaceId: WS, id: ORG, name: "Acme", kind: CUSTOMER}) {
    __typename
  }
  upsertPeople(input: {workspaceId: WS, people: [
    {id: ANN, name: "Ann", title: "Chief Executive Officer", organisationId: ORG},
    {id: BO, name: "Bo", title: "IT Manager", organisationId: ORG}]}) { __typename }
  upsertInfluence(input: {workspaceId: WS, sourceId: ANN, targetId: BO, weight: 0.8}) {
    __typename
  }
  createDeal(input: {workspaceId: WS, id: DEAL, name: "Deal", organisationId: ORG}) {
    __typename
  }
  setBuyingCentreMember(input: {workspaceId: WS, dealId: DEAL, personId: ANN,
                                roles: [DECIDER], stance: NEUTRAL}) { __typename }
}
"""


async def _team(app: FastAPI, name: str) -> AsyncIterator[Team]:
    suffix = uuid.uuid4().hex[:8]
    issued = await issue_token(app.state.store, f"{name}-{suffix}", superuser=True)
    async with asgi_client(app, issued.token) as client:
        team = Team(f"{name}-{suffix}", issued.token, client)
        document = SETUP
        for name, value in {
            "WS": team.ws,
            "ORG": team.key("org"),
            "ANN": team.key("ann"),
            "BO": team.key("bo"),
            "DEAL": team.key("deal"),
        }.items():
            document = re.sub(rf"\b{name}\b", json.dumps(value), document)
        data = await team.gql(document)
        assert "errors" not in data, data
        assert all(not v["__typename"].endswith("Error") for v in data["data"].values()), data
        yield team


async def _snapshot(store: Store, ws: str) -> tuple[Any, ...]:
    records, _, _ = await store.driver.execute_query(
        "MATCH (n {workspace: $ws}) OPTIONAL MATCH (n)-[r]-() "
        "RETURN count(DISTINCT n) AS nodes, count(DISTINCT r) AS rels, "
        "collect(DISTINCT properties(n)) AS props",
        {"ws": ws},
    )
    row = records[0]
    return row["nodes"], row["rels"], sorted(map(repr, row["props"]))


def gid(type_name: str, key: str) -> str:
    return str(relay.GlobalID(type_name, key))


async def test_every_call_but_health_needs_a_token(anonymous: httpx.AsyncClient) -> None:
    assert (await anonymous.get("/health")).status_code == 200
    graphql = await anonymous.post("/graphql", json={"query": "{ workspaces { totalCount } }"})
    assert graphql.status_code == 401
    assert graphql.headers["www-authenticate"] == "Bearer"
    assert "token" in graphql.json()["message"]
    assert (await anonymous.get("/graphql", params={"query": "{ __typename }"})).status_code == 401
    upload = await anonymous.post(
        "/workspaces/any/imports", files=[("files", ("people.csv", b"id\n", "text/csv"))]
    )
    assert upload.status_code == 401
    for bad in ("Bearer nonsense", "Bearer smt_0123456789abcdef_" + "A" * 43, "Basic abc"):
        response = await anonymous.post(
            "/graphql", json={"query": "{ __typename }"}, headers={"authorization": bad}
        )
        assert response.status_code == 401, bad


async def test_lists_and_root_lookups_show_only_your_workspace(ours: Team, theirs: Team) -> None:
    data = (
        await ours.gql(
            """query($mine: ID!, $other: ID!, $otherGid: ID!, $person: ID!, $deal: ID!,
                     $org: ID!, $wsPerson: ID!) {
              workspaces(first: 500) { edges { node { key } } }
              mine: workspace(id: $mine) { key }
              other: workspace(id: $other) { key }
              otherByGid: node(id: $otherGid) { id }
              person: node(id: $person) { id }
              deal: node(id: $deal) { id }
              org: node(id: $org) { id }
              nested: workspace(id: $mine) { person(id: $wsPerson) { key } }
            }""",
            mine=ours.ws,
            other=theirs.ws,
            otherGid=gid("Workspace", theirs.ws),
            person=gid("Person", theirs.key("ann")),
            deal=gid("Deal", theirs.key("deal")),
            org=gid("Organisation", theirs.key("org")),
            wsPerson=gid("Person", theirs.key("ann")),
        )
    )["data"]
    keys = {e["node"]["key"] for e in data["workspaces"]["edges"]}
    assert ours.ws in keys
    assert theirs.ws not in keys
    assert data["mine"] == {"key": ours.ws}
    for field in ("other", "otherByGid", "person", "deal", "org"):
        assert data[field] is None, field
    assert data["nested"] == {"person": None}


async def test_analytics_and_what_if_of_another_workspace_are_refused(
    ours: Team, theirs: Team
) -> None:
    data = await ours.gql(
        "query($ws: ID!, $deal: ID!) { whatIf(workspaceId: $ws, dealId: $deal) { moved { "
        "personKey } } }",
        ws=theirs.ws,
        deal=theirs.key("deal"),
    )
    assert data["data"] is None
    assert "no workspace" in data["errors"][0]["message"]
    assert theirs.key("ann") not in repr(data)


WRITES = [
    ("updatePerson", "UpdatePersonInput", {"id": "{t}-ann", "name": "Hacked"}),
    ("deletePerson", "DeleteInput", {"id": "{t}-ann"}),
    ("createPerson", "CreatePersonInput", {"name": "Mole", "organisationId": "{t}-org"}),
    (
        "upsertInfluence",
        "UpsertInfluenceInput",
        {"sourceId": "{t}-bo", "targetId": "{t}-ann", "weight": 0.5},
    ),
    ("addReportsTo", "ReportsToInput", {"personId": "{t}-bo", "managerId": "{t}-ann"}),
    (
        "setBuyingCentreMember",
        "BuyingCentreMemberInput",
        {"dealId": "{t}-deal", "personId": "{t}-bo", "roles": ["BUYER"], "stance": "BLOCKER"},
    ),
    ("deleteDeal", "DeleteInput", {"id": "{t}-deal"}),
    ("updateOrganisation", "UpdateOrganisationInput", {"id": "{t}-org", "name": "X"}),
    ("deleteWorkspace", "DeleteWorkspaceInput", {}),
]


@pytest.mark.parametrize("field,input_type,fields", WRITES, ids=[w[0] for w in WRITES])
async def test_writes_into_another_workspace_change_nothing(
    ours: Team, theirs: Team, store: Store, field: str, input_type: str, fields: dict[str, Any]
) -> None:
    before = await _snapshot(store, theirs.ws)
    concrete = {k: v.format(t=theirs.ws) if isinstance(v, str) else v for k, v in fields.items()}
    data = await ours.gql(
        f"mutation($input: {input_type}!) {{ {field}(input: $input) {{ __typename "
        "... on UserError { message } } }",
        input={"workspaceId": theirs.ws, **concrete},
    )
    result = data["data"][field] if data.get("data") else None
    assert result is None or result["__typename"] == "NotFoundError", data
    assert theirs.ws not in repr(data.get("errors", "")) or "no workspace" in repr(data)
    assert await _snapshot(store, theirs.ws) == before


async def test_edges_joining_two_workspaces_are_refused(
    ours: Team, theirs: Team, store: Store
) -> None:
    before = (await _snapshot(store, ours.ws), await _snapshot(store, theirs.ws))
    attempts = [
        ("upsertInfluence", "UpsertInfluenceInput", ours.key("ann"), theirs.key("ann")),
        ("upsertInfluence", "UpsertInfluenceInput", theirs.key("ann"), ours.key("ann")),
        ("upsertKnows", "UpsertKnowsInput", ours.key("ann"), theirs.key("bo")),
        ("addReportsTo", "ReportsToInput", ours.key("bo"), theirs.key("ann")),
    ]
    for field, input_type, a, b in attempts:
        ends = (
            {"personId": a, "managerId": b}
            if field == "addReportsTo"
            else {"sourceId": a, "targetId": b, **({"weight": 0.5} if "Influence" in field else {})}
        )
        data = await ours.gql(
            f"mutation($input: {input_type}!) {{ {field}(input: $input) {{ __typename }} }}",
            input={"workspaceId": ours.ws, **ends},
        )
        assert data["data"][field]["__typename"] == "NotFoundError", (field, a, b, data)
    member = await ours.gql(
        "mutation($input: BuyingCentreMemberInput!) { setBuyingCentreMember(input: $input) {"
        " __typename } }",
        input={
            "workspaceId": ours.ws,
            "dealId": ours.key("deal"),
            "personId": theirs.key("bo"),
            "roles": ["USER"],
        },
    )
    assert member["data"]["setBuyingCentreMember"]["__typename"] == "NotFoundError"
    after = (await _snapshot(store, ours.ws), await _snapshot(store, theirs.ws))
    assert after == before


async def test_ids_already_taken_elsewhere_do_not_reveal_the_other_workspace(
    ours: Team, theirs: Team, store: Store
) -> None:
    before = await _snapshot(store, theirs.ws)
    data = await ours.gql(
        "mutation($input: CreatePersonInput!) { createPerson(input: $input) { __typename "
        "... on UserError { message } } }",
        input={"workspaceId": ours.ws, "id": theirs.key("ann"), "name": "Clash"},
    )
    result = data["data"]["createPerson"]
    assert result["__typename"] == "ConflictError"
    # It echoes the id asked for, and says nothing of where that id lives.
    assert "workspace" not in result["message"].lower()
    assert result["message"].replace(theirs.key("ann"), "").count(theirs.ws) == 0
    assert await _snapshot(store, theirs.ws) == before


async def test_an_import_words_a_taken_id_as_graphql_does(
    ours: Team, theirs: Team, store: Store
) -> None:
    taken = theirs.key("ann")
    created = await ours.gql(
        "mutation($input: CreatePersonInput!) { createPerson(input: $input) { __typename "
        "... on UserError { message } } }",
        input={"workspaceId": ours.ws, "id": taken, "name": "Clash"},
    )
    said = created["data"]["createPerson"]["message"]
    response = await ours.client.post(
        f"/workspaces/{ours.ws}/imports",
        files=[
            (
                "files",
                ("people.csv", f"id,first_name,last_name\n{taken},C,X\n".encode(), "text/csv"),
            )
        ],
    )
    assert response.status_code == 422
    [issue] = response.json()["report"]["issues"]
    assert issue["column"] == "id"
    assert said.startswith(issue["reason"]), (said, issue["reason"])
    assert "workspace" not in issue["reason"]


async def test_rest_upload_into_another_workspace_is_not_found(
    ours: Team, theirs: Team, store: Store
) -> None:
    before = await _snapshot(store, theirs.ws)
    people = f"id,name,title,organisation_id\n{theirs.ws}-mole,Mole,CEO,{theirs.ws}-org\n"
    response = await ours.client.post(
        f"/workspaces/{theirs.ws}/imports",
        files=[("files", ("people.csv", people.encode(), "text/csv"))],
    )
    assert response.status_code == 404
    assert await _snapshot(store, theirs.ws) == before


async def test_viewers_read_but_cannot_write(app: FastAPI, ours: Team, store: Store) -> None:
    viewer = await issue_token(store, f"viewer-{uuid.uuid4().hex[:8]}")
    await TokenAuthority(store).grant(viewer.user_id, ours.ws, Role.VIEWER)
    before = await _snapshot(store, ours.ws)
    async with asgi_client(app, viewer.token) as client:
        read = await client.post(
            "/graphql",
            json={
                "query": "query($id: ID!) { workspace(id: $id) { people { totalCount } } }",
                "variables": {"id": ours.ws},
            },
        )
        assert read.json()["data"]["workspace"]["people"]["totalCount"] == 2
        write = await client.post(
            "/graphql",
            json={
                "query": "mutation($input: UpdatePersonInput!) { updatePerson(input: $input) {"
                " __typename } }",
                "variables": {
                    "input": {"workspaceId": ours.ws, "id": ours.key("ann"), "name": "V"}
                },
            },
        )
        assert "viewer" in write.json()["errors"][0]["message"]
        upload = await client.post(
            f"/workspaces/{ours.ws}/imports",
            files=[("files", ("people.csv", b"id,name\nx,y\n", "text/csv"))],
        )
        assert upload.status_code == 403
        created = await client.post(
            "/graphql",
            json={"query": 'mutation { createWorkspace(input: {name: "Mine"}) { __typename } }'},
        )
        assert "superuser" in created.json()["errors"][0]["message"]
    assert await _snapshot(store, ours.ws) == before


async def test_a_revoked_token_is_refused_at_once(app: FastAPI, ours: Team) -> None:
    token_id = ours.token.split("_")[1]
    assert await app.state.tokens.revoke(token_id)
    response = await ours.client.post("/graphql", json={"query": "{ workspaces { totalCount } }"})
    assert response.status_code == 401


WHAT_IF = """query($ws: ID!, $deal: ID!) { whatIf(workspaceId: $ws, dealId: $deal) {
  planBefore { personKey reasons introPath } coverageBefore { warnings { message people } } } }"""


async def test_a_cached_analysis_is_refused_as_an_uncached_one_is(
    app: FastAPI, ours: Team, theirs: Team, store: Store
) -> None:
    # Their team opens the deal: its analysis is now cached in this process.
    opened = await theirs.gql(
        "query($ws: ID!, $deal: ID!) { workspace(id: $ws) { deal(id: $deal) { coverage {"
        " warnings { code } } } } }",
        ws=theirs.ws,
        deal=theirs.key("deal"),
    )
    assert opened["data"]["workspace"]["deal"]["coverage"] is not None, opened
    absent = f"absent-{uuid.uuid4().hex[:8]}"
    missing = await ours.gql(WHAT_IF, ws=absent, deal=theirs.key("deal"))
    assert missing["data"] is None and "no workspace" in missing["errors"][0]["message"]
    viewer = await issue_token(store, f"viewer-{uuid.uuid4().hex[:8]}")
    await TokenAuthority(store).grant(viewer.user_id, ours.ws, Role.VIEWER)
    nobody = await issue_token(store, f"nobody-{uuid.uuid4().hex[:8]}")
    for token in (ours.token, viewer.token, nobody.token):
        async with asgi_client(app, token) as client:
            response = await client.post(
                "/graphql",
                json={"query": WHAT_IF, "variables": {"ws": theirs.ws, "deal": theirs.key("deal")}},
            )
        assert response.status_code == 200
        # The same answer as for a workspace that does not exist.
        answer = json.loads(response.text.replace(theirs.ws, absent))
        assert answer == missing
