"""Routes in: one computation for warnings and plan, ours first, at most four people."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.analytics import (
    KnowsEdge,
    Member,
    PlanWeights,
    RouteKind,
    approach_plan,
    deal_coverage,
    deal_routes,
    what_if,
)
from tests.unit.analytics.graphs import build, member, person


def _it_deal() -> tuple[nx.DiGraph, nx.DiGraph, list[Member]]:
    # Our account executive knows the IT manager (0.7); a partner consultant knows the CIO
    # (0.8), whose view moves the IT manager's (0.5): 0.40 through the partner.
    G, K = build(
        [
            person("ae", "home", 3),
            person("vp", "home", 5),
            person("consultant", "partner", 5),
            person("cio", level=6),
            person("itm", level=3),
        ],
        [("cio", "itm", 0.5)],
        knows=[("ae", "itm", 0.7), ("consultant", "cio", 0.8)],
    )
    return G, K, [member("cio", "decider"), member("itm", "user")]


def test_our_own_direct_contact_wins_over_a_partner_route() -> None:
    G, K, members = _it_deal()
    routes = deal_routes(G, K, members)
    assert (routes["itm"].kind, routes["itm"].path) == (RouteKind.DIRECT, ("ae", "itm"))
    assert routes["itm"].strength == pytest.approx(0.7)
    assert (routes["itm"].our_person, routes["itm"].status_gap) == ("ae", 0)
    # The CIO is only reached through the partner; the colleague of ours at a fitting level
    # (the VP, one level below the CIO) is named, with the gap.
    cio = routes["cio"]
    assert (cio.kind, cio.path, cio.our_person, cio.status_gap) == (
        RouteKind.PARTNER,
        ("consultant", "cio"),
        "vp",
        1,
    )
    assert cio.text == (
        "partner Consultant opens the door: Consultant → Cio (0.80); "
        "Vp (level 5) of ours makes the approach; status gap +1 with Vp"
    )


def test_a_strong_tie_from_our_vp_moves_the_cio_route() -> None:
    G, K, members = _it_deal()
    result = what_if(G, K, members, add_edges=[KnowsEdge("vp", "cio", 0.9)])
    after = {s.person_id: s for s in result.plan_after}["cio"]
    assert (after.route.kind, after.intro_path) == (RouteKind.DIRECT, ("vp", "cio"))
    changes = {m.person_id: m for m in (*result.diff.moved, *result.diff.changed)}
    assert changes["cio"].route_after == "Vp (ours) knows Cio (0.90); status gap +1 with Vp"


def test_preference_ours_through_one_contact_before_partners() -> None:
    G, K = build(
        [person("me", "home", 5), person("pat", "partner", 5), person("x"), person("t", level=5)],
        knows=[("me", "x", 0.3), ("x", "t", 0.3), ("pat", "t", 1.0)],
    )
    route = deal_routes(G, K, [member("t")])["t"]
    assert (route.kind, route.path) == (RouteKind.VIA_CONTACT, ("me", "x", "t"))
    # Without our contact the partner opens the door.
    G, K = build(
        [person("me", "home", 5), person("pat", "partner", 5), person("x"), person("t", level=5)],
        knows=[("pat", "t", 1.0)],
    )
    assert deal_routes(G, K, [member("t")])["t"].kind is RouteKind.PARTNER


def test_routes_are_at_most_four_people_unless_configured() -> None:
    chain = ["a", "b", "c", "t"]
    G, K = build(
        [person("me", "home", 4), *(person(p) for p in chain)],
        knows=[("me", "a", 0.9)],
        influences=[("a", "b", 0.9), ("b", "c", 0.9), ("c", "t", 0.9)],
    )
    members = [member("t", "decider"), member("c")]
    routes = deal_routes(G, K, members)
    assert routes["c"].path == ("me", "a", "b", "c")
    assert routes["c"].kind is RouteKind.VIA_CONTACTS
    assert routes["t"].kind is RouteKind.NONE
    assert routes["t"].text.endswith("within 4 people")
    five = deal_routes(G, K, members, weights=PlanWeights(max_route_people=5))
    assert five["t"].path == ("me", "a", "b", "c", "t")
    # The warning and the step say the same thing.
    warning = deal_coverage(G, K, members).warnings[0]
    assert warning.code == "DECIDER_NOT_CONTACTED"
    assert warning.message == (
        "No route in to T: none of our or our partners' people reaches T within 4 people; "
        "they decide: find a route in."
    )
    step = {s.person_id: s for s in approach_plan(G, K, members)}["t"]
    assert step.intro_path == () and step.route == warning.routes[0]


def test_routes_avoid_influential_opponents_unless_there_is_no_other() -> None:
    people = [person("me", "home", 4), person("blk"), person("alt"), person("d")]
    members = [member("d", "decider"), member("blk", stance="blocker")]
    knows = [("me", "blk", 0.9), ("blk", "d", 0.9), ("me", "alt", 0.5), ("alt", "d", 0.5)]
    G, K = build(people, [("blk", "d", 0.9)], knows=knows)
    plan = {s.person_id: s for s in approach_plan(G, K, members)}
    assert plan["d"].intro_path == ("me", "alt", "d")
    # Without the other way, the route passes the blocker and says so.
    G, K = build(people, [("blk", "d", 0.9)], knows=knows[:2])
    route = {s.person_id: s for s in approach_plan(G, K, members)}["d"].route
    assert route.path == ("me", "blk", "d")
    assert route.through_opponents == ("blk",)
    assert "passes through Blk, flagged as an influential opponent: no other route" in route.text


def test_via_person_and_reason_name_the_same_door_opener() -> None:
    G, K = build(
        [person("ae", "home", 2), person("cro", "home", 6), person("ceo", level=6)],
        knows=[("ae", "ceo", 0.9)],
    )
    step = approach_plan(G, K, [member("ceo", "decider")])[0]
    assert step.intro_path[0] == "ae"
    assert step.route.door_opener == "ae"
    assert step.route.text.startswith("Ae (ours) knows Ceo")
    assert (step.our_person, step.status_gap) == ("cro", 0)
