"""journey.csv on a real Neo4j: dated stages written idempotently, the latest sets the stage."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph.database.store import Store
from graph.exports.run import export_scope
from graph.imports.run import import_files
from graph.repository.deals import record_journey_stage
from tests.integration.test_import_csv import _clean, _count, _files

pytestmark = pytest.mark.integration

ORGS = "id,name,kind\nIT-O1,Acme,customer\n"
PEOPLE = (
    "id,first_name,last_name,organisation_id\n"
    "IT-P1,Ada,Lovelace,IT-O1\nIT-P2,Ben,Bauer,IT-O1\nIT-P3,Cleo,Costa,IT-O1\n"
)
DEALS = "id,name,organisation_id\nIT-D1,Rollout,IT-O1\n"
CENTRE = (
    "deal_id,person_id,roles,stance,journey_stage\n"
    "IT-D1,IT-P1,decider,supporter,awareness\n"
    "IT-D1,IT-P2,user,neutral,conviction\n"
)
JOURNEY = (
    "deal_id,person_id,stage,at,note\n"
    "IT-D1,IT-P1,trust,2024-03-05T14:00:00+01:00,workshop\n"
    "IT-D1,IT-P1,awareness,2024-01-08,first call\n"
    "IT-D1,IT-P1,intrigue,2024-02-01,\n"
)


async def _state(store: Store, workspace: str) -> tuple[list[tuple[str, ...]], dict[str, str]]:
    """The events (person, stage, at, note, id) and each member's current stage."""
    events, _, _ = await store.driver.execute_query(
        "MATCH (p:Person {workspace: $ws})-[:HAD_STAGE]->(e:JourneyEvent)-[:IN_DEAL]->(:Deal) "
        "RETURN p.id AS person, e.stage AS stage, toString(e.at) AS at, e.note AS note, "
        "e.id AS id, e.workspace AS workspace ORDER BY e.at",
        {"ws": workspace},
    )
    assert all(e["workspace"] == workspace for e in events)
    stages, _, _ = await store.driver.execute_query(
        "MATCH (p:Person {workspace: $ws})-[m:IN_BUYING_CENTRE]->(:Deal) "
        "RETURN p.id AS person, m.stage AS stage",
        {"ws": workspace},
    )
    return (
        [(e["person"], e["stage"], e["at"], e["note"], e["id"]) for e in events],
        {s["person"]: s["stage"] for s in stages},
    )


async def test_history_is_written_once_and_its_latest_stage_wins(
    store: Store, tmp_path: Path
) -> None:
    ws = "it-journey"
    await _clean(store, ws)
    paths = _files(
        tmp_path,
        {
            "organisations.csv": ORGS,
            "people.csv": PEOPLE,
            "deals.csv": DEALS,
            "buying_centre.csv": CENTRE,
            "journey.csv": JOURNEY,
        },
        "J1-",
    )
    first = await import_files(store, ws, paths)
    assert first.applied, first.report.issues
    assert first.written["journey"] == 3
    events, stages = await _state(store, ws)
    assert [(p, s, at, note) for p, s, at, note, _ in events] == [
        ("J1-P1", "awareness", "2024-01-08T00:00:00Z", "first call"),
        ("J1-P1", "intrigue", "2024-02-01T00:00:00Z", None),
        ("J1-P1", "trust", "2024-03-05T13:00:00Z", "workshop"),
    ]
    # P1 has history: its latest stage, not the file's 'awareness'; P2 has none: the file's.
    assert stages == {"J1-P1": "trust", "J1-P2": "conviction"}
    counted = await _count(store, ws)

    again = await import_files(store, ws, paths)
    assert again.applied, again.report.issues
    assert await _state(store, ws) == (events, stages)
    assert await _count(store, ws) == counted

    # The buying centre alone, imported again, leaves a member with history at their latest.
    centre = _files(tmp_path / "centre", {"buying_centre.csv": CENTRE}, "J1-")
    assert (await import_files(store, ws, centre)).applied
    assert (await _state(store, ws))[1] == {"J1-P1": "trust", "J1-P2": "conviction"}

    # A later event in a file of its own moves the member on.
    later = "deal_id,person_id,stage,at,note\nIT-D1,IT-P1,conviction,2024-04-02,\n"
    result = await import_files(
        store, ws, _files(tmp_path / "later", {"journey.csv": later}, "J1-")
    )
    assert result.applied, result.report.issues
    assert (await _state(store, ws))[1]["J1-P1"] == "conviction"


