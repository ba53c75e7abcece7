"""The data contract of the analytics core and the graphs built from it.

Everything in :mod:`graph.analytics` works on two directed graphs built here:

* the *influence graph* ``G`` (:func:`influence_graph`): one node per person, an edge
  ``a -> b`` with ``weight`` in ``[0, 1]`` when ``a``'s view moves ``b``'s. Explicit
  INFLUENCES relationships come first; each REPORTS_TO line adds ``manager -> report`` with a
  configurable weight unless an explicit INFLUENCES edge already says how much the manager
  moves the report.
* the *access graph* ``K`` (:func:`access_graph`): the routes by which our people (home
  organisation) and our partners' people reach contacts. It has the influence edges of ``G``
  plus KNOWS relationships, the latter in both directions because acquaintance is mutual even
  though the relationship is recorded once, by whoever recorded it.

Node attributes are the fields of :class:`PersonNode`. Influence edges carry ``weight``,
``kind`` and ``basis`` (``normative`` or ``informational``; a reporting line is normative);
access edges carry ``strength`` (the larger of their parts), and ``knows`` and/or
``influence`` for the parts they came from.
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Mapping
from dataclasses import dataclass, fields
from typing import Final

import networkx as nx

from graph.errors import InvalidInput
from graph.model.common import Motive, OrganisationKind, Outcome, Role, Stance, basis_of, vocabulary

__all__ = [
    "APPROACH_SIDES",
    "ORG_KINDS",
    "ROLES",
    "STANCES",
    "AnalyticsInputError",
    "InfluenceEdge",
    "KnowsEdge",
    "Member",
    "PersonNode",
    "access_graph",
    "influence_graph",
]

ORG_KINDS: Final[tuple[str, ...]] = vocabulary(OrganisationKind)
"""Kinds of organisation a person can work at."""

APPROACH_SIDES: Final[frozenset[str]] = frozenset({OrganisationKind.HOME, OrganisationKind.PARTNER})
"""Organisation kinds whose people can open a door for us."""

ROLES: Final[tuple[str, ...]] = vocabulary(Role)
"""Buying-centre roles, in the order reports list them."""

STANCES: Final[tuple[str, ...]] = vocabulary(Stance)
"""A buying-centre member's stance towards us."""


class AnalyticsInputError(InvalidInput, ValueError):
    """The people, edges or members handed to an analytics function do not fit together.

    The message names the offending person or edge and says what to fix.
    """

    code = "invalid_analytics_input"


def _check_unit_interval(value: float, what: str) -> None:
    if not 0.0 <= value <= 1.0:
        raise AnalyticsInputError(f"{what} must be between 0 and 1, got {value!r}")


@dataclass(frozen=True, slots=True)
class PersonNode:
    """A person as the analytics see them.

    Parameters
    ----------
    id : str
        Stable person id.
    name : str
        Display name.
    level : int or None
        Rank on the organisational ladder (7 board/owner ... 1 individual contributor);
        ``None`` when unknown.
    org_id : str or None
        The organisation the person works at, if known.
    org_kind : str or None
        One of ``customer``, ``prospect``, ``partner``, ``home``; ``None`` when unknown.
    """

    id: str
    name: str
    level: int | None
    org_id: str | None
    org_kind: str | None

    def __post_init__(self) -> None:
        if self.org_kind is not None and self.org_kind not in ORG_KINDS:
            raise AnalyticsInputError(
                f"person {self.id!r}: org_kind {self.org_kind!r} is not one of {ORG_KINDS}"
            )


_PERSON_FIELDS: Final[tuple[str, ...]] = tuple(f.name for f in fields(PersonNode))


@dataclass(frozen=True, slots=True)
class InfluenceEdge:
    """``source``'s view moves ``target``'s, with ``weight`` in ``[0, 1]``.

    ``basis`` is ``normative`` or ``informational`` when recorded; ``None`` takes the default
    of ``kind`` (:func:`graph.model.common.basis_of`).
    """

    source: str
    target: str
    weight: float
    kind: str
    basis: str | None = None

    def __post_init__(self) -> None:
        if not 0.0 <= self.weight <= 1.0:  # the message is built only when needed
            _check_unit_interval(self.weight, f"INFLUENCES {self.source!r}->{self.target!r} weight")


@dataclass(frozen=True, slots=True)
class KnowsEdge:
    """``source`` (one of ours or a partner's) knows ``target``, with ``strength`` in ``[0, 1]``."""

    source: str
    target: str
    strength: float

    def __post_init__(self) -> None:
        if not 0.0 <= self.strength <= 1.0:
            _check_unit_interval(self.strength, f"KNOWS {self.source!r}->{self.target!r} strength")


