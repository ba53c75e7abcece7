"""Working on the deal's map: the influence threshold, "show who is around this person", status
at a glance (higher-status influencers, gaps on hover), and edits with pickers that tell
namesakes apart."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.conftest import person_row
from tests.e2e.picker import choose_person
from tests.e2e.scenario import Scenario
from tests.e2e.test_status_map import node_of, open_deal


def shown_names(page: Page) -> list[str]:
    names: list[str] = page.evaluate(
        "() => [...window.statusmap.state.view.people.values()].map((p) => p.name).sort()"
    )
    return names


def test_threshold_hides_weak_influencers_and_around_brings_them_back(
    page: Page, scenario: Scenario
) -> None:
    open_deal(page, scenario)
    assert "Olivia Brandt" in shown_names(page)  # influences Carl at 0.6
    # the slider, moved as a user does (keyboard): End puts it at 1
    page.locator("#min-weight").focus()
    page.keyboard.press("End")
    expect(page.locator("#people-count")).to_have_text("9 of 9 people")
    assert "Olivia Brandt" not in shown_names(page)

    person_row(page, "Carl Engel").click()
    panel = page.locator("#person-panel")
    panel.get_by_role("button", name="Show who is around this person").click()
    expect(page.locator("#people-count")).to_have_text("10 of 10 people")
    assert "Olivia Brandt" in shown_names(page)


def test_selecting_a_person_marks_their_higher_status_influencers_and_gaps(
    page: Page, scenario: Scenario
) -> None:
    open_deal(page, scenario)
    fiona = node_of(page, scenario, "fiona")
    page.mouse.click(fiona["x"], fiona["y"])
    expect(page.locator("#person-panel h2").first).to_have_text("Fiona Marsh")
    expect(page.get_by_test_id("higher-status-influencers")).to_contain_text("Olivia Brandt")
    marked = page.evaluate(
        """() => window.statusmap.map.cy.nodes('.person.higher')
                 .map((n) => n.data('label').split('\\n')[0]).sort()"""
    )
    # Olivia (board) influences her; Carl, the CEO, does too but holds her level
    assert marked == ["Olivia Brandt"]

    # Ivan (level 5) is one below the decider Fiona (level 6): the API's gap shows on hover.
    ivan = node_of(page, scenario, "ivan")
    page.mouse.move(ivan["x"], ivan["y"])
    expect(page.get_by_test_id("map-tip")).to_contain_text("Gap to the decider Fiona Marsh: -1")


def test_add_a_knows_tie_and_a_reporting_line_from_the_page(page: Page, scenario: Scenario) -> None:
    open_deal(page, scenario)
    person_row(page, "Fiona Marsh").click()
    panel = page.locator("#person-panel")
    expect(panel.get_by_test_id("reports-to")).to_contain_text("Carl Engel")
    # pickers name each person with title and organisation
    choose_person(
        panel.locator("#new-knows-source"), "Hanna Berg — Account Executive · Statusmap Ltd"
    )
    panel.get_by_role("button", name='Add "knows"').click()
    hanna, fiona = node_of(page, scenario, "hanna"), node_of(page, scenario, "fiona")
    edge = f"knows:{hanna['id']}>{fiona['id']}"
    page.wait_for_function(f"() => window.statusmap.map.cy.getElementById('{edge}').nonempty()")

    panel = page.locator("#person-panel")
    choose_person(
        panel.locator("#new-manager"), "Olivia Brandt — Chair of the Board · Northwind Logistics"
    )
    panel.get_by_role("button", name="Add reporting line").click()
    expect(panel.get_by_test_id("reports-to")).to_contain_text("Olivia Brandt")
    expect(panel.get_by_test_id("reports-to")).to_contain_text("Carl Engel")
