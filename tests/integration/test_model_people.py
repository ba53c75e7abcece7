"""People, organisations and their edges through GraphQL over HTTP on a real Neo4j."""

from __future__ import annotations

from graph.database.store import Store
from graph.repository.people import reinfer_levels
from tests.integration.conftest import GraphQL

ORG = """mutation($ws: ID!, $id: String, $name: String!, $kind: OrganisationKind) {
  createOrganisation(input: {workspaceId: $ws, id: $id, name: $name, kind: $kind,
                             industry: "Banking", country: "DE", technologies: ["SAP"]}) {
    __typename
    ... on OrganisationSuccess { organisation { id key name kind industry technologies } }
    ... on UserError { message }
  }
}"""

PERSON = """mutation($ws: ID!, $id: String, $name: String!, $title: String, $org: ID,
                     $rank: Int) {
  createPerson(input: {workspaceId: $ws, id: $id, name: $name, title: $title,
                       organisationId: $org, levelRank: $rank}) {
    __typename
    ... on PersonSuccess { person { id key name title organisation { key }
                                    level { rank inferred ladder { key } } } }
    ... on ConflictError { message field }
    ... on NotFoundError { message field }
    ... on ValidationError { message fields { field message } }
  }
}"""

READ = """query($ws: ID!, $p: ID!) { workspace(id: $ws) { person(id: $p) {
  key name title level { rank inferred }
  influencers { person { key } weight kind }
  higher: influencers(higherStatusOnly: true) { person { key } }
  strong: influencers(minWeight: 0.5) { person { key } }
  influences { person { key } }
  reportsTo { key } directReports { key }
  knows { person { key } strength lastContact } knownBy { person { key } }
} } }"""


async def _person(gql: GraphQL, ws: str, key: str, title: str | None, **kw: object) -> dict:
    data = await gql(PERSON, ws=ws, id=key, name=key.title(), title=title, **kw)
    return data["createPerson"]


async def test_organisation_create_query_update_delete(gql: GraphQL, workspace: str) -> None:
    created = (await gql(ORG, ws=workspace, id="acme~", name="Acme", kind="PROSPECT"))[
        "createOrganisation"
    ]
    assert created["organisation"]["kind"] == "PROSPECT"
    assert created["organisation"]["technologies"] == ["SAP"]
    gid = created["organisation"]["id"]
    update = """mutation($ws: ID!, $id: ID!) { updateOrganisation(input:
      {workspaceId: $ws, id: $id, region: "EMEA", industry: null}) {
      ... on OrganisationSuccess { organisation { key region industry kind } } } }"""
    org = (await gql(update, ws=workspace, id=gid))["updateOrganisation"]["organisation"]
    assert org == {"key": "acme~", "region": "EMEA", "industry": None, "kind": "PROSPECT"}
    listed = await gql(
        """query($ws: ID!) { workspace(id: $ws) {
          organisations(kind: PROSPECT, search: "acm") { totalCount edges { node { key } } }
          none: organisations(kind: PARTNER) { totalCount } } }""",
        ws=workspace,
    )
    assert listed["workspace"]["organisations"]["totalCount"] == 1
    assert listed["workspace"]["none"]["totalCount"] == 0
    delete = """mutation($ws: ID!, $id: ID!) {
      deleteOrganisation(input: {workspaceId: $ws, id: $id}) {
        __typename ... on DeleteSuccess { deletedId } } }"""
    assert (await gql(delete, ws=workspace, id="acme~"))["deleteOrganisation"]["deletedId"] == gid
    again = (await gql(delete, ws=workspace, id="acme~"))["deleteOrganisation"]
    assert again["__typename"] == "NotFoundError"


async def test_title_infers_level_and_explicit_level_overrides(
    gql: GraphQL, workspace: str
) -> None:
    await gql(ORG, ws=workspace, id="bank~", name="Bank", kind="CUSTOMER")
    cfo = await _person(gql, workspace, "cfo~", "Chief Financial Officer", org="bank~")
    assert cfo["person"]["level"] == {
        "rank": 6,
        "inferred": True,
        "ladder": {"key": f"{workspace}:org"},
    }
    assert cfo["person"]["organisation"] == {"key": "bank~"}
    dev = await _person(gql, workspace, "dev~", "Senior Developer", rank=4)
    assert dev["person"]["level"]["rank"] == 4
    assert dev["person"]["level"]["inferred"] is False
    # A new title re-infers an inferred level, but never replaces an explicit one.
    update = """mutation($ws: ID!, $id: ID!, $t: String) { updatePerson(input:
      {workspaceId: $ws, id: $id, title: $t}) {
        ... on PersonSuccess { person { level { rank inferred } } } } }"""
    moved = await gql(update, ws=workspace, id="cfo~", t="VP Finance")
    assert moved["updatePerson"]["person"]["level"] == {"rank": 5, "inferred": True}
    kept = await gql(update, ws=workspace, id="dev~", t="Analyst")
    assert kept["updatePerson"]["person"]["level"] == {"rank": 4, "inferred": False}
    no_title = await _person(gql, workspace, "anon~", None)
    assert no_title["person"]["level"] is None


