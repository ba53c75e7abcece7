"""Deals, their buying centres (roles, stance) and each member's dated journey."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any, Literal

from graph.database.store import Row, WorkspaceStore, WorkspaceTransaction
from graph.errors import NotFound, ValidationFailed
from graph.history.recorder import Touched
from graph.model import DealIn, DealPatch, JourneyEventIn, MemberIn, new_id, validate
from graph.model.deal import KEPT_WHEN_LEFT_OUT
from graph.repository.person_keys import Named, write_naming
from graph.repository.sides import read_sides
from graph.repository.writes import Mode, Page, check_ids, claim_ids, ensure_ids, read_page
from graph.rules.integrity import member_problem

__all__ = [
    "MemberInfluencers",
    "create_deal",
    "deals_of_organisations",
    "deals_page",
    "deals_with_members",
    "delete_deal",
    "get_deals",
    "journeys",
    "record_journey_stage",
    "remove_member",
    "set_member",
    "update_deal",
]


async def _save(ws: WorkspaceStore, deal_id: str, deal: DealPatch, mode: Mode) -> None:
    given = deal.model_fields_set - {"id", "organisation_id"}
    row = {
        "id": deal_id,
        "props": deal.model_dump(include=given),
        "organisation_id": deal.organisation_id,
    }

    async def work(tx: WorkspaceTransaction) -> None:
        refs = [deal.organisation_id] if deal.organisation_id else []
        check = await tx.run("deals/check", {"ids": [deal_id], "organisation_ids": refs})
        check_ids(check[0], [deal_id], mode, "deal", prefix="deals", single=True)
        if check[0]["missing_organisations"]:
            raise NotFound(
                f"no organisation {deal.organisation_id!r} in this workspace",
                field="organisationId",
                kind="organisation",
            )
        if mode == "create":
            await claim_ids(tx.run, "deals/claim", [deal_id])
        await tx.run("deals/upsert", {"rows": [row]})

    await ws.transaction(work, Touched(deals={deal_id}))


async def create_deal(ws: WorkspaceStore, data: Mapping[str, Any]) -> Row:
    """Create a deal for an organisation of the workspace."""
    deal = validate(DealIn, dict(data))
    deal_id = ensure_ids([deal.id], "deals")[0]
    await _save(ws, deal_id, deal, "create")
    return (await get_deals(ws, [deal_id]))[0]


async def update_deal(ws: WorkspaceStore, deal_id: str, data: Mapping[str, Any]) -> Row:
    """Change a deal's name or organisation."""
    await _save(ws, deal_id, validate(DealPatch, dict(data)), "update")
    return (await get_deals(ws, [deal_id]))[0]


async def delete_deal(ws: WorkspaceStore, deal_id: str) -> None:
    """Delete a deal, its buying centre and its journey events."""
    rows = await ws.write("deals/delete", {"id": deal_id}, touched=Touched(whole_deals={deal_id}))
    if rows[0]["deleted"] == 0:
        raise NotFound(f"no deal {deal_id!r} in this workspace", field="id", kind="deal")


async def _require(tx: WorkspaceTransaction, deal_id: str, person_id: str, member: bool) -> None:
    found = (await tx.run("deals/missing", {"deal_id": deal_id, "person_id": person_id}))[0]
    if not found["deal_exists"]:
        raise NotFound(f"no deal {deal_id!r} in this workspace", field="dealId", kind="deal")
    if not found["person_exists"]:
        raise NotFound(
            f"no person {person_id!r} in this workspace", field="personId", kind="person"
        )
    if member and not found["is_member"]:
        raise NotFound(
            f"person {person_id!r} is not in the buying centre of deal {deal_id!r}; "
            "add them with setBuyingCentreMember first",
            field="personId",
            kind="member",
        )


async def set_member(ws: WorkspaceStore, data: Mapping[str, Any]) -> Row:
    """Put a person in a deal's buying centre, or change their roles, stance and stake.

    The stance and the stake fields (:data:`~graph.model.deal.KEPT_WHEN_LEFT_OUT`) left out of
    ``data`` keep their stored values (a new member's are unknown), so a client that edits only
    the roles erases neither the stance nor the stake. Returns the membership with the
    ``person_id`` of the person it is (their own id where ``data`` named them by alias).
    """
    validate(MemberIn, dict(data))  # bad input is refused before any read
    given = [f for f in KEPT_WHEN_LEFT_OUT if f in data]

    def plan(named: Named) -> tuple[MemberIn, Touched]:
        member = validate(MemberIn, named.fields(data, ("person_id",)))
        return member, Touched(members={(member.deal_id, member.person_id)})

    async def work(tx: WorkspaceTransaction, member: MemberIn) -> Row:
        params = member.model_dump(mode="json")
        params["roles"] = sorted(set(params["roles"]))
        params["given"] = given
        await _require(tx, member.deal_id, member.person_id, member=False)
        sides = await read_sides(tx.run, people=[member.person_id], deals=[member.deal_id])
        org, kind = sides.people[member.person_id]
        problem = member_problem(member.person_id, org, kind, sides.deals[member.deal_id])
        if problem is not None:
            raise ValidationFailed([("personId", problem)])
        row = (await tx.run("deals/set_member", params))[0]["member"]
        return {**row, "person_id": member.person_id}

    return await write_naming(ws, [data.get("person_id")], plan, work)


