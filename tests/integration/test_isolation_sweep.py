"""Every read that takes an id, asked with the other workspace's ids: nothing of theirs comes out.

Their team names its people, account and deal with a secret word, records history and an
observer's report, and saves a view. Our team then asks, from its own workspace, every field of
the schema that takes an id (a person, an organisation, a deal, a status gap's other end, the
people of a status-gap list, what-if's hypothetical edges and removals), each with their keys and
their global ids, as of now and as of a past moment, and every REST route that takes a scope.
The secret word never appears in any answer: not in data, not in an error, not in a file.

The selections are built from ``api/schema.graphql`` (every leaf field a type has without
required arguments, two levels deep), so a field added later is probed without editing this file.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
from graphql import (
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLUnionType,
    build_schema,
    get_named_type,
    is_leaf_type,
    is_required_argument,
)

from tests.conftest import repo_root
from tests.integration.test_isolation import Team, gid

pytestmark = pytest.mark.integration

SCHEMA = build_schema((repo_root() / "api" / "schema.graphql").read_text())


def select(type_name: str, depth: int = 2) -> str:
    """Every field of a type that needs no argument: leaves, and objects ``depth`` levels down."""
    kind = SCHEMA.get_type(type_name)
    if isinstance(kind, GraphQLUnionType):
        return "__typename " + " ".join(
            f"... on {member.name} {{ {select(member.name, depth)} }}" for member in kind.types
        )
    assert isinstance(kind, (GraphQLObjectType, GraphQLInterfaceType)), type_name
    parts = ["__typename"]
    for name, field in kind.fields.items():
        if any(is_required_argument(a) for a in field.args.values()):
            continue
        named = get_named_type(field.type)
        if is_leaf_type(named):
            parts.append(name)
        elif depth > 0 and isinstance(
            named, (GraphQLObjectType, GraphQLInterfaceType, GraphQLUnionType)
        ):
            parts.append(f"{name} {{ {select(named.name, depth - 1)} }}")
    return " ".join(parts)


def node_of(connection: str) -> str:
    """The selection of a connection's nodes."""
    edges = SCHEMA.get_type(connection)
    assert isinstance(edges, GraphQLObjectType), connection
    edge = get_named_type(edges.fields["edges"].type)
    assert isinstance(edge, GraphQLObjectType), connection
    return select(get_named_type(edge.fields["node"].type).name, 2)


async def _their_secrets(theirs: Team, secret: str) -> None:
    """Their people, account and deal carry ``secret``; a report, a view and history too."""
    data = await theirs.gql(
        """mutation($ws: ID!, $ann: ID!, $bo: ID!, $org: ID!, $deal: ID!, $s: String!) {
          a: updatePerson(input: {workspaceId: $ws, id: $ann, name: $s, title: $s}) { __typename }
          b: updatePerson(input: {workspaceId: $ws, id: $bo, name: $s}) { __typename }
          o: updateOrganisation(input: {workspaceId: $ws, id: $org, name: $s}) { __typename }
          d: updateDeal(input: {workspaceId: $ws, id: $deal, name: $s}) { __typename }
          k: upsertKnows(input: {workspaceId: $ws, sourceId: $ann, targetId: $bo}) { __typename }
          r: upsertInfluence(input: {workspaceId: $ws, sourceId: $bo, targetId: $ann,
                                     weight: 0.4, reportedBy: $ann}) { __typename }
          v: saveView(input: {workspaceId: $ws, dealId: $deal, name: $s, state: {x: 1}}) {
            __typename }
          m: setBuyingCentreMember(input: {workspaceId: $ws, dealId: $deal, personId: $bo,
                                           roles: [CHAMPION], stance: SUPPORTER}) { __typename }
        }""",
        ws=theirs.ws,
        ann=theirs.key("ann"),
        bo=theirs.key("bo"),
        org=theirs.key("org"),
        deal=theirs.key("deal"),
        s=secret,
    )
    assert "errors" not in data, data
    typenames = {v["__typename"] for v in data["data"].values()}
    # Some writes may be refused by the model's rules; enough of them land to carry the secret.
    assert any(not t.endswith("Error") for t in typenames), data
    read = await theirs.gql(
        "query($ws: ID!, $ann: ID!) { workspace(id: $ws) { person(id: $ann) { name } } }",
        ws=theirs.ws,
        ann=theirs.key("ann"),
    )
    assert read["data"]["workspace"]["person"]["name"] == secret, read


