"""Analytics through GraphQL on a real Neo4j: the numbers, the plan, the cache, the what-if."""

from __future__ import annotations

from typing import Any

import networkx as nx
import pytest

from graph.analytics import (
    InfluenceEdge,
    PersonNode,
    brokerage,
    influence_graph,
    influence_rank,
)
from tests.integration.conftest import GraphQL

pytestmark = pytest.mark.integration

# A deal at Acme. Chair (7) and a blocker in procurement influence the CEO (decider); the VP
# influences the CEO; the engineering manager reports to the VP. None of our people knows anyone
# at Acme: the only way in is through a partner's consultant who knows the CEO.
PEOPLE = [
    ("chair", "Chair of the Board", "acme", 7),
    ("ceo", "Chief Executive Officer", "acme", 6),
    ("vp", "VP Engineering", "acme", 5),
    ("proc", "Director of Procurement", "acme", 4),
    ("mgr", "Engineering Manager", "acme", 3),
    ("our-vp", "VP Sales", "home", 5),
    ("consultant", "Principal Consultant", "partner", 5),
]
INFLUENCES = [
    ("chair", "ceo", 0.7),
    ("vp", "ceo", 0.8),
    ("proc", "ceo", 0.9),
    ("mgr", "vp", 0.6),
]
MEMBERS = [
    ("ceo", ["DECIDER"], "NEUTRAL"),
    ("vp", ["INFLUENCER"], "SUPPORTER"),
    ("mgr", ["USER", "CHAMPION"], "CHAMPION"),
    ("proc", ["BUYER"], "BLOCKER"),
]

DEAL_ANALYSIS = """
query($id: ID!) {
  node(id: $id) {
    ... on Deal {
      influenceMap {
        people { personKey influenceRank brokerage statusLevel orgKind }
        edges { source target weight kind }
        brokerageExact
      }
      coverage {
        roles { role filled holders { personKey stance knownToUs knownBy } }
        warnings { code people }
      }
      approachPlan {
        order personKey score introPath introKind ourPersonKey statusGap stance reasons
        person { name }
      }
    }
  }
}
"""


async def _build(gql: GraphQL, ws: str) -> str:
    orgs = [
        {"id": f"{ws}-acme", "name": "Acme", "kind": "CUSTOMER"},
        {"id": f"{ws}-home", "name": "Us", "kind": "HOME"},
        {"id": f"{ws}-partner", "name": "Partner", "kind": "PARTNER"},
    ]
    await _ok(gql, "upsertOrganisations", "UpsertOrganisationsInput", {"organisations": orgs}, ws)
    people = [
        {"id": f"{ws}-{k}", "name": k, "title": t, "organisationId": f"{ws}-{o}", "levelRank": r}
        for k, t, o, r in PEOPLE
    ]
    await _ok(gql, "upsertPeople", "UpsertPeopleInput", {"people": people}, ws)
    influences = [
        {"sourceId": f"{ws}-{a}", "targetId": f"{ws}-{b}", "weight": w, "kind": "ADVICE"}
        for a, b, w in INFLUENCES
    ]
    await _ok(gql, "upsertInfluences", "UpsertInfluencesInput", {"influences": influences}, ws)
    for a, b, s in [("our-vp", "consultant", 0.9), ("consultant", "ceo", 0.8)]:
        await _ok(
            gql,
            "upsertKnows",
            "UpsertKnowsInput",
            {"sourceId": f"{ws}-{a}", "targetId": f"{ws}-{b}", "strength": s},
            ws,
        )
    await _ok(
        gql,
        "addReportsTo",
        "ReportsToInput",
        {"personId": f"{ws}-mgr", "managerId": f"{ws}-vp"},
        ws,
    )
    deal = f"{ws}-deal"
    await _ok(
        gql,
        "createDeal",
        "CreateDealInput",
        {"id": deal, "name": "Platform", "organisationId": f"{ws}-acme"},
        ws,
    )
    for person, roles, stance in MEMBERS:
        await _member(gql, ws, deal, f"{ws}-{person}", roles, stance)
    return deal


async def _ok(gql: GraphQL, field: str, input_type: str, fields: dict[str, Any], ws: str) -> None:
    data = await gql(
        f"mutation($input: {input_type}!) {{ {field}(input: $input) {{ __typename "
        "... on UserError { message } } }",
        input={"workspaceId": ws, **fields},
    )
    assert not data[field]["__typename"].endswith("Error"), data


