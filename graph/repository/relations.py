"""Edges between people: INFLUENCES, KNOWS, REPORTS_TO; written in bulk, read in batches.

Both ends of every edge are matched within the workspace, so an edge never crosses one.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Any

from pydantic import ValidationError

from graph.database.store import Row, WorkspaceStore, WorkspaceTransaction
from graph.errors import NotFound, ValidationFailed
from graph.history.recorder import Touched
from graph.model import InfluenceIn, KnowsIn, PairIn, validate
from graph.model.common import ReportingLine, validation_failed, vocabulary
from graph.repository.bulk import cap_inferred_levels, edge_rows, write_influences
from graph.repository.person_keys import Named, keys_in, write_naming
from graph.repository.sides import read_sides
from graph.repository.writes import batched, validate_items
from graph.rules.integrity import knows_problem, reporting_cycle
from graph.rules.reporting import ReportingLines

__all__ = [
    "add_reports_to",
    "delete_influence",
    "delete_knows",
    "people_with_neighbours",
    "related_people",
    "remove_reports_to",
    "reported_ties",
    "upsert_influence",
    "upsert_influences",
    "upsert_knows",
    "upsert_one_knows",
]

RELATED = (
    "influencers",
    "influencers_above",
    "influences",
    "knows",
    "known_by",
    "managers",
    "reports",
)
"""The kinds of neighbour of a person that :func:`related_people` reads. ``influencers_above``
are the influencers of higher status (:data:`graph.analytics.status.HIGHER_STATUS`): filtered
in the database, so only they are sent."""


_ENDS = ("source_id", "target_id")
"""The fields of an edge's input naming people (ids or aliases, :mod:`.person_keys`)."""
_INFLUENCE_ENDS = (*_ENDS, "reported_by")


def _check_people(
    named: Named,
    pairs: Sequence[PairIn],
    prefix: str,
    names: tuple[str, str] = ("sourceId", "targetId"),
) -> None:
    """Refuse ends that name no person of the workspace (by id or alias), naming the field."""
    ends = [
        [(names[0], p.source_id), (names[1], p.target_id)]
        + ([("reportedBy", p.reported_by)] if isinstance(p, InfluenceIn) and p.reported_by else [])
        for p in pairs
    ]
    people = set(named.ids.values())
    bad = [(i, field, id_) for i, e in enumerate(ends) for field, id_ in e if id_ not in people]
    if not bad:
        return
    if len(pairs) == 1:
        _, field, id_ = bad[0]
        raise NotFound(f"no person {id_!r} in this workspace", field=field, kind="person")
    raise ValidationFailed(
        [
            (f"{prefix}[{i}].{field}", f"no person {id_!r} in this workspace")
            for i, field, id_ in bad
        ]
    )


def _refused(problems: list[tuple[int, str, str]], prefix: str, single: bool) -> ValidationFailed:
    """The rule's refusals as a validation error: (index, field, reason) each."""
    if single:  # errors name the input's own fields
        return ValidationFailed([(field, reason) for _, field, reason in problems])
    return ValidationFailed([(f"{prefix}[{i}].{field}", reason) for i, field, reason in problems])


async def _check_knows(
    tx: WorkspaceTransaction, pairs: Sequence[PairIn], prefix: str, single: bool
) -> None:
    """Refuse ties that do not start at one of our people or a partner's (the model's rule)."""
    sides = await read_sides(tx.run, people={p.source_id for p in pairs})
    problems = [
        (i, "sourceId", problem)
        for i, p in enumerate(pairs)
        if (problem := knows_problem(p.source_id, *sides.people[p.source_id])) is not None
    ]
    if problems:
        raise _refused(problems, prefix, single)


_EDGE_TYPE = {
    "relations/upsert_influences": "INFLUENCES",
    "relations/upsert_knows": "KNOWS",
    "relations/delete_influence": "INFLUENCES",
    "relations/delete_knows": "KNOWS",
    "relations/remove_reports_to": "REPORTS_TO",
}
"""The relationship type each edge statement writes (the fact it changes, for history)."""


def _touched(name: str, pairs: Sequence[PairIn]) -> Touched:
    return Touched(edges={(_EDGE_TYPE[name], p.source_id, p.target_id) for p in pairs})


