"""The status map of a deal: load it, read it, click a person, edit them, export it."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page, expect

from tests.e2e.scenario import DEAL_NAME, Scenario


def open_deal(page: Page, scenario: Scenario) -> None:
    page.goto(f"/#workspace={scenario.workspace}")
    # the first deal opened in a test session waits for a cold database on a busy machine
    expect(page.locator("#deal-panel h2")).to_have_text(DEAL_NAME, timeout=60_000)


def node_of(page: Page, scenario: Scenario, key: str) -> dict[str, Any]:
    """Where the person with `key` is drawn, in page coordinates, with what the map shows."""
    found: dict[str, Any] = page.evaluate(
        """key => {
          const app = window.statusmap;
          const person = [...app.state.view.people.values()].find((p) => p.key === key);
          const node = app.map.cy.getElementById(person.id);
          // a person outside the first view is brought into it, as a user would scroll to them
          const seen = app.map.viewBox();
          const r = node.renderedBoundingBox({includeLabels: false});
          if (r.x1 < seen.x1 || r.x2 > seen.x2 || r.y1 < seen.y1 || r.y2 > seen.y2) {
            app.map.cy.center(node);
          }
          const box = document.getElementById('map').getBoundingClientRect();
          const at = node.renderedPosition();
          return {id: person.id, x: box.left + at.x, y: box.top + at.y,
                  modelX: node.position('x'), modelY: node.position('y'), fill: node.data('fill'),
                  border: node.data('borderColour'), shape: node.data('shape')};
        }""",
        scenario.key(key),
    )
    return found


def test_deal_map_bands_people_by_status(page: Page, scenario: Scenario) -> None:
    open_deal(page, scenario)
    expect(page.locator("#people-list")).to_contain_text("Fiona Marsh")
    expect(page.locator("#people-count")).to_have_text("10 of 10 people")
    olivia, fiona, derek, uma = (
        node_of(page, scenario, k) for k in ("olivia", "fiona", "derek", "uma")
    )
    # senior at the top: board above C-suite above director above individual contributor
    assert olivia["modelY"] < fiona["modelY"] < derek["modelY"] < uma["modelY"]
    # ours and partners are drawn apart from the customer's people: their cards differ in shape
    # and sit in their own columns, left of the customer's
    hanna, paul = node_of(page, scenario, "hanna"), node_of(page, scenario, "paul")
    assert hanna["shape"] == "rectangle"
    assert paul["shape"] == "cut-rectangle"
    assert fiona["shape"] == "round-rectangle"
    customers = (olivia, fiona, derek, uma)
    assert hanna["modelX"] < paul["modelX"] < min(p["modelX"] for p in customers)


def test_click_a_person_and_edit_the_stance(page: Page, scenario: Scenario) -> None:
    open_deal(page, scenario)
    fiona = node_of(page, scenario, "fiona")
    page.mouse.click(fiona["x"], fiona["y"])
    panel = page.locator("#person-panel")
    expect(panel.get_by_role("heading", name="Fiona Marsh", exact=True)).to_be_visible()
    expect(panel.get_by_test_id("person-stance")).to_have_text("sceptic")
    expect(panel.get_by_test_id("person-roles")).to_have_text("decider")
    expect(panel.get_by_test_id("higher-status-influencers")).to_contain_text("Olivia Brandt")
    expect(panel.get_by_test_id("our-people")).to_contain_text("Sam Ortiz")

    panel.get_by_label("Stance").select_option(label="supporter")
    panel.get_by_role("button", name="Save part in this deal").click()
    expect(panel.get_by_test_id("person-stance")).to_have_text("supporter")
    # the map redraws with the new border colour (supporter is light green)
    assert node_of(page, scenario, "fiona")["border"] == "#7BC96F"
