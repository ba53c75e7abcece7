"""One definition of "higher status" (graph.analytics.status.HIGHER_STATUS) for every field.

``Person.influencers(higherStatusOnly: true)`` and a buying centre's influencers filter in the
database, ``Person.higherStatusInfluencers`` in the analytics; on every person of the demo,
people without a level among them, they must agree.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from graph.database.store import Store
from seed.demo import DEMO
from tests.integration.conftest import GraphQL, import_demo

PEOPLE = """query($ws: ID!, $after: String) { workspace(id: $ws) {
  people(first: 100, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { node {
      key level { rank } reportsTo { key level { rank } }
      influencers { person { key level { rank } } }
      higher: influencers(higherStatusOnly: true) { person { key } }
      analytics: higherStatusInfluencers { person { key } }
    } }
  } } }"""

MEMBERS = """query($ws: ID!, $deal: ID!) { workspace(id: $ws) { deal(id: $deal) {
  buyingCentre { person { key higher: influencers(higherStatusOnly: true) { person { key } } } }
} } }"""


def _keys(items: list[dict]) -> set[str]:
    return {i["person"]["key"] for i in items}


async def test_higher_status_fields_agree_on_every_person_of_the_demo(
    gql: GraphQL, workspace: str, store: Store, tmp_path: Path
) -> None:
    tag = uuid.uuid4().hex[:6]
    await import_demo(store, workspace, tmp_path, f"HS{tag}-")
    # People without a level: one influenced by a senior, one who influences a junior.
    first = await gql(PEOPLE, ws=workspace, after=None)
    someone = next(
        e["node"]
        for e in first["workspace"]["people"]["edges"]
        if e["node"]["level"] and e["node"]["level"]["rank"] >= 5 and e["node"]["reportsTo"]
    )
    org = (
        await gql(
            "query($ws: ID!, $p: ID!) { workspace(id: $ws) { person(id: $p) {"
            " organisation { key } } } }",
            ws=workspace,
            p=someone["key"],
        )
    )["workspace"]["person"]["organisation"]["key"]
    unranked = [f"HS{tag}-nolevel-1", f"HS{tag}-nolevel-2"]
    await gql(
        """mutation($ws: ID!, $people: [PersonItem!]!) {
          upsertPeople(input: {workspaceId: $ws, people: $people}) { __typename } }""",
        ws=workspace,
        people=[{"id": k, "name": k, "organisationId": org} for k in unranked],
    )
    influence = """mutation($ws: ID!, $s: ID!, $t: ID!) { upsertInfluence(input: {workspaceId: $ws,
      sourceId: $s, targetId: $t, weight: 0.7, kind: ADVICE}) { __typename } }"""
    await gql(influence, ws=workspace, s=someone["key"], t=unranked[0])
    await gql(influence, ws=workspace, s=unranked[1], t=someone["key"])

    people: list[dict] = []
    after = None
    while True:
        page = (await gql(PEOPLE, ws=workspace, after=after))["workspace"]["people"]
        people += [e["node"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert len(people) == DEMO.people + 2

    checked = 0
    for p in people:
        own = p["level"]["rank"] if p["level"] else None
        explicit = _keys(p["influencers"])
        higher, analytics = _keys(p["higher"]), _keys(p["analytics"])
        managers = {m["key"] for m in p["reportsTo"]}
        # The database's filter is the rule applied to each influencer...
        expected = {
            i["person"]["key"]
            for i in p["influencers"]
            if own is not None and i["person"]["level"] and i["person"]["level"]["rank"] > own
        }
        assert higher == expected, p["key"]
        # ... and the analytics find the same people, plus managers of higher status (a
        # reporting line is an influence edge in the influence graph).
        assert higher == analytics & explicit, p["key"]
        assert analytics - explicit <= managers, p["key"]
        checked += bool(higher)
    assert checked > 50
    by_key = {p["key"]: p for p in people}
    for key in unranked:
        assert by_key[key]["higher"] == by_key[key]["analytics"] == [], key
    assert someone["key"] not in _keys(by_key[unranked[1]]["higher"])
    assert unranked[1] not in _keys(by_key[someone["key"]]["higher"])
    assert _keys(by_key[unranked[0]]["influencers"]) == {someone["key"]}

    # A buying centre's members read with the deal use the same rule.
    deals = await gql(
        "query($ws: ID!) { workspace(id: $ws) { deals(first: 50) { edges { node { key } } } } }",
        ws=workspace,
    )
    for edge in deals["workspace"]["deals"]["edges"]:
        deal = (await gql(MEMBERS, ws=workspace, deal=edge["node"]["key"]))["workspace"]["deal"]
        for member in deal["buyingCentre"]:
            person = by_key[member["person"]["key"]]
            assert _keys(member["person"]["higher"]) == _keys(person["higher"]), person["key"]
