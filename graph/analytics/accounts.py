"""Cross-account influencers: people whose influence reaches several customer accounts.

An *account* is a customer or prospect organisation. A person's influence *reaches* a
person ``t`` of another account when there is an influence edge to ``t`` (``hops=1``) or a
path of at most two edges (``hops=2``); the reach's strength is that of the strongest such
path (product of weights). Accounts the person works at are not counted: influence at home is
not cross-account. Anyone can be a cross-account influencer -- a partner's consultant or an
industry figure as well as a customer's employee.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

__all__ = ["ACCOUNT_KINDS", "AccountReach", "CrossAccountInfluencer", "cross_account_influencers"]

ACCOUNT_KINDS = frozenset({"customer", "prospect"})
"""Organisation kinds that count as accounts."""


@dataclass(frozen=True, slots=True)
class AccountReach:
    """The people of one account a person's influence reaches, and the total strength."""

    org_id: str
    people: tuple[str, ...]
    weight: float


@dataclass(frozen=True, slots=True)
class CrossAccountInfluencer:
    """A person whose influence reaches ``len(accounts)`` accounts other than their own.

    ``total_weight`` is the sum, over every person reached, of the strongest path's strength.
    """

    person_id: str
    org_id: str | None
    accounts: tuple[AccountReach, ...]
    total_weight: float


def cross_account_influencers(
    G: nx.DiGraph, *, min_accounts: int = 2, hops: int = 1
) -> list[CrossAccountInfluencer]:
    """People whose outgoing influence reaches at least ``min_accounts`` other accounts.

    Parameters
    ----------
    G : networkx.DiGraph
        Influence graph; nodes need ``org_id`` and ``org_kind``.
    min_accounts : int, default 2
        Fewest distinct accounts reached.
    hops : {1, 2}, default 1
        Count direct influence only, or paths of up to two edges.

    Returns
    -------
    list of CrossAccountInfluencer
        By number of accounts (descending), then total weight (descending), then id. Accounts
        within an entry are ordered by weight (descending), then id.

    Examples
    --------
    >>> G = nx.DiGraph()
    >>> G.add_node("analyst", org_id="gartner", org_kind="partner")
    >>> G.add_node("a1", org_id="acme", org_kind="customer")
    >>> G.add_node("b1", org_id="bolt", org_kind="prospect")
    >>> G.add_weighted_edges_from([("analyst", "a1", 0.5), ("analyst", "b1", 0.75)])
    >>> [(c.person_id, [a.org_id for a in c.accounts], c.total_weight)
    ...  for c in cross_account_influencers(G)]
    [('analyst', ['bolt', 'acme'], 1.25)]
    """
    if hops not in (1, 2):
        raise ValueError(f"hops must be 1 or 2, got {hops}")
    if min_accounts < 1:
        raise ValueError(f"min_accounts must be at least 1, got {min_accounts}")
    account_of = {
        p: data.get("org_id") if data.get("org_kind") in ACCOUNT_KINDS else None
        for p, data in G.nodes(data=True)
    }
    found = []
    for person, own_org in G.nodes(data="org_id"):
        reach = _strongest_reach(G, person, hops)
        per_account: dict[str, dict[str, float]] = {}
        for target, strength in reach.items():
            org = account_of[target]
            if org is not None and org != own_org:
                per_account.setdefault(org, {})[target] = strength
        if len(per_account) < min_accounts:
            continue
        accounts = sorted(
            (
                AccountReach(org, tuple(sorted(people)), sum(people.values()))
                for org, people in per_account.items()
            ),
            key=lambda a: (-a.weight, a.org_id),
        )
        total = sum(a.weight for a in accounts)
        found.append(CrossAccountInfluencer(person, own_org, tuple(accounts), total))
    found.sort(key=lambda c: (-len(c.accounts), -c.total_weight, c.person_id))
    return found


def _strongest_reach(G: nx.DiGraph, person: str, hops: int) -> dict[str, float]:
    """Strength of the strongest path of at most ``hops`` (1 or 2) edges to each person."""
    best: dict[str, float] = {}
    for x, first in G.succ[person].items():
        w1 = float(first.get("weight", 1.0))
        if w1 <= 0.0:
            continue
        if w1 > best.get(x, 0.0):
            best[x] = w1
        if hops == 2:
            for target, second in G.succ[x].items():
                strength = w1 * float(second.get("weight", 1.0))
                if target != person and strength > best.get(target, 0.0):
                    best[target] = strength
    return best