def _their_ids(theirs: Team) -> dict[str, list[str]]:
    """Their keys and global ids, by kind."""
    kinds = {"ann": "Person", "bo": "Person", "org": "Organisation", "deal": "Deal"}
    ids: dict[str, list[str]] = {}
    for name, type_name in kinds.items():
        ids.setdefault(type_name, []).extend([theirs.key(name), gid(type_name, theirs.key(name))])
    return ids


async def test_no_read_taking_an_id_shows_the_other_workspace(ours: Team, theirs: Team) -> None:
    secret = f"Secretname{uuid.uuid4().hex[:10]}"
    past = (dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)).isoformat()
    await _their_secrets(theirs, secret)
    ids = _their_ids(theirs)
    person, organisation, deal = select("Person"), select("Organisation"), select("Deal")
    # Each kind's lookup by id, with the workspace's other fields that take that kind's id.
    lookups = {
        "Person": f"person(id: $id$asOf) {{ {person} }}",
        "Organisation": f"organisation(id: $id$asOf) {{ {organisation} }}"
        f" people(organisationId: $id) {{ edges {{ node {{ {select('Person', 0)} }} }} }}"
        f" deals(organisationId: $id) {{ edges {{ node {{ {select('Deal', 0)} }} }} }}",
        "Deal": f"deal(id: $id$asOf) {{ {deal} }}"
        f" disputedInfluences(dealId: $id) {{ {select('ReportedTie', 1)} }}"
        f" observerAccuracy(dealId: $id) {{ {select('ObserverAccuracy', 1)} }}",
    }
    probes: list[tuple[str, dict[str, Any]]] = []
    for moment in (None, past):
        declared = ", $at: DateTime" if moment else ""
        for kind, lookup in lookups.items():
            fields = lookup.replace("$asOf", ", asOf: $at" if moment else "")
            for key in ids[kind]:
                probes.append(
                    (
                        f"query($ws: ID!, $id: ID!{declared}) {{ workspace(id: $ws) {{"
                        f" {fields} }} }}",
                        {"id": key, "at": moment},
                    )
                )
    for key in ids["Person"]:
        probes.append(
            (
                "query($ws: ID!, $mine: ID!, $deal: ID!, $id: ID!) { workspace(id: $ws) {"
                " person(id: $mine) { statusGap(to: $id) }"
                " deal(id: $deal) { statusGaps(people: [$id]) { edges { node {"
                f" {select('PersonStatusGaps', 1)} }} }} }} }} }} }}",
                {"mine": ours.key("ann"), "deal": ours.key("deal"), "id": key},
            )
        )
        for change in (
            "removePeople: [$id]",
            "addInfluences: [{sourceId: $id, targetId: $mine, weight: 0.9}]",
            "addInfluences: [{sourceId: $mine, targetId: $id, weight: 0.9}]",
            "addReportsTo: [{personId: $mine, managerId: $id}]",
            "addReportsTo: [{personId: $id, managerId: $mine}]",
        ):
            probes.append(
                (
                    "query($ws: ID!, $deal: ID!, $id: ID!"
                    + (", $mine: ID!" if "$mine" in change else "")
                    + ") { whatIf(workspaceId: $ws,"
                    f" dealId: $deal, {change}) {{ {select('WhatIf', 2)} }} }}",
                    {"deal": ours.key("deal"), "id": key, "mine": ours.key("ann")},
                )
            )
    for key in ids["Deal"]:
        probes.append(
            (
                "query($ws: ID!, $id: ID!) { whatIf(workspaceId: $ws, dealId: $id) {"
                f" {select('WhatIf', 1)} }} }}",
                {"id": key},
            )
        )
    for key in [k for keys in ids.values() for k in keys]:
        probes.append(
            (
                f"query($id: ID!) {{ node(id: $id) {{ __typename ... on Person {{ {person} }}"
                f" ... on Organisation {{ {organisation} }} ... on Deal {{ {deal} }} }} }}",
                {"id": key},
            )
        )
    feeds = (
        "query($ws: ID!) { workspace(id: $ws) {"
        f" changes(first: 100) {{ edges {{ node {{ {node_of('ChangeConnection')} }} }} }}"
        f" departures {{ {select('Departure', 1)} }}"
        f" topInfluencers(first: 50) {{ {select('WorkspaceScoreView', 1)} }}"
        " crossAccountInfluencers(minAccounts: 2, hops: 2, first: 50) {"
        f" {select('CrossAccountInfluencerView', 1)} }}"
        f" people(first: 100) {{ edges {{ node {{ {select('Person', 1)} }} }} }}"
        " } }"
    )
    probes.append((feeds, {}))

    # A control: asked by their own team in their workspace, the lookups by id show the secret,
    # so the selections do reach the fields that would leak it.
    lookups = [(d, v) for d, v in probes[: len(ids["Person"]) + 4] if not v.get("at")]
    assert len(lookups) == 8, len(lookups)
    for document, variables in lookups:
        control = await theirs.client.post(
            "/graphql", json={"query": document, "variables": {"ws": theirs.ws, **variables}}
        )
        assert secret in control.text, (document, variables, control.text)

    assert len(probes) > 20
    for document, variables in probes:
        answer = await ours.client.post(
            "/graphql",
            json={
                "query": document,
                "variables": {
                    "ws": ours.ws,
                    **{k: v for k, v in variables.items() if v and f"${k}:" in document},
                },
            },
        )
        assert answer.status_code < 500, (document, answer.text)
        body = answer.json()
        assert secret not in answer.text, (document, variables, body)
        assert "Secretname" not in answer.text, (document, variables)
        # The probe must have run: a document the schema refuses would prove nothing.
        for error in body.get("errors", []):
            assert "Cannot query field" not in error["message"], error
            assert "Unknown argument" not in error["message"], error
            assert "Unknown type" not in error["message"], error
            assert "is required" not in error["message"], error
            assert "Variable" not in error["message"], error
            assert "Syntax Error" not in error["message"], error

    since = (dt.datetime.now(dt.UTC) - dt.timedelta(days=1)).isoformat()
    routes = [
        (f"/workspaces/{theirs.ws}/export", {"format": fmt}) for fmt in ("csv", "json", "kumu")
    ]
    routes += [
        (f"/workspaces/{ours.ws}/export", {"format": "json", "deal": theirs.key("deal")}),
        (f"/workspaces/{ours.ws}/export", {"format": "graphml", "account": theirs.key("org")}),
        (f"/workspaces/{theirs.ws}/changes", {"since": since, "format": "json"}),
        (f"/workspaces/{ours.ws}/changes", {"since": since, "deal": theirs.key("deal")}),
        (f"/workspaces/{ours.ws}/changes", {"since": since, "account": theirs.key("org")}),
    ]
    for path, params in routes:
        response = await ours.client.get(path, params=params)
        assert response.status_code == 404, (path, params, response.status_code, response.text)
        assert secret not in response.text, (path, params)
    # Our own whole-workspace files hold nothing of theirs either.
    for path, params in [
        (f"/workspaces/{ours.ws}/export", {"format": "json"}),
        (f"/workspaces/{ours.ws}/changes", {"since": since, "format": "json"}),
    ]:
        response = await ours.client.get(path, params=params)
        assert response.status_code == 200, (path, response.text)
        assert secret not in response.text and theirs.ws not in response.text, path
