"""Exports of what the user sees: the view as SVG (real text) and PNG, with the level axis and
the legend, and the one-page deal brief (buying centre by level, coverage, the plan), printed
by Chromium to PDF."""

from __future__ import annotations

import re
import struct
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.scenario import api_client
from tests.e2e.test_first_view import FIRST_VIEW, inside, open_demo

SVG = "{http://www.w3.org/2000/svg}"

ANALYTICS = """
query($w: ID!, $d: ID!) { workspace(id: $w) { deal(id: $d) {
  buyingCentre { roles stance person { key name level { rank name } } }
  coverage { warnings { code message } }
  approachPlan { personKey person { name } route { text } reasons }
} } }
"""


@pytest.fixture
def page(screen_page: Page) -> Page:
    """The page at 1440x900, as the first view is checked."""
    return screen_page


def texts(svg: str) -> list[str]:
    """The text of every <text> element (with its <tspan>s), as one string each."""
    root = ET.fromstring(svg)
    return [" ".join(" ".join(t.itertext()).split()) for t in root.iter(f"{SVG}text")]


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def deal_analytics(live_server: str, workspace: str, deal_id: str) -> dict[str, Any]:
    with api_client(live_server) as client:
        body = client.post(
            "/graphql", json={"query": ANALYTICS, "variables": {"w": workspace, "d": deal_id}}
        ).json()
    deal: dict[str, Any] = body["data"]["workspace"]["deal"]
    return deal


def test_the_svg_of_the_view_holds_its_people_axis_and_legend(page: Page, demo: str) -> None:
    shown = open_demo(page, demo)
    # The people whose cards are whole on screen are those the picture shows.
    on_screen = [p["name"] for p in shown["people"] if inside(p["card"], shown["view"])]
    off_screen = [
        p["name"]
        for p in shown["people"]
        if p["card"]["x1"] > shown["view"]["x2"] or p["card"]["y1"] > shown["view"]["y2"]
    ]
    page.get_by_role("tab", name="Import / export").click()
    with page.expect_download() as download:
        page.get_by_role("button", name="Map (SVG)").click()
    words = texts(Path(download.value.path()).read_text(encoding="utf-8"))
    joined = "\n".join(words)
    for name in on_screen:
        assert name in joined, f"{name} is on screen but not in the SVG's text"
    # titles whole (the cards wrap a long one to two lines where the screen allows, as here)
    titles: list[str] = page.evaluate(
        """names => [...window.statusmap.state.view.people.values()]
          .filter((p) => names.includes(p.name)).map((p) => p.title || p.organisation.name)""",
        on_screen,
    )
    flat = " ".join(" ".join(words).split())
    for title in titles:
        assert title in flat, f"the title {title!r} is not whole in the SVG's text"
    for name in off_screen:
        assert name not in words, f"{name} is off screen but in the SVG"
    # the level axis and the column headers, as the page shows them
    axis = page.get_by_test_id("ladder-axis").locator(".axis-label").all_inner_texts()
    visible_levels = [" ".join(t.split()) for t in axis if t.strip()]
    assert visible_levels
    for level in visible_levels:
        assert level in words, f"level {level!r} missing from the SVG"
    assert "Status level" in words
    # the legend and the title
    for entry in ("COLOUR · ROLE", "decider", "BORDER · STANCE", "blocker", "knows (ours)"):
        assert entry in words
    assert any(w.startswith("Azure rollout · ") for w in words)


def test_the_png_of_the_view_is_the_screen_at_twice_its_pixels(page: Page, demo: str) -> None:
    open_demo(page, demo)
    size = page.evaluate(
        "() => [window.statusmap.map.cy.width(), window.statusmap.map.cy.height()]"
    )
    page.get_by_role("tab", name="Import / export").click()
    with page.expect_download() as download:
        page.get_by_role("button", name="Map (PNG)").click()
    width, height = png_size(Path(download.value.path()).read_bytes())
    assert width == 2 * size[0]
    # the map's height plus the title above and the legend below
    assert height > 2 * size[1] + 60


def test_the_deal_brief_is_one_page_with_members_coverage_and_plan(
    page: Page, demo: str, live_server: str
) -> None:
    open_demo(page, demo)
    deal_id = page.evaluate("() => window.statusmap.state.dealId")
    deal = deal_analytics(live_server, demo, deal_id)
    page.get_by_role("button", name="Deal brief").click()
    brief = page.get_by_test_id("brief")
    expect(brief).to_be_visible()
    expect(brief.locator("h1")).to_have_text("Deal brief: Azure rollout")

    members = brief.get_by_test_id("brief-members")
    for member in deal["buyingCentre"]:
        row = members.locator("tr", has_text=member["person"]["name"])
        expect(row).to_have_count(1)
        for role in member["roles"]:
            expect(row).to_contain_text(role.lower())
        expect(row).to_contain_text(member["stance"].lower())
    # members sit under their level, highest first
    levels = members.locator("tbody th").all_inner_texts()
    ranks = [int(t.split()[0]) for t in levels]
    assert ranks == sorted(ranks, reverse=True)

    warnings = brief.get_by_test_id("brief-warnings").locator("li").all_inner_texts()
    assert [w.split(": ", 1)[1] for w in warnings] == [
        w["message"] for w in deal["coverage"]["warnings"]
    ]
    # the plan's first steps, as the API gives them; those that do not fit the page are counted
    routes = brief.get_by_test_id("brief-route").all_inner_texts()
    plan = [s["route"]["text"] for s in deal["approachPlan"]]
    assert len(routes) >= min(3, len(plan))
    assert routes == plan[: len(routes)]
    if len(routes) < len(plan):
        more = len(plan) - len(routes)
        expect(brief.get_by_test_id("brief-more")).to_have_text(
            f"{more} more step{'' if more == 1 else 's'} in statusmap."
        )
    expect(brief.locator(".brief-reasons").first).to_contain_text(
        deal["approachPlan"][0]["reasons"][0]
    )
    # the map in the brief is the view's picture, with real text
    assert brief.locator("svg.brief-map text").count() > 20

    page.emulate_media(media="print")
    expect(page.locator("main")).to_be_hidden()
    pdf = page.pdf(format="A4", print_background=True)
    pages = re.findall(rb"/Type\s*/Page(?!s)", pdf)
    assert len(pages) == 1, f"the brief prints on {len(pages)} pages"

    page.emulate_media(media="screen")
    page.keyboard.press("Escape")
    expect(brief).to_be_hidden()


def test_the_svg_follows_the_view_when_it_moves(page: Page, demo: str) -> None:
    open_demo(page, demo)
    # Pan so that the whole map's left part leaves the screen: its people leave the picture.
    page.evaluate("() => { const cy = window.statusmap.map.cy; cy.panBy({x: -4000}); }")
    shown = page.evaluate(FIRST_VIEW)
    gone = [p["name"] for p in shown["people"] if p["card"]["x2"] < 0]
    assert gone
    page.get_by_role("tab", name="Import / export").click()
    with page.expect_download() as download:
        page.get_by_role("button", name="Map (SVG)").click()
    words = texts(Path(download.value.path()).read_text(encoding="utf-8"))
    for name in gone:
        assert name not in words
