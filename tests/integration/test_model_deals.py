"""Deals, buying centres, journeys and ICP fit through GraphQL on a real Neo4j."""

from __future__ import annotations

from fastapi import FastAPI

from tests.integration.conftest import GraphQL

SETUP = """mutation($ws: ID!) {
  org: createOrganisation(input: {workspaceId: $ws, id: "acme~", name: "Acme", industry: "Banking",
                                  country: "DE", technologies: ["SAP", "Oracle"]}) { __typename }
  other: createOrganisation(input: {workspaceId: $ws, id: "beta~", name: "Beta", industry: "Retail",
                                    country: "US"}) { __typename }
  p1: createPerson(input: {workspaceId: $ws, id: "cfo~", name: "Cleo", title: "CFO",
                           organisationId: "acme~"}) { __typename }
  p2: createPerson(input: {workspaceId: $ws, id: "it~", name: "Ivo", title: "IT Manager",
                           organisationId: "acme~"}) { __typename }
  deal: createDeal(input: {workspaceId: $ws, id: "d1~", name: "Core banking",
                           organisationId: "acme~"}) {
    __typename ... on DealSuccess { deal { key name organisation { key } } } }
}"""

MEMBER = """mutation($ws: ID!, $p: ID!, $roles: [Role!]!, $stance: Stance) {
  setBuyingCentreMember(input: {workspaceId: $ws, dealId: "d1~", personId: $p, roles: $roles,
                                stance: $stance}) {
    __typename
    ... on MemberSuccess { member { person { key } roles stance stage } }
    ... on NotFoundError { field message }
  }
}"""

STAGE = """mutation($ws: ID!, $p: ID!, $stage: JourneyStage!, $at: DateTime, $note: String) {
  recordJourneyStage(input: {workspaceId: $ws, dealId: "d1~", personId: $p, stage: $stage,
                             at: $at, note: $note}) {
    __typename
    ... on MemberSuccess { member { stage } }
    ... on NotFoundError { field message }
  }
}"""

CENTRE = """query($ws: ID!) { workspace(id: $ws) { deal(id: "d1~") { key name
  buyingCentre { person { key level { rank } } roles stance stage journey { stage at note } }
} } }"""


