"""A disputed influence on the map: when two observers' reports of a tie disagree, the API marks
it disputed; the map draws that line apart (dashed, amber), the legend names it, and hovering or
selecting the line says who reported what, as the API gives it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.scenario import Scenario, _batch, api_client
from tests.e2e.test_first_view import inside, overlap
from tests.e2e.test_status_map import node_of, open_deal

SHOTS = Path(os.environ.get("STATUSMAP_SCREENSHOTS", "/tmp"))
# A point a quarter along a line from its source, in page coordinates.
LINE = """id => {
  const edge = window.statusmap.map.cy.getElementById(id);
  const [s, t] = [edge.renderedSourceEndpoint(), edge.renderedTargetEndpoint()];
  const box = document.getElementById('map').getBoundingClientRect();
  return {x: box.left + (3 * s.x + t.x) / 4, y: box.top + (3 * s.y + t.y) / 4};
}"""


# The middle of a line, in page coordinates.
MIDDLE = """id => {
  const m = window.statusmap.map.cy.getElementById(id).renderedMidpoint();
  const box = document.getElementById('map').getBoundingClientRect();
  return {x: box.left + m.x, y: box.top + m.y};
}"""
# The tip's box, the cards at both ends of line `id` and the map, in page coordinates.
TIP_AND_ENDS = """id => {
  const edge = window.statusmap.map.cy.getElementById(id);
  const map = document.getElementById('map').getBoundingClientRect();
  const page = (b) => ({x1: map.left + b.x1, x2: map.left + b.x2,
                        y1: map.top + b.y1, y2: map.top + b.y2});
  const tip = document.querySelector('[data-testid=map-tip]').getBoundingClientRect();
  return {
    tip: {x1: tip.left, x2: tip.right, y1: tip.top, y2: tip.bottom},
    ends: [edge.source(), edge.target()]
      .map((n) => page(n.renderedBoundingBox({includeLabels: false}))),
    map: {x1: map.left, x2: map.right, y1: map.top, y2: map.bottom},
  };
}"""


def assert_tip_clear_of_the_ends(page: Page, line: str) -> None:
    placed = page.evaluate(TIP_AND_ENDS, line)
    for end in placed["ends"]:
        assert not overlap(placed["tip"], end), "the tip covers a card at the line's end"
    assert inside(placed["tip"], placed["map"]), "the tip leaves the map"


@pytest.fixture
def page(screen_page: Page) -> Page:
    """The page at 1440x900, where the deal's first view shows Carl and Fiona."""
    return screen_page


def test_a_disputed_influence_is_marked_and_says_who_reported_what(
    page: Page, scenario: Scenario, live_server: str
) -> None:
    # Carl's influence on Fiona was recorded at 0.8 by the user; Hanna (ours) reports 0.2
    with api_client(live_server) as client:
        _batch(
            client,
            "upsertInfluence",
            "UpsertInfluenceInput",
            [
                {
                    "workspaceId": scenario.workspace,
                    "sourceId": scenario.key("carl"),
                    "targetId": scenario.key("fiona"),
                    "weight": 0.2,
                    "kind": "ADVICE",
                    "reportedBy": scenario.key("hanna"),
                }
            ],
        )
    open_deal(page, scenario)
    carl, fiona = node_of(page, scenario, "carl"), node_of(page, scenario, "fiona")
    disputed = f"influence:{carl['id']}>{fiona['id']}"
    page.wait_for_function(
        f"() => window.statusmap.map.cy.getElementById('{disputed}').hasClass('disputed')"
    )
    # only that tie is disputed: Olivia's influence on Carl was reported once
    classes = page.evaluate(
        "() => window.statusmap.map.cy.edges('.influence')"
        ".map((e) => [e.id(), e.hasClass('disputed')])"
    )
    assert [i for i, d in classes if d] == [disputed]
    expect(page.locator("#legend")).to_contain_text("disputed influence")

    # hover: the tip names both ends, each observer's report and the median the API weighed
    line = page.evaluate(LINE, disputed)
    page.mouse.move(line["x"], line["y"] - 40)
    page.mouse.move(line["x"], line["y"])
    tip = page.get_by_test_id("map-tip")
    expect(tip).to_be_visible()
    expect(tip).to_contain_text("Disputed: Carl Engel → Fiona Marsh")
    expect(tip).to_contain_text("Hanna Berg 0.20")
    expect(tip).to_contain_text("0.80")
    expect(tip).to_contain_text("weighed by their median 0.50")
    assert_tip_clear_of_the_ends(page, disputed)
    page.screenshot(path=str(SHOTS / "disputed-line-hover.png"))
    page.mouse.move(line["x"], line["y"] - 40)
    expect(tip).to_be_hidden()

    # selection: a click selects the line; the tip stays while it is selected, then goes
    page.mouse.click(line["x"], line["y"])
    page.wait_for_function(f"() => window.statusmap.map.cy.getElementById('{disputed}').selected()")
    page.mouse.move(line["x"], line["y"] - 40)
    expect(tip).to_contain_text("Hanna Berg 0.20")
    page.evaluate("() => window.statusmap.map.cy.edges().unselect()")
    expect(tip).to_be_hidden()

    # Fiona's reporting line joins the same two cards: each line is drawn beside the other, so
    # the pointer reaches either at its own middle
    reports = f"reports:{fiona['id']}>{carl['id']}"
    assert page.evaluate(f"() => window.statusmap.map.cy.getElementById('{reports}').nonempty()")
    middle = page.evaluate(MIDDLE, disputed)
    page.mouse.move(middle["x"], middle["y"] - 40)
    page.mouse.move(middle["x"], middle["y"])
    expect(tip).to_contain_text("Disputed: Carl Engel → Fiona Marsh")
    assert_tip_clear_of_the_ends(page, disputed)
    page.screenshot(path=str(SHOTS / "disputed-line-middle.png"))
    page.mouse.click(middle["x"], middle["y"])
    page.wait_for_function(f"() => window.statusmap.map.cy.getElementById('{disputed}').selected()")
    page.evaluate("() => window.statusmap.map.cy.edges().unselect()")
    middle = page.evaluate(MIDDLE, reports)
    page.mouse.click(middle["x"], middle["y"])
    page.wait_for_function(f"() => window.statusmap.map.cy.getElementById('{reports}').selected()")


