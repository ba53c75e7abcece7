"""Status: how people compare on the ladder, and who of higher status moves a person's view.

Levels are ranks on one ladder (on the default organisational ladder 7 is board/owner and 1
an individual contributor), read from the ``level`` attribute of the influence graph's nodes.
A gap is always *first minus second*: ``status_gap(G, contact, ours) = 2`` means the contact
sits two levels above our person.

"Higher status" has one definition, :data:`HIGHER_STATUS` (:func:`is_higher_status`): every
field that filters by it uses it — these analytics, and the Cypher of
``Person.influencers(higherStatusOnly: true)`` and of a buying centre's influencers, through
the fragment ``queries/fragments/higher_status.cypher``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import networkx as nx

from graph.analytics.centrality import influence_rank

__all__ = [
    "HIGHER_STATUS",
    "HigherStatusInfluencer",
    "OurGap",
    "gaps_to_ours",
    "higher_status_influencers",
    "is_higher_status",
    "level_gap",
    "level_of",
    "our_people",
    "status_gap",
]


HIGHER_STATUS = (
    "Higher status: a level above the person's on the organisational ladder. A person without "
    "a level is neither higher nor lower than anyone: they have no higher-status influencers "
    "and are no one's."
)
"""The definition, as the GraphQL schema's descriptions state it."""


def is_higher_status(level: int | None, own: int | None) -> bool:
    """Whether someone at ``level`` is of higher status than someone at ``own``.

    Only known levels compare (:data:`HIGHER_STATUS`).

    >>> is_higher_status(5, 3), is_higher_status(3, 3), is_higher_status(5, None)
    (True, False, False)
    >>> is_higher_status(None, 3)
    False
    """
    return level is not None and own is not None and level > own


@dataclass(frozen=True, slots=True)
class OurGap:
    """The status gap between a contact and one of our people.

    ``gap`` is the contact's level minus ``our_person``'s (positive: the contact is senior).
    """

    our_person: str
    level: int | None
    gap: int | None


@dataclass(frozen=True, slots=True)
class HigherStatusInfluencer:
    """Someone of higher status whose view moves the person's.

    Attributes
    ----------
    person_id : str
        The influencer.
    level : int
        Their level.
    gap : int
        Their level minus the influenced person's (always positive).
    strength : float
        Edge weight, or the product of both weights for a two-hop route.
    via : str or None
        The person in between on a two-hop route; ``None`` when direct.
    """

    person_id: str
    level: int
    gap: int
    strength: float
    via: str | None


def level_of(G: nx.DiGraph, person: str) -> int | None:
    """The level of ``person`` in ``G`` (``None`` when unknown); KeyError if not in ``G``."""
    level: int | None = G.nodes[person].get("level")
    return level


def level_gap(a: int | None, b: int | None) -> int | None:
    """Level ``a`` minus level ``b``; ``None`` if either is unknown: the one rule of a gap.

    >>> level_gap(5, 3), level_gap(3, 5), level_gap(5, None)
    (2, -2, None)
    """
    if a is None or b is None:
        return None
    return a - b


def status_gap(G: nx.DiGraph, a: str, b: str) -> int | None:
    """Level of ``a`` minus level of ``b``; ``None`` if either is unknown.

    Examples
    --------
    >>> G = nx.DiGraph()
    >>> G.add_node("vp", level=5)
    >>> G.add_node("me", level=3)
    >>> G.add_node("x", level=None)
    >>> status_gap(G, "vp", "me"), status_gap(G, "me", "vp"), status_gap(G, "vp", "x")
    (2, -2, None)
    """
    return level_gap(level_of(G, a), level_of(G, b))


def our_people(G: nx.DiGraph) -> tuple[str, ...]:
    """Our people in ``G`` (organisation kind ``home``), in node order.

    One scan of the graph: callers asking for many people's gaps compute it once per graph
    (``ScopeAnalysis.ours``) and pass it to :func:`gaps_to_ours`.
    """
    return tuple(p for p, kind in G.nodes(data="org_kind") if kind == "home")


