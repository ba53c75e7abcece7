"""Import and export from the page: a CSV with a bad row, the report, and the exports."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

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
    page.get_by_role("button", name="Upload and import").click()

    expect(page.get_by_test_id("import-summary")).to_contain_text("Nothing was imported: 1 bad row")
    bad = page.get_by_test_id("import-issues").locator("tbody tr")
    expect(bad).to_have_count(1)
    expect(bad.first).to_contain_text("people.csv")
    expect(bad.first).to_contain_text("3")  # the header is row 1
    expect(bad.first).to_contain_text("level")
    expect(bad.first).to_contain_text("not a status level")

    page.get_by_label("Import the good rows even if some are bad").check()
    page.get_by_role("button", name="Upload and import").click()
    expect(page.get_by_test_id("import-summary")).to_contain_text("Imported: 1 people")
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