def test_a_disputed_tie_away_from_the_members_is_marked_too(
    page: Page, scenario: Scenario, live_server: str
) -> None:
    # Nora (a board member, in no buying centre) moves Olivia, who moves Carl and Fiona: a line
    # two steps from the members, which the map draws from the deal's influence map
    nora = scenario.key("nora")
    with api_client(live_server) as client:
        person = {
            "id": nora,
            "name": "Nora Quist",
            "title": "Board member",
            "department": "Board",
            "organisationId": scenario.key("northwind"),
            "levelRank": 7,
        }
        _batch(
            client,
            "upsertPeople",
            "UpsertPeopleInput",
            [{"workspaceId": scenario.workspace, "people": [person]}],
        )
        tie = {
            "workspaceId": scenario.workspace,
            "sourceId": nora,
            "targetId": scenario.key("olivia"),
            "kind": "SPONSOR",
        }
        _batch(
            client,
            "upsertInfluence",
            "UpsertInfluenceInput",
            [{**tie, "weight": 0.9}, {**tie, "weight": 0.3, "reportedBy": scenario.key("hanna")}],
        )
    open_deal(page, scenario)
    olivia = node_of(page, scenario, "olivia")
    # "show who is around" Olivia brings Nora and the line between them
    page.evaluate("id => window.statusmap.expand(id)", olivia["id"])
    page.wait_for_function(
        "key => [...window.statusmap.state.view.people.values()].some((p) => p.key === key)",
        arg=nora,
    )
    nora_id = page.evaluate(
        "key => [...window.statusmap.state.view.people.values()].find((p) => p.key === key).id",
        nora,
    )
    line = f"influence:{nora_id}>{olivia['id']}"
    page.wait_for_function(
        f"() => window.statusmap.map.cy.getElementById('{line}').hasClass('disputed')"
    )
    # it is not a line of any member's influencers, which the deal's own query gives
    members = page.evaluate(
        "() => [...window.statusmap.state.view.people.values()]"
        ".filter((p) => p.member).map((p) => p.id)"
    )
    assert nora_id not in members and olivia["id"] not in members
    # the tip says who reported what, as the API gives it
    page.evaluate(f"() => window.statusmap.map.cy.getElementById('{line}').select()")
    tip = page.get_by_test_id("map-tip")
    expect(tip).to_contain_text("Disputed: Nora Quist → Olivia Brandt")
    expect(tip).to_contain_text("Hanna Berg 0.30")
    expect(tip).to_contain_text("0.90")
    expect(tip).to_contain_text("weighed by their median 0.60")
    page.screenshot(path=str(SHOTS / "disputed-line-away-from-members.png"))
