"""GraphQL view of the what-if: a deal's coverage and plan if people or ties were removed or
added, hypothetical contacts included (nothing is stored; :mod:`graph.scopes.what_if`)."""

from __future__ import annotations

import networkx as nx
import strawberry

from api.graphql.enums import Role, Stance
from api.graphql.ids import key_of
from api.graphql.types.analytics import (
    AboutPerson,
    CoverageView,
    CoverageWarningView,
    Ctx,
    PlanStepView,
    PlanWeightsInput,
    analysis_of,
    coverage_view,
    plan_view,
    warning_view,
)
from graph.analytics import AnalyticsInputError, InfluenceEdge, KnowsEdge, StepMove
from graph.errors import ValidationFailed
from graph.repository.person_keys import resolve_people
from graph.scopes.what_if import (
    MAX_HYPOTHETICAL_PEOPLE,
    DealWhatIf,
    HypotheticalPerson,
    WhatIfChanges,
    deal_what_if,
)

__all__ = [
    "EdgeRefInput",
    "HypotheticalInfluenceInput",
    "HypotheticalKnowsInput",
    "HypotheticalPersonInput",
    "HypotheticalReportsToInput",
    "WhatIf",
    "run_what_if",
]


@strawberry.input(description="An edge by the keys (or ids) of its two people.")
class EdgeRefInput:
    source_id: strawberry.ID
    target_id: strawberry.ID


@strawberry.input(description="A hypothetical INFLUENCES edge.")
class HypotheticalInfluenceInput:
    source_id: strawberry.ID
    target_id: strawberry.ID
    weight: float
    kind: str = "advice"


@strawberry.input(description="A hypothetical KNOWS edge (one of ours or a partner's → anyone).")
class HypotheticalKnowsInput:
    source_id: strawberry.ID
    target_id: strawberry.ID
    strength: float


@strawberry.input(description="A hypothetical reporting line: person reports to manager.")
class HypotheticalReportsToInput:
    person_id: strawberry.ID
    manager_id: strawberry.ID


@strawberry.input(
    description="A contact imagined in a what-if, never stored: validated as a stored person "
    f"is (at most {MAX_HYPOTHETICAL_PEOPLE} in one what-if). Its id names it in the what-if's "
    "ties (addKnows, addInfluences, addReportsTo); roles or a stance put it in the buying centre."
)
class HypotheticalPersonInput:
    id: strawberry.ID = strawberry.field(
        description="A key of its own (not a stored person's), used by the ties."
    )
    name: str
    title: str | None = None
    department: str | None = None
    organisation_id: strawberry.ID | None = strawberry.field(
        default=None, description="Where they would work: an organisation of the workspace."
    )
    level_rank: int | None = strawberry.field(
        default=None,
        description="Rank on the organisational ladder (1-7); else inferred from the title.",
    )
    roles: list[Role] | None = None
    stance: Stance | None = None


@strawberry.type(description="A hypothetical contact as the what-if took them (never stored).")
class HypotheticalPersonView:
    key: str = strawberry.field(description="The id given; the plan and coverage name them so.")
    name: str
    title: str | None
    department: str | None
    organisation_key: str | None
    organisation_kind: str | None
    level_rank: int | None = strawberry.field(description="Given, or inferred from the title.")
    level_inferred: bool = strawberry.field(description="The level was inferred from the title.")
    roles: list[str]
    stance: str | None


@strawberry.type(description="A plan step before and after a hypothetical change.")
class StepMoveView(AboutPerson):
    order_before: int | None
    order_after: int | None
    score_before: float | None
    score_after: float | None
    route_before: str | None = strawberry.field(description="The route in before, in words.")
    route_after: str | None = strawberry.field(description="The route in after, in words.")


@strawberry.type(description="Coverage and plan before and after a hypothetical change.")
class WhatIf:
    coverage_before: CoverageView
    coverage_after: CoverageView
    plan_before: list[PlanStepView]
    plan_after: list[PlanStepView]
    moved: list[StepMoveView] = strawberry.field(
        description="Only the steps whose position changed (or that appeared or went)."
    )
    changed: list[StepMoveView] = strawberry.field(
        description="Steps that kept their position but whose score or route changed."
    )
    warnings_added: list[CoverageWarningView]
    warnings_removed: list[CoverageWarningView]
    hypothetical_people: list[HypotheticalPersonView] = strawberry.field(
        description="The hypothetical contacts, with the level each was given or inferred."
    )


