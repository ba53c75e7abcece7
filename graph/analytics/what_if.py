"""What-if: change people or relationships and see how coverage and the plan change.

The inputs are never mutated: the changes are applied to copies of the influence graph ``G``
and the access graph ``K``, and influence ranks are recomputed on the changed graph.

* ``remove_people``: the people leave the scope -- their relationships go, and so does their
  place in the buying centre.
* ``remove_edges``: ``(source, target)`` influence edges (INFLUENCES or a reporting line)
  leave ``G``, and their influence part leaves ``K``.
* ``remove_knows``: ``(a, b)`` KNOWS relationships leave ``K`` (both directions).
* ``add_people``: hypothetical people (a :class:`~graph.analytics.influence_graph.PersonNode`
  each) join the scope; ``add_members`` puts people (hypothetical or not) in the buying centre.
  Their ids must be new to the scope.
* ``add_reports_to``: ``(report, manager)`` reporting lines; each adds ``manager -> report``
  as :func:`~graph.analytics.influence_graph.influence_graph` does (``reports_to_weight``,
  unless an influence edge says how much), in ``G`` and ``K``.
* ``add_edges``: an :class:`~graph.analytics.influence_graph.InfluenceEdge` sets ``source ->
  target`` in ``G`` (replacing any weight there) and in ``K``; a
  :class:`~graph.analytics.influence_graph.KnowsEdge` sets the KNOWS part in ``K`` both ways.

Removals are applied before additions; people are added before the ties that end at them.
Removing something that is not there is an error, so that a typo does not silently answer a
different question.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from graph.analytics.approach import PlanStep, approach_plan
from graph.analytics.centrality import influence_rank
from graph.analytics.coverage import Coverage, CoverageWarning, deal_coverage
from graph.analytics.influence_graph import (
    AnalyticsInputError,
    InfluenceEdge,
    KnowsEdge,
    Member,
    PersonNode,
    add_access_part,
)
from graph.analytics.routes import deal_routes, influential_opponents
from graph.analytics.weights import PlanWeights
from graph.model.common import basis_of

__all__ = ["StepMove", "WhatIfDiff", "WhatIfResult", "what_if"]


@dataclass(frozen=True, slots=True)
class StepMove:
    """A plan step before and after; ``None`` order: absent from that plan.

    ``route_before`` and ``route_after`` are the texts of the routes in.
    """

    person_id: str
    order_before: int | None
    order_after: int | None
    score_before: float | None
    score_after: float | None
    route_before: str | None = None
    route_after: str | None = None


@dataclass(frozen=True, slots=True)
class WhatIfDiff:
    """What changed, and warnings that appeared or went away.

    ``moved`` holds only the steps whose position changed (or that appeared or went);
    ``changed`` the steps that kept their position but whose score or route changed.
    Warnings are compared by code and the people they concern, so a ``SINGLE_THREADED``
    warning about a different person counts as one removed and one added.
    """

    moved: tuple[StepMove, ...]
    warnings_added: tuple[CoverageWarning, ...]
    warnings_removed: tuple[CoverageWarning, ...]
    changed: tuple[StepMove, ...] = ()


@dataclass(frozen=True, slots=True)
class WhatIfResult:
    """Coverage and plan before and after the changes, and the difference.

    ``G_after`` is the changed influence graph: it names the hypothetical people.
    """

    coverage_before: Coverage
    coverage_after: Coverage
    plan_before: tuple[PlanStep, ...]
    plan_after: tuple[PlanStep, ...]
    diff: WhatIfDiff
    G_after: nx.DiGraph | None = None


def what_if(
    G: nx.DiGraph,
    K: nx.DiGraph,
    members: Iterable[Member],
    *,
    remove_people: Iterable[str] = (),
    remove_edges: Iterable[tuple[str, str]] = (),
    remove_knows: Iterable[tuple[str, str]] = (),
    add_people: Iterable[PersonNode] = (),
    add_members: Iterable[Member] = (),
    add_reports_to: Iterable[tuple[str, str]] = (),
    add_edges: Iterable[InfluenceEdge | KnowsEdge] = (),
    weights: PlanWeights = PlanWeights(),  # noqa: B008 - frozen, safe to share
    reports_to_weight: float = 0.5,
) -> WhatIfResult:
    """Coverage and approach plan before and after a set of changes.

    Parameters
    ----------
    G, K : networkx.DiGraph
        Influence and access graphs; left untouched.
    members : iterable of Member
        The buying centre.
    remove_people, remove_edges, remove_knows, add_people, add_members, add_reports_to, add_edges
        The changes (module docstring).
    weights : PlanWeights, optional
        Weights of the plan score.
    reports_to_weight : float, default 0.5
        How much an added reporting line's manager moves the report (as in ``G``).

    Returns
    -------
    WhatIfResult

    Raises
    ------
    AnalyticsInputError
        When a person or relationship to remove is not there, an added person's id is taken
        in scope, or an added edge or member names someone who is not in scope (after the
        removals and additions).

    Examples
    --------
    >>> from graph.analytics.influence_graph import (
    ...     KnowsEdge, PersonNode, access_graph, influence_graph)
    >>> G = influence_graph(
    ...     [PersonNode("me", "Me", 4, "us", "home"), PersonNode("cfo", "Cy", 6, "a", "customer")],
    ...     [],
    ...     [],
    ... )
    >>> K = access_graph(G, [])
    >>> result = what_if(G, K, [Member("cfo", frozenset({"decider"}), "neutral")],
    ...                  add_edges=[KnowsEdge("me", "cfo", 0.8)])
    >>> result.coverage_before.codes, result.coverage_after.codes
    (('DECIDER_NOT_CONTACTED', 'NO_CONTACT'), ('SINGLE_THREADED',))
    >>> [w.code for w in result.diff.warnings_removed]
    ['DECIDER_NOT_CONTACTED', 'NO_CONTACT']
    >>> result.plan_after[0].intro_path
    ('me', 'cfo')

    A hypothetical contact of ours who reports to nobody but knows the CFO:

    >>> new = PersonNode("new", "Nia", 5, "us", "home")
    >>> result = what_if(G, K, [Member("cfo", frozenset({"decider"}), "neutral")],
    ...                  add_people=[new], add_edges=[KnowsEdge("new", "cfo", 0.9)])
    >>> result.plan_after[0].route.text
    'Nia (ours) knows Cy (0.90); status gap +1 with Nia'
    """
    members = list(members)
    G_after, K_after = G.copy(), K.copy()
    gone = set(remove_people)
    for person in sorted(gone):
        if person not in G_after:
            raise AnalyticsInputError(f"cannot remove {person!r}: not among the people in scope")
        G_after.remove_node(person)
        K_after.remove_node(person)
    for a, b in remove_edges:
        if not G_after.has_edge(a, b):
            raise AnalyticsInputError(f"cannot remove influence {a!r}->{b!r}: there is none")
        G_after.remove_edge(a, b)
        _drop_access_part(K_after, a, b, "influence")
    for a, b in remove_knows:
        if not (_has_part(K_after, a, b, "knows") or _has_part(K_after, b, a, "knows")):
            raise AnalyticsInputError(f"cannot remove KNOWS {a!r}->{b!r}: there is none")
        _drop_access_part(K_after, a, b, "knows")
        _drop_access_part(K_after, b, a, "knows")
    for new in add_people:
        if new.id in G or new.id in G_after:
            raise AnalyticsInputError(f"cannot add {new.id!r}: someone in scope has that id")
        attributes = {f: getattr(new, f) for f in ("id", "name", "level", "org_id", "org_kind")}
        G_after.add_node(new.id, **attributes)
        K_after.add_node(new.id, **attributes)
    for report, manager in add_reports_to:
        _check_ends(G_after, "REPORTS_TO", report, manager)
        if not G_after.has_edge(manager, report):  # an influence edge says how much already
            basis = basis_of("reports_to").value
            G_after.add_edge(
                manager, report, weight=reports_to_weight, kind="reports_to", basis=basis
            )
            add_access_part(K_after, manager, report, "influence", reports_to_weight)
    for edge in add_edges:
        _check_ends(G_after, type(edge).__name__, edge.source, edge.target)
        if isinstance(edge, InfluenceEdge):
            G_after.add_edge(edge.source, edge.target, weight=edge.weight, kind=edge.kind)
            _drop_access_part(K_after, edge.source, edge.target, "influence")
            add_access_part(K_after, edge.source, edge.target, "influence", edge.weight)
        else:
            for a, b in ((edge.source, edge.target), (edge.target, edge.source)):
                _drop_access_part(K_after, a, b, "knows")
                add_access_part(K_after, a, b, "knows", edge.strength)

    added_members = {m.person_id: m for m in add_members}
    members_after = [
        m for m in members if m.person_id not in gone and m.person_id not in added_members
    ]
    members_after += added_members.values()
    coverage_before, plan_before = _coverage_and_plan(G, K, members, weights)
    coverage_after, plan_after = _coverage_and_plan(G_after, K_after, members_after, weights)
    return WhatIfResult(
        coverage_before,
        coverage_after,
        plan_before,
        plan_after,
        _diff(coverage_before, coverage_after, plan_before, plan_after),
        G_after,
    )


def _check_ends(G: nx.DiGraph, what: str, source: str, target: str) -> None:
    """Refuse an added tie whose ends are not in scope or are the same person."""
    missing = [p for p in (source, target) if p not in G]
    if missing or source == target:
        raise AnalyticsInputError(
            f"cannot add {what} {source!r}->{target!r}: "
            + (f"{missing} not in scope" if missing else "both ends are the same person")
        )


def _coverage_and_plan(
    G: nx.DiGraph, K: nx.DiGraph, members: list[Member], weights: PlanWeights
) -> tuple[Coverage, tuple[PlanStep, ...]]:
    """Coverage and plan over one route computation, as :func:`graph.scopes.cache.analyse` does."""
    ranks = influence_rank(G)
    opponents = [o.person_id for o in influential_opponents(G, members, ranks)]
    routes = deal_routes(G, K, members, weights=weights, opponents=opponents)
    plan = tuple(approach_plan(G, K, members, weights=weights, ranks=ranks, routes=routes))
    coverage = deal_coverage(G, K, members, ranks=ranks, routes=routes, plan=plan, weights=weights)
    return coverage, plan


def _has_part(K: nx.DiGraph, a: str, b: str, part: str) -> bool:
    data = K.get_edge_data(a, b)
    return data is not None and part in data


def _drop_access_part(K: nx.DiGraph, a: str, b: str, part: str) -> None:
    """Remove one part of ``a -> b``; the edge goes when nothing else holds it."""
    data = K.get_edge_data(a, b)
    if data is None or part not in data:
        return
    del data[part]
    rest = [data[p] for p in ("knows", "influence") if p in data]
    if rest:
        data["strength"] = max(rest)
    else:
        K.remove_edge(a, b)


def _diff(
    coverage_before: Coverage,
    coverage_after: Coverage,
    plan_before: tuple[PlanStep, ...],
    plan_after: tuple[PlanStep, ...],
) -> WhatIfDiff:
    before = {s.person_id: s for s in plan_before}
    after = {s.person_id: s for s in plan_after}
    moved, changed = [], []
    for person in sorted(before.keys() | after.keys()):
        b, a = before.get(person), after.get(person)
        step = StepMove(
            person,
            b.order if b else None,
            a.order if a else None,
            b.score if b else None,
            a.score if a else None,
            b.route.text if b else None,
            a.route.text if a else None,
        )
        if b is None or a is None or b.order != a.order:
            moved.append(step)
        elif abs(b.score - a.score) >= 1e-12 or b.route != a.route:
            changed.append(step)
    key_before = {(w.code, w.people): w for w in coverage_before.warnings}
    key_after = {(w.code, w.people): w for w in coverage_after.warnings}
    return WhatIfDiff(
        tuple(moved),
        tuple(w for k, w in key_after.items() if k not in key_before),
        tuple(w for k, w in key_before.items() if k not in key_after),
        tuple(changed),
    )
