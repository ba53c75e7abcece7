"""The whole-account view (an account open, no deal chosen) reads at first sight on a 1280x720
screen as on a 1440x900 one: its most influential people, our and partners' people who know
them, and every folded department's count (in its column's header, or a chip under the bands
when nobody of it is on the map) are in the first view, at a readable zoom, with no two labels
overlapping; one click on a count opens its department. Each case prints what it shows."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, expect

from tests.e2e.conftest import SCREEN, watched_page
from tests.e2e.scenario import Scenario
from tests.e2e.test_first_view import inside, open_demo, overlap
from tests.e2e.test_small_screen import assert_titles
from tests.e2e.test_status_map import open_deal

SHOTS = Path(os.environ.get("STATUSMAP_SCREENSHOTS", "/tmp"))
SMALL: ViewportSize = {"width": 1280, "height": 720}
# What the whole-account view shows, through the page's own Cytoscape instance, in rendered
# pixels of the map: cards and labels, the account's most influential customers drawn (as the
# view ranks them), our and partners' people, and each folded department's count where it is.
ACCOUNT_VIEW = """() => {
  const app = window.statusmap;
  const map = app.map;
  const cy = map.cy;
  const inset = map.axis.inset();
  const view = {x1: inset.left, y1: inset.top, x2: cy.width(), y2: cy.height()};
  const box = (n, labels) => n.renderedBoundingBox({includeNodes: !labels, includeLabels: labels,
                                                     includeEdges: false, includeOverlays: false});
  const people = [...app.state.view.people.values()];
  const drawn = people.map((p) => {
    const n = cy.getElementById(p.id);
    return {id: p.id, name: p.name, side: p.side, rank: p.influenceRank ?? 0,
            card: box(n, false), label: box(n, true)};
  });
  const page = document.getElementById('map').getBoundingClientRect();
  const counts = app.state.view.collapsed.map((f) => {
    const chip = cy.getElementById(f.id);
    if (chip.nonempty()) {
      return {group: f.groupKey, count: f.count, chip: true, box: box(chip, true)};
    }
    const head = document.querySelector(
      `[data-testid=folded-count][data-group="${CSS.escape(f.groupKey)}"]`);
    if (!head) return {group: f.groupKey, count: f.count, chip: false, box: null};
    const b = head.getBoundingClientRect();
    return {group: f.groupKey, count: f.count, chip: false, said: head.textContent,
            box: {x1: b.left - page.left, x2: b.right - page.left,
                  y1: b.top - page.top, y2: b.bottom - page.top}};
  });
  return {view, people: drawn, counts, zoom: cy.zoom(), lines: cy.edges().length,
          top: app.state.view.people.size};
}"""


@pytest.fixture(params=[SCREEN, SMALL], ids=lambda s: f"{s['width']}x{s['height']}")
def page(request: pytest.FixtureRequest, browser: Browser, live_server: str) -> Iterator[Page]:
    with watched_page(browser, live_server, viewport=request.param) as pg:
        yield pg


def count_in_view(c: dict[str, Any], view: dict[str, float]) -> bool:
    """A chip wholly inside the map's free part; a header's count above a column in sight."""
    if not c["box"]:
        return False
    if c["chip"]:
        return inside(c["box"], view)
    return bool(c["box"]["x1"] >= view["x1"] - 1 and c["box"]["x2"] <= view["x2"] + 1)


def open_account(page: Page) -> None:
    """From the deal open, the whole account: no deal chosen."""
    page.select_option("#deal", "")
    page.wait_for_function(
        "() => window.statusmap.state.view && !window.statusmap.state.view.deal", timeout=60_000
    )
    expect(page.locator("#app-status")).to_contain_text("Account loaded", timeout=60_000)
    page.wait_for_timeout(300)


def account_view(page: Page, name: str) -> dict[str, Any]:
    """What the account's first view shows, printed, after a screenshot of it."""
    size = page.viewport_size or {"width": 0, "height": 0}
    page.screenshot(path=str(SHOTS / f"account-{name}-{size['width']}x{size['height']}.png"))
    shown: dict[str, Any] = page.evaluate(ACCOUNT_VIEW)
    view = shown["view"]
    seen = [p for p in shown["people"] if inside(p["card"], view)]
    shown["seen"] = {p["id"] for p in seen}
    shown["overlaps"] = [
        (a["name"], b["name"])
        for i, a in enumerate(seen)
        for b in seen[i + 1 :]
        if overlap(a["label"], b["label"])
    ]
    counts_seen = [c for c in shown["counts"] if count_in_view(c, view)]
    print(
        f"account {name} at {size['width']}x{size['height']}: {len(shown['people'])} people and "
        f"{shown['lines']} lines drawn, {len(seen)} people in view, "
        f"{len(counts_seen)} of {len(shown['counts'])} department counts in view, zoom "
        f"{shown['zoom']:.3f}, {len(shown['overlaps'])} label overlaps"
    )
    return shown


def assert_reads_whole(shown: dict[str, Any]) -> None:
    view = shown["view"]
    assert shown["zoom"] >= 0.72, "a readable zoom (READABLE_ZOOM)"
    assert not shown["overlaps"], shown["overlaps"]
    customers = sorted(
        (p for p in shown["people"] if p["side"] == "customer"), key=lambda p: -p["rank"]
    )
    top = customers[:12]
    assert top, "the account's most influential people are drawn"
    missing = [p["name"] for p in top if p["id"] not in shown["seen"]]
    assert not missing, f"most influential out of view: {missing}"
    ours_out = [
        p["name"]
        for p in shown["people"]
        if p["side"] != "customer" and p["id"] not in shown["seen"]
    ]
    assert not ours_out, f"our and partners' people out of view: {ours_out}"
    for c in shown["counts"]:
        assert count_in_view(c, view), c
        if not c["chip"]:
            assert f"{c['count']} more" in c["said"], c


def test_the_demo_account_reads_whole_at_first_sight(page: Page, demo: str) -> None:
    open_demo(page, demo)
    open_account(page)
    shown = account_view(page, "demo")
    assert_reads_whole(shown)
    # titles whole where the height allows their second line (1440x900), else cut by the rule
    size = page.viewport_size or {"width": 0, "height": 0}
    assert_titles(page, whole=size["height"] >= 900)
    assert shown["counts"], "the demo account folds departments"
    headed = [c for c in shown["counts"] if not c["chip"]]
    chips = [c for c in shown["counts"] if c["chip"]]
    assert headed and chips, "counts both in headers and as chips on the demo account"

    # one click on a header's count opens its department
    before = len(shown["people"])
    group = headed[0]
    page.locator(f'[data-testid=folded-count][data-group="{group["group"]}"]').click()
    page.wait_for_function(
        f"() => window.statusmap.state.view.people.size === {before + group['count']}"
    )
    assert page.evaluate(
        "g => !window.statusmap.state.view.collapsed.some((f) => f.groupKey === g)", group["group"]
    )


def test_the_hand_built_account_reads_whole_at_first_sight(page: Page, scenario: Scenario) -> None:
    open_deal(page, scenario)
    open_account(page)
    shown = account_view(page, "scenario")
    assert_reads_whole(shown)
    assert_titles(page, whole=True)
    assert len(shown["seen"]) == len(shown["people"]), "all of a small account in view"
