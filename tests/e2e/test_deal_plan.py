"""The deal panel: coverage, the approach plan, its intro paths on the map, and what-if."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.conftest import person_row
from tests.e2e.scenario import Scenario
from tests.e2e.test_status_map import node_of, open_deal


def plan_names(page: Page) -> list[str]:
    return page.locator("[data-testid=approach-plan] .step-name").all_inner_texts()


def path_classes(page: Page, scenario: Scenario, keys: list[str]) -> list[bool]:
    return [
        page.evaluate(
            "id => window.statusmap.map.cy.getElementById(id).hasClass('on-path')",
            node_of(page, scenario, k)["id"],
        )
        for k in keys
    ]


def test_coverage_and_plan_are_shown(page: Page, scenario: Scenario) -> None:
    open_deal(page, scenario)
    coverage = page.get_by_test_id("coverage")
    expect(coverage.locator("tr", has_text="decider")).to_contain_text("Fiona Marsh")
    expect(coverage.locator("tr", has_text="gatekeeper")).to_contain_text("missing")
    expect(page.get_by_test_id("warnings")).to_contain_text("Fiona Marsh")
    expect(page.locator("[data-testid=approach-plan] .step-name").first).to_have_text("Carl Engel")


def test_a_plan_step_highlights_its_intro_path(page: Page, scenario: Scenario) -> None:
    open_deal(page, scenario)
    step = page.locator(".plan-step").filter(has=page.locator(".step-name", has_text="Carl Engel"))
    step.click()
    expect(step).to_have_attribute("aria-pressed", "true")
    # Carl is reached through the partner who knows him
    assert path_classes(page, scenario, ["paul", "carl", "hanna"]) == [True, True, False]
    page.get_by_role("button", name="Clear highlight").click()
    assert path_classes(page, scenario, ["paul", "carl"]) == [False, False]


def test_editing_a_stance_reorders_the_plan(page: Page, scenario: Scenario) -> None:
    open_deal(page, scenario)
    expect(page.locator("[data-testid=approach-plan] .step-name").first).to_have_text("Carl Engel")
    carl = node_of(page, scenario, "carl")
    page.mouse.click(carl["x"], carl["y"])
    panel = page.locator("#person-panel")
    expect(panel.get_by_role("heading", name="Carl Engel", exact=True)).to_be_visible()
    panel.get_by_label("Stance").select_option(label="blocker")
    panel.get_by_role("button", name="Save part in this deal").click()
    expect(panel.get_by_test_id("person-stance")).to_have_text("blocker")

    page.get_by_role("tab", name="Deal").click()
    first = page.locator("[data-testid=approach-plan] li").first
    # A blocker is never first. The partner's route to the decider Fiona ran through Carl, an
    # influential blocker now, so it gives way to ours through Ivan (weaker): our champion Derek,
    # whom we know directly, leads, and Carl follows the best of the others.
    expect(first.locator(".step-name")).to_have_text("Derek Holt")
    expect(first).to_contain_text("up 1")
    assert plan_names(page)[:2] == ["Derek Holt", "Carl Engel"]


def test_what_if_a_person_were_gone(page: Page, scenario: Scenario) -> None:
    open_deal(page, scenario)
    expect(page.locator("[data-testid=approach-plan] .step-name").first).to_have_text("Carl Engel")
    person_row(page, "Carl Engel").click()
    page.locator("#person-panel").get_by_role("button", name="What if they were gone?").click()
    expect(page.get_by_test_id("what-if")).to_contain_text("without Carl Engel")
    expect(page.get_by_test_id("approach-plan")).not_to_contain_text("Carl Engel")
    # the partner who knew only Carl leaves the deal's map with him
    expect(page.locator("#people-count")).to_have_text("8 of 8 people")
    expect(page.locator("#people-list")).not_to_contain_text("Paul Acker")
    page.get_by_role("button", name="Show everyone").click()
    expect(page.locator("[data-testid=approach-plan] .step-name").first).to_have_text("Carl Engel")
