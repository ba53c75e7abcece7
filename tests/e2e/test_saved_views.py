"""Work on the map: drag a card within its band (it stays where it was dropped while the view is
redrawn), and save named views of a deal on the server, for the workspace's team: they open
again after a reload and in a teammate's browser, and too long a name is refused under its
field."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import watched_page
from tests.e2e.scenario import DEAL, Scenario, api_client
from tests.e2e.test_status_map import node_of, open_deal

VIEWS = """query($w: ID!, $d: ID!) { workspace(id: $w) { deal(id: $d) {
  views { edges { node { name state } } } } } }"""

CARD = """key => {
  const app = window.statusmap;
  const person = [...app.state.view.people.values()].find((p) => p.key === key);
  const node = app.map.cy.getElementById(person.id);
  const band = app.map.layout.cellOf.get(person.id).band;
  return {x: node.position('x'), y: node.position('y'), band: [band.y0, band.y0 + band.height],
          rank: band.rank};
}"""


def card(page: Page, scenario: Scenario, key: str) -> dict[str, Any]:
    found: dict[str, Any] = page.evaluate(CARD, scenario.key(key))
    return found


def drag(page: Page, scenario: Scenario, key: str, dx: float, dy: float) -> None:
    at = node_of(page, scenario, key)
    page.mouse.move(at["x"], at["y"])
    page.mouse.down()
    for i in range(1, 11):
        page.mouse.move(at["x"] + dx * i / 10, at["y"] + dy * i / 10)
    page.mouse.up()


def stored_views(base_url: str, scenario: Scenario) -> dict[str, Any]:
    """The deal's views as the API holds them, by name."""
    variables = {"w": scenario.workspace, "d": scenario.key(DEAL)}
    with api_client(base_url) as client:
        body = client.post("/graphql", json={"query": VIEWS, "variables": variables}).json()
    edges = body["data"]["workspace"]["deal"]["views"]["edges"]
    return {e["node"]["name"]: e["node"]["state"] for e in edges}


def test_a_dragged_card_stays_in_its_band_and_in_a_saved_view(
    page: Page, scenario: Scenario, browser: Browser, live_server: str, tmp_path: Path
) -> None:
    open_deal(page, scenario)
    before = card(page, scenario, "hanna")
    # dragged right and far down: it moves right, and no lower than its own band's bottom
    drag(page, scenario, "hanna", 140, 600)
    after = card(page, scenario, "hanna")
    assert after["x"] > before["x"] + 50
    assert after["rank"] == before["rank"]
    assert before["band"][0] < after["y"] < before["band"][1]

    # the view is drawn again (a new influence threshold): the card stays where it was dropped
    page.locator("#min-weight").fill("0.5")
    expect(page.locator("#min-weight-value")).to_have_text("0.50")
    assert card(page, scenario, "hanna")["x"] == after["x"]

    # too long a name: the API's message under the field, nothing saved
    panel = page.get_by_test_id("saved-views")
    panel.get_by_label("Name of this view").fill("x" * 101)
    panel.get_by_role("button", name="Save view").click()
    expect(page.locator("#saved-view-name-error")).to_contain_text("at most 100 characters")
    assert stored_views(live_server, scenario) == {}

    panel.get_by_label("Name of this view").fill("Hanna to the right")
    panel.get_by_role("button", name="Save view").click()
    expect(page.get_by_test_id("saved-views")).to_contain_text(
        'Saved "Hanna to the right" for the team.'
    )
    page.screenshot(path=str(tmp_path / "saved-views.png"))
    # on the server, under the workspace: the threshold and the moved card
    state = stored_views(live_server, scenario)["Hanna to the right"]
    assert state["minWeight"] == 0.5
    hanna = node_of(page, scenario, "hanna")["id"]
    assert [hanna, {"x": after["x"], "y": after["y"]}] in state["moved"]

    # after a reload the deal opens as laid out; the saved view brings back the card and filter
    page.reload()
    open_deal(page, scenario)
    assert card(page, scenario, "hanna")["x"] == before["x"]
    expect(page.locator("#min-weight-value")).to_have_text("0.30")
    page.get_by_label("Open a saved view").select_option(label="Hanna to the right")
    expect(page.locator("#min-weight-value")).to_have_text("0.50")
    expect(page.locator("#app-status")).to_have_text("View opened: Hanna to the right")
    assert card(page, scenario, "hanna")["x"] == after["x"]

    # a teammate's browser (nothing of ours in its storage) lists and opens it too
    with watched_page(browser, live_server) as other:
        open_deal(other, scenario)
        other.get_by_label("Open a saved view").select_option(label="Hanna to the right")
        expect(other.locator("#app-status")).to_have_text("View opened: Hanna to the right")
        expect(other.locator("#min-weight-value")).to_have_text("0.50")
        assert card(other, scenario, "hanna")["x"] == after["x"]

    page.get_by_label("Open a saved view").select_option(label="Hanna to the right")
    page.get_by_test_id("saved-views").get_by_role("button", name="Delete").click()
    expect(page.get_by_label("Open a saved view")).not_to_contain_text("Hanna to the right")
    assert stored_views(live_server, scenario) == {}
