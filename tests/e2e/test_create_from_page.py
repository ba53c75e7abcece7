"""Create from the page: a workspace, an organisation, a deal and a person, each through the
API's create mutation, with the API's validation messages next to their fields."""

from __future__ import annotations

import uuid

from playwright.sync_api import Page, expect


def form(page: Page, title: str):  # type: ignore[no-untyped-def]
    panel = page.locator("#new-panel")
    return panel.locator("form", has=page.get_by_role("heading", name=title, exact=True))


def test_create_a_workspace_account_deal_and_person(page: Page, live_server: str) -> None:
    page.goto("/")
    # the page has read the API's schema (the forms are built from it); workspaces may be none
    page.wait_for_function("() => Boolean(window.statusmap && window.statusmap.schema)")
    page.get_by_role("tab", name="New").click()

    workspace = form(page, "Workspace")
    workspace.get_by_role("button", name="Create").click()
    expect(page.locator("#new-workspace-name-error")).not_to_be_empty()

    key = f"e2e-new-{uuid.uuid4().hex[:8]}"
    workspace.get_by_label("Name", exact=True).fill(f"Borealis team {key}")
    workspace.get_by_label("Key (optional)").fill(key)
    workspace.get_by_role("button", name="Create").click()
    picked = page.get_by_role("combobox", name="Workspace").locator("option:checked")
    expect(picked).to_have_text(f"Borealis team {key}")
    expect(page.locator("#app-status")).to_have_text(
        "No customer or prospect in this workspace yet."
    )

    organisation = form(page, "Organisation")
    organisation.get_by_label("Name", exact=True).fill("Borealis Foods")
    organisation.get_by_label("Kind").select_option(label="customer")
    organisation.get_by_role("button", name="Create").click()
    # the new account opens (its map is read before the forms learn of it)
    expect(page.locator("#app-status")).to_have_text(
        "Organisation created: Borealis Foods", timeout=60_000
    )
    expect(page.locator("#account option:checked")).to_have_text("Borealis Foods")

    deal = form(page, "Deal")
    deal.get_by_label("Name", exact=True).fill("Cold chain 2027")
    deal.get_by_role("button", name="Create").click()
    expect(page.locator("#app-status")).to_have_text(
        "Deal created: Cold chain 2027", timeout=60_000
    )
    expect(page.locator("#deal-panel h2")).to_have_text("Cold chain 2027")

    page.get_by_role("tab", name="New").click()
    person = form(page, "Person")
    person.get_by_label("Title").fill("Chief Operating Officer")
    person.get_by_role("button", name="Create").click()
    expect(page.locator("#new-person-name-error")).not_to_be_empty()

    person.get_by_label("Name", exact=True).fill("Rosa Lind")
    person.get_by_label("Role in Cold chain 2027").select_option(label="decider")
    person.get_by_role("button", name="Create").click()
    # she is on the map, as a card at the level her title gives (C-suite), and fills the decider
    expect(page.locator("#person-panel h2")).to_have_text("Rosa Lind")
    card = page.evaluate(
        """() => {
          const app = window.statusmap;
          const p = [...app.state.view.people.values()].find((q) => q.name === 'Rosa Lind');
          const n = p && app.map.cy.getElementById(p.id);
          return p && {label: n.data('label'), rank: p.level?.rank, member: p.member};
        }"""
    )
    assert card is not None and card["member"]
    name, title, facts = card["label"].split("\n")
    # (a title longer than the card is cut with an ellipsis)
    assert (name, title[:15], facts) == ("Rosa Lind", "Chief Operating", "L6 · decider · unknown")
    page.get_by_role("tab", name="Deal").click()
    coverage = page.get_by_test_id("coverage")
    expect(coverage.locator("tr", has_text="decider")).to_contain_text("Rosa Lind")
