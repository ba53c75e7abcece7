"""A person created from the New panel is drawn on the map at once, in view, with their panel
open, whether they joined the buying centre or not, and on the whole-account view too (where
they would otherwise be folded into their department's count). The form reports each problem
next to its field and is blank again after a person is created."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from playwright.sync_api import Locator, Page, expect

from tests.e2e.scenario import Scenario
from tests.e2e.test_first_view import inside
from tests.e2e.test_status_map import open_deal

SHOTS = Path(os.environ.get("STATUSMAP_SCREENSHOTS", "/tmp"))
# Runs in the page: whether the person named is drawn, and their card inside the free view.
DRAWN = """name => {
  const map = window.statusmap.map;
  const p = [...window.statusmap.state.view.people.values()].find((q) => q.name === name);
  const n = p && map.cy.getElementById(p.id);
  if (!n || n.empty()) return null;
  return {card: n.renderedBoundingBox({includeLabels: false}), view: map.viewBox(0),
          selected: n.selected()};
}"""


def person_form(page: Page) -> Locator:
    page.get_by_role("tab", name="New").click()
    return page.locator("#new-panel form", has=page.get_by_role("heading", name="Person"))


def create(page: Page, name: str, title: str, department: str) -> dict[str, Any]:
    form = person_form(page)
    form.get_by_label("Name", exact=True).fill(name)
    form.get_by_label("Title").fill(title)
    form.get_by_label("Department (optional)").fill(department)
    form.get_by_role("button", name="Create").click()
    expect(page.locator("#app-status")).to_have_text(f"Person created: {name}", timeout=30_000)
    expect(page.locator("#person-panel h2").first).to_have_text(name)
    drawn: dict[str, Any] | None = page.evaluate(DRAWN, name)
    assert drawn is not None, f"{name} is drawn on the map"
    assert drawn["selected"], f"{name} is selected on the map"
    assert inside(drawn["card"], drawn["view"]), f"{name} is in view"
    return drawn


def test_errors_per_field_then_a_new_person_outside_the_buying_centre_is_drawn(
    screen_page: Page, scenario: Scenario
) -> None:
    page = screen_page
    open_deal(page, scenario)
    form = person_form(page)
    form.get_by_label("Title").fill("x" * 501)
    form.get_by_role("button", name="Create").click()
    # each problem beside its own field
    expect(page.locator("#new-person-name-error")).not_to_be_empty()
    expect(page.locator("#new-person-job-title-error")).not_to_be_empty()
    expect(page.locator("#new-person-department-error")).to_be_empty()
    expect(page.locator("#new-person-status")).to_contain_text("Not saved")
    page.screenshot(path=str(SHOTS / "new-person-errors.png"))

    # not in the buying centre: drawn all the same, since the user just made them
    create(page, "Nora Quist", "Logistics Analyst", "Operations")
    page.screenshot(path=str(SHOTS / "new-person-drawn.png"))

    form = person_form(page)
    for field in ["Name", "Title", "Department (optional)"]:
        expect(form.get_by_label(field, exact=True)).to_have_value("")
    expect(page.locator("#new-person-name-error")).to_be_empty()
    expect(page.locator("#new-person-job-title-error")).to_be_empty()


def test_a_new_person_on_the_whole_account_view_is_not_folded_away(
    screen_page: Page, scenario: Scenario
) -> None:
    page = screen_page
    open_deal(page, scenario)
    page.locator("#deal").select_option(label="Whole account (no deal)")
    expect(page.locator("#app-status")).to_have_text("Account loaded: Northwind Logistics")
    create(page, "Omar Pike", "Clerk", "Finance")
    page.screenshot(path=str(SHOTS / "new-person-account.png"))
