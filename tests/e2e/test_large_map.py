"""A 2,000-person account: the deal's map draws the deal (not the account), the whole-account
view opens folded, and both stay usable.

Prints how long the first drawing took and the frame times while panning and zooming (no timed
assertions: the figures depend on the machine; `pytest -s` is not needed to see them;
benchmarks/map_browser.py measures them at 5,000 people).
"""

from __future__ import annotations

import statistics
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.large_account import DEAL_NAME, LargeAccount, build_large_account

# Runs in the page: the time of one full drawing of the map at rest, at the current zoom.
FULL_DRAW = """() => new Promise((resolve) => setTimeout(() => {
  const renderer = window.statusmap.map.cy.renderer();
  renderer.redrawHint('eles', true);
  renderer.redrawHint('drag', true);
  const t = performance.now();
  renderer.render();
  resolve(performance.now() - t);
}, 400))"""

# Frame gaps (requestAnimationFrame to requestAnimationFrame) while the user drags or scrolls.
START_FRAMES = """() => {
  const frames = (window.statusmapFrames = []);
  const tick = (t) => {
    frames.push(t);
    if (window.statusmapFrames === frames) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}"""
STOP_FRAMES = """() => {
  const frames = window.statusmapFrames;
  window.statusmapFrames = null;
  return frames.slice(1).map((t, i) => t - frames[i]);
}"""


def _map_centre(page: Page) -> tuple[float, float]:
    box = page.locator("#map").bounding_box()
    assert box is not None
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def drag_frames(page: Page) -> list[float]:
    """Pan by dragging the background back and forth, as a user does."""
    x, y = _map_centre(page)
    page.evaluate(START_FRAMES)
    for dx in (160, -160, 160):
        page.mouse.move(x, y)
        page.mouse.down()
        page.mouse.move(x + dx, y + dx / 3, steps=25)
        page.mouse.up()
    gaps: list[float] = page.evaluate(STOP_FRAMES)
    return gaps


def wheel_frames(page: Page) -> list[float]:
    """Zoom in and out with the mouse wheel."""
    x, y = _map_centre(page)
    page.mouse.move(x, y)
    page.evaluate(START_FRAMES)
    for dy in [-120] * 12 + [120] * 12:
        page.mouse.wheel(0, dy)
        page.wait_for_timeout(20)
    gaps: list[float] = page.evaluate(STOP_FRAMES)
    return gaps


@pytest.fixture(scope="module")
def large(live_server: str) -> LargeAccount:
    return build_large_account(live_server)


def _spread(gaps: list[float]) -> str:
    ordered = sorted(gaps)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    return f"median {statistics.median(ordered):5.1f} ms, p95 {p95:5.1f} ms"


def test_a_large_account_opens_on_the_deal_and_folds_the_rest(
    page: Page, large: LargeAccount, capsys: pytest.CaptureFixture[str]
) -> None:
    page.goto(f"/#workspace={large.workspace}")
    expect(page.locator("#deal-panel h2")).to_have_text(DEAL_NAME, timeout=120_000)
    expect(page.get_by_test_id("step-route").first).to_be_visible(timeout=120_000)
    drawn = page.evaluate(
        """() => {
          const app = window.statusmap;
          const people = [...app.state.view.people.values()];
          return {people: app.map.cy.nodes('.person').length,
                  members: people.filter((p) => p.member).length,
                  lines: app.map.cy.edges().length};
        }"""
    )
    assert drawn["members"] == 12
    assert drawn["people"] <= 60
    assert drawn["lines"] <= 150

    first: dict[str, Any] = page.evaluate("() => window.statusmap.map.lastDraw")
    answers = page.evaluate("() => window.statusmap.timings")
    page.get_by_role("button", name="Fit all").click()
    whole = {
        "draw": page.evaluate(FULL_DRAW),
        "drag": drag_frames(page),
        "wheel": wheel_frames(page),
    }
    with capsys.disabled():
        print(
            f"\n{first['people']} people, {first['elements']} map elements; first drawing "
            f"{first['at']:.0f} ms after navigation (deal {answers.get('mapDataMs', 0):.0f} ms, "
            f"analytics {answers.get('analyticsMs', 0):.0f} ms, building the map "
            f"{first['buildMs']:.0f} ms, to first frame {first['firstFrameMs']:.0f} ms)"
        )
        print(
            f"  whole map: full redraw {whole['draw']:.0f} ms; frames dragging "
            f"{_spread(whole['drag'])}; wheel zooming {_spread(whole['wheel'])}"
        )

    # Still interactive: a click on a member of the buying centre opens their panel.
    at = page.evaluate(
        """name => {
          const app = window.statusmap;
          const person = [...app.state.view.people.values()].find((p) => p.name === name);
          const node = app.map.cy.getElementById(person.id);
          app.map.cy.center(node);
          const box = document.getElementById('map').getBoundingClientRect();
          const p = node.renderedPosition();
          return {x: box.left + p.x, y: box.top + p.y};
        }""",
        large.member_name,
    )
    page.mouse.click(at["x"], at["y"])
    expect(page.get_by_role("tab", name="Person")).to_have_attribute("aria-selected", "true")
    expect(page.locator("#person-panel h2")).to_have_text(large.member_name)

    # The whole account opens folded: its most influential people, each department as a count.
    page.select_option("#deal", "")
    page.get_by_role("tab", name="Deal").click()
    expect(page.get_by_test_id("icp-fit")).to_be_visible(timeout=120_000)
    expect(page.get_by_test_id("account-influential").locator("li")).to_have_count(10)
    # (a department with somebody on the map says its count in its column's header; one with
    # nobody is a chip under the bands)
    folded = page.evaluate(
        """() => {
          const cy = window.statusmap.map.cy;
          const chips = cy.nodes('.collapsed').map((n) => n.data('count'));
          const heads = [...document.querySelectorAll('[data-testid=folded-count]')]
            .map((el) => Number(el.dataset.count));
          const counts = [...chips, ...heads];
          return {people: cy.nodes('.person').length, departments: counts.length,
                  chips: chips.length, inFolds: counts.reduce((a, b) => a + b, 0)};
        }"""
    )
    assert folded["people"] <= 12 + 7
    assert folded["departments"] >= 12
    assert folded["chips"], "departments with nobody on the map are chips"
    customers_shown = page.evaluate(
        "() => window.statusmap.map.cy.nodes('.person.side-customer').length"
    )
    assert customers_shown + folded["inFolds"] == large.people
    # a department opens with a click on its card
    page.evaluate("() => { const cy = window.statusmap.map.cy; cy.center(cy.$('.collapsed')[0]); }")
    target = page.evaluate(
        """() => {
          const node = window.statusmap.map.cy.nodes('.collapsed').first();
          const box = document.getElementById('map').getBoundingClientRect();
          const p = node.renderedPosition();
          return {x: box.left + p.x, y: box.top + p.y};
        }"""
    )
    page.mouse.click(target["x"], target["y"])
    page.wait_for_function(
        f"() => window.statusmap.map.cy.nodes('.person').length > {folded['people']}"
    )
