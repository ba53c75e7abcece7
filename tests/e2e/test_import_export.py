"""Import and export from the page: a CSV with a bad row, the report, and the exports."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import networkx as nx
from playwright.sync_api import Page, expect

from tests.e2e.conftest import person_row, upload_and_import
from tests.e2e.scenario import Scenario
from tests.e2e.test_status_map import open_deal


def people_csv(tmp_path: Path, scenario: Scenario) -> Path:
    org = scenario.key("northwind")
    path = tmp_path / "people.csv"
    path.write_text(
        "id,first_name,last_name,title,department,email,organisation_id,level\n"
        f"{scenario.key('nina')},Nina,Okafor,Head of Logistics,Operations,n@example.org,{org},5\n"
        f"{scenario.key('bad')},Bob,Broken,Clerk,Operations,bob@example.com,{org},9\n",
        encoding="utf-8",
    )
    return path


def test_upload_a_csv_with_a_bad_row_shows_the_report(
    page: Page, scenario: Scenario, tmp_path: Path
) -> None:
    open_deal(page, scenario)
    page.get_by_role("tab", name="Import / export").click()
    page.get_by_label("CSV files").set_input_files(people_csv(tmp_path, scenario))
    expect(upload_and_import(page)).to_contain_text("Nothing was imported: 1 bad row")
    bad = page.get_by_test_id("import-issues").locator("tbody tr")
    expect(bad).to_have_count(1)
    expect(bad.first).to_contain_text("people.csv")
    expect(bad.first).to_contain_text("3")  # the header is row 1
    expect(bad.first).to_contain_text("level")
    expect(bad.first).to_contain_text("not a status level")

    page.get_by_label("Import the good rows even if some are bad").check()
    expect(upload_and_import(page)).to_contain_text("Imported: 1 people")
    page.get_by_role("combobox", name="Deal", exact=True).select_option(
        label="Whole account (no deal)"
    )
    expect(page.locator("#people-list")).to_contain_text("Nina Okafor")
    expect(page.locator("#people-list")).not_to_contain_text("Bob Broken")


def test_exports_of_the_view_and_the_map(page: Page, scenario: Scenario) -> None:
    open_deal(page, scenario)
    page.get_by_role("tab", name="Import / export").click()
    with page.expect_download() as people:
        page.get_by_role("button", name="People (CSV)").click()
    text = Path(people.value.path()).read_text(encoding="utf-8")
    assert text.splitlines()[0].startswith("key,name,title,organisation")
    assert "Fiona Marsh" in text and "decider" in text

    with page.expect_download() as png:
        page.get_by_role("button", name="Map (PNG)").click()
    assert Path(png.value.path()).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    with page.expect_download() as svg:
        page.get_by_role("button", name="Map (SVG)").click()
    drawing = Path(svg.value.path()).read_text(encoding="utf-8")
    # names wrap onto two lines under their node
    assert "<svg" in drawing and "Fiona" in drawing and "Marsh" in drawing


def test_the_export_tab_downloads_files_for_other_tools(page: Page, scenario: Scenario) -> None:
    """GEXF of the deal, Kumu JSON of the account and CSV of the workspace, through the API."""
    open_deal(page, scenario)
    page.get_by_role("tab", name="Import / export").click()
    page.get_by_label("What to export").select_option(label="The deal on the map")
    with page.expect_download() as gexf:
        page.get_by_role("button", name="GEXF (Gephi)").click()
    graph = nx.read_gexf(gexf.value.path())
    names = {a.get("label") for _, a in graph.nodes(data=True)}
    # The deal's people, ours (Hanna) and the partner's (Paul) among them.
    assert {"Fiona Marsh", "Hanna Berg", "Paul Acker"} <= names
    expect(page.get_by_test_id("file-export-status")).to_contain_text("Exported")

    page.get_by_label("What to export").select_option(label="The account on the map")
    with page.expect_download() as kumu:
        page.get_by_role("button", name="Kumu JSON").click()
    elements = json.loads(Path(kumu.value.path()).read_text(encoding="utf-8"))["elements"]
    assert scenario.key("fiona") in {e["id"] for e in elements}

    page.get_by_label("What to export").select_option(label="The whole workspace")
    with page.expect_download() as zipped:
        page.get_by_role("button", name="CSV (zip of the import files)").click()
    assert zipped.value.suggested_filename.endswith(".zip")
    with zipfile.ZipFile(zipped.value.path()) as archive:
        assert {"people.csv", "knows.csv", "buying_centre.csv"} <= set(archive.namelist())


def test_the_report_of_contacts_without_accounts_reads_fully_in_the_panel(
    page: Page, scenario: Scenario, tmp_path: Path
) -> None:
    """One note with what to add; every row's Problem column inside the panel, wrapped."""
    contacts = tmp_path / "Contact.csv"
    rows = [
        f"{scenario.key(f'c{i}')},Casey,Contact{i},{scenario.key('0015g00000LongAccountId')}"
        f"{i % 3},{scenario.key('c0') if i else ''}"
        for i in range(60)
    ]
    contacts.write_text(
        "Id,FirstName,LastName,AccountId,ReportsToId\n" + "\n".join(rows) + "\n", encoding="utf-8"
    )
    open_deal(page, scenario)
    page.get_by_role("tab", name="Import / export").click()
    page.get_by_label("CSV files").set_input_files(contacts)
    expect(upload_and_import(page)).to_contain_text("Nothing was imported")

    notes = page.get_by_test_id("import-notes")
    expect(notes).to_contain_text("60 rows name 3 organisation ids in AccountId")
    expect(notes).to_contain_text("Account.csv")
    table = page.get_by_test_id("import-issues")
    expect(table.locator("tbody tr")).to_have_count(50)  # a page at a time
    expect(page.get_by_test_id("import-page")).to_contain_text("of 119")
    panel = page.locator("#io-panel").bounding_box()
    problem = table.locator("tbody tr").first.locator("td").nth(3).bounding_box()
    assert panel is not None and problem is not None
    assert problem["x"] + problem["width"] <= panel["x"] + panel["width"] + 1
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_test_id("import-page")).to_contain_text("Rows 51-100 of 119")
    with page.expect_download() as report:
        page.get_by_test_id("import-report-download").click()
    lines = Path(report.value.path()).read_text(encoding="utf-8").splitlines()
    assert lines[0] == "file,row,column,problem" and len(lines) == 120
    page.screenshot(path=str(tmp_path / "import-report.png"), full_page=False)


