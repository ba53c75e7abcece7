"""Status stakes: who gains and loses, the plan's stake term, the warnings and the framing."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.analytics import (
    InfluenceEdge,
    PersonNode,
    PlanWeights,
    access_graph,
    approach_plan,
    deal_coverage,
    influence_graph,
)
from graph.analytics.influence_graph import KnowsEdge
from graph.analytics.stakes import deal_stakes, decider_holds, framing, stake_term
from tests.unit.analytics.graphs import member

RANKS = {"cfo": 0.5, "it": 0.5, "vp": 0.1, "ops": 0.1, "ext": 0.1, "me": 0.0}


def _deal() -> tuple[nx.DiGraph, nx.DiGraph]:
    # it advises the CFO (0.8); the VP sponsors it (normative) and an analyst briefs it
    # (external, informational); ops is its peer (normative). We know the CFO and it.
    G = influence_graph(
        [
            PersonNode("me", "Mo", 5, "us", "home"),
            PersonNode("cfo", "Cy", 6, "acme", "customer"),
            PersonNode("it", "Ian", 5, "acme", "customer"),
            PersonNode("vp", "Vi", 6, "acme", "customer"),
            PersonNode("ops", "Oz", 5, "acme", "customer"),
            PersonNode("ext", "Eva", 4, "signal", "partner"),
        ],
        [
            InfluenceEdge("it", "cfo", 0.8, "advice"),
            InfluenceEdge("vp", "it", 0.6, "sponsor"),
            InfluenceEdge("ops", "it", 0.5, "peer"),
            InfluenceEdge("ext", "it", 0.7, "external"),
        ],
        [],
    )
    K = access_graph(G, [KnowsEdge("me", "cfo", 0.9), KnowsEdge("me", "it", 0.9)])
    return G, K


def test_gainers_and_losers_weighted_by_their_hold_on_the_deciders() -> None:
    G, _ = _deal()
    members = [
        member("cfo", "decider", outcome="gains"),
        member("it", "influencer", outcome="loses", aspiration=6),
        member("ops", outcome="neutral"),
    ]
    stakes = deal_stakes(G, members)
    by_id = {s.person_id: s for s in stakes.members}
    # cfo holds itself (1); it reaches the CFO at 0.8; ops reaches it, not the CFO, in 2 hops:
    # ops -> it -> cfo = 0.5 * 0.8 = 0.4.
    assert [(p, by_id[p].hold, by_id[p].weighted) for p in ("cfo", "it", "ops")] == [
        ("cfo", 1.0, 1.0),
        ("it", 0.8, -0.8),
        ("ops", pytest.approx(0.4), 0.0),
    ]
    assert (stakes.gainers, stakes.losers) == (("cfo",), ("it",))
    assert stakes.net == pytest.approx(0.2)
    assert by_id["it"].aspiration_gap == 1
    assert by_id["cfo"].aspiration_gap is None


def test_stake_term_pinned_by_hand() -> None:
    G, _ = _deal()
    w = PlanWeights()
    holds = decider_holds(G, [member("cfo", "decider"), member("it")], w)
    assert stake_term(G, member("cfo", "decider", outcome="gains"), holds["cfo"], w) == 0.1
    # Gains and reaches for a higher level: 0.1 * (1 + 0.5).
    gains_up = member("it", outcome="gains", aspiration=6)
    assert stake_term(G, gains_up, holds["it"], w) == pytest.approx(0.15)
    # Loses: 0.2 * hold 0.8.
    assert stake_term(G, member("it", outcome="loses"), holds["it"], w) == pytest.approx(0.16)
    assert stake_term(G, member("it", outcome="neutral"), holds["it"], w) == 0
    assert stake_term(G, member("it"), holds["it"], w) == 0


def test_an_influential_loser_is_brought_forward_and_else_warned_about() -> None:
    G, K = _deal()
    members = [member("cfo", "decider"), member("it", "influencer", outcome="loses")]
    # cfo: 0.4*1 + 0.3*0.9 + 0.2*0.5 + 0.1*1 - 0.05*1 (gap +1) = 0.82
    # it:  0.4*0.8 + 0.3*0.9 + 0.2*0.5 + 0.1*1 - 0 + 0.2*0.8 = 0.95
    plan = approach_plan(G, K, members, ranks=RANKS)
    assert [(s.person_id, s.score) for s in plan] == [
        ("it", pytest.approx(0.95)),
        ("cfo", pytest.approx(0.82)),
    ]
    assert plan[0].stake == pytest.approx(0.16)
    codes = deal_coverage(G, K, members, ranks=RANKS).codes
    assert "INFLUENTIAL_LOSER" not in codes
    # Without the urgency, it scores 0.79 and comes after the CFO it moves: warned.
    calm = PlanWeights(loser_urgency=0)
    plan = approach_plan(G, K, members, ranks=RANKS, weights=calm)
    assert [s.person_id for s in plan] == ["cfo", "it"]
    warning = next(
        w
        for w in deal_coverage(G, K, members, ranks=RANKS, weights=calm).warnings
        if w.code == "INFLUENTIAL_LOSER"
    )
    assert warning.people == ("it", "cfo")
    assert warning.message == (
        "Ian loses standing in this deal and moves Cy (0.80); the plan approaches Cy first and "
        "them only at step 2: approach them earlier and answer their loss."
    )


def test_a_loser_with_little_hold_is_not_influential() -> None:
    G, K = _deal()
    members = [member("cfo", "decider"), member("ops", outcome="loses")]  # hold 0.4 < 0.5
    assert "INFLUENTIAL_LOSER" not in deal_coverage(G, K, members, ranks=RANKS).codes


def test_no_gainer_once_outcomes_are_known() -> None:
    G, K = _deal()
    unknown = [member("cfo", "decider"), member("it")]
    assert "NO_GAINER" not in deal_coverage(G, K, unknown).codes
    nobody = [member("cfo", "decider", outcome="neutral"), member("it", outcome="loses")]
    warning = next(w for w in deal_coverage(G, K, nobody).warnings if w.code == "NO_GAINER")
    assert warning.message == (
        "Nobody in the buying centre gains standing from this deal: there is no natural "
        "champion; find what the deal does for Cy, who holds the deciders most."
    )
    one = [member("cfo", "decider", outcome="neutral"), member("it", outcome="gains")]
    assert "NO_GAINER" not in deal_coverage(G, K, one).codes


def test_champion_of_unknown_motive() -> None:
    G, K = _deal()
    members = [member("cfo", "decider"), member("it", stance="champion")]
    assert "CHAMPION_MOTIVE_UNKNOWN" in deal_coverage(G, K, members).codes
    members = [member("cfo", "decider"), member("it", stance="champion", motive="stand_out")]
    assert "CHAMPION_MOTIVE_UNKNOWN" not in deal_coverage(G, K, members).codes


def test_framing_by_motive_from_the_graph() -> None:
    G, _ = _deal()
    vp = member("vp", stance="supporter")
    by_id = {"vp": vp}
    fit = framing(G, member("it", motive="fit_in"), by_id)
    # Normative ties from peers and seniors: the VP (on our side) first, then the peer.
    assert [t.person_id for t in fit.ties] == ["vp", "ops"]
    assert fit.text == (
        "Fit in: show Ian that those they look up to back it: Vi (level 6, sponsor 0.60, for "
        "us), Oz (level 5, peer 0.50)."
    )
    # Someone they look up to who is against us is not held up as backing the deal.
    against = framing(G, member("it", motive="fit_in"), {"vp": member("vp", stance="sceptic")})
    assert against.text == (
        "Fit in: show Ian that those they look up to back it: Oz (level 5, peer 0.50). They "
        "also look up to Vi (a sceptic, level 6, sponsor 0.60): win them over first."
    )
    stand = framing(
        G,
        member(
            "it", motive="stand_out", outcome="gains", evidence="leads the rollout", aspiration=6
        ),
        by_id,
    )
    assert [t.person_id for t in stand.ties] == ["ext"]
    assert stand.text == (
        "Stand out: show Ian what sets them apart (reaching for level 6 (+1); leads the "
        "rollout); carry the evidence through Eva (level 4, external 0.70)."
    )
    unknown = framing(G, member("it", outcome="loses", evidence="owns the old system"), by_id)
    assert unknown.text == (
        "Motive unknown: ask whether Ian wants to fit in or stand out; meanwhile approval "
        "through Vi (level 6, sponsor 0.60, for us) and evidence through Eva (level 4, external "
        "0.70). Their standing loses in this deal (owns the old system): answer it before they "
        "block."
    )
    # Every step of a plan carries its framing.
    G, K = _deal()
    plan = approach_plan(G, K, [member("cfo", "decider"), member("it", motive="fit_in")])
    assert all(s.framing.text for s in plan)


def test_a_losing_decider_is_warned_about_by_what_they_decide() -> None:
    G, K = _deal()
    # Cy decides and loses; nobody reaches Cy: no route in, so the plan cannot address them.
    K.remove_edge("me", "cfo")
    K.remove_edge("cfo", "me")
    K.remove_edge("it", "cfo")
    members = [member("cfo", "decider", outcome="loses"), member("it")]
    warning = next(
        w for w in deal_coverage(G, K, members).warnings if w.code == "INFLUENTIAL_LOSER"
    )
    assert warning.message == (
        "Cy loses standing in this deal and decides; there is no route in to them."
    )
