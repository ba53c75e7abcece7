"""A deal's what-if as the API asks for it: imagined people and ties, checked by the rules that
hold for stored ones, then one what-if computation over the deal's cached analysis.

Nothing is written. A hypothetical contact is validated as a stored person is
(:class:`graph.model.HypotheticalPersonIn`: the same field rules, errors named
``addPeople[i].field``); their level, when not given, comes from their title through the one
title rule (:func:`graph.rules.titles.infer_rank`), capped by their managers' levels as the org
chart caps a stored inferred level. Imagined ties keep the integrity rules
(:mod:`graph.rules.integrity`): a "knows" tie starts at one of ours or a partner's, a member of
the buying centre is on the buyer's side, reporting lines close no cycle.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise
from typing import Any, Final

import networkx as nx

from graph.analytics import InfluenceEdge, KnowsEdge, Member, PersonNode, WhatIfResult, what_if
from graph.database.store import WorkspaceStore
from graph.errors import ValidationFailed
from graph.model import HypotheticalPersonIn, Stance
from graph.repository.sides import read_sides
from graph.repository.writes import validate_items
from graph.rules.integrity import knows_problem, member_problem, reporting_cycle
from graph.rules.titles import infer_rank
from graph.scopes.cache import AnalysisOptions, ScopeAnalysis

__all__ = [
    "MAX_HYPOTHETICAL_PEOPLE",
    "MAX_IMAGINED_TIES",
    "DealWhatIf",
    "HypotheticalPerson",
    "WhatIfChanges",
    "deal_what_if",
]

MAX_HYPOTHETICAL_PEOPLE: Final = 20
"""Hypothetical contacts in one what-if: a handful is what a planner weighs at once."""
MAX_IMAGINED_TIES: Final = 200
"""Ties of each kind added or removed in one what-if."""


@dataclass(frozen=True)
class WhatIfChanges:
    """What to change, in the analytics' terms (person ids are keys or hypothetical ids)."""

    remove_people: Sequence[str] = ()
    remove_influences: Sequence[tuple[str, str]] = ()
    add_people: Sequence[Mapping[str, Any]] = ()
    """Hypothetical people as the API gives them (the fields of HypotheticalPersonIn)."""
    add_reports_to: Sequence[tuple[str, str]] = ()
    """(report, manager)."""
    add_influences: Sequence[InfluenceEdge] = ()
    add_knows: Sequence[KnowsEdge] = ()


@dataclass(frozen=True)
class HypotheticalPerson:
    """A hypothetical contact as the what-if took them: level inferred or given."""

    id: str
    name: str
    title: str | None
    department: str | None
    organisation_id: str | None
    organisation_kind: str | None
    rank: int | None
    inferred: bool
    roles: tuple[str, ...] = ()
    stance: str | None = None

    @property
    def member(self) -> bool:
        """In the buying centre: given roles or a stance."""
        return bool(self.roles) or self.stance is not None


@dataclass(frozen=True)
class DealWhatIf:
    result: WhatIfResult
    people: list[HypotheticalPerson] = field(default_factory=list)


def _limits(changes: WhatIfChanges) -> None:
    over = [
        (name, f"at most {most} in one what-if; try fewer changes at once")
        for name, items, most in (
            ("addPeople", changes.add_people, MAX_HYPOTHETICAL_PEOPLE),
            ("removePeople", changes.remove_people, MAX_IMAGINED_TIES),
            ("removeInfluences", changes.remove_influences, MAX_IMAGINED_TIES),
            ("addReportsTo", changes.add_reports_to, MAX_IMAGINED_TIES),
            ("addInfluences", changes.add_influences, MAX_IMAGINED_TIES),
            ("addKnows", changes.add_knows, MAX_IMAGINED_TIES),
        )
        if len(items) > most
    ]
    if over:
        raise ValidationFailed(over)


