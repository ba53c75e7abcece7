"""Invalid input gets a typed error naming the field, and the stored graph stays as it was."""

from __future__ import annotations

from tests.integration.conftest import GraphQL

SNAPSHOT = """query($ws: ID!) { workspace(id: $ws) {
  people { totalCount edges { node { key name influencers { person { key } weight } } } }
  organisations { totalCount } } }"""

SETUP = """mutation($ws: ID!) {
  a: createPerson(input: {workspaceId: $ws, id: "inv-a~", name: "A"}) { __typename }
  b: createPerson(input: {workspaceId: $ws, id: "inv-b~", name: "B"}) { __typename }
  upsertInfluence(input: {workspaceId: $ws, sourceId: "inv-a~", targetId: "inv-b~", weight: 0.4})
    { __typename }
}"""


async def _unchanged(gql: GraphQL, workspace: str, before: dict) -> None:
    assert await gql(SNAPSHOT, ws=workspace) == before


async def test_bad_writes_are_typed_errors_and_change_nothing(gql: GraphQL, workspace: str) -> None:
    await gql(SETUP, ws=workspace)
    before = await gql(SNAPSHOT, ws=workspace)

    weight = await gql(
        """mutation($ws: ID!) { upsertInfluence(input: {workspaceId: $ws, sourceId: "inv-a~",
          targetId: "inv-b~", weight: 1.5}) {
            ... on ValidationError { fields { field message } } } }""",
        ws=workspace,
    )
    assert weight["upsertInfluence"]["fields"][0]["field"] == "weight"
    assert "1" in weight["upsertInfluence"]["fields"][0]["message"]

    missing = await gql(
        """mutation($ws: ID!) { upsertInfluence(input: {workspaceId: $ws, sourceId: "inv-a~",
          targetId: "ghost~", weight: 0.9}) { ... on NotFoundError { field kind message } } }""",
        ws=workspace,
    )
    assert missing["upsertInfluence"] == {
        "field": "targetId",
        "kind": "person",
        "message": "no person 'ghost~' in this workspace",
    }

    duplicate = await gql(
        """mutation($ws: ID!) { createPerson(input: {workspaceId: $ws, id: "inv-a~", name: "X"}) {
          ... on ConflictError { field message } } }""",
        ws=workspace,
    )
    assert duplicate["createPerson"]["field"] == "id"
    assert "already taken" in duplicate["createPerson"]["message"]

    role = await gql(
        """mutation($ws: ID!) { setBuyingCentreMember(input: {workspaceId: $ws, dealId: "x~",
          personId: "inv-a~", roles: [OVERLORD]}) { __typename } }""",
        allow_errors=True,
        ws=workspace,
    )
    assert "OVERLORD" in role["errors"][0]["message"] and "Role" in role["errors"][0]["message"]

    # A batch with one bad item writes none of the good ones; every bad item is named.
    batch = await gql(
        """mutation($ws: ID!, $people: [PersonItem!]!) { upsertPeople(input:
          {workspaceId: $ws, people: $people}) {
          __typename ... on ValidationError { fields { field message } } } }""",
        ws=workspace,
        people=[
            {"id": "inv-new~", "name": "New"},
            {"id": "inv-bad~", "name": "Bad", "email": "not-an-email"},
            {"id": "inv-a~", "name": "Renamed"},
            {"id": "inv-new~", "name": "Twice"},
        ],
    )
    fields = [f["field"] for f in batch["upsertPeople"]["fields"]]
    assert fields == ["people[1].email"]
    twice = await gql(
        """mutation($ws: ID!, $people: [PersonItem!]!) { upsertPeople(input:
          {workspaceId: $ws, people: $people}) { ... on ValidationError { fields { field } } } }""",
        ws=workspace,
        people=[{"id": "inv-new~", "name": "New"}, {"id": "inv-new~", "name": "Twice"}],
    )
    assert twice["upsertPeople"]["fields"] == [{"field": "people[1].id"}]
    orphan = await gql(
        """mutation($ws: ID!, $people: [PersonItem!]!) { upsertPeople(input:
          {workspaceId: $ws, people: $people}) { ... on ValidationError { fields { field } } } }""",
        ws=workspace,
        people=[{"id": "inv-new~", "name": "New"}, {"name": "X", "organisationId": "nowhere~"}],
    )
    assert orphan["upsertPeople"]["fields"] == [{"field": "people[1].organisationId"}]
    await _unchanged(gql, workspace, before)


