"""The approach plan: score formula, order, intro routes and status fit."""

from __future__ import annotations

import pytest

from graph.analytics import (
    AnalyticsInputError,
    PlanStep,
    PlanWeights,
    RouteKind,
    approach_plan,
)
from tests.unit.analytics.graphs import build, member, person


def _by_id(plan: list[PlanStep]) -> dict[str, PlanStep]:
    return {step.person_id: step for step in plan}


def test_score_formula_pinned_by_hand() -> None:
    G, K = build(
        [
            person("me", "home", 4),
            person("it", level=5),
            person("cfo", level=6),
            person("legal", level=5),
        ],
        [("it", "cfo", 0.8), ("it", "legal", 0.5)],
        knows=[("me", "it", 0.9)],
    )
    members = [
        member("cfo", "decider"),
        member("legal", "approver"),
        member("it", "influencer", stance="champion"),
    ]
    ranks = {"cfo": 0.4, "legal": 0.2, "it": 0.2, "me": 0.2}
    plan = approach_plan(G, K, members, ranks=ranks)

    it = plan[0]
    # leverage = 0.8 + 0.1 * 0.5 = 0.85; access = 0.9 (me knows it); gap 5 - 4 = +1 is one
    # level outside the preferred band; stance champion = 1; rank 0.2 / 0.4 = 0.5.
    # score = 0.4*0.85 + 0.3*0.9 + 0.2*1 + 0.1*0.5 - 0.05*1 = 0.81
    assert it.person_id == "it"
    assert it.score == pytest.approx(0.81)
    assert it.leverage == pytest.approx(0.85)
    assert it.access == pytest.approx(0.9)
    assert it.leverage_on == (("cfo", 0.8, ("it", "cfo")), ("legal", 0.5, ("it", "legal")))
    assert (it.intro_path, it.intro_kind, it.our_person, it.status_gap) == (
        ("me", "it"),
        "ours",
        "me",
        1,
    )
    assert it.reasons == (
        "influencer",
        "influences decider Cfo (0.80)",
        "influences approver Legal (0.50)",
        "stance: champion",
    )
    # the route is said once: by the step's route, not again among its reasons
    assert it.route.text == "Me (ours) knows It (0.90); status gap +1 with Me"
    # cfo: 0.4*1 + 0.3*(0.9*0.8) + 0.2*0.5 + 0.1*1 - 0.05*2 = 0.716
    # legal: 0.4*1 + 0.3*(0.9*0.5) + 0.2*0.5 + 0.1*0.5 - 0.05*1 = 0.635
    assert [(s.order, s.person_id) for s in plan] == [(1, "it"), (2, "cfo"), (3, "legal")]
    assert [s.score for s in plan] == pytest.approx([0.81, 0.716, 0.635])
    assert plan[1].intro_kind == "contact"
    assert plan[1].reasons[0] == "decider"
    assert plan[1].route.text == "Me (ours) → It → Cfo (0.72); status gap +2 with Me"
    assert plan[1].route.text not in plan[1].reasons

    custom = PlanWeights(leverage=1, access=0, stance=0, rank=0, gap_penalty=0, breadth_bonus=0.5)
    assert _by_id(approach_plan(G, K, members, weights=custom, ranks=ranks))[
        "it"
    ].score == pytest.approx(0.8 + 0.5 * 0.5)


def test_high_ranked_blocker_is_flagged_and_not_first() -> None:
    G, K = build(
        [person("me", "home", 6), person("cfo", level=6), person("it", level=4)],
        [("cfo", "it", 0.9)],
        knows=[("me", "cfo", 0.9), ("me", "it", 0.5)],
    )
    members = [member("cfo", "decider", stance="blocker"), member("it", "user")]
    plan = approach_plan(G, K, members)
    by_id = _by_id(plan)
    # The blocker outscores everyone (decider, known, highest rank) yet goes second.
    assert by_id["cfo"].score > by_id["it"].score
    assert [s.person_id for s in plan] == ["it", "cfo"]
    assert any(r.startswith("blocker") for r in by_id["cfo"].reasons)
    assert not any(r.startswith("blocker") for r in by_id["it"].reasons)


def test_only_blockers_keep_score_order() -> None:
    G, K = build([person("a"), person("b")])
    plan = approach_plan(G, K, [member("a", stance="blocker"), member("b", stance="blocker")])
    assert [s.person_id for s in plan] == ["a", "b"]


