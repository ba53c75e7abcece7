"""The data contract and the influence / access graph builders."""

from __future__ import annotations

import pytest

from graph.analytics import (
    AnalyticsInputError,
    InfluenceEdge,
    KnowsEdge,
    Member,
    PersonNode,
    access_graph,
    influence_graph,
)
from graph.errors import StatusmapError
from tests.unit.analytics.graphs import build, person


def test_nodes_carry_person_fields() -> None:
    G, _ = build([PersonNode("p1", "Pia", 5, "acme", "customer")])
    assert G.nodes["p1"] == {
        "id": "p1",
        "name": "Pia",
        "level": 5,
        "org_id": "acme",
        "org_kind": "customer",
    }


def test_reports_to_adds_manager_to_report_with_default_weight() -> None:
    G, _ = build([person("boss"), person("dev")], reports_to=[("dev", "boss")])
    assert list(G.edges(data=True)) == [
        ("boss", "dev", {"weight": 0.5, "kind": "reports_to", "basis": "normative"})
    ]


def test_reports_to_weight_is_configurable() -> None:
    G = influence_graph(
        [person("boss"), person("dev")], [], [("dev", "boss")], reports_to_weight=0.3
    )
    assert G["boss"]["dev"]["weight"] == 0.3


def test_explicit_influence_wins_over_reporting_line() -> None:
    G, _ = build(
        [person("boss"), person("dev")],
        [("boss", "dev", 0.9)],
        reports_to=[("dev", "boss")],
    )
    assert G["boss"]["dev"] == {"weight": 0.9, "kind": "advice", "basis": "informational"}
    assert not G.has_edge("dev", "boss")


def test_explicit_influence_below_default_still_wins() -> None:
    G, _ = build(
        [person("boss"), person("dev")], [("boss", "dev", 0.1)], reports_to=[("dev", "boss")]
    )
    assert G["boss"]["dev"]["weight"] == 0.1


def test_duplicate_influence_keeps_max_weight() -> None:
    G = influence_graph(
        [person("a"), person("b")],
        [
            InfluenceEdge("a", "b", 0.3, "peer"),
            InfluenceEdge("a", "b", 0.7, "advice"),
            InfluenceEdge("a", "b", 0.5, "social"),
        ],
        [],
    )
    assert G["a"]["b"] == {"weight": 0.7, "kind": "advice", "basis": "informational"}


def test_edge_to_unknown_person_is_an_error_naming_the_edge() -> None:
    with pytest.raises(AnalyticsInputError, match=r"INFLUENCES 'a'->'ghost'.*'ghost'"):
        build([person("a")], [("a", "ghost", 0.5)])
    with pytest.raises(ValueError, match=r"REPORTS_TO 'ghost'->'a'"):
        build([person("a")], reports_to=[("ghost", "a")])


def test_errors_are_statusmap_errors_with_a_code() -> None:
    with pytest.raises(StatusmapError) as caught:
        build([person("a"), person("a")])
    assert caught.value.code == "invalid_analytics_input"
    assert "appears twice" in caught.value.message


def test_self_influence_is_refused() -> None:
    with pytest.raises(AnalyticsInputError, match="themselves"):
        build([person("a")], [("a", "a", 0.5)])


@pytest.mark.parametrize("weight", [-0.1, 1.5])
def test_weight_outside_unit_interval_is_refused(weight: float) -> None:
    with pytest.raises(AnalyticsInputError, match="between 0 and 1"):
        InfluenceEdge("a", "b", weight, "advice")


def test_unknown_org_kind_role_and_stance_are_refused() -> None:
    with pytest.raises(AnalyticsInputError, match="org_kind"):
        PersonNode("a", "A", 1, "x", "supplier")
    with pytest.raises(AnalyticsInputError, match="unknown roles"):
        Member("a", frozenset({"decider", "boss"}), "neutral")
    with pytest.raises(AnalyticsInputError, match="stance"):
        Member("a", frozenset({"decider"}), "hostile")


def test_access_graph_has_knows_both_ways_and_influence_forward() -> None:
    G, K = build(
        [person("me", "home"), person("c1"), person("c2")],
        [("c1", "c2", 0.4)],
        knows=[("me", "c1", 0.8)],
    )
    assert K["me"]["c1"] == {"knows": 0.8, "strength": 0.8}
    assert K["c1"]["me"] == {"knows": 0.8, "strength": 0.8}
    assert K["c1"]["c2"] == {"influence": 0.4, "strength": 0.4}
    assert not K.has_edge("c2", "c1")
    assert dict(K.nodes(data="org_kind")) == dict(G.nodes(data="org_kind"))


def test_access_edge_strength_is_the_larger_part() -> None:
    _, K = build(
        [person("me", "home"), person("c1")],
        [("me", "c1", 0.3)],
        knows=[("c1", "me", 0.6), ("me", "c1", 0.5)],
    )
    assert K["me"]["c1"] == {"influence": 0.3, "knows": 0.6, "strength": 0.6}


def test_access_graph_refuses_unknown_people() -> None:
    G, _ = build([person("me", "home")])
    with pytest.raises(AnalyticsInputError, match=r"KNOWS 'me'->'x'"):
        access_graph(G, [KnowsEdge("me", "x", 0.5)])


@pytest.mark.parametrize(
    ("kind", "basis"),
    [
        ("advice", "informational"),
        ("external", "informational"),
        ("peer", "normative"),
        ("social", "normative"),
        ("sponsor", "normative"),
    ],
)
def test_each_kind_has_its_default_basis_which_a_recorded_basis_overrides(
    kind: str, basis: str
) -> None:
    people = [PersonNode("a", "A", 3, "o", "customer"), PersonNode("b", "B", 3, "o", "customer")]
    G = influence_graph(people, [InfluenceEdge("a", "b", 0.5, kind)], [])
    assert G["a"]["b"]["basis"] == basis
    other = "normative" if basis == "informational" else "informational"
    G = influence_graph(people, [InfluenceEdge("a", "b", 0.5, kind, other)], [])
    assert G["a"]["b"]["basis"] == other
