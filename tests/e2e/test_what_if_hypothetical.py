"""What-if with a hypothetical contact: someone not stored, drawn as a dashed card, in the plan's
routes when they open one, refused with the API's message under the field when they break a
stored person's rule, and gone again with the what-if."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Locator, Page, expect

from tests.e2e.conftest import person_row
from tests.e2e.picker import choose_person
from tests.e2e.scenario import Scenario, api_client
from tests.e2e.test_status_map import open_deal

KNOWS = "Knows (one of ours or a partner's, or whom they know if they are ours)"
PEOPLE = "query($w: ID!) { workspace(id: $w) { people(first: 100) { edges { node { name } } } } }"
FIT = "() => { window.statusmap.map.fit(); document.getElementById('deal-panel').scrollTop = 0; }"
HYPOTHETICAL = "() => window.statusmap.map.cy.nodes('.hypothetical').map((n) => n.data('label'))"


def step_of(page: Page, name: str) -> Locator:
    """The approach plan's step for the person called `name`."""
    steps = page.locator("[data-testid=approach-plan] li")
    return steps.filter(has=page.locator(".step-name", has_text=name))


def test_a_hypothetical_colleague_who_knows_the_decider(
    page: Page, scenario: Scenario, live_server: str, tmp_path: Path
) -> None:
    open_deal(page, scenario)
    step_routes = page.get_by_test_id("step-route")
    expect(step_routes.first).to_be_visible()
    before = step_routes.all_inner_texts()
    form = page.locator("#hypothetical-form")
    expect(form.get_by_role("heading")).to_have_text("What-if: add a hypothetical contact")

    # an empty name is refused as for a stored person, under the field; nothing is drawn
    form.get_by_label("Organisation").select_option(label="Statusmap Ltd · us")
    form.get_by_role("button", name="Add a hypothetical contact").click()
    expect(page.locator("#hyp-name-error")).to_have_text("String should have at least 1 character")
    expect(form.get_by_role("status")).to_contain_text("Not added")
    assert page.evaluate(HYPOTHETICAL) == []

    form.get_by_label("Name").fill("Tom Reyes")
    form.get_by_label("Title").fill("VP Customer Success")
    choose_person(
        form.get_by_label(KNOWS), "Fiona Marsh — Chief Financial Officer · Northwind Logistics"
    )
    form.get_by_label("Strength (0 to 1)").fill("0.9")
    form.get_by_role("button", name="Add a hypothetical contact").click()

    what_if = page.get_by_test_id("what-if")
    expect(what_if).to_contain_text("with Tom Reyes (hypothetical)")
    expect(what_if).to_contain_text("if Tom Reyes knew Fiona Marsh (0.9)")
    # a dashed card at the level the title rule gives a VP (5), in the routes of the plan
    page.wait_for_function(f"() => ({HYPOTHETICAL[6:]}).length === 1")
    (label,) = page.evaluate(HYPOTHETICAL)
    assert label.startswith("Tom Reyes\nVP Customer Success\nL5")
    style = page.evaluate(
        "() => window.statusmap.map.cy.nodes('.hypothetical')[0].style('border-style')"
    )
    assert style == "dashed"
    fiona = step_of(page, "Fiona Marsh")
    expect(fiona.get_by_test_id("step-route")).to_contain_text("Tom Reyes (ours) knows Fiona Marsh")
    page.evaluate(FIT)
    page.screenshot(path=str(tmp_path / "hypothetical-contact.png"))
    form.scroll_into_view_if_needed()
    page.screenshot(path=str(tmp_path / "hypothetical-form.png"))

    # the person panel says what they are; nothing of them is stored
    person_row(page, "Tom Reyes").click()
    panel = page.locator("#person-panel")
    expect(panel.get_by_test_id("hypothetical-note")).to_be_visible()
    expect(panel.get_by_test_id("person-level")).to_contain_text("5")
    expect(panel.get_by_test_id("person-level")).to_contain_text("inferred from title")
    with api_client(live_server) as client:
        variables = {"w": scenario.workspace}
        body = client.post("/graphql", json={"query": PEOPLE, "variables": variables})
    names = [e["node"]["name"] for e in body.json()["data"]["workspace"]["people"]["edges"]]
    assert "Tom Reyes" not in names and "Fiona Marsh" in names

    panel.get_by_role("button", name="Take out of the what-if").click()
    expect(page.get_by_test_id("what-if")).to_have_count(0)
    assert page.evaluate(HYPOTHETICAL) == []
    assert step_routes.all_inner_texts() == before


def test_a_hypothetical_member_reporting_to_the_ceo(page: Page, scenario: Scenario) -> None:
    open_deal(page, scenario)
    form = page.locator("#hypothetical-form")
    form.get_by_label("Name").fill("Nina Falk")
    form.get_by_label("Title").fill("Chief Operating Officer")
    form.get_by_label("Role in this deal").select_option(label="approver")
    form.get_by_label("Stance").select_option(label="supporter")
    choose_person(
        form.get_by_label("Reports to"), "Derek Holt — Director of Operations · Northwind Logistics"
    )
    choose_person(form.get_by_label(KNOWS), "Hanna Berg — Account Executive · Statusmap Ltd")
    form.get_by_role("button", name="Add a hypothetical contact").click()
    expect(page.get_by_test_id("what-if")).to_contain_text("if Nina Falk reported to Derek Holt")
    # her inferred level (C-suite) is capped at her manager's, as for a stored person
    page.wait_for_function(f"() => ({HYPOTHETICAL[6:]}).length === 1")
    (label,) = page.evaluate(HYPOTHETICAL)
    assert label.split("\n")[2].startswith("L4 · approver · supp")
    approver = page.get_by_test_id("coverage").locator("tr", has_text="approver")
    expect(approver).to_contain_text("Nina Falk")
    step = step_of(page, "Nina Falk")
    expect(step.get_by_test_id("step-route")).to_contain_text("Hanna Berg (ours) knows Nina Falk")
