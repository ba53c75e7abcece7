"""Cross-account influencers."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.analytics import AccountReach, CrossAccountInfluencer, cross_account_influencers
from tests.unit.analytics.graphs import build, person


@pytest.fixture
def market() -> nx.DiGraph:
    people = [
        person("analyst", "partner", 5),
        person("a1", org="acme"),
        person("a2", org="acme"),
        person("b1", org="bolt"),
        person("c1", org="core"),
        person("h1", "home"),
        person("ceo", org="acme"),
    ]
    influences = [
        ("analyst", "a1", 0.5),
        ("analyst", "a2", 0.25),
        ("analyst", "b1", 0.5),
        ("analyst", "h1", 0.9),  # our own people are not an account
        ("b1", "c1", 0.5),
        ("ceo", "a1", 0.8),  # inside their own account only
        ("ceo", "b1", 0.4),
    ]
    G, _ = build(people, influences)
    return G


def test_direct_reach_of_two_or_more_accounts(market: nx.DiGraph) -> None:
    assert cross_account_influencers(market) == [
        CrossAccountInfluencer(
            "analyst",
            "pals",
            (AccountReach("acme", ("a1", "a2"), 0.75), AccountReach("bolt", ("b1",), 0.5)),
            1.25,
        )
    ]


def test_own_account_does_not_count(market: nx.DiGraph) -> None:
    found = {c.person_id: c for c in cross_account_influencers(market, min_accounts=1)}
    assert [a.org_id for a in found["ceo"].accounts] == ["bolt"]
    assert found["b1"].accounts == (AccountReach("core", ("c1",), 0.5),)


def test_two_hops_reach_further_with_the_product_of_weights(market: nx.DiGraph) -> None:
    found = cross_account_influencers(market, min_accounts=3, hops=2)
    # analyst -> b1 -> c1 adds core at 0.5 * 0.5; ceo reaches bolt and, via b1, core.
    assert [(c.person_id, [a.org_id for a in c.accounts]) for c in found] == [
        ("analyst", ["acme", "bolt", "core"])
    ]
    assert found[0].total_weight == pytest.approx(1.5)
    ceo = {c.person_id: c for c in cross_account_influencers(market, hops=2)}["ceo"]
    assert ceo.accounts == (AccountReach("bolt", ("b1",), 0.4), AccountReach("core", ("c1",), 0.2))


def test_ordering_and_validation(market: nx.DiGraph) -> None:
    found = cross_account_influencers(market, min_accounts=1)
    assert [c.person_id for c in found] == ["analyst", "b1", "ceo"]
    with pytest.raises(ValueError, match="hops"):
        cross_account_influencers(market, hops=3)
    with pytest.raises(ValueError, match="min_accounts"):
        cross_account_influencers(market, min_accounts=0)
