"""The one picker of people: a type-ahead field that narrows by name, title and organisation,
names each person "Name — Title · Organisation" (the demo account's two Dara Bauers told
apart), works by keyboard and by mouse, and builds only a bounded number of options, in the
demo's 131-person account and in a generated 5,000-person one."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.large_account import DEAL_NAME, LargeAccount, build_large_account
from tests.e2e.picker import choose_person, option_of
from tests.e2e.test_first_view import open_demo

SHOTS = Path(os.environ.get("STATUSMAP_SCREENSHOTS", "/tmp"))
# The id of the person of the deal's scope called `name` with the title `title`.
PERSON_ID = """([name, title]) => [...window.statusmap.state.scopeView.people.values()]
  .find((p) => p.name === name && p.title === title).id"""
CHOSEN = "(id) => document.querySelector(`[data-picker=${id}]`).value"
BIG = 5_000  # people at the large account's customer


@pytest.fixture
def page(screen_page: Page) -> Page:
    return screen_page


def test_namesakes_are_told_apart_by_keyboard_and_mouse(page: Page, demo: str) -> None:
    open_demo(page, demo)
    form = page.locator("form", has=page.get_by_role("heading", name="What-if: imagine a contact"))
    theirs = form.get_by_role("combobox", name="knows", exact=True)
    expect(theirs).to_have_attribute("aria-expanded", "false")
    org = page.evaluate(
        PERSON_ID.replace(".id", ".organisation.name"), ["Dara Bauer", "VP Engineering"]
    )
    engineering = f"Dara Bauer — VP Engineering · {org}"
    people = f"Dara Bauer — Director of Human Resources · {org}"

    # typing narrows: both namesakes, each with their title and organisation
    theirs.fill("dara bauer")
    expect(theirs).to_have_attribute("aria-expanded", "true")
    options = page.locator("#imagine-target-listbox [role=option]")
    expect(options).to_have_count(2)
    assert sorted(options.all_inner_texts()) == sorted([engineering, people])
    page.locator("#imagine-target-listbox").scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "picker-namesakes.png"))

    # the keyboard: arrows move the active option (aria-activedescendant), Enter chooses
    theirs.press("ArrowDown")
    active = theirs.get_attribute("aria-activedescendant")
    assert active and page.locator(f"#{active}").get_attribute("aria-selected") == "true"
    chosen_text = page.locator(f"#{active}").inner_text()
    theirs.press("Enter")
    expect(theirs).to_have_attribute("aria-expanded", "false")
    expect(theirs).to_have_value(chosen_text)
    title = chosen_text.split(" — ")[1].split(" · ")[0]
    assert page.evaluate(CHOSEN, "imagine-target") == page.evaluate(
        PERSON_ID, ["Dara Bauer", title]
    )

    # a title narrows to one of them; Escape closes the list and keeps the choice
    theirs.fill("bauer engineering")
    expect(options).to_have_count(1)
    expect(options).to_have_text(engineering)
    theirs.press("Escape")
    expect(theirs).to_have_attribute("aria-expanded", "false")
    expect(theirs).to_have_value(chosen_text)

    # the mouse: click the other namesake
    theirs.fill("Dara")
    option_of(theirs, engineering).click()
    expect(theirs).to_have_value(engineering)
    assert page.evaluate(CHOSEN, "imagine-target") == page.evaluate(
        PERSON_ID, ["Dara Bauer", "VP Engineering"]
    )

    # the imagined contact is with the Dara Bauer chosen, not her namesake
    ours = form.get_by_role("combobox", name="One of ours or a partner")
    first_ours = page.evaluate(
        "() => [...window.statusmap.state.scopeView.people.values()]"
        ".filter((p) => p.side !== 'customer').sort((a, b) => a.name.localeCompare(b.name))[0]"
    )
    choose_person(
        ours, f"{first_ours['name']} — {first_ours['title']} · {first_ours['organisation']['name']}"
    )
    form.get_by_role("button", name="Try it").click()
    expect(page.get_by_test_id("what-if")).to_contain_text("Dara Bauer")
    target = page.evaluate(PERSON_ID, ["Dara Bauer", "VP Engineering"])
    imagined = page.evaluate("() => window.statusmap.state.imagined")
    assert [(t["sourceId"], t["targetId"]) for t in imagined] == [(first_ours["id"], target)]


def test_a_big_account_builds_only_the_first_matches(page: Page, demo: str) -> None:
    open_demo(page, demo)
    theirs = page.get_by_role("combobox", name="knows", exact=True)
    total = page.evaluate(
        "() => [...window.statusmap.state.scopeView.people.values()]"
        ".filter((p) => p.side === 'customer').length"
    )
    assert total > 50
    theirs.click()
    expect(page.locator("#imagine-target-listbox [role=option]")).to_have_count(50)
    expect(page.locator("#imagine-target-count")).to_have_text(
        f"{total} people match; the first 50 are shown. Type more to narrow."
    )
    theirs.fill("zzzz nobody")
    expect(page.locator("#imagine-target-listbox [role=option]")).to_have_count(0)
    expect(page.locator("#imagine-target-count")).to_have_text("Nobody matches.")


@pytest.fixture(scope="module")
def large(live_server: str) -> LargeAccount:
    return build_large_account(live_server, BIG, prefix="e2e-picker")


def test_typing_finds_one_person_of_5000(page: Page, large: LargeAccount) -> None:
    page.goto(f"/#workspace={large.workspace}")
    expect(page.locator("#deal-panel h2")).to_have_text(DEAL_NAME, timeout=180_000)
    theirs = page.get_by_role("combobox", name="knows", exact=True)
    options = page.locator("#imagine-target-listbox [role=option]")
    count = page.locator("#imagine-target-count")
    total = page.evaluate(
        "() => [...window.statusmap.state.scopeView.people.values()]"
        ".filter((p) => p.side === 'customer').length"
    )
    assert total == BIG

    # a broad word matches thousands; the list stays capped and says how many match
    theirs.fill("specialist")
    expect(options).to_have_count(50)
    expect(count).to_contain_text("people match; the first 50 are shown. Type more to narrow.")
    matching = int(count.inner_text().split()[0])
    assert 50 < matching < BIG

    # typing on narrows: ten names begin "Person432" (Person4320 to 4329), then one is left
    theirs.fill("person432")
    expect(options).to_have_count(10)
    theirs.press_sequentially("1")
    expect(options).to_have_count(1)
    wanted = "Person4321 Surname53 — Specialist, IT · Globex Group"
    expect(options).to_have_text(wanted)
    page.screenshot(path=str(SHOTS / "picker-5000.png"))
    theirs.press("ArrowDown")
    theirs.press("Enter")
    expect(theirs).to_have_value(wanted)
    chosen = page.evaluate(CHOSEN, "imagine-target")
    assert chosen == page.evaluate(PERSON_ID, ["Person4321 Surname53", "Specialist, IT"])
    assert page.locator("#imagine-target-listbox [role=option]").count() <= 50
