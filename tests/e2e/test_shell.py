"""The page itself: it loads, is labelled, and works from the keyboard."""

from __future__ import annotations

from playwright.sync_api import Page, expect


def test_page_loads_with_pickers_legend_and_panels(page: Page) -> None:
    page.goto("/")
    expect(page.get_by_role("heading", name="statusmap")).to_be_visible()
    for label in ("Workspace", "Account", "Deal"):
        expect(page.get_by_role("combobox", name=label, exact=True)).to_be_visible()
    # below 1600 px the People list starts folded, to give the map room; one click opens it
    toggle = page.locator("#people-toggle")
    expect(toggle).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(page.get_by_label("Find a person")).to_be_hidden()
    toggle.click()
    expect(page.get_by_label("Find a person")).to_be_visible()
    expect(page.get_by_role("tab", name="Deal")).to_have_attribute("aria-selected", "true")
    expect(page.locator("#legend")).to_contain_text("Colour · role")
    expect(page.locator("#legend")).to_contain_text("Border · stance")
    # no token on this machine, and the page says so
    expect(page.get_by_text("Single-user mode (this machine only)")).to_be_visible()
    expect(page.get_by_role("button", name="Sign out")).to_be_hidden()


def test_tabs_follow_the_arrow_keys(page: Page) -> None:
    page.goto("/")
    page.get_by_role("tab", name="Deal").focus()
    page.keyboard.press("ArrowRight")
    expect(page.get_by_role("tab", name="Person")).to_be_focused()
    expect(page.get_by_role("tab", name="Person")).to_have_attribute("aria-selected", "true")
    expect(page.locator("#person-panel")).to_be_visible()
    expect(page.locator("#deal-panel")).to_be_hidden()