async def test_bad_rows_change_nothing(store: Store, tmp_path: Path) -> None:
    ws = "it-journey-bad"
    await _clean(store, ws)
    base = {"organisations.csv": ORGS, "people.csv": PEOPLE, "deals.csv": DEALS}
    stored = _files(tmp_path / "base", {**base, "buying_centre.csv": CENTRE}, "J2-")
    assert (await import_files(store, ws, stored)).applied
    before = await _state(store, ws), await _count(store, ws)

    bad = JOURNEY + (
        "IT-D1,IT-P2,trust,2024-01-08,\n"  # good: P2 is a stored member
        "IT-D1,IT-P3,trust,2024-01-08,\n"  # P3 is in no buying centre
        "IT-D1,IT-P2,trust,2024-02-30,\n"  # no such day
        "IT-D1,IT-P2,passion,2024-01-09T00:00:00+00:00,\n"
        "IT-D1,IT-P2,passion,2024-01-09,\n"  # the same moment as the row before
        "IT-D2,IT-P2,trust,2024-01-08,\n"  # no such deal
    )
    result = await import_files(store, ws, _files(tmp_path / "bad", {"journey.csv": bad}, "J2-"))
    assert not result.applied
    assert [(i.row, i.column) for i in sorted(result.report.issues)] == [
        (6, "person_id"),
        (7, "at"),
        (9, "at"),
        (10, "deal_id"),
    ]
    assert "not in the buying centre of deal 'J2-D1'" in sorted(result.report.issues)[0].reason
    assert (await _state(store, ws), await _count(store, ws)) == before

    good = await import_files(
        store, ws, _files(tmp_path / "good", {"journey.csv": bad}, "J2-"), good_rows_only=True
    )
    assert good.written["journey"] == 5
    assert (await _state(store, ws))[1] == {"J2-P1": "trust", "J2-P2": "passion"}


async def test_events_recorded_through_the_api_are_matched_not_duplicated(
    store: Store, tmp_path: Path
) -> None:
    ws = "it-journey-api"
    await _clean(store, ws)
    base = {"organisations.csv": ORGS, "people.csv": PEOPLE, "deals.csv": DEALS}
    files = _files(tmp_path / "base", {**base, "buying_centre.csv": CENTRE}, "J3-")
    assert (await import_files(store, ws, files)).applied
    scoped = store.workspace(ws)
    # A time without an offset is UTC, through the API as through the file.
    events = (
        ("awareness", "2024-04-01T08:00:00"),
        ("intrigue", "2024-05-01T10:30:00.250000+00:00"),
        ("trust", None),
    )
    for stage, at in events:
        await record_journey_stage(
            scoped, {"deal_id": "J3-D1", "person_id": "J3-P2", "stage": stage, "at": at}
        )
    before = await _state(store, ws)
    assert before[1]["J3-P2"] == "trust"

    await export_scope(store.workspace(ws), "csv", tmp_path / "out")
    exported = (tmp_path / "out" / "journey.csv").read_text()
    assert exported.splitlines()[1:3] == [
        "J3-D1,J3-P2,awareness,2024-04-01T08:00:00Z,",
        "J3-D1,J3-P2,intrigue,2024-05-01T10:30:00.250000Z,",
    ]
    # Re-importing the export into the same workspace updates the API's events in place.
    result = await import_files(store, ws, sorted((tmp_path / "out").glob("*.csv")))
    assert result.applied, result.report.issues
    assert result.written["journey"] == 3
    assert await _state(store, ws) == before


async def test_account_and_deal_exports_keep_their_members_history(
    store: Store, tmp_path: Path
) -> None:
    ws = "it-journey-scope"
    await _clean(store, ws)
    files = {
        "organisations.csv": ORGS,
        "people.csv": PEOPLE,
        "deals.csv": DEALS + "IT-D2,Renewal,IT-O1\n",
        "buying_centre.csv": CENTRE + "IT-D2,IT-P3,buyer,neutral,\n",
        "journey.csv": JOURNEY + "IT-D2,IT-P3,awareness,2024-06-01T08:00:00Z,\n",
    }
    assert (await import_files(store, ws, _files(tmp_path, files, "J4-"))).applied
    await export_scope(store.workspace(ws), "json", tmp_path / "deal.json", deal="J4-D2")
    # The deal's export holds the people the page shows around it (its account's too), and the
    # history of its own buying centre only.
    deal = json.loads((tmp_path / "deal.json").read_text())
    assert [(e["deal_id"], e["person_id"], e["at"]) for e in deal["journey"]] == [
        ("J4-D2", "J4-P3", "2024-06-01T08:00:00Z")
    ]
    await export_scope(store.workspace(ws), "csv", tmp_path / "account", account="J4-O1")
    assert (tmp_path / "account" / "journey.csv").read_text().count("\n") == 5
    assert (await _state(store, ws))[1]["J4-P3"] == "awareness"