def test_the_import_panel_offers_merge_and_reports_the_merge(
    page: Page, scenario: Scenario, tmp_path: Path
) -> None:
    """Two more Uma Roys under new ids, merged into the one on the map: the report says into
    whom, what was filled and which value differs, from the map or from the row before."""
    path = tmp_path / "people.csv"
    path.write_text(
        "id,first_name,last_name,title,department,email,organisation_id,tags\n"
        f"{scenario.key('uma-crm')},Uma,Roy,Senior Dispatcher,,uma@example.org,"
        f"{scenario.key('northwind')},night shift\n"
        f"{scenario.key('uma-crm2')},Uma,Roy,,,uma@example.org,"
        f"{scenario.key('northwind')},day shift\n",
        encoding="utf-8",
    )
    open_deal(page, scenario)
    page.get_by_role("tab", name="Import / export").click()
    choices = page.get_by_label("Likely duplicates")
    expect(choices.locator("option")).to_have_text(
        [
            "Hold back and report (import nothing)",
            "Keep both",
            "Skip them, import the rest",
            "Merge into the person already there",
        ]
    )
    choices.select_option("merge")
    page.get_by_label("CSV files").set_input_files(path)
    expect(upload_and_import(page)).to_contain_text("Imported")
    merged = page.get_by_test_id("import-duplicates-report")
    expect(merged).to_contain_text(f"people.csv, row 2: Uma Roy ({scenario.key('uma-crm')})")
    expect(merged).to_contain_text(f"merged into {scenario.key('uma')}")
    expect(merged).to_contain_text("filled email")
    expect(merged).to_contain_text(
        'title differs: kept "Dispatcher", the file has "Senior Dispatcher"'
    )
    expect(merged).to_contain_text(f"people.csv, row 3: Uma Roy ({scenario.key('uma-crm2')})")
    expect(merged).to_contain_text(
        'tags differs: kept "night shift" (from row 2 of people.csv), the file has "day shift"'
    )
    page.get_by_test_id("import-duplicates-report").scroll_into_view_if_needed()
    page.screenshot(path=str(tmp_path / "import-merge.png"), full_page=False)

    # Her panel shows the id merged into her, small, under who she is.
    person_row(page, "Uma Roy").click()
    panel = page.locator("#person-panel")
    expect(panel.get_by_role("heading", name="Uma Roy", exact=True)).to_be_visible()
    expect(panel.get_by_test_id("person-aliases")).to_have_text(
        f"Also imported as {scenario.key('uma-crm')}, {scenario.key('uma-crm2')}"
    )
    page.screenshot(path=str(tmp_path / "person-aliases.png"), full_page=False)