async def test_deal_buying_centre_and_journey_history(gql: GraphQL, workspace: str) -> None:
    created = (await gql(SETUP, ws=workspace))["deal"]
    assert created["deal"] == {
        "key": "d1~",
        "name": "Core banking",
        "organisation": {"key": "acme~"},
    }
    set_ = await gql(
        MEMBER, ws=workspace, p="cfo~", roles=["DECIDER", "APPROVER"], stance="SCEPTIC"
    )
    assert set_["setBuyingCentreMember"]["member"] == {
        "person": {"key": "cfo~"},
        "roles": ["APPROVER", "DECIDER"],
        "stance": "SCEPTIC",
        "stage": None,
    }
    await gql(MEMBER, ws=workspace, p="it~", roles=["USER", "INFLUENCER", "CHAMPION"])
    # Recorded out of order: the current stage is the latest by date, not by arrival.
    await gql(STAGE, ws=workspace, p="cfo~", stage="TRUST", at="2026-03-01T10:00:00+00:00")
    last = await gql(
        STAGE, ws=workspace, p="cfo~", stage="AWARENESS", at="2026-01-01T10:00:00+00:00"
    )
    assert last["recordJourneyStage"]["member"]["stage"] == "TRUST"
    await gql(STAGE, ws=workspace, p="cfo~", stage="CONVICTION", note="after the demo")

    centre = (await gql(CENTRE, ws=workspace))["workspace"]["deal"]["buyingCentre"]
    cfo, it = centre
    assert cfo["person"] == {"key": "cfo~", "level": {"rank": 6}}
    assert cfo["stage"] == "CONVICTION"
    assert [e["stage"] for e in cfo["journey"]] == ["AWARENESS", "TRUST", "CONVICTION"]
    assert cfo["journey"][0]["at"].startswith("2026-01-01T10:00:00")
    assert cfo["journey"][2]["note"] == "after the demo"
    assert it["stance"] == "UNKNOWN" and it["journey"] == []
    assert it["roles"] == ["CHAMPION", "INFLUENCER", "USER"]

    filtered = await gql(
        """query($ws: ID!) { workspace(id: $ws) {
          deciders: people(role: DECIDER) { edges { node { key } } }
          sceptics: people(stance: SCEPTIC, organisationId: "acme~") { totalCount }
          deals(organisationId: "acme~") { totalCount edges { node { key } } } } }""",
        ws=workspace,
    )
    assert [e["node"]["key"] for e in filtered["workspace"]["deciders"]["edges"]] == ["cfo~"]
    assert filtered["workspace"]["sceptics"]["totalCount"] == 1
    assert filtered["workspace"]["deals"]["totalCount"] == 1

    not_member = await gql(STAGE, ws=workspace, p="nobody~", stage="TRUST")
    assert not_member["recordJourneyStage"] == {
        "__typename": "NotFoundError",
        "field": "personId",
        "message": "no person 'nobody~' in this workspace",
    }
    remove = """mutation($ws: ID!) { removeBuyingCentreMember(input: {workspaceId: $ws,
      dealId: "d1~", personId: "cfo~"}) { __typename } }"""
    assert (await gql(remove, ws=workspace))["removeBuyingCentreMember"][
        "__typename"
    ] == "EdgeSuccess"
    centre = (await gql(CENTRE, ws=workspace))["workspace"]["deal"]["buyingCentre"]
    assert [m["person"]["key"] for m in centre] == ["it~"]
    update = """mutation($ws: ID!) { updateDeal(input: {workspaceId: $ws, id: "d1~",
      name: "Core banking 2", organisationId: "beta~"}) {
      ... on DealSuccess { deal { name organisation { key } } } } }"""
    assert (await gql(update, ws=workspace))["updateDeal"]["deal"] == {
        "name": "Core banking 2",
        "organisation": {"key": "beta~"},
    }
    delete = (
        """mutation($ws: ID!) { deleteDeal(input: {workspaceId: $ws, id: "d1~"}) { __typename } }"""
    )
    assert (await gql(delete, ws=workspace))["deleteDeal"]["__typename"] == "DeleteSuccess"
    assert (await gql(CENTRE, ws=workspace))["workspace"]["deal"] is None


async def test_icp_fit_partners_and_ladders(gql: GraphQL, workspace: str) -> None:
    await gql(SETUP, ws=workspace)
    icp = await gql(
        """mutation($ws: ID!) { setIdealCustomerProfile(input: {workspaceId: $ws, criteria: [
          {field: INDUSTRY, values: ["banking"], weight: 3},
          {field: TECHNOLOGIES, operator: IN, values: ["SAP"]},
          {field: COUNTRY, operator: NOT_IN, values: ["US"]} ]}) {
          __typename
          ... on WorkspaceSuccess { workspace { icp { field operator values weight } } } } }""",
        ws=workspace,
    )
    assert icp["setIdealCustomerProfile"]["workspace"]["icp"][0] == {
        "field": "INDUSTRY",
        "operator": "IN",
        "values": ["banking"],
        "weight": 3.0,
    }
    partner = """mutation($ws: ID!) { addPartner(input: {workspaceId: $ws, sourceId: "acme~",
      targetId: "beta~"}) { __typename } }"""
    assert (await gql(partner, ws=workspace))["addPartner"]["__typename"] == "EdgeSuccess"
    orgs = await gql(
        """query($ws: ID!) { workspace(id: $ws) { organisations { edges { node {
          key icpFit { score matched missed } partners { key } people { key } deals { key } } } }
          ladders { key isDefault levels { rank name } } } }""",
        ws=workspace,
    )
    acme, beta = (e["node"] for e in orgs["workspace"]["organisations"]["edges"])
    assert acme["icpFit"] == {
        "score": 1.0,
        "matched": ["industry", "technologies", "country"],
        "missed": [],
    }
    assert beta["icpFit"]["score"] == 0.0
    assert beta["icpFit"]["missed"] == ["industry", "technologies", "country"]
    assert acme["partners"] == [{"key": "beta~"}] and beta["partners"] == [{"key": "acme~"}]
    assert [p["key"] for p in acme["people"]] == ["cfo~", "it~"]
    assert acme["deals"] == [{"key": "d1~"}]
    ladder = orgs["workspace"]["ladders"][0]
    assert ladder["isDefault"] and [lv["rank"] for lv in ladder["levels"]] == [7, 6, 5, 4, 3, 2, 1]

    extra = await gql(
        """mutation($ws: ID!) {
          createLadder(input: {workspaceId: $ws, id: "industry~", name: "Industry standing",
                               levels: [{rank: 1, name: "known"},
                                        {rank: 2, name: "leading voice"}]})
            { __typename ... on UserError { message } }
          setStatusLevel(input: {workspaceId: $ws, personId: "it~", ladderId: "industry~", rank: 2})
            { __typename ... on UserError { message } }
          org: setStatusLevel(input: {workspaceId: $ws, personId: "it~", rank: 5}) { __typename }
        }""",
        ws=workspace,
    )
    assert extra["setStatusLevel"]["__typename"] == "EdgeSuccess", extra
    levels = await gql(
        """query($ws: ID!) { workspace(id: $ws) { person(id: "it~") {
          level { rank inferred } levels { rank name inferred ladder { key name } } } } }""",
        ws=workspace,
    )
    person = levels["workspace"]["person"]
    assert person["level"] == {"rank": 5, "inferred": False}
    assert [(lv["ladder"]["key"], lv["rank"]) for lv in person["levels"]] == [
        (f"{workspace}:org", 5),
        ("industry~", 2),
    ]
    remove = """mutation($ws: ID!) { removePartner(input: {workspaceId: $ws, sourceId: "beta~",
      targetId: "acme~"}) { __typename } }"""
    assert (await gql(remove, ws=workspace))["removePartner"]["__typename"] == "EdgeSuccess"


