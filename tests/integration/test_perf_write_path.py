"""The CSV import and the API's bulk upserts share one write path: same graph either way."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.database.store import Store
from graph.imports.run import import_files
from graph.repository.people import upsert_people
from graph.repository.workspaces import ensure_workspace

pytestmark = pytest.mark.integration

WS = "it-write-path"
ORGS = "id,name,kind\nWP-O1,Acme,customer\nWP-O2,Beta,customer\n"
HEADER = "id,first_name,last_name,title,department,email,organisation_id,level,needs,tags\n"

SHAPE = """
MATCH (p:Person {id: $id, workspace: $ws})
RETURN p {.name, .title, .department, .email, .needs, .tags} AS props,
  [(p)-[w:WORKS_AT]->(o:Organisation) | [o.id, w.title, w.department]] AS works_at,
  [(p)-[a:AT_LEVEL]->(l:StatusLevel) | [l.rank, a.inferred]] AS levels
"""


async def _shape(store: Store, person_id: str) -> dict[str, object]:
    records, _, _ = await store.driver.execute_query(SHAPE, {"id": person_id, "ws": WS})
    return dict(records[0].data())


def _write_files(directory: Path, people: str) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "organisations.csv").write_text(ORGS, encoding="utf-8")
    (directory / "people.csv").write_text(HEADER + people, encoding="utf-8")
    return [directory / "organisations.csv", directory / "people.csv"]


async def _import(store: Store, directory: Path, people: str) -> None:
    result = await import_files(store, WS, _write_files(directory, people))
    assert result.applied, result.report.issues


async def test_imported_and_upserted_people_are_written_alike(store: Store, tmp_path: Path) -> None:
    await store.driver.execute_query("MATCH (n {workspace: $ws}) DETACH DELETE n", {"ws": WS})
    await ensure_workspace(store, WS)
    row = "WP-P1,Ada,Lovelace,Head of Sales,Sales,ada@acme.example,WP-O1,,growth;speed,analytical\n"
    await _import(store, tmp_path / "a", row)
    await upsert_people(
        store.workspace(WS),
        [
            {
                "id": "WP-P2",
                "name": "Ada Lovelace",
                "title": "Head of Sales",
                "department": "Sales",
                "email": "ada@acme.example",
                "organisation_id": "WP-O1",
                "needs": ["growth", "speed"],
                "tags": ["analytical"],
            }
        ],
    )
    imported, upserted = await _shape(store, "WP-P1"), await _shape(store, "WP-P2")
    assert imported == upserted
    assert imported["works_at"] == [["WP-O1", "Head of Sales", "Sales"]]
    assert imported["levels"] == [[5, True]]


async def test_reimport_moves_organisation_and_keeps_an_explicit_level(
    store: Store, tmp_path: Path
) -> None:
    await store.driver.execute_query("MATCH (n {workspace: $ws}) DETACH DELETE n", {"ws": WS})
    await ensure_workspace(store, WS)
    await _import(store, tmp_path / "a", "WP-P3,Bo,Berg,Engineer,IT,,WP-O1,6,,\n")
    assert (await _shape(store, "WP-P3"))["levels"] == [[6, False]]
    # Moved, and no level given: the title's inferred level must not replace the explicit one.
    await _import(store, tmp_path / "b", "WP-P3,Bo,Berg,Engineer,IT,,WP-O2,,,\n")
    moved = await _shape(store, "WP-P3")
    assert moved["works_at"] == [["WP-O2", "Engineer", "IT"]]
    assert moved["levels"] == [[6, False]]
    # An explicit level in the file replaces the old one.
    await _import(store, tmp_path / "c", "WP-P3,Bo,Berg,Engineer,IT,,WP-O2,3,,\n")
    assert (await _shape(store, "WP-P3"))["levels"] == [[3, False]]
