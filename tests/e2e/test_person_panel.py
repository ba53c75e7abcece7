"""The person panel from the keyboard alone, and its other edits: a journey stage and the
weight of an influence edge."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from tests.e2e.conftest import person_row
from tests.e2e.picker import choose_person
from tests.e2e.scenario import Scenario
from tests.e2e.test_status_map import node_of, open_deal


def tab_to(page: Page, element_id: str, *, back: bool = False, limit: int = 60) -> None:
    """Press Tab (or Shift+Tab) until the element with `element_id` has the focus."""
    key = "Shift+Tab" if back else "Tab"
    seen: list[str] = []
    for _ in range(limit):
        at = page.evaluate("() => document.activeElement.id || document.activeElement.tagName")
        seen.append(at)
        if at == element_id:
            return
        page.keyboard.press(key)
    raise AssertionError(f"#{element_id} was not reached with {key}: {seen}")


def test_keyboard_only_pick_a_person_change_the_stance_and_see_the_plan(
    page: Page, scenario: Scenario
) -> None:
    open_deal(page, scenario)
    plan = page.locator("[data-testid=approach-plan] li")
    expect(plan.first.locator(".step-name")).to_have_text("Carl Engel")

    # The skip link leads to the people search; the list follows it.
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to people")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_label("Find a person")).to_be_focused()
    page.keyboard.type("Engel")
    page.keyboard.press("Tab")
    carl = page.locator("#people-list button", has_text="Carl Engel")
    expect(carl).to_be_focused()
    page.keyboard.press("Enter")
    panel = page.locator("#person-panel")
    expect(panel.get_by_role("heading", name="Carl Engel", exact=True)).to_be_visible()
    expect(carl).to_have_attribute("aria-pressed", "true")

    expect(panel.get_by_label("Stance")).to_be_visible()  # the panel has its forms
    tab_to(page, "edit-stance")
    page.keyboard.type("blocker")
    expect(panel.get_by_label("Stance")).to_have_value("BLOCKER")
    tab_to(page, "save-member")  # past the status stake's fields
    expect(page.get_by_role("button", name="Save part in this deal")).to_be_focused()
    page.keyboard.press("Enter")
    expect(panel.get_by_test_id("person-stance")).to_have_text("blocker")
    # the panel is drawn again, and the keyboard stays on the button
    expect(page.get_by_role("button", name="Save part in this deal")).to_be_focused()

    tab_to(page, "tab-person", back=True)
    page.keyboard.press("ArrowLeft")
    expect(page.get_by_role("tab", name="Deal")).to_be_focused()
    # A blocker is never first, and the route to Fiona avoids him now: our champion leads.
    expect(plan.first.locator(".step-name")).to_have_text("Derek Holt")
    expect(plan.first).to_contain_text("up 1")


def test_record_a_journey_stage(page: Page, scenario: Scenario) -> None:
    open_deal(page, scenario)
    person_row(page, "Derek Holt").click()
    panel = page.locator("#person-panel")
    expect(panel.get_by_role("heading", name="Derek Holt", exact=True)).to_be_visible()
    expect(panel.get_by_text("No stage recorded yet.")).to_be_visible()
    panel.get_by_label("Stage reached").select_option(label="trust")
    panel.get_by_label("Note (optional)").fill("Ran the pilot with us")
    panel.get_by_role("button", name="Record stage").click()
    expect(panel.get_by_test_id("person-stage")).to_have_text("trust")
    expect(panel.locator("ol.journey")).to_contain_text("trust")
    expect(panel.locator("ol.journey")).to_contain_text("Ran the pilot with us")


def test_edit_an_influence_edge(page: Page, scenario: Scenario) -> None:
    open_deal(page, scenario)
    fiona = node_of(page, scenario, "fiona")
    carl = node_of(page, scenario, "carl")
    edge = f"influence:{carl['id']}>{fiona['id']}"
    width = f"() => window.statusmap.map.cy.getElementById('{edge}').data('width')"
    assert page.evaluate(width) == 1 + 5 * 0.8

    page.mouse.click(fiona["x"], fiona["y"])
    panel = page.locator("#person-panel")
    expect(panel.get_by_role("heading", name="Fiona Marsh", exact=True)).to_be_visible()
    form = panel.get_by_role("form", name="Influence of Carl Engel on Fiona Marsh")
    weight = form.get_by_label("Weight")
    expect(weight).to_have_value("0.8")

    # out of range: the API's message appears next to the field, nothing is saved
    weight.fill("1.5")
    form.get_by_role("button", name="Save").click()
    expect(form.locator(".field-error").first).not_to_be_empty()
    expect(form.get_by_role("status")).to_contain_text("Not saved")

    weight.fill("0.3")
    form.get_by_label("Kind").select_option(label="sponsor")
    form.get_by_role("button", name="Save").click()
    form = panel.get_by_role("form", name="Influence of Carl Engel on Fiona Marsh")
    expect(form.get_by_label("Weight")).to_have_value("0.3")
    expect(form.get_by_label("Kind")).to_have_value("SPONSOR")
    page.wait_for_function(f"() => ({width[6:]}) === 2.5")

    # the basis defaults from the kind (sponsor: normative) until it is set on the edge
    basis = form.get_by_label("Basis")
    expect(basis).to_have_value("")
    expect(basis.locator("option:checked")).to_have_text("from its kind (normative)")
    basis.select_option(label="informational")
    form.get_by_role("button", name="Save").click()
    form = panel.get_by_role("form", name="Influence of Carl Engel on Fiona Marsh")
    expect(form.get_by_label("Basis")).to_have_value("INFORMATIONAL")


def test_edit_a_status_stake(page: Page, scenario: Scenario) -> None:
    """Motive, outcome with its evidence, and aspiration: saved through the API, shown again."""
    open_deal(page, scenario)
    person_row(page, "Derek Holt").click()
    panel = page.locator("#person-panel")
    expect(panel.get_by_role("heading", name="Derek Holt", exact=True)).to_be_visible()
    expect(panel.get_by_test_id("person-stake")).to_have_text("unknown · unknown")

    # off the ladder: the form refuses it before sending, nothing is saved
    aspiration = panel.get_by_label("Level they reach for (1-7, optional)")
    aspiration.fill("9")
    panel.get_by_role("button", name="Save part in this deal").click()
    assert aspiration.evaluate("el => el.validity.rangeOverflow")
    expect(panel.get_by_test_id("person-stake")).to_have_text("unknown · unknown")

    panel.get_by_label("What they want from it: fit in or stand out").select_option(
        label="stand out"
    )
    panel.get_by_label("What the deal does to their standing").select_option(label="gains")
    panel.get_by_label("Why we think so").fill("would present the results to the board")
    panel.get_by_label("Level they reach for (1-7, optional)").fill("6")
    panel.get_by_role("button", name="Save part in this deal").click()
    expect(panel.get_by_test_id("person-stake")).to_have_text(
        "stand out · gains (would present the results to the board) · aspires to level 6"
    )


def test_a_second_observer_disputes_an_influence(
    page: Page, scenario: Scenario, tmp_path: Path
) -> None:
    """Hanna reports Carl's influence on Fiona far below the first report: the tie is weighed by
    the median of the two and shown as disputed in the panel."""
    open_deal(page, scenario)
    fiona = node_of(page, scenario, "fiona")
    page.mouse.click(fiona["x"], fiona["y"])
    panel = page.locator("#person-panel")
    expect(panel.get_by_role("heading", name="Fiona Marsh", exact=True)).to_be_visible()
    add = panel.get_by_role("form", name="Add an influence on Fiona Marsh")
    choose_person(
        add.get_by_label("From"), "Carl Engel — Chief Executive Officer · Northwind Logistics"
    )
    add.locator("#new-inf-weight").fill("0.2")
    choose_person(add.get_by_label("Reported by"), "Hanna Berg — Account Executive · Statusmap Ltd")
    add.get_by_role("button", name="Add influence").click()

    form = panel.get_by_role("form", name="Influence of Carl Engel on Fiona Marsh")
    expect(form.get_by_label("Weight")).to_have_value("0.5")  # the median of 0.8 and 0.2
    row = panel.locator(".influence-rows li.disputed")
    expect(row).to_have_count(1)
    reports = row.get_by_test_id("influence-reports")
    expect(reports).to_contain_text("Hanna Berg 0.20")
    expect(reports).to_contain_text("disputed")
    row.scroll_into_view_if_needed()
    page.screenshot(path=str(tmp_path / "disputed-influence.png"))
