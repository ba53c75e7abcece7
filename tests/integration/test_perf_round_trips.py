"""Read shapes cost a fixed number of Cypher round trips, whatever their size.

The buying centre (the workspace, the deal, its members, their people, levels, organisations and
influencers) is one read; so is the person query (the workspace, the person, their organisation,
influencers, influences and managers). Counts only, never timings.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

from tests.integration.conftest import GraphQL

SETUP = """mutation($ws: ID!, $people: [PersonItem!]!, $inf: [InfluenceItem!]!) {
  o: createOrganisation(input: {workspaceId: $ws, id: "rt-org~", name: "Org"}) { __typename }
  p: upsertPeople(input: {workspaceId: $ws, people: $people}) { __typename }
  i: upsertInfluences(input: {workspaceId: $ws, influences: $inf}) { __typename }
  d: createDeal(input: {workspaceId: $ws, id: "rt-deal~", name: "Deal", organisationId: "rt-org~"})
    { __typename }
}"""

MEMBER = """mutation($ws: ID!, $p: ID!) {
  setBuyingCentreMember(input: {workspaceId: $ws, dealId: "rt-deal~", personId: $p,
                                roles: [USER]}) { __typename } }"""

CENTRE = """query($ws: ID!) { workspace(id: $ws) { key deal(id: "rt-deal~") { key
  buyingCentre { roles person { key level { rank } organisation { key }
    ...Up } } } } }
