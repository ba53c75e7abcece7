"""What-if: changes applied to copies, before/after and the difference."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.analytics import (
    AnalyticsInputError,
    InfluenceEdge,
    KnowsEdge,
    StepMove,
    what_if,
)
from tests.unit.analytics.graphs import build, member, person

PEOPLE = [
    person("me", "home", 5),
    person("cfo", level=6),
    person("it", level=4),
    person("ops", level=3),
]
MEMBERS = [
    member("cfo", "decider"),
    member("it", "influencer", stance="champion"),
    member("ops", "user", stance="sceptic"),
]


def _graphs() -> tuple[nx.DiGraph, nx.DiGraph]:
    return build(
        PEOPLE,
        [("it", "cfo", 0.8), ("ops", "it", 0.5)],
        knows=[("me", "it", 0.9), ("me", "ops", 0.6)],
    )


def _snapshot(H: nx.DiGraph) -> tuple[object, object]:
    return sorted(H.nodes(data=True)), sorted(
        (a, b, sorted(d.items())) for a, b, d in H.edges(data=True)
    )


def test_inputs_are_never_mutated() -> None:
    G, K = _graphs()
    before = (_snapshot(G), _snapshot(K))
    what_if(
        G,
        K,
        MEMBERS,
        remove_people=["ops"],
        remove_edges=[("it", "cfo")],
        remove_knows=[("it", "me")],
        add_edges=[InfluenceEdge("me", "cfo", 0.3, "advice"), KnowsEdge("me", "cfo", 0.4)],
    )
    assert (_snapshot(G), _snapshot(K)) == before


def test_no_changes_no_difference() -> None:
    G, K = _graphs()
    result = what_if(G, K, MEMBERS)
    assert result.plan_before == result.plan_after
    assert result.coverage_before == result.coverage_after
    assert result.diff.moved == ()
    assert result.diff.warnings_added == result.diff.warnings_removed == ()


def test_contacting_the_decider_removes_a_warning_and_moves_the_plan() -> None:
    G, K = _graphs()
    result = what_if(G, K, MEMBERS, add_edges=[KnowsEdge("me", "cfo", 0.95)])
    assert "DECIDER_NOT_CONTACTED" in result.coverage_before.codes
    assert [w.code for w in result.diff.warnings_removed] == ["DECIDER_NOT_CONTACTED"]
    assert result.diff.warnings_added == ()
    cfo_before = {s.person_id: s for s in result.plan_before}["cfo"]
    cfo_after = {s.person_id: s for s in result.plan_after}["cfo"]
    assert cfo_after.intro_path == ("me", "cfo")
    assert cfo_after.score > cfo_before.score
    # cfo keeps second place (it still leads): not moved, but changed, with both routes.
    assert cfo_before.order == cfo_after.order == 2
    assert "cfo" not in {m.person_id for m in result.diff.moved}
    changed = {m.person_id: m for m in result.diff.changed}
    assert changed["cfo"] == StepMove(
        "cfo",
        2,
        2,
        cfo_before.score,
        cfo_after.score,
        "Me (ours) → It → Cfo (0.72); status gap +1 with Me",
        "Me (ours) knows Cfo (0.95); status gap +1 with Me",
    )


def test_moved_lists_only_steps_that_moved() -> None:
    G, K = _graphs()
    result = what_if(G, K, MEMBERS, add_edges=[KnowsEdge("me", "cfo", 0.95)])
    for m in result.diff.moved:
        assert m.order_before != m.order_after
    for m in result.diff.changed:
        assert m.order_before == m.order_after


def test_removing_a_person_takes_them_out_of_the_buying_centre() -> None:
    G, K = _graphs()
    result = what_if(G, K, MEMBERS, remove_people=["it"])
    assert [s.person_id for s in result.plan_after] == ["cfo", "ops"]
    gone = {m.person_id: m for m in result.diff.moved}["it"]
    assert (gone.order_before, gone.order_after, gone.route_after) == (1, None, None)
    # Without it, nothing of ours reaches the decider through the champion.
    assert {s.person_id: s for s in result.plan_after}["cfo"].intro_kind == "none"


def test_removing_the_champion_edge_raises_champion_without_access() -> None:
    G, K = _graphs()
    result = what_if(G, K, MEMBERS, remove_edges=[("it", "cfo")])
    assert [(w.code, w.people) for w in result.diff.warnings_added] == [
        ("CHAMPION_WITHOUT_ACCESS", ("it",))
    ]


def test_added_influence_replaces_the_weight() -> None:
    G, K = _graphs()
    weaker = what_if(G, K, MEMBERS, add_edges=[InfluenceEdge("it", "cfo", 0.1, "advice")])
    it_after = {s.person_id: s for s in weaker.plan_after}["it"]
    assert it_after.leverage_on == (("cfo", 0.1, ("it", "cfo")),)


def test_removing_a_knows_relationship_drops_both_directions() -> None:
    G, K = _graphs()
    result = what_if(G, K, MEMBERS, remove_knows=[("it", "me")])
    it_after = {s.person_id: s for s in result.plan_after}["it"]
    # Only the way round through ops is left: me knows ops (0.6), ops moves it (0.5).
    assert (it_after.intro_path, it_after.intro_kind) == (("me", "ops", "it"), "contact")
    assert it_after.access == pytest.approx(0.3)


def test_removing_what_is_not_there_is_an_error() -> None:
    G, K = _graphs()
    with pytest.raises(AnalyticsInputError, match="'ghost'"):
        what_if(G, K, MEMBERS, remove_people=["ghost"])
    with pytest.raises(AnalyticsInputError, match=r"influence 'cfo'->'it'"):
        what_if(G, K, MEMBERS, remove_edges=[("cfo", "it")])
    with pytest.raises(AnalyticsInputError, match="KNOWS"):
        what_if(G, K, MEMBERS, remove_knows=[("me", "cfo")])
    with pytest.raises(AnalyticsInputError, match="not in scope"):
        what_if(G, K, MEMBERS, remove_people=["ops"], add_edges=[KnowsEdge("me", "ops", 0.5)])


def test_a_hypothetical_colleague_who_knows_the_decider_opens_a_route() -> None:
    G, K = _graphs()
    before = (_snapshot(G), _snapshot(K))
    nia = person("nia", "home", 6)
    result = what_if(G, K, MEMBERS, add_people=[nia], add_edges=[KnowsEdge("nia", "cfo", 0.9)])
    assert (_snapshot(G), _snapshot(K)) == before  # nothing of the real deal changes
    cfo = {s.person_id: s for s in result.plan_after}["cfo"]
    assert cfo.intro_path == ("nia", "cfo")
    assert cfo.route.text == "Nia (ours) knows Cfo (0.90); status gap +0 with Nia"
    assert [w.code for w in result.diff.warnings_removed] == ["DECIDER_NOT_CONTACTED"]
    assert result.G_after is not None and result.G_after.nodes["nia"]["org_kind"] == "home"


def test_a_hypothetical_member_reporting_to_the_decider_joins_the_plan() -> None:
    G, K = _graphs()
    result = what_if(
        G,
        K,
        MEMBERS,
        add_people=[person("new", level=3)],
        add_members=[member("new", "buyer", stance="supporter")],
        add_reports_to=[("new", "cfo")],
        add_edges=[KnowsEdge("me", "new", 0.8)],
        reports_to_weight=0.4,
    )
    G_after = result.G_after
    assert G_after is not None
    assert G_after["cfo"]["new"] == {"weight": 0.4, "kind": "reports_to", "basis": "normative"}
    assert "new" not in {s.person_id for s in result.plan_before}
    new = {s.person_id: s for s in result.plan_after}["new"]
    assert new.roles == ("buyer",) and new.intro_path == ("me", "new")
    buyer = next(r for r in result.coverage_after.roles if r.role == "buyer")
    assert [h.person_id for h in buyer.holders] == ["new"]


def test_a_hypothetical_persons_id_must_be_new_and_ties_must_end_in_scope() -> None:
    G, K = _graphs()
    with pytest.raises(AnalyticsInputError, match="'cfo': someone in scope has that id"):
        what_if(G, K, MEMBERS, add_people=[person("cfo")])
    with pytest.raises(AnalyticsInputError, match=r"\['ghost'\] not in scope"):
        what_if(G, K, MEMBERS, add_reports_to=[("ghost", "cfo")])
