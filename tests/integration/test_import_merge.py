"""Likely duplicates merged: the row's id becomes an alias of the person already there, later
imports naming either id mean that person, fills and differences are reported, the merge is in
the history with file and row, and aliases belong to one workspace."""

from __future__ import annotations

import asyncio
import io
import uuid
import zipfile
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, LiteralString, cast

import httpx
import pytest
from neo4j.exceptions import ConstraintError
from strawberry import relay

from graph.database import queries
from graph.database import store as store_module
from graph.database.connection import Neo4jTarget
from graph.database.store import Store
from graph.errors import Conflict
from graph.imports.run import ImportOptions, import_files
from graph.imports.validate import Duplicates
from graph.repository.history import change_feed
from graph.repository.shaped import PersonByIdRead, PersonRead, WorkspaceRead, statement
from tests.integration.conftest import run_statusmap
from tests.integration.test_import_crm import ACCOUNTS, _filled, _import, _people
from tests.integration.test_store_busy import _until_a_transaction_waits

pytestmark = pytest.mark.integration

FIRST = "Id,FirstName,LastName,Title,Email,AccountId,ReportsToId\n{w}003A,Ada,Boss,CEO,,{w}001A,\n"
RENAMED = (
    "Id,FirstName,LastName,Title,Department,Email,AccountId,ReportsToId\n"
    "{w}003X,Ada,Boss,Chief Executive,Board,ada@acme.example,{w}001A,\n"
)
LATER = "Id,FirstName,LastName,AccountId,ReportsToId\n{w}003R,Rita,Report,{w}001A,{w}003X\n"


async def _lines(client: httpx.AsyncClient, workspace: str) -> list[str]:
    """The stored reporting lines as ``person,manager``."""
    response = await client.get(f"/workspaces/{workspace}/export", params={"format": "csv"})
    text = zipfile.ZipFile(io.BytesIO(response.content)).read("reporting.csv").decode()
    return [",".join(line.split(",")[:2]) for line in text.splitlines()[1:]]


