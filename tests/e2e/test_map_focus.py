"""Working on the deal's map: the influence threshold, "show who is around this person", status
at a glance (higher-status influencers, gaps on hover), and edits with pickers that tell
namesakes apart."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, expect

from tests.e2e.conftest import person_row
from tests.e2e.picker import choose_person
from tests.e2e.scenario import DEAL, Scenario, _batch, api_client
from tests.e2e.test_first_view import inside, open_demo
from tests.e2e.test_status_map import node_of, open_deal

SHOTS = Path(os.environ.get("STATUSMAP_SCREENSHOTS", "/tmp"))
# Runs in the page: the person drawn whose neighbours in the deal's scope are most often off the
# map (the one "show who is around this person" brings most people for), with their name.
MOST_AROUND = """() => {
  const app = window.statusmap;
  const { view, scopeView } = app.state;
  const around = new Map();
  for (const e of scopeView.edges) {
    for (const [a, b] of [[e.source, e.target], [e.target, e.source]]) {
      if (view.people.has(a) && !view.people.has(b) && scopeView.people.has(b)) {
        if (!around.has(a)) around.set(a, new Set());
        around.get(a).add(b);
      }
    }
  }
  const [id] = [...around.entries()]
    .sort((x, y) => y[1].size - x[1].size || (x[0] < y[0] ? -1 : 1))[0];
  return { id, name: view.people.get(id).name };
}"""
# Runs in the page: each card's rendered box and the free part of the map (right of the level
# names, below the headers), in pixels of the map.
CARDS = """() => {
  const map = window.statusmap.map;
  const cards = {};
  map.cy.nodes('.person').forEach((n) => {
    cards[n.id()] = n.renderedBoundingBox({includeLabels: false});
  });
  return { cards, view: map.viewBox(0), zoom: map.cy.zoom() };
}"""


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


def _shown_ids(page: Page) -> set[str]:
    ids: list[str] = page.evaluate("() => [...window.statusmap.state.view.people.keys()]")
    return set(ids)


def test_who_is_around_comes_into_view(screen_page: Page, demo: str) -> None:
    page = screen_page
    open_demo(page, demo)
    person: dict[str, Any] = page.evaluate(MOST_AROUND)
    # the user has zoomed in on the person (those around them would join off screen) and
    # clicks their card
    at: dict[str, float] = page.evaluate(
        """id => {
          const cy = window.statusmap.map.cy;
          const node = cy.getElementById(id);
          cy.zoom(1.4);
          cy.center(node);
          const box = document.getElementById('map').getBoundingClientRect();
          const p = node.renderedPosition();
          return {x: box.left + p.x, y: box.top + p.y};
        }""",
        person["id"],
    )
    page.mouse.click(at["x"], at["y"])
    expect(page.locator("#person-panel h2").first).to_have_text(person["name"])
    before = _shown_ids(page)
    page.locator("#person-panel").get_by_role(
        "button", name="Show who is around this person"
    ).click()
    page.wait_for_function("n => window.statusmap.state.view.people.size > n", arg=len(before))
    added = _shown_ids(page) - before
    page.wait_for_timeout(300)
    page.screenshot(path=str(SHOTS / "around-demo.png"))
    shown: dict[str, Any] = page.evaluate(CARDS)
    assert shown["zoom"] >= 0.72, "framed at a readable zoom (READABLE_ZOOM)"
    assert inside(shown["cards"][person["id"]], shown["view"]), "the person stays in view"
    outside = [i for i in added if not inside(shown["cards"][i], shown["view"])]
    assert not outside, f"{len(outside)} of {len(added)} people added are outside the view"


def open_carl_at_full_weight(page: Page, scenario: Scenario) -> None:
    """The hand-built deal with only influences of weight 1 drawn (Olivia Brandt's 0.6 on Carl
    Engel is not), and Carl Engel open."""
    open_deal(page, scenario)
    page.locator("#min-weight").focus()
    page.keyboard.press("End")
    expect(page.locator("#people-count")).to_have_text("9 of 9 people")
    person_row(page, "Carl Engel").click()


def test_around_keeps_who_was_in_view_when_all_fit(screen_page: Page, scenario: Scenario) -> None:
    page = screen_page
    open_carl_at_full_weight(page, scenario)
    page.locator("#people-toggle").click()  # the list folded again: the map has its room back
    expect(page.locator("#people-toggle")).to_have_attribute("aria-expanded", "false")
    page.wait_for_function(
        "() => { const m = window.statusmap.map; return m.cy.width() === m.container.clientWidth; }"
    )
    seen: list[str] = page.evaluate("() => window.statusmap.map.inView()")
    assert len(seen) == 9, "the nine people drawn are all in view"
    page.locator("#person-panel").get_by_role(
        "button", name="Show who is around this person"
    ).click()
    expect(page.locator("#people-count")).to_have_text("10 of 10 people")
    page.wait_for_timeout(300)
    page.screenshot(path=str(SHOTS / "around-12-person.png"))
    shown: dict[str, Any] = page.evaluate(CARDS)
    assert shown["zoom"] >= 0.72
    olivia = page.evaluate(
        "() => [...window.statusmap.state.view.people.values()]"
        ".find((p) => p.name === 'Olivia Brandt').id"
    )
    for i in [*seen, olivia]:
        assert inside(shown["cards"][i], shown["view"]), i


def test_with_two_deciders_a_card_gives_the_gap_to_each(
    screen_page: Page, scenario: Scenario, live_server: str
) -> None:
    page = screen_page
    # Olivia, the Chair (level 7), decides too, beside Fiona (level 6)
    with api_client(live_server) as client:
        _batch(
            client,
            "setBuyingCentreMember",
            "BuyingCentreMemberInput",
            [
                {
                    "workspaceId": scenario.workspace,
                    "dealId": scenario.key(DEAL),
                    "personId": scenario.key("olivia"),
                    "roles": ["DECIDER"],
                    "stance": "NEUTRAL",
                }
            ],
        )
    open_deal(page, scenario)
    page.wait_for_function("() => window.statusmap.gaps?.size > 0")
    # Ivan (level 5): the decider furthest above him first
    ivan = node_of(page, scenario, "ivan")
    page.mouse.move(ivan["x"], ivan["y"])
    tip = page.get_by_test_id("map-tip")
    expect(tip).to_contain_text("Gaps to the 2 deciders: Olivia Brandt -2, Fiona Marsh -1")
    page.screenshot(path=str(SHOTS / "gaps-two-deciders.png"))
    # Fiona decides herself: her gap to the other decider
    fiona = node_of(page, scenario, "fiona")
    page.mouse.move(fiona["x"], fiona["y"])
    expect(tip).to_contain_text("A decider · gap to the other decider Olivia Brandt: -1")
    page.mouse.click(fiona["x"], fiona["y"])
    expect(page.get_by_test_id("person-gaps")).to_contain_text(
        "A decider · gap to the other decider Olivia Brandt: -1"
    )