async def _member(
    gql: GraphQL, ws: str, deal: str, person: str, roles: list[str], stance: str
) -> None:
    fields = {"dealId": deal, "personId": person, "roles": roles, "stance": stance}
    await _ok(gql, "setBuyingCentreMember", "BuyingCentreMemberInput", fields, ws)


async def _deal(gql: GraphQL, deal: str) -> dict[str, Any]:
    from strawberry import relay

    data = await gql(DEAL_ANALYSIS, id=str(relay.GlobalID("Deal", deal)))
    return dict(data["node"])


async def test_deal_analysis_numbers_match_an_independent_computation(
    gql: GraphQL, workspace: str
) -> None:
    deal = await _deal(gql, await _build(gql, workspace))
    ws = workspace
    people = {p["personKey"]: p for p in deal["influenceMap"]["people"]}
    assert set(people) == {f"{ws}-{k}" for k, *_ in PEOPLE}
    assert people[f"{ws}-ceo"]["statusLevel"] == 6
    assert people[f"{ws}-consultant"]["orgKind"] == "partner"

    # The same graph built by hand, measured with networkx's own PageRank and betweenness.
    expected = nx.DiGraph()
    expected.add_nodes_from(f"{ws}-{k}" for k, *_ in PEOPLE)
    for a, b, w in INFLUENCES:
        expected.add_edge(f"{ws}-{a}", f"{ws}-{b}", weight=w)
    expected.add_edge(f"{ws}-vp", f"{ws}-mgr", weight=0.5)  # REPORTS_TO rule
    pagerank = nx.pagerank(
        expected.reverse(), alpha=0.85, weight="weight", tol=1e-12, max_iter=10_000
    )
    betweenness = nx.betweenness_centrality(expected, normalized=True)
    for key, measures in people.items():
        assert measures["influenceRank"] == pytest.approx(pagerank[key], abs=1e-6)
        assert measures["brokerage"] == pytest.approx(betweenness[key], abs=1e-9)
    # Hand-solved: only the VP sits on shortest paths (mgr→vp→ceo): 1 of (7-1)(7-2) = 30 pairs.
    assert people[f"{ws}-vp"]["brokerage"] == pytest.approx(1 / 30)
    edges = {(e["source"], e["target"]): e for e in deal["influenceMap"]["edges"]}
    assert edges[(f"{ws}-vp", f"{ws}-mgr")]["kind"] == "reports_to"
    assert edges[(f"{ws}-vp", f"{ws}-mgr")]["weight"] == 0.5


MAP_COLUMNS = """
query($id: ID!) {
  node(id: $id) {
    ... on Deal {
      influenceMap {
        people { personKey influenceRank brokerage inDegree outDegree statusLevel orgKey orgKind }
        edges { source target weight kind }
        peopleColumns {
          personKey influenceRank brokerage inDegree outDegree statusLevel orgKey orgKind
        }
        edgeColumns { source target weight kind }
      }
    }
  }
}
"""


async def test_map_columns_hold_the_same_rows_as_the_objects(gql: GraphQL, workspace: str) -> None:
    from strawberry import relay

    deal = await _build(gql, workspace)
    data = await gql(MAP_COLUMNS, id=str(relay.GlobalID("Deal", deal)))
    found = data["node"]["influenceMap"]
    for objects, columns in (("people", "peopleColumns"), ("edges", "edgeColumns")):
        table = found[columns]
        assert set(table) == set(found[objects][0])
        columns_of_rows = zip(*table.values(), strict=True)
        rows = [dict(zip(table, values, strict=True)) for values in columns_of_rows]
        assert rows == found[objects]
    assert len(found["edgeColumns"]["source"]) == len(INFLUENCES) + 1  # + the reporting line


