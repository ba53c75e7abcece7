"""What-if with an imagined contact: suppose one of ours knew someone, and the plan and coverage
change as the API's what-if says, while nothing is written to the store."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page, expect

from tests.e2e.picker import choose_person
from tests.e2e.scenario import DEAL, Scenario, api_client
from tests.e2e.test_status_map import open_deal

ROUTES = """
query($w: ID!, $d: ID!, $add: [HypotheticalKnowsInput!]) {
  workspace(id: $w) { deal(id: $d) { approachPlan { route { text } } } }
  whatIf(workspaceId: $w, dealId: $d, addKnows: $add) { planAfter { route { text } } }
}
"""


def routes(
    base_url: str, scenario: Scenario, add: list[dict[str, Any]]
) -> tuple[list[str], list[str]]:
    """The stored deal's plan routes, and those the API's what-if gives with `add`."""
    variables = {"w": scenario.workspace, "d": scenario.key(DEAL), "add": add}
    with api_client(base_url) as client:
        body = client.post("/graphql", json={"query": ROUTES, "variables": variables}).json()
    stored = [s["route"]["text"] for s in body["data"]["workspace"]["deal"]["approachPlan"]]
    after = [s["route"]["text"] for s in body["data"]["whatIf"]["planAfter"]]
    return stored, after


def test_an_imagined_tie_changes_the_first_steps_route(
    page: Page, scenario: Scenario, live_server: str
) -> None:
    open_deal(page, scenario)
    step_routes = page.get_by_test_id("step-route")
    expect(step_routes.first).to_contain_text("Paul Acker")  # the partner's route to Carl
    before = step_routes.all_inner_texts()

    form = page.locator("form", has=page.get_by_role("heading", name="What-if: imagine a contact"))
    choose_person(
        form.get_by_label("One of ours or a partner"),
        "Hanna Berg — Account Executive · Statusmap Ltd",
    )
    choose_person(
        form.get_by_label("knows", exact=True),
        "Carl Engel — Chief Executive Officer · Northwind Logistics",
    )
    form.get_by_label("Strength (0 to 1)").fill("0.9")
    form.get_by_role("button", name="Try it").click()

    expect(page.get_by_test_id("what-if")).to_contain_text("if Hanna Berg knew Carl Engel (0.9)")
    expect(step_routes.first).to_contain_text("Hanna Berg")
    expect(step_routes.first).not_to_contain_text("Paul Acker")
    hanna, carl = scenario.key("hanna"), scenario.key("carl")
    stored, after = routes(
        live_server, scenario, [{"sourceId": hanna, "targetId": carl, "strength": 0.9}]
    )
    # the page shows the API's what-if, word for word; the stored deal is unchanged
    assert step_routes.all_inner_texts() == after
    assert stored == before
    # the imagined tie is drawn as its own kind of line
    drawn = page.evaluate("() => window.statusmap.map.cy.edges('.imagined').length")
    assert drawn == 1

    page.get_by_role("button", name="Back to the real deal").click()
    expect(page.get_by_test_id("what-if")).to_have_count(0)
    expect(step_routes.first).to_contain_text("Paul Acker")
    assert step_routes.all_inner_texts() == before
