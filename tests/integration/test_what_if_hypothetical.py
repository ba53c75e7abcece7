"""What-if with hypothetical contacts: people who are not stored, in the plan's routes and the
coverage, validated as stored people are, and never written."""

from __future__ import annotations

from typing import Any

import pytest

from tests.integration.conftest import GraphQL
from tests.integration.test_analytics_graphql import _build, _deal

pytestmark = pytest.mark.integration

WHAT_IF = """
query($ws: ID!, $deal: ID!, $people: [HypotheticalPersonInput!], $knows: [HypotheticalKnowsInput!],
      $lines: [HypotheticalReportsToInput!], $influences: [HypotheticalInfluenceInput!]) {
  whatIf(workspaceId: $ws, dealId: $deal, addPeople: $people, addKnows: $knows,
         addReportsTo: $lines, addInfluences: $influences) {
    hypotheticalPeople { key name title levelRank levelInferred organisationKind roles stance }
    coverageAfter { roles { role holders { personKey } } warnings { code people } }
    planAfter { personKey introKind introPath route { text } person { name } }
    planBefore { personKey }
  }
}
"""


async def _what_if(gql: GraphQL, ws: str, deal: str, **changes: Any) -> dict[str, Any]:
    data = await gql(WHAT_IF, ws=ws, deal=deal, **changes)
    return dict(data["whatIf"])


async def _refused(gql: GraphQL, ws: str, deal: str, **changes: Any) -> dict[str, str]:
    """The what-if's field errors, by field (the answer must be a validation error)."""
    body = await gql(WHAT_IF, allow_errors=True, ws=ws, deal=deal, **changes)
    assert body.get("data") is None, body
    (error,) = body["errors"]
    assert error["extensions"]["code"] == "validation", error
    return {f["field"]: f["message"] for f in error["extensions"]["fields"]}


async def test_a_hypothetical_colleague_opens_a_route_and_nothing_is_stored(
    gql: GraphQL, workspace: str
) -> None:
    ws = workspace
    deal = await _build(gql, ws)
    new = {"id": f"{ws}-nia", "name": "Nia Hall", "title": "Chief Operating Officer"}
    result = await _what_if(
        gql,
        ws,
        deal,
        people=[{**new, "organisationId": f"{ws}-home"}],
        knows=[{"sourceId": new["id"], "targetId": f"{ws}-ceo", "strength": 0.9}],
    )
    # the level comes from the title through the title rule, marked inferred
    (nia,) = result["hypotheticalPeople"]
    assert (nia["levelRank"], nia["levelInferred"], nia["organisationKind"]) == (6, True, "home")
    ceo = next(s for s in result["planAfter"] if s["personKey"] == f"{ws}-ceo")
    assert (ceo["introKind"], ceo["introPath"]) == ("ours", [new["id"], f"{ws}-ceo"])
    assert ceo["route"]["text"].startswith("Nia Hall (ours) knows ceo (0.90)")
    assert "DECIDER_NOT_CONTACTED" not in {w["code"] for w in result["coverageAfter"]["warnings"]}
    # nothing was stored: no such person, and the deal's own plan is the plan before
    found = await gql(
        "query($ws: ID!, $p: ID!) { workspace(id: $ws) { person(id: $p) { id } } }",
        ws=ws,
        p=new["id"],
    )
    assert found["workspace"]["person"] is None
    real = await _deal(gql, deal)
    assert [s["personKey"] for s in real["approachPlan"]] == [
        s["personKey"] for s in result["planBefore"]
    ]


async def test_a_hypothetical_member_with_a_manager_and_an_influence(
    gql: GraphQL, workspace: str
) -> None:
    ws = workspace
    deal = await _build(gql, ws)
    cfo = {
        "id": f"{ws}-cfo",
        "name": "Cora Finch",
        "title": "Chief Financial Officer",  # C-suite (6) by the title rule ...
        "organisationId": f"{ws}-acme",
        "roles": ["APPROVER"],
        "stance": "SUPPORTER",
    }
    result = await _what_if(
        gql,
        ws,
        deal,
        people=[cfo],
        lines=[{"personId": cfo["id"], "managerId": f"{ws}-vp"}],  # ... reporting to a VP (5)
        influences=[{"sourceId": cfo["id"], "targetId": f"{ws}-ceo", "weight": 0.7}],
        knows=[{"sourceId": f"{ws}-our-vp", "targetId": cfo["id"], "strength": 0.8}],
    )
    (cora,) = result["hypotheticalPeople"]
    # an inferred level is never above a manager's, as for a stored person
    assert (cora["levelRank"], cora["levelInferred"]) == (5, True)
    assert (cora["roles"], cora["stance"]) == (["approver"], "supporter")
    approver = next(r for r in result["coverageAfter"]["roles"] if r["role"] == "approver")
    assert approver["holders"] == [{"personKey": cfo["id"]}]
    step = next(s for s in result["planAfter"] if s["personKey"] == cfo["id"])
    assert step["introPath"] == [f"{ws}-our-vp", cfo["id"]]
    assert step["person"] is None  # not a stored person; the route names them
    assert "Cora Finch" in step["route"]["text"]
    assert cfo["id"] not in {s["personKey"] for s in result["planBefore"]}


async def test_a_hypothetical_contact_is_validated_as_a_stored_person_is(
    gql: GraphQL, workspace: str
) -> None:
    ws = workspace
    deal = await _build(gql, ws)
    # the same rule and words as for a stored person, under the what-if's own field names
    stored = await gql(
        "mutation($i: CreatePersonInput!) { createPerson(input: $i) { __typename "
        "... on ValidationError { fields { field message } } } }",
        i={"workspaceId": ws, "name": " ", "levelRank": 9},
    )
    expected = {f["field"]: f["message"] for f in stored["createPerson"]["fields"]}
    bad = {"id": f"{ws}-x", "name": " ", "levelRank": 9}
    assert await _refused(gql, ws, deal, people=[bad]) == {
        f"addPeople[0].{field}": message for field, message in expected.items()
    }

    errors = await _refused(
        gql,
        ws,
        deal,
        people=[
            {"id": f"{ws}-ceo", "name": "Taken"},
            {"id": f"{ws}-y", "name": "Nowhere", "organisationId": f"{ws}-ghost"},
            {"id": f"{ws}-z", "name": "Ours", "organisationId": f"{ws}-home", "roles": ["USER"]},
        ],
    )
    assert "stored person's id" in errors["addPeople[0].id"]
    ghost = f"no organisation '{ws}-ghost' in this workspace"
    assert errors["addPeople[1].organisationId"] == ghost
    assert "the buying centre holds the buyer's people" in errors["addPeople[2].roles"]

    # a "knows" tie starts at one of ours or a partner's; a reporting line closes no cycle
    errors = await _refused(
        gql,
        ws,
        deal,
        people=[{"id": f"{ws}-c", "name": "Client", "organisationId": f"{ws}-acme"}],
        knows=[{"sourceId": f"{ws}-c", "targetId": f"{ws}-ceo", "strength": 0.5}],
        lines=[{"personId": f"{ws}-vp", "managerId": f"{ws}-mgr"}],
    )
    rule = "a knows tie starts at one of our people or a partner's"
    assert rule in errors["addKnows[0].sourceId"]
    assert errors["addReportsTo[0].managerId"].startswith(f"reporting cycle: {ws}-vp → {ws}-mgr")

    many = [{"id": f"{ws}-h{i}", "name": f"H{i}"} for i in range(21)]
    errors = await _refused(gql, ws, deal, people=many)
    assert errors == {"addPeople": "at most 20 in one what-if; try fewer changes at once"}
