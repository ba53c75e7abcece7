"""The demo deal's first view on a 1280x720 screen as on a 1440x900 one, with the People list
folded and open: the whole buying centre and the people on its routes in are in view at a
readable zoom, no two labels in view overlap; in a window under 760 px high the legend folds to
one button (which opens it), and under 1366 px wide the pickers narrow so that the top bar stays
one row. Each case prints what it shows (people and lines drawn, people in view, zoom)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, expect

from tests.e2e.conftest import SCREEN, watched_page
from tests.e2e.test_first_view import FIRST_VIEW, inside, open_demo, overlap

SHOTS = Path(os.environ.get("STATUSMAP_SCREENSHOTS", "/tmp"))
SMALL: ViewportSize = {"width": 1280, "height": 720}
ROUTES = """() => [...window.statusmap.state.view.people.values()]
  .filter((p) => p.member || p.onRoute).map((p) => ({id: p.id, member: Boolean(p.member)}))"""


# The cards whose title (else organisation) the map shows cut, and whether the drawing's cards
# were narrowed to fit and given a second title line.
CUT_TITLES = """() => {
  const app = window.statusmap;
  const layout = app.map.layout;
  const lines = layout.tall ? 2 : 1;
  const cut = app.map.cy.nodes('.person').filter((n) => {
    const p = app.state.view.people.get(n.id());
    const title = p.title || p.organisation?.name || '';
    const shown = n.data('label').split('\\n');
    return ![1, lines].some((k) => shown.slice(1, 1 + k).join(' ') === title);
  }).map((n) => app.state.view.people.get(n.id()).name);
  return {cut, narrowed: layout.narrowed, tall: layout.tall};
}"""


def assert_titles(page: Page, whole: bool) -> list[str]:
    """No card's title cut (`whole`), or cut only by the stated rule: a title is cut only on a
    card narrowed below its own width so that the drawing reads whole, where a second title line
    would not fit (its full text is on hover). Returns the cut titles' people."""
    shown: dict[str, Any] = page.evaluate(CUT_TITLES)
    if whole:
        assert not shown["cut"], f"cut titles: {shown['cut']}"
    elif shown["cut"]:
        assert shown["narrowed"] and not shown["tall"], shown
    cut: list[str] = shown["cut"]
    print(f"  {len(cut)} cut titles{' (cards narrowed to fit)' if shown['narrowed'] else ''}")
    return cut


@pytest.fixture(params=[SCREEN, SMALL], ids=lambda s: f"{s['width']}x{s['height']}")
def page(request: pytest.FixtureRequest, browser: Browser, live_server: str) -> Iterator[Page]:
    with watched_page(browser, live_server, viewport=request.param) as pg:
        yield pg


def first_view(page: Page, name: str) -> dict[str, Any]:
    """What the view shows, printed, after a screenshot of it."""
    size = page.viewport_size or {"width": 0, "height": 0}
    page.wait_for_timeout(300)
    page.screenshot(path=str(SHOTS / f"demo-{name}-{size['width']}x{size['height']}.png"))
    shown: dict[str, Any] = page.evaluate(FIRST_VIEW)
    view = shown["view"]
    seen = [p for p in shown["people"] if inside(p["card"], view)]
    labels = [p for p in shown["people"] if overlap(p["label"], view)]
    shown["overlaps"] = [
        (a["name"], b["name"])
        for i, a in enumerate(labels)
        for b in labels[i + 1 :]
        if overlap(a["label"], b["label"])
    ]
    shown["seen"] = {p["id"] for p in seen}
    print(
        f"demo {name} at {size['width']}x{size['height']}: {len(shown['people'])} people and "
        f"{len(shown['lines'])} lines drawn, {len(seen)} people in view, zoom "
        f"{shown['zoom']:.3f}, {len(shown['overlaps'])} label overlaps"
    )
    return shown


def assert_readable(page: Page, shown: dict[str, Any]) -> None:
    assert shown["zoom"] >= 0.72, "a readable zoom (READABLE_ZOOM)"
    assert not shown["overlaps"], shown["overlaps"]
    key: list[dict[str, Any]] = page.evaluate(ROUTES)
    missing = [p["id"] for p in key if p["id"] not in shown["seen"]]
    assert not missing, f"{len(missing)} of the buying centre and its routes out of view"


def test_the_demo_reads_whole_at_first_sight(page: Page, demo: str) -> None:
    open_demo(page, demo)
    size = page.viewport_size or {"width": 0, "height": 0}
    short = size["height"] < 760
    legend = page.locator("#legend")
    toggle = legend.get_by_role("button", name="Legend")
    if short:
        expect(toggle).to_be_visible()
        expect(legend.locator(".legend-group").first).to_be_hidden()
    else:
        expect(toggle).to_be_hidden()
        expect(legend.locator(".legend-group").first).to_be_visible()
    # the pickers sit on one row, beside the title
    boxes = [page.locator(f"#{i}").bounding_box() for i in ["workspace", "account", "deal"]]
    assert all(boxes) and len({round(b["y"]) for b in boxes if b}) == 1, boxes
    assert_readable(page, first_view(page, "people-folded"))
    assert_titles(page, whole=True)

    page.locator("#people-toggle").click()
    expect(page.get_by_label("Find a person")).to_be_visible()
    page.wait_for_timeout(500)  # the map is framed again for its new width
    assert_readable(page, first_view(page, "people-open"))
    assert_titles(page, whole=False)
    # the map's tools stay on one row
    tools = [page.locator(f"#{i}").bounding_box() for i in ["frame", "fit", "open-brief"]]
    assert all(tools) and len({round(b["height"]) for b in tools if b}) == 1, tools
    assert all(b and b["height"] < 40 for b in tools), tools

    if short:
        toggle.click()
        expect(legend.locator(".legend-group").first).to_be_visible()
        expect(toggle).to_have_attribute("aria-expanded", "true")
        page.screenshot(path=str(SHOTS / "demo-legend-open-1280x720.png"))
