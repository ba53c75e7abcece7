"""Status at a glance on a large deal: a 200-member buying centre in a 5,000-person account.

Every customer drawn gets their status gaps from the API (Deal.statusGaps, one fixed document
asked a page at a time), and they show on hover and on the person's card, however many people
the map draws.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, Request, expect

from tests.e2e.large_account import DEAL_NAME, ROLES, LargeAccount, build_large_account

PEOPLE, MEMBERS = 5_000, 200
DECIDERS = sum(1 for i in range(MEMBERS) if i % len(ROLES) == 0)  # large_account's role cycle

# Runs in the page: the customers drawn, and the gap text the page has for each.
DRAWN_GAPS = """() => {
  const app = window.statusmap;
  const customers = [...app.state.view.people.values()].filter((p) => p.side === 'customer');
  return {
    customers: customers.length,
    members: customers.filter((p) => p.member).length,
    drawn: app.map.cy.nodes('.person').length,
    withGaps: customers.filter((p) => app.gaps && app.gaps.has(p.id)).length,
    texts: customers.map((p) => [p.name, app.map.describe(p.id)]),
  };
}"""


@pytest.fixture(scope="module")
def large_deal(live_server: str) -> LargeAccount:
    return build_large_account(live_server, PEOPLE, MEMBERS, prefix="e2e-gaps")


def _at(page: Page, person: dict[str, Any]) -> dict[str, float]:
    """Centre the person's card in the map and give its place on the screen."""
    at: dict[str, float] = page.evaluate(
        """id => {
          const node = window.statusmap.map.cy.getElementById(id);
          window.statusmap.map.cy.center(node);
          const box = document.getElementById('map').getBoundingClientRect();
          const p = node.renderedPosition();
          return {x: box.left + p.x, y: box.top + p.y};
        }""",
        person["id"],
    )
    return at


def test_every_person_of_a_200_member_deal_gets_their_gaps(
    page: Page, large_deal: LargeAccount, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    documents: list[str] = []

    def record(request: Request) -> None:
        body = request.post_data_json if request.method == "POST" else None
        if isinstance(body, dict) and "StatusGaps" in str(body.get("query")):
            documents.append(str(body["query"]))

    answered: list[float] = []  # ms from each StatusGaps request to the end of its answer

    def finished(request: Request) -> None:
        body = request.post_data_json if request.method == "POST" else None
        if isinstance(body, dict) and "StatusGaps" in str(body.get("query")):
            answered.append(request.timing["responseEnd"])

    page.on("request", record)
    page.on("requestfinished", finished)
    page.goto(f"/#workspace={large_deal.workspace}")
    expect(page.locator("#deal-panel h2")).to_have_text(DEAL_NAME, timeout=180_000)
    page.wait_for_function(
        """() => {
          const app = window.statusmap;
          if (!app?.gaps || !app.state.view?.deal) return false;
          const people = [...app.state.view.people.values()];
          return people.every((p) => p.side !== 'customer' || app.gaps.has(p.id));
        }""",
        timeout=180_000,
    )
    drawn = page.evaluate(DRAWN_GAPS)
    assert drawn["members"] == MEMBERS
    assert drawn["customers"] > 80  # more than one aliased document could ever ask for
    assert drawn["withGaps"] == drawn["customers"]
    # each one's text names the gap to every decider (the deal has many; a decider's own text
    # names the others) and our colleague
    deciders = DECIDERS
    for name, text in drawn["texts"]:
        assert text.startswith(
            (f"Gaps to the {deciders} deciders: ", f"A decider · gaps to the other {deciders - 1}")
        ), (name, text)
        assert f"+{deciders - 3} more" in text or f"+{deciders - 4} more" in text, (name, text)
        assert "(ours, suggested)" in text, (name, text)
    # one fixed document, however many people: no aliases, the people in variables
    assert documents and len(set(documents)) == 1
    assert "p0:" not in documents[0]

    # on hover: a member far down the list, then on their card in the panel
    last = page.evaluate(
        """() => {
          const members = [...window.statusmap.state.view.people.values()]
            .filter((p) => p.member).sort((a, b) => a.name.localeCompare(b.name));
          const p = members[members.length - 1];
          return {id: p.id, name: p.name};
        }"""
    )
    expected = page.evaluate("id => window.statusmap.map.describe(id)", last["id"])
    at = _at(page, last)
    page.mouse.move(at["x"], at["y"])
    expect(page.get_by_test_id("map-tip")).to_contain_text(expected)
    page.screenshot(path=tmp_path / "large-deal-gap-tip.png")
    with capsys.disabled():
        print(
            f"\n{drawn['drawn']} people drawn, {drawn['customers']} customers, all with gaps, "
            f"in {len(documents)} requests of one document (answered in "
            f"{', '.join(f'{ms:.0f}' for ms in answered)} ms); screenshot {tmp_path}"
        )
    page.mouse.click(at["x"], at["y"])
    expect(page.locator("#person-panel h2").first).to_have_text(last["name"])
    # the panel names every decider where the tip names three and counts the rest
    panel = page.get_by_test_id("person-gaps")
    expect(panel).to_contain_text("(ours, suggested)")
    text = panel.inner_text()
    named = page.evaluate(
        "id => window.statusmap.gaps.get(id).deciders.map((d) => d.name)", last["id"]
    )
    assert len(named) >= DECIDERS - 1
    assert text.startswith(expected.split(", +")[0]), (text, expected)
    assert all(name in text for name in named), text
    assert " more" not in text
    assert text.endswith(expected.split(" · ")[-1]), (text, expected)


def test_a_200_member_deal_folds_its_coverage_to_stay_readable(
    page: Page, large_deal: LargeAccount, tmp_path: Path
) -> None:
    """A role's holders beyond the first three, and warnings beyond the first six, are one click
    away ("and N more"), and every one of them is there once opened."""
    page.goto(f"/#workspace={large_deal.workspace}")
    expect(page.locator("#deal-panel h2")).to_have_text(DEAL_NAME, timeout=180_000)
    deciders = DECIDERS
    row = page.get_by_test_id("coverage").locator(
        "tr", has=page.get_by_role("rowheader", name="decider")
    )
    expect(row.locator("td > :is(button, span)")).to_have_count(3)
    fold = row.locator("details.more")
    expect(fold.locator("summary")).to_have_text(f"and {deciders - 3} more")
    expect(fold.locator(":is(button, span)").first).to_be_hidden()
    fold.locator("summary").click()
    expect(fold.locator(":is(button, span)")).to_have_count(deciders - 3)
    expect(fold.locator("button").first).to_be_visible()

    warnings = page.get_by_test_id("warnings")
    expect(warnings.locator(":scope > li:not(.more)")).to_have_count(6)
    summary = warnings.locator(":scope > li.more summary")
    more = int(summary.inner_text().split()[0])
    assert more > 1
    summary.click()
    expect(warnings.locator(":scope > li.more li")).to_have_count(more)
    page.screenshot(path=tmp_path / "coverage-folded.png")