async def test_buying_centre_of_200_costs_constant_round_trips(
    gql: GraphQL, workspace: str, app: FastAPI
) -> None:
    people = [{"id": f"m{i:03d}~", "name": f"Member {i}", "title": "Manager"} for i in range(200)]
    people += [{"id": f"boss{i}~", "name": f"Boss {i}", "title": "CEO"} for i in range(20)]
    await gql(
        """mutation($ws: ID!, $people: [PersonItem!]!) {
          o: createOrganisation(input: {workspaceId: $ws, id: "big~", name: "Big"}) { __typename }
          upsertPeople(input: {workspaceId: $ws, people: $people}) { __typename } }""",
        ws=workspace,
        people=people,
    )
    influences = [
        {"sourceId": f"boss{i % 20}~", "targetId": f"m{i:03d}~", "weight": 0.5} for i in range(200)
    ]
    await gql(
        """mutation($ws: ID!, $inf: [InfluenceItem!]!) {
          d: createDeal(input: {workspaceId: $ws, id: "big-deal~", name: "Big",
                                organisationId: "big~"})
            { __typename }
          upsertInfluences(input: {workspaceId: $ws, influences: $inf}) { __typename } }""",
        ws=workspace,
        inf=influences,
    )
    for i in range(200):  # membership is one edge per call; the read below is what counts
        await gql(
            MEMBER.replace('"d1~"', '"big-deal~"'), ws=workspace, p=f"m{i:03d}~", roles=["USER"]
        )

    store = app.state.store
    before = store.round_trips
    data = await gql(
        """query($ws: ID!) { workspace(id: $ws) { deal(id: "big-deal~") { buyingCentre {
          person { key level { rank } organisation { key }
                   influencers(higherStatusOnly: true) { person { key level { rank } } weight } }
          roles stance stage journey { stage } } } } }""",
        ws=workspace,
    )
    trips = store.round_trips - before
    print(f"buying centre of 200 with influencers: {trips} Cypher round trips")
    centre = data["workspace"]["deal"]["buyingCentre"]
    assert len(centre) == 200
    assert all(len(m["person"]["influencers"]) == 1 for m in centre)
    assert centre[7]["person"]["influencers"][0]["person"] == {
        "key": "boss7~",
        "level": {"rank": 7},  # a chief executive, above the rest of the C-suite
    }
    # workspace, deal, members, organisation, influencers, journeys: one read each.
    assert trips <= 6, trips