@dataclass(frozen=True, slots=True)
class Member:
    """A person's place in one deal's buying centre: roles, stance towards us, status stake.

    The stake: ``motive`` (``fit_in``, ``stand_out``, ``unknown``), ``outcome`` of the deal for
    their standing (``gains``, ``neutral``, ``loses``, ``unknown``) with ``evidence``, and
    ``aspiration``, the level they reach for (``None`` when not known).
    """

    person_id: str
    roles: frozenset[str]
    stance: str
    motive: str = Motive.UNKNOWN
    outcome: str = Outcome.UNKNOWN
    evidence: str | None = None
    aspiration: int | None = None

    def __post_init__(self) -> None:
        unknown_roles = sorted(self.roles - set(ROLES))
        if unknown_roles:
            raise AnalyticsInputError(
                f"member {self.person_id!r}: unknown roles {unknown_roles}; use {ROLES}"
            )
        if self.stance not in STANCES:
            raise AnalyticsInputError(
                f"member {self.person_id!r}: stance {self.stance!r} is not one of {STANCES}"
            )
        for field, value, allowed in (
            ("motive", self.motive, Motive),
            ("outcome", self.outcome, Outcome),
        ):
            if value not in allowed.__members__.values():
                choices = [m.value for m in allowed]
                raise AnalyticsInputError(
                    f"member {self.person_id!r}: {field} {value!r} is not one of {choices}"
                )


def influence_graph(
    people: Iterable[PersonNode],
    influences: Iterable[InfluenceEdge],
    reports_to: Iterable[tuple[str, str]],
    *,
    reports_to_weight: float = 0.5,
) -> nx.DiGraph:
    """Build the influence graph of a scope.

    Parameters
    ----------
    people : iterable of PersonNode
        Everyone in scope; ids must be unique.
    influences : iterable of InfluenceEdge
        ``a -> b`` when ``a``'s view moves ``b``'s. Repeated ``a -> b`` keep the largest weight.
    reports_to : iterable of (report_id, manager_id)
        ``(report)-[:REPORTS_TO]->(manager)``; each adds ``manager -> report`` with weight
        ``reports_to_weight`` and kind ``"reports_to"`` unless an INFLUENCES edge
        ``manager -> report`` exists.
    reports_to_weight : float, default 0.5
        How much a manager moves a report's view when nothing more specific is recorded.

    Returns
    -------
    networkx.DiGraph
        Nodes keyed by person id with the :class:`PersonNode` fields as attributes; edges with
        ``weight`` and ``kind``.

    Raises
    ------
    AnalyticsInputError
        (a ``ValueError``) for a repeated person id, an edge to or from a person not in
        ``people``, a person influencing or reporting to themselves, or a weight outside
        ``[0, 1]``.

    Examples
    --------
    >>> people = [
    ...     PersonNode("ceo", "Ada", 6, "acme", "customer"),
    ...     PersonNode("cfo", "Bo", 6, "acme", "customer"),
    ...     PersonNode("it", "Cy", 4, "acme", "customer"),
    ... ]
    >>> G = influence_graph(
    ...     people,
    ...     [InfluenceEdge("cfo", "ceo", 0.8, "advice")],
    ...     [("it", "cfo")],
    ... )
    >>> sorted(G.edges(data="weight"))
    [('cfo', 'ceo', 0.8), ('cfo', 'it', 0.5)]
    >>> G.nodes["it"]["level"]
    4
    """
    _check_unit_interval(reports_to_weight, "reports_to_weight")
    nodes: dict[str, dict[str, object]] = {}
    for person in people:
        if person.id in nodes:
            raise AnalyticsInputError(f"person {person.id!r} appears twice; ids must be unique")
        nodes[person.id] = {f: getattr(person, f) for f in _PERSON_FIELDS}

    # Labels for messages are built only on a failure: on 50,000 edges the f-strings alone
    # would cost more than the checks.
    edges: dict[tuple[str, str], dict[str, object]] = {}
    for edge in influences:
        source, target = edge.source, edge.target
        if source not in nodes or target not in nodes or source == target:
            _refuse_edge(nodes, source, target, "INFLUENCES", "influence")
        current = edges.get((source, target))
        if current is None or edge.weight > current["weight"]:  # type: ignore[operator]
            basis = basis_of(edge.kind, edge.basis).value
            edges[source, target] = {"weight": edge.weight, "kind": edge.kind, "basis": basis}

    for report, manager in reports_to:
        if report not in nodes or manager not in nodes or report == manager:
            _refuse_edge(nodes, report, manager, "REPORTS_TO", "report to")
        if (manager, report) not in edges:
            edges[manager, report] = {
                "weight": reports_to_weight,
                "kind": "reports_to",
                "basis": basis_of("reports_to").value,
            }
    return _digraph(nodes, edges)


