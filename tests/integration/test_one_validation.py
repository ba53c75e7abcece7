"""One validation: the same bad record refused by GraphQL and by the CSV import, in the same
words and naming the same field, with nothing written on either path.

The rules are those of ``graph/rules/integrity.py``: reporting cycles, who may hold a buying-centre
role, who may know whom (also when a person moves to another side), and the email address.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from graph.model.common import camel
from tests.integration.conftest import GraphQL

pytestmark = pytest.mark.integration

MAP = {  # ids are unique across workspaces: {w} becomes the workspace's own prefix
    "organisations.csv": "id,name,kind\n"
    "{w}ACME,Acme,customer\n{w}HOME,Us,home\n{w}PART,Partner,partner\n",
    "people.csv": "id,first_name,last_name,title,organisation_id\n"
    "{w}CEO,Cora,Boss,Chief Executive Officer,{w}ACME\n"
    "{w}IT,Ivo,Tech,IT Manager,{w}ACME\n"
    "{w}REP,Rita,Seller,Account Executive,{w}HOME\n"
    "{w}CON,Conny,Advisor,Consultant,{w}PART\n",
    "reporting.csv": "person_id,manager_id\n{w}IT,{w}CEO\n",
    "knows.csv": "source_id,target_id,strength\n{w}REP,{w}CEO,0.6\n{w}CON,{w}IT,0.4\n",
    "deals.csv": "id,name,organisation_id\n{w}D1,Renewal,{w}ACME\n",
    "buying_centre.csv": "deal_id,person_id,roles,stance\n{w}D1,{w}CEO,decider,neutral\n",
}


@dataclass(frozen=True)
class BadRecord:
    """One bad record, as a GraphQL mutation and as a CSV file."""

    name: str
    mutation: str
    variables: dict[str, Any]
    file_name: str
    csv: str
    field: str  # as GraphQL names it; the CSV names the column, camel(column) == field


_PAYLOAD = """ __typename ... on ValidationError { fields { field message } } """
BAD = [
    BadRecord(
        "a reporting cycle",
        "mutation($ws: ID!, $p: ID!, $m: ID!) { addReportsTo(input: "
        "{workspaceId: $ws, personId: $p, managerId: $m}) {" + _PAYLOAD + "} }",
        {"p": "{w}CEO", "m": "{w}IT"},
        "reporting.csv",
        "person_id,manager_id\n{w}CEO,{w}IT\n",
        "managerId",
    ),
    BadRecord(
        "one of our people as the decider of a customer's deal",
        "mutation($ws: ID!, $d: ID!, $p: ID!) { setBuyingCentreMember(input: "
        "{workspaceId: $ws, dealId: $d, personId: $p, roles: [DECIDER]}) {" + _PAYLOAD + "} }",
        {"d": "{w}D1", "p": "{w}REP"},
        "buying_centre.csv",
        "deal_id,person_id,roles\n{w}D1,{w}REP,decider\n",
        "personId",
    ),
    BadRecord(
        "a partner's person as an influencer in a customer's deal",
        "mutation($ws: ID!, $d: ID!, $p: ID!) { setBuyingCentreMember(input: "
        "{workspaceId: $ws, dealId: $d, personId: $p, roles: [INFLUENCER]}) {" + _PAYLOAD + "} }",
        {"d": "{w}D1", "p": "{w}CON"},
        "buying_centre.csv",
        "deal_id,person_id,roles\n{w}D1,{w}CON,influencer\n",
        "personId",
    ),
    BadRecord(
        "a knows tie from a customer's person",
        "mutation($ws: ID!, $s: ID!, $t: ID!) { upsertKnows(input: "
        "{workspaceId: $ws, sourceId: $s, targetId: $t, strength: 0.5}) {" + _PAYLOAD + "} }",
        {"s": "{w}CEO", "t": "{w}REP"},
        "knows.csv",
        "source_id,target_id,strength\n{w}CEO,{w}REP,0.5\n",
        "sourceId",
    ),
    BadRecord(
        "moving the decider of a customer's deal to our side",
        "mutation($ws: ID!, $id: ID!, $o: ID!) { updatePerson(input: "
        "{workspaceId: $ws, id: $id, organisationId: $o}) {" + _PAYLOAD + "} }",
        {"id": "{w}CEO", "o": "{w}HOME"},
        "people.csv",
        "id,first_name,last_name,organisation_id\n{w}CEO,Cora,Boss,{w}HOME\n",
        "organisationId",
    ),
    BadRecord(
        "moving a partner's person who knows someone to a customer",
        "mutation($ws: ID!, $id: ID!, $o: ID!) { updatePerson(input: "
        "{workspaceId: $ws, id: $id, organisationId: $o}) {" + _PAYLOAD + "} }",
        {"id": "{w}CON", "o": "{w}ACME"},
        "people.csv",
        "id,first_name,last_name,organisation_id\n{w}CON,Conny,Advisor,{w}ACME\n",
        "organisationId",
    ),
    BadRecord(
        "an email without an @",
        "mutation($ws: ID!, $id: String!) { createPerson(input: {workspaceId: $ws, id: $id, "
        'name: "Paul Koch", email: "paul.koch.at.nordwind.de"}) {' + _PAYLOAD + "} }",
        {"id": "{w}PK"},
        "people.csv",
        "id,first_name,last_name,email\n{w}PK,Paul,Koch,paul.koch.at.nordwind.de\n",
        "email",
    ),
]


def _filled(text: str, workspace: str) -> str:
    return text.replace("{w}", f"{workspace}-")


async def _import(client: httpx.AsyncClient, workspace: str, files: dict[str, str]) -> Any:
    upload = [
        ("files", (name, _filled(text, workspace).encode(), "text/csv"))
        for name, text in files.items()
    ]
    return await client.post(f"/workspaces/{workspace}/imports", files=upload)


async def _stored(client: httpx.AsyncClient, workspace: str) -> dict[str, bytes]:
    """Every row of the workspace, as its CSV export."""
    response = await client.get(f"/workspaces/{workspace}/export", params={"format": "csv"})
    assert response.status_code == 200, response.text
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    return {name: archive.read(name) for name in archive.namelist()}


@pytest.fixture
async def mapped(client: httpx.AsyncClient, workspace: str) -> str:
    response = await _import(client, workspace, MAP)
    assert response.status_code == 200, response.text
    return workspace


@pytest.mark.parametrize("bad", BAD, ids=[b.name for b in BAD])
async def test_graphql_and_csv_refuse_the_same_record_in_the_same_words(
    client: httpx.AsyncClient, gql: GraphQL, mapped: str, bad: BadRecord
) -> None:
    before = await _stored(client, mapped)
    variables = {k: _filled(v, mapped) for k, v in bad.variables.items()}
    answer = await gql(bad.mutation, ws=mapped, **variables)
    (payload,) = answer.values()
    assert payload["__typename"] == "ValidationError", payload
    (graphql_field,) = payload["fields"]
    assert graphql_field["field"] == bad.field

    response = await _import(client, mapped, {bad.file_name: bad.csv})
    assert response.status_code == 422, response.text
    (issue,) = response.json()["report"]["issues"]
    assert (issue["file"], issue["row"]) == (bad.file_name, 2)
    assert camel(issue["column"]) == bad.field
    assert issue["reason"] == graphql_field["message"]
    assert await _stored(client, mapped) == before


async def test_the_rules_let_the_good_records_through_on_both_paths(
    client: httpx.AsyncClient, gql: GraphQL, mapped: str
) -> None:
    """The map itself keeps every rule: a partner's person knows a customer's, the customer's
    people hold the roles, and a line down the chart closes no cycle."""
    knows = BAD[3]
    answer = await gql(knows.mutation, ws=mapped, s=f"{mapped}-CON", t=f"{mapped}-CEO")
    assert answer["upsertKnows"]["__typename"] == "EdgeSuccess"
    member = BAD[1]
    answer = await gql(member.mutation, ws=mapped, d=f"{mapped}-D1", p=f"{mapped}-IT")
    assert answer["setBuyingCentreMember"]["__typename"] == "MemberSuccess"
    response = await _import(
        client,
        mapped,
        {
            "knows.csv": "source_id,target_id,strength\n{w}REP,{w}IT,0.5\n",
            "buying_centre.csv": "deal_id,person_id,roles\n{w}D1,{w}IT,user\n",
        },
    )
    assert response.status_code == 200, response.text


async def test_a_file_that_moves_a_person_to_our_side_is_judged_by_the_file(
    client: httpx.AsyncClient, mapped: str
) -> None:
    """The files' rows take precedence over the workspace's: a customer's person the same
    import moves to a partner may know people; one it moves to us leaves the buying centre."""
    person = "id,first_name,last_name,organisation_id\n{w}"
    to_partner = {
        "people.csv": person + "IT,Ivo,Tech,{w}PART\n",
        "knows.csv": "source_id,target_id,strength\n{w}IT,{w}CEO,0.5\n",
    }
    to_us = {
        "people.csv": person + "CEO,Cora,Boss,{w}HOME\n",
        "buying_centre.csv": "deal_id,person_id,roles\n{w}D1,{w}CEO,decider\n",
    }
    assert (await _import(client, mapped, to_partner)).status_code == 200
    response = await _import(client, mapped, to_us)
    assert response.status_code == 422, response.text
    (issue,) = response.json()["report"]["issues"]
    assert (issue["file"], issue["column"]) == ("buying_centre.csv", "person_id")
    assert "our own organisation" in issue["reason"]