async def _upsert_edges(
    ws: WorkspaceStore,
    name: str,
    model: type[PairIn],
    items: Sequence[Mapping[str, Any]],
    prefix: str,
    *,
    single: bool = False,
) -> int:
    """Validate and write ``items`` (edges by ``name``); their ends, ids or aliases, are read
    as the people they name in the writing transaction (:func:`.person_keys.write_naming`)."""
    ends = _INFLUENCE_ENDS if model is InfluenceIn else _ENDS

    def plan(named: Named) -> tuple[list[PairIn], Touched]:
        resolved = [named.fields(item, ends) for item in items]
        if single:
            pairs = [validate(model, resolved[0])]
        else:
            pairs = list(validate_items(model, resolved, prefix))
        _check_people(named, pairs, prefix)
        return pairs, _touched(name, pairs)

    async def work(tx: WorkspaceTransaction, pairs: list[PairIn]) -> int:
        if name == "relations/upsert_knows":
            await _check_knows(tx, pairs, prefix, single)
        written = 0
        for batch in batched(edge_rows(name, (p.model_dump() for p in pairs))):
            if name == "relations/upsert_influences":
                written += await write_influences(tx.run, batch, ws.origin.actor)
            else:
                written += (await tx.run(name, {"rows": batch}))[0]["written"]
        return written

    return await write_naming(ws, keys_in(items, ends), plan, work)


async def upsert_influences(ws: WorkspaceStore, items: Sequence[Mapping[str, Any]]) -> int:
    """Create or replace INFLUENCES edges (weight 0..1); all validated first, all or nothing."""
    return await _upsert_edges(ws, "relations/upsert_influences", InfluenceIn, items, "influences")


async def upsert_influence(ws: WorkspaceStore, data: Mapping[str, Any]) -> int:
    """Create or replace one INFLUENCES edge; errors name the input's own fields."""
    validate(InfluenceIn, dict(data))  # bad input is refused before any read
    name = "relations/upsert_influences"
    return await _upsert_edges(ws, name, InfluenceIn, [data], "influences", single=True)


async def upsert_one_knows(ws: WorkspaceStore, data: Mapping[str, Any]) -> int:
    """Create or replace one KNOWS edge; errors name the input's own fields."""
    validate(KnowsIn, dict(data))
    return await _upsert_edges(ws, "relations/upsert_knows", KnowsIn, [data], "knows", single=True)


async def upsert_knows(ws: WorkspaceStore, items: Sequence[Mapping[str, Any]]) -> int:
    """Create or replace KNOWS edges (strength 0..1, last contact)."""
    return await _upsert_edges(ws, "relations/upsert_knows", KnowsIn, items, "knows")


async def add_reports_to(
    ws: WorkspaceStore, person_id: str, manager_id: str, line: str | None = None
) -> str:
    """``person_id`` reports to ``manager_id``; a person may have several managers.

    ``line`` is ``solid`` or ``matrix``; without it the first manager is the solid line and a
    second one a matrix line (:mod:`graph.rules.reporting`). Returns the line's kind.
    """
    try:
        PairIn(source_id=person_id, target_id=manager_id)
        kind = ReportingLine(line).value if line is not None else None
    except ValidationError as e:
        raise validation_failed(e) from e
    except ValueError as e:
        choices = ", ".join(vocabulary(ReportingLine))
        raise ValidationFailed([("line", f"{line!r} is not one of {choices}")]) from e

    def plan(named: Named) -> tuple[PairIn, Touched]:
        try:
            pair = PairIn(source_id=named(person_id), target_id=named(manager_id))
        except ValidationError as e:  # the two keys name one person
            raise validation_failed(e) from e
        _check_people(named, [pair], "reportsTo", ("personId", "managerId"))
        edge = ("REPORTS_TO", pair.source_id, pair.target_id)
        return pair, Touched(people={pair.source_id}, edges={edge}, below={pair.source_id})

    async def work(tx: WorkspaceTransaction, pair: PairIn) -> str:
        person, manager = pair.source_id, pair.target_id
        # Read in the writing transaction, which holds both people: no line closing the
        # cycle can commit in between.
        chain = await tx.run(
            "relations/reporting_path", {"person_id": person, "manager_id": manager}
        )
        if chain:
            cycle = reporting_cycle([person, *chain[0]["ids"]], through_stored=True)
            raise ValidationFailed([("managerId", cycle)])
        managers = await tx.run("relations/manager_lines", {"person_id": person})
        lines = ReportingLines((person, m["manager_id"], m["line"]) for m in managers)
        written = lines.assign(person, manager, kind)
        await tx.run("relations/add_reports_to", {**pair.model_dump(), "line": written})
        await cap_inferred_levels(tx.run, [person])
        return written

    return await write_naming(ws, [person_id, manager_id], plan, work)