def _moves(workspace: str, moves: tuple[StepMove, ...]) -> list[StepMoveView]:
    return [
        StepMoveView(
            workspace=workspace,
            person_key=m.person_id,
            order_before=m.order_before,
            order_after=m.order_after,
            score_before=m.score_before,
            score_after=m.score_after,
            route_before=m.route_before,
            route_after=m.route_after,
        )
        for m in moves
    ]


def _person_view(p: HypotheticalPerson) -> HypotheticalPersonView:
    return HypotheticalPersonView(
        key=p.id,
        name=p.name,
        title=p.title,
        department=p.department,
        organisation_key=p.organisation_id,
        organisation_kind=p.organisation_kind,
        level_rank=p.rank,
        level_inferred=p.inferred,
        roles=list(p.roles),
        stance=p.stance,
    )


def what_if_view(workspace: str, G: nx.DiGraph, answer: DealWhatIf) -> WhatIf:
    """The view of a what-if; ``G`` names the people before, the changed graph those after."""
    result = answer.result
    after = result.G_after if result.G_after is not None else G
    return WhatIf(
        coverage_before=coverage_view(workspace, G, result.coverage_before),
        coverage_after=coverage_view(workspace, after, result.coverage_after),
        plan_before=plan_view(workspace, G, result.plan_before),
        plan_after=plan_view(workspace, after, result.plan_after),
        moved=_moves(workspace, result.diff.moved),
        changed=_moves(workspace, result.diff.changed),
        warnings_added=[warning_view(workspace, after, w) for w in result.diff.warnings_added],
        warnings_removed=[warning_view(workspace, G, w) for w in result.diff.warnings_removed],
        hypothetical_people=[_person_view(p) for p in answer.people],
    )


def _person_fields(person: HypotheticalPersonInput) -> dict[str, object]:
    """The fields given, as the model takes them (an organisation's global id as its key)."""
    data: dict[str, object] = {k: v for k, v in vars(person).items() if v is not None}
    if person.organisation_id is not None:
        data["organisation_id"] = key_of(person.organisation_id, "Organisation")
    return data


async def run_what_if(
    info: Ctx,
    workspace_id: str,
    deal_id: str,
    *,
    remove_people: list[strawberry.ID],
    remove_influences: list[EdgeRefInput],
    add_influences: list[HypotheticalInfluenceInput],
    add_knows: list[HypotheticalKnowsInput],
    weights: PlanWeightsInput | None,
    add_people: list[HypotheticalPersonInput] | None = None,
    add_reports_to: list[HypotheticalReportsToInput] | None = None,
) -> WhatIf:
    """Coverage and plan of a deal before and after hypothetical changes (nothing is stored)."""
    ws = info.context.reader(workspace_id)
    analysis = await analysis_of(info, ws.workspace, "deal", key_of(deal_id, "Deal"), weights)
    given = [
        *remove_people,
        *(end for e in remove_influences for end in (e.source_id, e.target_id)),
        *(end for r in add_reports_to or [] for end in (r.person_id, r.manager_id)),
        *(end for e in add_influences for end in (e.source_id, e.target_id)),
        *(end for e in add_knows for end in (e.source_id, e.target_id)),
    ]
    named = await resolve_people(ws, [key_of(k, "Person") for k in given])

    def _person_key(value: str) -> str:
        key = key_of(value, "Person")
        return named.get(key, key)

    try:
        changes = WhatIfChanges(
            remove_people=[_person_key(p) for p in remove_people],
            remove_influences=[
                (_person_key(e.source_id), _person_key(e.target_id)) for e in remove_influences
            ],
            add_people=[_person_fields(p) for p in add_people or []],
            add_reports_to=[
                (_person_key(r.person_id), _person_key(r.manager_id)) for r in add_reports_to or []
            ],
            add_influences=[
                InfluenceEdge(_person_key(e.source_id), _person_key(e.target_id), e.weight, e.kind)
                for e in add_influences
            ],
            add_knows=[
                KnowsEdge(_person_key(e.source_id), _person_key(e.target_id), e.strength)
                for e in add_knows
            ],
        )
        answer = await deal_what_if(ws, analysis, changes)
    except AnalyticsInputError as e:
        raise ValidationFailed([("whatIf", e.message)]) from e
    return what_if_view(ws.workspace, analysis.G, answer)