async def remove_member(ws: WorkspaceStore, deal_id: str, person_id: str) -> None:
    """Take a person out of a deal's buying centre (their journey in it goes too)."""

    def plan(named: Named) -> tuple[str, Touched]:
        return named(person_id), Touched(members={(deal_id, named(person_id))})

    async def work(tx: WorkspaceTransaction, person: str) -> None:
        rows = await tx.run("deals/remove_member", {"deal_id": deal_id, "person_id": person})
        if rows[0]["deleted"] == 0:
            raise NotFound(
                f"person {person_id!r} is not in the buying centre of deal {deal_id!r}",
                field="personId",
                kind="member",
            )

    await write_naming(ws, [person_id], plan, work)


async def record_journey_stage(ws: WorkspaceStore, data: Mapping[str, Any]) -> Row:
    """Record that a member reached a stage (now unless ``at`` is given).

    The member's current stage becomes the stage of their latest event by date. Returns the
    membership with the member's own ``person_id``, as :func:`set_member` does.
    """
    validate(JourneyEventIn, dict(data))  # bad input is refused before any read
    at, event_id = _now(), new_id()

    def plan(named: Named) -> tuple[JourneyEventIn, Touched]:
        event = validate(JourneyEventIn, named.fields(data, ("person_id",)))
        return event, Touched(members={(event.deal_id, event.person_id)})

    async def work(tx: WorkspaceTransaction, event: JourneyEventIn) -> Row:
        params = event.model_dump()
        params["stage"] = event.stage.value
        params["at"] = event.at or at
        params["id"] = event_id
        await _require(tx, event.deal_id, event.person_id, member=True)
        row = (await tx.run("deals/record_stage", params))[0]["member"]
        return {**row, "person_id": event.person_id}

    return await write_naming(ws, [data.get("person_id")], plan, work)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


async def get_deals(ws: WorkspaceStore, ids: Sequence[str]) -> list[Row]:
    """The deals with ``ids`` that exist (one read)."""
    return [r["deal"] for r in await ws.read("deals/get_many", {"ids": list(ids)})]


async def deals_page(
    ws: WorkspaceStore,
    *,
    first: int | None = None,
    after: str | None = None,
    organisation_id: str | None = None,
) -> Page:
    """A page of deals by id, optionally of one organisation."""
    return await read_page(ws, "deals/page", first, after, organisation_id=organisation_id)


async def _grouped(ws: WorkspaceStore, name: str, ids: Sequence[str]) -> dict[str, list[Row]]:
    grouped: dict[str, list[Row]] = defaultdict(list)
    for row in await ws.read(name, {"ids": list(ids)}):
        grouped[row["key"]].append(row)
    return grouped


async def deals_of_organisations(ws: WorkspaceStore, ids: Sequence[str]) -> dict[str, list[Row]]:
    """Deals per organisation id (one read)."""
    return await _grouped(ws, "deals/of_organisations", ids)


MemberInfluencers = Literal["influencers", "influencers_above"] | None
"""Which influencers of each buying-centre member are read with the members: every one, those
ranked above the member (as in :data:`graph.repository.relations.RELATED`), or none."""


async def deals_with_members(
    ws: WorkspaceStore,
    deal_ids: Sequence[str],
    *,
    members: bool = True,
    influencers: MemberInfluencers = None,
    organisations: bool = True,
    with_workspace: bool = False,
) -> tuple[Row | None, dict[str, Row]]:
    """The deals with ``deal_ids`` that exist, by id, each with its buying centre: one read.

    Each value has ``deal`` (as :func:`get_deals` reads it) and ``members`` (empty unless
    ``members``): rows with ``person``, ``member`` (roles, stance, stage), the person's
    ``organisation`` (``None`` if none, or if not ``organisations``) and ``influencers`` (rows
    with ``person`` and ``edge``, strongest first, chosen by ``influencers``), ordered by person
    id. People come with the properties the API shows, not every stored one. With
    ``with_workspace`` the workspace's own row comes in the same read (``None`` if it does not
    exist), so a request for a workspace's deal and its buying centre is one statement.
    """
    params = {
        "ids": list(deal_ids),
        "with_workspace": with_workspace,
        "with_members": members,
        "with_influencers": influencers is not None,
        "above_only": influencers == "influencers_above",
        "with_organisations": members and organisations,
    }
    row = (await ws.read("deals/members", params))[0]
    return row["workspace"], {found["key"]: found for found in row["deals"]}


async def journeys(
    ws: WorkspaceStore, pairs: Sequence[tuple[str, str]]
) -> dict[tuple[str, str], list[Row]]:
    """Journey events per (deal id, person id), oldest first (one read)."""
    params = [{"deal_id": d, "person_id": p} for d, p in pairs]
    grouped: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for row in await ws.read("deals/journeys", {"pairs": params}):
        grouped[(row["deal_id"], row["person_id"])].append(row["event"])
    return grouped
