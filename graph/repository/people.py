"""People: create, update, delete, bulk upsert (CSV import calls :func:`upsert_people`), read.

A title without an explicit level infers one on the organisational ladder (marked inferred);
an explicit ``level_rank`` overrides it, and a later title change does not undo an explicit
level.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from graph.database.store import Row, WorkspaceStore, WorkspaceTransaction
from graph.errors import NotFound, ValidationFailed
from graph.history.recorder import Touched
from graph.model import PersonIn, PersonPatch, new_id, validate
from graph.repository.bulk import cap_inferred_levels, write_people
from graph.repository.person_keys import Named, read_people, write_naming
from graph.repository.sides import read_sides
from graph.repository.writes import (
    Mode,
    Page,
    batched,
    check_ids,
    claim_ids,
    ensure_ids,
    missing_references,
    read_page,
    validate_items,
)
from graph.rules.integrity import knows_problem, member_problem
from graph.rules.merging import EDIT, merge_values
from graph.rules.titles import infer_rank

__all__ = [
    "create_person",
    "delete_person",
    "get_people",
    "people_page",
    "reinfer_levels",
    "update_person",
    "upsert_people",
]


def _row(person_id: str, person: PersonPatch) -> Row:
    """The parameters of one ``people/upsert`` row: an explicit edit's values, as the one rule
    for writes naming a person says (:data:`graph.rules.merging.EDIT`; what an edit writes does
    not depend on what the person has, so nothing is read for it)."""
    given = person.model_fields_set
    values = person.model_dump(include=given - {"id", "organisation_id", "level_rank"})
    props = merge_values({}, values, EDIT).write
    rank = person.level_rank
    inferred = rank is None
    if inferred and "title" in given:
        rank = infer_rank(person.title)
    return {
        "id": person_id,
        "props": props,
        "set_organisation": "organisation_id" in given,
        "organisation_id": person.organisation_id,
        "rank": rank,
        "inferred": inferred,
    }


async def _check_sides(
    tx: WorkspaceTransaction, ids: Sequence[str], prefix: str, single: bool
) -> None:
    """Refuse moving people to a side their buying-centre roles or "knows" ties do not allow.

    Read after the move, in its transaction: the same rules, and reasons, as a membership or a
    tie written for them now (:mod:`graph.rules.integrity`).
    """
    ties = await tx.run("people/side_ties", {"ids": list(ids)})
    if not ties:
        return
    deals = {d for t in ties for d in t["deals"]}
    sides = await read_sides(tx.run, people=[t["id"] for t in ties], deals=deals)
    position = {id_: i for i, id_ in enumerate(ids)}
    problems: list[tuple[str, str]] = []
    for tie in ties:
        person = tie["id"]
        org, kind = sides.people[person]
        reasons = [member_problem(person, org, kind, sides.deals[d]) for d in sorted(tie["deals"])]
        if tie["knows"]:
            reasons.append(knows_problem(person, org, kind))
        field = "organisationId" if single else f"{prefix}[{position[person]}].organisationId"
        problems += [(field, r) for r in reasons if r is not None]
    if problems:
        raise ValidationFailed(problems)


async def _save(
    ws: WorkspaceStore,
    keys: Sequence[str | None],
    people: Sequence[PersonPatch],
    mode: Mode,
    prefix: str,
) -> list[str]:
    """Write ``people`` under ``keys`` (ids, or aliases naming people where ``mode`` is not
    ``create``; ``None`` for a new id) in one transaction; returns the ids written.

    The keys are read as the people they name in that transaction, under the workspace's lock,
    which an import adding aliases takes too (graph.imports.run): the check sees what the
    other committed, and an id an import made an alias meanwhile names its person.
    """
    refs = [p.organisation_id for p in people]
    # New ids for the items without one, before the transaction (a retry keeps them).
    generated = [k or new_id() for k in keys]

    def plan(named: Named) -> tuple[list[str], Touched]:
        if mode == "create":
            ids = generated  # checked already (ensure_ids)
        else:
            given = [named(k) if k else g for k, g in zip(keys, generated, strict=True)]
            ids = ensure_ids(given, prefix, named=keys)
        # The cap runs down from the people written: their reports' levels are recorded too.
        return ids, Touched(people=set(ids), below=set(ids))

    async def work(tx: WorkspaceTransaction, ids: list[str]) -> list[str]:
        rows = [_row(id_, p) for id_, p in zip(ids, people, strict=True)]
        organisation_ids = sorted({r for r in refs if r is not None})
        check = await tx.run("people/check", {"ids": ids, "organisation_ids": organisation_ids})
        single = len(ids) == 1 and mode != "upsert"
        check_ids(check[0], ids, mode, "person", prefix=prefix, single=single)
        if mode == "create":
            await claim_ids(tx.run, "people/claim", ids)
        missing = check[0]["missing_organisations"]
        missing_references(refs, missing, "organisation", "organisationId", prefix)
        for batch in batched(rows):
            await write_people(tx.run, batch)
        await cap_inferred_levels(tx.run, ids)
        moved = [r["id"] for r in rows if r["set_organisation"]]
        if moved and mode != "create":
            await _check_sides(tx, moved, prefix, single)
        return ids

    return await write_naming(ws, keys if mode != "create" else [], plan, work, lock=True)


async def create_person(ws: WorkspaceStore, data: Mapping[str, Any]) -> Row:
    """Create a person; the id is generated when not given. Returns the stored person."""
    person = validate(PersonIn, dict(data))
    ids = ensure_ids([person.id], "people")
    await _save(ws, ids, [person], "create", "people")
    return (await get_people(ws, ids))[0]


async def update_person(ws: WorkspaceStore, person_id: str, data: Mapping[str, Any]) -> Row:
    """Change the given fields of person ``person_id`` (their id or an alias; a ``None``
    clears a field)."""
    patch = validate(PersonPatch, dict(data))
    (person,) = await _save(ws, [person_id], [patch], "update", "people")
    return (await get_people(ws, [person]))[0]


async def upsert_people(ws: WorkspaceStore, items: Sequence[Mapping[str, Any]]) -> list[str]:
    """Create or update many people in one transaction; returns their ids in input order.

    Every item is validated first; any bad item (its index and field named) writes nothing.
    An item whose id is an alias updates the person it names (:mod:`.person_keys`, read in the
    writing transaction), as an edit (:data:`graph.rules.merging.EDIT`): the values given
    replace theirs. Two items naming one person (by id and by alias) are refused, naming the
    later one's ``people[i].id``.
    """
    people = validate_items(PersonIn, items, "people")
    if not people:
        return []
    return await _save(ws, [p.id for p in people], people, "upsert", "people")


async def reinfer_levels(ws: WorkspaceStore) -> list[tuple[str, str | None, int, int]]:
    """Infer every inferred level again from the title, with today's rule; explicit ones stay.

    The new levels stay marked inferred, and the org chart caps them again
    (:func:`graph.repository.bulk.cap_inferred_levels`). One transaction: all or nothing.
    Returns ``(id, title, old rank, new rank)`` for each person whose level changed.
    """

    inferred = {r["id"] for r in await ws.read("ladders/inferred_levels")}

    async def work(tx: WorkspaceTransaction) -> list[tuple[str, str | None, int, int]]:
        before = await tx.run("ladders/inferred_levels", {})
        rows = [
            {
                "id": r["id"],
                "props": {},
                "set_organisation": False,
                "organisation_id": None,
                "rank": infer_rank(r["title"]),
                "inferred": True,
            }
            for r in before
        ]
        for batch in batched([r for r in rows if r["rank"] is not None]):
            await write_people(tx.run, batch)
        ids: list[str] = [r["id"] for r in before]
        for chunk in batched(ids):
            await cap_inferred_levels(tx.run, chunk)
        after = {r["id"]: r["rank"] for r in await tx.run("ladders/inferred_levels", {})}
        return [
            (r["id"], r["title"], r["rank"], after[r["id"]])
            for r in before
            if r["id"] in after and after[r["id"]] != r["rank"]
        ]

    return await ws.transaction(work, Touched(people=inferred))


async def delete_person(ws: WorkspaceStore, person_id: str) -> str:
    """Delete a person, their edges and their journey events; returns the id deleted (the
    person's, where ``person_id`` is one of their aliases)."""

    def plan(named: Named) -> tuple[str, Touched]:
        return named(person_id), Touched(whole_people={named(person_id)})

    async def work(tx: WorkspaceTransaction, person: str) -> str:
        rows = await tx.run("people/delete", {"id": person})
        if not rows or rows[0]["deleted"] == 0:
            raise NotFound(f"no person {person_id!r} in this workspace", field="id", kind="person")
        return person

    return await write_naming(ws, [person_id], plan, work)


async def get_people(ws: WorkspaceStore, ids: Sequence[str]) -> list[Row]:
    """The people with ``ids`` that exist (one read for the whole list), a key that is an alias
    read as its person (:func:`graph.repository.person_keys.read_people`)."""

    async def read(keys: list[str]) -> dict[str, Row]:
        rows = await ws.read("people/get_many", {"ids": keys})
        return {r["person"]["id"]: r["person"] for r in rows}

    by_key = await read_people(ws, ids, read)
    return list({r["id"]: r for r in by_key.values()}.values())


async def people_page(
    ws: WorkspaceStore,
    *,
    first: int | None = None,
    after: str | None = None,
    search: str | None = None,
    organisation_id: str | None = None,
    role: str | None = None,
    stance: str | None = None,
    level_rank: int | None = None,
) -> Page:
    """A page of people ordered by id; ``search`` matches name or title, ignoring case."""
    return await read_page(
        ws,
        "people/page",
        first,
        after,
        search=search.strip().lower() if search and search.strip() else None,
        organisation_id=organisation_id,
        role=role,
        stance=stance,
        level_rank=level_rank,
    )