async def test_edges_multi_manager_influence_and_knows(gql: GraphQL, workspace: str) -> None:
    people = (("ann~", "Analyst"), ("bob~", "Director IT"), ("cat~", "CEO"))
    for key, title in people:
        await _person(gql, workspace, key, title)
    # A knows tie starts at one of our people (graph/rules/integrity.py): "me" works for us.
    await gql(ORG, ws=workspace, id="us~", name="Us", kind="HOME")
    await _person(gql, workspace, "me~", "Manager", org="us~")
    reports = """mutation($ws: ID!, $p: ID!, $m: ID!) { addReportsTo(input:
      {workspaceId: $ws, personId: $p, managerId: $m}) { __typename } }"""
    for manager in ("bob~", "cat~"):
        assert (await gql(reports, ws=workspace, p="ann~", m=manager))["addReportsTo"] == {
            "__typename": "EdgeSuccess"
        }
    influence = """mutation($ws: ID!, $s: ID!, $t: ID!, $w: Float!) { upsertInfluence(input:
      {workspaceId: $ws, sourceId: $s, targetId: $t, weight: $w, kind: SPONSOR,
       evidence: "steering committee", since: "2025-01-01"}) { __typename } }"""
    await gql(influence, ws=workspace, s="cat~", t="ann~", w=0.9)
    await gql(influence, ws=workspace, s="bob~", t="ann~", w=0.3)
    await gql(influence, ws=workspace, s="me~", t="ann~", w=0.6)
    knows = """mutation($ws: ID!) { upsertKnows(input: {workspaceId: $ws, sourceId: "me~",
      targetId: "cat~", strength: 0.7, lastContact: "2026-03-01"}) { __typename } }"""
    await gql(knows, ws=workspace)

    ann = (await gql(READ, ws=workspace, p="ann~"))["workspace"]["person"]
    assert {m["key"] for m in ann["reportsTo"]} == {"bob~", "cat~"}
    assert [i["person"]["key"] for i in ann["influencers"]] == ["cat~", "me~", "bob~"]
    assert ann["influencers"][0]["kind"] == "SPONSOR"
    assert [i["person"]["key"] for i in ann["higher"]] == ["cat~", "me~", "bob~"]
    assert [i["person"]["key"] for i in ann["strong"]] == ["cat~", "me~"]
    me = (await gql(READ, ws=workspace, p="me~"))["workspace"]["person"]
    assert [i["person"]["key"] for i in me["higher"]] == []
    assert me["knows"] == [
        {"person": {"key": "cat~"}, "strength": 0.7, "lastContact": "2026-03-01"}
    ]
    cat = (await gql(READ, ws=workspace, p="cat~"))["workspace"]["person"]
    assert {r["key"] for r in cat["directReports"]} == {"ann~"}
    assert cat["knownBy"] == [{"person": {"key": "me~"}}]

    remove = """mutation($ws: ID!) { removeReportsTo(input: {workspaceId: $ws, personId: "ann~",
      managerId: "bob~"}) { __typename } deleteInfluence(input: {workspaceId: $ws,
      sourceId: "bob~", targetId: "ann~"}) { __typename } }"""
    assert (await gql(remove, ws=workspace))["deleteInfluence"]["__typename"] == "EdgeSuccess"
    ann = (await gql(READ, ws=workspace, p="ann~"))["workspace"]["person"]
    assert [m["key"] for m in ann["reportsTo"]] == ["cat~"]
    assert [i["person"]["key"] for i in ann["influencers"]] == ["cat~", "me~"]
    delete = """mutation($ws: ID!) {
      deletePerson(input: {workspaceId: $ws, id: "cat~"}) { __typename } }"""
    assert (await gql(delete, ws=workspace))["deletePerson"]["__typename"] == "DeleteSuccess"
    ann = (await gql(READ, ws=workspace, p="ann~"))["workspace"]["person"]
    assert ann["reportsTo"] == [] and [i["person"]["key"] for i in ann["influencers"]] == ["me~"]


