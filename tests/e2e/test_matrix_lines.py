"""A second manager is a matrix line: added from the person panel, the API decides it (the rule
of graph/rules/reporting.py), the panel shows both lines with their kind, and the map draws the
matrix line dashed, as its legend says."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from tests.e2e.conftest import person_row
from tests.e2e.picker import choose_person
from tests.e2e.scenario import Scenario
from tests.e2e.test_status_map import node_of, open_deal

EDGE = """id => { const e = window.statusmap.map.cy.getElementById(id);
  return e.nonempty() ? {matrix: e.hasClass('matrix'), style: e.style('line-style')} : null; }"""


def test_a_second_manager_is_drawn_as_a_matrix_line(
    page: Page, scenario: Scenario, tmp_path: Path
) -> None:
    open_deal(page, scenario)
    fiona, carl = node_of(page, scenario, "fiona"), node_of(page, scenario, "carl")
    solid = f"reports:{fiona['id']}>{carl['id']}"
    assert page.evaluate(EDGE, solid) == {"matrix": False, "style": "solid"}
    legend = page.locator("#legend")
    expect(legend).to_contain_text("matrix line (2nd manager)")

    person_row(page, "Ivan Novak").click()
    panel = page.locator("#person-panel")
    lines = panel.get_by_test_id("manager-lines")
    expect(lines.locator("li")).to_have_count(1)
    expect(lines.locator("li").first).to_contain_text("Fiona Marsh")
    expect(lines.locator("li").first).to_contain_text("solid line")

    # Carl becomes his second manager: a matrix line, as nothing else was said
    choose_person(
        panel.locator("#new-manager"), "Carl Engel — Chief Executive Officer · Northwind Logistics"
    )
    panel.get_by_role("button", name="Add reporting line").click()
    expect(lines.locator("li")).to_have_count(2)
    carl_line = lines.locator("li", has_text="Carl Engel")
    expect(carl_line).to_contain_text("matrix line")
    expect(carl_line).to_have_attribute("data-line", "matrix")
    expect(lines.locator("li", has_text="Fiona Marsh")).to_have_attribute("data-line", "solid")
    ivan = node_of(page, scenario, "ivan")
    matrix = f"reports:{ivan['id']}>{carl['id']}"
    page.wait_for_function(f"() => window.statusmap.map.cy.getElementById('{matrix}').nonempty()")
    assert page.evaluate(EDGE, matrix) == {"matrix": True, "style": "dashed"}
    assert page.evaluate(EDGE, solid) == {"matrix": False, "style": "solid"}
    lines.scroll_into_view_if_needed()
    page.get_by_role("button", name="Fit all").click()
    page.screenshot(path=str(tmp_path / "matrix-line.png"))

    # said otherwise: Derek's second manager as a solid line
    person_row(page, "Derek Holt").click()
    choose_person(
        panel.locator("#new-manager"), "Fiona Marsh — Chief Financial Officer · Northwind Logistics"
    )
    panel.get_by_label("Line", exact=True).select_option(label="solid line")
    panel.get_by_role("button", name="Add reporting line").click()
    derek_lines = panel.get_by_test_id("manager-lines").locator("li")
    expect(derek_lines).to_have_count(2)
    expect(derek_lines.filter(has_text="Fiona Marsh")).to_have_attribute("data-line", "solid")
