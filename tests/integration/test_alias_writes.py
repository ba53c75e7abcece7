"""Every write that takes a person's id takes one of their aliases too (the ids an import merged
into them), read as that person in the writing transaction itself (``people/resolve``, through
fragment ``alias_of``): influence, knows and reporting edges, buying-centre members, journey
stages, levels, person edits and deletes. In another workspace the alias names no one: each
reference is refused as not found, naming its field, and nothing is written."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import Any

import httpx
import pytest
from strawberry import relay

from graph.database import store as store_module
from graph.database.store import Row, Store
from graph.rules.merging import EDIT, merge_values
from tests.integration.test_import_crm import ACCOUNTS, _import
from tests.integration.test_import_merge import (
    FIRST,
    RENAMED,
    _another_workspace,
    _gql,
    alias_being_written,
)
from tests.integration.test_store_busy import _until_a_transaction_waits

pytestmark = pytest.mark.integration

RITA = "{w}003R,Rita,Report,Analyst,,{w}001A,\n"

_PAYLOAD = """__typename ... on NotFoundError { message field }
  ... on ValidationError { message fields { field message } }"""


_SUCCESS = {
    "DeleteInput": "... on DeleteSuccess { deletedId }",
    "UpsertInfluencesInput": "... on UpsertSuccess { keys }",
    "UpsertPeopleInput": "... on UpsertSuccess { keys }",
    "UpdatePersonInput": "... on PersonSuccess { person { key title } }",
    "BuyingCentreMemberInput": "... on MemberSuccess { member { stage person { key } } }",
    "JourneyStageInput": "... on MemberSuccess { member { stage person { key } } }",
}
"""What each input's mutation answers on success, where more than its type is checked."""


async def _write(client: httpx.AsyncClient, name: str, kind: str, **input_: Any) -> Any:
    """Mutation ``name`` with ``input_``; its answer's type and error, or its success."""
    document = (
        f"mutation($input: {kind}!) {{ {name}(input: $input) {{ {_PAYLOAD}"
        f" {_SUCCESS.get(kind, '')} }} }}"
    )
    return (await _gql(client, document, input=input_))[name]


