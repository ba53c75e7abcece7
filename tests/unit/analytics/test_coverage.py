"""Deal coverage: roles, who knows whom, and each warning triggered by a minimal graph."""

from __future__ import annotations

import pytest

from graph.analytics import (
    ROLES,
    AnalyticsInputError,
    CoverageWarning,
    Member,
    PersonNode,
    RoleHolder,
    RouteKind,
    deal_coverage,
    known_to_us,
)
from tests.unit.analytics.graphs import build, member, person


def test_five_person_buying_centre() -> None:
    G, K = build(
        [
            person("me", "home", 4),
            person("pat", "partner", 5),
            person("cfo", level=6),
            person("cio", level=6),
            person("arch", level=4),
            person("buyer", level=3),
            person("user", level=2),
        ],
        [("arch", "cio", 0.8), ("cio", "cfo", 0.6), ("arch", "user", 0.5)],
        knows=[("me", "arch", 0.9), ("pat", "cfo", 0.4), ("me", "cfo", 0.3), ("arch", "cio", 1.0)],
    )
    members = [
        member("cfo", "decider", "approver", stance="neutral"),
        member("cio", "decider", stance="supporter"),
        member("arch", "influencer", "champion", stance="champion", motive="stand_out"),
        member("buyer", "buyer", "gatekeeper", stance="unknown"),
        member("user", "user", "initiator", stance="sceptic"),
    ]
    coverage = deal_coverage(G, K, members)

    assert [r.role for r in coverage.roles] == list(ROLES)
    assert {r.role: r.filled for r in coverage.roles} == {
        "initiator": True,
        "user": True,
        "influencer": True,
        "decider": True,
        "buyer": True,
        "gatekeeper": True,
        "approver": True,
        "champion": True,
    }
    assert [_holder(h) for h in coverage.role("decider").holders] == [
        # pat (partner) knows cfo better than me does, but our own direct contact wins.
        ("cfo", "neutral", True, "me", 0.3),
        # arch knows cio, but arch is a contact, not one of ours.
        ("cio", "supporter", False, None, None),
    ]
    assert [_holder(h) for h in coverage.role("champion").holders] == [
        ("arch", "champion", True, "me", 0.9)
    ]
    # cio is unknown to us; the sceptic user is low-ranked and moves no decider directly.
    route = coverage.role("decider").holders[1].route
    assert (route.path, route.kind) == (("me", "arch", "cio"), RouteKind.VIA_CONTACT)
    assert coverage.warnings == (
        CoverageWarning(
            "DECIDER_NOT_CONTACTED",
            "None of our or our partners' people knows Cio, who decides, themselves; the plan's "
            "route: Me (ours) → Arch → Cio (0.90); status gap +2 with Me.",
            ("cio",),
            (route,),
        ),
    )


def _holder(h: RoleHolder) -> tuple[str, str, bool, str | None, float | None]:
    return (h.person_id, h.stance, h.known_to_us, h.known_by, h.strength)


def test_known_to_us_ignores_contacts_and_breaks_ties_by_id() -> None:
    _, K = build(
        [person("zoe", "home"), person("amy", "partner"), person("c"), person("d")],
        knows=[("zoe", "c", 0.5), ("amy", "c", 0.5), ("d", "c", 0.9)],
    )
    assert known_to_us(K, "c") == ("amy", 0.5)
    assert known_to_us(K, "d") is None


# -- each warning, present and absent ----------------------------------------------------------


def _codes(
    people: list[PersonNode],
    influences: list[tuple[str, str, float]],
    knows: list[tuple[str, str, float]],
    members: list[Member],
    ranks: dict[str, float] | None = None,
) -> tuple[str, ...]:
    G, K = build(people, influences, knows=knows)
    return deal_coverage(G, K, members, ranks=ranks).codes


BASE = [person("me", "home"), person("d"), person("x")]


def test_no_decider() -> None:
    knows = [("me", "d", 0.5), ("me", "x", 0.5)]
    without = [member("d", "buyer"), member("x", "user")]
    assert "NO_DECIDER" in _codes(BASE, [], knows, without)
    assert "NO_DECIDER" not in _codes(BASE, [], knows, [member("d", "decider"), member("x")])


def test_decider_not_contacted() -> None:
    members = [member("d", "decider"), member("x", "user")]
    G, K = build(BASE, knows=[("me", "x", 0.5), ("x", "d", 0.9)])  # only a contact knows d
    warning = deal_coverage(G, K, members).warnings[0]
    assert (warning.code, warning.people) == ("DECIDER_NOT_CONTACTED", ("d",))
    assert "DECIDER_NOT_CONTACTED" not in _codes(
        BASE, [], [("me", "x", 0.5), ("me", "d", 0.1)], members
    )


