"""Edit and remove from the page: a person's own fields (the API's message under the field),
the person (after a confirmation), their place in the buying centre, a reporting line, an
influence and a "knows" tie, and a journey stage with the day it was reached."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Locator, Page, expect

from tests.e2e.conftest import person_row
from tests.e2e.scenario import Scenario, api_client
from tests.e2e.test_status_map import open_deal

PEOPLE = "query($w: ID!) { workspace(id: $w) { people(first: 100) { edges { node { name } } } } }"


def open_person(page: Page, name: str) -> Locator:
    person_row(page, name).click()
    panel = page.locator("#person-panel")
    expect(panel.get_by_role("heading", name=name, exact=True)).to_be_visible()
    expect(panel.locator(".facts")).to_be_visible()  # read, not "Loading…"
    return panel


def stored_names(base_url: str, scenario: Scenario) -> list[str]:
    with api_client(base_url) as client:
        variables = {"w": scenario.workspace}
        body = client.post("/graphql", json={"query": PEOPLE, "variables": variables}).json()
    return [e["node"]["name"] for e in body["data"]["workspace"]["people"]["edges"]]


def test_edit_a_persons_details_with_the_apis_message_under_the_field(
    page: Page, scenario: Scenario, tmp_path: Path
) -> None:
    open_deal(page, scenario)
    panel = open_person(page, "Derek Holt")
    panel.get_by_text("Edit details").click()
    form = panel.get_by_role("form", name="Details of Derek Holt")
    expect(form.get_by_label("Title (sets the level unless one was given)")).to_have_value(
        "Director of Operations"
    )
    form.get_by_label("Title (sets the level unless one was given)").fill("VP Operations")
    form.get_by_label("Email").fill("derek.at.northwind")
    form.get_by_role("button", name="Save details").click()
    expect(page.locator("#edit-person-email-error")).to_have_text(
        "'derek.at.northwind' is not an email address; write it as name@domain.tld"
    )
    expect(form.get_by_role("status")).to_contain_text("Not saved")
    page.screenshot(path=str(tmp_path / "edit-details-error.png"))

    form.get_by_label("Email").fill("derek.holt@northwind.example")
    form.get_by_label("Status level").select_option(label="5 VP / head of")
    form.get_by_role("button", name="Save details").click()
    expect(panel.locator(".person-sub")).to_contain_text("VP Operations")
    expect(panel.get_by_test_id("person-level")).to_have_text("5 · VP / head of")
    label = page.evaluate(
        """() => { const app = window.statusmap;
          const p = [...app.state.view.people.values()].find((q) => q.name === 'Derek Holt');
          return app.map.cy.getElementById(p.id).data('label'); }"""
    )
    assert label.split("\n")[1] == "VP Operations"


def test_remove_a_person_after_a_confirmation(
    page: Page, scenario: Scenario, live_server: str, tmp_path: Path
) -> None:
    open_deal(page, scenario)
    panel = open_person(page, "Uma Roy")
    panel.get_by_role("button", name="Remove Uma Roy…").click()
    question = panel.get_by_role("alertdialog")
    expect(question).to_contain_text("Remove Uma Roy from the workspace?")
    page.screenshot(path=str(tmp_path / "remove-person-confirm.png"))
    question.get_by_role("button", name="Cancel").click()
    expect(panel.get_by_role("alertdialog")).to_have_count(0)
    assert "Uma Roy" in stored_names(live_server, scenario)

    panel.get_by_role("button", name="Remove Uma Roy…").click()
    panel.get_by_role("button", name="Remove Uma Roy for good").click()
    expect(page.locator("#app-status")).to_have_text("Removed Uma Roy")
    expect(page.locator("#people-list button", has_text="Uma Roy")).to_have_count(0)
    user = page.get_by_test_id("coverage").locator("tr", has_text="user")
    expect(user).to_contain_text("missing")
    assert "Uma Roy" not in stored_names(live_server, scenario)


def test_remove_a_membership_a_reporting_line_an_influence_and_a_knows_tie(
    page: Page, scenario: Scenario, tmp_path: Path
) -> None:
    open_deal(page, scenario)
    # a reporting line and an influence on Ivan's and Fiona's panels
    panel = open_person(page, "Ivan Novak")
    expect(panel.get_by_test_id("reports-to")).to_contain_text("Fiona Marsh")
    line = "Remove the reporting line from Ivan Novak to Fiona Marsh"
    panel.get_by_role("button", name=line).click()
    expect(panel.get_by_test_id("reports-to")).to_contain_text("nobody recorded")

    panel = open_person(page, "Fiona Marsh")
    carl = panel.get_by_role("form", name="Influence of Carl Engel on Fiona Marsh")
    expect(carl).to_be_visible()
    panel.get_by_role("button", name="Remove the influence of Carl Engel on Fiona Marsh").click()
    expect(carl).to_have_count(0)
    lines = "() => window.statusmap.state.view.edges.filter((e) => e.kind === 'influence').length"
    assert page.evaluate(lines) == 6

    # a "knows" tie on Derek's panel
    panel = open_person(page, "Derek Holt")
    known = panel.get_by_test_id("known-by")
    expect(known).to_contain_text("Hanna Berg")
    page.screenshot(path=str(tmp_path / "remove-ties.png"))
    panel.get_by_role("button", name="Remove: Hanna Berg knows Derek Holt").click()
    expect(panel.get_by_text("Nobody of ours is recorded as knowing them.")).to_be_visible()

    # Petra leaves the buying centre: the buyer's role is missing now
    panel = open_person(page, "Petra Lind")
    panel.get_by_role("button", name="Take Petra Lind out of this deal's buying centre").click()
    buyer = page.get_by_test_id("coverage").locator("tr", has_text="buyer")
    expect(buyer).to_contain_text("missing")


def test_record_a_journey_stage_with_its_date(page: Page, scenario: Scenario) -> None:
    open_deal(page, scenario)
    panel = open_person(page, "Carl Engel")
    panel.get_by_label("Stage reached").select_option(label="conviction")
    panel.get_by_label("Reached on").fill("2026-03-02")
    panel.get_by_role("button", name="Record stage").click()
    expect(panel.get_by_test_id("person-stage")).to_have_text("conviction")
    expect(panel.locator("ol.journey")).to_contain_text("conviction · 2026-03-02")
