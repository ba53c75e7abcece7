"""A second manager is a matrix line: one rule (graph/rules/reporting.py) for GraphQL and the CSV
import alike; a line that is given wins, and a stored line keeps its kind when written again."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.database.store import Store
from graph.imports.run import import_files
from tests.integration.conftest import GraphQL

pytestmark = pytest.mark.integration

MANAGERS = """
query($ws: ID!, $p: ID!) {
  workspace(id: $ws) { person(id: $p) { reportsTo { key } managers { line person { key } } } }
}
"""


async def _people(gql: GraphQL, ws: str, *keys: str) -> None:
    people = [{"id": f"{ws}-{k}", "name": k.title()} for k in keys]
    data = await gql(
        "mutation($i: UpsertPeopleInput!) { upsertPeople(input: $i) { __typename } }",
        i={"workspaceId": ws, "people": people},
    )
    assert data["upsertPeople"]["__typename"] == "UpsertSuccess"


async def _report(gql: GraphQL, ws: str, person: str, manager: str, line: str | None = None) -> str:
    fields = {"workspaceId": ws, "personId": f"{ws}-{person}", "managerId": f"{ws}-{manager}"}
    if line is not None:
        fields["line"] = line
    data = await gql(
        "mutation($i: ReportsToInput!) { addReportsTo(input: $i) { __typename } }", i=fields
    )
    return str(data["addReportsTo"]["__typename"])


async def _managers(gql: GraphQL, ws: str, person: str) -> list[tuple[str, str]]:
    data = await gql(MANAGERS, ws=ws, p=f"{ws}-{person}")
    found = data["workspace"]["person"]
    # reportsTo names the same managers, without their lines
    assert sorted(p["key"] for p in found["reportsTo"]) == sorted(
        m["person"]["key"] for m in found["managers"]
    )
    return [(m["person"]["key"].removeprefix(f"{ws}-"), m["line"]) for m in found["managers"]]


async def test_a_second_manager_is_a_matrix_line_through_graphql(
    gql: GraphQL, workspace: str
) -> None:
    ws = workspace
    await _people(gql, ws, "ana", "ceo", "cfo", "coo")
    assert await _report(gql, ws, "ana", "ceo") == "EdgeSuccess"
    assert await _managers(gql, ws, "ana") == [("ceo", "SOLID")]
    await _report(gql, ws, "ana", "cfo")
    assert await _managers(gql, ws, "ana") == [("ceo", "SOLID"), ("cfo", "MATRIX")]
    # written again without a line, a stored line keeps its kind; a given one wins
    await _report(gql, ws, "ana", "ceo")
    await _report(gql, ws, "ana", "coo", "SOLID")
    assert await _managers(gql, ws, "ana") == [
        ("ceo", "SOLID"),
        ("coo", "SOLID"),
        ("cfo", "MATRIX"),
    ]
    await _report(gql, ws, "ana", "cfo", "SOLID")
    assert ("cfo", "SOLID") in await _managers(gql, ws, "ana")


async def test_the_csv_import_follows_the_same_rule(
    gql: GraphQL, workspace: str, store: Store, tmp_path: Path
) -> None:
    ws = workspace
    await _people(gql, ws, "ana", "bo", "cy", "dee", "ceo", "cfo")
    await _report(gql, ws, "dee", "ceo")  # stored before the import: dee's solid line
    rows = [
        ("ana", "ceo", ""),  # ana's first manager: solid
        ("ana", "cfo", ""),  # her second: matrix
        ("bo", "ceo", "matrix"),  # said otherwise
        ("cy", "cfo", ""),
        ("dee", "cfo", ""),  # a second manager beside the stored one
        ("dee", "ceo", ""),  # the stored line again: kept solid
    ]
    text = "person_id,manager_id,line\n" + "".join(
        f"{ws}-{p},{ws}-{m},{line}\n" for p, m, line in rows
    )
    (tmp_path / "reporting.csv").write_text(text, encoding="utf-8")
    result = await import_files(store, ws, [tmp_path / "reporting.csv"])
    assert result.applied, result.report.issues
    assert await _managers(gql, ws, "ana") == [("ceo", "SOLID"), ("cfo", "MATRIX")]
    assert await _managers(gql, ws, "bo") == [("ceo", "MATRIX")]
    assert await _managers(gql, ws, "cy") == [("cfo", "SOLID")]
    assert await _managers(gql, ws, "dee") == [("ceo", "SOLID"), ("cfo", "MATRIX")]
    # the same file again changes nothing
    result = await import_files(store, ws, [tmp_path / "reporting.csv"])
    assert result.applied
    assert await _managers(gql, ws, "ana") == [("ceo", "SOLID"), ("cfo", "MATRIX")]