def test_influential_blocker_by_rank() -> None:
    people = [*BASE, person("y"), person("z")]
    knows = [("me", p, 0.5) for p in ("d", "x", "y", "z")]
    members = [
        member("d", "decider"),
        member("x", stance="blocker"),
        member("y", stance="sceptic"),
        member("z", stance="supporter"),
    ]
    # Top quartile of four members is the single highest rank.
    top_blocker = {"d": 0.2, "x": 0.4, "y": 0.1, "z": 0.3}
    G, K = build(people, knows=knows)
    warnings = deal_coverage(G, K, members, ranks=top_blocker).warnings
    assert [(w.code, w.people) for w in warnings] == [("INFLUENTIAL_BLOCKER", ("x",))]
    assert "most listened-to quarter" in warnings[0].message
    top_supporter = {"d": 0.2, "x": 0.1, "y": 0.15, "z": 0.4}
    assert _codes(people, [], knows, members, top_supporter) == ()


def test_influential_blocker_by_moving_a_decider() -> None:
    knows = [("me", "d", 0.5), ("me", "x", 0.5)]
    members = [member("d", "decider"), member("x", stance="sceptic")]
    ranks = {"d": 0.9, "x": 0.1}
    G, K = build(BASE, [("x", "d", 0.3)], knows=knows)
    warnings = deal_coverage(G, K, members, ranks=ranks).warnings
    assert [(w.code, w.people) for w in warnings] == [("INFLUENTIAL_BLOCKER", ("x", "d"))]
    assert warnings[0].message == "X, a sceptic, directly influences D."
    # The same sceptic two steps away from the decider is not flagged.
    people = [*BASE, person("m")]
    assert _codes(people, [("x", "m", 0.3), ("m", "d", 0.9)], knows, members, ranks) == ()


def test_single_threaded_and_no_contact() -> None:
    members = [member("d", "decider"), member("x")]
    assert _codes(BASE, [], [("me", "d", 0.5)], members) == ("SINGLE_THREADED",)
    # Knowing nobody is said as such, not called single threaded.
    G, K = build(BASE, [("x", "d", 0.5)])
    warning = deal_coverage(G, K, members).warnings[-1]
    assert (warning.code, warning.people) == ("NO_CONTACT", ())
    assert warning.message.startswith("We know nobody in this buying centre")
    assert _codes(BASE, [], [("me", "d", 0.5), ("me", "x", 0.2)], members) == ()


def test_champion_without_access() -> None:
    people = [*BASE, person("m1"), person("m2")]
    knows = [("me", p, 0.5) for p in ("d", "x")]
    by_role = [member("d", "decider"), member("x", "champion", motive="fit_in")]
    by_stance = [member("d", "decider"), member("x", "user", stance="champion", motive="fit_in")]
    three_hops = [("x", "m1", 0.9), ("m1", "m2", 0.9), ("m2", "d", 0.9)]
    for members in (by_role, by_stance):
        codes = _codes(people, three_hops, knows, members)
        assert codes[0] == "CHAMPION_WITHOUT_ACCESS"
        two_hops = [("x", "m1", 0.9), ("m1", "d", 0.9)]
        assert "CHAMPION_WITHOUT_ACCESS" not in _codes(people, two_hops, knows, members)
    # A champion by role whose stance is neutral: the rule is stated, not left to contradict.
    assert _codes(people, [("x", "m1", 0.9), ("m1", "d", 0.9)], knows, by_role) == (
        "CHAMPION_NOT_COMMITTED",
    )
    # A champion who decides has access to themselves; without a decider, NO_DECIDER says it.
    champion_decider = [
        member("d", "decider", "champion", stance="supporter", motive="stand_out"),
        member("x"),
    ]
    assert _codes(BASE, [], knows, champion_decider) == ()
    no_decider = [member("x", "champion", stance="champion", motive="fit_in"), member("d")]
    assert _codes(BASE, [], knows, no_decider) == ("NO_DECIDER",)


def test_champion_row_lists_champions_by_role_and_by_stance() -> None:
    G, K = build(BASE, knows=[("me", "d", 0.5), ("me", "x", 0.5)])
    members = [
        member("d", "decider", stance="champion"),
        member("x", "champion", stance="supporter"),
    ]
    row = deal_coverage(G, K, members).role("champion")
    assert row.filled
    assert [(h.person_id, h.holds_role) for h in row.holders] == [("d", False), ("x", True)]


def test_members_must_be_in_scope_and_unique() -> None:
    G, K = build(BASE)
    with pytest.raises(AnalyticsInputError, match="'ghost' is not among the people"):
        deal_coverage(G, K, [member("ghost", "decider")])
    with pytest.raises(AnalyticsInputError, match="appears twice"):
        deal_coverage(G, K, [member("d", "decider"), member("d", "user")])
