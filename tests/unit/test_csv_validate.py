"""The validation pass on real files in tmp_path: every bad row with row, column and reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.imports.reader import FileEncodingError, ImportFileError, open_source
from graph.imports.validate import Duplicates, Issue, ValidationReport, validate

ORGS = "id,name,kind\nO1,Acme,customer\nO2,Partner Co,partner\n"
PEOPLE = (
    "id,first_name,last_name,title,department,email,organisation_id,level\n"
    "P1,Ada,Lovelace,CEO,Executive,ada@acme.example,O1,\n"
    "P2,Ben,Bauer,VP Sales,Sales,,O1,5\n"
    "P3,Cleo,Costa,Engineer,IT,,O1,\n"
)


def _write(directory: Path, files: dict[str, str], encoding: str = "utf-8") -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in files.items():
        path = directory / name
        path.write_bytes(text.encode(encoding))
        paths.append(path)
    return paths


def _check(directory: Path, files: dict[str, str], **kw: object) -> ValidationReport:
    return validate([open_source(p) for p in _write(directory, files)], **kw)  # type: ignore[arg-type]


def _where(report: ValidationReport) -> list[tuple[str, int, str]]:
    return [(i.file, i.row, i.column) for i in sorted(report.issues)]


def test_clean_files_pass_and_count_rows(tmp_path: Path) -> None:
    report = _check(
        tmp_path,
        {
            "organisations.csv": ORGS,
            "people.csv": PEOPLE,
            "reporting.csv": "person_id,manager_id,line\nP2,P1,solid\nP3,P2,\n",
            "influences.csv": "source_id,target_id,weight,kind\nP1,P2,0.8,advice\n",
        },
    )
    assert report.ok, report.issues
    assert report.good_rows["people"] == 3
    assert report.good_rows["reporting"] == 2


def test_utf8_bom_is_accepted_and_latin1_is_refused_with_the_line(tmp_path: Path) -> None:
    _write(tmp_path / "bom", {"organisations.csv": "\ufeff" + ORGS})
    assert validate([open_source(tmp_path / "bom" / "organisations.csv")]).ok
    text = ORGS + "O3,Société Générale,prospect\n"
    _write(tmp_path / "latin", {"organisations.csv": text}, encoding="latin-1")
    with pytest.raises(FileEncodingError, match=r"not UTF-8 \(byte 0xe9 on line 4\)") as e:
        open_source(tmp_path / "latin" / "organisations.csv")
    assert e.value.row == 4


def test_utf16_is_refused_clearly(tmp_path: Path) -> None:
    _write(tmp_path, {"organisations.csv": ORGS}, encoding="utf-16")
    with pytest.raises(FileEncodingError, match="UTF-16"):
        open_source(tmp_path / "organisations.csv")


def test_missing_required_columns_and_empty_values(tmp_path: Path) -> None:
    report = _check(
        tmp_path,
        {
            "organisations.csv": ORGS,
            "people.csv": "id,first_name,organisation_id\nP1,Ada,O1\n",
            "influences.csv": "source_id,target_id,weight,kind\n,P1,0.5,advice\n",
        },
    )
    assert ("people.csv", 1, "last_name") in _where(report)
    reasons = {(i.file, i.row, i.column): i.reason for i in report.issues}
    assert reasons[("influences.csv", 2, "source_id")] == "required value is empty"


def test_bad_values_are_reported_with_row_column_and_reason(tmp_path: Path) -> None:
    report = _check(
        tmp_path,
        {
            "organisations.csv": ORGS + "O 3,Bad Id,customer\nO4,Odd,reseller\n",
            "people.csv": PEOPLE + "P4,Dan,Dee,,,,O1,9\n",
            "influences.csv": (
                "source_id,target_id,weight,kind\n"
                "P1,P2,1.5,advice\nP1,P3,-0.1,peer\nP2,P3,abc,peer\nP3,P1,0.4,gossip\nP1,P1,0.3,peer\n"
            ),
            "knows.csv": "source_id,target_id,strength,last_contact\nP1,P2,0.5,31/12/2024\n",
        },
    )
    got = {(i.file, i.row, i.column): i.reason for i in report.issues}
    assert "not a valid id" in got[("organisations.csv", 4, "id")]
    assert "not one of" in got[("organisations.csv", 5, "kind")]
    assert "status level" in got[("people.csv", 5, "level")]
    assert "out of range" in got[("influences.csv", 2, "weight")]
    assert "out of range" in got[("influences.csv", 3, "weight")]
    assert "not a number" in got[("influences.csv", 4, "weight")]
    assert "not one of" in got[("influences.csv", 5, "kind")]
    assert "two different ends" in got[("influences.csv", 6, "target_id")]
    assert "YYYY-MM-DD" in got[("knows.csv", 2, "last_contact")]
    assert report.good_rows["influences"] == 0


def test_unknown_ids_are_checked_against_files_then_the_workspace(tmp_path: Path) -> None:
    files = {
        "organisations.csv": ORGS,
        "people.csv": PEOPLE,
        "reporting.csv": "person_id,manager_id\nP2,P1\nP3,PX\nP3,PDB\n",
    }
    report = _check(tmp_path, files, lookup=lambda kind, ids: {"PDB"} & ids)
    assert _where(report) == [("reporting.csv", 3, "manager_id")]
    assert "unknown person id 'PX'" in report.issues[0].reason


def test_a_rejected_person_rejects_their_edges_too(tmp_path: Path) -> None:
    report = _check(
        tmp_path,
        {
            "organisations.csv": ORGS,
            "people.csv": PEOPLE + "P9,Eve,Evans,,,,O_MISSING,\n",
            "influences.csv": "source_id,target_id,weight,kind\nP9,P1,0.5,peer\n",
        },
    )
    assert _where(report) == [
        ("influences.csv", 2, "source_id"),
        ("people.csv", 5, "organisation_id"),
    ]
    assert "whose own row (5 of people.csv) is rejected" in sorted(report.issues)[0].reason


def test_duplicates_and_foreign_ids(tmp_path: Path) -> None:
    report = _check(
        tmp_path,
        {
            "organisations.csv": ORGS + "O1,Acme again,customer\n",
            "people.csv": PEOPLE,
            "influences.csv": "source_id,target_id,weight,kind\nP1,P2,0.5,peer\nP1,P2,0.6,peer\n",
        },
        foreign={"people": {"P3": "other"}},
    )
    got = {(i.file, i.row, i.column): i.reason for i in report.issues}
    assert (
        "duplicate row: same id as row 2 of organisations.csv"
        in got[("organisations.csv", 4, "id")]
    )
    # One report per reporter of a tie: the same tie twice without a reporter is a repeat.
    assert "same source_id + target_id + reported_by" in got[("influences.csv", 3, "reported_by")]
    # GraphQL's wording: nothing says where the id is taken.
    assert got[("people.csv", 4, "id")] == "person id 'P3' is already taken; choose another id"


def test_reporting_cycles_are_rejected(tmp_path: Path) -> None:
    report = _check(
        tmp_path,
        {
            "organisations.csv": ORGS,
            "people.csv": PEOPLE,
            "reporting.csv": "person_id,manager_id\nP1,P2\nP2,P3\nP3,P1\n",
        },
    )
    assert _where(report) == [("reporting.csv", r, "manager_id") for r in (2, 3, 4)]
    assert all("reporting cycle" in i.reason for i in report.issues)


def test_a_line_closing_a_cycle_with_stored_lines_is_rejected(tmp_path: Path) -> None:
    # Stored: P1 reports to P2, P2 to P3; the file's P3 → P1 closes the loop.
    report = _check(
        tmp_path,
        {
            "organisations.csv": ORGS,
            "people.csv": PEOPLE,
            "reporting.csv": "person_id,manager_id\nP3,P1\n",
        },
        stored_lines=[("P1", "P2"), ("P2", "P3")],
    )
    assert _where(report) == [("reporting.csv", 2, "manager_id")]
    reason = report.issues[0].reason
    assert reason.startswith("reporting cycle: P3 → P1 → P2 → P3")
    assert "already in the workspace" in reason
    clean = _check(
        tmp_path / "clean",
        {
            "people.csv": PEOPLE.replace(",O1,", ",,"),
            "reporting.csv": "person_id,manager_id\nP3,P1\n",
        },
        stored_lines=[("P1", "P2")],
    )
    assert clean.ok, clean.issues


def test_extra_values_and_unknown_headers(tmp_path: Path) -> None:
    report = _check(tmp_path, {"organisations.csv": ORGS + "O3,Extra,customer,x,y,z,a,b,c,d,e\n"})
    assert _where(report) == [("organisations.csv", 4, "")]
    _write(tmp_path, {"stuff.csv": "a,b\n1,2\n"})
    with pytest.raises(ImportFileError, match="cannot tell what this file holds"):
        open_source(tmp_path / "stuff.csv")


def test_issue_is_ordered_by_file_and_row() -> None:
    assert Issue("a.csv", 10, "x", "") > Issue("a.csv", 9, "x", "")


def test_a_merged_row_is_read_as_its_person_by_the_rows_after_it(tmp_path: Path) -> None:
    people = PEOPLE + "P9,ada,LOVELACE,Chief Executive,,,O1,6\n"
    report = _check(
        tmp_path,
        {
            "organisations.csv": ORGS,
            "people.csv": people,
            "reporting.csv": "person_id,manager_id\nP2,P9\n",
        },
        namesakes=lambda _orgs: [],
        duplicates=Duplicates.MERGE,
    )
    assert report.issues == []
    (entry,) = report.duplicates
    assert (entry["row"], entry["action"], entry["merged_into"]) == (5, "merged", "P1")
    assert entry["filled"] == ["level"]
    assert entry["conflicts"] == [{"column": "title", "kept": "CEO", "incoming": "Chief Executive"}]
    assert report.merges == [
        {
            "id": "P1",
            "alias": "P9",
            "organisation_id": "O1",
            "fill": {"level": "6"},
            "file": "people.csv",
            "row": 5,
        }
    ]
    assert report.good_rows["people"] == 3 and report.good_rows["reporting"] == 1


CONTACTS = "Id,FirstName,LastName,Department,AccountId,ReportsToId\n"
_ADA = {"id": "003A", "name": "Ada Boss", "email": "", "organisation_id": "001A"}


def _merge_contacts(
    tmp_path: Path, rows: str, stored_lines: list[tuple[str, str]]
) -> ValidationReport:
    """Contacts merged into Ada (003A, of the workspace, with ``stored_lines``)."""
    known = {"003A", "003M", "003N", "001A"}
    return _check(
        tmp_path,
        {"Contact.csv": CONTACTS + rows},
        lookup=lambda _kind, ids: ids & known,
        stored_lines=stored_lines,
        namesakes=lambda orgs: [_ADA] if "001A" in orgs else [],
        targets=lambda _ids: [{**_ADA, "title": "CEO"}],
        duplicates=Duplicates.MERGE,
    )


def test_a_merged_contact_with_another_manager_keeps_the_stored_line(tmp_path: Path) -> None:
    report = _merge_contacts(
        tmp_path, "003X,Ada,Boss,,001A,003N\n003Y,Ada,Boss,,001A,003M\n", [("003A", "003M")]
    )
    assert report.issues == []
    first, second = sorted(report.duplicates, key=lambda d: int(str(d["row"])))
    assert first["merged_into"] == second["merged_into"] == "003A"
    # Row 2 would give Ada a second manager: a conflict in the file's column, naming both.
    assert first["conflicts"] == [{"column": "ReportsToId", "kept": "003M", "incoming": "003N"}]
    assert second["conflicts"] == []  # row 3 restates her manager
    contacts = str(tmp_path / "Contact.csv")
    assert report.skip[(contacts, "reporting")] == {2}


def test_rows_merged_into_one_person_report_where_they_disagree(tmp_path: Path) -> None:
    """Two rows of one import merged into Ada (the second through the first, a namesake of
    hers in the same file): the first fills, the second is compared with what it filled."""
    rows = (
        "003X,Ada,Boss,Board,001A,003N\n"
        "003Y,Ada,Boss,Finance,001A,003M\n"
        "003Z,Ada,Boss,Board,001A,003N\n"
    )
    report = _merge_contacts(tmp_path, rows, [])
    assert report.issues == []
    by_row = {d["row"]: d for d in report.duplicates}
    assert {d["merged_into"] for d in by_row.values()} == {"003A"}
    assert by_row[2]["filled"] == ["Department"] and by_row[2]["conflicts"] == []
    assert by_row[3]["conflicts"] == [
        {
            "column": "Department",
            "kept": "Board",
            "incoming": "Finance",
            "kept_from": "row 2 of Contact.csv",
        },
        {"column": "ReportsToId", "kept": "003N", "incoming": "003M"},
    ]
    assert by_row[4]["conflicts"] == []  # the same as row 2
    assert [m["fill"] for m in report.merges] == [{"department": "Board"}, {}, {}]
    assert {m["alias"]: m["id"] for m in report.merges} == dict.fromkeys(
        ("003X", "003Y", "003Z"), "003A"
    )