async def _delete(ws: WorkspaceStore, name: str, data: Mapping[str, Any], what: str) -> None:
    validate(PairIn, dict(data))

    def plan(named: Named) -> tuple[PairIn, Touched]:
        pair = validate(PairIn, named.fields(data, _ENDS))
        return pair, _touched(name, [pair])

    async def work(tx: WorkspaceTransaction, pair: PairIn) -> None:
        if (await tx.run(name, pair.model_dump()))[0]["deleted"] == 0:
            raise NotFound(f"no such {what} edge in this workspace", field="targetId", kind=what)

    await write_naming(ws, keys_in([data], _ENDS), plan, work)


async def remove_reports_to(ws: WorkspaceStore, person_id: str, manager_id: str) -> None:
    """Remove one reporting line."""
    data = {"source_id": person_id, "target_id": manager_id}
    await _delete(ws, "relations/remove_reports_to", data, "reports-to")


async def delete_influence(ws: WorkspaceStore, data: Mapping[str, Any]) -> None:
    """Remove the INFLUENCES edge source → target."""
    await _delete(ws, "relations/delete_influence", data, "influence")


async def delete_knows(ws: WorkspaceStore, data: Mapping[str, Any]) -> None:
    """Remove the KNOWS edge source → target."""
    await _delete(ws, "relations/delete_knows", data, "knows")


async def people_with_neighbours(
    ws: WorkspaceStore,
    relations: Collection[str],
    person_ids: Sequence[str],
    *,
    with_workspace: bool = False,
) -> tuple[Row | None, dict[str, Row]]:
    """The people with ``person_ids`` that exist, by id, with their neighbours: one read.

    Each value has ``person`` (with ``organisation_id`` and ``level``), the ``organisation``
    they work at (or ``None``), and one list per name in ``relations`` (names from
    :data:`RELATED`): rows with ``person`` (the neighbour) and, for weighted relations,
    ``edge``. Relations not asked for are not read (the statement filters them out before
    expanding). With ``with_workspace`` the workspace's own row comes in the same read
    (``None`` if it does not exist).
    """
    unknown = set(relations) - set(RELATED)
    if unknown:
        raise ValueError(f"unknown relations {sorted(unknown)}; choose from {RELATED}")
    flags = {name: name in relations for name in RELATED}
    params = {"ids": list(person_ids), "with_workspace": with_workspace, **flags}
    row = (await ws.read("relations/neighbours", params))[0]
    return row["workspace"], {found["key"]: found for found in row["people"]}


async def related_people(
    ws: WorkspaceStore, relations: Collection[str], person_ids: Sequence[str]
) -> dict[tuple[str, str], list[Row]]:
    """Neighbours of each person by each of ``relations``, keyed by (relation, person id).

    One read for every relation and person together (see :func:`people_with_neighbours`).
    """
    _, found = await people_with_neighbours(ws, relations, person_ids)
    return {(name, key): row[name] for key, row in found.items() for name in relations}


async def reported_ties(ws: WorkspaceStore, deal_id: str | None = None) -> list[Row]:
    """The influence ties two or more observers reported, in the workspace or moving a member
    of deal ``deal_id``'s buying centre: ``source``, ``target`` (ids and ``*_name``) and the
    ``edge``'s properties, its reports among them (:func:`graph.rules.consensus.reports_of`)."""
    return await ws.read("relations/reported_ties", {"deal_id": deal_id})
