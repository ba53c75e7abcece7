"""CSV import on a real Neo4j: all or nothing, idempotent, resumable, CRM exports, upload."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from prometheus_client import REGISTRY

from graph.database.store import Store
from graph.errors import NotFound
from graph.imports.run import import_files, total_rows
from graph.repository.workspaces import ensure_workspace

pytestmark = pytest.mark.integration

ORGS = "id,name,kind,industry\nIT-O1,Acme,customer,Retail\nIT-O2,Helper,partner,\n"
PEOPLE = (
    "id,first_name,last_name,title,department,email,organisation_id,level\n"
    "IT-P1,Ada,Lovelace,Chief Executive Officer,Exec,ada@acme.example,IT-O1,\n"
    "IT-P2,Ben,Bauer,VP Sales,Sales,,IT-O1,4\n"
    "IT-P3,Cleo,Costa,Engineer,IT,,IT-O1,\n"
)
EDGES = "source_id,target_id,weight,kind\nIT-P1,IT-P2,0.8,advice\nIT-P2,IT-P3,0.4,peer\n"


class Killed(Exception):
    """Stands for a process killed in the middle of an import."""


def _files(directory: Path, files: dict[str, str], prefix: str = "IT-") -> list[Path]:
    """Write ``files``; ids are globally unique, so each test gives its own id ``prefix``."""
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (directory / name).write_text(text.replace("IT-", prefix), encoding="utf-8")
    return [directory / name for name in files]


async def _clean(store: Store, *workspaces: str, create: bool = True) -> None:
    """Start from a new, empty workspace, also when the suite runs against a kept server."""
    await store.driver.execute_query(
        "MATCH (n) WHERE n.workspace IN $ws DETACH DELETE n", {"ws": list(workspaces)}
    )
    for workspace in workspaces if create else ():
        await ensure_workspace(store, workspace)


async def _count(store: Store, workspace: str) -> tuple[int, int]:
    records, _, _ = await store.driver.execute_query(
        "MATCH (n {workspace: $ws}) OPTIONAL MATCH (n)-[r]->() RETURN count(DISTINCT n) AS n, "
        "count(r) AS r",
        {"ws": workspace},
    )
    return records[0]["n"], records[0]["r"]


async def test_bad_rows_change_nothing_unless_good_rows_are_asked_for(
    store: Store, tmp_path: Path
) -> None:
    await _clean(store, "it-bad")
    empty = await _count(store, "it-bad")  # the new workspace and its ladder
    bad_edges = EDGES + "IT-P3,IT-P1,1.7,advice\nIT-P3,IT-NOBODY,0.2,peer\n"
    paths = _files(
        tmp_path,
        {"organisations.csv": ORGS, "people.csv": PEOPLE, "influences.csv": bad_edges},
    )
    result = await import_files(store, "it-bad", paths)
    assert not result.applied
    assert [(i.file, i.row, i.column) for i in sorted(result.report.issues)] == [
        ("influences.csv", 4, "weight"),
        ("influences.csv", 5, "target_id"),
    ]
    assert await _count(store, "it-bad") == empty

    result = await import_files(store, "it-bad", paths, good_rows_only=True)
    assert result.written["influences"] == 2
    records, _, _ = await store.driver.execute_query(
        "MATCH (:Person {workspace: 'it-bad'})-[r:INFLUENCES]->() RETURN count(r) AS n"
    )
    assert records[0]["n"] == 2


async def test_same_files_twice_give_the_same_graph_and_levels_are_inferred(
    store: Store, tmp_path: Path
) -> None:
    await _clean(store, "it-twice")
    paths = _files(
        tmp_path, {"organisations.csv": ORGS, "people.csv": PEOPLE, "influences.csv": EDGES}, "TW-"
    )
    first = await import_files(store, "it-twice", paths)
    assert first.applied, first.report.issues
    once = await _count(store, "it-twice")
    await import_files(store, "it-twice", paths)
    assert await _count(store, "it-twice") == once
    records, _, _ = await store.driver.execute_query(
        "MATCH (p:Person {workspace: 'it-twice'})-[a:AT_LEVEL]->(l:StatusLevel) "
        "RETURN p.id AS id, l.rank AS rank, a.inferred AS inferred ORDER BY id"
    )
    assert [(r["id"], r["rank"], r["inferred"]) for r in records] == [
        ("TW-P1", 7, True),  # a chief executive sits above the rest of the C-suite
        ("TW-P2", 4, False),
        ("TW-P3", 1, True),
    ]


async def test_a_line_closing_a_cycle_with_a_stored_line_is_refused(
    store: Store, tmp_path: Path
) -> None:
    await _clean(store, "it-cycle")
    stored = "person_id,manager_id\nIT-P2,IT-P1\n"
    first = _files(
        tmp_path / "first",
        {"organisations.csv": ORGS, "people.csv": PEOPLE, "reporting.csv": stored},
        "CY-",
    )
    assert (await import_files(store, "it-cycle", first)).applied
    back = "person_id,manager_id\nIT-P3,IT-P2\nIT-P1,IT-P2\n"
    second = _files(tmp_path / "second", {"reporting.csv": back}, "CY-")
    result = await import_files(store, "it-cycle", second)
    assert not result.applied
    [issue] = result.report.issues
    assert (issue.file, issue.row, issue.column) == ("reporting.csv", 3, "manager_id")
    assert issue.reason.startswith("reporting cycle: CY-P1 → CY-P2 → CY-P1")
    records, _, _ = await store.driver.execute_query(
        "MATCH (a:Person {workspace: 'it-cycle'})-[:REPORTS_TO]->(b) RETURN a.id + '>' + b.id AS l"
    )
    assert [r["l"] for r in records] == ["CY-P2>CY-P1"]


async def test_progress_learns_its_total_before_the_first_write(
    store: Store, tmp_path: Path
) -> None:
    await _clean(store, "it-progress")
    paths = _files(
        tmp_path, {"organisations.csv": ORGS, "people.csv": PEOPLE, "influences.csv": EDGES}, "PG-"
    )
    events: list[tuple[str, int]] = []
    rows_before = REGISTRY.get_sample_value("statusmap_import_rows_written_total") or 0.0
    result = await import_files(
        store,
        "it-progress",
        paths,
        batch_size=2,
        checked=lambda report: events.append(("total", total_rows(report))),
        progress=lambda kind, rows: events.append((kind, rows)),
    )
    assert result.applied, result.report.issues
    (first, total), *writes = events
    assert first == "total" and writes
    assert total == sum(rows for _, rows in writes) == sum(result.written.values())
    # /metrics counts the rows written (graph/telemetry.py).
    rows_after = REGISTRY.get_sample_value("statusmap_import_rows_written_total")
    assert rows_after == rows_before + total


async def test_an_interrupted_import_resumes_from_its_checkpoint(
    store: Store, tmp_path: Path
) -> None:
    await _clean(store, "it-resume")
    paths = _files(
        tmp_path, {"organisations.csv": ORGS, "people.csv": PEOPLE, "influences.csv": EDGES}, "RS-"
    )
    calls = 0

    def stop_after_people(kind: str, rows: int) -> None:
        nonlocal calls
        calls += 1
        if kind == "people":
            raise Killed  # as if killed after the people batch landed

    with pytest.raises(Killed):
        await import_files(store, "it-resume", paths, batch_size=2, progress=stop_after_people)
    stopped, _, _ = await store.driver.execute_query(
        "MATCH (:Person {workspace: 'it-resume'})-[r:INFLUENCES]->() RETURN count(r) AS n"
    )
    assert stopped[0]["n"] == 0
    result = await import_files(store, "it-resume", paths, batch_size=2)
    assert result.resumed_at_batch >= 1
    fresh = _files(tmp_path / "again", {"organisations.csv": ORGS, "people.csv": PEOPLE}, "RS-")
    assert fresh and result.written["influences"] == 2
    records, _, _ = await store.driver.execute_query(
        "MATCH (:Person {workspace: 'it-resume'})-[r:INFLUENCES]->() RETURN count(r) AS n"
    )
    assert records[0]["n"] == 2


async def test_salesforce_and_hubspot_exports(store: Store, tmp_path: Path) -> None:
    await _clean(store, "it-crm")
    paths = _files(
        tmp_path,
        {
            "Account.csv": "Id,Name,Type,Industry,NumberOfEmployees,AnnualRevenue,BillingCountry\n"
            "001A,Acme Corp,Customer - Direct,Retail,1200,250000000,DE\n",
            "Contact.csv": "Id,FirstName,LastName,Title,Department,Email,AccountId,ReportsToId\n"
            "003A,Ada,Boss,CFO,Finance,ada@acme.example,001A,\n"
            "003B,Ben,Report,Finance Manager,Finance,,001A,003A\n",
            "hubspot-contacts.csv": "Record ID,First Name,Last Name,Job Title,Email,Company Name\n"
            "901,Hana,Kim,Director of IT,hana@globex.example,Globex\n"
            "902,Ivan,Petrov,Engineer,,Globex\n",
        },
    )
    result = await import_files(store, "it-crm", paths)
    assert result.applied, result.report.issues
    assert result.written["organisations"] == 2 and result.written["reporting"] == 1
    records, _, _ = await store.driver.execute_query(
        "MATCH (p:Person {workspace: 'it-crm'})-[:WORKS_AT]->(o) "
        "RETURN p.id AS id, o.name AS org, o.kind AS kind ORDER BY id"
    )
    assert [(r["id"], r["org"], r["kind"]) for r in records] == [
        ("003A", "Acme Corp", "customer"),
        ("003B", "Acme Corp", "customer"),
        ("901", "Globex", "prospect"),
        ("902", "Globex", "prospect"),
    ]


async def test_upload_route_reports_bad_rows(client: httpx.AsyncClient, store: Store) -> None:
    await _clean(store, "it-upload", create=False)
    # Uploads go to a workspace the caller edits: the test admin creates it, so owns it.
    created = await client.post(
        "/graphql",
        json={
            "query": 'mutation { createWorkspace(input: {id: "it-upload", name: "Upload"})'
            " { __typename } }"
        },
    )
    assert created.json()["data"]["createWorkspace"]["__typename"] == "WorkspaceSuccess"
    files = [
        ("files", ("organisations.csv", ORGS.replace("IT-", "UP-").encode(), "text/csv")),
        (
            "files",
            (
                "people.csv",
                (PEOPLE + "IT-P9,,X,,,,IT-O1,\n").replace("IT-", "UP-").encode(),
                "text/csv",
            ),
        ),
    ]
    response = await client.post("/workspaces/it-upload/imports", files=files)
    assert response.status_code == 422
    issues = response.json()["report"]["issues"]
    assert issues == [
        {
            "file": "people.csv",
            "row": 5,
            "column": "first_name",
            "reason": "required value is empty",
            "rest_written": False,
        }
    ]
    ok = await client.post("/workspaces/it-upload/imports", files=files[:1])
    assert ok.status_code == 200 and ok.json()["written"]["organisations"] == 2


async def test_a_contact_with_an_unknown_manager_is_reported_as_written_without_one(
    store: Store, tmp_path: Path
) -> None:
    await _clean(store, "it-partial")
    contacts = (
        "Id,FirstName,LastName,AccountId,ReportsToId\n"
        "IT-C1,Ada,Boss,,\n"
        "IT-C2,Ben,Report,,IT-C1\n"
        "IT-C3,Cleo,Orphan,,IT-NOBODY\n"
    )
    paths = _files(tmp_path, {"Contact.csv": contacts})
    result = await import_files(store, "it-partial", paths, good_rows_only=True)
    report = result.report.as_dict()
    [issue] = report["issues"]
    assert (issue["row"], issue["column"], issue["rest_written"]) == (4, "ReportsToId", True)
    assert (report["bad_rows"], report["skipped_rows"], report["partial_rows"]) == (1, 0, 1)
    records, _, _ = await store.driver.execute_query(
        "MATCH (p:Person {workspace: 'it-partial'}) OPTIONAL MATCH (p)-[:REPORTS_TO]->(m) "
        "RETURN p.id AS id, m.id AS manager ORDER BY id"
    )
    # What the report says: every contact stored, the third without the manager it named.
    assert [(r["id"], r["manager"]) for r in records] == [
        ("IT-C1", None),
        ("IT-C2", "IT-C1"),
        ("IT-C3", None),
    ]


async def test_an_import_runs_the_callers_guard_before_every_statement(
    store: Store, tmp_path: Path
) -> None:
    """A caller whose role goes mid-way (revoked, workspace handed over) writes nothing more."""
    await _clean(store, "it-guard")
    empty = await _count(store, "it-guard")
    paths = _files(
        tmp_path, {"organisations.csv": ORGS, "people.csv": PEOPLE, "influences.csv": EDGES}, "GU-"
    )
    calls: list[int] = []

    def revoked_after_validation() -> None:
        calls.append(1)
        if len(calls) > 1:  # the role is gone once the files have been checked
            raise NotFound("no workspace 'it-guard'", field="workspaceId", kind="workspace")

    with pytest.raises(NotFound):
        await import_files(store, "it-guard", paths, guard=revoked_after_validation)
    assert len(calls) >= 2
    assert await _count(store, "it-guard") == empty

    def never() -> None:
        raise NotFound("no workspace 'it-guard'", field="workspaceId", kind="workspace")

    with pytest.raises(NotFound):  # refused before anything of the workspace is even read
        await import_files(store, "it-guard", paths, guard=never)
