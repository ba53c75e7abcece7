"""The "What changed since" panel: a stance edited on the page is listed with who, when and
through what, and the person is highlighted on the map."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from api.settings import Settings
from tests.e2e.conftest import person_row
from tests.e2e.scenario import Scenario
from tests.e2e.test_status_map import node_of, open_deal

assert Settings  # the server under test takes its settings from api/settings.py


def test_what_changed_since_lists_and_highlights_an_edit(
    screen_page: Page, scenario: Scenario, tmp_path: Path
) -> None:
    page = screen_page
    open_deal(page, scenario)
    page.get_by_role("tab", name="Changes").click()
    changes = page.locator("#changes-panel")
    expect(changes.get_by_role("heading", name="What changed since")).to_be_visible()
    # Last week holds the whole scenario, written moments ago.
    changes.get_by_role("button", name="Last week").click()
    result = page.get_by_test_id("changes-result")
    expect(result.get_by_role("heading", name="People who joined or left")).to_be_visible()
    expect(changes.get_by_role("button", name="Last review")).to_be_disabled()
    changes.get_by_role("button", name="Mark reviewed now").click()
    expect(changes.get_by_role("button", name="Last review")).to_be_enabled()

    person_row(page, "Carl Engel").click()
    panel = page.locator("#person-panel")
    expect(panel.get_by_role("heading", name="Carl Engel", exact=True)).to_be_visible()
    panel.get_by_label("Stance").select_option(label="blocker")
    panel.get_by_role("button", name="Save part in this deal").click()
    expect(panel.get_by_test_id("person-stance")).to_have_text("blocker")

    page.get_by_role("tab", name="Changes").click()
    changes.get_by_role("button", name="Last review").click()
    stance = result.locator("[data-kind=stance_changed]")
    expect(stance).to_contain_text("Carl Engel stance changed:")
    expect(stance).to_contain_text("→ blocker")
    expect(stance).to_contain_text("page")  # through what: the page
    # Since the review: the edit, and what follows from it (warnings, plan order), nothing else.
    groups = result.get_by_test_id("changes-group").locator("h3").all_inner_texts()
    assert groups[0] == "Roles, stance and stage (1)"
    assert not [g for g in groups if g.startswith("People")]
    carl_id = node_of(page, scenario, "carl")["id"]
    assert page.evaluate(
        "id => window.statusmap.map.cy.getElementById(id).hasClass('changed')", carl_id
    )
    page.screenshot(path=str(tmp_path / "changes-panel.png"))

    # Leaving the panel clears the highlight.
    page.get_by_role("tab", name="Deal").click()
    assert not page.evaluate(
        "id => window.statusmap.map.cy.getElementById(id).hasClass('changed')", carl_id
    )
