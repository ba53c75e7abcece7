"""Status gaps and higher-status influencers."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.analytics import (
    HigherStatusInfluencer,
    OurGap,
    gaps_to_ours,
    higher_status_influencers,
    influence_rank,
    status_gap,
)
from tests.unit.analytics.graphs import build, person


def test_status_gap_is_first_minus_second() -> None:
    G, _ = build([person("vp", level=5), person("me", "home", 3), person("x", level=None)])
    assert status_gap(G, "vp", "me") == 2
    assert status_gap(G, "me", "vp") == -2
    assert status_gap(G, "vp", "vp") == 0
    assert status_gap(G, "x", "me") is None
    assert status_gap(G, "me", "x") is None


def test_gaps_to_ours_lists_every_home_person_closest_first() -> None:
    G, _ = build(
        [
            person("cfo", level=6),
            person("ae", "home", 3),
            person("cro", "home", 6),
            person("vp", "home", 5),
            person("new", "home", None),
            person("pat", "partner", 6),
        ]
    )
    assert gaps_to_ours(G, "cfo") == [
        OurGap("cro", 6, 0),
        OurGap("vp", 5, 1),
        OurGap("ae", 3, 3),
        OurGap("new", None, None),
    ]


@pytest.fixture
def office() -> nx.DiGraph:
    # me (4) is moved by: boss (6, 0.5), peer (4, 0.9), vp (5, 0.5), junior (2, 0.8).
    # Two hops: ceo (7) -> peer (0.6) -> me = 0.54; ceo -> junior (0.5) -> me = 0.4;
    # chair (7) -> boss (1.0) -> me = 0.5; boss -> vp (0.2) -> me is a 1-hop influencer too.
    G, _ = build(
        [
            person("me", level=4),
            person("boss", level=6),
            person("peer", level=4),
            person("vp", level=5),
            person("junior", level=2),
            person("ceo", level=7),
            person("chair", level=7),
        ],
        [
            ("boss", "me", 0.5),
            ("peer", "me", 0.9),
            ("vp", "me", 0.5),
            ("junior", "me", 0.8),
            ("ceo", "peer", 0.6),
            ("ceo", "junior", 0.5),
            ("chair", "boss", 1.0),
            ("boss", "vp", 0.2),
            ("me", "ceo", 0.1),
        ],
    )
    return G


def test_direct_higher_status_influencers_by_weight_then_rank(office: nx.DiGraph) -> None:
    # boss and vp tie on weight 0.5: the one with the higher influence rank comes first.
    ranks = {"boss": 0.1, "vp": 0.3}
    found = higher_status_influencers(office, "me", ranks=ranks)
    assert found == [
        HigherStatusInfluencer("vp", 5, 1, 0.5, None),
        HigherStatusInfluencer("boss", 6, 2, 0.5, None),
    ]


def test_tie_on_weight_and_rank_goes_to_id(office: nx.DiGraph) -> None:
    found = higher_status_influencers(office, "me", ranks={})
    assert [h.person_id for h in found] == ["boss", "vp"]


def test_two_hops_add_strongest_route_and_never_repeat_direct(office: nx.DiGraph) -> None:
    found = higher_status_influencers(office, "me", hops=2, ranks={})
    assert [(h.person_id, h.strength, h.via) for h in found] == [
        ("ceo", pytest.approx(0.54), "peer"),
        ("boss", 0.5, None),
        ("chair", 0.5, "boss"),
        ("vp", 0.5, None),
    ]


def test_unknown_level_gives_nothing_and_bad_hops_is_refused(office: nx.DiGraph) -> None:
    G, _ = build([person("a", level=6), person("b", level=None)], [("a", "b", 0.5)])
    assert higher_status_influencers(G, "b") == []
    with pytest.raises(ValueError, match="hops"):
        higher_status_influencers(office, "me", hops=3)


def test_ranks_are_computed_when_not_given() -> None:
    # zed and amy move me equally, but zed also moves amy, so zed is listened to more.
    G, _ = build(
        [person("me", level=3), person("amy", level=5), person("zed", level=5)],
        [("amy", "me", 0.5), ("zed", "me", 0.5), ("zed", "amy", 0.5)],
    )
    ranks = influence_rank(G)
    assert ranks["zed"] > ranks["amy"]
    assert [h.person_id for h in higher_status_influencers(G, "me")] == ["zed", "amy"]
