"""Moving between deals and around a person: another choice of deal forgets the person open, the
influence weight rests while no deal is chosen, and "show who is around this person" says what it
added, naming in a note those the view could not take and bringing them in on a click."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page, ViewportSize, expect

from tests.e2e.conftest import SCREEN, person_row, watched_page
from tests.e2e.scenario import Scenario
from tests.e2e.test_first_view import inside, open_demo
from tests.e2e.test_map_focus import CARDS, MOST_AROUND, open_carl_at_full_weight
from tests.e2e.test_status_map import open_deal

SHOTS = Path(os.environ.get("STATUSMAP_SCREENSHOTS", "/tmp"))
SMALL: ViewportSize = {"width": 1024, "height": 640}
SMALL_LAPTOP: ViewportSize = {"width": 1280, "height": 720}


def test_another_deal_clears_the_person_and_the_weight_rests_without_a_deal(
    screen_page: Page, scenario: Scenario
) -> None:
    page = screen_page
    open_deal(page, scenario)
    weight = page.locator("#min-weight")
    expect(weight).to_be_enabled()
    person_row(page, "Carl Engel").click()
    expect(page.locator("#person-panel h2").first).to_have_text("Carl Engel")

    page.locator("#deal").select_option(label="Whole account (no deal)")
    expect(page.locator("#deal-panel h2")).not_to_have_text("Fleet platform 2027")
    page.get_by_role("tab", name="Person").click()
    panel = page.locator("#person-panel")
    expect(panel.locator("h2")).to_have_text("Person")
    expect(panel).not_to_contain_text("Carl Engel")
    expect(page.locator("#people-list button[aria-pressed=true]")).to_have_count(0)
    assert page.evaluate("() => window.statusmap.map.cy.$('node:selected').length") == 0
    expect(weight).to_be_disabled()
    tip = page.locator("label.min-weight").get_attribute("title") or ""
    assert tip.startswith("Choose a deal first"), tip
    page.screenshot(path=str(SHOTS / "deal-switch-no-deal.png"))

    page.locator("#deal").select_option(label="Fleet platform 2027")
    expect(page.locator("#deal-panel h2")).to_have_text("Fleet platform 2027")
    expect(weight).to_be_enabled()
    assert "strongest first" in (page.locator("label.min-weight").get_attribute("title") or "")


def test_around_says_how_many_joined_and_when_nobody_more_is_around(
    screen_page: Page, scenario: Scenario
) -> None:
    page = screen_page
    open_carl_at_full_weight(page, scenario)
    around = page.locator("#person-panel").get_by_role(
        "button", name="Show who is around this person"
    )
    around.click()
    expect(page.locator("#app-status")).to_have_text("1 person around Carl Engel added")
    around.click()
    expect(page.locator("#app-status")).to_have_text("Nobody more is around Carl Engel")
    expect(page.get_by_test_id("around-note")).to_be_hidden()


def test_people_around_outside_the_view_are_named_and_brought_in(
    browser: Browser, live_server: str, demo: str
) -> None:
    # a small window: the view cannot take at a readable zoom everyone the busiest person brings
    with watched_page(browser, live_server, viewport=SMALL) as page:
        around_outside_the_view(page, demo)


def around_outside_the_view(page: Page, demo: str) -> None:
    open_demo(page, demo)
    person: dict[str, Any] = page.evaluate(MOST_AROUND)
    page.evaluate("id => window.statusmap.selectPerson(id)", person["id"])
    expect(page.locator("#person-panel h2").first).to_have_text(person["name"])
    before: list[str] = page.evaluate("() => [...window.statusmap.state.view.people.keys()]")
    page.locator("#person-panel").get_by_role(
        "button", name="Show who is around this person"
    ).click()
    page.wait_for_function("n => window.statusmap.state.view.people.size > n", arg=len(before))
    added: list[str] = page.evaluate(
        "before => [...window.statusmap.state.view.people.keys()]"
        ".filter((p) => !before.includes(p))",
        before,
    )
    expect(page.locator("#app-status")).to_have_text(
        f"{len(added)} {'person' if len(added) == 1 else 'people'} around {person['name']} added"
    )
    shown: dict[str, Any] = page.evaluate(CARDS)
    outside = [i for i in added if not inside(shown["cards"][i], shown["view"])]
    note = page.get_by_test_id("around-note")
    print(f"{len(added)} added, {len(outside)} outside the view at zoom {shown['zoom']:.3f}")
    assert outside, "this window is too small to show everyone added"
    names = page.evaluate(
        "ids => ids.map((i) => window.statusmap.state.view.people.get(i).name)", outside
    )
    expect(note).to_be_visible()
    expect(note).to_contain_text(f"→ {len(outside)} more around {person['name']}: {names[0]}")
    page.screenshot(path=str(SHOTS / "around-note.png"))
    note.click()
    page.wait_for_timeout(300)
    # a click on the note is not a click on the card beneath it
    expect(page.locator("#person-panel h2").first).to_have_text(person["name"])
    after: dict[str, Any] = page.evaluate(CARDS)
    assert after["zoom"] >= 0.72
    brought = [i for i in outside if inside(after["cards"][i], after["view"])]
    assert brought, "the note's click brings people it names into view"
    page.screenshot(path=str(SHOTS / "around-note-clicked.png"))
    if len(brought) == len(outside):
        expect(note).to_be_hidden()
    else:
        expect(note).to_contain_text(f"→ {len(outside) - len(brought)} more around")


def test_people_around_who_fit_are_framed_with_the_person(
    browser: Browser, live_server: str, demo: str
) -> None:
    """On a laptop's screens the busiest person's neighbours fit at a readable zoom: the view
    frames the person and everyone added, and no note is left."""
    for size in [SCREEN, SMALL_LAPTOP]:
        with watched_page(browser, live_server, viewport=size) as page:
            open_demo(page, demo)
            person: dict[str, Any] = page.evaluate(MOST_AROUND)
            page.evaluate("id => window.statusmap.selectPerson(id)", person["id"])
            before: list[str] = page.evaluate(
                "() => [...window.statusmap.state.view.people.keys()]"
            )
            page.locator("#person-panel").get_by_role(
                "button", name="Show who is around this person"
            ).click()
            page.wait_for_function(
                "n => window.statusmap.state.view.people.size > n", arg=len(before)
            )
            page.wait_for_timeout(300)
            shown: dict[str, Any] = page.evaluate(CARDS)
            added = [i for i in shown["cards"] if i not in before]
            out = [
                i for i in [person["id"], *added] if not inside(shown["cards"][i], shown["view"])
            ]
            print(
                f"around {person['name']} at {size['width']}x{size['height']}: {len(added)} "
                f"added, {len(added) + 1 - len(out)} of {len(added) + 1} in view with the person, "
                f"zoom {shown['zoom']:.3f}"
            )
            page.screenshot(path=str(SHOTS / f"around-framed-{size['width']}x{size['height']}.png"))
            assert added
            assert shown["zoom"] >= 0.72
            assert not out, f"{len(out)} of the person and those added out of view"
            expect(page.get_by_test_id("around-note")).to_be_hidden()