fragment Up on Person { influencers(higherStatusOnly: true) { weight person { key } } }"""

PERSON = """query($ws: ID!, $p: ID!) { workspace(id: $ws) { person(id: $p) {
  key level { rank } organisation { key name }
  influencers { weight person { key } } influences { person { key } } reportsTo { key }
} } }"""


async def _build(gql: GraphQL, workspace: str, members: int) -> None:
    people = [
        {"id": f"rt{i:03d}~", "name": f"P{i}", "title": "Manager", "organisationId": "rt-org~"}
        for i in range(members)
    ]
    people += [{"id": "rt-boss~", "name": "Boss", "title": "CEO", "organisationId": "rt-org~"}]
    influences = [
        {"sourceId": "rt-boss~", "targetId": f"rt{i:03d}~", "weight": 0.6} for i in range(members)
    ]
    influences += [{"sourceId": "rt000~", "targetId": "rt-boss~", "weight": 0.2}]
    await gql(SETUP, ws=workspace, people=people, inf=influences)
    await gql(
        """mutation($ws: ID!) { addReportsTo(input: {workspaceId: $ws, personId: "rt000~",
           managerId: "rt-boss~"}) { __typename } }""",
        ws=workspace,
    )
    for i in range(members):
        await gql(MEMBER, ws=workspace, p=f"rt{i:03d}~")


async def _trips(
    app: FastAPI, gql: GraphQL, document: str, **variables: str
) -> tuple[int, dict[str, Any]]:
    store = app.state.store
    before = store.round_trips
    data = await gql(document, **variables)
    return store.round_trips - before, data


async def test_buying_centre_is_one_read_at_any_size(
    gql: GraphQL, workspace: str, app: FastAPI
) -> None:
    await _build(gql, workspace, 30)
    trips, data = await _trips(app, gql, CENTRE, ws=workspace)
    centre = data["workspace"]["deal"]["buyingCentre"]
    assert len(centre) == 30
    assert all(m["person"]["organisation"] == {"key": "rt-org~"} for m in centre)
    assert all(m["person"]["influencers"] == [{"weight": 0.6, "person": {"key": "rt-boss~"}}]
               for m in centre)  # fmt: skip
    # The workspace, the deal and the members with everything below them.
    assert trips == 1, trips


async def test_person_is_one_read(gql: GraphQL, workspace: str, app: FastAPI) -> None:
    await _build(gql, workspace, 2)
    trips, data = await _trips(app, gql, PERSON, ws=workspace, p="rt000~")
    person = data["workspace"]["person"]
    assert person["organisation"] == {"key": "rt-org~", "name": "Org"}
    assert person["influencers"] == [{"weight": 0.6, "person": {"key": "rt-boss~"}}]
    assert person["influences"] == [{"person": {"key": "rt-boss~"}}]
    assert person["reportsTo"] == [{"key": "rt-boss~"}]
    # The workspace, the person with their organisation and every neighbour.
    assert trips == 1, trips


async def test_buying_centre_without_influencers_reads_none(
    gql: GraphQL, workspace: str, app: FastAPI
) -> None:
    await _build(gql, workspace, 3)
    query = """query($ws: ID!) { workspace(id: $ws) { deal(id: "rt-deal~") {
      buyingCentre { person { key } } } } }"""
    trips, data = await _trips(app, gql, query, ws=workspace)
    assert [m["person"]["key"] for m in data["workspace"]["deal"]["buyingCentre"]] == [
        "rt000~",
        "rt001~",
        "rt002~",
    ]
    assert trips == 1, trips


async def test_read_ahead_of_a_missing_workspace_answers_null(gql: GraphQL) -> None:
    data = await gql(
        """{ workspace(id: "no-such-workspace~") {
          deal(id: "x") { key } person(id: "y") { key } } }"""
    )
    assert data == {"workspace": None}


async def test_higher_status_influencers_read_in_the_database_match_the_rule(
    gql: GraphQL, workspace: str
) -> None:
    # Ranked member: only influencers ranked above. Member without a level: none, since a person
    # without a level is neither higher nor lower than anyone (HIGHER_STATUS).
    people = [
        {"id": "hs-mid~", "name": "Mid", "levelRank": 3},
        {"id": "hs-none~", "name": "Unranked"},
        {"id": "hs-top~", "name": "Top", "levelRank": 6},
        {"id": "hs-low~", "name": "Low", "levelRank": 1},
        {"id": "hs-peer~", "name": "Peer", "levelRank": 3},
        {"id": "hs-x~", "name": "No level"},
    ]
    sources = ["hs-top~", "hs-low~", "hs-peer~", "hs-x~"]
    influences = [
        {"sourceId": s, "targetId": t, "weight": w}
        for t in ("hs-mid~", "hs-none~")
        for s, w in zip(sources, (0.2, 0.9, 0.5, 0.7), strict=True)
    ]
    await gql(
        """mutation($ws: ID!, $people: [PersonItem!]!, $inf: [InfluenceItem!]!) {
          o: createOrganisation(input: {workspaceId: $ws, id: "rt-org~", name: "Org"})
            { __typename }
          p: upsertPeople(input: {workspaceId: $ws, people: $people}) { __typename }
          i: upsertInfluences(input: {workspaceId: $ws, influences: $inf}) { __typename }
          d: createDeal(input: {workspaceId: $ws, id: "rt-deal~", name: "Deal",
                                organisationId: "rt-org~"}) { __typename } }""",
        ws=workspace,
        people=people,
        inf=influences,
    )
    for p in ("hs-mid~", "hs-none~"):
        await gql(MEMBER, ws=workspace, p=p)
    expected = {
        "hs-mid~": ["hs-top~"],
        "hs-none~": [],
    }
    centre = await gql(
        """query($ws: ID!) { workspace(id: $ws) { deal(id: "rt-deal~") { buyingCentre {
          person { key above: influencers(higherStatusOnly: true) { person { key } } } } } } }""",
        ws=workspace,
    )
    for member in centre["workspace"]["deal"]["buyingCentre"]:
        keys = [i["person"]["key"] for i in member["person"]["above"]]
        assert keys == expected[member["person"]["key"]]
    both = await gql(
        """query($ws: ID!) { workspace(id: $ws) { deal(id: "rt-deal~") { buyingCentre {
          person { key above: influencers(higherStatusOnly: true) { person { key } }
                   all: influencers { person { key } } } } } } }""",
        ws=workspace,
    )
    for member in both["workspace"]["deal"]["buyingCentre"]:
        assert [i["person"]["key"] for i in member["person"]["above"]] == expected[
            member["person"]["key"]
        ]
        assert len(member["person"]["all"]) == 4
    # The same asked through a variable, both ways: the look-ahead reads what the field says.
    for above in (True, False):
        by_variable = await gql(
            """query($ws: ID!, $above: Boolean!) { workspace(id: $ws) { deal(id: "rt-deal~") {
              buyingCentre { person { key influencers(higherStatusOnly: $above) {
                person { key } } } } } } }""",
            ws=workspace,
            above=above,
        )
        for member in by_variable["workspace"]["deal"]["buyingCentre"]:
            keys = [i["person"]["key"] for i in member["person"]["influencers"]]
            if above:
                assert keys == expected[member["person"]["key"]]
            else:
                assert len(keys) == 4
    for key, wanted in expected.items():
        person = await gql(
            """query($ws: ID!, $p: ID!) { workspace(id: $ws) { person(id: $p) {
              influencers(higherStatusOnly: true) { person { key } } } } }""",
            ws=workspace,
            p=key,
        )
        found = [i["person"]["key"] for i in person["workspace"]["person"]["influencers"]]
        assert found == wanted


async def test_read_ahead_serves_aliases_that_ask_for_different_things(
    gql: GraphQL, workspace: str, app: FastAPI
) -> None:
    # Two deal fields asking for different influencers, a person, a missing deal and an
    # organisation in one workspace selection: each field gets its own answer.
    await _build(gql, workspace, 3)
    query = """query($ws: ID!) { workspace(id: $ws) { key
      a: deal(id: "rt-deal~") { buyingCentre { person { key
        influencers(higherStatusOnly: true) { person { key } } } } }
      b: deal(id: "rt-deal~") { key buyingCentre { person { key
        influencers(minWeight: 0.5) { weight } } } }
      p: person(id: "rt000~") { key organisation { key }
        influences { person { key } } reportsTo { key } directReports { key } }
      boss: person(id: "rt-boss~") { directReports { key } }
      missing: deal(id: "no-such-deal~") { key }
      org: organisation(id: "rt-org~") { name } } }"""
    trips, data = await _trips(app, gql, query, ws=workspace)
    ws = data["workspace"]
    members = ["rt000~", "rt001~", "rt002~"]
    assert [m["person"]["key"] for m in ws["a"]["buyingCentre"]] == members
    assert all(m["person"]["influencers"] == [{"person": {"key": "rt-boss~"}}]
               for m in ws["a"]["buyingCentre"])  # fmt: skip
    assert all(m["person"]["influencers"] == [{"weight": 0.6}] for m in ws["b"]["buyingCentre"])
    assert ws["p"] == {
        "key": "rt000~",
        "organisation": {"key": "rt-org~"},
        "influences": [{"person": {"key": "rt-boss~"}}],
        "reportsTo": [{"key": "rt-boss~"}],
        "directReports": [],
    }
    assert ws["boss"] == {"directReports": [{"key": "rt000~"}]}
    assert ws["missing"] is None
    assert ws["org"] == {"name": "Org"}
    # Workspace with the deals; members once per kind of influencers; the people with their
    # neighbours and organisations: a handful, not one per field or member.
    assert trips <= 6, trips


async def test_read_ahead_of_a_person_and_a_deal_agrees_with_separate_reads(
    gql: GraphQL, workspace: str
) -> None:
    await _build(gql, workspace, 2)
    together = await gql(
        """query($ws: ID!) { workspace(id: $ws) {
          deal(id: "rt-deal~") { buyingCentre { person { key level { rank } } } }
          person(id: "rt001~") { key name influencers { weight person { key } } } } }""",
        ws=workspace,
    )
    deal = await gql(
        """query($ws: ID!) { workspace(id: $ws) {
          deal(id: "rt-deal~") { buyingCentre { person { key level { rank } } } } } }""",
        ws=workspace,
    )
    person = await gql(
        """query($ws: ID!) { workspace(id: $ws) {
          person(id: "rt001~") { key name influencers { weight person { key } } } } }""",
        ws=workspace,
    )
    assert together["workspace"]["deal"] == deal["workspace"]["deal"]
    assert together["workspace"]["person"] == person["workspace"]["person"]


PERSON_FIELDS = "key name title department email needs tags level { rank name inferred }"


async def test_people_read_ahead_show_what_a_person_read_shows(
    gql: GraphQL, workspace: str
) -> None:
    # The read-ahead statements name the properties they send; a Person field they left out
    # would come back empty here and filled through `node`.
    await _build(gql, workspace, 1)
    await gql(
        """mutation($ws: ID!) { upsertPeople(input: {workspaceId: $ws, people: [
          {id: "rt000~", name: "P0", title: "Manager", organisationId: "rt-org~",
           department: "Finance", email: "p0@example.org", needs: ["speed"], tags: ["champion"]},
          {id: "rt-boss~", name: "Boss", title: "CEO", organisationId: "rt-org~",
           department: "Board", email: "boss@example.org", needs: ["growth"], tags: ["sponsor"]}
        ]}) { __typename } }""",
        ws=workspace,
    )
    ahead = await gql(
        f"""query($ws: ID!) {{ workspace(id: $ws) {{
          deal(id: "rt-deal~") {{ buyingCentre {{ person {{ id {PERSON_FIELDS}
            influencers {{ person {{ id {PERSON_FIELDS} }} }} }} }} }} }} }}""",
        ws=workspace,
    )
    neighbours = await gql(
        f"""query($ws: ID!) {{ workspace(id: $ws) {{ person(id: "rt-boss~") {{
          id {PERSON_FIELDS} influences {{ person {{ id {PERSON_FIELDS} }} }} }} }} }}""",
        ws=workspace,
    )
    member = ahead["workspace"]["deal"]["buyingCentre"][0]["person"]
    boss = neighbours["workspace"]["person"]
    shown = [member, member["influencers"][0]["person"], boss, boss["influences"][0]["person"]]
    for person in shown:
        alone = await gql(
            f"""query($id: ID!) {{ node(id: $id) {{ ... on Person {{ {PERSON_FIELDS} }} }} }}""",
            id=person["id"],
        )
        assert {k: person[k] for k in alone["node"]} == alone["node"]
    assert member["department"] == "Finance" and member["tags"] == ["champion"]
    assert boss["email"] == "boss@example.org" and boss["needs"] == ["growth"]