def _write(tmp_path: Path, workspace: str, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(_filled(text, workspace), encoding="utf-8")
    return path


async def test_salesforce_files_imported_twice_merge_and_the_alias_resolves_later(
    store: Store, client: httpx.AsyncClient, workspace: str, tmp_path: Path
) -> None:
    w = f"{workspace}-"
    first = [_write(tmp_path, workspace, "Account.csv", ACCOUNTS)]
    first.append(_write(tmp_path, workspace, "Contact.csv", FIRST))
    assert (await import_files(store, workspace, first, actor="alice")).applied

    again = tmp_path / "again"
    again.mkdir()
    renamed = [_write(again, workspace, "Contact.csv", RENAMED)]
    merge = ImportOptions(duplicates=Duplicates.MERGE)
    result = await import_files(store, workspace, renamed, options=merge, actor="alice")
    assert result.applied and result.report.issues == []
    (entry,) = result.report.as_dict()["duplicates"]
    assert entry["action"] == "merged" and entry["merged_into"] == f"{w}003A"
    assert (entry["file"], entry["row"], entry["id"]) == ("Contact.csv", 2, f"{w}003X")
    # Filled where Ada had nothing; her title differs and is kept, reported in the file's column.
    assert entry["filled"] == ["Department", "Email"]
    assert entry["conflicts"] == [{"column": "Title", "kept": "CEO", "incoming": "Chief Executive"}]
    assert await _people(client, workspace) == [f"{w}003A,Ada,Boss,{w}001A"]
    person = await store.workspace(workspace).read("import/merge_targets", {"ids": [f"{w}003A"]})
    assert (person[0]["title"], person[0]["department"], person[0]["email"]) == (
        "CEO",
        "Board",
        "ada@acme.example",
    )
    # The merge is in the history, with the file and row that made it.
    events = (await change_feed(store.workspace(workspace), first=100)).items
    merged = [e for e in events if e["kind"] == "person_changed"]
    assert [(e["key"], e["file"], e["row"], e["via"]) for e in merged] == [
        (["person", f"{w}003A"], "Contact.csv", 2, "import")
    ]

    # The same file again merges again and changes nothing (the alias is there already).
    result = await import_files(store, workspace, renamed, options=merge, actor="alice")
    assert result.applied and result.report.issues == []
    assert [d["merged_into"] for d in result.report.duplicates] == [f"{w}003A"]
    # Whatever the choice for duplicates, a row under the alias is that person.
    held = await import_files(store, workspace, renamed, actor="alice")
    assert held.applied and [d["action"] for d in held.report.duplicates] == ["merged"]
    assert (await change_feed(store.workspace(workspace), first=100)).total == len(events)

    # A later file whose ReportsToId names the alias reports to Ada.
    later = tmp_path / "later"
    later.mkdir()
    result = await import_files(
        store, workspace, [_write(later, workspace, "Contact.csv", LATER)], actor="alice"
    )
    assert result.applied, result.report.as_dict()
    assert await _lines(client, workspace) == [f"{w}003R,{w}003A"]
    assert {r.split(",")[0] for r in await _people(client, workspace)} == {f"{w}003A", f"{w}003R"}

    # A deal's buying centre, journey and influences naming the alias are Ada's.
    deal = tmp_path / "deal"
    deal.mkdir()
    files = {
        "deals.csv": "id,name,organisation_id\n{w}D1,Rollout,{w}001A\n",
        "buying_centre.csv": "deal_id,person_id,roles\n{w}D1,{w}003X,decider\n",
        "journey.csv": "deal_id,person_id,stage,at\n{w}D1,{w}003X,trust,2024-03-05\n",
        "influences.csv": "source_id,target_id,weight,kind\n{w}003R,{w}003X,0.5,advice\n",
    }
    paths = [_write(deal, workspace, name, text) for name, text in files.items()]
    result = await import_files(store, workspace, paths, actor="alice")
    assert result.applied, result.report.as_dict()
    stored, _, _ = await store.driver.execute_query(
        "MATCH (p:Person {workspace: $ws}) "
        "RETURN p.id AS id, [(p)-[m:IN_BUYING_CENTRE]->() | m.stage] AS stages, "
        "COUNT { (p)<-[:INFLUENCES]-() } AS influenced ORDER BY id",
        {"ws": workspace},
    )
    assert [(r["id"], r["stages"], r["influenced"]) for r in stored] == [
        (f"{w}003A", ["trust"], 1),
        (f"{w}003R", [], 0),
    ]


async def test_the_rest_route_merges_and_rows_of_the_same_files_follow(
    client: httpx.AsyncClient, workspace: str
) -> None:
    w = f"{workspace}-"
    files = {"Account.csv": ACCOUNTS, "Contact.csv": FIRST}
    assert (await _import(client, workspace, files)).status_code == 200
    # The duplicate and a contact reporting to it, in one file.
    contacts = RENAMED + "{w}003R,Rita,Report,,,,{w}001A,{w}003X\n"
    response = await _import(client, workspace, {"Contact.csv": contacts}, duplicates="merge")
    assert response.status_code == 200, response.text
    report = response.json()["report"]
    (entry,) = report["duplicates"]
    assert (entry["action"], entry["merged_into"]) == ("merged", f"{w}003A")
    assert response.json()["written"]["merged"] == 1
    assert await _lines(client, workspace) == [f"{w}003R,{w}003A"]
    # Ids and aliases are one set: no person of the workspace can be created under the alias.
    created = await client.post(
        "/graphql",
        json={
            "query": "mutation($input: CreatePersonInput!) { createPerson(input: $input) "
            "{ __typename ... on ConflictError { message field } } }",
            "variables": {"input": {"workspaceId": workspace, "id": f"{w}003X", "name": "X"}},
        },
    )
    result = created.json()["data"]["createPerson"]
    assert result["__typename"] == "ConflictError", result
    assert result["field"] == "id" and "is an alias of another person" in result["message"]

    # Within one file: the second row merges into the first.
    twins = (
        "Id,FirstName,LastName,Email,AccountId\n"
        "{w}003Y,Yan,Twin,,{w}001A\n{w}003Z,Yan,Twin,yan@acme.example,{w}001A\n"
    )
    response = await _import(client, workspace, {"Contact.csv": twins}, duplicates="merge")
    assert response.status_code == 200, response.text
    (entry,) = response.json()["report"]["duplicates"]
    assert (entry["id"], entry["merged_into"], entry["filled"]) == (
        f"{w}003Z",
        f"{w}003Y",
        ["Email"],
    )
    ids = {r.split(",")[0] for r in await _people(client, workspace)}
    assert ids == {f"{w}003A", f"{w}003R", f"{w}003Y"}


async def test_a_merged_contact_keeps_the_stored_manager_and_reports_the_other(
    client: httpx.AsyncClient, workspace: str
) -> None:
    """A contact merged into Ada under another manager does not give her a second reporting
    line: the conflict names the file's column and both managers, and the lines stay."""
    w = f"{workspace}-"
    stored = (
        "Id,FirstName,LastName,AccountId,ReportsToId\n"
        "{w}003M,Max,Manager,{w}001A,\n{w}003N,Nina,Other,{w}001A,\n"
        "{w}003A,Ada,Boss,{w}001A,{w}003M\n"
    )
    files = {"Account.csv": ACCOUNTS, "Contact.csv": stored}
    assert (await _import(client, workspace, files)).status_code == 200
    contacts = (
        "Id,FirstName,LastName,Department,AccountId,ReportsToId\n"
        "{w}003X,Ada,Boss,Board,{w}001A,{w}003N\n{w}003Y,Ada,Boss,Finance,{w}001A,{w}003M\n"
    )
    response = await _import(client, workspace, {"Contact.csv": contacts}, duplicates="merge")
    assert response.status_code == 200, response.text
    first, second = response.json()["report"]["duplicates"]
    assert (first["row"], first["merged_into"]) == (2, f"{w}003A")
    assert first["conflicts"] == [
        {"column": "ReportsToId", "kept": f"{w}003M", "incoming": f"{w}003N"}
    ]
    # The second row merged into her too: its department differs from what the first filled.
    assert (second["row"], second["merged_into"]) == (3, f"{w}003A")
    assert second["conflicts"] == [
        {
            "column": "Department",
            "kept": "Board",
            "incoming": "Finance",
            "kept_from": "row 2 of Contact.csv",
        }
    ]
    assert await _lines(client, workspace) == [f"{w}003A,{w}003M"]
    people = await _people(client, workspace)
    assert sorted(r.split(",")[0] for r in people) == [f"{w}003A", f"{w}003M", f"{w}003N"]


async def test_an_alias_that_is_another_persons_id_is_refused(
    client: httpx.AsyncClient, workspace: str
) -> None:
    accounts = ACCOUNTS + "{w}001B,Other Corp,Customer - Direct\n"
    files = {"Account.csv": accounts, "Contact.csv": FIRST + "{w}003X,Ada,Boss,,,{w}001B,\n"}
    assert (await _import(client, workspace, files)).status_code == 200
    # 003X moves to Acme, where Ada Boss is already: merging would make a person's id an alias.
    moved = "Id,FirstName,LastName,AccountId\n{w}003X,Ada,Boss,{w}001A\n"
    response = await _import(client, workspace, {"Contact.csv": moved}, duplicates="merge")
    assert response.status_code == 422, response.text
    (issue,) = response.json()["report"]["issues"]
    assert (issue["row"], issue["column"]) == (2, "Id")
    assert "is the id of another person" in issue["reason"]


async def test_aliases_belong_to_their_workspace(client: httpx.AsyncClient, workspace: str) -> None:
    w = f"{workspace}-"
    files = {"Account.csv": ACCOUNTS, "Contact.csv": FIRST}
    assert (await _import(client, workspace, files)).status_code == 200
    merged = await _import(client, workspace, {"Contact.csv": RENAMED}, duplicates="merge")
    assert merged.status_code == 200, merged.text

    other = f"{workspace}-other"
    created = await client.post(
        "/graphql",
        json={
            "query": 'mutation($k: String!) { createWorkspace(input: {id: $k, name: "Other"}) '
            "{ __typename } }",
            "variables": {"k": other},
        },
    )
    assert created.status_code == 200, created.text
    # In another workspace the alias names no one: a reporting line to it is refused ...
    accounts = "Id,Name,Type\n{w}101A,Acme Corp,Customer - Direct\n".replace("{w}", w)
    later = LATER.replace("{w}001A", "{w}101A")
    response = await _import(
        client, other, {"Account.csv": accounts, "Contact.csv": later.replace("{w}", w)}
    )
    assert response.status_code == 422, response.text
    (issue,) = response.json()["report"]["issues"]
    assert (issue["column"], issue["row"]) == ("ReportsToId", 2)
    assert f"'{w}003X'" in issue["reason"]
    # ... and the id is free there for a person of its own, while it still means Ada here.
    own = "Id,FirstName,LastName,AccountId\n{w}003X,Xena,Own,{w}101A\n".replace("{w}", w)
    response = await _import(client, other, {"Account.csv": accounts, "Contact.csv": own})
    assert response.status_code == 200, response.text
    response = await _import(client, workspace, {"Contact.csv": LATER})
    assert response.status_code == 200, response.text
    assert await _lines(client, workspace) == [f"{w}003R,{w}003A"]


def test_the_command_line_merges_and_says_into_whom(
    neo4j_target: Neo4jTarget, tmp_path: Path
) -> None:
    workspace = f"cli-merge-{uuid.uuid4().hex[:6]}"
    w = f"{workspace}-"
    first = tmp_path / "first"
    first.mkdir()
    _write(first, workspace, "Account.csv", ACCOUNTS)
    _write(first, workspace, "Contact.csv", FIRST)
    done = run_statusmap(neo4j_target, "import", str(first), "--workspace", workspace,
                         "--create-workspace")  # fmt: skip
    assert done.returncode == 0, done.stderr
    renamed = _write(tmp_path, workspace, "Contact.csv", RENAMED)
    held = run_statusmap(neo4j_target, "import", str(renamed), "--workspace", workspace)
    assert held.returncode == 2 and "Nothing was imported" in held.stderr
    merged = run_statusmap(
        neo4j_target, "import", str(renamed), "--workspace", workspace, "--duplicates", "merge"
    )
    assert merged.returncode == 0, merged.stderr
    assert f"Contact.csv row 2: '{w}003X' merged into '{w}003A'" in merged.stderr
    assert "Title differs: kept 'CEO', the file has 'Chief Executive'" in merged.stderr
    helped = run_statusmap(neo4j_target, "import", "--help")
    assert "merge" in helped.stdout


@asynccontextmanager
async def alias_being_written(
    store: Store, workspace: str, person: str, alias: str
) -> AsyncIterator[Callable[[], Awaitable[None]]]:
    """An import's merge batch as it writes: the workspace locked and ``alias`` added to
    ``person`` in a transaction that commits when the block calls what it is given."""
    async with store.driver.session() as session:
        tx = await session.begin_transaction()
        await (await tx.run(queries.query("workspaces/lock"), workspace=workspace)).consume()
        rows = [{"id": person, "alias": alias}]
        add = queries.query("import/add_aliases")
        await (await tx.run(add, rows=rows, workspace=workspace)).consume()
        yield tx.commit


_CREATE = """mutation($input: CreatePersonInput!) {
  createPerson(input: $input) { __typename ... on ConflictError { message field } } }"""


async def test_a_create_waits_for_an_alias_being_written_and_then_is_refused(
    store: Store, client: httpx.AsyncClient, workspace: str
) -> None:
    """Ids and aliases are one set under concurrency too: a create of an id that another
    transaction is making an alias waits for it (the workspace's lock) and sees the alias,
    instead of passing its check before the alias is committed."""
    w = f"{workspace}-"
    made = await client.post(
        "/graphql",
        json={
            "query": _CREATE,
            "variables": {"input": {"workspaceId": workspace, "id": f"{w}ada", "name": "Ada Boss"}},
        },
    )
    assert made.json()["data"]["createPerson"]["__typename"] == "PersonSuccess"
    driver = store.driver
    async with alias_being_written(store, workspace, f"{w}ada", f"{w}x") as commit:
        create = asyncio.ensure_future(
            client.post(
                "/graphql",
                json={
                    "query": _CREATE,
                    "variables": {"input": {"workspaceId": workspace, "id": f"{w}x", "name": "X"}},
                },
            )
        )
        await _until_a_transaction_waits(driver)
        assert not create.done()
        await commit()
    answer = (await create).json()["data"]["createPerson"]
    assert answer["__typename"] == "ConflictError"
    assert "is an alias of another person" in answer["message"] and answer["field"] == "id"


async def test_an_import_adding_an_alias_a_create_took_meanwhile_is_refused(
    store: Store, workspace: str, tmp_path: Path
) -> None:
    """The reverse: the files are checked while another transaction creates the id; the
    import's batch waits for it under the workspace's lock and refuses the alias, writing
    nothing of the batch."""
    w = f"{workspace}-"
    first = [_write(tmp_path, workspace, "Account.csv", ACCOUNTS)]
    first.append(_write(tmp_path, workspace, "Contact.csv", FIRST))
    assert (await import_files(store, workspace, first)).applied
    again = tmp_path / "again"
    again.mkdir()
    renamed = [_write(again, workspace, "Contact.csv", RENAMED)]
    driver = store.driver
    async with driver.session() as session:
        tx = await session.begin_transaction()  # a create of the id, not committed yet
        await (await tx.run(queries.query("workspaces/lock"), workspace=workspace)).consume()
        await (
            await tx.run(
                "CREATE (:Person {id: $id, workspace: $ws, name: 'Xavier'})",
                id=f"{w}003X",
                ws=workspace,
            )
        ).consume()
        merge = ImportOptions(duplicates=Duplicates.MERGE)
        task = asyncio.ensure_future(import_files(store, workspace, renamed, options=merge))
        await _until_a_transaction_waits(driver)
        assert not task.done()
        await tx.commit()
    with pytest.raises(Conflict) as refused:
        await task
    assert f"Contact.csv row 2: the alias '{w}003X' of person '{w}003A'" in str(refused.value)
    person = await store.workspace(workspace).read("import/merge_targets", {"ids": [f"{w}003A"]})
    assert person[0]["department"] is None  # the batch's fill was rolled back with it
    aliases = await store.workspace(workspace).read("people/aliases")
    assert aliases == []


async def _gql(client: httpx.AsyncClient, query: str, **variables: object) -> dict[str, Any]:
    response = await client.post("/graphql", json={"query": query, "variables": variables})
    assert response.status_code == 200, response.text
    body = response.json()
    assert "errors" not in body, body
    return cast(dict[str, Any], body["data"])


async def _another_workspace(client: httpx.AsyncClient, workspace: str) -> str:
    """The key of a new workspace beside ``workspace``, made by the same user."""
    other = f"{workspace}-elsewhere"
    made = await _gql(
        client,
        'mutation($k: String!) { createWorkspace(input: {id: $k, name: "Elsewhere"}) '
        "{ __typename } }",
        k=other,
    )
    assert made["createWorkspace"]["__typename"] == "WorkspaceSuccess", made
    return other


_EDGE = """mutation($input: {kind}!) {{ {name}(input: $input) {{ __typename
  ... on NotFoundError {{ message field }} ... on ValidationError {{ message }} }} }}"""


async def test_graphql_reads_an_alias_as_its_person_in_its_workspace_only(
    store: Store, client: httpx.AsyncClient, workspace: str
) -> None:
    """The one rule for person references (graph.repository.person_keys) on the GraphQL path:
    edges, buying-centre members, reporting lines, a person read and a what-if name Ada by the
    id merged into her; in another workspace the alias names no one and is refused by field."""
    w = f"{workspace}-"
    rita_row = "{w}003R,Rita,Report,,,{w}001A,{w}003A\n"
    files = {"Account.csv": ACCOUNTS, "Contact.csv": FIRST + rita_row}
    assert (await _import(client, workspace, files)).status_code == 200
    merged = await _import(client, workspace, {"Contact.csv": RENAMED}, duplicates="merge")
    assert merged.status_code == 200, merged.text
    ada, alias, rita = f"{w}003A", f"{w}003X", f"{w}003R"

    influence = {"workspaceId": workspace, "sourceId": rita, "targetId": alias, "weight": 0.6}
    data = await _gql(client, _EDGE.format(kind="UpsertInfluenceInput", name="upsertInfluence"),
                      input=influence)  # fmt: skip
    assert data["upsertInfluence"]["__typename"] == "EdgeSuccess", data
    deal = await _gql(
        client,
        "mutation($input: CreateDealInput!) { createDeal(input: $input) { __typename } }",
        input={"workspaceId": workspace, "id": f"{w}D1", "name": "Rollout",
               "organisationId": f"{w}001A"},
    )  # fmt: skip
    assert deal["createDeal"]["__typename"] == "DealSuccess", deal
    member = {"workspaceId": workspace, "dealId": f"{w}D1", "personId": alias,
              "roles": ["DECIDER"]}  # fmt: skip
    data = await _gql(
        client,
        "mutation($input: BuyingCentreMemberInput!) { setBuyingCentreMember(input: $input) "
        "{ __typename ... on MemberSuccess { member { person { key } } } } }",
        input=member,
    )
    assert data["setBuyingCentreMember"] == {
        "__typename": "MemberSuccess",
        "member": {"person": {"key": ada}},
    }
    stored, _, _ = await store.driver.execute_query(
        "MATCH (p:Person {workspace: $ws}) RETURN p.id AS id, "
        "[(p)<-[:INFLUENCES]-(s) | s.id] AS influencers, "
        "[(p)-[:IN_BUYING_CENTRE]->(d) | d.id] AS deals ORDER BY id",
        {"ws": workspace},
    )
    assert [(r["id"], r["influencers"], r["deals"]) for r in stored] == [
        (ada, [rita], [f"{w}D1"]),
        (rita, [], []),
    ]
    # A line to the alias is Rita's line to Ada, which she has: nothing new.
    line = {"workspaceId": workspace, "personId": rita, "managerId": alias}
    data = await _gql(client, _EDGE.format(kind="ReportsToInput", name="addReportsTo"), input=line)
    assert data["addReportsTo"]["__typename"] == "EdgeSuccess", data
    assert await _lines(client, workspace) == [f"{rita},{ada}"]

    read = await _gql(
        client,
        "query($w: ID!, $p: ID!) { workspace(id: $w) { person(id: $p) { key name } } }",
        w=workspace,
        p=alias,
    )
    assert read["workspace"]["person"] == {"key": ada, "name": "Ada Boss"}
    what_if = await _gql(
        client,
        "query($w: ID!, $d: ID!, $p: [ID!]) { whatIf(workspaceId: $w, dealId: $d, "
        "removePeople: $p) { warningsAdded { code people } } }",
        w=workspace,
        d=f"{w}D1",
        p=[alias],
    )
    assert "NO_DECIDER" in {x["code"] for x in what_if["whatIf"]["warningsAdded"]}, what_if

    # Another workspace: the alias names no one there.
    other = await _another_workspace(client, workspace)
    person = await _gql(client, _CREATE, input={"workspaceId": other, "id": f"{w}own", "name": "O"})
    assert person["createPerson"]["__typename"] == "PersonSuccess", person
    line = {"workspaceId": other, "personId": f"{w}own", "managerId": alias}
    data = await _gql(client, _EDGE.format(kind="ReportsToInput", name="addReportsTo"), input=line)
    assert data["addReportsTo"]["__typename"] == "NotFoundError", data
    assert data["addReportsTo"]["field"] == "managerId" and alias in data["addReportsTo"]["message"]
    read = await _gql(
        client,
        "query($w: ID!, $p: ID!) { workspace(id: $w) { person(id: $p) { key } } }",
        w=other,
        p=alias,
    )
    assert read["workspace"]["person"] is None
    assert await _lines(client, other) == []


async def test_the_database_holds_ids_and_aliases_as_one_set_per_workspace(
    store: Store, client: httpx.AsyncClient, workspace: str
) -> None:
    """The uniqueness of ids and aliases is the constraint schema/person_keys_unique (a
    composite property uniqueness constraint, which Neo4j Community has), not only the
    workspace's lock: a write that skips the checks is refused by the database itself."""
    w = f"{workspace}-"
    files = {"Account.csv": ACCOUNTS, "Contact.csv": FIRST + "{w}003R,Rita,Report,,,{w}001A,\n"}
    assert (await _import(client, workspace, files)).status_code == 200
    merged = await _import(client, workspace, {"Contact.csv": RENAMED}, duplicates="merge")
    assert merged.status_code == 200, merged.text
    ada, alias, rita = f"{w}003A", f"{w}003X", f"{w}003R"
    driver = store.driver
    constraints, _, _ = await driver.execute_query(
        "SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties "
        "WHERE name = 'person_keys_unique' RETURN type, labelsOrTypes, properties"
    )
    assert [dict(r) for r in constraints] == [
        {"type": "UNIQUENESS", "labelsOrTypes": ["PersonKey"], "properties": ["workspace", "id"]}
    ]
    keys, _, _ = await driver.execute_query(
        "MATCH (k:PersonAlias {workspace: $ws})-[:ALIAS_OF]->(p) RETURN k.id AS alias, p.id AS id",
        {"ws": workspace},
    )
    assert [(r["alias"], r["id"]) for r in keys] == [(alias, ada)]

    # Past every check: a person under the alias, and the alias given to another person.
    with pytest.raises(ConstraintError):
        await driver.execute_query(
            "CREATE (:Person:PersonKey {id: $id, workspace: $ws})", {"id": alias, "ws": workspace}
        )
    with pytest.raises(Conflict):
        rows = {"rows": [{"id": rita, "alias": alias}]}
        await store.workspace(workspace).write("import/add_aliases", rows)
    assert await store.workspace(workspace).read("people/aliases") == [{"alias": alias, "id": ada}]
    # In another workspace the key is free.
    await driver.execute_query(
        "CREATE (:Person:PersonKey {id: $id, workspace: $ws})", {"id": alias, "ws": f"{w}else"}
    )

    # Deleting Ada (by her alias) frees it.
    deleted = await _gql(
        client,
        "mutation($input: DeleteInput!) { deletePerson(input: $input) { __typename "
        "... on DeleteSuccess { deletedId } } }",
        input={"workspaceId": workspace, "id": alias},
    )
    assert deleted["deletePerson"]["__typename"] == "DeleteSuccess", deleted
    assert deleted["deletePerson"]["deletedId"] == str(relay.GlobalID("Person", ada))
    gone, _, _ = await driver.execute_query(
        "MATCH (k:PersonKey {workspace: $ws}) RETURN k.id AS id ORDER BY id", {"ws": workspace}
    )
    assert [r["id"] for r in gone] == [rita]


async def test_the_migration_gives_stored_people_and_aliases_their_keys(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """People and aliases stored before the constraint get their keys when the schema is
    applied; an alias two people hold (which the lock kept out) gets none, and the constraint
    still stands."""
    ws = f"legacy-{uuid.uuid4().hex[:6]}"
    await store.driver.execute_query(
        "UNWIND $people AS person CREATE (p:Person) SET p = person",
        {
            "people": [
                {"id": f"{ws}-a", "workspace": ws, "aliases": [f"{ws}-a1"]},
                {"id": f"{ws}-b", "workspace": ws, "aliases": [f"{ws}-twice"]},
                {"id": f"{ws}-c", "workspace": ws, "aliases": [f"{ws}-twice"]},
            ]
        },
    )
    # A database an older version wrote has no record of the step; it runs in batches.
    monkeypatch.setattr(store_module, "SCHEMA_STEP_BATCH", 2)
    await store.driver.execute_query("MATCH (s:SchemaStep {name: 'person_keys'}) DELETE s")
    await store.apply_schema()
    await store.apply_schema()  # recorded: not run again
    keys, _, _ = await store.driver.execute_query(
        "MATCH (k:PersonKey {workspace: $ws}) "
        "RETURN k.id AS id, labels(k) AS labels, [(k)-[:ALIAS_OF]->(p) | p.id] AS of ORDER BY id",
        {"ws": ws},
    )
    assert [(r["id"], sorted(r["labels"]), r["of"]) for r in keys] == [
        (f"{ws}-a", ["Person", "PersonKey"], []),
        (f"{ws}-a1", ["PersonAlias", "PersonKey"], [f"{ws}-a"]),
        (f"{ws}-b", ["Person", "PersonKey"], []),
        (f"{ws}-c", ["Person", "PersonKey"], []),
    ]


def _hits(plan: Any) -> int:
    """Db hits of a profiled plan, all its operators."""
    return int(plan.get("dbHits", 0)) + sum(_hits(child) for child in plan.get("children", []))


def _plan(plan: Any) -> list[tuple[str, str]]:
    """Every operator of a profiled plan with its details, outermost first."""
    here = (plan["operatorType"], str(plan.get("args", {}).get("Details", "")))
    return [here] + [step for child in plan.get("children", []) for step in _plan(child)]


async def test_alias_look_ups_are_index_seeks(
    store: Store, client: httpx.AsyncClient, workspace: str
) -> None:
    """Every read of a person by key (id or alias) seeks the index of person_keys_unique for
    the alias: its db hits stay the same when the workspace grows by 300 people with aliases,
    no plan reads Person.aliases or scans; the index once scanned for it is gone.
    (benchmarks/alias_lookup.py measures the db hits at 100,000 people.)"""
    w = f"{workspace}-"
    files = {"Account.csv": ACCOUNTS, "Contact.csv": FIRST}
    assert (await _import(client, workspace, files)).status_code == 200
    merged = await _import(client, workspace, {"Contact.csv": RENAMED}, duplicates="merge")
    assert merged.status_code == 200, merged.text
    ada, alias, nobody = f"{w}003A", f"{w}003X", f"{w}nobody"
    keys = [alias, ada, nobody]
    person = PersonRead(("id",))
    nodes = tuple(PersonByIdRead(f"a{i}", person) for i in range(len(keys)))
    reads: dict[str, tuple[str, dict[str, Any], Any]] = {
        "people/aliases_of": (
            queries.query("people/aliases_of"),
            {"keys": keys},
            [{"alias": alias, "id": ada}],
        ),
        "import/alias_clashes": (
            queries.query("import/alias_clashes"),
            {"keys": keys},
            [{"key": alias, "holder": ada}, {"key": ada, "holder": ada}],
        ),
        "people/check": (
            queries.query("people/check"),
            {"ids": keys, "organisation_ids": []},
            [{"foreign": [], "existing": [ada], "aliases": [alias], "missing_organisations": []}],
        ),
        "person by key": (
            statement(WorkspaceRead(("id",), nodes)),
            {f"a{i}": k for i, k in enumerate(keys)},
            [{"workspace": {"id": workspace, "n0": {"id": ada}, "n1": {"id": ada}, "n2": None}}],
        ),
    }

    async def profiled(name: str) -> tuple[int, list[tuple[str, str]]]:
        text, params, expected = reads[name]
        result = await store.driver.execute_query(
            cast(LiteralString, "PROFILE " + text), {**params, "workspace": workspace}
        )
        assert [r.data() for r in result.records] == expected, name
        return _hits(result.summary.profile), _plan(result.summary.profile)

    first = {name: await profiled(name) for name in reads}
    # 300 more people with an alias each, as an import's merge writes them.
    more = [f"{w}more{i}" for i in range(300)]
    await store.driver.execute_query(
        "UNWIND $ids AS id CREATE (:Person:PersonKey {id: id, workspace: $workspace})",
        {"ids": more, "workspace": workspace},
    )
    rows = [{"id": id_, "alias": f"{id_}-alias"} for id_ in more]
    await store.workspace(workspace).write("import/add_aliases", {"rows": rows})
    for name in reads:
        hits, steps = await profiled(name)
        assert hits == first[name][0], (name, first[name][0], hits)
        scans = [(op, d) for op, d in steps if "Scan" in op or ".aliases" in d]
        assert scans == [], (name, scans)
        if name != "person by key":  # its subqueries are not operators of the profiled plan
            seeks = [d for op, d in steps if "Seek" in op and ":PersonKey(workspace, id)" in d]
            assert seeks, (name, steps)
    indexes, _, _ = await store.driver.execute_query(
        "SHOW INDEXES YIELD name WHERE name = 'person_aliases' RETURN name"
    )
    assert indexes == []


_UPSERT = """mutation($input: UpsertPeopleInput!) { upsertPeople(input: $input) { __typename
  ... on UpsertSuccess { keys } ... on ValidationError { fields { field message } }
  ... on ConflictError { message field } } }"""


async def test_upsert_people_under_an_alias_edits_the_person_it_names(
    store: Store, client: httpx.AsyncClient, workspace: str
) -> None:
    """GraphQL's upsertPeople naming Ada by the id merged into her is an edit of Ada (the values
    given replace hers, graph.rules.merging.EDIT), where the import's merge of the same values
    keeps hers and reports the difference (MERGE). Ada named twice in one batch, by id and by
    alias, is refused naming the later item."""
    w = f"{workspace}-"
    files = {"Account.csv": ACCOUNTS, "Contact.csv": FIRST}
    assert (await _import(client, workspace, files)).status_code == 200
    merged = await _import(client, workspace, {"Contact.csv": RENAMED}, duplicates="merge")
    assert merged.status_code == 200, merged.text
    (entry,) = merged.json()["report"]["duplicates"]
    assert entry["conflicts"] == [{"column": "Title", "kept": "CEO", "incoming": "Chief Executive"}]
    ada, alias = f"{w}003A", f"{w}003X"

    item = {"id": alias, "name": "Ada Boss", "title": "Chief Executive", "tags": ["board"]}
    data = await _gql(client, _UPSERT, input={"workspaceId": workspace, "people": [item]})
    assert data["upsertPeople"] == {"__typename": "UpsertSuccess", "keys": [ada]}, data
    stored, _, _ = await store.driver.execute_query(
        "MATCH (p:Person {workspace: $ws}) RETURN p.id AS id, p.title AS title, p.tags AS tags, "
        "p.email AS email ORDER BY id",
        {"ws": workspace},
    )
    # Edited: the title given replaces hers; the email the merge filled stays.
    assert [r.data() for r in stored] == [
        {"id": ada, "title": "Chief Executive", "tags": ["board"], "email": "ada@acme.example"}
    ]

    twice = [{"id": ada, "name": "Ada Boss"}, {"id": alias, "name": "Ada B."}]
    data = await _gql(client, _UPSERT, input={"workspaceId": workspace, "people": twice})
    assert data["upsertPeople"]["__typename"] == "ValidationError", data
    assert data["upsertPeople"]["fields"] == [
        {
            "field": "people[1].id",
            "message": f"{alias!r} names {ada!r}, as {ada!r} at people[0] does",
        }
    ]
    # A create under the alias is still refused: a create makes a new person.
    created = await _gql(
        client, _CREATE, input={"workspaceId": workspace, "id": alias, "name": "X"}
    )
    assert created["createPerson"]["__typename"] == "ConflictError", created
