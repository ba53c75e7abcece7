"""Organisations: create, update, delete, bulk upsert, partner links, reads."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from graph.database.store import Row, WorkspaceStore, WorkspaceTransaction
from graph.errors import NotFound
from graph.history.recorder import Touched
from graph.model import OrganisationIn, OrganisationPatch, PairIn, validate
from graph.repository.writes import (
    Mode,
    Page,
    batched,
    check_ids,
    claim_ids,
    ensure_ids,
    read_page,
    validate_items,
)

__all__ = [
    "add_partner",
    "create_organisation",
    "delete_organisation",
    "get_organisations",
    "organisation_people",
    "organisations_page",
    "partners_of",
    "people_with_organisations",
    "remove_partner",
    "update_organisation",
    "upsert_organisations",
]


def _row(organisation_id: str, organisation: OrganisationPatch) -> Row:
    given = organisation.model_fields_set - {"id"}
    return {"id": organisation_id, "props": organisation.model_dump(include=given, mode="json")}


async def _save(
    ws: WorkspaceStore, ids: list[str], items: Sequence[OrganisationPatch], mode: Mode
) -> None:
    rows = [_row(id_, o) for id_, o in zip(ids, items, strict=True)]

    async def work(tx: WorkspaceTransaction) -> None:
        check = await tx.run("organisations/check", {"ids": ids})
        single = len(ids) == 1 and mode != "upsert"
        check_ids(check[0], ids, mode, "organisation", prefix="organisations", single=single)
        if mode == "create":
            await claim_ids(tx.run, "organisations/claim", ids)
        for batch in batched(rows):
            await tx.run("organisations/upsert", {"rows": batch})

    await ws.transaction(work, Touched(organisations=set(ids)))


async def create_organisation(ws: WorkspaceStore, data: Mapping[str, Any]) -> Row:
    """Create an organisation (kind ``customer`` unless given). Returns it as stored."""
    organisation = validate(OrganisationIn, dict(data))
    ids = ensure_ids([organisation.id], "organisations")
    # Defaults (kind) count as given on create.
    full = OrganisationIn.model_validate(organisation.model_dump(exclude_none=True))
    await _save(ws, ids, [full], "create")
    return (await get_organisations(ws, ids))[0]


async def update_organisation(
    ws: WorkspaceStore, organisation_id: str, data: Mapping[str, Any]
) -> Row:
    """Change the given fields of an organisation (a ``None`` clears a field)."""
    patch = validate(OrganisationPatch, dict(data))
    await _save(ws, [organisation_id], [patch], "update")
    return (await get_organisations(ws, [organisation_id]))[0]


async def upsert_organisations(ws: WorkspaceStore, items: Sequence[Mapping[str, Any]]) -> list[str]:
    """Create or update many organisations in one transaction; their ids in input order.

    Every item is validated first; any bad item (index and field named) writes nothing.
    """
    organisations = validate_items(OrganisationIn, items, "organisations")
    ids = ensure_ids([o.id for o in organisations], "organisations")
    if organisations:
        await _save(ws, ids, organisations, "upsert")
    return ids


async def delete_organisation(ws: WorkspaceStore, organisation_id: str) -> None:
    """Delete an organisation with its deals; its people stay, without employer."""
    touched = Touched(whole_organisations={organisation_id})
    rows = await ws.write("organisations/delete", {"id": organisation_id}, touched=touched)
    if not rows or rows[0]["deleted"] == 0:
        raise NotFound(
            f"no organisation {organisation_id!r} in this workspace",
            field="id",
            kind="organisation",
        )


async def get_organisations(ws: WorkspaceStore, ids: Sequence[str]) -> list[Row]:
    """The organisations with ``ids`` that exist (one read)."""
    rows = await ws.read("organisations/get_many", {"ids": list(ids)})
    return [r["organisation"] for r in rows]


async def people_with_organisations(
    ws: WorkspaceStore, person_ids: Sequence[str]
) -> list[tuple[Row, Row | None]]:
    """The people with ``person_ids`` that exist, each with the organisation they work at.

    One read (the people's own statement): a person and their employer are usually wanted
    together, and reading both at once spares the second round trip.
    """
    rows = await ws.read("people/get_many", {"ids": list(person_ids)})
    return [(r["person"], r["organisation"]) for r in rows]


async def organisations_page(
    ws: WorkspaceStore,
    *,
    first: int | None = None,
    after: str | None = None,
    kind: str | None = None,
    search: str | None = None,
    **segment: str | None,
) -> Page:
    """A page of organisations by id, filtered by kind, name and segment fields.

    ``segment`` keys: industry, size_band, revenue_band, country, region, technology.
    """
    filters = {k: segment.get(k) for k in _SEGMENT}
    needle = search.strip().lower() if search and search.strip() else None
    return await read_page(
        ws, "organisations/page", first, after, kind=kind, search=needle, **filters
    )


_SEGMENT = ("industry", "size_band", "revenue_band", "country", "region", "technology")


async def _missing_organisations(tx: WorkspaceTransaction, pair: PairIn) -> None:
    rows = await tx.run("organisations/missing", {"ids": [pair.source_id, pair.target_id]})
    for field, id_ in (("sourceId", pair.source_id), ("targetId", pair.target_id)):
        if id_ in rows[0]["missing"]:
            raise NotFound(
                f"no organisation {id_!r} in this workspace", field=field, kind="organisation"
            )


def _partners(pair: PairIn) -> Touched:
    ends = sorted((pair.source_id, pair.target_id))
    return Touched(partners={(ends[0], ends[1])})


async def add_partner(ws: WorkspaceStore, data: Mapping[str, Any]) -> None:
    """Link two organisations as partners (one undirected link; repeating it changes nothing)."""
    pair = validate(PairIn, dict(data))

    async def work(tx: WorkspaceTransaction) -> None:
        await _missing_organisations(tx, pair)
        await tx.run("organisations/add_partner", pair.model_dump())

    await ws.transaction(work, _partners(pair))


async def remove_partner(ws: WorkspaceStore, data: Mapping[str, Any]) -> None:
    """Remove the partner link between two organisations."""
    pair = validate(PairIn, dict(data))
    rows = await ws.write(
        "organisations/remove_partner", pair.model_dump(), touched=_partners(pair)
    )
    if rows[0]["deleted"] == 0:
        raise NotFound("these organisations are not partners", field="targetId", kind="partner")


async def _grouped(ws: WorkspaceStore, name: str, ids: Sequence[str]) -> dict[str, list[Row]]:
    grouped: dict[str, list[Row]] = {}
    for row in await ws.read(name, {"ids": list(ids)}):
        grouped.setdefault(row["key"], []).append(row)
    return grouped


async def organisation_people(ws: WorkspaceStore, ids: Sequence[str]) -> dict[str, list[Row]]:
    """People working at each organisation (rows with ``person``), one read."""
    return await _grouped(ws, "organisations/people", ids)


async def partners_of(ws: WorkspaceStore, ids: Sequence[str]) -> dict[str, list[Row]]:
    """Partner organisations of each organisation (rows with ``organisation``), one read."""
    return await _grouped(ws, "organisations/partners", ids)
