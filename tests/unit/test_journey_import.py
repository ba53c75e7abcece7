"""journey.csv: validation of dated stage changes, moments, event ids and the graph exports."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import networkx as nx

from graph.exports.scope import Dataset
from graph.exports.writers import to_graph, to_json, to_kumu, write_export
from graph.imports.convert import CONVERTERS
from graph.imports.formats import FORMATS
from graph.imports.journey import event_id, format_instant, members_of, parse_instant
from graph.imports.reader import open_source
from graph.imports.validate import ValidationReport, validate

ORGS = "id,name,kind\nO1,Acme,customer\n"
PEOPLE = (
    "id,first_name,last_name,organisation_id\nP1,Ada,Lovelace,O1\nP2,Ben,Bauer,O1\n"
    "P3,Cleo,Costa,O1\n"
)
DEALS = "id,name,organisation_id\nD1,Rollout,O1\n"
CENTRE = "deal_id,person_id,roles,stance,journey_stage\nD1,P1,decider,supporter,trust\n"
HEADER = "deal_id,person_id,stage,at,note\n"


def _check(directory: Path, files: dict[str, str], **kw: object) -> ValidationReport:
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (directory / name).write_text(text, encoding="utf-8")
    sources = [open_source(directory / name) for name in files]
    return validate(sources, **kw)  # type: ignore[arg-type]


def _where(report: ValidationReport) -> list[tuple[str, int, str, str]]:
    return [(i.file, i.row, i.column, i.reason) for i in sorted(report.issues)]


def _files(journey: str, **more: str) -> dict[str, str]:
    files = {
        "organisations.csv": ORGS,
        "people.csv": PEOPLE,
        "deals.csv": DEALS,
        "buying_centre.csv": CENTRE,
        "journey.csv": HEADER + journey,
    }
    files.update({f"{k}.csv": v for k, v in more.items()})
    return files


def test_a_members_history_passes_and_is_counted(tmp_path: Path) -> None:
    journey = (
        "D1,P1,awareness,2024-01-08,first call\n"
        "D1,P1,intrigue,2024-02-01T09:30:00+01:00,\n"
        "D1,P1,trust,2024-03-05 14:00,workshop\n"
    )
    report = _check(tmp_path, _files(journey))
    assert report.ok, report.issues
    assert report.good_rows["journey"] == 3


def test_bad_stage_date_unknown_ids_and_empty_values_are_reported(tmp_path: Path) -> None:
    journey = (
        "D1,P1,delight,2024-01-08,\n"
        "D1,P1,trust,2024-13-01,\n"
        "D1,P1,trust,yesterday,\n"
        "D9,P1,trust,2024-01-08,\n"
        "D1,P9,trust,2024-01-08,\n"
        "D1,P1,,2024-01-08,\n"
        "D1,P1,trust,,\n"
    )
    issues = _where(_check(tmp_path, _files(journey)))
    assert [(row, column) for _, row, column, _ in issues] == [
        (2, "stage"),
        (3, "at"),
        (4, "at"),
        (5, "deal_id"),
        (6, "person_id"),
        (7, "stage"),
        (8, "at"),
    ]
    reasons = [reason for *_, reason in issues]
    assert "'delight' is not one of awareness" in reasons[0]
    assert reasons[1] == "'2024-13-01' is not a date or time; use YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS"
    assert reasons[3] == "unknown deal id 'D9': not in the files nor in the workspace"
    assert reasons[5] == reasons[6] == "required value is empty"


def test_the_person_must_be_in_the_deals_buying_centre(tmp_path: Path) -> None:
    journey = "D1,P1,trust,2024-01-08,\nD1,P2,trust,2024-01-08,\nD1,P3,trust,2024-01-08,\n"
    asked: list[set[tuple[str, str]]] = []

    def stored(pairs: set[tuple[str, str]]) -> set[tuple[str, str]]:
        asked.append(pairs)
        return pairs & {("D1", "P3")}

    report = _check(tmp_path, _files(journey), members=stored)
    # P1 is a member through the file, P3 in the workspace; P2 is neither.
    assert _where(report) == [
        (
            "journey.csv",
            3,
            "person_id",
            "person 'P2' is not in the buying centre of deal 'D1', neither in the files nor in "
            "the workspace; add them in buying_centre.csv first",
        )
    ]
    assert asked == [{("D1", "P2"), ("D1", "P3")}]
    assert report.good_rows["journey"] == 2


def test_a_member_whose_buying_centre_row_is_rejected_has_no_history(tmp_path: Path) -> None:
    centre = CENTRE + "D1,P2,decider,furious,trust\n"
    journey = "D1,P2,trust,2024-01-08,\n"
    report = _check(tmp_path, _files(journey, buying_centre=centre))
    assert [(f, r, c) for f, r, c, _ in _where(report)] == [
        ("buying_centre.csv", 3, "stance"),
        ("journey.csv", 2, "person_id"),
    ]


def test_duplicates_also_when_the_same_moment_is_written_differently(tmp_path: Path) -> None:
    journey = (
        "D1,P1,trust,2024-01-08,\n"
        "D1,P1,trust,2024-01-08,again\n"
        "D1,P1,trust,2024-01-08T01:00:00+01:00,\n"
        "D1,P1,intrigue,2024-01-08,\n"
    )
    issues = _where(_check(tmp_path, _files(journey)))
    assert [(row, column) for _, row, column, _ in issues] == [(3, "at"), (4, "at")]
    assert (
        issues[0][3]
        == "duplicate row: same deal_id + person_id + stage + at as row 2 of journey.csv"
    )
    assert issues[1][3] == (
        "duplicate row: the same stage at the same moment as row 2 of journey.csv"
    )


def test_moments_are_utc_and_written_back_in_one_spelling() -> None:
    assert parse_instant("2024-03-01") == dt.datetime(2024, 3, 1, tzinfo=dt.UTC)
    assert parse_instant("2024-03-01T10:00:00+02:00") == dt.datetime(2024, 3, 1, 8, tzinfo=dt.UTC)
    assert parse_instant("2024-03-01T10:00:00Z") == parse_instant("2024-03-01 10:00")
    assert format_instant(parse_instant("2024-03-01T01:00:00+01:00")) == "2024-03-01"
    assert format_instant(parse_instant("2024-03-01T10:00:00Z")) == "2024-03-01T10:00:00Z"
    naive_from_the_database = dt.datetime(2024, 3, 1, 10, 0, 0, 500)
    assert format_instant(naive_from_the_database) == "2024-03-01T10:00:00.000500Z"
    assert format_instant(dt.date(2024, 3, 1)) == "2024-03-01"


def test_an_events_id_depends_on_its_identity_only() -> None:
    row = ["D1", "P1", "trust", "2024-03-01T00:00:00Z", "a note"]
    converted = CONVERTERS["journey"](row)
    assert converted[:5] == ["D1", "P1", "trust", dt.datetime(2024, 3, 1, tzinfo=dt.UTC), "a note"]
    assert converted[5] == event_id("D1", "P1", "trust", parse_instant("2024-03-01"))
    assert CONVERTERS["journey"]([*row[:4], ""])[5:] == [converted[5]]
    assert CONVERTERS["journey"]([*row[:4], ""])[4] is None
    assert event_id("D1", "P1", "intrigue", parse_instant("2024-03-01")) != converted[5]


def test_a_batch_settles_each_member_once() -> None:
    rows = [
        CONVERTERS["journey"](["D1", "P1", stage, f"2024-0{i}-01", ""])
        for i, stage in enumerate(("awareness", "trust"), start=1)
    ] + [CONVERTERS["buying_centre"](["D1", "P2", "user", "", "", "", "", "", ""])]
    assert members_of(rows) == [["D1", "P1"], ["D1", "P2"]]


def _dataset() -> Dataset:
    rows: dict[str, list[dict[str, str]]] = {k: [] for k in FORMATS}
    rows["organisations"] = [{"id": "O1", "name": "Acme", "kind": "customer"}]
    rows["people"] = [
        {"id": p, "first_name": p, "last_name": "X", "organisation_id": "O1"} for p in ("P1", "P2")
    ]
    rows["deals"] = [{"id": "D1", "name": "Rollout", "organisation_id": "O1"}]
    rows["buying_centre"] = [
        {"deal_id": "D1", "person_id": p, "roles": "decider", "stance": "neutral"}
        for p in ("P1", "P2")
    ]
    rows["journey"] = [
        {"deal_id": "D1", "person_id": "P1", "stage": "awareness", "at": "2024-01-08", "note": ""},
        {"deal_id": "D1", "person_id": "P1", "stage": "trust", "at": "2024-02-19", "note": "ok"},
    ]
    return Dataset("ws", rows)


def test_graph_exports_carry_the_history_on_the_buying_centre_edge(tmp_path: Path) -> None:
    data = _dataset()
    graph = to_graph(data, measures=False)  # a multigraph: one edge per stored relation
    assert graph.edges["P1", "D1", 0]["journey"] == "2024-01-08 awareness; 2024-02-19 trust"
    assert "journey" not in graph.edges["P2", "D1", 0]
    assert to_json(data)["journey"] == data.rows["journey"]
    kumu = to_kumu(data)
    member = next(c for c in kumu["connections"] if (c["from"], c["to"]) == ("P1", "D1"))
    assert member["journey"] == "2024-01-08 awareness; 2024-02-19 trust"
    write_export(data, "gexf", tmp_path / "ws.gexf")
    again = nx.read_gexf(tmp_path / "ws.gexf")
    assert again.edges["P1", "D1"]["journey"] == "2024-01-08 awareness; 2024-02-19 trust"
    write_export(data, "graphml", tmp_path / "ws.graphml")
    assert nx.read_graphml(tmp_path / "ws.graphml").edges["P1", "D1"]["journey"].endswith("trust")
    write_export(data, "csv", tmp_path / "csv")
    assert (tmp_path / "csv" / "journey.csv").read_text() == (
        "deal_id,person_id,stage,at,note\nD1,P1,awareness,2024-01-08,\nD1,P1,trust,2024-02-19,ok\n"
    )