class _Statements:
    """The statements sent, in order: ``(True, name)`` in a write transaction, ``(False,
    name)`` on their own (reads)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.sent: list[tuple[bool, str]] = []
        run, records = store_module.Transaction.run, store_module.Store._records
        sent = self.sent

        async def in_transaction(
            tx: store_module.Transaction, name: str, params: Mapping[str, Any] | None = None
        ) -> list[Row]:
            sent.append((True, name))
            return await run(tx, name, params)

        async def alone(store: Store, name: str, *args: Any, **kwargs: Any) -> Any:
            sent.append((False, name))
            return await records(store, name, *args, **kwargs)

        monkeypatch.setattr(store_module.Transaction, "run", in_transaction)
        monkeypatch.setattr(store_module.Store, "_records", alone)

    def resolved_in_the_write(self) -> list[tuple[bool, str]]:
        """The statements the write just sent, if it read its people keys elsewhere than
        first in its transaction (after the workspace's lock, where it takes it), or read
        them before it; else nothing."""
        sent = list(self.sent)
        self.sent.clear()
        keys = {"people/resolve", "people/aliases_of", "people/aliases"}
        named = [(in_tx, name) for in_tx, name in sent if name in keys]
        in_tx = [name for in_tx, name in sent if in_tx]
        first = in_tx[1:2] if in_tx[:1] == ["workspaces/lock"] else in_tx[:1]
        return [] if named == [(True, "people/resolve")] and first == ["people/resolve"] else sent


async def _stored(store: Store, workspace: str) -> dict[str, Any]:
    rows, _, _ = await store.driver.execute_query(
        """MATCH (p:Person {workspace: $ws})
        RETURN p.id AS id, p.title AS title,
          [(p)-[:INFLUENCES]->(x) | x.id] AS influences,
          [(p)-[r:INFLUENCES]->() | r.report_by] AS reported_by,
          [(p)-[:KNOWS]->(x) | x.id] AS knows,
          [(p)-[:REPORTS_TO]->(x) | x.id] AS managers,
          [(p)-[m:IN_BUYING_CENTRE]->(d) | [d.id, m.roles, m.stage]] AS deals,
          [(p)-[:AT_LEVEL]->(l) | l.rank] AS levels
        ORDER BY id""",
        {"ws": workspace},
    )
    return {r["id"]: {k: v for k, v in r.data().items() if k != "id"} for r in rows}


async def _counts(store: Store, workspace: str) -> tuple[int, int]:
    rows, _, _ = await store.driver.execute_query(
        "MATCH (n {workspace: $ws}) OPTIONAL MATCH (n)-[r]-() RETURN count(DISTINCT n) AS n, "
        "count(DISTINCT r) AS r",
        {"ws": workspace},
    )
    return rows[0]["n"], rows[0]["r"]


async def _setup(client: httpx.AsyncClient, workspace: str) -> None:
    """Ada, merged from a second file under alias 003X; Rita; one of ours; a deal."""
    files = {"Account.csv": ACCOUNTS, "Contact.csv": FIRST + RITA}
    assert (await _import(client, workspace, files)).status_code == 200
    merged = await _import(client, workspace, {"Contact.csv": RENAMED}, duplicates="merge")
    assert merged.status_code == 200, merged.text
    w = f"{workspace}-"
    made = await _gql(
        client,
        """mutation($ws: ID!, $us: String!, $usRef: ID!, $me: String!, $deal: String!, $acme: ID!) {
          o: createOrganisation(input: {workspaceId: $ws, id: $us, name: "Us", kind: HOME}) {
            __typename }
          p: createPerson(input: {workspaceId: $ws, id: $me, name: "Me",
            title: "Account Executive", organisationId: $usRef}) { __typename }
          d: createDeal(input: {workspaceId: $ws, id: $deal, name: "Rollout",
            organisationId: $acme}) { __typename } }""",
        ws=workspace,
        us=f"{w}us",
        usRef=f"{w}us",
        me=f"{w}me",
        deal=f"{w}D1",
        acme=f"{w}001A",
    )
    assert {v["__typename"] for v in made.values()} == {
        "OrganisationSuccess",
        "PersonSuccess",
        "DealSuccess",
    }, made


async def test_every_write_taking_a_person_takes_their_alias_read_in_its_transaction(
    store: Store, client: httpx.AsyncClient, workspace: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    await _setup(client, workspace)
    w = f"{workspace}-"
    ada, alias, rita, me, deal = f"{w}003A", f"{w}003X", f"{w}003R", f"{w}me", f"{w}D1"
    ws = {"workspaceId": workspace}
    sent = _Statements(monkeypatch)

    edge = "EdgeSuccess"
    influence = {"sourceId": rita, "targetId": alias, "weight": 0.6}
    assert (await _write(client, "upsertInfluence", "UpsertInfluenceInput", **ws, **influence))[
        "__typename"
    ] == edge
    assert not (found := sent.resolved_in_the_write()), str(found)
    # In a batch, each end and the observer who reported it.
    batch = [{"sourceId": alias, "targetId": rita, "weight": 0.3, "reportedBy": alias}]
    answer = await _write(client, "upsertInfluences", "UpsertInfluencesInput", **ws,
                          influences=batch)  # fmt: skip
    assert answer["__typename"] == "UpsertSuccess", answer
    assert not (found := sent.resolved_in_the_write()), str(found)
    knows = {"sourceId": me, "targetId": alias, "strength": 0.7}
    assert (await _write(client, "upsertKnows", "UpsertKnowsInput", **ws, **knows))[
        "__typename"
    ] == edge
    assert not (found := sent.resolved_in_the_write()), str(found)
    line = {"personId": rita, "managerId": alias}
    assert (await _write(client, "addReportsTo", "ReportsToInput", **ws, **line))[
        "__typename"
    ] == edge
    assert not (found := sent.resolved_in_the_write()), str(found)
    member = {"dealId": deal, "personId": alias, "roles": ["DECIDER"]}
    answer = await _write(client, "setBuyingCentreMember", "BuyingCentreMemberInput", **ws,
                          **member)  # fmt: skip
    assert answer["member"]["person"]["key"] == ada, answer
    assert not (found := sent.resolved_in_the_write()), str(found)
    stage = {"dealId": deal, "personId": alias, "stage": "AWARENESS"}
    answer = await _write(client, "recordJourneyStage", "JourneyStageInput", **ws, **stage)
    assert answer["member"] == {"stage": "AWARENESS", "person": {"key": ada}}, answer
    assert not (found := sent.resolved_in_the_write()), str(found)
    level = {"personId": alias, "rank": 6}
    assert (await _write(client, "setStatusLevel", "SetStatusLevelInput", **ws, **level))[
        "__typename"
    ] == edge
    assert not (found := sent.resolved_in_the_write()), str(found)
    answer = await _write(client, "updatePerson", "UpdatePersonInput", **ws, id=alias,
                          title="Chair")  # fmt: skip
    assert answer["person"] == {"key": ada, "title": "Chair"}, answer
    assert not (found := sent.resolved_in_the_write()), str(found)

    stored = await _stored(store, workspace)
    assert sorted(stored) == [ada, rita, me]  # the alias made no one
    assert stored[ada]["influences"] == [rita] and stored[ada]["reported_by"] == [[ada]]
    assert stored[rita]["influences"] == [ada] and stored[rita]["managers"] == [ada]
    assert stored[me]["knows"] == [ada]
    assert stored[ada]["deals"] == [[deal, ["decider"], "awareness"]]
    assert stored[ada]["title"] == "Chair" and 6 in stored[ada]["levels"]

    edit = [{"id": alias, "name": "Ada Boss", "title": "Chair Emerita"}]
    answer = await _write(client, "upsertPeople", "UpsertPeopleInput", **ws, people=edit)
    assert answer == {"__typename": "UpsertSuccess", "keys": [ada]}, answer
    assert not (found := sent.resolved_in_the_write()), str(found)
    assert (await _stored(store, workspace))[ada]["title"] == "Chair Emerita"

    # Taking it all back, by the alias again.
    for name, kind, given in [
        ("deleteInfluence", "EdgeInput", {"sourceId": alias, "targetId": rita}),
        ("deleteKnows", "EdgeInput", {"sourceId": me, "targetId": alias}),
        ("removeReportsTo", "ReportsToInput", line),
        ("removeBuyingCentreMember", "RemoveMemberInput", {"dealId": deal, "personId": alias}),
    ]:
        assert (await _write(client, name, kind, **ws, **given))["__typename"] == edge, name
        assert not sent.resolved_in_the_write(), name
    stored = await _stored(store, workspace)
    assert stored[ada]["influences"] == [] and stored[me]["knows"] == []
    assert stored[rita]["managers"] == [] and stored[ada]["deals"] == []
    answer = await _write(client, "deletePerson", "DeleteInput", **ws, id=alias)
    deleted = str(relay.GlobalID("Person", ada))
    assert answer == {"__typename": "DeleteSuccess", "deletedId": deleted}, answer
    assert not (found := sent.resolved_in_the_write()), str(found)
    assert sorted(await _stored(store, workspace)) == [rita, me]


async def test_an_alias_of_another_workspace_is_not_found_naming_the_field(
    store: Store, client: httpx.AsyncClient, workspace: str
) -> None:
    await _setup(client, workspace)
    w = f"{workspace}-"
    alias = f"{w}003X"
    other = await _another_workspace(client, workspace)
    own, deal = f"{w}own", f"{w}D2"
    made = await _gql(
        client,
        """mutation($ws: ID!, $org: String!, $orgRef: ID!, $own: String!, $deal: String!) {
          o: createOrganisation(input: {workspaceId: $ws, id: $org, name: "Org"}) { __typename }
          p: createPerson(input: {workspaceId: $ws, id: $own, name: "Own",
            organisationId: $orgRef}) { __typename }
          d: createDeal(input: {workspaceId: $ws, id: $deal, name: "D", organisationId: $orgRef}) {
            __typename } }""",
        ws=other,
        org=f"{w}org2",
        orgRef=f"{w}org2",
        own=own,
        deal=deal,
    )
    assert "Error" not in str(made), made
    before = await _counts(store, other)
    ws = {"workspaceId": other}
    for name, kind, given, field in [
        ("upsertInfluence", "UpsertInfluenceInput",
         {"sourceId": own, "targetId": alias, "weight": 0.5}, "targetId"),
        ("upsertInfluence", "UpsertInfluenceInput",
         {"sourceId": alias, "targetId": own, "weight": 0.5}, "sourceId"),
        ("upsertKnows", "UpsertKnowsInput", {"sourceId": own, "targetId": alias}, "targetId"),
        ("addReportsTo", "ReportsToInput", {"personId": alias, "managerId": own}, "personId"),
        ("addReportsTo", "ReportsToInput", {"personId": own, "managerId": alias}, "managerId"),
        ("setBuyingCentreMember", "BuyingCentreMemberInput",
         {"dealId": deal, "personId": alias, "roles": ["USER"]}, "personId"),
        ("recordJourneyStage", "JourneyStageInput",
         {"dealId": deal, "personId": alias, "stage": "AWARENESS"}, "personId"),
        ("setStatusLevel", "SetStatusLevelInput", {"personId": alias, "rank": 3}, "personId"),
        ("updatePerson", "UpdatePersonInput", {"id": alias, "title": "X"}, "id"),
        ("deletePerson", "DeleteInput", {"id": alias}, "id"),
    ]:  # fmt: skip
        answer = await _write(client, name, kind, **ws, **given)
        assert answer["__typename"] == "NotFoundError", (name, answer)
        assert answer["field"] == field and alias in answer["message"], (name, answer)
    # In a batch the item and field are named.
    batch = [
        {"sourceId": own, "targetId": alias, "weight": 0.5, "reportedBy": alias},
        {"sourceId": alias, "targetId": own, "weight": 0.5},
    ]
    answer = await _write(client, "upsertInfluences", "UpsertInfluencesInput", **ws,
                          influences=batch)  # fmt: skip
    assert answer["__typename"] == "ValidationError", answer
    assert [f["field"] for f in answer["fields"]] == [
        "influences[0].targetId",
        "influences[0].reportedBy",
        "influences[1].sourceId",
    ], answer
    assert await _counts(store, other) == before


_FIELDS = ("name", "title", "department", "email", "tags", "needs")


async def _values(store: Store, person: str) -> dict[str, Any]:
    rows, _, _ = await store.driver.execute_query(
        "MATCH (p:Person {id: $id}) RETURN [f IN $fields | p[f]] AS values",
        {"id": person, "fields": list(_FIELDS)},
    )
    return dict(zip(_FIELDS, rows[0]["values"], strict=True))


async def test_an_edit_under_an_alias_stores_what_the_merge_rule_says_an_edit_writes(
    store: Store, client: httpx.AsyncClient, workspace: str
) -> None:
    """GraphQL's person edits and the import's merges follow one rule (graph/rules/merging.py):
    what updatePerson and upsertPeople store is what ``merge_values(EDIT)`` says an edit of the
    person's values writes, clearing included."""
    await _setup(client, workspace)
    w = f"{workspace}-"
    ada, alias = f"{w}003A", f"{w}003X"
    ws = {"workspaceId": workspace}
    edits: list[tuple[str, str, dict[str, Any]]] = [
        ("updatePerson", "UpdatePersonInput", {"title": "Chair", "email": None, "tags": ["x"]}),
        ("upsertPeople", "UpsertPeopleInput", {"name": "Ada B", "department": "", "needs": []}),
        ("updatePerson", "UpdatePersonInput", {"tags": [], "department": "Exec"}),
    ]
    for name, kind, given in edits:
        have = await _values(store, ada)
        if name == "updatePerson":
            answer = await _write(client, name, kind, **ws, id=alias, **given)
        else:
            answer = await _write(client, name, kind, **ws, people=[{"id": alias, **given}])
        assert answer["__typename"] in {"PersonSuccess", "UpsertSuccess"}, answer
        edited = merge_values(have, given, EDIT)
        after = await _values(store, ada)
        assert after == {**have, **edited.write}, (given, have)
        # What an edit is (README): each value given is the person's now, an empty one too.
        assert {f: after[f] for f in given} == given


async def test_an_upsert_waiting_on_an_import_making_its_id_an_alias_edits_that_person(
    store: Store, client: httpx.AsyncClient, workspace: str
) -> None:
    """upsertPeople reads what its ids name under the workspace's lock, in its transaction: an
    import batch making the id an alias meanwhile is waited for, and the upsert then edits
    the person the alias names (it was refused as a Conflict when the ids were read before)."""
    w = f"{workspace}-"
    ws = {"workspaceId": workspace}
    made = await _write(client, "upsertPeople", "UpsertPeopleInput", **ws,
                        people=[{"id": f"{w}ada", "name": "Ada Boss", "title": "CEO"}])  # fmt: skip
    assert made["__typename"] == "UpsertSuccess", made
    async with alias_being_written(store, workspace, f"{w}ada", f"{w}x") as commit:
        edit = [{"id": f"{w}x", "name": "Ada Boss", "title": "Chair"}]
        upsert = asyncio.ensure_future(
            _write(client, "upsertPeople", "UpsertPeopleInput", **ws, people=edit)
        )
        await _until_a_transaction_waits(store.driver)
        assert not upsert.done()
        await commit()
    assert await upsert == {"__typename": "UpsertSuccess", "keys": [f"{w}ada"]}
    stored = await _stored(store, workspace)
    assert list(stored) == [f"{w}ada"] and stored[f"{w}ada"]["title"] == "Chair"