async def test_people_filters_search_and_pagination(gql: GraphQL, workspace: str) -> None:
    upsert = """mutation($ws: ID!, $people: [PersonItem!]!) { upsertPeople(input:
      {workspaceId: $ws, people: $people}) { __typename ... on UpsertSuccess { keys count } } }"""
    people = [{"id": f"p{i:03d}~", "name": f"Person {i}", "title": "Engineer"} for i in range(7)]
    people.append({"id": "boss~", "name": "Zed", "title": "Head of Data"})
    assert (await gql(upsert, ws=workspace, people=people))["upsertPeople"]["count"] == 8
    page = """query($ws: ID!, $after: String, $s: String, $r: Int) { workspace(id: $ws) {
      people(first: 3, after: $after, search: $s, levelRank: $r) {
        totalCount pageInfo { hasNextPage endCursor } edges { node { key } } } } }"""
    keys: list[str] = []
    after = None
    while True:
        conn = (await gql(page, ws=workspace, after=after))["workspace"]["people"]
        assert conn["totalCount"] == 8
        keys += [e["node"]["key"] for e in conn["edges"]]
        if not conn["pageInfo"]["hasNextPage"]:
            break
        after = conn["pageInfo"]["endCursor"]
    assert keys == sorted(keys) and len(keys) == 8
    found = (await gql(page, ws=workspace, s="HEAD OF"))["workspace"]["people"]
    assert [e["node"]["key"] for e in found["edges"]] == ["boss~"]
    rank5 = (await gql(page, ws=workspace, r=5))["workspace"]["people"]
    assert rank5["totalCount"] == 1
    too_many = await gql(
        "query($ws: ID!) { workspace(id: $ws) { people(first: 501) { totalCount } } }",
        allow_errors=True,
        ws=workspace,
    )
    assert "first" in too_many["errors"][0]["message"]
    assert "500" in too_many["errors"][0]["message"]


LEVELS = """query($ws: ID!) { workspace(id: $ws) { people(first: 50) { edges { node {
  key level { rank inferred } } } } } }"""


async def _levels(gql: GraphQL, ws: str) -> dict[str, tuple[int, bool]]:
    edges = (await gql(LEVELS, ws=ws))["workspace"]["people"]["edges"]
    return {
        e["node"]["key"]: (e["node"]["level"]["rank"], e["node"]["level"]["inferred"])
        for e in edges
    }


async def test_org_chart_caps_inferred_levels_and_reinference_restores_them(
    gql: GraphQL, workspace: str, store: Store
) -> None:
    await _person(gql, workspace, "md~", "Managing Director", rank=5)  # a small firm's MD
    for key, title in (
        ("gc~", "General Counsel"),
        ("vp~", "VP Legal"),
        ("dir~", "Director of Legal Affairs"),
        ("ea~", "Executive Assistant to the CEO"),
    ):
        await _person(gql, workspace, key, title)
    await _person(gql, workspace, "adv~", "Analyst", rank=6)  # explicit: kept as given
    reports = """mutation($ws: ID!, $p: ID!, $m: ID!) { addReportsTo(input:
      {workspaceId: $ws, personId: $p, managerId: $m}) { __typename } }"""
    for person, manager in (("vp~", "gc~"), ("dir~", "vp~"), ("gc~", "md~"), ("adv~", "md~")):
        await gql(reports, ws=workspace, p=person, m=manager)
    # The cap runs down the tree: gc is capped by md, then vp by gc; dir is below both anyway.
    assert await _levels(gql, workspace) == {
        "md~": (5, False),
        "gc~": (5, True),
        "vp~": (5, True),
        "dir~": (4, True),
        "ea~": (1, True),
        "adv~": (6, False),
    }
    # An explicit level set lower on the manager caps the inferred levels below it.
    lower = """mutation($ws: ID!) { updatePerson(input: {workspaceId: $ws, id: "md~",
      levelRank: 3}) { __typename } }"""
    await gql(lower, ws=workspace)
    levels = await _levels(gql, workspace)
    assert [levels[k] for k in ("gc~", "vp~", "dir~", "adv~")] == [
        (3, True),
        (3, True),
        (3, True),
        (6, False),
    ]
    # Without that line, re-inference gives the title's levels back, still inferred.
    remove = """mutation($ws: ID!) { removeReportsTo(input: {workspaceId: $ws, personId: "gc~",
      managerId: "md~"}) { __typename } }"""
    await gql(remove, ws=workspace)
    changes = await reinfer_levels(store.workspace(workspace))
    assert sorted((title, old, new) for _, title, old, new in changes) == [
        ("Director of Legal Affairs", 3, 4),
        ("General Counsel", 3, 6),
        ("VP Legal", 3, 5),
    ]
    levels = await _levels(gql, workspace)
    assert levels["gc~"] == (6, True) and levels["adv~"] == (6, False)
    assert await reinfer_levels(store.workspace(workspace)) == []
