"""``Deal.statusGaps``: many people's status gaps in one fixed document.

Its values are those of ``Person.statusGap`` (to each decider) and ``Person.gapsToOurs`` for
every person of every demo deal, page by page; ids of another workspace are never answered; too
many ids, or too large a page, are refused naming the field.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import pytest

from api.graphql.types.status_gaps import MAX_STATUS_GAP_PEOPLE
from graph.database.store import Store
from tests.integration.conftest import GraphQL, import_demo
from tests.integration.test_isolation import Team, gid

pytestmark = pytest.mark.integration


GAPS = """query($ws: ID!, $deal: ID!, $people: [ID!], $first: Int, $after: String) {
  workspace(id: $ws) { deal(id: $deal) {
    statusGaps(people: $people, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage endCursor }
      edges { cursor node {
        person { key }
        isDecider
        toDeciders { personKey gap }
        gapsToOurs { personKey level gap }
        suggestedColleague { personKey gap }
      } }
    }
  } } }"""

PERSON = """query($ws: ID!, $p: ID!, $decider: ID!) { workspace(id: $ws) { person(id: $p) {
  key toDecider: statusGap(to: $decider) gapsToOurs { personKey level gap }
} } }"""

DEAL = """query($ws: ID!, $deal: ID!) { workspace(id: $ws) { deal(id: $deal) {
  buyingCentre { roles person { key } }
  influenceMap { people { personKey } }
  approachPlan { personKey ourPersonKey statusGap }
} } }"""


async def _all_pages(gql: GraphQL, ws: str, deal: str, **args: Any) -> list[dict[str, Any]]:
    nodes: list[dict[str, Any]] = []
    after = None
    while True:
        found = await gql(GAPS, ws=ws, deal=deal, after=after, **args)
        page = found["workspace"]["deal"]["statusGaps"]
        assert page["pageInfo"]["hasPreviousPage"] is (after is not None)
        nodes += [e["node"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            assert page["totalCount"] == len(nodes)
            return nodes
        after = page["pageInfo"]["endCursor"]


async def test_values_are_those_of_the_person_fields_for_every_person_of_the_demo_deals(
    gql: GraphQL, workspace: str, store: Store, tmp_path: Path
) -> None:
    tag = uuid.uuid4().hex[:6]
    await import_demo(store, workspace, tmp_path, f"SG{tag}-")
    deals = await gql(
        "query($ws: ID!) { workspace(id: $ws) { deals(first: 50) { edges { node { key } } } } }",
        ws=workspace,
    )
    checked = 0
    for edge in deals["workspace"]["deals"]["edges"]:
        key = edge["node"]["key"]
        deal = (await gql(DEAL, ws=workspace, deal=key))["workspace"]["deal"]
        deciders = sorted(
            m["person"]["key"] for m in deal["buyingCentre"] if "DECIDER" in m["roles"]
        )
        on_map = sorted(p["personKey"] for p in deal["influenceMap"]["people"])
        # null people: every person of the deal's map, in key order, over small pages
        nodes = await _all_pages(gql, workspace, key, people=None, first=7)
        assert [n["person"]["key"] for n in nodes] == on_map
        # the same people asked by global id give the same answers
        asked = [gid("Person", k) for k in on_map]
        assert await _all_pages(gql, workspace, key, people=asked, first=500) == nodes
        planned = {s["personKey"]: s for s in deal["approachPlan"]}
        for node in nodes:
            person = node["person"]["key"]
            assert [d["personKey"] for d in node["toDeciders"]] == deciders
            assert node["isDecider"] is (person in deciders)
            for d in node["toDeciders"]:
                one = await gql(PERSON, ws=workspace, p=person, decider=d["personKey"])
                assert d["gap"] == one["workspace"]["person"]["toDecider"], (person, d)
                assert one["workspace"]["person"]["gapsToOurs"] == node["gapsToOurs"], person
                checked += 1
            suggested = node["suggestedColleague"]
            step = planned.get(person)
            if step is not None and step["ourPersonKey"] is not None:
                assert suggested == {"personKey": step["ourPersonKey"], "gap": step["statusGap"]}
            if suggested is not None:
                assert {**suggested, "level": None} in [
                    {**g, "level": None} for g in node["gapsToOurs"]
                ]
    assert checked > 20


async def test_ids_of_another_workspace_are_never_answered(ours: Team, theirs: Team) -> None:
    mine, foreign = ours.key("ann"), theirs.key("ann")
    people = [mine, foreign, gid("Person", foreign), theirs.key("bo"), "nobody"]
    data = await ours.gql(GAPS, ws=ours.ws, deal=ours.key("deal"), people=people, first=10)
    assert "errors" not in data, data
    page = data["data"]["workspace"]["deal"]["statusGaps"]
    assert [e["node"]["person"]["key"] for e in page["edges"]] == [mine]
    assert page["totalCount"] == 1
    assert page["edges"][0]["node"]["isDecider"] is True
    assert page["edges"][0]["node"]["toDeciders"] == [{"personKey": mine, "gap": 0}]
    assert theirs.key("ann") not in repr(data) and theirs.key("bo") not in repr(data)
    # their deal is no deal of ours, and their workspace reads as no workspace
    other = await ours.gql(GAPS, ws=ours.ws, deal=theirs.key("deal"), people=[foreign])
    assert other["data"]["workspace"]["deal"] is None
    refused = await ours.gql(GAPS, ws=theirs.ws, deal=theirs.key("deal"), people=[foreign])
    assert refused == {"data": {"workspace": None}}, refused
    assert foreign not in repr(refused)


async def test_too_many_ids_or_too_large_a_page_are_refused_naming_the_field(
    ours: Team,
) -> None:
    async def fields(**args: Any) -> dict[str, str]:
        body = await ours.gql(GAPS, ws=ours.ws, deal=ours.key("deal"), **args)
        assert body["data"]["workspace"]["deal"] is None, body
        (error,) = body["errors"]
        assert error["extensions"]["code"] == "validation", error
        return {f["field"]: f["message"] for f in error["extensions"]["fields"]}

    many = [f"p{i}" for i in range(MAX_STATUS_GAP_PEOPLE + 1)]
    assert await fields(people=many, first=10) == {
        "people": f"at most {MAX_STATUS_GAP_PEOPLE} ids in one request, got "
        f"{MAX_STATUS_GAP_PEOPLE + 1}; ask for fewer at a time"
    }
    assert await fields(people=None, first=501) == {"first": "must be between 0 and 500, got 501"}
    assert set(await fields(people=many, first=-1)) == {"people", "first"}
    # exactly the limit is answered (unknown ids are left out)
    fine = await ours.gql(GAPS, ws=ours.ws, deal=ours.key("deal"), people=many[:-1], first=10)
    assert fine["data"]["workspace"]["deal"]["statusGaps"]["totalCount"] == 0, fine
