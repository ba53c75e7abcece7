"""CRM exports that help: Salesforce contacts without their accounts, the organisation map, the
file's own column names in the report, and likely duplicate people held back."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import httpx
import pytest

pytestmark = pytest.mark.integration

ACCOUNTS = "Id,Name,Type\n{w}001A,Acme Corp,Customer - Direct\n"
CONTACTS = (
    "Id,FirstName,LastName,Title,Email,AccountId,ReportsToId\n"
    "{w}003A,Ada,Boss,CEO,ada@acme.example,{w}001A,\n"
    "{w}003B,Ben,Report,CFO,,{w}001B,{w}003A\n"
    "{w}003C,Cleo,Report,IT Manager,,{w}001C,{w}003B\n"
    "{w}003D,Dan,Report,Buyer,,{w}001B,{w}003A\n"
)


def _filled(text: str, workspace: str) -> str:
    return text.replace("{w}", f"{workspace}-")


async def _import(
    client: httpx.AsyncClient, workspace: str, files: dict[str, str], **params: Any
) -> httpx.Response:
    upload = [
        ("files", (name, _filled(text, workspace).encode(), "text/csv"))
        for name, text in files.items()
    ]
    return await client.post(f"/workspaces/{workspace}/imports", files=upload, params=params)


async def _people(client: httpx.AsyncClient, workspace: str) -> list[str]:
    """The stored people as export rows: id, name and organisation."""
    response = await client.get(f"/workspaces/{workspace}/export", params={"format": "csv"})
    assert response.status_code == 200, response.text
    text = zipfile.ZipFile(io.BytesIO(response.content)).read("people.csv").decode()
    return [",".join(row.split(",")[:3] + row.split(",")[6:7]) for row in text.splitlines()[1:]]


async def test_contacts_without_their_accounts_get_one_note_naming_the_file_and_mapping(
    client: httpx.AsyncClient, workspace: str
) -> None:
    response = await _import(client, workspace, {"Contact.csv": CONTACTS})
    assert response.status_code == 422, response.text
    report = response.json()["report"]
    (note,) = report["notes"]
    assert (note["file"], note["column"], note["rows"]) == ("Contact.csv", "AccountId", 4)
    message = note["message"]
    assert "4 rows name 3 organisation ids in AccountId" in message
    assert "Account.csv" in message and "organisation map" in message
    for account in ("001A", "001B", "001C"):
        assert f"{workspace}-{account}" in message
    issues = report["issues"]
    # The file's own columns, and no row said to reject itself.
    assert {i["column"] for i in issues} == {"AccountId", "Id"}
    assert not any("rejects" in i["reason"] or "manager_id" in i["reason"] for i in issues)
    reporting = [i for i in issues if i["column"] == "Id"]
    assert [i["row"] for i in reporting] == [3, 4, 5]
    assert reporting[0]["reason"] == (
        f"left out with this row's person '{workspace}-003B', which is rejected"
    )
    assert await _people(client, workspace) == []


async def test_the_organisation_map_reads_account_ids_as_an_existing_organisation(
    client: httpx.AsyncClient, workspace: str
) -> None:
    existing = {"organisations.csv": "id,name,kind\n{w}acme,Acme,customer\n"}
    assert (await _import(client, workspace, existing)).status_code == 200
    organisation_map = [f"{workspace}-{a}={workspace}-acme" for a in ("001A", "001B", "001C")]
    response = await _import(
        client, workspace, {"Contact.csv": CONTACTS}, organisation_map=organisation_map
    )
    assert response.status_code == 200, response.text
    assert response.json()["written"]["reporting"] == 3
    assert await _people(client, workspace) == [
        f"{workspace}-{p},{first},{last},{workspace}-acme"
        for p, first, last in (
            ("003A", "Ada", "Boss"),
            ("003B", "Ben", "Report"),
            ("003C", "Cleo", "Report"),
            ("003D", "Dan", "Report"),
        )
    ]
    malformed = await _import(
        client, workspace, {"Contact.csv": CONTACTS}, organisation_map=["001A"]
    )
    assert malformed.status_code == 422, malformed.text
    assert "organisation_map[0]" in malformed.text


async def test_a_cycle_in_a_salesforce_file_names_reports_to_id(
    client: httpx.AsyncClient, workspace: str
) -> None:
    contacts = (
        "Id,LastName,AccountId,ReportsToId\n{w}C1,Boss,{w}001A,{w}C2\n{w}C2,Report,{w}001A,{w}C1\n"
    )
    response = await _import(client, workspace, {"Account.csv": ACCOUNTS, "Contact.csv": contacts})
    assert response.status_code == 422, response.text
    issues = response.json()["report"]["issues"]
    assert {(i["column"], i["reason"].split(":")[0]) for i in issues} == {
        ("ReportsToId", "reporting cycle")
    }


async def test_a_second_contact_of_the_same_name_and_account_is_a_likely_duplicate(
    client: httpx.AsyncClient, workspace: str
) -> None:
    files = {"Account.csv": ACCOUNTS, "Contact.csv": CONTACTS.splitlines()[0] + "\n"}
    files["Contact.csv"] += "{w}003A,Ada,Boss,CEO,ada@acme.example,{w}001A,\n"
    assert (await _import(client, workspace, files)).status_code == 200
    before = await _people(client, workspace)

    again = {"Contact.csv": "Id,FirstName,LastName,AccountId\n{w}003X,ada,BOSS,{w}001A\n"}
    response = await _import(client, workspace, again)
    assert response.status_code == 422, response.text
    (issue,) = response.json()["report"]["issues"]
    assert (issue["row"], issue["column"]) == (2, "LastName")
    assert issue["reason"].startswith(
        f"likely the same person as '{workspace}-003A' (already in the workspace)"
    )
    assert await _people(client, workspace) == before

    # Within one file, the second row is the one held back.
    twins = {
        "Contact.csv": "Id,FirstName,LastName,AccountId\n"
        "{w}003Y,Yan,Twin,{w}001A\n{w}003Z,Yan,Twin,{w}001A\n"
    }
    response = await _import(client, workspace, twins)
    (issue,) = response.json()["report"]["issues"]
    assert (issue["row"], issue["column"]) == (3, "LastName")
    assert f"'{workspace}-003Y' (row 2 of Contact.csv)" in issue["reason"]

    # Namesakes with their own email addresses are two people.
    namesake = {
        "Contact.csv": "Id,FirstName,LastName,Email,AccountId\n"
        "{w}003N,Ada,Boss,ada.boss@acme.example,{w}001A\n"
    }
    assert (await _import(client, workspace, namesake)).status_code == 200
    # The user's choices: keep both, or skip the duplicate and import the rest.
    kept = await _import(client, workspace, again, duplicates="keep")
    assert kept.status_code == 200, kept.text
    skipped = await _import(client, workspace, twins, good_rows_only=True)
    assert skipped.status_code == 200, skipped.text
    stored = {row.split(",")[0] for row in await _people(client, workspace)}
    assert stored == {f"{workspace}-{p}" for p in ("003A", "003N", "003X", "003Y")}


async def test_likely_duplicates_are_held_kept_or_skipped_as_chosen(
    client: httpx.AsyncClient, workspace: str
) -> None:
    first = {"Account.csv": ACCOUNTS, "Contact.csv": CONTACTS.splitlines()[0] + "\n"}
    first["Contact.csv"] += "{w}003A,Ada,Boss,CEO,ada@acme.example,{w}001A,\n"
    assert (await _import(client, workspace, first)).status_code == 200
    before = await _people(client, workspace)
    # A second Ada Boss under another id, and a contact reporting to her.
    again = {
        "Contact.csv": "Id,FirstName,LastName,AccountId,ReportsToId\n"
        "{w}003X,Ada,Boss,{w}001A,\n{w}003R,Rita,Report,{w}001A,{w}003X\n"
    }
    w = f"{workspace}-"
    expected = {
        "file": "Contact.csv",
        "row": 2,
        "id": f"{w}003X",
        "name": "Ada Boss",
        "other_id": f"{w}003A",
        "other_name": "Ada Boss",
        "where": "already in the workspace",
    }

    held = await _import(client, workspace, again)  # the default
    assert held.status_code == 422, held.text
    (entry,) = held.json()["report"]["duplicates"]
    assert entry == {**expected, "action": "held", "rows_left_out": 0}
    assert await _people(client, workspace) == before
    bad = await _import(client, workspace, again, duplicates="both")
    assert bad.status_code == 422 and "duplicates" in bad.text
    spec = (await client.get("/openapi.json")).json()
    (operation,) = (
        op["post"]
        for path, op in spec["paths"].items()
        if path.endswith("/imports") and "post" in op
    )
    (param,) = (p for p in operation["parameters"] if p["name"] == "duplicates")
    schema = param["schema"]
    schema = (
        spec["components"]["schemas"][schema["$ref"].split("/")[-1]] if "$ref" in schema else schema
    )
    assert schema["enum"] == ["hold", "keep", "skip", "merge"]

    skipped = await _import(client, workspace, again, duplicates="skip")
    assert skipped.status_code == 200, skipped.text
    report = skipped.json()["report"]
    assert report["issues"] == []
    (entry,) = report["duplicates"]
    # Rita's row is written as a person; her reporting line to the skipped Ada is left out.
    assert entry == {**expected, "action": "skipped", "rows_left_out": 1}
    stored = {row.split(",")[0] for row in await _people(client, workspace)}
    assert stored == {f"{w}003A", f"{w}003R"}
    assert skipped.json()["written"]["reporting"] == 0

    kept = await _import(client, workspace, again, duplicates="keep")
    assert kept.status_code == 200, kept.text
    assert kept.json()["report"]["duplicates"] == []
    stored = {row.split(",")[0] for row in await _people(client, workspace)}
    assert stored == {f"{w}003A", f"{w}003R", f"{w}003X"}