async def test_coverage_and_plan_flag_the_blocker_and_route_through_the_partner(
    gql: GraphQL, workspace: str
) -> None:
    ws = workspace
    deal = await _deal(gql, await _build(gql, ws))
    roles = {r["role"]: r for r in deal["coverage"]["roles"]}
    assert roles["decider"]["filled"]
    assert roles["decider"]["holders"][0]["personKey"] == f"{ws}-ceo"
    assert roles["decider"]["holders"][0]["knownBy"] == f"{ws}-consultant"
    assert not roles["initiator"]["filled"]
    codes = {w["code"]: w["people"] for w in deal["coverage"]["warnings"]}
    # The blocker, then the decider they move.
    assert codes["INFLUENTIAL_BLOCKER"] == [f"{ws}-proc", f"{ws}-ceo"]
    assert "NO_DECIDER" not in codes

    plan = {s["personKey"]: s for s in deal["approachPlan"]}
    ceo = plan[f"{ws}-ceo"]
    assert ceo["introKind"] == "partner"
    assert ceo["introPath"] == [f"{ws}-our-vp", f"{ws}-consultant", f"{ws}-ceo"]
    assert ceo["ourPersonKey"] == f"{ws}-our-vp"
    assert ceo["statusGap"] == 1
    assert ceo["person"]["name"] == "ceo"
    # The blocker has the strongest hold on the decider but is never first.
    assert deal["approachPlan"][0]["personKey"] != f"{ws}-proc"
    assert any("blocker" in r for r in plan[f"{ws}-proc"]["reasons"])
    assert [s["order"] for s in deal["approachPlan"]] == list(range(1, len(plan) + 1))


async def test_a_write_invalidates_the_cached_analysis(gql: GraphQL, workspace: str) -> None:
    ws = workspace
    deal_key = await _build(gql, ws)
    before = await _deal(gql, deal_key)
    assert "INFLUENTIAL_BLOCKER" in {w["code"] for w in before["coverage"]["warnings"]}
    await _member(gql, ws, deal_key, f"{ws}-proc", ["BUYER"], "SUPPORTER")
    after = await _deal(gql, deal_key)
    assert "INFLUENTIAL_BLOCKER" not in {w["code"] for w in after["coverage"]["warnings"]}
    proc_before = next(s for s in before["approachPlan"] if s["personKey"] == f"{ws}-proc")
    proc_after = next(s for s in after["approachPlan"] if s["personKey"] == f"{ws}-proc")
    assert proc_after["score"] > proc_before["score"]
    assert proc_after["stance"] == "supporter"


async def test_what_if_without_the_partner_leaves_the_decider_uncontacted(
    gql: GraphQL, workspace: str
) -> None:
    ws = workspace
    deal_key = await _build(gql, ws)
    data = await gql(
        """query($ws: ID!, $deal: ID!, $gone: [ID!]) {
          whatIf(workspaceId: $ws, dealId: $deal, removePeople: $gone) {
            warningsAdded { code people }
            planAfter { personKey introKind }
            planBefore { personKey introKind }
          }
        }""",
        ws=ws,
        deal=deal_key,
        gone=[f"{ws}-consultant"],
    )
    result = data["whatIf"]
    assert {"code": "DECIDER_NOT_CONTACTED", "people": [f"{ws}-ceo"]} in result["warningsAdded"]
    after = {s["personKey"]: s["introKind"] for s in result["planAfter"]}
    before = {s["personKey"]: s["introKind"] for s in result["planBefore"]}
    assert (before[f"{ws}-ceo"], after[f"{ws}-ceo"]) == ("partner", "none")
    # Nothing was stored: the real plan still goes through the partner.
    real = await _deal(gql, deal_key)
    assert {s["personKey"]: s["introKind"] for s in real["approachPlan"]} == before


async def test_person_status_fields(gql: GraphQL, workspace: str) -> None:
    from strawberry import relay

    ws = workspace
    await _build(gql, ws)
    data = await gql(
        """query($ceo: ID!, $mgr: ID!, $ours: ID!) {
          ceo: node(id: $ceo) { ... on Person {
            statusGap(to: $ours)
            gapsToOurs { personKey gap }
            higherStatusInfluencers { personKey level gap strength via }
          } }
          mgr: node(id: $mgr) { ... on Person {
            higherStatusInfluencers(hops: 2) { personKey level gap strength via }
          } }
        }""",
        ceo=str(relay.GlobalID("Person", f"{ws}-ceo")),
        mgr=str(relay.GlobalID("Person", f"{ws}-mgr")),
        ours=f"{ws}-our-vp",
    )
    assert data["ceo"]["statusGap"] == 1
    assert data["ceo"]["gapsToOurs"] == [{"personKey": f"{ws}-our-vp", "gap": 1}]
    assert data["ceo"]["higherStatusInfluencers"] == [
        {"personKey": f"{ws}-chair", "level": 7, "gap": 1, "strength": 0.7, "via": None}
    ]
    # The VP (5) moves the manager (3) through the reporting line (0.5); nobody above the VP
    # influences the VP, so the second hop adds no one.
    assert data["mgr"]["higherStatusInfluencers"] == [
        {"personKey": f"{ws}-vp", "level": 5, "gap": 2, "strength": 0.5, "via": None}
    ]