def _digraph(
    nodes: dict[str, dict[str, object]], edges: Mapping[tuple[str, str], Mapping[str, object]]
) -> nx.DiGraph:
    """A DiGraph of ``nodes`` and ``edges`` (each edge's attribute dict is used as it is).

    The edges go straight into the graph's adjacency dicts: ``add_edge`` and ``add_edges_from``
    check both ends and copy and update an attribute dict per edge, which on a map of 50,000
    edges costs more than the influence rank computed on it. The ends are known to be nodes.
    """
    G = nx.DiGraph()
    G.add_nodes_from(nodes.items())
    successors, predecessors = G._succ, G._pred
    for (a, b), data in edges.items():
        successors[a][b] = predecessors[b][a] = data
    return G


def _refuse_edge(nodes: Container[str], source: str, target: str, type_: str, verb: str) -> None:
    """Raise the error for an edge whose ends are missing or the same person."""
    label = f"{type_} {source!r}->{target!r}"
    missing = [p for p in (source, target) if p not in nodes]
    if missing:
        names = " and ".join(repr(p) for p in missing)
        raise AnalyticsInputError(
            f"{label}: {names} not among the people in scope; add them or drop the edge"
        )
    raise AnalyticsInputError(f"{label}: a person cannot {verb} themselves")


def access_graph(G: nx.DiGraph, knows: Iterable[KnowsEdge]) -> nx.DiGraph:
    """Build the graph over which our people and our partners' people reach contacts.

    Parameters
    ----------
    G : networkx.DiGraph
        An influence graph from :func:`influence_graph`.
    knows : iterable of KnowsEdge
        KNOWS relationships; both ends must be nodes of ``G``.

    Returns
    -------
    networkx.DiGraph
        The nodes of ``G`` with their attributes; an edge ``a -> b`` for every influence edge
        (``influence`` = its weight) and both ``a -> b`` and ``b -> a`` for every KNOWS
        relationship (``knows`` = its strength, the largest when repeated). ``strength`` is the
        larger of the two parts and is what access paths multiply.

    Raises
    ------
    AnalyticsInputError
        For a KNOWS edge to or from a person not in ``G``, or from a person to themselves.

    Examples
    --------
    >>> G = influence_graph(
    ...     [PersonNode("me", "Me", 4, "us", "home"), PersonNode("c", "C", 5, "acme", "customer")],
    ...     [],
    ...     [],
    ... )
    >>> K = access_graph(G, [KnowsEdge("me", "c", 0.7)])
    >>> K["c"]["me"]["strength"], K["me"]["c"]["knows"]
    (0.7, 0.7)
    """
    edges: dict[tuple[str, str], dict[str, float]] = {}
    for a, successors in G.adj.items():
        for b, data in successors.items():
            weight = float(data.get("weight", 1.0))
            edges[a, b] = {"influence": weight, "strength": weight}
    nodes = G.nodes
    for edge in knows:
        source, target, strength = edge.source, edge.target, edge.strength
        if source not in nodes or target not in nodes or source == target:
            _refuse_edge(nodes, source, target, "KNOWS", "know")
        for pair in ((source, target), (target, source)):
            data = edges.get(pair)
            if data is None:
                edges[pair] = {"knows": strength, "strength": strength}
            else:
                data["knows"] = known = max(strength, data.get("knows", strength))
                data["strength"] = max(known, data.get("influence", 0.0))
    return _digraph(dict(G.nodes(data=True)), edges)


def add_access_part(K: nx.DiGraph, a: str, b: str, part: str, value: float) -> None:
    """Record ``part`` (``"knows"`` or ``"influence"``) on ``a -> b``, keeping the largest."""
    data = K.get_edge_data(a, b)
    if data is None:
        K.add_edge(a, b, **{part: value, "strength": value})
        return
    data[part] = max(value, data.get(part, value))
    data["strength"] = max(data.get("knows", 0.0), data.get("influence", 0.0))


def members_by_id(G: nx.DiGraph, members: Iterable[Member]) -> dict[str, Member]:
    """Index a buying centre by person id, refusing repeats and people missing from ``G``."""
    by_id: dict[str, Member] = {}
    for member in members:
        if member.person_id not in G:
            raise AnalyticsInputError(
                f"buying-centre member {member.person_id!r} is not among the people in scope"
            )
        if member.person_id in by_id:
            raise AnalyticsInputError(
                f"buying-centre member {member.person_id!r} appears twice; merge their roles"
            )
        by_id[member.person_id] = member
    return by_id
