"""The demo deal's first view, read through the page's own Cytoscape instance: the buying centre
in sight, readable cards that do not overlap, a bounded number of people and lines, no line
through a card it does not connect, the level names in sight, and plan routes as the API says."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.demo_workspace import DEMO_DEAL
from tests.e2e.scenario import api_client

# Runs in the page: what the first view shows, in rendered (screen) pixels of the map.
FIRST_VIEW = """() => {
  const app = window.statusmap;
  const cy = app.map.cy;
  const inset = app.map.axis.inset();
  const view = {x1: inset.left, y1: inset.top, x2: cy.width(), y2: cy.height()};
  const box = (n, labels) => n.renderedBoundingBox({includeNodes: !labels, includeLabels: labels,
                                                     includeEdges: false, includeOverlays: false});
  const people = cy.nodes('.person').map((n) => ({
    id: n.id(), key: app.state.view.people.get(n.id()).key, name: n.data('label').split('\\n')[0],
    member: app.state.view.people.get(n.id()).member, card: box(n, false), label: box(n, true),
  }));
  const lines = cy.edges().map((e) => ({
    id: e.id(), source: e.source().id(), target: e.target().id(),
    points: [e.sourceEndpoint(), ...(e.segmentPoints() || []), e.targetEndpoint()],
  }));
  const cards = cy.nodes('.person').map((n) => ({
    id: n.id(), box: n.boundingBox({includeLabels: false}),
  }));
  return {view, people, lines, cards, zoom: cy.zoom()};
}"""

PLAN = """
query($w: ID!, $d: ID!) { workspace(id: $w) { deal(id: $d) {
  approachPlan { personKey introPath route { text } framing { text } reasons }
} } }
"""


@pytest.fixture
def page(screen_page: Page) -> Page:
    """The page at 1440x900, the screen the first view is checked for."""
    return screen_page


def inside(box: dict[str, float], view: dict[str, float]) -> bool:
    return (
        box["x1"] >= view["x1"] - 1
        and box["x2"] <= view["x2"] + 1
        and box["y1"] >= view["y1"] - 1
        and box["y2"] <= view["y2"] + 1
    )


def overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return a["x1"] < b["x2"] and b["x1"] < a["x2"] and a["y1"] < b["y2"] and b["y1"] < a["y2"]


def crosses(p: dict[str, float], q: dict[str, float], box: dict[str, float]) -> bool:
    """Does the segment p→q pass through the inside of `box` (shrunk by a pixel)?"""
    x1, y1, x2, y2 = box["x1"] + 1, box["y1"] + 1, box["x2"] - 1, box["y2"] - 1
    t0, t1 = 0.0, 1.0
    dx, dy = q["x"] - p["x"], q["y"] - p["y"]
    for a, b in ((-dx, p["x"] - x1), (dx, x2 - p["x"]), (-dy, p["y"] - y1), (dy, y2 - p["y"])):
        if a == 0:
            if b < 0:
                return False
        else:
            t = b / a
            if a < 0:
                t0 = max(t0, t)
            else:
                t1 = min(t1, t)
            if t0 > t1:
                return False
    return True


def open_demo(page: Page, demo: str) -> dict[str, Any]:
    page.goto(f"/#workspace={demo}")
    expect(page.locator("#deal-panel h2")).to_have_text(DEMO_DEAL, timeout=60_000)
    expect(page.get_by_test_id("step-route").first).to_be_visible()
    shown: dict[str, Any] = page.evaluate(FIRST_VIEW)
    return shown


def test_the_demo_deal_opens_on_its_buying_centre(page: Page, demo: str) -> None:
    shown = open_demo(page, demo)
    people, view = shown["people"], shown["view"]
    members = [p for p in people if p["member"]]
    assert len(members) == 4
    for m in members:
        assert inside(m["card"], view), f"{m['name']} is outside the first view"
    assert len(people) <= 60
    assert len(shown["lines"]) <= 150
    assert shown["zoom"] >= 0.7, "the first view is zoomed out past reading"

    in_view = [p for p in people if overlap(p["label"], view)]
    for i, a in enumerate(in_view):
        for b in in_view[i + 1 :]:
            assert not overlap(a["label"], b["label"]), f"{a['name']} and {b['name']} overlap"


def test_no_line_passes_through_a_card_it_does_not_connect(page: Page, demo: str) -> None:
    shown = open_demo(page, demo)
    for line in shown["lines"]:
        pts = line["points"]
        for card in shown["cards"]:
            if card["id"] in (line["source"], line["target"]):
                continue
            for p, q in itertools.pairwise(pts):
                assert not crosses(p, q, card["box"]), f"{line['id']} passes through {card['id']}"


def test_level_names_stay_in_sight_on_pan_and_zoom(page: Page, demo: str) -> None:
    open_demo(page, demo)
    axis = page.get_by_test_id("ladder-axis")
    expect(axis).to_contain_text("VP / head of")
    page.evaluate("() => { const c = window.statusmap.map.cy; c.zoom(0.4); c.panBy({x: -900}); }")
    # the names of the levels stay at the map's left edge, whole, wherever the map was moved
    box = axis.bounding_box()
    map_box = page.locator("#map").bounding_box()
    assert box is not None and map_box is not None
    assert abs(box["x"] - map_box["x"]) < 1
    label = axis.locator(".axis-band[data-rank='5'] .axis-label")
    expect(label).to_contain_text("VP / head of")
    scroll = label.evaluate("el => [el.scrollWidth, el.clientWidth]")
    assert scroll[0] <= scroll[1], "the level name is cut off"


def test_every_plan_step_shows_the_apis_route(page: Page, demo: str, live_server: str) -> None:
    open_demo(page, demo)
    deal_id = page.evaluate("() => window.statusmap.state.dealId")
    with api_client(live_server) as client:
        body = client.post(
            "/graphql", json={"query": PLAN, "variables": {"w": demo, "d": deal_id}}
        ).json()
    deal = body["data"]["workspace"]["deal"]
    expected = [s["route"]["text"] for s in deal["approachPlan"]]
    assert expected, "the demo deal has an approach plan"
    assert page.get_by_test_id("step-route").all_inner_texts() == expected
    # each step says its route once (the reasons do not repeat it)
    texts = page.locator(".plan-step").all_inner_texts()
    for route, text in zip(expected, texts, strict=True):
        assert text.count(route) == 1, text
    for step in deal["approachPlan"]:
        assert step["route"]["text"] not in step["reasons"]
    framings = [s["framing"]["text"] for s in deal["approachPlan"] if s["framing"]["text"]]
    assert page.get_by_test_id("step-framing").all_inner_texts() == framings

    # Choosing a step draws its route, dims the rest and keeps every name on it readable.
    steps = page.locator(".plan-step")
    for i, step in enumerate(deal["approachPlan"]):
        steps.nth(i).click()
        drawn = page.evaluate(
            """() => {
              const cy = window.statusmap.map.cy;
              const box = {x1: 0, y1: 0, x2: cy.width(), y2: cy.height()};
              const on = cy.nodes('.person.on-path').map((n) => {
                const b = n.renderedBoundingBox({includeLabels: false});
                return {key: window.statusmap.state.view.people.get(n.id()).key,
                        inView: b.x1 >= box.x1 && b.x2 <= box.x2
                                && b.y1 >= box.y1 && b.y2 <= box.y2};
              });
              return {on, zoom: cy.zoom(), faded: cy.nodes('.person.faded').length};
            }"""
        )
        assert sorted(p["key"] for p in drawn["on"]) == sorted(step["introPath"])
        assert all(p["inView"] for p in drawn["on"])
        assert drawn["zoom"] >= 0.7
        assert drawn["faded"] > 0
