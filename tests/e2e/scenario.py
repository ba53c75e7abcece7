"""A small, hand-made account for the browser tests, written through the GraphQL API.

Northwind Logistics is buying a fleet platform. Its CFO decides and is sceptical; the CEO
(above her) influences her most. We (Statusmap Ltd) know the operations director well; a
partner (Acme Consulting) knows the CEO.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

import httpx

CUSTOMER = "northwind"
PARTNER = "acme"
HOME = "us"
DEAL = "fleet-2027"
DEAL_NAME = "Fleet platform 2027"

# key, name, title, department, organisation, level
PEOPLE: list[tuple[str, str, str, str | None, str, int]] = [
    ("olivia", "Olivia Brandt", "Chair of the Board", "Board", CUSTOMER, 7),
    ("carl", "Carl Engel", "Chief Executive Officer", "Executive", CUSTOMER, 6),
    ("fiona", "Fiona Marsh", "Chief Financial Officer", "Finance", CUSTOMER, 6),
    ("ivan", "Ivan Novak", "Head of IT", "IT", CUSTOMER, 5),
    ("derek", "Derek Holt", "Director of Operations", "Operations", CUSTOMER, 4),
    ("petra", "Petra Lind", "Procurement Manager", "Procurement", CUSTOMER, 3),
    ("uma", "Uma Roy", "Dispatcher", "Operations", CUSTOMER, 1),
    ("paul", "Paul Acker", "Managing Partner", None, PARTNER, 5),
    ("hanna", "Hanna Berg", "Account Executive", None, HOME, 3),
    ("sam", "Sam Ortiz", "VP Sales", None, HOME, 5),
]

# person, roles, stance
MEMBERS: list[tuple[str, list[str], str]] = [
    ("fiona", ["DECIDER"], "SCEPTIC"),
    ("carl", ["APPROVER"], "NEUTRAL"),
    ("ivan", ["INFLUENCER"], "SUPPORTER"),
    ("derek", ["INITIATOR", "CHAMPION"], "CHAMPION"),
    ("petra", ["BUYER"], "NEUTRAL"),
    ("uma", ["USER"], "UNKNOWN"),
]

# source, target, weight, kind
INFLUENCES: list[tuple[str, str, float, str]] = [
    ("carl", "fiona", 0.8, "ADVICE"),
    ("olivia", "carl", 0.6, "SPONSOR"),
    ("olivia", "fiona", 0.4, "SPONSOR"),
    ("ivan", "fiona", 0.5, "ADVICE"),
    ("derek", "ivan", 0.4, "PEER"),
    ("uma", "derek", 0.3, "ADVICE"),
    ("petra", "fiona", 0.2, "ADVICE"),
]

REPORTS_TO = [
    ("fiona", "carl"),
    ("ivan", "fiona"),
    ("derek", "carl"),
    ("uma", "derek"),
    ("petra", "fiona"),
]
KNOWS = [("hanna", "derek", 0.8), ("sam", "ivan", 0.5), ("paul", "carl", 0.7)]


@dataclass(frozen=True)
class Scenario:
    workspace: str
    """Key of the workspace (each scenario gets a fresh one)."""

    def key(self, local: str) -> str:
        """The stored key of a person, organisation or deal of this scenario (keys are unique
        across workspaces, so each scenario prefixes its own)."""
        return f"{self.workspace}-{local}"

    def name(self, key: str) -> str:
        return next(p[1] for p in PEOPLE if p[0] == key)


def _mutate(client: httpx.Client, document: str, variables: dict[str, Any]) -> dict[str, Any]:
    response = client.post("/graphql", json={"query": document, "variables": variables})
    response.raise_for_status()
    body = response.json()
    assert not body.get("errors"), body["errors"]
    for name, result in body["data"].items():
        assert result["__typename"].endswith("Success"), f"{name}: {result}"
    data: dict[str, Any] = body["data"]
    return data


def _batch(
    client: httpx.Client, mutation: str, input_type: str, inputs: list[dict[str, Any]]
) -> None:
    """Many calls of one mutation in one request (aliases run in order)."""
    params = ", ".join(f"$i{n}: {input_type}!" for n in range(len(inputs)))
    calls = " ".join(
        f"m{n}: {mutation}(input: $i{n}) {{ __typename "
        "... on ValidationError { message fields { field message } } "
        "... on NotFoundError { message } ... on ConflictError { message } }"
        for n in range(len(inputs))
    )
    _mutate(client, f"mutation({params}) {{ {calls} }}", {f"i{n}": v for n, v in enumerate(inputs)})


def api_client(base_url: str, token: str | None = None) -> httpx.Client:
    """An HTTP client on the live app, sending `token` as a bearer token when given."""
    headers = {"authorization": f"Bearer {token}"} if token else {}
    return httpx.Client(base_url=base_url, timeout=60, headers=headers)


def create_workspace(client: httpx.Client, key: str, name: str) -> None:
    _batch(client, "createWorkspace", "CreateWorkspaceInput", [{"id": key, "name": name}])


def build_scenario(base_url: str) -> Scenario:
    """Write the Northwind account into a fresh workspace and return its key."""
    ws = f"e2e-{uuid.uuid4().hex[:8]}"
    scenario = Scenario(ws)
    k = scenario.key
    with api_client(base_url) as client:
        create_workspace(client, ws, f"Demo {ws}")
        _batch(
            client,
            "createOrganisation",
            "CreateOrganisationInput",
            [
                {
                    "workspaceId": ws,
                    "id": k(CUSTOMER),
                    "name": "Northwind Logistics",
                    "kind": "CUSTOMER",
                },
                {"workspaceId": ws, "id": k(PARTNER), "name": "Acme Consulting", "kind": "PARTNER"},
                {"workspaceId": ws, "id": k(HOME), "name": "Statusmap Ltd", "kind": "HOME"},
            ],
        )
        people = [
            {
                "id": k(p),
                "name": n,
                "title": t,
                "department": d,
                "organisationId": k(o),
                "levelRank": r,
            }
            for p, n, t, d, o, r in PEOPLE
        ]
        _batch(client, "upsertPeople", "UpsertPeopleInput", [{"workspaceId": ws, "people": people}])
        influences = [
            {"sourceId": k(s), "targetId": k(t), "weight": w, "kind": kind}
            for s, t, w, kind in INFLUENCES
        ]
        _batch(
            client,
            "upsertInfluences",
            "UpsertInfluencesInput",
            [{"workspaceId": ws, "influences": influences}],
        )
        _batch(
            client,
            "addReportsTo",
            "ReportsToInput",
            [{"workspaceId": ws, "personId": k(p), "managerId": k(m)} for p, m in REPORTS_TO],
        )
        _batch(
            client,
            "upsertKnows",
            "UpsertKnowsInput",
            [
                {"workspaceId": ws, "sourceId": k(s), "targetId": k(t), "strength": w}
                for s, t, w in KNOWS
            ],
        )
        _batch(
            client,
            "createDeal",
            "CreateDealInput",
            [{"workspaceId": ws, "id": k(DEAL), "name": DEAL_NAME, "organisationId": k(CUSTOMER)}],
        )
        _batch(
            client,
            "setBuyingCentreMember",
            "BuyingCentreMemberInput",
            [
                {"workspaceId": ws, "dealId": k(DEAL), "personId": k(p), "roles": r, "stance": s}
                for p, r, s in MEMBERS
            ],
        )
    return scenario