async def test_ids_taken_in_another_workspace_conflict_without_leaking(
    gql: GraphQL, workspace: str
) -> None:
    await gql(SETUP, ws=workspace)
    other = await gql(
        """mutation { createWorkspace(input: {name: "Other"}) {
          ... on WorkspaceSuccess { workspace { key } } } }"""
    )
    ws2 = other["createWorkspace"]["workspace"]["key"]
    taken = await gql(
        """mutation($ws: ID!) { createPerson(input: {workspaceId: $ws, id: "inv-a~", name: "X"}) {
          __typename ... on ConflictError { message } } }""",
        ws=ws2,
    )
    assert taken["createPerson"]["__typename"] == "ConflictError"
    assert workspace not in taken["createPerson"]["message"]
    # Another workspace cannot see or link to this one's people.
    cross = await gql(
        """mutation($ws: ID!) { addReportsTo(input: {workspaceId: $ws, personId: "inv-a~",
          managerId: "inv-b~"}) { __typename } }""",
        ws=ws2,
    )
    assert cross["addReportsTo"]["__typename"] == "NotFoundError"
    seen = await gql(
        """query($ws: ID!) { workspace(id: $ws) { person(id: "inv-a~") { key } } }""", ws=ws2
    )
    assert seen["workspace"]["person"] is None


async def test_limits_page_size_depth_aliases_and_introspection(
    gql: GraphQL, workspace: str
) -> None:
    deep = (
        'query($ws: ID!) { workspace(id: $ws) { person(id: "x~") { '
        + ("reportsTo { " * 12)
        + "key"
        + " }" * 12
        + " } } }"
    )
    too_deep = await gql(deep, allow_errors=True, ws=workspace)
    assert "depth" in too_deep["errors"][0]["message"]
    aliases = " ".join(f"a{i}: health {{ status }}" for i in range(31))
    too_many = await gql("query { " + aliases + " }", allow_errors=True)
    assert "alias" in too_many["errors"][0]["message"].lower()
    schema = await gql("query { __schema { queryType { name } types { name } } }")
    assert schema["__schema"]["queryType"]["name"] == "Query"


async def test_a_name_kind_or_account_cannot_be_cleared(gql: GraphQL, workspace: str) -> None:
    """``null`` clears a field a record can be without; the fields it cannot be without refuse
    it, naming the field, and nothing changes (a null name used to be stored, and every later
    read of the workspace failed)."""
    await gql(
        """mutation($ws: ID!) {
          createOrganisation(input: {workspaceId: $ws, id: "clr-o~", name: "Acme"}) { __typename }
          createPerson(input: {workspaceId: $ws, id: "clr-p~", name: "Ann", title: "CFO",
            organisationId: "clr-o~"}) { __typename }
          createDeal(input: {workspaceId: $ws, id: "clr-d~", name: "Deal",
            organisationId: "clr-o~"}) { __typename } }""",
        ws=workspace,
    )
    read = """query($ws: ID!) { workspace(id: $ws) { name
      person(id: "clr-p~") { name title } organisation(id: "clr-o~") { name kind }
      deal(id: "clr-d~") { name organisation { key } } } }"""
    before = await gql(read, ws=workspace)
    refused = {
        "updateWorkspace": ("{workspaceId: $ws, name: null}", "name"),
        "updatePerson": ('{workspaceId: $ws, id: "clr-p~", name: null}', "name"),
        "updateOrganisation": ('{workspaceId: $ws, id: "clr-o~", kind: null}', "kind"),
        "updateDeal": ('{workspaceId: $ws, id: "clr-d~", organisationId: null}', "organisationId"),
    }
    for mutation, (arguments, field) in refused.items():
        answer = await gql(
            f"""mutation($ws: ID!) {{ {mutation}(input: {arguments}) {{ __typename
              ... on ValidationError {{ fields {{ field message }} }} }} }}""",
            ws=workspace,
        )
        assert answer[mutation]["__typename"] == "ValidationError", (mutation, answer)
        assert [f["field"] for f in answer[mutation]["fields"]] == [field], answer
        assert "cannot be cleared" in answer[mutation]["fields"][0]["message"]
    assert await gql(read, ws=workspace) == before

    cleared = await gql(
        """mutation($ws: ID!) { updatePerson(input: {workspaceId: $ws, id: "clr-p~",
          title: null}) { ... on PersonSuccess { person { title } } } }""",
        ws=workspace,
    )
    assert cleared["updatePerson"] == {"person": {"title": None}}