def gaps_to_ours(G: nx.DiGraph, person: str, ours: Iterable[str] | None = None) -> list[OurGap]:
    """The gap between ``person`` and each of our people (organisation kind ``home``).

    Ordered by the size of the gap (unknown last), then by id: the first is the closest
    match in status. ``ours``: :func:`our_people` of ``G``, when already known.

    Examples
    --------
    >>> G = nx.DiGraph()
    >>> G.add_node("cfo", level=6, org_kind="customer")
    >>> G.add_node("ae", level=3, org_kind="home")
    >>> G.add_node("cro", level=6, org_kind="home")
    >>> [(g.our_person, g.gap) for g in gaps_to_ours(G, "cfo")]
    [('cro', 0), ('ae', 3)]
    """
    home = our_people(G) if ours is None else ours
    gaps = [OurGap(o, level_of(G, o), status_gap(G, person, o)) for o in home if o != person]
    return sorted(
        gaps, key=lambda g: (g.gap is None, abs(g.gap) if g.gap is not None else 0, g.our_person)
    )


def higher_status_influencers(
    G: nx.DiGraph,
    person: str,
    *,
    hops: int = 1,
    ranks: Mapping[str, float] | None = None,
) -> list[HigherStatusInfluencer]:
    """People of higher status than ``person`` whose view moves ``person``'s.

    Parameters
    ----------
    G : networkx.DiGraph
        Influence graph.
    person : str
        The person influenced.
    hops : {1, 2}, default 1
        1: in-neighbours ``a`` with ``level(a) > level(person)``. 2: also ``a -> x -> person``
        with ``level(a) > level(person)`` (any ``x``), strength = product of the two weights,
        the strongest ``x`` kept as ``via``; someone already a direct influencer is not
        repeated.
    ranks : mapping of str to float, optional
        Influence ranks for tie-breaking; computed with
        :func:`~graph.analytics.centrality.influence_rank` when omitted.

    Returns
    -------
    list of HigherStatusInfluencer
        By strength (descending), then influence rank (descending), then id. Empty when the
        person's level is unknown (:data:`HIGHER_STATUS`).

    Examples
    --------
    >>> G = nx.DiGraph()
    >>> for p, level in [("ceo", 6), ("vp", 5), ("peer", 4), ("me", 4)]:
    ...     G.add_node(p, level=level)
    >>> G.add_weighted_edges_from([("vp", "me", 0.6), ("peer", "me", 0.9), ("ceo", "vp", 0.5)])
    >>> [(h.person_id, h.strength, h.via) for h in higher_status_influencers(G, "me", hops=2)]
    [('vp', 0.6, None), ('ceo', 0.3, 'vp')]
    """
    if hops not in (1, 2):
        raise ValueError(f"hops must be 1 or 2, got {hops}")
    own = level_of(G, person)
    if own is None:
        return []
    found: dict[str, tuple[float, str | None]] = {}
    for a, data in G.pred[person].items():
        found[a] = (float(data.get("weight", 1.0)), None)
    if hops == 2:
        two_hop: dict[str, tuple[float, str | None]] = {}
        for x, x_data in G.pred[person].items():
            for a, a_data in G.pred[x].items():
                if a == person or a in found:
                    continue
                strength = float(a_data.get("weight", 1.0)) * float(x_data.get("weight", 1.0))
                current = two_hop.get(a)
                if current is None or (-strength, x) < (-current[0], str(current[1])):
                    two_hop[a] = (strength, x)
        found.update(two_hop)

    rank = ranks if ranks is not None else influence_rank(G)
    result = []
    for a, (strength, via) in found.items():
        level = level_of(G, a)
        if level is not None and is_higher_status(level, own):
            result.append(HigherStatusInfluencer(a, level, level - own, strength, via))
    result.sort(key=lambda h: (-h.strength, -rank.get(h.person_id, 0.0), h.person_id))
    return result
