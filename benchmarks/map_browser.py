"""The status map in the browser on a large account: ``python -m benchmarks.map_browser``.

Starts a throw-away local Neo4j (unless NEO4J_URI is set) and the app, writes an account of
5,000 people with a deal of 200 members (tests/e2e/large_account.py, one CSV upload), opens the
deal in Debian's Chromium at 1440x900 and measures:

- the first drawing of the deal's map after its data arrived (building the map, and to the
  first frame), and how many people and lines it draws;
- frame gaps while panning (dragging) and zooming (mouse wheel), as median frames per second;
- the same for the whole-account view, which opens folded (departments as counts).

Writes ``benchmarks/RESULTS-map.md`` and the screenshots ``docs/map-deal-200.png`` and
``docs/map-account-5000.png``. Figures depend on the machine: this is a benchmark, not a test.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, expect, sync_playwright

from api.settings import Settings
from tests.e2e.conftest import CHROMIUM, CHROMIUM_FLAGS, DIST
from tests.e2e.large_account import DEAL_NAME, build_large_account
from tests.e2e.screenshot import serve
from tests.e2e.test_large_map import drag_frames, wheel_frames

ROOT = Path(__file__).resolve().parents[1]
VIEWPORT = {"width": 1440, "height": 900}
UNMOVED = (
    "() => { const app = window.statusmap; app.state.moved.clear(); app.draw({ frame: true }); }"
)


def fps(gaps: list[float]) -> float:
    return 1000 / statistics.median(gaps) if gaps else 0.0


def measure(page: Page) -> dict[str, Any]:
    page.wait_for_timeout(800)
    first: dict[str, Any] = page.evaluate("() => window.statusmap.map.lastDraw")
    layout: dict[str, Any] = page.evaluate("() => window.statusmap.map.lastLayout")
    drag = drag_frames(page)
    wheel = wheel_frames(page)
    return {
        "people": layout["people"],
        "lines": layout["lines"],
        "crossings": layout["crossings"],
        "layout_ms": first["layoutMs"],
        "route_ms": first["routeMs"],
        "build_ms": first["buildMs"],
        "first_frame_ms": first["firstFrameMs"],
        "drag_fps": fps(drag),
        "wheel_fps": fps(wheel),
    }


def run(base_url: str, people: int, members: int) -> list[tuple[str, dict[str, Any]]]:
    large = build_large_account(base_url, people, members, prefix="bench-map")
    rows = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport=VIEWPORT)  # type: ignore[arg-type]
        page.goto(f"{base_url}/#workspace={large.workspace}")
        expect(page.locator("#deal-panel h2")).to_have_text(DEAL_NAME, timeout=600_000)
        page.get_by_test_id("step-route").first.wait_for(timeout=600_000)
        rows.append((f"deal of {members} members", measure(page)))
        # Panning by dragging may have caught a card and moved it: the picture shows the layout.
        page.evaluate(UNMOVED)
        page.mouse.move(0, 0)  # no hover tip in the picture
        page.wait_for_timeout(500)
        page.screenshot(path=str(ROOT / "docs" / f"map-deal-{members}.png"))
        page.select_option("#deal", "")
        page.get_by_role("tab", name="Deal").click()
        expect(page.get_by_test_id("icp-fit")).to_be_visible(timeout=600_000)
        rows.append((f"whole account of {people} people (folded)", measure(page)))
        page.evaluate("() => window.statusmap.map.frame()")
        page.mouse.move(0, 0)
        page.wait_for_timeout(500)
        page.screenshot(path=str(ROOT / "docs" / f"map-account-{people}.png"))
        browser.close()
    return rows


def report(rows: list[tuple[str, dict[str, Any]]]) -> str:
    lines = [
        "# The status map in the browser",
        "",
        "Written by `python -m benchmarks.map_browser` (Chromium "
        f"{VIEWPORT['width']}x{VIEWPORT['height']}, software rendering) on {os.cpu_count()} cores, "
        f"load average {os.getloadavg()[0]:.1f} at the end of the run.",
        "",
        "| view | people | lines | crossings before → after | layout (ms) | routing (ms) |"
        " build (ms) | to first frame (ms) | pan fps (median) | zoom fps (median) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, r in rows:
        c = r["crossings"]
        lines.append(
            f"| {name} | {r['people']} | {r['lines']} | {c['before']} → {c['after']} | "
            f"{r['layout_ms']:.0f} | {r['route_ms']:.0f} | {r['build_ms']:.0f} | "
            f"{r['first_frame_ms']:.0f} | {r['drag_fps']:.0f} | "
            f"{r['wheel_fps']:.0f} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=5_000)
    parser.add_argument("--members", type=int, default=200)
    parser.add_argument(
        "--url", help="a running statusmap in single-user mode (default: start one here)"
    )
    args = parser.parse_args()
    if args.url:
        rows = run(args.url, args.people, args.members)
    else:
        rows = serve_and_run(args.people, args.members)
    results = ROOT / "benchmarks" / "RESULTS-map.md"
    text = report(rows)
    # The sections below the table (method, profiles, comparisons) are written by hand: kept.
    old = results.read_text(encoding="utf-8") if results.exists() else ""
    if "\n## " in old:
        text += "\n## " + old.split("\n## ", 1)[1]
    results.write_text(text, encoding="utf-8")
    print(text)


def serve_and_run(people: int, members: int) -> list[tuple[str, dict[str, Any]]]:
    with tempfile.TemporaryDirectory(prefix="statusmap-map-bench-") as data:
        settings = Settings(data_dir=Path(data), demo=False)
        local = {"frontend_dir": DIST, "auth": "single-user"}
        with serve(settings.model_copy(update=local)) as url:
            return run(url, people, members)


if __name__ == "__main__":
    main()