def test_decider_reachable_only_through_a_partner() -> None:
    people = [person("me", "home", 5), person("pat", "partner", 5), person("ceo", level=6)]
    members = [member("ceo", "decider")]

    # One of ours knows the partner: a route of ours through one contact, a partner's person
    # who knows the CEO themselves.
    G, K = build(people, knows=[("me", "pat", 0.8), ("pat", "ceo", 0.7)])
    step = approach_plan(G, K, members)[0]
    assert step.intro_path == ("me", "pat", "ceo")
    assert (step.intro_kind, step.route.kind, step.route.known_by) == (
        "partner",
        RouteKind.VIA_CONTACT,
        "pat",
    )
    assert (step.our_person, step.status_gap) == ("me", 1)
    assert step.access == pytest.approx(0.56)
    assert step.route.text == "Me (ours) → partner Pat → Ceo (0.56); status gap +1 with Me"

    # None of ours knows pat: the partner opens the door, and the colleague of ours whose
    # level fits the CEO's is suggested, with the gap.
    G, K = build(people, knows=[("pat", "ceo", 0.7)])
    step = approach_plan(G, K, members)[0]
    assert (step.intro_path, step.intro_kind, step.our_person, step.status_gap) == (
        ("pat", "ceo"),
        "partner",
        "me",
        1,
    )
    assert step.access == pytest.approx(0.7)
    assert step.route.text == (
        "partner Pat opens the door: Pat → Ceo (0.70); Me (level 5) of ours makes the "
        "approach; status gap +1 with Me"
    )


def test_three_levels_of_gap_suggests_a_more_senior_person_of_ours() -> None:
    people = [
        person("me", "home", 3),
        person("bea", "home", 6),
        person("jo", "home", 2),
        person("ceo", level=6),
    ]
    G, K = build(people, knows=[("me", "ceo", 0.9)])
    step = approach_plan(G, K, [member("ceo", "decider")])[0]
    assert step.intro_path == ("me", "ceo")
    assert step.our_person == "bea"
    assert step.status_gap == 0
    assert step.route.text == (
        "Me (ours) knows Ceo (0.90); Bea (level 6) of ours makes the approach; "
        "status gap +0 with Bea"
    )

    two_levels = [person("me", "home", 4), *people[1:]]
    G, K = build(two_levels, knows=[("me", "ceo", 0.9)])
    step = approach_plan(G, K, [member("ceo", "decider")])[0]
    assert (step.our_person, step.status_gap) == ("me", 2)
    assert "makes the approach" not in step.route.text


def test_senior_suggestion_prefers_the_closest_level_then_the_more_senior() -> None:
    people = [
        person("me", "home", 2),
        person("amy", "home", 5),
        person("zed", "home", 7),
        person("ceo", level=6),
    ]
    G, K = build(people, knows=[("me", "ceo", 0.9)])
    assert approach_plan(G, K, [member("ceo", "decider")])[0].our_person == "zed"


def test_fitting_status_beats_a_slightly_stronger_route() -> None:
    # ae: 0.3*0.9 - 0.05*3 = 0.12; vp: 0.3*0.8 - 0 = 0.24.
    G, K = build(
        [person("ae", "home", 2), person("vp", "home", 5), person("cto", level=5)],
        knows=[("ae", "cto", 0.9), ("vp", "cto", 0.8)],
    )
    step = approach_plan(G, K, [member("cto", "decider")])[0]
    assert (step.our_person, step.intro_path, step.access) == ("vp", ("vp", "cto"), 0.8)


def test_no_route_in() -> None:
    G, K = build([person("me", "home"), person("cfo")])
    step = approach_plan(G, K, [member("cfo", "decider")])[0]
    # No route, yet the colleague whose level fits is named: they are the one to find a way in.
    assert (step.intro_path, step.intro_kind, step.our_person, step.access) == ((), "none", "me", 0)
    assert step.route.text.startswith(
        "no route in to Cfo: none of our or our partners' people reaches Cfo within 4 people"
    )


def test_ties_are_ordered_by_id() -> None:
    G, K = build([person("me", "home"), person("b"), person("a")])
    plan = approach_plan(G, K, [member("b", "user"), member("a", "user")])
    assert plan[0].score == plan[1].score
    assert [s.person_id for s in plan] == ["a", "b"]


def test_leverage_counts_paths_up_to_max_hops() -> None:
    chain = [("x", "m1", 1.0), ("m1", "m2", 1.0), ("m2", "m3", 1.0), ("m3", "d", 0.5)]
    G, K = build([person(p) for p in ("x", "m1", "m2", "m3", "d")], chain)
    members = [member("x"), member("d", "decider")]
    assert _by_id(approach_plan(G, K, members))["x"].leverage == 0
    four = _by_id(approach_plan(G, K, members, weights=PlanWeights(max_hops=4)))["x"]
    assert four.leverage_on == (("d", 0.5, ("x", "m1", "m2", "m3", "d")),)
    assert "influences decider D (0.50) via M1, M2, M3" in four.reasons


def test_plan_weights_are_validated() -> None:
    with pytest.raises(AnalyticsInputError):
        PlanWeights(access=-1)
    with pytest.raises(AnalyticsInputError):
        PlanWeights(max_hops=0)