# Padgett's Florentine families (marriage ties): published normalised betweenness
# (Wasserman & Faust; also networkx's documentation).
FLORENTINE_BETWEENNESS = {
    "Medici": 0.522,
    "Guadagni": 0.255,
    "Albizzi": 0.212,
    "Salviati": 0.143,
    "Ridolfi": 0.114,
    "Bischeri": 0.104,
    "Strozzi": 0.103,
    "Barbadori": 0.093,
    "Tornabuoni": 0.092,
    "Castellani": 0.055,
    "Peruzzi": 0.022,
    "Pazzi": 0.0,
    "Lamberteschi": 0.0,
    "Ginori": 0.0,
    "Acciaiuoli": 0.0,
}


async def test_florentine_families_through_the_write_path_give_the_published_betweenness(
    gql: GraphQL, workspace: str
) -> None:
    from strawberry import relay

    ws = workspace
    org = f"{ws}-florence"
    await _ok(
        gql,
        "upsertOrganisations",
        "UpsertOrganisationsInput",
        {"organisations": [{"id": org, "name": "Florence", "kind": "CUSTOMER"}]},
        ws,
    )
    families = nx.florentine_families_graph()
    people = [{"id": f"{ws}-{f}", "name": f, "organisationId": org} for f in families]
    await _ok(gql, "upsertPeople", "UpsertPeopleInput", {"people": people}, ws)
    ties = [
        {"sourceId": f"{ws}-{a}", "targetId": f"{ws}-{b}", "weight": 1.0, "kind": "SOCIAL"}
        for u, v in families.edges
        for a, b in ((u, v), (v, u))
    ]
    await _ok(gql, "upsertInfluences", "UpsertInfluencesInput", {"influences": ties}, ws)
    data = await gql(
        "query($id: ID!) { node(id: $id) { ... on Organisation { influenceMap {"
        " people { personKey brokerage } brokerageExact } } } }",
        id=str(relay.GlobalID("Organisation", org)),
    )
    measured = {
        p["personKey"].removeprefix(f"{ws}-"): p["brokerage"]
        for p in data["node"]["influenceMap"]["people"]
    }
    assert data["node"]["influenceMap"]["brokerageExact"]
    assert measured == pytest.approx(FLORENTINE_BETWEENNESS, abs=6e-4)


def test_independent_pure_computation_agrees_on_a_tiny_chain() -> None:
    # Sanity of the pure pieces the service calls, on a→b→c: PageRank against networkx's (the
    # hand-solved chain is in tests/unit/analytics), brokerage by hand (b is on 1 of 2 pairs).
    people = [PersonNode(k, k, None, None, None) for k in "abc"]
    G = influence_graph(
        people, [InfluenceEdge("a", "b", 1.0, "advice"), InfluenceEdge("b", "c", 1.0, "advice")], []
    )
    ranks = influence_rank(G)
    expected = nx.pagerank(G.reverse(), alpha=0.85, tol=1e-12, max_iter=10_000)
    assert ranks == pytest.approx(expected, abs=1e-9)
    assert brokerage(G).values["b"] == pytest.approx(0.5)


async def test_plan_weights_are_configurable_per_query(gql: GraphQL, workspace: str) -> None:
    from strawberry import relay

    ws = workspace
    deal = str(relay.GlobalID("Deal", await _build(gql, ws)))
    data = await gql(
        """query($id: ID!) { node(id: $id) { ... on Deal {
          stanceOnly: approachPlan(weights: {leverage: 0, access: 0, stance: 1, rank: 0,
                                             gapPenalty: 0}) { personKey score }
        } } }""",
        id=deal,
    )
    plan = data["node"]["stanceOnly"]
    # Stance alone: champion 1, supporter 0.75, neutral 0.5, blocker 0.
    assert [(s["personKey"], s["score"]) for s in plan] == [
        (f"{ws}-mgr", pytest.approx(1.0)),
        (f"{ws}-vp", pytest.approx(0.75)),
        (f"{ws}-ceo", pytest.approx(0.5)),
        (f"{ws}-proc", pytest.approx(0.0)),
    ]
    bad = await gql(
        "query($id: ID!) { node(id: $id) { ... on Deal { approachPlan(weights: {stance: -1})"
        " { order } } } }",
        allow_errors=True,
        id=deal,
    )
    assert "weights" in bad["errors"][0]["message"]