async def _hypothetical(
    ws: WorkspaceStore, analysis: ScopeAnalysis, items: Sequence[Mapping[str, Any]]
) -> list[HypotheticalPerson]:
    """The hypothetical people, each checked as a stored person would be (one read)."""
    people = validate_items(HypotheticalPersonIn, items, "addPeople")
    if not people:
        return []
    ids = [p.id for p in people]
    organisations = {p.organisation_id for p in people if p.organisation_id is not None}
    sides = await read_sides(
        ws.read, people=ids, deals=[analysis.scope.key], organisations=organisations
    )
    deal_organisation = sides.deals.get(analysis.scope.key)
    errors: list[tuple[str, str]] = []
    first_at: dict[str, int] = {}
    found: list[HypotheticalPerson] = []
    for i, p in enumerate(people):
        at = f"addPeople[{i}]"
        if p.id in first_at:
            errors.append((f"{at}.id", f"duplicate id {p.id!r} (also at {first_at[p.id]})"))
        first_at.setdefault(p.id, i)
        if p.id in analysis.G or p.id in sides.people:
            errors.append(
                (f"{at}.id", f"{p.id!r} is a stored person's id; give the contact an id of its own")
            )
        kind = sides.organisations.get(p.organisation_id) if p.organisation_id else None
        if p.organisation_id is not None and kind is None:
            errors.append(
                (f"{at}.organisationId", f"no organisation {p.organisation_id!r} in this workspace")
            )
        roles = tuple(r.value for r in p.roles or ())
        stance = p.stance.value if p.stance is not None else None
        rank = p.level_rank if p.level_rank is not None else infer_rank(p.title)
        person = HypotheticalPerson(
            id=p.id,
            name=p.name,
            title=p.title,
            department=p.department,
            organisation_id=p.organisation_id,
            organisation_kind=kind,
            rank=rank,
            inferred=p.level_rank is None and rank is not None,
            roles=roles,
            stance=stance,
        )
        if person.member:
            problem = member_problem(p.id, p.organisation_id, kind, deal_organisation)
            if problem is not None:
                errors.append((f"{at}.roles", problem))
        found.append(person)
    if errors:
        raise ValidationFailed(errors)
    return found


def _capped(
    people: list[HypotheticalPerson], G: nx.DiGraph, lines: Sequence[tuple[str, str]]
) -> list[HypotheticalPerson]:
    """An inferred level never above a manager's (the title rule's org-chart cap)."""
    levels = {p.id: p.rank for p in people}

    def level(person: str) -> int | None:
        if person in levels:
            return levels[person]
        return G.nodes[person].get("level") if person in G else None

    capped = []
    for p in people:
        above = [rank for r, m in lines if r == p.id and (rank := level(m)) is not None]
        if p.inferred and p.rank is not None and above and p.rank > min(above):
            p = replace(p, rank=min(above))
        capped.append(p)
    return capped


def _check_ties(
    analysis: ScopeAnalysis, people: list[HypotheticalPerson], changes: WhatIfChanges
) -> None:
    """The integrity rules on imagined ties: who may know whom, no reporting cycle."""
    sides = {p.id: (p.organisation_id, p.organisation_kind) for p in people}
    G = analysis.G
    errors: list[tuple[str, str]] = []
    for i, tie in enumerate(changes.add_knows):
        source = tie.source
        if source in sides:
            side = sides[source]
        elif source in G:
            side = (G.nodes[source].get("org_id"), G.nodes[source].get("org_kind"))
        else:
            continue  # not in scope: the what-if says so
        problem = knows_problem(source, *side)
        if problem is not None:
            errors.append((f"addKnows[{i}].sourceId", problem))
    chart = nx.DiGraph(list(analysis.scope.reports_to))
    stored = set(chart.edges)
    for i, (report, manager) in enumerate(changes.add_reports_to):
        closes = report != manager and report in chart and manager in chart
        if closes and nx.has_path(chart, manager, report):
            path = nx.shortest_path(chart, manager, report)
            through = any(hop in stored for hop in pairwise(path))
            cycle = reporting_cycle([report, *path], through_stored=through)
            errors.append((f"addReportsTo[{i}].managerId", cycle))
        else:
            chart.add_edge(report, manager)
    if errors:
        raise ValidationFailed(errors)


async def deal_what_if(
    ws: WorkspaceStore,
    analysis: ScopeAnalysis,
    changes: WhatIfChanges,
    *,
    reports_to_weight: float = AnalysisOptions.reports_to_weight,
) -> DealWhatIf:
    """Coverage and plan of the deal of ``analysis`` before and after ``changes``.

    Raises :class:`~graph.errors.ValidationFailed` naming the input's field (``addPeople[0].name``,
    ``addKnows[1].sourceId``) when a change breaks a rule, and
    :class:`~graph.analytics.AnalyticsInputError` when it names someone not in scope.
    """
    _limits(changes)
    people = await _hypothetical(ws, analysis, changes.add_people)
    _check_ties(analysis, people, changes)
    people = _capped(people, analysis.G, changes.add_reports_to)
    nodes = [
        PersonNode(p.id, p.name, p.rank, p.organisation_id, p.organisation_kind) for p in people
    ]
    members = [
        Member(p.id, frozenset(p.roles), p.stance or Stance.UNKNOWN.value)
        for p in people
        if p.member
    ]
    # Coverage and plan are computed twice over the deal's graph: CPU-bound work, kept off the
    # event loop like the analysis itself (graph/scopes/cache.py).
    result = await asyncio.to_thread(
        what_if,
        analysis.G,
        analysis.K,
        analysis.scope.members,
        remove_people=changes.remove_people,
        remove_edges=changes.remove_influences,
        add_people=nodes,
        add_members=members,
        add_reports_to=changes.add_reports_to,
        add_edges=[*changes.add_influences, *changes.add_knows],
        weights=analysis.plan_weights,
        reports_to_weight=reports_to_weight,
    )
    return DealWhatIf(result, people)
